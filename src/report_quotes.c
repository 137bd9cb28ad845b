/*
 * report_quotes: which fragments the lessons report quotes, and how.
 *
 * Per factor, candidates are its codings: pinned ones first (quote pin,
 * tag --exemplar), then the first in source order; excluded codings and
 * turns of research staff (the setting research-roles) never. A quote is
 * whole sentences around the coded span, 15 to 60 words where the turn
 * allows, redacted sentence by sentence; it never ends on a placeholder
 * or an opening quotation mark, and a candidate that is more than a third
 * placeholders is skipped. A fragment (a turn, or a span outside turns)
 * is quoted once per report: where two factors share it, the factor that
 * coded it most specifically (pinned, then the shortest coded span, then
 * the rarer code) has it, and the other takes its next-best quote.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/text.h"
#include "qcode/privacy.h"
#include "report_int.h"

#define QUOTE_MIN_WORDS 15
#define QUOTE_MAX_WORDS 60
#define QUOTE_CANDIDATES 48

/* The default of the setting research-roles: who asks the questions. */
#define RESEARCH_ROLES "onderzoeker,interviewer,gespreksleider,moderator," \
	"researcher,facilitator"

/* One candidate quote of one factor. */
struct cand {
	long long coding, source;
	char key[64];		/* the fragment: "g<segment>" or "s<src>:<a>-<b>" */
	long long span;		/* coded length in code points */
	int pin;
	int good;		/* 15..60 whole-sentence words */
	char ref[48];
	char *turn;		/* the turn (or span) until the quote is made */
	size_t a, z;		/* the coded span in it, code points */
	char *who_raw;		/* the attribution, not yet redacted */
	int made;		/* 0: not yet, 1: text and who, -1: skipped */
	char *text, *who, *role;
	int picked;		/* chosen for some factor */
};

struct factor {
	long long code, n;
	struct cand *c;
	size_t nc;
	struct report_quote *q;	/* the choice */
	size_t nq;
	long long *held;	/* no quote left: the factors quoting its
				   fragments */
	size_t nheld;
};

struct report_plan {
	struct factor *f;
	size_t n;
};

/* ---- sentences ---- */

struct sent {
	size_t b, e;		/* bytes of the source text, trimmed */
	char *red;		/* redacted, on demand */
	int words, holes;	/* words, and placeholders among them */
};

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Is s[i..] a closing quotation mark or bracket, and how long? */
static size_t closer_at(const char *s, size_t len, size_t i)
{
	if (s[i] == '"' || s[i] == '\'' || s[i] == ')')
		return 1;
	if (i + 2 < len && (unsigned char)s[i] == 0xe2 &&
	    (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0x9d || (unsigned char)s[i + 2] == 0x99))
		return 3;
	return 0;
}

/* Split s into sentences: after . ! ? or … (and a closing mark) before
 * white space, and at line ends. */
static size_t split(const char *s, size_t len, struct sent **out)
{
	struct sent *v = NULL;
	size_t n = 0, b = 0, alloc = 0;

	for (size_t i = 0; i <= len; i++) {
		int end = i == len || s[i] == '\n';
		size_t j = i;
		if (!end && (s[i] == '.' || s[i] == '!' || s[i] == '?' ||
			     (i + 2 < len && (unsigned char)s[i] == 0xe2 &&
			      (unsigned char)s[i + 1] == 0x80 &&
			      (unsigned char)s[i + 2] == 0xa6))) {
			j = i + (s[i] == '\xe2' ? 3 : 1);
			while (j < len && (s[j] == '.' || s[j] == '!' || s[j] == '?'))
				j++;
			for (size_t c; j < len && (c = closer_at(s, len, j));)
				j += c;
			/* "Dr. Okafor", "mw. Jansen", "J. Okafor": one sentence,
			 * so the name stays beside what makes it one */
			end = (j >= len || is_space(s[j])) &&
			      !(j == i + 1 && s[i] == '.' && privacy_abbrev_at(s, i));
			if (end)
				i = j - 1;
		}
		if (!end)
			continue;
		{
			size_t e = i == len || s[i] == '\n' ? i : i + 1;
			size_t bb = b;
			while (bb < e && is_space(s[bb]))
				bb++;
			while (e > bb && is_space(s[e - 1]))
				e--;
			if (e > bb) {
				QC_GROW(v, n, alloc);
				memset(&v[n], 0, sizeof(v[n]));
				v[n].b = bb;
				v[n].e = e;
				n++;
			}
			b = i + 1;
		}
	}
	*out = v;
	return n;
}

