/* Unit tests: team agreement statistics against worked examples. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcode/codebook.h"
#include "qcode/coding.h"
#include "qcode/import.h"
#include "qcode/report.h"
#include "qcode/team.h"
#include "unit.h"

/* Cohen's textbook table: 50 items, yes/yes 20, yes/no 5, no/yes 10,
 * no/no 15: po 0.70, pe 0.50, kappa 0.40. Krippendorff's alpha for the
 * same data: 1 - 99 * 15 / (55 * 45) = 0.40 as well. */
static void cohen_table(struct team_table *t)
{
	static int v[100];
	int u = 0;
	for (int i = 0; i < 20; i++, u++)
		v[2 * u] = 1, v[2 * u + 1] = 1;
	for (int i = 0; i < 5; i++, u++)
		v[2 * u] = 1, v[2 * u + 1] = 0;
	for (int i = 0; i < 10; i++, u++)
		v[2 * u] = 0, v[2 * u + 1] = 1;
	for (int i = 0; i < 15; i++, u++)
		v[2 * u] = 0, v[2 * u + 1] = 0;
	*t = (struct team_table){ v, 50, 2, 2, NULL, NULL };
}

TEST(cohen_kappa_textbook)
{
	struct team_table t;
	cohen_table(&t);
	CHECK_NEAR(team_percent(&t), 0.70, 1e-9);
	CHECK_NEAR(team_cohen(&t, 0, 1), 0.40, 1e-9);
	CHECK_NEAR(team_alpha(&t), 0.40, 1e-9);
}

/* Fleiss (1971) as in the usual worked example: 10 subjects, 14 raters,
 * 5 categories; P-bar 0.378, Pe 0.213, kappa 0.210. */
TEST(fleiss_kappa_worked_example)
{
	static const int counts[10][5] = {
		{ 0, 0, 0, 0, 14 }, { 0, 2, 6, 4, 2 }, { 0, 0, 3, 5, 6 },
		{ 0, 3, 9, 2, 0 }, { 2, 2, 8, 1, 1 }, { 7, 7, 0, 0, 0 },
		{ 3, 2, 6, 3, 0 }, { 2, 5, 3, 2, 2 }, { 6, 5, 2, 1, 0 },
		{ 0, 2, 2, 3, 7 },
	};
	int *v = calloc(10 * 14, sizeof(int));
	struct team_table t = { v, 10, 14, 5, NULL, NULL };

	for (int u = 0; u < 10; u++) {
		int r = 0;
		for (int k = 0; k < 5; k++)
			for (int j = 0; j < counts[u][k]; j++)
				v[u * 14 + r++] = k;
	}
	CHECK_NEAR(team_fleiss(&t), 0.2099, 5e-4);
	free(v);
}

/* Missing data: units judged by one coder do not count; a unit with a
 * missing judgement still counts for the others. */
TEST(alpha_with_missing_values)
{
	int v[] = { 1, 1, -1,  0, 0, 0,  1, -1, -1,  0, 1, 1 };
	struct team_table t = { v, 4, 3, 2, NULL, NULL };
	double a = team_alpha(&t);

	/* coincidences: unit1 (1,1): o11 += 2; unit2 (0,0,0): o00 += 3;
	 * unit4 (0,1,1): o01 += 1, o10 += 1, o11 += 1; n = 8, n0 = 4, n1 = 4;
	 * alpha = 1 - 7 * 2 / (2 * 16) = 0.5625 */
	CHECK_NEAR(a, 0.5625, 1e-9);
	CHECK(isnan(team_alpha(&(struct team_table){ v + 6, 1, 3, 2, NULL, NULL })));
}

TEST(perfect_and_undefined)
{
	int same[] = { 1, 1, 0, 0, 1, 1 };
	int constant[] = { 1, 1, 1, 1 };
	struct team_table t = { same, 3, 2, 2, NULL, NULL };
	struct team_table c = { constant, 2, 2, 2, NULL, NULL };

	CHECK_NEAR(team_alpha(&t), 1.0, 1e-12);
	CHECK_NEAR(team_cohen(&t, 0, 1), 1.0, 1e-12);
	/* one value everywhere: chance agreement is total, kappa undefined */
	CHECK(isnan(team_cohen(&c, 0, 1)));
	CHECK(isnan(team_alpha(&c)));
}

TEST(weights_count_like_repeated_units)
{
	int v[] = { 1, 1, 1, 0, 0, 0 };
	double w[] = { 3, 1, 2 };
	int rep[] = { 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0 };
	struct team_table a = { v, 3, 2, 2, w, NULL };
	struct team_table b = { rep, 6, 2, 2, NULL, NULL };

	CHECK_NEAR(team_alpha(&a), team_alpha(&b), 1e-12);
	CHECK_NEAR(team_percent(&a), team_percent(&b), 1e-12);
}

TEST(bootstrap_is_reproducible)
{
	struct team_table t;
	double lo1, hi1, lo2, hi2;

	cohen_table(&t);
	team_bootstrap(&t, team_alpha, 500, 0.95, 42, &lo1, &hi1);
	team_bootstrap(&t, team_alpha, 500, 0.95, 42, &lo2, &hi2);
	CHECK(lo1 == lo2 && hi1 == hi2);
	CHECK(lo1 < 0.40 && hi1 > 0.40);
	CHECK(lo1 > 0.0 && hi1 < 0.8);
}

/* Sentences resampled in their turns: a table whose every unit is
 * doubled within its cluster gives the very interval of the table itself
 * (the same clusters drawn, % unchanged by doubling), and a wider one than
 * when the doubled units are drawn one by one as if independent. */
