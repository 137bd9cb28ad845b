/* cmd_revise: source edit, source replace, source history. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_revise.h"
#include "qcode/import.h"
#include "qcode/out.h"
#include "qcode/outfile.h"
#include "qcode/revise.h"

/* What an edit did: a line, then the notes as rows. */
static int print_revision(struct qc_ctx *ctx, const struct qc_args *a,
			  const struct revise_result *r)
{
	static const struct out_col cols[] = {
		{ "change", NULL, OUT_TEXT, 0 }, { "ref", NULL, OUT_REF, 0 },
		{ "detail", NULL, OUT_TEXT, 0 } };
	static const struct out_col sum[] = {
		{ "source", NULL, OUT_REF, 0 }, { "version", NULL, OUT_INT, 0 },
		{ "deleted", NULL, OUT_INT, 0 }, { "inserted", NULL, OUT_INT, 0 },
		{ "turns_changed", NULL, OUT_INT, 0 },
		{ "turns_added", NULL, OUT_INT, 0 },
		{ "turns_removed", NULL, OUT_INT, 0 },
		{ "codings", NULL, OUT_INT, 0 }, { "moved", NULL, OUT_INT, 0 },
		{ "detached", NULL, OUT_INT, 0 }, { "changes", NULL, OUT_ROWS, 0 } };
	struct out_rows t;
	enum out_format fmt = args_format(ctx, a);

	if (r->unchanged) {
		if (ctx->json) {
			char ref[32];
			snprintf(ref, sizeof(ref), "S%lld", r->source_id);
			out_json_result(ctx->out, "source", ref,
					(const char *const[]){ "version",
							       "changed" },
					(long long[]){ r->version, 0 }, 2);
		}
		else
			fprintf(ctx->out, "S%lld: the text is unchanged (version"
				" %lld)\n", r->source_id, r->version);
		return 0;
	}
	out_rows_init(&t, cols, 3);
	t.empty = "";
	for (size_t i = 0; i < r->n; i++) {
		out_rows_str(&t, r->v[i].what);
		out_rows_text(&t, r->v[i].ref);
		out_rows_str(&t, r->v[i].detail);
	}
	if (fmt == OUT_FMT_JSON) {
		struct out_rows top;
		out_rows_init(&top, sum, 11);
		out_rows_ref(&top, r->source_id, -1);
		out_rows_int(&top, r->version);
		out_rows_int(&top, r->deleted);
		out_rows_int(&top, r->inserted);
		out_rows_int(&top, r->turns_changed);
		out_rows_int(&top, r->turns_added);
		out_rows_int(&top, r->turns_removed);
		out_rows_int(&top, r->codings);
		out_rows_int(&top, r->moved);
		out_rows_int(&top, r->detached);
		out_rows_sub(&top, &t);
		out_rows_print(&top, ctx->out, fmt);
		out_rows_release(&top);
	} else {
		if (fmt == OUT_FMT_TABLE)
			fprintf(ctx->out, "S%lld is now version %lld: -%lld +%lld"
				" characters; %lld turns changed, %lld added, %lld"
				" removed; %lld of %lld codings moved with the text,"
				" %lld detached\n", r->source_id, r->version,
				r->deleted, r->inserted, r->turns_changed,
				r->turns_added, r->turns_removed, r->moved,
				r->codings, r->detached);
		if (out_rows_count(&t))
			out_rows_print(&t, ctx->out, fmt);
	}
	out_rows_release(&t);
	return 0;
}

/* Revise in a transaction of its own; the result is printed after the
 * commit. */
static int revise_and_print(struct qc_ctx *ctx, const struct qc_args *a,
			    struct import_doc *d, const char *how,
			    const char *filename)
{
	struct revise_result r;
	int rc;

	if ((rc = store_begin(ctx->store, &ctx->err)) < 0)
		return rc;
	rc = revise_source(ctx->store, a->pos[0], d, how, filename, &r, &ctx->err);
	if (rc == 0)
		rc = store_commit(ctx->store, &ctx->err);
	else
		store_rollback(ctx->store);
	if (rc == 0)
		print_revision(ctx, a, &r);
	revise_result_release(&r);
	return rc;
}

int cmd_source_replace(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct import_doc d;
	const char *base = strrchr(a->pos[1], '/');
	long long sid;
	int rc;

	if ((rc = sources_find(ctx->store, a->pos[0], &sid, &ctx->err)) < 0)
		return rc;
	if (import_is_project(a->pos[1]))
		return qc_err_set(&ctx->err, QC_EDATA, "'%s' is a whole project,"
				  " not one transcript", a->pos[1]);
	rc = import_load(a->pos[1], args_get(a, "--encoding"), &d, &ctx->err);
	if (rc < 0)
		qc_err_prefix(&ctx->err, "%s", a->pos[1]);
	else
		rc = revise_and_print(ctx, a, &d, "source replace",
				      base ? base + 1 : a->pos[1]);
	import_doc_release(&d);
	return rc < 0 ? rc : 0;
}

