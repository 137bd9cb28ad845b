/* Unit tests: search (query rewriting, --exact, KWIC, runs on a project). */
#include <stdlib.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "qcode/search.h"
#include "qcode/text.h"
#include "qcode/store.h"
#include "unit.h"

static char *rewrite(const char *q)
{
	struct qc_buf b = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;

	if (search_rewrite(q, &b, &e) < 0) {
		qc_buf_release(&b);
		char *m = xasprintf("ERR %s", e.msg.buf);
		qc_err_release(&e);
		return m;
	}
	return qc_buf_detach(&b, NULL);
}

#define CHECK_REWRITE(q, want)                                               \
	do {                                                                 \
		char *g = rewrite(q);                                        \
		CHECK_STR(g, want);                                          \
		free(g);                                                     \
	} while (0)

TEST(rewrite_quotes_words_and_keeps_operators)
{
	CHECK_REWRITE("pre-eclampsie", "\"pre-eclampsie\"");
	CHECK_REWRITE("'s avonds", "\"'s\" \"avonds\"");
	CHECK_REWRITE("a AND b OR c", "\"a\" AND \"b\" OR \"c\"");
	CHECK_REWRITE("a AND NOT b", "\"a\" NOT \"b\"");
	CHECK_REWRITE("vertrouw*", "\"vertrouw\"*");
	CHECK_REWRITE("\"warme overdracht\"", "\"warme overdracht\"");
	CHECK_REWRITE("NEAR(warme overdracht, 5)",
		      "NEAR(\"warme\" \"overdracht\", 5)");
	CHECK_REWRITE("speaker:moeder", "speaker : \"moeder\"");
	CHECK_REWRITE("(a OR b) c", "(\"a\" OR \"b\") AND \"c\"");
	CHECK_REWRITE("c (a OR b)", "\"c\" AND (\"a\" OR \"b\")");
	CHECK_REWRITE("(a) OR (b) c", "(\"a\") OR (\"b\") AND \"c\"");
	CHECK_REWRITE("NEAR(a b) c", "NEAR(\"a\" \"b\") \"c\"");
	CHECK_REWRITE("and or", "\"and\" \"or\"");
}

TEST(rewrite_refuses_bad_queries_in_plain_words)
{
	char *g = rewrite("\"open");
	CHECK(strncmp(g, "ERR unbalanced quote", 20) == 0);
	free(g);
	g = rewrite("AND x");
	CHECK(strstr(g, "'AND' needs a word before it") != NULL);
	free(g);
	g = rewrite("x OR");
	CHECK(strstr(g, "'OR' needs a word after it") != NULL);
	free(g);
	g = rewrite("(x");
	CHECK(strstr(g, "parenthesis") != NULL);
	free(g);
	g = rewrite("- ;");
	CHECK(strstr(g, "no words") != NULL);
	free(g);
}

TEST(kwic_cuts_at_words_and_marks_the_match)
{
	struct qc_buf b = QC_BUF_INIT;
	const char *t = "een twee drie vier vijf zes zeven";

	search_kwic(&b, t, strlen(t), 14, 18, 1, 0);
	CHECK_STR(b.buf, "…drie **vier** vijf…");
	qc_buf_reset(&b);
	search_kwic(&b, t, strlen(t), 0, 3, 2, 0);
	CHECK_STR(b.buf, "**een** twee drie…");
	qc_buf_reset(&b);
	search_kwic(&b, "a\nb.", 4, 2, 3, 5, 1);
	CHECK_STR(b.buf, "a \033[1;31mb\033[0m.");
	qc_buf_reset(&b);
	search_kwic_cp(&b, "één keer", strlen("één keer"), 0, 3, -1, 0);
	CHECK_STR(b.buf, "**één** keer");
	qc_buf_release(&b);
}

static struct store *project(const char *unit_case)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;

	unlink("search.db");
	CHECK(store_create("search.db", "T", "nl", &s, &e) == 0);
	CHECK(store_exec(s,
		"INSERT INTO sources(id, guid, kind, title, date, format, sha256,"
		" text, chars, words, imported_at, imported_by) VALUES"
		" (1, 'g', 'interview', 'I', '2024-01-01', 'txt', 'x', '', 0, 0,"
		" 'n', 't');"
		"INSERT INTO participants(id, source_id, label, role, pseudonym, guid)"
		" VALUES (1, 1, 'Moeder', 'ouder', 'Sanne', 'p');"
		"INSERT INTO segments(id, source_id, ordinal, participant_id, speaker,"
		" start_cp, end_cp, text) VALUES"
		" (1, 1, 1, 1, 'Moeder', 100, 140, 'Eén keer kwam een kraamzorg.'),"
		" (2, 1, 2, NULL, NULL, 200, 240, 'Daarna één keer; kwétsbaar.');"
		"INSERT INTO segments_fts(segments_fts) VALUES ('rebuild');",
		&e) == 0);
	qc_err_release(&e);
	return s;
}