TEST(bootstrap_draws_clusters_whole)
{
	int va[80], vb[160];
	long long ca[40], cb[80];
	double lo1, hi1, lo2, hi2, lo3, hi3;

	for (int u = 0; u < 40; u++) {
		va[2 * u] = u % 3 == 0;
		va[2 * u + 1] = u % 5 == 0 || u % 3 == 0 ? u % 7 != 0 : u % 11 == 0;
		ca[u] = u;
		for (int k = 0; k < 2; k++) {
			vb[4 * u + 2 * k] = va[2 * u];
			vb[4 * u + 2 * k + 1] = va[2 * u + 1];
			cb[2 * u + k] = u;
		}
	}
	struct team_table a = { va, 40, 2, 2, NULL, NULL };
	struct team_table b = { vb, 80, 2, 2, NULL, NULL };
	team_bootstrap_clusters(&a, ca, team_percent, 400, 0.95, 7, &lo1, &hi1);
	team_bootstrap_clusters(&b, cb, team_percent, 400, 0.95, 7, &lo2, &hi2);
	CHECK_NEAR(lo1, lo2, 1e-12);
	CHECK_NEAR(hi1, hi2, 1e-12);
	team_bootstrap(&b, team_percent, 400, 0.95, 7, &lo3, &hi3);
	CHECK(hi2 - lo2 > 1.2 * (hi3 - lo3));
	CHECK(lo1 < team_percent(&a) && team_percent(&a) < hi1);
}

/* Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4
 * coders x 12 units, values 1..5, with missing values; nominal alpha is
 * 0.743. */
TEST(krippendorff_four_coders_twelve_units)
{
	static const int data[4][12] = {
		{ 1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0 },
		{ 1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3 },
		{ 0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0 },
		{ 1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0 },
	};
	int v[12 * 4];
	struct team_table t = { v, 12, 4, 6, NULL, NULL };

	for (int u = 0; u < 12; u++)
		for (int c = 0; c < 4; c++)
			v[u * 4 + c] = data[c][u] ? data[c][u] : -1;
	CHECK_NEAR(team_alpha(&t), 0.743, 5e-4);
	/* nothing but a relabelling of values: the same alpha */
	for (int i = 0; i < 48; i++)
		if (v[i] > 0)
			v[i] = 6 - v[i];
	CHECK_NEAR(team_alpha(&t), 0.743, 5e-4);
}

/* Edge cases: defined values or NaN (shown as "-"), never a crash, never
 * a value out of range. */
TEST(edge_cases)
{
	int one[] = { 1, 0, 1 };	/* one coder */
	int none[] = { -1, -1, -1, -1 };
	int unused[] = { 0, 0, 0, 0, 0, 0 };	/* a code no one used */
	struct team_table a = { one, 3, 1, 2, NULL, NULL };
	struct team_table b = { none, 2, 2, 2, NULL, NULL };
	struct team_table c = { unused, 3, 2, 2, NULL, NULL };
	struct team_table z = { NULL, 0, 2, 2, NULL, NULL };
	double lo, hi;

	CHECK(isnan(team_percent(&a)) && isnan(team_alpha(&a)) &&
	      isnan(team_fleiss(&a)));
	CHECK(isnan(team_percent(&b)) && isnan(team_alpha(&b)) &&
	      isnan(team_cohen(&b, 0, 1)));
	CHECK_NEAR(team_percent(&c), 1.0, 1e-12);
	CHECK(isnan(team_alpha(&c)) && isnan(team_cohen(&c, 0, 1)) &&
	      isnan(team_fleiss(&c)));
	CHECK(isnan(team_alpha(&z)) && isnan(team_percent(&z)));
	team_bootstrap(&z, team_alpha, 100, 0.95, 1, &lo, &hi);
	CHECK(isnan(lo) && isnan(hi));
	team_bootstrap(&c, team_alpha, 100, 0.95, 1, &lo, &hi);
	CHECK(isnan(lo) && isnan(hi));
}

/* ---- alpha_u ---- */

static struct team_unitized *unitize(int ncoders, size_t nsrc,
				     const long long *len,
				     const struct team_coding *c, size_t n)
{
	struct team_coding tmp[64];

	memcpy(tmp, c, n * sizeof(*c));
	return team_unitize(ncoders, nsrc, len, tmp, n);
}

/* Krippendorff (2004), "Content Analysis" (2nd ed.), the worked example of
 * alpha_u (p. 254): a continuum from 150 to 450, two observers, two
 * categories. For c, D_o = 0.0144, D_e = 0.0532, alpha_u = 0.7286; for k
 * (both alike), alpha_u = 1; both together 1 - sum D_o / sum D_e = 0.8591.
 * Here the continuum starts at 0. */
