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
		fputs("{\"project\": ", ctx->out);
		out_json_print(ctx->out, ctx->project);
		fprintf(ctx->out, ", \"schema\": %d, \"lang\": ", s->schema);
		char *l = store_get_setting(s, "lang");
		out_json_print(ctx->out, l);
		free(l);
		fputs("}\n", ctx->out);
	} else {
		fprintf(ctx->out, "created project '%s' (schema %d)\n",
			ctx->project, s->schema);
	}
	store_close(s);
	return QC_OK;
}

int cmd_info(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct store *s = ctx->store;
	struct project_info pi;
	int rc;

	(void)a;
	if ((rc = project_info(s, &pi, &ctx->err)) < 0)
		return rc;
	if (ctx->json) {
		fputs("{\"project\": ", ctx->out);
		out_json_print(ctx->out, s->path);
		fputs(", \"title\": ", ctx->out);
		out_json_print(ctx->out, pi.title);
		fputs(", \"lang\": ", ctx->out);
		out_json_print(ctx->out, pi.lang);
		fprintf(ctx->out, ", \"schema\": %d", s->schema);
		for (size_t i = 0; i < PROJECT_NCOUNTS; i++)
			fprintf(ctx->out, ", \"%s\": %lld", pi.counts[i].name,
				pi.counts[i].n);
		fprintf(ctx->out, ", \"bytes\": %lld}\n", pi.bytes);
	} else {
		struct out_table t;
		char num[32];

		out_table_init(&t, 2, (const char *const[]){ "project", s->path });
		out_table_add(&t, (const char *const[]){ "title", pi.title });
		out_table_add(&t, (const char *const[]){ "language", pi.lang });
		snprintf(num, sizeof(num), "%d", s->schema);
		out_table_add(&t, (const char *const[]){ "schema", num });
		for (size_t i = 0; i < PROJECT_NCOUNTS; i++) {
			snprintf(num, sizeof(num), "%lld", pi.counts[i].n);
			out_table_add(&t, (const char *const[]){ pi.counts[i].name,
								 num });
		}
		snprintf(num, sizeof(num), "%lld KiB", (pi.bytes + 1023) / 1024);
		out_table_add(&t, (const char *const[]){ "file size", num });
		out_table_print(&t, ctx->out);
		out_table_release(&t);
	}
	project_info_release(&pi);
	return QC_OK;
}

/* help --json for one command: its usage (after the name), summary and
 * options. */
static void help_json(FILE *f, const struct qc_cmd *c)
{
	struct qc_buf u = QC_BUF_INIT;

	cli_usage_line(c, &u);
	fputs("{\"name\": ", f);
	out_json_print(f, c->name);
	fputs(", \"usage\": ", f);
	out_json_print(f, u.buf + strlen(c->name) + (u.buf[strlen(c->name)] == ' '));
	fputs(", \"summary\": ", f);
	out_json_print(f, c->summary);
	fputs(", \"options\": [", f);
	for (const struct qc_opt *o = c->opts; o && o->name; o++) {
		fputs(o == c->opts ? "{\"name\": " : ", {\"name\": ", f);
		out_json_print(f, o->name);
		if (o->alias) {
			fputs(", \"alias\": ", f);
			out_json_print(f, o->alias);
		}
		fputs(", \"value\": ", f);
		if (o->arg)
			out_json_print(f, o->arg);
		else
			fputs("null", f);
		fputs(", \"help\": ", f);
		out_json_print(f, o->help);
		fputs("}", f);
	}
	fputs("]}", f);
	qc_buf_release(&u);
}

