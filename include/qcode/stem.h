/*
 * stem: the FTS5 tokenizer "qcode LANG". It splits text into words
 * (letters, digits and marks), folds case and diacritics, and reduces each
 * word to its Snowball stem (libstemmer) in the project's language, so
 * "kwétsbaarheid" and "kwetsbaar" meet in the index.
 */
#ifndef QCODE_STEM_H
#define QCODE_STEM_H

#include <sqlite3.h>

#include "qcode/util.h"

/* A query string that starts with this byte is one index term as it is
 * (neither split, folded nor stemmed): search expands a prefix into the
 * index's words that start with it. Never part of a query as typed. */
#define STEM_LITERAL '\x01'

/* Register the tokenizer on a connection. Returns 0 or -QC_EIO. */
int stem_register(sqlite3 *db, struct qc_err *e);

/* The Snowball algorithm name for a project language ("nl" -> "dutch"). */
const char *stem_algorithm(const char *lang);

#endif
