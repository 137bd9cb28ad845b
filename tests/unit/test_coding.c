/* Unit tests: coding (references, tagging, suggestions). */
#include <stdlib.h>
#include <unistd.h>

#include "qcode/coding.h"
#include "qcode/import.h"
#include "unit.h"

static struct store *s;
static long long code_id, coder;

static long long count(const char *sql)
{
	struct qc_err e = QC_ERR_INIT;
	sqlite3_stmt *st = store_prepare(s, sql, &e);
	long long n = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	qc_err_release(&e);
	return n;
}

TEST(references)
{
	struct coding_spans sp = { 0 };
	struct qc_err e = QC_ERR_INIT;
	char *ok[] = { "S1:1", "S1:1-2", "S1:2@1-3" };
	char *bad[] = { "S1:9" }, *bad2[] = { "S1" }, *bad3[] = { "S1:1@4-2" };

	CHECK(coding_parse_refs(s, "t", ok, 3, &sp, &e) == 0);
	/* S1:1 twice is one span */
	CHECK(sp.n == 3);
	CHECK(sp.v[2].end_cp - sp.v[2].start_cp == 2);
	coding_spans_release(&sp);
	CHECK(coding_parse_refs(s, "t", bad, 1, &sp, &e) == -QC_EDATA);
	qc_err_clear(&e);
	CHECK(coding_parse_refs(s, "t", bad2, 1, &sp, &e) == -QC_EUSAGE);
	qc_err_clear(&e);
	CHECK(coding_parse_refs(s, "t", bad3, 1, &sp, &e) == -QC_EUSAGE);
	coding_spans_release(&sp);
	qc_err_release(&e);
}

TEST(tag_untag)
{
	struct coding_spans sp = { 0 };
	struct qc_err e = QC_ERR_INIT;
	char *r[] = { "S1:1-2" };
	long long a, x;

	CHECK(coding_parse_refs(s, "t", r, 1, &sp, &e) == 0);
	CHECK(coding_tag(s, code_id, &sp, coder, NULL, &a, &x, &e) == 0);
	CHECK(a == 2 && x == 0);
	CHECK(coding_tag(s, code_id, &sp, coder, NULL, &a, &x, &e) == 0);
	CHECK(a == 0 && x == 2);
	CHECK(count("SELECT count(*) FROM codings") == 2);
	CHECK(coding_untag(s, code_id, &sp, coder, &a, &e) == 0 && a == 2);
	CHECK(count("SELECT count(*) FROM codings") == 0);
	coding_spans_release(&sp);
	qc_err_release(&e);
}

TEST(autocode_once)
{
	struct qc_err e = QC_ERR_INIT;
	long long added, matches, done;

	CHECK(coding_autocode(s, NULL, 0, &added, &matches, &e) == 0);
	CHECK(matches == 2 && added == 2);
	CHECK(coding_autocode(s, NULL, 0, &added, &matches, &e) == 0);
	CHECK(matches == 2 && added == 0);
	CHECK(coding_decide(s, 1, NULL, 0, 1, 0, coder, "t", &done, &e) == 0);
	CHECK(done == 2);
	/* two matches in one turn: one coding of the turn */
	CHECK(count("SELECT count(*) FROM codings") == 1);
	CHECK(count("SELECT count(*) FROM suggestions WHERE status = 'accepted'") == 2);
	qc_err_release(&e);
}

int main(void)
{
	char path[] = "/tmp/qcode-unit-coding-XXXXXX";
	int fd = mkstemp(path);
	struct qc_err e = QC_ERR_INIT;
	struct import_doc d;
	struct import_result res;
	struct import_opts o = { .kind = "interview" };
	const char *t = "An: Vertrouwen is alles, echt vertrouwen.\nBo: Ja.\n";

	close(fd);
	unlink(path);
	if (store_create(path, "t", "nl", &s, &e) < 0)
		return 1;
	import_doc_init(&d);
	import_parse(t, strlen(t), "x.txt", NULL, &d, &e);
	import_store_doc(s, &d, "x.txt", &o, &res, &e);
	import_doc_release(&d);
	store_exec(s, "INSERT INTO codes(guid, short_id, name, patterns) VALUES"
		   " ('A', 'v', 'V', '(?i)vertrouw\\w*')", &e);
	code_id = sqlite3_last_insert_rowid(s->db);
	store_coder_id(s, "t", &coder, &e);
	RUN(references);
	RUN(tag_untag);
	RUN(autocode_once);
	store_close(s);
	unlink(path);
	qc_err_release(&e);
	UNIT_DONE();
}