TEST(alpha_u_krippendorff_2004)
{
	static const long long len[] = { 300 };
	static const struct team_coding c[] = {
		{ 225 - 150, 295 - 150, 0, 0 }, { 370 - 150, 400 - 150, 0, 0 },
		{ 220 - 150, 300 - 150, 0, 1 }, { 355 - 150, 375 - 150, 0, 1 },
		{ 400 - 150, 420 - 150, 0, 1 },
	};
	static const struct team_coding k[] = {
		{ 180 - 150, 240 - 150, 0, 0 }, { 300 - 150, 350 - 150, 0, 0 },
		{ 180 - 150, 240 - 150, 0, 1 }, { 300 - 150, 350 - 150, 0, 1 },
	};
	struct team_unitized *u[2];
	double o, e;

	u[0] = unitize(2, 1, len, c, 5);
	u[1] = unitize(2, 1, len, k, 4);
	team_alpha_u_parts(u[0], NULL, &o, &e);
	CHECK_NEAR(o, 0.0144, 5e-5);
	CHECK_NEAR(e, 0.0532, 5e-5);
	CHECK_NEAR(team_alpha_u((const struct team_unitized *const *)u, 1),
		   0.7286, 5e-4);
	team_alpha_u_parts(u[1], NULL, &o, &e);
	CHECK_NEAR(o, 0, 1e-12);
	CHECK_NEAR(e, 0.0490, 5e-5);
	CHECK_NEAR(team_alpha_u((const struct team_unitized *const *)u + 1, 1),
		   1.0, 1e-12);
	CHECK_NEAR(team_alpha_u((const struct team_unitized *const *)u, 2),
		   0.8591, 5e-4);
	team_unitized_free(u[0]);
	team_unitized_free(u[1]);
}

/* Krippendorff (1995), "On the reliability of unitizing continuous data",
 * the four pairs of observers on a continuum of 24 (p. 57): observed
 * disagreements 0.03125 (A), 2.26736 (B: adjacent units stay apart),
 * 0.02777 (C) and 0.38715 (D). */
TEST(alpha_u_krippendorff_1995_observed)
{
	static const long long len[] = { 24 };
	static const struct team_coding a[] = {
		{ 2, 10, 0, 0 }, { 14, 20, 0, 0 }, { 4, 8, 0, 1 }, { 15, 17, 0, 1 },
	};
	static const struct team_coding b[] = {
		{ 0, 18, 0, 0 }, { 0, 2, 0, 1 }, { 2, 3, 0, 1 }, { 3, 4, 0, 1 },
		{ 4, 5, 0, 1 }, { 5, 6, 0, 1 }, { 6, 9, 0, 1 }, { 9, 10, 0, 1 },
	};
	static const struct team_coding c[] = {
		{ 2, 8, 0, 0 }, { 10, 12, 0, 0 }, { 14, 18, 0, 0 }, { 20, 22, 0, 0 },
		{ 0, 2, 0, 1 }, { 4, 8, 0, 1 }, { 10, 14, 0, 1 }, { 16, 18, 0, 1 },
		{ 20, 22, 0, 1 },
	};
	static const struct team_coding d[] = {
		{ 0, 2, 0, 0 }, { 2, 10, 0, 0 }, { 10, 14, 0, 0 }, { 14, 20, 0, 0 },
		{ 20, 24, 0, 0 }, { 0, 4, 0, 1 }, { 4, 8, 0, 1 }, { 8, 15, 0, 1 },
		{ 15, 17, 0, 1 }, { 17, 24, 0, 1 },
	};
	const struct team_coding *ex[] = { a, b, c, d };
	const size_t n[] = { 4, 8, 9, 10 };
	const double want[] = { 0.03125, 2.26736, 0.02777, 0.38715 };

	for (int i = 0; i < 4; i++) {
		struct team_unitized *u = unitize(2, 1, len, ex[i], n[i]);
		double o, e;
		team_alpha_u_parts(u, NULL, &o, &e);
		CHECK_NEAR(o, want[i], 1e-5);
		CHECK(e > 0);
		team_unitized_free(u);
	}
}

TEST(alpha_u_edge_cases)
{
	static const long long len[] = { 100, 50 };
	static const struct team_coding same[] = {
		{ 10, 30, 0, 0 }, { 60, 70, 0, 0 }, { 5, 20, 1, 0 },
		{ 10, 30, 0, 1 }, { 60, 70, 0, 1 }, { 5, 20, 1, 1 },
	};
	/* overlapping codings of one coder are one unit */
	static const struct team_coding split[] = {
		{ 10, 25, 0, 0 }, { 20, 30, 0, 0 }, { 12, 14, 0, 0 },
		{ 60, 70, 0, 0 }, { 5, 20, 1, 0 },
		{ 10, 30, 0, 1 }, { 60, 70, 0, 1 }, { 5, 20, 1, 1 },
	};
	/* outside the source, empty or of no coder here: ignored or clipped */
	static const struct team_coding odd[] = {
		{ 10, 30, 0, 0 }, { 60, 70, 0, 0 }, { 5, 20, 1, 0 }, { 40, 40, 0, 0 },
		{ 10, 30, 0, 1 }, { 60, 70, 0, 1 }, { -5, 20, 1, 1 }, { 5, 5, 1, 1 },
		{ 1, 9, 0, 7 },
	};
	struct team_unitized *u;
	double o, e, lo[2], hi[2];

	/* perfect agreement */
	u = unitize(2, 2, len, same, 6);
	CHECK_NEAR(team_alpha_u((const struct team_unitized *const *)&u, 1), 1.0,
		   1e-12);
	team_unitized_free(u);
	u = unitize(2, 2, len, split, 8);
	CHECK_NEAR(team_alpha_u((const struct team_unitized *const *)&u, 1), 1.0,
		   1e-12);
	team_unitized_free(u);
	u = unitize(2, 2, len, odd, 9);
	team_alpha_u_parts(u, NULL, &o, &e);
	/* starts 0 and 5, both orders of the pair, over m (m - 1) L^2 */
	CHECK_NEAR(o, 2 * 25.0 / (2 * 150.0 * 150.0), 1e-12);
	team_unitized_free(u);
	/* one coder: nothing to compare, no NaN in the parts */
	u = unitize(1, 2, len, same, 3);
	team_alpha_u_parts(u, NULL, &o, &e);
	CHECK(o == 0 && e == 0);
	CHECK(isnan(team_alpha_u((const struct team_unitized *const *)&u, 1)));
	team_unitized_free(u);
	/* a code no one used: no disagreement, none expected either */
	u = team_unitize(3, 2, len, NULL, 0);
	team_alpha_u_parts(u, NULL, &o, &e);
	CHECK(o == 0 && e == 0);
	CHECK(isnan(team_alpha_u((const struct team_unitized *const *)&u, 1)));
	team_alpha_u_bootstrap((const struct team_unitized *const *)&u, 1, 100,
			       0.95, 1, lo, hi);
	CHECK(isnan(lo[0]) && isnan(hi[0]) && isnan(lo[1]) && isnan(hi[1]));
	team_unitized_free(u);
	/* an empty continuum */
	u = team_unitize(2, 0, NULL, NULL, 0);
	team_alpha_u_parts(u, NULL, &o, &e);
	CHECK(o == 0 && e == 0);
	team_unitized_free(u);
}

