/*
 * cli: the dispatcher that serves the command table to the command line,
 * the REPL and scripts; argument parsing; line splitting; completion.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <editline/readline.h>

#include "qcode/cli.h"
#include "qcode/progress.h"
#include "qcode/text.h"

/* ---- options ---- */

const struct qc_opt *cli_opt_find(const struct qc_opt *opts, const char *name,
				  size_t n)
{
	for (; opts && opts->name; opts++)
		if ((strlen(opts->name) == n && !strncmp(opts->name, name, n)) ||
		    (opts->alias && strlen(opts->alias) == n &&
		     !strncmp(opts->alias, name, n)))
			return opts;
	return NULL;
}

int args_parse(int argc, char **argv, const struct qc_opt *opts,
	       struct qc_args *a, struct qc_err *e)
{
	int only_pos = 0;

	memset(a, 0, sizeof(*a));
	a->decl = opts;
	a->pos = xcalloc((size_t)argc + 1, sizeof(char *));
	a->opts = xcalloc((size_t)argc + 1, sizeof(*a->opts));
	for (int i = 1; i < argc; i++) {
		char *arg = argv[i];

		if (only_pos || arg[0] != '-' || arg[1] == '\0' ||
		    (arg[1] >= '0' && arg[1] <= '9')) {
			a->pos[a->npos++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_pos = 1;
			continue;
		}
		const char *eq = strchr(arg, '=');
		size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
		const struct qc_opt *o = cli_opt_find(opts, arg, n);
		if (o && !o->arg && !eq) {
			a->opts[a->nopt].name = arg;
			a->opts[a->nopt++].value = NULL;
		} else if (o && o->arg) {
			const char *v;
			if (eq) {
				v = eq + 1;
			} else if (i + 1 < argc) {
				v = argv[++i];
			} else {
				args_release(a);
				return qc_err_set(e, QC_EUSAGE,
						  "option '%s' needs a value", arg);
			}
			a->opts[a->nopt].name = arg;
			/* name may be "--kind=K": lookups stop at '=' */
			a->opts[a->nopt++].value = v;
		} else {
			args_release(a);
			return qc_err_set(e, QC_EUSAGE, "unknown option '%.*s'",
					  (int)n, arg);
		}
	}
	return 0;
}

void args_release(struct qc_args *a)
{
	free(a->pos);
	free(a->opts);
	memset(a, 0, sizeof(*a));
}

/* Is option i the named one? Names given as "--kind=K" stop at '='. */
static int opt_is(const struct qc_args *a, int i, const char *name)
{
	size_t n = strlen(name);

	return strncmp(a->opts[i].name, name, n) == 0 &&
	       (a->opts[i].name[n] == '\0' || a->opts[i].name[n] == '=');
}

const char *args_get(const struct qc_args *a, const char *name)
{
	const char *v = NULL;

	for (int i = 0; i < a->nopt; i++)
		if (opt_is(a, i, name))
			v = a->opts[i].value;
	return v;
}

int args_has(const struct qc_args *a, const char *name)
{
	for (int i = 0; i < a->nopt; i++)
		if (opt_is(a, i, name))
			return 1;
	return 0;
}

enum out_format args_format(const struct qc_ctx *ctx, const struct qc_args *a)
{
	if (ctx->json)
		return OUT_FMT_JSON;
	if (args_has(a, "--csv"))
		return OUT_FMT_CSV;
	return args_has(a, "--tsv") ? OUT_FMT_TSV : OUT_FMT_TABLE;
}

const char **args_all(const struct qc_args *a, const char *name, int *n)
{
	const char **v = xcalloc((size_t)a->nopt + 1, sizeof(char *));

	*n = 0;
	for (int i = 0; i < a->nopt; i++)
		if (opt_is(a, i, name) && a->opts[i].value)
			v[(*n)++] = a->opts[i].value;
	return v;
}

void args_filter(const struct qc_args *a, struct filter *f)
{
	memset(f, 0, sizeof(*f));
	f->kind = args_get(a, "--kind");
	f->sources = args_get(a, "--source");
	f->speaker = args_get(a, "--speaker");
	f->role = args_get(a, "--role");
	f->attrs = args_all(a, "--attr", &f->nattrs);
	/* --where values follow --attr's in the same array (room for every
	 * option), so freeing attrs frees both */
	f->where = f->attrs + f->nattrs;
	for (int i = 0; i < a->nopt; i++)
		if (opt_is(a, i, "--where") && a->opts[i].value)
			f->where[f->nwhere++] = a->opts[i].value;
	f->coded = args_get(a, "--coded");
	f->not_coded = args_get(a, "--not-coded");
	f->coder = args_get(a, "--coder");
	f->since = args_get(a, "--since");
	f->until = args_get(a, "--until");
}

void cli_usage_line(const struct qc_cmd *c, struct qc_buf *b)
{
	qc_buf_adds(b, c->name);
	if (c->args && *c->args)
		qc_buf_addf(b, " %s", c->args);
	for (const struct qc_opt *o = c->opts; o && o->name; o++) {
		int bare = (o->flags & QC_OPT_NEEDED) != 0;
		const struct qc_opt *next = o + 1;

		if (o->flags & QC_OPT_OR)
			qc_buf_addch(b, '|');
		else
			qc_buf_adds(b, bare ? " " : " [");
		qc_buf_adds(b, o->name);
		if (o->arg)
			qc_buf_addf(b, " %s", o->arg);
		if (next->name && (next->flags & QC_OPT_OR))
			continue;
		/* the group ends: its first option says how it is shown */
		const struct qc_opt *first = o;
		while (first > c->opts && (first->flags & QC_OPT_OR))
			first--;
		if (!(first->flags & QC_OPT_NEEDED))
			qc_buf_addch(b, ']');
		if (o->flags & QC_OPT_MANY)
			qc_buf_adds(b, "...");
	}
}

void cli_print_help(FILE *f, const struct qc_cmd *c)
{
	cli_help_write(f, c, 0);
}

int cli_usage(struct qc_ctx *ctx, const char *cmd)
{
	struct qc_buf u = QC_BUF_INIT;

	for (const struct qc_cmd *c = qc_commands; c->name; c++)
		if (strcmp(c->name, cmd) == 0) {
			cli_usage_line(c, &u);
			qc_err_set(&ctx->err, QC_EUSAGE, "usage: %s", u.buf);
			qc_buf_release(&u);
			return -QC_EUSAGE;
		}
	return qc_err_set(&ctx->err, QC_EUSAGE, "usage: %s", cmd);
}

/*
 * What each type of value must be: one rule per type, checked before any
 * command reads the value.
 */
static const struct val_rule {
	long long min, max;	/* whole numbers: the range, inclusive */
} val_rules[] = {
	[QC_VAL_SEGMENT] = { 1, 1000000000 },
	[QC_VAL_COUNT] = { 0, 1000000 },
};

static int check_value(const char *name, size_t n, enum qc_opt_type type,
		       const char *v, struct qc_err *e)
{
	long long num;
	double r;
	char col[8];

	switch (type) {
	case QC_VAL_TEXT:
		break;
	case QC_VAL_SEGMENT:
	case QC_VAL_COUNT:
		if (qc_parse_int(v, val_rules[type].min, val_rules[type].max,
				 &num) < 0)
			return qc_err_set(e, QC_EUSAGE, "%.*s takes a whole number "
					  "from %lld to %lld, not '%s'", (int)n,
					  name, val_rules[type].min,
					  val_rules[type].max, v);
		break;
	case QC_VAL_LEVEL:
		/* a confidence level: strictly between 0 and 1 */
		if (qc_parse_real(v, 0, 1, &r) < 0 || r <= 0 || r >= 1)
			return qc_err_set(e, QC_EUSAGE, "%.*s is a level between 0"
					  " and 1, like 0.95, not '%s'", (int)n,
					  name, v);
		break;
	case QC_VAL_DATE:
	case QC_VAL_DATE_PART:
		if (!qc_date_valid(v, type == QC_VAL_DATE_PART))
			return qc_err_set(e, QC_EUSAGE, "%.*s '%s' is not a date "
					  "(%s)", (int)n, name, v,
					  type == QC_VAL_DATE ? "YYYY-MM-DD" :
					  "YYYY-MM-DD, YYYY-MM or YYYY");
		break;
	case QC_VAL_COLOUR:
		if (qc_colour_parse(v, col) < 0)
			return qc_err_set(e, QC_EUSAGE, "%.*s '%s' is not a colour"
					  " (#rgb or #rrggbb)", (int)n, name, v);
		break;
	}
	return 0;
}

static int check_typed(const struct qc_args *a, struct qc_err *e)
{
	for (int i = 0; i < a->nopt; i++) {
		const char *name = a->opts[i].name;
		size_t n = strcspn(name, "=");
		const struct qc_opt *o = cli_opt_find(a->decl, name, n);

		/* "M2" where a meeting may stand for a date */
		if (a->opts[i].value && o->flags & QC_OPT_MEETING &&
		    (a->opts[i].value[0] == 'M' || a->opts[i].value[0] == 'm'))
			continue;
		if (a->opts[i].value &&
		    check_value(name, n, o->type, a->opts[i].value, e) < 0)
			return -QC_EUSAGE;
	}
	return 0;
}

int cli_args(const struct qc_cmd *c, int argc, char **argv, struct qc_args *a,
	     struct qc_err *e)
{
	const char *what = NULL;
	struct qc_buf u = QC_BUF_INIT;

