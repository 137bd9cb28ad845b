/*
 * report_cycle: the learning history for the team and the funder. A
 * summary with the learning cycle told in numbers; a timeline of the
 * meetings (date, who came by role, themes, priorities, notes, decisions,
 * evaluations) with the actions started, tried, evaluated, adopted or
 * dropped between them; a trail per theme from its first coding through
 * the meetings and actions to its lesson; the lessons about the process.
 * Everything is read in a few passes and grouped in memory, so a long
 * history costs its pages, not a query per line. Every text is redacted;
 * evidence appears by pseudonym. Sections come from reports/cycle.yaml.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/cycle.h"
#include "qcode/pdf.h"
#include "qcode/report.h"
#include "report_int.h"

/* ---- shared with the lessons report ---- */

/* Does a step of the cycle fit its box in three lines? */
static int fits(struct rep *r, const char *text)
{
	float w = pdf_width(r->pdf);
	float sc = w < 471 ? w / 471 : 1;
	char **lines;
	size_t n = pdf_wrap(r->pdf, text, PDF_BOLD, 9, 150 * sc - 12, &lines);

	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	return n <= 3;
}

void report_cycle_figure(struct rep *r)
{
	struct cycle_counts c;
	const char *steps[4];
	char *own[4] = { NULL, NULL, NULL, NULL }, *line;

	static const char *const step_keys[4] = { "cycle_1", "cycle_2",
		"cycle_3", "cycle_4" };
	static const char *const fig_keys[4] = { "cycle_fig_1", "cycle_fig_2",
		"cycle_fig_3", "cycle_fig_4" };

	for (int i = 0; i < 4; i++)
		steps[i] = rtext(r, step_keys[i]);
	if (cycle_counts(r->s, &c, NULL) == 0 && c.meetings) {
		long long v[4] = { c.meetings, c.actions, c.tried, c.evaluated };
		for (int i = 0; i < 4; i++) {
			char *n = report_num(v[i]), *fig;
			fig = report_label_fill(&r->lab, fig_keys[i], 1,
						(const char *const[]){ n });
			own[i] = xasprintf("%s\n%s", steps[i], fig);
			free(fig);
			free(n);
			/* a box holds three lines (pdf_cycle draws them 150 pt
			 * wide on A4, narrower on a smaller page): else the
			 * figures are told only below the diagram */
			if (fits(r, own[i]))
				steps[i] = own[i];
		}
	}
	pdf_cycle(r->pdf, steps, rtext(r, "cycle_centre"));
	if (c.meetings) {
		char *n[4] = { report_num(c.meetings), report_num(c.tried),
			       report_num(c.evaluated), report_num(c.adopted) };
		line = report_label_fill(&r->lab, "cycle_figures", 4,
					 (const char *const *)n);
		pdf_skip(r->pdf, 6);
		pdf_para(r->pdf, line, PDF_BOLD, 10.5f, 0, r->accent);
		free(line);
		for (int i = 0; i < 4; i++)
			free(n[i]);
	}
	for (int i = 0; i < 4; i++)
		free(own[i]);
	cycle_counts_release(&c);
}

void report_evidence(struct rep *r, const char *col, long long id, int max)
{
	report_evidence_words(r, col, id, max, 45);
}

void report_evidence_words(struct rep *r, const char *col, long long id,
			   int max, int words)
{
	char *sql = xasprintf("SELECT 'S' || v.source_id || coalesce(':' ||"
		" g.ordinal, ''), substr(CASE WHEN s.framed THEN source_text(s.id)"
		" ELSE s.text END, v.start_cp + 1, v.end_cp -"
		" v.start_cp), pn.name, s.kind FROM evidence v JOIN sources s ON"
		" s.id = v.source_id LEFT JOIN segments g ON g.id = v.segment_id"
		" LEFT JOIN participants p ON p.id = g.participant_id"
		" LEFT JOIN temp.report_names pn ON pn.id = p.id WHERE v.%s = ?1"
		" ORDER BY v.id LIMIT ?2", col);
	sqlite3_stmt *st = store_prepare(r->s, sql, NULL);

	free(sql);
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, max);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *ref = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 2);
		const char *kind = report_label_kind(&r->lab,
			(const char *)sqlite3_column_text(st, 3), 0);
		char *red = report_redact(r, (const char *)sqlite3_column_text(st, 1),
					  ref);
		char *sh = report_shorten(red, words);
		char *q = xasprintf("\xe2\x80\x9c%s\xe2\x80\x9d", sh);
		char *who0 = name ? xasprintf("%s, %s", name, kind) : xstrdup(kind);
		char *who = report_redact(r, who0, ref);
		pdf_quote(r->pdf, q, who, r->accent);
		r->st->quotes++;
		free(red);
		free(sh);
		free(q);
		free(who0);
		free(who);
	}
	sqlite3_finalize(st);
}