/* Run the editor on path; 0 or -code. */
static int run_editor(struct qc_ctx *ctx, const char *path)
{
	const char *editor;

	if (qc_edit_file(path, &editor) < 0)
		return qc_err_set(&ctx->err, QC_EIO, "the editor '%s' failed; the"
				  " source is unchanged", editor);
	return 0;
}

int cmd_source_edit(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct import_doc d;
	char *text = NULL, *again = NULL, *path = NULL, *dir, *data = NULL;
	size_t len = 0, alen = 0, dlen = 0;
	long long sid;
	FILE *f = NULL;
	int rc, fd;

	import_doc_init(&d);
	if ((rc = revise_current_text(ctx->store, a->pos[0], &sid, &text, &len,
				      &ctx->err)) < 0)
		goto out;
	/* the text holds personal data: edit it beside the project, in a
	 * file only its owner can read, named for this run (a later run
	 * removes it if this one is killed), and removed afterwards */
	{
		const char *slash = strrchr(ctx->store->path, '/');
		dir = slash ? xstrndup(ctx->store->path,
				       (size_t)(slash - ctx->store->path)) :
		      xstrdup(".");
		char *name = xasprintf("%s/S%lld.txt", dir, sid);
		fd = outfile_temp(name, &path, &ctx->err);
		free(name);
		free(dir);
	}
	if (fd < 0) {
		rc = fd;
		goto out;
	}
	if (!(f = fdopen(fd, "w"))) {
		close(fd);
		rc = qc_err_set(&ctx->err, QC_EIO, "cannot write '%s': %s", path,
				strerror(errno));
		goto out;
	}
	if (fwrite(text, 1, len, f) != len || fclose(f) != 0) {
		rc = qc_err_set(&ctx->err, QC_EIO, "cannot write '%s': %s", path,
				strerror(errno));
		goto out;
	}
	/* no transaction is held while the editor runs */
	if ((rc = run_editor(ctx, path)) < 0)
		goto out;
	if ((rc = qc_read_file(path, IMPORT_MAX_FILE, &data, &dlen,
			       &ctx->err)) < 0)
		goto out;
	if ((rc = import_parse(data, dlen, path, NULL, &d, &ctx->err)) < 0)
		goto out;
	/* someone else may have changed it meanwhile: keep theirs */
	if ((rc = revise_current_text(ctx->store, a->pos[0], &sid, &again,
				      &alen, &ctx->err)) < 0)
		goto out;
	if (alen != len || memcmp(again, text, len)) {
		rc = qc_err_set(&ctx->err, QC_EDATA, "S%lld was changed while it"
				" was being edited; nothing saved", sid);
		goto out;
	}
	rc = revise_and_print(ctx, a, &d, "source edit", NULL);
out:
	if (path)
		unlink(path);
	free(path);
	free(text);
	free(again);
	free(data);
	import_doc_release(&d);
	return rc < 0 ? rc : 0;
}

int cmd_source_history(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col cols[] = {
		{ "version", NULL, OUT_INT, 0 }, { "date", NULL, OUT_TEXT, 0 },
		{ "by", NULL, OUT_TEXT, 0 }, { "how", NULL, OUT_TEXT, 0 },
		{ "turns", NULL, OUT_INT, 0 }, { "chars", NULL, OUT_INT, 0 },
		{ "change", NULL, OUT_TEXT, 0 }, { "current", NULL, OUT_BOOL, 0 } };
	struct revise_versions h;
	struct out_rows t;
	int rc;

	if ((rc = revise_history(ctx->store, a->pos[0], &h, &ctx->err)) < 0)
		return rc;
	out_rows_init(&t, cols, 8);
	for (size_t i = 0; i < h.n; i++) {
		out_rows_int(&t, h.v[i].version);
		out_rows_str(&t, h.v[i].at);
		out_rows_str(&t, h.v[i].by);
		out_rows_str(&t, h.v[i].how);
		out_rows_int(&t, h.v[i].turns);
		out_rows_int(&t, h.v[i].chars);
		out_rows_str(&t, h.v[i].summary);
		out_rows_bool(&t, h.v[i].current);
	}
	out_rows_print(&t, ctx->out, args_format(ctx, a));
	out_rows_release(&t);
	revise_versions_release(&h);
	return 0;
}
