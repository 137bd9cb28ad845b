/*
 * refi_int: what the refi files share and nobody else needs: the limits for
 * the guarded archive reader and the guarded XML reader.
 */
#ifndef QCODE_REFI_INT_H
#define QCODE_REFI_INT_H

#include <libxml/xmlreader.h>
#include <zip.h>

#include "qcode/refi.h"
#include "qcode/zipread.h"

/* The limits as the guarded archive reader takes them. */
void refi_zip_limits(const struct refi_limits *lim, struct zipread_limits *zl);

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

int refi_xml_open(struct refi_xml *x, struct zipread *z, long long idx,
		  const char *path, const struct refi_limits *lim,
		  struct qc_err *e);
/* Advance: 1 on a node, 0 at the end, -code with e set on an error. */
int refi_xml_next(struct refi_xml *x, struct qc_err *e);
void refi_xml_close(struct refi_xml *x);
/* Bytes read so far; *total (may be NULL): the entry's declared size, 0
 * when not known. For the progress line. */
long long refi_xml_bytes(const struct refi_xml *x, long long *total);
/* Fill e with why reading stopped (a limit, or the parser's message). */
int refi_xml_fail(struct refi_xml *x, struct qc_err *e);

/* Refuse every external entity while untrusted XML is parsed. */
void refi_xml_guard_on(void);
void refi_xml_guard_off(void);

/* True if name ends with suffix, ignoring case. */
int refi_ends_with(const char *name, const char *suffix);

#endif
