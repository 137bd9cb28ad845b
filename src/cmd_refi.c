/* cmd_refi: the REFI-QDA commands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_refi.h"
#include "qcode/out.h"
#include "qcode/refi.h"
#include "qcode/text.h"

/*
 * Redaction for exports until the privacy rules are wired in: every
 * participant label of the source becomes its pseudonym (or "Deelnemer N"),
 * and every name of `redact name` becomes "[naam]". Edits are in code
 * points of the stored text, as refi_export_qdpx wants them.
 */
struct redactor {
	char **from, **to;	/* pairs: what is replaced by what */
	size_t n;
	int global;		/* pairs [0, global) apply to every source */
	long long sid;		/* the source whose labels are loaded */
	const char *word;	/* "Deelnemer" or "Participant" */
};

static void red_add(struct redactor *r, const char *from, const char *to)
{
	if (!from || !*from || !to)
		return;
	r->from = xreallocarray(r->from, r->n + 1, sizeof(char *));
	r->to = xreallocarray(r->to, r->n + 1, sizeof(char *));
	r->from[r->n] = xstrdup(from);
	r->to[r->n] = xstrdup(to);
	r->n++;
}

static void red_trim(struct redactor *r, size_t keep)
{
	while (r->n > keep) {
		r->n--;
		free(r->from[r->n]);
		free(r->to[r->n]);
	}
}

static void red_release(struct redactor *r)
{
	red_trim(r, 0);
	free(r->from);
	free(r->to);
}

static int word_edge(const char *t, size_t len, size_t at)
{
	size_t i = at;

	if (at == 0 || at >= len)
		return 1;
	/* the code point before at */
	while (i > 0 && ((unsigned char)t[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return 1;
	i--;
	while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80)
		i--;
	size_t j = i;
	int32_t before = text_utf8_next(t, len, &j);
	j = at;
	int32_t after = text_utf8_next(t, len, &j);
	return !(text_is_word_cp(before) && text_is_word_cp(after));
}

static int redact_cb(void *arg, struct store *s, long long sid,
		     const char *text, size_t len, struct qc_buf *out,
		     struct refi_edit **ed, size_t *ned, struct qc_err *e)
{
	struct redactor *r = arg;
	size_t i = 0, cp = 0, alloc = 0;

	*ed = NULL;
	*ned = 0;
	if (sid != r->sid) {
		sqlite3_stmt *st = store_prepare(s,
			"SELECT label, coalesce(pseudonym, ''), (SELECT count(*)"
			" FROM participants q WHERE q.id <= p.id) FROM participants p"
			" WHERE source_id = ? ORDER BY length(label) DESC", e);
		if (!st)
			return -QC_EIO;
		red_trim(r, (size_t)r->global);
		sqlite3_bind_int64(st, 1, sid);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *p = (const char *)sqlite3_column_text(st, 1);
			char *alt = NULL;
			/* numbered as the cases of the export are */
			if (!*p)
				p = alt = xasprintf("%s %d", r->word,
						    sqlite3_column_int(st, 2));
			red_add(r, (const char *)sqlite3_column_text(st, 0), p);
			free(alt);
		}
		sqlite3_finalize(st);
		r->sid = sid;
	}
	while (i < len) {
		size_t best = 0, blen = 0;
		for (size_t k = 0; k < r->n; k++) {
			size_t fl = strlen(r->from[k]);
			if (fl > blen && fl <= len - i &&
			    !memcmp(text + i, r->from[k], fl) &&
			    word_edge(text, len, i) && word_edge(text, len, i + fl)) {
				best = k;
				blen = fl;
			}
		}
		if (blen) {
			size_t fcp = text_cp_count(text + i, blen);
			size_t tcp = text_cp_count(r->to[best], strlen(r->to[best]));
			if (*ned == alloc) {
				alloc = alloc ? 2 * alloc : 16;
				*ed = xreallocarray(*ed, alloc, sizeof(**ed));
			}
			(*ed)[*ned] = (struct refi_edit){ cp, cp + fcp, tcp };
			(*ned)++;
			qc_buf_adds(out, r->to[best]);
			i += blen;
			cp += fcp;
			continue;
		}
		size_t j = i;
		text_utf8_next(text, len, &j);
		qc_buf_add(out, text + i, j - i);
		i = j;
		cp++;
	}
	return 0;
}

static int redactor_init(struct redactor *r, struct store *s, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT name FROM redact_names ORDER BY length(name) DESC", e);

	char *lang = store_get_setting(s, "lang");

	memset(r, 0, sizeof(*r));
	r->sid = -1;
	/* the same words as the case names of the export */
	r->word = lang && !strcmp(lang, "en") ? "Participant" : "Deelnemer";
	free(lang);
	if (!st)
		return -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW)
		red_add(r, (const char *)sqlite3_column_text(st, 0), "[naam]");
	sqlite3_finalize(st);
	r->global = (int)r->n;
	return 0;
}

