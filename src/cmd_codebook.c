/* cmd_codebook: codebook load/check/export, codes, code add/rename/... */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmd_codebook.h"
#include "cmd_refi.h"
#include "qcode/codebook.h"
#include "qcode/out.h"
#include "qcode/outfile.h"
#include "qcode/privacy.h"
#include "qcode/refi.h"

/* Print the problems of a codebook file to stderr, each line prefixed. */
static void print_problems(const struct qc_buf *p)
{
	for (const char *s = p->buf; *s;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		fprintf(stderr, "qcode: %.*s\n", (int)n, s);
		s += n + (nl ? 1 : 0);
	}
}

int cmd_codebook_load(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct codebook cb;
	struct codebook_merge m;
	struct qc_buf probs = QC_BUF_INIT;
	int errors, warnings, rc = 0;
	char *detail;

	if (qc_has_ext(a->pos[0], ".qdc"))
		return cmd_refi_load_qdc(ctx, a->pos[0]);
	errors = codebook_parse(a->pos[0], &cb, &probs, &warnings, &ctx->err);
	if (errors < 0) {
		rc = errors;
		goto out;
	}
	print_problems(&probs);
	if (errors) {
		rc = qc_err_set(&ctx->err, QC_EDATA, "'%s' has %d"
				" error%s; nothing loaded", a->pos[0], errors,
				errors == 1 ? "" : "s");
		goto out;
	}
	if (args_has(a, "--write-back")) {
		int n = codebook_write_back(a->pos[0], &cb, &ctx->err);
		if (n < 0) {
			rc = n;
			goto out;
		}
		if (n && !ctx->json)
			fprintf(ctx->out, "wrote %d new GUID%s into '%s'\n", n,
				n == 1 ? "" : "s", a->pos[0]);
	}
	rc = codebook_merge(ctx->store, &cb, args_has(a, "--prune"), &m,
			   &ctx->err);
	if (rc == 0) {
		detail = xasprintf("%s: %lld added, %lld changed, %lld unchanged,"
				   " %lld removed", a->pos[0], m.added, m.changed,
				   m.unchanged, m.removed);
		rc = store_audit(ctx->store, "codebook load", detail, &ctx->err);
		free(detail);
	}
	if (rc == 0) {
		if (ctx->json) {
			out_json_result(ctx->out, "file", a->pos[0],
					(const char *const[]){ "added", "changed",
					"unchanged", "removed" }, (long long[]){
					m.added, m.changed, m.unchanged,
					m.removed }, 4);
		} else {
			fputs(m.report.buf, ctx->out);
			fprintf(ctx->out, "codebook '%s': %lld added, %lld changed,"
				" %lld unchanged, %lld removed\n",
				cb.title ? cb.title : a->pos[0], m.added, m.changed,
				m.unchanged, m.removed);
		}
	}
	qc_buf_release(&m.report);
out:
	codebook_release(&cb);
	qc_buf_release(&probs);
	return rc < 0 ? rc : 0;
}

int cmd_codebook_check(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct codebook cb;
	struct qc_buf probs = QC_BUF_INIT;
	int errors, warnings, rc = 0;

	if (qc_has_ext(a->pos[0], ".qdc") || qc_has_ext(a->pos[0], ".qdpx"))
		return qc_err_set(&ctx->err, QC_EUSAGE, "use"
				   " 'refi check' for REFI-QDA files");
	errors = codebook_parse(a->pos[0], &cb, &probs, &warnings, &ctx->err);
	if (errors < 0) {
		rc = errors;
	} else {
		print_problems(&probs);
		if (errors)
			rc = qc_err_set(&ctx->err, QC_EDATA, "'%s'"
					" has %d error%s", a->pos[0], errors,
					errors == 1 ? "" : "s");
		else
			fprintf(ctx->out, "'%s': %zu codes, %d warning%s\n",
				a->pos[0], cb.n, warnings, warnings == 1 ? "" : "s");
	}
	codebook_release(&cb);
	qc_buf_release(&probs);
	return rc < 0 ? rc : 0;
}

