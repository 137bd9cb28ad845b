/*
 * team: agreement statistics, blinded copies and merges. The statistics
 * work on a plain units x coders table so that they can be checked
 * against published worked examples.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qcode/cycle.h"
#include "qcode/outfile.h"
#include "qcode/refi.h"
#include "qcode/revise.h"
#include "qcode/sources.h"
#include "qcode/progress.h"
#include "qcode/team.h"

/* ---- statistics ---- */

static double wt(const struct team_table *t, size_t u)
{
	return (t->w ? t->w[u] : 1.0) * (t->n ? t->n[u] : 1.0);
}

/* Counts of each category in unit u; returns the number of judgements. */
static int unit_counts(const struct team_table *t, size_t u, double *n)
{
	int m = 0;

	memset(n, 0, sizeof(double) * (size_t)t->ncat);
	for (int c = 0; c < t->ncoders; c++) {
		int v = t->v[u * (size_t)t->ncoders + (size_t)c];
		if (v >= 0 && v < t->ncat) {
			n[v] += 1;
			m++;
		}
	}
	return m;
}

double team_percent(const struct team_table *t)
{
	double *n = xcalloc((size_t)t->ncat, sizeof(double));
	double agree = 0, pairs = 0;

	for (size_t u = 0; u < t->nunits; u++) {
		int m = unit_counts(t, u, n);
		if (m < 2)
			continue;
		for (int k = 0; k < t->ncat; k++)
			agree += wt(t, u) * n[k] * (n[k] - 1) / 2;
		pairs += wt(t, u) * m * (m - 1) / 2.0;
	}
	free(n);
	return pairs > 0 ? agree / pairs : NAN;
}

double team_cohen(const struct team_table *t, int a, int b)
{
	double *m = xcalloc((size_t)(t->ncat * t->ncat), sizeof(double));
	double n = 0, po = 0, pe = 0;

	for (size_t u = 0; u < t->nunits; u++) {
		int x = t->v[u * (size_t)t->ncoders + (size_t)a];
		int y = t->v[u * (size_t)t->ncoders + (size_t)b];
		if (x < 0 || y < 0)
			continue;
		m[x * t->ncat + y] += wt(t, u);
		n += wt(t, u);
	}
	if (n > 0) {
		for (int k = 0; k < t->ncat; k++) {
			double row = 0, col = 0;
			po += m[k * t->ncat + k] / n;
			for (int j = 0; j < t->ncat; j++) {
				row += m[k * t->ncat + j];
				col += m[j * t->ncat + k];
			}
			pe += (row / n) * (col / n);
		}
	}
	free(m);
	if (n <= 0 || pe >= 1.0)
		return NAN;
	return (po - pe) / (1 - pe);
}

double team_fleiss(const struct team_table *t)
{
	double *n = xcalloc((size_t)t->ncat, sizeof(double));
	double *p = xcalloc((size_t)t->ncat, sizeof(double));
	double pbar = 0, units = 0, pe = 0, r = t->ncoders;

	for (size_t u = 0; u < t->nunits; u++) {
		double s = 0;
		if (unit_counts(t, u, n) != t->ncoders || t->ncoders < 2)
			continue;
		for (int k = 0; k < t->ncat; k++) {
			s += n[k] * n[k];
			p[k] += wt(t, u) * n[k];
		}
		pbar += wt(t, u) * (s - r) / (r * (r - 1));
		units += wt(t, u);
	}
	if (units > 0) {
		pbar /= units;
		for (int k = 0; k < t->ncat; k++) {
			double pk = p[k] / (units * r);
			pe += pk * pk;
		}
	}
	free(n);
	free(p);
	if (units <= 0 || pe >= 1.0)
		return NAN;
	return (pbar - pe) / (1 - pe);
}

double team_alpha(const struct team_table *t)
{
	size_t K = (size_t)t->ncat;
	double *o = xcalloc(K * K, sizeof(double));
	double *n = xcalloc(K, sizeof(double));
	double *nc = xcalloc(K, sizeof(double));
	double total = 0, dobs = 0, dexp = 0;

	for (size_t u = 0; u < t->nunits; u++) {
		int m = unit_counts(t, u, n);
		if (m < 2)
			continue;
		/* pairs of values within the unit, weighted 1 / (m - 1) */
		for (size_t c = 0; c < K; c++)
			for (size_t k = 0; k < K; k++)
				o[c * K + k] += wt(t, u) * n[c] *
						(c == k ? n[k] - 1 : n[k]) / (m - 1);
	}
	for (size_t c = 0; c < K; c++)
		for (size_t k = 0; k < K; k++) {
			nc[c] += o[c * K + k];
			total += o[c * K + k];
		}
	for (size_t c = 0; c < K; c++)
		for (size_t k = 0; k < K; k++)
			if (c != k) {
				dobs += o[c * K + k];
				dexp += nc[c] * nc[k];
			}
	free(o);
	free(n);
	free(nc);
	if (total <= 1 || dexp <= 0)
		return NAN;
	return 1 - (total - 1) * dobs / dexp;
}

static unsigned long long splitmix(unsigned long long *s)
{
	unsigned long long z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* ---- compressing a table: identical rows counted once ---- */

static unsigned long long row_hash(const int *v, int nc, double w)
{
	unsigned long long h = 1469598103934665603ULL, bits;

	for (int c = 0; c < nc; c++)
		h = (h ^ (unsigned long long)(unsigned)v[c]) * 1099511628211ULL;
	memcpy(&bits, &w, sizeof(bits));
	/* the table takes the low bits, and a whole number's double has
	 * only zeros there: fold the high bits down */
	h = (h ^ bits) * 0xBF58476D1CE4E5B9ULL;
	return h ^ (h >> 31);
}

void team_compress(const struct team_table *t, struct team_table *out)
{
	size_t cap = 64, nc = (size_t)t->ncoders, k = 0;
	size_t *slot;

	while (cap < 2 * t->nunits + 2)
		cap *= 2;
	slot = xcalloc(cap, sizeof(size_t));	/* row + 1, 0 = empty */
	*out = (struct team_table){ NULL, 0, t->ncoders, t->ncat, NULL, NULL };
	out->v = xcalloc(t->nunits * nc + 1, sizeof(int));
	out->w = xcalloc(t->nunits + 1, sizeof(double));
	out->n = xcalloc(t->nunits + 1, sizeof(double));
	for (size_t u = 0; u < t->nunits; u++) {
		const int *row = t->v + u * nc;
		double w = t->w ? t->w[u] : 1.0;
		size_t h = (size_t)(row_hash(row, t->ncoders, w) & (cap - 1));

		while (slot[h]) {
			size_t r = slot[h] - 1;
			if (out->w[r] == w &&
			    !memcmp(out->v + r * nc, row, nc * sizeof(int)))
				break;
			h = (h + 1) & (cap - 1);
		}
		if (!slot[h]) {
			memcpy(out->v + k * nc, row, nc * sizeof(int));
			out->w[k] = w;
			slot[h] = ++k;
		}
		out->n[slot[h] - 1] += t->n ? t->n[u] : 1.0;
	}
	out->nunits = k;
	free(slot);
}

/* ---- random numbers for the bootstrap, from one seed ---- */

static double unif(unsigned long long *s)
{
	return (double)(splitmix(s) >> 11) * (1.0 / 9007199254740992.0);
}

static double normal(unsigned long long *s)
{
	double u1 = unif(s), u2 = unif(s);
	return sqrt(-2 * log(1 - u1)) * cos(2 * M_PI * u2);
}

/* Gamma(a, 1) for a >= 1 (Marsaglia and Tsang). */
static double gamma_draw(double a, unsigned long long *s)
{
	double d = a - 1.0 / 3, c = 1 / sqrt(9 * d);

	for (;;) {
		double x, v, u;
		do {
			x = normal(s);
			v = 1 + c * x;
		} while (v <= 0);
		v = v * v * v;
		u = unif(s);
		if (u < 1 - 0.0331 * x * x * x * x ||
		    log(u) < 0.5 * x * x + d * (1 - v + log(v)))
			return d * v;
	}
}

/* Binomial(n, p), exactly: Knuth's halving by the order statistic of the
 * middle uniform (a beta variate), then one uniform per trial. */
static long long binomial(long long n, double p, unsigned long long *s)
{
	long long k = 0;

	if (p <= 0)
		return 0;
	if (p >= 1)
		return n;
	while (n > 64) {
		long long a = 1 + n / 2, b = n + 1 - a;
		double ga = gamma_draw((double)a, s), gb = gamma_draw((double)b, s);
		double x = ga / (ga + gb);
		if (x >= p) {
			n = a - 1;
			p = p / x;
		} else {
			k += a;
			n = b - 1;
			p = (p - x) / (1 - x);
		}
	}
	for (long long i = 0; i < n; i++)
		k += unif(s) < p;
	return k;
}

/* The level interval of the nv values (sorted in place), or NaN. */
static void percentile(double *vals, int nv, double level, double *lo,
		       double *hi)
{
	double a = (1 - level) / 2;

	*lo = *hi = NAN;
	if (nv <= 0)
		return;
	qsort(vals, (size_t)nv, sizeof(double), dcmp);
	*lo = vals[(size_t)floor(a * (nv - 1) + 0.5)];
	*hi = vals[(size_t)floor((1 - a) * (nv - 1) + 0.5)];
}

void team_bootstrap(const struct team_table *t,
		    double (*stat)(const struct team_table *), int reps,
		    double level, unsigned long long seed, double *lo,
		    double *hi)
{
	struct team_table c, r;
	double *vals, *cum, total = 0;
	int nv = 0, direct;

	*lo = *hi = NAN;
	if (!t->nunits || reps <= 0)
		return;
	team_compress(t, &c);
	cum = xcalloc(c.nunits + 1, sizeof(double));
	for (size_t u = 0; u < c.nunits; u++)
		cum[u] = total += c.n[u];
	/* many distinct rows: draw units one by one; few: a multinomial draw
	 * of their counts, one binomial per row */
	direct = (double)c.nunits * 16 > total;
	vals = xcalloc((size_t)reps + 1, sizeof(double));
	r = c;
	r.n = xcalloc(c.nunits + 1, sizeof(double));
	for (int k = 0; k < reps; k++) {
		double x;
		memset(r.n, 0, c.nunits * sizeof(double));
		if (direct) {
			for (long long i = 0; i < (long long)total; i++) {
				double at = floor(unif(&seed) * total);
				size_t a = 0, b = c.nunits - 1;
				while (a < b) {
					size_t m = (a + b) / 2;
					if (cum[m] > at)
						b = m;
					else
						a = m + 1;
				}
				r.n[a] += 1;
			}
		} else {
			long long left = (long long)total;
			double mass = total;
			for (size_t u = 0; u < c.nunits && left > 0; u++) {
				long long got = u + 1 == c.nunits ? left :
					binomial(left, c.n[u] / mass, &seed);
				r.n[u] = (double)got;
				left -= got;
				mass -= c.n[u];
			}
		}
		x = stat(&r);
		if (!isnan(x))
			vals[nv++] = x;
	}
	percentile(vals, nv, level, lo, hi);
	free(r.n);
	free(c.v);
	free(c.w);
	free(c.n);
	free(cum);
	free(vals);
}

/* Rows of one cluster with the same values and weight are one row,
 * counted; the order clusters, then rows, for the sort below. */
static const struct team_table *clu_t;
static const long long *clu_cl;

static int clu_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	size_t nc = (size_t)clu_t->ncoders;
	double wx = clu_t->w ? clu_t->w[x] : 1, wy = clu_t->w ? clu_t->w[y] : 1;
	int c;

	if (clu_cl[x] != clu_cl[y])
		return clu_cl[x] < clu_cl[y] ? -1 : 1;
	if ((c = memcmp(clu_t->v + x * nc, clu_t->v + y * nc, nc * sizeof(int))))
		return c;
	return wx < wy ? -1 : wx > wy;
}

