/*
 * team_data: the codings inter-coder agreement is over, read once and
 * indexed, and the units x coders tables built from them; and the
 * disagreements of two coders. The one place the team module reads
 * codings with SQL; team.c keeps the statistics.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "qcode/codebook.h"
#include "qcode/privacy.h"
#include "qcode/search.h"
#include "qcode/sources.h"
#include "qcode/team.h"
#include "qcode/text.h"

static const char *const unit_names[] = { "segment", "sentence", "char", NULL };

int team_unit_from_name(const char *name)
{
	for (int i = 0; name && unit_names[i]; i++)
		if (!strcmp(unit_names[i], name))
			return i;
	return -1;
}

const char *team_unit_name(enum team_unit u)
{
	return unit_names[u];
}

static void free_list(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void team_data_release(struct team_data *d)
{
	free_list(d->coder_names, d->ncoders);
	free_list(d->code_names, d->ncodes);
	free(d->coders);
	free(d->codes);
	free(d->sp);
	free(d->code_first);
	free(d->un);
	free(d->src_first);
	free(d->src);
	free(d->src_chars);
	free(d->present);
	free(d->judged_by);
	free(d->judged_n);
	free(d->code_used);
	memset(d, 0, sizeof(*d));
}

/* Is s among the n names of v (any case)? Everything is, when n is 0. */
static int in_list(const char *const *v, int n, const char *s)
{
	if (!n)
		return 1;
	for (int i = 0; i < n; i++)
		if (!strcasecmp(v[i], s))
			return 1;
	return 0;
}

/* Index of the first of the ascending v[0..n) that is >= x (n: none). */
static size_t lower_bound(const long long *v, size_t n, long long x)
{
	size_t a = 0, b = n;

	while (a < b) {
		size_t m = (a + b) / 2;
		if (v[m] < x)
			a = m + 1;
		else
			b = m;
	}
	return a;
}

/* Index of id in the ascending ids[0..n), or -1. */
static long long find_id(const long long *ids, size_t n, long long id)
{
	size_t a = lower_bound(ids, n, id);

	return a < n && ids[a] == id ? (long long)a : -1;
}

/* A unit [a, b) of the current turn (d->nturns - 1, its cluster). */
static void add_unit(struct team_data *d, long long a, long long b)
{
	if (d->nun == d->aun) {
		d->aun = d->aun ? 2 * d->aun : 4096;
		d->un = xreallocarray(d->un, d->aun, sizeof(*d->un));
	}
	d->un[d->nun++] = (struct team_seg){ a, b, (long long)d->nturns - 1 };
}

/* Sentences of a segment: ends at . ! ? followed by a space or the end,
 * or at a line break. */
static void add_sentences(struct team_data *d, long long base, const char *t)
{
	size_t len = strlen(t), i = 0, cp = 0, start = 0;

	while (i < len) {
		size_t j = i;
		int32_t c = text_utf8_next(t, len, &j);
		int end = (c == '.' || c == '!' || c == '?') &&
			  (j >= len || t[j] == ' ' || t[j] == '\n');
		cp++;
		if (c == '\n' || end || j >= len) {
			if (cp > start + 1 || (cp > start && c != '\n'))
				add_unit(d, base + (long long)start,
					 base + (long long)cp);
			start = cp;
		}
		i = j;
	}
}

