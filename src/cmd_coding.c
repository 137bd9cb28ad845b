/* cmd_coding: tag, untag, autocode, suggestions, accept, reject, coded,
 * freq, cooc and memo. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_coding.h"
#include "qcode/codebook.h"
#include "qcode/coding.h"
#include "qcode/out.h"
#include "qcode/privacy.h"
#include "qcode/persons.h"
#include "qcode/outfile.h"
#include "qcode/revise.h"
#include "qcode/sources.h"
#include "qcode/search.h"
#include "qcode/text.h"

/* The coder of this command: --coder, else the project's (QCODE_CODER or
 * the login name). */
static int coder_of(struct qc_ctx *ctx, const struct qc_args *a,
		    const char **name, long long *id)
{
	*name = args_get(a, "--coder") ? args_get(a, "--coder") :
		ctx->store->coder;
	return store_coder_id(ctx->store, *name, id, &ctx->err);
}

/* ---- tag / untag ---- */

/* tag CODE REF --reattach D3: a detached coding on one span again. */
static int reattach(struct qc_ctx *ctx, const struct qc_args *a, long long code,
		    const struct coding_spans *sp)
{
	const char *d = args_get(a, "--reattach");
	char *detail;
	int rc;

	if (sp->n != 1)
		return qc_err_set(&ctx->err, QC_EUSAGE, "--reattach takes one"
				  " span (S3:17 or S3:17@12-80), not %zu", sp->n);
	if (args_get(a, "--coder") || args_get(a, "--memo"))
		return qc_err_set(&ctx->err, QC_EUSAGE, "--reattach keeps the"
				  " coding's coder and memo");
	if ((rc = revise_reattach(ctx->store, d, code, sp->v[0].source_id,
				  sp->v[0].segment_id, sp->v[0].start_cp,
				  sp->v[0].end_cp, &ctx->err)) < 0)
		return rc;
	detail = xasprintf("%s: %s tagged again at S%lld@%lld-%lld", a->pos[0], d,
			   sp->v[0].source_id, sp->v[0].start_cp, sp->v[0].end_cp);
	rc = store_audit(ctx->store, "tag", detail, &ctx->err);
	free(detail);
	if (rc < 0)
		return rc;
	if (ctx->json)
		out_json_result(ctx->out, "reattached", d, NULL, NULL, 0);
	else
		fprintf(ctx->out, "%s is a coding of %s again\n", d, a->pos[0]);
	return 0;
}

static int tag_or_untag(struct qc_ctx *ctx, const struct qc_args *a, int tag)
{
	struct coding_spans sp = { 0 };
	long long code, coder_id, n1 = 0, n2 = 0;
	const char *coder;
	char *detail;
	int rc;

	if ((rc = codebook_find(ctx->store, a->pos[0], &code, &ctx->err)) < 0 ||
	    (rc = coder_of(ctx, a, &coder, &coder_id)) < 0 ||
	    (rc = coding_parse_refs_hits(ctx->store, ctx->store->coder,
					 a->pos + 1, a->npos - 1,
					 args_has(a, "--span"), &sp,
					 &ctx->err)) < 0)
		goto out;
	if (tag && args_get(a, "--reattach")) {
		rc = reattach(ctx, a, code, &sp);
		goto out;
	}
	if (tag)
		rc = coding_tag(ctx->store, code, &sp, coder_id,
				args_get(a, "--memo"), args_has(a, "--exemplar") ?
				"pin" : NULL, &n1, &n2, &ctx->err);
	else
		rc = coding_untag(ctx->store, code, &sp, coder_id, &n1, &ctx->err);
	if (rc < 0)
		goto out;
	detail = tag ? xasprintf("%s: %lld codings added by %s (%lld existed)",
				 a->pos[0], n1, coder, n2) :
		       xasprintf("%s: %lld codings of %s removed", a->pos[0], n1,
				 coder);
	rc = store_audit(ctx->store, tag ? "tag" : "untag", detail, &ctx->err);
	free(detail);
	if (rc < 0)
		goto out;
	if (ctx->json)
		out_json_result(ctx->out, NULL, NULL, tag ? (const char *const[]){ "added",
			"existing" } : (const char *const[]){ "removed" },
			(long long[]){ n1, n2 }, tag ? 2 : 1);
	else if (tag && !n1 && n2)
		fprintf(ctx->out, "already coded %s: nothing changed\n", a->pos[0]);
	else if (tag)
		fprintf(ctx->out, "coded %lld segment%s with %s%s\n", n1,
			n1 == 1 ? "" : "s", a->pos[0], n2 ? " (some were already)" : "");
	else if (!n1)
		fprintf(ctx->out, "no codings of %s there by %s\n", a->pos[0], coder);
	else
		fprintf(ctx->out, "removed %lld coding%s of %s\n", n1,
			n1 == 1 ? "" : "s", a->pos[0]);
out:
	coding_spans_release(&sp);
	return rc < 0 ? rc : 0;
}

int cmd_tag(struct qc_ctx *ctx, const struct qc_args *a)
{
	return tag_or_untag(ctx, a, 1);
}

int cmd_untag(struct qc_ctx *ctx, const struct qc_args *a)
{
	return tag_or_untag(ctx, a, 0);
}

/* ---- suggestions ---- */

int cmd_autocode(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long *ids = NULL, added, matches;
	int rc = 0;
	char *d;

	ids = xcalloc((size_t)a->npos + 1, sizeof(*ids));
	for (int i = 0; i < a->npos && rc == 0; i++)
		rc = codebook_find(ctx->store, a->pos[i], &ids[i], &ctx->err);
	if (rc == 0)
		rc = coding_autocode(ctx->store, ids, (size_t)a->npos, &added,
				     &matches, &ctx->err);
	if (rc == 0) {
		d = xasprintf("%lld matches, %lld new suggestions", matches, added);
		rc = store_audit(ctx->store, "autocode", d, &ctx->err);
		free(d);
	}
	if (rc == 0 && ctx->json)
		out_json_result(ctx->out, NULL, NULL, (const char *const[]){ "matches", "new" },
			      (long long[]){ matches, added }, 2);
	else if (rc == 0)
		fprintf(ctx->out, "%lld matches, %lld new suggestions (see"
			" 'qcode suggestions')\n", matches, added);
	free(ids);
	return rc < 0 ? rc : 0;
}

