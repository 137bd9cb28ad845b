/* cmd_refi: the REFI-QDA commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_refi.h"
#include "qcode/out.h"
#include "qcode/outfile.h"
#include "qcode/privacy.h"
#include "qcode/refi.h"
#include "qcode/sources.h"
#include "qcode/text.h"

/*
 * Redaction for exports: the privacy module's rules and names, with each
 * match turned into an edit in code points of the stored text, as
 * refi_export_qdpx wants them to map selections.
 */
/* After a failed redaction: name the segment of source sid holding byte
 * `at` of its text (or the memo). */
static void name_failed_text(struct store *s, long long sid, const char *text,
			     size_t at, struct qc_err *e)
{
	long long ord;

	if (sid <= 0) {
		qc_err_prefix(e, "a memo");
		return;
	}
	ord = sources_turn_at(s, sid, (long long)text_cp_count(text, at));
	if (ord >= 0)
		qc_err_prefix(e, "S%lld:%lld", sid, ord);
	else
		qc_err_prefix(e, "S%lld", sid);
}

static int redact_cb(void *arg, struct store *s, long long sid,
		     const char *text, size_t len, struct qc_buf *out,
		     struct refi_edit **ed, size_t *ned, struct qc_err *e)
{
	struct redactor *r = arg;
	struct redact_match *m;
	size_t n, at = 0, cp = 0;
	int rc;

	*ed = NULL;
	*ned = 0;
	if ((rc = redactor_scan(r, text, len, &m, &n, e)) < 0) {
		name_failed_text(s, sid, text, redactor_failed_at(r), e);
		return rc;
	}
	if (n)
		*ed = xcalloc(n, sizeof(**ed));
	for (size_t i = 0; i < n; i++) {
		size_t start = cp + text_cp_count(text + at, m[i].start - at);
		size_t end = start + text_cp_count(text + m[i].start,
						   m[i].end - m[i].start);
		(*ed)[i] = (struct refi_edit){ start, end,
			text_cp_count(m[i].replacement, strlen(m[i].replacement)) };
		qc_buf_add(out, text + at, m[i].start - at);
		qc_buf_adds(out, m[i].replacement);
		at = m[i].end;
		cp = end;
	}
	qc_buf_add(out, text + at, len - at);
	*ned = n;
	free(m);
	return 0;
}

/* ---- printing ---- */

/* Lines of t, each indented by two spaces. */
static void print_indented(FILE *f, const char *t)
{
	for (const char *p = t; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		fprintf(f, "  %.*s\n", (int)n, p);
		p += n + (nl ? 1 : 0);
	}
}

static void print_counts(struct qc_ctx *ctx, const char *verb, const char *file,
			 const struct refi_counts *c, const struct refi_loss *l)
{
	if (ctx->json) {
		static const char *const keys[] = { "sources", "codes",
			"codings", "selections", "memos", "users", "cases",
			"variables", "sets", "lost", "case_codes" };
		long long v[] = { c->sources, c->codes, c->codings,
			c->selections, c->memos, c->users, c->cases,
			c->variables, c->sets, l ? (long long)l->n : 0,
			c->case_codes };

		/* {"imported": FILE, "sources": N, ...}; case codes only
		 * when there are */
		out_json_result(ctx->out, verb, file, keys, v,
				c->case_codes ? 11 : 10);
		return;
	}
	fprintf(ctx->out, "%s '%s': %lld sources, %lld codes, %lld codings, "
		"%lld memos, %lld users, %lld cases", verb, file, c->sources,
		c->codes, c->codings, c->memos, c->users, c->cases);
	/* an import says how it read them in its notes */
	if (c->case_codes && !strcmp(verb, "exported"))
		fprintf(ctx->out, " (%lld also as case codes)", c->case_codes);
	fputc('\n', ctx->out);
	if (l && l->notes.len) {
		fputs("how the file was read:\n", ctx->out);
		print_indented(ctx->out, l->notes.buf);
	}
	if (l && l->n) {
		char *t = refi_loss_text(l);
		fputs("not carried over (REFI-QDA data loss):\n", ctx->out);
		print_indented(ctx->out, t);
		free(t);
	} else if (l) {
		fputs("nothing was lost\n", ctx->out);
	}
}

