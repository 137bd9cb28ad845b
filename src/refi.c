/*
 * refi: what export and import share: the loss report, offset mapping,
 * GUIDs, the Description layout, the guarded archive and XML readers, and
 * validation against the bundled schemas.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "qcode/refi.h"
#include "qcode/text.h"
#include "refi_int.h"

/* ---- loss report ---- */

void refi_loss_init(struct refi_loss *l)
{
	qc_buf_init(&l->lines);
	qc_buf_init(&l->notes);
	l->n = 0;
}

void refi_loss_release(struct refi_loss *l)
{
	qc_buf_release(&l->lines);
	qc_buf_release(&l->notes);
	l->n = 0;
}

void refi_loss_add(struct refi_loss *l, const char *fmt, ...)
{
	va_list ap;

	if (!l)
		return;
	if (l->n++ >= REFI_LOSS_MAX)
		return;
	va_start(ap, fmt);
	qc_buf_vaddf(&l->lines, fmt, ap);
	va_end(ap);
	qc_buf_addch(&l->lines, '\n');
}

void refi_loss_note(struct refi_loss *l, const char *fmt, ...)
{
	va_list ap;

	if (!l)
		return;
	va_start(ap, fmt);
	qc_buf_vaddf(&l->notes, fmt, ap);
	va_end(ap);
	qc_buf_addch(&l->notes, '\n');
}

char *refi_loss_text(const struct refi_loss *l)
{
	struct qc_buf b = QC_BUF_INIT;

	qc_buf_add(&b, l->lines.buf, l->lines.len);
	if (l->n > REFI_LOSS_MAX)
		qc_buf_addf(&b, "... and %zu more not listed\n",
			    l->n - REFI_LOSS_MAX);
	if (l->n == 0)
		qc_buf_adds(&b, "nothing was lost\n");
	else
		qc_buf_addf(&b, "%zu element%s not carried over\n", l->n,
			    l->n == 1 ? "" : "s");
	return qc_buf_detach(&b, NULL);
}

/* ---- offsets through redaction ---- */

/* The shift of positions after the first k edits. */
static long long edits_shift(const struct refi_edit *ed, size_t k)
{
	long long d = 0;

	for (size_t i = 0; i < k; i++)
		d += (long long)ed[i].len - (long long)(ed[i].end - ed[i].start);
	return d;
}

/* Number of edits that end at or before pos (binary search). */
static size_t edits_before(const struct refi_edit *ed, size_t n, size_t pos)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ed[mid].end <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t refi_map_start(const struct refi_edit *ed, size_t n, size_t pos)
{
	size_t k = edits_before(ed, n, pos);

	if (k < n && ed[k].start <= pos && pos < ed[k].end)
		pos = ed[k].start;
	return (size_t)((long long)pos + edits_shift(ed, k));
}

size_t refi_map_end(const struct refi_edit *ed, size_t n, size_t pos)
{
	/* an end exactly at an edit's end maps after its replacement */
	size_t k = edits_before(ed, n, pos);

	if (k < n && ed[k].start < pos && pos < ed[k].end)
		return (size_t)((long long)ed[k].start + edits_shift(ed, k) +
				(long long)ed[k].len);
	return (size_t)((long long)pos + edits_shift(ed, k));
}

/* ---- GUIDs ---- */

int refi_guid_norm(const char *s, char out[37])
{
	static const int dash[] = { 8, 13, 18, 23 };
	size_t len;

	if (!s)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 38 && s[0] == '{' && s[37] == '}') {
		s++;
		len = 36;
	}
	if (len != 36)
		return -1;
	for (size_t i = 0, d = 0; i < 36; i++) {
		if (d < 4 && (int)i == dash[d]) {
			if (s[i] != '-')
				return -1;
			out[i] = '-';
			d++;
			continue;
		}
		if (!isxdigit((unsigned char)s[i]))
			return -1;
		out[i] = (char)toupper((unsigned char)s[i]);
	}
	out[36] = '\0';
	return 0;
}