void team_bootstrap_clusters(const struct team_table *t, const long long *cl,
			     double (*stat)(const struct team_table *),
			     int reps, double level, unsigned long long seed,
			     double *lo, double *hi)
{
	size_t nc = (size_t)t->ncoders, k = 0, ncl = 0;
	size_t *ix, *cid;
	double *cnt, *m, *vals;
	struct team_table r;
	int nv = 0;

	*lo = *hi = NAN;
	if (!t->nunits || reps <= 0)
		return;
	ix = xcalloc(t->nunits, sizeof(size_t));
	for (size_t u = 0; u < t->nunits; u++)
		ix[u] = u;
	clu_t = t;
	clu_cl = cl;
	qsort(ix, t->nunits, sizeof(size_t), clu_cmp);
	r = (struct team_table){ xcalloc(t->nunits * nc + 1, sizeof(int)), 0,
		t->ncoders, t->ncat, xcalloc(t->nunits + 1, sizeof(double)),
		xcalloc(t->nunits + 1, sizeof(double)) };
	cnt = xcalloc(t->nunits + 1, sizeof(double));
	cid = xcalloc(t->nunits + 1, sizeof(size_t));
	for (size_t i = 0; i < t->nunits; i++) {
		size_t u = ix[i];
		if (i && !clu_cmp(&ix[i - 1], &u)) {
			cnt[k - 1] += t->n ? t->n[u] : 1;
			continue;
		}
		if (!i || cl[ix[i - 1]] != cl[u])
			ncl++;
		memcpy(r.v + k * nc, t->v + u * nc, nc * sizeof(int));
		r.w[k] = t->w ? t->w[u] : 1;
		cnt[k] = t->n ? t->n[u] : 1;
		cid[k++] = ncl - 1;
	}
	r.nunits = k;
	m = xcalloc(ncl + 1, sizeof(double));
	vals = xcalloc((size_t)reps + 1, sizeof(double));
	for (int rep = 0; rep < reps; rep++) {
		double x;
		/* ncl clusters drawn with replacement, each with all its rows */
		memset(m, 0, ncl * sizeof(double));
		for (size_t j = 0; j < ncl; j++) {
			size_t at = (size_t)floor(unif(&seed) * (double)ncl);
			m[at < ncl ? at : ncl - 1] += 1;
		}
		for (size_t i = 0; i < k; i++)
			r.n[i] = cnt[i] * m[cid[i]];
		x = stat(&r);
		if (!isnan(x))
			vals[nv++] = x;
	}
	percentile(vals, nv, level, lo, hi);
	free(vals);
	free(m);
	free(cid);
	free(cnt);
	free(r.v);
	free(r.w);
	free(r.n);
	free(ix);
}

/* ---- unitizing: Krippendorff's alpha_u ---- */

struct usect {			/* a section of one coder's continuum */
	long long a, b;		/* [a, b) */
	int unit;		/* coded (1) or a gap (0) */
};

struct ulen {			/* a unit or gap length, counted cnt times */
	double len, cnt;
	double unit;		/* 1 for a unit, 0 for a gap */
	size_t src;
};

struct usrc {			/* what one source adds, for one code */
	size_t src;
	double dobs;		/* delta^2 summed over ordered coder pairs */
	double units;		/* number of units */
	double cube;		/* sum of l (l - 1) (2 l - 1) over units */
	double sq;		/* sum of l (l - 1) over units */
};

struct team_unitized {
	int ncoders;
	size_t nsrc;
	double *len;		/* each source's length */
	struct usrc *ps;	/* sources with units, ascending */
	size_t nps;
	struct ulen *el;	/* units and gaps: longest first, gaps before
				 * units of one length */
	size_t nel, ael;
};

