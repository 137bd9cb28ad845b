/*
 * team: several coders on one study. Blinded copies of a project, merging
 * coders' copies back, and inter-coder agreement: percent agreement,
 * Cohen's kappa (two coders), Fleiss' kappa and Krippendorff's alpha
 * (nominal, with missing data), Krippendorff's alpha_u for unitizing a
 * continuum, with bootstrap confidence intervals.
 */
#ifndef QCODE_TEAM_H
#define QCODE_TEAM_H

#include "qcode/store.h"

/* ---- statistics over a units x coders table of nominal values ----
 * v[u * ncoders + c] is the value coder c gave unit u, or -1 when the
 * coder did not judge that unit (missing). Values are 0..ncat-1. */
struct team_table {
	int *v;
	size_t nunits;
	int ncoders, ncat;
	double *w;		/* weight of each unit (1, or a length) or NULL */
	double *n;		/* how many units each row stands for (a whole
				 * number) or NULL: one each */
};

/* The same table with identical rows (values and weight) counted once, in
 * out->n; every statistic is unchanged. The arrays of out are the caller's
 * to free (out->v, out->w, out->n). */
void team_compress(const struct team_table *t, struct team_table *out);

/* Observed agreement: the share of agreeing pairs of judgements within
 * units (units with fewer than two judgements do not count). NaN if none. */
double team_percent(const struct team_table *t);
/* Cohen's kappa for coders a and b, over units both judged. */
double team_cohen(const struct team_table *t, int a, int b);
/* Fleiss' kappa over units that every coder judged. */
double team_fleiss(const struct team_table *t);
/* Krippendorff's alpha, nominal, with missing data. */
double team_alpha(const struct team_table *t);

/* A percentile bootstrap interval of stat over units, resampled with a
 * fixed seed (reproducible everywhere). NaN bounds when undefined. Units
 * are resampled as counts of distinct rows (a multinomial draw), which has
 * the same distribution as drawing units one by one and costs little when
 * a table of many units has few distinct rows. */
void team_bootstrap(const struct team_table *t,
		    double (*stat)(const struct team_table *), int reps,
		    double level, unsigned long long seed, double *lo,
		    double *hi);

/* ---- unitizing: Krippendorff's alpha_u ----
 * Krippendorff (2004), "Measuring the reliability of qualitative text
 * analysis data", Quality & Quantity 38, and "Content Analysis" (2nd ed.),
 * section 11.6. For one code, each coder's codings in a source (overlapping
 * ones united; codings that only touch stay two units) and the gaps between
 * them divide the source [0, length) into sections. The observed
 * disagreement sums, over pairs of coders and pairs of their sections that
 * intersect, the squared differences of the two units' starts and ends, or
 * the squared length of a unit that lies in the other coder's gap; the
 * expected disagreement is Krippendorff's sum over all units and gaps of
 * all coders. Sections never run across sources: the sources are laid end
 * to end into one continuum of length L. */

struct team_coding {
	long long start, end;	/* [start, end) in code points */
	size_t src;		/* index of the source, 0..nsrc-1 */
	int coder;		/* 0..ncoders-1 */
};

/* One code's sections, summarised for alpha_u (and its bootstrap). */
struct team_unitized;

/* Summarise nc codings of one code (in any order; the array is sorted in
 * place) by ncoders coders over nsrc sources of the lengths len. Codings
 * are clipped to their source; empty ones are ignored. The caller frees
 * the result with team_unitized_free. */
struct team_unitized *team_unitize(int ncoders, size_t nsrc,
				   const long long *len, struct team_coding *c,
				   size_t nc);
void team_unitized_free(struct team_unitized *u);

/* The observed and expected disagreement of one code, each source counted
 * n[s] times (n NULL: once each). Both 0 with fewer than two coders or an
 * empty continuum; the expected one is 0 too when nobody used the code. */
void team_alpha_u_parts(const struct team_unitized *u, const double *n,
			double *dobs, double *dexp);

/* alpha_u of the ncodes codes together: 1 - sum D_o / sum D_e over the
 * codes (Krippendorff 2004; for one code its own alpha_u). NaN when the
 * sum of D_e is 0: fewer than two coders, or no code used by anyone. */
double team_alpha_u(const struct team_unitized *const *u, int ncodes);

/* Percentile bootstrap intervals of alpha_u over sources: each resample
 * draws nsrc sources with replacement (a fixed seed), the same draws for
 * every code. lo[k], hi[k] for code k and lo[ncodes], hi[ncodes] for all
 * codes together (arrays of ncodes + 1). NaN with fewer than two sources
 * or when no resample defines alpha_u. All u must share their sources. */
void team_alpha_u_bootstrap(const struct team_unitized *const *u, int ncodes,
			    int reps, double level, unsigned long long seed,
			    double *lo, double *hi);

/* ---- projects ---- */

struct team_clone_opts {
	const char *coder;		/* who the copy is for */
	const char *const *sources;	/* S1, S4 ...; none = all */
	int nsources;
	int blind;			/* drop other coders' codings, memos */
};

/* Copy the project to path (which must not exist), for one coder. */
int team_clone(struct store *s, const char *path,
	       const struct team_clone_opts *o, long long *codings,
	       struct qc_err *e);

struct team_merge {
	long long sources_new, sources_same, codes_new, codings_new,
		  codings_dup, memos_new, coders_new;
	struct qc_buf conflicts;	/* one line each */
};

/* Merge another project file (a qcode .db) into s in one transaction
 * (rolled back when dry_run). Nothing of s is overwritten; conflicts are
 * reported. Must not be called inside a transaction (SQLite's ATTACH). */
int team_merge_db(struct store *s, const char *other, int dry_run,
		  struct team_merge *m, struct qc_err *e);

#endif
