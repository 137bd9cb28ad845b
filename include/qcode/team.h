/*
 * team: several coders on one study. Blinded copies of a project, merging
 * coders' copies back, and inter-coder agreement: percent agreement,
 * Cohen's kappa (two coders), Fleiss' kappa and Krippendorff's alpha
 * (nominal, with missing data), with bootstrap confidence intervals.
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
