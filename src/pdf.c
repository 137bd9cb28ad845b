/* pdf: page layout over libharu (see include/qcode/pdf.h). */
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "qcode/outfile.h"
#include "qcode/pdf.h"
#include "qcode/text.h"

/* A4 in points; the margins and page furniture of other sizes scale with
 * the width */
#define A4_W 595.276f
#define A4_H 841.89f

const struct pdf_rgb PDF_INK = { 0.13f, 0.15f, 0.19f };
const struct pdf_rgb PDF_MUTED = { 0.42f, 0.45f, 0.50f };
const struct pdf_rgb PDF_ACCENT = { 0.10f, 0.33f, 0.52f };
const struct pdf_rgb PDF_FACILITATING = { 0.16f, 0.55f, 0.38f };
const struct pdf_rgb PDF_HINDERING = { 0.80f, 0.33f, 0.20f };
const struct pdf_rgb PDF_BOX = { 0.91f, 0.95f, 0.98f };
const struct pdf_rgb PDF_BOX_EDGE = { 0.10f, 0.33f, 0.52f };

#define MAX_MISSING 16
/* bytes of an outline entry, a document info entry or the running
 * header: a reader shows one line, and libharu refuses a string over
 * 64 KiB (and then every call after) */
#define LINE_MAX_BYTES 1024

struct pdf {
	HPDF_Doc doc;
	float pw, ph;		/* the page size */
	float s;		/* pw / A4 width: scales margins */
	float mx, mt, mb;	/* the margins: left and right, top, bottom */
	struct pdf_palette pal;
	HPDF_Page page;
	HPDF_Font font[5];
	FcCharSet *chars[5];	/* what each face can draw */
	uint16_t *widths[5];	/* per face and BMP code point: 1 + its width
				   in 1/1000 em as drawn, 0: not measured */
	HPDF_Encoder utf8;
	HPDF_Outline outline[4];	/* the last entry at each level */
	HPDF_Page *pages;
	size_t npages;
	float y;		/* the cursor, from the bottom */
	char *header;
	char *footer;		/* a note in every footer, or NULL */
	struct qc_buf fixed;	/* text_at's copy with missing glyphs replaced */
	uint32_t missing[MAX_MISSING];
	size_t nmissing;
	struct qc_buf missing_text;
	HPDF_STATUS error;	/* the first failure: the handler's, or one
				   a return value showed */
	HPDF_STATUS detail;
	size_t max_pages;
	int full;		/* a page past max_pages was asked for */
};

_Static_assert(PDF_MAX_PAGES <= HPDF_LIMIT_MAX_ARRAY,
	       "the page tree is one array of pages");

static void HPDF_STDCALL on_error(HPDF_STATUS no, HPDF_STATUS detail,
				  void *data)
{
	struct pdf *p = data;
	if (!p->error) {
		p->error = no;
		p->detail = detail;
	}
}

/* Note a failure a libharu call returned without calling the handler. */
static void failed(struct pdf *p)
{
	if (!p->error) {
		p->error = HPDF_GetError(p->doc);
		p->detail = HPDF_GetErrorDetail(p->doc);
		if (!p->error)
			p->error = HPDF_INVALID_DOCUMENT;
	}
}

/* Once the document cannot be saved, drawing stops: nothing more is
 * added to a document that will be thrown away. */
static int stopped(const struct pdf *p)
{
	return p->full || p->error;
}

/* A libharu failure in words. */
static const char *error_text(HPDF_STATUS no)
{
	switch (no) {
	case HPDF_FAILD_TO_ALLOC_MEM:
		return "out of memory";
	case HPDF_STRING_OUT_OF_RANGE:
		return "a text is longer than a PDF string can be";
	default:
		return NULL;
	}
}

/* Why libharu failed, after what: the errno a file error stands for, or
 * words for the codes we know, or the codes themselves. */
static int haru_error(const struct pdf *p, const char *what,
		      struct qc_err *e)
{
	const char *why = error_text(p->error);

	if (p->error == HPDF_FILE_OPEN_ERROR)	/* the detail is the errno */
		why = strerror(p->detail ? (int)p->detail : EIO);
	if (why)
		return qc_err_set(e, QC_EIO, "%s: %s", what, why);
	return qc_err_set(e, QC_EIO, "%s (libharu error 0x%04lX, detail %lu)",
			  what, (unsigned long)p->error,
			  (unsigned long)p->detail);
}

/* s, or its first LINE_MAX_BYTES (cut at a code point) and an ellipsis
 * in b. */
static const char *clip(struct qc_buf *b, const char *s)
{
	size_t n = strlen(s);

	if (n <= LINE_MAX_BYTES)
		return s;
	n = LINE_MAX_BYTES;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	qc_buf_reset(b);
	qc_buf_add(b, s, n);
	qc_buf_adds(b, "\xe2\x80\xa6");
	return b->buf;
}

struct pdf_rgb pdf_hex(const char *s, struct pdf_rgb fallback)
{
	unsigned r, g, b;

	if (!s || s[0] != '#' || strlen(s) != 7 ||
	    sscanf(s + 1, "%2x%2x%2x", &r, &g, &b) != 3)
		return fallback;
	return (struct pdf_rgb){ r / 255.0f, g / 255.0f, b / 255.0f };
}

/* A font file by fontconfig pattern, with what it can draw; NULL when
 * only a stranger matches. */
static char *font_file(const char *pattern, const char *family,
		       FcCharSet **chars)
{
	FcPattern *pat = FcNameParse((const FcChar8 *)pattern), *m;
	FcResult res;
	FcChar8 *file = NULL, *fam = NULL;
	FcCharSet *cs = NULL;
	char *out = NULL;

	*chars = NULL;
	if (!pat)
		return NULL;
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	m = FcFontMatch(NULL, pat, &res);
	if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
	    FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch &&
	    strstr((const char *)fam, family) &&
	    strstr((const char *)file, ".ttf")) {
		out = xstrdup((const char *)file);
		if (FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) == FcResultMatch)
			*chars = FcCharSetCopy(cs);
	}
	if (m)
		FcPatternDestroy(m);
	FcPatternDestroy(pat);
	return out;
}

/* The family and characters of a font file given with --font. */
static int font_query(const char *file, char **family, FcCharSet **chars)
{
	int count = 0;
	FcPattern *pat = FcFreeTypeQuery((const FcChar8 *)file, 0, NULL, &count);
	FcChar8 *fam = NULL;
	FcCharSet *cs = NULL;

	*family = NULL;
	*chars = NULL;
	if (!pat)
		return -1;
	if (FcPatternGetString(pat, FC_FAMILY, 0, &fam) == FcResultMatch)
		*family = xstrdup((const char *)fam);
	if (FcPatternGetCharSet(pat, FC_CHARSET, 0, &cs) == FcResultMatch)
		*chars = FcCharSetCopy(cs);
	FcPatternDestroy(pat);
	return 0;
}

/* Write s to a stream unless an earlier write failed (*st). */
static void put(HPDF_Dict map, const char *s, HPDF_STATUS *st)
{
	if (*st == HPDF_OK)
		*st = HPDF_Stream_WriteStr(map->stream, s);
}