int cmd_suggestions(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col cols[] = {
		{ "n", NULL, OUT_INT, 0 }, { "code", NULL, OUT_TEXT, 0 },
		{ "ref", NULL, OUT_REF, 0 }, { "status", NULL, OUT_TEXT, 0 },
		{ "context", NULL, OUT_TEXT, 0 } };
	struct coding_suggestions l = { 0 };
	struct out_rows rows;
	enum out_format fmt;
	long long code = 0;
	int ctxw = 6, rc = 0, all = args_has(a, "--all");

	if (args_get(a, "--context"))
		ctxw = atoi(args_get(a, "--context"));
	if ((a->npos && (rc = codebook_find(ctx->store, a->pos[0], &code,
					   &ctx->err)) < 0) ||
	    (rc = coding_suggestions_list(ctx->store, code, all,
					  &l, &ctx->err)) < 0)
		goto out;
	fmt = args_format(ctx, a);
	out_rows_init(&rows, cols, 5);
	rows.headless = fmt == OUT_FMT_TSV;	/* as before; CSV has its header */
	for (size_t i = 0; i < l.n; i++) {
		const struct coding_suggestion *x = &l.v[i];
		struct qc_buf k = QC_BUF_INIT;
		struct qc_buf v = QC_BUF_INIT;

		/* the context: in JSON as stored, else shown as on screen */
		if (fmt == OUT_FMT_JSON)
			search_kwic_cp(&k, x->text, strlen(x->text),
				       (size_t)x->start_cp, (size_t)x->end_cp,
				       ctxw, 0);
		else
			out_kwic_cp(&k, x->text, strlen(x->text),
				    (size_t)x->start_cp, (size_t)x->end_cp, ctxw,
				    fmt == OUT_FMT_TABLE ? ctx->color : 0);
		if (fmt == OUT_FMT_TABLE) {
			char ref[48];
			snprintf(ref, sizeof(ref), "S%lld:%lld", x->source_id,
				 x->ordinal);
			/* with --all each says where it stands */
			fprintf(ctx->out, "%4lld  %-22s %-8s %-*s%s%s%s\n", x->id,
				x->code, ref, all ? 10 : 0, all ? x->status : "",
				x->speaker ? out_text(&v, x->speaker) : "",
				x->speaker ? ": " : "", k.buf);
		}
		out_rows_int(&rows, x->id);
		out_rows_str(&rows, x->code);
		out_rows_ref(&rows, x->source_id, x->ordinal);
		out_rows_str(&rows, x->status);
		out_rows_str(&rows, k.buf);
		qc_buf_release(&k);
		qc_buf_release(&v);
	}
	if (fmt != OUT_FMT_TABLE)
		out_rows_print(&rows, ctx->out, fmt);
	else if (!l.n)
		fputs(all ? "no suggestions\n" : "no pending suggestions\n",
		      ctx->out);
	out_rows_release(&rows);
out:
	coding_suggestions_release(&l);
	return rc < 0 ? rc : 0;
}

static int decide(struct qc_ctx *ctx, const struct qc_args *a, int accept)
{
	long long *ids = NULL, done = 0, code = 0, coder_id;
	int all = 0, rc = 0;
	size_t n = 0;

	size_t alloc = 0;

	for (int i = 0; i < a->npos && rc == 0; i++) {
		if (!strcmp(a->pos[i], "all")) {
			all = 1;
			continue;
		}
		/* numbers and ranges as everywhere: 3 5-9, or 3,5-9 */
		if (qc_parse_numlist(a->pos[i], &ids, &n, &alloc) < 0)
			rc = qc_err_set(&ctx->err, QC_EUSAGE, "'%s' is not a"
					" suggestion number (like 3 or 1,3-7; or"
					" all)", a->pos[i]);
	}
	if (rc == 0 && args_get(a, "--code"))
		rc = codebook_find(ctx->store, args_get(a, "--code"), &code,
				   &ctx->err);
	if (rc == 0)
		rc = store_coder_id(ctx->store, ctx->store->coder, &coder_id,
				    &ctx->err);
	if (rc == 0)
		rc = coding_decide(ctx->store, accept, ids, n, all, code, coder_id,
				   ctx->store->coder, &done, &ctx->err);
	if (rc == 0) {
		char *d = xasprintf("%lld suggestions %s", done,
				    accept ? "accepted" : "rejected");
		rc = store_audit(ctx->store, accept ? "accept" : "reject", d,
				 &ctx->err);
		free(d);
	}
	if (rc == 0 && ctx->json)
		out_json_result(ctx->out, NULL, NULL, (const char *const[]){ accept ?
			"accepted" : "rejected" }, &done, 1);
	else if (rc == 0)
		fprintf(ctx->out, "%lld suggestions %s\n", done,
			accept ? "accepted" : "rejected");
	free(ids);
	return rc < 0 ? rc : 0;
}

int cmd_accept(struct qc_ctx *ctx, const struct qc_args *a)
{
	return decide(ctx, a, 1);
}

int cmd_reject(struct qc_ctx *ctx, const struct qc_args *a)
{
	return decide(ctx, a, 0);
}

/* ---- retrieval ---- */

/* coded [CODE] --detached: codings whose words an edit deleted. */
static int coded_detached(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col cols[] = {
		{ "detached", NULL, OUT_REF, 0 }, { "code", NULL, OUT_TEXT, 0 },
		{ "was", NULL, OUT_REF, 0 }, { "version", NULL, OUT_INT, 0 },
		{ "now near", NULL, OUT_REF, 0 }, { "coder", NULL, OUT_TEXT, 0 },
		{ "text", NULL, OUT_TEXT, 0 } };
	struct revise_detacheds l = { 0 };
	struct out_rows t;
	struct filter f;
	long long code = 0;
	int rc;

	args_filter(a, &f);
	if ((a->npos && (rc = codebook_find(ctx->store, a->pos[0], &code,
					    &ctx->err)) < 0) ||
	    (rc = revise_detached_list(ctx->store, code,
				       args_has(a, "--children"), &f, &l,
				       &ctx->err)) < 0) {
		free(f.attrs);
		return rc;
	}
	out_rows_init(&t, cols, 7);
	t.empty = "no detached codings\n";
	for (size_t i = 0; i < l.n; i++) {
		const struct revise_detached *x = &l.v[i];
		char ref[32], was[48], near[48];
		snprintf(ref, sizeof(ref), "D%lld", x->id);
		snprintf(was, sizeof(was), "S%lld:%lld", x->source, x->ordinal);
		snprintf(near, sizeof(near), "S%lld:%lld", x->source,
			 sources_turn_at(ctx->store, x->source, x->at_cp));
		out_rows_text(&t, ref);
		out_rows_str(&t, x->code);
		out_rows_text(&t, was);
		out_rows_int(&t, x->version);
		out_rows_text(&t, near);
		out_rows_str(&t, x->coder);
		out_rows_str(&t, x->text);
	}
	out_rows_print(&t, ctx->out, args_format(ctx, a));
	out_rows_release(&t);
	revise_detacheds_release(&l);
	free(f.attrs);
	return 0;
}

