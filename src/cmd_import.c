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
#include "qcode/cycle.h"
#include "qcode/import.h"
#include "qcode/out.h"
#include "qcode/persons.h"
#include "qcode/privacy.h"
#include "qcode/revise.h"
#include "qcode/progress.h"
#include "qcode/sources.h"
#include "qcode/text.h"

/* ---- import ---- */

struct batch {
	struct qc_ctx *ctx;
	const struct import_opts *o;
	int ok, failed;
	struct out_rows rows;	/* a row per file imported */
	int fatal;		/* the project failed while writing a file */
	const char *meeting;	/* --meeting: each source linked to it */
	long long done;		/* bytes of the files done, for progress */
	char *last_err;		/* the latest refused file's line, held back:
				 * it becomes the command's error, so that
				 * each refused file is one line */
	int quiet;		/* a first pass: no rows, no messages */
};

static long long file_bytes(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) ? sb.st_size : 0;
}

static int name_cmp(const void *a, const void *b);

/* The bytes import_tree will read under path, for the progress line. */
static long long tree_bytes(const char *path, int depth)
{
	struct stat sb;
	DIR *d;
	struct dirent *de;
	long long n = 0;

	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return file_bytes(path);
	if (depth > 64 || !(d = opendir(path)))
		return 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char *p = xasprintf("%s/%s", path, de->d_name);
		n += tree_bytes(p, depth + 1);
		free(p);
	}
	closedir(d);
	return n;
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
	progress_item(file_bytes(path));
	rc = import_file(ctx->store, path, b->o, &r, &e);
	if (b->quiet) {
		/* the second pass says what is wrong with a file */
		qc_err_release(&e);
		return;
	}
	if (rc == 0 && b->meeting &&
	    cycle_source_meeting(ctx->store, r.source_id, b->meeting, &e) < 0) {
		rc = -QC_EIO;
		r.wrote = 1;
	}
	if (progress_step(b->done += file_bytes(path))) {
		b->fatal = 1;	/* Ctrl-C: the whole command is rolled back */
		qc_err_release(&e);
		return;
	}
	if (rc < 0) {
		if (b->last_err) {
			progress_clear();
			fprintf(stderr, "qcode: import: %s\n", b->last_err);
			free(b->last_err);
		}
		b->last_err = xasprintf("%s: %s", path, e.msg.buf);
		b->failed++;
		b->fatal = r.wrote;
	} else {
		out_rows_ref(&b->rows, r.source_id, -1);
		out_rows_text(&b->rows, path);
		out_rows_text(&b->rows, r.format);
		out_rows_int(&b->rows, r.turns);
		out_rows_int(&b->rows, r.speakers);
		out_rows_int(&b->rows, r.words);
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
		if (b->last_err) {
			progress_clear();
			fprintf(stderr, "qcode: import: %s\n", b->last_err);
			free(b->last_err);
		}
		b->last_err = xasprintf("%s: %s", path, strerror(errno));
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
		else if (!qc_has_ext(names[i], ".sh") && !qc_has_ext(names[i], ".yaml"))
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

/* The first pass of import --redact: only the speakers of every file. */
static int speakers_doc(void *arg, struct import_doc *d, struct qc_err *e)
{
	struct redact_ctx *rc = arg;

	(void)e;
	privacy_doc_speakers(rc->r, d);
	return 0;
}

static int redact_doc(void *arg, struct import_doc *d, struct qc_err *e)
{
	struct redact_ctx *rc = arg;
	size_t n;
	int err = privacy_redact_doc(rc->r, d, &n, e);

	rc->n += n;
	return err;
}

int cmd_import(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct redact_ctx red = { NULL, 0 };
	static const struct out_col cols[] = {
		{ "source", NULL, OUT_REF, 0 }, { "file", NULL, OUT_TEXT, 0 },
		{ "format", NULL, OUT_TEXT, 0 }, { "turns", NULL, OUT_INT, 0 },
		{ "speakers", NULL, OUT_INT, 0 }, { "words", NULL, OUT_INT, 0 } };
	struct import_opts o = { 0 };
	struct batch b = { 0 };
	int rc = QC_OK;

	/* a whole project in one file (REFI-QDA) comes in as one */
	if (a->npos == 1 && import_is_project(a->pos[0])) {
		struct import_project p = { .project = ctx->project,
			.store = &ctx->store,
			.into_existing = args_has(a, "--into-existing") };
		rc = import_project(a->pos[0], &p, &ctx->err);
		if (rc == 0)
			rc = cmd_refi_imported(ctx, a->pos[0],
					       args_get(a, "--loss-report"),
					       p.created, &p.counts, &p.loss);
		refi_loss_release(&p.loss);
		return rc;
	}
	memset(&o, 0, sizeof(o));
	o.kind = args_get(a, "--kind");
	o.title = args_get(a, "--title");
	o.date = args_get(a, "--date");
	o.encoding = args_get(a, "--encoding");
	o.force = args_has(a, "--force");
	o.attrs = args_all(a, "--attr", &o.nattrs);
	o.roles = args_all(a, "--role", &o.nroles);
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
	if (o.title && a->npos > 1) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--title names one file;"
				 " import the files one by one");
		goto out;
	}
	if (!ctx->store &&
	    (rc = store_open(ctx->project, &ctx->store, &ctx->err)) < 0)
		goto out;
	if (args_has(a, "--redact")) {
		if ((rc = redactor_open(ctx->store, args_get(a, "--rules"),
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
	} else if (args_get(a, "--rules")) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--rules goes with --redact");
		goto out;
	}
	memset(&b, 0, sizeof(b));
	b.ctx = ctx;
	b.o = &o;
	b.meeting = args_get(a, "--meeting");
	if (b.meeting) {
		long long mid;
		if ((rc = cycle_meeting_find(ctx->store, b.meeting, &mid,
					     &ctx->err)) < 0)
			goto out;
	}
	out_rows_init(&b.rows, cols, 6);
	b.rows.empty = "";	/* the errors say it all */
	/* one transaction for the whole command: the full-text index is
	 * flushed once, not once per file */
	if ((rc = store_begin(ctx->store, &ctx->err)) < 0) {
		out_rows_release(&b.rows);
		goto out;
	}
	if (red.r) {
		/* every file's speakers first: a name is redacted in every
		 * file, whichever file it speaks in and whatever the order */
		struct import_opts first = o;
		struct batch pre = b;
		first.parse_only = 1;
		first.redact = speakers_doc;
		pre.o = &first;
		pre.quiet = 1;
		for (int i = 0; i < a->npos; i++)
			import_tree(&pre, a->pos[i]);
	}
	long long total = 0;
	for (int i = 0; i < a->npos; i++)
		total += tree_bytes(a->pos[i], 0);
	progress_begin("importing", "bytes", total);
	for (int i = 0; i < a->npos; i++)
		import_tree(&b, a->pos[i]);
	progress_end();
	if (b.fatal && progress_cancelled()) {
		store_rollback(ctx->store);
		out_rows_release(&b.rows);
		rc = qc_err_set(&ctx->err, QC_ECANCEL, "cancelled");
		goto out;
	}
	if (b.fatal) {
		fprintf(stderr, "qcode: import: %s\n", b.last_err);
		store_rollback(ctx->store);
		out_rows_release(&b.rows);
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
			out_rows_release(&b.rows);
			goto out;
		}
	}
	if ((rc = store_commit(ctx->store, &ctx->err)) < 0) {
		out_rows_release(&b.rows);
		goto out;
	}
	out_rows_print(&b.rows, ctx->out, args_format(ctx, a));
	out_rows_release(&b.rows);
	/* each refused file said once, the last as the command's error */
	if (b.failed)
		rc = qc_err_set(&ctx->err, QC_EDATA, "%s", b.last_err);
	else if (!b.ok)
		rc = qc_err_set(&ctx->err, QC_EDATA, "no files found");
	if (red.r && !ctx->json)
		fprintf(ctx->out, "redacted before storing: %zu replacements\n",
			red.n);
out:
	free(b.last_err);
	redactor_close(red.r);
	free((void *)o.attrs);
	free((void *)o.roles);
	return rc < 0 ? rc : 0;
}

