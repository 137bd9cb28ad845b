/*
 * import: transcripts into the project. A file is decoded (UTF-8, UTF-16,
 * Windows-1252), recognised by its content (plain text or Markdown, WebVTT,
 * SRT, Whisper's JSON, DOCX, ODT; a REFI-QDA project by its name: one row each in the
 * format table of import.c), normalised to NFC with LF line ends and
 * split into speaker turns; then stored as one source. Whatever can be
 * wrong with a file is found before anything of it is written, so a bad
 * file leaves nothing behind; a failure of the project while writing
 * (r->wrote) makes the caller roll back.
 */
#ifndef QCODE_IMPORT_H
#define QCODE_IMPORT_H

#include "qcode/refi.h"
#include "qcode/store.h"

/* Caps for untrusted input. */
#define IMPORT_MAX_FILE (512u << 20)	/* bytes of one file */
#define IMPORT_MAX_PART (256u << 20)	/* uncompressed bytes of a zip part */
#define IMPORT_MAX_RATIO 200		/* uncompressed / compressed */
#define IMPORT_MAX_FRONT 10000		/* attributes and roles in front matter */

/* One speaker turn (or paragraph) in the document's text. */
struct import_turn {
	char *speaker;		/* NULL: no label */
	long long start_ms, end_ms;	/* -1 when unknown */
	size_t start, end;	/* bytes of the turn's text, label excluded */
};

struct import_kv {
	char *key, *value;
};

/* A parsed document: its normalised text and turns, and front matter. */
struct import_doc {
	const char *format;	/* "text", "markdown", "vtt", "srt", "json",
				 * "docx", "odt" */
	struct qc_buf text;	/* NFC, LF line ends */
	struct import_turn *turns;
	size_t nturns, aturns;
	char *kind, *title, *date;	/* from front matter, may be NULL */
	struct import_kv *attrs, *roles;	/* roles: label -> role */
	size_t nattrs, nroles;
};

void import_doc_init(struct import_doc *d);
void import_doc_release(struct import_doc *d);

/*
 * A whole project in one file (REFI-QDA: .qdpx, or a bare .qde) is not
 * one document: import_project brings in its sources, codes, codings,
 * memos and cases at once (see refi_import_project).
 */
struct import_project {
	const char *project;	/* the project's path */
	struct store **store;	/* the open project, or *store NULL: it is
				 * opened, or made from the file when there
				 * is none (created set) */
	int into_existing;	/* the project may already hold sources */
	/* filled by import_project; the caller releases loss */
	struct refi_counts counts;
	struct refi_loss loss;
	int created;
};

/* 1 if path is a whole project by its name (checked before it is read). */
int import_is_project(const char *path);

/* Import the project file at path into p's project; p->loss is set up
 * first, whatever happens. Returns 0 or -code with e set. */
int import_project(const char *path, struct import_project *p,
		   struct qc_err *e);

/*
 * Parse a file's bytes. name is used for the extension (a hint only) and
 * messages; encoding is NULL or "utf-8", "utf-16", "cp1252" or "auto".
 * Errors name the reason (the caller adds the file name).
 */
int import_parse(const char *data, size_t len, const char *name,
		 const char *encoding, struct import_doc *d, struct qc_err *e);

/* Decode bytes to UTF-8 (BOM removed), refusing NUL bytes and, unless
 * cp1252 or auto is asked, invalid UTF-8 (with its byte offset). */
int import_decode(const char *data, size_t len, const char *encoding,
		  struct qc_buf *out, struct qc_err *e);

/* Split a normalised text into turns by speaker labels, or into
 * paragraphs when it has none. Front matter must be removed first. */
void import_segment_text(struct import_doc *d);

/* WebVTT and SRT from UTF-8 text (not yet normalised). */
int import_parse_vtt(const char *s, size_t len, struct import_doc *d,
		     struct qc_err *e);
int import_parse_srt(const char *s, size_t len, struct import_doc *d,
		     struct qc_err *e);
/* Whisper's and whisper.cpp's JSON from UTF-8 text. */
int import_parse_whisper_json(const char *s, size_t len, struct import_doc *d,
			      struct qc_err *e);

/* DOCX and ODT: the document's paragraphs as text, one per line pair,
 * a bold lead becoming a "Label: " prefix. Appends to out. */
int import_zip_text(const char *data, size_t len, const char **format,
		    struct qc_buf *out, struct qc_err *e);

struct import_opts {
	const char *kind, *title, *date, *encoding;
	const char *const *attrs;	/* "key=value" */
	int nattrs;
	const char *const *roles;	/* "Label=role" */
	int nroles;
	int force;		/* import a file already in the project */
	/* import --redact: rewrites the parsed document before it is stored */
	int (*redact)(void *arg, struct import_doc *d, struct qc_err *e);
	void *redact_arg;
	int parse_only;		/* parse and call redact, store nothing */
};

struct import_result {
	long long source_id;
	long long turns, words, speakers;
	const char *format;
	int wrote;		/* something was written: a failure after this
				 * leaves the file half-stored, so the caller
				 * must roll back its transaction */
};

/*
 * Import one file as a new source, inside the caller's transaction. A file whose
 * normalised text is already in the project is refused (naming the source)
 * unless o->force.
 */
int import_file(struct store *s, const char *path, const struct import_opts *o,
		struct import_result *r, struct qc_err *e);

/* Read and parse a file as import_file does, storing nothing; d is set
 * up first whatever happens (import_doc_release it). Errors give the
 * reason only (the caller names the file). */
int import_load(const char *path, const char *encoding, struct import_doc *d,
		struct qc_err *e);

/* Store a parsed document as a new source (used by import_file). */
int import_store_doc(struct store *s, struct import_doc *d, const char *path,
		     const struct import_opts *o, struct import_result *r,
		     struct qc_err *e);

/* The kinds of source qcode knows; 1 if k is one. */
int import_kind_ok(const char *k);

/* "00:12:34" or "12:34" or "00:12:34.567" into milliseconds; -1 if not. */
long long import_parse_time(const char *s, size_t len);

#endif