	if (args_parse(argc, argv, c->opts, a, e) < 0) {
		cli_usage_line(c, &u);
		qc_buf_addf(&e->msg, " (usage: %s)", u.buf);
		qc_buf_release(&u);
		return -QC_EUSAGE;
	}
	if (check_typed(a, e) < 0) {
		args_release(a);
		return -QC_EUSAGE;
	}
	if (a->npos < c->min_args)
		what = "missing arguments";
	else if (c->max_args >= 0 && a->npos > c->max_args)
		what = "too many arguments";
	if (!what)
		return 0;
	args_release(a);
	cli_usage_line(c, &u);
	qc_err_set(e, QC_EUSAGE, "%s (usage: %s)", what, u.buf);
	qc_buf_release(&u);
	return -QC_EUSAGE;
}

/* ---- line splitting ---- */

int cli_split_line(const char *line, char ***argv, struct qc_err *e)
{
	size_t cap = 8;
	int argc = 0;
	char **v = xcalloc(cap, sizeof(char *));
	const char *p = line;

	for (;;) {
		struct qc_buf w = QC_BUF_INIT;
		int have = 0;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			break;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
			have = 1;
			if (*p == '\'') {
				const char *end = strchr(p + 1, '\'');
				if (!end)
					goto unbalanced;
				qc_buf_add(&w, p + 1, (size_t)(end - p - 1));
				p = end + 1;
			} else if (*p == '"') {
				p++;
				while (*p && *p != '"') {
					if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
						p++;
					qc_buf_addch(&w, *p++);
				}
				if (*p != '"')
					goto unbalanced;
				p++;
			} else if (*p == '\\' && p[1]) {
				qc_buf_addch(&w, p[1]);
				p += 2;
			} else {
				qc_buf_addch(&w, *p++);
			}
		}
		if (have) {
			if ((size_t)argc + 2 > cap) {
				cap *= 2;
				v = xreallocarray(v, cap, sizeof(char *));
			}
			v[argc++] = qc_buf_detach(&w, NULL);
		}
		continue;
unbalanced:
		qc_buf_release(&w);
		cli_free_words(v);
		*argv = NULL;
		return qc_err_set(e, QC_EUSAGE, "unbalanced quote");
	}
	v[argc] = NULL;
	*argv = v;
	return argc;
}