/* ---- sources ---- */

/* "=V" or "" names no attribute. */
static int all_attr_bad(const char *kv)
{
	return !*kv || *kv == '=';
}

int cmd_sources(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col base[] = {
		{ "source", NULL, OUT_REF, 0 }, { "kind", NULL, OUT_TEXT, 0 },
		{ "title", NULL, OUT_TEXT, 0 }, { "date", NULL, OUT_TEXT, 0 },
		{ "turns", NULL, OUT_INT, 0 }, { "words", NULL, OUT_INT, 0 },
		{ "speakers", NULL, OUT_INT, 0 } };
	struct sources_filter f = { NULL, NULL, NULL };
	struct sources_rows rows;
	struct persons_attrs decl = { 0 };
	struct out_rows t;
	struct out_col *cols;
	const char **attrs, **keys, **where;
	int n, nkeys = 0, nwhere = 0, rc;

	f.kind = args_get(a, "--kind");
	/* --attr K: a column; --attr K=V: only sources with that value */
	attrs = args_all(a, "--attr", &n);
	keys = xcalloc((size_t)n + 1, sizeof(char *));
	where = xcalloc((size_t)n + 1, sizeof(char *));
	for (int i = 0; i < n; i++) {
		if (all_attr_bad(attrs[i])) {
			rc = qc_err_set(&ctx->err, QC_EUSAGE, "--attr wants key or"
					" key=value, not '%s'", attrs[i]);
			goto out;
		}
		if (strchr(attrs[i], '='))
			where[nwhere++] = attrs[i];
		else
			keys[nkeys++] = attrs[i];
	}
	if (args_has(a, "--attrs")) {
		if ((rc = persons_attrs_list(ctx->store, &decl, &ctx->err)) < 0)
			goto out;
		keys = xreallocarray(keys, (size_t)nkeys + decl.n + 1,
				     sizeof(char *));
		for (size_t i = 0; i < decl.n; i++)
			keys[nkeys++] = decl.v[i].name;
	}
	if ((rc = sources_list(ctx->store, &f, &rows, &ctx->err)) < 0)
		goto out;
	cols = xcalloc(7 + (size_t)nkeys, sizeof(*cols));
	memcpy(cols, base, sizeof(base));
	for (int k = 0; k < nkeys; k++)
		cols[7 + k] = (struct out_col){ keys[k], NULL, OUT_TEXT, 0 };
	out_rows_init(&t, cols, 7 + nkeys);
	t.empty = "no sources\n";
	for (size_t i = 0; i < rows.n; i++) {
		const struct sources_row *r = &rows.v[i];
		int keep = 1;

		for (int w = 0; w < nwhere && keep; w++) {
			const char *eq = strchr(where[w], '=');
			char *k = xstrndup(where[w], (size_t)(eq - where[w]));
			char *v = persons_attr_get(ctx->store, 'S', r->id, k);
			keep = v && !strcmp(v, eq + 1);
			free(k);
			free(v);
		}
		if (!keep)
			continue;
		out_rows_ref(&t, r->id, -1);
		out_rows_text(&t, r->kind);
		out_rows_text(&t, r->title);
		out_rows_text(&t, r->date);
		out_rows_int(&t, r->turns);
		out_rows_int(&t, r->words);
		out_rows_int(&t, r->speakers);
		for (int k = 0; k < nkeys; k++) {
			char *v = persons_attr_get(ctx->store, 'S', r->id, keys[k]);
			out_rows_text(&t, v);
			free(v);
		}
	}
	out_rows_print(&t, ctx->out, args_format(ctx, a));
	out_rows_release(&t);
	sources_rows_release(&rows);
	free(cols);
out:
	persons_attrs_release(&decl);
	free(attrs);
	free(keys);
	free(where);
	return rc < 0 ? rc : QC_OK;
}

