/*
 * search: full-text search of segments (FTS5 with the 'qcode' stemming
 * tokenizer) and regular-expression search (PCRE2) of their stored text,
 * with the shared filter (filter.h), keyword-in-context formatting and
 * each coder's last result set (tables hit_sets and hits).
 *
 * A hit is one match: a span of a segment's text. Hits are numbered from 1
 * in the order shown; their spans are kept in code points of the source's
 * text, so `tag CODE hits` can code exactly what was found.
 */
#ifndef QCODE_SEARCH_H
#define QCODE_SEARCH_H

#include "qcode/filter.h"
#include "qcode/store.h"
#include "qcode/util.h"

/* Ranked queries rank the first SEARCH_RANK_CAP matching segments (in
 * document order) by bm25, read for at most SEARCH_RANK_MS; beyond either
 * the result says it was capped. */
#define SEARCH_RANK_CAP 20000
#define SEARCH_RANK_MS 40

/* Counting the matching segments beyond a full page stops at this many
 * or after this many ms, so the first page of a common word, or of a
 * filter that keeps few of many matches, comes fast on a large project. */
#define SEARCH_COUNT_MAX 100000
#define SEARCH_COUNT_MAX_S "100000"
#define SEARCH_COUNT_MS 40

struct search_opts {
	const char *query;	/* FTS query as typed, or a PCRE2 pattern */
	int regex;		/* query is a PCRE2 pattern */
	int exact;		/* FTS: matched words must equal the query's */
	int order_doc;		/* document order instead of bm25 */
	int limit;		/* hits to return; 0 = all */
	struct filter f;	/* the segments searched (filter.h) */
};

struct search_hit {
	long long segment_id, source_id;
	int ordinal;		/* the segment's ordinal: ref S<source>:<ordinal> */
	char *speaker;		/* pseudonym, else label, else the segment's; may be NULL */
	char *kind;		/* the source's kind */
	char *text;		/* the segment's text */
	size_t mstart, mend;	/* the match in text, bytes */
	long long start_cp, end_cp;	/* the match in the source's text */
	double rank;		/* bm25 (lower is better); 0 in document order */
};

struct search_result {
	struct search_hit *hits;	/* n hits, numbered 1..n */
	size_t n, alloc;
	long long more_segments;	/* matching segments beyond the hits */
	int more_atleast;	/* more_segments is a lower bound: counting
				 * stopped (SEARCH_COUNT_MAX, SEARCH_COUNT_MS) */
	int more_hits;		/* 1 if hits were cut by the limit */
	long long capped;	/* ranking was done within this many matching
				 * segments (SEARCH_RANK_CAP or SEARCH_RANK_MS);
				 * 0: all were ranked */
};

/* Per-source and per-kind tallies of --count. */
struct search_tally {
	char *key;		/* "S3" or a kind */
	char *title;		/* the source's title; NULL for kinds */
	long long id;		/* the source's id; 0 for kinds */
	long long hits, segments;
};

struct search_counts {
	struct search_tally *by_source, *by_kind;
	size_t nsource, nkind;
	long long hits, segments;
};

/*
 * Rewrite a query as typed into FTS5 syntax: every word is quoted (so
 * pre-eclampsie, 's avonds, baby's, e-mail addresses and numbers work),
 * AND, OR, NOT, NEAR(... , N), "phrases", prefix* and `speaker:` keep
 * their meaning. A bad query fills e with plain words (QC_EDATA).
 * Appends to out.
 */
int search_rewrite(const char *query, struct qc_buf *out, struct qc_err *e);
/* More words than this in one query are refused by search_rewrite. */
#define SEARCH_MAX_TERMS 1000

/* Run a search. r must be zeroed; release it with search_result_release. */
int search_run(struct store *s, const struct search_opts *o,
	       struct search_result *r, struct qc_err *e);
void search_result_release(struct search_result *r);

/* Count all hits and segments per source and kind (the limit is ignored). */
int search_count(struct store *s, const struct search_opts *o,
		 struct search_counts *c, struct qc_err *e);
void search_counts_release(struct search_counts *c);

/*
 * Keyword in context: append to out the match text[ms..me) with `context`
 * words on each side, cut at word boundaries ("…" where cut), line breaks
 * shown as spaces, the match emphasised (bold on a terminal when color,
 * "**" around it otherwise). context < 0: the whole text.
 */
void search_kwic(struct qc_buf *out, const char *text, size_t len,
		 size_t ms, size_t me, int context, int color);
/* The same with the match given in code points relative to the text. */
void search_kwic_cp(struct qc_buf *out, const char *text, size_t len,
		    size_t mstart_cp, size_t mend_cp, int context, int color);

/*
 * Keep r as the coder's last result set (replacing the previous one):
 * hit_sets(query, options) and hits(n, segment_id, start_cp, end_cp).
 */
int search_save_hits(struct store *s, const char *coder, const char *query,
		     const char *options, const struct search_result *r,
		     struct qc_err *e);
/* Load the coder's last result set into r (zeroed); *query gets the query
 * (caller frees; NULL when there is none). */
int search_load_hits(struct store *s, const char *coder, char **query,
		     struct search_result *r, struct qc_err *e);

/* Rebuild the full-text index, with lang ("nl" or "en") if not NULL. */
int search_reindex(struct store *s, const char *lang, struct qc_err *e);

#endif
