/* diff: Myers' O(ND) difference with the linear-space middle snake. */
#include <stdlib.h>
#include <string.h>

#include "qcode/diff.h"
#include "qcode/text.h"
#include "qcode/util.h"

void diff_init(struct diff *d)
{
	memset(d, 0, sizeof(*d));
}

void diff_release(struct diff *d)
{
	free(d->v);
	diff_init(d);
}

/* Append a change, joined to the one before when they touch. */
static void emit(struct diff *d, size_t a, size_t alen, size_t b, size_t blen)
{
	struct diff_hunk *last = d->n ? &d->v[d->n - 1] : NULL;

	if (!alen && !blen)
		return;
	if (last && last->a + last->alen == a && last->b + last->blen == b) {
		last->alen += alen;
		last->blen += blen;
		return;
	}
	if (d->n == d->alloc) {
		d->alloc = d->alloc ? 2 * d->alloc : 16;
		d->v = xreallocarray(d->v, d->alloc, sizeof(*d->v));
	}
	d->v[d->n++] = (struct diff_hunk){ a, alen, b, blen };
}

struct seq {
	const uint32_t *a, *b;
	size_t cap;		/* the largest D searched; 0: no limit */
	long *v1, *v2;		/* the two V arrays, sized for cap */
	size_t vlen;
	struct diff *out;
};

static void compare(struct seq *q, size_t a0, size_t a1, size_t b0, size_t b1);

/*
 * The middle snake of a[a0..a1) against b[b0..b1) (both non-empty, with
 * no common prefix or suffix): D-paths grown from both ends until they
 * overlap; the halves either side of the split are compared in turn.
 * Beyond the cost limit the region is one replacement.
 */
static void bisect(struct seq *q, size_t a0, size_t a1, size_t b0, size_t b1)
{
	const uint32_t *a = q->a + a0, *b = q->b + b0;
	long n = (long)(a1 - a0), m = (long)(b1 - b0);
	long max_d = (n + m + 1) / 2;
	long delta = n - m, off, vlen;
	int front = (delta & 1) != 0;
	long k1start = 0, k1end = 0, k2start = 0, k2end = 0;
	long *v1, *v2;

	if (q->cap && max_d > (long)q->cap)
		max_d = (long)q->cap;
	off = max_d + 1;
	vlen = 2 * max_d + 3;
	if ((size_t)vlen > q->vlen) {
		q->v1 = xreallocarray(q->v1, (size_t)vlen, sizeof(long));
		q->v2 = xreallocarray(q->v2, (size_t)vlen, sizeof(long));
		q->vlen = (size_t)vlen;
	}
	v1 = q->v1;
	v2 = q->v2;
	for (long i = 0; i < vlen; i++)
		v1[i] = v2[i] = -1;
	v1[off + 1] = 0;
	v2[off + 1] = 0;
	for (long d = 0; d <= max_d; d++) {
		for (long k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
			long ko = off + k1, x1, y1;

			if (k1 == -d || (k1 != d && v1[ko - 1] < v1[ko + 1]))
				x1 = v1[ko + 1];
			else
				x1 = v1[ko - 1] + 1;
			y1 = x1 - k1;
			while (x1 < n && y1 < m && a[x1] == b[y1]) {
				x1++;
				y1++;
			}
			v1[ko] = x1;
			if (x1 > n)
				k1end += 2;
			else if (y1 > m)
				k1start += 2;
			else if (front) {
				long k2o = off + delta - k1;
				if (k2o >= 0 && k2o < vlen && v2[k2o] != -1 &&
				    x1 >= n - v2[k2o]) {
					compare(q, a0, a0 + (size_t)x1, b0,
						b0 + (size_t)y1);
					compare(q, a0 + (size_t)x1, a1,
						b0 + (size_t)y1, b1);
					return;
				}
			}
		}
		for (long k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
			long ko = off + k2, x2, y2;

			if (k2 == -d || (k2 != d && v2[ko - 1] < v2[ko + 1]))
				x2 = v2[ko + 1];
			else
				x2 = v2[ko - 1] + 1;
			y2 = x2 - k2;
			while (x2 < n && y2 < m &&
			       a[n - x2 - 1] == b[m - y2 - 1]) {
				x2++;
				y2++;
			}
			v2[ko] = x2;
			if (x2 > n)
				k2end += 2;
			else if (y2 > m)
				k2start += 2;
			else if (!front) {
				long k1o = off + delta - k2;
				if (k1o >= 0 && k1o < vlen && v1[k1o] != -1) {
					long x1 = v1[k1o];
					long y1 = x1 - (k1o - off);
					if (x1 >= n - x2) {
						compare(q, a0, a0 + (size_t)x1,
							b0, b0 + (size_t)y1);
						compare(q, a0 + (size_t)x1, a1,
							b0 + (size_t)y1, b1);
						return;
					}
				}
			}
		}
	}
	/* no overlap within the limit (or nothing in common) */
	emit(q->out, a0, (size_t)n, b0, (size_t)m);
}

