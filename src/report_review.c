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
#include "qcode/text.h"
#include "report_int.h"

struct fragment {
	char *text;	/* redacted, the coded spans between U+E000 and U+E001 */
	char *plain;	/* the same without the marks, for measuring */
	char *who;
	char **memos;	/* its turn's and its codings' memos for the team */
	size_t nmemos;
};

#define MARK_OPEN "\xee\x80\x80"
#define MARK_CLOSE "\xee\x80\x81"

/* One fragment being gathered from its codings. */
struct gather {
	long long key_seg, key_src, key_a, key_b;	/* turn, or span */
	char ref[48];
	char *turn;		/* the turn's (or span's) text */
	long long *sa, *sb;	/* coded spans in it, code points */
	size_t ns;
	long long *codings;
	size_t nc;
	struct qc_buf coders;
	char *name, *role, *kind;
};

/* The turn with its coded spans marked, redacted; where the marks would
 * change what redaction finds (a name across a span's edge), unmarked. */
static char *marked_text(struct rep *r, const struct gather *g, char **plain)
{
	size_t len, ncp, i = 0, cp = 0;
	unsigned char *on;
	struct qc_buf b = QC_BUF_INIT;
	char *red, *red_plain;
	int in = 0;

	/* nothing to mark (a whole turn): redacted once */
	if (!g->ns) {
		*plain = report_redact(r, g->turn, g->ref);
		return xstrdup(*plain);
	}
	len = strlen(g->turn);
	ncp = text_cp_count(g->turn, len);
	on = xcalloc(ncp + 1, 1);
	for (size_t k = 0; k < g->ns; k++)
		for (long long c = g->sa[k]; c < g->sb[k] && c < (long long)ncp; c++)
			if (c >= 0)
				on[c] = 1;
	while (i < len) {
		size_t st = i;
		text_utf8_next(g->turn, len, &i);
		if (on[cp] != in) {
			qc_buf_adds(&b, on[cp] ? MARK_OPEN : MARK_CLOSE);
			in = on[cp];
		}
		qc_buf_add(&b, g->turn + st, i - st);
		cp++;
	}
	if (in)
		qc_buf_adds(&b, MARK_CLOSE);
	free(on);
	red = report_redact(r, b.buf, g->ref);
	red_plain = report_redact(r, g->turn, g->ref);
	qc_buf_release(&b);
	{
		struct qc_buf x = QC_BUF_INIT;
		for (const char *p = red; *p; p++) {
			if (!strncmp(p, MARK_OPEN, 3) || !strncmp(p, MARK_CLOSE, 3)) {
				p += 2;
				continue;
			}
			qc_buf_addch(&x, *p);
		}
		if (strcmp(x.buf ? x.buf : "", red_plain)) {
			free(red);
			red = xstrdup(red_plain);
		}
		qc_buf_release(&x);
	}
	*plain = red_plain;
	return red;
}

/* The memos for the team on the fragment's turn and its codings. */
static void fragment_memos(struct rep *r, const struct gather *g,
			   struct fragment *f)
{
	sqlite3_stmt *q = store_prepare(r->s, "SELECT m.text, u.name FROM memos m"
		" JOIN coders u ON u.id = m.author_id WHERE m.visibility <> 'me'"
		" AND ((m.target = 'segment' AND m.target_id = ?1) OR"
		" (m.target = 'coding' AND m.target_id = ?2)) ORDER BY m.id", NULL);

	for (size_t k = 0; q && k <= g->nc; k++) {
		/* the turn's memos once, then each coding's */
		if (k == 0 && !g->key_seg)
			continue;
		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, k == 0 ? g->key_seg : -1);
		sqlite3_bind_int64(q, 2, k == 0 ? -1 : g->codings[k - 1]);
		while (sqlite3_step(q) == SQLITE_ROW) {
			char *t = report_redact(r, (const char *)sqlite3_column_text(q, 0),
						g->ref);
			f->memos = xreallocarray(f->memos, f->nmemos + 1, sizeof(char *));
			f->memos[f->nmemos++] = report_label_fill(&r->lab, "memo_on",
				2, (const char *const[]){ t,
				(const char *)sqlite3_column_text(q, 1) });
			free(t);
		}
	}
	sqlite3_finalize(q);
}

static void gather_release(struct gather *g)
{
	free(g->turn);
	free(g->sa);
	free(g->sb);
	free(g->codings);
	qc_buf_release(&g->coders);
	free(g->name);
	free(g->role);
	free(g->kind);
	memset(g, 0, sizeof(*g));
}

