/* out: aligned tables, JSON strings and emphasis for the cli layer. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

#include "qcode/out.h"
#include "qcode/search.h"
#include "qcode/text.h"

/* Is stdout a terminal? Set once by main (see out_set_terminal). */
static int out_tty;

void out_set_terminal(int on)
{
	out_tty = on;
}

int out_term_width(void)
{
	struct winsize ws;
	const char *c = getenv("COLUMNS");
	long long n;

	if (!out_tty)
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (c && qc_parse_int(c, 20, 10000, &n) == 0)
		return (int)n;
	return 80;
}

/* s cut to at most w columns, ending in "…" when cut. */
static void cut_to_width(struct qc_buf *b, size_t w)
{
	size_t i = 0, cols = 0, keep = 0;

	if (out_width(b->buf) <= w)
		return;
	while (i < b->len) {
		size_t at = i;
		int32_t cp = text_utf8_next(b->buf, b->len, &i);
		int cw = utf8proc_charwidth(cp);
		if (cols + (size_t)(cw > 0 ? cw : 0) + 1 > w) {
			keep = at;
			break;
		}
		cols += (size_t)(cw > 0 ? cw : 0);
	}
	qc_buf_setlen(b, keep);
	qc_buf_adds(b, "\xe2\x80\xa6");
}

/* Byte length of a control character at s (C0, DEL, or C1 as UTF-8),
 * or 0. Tab and newline are layout, not control, here. */
static size_t control_at(const unsigned char *s, size_t left)
{
	if ((s[0] < 0x20 && s[0] != '\t' && s[0] != '\n') || s[0] == 0x7f)
		return 1;
	if (left >= 2 && s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
		return 2;
	return 0;
}

void out_visible(struct qc_buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		size_t n = control_at(p + i, len - i);
		if (n == 0) {
			qc_buf_addch(b, p[i++]);
		} else if (n == 1) {
			/* caret notation, as cat -v and terminals show it */
			qc_buf_addch(b, '^');
			qc_buf_addch(b, p[i] == 0x7f ? '?' : p[i] + 0x40);
			i++;
		} else {
			qc_buf_addf(b, "\\u%04X", (unsigned)p[i + 1]);
			i += 2;
		}
	}
}

static int has_control(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (control_at((const unsigned char *)s + i, len - i))
			return 1;
	return 0;
}

const char *out_text(struct qc_buf *tmp, const char *s)
{
	if (!s || !out_tty || !has_control(s, strlen(s)))
		return s;
	qc_buf_reset(tmp);
	out_visible(tmp, s, strlen(s));
	return tmp->buf;
}

void out_kwic(struct qc_buf *out, const char *t, size_t len, size_t ms,
	      size_t me, int context, int color)
{
	struct qc_buf v = QC_BUF_INIT;
	size_t vms, vme;

	if (!out_tty || !has_control(t, len)) {
		search_kwic(out, t, len, ms, me, context, color);
		return;
	}
	if (me > len)
		me = len;
	if (ms > me)
		ms = me;
	/* made visible piece by piece, so that the match keeps its place */
	out_visible(&v, t, ms);
	vms = v.len;
	out_visible(&v, t + ms, me - ms);
	vme = v.len;
	out_visible(&v, t + me, len - me);
	search_kwic(out, v.buf, v.len, vms, vme, context, color);
	qc_buf_release(&v);
}

void out_kwic_cp(struct qc_buf *out, const char *t, size_t len,
		 size_t mstart_cp, size_t mend_cp, int context, int color)
{
	size_t ms, me;

	text_cp_span(t, len, mstart_cp, mend_cp, &ms, &me);
	out_kwic(out, t, len, ms, me, context, color);
}

void out_table_init(struct out_table *t, int ncols, const char *const *headers)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->alloc = 8;
	t->cells = xcalloc((size_t)(t->alloc * ncols), sizeof(char *));
	for (int i = 0; i < ncols; i++)
		t->cells[i] = xstrdup(headers[i] ? headers[i] : "");
}

