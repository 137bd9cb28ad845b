/*
 * out: printing helpers for the cli layer: aligned tables, JSON, TSV/CSV
 * escaping, and emphasis that becomes colour on a terminal and ** in pipes.
 */
#ifndef QCODE_OUT_H
#define QCODE_OUT_H

#include <stdio.h>

#include "qcode/util.h"

/* A table printed with columns aligned by display width (code points). */
struct out_table {
	int ncols;		/* number of columns */
	int nrows;		/* rows added, header excluded */
	char **cells;		/* (nrows + 1) * ncols strings, header first */
	unsigned right;		/* bit i set: column i is right-aligned */
	int alloc;		/* rows allocated */
};

void out_table_init(struct out_table *t, int ncols, const char *const *headers);
/* Add a row of ncols strings (copied; NULL prints as empty). */
void out_table_add(struct out_table *t, const char *const *cells);
/* Add a row from printf-style cells separated by '\t' in fmt's result. */
void out_table_addf(struct out_table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* In the aligned table and in TSV a tab, CR or LF in a cell is written as
 * a space, so that a cell never moves the columns after it. */
void out_table_print(struct out_table *t, FILE *f);
/* Write as TSV (sep '\t') or CSV (sep ','), header first. */
void out_table_print_sep(struct out_table *t, FILE *f, char sep);
void out_table_release(struct out_table *t);

/* Write one CSV cell (RFC 4180): quoted when it holds a comma, a double
 * quote, CR or LF, with each double quote doubled; NULL is empty. The one
 * CSV escaper: every CSV output writes its cells with it. */
void out_csv_cell(FILE *f, const char *s);

/* Append s as a JSON string literal (with quotes) to b. */
void out_json_str(struct qc_buf *b, const char *s);
/* Print s as a JSON string literal (with quotes). */
void out_json_print(FILE *f, const char *s);

/* Emphasis: bold on a terminal (color != 0), "**" around it otherwise. */
void out_emph(struct qc_buf *b, const char *s, size_t len, int color);

/*
 * Control characters in project text (C0 other than tab and newline, DEL,
 * C1 U+0080-U+009F) could move the cursor, retitle or hide text when
 * printed to a terminal. On a terminal they are shown: ^[ for ESC, ^? for
 * DEL, \u0085 for C1. Into a pipe or file, text goes out as stored.
 *
 * out_set_terminal: main says whether stdout is a terminal.
 * out_visible: append s with every control character shown (always).
 * out_text: s itself, or (on a terminal, when s has controls) its visible
 * form in tmp; the result lives as long as s or tmp.
 * out_kwic, out_kwic_cp: search_kwic and search_kwic_cp with the text
 * made visible first on a terminal (the match keeps its place).
 * Tables (out_table_add) show their cells' controls on a terminal too.
 */
void out_set_terminal(int on);
void out_visible(struct qc_buf *b, const char *s, size_t len);
const char *out_text(struct qc_buf *tmp, const char *s);
void out_kwic(struct qc_buf *out, const char *t, size_t len, size_t ms,
	      size_t me, int context, int color);
void out_kwic_cp(struct qc_buf *out, const char *t, size_t len,
		 size_t mstart_cp, size_t mend_cp, int context, int color);

/* Display width of s in columns (code points; wide East Asian count 2). */
size_t out_width(const char *s);

#endif
