/* Unit tests: coding (references, tagging, suggestions, retrieval with
 * filters, memos). */
#include <stdlib.h>
#include <string.h>
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
	CHECK_STR(e.msg.buf, "'S1:1@4-2' is not a reference (S3:17, S3:17-21,"
		  " S3:17@12-80 or hits)");
	qc_err_clear(&e);
	/* the forms of qc_ref_parse that name turns, and nothing else */
	{
		char *no[] = { "S1:", "S1:2-1", "S1:1@3", "S1:+1", "S1:1x",
			       "S1:1-", "X1:1", "S1:1@2-2" };
		char *yes[] = { "s1:1" };
		for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
			CHECK(coding_parse_refs(s, "t", no + i, 1, &sp, &e) ==
			      -QC_EUSAGE);
			qc_err_clear(&e);
		}
		CHECK(coding_parse_refs(s, "t", yes, 1, &sp, &e) == 0);
	}
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
	CHECK(coding_tag(s, code_id, &sp, coder, NULL, NULL, &a, &x, &e) == 0);
	CHECK(a == 2 && x == 0);
	CHECK(coding_tag(s, code_id, &sp, coder, NULL, NULL, &a, &x, &e) == 0);
	CHECK(a == 0 && x == 2);
	CHECK(count("SELECT count(*) FROM codings") == 2);
	CHECK(coding_untag(s, code_id, &sp, coder, &a, &e) == 0 && a == 2);
	CHECK(count("SELECT count(*) FROM codings") == 0);
	/* a code marked not codable (isCodable="false") codes nothing */
	store_exec(s, "UPDATE codes SET codable = 0", NULL);
	CHECK(coding_tag(s, code_id, &sp, coder, NULL, NULL, &a, &x, &e) == -QC_EDATA);
	CHECK(strstr(e.msg.buf, "is marked not codable") != NULL);
	CHECK(count("SELECT count(*) FROM codings") == 0);
	store_exec(s, "UPDATE codes SET codable = 1", NULL);
	qc_err_clear(&e);
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

TEST(retrieval)
{
	struct qc_err e = QC_ERR_INIT;
	struct coding_coded_opts o = { .code_id = code_id };
	struct coding_rows r = { 0 };
	struct coding_freq fq;
	struct coding_cooc co;
	struct coding_suggestions sg = { 0 };
	const char *refs[] = { "v", "V" };

	CHECK(coding_coded(s, &o, &r, &e) == 0);
	CHECK(r.n == 1);
	if (r.n) {
		CHECK_STR(r.v[0].speaker, "An");
		CHECK_STR(r.v[0].kind, "interview");
		CHECK_STR(r.v[0].coder, "t");
		CHECK_STR(r.v[0].memo, "");
		CHECK(r.v[0].start_cp == 0 && r.v[0].ordinal == 1);
	}
	coding_rows_release(&r);
	/* the filter's lists: kinds, sources with or without S */
	o.f.kind = "focus-group,interview";
	o.f.sources = "S9, 1";
	CHECK(coding_coded(s, &o, &r, &e) == 0 && r.n == 1);
	coding_rows_release(&r);
	o.f.sources = "S2";
	CHECK(coding_coded(s, &o, &r, &e) == 0 && r.n == 0);
	coding_rows_release(&r);
	o.f.sources = NULL;
	o.f.coder = "nobody";
	CHECK(coding_coded(s, &o, &r, &e) == 0 && r.n == 0);
	coding_rows_release(&r);

	CHECK(coding_freq(s, CODING_BY_KIND, &o.f, &fq, &e) == 0);
	CHECK(fq.ncodes == 0 && fq.ngroups == 0);
	coding_freq_release(&fq);
	o.f.coder = "t";
	CHECK(coding_freq(s, CODING_BY_KIND, &o.f, &fq, &e) == 0);
	CHECK(fq.ncodes == 1 && fq.ngroups == 1);
	if (fq.ncodes == 1 && fq.ngroups == 1) {
		CHECK_STR(fq.codes[0], "v");
		CHECK_STR(fq.groups[0], "interview");
		CHECK(fq.codings[0] == 1 && fq.total_sources[0] == 1);
	}
	coding_freq_release(&fq);

	/* the same code twice is counted once, labelled as first given */
	CHECK(coding_cooc(s, refs, 2, &o.f, 0, &co, &e) == 0);
	CHECK(co.n == 1 && co.m[0] == 0);
	if (co.n)
		CHECK_STR(co.codes[0], "v");
	coding_cooc_release(&co);
	refs[1] = "nope";
	CHECK(coding_cooc(s, refs, 2, &o.f, 0, &co, &e) == -QC_EDATA);
	CHECK(co.n == 0);
	qc_err_clear(&e);

	CHECK(coding_suggestions_list(s, 0, 1, &sg, &e) == 0 && sg.n == 2);
	if (sg.n)
		CHECK_STR(sg.v[0].status, "accepted");
	coding_suggestions_release(&sg);
	CHECK(coding_suggestions_list(s, code_id, 0, &sg, &e) == 0 && sg.n == 0);
	coding_suggestions_release(&sg);
	qc_err_release(&e);
}

TEST(memos)
{
	struct qc_err e = QC_ERR_INIT;
	struct coding_memos l = { 0 };
	long long id, first;
	const char *kind;
	char *text = NULL;

	CHECK(coding_memo_add(s, "project", coder, "P", NULL, &first, &e) == 0);
	CHECK(coding_memo_add(s, "S1", coder, "a source", NULL, &id, &e) == 0);
	CHECK(coding_memo_add(s, "S1:2", coder, "a turn", NULL, &id, &e) == 0);
	CHECK(coding_memo_add(s, "V", coder, "a code", NULL, &id, &e) == 0);
	CHECK(coding_memo_add(s, "S1:9", coder, "x", NULL, &id, &e) == -QC_EDATA);
	CHECK(coding_memo_add(s, "S1", coder, "", NULL, &id, &e) == -QC_EUSAGE);
	CHECK(coding_memo_target(s, "#999", &kind, &id, &e) == -QC_EDATA);
	qc_err_clear(&e);
	CHECK(coding_memo_target(s, "S1:2", &kind, &id, &e) == 0);
	CHECK_STR(kind, "segment");

	CHECK(coding_memo_list(s, NULL, &l, &e) == 0 && l.n == 4);
	coding_memos_release(&l);
	CHECK(coding_memo_list(s, "v", &l, &e) == 0 && l.n == 1);
	if (l.n) {
		CHECK_STR(l.v[0].target, "v");
		CHECK_STR(l.v[0].author, "t");
		CHECK_STR(l.v[0].text, "a code");
	}
	coding_memos_release(&l);

	CHECK(coding_memo_find(s, "x1", &id, NULL, &e) == -QC_EUSAGE);
	CHECK(coding_memo_find(s, "#999", &id, NULL, &e) == -QC_EDATA);
	qc_err_clear(&e);
	CHECK(coding_memo_update(s, first, "Q\n", 1, &e) == 0);
	CHECK(coding_memo_find(s, "#1", &id, &text, &e) == 0 && id == first);
	CHECK_STR(text, "Q");
	free(text);
	CHECK(coding_memo_remove(s, first, &e) == 0);
	CHECK(coding_memo_find(s, "1", &id, NULL, &e) == -QC_EDATA);
	CHECK(count("SELECT count(*) FROM memos") == 3);
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
	RUN(retrieval);
	RUN(memos);
	store_close(s);
	unlink(path);
	qc_err_release(&e);
	UNIT_DONE();
}
