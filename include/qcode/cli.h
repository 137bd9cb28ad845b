/*
 * cli: the one command table and what every command receives. The same
 * table serves `qcode CMD ARGS`, the REPL, scripts, help and completion.
 * Only the cli layer (src/cli.c, src/cmd_*.c, src/out.c) prints.
 */
#ifndef QCODE_CLI_H
#define QCODE_CLI_H

#include <stdio.h>

#include "qcode/filter.h"
#include "qcode/out.h"
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
	int quiet;		/* --quiet: no progress lines */
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

/*
 * One option of a command, declared in its table entry (src/commands.c).
 * From these the dispatcher parses the command line, `help CMD` writes the
 * usage line and the option list, and the REPL completes option names; a
 * command reads only the options its entry declares.
 */
enum qc_opt_type {
	QC_VAL_TEXT,		/* any text */
	QC_VAL_SEGMENT,		/* a whole number from 1 (segment numbers) */
	QC_VAL_COUNT,		/* a whole number from 0 (lines, widths) */
	QC_VAL_LEVEL,		/* a confidence level between 0 and 1 */
	QC_VAL_DATE,		/* YYYY-MM-DD */
	QC_VAL_DATE_PART,	/* YYYY-MM-DD, YYYY-MM or YYYY */
	QC_VAL_COLOUR,		/* #rgb or #rrggbb */
};

enum qc_opt_flags {
	QC_OPT_MANY = 1 << 0,	/* may be given more than once: "[--kind K]..." */
	QC_OPT_OR = 1 << 1,	/* an alternative to the option before it:
				 * "[--tsv|--csv]" */
	QC_OPT_NEEDED = 1 << 2,	/* shown without brackets: the command needs
				 * it (or an alternative); the command itself
				 * says so when it is missing */
	QC_OPT_MEETING = 1 << 3,	/* a date that may also be a meeting
					 * (M2): the command reads which */
};

struct qc_opt {
	const char *name;	/* "--kind", "-o"; NULL ends the list */
	const char *arg;	/* the value in the usage line ("K"); NULL
				 * for an option without a value */
	const char *help;	/* one line for `help CMD` */
	const char *alias;	/* another spelling ("--output"), or NULL */
	unsigned flags;		/* enum qc_opt_flags */
	enum qc_opt_type type;	/* what the value must be, checked before
				 * the command runs */
};

struct qc_args;

struct qc_cmd {
	const char *name;	/* one or two words: "info", "code add" */
	const char *args;	/* positional arguments for the usage line */
	const char *summary;	/* one line for `help` */
	int min_args, max_args;	/* positional arguments; -1 = no limit */
	unsigned flags;		/* enum qc_cmd_flags */
	/* a holds the parsed command line. Returns 0, or on failure a
	 * negative code (-enum qc_exit) with ctx->err saying why, never
	 * naming the command: cli_dispatch() turns it into the exit code
	 * and puts "COMMAND: " before the message, once. */
	int (*run)(struct qc_ctx *ctx, const struct qc_args *a);
	const struct qc_opt *opts;	/* its options, ended by a NULL name;
					 * NULL: none */
};

/* The table, ended by an entry whose name is NULL (src/commands.c). */
extern const struct qc_cmd qc_commands[];

/*
 * A parsed command line. args_parse() splits argv[1..] into positional
 * arguments and the options `opts` declares (as "--kind K" or
 * "--kind=K"); an unknown option is a usage error naming it.
 */
struct qc_args {
	int npos;		/* positional arguments */
	char **pos;		/* point into argv */
	int nopt;
	struct qc_opt_val {
		const char *name;	/* "--kind" as given (may be "--kind=K") */
		const char *value;	/* NULL for a flag */
	} *opts;
	const struct qc_opt *decl;	/* the declared options */
};

int args_parse(int argc, char **argv, const struct qc_opt *opts,
	       struct qc_args *a, struct qc_err *e);
void args_release(struct qc_args *a);
/* Reading options: only declared ones can have been given, so a name the
 * entry does not declare reads as absent. */
/* The last value given for name, or NULL. */
const char *args_get(const struct qc_args *a, const char *name);
/* True if the flag or option was given. */
int args_has(const struct qc_args *a, const char *name);
/* Every value of a repeatable option, in order: *n of them;
 * the array is newly allocated (caller frees the array, not the strings). */
const char **args_all(const struct qc_args *a, const char *name, int *n);
/* The filter options (--kind, --source, --speaker,
 * --role, --attr, --coded, --not-coded, --coder, --since, --until) as one
 * filter; their values point into a, f->attrs is newly allocated (caller
 * frees it). */
void args_filter(const struct qc_args *a, struct filter *f);
/* How a command's rows are printed: JSON with --json, else CSV with
 * --csv, TSV with --tsv, else an aligned table. */
enum out_format args_format(const struct qc_ctx *ctx, const struct qc_args *a);

/* The option declared as name (or with name as its alias) in opts, or
 * NULL. */
const struct qc_opt *cli_opt_find(const struct qc_opt *opts, const char *name,
				  size_t n);

/*
 * The usage line of c made from its entry: "NAME ARGS [--opt V]...", as
 * `help`, --help and usage errors show it. Appended to b.
 */
void cli_usage_line(const struct qc_cmd *c, struct qc_buf *b);

/* `help CMD` for one command: the usage line, the summary and every
 * option with its help. */
void cli_print_help(FILE *f, const struct qc_cmd *c);

/*
 * The documents written from the table (src/cli_doc.c).
 * cli_help_write: one command's help, as `help CMD` prints it (man = 0)
 * or as its section of the manual page (man = 1), from the same walk.
 * cli_man_page: the whole manual page qcode.1 (troff).
 * cli_completion_script: the completion script for shell "bash" or
 * "zsh"; -QC_EUSAGE for another.
 * cli_arg_is_file: does an argument's or option value's name ("FILE",
 * "DIR", "OTHER.db|OTHER.qdpx") say it is a file? Completion then offers
 * file names.
 */
void cli_help_write(FILE *f, const struct qc_cmd *c, int man);
void cli_man_page(FILE *f);
int cli_completion_script(FILE *f, const char *shell, struct qc_err *e);
int cli_arg_is_file(const char *meta);

/*
 * Parse a command line for c (argv[0] is its name): the options it
 * declares, their values' types, the number of positional arguments.
 * On failure fills e with a usage error that shows the usage line and
 * returns -QC_EUSAGE; a is then released.
 */
int cli_args(const struct qc_cmd *c, int argc, char **argv, struct qc_args *a,
	     struct qc_err *e);

/*
 * The command argv names: an exact two-word name, then an exact one-word
 * name, then a unique prefix of the first word. *words is how many argv
 * words the name took. NULL with e set (e may be NULL) when none or
 * ambiguous.
 */
const struct qc_cmd *cli_lookup(int argc, char **argv, int *words,
				struct qc_err *e);

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

/* Usage error for the current command: prints nothing, fills ctx->err;
 * returns -QC_EUSAGE. */
int cli_usage(struct qc_ctx *ctx, const char *cmd);

#endif
