/* cmd_search: `search`, `hits` and `reindex`: arguments and printing. */
#include <stdlib.h>
#include <string.h>

#include "cmd_search.h"
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

static void print_hit_json(struct qc_buf *b, size_t n, const struct search_hit *h,
			   int context)
{
	struct qc_buf kw = QC_BUF_INIT;

	qc_buf_addf(b, "{\"n\": %zu, \"ref\": \"S%lld:%d\", \"source\": %lld,"
		    " \"segment\": %lld, \"speaker\": ", n, h->source_id,
		    h->ordinal, h->source_id, h->segment_id);
	if (h->speaker)
		out_json_str(b, h->speaker);
	else
		qc_buf_adds(b, "null");
	qc_buf_adds(b, ", \"kind\": ");
	out_json_str(b, h->kind ? h->kind : "");
	qc_buf_addf(b, ", \"start_cp\": %lld, \"end_cp\": %lld, \"match\": ",
		    h->start_cp, h->end_cp);
	char *m = xstrndup(h->text + h->mstart, h->mend - h->mstart);
	out_json_str(b, m);
	free(m);
	search_kwic(&kw, h->text, strlen(h->text), h->mstart, h->mend, context, 0);
	qc_buf_adds(b, ", \"kwic\": ");
	out_json_str(b, kw.buf);
	qc_buf_adds(b, ", \"text\": ");
	out_json_str(b, h->text);
	qc_buf_adds(b, "}");
	qc_buf_release(&kw);
}

/* Print a result set as KWIC lines, TSV or JSON. */
static void print_hits(struct qc_ctx *ctx, const char *query,
		       const struct search_result *r, int context, int tsv)
{
	struct qc_buf b = QC_BUF_INIT, v = QC_BUF_INIT;

	if (ctx->json) {
		qc_buf_adds(&b, "{\"query\": ");
		out_json_str(&b, query ? query : "");
		qc_buf_addf(&b, ", \"shown\": %zu, \"more_segments\": %lld,"
			    " \"more_at_least\": %s, \"capped\": %s, \"hits\": [",
			    r->n, r->more_segments, r->more_atleast ? "true" : "false",
			    r->capped ? "true" : "false");
		for (size_t k = 0; k < r->n; k++) {
			qc_buf_adds(&b, k ? ",\n  " : "\n  ");
			print_hit_json(&b, k + 1, &r->hits[k], context);
		}
		qc_buf_adds(&b, r->n ? "\n]}\n" : "]}\n");
		fputs(b.buf, ctx->out);
		qc_buf_release(&b);
		return;
	}
	if (tsv)
		fputs("n\tref\tspeaker\tstart_cp\tend_cp\tkwic\n", ctx->out);
	for (size_t k = 0; k < r->n; k++) {
		const struct search_hit *h = &r->hits[k];
		char ref[48];

		snprintf(ref, sizeof(ref), "S%lld:%d", h->source_id, h->ordinal);
		qc_buf_reset(&b);
		if (tsv) {
			out_kwic(&b, h->text, strlen(h->text), h->mstart,
				 h->mend, context, 0);
			for (size_t i = 0; i < b.len; i++)
				if (b.buf[i] == '\t')
					b.buf[i] = ' ';
			fprintf(ctx->out, "%zu\t%s\t%s\t%lld\t%lld\t%s\n", k + 1,
				ref, h->speaker ? out_text(&v, h->speaker) : "",
				h->start_cp,
				h->end_cp, b.buf);
			continue;
		}
		out_kwic(&b, h->text, strlen(h->text), h->mstart, h->mend,
			 context, ctx->color);
		fprintf(ctx->out, "%3zu  %-8s %s: %s\n", k + 1, ref,
			h->speaker ? out_text(&v, h->speaker) : "-", b.buf);
	}
	qc_buf_release(&b);
	qc_buf_release(&v);
	if (tsv)
		return;
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
		fprintf(ctx->out, "ranked within the first %d matching segments;"
			" narrow the query or use --order doc\n", SEARCH_RANK_CAP);
}

static void print_counts(struct qc_ctx *ctx, const struct search_counts *c)
{
	if (ctx->json) {
		struct qc_buf b = QC_BUF_INIT;
		qc_buf_addf(&b, "{\"hits\": %lld, \"segments\": %lld, \"sources\": [",
			    c->hits, c->segments);
		for (size_t k = 0; k < c->nsource; k++) {
			qc_buf_adds(&b, k ? ", " : "");
			qc_buf_adds(&b, "{\"source\": ");
			out_json_str(&b, c->by_source[k].key);
			qc_buf_adds(&b, ", \"title\": ");
			out_json_str(&b, c->by_source[k].title ?
				     c->by_source[k].title : "");
			qc_buf_addf(&b, ", \"hits\": %lld, \"segments\": %lld}",
				    c->by_source[k].hits, c->by_source[k].segments);
		}
		qc_buf_adds(&b, "], \"kinds\": [");
		for (size_t k = 0; k < c->nkind; k++) {
			qc_buf_adds(&b, k ? ", " : "");
			qc_buf_adds(&b, "{\"kind\": ");
			out_json_str(&b, c->by_kind[k].key);
			qc_buf_addf(&b, ", \"hits\": %lld, \"segments\": %lld}",
				    c->by_kind[k].hits, c->by_kind[k].segments);
		}
		qc_buf_adds(&b, "]}\n");
		fputs(b.buf, ctx->out);
		qc_buf_release(&b);
		return;
	}
	struct out_table t;
	out_table_init(&t, 4, (const char *const[]){ "source", "title", "hits",
						     "segments" });
	t.right = 1u << 2 | 1u << 3;
	for (size_t k = 0; k < c->nsource; k++)
		out_table_addf(&t, "%s\t%s\t%lld\t%lld", c->by_source[k].key,
			       c->by_source[k].title ? c->by_source[k].title : "",
			       c->by_source[k].hits, c->by_source[k].segments);
	out_table_addf(&t, "total\t\t%lld\t%lld", c->hits, c->segments);
	out_table_print(&t, ctx->out);
	out_table_release(&t);
	fputc('\n', ctx->out);
	out_table_init(&t, 3, (const char *const[]){ "kind", "hits", "segments" });
	t.right = 1u << 1 | 1u << 2;
	for (size_t k = 0; k < c->nkind; k++)
		out_table_addf(&t, "%s\t%lld\t%lld", c->by_kind[k].key,
			       c->by_kind[k].hits, c->by_kind[k].segments);
	out_table_print(&t, ctx->out);
	out_table_release(&t);
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
		print_hits(ctx, o.query, &r, context, args_has(a, "--tsv"));
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
		print_hits(ctx, query, &r, context, args_has(a, "--tsv"));
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
	rc = search_reindex(ctx->store, lang, &ctx->err);
	if (rc == 0)
		rc = store_audit(ctx->store, "reindex", lang ? lang : "",
				 &ctx->err);
	now = store_get_setting(ctx->store, "lang");
	if (rc == 0) {
		if (ctx->json) {
			fputs("{\"lang\": ", ctx->out);
			out_json_print(ctx->out, now ? now : "");
			fputs("}\n", ctx->out);
		} else {
			fprintf(ctx->out, "index rebuilt (language %s)\n",
				now ? now : "?");
		}
	}
	free(now);
	return rc < 0 ? rc : 0;
}