/*
 * libharu 2.3.0 gives a UTF-8 TrueType font a ToUnicode stream that is an
 * encoding CMap ("begincidrange <0000> <FFFF> 0", CMapName UTF-8), not a
 * ToUnicode map, so text extraction warns on every page and may map
 * nothing. Its content streams show each character as its 2-byte UCS-2 code
 * point (CIDToGIDMap takes the code to the glyph), so the right map is the
 * identity: write it as bfrange blocks, one range per high byte.
 */
static int fix_to_unicode(struct pdf *p, HPDF_Font font)
{
	HPDF_Dict dict = (HPDF_Dict)font, map;
	char line[64];
	int blocks = 0, n = 0;
	HPDF_STATUS st = HPDF_OK;	/* the first write that failed */

	map = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);
	if (!map)
		return -1;
	if (p->doc->compression_mode & HPDF_COMP_TEXT)
		map->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	put(map, "/CIDInit /ProcSet findresource begin\n"
		"12 dict begin\n"
		"begincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS)"
		" /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n"
		"/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n", &st);
	for (int hi = 0; hi < 256; hi++) {
		if (hi >= 0xD8 && hi <= 0xDF)	/* surrogates */
			continue;
		if (n == 0) {
			/* 248 ranges: blocks of 100, 100 and 48 */
			int left = 248 - blocks * 100;
			snprintf(line, sizeof(line), "%d beginbfrange\n",
				 left < 100 ? left : 100);
			put(map, line, &st);
		}
		snprintf(line, sizeof(line), "<%02X00> <%02XFF> <%02X00>\n",
			 hi, hi, hi);
		put(map, line, &st);
		if (++n == 100 || hi == 255) {
			put(map, "endbfrange\n", &st);
			n = 0;
			blocks++;
		}
	}
	put(map, "endcmap\n"
		"CMapName currentdict /CMap defineresource pop\n"
		"end\n"
		"end\n", &st);
	if (st != HPDF_OK)
		return -1;
	/* absent when libharu made no ToUnicode entry */
	HPDF_Dict_RemoveElement(dict, "ToUnicode");
	return HPDF_Dict_Add(dict, "ToUnicode", map) == HPDF_OK ? 0 : -1;
}

