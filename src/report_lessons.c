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

/* A factor's finding, as the poster's bullets: the codebook's finding:,
 * else its first memo for the report; redacted. Caller frees. */
static char *finding(struct rep *r, long long code)
{
	sqlite3_stmt *st = store_prepare(r->s, "SELECT coalesce(nullif((SELECT"
		" finding FROM codes WHERE id = ?1), ''), (SELECT text FROM memos"
		" WHERE target = 'code' AND target_id = ?1 AND visibility ="
		" 'report' ORDER BY id LIMIT 1))", NULL);
	char *v = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, code);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = report_redact(r, (const char *)sqlite3_column_text(st, 0),
				  "a finding");
	sqlite3_finalize(st);
	return v;
}

/* Why a factor shows no quote: its fragments are quoted under other
 * factors (named), or nothing quotable was coded. Caller frees. */
static char *none_text(struct rep *r, long long code)
{
	size_t n;
	const long long *held = report_quotes_held(r, code, &n);
	struct qc_buf names = QC_BUF_INIT;
	sqlite3_stmt *st;
	char *v;

	if (!n)
		return xstrdup(rtext(r, "no_quotes"));
	st = store_prepare(r->s, "SELECT name FROM codes WHERE id = ?", NULL);
	for (size_t i = 0; st && i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, held[i]);
		if (sqlite3_step(st) == SQLITE_ROW)
			qc_buf_addf(&names, "%s%s", names.len ? "; " : "",
				    sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	v = report_label_fill(&r->lab, "quoted_elsewhere", 1,
			      (const char *const[]){ names.len ? names.buf : "" });
	qc_buf_release(&names);
	return v;
}

/* A factor with its counts and quotes, ready to draw. */
struct block {
	const struct code_row *f;
	char *counts, **text, **who;
	char *finding;	/* the factor's finding sentence, or NULL */
	char *none;	/* without quotes: why */
	size_t nq;
	float head;	/* name, counts and the first quote */
};

static void block_make(struct rep *r, const struct code_row *f,
		       struct block *b)
{
	char *a = report_label_count(&r->lab, "n_coded", f->n, 0, NULL);
	char *n2 = report_label_count(&r->lab, "n_sources", f->ns, 0, NULL);
	char *c3 = report_label_count(&r->lab, "n_participants", f->np, 0, NULL);
	const struct report_quote *q;
	size_t nq = 0;
	float w = pdf_width(r->pdf);

	memset(b, 0, sizeof(*b));
	b->f = f;
	/* field notes have no participants to count */
	b->counts = report_label_fill(&r->lab, f->np ? "counts" :
				      "counts_unspoken", 3,
				      (const char *const[]){ a, n2, c3 });
	free(a);
	free(n2);
	free(c3);
	b->finding = finding(r, f->id);
	/* chosen for the whole report before the first theme, redacted */
	if ((q = report_quotes_of(r, f->id, &nq)) && nq) {
		b->text = xcalloc(nq, sizeof(char *));
		b->who = xcalloc(nq, sizeof(char *));
		for (size_t i = 0; i < nq; i++) {
			b->text[i] = xasprintf("\xe2\x80\x9c%s\xe2\x80\x9d", q[i].text);
			b->who[i] = xstrdup(q[i].who);
		}
		b->nq = nq;
	}
	if (!b->nq)
		b->none = none_text(r, f->id);
	b->head = pdf_para_height(r->pdf, f->name, PDF_BOLD, 10.5f, w) +
		  pdf_para_height(r->pdf, b->counts, PDF_REGULAR, 8.5f, w) + 3 +
		  (b->finding ? pdf_para_height(r->pdf, b->finding, PDF_REGULAR,
						10, w) + 3 : 0) +
		  (b->nq ? pdf_quote_height(r->pdf, b->text[0], b->who[0]) :
		   pdf_para_height(r->pdf, b->none, PDF_ITALIC, 9, w - 18));
}

static void block_draw(struct rep *r, struct block *b, int hind)
{
	struct pdf_rgb c = hind ? r->hin : r->fac;

	pdf_need(r->pdf, b->head);
	pdf_para(r->pdf, b->f->name, PDF_BOLD, 10.5f, 0, PDF_INK);
	pdf_para(r->pdf, b->counts, PDF_REGULAR, 8.5f, 0, PDF_MUTED);
	pdf_skip(r->pdf, 3);
	if (b->finding) {
		pdf_para(r->pdf, b->finding, PDF_REGULAR, 10, 0, PDF_INK);
		pdf_skip(r->pdf, 3);
	}
	for (size_t i = 0; i < b->nq; i++) {
		pdf_quote(r->pdf, b->text[i], b->who[i], c);
		r->st->quotes++;
	}
	if (!b->nq)
		pdf_para(r->pdf, b->none, PDF_ITALIC, 9, 18, PDF_MUTED);
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
	free(b->finding);
	free(b->none);
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

/* The learning team from the log: how often it met (into *meet, over
 * the project setting) and who took part, by role (*lot, a line to
 * draw, or NULL; caller frees both). */
static void lot_summary(struct rep *r, char **meet, char **lot)
{
	sqlite3_stmt *st = store_prepare(r->s, "SELECT (SELECT count(*) FROM"
		" meetings), (SELECT group_concat(role || ' ' || n, ', ') FROM"
		" (SELECT role, max(n) AS n FROM meeting_roles GROUP BY role"
		" ORDER BY max(n) DESC, role))", NULL);

	if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0)) {
		free(*meet);
		*meet = report_num(sqlite3_column_int64(st, 0));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			char *red = report_redact(r, (const char *)
						  sqlite3_column_text(st, 1),
						  "the attendees");
			*lot = report_label_fill(&r->lab, "method_lot", 1,
						 (const char *const[]){ red });
			free(red);
		}
	}
	sqlite3_finalize(st);
}