/* The sweep against every pair of sections, and Krippendorff's expected
 * disagreement written out pair by pair, on random codings; a source
 * counted twice is the source laid down twice. */
static unsigned long long urnd_state = 0x2545F4914F6CDD1DULL;

static unsigned urnd(unsigned n)
{
	urnd_state ^= urnd_state << 13;
	urnd_state ^= urnd_state >> 7;
	urnd_state ^= urnd_state << 17;
	return (unsigned)(urnd_state % n);
}

struct bsect {
	long long a, b;
	int unit, coder;
};

static double brute_d2(const struct bsect *x, const struct bsect *y)
{
	if (x->b <= y->a || y->b <= x->a)
		return 0;
	if (x->unit && y->unit)
		return (double)((x->a - y->a) * (x->a - y->a) +
				(x->b - y->b) * (x->b - y->b));
	if (x->unit && !y->unit && x->a >= y->a && x->b <= y->b)
		return (double)((x->b - x->a) * (x->b - x->a));
	if (!x->unit && y->unit && y->a >= x->a && y->b <= x->b)
		return (double)((y->b - y->a) * (y->b - y->a));
	return 0;
}

TEST(alpha_u_against_pairs)
{
	for (int round = 0; round < 20; round++) {
		int m = 2 + round % 3;
		long long L = 40 + urnd(200), len[2];
		struct team_coding c[64], twice[64];
		struct bsect sec[256];
		int nc = 0, ns = 0;
		double o = 0, e = 0, units = 0, sq = 0, go, ge, n2[2] = { 2, 0 };
		struct team_unitized *u;

		/* non-overlapping units per coder, as a coder's sections are */
		for (int k = 0; k < m; k++) {
			long long pos = 0;
			while (nc < 60) {
				long long a = pos + urnd(30), b = a + 1 + urnd(25);
				if (b > L)
					break;
				if (urnd(4))
					c[nc++] = (struct team_coding){ a, b, 0, k };
				pos = b + urnd(2);
			}
		}
		for (int k = 0; k < m; k++) {
			long long pos = 0;
			for (int i = 0; i < nc; i++) {
				if (c[i].coder != k)
					continue;
				if (c[i].start > pos)
					sec[ns++] = (struct bsect){ pos, c[i].start, 0, k };
				sec[ns++] = (struct bsect){ c[i].start, c[i].end, 1, k };
				pos = c[i].end;
			}
			if (pos < L)
				sec[ns++] = (struct bsect){ pos, L, 0, k };
		}
		for (int x = 0; x < ns; x++)
			for (int y = 0; y < ns; y++)
				if (sec[x].coder != sec[y].coder)
					o += brute_d2(&sec[x], &sec[y]);
		o /= m * (m - 1.0) * (double)L * (double)L;
		for (int x = 0; x < ns; x++)
			if (sec[x].unit) {
				double l = (double)(sec[x].b - sec[x].a);
				units++;
				sq += l * (l - 1);
			}
		for (int x = 0; x < ns; x++) {
			double l = (double)(sec[x].b - sec[x].a);
			if (!sec[x].unit)
				continue;
			e += (units - 1) / 3 * (2 * l * l * l - 3 * l * l + l);
			for (int y = 0; y < ns; y++) {
				double g = (double)(sec[y].b - sec[y].a);
				if (!sec[y].unit && g >= l)
					e += l * l * (g - l + 1);
			}
		}
		e = units ? 2 / (double)L * e /
			(m * (double)L * (m * (double)L - 1) - sq) : 0;
		len[0] = L;
		len[1] = 7;
		memcpy(twice, c, sizeof(c));
		u = team_unitize(m, 1, len, twice, (size_t)nc);
		team_alpha_u_parts(u, NULL, &go, &ge);
		CHECK_NEAR(go, o, 1e-12 * (1 + o));
		CHECK_NEAR(ge, e, 1e-12 * (1 + e));
		team_unitized_free(u);
		/* S1 counted twice = S1 and a copy of it, end to end */
		for (int i = 0; i < nc; i++) {
			twice[i] = c[i];
			twice[nc + i] = c[i];
			twice[nc + i].src = 1;
		}
		{
			long long l2[2] = { L, L };
			struct team_coding tmp[128];
			double ao, ae;
			memcpy(tmp, twice, (size_t)(2 * nc) * sizeof(*tmp));
			u = team_unitize(m, 2, l2, tmp, (size_t)(2 * nc));
			team_alpha_u_parts(u, NULL, &ao, &ae);
			team_unitized_free(u);
			memcpy(tmp, c, (size_t)nc * sizeof(*tmp));
			u = team_unitize(m, 2, len, tmp, (size_t)nc);
			team_alpha_u_parts(u, n2, &go, &ge);
			CHECK_NEAR(go, ao, 1e-12 * (1 + ao));
			CHECK_NEAR(ge, ae, 1e-12 * (1 + ae));
			team_unitized_free(u);
		}
	}
}