static void compare(struct seq *q, size_t a0, size_t a1, size_t b0, size_t b1)
{
	while (a0 < a1 && b0 < b1 && q->a[a0] == q->b[b0]) {
		a0++;
		b0++;
	}
	while (a0 < a1 && b0 < b1 && q->a[a1 - 1] == q->b[b1 - 1]) {
		a1--;
		b1--;
	}
	if (a0 == a1 || b0 == b1)
		emit(q->out, a0, a1 - a0, b0, b1 - b0);
	else
		bisect(q, a0, a1, b0, b1);
}

/* The hunks of a region, offset into out. */
static void diff_region(const uint32_t *a, size_t a0, size_t a1,
			const uint32_t *b, size_t b0, size_t b1, size_t cap,
			struct diff *out)
{
	struct seq q = { a, b, cap, NULL, NULL, 0, out };

	compare(&q, a0, a1, b0, b1);
	free(q.v1);
	free(q.v2);
}

void diff_seq(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
	      size_t max_cost, struct diff *d)
{
	d->n = 0;
	d->na = na;
	d->nb = nb;
	diff_region(a, 0, na, b, 0, nb, max_cost, d);
}

/* ---- three levels: lines, words, code points ---- */

/* A text cut into units (lines or words), equal units sharing an id. */
struct units {
	size_t *start;		/* start of unit i; start[n] is the end */
	uint32_t *id;
	size_t n;
};

struct intern {
	size_t *slot;		/* index + 1 of an interned unit; 0: empty */
	const uint32_t **text;	/* each interned unit's code points */
	size_t *len;
	uint64_t *hash;
	size_t n, mask;
};