int pdf_open(const struct pdf_opts *o, struct pdf **out, struct qc_err *e)
{
	static const char *const pats[5][2] = {
		{ "DejaVu Sans:style=Book", "DejaVu Sans" },
		{ "DejaVu Sans:style=Bold", "DejaVu Sans" },
		{ "DejaVu Sans:style=Oblique", "DejaVu Sans" },
		{ "DejaVu Serif:style=Book", "DejaVu Serif" },
		{ "DejaVu Serif:style=Bold", "DejaVu Serif" },
	};
	/* the faces of a --font family: regular, bold, italic, regular, bold */
	static const char *const styles[5] = { NULL, "Bold", "Italic", NULL,
		"Bold" };
	struct pdf *p = xcalloc(1, sizeof(*p));
	HPDF_Date d = { 2026, 1, 1, 0, 0, 0, 'Z', 0, 0 };
	char *family = NULL;
	FcCharSet *given = NULL;

	*out = NULL;
	/* A5 148 x 210 mm, Letter 8.5 x 11 in */
	p->pw = o->size == PDF_A5 ? 419.528f : o->size == PDF_LETTER ? 612 : A4_W;
	p->ph = o->size == PDF_A5 ? 595.276f : o->size == PDF_LETTER ? 792 : A4_H;
	p->s = p->pw / A4_W;
	p->mx = 62 * p->s;
	p->mt = 70 * p->s;
	p->mb = 64 * p->s;
	p->pal = o->palette ? *o->palette : (struct pdf_palette){ PDF_ACCENT,
		PDF_FACILITATING, PDF_HINDERING };
	p->max_pages = o->max_pages && o->max_pages < PDF_MAX_PAGES ?
		       o->max_pages : PDF_MAX_PAGES;
	qc_buf_init(&p->fixed);
	qc_buf_init(&p->missing_text);
	p->doc = HPDF_New(on_error, p);
	if (!p->doc) {
		free(p);
		return qc_err_set(e, QC_EIO, "cannot start a PDF (out of memory)");
	}
	if (HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL) != HPDF_OK ||
	    HPDF_UseUTFEncodings(p->doc) != HPDF_OK ||
	    HPDF_SetCurrentEncoder(p->doc, "UTF-8") != HPDF_OK ||
	    !(p->utf8 = HPDF_GetEncoder(p->doc, "UTF-8"))) {
		pdf_free(p);
		return qc_err_set(e, QC_EIO, "cannot start a PDF (libharu has"
				  " no UTF-8 encoder)");
	}
	FcInit();
	if (o->font_file) {
		if (access(o->font_file, R_OK) != 0) {
			int err = errno;
			pdf_free(p);
			return qc_err_set(e, QC_EIO, "cannot read the font '%s': %s",
					  o->font_file, strerror(err));
		}
		if (font_query(o->font_file, &family, &given) < 0 || !family ||
		    !strstr(o->font_file, ".ttf")) {
			free(family);
			if (given)
				FcCharSetDestroy(given);
			pdf_free(p);
			return qc_err_set(e, QC_EDATA, "'%s' is no TrueType font"
					  " (.ttf)", o->font_file);
		}
	}
	for (int i = 0; i < 5; i++) {
		char *file = NULL;
		const char *name;
		if (family) {
			/* the bold or italic of the same family, else the file */
			if (styles[i]) {
				char *pat = xasprintf("%s:style=%s", family, styles[i]);
				file = font_file(pat, family, &p->chars[i]);
				free(pat);
			}
			if (!file) {
				file = xstrdup(o->font_file);
				p->chars[i] = given ? FcCharSetCopy(given) : NULL;
			}
		} else {
			file = font_file(pats[i][0], pats[i][1], &p->chars[i]);
		}
		if (!file) {
			pdf_free(p);
			return qc_err_set(e, QC_EIO, "font '%s' not found (install"
					  " the Debian package fonts-dejavu-core)",
					  pats[i][0]);
		}
		name = HPDF_LoadTTFontFromFile(p->doc, file, HPDF_TRUE);
		p->font[i] = name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
		if (!p->font[i] || fix_to_unicode(p, p->font[i]) < 0) {
			int rc = qc_err_set(e, QC_EIO, "cannot load the font '%s'",
					    file);
			free(file);
			free(family);
			if (given)
				FcCharSetDestroy(given);
			pdf_free(p);
			return rc;
		}
		free(file);
	}
	free(family);
	if (given)
		FcCharSetDestroy(given);
	if (o->created && sscanf(o->created, "%d-%d-%dT%d:%d:%d", &d.year,
				 &d.month, &d.day, &d.hour, &d.minutes,
				 &d.seconds) == 6)
		HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, d);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE,
			 clip(&p->fixed, o->title ? o->title : ""));
	if (o->author && *o->author)
		HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, clip(&p->fixed, o->author));
	if (o->subject && *o->subject)
		HPDF_SetInfoAttr(p->doc, HPDF_INFO_SUBJECT,
				 clip(&p->fixed, o->subject));
	if (o->keywords && *o->keywords)
		HPDF_SetInfoAttr(p->doc, HPDF_INFO_KEYWORDS,
				 clip(&p->fixed, o->keywords));
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "qcode");
	HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
	p->header = xstrdup(clip(&p->fixed, o->header ? o->header : ""));
	p->footer = o->footer && *o->footer ? xstrdup(o->footer) : NULL;
	pdf_page(p);
	/* the handler saw any failure of the calls above */
	if (p->error) {
		int rc = haru_error(p, "cannot start a PDF", e);
		pdf_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

int pdf_new(const char *title, const char *header, const char *created,
	    struct pdf **out, struct qc_err *e)
{
	struct pdf_opts o = { 0 };

	o.title = title;
	o.header = header;
	o.created = created;
	return pdf_open(&o, out, e);
}

int pdf_size_from_name(const char *name)
{
	if (!name)
		return -1;
	if (!strcasecmp(name, "A4"))
		return PDF_A4;
	if (!strcasecmp(name, "A5"))
		return PDF_A5;
	if (!strcasecmp(name, "Letter"))
		return PDF_LETTER;
	return -1;
}

int pdf_failed(const struct pdf *p)
{
	return stopped(p);
}

void pdf_footer_add(struct pdf *p, const char *note)
{
	char *f;

	if (!note || !*note)
		return;
	f = p->footer ? xasprintf("%s · %s", p->footer, note) : xstrdup(note);
	free(p->footer);
	p->footer = f;
}

size_t pdf_too_long(const struct pdf *p)
{
	return p->full ? p->max_pages : 0;
}

const char *pdf_missing(const struct pdf *p)
{
	return p->missing_text.len ? p->missing_text.buf : NULL;
}

void pdf_free(struct pdf *p)
{
	if (!p)
		return;
	if (p->doc)
		HPDF_Free(p->doc);
	for (int i = 0; i < 5; i++) {
		if (p->chars[i])
			FcCharSetDestroy(p->chars[i]);
		free(p->widths[i]);
	}
	free(p->pages);
	free(p->header);
	free(p->footer);
	qc_buf_release(&p->fixed);
	qc_buf_release(&p->missing_text);
	free(p);
	/* fontconfig's caches belong to the document that loaded them */
	FcFini();
}

float pdf_width(const struct pdf *p)
{
	(void)p;
	return p->pw - 2 * p->mx;
}

static void colour(struct pdf *p, struct pdf_rgb c)
{
	HPDF_Page_SetRGBFill(p->page, c.r, c.g, c.b);
}

/* Note a character the font cannot draw (once each). */
static void note_missing(struct pdf *p, int32_t cp)
{
	struct qc_buf ch = QC_BUF_INIT;

	for (size_t i = 0; i < p->nmissing; i++)
		if (p->missing[i] == (uint32_t)cp)
			return;
	if (p->nmissing == MAX_MISSING)
		return;
	p->missing[p->nmissing++] = (uint32_t)cp;
	text_utf8_put(&ch, cp);
	qc_buf_addf(&p->missing_text, "%sU+%04X '%s'",
		    p->missing_text.len ? ", " : "", (unsigned)cp, ch.buf);
	qc_buf_release(&ch);
}

/* s as the face can draw it: characters it lacks (and any beyond U+FFFF,
 * which libharu's 2-byte codes cannot carry) become U+FFFD or '?'. Returns
 * s itself when nothing changes. note: remember what was replaced. */
static const char *drawable(struct pdf *p, enum pdf_font f, const char *s,
			    int note)
{
	size_t len, i = 0, last = 0;
	int changed = 0;
	const char *q;

	for (q = s; *q && !((unsigned char)*q & 0x80); q++)
		;
	if (!*q || !p->chars[f])
		return s;
	len = strlen(s);
	if (text_utf8_invalid_at(s, len) != (size_t)-1)
		return s;
	qc_buf_reset(&p->fixed);
	while (i < len) {
		size_t at = i;
		int32_t cp = text_utf8_next(s, len, &i);
		if (cp < 0x80 || (cp <= 0xFFFF &&
				  FcCharSetHasChar(p->chars[f], (FcChar32)cp)))
			continue;
		if (note)
			note_missing(p, cp);
		qc_buf_add(&p->fixed, s + last, at - last);
		text_utf8_put(&p->fixed, FcCharSetHasChar(p->chars[f], 0xFFFD) ?
			      0xFFFD : '?');
		last = i;
		changed = 1;
	}
	if (!changed)
		return s;
	qc_buf_add(&p->fixed, s + last, len - last);
	return p->fixed.buf;
}

static void text_at(struct pdf *p, float x, float y, enum pdf_font f,
		    float size, const char *s)
{
	if (stopped(p))
		return;
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->font[f], size);
	HPDF_Page_TextOut(p->page, x, y, drawable(p, f, s, 1));
	HPDF_Page_EndText(p->page);
}

/* The width of one code point as drawn (in 1/1000 em), measured once per
 * face: libharu looks each character up in the font's tables again on
 * every call, and wrapping measures every word. */
static unsigned glyph_w(struct pdf *p, enum pdf_font f, int32_t cp)
{
	struct qc_buf ch = QC_BUF_INIT;
	const char *d;
	HPDF_TextWidth tw;
	size_t at = (size_t)(cp >= 0 && cp <= 0xFFFF ? cp : 0xFFFD);

	if (!p->widths[f])
		p->widths[f] = xcalloc(0x10000, sizeof(uint16_t));
	if (p->widths[f][at])
		return p->widths[f][at] - 1u;
	text_utf8_put(&ch, (int32_t)at);
	d = drawable(p, f, ch.buf, 0);
	tw = HPDF_Font_TextWidth(p->font[f], (const HPDF_BYTE *)d,
				 (HPDF_UINT)strlen(d));
	qc_buf_release(&ch);
	if (tw.width < 0xFFFF)
		p->widths[f][at] = (uint16_t)(tw.width + 1);
	return tw.width;
}

/* Measured from the font, as HPDF_Page_TextWidth does (no character or
 * word spacing is set, and libharu does no kerning, so widths add up),
 * without writing a font change into the page: n bytes of s. */
static float span_w(struct pdf *p, enum pdf_font f, float size, const char *s,
		    size_t n)
{
	size_t i = 0;
	unsigned long w = 0;

	if (text_utf8_invalid_at(s, n) != (size_t)-1) {
		HPDF_TextWidth tw = HPDF_Font_TextWidth(p->font[f],
			(const HPDF_BYTE *)s, (HPDF_UINT)n);
		return (float)tw.width * size / 1000;
	}
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp = c < 0x80 ? (i++, c) : text_utf8_next(s, n, &i);
		w += glyph_w(p, f, cp);
	}
	return (float)w * size / 1000;
}

static float text_w(struct pdf *p, enum pdf_font f, float size, const char *s)
{
	return span_w(p, f, size, s, strlen(s));
}

float pdf_text_width(struct pdf *p, enum pdf_font f, float size, const char *s)
{
	return text_w(p, f, size, s ? s : "");
}

