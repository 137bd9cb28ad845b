/*
 * report_lessons: the lessons-learned report for educators of training
 * programmes. Per theme (a root code with facilitating or hindering codes
 * below it): its lesson, a chart, the factors with their counts and
 * quotes spread over sources and roles, the recommendation and skills;
 * then the process memos, the actions undertaken, the learning cycle and
 * an appendix. Sections and a theme's parts are drawn from the tables
 * below, in the template's order (reports/lessons.yaml).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/codebook.h"
#include "qcode/pdf.h"
#include "qcode/report.h"
#include "report_int.h"

struct quote {
	long long source;
	char ref[48];	/* "S3:12", or "S3" for a coding across turns */
	char *text, *who, *role;
};

/* Two to four quotes of a code, spread over sources and roles: first
 * fragments from a new source and a new role, then a new source, then
 * any; researchers' own words last. */
static int quotes(struct rep *r, long long code, struct quote **out,
		  size_t *n, struct qc_err *e)
{
	/* candidates: the first codings in source order, enough to spread
	 * over sources and roles without reading every coding of a large
	 * project; a coding of a whole turn is quoted from the turn, and
	 * only other codings read the source's text; the same text twice is
	 * skipped below */
	sqlite3_stmt *st = report_prep_once(r, &r->q_quotes,
		"WITH c(source_id, start_cp, end_cp, segment_id, kind) AS"
		" (SELECT c.source_id, c.start_cp, c.end_cp, c.segment_id, s.kind"
		" FROM codings c JOIN sources s ON s.id = c.source_id AND" REPORT_KIND_SQL
		" WHERE c.code_id = ?1 ORDER BY c.source_id, c.start_cp LIMIT 64)"
		" SELECT c.source_id, c.kind, CASE WHEN g.id IS NOT NULL AND"
		" g.start_cp = c.start_cp AND g.end_cp = c.end_cp THEN g.text ELSE"
		" (SELECT substr(s.text, c.start_cp + 1, c.end_cp - c.start_cp)"
		" FROM sources s WHERE s.id = c.source_id) END,"
		" pn.name, coalesce(p.role, ''), g.ordinal FROM c"
		" LEFT JOIN segments g ON g.id = c.segment_id"
		" LEFT JOIN participants p ON p.id = g.participant_id"
		" LEFT JOIN temp.report_names pn ON pn.id = p.id"
		" ORDER BY p.role IN ('onderzoeker', 'researcher', 'moderator'),"
		" c.source_id, c.start_cp", e);
	struct quote *all = NULL;
	size_t na = 0, want;
	char *used;

	*out = NULL;
	*n = 0;
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, code);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		const char *name = (const char *)sqlite3_column_text(st, 3);
		const char *text = (const char *)sqlite3_column_text(st, 2);
		int dup = 0;
		for (size_t i = 0; i < na; i++)
			dup |= !strcmp(all[i].text, text ? text : "");
		if (dup || !text)
			continue;
		all = xreallocarray(all, na + 1, sizeof(*all));
		all[na].source = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 5) == SQLITE_NULL)
			snprintf(all[na].ref, sizeof(all[na].ref), "S%lld",
				 all[na].source);
		else
			snprintf(all[na].ref, sizeof(all[na].ref), "S%lld:%lld",
				 all[na].source, sqlite3_column_int64(st, 5));
		all[na].text = xstrdup(text);
		all[na].who = name ? xasprintf("%s, %s", name, report_label_kind(&r->lab, kind, 0))
				   : xstrdup(report_label_kind(&r->lab, kind, 0));
		all[na].role = xstrdup((const char *)sqlite3_column_text(st, 4));
		na++;
	}
	sqlite3_reset(st);
	want = na < 2 ? na : na < 4 ? na : 4;
	if (want > 3 && na < 8)
		want = 3;
	used = xcalloc(na + 1, 1);
	/* passes: a new source and role, a new source, anything; each first
	 * among fragments not quoted yet for another factor of the theme */
	for (int pass = 0; pass < 6 && *n < want; pass++) {
		for (size_t i = 0; i < na && *n < want; i++) {
			int new_src = 1, new_role = 1, seen = 0;
			if (used[i])
				continue;
			for (size_t k = 0; k < *n; k++) {
				new_src &= (*out)[k].source != all[i].source;
				new_role &= strcmp((*out)[k].role, all[i].role) != 0;
			}
			for (size_t k = 0; k < r->nseen && !seen; k++)
				seen = !strcmp(r->seen[k], all[i].text);
			if ((pass < 3 && seen) || (pass % 3 == 0 && !(new_src && new_role)) ||
			    (pass % 3 == 1 && !new_src))
				continue;
			r->seen = xreallocarray(r->seen, r->nseen + 1, sizeof(char *));
			r->seen[r->nseen++] = xstrdup(all[i].text);
			used[i] = 1;
			*out = xreallocarray(*out, *n + 1, sizeof(**out));
			(*out)[(*n)++] = all[i];
			all[i].text = all[i].who = all[i].role = NULL;
		}
	}
	for (size_t i = 0; i < na; i++) {
		free(all[i].text);
		free(all[i].who);
		free(all[i].role);
	}
	free(all);
	free(used);
	return 0;
}