/* Words, and placeholders ("[naam]", "[telefoonnummer],") among them. */
static void count_words(const char *s, int *words, int *holes)
{
	*words = *holes = 0;
	for (const char *p = s; *p;) {
		size_t n;
		if (is_space(*p)) {
			p++;
			continue;
		}
		n = strcspn(p, " \n\t\r");
		(*words)++;
		if (*p == '[' && memchr(p, ']', n))
			(*holes)++;
		p += n;
	}
}

/* Does s end on a placeholder ("... [naam].")? */
static int ends_on_hole(const char *s)
{
	size_t n = strlen(s);
	while (n && (strchr(".,;:!?)\"' ", s[n - 1]) || (n >= 3 &&
		(unsigned char)s[n - 3] == 0xe2 && (unsigned char)s[n - 2] == 0x80)))
		n -= n >= 3 && (unsigned char)s[n - 3] == 0xe2 ? 3 : 1;
	return n && s[n - 1] == ']';
}

static struct sent *sent_red(struct rep *r, const char *t, struct sent *s,
			     const char *ref)
{
	if (!s->red) {
		char *raw = xstrndup(t + s->b, s->e - s->b);
		s->red = report_redact(r, raw, ref);
		free(raw);
		count_words(s->red, &s->words, &s->holes);
	}
	return s;
}

static int starts_with(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

static int ends_with(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);
	return n >= k && !memcmp(s + n - k, p, k);
}

/* Quotation marks around the whole, or a closing one without its
 * opening, go: the report sets its own. An opening one at the end, too. */
static void clean_marks(struct qc_buf *b)
{
	static const char *const open[] = { "\xe2\x80\x9c", "\xe2\x80\x9e",
		"\xe2\x80\x98", "\"", NULL };
	int again = 1;

	while (again) {
		again = 0;
		while (b->len && is_space(b->buf[b->len - 1]))
			qc_buf_setlen(b, b->len - 1);
		for (int i = 0; open[i]; i++)
			if (ends_with(b->buf, b->len, open[i]) &&
			    (i < 3 || b->len == 1)) {
				qc_buf_setlen(b, b->len - strlen(open[i]));
				again = 1;
			}
	}
	if ((starts_with(b->buf, "\xe2\x80\x9c") || starts_with(b->buf, "\xe2\x80\x9e")) &&
	    ends_with(b->buf, b->len, "\xe2\x80\x9d")) {
		char *in = xstrndup(b->buf + 3, b->len - 6);
		qc_buf_reset(b);
		qc_buf_adds(b, in);
		free(in);
	} else if (b->len > 2 && b->buf[0] == '"' && b->buf[b->len - 1] == '"') {
		char *in = xstrndup(b->buf + 1, b->len - 2);
		qc_buf_reset(b);
		qc_buf_adds(b, in);
		free(in);
	}
	if (ends_with(b->buf, b->len, "\xe2\x80\x9d") &&
	    !strstr(b->buf, "\xe2\x80\x9c") && !strstr(b->buf, "\xe2\x80\x9e"))
		qc_buf_setlen(b, b->len - 3);
	if ((starts_with(b->buf, "\xe2\x80\x9c") || starts_with(b->buf, "\xe2\x80\x9e")) &&
	    !strstr(b->buf + 3, "\xe2\x80\x9d")) {
		char *in = xstrdup(b->buf + 3);
		qc_buf_reset(b);
		qc_buf_adds(b, in);
		free(in);
	}
	/* a quote inside the quote takes single marks, so that no two
	 * double ones close it */
	for (size_t i = 0; i + 2 < b->len; i++)
		if ((unsigned char)b->buf[i] == 0xe2 &&
		    (unsigned char)b->buf[i + 1] == 0x80 &&
		    ((unsigned char)b->buf[i + 2] == 0x9c ||
		     (unsigned char)b->buf[i + 2] == 0x9e ||
		     (unsigned char)b->buf[i + 2] == 0x9d))
			b->buf[i + 2] = (unsigned char)b->buf[i + 2] == 0x9d ?
					'\x99' : '\x98';
}