/* ---- what the report reads ---- */

/* An item of the timeline, bucketed under the meeting it follows. */
struct item {
	int m;			/* index of its meeting, -1: before the first */
	long long id, aid, theme;	/* its row; the action; root theme */
	char *date, *what, *text, *extra;
	int prio, forced;
};

struct items {
	struct item *v;
	size_t n, alloc;
	size_t *start;		/* [meeting + 1]: first item of each bucket */
};

struct meeting {
	long long id;
	char *date, *title, *roles, *themes;
};

struct hist {
	struct meeting *m;
	size_t nm;
	struct items notes, decisions, evals, events;
	long long *want;	/* the root themes shown (--theme), or NULL */
	size_t nwant;
};

/* Root theme of every code, by code id: the trail and the filter. */
static long long *roots_of(struct rep *r, long long *max)
{
	sqlite3_stmt *st;
	long long *v;

	*max = r->cnt.max;
	v = xcalloc((size_t)*max + 1, sizeof(long long));
	st = store_prepare(r->s, "WITH RECURSIVE up(id, root) AS (SELECT id, id"
		" FROM codes WHERE parent_id IS NULL UNION ALL SELECT k.id, up.root"
		" FROM codes k JOIN up ON k.parent_id = up.id) SELECT id, root"
		" FROM up", NULL);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		if (id >= 0 && id <= *max)
			v[id] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return v;
}

static int wanted(const struct hist *h, long long theme)
{
	if (!h->want)
		return 1;
	for (size_t i = 0; i < h->nwant; i++)
		if (h->want[i] == theme)
			return 1;
	return 0;
}

/* The meeting an item belongs to: its own, else the last one on or
 * before its date. */
static int meeting_of(const struct hist *h, long long mid, const char *date)
{
	int lo = 0, hi = (int)h->nm - 1, best = -1;

	for (size_t i = 0; mid && i < h->nm; i++)
		if (h->m[i].id == mid)
			return (int)i;
	while (lo <= hi) {
		int mid2 = (lo + hi) / 2;
		if (strcmp(h->m[mid2].date, date) <= 0) {
			best = mid2;
			lo = mid2 + 1;
		} else {
			hi = mid2 - 1;
		}
	}
	return best;
}

/*
 * Read items with sql, whose columns are: meeting id, date, id, action
 * id, code id, what, text, extra, priority, forced. Those of themes not
 * wanted are skipped; the rest are bucketed by meeting (stable).
 */
static void items_read(struct rep *r, struct hist *h, const long long *root,
		       long long maxcode, const char *sql, struct items *out)
{
	sqlite3_stmt *st = store_prepare(r->s, sql, NULL);
	struct item *sorted;
	size_t *fill;

	memset(out, 0, sizeof(*out));
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		struct item *it;
		long long code = sqlite3_column_int64(st, 4);
		long long theme = code > 0 && code <= maxcode ? root[code] : 0;
		if (!wanted(h, theme))
			continue;
		QC_GROW(out->v, out->n, out->alloc);
		it = &out->v[out->n++];
		it->date = store_col_dup(st, 1);
		it->m = meeting_of(h, sqlite3_column_int64(st, 0),
				   it->date ? it->date : "");
		it->id = sqlite3_column_int64(st, 2);
		it->aid = sqlite3_column_int64(st, 3);
		it->theme = theme;
		it->what = store_col_dup(st, 5);
		it->text = store_col_dup(st, 6);
		it->extra = store_col_dup(st, 7);
		it->prio = sqlite3_column_int(st, 8);
		it->forced = sqlite3_column_int(st, 9);
	}
	sqlite3_finalize(st);
	/* bucket by meeting, keeping the order read */
	out->start = xcalloc(h->nm + 2, sizeof(size_t));
	for (size_t i = 0; i < out->n; i++)
		out->start[out->v[i].m + 2]++;
	for (size_t i = 1; i < h->nm + 2; i++)
		out->start[i] += out->start[i - 1];
	fill = xcalloc(h->nm + 1, sizeof(size_t));
	sorted = xcalloc(out->n + 1, sizeof(*sorted));
	for (size_t i = 0; i < out->n; i++) {
		int b = out->v[i].m + 1;
		sorted[out->start[b] + fill[b]++] = out->v[i];
	}
	free(out->v);
	free(fill);
	out->v = sorted;
}