static void quotes_free(struct quote *q, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(q[i].text);
		free(q[i].who);
		free(q[i].role);
	}
	free(q);
}

/* A factor with its counts and quotes, ready to draw. */
struct block {
	const struct code_row *f;
	char *counts, **text, **who;
	size_t nq;
	float head;	/* name, counts and the first quote */
};

static void block_make(struct rep *r, const struct code_row *f,
		       struct block *b)
{
	char *a = report_num(f->n), *n2 = report_num(f->ns), *c3 = report_num(f->np);
	struct quote *q = NULL;
	size_t nq = 0;
	struct qc_err e = QC_ERR_INIT;
	float w = pdf_width(r->pdf);

	memset(b, 0, sizeof(*b));
	b->f = f;
	b->counts = report_label_fill(&r->lab, "counts", 3, (const char *const[]){ a, n2, c3 });
	free(a);
	free(n2);
	free(c3);
	if (quotes(r, f->id, &q, &nq, &e) == 0 && nq) {
		b->text = xcalloc(nq, sizeof(char *));
		b->who = xcalloc(nq, sizeof(char *));
		for (size_t i = 0; i < nq; i++) {
			char *red = report_redact(r, q[i].text, q[i].ref);
			char *sh = report_shorten(red, 55);
			b->text[i] = xasprintf("\xe2\x80\x9c%s\xe2\x80\x9d", sh);
			b->who[i] = report_redact(r, q[i].who, q[i].ref);
			free(red);
			free(sh);
		}
		b->nq = nq;
	}
	quotes_free(q, nq);
	qc_err_release(&e);
	b->head = pdf_para_height(r->pdf, f->name, PDF_BOLD, 10.5f, w) +
		  pdf_para_height(r->pdf, b->counts, PDF_REGULAR, 8.5f, w) + 3 +
		  (b->nq ? pdf_quote_height(r->pdf, b->text[0], b->who[0]) :
		   pdf_para_height(r->pdf, rtext(r, "no_quotes"), PDF_ITALIC, 9,
				   w - 18));
}

static void block_draw(struct rep *r, struct block *b, int hind)
{
	struct pdf_rgb c = hind ? r->hin : r->fac;

	pdf_need(r->pdf, b->head);
	pdf_para(r->pdf, b->f->name, PDF_BOLD, 10.5f, 0, PDF_INK);
	pdf_para(r->pdf, b->counts, PDF_REGULAR, 8.5f, 0, PDF_MUTED);
	pdf_skip(r->pdf, 3);
	for (size_t i = 0; i < b->nq; i++) {
		pdf_quote(r->pdf, b->text[i], b->who[i], c);
		r->st->quotes++;
	}
	if (!b->nq)
		pdf_para(r->pdf, rtext(r, "no_quotes"), PDF_ITALIC, 9, 18,
			 PDF_MUTED);
	pdf_skip(r->pdf, 4);
	r->st->factors++;
}

