/*
 * repl: the interactive qcode> prompt (libedit) and the script runner,
 * both reading lines and handing them to cli_dispatch.
 */
#ifndef QCODE_REPL_H
#define QCODE_REPL_H

#include <stdio.h>

#include "qcode/cli.h"

/* The interactive loop until Ctrl-D or `quit`. Returns the exit code of
 * the last command. History is kept only when stdin is a terminal. */
int repl_run(struct qc_ctx *ctx);

/*
 * What the REPL offers for tab at the end of line: command names, the
 * command's options, the project's codes, sources (S1), meetings (M1)
 * and actions (A1), or the statuses after --status. *out gets the
 * candidates that start with the word being typed (caller frees each and
 * the array); returns their number.
 */
size_t repl_complete(struct qc_ctx *ctx, const char *line, char ***out);

/*
 * Run the commands of a script line by line; stop at the first error and
 * print "qcode: NAME:LINE: message". Returns the failing exit code or 0.
 */
int repl_script(struct qc_ctx *ctx, FILE *f, const char *name);

#endif