/* Rows to standard output, or with --xlsx to a spreadsheet (logged). */
static int rows_out(struct qc_ctx *ctx, const struct out_rows *t,
		    enum out_format fmt, const char *xlsx, const char *cmd,
		    int redacted)
{
	char *d;
	int rc;

	if (!xlsx) {
		out_rows_print(t, ctx->out, fmt);
		return 0;
	}
	if ((rc = out_rows_xlsx(t, xlsx, cmd, &ctx->err)) < 0)
		return rc;
	d = xasprintf("%s%s", xlsx, redacted ? " (pseudonymised and redacted)"
		      : "");
	rc = store_log(ctx->store, cmd, d, &ctx->err);
	free(d);
	if (rc == 0)
		fprintf(ctx->out, "wrote '%s': %zu rows\n", xlsx,
			out_rows_count(t));
	return rc;
}

/* ---- coded --html ---- */

static void html_escape(struct qc_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		switch (s[i]) {
		case '&': qc_buf_adds(b, "&amp;"); break;
		case '<': qc_buf_adds(b, "&lt;"); break;
		case '>': qc_buf_adds(b, "&gt;"); break;
		case '"': qc_buf_adds(b, "&quot;"); break;
		case '\n': qc_buf_adds(b, "<br>"); break;
		default: qc_buf_addch(b, s[i]);
		}
}

/* A piece of a turn, redacted unless red is NULL, escaped into b. */
static int html_piece(struct qc_buf *b, struct redactor *red, const char *s,
		      size_t n, struct qc_err *e)
{
	struct qc_buf r = QC_BUF_INIT;
	int rc = 0;

	if (red && (rc = redactor_apply(red, s, n, &r, e)) < 0) {
		qc_buf_release(&r);
		return rc;
	}
	if (red)
		html_escape(b, r.buf, r.len);
	else
		html_escape(b, s, n);
	qc_buf_release(&r);
	return 0;
}

/*
 * The fragments as one self-contained HTML page (no scripts, no links,
 * its style inline): each fragment in its whole turn, the coded words
 * marked, with reference, speaker, coder and memo. Personal data is
 * redacted unless real names were asked for (logged either way).
 */
static int coded_html(struct qc_ctx *ctx, const char *path, const char *code,
		      const struct coding_rows *r, int real)
{
	struct redactor *red = NULL;
	struct qc_buf b = QC_BUF_INIT;
	struct outfile o;
	char *title = store_get_setting(ctx->store, "title");
	char *lang = store_get_setting(ctx->store, "lang");
	char *detail;
	int rc = 0;

	if (!qc_has_ext(path, ".html") && !qc_has_ext(path, ".htm")) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--html writes FILE.html,"
				" not '%s'", path);
		goto out;
	}
	if (!real && (rc = redactor_open(ctx->store, NULL, &red,
					 &ctx->err)) < 0)
		goto out;
	qc_buf_addf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>", lang ? lang : "nl");
	html_piece(&b, NULL, code, strlen(code), NULL);
	qc_buf_adds(&b, "</title>\n<style>\n"
		    "body{font-family:Georgia,serif;max-width:46em;margin:2em"
		    " auto;padding:0 1em;color:#222;line-height:1.5}\n"
		    "h1{font-size:1.4em}article{border-top:1px solid #ccc;"
		    "padding:.6em 0}header{font:.85em sans-serif;color:#555}\n"
		    "mark{background:#fde68a}.memo{font-style:italic;color:#555}\n"
		    "footer{margin-top:2em;font:.8em sans-serif;color:#777}\n"
		    "</style>\n</head>\n<body>\n<h1>");
	if ((rc = html_piece(&b, red, code, strlen(code), &ctx->err)) < 0)
		goto out;
	qc_buf_adds(&b, "</h1>\n<p>");
	if (title && (rc = html_piece(&b, red, title, strlen(title),
				      &ctx->err)) < 0)
		goto out;
	qc_buf_addf(&b, " &middot; %zu fragment%s</p>\n", r->n,
		    r->n == 1 ? "" : "s");
	for (size_t i = 0; i < r->n && rc == 0; i++) {
		const struct coding_row *x = &r->v[i];
		size_t len = strlen(x->text);
		size_t b0 = text_cp_to_byte(x->text, len, (size_t)x->start_cp);
		size_t b1 = text_cp_to_byte(x->text, len, (size_t)x->end_cp);

		qc_buf_addf(&b, "<article>\n<header>S%lld:%lld &middot; ",
			    x->source_id, x->ordinal);
		rc = html_piece(&b, red, x->speaker, strlen(x->speaker),
				&ctx->err);
		if (*x->role) {
			qc_buf_adds(&b, " (");
			html_piece(&b, NULL, x->role, strlen(x->role), NULL);
			qc_buf_addch(&b, ')');
		}
		qc_buf_adds(&b, " &middot; ");
		html_piece(&b, NULL, x->coder, strlen(x->coder), NULL);
		qc_buf_adds(&b, " &middot; ");
		html_piece(&b, NULL, x->kind, strlen(x->kind), NULL);
		qc_buf_adds(&b, "</header>\n<p>");
		if (rc == 0)
			rc = html_piece(&b, red, x->text, b0, &ctx->err);
		qc_buf_adds(&b, "<mark>");
		if (rc == 0)
			rc = html_piece(&b, red, x->text + b0, b1 - b0, &ctx->err);
		qc_buf_adds(&b, "</mark>");
		if (rc == 0)
			rc = html_piece(&b, red, x->text + b1, len - b1, &ctx->err);
		qc_buf_adds(&b, "</p>\n");
		if (*x->memo && rc == 0) {
			qc_buf_adds(&b, "<p class=\"memo\">");
			rc = html_piece(&b, red, x->memo, strlen(x->memo),
					&ctx->err);
			qc_buf_adds(&b, "</p>\n");
		}
		qc_buf_adds(&b, "</article>\n");
	}
	if (rc < 0)
		goto out;
	qc_buf_addf(&b, "<footer>%s</footer>\n</body>\n</html>\n", real ?
		    "REAL NAMES, not redacted" : "Pseudonymised and redacted");
	if ((rc = outfile_open(&o, path, OUTFILE_PRIVATE, &ctx->err)) < 0)
		goto out;
	if ((rc = outfile_write(&o, b.buf, b.len, &ctx->err)) < 0) {
		outfile_abort(&o);
		goto out;
	}
	if ((rc = outfile_commit(&o, &ctx->err)) < 0)
		goto out;
	detail = xasprintf("%s (%s)", path, real ? "REAL NAMES, not redacted" :
			   "pseudonymised and redacted");
	rc = store_log(ctx->store, "coded", detail, &ctx->err);
	free(detail);
	if (rc == 0)
		fprintf(ctx->out, "wrote '%s': %zu fragment%s\n", path, r->n,
			r->n == 1 ? "" : "s");
