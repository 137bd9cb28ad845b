/* Unit tests: sources (find, list, set, turns, participants, remove). */
#include <stdlib.h>
#include <unistd.h>

#include "qcode/import.h"
#include "qcode/sources.h"
#include "unit.h"

static struct store *s;

static void import_text(const char *t, const char *kind)
{
	struct qc_err e = QC_ERR_INIT;
	struct import_doc d;
	struct import_result res;
	struct import_opts o = { .kind = kind };

	import_doc_init(&d);
	import_parse(t, strlen(t), "x.txt", NULL, &d, &e);
	import_store_doc(s, &d, "x.txt", &o, &res, &e);
	import_doc_release(&d);
	qc_err_release(&e);
}

TEST(find)
{
	struct qc_err e = QC_ERR_INIT;
	long long id = 0;

	CHECK(sources_find(s, "S1", &id, &e) == 0 && id == 1);
	CHECK(sources_find(s, "s2", &id, &e) == 0 && id == 2);
	CHECK(sources_find(s, "S3", &id, &e) == -QC_EDATA);
	CHECK_STR(e.msg.buf, "no source S3 (see 'qcode sources')");
	CHECK(sources_find(s, "S+1", &id, &e) == -QC_EUSAGE);
	CHECK(sources_find(s, "S0", &id, &e) == -QC_EUSAGE);
	CHECK(sources_find(s, "S1:2", &id, &e) == -QC_EUSAGE);
	qc_err_release(&e);
}

TEST(list_and_set)
{
	struct qc_err e = QC_ERR_INIT;
	struct sources_rows r;
	struct sources_filter all = { NULL, NULL, NULL };
	struct sources_filter obs = { "observation", NULL, NULL };
	struct sources_filter wijk = { NULL, "wijk", "Voorhof" };
	const char *attrs[] = { "wijk=Voorhof" }, *bad[] = { "=x" };
	struct sources_change c = { .title = "Huisbezoek", .attrs = attrs,
				    .nattrs = 1 };
	long long id;

	CHECK(sources_list(s, &all, &r, &e) == 0 && r.n == 2);
	CHECK(r.n == 2 && r.v[0].id == 1 && r.v[0].turns == 2 &&
	      r.v[0].speakers == 2 && !strcmp(r.v[1].kind, "observation"));
	sources_rows_release(&r);
	CHECK(sources_list(s, &obs, &r, &e) == 0 && r.n == 1 && r.v[0].id == 2);
	sources_rows_release(&r);
	CHECK(sources_set(s, "S2", &c, &id, &e) == 0 && id == 2);
	CHECK(sources_list(s, &wijk, &r, &e) == 0 && r.n == 1 &&
	      !strcmp(r.v[0].title, "Huisbezoek"));
	sources_rows_release(&r);
	/* a change of nothing, a bad kind, date or attribute is refused */
	memset(&c, 0, sizeof(c));
	CHECK(sources_set(s, "S2", &c, &id, &e) == -QC_EUSAGE);
	c.kind = "novel";
	CHECK(sources_set(s, "S2", &c, &id, &e) == -QC_EUSAGE);
	c.kind = NULL;
	c.date = "2025-02-30";
	CHECK(sources_set(s, "S2", &c, &id, &e) == -QC_EUSAGE);
	c.date = NULL;
	c.attrs = bad;
	c.nattrs = 1;
	CHECK(sources_set(s, "S2", &c, &id, &e) == -QC_EUSAGE);
	/* the kind alone is a change */
	memset(&c, 0, sizeof(c));
	c.kind = "interview";
	CHECK(sources_set(s, "S2", &c, &id, &e) == 0);
	CHECK(sources_list(s, &obs, &r, &e) == 0 && r.n == 0);
	sources_rows_release(&r);
	qc_err_release(&e);
}

TEST(turns_and_participants)
{
	struct qc_err e = QC_ERR_INIT;
	struct sources_turns_opts o = { "S1", 2, -1, 0, 0 };
	struct sources_turns t;
	struct sources_participants_opts po = { "S1", 0 };
	struct sources_participants p;
	int changed;

	CHECK(sources_turns(s, &o, &t, &e) == 0 && t.source == 1 && t.n == 1);
	CHECK(t.n == 1 && t.v[0].ordinal == 2 && !strcmp(t.v[0].speaker, "Bo") &&
	      !strcmp(t.v[0].text, "Ja.") && t.v[0].start_ms == -1 &&
	      !strcmp(t.v[0].codes, ""));
	sources_turns_release(&t);
	CHECK(sources_participant_set(s, "S1", "An", "ouder", "Ouder 1",
				      &changed, &e) == 0 && changed == 1);
	CHECK(sources_participant_set(s, "S1", "Nobody", "ouder", NULL,
				      &changed, &e) == -QC_EDATA);
	CHECK(sources_participant_set(s, "S1", "An", NULL, NULL, &changed,
				      &e) == -QC_EUSAGE);
	CHECK(sources_participants(s, &po, &p, &e) == 0 && p.n == 2);
	CHECK(p.n == 2 && !strcmp(p.v[0].speaker, "Ouder 1") &&
	      !strcmp(p.v[0].role, "ouder") && p.v[0].turns == 1 &&
	      p.v[0].words == 4);
	sources_participants_release(&p);
	po.real_names = 1;
	CHECK(sources_participants(s, &po, &p, &e) == 0 && p.n == 2 &&
	      !strcmp(p.v[0].speaker, "An"));
	sources_participants_release(&p);
	o.from = 1;
	CHECK(sources_turns(s, &o, &t, &e) == 0 && t.n == 2 &&
	      !strcmp(t.v[0].speaker, "Ouder 1"));
	{
		long long segs[] = { 1, 999 };
		char **labels;
		CHECK(sources_speaker_labels(s, segs, 2, &labels, &e) == 0);
		CHECK_STR(labels[0], "An");
		CHECK(labels[1] == NULL);
		free(labels[0]);
		free(labels);
	}
	sources_turns_release(&t);
	qc_err_release(&e);
}

TEST(ids_and_remove)
{
	struct qc_err e = QC_ERR_INIT;
	char **ids;
	size_t n = sources_ids(s, &ids);
	long long id;

	CHECK(n == 2 && !strcmp(ids[0], "S1") && !strcmp(ids[1], "S2"));
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	CHECK(sources_remove(s, "S2", 0, &id, &e) == 0 && id == 2);
	CHECK(sources_find(s, "S2", &id, &e) == -QC_EDATA);
	n = sources_ids(s, &ids);
	CHECK(n == 1);
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	qc_err_release(&e);
}

int main(void)
{
	char path[] = "/tmp/qcode-unit-sources-XXXXXX";
	int fd = mkstemp(path);
	struct qc_err e = QC_ERR_INIT;

	close(fd);
	unlink(path);
	if (store_create(path, "t", "nl", &s, &e) < 0)
		return 1;
	import_text("An: Vertrouwen is alles, echt.\nBo: Ja.\n", "interview");
	import_text("Cas: Het huis.\n", "observation");
	RUN(find);
	RUN(list_and_set);
	RUN(turns_and_participants);
	RUN(ids_and_remove);
	store_close(s);
	unlink(path);
	qc_err_release(&e);
	UNIT_DONE();
}
