/*
 * pdf: a small page-layout layer over libharu for qcode's reports: A4, A5
 * or Letter pages with margins, a running header and "page n of N" footers, DejaVu
 * fonts found with fontconfig and embedded (UTF-8, so Dutch diacritics and
 * the minus sign render), headings, wrapped paragraphs, bullets, quotes,
 * highlighted boxes, tables whose header repeats after a page break,
 * horizontal bar charts and the action-research cycle diagram, an outline
 * entry per heading and document info.
 * Text flows down from a cursor; blocks that do not fit start a new page.
 */
#ifndef QCODE_PDF_H
#define QCODE_PDF_H

#include "qcode/util.h"

struct pdf;

struct pdf_rgb {
	float r, g, b;
};

enum pdf_font { PDF_REGULAR, PDF_BOLD, PDF_ITALIC, PDF_SERIF, PDF_SERIF_BOLD };

enum pdf_size { PDF_A4, PDF_A5, PDF_LETTER };

/* The colours of the page furniture: the cover band, bullets and the
 * cycle diagram (accent), the cover's stripe and the cycle's other boxes
 * (facilitating), the note in every footer (hindering). */
struct pdf_palette {
	struct pdf_rgb accent, facilitating, hindering;
};

struct pdf_opts {
	const char *title;	/* document info */
	const char *author, *subject, *keywords;	/* NULL: left out */
	const char *header;	/* the running title on pages after the first */
	const char *created;	/* "YYYY-MM-DDTHH:MM:SSZ" (reproducible files) */
	const char *font_file;	/* a .ttf for every face; NULL: DejaVu */
	const char *footer;	/* a note in every footer; NULL: none */
	enum pdf_size size;	/* 0: A4; margins scale with the width */
	const struct pdf_palette *palette;	/* NULL: PDF_ACCENT, ... */
	size_t max_pages;	/* 0 or more than PDF_MAX_PAGES: PDF_MAX_PAGES */
};

/* The most pages one PDF holds: libharu keeps them in one array. */
#define PDF_MAX_PAGES 32767

/* A page size by name (A4, A5, Letter; any case); -1 when unknown. */
int pdf_size_from_name(const char *name);

/* A new document. With font_file, bold and italic come from the same
 * family where fontconfig knows them, else from the file itself. */
int pdf_open(const struct pdf_opts *o, struct pdf **out, struct qc_err *e);
/* The same with only a title, a running header and a date. */
int pdf_new(const char *title, const char *header, const char *created,
	    struct pdf **out, struct qc_err *e);
/* The characters drawn so far that the font lacks, as "U+4E2D '中', ...",
 * or NULL; they were drawn as U+FFFD. Owned by p. */
const char *pdf_missing(const struct pdf *p);
/* Nonzero once the document cannot be saved: it outgrew its pages or
 * libharu failed. Drawing is then skipped, and pdf_save refuses. */
int pdf_failed(const struct pdf *p);
/* The page limit when the document outgrew it, else 0. */
size_t pdf_too_long(const struct pdf *p);

/* Add a note to every page's footer (after any already given); drawn
 * when the PDF is saved. */
void pdf_footer_add(struct pdf *p, const char *note);
/* Write the footers and save to path through outfile (flags: enum
 * outfile_flag, OUTFILE_PRIVATE for a PDF that may hold personal data).
 * A document that failed is refused and no file is made: -QC_EDATA when
 * it is too long, else -QC_EIO. */
int pdf_save(struct pdf *p, const char *path, unsigned flags,
	     struct qc_err *e);
void pdf_free(struct pdf *p);

/* The usable width between the margins, in points. */
float pdf_width(const struct pdf *p);
/* Start a new page; the cover (first page) has no running header. */
void pdf_page(struct pdf *p);
/* Start a new page unless nothing was drawn on this one yet. */
void pdf_fresh_page(struct pdf *p);
/* Make sure h points are left on this page, else start a new one. */
void pdf_need(struct pdf *p, float h);
void pdf_skip(struct pdf *p, float h);