/* The gathered fragment as the sheet shows it. */
static void fragment_done(struct rep *r, struct gather *g, struct fragment **out,
			  size_t *n)
{
	struct fragment *f;
	struct qc_buf who = QC_BUF_INIT;
	const char *kind = report_label_kind(&r->lab, g->kind, 0);

	*out = xreallocarray(*out, *n + 1, sizeof(**out));
	f = &(*out)[(*n)++];
	memset(f, 0, sizeof(*f));
	f->text = marked_text(r, g, &f->plain);
	/* ref · speaker · role · kind of source · coders */
	qc_buf_addf(&who, "%s", g->ref);
	if (g->name)
		qc_buf_addf(&who, " · %s", g->name);
	if (g->role && *g->role)
		qc_buf_addf(&who, " · %s", g->role);
	qc_buf_addf(&who, " · %s · %s %s", kind, rtext(r, strchr(g->coders.buf, ',') ?
		    "coders" : "coder"), g->coders.buf);
	f->who = report_redact(r, who.buf, g->ref);
	qc_buf_release(&who);
	fragment_memos(r, g, f);
	gather_release(g);
}

/* The coded fragments of a code, redacted, with who said them: a turn
 * once, whoever coded it, its coded spans marked. */
static int fragments(struct rep *r, long long code, struct fragment **out,
		     size_t *n, struct qc_err *e)
{
	sqlite3_stmt *q = report_prep(r,
		" SELECT s.id, g.id, g.ordinal, c.start_cp, c.end_cp, g.start_cp,"
		" coalesce(p.role, ''), pn.name, u.name, coalesce(g.text,"
		" substr(CASE WHEN s.framed THEN source_text(s.id) ELSE s.text END,"
		" c.start_cp + 1, c.end_cp - c.start_cp)),"
		" s.kind, c.id, g.end_cp FROM codings c JOIN sources s ON s.id = c.source_id"
		" LEFT JOIN segments g ON g.id = c.segment_id"
		" LEFT JOIN participants p ON p.id = g.participant_id"
		" LEFT JOIN temp.report_names pn ON pn.id = p.id JOIN coders u ON"
		" u.id = c.coder_id WHERE c.code_id = ?1 AND" REPORT_KIND_SQL
		" AND (?2 IS NULL OR c.created_at >= ?2)"
		" ORDER BY s.id, coalesce(g.ordinal, 0), c.start_cp, c.end_cp, u.name", e);
	struct gather g;

	memset(&g, 0, sizeof(g));
	*out = NULL;
	*n = 0;
	if (!q)
		return -QC_EIO;
	sqlite3_bind_int64(q, 1, code);
	sqlite3_bind_text(q, 2, r->o->since, -1, SQLITE_STATIC);
	while (sqlite3_step(q) == SQLITE_ROW) {
		long long src = sqlite3_column_int64(q, 0);
		int seg = sqlite3_column_type(q, 1) != SQLITE_NULL;
		long long sid = seg ? sqlite3_column_int64(q, 1) : 0;
		long long a = sqlite3_column_int64(q, 3), b = sqlite3_column_int64(q, 4);
		long long base = seg ? sqlite3_column_int64(q, 5) : a;
		long long gend = seg ? sqlite3_column_int64(q, 12) : b;
		const char *coder = (const char *)sqlite3_column_text(q, 8);
		int same = g.turn && (seg ? g.key_seg == sid :
			   (!g.key_seg && g.key_src == src && g.key_a == a && g.key_b == b));

		if (g.turn && !same)
			fragment_done(r, &g, out, n);
		if (!g.turn) {
			const char *nm = (const char *)sqlite3_column_text(q, 7);
			g.key_seg = sid;
			g.key_src = src;
			g.key_a = a;
			g.key_b = b;
			if (seg)
				snprintf(g.ref, sizeof(g.ref), "S%lld:%lld", src,
					 sqlite3_column_int64(q, 2));
			else
				snprintf(g.ref, sizeof(g.ref), "S%lld", src);
			g.turn = xstrdup((const char *)sqlite3_column_text(q, 9));
			g.name = nm ? xstrdup(nm) : NULL;
			g.role = xstrdup((const char *)sqlite3_column_text(q, 6));
			g.kind = xstrdup((const char *)sqlite3_column_text(q, 10));
			qc_buf_init(&g.coders);
		}
		/* a span inside the turn is marked; the whole turn is not */
		if (seg && (a > base || b < gend)) {
			g.sa = xreallocarray(g.sa, g.ns + 1, sizeof(long long));
			g.sb = xreallocarray(g.sb, g.ns + 1, sizeof(long long));
			g.sa[g.ns] = a - base;
			g.sb[g.ns++] = b - base;
		}
		g.codings = xreallocarray(g.codings, g.nc + 1, sizeof(long long));
		g.codings[g.nc++] = sqlite3_column_int64(q, 11);
		{
			char *k = xasprintf(", %s,", coder);
			char *have = xasprintf(", %s,", g.coders.buf ? g.coders.buf : "");
			if (!strstr(have, k))
				qc_buf_addf(&g.coders, "%s%s", g.coders.len ? ", " : "",
					    coder);
			free(k);
			free(have);
		}
	}
	if (g.turn)
		fragment_done(r, &g, out, n);
	sqlite3_finalize(q);
	return 0;
}

