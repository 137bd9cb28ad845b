/* repl: the qcode> prompt with libedit, and scripts run line by line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <editline/readline.h>

#include "qcode/codebook.h"
#include "qcode/cycle.h"
#include "qcode/outfile.h"
#include "qcode/progress.h"
#include "qcode/repl.h"
#include "qcode/sources.h"

static struct qc_ctx *complete_ctx;	/* the REPL's context, for completion */
static char **complete_words;		/* candidates of the current completion */
static size_t complete_n, complete_cap;

static void cand_add(const char *w)
{
	for (size_t i = 0; i < complete_n; i++)
		if (strcmp(complete_words[i], w) == 0)
			return;
	if (complete_n + 1 >= complete_cap) {
		complete_cap = complete_cap ? complete_cap * 2 : 64;
		complete_words = xreallocarray(complete_words, complete_cap,
					       sizeof(char *));
	}
	complete_words[complete_n++] = xstrdup(w);
}

static void cand_clear(void)
{
	for (size_t i = 0; i < complete_n; i++)
		free(complete_words[i]);
	complete_n = 0;
}

/* Code short ids and source ids, from the open project. */
static void cand_from_project(void)
{
	struct qc_ctx *ctx = complete_ctx;
	struct codebook cb;
	char **ids;
	size_t n;

	if (!ctx->store && access(ctx->project, R_OK) == 0 &&
	    store_open(ctx->project, &ctx->store, NULL) < 0)
		ctx->store = NULL;
	if (!ctx->store)
		return;
	if (codebook_read(ctx->store, &cb, NULL) == 0)
		for (size_t i = 0; i < cb.n; i++)
			if (cb.codes[i].id)
				cand_add(cb.codes[i].id);
	codebook_release(&cb);
	n = sources_ids(ctx->store, &ids);
	for (size_t i = 0; i < n; i++) {
		cand_add(ids[i]);
		free(ids[i]);
	}
	free(ids);
	/* meetings and actions: M1, A1 */
	n = cycle_ids(ctx->store, &ids);
	for (size_t i = 0; i < n; i++) {
		cand_add(ids[i]);
		free(ids[i]);
	}
	free(ids);
}

static char *complete_gen(const char *text, int state)
{
	static size_t next;
	size_t n = strlen(text);

	if (state == 0)
		next = 0;
	while (next < complete_n) {
		const char *w = complete_words[next++];
		if (strncmp(w, text, n) == 0)
			return strdup(w);	/* libedit frees with free() */
	}
	return NULL;
}

/* The option that the word before the cursor is, in c's entry (NULL
 * when it is none, or takes no value). */
static const struct qc_opt *value_opt(const struct qc_cmd *c, int argc,
				      char **words)
{
	const char *last = words[argc - 1];
	const struct qc_opt *o;

	if (!c || last[0] != '-' || strchr(last, '='))
		return NULL;
	o = cli_opt_find(c->opts, last, strlen(last));
	return o && o->arg ? o : NULL;
}

/* Does the word at the cursor name a file: the value of an option like
 * -o FILE.pdf, or a positional argument of a command that takes files
 * (import FILE|DIR..., merge OTHER.db)? */
static int file_wanted(int argc, char **words)
{
	int w;
	const struct qc_cmd *c = cli_lookup(argc, words, &w, NULL);
	const struct qc_opt *o = value_opt(c, argc, words);

	if (o)
		return cli_arg_is_file(o->arg);
	return c && argc >= w &&
	       cli_arg_is_file(c->args);
}

/* The value choices of the option before the cursor ("--lang nl|en")
 * as candidates; 0 when it has none (then codes and sources are offered,
 * as for --parent P). */
static int value_choices(int argc, char **words)
{
	int w;
	const struct qc_cmd *c = cli_lookup(argc, words, &w, NULL);
	const struct qc_opt *o = value_opt(c, argc, words);

	if (!o || !strchr(o->arg, '|') ||
	    strpbrk(o->arg, "ABCDEFGHIJKLMNOPQRSTUVWXYZ\""))
		return 0;	/* a code, a source: the project's names */
	{
		for (const char *p = o->arg; *p;) {
			size_t n = strcspn(p, "|");
			char *v = xstrndup(p, n);
			cand_add(v);
			free(v);
			p += n + (p[n] == '|');
		}
	}
	return 1;
}

