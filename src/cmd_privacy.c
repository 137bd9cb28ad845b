/* cmd_privacy: pseudonymise, redact (dry run and report), redact names. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_privacy.h"
#include "qcode/out.h"
#include "qcode/outfile.h"
#include "qcode/privacy.h"
#include "qcode/report.h"

int cmd_pseudonymise(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long n;
	int rc;

	rc = privacy_pseudonymise(ctx->store, args_get(a, "--scheme"),
				  args_has(a, "--redo"), &n, &ctx->err);
	if (rc == 0) {
		char *d = xasprintf("%lld participants named (%s scheme)", n,
				    args_get(a, "--scheme") ? args_get(a, "--scheme")
							     : "role");
		rc = store_audit(ctx->store, "pseudonymise", d, &ctx->err);
		free(d);
	}
	if (rc == 0)
		fprintf(ctx->out, ctx->json ? "{\"named\": %lld}\n" :
			"gave %lld participants a pseudonym\n", n);
	return rc < 0 ? -rc : QC_OK;
}

static void csv_cell(FILE *f, const char *s, int last)
{
	if (strpbrk(s, ",\"\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputc(last ? '\n' : ',', f);
}

/* The items as a CSV file (the PDF is report_redaction's). */
static int write_csv(struct qc_ctx *ctx, const char *path,
		     const struct privacy_hit *h, size_t n)
{
	struct outfile o;
	int rc;

	if (!qc_has_ext(path, ".csv"))
		return qc_err_set(&ctx->err, QC_EUSAGE, "--report writes .pdf or"
				  " .csv, not '%s'", path);
	/* the list holds the personal data itself: owner only */
	if ((rc = outfile_open(&o, path, OUTFILE_PRIVATE, &ctx->err)) < 0)
		return rc;
	fputs("ref,rule,found,context\n", o.f);
	for (size_t i = 0; i < n; i++) {
		csv_cell(o.f, h[i].ref, 0);
		csv_cell(o.f, h[i].rule, 0);
		csv_cell(o.f, h[i].found, 0);
		csv_cell(o.f, h[i].context, 1);
	}
	return outfile_commit(&o, &ctx->err);
}

int cmd_redact(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct privacy_hits hs = { NULL, 0 };
	const struct privacy_hit *h;
	size_t nh;
	int rc = 0;
	const char *report;

	report = args_get(a, "--report");
	if (!args_has(a, "--dry-run") && !report) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "give --dry-run to list what"
				" would be redacted, or --report FILE.pdf|.csv;"
				" redaction itself happens in reports, exports and"
				" 'show --redacted'");
		goto out;
	}
	if (report && qc_has_ext(report, ".pdf")) {
		struct report_opts ro = { 0 };
		ro.lang = args_get(a, "--lang");
		ro.rules_file = args_get(a, "--rules");
		rc = report_redaction(ctx->store, &ro, a->pos, a->npos, report, &hs,
				      &ctx->err);
	} else {
		rc = privacy_find(ctx->store, args_get(a, "--rules"), a->pos,
				  a->npos, &hs, &ctx->err);
		if (rc == 0 && report)
			rc = write_csv(ctx, report, hs.v, hs.n);
	}
	if (rc < 0)
		goto out;
	h = hs.v;
	nh = hs.n;
	{
		char *d = xasprintf("%zu matches listed%s%s", nh,
				    report ? ", report written to " : "",
				    report ? report : "");
		rc = store_log(ctx->store, "redact", d, &ctx->err);
		free(d);
		if (rc < 0)
			goto out;
	}
	if (ctx->json) {
		fputs("[", ctx->out);
		for (size_t i = 0; i < nh; i++) {
			fprintf(ctx->out, "%s{\"ref\": \"%s\", \"rule\": ",
				i ? ", " : "", h[i].ref);
			out_json_print(ctx->out, h[i].rule);
			fputs(", \"found\": ", ctx->out);
			out_json_print(ctx->out, h[i].found);
			fputs(", \"context\": ", ctx->out);
			out_json_print(ctx->out, h[i].context);
			fputs("}", ctx->out);
		}
		fputs("]\n", ctx->out);
	} else if (args_has(a, "--dry-run")) {
		struct out_table t;
		static const char *const head[] = { "ref", "rule", "context" };
		out_table_init(&t, 3, head);
		for (size_t i = 0; i < nh; i++)
			out_table_add(&t, (const char *const[]){ h[i].ref,
				      h[i].rule, h[i].context });
		if (args_has(a, "--tsv"))
			out_table_print_sep(&t, ctx->out, '\t');
		else if (nh)
			out_table_print(&t, ctx->out);
		out_table_release(&t);
		if (!args_has(a, "--tsv"))
			fprintf(ctx->out, "%zu item%s to redact\n", nh,
				nh == 1 ? "" : "s");
	} else {
		fprintf(ctx->out, "wrote '%s': %zu items\n", report, nh);
	}
out:
	privacy_hits_release(&hs);
	return rc < 0 ? -rc : QC_OK;
}

static int name_add(struct qc_ctx *ctx, const char *name)
{
	int rc, changed;

	rc = privacy_name_add(ctx->store, name, &changed, &ctx->err);
	if (rc == 0)
		fprintf(ctx->out, "%s\n", changed ? "done" : "nothing changed");
	return rc < 0 ? -rc : QC_OK;
}

static int name_rm(struct qc_ctx *ctx, const char *name)
{
	int rc, changed;

	rc = privacy_name_rm(ctx->store, name, &changed, &ctx->err);
	if (rc == 0)
		fprintf(ctx->out, "%s\n", changed ? "done" : "nothing changed");
	return rc < 0 ? -rc : QC_OK;
}

static int name_list(struct qc_ctx *ctx)
{
	char **names;
	size_t n;

	if (privacy_names(ctx->store, &names, &n, &ctx->err) < 0)
		return ctx->err.code;
	if (ctx->json)
		fputs("[", ctx->out);
	for (size_t i = 0; i < n; i++) {
		if (ctx->json) {
			fputs(i ? ", " : "", ctx->out);
			out_json_print(ctx->out, names[i]);
		} else {
			fprintf(ctx->out, "%s\n", names[i]);
		}
		free(names[i]);
	}
	free(names);
	if (ctx->json)
		fputs("]\n", ctx->out);
	else if (!n)
		fputs("no names (add one with 'qcode redact name add NAME')\n",
		      ctx->out);
	return QC_OK;
}
/* redact name add|rm|list: the action is the first argument. */
int cmd_redact_name(struct qc_ctx *ctx, const struct qc_args *a)
{
	const char *act = a->npos > 0 ? a->pos[0] : "";

	if (!strcmp(act, "list") && a->npos == 1)
		return name_list(ctx);
	if (!strcmp(act, "add") && a->npos == 2)
		return name_add(ctx, a->pos[1]);
	if (!strcmp(act, "rm") && a->npos == 2)
		return name_rm(ctx, a->pos[1]);
	return -qc_err_set(&ctx->err, QC_EUSAGE, "redact name: add NAME, rm NAME"
			   " or list");
}
