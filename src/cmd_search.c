/* cmd_search: `search`, `hits` and `reindex`: arguments and printing. */
#include <stdlib.h>
#include <string.h>

#include "cmd_search.h"
#include "qcode/progress.h"
#include "qcode/out.h"
#include "qcode/search.h"
#include "qcode/sources.h"

static int parse_count(struct qc_ctx *ctx, const struct qc_args *a,
		       const char *name, int min, int *out)
{
	const char *v = args_get(a, name);
	char *end;
	long n;

	if (!v)
		return 0;
	n = strtol(v, &end, 10);
	if (*end || end == v || n < min || n > 1000000)
		return qc_err_set(&ctx->err, QC_EUSAGE, "%s takes a "
				  "number from %d", name, min);
	*out = (int)n;
	return 0;
}

/* A hit as JSON and TSV show it; the kwic column holds the context as
 * the form wants it (made visible on a terminal, except in JSON). */
static const struct out_col hit_cols[] = {
	{ "n", NULL, OUT_INT, 0 }, { "ref", NULL, OUT_REF, 0 },
	{ "source", NULL, OUT_INT, OUT_NOTABLE },
	{ "segment", NULL, OUT_INT, OUT_NOTABLE },
	{ "speaker", NULL, OUT_TEXT, 0 }, { "kind", NULL, OUT_TEXT, OUT_NOTABLE },
	{ "start_cp", NULL, OUT_INT, 0 }, { "end_cp", NULL, OUT_INT, 0 },
	{ "match", NULL, OUT_TEXT, OUT_NOTABLE }, { "kwic", NULL, OUT_TEXT, 0 },
	{ "text", NULL, OUT_TEXT, OUT_NOTABLE } };

static void hit_rows(struct out_rows *rows, const struct search_result *r,
		     int context, enum out_format fmt)
{
	struct qc_buf kw = QC_BUF_INIT;

	out_rows_init(rows, hit_cols, 11);
	rows->json_open = "\n  ";
	rows->json_sep = ",\n  ";
	rows->json_close = "\n";
	for (size_t k = 0; k < r->n; k++) {
		const struct search_hit *h = &r->hits[k];
		size_t len = strlen(h->text);

		qc_buf_reset(&kw);
		if (fmt == OUT_FMT_JSON)
			search_kwic(&kw, h->text, len, h->mstart, h->mend,
				    context, 0);
		else
			out_kwic(&kw, h->text, len, h->mstart, h->mend,
				 context, 0);
		out_rows_int(rows, (long long)k + 1);
		out_rows_ref(rows, h->source_id, h->ordinal);
		out_rows_int(rows, h->source_id);
		out_rows_int(rows, h->segment_id);
		out_rows_text(rows, h->speaker);
		out_rows_text(rows, h->kind ? h->kind : "");
		out_rows_int(rows, h->start_cp);
		out_rows_int(rows, h->end_cp);
		out_rows_textf(rows, "%.*s", (int)(h->mend - h->mstart),
			       h->text + h->mstart);
		out_rows_text(rows, kw.buf);
		out_rows_text(rows, h->text);
	}
	qc_buf_release(&kw);
}

/* Print a result set as KWIC lines, TSV or JSON. */
static void print_hits(struct qc_ctx *ctx, const char *query,
		       const struct search_result *r, int context,
		       enum out_format fmt)
{
	static const struct out_col cols[] = {
		{ "query", NULL, OUT_TEXT, 0 }, { "shown", NULL, OUT_INT, 0 },
		{ "more_segments", NULL, OUT_INT, 0 },
		{ "more_at_least", NULL, OUT_BOOL, 0 },
		{ "capped", NULL, OUT_BOOL, 0 }, { "hits", NULL, OUT_ROWS, 0 } };
	struct qc_buf b = QC_BUF_INIT, v = QC_BUF_INIT;
	struct out_rows hits, res;

