/*
 * refi: REFI-QDA 1.5 exchange. Export a project as a .qdpx archive
 * (project.qde plus sources/GUID.txt) or its codebook as a .qdc file;
 * import both back; validate files from elsewhere against the bundled
 * schemas (in codebooks/refi-qda/). Offsets in the XML are Unicode code
 * points from 0, end exclusive, like the offsets qcode stores.
 *
 * Nothing is dropped silently: every element that is not carried over is
 * named, with the reason, in a struct refi_loss (REFI-QDA section 7).
 *
 * Archives from elsewhere are untrusted: entries whose path leaves the
 * archive are refused, sizes and compression ratios are capped, XML is
 * read without DTDs, entity substitution or network, and an import runs
 * in one transaction, so a refused file leaves the project unchanged.
 */
#ifndef QCODE_REFI_H
#define QCODE_REFI_H

#include <stddef.h>

#include "qcode/store.h"
#include "qcode/util.h"

/*
 * The data-loss report: one line per element not carried over, and apart
 * from those, notes on how the file was read where a reader could have
 * read it otherwise (positions in UTF-16 code units, a line break counted
 * as one character).
 */
struct refi_loss {
	struct qc_buf lines;	/* "what: why\n" lines, at most REFI_LOSS_MAX */
	size_t n;		/* elements reported (may exceed the lines kept) */
	struct qc_buf notes;	/* "what: how\n" lines; not counted in n */
};

#define REFI_LOSS_MAX 10000	/* lines kept; the rest are only counted */

