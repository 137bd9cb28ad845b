/*
 * coding: codings (a code on a span of a source, by a coder), auto-code
 * suggestions from the codebook's PCRE2 patterns, and memos.
 */
#ifndef QCODE_CODING_H
#define QCODE_CODING_H

#include "qcode/filter.h"
#include "qcode/store.h"

/* A span to code, in code points of the source's text, end exclusive. */
struct coding_span {
	long long source_id, segment_id;
	long long start_cp, end_cp;
};

struct coding_spans {
	struct coding_span *v;
	size_t n, alloc;
};

void coding_spans_release(struct coding_spans *sp);

/*
 * Resolve references to spans: "S3:17" (a segment), "S3:17-21" (a range
 * of segments, one span each), "S3:17@12-80" (code points 12 to 80 of the
 * segment's text), "hits" (every hit of the coder's last search) or "hits"
 * followed by lists "1,3-7" (or "1 3-7") as the next arguments; a hit
 * codes its whole turn. Appends to sp; *used is
 * how many of refs[] were consumed. Unknown refs are errors.
 */
int coding_parse_refs(struct store *s, const char *coder, char **refs,
		      int nrefs, struct coding_spans *sp, struct qc_err *e);
/* The same, where a hit is its whole turn (spans 0, as above) or exactly
 * the text it matched (spans 1: tag --span). */
int coding_parse_refs_hits(struct store *s, const char *coder, char **refs,
			   int nrefs, int spans, struct coding_spans *sp,
			   struct qc_err *e);

/* Code every span with code_id by coder_id; a coding that exists already
 * (same span, code and coder) is counted in *existing, not repeated. A
 * new coding gets memo (NULL: none) as a memo on it, and quote ("pin",
 * "exclude" or NULL) as its quote flag. A code marked not codable is
 * refused (QC_EDATA), nothing coded. */
int coding_tag(struct store *s, long long code_id, const struct coding_spans *sp,
	       long long coder_id, const char *memo, const char *quote,
	       long long *added, long long *existing, struct qc_err *e);

/* Set coding #coding_id's quote flag: "pin" (reports quote it first),
 * "exclude" (never quoted) or NULL (chosen as any other). *what gets
 * "#12 code S3:4" for the log (caller frees, also on failure); a missing
 * coding is QC_EDATA. */
int coding_quote_set(struct store *s, long long coding_id, const char *flag,
		     char **what, struct qc_err *e);

/* Remove the coder's codings of code_id on exactly these spans (for a
 * whole segment: every coding of the code inside it). */
int coding_untag(struct store *s, long long code_id,
		 const struct coding_spans *sp, long long coder_id,
		 long long *removed, struct qc_err *e);

/*
 * Run the patterns of the given codes (all codes when n == 0) over every
 * segment and store new suggestions; an existing one (same code and span)
 * is not stored again. *added counts the new ones, *matches all matches.
 */
int coding_autocode(struct store *s, const long long *codes, size_t n,
		    long long *added, long long *matches, struct qc_err *e);

/* Accept (coding by coder_id) or reject suggestions: ids, or all pending
 * ones when all is set (of code_id when it is not 0). */
int coding_decide(struct store *s, int accept, const long long *ids, size_t n,
		  int all, long long code_id, long long coder_id,
		  const char *coder, long long *done, struct qc_err *e);

/* ---- suggestions ---- */

/* One auto-code suggestion with the turn it was found in. */
struct coding_suggestion {
	long long id;		/* the number the user accepts or rejects */
	char *code;		/* the code's short id */
	long long source_id, ordinal;	/* the turn: S<source>:<ordinal> */
	char *speaker;		/* pseudonym, else the turn's speaker; may be NULL */
	char *text;		/* the turn's text */
	long long start_cp, end_cp;	/* the match in text, code points */
	char *status;		/* pending, accepted or rejected */
};

struct coding_suggestions {
	struct coding_suggestion *v;
	size_t n, alloc;
};

/* The suggestions of code_id (every code when 0), pending ones only
 * unless all is set, in the order they were found. out must be zeroed;
 * release it with coding_suggestions_release. */
int coding_suggestions_list(struct store *s, long long code_id, int all,
			    struct coding_suggestions *out, struct qc_err *e);
void coding_suggestions_release(struct coding_suggestions *l);

/* ---- retrieval: coded, freq, cooc ---- */

/* One coding with its turn, as `coded` lists it. Strings are never NULL. */
struct coding_row {
	long long id;		/* the coding's number (#12) */
	char *code;		/* short id */
	long long source_id, ordinal;	/* S<source>:<ordinal> */
	char *speaker;		/* pseudonym, else the label (real_names: the label) */
	char *role;		/* the participant's role or "" */
	char *coder;
	char *kind;		/* the source's kind */
	char *text;		/* the turn's text */
	long long start_cp, end_cp;	/* the coded span in text, code points */
	char *memo;		/* the coding's memo or "" */
};

struct coding_rows {
	struct coding_row *v;
	size_t n, alloc;
};

struct coding_coded_opts {
	long long code_id;	/* the code (codebook_find) */
	int children;		/* and every code below it */
	int real_names;		/* speakers by label, not pseudonym */
	struct filter f;
};

/* The codings of a code that pass the filter, by source and position.
 * out must be zeroed; release it with coding_rows_release. */
int coding_coded(struct store *s, const struct coding_coded_opts *o,
		 struct coding_rows *out, struct qc_err *e);
void coding_rows_release(struct coding_rows *r);