TEST(search_folds_stems_and_checks_exact)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = project(unit_case);
	struct search_opts o = { .query = "één", .order_doc = 1 };
	struct search_result r = { 0 };

	CHECK(search_run(s, &o, &r, &e) == 0);
	CHECK(r.n == 3);	/* Eén, een, één */
	search_result_release(&r);
	o.exact = 1;
	CHECK(search_run(s, &o, &r, &e) == 0);
	CHECK(r.n == 1 && r.hits[0].segment_id == 2);
	CHECK(r.n == 1 && r.hits[0].start_cp == 207 && r.hits[0].end_cp == 210);
	search_result_release(&r);
	o.exact = 0;
	o.query = "kwetsbaar";
	CHECK(search_run(s, &o, &r, &e) == 0);
	CHECK(r.n == 1 && r.hits[0].speaker == NULL);
	search_result_release(&r);
	o.query = "keer";
	o.f.role = "ouder";
	CHECK(search_run(s, &o, &r, &e) == 0);
	CHECK(r.n == 1 && r.hits[0].speaker && strcmp(r.hits[0].speaker, "Sanne") == 0);
	CHECK(search_save_hits(s, "t", "keer", "", &r, &e) == 0);
	search_result_release(&r);
	char *q = NULL;
	CHECK(search_load_hits(s, "t", &q, &r, &e) == 0);
	CHECK_STR(q, "keer");
	CHECK(r.n == 1 && r.hits[0].start_cp == 104 && r.hits[0].mstart == 5);
	free(q);
	search_result_release(&r);
	store_close(s);
	qc_err_release(&e);
	unlink("search.db");
}

TEST(regex_reports_pcre2_errors_with_offset)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = project(unit_case);
	struct search_opts o = { .query = "(?i)k\\w+", .regex = 1, .limit = 2 };
	struct search_result r = { 0 };

	CHECK(search_run(s, &o, &r, &e) == 0);
	CHECK(r.n == 2 && r.more_hits && r.more_segments == 1);
	search_result_release(&r);
	o.query = "a(b";
	CHECK(search_run(s, &o, &r, &e) == -QC_EDATA);
	CHECK(strstr(e.msg.buf, "offset 3") != NULL);
	search_result_release(&r);
	store_close(s);
	qc_err_release(&e);
	unlink("search.db");
}

TEST(rewrite_caps_the_number_of_words)
{
	struct qc_buf q = QC_BUF_INIT, out = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;

	for (int i = 0; i < SEARCH_MAX_TERMS; i++)
		qc_buf_adds(&q, i % 2 ? "OR zorg " : "zorg ");
	CHECK(search_rewrite(q.buf, &out, &e) == 0);
	qc_buf_reset(&out);
	qc_buf_adds(&q, "\"laatste woord\"");
	CHECK(search_rewrite(q.buf, &out, &e) == -QC_EDATA);
	CHECK_STR(e.msg.buf, "query has more than 1000 terms");
	qc_buf_release(&q);
	qc_buf_release(&out);
	qc_err_release(&e);
}

/* The ranked search scores as bm25() when it reads every match (a
 * phrase's rows are then counted exactly), for words and OR. */