static int span_cmp(const void *a, const void *b)
{
	const struct team_span *x = a, *y = b;

	if (x->ki != y->ki)
		return x->ki < y->ki ? -1 : 1;
	if (x->si != y->si)
		return x->si < y->si ? -1 : 1;
	if (x->ci != y->ci)
		return x->ci < y->ci ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

struct idx {
	long long id;
	int i;
};

static int idx_cmp(const void *a, const void *b)
{
	const struct idx *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void add_name(long long **ids, char ***names, int *n, long long id,
		     const char *name)
{
	*ids = xreallocarray(*ids, (size_t)*n + 1, sizeof(long long));
	*names = xreallocarray(*names, (size_t)*n + 1, sizeof(char *));
	(*ids)[*n] = id;
	(*names)[(*n)++] = xstrdup(name);
}

/* Coders: those named, else everyone who coded; at least two. */
static int load_coders(struct store *s, const struct team_data_opts *o,
		       struct team_data *d, struct qc_err *e)
{
	sqlite3_stmt *st;
	int rc = 0;

	st = store_prepare(s, "SELECT u.id, u.name FROM coders u WHERE"
			   " EXISTS (SELECT 1 FROM codings c WHERE c.coder_id ="
			   " u.id) OR EXISTS (SELECT 1 FROM assignments a WHERE"
			   " a.coder_id = u.id) ORDER BY u.name", e);
	if (!st)
		return -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 1);
		if (in_list(o->coders, o->ncoders, n))
			add_name(&d->coders, &d->coder_names, &d->ncoders,
				 sqlite3_column_int64(st, 0), n);
	}
	sqlite3_finalize(st);
	for (int i = 0; i < o->ncoders && rc == 0; i++)
		if (!in_list((const char *const *)d->coder_names, d->ncoders,
			     o->coders[i]))
			rc = qc_err_set(e, QC_EDATA, "coder '%s' has no"
					" codings and no sources assigned or"
					" done", o->coders[i]);
	if (rc == 0 && d->ncoders < 2)
		rc = qc_err_set(e, QC_EDATA, "needs codings of at least two"
				" coders (found %d)", d->ncoders);
	return rc;
}

/* Codes: those named, else every code with codings. */
static int load_codes(struct store *s, const struct team_data_opts *o,
		      struct team_data *d, struct qc_err *e)
{
	sqlite3_stmt *st;
	int rc;

	sqlite3_stmt *used;
	struct qc_buf ids = QC_BUF_INIT;
	char *sql;

	/* "used": a coding by one of the coders chosen (coders load first) */
	for (int c = 0; c < d->ncoders; c++)
		qc_buf_addf(&ids, "%s%lld", c ? "," : "", d->coders[c]);
	sql = xasprintf("SELECT EXISTS (SELECT 1 FROM codings c WHERE"
			" c.code_id = ?1 AND c.coder_id IN (%s))", ids.buf);
	used = store_prepare(s, sql, e);
	free(sql);
	qc_buf_release(&ids);
	if (!used)
		return -QC_EIO;
	for (int i = 0; i < o->ncodes; i++) {
		long long id;
		if ((rc = codebook_find(s, o->codes[i], &id, e)) < 0) {
			sqlite3_finalize(used);
			return rc;
		}
		add_name(&d->codes, &d->code_names, &d->ncodes, id, o->codes[i]);
	}
	if (!o->ncodes) {
		st = store_prepare(s, "SELECT k.id, k.short_id FROM codes k"
				   " ORDER BY k.ordinal, k.id", e);
		if (!st) {
			sqlite3_finalize(used);
			return -QC_EIO;
		}
		while (sqlite3_step(st) == SQLITE_ROW) {
			sqlite3_reset(used);
			sqlite3_bind_int64(used, 1, sqlite3_column_int64(st, 0));
			if (sqlite3_step(used) == SQLITE_ROW &&
			    sqlite3_column_int(used, 0))
				add_name(&d->codes, &d->code_names, &d->ncodes,
					 sqlite3_column_int64(st, 0),
					 (const char *)sqlite3_column_text(st, 1));
		}
		sqlite3_finalize(st);
	}
	d->code_used = xcalloc((size_t)d->ncodes + 1, 1);
	for (int k = 0; k < d->ncodes; k++) {
		sqlite3_reset(used);
		sqlite3_bind_int64(used, 1, d->codes[k]);
		d->code_used[k] = sqlite3_step(used) == SQLITE_ROW &&
				  sqlite3_column_int(used, 0);
	}
	sqlite3_finalize(used);
	return 0;
}