/*
 * The quote of the code points [a, z) of t: whole sentences around it,
 * redacted. Returns NULL for a candidate to skip (more than a third
 * placeholders, or nothing left); *good says it is 15..60 whole-sentence
 * words. Caller frees.
 */
static char *excerpt(struct rep *r, const char *t, size_t a, size_t z,
		     const char *ref, int *good)
{
	size_t len = strlen(t), ba, bz, ns, i0 = 0, i1, first, last;
	struct sent *s;
	struct qc_buf b = QC_BUF_INIT;
	int words = 0, holes = 0, cut = 0;
	char *res = NULL;

	*good = 0;
	text_cp_span(t, len, a, z > a ? z : a + 1, &ba, &bz);
	if ((ns = split(t, len, &s)) == 0)
		return NULL;
	while (i0 + 1 < ns && s[i0].e <= ba)
		i0++;
	i1 = i0;
	while (i1 + 1 < ns && s[i1 + 1].b < bz)
		i1++;
	first = i0;
	last = i1;
	for (size_t i = first; i <= last; i++) {
		sent_red(r, t, &s[i], ref);
		words += s[i].words;
		holes += s[i].holes;
	}
	/* grow to 15 words, after first, then before, never past 60 */
	while (words < QUOTE_MIN_WORDS) {
		int grew = 0;
		if (last + 1 < ns &&
		    words + sent_red(r, t, &s[last + 1], ref)->words <= QUOTE_MAX_WORDS) {
			last++;
			words += s[last].words;
			holes += s[last].holes;
			grew = 1;
		} else if (first > 0 &&
			   words + sent_red(r, t, &s[first - 1], ref)->words <= QUOTE_MAX_WORDS) {
			first--;
			words += s[first].words;
			holes += s[first].holes;
			grew = 1;
		}
		if (!grew)
			break;
	}
	/* not on a placeholder: one sentence more, or one less */
	if (ends_on_hole(s[last].red)) {
		if (last + 1 < ns && words + sent_red(r, t, &s[last + 1],
						      ref)->words <= QUOTE_MAX_WORDS + 15) {
			last++;
			words += s[last].words;
			holes += s[last].holes;
		} else if (last > i1) {
			words -= s[last].words;
			holes -= s[last].holes;
			last--;
		}
	}
	if (words == 0 || holes * 3 > words)
		goto out;
	for (size_t i = first; i <= last; i++) {
		if (b.len)
			qc_buf_addch(&b, ' ');
		for (const char *p = s[i].red; *p; p++)
			qc_buf_addch(&b, *p == '\n' ? ' ' : *p);
	}
	if (words > QUOTE_MAX_WORDS) {
		/* one sentence longer than a quote: cut at words, marked */
		char *sh = report_shorten(b.buf, QUOTE_MAX_WORDS - 5);
		qc_buf_reset(&b);
		qc_buf_adds(&b, sh);
		free(sh);
		cut = 1;
	}
	if (ends_on_hole(b.buf)) {
		/* the coded sentence itself ends on one: leave it out */
		while (b.len && b.buf[b.len - 1] != '[')
			qc_buf_setlen(&b, b.len - 1);
		if (b.len)
			qc_buf_setlen(&b, b.len - 1);
		while (b.len && (is_space(b.buf[b.len - 1]) ||
				 strchr(",;:", b.buf[b.len - 1])))
			qc_buf_setlen(&b, b.len - 1);
		if (!b.len)
			goto out;
		qc_buf_adds(&b, " …");
		cut = 1;
	}
	clean_marks(&b);
	if (!b.len)
		goto out;
	*good = !cut && words >= QUOTE_MIN_WORDS && words <= QUOTE_MAX_WORDS;
	res = qc_buf_detach(&b, NULL);
out:
	qc_buf_release(&b);
	for (size_t i = 0; i < ns; i++)
		free(s[i].red);
	free(s);
	return res;
}