void cli_free_words(char **argv)
{
	if (!argv)
		return;
	for (char **p = argv; *p; p++)
		free(*p);
	free(argv);
}

/* ---- lookup and dispatch ---- */

static int name_words(const char *name)
{
	return strchr(name, ' ') ? 2 : 1;
}

/* Does entry c match argv's first words exactly? */
static int matches(const struct qc_cmd *c, int argc, char **argv)
{
	const char *sp = strchr(c->name, ' ');

	if (!sp)
		return strcmp(c->name, argv[0]) == 0;
	return argc >= 2 && strlen(argv[0]) == (size_t)(sp - c->name) &&
	       strncmp(c->name, argv[0], (size_t)(sp - c->name)) == 0 &&
	       strcmp(sp + 1, argv[1]) == 0;
}

const struct qc_cmd *cli_lookup(int argc, char **argv, int *words,
				struct qc_err *e)
{
	const struct qc_cmd *one = NULL;
	int group = 0, nmatch = 0;
	size_t n = strlen(argv[0]);
	char *first = NULL;

	for (const struct qc_cmd *c = qc_commands; c->name; c++) {
		if (!matches(c, argc, argv))
			continue;
		if (name_words(c->name) == 2) {
			*words = 2;
			return c;
		}
		one = c;
	}
	if (one) {
		*words = 1;
		return one;
	}
	/* Is argv[0] the first word of two-word commands ("code")? */
	for (const struct qc_cmd *c = qc_commands; c->name; c++)
		if (name_words(c->name) == 2 && strncmp(c->name, argv[0], n) == 0 &&
		    c->name[n] == ' ')
			group = 1;
	if (group) {
		struct qc_buf list = QC_BUF_INIT;
		for (const struct qc_cmd *c = qc_commands; c->name; c++)
			if (strncmp(c->name, argv[0], n) == 0 && c->name[n] == ' ')
				qc_buf_addf(&list, "%s%s", list.len ? ", " : "",
					    c->name + n + 1);
		if (argc >= 2)
			qc_err_set(e, QC_EUSAGE,
				   "%s: unknown subcommand '%s' (one of: %s)",
				   argv[0], argv[1], list.buf);
		else
			qc_err_set(e, QC_EUSAGE, "%s: which one? (one of: %s)",
				   argv[0], list.buf);
		qc_buf_release(&list);
		return NULL;
	}
	/* A unique prefix of a first word. */
	struct qc_buf cands = QC_BUF_INIT;
	for (const struct qc_cmd *c = qc_commands; c->name; c++) {
		size_t fl = strcspn(c->name, " ");
		if (fl < n || strncmp(c->name, argv[0], n) != 0)
			continue;
		if (first && strlen(first) == fl && strncmp(first, c->name, fl) == 0)
			continue;	/* another "code ..." of the same word */
		nmatch++;
		free(first);
		first = xstrndup(c->name, fl);
		qc_buf_addf(&cands, "%s%s", cands.len ? ", " : "", first);
	}
	if (nmatch == 1) {
		char **copy = xcalloc((size_t)argc + 1, sizeof(char *));
		memcpy(copy, argv, (size_t)argc * sizeof(char *));
		copy[0] = first;
		const struct qc_cmd *c = cli_lookup(argc, copy, words, e);
		free(copy);
		free(first);
		qc_buf_release(&cands);
		return c;
	}
	free(first);
	if (nmatch > 1)
		qc_err_set(e, QC_EUSAGE, "ambiguous command '%s' (%s)", argv[0],
			   cands.buf);
	else
		qc_err_set(e, QC_EUSAGE,
			   "unknown command '%s' (try 'help')", argv[0]);
	qc_buf_release(&cands);
	return NULL;
}