/* ---- printing ---- */

static void print_counts(struct qc_ctx *ctx, const char *verb, const char *file,
			 const struct refi_counts *c, const struct refi_loss *l)
{
	if (ctx->json) {
		fprintf(ctx->out, "{\"%s\": ", verb);
		out_json_print(ctx->out, file);
		fprintf(ctx->out, ", \"sources\": %lld, \"codes\": %lld,"
			" \"codings\": %lld, \"selections\": %lld, \"memos\": %lld,"
			" \"users\": %lld, \"cases\": %lld, \"variables\": %lld,"
			" \"sets\": %lld, \"lost\": %zu}\n", c->sources, c->codes,
			c->codings, c->selections, c->memos, c->users, c->cases,
			c->variables, c->sets, l ? l->n : 0);
		return;
	}
	fprintf(ctx->out, "%s '%s': %lld sources, %lld codes, %lld codings, "
		"%lld memos, %lld users, %lld cases\n", verb, file, c->sources,
		c->codes, c->codings, c->memos, c->users, c->cases);
	if (l && l->n) {
		char *t = refi_loss_text(l);
		fputs("not carried over (REFI-QDA data loss):\n", ctx->out);
		for (char *p = t; *p;) {
			char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			fprintf(ctx->out, "  %.*s\n", (int)n, p);
			p += n + (nl ? 1 : 0);
		}
		free(t);
	} else if (l) {
		fputs("nothing was lost\n", ctx->out);
	}
}

static int write_loss(struct qc_ctx *ctx, const char *file,
		      const struct refi_loss *l)
{
	char *t;
	FILE *f;
	int ok;

	if (!file)
		return 0;
	t = refi_loss_text(l);
	f = fopen(file, "w");
	if (!f) {
		free(t);
		return qc_err_set(&ctx->err, QC_EIO, "cannot write '%s': %s",
				  file, strerror(errno));
	}
	ok = fputs(t, f) >= 0;
	ok &= fclose(f) == 0;
	free(t);
	if (!ok)
		return qc_err_set(&ctx->err, QC_EIO, "cannot write '%s'", file);
	return 0;
}

/* ---- commands ---- */

