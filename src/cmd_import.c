/* cmd_import: import, sources, show, source set/rm, participants. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd_import.h"
#include "cmd_refi.h"
#include "qcode/import.h"
#include "qcode/out.h"
#include "qcode/privacy.h"
#include "qcode/text.h"

/* ---- shared helpers ---- */

/* "S3" -> 3 for a source that exists. */
static int source_ref(struct qc_ctx *ctx, const char *ref, long long *id)
{
	char *end;
	sqlite3_stmt *st;
	int found;

	if ((ref[0] != 'S' && ref[0] != 's') || !ref[1])
		return qc_err_set(&ctx->err, QC_EUSAGE, "'%s' is not a source"
				   " (S1, S2, ...)", ref);
	errno = 0;
	*id = strtoll(ref + 1, &end, 10);
	if (*end || errno || *id <= 0)
		return qc_err_set(&ctx->err, QC_EUSAGE, "'%s' is not a source"
				   " (S1, S2, ...)", ref);
	st = store_prepare(ctx->store, "SELECT 1 FROM sources WHERE id = ?",
			   &ctx->err);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, *id);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!found)
		return qc_err_set(&ctx->err, QC_EDATA, "no source %s (see"
				   " 'qcode sources')", ref);
	return 0;
}

static const char *col(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? t : "";
}

static void fmt_time(char *out, size_t n, sqlite3_stmt *st, int i)
{
	long long ms;

	if (sqlite3_column_type(st, i) == SQLITE_NULL) {
		out[0] = '\0';
		return;
	}
	ms = sqlite3_column_int64(st, i) / 1000;
	snprintf(out, n, "%02lld:%02lld:%02lld", ms / 3600, ms / 60 % 60, ms % 60);
}

/* Record that real names were shown. */
static int audit_real_names(struct qc_ctx *ctx, const char *what)
{
	int rc;

	if ((rc = store_begin(ctx->store, &ctx->err)) < 0)
		return rc;
	if ((rc = store_audit(ctx->store, "real-names", what, &ctx->err)) < 0) {
		store_rollback(ctx->store);
		return rc;
	}
	return store_commit(ctx->store, &ctx->err);
}

/* ---- import ---- */

struct batch {
	struct qc_ctx *ctx;
	const struct import_opts *o;
	int ok, failed;
	struct out_table t;
	int fatal;		/* the project failed while writing a file */
};

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), x = strlen(ext);
	return n > x && strcasecmp(name + n - x, ext) == 0;
}