static int coding_cmp(const void *a, const void *b)
{
	const struct team_coding *x = a, *y = b;

	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	if (x->coder != y->coder)
		return x->coder < y->coder ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int ulen_cmp(const void *a, const void *b)
{
	const struct ulen *x = a, *y = b;

	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return x->src < y->src ? -1 : x->src > y->src;
}

/* Krippendorff's delta^2 of two intersecting sections of two coders: two
 * units differ by their squared start and end offsets; a unit inside the
 * other coder's gap by its squared length; anything else by nothing (a
 * unit that runs out of a gap meets a unit there, which counts instead). */
static double delta2(const struct usect *x, const struct usect *y)
{
	if (x->unit && y->unit) {
		double s = (double)(x->a - y->a), e = (double)(x->b - y->b);
		return s * s + e * e;
	}
	if (x->unit && !y->unit && x->a >= y->a && x->b <= y->b)
		return (double)(x->b - x->a) * (double)(x->b - x->a);
	if (!x->unit && y->unit && y->a >= x->a && y->b <= x->b)
		return (double)(y->b - y->a) * (double)(y->b - y->a);
	return 0;
}

static void add_len(struct team_unitized *u, long long len, size_t src,
		    int unit)
{
	QC_GROW(u->el, u->nel, u->ael);
	u->el[u->nel++] = (struct ulen){ (double)len, 1, unit ? 1 : 0, src };
}

struct team_unitized *team_unitize(int ncoders, size_t nsrc,
				   const long long *len, struct team_coding *c,
				   size_t nc)
{
	struct team_unitized *u = xcalloc(1, sizeof(*u));
	size_t *first = xcalloc((size_t)(ncoders > 0 ? ncoders : 1) + 1,
				sizeof(size_t));
	struct usect *sec = NULL;
	size_t asec = 0, i = 0;

	u->ncoders = ncoders;
	u->nsrc = nsrc;
	u->len = xcalloc(nsrc + 1, sizeof(double));
	u->ps = xcalloc(nsrc + 1, sizeof(*u->ps));
	if (nc)
		qsort(c, nc, sizeof(*c), coding_cmp);
	for (size_t s = 0; s < nsrc; s++) {
		long long L = len[s] > 0 ? len[s] : 0;
		struct usrc ps = { s, 0, 0, 0, 0 };
		size_t nsec = 0;

		u->len[s] = (double)L;
		/* each coder's sections: its units, united where they
		 * overlap, and the gaps between them */
		for (int k = 0; k < ncoders; k++) {
			long long pos = 0;
			first[k] = nsec;
			while (L > 0 && i < nc && c[i].src == s && c[i].coder <= k) {
				long long a = c[i].start < 0 ? 0 : c[i].start;
				long long b = c[i].end > L ? L : c[i].end;
				int same = c[i].coder == k;
				i++;
				if (!same || b <= a || b <= pos)
					continue;
				if (nsec && sec[nsec - 1].unit && a < pos) {
					sec[nsec - 1].b = b;	/* overlaps: unite */
				} else {
					if (nsec + 2 > asec) {
						asec = asec ? 2 * asec : 64;
						sec = xreallocarray(sec, asec, sizeof(*sec));
					}
					if (a > pos)
						sec[nsec++] = (struct usect){ pos, a, 0 };
					sec[nsec++] = (struct usect){ a, b, 1 };
				}
				pos = b;
			}
			if (pos < L) {
				if (nsec + 1 > asec) {
					asec = asec ? 2 * asec : 64;
					sec = xreallocarray(sec, asec, sizeof(*sec));
				}
				sec[nsec++] = (struct usect){ pos, L, 0 };
			}
		}
		first[ncoders] = nsec;
		while (i < nc && c[i].src == s)	/* coders out of range */
			i++;
		for (size_t x = 0; x < nsec; x++) {
			double l = (double)(sec[x].b - sec[x].a);
			add_len(u, sec[x].b - sec[x].a, s, sec[x].unit);
			if (sec[x].unit) {
				ps.units += 1;
				ps.cube += l * (l - 1) * (2 * l - 1);
				ps.sq += l * (l - 1);
			}
		}
		/* observed: one sweep per pair of coders over their sections,
		 * which visits each intersecting pair once */
		for (int x = 0; x < ncoders; x++)
			for (int y = x + 1; y < ncoders; y++) {
				size_t p = first[x], q = first[y];
				while (p < first[x + 1] && q < first[y + 1]) {
					ps.dobs += 2 * delta2(&sec[p], &sec[q]);
					if (sec[p].b < sec[q].b)
						p++;
					else if (sec[q].b < sec[p].b)
						q++;
					else
						p++, q++;
				}
			}
		if (ps.units > 0)
			u->ps[u->nps++] = ps;
	}
	/* one entry per length, kind and source: coders who agree share it */
	if (u->nel) {
		size_t k = 0;
		qsort(u->el, u->nel, sizeof(*u->el), ulen_cmp);
		for (size_t x = 1; x < u->nel; x++) {
			if (!ulen_cmp(&u->el[x], &u->el[k]))
				u->el[k].cnt += u->el[x].cnt;
			else
				u->el[++k] = u->el[x];
		}
		u->nel = k + 1;
	}
	free(sec);
	free(first);
	return u;
}

void team_unitized_free(struct team_unitized *u)
{
	if (!u)
		return;
	free(u->len);
	free(u->ps);
	free(u->el);
	free(u);
}

void team_alpha_u_parts(const struct team_unitized *u, const double *n,
			double *dobs, double *dexp)
{
	double m = u->ncoders, L = 0, o = 0, units = 0, cube = 0, sq = 0;
	double gaps = 0, gaplen = 0, cross = 0, den;

	*dobs = *dexp = 0;
	for (size_t s = 0; s < u->nsrc; s++)
		L += (n ? n[s] : 1) * u->len[s];
	if (u->ncoders < 2 || L <= 0)
		return;
	for (size_t k = 0; k < u->nps; k++) {
		double w = n ? n[u->ps[k].src] : 1;
		o += w * u->ps[k].dobs;
		units += w * u->ps[k].units;
		cube += w * u->ps[k].cube;
		sq += w * u->ps[k].sq;
	}
	/* each unit against every gap at least as long, of every coder:
	 * l^2 (l_gap - l + 1); the longest come first, so the gaps seen so
	 * far are the ones that count */
	for (size_t k = 0; k < u->nel; k++) {
		/* without branches: units and gaps alternate unpredictably */
		const struct ulen *e = &u->el[k];
		double w = e->cnt * (n ? n[e->src] : 1), g = w * (1 - e->unit);
		gaps += g;
		gaplen += g * e->len;
		cross += w * e->unit * e->len * e->len *
			 (gaplen - (e->len - 1) * gaps);
	}
	*dobs = o / (m * (m - 1) * L * L);
	den = m * L * (m * L - 1) - sq;
	if (units > 0 && den > 0)
		*dexp = 2 / L * ((units - 1) * cube / 3 + cross) / den;
}

static double alpha_of(double o, double e)
{
	return e > 0 && isfinite(e) && isfinite(o) ? 1 - o / e : NAN;
}

double team_alpha_u(const struct team_unitized *const *u, int ncodes)
{
	double so = 0, se = 0;

	for (int k = 0; k < ncodes; k++) {
		double o, e;
		team_alpha_u_parts(u[k], NULL, &o, &e);
		so += o;
		se += e;
	}
	return alpha_of(so, se);
}

void team_alpha_u_bootstrap(const struct team_unitized *const *u, int ncodes,
			    int reps, double level, unsigned long long seed,
			    double *lo, double *hi)
{
	size_t nsrc = ncodes > 0 ? u[0]->nsrc : 0;
	double *n, *so, *se, *vals;
	int nv;

	for (int k = 0; k <= ncodes; k++)
		lo[k] = hi[k] = NAN;
	if (nsrc < 2 || reps <= 0)
		return;
	n = xcalloc(nsrc, sizeof(double));
	so = xcalloc((size_t)reps, sizeof(double));
	se = xcalloc((size_t)reps, sizeof(double));
	vals = xcalloc((size_t)reps, sizeof(double));
	/* code by code, each over the same resamples (the same seed), so
	 * that one code's data stay in the cache while it is resampled */
	progress_begin("bootstrap of the unitizing alpha", "codes", ncodes);
	for (int k = 0; k < ncodes && !progress_step(k); k++) {
		unsigned long long st = seed;
		nv = 0;
		for (int r = 0; r < reps; r++) {
			double o, e, a;
			memset(n, 0, nsrc * sizeof(double));
			for (size_t i = 0; i < nsrc; i++) {
				size_t s = (size_t)(unif(&st) * (double)nsrc);
				n[s < nsrc ? s : nsrc - 1] += 1;
			}
			team_alpha_u_parts(u[k], n, &o, &e);
			so[r] += o;
			se[r] += e;
			if (!isnan(a = alpha_of(o, e)))
				vals[nv++] = a;
		}
		percentile(vals, nv, level, &lo[k], &hi[k]);
	}
	progress_end();
	nv = 0;
	for (int r = 0; r < reps; r++) {
		double a = alpha_of(so[r], se[r]);
		if (!isnan(a))
			vals[nv++] = a;
	}
	percentile(vals, nv, level, &lo[ncodes], &hi[ncodes]);
	free(n);
	free(so);
	free(se);
	free(vals);
}

/* ---- agreement rows ---- */

void team_table_grow(struct team_table *t, size_t *alloc, size_t more)
{
	if (t->nunits + more <= *alloc)
		return;
	while (*alloc < t->nunits + more)
		*alloc = *alloc ? 2 * *alloc : 256;
	t->v = xreallocarray(t->v, *alloc * (size_t)t->ncoders, sizeof(int));
	t->w = xreallocarray(t->w, *alloc, sizeof(double));
}

static void table_release(struct team_table *t)
{
	free(t->v);
	free(t->w);
	free(t->n);
}

/* Add table t, compressed, to the accumulated table acc; t is emptied. */
static void accumulate(struct team_table *acc, size_t *alloc,
		       struct team_table *t)
{
	struct team_table c;

	team_compress(t, &c);
	team_table_grow(acc, alloc, c.nunits);
	acc->n = xreallocarray(acc->n, *alloc, sizeof(double));
	memcpy(acc->v + acc->nunits * (size_t)acc->ncoders, c.v,
	       c.nunits * (size_t)c.ncoders * sizeof(int));
	memcpy(acc->w + acc->nunits, c.w, c.nunits * sizeof(double));
	memcpy(acc->n + acc->nunits, c.n, c.nunits * sizeof(double));
	acc->nunits += c.nunits;
	table_release(&c);
	t->nunits = 0;
}

#define BOOT_SEED 20261122ULL

/* The units each statistic uses, counted in c (compressed): % and alpha
 * those at least two coders judged, Cohen's kappa those both judged
 * (two coders), Fleiss' kappa those every coder judged. */
static void stat_units(const struct team_table *c, int chars,
		       struct team_agreement_row *r)
{
	double pair = 0, all = 0;

	for (size_t u = 0; u < c->nunits; u++) {
		int m = 0;
		double n = c->n[u] * (chars ? c->w[u] : 1);
		for (int k = 0; k < c->ncoders; k++)
			m += c->v[u * (size_t)c->ncoders + (size_t)k] >= 0;
		if (m >= 2)
			pair += n;
		if (m == c->ncoders)
			all += n;
	}
	r->n_pct = r->n_alpha = (size_t)pair;
	r->n_cohen = c->ncoders == 2 ? (size_t)all : 0;
	r->n_fleiss = (size_t)all;
}

/* Code-level agreement: % over the units at least one coder coded with
 * the code (what MAXQDA and ATLAS.ti report as segment agreement), where
 * the pooled figures count the units nobody coded as agreements too. */
static void coded_units(const struct team_table *c, int chars,
			struct team_agreement_row *r)
{
	struct team_table sub = *c;
	size_t k = 0, nc = (size_t)c->ncoders;
	double units = 0;

	sub.v = xcalloc(c->nunits * nc + 1, sizeof(int));
	sub.w = xcalloc(c->nunits + 1, sizeof(double));
	sub.n = xcalloc(c->nunits + 1, sizeof(double));
	for (size_t u = 0; u < c->nunits; u++) {
		int any = 0;
		for (size_t j = 0; j < nc; j++)
			any |= c->v[u * nc + j] == 1;
		if (!any)
			continue;
		memcpy(sub.v + k * nc, c->v + u * nc, nc * sizeof(int));
		sub.w[k] = c->w[u];
		sub.n[k] = c->n[u];
		units += c->n[u] * (chars ? c->w[u] : 1);
		k++;
	}
	sub.nunits = k;
	r->coded_pct = team_percent(&sub);
	r->coded_units = (size_t)units;
	table_release(&sub);
}

/* The statistics of table t into r. At the char unit (chars) a unit is a
 * stretch of characters, counted by its length, and there is no interval
 * for alpha: characters side by side are not independent draws (alpha_u
 * has an interval over sources instead). cl: each row's turn when the
 * units are sentences, so that the bootstrap draws turns, each with all
 * its sentences (NULL: units drawn one by one). */
static void compute(const struct team_table *t, const long long *cl,
		    double level, int chars, struct team_agreement_row *r)
{
	struct team_table c;
	double units = 0;

	/* every statistic over the distinct rows, each counted */
	team_compress(t, &c);
	for (size_t u = 0; u < c.nunits; u++)
		units += c.n[u] * (chars ? c.w[u] : 1);
	r->units = (size_t)units;
	r->ncoders = c.ncoders;
	r->pct = team_percent(&c);
	r->cohen = c.ncoders == 2 ? team_cohen(&c, 0, 1) : NAN;
	r->fleiss = team_fleiss(&c);
	r->alpha = team_alpha(&c);
	stat_units(&c, chars, r);
	coded_units(&c, chars, r);
	r->lo = r->hi = NAN;
	if (!chars && cl)
		team_bootstrap_clusters(t, cl, team_alpha, TEAM_BOOT_REPS, level,
					BOOT_SEED, &r->lo, &r->hi);
	else if (!chars)
		team_bootstrap(&c, team_alpha, TEAM_BOOT_REPS, level, BOOT_SEED,
			       &r->lo, &r->hi);
	table_release(&c);
}

static struct team_agreement_row *add_row(struct team_agreement *a,
					  char *label)
{
	struct team_agreement_row *r;

	a->rows = xreallocarray(a->rows, (size_t)a->nrows + 1, sizeof(*a->rows));
	r = &a->rows[a->nrows++];
	memset(r, 0, sizeof(*r));
	r->label = label;
	r->au = r->au_lo = r->au_hi = NAN;
	return r;
}

static void free_unitized(struct team_unitized **u, int n)
{
	for (int k = 0; k < n; k++)
		team_unitized_free(u[k]);
}

/* The scratch space of one computation. */
struct agree {
	struct team_agreement *a;
	const struct team_data *d;
	double level;
	int chars;
	int *col;		/* each coder's column in t, or -1 */
	struct team_table t;	/* one code's (or source's) table */
	size_t talloc;
	struct team_unitized **u;	/* alpha_u: one code's sections each */
	double *lo, *hi;
	int sent;		/* units are sentences: clusters in cl */
	long long *cl;		/* each row of t: its turn */
	size_t clalloc;
};

/* After rows of sources si0..si1 were added to g->t (team_data_rows):
 * their turns, in the same order, at cl[at...]. */
static void add_clusters(struct agree *g, long long **cl, size_t *alloc,
			 size_t at, size_t si0, size_t si1)
{
	const struct team_data *d = g->d;
	size_t u0 = d->src_first[si0], u1 = d->src_first[si1];

	if (!g->sent)
		return;
	if (at + (u1 - u0) + 1 > *alloc) {
		*alloc = 2 * (at + (u1 - u0)) + 256;
		*cl = xreallocarray(*cl, *alloc, sizeof(long long));
	}
	for (size_t u = u0; u < u1; u++)
		(*cl)[at + u - u0] = d->un[u].turn;
}

/* Add t's rows with their clusters to acc as they are (sentences: the
 * bootstrap needs each row's turn); t is emptied. */
static void accumulate_raw(struct team_table *acc, size_t *alloc,
			   long long **acl, size_t *aclalloc,
			   struct team_table *t, const long long *cl)
{
	size_t nc = (size_t)t->ncoders;

	team_table_grow(acc, alloc, t->nunits);
	memcpy(acc->v + acc->nunits * nc, t->v, t->nunits * nc * sizeof(int));
	memcpy(acc->w + acc->nunits, t->w, t->nunits * sizeof(double));
	if (acc->nunits + t->nunits + 1 > *aclalloc) {
		*aclalloc = 2 * (acc->nunits + t->nunits) + 256;
		*acl = xreallocarray(*acl, *aclalloc, sizeof(long long));
	}
	memcpy(*acl + acc->nunits, cl, t->nunits * sizeof(long long));
	acc->nunits += t->nunits;
	t->nunits = 0;
}

/* A row per code and one for all codes together: the codes the coders
 * used, and those listed that none of them used (flagged). */
static void by_code(struct agree *g)
{
	const struct team_data *d = g->d;
	const struct team_unitized *const *cu =
		(const struct team_unitized *const *)g->u;
	struct team_table tot = { NULL, 0, d->ncoders, 2, NULL, NULL };
	long long *tcl = NULL;
	size_t atot = 0, atcl = 0;
	int first = g->a->nrows;

	progress_begin("agreement", "codes", d->ncodes);
	for (int k = 0; k < d->ncodes; k++) {
		struct team_agreement_row *r;
		g->t.nunits = 0;
		team_data_rows(d, k, g->col, &g->t, &g->talloc, -1);
		add_clusters(g, &g->cl, &g->clalloc, 0, 0, d->nsrc);
		r = add_row(g->a, xstrdup(d->code_names[k]));
		r->unused = !d->code_used[k];
		compute(&g->t, g->sent ? g->cl : NULL, g->level, g->chars, r);
		if (g->sent)
			accumulate_raw(&tot, &atot, &tcl, &atcl, &g->t, g->cl);
		else
			accumulate(&tot, &atot, &g->t);
		progress_step(k + 1);
	}
	progress_end();
	compute(&tot, g->sent ? tcl : NULL, g->level, g->chars,
		add_row(g->a, xstrdup("(all codes)")));
	table_release(&tot);
	free(tcl);
	if (!g->chars)
		return;
	/* every code and all of them from the same resamples */
	size_t ns = team_data_unitize(d, g->col, d->ncoders, -1, g->u);
	team_alpha_u_bootstrap(cu, d->ncodes, TEAM_BOOT_REPS, g->level,
			       BOOT_SEED, g->lo, g->hi);
	for (int k = 0; k <= d->ncodes; k++) {
		struct team_agreement_row *r = &g->a->rows[first + k];
		r->au = team_alpha_u(cu + (k < d->ncodes ? k : 0),
				     k < d->ncodes ? 1 : d->ncodes);
		r->au_lo = g->lo[k];
		r->au_hi = g->hi[k];
		r->au_src = ns;
	}
	free_unitized(g->u, d->ncodes);
}

/* A row per source: alpha_u too, but nothing to resample. */
static void by_source(struct agree *g)
{
	const struct team_data *d = g->d;

	for (size_t s = 0; s < d->nsrc; s++) {
		struct team_agreement_row *r;
		g->t.nunits = 0;
		for (int k = 0; k < d->ncodes; k++) {
			size_t at = g->t.nunits;
			team_data_rows(d, k, g->col, &g->t, &g->talloc,
				       (long long)s);
			add_clusters(g, &g->cl, &g->clalloc, at, s, s + 1);
		}
		r = add_row(g->a, xasprintf("S%lld", d->src[s]));
		compute(&g->t, g->sent ? g->cl : NULL, g->level, g->chars, r);
		if (!g->chars)
			continue;
		r->au_src = team_data_unitize(d, g->col, d->ncoders,
					      (long long)s, g->u);
		r->au = team_alpha_u((const struct team_unitized *const *)g->u,
				     d->ncodes);
		free_unitized(g->u, d->ncodes);
	}
}

/* A row per pair of coders, over all codes. */
static void by_pair(struct agree *g)
{
	const struct team_data *d = g->d;
	const struct team_unitized *const *cu =
		(const struct team_unitized *const *)g->u;

	g->t.ncoders = 2;
	for (int x = 0; x < d->ncoders; x++)
		for (int y = x + 1; y < d->ncoders; y++) {
			struct team_table acc = { NULL, 0, 2, 2, NULL, NULL };
			struct team_agreement_row *r;
			long long *acl = NULL;
			size_t aacc = 0, aacl = 0;

			for (int c = 0; c < d->ncoders; c++)
				g->col[c] = c == x ? 0 : c == y ? 1 : -1;
			for (int k = 0; k < d->ncodes; k++) {
				g->t.nunits = 0;
				team_data_rows(d, k, g->col, &g->t, &g->talloc, -1);
				add_clusters(g, &g->cl, &g->clalloc, 0, 0, d->nsrc);
				if (g->sent)
					accumulate_raw(&acc, &aacc, &acl, &aacl,
						       &g->t, g->cl);
				else
					accumulate(&acc, &aacc, &g->t);
			}
			r = add_row(g->a, xasprintf("%s + %s", d->coder_names[x],
						    d->coder_names[y]));
			compute(&acc, g->sent ? acl : NULL, g->level, g->chars, r);
			table_release(&acc);
			free(acl);
			if (!g->chars)
				continue;
			r->au_src = team_data_unitize(d, g->col, 2, -1, g->u);
			r->au = team_alpha_u(cu, d->ncodes);
			team_alpha_u_bootstrap(cu, d->ncodes, TEAM_BOOT_REPS,
					       g->level, BOOT_SEED, g->lo, g->hi);
			r->au_lo = g->lo[d->ncodes];
			r->au_hi = g->hi[d->ncodes];
			free_unitized(g->u, d->ncodes);
		}
}

int team_by_from_name(const char *name)
{
	static const char *const names[] = { "code", "source", "coder-pair",
		NULL };

	for (int i = 0; name && names[i]; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

int team_agreement(struct store *s, const struct team_agreement_opts *o,
		   struct team_agreement *out, struct qc_err *e)
{
	static void (*const by[])(struct agree *) = { by_code, by_source,
		by_pair };
	struct agree g;
	int rc;

	memset(out, 0, sizeof(*out));
	if (o->level <= 0 || o->level >= 1)
		return qc_err_set(e, QC_EUSAGE, "the confidence level is"
				  " between 0 and 1, like 0.95");
	if ((rc = team_data_load(s, &o->data, &out->data, e)) < 0) {
		team_agreement_release(out);
		return rc;
	}
	memset(&g, 0, sizeof(g));
	g.a = out;
	g.d = &out->data;
	g.level = o->level;
	g.chars = o->data.unit == TEAM_UNIT_CHAR;
	g.sent = o->data.unit == TEAM_UNIT_SENTENCE;
	g.col = xcalloc((size_t)g.d->ncoders, sizeof(int));
	for (int c = 0; c < g.d->ncoders; c++)
		g.col[c] = c;
	g.t = (struct team_table){ NULL, 0, g.d->ncoders, 2, NULL, NULL };
	g.u = xcalloc((size_t)g.d->ncodes + 1, sizeof(*g.u));
	g.lo = xcalloc((size_t)g.d->ncodes + 1, sizeof(double));
	g.hi = xcalloc((size_t)g.d->ncodes + 1, sizeof(double));
	by[o->by](&g);
	free(g.u);
	free(g.lo);
	free(g.hi);
	table_release(&g.t);
	free(g.cl);
	free(g.col);
	if (progress_cancelled()) {	/* figures of half the work: none */
		team_agreement_release(out);
		return qc_err_set(e, QC_ECANCEL, "cancelled");
	}
	return 0;
}

void team_agreement_release(struct team_agreement *a)
{
	for (int i = 0; i < a->nrows; i++)
		free(a->rows[i].label);
	free(a->rows);
	team_data_release(&a->data);
	memset(a, 0, sizeof(*a));
}

void team_format(char *b, size_t n, double v, int pct)
{
	if (isnan(v))
		snprintf(b, n, "-");
	else if (pct)
		snprintf(b, n, "%.1f%%", 100 * v);
	else
		snprintf(b, n, "%.3f", v);
}

/* ---- clone ---- */

static int exec1(struct store *s, const char *sql, const char *text,
		 struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	if (!st)
		return -QC_EIO;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_fail(s, e, "team");
}

/* Every source named for a clone must exist: a typo would otherwise
 * give a copy without sources. */
static int clone_sources_ok(struct store *s, const struct team_clone_opts *o,
			    struct qc_err *e)
{
	long long id;
	int rc = 0;

	for (int i = 0; i < o->nsources && rc == 0; i++)
		rc = sources_find(s, o->sources[i], &id, e);
	return rc;
}

int team_clone(struct store *s, const char *path,
	       const struct team_clone_opts *o, long long *codings,
	       struct qc_err *e)
{
	struct store *c = NULL;
	struct outfile of;
	struct qc_buf list = QC_BUF_INIT;
	long long id;
	char *detail;
	int rc;

	*codings = 0;
	if (access(path, F_OK) == 0)
		return qc_err_set(e, QC_EIO, "'%s' exists already; choose a new"
				  " file name", path);
	if ((rc = clone_sources_ok(s, o, e)) < 0)
		return rc;
	/* the whole project: owner only from the first byte; made beside
	 * the target and linked to it when complete */
	if ((rc = outfile_open(&of, path, OUTFILE_PRIVATE | OUTFILE_NEW, e)) < 0)
		return rc;
	/* the copy is made by SQLite itself, consistent and compact (into
	 * the empty temporary, which VACUUM INTO accepts) */
	if ((rc = exec1(s, "VACUUM INTO ?", of.tmp, e)) < 0 ||
	    (rc = store_open(of.tmp, &c, e)) < 0) {
		outfile_abort(&of);
		return rc;
	}
	for (int i = 0; i < o->nsources; i++)
		qc_buf_addf(&list, "%s%s", i ? "," : "", o->sources[i]);
	if ((rc = store_begin(c, e)) < 0)
		goto fail;
	if (o->nsources &&
	    (rc = exec1(c, "DELETE FROM sources WHERE ',' || upper(?1) || ','"
			" NOT LIKE '%,S' || id || ',%'", list.buf, e)) < 0)
		goto fail;
	if ((rc = store_coder_id(c, o->coder, &id, e)) < 0)
		goto fail;
	/* the sources the copy holds are the coder's to judge */
	{
		char now[32];
		sqlite3_stmt *as = store_prepare(c, "INSERT INTO assignments("
			"coder_id, source_id, assigned_at) SELECT ?1, id, ?2 FROM"
			" sources WHERE true ON CONFLICT DO UPDATE SET assigned_at ="
			" coalesce(assigned_at, excluded.assigned_at)", e);
		if (!as) {
			rc = -QC_EIO;
			goto fail;
		}
		store_now(now);
		sqlite3_bind_int64(as, 1, id);
		sqlite3_bind_text(as, 2, now, -1, SQLITE_STATIC);
		rc = sqlite3_step(as) == SQLITE_DONE ? 0 :
		     store_fail(c, e, "cannot record the assignment");
		sqlite3_finalize(as);
		if (rc < 0)
			goto fail;
	}
	if (o->blind &&
	    ((rc = exec1(c, "DELETE FROM codings WHERE coder_id <> (SELECT id"
			 " FROM coders WHERE name = ?1)", o->coder, e)) < 0 ||
	     (rc = exec1(c, "DELETE FROM detached_codings WHERE coder_id <>"
			 " (SELECT id FROM coders WHERE name = ?1)", o->coder,
			 e)) < 0 ||
	     (rc = exec1(c, "DELETE FROM memos WHERE author_id <> (SELECT id"
			 " FROM coders WHERE name = ?1)", o->coder, e)) < 0 ||
	     (rc = exec1(c, "DELETE FROM assignments WHERE coder_id <> (SELECT"
			 " id FROM coders WHERE name = ?1)", o->coder, e)) < 0 ||
	     (rc = exec1(c, "UPDATE suggestions SET status = 'pending',"
			 " decided_by = NULL", NULL, e)) < 0 ||
	     (rc = exec1(c, "DELETE FROM hits", NULL, e)) < 0 ||
	     (rc = exec1(c, "DELETE FROM hit_sets", NULL, e)) < 0 ||
	     /* the log tells who coded what: a blind copy starts a new one */
	     (rc = exec1(c, "DELETE FROM audit", NULL, e)) < 0))
		goto fail;
	if ((rc = store_set_setting(c, "clone.for", o->coder, e)) < 0 ||
	    (rc = store_set_setting(c, "clone.blind", o->blind ? "yes" : "no",
				    e)) < 0)
		goto fail;
	detail = xasprintf("copy for %s%s%s%s", o->coder,
			   o->blind ? ", blind" : "", list.len ? ", sources " : "",
			   list.len ? list.buf : "");
	rc = store_audit(c, "clone", detail, e);
	free(detail);
	if (rc < 0 || (rc = store_commit(c, e)) < 0)
		goto fail;
	{
		sqlite3_stmt *st = store_prepare(c, "SELECT count(*) FROM codings", e);
		if (st && sqlite3_step(st) == SQLITE_ROW)
			*codings = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	/* nothing of what was removed stays in free pages */
	rc = store_vacuum(c, e);
	store_close(c);
	qc_buf_release(&list);
	if (rc < 0)
		outfile_abort(&of);
	else
		rc = outfile_commit(&of, e);
	return rc;
fail:
	store_rollback(c);
	store_close(c);
	outfile_abort(&of);
	qc_buf_release(&list);
	return rc;
}

/* ---- done: what a coder finished ---- */

int team_done(struct store *s, const char *const *refs, int n, int undo,
	      struct qc_err *e)
{
	sqlite3_stmt *st;
	long long coder, sid;
	char now[32];
	int rc;

	if ((rc = store_coder_id(s, s->coder, &coder, e)) < 0)
		return rc;
	st = store_prepare(s, undo ?
		"UPDATE assignments SET done_at = NULL WHERE coder_id = ?1 AND"
		" source_id = ?2" :
		"INSERT INTO assignments(coder_id, source_id, done_at) VALUES"
		" (?1, ?2, ?3) ON CONFLICT DO UPDATE SET done_at = excluded.done_at",
		e);
	if (!st)
		return -QC_EIO;
	store_now(now);
	for (int i = 0; i < n && rc == 0; i++) {
		if ((rc = sources_find(s, refs[i], &sid, e)) < 0)
			break;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, coder);
		sqlite3_bind_int64(st, 2, sid);
		if (!undo)
			sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(s, e, "cannot record it");
	}
	sqlite3_finalize(st);
	/* an assignment with nothing left in it goes */
	if (rc == 0 && undo)
		rc = store_exec(s, "DELETE FROM assignments WHERE assigned_at IS"
				" NULL AND done_at IS NULL", e);
	return rc;
}

int team_done_list(struct store *s, struct team_done_row **out, size_t *n,
		   struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT u.name, a.source_id,"
		" a.assigned_at, a.done_at FROM assignments a JOIN coders u ON"
		" u.id = a.coder_id ORDER BY u.name, a.source_id", e);

	*out = NULL;
	*n = 0;
	if (!st)
		return -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct team_done_row *r;
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		r = &(*out)[(*n)++];
		r->coder = store_col_dup(st, 0);
		r->source = sqlite3_column_int64(st, 1);
		r->assigned_at = store_col_dup(st, 2);
		r->done_at = store_col_dup(st, 3);
	}
	sqlite3_finalize(st);
	return 0;
}

void team_done_free(struct team_done_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].coder);
		free(v[i].assigned_at);
		free(v[i].done_at);
	}
	free(v);
}