out:
	redactor_close(red);
	qc_buf_release(&b);
	free(title);
	free(lang);
	return rc;
}

int cmd_coded(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col cols[] = {
		{ "coding", NULL, OUT_INT, 0 }, { "code", NULL, OUT_TEXT, 0 },
		{ "ref", NULL, OUT_REF, 0 }, { "speaker", NULL, OUT_TEXT, 0 },
		{ "role", NULL, OUT_TEXT, 0 }, { "coder", NULL, OUT_TEXT, 0 },
		{ "kind", NULL, OUT_TEXT, 0 }, { "text", NULL, OUT_TEXT, 0 } };
	struct out_rows t;
	enum out_format fmt;
	struct coding_coded_opts o = { 0 };
	struct coding_rows r = { 0 };
	struct redactor *red = NULL;
	const char *xlsx;
	int rc, ctxw = 12;

	if (args_has(a, "--detached"))
		return coded_detached(ctx, a);
	if (!a->npos)
		return qc_err_set(&ctx->err, QC_EUSAGE, "which code? (coded CODE,"
				  " or coded --detached)");
	if (args_get(a, "--context"))
		ctxw = atoi(args_get(a, "--context"));
	if (args_has(a, "--full"))
		ctxw = -1;
	o.children = args_has(a, "--children");
	o.real_names = args_has(a, "--real-names");
	args_filter(a, &o.f);
	if ((rc = codebook_find(ctx->store, a->pos[0], &o.code_id,
				&ctx->err)) < 0)
		goto out;
	if (o.real_names && (rc = store_audit(ctx->store, "real-names", "coded",
					      &ctx->err)) < 0)
		goto out;
	if ((rc = coding_coded(ctx->store, &o, &r, &ctx->err)) < 0)
		goto out;
	if (args_get(a, "--html")) {
		rc = coded_html(ctx, args_get(a, "--html"), a->pos[0], &r,
				o.real_names);
		goto out;
	}
	fmt = args_format(ctx, a);
	xlsx = args_get(a, "--xlsx");
	if (xlsx) {
		fmt = OUT_FMT_CSV;
		/* a spreadsheet leaves the machine: redacted as a page is */
		if (!o.real_names && (rc = redactor_open(ctx->store, NULL, &red,
							 &ctx->err)) < 0)
			goto out;
	}
	out_rows_init(&t, cols, 8);
	for (size_t i = 0; i < r.n && rc == 0; i++) {
		const struct coding_row *x = &r.v[i];
		struct qc_buf k = QC_BUF_INIT;
		size_t len = strlen(x->text);
		char ref[48];
		int whole = x->start_cp == 0 &&
			    (size_t)x->end_cp == text_cp_count(x->text, len);

		snprintf(ref, sizeof(ref), "S%lld:%lld", x->source_id, x->ordinal);
		if (whole || fmt != OUT_FMT_TABLE) {
			/* the coded text itself */
			size_t b0 = text_cp_to_byte(x->text, len, (size_t)x->start_cp);
			size_t b1 = text_cp_to_byte(x->text, len, (size_t)x->end_cp);
			qc_buf_add(&k, x->text + b0, b1 - b0);
			for (size_t c = 0; c < k.len; c++)
				if (k.buf[c] == '\n')
					k.buf[c] = ' ';
		} else {
			out_kwic_cp(&k, x->text, len, (size_t)x->start_cp,
				    (size_t)x->end_cp, ctxw, ctx->color);
		}
		if (red) {
			struct qc_buf rd = QC_BUF_INIT;
			if ((rc = redactor_apply(red, k.buf, k.len, &rd,
						 &ctx->err)) == 0) {
				qc_buf_reset(&k);
				qc_buf_add(&k, rd.buf, rd.len);
			}
			qc_buf_release(&rd);
		}
		if (fmt != OUT_FMT_TABLE) {
			out_rows_int(&t, x->id);
			out_rows_str(&t, x->code);
			out_rows_text(&t, ref);
			out_rows_str(&t, x->speaker);
			out_rows_str(&t, x->role);
			out_rows_str(&t, x->coder);
			out_rows_str(&t, x->kind);
			out_rows_str(&t, k.buf);
		} else {
			struct qc_buf v[5] = { QC_BUF_INIT, QC_BUF_INIT,
					       QC_BUF_INIT, QC_BUF_INIT, QC_BUF_INIT };
			fprintf(ctx->out, "%s%-8s %s%s%s%s  [%s, %s]\n    %s\n",
				i ? "\n" : "", ref, out_text(&v[0], x->speaker),
				*x->role ? " (" : "", out_text(&v[1], x->role),
				*x->role ? ")" : "", out_text(&v[2], x->code),
				out_text(&v[3], x->coder), whole ?
				out_text(&v[4], k.buf) : k.buf);
			if (*x->memo)
				fprintf(ctx->out, "    memo: %s\n",
					out_text(&v[1], x->memo));
			for (int c = 0; c < 5; c++)
				qc_buf_release(&v[c]);
		}
		qc_buf_release(&k);
	}
	if (rc == 0 && fmt != OUT_FMT_TABLE)
		rc = rows_out(ctx, &t, fmt, xlsx, "coded", red != NULL);
	else if (rc == 0 && !r.n)
		fprintf(ctx->out, "nothing coded with %s\n", a->pos[0]);
	out_rows_release(&t);
out:
	redactor_close(red);
	coding_rows_release(&r);
	free(o.f.attrs);
	return rc < 0 ? rc : 0;
}

