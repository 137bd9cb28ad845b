/* cmd_core: the commands every project has. */
#include <stdlib.h>
#include <string.h>
#include <hpdf.h>
#include <libxml/xmlversion.h>
#include <utf8proc.h>
#include <yaml.h>
#include <zip.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "cmd_core.h"
#include "qcode/out.h"
#include "qcode/project.h"

int cmd_init(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct store *s;
	const char *title, *lang;
	int rc;

	title = args_get(a, "--title");
	lang = args_get(a, "--lang");
	rc = store_create(ctx->project, title ? title : "Untitled project",
			  lang ? lang : "nl", &s, &ctx->err);
	if (rc < 0)
		return rc;
	if (ctx->json) {
		static const struct out_col cols[] = {
			{ "project", NULL, OUT_TEXT, 0 },
			{ "schema", NULL, OUT_INT, 0 },
			{ "lang", NULL, OUT_TEXT, 0 } };
		struct out_rows r;
		char *l = store_get_setting(s, "lang");

		out_rows_record(&r, cols, 3);
		out_rows_text(&r, ctx->project);
		out_rows_int(&r, s->schema);
		out_rows_text(&r, l ? l : "");
		out_rows_print(&r, ctx->out, OUT_FMT_JSON);
		out_rows_release(&r);
		free(l);
	} else {
		fprintf(ctx->out, "created project '%s' (schema %d)\n",
			ctx->project, s->schema);
	}
	store_close(s);
	return QC_OK;
}

/* info's fields: project, title, language, schema, the counts, the size
 * as the table shows it and in bytes */
#define NINFO (4 + PROJECT_NCOUNTS + 2)

int cmd_info(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct store *s = ctx->store;
	struct project_info pi;
	struct out_col cols[NINFO];
	struct out_rows r;
	int rc;

	if ((rc = project_info(s, &pi, &ctx->err)) < 0)
		return rc;
	/* the table says "language" and the size in KiB; JSON "lang" and
	 * bytes */
	cols[0] = (struct out_col){ "project", NULL, OUT_TEXT, 0 };
	cols[1] = (struct out_col){ "title", NULL, OUT_TEXT, 0 };
	cols[2] = (struct out_col){ "language", "lang", OUT_TEXT, 0 };
	cols[3] = (struct out_col){ "schema", NULL, OUT_INT, 0 };
	for (size_t i = 0; i < PROJECT_NCOUNTS; i++)
		cols[4 + i] = (struct out_col){ pi.counts[i].name, NULL, OUT_INT, 0 };
	cols[NINFO - 2] = (struct out_col){ "file size", NULL, OUT_TEXT, OUT_NOJSON };
	cols[NINFO - 1] = (struct out_col){ "bytes", NULL, OUT_INT, OUT_NOTABLE };
	out_rows_record(&r, cols, NINFO);
	out_rows_text(&r, s->path);
	out_rows_text(&r, pi.title ? pi.title : "");
	out_rows_text(&r, pi.lang ? pi.lang : "");
	out_rows_int(&r, s->schema);
	for (size_t i = 0; i < PROJECT_NCOUNTS; i++)
		out_rows_int(&r, pi.counts[i].n);
	out_rows_textf(&r, "%lld KiB", (pi.bytes + 1023) / 1024);
	out_rows_int(&r, pi.bytes);
	out_rows_print(&r, ctx->out, args_format(ctx, a));
	out_rows_release(&r);
	project_info_release(&pi);
	return QC_OK;
}

/* help --json: a command's name, usage (after the name), summary and
 * options */
static const struct out_col help_cols[] = {
	{ "name", NULL, OUT_TEXT, 0 }, { "usage", NULL, OUT_TEXT, 0 },
	{ "summary", NULL, OUT_TEXT, 0 }, { "options", NULL, OUT_ROWS, 0 } };
static const struct out_col help_opt_cols[] = {
	{ "name", NULL, OUT_TEXT, 0 }, { "alias", NULL, OUT_TEXT, OUT_OMITNULL },
	{ "value", NULL, OUT_TEXT, 0 }, { "help", NULL, OUT_TEXT, 0 } };

/* Add c to r (help_cols) with its options in opts (set up here; the
 * caller releases it after printing r). */
static void help_row(struct out_rows *r, struct out_rows *opts,
		     const struct qc_cmd *c)
{
	struct qc_buf u = QC_BUF_INIT;

	cli_usage_line(c, &u);
	out_rows_init(opts, help_opt_cols, 4);
	for (const struct qc_opt *o = c->opts; o && o->name; o++) {
		out_rows_text(opts, o->name);
		out_rows_text(opts, o->alias);
		out_rows_text(opts, o->arg);
		out_rows_text(opts, o->help ? o->help : "");
	}
	out_rows_text(r, c->name);
	out_rows_text(r, u.buf + strlen(c->name) +
		      (u.buf[strlen(c->name)] == ' '));
	out_rows_text(r, c->summary ? c->summary : "");
	out_rows_sub(r, opts);
	qc_buf_release(&u);
}