int cmd_codebook_export(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct codebook cb;
	struct outfile of;
	const char *out, *fmt;
	int rc = 0;

	out = args_get(a, "-o") ? args_get(a, "-o") : args_get(a, "--output");
	fmt = args_get(a, "--format");
	if (!out)
		return cli_usage(ctx, "codebook export");
	if (!fmt)
		fmt = qc_has_ext(out, ".csv") ? "csv" : qc_has_ext(out, ".qdc") ? "qdc" :
		      "yaml";
	if (!strcmp(fmt, "qdc")) {
		struct refi_counts c;
		rc = cmd_refi_write_qdc(ctx, out, &c, "codebook export");
		if (rc == 0 && !ctx->json)
			fprintf(ctx->out, "wrote '%s': %lld codes\n", out, c.codes);
		goto out;
	}
	if (strcmp(fmt, "yaml") && strcmp(fmt, "csv")) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--format"
				" is yaml, csv or qdc, not '%s'", fmt);
		goto out;
	}
	if ((rc = codebook_read(ctx->store, &cb, &ctx->err)) < 0 ||
	    (rc = privacy_redact_codebook(ctx->store, &cb, &ctx->err)) < 0) {
		codebook_release(&cb);
		goto out;
	}
	/* beside the target, then renamed: never half a file */
	if ((rc = outfile_open(&of, out, 0, &ctx->err)) == 0) {
		if (!strcmp(fmt, "csv"))
			codebook_write_csv(&cb, of.f);
		else
			codebook_write_yaml(&cb, of.f);
		rc = outfile_commit(&of, &ctx->err);
	}
	if (rc == 0 && !ctx->json) {
		fprintf(ctx->out, "wrote '%s': %zu codes\n", out, cb.n);
	} else if (rc == 0) {
		out_json_result(ctx->out, "file", out,
				(const char *const[]){ "codes" },
				(long long[]){ (long long)cb.n }, 1);
	}
	codebook_release(&cb);
	if (rc == 0) {
		char *d = xasprintf("%s (%s)", out, fmt);
		rc = store_audit(ctx->store, "codebook export", d, &ctx->err);
		free(d);
	}
out:
	return rc < 0 ? rc : 0;
}

/* ---- codes ---- */

static int depth(const struct codebook *cb, size_t i)
{
	int d = 0;
	for (long p = cb->codes[i].parent; p >= 0; p = cb->codes[p].parent)
		d++;
	return d;
}

static const char *mark(const char *valence)
{
	if (valence && !strcmp(valence, "facilitating"))
		return "+";
	if (valence && !strcmp(valence, "hindering"))
		return "\xe2\x88\x92";	/* U+2212 minus */
	return " ";
}