/* Every source a comma list names ("S1, 4") exists. */
static int sources_exist(struct store *s, const char *list, struct qc_err *e)
{
	char *dup = xstrdup(list), *save = NULL;
	int rc = 0;

	for (char *t = strtok_r(dup, ",", &save); t && rc == 0;
	     t = strtok_r(NULL, ",", &save)) {
		char ref[32], *end;
		long long id;
		while (*t == ' ')
			t++;
		id = strtoll(t + (t[0] == 'S' || t[0] == 's'), &end, 10);
		snprintf(ref, sizeof(ref), "S%lld", id);
		if (*end || end == t || sources_find(s, ref, &id, e) < 0)
			rc = qc_err_set(e, QC_EDATA, "no source '%s'", t);
	}
	free(dup);
	return rc;
}

/* Sources: those the filter's source terms keep, by id. */
static int load_sources(struct store *s, const struct team_data_opts *o,
			struct team_data *d, struct qc_err *e)
{
	struct filter sf = filter_sources(&o->f);
	struct filter_sql q;
	struct qc_buf sql = QC_BUF_INIT;
	sqlite3_stmt *st;
	int rc;

	if ((o->f.sources && (rc = sources_exist(s, o->f.sources, e)) < 0) ||
	    (rc = filter_build(&sf, FILTER_SOURCES, 1, &q, e)) < 0)
		return rc;
	qc_buf_addf(&sql, "SELECT src.id, src.chars FROM sources src WHERE 1%s"
		    " ORDER BY src.id", q.where.buf);
	if (!(st = filter_prepare(s, &sql, &q, e)))
		return -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		d->src = xreallocarray(d->src, d->nsrc + 1, sizeof(long long));
		d->src_chars = xreallocarray(d->src_chars, d->nsrc + 1,
					     sizeof(long long));
		d->src[d->nsrc] = sqlite3_column_int64(st, 0);
		d->src_chars[d->nsrc++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return 0;
}

/* Prepare *st: "SELECT cols FROM <rows and the joins f's terms need>
 * WHERE <f's terms> tail" with f bound, over codings c (FILTER_CODINGS)
 * or segments s (FILTER_SEGMENTS); only the terms of turns apply (the
 * sources are chosen already). */
static int filtered(struct store *s, const struct filter *f,
		    enum filter_rows rows, const char *cols, const char *tail,
		    sqlite3_stmt **st, struct qc_err *e)
{
	struct filter tf = { .speaker = f->speaker, .role = f->role,
			     .attrs = f->attrs, .nattrs = f->nattrs };
	struct filter_sql q;
	struct qc_buf sql = QC_BUF_INIT;
	int rc;

	*st = NULL;
	if ((rc = filter_build(&tf, rows, 1, &q, e)) < 0)
		return rc;
	qc_buf_addf(&sql, "SELECT %s FROM %s", cols, rows == FILTER_CODINGS ?
		    "codings c" : "segments s");
	if (rows == FILTER_CODINGS)
		filter_codings_joins(&sql, q.needs);
	else if (q.where.len)
		qc_buf_adds(&sql, " JOIN sources src ON src.id = s.source_id"
			    " LEFT JOIN participants p ON"
			    " p.id = s.participant_id");
	qc_buf_addf(&sql, "%s%s%s", q.where.len ? " WHERE 1" : "", q.where.buf,
		    tail);
	*st = filter_prepare(s, &sql, &q, e);
	return *st ? 0 : -QC_EIO;
}

/* The codings of the coders, codes and sources chosen (in the turns f
 * keeps), indexed by code and source; and which coder coded anything in
 * which source. */
static int load_spans(struct store *s, const struct filter *f,
		      struct team_data *d, struct qc_err *e)
{
	struct idx *kidx = xcalloc((size_t)d->ncodes + 1, sizeof(*kidx));
	sqlite3_stmt *st;
	size_t asp = 0;
	int rc;