static void import_one(struct batch *b, const char *path)
{
	struct qc_ctx *ctx = b->ctx;
	struct import_result r;
	struct qc_err e = QC_ERR_INIT;
	int rc;

	if (b->fatal)
		return;
	/* inside the command's transaction; a bad file is refused before
	 * anything of it is written */
	rc = import_file(ctx->store, path, b->o, &r, &e);
	if (rc < 0) {
		fprintf(stderr, "qcode: import: %s: %s\n", path, e.msg.buf);
		b->failed++;
		b->fatal = r.wrote;
	} else {
		char id[32];
		snprintf(id, sizeof(id), "S%lld", r.source_id);
		out_table_addf(&b->t, "%s\t%s\t%s\t%lld\t%lld\t%lld", id, path,
			       r.format, r.turns, r.speakers, r.words);
		b->ok++;
	}
	qc_err_release(&e);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's files, recursively, in name order; hidden files skipped. */
static void import_tree(struct batch *b, const char *path)
{
	struct stat sb;
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;

	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		import_one(b, path);
		return;
	}
	if (!(d = opendir(path))) {
		fprintf(stderr, "qcode: import: %s: %s\n", path, strerror(errno));
		b->failed++;
		return;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		names = xreallocarray(names, n + 1, sizeof(char *));
		names[n++] = xasprintf("%s/%s", path, de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(char *), name_cmp);
	for (size_t i = 0; i < n; i++) {
		if (stat(names[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			import_tree(b, names[i]);
		else if (!has_ext(names[i], ".sh") && !has_ext(names[i], ".yaml"))
			import_one(b, names[i]);
		free(names[i]);
	}
	free(names);
}

/* import --redact: each document through the redaction rules first. */
struct redact_ctx {
	struct redactor *r;
	size_t n;
};

static int redact_doc(void *arg, struct import_doc *d, struct qc_err *e)
{
	struct redact_ctx *rc = arg;
	size_t n;
	int err = privacy_redact_doc(rc->r, d, &n, e);

	rc->n += n;
	return err;
}

int cmd_import(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--force", "--into-existing",
		"--redact", NULL };
	static const char *const valued[] = { "--kind", "--title", "--date",
		"--attr", "--role", "--encoding", "--loss-report", "--rules", NULL };
	struct redact_ctx red = { NULL, 0 };
	static const char *const head[] = { "source", "file", "format", "turns",
		"speakers", "words" };
	struct import_opts o = { 0 };
	struct batch b;
	struct qc_args a;
	int rc = QC_OK;

	if (cli_args(ctx, argc, argv, flags, valued, &a) < 0)
		return QC_EUSAGE;
	/* a whole project in one file (REFI-QDA) comes in as one */
	if (a.npos == 1 && import_is_project(a.pos[0])) {
		struct import_project p = { .project = ctx->project,
			.store = &ctx->store,
			.into_existing = args_has(&a, "--into-existing") };
		rc = import_project(a.pos[0], &p, &ctx->err);
		if (rc == 0)
			rc = cmd_refi_imported(ctx, a.pos[0],
					       args_get(&a, "--loss-report"),
					       p.created, &p.counts, &p.loss);
		refi_loss_release(&p.loss);
		args_release(&a);
		return rc < 0 ? -rc : rc;
	}
	memset(&o, 0, sizeof(o));
	o.kind = args_get(&a, "--kind");
	o.title = args_get(&a, "--title");
	o.date = args_get(&a, "--date");
	o.encoding = args_get(&a, "--encoding");
	o.force = args_has(&a, "--force");
	o.attrs = args_all(&a, "--attr", &o.nattrs);
	o.roles = args_all(&a, "--role", &o.nroles);
	for (int i = 0; i < o.nroles; i++)
		if (!strchr(o.roles[i], '=') || o.roles[i][0] == '=') {
			rc = qc_err_set(&ctx->err, QC_EUSAGE, "--role wants"
					 " \"Label=role\", not '%s'", o.roles[i]);
			goto out;
		}
	if (o.kind && !import_kind_ok(o.kind)) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "unknown kind '%s'"
				 " (focus-group, interview, observation, document,"
				 " literature, case-review, questionnaire)", o.kind);
		goto out;
	}
	if (o.title && a.npos > 1) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--title names one file;"
				 " import the files one by one");
		goto out;
	}
	if (!ctx->store && store_open(ctx->project, &ctx->store, &ctx->err) < 0) {
		rc = -ctx->err.code;	/* negative, like every failure here */
		goto out;
	}
	if (args_has(&a, "--redact")) {
		if ((rc = redactor_open(ctx->store, args_get(&a, "--rules"),
					&red.r, &ctx->err)) < 0)
			goto out;
		for (int i = 0; i < o.nroles; i++) {
			char *l = xstrndup(o.roles[i], (size_t)(strchr(o.roles[i],
						'=') - o.roles[i]));
			redactor_add_person(red.r, l, strchr(o.roles[i], '=') + 1);
			free(l);
		}
		o.redact = redact_doc;
		o.redact_arg = &red;
	} else if (args_get(&a, "--rules")) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--rules goes with --redact");
		goto out;
	}
	memset(&b, 0, sizeof(b));
	b.ctx = ctx;
	b.o = &o;
	out_table_init(&b.t, 6, head);
	b.t.right = 1u << 3 | 1u << 4 | 1u << 5;
	/* one transaction for the whole command: the full-text index is
	 * flushed once, not once per file */
	if ((rc = store_begin(ctx->store, &ctx->err)) < 0) {
		out_table_release(&b.t);
		goto out;
	}
	for (int i = 0; i < a.npos; i++)
		import_tree(&b, a.pos[i]);
	if (b.fatal) {
		store_rollback(ctx->store);
		out_table_release(&b.t);
		rc = qc_err_set(&ctx->err, QC_EIO, "the project could not be"
				" written; nothing was imported");
		goto out;
	}
	if (red.r && b.ok) {
		char *d = xasprintf("%d files redacted before storing: %zu"
				    " replacements", b.ok, red.n);
		rc = store_audit(ctx->store, "import --redact", d, &ctx->err);
		free(d);
		if (rc < 0) {
			store_rollback(ctx->store);
			out_table_release(&b.t);
			goto out;
		}
	}
	if ((rc = store_commit(ctx->store, &ctx->err)) < 0) {
		out_table_release(&b.t);
		goto out;
	}
	if (ctx->json) {
		fputs("[", ctx->out);
		for (int r = 1; r <= b.t.nrows; r++) {
			char **c = b.t.cells + r * 6;
			fprintf(ctx->out, "%s{\"source\": ", r > 1 ? ", " : "");
			out_json_print(ctx->out, c[0]);
			fputs(", \"file\": ", ctx->out);
			out_json_print(ctx->out, c[1]);
			fputs(", \"format\": ", ctx->out);
			out_json_print(ctx->out, c[2]);
			fprintf(ctx->out, ", \"turns\": %s, \"speakers\": %s,"
				" \"words\": %s}", c[3], c[4], c[5]);
		}
		fputs("]\n", ctx->out);
	} else if (b.ok) {
		out_table_print(&b.t, ctx->out);
	}
	out_table_release(&b.t);
	if (b.failed)
		rc = qc_err_set(&ctx->err, QC_EDATA, "import: %d of %d files"
				 " not imported", b.failed, b.failed + b.ok);
	else if (!b.ok)
		rc = qc_err_set(&ctx->err, QC_EDATA, "import: no files found");
	if (red.r && !ctx->json)
		fprintf(ctx->out, "redacted before storing: %zu replacements\n",
			red.n);