TEST(alpha_u_bootstrap_over_sources)
{
	static const long long len[] = { 100, 80, 120, 60 };
	static const struct team_coding c[] = {
		{ 10, 30, 0, 0 }, { 12, 30, 0, 1 }, { 50, 60, 0, 0 },
		{ 5, 25, 1, 0 }, { 5, 20, 1, 1 },
		{ 40, 90, 2, 0 }, { 40, 95, 2, 1 }, { 100, 110, 2, 1 },
		{ 0, 30, 3, 0 }, { 0, 30, 3, 1 },
	};
	struct team_unitized *u = unitize(2, 4, len, c, 10);
	const struct team_unitized *const *uu = (const struct team_unitized *const *)&u;
	double a = team_alpha_u(uu, 1), lo[2], hi[2], lo2[2], hi2[2];

	team_alpha_u_bootstrap(uu, 1, 500, 0.95, 42, lo, hi);
	team_alpha_u_bootstrap(uu, 1, 500, 0.95, 42, lo2, hi2);
	CHECK(lo[0] == lo2[0] && hi[0] == hi2[0]);
	CHECK(lo[0] <= a && a <= hi[0] && hi[0] <= 1.0);
	CHECK(lo[1] == lo[0] && hi[1] == hi[0]);	/* one code: the same */
	team_unitized_free(u);
	/* one source: no interval */
	u = unitize(2, 1, len, c, 3);
	team_alpha_u_bootstrap(uu, 1, 100, 0.95, 42, lo, hi);
	CHECK(isnan(lo[0]) && isnan(hi[1]));
	CHECK(!isnan(team_alpha_u(uu, 1)));
	team_unitized_free(u);
}

/* Random tables: Cohen's and Fleiss' kappa against statsmodels'
 * cohens_kappa and fleiss_kappa, where python3 with statsmodels is there;
 * skipped (and said so) where it is not. */
static unsigned long long rnd_state = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (unsigned)(rnd_state % n);
}

TEST(kappa_against_statsmodels)
{
	const char *py = access("/usr/bin/python3", X_OK) == 0 ?
			 "/usr/bin/python3" : "python3";
	char cmd[1024];
	FILE *f, *p;
	int checked = 0;

	snprintf(cmd, sizeof(cmd), "%s -c 'import statsmodels' 2>/dev/null", py);
	if (system(cmd) != 0) {
		printf("# kappa_against_statsmodels skipped: python3 with"
		       " statsmodels is not installed\n");
		return;
	}
	for (int round = 0; round < 5; round++) {
		int units = 40 + (int)rnd(60), raters = 3 + round, cats = 2 + round % 3;
		int *v = calloc((size_t)units * (size_t)raters, sizeof(int));
		struct team_table t = { v, (size_t)units, raters, cats, NULL, NULL };
		double k2, kf, g2 = NAN, gf = NAN;

		f = fopen("kappa-data.txt", "w");
		CHECK(f != NULL);
		if (!f) {
			free(v);
			return;
		}
		for (int u = 0; u < units; u++) {
			/* agreement above chance: a unit's value, sometimes changed */
			int base = (int)rnd((unsigned)cats);
			for (int r = 0; r < raters; r++) {
				v[u * raters + r] = rnd(10) < 6 ? base :
						    (int)rnd((unsigned)cats);
				fprintf(f, "%s%d", r ? " " : "", v[u * raters + r]);
			}
			fputc('\n', f);
		}
		fclose(f);
		k2 = team_cohen(&t, 0, 1);
		kf = team_fleiss(&t);
		snprintf(cmd, sizeof(cmd), "%s -c '"
			 "import numpy as np\n"
			 "from statsmodels.stats import inter_rater as ir\n"
			 "d = np.loadtxt(\"kappa-data.txt\", dtype=int, ndmin=2)\n"
			 "t = np.zeros((%d, %d))\n"
			 "for a, b in zip(d[:, 0], d[:, 1]): t[a, b] += 1\n"
			 "print(\"%%.10f %%.10f\" %% (ir.cohens_kappa(t).kappa,"
			 " ir.fleiss_kappa(ir.aggregate_raters(d, %d)[0])))'",
			 py, cats, cats, cats);
		p = popen(cmd, "r");
		CHECK(p && fscanf(p, "%lf %lf", &g2, &gf) == 2);
		if (p)
			pclose(p);
		CHECK_NEAR(k2, g2, 1e-9);
		CHECK_NEAR(kf, gf, 1e-9);
		checked += !isnan(g2);
		free(v);
	}
	unlink("kappa-data.txt");
	CHECK(checked == 5);
}

/* ---- agreement data from a project ---- */

static struct store *proj;

/* One source of four turns; codes v and w; anna codes v on turns 1 and 2
 * and w on 4, ben v on 1 and 3 and w on 4. */
