/*
 * report_int: what report.c lends the reports kept in files of their own
 * (report_agreement.c): their template, reports/KIND.yaml, with its page
 * size, colours, sections and the labels of the report's language. Not
 * for use outside the report module.
 */
#ifndef QCODE_REPORT_INT_H
#define QCODE_REPORT_INT_H

#include "qcode/pdf.h"
#include "qcode/report.h"

struct report_labels;

/* The shipped template of report kind (its "report:" name), with o->lang
 * or the project's language; problems go to st->problems (caller frees,
 * also on failure). *out is freed with report_labels_free. */
int report_labels_load(struct store *s, const struct report_opts *o,
		       const char *kind, struct report_labels **out,
		       struct report_stats *st, struct qc_err *e);
/* A label in the report's language, else English, else the key itself;
 * owned by l. */
const char *report_label(const struct report_labels *l, const char *key);
/* A label with its %d and %s placeholders filled in order from vals
 * (never a printf format). Caller frees. */
char *report_label_fill(const struct report_labels *l, const char *key,
			int n, const char *const *vals);
/* The names of the sections to draw, in order (at most max); returns how
 * many. */
int report_labels_sections(const struct report_labels *l,
			   const char **names, int max);
/* Set po's page size and palette (pal is filled and must outlive po). */
void report_labels_pdf(const struct report_labels *l, struct pdf_opts *po,
		       struct pdf_palette *pal);
/* A colour of the template by name (accent, headings, facilitating,
 * hindering, box, box_edge). */
struct pdf_rgb report_labels_colour(const struct report_labels *l,
				    const char *name);
void report_labels_free(struct report_labels *l);

#endif