static int write_loss(struct qc_ctx *ctx, const char *file,
		      const struct refi_loss *l)
{
	struct outfile o;
	char *t;
	int rc;

	if (!file)
		return 0;
	/* it may name the people in what was not carried over */
	if ((rc = outfile_open(&o, file, OUTFILE_PRIVATE, &ctx->err)) < 0)
		return rc;
	/* how the file was read first: it says where the positions came from */
	fputs(l->notes.buf, o.f);
	t = refi_loss_text(l);
	fputs(t, o.f);
	free(t);
	return outfile_commit(&o, &ctx->err);
}

/* ---- commands ---- */

int cmd_export_qdpx(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct refi_export_opts o = { 0 };
	struct redactor *red = NULL;
	struct refi_counts c;
	struct refi_loss loss;
	const char *out, *lr;
	char *detail;
	int rc;

	out = args_get(a, "-o") ? args_get(a, "-o") : args_get(a, "--output");
	lr = args_get(a, "--loss-report");
	if (!out)
		return cli_usage(ctx, "export qdpx");
	o.real_names = args_has(a, "--real-names");
	o.turns = args_has(a, "--turns");
	o.case_codes = args_has(a, "--case-codes");
	if (!args_has(a, "--real-names") &&
	    (rc = redactor_open(ctx->store, NULL, &red, &ctx->err)) < 0) {
		return rc;
	}
	if (!o.real_names) {
		o.redact = redact_cb;
		o.redact_arg = red;
	}
	refi_loss_init(&loss);
	rc = refi_export_qdpx(ctx->store, out, &o, &c, &loss, &ctx->err);
	if (rc == 0)
		rc = write_loss(ctx, lr, &loss);
	if (rc == 0) {
		detail = xasprintf("%s (%s)", out, o.real_names ?
				   "REAL NAMES, not redacted" :
				   "pseudonymised and redacted");
		rc = store_audit(ctx->store, "export qdpx", detail, &ctx->err);
		free(detail);
	}
	if (rc == 0)
		print_counts(ctx, "exported", out, &c, &loss);
	refi_loss_release(&loss);
	redactor_close(red);
	return rc < 0 ? rc : 0;
}

int cmd_refi_write_qdc(struct qc_ctx *ctx, const char *out,
		       struct refi_counts *c, const char *cmd)
{
	struct refi_export_opts o = { 0 };
	struct redactor *red = NULL;
	int rc;

	/* codes' names and descriptions are the researcher's text: they
	 * leave the machine redacted, and the output is logged */
	if ((rc = store_audit_ready(ctx->store, cmd, &ctx->err)) < 0 ||
	    (rc = redactor_open(ctx->store, NULL, &red, &ctx->err)) < 0)
		return rc;
	o.redact = redact_cb;
	o.redact_arg = red;
	rc = refi_export_qdc(ctx->store, out, &o, c, &ctx->err);
	redactor_close(red);
	if (rc == 0) {
		char *d = xasprintf("%s (redacted)", out);
		rc = store_log(ctx->store, cmd, d, &ctx->err);
		free(d);
	}
	return rc;
}

int cmd_export_qdc(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct refi_counts c;
	const char *out;
	int rc;

	out = args_get(a, "-o") ? args_get(a, "-o") : args_get(a, "--output");
	if (!out)
		return cli_usage(ctx, "export qdc");
	rc = cmd_refi_write_qdc(ctx, out, &c, "export qdc");
	if (rc == 0) {
		if (ctx->json) {
			out_json_result(ctx->out, "exported", out,
					(const char *const[]){ "codes", "sets" },
					(long long[]){ c.codes, c.sets }, 2);
		} else {
			fprintf(ctx->out, "exported '%s': %lld codes, %lld sets\n",
				out, c.codes, c.sets);
		}
	}
	return rc < 0 ? rc : 0;
}

int cmd_refi_imported(struct qc_ctx *ctx, const char *file,
		      const char *loss_report, int created,
		      const struct refi_counts *c,
		      const struct refi_loss *loss)
{
	int rc = write_loss(ctx, loss_report, loss);

	if (rc == 0) {
		if (created && !ctx->json)
			fprintf(ctx->out, "created project '%s'\n", ctx->project);
		print_counts(ctx, "imported", file, c, loss);
	}
	return rc;
}