	for (int k = 0; k < d->ncodes; k++)
		kidx[k] = (struct idx){ d->codes[k], k };
	qsort(kidx, (size_t)d->ncodes, sizeof(*kidx), idx_cmp);
	d->present = xcalloc(d->nsrc * (size_t)d->ncoders + 1, 1);
	if ((rc = filtered(s, f, FILTER_CODINGS, "c.source_id, c.start_cp,"
			   " c.end_cp, c.code_id, c.coder_id", "", &st, e)) < 0) {
		free(kidx);
		return rc;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long si = find_id(d->src, d->nsrc, sqlite3_column_int64(st, 0));
		long long coder = sqlite3_column_int64(st, 4);
		struct idx key = { sqlite3_column_int64(st, 3), 0 }, *k;
		int ci = -1;
		for (int c = 0; c < d->ncoders; c++)
			if (d->coders[c] == coder)
				ci = c;
		if (si < 0 || ci < 0)
			continue;
		d->present[(size_t)si * (size_t)d->ncoders + (size_t)ci] = 1;
		k = bsearch(&key, kidx, (size_t)d->ncodes, sizeof(*kidx), idx_cmp);
		if (!k)
			continue;
		if (d->nsp == asp) {
			asp = asp ? 2 * asp : 4096;
			d->sp = xreallocarray(d->sp, asp, sizeof(*d->sp));
		}
		d->sp[d->nsp++] = (struct team_span){ sqlite3_column_int64(st, 1),
			sqlite3_column_int64(st, 2), k->i, (int)si, ci };
	}
	sqlite3_finalize(st);
	free(kidx);
	if (d->nsp)
		qsort(d->sp, d->nsp, sizeof(*d->sp), span_cmp);
	d->code_first = xcalloc((size_t)d->ncodes + 1, sizeof(size_t));
	for (size_t i = 0, k = 0; k <= (size_t)d->ncodes; k++) {
		while (i < d->nsp && d->sp[i].ki < (int)k)
			i++;
		d->code_first[k] = i;
	}
	return 0;
}

/*
 * What each coder judged: a source marked done (when the coder marked any),
 * else one assigned to the coder (when any was), and always one the coder
 * coded in (present already). A coder who read a source and found nothing
 * to code there still judged it: each unit there is a "not coded".
 */
static int load_judged(struct store *s, struct team_data *d, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT a.coder_id, a.source_id,"
		" a.done_at IS NOT NULL FROM assignments a WHERE a.done_at IS NOT"
		" NULL OR NOT EXISTS (SELECT 1 FROM assignments b WHERE"
		" b.coder_id = a.coder_id AND b.done_at IS NOT NULL)", e);

	d->judged_by = xcalloc((size_t)d->ncoders + 1, sizeof(int));
	d->judged_n = xcalloc((size_t)d->ncoders + 1, sizeof(size_t));
	if (!st)
		return -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long u = sqlite3_column_int64(st, 0);
		long long si = find_id(d->src, d->nsrc, sqlite3_column_int64(st, 1));
		int basis = sqlite3_column_int(st, 2) ? TEAM_JUDGED_DONE :
			    TEAM_JUDGED_ASSIGNED;
		for (int c = 0; c < d->ncoders; c++)
			if (d->coders[c] == u) {
				d->judged_by[c] = basis;
				if (si >= 0)
					d->present[(size_t)si * (size_t)d->ncoders +
						   (size_t)c] = 1;
			}
	}
	sqlite3_finalize(st);
	for (int c = 0; c < d->ncoders; c++)
		for (size_t si = 0; si < d->nsrc; si++)
			d->judged_n[c] += (size_t)d->present[si *
				(size_t)d->ncoders + (size_t)c];
	return 0;
}

/* Units: segments (the turns f keeps) or their sentences (at char they
 * are built per code); only sentences need the text. */
static int load_units(struct store *s, const struct filter *f,
		      struct team_data *d, struct qc_err *e)
{
	int sent = d->unit == TEAM_UNIT_SENTENCE;
	long long cur = -1;
	sqlite3_stmt *st;
	int rc;