static uint64_t hash_cp(const uint32_t *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static uint32_t intern_unit(struct intern *t, const uint32_t *s, size_t n)
{
	uint64_t h = hash_cp(s, n);
	size_t i = (size_t)h & t->mask;

	while (t->slot[i]) {
		size_t k = t->slot[i] - 1;
		if (t->hash[k] == h && t->len[k] == n &&
		    !memcmp(t->text[k], s, n * sizeof(*s)))
			return (uint32_t)k;
		i = (i + 1) & t->mask;
	}
	t->slot[i] = t->n + 1;
	t->text[t->n] = s;
	t->len[t->n] = n;
	t->hash[t->n] = h;
	return (uint32_t)t->n++;
}

enum { LEVEL_LINES, LEVEL_WORDS, LEVEL_CHARS };

/* The end of the unit that starts at i (< e). */
static size_t unit_end(const uint32_t *s, size_t i, size_t e, int level)
{
	if (level == LEVEL_LINES) {
		while (i < e && s[i] != '\n')
			i++;
		return i < e ? i + 1 : e;
	}
	if (!text_is_word_cp((int32_t)s[i]))
		return i + 1;
	while (i < e && text_is_word_cp((int32_t)s[i]))
		i++;
	return i;
}

static size_t count_units(const uint32_t *s, size_t i, size_t e, int level)
{
	size_t n = 0;

	while (i < e) {
		i = unit_end(s, i, e, level);
		n++;
	}
	return n;
}

static void cut_units(const uint32_t *s, size_t i, size_t e, int level,
		      struct intern *t, struct units *u)
{
	u->start = xcalloc(count_units(s, i, e, level) + 1, sizeof(size_t));
	u->id = xcalloc(count_units(s, i, e, level) + 1, sizeof(uint32_t));
	u->n = 0;
	while (i < e) {
		size_t end = unit_end(s, i, e, level);
		u->start[u->n] = i;
		u->id[u->n++] = intern_unit(t, s + i, end - i);
		i = end;
	}
	u->start[u->n] = e;
}

/* 1 if s[g0..g1) is no whole word: only spaces and punctuation, or
 * cut off from a word it belongs to at either end. */
static int no_whole_word(const uint32_t *s, size_t n, size_t g0, size_t g1)
{
	int words = 0;

	for (size_t i = g0; i < g1 && !words; i++)
		words = text_is_word_cp((int32_t)s[i]);
	if (!words)
		return 1;
	return (g0 > 0 && text_is_word_cp((int32_t)s[g0 - 1]) &&
		text_is_word_cp((int32_t)s[g0])) ||
	       (g1 < n && text_is_word_cp((int32_t)s[g1 - 1]) &&
		text_is_word_cp((int32_t)s[g1]));
}

static size_t hunk_size(const struct diff_hunk *h)
{
	return h->alen > h->blen ? h->alen : h->blen;
}

/* Absorb short equal stretches between two changes into one change, as
 * diff-match-patch's semantic clean-up does: a bit of a word, a space or
 * a comma matched inside a rewritten passage carries no meaning, and
 * would leave a coding's bound on it. A whole word that is kept stays. */
static void cleanup(const uint32_t *a, const uint32_t *b, struct diff *d)
{
	size_t w = 0;

	for (size_t i = 0; i < d->n; i++) {
		d->v[w++] = d->v[i];
		/* a merge makes a larger change, which may now swallow the
		 * equality before it too */
		while (w >= 2) {
			struct diff_hunk *p = &d->v[w - 2], *h = &d->v[w - 1];
			size_t g0 = p->a + p->alen, gap = h->a - g0;
			if (gap > hunk_size(p) || gap > hunk_size(h) ||
			    !(no_whole_word(a, d->na, g0, h->a) ||
			      no_whole_word(b, d->nb, p->b + p->blen, h->b)))
				break;
			p->alen = h->a + h->alen - p->a;
			p->blen = h->b + h->blen - p->b;
			w--;
		}
	}
	d->n = w;
}

/* How good a place the boundary before s[i] is for a change to begin or
 * end: the edge of the text, a blank line, a line break, the end of a
 * sentence, a space, punctuation; inside a word is worst. */
static int edge_score(const uint32_t *s, size_t n, size_t i)
{
	uint32_t c1, c2;

	if (i == 0 || i >= n)
		return 6;
	c1 = s[i - 1];
	c2 = s[i];
	if ((c1 == '\n' && i >= 2 && s[i - 2] == '\n') ||
	    (c2 == '\n' && i + 1 < n && s[i + 1] == '\n'))
		return 5;
	if (c1 == '\n' || c2 == '\n')
		return 4;
	if ((c1 == '.' || c1 == '!' || c1 == '?') && (c2 == ' ' || c2 == '\t'))
		return 3;
	if (c1 == ' ' || c1 == '\t' || c2 == ' ' || c2 == '\t')
		return 2;
	if (!text_is_word_cp((int32_t)c1) || !text_is_word_cp((int32_t)c2))
		return 1;
	return 0;
}

/*
 * Slide each pure insertion or deletion along the equal text around it
 * to where it starts and ends best (diff-match-patch's lossless semantic
 * shift): a turn added after another is inserted as whole lines, not as
 * ".\nName: ... text" after the other turn's last word, which would
 * carry that turn's end, and a coding ending there, along with it.
 */
static void shift_edges(const uint32_t *a, const uint32_t *b, struct diff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		struct diff_hunk *h = &d->v[i];
		int ins = h->alen == 0;
		const uint32_t *s = ins ? b : a;
		size_t ns = ins ? d->nb : d->na;
		size_t *at = ins ? &h->b : &h->a, len = ins ? h->blen : h->alen;
		size_t lo = i ? (ins ? d->v[i - 1].b + d->v[i - 1].blen :
				 d->v[i - 1].a + d->v[i - 1].alen) : 0;
		size_t hi = i + 1 < d->n ? (ins ? d->v[i + 1].b : d->v[i + 1].a) :
			    ns;
		size_t best, p;
		int score;

		if (!len || (h->alen && h->blen))
			continue;
		p = *at;
		while (p > lo && s[p - 1] == s[p + len - 1]) {
			p--;
		}
		best = p;
		score = edge_score(s, ns, p) + edge_score(s, ns, p + len);
		while (p + len < hi && s[p] == s[p + len]) {
			int sc;
			p++;
			sc = edge_score(s, ns, p) + edge_score(s, ns, p + len);
			if (sc >= score) {
				score = sc;
				best = p;
			}
		}
		/* the other side moves with it, over the same equal text */
		if (best < *at) {
			size_t k = *at - best;
			h->a -= k;
			h->b -= k;
		} else {
			size_t k = best - *at;
			h->a += k;
			h->b += k;
		}
	}
	/* hunks that now touch are one */
	{
		size_t w = 0;
		for (size_t i = 0; i < d->n; i++) {
			if (w && d->v[w - 1].a + d->v[w - 1].alen == d->v[i].a &&
			    d->v[w - 1].b + d->v[w - 1].blen == d->v[i].b) {
				d->v[w - 1].alen += d->v[i].alen;
				d->v[w - 1].blen += d->v[i].blen;
				continue;
			}
			d->v[w++] = d->v[i];
		}
		d->n = w;
	}
}