int cmd_help(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct out_rows r;
	int found = 0;

	if (args_has(a, "--man")) {
		cli_man_page(ctx->out);
		return QC_OK;
	}
	if (a->npos > 0) {
		char *name = a->npos > 1 ? xasprintf("%s %s", a->pos[0], a->pos[1])
					 : xstrdup(a->pos[0]);
		size_t n = strlen(name), ncmd = 0;
		struct out_rows *opts;

		for (const struct qc_cmd *c = qc_commands; c->name; c++)
			ncmd++;
		opts = xcalloc(ncmd + 1, sizeof(*opts));
		out_rows_init(&r, help_cols, 4);
		r.json_sep = ",\n ";
		for (const struct qc_cmd *c = qc_commands; c->name; c++) {
			/* "help code" lists every "code ..." command */
			if (strcmp(c->name, name) != 0 &&
			    !(strncmp(c->name, name, n) == 0 && c->name[n] == ' '))
				continue;
			if (ctx->json)
				help_row(&r, &opts[found], c);
			else
				cli_print_help(ctx->out, c);
			found++;
		}
		free(name);
		if (found && ctx->json)
			out_rows_print(&r, ctx->out, OUT_FMT_JSON);
		out_rows_release(&r);
		for (int i = 0; i < found; i++)
			out_rows_release(&opts[i]);
		free(opts);
		if (!found)
			return qc_err_set(&ctx->err, QC_EUSAGE,
					   "no command '%s%s%s'", a->pos[0],
					   a->npos > 1 ? " " : "",
					   a->npos > 1 ? a->pos[1] : "");
		return QC_OK;
	}
	if (ctx->json) {
		static const struct out_col list_cols[] = {
			{ "name", NULL, OUT_TEXT, 0 },
			{ "summary", NULL, OUT_TEXT, 0 } };

		out_rows_init(&r, list_cols, 2);
		r.json_sep = ",\n ";
		for (const struct qc_cmd *c = qc_commands; c->name; c++) {
			out_rows_text(&r, c->name);
			out_rows_text(&r, c->summary ? c->summary : "");
		}
		out_rows_print(&r, ctx->out, OUT_FMT_JSON);
		out_rows_release(&r);
		return QC_OK;
	}
	fputs("usage: qcode [-p PROJECT] [--json] [--quiet] [--no-color] COMMAND [ARGS]\n"
	      "       qcode [-p PROJECT] -f SCRIPT\n"
	      "       qcode            (the qcode> prompt)\n\ncommands:\n",
	      ctx->out);
	{
		/* indented under "commands:" */
		static const struct out_col list_cols[] = {
			{ "  command", NULL, OUT_TEXT, 0 },
			{ "what it does", NULL, OUT_TEXT, 0 } };

		out_rows_init(&r, list_cols, 2);
		for (const struct qc_cmd *c = qc_commands; c->name; c++) {
			out_rows_textf(&r, "  %s", c->name);
			out_rows_text(&r, c->summary);
		}
		out_rows_print(&r, ctx->out, OUT_FMT_TABLE);
		out_rows_release(&r);
	}
	fputs("\n'help COMMAND' explains one; 'COMMAND --help' too.\n", ctx->out);
	return QC_OK;
}

int cmd_completion(struct qc_ctx *ctx, const struct qc_args *a)
{
	return cli_completion_script(ctx->out, a->pos[0], &ctx->err);
}