TEST(ranked_search_scores_as_bm25)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = project(unit_case);
	static const char *const q[] = { "keer", "een OR keer", "\"een keer\"",
		"kwetsbaar OR een" };

	for (size_t k = 0; k < sizeof(q) / sizeof(*q); k++) {
		struct search_opts o = { .query = q[k] };
		struct search_result r = { 0 };
		sqlite3_stmt *st = store_prepare(s, "SELECT bm25(segments_fts)"
			" FROM segments_fts WHERE segments_fts MATCH ? AND"
			" rowid = ?", &e);
		struct qc_buf m = QC_BUF_INIT;
		CHECK(st != NULL && search_rewrite(q[k], &m, &e) == 0);
		CHECK(search_run(s, &o, &r, &e) == 0 && r.n > 0);
		for (size_t i = 0; st && i < r.n; i++) {
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, m.buf, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, r.hits[i].segment_id);
			CHECK(sqlite3_step(st) == SQLITE_ROW);
			double b = sqlite3_column_double(st, 0);
			CHECK(r.hits[i].rank - b < 1e-9 && b - r.hits[i].rank < 1e-9);
		}
		sqlite3_finalize(st);
		qc_buf_release(&m);
		search_result_release(&r);
	}
	store_close(s);
	qc_err_release(&e);
	unlink("search.db");
}

/* A schema-2 project (its index of stems alone) gets the index of folded
 * words and marked stems the first time it is opened: gee* finds geen,
 * whose stem is gen, and geen still finds geen by its stem. */
TEST(schema_2_index_is_rebuilt_for_prefixes)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;
	struct search_opts o = { .query = "gee*", .order_doc = 1 };
	struct search_result r = { 0 };

	unlink("v2.db");
	CHECK(store_create("v2.db", "T", "nl", &s, &e) == 0);
	/* the turn is not in the index, as if indexed by another tokenizer */
	CHECK(store_exec(s, "INSERT INTO sources(id, guid, kind, title, format,"
		" sha256, text, chars, words, imported_at, imported_by) VALUES"
		" (1, 'g', 'interview', 'I', 'txt', 'x', 'Er is geen tijd.', 16,"
		" 4, 'n', 't');"
		"INSERT INTO segments(id, source_id, ordinal, start_cp, end_cp,"
		" text) VALUES (1, 1, 1, 0, 16, 'Er is geen tijd.');"
		"PRAGMA user_version=2", &e) == 0);
	store_close(s);
	CHECK(store_open("v2.db", &s, &e) == 0);
	CHECK(s && store_int(s, "PRAGMA user_version", -1) ==
	      store_schema_version());
	CHECK(search_run(s, &o, &r, &e) == 0);
	CHECK(r.n == 1 && r.hits[0].start_cp == 6 && r.hits[0].end_cp == 10);
	search_result_release(&r);
	o.query = "gen*";	/* the stem is no word of the text */
	CHECK(search_run(s, &o, &r, &e) == 0 && r.n == 0);
	search_result_release(&r);
	o.query = "geen";
	CHECK(search_run(s, &o, &r, &e) == 0 && r.n == 1);
	search_result_release(&r);
	store_close(s);
	qc_err_release(&e);
	unlink("v2.db");
}

/* ---- regex: the block scan against a turn-by-turn reference ---- */

/* The hits of the pattern found turn by turn, as a search means them:
 * each turn alone, empty matches skipped. */
struct ref_hit {
	long long seg;
	size_t ms, me;
	long long start_cp;
};

static size_t ref_scan(struct store *s, const char *pattern, const char *where,
		       struct ref_hit **out, long long *segments)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern,
				       PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	struct qc_err e = QC_ERR_INIT;
	char *sql = xasprintf("SELECT s.id, s.text, s.start_cp FROM segments s"
			      " JOIN sources src ON src.id = s.source_id"
			      " WHERE %s ORDER BY s.id", where);
	sqlite3_stmt *st = store_prepare(s, sql, &e);
	size_t n = 0, alloc = 0;

	*out = NULL;
	*segments = 0;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 1);
		size_t len = (size_t)sqlite3_column_bytes(st, 1), pos = 0;
		int any = 0;
		while (pos <= len && pcre2_match(re, (PCRE2_SPTR)t, len, pos, 0,
						 md, NULL) > 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			if (ov[1] == ov[0]) {
				pos = ov[0] + 1;
				while (pos < len && ((unsigned char)t[pos] & 0xC0)
				       == 0x80)
					pos++;
				continue;
			}
			QC_GROW(*out, n, alloc);
			(*out)[n].seg = sqlite3_column_int64(st, 0);
			(*out)[n].ms = ov[0];
			(*out)[n].me = ov[1];
			(*out)[n].start_cp = sqlite3_column_int64(st, 2) +
				(long long)text_cp_count(t, ov[0]);
			n++;
			any = 1;
			pos = ov[1];
		}
		*segments += any;
	}
	sqlite3_finalize(st);
	free(sql);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	qc_err_release(&e);
	return n;
}