void refi_loss_init(struct refi_loss *l);
void refi_loss_release(struct refi_loss *l);
/* Add one line; fmt gives "what: why" without a newline. */
void refi_loss_add(struct refi_loss *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Add one note on how the file was read; fmt as for refi_loss_add. */
void refi_loss_note(struct refi_loss *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The loss lines as text, ending with a summary line. Caller frees. */
char *refi_loss_text(const struct refi_loss *l);

/*
 * One replacement made by redaction, in code points of the original text:
 * [start, end) became a replacement of `len` code points. A list of edits
 * is sorted by start and the edits do not overlap.
 */
struct refi_edit {
	size_t start, end;	/* the span replaced, original code points */
	size_t len;		/* code points of the replacement */
};

/*
 * Redaction for exports: given a source's text, append the redacted text to
 * out and return the edits made (newly allocated array, caller frees) in
 * *edits and their number in *n. Returns 0 or -code with e set.
 */
typedef int (*refi_redact_fn)(void *arg, struct store *s, long long source_id,
			      const char *text, size_t len, struct qc_buf *out,
			      struct refi_edit **edits, size_t *n,
			      struct qc_err *e);

/* Map a code-point position of the original text through the edits; a
 * start inside a replaced span moves to the replacement's start, an end
 * inside one to the replacement's end. */
size_t refi_map_start(const struct refi_edit *ed, size_t n, size_t pos);
size_t refi_map_end(const struct refi_edit *ed, size_t n, size_t pos);

struct refi_export_opts {
	int real_names;		/* case names are labels, not pseudonyms */
	refi_redact_fn redact;	/* NULL: texts are exported as stored */
	void *redact_arg;
	int turns;		/* every speaker turn a selection its case
				 * points at, coded or not */
	int case_codes;		/* each case also as a code of its GUID
				 * coding its text (NVivo's case node, the
				 * only link to text QualCoder reads) */
};

struct refi_counts {
	long long sources, codes, codings, selections, memos, users, cases,
		  variables, sets;
	long long case_codes;	/* codes of a case's GUID: written as such
				 * (export), read as its links (import);
				 * not in codes or codings */
};

/*
 * Export the project to `path` (.qdpx). Temporary files are made beside
 * path and removed; path is replaced only when everything was written.
 * Fills *c with what was written (may be NULL) and loss with what a REFI
 * file cannot hold. Returns 0 or -code with e set.
 */
int refi_export_qdpx(struct store *s, const char *path,
		     const struct refi_export_opts *o, struct refi_counts *c,
		     struct refi_loss *loss, struct qc_err *e);

/* Export the codebook as a .qdc file (Codebook.xsd); o (may be NULL)
 * gives the redaction of its names and descriptions. */
int refi_export_qdc(struct store *s, const char *path,
		    const struct refi_export_opts *o, struct refi_counts *c,
		    struct qc_err *e);

/* Caps for untrusted archives and XML; refi_limits_default() fills them. */
struct refi_limits {
	unsigned long long max_total;	/* uncompressed bytes of all entries */
	unsigned long long max_entry;	/* uncompressed bytes of one entry */
	unsigned long long max_ratio;	/* uncompressed / compressed, entries over 1 MiB */
	unsigned long long max_entries;	/* entries in the archive */
};

void refi_limits_default(struct refi_limits *lim);

/* The unit of the file's text positions. The standard counts code points;
 * NVivo counts UTF-16 code units. Auto: per source, the reading that puts
 * the selections on word boundaries inside the text (ties: what the
 * project's origin names, else code points). A Windows line break counted
 * as one character (ATLAS.ti, MAXQDA-style exports) is found the same
 * way whatever the unit. */
enum refi_offsets { REFI_OFFSETS_AUTO, REFI_OFFSETS_CODEPOINTS,
		    REFI_OFFSETS_UTF16 };

struct refi_import_opts {
	int into_existing;	/* 0: the project must be empty; its title is set */
	const struct refi_limits *limits;	/* NULL: the defaults */
	const char *sources_from;	/* a folder texts outside the archive
					 * may be read from; NULL: none */
};

/*
 * Import a .qdpx (or a bare .qde / .xml project file) into the project in
 * one transaction: sources with their text, codes, codings, users as
 * coders, notes as memos, variables as attributes, cases as participants.
 * Texts come from the archive; a text named by a path on this computer
 * (absolute://, file:, relative:// outside the archive) is refused unless
 * it is a regular file inside o->sources_from, links resolved.
 * On any error nothing is changed. Returns 0 or -code with e set.
 */
int refi_import_file(struct store *s, const char *path,
		     const struct refi_import_opts *o, struct refi_counts *c,
		     struct refi_loss *loss, struct qc_err *e);

/*
 * refi_import_file into the project at `project`: into *sp when it is
 * open; else the project is opened or, when there is none and
 * !o->into_existing, made out of sight from the file and put in place
 * only when the import succeeded (*created then 1, *sp open on it).
 * On any error nothing is changed, a project made here is gone again
 * (*sp NULL) and *created is 0. Returns 0 or -code with e set.
 */
int refi_import_project(const char *project, struct store **sp,
			const char *path, const struct refi_import_opts *o,
			struct refi_counts *c, struct refi_loss *loss,
			int *created, struct qc_err *e);
/* The same with the unit of the file's positions given (the functions
 * above take REFI_OFFSETS_AUTO). */
int refi_import_project_as(const char *project, struct store **sp,
			   const char *path, const struct refi_import_opts *o,
			   enum refi_offsets offsets, struct refi_counts *c,
			   struct refi_loss *loss, int *created,
			   struct qc_err *e);

/*
 * Load a .qdc codebook into the project (one transaction): codes are
 * merged by GUID, then by name under the same parent; the Description is
 * parsed back into the fields (see refi_description_*); the Sets named
 * "facilitating" and "hindering" give the valence. *added and *changed
 * count codes (either may be NULL).
 */
int refi_load_qdc(struct store *s, const char *path, long long *added,
		  long long *changed, struct refi_loss *loss, struct qc_err *e);

/*
 * Validate a .qdpx, .qde or .qdc file against the bundled schema. Problems
 * are appended to `problems` in plain words, one per line ("line 12: ...").
 * Returns the number of problems (0: valid), or -code with e set when the
 * file cannot be read at all.
 */
int refi_check_file(const char *path, struct qc_buf *problems,
		    struct qc_err *e);

/*
 * The Description layout that keeps qcode's code fields in REFI files:
 * the definition first, then one "Label: value" paragraph per field that
 * is set, labels in this order: Inclusion, Exclusion, Example, Lesson,
 * Recommendation, Skills (one "- skill" line each), Patterns (one
 * "- pattern" line each), Id. A label is recognised only at the start of
 * a line after a blank line. Text that follows none of this is all
 * definition.
 */
struct refi_code_text {
	char *definition, *inclusion, *exclusion, *example, *lesson,
	     *recommendation;
	char *skills;		/* one per line */
	char *patterns;		/* one per line */
	char *short_id;
};

/* Append the Description for t to out. */
void refi_description_format(const struct refi_code_text *t,
			     struct qc_buf *out);
/* Parse a Description; fields not present are NULL. Release frees them. */
void refi_description_parse(const char *desc, struct refi_code_text *t);
void refi_code_text_release(struct refi_code_text *t);

/* A GUID in qcode's form (upper case, no braces) into out; -1 if s is
 * not a GUID. */
int refi_guid_norm(const char *s, char out[37]);
/* A name-based GUID (sha256 of key, version 8 layout) into out. */
void refi_guid_derive(const char *key, char out[37]);

#endif