static void items_release(struct items *it)
{
	for (size_t i = 0; i < it->n; i++) {
		free(it->v[i].date);
		free(it->v[i].what);
		free(it->v[i].text);
		free(it->v[i].extra);
	}
	free(it->v);
	free(it->start);
}

/* Items of bucket m (-1: before the first meeting): [*lo, *hi). */
static void bucket(const struct items *it, int m, size_t *lo, size_t *hi)
{
	*lo = it->start[m + 1];
	*hi = it->start[m + 2];
}

static int hist_read(struct rep *r, struct hist *h, struct qc_err *e)
{
	sqlite3_stmt *st;
	long long maxcode, *root;
	size_t alloc = 0;

	memset(h, 0, sizeof(*h));
	st = store_prepare(r->s, "SELECT m.id, m.date, m.title,"
		" (SELECT group_concat(role || ' ' || n, ', ') FROM (SELECT role, n"
		"  FROM meeting_roles WHERE meeting_id = m.id ORDER BY n DESC, role)),"
		" (SELECT group_concat(name, ', ') FROM (SELECT c.name FROM"
		"  meeting_themes t JOIN codes c ON c.id = t.code_id WHERE"
		"  t.meeting_id = m.id ORDER BY t.ordinal))"
		" FROM meetings m ORDER BY m.date, m.id", e);
	if (!st)
		return -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct meeting *m;
		QC_GROW(h->m, h->nm, alloc);
		m = &h->m[h->nm++];
		m->id = sqlite3_column_int64(st, 0);
		m->date = store_col_dup(st, 1);
		m->title = store_col_dup(st, 2);
		m->roles = store_col_dup(st, 3);
		m->themes = store_col_dup(st, 4);
	}
	sqlite3_finalize(st);
	if (r->o->nthemes) {
		h->want = xcalloc(r->nrt + 1, sizeof(long long));
		for (size_t i = 0; i < r->nrt; i++)
			h->want[h->nwant++] = r->rt[i].id;
	}
	root = roots_of(r, &maxcode);
	items_read(r, h, root, maxcode, "SELECT v.meeting_id, m.date, v.id, 0,"
		" v.code_id, c.name, v.text, v.by_role, coalesce(v.priority, 0), 0"
		" FROM reviews v JOIN meetings m ON m.id = v.meeting_id JOIN codes c"
		" ON c.id = v.code_id ORDER BY m.date, m.id, v.priority IS NULL,"
		" c.ordinal, c.id, v.id", &h->notes);
	items_read(r, h, root, maxcode, "SELECT d.meeting_id, m.date, d.id, 0,"
		" coalesce(d.code_id, 0), c.name, d.text, NULL, 0, 0 FROM decisions d"
		" JOIN meetings m ON m.id = d.meeting_id LEFT JOIN codes c ON"
		" c.id = d.code_id ORDER BY m.date, m.id, d.id", &h->decisions);
	items_read(r, h, root, maxcode, "SELECT v.meeting_id, m.date, v.id,"
		" a.id, a.code_id, a.text, v.text, NULL, 0, 0 FROM evaluations v"
		" JOIN meetings m ON m.id = v.meeting_id JOIN actions a ON"
		" a.id = v.action_id ORDER BY m.date, m.id, v.id", &h->evals);
	items_read(r, h, root, maxcode, "SELECT coalesce(x.meeting_id, 0),"
		" x.date, x.id, a.id, a.code_id, x.status, a.text, a.owner, 0,"
		" x.forced FROM action_status x JOIN actions a ON a.id = x.action_id"
		/* an evaluation at a meeting is told there */
		" WHERE NOT (x.status = 'evaluated' AND x.meeting_id IS NOT NULL AND"
		" NOT x.forced) ORDER BY x.date, x.id", &h->events);
	free(root);
	return 0;
}