int cmd_freq(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const char *const bys[] = { [CODING_BY_KIND] = "kind",
		[CODING_BY_ROLE] = "role", [CODING_BY_SOURCE] = "source",
		[CODING_BY_CODER] = "coder", [CODING_BY_THEME] = "theme",
		[CODING_BY_PERSON] = "person", [CODING_BY_ATTRIBUTE] = "attribute" };
	struct filter f;
	struct coding_freq fq = { 0 };
	enum out_format fmt;
	const char *by;
	int rc = 0, gi = -1;
	size_t nc, ng;

	by = args_get(a, "--by") ? args_get(a, "--by") : "kind";
	args_filter(a, &f);
	for (size_t i = 0; i < sizeof(bys) / sizeof(bys[0]); i++)
		if (!strcmp(by, bys[i]))
			gi = (int)i;
	if (gi < 0) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--by is kind, role,"
				" source, coder, theme, person or attribute NAME,"
				" not '%s'", by);
		goto out;
	}
	if ((gi == CODING_BY_ATTRIBUTE) != (a->npos == 1)) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, a->npos ? "NAME goes with"
				" --by attribute only" : "--by attribute wants"
				" the attribute's NAME");
		goto out;
	}
	if (a->npos && (rc = persons_attr_known(ctx->store, a->pos[0],
						 &ctx->err)) < 0)
		goto out;
	if (gi == CODING_BY_ATTRIBUTE)
		by = a->pos[0];
	if ((rc = coding_freq_attr(ctx->store, (enum coding_by)gi,
				   a->npos ? a->pos[0] : NULL, &f, &fq,
				   &ctx->err)) < 0)
		goto out;
	nc = fq.ncodes;
	ng = fq.ngroups;
	fmt = args_format(ctx, a);
	if (args_get(a, "--xlsx"))
		fmt = OUT_FMT_CSV;
	if (fmt == OUT_FMT_JSON) {
		/* a row per code and group that has codings */
		struct out_col cols[] = { { "code", NULL, OUT_TEXT, 0 },
			{ by, NULL, OUT_TEXT, 0 }, { "codings", NULL, OUT_INT, 0 },
			{ "sources", NULL, OUT_INT, 0 } };
		struct out_rows rows;

		out_rows_init(&rows, cols, 4);
		for (size_t c = 0; c < nc; c++)
			for (size_t g = 0; g < ng; g++) {
				if (!fq.codings[c * ng + g])
					continue;
				out_rows_str(&rows, fq.codes[c]);
				out_rows_str(&rows, fq.groups[g]);
				out_rows_int(&rows, fq.codings[c * ng + g]);
				out_rows_int(&rows, fq.sources[c * ng + g]);
			}
		out_rows_print(&rows, ctx->out, fmt);
		out_rows_release(&rows);
		goto out;
	}
	{
		/* codes down, groups across: "codings (sources)" in each cell */
		size_t ncol = ng + 2;
		struct out_col *cols = xcalloc(ncol, sizeof(*cols));
		struct out_rows t;

		for (size_t k = 0; k < ncol; k++)
			cols[k] = (struct out_col){ k == 0 ? "code" : k <= ng ?
				fq.groups[k - 1] : "total", NULL, k && fmt !=
				OUT_FMT_TABLE ? OUT_INT : OUT_TEXT,
				k ? OUT_RIGHT : 0 };
		out_rows_init(&t, cols, (int)ncol);
		t.empty = "nothing coded yet\n";
		for (size_t c = 0; c < nc; c++) {
			out_rows_str(&t, fq.codes[c]);
			for (size_t k = 1; k < ncol; k++) {
				long long n = k <= ng ? fq.codings[c * ng + k - 1] :
					      fq.total_codings[c];
				long long ns = k <= ng ? fq.sources[c * ng + k - 1] :
					       fq.total_sources[c];
				if (!n)
					out_rows_text(&t, fmt == OUT_FMT_TABLE ?
						      "-" : "0");
				else if (fmt == OUT_FMT_TABLE)
					out_rows_textf(&t, "%lld (%lld)", n, ns);
				else
					out_rows_int(&t, n);
			}
		}
		rc = rows_out(ctx, &t, fmt, args_get(a, "--xlsx"), "freq", 0);
		if (fmt == OUT_FMT_TABLE && nc)
			fputs("cells: codings (distinct sources)\n", ctx->out);
		out_rows_release(&t);
		free(cols);
	}
out:
	coding_freq_release(&fq);
	free(f.attrs);
	return rc < 0 ? rc : 0;
}