out:
	redactor_close(red.r);
	free((void *)o.attrs);
	free((void *)o.roles);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

/* ---- sources ---- */

int cmd_sources(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--tsv", "--csv", NULL };
	static const char *const valued[] = { "--kind", "--attr", NULL };
	static const char *const head[] = { "source", "kind", "title", "date",
		"turns", "words", "speakers" };
	struct qc_args a;
	struct out_table t;
	sqlite3_stmt *st;
	const char *attr, *eq;
	char *key = NULL;
	int first = 1;

	if (cli_args(ctx, argc, argv, flags, valued, &a) < 0)
		return QC_EUSAGE;
	attr = args_get(&a, "--attr");
	if (attr) {
		if (!(eq = strchr(attr, '='))) {
			args_release(&a);
			return -qc_err_set(&ctx->err, QC_EUSAGE, "--attr wants"
					   " key=value, not '%s'", attr);
		}
		key = xstrndup(attr, (size_t)(eq - attr));
	}
	st = store_prepare(ctx->store,
		"SELECT s.id, s.kind, s.title, coalesce(s.date, ''),"
		" (SELECT count(*) FROM segments g WHERE g.source_id = s.id),"
		" s.words, (SELECT count(*) FROM participants p"
		"  WHERE p.source_id = s.id) FROM sources s"
		" WHERE (?1 IS NULL OR s.kind = ?1) AND (?2 IS NULL OR EXISTS"
		" (SELECT 1 FROM source_attrs x WHERE x.source_id = s.id"
		"  AND x.key = ?2 AND x.value = ?3)) ORDER BY s.id", &ctx->err);
	if (!st) {
		free(key);
		args_release(&a);
		return QC_EIO;
	}
	sqlite3_bind_text(st, 1, args_get(&a, "--kind"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, attr ? strchr(attr, '=') + 1 : NULL, -1,
			  SQLITE_STATIC);
	out_table_init(&t, 7, head);
	t.right = 1u << 4 | 1u << 5 | 1u << 6;
	if (ctx->json)
		fputs("[", ctx->out);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (ctx->json) {
			fprintf(ctx->out, "%s{\"source\": \"S%lld\", \"kind\": ",
				first ? "" : ", ", sqlite3_column_int64(st, 0));
			out_json_print(ctx->out, col(st, 1));
			fputs(", \"title\": ", ctx->out);
			out_json_print(ctx->out, col(st, 2));
			fputs(", \"date\": ", ctx->out);
			out_json_print(ctx->out, col(st, 3));
			fprintf(ctx->out, ", \"turns\": %lld, \"words\": %lld,"
				" \"speakers\": %lld}", sqlite3_column_int64(st, 4),
				sqlite3_column_int64(st, 5),
				sqlite3_column_int64(st, 6));
			first = 0;
		} else {
			out_table_addf(&t, "S%lld\t%s\t%s\t%s\t%lld\t%lld\t%lld",
				       sqlite3_column_int64(st, 0), col(st, 1),
				       col(st, 2), col(st, 3),
				       sqlite3_column_int64(st, 4),
				       sqlite3_column_int64(st, 5),
				       sqlite3_column_int64(st, 6));
		}
	}
	sqlite3_finalize(st);
	if (ctx->json)
		fputs("]\n", ctx->out);
	else if (args_has(&a, "--tsv") || args_has(&a, "--csv"))
		out_table_print_sep(&t, ctx->out, args_has(&a, "--csv") ? ',' : '\t');
	else if (t.nrows)
		out_table_print(&t, ctx->out);
	else
		fputs("no sources\n", ctx->out);
	out_table_release(&t);
	free(key);
	args_release(&a);
	return QC_OK;
}

