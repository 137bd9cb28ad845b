/* search_query: a query as typed becomes FTS5 syntax; --exact's word list. */
#include <stdlib.h>
#include <string.h>

#include "qcode/search.h"
#include "qcode/text.h"
#include "search_int.h"

enum prev { P_NONE, P_TERM, P_OP, P_OPEN, P_COL };

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_column(const char *w, size_t len)
{
	return (len == 7 && memcmp(w, "speaker", 7) == 0) ||
	       (len == 4 && memcmp(w, "text", 4) == 0);
}

static int word_is(const char *w, size_t len, const char *op)
{
	return strlen(op) == len && memcmp(w, op, len) == 0;
}

#define bad(e, ...) qc_err_set(e, QC_EDATA, __VA_ARGS__)

/* Before a term: a space, FTS5's implicit AND; after a closing
 * parenthesis FTS5 wants the AND written ("(a OR b) c"). */
static void term_sep(struct qc_buf *out, enum prev prev)
{
	if (!out->len || prev == P_OPEN || prev == P_COL)
		return;
	if (prev == P_TERM && out->buf[out->len - 1] == ')')
		qc_buf_adds(out, " AND");
	qc_buf_addch(out, ' ');
}

/* Append one term as an FTS5 string, with a trailing '*' for a prefix. */
static void put_term(struct qc_buf *out, const char *w, size_t len, int prefix)
{
	qc_buf_addch(out, '"');
	for (size_t k = 0; k < len; k++) {
		if (w[k] == '"')
			qc_buf_addch(out, '"');
		qc_buf_addch(out, w[k]);
	}
	qc_buf_addch(out, '"');
	if (prefix)
		qc_buf_addch(out, '*');
}

/* The query's words, inside phrases too, but not AND, OR, NOT or NEAR;
 * counting stops past max. */
/* The next run of word characters in q[0..n) from *i: its start in *start
 * and its length, with *i just past it; 0 at the end of q. */
static size_t next_word(const char *q, size_t n, size_t *i, size_t *start)
{
	while (*i < n) {
		size_t next = *i;
		*start = *i;
		if (!text_is_word_cp(text_utf8_next(q, n, &next))) {
			*i = next;
			continue;
		}
		*i = next;
		while (*i < n) {
			next = *i;
			if (!text_is_word_cp(text_utf8_next(q, n, &next)))
				break;
			*i = next;
		}
		return *i - *start;
	}
	return 0;
}

static int is_operator(const char *w, size_t len)
{
	return word_is(w, len, "AND") || word_is(w, len, "OR") ||
	       word_is(w, len, "NOT") || word_is(w, len, "NEAR");
}

/* The words of q but its operators, counted up to just past max. */
static size_t count_words(const char *q, size_t max)
{
	size_t n = strlen(q), i = 0, start, len, words = 0;

	while (words <= max && (len = next_word(q, n, &i, &start)) > 0)
		if (!is_operator(q + start, len))
			words++;
	return words;
}