static void hist_release(struct hist *h)
{
	for (size_t i = 0; i < h->nm; i++) {
		free(h->m[i].date);
		free(h->m[i].title);
		free(h->m[i].roles);
		free(h->m[i].themes);
	}
	free(h->m);
	items_release(&h->notes);
	items_release(&h->decisions);
	items_release(&h->evals);
	items_release(&h->events);
	free(h->want);
}

/* ---- text ---- */

/* "12 maart 2026" (or without the year, "12 maart") from 2026-03-12,
 * by the template's month names. */
static char *fmt_date(struct rep *r, const char *iso, int year)
{
	const char *months = rtext(r, "months");
	int y, m, d;
	char name[32] = "";

	if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
		return xstrdup(iso ? iso : "");
	for (int i = 1; i <= m && months; i++) {
		const char *sp = strchr(months, ' ');
		size_t n = sp ? (size_t)(sp - months) : strlen(months);
		if (i == m)
			snprintf(name, sizeof(name), "%.*s", (int)n, months);
		months = sp ? sp + 1 : NULL;
	}
	if (!*name)
		return xstrdup(iso);
	return year ? xasprintf("%d %s %d", d, name, y) :
		      xasprintf("%d %s", d, name);
}

static const char *status_word(struct rep *r, const char *status)
{
	char key[32];

	snprintf(key, sizeof(key), "status_%s", status ? status : "planned");
	return rtext(r, key);
}

/* A label and its value in one paragraph: "Aanwezig: ouder 3". */
static void field(struct rep *r, const char *label, const char *value)
{
	char *red, *line;

	if (!value || !*value)
		return;
	red = report_redact(r, value, label);
	line = xasprintf("%s: %s", rtext(r, label), red);
	pdf_para(r->pdf, line, PDF_REGULAR, 10, 0, PDF_INK);
	free(line);
	free(red);
}

static void sublabel(struct rep *r, const char *key)
{
	pdf_need(r->pdf, 9 * 1.4f + 26);
	pdf_skip(r->pdf, 3);
	pdf_para(r->pdf, rtext(r, key), PDF_BOLD, 9, 0, r->accent);
}

/* ---- sections ---- */

