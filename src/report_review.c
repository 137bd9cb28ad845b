/*
 * report_review: the theme review sheet for the learning and development
 * team: per theme, every code that was coded, with its definition, how
 * often, the coded fragments (redacted, with who said them), its memos
 * and lines for notes. Sections and a code's parts are drawn from the
 * tables below, in the template's order (reports/review.yaml).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/coding.h"
#include "qcode/filter.h"
#include "qcode/pdf.h"
#include "qcode/report.h"
#include "report_int.h"

struct fragment {
	char *text, *who;
};

/* The coded fragments of a code, redacted, with who said them. */
static int fragments(struct rep *r, long long code, struct fragment **out,
		     size_t *n, struct qc_err *e)
{
	sqlite3_stmt *q = report_prep(r,
		" SELECT 'S' || s.id || ':' || coalesce(g.ordinal, '?'),"
		" coalesce(p.role, ''), pn.name, u.name, coalesce(g.text,"
		" substr(s.text, c.start_cp + 1, c.end_cp - c.start_cp)),"
		" s.kind FROM codings c JOIN sources s ON s.id = c.source_id"
		" LEFT JOIN segments g ON g.id = c.segment_id"
		" LEFT JOIN participants p ON p.id = g.participant_id"
		" LEFT JOIN temp.report_names pn ON pn.id = p.id JOIN coders u ON"
		" u.id = c.coder_id WHERE c.code_id = ?1 AND" REPORT_KIND_SQL
		" ORDER BY s.id, c.start_cp, u.name", e);

	*out = NULL;
	*n = 0;
	if (!q)
		return -QC_EIO;
	sqlite3_bind_int64(q, 1, code);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(q, 2);
		const char *role = (const char *)sqlite3_column_text(q, 1);
		const char *kind = report_label_kind(&r->lab,
			(const char *)sqlite3_column_text(q, 5), 0);
		struct qc_buf who = QC_BUF_INIT;

		/* ref · speaker · role · kind of source · coder */
		qc_buf_addf(&who, "%s", sqlite3_column_text(q, 0));
		if (name)
			qc_buf_addf(&who, " · %s", name);
		if (*role)
			qc_buf_addf(&who, " · %s", role);
		qc_buf_addf(&who, " · %s · %s %s", kind, rtext(r, "coder"),
			    sqlite3_column_text(q, 3));
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		(*out)[*n].text = report_redact(r, (const char *)sqlite3_column_text(q, 4),
					 (const char *)sqlite3_column_text(q, 0));
		(*out)[*n].who = report_redact(r, who.buf,
					(const char *)sqlite3_column_text(q, 0));
		(*n)++;
		qc_buf_release(&who);
	}
	sqlite3_finalize(q);
	return 0;
}

static void fragments_free(struct fragment *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].text);
		free(f[i].who);
	}
	free(f);
}

/* The memos of a code, under their label. */
static void code_memos(struct rep *r, long long code)
{
	sqlite3_stmt *q = store_prepare(r->s, "SELECT m.text, u.name FROM memos m"
					" JOIN coders u ON u.id = m.author_id WHERE"
					" m.target = 'code' AND m.target_id = ?"
					" ORDER BY m.id", NULL);
	float w = pdf_width(r->pdf);
	int any = 0;

	if (!q)
		return;
	sqlite3_bind_int64(q, 1, code);
	while (sqlite3_step(q) == SQLITE_ROW) {
		char *t = report_redact(r, (const char *)sqlite3_column_text(q, 0),
				 "a memo on a code");
		char *line = xasprintf("%s (%s)", t, sqlite3_column_text(q, 1));
		if (!any++) {
			pdf_need(r->pdf, 9 * 1.4f + pdf_para_height(r->pdf, line,
				 PDF_REGULAR, 10, w - 12) + 2);
			pdf_para(r->pdf, rtext(r, "memos"), PDF_BOLD, 9, 0,
				 r->accent);
		}
		pdf_bullet(r->pdf, line, 0);
		free(t);
		free(line);
	}
	sqlite3_finalize(q);
}

/* ---- a code's parts ---- */