int search_rewrite(const char *q, struct qc_buf *out, struct qc_err *e)
{
	size_t n = strlen(q), i = 0;
	enum prev prev = P_NONE;
	int depth = 0, near_depth = -1, terms = 0;
	char opname[8] = "NOT";

	/* FTS5's work and memory grow with every term (40,000 took 52 s
	 * and a gigabyte), and so do --exact and the highlighting */
	if (count_words(q, SEARCH_MAX_TERMS) > SEARCH_MAX_TERMS)
		return bad(e, "query has more than %d terms",
			   SEARCH_MAX_TERMS);
	while (i < n) {
		char c = q[i];

		if (is_space(c)) {
			i++;
			continue;
		}
		if (c == '"') {
			size_t j = i + 1;
			while (j < n) {
				if (q[j] == '"' && j + 1 < n && q[j + 1] == '"')
					j += 2;
				else if (q[j] == '"')
					break;
				else
					j++;
			}
			if (j >= n)
				return bad(e, "unbalanced quote in the "
					   "query%s", "");
			term_sep(out, prev);
			qc_buf_add(out, q + i, j + 1 - i);
			i = j + 1;
			if (i < n && q[i] == '*') {
				qc_buf_addch(out, '*');
				i++;
			}
			prev = P_TERM;
			terms++;
			continue;
		}
		if (c == '(') {
			term_sep(out, prev);
			qc_buf_addch(out, '(');
			depth++;
			i++;
			prev = P_OPEN;
			continue;
		}
		if (c == ')') {
			if (depth == 0)
				return bad(e, "unbalanced parenthesis in "
					   "the query%s", "");
			if (prev == P_COL)
				return bad(e, "a column filter needs a "
					   "word after it%s", "");
			if (prev == P_OP)
				return bad(e, "'%s' needs a word after it",
					   opname);
			if (prev == P_OPEN)
				return bad(e, "empty parentheses in the "
					   "query%s", "");
			if (near_depth == depth)
				near_depth = -1;
			depth--;
			qc_buf_addch(out, ')');
			i++;
			prev = P_TERM;
			continue;
		}
		if (c == ',' && near_depth == depth) {
			size_t j;

			i++;
			while (i < n && is_space(q[i]))
				i++;
			j = i;
			while (j < n && q[j] >= '0' && q[j] <= '9')
				j++;
			if (j == i || j - i > 6)
				return bad(e, "NEAR(...) needs a distance "
					   "in words after its comma%s", "");
			qc_buf_adds(out, ", ");
			qc_buf_add(out, q + i, j - i);
			i = j;
			while (i < n && is_space(q[i]))
				i++;
			if (i >= n || q[i] != ')')
				return bad(e, "NEAR(...) must end after "
					   "its distance%s", "");
			continue;
		}

		/* A bare word: up to a space, quote or parenthesis. */
		size_t j = i;
		while (j < n && !is_space(q[j]) && q[j] != '"' && q[j] != '(' &&
		       q[j] != ')' && !(q[j] == ',' && near_depth == depth))
			j++;
		const char *w = q + i;
		size_t len = j - i;
		const char *colon = memchr(w, ':', len);

		if (colon && is_column(w, (size_t)(colon - w))) {
			if (prev == P_COL)
				return bad(e, "a column filter needs a "
					   "word after it%s", "");
			term_sep(out, prev);
			qc_buf_add(out, w, (size_t)(colon - w));
			qc_buf_adds(out, " : ");
			prev = P_COL;
			i = (size_t)(colon - q) + 1;
			continue;
		}
		if (word_is(w, len, "AND") || word_is(w, len, "OR") ||
		    word_is(w, len, "NOT")) {
			/* "a AND NOT b" is FTS5's "a NOT b". */
			if (word_is(w, len, "NOT") && prev == P_OP &&
			    strcmp(opname, "AND") == 0) {
				qc_buf_setlen(out, out->len - 4);
				prev = P_TERM;
			}
			memcpy(opname, w, len);
			opname[len] = '\0';
			if (prev != P_TERM)
				return bad(e, "'%s' needs a word before it",
					   opname);
			qc_buf_addch(out, ' ');
			qc_buf_add(out, w, len);
			prev = P_OP;
			i = j;
			continue;
		}
		if (word_is(w, len, "NEAR") && j < n && q[j] == '(') {
			term_sep(out, prev);
			qc_buf_adds(out, "NEAR(");
			depth++;
			near_depth = depth;
			i = j + 1;
			prev = P_OPEN;
			continue;
		}
		int prefix = 0;
		while (len && w[len - 1] == '*') {
			prefix = 1;
			len--;
		}
		i = j;
		if (!text_has_word(w, len)) {
			if (prefix)
				return bad(e, "'*' must follow a word%s", "");
			continue;	/* punctuation alone: nothing to find */
		}
		term_sep(out, prev);
		put_term(out, w, len, prefix);
		prev = P_TERM;
		terms++;
	}
	if (prev == P_OP)
		return bad(e, "'%s' needs a word after it", opname);
	if (prev == P_COL)
		return bad(e, "a column filter needs a word after it%s",
			   "");
	if (depth)
		return bad(e, "unbalanced parenthesis in the query%s", "");
	if (!terms)
		return bad(e, "the query has no words to look for%s", "");
	return 0;
}

static void exact_add(struct exact_words *x, const char *w, size_t len,
		      int prefix)
{
	QC_GROW(x->v, x->n, x->alloc);
	x->v[x->n].w = xstrndup(w, len);
	x->v[x->n].len = len;
	x->v[x->n].prefix = prefix;
	x->n++;
}

/* Collect every word run of the query but operators and column names. */
void exact_words_collect(const char *q, struct exact_words *x)
{
	size_t n = strlen(q), i = 0, start, len;

	while ((len = next_word(q, n, &i, &start)) > 0) {
		const char *w = q + start;
		if (is_operator(w, len) ||
		    (is_column(w, len) && i < n && q[i] == ':'))
			continue;
		exact_add(x, w, len, i < n && q[i] == '*');
	}
}

void exact_words_release(struct exact_words *x)
{
	for (size_t k = 0; k < x->n; k++)
		free(x->v[k].w);
	free(x->v);
	memset(x, 0, sizeof(*x));
}

static int exact_one(const struct exact_words *x, const char *w, size_t len)
{
	for (size_t k = 0; k < x->n; k++) {
		const struct exact_word *v = &x->v[k];
		if (v->prefix ? len >= v->len && memcmp(w, v->w, v->len) == 0
			      : len == v->len && memcmp(w, v->w, len) == 0)
			return 1;
	}
	return 0;
}

int exact_words_match(const struct exact_words *x, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t start = i, next = i;
		if (!text_is_word_cp(text_utf8_next(s, len, &next))) {
			i = next;
			continue;
		}
		i = next;
		while (i < len) {
			next = i;
			if (!text_is_word_cp(text_utf8_next(s, len, &next)))
				break;
			i = next;
		}
		if (!exact_one(x, s + start, i - start))
			return 0;
	}
	return 1;
}
