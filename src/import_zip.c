/*
 * import_zip: the text of DOCX and ODT files, read with libzip and libxml2.
 * Archives and XML come from strangers: they are read through the guarded
 * reader (zipread), which caps sizes and compression ratio by the bytes
 * produced as well as by the headers, and XML is parsed with no DTD, no entity substitution
 * and no network access (a DOCTYPE is refused before parsing).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "qcode/import.h"
#include "qcode/zipread.h"

struct walk {
	struct qc_buf para;	/* the paragraph being built */
	struct qc_buf lead;	/* its bold lead */
	int lead_open;		/* nothing but bold text so far */
	int heading;
	struct qc_buf *out;
	/* ODT: automatic styles that make text bold */
	char **bold;
	size_t nbold;
};

static int is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static char *attr(const xmlNode *n, const char *name)
{
	for (xmlAttr *a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, name))
			return (char *)xmlNodeGetContent((xmlNode *)a);
	return NULL;
}

static void add_text(struct walk *w, const char *t, int bold)
{
	if (!*t)
		return;
	if (w->lead_open && bold && !w->para.len) {
		qc_buf_adds(&w->lead, t);
		return;
	}
	if (w->lead_open && w->lead.len && !bold) {
		/* the lead ends here */
	}
	w->lead_open = 0;
	qc_buf_adds(&w->para, t);
}

/* End a paragraph: a short bold lead becomes "Label: ". */
static void end_para(struct walk *w)
{
	struct qc_buf *o = w->out;
	size_t ll = w->lead.len, s = 0;
	const char *p = w->para.buf ? w->para.buf : "";

	while (ll && (w->lead.buf[ll - 1] == ' ' || w->lead.buf[ll - 1] == ':'))
		ll--;
	while (p[s] == ' ' || p[s] == ':' || p[s] == '\t')
		s++;
	if (ll || w->para.len - s) {
		if (o->len)
			qc_buf_adds(o, "\n\n");
		if (w->heading)
			qc_buf_adds(o, "# ");
		if (ll && ll <= 60 && w->para.len - s) {
			qc_buf_add(o, w->lead.buf, ll);
			qc_buf_adds(o, ": ");
			qc_buf_add(o, p + s, w->para.len - s);
		} else {
			qc_buf_add(o, w->lead.buf, w->lead.len);
			qc_buf_add(o, p, w->para.len);
		}
	}
	qc_buf_reset(&w->para);
	qc_buf_reset(&w->lead);
	w->lead_open = 1;
	w->heading = 0;
}

/* ---- DOCX ---- */

static int docx_bold(const xmlNode *run)
{
	for (const xmlNode *c = run->children; c; c = c->next) {
		if (!is(c, "rPr"))
			continue;
		for (const xmlNode *b = c->children; b; b = b->next) {
			if (is(b, "b")) {
				char *v = attr(b, "val");
				int on = !v || (strcmp(v, "0") && strcmp(v, "false"));
				xmlFree(v);
				return on;
			}
		}
	}
	return 0;
}

static void docx_inline(struct walk *w, const xmlNode *n, int bold)
{
	for (const xmlNode *c = n; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "r")) {
			docx_inline(w, c->children, docx_bold(c));
		} else if (is(c, "t")) {
			char *t = (char *)xmlNodeGetContent((xmlNode *)c);
			add_text(w, t ? t : "", bold);
			xmlFree(t);
		} else if (is(c, "tab")) {
			add_text(w, "\t", bold);
		} else if (is(c, "br") || is(c, "cr")) {
			/* a line of its own: Teams puts "Name   0:03" and the
			 * text in one paragraph, a break between them */
			add_text(w, "\n", bold);
		} else if (is(c, "del") || is(c, "delText") || is(c, "rPr") ||
			   is(c, "pPr") || is(c, "commentReference") ||
			   is(c, "footnoteReference") || is(c, "drawing") ||
			   is(c, "pict") || is(c, "instrText") ||
			   is(c, "Fallback")) {
			continue;	/* left out */
		} else {
			/* ins, hyperlink, smartTag, fldSimple, sdt, ... */
			docx_inline(w, c->children, bold);
		}
	}
}

static void docx_para(struct walk *w, const xmlNode *p)
{
	for (const xmlNode *c = p->children; c; c = c->next) {
		if (!is(c, "pPr"))
			continue;
		for (const xmlNode *s = c->children; s; s = s->next) {
			if (is(s, "pStyle")) {
				char *v = attr(s, "val");
				if (v && (!strncasecmp(v, "Heading", 7) ||
					  !strncasecmp(v, "Kop", 3) ||
					  !strcasecmp(v, "Title")))
					w->heading = 1;
				xmlFree(v);
			}
		}
	}
	docx_inline(w, p->children, 0);
	end_para(w);
}

