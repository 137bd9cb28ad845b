/* search_int: what search.c and search_query.c share; not public. */
#ifndef QCODE_SEARCH_INT_H
#define QCODE_SEARCH_INT_H

#include <stddef.h>

#include "qcode/util.h"

/* The words of a query as typed, for --exact: a matched word must equal
 * one of them (or start with it, for a prefix term). */
struct exact_words {
	struct exact_word {
		char *w;
		size_t len;
		int prefix;
	} *v;
	size_t n, alloc;
};

/*
 * Expands the prefix w[0..len) of a query (as typed): appends to out an
 * FTS5 expression for the index's words that start with it and returns 1,
 * or returns 0 to leave the prefix to FTS5.
 */
typedef int (*prefix_expand_fn)(void *ctx, const char *w, size_t len,
				struct qc_buf *out);
/* search_rewrite with prefixes outside phrases, NEAR and column filters
 * expanded by fn (NULL: none). */
int search_rewrite_expand(const char *query, struct qc_buf *out,
			  prefix_expand_fn fn, void *ctx, struct qc_err *e);

void exact_words_collect(const char *query, struct exact_words *x);
void exact_words_release(struct exact_words *x);
/* True if every word of text[0..len) is one of x's words. */
int exact_words_match(const struct exact_words *x, const char *text, size_t len);

#endif
