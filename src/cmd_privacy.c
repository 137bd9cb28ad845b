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
#include "cmd_report.h"
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
	if (rc == 0 && ctx->json)
		out_json_result(ctx->out, NULL, NULL,
				(const char *const[]){ "named" }, &n, 1);
	else if (rc == 0)
		fprintf(ctx->out, "gave %lld participants a pseudonym\n", n);
	return rc < 0 ? rc : 0;
}

/* One cell of the CSV list, by the one CSV writer, and what ends it. */
static void csv_cell(FILE *f, const char *s, int last)
{
	out_csv_cell(f, s);
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
	enum out_format fmt;
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
		char *problems = NULL;
		ro.lang = args_get(a, "--lang");
		ro.template_file = args_get(a, "--template");
		ro.rules_file = args_get(a, "--rules");
		ro.problems = &problems;
		rc = report_redaction(ctx->store, &ro, a->pos, a->npos, report, &hs,
				      &ctx->err);
		cmd_report_problems(ctx, problems);
		free(problems);
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
	fmt = args_format(ctx, a);
	if (fmt == OUT_FMT_JSON || args_has(a, "--dry-run")) {
		/* JSON shows what was found; the table leaves it out */
		static const struct out_col cols[] = {
			{ "ref", NULL, OUT_REF, 0 }, { "rule", NULL, OUT_TEXT, 0 },
			{ "found", NULL, OUT_TEXT, OUT_NOTABLE },
			{ "context", NULL, OUT_TEXT, 0 } };
		struct out_rows rows;

		out_rows_init(&rows, cols, 4);
		rows.empty = "";
		for (size_t i = 0; i < nh; i++) {
			out_rows_str(&rows, h[i].ref);
			out_rows_str(&rows, h[i].rule);
			out_rows_str(&rows, h[i].found);
			out_rows_str(&rows, h[i].context);
		}
		out_rows_print(&rows, ctx->out, fmt);
		out_rows_release(&rows);
		if (fmt == OUT_FMT_TABLE) {
			size_t cand = 0, kept = 0;
			for (size_t i = 0; i < nh; i++) {
				cand += h[i].kind == PRIVACY_CANDIDATE;
				kept += h[i].kind == PRIVACY_KEPT;
			}
			fprintf(ctx->out, "%zu item%s to redact\n", nh - kept,
				nh - kept == 1 ? "" : "s");
			if (cand)
				fprintf(ctx->out, "%zu possible name%s, redacted until"
					" reviewed: confirm with 'qcode redact name"
					" add NAME', dismiss with 'qcode redact name"
					" ignore WORD'\n", cand, cand == 1 ? "" : "s");
			if (kept)
				fprintf(ctx->out, "%zu name%s that read%s as a word"
					" there, not replaced\n", kept,
					kept == 1 ? "" : "s", kept == 1 ? "s" : "");
		}
	} else {
		fprintf(ctx->out, "wrote '%s': %zu items\n", report, nh);
	}
out:
	privacy_hits_release(&hs);
	return rc < 0 ? rc : 0;
}

static int name_add(struct qc_ctx *ctx, const char *name)
{
	int rc, changed;

	rc = privacy_name_add(ctx->store, name, &changed, &ctx->err);
	if (rc == 0)
		fprintf(ctx->out, "%s\n", changed ? "done" : "nothing changed");
	return rc < 0 ? rc : 0;
}

static int name_rm(struct qc_ctx *ctx, const char *name)
{
	int rc, changed;

	rc = privacy_name_rm(ctx->store, name, &changed, &ctx->err);
	if (rc == 0)
		fprintf(ctx->out, "%s\n", changed ? "done" : "nothing changed");
	return rc < 0 ? rc : 0;
}

static int name_ignore(struct qc_ctx *ctx, const char *name, int on)
{
	int rc, changed;

	rc = on ? privacy_name_ignore(ctx->store, name, &changed, &ctx->err) :
	     privacy_name_unignore(ctx->store, name, &changed, &ctx->err);
	if (rc == 0)
		fprintf(ctx->out, "%s\n", changed ? "done" : "nothing changed");
	return rc < 0 ? rc : 0;
}

static int name_list(struct qc_ctx *ctx, int ignored)
{
	static const struct out_col cols[] = { { "name", NULL, OUT_TEXT, 0 } };
	struct out_rows rows;
	char **names;
	size_t n;
	int rc;

	if ((rc = ignored ? privacy_ignored(ctx->store, &names, &n, &ctx->err) :
	     privacy_names(ctx->store, &names, &n, &ctx->err)) < 0)
		return rc;
	out_rows_init(&rows, cols, 1);
	rows.shape = OUT_VALUES;
	for (size_t i = 0; i < n; i++) {
		if (ctx->json)
			out_rows_text(&rows, names[i]);
		else
			fprintf(ctx->out, "%s\n", names[i]);
		free(names[i]);
	}
	free(names);
	if (ctx->json)
		out_rows_print(&rows, ctx->out, OUT_FMT_JSON);
	else if (!n && ignored)
		fputs("no words dismissed (dismiss a possible name with 'qcode"
		      " redact name ignore WORD')\n", ctx->out);
	else if (!n)
		fputs("no names (add one with 'qcode redact name add NAME')\n",
		      ctx->out);
	out_rows_release(&rows);
	return QC_OK;
}
/* redact name add|rm|ignore|unignore|list|ignored: the action is the
 * first argument. */
int cmd_redact_name(struct qc_ctx *ctx, const struct qc_args *a)
{
	const char *act = a->npos > 0 ? a->pos[0] : "";

	if (!strcmp(act, "list") && a->npos == 1)
		return name_list(ctx, 0);
	if (!strcmp(act, "ignored") && a->npos == 1)
		return name_list(ctx, 1);
	if (!strcmp(act, "ignore") && a->npos == 2)
		return name_ignore(ctx, a->pos[1], 1);
	if (!strcmp(act, "unignore") && a->npos == 2)
		return name_ignore(ctx, a->pos[1], 0);
	if (!strcmp(act, "add") && a->npos == 2)
		return name_add(ctx, a->pos[1]);
	if (!strcmp(act, "rm") && a->npos == 2)
		return name_rm(ctx, a->pos[1]);
	return qc_err_set(&ctx->err, QC_EUSAGE, "add NAME, rm NAME, ignore"
			   " WORD, unignore WORD, list or ignored");
}