/* A table's cells, row by row, until the table ends: a table can be a
 * transcript (time, speaker and text columns) only as a whole. */
struct table {
	char **cells;		/* owned */
	size_t ncells, acells;
	size_t *row_end;	/* one past each row's last cell */
	size_t nrows, arows;
};

static void cell_text(struct walk *w, const xmlNode *cell,
		      void (*para)(struct walk *, const xmlNode *),
		      const char *pname, struct table *t)
{
	struct qc_buf *saved = w->out, tmp = QC_BUF_INIT;

	w->out = &tmp;
	for (const xmlNode *c = cell->children; c; c = c->next)
		if (is(c, pname))
			para(w, c);
	w->out = saved;
	for (size_t i = 0; i < tmp.len; i++)
		if (tmp.buf[i] == '\n')
			tmp.buf[i] = ' ';
	QC_GROW(t->cells, t->ncells, t->acells);
	t->cells[t->ncells++] = qc_buf_detach(&tmp, NULL);
}

static void end_row(struct table *t)
{
	QC_GROW(t->row_end, t->nrows, t->arows);
	t->row_end[t->nrows++] = t->ncells;
}

/* A speaker cell: one to four short words (a name, "Spreker 1", "spk_0"). */
static int speaker_cell(const char *c)
{
	size_t n = strlen(c), spaces = 0;

	if (n == 0 || n > 40 || strchr(c, ':'))
		return 0;
	for (size_t i = 0; i < n; i++)
		spaces += c[i] == ' ';
	return spaces < 4 && c[n - 1] != '.' && c[n - 1] != '?';
}

/*
 * How row r reads as a turn: its cells, empty ones left out, as
 * (time, speaker, text...) when tcol is 0, (speaker, time, text...) when
 * 1, (speaker, text...) when -1. Sets *ms (or -1) and the speaker's and
 * the text's first cell; 0 if the row does not fit.
 */
static int row_turn(const struct table *t, size_t r, int tcol,
		    long long *ms, size_t *spk, size_t *text)
{
	size_t a = r ? t->row_end[r - 1] : 0, b = t->row_end[r], k = 0;
	size_t v[3];

	for (size_t i = a; i < b && k < 3; i++)
		if (*t->cells[i])
			v[k++] = i;
	if (k < (tcol < 0 ? 2u : 3u))
		return 0;
	*ms = -1;
	if (tcol >= 0) {
		*ms = import_parse_time(t->cells[v[tcol]],
					strlen(t->cells[v[tcol]]));
		if (*ms < 0)
			return 0;
		*spk = v[1 - tcol];
		*text = v[2];
	} else {
		*spk = v[0];
		*text = v[1];
	}
	return speaker_cell(t->cells[*spk]);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* How many rows read as turns with the time in column tcol (or none,
 * -1); *again: some speaker has two of them. */
static size_t rows_fitting(const struct table *t, int tcol, int *again)
{
	const char **spk = xcalloc(t->nrows + 1, sizeof(char *));
	size_t fit = 0, sp, tx;
	long long ms;

	for (size_t r = 0; r < t->nrows; r++)
		if (row_turn(t, r, tcol, &ms, &sp, &tx))
			spk[fit++] = t->cells[sp];
	qsort(spk, fit, sizeof(*spk), str_cmp);
	*again = 0;
	for (size_t i = 1; i < fit && !*again; i++)
		*again = !strcmp(spk[i - 1], spk[i]);
	free(spk);
	return fit;
}

/*
 * Typists and converters (AWS Transcribe to Word, tscribe) write a
 * transcript as a table: time, speaker, text. Such a table becomes
 * "[hh:mm:ss] Speaker: text" lines, which segmentation reads as turns;
 * any other table is flattened row by row, cells joined by " | ", and so
 * is a header row ("Spreker | Tekst"). A table is a transcript when all
 * its rows but the header fit, to one in five; a two-column (speaker,
 * text) one needs three such rows and a speaker who speaks twice.
 */
static void table_emit(struct walk *w, struct table *t)
{
	int shape = -2;		/* the time column, -1 none, -2 not a transcript */
	size_t spk, text;
	long long ms;

	/* the time first, second, or no time column */
	for (int k = 0; k < 3 && shape == -2; k++) {
		int tcol = k < 2 ? k : -1, again;
		size_t fit = rows_fitting(t, tcol, &again);
		if (fit >= (tcol < 0 ? 3u : 2u) && (tcol >= 0 || again) &&
		    fit * 5 >= (t->nrows - 1) * 4)
			shape = tcol;
	}
	for (size_t r = 0; r < t->nrows; r++) {
		size_t a = r ? t->row_end[r - 1] : 0, b = t->row_end[r];
		struct qc_buf line = QC_BUF_INIT;
		int turn = shape > -2 && row_turn(t, r, shape, &ms, &spk, &text);

		if (turn && r == 0 && !strpbrk(t->cells[text], " .,?!"))
			turn = 0;	/* the header row */
		if (turn) {
			if (ms >= 0)
				qc_buf_addf(&line, "[%02lld:%02lld:%02lld] ",
					    ms / 3600000, ms / 60000 % 60,
					    ms / 1000 % 60);
			qc_buf_addf(&line, "%s: ", t->cells[spk]);
			for (size_t i = text; i < b; i++)
				if (*t->cells[i])
					qc_buf_addf(&line, "%s%s", i > text ?
						    " " : "", t->cells[i]);
		} else {
			for (size_t i = a; i < b; i++)
				qc_buf_addf(&line, "%s%s", i > a ? " | " : "",
					    t->cells[i]);
		}
		if (line.len) {
			if (w->out->len)
				qc_buf_adds(w->out, "\n\n");
			qc_buf_add(w->out, line.buf, line.len);
		}
		qc_buf_release(&line);
	}
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->row_end);
	memset(t, 0, sizeof(*t));
}

