/* cmd_privacy: pseudonymise, redact (dry run and report), redact names. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmd_privacy.h"
#include "qcode/out.h"
#include "qcode/outfile.h"
#include "qcode/pdf.h"
#include "qcode/privacy.h"
#include "qcode/search.h"
#include "qcode/text.h"

int cmd_pseudonymise(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--redo", NULL };
	static const char *const valued[] = { "--scheme", NULL };
	struct qc_args a;
	long long n;
	int rc;

	if (cli_args(ctx, argc, argv, flags, valued, &a) < 0)
		return QC_EUSAGE;
	rc = privacy_pseudonymise(ctx->store, args_get(&a, "--scheme"),
				  args_has(&a, "--redo"), &n, &ctx->err);
	if (rc == 0) {
		char *d = xasprintf("%lld participants named (%s scheme)", n,
				    args_get(&a, "--scheme") ? args_get(&a, "--scheme")
							     : "role");
		rc = store_audit(ctx->store, "pseudonymise", d, &ctx->err);
		free(d);
	}
	if (rc == 0)
		fprintf(ctx->out, ctx->json ? "{\"named\": %lld}\n" :
			"gave %lld participants a pseudonym\n", n);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

struct hit {
	char ref[48], *rule, *found, *context;
};

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

static int write_report(struct qc_ctx *ctx, const char *path, struct hit *h,
			size_t n)
{
	if (strlen(path) > 4 && !strcasecmp(path + strlen(path) - 4, ".csv")) {
		struct outfile o;
		int rc;
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
	if (strlen(path) > 4 && !strcasecmp(path + strlen(path) - 4, ".pdf")) {
		struct pdf *p;
		char now[32], *title = store_get_setting(ctx->store, "title");
		const char **cells = xcalloc(n * 4 + 1, sizeof(char *));
		static const char *const head[] = { "ref", "regel", "gevonden",
			"context" };
		float w = 0;
		int rc;

		store_now(now);
		if ((rc = pdf_new("Redactierapport", "Redactierapport", now, &p,
				  &ctx->err)) < 0) {
			free(title);
			free(cells);
			return rc;
		}
		w = pdf_width(p);
		pdf_heading(p, 1, "Redactierapport", PDF_ACCENT);
		{
			char *s = xasprintf("Project: %s. Alle gevonden persoonsgegevens"
					    " die qcode bij rapporten en exports"
					    " vervangt: %zu treffers. Vertrouwelijk:"
					    " alleen voor de verantwoordelijke voor"
					    " de gegevens.", title ? title : "",
					    n);
			pdf_para(p, s, PDF_REGULAR, 10, 0, PDF_INK);
			free(s);
		}
		pdf_skip(p, 8);
		for (size_t i = 0; i < n; i++) {
			cells[i * 4] = h[i].ref;
			cells[i * 4 + 1] = h[i].rule;
			cells[i * 4 + 2] = h[i].found;
			cells[i * 4 + 3] = h[i].context;
		}
		pdf_table(p, 4, (const float[]){ 0.11f * w, 0.17f * w, 0.24f * w,
				 0.48f * w }, head, cells, (int)n, 0);
		/* the list holds the personal data itself: owner only */
		rc = pdf_save(p, path, OUTFILE_PRIVATE, &ctx->err);
		pdf_free(p);
		free(title);
		free(cells);
		return rc;
	}
	return qc_err_set(&ctx->err, QC_EUSAGE, "--report writes .pdf or .csv,"
			  " not '%s'", path);
}