void pdf_page(struct pdf *p)
{
	HPDF_Page pg;

	/* the cursor goes to the top even when no page is added, so that no
	 * caller asks for one again and again */
	p->y = p->ph - p->mt;
	if (stopped(p))
		return;
	/* refused here, before libharu's page tree is full (it fails there,
	 * and a NULL page crashes its drawing calls) */
	if (p->npages >= p->max_pages) {
		p->full = 1;
		return;
	}
	pg = HPDF_AddPage(p->doc);
	if (!pg || HPDF_Page_SetWidth(pg, p->pw) != HPDF_OK ||
	    HPDF_Page_SetHeight(pg, p->ph) != HPDF_OK) {
		failed(p);
		return;
	}
	p->page = pg;
	/* room doubles at each power of two */
	if ((p->npages & (p->npages - 1)) == 0)
		p->pages = xreallocarray(p->pages, p->npages ? 2 * p->npages : 1,
					 sizeof(*p->pages));
	p->pages[p->npages++] = p->page;
	if (p->npages > 1 && *p->header) {
		colour(p, PDF_MUTED);
		text_at(p, p->mx, p->ph - 40 * p->s, PDF_REGULAR, 8, p->header);
		HPDF_Page_SetRGBStroke(p->page, 0.80f, 0.82f, 0.85f);
		HPDF_Page_SetLineWidth(p->page, 0.5f);
		HPDF_Page_MoveTo(p->page, p->mx, p->ph - 46 * p->s);
		HPDF_Page_LineTo(p->page, p->pw - p->mx, p->ph - 46 * p->s);
		HPDF_Page_Stroke(p->page);
	}
}

void pdf_fresh_page(struct pdf *p)
{
	if (p->y < p->ph - p->mt)
		pdf_page(p);
}

void pdf_need(struct pdf *p, float h)
{
	if (p->y - h < p->mb)
		pdf_page(p);
}

void pdf_skip(struct pdf *p, float h)
{
	p->y -= h;
	if (p->y < p->mb)
		pdf_page(p);
}

/* ---- wrapping ---- */

struct lines {
	char **v;
	size_t n, cap;
};

static void lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static void push_line(struct lines *l, const char *s, size_t n)
{
	/* doubling: a long text has a million lines */
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof(char *));
	}
	l->v[l->n++] = xstrndup(s, n);
}

/* The n bytes at s, a word wider than the line, as lines of at most width
 * points, cut between code points (at least one on each line) where the
 * running width runs out; the last piece, which fits, goes to cur. Each
 * code point is measured once: cutting is linear in the word. */
static void cut_word(struct pdf *p, const char *s, size_t n, enum pdf_font f,
		     float size, float width, struct lines *out,
		     struct qc_buf *cur, float *cur_w)
{
	size_t i = 0, start = 0;
	unsigned long run = 0;	/* the width of s[start, i) in 1/1000 em */

	while (i < n) {
		size_t at = i;
		unsigned char c = (unsigned char)s[i];
		int32_t cp = c < 0x80 ? (i++, c) : text_utf8_next(s, n, &i);
		unsigned g = glyph_w(p, f, cp);

		/* the sum as span_w makes it, so a line that fits here fits
		 * when measured again */
		if (at > start && (float)(run + g) * size / 1000 > width) {
			push_line(out, s + start, at - start);
			start = at;
			run = 0;
		}
		run += g;
	}
	qc_buf_add(cur, s + start, n - start);
	*cur_w = (float)run * size / 1000;
}

/* Greedy word wrap; '\n' breaks a line; a word wider than the line is cut.
 * Widths add up (libharu does no kerning), so each word is measured once. */
static void wrap(struct pdf *p, const char *text, enum pdf_font f, float size,
		 float width, struct lines *out)
{
	struct qc_buf cur = QC_BUF_INIT;
	const char *s = text ? text : "";
	float space = text_w(p, f, size, " "), cur_w = 0;

	out->v = NULL;
	out->n = out->cap = 0;
	while (*s) {
		size_t wl = strcspn(s, " \n");
		float ww = span_w(p, f, size, s, wl);

		if (cur.len && cur_w + space + ww > width) {
			push_line(out, cur.buf, cur.len);
			qc_buf_reset(&cur);
			cur_w = 0;
		}
		if (cur.len) {
			qc_buf_addch(&cur, ' ');
			cur_w += space;
		}
		if (!cur.len && ww > width && wl > 1) {
			/* wider than a line of its own */
			cut_word(p, s, wl, f, size, width, out, &cur, &cur_w);
		} else {
			qc_buf_add(&cur, s, wl);
			cur_w += ww;
		}
		s += wl;
		if (*s == '\n') {
			push_line(out, cur.buf ? cur.buf : "", cur.len);
			qc_buf_reset(&cur);
			cur_w = 0;
			s++;
		} else if (*s == ' ') {
			s++;
		}
	}
	if (cur.len || !out->n)
		push_line(out, cur.buf ? cur.buf : "", cur.len);
	qc_buf_release(&cur);
}

size_t pdf_wrap(struct pdf *p, const char *text, enum pdf_font f, float size,
		float width, char ***lines)
{
	struct lines l;

	wrap(p, text, f, size, width, &l);
	*lines = l.v;
	return l.n;
}

float pdf_para_height(struct pdf *p, const char *text, enum pdf_font f,
		      float size, float width)
{
	struct lines l;
	float h;

	wrap(p, text, f, size, width, &l);
	h = (float)l.n * size * 1.4f;
	lines_free(&l);
	return h;
}

/* Draw wrapped lines from the cursor, breaking pages between lines. */
static void draw_lines(struct pdf *p, const struct lines *l, float x,
		       enum pdf_font f, float size, struct pdf_rgb c)
{
	float lead = size * 1.4f;

	for (size_t i = 0; i < l->n && !stopped(p); i++) {
		if (p->y - lead < p->mb)
			pdf_page(p);
		colour(p, c);
		text_at(p, x, p->y - size, f, size, l->v[i]);
		p->y -= lead;
	}
}

void pdf_para(struct pdf *p, const char *text, enum pdf_font f, float size,
	      float indent, struct pdf_rgb c)
{
	struct lines l;

	if (stopped(p))
		return;
	wrap(p, text, f, size, pdf_width(p) - indent, &l);
	/* keep two lines together at the bottom of a page */
	pdf_need(p, size * 1.4f * (l.n > 1 ? 2 : 1));
	draw_lines(p, &l, p->mx + indent, f, size, c);
	lines_free(&l);
}

static void outline_add(struct pdf *p, int level, const char *text);