/* Turns of tricky text (line breaks, spaces at the edges, empty turns,
 * non-ASCII, a turn longer than a block) in sources framed and not. */
static struct store *regex_project(const char *unit_case)
{
	static const char *const piece[] = { "a", "b", " ", "\n", "é", "É",
		"x", "ab", "ba ", ".", "\t", "ﬁ", "e\xcc\x81", "Ab\n" };
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;
	sqlite3_stmt *st;
	unsigned seed = 12345;
	long long cp = 0;
	struct qc_buf t = QC_BUF_INIT;

	unlink("search.db");
	CHECK(store_create("search.db", "T", "nl", &s, &e) == 0);
	CHECK(store_exec(s,
		"INSERT INTO sources(id, guid, kind, title, format, sha256, text,"
		" chars, words, imported_at, imported_by, framed) VALUES"
		" (1, 'g1', 'interview', 'I', 'txt', 'x', '', 0, 0, 'n', 't', 1),"
		" (2, 'g2', 'focus-group', 'F', 'txt', 'y', '', 0, 0, 'n', 't', 0),"
		" (3, 'g3', 'interview', 'J', 'txt', 'z', '', 0, 0, 'n', 't', 0);"
		"INSERT INTO participants(id, source_id, label, role, guid) VALUES"
		" (1, 1, 'Moeder', 'ouder', 'p1'), (2, 2, 'Vader', 'ouder', 'p2');",
		&e) == 0);
	st = store_prepare(s, "INSERT INTO segments(id, source_id, ordinal,"
			   " participant_id, start_cp, end_cp, text) VALUES"
			   " (?, ?, ?, ?, ?, ?, ?)", &e);
	CHECK(st != NULL);
	CHECK(store_exec(s, "BEGIN", &e) == 0);
	for (int i = 0; st && i < 9000; i++) {
		int src = 1 + i / 3000, parts;
		qc_buf_reset(&t);
		seed = seed * 1103515245u + 12345u;
		parts = (int)((seed >> 16) % 24);
		if (i == 8000)
			parts = 45000;	/* longer than a block */
		for (int k = 0; k < parts; k++) {
			seed = seed * 1103515245u + 12345u;
			qc_buf_adds(&t, piece[(seed >> 16) % (sizeof(piece) /
							   sizeof(*piece))]);
		}
		long long n = (long long)text_cp_count(t.buf, t.len);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, i + 1);
		sqlite3_bind_int(st, 2, src);
		sqlite3_bind_int(st, 3, i % 3000 + 1);
		if (src < 3 && i % 3)
			sqlite3_bind_int(st, 4, src);
		else
			sqlite3_bind_null(st, 4);
		sqlite3_bind_int64(st, 5, cp);
		sqlite3_bind_int64(st, 6, cp + n);
		sqlite3_bind_text(st, 7, t.buf, (int)t.len, SQLITE_STATIC);
		CHECK(sqlite3_step(st) == SQLITE_DONE);
		cp += n + 1;
	}
	sqlite3_finalize(st);
	CHECK(store_exec(s, "COMMIT", &e) == 0);
	qc_buf_release(&t);
	qc_err_release(&e);
	return s;
}

static void check_regex_same(const char *unit_case, struct store *s,
			     const char *pattern, const struct filter *f,
			     const char *where)
{
	struct qc_err e = QC_ERR_INIT;
	struct search_opts o = { .query = pattern, .regex = 1, .order_doc = 1 };
	struct search_result r = { 0 };
	struct search_counts c = { 0 };
	struct ref_hit *h;
	long long segs;
	size_t n = ref_scan(s, pattern, where, &h, &segs), bad = n + 1;

	o.f = *f;
	CHECK(search_run(s, &o, &r, &e) == 0);
	if (r.n != n)
		printf("  '%s' (%s): %zu hits, %zu turn by turn\n", pattern,
		       where, r.n, n);
	CHECK(r.n == n);
	for (size_t k = 0; k < n && k < r.n && bad > n; k++)
		if (r.hits[k].segment_id != h[k].seg ||
		    r.hits[k].mstart != h[k].ms || r.hits[k].mend != h[k].me ||
		    r.hits[k].start_cp != h[k].start_cp)
			bad = k;
	if (bad <= n && bad < r.n)
		printf("  '%s' (%s): hit %zu is S:%lld@%zu-%zu, turn by turn"
		       " %lld@%zu-%zu\n", pattern, where, bad,
		       r.hits[bad].segment_id, r.hits[bad].mstart,
		       r.hits[bad].mend, h[bad].seg, h[bad].ms, h[bad].me);
	CHECK(bad > n);
	search_result_release(&r);
	CHECK(search_count(s, &o, &c, &e) == 0);
	CHECK(c.hits == (long long)n && c.segments == segs);
	search_counts_release(&c);
	/* a page: the first hits, then the matching turns after the cut */
	o.limit = 7;
	CHECK(search_run(s, &o, &r, &e) == 0);
	if (n > 7) {
		/* the turn where the cut falls is not counted */
		long long more = 0;
		for (size_t k = 8; k < n; k++)
			if (h[k].seg != h[k - 1].seg)
				more++;
		CHECK(r.n == 7 && r.more_hits && r.more_segments == more);
	} else {
		CHECK(r.n == n && !r.more_hits && r.more_segments == 0);
	}
	search_result_release(&r);
	free(h);
	qc_err_release(&e);
}

