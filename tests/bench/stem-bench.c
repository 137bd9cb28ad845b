/*
 * stem-bench: the tokenizer alone. Tokenizes every segment of PROJECT with
 * the 'qcode nl' tokenizer (fold + stem) and with FTS5's built-in 'unicode61
 * remove_diacritics 2' (fold only, no stemming) as the bare baseline.
 * Usage: stem-bench PROJECT [ROUNDS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qcode/store.h"

static long long ntok;

static int on_token(void *ctx, int flags, const char *t, int n, int s, int e)
{
	(void)ctx; (void)flags; (void)t; (void)n; (void)s; (void)e;
	ntok++;
	return SQLITE_OK;
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double run(fts5_api *api, const char *name, const char **args, int nargs,
		  char **texts, int *lens, size_t n)
{
	void *ud;
	fts5_tokenizer tk;
	Fts5Tokenizer *tok;
	double t0;

	if (api->xFindTokenizer(api, name, &ud, &tk) != SQLITE_OK ||
	    tk.xCreate(ud, args, nargs, &tok) != SQLITE_OK) {
		fprintf(stderr, "stem-bench: no tokenizer %s\n", name);
		exit(3);
	}
	ntok = 0;
	t0 = now_s();
	for (size_t k = 0; k < n; k++)
		tk.xTokenize(tok, NULL, FTS5_TOKENIZE_DOCUMENT, texts[k], lens[k],
			     on_token);
	t0 = now_s() - t0;
	tk.xDelete(tok);
	return t0;
}

int main(int argc, char **argv)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s;
	sqlite3_stmt *st;
	fts5_api *api = NULL;
	char **texts = NULL;
	int *lens = NULL;
	size_t n = 0, alloc = 0;
	long long bytes = 0;
	int rounds = argc > 2 ? atoi(argv[2]) : 3;

	if (argc < 2 || store_open(argv[1], &s, &e) < 0) {
		fprintf(stderr, "usage: stem-bench PROJECT [ROUNDS]\n");
		return 1;
	}
	sqlite3_prepare_v2(s->db, "SELECT text FROM segments", -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 1024;
			texts = xreallocarray(texts, alloc, sizeof(*texts));
			lens = xreallocarray(lens, alloc, sizeof(*lens));
		}
		lens[n] = sqlite3_column_bytes(st, 0);
		texts[n] = xstrndup((const char *)sqlite3_column_text(st, 0),
				    (size_t)lens[n]);
		bytes += lens[n++];
	}
	sqlite3_finalize(st);
	sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL);
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	const char *qa[] = { "nl" };
	const char *ua[] = { "remove_diacritics", "2" };
	double best_q = 1e9, best_u = 1e9;
	long long tq = 0, tu = 0;
	for (int r = 0; r < rounds; r++) {
		double q = run(api, "qcode", qa, 1, texts, lens, n);
		tq = ntok;
		double u = run(api, "unicode61", ua, 2, texts, lens, n);
		tu = ntok;
		best_q = q < best_q ? q : best_q;
		best_u = u < best_u ? u : best_u;
	}
	printf("tokenizer on %.1f MB (best of %d): qcode nl (fold+stem) %.0f MB/s"
	       " (%lld tokens); unicode61 (fold, no stem) %.0f MB/s (%lld tokens);"
	       " ratio %.2f\n", (double)bytes / 1e6, rounds,
	       (double)bytes / 1e6 / best_q, tq, (double)bytes / 1e6 / best_u, tu,
	       best_q / best_u);
	store_close(s);
	return 0;
}
