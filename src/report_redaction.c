/*
 * report_redaction: the redaction report for the data controller: every
 * item of personal data privacy_find finds, with its rule and the words
 * around it. It holds the personal data itself, so the file is written
 * owner-only. The labels, page and colours come from
 * reports/redaction.yaml; its sections are drawn from the table below, in
 * the template's order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/outfile.h"
#include "qcode/pdf.h"
#include "qcode/privacy.h"
#include "qcode/report.h"
#include "report_int.h"

struct red {
	struct store *s;
	const struct report_labels *l;
	struct pdf *pdf;
	const struct privacy_hits *h;
};

/* The heading, the project and how many items. */
static int draw_intro(struct red *g)
{
	char *title = store_get_setting(g->s, "title"), n[32], *intro;

	snprintf(n, sizeof(n), "%zu", g->h->n);
	pdf_heading(g->pdf, 1, report_label(g->l, "title"),
		    report_labels_colour(g->l, "headings"));
	intro = report_label_fill(g->l, "intro", 2, (const char *const[]){
		title ? title : "", n });
	pdf_para(g->pdf, intro, PDF_REGULAR, 10, 0, PDF_INK);
	pdf_skip(g->pdf, 8);
	free(intro);
	free(title);
	return 0;
}

/* The context with its "**match**" marks as « and »: a PDF cell shows
 * no markup. Caller frees. */
static char *marked(const char *ctx)
{
	struct qc_buf b = QC_BUF_INIT;
	int open = 0;

	for (const char *p = ctx; *p; p++) {
		if (p[0] == '*' && p[1] == '*') {
			qc_buf_adds(&b, open ? "»" : "«");
			open = !open;
			p++;
		} else {
			qc_buf_addch(&b, *p);
		}
	}
	return qc_buf_detach(&b, NULL);
}

/* One row per item: reference, rule, what was found, its context. */
static int draw_table(struct red *g)
{
	const struct privacy_hit *h = g->h->v;
	size_t n = g->h->n;
	const char **cells = xcalloc(n * 4 + 1, sizeof(char *));
	char **ctx = xcalloc(n + 1, sizeof(char *));
	float w = pdf_width(g->pdf);

	for (size_t i = 0; i < n; i++) {
		ctx[i] = marked(h[i].context);
		cells[i * 4] = h[i].ref;
		cells[i * 4 + 1] = h[i].rule;
		cells[i * 4 + 2] = h[i].found;
		cells[i * 4 + 3] = ctx[i];
	}
	pdf_table(g->pdf, 4, (const float[]){ 0.11f * w, 0.17f * w, 0.24f * w,
		  0.48f * w }, (const char *const[]){
		  report_label(g->l, "col_ref"), report_label(g->l, "col_rule"),
		  report_label(g->l, "col_found"),
		  report_label(g->l, "col_context") }, cells, (int)n, 0);
	for (size_t i = 0; i < n; i++)
		free(ctx[i]);
	free(ctx);
	free(cells);
	return 0;
}

static const struct {
	const char *name;
	int (*draw)(struct red *g);
} sections[] = {
	{ "intro", draw_intro },
	{ "table", draw_table },
};

REPORT_TABLE_NAMES(section_name, sections)

const struct report_kind report_kind_redaction = { "redaction",
	section_name, NULL, NULL, 0 };

int report_redaction(struct store *s, const struct report_opts *o,
		     char *const *refs, int nrefs, const char *path,
		     struct privacy_hits *hits, struct qc_err *e)
{
	struct report_labels *l = NULL;
	struct report_stats st;
	struct red g = { s, NULL, NULL, hits };
	int rc;

	hits->v = NULL;
	hits->n = 0;
	if ((rc = report_labels_load(s, o, "redaction", &l, &st, e)) < 0 ||
	    (rc = privacy_find(s, o->rules_file, refs, nrefs, hits, e)) < 0)
		goto out;
	g.l = l;
	if ((rc = report_labels_pdf_open(l, &g.pdf, e)) < 0)
		goto out;
	for (int k = 0; k < l->nsec; k++)
		if ((rc = sections[l->sec[k]].draw(&g)) < 0)
			goto out;
	/* the list holds the personal data itself: owner only */
	rc = pdf_save(g.pdf, path, OUTFILE_PRIVATE, e);
out:
	if (o->problems && !*o->problems)
		*o->problems = st.problems;
	else
		free(st.problems);
	free(st.missing);
	pdf_free(g.pdf);
	report_labels_free(l);
	return rc;
}
