/*
 * report: the PDF reports. The lessons-learned report for educators of
 * training programmes, the theme review sheet for the learning and
 * development team, and the codebook for coders. Page size, colours,
 * sections and the texts in each language come from reports/KIND.yaml,
 * with --template FILE read over it; quotes show
 * pseudonyms and are redacted with the privacy rules. On failure no file
 * is left at path.
 */
#ifndef QCODE_REPORT_H
#define QCODE_REPORT_H

#include "qcode/store.h"

struct report_opts {
	const char *lang;		/* nl or en; NULL: the project's */
	const char *template_file;	/* NULL: the shipped one */
	const char *rules_file;		/* redaction rules; NULL: shipped */
	const char *const *themes;	/* theme ids or names; none = all */
	int nthemes;
	const char *const *kinds;	/* source kinds; none = all */
	int nkinds;
	const char *font_file;		/* a .ttf; NULL: DejaVu */
	int real_names;			/* --no-pseudonyms: speakers by label,
					   names in the text left; said in
					   every footer */
	const char *since;		/* the review: only codings made from
					   this ISO date on; NULL: all */
	const char *since_what;		/* its words: "since M2 (2026-02-10)" */
	char **problems;		/* report_agreement, report_redaction:
					   the template's problems go here as
					   "file:line:col: ..." lines (caller
					   frees), or NULL: dropped */
};

struct report_stats {
	long long themes, factors, quotes, fragments;
	long long meetings;	/* the learning history: meetings shown */
	char *missing;		/* characters the font lacks, or NULL;
				   caller frees */
	char *problems;		/* the template's errors and warnings, as
				   "file:line:col: ..." lines, or NULL;
				   caller frees (also on failure) */
};

int report_lessons(struct store *s, const struct report_opts *o,
		   const char *path, struct report_stats *st, struct qc_err *e);
/* A quote the lessons report would show. Strings owned by the list. */
struct report_quote_row {
	char *theme, *factor;	/* the lesson and the factor's short id */
	long long coding;	/* #12: quote pin / quote exclude take it */
	char *ref;		/* S3:12 */
	int pinned;
	char *who, *text;	/* as printed: attribution and quote */
};

struct report_quote_rows {
	struct report_quote_row *v;
	size_t n;
};

/* The quotes report_lessons would show with o, per lesson and factor in
 * the report's order, without writing a PDF. out must be zeroed; release
 * it with report_quote_rows_release (also after a failure). */
int report_lessons_quotes(struct store *s, const struct report_opts *o,
			  struct report_quote_rows *out,
			  struct report_stats *st, struct qc_err *e);
void report_quote_rows_release(struct report_quote_rows *l);

int report_review(struct store *s, const struct report_opts *o,
		  const char *path, struct report_stats *st, struct qc_err *e);
int report_codebook(struct store *s, const struct report_opts *o,
		    const char *path, struct report_stats *st, struct qc_err *e);
/* The learning history (report_cycle.c, reports/cycle.yaml): the
 * meetings as a timeline with the actions between them, and a trail per
 * theme from first coding to lesson. */
int report_cycle(struct store *s, const struct report_opts *o,
		 const char *path, struct report_stats *st, struct qc_err *e);

/*
 * Read the template file path over the shipped one of report kind
 * ("lessons", "review", "codebook") as --template does, without a
 * project. Returns the number of errors, or -code when a file cannot be
 * read; *problems gets the "file:line:col: ..." lines or NULL (caller
 * frees).
 */
int report_template_check(const char *kind, const char *path,
			  char **problems, struct qc_err *e);

/*
 * The inter-coder agreement report (report_agreement.c, template
 * reports/agreement.yaml): the table of team_agreement for a, a chart of
 * alpha (alpha_u at the char unit) per code, and for every code and pair
 * of coders the segments one coded and the other did not, redacted. Of o
 * only lang is used. *rows: the rows of the table.
 */
struct team_agreement_opts;
int report_agreement(struct store *s, const struct report_opts *o,
		     const struct team_agreement_opts *a, const char *path,
		     int *rows, struct qc_err *e);

/*
 * The redaction report (report_redaction.c, template
 * reports/redaction.yaml) for the data controller: every item
 * privacy_find finds with o->rules_file (NULL: the project's rules) in
 * the sources refs[0..nrefs) (every source when nrefs is 0), as a table;
 * the file is readable by its owner only. Of o, lang and rules_file are
 * used. *hits gets the items (privacy_hits_release frees them, also
 * after a failure).
 */
struct privacy_hits;
int report_redaction(struct store *s, const struct report_opts *o,
		     char *const *refs, int nrefs, const char *path,
		     struct privacy_hits *hits, struct qc_err *e);

#endif
