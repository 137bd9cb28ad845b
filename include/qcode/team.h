/*
 * team: several coders on one study. Blinded copies of a project, merging
 * coders' copies back, and inter-coder agreement: percent agreement,
 * Cohen's kappa (two coders), Fleiss' kappa and Krippendorff's alpha
 * (nominal, with missing data), Krippendorff's alpha_u for unitizing a
 * continuum, with bootstrap confidence intervals.
 */
#ifndef QCODE_TEAM_H
#define QCODE_TEAM_H

#include "qcode/filter.h"
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

/* The same interval when units come in clusters (cl[u]: unit u's
 * cluster, e.g. the turn of a sentence): each resample draws as many
 * clusters as there are, with replacement, each with all its units. */
void team_bootstrap_clusters(const struct team_table *t, const long long *cl,
			     double (*stat)(const struct team_table *),
			     int reps, double level, unsigned long long seed,
			     double *lo, double *hi);

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

/* Grow t's v and w to hold more units beyond t->nunits; *alloc is the
 * units they have room for (t->n is the caller's to grow). */
void team_table_grow(struct team_table *t, size_t *alloc, size_t more);

/* ---- agreement data (team_data.c): the codings as units x coders ---- */

struct redactor;

enum team_unit {
	TEAM_UNIT_SEGMENT,	/* a segment (a turn) */
	TEAM_UNIT_SENTENCE,	/* a sentence of a segment */
	TEAM_UNIT_CHAR,		/* a character, counted in stretches */
};

/* The unit by name (segment, sentence, char), or -1. */
int team_unit_from_name(const char *name);
/* The name of a unit. */
const char *team_unit_name(enum team_unit u);

/* Whose codings of what, in which sources. Lists of none mean all. */
struct team_data_opts {
	const char *const *coders;	/* names (any case); none: everyone
					   who coded */
	int ncoders;
	const char *const *codes;	/* names or short ids; none: every
					   code the coders chosen used */
	int ncodes;
	struct filter f;		/* the sources (kind, sources, since,
					   until) and the turns (speaker, role,
					   attr; not at TEAM_UNIT_CHAR) whose
					   units and codings count; a source
					   named must exist */
	enum team_unit unit;
};

struct team_span {
	long long start, end;	/* a coding, [start, end) in code points */
	int ki, si, ci;		/* indexes of its code, source and coder */
};

struct team_seg {
	long long start, end;	/* a unit (segment or sentence) of a source */
	long long turn;		/* its turn (0, 1, ... in load order): the
				   cluster a bootstrap draws sentences in */
};

/* The codings agreement is over, indexed. Names and ids are in the
 * order rows are shown: coders by name, codes as in the codebook. */
struct team_data {
	long long *coders;	/* coder ids */
	char **coder_names;
	int ncoders;
	long long *codes;	/* code ids */
	char **code_names;
	int ncodes;
	long long *src;		/* source ids, ascending */
	long long *src_chars;	/* each source's length in code points */
	size_t nsrc;
	enum team_unit unit;
	struct team_span *sp;	/* codings, by code, source, coder, start */
	size_t nsp;
	size_t *code_first;	/* ncodes + 1: each code's first span */
	struct team_seg *un;	/* units, by source and start (not at char) */
	size_t nun, aun;
	size_t *src_first;	/* nsrc + 1: each source's first unit */
	char *present;		/* nsrc x ncoders: the coder judged the
				   source (coded in it, or it was assigned
				   or marked done: team_done) */
	size_t nturns;		/* turns read (units' turn is below it) */
	char *code_used;	/* per code: one of the coders used it (a
				   code listed with --codes may not be) */
	int *judged_by;		/* per coder: TEAM_JUDGED_* */
	size_t *judged_n;	/* per coder: sources judged, of nsrc */
};

/* What made a coder's sources judged (team_data.judged_by). */
enum { TEAM_JUDGED_CODED, TEAM_JUDGED_ASSIGNED, TEAM_JUDGED_DONE };

/*
 * Read the codings o asks for from s into d (released with
 * team_data_release, also on failure). Fails with QC_EDATA when a coder
 * named has no codings, fewer than two coders remain, or a code or source
 * named does not exist.
 */
int team_data_load(struct store *s, const struct team_data_opts *o,
		   struct team_data *d, struct qc_err *e);
void team_data_release(struct team_data *d);

/* Append to t (t->ncoders columns, room for *alloc units) the units x
 * coders rows of code k: 1 coded, 0 not, -1 where the coder did not
 * judge the source. col[c] is coder c's column, or -1 to leave the coder out;
 * only_src is a source index, or -1 for every source. At TEAM_UNIT_CHAR a
 * row is a stretch of characters, weighted by its length. */
void team_data_rows(const struct team_data *d, int k, const int *col,
		    struct team_table *t, size_t *alloc, long long only_src);

/* Every code's sections for alpha_u (u[k] for code k, freed by the
 * caller with team_unitized_free), over the sources that each coder with a
 * column in col (ncols columns) coded something in, or only source
 * only_src (-1: all). Returns how many sources that is. */
size_t team_data_unitize(const struct team_data *d, const int *col,
			 int ncols, long long only_src,
			 struct team_unitized **u);

/* ---- agreement (team.c): the statistics of each row ---- */

#define TEAM_BOOT_REPS 1000	/* bootstrap resamples, fixed seed */