/* ---- candidates ---- */

static void cand_release(struct cand *c)
{
	free(c->turn);
	free(c->who_raw);
	free(c->text);
	free(c->who);
	free(c->role);
}

/* The roles whose turns are never quoted: ",a,b," in lower case. */
static char *research_roles(struct rep *r)
{
	char *set = store_get_setting(r->s, "research-roles");
	struct qc_buf b = QC_BUF_INIT;

	qc_buf_addch(&b, ',');
	for (const char *p = set ? set : RESEARCH_ROLES; *p; p++) {
		if (*p == ' ' && (b.buf[b.len - 1] == ','))
			continue;
		qc_buf_addch(&b, *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p);
	}
	qc_buf_addch(&b, ',');
	free(set);
	return qc_buf_detach(&b, NULL);
}

char *report_research_roles(struct rep *r)
{
	return research_roles(r);
}

/* "Ouder 3, focusgroep"; with the role where the name does not say it;
 * without a speaker "observatie, 2024-03-05". */
static char *attribution(struct rep *r, const char *name, const char *role,
			 const char *kind, const char *date)
{
	const char *k = report_label_kind(&r->lab, kind, 0);

	if (!name) {
		const char *obs = rtext(r, "no_speaker");
		if (date && *date)
			return strcmp(kind, "observation") ?
			       xasprintf("%s (%s), %s", obs, k, date) :
			       xasprintf("%s, %s", obs, date);
		return strcmp(kind, "observation") ? xasprintf("%s (%s)", obs, k) :
		       xstrdup(obs);
	}
	if (*role && strncasecmp(name, role, strlen(role)))
		return xasprintf("%s, %s, %s", name, role, k);
	return xasprintf("%s, %s", name, k);
}

static int load_cands(struct rep *r, struct factor *f, const char *roles,
		      struct qc_err *e)
{
	sqlite3_stmt *st = report_prep_once(r, &r->q_quotes,
		"WITH c(id, source_id, segment_id, start_cp, end_cp, quote, pri) AS"
		" (SELECT id, source_id, segment_id, start_cp, end_cp, quote, 0"
		"  FROM codings WHERE code_id = ?1 AND quote = 'pin'"
		" UNION ALL SELECT * FROM (SELECT c.id, c.source_id, c.segment_id,"
		"  c.start_cp, c.end_cp, c.quote, 1 FROM codings c"
		"  JOIN sources s ON s.id = c.source_id AND" REPORT_KIND_SQL
		"  LEFT JOIN segments g ON g.id = c.segment_id"
		"  LEFT JOIN participants p ON p.id = g.participant_id"
		"  WHERE c.code_id = ?1 AND c.quote IS NOT 'exclude' AND"
		"  instr(?5, ',' || lower(coalesce(p.role, '')) || ',') = 0"
		"  ORDER BY c.source_id, c.start_cp LIMIT 48))"
		" SELECT c.id, c.source_id, s.kind, s.date, c.start_cp, c.end_cp,"
		" c.pri, g.id, g.ordinal, g.start_cp, g.text, pn.name,"
		" coalesce(p.role, ''), CASE WHEN g.id IS NULL THEN substr(CASE"
		" WHEN s.framed THEN source_text(s.id) ELSE s.text END,"
		" c.start_cp + 1, c.end_cp - c.start_cp) END"
		" FROM c JOIN sources s ON s.id = c.source_id"
		" LEFT JOIN segments g ON g.id = c.segment_id"
		" LEFT JOIN participants p ON p.id = g.participant_id"
		" LEFT JOIN temp.report_names pn ON pn.id = p.id"
		" WHERE" REPORT_KIND_SQL " AND"
		" instr(?5, ',' || lower(coalesce(p.role, '')) || ',') = 0"
		" ORDER BY c.pri, c.source_id, c.start_cp", e);