	if ((rc = filtered(s, f, FILTER_SEGMENTS, sent ? "s.source_id,"
			   " s.start_cp, s.end_cp, s.text" : "s.source_id,"
			   " s.start_cp, s.end_cp",
			   " ORDER BY s.source_id, s.start_cp", &st, e)) < 0)
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long sid = sqlite3_column_int64(st, 0), si;
		if (sid != cur) {
			cur = sid;
			si = find_id(d->src, d->nsrc, sid);
			if (si >= 0)
				d->src_first[si] = d->nun;
		} else {
			si = find_id(d->src, d->nsrc, sid);
		}
		if (si < 0)
			continue;
		d->nturns++;
		if (sent)
			add_sentences(d, sqlite3_column_int64(st, 1),
				      (const char *)sqlite3_column_text(st, 3));
		else
			add_unit(d, sqlite3_column_int64(st, 1),
				 sqlite3_column_int64(st, 2));
	}
	sqlite3_finalize(st);
	/* sources without segments start where the next one does */
	d->src_first[d->nsrc] = d->nun;
	for (size_t i = d->nsrc; i-- > 0;)
		if (d->src_first[i] == (size_t)-1)
			d->src_first[i] = d->src_first[i + 1];
	return 0;
}

int team_data_load(struct store *s, const struct team_data_opts *o,
		   struct team_data *d, struct qc_err *e)
{
	int rc;

	memset(d, 0, sizeof(*d));
	d->unit = o->unit;
	/* characters are units over the whole source text: a turn filter
	 * would count the rest as agreed */
	if (o->unit == TEAM_UNIT_CHAR && filter_has_turns(&o->f))
		return qc_err_set(e, QC_EUSAGE, "--speaker, --role and --attr"
				  " count segments or sentences, not --unit char");
	if ((rc = load_coders(s, o, d, e)) < 0 ||
	    (rc = load_codes(s, o, d, e)) < 0 ||
	    (rc = load_sources(s, o, d, e)) < 0 ||
	    (rc = load_spans(s, &o->f, d, e)) < 0 ||
	    (rc = load_judged(s, d, e)) < 0)
		return rc;
	d->src_first = xcalloc(d->nsrc + 1, sizeof(size_t));
	for (size_t i = 0; i < d->nsrc; i++)
		d->src_first[i] = (size_t)-1;
	if (d->unit != TEAM_UNIT_CHAR)
		rc = load_units(s, &o->f, d, e);
	return rc;
}

/* ---- units x coders tables ---- */

static int lcmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* The first of code k's spans in source si or a later one. */
static size_t first_span(const struct team_data *d, int k, size_t si)
{
	size_t a = d->code_first[k], b = d->code_first[k + 1];

	while (a < b) {
		size_t m = (a + b) / 2;
		if ((size_t)d->sp[m].si < si)
			a = m + 1;
		else
			b = m;
	}
	return a;
}

/* Stretches of source si where no coding of this code (spans from..to)
 * starts or ends: one unit each, weighted by its length. */