int cmd_version(struct qc_ctx *ctx, const struct qc_args *a)
{
	char pcre[64] = "", ub[32];
	uint32_t jit = 0;
	int has_fts5;
	const char *sqlite = store_sqlite_version(&has_fts5);
	const char *fts5 = has_fts5 ? "with FTS5" : "FTS5 not compiled in";

	(void)a;
	pcre2_config(PCRE2_CONFIG_VERSION, pcre);
	pcre2_config(PCRE2_CONFIG_JIT, &jit);
	snprintf(ub, sizeof(ub), "%d", UTF8PROC_VERSION_MAJOR);
	if (ctx->json) {
		static const struct out_col cols[] = {
			{ "qcode", NULL, OUT_TEXT, 0 }, { "sqlite", NULL, OUT_TEXT, 0 },
			{ "fts5", NULL, OUT_BOOL, 0 }, { "pcre2", NULL, OUT_TEXT, 0 },
			{ "pcre2_jit", NULL, OUT_BOOL, 0 },
			{ "libharu", NULL, OUT_TEXT, 0 },
			{ "libxml2", NULL, OUT_TEXT, 0 },
			{ "libzip", NULL, OUT_TEXT, 0 },
			{ "libyaml", NULL, OUT_TEXT, 0 },
			{ "utf8proc", NULL, OUT_TEXT, 0 } };
		struct out_rows r;

		out_rows_record(&r, cols, 10);
		out_rows_text(&r, QCODE_VERSION);
		out_rows_text(&r, sqlite);
		out_rows_bool(&r, has_fts5);
		out_rows_text(&r, pcre);
		out_rows_bool(&r, jit != 0);
		out_rows_text(&r, HPDF_GetVersion());
		out_rows_text(&r, LIBXML_DOTTED_VERSION);
		out_rows_text(&r, zip_libzip_version());
		out_rows_text(&r, yaml_get_version_string());
		out_rows_text(&r, utf8proc_version());
		out_rows_print(&r, ctx->out, OUT_FMT_JSON);
		out_rows_release(&r);
		return QC_OK;
	}
	fprintf(ctx->out,
		"qcode %s\n"
		"SQLite %s (%s)\n"
		"PCRE2 %s (%s)\n"
		"libharu %s\n"
		"libxml2 %s\n"
		"libzip %s\n"
		"libyaml %s\n"
		"utf8proc %s\n",
		QCODE_VERSION, sqlite, fts5, pcre,
		jit ? "JIT" : "no JIT", HPDF_GetVersion(), LIBXML_DOTTED_VERSION,
		zip_libzip_version(), yaml_get_version_string(),
		utf8proc_version());
	return QC_OK;
}

/* project settings: a table of key and value; in JSON one object */
static const struct out_col setting_cols[] = {
	{ "key", NULL, OUT_TEXT, 0 }, { "value", NULL, OUT_TEXT, 0 } };

int cmd_project_set(struct qc_ctx *ctx, const struct qc_args *a)
{
	const char *key, *value;
	int rc;

	key = a->pos[0];
	value = a->pos[1];
	rc = project_set(ctx->store, key, value, &ctx->err);
	if (rc == 0 && !ctx->json) {
		fprintf(ctx->out, "%s = %s\n", key, value);
	} else if (rc == 0) {
		struct out_rows r;

		out_rows_init(&r, setting_cols, 2);
		r.shape = OUT_MAP;
		out_rows_text(&r, key);
		out_rows_text(&r, value);
		out_rows_print(&r, ctx->out, OUT_FMT_JSON);
		out_rows_release(&r);
	}
	return rc < 0 ? rc : 0;
}

int cmd_project_show(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct out_rows t;
	struct project_rows rows;
	int rc;

	if ((rc = project_settings(ctx->store, &rows, &ctx->err)) < 0)
		return rc;
	out_rows_init(&t, setting_cols, 2);
	t.shape = OUT_MAP;
	for (size_t i = 0; i < rows.n; i++) {
		char *const *c = rows.v[i].cells;
		out_rows_text(&t, c[0] ? c[0] : "");
		out_rows_text(&t, c[1] ? c[1] : "");
	}
	out_rows_print(&t, ctx->out, args_format(ctx, a));
	out_rows_release(&t);
	project_rows_release(&rows);
	return QC_OK;
}

int cmd_log(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col cols[] = {
		{ "#", "id", OUT_INT, 0 }, { "when", "at", OUT_TEXT, 0 },
		{ "who", NULL, OUT_TEXT, 0 }, { "command", NULL, OUT_TEXT, 0 },
		{ "detail", NULL, OUT_TEXT, 0 } };
	struct out_rows t;
	struct project_rows rows;
	long limit = 20;
	int rc;

	if (args_get(a, "--limit")) {
		char *end;
		limit = strtol(args_get(a, "--limit"), &end, 10);
		if (*end || limit < 1) {
			return qc_err_set(&ctx->err, QC_EUSAGE,
					   "--limit takes a positive number");
		}
	}
	if ((rc = project_log(ctx->store, limit, &rows, &ctx->err)) < 0)
		return rc;
	out_rows_init(&t, cols, 5);
	t.json_sep = ",\n ";
	for (size_t i = 0; i < rows.n; i++) {
		char *const *c = rows.v[i].cells;
		for (int k = 0; k < 5; k++)
			out_rows_text(&t, c[k] || !k ? c[k] : "");
	}
	out_rows_print(&t, ctx->out, args_format(ctx, a));
	out_rows_release(&t);
	project_rows_release(&rows);
	return QC_OK;
}