void refi_guid_derive(const char *key, char out[37])
{
	char hex[65];
	char h[33];

	qc_sha256_hex(key, strlen(key), hex);
	memcpy(h, hex, 32);
	h[32] = '\0';
	h[12] = '8';	/* version 8: a name-based GUID of our own layout */
	h[16] = "89ab"[(hex[16] >= 'a' ? hex[16] - 'a' + 10 : hex[16] - '0') & 3];
	for (int i = 0; i < 32; i++)
		h[i] = (char)toupper((unsigned char)h[i]);
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12,
		 h + 16, h + 20);
}

/* ---- the Description layout ---- */

enum { F_INCL, F_EXCL, F_EXAMPLE, F_LESSON, F_RECO, F_SKILLS, F_PATTERNS,
       F_ID, F_COUNT };

static const char *const field_label[F_COUNT] = {
	"Inclusion", "Exclusion", "Example", "Lesson", "Recommendation",
	"Skills", "Patterns", "Id",
};

static char **code_text_field(struct refi_code_text *t, int f)
{
	switch (f) {
	case F_INCL: return &t->inclusion;
	case F_EXCL: return &t->exclusion;
	case F_EXAMPLE: return &t->example;
	case F_LESSON: return &t->lesson;
	case F_RECO: return &t->recommendation;
	case F_SKILLS: return &t->skills;
	case F_PATTERNS: return &t->patterns;
	default: return &t->short_id;
	}
}