/* A role in words: "3 ouders" where the template knows the role, else
 * "JGZ (3)". Caller frees. */
static char *role_count(struct rep *r, const char *role, long long n)
{
	char key[96], *low = xstrdup(role), *v;

	for (char *p = low; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	snprintf(key, sizeof(key), "role_%s", low);
	free(low);
	if (report_label(&r->lab, key) != key) {
		char num[112];
		const char *word;
		snprintf(num, sizeof(num), "%s/one", key);
		word = n == 1 && report_label(&r->lab, num) != num ?
		       report_label(&r->lab, num) : report_label(&r->lab, key);
		return xasprintf("%lld %s", n, word);
	}
	snprintf(key, sizeof(key), "%lld", n);
	v = report_label_fill(&r->lab, "role_count", 2,
			      (const char *const[]){ role, key });
	return v;
}

/* The summary: background, question and goal, the method in words and
 * the data as a table, as on the model poster. */
static void summary(struct rep *r)
{
	struct pdf *p = r->pdf;
	char *bg = report_setting(r, "background");
	char *q = report_setting(r, "question");
	char *goal = report_setting(r, "goal");
	char *meet = report_setting(r, "meetings"), *lot = NULL;
	char *roles_ex = report_research_roles(r);
	struct qc_buf kinds = QC_BUF_INIT, roles = QC_BUF_INIT;
	sqlite3_stmt *st;
	long long nsrc = 0;
	char *line;
	const char **cells = NULL;
	char **own = NULL;
	size_t nrow = 0;
	float w = pdf_width(p);
	const struct { const char *label; char *text; } paras[] = {
		{ "background", bg }, { "question", q }, { "goal", goal } };

	pdf_heading(p, 1, rtext(r, "summary"), r->headings);
	for (size_t i = 0; i < 3; i++) {
		if (!paras[i].text)
			continue;
		pdf_para(p, rtext(r, paras[i].label), PDF_BOLD, 10, 0, r->headings);
		pdf_para(p, paras[i].text, PDF_REGULAR, 10.5f, 0, PDF_INK);
		pdf_skip(p, 6);
	}
	pdf_para(p, rtext(r, "method"), PDF_BOLD, 10, 0, r->headings);
	st = report_prep(r, "SELECT s.kind, count(*) FROM sources s WHERE" REPORT_KIND_SQL
		  " GROUP BY s.kind ORDER BY count(*) DESC, s.kind", NULL);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		long long n = sqlite3_column_int64(st, 1), frag = 0;
		const char *k = (const char *)sqlite3_column_text(st, 0);
		qc_buf_addf(&kinds, "%s%lld %s", kinds.len ? ", " : "", n,
			    report_label_kind(&r->lab, k, n != 1));
		nsrc += n;
		for (size_t i = 0; i < r->cnt.nk; i++)
			if (!strcmp(r->cnt.kinds[i], k))
				frag = r->cnt.kindfrag[i];
		cells = xreallocarray(cells, (nrow + 1) * 3, sizeof(char *));
		own = xreallocarray(own, (nrow + 1) * 3, sizeof(char *));
		own[nrow * 3] = xstrdup(report_label_kind(&r->lab, k, n != 1));
		own[nrow * 3 + 1] = report_num(n);
		own[nrow * 3 + 2] = report_num(frag);
		for (int c = 0; c < 3; c++)
			cells[nrow * 3 + c] = own[nrow * 3 + c];
		nrow++;
	}
	sqlite3_finalize(st);
	line = report_label_count(&r->lab, "method_sources", nsrc, 1,
		    (const char *const[]){ kinds.buf ? kinds.buf : "" });
	pdf_para(p, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
	free(line);
	/* the same label and role in several sources is one person; those
	 * who ask the questions are no participants */
	st = report_prep(r, "SELECT coalesce(p.role, ''), count(DISTINCT p.label || '|' ||"
		  " coalesce(p.role, '')) FROM participants p JOIN sources s ON"
		  " s.id = p.source_id WHERE" REPORT_KIND_SQL " AND instr(?5, ',' ||"
		  " lower(coalesce(p.role, '')) || ',') = 0 GROUP BY 1 ORDER BY 2 DESC, 1",
		  NULL);
	if (st)
		sqlite3_bind_text(st, 5, roles_ex, -1, SQLITE_STATIC);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *role = (const char *)sqlite3_column_text(st, 0);
		char *rc = role_count(r, *role ? role : "deelnemer",
				      sqlite3_column_int64(st, 1));
		qc_buf_addf(&roles, "%s%s", roles.len ? ", " : "", rc);
		free(rc);
	}
	sqlite3_finalize(st);
	if (roles.len) {
		line = report_label_fill(&r->lab, "method_participants", 1,
			    (const char *const[]){ roles.buf });
		pdf_para(p, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
		free(line);
	}
	/* the meetings counted from the log; the typed number only for a
	 * project that keeps none */
	lot_summary(r, &meet, &lot);
	if (meet) {
		line = report_label_fill(&r->lab, "method_meetings", 1,
			    (const char *const[]){ meet });
		pdf_para(p, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
		free(line);
	}
	if (lot)
		pdf_para(p, lot, PDF_REGULAR, 10.5f, 0, PDF_INK);
	free(lot);
	line = report_label_count(&r->lab, "method_coding", r->cnt.total, 0, NULL);
	pdf_skip(p, 4);
	pdf_para(p, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
	free(line);
	if (nrow) {
		pdf_skip(p, 6);
		pdf_heading_keep(p, 3, rtext(r, "data"), r->headings, 40);
		pdf_table(p, 3, (const float[]){ 0.5f * w, 0.2f * w, 0.3f * w },
			  (const char *const[]){ rtext(r, "data_kind"),
			  rtext(r, "data_sources"), rtext(r, "data_fragments") },
			  cells, (int)nrow, 6);
	}
	for (size_t i = 0; i < nrow * 3; i++)
		free(own[i]);
	free(own);
	free(cells);
	qc_buf_release(&kinds);
	qc_buf_release(&roles);
	free(roles_ex);
	free(bg);
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
		/* the codes of a group of actions are actions, not themes */
		if (c->parent >= 0 && !strcmp(key, "v_neutral")) {
			long top = (long)i;
			while (cb.codes[top].parent >= 0)
				top = cb.codes[top].parent;
			for (size_t t = 0; t < r->nrt; t++)
				if (r->rt[t].id == cb.codes[top].db_id && !r->theme[t])
					snprintf(key, sizeof(key), "v_action");
		}
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
	if (freq) {
		pdf_heading(p, definitions ? 2 : 1, rtext(r, "appendix_freq"),
			    r->headings);
		/* what a number in the table and the lessons stands for */
		pdf_para(p, rtext(r, "appendix_counted"), PDF_REGULAR, 9, 0,
			 PDF_MUTED);
		pdf_skip(p, 4);
	}
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

/* Is root code i shown as a lesson? */
static int shown(struct rep *r, size_t i)
{
	/* a theme nobody spoke about has no lesson yet */
	return r->theme[i] && report_theme_codings(r, r->rt[i].id) > 0;
}

/* The quotes of every factor of every lesson, chosen at once so that no
 * fragment is quoted twice. */
static int plan_quotes(struct rep *r, struct qc_err *e)
{
	long long *codes = NULL, *counts = NULL;
	size_t n = 0;
	int rc = 0;

	for (size_t i = 0; i < r->nrt && rc == 0; i++) {
		struct code_row *f;
		size_t nf;
		if (!shown(r, i))
			continue;
		if ((rc = report_factors(r, r->rt[i].id, NULL, &f, &nf, e)) < 0)
			break;
		for (size_t k = 0; k < nf; k++) {
			if (!f[k].n || !f[k].valence ||
			    (strcmp(f[k].valence, "facilitating") &&
			     strcmp(f[k].valence, "hindering")))
				continue;
			codes = xreallocarray(codes, n + 1, sizeof(*codes));
			counts = xreallocarray(counts, n + 1, sizeof(*counts));
			codes[n] = f[k].id;
			counts[n++] = f[k].n;
		}
		report_rows_free(f, nf);
	}
	if (rc == 0)
		rc = report_quotes_plan(r, codes, counts, n, e);
	free(codes);
	free(counts);
	return rc;
}

static int draw_themes(struct rep *r, int k, struct qc_err *e)
{
	int nth = 0, rc;

	if ((rc = plan_quotes(r, e)) < 0)
		return rc;
	/* the first lesson flows onto the summary's page where it has room */
	if (strcmp(listed(r, k - 1), "summary"))
		pdf_fresh_page(r->pdf);
	else
		pdf_need(r->pdf, 260);
	for (size_t i = 0; i < r->nrt && !pdf_failed(r->pdf); i++) {
		if (!shown(r, i))
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

/* Lessons about the process: the process lessons of the log, each with
 * a fragment behind it; a project that records none has its memos for
 * the report (memos for me or the team stay out of the educators' PDF). */
static int draw_process(struct rep *r, int k, struct qc_err *e)
{
	sqlite3_stmt *q = store_prepare(r->s, "SELECT id, text, 1 FROM lessons"
		" WHERE process AND EXISTS (SELECT 1 FROM lessons WHERE process)"
		" UNION ALL SELECT id, text, 0 FROM memos WHERE target = 'project'"
		" AND visibility = 'report'"
		" AND NOT EXISTS (SELECT 1 FROM lessons WHERE process)"
		" ORDER BY 1", NULL);
	int any = 0;

	(void)e;
	closing_page(r, k);
	while (q && sqlite3_step(q) == SQLITE_ROW) {
		int lesson = sqlite3_column_int(q, 2);
		char *t = report_redact(r, (const char *)sqlite3_column_text(q, 1),
					lesson ? "a lesson" : "a project memo");
		if (!any++)
			pdf_heading(r->pdf, 1, rtext(r, "process"), r->headings);
		pdf_bullet(r->pdf, t, 0);
		if (lesson)
			report_evidence(r, "lesson_id", sqlite3_column_int64(q, 0), 1);
		free(t);
	}
	sqlite3_finalize(q);
	return 0;
}

/* Actions undertaken from the log, grouped by theme: each with its
 * status, since when, and its last evaluation in one line. */
static int logged_actions(struct rep *r)
{
	sqlite3_stmt *st = store_prepare(r->s, "WITH RECURSIVE up(id, root) AS"
		" (SELECT id, id FROM codes WHERE parent_id IS NULL UNION ALL"
		" SELECT k.id, up.root FROM codes k JOIN up ON k.parent_id = up.id)"
		" SELECT t.id, t.name, a.text, a.status, (SELECT max(date) FROM"
		" action_status WHERE action_id = a.id), (SELECT text FROM"
		" evaluations WHERE action_id = a.id ORDER BY id DESC LIMIT 1)"
		" FROM actions a JOIN up ON up.id = a.code_id JOIN codes t ON"
		" t.id = up.root ORDER BY t.ordinal, t.id, a.id", NULL);
	long long theme = -1;
	int n = 0;

	while (st && sqlite3_step(st) == SQLITE_ROW) {
		long long tid = sqlite3_column_int64(st, 0);
		char key[32], *t, *v = NULL, *line;
		int want = r->o->nthemes == 0;
		for (size_t i = 0; i < r->nrt && !want; i++)
			want = r->rt[i].id == tid;
		if (!want)
			continue;
		if (!n++)
			pdf_heading(r->pdf, 1, rtext(r, "actions"), r->headings);
		if (tid != theme)
			pdf_heading_keep(r->pdf, 3, (const char *)
					 sqlite3_column_text(st, 1), r->headings,
					 30);
		theme = tid;
		snprintf(key, sizeof(key), "status_%s", sqlite3_column_text(st, 3));
		t = report_redact(r, (const char *)sqlite3_column_text(st, 2),
				  "an action");
		if (sqlite3_column_type(st, 5) != SQLITE_NULL) {
			char *red = report_redact(r, (const char *)
						  sqlite3_column_text(st, 5),
						  "an evaluation");
			v = report_shorten(red, 22);
			free(red);
		}
		line = xasprintf("%s \xe2\x80\x94 %s (%s)%s%s", t, rtext(r, key),
				 sqlite3_column_text(st, 4), v ? ". " : "",
				 v ? v : "");
		pdf_bullet(r->pdf, line, 0);
		free(line);
		free(t);
		free(v);
	}
	sqlite3_finalize(st);
	return n;
}

/* Actions undertaken: those of the log; without any, the codes of the
 * groups that are no theme, with how often they came up. */
static int draw_actions(struct rep *r, int k, struct qc_err *e)
{
	int groups = 0, ngroups = 0, rc;

	closing_page(r, k);
	if (logged_actions(r))
		return 0;
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
			char *line, *cnt;
			cnt = ac[j].n ? report_label_count(&r->lab, "action_counts",
				ac[j].n, 0, NULL) : NULL;
			line = xasprintf("%s%s%s%s%s%s", ac[j].name,
					 ac[j].definition ? ". " : "",
					 ac[j].definition ? ac[j].definition : "",
					 cnt ? " (" : "", cnt ? cnt : "",
					 cnt ? ")" : "");
			pdf_bullet(r->pdf, line, 0);
			free(line);
			free(cnt);
		}
		report_rows_free(ac, nac);
	}
	return 0;
}

static int draw_cycle(struct rep *r, int k, struct qc_err *e)
{
	(void)e;
	closing_page(r, k);
	/* the cycle stays with its heading and text */
	pdf_heading_keep(r->pdf, 1, rtext(r, "cycle"), r->headings,
			 pdf_para_height(r->pdf, rtext(r, "cycle_text"),
					 PDF_REGULAR, 10.5f, pdf_width(r->pdf)) +
			 10 + 280);
	pdf_para(r->pdf, rtext(r, "cycle_text"), PDF_REGULAR, 10.5f, 0, PDF_INK);
	pdf_skip(r->pdf, 10);
	/* each step with what happened in it, from the log */
	report_cycle_figure(r);
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
	"theme", part_name, REPORT_F_THEMES | REPORT_F_PROJECT_TITLE |
	REPORT_F_LESSONS };

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

/* --list-quotes: the factors in the order the report draws them. */
static int list_quotes(struct rep *r, void *arg, struct qc_err *e)
{
	struct report_quote_rows *out = arg;
	int rc;

	if ((rc = plan_quotes(r, e)) < 0)
		return rc;
	for (size_t i = 0; i < r->nrt; i++) {
		for (int v = 0; v < 2 && shown(r, i); v++) {
			struct code_row *f;
			size_t nf;
			if ((rc = report_factors(r, r->rt[i].id, v ? "hindering" :
						 "facilitating", &f, &nf, e)) < 0)
				return rc;
			for (size_t k = 0; k < nf; k++) {
				size_t nq;
				const struct report_quote *q =
					report_quotes_of(r, f[k].id, &nq);
				for (size_t j = 0; j < nq; j++) {
					struct report_quote_row *w;
					out->v = xreallocarray(out->v, out->n + 1,
							       sizeof(*out->v));
					w = &out->v[out->n++];
					w->theme = xstrdup(r->rt[i].short_id ?
						r->rt[i].short_id : r->rt[i].name);
					w->factor = xstrdup(f[k].short_id ?
						f[k].short_id : f[k].name);
					w->coding = q[j].coding;
					w->ref = xstrdup(q[j].ref);
					w->pinned = q[j].pinned;
					w->who = xstrdup(q[j].who);
					w->text = xstrdup(q[j].text);
				}
			}
			report_rows_free(f, nf);
		}
	}
	return 0;
}

int report_lessons_quotes(struct store *s, const struct report_opts *o,
			  struct report_quote_rows *out,
			  struct report_stats *st, struct qc_err *e)
{
	return report_make_list(s, o, &report_kind_lessons, list_quotes, out,
				st, e);
}

void report_quote_rows_release(struct report_quote_rows *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].theme);
		free(l->v[i].factor);
		free(l->v[i].ref);
		free(l->v[i].who);
		free(l->v[i].text);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