	char **ex = NULL;
	size_t nex = 0;

	if (!st)
		return -QC_EIO;
	/* an excluded coding leaves its fragment out, whoever else coded it */
	{
		sqlite3_stmt *q = store_prepare(r->s, "SELECT CASE WHEN segment_id"
			" IS NULL THEN 's' || source_id || ':' || start_cp || '-' ||"
			" end_cp ELSE 'g' || segment_id END FROM codings WHERE"
			" code_id = ?1 AND quote = 'exclude'", e);
		if (!q)
			return -QC_EIO;
		sqlite3_bind_int64(q, 1, f->code);
		while (sqlite3_step(q) == SQLITE_ROW) {
			ex = xreallocarray(ex, nex + 1, sizeof(char *));
			ex[nex++] = xstrdup((const char *)sqlite3_column_text(q, 0));
		}
		sqlite3_finalize(q);
	}
	sqlite3_bind_int64(st, 1, f->code);
	sqlite3_bind_text(st, 5, roles, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct cand c = { 0 };
		long long cs = sqlite3_column_int64(st, 4);
		long long ce = sqlite3_column_int64(st, 5);
		int seg = sqlite3_column_type(st, 7) != SQLITE_NULL, dup = -1;
		const char *t = (const char *)sqlite3_column_text(st, seg ? 10 : 13);
		long long base = seg ? sqlite3_column_int64(st, 9) : cs;

		c.coding = sqlite3_column_int64(st, 0);
		c.source = sqlite3_column_int64(st, 1);
		c.pin = sqlite3_column_int(st, 6) == 0;
		c.span = ce - cs;
		if (seg)
			snprintf(c.key, sizeof(c.key), "g%lld",
				 sqlite3_column_int64(st, 7));
		else
			snprintf(c.key, sizeof(c.key), "s%lld:%lld-%lld", c.source,
				 cs, ce);
		for (size_t i = 0; i < nex && dup < 0; i++)
			if (!strcmp(ex[i], c.key))
				dup = -2;
		if (dup == -2)
			continue;
		/* the same turn coded twice (a span and the whole, two
		 * coders): one candidate, the most specific coding */
		for (size_t i = 0; i < f->nc && dup < 0; i++)
			if (!strcmp(f->c[i].key, c.key))
				dup = (int)i;
		if (dup >= 0 && (f->c[dup].pin || (!c.pin && f->c[dup].span <= c.span)))
			continue;
		if (!t)
			continue;
		if (seg)
			snprintf(c.ref, sizeof(c.ref), "S%lld:%lld", c.source,
				 sqlite3_column_int64(st, 8));
		else
			snprintf(c.ref, sizeof(c.ref), "S%lld", c.source);
		/* the quote itself is made when it is considered (cand_make):
		 * most candidates of a large project never are */
		c.turn = xstrdup(t);
		c.a = (size_t)(cs - base);
		c.z = (size_t)(ce - base);
		c.who_raw = attribution(r, (const char *)sqlite3_column_text(st, 11),
			(const char *)sqlite3_column_text(st, 12),
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3));
		c.role = xstrdup((const char *)sqlite3_column_text(st, 12));
		if (dup >= 0) {
			cand_release(&f->c[dup]);
			f->c[dup] = c;
			continue;
		}
		f->c = xreallocarray(f->c, f->nc + 1, sizeof(*f->c));
		f->c[f->nc++] = c;
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < nex; i++)
		free(ex[i]);
	free(ex);
	return 0;
}