static int make_project(const char *path)
{
	struct qc_err e = QC_ERR_INIT;
	struct import_doc d;
	struct import_result res;
	struct import_opts o = { .kind = "interview" };
	const char *t = "An: Een.\nBo: Twee.\nAn: Drie.\nBo: Vier.\n";
	static const struct {
		const char *coder, *code, *ref;
	} tags[] = { { "anna", "v", "S1:1" }, { "anna", "v", "S1:2" },
		     { "anna", "w", "S1:4" }, { "ben", "v", "S1:1" },
		     { "ben", "v", "S1:3" }, { "ben", "w", "S1:4" } };

	if (store_create(path, "t", "nl", &proj, &e) < 0)
		return -1;
	import_doc_init(&d);
	import_parse(t, strlen(t), "x.txt", NULL, &d, &e);
	import_store_doc(proj, &d, "x.txt", &o, &res, &e);
	import_doc_release(&d);
	store_exec(proj, "INSERT INTO codes(guid, short_id, name) VALUES"
		   " ('A', 'v', 'V'), ('B', 'w', 'W')", &e);
	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		struct coding_spans sp = { 0 };
		char *ref[] = { (char *)tags[i].ref };
		long long coder, code, a, x;
		store_coder_id(proj, tags[i].coder, &coder, &e);
		codebook_find(proj, tags[i].code, &code, &e);
		coding_parse_refs(proj, "t", ref, 1, &sp, &e);
		coding_tag(proj, code, &sp, coder, NULL, NULL, &a, &x, &e);
		coding_spans_release(&sp);
	}
	int rc = e.code == QC_OK ? 0 : -1;
	qc_err_release(&e);
	return rc;
}

TEST(names_of_units_and_groupings)
{
	CHECK(team_unit_from_name("segment") == TEAM_UNIT_SEGMENT);
	CHECK(team_unit_from_name("char") == TEAM_UNIT_CHAR);
	CHECK(team_unit_from_name("word") == -1);
	CHECK(team_unit_from_name(NULL) == -1);
	CHECK_STR(team_unit_name(TEAM_UNIT_SENTENCE), "sentence");
	CHECK(team_by_from_name("coder-pair") == TEAM_BY_PAIR);
	CHECK(team_by_from_name("pair") == -1);
}

TEST(data_load_and_rows)
{
	struct team_data_opts o = { 0 };
	struct team_data d;
	struct qc_err e = QC_ERR_INIT;
	struct team_table t = { NULL, 0, 2, 2, NULL, NULL };
	size_t alloc = 0;
	static const int want[] = { 1, 1, 1, 0, 0, 1, 0, 0 };

	CHECK(team_data_load(proj, &o, &d, &e) == 0);
	CHECK(d.ncoders == 2 && d.ncodes == 2 && d.nsrc == 1 && d.nun == 4);
	CHECK_STR(d.coder_names[0], "anna");
	CHECK_STR(d.code_names[1], "w");
	/* code v, every coder in its own column */
	team_data_rows(&d, 0, (const int[]){ 0, 1 }, &t, &alloc, -1);
	CHECK(t.nunits == 4);
	for (int i = 0; i < 8; i++)
		CHECK(t.v[i] == want[i]);
	/* only ben, in column 0 of a one-coder table */
	t.nunits = 0;
	t.ncoders = 1;
	team_data_rows(&d, 0, (const int[]){ -1, 0 }, &t, &alloc, 0);
	CHECK(t.nunits == 4 && t.v[0] == 1 && t.v[1] == 0 && t.v[2] == 1);
	free(t.v);
	free(t.w);
	team_data_release(&d);
	qc_err_release(&e);
}

TEST(data_load_refuses)
{
	struct team_data_opts o = { 0 };
	struct team_data d;
	struct qc_err e = QC_ERR_INIT;

	o.coders = (const char *const[]){ "anna", "carl" };
	o.ncoders = 2;
	CHECK(team_data_load(proj, &o, &d, &e) == -QC_EDATA);
	CHECK_STR(e.msg.buf, "coder 'carl' has no codings and no sources assigned or done");
	team_data_release(&d);
	qc_err_clear(&e);
	o.ncoders = 1;
	CHECK(team_data_load(proj, &o, &d, &e) == -QC_EDATA);
	CHECK_STR(e.msg.buf, "needs codings of at least two coders (found 1)");
	team_data_release(&d);
	qc_err_clear(&e);
	o.ncoders = 0;
	o.f.sources = "S1,S9";
	CHECK(team_data_load(proj, &o, &d, &e) == -QC_EDATA);
	CHECK_STR(e.msg.buf, "no source 'S9'");
	team_data_release(&d);
	qc_err_clear(&e);
	/* turns are not characters */
	o.f.sources = NULL;
	o.f.speaker = "An";
	o.unit = TEAM_UNIT_CHAR;
	CHECK(team_data_load(proj, &o, &d, &e) == -QC_EUSAGE);
	team_data_release(&d);
	qc_err_release(&e);
}

/* The filter chooses the sources, and the turns whose units and codings
 * count, as it does in search. */
TEST(data_load_filtered)
{
	struct team_data_opts o = { 0 };
	struct team_data d;
	struct qc_err e = QC_ERR_INIT;
	struct team_table t = { NULL, 0, 2, 2, NULL, NULL };
	size_t alloc = 0;
	const char *attrs[] = { "wijk" };

	/* --source takes 1 as well as S1 */
	o.f.sources = "1";
	CHECK(team_data_load(proj, &o, &d, &e) == 0);
	CHECK(d.nsrc == 1 && d.nun == 4);
	team_data_release(&d);
	o.f.sources = NULL;
	o.f.kind = "focus-group,observation";
	CHECK(team_data_load(proj, &o, &d, &e) == 0);
	CHECK(d.nsrc == 0 && d.nsp == 0);
	team_data_release(&d);
	/* a source without a date is outside every --until */
	o.f.kind = "interview";
	o.f.until = "2999";
	CHECK(team_data_load(proj, &o, &d, &e) == 0);
	CHECK(d.nsrc == 0);
	team_data_release(&d);
	o.f.until = NULL;
	/* An's turns 1 and 3: code v is anna's 1, ben's 1 and 3 */
	o.f.speaker = "An";
	CHECK(team_data_load(proj, &o, &d, &e) == 0);
	CHECK(d.nun == 2);
	team_data_rows(&d, 0, (const int[]){ 0, 1 }, &t, &alloc, -1);
	CHECK(t.nunits == 2);
	if (t.nunits == 2)
		CHECK(t.v[0] == 1 && t.v[1] == 1 && t.v[2] == 0 && t.v[3] == 1);
	free(t.v);
	free(t.w);
	team_data_release(&d);
	o.f.speaker = NULL;
	o.f.attrs = attrs;
	o.f.nattrs = 1;
	CHECK(team_data_load(proj, &o, &d, &e) == -QC_EUSAGE);
	team_data_release(&d);
	qc_err_release(&e);
}