/* The cost limits: units (lines, words) and code points of a region. */
#define DIFF_UNIT_CAP 5000
#define DIFF_CHAR_CAP 5000

/* Compare a[a0..a1) with b[b0..b1) by units of this level, and the units
 * that differ at the next level down. */
static void diff_level(const uint32_t *a, size_t a0, size_t a1,
		       const uint32_t *b, size_t b0, size_t b1, int level,
		       struct diff *out)
{
	struct intern t;
	struct units ua, ub;
	struct diff ud;
	size_t n, cap = 64;

	if (level == LEVEL_CHARS || a0 == a1 || b0 == b1) {
		diff_region(a, a0, a1, b, b0, b1, DIFF_CHAR_CAP, out);
		return;
	}
	n = count_units(a, a0, a1, level) + count_units(b, b0, b1, level) + 1;
	while (cap < 2 * n)
		cap *= 2;
	memset(&t, 0, sizeof(t));
	t.mask = cap - 1;
	t.slot = xcalloc(cap, sizeof(size_t));
	t.text = xcalloc(n, sizeof(*t.text));
	t.len = xcalloc(n, sizeof(size_t));
	t.hash = xcalloc(n, sizeof(uint64_t));
	cut_units(a, a0, a1, level, &t, &ua);
	cut_units(b, b0, b1, level, &t, &ub);
	diff_init(&ud);
	diff_seq(ua.id, ua.n, ub.id, ub.n, DIFF_UNIT_CAP, &ud);
	for (size_t i = 0; i < ud.n; i++) {
		struct diff_hunk *h = &ud.v[i];
		/* as many lines changed as came in their place: most likely
		 * each was corrected where it stands, so compare them pair by
		 * pair (linear, where one region of them all could be costly) */
		if (level == LEVEL_LINES && h->alen == h->blen && h->alen > 1) {
			for (size_t k = 0; k < h->alen; k++)
				diff_level(a, ua.start[h->a + k],
					   ua.start[h->a + k + 1], b,
					   ub.start[h->b + k],
					   ub.start[h->b + k + 1], level + 1, out);
			continue;
		}
		diff_level(a, ua.start[h->a], ua.start[h->a + h->alen],
			   b, ub.start[h->b], ub.start[h->b + h->blen],
			   level + 1, out);
	}
	diff_release(&ud);
	free(ua.start);
	free(ua.id);
	free(ub.start);
	free(ub.id);
	free(t.slot);
	free(t.text);
	free(t.len);
	free(t.hash);
}

void diff_text(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
	       struct diff *d)
{
	d->n = 0;
	d->na = na;
	d->nb = nb;
	diff_level(a, 0, na, b, 0, nb, LEVEL_LINES, d);
	cleanup(a, b, d);
	shift_edges(a, b, d);
}

/* ---- mapping positions ---- */

/* The index of the first hunk whose a is >= p (or > p when strict). */
static size_t first_from(const struct diff *d, size_t p, int strict)
{
	size_t lo = 0, hi = d->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strict ? d->v[mid].a <= p : d->v[mid].a < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t map_in(const struct diff_hunk *h, size_t p)
{
	size_t in = p - h->a;

	if (p >= h->a + h->alen)
		return p - (h->a + h->alen) + h->b + h->blen;
	return h->b + (in < h->blen ? in : h->blen);
}

size_t diff_map_start(const struct diff *d, size_t p)
{
	size_t i = first_from(d, p, 1);	/* hunks with a <= p: [0, i) */
	const struct diff_hunk *h;

	if (i == 0)
		return p;
	h = &d->v[i - 1];
	if (h->a == p && h->alen == 0)	/* an insertion right here */
		return h->b + h->blen;
	return map_in(h, p);
}

size_t diff_map_end(const struct diff *d, size_t p)
{
	size_t i = first_from(d, p, 0);	/* hunks with a < p: [0, i) */

	if (i == 0)
		return p;
	return map_in(&d->v[i - 1], p);
}

size_t diff_kept(const struct diff *d, size_t s, size_t e)
{
	size_t kept = e > s ? e - s : 0;
	size_t i = first_from(d, s, 1);

	if (i > 0)
		i--;
	for (; i < d->n && d->v[i].a < e; i++) {
		size_t hs = d->v[i].a, he = hs + d->v[i].alen;
		size_t os = hs > s ? hs : s, oe = he < e ? he : e;
		if (oe > os)
			kept -= oe - os;
	}
	return kept;
}

void diff_counts(const struct diff *d, size_t *deleted, size_t *inserted)
{
	*deleted = *inserted = 0;
	for (size_t i = 0; i < d->n; i++) {
		*deleted += d->v[i].alen;
		*inserted += d->v[i].blen;
	}
}