/* ---- show ---- */

/* "01:02:03" from milliseconds; "" when the turn has no time. */
static void fmt_time(char *out, size_t n, long long ms)
{
	if (ms < 0) {
		out[0] = '\0';
		return;
	}
	ms /= 1000;
	snprintf(out, n, "%02lld:%02lld:%02lld", ms / 3600, ms / 60 % 60, ms % 60);
}

static void show_json(struct qc_ctx *ctx, const struct sources_turns *ts)
{
	static const struct out_col cols[] = {
		{ "ref", NULL, OUT_REF, 0 }, { "speaker", NULL, OUT_TEXT, 0 },
		{ "role", NULL, OUT_TEXT, 0 }, { "time", NULL, OUT_TEXT, 0 },
		{ "codes", NULL, OUT_TEXT, 0 }, { "text", NULL, OUT_TEXT, 0 } };
	struct out_rows r;

	out_rows_init(&r, cols, 6);
	for (size_t i = 0; i < ts->n; i++) {
		const struct sources_turn *t = &ts->v[i];
		char tm[32];

		fmt_time(tm, sizeof(tm), t->start_ms);
		out_rows_ref(&r, ts->source, t->ordinal);
		out_rows_text(&r, t->speaker);
		out_rows_text(&r, t->role);
		out_rows_text(&r, tm);
		out_rows_text(&r, t->codes);
		out_rows_text(&r, t->text);
	}
	out_rows_print(&r, ctx->out, OUT_FMT_JSON);
	out_rows_release(&r);
}