static size_t digits(long long v)
{
	size_t n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* How cooc is shown: 0 the matrix with the codes' names across, 1 with
 * numbers across (the names do not fit the terminal), 2 a list of pairs
 * (--pairs, or not even the numbered matrix fits). Pipes and files get
 * the matrix whole. */
static int cooc_shape(const struct coding_cooc *co, enum out_format fmt,
		      int pairs)
{
	size_t nc = co->n, term, label = 4, nlabel = 4, full = 0, num = 0;

	if (pairs)
		return 2;
	if (fmt != OUT_FMT_TABLE || (term = (size_t)out_term_width()) == 0)
		return 0;
	for (size_t i = 0; i < nc; i++) {
		size_t w = out_width(co->codes[i]), wn = digits((long long)i + 1);
		long long max = 0;

		for (size_t j = 0; j < nc; j++)
			if (co->m[j * nc + i] > max)
				max = co->m[j * nc + i];
		/* the row labels: the name, or "N name" */
		label = label > w ? label : w;
		nlabel = nlabel > w + wn + 1 ? nlabel : w + wn + 1;
		/* the columns: two spaces and the widest cell */
		full += 2 + (w > digits(max) ? w : digits(max));
		num += 2 + (wn > digits(max) ? wn : digits(max));
	}
	full += label;
	num += nlabel;
	if (full <= term)
		return 0;
	return num <= term ? 1 : 2;
}

/* The pairs found together, most often first. */
struct cooc_pair {
	size_t g, a, b;		/* the coder's block (--by coder), the codes */
	long long n;
};

static int pair_cmp(const void *x, const void *y)
{
	const struct cooc_pair *p = x, *q = y;

	if (p->n != q->n)
		return p->n > q->n ? -1 : 1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

static void cooc_pairs(struct qc_ctx *ctx, const struct coding_cooc *co,
		       enum out_format fmt, int by)
{
	const struct out_col cols[] = {
		{ "coder", NULL, OUT_TEXT, by ? 0 : OUT_NOJSON },
		{ "a", NULL, OUT_TEXT, 0 }, { "b", NULL, OUT_TEXT, 0 },
		{ "count", NULL, OUT_INT, 0 } };
	size_t nc = co->n, np = 0;
	struct cooc_pair *p = xcalloc(co->ngroups * (nc * nc / 2) + 1,
				      sizeof(*p));
	struct out_rows rows;

	for (size_t g = 0; g < co->ngroups; g++)
		for (size_t i = 0; i < nc; i++)
			for (size_t j = i + 1; j < nc; j++)
				if (co->m[(g * nc + i) * nc + j])
					p[np++] = (struct cooc_pair){ g, i, j,
						co->m[(g * nc + i) * nc + j] };
	qsort(p, np, sizeof(*p), pair_cmp);
	out_rows_init(&rows, by ? cols : cols + 1, by ? 4 : 3);
	rows.empty = "no two codes found together\n";
	for (size_t k = 0; k < np; k++) {
		if (by)
			out_rows_str(&rows, co->coders[p[k].g]);
		out_rows_str(&rows, co->codes[p[k].a]);
		out_rows_str(&rows, co->codes[p[k].b]);
		out_rows_int(&rows, p[k].n);
	}
	out_rows_print(&rows, ctx->out, fmt);
	out_rows_release(&rows);
	free(p);
}

/* ---- matrix ---- */

/* The codes of a "A,B" list, or every code for "all"; *ids is the
 * caller's to free. */
static int matrix_codes(struct qc_ctx *ctx, const char *list, long long **ids,
			size_t *n)
{
	struct codebook cb;
	const char *p = list;
	int rc = 0;

	*ids = NULL;
	*n = 0;
	if (!strcmp(list, "all")) {
		codebook_init(&cb);
		if ((rc = codebook_read(ctx->store, &cb, &ctx->err)) < 0)
			return rc;
		*ids = xcalloc(cb.n + 1, sizeof(long long));
		for (size_t i = 0; i < cb.n && rc == 0; i++)
			rc = codebook_find(ctx->store, cb.codes[i].id,
					   &(*ids)[(*n)++], &ctx->err);
		codebook_release(&cb);
		return rc;
	}
	*ids = xcalloc(strlen(list) + 1, sizeof(long long));
	while (*p && rc == 0) {
		const char *c = strchr(p, ',');
		char *one = c ? xstrndup(p, (size_t)(c - p)) : xstrdup(p);
		if (*one)
			rc = codebook_find(ctx->store, one, &(*ids)[(*n)++],
					   &ctx->err);
		free(one);
		p = c ? c + 1 : p + strlen(p);
	}
	return rc;
}

int cmd_matrix(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct filter f;
	struct coding_matrix m = { 0 };
	struct out_rows t;
	struct out_col *cols = NULL;
	enum out_format fmt = args_get(a, "--xlsx") ? OUT_FMT_CSV :
			      args_format(ctx, a);
	const char *by = args_get(a, "--by") ? args_get(a, "--by") : "attribute";
	char **vals = NULL;
	long long *ids = NULL;
	size_t nids = 0, nv = 0, nc, w;
	int rc;

	args_filter(a, &f);
	if (strcmp(by, "attribute")) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--by is attribute NAME,"
				" not '%s'", by);
		goto out;
	}
	if (a->npos != 2) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--by attribute wants the"
				" attribute's NAME");
		goto out;
	}
	if ((rc = persons_attr_known(ctx->store, a->pos[1], &ctx->err)) < 0 ||
	    (rc = matrix_codes(ctx, a->pos[0], &ids, &nids)) < 0 ||
	    (rc = persons_attr_values(ctx->store, a->pos[1], &vals, &nv,
				      &ctx->err)) < 0)
		goto out;
	if ((rc = coding_matrix(ctx->store, ids, nids, a->pos[1], vals, nv, &f,
				&m, &ctx->err)) < 0)
		goto out;
	w = nv + 1;
	if (fmt == OUT_FMT_JSON) {
		/* a row per code and value, the fragments behind it named by
		 * the filter that lists them */
		static const struct out_col jc[] = {
			{ "code", NULL, OUT_TEXT, 0 }, { "value", NULL, OUT_TEXT, 0 },
			{ "fragments", NULL, OUT_INT, 0 },
			{ "persons", NULL, OUT_INT, 0 } };
		out_rows_init(&t, jc, 4);
		for (size_t c = 0; c < m.ncodes; c++)
			for (size_t v = 0; v <= nv; v++) {
				out_rows_text(&t, m.codes[c]);
				out_rows_text(&t, v < nv ? vals[v] : NULL);
				out_rows_int(&t, m.fragments[c * w + v]);
				out_rows_int(&t, m.persons[c * w + v]);
			}
		out_rows_print(&t, ctx->out, fmt);
		out_rows_release(&t);
		goto out;
	}
	/* the table: "fragments (persons)"; TSV and CSV: two columns per
	 * value, numbers a spreadsheet can sum */
	nc = fmt == OUT_FMT_TABLE ? w + 1 : 2 * w + 1;
	cols = xcalloc(nc, sizeof(*cols));
	{
		char **heads = xcalloc(nc, sizeof(char *));
		cols[0] = (struct out_col){ "code", NULL, OUT_TEXT, 0 };
		for (size_t k = 1; k < nc; k++) {
			size_t v = fmt == OUT_FMT_TABLE ? k - 1 : (k - 1) / 2;
			const char *name = v < nv ? vals[v] : "all";
			heads[k] = fmt == OUT_FMT_TABLE ? xstrdup(name) :
				   xasprintf("%s %s", name, (k - 1) % 2 ?
					     "persons" : "fragments");
			cols[k] = (struct out_col){ heads[k], NULL, fmt ==
				OUT_FMT_TABLE ? OUT_TEXT : OUT_INT, OUT_RIGHT };
		}
		out_rows_init(&t, cols, (int)nc);
		t.empty = "no codes\n";
		for (size_t c = 0; c < m.ncodes; c++) {
			out_rows_text(&t, m.codes[c]);
			for (size_t v = 0; v < w; v++) {
				long long fr = m.fragments[c * w + v];
				long long pe = m.persons[c * w + v];
				if (fmt != OUT_FMT_TABLE) {
					out_rows_int(&t, fr);
					out_rows_int(&t, pe);
				} else if (fr) {
					out_rows_textf(&t, "%lld (%lld)", fr, pe);
				} else {
					out_rows_text(&t, "-");
				}
			}
		}
		rc = rows_out(ctx, &t, fmt, args_get(a, "--xlsx"), "matrix", 0);
		if (fmt == OUT_FMT_TABLE && m.ncodes)
			fprintf(ctx->out, "cells: fragments (persons); the"
				" fragments of a cell: coded CODE --where %s=VALUE\n",
				a->pos[1]);
		out_rows_release(&t);
		for (size_t k = 0; k < nc; k++)
			free(heads[k]);
		free(heads);
	}
