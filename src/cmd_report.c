/* cmd_report: report lessons, report review, report codebook. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_report.h"
#include "qcode/cycle.h"
#include "qcode/out.h"
#include "qcode/report.h"

typedef int (*report_fn)(struct store *, const struct report_opts *,
			 const char *, struct report_stats *, struct qc_err *);

void cmd_report_problems(struct qc_ctx *ctx, const char *problems)
{
	for (const char *p = problems; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		fprintf(stderr, "%s%.*s\n", ctx->repl ? "" : "qcode: ", (int)n, p);
		p += n + (nl ? 1 : 0);
	}
}

/* The options every report reads. */
static void opts_of(const struct qc_args *a, struct report_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->lang = args_get(a, "--lang");
	o->template_file = args_get(a, "--template");
	o->rules_file = args_get(a, "--rules");
	o->themes = args_all(a, "--theme", &o->nthemes);
	o->kinds = args_all(a, "--kind", &o->nkinds);
	o->font_file = args_get(a, "--font");
	o->real_names = args_has(a, "--no-pseudonyms");
}

/* report lessons --list-quotes: per lesson and factor the quotes the PDF
 * would show, with the codings that quote pin and exclude take. */
static int list_quotes(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col cols[] = {
		{ "lesson", NULL, OUT_TEXT, 0 }, { "factor", NULL, OUT_TEXT, 0 },
		{ "coding", NULL, OUT_INT, 0 }, { "ref", NULL, OUT_REF, 0 },
		{ "pinned", NULL, OUT_BOOL, 0 }, { "who", NULL, OUT_TEXT, 0 },
		{ "quote", NULL, OUT_TEXT, 0 } };
	struct report_opts o;
	struct report_stats st;
	struct report_quote_rows l = { 0 };
	struct out_rows rows;
	int rc;

	opts_of(a, &o);
	memset(&st, 0, sizeof(st));
	rc = store_begin_read(ctx->store, &ctx->err);
	if (rc == 0) {
		rc = report_lessons_quotes(ctx->store, &o, &l, &st, &ctx->err);
		int done = store_commit(ctx->store, rc == 0 ? &ctx->err : NULL);
		if (rc == 0)
			rc = done;
	}
	cmd_report_problems(ctx, st.problems);
	if (rc == 0) {
		out_rows_init(&rows, cols, 7);
		rows.empty = "no quotes\n";
		for (size_t i = 0; i < l.n; i++) {
			char id[32];
			snprintf(id, sizeof(id), "%lld", l.v[i].coding);
			out_rows_text(&rows, l.v[i].theme);
			out_rows_text(&rows, l.v[i].factor);
			out_rows_text(&rows, id);
			out_rows_text(&rows, l.v[i].ref);
			out_rows_text(&rows, l.v[i].pinned ? "true" : "false");
			out_rows_text(&rows, l.v[i].who);
			out_rows_text(&rows, l.v[i].text);
		}
		out_rows_print(&rows, ctx->out, ctx->json ? OUT_FMT_JSON :
			       OUT_FMT_TABLE);
		out_rows_release(&rows);
	}
	report_quote_rows_release(&l);
	free(st.missing);
	free(st.problems);
	free((void *)o.themes);
	free((void *)o.kinds);
	return rc < 0 ? rc : 0;
}