static void show_text(struct qc_ctx *ctx, const struct sources_turns *ts)
{
	struct qc_buf v1 = QC_BUF_INIT, v2 = QC_BUF_INIT;

	for (size_t i = 0; i < ts->n; i++) {
		const struct sources_turn *t = &ts->v[i];
		char tm[32];

		fmt_time(tm, sizeof(tm), t->start_ms);
		fprintf(ctx->out, "%sS%lld:%lld", i ? "\n" : "", ts->source,
			t->ordinal);
		if (*tm)
			fprintf(ctx->out, "  [%s]", tm);
		if (t->speaker)
			fprintf(ctx->out, "  %s%s%s%s", out_text(&v1, t->speaker),
				*t->role ? " (" : "", out_text(&v2, t->role),
				*t->role ? ")" : "");
		if (*t->codes)
			fprintf(ctx->out, "  {%s}", out_text(&v1, t->codes));
		fputc('\n', ctx->out);
		/* the text, indented, line by line; on a terminal with its
		 * control characters shown */
		for (const char *p = out_text(&v1, t->text); *p;) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			fprintf(ctx->out, "    %.*s\n", (int)n, p);
			p += n + (nl ? 1 : 0);
		}
	}
	qc_buf_release(&v1);
	qc_buf_release(&v2);
}

int cmd_show(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct sources_turns_opts o = { NULL, 1, -1, 0, 0 };
	struct sources_turns ts;
	int rc = QC_OK;

	o.ref = a->pos[0];
	o.real_names = args_has(a, "--real-names");
	o.redacted = args_has(a, "--redacted");
	if (args_get(a, "--from"))
		o.from = atoll(args_get(a, "--from"));
	if (args_get(a, "--to"))
		o.to = atoll(args_get(a, "--to"));
	if (o.redacted && o.real_names)
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--redacted and"
				" --real-names exclude each other");
	else if (o.to >= 0 && o.to < o.from)
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--to %lld is before"
				" --from %lld", o.to, o.from);
	else if (args_get(a, "--version") && o.redacted)
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--redacted shows today's"
				" text only, not --version");
	else if ((rc = args_get(a, "--version") ?
		  revise_version_turns(ctx->store, &o,
				       atoll(args_get(a, "--version")), &ts,
				       &ctx->err) :
		  sources_turns(ctx->store, &o, &ts, &ctx->err)) == 0) {
		if (ctx->json)
			show_json(ctx, &ts);
		else
			show_text(ctx, &ts);
		sources_turns_release(&ts);
	}
	return rc < 0 ? rc : 0;
}

