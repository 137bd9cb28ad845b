/* cmd_team: clone, merge, agreement, disagreements, report agreement. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmd_team.h"
#include "cmd_refi.h"
#include "qcode/codebook.h"
#include "qcode/out.h"
#include "qcode/outfile.h"
#include "qcode/pdf.h"
#include "qcode/privacy.h"
#include "qcode/refi.h"
#include "qcode/search.h"
#include "qcode/team.h"
#include "qcode/text.h"

static char **split_list(const char *s, int *n)
{
	char **v = NULL, *dup, *save = NULL;

	*n = 0;
	if (!s)
		return NULL;
	dup = xstrdup(s);
	for (char *t = strtok_r(dup, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		v = xreallocarray(v, (size_t)*n + 1, sizeof(char *));
		v[(*n)++] = xstrdup(t);
	}
	free(dup);
	return v;
}

static void free_list(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- clone and merge ---- */

int cmd_clone(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--blind", NULL };
	static const char *const valued[] = { "-o", "--output", "--for-coder",
		"--sources", NULL };
	struct qc_args a;
	struct team_clone_opts o;
	const char *out;
	char **src;
	int nsrc, rc;
	long long n;

	if (cli_args(ctx, argc, argv, flags, valued, &a) < 0)
		return QC_EUSAGE;
	out = args_get(&a, "-o") ? args_get(&a, "-o") : args_get(&a, "--output");
	if (!out || !args_get(&a, "--for-coder")) {
		args_release(&a);
		cli_usage(ctx, "clone");
		return QC_EUSAGE;
	}
	src = split_list(args_get(&a, "--sources"), &nsrc);
	o.coder = args_get(&a, "--for-coder");
	o.sources = (const char *const *)src;
	o.nsources = nsrc;
	o.blind = args_has(&a, "--blind");
	rc = team_clone(ctx->store, out, &o, &n, &ctx->err);
	if (rc == 0) {
		char *d = xasprintf("%s for %s%s", out, o.coder,
				    o.blind ? " (blind)" : "");
		store_begin(ctx->store, &ctx->err);
		rc = store_audit(ctx->store, "clone", d, &ctx->err);
		if (rc == 0)
			rc = store_commit(ctx->store, &ctx->err);
		else
			store_rollback(ctx->store);
		free(d);
	}
	if (rc == 0 && ctx->json) {
		fputs("{\"file\": ", ctx->out);
		out_json_print(ctx->out, out);
		fprintf(ctx->out, ", \"codings\": %lld}\n", n);
	} else if (rc == 0) {
		fprintf(ctx->out, "wrote '%s' for %s%s: %lld codings\n", out,
			o.coder, o.blind ? " (blind)" : "", n);
	}
	free_list(src, nsrc);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

int cmd_merge(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--dry-run", NULL };
	struct qc_args a;
	struct team_merge m;
	char *tmp = NULL;
	const char *other;
	int rc, dry;

	if (cli_args(ctx, argc, argv, flags, NULL, &a) < 0)
		return QC_EUSAGE;
	other = a.pos[0];
	dry = args_has(&a, "--dry-run");
	memset(&m, 0, sizeof(m));
	qc_buf_init(&m.conflicts);
	if (strlen(other) > 5 && !strcasecmp(other + strlen(other) - 5, ".qdpx")) {
		/* a REFI project: imported into a private copy beside ours first */
		struct store *t;
		struct refi_import_opts io = { 0, NULL, NULL };
		struct refi_counts c;
		struct refi_loss loss;
		/* named for this run: a later one removes it (and its WAL)
		 * if this one is killed */
		int fd = outfile_temp(ctx->store->path, &tmp, &ctx->err);
		if (fd < 0) {
			rc = fd;
			goto out;
		}
		close(fd);
		unlink(tmp);	/* store_create makes it again, O_EXCL */
		char *lang = store_get_setting(ctx->store, "lang");
		rc = store_create(tmp, "merge", lang ? lang : "nl", &t, &ctx->err);
		free(lang);
		if (rc == 0) {
			refi_loss_init(&loss);
			rc = refi_import_file(t, other, &io, &c, &loss, &ctx->err);
			refi_loss_release(&loss);
			store_close(t);
		}
		if (rc < 0)
			goto out;
		other = tmp;
	}
	rc = team_merge_db(ctx->store, other, dry, &m, &ctx->err);
	if (rc < 0)
		goto out;
	if (ctx->json) {
		fprintf(ctx->out, "{\"dry_run\": %s, \"sources_new\": %lld,"
			" \"sources_matched\": %lld, \"codes_new\": %lld,"
			" \"codings_new\": %lld, \"codings_duplicate\": %lld,"
			" \"memos_new\": %lld, \"coders_new\": %lld, \"conflicts\": ",
			dry ? "true" : "false", m.sources_new, m.sources_same,
			m.codes_new, m.codings_new, m.codings_dup, m.memos_new,
			m.coders_new);
		out_json_print(ctx->out, m.conflicts.buf);
		fputs("}\n", ctx->out);
	} else {
		fprintf(ctx->out, "%s%lld new sources (%lld matched by text),"
			" %lld new codes, %lld new codings (%lld already here),"
			" %lld new memos, %lld new coders\n",
			dry ? "would merge: " : "merged: ", m.sources_new,
			m.sources_same, m.codes_new, m.codings_new, m.codings_dup,
			m.memos_new, m.coders_new);
		if (m.conflicts.len) {
			fputs("conflicts (nothing overwritten):\n", ctx->out);
			for (const char *p = m.conflicts.buf; *p;) {
				const char *nl = strchr(p, '\n');
				size_t n = nl ? (size_t)(nl - p) : strlen(p);
				fprintf(ctx->out, "  %.*s\n", (int)n, p);
				p += n + (nl ? 1 : 0);
			}
		}
	}
out:
	if (tmp) {
		char *w = xasprintf("%s-wal", tmp), *sh = xasprintf("%s-shm", tmp);
		unlink(tmp);
		unlink(w);
		unlink(sh);
		free(w);
		free(sh);
		free(tmp);
	}
	qc_buf_release(&m.conflicts);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

/* ---- agreement data ---- */

struct span {
	long long start, end;
	int ki, si, ci;		/* indexes of its code, source and coder */
};

struct unit {
	long long start, end;
};

struct data {
	long long *coders;	/* coder ids */
	char **coder_names;
	int ncoders;
	long long *codes;	/* code ids */
	char **code_names;
	int ncodes;
	struct span *sp;	/* codings, by code, source, coder and start */
	size_t nsp;
	size_t *code_first;	/* ncodes + 1: each code's first span */
	struct unit *un;	/* units, by source and start */
	size_t nun, aun;
	size_t *src_first;	/* nsrc + 1: each source's first unit */
	long long *src;		/* source ids, ascending */
	long long *src_chars;
	size_t nsrc;
	char *present;		/* nsrc x ncoders: coder coded the source */
};

static void data_free(struct data *d)
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
}

static int in_list(char **v, int n, const char *s)
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

static void add_unit(struct data *d, long long a, long long b)
{
	if (d->nun == d->aun) {
		d->aun = d->aun ? 2 * d->aun : 4096;
		d->un = xreallocarray(d->un, d->aun, sizeof(*d->un));
	}
	d->un[d->nun++] = (struct unit){ a, b };
}

/* Sentences of a segment: ends at . ! ? followed by a space or the end,
 * or at a line break. */
static void add_sentences(struct data *d, long long base, const char *t)
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
	const struct span *x = a, *y = b;

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

static int load_data(struct qc_ctx *ctx, const struct qc_args *a, const char *unit,
		     struct data *d)
{
	int ncl, ncd, nsl, rc = 0;
	char **cl = split_list(args_get(a, "--coders"), &ncl);
	char **cd = split_list(args_get(a, "--codes"), &ncd);
	char **sl = split_list(args_get(a, "--sources"), &nsl);
	struct idx *kidx = NULL;
	sqlite3_stmt *st;
	size_t asp = 0;

	memset(d, 0, sizeof(*d));
	/* coders: those named, else everyone who coded */
	st = store_prepare(ctx->store, "SELECT u.id, u.name FROM coders u WHERE"
			   " EXISTS (SELECT 1 FROM codings c WHERE c.coder_id ="
			   " u.id) ORDER BY u.name", &ctx->err);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 1);
		if (!in_list(cl, ncl, n))
			continue;
		d->coders = xreallocarray(d->coders, (size_t)d->ncoders + 1,
					  sizeof(long long));
		d->coder_names = xreallocarray(d->coder_names,
					       (size_t)d->ncoders + 1, sizeof(char *));
		d->coders[d->ncoders] = sqlite3_column_int64(st, 0);
		d->coder_names[d->ncoders++] = xstrdup(n);
	}
	sqlite3_finalize(st);
	for (int i = 0; i < ncl && rc == 0; i++)
		if (!in_list(d->coder_names, d->ncoders, cl[i]))
			rc = qc_err_set(&ctx->err, QC_EDATA, "coder '%s' has no"
					" codings", cl[i]);
	if (rc == 0 && d->ncoders < 2)
		rc = qc_err_set(&ctx->err, QC_EDATA, "agreement needs codings of at"
				" least two coders (found %d)", d->ncoders);
	/* codes: those named, else every code with codings */
	for (int i = 0; i < ncd && rc == 0; i++) {
		long long id;
		if ((rc = codebook_find(ctx->store, cd[i], &id, &ctx->err)) < 0)
			break;
		d->codes = xreallocarray(d->codes, (size_t)d->ncodes + 1,
					 sizeof(long long));
		d->code_names = xreallocarray(d->code_names, (size_t)d->ncodes + 1,
					      sizeof(char *));
		d->codes[d->ncodes] = id;
		d->code_names[d->ncodes++] = xstrdup(cd[i]);
	}
	if (rc == 0 && !ncd) {
		st = store_prepare(ctx->store, "SELECT k.id, k.short_id FROM codes k"
				   " WHERE EXISTS (SELECT 1 FROM codings c WHERE"
				   " c.code_id = k.id) ORDER BY k.ordinal, k.id",
				   &ctx->err);
		while (st && sqlite3_step(st) == SQLITE_ROW) {
			d->codes = xreallocarray(d->codes, (size_t)d->ncodes + 1,
						 sizeof(long long));
			d->code_names = xreallocarray(d->code_names,
						      (size_t)d->ncodes + 1,
						      sizeof(char *));
			d->codes[d->ncodes] = sqlite3_column_int64(st, 0);
			d->code_names[d->ncodes++] =
				xstrdup((const char *)sqlite3_column_text(st, 1));
		}
		sqlite3_finalize(st);
	}
	kidx = xcalloc((size_t)d->ncodes + 1, sizeof(*kidx));
	for (int k = 0; k < d->ncodes; k++)
		kidx[k] = (struct idx){ d->codes[k], k };
	qsort(kidx, (size_t)d->ncodes, sizeof(*kidx), idx_cmp);
	/* sources */
	st = rc < 0 ? NULL : store_prepare(ctx->store, "SELECT id, chars FROM"
					   " sources ORDER BY id", &ctx->err);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		char ref[32];
		snprintf(ref, sizeof(ref), "S%lld", sqlite3_column_int64(st, 0));
		if (!in_list(sl, nsl, ref))
			continue;
		d->src = xreallocarray(d->src, d->nsrc + 1, sizeof(long long));
		d->src_chars = xreallocarray(d->src_chars, d->nsrc + 1,
					     sizeof(long long));
		d->src[d->nsrc] = sqlite3_column_int64(st, 0);
		d->src_chars[d->nsrc++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	for (int i = 0; i < nsl && rc == 0; i++) {
		char *end;
		long long id = strtoll(sl[i] + (sl[i][0] == 'S' || sl[i][0] == 's'),
				       &end, 10);
		if (*end || find_id(d->src, d->nsrc, id) < 0)
			rc = qc_err_set(&ctx->err, QC_EDATA, "no source '%s'", sl[i]);
	}
	if (rc == 0) {
		d->present = xcalloc(d->nsrc * (size_t)d->ncoders + 1, 1);
		st = store_prepare(ctx->store, "SELECT source_id, start_cp, end_cp,"
				   " code_id, coder_id FROM codings", &ctx->err);
		while (st && sqlite3_step(st) == SQLITE_ROW) {
			long long si = find_id(d->src, d->nsrc,
					       sqlite3_column_int64(st, 0));
			long long coder = sqlite3_column_int64(st, 4);
			struct idx key = { sqlite3_column_int64(st, 3), 0 }, *k;
			int ci = -1;
			for (int c = 0; c < d->ncoders; c++)
				if (d->coders[c] == coder)
					ci = c;
			if (si < 0 || ci < 0)
				continue;
			d->present[(size_t)si * (size_t)d->ncoders + (size_t)ci] = 1;
			k = bsearch(&key, kidx, (size_t)d->ncodes, sizeof(*kidx),
				    idx_cmp);
			if (!k)
				continue;
			if (d->nsp == asp) {
				asp = asp ? 2 * asp : 4096;
				d->sp = xreallocarray(d->sp, asp, sizeof(*d->sp));
			}
			d->sp[d->nsp++] = (struct span){ sqlite3_column_int64(st, 1),
				sqlite3_column_int64(st, 2), k->i, (int)si, ci };
		}
		sqlite3_finalize(st);
		if (d->nsp)
			qsort(d->sp, d->nsp, sizeof(*d->sp), span_cmp);
		d->code_first = xcalloc((size_t)d->ncodes + 1, sizeof(size_t));
		for (size_t i = 0, k = 0; k <= (size_t)d->ncodes; k++) {
			while (i < d->nsp && d->sp[i].ki < (int)k)
				i++;
			d->code_first[k] = i;
		}
	}
	/* units: segments or sentences (chars are built per code); only
	 * sentences need the text */
	d->src_first = xcalloc(d->nsrc + 1, sizeof(size_t));
	for (size_t i = 0; i < d->nsrc; i++)
		d->src_first[i] = (size_t)-1;
	if (rc == 0 && strcmp(unit, "char")) {
		int sent = !strcmp(unit, "sentence");
		long long cur = -1;
		st = store_prepare(ctx->store, sent ?
				   "SELECT source_id, start_cp, end_cp, text FROM"
				   " segments ORDER BY source_id, start_cp" :
				   "SELECT source_id, start_cp, end_cp FROM"
				   " segments ORDER BY source_id, start_cp",
				   &ctx->err);
		while (st && sqlite3_step(st) == SQLITE_ROW) {
			long long s = sqlite3_column_int64(st, 0), si;
			if (s != cur) {
				cur = s;
				si = find_id(d->src, d->nsrc, s);
				if (si >= 0)
					d->src_first[si] = d->nun;
			} else {
				si = find_id(d->src, d->nsrc, s);
			}
			if (si < 0)
				continue;
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
	}
	free(kidx);
	free_list(cl, ncl);
	free_list(cd, ncd);
	free_list(sl, nsl);
	return rc;
}

static int lcmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

static void grow_rows(struct team_table *t, size_t *alloc, size_t more)
{
	if (t->nunits + more <= *alloc)
		return;
	while (*alloc < t->nunits + more)
		*alloc = *alloc ? 2 * *alloc : 256;
	t->v = xreallocarray(t->v, *alloc * (size_t)t->ncoders, sizeof(int));
	t->w = xreallocarray(t->w, *alloc, sizeof(double));
}

/* The first of code k's spans in source si or a later one. */
static size_t first_span(const struct data *d, int k, size_t si)
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

/* Append the units x coders rows of code k (only the coders in col: the
 * table column of each coder, or -1), of source only_si or all (-1). */
static void add_rows(const struct data *d, int k, const char *unit,
		     const int *col, struct team_table *t, size_t *alloc,
		     long long only_si)
{
	int nc = t->ncoders;
	size_t end = d->code_first[k + 1];
	size_t si0 = only_si >= 0 ? (size_t)only_si : 0;
	size_t si1 = only_si >= 0 ? (size_t)only_si + 1 : d->nsrc;
	size_t i = first_span(d, k, si0);

	for (size_t si = si0; si < si1; si++) {
		const char *pr = d->present + si * (size_t)d->ncoders;
		size_t from = i;

		while (i < end && d->sp[i].si == (int)si)
			i++;
		if (!strcmp(unit, "char")) {
			/* stretches of the source where no coding of this code
			 * starts or ends: one unit each, weighted by length */
			size_t ncut = 0, base = t->nunits;
			long long *cut = xcalloc(2 * (i - from) + 2, sizeof(long long));
			int *diff;
			cut[ncut++] = 0;
			cut[ncut++] = d->src_chars[si];
			for (size_t x = from; x < i; x++) {
				cut[ncut++] = d->sp[x].start;
				cut[ncut++] = d->sp[x].end;
			}
			qsort(cut, ncut, sizeof(long long), lcmp);
			{
				size_t u = 0;
				for (size_t x = 0; x < ncut; x++)
					if (!u || cut[x] != cut[u - 1])
						cut[u++] = cut[x];
				ncut = u;
			}
			if (ncut < 2) {
				free(cut);
				continue;
			}
			grow_rows(t, alloc, ncut - 1);
			diff = xcalloc(ncut * (size_t)nc, sizeof(int));
			for (size_t x = from; x < i; x++) {
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
			continue;
		}
		{
			size_t u0 = d->src_first[si], u1 = d->src_first[si + 1];
			size_t base = t->nunits;
			if (u1 <= u0)
				continue;
			grow_rows(t, alloc, u1 - u0);
			for (size_t u = u0; u < u1; u++) {
				for (int c = 0; c < d->ncoders; c++)
					if (col[c] >= 0)
						t->v[(base + u - u0) * (size_t)nc +
						     (size_t)col[c]] = pr[c] ? 0 : -1;
				t->w[base + u - u0] = 1;
			}
			/* each coding marks the units it overlaps */
			for (size_t x = from; x < i; x++) {
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
						t->v[(base + a - u0) * (size_t)nc +
						     (size_t)j] = 1;
			}
			t->nunits += u1 - u0;
		}
	}
}

/* Add table t, compressed, to the accumulated table acc. */
static void accumulate(struct team_table *acc, size_t *alloc,
		       struct team_table *t)
{
	struct team_table c;

	team_compress(t, &c);
	grow_rows(acc, alloc, c.nunits);
	acc->n = xreallocarray(acc->n, *alloc, sizeof(double));
	memcpy(acc->v + acc->nunits * (size_t)acc->ncoders, c.v,
	       c.nunits * (size_t)c.ncoders * sizeof(int));
	memcpy(acc->w + acc->nunits, c.w, c.nunits * sizeof(double));
	memcpy(acc->n + acc->nunits, c.n, c.nunits * sizeof(double));
	acc->nunits += c.nunits;
	free(c.v);
	free(c.w);
	free(c.n);
	t->nunits = 0;
}

struct row {
	char *label;
	size_t units;		/* units; characters at --unit char */
	double pct, cohen, fleiss, alpha, lo, hi;
	double au, au_lo, au_hi;	/* alpha_u and its interval (char) */
	size_t au_src;		/* sources alpha_u is over */
	int ncoders;
};

#define BOOT_REPS 1000
#define BOOT_SEED 20261122ULL

/* The statistics of table t into r. At --unit char (chars) a unit is a
 * stretch of characters, counted by its length, and there is no interval
 * for alpha: characters side by side are not independent draws (alpha_u
 * has an interval over sources instead). */
static void compute(const struct team_table *t, double level, int chars,
		    struct row *r)
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
	r->lo = r->hi = NAN;
	if (!chars)
		team_bootstrap(&c, team_alpha, BOOT_REPS, level, BOOT_SEED,
			       &r->lo, &r->hi);
	free(c.v);
	free(c.w);
	free(c.n);
}

/* Every code's sections for alpha_u (u[k] for code k, the caller frees
 * them), over the sources that each coder in col (the table column of each
 * coder, or -1) coded something in, or only source only_si (-1: all).
 * Returns how many sources that is. */
static size_t unitize_codes(const struct data *d, const int *col, int ncols,
			    long long only_si, struct team_unitized **u)
{
	long long *map = xcalloc(d->nsrc + 1, sizeof(long long));
	long long *len = xcalloc(d->nsrc + 1, sizeof(long long));
	struct team_coding *c = NULL;
	size_t nin = 0, ac = 0;

	for (size_t s = 0; s < d->nsrc; s++) {
		int all = d->src_chars[s] > 0 &&
			  (only_si < 0 || (long long)s == only_si);
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
		for (size_t i = first_span(d, k, only_si >= 0 ? (size_t)only_si : 0);
		     i < d->code_first[k + 1]; i++) {
			const struct span *p = &d->sp[i];
			if (only_si >= 0 && p->si != only_si)
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

static void fmt(char *b, size_t n, double v, int pct)
{
	if (isnan(v))
		snprintf(b, n, "-");
	else if (pct)
		snprintf(b, n, "%.1f%%", 100 * v);
	else
		snprintf(b, n, "%.3f", v);
}

static struct row *add_row(struct row **rows, int *nrows, char *label)
{
	struct row *r;

	*rows = xreallocarray(*rows, (size_t)*nrows + 1, sizeof(**rows));
	r = &(*rows)[*nrows];
	memset(r, 0, sizeof(*r));
	r->label = label;
	r->au = r->au_lo = r->au_hi = NAN;
	(*nrows)++;
	return r;
}

static int agreement_rows(struct qc_ctx *ctx, const struct qc_args *a,
			  struct row **rows, int *nrows, struct data *d,
			  struct qc_err *e)
{
	const char *unit = args_get(a, "--unit") ? args_get(a, "--unit") : "segment";
	const char *by = args_get(a, "--by") ? args_get(a, "--by") : "code";
	double level = args_get(a, "--ci") ? atof(args_get(a, "--ci")) : 0.95;
	struct team_table t = { NULL, 0, 0, 2, NULL, NULL };
	size_t al = 0;
	int *col, rc, chars = !strcmp(unit, "char");
	const struct team_unitized *const *cu;
	struct team_unitized **u;
	double *lo, *hi;

	*rows = NULL;
	*nrows = 0;
	memset(d, 0, sizeof(*d));
	if (strcmp(unit, "segment") && strcmp(unit, "sentence") && strcmp(unit, "char"))
		return qc_err_set(e, QC_EUSAGE, "--unit is segment, sentence or"
				  " char, not '%s'", unit);
	if (strcmp(by, "code") && strcmp(by, "source") && strcmp(by, "coder-pair"))
		return qc_err_set(e, QC_EUSAGE, "--by is code, source or"
				  " coder-pair, not '%s'", by);
	if (level <= 0 || level >= 1)
		return qc_err_set(e, QC_EUSAGE, "--ci is a level between 0 and 1,"
				  " like 0.95");
	if ((rc = load_data(ctx, a, unit, d)) < 0)
		return rc;
	col = xcalloc((size_t)d->ncoders, sizeof(int));
	for (int c = 0; c < d->ncoders; c++)
		col[c] = c;
	t.ncoders = d->ncoders;
	/* alpha_u (at --unit char): one code's sections each */
	u = xcalloc((size_t)d->ncodes + 1, sizeof(*u));
	cu = (const struct team_unitized *const *)u;
	lo = xcalloc((size_t)d->ncodes + 1, sizeof(double));
	hi = xcalloc((size_t)d->ncodes + 1, sizeof(double));
	if (!strcmp(by, "code")) {
		struct team_table tot = { NULL, 0, d->ncoders, 2, NULL, NULL };
		size_t atot = 0;
		int first = *nrows;
		for (int k = 0; k < d->ncodes; k++) {
			t.nunits = 0;
			add_rows(d, k, unit, col, &t, &al, -1);
			compute(&t, level, chars, add_row(rows, nrows,
				xstrdup(d->code_names[k])));
			accumulate(&tot, &atot, &t);
		}
		compute(&tot, level, chars, add_row(rows, nrows,
						    xstrdup("(all codes)")));
		free(tot.v);
		free(tot.w);
		free(tot.n);
		if (chars) {
			/* every code and all of them from the same resamples */
			size_t ns = unitize_codes(d, col, d->ncoders, -1, u);
			team_alpha_u_bootstrap(cu, d->ncodes, BOOT_REPS, level,
					       BOOT_SEED, lo, hi);
			for (int k = 0; k <= d->ncodes; k++) {
				struct row *r = &(*rows)[first + k];
				r->au = team_alpha_u(cu + (k < d->ncodes ? k : 0),
						     k < d->ncodes ? 1 : d->ncodes);
				r->au_lo = lo[k];
				r->au_hi = hi[k];
				r->au_src = ns;
			}
			for (int k = 0; k < d->ncodes; k++)
				team_unitized_free(u[k]);
		}
	} else if (!strcmp(by, "source")) {
		for (size_t s = 0; s < d->nsrc; s++) {
			struct row *r;
			t.nunits = 0;
			for (int k = 0; k < d->ncodes; k++)
				add_rows(d, k, unit, col, &t, &al, (long long)s);
			r = add_row(rows, nrows, xasprintf("S%lld", d->src[s]));
			compute(&t, level, chars, r);
			if (!chars)
				continue;
			/* one source: alpha_u, but nothing to resample */
			r->au_src = unitize_codes(d, col, d->ncoders, (long long)s, u);
			r->au = team_alpha_u(cu, d->ncodes);
			for (int k = 0; k < d->ncodes; k++)
				team_unitized_free(u[k]);
		}
	} else {
		t.ncoders = 2;
		for (int x = 0; x < d->ncoders; x++)
			for (int y = x + 1; y < d->ncoders; y++) {
				struct team_table acc = { NULL, 0, 2, 2, NULL, NULL };
				size_t aacc = 0;
				for (int c = 0; c < d->ncoders; c++)
					col[c] = c == x ? 0 : c == y ? 1 : -1;
				struct row *r;
				for (int k = 0; k < d->ncodes; k++) {
					t.nunits = 0;
					add_rows(d, k, unit, col, &t, &al, -1);
					accumulate(&acc, &aacc, &t);
				}
				r = add_row(rows, nrows, xasprintf("%s + %s",
					d->coder_names[x], d->coder_names[y]));
				compute(&acc, level, chars, r);
				free(acc.v);
				free(acc.w);
				free(acc.n);
				if (!chars)
					continue;
				r->au_src = unitize_codes(d, col, 2, -1, u);
				r->au = team_alpha_u(cu, d->ncodes);
				team_alpha_u_bootstrap(cu, d->ncodes, BOOT_REPS, level,
						       BOOT_SEED, lo, hi);
				r->au_lo = lo[d->ncodes];
				r->au_hi = hi[d->ncodes];
				for (int k = 0; k < d->ncodes; k++)
					team_unitized_free(u[k]);
			}
	}
	free(u);
	free(lo);
	free(hi);
	free(t.v);
	free(t.w);
	free(col);
	return 0;
}

static void rows_free(struct row *r, int n)
{
	for (int i = 0; i < n; i++)
		free(r[i].label);
	free(r);
}

static void fmt_ci(char *b, size_t n, double lo, double hi)
{
	if (isnan(lo))
		snprintf(b, n, "-");
	else
		snprintf(b, n, "%.3f–%.3f", lo, hi);
}

int cmd_agreement(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--tsv", "--csv", NULL };
	static const char *const valued[] = { "--coders", "--codes", "--sources",
		"--unit", "--by", "--ci", NULL };
	static const char *const head[] = { "", "units", "agreement",
		"Cohen κ", "Fleiss κ", "Krippendorff α", "α CI" };
	static const char *const head_char[] = { "", "chars", "agreement",
		"Cohen κ", "Fleiss κ", "Krippendorff α", "sources",
		"Krippendorff αu", "αu CI" };
	struct qc_args a;
	struct row *rows;
	struct data d;
	const char *unit;
	int n, rc, sep, chars;

	if (cli_args(ctx, argc, argv, flags, valued, &a) < 0)
		return QC_EUSAGE;
	sep = args_has(&a, "--csv") ? ',' : args_has(&a, "--tsv") ? '\t' : 0;
	unit = args_get(&a, "--unit") ? args_get(&a, "--unit") : "segment";
	chars = !strcmp(unit, "char");
	rc = agreement_rows(ctx, &a, &rows, &n, &d, &ctx->err);
	if (rc < 0) {
		data_free(&d);
		args_release(&a);
		return -rc;
	}
	if (ctx->json) {
		fputs("[", ctx->out);
		for (int i = 0; i < n; i++) {
			fprintf(ctx->out, "%s{\"name\": ", i ? ", " : "");
			out_json_print(ctx->out, rows[i].label);
			fprintf(ctx->out, ", \"units\": %zu, \"coders\": %d", rows[i].units,
				rows[i].ncoders);
			const char *k[] = { "agreement", "cohen_kappa", "fleiss_kappa",
				"alpha", "alpha_lo", "alpha_hi", "alpha_u",
				"alpha_u_lo", "alpha_u_hi" };
			double v[] = { rows[i].pct, rows[i].cohen, rows[i].fleiss,
				rows[i].alpha, rows[i].lo, rows[i].hi, rows[i].au,
				rows[i].au_lo, rows[i].au_hi };
			if (chars)
				fprintf(ctx->out, ", \"sources\": %zu", rows[i].au_src);
			for (int j = 0; j < (chars ? 9 : 6); j++) {
				if (isnan(v[j]))
					fprintf(ctx->out, ", \"%s\": null", k[j]);
				else
					fprintf(ctx->out, ", \"%s\": %.4f", k[j], v[j]);
			}
			fputs("}", ctx->out);
		}
		fputs("]\n", ctx->out);
	} else {
		struct out_table t;
		char level[32];
		const char *hd[9];
		int nh = chars ? 9 : 7, undef = 0, noci = 0;
		memcpy(hd, chars ? head_char : head, sizeof(char *) * (size_t)nh);
		hd[0] = args_get(&a, "--by") ? args_get(&a, "--by") : "code";
		out_table_init(&t, nh, hd);
		t.right = chars ? 0x1fe : 0x7e;
		for (int i = 0; i < n; i++) {
			char c[8][40];
			snprintf(c[0], 40, "%zu", rows[i].units);
			fmt(c[1], 40, rows[i].pct, 1);
			fmt(c[2], 40, rows[i].cohen, 0);
			fmt(c[3], 40, rows[i].fleiss, 0);
			fmt(c[4], 40, rows[i].alpha, 0);
			if (chars) {
				snprintf(c[5], 40, "%zu", rows[i].au_src);
				fmt(c[6], 40, rows[i].au, 0);
				fmt_ci(c[7], 40, rows[i].au_lo, rows[i].au_hi);
				undef |= isnan(rows[i].au);
				noci |= !isnan(rows[i].au) && isnan(rows[i].au_lo);
			} else {
				fmt_ci(c[5], 40, rows[i].lo, rows[i].hi);
			}
			out_table_add(&t, (const char *const[]){ rows[i].label, c[0],
				c[1], c[2], c[3], c[4], c[5], c[6], c[7] });
		}
		if (sep) {
			out_table_print_sep(&t, ctx->out, (char)sep);
		} else {
			out_table_print(&t, ctx->out);
			snprintf(level, sizeof(level), "%g",
				 100 * (args_get(&a, "--ci") ? atof(args_get(&a, "--ci")) :
					0.95));
			if (chars)
				fprintf(ctx->out, "%d coders; unit: char (α with each"
					" character a unit); αu: Krippendorff's"
					" unitized α over the sources each coder of the"
					" row coded, end to end; αu CI: %s%% bootstrap"
					" over those sources (%d resamples, fixed"
					" seed)\n", d.ncoders, level, BOOT_REPS);
			else
				fprintf(ctx->out, "%d coders; unit: %s; α CI: %s%%"
					" bootstrap over units (%d resamples, fixed"
					" seed)\n", d.ncoders, unit, level, BOOT_REPS);
			if (d.ncoders > 2 && strcmp(hd[0], "coder-pair"))
				fputs("Cohen κ is for two coders: see --by"
				      " coder-pair\n", ctx->out);
			for (int i = 0; i < n; i++)
				if (isnan(rows[i].alpha) || isnan(rows[i].pct) ||
				    (d.ncoders == 2 && isnan(rows[i].cohen))) {
					fputs("-: not defined: no unit judged by two"
					      " coders, or every judgement had the same"
					      " value (a code used nowhere, or"
					      " everywhere), so chance agreement is"
					      " total\n", ctx->out);
					break;
				}
			if (undef)
				fputs("αu -: not defined: no one used the code in"
				      " those sources, or no source was coded by"
				      " each coder\n", ctx->out);
			if (noci)
				fputs("αu CI -: fewer than two sources to"
				      " resample\n", ctx->out);
		}
		out_table_release(&t);
	}
	rows_free(rows, n);
	data_free(&d);
	args_release(&a);
	return QC_OK;
}

/* ---- disagreements ---- */

struct dis {
	char ref[40];
	char *who, *text;	/* text: "speaker: turn" */
	char *kwic;		/* the coded words in context (plain output) */
};

static int find_disagreements(struct qc_ctx *ctx, long long code, const char *ca,
			      const char *cb, struct dis **out, size_t *n,
			      struct redactor *red, int context)
{
	sqlite3_stmt *st = store_prepare(ctx->store,
		"WITH x AS (SELECT c.segment_id AS seg, u.name AS coder,"
		" min(c.start_cp) AS a, max(c.end_cp) AS b FROM codings c"
		" JOIN coders u ON u.id = c.coder_id WHERE c.code_id = ?1 AND"
		" u.name IN (?2, ?3) AND c.segment_id IS NOT NULL GROUP BY 1, 2)"
		" SELECT g.source_id, g.ordinal, x.coder, coalesce(p.pseudonym,"
		" g.speaker, ''), g.text, max(x.a - g.start_cp, 0),"
		" min(x.b, g.end_cp) - g.start_cp FROM x JOIN segments g ON"
		" g.id = x.seg"
		" LEFT JOIN participants p ON p.id = g.participant_id"
		" WHERE (SELECT count(*) FROM x y WHERE y.seg = x.seg) = 1"
		" AND EXISTS (SELECT 1 FROM codings c JOIN coders u ON"
		" u.id = c.coder_id WHERE c.source_id = g.source_id AND u.name ="
		" CASE x.coder WHEN ?2 THEN ?3 ELSE ?2 END)"
		" ORDER BY g.source_id, g.ordinal", &ctx->err);

	*out = NULL;
	*n = 0;
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, code);
	sqlite3_bind_text(st, 2, ca, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, cb, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct dis x;
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
			if (redactor_apply(red, b.buf, b.len, &r, &ctx->err) < 0) {
				qc_err_prefix(&ctx->err, "%s", x.ref);
				qc_buf_release(&r);
				qc_buf_release(&b);
				free(x.who);
				sqlite3_finalize(st);
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

static void dis_free(struct dis *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].who);
		free(v[i].text);
		free(v[i].kwic);
	}
	free(v);
}

/* The two coders: --coders A,B, else the first two who coded. */
static int two_coders(struct qc_ctx *ctx, const char *list, char **a, char **b)
{
	int n;
	char **v = split_list(list, &n);

	*a = *b = NULL;
	if (!list) {
		sqlite3_stmt *st = store_prepare(ctx->store, "SELECT DISTINCT u.name"
			" FROM coders u JOIN codings c ON c.coder_id = u.id ORDER BY"
			" u.name LIMIT 2", &ctx->err);
		while (st && sqlite3_step(st) == SQLITE_ROW) {
			v = xreallocarray(v, (size_t)n + 1, sizeof(char *));
			v[n++] = xstrdup((const char *)sqlite3_column_text(st, 0));
		}
		sqlite3_finalize(st);
	}
	if (n != 2) {
		free_list(v, n);
		return qc_err_set(&ctx->err, QC_EDATA, "disagreements compare two"
				  " coders: give --coders A,B");
	}
	*a = v[0];
	*b = v[1];
	free(v);
	return 0;
}

int cmd_disagreements(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const valued[] = { "--coders", "--context", NULL };
	struct qc_args a;
	long long code;
	char *ca = NULL, *cb = NULL;
	struct dis *v = NULL;
	size_t n = 0;
	int rc, ctxw;

	if (cli_args(ctx, argc, argv, NULL, valued, &a) < 0)
		return QC_EUSAGE;
	ctxw = args_get(&a, "--context") ? atoi(args_get(&a, "--context")) : 8;
	if ((rc = codebook_find(ctx->store, a.pos[0], &code, &ctx->err)) < 0 ||
	    (rc = two_coders(ctx, args_get(&a, "--coders"), &ca, &cb)) < 0 ||
	    (rc = find_disagreements(ctx, code, ca, cb, &v, &n, NULL, ctxw)) < 0)
		goto out;
	if (ctx->json) {
		fputs("[", ctx->out);
		for (size_t i = 0; i < n; i++) {
			fprintf(ctx->out, "%s{\"ref\": \"%s\", \"coded_by\": ",
				i ? ", " : "", v[i].ref);
			out_json_print(ctx->out, v[i].who);
			fputs(", \"text\": ", ctx->out);
			out_json_print(ctx->out, v[i].text);
			fputs(", \"context\": ", ctx->out);
			out_json_print(ctx->out, v[i].kwic);
			fputs("}", ctx->out);
		}
		fputs("]\n", ctx->out);
	} else {
		/* keyword in context: the words the one coder coded, with
		 * --context words on each side */
		struct qc_buf t1 = QC_BUF_INIT, t2 = QC_BUF_INIT;
		for (size_t i = 0; i < n; i++)
			fprintf(ctx->out, "%-8s only %s: %s\n", v[i].ref,
				out_text(&t1, v[i].who), out_text(&t2, v[i].kwic));
		qc_buf_release(&t1);
		qc_buf_release(&t2);
		fprintf(ctx->out, "%zu segment%s coded with %s by one of %s and %s,"
			" not the other\n", n, n == 1 ? "" : "s", a.pos[0], ca, cb);
	}
out:
	dis_free(v, n);
	free(ca);
	free(cb);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

/* ---- report agreement ---- */

int cmd_report_agreement(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const valued[] = { "-o", "--output", "--coders",
		"--codes", "--sources", "--unit", "--ci", NULL };
	struct qc_args a;
	struct row *rows = NULL;
	struct data d;
	struct pdf *p = NULL;
	struct redactor *red = NULL;
	const char *out;
	char now[32];
	int n = 0, rc;

	if (cli_args(ctx, argc, argv, NULL, valued, &a) < 0)
		return QC_EUSAGE;
	out = args_get(&a, "-o") ? args_get(&a, "-o") : args_get(&a, "--output");
	memset(&d, 0, sizeof(d));
	if (!out) {
		args_release(&a);
		cli_usage(ctx, "report agreement");
		return QC_EUSAGE;
	}
	if ((rc = agreement_rows(ctx, &a, &rows, &n, &d, &ctx->err)) < 0 ||
	    (rc = redactor_open(ctx->store, NULL, &red, &ctx->err)) < 0)
		goto out;
	store_now(now);
	if ((rc = pdf_new("Intercodeursbetrouwbaarheid", "Intercodeursbetrouwbaarheid",
			  now, &p, &ctx->err)) < 0)
		goto out;
	{
		float w = pdf_width(p);
		const char **cells = xcalloc((size_t)n * 6 + 1, sizeof(char *));
		char (*num)[40] = xcalloc((size_t)n * 6 + 1, sizeof(*num));
		const char **labels = xcalloc((size_t)n + 1, sizeof(char *));
		double *vals = xcalloc((size_t)n + 1, sizeof(double));
		struct pdf_rgb *col = xcalloc((size_t)n + 1, sizeof(*col));
		const char *unit = args_get(&a, "--unit") ? args_get(&a, "--unit") :
				   "segment";
		int nb = 0, chars = !strcmp(unit, "char");
		char *intro;

		pdf_heading(p, 1, "Overeenstemming tussen codeurs", PDF_ACCENT);
		intro = xasprintf("%d codeurs (%s%s%s). Eenheid: %s. Per code: het"
			" aandeel overeenstemmende paren, Cohens κ (bij twee codeurs),"
			" Fleiss' κ en %s.",
			d.ncoders, d.coder_names[0], d.ncoders > 1 ? ", " : "",
			d.ncoders > 1 ? d.coder_names[1] : "", unit, chars ?
			"Krippendorffs αu voor het afbakenen van tekst (Krippendorff"
			" 2004) over de bronnen die iedere codeur codeerde, met een"
			" bootstrap-betrouwbaarheidsinterval over bronnen" :
			"Krippendorffs α (nominaal, met ontbrekende waarden) met een"
			" bootstrap-betrouwbaarheidsinterval");
		pdf_para(p, intro, PDF_REGULAR, 10, 0, PDF_INK);
		free(intro);
		pdf_skip(p, 8);
		for (int i = 0; i < n; i++) {
			/* at --unit char the last column is alpha_u */
			double al = chars ? rows[i].au : rows[i].alpha;
			double lo = chars ? rows[i].au_lo : rows[i].lo;
			double hi = chars ? rows[i].au_hi : rows[i].hi;
			cells[i * 6] = rows[i].label;
			snprintf(num[i * 6 + 1], 40, "%zu", rows[i].units);
			fmt(num[i * 6 + 2], 40, rows[i].pct, 1);
			fmt(num[i * 6 + 3], 40, rows[i].cohen, 0);
			fmt(num[i * 6 + 4], 40, rows[i].fleiss, 0);
			if (isnan(al))
				snprintf(num[i * 6 + 5], 40, "-");
			else if (isnan(lo))
				snprintf(num[i * 6 + 5], 40, "%.3f", al);
			else
				snprintf(num[i * 6 + 5], 40, "%.3f (%.2f–%.2f)",
					 al, lo, hi);
			for (int j = 1; j < 6; j++)
				cells[i * 6 + j] = num[i * 6 + j];
			if (!isnan(al)) {
				labels[nb] = rows[i].label;
				vals[nb] = round(al * 100) / 100;
				col[nb++] = al >= 0.667 ? PDF_FACILITATING :
					    PDF_HINDERING;
			}
		}
		pdf_table(p, 6, (const float[]){ 0.30f * w, 0.09f * w, 0.13f * w,
			  0.12f * w, 0.12f * w, 0.24f * w },
			  (const char *const[]){ "code", chars ? "tekens" :
			  "eenheden", "overeenst.", "Cohen κ", "Fleiss κ", chars ?
			  "Krippendorff αu (CI)" : "Krippendorff α (CI)" }, cells, n,
			  0x3e);
		pdf_heading(p, 2, chars ? "Krippendorffs αu per code" :
			    "Krippendorffs α per code", PDF_ACCENT);
		pdf_bars(p, nb, labels, vals, col, 2,
			 chars ? (const char *const[]){ "αu ≥ 0,667", "αu < 0,667" } :
			 (const char *const[]){ "α ≥ 0,667", "α < 0,667" },
			 (const struct pdf_rgb[]){ PDF_FACILITATING, PDF_HINDERING });
		free(cells);
		free(num);
		free(labels);
		free(vals);
		free(col);
	}
	if (d.ncoders >= 2) {
		pdf_page(p);
		pdf_heading(p, 1, "Waar codeurs verschillen", PDF_ACCENT);
		/* per code, every pair of coders */
		for (int k = 0; k < d.ncodes; k++) {
			int head = 0;
			for (int x = 0; x < d.ncoders; x++)
				for (int y = x + 1; y < d.ncoders; y++) {
					struct dis *v;
					size_t nv;
					if ((rc = find_disagreements(ctx, d.codes[k],
							d.coder_names[x], d.coder_names[y],
							&v, &nv, red, 0)) < 0)
						goto out;
					if (nv && !head++)
						pdf_heading(p, 3, d.code_names[k],
							    PDF_ACCENT);
					for (size_t i = 0; i < nv; i++) {
						char *who = xasprintf("%s · alleen %s"
							" (niet %s)", v[i].ref, v[i].who,
							strcmp(v[i].who, d.coder_names[x]) ?
							d.coder_names[x] : d.coder_names[y]);
						pdf_quote(p, v[i].text, who,
							  PDF_HINDERING);
						free(who);
					}
					dis_free(v, nv);
				}
		}
	}
	rc = pdf_save(p, out, 0, &ctx->err);
	if (rc == 0) {
		char *dd = xasprintf("agreement report to %s", out);
		store_begin(ctx->store, &ctx->err);
		rc = store_audit(ctx->store, "report", dd, &ctx->err);
		if (rc == 0)
			rc = store_commit(ctx->store, &ctx->err);
		else
			store_rollback(ctx->store);
		free(dd);
	}
	if (rc == 0)
		fprintf(ctx->out, "wrote '%s': %d rows\n", out, n);
out:
	pdf_free(p);
	redactor_close(red);
	rows_free(rows, n);
	data_free(&d);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}
