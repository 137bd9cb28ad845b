/*
 * codebook: the project's tree of codes, loaded from and written to YAML
 * codebook files, and edited by the `code` commands.
 */
#ifndef QCODE_CODEBOOK_H
#define QCODE_CODEBOOK_H

#include "qcode/store.h"

/*
 * Find a code by what a user types: its short id, its GUID, or its name
 * (case-insensitive). Sets *id; an unknown or ambiguous reference is an
 * error (QC_EDATA) that names it.
 */
int codebook_find(struct store *s, const char *ref, long long *id,
		  struct qc_err *e);

#endif