static void char_rows(const struct team_data *d, size_t si, size_t from,
		      size_t to, const int *col, struct team_table *t,
		      size_t *alloc)
{
	const char *pr = d->present + si * (size_t)d->ncoders;
	int nc = t->ncoders;
	size_t ncut = 0, base = t->nunits, u = 0;
	long long *cut = xcalloc(2 * (to - from) + 2, sizeof(long long));
	int *diff;

	cut[ncut++] = 0;
	cut[ncut++] = d->src_chars[si];
	for (size_t x = from; x < to; x++) {
		cut[ncut++] = d->sp[x].start;
		cut[ncut++] = d->sp[x].end;
	}
	qsort(cut, ncut, sizeof(long long), lcmp);
	for (size_t x = 0; x < ncut; x++)
		if (!u || cut[x] != cut[u - 1])
			cut[u++] = cut[x];
	ncut = u;
	if (ncut < 2) {
		free(cut);
		return;
	}
	team_table_grow(t, alloc, ncut - 1);
	diff = xcalloc(ncut * (size_t)nc, sizeof(int));
	for (size_t x = from; x < to; x++) {
		int c = col[d->sp[x].ci];
		if (c < 0 || d->sp[x].end <= d->sp[x].start)
			continue;
		diff[lower_bound(cut, ncut, d->sp[x].start) * (size_t)nc +
		     (size_t)c]++;
		diff[lower_bound(cut, ncut, d->sp[x].end) * (size_t)nc +
		     (size_t)c]--;
	}
	for (int c = 0; c < d->ncoders; c++) {
		int run = 0, j = col[c];
		if (j < 0)
			continue;
		for (size_t x = 0; x + 1 < ncut; x++) {
			run += diff[x * (size_t)nc + (size_t)j];
			t->v[(base + x) * (size_t)nc + (size_t)j] =
				!pr[c] ? -1 : run > 0;
		}
	}
	for (size_t x = 0; x + 1 < ncut; x++)
		t->w[base + x] = (double)(cut[x + 1] - cut[x]);
	t->nunits += ncut - 1;
	free(diff);
	free(cut);
}

/* The segments or sentences of source si, each marked by the codings
 * (spans from..to) that overlap it. */
static void unit_rows(const struct team_data *d, size_t si, size_t from,
		      size_t to, const int *col, struct team_table *t,
		      size_t *alloc)
{
	const char *pr = d->present + si * (size_t)d->ncoders;
	int nc = t->ncoders;
	size_t u0 = d->src_first[si], u1 = d->src_first[si + 1];
	size_t base = t->nunits;

	if (u1 <= u0)
		return;
	team_table_grow(t, alloc, u1 - u0);
	for (size_t u = u0; u < u1; u++) {
		for (int c = 0; c < d->ncoders; c++)
			if (col[c] >= 0)
				t->v[(base + u - u0) * (size_t)nc +
				     (size_t)col[c]] = pr[c] ? 0 : -1;
		t->w[base + u - u0] = 1;
	}
	for (size_t x = from; x < to; x++) {
		int j = col[d->sp[x].ci];
		size_t a = u0, b = u1;
		if (j < 0)
			continue;
		while (a < b) {	/* first unit ending after start */
			size_t m = (a + b) / 2;
			if (d->un[m].end <= d->sp[x].start)
				a = m + 1;
			else
				b = m;
		}
		for (; a < u1 && d->un[a].start < d->sp[x].end; a++)
			if (d->un[a].end > d->sp[x].start)
				t->v[(base + a - u0) * (size_t)nc + (size_t)j] = 1;
	}
	t->nunits += u1 - u0;
}

void team_data_rows(const struct team_data *d, int k, const int *col,
		    struct team_table *t, size_t *alloc, long long only_src)
{
	size_t end = d->code_first[k + 1];
	size_t si0 = only_src >= 0 ? (size_t)only_src : 0;
	size_t si1 = only_src >= 0 ? (size_t)only_src + 1 : d->nsrc;
	size_t i = first_span(d, k, si0);

	for (size_t si = si0; si < si1; si++) {
		size_t from = i;

		while (i < end && d->sp[i].si == (int)si)
			i++;
		if (d->unit == TEAM_UNIT_CHAR)
			char_rows(d, si, from, i, col, t, alloc);
		else
			unit_rows(d, si, from, i, col, t, alloc);
	}
}

size_t team_data_unitize(const struct team_data *d, const int *col,
			 int ncols, long long only_src,
			 struct team_unitized **u)
{
	long long *map = xcalloc(d->nsrc + 1, sizeof(long long));
	long long *len = xcalloc(d->nsrc + 1, sizeof(long long));
	struct team_coding *c = NULL;
	size_t nin = 0, ac = 0;