/* ---- merge ---- */

static long long changes_of(struct store *s, const char *sql, struct qc_err *e,
			    int *rc)
{
	if (*rc < 0)
		return 0;
	*rc = store_exec(s, sql, e);
	return *rc < 0 ? 0 : sqlite3_changes(s->db);
}

/* Sources of the attached copy "o" whose text there is a correction of
 * ours: one of their earlier versions is our text. Each is corrected
 * here the same way; a line says so. */
static int merge_corrections(struct store *s, struct team_merge *m,
			     struct qc_err *e)
{
	sqlite3_stmt *st;
	int rc = 0;

	/* a copy made before versions existed has none to compare */
	if (store_int(s, "SELECT count(*) FROM o.sqlite_master WHERE"
		      " name = 'source_versions'", 0) == 0)
		return 0;
	st = store_prepare(s, "SELECT x.id, y.id FROM o.sources x JOIN"
		" main.sources y ON y.guid = x.guid WHERE y.sha256 <> x.sha256"
		" AND EXISTS (SELECT 1 FROM o.source_versions v WHERE"
		" v.source_id = x.id AND v.sha256 = y.sha256)", e);
	if (!st)
		return -QC_EIO;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		struct revise_result r;
		long long ours = sqlite3_column_int64(st, 1);
		rc = revise_from_attached(s, "o", ours,
					  sqlite3_column_int64(st, 0), &r, e);
		if (rc == 0) {
			m->sources_revised++;
			qc_buf_addf(&m->revised, "S%lld: the correction made there"
				    " is now version %lld here (-%lld +%lld"
				    " characters; %lld of %lld codings moved, %lld"
				    " detached)\n", ours, r.version, r.deleted,
				    r.inserted, r.moved, r.codings, r.detached);
			for (size_t i = 0; i < r.n; i++)
				qc_buf_addf(&m->revised, "  %s %s: %s\n", r.v[i].what,
					    r.v[i].ref, r.v[i].detail);
		}
		revise_result_release(&r);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Merging memos: what follows "SELECT x.guid," up to the text, and the
 * rows taken, those whose target came along. */
#define MEMO_MERGE_SQL \
	" x.target, CASE x.target WHEN 'project' THEN NULL" \
	" WHEN 'source' THEN (SELECT m FROM ms WHERE o = x.target_id)" \
	" WHEN 'segment' THEN coalesce((SELECT m FROM mg WHERE o =" \
	" x.target_id), (SELECT t.id FROM o.segments z JOIN ms ON ms.o =" \
	" z.source_id JOIN tseg t ON t.s = ms.m AND t.e > z.start_cp" \
	" WHERE z.id = x.target_id ORDER BY t.e LIMIT 1))" \
	" WHEN 'code' THEN (SELECT m FROM mk WHERE o = x.target_id)" \
	" ELSE (SELECT y.id FROM main.codings y JOIN o.codings z ON" \
	" z.guid = y.guid WHERE z.id = x.target_id) END," \
	" (SELECT m FROM mu WHERE o = x.author_id), x.created_at," \
	" x.updated_at, x.text"
#define MEMO_MERGE_FROM \
	" FROM o.memos x WHERE x.guid NOT IN" \
	" (SELECT guid FROM main.memos) AND (x.target = 'project' OR" \
	" CASE x.target WHEN 'source' THEN x.target_id IN (SELECT o FROM ms)" \
	" WHEN 'segment' THEN x.target_id IN (SELECT o FROM mg) OR" \
	" EXISTS (SELECT 1 FROM o.segments z JOIN ms ON ms.o = z.source_id" \
	" JOIN tseg t ON t.s = ms.m WHERE z.id = x.target_id)" \
	" WHEN 'code' THEN x.target_id IN (SELECT o FROM mk)" \
	" ELSE EXISTS (SELECT 1 FROM main.codings y JOIN o.codings z ON" \
	" z.guid = y.guid WHERE z.id = x.target_id) END)"

/* Has the attached copy o this column (a copy of an older schema may
 * not)? */
static int has_column(struct store *s, const char *table, const char *col)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT count(*) FROM"
		" pragma_table_info(?1, 'o') WHERE name = ?2", NULL);
	int v = 0;

	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, col, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	return v;
}