static void docx_block(struct walk *w, const xmlNode *n)
{
	for (const xmlNode *c = n; c; c = c->next) {
		if (is(c, "p")) {
			docx_para(w, c);
		} else if (is(c, "tbl")) {
			struct table t = { 0 };
			for (const xmlNode *r = c->children; r; r = r->next) {
				if (!is(r, "tr"))
					continue;
				for (const xmlNode *k = r->children; k; k = k->next)
					if (is(k, "tc"))
						cell_text(w, k, docx_para, "p", &t);
				end_row(&t);
			}
			table_emit(w, &t);
		} else if (is(c, "sdt") || is(c, "sdtContent") ||
			   is(c, "customXml")) {
			docx_block(w, c->children);
		}
	}
}

/* ---- ODT ---- */

static int odt_is_bold(struct walk *w, const char *style)
{
	if (!style)
		return 0;
	for (size_t i = 0; i < w->nbold; i++)
		if (!strcmp(w->bold[i], style))
			return 1;
	return strstr(style, "Strong") != NULL;
}

static void odt_styles(struct walk *w, const xmlNode *n)
{
	for (const xmlNode *s = n; s; s = s->next) {
		char *name;
		if (!is(s, "style"))
			continue;
		name = attr(s, "name");
		for (const xmlNode *p = s->children; p && name; p = p->next) {
			char *fw;
			if (!is(p, "text-properties"))
				continue;
			fw = attr(p, "font-weight");
			if (fw && !strcmp(fw, "bold")) {
				w->bold = xreallocarray(w->bold, w->nbold + 1,
							sizeof(char *));
				w->bold[w->nbold++] = xstrdup(name);
			}
			xmlFree(fw);
		}
		xmlFree(name);
	}
}

static void odt_inline(struct walk *w, const xmlNode *n, int bold)
{
	for (const xmlNode *c = n; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			add_text(w, (const char *)c->content, bold);
		} else if (is(c, "span")) {
			char *st = attr(c, "style-name");
			odt_inline(w, c->children, bold || odt_is_bold(w, st));
			xmlFree(st);
		} else if (is(c, "s")) {
			char *cnt = attr(c, "c");
			int k = cnt ? atoi(cnt) : 1;
			xmlFree(cnt);
			for (int i = 0; i < k && i < 1000; i++)
				add_text(w, " ", bold);
		} else if (is(c, "tab")) {
			add_text(w, "\t", bold);
		} else if (is(c, "line-break")) {
			add_text(w, " ", bold);
		} else if (is(c, "annotation") || is(c, "note") ||
			   is(c, "tracked-changes") || is(c, "change") ||
			   is(c, "change-start") || is(c, "change-end") ||
			   is(c, "bookmark") || is(c, "annotation-end")) {
			continue;
		} else if (c->type == XML_ELEMENT_NODE) {
			odt_inline(w, c->children, bold);
		}
	}
}

static void odt_para(struct walk *w, const xmlNode *p)
{
	char *st = attr(p, "style-name");
	w->heading = is(p, "h");
	odt_inline(w, p->children, odt_is_bold(w, st));
	xmlFree(st);
	end_para(w);
}

static void odt_cell_para(struct walk *w, const xmlNode *p)
{
	odt_para(w, p);
}

