/*
 * report_int: what the files of the report module share, not for use
 * outside it.
 *
 *   report_template.c   reports/KIND.yaml (and --template) read into a
 *                       struct report_labels: page, colours, sections,
 *                       the labels of the report's language
 *   report_data.c       the context of the project reports (struct rep):
 *                       opening, counting the codings, the root codes and
 *                       their factors, redaction, writing the file
 *   report_layout.c     pieces several reports draw: cover, intro, bullets
 *   report_quotes.c     which fragments the lessons report quotes (each
 *                       once, whole sentences, pinned first) and how
 *   report_lessons.c, report_review.c, report_codebook.c,
 *   report_agreement.c, report_redaction.c
 *                       one report each, with its struct report_kind and
 *                       its sections as a { name, draw } table
 *
 * A new report is a file with a struct report_kind, its template
 * reports/NAME.yaml and a line in report_template.c's list of kinds.
 */
#ifndef QCODE_REPORT_INT_H
#define QCODE_REPORT_INT_H

#include "qcode/codebook.h"
#include "qcode/pdf.h"
#include "qcode/privacy.h"
#include "qcode/report.h"

/* ---- templates (report_template.c) ---- */

/*
 * A report as its template knows it. Sections and parts are named by
 * index in the report's own { name, draw } tables: section(i) and part(i)
 * give the name of entry i, NULL past the last.
 */
struct report_kind {
	const char *name;		/* "lessons": reports/lessons.yaml */
	const char *(*section)(int i);
	const char *part_key;		/* the key listing the parts of one
					   theme or code ("theme"), or NULL */
	const char *(*part)(int i);	/* NULL when part_key is */
	unsigned flags;			/* REPORT_F_* */
};

enum {
	REPORT_F_THEMES = 1,		/* counts codings, reads the root codes */
	REPORT_F_CODEBOOK = 2,		/* reads the codebook (codes suffice);
					   its title heads the pages of a
					   project without one */
	REPORT_F_PROJECT_TITLE = 4,	/* titled by the project, subtitled */
	REPORT_F_CYCLE = 8,		/* needs meetings; reads the root codes
					   and counts codings as THEMES does */
	REPORT_F_LESSONS = 16,		/* --theme names lessons, not action
					   groups */
};

extern const struct report_kind report_kind_lessons, report_kind_review,
	report_kind_codebook, report_kind_agreement, report_kind_redaction,
	report_kind_cycle;

/* The colours a template sets, by index in report_labels.col. */
enum report_colour { REPORT_ACCENT, REPORT_HEADINGS, REPORT_FACILITATING,
		     REPORT_HINDERING, REPORT_BOX, REPORT_BOX_EDGE,
		     REPORT_NCOLOURS };

#define REPORT_MAX_ITEMS 16

/* One report's template: the shipped file with --template's keys over
 * it, and the language its labels are given in. */
struct report_labels {
	const struct report_kind *kind;
	int size;			/* enum pdf_size */
	struct pdf_rgb col[REPORT_NCOLOURS];
	unsigned char sec[REPORT_MAX_ITEMS];	/* sections, in order, by
						   index in kind's table */
	int nsec;
	unsigned char part[REPORT_MAX_ITEMS];	/* a theme's or code's parts */
	int npart;
	char **lang, **k, **v;		/* labels; the last one wins */
	size_t n;
	char *langs;			/* " nl en " */
	char *use;			/* the report's language */
};

/*
 * Read the shipped template of kind, then o->template_file over it, and
 * choose o->lang or the project's language (else nl). The problems found
 * go to *problems as "file:line:col: ..." lines (caller frees, also on
 * failure). l is released with report_labels_release, also on failure.
 */
int report_labels_read(struct report_labels *l, struct store *s,
		       const struct report_opts *o,
		       const struct report_kind *kind, char **problems,
		       struct qc_err *e);
void report_labels_release(struct report_labels *l);

/* The same into a new struct: kind by name (its "report:"), problems to
 * st->problems. *out is freed with report_labels_free. */
int report_labels_load(struct store *s, const struct report_opts *o,
		       const char *kind, struct report_labels **out,
		       struct report_stats *st, struct qc_err *e);
void report_labels_free(struct report_labels *l);

/* A label in the report's language, else English, else the key itself;
 * owned by l. */
const char *report_label(const struct report_labels *l, const char *key);
/* A label with its %d and %s placeholders filled in order from vals
 * (never a printf format). Caller frees. */