/* One code being drawn. */
struct code_view {
	const struct code_row *c;
	struct fragment *fr;
	size_t nfr;
	char *count;		/* "N fragments" */
	struct pdf_rgb col;	/* by valence */
};

static float keep_definition(struct rep *r, const struct code_view *v)
{
	return v->c->definition ? pdf_para_height(r->pdf, v->c->definition,
		PDF_ITALIC, 9, pdf_width(r->pdf)) : 0;
}

static void part_definition(struct rep *r, const struct code_view *v)
{
	if (v->c->definition)
		pdf_para(r->pdf, v->c->definition, PDF_ITALIC, 9, 0, PDF_MUTED);
}

static float keep_count(struct rep *r, const struct code_view *v)
{
	return pdf_para_height(r->pdf, v->count, PDF_REGULAR, 8.5f,
			       pdf_width(r->pdf)) + 4;
}

static void part_count(struct rep *r, const struct code_view *v)
{
	pdf_para(r->pdf, v->count, PDF_REGULAR, 8.5f, 0, PDF_MUTED);
	pdf_skip(r->pdf, 4);
}

static float keep_fragments(struct rep *r, const struct code_view *v)
{
	return v->nfr ? pdf_quote_height(r->pdf, v->fr[0].text, v->fr[0].who)
		      : 0;
}

static void part_fragments(struct rep *r, const struct code_view *v)
{
	for (size_t f = 0; f < v->nfr; f++) {
		pdf_quote(r->pdf, v->fr[f].text, v->fr[f].who, v->col);
		r->st->fragments++;
	}
}

static void part_memos(struct rep *r, const struct code_view *v)
{
	code_memos(r, v->c->id);
}

static float keep_notes(struct rep *r, const struct code_view *v)
{
	(void)r;
	(void)v;
	return 9 * 1.4f + 3 * 20 + 8;
}

static void part_notes(struct rep *r, const struct code_view *v)
{
	/* the label stays with its lines */
	pdf_need(r->pdf, keep_notes(r, v));
	pdf_para(r->pdf, rtext(r, "notes"), PDF_BOLD, 9, 0, PDF_MUTED);
	pdf_rules(r->pdf, 3);
}

/* In this order in the template's "unknown item" message. */
static const struct {
	const char *name;
	/* the height of what the part draws first, which its code's heading
	 * stays with; 0 or NULL: nothing known */
	float (*keep)(struct rep *r, const struct code_view *v);
	void (*draw)(struct rep *r, const struct code_view *v);
} parts[] = {
	{ "definition", keep_definition, part_definition },
	{ "count", keep_count, part_count },
	{ "fragments", keep_fragments, part_fragments },
	{ "memos", NULL, part_memos },
	{ "notes", keep_notes, part_notes },
};

/* One code of the review sheet: the parts the template lists. */
static int review_code(struct rep *r, const struct code_row *c, int *shown,
		       const char *theme, struct qc_err *e)
{
	struct code_view v = { c, NULL, 0, NULL, r->headings };
	char *h, *n1;
	float keep = 0;
	int rc;

	if (!strcmp(c->valence, "hindering"))
		v.col = r->hin;
	else if (!strcmp(c->valence, "facilitating"))
		v.col = r->fac;
	if ((rc = fragments(r, c->id, &v.fr, &v.nfr, e)) < 0)
		return rc;
	if (!(*shown)++)
		pdf_heading(r->pdf, 1, theme, r->headings);
	n1 = report_num(c->n);
	v.count = report_label_fill(&r->lab, "fragments", 1,
				    (const char *const[]){ n1 });
	free(n1);
	/* the heading stays with what comes first below it */
	for (int i = 0; i < r->lab.npart && keep == 0; i++)
		if (parts[r->lab.part[i]].keep)
			keep = parts[r->lab.part[i]].keep(r, &v);
	h = xasprintf("%s  (%s)", c->name, c->short_id);
	pdf_heading_keep(r->pdf, 2, h, v.col, keep);
	free(h);
	for (int i = 0; i < r->lab.npart; i++)
		parts[r->lab.part[i]].draw(r, &v);
	free(v.count);
	fragments_free(v.fr, v.nfr);
	return 0;
}

/* ---- sections ---- */