static void odt_block(struct walk *w, const xmlNode *n)
{
	for (const xmlNode *c = n; c; c = c->next) {
		if (is(c, "p") || is(c, "h")) {
			odt_para(w, c);
		} else if (is(c, "table")) {
			struct table t = { 0 };
			for (const xmlNode *r = c->children; r; r = r->next) {
				if (is(r, "table-header-rows") ||
				    is(r, "table-rows")) {
					for (const xmlNode *x = r->children; x;
					     x = x->next) {
						if (!is(x, "table-row"))
							continue;
						for (const xmlNode *k = x->children;
						     k; k = k->next)
							if (is(k, "table-cell"))
								cell_text(w, k, odt_cell_para, "p", &t);
						end_row(&t);
					}
				}
				if (!is(r, "table-row"))
					continue;
				for (const xmlNode *k = r->children; k; k = k->next)
					if (is(k, "table-cell"))
						cell_text(w, k, odt_cell_para, "p", &t);
				end_row(&t);
			}
			table_emit(w, &t);
		} else if (is(c, "tracked-changes") || is(c, "annotation")) {
			continue;
		} else if (c->type == XML_ELEMENT_NODE) {
			/* list, list-item, section, ... */
			odt_block(w, c->children);
		}
	}
}

/* ---- the archive ---- */

/* Read one part through the guarded reader; 1 if it is not there. */
static int read_part(struct zipread *z, const char *name, char **data,
		     size_t *len, struct qc_err *e)
{
	struct qc_buf b = QC_BUF_INIT;
	long long idx = zipread_find(z, name);

	if (idx < 0)
		return 1;	/* not there */
	if (zipread_read(z, idx, &b, e) < 0) {
		qc_buf_release(&b);
		return -QC_EDATA;
	}
	*data = qc_buf_detach(&b, len);
	return 0;
}

static xmlDoc *parse_xml(const char *data, size_t len, const char *name,
			 struct qc_err *e)
{
	xmlDoc *doc;

	if (memchr(data, 0, len) || strstr(data, "<!DOCTYPE") ||
	    strstr(data, "<!ENTITY")) {
		qc_err_set(e, QC_EDATA, "part '%s' has a DOCTYPE or entity"
			   " declarations, which documents never need; refused",
			   name);
		return NULL;
	}
	if (len > INT32_MAX) {
		qc_err_set(e, QC_EDATA, "part '%s' is too large", name);
		return NULL;
	}
	doc = xmlReadMemory(data, (int)len, name, NULL, XML_PARSE_NONET |
			    XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
			    XML_PARSE_NOCDATA);
	if (!doc) {
		const xmlError *x = xmlGetLastError();
		qc_err_set(e, QC_EDATA, "part '%s' is not well-formed XML%s%s",
			   name, x && x->message ? ": " : "",
			   x && x->message ? x->message : "");
		/* libxml2 messages end with a newline */
		while (e->msg.len && (e->msg.buf[e->msg.len - 1] == '\n' ||
				      e->msg.buf[e->msg.len - 1] == ' '))
			qc_buf_setlen(&e->msg, e->msg.len - 1);
	}
	return doc;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

int import_zip_text(const char *data, size_t len, const char **format,
		    struct qc_buf *out, struct qc_err *e)
{
	static const struct zipread_limits lim = {
		.max_total = 4ULL << 30,
		.max_entry = IMPORT_MAX_PART,
		.max_ratio = IMPORT_MAX_RATIO,
		.max_entries = 200000,
	};
	struct zipread z;
	char *xml = NULL;
	size_t xlen = 0;
	int rc, odt = 0;
	xmlDoc *doc = NULL;
	struct walk w;

	if ((rc = zipread_open_mem(&z, data, len, &lim, e)) < 0)
		return rc;
	rc = read_part(&z, "word/document.xml", &xml, &xlen, e);
	if (rc == 1) {
		odt = 1;
		rc = read_part(&z, "content.xml", &xml, &xlen, e);
	}
	zipread_close(&z);
	if (rc == 1)
		return qc_err_set(e, QC_EDATA, "a zip archive, but neither a"
				  " DOCX nor an ODT document");
	if (rc < 0)
		return rc;
	*format = odt ? "odt" : "docx";
	doc = parse_xml(xml, xlen, odt ? "content.xml" : "word/document.xml", e);
	free(xml);
	if (!doc)
		return -QC_EDATA;
	memset(&w, 0, sizeof(w));
	w.out = out;
	w.lead_open = 1;
	{
		const xmlNode *root = xmlDocGetRootElement(doc);
		if (odt) {
			odt_styles(&w, child(child(root, "automatic-styles"),
					     "style") ?
				       child(root, "automatic-styles")->children :
				       NULL);
			odt_block(&w, child(child(root, "body"), "text") ?
				      child(child(root, "body"), "text")->children :
				      NULL);
		} else {
			const xmlNode *body = child(root, "body");
			docx_block(&w, body ? body->children : NULL);
		}
	}
	xmlFreeDoc(doc);
	qc_buf_release(&w.para);
	qc_buf_release(&w.lead);
	for (size_t i = 0; i < w.nbold; i++)
		free(w.bold[i]);
	free(w.bold);
	return 0;
}
