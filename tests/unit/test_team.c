/* Unit tests: team agreement statistics against worked examples. */
#include <math.h>
#include <stdlib.h>

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
	*t = (struct team_table){ v, 50, 2, 2, NULL };
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
	struct team_table t = { v, 10, 14, 5, NULL };

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
	struct team_table t = { v, 4, 3, 2, NULL };
	double a = team_alpha(&t);

	/* coincidences: unit1 (1,1): o11 += 2; unit2 (0,0,0): o00 += 3;
	 * unit4 (0,1,1): o01 += 1, o10 += 1, o11 += 1; n = 8, n0 = 4, n1 = 4;
	 * alpha = 1 - 7 * 2 / (2 * 16) = 0.5625 */
	CHECK_NEAR(a, 0.5625, 1e-9);
	CHECK(isnan(team_alpha(&(struct team_table){ v + 6, 1, 3, 2, NULL })));
}

TEST(perfect_and_undefined)
{
	int same[] = { 1, 1, 0, 0, 1, 1 };
	int constant[] = { 1, 1, 1, 1 };
	struct team_table t = { same, 3, 2, 2, NULL };
	struct team_table c = { constant, 2, 2, 2, NULL };

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
	struct team_table a = { v, 3, 2, 2, w };
	struct team_table b = { rep, 6, 2, 2, NULL };

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

int main(void)
{
	RUN(cohen_kappa_textbook);
	RUN(fleiss_kappa_worked_example);
	RUN(alpha_with_missing_values);
	RUN(perfect_and_undefined);
	RUN(weights_count_like_repeated_units);
	RUN(bootstrap_is_reproducible);
	UNIT_DONE();
}
