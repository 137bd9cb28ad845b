/*
 * util: the growable string buffer, allocation that never returns NULL,
 * and the error record that every module fills instead of printing.
 */
#ifndef QCODE_UTIL_H
#define QCODE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes, also the (positive) error classes of struct qc_err. */
enum qc_exit {
	QC_OK = 0,
	QC_EUSAGE = 1,	/* bad command line */
	QC_EDATA = 2,	/* bad input or data */
	QC_EIO = 3,	/* project or I/O failure */
	QC_ECANCEL = 130,	/* cancelled by Ctrl-C (128 + SIGINT) */
};

/*
 * A growable, always NUL-terminated buffer. `buf` is never NULL: after
 * qc_buf_init() it points at a shared empty string until something is added.
 * qc_buf_release() frees the contents and re-initialises; qc_buf_detach()
 * hands the string to the caller (caller frees) and re-initialises.
 */
struct qc_buf {
	size_t len;	/* bytes used, not counting the NUL */
	size_t alloc;	/* bytes allocated, 0 while buf is the shared empty string */
	char *buf;	/* the string */
};

extern char qc_buf_empty[];
#define QC_BUF_INIT { 0, 0, qc_buf_empty }

void qc_buf_init(struct qc_buf *b);
void qc_buf_grow(struct qc_buf *b, size_t extra);
void qc_buf_add(struct qc_buf *b, const void *data, size_t len);
void qc_buf_adds(struct qc_buf *b, const char *s);
void qc_buf_addch(struct qc_buf *b, int c);
void qc_buf_addf(struct qc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void qc_buf_vaddf(struct qc_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* One line "path:line:column: [warning: ]message" of a file's problems,
 * as codebooks and templates report them (line and column from 1). */
void qc_buf_problem(struct qc_buf *b, const char *path, size_t line,
		    size_t col, int warn, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));
void qc_buf_setlen(struct qc_buf *b, size_t len);
void qc_buf_reset(struct qc_buf *b);	/* empty it, keep the memory */
void qc_buf_release(struct qc_buf *b);
char *qc_buf_detach(struct qc_buf *b, size_t *len);

/* Allocation: on failure these print "qcode: out of memory" and exit 3. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
/* Make room in array v (alloc slots) for element n, doubling as it grows
 * (after git's ALLOC_GROW). */
#define QC_GROW(v, n, alloc)                                                 \
	do {                                                                 \
		if ((n) >= (alloc)) {                                        \
			(alloc) = (alloc) ? 2 * (alloc) : 16;                \
			(v) = xreallocarray((v), (size_t)(alloc),            \
					    sizeof(*(v)));                   \
		}                                                            \
	} while (0)
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* True if name ends in ext (".qdpx"), in any case, after at least one
 * other character. */
int qc_has_ext(const char *name, const char *ext);

/*
 * An error: its class (enum qc_exit) and a one-line message, lower case,
 * without the "qcode: " prefix and without a final full stop.
 */
struct qc_err {
	int code;		/* QC_OK when there is no error */
	struct qc_buf msg;	/* "what: why" */
};

#define QC_ERR_INIT { QC_OK, QC_BUF_INIT }

void qc_err_init(struct qc_err *e);
/* Set the error (replacing any earlier one); returns -code for `return`. */
int qc_err_set(struct qc_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Put "what: " in front of the message already set. */
void qc_err_prefix(struct qc_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void qc_err_clear(struct qc_err *e);
void qc_err_release(struct qc_err *e);

/*
 * Open a regular file for reading, never blocking on a FIFO: returns the
 * descriptor (caller closes) or -QC_EIO (cannot open) / -QC_EDATA (a
 * folder, FIFO, socket or device), with e filled.
 */
int qc_open_regular(const char *path, struct qc_err *e);
/* The same with more open(2) flags; with O_NOFOLLOW a link is -QC_EDATA. */
int qc_open_regular_flags(const char *path, int oflags, struct qc_err *e);
/* The same as a stream (caller fcloses), or NULL with e filled: code
 * QC_EDATA for a file that is not regular, QC_EIO (and errno) when it
 * cannot be opened, so a caller may word that case itself. */
FILE *qc_fopen_regular(const char *path, struct qc_err *e);

/* Read a whole regular file (caller frees *data); returns 0 or
 * -QC_EIO/-QC_EDATA. Anything but a regular file is refused. */
/* Run the user's editor ($VISUAL, else $EDITOR, else vi) on path and
 * wait for it. The path reaches the shell as a variable, never as text
 * to parse, so no name can break out of its quotes. Returns 0 when the
 * editor exited 0, else -1; *editor names the editor either way. */
int qc_edit_file(const char *path, const char **editor);

int qc_read_file(const char *path, size_t max, char **data, size_t *len,
		 struct qc_err *e);

/*
 * Validators shared by every option and file field of their kind, so
 * that one rule holds everywhere. Each returns 0 (or, for qc_date_valid,
 * 1) when s is good and never prints.
 *
 * qc_parse_int: a whole decimal number in [min, max], nothing else (no
 * blanks, no trailing text, no overflow). qc_parse_real: the same for a
 * finite decimal number. Both return 0 and set *out, or -1.
 */
int qc_parse_int(const char *s, long long min, long long max, long long *out);
int qc_parse_real(const char *s, double min, double max, double *out);
/*
 * qc_parse_numlist: the one syntax of numbered items (hits, suggestions):
 * numbers from 1 and ranges, separated by commas, "1,3-7". Appends each
 * number in order to *v (n used, alloc allocated; caller frees *v).
 * Returns 0, or -1 when s is not such a list (a range may not run
 * backwards or span more than 1,000,000 numbers).
 */
int qc_parse_numlist(const char *s, long long **v, size_t *n, size_t *alloc);
/* True if s is a real calendar date YYYY-MM-DD (leap years counted);
 * with partial, YYYY and YYYY-MM are accepted too. */
int qc_date_valid(const char *s, int partial);
/* A colour #rgb or #rrggbb into out as "#rrggbb" (case kept); 0 or -1. */
int qc_colour_parse(const char *s, char out[8]);

/*
 * A reference to a source or to turns of it, as users type them:
 * "S3" (a source), "S3:12" (a turn), "S3:12-15" (turns 12 to 15),
 * "S3:12@0-40" (characters 0 to 40 of turn 12). 'S' or 's', then
 * decimal digits only (no sign, no blanks, no overflow).
 */
struct qc_ref {
	long long source;	/* S3 -> 3 */
	long long from, to;	/* turn ordinals; 0 for a whole source */
	long long start, end;	/* "@start-end" in the turn; -1 when absent */
};
enum qc_ref_form {
	QC_REF_SOURCE = 1 << 0,		/* S3 */
	QC_REF_TURN = 1 << 1,		/* S3:12 */
	QC_REF_RANGE = 1 << 2,		/* S3:12-15 (to >= from) */
	QC_REF_SPAN = 1 << 3,		/* S3:12@0-40 (end > start) */
};
/* Parse s as one of the forms in `allowed` (enum qc_ref_form, or-ed).
 * Returns the form found and fills *r, or -1 (r is then undefined). */
int qc_ref_parse(const char *s, unsigned allowed, struct qc_ref *r);

/* The sha256 of `len` bytes as 64 lower-case hex digits plus NUL. */
void qc_sha256_hex(const void *data, size_t len, char out[65]);

/*
 * Find a shipped data file such as "codebooks/redaction-nl.yaml": in
 * $QCODE_DATADIR, beside the qcode executable (a source tree), or in
 * PREFIX/share/qcode. Returns a newly allocated path (caller frees) or NULL.
 */
char *qc_data_file(const char *rel);

/* Block the unsafe string functions at compile time. */
#define strcpy(a, b) QC_BANNED_strcpy
#define strcat(a, b) QC_BANNED_strcat
#define sprintf(...) QC_BANNED_sprintf
#define vsprintf(...) QC_BANNED_vsprintf

#endif