int cmd_codes(struct qc_ctx *ctx, const struct qc_args *a)
{
	/* the table shows the code in its tree (or its path); JSON its
	 * fields */
	struct out_col cols[] = {
		{ "code", NULL, OUT_TEXT, OUT_NOJSON },
		{ "id", NULL, OUT_TEXT, 0 },
		{ "name", NULL, OUT_TEXT, OUT_NOTABLE },
		{ "parent", NULL, OUT_TEXT, OUT_NOTABLE },
		{ "valence", NULL, OUT_TEXT, OUT_NOTABLE },
		{ "colour", NULL, OUT_TEXT, OUT_NOTABLE },
		{ "codings", NULL, OUT_INT, 0 },
		{ "sources", NULL, OUT_INT, 0 },
		{ "participants", NULL, OUT_INT, 0 },
		{ "", NULL, OUT_TEXT, OUT_NOJSON | OUT_NOTABLE } };
	enum out_format fmt = args_format(ctx, a);
	struct codebook cb;
	struct codebook_use *cnt;
	struct out_rows t;
	int flat, sep, rc;

	flat = args_has(a, "--flat");
	sep = fmt == OUT_FMT_TSV || fmt == OUT_FMT_CSV;
	if ((rc = codebook_read(ctx->store, &cb, &ctx->err)) < 0)
		return rc;
	cnt = xcalloc(cb.n + 1, sizeof(*cnt));
	if ((rc = codebook_usage(ctx->store, &cb, cnt, &ctx->err)) < 0) {
		free(cnt);
		codebook_release(&cb);
		return rc;
	}
	/* the swatch only in colour on a terminal */
	if (ctx->color && fmt == OUT_FMT_TABLE)
		cols[9].flags = OUT_NOJSON | OUT_MARKUP;
	out_rows_init(&t, cols, 10);
	t.empty = "no codes (load a codebook with 'qcode codebook load FILE')\n";
	for (size_t i = 0; i < cb.n; i++) {
		const struct cb_code *c = &cb.codes[i];
		struct qc_buf name = QC_BUF_INIT;

		if (flat || sep) {
			/* the path of names, so each line stands alone */
			char **path = NULL;
			size_t np = 0;
			for (long p = (long)i; p >= 0; p = cb.codes[p].parent) {
				path = xreallocarray(path, np + 1, sizeof(char *));
				path[np++] = cb.codes[p].name;
			}
			if (!sep) {
				qc_buf_adds(&name, mark(c->valence));
				qc_buf_addch(&name, ' ');
			}
			while (np--) {
				qc_buf_adds(&name, path[np]);
				if (np)
					qc_buf_adds(&name, " / ");
			}
			free(path);
		} else {
			qc_buf_addf(&name, "%*s%s %s", 2 * depth(&cb, i), "",
				    mark(c->valence), c->name);
		}
		out_rows_text(&t, name.buf);
		out_rows_str(&t, c->id);
		out_rows_str(&t, c->name);
		out_rows_text(&t, c->parent >= 0 ? cb.codes[c->parent].id : NULL);
		out_rows_str(&t, c->valence);
		out_rows_text(&t, c->colour);
		out_rows_int(&t, cnt[i].codings);
		out_rows_int(&t, cnt[i].sources);
		out_rows_int(&t, cnt[i].participants);
		if (c->colour && (cols[9].flags & OUT_NOTABLE) == 0) {
			unsigned r = 0, g = 0, b = 0;
			sscanf(c->colour + 1, "%2x%2x%2x", &r, &g, &b);
			out_rows_textf(&t, "\033[38;2;%u;%u;%um\xe2\x96\xa0\033[0m",
				       r, g, b);
		} else {
			out_rows_text(&t, "");
		}
		qc_buf_release(&name);
	}
	out_rows_print(&t, ctx->out, fmt);
	out_rows_release(&t);
	free(cnt);
	codebook_release(&cb);
	return 0;
}

/* ---- code add / rename / move / merge / rm ---- */

