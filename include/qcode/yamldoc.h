/*
 * yamldoc: the one way qcode loads a YAML document (codebooks, report
 * templates, redaction rules, the front matter of imported text). The
 * event stream is scanned before any node is built, so a file cannot make
 * the loader or a reader walking the nodes exhaust memory or the stack:
 * aliases are refused (an alias can make a node its own descendant, or
 * multiply a small file a billion-fold), and so are nesting deeper than
 * YAMLDOC_MAX_DEPTH and more than YAMLDOC_MAX_NODES nodes.
 */
#ifndef QCODE_YAMLDOC_H
#define QCODE_YAMLDOC_H

#include <stdarg.h>
#include <stddef.h>
#include <yaml.h>

#include "qcode/util.h"

#define YAMLDOC_MAX_DEPTH 64		/* nested sequences and mappings */
#define YAMLDOC_MAX_NODES 200000	/* scalars, sequences and mappings */
#define YAMLDOC_MAX_BYTES (32u << 20)	/* a file's size */

/*
 * Load the first document of the `len` bytes at data into *doc. Problems
 * are located as "NAME:LINE:COLUMN: why", or "line LINE, column COLUMN:
 * why" when name is NULL; line0 is added to every line number (for YAML
 * that starts further down a file). Returns 0, and *doc is the caller's
 * to free with yaml_document_delete(); or -QC_EDATA with e set and *doc
 * untouched.
 */
int yamldoc_load(const char *name, const char *data, size_t len,
		 size_t line0, yaml_document_t *doc, struct qc_err *e);

/*
 * The same for a file. Returns -QC_EIO with e set ("cannot open WHAT
 * 'path': why", what being e.g. "the template"; NULL for none) when the
 * file cannot be read, -QC_EDATA when it is not a regular file (a FIFO is
 * never waited on). When it is no acceptable YAML or larger than
 * YAMLDOC_MAX_BYTES: with problems NULL, -QC_EDATA as yamldoc_load does;
 * otherwise the one problem line is added to problems and 1 returned.
 */
int yamldoc_load_file(const char *path, const char *what,
		      struct qc_buf *problems, yaml_document_t *doc,
		      struct qc_err *e);

/* A scalar node's text, or NULL for anything else (or no node). */
const char *yamldoc_scalar(const yaml_node_t *n);

/* One "path:line:column: [warning: ]why" problem line about node n (or
 * line 1, column 1 without one) into b (see qc_buf_problem). */
void yamldoc_problem(struct qc_buf *b, const char *path, const yaml_node_t *n,
		     int warn, const char *fmt, va_list ap);

#endif
