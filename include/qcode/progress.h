/*
 * progress: long work said on standard error, and its cancellation.
 *
 * A module doing long work says so: progress_begin("importing", "files",
 * total), progress_step(done) as it goes, progress_end() when done. One
 * line on standard error is redrawn in place: what, items done / total,
 * the rate and the time left. It shows only when progress_setup() allowed
 * it (standard error is a terminal, no --quiet, no --json) and only once
 * the work has taken half a second; progress_end() wipes it. Work started
 * inside other work (a .qdpx among imported files) is not shown twice:
 * only the outermost line is drawn.
 *
 * Ctrl-C cancels. The signal only sets a flag (progress_cancelled);
 * every SQLite connection the project opens is watched (progress_watch),
 * so its next statement stops with SQLITE_INTERRUPT, progress_step
 * returns nonzero for loops that do no SQL, outfile_commit refuses to
 * put a file in place, and the dispatcher rolls back and says
 * "cancelled". A second Ctrl-C outside the REPL does not wait: it removes
 * the temporary files of this run (outfile) and exits 130; SQLite rolls
 * the open transaction back on the next open.
 */
#ifndef QCODE_PROGRESS_H
#define QCODE_PROGRESS_H

#include <sqlite3.h>

/* main: may lines be drawn (stderr a terminal, no --quiet, no --json)? */
void progress_setup(int show);

/* Catch SIGINT. repl: the REPL stays after a cancel (a second Ctrl-C
 * does not exit); else a second one exits 130 at once. */
void progress_catch(int repl);

/* The work what ("importing"), counting unit ("files", "MB"; may be
 * NULL) up to total (0: not known). Nested calls only count depth. */
void progress_begin(const char *what, const char *unit, long long total);
/* done items so far; redraws at most ten times a second. Returns 1 when
 * the command was cancelled (the caller stops), else 0. */
int progress_step(long long done);
/* The next item of the outer work is size units long: work begun
 * inside it (depth 2) moves the line through that stretch. */
void progress_item(long long size);
/* Wipe the line before writing something else on stderr; the next step
 * draws it again. */
void progress_clear(void);
/* The work is over: the line is wiped. */
void progress_end(void);

/* Was the running command cancelled by Ctrl-C? */
int progress_cancelled(void);
/* A command starts or ends: forget an earlier cancel, wipe a line left
 * by work that failed half-way. */
void progress_reset(void);
/* Stop db's statements when the command is cancelled. */
void progress_watch(sqlite3 *db);

#endif