static void fragments_free(struct fragment *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].text);
		free(f[i].plain);
		free(f[i].who);
		for (size_t k = 0; k < f[i].nmemos; k++)
			free(f[i].memos[k]);
		free(f[i].memos);
	}
	free(f);
}

/* The memos of a code for the team, under their label. */
static void code_memos(struct rep *r, long long code)
{
	sqlite3_stmt *q = store_prepare(r->s, "SELECT m.text, u.name FROM memos m"
					" JOIN coders u ON u.id = m.author_id WHERE"
					" m.target = 'code' AND m.target_id = ?"
					" AND m.visibility <> 'me' ORDER BY m.id", NULL);
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
	return v->nfr ? pdf_quote_height(r->pdf, v->fr[0].plain, v->fr[0].who)
		      : 0;
}

static void part_fragments(struct rep *r, const struct code_view *v)
{
	struct pdf_rgb mark = { 1.0f, 0.91f, 0.55f };

	for (size_t f = 0; f < v->nfr; f++) {
		pdf_quote_marked(r->pdf, v->fr[f].text, v->fr[f].who, v->col, mark);
		for (size_t k = 0; k < v->fr[f].nmemos; k++) {
			pdf_para(r->pdf, v->fr[f].memos[k], PDF_REGULAR, 8.5f, 18,
				 r->accent);
			pdf_skip(r->pdf, 2);
		}
		if (v->fr[f].nmemos)
			pdf_skip(r->pdf, 4);
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
	char *h;
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
	v.count = report_label_count(&r->lab, "fragments", c->n, 0, NULL);
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
	/* --since: say what the sheet leaves out */
	if (r->o->since) {
		char *what = xstrdup(r->o->since_what ? r->o->since_what :
				     r->o->since);
		char *line;
		if (!strncmp(what, "since ", 6))
			memmove(what, what + 6, strlen(what + 6) + 1);
		line = report_label_fill(&r->lab, "since", 1,
					 (const char *const[]){ what });
		pdf_para(r->pdf, line, PDF_BOLD, 10, 0, r->accent);
		pdf_skip(r->pdf, 6);
		free(line);
		free(what);
	}
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

/* The team's earlier notes and priorities on each theme (and the codes
 * below it), by meeting, so the meeting starts from what it said. */
static int draw_team_notes(struct rep *r, int k, struct qc_err *e)
{
	sqlite3_stmt *q = store_prepare(r->s, "WITH RECURSIVE sub(id) AS"
		" (SELECT ?1 UNION ALL SELECT c.id FROM codes c JOIN sub ON"
		" c.parent_id = sub.id) SELECT v.meeting_id, m.date, c.name, v.text,"
		" v.priority, v.by_role FROM reviews v JOIN meetings m ON"
		" m.id = v.meeting_id JOIN codes c ON c.id = v.code_id WHERE"
		" v.code_id IN sub ORDER BY m.date, m.id, v.priority IS NOT NULL,"
		" v.id", e);
	int any = 0;

	(void)k;
	if (!q)
		return -QC_EIO;
	for (size_t i = 0; i < r->nrt && !pdf_failed(r->pdf); i++) {
		int shown = 0;
		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, r->rt[i].id);
		while (sqlite3_step(q) == SQLITE_ROW) {
			const char *code = (const char *)sqlite3_column_text(q, 2);
			int same = !strcmp(code, r->rt[i].name);
			char *t, *line;
			if (!any++) {
				pdf_fresh_page(r->pdf);
				pdf_heading(r->pdf, 1, rtext(r, "team_notes"),
					    r->headings);
			}
			if (!shown++)
				pdf_heading_keep(r->pdf, 2, r->rt[i].name,
						 r->headings, 30);
			if (sqlite3_column_type(q, 4) != SQLITE_NULL) {
				const char *by = (const char *)sqlite3_column_text(q, 5);
				char *p = xasprintf("%d", sqlite3_column_int(q, 4));
				t = report_label_fill(&r->lab, "team_priority", 1,
						      (const char *const[]){ p });
				free(p);
				if (by) {
					char *b = report_redact(r, by, "a role");
					char *tb = xasprintf("%s (%s)", t, b);
					free(t);
					free(b);
					t = tb;
				}
			} else {
				t = report_redact(r, (const char *)
						  sqlite3_column_text(q, 3),
						  "a review note");
			}
			line = xasprintf("M%lld, %s%s%s: %s",
					 sqlite3_column_int64(q, 0),
					 sqlite3_column_text(q, 1), same ? "" : ", ",
					 same ? "" : code, t);
			pdf_bullet(r->pdf, line, 0);
			free(line);
			free(t);
		}
	}
	sqlite3_finalize(q);
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
	{ "team_notes", draw_team_notes },
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