/* ---- choosing ---- */

/* Make c's quote and attribution; 0, or -1 for a candidate to skip. */
static int cand_make(struct rep *r, struct cand *c)
{
	if (c->made)
		return c->made < 0 ? -1 : 0;
	c->text = excerpt(r, c->turn, c->a, c->z, c->ref, &c->good);
	c->made = c->text ? 1 : -1;
	if (c->text)
		c->who = report_redact(r, c->who_raw, c->ref);
	free(c->turn);
	c->turn = NULL;
	return c->made < 0 ? -1 : 0;
}

struct claim {
	const char *key;
	size_t f, c;
	int pin;
	long long span, n, code;
};

static int claim_cmp(const void *a, const void *b)
{
	const struct claim *x = a, *y = b;
	int k = strcmp(x->key, y->key);

	if (k)
		return k;
	if (x->pin != y->pin)
		return x->pin ? -1 : 1;
	if (x->span != y->span)
		return x->span < y->span ? -1 : 1;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return x->code < y->code ? -1 : x->code > y->code;
}

/* Pick up to want of f's candidates allowed by ok[] (pinned first, then
 * good ones spread over sources and roles, then the rest). */
static void pick(struct rep *r, struct factor *f, const unsigned char *ok,
		 size_t want)
{
	for (int pass = 0; pass < 7 && f->nq < want; pass++) {
		for (size_t i = 0; i < f->nc && f->nq < want; i++) {
			struct cand *c = &f->c[i];
			int new_src = 1, new_role = 1;
			if (!ok[i] || c->picked)
				continue;
			for (size_t k = 0; k < f->nq; k++) {
				new_src &= f->q[k].source != c->source;
				new_role &= strcmp(f->q[k].role, c->role) != 0;
			}
			if ((pass == 0 && !c->pin) ||
			    ((pass == 1 || pass == 4) && !(new_src && new_role)) ||
			    ((pass == 2 || pass == 5) && !new_src))
				continue;
			if (cand_make(r, c) < 0 ||
			    (pass >= 1 && pass <= 3 && !c->good))
				continue;
			c->picked = 1;
			f->q = xreallocarray(f->q, f->nq + 1, sizeof(*f->q));
			f->q[f->nq].coding = c->coding;
			f->q[f->nq].source = c->source;
			f->q[f->nq].pinned = c->pin;
			f->q[f->nq].ref = xstrdup(c->ref);
			f->q[f->nq].text = xstrdup(c->text);
			f->q[f->nq].who = xstrdup(c->who);
			f->q[f->nq].role = xstrdup(c->role);
			f->nq++;
		}
	}
}