	for (size_t s = 0; s < d->nsrc; s++) {
		int all = d->src_chars[s] > 0 &&
			  (only_src < 0 || (long long)s == only_src);
		for (int k = 0; k < d->ncoders && all; k++)
			if (col[k] >= 0 &&
			    !d->present[s * (size_t)d->ncoders + (size_t)k])
				all = 0;
		map[s] = all ? (long long)nin : -1;
		if (all)
			len[nin++] = d->src_chars[s];
	}
	for (int k = 0; k < d->ncodes; k++) {
		size_t n = 0;
		for (size_t i = first_span(d, k, only_src >= 0 ? (size_t)only_src : 0);
		     i < d->code_first[k + 1]; i++) {
			const struct team_span *p = &d->sp[i];
			if (only_src >= 0 && p->si != only_src)
				break;
			if (map[p->si] < 0 || col[p->ci] < 0)
				continue;
			if (n == ac) {
				ac = ac ? 2 * ac : 1024;
				c = xreallocarray(c, ac, sizeof(*c));
			}
			c[n++] = (struct team_coding){ p->start, p->end,
				(size_t)map[p->si], col[p->ci] };
		}
		u[k] = team_unitize(ncols, nin, len, c, n);
	}
	free(c);
	free(map);
	free(len);
	return nin;
}

/* ---- disagreements ---- */

/* Did coder v judge source s.source_id (load_judged's definition)? */
#define TEAM_JUDGED_SQL \
	"(EXISTS (SELECT 1 FROM codings j WHERE j.coder_id = v.id AND" \
	" j.source_id = s.source_id) OR EXISTS (SELECT 1 FROM assignments a" \
	" WHERE a.coder_id = v.id AND a.source_id = s.source_id AND" \
	" (a.done_at IS NOT NULL OR NOT EXISTS (SELECT 1 FROM assignments b" \
	" WHERE b.coder_id = v.id AND b.done_at IS NOT NULL))))"

/* The disagreements over the segments f keeps (f's terms from ?4). */
static int disagreements_in(struct store *s, long long code, const char *ca,
			    const char *cb, const struct filter *f,
			    struct redactor *red, int context,
			    struct team_disagreement **out, size_t *n,
			    struct qc_err *e)
{
	struct filter_sql q;
	struct qc_buf sql = QC_BUF_INIT;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = filter_build(f, FILTER_SEGMENTS, 4, &q, e)) < 0)
		return rc;
	qc_buf_addf(&sql,
		"WITH x AS (SELECT c.segment_id AS seg, u.name AS coder,"
		" min(c.start_cp) AS a, max(c.end_cp) AS b FROM codings c"
		" JOIN coders u ON u.id = c.coder_id WHERE c.code_id = ?1 AND"
		" u.name IN (?2, ?3) AND c.segment_id IS NOT NULL GROUP BY 1, 2)"
		" SELECT s.source_id, s.ordinal, x.coder, coalesce(p.pseudonym,"
		" s.speaker, ''), s.text, max(x.a - s.start_cp, 0),"
		" min(x.b, s.end_cp) - s.start_cp FROM x JOIN segments s ON"
		" s.id = x.seg%s"
		" LEFT JOIN participants p ON p.id = s.participant_id"
		" WHERE (SELECT count(*) FROM x y WHERE y.seg = x.seg) = 1"
		" AND (SELECT " TEAM_JUDGED_SQL " FROM coders v WHERE v.name ="
		" CASE x.coder WHEN ?2 THEN ?3 ELSE ?2 END)%s"
		" ORDER BY s.source_id, s.ordinal", q.where.len ?
		" JOIN sources src ON src.id = s.source_id" : "", q.where.buf);
	if (!(st = filter_prepare(s, &sql, &q, e)))
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, code);
	sqlite3_bind_text(st, 2, ca, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, cb, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct team_disagreement x;
		const char *t = (const char *)sqlite3_column_text(st, 4);
		const char *sp = (const char *)sqlite3_column_text(st, 3);
		struct qc_buf b = QC_BUF_INIT;
		snprintf(x.ref, sizeof(x.ref), "S%lld:%lld",
			 sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
		x.who = xasprintf("%s", sqlite3_column_text(st, 2));
		if (*sp)
			qc_buf_addf(&b, "%s: ", sp);
		qc_buf_adds(&b, t);
		if (red) {
			/* the speaker too: a label that is a name becomes the
			 * pseudonym, or the rules' generic replacement */
			struct qc_buf r = QC_BUF_INIT;
			if (redactor_apply(red, b.buf, b.len, &r, e) < 0) {
				/* fails closed: nothing of it is shown */
				qc_err_prefix(e, "%s", x.ref);
				qc_buf_release(&r);
				qc_buf_release(&b);
				free(x.who);
				sqlite3_finalize(st);
				team_disagreements_free(*out, *n);
				*out = NULL;
				*n = 0;
				return -QC_EDATA;
			}
			x.text = qc_buf_detach(&r, NULL);
		} else {
			x.text = xstrdup(b.buf);
		}
		qc_buf_reset(&b);
		if (*sp)
			qc_buf_addf(&b, "%s: ", sp);
		if (!red) {
			long long ms = sqlite3_column_int64(st, 5);
			long long me = sqlite3_column_int64(st, 6);
			search_kwic_cp(&b, t, strlen(t), (size_t)ms,
				       (size_t)(me > ms ? me : ms), context, 0);
		}
		x.kwic = qc_buf_detach(&b, NULL);
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		(*out)[(*n)++] = x;
	}
	sqlite3_finalize(st);
	return 0;
}

