/*
 * report_codebook: the codebook for coders: the tree at a glance, then
 * each code with its definition, when to code it and when not, and an
 * example (redacted). Sections are drawn from the table below, in the
 * template's order (reports/codebook.yaml).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/codebook.h"
#include "qcode/pdf.h"
#include "qcode/report.h"
#include "report_int.h"

/* The tree at a glance. */
static int draw_overview(struct rep *r, int k, struct qc_err *e)
{
	const struct codebook *cb = &r->cb;

	(void)k;
	(void)e;
	pdf_heading(r->pdf, 1, rtext(r, "overview"), r->headings);
	for (size_t i = 0; i < cb->n; i++) {
		const struct cb_code *c = &cb->codes[i];
		char key[32], *line;
		int d = 0;
		for (long q = c->parent; q >= 0; q = cb->codes[q].parent)
			d++;
		snprintf(key, sizeof(key), "v_%s", c->valence ? c->valence : "neutral");
		/* a neutral code below the top is an item, not a theme */
		line = d && strcmp(key, "v_neutral") ?
		       xasprintf("%s (%s)", c->name, rtext(r, key)) :
		       xstrdup(c->name);
		if (d == 0 && i)
			pdf_skip(r->pdf, 3);
		pdf_bullet(r->pdf, line, 14.0f * (float)d);
		free(line);
	}
	return 0;
}

/* Each code with its definition, when to code it and when not, and an
 * example. */
static int draw_codes(struct rep *r, int k, struct qc_err *e)
{
	const struct codebook *cb = &r->cb;

	(void)k;
	(void)e;
	pdf_fresh_page(r->pdf);
	for (size_t i = 0; i < cb->n; i++) {
		const struct cb_code *c = &cb->codes[i];
		int d = 0;
		char key[32];
		/* valence colours: code colours can be too pale for text */
		struct pdf_rgb col = !c->valence ? r->headings :
			!strcmp(c->valence, "facilitating") ? r->fac :
			!strcmp(c->valence, "hindering") ? r->hin : r->headings;
		char *h;
		for (long q = c->parent; q >= 0; q = cb->codes[q].parent)
			d++;
		snprintf(key, sizeof(key), "v_%s", c->valence ? c->valence : "neutral");
		h = xasprintf("%s  (%s)", c->name, c->id);
		pdf_heading(r->pdf, d == 0 ? 1 : 2, h, d == 0 ? r->headings : col);
		free(h);
		if (d == 0 || strcmp(key, "v_neutral"))
			pdf_para(r->pdf, rtext(r, key), PDF_BOLD, 8.5f, 0, PDF_MUTED);
		if (c->definition)
			pdf_para(r->pdf, c->definition, PDF_REGULAR, 10, 0, PDF_INK);
		if (c->inclusion) {
			h = xasprintf("%s: %s", rtext(r, "inclusion"), c->inclusion);
			pdf_para(r->pdf, h, PDF_REGULAR, 9.5f, 12, PDF_INK);
			free(h);
		}
		if (c->exclusion) {
			h = xasprintf("%s: %s", rtext(r, "exclusion"), c->exclusion);
			pdf_para(r->pdf, h, PDF_REGULAR, 9.5f, 12, PDF_INK);
			free(h);
		}
		if (c->example) {
			char *where = xasprintf("the example of code '%s'", c->id);
			char *ex = report_redact(r, c->example, where);
			free(where);
			h = xasprintf("%s: \xe2\x80\x9c%s\xe2\x80\x9d", rtext(r, "example"),
				      ex);
			pdf_para(r->pdf, h, PDF_ITALIC, 9.5f, 12, PDF_INK);
			free(h);
			free(ex);
		}
		pdf_skip(r->pdf, 4);
		r->st->factors++;
	}
	return 0;
}

/* In this order in the template's "unknown item" message. */
static const struct report_section sections[] = {
	{ "cover", report_cover },
	{ "intro", report_intro },
	{ "overview", draw_overview },
	{ "codes", draw_codes },
};

REPORT_TABLE_NAMES(section_name, sections)

const struct report_kind report_kind_codebook = { "codebook", section_name,
	NULL, NULL, REPORT_F_CODEBOOK };

int report_codebook(struct store *s, const struct report_opts *o,
		    const char *path, struct report_stats *st, struct qc_err *e)
{
	return report_make(s, o, &report_kind_codebook, sections, path, NULL,
			   st, e);
}