char *report_label_fill(const struct report_labels *l, const char *key,
			int n, const char *const *vals);
/* A count in words: the label key (its one: text where count is 1, else
 * its other: text) with its first placeholder filled with count and the
 * rest from vals. Caller frees. */
char *report_label_count(const struct report_labels *l, const char *key,
			 long long count, int n, const char *const *vals);
/* The word for a kind of source ("interview"), plural or not: the label
 * kind_KIND or kinds_KIND, else the kind itself. Owned by l or kind. */
const char *report_label_kind(const struct report_labels *l,
			      const char *kind, int plural);
/* Set po's page size and palette (pal is filled and must outlive po). */
void report_labels_pdf(const struct report_labels *l, struct pdf_opts *po,
		       struct pdf_palette *pal);
/* A new PDF titled by the label "title" (also its running header), made
 * now, with the template's page and palette. pdf_free frees *out. */
int report_labels_pdf_open(const struct report_labels *l, struct pdf **out,
			   struct qc_err *e);
/* A colour of the template by name (accent, headings, facilitating,
 * hindering, box, box_edge). */
struct pdf_rgb report_labels_colour(const struct report_labels *l,
				    const char *name);

/* ---- the project reports' context (report_data.c) ---- */

/* How often each code was coded (distinct fragments: turns, or spans
 * outside turns), in how many sources and by how many participants
 * (research staff not counted; the kind filter applied), by code id. */
struct report_counts {
	long long *n, *ns, *np;
	long long max;		/* highest code id */
	long long total;	/* fragments coded in sources of the kinds
				   asked for (a turn once, whoever coded it
				   with whatever) */
	char **kinds;		/* the kinds of source, sorted */
	size_t nk;
	long long *bykind;	/* [code * nk + kind] */
	long long *kindfrag;	/* [kind]: fragments coded with anything */
};

/* A code with what the reports show of it and its counts. */
struct code_row {
	long long id;
	char *name, *short_id, *valence, *colour, *definition, *lesson,
	     *recommendation, *skills;
	long long n, ns, np, ordinal;
};

/* One lessons, review or codebook report being made. */
struct rep {
	struct store *s;
	struct report_counts cnt;
	const struct report_opts *o;
	struct report_labels lab;	/* the template */
	struct pdf_rgb accent, headings, fac, hin, box, box_edge;
	struct redactor *red;
	char *red_failed;	/* the first redaction that failed: no PDF */
	struct pdf *pdf;
	char *kinds;		/* ",a,b," or NULL */
	struct report_stats *st;
	struct code_row *rt;	/* REPORT_F_THEMES: the root codes */
	size_t nrt;
	int *theme;		/* rt[i] is a theme, not an actions group */
	struct codebook cb;	/* REPORT_F_CODEBOOK: the codebook */
	sqlite3_stmt *q_factors, *q_quotes, *q_sub;	/* prepared once */
	struct report_plan *plan;	/* the quotes chosen (report_quotes.c) */
};

/* The kind filter on sources s, bound at ?8 by report_prep. */
#define REPORT_KIND_SQL " (?8 IS NULL OR ?8 LIKE '%,' || s.kind || ',%')"

/* The name of entry i of a report's { name, draw } table, NULL past the
 * last: a struct report_kind's section or part. */
#define REPORT_TABLE_NAMES(fn, table) \
	static const char *fn(int i) \
	{ \
		return i >= 0 && (size_t)i < sizeof(table) / sizeof(table[0]) ? \
		       table[i].name : NULL; \
	}

/* A label of r's template (report_label). */
static inline const char *rtext(const struct rep *r, const char *key)
{
	return report_label(&r->lab, key);
}

/* A section of a lessons, review or codebook report. */
struct report_section {
	const char *name;
	/* k: its place in the template's list; 0, or -code with e set */
	int (*draw)(struct rep *r, int k, struct qc_err *e);
};

/*
 * Make report kind at path: load its template, check there is something
 * to report, read what kind->flags ask, open the PDF, draw the sections
 * the template lists from the table sections (named by kind->section),
 * and write the file unless a redaction failed or it grew too long
 * (narrow: the options that make it shorter, or NULL). No file is left
 * at path on failure.
 */
int report_make(struct store *s, const struct report_opts *o,
		const struct report_kind *kind,
		const struct report_section *sections, const char *path,
		const char *narrow, struct report_stats *st, struct qc_err *e);

