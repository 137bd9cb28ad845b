/* cmd_report: report lessons, report review, report codebook. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_report.h"
#include "qcode/out.h"
#include "qcode/report.h"

typedef int (*report_fn)(struct store *, const struct report_opts *,
			 const char *, struct report_stats *, struct qc_err *);

static int run(struct qc_ctx *ctx, int argc, char **argv, report_fn fn,
	       const char *what)
{
	static const char *const valued[] = { "-o", "--output", "--lang",
		"--template", "--theme", "--kind", "--rules", NULL };
	struct qc_args a;
	struct report_opts o;
	struct report_stats st;
	const char *out;
	int rc;

	if (cli_args(ctx, argc, argv, NULL, valued, &a) < 0)
		return QC_EUSAGE;
	out = args_get(&a, "-o") ? args_get(&a, "-o") : args_get(&a, "--output");
	if (!out) {
		args_release(&a);
		cli_usage(ctx, ctx->cmd->name);
		return QC_EUSAGE;
	}
	memset(&o, 0, sizeof(o));
	o.lang = args_get(&a, "--lang");
	o.template_file = args_get(&a, "--template");
	o.rules_file = args_get(&a, "--rules");
	o.themes = args_all(&a, "--theme", &o.nthemes);
	o.kinds = args_all(&a, "--kind", &o.nkinds);
	rc = fn(ctx->store, &o, out, &st, &ctx->err);
	if (rc == 0) {
		char *d = xasprintf("%s report to %s (pseudonymised, redacted)",
				    what, out);
		rc = store_audit(ctx->store, "report", d, &ctx->err);
		free(d);
	}
	if (rc == 0) {
		if (ctx->json) {
			fputs("{\"file\": ", ctx->out);
			out_json_print(ctx->out, out);
			fprintf(ctx->out, ", \"themes\": %lld, \"codes\": %lld,"
				" \"quotes\": %lld, \"fragments\": %lld}\n",
				st.themes, st.factors, st.quotes, st.fragments);
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
	free((void *)o.themes);
	free((void *)o.kinds);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

int cmd_report_lessons(struct qc_ctx *ctx, int argc, char **argv)
{
	return run(ctx, argc, argv, report_lessons, "lessons");
}

int cmd_report_review(struct qc_ctx *ctx, int argc, char **argv)
{
	return run(ctx, argc, argv, report_review, "review");
}

int cmd_report_codebook(struct qc_ctx *ctx, int argc, char **argv)
{
	return run(ctx, argc, argv, report_codebook, "codebook");
}