void pdf_cover(struct pdf *p, const char *kicker, const char *title,
	       const char *subtitle, int n, const char *const *labels,
	       const char *const *values, const char *footer)
{
	struct lines l;
	float y;

	if (stopped(p))
		return;
	HPDF_Page_SetRGBFill(p->page, p->pal.accent.r, p->pal.accent.g, p->pal.accent.b);
	HPDF_Page_Rectangle(p->page, 0, p->ph - 330 * p->s, p->pw, 330 * p->s);
	HPDF_Page_Fill(p->page);
	HPDF_Page_SetRGBFill(p->page, p->pal.facilitating.r,
			     p->pal.facilitating.g, p->pal.facilitating.b);
	HPDF_Page_Rectangle(p->page, 0, p->ph - 336 * p->s, p->pw, 6);
	HPDF_Page_Fill(p->page);
	y = p->ph - 120 * p->s;
	HPDF_Page_SetRGBFill(p->page, 0.80f, 0.88f, 0.95f);
	text_at(p, p->mx, y, PDF_BOLD, 10, kicker ? kicker : "");
	y -= 40;
	wrap(p, title, PDF_SERIF_BOLD, 28, pdf_width(p), &l);
	for (size_t i = 0; i < l.n; i++) {
		HPDF_Page_SetRGBFill(p->page, 1, 1, 1);
		text_at(p, p->mx, y, PDF_SERIF_BOLD, 28, l.v[i]);
		y -= 36;
	}
	lines_free(&l);
	if (subtitle && *subtitle) {
		wrap(p, subtitle, PDF_REGULAR, 14, pdf_width(p), &l);
		y -= 4;
		for (size_t i = 0; i < l.n; i++) {
			HPDF_Page_SetRGBFill(p->page, 0.88f, 0.93f, 0.97f);
			text_at(p, p->mx, y, PDF_REGULAR, 14, l.v[i]);
			y -= 20;
		}
		lines_free(&l);
	}
	p->y = p->ph - 40;
	outline_add(p, 1, title ? title : "");
	p->y = p->ph - 400 * p->s;
	for (int i = 0; i < n; i++) {
		if (!values[i] || !*values[i])
			continue;
		colour(p, PDF_MUTED);
		text_at(p, p->mx, p->y - 9, PDF_BOLD, 8.5f, labels[i]);
		wrap(p, values[i], PDF_REGULAR, 11, pdf_width(p) - 110, &l);
		for (size_t k = 0; k < l.n; k++) {
			colour(p, PDF_INK);
			text_at(p, p->mx + 110, p->y - 10, PDF_REGULAR, 11, l.v[k]);
			p->y -= 16;
		}
		lines_free(&l);
		p->y -= 8;
	}
	if (footer) {
		/* wrapped: on a narrow page it takes two lines */
		float fy = 60 * p->s;
		wrap(p, footer, PDF_REGULAR, 8.5f, pdf_width(p), &l);
		fy += (float)(l.n - 1) * 8.5f * 1.4f;
		for (size_t i = 0; i < l.n; i++) {
			colour(p, PDF_MUTED);
			text_at(p, p->mx, fy, PDF_REGULAR, 8.5f, l.v[i]);
			fy -= 8.5f * 1.4f;
		}
		lines_free(&l);
	}
	pdf_page(p);
}

static const float heading_sizes[] = { 26, 17, 13, 11 };

static int heading_level(int level)
{
	return level < 0 ? 0 : level > 3 ? 3 : level;
}

float pdf_heading_height(struct pdf *p, int level, const char *text)
{
	float size = heading_sizes[heading_level(level)];
	enum pdf_font f = level <= 1 ? PDF_SERIF_BOLD : PDF_BOLD;

	level = heading_level(level);
	return (level >= 1 ? (level == 1 ? 8 : 6) : 0) +
	       pdf_para_height(p, text, f, size, pdf_width(p)) +
	       (level <= 1 ? 10 : 3);
}

/* An outline entry at level (1 to 3) for the cursor's place. */
static void outline_add(struct pdf *p, int level, const char *text)
{
	HPDF_Outline parent = NULL, o;	/* NULL: the root */
	HPDF_Destination d;
	struct qc_buf cut = QC_BUF_INIT;

	if (stopped(p))
		return;
	text = clip(&cut, text);
	/* two levels: a level-3 heading sits beside the level-2 ones */
	level = level < 1 ? 1 : level > 2 ? 2 : level;
	for (int l = level - 1; l >= 1; l--)
		if (p->outline[l]) {
			parent = p->outline[l];
			break;
		}
	o = HPDF_CreateOutline(p->doc, parent, drawable(p, PDF_REGULAR, text, 0),
			       p->utf8);
	qc_buf_release(&cut);
	d = o ? HPDF_Page_CreateDestination(p->page) : NULL;
	if (!d) {
		failed(p);
		return;
	}
	/* [page /XYZ null top null]: to the heading at the reader's zoom
	 * (SetXYZ refuses a null zoom); Array_Add refuses a NULL object */
	HPDF_Array_Clear(d);
	if (HPDF_Array_Add(d, p->page) != HPDF_OK ||
	    HPDF_Array_AddName(d, "XYZ") != HPDF_OK ||
	    HPDF_Array_Add(d, HPDF_Null_New(p->doc->mmgr)) != HPDF_OK ||
	    HPDF_Array_AddReal(d, p->y + 12) != HPDF_OK ||
	    HPDF_Array_Add(d, HPDF_Null_New(p->doc->mmgr)) != HPDF_OK ||
	    HPDF_Outline_SetDestination(o, d) != HPDF_OK ||
	    HPDF_Outline_SetOpened(o, level == 1 ? HPDF_TRUE : HPDF_FALSE) !=
	    HPDF_OK) {
		failed(p);
		return;
	}
	p->outline[level] = o;
	for (int l = level + 1; l < 4; l++)
		p->outline[l] = NULL;
}

void pdf_heading_keep(struct pdf *p, int level, const char *text,
		      struct pdf_rgb c, float keep)
{
	float size = heading_sizes[heading_level(level)];
	enum pdf_font f = level <= 1 ? PDF_SERIF_BOLD : PDF_BOLD;

	if (stopped(p))
		return;
	/* a heading never ends a page: keep room for what follows */
	pdf_need(p, pdf_heading_height(p, level, text) + (keep > 0 ? keep : 60));
	if (level >= 1 && p->y < p->ph - p->mt)
		pdf_skip(p, level == 1 ? 8 : 6);
	outline_add(p, level, text);
	pdf_para(p, text, f, size, 0, c);
	if (level == 1) {
		HPDF_Page_SetRGBStroke(p->page, c.r, c.g, c.b);
		HPDF_Page_SetLineWidth(p->page, 1.2f);
		HPDF_Page_MoveTo(p->page, p->mx, p->y + 2);
		HPDF_Page_LineTo(p->page, p->mx + 60, p->y + 2);
		HPDF_Page_Stroke(p->page);
	}
	p->y -= level <= 1 ? 10 : 3;
}

void pdf_heading(struct pdf *p, int level, const char *text, struct pdf_rgb c)
{
	pdf_heading_keep(p, level, text, c, 0);
}

void pdf_bullet(struct pdf *p, const char *text, float indent)
{
	struct lines l;

	if (stopped(p))
		return;
	wrap(p, text, PDF_REGULAR, 10, pdf_width(p) - indent - 12, &l);
	pdf_need(p, 14);
	colour(p, p->pal.accent);
	text_at(p, p->mx + indent, p->y - 10, PDF_BOLD, 10, "\xe2\x80\xa2");
	draw_lines(p, &l, p->mx + indent + 12, PDF_REGULAR, 10, PDF_INK);
	lines_free(&l);
	p->y -= 2;
}