/* The cover: a coloured band with the title and subtitle, then label:
 * value lines (period, partners, ...) lower on the page. Ends the page. */
void pdf_cover(struct pdf *p, const char *kicker, const char *title,
	       const char *subtitle, int n, const char *const *labels,
	       const char *const *values, const char *footer);

/* Text that starts a page-wide block, with an entry in the outline
 * (levels 1 to 3 nest). It stays on the page only when keep points are
 * left below it for what follows; keep 0 means a few lines. */
void pdf_heading(struct pdf *p, int level, const char *text,
		 struct pdf_rgb colour);
void pdf_heading_keep(struct pdf *p, int level, const char *text,
		      struct pdf_rgb colour, float keep);
/* Height of a heading, with its space above and below. */
float pdf_heading_height(struct pdf *p, int level, const char *text);
/* A wrapped paragraph at indent points from the left margin. */
void pdf_para(struct pdf *p, const char *text, enum pdf_font f, float size,
	      float indent, struct pdf_rgb colour);
/* text wrapped as pdf_para wraps it: greedy, '\n' breaks a line, a word
 * wider than width is cut between code points. Returns the number of
 * lines; *lines gets them (caller frees each and the array). */
size_t pdf_wrap(struct pdf *p, const char *text, enum pdf_font f, float size,
		float width, char ***lines);
/* The width of s in points as drawn in face f at size. */
float pdf_text_width(struct pdf *p, enum pdf_font f, float size,
		     const char *s);
/* Height a paragraph would take. */
float pdf_para_height(struct pdf *p, const char *text, enum pdf_font f,
		      float size, float width);
void pdf_bullet(struct pdf *p, const char *text, float indent);
/* An indented quote in italics with a coloured bar and its attribution. */
void pdf_quote(struct pdf *p, const char *text, const char *who,
	       struct pdf_rgb bar);
/* The same with the words between U+E000 and U+E001 in text (the marks
 * are not drawn) on a highlight of colour mark: a coded span in its turn. */
void pdf_quote_marked(struct pdf *p, const char *text, const char *who,
		      struct pdf_rgb bar, struct pdf_rgb mark);
/* Height a quote takes (or 200 for a long one, which may break). */
float pdf_quote_height(struct pdf *p, const char *text, const char *who);
/* A filled box with a bold title line and a paragraph. */
void pdf_box(struct pdf *p, const char *title, const char *text,
	     struct pdf_rgb fill, struct pdf_rgb edge);
/* Ruled lines for hand-written notes, kept on one page. */
void pdf_rules(struct pdf *p, int lines);

/* A table: ncols columns of the given widths (points), a header row and
 * rows of cells (row-major, nrows * ncols); cells wrap; the header repeats
 * on each new page. right: bit i set = column i right-aligned. */
void pdf_table(struct pdf *p, int ncols, const float *widths,
	       const char *const *header, const char *const *cells, int nrows,
	       unsigned right);

/* Horizontal bars: one per label, value and colour, with the legend
 * entries given (legend_n may be 0). */
void pdf_bars(struct pdf *p, int n, const char *const *labels,
	      const double *values, const struct pdf_rgb *colours,
	      int legend_n, const char *const *legend,
	      const struct pdf_rgb *legend_colours);

/* The learning cycle: four steps in a ring with arrows between them. */
void pdf_cycle(struct pdf *p, const char *const steps[4], const char *centre);

/* Colours used by every report. */
extern const struct pdf_rgb PDF_INK, PDF_MUTED, PDF_ACCENT, PDF_FACILITATING,
	PDF_HINDERING, PDF_BOX, PDF_BOX_EDGE;

/* #rrggbb to a colour; fallback when s is not one. */
struct pdf_rgb pdf_hex(const char *s, struct pdf_rgb fallback);

#endif