/* ---- source set / rm ---- */

/* {"what": "S3"} in JSON, else "what S3" and the rest of the sentence. */
static void say_source(struct qc_ctx *ctx, const char *what, long long sid,
		       const char *rest)
{
	char ref[32];

	snprintf(ref, sizeof(ref), "S%lld", sid);
	if (ctx->json)
		out_json_result(ctx->out, what, ref, NULL, NULL, 0);
	else
		fprintf(ctx->out, "%s %s%s\n", what, ref, rest);
}

int cmd_source_set(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct sources_change c;
	long long sid;
	int rc;

	c.title = args_get(a, "--title");
	c.date = args_get(a, "--date");
	c.kind = args_get(a, "--kind");
	c.attrs = args_all(a, "--attr", &c.nattrs);
	/* --meeting alone links the source, with the rest it changes too */
	if (args_get(a, "--meeting") && !c.title && !c.date && !c.kind &&
	    !c.nattrs)
		rc = sources_find(ctx->store, a->pos[0], &sid, &ctx->err);
	else
		rc = sources_set(ctx->store, a->pos[0], &c, &sid, &ctx->err);
	if (rc == 0 && args_get(a, "--meeting"))
		rc = cycle_source_meeting(ctx->store, sid, args_get(a,
					  "--meeting"), &ctx->err);
	if (rc == 0)
		say_source(ctx, "updated", sid, "");
	free((void *)c.attrs);
	return rc < 0 ? rc : 0;
}

int cmd_source_rm(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long sid;
	int rc;

	rc = sources_remove(ctx->store, a->pos[0], args_has(a, "--purge"), &sid,
			    &ctx->err);
	if (rc == 0)
		say_source(ctx, "removed", sid, " and its segments and codings");
	return rc < 0 ? rc : 0;
}

/* ---- participants ---- */

int cmd_participants(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col cols[] = {
		{ "source", NULL, OUT_REF, 0 }, { "speaker", NULL, OUT_TEXT, 0 },
		{ "role", NULL, OUT_TEXT, 0 }, { "pseudonym", NULL, OUT_TEXT, 0 },
		{ "turns", NULL, OUT_INT, 0 }, { "words", NULL, OUT_INT, 0 } };
	struct sources_participants_opts o;
	struct sources_participants ps;
	struct out_rows t;
	int rc;

	o.ref = a->npos ? a->pos[0] : NULL;
	o.real_names = args_has(a, "--real-names");
	if ((rc = sources_participants(ctx->store, &o, &ps, &ctx->err)) < 0)
		return rc;
	out_rows_init(&t, cols, 6);
	t.empty = "no participants\n";
	for (size_t i = 0; i < ps.n; i++) {
		const struct sources_participant *p = &ps.v[i];
		out_rows_ref(&t, p->source, -1);
		out_rows_text(&t, p->speaker);
		out_rows_text(&t, p->role);
		out_rows_text(&t, p->pseudonym);
		out_rows_int(&t, p->turns);
		out_rows_int(&t, p->words);
	}
	out_rows_print(&t, ctx->out, args_format(ctx, a));
	out_rows_release(&t);
	sources_participants_release(&ps);
	return QC_OK;
}

int cmd_participant_set(struct qc_ctx *ctx, const struct qc_args *a)
{
	int rc, changed;

	rc = sources_participant_set(ctx->store, a->pos[0], a->pos[1],
				     args_get(a, "--role"),
				     args_get(a, "--pseudonym"), &changed,
				     &ctx->err);
	if (rc == 0 && ctx->json)
		out_json_result(ctx->out, NULL, NULL, (const char *const[]){ "updated" },
			      (long long[]){ changed }, 1);
	else if (rc == 0)
		fprintf(ctx->out, "updated %d participant\n", changed);
	return rc < 0 ? rc : 0;
}