static void block_release(struct block *b)
{
	for (size_t i = 0; i < b->nq; i++) {
		free(b->text[i]);
		free(b->who[i]);
	}
	free(b->text);
	free(b->who);
	free(b->counts);
}

/* The facilitating or the hindering factors of a theme under their
 * heading, which stays with the first of them. */
static void factor_group(struct rep *r, struct code_row *f, size_t n, int hind)
{
	struct block *b;

	/* strongest first, so the uncoded ones (shown in the chart) end it */
	while (n && f[n - 1].n == 0)
		n--;
	if (!n)
		return;
	b = xcalloc(n, sizeof(*b));
	for (size_t k = 0; k < n; k++)
		block_make(r, &f[k], &b[k]);
	pdf_heading_keep(r->pdf, 2, rtext(r, hind ? "hindering" : "facilitating"),
			 hind ? r->hin : r->fac, b[0].head);
	for (size_t k = 0; k < n; k++) {
		block_draw(r, &b[k], hind);
		block_release(&b[k]);
	}
	free(b);
}


static void theme_chart(struct rep *r, struct code_row *fa, size_t nfa,
			struct code_row *hi, size_t nhi)
{
	size_t n = nfa + nhi;
	const char **labels = xcalloc(n + 1, sizeof(char *));
	double *vals = xcalloc(n + 1, sizeof(double));
	struct pdf_rgb *col = xcalloc(n + 1, sizeof(*col));
	const char *legend[2] = { rtext(r, "legend_facilitating"),
				  rtext(r, "legend_hindering") };
	struct pdf_rgb lc[2] = { r->fac, r->hin };

	for (size_t i = 0; i < nfa; i++) {
		labels[i] = fa[i].name;
		vals[i] = (double)fa[i].n;
		col[i] = r->fac;
	}
	for (size_t i = 0; i < nhi; i++) {
		labels[nfa + i] = hi[i].name;
		vals[nfa + i] = (double)hi[i].n;
		col[nfa + i] = r->hin;
	}
	pdf_need(r->pdf, 9 * 1.4f + 4 + (float)n * 16 + 24 + 8);
	pdf_para(r->pdf, rtext(r, "chart"), PDF_BOLD, 9, 0, PDF_MUTED);
	pdf_skip(r->pdf, 4);
	pdf_bars(r->pdf, (int)n, labels, vals, col, 2, legend, lc);
	free(labels);
	free(vals);
	free(col);
}

