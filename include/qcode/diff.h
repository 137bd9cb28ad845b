/*
 * diff: the differences between two texts, character by character, as
 * a list of changed stretches, and positions mapped from the old text to
 * the new one through them. Myers' O(ND) algorithm with its linear-space
 * refinement (the middle snake), run first over lines and then over the
 * code points of the lines that changed, so a long text with scattered
 * corrections costs little more than reading it.
 */
#ifndef QCODE_DIFF_H
#define QCODE_DIFF_H

#include <stddef.h>
#include <stdint.h>

/* One changed stretch: old [a, a + alen) became new [b, b + blen).
 * Between two hunks the texts are equal. */
struct diff_hunk {
	size_t a, alen, b, blen;
};

struct diff {
	struct diff_hunk *v;	/* in order, never adjacent; diff_release frees */
	size_t n, alloc;
	size_t na, nb;		/* the lengths of the old and new sequence */
};

void diff_init(struct diff *d);
void diff_release(struct diff *d);

/*
 * The hunks that turn a[0..na) into b[0..nb), items compared as numbers.
 * A region whose edit distance exceeds max_cost is given as one replaced
 * hunk (0: no limit). Fills d (diff_init first).
 */
void diff_seq(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
	      size_t max_cost, struct diff *d);

/*
 * The hunks between two texts of code points: lines first, then the code
 * points inside the changed lines, then short equal stretches between
 * changes absorbed into them (so that an unrelated new passage is one
 * replacement, not letters matched here and there).
 */
void diff_text(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
	       struct diff *d);

/* Where an old position goes as the start of a span: text inserted right
 * at it stays outside, a replacement of what starts there is inside. */
size_t diff_map_start(const struct diff *d, size_t p);
/* Where an old position goes as the (exclusive) end of a span: text
 * inserted right at it stays outside, a replaced end is inside whole. */
size_t diff_map_end(const struct diff *d, size_t p);
/* How many of the old items in [s, e) are kept in the new text. */
size_t diff_kept(const struct diff *d, size_t s, size_t e);
/* The number of old items deleted and new items inserted. */
void diff_counts(const struct diff *d, size_t *deleted, size_t *inserted);

#endif