int team_disagreements_of(struct store *s, long long code, const char *ca,
			  const char *cb, const struct filter *f,
			  struct redactor *red, int context,
			  struct team_disagreement **out, size_t *n,
			  struct qc_err *e)
{
	static const struct filter all;

	return disagreements_in(s, code, ca, cb, f ? f : &all, red, context,
				out, n, e);
}

void team_disagreements_free(struct team_disagreement *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].who);
		free(v[i].text);
		free(v[i].kwic);
	}
	free(v);
}

/* The two coders: those named, else the first two who coded. */
static int two_coders(struct store *s, const struct team_dis_opts *o,
		      struct team_dis_list *l, struct qc_err *e)
{
	char **v = NULL;
	int n = 0;

	for (int i = 0; i < o->ncoders; i++) {
		v = xreallocarray(v, (size_t)n + 1, sizeof(char *));
		v[n++] = xstrdup(o->coders[i]);
	}
	if (!o->coders) {
		sqlite3_stmt *st = store_prepare(s, "SELECT DISTINCT u.name"
			" FROM coders u JOIN codings c ON c.coder_id = u.id ORDER BY"
			" u.name LIMIT 2", e);
		while (st && sqlite3_step(st) == SQLITE_ROW) {
			v = xreallocarray(v, (size_t)n + 1, sizeof(char *));
			v[n++] = xstrdup((const char *)sqlite3_column_text(st, 0));
		}
		sqlite3_finalize(st);
	}
	if (n != 2) {
		free_list(v, n);
		return qc_err_set(e, QC_EDATA, "needs two coders: give"
				  " --coders A,B");
	}
	l->coder_a = v[0];
	l->coder_b = v[1];
	free(v);
	return 0;
}

int team_disagreements(struct store *s, const struct team_dis_opts *o,
		       struct team_dis_list *out, struct qc_err *e)
{
	long long code;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = codebook_find(s, o->code, &code, e)) < 0 ||
	    (rc = two_coders(s, o, out, e)) < 0)
		return rc;
	return disagreements_in(s, code, out->coder_a, out->coder_b, &o->f,
				NULL, o->context, &out->v, &out->n, e);
}

void team_dis_list_release(struct team_dis_list *l)
{
	team_disagreements_free(l->v, l->n);
	free(l->coder_a);
	free(l->coder_b);
	memset(l, 0, sizeof(*l));
}