/* What freq groups the codings by. */
enum coding_by {
	CODING_BY_KIND, CODING_BY_ROLE, CODING_BY_SOURCE, CODING_BY_CODER,
	CODING_BY_THEME, CODING_BY_PERSON, CODING_BY_ATTRIBUTE
};

/* Codings and distinct sources per code and group. */
struct coding_freq {
	char **codes;		/* short ids of the codes that have codings, in
				 * codebook order: ncodes, owned */
	size_t ncodes;
	char **groups;		/* the groups, sorted: ngroups, owned */
	size_t ngroups;
	long long *codings, *sources;	/* [code * ngroups + group] */
	long long *total_codings, *total_sources;	/* [code] */
};

/* Count the codings that pass f per code and group (role: "-" for turns
 * without one; theme: the code's root). out is set up here; release it
 * with coding_freq_release. */
int coding_freq(struct store *s, enum coding_by by, const struct filter *f,
		struct coding_freq *out, struct qc_err *e);
/* The same; by person: "P3 Ouder 1" ("-" outside any turn); by
 * attribute attr: the fragment's value (filter.h's where), "-" for
 * none. */
int coding_freq_attr(struct store *s, enum coding_by by, const char *attr,
		     const struct filter *f, struct coding_freq *out,
		     struct qc_err *e);
void coding_freq_release(struct coding_freq *fq);

/* Codes by the values of an attribute: distinct fragments (source and
 * span, whoever coded them) and distinct persons per cell. */
struct coding_matrix {
	char **codes;		/* short ids, in the order asked: ncodes, owned */
	size_t ncodes;
	size_t nvalues;		/* the columns; one more: all fragments */
	long long *fragments, *persons;	/* [code * (nvalues + 1) + value] */
};

/*
 * The matrix of the codes code_ids[0..ncodes) by attr's values[0..
 * nvalues) among the codings that pass f. Column v counts what f with
 * one more where "attr=values[v]" keeps (so coded --where lists a cell's
 * fragments); column nvalues, everything f keeps. out is set up here;
 * release it with coding_matrix_release.
 */
int coding_matrix(struct store *s, const long long *code_ids, size_t ncodes,
		  const char *attr, char **values, size_t nvalues,
		  const struct filter *f, struct coding_matrix *out,
		  struct qc_err *e);
void coding_matrix_release(struct coding_matrix *m);

/* How often codes co-occur. A place is a turn, or, for codings outside
 * every turn, the stretch where a coding of one code overlaps one of the
 * other. By default a pair of codes counts each place once, however many
 * coders coded it there; by coder, each coder's codings are counted apart
 * (group g is coder coders[g]). */
struct coding_cooc {
	char **codes;		/* the codes' labels: n, owned */
	size_t n;
	char **coders;		/* by coder: the groups' coder names (owned);
				   NULL: one group, everyone */
	size_t ngroups;		/* 1, or the coders with codings */
	long long *m;		/* [(g * n + a) * n + b], symmetric; the
				   diagonal is 0 */
};

/* Count co-occurrences of the codes refs[0..nrefs) (labelled as given;
 * an unknown one is an error), or, when nrefs is 0, of every code that
 * has codings (labelled by short id), among the codings that pass f,
 * per coder when by_coder. out is set up here; release it with
 * coding_cooc_release. */
int coding_cooc(struct store *s, const char *const *refs, size_t nrefs,
		const struct filter *f, int by_coder, struct coding_cooc *out,
		struct qc_err *e);
void coding_cooc_release(struct coding_cooc *c);

/* ---- memos ---- */

/*
 * Resolve what a memo is about: "project", "S3" (a source), "S3:17" (a
 * turn), "#12" or "12" (a coding) or a code. Sets *kind (static text:
 * project, source, segment, coding or code) and *id (0 for the project).
 * An unknown target is QC_EDATA.
 */
int coding_memo_target(struct store *s, const char *ref, const char **kind,
		       long long *id, struct qc_err *e);

/* Add a memo by author_id on the target ref (coding_memo_target) for
 * visibility "me" (NULL), "team" or "report" (only those reach the
 * lessons report); an empty text or another visibility is QC_EUSAGE.
 * *memo_id is the new memo's number. */
int coding_memo_add(struct store *s, const char *ref, long long author_id,
		    const char *text, const char *visibility,
		    long long *memo_id, struct qc_err *e);

struct coding_memo {
	long long id;
	char *target;		/* project, S3, S3:17, a code's short id or #12 */
	char *author, *updated, *text;
	char *visibility;	/* me, team or report */
};

struct coding_memos {
	struct coding_memo *v;
	size_t n, alloc;
};

/* The memos on the target ref (every memo when ref is NULL), oldest
 * first. out must be zeroed; release it with coding_memos_release. */
int coding_memo_list(struct store *s, const char *ref,
		     struct coding_memos *out, struct qc_err *e);
void coding_memos_release(struct coding_memos *l);

/* Find memo "#12" or "12": sets *id and, when text is not NULL, *text
 * (caller frees). A malformed number is QC_EUSAGE, a missing memo
 * QC_EDATA. */
int coding_memo_find(struct store *s, const char *ref, long long *id,
		     char **text, struct qc_err *e);
/* Replace a memo's text (len bytes) and its time of change. */
int coding_memo_update(struct store *s, long long id, const char *text,
		       size_t len, struct qc_err *e);
int coding_memo_remove(struct store *s, long long id, struct qc_err *e);

#endif