/* The candidates for text, which starts at start in line; 1 when the
 * word is a file's path (the caller completes it from the disk). */
static int collect(const char *line, int start, const char *text)
{
	char **words = NULL;
	int argc;
	char *before = xstrndup(line, (size_t)start);

	cand_clear();
	argc = cli_split_line(before, &words, NULL);
	if (argc <= 0) {
		/* the command's first word */
		for (const struct qc_cmd *c = qc_commands; c->name; c++) {
			char *w = xstrndup(c->name, strcspn(c->name, " "));
			cand_add(w);
			free(w);
		}
	} else if (text[0] == '-') {
		/* the options the command's entry declares */
		int w;
		const struct qc_cmd *c = cli_lookup(argc, words, &w, NULL);
		for (const struct qc_opt *o = c ? c->opts : NULL; o && o->name; o++) {
			cand_add(o->name);
			if (o->alias)
				cand_add(o->alias);
		}
		cand_add("--json");
		cand_add("--help");
	} else if (file_wanted(argc, words)) {
		/* an argument or option value that is a file: its path */
		cli_free_words(words);
		free(before);
		return 1;
	} else if (value_choices(argc, words)) {
		/* an option whose value is one of a few words (nl|en) */
	} else {
		/* second word of two-word commands, then project names */
		size_t n0 = strlen(words[0]);
		int sub = 0;
		if (argc == 1)
			for (const struct qc_cmd *c = qc_commands; c->name; c++)
				if (strncmp(c->name, words[0], n0) == 0 &&
				    c->name[n0] == ' ') {
					cand_add(c->name + n0 + 1);
					sub = 1;
				}
		if (!sub && strcmp(words[0], "help") == 0)
			for (const struct qc_cmd *c = qc_commands; c->name; c++)
				cand_add(c->name);
		/* an action's status: the steps of the cycle */
		if (!sub && argc > 1 && !strcmp(words[argc - 1], "--status")) {
			static const char *const st[] = { "planned", "trying",
				"evaluated", "adopted", "dropped" };
			for (size_t i = 0; i < 5; i++)
				cand_add(st[i]);
			sub = 1;
		}
		if (!sub)
			cand_from_project();
	}
	cli_free_words(words);
	free(before);
	return 0;
}

static char **complete(const char *text, int start, int end)
{
	int file = collect(rl_line_buffer, start, text);

	(void)end;
	rl_attempted_completion_over = 1;
	return rl_completion_matches(text, file ?
		rl_filename_completion_function : complete_gen);
}

size_t repl_complete(struct qc_ctx *ctx, const char *line, char ***out)
{
	size_t start = strlen(line), n = 0, len;
	const char *text;

	/* the word being typed: from the last blank on */
	while (start > 0 && line[start - 1] != ' ' && line[start - 1] != '\t')
		start--;
	text = line + start;
	len = strlen(text);
	complete_ctx = ctx;
	collect(line, (int)start, text);
	*out = xcalloc(complete_n + 1, sizeof(char *));
	for (size_t i = 0; i < complete_n; i++)
		if (strncmp(complete_words[i], text, len) == 0)
			(*out)[n++] = xstrdup(complete_words[i]);
	cand_clear();
	free(complete_words);
	complete_words = NULL;
	complete_cap = 0;
	return n;
}

static char *history_path(void)
{
	const char *p = getenv("QCODE_HISTORY"), *home = getenv("HOME");

	if (p && *p)
		return xstrdup(p);
	if (!home || !*home)
		return NULL;
	return xasprintf("%s/.qcode_history", home);
}

/* History read only from a regular file: a FIFO planted there would block. */
static void history_load(const char *hist)
{
	struct qc_err e = QC_ERR_INIT;
	int fd = qc_open_regular(hist, &e);

	if (fd >= 0) {
		close(fd);
		read_history(hist);
	}
	qc_err_release(&e);
}

/*
 * Saved like any output (outfile.h): libedit writes a private temporary
 * that replaces the file, so a link planted at the history's name is never
 * written through. A history that cannot be saved is said once.
 */