TEST(agreement_rows)
{
	struct team_agreement_opts o = { { 0 }, TEAM_BY_CODE, 0.95 };
	struct team_agreement a;
	struct qc_err e = QC_ERR_INIT;

	CHECK(team_agreement(proj, &o, &a, &e) == 0);
	CHECK(a.nrows == 3);
	CHECK_STR(a.rows[0].label, "v");
	CHECK(a.rows[0].units == 4);
	CHECK_NEAR(a.rows[0].pct, 0.5, 1e-9);
	CHECK_NEAR(a.rows[1].pct, 1.0, 1e-9);
	CHECK_NEAR(a.rows[1].alpha, 1.0, 1e-9);
	CHECK_STR(a.rows[2].label, "(all codes)");
	CHECK(a.rows[2].units == 8);
	team_agreement_release(&a);
	o.by = TEAM_BY_PAIR;
	CHECK(team_agreement(proj, &o, &a, &e) == 0);
	CHECK(a.nrows == 1);
	CHECK_STR(a.rows[0].label, "anna + ben");
	team_agreement_release(&a);
	o.data.unit = TEAM_UNIT_CHAR;
	o.by = TEAM_BY_SOURCE;
	CHECK(team_agreement(proj, &o, &a, &e) == 0);
	CHECK(a.nrows == 1 && a.rows[0].au_src == 1);
	CHECK(!isnan(a.rows[0].au));
	team_agreement_release(&a);
	o.level = 1;
	CHECK(team_agreement(proj, &o, &a, &e) == -QC_EUSAGE);
	team_agreement_release(&a);
	qc_err_release(&e);
}

TEST(disagreements)
{
	struct team_dis_opts o = { .code = "v", .context = 8 };
	struct team_dis_list l;
	struct qc_err e = QC_ERR_INIT;

	CHECK(team_disagreements(proj, &o, &l, &e) == 0);
	CHECK_STR(l.coder_a, "anna");
	CHECK_STR(l.coder_b, "ben");
	CHECK(l.n == 2);
	if (l.n == 2) {
		CHECK_STR(l.v[0].ref, "S1:2");
		CHECK_STR(l.v[0].who, "anna");
		CHECK_STR(l.v[1].text, "An: Drie.");
	}
	team_dis_list_release(&l);
	/* the filter's turns: only An's */
	o.f.speaker = "An";
	CHECK(team_disagreements(proj, &o, &l, &e) == 0);
	CHECK(l.n == 1);
	if (l.n == 1)
		CHECK_STR(l.v[0].ref, "S1:3");
	team_dis_list_release(&l);
	o.f.speaker = NULL;
	o.f.kind = "focus-group";
	CHECK(team_disagreements(proj, &o, &l, &e) == 0);
	CHECK(l.n == 0);
	team_dis_list_release(&l);
	o.f.kind = NULL;
	o.coders = (const char *const[]){ "anna" };
	o.ncoders = 1;
	CHECK(team_disagreements(proj, &o, &l, &e) == -QC_EDATA);
	team_dis_list_release(&l);
	qc_err_clear(&e);
	o.code = "nope";
	CHECK(team_disagreements(proj, &o, &l, &e) < 0);
	team_dis_list_release(&l);
	qc_err_release(&e);
}

/* The agreement report in both languages of its template; a language it
 * has no labels in is a usage error and leaves no file. */
TEST(agreement_report)
{
	struct team_agreement_opts ao = { { 0 }, TEAM_BY_CODE, 0.95 };
	struct report_opts ro = { 0 };
	struct qc_err e = QC_ERR_INIT;
	char path[] = "/tmp/qcode-unit-agree-XXXXXX";
	int fd = mkstemp(path), rows = -1;

	close(fd);
	unlink(path);
	CHECK(report_agreement(proj, &ro, &ao, path, &rows, &e) == 0);
	CHECK(rows == 3 && access(path, F_OK) == 0);
	unlink(path);
	ro.lang = "en";
	CHECK(report_agreement(proj, &ro, &ao, path, &rows, &e) == 0);
	CHECK(access(path, F_OK) == 0);
	unlink(path);
	ro.lang = "fr";
	CHECK(report_agreement(proj, &ro, &ao, path, &rows, &e) == -QC_EUSAGE);
	CHECK(rows == 0 && access(path, F_OK) != 0);
	qc_err_release(&e);
}

/* A clone names existing sources as "S1": anything else is refused
 * before a file is made. */