	if (fmt != OUT_FMT_TABLE) {
		hit_rows(&hits, r, context, fmt);
		out_rows_record(&res, cols, 6);
		out_rows_text(&res, query ? query : "");
		out_rows_int(&res, (long long)r->n);
		out_rows_int(&res, r->more_segments);
		out_rows_bool(&res, r->more_atleast);
		out_rows_bool(&res, r->capped != 0);
		out_rows_sub(&res, &hits);
		out_rows_print(fmt == OUT_FMT_JSON ? &res : &hits, ctx->out, fmt);
		out_rows_release(&res);
		out_rows_release(&hits);
		return;
	}
	for (size_t k = 0; k < r->n; k++) {
		const struct search_hit *h = &r->hits[k];
		char ref[48];

		snprintf(ref, sizeof(ref), "S%lld:%d", h->source_id, h->ordinal);
		qc_buf_reset(&b);
		out_kwic(&b, h->text, strlen(h->text), h->mstart, h->mend,
			 context, ctx->color);
		fprintf(ctx->out, "%3zu  %-8s %s: %s\n", k + 1, ref,
			h->speaker ? out_text(&v, h->speaker) : "-", b.buf);
	}
	qc_buf_release(&b);
	qc_buf_release(&v);
	if (!r->n)
		fputs("no hits\n", ctx->out);
	else if (r->more_hits && r->more_segments)
		fprintf(ctx->out, "%zu hits shown; %s%lld more matching segments"
			" (--limit N to see more%s)\n", r->n,
			r->more_atleast ? "at least " : "", r->more_segments,
			r->more_atleast ? ", --count to count them all" : "");
	else if (r->more_hits)
		fprintf(ctx->out, "%zu hits shown; more in the last segment"
			" (--limit N to see more)\n", r->n);
	if (r->capped)
		fprintf(ctx->out, "ranked within the first %lld matching segments;"
			" narrow the query or use --order doc\n", r->capped);
}

/* search --count: hits and segments by source (with a total in the
 * table) and by kind. */
static void print_counts(struct qc_ctx *ctx, const struct search_counts *c)
{
	static const struct out_col src_cols[] = {
		{ "source", NULL, OUT_TEXT, 0 }, { "title", NULL, OUT_TEXT, 0 },
		{ "hits", NULL, OUT_INT, 0 }, { "segments", NULL, OUT_INT, 0 } };
	static const struct out_col kind_cols[] = {
		{ "kind", NULL, OUT_TEXT, 0 }, { "hits", NULL, OUT_INT, 0 },
		{ "segments", NULL, OUT_INT, 0 } };
	static const struct out_col cols[] = {
		{ "hits", NULL, OUT_INT, 0 }, { "segments", NULL, OUT_INT, 0 },
		{ "sources", NULL, OUT_ROWS, 0 }, { "kinds", NULL, OUT_ROWS, 0 } };
	struct out_rows src, kinds, all;

	out_rows_init(&src, src_cols, 4);
	for (size_t k = 0; k < c->nsource; k++) {
		out_rows_text(&src, c->by_source[k].key ? c->by_source[k].key : "");
		out_rows_text(&src, c->by_source[k].title ?
			      c->by_source[k].title : "");
		out_rows_int(&src, c->by_source[k].hits);
		out_rows_int(&src, c->by_source[k].segments);
	}
	out_rows_init(&kinds, kind_cols, 3);
	for (size_t k = 0; k < c->nkind; k++) {
		out_rows_text(&kinds, c->by_kind[k].key ? c->by_kind[k].key : "");
		out_rows_int(&kinds, c->by_kind[k].hits);
		out_rows_int(&kinds, c->by_kind[k].segments);
	}
	if (ctx->json) {
		out_rows_record(&all, cols, 4);
		out_rows_int(&all, c->hits);
		out_rows_int(&all, c->segments);
		out_rows_sub(&all, &src);
		out_rows_sub(&all, &kinds);
		out_rows_print(&all, ctx->out, OUT_FMT_JSON);
		out_rows_release(&all);
	} else {
		out_rows_text(&src, "total");
		out_rows_text(&src, "");
		out_rows_int(&src, c->hits);
		out_rows_int(&src, c->segments);
		out_rows_print(&src, ctx->out, OUT_FMT_TABLE);
		fputc('\n', ctx->out);
		out_rows_print(&kinds, ctx->out, OUT_FMT_TABLE);
	}
	out_rows_release(&src);
	out_rows_release(&kinds);
}

/* search --real-names: the speakers' labels instead of their pseudonyms,
 * written to the audit log. */
static int real_names(struct qc_ctx *ctx, struct search_result *r)
{
	long long *segs = xcalloc(r->n + 1, sizeof(*segs));
	char **labels;
	int rc;

	for (size_t i = 0; i < r->n; i++)
		segs[i] = r->hits[i].segment_id;
	rc = sources_speaker_labels(ctx->store, segs, r->n, &labels, &ctx->err);
	free(segs);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < r->n; i++)
		if (labels[i]) {
			free(r->hits[i].speaker);
			r->hits[i].speaker = labels[i];
		}
	free(labels);
	return store_audit(ctx->store, "real-names", "search", &ctx->err);
}