/* Many turns are searched at once; the hits must be those of each turn
 * alone: anchors at the turn's edges, nothing across two turns, empty
 * matches skipped, lookarounds that see no further than the turn. */
TEST(regex_block_scan_equals_turn_by_turn)
{
	static const char *const pat[] = { "ab", "(?i)é\\w*|ba", "a b", "^a",
		"a$", "^", "$", "(?m)^b", "(?m)b$", "^\\s*\\S", "\\S\\s*$",
		"\\bab\\b", "\\Bb", "\\b\\w", "a\\s+b", "\\s+", "\\n", "\\n\\w",
		"(?s)a.*b", "a.*b", "(?s)b.{0,3}a", "[^x]+", "[^a]\\W", ".",
		"\\X", "\\Xa", "(?<=a)b", "(?<=\\s)a", "a(?=b)", "a(?=\\s|$)",
		"a(?=\\W)", "(?<!a)b", "a(?!b)", "b(?!\\S)", "(?<![^\\s])a",
		"b\\z", "\\Aa", "\\Gb", "a\\Z", "x*", "a|", "x?b", "(?>a+)b",
		"a++b", "\\s*+$", "a{1,2}+", "\\p{L}+", "(a)\\1", "(?i)ab|ba",
		"\\w+$", "^\\w+", "(?-m)^a", "(?m)(?-m)^a", "(?x) a b", "é",
		"e\\x{301}", "ﬁ", "(?i)FI", "\\R", "(*CR)b$", "(?(?=a)ab|b)",
		"(a|b(?1))", "(?C)a", "a\\Kb", "(*COMMIT)ab", "\\N+", "a(?!\\s)",
		"(?<!\\s)b", "b(?!\\n)", "a\\s++$", "a(?>\\s+)$",
		"(?(?=\\s)\\s+$|b)" };
	struct store *s = regex_project(unit_case);
	struct filter none = { 0 }, two = { .sources = "1,2" },
		kind = { .kind = "interview" },
		speaker = { .speaker = "Moeder" };

	for (size_t k = 0; k < sizeof(pat) / sizeof(*pat); k++)
		check_regex_same(unit_case, s, pat[k], &two, "s.source_id < 3");
	/* with the long turn */
	for (size_t k = 0; k < 5; k++)
		check_regex_same(unit_case, s, pat[k * 9], &none, "1");
	check_regex_same(unit_case, s, "ab", &kind, "src.kind = 'interview'");
	check_regex_same(unit_case, s, "^a|b$", &kind,
			 "src.kind = 'interview'");
	check_regex_same(unit_case, s, "a\\s+b", &speaker,
			 "s.participant_id = 1");
	store_close(s);
	unlink("search.db");
}

int main(void)
{
	RUN(rewrite_quotes_words_and_keeps_operators);
	RUN(rewrite_refuses_bad_queries_in_plain_words);
	RUN(rewrite_caps_the_number_of_words);
	RUN(kwic_cuts_at_words_and_marks_the_match);
	RUN(search_folds_stems_and_checks_exact);
	RUN(regex_reports_pcre2_errors_with_offset);
	RUN(regex_block_scan_equals_turn_by_turn);
	RUN(schema_2_index_is_rebuilt_for_prefixes);
	RUN(ranked_search_scores_as_bm25);
	UNIT_DONE();
}
