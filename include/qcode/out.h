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
	unsigned raw;		/* bit i set: column i is qcode's own markup
				 * (OUT_MARKUP), not made visible */
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
/* The terminal's width in columns when stdout is one (its size, else
 * $COLUMNS, else 80); 0 when it is a pipe or file: no limit. Tables
 * cut their widest text columns to fit it. */
int out_term_width(void);
void out_visible(struct qc_buf *b, const char *s, size_t len);
const char *out_text(struct qc_buf *tmp, const char *s);
void out_kwic(struct qc_buf *out, const char *t, size_t len, size_t ms,
	      size_t me, int context, int color);
void out_kwic_cp(struct qc_buf *out, const char *t, size_t len,
		 size_t mstart_cp, size_t mend_cp, int context, int color);

/* Display width of s in columns (code points; wide East Asian count 2;
 * colour sequences ESC [ ... m count nothing). */
size_t out_width(const char *s);

/*
 * Rows: what a command found, rendered once. The command declares its
 * columns (a header, a JSON key and a type), adds the cells row by row,
 * and out_rows_print writes them as an aligned table, TSV, CSV (with
 * out_csv_cell) or JSON. Control characters are escaped in JSON and shown
 * (out_visible) in the other forms on a terminal; a tab or line break in a
 * table or TSV cell becomes a space.
 */
enum out_type {
	OUT_TEXT,	/* a string: quoted in JSON; NULL is null */
	OUT_INT,	/* a whole number: bare in JSON, right-aligned */
	OUT_REAL,	/* a number with a fraction: bare in JSON, right-aligned */
	OUT_REF,	/* a reference (S3, S3:12): a string in JSON */
	OUT_BOOL,	/* true or false: bare in JSON */
	OUT_ROWS,	/* nested rows (out_rows_sub): JSON only */
};

enum out_col_flags {
	OUT_NOJSON = 1 << 0,	/* in the table, TSV and CSV only */
	OUT_NOTABLE = 1 << 1,	/* in JSON only */
	OUT_RIGHT = 1 << 2,	/* right-aligned in the table (numbers are) */
	OUT_OMITNULL = 1 << 3,	/* a null cell leaves its key out of JSON */
	OUT_MARKUP = 1 << 4,	/* the cells are qcode's own colour (SGR
				 * sequences), never project text: written to
				 * the terminal as they are, not shown as ^[ */
};

struct out_col {
	const char *head;	/* header of the table, TSV and CSV */
	const char *key;	/* JSON key; NULL: the same as head */
	enum out_type type;
	unsigned flags;		/* enum out_col_flags */
};

enum out_format { OUT_FMT_TABLE, OUT_FMT_TSV, OUT_FMT_CSV, OUT_FMT_JSON };

/* How the rows are one JSON value (and, for a record, one table). */
enum out_shape {
	OUT_LIST,	/* an array of objects; the table has a header row */
	OUT_RECORD,	/* the one row as an object; the table has a line
			 * per column: header, then value */
	OUT_MAP,	/* two columns as {"key": "value", ...} in JSON */
	OUT_VALUES,	/* the first column as a JSON array of values */
};

struct out_cell {
	char *s;			/* the value as text; NULL: null */
	const struct out_rows *sub;	/* OUT_ROWS cells: borrowed */
};

struct out_rows {
	const struct out_col *cols;	/* ncols columns, borrowed */
	int ncols;
	enum out_shape shape;
	const char *json_sep;	/* between JSON objects: ", " by default */
	const char *json_open;	/* after '[' when there are rows: "" */
	const char *json_close;	/* before ']' when there are rows: "" */
	const char *empty;	/* the table with no rows prints this instead
				 * (TSV and CSV keep their header); NULL:
				 * the header alone */
	int headless;		/* TSV and CSV without the header row */
	size_t ncells, alloc;	/* cells added, allocated */
	struct out_cell *cells;	/* row after row */
};

/* Set up r for the columns cols (which must outlive r); release with
 * out_rows_release. */
void out_rows_init(struct out_rows *r, const struct out_col *cols, int ncols);
/* Set up r as one record (OUT_RECORD): a JSON object, a table of
 * header and value lines. */
void out_rows_record(struct out_rows *r, const struct out_col *cols, int ncols);
/* The next cell, left to right, row after row. Strings are copied. */
void out_rows_text(struct out_rows *r, const char *s);
/* A text cell that is never null: NULL is "". */
void out_rows_str(struct out_rows *r, const char *s);
void out_rows_textf(struct out_rows *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void out_rows_int(struct out_rows *r, long long n);
void out_rows_bool(struct out_rows *r, int b);
/* v with decimals digits after the point; NaN (not defined) is null. */
void out_rows_real(struct out_rows *r, double v, int decimals);
/* "S<source>:<ordinal>", or "S<source>" when ordinal < 0. */
void out_rows_ref(struct out_rows *r, long long source, long long ordinal);
/* An OUT_ROWS cell: sub is printed in its place (borrowed, not freed). */
void out_rows_sub(struct out_rows *r, const struct out_rows *sub);
/* Rows complete so far. */
size_t out_rows_count(const struct out_rows *r);
/* Write r in format fmt to f; JSON ends with a newline. */
void out_rows_print(const struct out_rows *r, FILE *f, enum out_format fmt);
/* Append r as one JSON value (no newline) to b. */
void out_rows_json(const struct out_rows *r, struct qc_buf *b);
void out_rows_release(struct out_rows *r);
/* Write r as one worksheet named sheet of a new FILE.xlsx (header row in
 * bold, whole numbers as numbers) through outfile, owner-only. Returns 0,
 * -QC_EUSAGE for another extension, or -QC_EIO. */
int out_rows_xlsx(const struct out_rows *r, const char *path,
		  const char *sheet, struct qc_err *e);
/* A command's result as one JSON record and a newline: {"tkey": "text",
 * "keys[0]": v[0], ...}; without tkey (NULL) the counts alone. Printed
 * by out_rows. */
void out_json_result(FILE *f, const char *tkey, const char *text,
		     const char *const *keys, const long long *v, int n);

#endif
