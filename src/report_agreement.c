/*
 * report_agreement: the inter-coder agreement report. The statistics come
 * from team_agreement, the disagreements from team_disagreements_of; the
 * labels, page and colours from reports/agreement.yaml; its sections are
 * drawn from the table below, in the template's order.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/pdf.h"
#include "qcode/privacy.h"
#include "qcode/report.h"
#include "qcode/team.h"
#include "report_int.h"

struct agr {
	struct store *s;
	const struct report_labels *l;
	struct pdf *pdf;
	const struct team_agreement *a;
	struct redactor *red;
	int chars;			/* the char unit: alpha_u */
	struct pdf_rgb headings, fac, hin;
	struct qc_err *e;		/* why a section stopped the report */
	const struct filter *f;		/* the sources and turns compared */
};

static const char *L(const struct agr *g, const char *key)
{
	return report_label(g->l, key);
}

/* The label of key, or of key_u at the char unit. */
static const char *Lu(const struct agr *g, const char *key)
{
	char k[64];
	const char *v;

	if (!g->chars)
		return L(g, key);
	snprintf(k, sizeof(k), "%s_u", key);
	v = L(g, k);
	return v == k ? L(g, key) : v;
}

/* A code's name as it may leave the machine: redacted like the
 * quotes; "[…]" where the rules fail (the quotes then stop the report).
 * Caller frees. */
static char *code_name(struct agr *g, const char *name)
{
	struct qc_buf b = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;

	if (redactor_apply(g->red, name, strlen(name), &b, &e) < 0) {
		qc_buf_reset(&b);
		qc_buf_adds(&b, "[…]");
	}
	qc_err_release(&e);
	return qc_buf_detach(&b, NULL);
}

/* The heading, what the table shows, and the table. */
static int draw_table(struct agr *g)
{
	const struct team_agreement *a = g->a;
	const struct team_data *d = &a->data;
	float w = pdf_width(g->pdf);
	int n = a->nrows;
	const char **cells = xcalloc((size_t)n * 7 + 1, sizeof(char *));
	char **names = xcalloc((size_t)n + 1, sizeof(char *));
	char (*num)[48] = xcalloc((size_t)n * 7 + 1, sizeof(*num));
	char nc[16], *who, *intro, *note;
	struct qc_buf judged = QC_BUF_INIT;

	pdf_heading(g->pdf, 1, L(g, "heading"), g->headings);
	snprintf(nc, sizeof(nc), "%d", d->ncoders);
	/* the first two coders, as the report has always named them */
	who = xasprintf("%s%s%s", d->coder_names[0], d->ncoders > 1 ? ", " : "",
			d->ncoders > 1 ? d->coder_names[1] : "");
	intro = report_label_fill(g->l, "intro", 4, (const char *const[]){
		nc, who, team_unit_name(d->unit), Lu(g, "intro_alpha") });
	pdf_para(g->pdf, intro, PDF_REGULAR, 10, 0, PDF_INK);
	free(intro);
	free(who);
	pdf_skip(g->pdf, 8);
	for (int i = 0; i < n; i++) {
		const struct team_agreement_row *r = &a->rows[i];
		/* at the char unit the last column is alpha_u */
		double al = g->chars ? r->au : r->alpha;
		double lo = g->chars ? r->au_lo : r->lo;
		double hi = g->chars ? r->au_hi : r->hi;
		char *c = num[i * 7 + 6], *nm = code_name(g, r->label);
		size_t len;
		/* the code's name as every output shows it: redacted */
		names[i] = xasprintf("%s%s", nm, r->unused ? " *" : "");
		free(nm);
		snprintf(num[i * 7 + 1], 48, "%zu", r->units);
		team_format(num[i * 7 + 2], 48, r->pct, 1);
		team_format(num[i * 7 + 3], 48, r->coded_pct, 1);
		len = strlen(num[i * 7 + 3]);
		snprintf(num[i * 7 + 3] + len, 48 - len, " (%zu)", r->coded_units);
		team_format(num[i * 7 + 4], 48, r->cohen, 0);
		team_format(num[i * 7 + 5], 48, r->fleiss, 0);
		len = strlen(num[i * 7 + 5]);
		if (!isnan(r->fleiss) && r->n_fleiss < r->units)
			snprintf(num[i * 7 + 5] + len, 48 - len, " (%zu)",
				 r->n_fleiss);
		if (isnan(al))
			snprintf(c, 48, "-");
		else if (isnan(lo))
			snprintf(c, 48, "%.3f", al);
		else
			snprintf(c, 48, "%.3f (%.2f–%.2f)", al, lo, hi);
		for (int j = 0; j < 7; j++)
			cells[i * 7 + j] = num[i * 7 + j];
		cells[i * 7] = names[i];
	}
	pdf_table(g->pdf, 7, (const float[]){ 0.20f * w, 0.10f * w, 0.11f * w,
		  0.13f * w, 0.10f * w, 0.13f * w, 0.23f * w },
		  (const char *const[]){ L(g, "col_code"), g->chars ?
		  L(g, "col_chars") : L(g, "col_units"), L(g, "col_agreement"),
		  L(g, "col_coded"), L(g, "col_cohen"), L(g, "col_fleiss"),
		  Lu(g, "col_alpha") },
		  cells, n, 0x7e);
	/* what each figure is over, and what counted as judged */
	for (int c = 0; c < d->ncoders; c++)
		qc_buf_addf(&judged, "%s%s %zu", c ? ", " : "",
			    d->coder_names[c], d->judged_n[c]);
	note = report_label_fill(g->l, "note_defs", 1,
				 (const char *const[]){ judged.buf });
	pdf_skip(g->pdf, 6);
	pdf_para(g->pdf, note, PDF_REGULAR, 8, 0, PDF_INK);
	free(note);
	qc_buf_release(&judged);
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(cells);
	free(num);
	return 0;
}