static int run(struct qc_ctx *ctx, const struct qc_args *a, report_fn fn,
	       const char *what)
{
	struct report_opts o;
	struct report_stats st;
	const char *out;
	char *since = NULL, *since_what = NULL;
	int rc;

	out = args_get(a, "-o") ? args_get(a, "-o") : args_get(a, "--output");
	if (args_has(a, "--list-quotes") && fn == report_lessons)
		return list_quotes(ctx, a);
	if (!out)
		return cli_usage(ctx, ctx->cmd->name);
	/* a report is made only where the log can say so: checked before
	 * any file is written */
	if ((rc = store_audit_ready(ctx->store, args_has(a, "--no-pseudonyms")
				    ? "real-names" : "report", &ctx->err)) < 0) {
		return rc;
	}
	memset(&st, 0, sizeof(st));
	opts_of(a, &o);
	/* review --since M2|DATE: only what was coded after the meeting */
	if (args_get(a, "--since") &&
	    (rc = cycle_since(ctx->store, args_get(a, "--since"), &since,
			      &since_what, &ctx->err)) < 0) {
		free((void *)o.themes);
		free((void *)o.kinds);
		return rc;
	}
	o.since = since;
	o.since_what = since_what;
	if (o.real_names)
		fprintf(stderr, "%sreport %s: warning: --no-pseudonyms: speakers"
			" appear by their labels and names in the text are"
			" kept; every page says so\n", ctx->repl ? "" : "qcode: ",
			what);
	/* the report reads one snapshot and holds no write lock while it
	 * renders, so others can code meanwhile; the log line is written
	 * after, in a transaction of its own */
	rc = store_begin_read(ctx->store, &ctx->err);
	if (rc == 0) {
		rc = fn(ctx->store, &o, out, &st, &ctx->err);
		int done = store_commit(ctx->store, rc == 0 ? &ctx->err : NULL);
		if (rc == 0)
			rc = done;
	}
	/* the template's problems, each "file:line:col: ...", before the
	 * error that ends the run */
	cmd_report_problems(ctx, st.problems);
	if (rc == 0 && st.missing)
		fprintf(stderr, "%sreport %s: warning: the font has no glyph for"
			" %s (drawn as \xef\xbf\xbd)\n", ctx->repl ? "" : "qcode: ",
			what, st.missing);
	if (rc == 0) {
		char *d = xasprintf("%s report to %s (%s)", what, out,
				    o.real_names ? "real names, redacted" :
				    "pseudonymised, redacted");
		rc = store_log(ctx->store, o.real_names ? "real-names" :
			       "report", d, &ctx->err);
		free(d);
	}
	if (rc == 0) {
		if (st.meetings && ctx->json) {
			out_json_result(ctx->out, "file", out,
					(const char *const[]){ "meetings",
					"themes", "quotes" }, (long long[]){
					st.meetings, st.themes, st.quotes }, 3);
		} else if (st.meetings) {
			fprintf(ctx->out, "wrote '%s': %lld meetings, %lld"
				" themes\n", out, st.meetings, st.themes);
		} else if (ctx->json) {
			out_json_result(ctx->out, "file", out,
					(const char *const[]){ "themes", "codes",
					"quotes", "fragments" }, (long long[]){
					st.themes, st.factors, st.quotes,
					st.fragments }, 4);
		} else {
			fprintf(ctx->out, "wrote '%s'", out);
			if (st.themes)
				fprintf(ctx->out, ": %lld themes", st.themes);
			if (st.quotes)
				fprintf(ctx->out, ", %lld factors, %lld quotes",
					st.factors, st.quotes);
			else if (st.fragments)
				fprintf(ctx->out, ", %lld fragments", st.fragments);
			else if (st.factors)
				fprintf(ctx->out, ": %lld codes", st.factors);
			fputc('\n', ctx->out);
		}
	}
	free(since);
	free(since_what);
	free(st.missing);
	free(st.problems);
	free((void *)o.themes);
	free((void *)o.kinds);
	return rc < 0 ? rc : 0;
}

int cmd_report_lessons(struct qc_ctx *ctx, const struct qc_args *a)
{
	return run(ctx, a, report_lessons, "lessons");
}

int cmd_report_review(struct qc_ctx *ctx, const struct qc_args *a)
{
	return run(ctx, a, report_review, "review");
}

int cmd_report_codebook(struct qc_ctx *ctx, const struct qc_args *a)
{
	return run(ctx, a, report_codebook, "codebook");
}

int cmd_report_cycle(struct qc_ctx *ctx, const struct qc_args *a)
{
	return run(ctx, a, report_cycle, "cycle");
}
