/*
 * refi_int: what the refi files share and nobody else needs: the guarded
 * archive reader and the guarded XML reader.
 */
#ifndef QCODE_REFI_INT_H
#define QCODE_REFI_INT_H

#include <libxml/xmlreader.h>
#include <zip.h>

#include "qcode/refi.h"

/* An archive opened with every entry checked against the limits. */
struct refi_zip {
	zip_t *za;
	struct refi_limits lim;
	unsigned long long used;	/* bytes decompressed so far, all entries */
};

/*
 * Open path as a ZIP archive and check every entry: no absolute path, no
 * "..", no backslash or drive letter, declared sizes and ratio within the
 * limits. Returns 0, or -QC_EDATA with e saying which entry and why.
 */
int refi_zip_open(const char *path, const struct refi_limits *lim,
		  struct refi_zip *z, struct qc_err *e);
void refi_zip_close(struct refi_zip *z);
/* Index of the entry called name (exact, then ignoring case), or -1. */
long long refi_zip_find(struct refi_zip *z, const char *name);
/* Read a whole entry into out (appended), counting against the limits. */
int refi_zip_read(struct refi_zip *z, long long idx, struct qc_buf *out,
		  struct qc_err *e);

/*
 * A pull XML reader over an archive entry (z != NULL) or a file (z ==
 * NULL, path given), reading at most the limits' per-entry bytes, with no
 * DTD loading, no entity substitution and no network. refi_xml_next()
 * refuses a document type declaration. Free with refi_xml_close().
 */
struct refi_xml {
	xmlTextReaderPtr r;
	struct refi_xml_src *src;	/* the byte stream under the reader */
	struct qc_buf errs;		/* parser messages, first one kept */
	const char *name;		/* the file or entry, for messages */
};

int refi_xml_open(struct refi_xml *x, struct refi_zip *z, long long idx,
		  const char *path, const struct refi_limits *lim,
		  struct qc_err *e);
/* Advance: 1 on a node, 0 at the end, -code with e set on an error. */
int refi_xml_next(struct refi_xml *x, struct qc_err *e);
void refi_xml_close(struct refi_xml *x);
/* Fill e with why reading stopped (a limit, or the parser's message). */
int refi_xml_fail(struct refi_xml *x, struct qc_err *e);

/* Refuse every external entity while untrusted XML is parsed. */
void refi_xml_guard_on(void);
void refi_xml_guard_off(void);

/* True if name ends with suffix, ignoring case. */
int refi_ends_with(const char *name, const char *suffix);

#endif