static int draw_summary(struct rep *r, int k, struct qc_err *e)
{
	struct cycle_counts c;
	char *line, *n1, *d1, *d2;
	sqlite3_stmt *st;
	struct qc_buf roles = QC_BUF_INIT;
	int rc;

	(void)k;
	if ((rc = cycle_counts(r->s, &c, e)) < 0)
		return rc;
	pdf_fresh_page(r->pdf);
	pdf_heading(r->pdf, 1, rtext(r, "summary"), r->headings);
	n1 = report_num(c.meetings);
	d1 = fmt_date(r, c.first, 1);
	d2 = fmt_date(r, c.last, 1);
	line = report_label_fill(&r->lab, "summary_meetings", 3,
				 (const char *const[]){ n1, d1, d2 });
	pdf_para(r->pdf, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
	free(line);
	free(n1);
	free(d1);
	free(d2);
	/* who took part: the most of each role at one meeting */
	st = store_prepare(r->s, "SELECT role, max(n), count(*) FROM meeting_roles"
			   " GROUP BY role ORDER BY max(n) DESC, role", e);
	while (st && sqlite3_step(st) == SQLITE_ROW)
		qc_buf_addf(&roles, "%s%s %d", roles.len ? ", " : "",
			    sqlite3_column_text(st, 0), sqlite3_column_int(st, 1));
	sqlite3_finalize(st);
	if (roles.len) {
		char *red = report_redact(r, roles.buf, "the attendees");
		line = report_label_fill(&r->lab, "summary_roles", 1,
					 (const char *const[]){ red });
		pdf_para(r->pdf, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
		free(line);
		free(red);
	}
	{
		char *n[5] = { report_num(c.actions), report_num(c.adopted),
			       report_num(c.dropped), report_num(c.decisions),
			       report_num(c.lessons) };
		line = report_label_fill(&r->lab, "summary_actions", 5,
					 (const char *const *)n);
		pdf_para(r->pdf, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
		free(line);
		for (int i = 0; i < 5; i++)
			free(n[i]);
	}
	qc_buf_release(&roles);
	cycle_counts_release(&c);
	pdf_skip(r->pdf, 12);
	pdf_heading_keep(r->pdf, 2, rtext(r, "cycle"), r->headings, 280);
	report_cycle_figure(r);
	return 0;
}

/* The notes and priorities of meeting i. */
static void meeting_review(struct rep *r, const struct hist *h, int i)
{
	size_t lo, hi;
	struct qc_buf pr = QC_BUF_INIT;
	int notes = 0;

	bucket(&h->notes, i, &lo, &hi);
	/* per theme: "Stigma: 5 (ouder), 4 (verloskundige)" */
	for (size_t k = lo; k < hi; k++) {
		const struct item *it = &h->notes.v[k];
		int same;
		if (!it->prio)
			continue;
		same = k > lo && h->notes.v[k - 1].prio &&
		       h->notes.v[k - 1].theme == it->theme &&
		       !strcmp(h->notes.v[k - 1].what, it->what);
		if (same)
			qc_buf_adds(&pr, ", ");
		else
			qc_buf_addf(&pr, "%s%s: ", pr.len ? "; " : "", it->what);
		qc_buf_addf(&pr, "%d%s%s%s", it->prio, it->extra ? " (" : "",
			    it->extra ? it->extra : "", it->extra ? ")" : "");
	}
	if (pr.len)
		field(r, "priorities", pr.buf);
	qc_buf_release(&pr);
	for (size_t k = lo; k < hi; k++) {
		const struct item *it = &h->notes.v[k];
		char *red, *line;
		if (it->prio)
			continue;
		if (!notes++)
			sublabel(r, "notes");
		red = report_redact(r, it->text, "a review note");
		line = xasprintf("%s: %s", it->what, red);
		pdf_bullet(r->pdf, line, 0);
		free(line);
		free(red);
	}
}

static void meeting_decisions(struct rep *r, const struct hist *h, int i)
{
	size_t lo, hi;

	bucket(&h->decisions, i, &lo, &hi);
	for (size_t k = lo; k < hi; k++) {
		const struct item *it = &h->decisions.v[k];
		char *red = report_redact(r, it->text, "a decision");
		char *line = it->what ? xasprintf("%s (%s)", red, it->what) :
			     xstrdup(red);
		if (k == lo)
			sublabel(r, "decisions");
		pdf_bullet(r->pdf, line, 0);
		report_evidence(r, "decision_id", it->id, 1);
		free(line);
		free(red);
	}
}

static void meeting_evaluations(struct rep *r, const struct hist *h, int i)
{
	size_t lo, hi;

	bucket(&h->evals, i, &lo, &hi);
	for (size_t k = lo; k < hi; k++) {
		const struct item *it = &h->evals.v[k];
		char *a = report_redact(r, it->what, "an action");
		char *v = report_redact(r, it->text, "an evaluation");
		char *line = xasprintf("A%lld %s: %s", it->aid, a, v);
		if (k == lo)
			sublabel(r, "evaluated");
		pdf_bullet(r->pdf, line, 0);
		/* short: the timeline of a long history stays readable */
		report_evidence_words(r, "evaluation_id", it->id, 1, 25);
		free(line);
		free(a);
		free(v);
	}
}

/* The actions' steps after meeting i (or before the first, -1). */
static void meeting_actions(struct rep *r, const struct hist *h, int i)
{
	size_t lo, hi;
	char *used;

	bucket(&h->events, i, &lo, &hi);
	if (lo == hi)
		return;
	if (i < 0) {
		sublabel(r, "before_first");
	} else if ((size_t)i + 1 < h->nm) {
		char *a = xasprintf("M%lld", h->m[i].id);
		char *b = xasprintf("M%lld", h->m[i + 1].id);
		char *l = report_label_fill(&r->lab, "between", 2,
					    (const char *const[]){ a, b });
		pdf_need(r->pdf, 9 * 1.4f + 26);
		pdf_skip(r->pdf, 3);
		pdf_para(r->pdf, l, PDF_BOLD, 9, 0, r->accent);
		free(a);
		free(b);
		free(l);
	} else {
		char *a = xasprintf("M%lld", h->m[i].id);
		char *l = report_label_fill(&r->lab, "after_last", 1,
					    (const char *const[]){ a });
		pdf_need(r->pdf, 9 * 1.4f + 26);
		pdf_skip(r->pdf, 3);
		pdf_para(r->pdf, l, PDF_BOLD, 9, 0, r->accent);
		free(a);
		free(l);
	}
	/* one line per action: its steps in this stretch, in order */
	used = xcalloc(hi - lo + 1, 1);
	for (size_t k = lo; k < hi; k++) {
		const struct item *it = &h->events.v[k];
		struct qc_buf steps = QC_BUF_INIT;
		char *t0, *t, *line;
		if (used[k - lo])
			continue;
		for (size_t x = k; x < hi; x++) {
			const struct item *s2 = &h->events.v[x];
			char *d;
			if (used[x - lo] || s2->aid != it->aid)
				continue;
			used[x - lo] = 1;
			d = fmt_date(r, s2->date, 0);
			qc_buf_addf(&steps, "%s%s%s %s", steps.len ? ", " : "",
				    status_word(r, s2->what), s2->forced ? "*" : "",
				    d);
			free(d);
		}
		t0 = report_redact(r, it->text, "an action");
		/* the whole text is in the theme's trail */
		t = report_shorten(t0, 12);
		line = xasprintf("A%lld %s \xe2\x80\x94 %s", it->aid, t, steps.buf);
		pdf_bullet(r->pdf, line, 0);
		free(line);
		free(t0);
		free(t);
		qc_buf_release(&steps);
	}
	free(used);
}

static int draw_timeline(struct rep *r, int k, struct qc_err *e)
{
	struct hist h;
	int rc;

	(void)k;
	if ((rc = hist_read(r, &h, e)) < 0)
		return rc;
	pdf_fresh_page(r->pdf);
	pdf_heading(r->pdf, 1, rtext(r, "timeline"), r->headings);
	pdf_para(r->pdf, rtext(r, "timeline_text"), PDF_REGULAR, 10, 0,
		 PDF_MUTED);
	pdf_skip(r->pdf, 6);
	meeting_actions(r, &h, -1);
	for (size_t i = 0; i < h.nm && !pdf_failed(r->pdf); i++) {
		const struct meeting *m = &h.m[i];
		char *d = fmt_date(r, m->date, 1);
		char *t = report_redact(r, m->title, "a meeting's title");
		char *head = xasprintf("M%lld \xc2\xb7 %s \xc2\xb7 %s", m->id, d, t);
		pdf_skip(r->pdf, 6);
		pdf_heading_keep(r->pdf, 2, head, r->headings, 40);
		field(r, "attendees", m->roles);
		field(r, "themes", m->themes);
		meeting_review(r, &h, (int)i);
		meeting_decisions(r, &h, (int)i);
		meeting_evaluations(r, &h, (int)i);
		meeting_actions(r, &h, (int)i);
		r->st->meetings++;
		free(head);
		free(d);
		free(t);
	}
	hist_release(&h);
	return 0;
}

/* A theme's trail: first coding, meetings, actions, decisions, lesson. */
static void trail(struct rep *r, const struct code_row *c)
{
	sqlite3_stmt *st;
	struct qc_buf b = QC_BUF_INIT;
	char *first = NULL, *line;
	long long n = report_theme_codings(r, c->id);
	int any = 0;

	pdf_heading_keep(r->pdf, 2, c->name, r->headings, 60);
	st = store_prepare(r->s, "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL"
		" SELECT k.id FROM codes k JOIN sub ON k.parent_id = sub.id)"
		" SELECT min(created_at) FROM codings WHERE code_id IN sub", NULL);
	if (st) {
		sqlite3_bind_int64(st, 1, c->id);
		if (sqlite3_step(st) == SQLITE_ROW)
			first = store_col_dup(st, 0);
		sqlite3_finalize(st);
	}
	if (first) {
		char *d = fmt_date(r, first, 1), *nn = report_num(n);
		line = report_label_fill(&r->lab, "first_coded", 2,
					 (const char *const[]){ d, nn });
		pdf_para(r->pdf, line, PDF_REGULAR, 10, 0, PDF_INK);
		free(line);
		free(d);
		free(nn);
	} else {
		pdf_para(r->pdf, rtext(r, "not_coded"), PDF_ITALIC, 10, 0,
			 PDF_MUTED);
	}
	/* the meetings that discussed it, with the priority they gave */
	st = store_prepare(r->s, "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL"
		" SELECT k.id FROM codes k JOIN sub ON k.parent_id = sub.id)"
		" SELECT m.id, round(avg(v.priority), 1) FROM meetings m LEFT JOIN"
		" reviews v ON v.meeting_id = m.id AND v.code_id IN sub WHERE"
		" EXISTS (SELECT 1 FROM meeting_themes t WHERE t.meeting_id = m.id"
		" AND t.code_id IN sub) OR v.id IS NOT NULL GROUP BY m.id"
		" ORDER BY m.date, m.id", NULL);
	if (st)
		sqlite3_bind_int64(st, 1, c->id);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		qc_buf_addf(&b, "%sM%lld", b.len ? ", " : "",
			    sqlite3_column_int64(st, 0));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			char *v = xstrdup((const char *)sqlite3_column_text(st, 1));
			size_t len = strlen(v);
			/* 4.0 as 4, and the decimal sign of the language */
			if (len > 2 && !strcmp(v + len - 2, ".0"))
				v[len - 2] = '\0';
			else if (strchr(v, '.'))
				*strchr(v, '.') = *rtext(r, "decimal");
			qc_buf_addf(&b, " (%s %s)", rtext(r, "priority"), v);
			free(v);
		}
	}
	sqlite3_finalize(st);
	if (b.len)
		field(r, "discussed", b.buf);
	qc_buf_release(&b);
	/* its actions, with status and last evaluation */
	st = store_prepare(r->s, "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL"
		" SELECT k.id FROM codes k JOIN sub ON k.parent_id = sub.id)"
		" SELECT a.id, a.text, a.status, (SELECT max(date) FROM action_status"
		" WHERE action_id = a.id) FROM actions a WHERE"
		" a.code_id IN sub ORDER BY a.id", NULL);
	if (st)
		sqlite3_bind_int64(st, 1, c->id);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		char *t = report_redact(r, (const char *)sqlite3_column_text(st, 1),
					"an action");
		char *d = fmt_date(r, (const char *)sqlite3_column_text(st, 3), 1);
		if (!any++)
			sublabel(r, "actions");
		/* the evaluations are told in the timeline */
		line = xasprintf("A%lld %s \xe2\x80\x94 %s (%s)",
				 sqlite3_column_int64(st, 0), t,
				 status_word(r, (const char *)sqlite3_column_text(st, 2)),
				 d);
		pdf_bullet(r->pdf, line, 0);
		free(line);
		free(t);
		free(d);
	}
	sqlite3_finalize(st);
	any = 0;
	st = store_prepare(r->s, "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL"
		" SELECT k.id FROM codes k JOIN sub ON k.parent_id = sub.id)"
		" SELECT d.meeting_id, d.text FROM decisions d JOIN meetings m ON"
		" m.id = d.meeting_id WHERE d.code_id IN sub ORDER BY m.date, d.id",
		NULL);
	if (st)
		sqlite3_bind_int64(st, 1, c->id);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		char *t = report_redact(r, (const char *)sqlite3_column_text(st, 1),
					"a decision");
		if (!any++)
			sublabel(r, "decisions");
		line = xasprintf("M%lld: %s", sqlite3_column_int64(st, 0), t);
		pdf_bullet(r->pdf, line, 0);
		free(line);
		free(t);
	}
	sqlite3_finalize(st);
	/* the lesson: the theme's own, then the lessons drawn about it */
	any = 0;
	if (c->lesson) {
		sublabel(r, "lesson");
		any = 1;
		pdf_para(r->pdf, c->lesson, PDF_SERIF, 10.5f, 0, PDF_INK);
	}
	st = store_prepare(r->s, "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL"
		" SELECT k.id FROM codes k JOIN sub ON k.parent_id = sub.id)"
		" SELECT id, text FROM lessons WHERE code_id IN sub ORDER BY id",
		NULL);
	if (st)
		sqlite3_bind_int64(st, 1, c->id);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		char *t = report_redact(r, (const char *)sqlite3_column_text(st, 1),
					"a lesson");
		if (!any++)
			sublabel(r, "lesson");
		pdf_bullet(r->pdf, t, 0);
		report_evidence(r, "lesson_id", sqlite3_column_int64(st, 0), 1);
		free(t);
	}
	sqlite3_finalize(st);
	free(first);
	pdf_skip(r->pdf, 8);
	r->st->themes++;
}

