/*
 * search-bench: qcode's search module beside the bare FTS5 query (or the
 * bare PCRE2 JIT scan) on the same project, in the same process and run.
 * Usage: search-bench PROJECT RUNS. Prints, per case, the median and p95 of
 * RUNS runs of each in milliseconds and their ratio (qcode / bare).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "qcode/search.h"
#include "qcode/store.h"

static struct store *S;
static int runs;

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Bare: run each SQL text (';'-separated statements, ?1 = match) to the end. */
static long long bare_sql(const char *sqls, const char *match)
{
	long long rows = 0;
	const char *p = sqls;

	while (*p) {
		sqlite3_stmt *st;
		const char *tail;
		if (sqlite3_prepare_v2(S->db, p, -1, &st, &tail) != SQLITE_OK) {
			fprintf(stderr, "bare: %s\n", sqlite3_errmsg(S->db));
			exit(3);
		}
		if (!st)
			break;
		if (match)
			sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			/* Read what a caller would read. */
			for (int c = 0; c < sqlite3_column_count(st); c++)
				(void)sqlite3_column_text(st, c);
			rows++;
		}
		sqlite3_finalize(st);
		p = tail;
	}
	return rows;
}

/* Bare PCRE2 JIT scan of every segment's text: all matches. */
static long long bare_regex(const char *pattern, double *mb)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	sqlite3_stmt *st;
	long long n = 0, bytes = 0;

	sqlite3_prepare_v2(S->db, "SELECT text FROM segments ORDER BY id", -1,
			   &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0), pos = 0;
		bytes += (long long)len;
		while (pcre2_jit_match(re, (PCRE2_SPTR)t, len, pos,
				       PCRE2_NO_UTF_CHECK, md, NULL) > 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			n++;
			pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			if (pos > len)
				break;
		}
	}
	sqlite3_finalize(st);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	*mb = (double)bytes / 1e6;
	return n;
}

struct bcase {
	const char *name;
	struct search_opts o;
	int count;		/* search_count instead of search_run */
	const char *bare;	/* SQL; NULL: bare PCRE2 scan of o.query */
	const char *match;	/* ?1 of the bare SQL */
};

static void stats(double *v, int n, double *med, double *p95)
{
	qsort(v, (size_t)n, sizeof(*v), dcmp);
	*med = v[n / 2];
	*p95 = v[(int)((double)n * 0.95) < n ? (int)((double)n * 0.95) : n - 1];
}

static void run_case(const struct bcase *c)
{
	double *q = malloc(sizeof(double) * (size_t)runs);
	double *b = malloc(sizeof(double) * (size_t)runs);
	struct qc_err e = QC_ERR_INIT;
	double qm, q95, bm, b95, mb = 0;
	long long got = 0, bare = 0;

	for (int k = 0; k < runs; k++) {
		/* Alternate, so both see the same cache and machine load. */
		double t0 = now_ms();
		if (c->count) {
			struct search_counts sc = { 0 };
			if (search_count(S, &c->o, &sc, &e) < 0) {
				fprintf(stderr, "%s: %s\n", c->name, e.msg.buf);
				exit(3);
			}
			got = sc.segments;
			search_counts_release(&sc);
		} else {
			struct search_result r = { 0 };
			if (search_run(S, &c->o, &r, &e) < 0) {
				fprintf(stderr, "%s: %s\n", c->name, e.msg.buf);
				exit(3);
			}
			got = (long long)r.n;
			search_result_release(&r);
		}
		double t1 = now_ms();
		bare = c->bare ? bare_sql(c->bare, c->match) : bare_regex(c->o.query, &mb);
		double t2 = now_ms();
		q[k] = t1 - t0;
		b[k] = t2 - t1;
	}
	stats(q, runs, &qm, &q95);
	stats(b, runs, &bm, &b95);
	printf("%-26s qcode %8.3f ms (p95 %8.3f)  bare %8.3f ms (p95 %8.3f)"
	       "  ratio %5.2f  [%lld / %lld rows]", c->name, qm, q95, bm, b95,
	       bm > 0 ? qm / bm : 0, got, bare);
	if (!c->bare)
		printf("  bare %.0f MB/s, qcode %.0f MB/s", mb / bm * 1e3,
		       mb / qm * 1e3);
	putchar('\n');
	fflush(stdout);
	free(q);
	free(b);
}

#define PAGE " LIMIT 50"
#define HL "SELECT rowid, highlight(segments_fts, 0, char(1), char(2))" \
	" FROM segments_fts WHERE segments_fts MATCH ?1"