/* As report_make, but instead of drawing and writing a PDF, call fn
 * with the report's context (its themes read) and arg. */
int report_make_list(struct store *s, const struct report_opts *o,
		     const struct report_kind *kind,
		     int (*fn)(struct rep *r, void *arg, struct qc_err *e),
		     void *arg, struct report_stats *st, struct qc_err *e);

/* A statement with r's ?7 (real names), ?8 (kinds) and ?9 (the word for
 * a participant) bound where it has them; caller finalizes. */
sqlite3_stmt *report_prep(struct rep *r, const char *sql, struct qc_err *e);
/* The same, run once per theme or code: prepared into *slot (one of r's
 * q_ fields) on first use and reset after, its ?7 to ?9 still bound;
 * teardown finalizes it. */
sqlite3_stmt *report_prep_once(struct rep *r, sqlite3_stmt **slot,
				const char *sql, struct qc_err *e);
/* The text redacted (caller frees); where redaction fails "[…]", and the
 * first failure, named by where ("S3:12"), stops the PDF at finish. */
char *report_redact(struct rep *r, const char *text, const char *where);

/* A project setting (store_get_setting) redacted as text; caller frees;
 * NULL when not set. */
char *report_setting(struct rep *r, const char *key);

/* Every text field of a codebook redacted in place. */
void report_redact_codebook(struct rep *r, struct codebook *cb);
/* The codes below root with their counts, strongest first; valence
 * filters ("facilitating", "hindering", NULL: all). rows_free frees. */
int report_factors(struct rep *r, long long root, const char *valence,
		   struct code_row **out, size_t *n, struct qc_err *e);
/* How often a root code and the codes below it were coded. */
long long report_theme_codings(struct rep *r, long long root);
void report_rows_free(struct code_row *v, size_t n);

/* ---- quotes (report_quotes.c) ---- */

/* One quote chosen for a factor. */
struct report_quote {
	long long coding;	/* the coding quoted (#12) */
	long long source;
	int pinned;		/* quote pin or tag --exemplar */
	char *ref;		/* "S3:12", "S3" for a span outside turns */
	char *text;		/* whole sentences, redacted, without marks */
	char *who;		/* "Ouder 3, focusgroep", redacted */
	char *role;
};

/* Choose the quotes of the factors codes[0..n) (counts: how often each
 * was coded, the rarer being the more specific) for the whole report:
 * each fragment once. Kept in r until report_quotes_free. */
int report_quotes_plan(struct rep *r, const long long *codes,
		       const long long *counts, size_t n, struct qc_err *e);
/* The quotes chosen for code (*n of them; none when it was not planned). */
const struct report_quote *report_quotes_of(const struct rep *r,
					    long long code, size_t *n);
/* A planned factor left without a quote: the codes whose quotes hold its
 * fragments (*n of them). */
const long long *report_quotes_held(const struct rep *r, long long code,
				    size_t *n);
void report_quotes_free(struct rep *r);
/* The roles never quoted, ",a,b," in lower case (the setting
 * research-roles, else interviewers and moderators). Caller frees. */
char *report_research_roles(struct rep *r);

/* ---- the learning cycle (report_cycle.c) ---- */

/* The four steps of the learning cycle, each with what happened in it
 * drawn from the log ("11 bijeenkomsten"), and that as one line under
 * the diagram; the plain steps when the project has no meetings. */
void report_cycle_figure(struct rep *r);
/* Up to max evidence fragments of the row whose evidence column col
 * ("lesson_id") is id, as redacted quotes with who said them. */
void report_evidence(struct rep *r, const char *col, long long id, int max);
/* The same, each quote at most words long. */
void report_evidence_words(struct rep *r, const char *col, long long id,
			   int max, int words);

/* ---- layout (report_layout.c) ---- */

/* Sections of several reports. The cover: the template's kicker, the
 * project's title (else the template's), its subtitle and settings under
 * the cover labels. The intro: the opening paragraph, as the template
 * words it. */
int report_cover(struct rep *r, int k, struct qc_err *e);
int report_intro(struct rep *r, int k, struct qc_err *e);
/* One bullet per line of lines. */
void report_bullets(struct rep *r, const char *lines);
/* At most max words, cut at a word, with an ellipsis; line breaks as
 * spaces. Caller frees. */
char *report_shorten(const char *s, int max);
/* v as a decimal string. Caller frees. */
char *report_num(long long v);

#endif