/* The factor that quotes fragment key (claims cl sorted by key), or n. */
static size_t picked_by(const struct report_plan *p, const struct claim *cl,
			size_t ncl, const char *key, size_t n)
{
	size_t lo = 0, hi = ncl;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(cl[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ncl && !strcmp(cl[lo].key, key); lo++)
		if (p->f[cl[lo].f].c[cl[lo].c].picked)
			return cl[lo].f;
	return n;
}

static size_t wanted(size_t na)
{
	size_t want = na < 4 ? na : 4;
	return want > 3 && na < 8 ? 3 : want;
}

int report_quotes_plan(struct rep *r, const long long *codes,
		       const long long *counts, size_t n, struct qc_err *e)
{
	struct report_plan *p = xcalloc(1, sizeof(*p));
	char *roles = research_roles(r);
	struct claim *cl = NULL;
	size_t ncl = 0, acl = 0;
	unsigned char **ok;
	int rc = 0;

	report_quotes_free(r);
	r->plan = p;
	p->f = xcalloc(n + 1, sizeof(*p->f));
	p->n = n;
	for (size_t i = 0; i < n && rc == 0; i++) {
		p->f[i].code = codes[i];
		p->f[i].n = counts[i];
		rc = load_cands(r, &p->f[i], roles, e);
	}
	free(roles);
	if (rc < 0)
		return rc;
	/* each fragment belongs to the factor that coded it most specifically */
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < p->f[i].nc; k++) {
			QC_GROW(cl, ncl, acl);
			cl[ncl++] = (struct claim){ p->f[i].c[k].key, i, k,
				p->f[i].c[k].pin, p->f[i].c[k].span, p->f[i].n,
				p->f[i].code };
		}
	if (ncl)
		qsort(cl, ncl, sizeof(*cl), claim_cmp);
	ok = xcalloc(n + 1, sizeof(*ok));
	for (size_t i = 0; i < n; i++)
		ok[i] = xcalloc(p->f[i].nc + 1, 1);
	for (size_t i = 0; i < ncl; i++)
		if (i == 0 || strcmp(cl[i].key, cl[i - 1].key))
			ok[cl[i].f][cl[i].c] = 1;
	for (size_t i = 0; i < n; i++)
		pick(r, &p->f[i], ok[i], wanted(p->f[i].nc));
	/* a factor left with fewer than two takes what no one quoted */
	for (size_t i = 0; i < n; i++) {
		struct factor *f = &p->f[i];
		size_t want = wanted(f->nc);
		if (f->nq >= 2 || f->nq >= want)
			continue;
		for (size_t k = 0; k < f->nc; k++)
			ok[i][k] = picked_by(p, cl, ncl, f->c[k].key, n) == n;
		pick(r, f, ok[i], want < 2 ? want : 2);
	}
	/* none left: say where its fragments are quoted */
	for (size_t i = 0; i < n; i++) {
		struct factor *f = &p->f[i];
		for (size_t k = 0; !f->nq && k < f->nc; k++) {
			size_t j = picked_by(p, cl, ncl, f->c[k].key, n);
			int dup = j == n || j == i;
			for (size_t x = 0; x < f->nheld && !dup; x++)
				dup = f->held[x] == p->f[j].code;
			if (dup)
				continue;
			f->held = xreallocarray(f->held, f->nheld + 1,
						sizeof(long long));
			f->held[f->nheld++] = p->f[j].code;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(ok[i]);
	free(ok);
	free(cl);
	return 0;
}

const long long *report_quotes_held(const struct rep *r, long long code,
				    size_t *n)
{
	*n = 0;
	for (size_t i = 0; r->plan && i < r->plan->n; i++)
		if (r->plan->f[i].code == code) {
			*n = r->plan->f[i].nheld;
			return r->plan->f[i].held;
		}
	return NULL;
}

const struct report_quote *report_quotes_of(const struct rep *r,
					    long long code, size_t *n)
{
	*n = 0;
	for (size_t i = 0; r->plan && i < r->plan->n; i++)
		if (r->plan->f[i].code == code) {
			*n = r->plan->f[i].nq;
			return r->plan->f[i].q;
		}
	return NULL;
}

void report_quotes_free(struct rep *r)
{
	struct report_plan *p = r->plan;

	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		for (size_t k = 0; k < p->f[i].nc; k++)
			cand_release(&p->f[i].c[k]);
		free(p->f[i].c);
		for (size_t k = 0; k < p->f[i].nq; k++) {
			free(p->f[i].q[k].ref);
			free(p->f[i].q[k].text);
			free(p->f[i].q[k].who);
			free(p->f[i].q[k].role);
		}
		free(p->f[i].q);
		free(p->f[i].held);
	}
	free(p->f);
	free(p);
	r->plan = NULL;
}