/* Alpha (alpha_u) per row, coloured by the 0.667 threshold. */
static int draw_chart(struct agr *g)
{
	const struct team_agreement *a = g->a;
	int n = a->nrows, nb = 0;
	const char **labels = xcalloc((size_t)n + 1, sizeof(char *));
	double *vals = xcalloc((size_t)n + 1, sizeof(double));
	struct pdf_rgb *col = xcalloc((size_t)n + 1, sizeof(*col));

	for (int i = 0; i < n; i++) {
		double al = g->chars ? a->rows[i].au : a->rows[i].alpha;
		if (isnan(al))
			continue;
		labels[nb] = code_name(g, a->rows[i].label);
		vals[nb] = round(al * 100) / 100;
		col[nb++] = al >= 0.667 ? g->fac : g->hin;
	}
	pdf_heading(g->pdf, 2, Lu(g, "chart"), g->headings);
	pdf_bars(g->pdf, nb, labels, vals, col, 2, (const char *const[]){
		 Lu(g, "legend_high"), Lu(g, "legend_low") },
		 (const struct pdf_rgb[]){ g->fac, g->hin });
	for (int i = 0; i < nb; i++)
		free((char *)labels[i]);
	free(labels);
	free(vals);
	free(col);
	return 0;
}

/* Per code, for every pair of coders, what one coded and the other not. */
static int draw_disagreements(struct agr *g)
{
	const struct team_data *d = &g->a->data;

	pdf_fresh_page(g->pdf);
	pdf_heading(g->pdf, 1, L(g, "disagreements"), g->headings);
	for (int k = 0; k < d->ncodes; k++) {
		int head = 0;
		for (int x = 0; x < d->ncoders; x++)
			for (int y = x + 1; y < d->ncoders; y++) {
				struct team_disagreement *v;
				size_t nv;
				int rc = team_disagreements_of(g->s, d->codes[k],
							d->coder_names[x],
							d->coder_names[y], g->f,
							g->red,
							0, &v, &nv, g->e);
				if (rc < 0)
					return rc;	/* redaction fails closed */
				if (nv && !head++) {
					char *cn = code_name(g, d->code_names[k]);
					pdf_heading(g->pdf, 3, cn, g->headings);
					free(cn);
				}
				for (size_t i = 0; i < nv; i++) {
					const char *other = strcmp(v[i].who,
						d->coder_names[x]) ?
						d->coder_names[x] : d->coder_names[y];
					char *who = report_label_fill(g->l, "only", 3,
						(const char *const[]){ v[i].ref,
						v[i].who, other });
					pdf_quote(g->pdf, v[i].text, who, g->hin);
					free(who);
				}
				team_disagreements_free(v, nv);
			}
	}
	return 0;
}

static const struct {
	const char *name;
	int (*draw)(struct agr *g);	/* 0, or -code with g->e set */
} sections[] = {
	{ "table", draw_table },
	{ "chart", draw_chart },
	{ "disagreements", draw_disagreements },
};

REPORT_TABLE_NAMES(section_name, sections)

const struct report_kind report_kind_agreement = { "agreement",
	section_name, NULL, NULL, 0 };

int report_agreement(struct store *s, const struct report_opts *o,
		     const struct team_agreement_opts *ao, const char *path,
		     int *rows, struct qc_err *e)
{
	struct report_labels *l = NULL;
	struct report_stats st;
	struct team_agreement a;
	struct agr g;
	int rc;

	*rows = 0;
	memset(&a, 0, sizeof(a));
	memset(&g, 0, sizeof(g));
	if ((rc = report_labels_load(s, o, "agreement", &l, &st, e)) < 0 ||
	    (rc = team_agreement(s, ao, &a, e)) < 0 ||
	    (rc = redactor_open(s, NULL, &g.red, e)) < 0)
		goto out;
	g.s = s;
	g.e = e;
	g.f = &ao->data.f;
	g.l = l;
	g.a = &a;
	g.chars = ao->data.unit == TEAM_UNIT_CHAR;
	g.headings = report_labels_colour(l, "headings");
	g.fac = report_labels_colour(l, "facilitating");
	g.hin = report_labels_colour(l, "hindering");
	if ((rc = report_labels_pdf_open(l, &g.pdf, e)) < 0)
		goto out;
	for (int k = 0; k < l->nsec; k++)
		if ((rc = sections[l->sec[k]].draw(&g)) < 0)
			goto out;
	if (redactor_candidates(g.red))
		pdf_footer_add(g.pdf, report_label(l, "footer_candidates"));
	rc = pdf_save(g.pdf, path, 0, e);
	if (rc == 0)
		*rows = a.nrows;
out:
	if (o->problems && !*o->problems)
		*o->problems = st.problems;
	else
		free(st.problems);
	free(st.missing);
	pdf_free(g.pdf);
	redactor_close(g.red);
	team_agreement_release(&a);
	report_labels_free(l);
	return rc;
}