static void summary(struct rep *r)
{
	struct pdf *p = r->pdf;
	char *q = report_setting(r, "question");
	char *goal = report_setting(r, "goal");
	char *meet = report_setting(r, "meetings");
	struct qc_buf kinds = QC_BUF_INIT, roles = QC_BUF_INIT;
	sqlite3_stmt *st;
	long long nsrc = 0;
	char *line, *n1;

	pdf_heading(p, 1, rtext(r, "summary"), r->headings);
	if (q) {
		pdf_para(p, rtext(r, "question"), PDF_BOLD, 10, 0, r->headings);
		pdf_para(p, q, PDF_REGULAR, 10.5f, 0, PDF_INK);
		pdf_skip(p, 6);
	}
	if (goal) {
		pdf_para(p, rtext(r, "goal"), PDF_BOLD, 10, 0, r->headings);
		pdf_para(p, goal, PDF_REGULAR, 10.5f, 0, PDF_INK);
		pdf_skip(p, 6);
	}
	pdf_para(p, rtext(r, "method"), PDF_BOLD, 10, 0, r->headings);
	st = report_prep(r, "SELECT s.kind, count(*) FROM sources s WHERE" REPORT_KIND_SQL
		  " GROUP BY s.kind ORDER BY count(*) DESC, s.kind", NULL);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		long long n = sqlite3_column_int64(st, 1);
		const char *k = (const char *)sqlite3_column_text(st, 0);
		qc_buf_addf(&kinds, "%s%lld %s", kinds.len ? ", " : "", n,
			    report_label_kind(&r->lab, k, n != 1));
		nsrc += n;
	}
	sqlite3_finalize(st);
	n1 = report_num(nsrc);
	line = report_label_fill(&r->lab, "method_sources", 2,
		    (const char *const[]){ n1, kinds.buf ? kinds.buf : "" });
	pdf_para(p, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
	free(line);
	free(n1);
	/* the same label and role in several sources is one person */
	st = report_prep(r, "SELECT coalesce(p.role, ''), count(DISTINCT p.label || '|' ||"
		  " coalesce(p.role, '')) FROM participants p JOIN sources s ON"
		  " s.id = p.source_id WHERE" REPORT_KIND_SQL " AND coalesce(p.role, '')"
		  " NOT IN ('onderzoeker', 'researcher') GROUP BY 1 ORDER BY 2 DESC, 1",
		  NULL);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *role = (const char *)sqlite3_column_text(st, 0);
		qc_buf_addf(&roles, "%s%lld %s", roles.len ? ", " : "",
			    sqlite3_column_int64(st, 1),
			    *role ? role : rtext(r, "participant"));
	}
	sqlite3_finalize(st);
	if (roles.len) {
		line = report_label_fill(&r->lab, "method_participants", 1,
			    (const char *const[]){ roles.buf });
		pdf_para(p, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
		free(line);
	}
	if (meet) {
		line = report_label_fill(&r->lab, "method_meetings", 1,
			    (const char *const[]){ meet });
		pdf_para(p, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
		free(line);
	}
	n1 = report_num(r->cnt.total);
	line = report_label_fill(&r->lab, "method_coding", 1, (const char *const[]){ n1 });
	pdf_skip(p, 4);
	pdf_para(p, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
	free(line);
	free(n1);
	qc_buf_release(&kinds);
	qc_buf_release(&roles);
	free(q);
	free(goal);
	free(meet);
}

/* The appendix: the codebook's definitions (definitions) and the code x
 * kind of source table (freq), each on when the template lists it. */
static int appendix(struct rep *r, int definitions, int freq, struct qc_err *e)
{
	struct codebook cb;
	struct pdf *p = r->pdf;
	float w = pdf_width(p);
	const char **cells;
	char **own;
	size_t row = 0;
	int rc;

	if ((rc = codebook_read(r->s, &cb, e)) == 0)
		report_redact_codebook(r, &cb);
	if (rc < 0)
		return rc;
	pdf_fresh_page(p);
	if (!definitions)
		goto freq;
	pdf_heading(p, 1, rtext(r, "appendix"), r->headings);
	cells = xcalloc(cb.n * 3 + 1, sizeof(char *));
	own = xcalloc(cb.n * 3 + 1, sizeof(char *));
	for (size_t i = 0; i < cb.n; i++) {
		const struct cb_code *c = &cb.codes[i];
		int d = 0;
		char key[32];
		for (long q = c->parent; q >= 0; q = cb.codes[q].parent)
			d++;
		own[i * 3] = xasprintf("%*s%s", 3 * d, "", c->name);
		snprintf(key, sizeof(key), "v_%s", c->valence ? c->valence : "neutral");
		cells[i * 3] = own[i * 3];
		cells[i * 3 + 1] = rtext(r, key);
		cells[i * 3 + 2] = c->definition ? c->definition : "";
	}
	pdf_table(p, 3, (const float[]){ 0.31f * w, 0.17f * w, 0.52f * w },
		  (const char *const[]){ rtext(r, "code"), rtext(r, "valence"),
		  rtext(r, "definition") }, cells, (int)cb.n, 0);
	for (size_t i = 0; i < cb.n * 3; i++)
		free(own[i]);
	free(own);
	free(cells);
freq:
	/* code x kind of source, from the counts made at the start */
	if (freq)
		pdf_heading(p, definitions ? 2 : 1, rtext(r, "appendix_freq"),
			    r->headings);
	if (freq) {
		size_t nk = r->cnt.nk, nc = nk + 2;
		const char **head = xcalloc(nc, sizeof(char *));
		const char **tc = xcalloc(cb.n * nc + 1, sizeof(char *));
		char **num = xcalloc(cb.n * nc + 1, sizeof(char *));
		float *wd = xcalloc(nc, sizeof(float));
		head[0] = rtext(r, "code");
		wd[0] = w * 0.40f;
		for (size_t k = 0; k < nk; k++) {
			head[k + 1] = report_label_kind(&r->lab, r->cnt.kinds[k], 1);
			wd[k + 1] = w * 0.50f / (float)nk;
		}
		head[nk + 1] = rtext(r, "total");
		wd[nk + 1] = w * 0.10f;
		for (size_t i = 0; i < cb.n; i++) {
			long long id = cb.codes[i].db_id, total = 0;
			if (!cb.codes[i].valence ||
			    !strcmp(cb.codes[i].valence, "neutral") ||
			    id < 0 || id > r->cnt.max)
				continue;
			tc[row * nc] = cb.codes[i].name;
			for (size_t k = 0; k <= nk; k++) {
				long long v = k < nk ?
					r->cnt.bykind[(size_t)id * nk + k] : total;
				total += v;
				num[row * nc + k + 1] = xasprintf("%lld", v);
				tc[row * nc + k + 1] = num[row * nc + k + 1];
			}
			row++;
		}
		pdf_table(p, (int)nc, wd, head, tc, (int)row,
			  ((1u << nc) - 1) & ~1u);
		for (size_t i = 0; i < cb.n * nc; i++)
			free(num[i]);
		free(num);
		free(tc);
		free(head);
		free(wd);
	}
	codebook_release(&cb);
	return 0;
}

/* ---- a theme's parts ---- */

/* One theme being drawn: the root code and its factors. */
struct theme {
	const struct code_row *c;
	struct code_row *fa, *hi;	/* facilitating, hindering */
	size_t nfa, nhi;
};

static void part_lesson(struct rep *r, const struct theme *t)
{
	if (t->c->lesson) {
		pdf_para(r->pdf, t->c->lesson, PDF_SERIF, 11, 0, PDF_INK);
		pdf_skip(r->pdf, 8);
	}
}

static void part_chart(struct rep *r, const struct theme *t)
{
	theme_chart(r, t->fa, t->nfa, t->hi, t->nhi);
}

static void part_facilitating(struct rep *r, const struct theme *t)
{
	factor_group(r, t->fa, t->nfa, 0);
}

static void part_hindering(struct rep *r, const struct theme *t)
{
	factor_group(r, t->hi, t->nhi, 1);
}

static void part_recommendation(struct rep *r, const struct theme *t)
{
	if (t->c->recommendation) {
		pdf_skip(r->pdf, 4);
		pdf_box(r->pdf, rtext(r, "recommendation"), t->c->recommendation,
			r->box, r->box_edge);
	}
}

static void part_skills(struct rep *r, const struct theme *t)
{
	if (t->c->skills) {
		pdf_heading(r->pdf, 3, rtext(r, "skills"), r->headings);
		report_bullets(r, t->c->skills);
	}
}

/* In this order in the template's "unknown item" message. */
static const struct {
	const char *name;
	void (*draw)(struct rep *r, const struct theme *t);
} parts[] = {
	{ "lesson", part_lesson },
	{ "chart", part_chart },
	{ "facilitating", part_facilitating },
	{ "hindering", part_hindering },
	{ "recommendation", part_recommendation },
	{ "skills", part_skills },
};

/* One theme: the parts the template lists, in its order. */
static int theme_section(struct rep *r, const struct code_row *c, int nth,
			 struct qc_err *e)
{
	struct theme t = { c, NULL, NULL, 0, 0 };
	char *h;
	int rc;

	if ((rc = report_factors(r, c->id, "facilitating", &t.fa, &t.nfa, e)) < 0)
		return rc;
	if ((rc = report_factors(r, c->id, "hindering", &t.hi, &t.nhi, e)) < 0) {
		report_rows_free(t.fa, t.nfa);
		return rc;
	}
	if (nth > 1)
		pdf_skip(r->pdf, 12);
	h = xasprintf("%s %d. %s", rtext(r, "lesson"), nth, c->name);
	pdf_heading(r->pdf, 1, h, r->headings);
	free(h);
	report_seen_clear(r);
	for (int i = 0; i < r->lab.npart; i++)
		parts[r->lab.part[i]].draw(r, &t);
	report_rows_free(t.fa, t.nfa);
	report_rows_free(t.hi, t.nhi);
	r->st->themes++;
	return 0;
}

/* ---- sections ---- */

static const char *listed(const struct rep *r, int k);

/* Process, actions and the cycle start a page together: the first of
 * them that the template lists in a row. */
static void closing_page(struct rep *r, int k)
{
	const char *prev = listed(r, k - 1);

	if (strcmp(prev, "process") && strcmp(prev, "actions") &&
	    strcmp(prev, "cycle"))
		pdf_fresh_page(r->pdf);
}

static int draw_summary(struct rep *r, int k, struct qc_err *e)
{
	(void)k;
	(void)e;
	pdf_fresh_page(r->pdf);
	summary(r);
	return 0;
}

static int draw_themes(struct rep *r, int k, struct qc_err *e)
{
	int nth = 0, rc;

	(void)k;
	pdf_fresh_page(r->pdf);
	for (size_t i = 0; i < r->nrt && !pdf_failed(r->pdf); i++) {
		/* a theme nobody spoke about has no lesson yet */
		if (!r->theme[i] || report_theme_codings(r, r->rt[i].id) == 0)
			continue;
		if ((rc = theme_section(r, &r->rt[i], ++nth, e)) < 0)
			return rc;
	}
	return 0;
}

static int draw_overall(struct rep *r, int k, struct qc_err *e)
{
	char *overall = report_setting(r, "recommendation");

	(void)k;
	(void)e;
	if (overall) {
		pdf_skip(r->pdf, 10);
		pdf_box(r->pdf, rtext(r, "overall"), overall, r->box, r->fac);
	}
	free(overall);
	return 0;
}

/* The project's memos: lessons about the process. */
static int draw_process(struct rep *r, int k, struct qc_err *e)
{
	sqlite3_stmt *q = store_prepare(r->s, "SELECT text FROM memos WHERE"
					" target = 'project' ORDER BY id", NULL);
	int any = 0;

	(void)e;
	closing_page(r, k);
	while (q && sqlite3_step(q) == SQLITE_ROW) {
		char *t = report_redact(r, (const char *)sqlite3_column_text(q, 0),
					"a project memo");
		if (!any++)
			pdf_heading(r->pdf, 1, rtext(r, "process"), r->headings);
		pdf_bullet(r->pdf, t, 0);
		free(t);
	}
	sqlite3_finalize(q);
	return 0;
}

/* Actions undertaken: the codes of the groups that are no theme, with how
 * often they came up where they did. */
static int draw_actions(struct rep *r, int k, struct qc_err *e)
{
	int groups = 0, ngroups = 0, rc;

	closing_page(r, k);
	for (size_t i = 0; i < r->nrt; i++)
		ngroups += !r->theme[i];
	for (size_t i = 0; i < r->nrt; i++) {
		struct code_row *ac;
		size_t nac;
		if (r->theme[i])
			continue;
		if ((rc = report_factors(r, r->rt[i].id, NULL, &ac, &nac, e)) < 0)
			return rc;
		if (nac && !groups++)
			pdf_heading(r->pdf, 1, rtext(r, "actions"), r->headings);
		if (nac && ngroups > 1)
			pdf_heading(r->pdf, 3, r->rt[i].name, r->headings);
		for (size_t j = 0; j < nac; j++) {
			char *n1 = report_num(ac[j].n), *line, *cnt;
			cnt = ac[j].n ? report_label_fill(&r->lab, "action_counts",
				1, (const char *const[]){ n1 }) : NULL;
			line = xasprintf("%s%s%s%s%s%s", ac[j].name,
					 ac[j].definition ? ". " : "",
					 ac[j].definition ? ac[j].definition : "",
					 cnt ? " (" : "", cnt ? cnt : "",
					 cnt ? ")" : "");
			pdf_bullet(r->pdf, line, 0);
			free(line);
			free(cnt);
			free(n1);
		}
		report_rows_free(ac, nac);
	}
	return 0;
}

static int draw_cycle(struct rep *r, int k, struct qc_err *e)
{
	const char *steps[4] = { rtext(r, "cycle_1"), rtext(r, "cycle_2"),
		rtext(r, "cycle_3"), rtext(r, "cycle_4") };

	(void)e;
	closing_page(r, k);
	/* the cycle stays with its heading and text */
	pdf_heading_keep(r->pdf, 1, rtext(r, "cycle"), r->headings,
			 pdf_para_height(r->pdf, rtext(r, "cycle_text"),
					 PDF_REGULAR, 10.5f, pdf_width(r->pdf)) +
			 10 + 250);
	pdf_para(r->pdf, rtext(r, "cycle_text"), PDF_REGULAR, 10.5f, 0, PDF_INK);
	pdf_skip(r->pdf, 10);
	pdf_cycle(r->pdf, steps, rtext(r, "cycle_centre"));
	return 0;
}

/* The definitions, with the frequencies below them where the template
 * lists those next. */
static int draw_appendix(struct rep *r, int k, struct qc_err *e)
{
	return appendix(r, 1, !strcmp(listed(r, k + 1), "frequencies"), e);
}

/* The frequencies on their own, unless they follow the definitions. */
static int draw_frequencies(struct rep *r, int k, struct qc_err *e)
{
	return strcmp(listed(r, k - 1), "appendix") ? appendix(r, 0, 1, e) : 0;
}

/* In this order in the template's "unknown item" message. */
static const struct report_section sections[] = {
	{ "cover", report_cover },
	{ "summary", draw_summary },
	{ "themes", draw_themes },
	{ "overall", draw_overall },
	{ "process", draw_process },
	{ "actions", draw_actions },
	{ "cycle", draw_cycle },
	{ "appendix", draw_appendix },
	{ "frequencies", draw_frequencies },
};

REPORT_TABLE_NAMES(section_name, sections)
REPORT_TABLE_NAMES(part_name, parts)

const struct report_kind report_kind_lessons = { "lessons", section_name,
	"theme", part_name, REPORT_F_THEMES | REPORT_F_PROJECT_TITLE };

/* The name of the k-th section the template lists, or "". */
static const char *listed(const struct rep *r, int k)
{
	return k >= 0 && k < r->lab.nsec ? sections[r->lab.sec[k]].name : "";
}

int report_lessons(struct store *s, const struct report_opts *o,
		   const char *path, struct report_stats *st, struct qc_err *e)
{
	return report_make(s, o, &report_kind_lessons, sections, path,
			   "--theme or --kind", st, e);
}