/* The coloured bar beside a quote, from top down to the cursor. */
static void draw_bar(struct pdf *p, struct pdf_rgb bar, float top)
{
	if (top - p->y > 2) {
		HPDF_Page_SetRGBFill(p->page, bar.r, bar.g, bar.b);
		HPDF_Page_Rectangle(p->page, p->mx + 8, p->y + 2, 2.5f,
				    top - p->y - 2);
		HPDF_Page_Fill(p->page);
	}
}

float pdf_quote_height(struct pdf *p, const char *text, const char *who)
{
	float h = pdf_para_height(p, text, PDF_ITALIC, 9.5f, pdf_width(p) - 30) +
		  pdf_para_height(p, who, PDF_REGULAR, 8, pdf_width(p) - 30) + 5;
	return h < 200 ? h + 6 : 200;
}

/* Marked text: the words between U+E000 and U+E001 (the marks are not
 * drawn). The text without them, and per word as wrap splits words (at
 * spaces and line ends) its length and whether it is marked. */
struct marks {
	char *text;
	size_t *len;
	unsigned char *on;
	size_t n;
};

static void marks_read(const char *text, struct marks *m)
{
	struct qc_buf b = QC_BUF_INIT;
	int in = 0;
	size_t start = 0, alloc = 16;

	memset(m, 0, sizeof(*m));
	if (!strstr(text, "\xee\x80\x80")) {
		/* nothing marked: the text as it is */
		m->text = xstrdup(text);
		return;
	}
	m->len = xcalloc(alloc, sizeof(size_t));
	m->on = xcalloc(alloc, 1);
	m->n = 1;
	for (const char *s = text; *s; s++) {
		if (!strncmp(s, "\xee\x80\x80", 3) || !strncmp(s, "\xee\x80\x81", 3)) {
			in = s[2] == '\x80';
			s += 2;
			continue;
		}
		if (*s == ' ' || *s == '\n') {
			m->len[m->n - 1] = b.len - start;
			qc_buf_addch(&b, *s);
			start = b.len;
			if (m->n == alloc) {
				alloc *= 2;
				m->len = xreallocarray(m->len, alloc, sizeof(size_t));
				m->on = xreallocarray(m->on, alloc, 1);
			}
			m->len[m->n] = 0;
			m->on[m->n] = 0;
			m->n++;
			continue;
		}
		qc_buf_addch(&b, *s);
		m->on[m->n - 1] |= (unsigned char)in;
	}
	m->len[m->n - 1] = b.len - start;
	m->text = qc_buf_detach(&b, NULL);
}

static void marks_release(struct marks *m)
{
	free(m->text);
	free(m->len);
	free(m->on);
}

/* The highlight behind the marked words of line (its words from *wi,
 * *off bytes into the first), drawn at x on the line the cursor is at. */
static void mark_line(struct pdf *p, const struct marks *m, const char *line,
		      size_t *wi, size_t *off, float x, float size,
		      struct pdf_rgb c)
{
	float space = text_w(p, PDF_ITALIC, size, " ");

	for (const char *t = line;;) {
		size_t tl = strcspn(t, " ");
		char *tok = xstrndup(t, tl);
		float tw = text_w(p, PDF_ITALIC, size, tok);
		if (*wi < m->n && m->on[*wi] && tl) {
			HPDF_Page_SetRGBFill(p->page, c.r, c.g, c.b);
			HPDF_Page_Rectangle(p->page, x - 1, p->y - size - 2.5f,
					    tw + (t[tl] == ' ' && *wi + 1 < m->n &&
						  m->on[*wi + 1] ? space : 0) + 2,
					    size * 1.3f);
			HPDF_Page_Fill(p->page);
		}
		free(tok);
		/* a word cut over two lines is one word */
		if (*wi < m->n && *off + tl < m->len[*wi]) {
			*off += tl;
		} else {
			(*wi)++;
			*off = 0;
		}
		x += tw + space;
		if (!t[tl])
			break;
		t += tl + 1;
	}
}

void pdf_quote(struct pdf *p, const char *text, const char *who,
	       struct pdf_rgb bar)
{
	pdf_quote_marked(p, text, who, bar, bar);
}

void pdf_quote_marked(struct pdf *p, const char *marked, const char *who,
		      struct pdf_rgb bar, struct pdf_rgb mark)
{
	struct lines l, w;
	float x = p->mx + 18, top, h;
	struct marks m;
	size_t wi = 0, off = 0;
	const char *text;

	if (stopped(p))
		return;
	marks_read(marked, &m);
	text = m.text;
	wrap(p, text, PDF_ITALIC, 9.5f, pdf_width(p) - 30, &l);
	wrap(p, who, PDF_REGULAR, 8, pdf_width(p) - 30, &w);
	h = (float)l.n * 9.5f * 1.4f + (float)w.n * 8 * 1.4f + 4;
	/* short quotes stay on one page; long ones keep two lines */
	pdf_need(p, h < 200 ? h + 4 : 9.5f * 1.4f * 2);
	top = p->y;
	for (size_t i = 0; i < l.n; i++) {
		struct lines one = { &l.v[i], 1, 1 };
		if (p->y - 9.5f * 1.4f < p->mb) {
			/* the bar of the part on this page, then go on */
			draw_bar(p, bar, top);
			pdf_page(p);
			top = p->y;
		}
		if (m.n)
			mark_line(p, &m, l.v[i], &wi, &off, x, 9.5f, mark);
		draw_lines(p, &one, x, PDF_ITALIC, 9.5f, PDF_INK);
	}
	p->y -= 1;
	if (p->y - 8 * 1.4f * (float)w.n < p->mb) {
		draw_bar(p, bar, top);
		pdf_page(p);
		top = p->y;
	}
	draw_lines(p, &w, x, PDF_REGULAR, 8, PDF_MUTED);
	draw_bar(p, bar, top);
	p->y -= 6;
	lines_free(&l);
	lines_free(&w);
	marks_release(&m);
}

void pdf_box(struct pdf *p, const char *title, const char *text,
	     struct pdf_rgb fill, struct pdf_rgb edge)
{
	struct lines t, b;
	float pad = 10, w = pdf_width(p), h;

	if (stopped(p))
		return;
	wrap(p, title, PDF_BOLD, 10, w - 2 * pad - 6, &t);
	wrap(p, text, PDF_REGULAR, 10.5f, w - 2 * pad - 6, &b);
	h = (float)t.n * 14 + (float)b.n * 10.5f * 1.4f + 2 * pad + 4;
	pdf_need(p, h + 6);
	HPDF_Page_SetRGBFill(p->page, fill.r, fill.g, fill.b);
	HPDF_Page_Rectangle(p->page, p->mx, p->y - h, w, h);
	HPDF_Page_Fill(p->page);
	HPDF_Page_SetRGBFill(p->page, edge.r, edge.g, edge.b);
	HPDF_Page_Rectangle(p->page, p->mx, p->y - h, 4, h);
	HPDF_Page_Fill(p->page);
	p->y -= pad;
	draw_lines(p, &t, p->mx + pad + 6, PDF_BOLD, 10, edge);
	p->y -= 4;
	draw_lines(p, &b, p->mx + pad + 6, PDF_REGULAR, 10.5f, PDF_INK);
	p->y -= pad + 6;
	lines_free(&t);
	lines_free(&b);
}