static int audit(struct qc_ctx *ctx, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int audit(struct qc_ctx *ctx, const char *cmd, const char *fmt, ...)
{
	struct qc_buf b = QC_BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	qc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	rc = store_audit(ctx->store, cmd, b.buf, &ctx->err);
	qc_buf_release(&b);
	return rc;
}

static int valence_ok(struct qc_ctx *ctx, const char *v)
{
	if (!v || !strcmp(v, "facilitating") || !strcmp(v, "hindering") ||
	    !strcmp(v, "neutral"))
		return 0;
	return qc_err_set(&ctx->err, QC_EUSAGE, "valence '%s': use"
			  " facilitating, hindering or neutral", v);
}

int cmd_code_add(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct codebook_new c = { 0 };
	char col[8], *id = NULL;
	int rc;

	c.name = a->pos[0];
	c.id = args_get(a, "--id");
	c.definition = args_get(a, "--definition");
	c.valence = args_get(a, "--valence");
	c.colour = args_get(a, "--colour") ? args_get(a, "--colour") :
		   args_get(a, "--color");
	if (c.colour && qc_colour_parse(c.colour, col) == 0)
		c.colour = col;	/* #rgb is kept as #rrggbb */
	if ((rc = valence_ok(ctx, c.valence)) < 0)
		goto out;
	if (args_get(a, "--parent") &&
	    (rc = codebook_find(ctx->store, args_get(a, "--parent"), &c.parent,
				&ctx->err)) < 0)
		goto out;
	if ((rc = codebook_add(ctx->store, &c, &id, &ctx->err)) == 0)
		rc = audit(ctx, "code add", "%s '%s'", id, a->pos[0]);
	if (rc == 0 && ctx->json)
		out_json_result(ctx->out, "added", id, NULL, NULL, 0);
	else if (rc == 0)
		fprintf(ctx->out, "added code %s\n", id);
out:
	free(id);
	return rc < 0 ? rc : 0;
}

int cmd_code_rename(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long id;
	char *old = NULL;
	int rc;

	if ((rc = codebook_find(ctx->store, a->pos[0], &id, &ctx->err)) < 0)
		goto out;
	rc = codebook_rename(ctx->store, id, a->pos[1], args_get(a, "--id"),
			     &old, &ctx->err);
	if (rc == 0)
		rc = audit(ctx, "code rename", "'%s' -> '%s'", old, a->pos[1]);
	if (rc == 0)
		fprintf(ctx->out, "renamed '%s' to '%s'\n", old, a->pos[1]);
out:
	free(old);
	return rc < 0 ? rc : 0;
}

int cmd_code_move(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long id, parent = 0;
	char *name = NULL, *pname = NULL;
	int rc;

	if ((rc = codebook_find(ctx->store, a->pos[0], &id, &ctx->err)) < 0)
		goto out;
	if (!args_has(a, "--root") && !args_get(a, "--parent")) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "give --parent"
				" CODE or --root");
		goto out;
	}
	if (args_get(a, "--parent") &&
	    (rc = codebook_find(ctx->store, args_get(a, "--parent"), &parent,
				&ctx->err)) < 0)
		goto out;
	rc = codebook_move(ctx->store, id, parent, &name, &pname, &ctx->err);
	if (rc == 0)
		rc = audit(ctx, "code move", "%s under %s", name, pname);
	if (rc == 0)
		fprintf(ctx->out, "moved %s under %s\n", name, pname);
out:
	free(name);
	free(pname);
	return rc < 0 ? rc : 0;
}

int cmd_code_merge(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct codebook_merged m = { 0 };
	long long from, to;
	int rc;

	if ((rc = codebook_find(ctx->store, a->pos[0], &from, &ctx->err)) < 0 ||
	    (rc = codebook_find(ctx->store, a->pos[1], &to, &ctx->err)) < 0)
		goto out;
	if (from == to) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "a code cannot"
				" merge into itself");
		goto out;
	}
	if ((rc = codebook_merge_code(ctx->store, from, to, &m, &ctx->err)) < 0)
		goto out;
	rc = audit(ctx, "code merge", "%s into %s: %lld codings moved, %lld"
		   " duplicates dropped", m.from, m.to, m.moved, m.dropped);
	if (rc == 0)
		fprintf(ctx->out, "merged %s into %s: %lld codings moved%s\n",
			m.from, m.to, m.moved,
			m.dropped ? " (duplicates dropped)" : "");
out:
	codebook_merged_release(&m);
	return rc < 0 ? rc : 0;
}

int cmd_code_rm(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long id, n = 0;
	char *name = NULL;
	int rc;

	if ((rc = codebook_find(ctx->store, a->pos[0], &id, &ctx->err)) < 0 ||
	    (rc = codebook_remove(ctx->store, id, args_has(a, "--force"), &name,
				  &n, &ctx->err)) < 0)
		goto out;
	rc = audit(ctx, "code rm", "%s with %lld codings", name, n);
	if (rc == 0)
		fprintf(ctx->out, "removed code %s%s\n", name,
			n ? " and its codings" : "");
out:
	free(name);
	return rc < 0 ? rc : 0;
}
