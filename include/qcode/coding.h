/*
 * coding: codings (a code on a span of a source, by a coder), auto-code
 * suggestions from the codebook's PCRE2 patterns, and memos.
 */
#ifndef QCODE_CODING_H
#define QCODE_CODING_H

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
 * followed by a list "1,3-7" as the next argument. Appends to sp; *used is
 * how many of refs[] were consumed. Unknown refs are errors.
 */
int coding_parse_refs(struct store *s, const char *coder, char **refs,
		      int nrefs, struct coding_spans *sp, struct qc_err *e);

/* Code every span with code_id by coder_id; a coding that exists already
 * (same span, code and coder) is counted in *existing, not repeated. */
int coding_tag(struct store *s, long long code_id, const struct coding_spans *sp,
	       long long coder_id, const char *memo, long long *added,
	       long long *existing, struct qc_err *e);

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

#endif
