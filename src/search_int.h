/* search_int: what search.c and search_query.c share; not public. */
#ifndef QCODE_SEARCH_INT_H
#define QCODE_SEARCH_INT_H

#include <stddef.h>

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

void exact_words_collect(const char *query, struct exact_words *x);
void exact_words_release(struct exact_words *x);
/* True if every word of text[0..len) is one of x's words. */
int exact_words_match(const struct exact_words *x, const char *text, size_t len);

#endif
