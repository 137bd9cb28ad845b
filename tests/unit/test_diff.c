/* Unit tests: diff (Myers' middle snake, position mapping). */
#include <stdint.h>
#include <stdlib.h>

#include "qcode/diff.h"
#include "unit.h"

static size_t to_cp(const char *s, uint32_t *out)
{
	size_t n = 0;

	while (*s)
		out[n++] = (unsigned char)*s++;
	return n;
}

/* Apply the hunks to a; 1 if the result is b. */
static int rebuilds(const struct diff *d, const uint32_t *a, size_t na,
		    const uint32_t *b, size_t nb)
{
	size_t ai = 0, bi = 0;

	for (size_t i = 0; i < d->n; i++) {
		const struct diff_hunk *h = &d->v[i];
		if (h->a < ai || h->a - ai != h->b - bi)
			return 0;
		while (ai < h->a)
			if (a[ai++] != b[bi++])
				return 0;
		if (i && h->a == d->v[i - 1].a + d->v[i - 1].alen &&
		    h->b == d->v[i - 1].b + d->v[i - 1].blen)
			return 0;	/* adjacent hunks must be one */
		ai += h->alen;
		bi = h->b + h->blen;
	}
	if (na - ai != nb - bi)
		return 0;
	while (ai < na)
		if (a[ai++] != b[bi++])
			return 0;
	return 1;
}

/* The edit distance (insertions and deletions) by dynamic programming. */
static size_t lcs_cost(const uint32_t *a, size_t na, const uint32_t *b,
		       size_t nb)
{
	size_t *row = calloc(nb + 1, sizeof(size_t)), *prev = calloc(nb + 1,
								     sizeof(size_t));
	size_t r;

	for (size_t i = 0; i <= na; i++) {
		for (size_t j = 0; j <= nb; j++) {
			if (i == 0 || j == 0)
				row[j] = i + j;
			else if (a[i - 1] == b[j - 1])
				row[j] = prev[j - 1];
			else
				row[j] = 1 + (prev[j] < row[j - 1] ? prev[j] :
					      row[j - 1]);
		}
		size_t *t = prev;
		prev = row;
		row = t;
	}
	r = prev[nb];
	free(row);
	free(prev);
	return r;
}

TEST(myers_is_minimal_on_random_sequences)
{
	uint32_t a[200], b[200];
	struct diff d;
	unsigned seed = 7;

	diff_init(&d);
	for (int round = 0; round < 400; round++) {
		size_t na = (size_t)(rand_r(&seed) % 60), nb = (size_t)(rand_r(&seed) % 60);
		unsigned alpha = 2 + (unsigned)rand_r(&seed) % 5;
		size_t del, ins;
		for (size_t i = 0; i < na; i++)
			a[i] = (uint32_t)rand_r(&seed) % alpha;
		for (size_t i = 0; i < nb; i++)	/* half the time a's edit */
			b[i] = round % 2 && i < na && rand_r(&seed) % 4 ? a[i] :
			       (uint32_t)rand_r(&seed) % alpha;
		diff_seq(a, na, b, nb, 0, &d);
		CHECK(rebuilds(&d, a, na, b, nb));
		diff_counts(&d, &del, &ins);
		CHECK(del + ins == lcs_cost(a, na, b, nb));
	}
	diff_release(&d);
}

TEST(text_diff_rebuilds_and_absorbs_noise)
{
	uint32_t a[256], b[256];
	struct diff d;
	size_t na = to_cp("Moeder: ik vond het fijn.\nMoederr: echt waar.\n", a);
	size_t nb = to_cp("Moeder: ik vond het heel fijn.\nMoeder: echt waar.\n", b);

	diff_init(&d);
	diff_text(a, na, b, nb, &d);
	CHECK(rebuilds(&d, a, na, b, nb));
	CHECK(d.n == 2);
	/* unrelated sentences: one replacement, not letters matched */
	na = to_cp("de kraamzorg kwam te laat", a);
	nb = to_cp("ons werd niets verteld", b);
	diff_text(a, na, b, nb, &d);
	CHECK(rebuilds(&d, a, na, b, nb));
	CHECK(d.n == 1);
	diff_release(&d);
}

TEST(a_capped_search_still_rebuilds)
{
	static uint32_t a[5000], b[5000];
	struct diff d;
	unsigned seed = 3;

	for (size_t i = 0; i < 5000; i++) {
		a[i] = (uint32_t)rand_r(&seed) % 3;
		b[i] = (uint32_t)rand_r(&seed) % 3;
	}
	diff_init(&d);
	diff_seq(a, 5000, b, 5000, 10, &d);
	CHECK(rebuilds(&d, a, 5000, b, 5000));
	diff_release(&d);
}

TEST(positions_map_through_the_changes)
{
	uint32_t a[128], b[128];
	struct diff d;
	/* "de zorg" coded at [3, 7) */
	size_t na = to_cp("ik de zorg nu", a);
	size_t nb = to_cp("ik vind de goede zorg nu", b);

	diff_init(&d);
	diff_text(a, na, b, nb, &d);
	CHECK(rebuilds(&d, a, na, b, nb));
	/* "ik " + "vind " inserted before the span stays outside it */
	CHECK(diff_map_start(&d, 3) == 8);
	CHECK(diff_map_end(&d, 10) == 21);	/* "de goede zorg" */
	CHECK(diff_kept(&d, 3, 10) == 7);
	/* a span deleted whole keeps nothing */
	na = to_cp("aaa bbb ccc", a);
	nb = to_cp("aaa ccc", b);
	diff_text(a, na, b, nb, &d);
	CHECK(diff_kept(&d, 4, 7) == 0);
	CHECK(diff_map_start(&d, 4) >= diff_map_end(&d, 7));
	CHECK(diff_map_start(&d, 8) == 4);
	CHECK(diff_map_end(&d, 11) == 7);
	/* text appended right after a span stays outside */
	na = to_cp("een twee", a);
	nb = to_cp("een drie twee", b);
	diff_text(a, na, b, nb, &d);
	CHECK(diff_map_end(&d, 3) == 3);
	CHECK(diff_map_start(&d, 4) == 9);
	diff_release(&d);
}

TEST(a_new_turn_is_inserted_as_whole_lines)
{
	uint32_t a[256], b[256];
	struct diff d;
	size_t na = to_cp("J: Ja, mee praten.\nM: Wat hielp?\n", a);
	size_t nb = to_cp("J: Ja, mee praten.\nS: Ik ook, erbij.\nM: Wat hielp?\n",
			  b);

	diff_init(&d);
	diff_text(a, na, b, nb, &d);
	CHECK(rebuilds(&d, a, na, b, nb));
	CHECK(d.n == 1 && d.v[0].a == 19 && d.v[0].alen == 0 &&
	      d.v[0].blen == 18);
	/* the end of the first turn stays where it was */
	CHECK(diff_map_end(&d, 18) == 18);
	diff_release(&d);
}

int main(void)
{
	RUN(myers_is_minimal_on_random_sequences);
	RUN(text_diff_rebuilds_and_absorbs_noise);
	RUN(a_capped_search_still_rebuilds);
	RUN(positions_map_through_the_changes);
	RUN(a_new_turn_is_inserted_as_whole_lines);
	UNIT_DONE();
}