/* A copy of a cell; on a terminal with its control characters shown. */
static char *table_cell(const char *s)
{
	struct qc_buf b = QC_BUF_INIT;

	if (!s)
		return xstrdup("");
	if (!out_tty || !has_control(s, strlen(s)))
		return xstrdup(s);
	out_visible(&b, s, strlen(s));
	return qc_buf_detach(&b, NULL);
}

void out_table_add(struct out_table *t, const char *const *cells)
{
	if (t->nrows + 2 > t->alloc) {
		t->alloc *= 2;
		t->cells = xreallocarray(t->cells, (size_t)(t->alloc * t->ncols),
					 sizeof(char *));
	}
	t->nrows++;
	for (int i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = i < 32 && (t->raw & (1u << i)) ?
			xstrdup(cells[i] ? cells[i] : "") : table_cell(cells[i]);
}

void out_table_addf(struct out_table *t, const char *fmt, ...)
{
	struct qc_buf f = QC_BUF_INIT, b = QC_BUF_INIT;
	const char **cells = xcalloc((size_t)t->ncols, sizeof(char *));
	va_list ap;
	char *p;
	int i = 0;

	/* the cells are split where fmt has its tabs, not where a value
	 * has one (a title with a tab): 0xff, which UTF-8 text never holds,
	 * marks fmt's own */
	for (const char *q = fmt; *q; q++)
		qc_buf_addch(&f, *q == '\t' ? '\xff' : *q);
	va_start(ap, fmt);
	qc_buf_vaddf(&b, f.buf, ap);
	va_end(ap);
	p = b.buf;
	while (i < t->ncols) {
		cells[i++] = p;
		p = strchr(p, '\xff');
		if (!p)
			break;
		*p++ = '\0';
	}
	out_table_add(t, cells);
	free(cells);
	qc_buf_release(&b);
	qc_buf_release(&f);
}

size_t out_width(const char *s)
{
	size_t i = 0, len = strlen(s), w = 0;

	while (i < len) {
		if (s[i] == '\033' && s[i + 1] == '[') {
			/* colour: CSI parameters up to a final byte */
			i += 2;
			while (i < len && !(s[i] >= 0x40 && s[i] <= 0x7e))
				i++;
			i += i < len;
			continue;
		}
		int32_t cp = text_utf8_next(s, len, &i);
		int cw = utf8proc_charwidth(cp);
		w += cw > 0 ? (size_t)cw : 0;
	}
	return w;
}

/* A tab, CR or LF in a cell would end the cell or the line of a table or
 * TSV row: each is written as one space. */
static void flat_cell(struct qc_buf *b, const char *s)
{
	for (; *s; s++)
		qc_buf_addch(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

void out_csv_cell(FILE *f, const char *s)
{
	s = s ? s : "";
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void sep_cell(FILE *f, const char *s, char sep)
{
	struct qc_buf b = QC_BUF_INIT;

	if (sep != '\t') {
		out_csv_cell(f, s);
		return;
	}
	flat_cell(&b, s);
	fputs(b.buf, f);
	qc_buf_release(&b);
}

void out_table_print(struct out_table *t, FILE *f)
{
	size_t n = (size_t)(t->nrows + 1) * (size_t)t->ncols;
	struct qc_buf *cell = xcalloc(n, sizeof(*cell));
	size_t *w = xcalloc((size_t)t->ncols, sizeof(size_t));

	for (size_t i = 0; i < n; i++) {
		qc_buf_init(&cell[i]);
		flat_cell(&cell[i], t->cells[i]);
		size_t cw = out_width(cell[i].buf);
		if (cw > w[i % (size_t)t->ncols])
			w[i % (size_t)t->ncols] = cw;
	}
	/* On a terminal a table is never wider than it: the widest text
	 * columns give way, their cells cut with "…". Into a pipe or file
	 * it is printed whole. */
	size_t term = (size_t)out_term_width(), total = 0;
	for (int c = 0; c < t->ncols; c++)
		total += w[c] + (c ? 2 : 0);
	while (term && total > term) {
		int wide = -1;
		for (int c = 0; c < t->ncols; c++)
			if (!(t->right & (1u << c)) && w[c] > 8 &&
			    (wide < 0 || w[c] > w[wide]))
				wide = c;
		if (wide < 0)
			break;	/* numbers only: nothing may be cut */
		size_t cut = total - term < w[wide] - 8 ? total - term :
			     w[wide] - 8;
		w[wide] -= cut;
		total -= cut;
		for (int r = 0; r <= t->nrows; r++)
			cut_to_width(&cell[r * t->ncols + wide], w[wide]);
	}
	for (int r = 0; r <= t->nrows; r++) {
		struct qc_buf line = QC_BUF_INIT;
		for (int c = 0; c < t->ncols; c++) {
			const char *s = cell[r * t->ncols + c].buf;
			size_t pad = w[c] - out_width(s);
			int last = c == t->ncols - 1;

			if (c)
				qc_buf_adds(&line, "  ");
			if (t->right & (1u << c))
				for (size_t k = 0; k < pad; k++)
					qc_buf_addch(&line, ' ');
			qc_buf_adds(&line, s);
			if (!(t->right & (1u << c)) && !last)
				for (size_t k = 0; k < pad; k++)
					qc_buf_addch(&line, ' ');
		}
		while (line.len && line.buf[line.len - 1] == ' ')
			qc_buf_setlen(&line, line.len - 1);
		fprintf(f, "%s\n", line.buf);
		qc_buf_release(&line);
	}
	for (size_t i = 0; i < n; i++)
		qc_buf_release(&cell[i]);
	free(cell);
	free(w);
}

/* The rows of t from first (0: the header) as TSV or CSV. */
static void table_sep_from(struct out_table *t, FILE *f, char sep, int first)
{
	for (int r = first; r <= t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				fputc(sep, f);
			sep_cell(f, t->cells[r * t->ncols + c], sep);
		}
		fputc('\n', f);
	}
}

void out_table_print_sep(struct out_table *t, FILE *f, char sep)
{
	table_sep_from(t, f, sep, 0);
}

void out_table_release(struct out_table *t)
{
	for (int i = 0; i < (t->nrows + 1) * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

void out_json_str(struct qc_buf *b, const char *s)
{
	qc_buf_addch(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		switch (*p) {
		case '"': qc_buf_adds(b, "\\\""); break;
		case '\\': qc_buf_adds(b, "\\\\"); break;
		case '\n': qc_buf_adds(b, "\\n"); break;
		case '\r': qc_buf_adds(b, "\\r"); break;
		case '\t': qc_buf_adds(b, "\\t"); break;
		default:
			/* DEL and C1 too: valid JSON either way, and never
			 * a raw control on a terminal */
			if (*p < 0x20 || *p == 0x7f)
				qc_buf_addf(b, "\\u%04x", *p);
			else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
				qc_buf_addf(b, "\\u%04x", *++p);
			else
				qc_buf_addch(b, *p);
		}
	}
	qc_buf_addch(b, '"');
}

void out_emph(struct qc_buf *b, const char *s, size_t len, int color)
{
	qc_buf_adds(b, color ? "\033[1;31m" : "**");
	qc_buf_add(b, s, len);
	qc_buf_adds(b, color ? "\033[0m" : "**");
}

/* ---- rows ---- */

void out_rows_init(struct out_rows *r, const struct out_col *cols, int ncols)
{
	memset(r, 0, sizeof(*r));
	r->cols = cols;
	r->ncols = ncols;
	r->json_sep = ", ";
	r->json_open = "";
	r->json_close = "";
}

void out_rows_record(struct out_rows *r, const struct out_col *cols, int ncols)
{
	out_rows_init(r, cols, ncols);
	r->shape = OUT_RECORD;
}

static struct out_cell *rows_next(struct out_rows *r)
{
	if (r->ncells == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 16;
		r->cells = xreallocarray(r->cells, r->alloc, sizeof(*r->cells));
	}
	r->cells[r->ncells].s = NULL;
	r->cells[r->ncells].sub = NULL;
	return &r->cells[r->ncells++];
}

void out_rows_text(struct out_rows *r, const char *s)
{
	rows_next(r)->s = s ? xstrdup(s) : NULL;
}

void out_rows_str(struct out_rows *r, const char *s)
{
	out_rows_text(r, s ? s : "");
}

void out_rows_textf(struct out_rows *r, const char *fmt, ...)
{
	struct qc_buf b = QC_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	qc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	rows_next(r)->s = qc_buf_detach(&b, NULL);
}

void out_rows_int(struct out_rows *r, long long n)
{
	out_rows_textf(r, "%lld", n);
}

void out_rows_bool(struct out_rows *r, int b)
{
	out_rows_text(r, b ? "true" : "false");
}

void out_rows_real(struct out_rows *r, double v, int decimals)
{
	if (isnan(v))
		out_rows_text(r, NULL);
	else
		out_rows_textf(r, "%.*f", decimals, v);
}

void out_rows_ref(struct out_rows *r, long long source, long long ordinal)
{
	if (ordinal < 0)
		out_rows_textf(r, "S%lld", source);
	else
		out_rows_textf(r, "S%lld:%lld", source, ordinal);
}

void out_rows_sub(struct out_rows *r, const struct out_rows *sub)
{
	rows_next(r)->sub = sub;
}

size_t out_rows_count(const struct out_rows *r)
{
	return r->ncols ? r->ncells / (size_t)r->ncols : 0;
}

static const char *col_key(const struct out_col *c)
{
	return c->key ? c->key : c->head;
}

static void json_value(struct qc_buf *b, const struct out_col *c,
		       const struct out_cell *v)
{
	if (c->type == OUT_ROWS && v->sub)
		out_rows_json(v->sub, b);
	else if (!v->s)
		qc_buf_adds(b, "null");
	else if (c->type == OUT_TEXT || c->type == OUT_REF)
		out_json_str(b, v->s);
	else
		qc_buf_adds(b, v->s);
}

/* One row as a JSON object. */
static void json_object(const struct out_rows *r, size_t row, struct qc_buf *b)
{
	int first = 1;

	qc_buf_addch(b, '{');
	for (int c = 0; c < r->ncols; c++) {
		const struct out_col *col = &r->cols[c];
		const struct out_cell *v = &r->cells[row * (size_t)r->ncols +
						     (size_t)c];
		if ((col->flags & OUT_NOJSON) ||
		    ((col->flags & OUT_OMITNULL) && !v->s && !v->sub))
			continue;
		if (!first)
			qc_buf_adds(b, ", ");
		first = 0;
		out_json_str(b, col_key(col));
		qc_buf_adds(b, ": ");
		json_value(b, col, v);
	}
	qc_buf_addch(b, '}');
}

void out_rows_json(const struct out_rows *r, struct qc_buf *b)
{
	size_t n = out_rows_count(r);

	if (r->shape == OUT_RECORD) {
		if (n)
			json_object(r, 0, b);
		else
			qc_buf_adds(b, "{}");
		return;
	}
	if (r->shape == OUT_VALUES) {
		qc_buf_addch(b, '[');
		for (size_t i = 0; i < n; i++) {
			if (i)
				qc_buf_adds(b, r->json_sep);
			json_value(b, &r->cols[0], &r->cells[i * (size_t)r->ncols]);
		}
		qc_buf_addch(b, ']');
		return;
	}
	if (r->shape == OUT_MAP) {
		qc_buf_addch(b, '{');
		for (size_t i = 0; i < n; i++) {
			const struct out_cell *v = &r->cells[i * (size_t)r->ncols];
			if (i)
				qc_buf_adds(b, r->json_sep);
			out_json_str(b, v[0].s);
			qc_buf_adds(b, ": ");
			json_value(b, &r->cols[1], &v[1]);
		}
		qc_buf_addch(b, '}');
		return;
	}
	qc_buf_addch(b, '[');
	if (n)
		qc_buf_adds(b, r->json_open);
	for (size_t i = 0; i < n; i++) {
		if (i)
			qc_buf_adds(b, r->json_sep);
		json_object(r, i, b);
	}
	if (n)
		qc_buf_adds(b, r->json_close);
	qc_buf_addch(b, ']');
}

static int in_table(const struct out_col *c)
{
	return !(c->flags & OUT_NOTABLE) && c->type != OUT_ROWS;
}

/* The table columns of r as an out_table: a header row and the rows, or
 * for a record a line per column. */
static void rows_table(const struct out_rows *r, struct out_table *t)
{
	size_t n = out_rows_count(r);
	const char **cells = xcalloc((size_t)r->ncols + 1, sizeof(char *));
	int k = 0;

	if (r->shape == OUT_RECORD) {
		for (int c = 0; c < r->ncols; c++) {
			if (!in_table(&r->cols[c]))
				continue;
			cells[0] = r->cols[c].head;
			cells[1] = n ? r->cells[c].s : NULL;
			if (!k++)
				out_table_init(t, 2, cells);
			else
				out_table_add(t, cells);
		}
		if (!k)
			out_table_init(t, 2, (const char *const[]){ "", "" });
		free(cells);
		return;
	}
	for (int c = 0; c < r->ncols; c++)
		if (in_table(&r->cols[c]))
			cells[k++] = r->cols[c].head;
	out_table_init(t, k, cells);
	k = 0;
	for (int c = 0; c < r->ncols; c++) {
		const struct out_col *col = &r->cols[c];
		if (!in_table(col))
			continue;
		if (k < 32 && (col->type == OUT_INT || col->type == OUT_REAL ||
			       (col->flags & OUT_RIGHT)))
			t->right |= 1u << k;
		if (k < 32 && (col->flags & OUT_MARKUP))
			t->raw |= 1u << k;
		k++;
	}
	for (size_t i = 0; i < n; i++) {
		k = 0;
		for (int c = 0; c < r->ncols; c++)
			if (in_table(&r->cols[c]))
				cells[k++] = r->cells[i * (size_t)r->ncols +
						      (size_t)c].s;
		out_table_add(t, cells);
	}
	free(cells);
}

void out_rows_print(const struct out_rows *r, FILE *f, enum out_format fmt)
{
	struct out_table t;

	if (fmt == OUT_FMT_JSON) {
		struct qc_buf b = QC_BUF_INIT;
		out_rows_json(r, &b);
		qc_buf_addch(&b, '\n');
		fputs(b.buf, f);
		qc_buf_release(&b);
		return;
	}
	if (fmt == OUT_FMT_TABLE && !out_rows_count(r) && r->empty) {
		fputs(r->empty, f);
		return;
	}
	rows_table(r, &t);
	if (fmt == OUT_FMT_TABLE)
		out_table_print(&t, f);
	else
		table_sep_from(&t, f, fmt == OUT_FMT_CSV ? ',' : '\t',
			       r->headless);
	out_table_release(&t);
}

void out_rows_release(struct out_rows *r)
{
	for (size_t i = 0; i < r->ncells; i++)
		free(r->cells[i].s);
	free(r->cells);
	r->cells = NULL;
	r->ncells = r->alloc = 0;
}

void out_json_result(FILE *f, const char *tkey, const char *text,
		     const char *const *keys, const long long *v, int n)
{
	struct out_col *cols = xcalloc((size_t)n + 1, sizeof(*cols));
	int k = 0;
	struct out_rows r;

	if (tkey)
		cols[k++] = (struct out_col){ tkey, NULL, OUT_TEXT, 0 };
	for (int i = 0; i < n; i++)
		cols[k++] = (struct out_col){ keys[i], NULL, OUT_INT, 0 };
	out_rows_record(&r, cols, k);
	if (tkey)
		out_rows_text(&r, text);
	for (int i = 0; i < n; i++)
		out_rows_int(&r, v[i]);
	out_rows_print(&r, f, OUT_FMT_JSON);
	out_rows_release(&r);
	free(cols);
}