TEST(clone_refuses_sources)
{
	static const struct {
		const char *ref;
		int rc;
	} c[] = { { "S0", -QC_EUSAGE }, { "S-1", -QC_EUSAGE },
		  { "S+1", -QC_EUSAGE }, { "S 1", -QC_EUSAGE },
		  { "S1:1", -QC_EUSAGE }, { "1", -QC_EUSAGE },
		  { "S99999999999999999999", -QC_EUSAGE }, { "S9", -QC_EDATA } };
	struct qc_err e = QC_ERR_INIT;
	char *path = xasprintf("/tmp/qcode-unit-clone-%d.db", (int)getpid());
	long long n;

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		const char *const src[] = { "S1", c[i].ref };
		struct team_clone_opts o = { .coder = "anna", .sources = src,
					     .nsources = 2 };
		CHECK(team_clone(proj, path, &o, &n, &e) == c[i].rc);
		CHECK(access(path, F_OK) != 0);
		qc_err_clear(&e);
	}
	{
		const char *src[] = { "S1", "S9" };
		struct team_clone_opts o = { .coder = "anna", .sources = src,
					     .nsources = 2 };
		team_clone(proj, path, &o, &n, &e);
		CHECK_STR(e.msg.buf, "no source S9 (see 'qcode sources')");
		qc_err_clear(&e);
		src[1] = "S0";
		team_clone(proj, path, &o, &n, &e);
		CHECK_STR(e.msg.buf, "'S0' is not a source (S1, S2, ...)");
		qc_err_clear(&e);
	}
	free(path);
	qc_err_release(&e);
}

/* A clone's VACUUM copies the whole project into a temporary database:
 * in a file, not in SQLite's memory, whose high-water mark stays far
 * below the project's 32 MB of text (it was above them). */
TEST(clone_memory_bounded)
{
	struct qc_err e = QC_ERR_INIT;
	char *path = xasprintf("/tmp/qcode-unit-bigclone-%d.db", (int)getpid());
	char *copy = xasprintf("%s.copy", path);
	const size_t len = 1 << 16;
	char *text = xmalloc(len);
	struct store *s;
	sqlite3_stmt *st;
	long long n;

	unlink(path);
	CHECK(store_create(path, "t", "nl", &s, &e) == 0);
	if (!s) {
		free(path);
		free(copy);
		free(text);
		qc_err_release(&e);
		return;
	}
	for (size_t i = 0; i < len; i++)	/* varied, so nothing shrinks it */
		text[i] = "abcdefghij klmnop\n"[(i * 7 + i / 13) % 18];
	store_exec(s, "BEGIN", &e);
	st = store_prepare(s, "INSERT INTO sources(guid, kind, title, format,"
			   " sha256, text, chars, words, imported_at, imported_by)"
			   " VALUES (printf('BBBBBBBB-0000-4000-8000-%012d', ?1),"
			   " 'interview', 'Bron ' || ?1, 'txt', 'x', ?2, ?3, 0,"
			   " '2026-01-15T10:00:00Z', 'anna')", &e);
	for (int i = 1; st && i <= 512; i++) {
		text[0] = (char)('a' + i % 26);
		sqlite3_bind_int(st, 1, i);
		sqlite3_bind_text(st, 2, text, (int)len, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (long long)len);
		CHECK(sqlite3_step(st) == SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	CHECK(store_exec(s, "COMMIT", &e) >= 0);
	for (int blind = 0; blind < 2; blind++) {
		struct team_clone_opts o = { .coder = "anna", .blind = blind };
		long long before;

		unlink(copy);
		before = sqlite3_memory_used();
		sqlite3_memory_highwater(1);
		CHECK(team_clone(s, copy, &o, &n, &e) == 0);
		CHECK(sqlite3_memory_highwater(0) - before < 256 * (long long)len);
		CHECK(access(copy, F_OK) == 0);
	}
	store_close(s);
	for (int i = 0; i < 6; i++) {
		char *p = xasprintf("%s%s", i < 3 ? path : copy,
				    (const char *[]){ "", "-wal", "-shm" }[i % 3]);
		unlink(p);
		free(p);
	}
	free(path);
	free(copy);
	free(text);
	qc_err_release(&e);
}

int main(void)
{
	RUN(cohen_kappa_textbook);
	RUN(fleiss_kappa_worked_example);
	RUN(alpha_with_missing_values);
	RUN(perfect_and_undefined);
	RUN(weights_count_like_repeated_units);
	RUN(bootstrap_is_reproducible);
	RUN(bootstrap_draws_clusters_whole);
	RUN(krippendorff_four_coders_twelve_units);
	RUN(edge_cases);
	RUN(alpha_u_krippendorff_2004);
	RUN(alpha_u_krippendorff_1995_observed);
	RUN(alpha_u_edge_cases);
	RUN(alpha_u_against_pairs);
	RUN(alpha_u_bootstrap_over_sources);
	RUN(kappa_against_statsmodels);
	RUN(names_of_units_and_groupings);
	{
		char path[] = "/tmp/qcode-unit-team-XXXXXX";
		int fd = mkstemp(path);

		close(fd);
		unlink(path);
		UNIT_FIND_DATADIR("reports/agreement.yaml");
		setenv("QCODE_CODER", "tester", 1);
		if (make_project(path) < 0) {
			printf("FAIL team: the test project\n");
			return 1;
		}
		RUN(data_load_and_rows);
		RUN(data_load_refuses);
		RUN(data_load_filtered);
		RUN(agreement_rows);
		RUN(disagreements);
		RUN(agreement_report);
		RUN(clone_refuses_sources);
		RUN(clone_memory_bounded);
		store_close(proj);
		for (int i = 0; i < 3; i++) {
			char *p = xasprintf("%s%s", path,
					    (const char *[]){ "", "-wal", "-shm" }[i]);
			unlink(p);
			free(p);
		}
	}
	UNIT_DONE();
}
