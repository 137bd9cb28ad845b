/*
 * cli: the one command table and what every command receives. The same
 * table serves `qcode CMD ARGS`, the REPL, scripts, help and completion.
 * Only the cli layer (src/cli.c, src/cmd_*.c, src/out.c) prints.
 */
#ifndef QCODE_CLI_H
#define QCODE_CLI_H

#include <stdio.h>

#include "qcode/filter.h"
#include "qcode/store.h"
#include "qcode/util.h"

#define QCODE_VERSION "0.1.0"

struct qc_ctx {
	const char *project;	/* project path: -p, QCODE_PROJECT or qcode.db */
	struct store *store;	/* opened by the dispatcher for QC_NEEDS_PROJECT */
	FILE *out;		/* where results go (stdout) */
	int json;		/* --json: print one JSON document */
	int color;		/* stdout is a terminal and NO_COLOR is unset */
	int repl;		/* running at the qcode> prompt */
	const struct qc_cmd *cmd;	/* the command being run */
	struct qc_err err;	/* set by a failing command; cli prints it */
};

enum qc_cmd_flags {
	QC_NEEDS_PROJECT = 1 << 0,	/* open the project before run */
	QC_WRITES = 1 << 1,	/* run inside one transaction (with NEEDS_PROJECT) */
	QC_NO_HISTORY = 1 << 2,	/* the line may hold personal data */
	QC_MAY_WRITE = 1 << 3,	/* writes in transactions of its own: the
				 * project is opened read-write; without this
				 * or QC_WRITES it is opened read-only */
};

struct qc_cmd {
	const char *name;	/* one or two words: "info", "code add" */
	const char *usage;	/* arguments after the name */
	const char *summary;	/* one line for `help` */
	int min_args, max_args;	/* positional arguments; -1 = no limit */
	unsigned flags;		/* enum qc_cmd_flags */
	/* argv[0] is the command name; options are still in argv. Returns an
	 * exit code (enum qc_exit); on failure ctx->err says why. */
	int (*run)(struct qc_ctx *ctx, int argc, char **argv);
};

/* The table, ended by an entry whose name is NULL (src/commands.c). */
extern const struct qc_cmd qc_commands[];

/*
 * Options of one command line. args_parse() splits argv[1..] into
 * positional arguments and options: `flags` lists options without a value,
 * `valued` those with one (as "--kind K" or "--kind=K"; may repeat); both
 * NULL-terminated. An unknown option is a usage error naming it.
 */
struct qc_args {
	int npos;		/* positional arguments */
	char **pos;		/* point into argv */
	int nopt;
	struct qc_opt_val {
		const char *name;	/* "--kind" */
		const char *value;	/* NULL for a flag */
	} *opts;
};

int args_parse(int argc, char **argv, const char *const *flags,
	       const char *const *valued, struct qc_args *a, struct qc_err *e);
void args_release(struct qc_args *a);
/* The last value given for name, or NULL. */
const char *args_get(const struct qc_args *a, const char *name);
/* True if the flag or option was given. */
int args_has(const struct qc_args *a, const char *name);
/* Every value of a repeatable option, in order: *n of them; the array is
 * newly allocated (caller frees the array, not the strings). */
const char **args_all(const struct qc_args *a, const char *name, int *n);
/* The filter options (--kind, --source, --speaker, --role, --attr,
 * --coded, --not-coded, --coder, --since, --until) as one filter; their
 * values point into a, f->attrs is newly allocated (caller frees it). */
void args_filter(const struct qc_args *a, struct filter *f);
/* The valued filter options, in the parts of FILTER_USAGE (filter.h):
 * those that select sources and turns; with --coder, for the commands
 * that read codings (coded, freq, cooc); ARGS_FILTER: all, for search. */
#define ARGS_FILTER_SOURCES "--kind", "--source", "--since", "--until"
#define ARGS_FILTER_TURNS "--speaker", "--role", "--attr"
#define ARGS_FILTER_CODINGS ARGS_FILTER_SOURCES, ARGS_FILTER_TURNS, "--coder"
#define ARGS_FILTER ARGS_FILTER_CODINGS, "--coded", "--not-coded"

/*
 * args_parse() for the running command, then check the number of positional
 * arguments against its table entry. On failure fills ctx->err with a usage
 * error and returns -QC_EUSAGE (the caller returns QC_EUSAGE).
 */
int cli_args(struct qc_ctx *ctx, int argc, char **argv,
	     const char *const *flags, const char *const *valued,
	     struct qc_args *a);

/*
 * Check command-line words before a command sees them: each must be valid
 * UTF-8 without control characters other than tab and newline. Returns 0,
 * or -QC_EDATA with e naming the word ("argument N", counted from 1).
 */
int cli_check_args(int argc, char **argv, struct qc_err *e);

/* Run one command line (argv[0] is the command name). Returns exit code. */
int cli_dispatch(struct qc_ctx *ctx, int argc, char **argv);

/* Split a line like a shell: quotes, backslashes, # comments. Returns argc
 * (0 for a blank line) or -1 with e set; *argv is NULL-terminated and
 * newly allocated, freed with cli_free_words(). */
int cli_split_line(const char *line, char ***argv, struct qc_err *e);
void cli_free_words(char **argv);

/* Usage error for the current command: prints nothing, fills ctx->err. */
int cli_usage(struct qc_ctx *ctx, const char *cmd);

#endif