int cmd_search(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct search_opts o = { 0 };
	struct search_result r = { 0 };
	struct qc_buf q = QC_BUF_INIT, opts = QC_BUF_INIT;
	int context = 8, rc = 0;
	const char *order;

	/* Several words are one query: `search warme overdracht`. */
	for (int k = 0; k < a->npos; k++) {
		if (k)
			qc_buf_addch(&q, ' ');
		qc_buf_adds(&q, a->pos[k]);
	}
	o.query = q.buf;
	o.regex = args_has(a, "--regex");
	o.exact = args_has(a, "--exact");
	o.limit = 50;
	order = args_get(a, "--order");
	if (order && strcmp(order, "doc") == 0)
		o.order_doc = 1;
	else if (order && strcmp(order, "rank") != 0)
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--order takes "
				"rank or doc, not '%s'", order);
	if (o.regex && o.exact && !rc)
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--exact is for "
				"word queries; a pattern is exact already");
	if (!rc)
		rc = parse_count(ctx, a, "--limit", 0, &o.limit);
	if (!rc)
		rc = parse_count(ctx, a, "--context", 0, &context);
	if (args_has(a, "--full"))
		context = -1;
	args_filter(a, &o.f);
	if (rc < 0)
		goto out;
	if (args_has(a, "--count")) {
		struct search_counts c = { 0 };
		if ((rc = search_count(ctx->store, &o, &c, &ctx->err)) == 0)
			print_counts(ctx, &c);
		search_counts_release(&c);
		goto out;
	}
	if ((rc = search_run(ctx->store, &o, &r, &ctx->err)) < 0)
		goto out;
	if (args_has(a, "--real-names") &&
	    (rc = real_names(ctx, &r)) < 0)
		goto out;
	/* The options, as kept beside the hits: what produced them. */
	for (int k = 0; k < a->nopt; k++)
		qc_buf_addf(&opts, "%s%s%s%s", k ? " " : "", a->opts[k].name,
			    a->opts[k].value ? " " : "",
			    a->opts[k].value ? a->opts[k].value : "");
	/* kept for `hits` and `tag hits`, in a transaction of its own; a
	 * read-only project is searched without keeping them */
	if (!ctx->store->readonly)
		rc = search_save_hits(ctx->store, ctx->store->coder, o.query,
				      opts.buf, &r, &ctx->err);
	if (rc == 0)
		print_hits(ctx, o.query, &r, context, args_format(ctx, a));
out:
	free(o.f.attrs);
	search_result_release(&r);
	qc_buf_release(&q);
	qc_buf_release(&opts);
	return rc < 0 ? rc : 0;
}

int cmd_hits(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct search_result r = { 0 };
	char *query = NULL;
	int context = 8, rc;

	rc = parse_count(ctx, a, "--context", 0, &context);
	if (args_has(a, "--full"))
		context = -1;
	if (rc == 0)
		rc = search_load_hits(ctx->store, ctx->store->coder, &query, &r,
				      &ctx->err);
	if (rc == 0 && !query)
		rc = qc_err_set(&ctx->err, QC_EDATA, "no search yet; run "
				"'search QUERY' first");
	if (rc == 0)
		print_hits(ctx, query, &r, context, args_format(ctx, a));
	free(query);
	search_result_release(&r);
	return rc < 0 ? rc : 0;
}

int cmd_reindex(struct qc_ctx *ctx, const struct qc_args *a)
{
	const char *lang;
	char *now;
	int rc;

	lang = args_get(a, "--lang");
	progress_begin("reindexing", NULL, 0);
	rc = search_reindex(ctx->store, lang, &ctx->err);
	progress_end();
	if (rc == 0)
		rc = store_audit(ctx->store, "reindex", lang ? lang : "",
				 &ctx->err);
	now = store_get_setting(ctx->store, "lang");
	if (rc == 0) {
		if (ctx->json) {
			out_json_result(ctx->out, "lang", now ? now : "", NULL,
					NULL, 0);
		} else {
			fprintf(ctx->out, "index rebuilt (language %s)\n",
				now ? now : "?");
		}
	}
	free(now);
	return rc < 0 ? rc : 0;
}