out:
	coding_matrix_release(&m);
	for (size_t v = 0; v < nv; v++)
		free(vals[v]);
	free(vals);
	free(ids);
	free(cols);
	free(f.attrs);
	return rc < 0 ? rc : 0;
}

int cmd_cooc(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct filter f;
	struct coding_cooc co = { 0 };
	char *list = NULL, *save = NULL;
	const char *by;
	const char **refs = NULL;
	size_t nrefs = 0, nc;
	enum out_format fmt;
	int rc = 0, shape;

	args_filter(a, &f);
	/* the codes: --codes a,b,c, or every code that has codings */
	if (args_get(a, "--codes")) {
		list = xstrdup(args_get(a, "--codes"));
		for (char *t = strtok_r(list, ",", &save); t;
		     t = strtok_r(NULL, ",", &save)) {
			refs = xreallocarray(refs, nrefs + 1, sizeof(*refs));
			refs[nrefs++] = t;
		}
	}
	by = args_get(a, "--by");
	if (by && strcmp(by, "coder")) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--by takes coder, not"
				" '%s'", by);
		goto out;
	}
	if ((rc = coding_cooc(ctx->store, refs, nrefs, &f, by != NULL, &co,
			      &ctx->err)) < 0)
		goto out;
	nc = co.n;
	fmt = args_format(ctx, a);
	if (fmt == OUT_FMT_JSON) {
		/* a row per pair of codes found together (and coder) */
		const struct out_col cols[] = {
			{ "coder", NULL, OUT_TEXT, by ? 0 : OUT_NOJSON },
			{ "a", NULL, OUT_TEXT, 0 }, { "b", NULL, OUT_TEXT, 0 },
			{ "count", NULL, OUT_INT, 0 } };
		struct out_rows rows;

		out_rows_init(&rows, cols, 4);
		for (size_t g = 0; g < co.ngroups; g++)
			for (size_t i = 0; i < nc; i++)
				for (size_t j = i + 1; j < nc; j++) {
					long long v = co.m[(g * nc + i) * nc + j];
					if (!v)
						continue;
					out_rows_str(&rows, by ? co.coders[g] : "");
					out_rows_str(&rows, co.codes[i]);
					out_rows_str(&rows, co.codes[j]);
					out_rows_int(&rows, v);
				}
		out_rows_print(&rows, ctx->out, fmt);
		out_rows_release(&rows);
	} else if (!nc) {
		fputs("nothing coded yet\n", ctx->out);
	} else if ((shape = cooc_shape(&co, fmt, args_has(a, "--pairs"))) == 2) {
		cooc_pairs(ctx, &co, fmt, by != NULL);
	} else {
		/* codes down and across (each coder's block in turn);
		 * numbered when the names would not fit the terminal, the
		 * rows saying which code is which */
		struct out_col *cols = xcalloc(nc + 2, sizeof(*cols));
		char **heads = xcalloc(nc + 1, sizeof(char *));
		struct out_rows t;
		int off = by ? 1 : 0;

		cols[0] = (struct out_col){ "coder", NULL, OUT_TEXT, 0 };
		cols[off] = (struct out_col){ "code", NULL, OUT_TEXT, 0 };
		for (size_t j = 0; j < nc; j++) {
			heads[j] = shape ? xasprintf("%zu", j + 1) :
					   xstrdup(co.codes[j]);
			cols[j + 1 + off] = (struct out_col){ heads[j], NULL,
				OUT_TEXT, OUT_RIGHT };
		}
		out_rows_init(&t, cols, (int)nc + 1 + off);
		for (size_t g = 0; g < co.ngroups; g++)
			for (size_t i = 0; i < nc; i++) {
				if (by)
					out_rows_str(&t, co.coders[g]);
				if (shape)
					out_rows_textf(&t, "%zu %s", i + 1,
						       co.codes[i]);
				else
					out_rows_str(&t, co.codes[i]);
				for (size_t j = 0; j < nc; j++)
					if (i == j)
						out_rows_text(&t, fmt == OUT_FMT_TABLE ?
							      "." : "");
					else
						out_rows_int(&t, co.m[(g * nc + i) *
							     nc + j]);
			}
		out_rows_print(&t, ctx->out, fmt);
		out_rows_release(&t);
		for (size_t j = 0; j < nc; j++)
			free(heads[j]);
		free(heads);
		free(cols);
		if (fmt == OUT_FMT_TABLE)
			fputs(by ? "each cell: turns where that coder applied"
			      " both codes\n" : "each cell: turns where both"
			      " codes were applied, by any coder (--by coder:"
			      " per coder)\n", ctx->out);
	}
out:
	coding_cooc_release(&co);
	free(refs);
	free(list);
	free(f.attrs);
	return rc < 0 ? rc : 0;
}

/* ---- memos ---- */

int cmd_memo_add(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long author, mid;
	int rc;

	if ((rc = store_coder_id(ctx->store, ctx->store->coder, &author,
				 &ctx->err)) == 0 &&
	    (rc = coding_memo_add(ctx->store, a->pos[0], author, a->pos[1],
				  args_get(a, "--for"), &mid, &ctx->err)) == 0) {
		const char *vis = args_get(a, "--for") ? args_get(a, "--for") : "me";
		char *d = xasprintf("memo %lld on %s for %s", mid, a->pos[0], vis);
		rc = store_audit(ctx->store, "memo add", d, &ctx->err);
		free(d);
		if (rc == 0 && ctx->json)
			out_json_result(ctx->out, NULL, NULL, (const char *const[]){ "memo" },
				      &mid, 1);
		else if (rc == 0)
			fprintf(ctx->out, "added memo %lld\n", mid);
	}
	return rc < 0 ? rc : 0;
}

