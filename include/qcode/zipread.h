/*
 * zipread: the one guarded reader for ZIP archives from strangers (DOCX,
 * ODT, .qdpx). When an archive is opened every entry is checked: no path
 * that leaves the archive, declared sizes and compression ratio within the
 * limits. Headers can lie, so every read is capped again by the bytes that
 * actually come out of the decompressor: never more than the entry's header
 * declared, nor than the limits, and memory grows only with what was
 * produced, never ahead on a header's word.
 */
#ifndef QCODE_ZIPREAD_H
#define QCODE_ZIPREAD_H

#include <stddef.h>
#include <zip.h>

#include "qcode/util.h"

struct zipread_limits {
	unsigned long long max_total;	/* uncompressed bytes of all entries */
	unsigned long long max_entry;	/* uncompressed bytes of one entry */
	unsigned long long max_ratio;	/* uncompressed / compressed, over 1 MiB */
	unsigned long long max_entries;	/* entries in the archive */
};

/* An open archive. Fields are read-only for callers. */
struct zipread {
	zip_t *za;
	struct zipread_limits lim;
	unsigned long long used;	/* bytes decompressed so far, all entries */
	char *label;		/* "'path'" or "archive", for messages */
};

/* One entry being read as a stream. */
struct zipread_entry {
	struct zipread *z;
	zip_file_t *f;
	const char *name;	/* owned by the archive */
	unsigned long long got;	/* bytes produced so far */
	unsigned long long declared;	/* the size its header claims */
	unsigned long long comp;	/* its compressed size, 0 if unknown */
};

/*
 * Open the file at path, or the len bytes at data (kept, not copied, until
 * zipread_close), and check every entry against lim. Returns 0, or
 * -QC_EDATA (-QC_EIO when the file cannot be opened) with e saying which
 * entry and why; nothing is left open on failure.
 */
int zipread_open_file(struct zipread *z, const char *path,
		      const struct zipread_limits *lim, struct qc_err *e);
int zipread_open_mem(struct zipread *z, const void *data, size_t len,
		     const struct zipread_limits *lim, struct qc_err *e);
void zipread_close(struct zipread *z);

/* Index of the entry called name (exact, then ignoring case), or -1. */
long long zipread_find(struct zipread *z, const char *name);

/* Append the whole entry idx to out. Returns 0 or -QC_EDATA with e set. */
int zipread_read(struct zipread *z, long long idx, struct qc_buf *out,
		 struct qc_err *e);

/* Read entry idx piece by piece: open, read until 0 (or -code), close. */
int zipread_entry_open(struct zipread *z, long long idx,
		       struct zipread_entry *en, struct qc_err *e);
long long zipread_entry_read(struct zipread_entry *en, void *buf, size_t len,
			     struct qc_err *e);
void zipread_entry_close(struct zipread_entry *en);

#endif