void pdf_rules(struct pdf *p, int n)
{
	if (stopped(p))
		return;
	pdf_need(p, 20.0f * (float)n + 8);
	for (int i = 0; i < n; i++) {
		p->y -= 20;
		HPDF_Page_SetRGBStroke(p->page, 0.75f, 0.78f, 0.82f);
		HPDF_Page_SetLineWidth(p->page, 0.5f);
		HPDF_Page_MoveTo(p->page, p->mx, p->y);
		HPDF_Page_LineTo(p->page, p->pw - p->mx, p->y);
		HPDF_Page_Stroke(p->page);
	}
	p->y -= 8;
}

/* ---- tables ---- */

static float row_height(struct pdf *p, int ncols, const float *widths,
			const char *const *cells, enum pdf_font f)
{
	float h = 0;

	for (int c = 0; c < ncols; c++) {
		float ch = pdf_para_height(p, cells[c], f, 8.5f, widths[c] - 8);
		if (ch > h)
			h = ch;
	}
	return h + 6;
}

static void draw_row(struct pdf *p, int ncols, const float *widths,
		     const char *const *cells, enum pdf_font f, unsigned right,
		     int shade)
{
	float x = p->mx, h = row_height(p, ncols, widths, cells, f);
	float total = 0;

	for (int c = 0; c < ncols; c++)
		total += widths[c];
	if (shade) {
		HPDF_Page_SetRGBFill(p->page, shade == 2 ? 0.88f : 0.96f,
				     shade == 2 ? 0.91f : 0.97f,
				     shade == 2 ? 0.95f : 0.98f);
		HPDF_Page_Rectangle(p->page, p->mx, p->y - h, total, h);
		HPDF_Page_Fill(p->page);
	}
	for (int c = 0; c < ncols; c++) {
		struct lines l;
		float y = p->y - 3;
		wrap(p, cells[c], f, 8.5f, widths[c] - 8, &l);
		for (size_t i = 0; i < l.n; i++) {
			float tx = x + 4;
			if (right & (1u << c))
				tx = x + widths[c] - 4 - text_w(p, f, 8.5f, l.v[i]);
			colour(p, PDF_INK);
			text_at(p, tx, y - 8.5f, f, 8.5f, l.v[i]);
			y -= 8.5f * 1.4f;
		}
		lines_free(&l);
		x += widths[c];
	}
	p->y -= h;
}

void pdf_table(struct pdf *p, int ncols, const float *widths,
	       const char *const *header, const char *const *cells, int nrows,
	       unsigned right)
{
	float hh;

	if (stopped(p))
		return;
	hh = row_height(p, ncols, widths, header, PDF_BOLD);
	/* the last rows (up to 4) stay with the end of the table, and a
	 * short table stays whole */
	{
		float tail = 0;
		int from = nrows > 4 ? nrows - 4 : 0;
		for (int r = from; r < nrows; r++)
			tail += row_height(p, ncols, widths,
					   cells + (size_t)r * ncols, PDF_REGULAR);
		pdf_need(p, hh + (from == 0 ? tail : 20));
	}
	draw_row(p, ncols, widths, header, PDF_BOLD, right, 2);
	for (int r = 0; r < nrows; r++) {
		const char *const *row = cells + (size_t)r * ncols;
		float h = row_height(p, ncols, widths, row, PDF_REGULAR);
		if (r > 0 && nrows - r == 4) {
			float tail = 0;
			for (int k = r; k < nrows; k++)
				tail += row_height(p, ncols, widths,
						   cells + (size_t)k * ncols,
						   PDF_REGULAR);
			if (p->y - tail < p->mb)
				h = p->y;	/* break here */
		}
		if (p->y - h < p->mb) {
			pdf_page(p);
			draw_row(p, ncols, widths, header, PDF_BOLD, right, 2);
		}
		draw_row(p, ncols, widths, row, PDF_REGULAR, right, r % 2);
	}
	p->y -= 8;
}

/* ---- charts ---- */

void pdf_bars(struct pdf *p, int n, const char *const *labels,
	      const double *values, const struct pdf_rgb *colours,
	      int legend_n, const char *const *legend,
	      const struct pdf_rgb *legend_colours)
{
	float w = pdf_width(p), lw = w * 0.42f, bw = w - lw - 30, bh = 11,
	      gap = 5, max = 0;
	float h = (float)n * (bh + gap) + (legend_n ? 24 : 0) + 8;

	if (stopped(p))
		return;
	for (int i = 0; i < n; i++) {
		struct lines l;
		if (values[i] > max)
			max = (float)values[i];
		wrap(p, labels[i], PDF_REGULAR, 8, lw - 8, &l);
		h += l.n > 1 ? 9 : 0;
		lines_free(&l);
	}
	if (max <= 0)
		max = 1;
	pdf_need(p, h);
	for (int i = 0; i < n; i++) {
		struct lines l;
		float y, len = (float)values[i] / max * bw;
		char num[32];

		wrap(p, labels[i], PDF_REGULAR, 8, lw - 8, &l);
		colour(p, PDF_INK);
		/* a long label takes two lines, the bar beside them; a third
		 * is left out, its end marked */
		if (l.n > 1) {
			p->y -= 9;
			y = p->y - bh;
			text_at(p, p->mx, y + 2 + 9, PDF_REGULAR, 8, l.v[0]);
			if (l.n > 2) {
				char *two = xasprintf("%s …", l.v[1]);
				text_at(p, p->mx, y + 2, PDF_REGULAR, 8, two);
				free(two);
			} else {
				text_at(p, p->mx, y + 2, PDF_REGULAR, 8, l.v[1]);
			}
		} else {
			y = p->y - bh;
			text_at(p, p->mx, y + 2, PDF_REGULAR, 8, l.v[0]);
		}
		lines_free(&l);
		HPDF_Page_SetRGBFill(p->page, 0.93f, 0.94f, 0.95f);
		HPDF_Page_Rectangle(p->page, p->mx + lw, y, bw, bh);
		HPDF_Page_Fill(p->page);
		HPDF_Page_SetRGBFill(p->page, colours[i].r, colours[i].g,
				     colours[i].b);
		if (len > 0) {
			HPDF_Page_Rectangle(p->page, p->mx + lw, y, len, bh);
			HPDF_Page_Fill(p->page);
		}
		snprintf(num, sizeof(num), "%g", values[i]);
		colour(p, PDF_INK);
		text_at(p, p->mx + lw + len + 4, y + 2, PDF_BOLD, 8, num);
		p->y -= bh + gap;
	}
	if (legend_n) {
		float x = p->mx + lw;
		p->y -= 6;
		for (int i = 0; i < legend_n; i++) {
			HPDF_Page_SetRGBFill(p->page, legend_colours[i].r,
					     legend_colours[i].g,
					     legend_colours[i].b);
			HPDF_Page_Rectangle(p->page, x, p->y - 9, 9, 9);
			HPDF_Page_Fill(p->page);
			colour(p, PDF_MUTED);
			text_at(p, x + 13, p->y - 8, PDF_REGULAR, 8, legend[i]);
			x += 13 + text_w(p, PDF_REGULAR, 8, legend[i]) + 18;
		}
		p->y -= 18;
	}
	p->y -= 8;
}