/*
 * Is this argument text the project may store and print? Valid UTF-8,
 * without control characters (C0 other than tab and newline, DEL, C1):
 * they would end up in JSON, REFI-QDA files and on terminals. Returns 0,
 * or -QC_EDATA with e saying what is wrong with argument number n.
 */
static int arg_check(const char *s, int n, struct qc_err *e)
{
	size_t len = strlen(s), i = 0;

	if (text_utf8_invalid_at(s, len) != (size_t)-1)
		return qc_err_set(e, QC_EDATA, "argument %d is not valid UTF-8",
				  n);
	while (i < len) {
		int32_t cp = text_utf8_next(s, len, &i);
		if ((cp < 0x20 && cp != '\t' && cp != '\n') ||
		    (cp >= 0x7f && cp <= 0x9f))
			return qc_err_set(e, QC_EDATA, "argument %d contains a "
					  "control character (U+%04X)", n,
					  (unsigned)cp);
	}
	return 0;
}

int cli_check_args(int argc, char **argv, struct qc_err *e)
{
	for (int i = 0; i < argc; i++)
		if (arg_check(argv[i], i + 1, e) < 0)
			return -QC_EDATA;
	return 0;
}

int cli_dispatch(struct qc_ctx *ctx, int argc, char **argv)
{
	const struct qc_cmd *c;
	char **v;
	int words = 1, n = 0, rc;

	qc_err_clear(&ctx->err);
	progress_reset();
	if (argc < 1)
		return QC_OK;
	/* the name first, so that no message repeats bad bytes */
	if (cli_check_args(1, argv, &ctx->err) < 0)
		return QC_EDATA;
	c = cli_lookup(argc, argv, &words, &ctx->err);
	if (!c)
		return QC_EUSAGE;
	/* every text a command receives, from the command line, the REPL
	 * or a script, is checked here once, before any command runs */
	if (cli_check_args(argc - words, argv + words, &ctx->err) < 0) {
		qc_err_prefix(&ctx->err, "%s", c->name);
		return QC_EDATA;
	}
	/* argv for run: the name as one word, then the rest without the
	 * global --json, which any command takes. */
	v = xcalloc((size_t)argc + 1, sizeof(char *));
	v[n++] = (char *)c->name;
	int json = ctx->json, help = 0, dashdash = 0;
	int quiet = ctx->quiet, color = ctx->color;
	for (int i = words; i < argc; i++) {
		if (!dashdash && strcmp(argv[i], "--json") == 0)
			ctx->json = 1;
		else if (!dashdash && strcmp(argv[i], "--quiet") == 0)
			ctx->quiet = 1;
		else if (!dashdash && strcmp(argv[i], "--no-color") == 0)
			ctx->color = 0;
		else if (!dashdash && strcmp(argv[i], "--help") == 0)
			help = 1;
		else {
			if (strcmp(argv[i], "--") == 0)
				dashdash = 1;
			v[n++] = argv[i];
		}
	}
	if (help) {
		cli_print_help(ctx->out, c);
		ctx->json = json;
		ctx->quiet = quiet;
		ctx->color = color;
		free(v);
		return QC_OK;
	}
	/* a progress line only for a person watching, never inside JSON */
	progress_setup(!ctx->quiet && !ctx->json && isatty(STDERR_FILENO));
	ctx->cmd = c;
	/* commands that only read can read a project on a read-only
	 * mount; one that writes (or opens the project itself) does not
	 * inherit a read-only store from an earlier REPL line */
	int writes = (c->flags & (QC_WRITES | QC_MAY_WRITE)) != 0;
	if (ctx->store && ctx->store->readonly &&
	    (writes || !(c->flags & QC_NEEDS_PROJECT))) {
		store_close(ctx->store);
		ctx->store = NULL;
	}
	if ((c->flags & QC_NEEDS_PROJECT) && !ctx->store) {
		if ((writes ? store_open(ctx->project, &ctx->store, &ctx->err) :
		     store_open_reading(ctx->project, &ctx->store,
					&ctx->err)) < 0) {
			rc = ctx->err.code;
			goto out;
		}
	}
	/* a purge that was cut short is finished before anything else is
	 * written */
	if ((c->flags & QC_WRITES) &&
	    store_wipe_pending(ctx->store, &ctx->err) < 0) {
		rc = ctx->err.code;
		goto out;
	}
	if ((c->flags & QC_WRITES) && store_begin(ctx->store, &ctx->err) < 0) {
		rc = ctx->err.code;
		goto out;
	}
	/* What a writing command prints is held back until its transaction
	 * is committed: a full disk must not leave "added ..." on screen
	 * beside the error. */
	FILE *real_out = ctx->out, *held = NULL;
	char *held_buf = NULL;
	size_t held_len = 0;
	if ((c->flags & QC_WRITES) &&
	    (held = open_memstream(&held_buf, &held_len)) != NULL)
		ctx->out = held;
	/* the options the entry declares, their values' types and the
	 * number of arguments: checked here, where the command used to */
	struct qc_args a;
	if (cli_args(c, n, v, &a, &ctx->err) < 0) {
		rc = QC_EUSAGE;
	} else {
		/* the one place where a command's negative code becomes an
		 * exit code */
		rc = -c->run(ctx, &a);
		args_release(&a);
	}
	/* Ctrl-C: whatever the command made of its interrupted statements,
	 * nothing of it is kept */
	if (progress_cancelled()) {
		rc = QC_ECANCEL;
		qc_err_set(&ctx->err, rc, "cancelled");
	}
	if (rc != QC_OK && ctx->err.code == QC_OK)
		qc_err_set(&ctx->err, rc, "failed");
	if (rc != QC_OK)
		qc_err_prefix(&ctx->err, "%s", c->name);
	if (c->flags & QC_WRITES) {
		if (rc == QC_OK) {
			if (store_commit(ctx->store, &ctx->err) < 0) {
				rc = ctx->err.code;
				qc_err_prefix(&ctx->err, "%s", c->name);
			}
		} else {
			store_rollback(ctx->store);
		}
	}
	if (held) {
		ctx->out = real_out;
		if (fclose(held) != 0 && rc == QC_OK)
			rc = -qc_err_set(&ctx->err, QC_EIO, "%s: cannot hold its"
					 " output: %s", c->name, strerror(errno));
		if (rc == QC_OK && held_len)
			fwrite(held_buf, 1, held_len, ctx->out);
		free(held_buf);
	}
out:
	if (fflush(ctx->out) != 0 && rc == QC_OK)
		rc = -qc_err_set(&ctx->err, QC_EIO, "cannot write output: %s",
				 strerror(errno));
	ctx->json = json;
	ctx->quiet = quiet;
	ctx->color = color;
	ctx->cmd = NULL;
	progress_reset();
	free(v);
	return rc;
}