#define COUNT ";SELECT count(*) FROM segments_fts WHERE segments_fts MATCH ?1"

int main(int argc, char **argv)
{
	struct qc_err e = QC_ERR_INIT;
	const char *only = argc > 3 ? argv[3] : NULL;
	struct bcase cases[] = {
		{ "common term (doc, 50)", { .query = "zorg", .order_doc = 1,
		  .limit = 50 }, 0, HL PAGE COUNT, "zorg" },
		{ "rare term (doc, 50)", { .query = "pre-eclampsie",
		  .order_doc = 1, .limit = 50 }, 0, HL PAGE COUNT,
		  "\"pre-eclampsie\"" },
		{ "prefix (doc, 50)", { .query = "vertrouw*", .order_doc = 1,
		  .limit = 50 }, 0, HL PAGE COUNT, "vertrouw*" },
		{ "phrase (doc, 50)", { .query = "\"warme overdracht\"",
		  .order_doc = 1, .limit = 50 }, 0, HL PAGE COUNT,
		  "\"warme overdracht\"" },
		{ "NEAR (doc, 50)", { .query = "NEAR(warme overdracht, 5)",
		  .order_doc = 1, .limit = 50 }, 0, HL PAGE COUNT,
		  "NEAR(warme overdracht, 5)" },
		{ "filtered (doc, 50)", { .query = "vertrouwen", .order_doc = 1,
		  .limit = 50, .f = { .kind = "interview", .role = "ouder" } }, 0,
		  "SELECT f.rowid, highlight(segments_fts, 0, char(1), char(2))"
		  " FROM segments_fts f JOIN segments s ON s.id = f.rowid"
		  " JOIN sources src ON src.id = s.source_id JOIN participants p"
		  " ON p.id = s.participant_id WHERE segments_fts MATCH ?1 AND"
		  " src.kind = 'interview' AND p.role = 'ouder' LIMIT 50;"
		  "SELECT count(*) FROM segments_fts f JOIN segments s ON"
		  " s.id = f.rowid JOIN sources src ON src.id = s.source_id"
		  " JOIN participants p ON p.id = s.participant_id WHERE"
		  " segments_fts MATCH ?1 AND src.kind = 'interview' AND"
		  " p.role = 'ouder'", "vertrouwen" },
		{ "--count common term", { .query = "zorg" }, 1,
		  "SELECT s.source_id, count(*) FROM segments_fts JOIN segments s"
		  " ON s.id = segments_fts.rowid WHERE segments_fts MATCH ?1"
		  " GROUP BY s.source_id", "zorg" },
		{ "bm25 --limit 20 common", { .query = "zorg", .limit = 20 }, 0,
		  HL " ORDER BY rank LIMIT 20", "zorg" },
		{ "bm25 --limit 20 rare", { .query = "pre-eclampsie", .limit = 20 },
		  0, HL " ORDER BY rank LIMIT 20", "\"pre-eclampsie\"" },
		{ "bm25 --limit 20 prefix", { .query = "vertrouw*", .limit = 20 },
		  0, HL " ORDER BY rank LIMIT 20", "vertrouw*" },
		{ "--count prefix", { .query = "vertrouw*" }, 1,
		  "SELECT s.source_id, count(*) FROM segments_fts JOIN segments s"
		  " ON s.id = segments_fts.rowid WHERE segments_fts MATCH ?1"
		  " GROUP BY s.source_id", "vertrouw*" },
		/* regex: every segment scanned on both sides (--count) */
		{ "regex literal --count", { .query = "overdracht", .regex = 1 },
		  1, NULL, NULL },
		{ "regex (?i) alt. --count", { .query = "(?i)vertrouw\\w*|kwetsba\\w*",
		  .regex = 1 }, 1, NULL, NULL },
	};

	if (argc < 3) {
		fprintf(stderr, "usage: search-bench PROJECT RUNS [CASE]\n");
		return 1;
	}
	runs = atoi(argv[2]);
	if (runs < 1)
		runs = 1;
	if (store_open(argv[1], &S, &e) < 0) {
		fprintf(stderr, "search-bench: %s\n", e.msg.buf);
		return 3;
	}
	for (size_t k = 0; k < sizeof(cases) / sizeof(*cases); k++)
		if (!only || strstr(cases[k].name, only))
			run_case(&cases[k]);
	store_close(S);
	return 0;
}