int cmd_memo_list(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col cols[] = {
		{ "id", NULL, OUT_INT, 0 }, { "target", NULL, OUT_TEXT, 0 },
		{ "author", NULL, OUT_TEXT, 0 }, { "updated", NULL, OUT_TEXT, 0 },
		{ "for", NULL, OUT_TEXT, 0 }, { "text", NULL, OUT_TEXT, 0 } };
	struct coding_memos l = { 0 };
	struct out_rows rows;
	enum out_format fmt = args_format(ctx, a);
	int rc;

	if ((rc = coding_memo_list(ctx->store, a->npos ? a->pos[0] : NULL, &l,
				   &ctx->err)) < 0)
		goto out;
	out_rows_init(&rows, cols, 6);
	for (size_t i = 0; i < l.n; i++) {
		const struct coding_memo *m = &l.v[i];
		out_rows_int(&rows, m->id);
		out_rows_str(&rows, m->target);
		out_rows_str(&rows, m->author);
		out_rows_str(&rows, m->updated);
		out_rows_str(&rows, m->visibility);
		out_rows_str(&rows, m->text);
		if (fmt == OUT_FMT_TABLE) {
			struct qc_buf v = QC_BUF_INIT;
			fprintf(ctx->out, "%s#%lld  %s  by %s, %s, for %s\n    ",
				i ? "\n" : "", m->id, m->target,
				out_text(&v, m->author), m->updated, m->visibility);
			for (const char *p = out_text(&v, m->text); *p; p++) {
				fputc(*p, ctx->out);
				if (*p == '\n')
					fputs("    ", ctx->out);
			}
			fputc('\n', ctx->out);
			qc_buf_release(&v);
		}
	}
	if (fmt != OUT_FMT_TABLE)
		out_rows_print(&rows, ctx->out, fmt);
	else if (!l.n)
		fputs("no memos\n", ctx->out);
	out_rows_release(&rows);
out:
	coding_memos_release(&l);
	return rc < 0 ? rc : 0;
}

int cmd_memo_rm(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long id;
	int rc;

	if ((rc = coding_memo_find(ctx->store, a->pos[0], &id, NULL,
				   &ctx->err)) == 0 &&
	    (rc = coding_memo_remove(ctx->store, id, &ctx->err)) == 0) {
		char *d = xasprintf("memo %lld", id);
		rc = store_audit(ctx->store, "memo rm", d, &ctx->err);
		free(d);
	}
	if (rc == 0)
		fprintf(ctx->out, "removed memo %lld\n", id);
	return rc < 0 ? rc : 0;
}

int cmd_memo_edit(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long id;
	char *dir = NULL, *path = NULL, *text = NULL, *old = NULL;
	const char *editor;
	size_t len;
	FILE *f;
	int rc = 0;

	if ((rc = coding_memo_find(ctx->store, a->pos[0], &id, &old,
				   &ctx->err)) < 0)
		goto out;
	/* the memo may hold personal data: edit it beside the project, in a
	 * file only its owner can read, and remove it afterwards */
	{
		const char *slash = strrchr(ctx->store->path, '/');
		dir = slash ? xstrndup(ctx->store->path,
				       (size_t)(slash - ctx->store->path)) :
		      xstrdup(".");
	}
	{
		/* named for this run: removed by a later one if this one is
		 * killed while the editor runs */
		char *memo = xasprintf("%s/memo", dir);
		int fd = outfile_temp(memo, &path, &ctx->err);
		free(memo);
		if (fd < 0) {
			rc = fd;
			goto out;
		}
		f = fdopen(fd, "w");
	}
	if (!f) {
		rc = qc_err_set(&ctx->err, QC_EIO, "cannot write '%s': %s",
				path, strerror(errno));
		goto out;
	}
	fputs(old, f);
	fclose(f);
	if (qc_edit_file(path, &editor) < 0) {
		rc = qc_err_set(&ctx->err, QC_EIO, "the editor '%s' failed; the"
				" memo is unchanged", editor);
		goto out;
	}
	if ((rc = qc_read_file(path, 16u << 20, &text, &len, &ctx->err)) < 0)
		goto out;
	while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
		text[--len] = '\0';
	if (!len) {
		rc = qc_err_set(&ctx->err, QC_EDATA, "the memo is empty; it is"
				" unchanged (use 'memo rm' to remove it)");
		goto out;
	}
	rc = coding_memo_update(ctx->store, id, text, len, &ctx->err);
	if (rc == 0) {
		char *d = xasprintf("memo %lld", id);
		rc = store_audit(ctx->store, "memo edit", d, &ctx->err);
		free(d);
	}
	if (rc == 0)
		fprintf(ctx->out, "updated memo %lld\n", id);
out:
	if (path)
		unlink(path);
	free(path);
	free(dir);
	free(text);
	free(old);
	return rc < 0 ? rc : 0;
}

/* ---- quote flags ---- */

/* quote pin|exclude|clear CODING...: which fragments reports quote. */
static int quote_flag(struct qc_ctx *ctx, const struct qc_args *a,
		      const char *flag, const char *verb)
{
	int rc = 0;

	for (int i = 0; i < a->npos && rc == 0; i++) {
		const char *p = a->pos[i] + (a->pos[i][0] == '#');
		char *end, *what = NULL, *d;
		long long id = strtoll(p, &end, 10);
		if (!*p || *end || id <= 0)
			return qc_err_set(&ctx->err, QC_EUSAGE, "'%s' is not a"
					  " coding number (#12)", a->pos[i]);
		if ((rc = coding_quote_set(ctx->store, id, flag, &what,
					   &ctx->err)) == 0) {
			d = xasprintf("%s %s", verb, what);
			rc = store_audit(ctx->store, "quote", d, &ctx->err);
			free(d);
			if (rc == 0 && !ctx->json)
				fprintf(ctx->out, "%s %s\n", verb, what);
		}
		free(what);
	}
	if (rc == 0 && ctx->json)
		out_json_result(ctx->out, NULL, NULL, (const char *const[]){
				"codings" }, (long long[]){ a->npos }, 1);
	return rc < 0 ? rc : 0;
}

int cmd_quote_pin(struct qc_ctx *ctx, const struct qc_args *a)
{
	return quote_flag(ctx, a, "pin", "pinned");
}

int cmd_quote_exclude(struct qc_ctx *ctx, const struct qc_args *a)
{
	return quote_flag(ctx, a, "exclude", "excluded");
}

int cmd_quote_clear(struct qc_ctx *ctx, const struct qc_args *a)
{
	return quote_flag(ctx, a, NULL, "cleared");
}