static void arrow(struct pdf *p, float x0, float y0, float x1, float y1)
{
	float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
	float ux = dx / len, uy = dy / len, s = 7;

	HPDF_Page_SetRGBStroke(p->page, p->pal.accent.r, p->pal.accent.g, p->pal.accent.b);
	HPDF_Page_SetLineWidth(p->page, 1.6f);
	HPDF_Page_MoveTo(p->page, x0, y0);
	HPDF_Page_LineTo(p->page, x1 - ux * s, y1 - uy * s);
	HPDF_Page_Stroke(p->page);
	HPDF_Page_SetRGBFill(p->page, p->pal.accent.r, p->pal.accent.g, p->pal.accent.b);
	HPDF_Page_MoveTo(p->page, x1, y1);
	HPDF_Page_LineTo(p->page, x1 - ux * s - uy * s * 0.6f,
			 y1 - uy * s + ux * s * 0.6f);
	HPDF_Page_LineTo(p->page, x1 - ux * s + uy * s * 0.6f,
			 y1 - uy * s - ux * s * 0.6f);
	HPDF_Page_ClosePath(p->page);
	HPDF_Page_Fill(p->page);
}

void pdf_cycle(struct pdf *p, const char *const steps[4], const char *centre)
{
	/* drawn for A4's width, smaller on a narrower page */
	float sc = pdf_width(p) < 471 ? pdf_width(p) / 471 : 1;
	float h = 250 * sc, cx = p->pw / 2, cy, bw = 150 * sc, bh = 46, r = 88 * sc;
	/* top, right, bottom, left: clockwise */
	float px[4], py[4];

	if (stopped(p))
		return;
	pdf_need(p, h);
	cy = p->y - h / 2;
	px[0] = cx; py[0] = cy + r;
	px[1] = cx + r + 45 * sc; py[1] = cy;
	px[2] = cx; py[2] = cy - r;
	px[3] = cx - r - 45 * sc; py[3] = cy;
	/* the ring behind the boxes */
	HPDF_Page_SetRGBStroke(p->page, 0.80f, 0.86f, 0.92f);
	HPDF_Page_SetLineWidth(p->page, 10);
	HPDF_Page_Circle(p->page, cx, cy, r);
	HPDF_Page_Stroke(p->page);
	for (int i = 0; i < 4; i++) {
		int j = (i + 1) % 4;
		float ax = px[i] + (px[j] - px[i]) * 0.38f;
		float ay = py[i] + (py[j] - py[i]) * 0.38f;
		float bx = px[i] + (px[j] - px[i]) * 0.62f;
		float by = py[i] + (py[j] - py[i]) * 0.62f;
		arrow(p, ax, ay, bx, by);
	}
	for (int i = 0; i < 4; i++) {
		struct lines l;
		float ty;
		struct pdf_rgb c = i % 2 ? p->pal.facilitating : p->pal.accent;
		HPDF_Page_SetRGBFill(p->page, c.r, c.g, c.b);
		HPDF_Page_Rectangle(p->page, px[i] - bw / 2, py[i] - bh / 2, bw, bh);
		HPDF_Page_Fill(p->page);
		wrap(p, steps[i], PDF_BOLD, 9, bw - 12, &l);
		ty = py[i] + (float)l.n * 6.3f - 9;
		for (size_t k = 0; k < l.n; k++) {
			HPDF_Page_SetRGBFill(p->page, 1, 1, 1);
			text_at(p, px[i] - text_w(p, PDF_BOLD, 9, l.v[k]) / 2, ty,
				PDF_BOLD, 9, l.v[k]);
			ty -= 12.6f;
		}
		lines_free(&l);
	}
	if (centre) {
		colour(p, p->pal.accent);
		text_at(p, cx - text_w(p, PDF_SERIF_BOLD, 14, centre) / 2, cy - 5,
			PDF_SERIF_BOLD, 14, centre);
	}
	p->y -= h;
}

/* Why a document that stopped cannot be saved. */
static int refuse(const struct pdf *p, struct qc_err *e)
{
	if (p->full)
		return qc_err_set(e, QC_EDATA, "too long for one PDF: more than"
				  " %zu pages", p->max_pages);
	return haru_error(p, "cannot make the PDF", e);
}

/* A save that libharu failed, named by the file. */
static int haru_fail(const struct pdf *p, const char *path, struct qc_err *e)
{
	char *what = xasprintf("cannot write '%s'", path);
	int rc = haru_error(p, what, e);

	free(what);
	return rc;
}

int pdf_save(struct pdf *p, const char *path, unsigned flags,
	     struct qc_err *e)
{
	struct outfile o;
	char num[64];
	int rc;

	/* refused before any file is made */
	if (stopped(p))
		return refuse(p, e);
	for (size_t i = 1; i < p->npages; i++) {
		HPDF_Page pg = p->pages[i];
		snprintf(num, sizeof(num), "%zu / %zu", i + 1, p->npages);
		HPDF_Page_SetRGBFill(pg, PDF_MUTED.r, PDF_MUTED.g, PDF_MUTED.b);
		HPDF_Page_BeginText(pg);
		HPDF_Page_SetFontAndSize(pg, p->font[PDF_REGULAR], 8);
		HPDF_Page_TextOut(pg, p->pw - p->mx -
				  HPDF_Page_TextWidth(pg, num), 36 * p->s, num);
		HPDF_Page_EndText(pg);
	}
	for (size_t i = 0; p->footer && i < p->npages; i++) {
		p->page = p->pages[i];
		HPDF_Page_SetRGBFill(p->page, p->pal.hindering.r,
				     p->pal.hindering.g, p->pal.hindering.b);
		text_at(p, p->mx, (i ? 36 : 24) * p->s, PDF_BOLD, 8, p->footer);
	}
	/* into memory, then through outfile: libharu's own file writing
	 * follows links and reports a full disk as ferror()'s 1, EPERM */
	if (p->error || HPDF_SaveToStream(p->doc) != HPDF_OK || p->error)
		return haru_fail(p, path, e);
	if ((rc = outfile_open(&o, path, flags, e)) < 0)
		return rc;
	HPDF_ResetStream(p->doc);
	for (;;) {
		HPDF_BYTE buf[65536];
		HPDF_UINT32 n = sizeof(buf);
		HPDF_STATUS st = HPDF_ReadFromStream(p->doc, buf, &n);
		if (n && outfile_write(&o, buf, n, e) < 0) {
			outfile_abort(&o);
			return -QC_EIO;
		}
		if (st == HPDF_STREAM_EOF)
			break;
		if (st != HPDF_OK) {
			outfile_abort(&o);
			return haru_fail(p, path, e);
		}
	}
	/* the end of the stream is reported as an error; it is none */
	HPDF_ResetError(p->doc);
	p->error = 0;
	p->detail = 0;
	return outfile_commit(&o, e);
}