int cmd_refi_import(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct refi_import_opts o = { 0, NULL, NULL };
	enum refi_offsets unit = REFI_OFFSETS_AUTO;
	struct refi_counts c;
	struct refi_loss loss;
	const char *off;
	int created, rc;

	o.into_existing = args_has(a, "--into-existing");
	o.sources_from = args_get(a, "--sources-from");
	if ((off = args_get(a, "--offsets")) != NULL) {
		if (!strcmp(off, "codepoints"))
			unit = REFI_OFFSETS_CODEPOINTS;
		else if (!strcmp(off, "utf16"))
			unit = REFI_OFFSETS_UTF16;
		else if (strcmp(off, "auto"))
			return qc_err_set(&ctx->err, QC_EUSAGE, "--offsets '%s':"
					  " codepoints, utf16 or auto", off);
	}
	refi_loss_init(&loss);
	rc = refi_import_project_as(ctx->project, &ctx->store, a->pos[0], &o,
				    unit, &c, &loss, &created, &ctx->err);
	if (rc == 0)
		rc = cmd_refi_imported(ctx, a->pos[0],
				       args_get(a, "--loss-report"), created,
				       &c, &loss);
	refi_loss_release(&loss);
	return rc < 0 ? rc : 0;
}

int cmd_refi_load_qdc(struct qc_ctx *ctx, const char *file)
{
	struct refi_loss loss;
	long long added = 0, changed = 0;
	int rc;

	refi_loss_init(&loss);
	rc = refi_load_qdc(ctx->store, file, &added, &changed, &loss, &ctx->err);
	if (rc == 0) {
		if (ctx->json)
			out_json_result(ctx->out, NULL, NULL, (const char *const[]){ "added",
				"changed", "lost" }, (long long[]){ added,
				changed, (long long)loss.n }, 3);
		else {
			fprintf(ctx->out, "loaded '%s': %lld codes added, %lld "
				"changed\n", file, added, changed);
			if (loss.n) {
				char *t = refi_loss_text(&loss);
				fputs(t, ctx->out);
				free(t);
			}
		}
	}
	refi_loss_release(&loss);
	return rc < 0 ? rc : 0;
}

int cmd_refi_load(struct qc_ctx *ctx, const struct qc_args *a)
{
	int rc;

	rc = cmd_refi_load_qdc(ctx, a->pos[0]);
	return rc;
}

int cmd_refi_check(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct qc_buf p = QC_BUF_INIT;
	int n;

	n = refi_check_file(a->pos[0], &p, &ctx->err);
	if (n >= 0 && ctx->json) {
		static const struct out_col cols[] = {
			{ "file", NULL, OUT_TEXT, 0 },
			{ "valid", NULL, OUT_BOOL, 0 },
			{ "problems", NULL, OUT_ROWS, 0 } };
		static const struct out_col line[] = {
			{ "problem", NULL, OUT_TEXT, 0 } };
		struct out_rows r, probs;

		/* the problems as an array of lines */
		out_rows_init(&probs, line, 1);
		probs.shape = OUT_VALUES;
		for (char *s = p.buf; *s;) {
			char *nl = strchr(s, '\n');
			if (nl)
				*nl = '\0';
			out_rows_text(&probs, s);
			if (!nl)
				break;
			s = nl + 1;
		}
		out_rows_record(&r, cols, 3);
		out_rows_text(&r, a->pos[0]);
		out_rows_bool(&r, n == 0);
		out_rows_sub(&r, &probs);
		out_rows_print(&r, ctx->out, OUT_FMT_JSON);
		out_rows_release(&r);
		out_rows_release(&probs);
	} else if (n == 0) {
		fprintf(ctx->out, "'%s' is valid REFI-QDA\n", a->pos[0]);
	} else if (n > 0) {
		fputs(p.buf, ctx->out);
	}
	if (n > 0)
		n = qc_err_set(&ctx->err, QC_EDATA, "'%s': %d problem%s with"
			       " the REFI-QDA schema", a->pos[0], n,
			       n == 1 ? "" : "s");
	qc_buf_release(&p);
	return n;
}