/* Per theme, every code that was coded. */
static int draw_themes(struct rep *r, int k, struct qc_err *e)
{
	int rc = 0;

	(void)k;
	/* a document that failed is not finished */
	for (size_t i = 0; i < r->nrt && !pdf_failed(r->pdf); i++) {
		struct code_row *all;
		size_t na;
		int shown = 0;

		if (report_theme_codings(r, r->rt[i].id) == 0)
			continue;
		if ((rc = report_factors(r, r->rt[i].id, NULL, &all, &na, e)) < 0)
			return rc;
		r->st->themes++;
		/* only what was coded: an empty code is no agenda item */
		for (size_t c = 0; c < na && rc == 0 && !pdf_failed(r->pdf); c++)
			if (all[c].n)
				rc = review_code(r, &all[c], &shown,
						 r->rt[i].name, e);
		report_rows_free(all, na);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The appendix: codings per code and person (persons.h), a table of at
 * most six persons at a time so the columns stay readable. Persons are
 * named by id and pseudonym, never by name. */
static int draw_persons(struct rep *r, int k, struct qc_err *e)
{
	struct coding_freq fq;
	struct filter f = { 0 };
	struct pdf *p = r->pdf;
	float w = pdf_width(p);
	char *kinds = NULL;
	int rc;

	(void)k;
	if (r->kinds) {
		/* ",a,b," -> "a,b" */
		kinds = xstrdup(r->kinds + 1);
		if (*kinds)
			kinds[strlen(kinds) - 1] = '\0';
		f.kind = kinds;
	}
	rc = coding_freq_attr(r->s, CODING_BY_PERSON, NULL, &f, &fq, e);
	free(kinds);
	if (rc < 0)
		return rc;
	if (fq.ncodes && fq.ngroups) {
		pdf_fresh_page(p);
		pdf_heading(p, 1, rtext(r, "appendix_persons"), r->headings);
	}
	for (size_t g0 = 0; g0 < fq.ngroups && fq.ncodes; g0 += 6) {
		size_t ng = fq.ngroups - g0 < 6 ? fq.ngroups - g0 : 6;
		size_t nc = ng + 1;
		const char **head = xcalloc(nc, sizeof(char *));
		const char **tc = xcalloc(fq.ncodes * nc + 1, sizeof(char *));
		char **num = xcalloc(fq.ncodes * nc + 1, sizeof(char *));
		float *wd = xcalloc(nc, sizeof(float));

		head[0] = rtext(r, "code");
		wd[0] = w * 0.28f;
		for (size_t g = 0; g < ng; g++) {
			head[g + 1] = fq.groups[g0 + g];
			wd[g + 1] = w * 0.72f / (float)ng;
		}
		for (size_t c = 0; c < fq.ncodes; c++) {
			tc[c * nc] = fq.codes[c];
			for (size_t g = 0; g < ng; g++) {
				long long v = fq.codings[c * fq.ngroups + g0 + g];
				num[c * nc + g + 1] = v ? xasprintf("%lld", v) :
						      xstrdup("-");
				tc[c * nc + g + 1] = num[c * nc + g + 1];
			}
		}
		pdf_table(p, (int)nc, wd, head, tc, (int)fq.ncodes,
			  ((1u << nc) - 1) & ~1u);
		for (size_t i = 0; i < fq.ncodes * nc; i++)
			free(num[i]);
		free(num);
		free(tc);
		free(head);
		free(wd);
	}
	coding_freq_release(&fq);
	return 0;
}

/* In this order in the template's "unknown item" message. */
static const struct report_section sections[] = {
	{ "cover", report_cover },
	{ "intro", report_intro },
	{ "themes", draw_themes },
	{ "persons", draw_persons },
};

REPORT_TABLE_NAMES(section_name, sections)
REPORT_TABLE_NAMES(part_name, parts)

const struct report_kind report_kind_review = { "review", section_name,
	"code", part_name, REPORT_F_THEMES };

int report_review(struct store *s, const struct report_opts *o,
		  const char *path, struct report_stats *st, struct qc_err *e)
{
	return report_make(s, o, &report_kind_review, sections, path,
			   "--theme or --kind", st, e);
}
