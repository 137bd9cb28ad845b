/*
 * outfile: every file qcode writes as output goes through here.
 *
 * The data goes to a temporary beside the target, made by mkstemp (mode
 * 0600 from its first byte, never through a link) and named
 * ".NAME.qcode-tmp-PID-XXXXXX" after the process that owns it. Commit
 * flushes and syncs it, gives it its final mode and renames it over the
 * target; abort removes it. A command cancelled by Ctrl-C (progress.h)
 * commits nothing: the temporary is removed and the target left. A run that is killed leaves the temporary
 * behind; the next run that writes in that folder or opens a project there
 * removes it once its PID is gone (outfile_sweep).
 *
 * The target: absent or a regular file is replaced as above. A character
 * device or a FIFO (/dev/stdout, /dev/full, a pipe) is written in place as
 * a stream, never replaced. A symbolic link, a directory or any other kind
 * of file is refused.
 */
#ifndef QCODE_OUTFILE_H
#define QCODE_OUTFILE_H

#include <stdio.h>

#include "qcode/util.h"

enum outfile_flag {
	OUTFILE_PRIVATE = 1,	/* may hold personal data: 0600 whatever the
				   umask; else the final mode is 0666 less
				   the umask */
	OUTFILE_SEEKABLE = 2,	/* the writer seeks: a stream is refused */
	OUTFILE_KEEP_MODE = 4,	/* replacing a file keeps its mode */
	OUTFILE_NEW = 8,	/* an existing target is refused, and commit
				   never replaces one that appeared meanwhile */
};

struct outfile {
	char *path;	/* the target, as given */
	char *tmp;	/* the temporary; NULL when a stream is written in place */
	int fd;		/* open for writing; -1 after commit or abort */
	FILE *f;	/* buffered writes to fd that keep their errno in err */
	int err;	/* errno of the first failed write, 0 if none */
	unsigned flags;	/* enum outfile_flag */
	unsigned mode;	/* the final mode of a replaced or new file */
};

/*
 * Open an output for path. On success o owns a file descriptor and the
 * temporary: finish with outfile_commit or outfile_abort. Errors: -QC_EIO
 * with "cannot write 'PATH': why"; nothing is left behind.
 */
int outfile_open(struct outfile *o, const char *path, unsigned flags,
		 struct qc_err *e);
/* Write all of data to o->fd (not through o->f); 0 or -QC_EIO. */
int outfile_write(struct outfile *o, const void *data, size_t len,
		  struct qc_err *e);
/* Note a failed write of the caller's own (errno err) to report at commit. */
void outfile_fail(struct outfile *o, int err);
/*
 * Flush, sync, set the final mode and move the temporary over the target
 * (or just flush and close a stream). Always releases o; on error the
 * temporary is removed and the target is as it was.
 */
int outfile_commit(struct outfile *o, struct qc_err *e);
/* Give up: close and remove the temporary; the target is untouched. */
void outfile_abort(struct outfile *o);

/*
 * A work file beside path, named for this process like an output's
 * temporary: created by mkstemp (0600). Returns its descriptor and sets
 * *name (caller frees, and removes the file), or -QC_EIO with
 * "cannot create 'PATH': why".
 */
int outfile_temp(const char *path, char **name, struct qc_err *e);
/* The same as a stdio stream for writing (closing it closes the file);
 * the errno of its first failed write goes to *err. NULL on error. */
FILE *outfile_temp_stdio(const char *path, char **name, int *err,
			 struct qc_err *e);
/*
 * Remove from the folder that holds path the temporaries of runs that are
 * gone: names ".NAME.qcode-tmp-PID-..." whose PID no longer runs, that are
 * regular files owned by this user. Links are never followed.
 */
void outfile_sweep(const char *path);

/*
 * Remove every temporary and work file this process made (those already
 * renamed or removed are gone anyway). Only async-signal-safe calls: the
 * second Ctrl-C calls it before it exits.
 */
void outfile_remove_temps(void);

#endif