/* Did the team do anything with the theme root or a code below it? */
static int theme_in_cycle(struct rep *r, long long root)
{
	sqlite3_stmt *st = store_prepare(r->s, "WITH RECURSIVE sub(id) AS"
		" (SELECT ?1 UNION ALL SELECT k.id FROM codes k JOIN sub ON"
		" k.parent_id = sub.id) SELECT EXISTS (SELECT 1 FROM actions WHERE"
		" code_id IN sub) OR EXISTS (SELECT 1 FROM reviews WHERE code_id IN"
		" sub) OR EXISTS (SELECT 1 FROM meeting_themes WHERE code_id IN sub)"
		" OR EXISTS (SELECT 1 FROM decisions WHERE code_id IN sub) OR"
		" EXISTS (SELECT 1 FROM lessons WHERE code_id IN sub)", NULL);
	int v = 0;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, root);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int draw_trails(struct rep *r, int k, struct qc_err *e)
{
	int shown = 0;

	(void)k;
	(void)e;
	for (size_t i = 0; i < r->nrt && !pdf_failed(r->pdf); i++) {
		long long id = r->rt[i].id;
		/* a theme with nothing to tell has no trail, nor a group of
		 * codes that is no theme (actions) unless the team used it */
		if ((!r->theme[i] || !report_theme_codings(r, id)) &&
		    !theme_in_cycle(r, id))
			continue;
		if (!shown++) {
			pdf_fresh_page(r->pdf);
			pdf_heading(r->pdf, 1, rtext(r, "trails"), r->headings);
			pdf_para(r->pdf, rtext(r, "trails_text"), PDF_REGULAR, 10,
				 0, PDF_MUTED);
			pdf_skip(r->pdf, 6);
		}
		trail(r, &r->rt[i]);
	}
	return 0;
}

