/*
 * yamldoc: scan a YAML document's events, then load it. See
 * include/qcode/yamldoc.h.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "qcode/yamldoc.h"

/* Where: "name:line:column: " or "line L, column C: ". */
static int located(struct qc_err *e, const char *name, size_t line0,
		   yaml_mark_t m, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int located(struct qc_err *e, const char *name, size_t line0,
		   yaml_mark_t m, const char *fmt, ...)
{
	struct qc_buf b = QC_BUF_INIT;
	va_list ap;

	if (name)
		qc_buf_addf(&b, "%s:%zu:%zu: ", name, line0 + m.line + 1,
			    m.column + 1);
	else
		qc_buf_addf(&b, "line %zu, column %zu: ", line0 + m.line + 1,
			    m.column + 1);
	va_start(ap, fmt);
	qc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	qc_err_set(e, QC_EDATA, "%s", b.buf);
	qc_buf_release(&b);
	return -QC_EDATA;
}

static int syntax_error(yaml_parser_t *p, const char *name, size_t line0,
			struct qc_err *e)
{
	if (p->error == YAML_MEMORY_ERROR)
		return located(e, name, line0, p->problem_mark,
			       "out of memory while reading YAML");
	return located(e, name, line0, p->problem_mark, "%s%s%s",
		       p->problem ? p->problem : "not YAML",
		       p->context ? " " : "", p->context ? p->context : "");
}

/*
 * Walk the first document's events without building it: no alias, no
 * nesting deeper than YAMLDOC_MAX_DEPTH, at most YAMLDOC_MAX_NODES nodes.
 * Syntax errors are reported here too, with the parser's own words.
 */
static int scan(const char *name, const char *data, size_t len, size_t line0,
		struct qc_err *e)
{
	yaml_parser_t p;
	yaml_event_t ev;
	size_t depth = 0, nodes = 0;
	int rc = 0, done = 0;

	if (!yaml_parser_initialize(&p))
		return qc_err_set(e, QC_EIO, "out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = syntax_error(&p, name, line0, e);
			break;
		}
		switch (ev.type) {
		case YAML_ALIAS_EVENT:
			rc = located(e, name, line0, ev.start_mark,
				     "YAML aliases (*%s) are not allowed here",
				     (const char *)ev.data.alias.anchor);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > YAMLDOC_MAX_DEPTH)
				rc = located(e, name, line0, ev.start_mark,
					     "nested more than %d levels deep",
					     YAMLDOC_MAX_DEPTH);
			/* fall through */
		case YAML_SCALAR_EVENT:
			if (rc == 0 && ++nodes > YAMLDOC_MAX_NODES)
				rc = located(e, name, line0, ev.start_mark,
					     "more than %d values",
					     YAMLDOC_MAX_NODES);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_DOCUMENT_END_EVENT:
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

int yamldoc_load(const char *name, const char *data, size_t len,
		 size_t line0, yaml_document_t *doc, struct qc_err *e)
{
	yaml_parser_t p;
	int rc;

	if ((rc = scan(name, data, len, line0, e)) < 0)
		return rc;
	if (!yaml_parser_initialize(&p))
		return qc_err_set(e, QC_EIO, "out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	if (!yaml_parser_load(&p, doc))
		rc = syntax_error(&p, name, line0, e);
	yaml_parser_delete(&p);
	return rc;
}

int yamldoc_load_file(const char *path, const char *what,
		      struct qc_buf *problems, yaml_document_t *doc,
		      struct qc_err *e)
{
	struct qc_buf b = QC_BUF_INIT;
	char chunk[65536];
	size_t n;
	FILE *f = qc_fopen_regular(path, e);	/* never waits on a FIFO */
	int rc = 0;

	if (!f && e->code != QC_EIO)
		return -e->code;	/* not a regular file */
	if (!f)
		return qc_err_set(e, QC_EIO, "cannot open %s%s'%s': %s",
				  what ? what : "", what ? " " : "", path,
				  strerror(errno));
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + n > YAMLDOC_MAX_BYTES)
			rc = qc_err_set(e, QC_EDATA, "%s: larger than %u MiB",
					path, YAMLDOC_MAX_BYTES >> 20);
		else
			qc_buf_add(&b, chunk, n);
	}
	if (rc == 0 && ferror(f))
		rc = qc_err_set(e, QC_EIO, "cannot read '%s': %s", path,
				strerror(errno));
	fclose(f);
	if (rc == -QC_EDATA || (rc == 0 &&
	    (rc = yamldoc_load(path, b.buf, b.len, 0, doc, e)) < 0)) {
		if (problems) {
			/* no YAML, or refused before loading: one line */
			qc_buf_addf(problems, "%s\n", e->msg.buf);
			qc_err_clear(e);
			rc = 1;
		}
	}
	qc_buf_release(&b);
	return rc;
}

const char *yamldoc_scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ?
	       (const char *)n->data.scalar.value : NULL;
}

void yamldoc_problem(struct qc_buf *b, const char *path, const yaml_node_t *n,
		     int warn, const char *fmt, va_list ap)
{
	qc_buf_problem(b, path, n ? n->start_mark.line + 1 : 1,
		       n ? n->start_mark.column + 1 : 1, warn, fmt, ap);
}
