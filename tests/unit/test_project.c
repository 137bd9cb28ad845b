/* Unit tests: project (info, settings, log) and store_log. */
#include <stdlib.h>
#include <unistd.h>

#include "qcode/project.h"
#include "unit.h"

static struct store *s;

TEST(info)
{
	struct qc_err e = QC_ERR_INIT;
	struct project_info pi;

	CHECK(project_info(s, &pi, &e) == 0);
	CHECK_STR(pi.title, "Mijn project");
	CHECK_STR(pi.lang, "nl");
	CHECK(pi.bytes > 0);
	CHECK_STR(pi.counts[0].name, "sources");
	for (int i = 0; i < PROJECT_NCOUNTS; i++)
		CHECK(pi.counts[i].n == 0);
	project_info_release(&pi);
	qc_err_release(&e);
}

TEST(settings)
{
	struct qc_err e = QC_ERR_INIT;
	struct project_rows r;
	int found = 0;

	CHECK(project_set(s, "funder", "ZonMw", &e) == 0);
	CHECK(project_set(s, "lang", "en", &e) == -QC_EUSAGE);
	CHECK_STR(e.msg.buf, "'lang' is changed with 'reindex --lang'");
	CHECK(project_set(s, "", "x", &e) == -QC_EUSAGE);
	CHECK(project_settings(s, &r, &e) == 0 && r.n >= 3);
	for (size_t i = 0; i < r.n; i++) {
		if (i)
			CHECK(strcmp(r.v[i - 1].cells[0], r.v[i].cells[0]) < 0);
		if (!strcmp(r.v[i].cells[0], "funder"))
			found = !strcmp(r.v[i].cells[1], "ZonMw");
	}
	CHECK(found);
	project_rows_release(&r);
	qc_err_release(&e);
}

TEST(log_newest_first)
{
	struct qc_err e = QC_ERR_INIT;
	struct project_rows r;
	int fts5;

	CHECK(store_log(s, "real-names", "show S1", &e) == 0);
	CHECK(project_log(s, 2, &r, &e) == 0 && r.n == 2);
	CHECK(r.n == 2 && !strcmp(r.v[0].cells[3], "real-names") &&
	      !strcmp(r.v[0].cells[4], "show S1") &&
	      !strcmp(r.v[1].cells[3], "project set") &&
	      !strcmp(r.v[1].cells[2], s->coder));
	project_rows_release(&r);
	CHECK(strlen(store_sqlite_version(&fts5)) > 0 && fts5 == 1);
	qc_err_release(&e);
}

int main(void)
{
	char path[] = "/tmp/qcode-unit-project-XXXXXX";
	int fd = mkstemp(path);
	struct qc_err e = QC_ERR_INIT;

	close(fd);
	unlink(path);
	if (store_create(path, "Mijn project", "nl", &s, &e) < 0)
		return 1;
	RUN(info);
	RUN(settings);
	RUN(log_newest_first);
	store_close(s);
	unlink(path);
	qc_err_release(&e);
	UNIT_DONE();
}
