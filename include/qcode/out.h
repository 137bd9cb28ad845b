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
void out_table_print(struct out_table *t, FILE *f);
/* Write as TSV (sep '\t') or CSV (sep ','), header first. */
void out_table_print_sep(struct out_table *t, FILE *f, char sep);
void out_table_release(struct out_table *t);

/* Append s as a JSON string literal (with quotes) to b. */
void out_json_str(struct qc_buf *b, const char *s);
/* Print s as a JSON string literal (with quotes). */
void out_json_print(FILE *f, const char *s);

/* Emphasis: bold on a terminal (color != 0), "**" around it otherwise. */
void out_emph(struct qc_buf *b, const char *s, size_t len, int color);

/* Display width of s in columns (code points; wide East Asian count 2). */
size_t out_width(const char *s);

#endif