int cmd_export_qdpx(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--real-names", NULL };
	static const char *const valued[] = { "-o", "--output", "--loss-report",
					      NULL };
	struct qc_args a;
	struct refi_export_opts o = { 0, NULL, NULL };
	struct redactor red;
	struct refi_counts c;
	struct refi_loss loss;
	const char *out, *lr;
	char *detail;
	int rc;

	if (cli_args(ctx, argc, argv, flags, valued, &a) < 0)
		return QC_EUSAGE;
	out = args_get(&a, "-o") ? args_get(&a, "-o") : args_get(&a, "--output");
	lr = args_get(&a, "--loss-report");
	if (!out) {
		args_release(&a);
		cli_usage(ctx, "export qdpx");
		return QC_EUSAGE;
	}
	o.real_names = args_has(&a, "--real-names");
	if ((rc = redactor_init(&red, ctx->store, &ctx->err)) < 0) {
		args_release(&a);
		return -rc;
	}
	if (!o.real_names) {
		o.redact = redact_cb;
		o.redact_arg = &red;
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
	red_release(&red);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

int cmd_export_qdc(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const valued[] = { "-o", "--output", NULL };
	struct qc_args a;
	struct refi_counts c;
	const char *out;
	int rc;

	if (cli_args(ctx, argc, argv, NULL, valued, &a) < 0)
		return QC_EUSAGE;
	out = args_get(&a, "-o") ? args_get(&a, "-o") : args_get(&a, "--output");
	if (!out) {
		args_release(&a);
		cli_usage(ctx, "export qdc");
		return QC_EUSAGE;
	}
	rc = refi_export_qdc(ctx->store, out, &c, &ctx->err);
	if (rc == 0) {
		if (ctx->json) {
			fputs("{\"exported\": ", ctx->out);
			out_json_print(ctx->out, out);
			fprintf(ctx->out, ", \"codes\": %lld, \"sets\": %lld}\n",
				c.codes, c.sets);
		} else {
			fprintf(ctx->out, "exported '%s': %lld codes, %lld sets\n",
				out, c.codes, c.sets);
		}
	}
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

int cmd_refi_import_qdpx(struct qc_ctx *ctx, const char *file,
			 int into_existing, const char *loss_report)
{
	struct refi_import_opts o = { into_existing, NULL };
	struct refi_counts c;
	struct refi_loss loss;
	int created = 0, rc;

	if (access(file, R_OK) != 0)
		return -qc_err_set(&ctx->err, QC_EIO, "import: cannot open '%s': %s",
				   file, errno == ENOENT ? "no such file" :
				   strerror(errno));
	if (!ctx->store) {
		/* a new project from the file, when there is none yet */
		if (access(ctx->project, F_OK) != 0 && !into_existing) {
			rc = store_create(ctx->project, "REFI-QDA import", "nl",
					  &ctx->store, &ctx->err);
			created = 1;
		} else {
			rc = store_open(ctx->project, &ctx->store, &ctx->err);
		}
		if (rc < 0)
			return -rc;
	}
	refi_loss_init(&loss);
	rc = refi_import_file(ctx->store, file, &o, &c, &loss, &ctx->err);
	if (rc < 0 && created) {
		store_close(ctx->store);
		ctx->store = NULL;
		unlink(ctx->project);
	}
	if (rc == 0)
		rc = write_loss(ctx, loss_report, &loss);
	if (rc == 0) {
		if (created && !ctx->json)
			fprintf(ctx->out, "created project '%s'\n", ctx->project);
		print_counts(ctx, "imported", file, &c, &loss);
	}
	refi_loss_release(&loss);
	return rc < 0 ? -rc : QC_OK;
}

int cmd_refi_import(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--into-existing", NULL };
	static const char *const valued[] = { "--loss-report", NULL };
	struct qc_args a;
	int rc;

	if (cli_args(ctx, argc, argv, flags, valued, &a) < 0)
		return QC_EUSAGE;
	rc = cmd_refi_import_qdpx(ctx, a.pos[0], args_has(&a, "--into-existing"),
				  args_get(&a, "--loss-report"));
	args_release(&a);
	return rc;
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
			fprintf(ctx->out, "{\"added\": %lld, \"changed\": %lld,"
				" \"lost\": %zu}\n", added, changed, loss.n);
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
	return rc < 0 ? -rc : QC_OK;
}

int cmd_refi_load(struct qc_ctx *ctx, int argc, char **argv)
{
	struct qc_args a;
	int rc;

	if (cli_args(ctx, argc, argv, NULL, NULL, &a) < 0)
		return QC_EUSAGE;
	rc = cmd_refi_load_qdc(ctx, a.pos[0]);
	args_release(&a);
	return rc;
}

int cmd_refi_check(struct qc_ctx *ctx, int argc, char **argv)
{
	struct qc_args a;
	struct qc_buf p = QC_BUF_INIT;
	int n;

	if (cli_args(ctx, argc, argv, NULL, NULL, &a) < 0)
		return QC_EUSAGE;
	n = refi_check_file(a.pos[0], &p, &ctx->err);
	if (n >= 0 && ctx->json) {
		fputs("{\"file\": ", ctx->out);
		out_json_print(ctx->out, a.pos[0]);
		fprintf(ctx->out, ", \"valid\": %s, \"problems\": [",
			n ? "false" : "true");
		int first = 1;
		for (char *s = p.buf; *s;) {
			char *nl = strchr(s, '\n');
			if (nl)
				*nl = '\0';
			fputs(first ? "" : ", ", ctx->out);
			out_json_print(ctx->out, s);
			first = 0;
			if (!nl)
				break;
			s = nl + 1;
		}
		fputs("]}\n", ctx->out);
	} else if (n == 0) {
		fprintf(ctx->out, "'%s' is valid REFI-QDA\n", a.pos[0]);
	} else if (n > 0) {
		fputs(p.buf, ctx->out);
	}
	if (n > 0)
		qc_err_set(&ctx->err, QC_EDATA, "'%s': %d problem%s with the "
			   "REFI-QDA schema", a.pos[0], n, n == 1 ? "" : "s");
	qc_buf_release(&p);
	args_release(&a);
	if (n < 0)
		return -n;
	return n ? QC_EDATA : QC_OK;
}