enum team_by { TEAM_BY_CODE, TEAM_BY_SOURCE, TEAM_BY_PAIR };

/* The grouping by name (code, source, coder-pair), or -1. */
int team_by_from_name(const char *name);

struct team_agreement_opts {
	struct team_data_opts data;	/* whose codings of what */
	enum team_by by;		/* one row per code (and all codes),
					   source or pair of coders */
	double level;			/* of the intervals, in (0, 1) */
};

struct team_agreement_row {
	char *label;		/* code, "S1", "anna + ben", "(all codes)" */
	size_t units;		/* units; characters at TEAM_UNIT_CHAR */
	double pct, cohen, fleiss, alpha, lo, hi;	/* NaN: undefined */
	double au, au_lo, au_hi;	/* alpha_u and its interval (char) */
	size_t n_pct, n_cohen, n_fleiss, n_alpha;	/* the units each
					   statistic used (chars at char) */
	double coded_pct;	/* % over the units someone coded with the
				   code (code-level agreement) */
	size_t coded_units;	/* those units */
	int unused;		/* a code listed that none of the coders
				   used (by code) */
	size_t au_src;		/* sources alpha_u is over */
	int ncoders;
};

struct team_agreement {
	struct team_agreement_row *rows;
	int nrows;
	struct team_data data;	/* the codings the rows are over */
};

/* The agreement rows o asks for (released with team_agreement_release,
 * also on failure). Returns 0 or -code with e set. */
int team_agreement(struct store *s, const struct team_agreement_opts *o,
		   struct team_agreement *out, struct qc_err *e);
void team_agreement_release(struct team_agreement *a);

/* A statistic as text into b: "-" when NaN, else "%.3f", or a percentage
 * with one decimal when pct. */
void team_format(char *b, size_t n, double v, int pct);

/* ---- disagreements (team_data.c) ---- */

/* A segment one of two coders coded with a code and the other did not,
 * in a source the other coded something in. */
struct team_disagreement {
	char ref[40];		/* "S1:4" */
	char *who;		/* the coder who coded it */
	char *text;		/* "speaker: turn", redacted when asked */
	char *kwic;		/* the coded words in context (not redacted:
				   only without a redactor) */
};

/* The disagreements of coders a and b on code (an id), in source order,
 * in the sources and turns f chooses (NULL: all) (*out newly allocated,
 * freed with team_disagreements_free). With red,
 * text is redacted and kwic holds only the speaker; context is the words
 * on each side in kwic. */
int team_disagreements_of(struct store *s, long long code, const char *a,
			  const char *b, const struct filter *f,
			  struct redactor *red, int context,
			  struct team_disagreement **out, size_t *n,
			  struct qc_err *e);
void team_disagreements_free(struct team_disagreement *v, size_t n);

struct team_dis_opts {
	const char *code;		/* name or short id */
	const char *const *coders;	/* two names; NULL: the first two
					   (by name) who coded */
	int ncoders;
	int context;			/* words each side in kwic */
	struct filter f;		/* the segments looked at */
};

struct team_dis_list {
	struct team_disagreement *v;
	size_t n;
	char *coder_a, *coder_b;	/* the two coders compared */
};

/* The disagreements o asks for (released with team_dis_list_release, also
 * on failure). QC_EDATA when the code does not exist or there are not two
 * coders. */
int team_disagreements(struct store *s, const struct team_dis_opts *o,
		       struct team_dis_list *out, struct qc_err *e);
void team_dis_list_release(struct team_dis_list *l);

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

/* What a coder judged. clone records the sources of the copy as the
 * coder's assignment; team_done marks refs (S3, ...) finished by s's coder
 * (undo: not finished). Agreement counts a source as judged by a coder
 * when it is marked done (if the coder marked any), else when it was
 * assigned (if any was), and always when the coder coded in it. */
int team_done(struct store *s, const char *const *refs, int n, int undo,
	      struct qc_err *e);

struct team_done_row {
	char *coder;
	long long source;
	char *assigned_at, *done_at;	/* NULL: not */
};

/* Every assignment, by coder and source (*out freed with team_done_free). */
int team_done_list(struct store *s, struct team_done_row **out, size_t *n,
		   struct qc_err *e);
void team_done_free(struct team_done_row *v, size_t n);

struct team_merge {
	long long sources_new, sources_same, codes_new, codings_new,
		  codings_dup, memos_new, coders_new;
	long long cycle_new;	/* meetings, actions, notes, decisions,
				   lessons, evaluations, steps (by GUID) */
	struct qc_buf conflicts;	/* one line each */
	long long sources_revised;	/* corrected there, so here too */
	struct qc_buf revised;		/* what each correction did; the
					 * caller releases it */
};

/* Merge another project file (a qcode .db) into s in one transaction
 * (rolled back when dry_run). Nothing of s is overwritten; conflicts are
 * reported. Must not be called inside a transaction (SQLite's ATTACH). */
int team_merge_db(struct store *s, const char *other, int dry_run,
		  struct team_merge *m, struct qc_err *e);
/* The same for a qcode .db or a REFI-QDA .qdpx, which is imported into a
 * private project beside s first (removed again). */
int team_merge_file(struct store *s, const char *other, int dry_run,
		    struct team_merge *m, struct qc_err *e);

#endif