int cmd_help(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct out_table t;
	int found = 0;

	if (a->npos > 0) {
		char *name = a->npos > 1 ? xasprintf("%s %s", a->pos[0], a->pos[1])
					 : xstrdup(a->pos[0]);
		size_t n = strlen(name);
		for (const struct qc_cmd *c = qc_commands; c->name; c++) {
			/* "help code" lists every "code ..." command */
			if (strcmp(c->name, name) != 0 &&
			    !(strncmp(c->name, name, n) == 0 && c->name[n] == ' '))
				continue;
			if (ctx->json) {
				fputs(found ? ",\n " : "[", ctx->out);
				help_json(ctx->out, c);
			} else {
				cli_print_help(ctx->out, c);
			}
			found++;
		}
		free(name);
		if (!found)
			return qc_err_set(&ctx->err, QC_EUSAGE,
					   "no command '%s%s%s'", a->pos[0],
					   a->npos > 1 ? " " : "",
					   a->npos > 1 ? a->pos[1] : "");
		if (ctx->json)
			fputs("]\n", ctx->out);
		return QC_OK;
	}
	if (ctx->json) {
		fputs("[", ctx->out);
		for (const struct qc_cmd *c = qc_commands; c->name; c++) {
			fputs(c == qc_commands ? "{\"name\": " : ",\n {\"name\": ",
			      ctx->out);
			out_json_print(ctx->out, c->name);
			fputs(", \"summary\": ", ctx->out);
			out_json_print(ctx->out, c->summary);
			fputs("}", ctx->out);
		}
		fputs("]\n", ctx->out);
		return QC_OK;
	}
	fputs("usage: qcode [-p PROJECT] [--json] COMMAND [ARGS]\n"
	      "       qcode [-p PROJECT] -f SCRIPT\n"
	      "       qcode            (the qcode> prompt)\n\ncommands:\n",
	      ctx->out);
	out_table_init(&t, 2, (const char *const[]){ "", "" });
	for (const struct qc_cmd *c = qc_commands; c->name; c++)
		out_table_add(&t, (const char *const[]){ c->name, c->summary });
	/* the table's empty header row prints as a blank line: skip it */
	free(t.cells[0]);
	free(t.cells[1]);
	t.cells[0] = xstrdup("  command");
	t.cells[1] = xstrdup("what it does");
	for (int r = 1; r <= t.nrows; r++) {
		char *c0 = t.cells[r * 2];
		t.cells[r * 2] = xasprintf("  %s", c0);
		free(c0);
	}
	out_table_print(&t, ctx->out);
	out_table_release(&t);
	fputs("\n'help COMMAND' explains one; 'COMMAND --help' too.\n", ctx->out);
	return QC_OK;
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
		fprintf(ctx->out,
			"{\"qcode\": \"%s\", \"sqlite\": \"%s\", \"fts5\": %s,"
			" \"pcre2\": \"%s\", \"pcre2_jit\": %s, \"libharu\": \"%s\","
			" \"libxml2\": \"%s\", \"libzip\": \"%s\", \"libyaml\": \"%s\","
			" \"utf8proc\": \"%s\"}\n",
			QCODE_VERSION, sqlite, has_fts5 ? "true" : "false",
			pcre, jit ? "true" : "false", HPDF_GetVersion(),
			LIBXML_DOTTED_VERSION, zip_libzip_version(),
			yaml_get_version_string(), utf8proc_version());
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
		fputs("{", ctx->out);
		out_json_print(ctx->out, key);
		fputs(": ", ctx->out);
		out_json_print(ctx->out, value);
		fputs("}\n", ctx->out);
	}
	return rc < 0 ? rc : 0;
}

int cmd_project_show(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct out_table t;
	struct project_rows rows;
	int rc;

	(void)a;
	if ((rc = project_settings(ctx->store, &rows, &ctx->err)) < 0)
		return rc;
	out_table_init(&t, 2, (const char *const[]){ "key", "value" });
	if (ctx->json)
		fputs("{", ctx->out);
	for (size_t i = 0; i < rows.n; i++) {
		char *const *c = rows.v[i].cells;
		if (ctx->json) {
			fputs(i ? ", " : "", ctx->out);
			out_json_print(ctx->out, c[0]);
			fputs(": ", ctx->out);
			out_json_print(ctx->out, c[1]);
		} else {
			out_table_add(&t, (const char *const[]){ c[0], c[1] });
		}
	}
	if (ctx->json)
		fputs("}\n", ctx->out);
	else
		out_table_print(&t, ctx->out);
	out_table_release(&t);
	project_rows_release(&rows);
	return QC_OK;
}

int cmd_log(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct out_table t;
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
	out_table_init(&t, 5, (const char *const[]){ "#", "when", "who",
						     "command", "detail" });
	t.right = 1;
	if (ctx->json)
		fputs("[", ctx->out);
	for (size_t i = 0; i < rows.n; i++) {
		char *const *c = rows.v[i].cells;
		if (ctx->json) {
			fprintf(ctx->out, "%s{\"id\": %s, \"at\": ", i ? ",\n " : "",
				c[0]);
			out_json_print(ctx->out, c[1]);
			fputs(", \"who\": ", ctx->out);
			out_json_print(ctx->out, c[2]);
			fputs(", \"command\": ", ctx->out);
			out_json_print(ctx->out, c[3]);
			fputs(", \"detail\": ", ctx->out);
			out_json_print(ctx->out, c[4]);
			fputs("}", ctx->out);
		} else {
			out_table_add(&t, (const char *const *)c);
		}
	}
	if (ctx->json)
		fputs("]\n", ctx->out);
	else
		out_table_print(&t, ctx->out);
	out_table_release(&t);
	project_rows_release(&rows);
	return QC_OK;
}