/* ---- show ---- */

int cmd_show(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--real-names", "--redacted", NULL };
	static const char *const valued[] = { "--from", "--to", NULL };
	struct qc_args a;
	sqlite3_stmt *st = NULL, *codes = NULL;
	struct redactor *red = NULL;
	struct qc_buf rt = QC_BUF_INIT, v1 = QC_BUF_INIT, v2 = QC_BUF_INIT;
	long long sid, from = 1, to = -1;
	int real, rc = QC_OK, first = 1;

	if (cli_args(ctx, argc, argv, flags, valued, &a) < 0)
		return QC_EUSAGE;
	real = args_has(&a, "--real-names");
	if (source_ref(ctx, a.pos[0], &sid) < 0) {
		rc = ctx->err.code;
		goto out;
	}
	if (args_has(&a, "--redacted") && real) {
		rc = -qc_err_set(&ctx->err, QC_EUSAGE, "--redacted and"
				 " --real-names exclude each other");
		goto out;
	}
	if (args_has(&a, "--redacted") &&
	    redactor_open(ctx->store, NULL, &red, &ctx->err) < 0) {
		rc = ctx->err.code;
		goto out;
	}
	if (args_get(&a, "--from"))
		from = atoll(args_get(&a, "--from"));
	if (args_get(&a, "--to"))
		to = atoll(args_get(&a, "--to"));
	if (to >= 0 && to < from) {
		rc = -qc_err_set(&ctx->err, QC_EUSAGE, "--to %lld is before"
				 " --from %lld", to, from);
		goto out;
	}
	if (real) {
		char *what = xasprintf("show S%lld", sid);
		rc = audit_real_names(ctx, what);
		free(what);
		if (rc < 0) {
			rc = -rc;
			goto out;
		}
	}
	st = store_prepare(ctx->store,
		"SELECT g.id, g.ordinal, CASE WHEN ?4 THEN g.speaker ELSE"
		" coalesce(p.pseudonym, g.speaker) END, g.start_ms, g.text,"
		" coalesce(p.role, '') FROM segments g"
		" LEFT JOIN participants p ON p.id = g.participant_id"
		" WHERE g.source_id = ?1 AND g.ordinal >= ?2"
		" AND (?3 < 0 OR g.ordinal <= ?3) ORDER BY g.ordinal", &ctx->err);
	codes = store_prepare(ctx->store,
		"SELECT group_concat(short_id, ', ') FROM (SELECT DISTINCT"
		" k.short_id FROM codings c JOIN codes k ON k.id = c.code_id"
		" WHERE c.segment_id = ? ORDER BY k.short_id)", &ctx->err);
	if (!st || !codes) {
		rc = QC_EIO;
		goto out;
	}
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	sqlite3_bind_int(st, 4, real);
	if (ctx->json)
		fputs("[", ctx->out);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char tm[32];
		const char *cs;

		sqlite3_reset(codes);
		sqlite3_bind_int64(codes, 1, sqlite3_column_int64(st, 0));
		cs = sqlite3_step(codes) == SQLITE_ROW ? col(codes, 0) : "";
		fmt_time(tm, sizeof(tm), st, 3);
		qc_buf_reset(&rt);
		if (red)
			redactor_apply(red, col(st, 4), strlen(col(st, 4)), &rt,
				       &ctx->err);
		else
			qc_buf_adds(&rt, col(st, 4));
		if (ctx->json) {
			fprintf(ctx->out, "%s{\"ref\": \"S%lld:%lld\", \"speaker\": ",
				first ? "" : ", ", sid, sqlite3_column_int64(st, 1));
			if (sqlite3_column_type(st, 2) == SQLITE_NULL)
				fputs("null", ctx->out);
			else
				out_json_print(ctx->out, col(st, 2));
			fputs(", \"role\": ", ctx->out);
			out_json_print(ctx->out, col(st, 5));
			fputs(", \"time\": ", ctx->out);
			out_json_print(ctx->out, tm);
			fputs(", \"codes\": ", ctx->out);
			out_json_print(ctx->out, cs);
			fputs(", \"text\": ", ctx->out);
			out_json_print(ctx->out, rt.buf);
			fputs("}", ctx->out);
			first = 0;
			continue;
		}
		fprintf(ctx->out, "%sS%lld:%lld", first ? "" : "\n", sid,
			sqlite3_column_int64(st, 1));
		if (*tm)
			fprintf(ctx->out, "  [%s]", tm);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL && red) {
			struct qc_buf sp = QC_BUF_INIT;
			redactor_apply(red, col(st, 2), strlen(col(st, 2)), &sp,
				       &ctx->err);
			fprintf(ctx->out, "  %s%s%s%s", out_text(&v1, sp.buf),
				*col(st, 5) ? " (" : "", out_text(&v2, col(st, 5)),
				*col(st, 5) ? ")" : "");
			qc_buf_release(&sp);
		} else if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			fprintf(ctx->out, "  %s%s%s%s", out_text(&v1, col(st, 2)),
				*col(st, 5) ? " (" : "", out_text(&v2, col(st, 5)),
				*col(st, 5) ? ")" : "");
		if (*cs)
			fprintf(ctx->out, "  {%s}", out_text(&v1, cs));
		fputc('\n', ctx->out);
		/* the text, indented, line by line; on a terminal with its
		 * control characters shown */
		for (const char *p = out_text(&v1, rt.buf); *p;) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			fprintf(ctx->out, "    %.*s\n", (int)n, p);
			p += n + (nl ? 1 : 0);
		}
		first = 0;
	}
	if (ctx->json)
		fputs("]\n", ctx->out);
