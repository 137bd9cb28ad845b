/* Unit tests: team agreement statistics against worked examples. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

int main(void)
{
	RUN(cohen_kappa_textbook);
	RUN(fleiss_kappa_worked_example);
	RUN(alpha_with_missing_values);
	RUN(perfect_and_undefined);
	RUN(weights_count_like_repeated_units);
	RUN(bootstrap_is_reproducible);
	RUN(krippendorff_four_coders_twelve_units);
	RUN(edge_cases);
	RUN(kappa_against_statsmodels);
	UNIT_DONE();
}