int cmd_redact(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--dry-run", "--tsv", NULL };
	static const char *const valued[] = { "--rules", "--report", NULL };
	struct qc_args a;
	struct redactor *r = NULL;
	sqlite3_stmt *st = NULL;
	struct hit *h = NULL;
	size_t nh = 0, nseen = 0;
	long long *seen = NULL, last_pid = -1, last_src = -1;
	int rc = 0;
	const char *report;

	if (cli_args(ctx, argc, argv, flags, valued, &a) < 0)
		return QC_EUSAGE;
	report = args_get(&a, "--report");
	if (!args_has(&a, "--dry-run") && !report) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "give --dry-run to list what"
				" would be redacted, or --report FILE.pdf|.csv;"
				" redaction itself happens in reports, exports and"
				" 'show --redacted'");
		goto out;
	}
	if ((rc = redactor_open(ctx->store, args_get(&a, "--rules"), &r,
				&ctx->err)) < 0)
		goto out;
	st = store_prepare(ctx->store, "SELECT g.source_id, g.ordinal, g.text,"
			   " p.id, p.label, p.role FROM segments g LEFT JOIN"
			   " participants p ON p.id = g.participant_id"
			   " WHERE ?1 = '' OR ',' || upper(?1) || ','"
			   " LIKE '%,S' || g.source_id || ',%'"
			   " ORDER BY g.source_id, g.ordinal", &ctx->err);
	if (!st) {
		rc = -QC_EIO;
		goto out;
	}
	{
		struct qc_buf list = QC_BUF_INIT;
		for (int i = 0; i < a.npos; i++) {
			if (i)
				qc_buf_addch(&list, ',');
			qc_buf_adds(&list, a.pos[i]);
		}
		sqlite3_bind_text(st, 1, list.buf, -1, SQLITE_TRANSIENT);
		qc_buf_release(&list);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 2);
		size_t len = (size_t)sqlite3_column_bytes(st, 2);
		struct redact_match *m;
		size_t n;

		const char *label = (const char *)sqlite3_column_text(st, 4);
		long long pid = sqlite3_column_int64(st, 3);

		/* a participant belongs to one source: the speakers seen so
		 * far are those of this source */
		if (sqlite3_column_int64(st, 0) != last_src) {
			last_src = sqlite3_column_int64(st, 0);
			nseen = 0;
		}

		/* a speaker whose label is a name: listed once, at the first
		 * turn (outputs show the pseudonym instead) */
		if (label && pid != last_pid &&
		    privacy_is_name(label, (const char *)sqlite3_column_text(st, 5))) {
			size_t k;
			for (k = 0; k < nseen && seen[k] != pid; k++)
				;
			if (k == nseen) {
				struct qc_buf c = QC_BUF_INIT;
				struct hit *x;
				seen = xreallocarray(seen, nseen + 1, sizeof(*seen));
				seen[nseen++] = pid;
				size_t cut = 0;
				int words = 0;
				while (cut < len && words < 8)
					if (t[cut++] == ' ')
						words++;
				qc_buf_addf(&c, "**%s**: %.*s%s", label,
					    (int)(cut < len ? cut - 1 : len), t,
					    cut < len ? "…" : "");
				for (char *q = c.buf; *q; q++)
					if (*q == '\n')
						*q = ' ';
				h = xreallocarray(h, nh + 1, sizeof(*h));
				x = &h[nh++];
				snprintf(x->ref, sizeof(x->ref), "S%lld:%lld",
					 sqlite3_column_int64(st, 0),
					 sqlite3_column_int64(st, 1));
				x->rule = xstrdup("spreker");
				x->found = xstrdup(label);
				x->context = qc_buf_detach(&c, NULL);
			}
		}
		last_pid = pid;
		if ((rc = redactor_scan(r, t, len, &m, &n, &ctx->err)) < 0) {
			qc_err_prefix(&ctx->err, "S%lld:%lld",
				      sqlite3_column_int64(st, 0),
				      sqlite3_column_int64(st, 1));
			break;
		}
		for (size_t i = 0; i < n; i++) {
			struct qc_buf k = QC_BUF_INIT;
			struct hit *x;
			search_kwic(&k, t, len, m[i].start, m[i].end, 5, 0);
			h = xreallocarray(h, nh + 1, sizeof(*h));
			x = &h[nh++];
			snprintf(x->ref, sizeof(x->ref), "S%lld:%lld",
				 sqlite3_column_int64(st, 0),
				 sqlite3_column_int64(st, 1));
			x->rule = xstrdup(m[i].rule);
			x->found = xstrndup(t + m[i].start, m[i].end - m[i].start);
			x->context = qc_buf_detach(&k, NULL);
		}
		free(m);
	}
	if (rc < 0)
		goto out;
	if (report) {
		if ((rc = write_report(ctx, report, h, nh)) < 0)
			goto out;
	}
	{
		char *d = xasprintf("%zu matches listed%s%s", nh,
				    report ? ", report written to " : "",
				    report ? report : "");
		rc = store_begin(ctx->store, &ctx->err);
		if (rc == 0)
			rc = store_audit(ctx->store, "redact", d, &ctx->err);
		if (rc == 0)
			rc = store_commit(ctx->store, &ctx->err);
		else
			store_rollback(ctx->store);
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
	} else if (args_has(&a, "--dry-run")) {
		struct out_table t;
		static const char *const head[] = { "ref", "rule", "context" };
		out_table_init(&t, 3, head);
		for (size_t i = 0; i < nh; i++)
			out_table_add(&t, (const char *const[]){ h[i].ref,
				      h[i].rule, h[i].context });
		if (args_has(&a, "--tsv"))
			out_table_print_sep(&t, ctx->out, '\t');
		else if (nh)
			out_table_print(&t, ctx->out);
		out_table_release(&t);
		if (!args_has(&a, "--tsv"))
			fprintf(ctx->out, "%zu item%s to redact\n", nh,
				nh == 1 ? "" : "s");
	} else {
		fprintf(ctx->out, "wrote '%s': %zu items\n", report, nh);
	}