out:
	sqlite3_finalize(st);
	sqlite3_finalize(codes);
	redactor_close(red);
	qc_buf_release(&rt);
	qc_buf_release(&v1);
	qc_buf_release(&v2);
	args_release(&a);
	return rc < 0 ? -rc : rc;
}

/* ---- source set / rm ---- */

int cmd_source_set(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const valued[] = { "--title", "--date", "--attr",
		"--kind", NULL };
	struct qc_args a;
	long long sid;
	int n = 0, rc = 0;
	const char **attrs;
	sqlite3_stmt *st;
	struct qc_buf what = QC_BUF_INIT;

	if (cli_args(ctx, argc, argv, NULL, valued, &a) < 0)
		return QC_EUSAGE;
	if ((rc = source_ref(ctx, a.pos[0], &sid)) < 0)
		goto out;
	qc_buf_addf(&what, "S%lld", sid);
	if (args_get(&a, "--kind") && !import_kind_ok(args_get(&a, "--kind"))) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "unknown kind '%s'",
				 args_get(&a, "--kind"));
		goto out;
	}
	if (args_get(&a, "--date")) {
		const char *d = args_get(&a, "--date");
		if (!qc_date_valid(d, 0)) {
			rc = qc_err_set(&ctx->err, QC_EUSAGE, "date '%s' is not"
					 " YYYY-MM-DD", d);
			goto out;
		}
	}
	st = store_prepare(ctx->store, "UPDATE sources SET title ="
			   " coalesce(?2, title), date = coalesce(?3, date),"
			   " kind = coalesce(?4, kind) WHERE id = ?1", &ctx->err);
	if (!st) {
		rc = -QC_EIO;
		goto out;
	}
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, args_get(&a, "--title"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, args_get(&a, "--date"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, args_get(&a, "--kind"), -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(ctx->store, &ctx->err, "source set");
	sqlite3_finalize(st);
	for (const char *k = "--title"; k; k = NULL)
		if (args_get(&a, k))
			qc_buf_addf(&what, " title=%s", args_get(&a, k));
	if (args_get(&a, "--date"))
		qc_buf_addf(&what, " date=%s", args_get(&a, "--date"));
	attrs = args_all(&a, "--attr", &n);
	for (int i = 0; i < n && rc == 0; i++) {
		const char *eq = strchr(attrs[i], '=');
		char *k;
		if (!eq || eq == attrs[i]) {
			rc = qc_err_set(&ctx->err, QC_EUSAGE, "--attr wants"
					 " key=value, not '%s'", attrs[i]);
			break;
		}
		k = xstrndup(attrs[i], (size_t)(eq - attrs[i]));
		st = store_prepare(ctx->store, *(eq + 1) ?
				   "INSERT OR REPLACE INTO source_attrs(source_id,"
				   " key, value) VALUES (?1, ?2, ?3)" :
				   "DELETE FROM source_attrs WHERE source_id = ?1"
				   " AND key = ?2 AND ?3 = ''", &ctx->err);
		if (!st) {
			free(k);
			rc = -QC_EIO;
			break;
		}
		sqlite3_bind_int64(st, 1, sid);
		sqlite3_bind_text(st, 2, k, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, eq + 1, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
		     store_fail(ctx->store, &ctx->err, "source set");
		sqlite3_finalize(st);
		qc_buf_addf(&what, " %s", attrs[i]);
		free(k);
	}
	free((void *)attrs);
	if (rc == 0 && what.len == strlen(a.pos[0]))
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "source set: nothing to"
				 " set (--title, --date, --kind, --attr key=value)");
	if (rc == 0)
		rc = store_audit(ctx->store, "source set", what.buf, &ctx->err);
	if (rc == 0 && !ctx->json)
		fprintf(ctx->out, "updated S%lld\n", sid);
	else if (rc == 0)
		fprintf(ctx->out, "{\"updated\": \"S%lld\"}\n", sid);
out:
	qc_buf_release(&what);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

int cmd_source_rm(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--purge", NULL };
	struct qc_args a;
	long long sid, codings = 0;
	char *title = NULL, *detail;
	sqlite3_stmt *st;
	int rc, purge;

	if (cli_args(ctx, argc, argv, flags, NULL, &a) < 0)
		return QC_EUSAGE;
	purge = args_has(&a, "--purge");
	if ((rc = source_ref(ctx, a.pos[0], &sid)) < 0)
		goto out;
	st = store_prepare(ctx->store, "SELECT title, (SELECT count(*) FROM"
			   " codings WHERE source_id = ?1) FROM sources"
			   " WHERE id = ?1", &ctx->err);
	if (!st) {
		rc = -QC_EIO;
		goto out;
	}
	sqlite3_bind_int64(st, 1, sid);
	if (sqlite3_step(st) == SQLITE_ROW) {
		title = xstrdup(col(st, 0));
		codings = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	/* the rows go in one transaction; a purge's wipe follows it */
	if ((rc = store_begin(ctx->store, &ctx->err)) < 0)
		goto out;
	if (purge)
		rc = store_purge_prepare(ctx->store, sid, &ctx->err);
	st = rc < 0 ? NULL : store_prepare(ctx->store, "DELETE FROM sources"
					    " WHERE id = ?", &ctx->err);
	if (!st) {
		store_rollback(ctx->store);
		rc = -QC_EIO;
		goto out;
	}
	sqlite3_bind_int64(st, 1, sid);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(ctx->store, &ctx->err, "source rm");
	sqlite3_finalize(st);
	/* a purged source's title is not kept in the log either */
	detail = purge ? xasprintf("S%lld with %lld codings, purged", sid,
				   codings) :
			 xasprintf("S%lld '%s' with %lld codings", sid, title,
				   codings);
	if (rc == 0)
		rc = store_audit(ctx->store, "source rm", detail, &ctx->err);
	free(detail);
	if (rc == 0)
		rc = store_commit(ctx->store, &ctx->err);
	else
		store_rollback(ctx->store);
	if (rc == 0 && purge)
		rc = store_wipe(ctx->store, &ctx->err);
	if (rc == 0)
		fprintf(ctx->out, ctx->json ? "{\"removed\": \"S%lld\"}\n" :
			"removed S%lld and its segments and codings\n", sid);
out:
	free(title);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

/* ---- participants ---- */

int cmd_participants(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--real-names", "--tsv", "--csv",
		NULL };
	static const char *const head[] = { "source", "speaker", "role",
		"pseudonym", "turns", "words" };
	struct qc_args a;
	struct out_table t;
	sqlite3_stmt *st;
	long long sid = 0;
	int real, rc = QC_OK, first = 1;

	if (cli_args(ctx, argc, argv, flags, NULL, &a) < 0)
		return QC_EUSAGE;
	real = args_has(&a, "--real-names");
	if (a.npos && source_ref(ctx, a.pos[0], &sid) < 0) {
		args_release(&a);
		return ctx->err.code;
	}
	if (real && (rc = audit_real_names(ctx, "participants")) < 0) {
		args_release(&a);
		return -rc;
	}
	st = store_prepare(ctx->store,
		"SELECT p.source_id, CASE WHEN ?2 THEN p.label ELSE"
		" coalesce(p.pseudonym, p.label) END, coalesce(p.role, ''),"
		" coalesce(p.pseudonym, ''), count(g.id),"
		" coalesce(sum(length(g.text) - length(replace(g.text, ' ', '')) + 1), 0)"
		" FROM participants p LEFT JOIN segments g ON g.participant_id = p.id"
		" WHERE ?1 = 0 OR p.source_id = ?1 GROUP BY p.id"
		" ORDER BY p.source_id, p.id", &ctx->err);
	if (!st) {
		args_release(&a);
		return QC_EIO;
	}
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int(st, 2, real);
	out_table_init(&t, 6, head);
	t.right = 1u << 4 | 1u << 5;
	if (ctx->json)
		fputs("[", ctx->out);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (ctx->json) {
			fprintf(ctx->out, "%s{\"source\": \"S%lld\", \"speaker\": ",
				first ? "" : ", ", sqlite3_column_int64(st, 0));
			out_json_print(ctx->out, col(st, 1));
			fputs(", \"role\": ", ctx->out);
			out_json_print(ctx->out, col(st, 2));
			fputs(", \"pseudonym\": ", ctx->out);
			out_json_print(ctx->out, col(st, 3));
			fprintf(ctx->out, ", \"turns\": %lld, \"words\": %lld}",
				sqlite3_column_int64(st, 4),
				sqlite3_column_int64(st, 5));
			first = 0;
		} else {
			out_table_addf(&t, "S%lld\t%s\t%s\t%s\t%lld\t%lld",
				       sqlite3_column_int64(st, 0), col(st, 1),
				       col(st, 2), col(st, 3),
				       sqlite3_column_int64(st, 4),
				       sqlite3_column_int64(st, 5));
		}
	}
	sqlite3_finalize(st);
	if (ctx->json)
		fputs("]\n", ctx->out);
	else if (args_has(&a, "--tsv") || args_has(&a, "--csv"))
		out_table_print_sep(&t, ctx->out, args_has(&a, "--csv") ? ',' : '\t');
	else if (t.nrows)
		out_table_print(&t, ctx->out);
	else
		fputs("no participants\n", ctx->out);
	out_table_release(&t);
	args_release(&a);
	return QC_OK;
}

int cmd_participant_set(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const valued[] = { "--role", "--pseudonym", NULL };
	struct qc_args a;
	sqlite3_stmt *st;
	long long sid;
	const char *role, *pseudo;
	char *detail;
	int rc, changed;

	if (cli_args(ctx, argc, argv, NULL, valued, &a) < 0)
		return QC_EUSAGE;
	role = args_get(&a, "--role");
	pseudo = args_get(&a, "--pseudonym");
	if ((rc = source_ref(ctx, a.pos[0], &sid)) < 0)
		goto out;
	if (!role && !pseudo) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "participant set: give"
				 " --role R and/or --pseudonym P");
		goto out;
	}
	st = store_prepare(ctx->store, "UPDATE participants SET role ="
			   " coalesce(?3, role), pseudonym = coalesce(?4, pseudonym)"
			   " WHERE source_id = ?1 AND (label = ?2 OR pseudonym = ?2)",
			   &ctx->err);
	if (!st) {
		rc = -QC_EIO;
		goto out;
	}
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, a.pos[1], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, pseudo, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(ctx->store, &ctx->err, "participant set");
	sqlite3_finalize(st);
	changed = sqlite3_changes(ctx->store->db);
	if (rc == 0 && !changed) {
		rc = qc_err_set(&ctx->err, QC_EDATA, "no speaker '%s' in S%lld"
				 " (see 'qcode participants S%lld')", a.pos[1],
				 sid, sid);
		goto out;
	}
	/* the label is personal data: the log names the source only */
	detail = xasprintf("S%lld: a speaker's%s%s%s%s", sid,
			   role ? " role=" : "", role ? role : "",
			   pseudo ? " pseudonym=" : "", pseudo ? pseudo : "");
	if (rc == 0)
		rc = store_audit(ctx->store, "participant set", detail, &ctx->err);
	free(detail);
	if (rc == 0)
		fprintf(ctx->out, ctx->json ? "{\"updated\": %d}\n" :
			"updated %d participant\n", changed);
out:
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}