int team_merge_db(struct store *s, const char *other, int dry_run,
		  struct team_merge *m, struct qc_err *e)
{
	struct store *chk;
	sqlite3_stmt *st;
	int rc = 0;

	memset(m, 0, sizeof(*m));
	qc_buf_init(&m->conflicts);
	qc_buf_init(&m->revised);
	/* a qcode project of a schema we know, or nothing */
	if ((rc = store_open_reading(other, &chk, e)) < 0)
		return rc;
	store_close(chk);
	/* ATTACH works only outside a transaction: attach, then begin */
	if ((rc = exec1(s, "ATTACH DATABASE ? AS o", other, e)) < 0)
		return rc;
	if ((rc = store_begin(s, e)) < 0) {
		struct qc_err ig = QC_ERR_INIT;
		store_exec(s, "DETACH DATABASE o", &ig);
		qc_err_release(&ig);
		return rc;
	}
	rc = store_exec(s,
		"CREATE TEMP TABLE ms(o INTEGER PRIMARY KEY, m INTEGER);"
		"CREATE TEMP TABLE mk(o INTEGER PRIMARY KEY, m INTEGER);"
		"CREATE TEMP TABLE mu(o INTEGER PRIMARY KEY, m INTEGER);"
		"CREATE TEMP TABLE mp(o INTEGER PRIMARY KEY, m INTEGER);"
		"CREATE TEMP TABLE mg(o INTEGER PRIMARY KEY, m INTEGER);", e);
	/* coders by name */
	m->coders_new = changes_of(s, "INSERT OR IGNORE INTO main.coders(name, guid)"
		" SELECT name, guid FROM o.coders WHERE name NOT IN"
		" (SELECT name FROM main.coders)", e, &rc);
	changes_of(s, "INSERT INTO mu SELECT x.id, y.id FROM o.coders x JOIN"
		   " main.coders y ON y.name = x.name", e, &rc);
	/* a source corrected there since the copy was made comes here
	 * corrected first (revise.c maps our codings through the change),
	 * so that it then matches by text like any other */
	if (rc == 0)
		rc = merge_corrections(s, m, e);
	/* sources by the sha256 of their text */
	changes_of(s, "INSERT INTO ms SELECT x.id, (SELECT y.id FROM main.sources y"
		   " WHERE y.sha256 = x.sha256 ORDER BY y.id LIMIT 1) FROM o.sources x"
		   " WHERE EXISTS (SELECT 1 FROM main.sources y WHERE"
		   " y.sha256 = x.sha256)", e, &rc);
	m->sources_same = rc < 0 ? 0 : sqlite3_changes(s->db);
	/* a source GUID we have with another text is a conflict, not a copy */
	st = rc < 0 ? NULL : store_prepare(s, "SELECT x.id, x.title, y.id,"
		" EXISTS (SELECT 1 FROM main.source_versions v WHERE"
		" v.source_id = y.id AND v.sha256 = x.sha256) FROM"
		" o.sources x JOIN main.sources y ON y.guid = x.guid WHERE"
		" y.sha256 <> x.sha256", e);
	while (st && sqlite3_step(st) == SQLITE_ROW)
		if (sqlite3_column_int(st, 3))
			qc_buf_addf(&m->conflicts, "source '%s' (S%lld there) was"
				    " corrected here (S%lld) after the copy was"
				    " made: what was coded on it there was not"
				    " merged\n", sqlite3_column_text(st, 1),
				    sqlite3_column_int64(st, 0),
				    sqlite3_column_int64(st, 2));
		else
			qc_buf_addf(&m->conflicts, "source '%s' (S%lld there) has"
				    " the GUID of S%lld here but another text: not"
				    " merged\n", sqlite3_column_text(st, 1),
				    sqlite3_column_int64(st, 0),
				    sqlite3_column_int64(st, 2));
	sqlite3_finalize(st);
	/* new sources, with their attributes, participants and segments */
	st = rc < 0 ? NULL : store_prepare(s, "SELECT id FROM o.sources WHERE id"
		" NOT IN (SELECT o FROM ms) AND guid NOT IN (SELECT guid FROM"
		" main.sources) ORDER BY id", e);
	while (st && rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		long long oid = sqlite3_column_int64(st, 0), nid;
		char *sql = xasprintf("INSERT INTO main.sources(guid, kind, title,"
			" date, format, filename, sha256, text, chars, words,"
			" imported_at, imported_by) SELECT guid, kind, title,"
			" date, format, filename, sha256, source_text(id, 'o'),"
			" chars, words, imported_at, imported_by FROM o.sources"
			" WHERE id = %lld", oid);
		rc = store_exec(s, sql, e);
		free(sql);
		if (rc < 0)
			break;
		nid = sqlite3_last_insert_rowid(s->db);
		m->sources_new++;
		sql = xasprintf("INSERT INTO ms VALUES (%lld, %lld);"
			"INSERT INTO main.source_attrs SELECT %lld, key, value FROM"
			" o.source_attrs WHERE source_id = %lld;"
			"INSERT OR IGNORE INTO main.participants(source_id, label, role,"
			" pseudonym, guid) SELECT %lld, label, role, pseudonym, guid"
			" FROM o.participants WHERE source_id = %lld;"
			"INSERT INTO mp SELECT x.id, y.id FROM o.participants x JOIN"
			" main.participants y ON y.source_id = %lld AND y.label ="
			" x.label WHERE x.source_id = %lld;"
			"INSERT INTO main.segments(source_id, ordinal, participant_id,"
			" speaker, start_cp, end_cp, start_ms, end_ms, text) SELECT"
			" %lld, g.ordinal, (SELECT m FROM mp WHERE o = g.participant_id),"
			" g.speaker, g.start_cp, g.end_cp, g.start_ms, g.end_ms, g.text"
			" FROM o.segments g WHERE g.source_id = %lld ORDER BY g.ordinal;",
			oid, nid, nid, oid, nid, oid, nid, oid, nid, oid);
		rc = store_exec(s, sql, e);
		free(sql);
		if (rc == 0)	/* its text once again (store.h) */
			rc = store_frame_source(s, nid, e);
	}
	sqlite3_finalize(st);
	/* codes by GUID: same GUID with another name or parent is a
	 * conflict (ours stays); new codes come parents first */
	st = rc < 0 ? NULL : store_prepare(s, "SELECT x.name, y.name FROM o.codes x"
		" JOIN main.codes y ON upper(y.guid) = upper(x.guid) WHERE"
		" x.name <> y.name OR coalesce((SELECT upper(guid) FROM o.codes"
		" WHERE id = x.parent_id), '') <> coalesce((SELECT upper(guid)"
		" FROM main.codes WHERE id = y.parent_id), '')", e);
	while (st && sqlite3_step(st) == SQLITE_ROW)
		qc_buf_addf(&m->conflicts, "code '%s' there is '%s' here (same"
			    " GUID, other name or parent): ours kept\n",
			    sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	changes_of(s, "INSERT INTO mk SELECT x.id, y.id FROM o.codes x JOIN"
		   " main.codes y ON upper(y.guid) = upper(x.guid)", e, &rc);
	for (int pass = 0; pass < 64 && rc == 0; pass++) {
		long long n = changes_of(s, "INSERT INTO main.codes(guid, parent_id,"
			" short_id, name, ordinal, definition, inclusion, exclusion,"
			" example, valence, colour, lesson, recommendation, skills,"
			" patterns, codable) SELECT x.guid, (SELECT m FROM mk WHERE"
			" o = x.parent_id), x.short_id, x.name, x.ordinal, x.definition,"
			" x.inclusion, x.exclusion, x.example, x.valence, x.colour,"
			" x.lesson, x.recommendation, x.skills, x.patterns, x.codable"
			" FROM o.codes x WHERE x.id NOT IN (SELECT o FROM mk) AND"
			" (x.parent_id IS NULL OR x.parent_id IN (SELECT o FROM mk))"
			" AND x.short_id NOT IN (SELECT short_id FROM main.codes)",
			e, &rc);
		changes_of(s, "INSERT OR IGNORE INTO mk SELECT x.id, y.id FROM"
			   " o.codes x JOIN main.codes y ON upper(y.guid) ="
			   " upper(x.guid)", e, &rc);
		m->codes_new += n;
		if (!n)
			break;
	}
	st = rc < 0 ? NULL : store_prepare(s, "SELECT name, short_id FROM o.codes"
		" WHERE id NOT IN (SELECT o FROM mk)", e);
	while (st && sqlite3_step(st) == SQLITE_ROW)
		qc_buf_addf(&m->conflicts, "code '%s' there: its id '%s' is taken"
			    " here by another code; it and its codings were not"
			    " merged\n", sqlite3_column_text(st, 0),
			    sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	/* segments of matched sources: the same ordinal at the same place
	 * (a REFI import may cut a text into other turns; then a coding or
	 * memo goes to our turn where it starts, through tseg) */
	changes_of(s, "INSERT INTO mg SELECT x.id, y.id FROM o.segments x JOIN ms"
		   " ON ms.o = x.source_id JOIN main.segments y ON y.source_id ="
		   " ms.m AND y.ordinal = x.ordinal AND y.start_cp = x.start_cp"
		   " AND y.end_cp = x.end_cp", e, &rc);
	changes_of(s, "CREATE TEMP TABLE tseg(s INTEGER, b INTEGER, e INTEGER,"
		   " id INTEGER); CREATE INDEX temp.tseg_se ON tseg(s, e)", e, &rc);
	if (rc == 0) {
		int moved = 0;
		st = store_prepare(s, "SELECT 1 FROM o.segments x JOIN ms ON ms.o ="
				   " x.source_id WHERE x.id NOT IN (SELECT o FROM mg)"
				   " LIMIT 1", e);
		moved = st && sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (moved)
			changes_of(s, "INSERT INTO tseg SELECT y.source_id, y.start_cp,"
				   " y.end_cp, y.id FROM main.segments y WHERE"
				   " y.source_id IN (SELECT m FROM ms)", e, &rc);
	}
	/* codings: a union with no duplicates */
	{
		long long all = 0;
		st = rc < 0 ? NULL : store_prepare(s, "SELECT count(*) FROM"
			" o.codings c JOIN mk ON mk.o = c.code_id JOIN ms ON"
			" ms.o = c.source_id JOIN mu ON mu.o = c.coder_id", e);
		if (st && sqlite3_step(st) == SQLITE_ROW)
			all = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		/* a copy made before quote flags and memo audiences has
		 * neither: its codings come unflagged, its memos the team's */
		int flags = has_column(s, "codings", "quote");
		m->codings_new = changes_of(s, flags ?
			"INSERT OR IGNORE INTO main.codings("
			"guid, code_id, source_id, segment_id, start_cp, end_cp,"
			" coder_id, created_at, memo, quote) SELECT c.guid, mk.m, ms.m,"
			" coalesce((SELECT m FROM mg WHERE o = c.segment_id),"
			" (SELECT id FROM tseg WHERE s = ms.m AND e > c.start_cp AND"
			" b < max(c.end_cp, c.start_cp + 1) ORDER BY e LIMIT 1)),"
			" c.start_cp,"
			" c.end_cp, mu.m, c.created_at, c.memo, c.quote FROM o.codings c"
			" JOIN mk ON mk.o = c.code_id JOIN ms ON ms.o = c.source_id"
			" JOIN mu ON mu.o = c.coder_id" :
			"INSERT OR IGNORE INTO main.codings("
			"guid, code_id, source_id, segment_id, start_cp, end_cp,"
			" coder_id, created_at, memo) SELECT c.guid, mk.m, ms.m,"
			" coalesce((SELECT m FROM mg WHERE o = c.segment_id),"
			" (SELECT id FROM tseg WHERE s = ms.m AND e > c.start_cp AND"
			" b < max(c.end_cp, c.start_cp + 1) ORDER BY e LIMIT 1)),"
			" c.start_cp,"
			" c.end_cp, mu.m, c.created_at, c.memo FROM o.codings c"
			" JOIN mk ON mk.o = c.code_id JOIN ms ON ms.o = c.source_id"
			" JOIN mu ON mu.o = c.coder_id", e, &rc);
		/* a flag set there on a coding we have unflagged is taken */
		if (flags)
			changes_of(s, "UPDATE main.codings SET quote = (SELECT"
				   " z.quote FROM o.codings z WHERE z.guid ="
				   " main.codings.guid) WHERE quote IS NULL AND guid"
				   " IN (SELECT guid FROM o.codings WHERE quote IS"
				   " NOT NULL)", e, &rc);
		m->codings_dup = all - m->codings_new;
	}
	/* assignments and what each coder finished (a project of schema 2
	 * has none): a date there fills one missing here */
	if (rc == 0 && store_int(s, "SELECT count(*) FROM o.sqlite_master"
				 " WHERE name = 'assignments'", 0))
		changes_of(s, "INSERT INTO main.assignments(coder_id, source_id,"
			   " assigned_at, done_at) SELECT mu.m, ms.m, a.assigned_at,"
			   " a.done_at FROM o.assignments a JOIN mu ON mu.o ="
			   " a.coder_id JOIN ms ON ms.o = a.source_id WHERE true"
			   " ON CONFLICT DO UPDATE SET assigned_at = coalesce("
			   "assigned_at, excluded.assigned_at), done_at ="
			   " coalesce(done_at, excluded.done_at)", e, &rc);
	/* memos by GUID, kept with their authors */
	m->memos_new = changes_of(s, has_column(s, "memos", "visibility") ?
		"INSERT OR IGNORE INTO main.memos(guid, target,"
		" target_id, author_id, created_at, updated_at, text, visibility)"
		" SELECT x.guid," MEMO_MERGE_SQL ", x.visibility" MEMO_MERGE_FROM :
		"INSERT OR IGNORE INTO main.memos(guid, target,"
		" target_id, author_id, created_at, updated_at, text, visibility)"
		" SELECT x.guid," MEMO_MERGE_SQL ", 'team'" MEMO_MERGE_FROM, e, &rc);
	/* what could not be attached is said, not dropped in silence */
	st = rc < 0 ? NULL : store_prepare(s, "SELECT count(*) FROM o.memos WHERE"
		" guid NOT IN (SELECT guid FROM main.memos)", e);
	if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0))
		qc_buf_addf(&m->conflicts, "%lld memos there are on a source, code,"
			    " turn or coding that was not merged: not merged\n",
			    sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	/* the learning cycle, by GUID, on the sources and codes mapped */
	if (rc == 0)
		rc = cycle_merge(s, &m->cycle_new, &m->conflicts, e);
	{
		struct qc_err ig = QC_ERR_INIT;
		store_exec(s, "DROP TABLE temp.ms; DROP TABLE temp.mk;"
			   " DROP TABLE temp.mu; DROP TABLE temp.mp;"
			   " DROP TABLE temp.mg; DROP TABLE temp.tseg", &ig);
		qc_err_release(&ig);
	}
	if (rc == 0 && !dry_run) {
		char *d = xasprintf("from %s: %lld sources, %lld codes, %lld codings"
				    " (%lld duplicates), %lld memos%s", other,
				    m->sources_new, m->codes_new, m->codings_new,
				    m->codings_dup, m->memos_new, m->cycle_new ?
				    ", and entries of the learning cycle" : "");
		rc = store_audit(s, "merge", d, e);
		free(d);
	}
	if (rc == 0 && !dry_run)
		rc = store_commit(s, e);
	else
		store_rollback(s);
	{
		struct qc_err ig = QC_ERR_INIT;
		store_exec(s, "DETACH DATABASE o", &ig);
		qc_err_release(&ig);
	}
	return rc;
}

/* Import the REFI-QDA project at qdpx into a new project beside s, named
 * for this run (a later run removes it, and its WAL, if this one is
 * killed); *tmp is its path (caller removes and frees). */
static int qdpx_scratch(struct store *s, const char *qdpx, char **tmp,
			struct qc_err *e)
{
	struct refi_import_opts io = { 0, NULL, NULL };
	struct refi_counts c;
	struct refi_loss loss;
	struct store *t;
	char *lang;
	int rc, fd = outfile_temp(s->path, tmp, e);

	if (fd < 0)
		return fd;
	close(fd);
	unlink(*tmp);	/* store_create makes it again, O_EXCL */
	lang = store_get_setting(s, "lang");
	rc = store_create(*tmp, "merge", lang ? lang : "nl", &t, e);
	free(lang);
	if (rc < 0)
		return rc;
	refi_loss_init(&loss);
	rc = refi_import_file(t, qdpx, &io, &c, &loss, e);
	refi_loss_release(&loss);
	store_close(t);
	return rc;
}

int team_merge_file(struct store *s, const char *other, int dry_run,
		    struct team_merge *m, struct qc_err *e)
{
	char *tmp = NULL;
	int rc = 0;

	/* a REFI project: imported into a private copy beside ours first */
	if (qc_has_ext(other, ".qdpx"))
		rc = qdpx_scratch(s, other, &tmp, e);
	if (rc == 0)
		rc = team_merge_db(s, tmp ? tmp : other, dry_run, m, e);
	if (tmp) {
		char *w = xasprintf("%s-wal", tmp), *sh = xasprintf("%s-shm", tmp);
		unlink(tmp);
		unlink(w);
		unlink(sh);
		free(w);
		free(sh);
		free(tmp);
	}
	return rc;
}