static int is_blank(const char *s)
{
	if (!s)
		return 1;
	while (*s && isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

void refi_description_format(const struct refi_code_text *t, struct qc_buf *out)
{
	size_t start = out->len;

	if (!is_blank(t->definition))
		qc_buf_adds(out, t->definition);
	for (int f = 0; f < F_COUNT; f++) {
		const char *v = *code_text_field((struct refi_code_text *)t, f);

		if (is_blank(v))
			continue;
		if (out->len > start)
			qc_buf_adds(out, "\n\n");
		qc_buf_addf(out, "%s:", field_label[f]);
		if (f == F_SKILLS || f == F_PATTERNS) {
			const char *p = v;
			while (*p) {
				const char *nl = strchr(p, '\n');
				size_t n = nl ? (size_t)(nl - p) : strlen(p);
				if (n) {
					qc_buf_adds(out, "\n- ");
					qc_buf_add(out, p, n);
				}
				p += n + (nl ? 1 : 0);
			}
		} else {
			qc_buf_addf(out, " %s", v);
		}
	}
}

static int is_blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* The field a line starts, or -1: "Label:" at the line's start. */
static int line_label(const char *line, size_t n, size_t *skip)
{
	for (int f = 0; f < F_COUNT; f++) {
		size_t l = strlen(field_label[f]);
		if (n > l && strncasecmp(line, field_label[f], l) == 0 &&
		    line[l] == ':') {
			*skip = l + 1;
			if (*skip < n && line[*skip] == ' ')
				(*skip)++;
			return f;
		}
	}
	return -1;
}

static char *trimmed_dup(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return n ? xstrndup(s, n) : NULL;
}

void refi_description_parse(const char *desc, struct refi_code_text *t)
{
	struct qc_buf cur = QC_BUF_INIT;
	int field = -1;		/* -1: the definition */
	int prev_blank = 1;
	const char *p = desc ? desc : "";

	memset(t, 0, sizeof(*t));
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t skip = 0;
		int f = prev_blank ? line_label(p, n, &skip) : -1;

		if (n && p[n - 1] == '\r')
			n--;
		if (f >= 0 && !*code_text_field(t, f)) {
			char **dst = field < 0 ? &t->definition
					       : code_text_field(t, field);
			free(*dst);
			*dst = trimmed_dup(cur.buf, cur.len);
			qc_buf_reset(&cur);
			field = f;
			qc_buf_add(&cur, p + skip, n - skip);
		} else if ((field == F_SKILLS || field == F_PATTERNS) &&
			   n >= 2 && p[0] == '-' && p[1] == ' ') {
			if (cur.len)
				qc_buf_addch(&cur, '\n');
			qc_buf_add(&cur, p + 2, n - 2);
		} else if (field == F_SKILLS || field == F_PATTERNS) {
			if (n) {	/* a loose line: keep it as an item */
				if (cur.len)
					qc_buf_addch(&cur, '\n');
				qc_buf_add(&cur, p, n);
			}
		} else {
			if (cur.len || field >= 0)
				qc_buf_addch(&cur, '\n');
			qc_buf_add(&cur, p, n);
		}
		prev_blank = is_blank_line(p, n);
		if (!nl)
			break;
		p = nl + 1;
	}
	char **dst = field < 0 ? &t->definition : code_text_field(t, field);
	free(*dst);
	*dst = trimmed_dup(cur.buf, cur.len);
	qc_buf_release(&cur);
}

void refi_code_text_release(struct refi_code_text *t)
{
	free(t->definition);
	for (int f = 0; f < F_COUNT; f++)
		free(*code_text_field(t, f));
	memset(t, 0, sizeof(*t));
}

int refi_ends_with(const char *name, const char *suffix)
{
	size_t n = strlen(name), m = strlen(suffix);

	return n >= m && strcasecmp(name + n - m, suffix) == 0;
}

/* ---- the guarded archive ---- */

void refi_limits_default(struct refi_limits *lim)
{
	lim->max_total = 4ULL << 30;		/* 4 GiB in all */
	lim->max_entry = 2147483647ULL;		/* REFI-QDA 8.5 */
	lim->max_ratio = 200;
	lim->max_entries = 200000;
}

void refi_zip_limits(const struct refi_limits *lim, struct zipread_limits *zl)
{
	struct refi_limits d;

	if (!lim) {
		refi_limits_default(&d);
		lim = &d;
	}
	zl->max_total = lim->max_total;
	zl->max_entry = lim->max_entry;
	zl->max_ratio = lim->max_ratio;
	zl->max_entries = lim->max_entries;
}

/* ---- the guarded XML reader ---- */

struct refi_xml_src {
	struct zipread_entry en;	/* an archive's entry, when en.f is set */
	FILE *fp;
	const char *name;
	unsigned long long got, cap;
	int over;		/* the cap was hit */
	int root_seen;		/* the root element has started */
	struct qc_err err;	/* why reading stopped */
};

static int xml_src_read(void *ctx, char *buf, int len)
{
	struct refi_xml_src *s = ctx;
	long long n;

	if (s->over)
		return -1;
	if (s->en.f) {
		/* capped by the bytes produced: the entry's header may lie */
		n = zipread_entry_read(&s->en, buf, (size_t)len, &s->err);
		if (n < 0) {
			s->over = 1;
			return -1;
		}
	} else {
		n = (long long)fread(buf, 1, (size_t)len, s->fp);
		if (ferror(s->fp)) {
			qc_err_set(&s->err, QC_EIO, "cannot read '%s'", s->name);
			s->over = 1;
			return -1;
		}
	}
	/* Refuse a DTD before the parser sees it: no entity is ever
	 * declared, so none can be expanded or fetched. */
	for (long long i = 0; i < n && !s->root_seen; i++) {
		if (buf[i] != '<' || i + 1 >= n)
			continue;
		if (buf[i + 1] == '!' && i + 9 <= n &&
		    !strncmp(buf + i + 2, "DOCTYPE", 7)) {
			qc_err_set(&s->err, QC_EDATA,
				   "'%s' refused: it has a document type "
				   "declaration (DTD), which REFI files never "
				   "need and qcode does not read", s->name);
			s->over = 1;
			return -1;
		}
		if (isalpha((unsigned char)buf[i + 1]))
			s->root_seen = 1;
	}
	s->got += (unsigned long long)n;
	if (!s->en.f && s->got > s->cap) {
		qc_err_set(&s->err, QC_EDATA, "'%s' refused: larger than %llu bytes",
			   s->name, s->cap);
		s->over = 1;
		return -1;
	}
	return (int)n;
}

static int xml_src_close(void *ctx)
{
	(void)ctx;	/* refi_xml_close frees the source */
	return 0;
}

static void xml_collect(void *arg, xmlErrorPtr err)
{
	struct refi_xml *x = arg;

	if (!err || x->errs.len)
		return;
	qc_buf_addf(&x->errs, "line %d: %s", err->line,
		    err->message ? err->message : "malformed XML");
	while (x->errs.len && (x->errs.buf[x->errs.len - 1] == '\n'))
		qc_buf_setlen(&x->errs, x->errs.len - 1);
}

static xmlExternalEntityLoader saved_loader;
static int guard_depth;

static xmlParserInputPtr refuse_loader(const char *url, const char *id,
				       xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

void refi_xml_guard_on(void)
{
	if (guard_depth++ == 0) {
		saved_loader = xmlGetExternalEntityLoader();
		xmlSetExternalEntityLoader(refuse_loader);
	}
}

void refi_xml_guard_off(void)
{
	if (guard_depth > 0 && --guard_depth == 0)
		xmlSetExternalEntityLoader(saved_loader);
}

/* Safe parser options: no network, no entity substitution, no DTD load. */
#define REFI_XML_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

int refi_xml_open(struct refi_xml *x, struct zipread *z, long long idx,
		  const char *path, const struct refi_limits *lim,
		  struct qc_err *e)
{
	struct refi_xml_src *s = xcalloc(1, sizeof(*s));
	struct refi_limits dl;

	memset(x, 0, sizeof(*x));
	qc_buf_init(&x->errs);
	qc_err_init(&s->err);
	if (!lim) {
		refi_limits_default(&dl);
		lim = &dl;
	}
	s->cap = lim->max_entry;
	if (z) {
		if (zipread_entry_open(z, idx, &s->en, e) < 0) {
			zipread_entry_close(&s->en);
			qc_err_release(&s->err);
			free(s);
			return -QC_EDATA;
		}
		s->name = s->en.name;
	} else {
		s->name = path;
		s->fp = qc_fopen_regular(path, e);
		if (!s->fp) {
			int err = errno, code = e->code;
			free(s);
			if (code != QC_EIO)
				return -code;	/* not a regular file */
			return qc_err_set(e, QC_EIO, "cannot open '%s': %s", path,
					  err == ENOENT ? "no such file" :
					  strerror(err));
		}
	}
	x->src = s;
	x->name = s->name;
	x->r = xmlReaderForIO(xml_src_read, xml_src_close, s, NULL, NULL,
			      REFI_XML_OPTS);
	if (!x->r) {
		refi_xml_close(x);
		return qc_err_set(e, QC_EDATA, "cannot read '%s' as XML", path ? path : "entry");
	}
	xmlTextReaderSetStructuredErrorHandler(x->r, xml_collect, x);
	return 0;
}

int refi_xml_next(struct refi_xml *x, struct qc_err *e)
{
	int rc = xmlTextReaderRead(x->r);

	if (rc == 1 && xmlTextReaderNodeType(x->r) ==
	    XML_READER_TYPE_DOCUMENT_TYPE)
		return qc_err_set(e, QC_EDATA,
				  "'%s' refused: it has a document type "
				  "declaration (DTD), which REFI files never "
				  "need and qcode does not read", x->name);
	if (rc == 1 && xmlTextReaderNodeType(x->r) ==
	    XML_READER_TYPE_ENTITY_REFERENCE)
		return qc_err_set(e, QC_EDATA,
				  "'%s' refused: it uses an entity reference",
				  x->name);
	if (rc >= 0)
		return rc;
	return refi_xml_fail(x, e);
}

long long refi_xml_bytes(const struct refi_xml *x, long long *total)
{
	if (total)
		*total = x->src && x->src->en.f ? (long long)x->src->en.declared : 0;
	return x->src ? (long long)x->src->got : 0;
}

int refi_xml_fail(struct refi_xml *x, struct qc_err *e)
{
	if (x->src && x->src->err.code)
		return qc_err_set(e, x->src->err.code, "%s", x->src->err.msg.buf);
	return qc_err_set(e, QC_EDATA, "'%s' is not well-formed XML: %s", x->name,
			  x->errs.len ? x->errs.buf : "parse error");
}

void refi_xml_close(struct refi_xml *x)
{
	if (x->r)
		xmlFreeTextReader(x->r);
	x->r = NULL;
	if (x->src) {
		zipread_entry_close(&x->src->en);
		if (x->src->fp)
			fclose(x->src->fp);
		qc_err_release(&x->src->err);
		free(x->src);
		x->src = NULL;
	}
	qc_buf_release(&x->errs);
}

/* ---- validation ---- */

struct check_ctx {
	struct qc_buf *out;
	int n;
};

/* libxml2's schema messages name elements as '{urn:...}Code'; drop the
 * namespace and say it the way a researcher would. */
static void plain_words(struct qc_buf *b, const char *msg)
{
	const char *p = msg;

	while (*p) {
		if (*p == '{' && (!strncmp(p, "{urn:", 5) || !strncmp(p, "{http", 5))) {
			const char *q = strchr(p, '}');
			if (q) {
				p = q + 1;
				continue;
			}
		}
		qc_buf_addch(b, *p++);
	}
	while (b->len && (b->buf[b->len - 1] == '\n' || b->buf[b->len - 1] == ' '))
		qc_buf_setlen(b, b->len - 1);
}

static void check_error(void *arg, xmlErrorPtr err)
{
	struct check_ctx *c = arg;
	struct qc_buf m = QC_BUF_INIT;

	if (!err || err->level == XML_ERR_WARNING)
		return;
	plain_words(&m, err->message ? err->message : "invalid");
	/* a pattern nobody reads: say which value was refused */
	char *pat = strstr(m.buf, " is not accepted by the pattern");
	if (pat) {
		qc_buf_setlen(&m, (size_t)(pat - m.buf));
		qc_buf_adds(&m, " is not accepted");
	}
	c->n++;
	if (c->n > 200)
		return;
	qc_buf_addf(c->out, "line %d: ", err->line);
	/* A few frequent cases, said plainly. */
	if (strstr(m.buf, "is not a valid value of the atomic type 'GUIDType'") ||
	    (pat && (strstr(m.buf, "guid'") || strstr(m.buf, "GUID'") ||
		     strstr(m.buf, "User'"))))
		qc_buf_adds(c->out, "a GUID is not of the form "
			    "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX: ");
	else if (strstr(m.buf, "is not a valid value of the atomic type 'RGBType'") ||
		 (pat && strstr(m.buf, "color'")))
		qc_buf_adds(c->out, "a colour is not of the form #RRGGBB: ");
	else if (strstr(m.buf, "is required but missing"))
		qc_buf_adds(c->out, "a required attribute is missing: ");
	else if (strstr(m.buf, "This element is not expected"))
		qc_buf_adds(c->out, "an element is out of place or unknown: ");
	qc_buf_add(c->out, m.buf, m.len);
	qc_buf_addch(c->out, '\n');
	qc_buf_release(&m);
}

int refi_check_file(const char *path, struct qc_buf *problems, struct qc_err *e)
{
	int is_qdc = refi_ends_with(path, ".qdc");
	int is_zip = refi_ends_with(path, ".qdpx");
	const char *xsd_rel = is_qdc ? "codebooks/refi-qda/Codebook.xsd"
				     : "codebooks/refi-qda/Project-mrt2019.xsd";
	char *xsd = qc_data_file(xsd_rel);
	xmlSchemaParserCtxtPtr pc = NULL;
	xmlSchemaPtr schema = NULL;
	xmlSchemaValidCtxtPtr vc = NULL;
	struct zipread z;
	struct refi_xml x;
	struct check_ctx cc = { problems, 0 };
	int have_zip = 0, have_xml = 0, rc;

	memset(&z, 0, sizeof(z));
	if (!xsd)
		return qc_err_set(e, QC_EIO, "check: cannot find the schema '%s'",
				  xsd_rel);
	pc = xmlSchemaNewParserCtxt(xsd);
	schema = pc ? xmlSchemaParse(pc) : NULL;
	if (!schema) {
		rc = qc_err_set(e, QC_EIO, "check: cannot read the schema '%s'",
				xsd);
		goto out;
	}
	vc = xmlSchemaNewValidCtxt(schema);
	xmlSchemaSetValidStructuredErrors(vc, check_error, &cc);
	if (is_zip) {
		long long idx;
		struct zipread_limits zl;
		refi_zip_limits(NULL, &zl);
		if ((rc = zipread_open_file(&z, path, &zl, e)) < 0)
			goto out;
		have_zip = 1;
		idx = zipread_find(&z, "project.qde");
		if (idx < 0) {
			zip_int64_t n = zip_get_num_entries(z.za, 0);
			for (zip_int64_t i = 0; i < n && idx < 0; i++) {
				const char *nm = zip_get_name(z.za, (zip_uint64_t)i, 0);
				if (nm && !strchr(nm, '/') && refi_ends_with(nm, ".qde"))
					idx = i;
			}
			if (idx >= 0) {
				qc_buf_addf(problems, "the project file is called '%s'; "
					    "REFI-QDA 8.1 wants 'project.qde'\n",
					    zip_get_name(z.za, (zip_uint64_t)idx, 0));
				cc.n++;
			}
		}
		if (idx < 0) {
			rc = qc_err_set(e, QC_EDATA,
					"'%s' holds no project.qde", path);
			goto out;
		}
		rc = refi_xml_open(&x, &z, idx, NULL, NULL, e);
	} else {
		rc = refi_xml_open(&x, NULL, 0, path, NULL, e);
	}
	if (rc < 0)
		goto out;
	have_xml = 1;
	refi_xml_guard_on();
	/* the reader hands its own error handler to the validator: make it
	 * ours, so that parse and validity problems are both listed */
	xmlTextReaderSetStructuredErrorHandler(x.r, check_error, &cc);
	if (xmlTextReaderSchemaValidateCtxt(x.r, vc, 0) != 0) {
		refi_xml_guard_off();
		rc = qc_err_set(e, QC_EIO, "check: cannot start validation");
		goto out;
	}
	while ((rc = refi_xml_next(&x, e)) == 1)
		;
	refi_xml_guard_off();
	if (rc < 0)
		goto out;
	if (is_zip) {
		/* every internal:// text the project names must be there */
		zip_int64_t n = zip_get_num_entries(z.za, 0);
		for (zip_int64_t i = 0; i < n; i++) {
			const char *nm = zip_get_name(z.za, (zip_uint64_t)i, 0);
			if (nm && strncmp(nm, "sources/", 8) == 0 &&
			    strchr(nm + 8, '/'))
				cc.n++, qc_buf_addf(problems,
					"entry '%s': the sources folder must be "
					"flat (REFI-QDA 8.1)\n", nm);
		}
	}
	if (cc.n > 200)
		qc_buf_addf(problems, "... %d problems in all\n", cc.n);
	rc = cc.n;
out:
	if (have_xml)
		refi_xml_close(&x);
	if (have_zip)
		zipread_close(&z);
	if (vc)
		xmlSchemaFreeValidCtxt(vc);
	if (schema)
		xmlSchemaFree(schema);
	if (pc)
		xmlSchemaFreeParserCtxt(pc);
	free(xsd);
	return rc;
}