out:
	for (size_t i = 0; i < nh; i++) {
		free(h[i].rule);
		free(h[i].found);
		free(h[i].context);
	}
	free(h);
	free(seen);
	sqlite3_finalize(st);
	redactor_close(r);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

static int name_sql(struct qc_ctx *ctx, const char *sql, const char *name,
		    const char *verb)
{
	sqlite3_stmt *st = store_prepare(ctx->store, sql, &ctx->err);
	int rc, changed;

	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(ctx->store, &ctx->err, "redact name");
	sqlite3_finalize(st);
	changed = sqlite3_changes(ctx->store->db);
	if (rc == 0)
		rc = store_audit(ctx->store, verb, "a name (not logged)",
				 &ctx->err);
	if (rc == 0)
		fprintf(ctx->out, "%s\n", changed ? "done" : "nothing changed");
	return rc;
}

static int name_add(struct qc_ctx *ctx, int argc, char **argv)
{
	struct qc_args a;
	int rc;

	if (args_parse(argc, argv, NULL, NULL, &a, &ctx->err) < 0)
		return QC_EUSAGE;
	rc = *a.pos[0] ? name_sql(ctx, "INSERT OR IGNORE INTO redact_names(name)"
				  " VALUES (?)", a.pos[0], "redact name add") :
	     qc_err_set(&ctx->err, QC_EUSAGE, "an empty name");
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

static int name_rm(struct qc_ctx *ctx, int argc, char **argv)
{
	struct qc_args a;
	int rc;

	if (args_parse(argc, argv, NULL, NULL, &a, &ctx->err) < 0)
		return QC_EUSAGE;
	rc = name_sql(ctx, "DELETE FROM redact_names WHERE name = ?", a.pos[0],
		      "redact name rm");
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

static int name_list(struct qc_ctx *ctx, int argc, char **argv)
{
	struct qc_args a;
	sqlite3_stmt *st;
	int n = 0;

	if (args_parse(argc, argv, NULL, NULL, &a, &ctx->err) < 0)
		return QC_EUSAGE;
	args_release(&a);
	st = store_prepare(ctx->store, "SELECT name FROM redact_names ORDER BY"
			   " name", &ctx->err);
	if (!st)
		return QC_EIO;
	if (ctx->json)
		fputs("[", ctx->out);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (ctx->json) {
			fputs(n ? ", " : "", ctx->out);
			out_json_print(ctx->out,
				       (const char *)sqlite3_column_text(st, 0));
		} else {
			fprintf(ctx->out, "%s\n", sqlite3_column_text(st, 0));
		}
		n++;
	}
	sqlite3_finalize(st);
	if (ctx->json)
		fputs("]\n", ctx->out);
	else if (!n)
		fputs("no names (add one with 'qcode redact name add NAME')\n",
		      ctx->out);
	return QC_OK;
}

/* redact name add|rm|list: the action is the first argument. */
int cmd_redact_name(struct qc_ctx *ctx, int argc, char **argv)
{
	const char *act = argc > 1 ? argv[1] : "";

	if (!strcmp(act, "list") && argc == 2)
		return name_list(ctx, argc - 1, argv + 1);
	if (!strcmp(act, "add") && argc == 3)
		return name_add(ctx, argc - 1, argv + 1);
	if (!strcmp(act, "rm") && argc == 3)
		return name_rm(ctx, argc - 1, argv + 1);
	return -qc_err_set(&ctx->err, QC_EUSAGE, "redact name: add NAME, rm NAME"
			   " or list");
}