static void history_save(const char *hist)
{
	static int warned;
	struct outfile of;
	struct qc_err e = QC_ERR_INIT;
	struct stat sb;

	/* /dev/null keeps none; a FIFO would block, a link is refused */
	if (lstat(hist, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		if (!S_ISCHR(sb.st_mode))
			qc_err_set(&e, QC_EIO, "cannot write '%s': not a "
				   "regular file", hist);
	} else if (outfile_open(&of, hist, OUTFILE_PRIVATE, &e) == 0) {
		if (write_history(of.tmp) != 0)
			outfile_fail(&of, errno ? errno : EIO);
		outfile_commit(&of, &e);
	}
	if (e.code != QC_OK && !warned) {
		fprintf(stderr, "qcode: history: %s\n", e.msg.buf);
		warned = 1;
	}
	qc_err_release(&e);
}

static void report(struct qc_ctx *ctx, int rc, const char *where)
{
	if (rc == QC_OK)
		return;
	if (where)
		fprintf(stderr, "qcode: %s: %s\n", where, ctx->err.msg.buf);
	else
		fprintf(stderr, "%s\n", ctx->err.msg.buf);
}

/* Did the line name a command whose arguments may hold personal data? */
static int keep_out_of_history(int argc, char **argv)
{
	for (const struct qc_cmd *c = qc_commands; c->name; c++) {
		const char *sp = strchr(c->name, ' ');
		size_t n = sp ? (size_t)(sp - c->name) : strlen(c->name);
		if ((c->flags & QC_NO_HISTORY) && argc >= 1 &&
		    strncmp(argv[0], c->name, n) == 0 && argv[0][n] == '\0')
			return 1;
	}
	return 0;
}

int repl_run(struct qc_ctx *ctx)
{
	char *hist = NULL;
	int rc = QC_OK, tty = isatty(STDIN_FILENO);

	ctx->repl = 1;
	complete_ctx = ctx;
	rl_readline_name = "qcode";
	rl_attempted_completion_function = complete;
	using_history();
	if (tty && (hist = history_path()) != NULL)
		history_load(hist);
	printf("qcode %s: type 'help' for commands, Ctrl-D to leave\n",
	       QCODE_VERSION);
	for (;;) {
		char *line = readline("qcode> ");
		char **argv = NULL;
		int argc;

		if (!line && progress_cancelled()) {
			/* Ctrl-C at the prompt: the line is dropped, the
			 * prompt stays (only Ctrl-D or quit leaves) */
			progress_reset();
			fputs("^C\n", stdout);
			continue;
		}
		if (!line) {
			putchar('\n');
			break;
		}
		argc = cli_split_line(line, &argv, &ctx->err);
		if (argc < 0) {
			report(ctx, QC_EUSAGE, NULL);
			free(line);
			continue;
		}
		if (argc > 0 && tty && !keep_out_of_history(argc, argv)) {
			add_history(line);
			if (hist)
				history_save(hist);
		}
		free(line);
		if (argc > 0 && (strcmp(argv[0], "quit") == 0 ||
				 strcmp(argv[0], "exit") == 0)) {
			cli_free_words(argv);
			break;
		}
		if (argc > 0) {
			rc = cli_dispatch(ctx, argc, argv);
			report(ctx, rc, NULL);
		}
		cli_free_words(argv);
	}
	cand_clear();
	free(complete_words);
	complete_words = NULL;
	complete_cap = 0;
	free(hist);
	return rc;
}

int repl_script(struct qc_ctx *ctx, FILE *f, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	int rc = QC_OK;

	while (getline(&line, &cap, f) >= 0) {
		char **argv = NULL;
		int argc;

		lineno++;
		argc = cli_split_line(line, &argv, &ctx->err);
		if (argc < 0) {
			rc = QC_EUSAGE;
		} else if (argc > 0) {
			rc = cli_dispatch(ctx, argc, argv);
		}
		cli_free_words(argv);
		if (rc != QC_OK) {
			char *where = xasprintf("%s:%ld", name, lineno);
			report(ctx, rc, where);
			free(where);
			break;
		}
	}
	free(line);
	return rc;
}