static int draw_process(struct rep *r, int k, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(r->s, "SELECT id, text FROM lessons"
					 " WHERE process ORDER BY id", e);
	int any = 0;

	(void)k;
	if (!st)
		return -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *t = report_redact(r, (const char *)sqlite3_column_text(st, 1),
					"a lesson");
		if (!any++) {
			pdf_skip(r->pdf, 10);
			pdf_heading(r->pdf, 1, rtext(r, "process"), r->headings);
		}
		pdf_bullet(r->pdf, t, 0);
		report_evidence(r, "lesson_id", sqlite3_column_int64(st, 0), 1);
		free(t);
	}
	sqlite3_finalize(st);
	return 0;
}

/* In this order in the template's "unknown item" message. */
static const struct report_section sections[] = {
	{ "cover", report_cover },
	{ "summary", draw_summary },
	{ "timeline", draw_timeline },
	{ "trails", draw_trails },
	{ "process", draw_process },
};

REPORT_TABLE_NAMES(section_name, sections)

const struct report_kind report_kind_cycle = { "cycle", section_name, NULL,
	NULL, REPORT_F_CYCLE | REPORT_F_PROJECT_TITLE };

int report_cycle(struct store *s, const struct report_opts *o,
		 const char *path, struct report_stats *st, struct qc_err *e)
{
	return report_make(s, o, &report_kind_cycle, sections, path,
			   "--theme", st, e);
}
