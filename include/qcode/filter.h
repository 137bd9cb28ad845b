/*
 * filter: the one selection of fragments that search, coded, freq and
 * cooc share. A struct says what to keep; filter_build turns it into SQL
 * terms with bound text, the same meaning wherever it is used:
 *
 *   kind     one kind or a list: "interview,focus-group"
 *   sources  "S1,S4" or "1,4"
 *   speaker  the turn's speaker label, or the participant's label or
 *            pseudonym
 *   role     the participant's role
 *   attrs    "key=value" of the source or of the participant; all hold
 *   where    "key=value" of an attribute (persons.h): the person's value
 *            where the speaker's person has one, else the source's
 *            (any case); all hold. The value of a fragment by which
 *            freq --by attribute and matrix group is the same.
 *   since    the source's date is this or later (ISO prefix)
 *   until    the source's date is this or earlier, a prefix including
 *            everything it covers: "2025-03" keeps all of March
 *   coded, not_coded  a code short id or name: the span overlaps (or
 *            does not) a coding of that code
 *   coder    with coded/not_coded: only that coder's codings count; over
 *            segments alone: segments the coder coded; over codings: the
 *            coder's own codings
 */
#ifndef QCODE_FILTER_H
#define QCODE_FILTER_H

#include <sqlite3.h>

#include "qcode/store.h"
#include "qcode/util.h"

struct filter {
	const char *kind;	/* one kind or a comma-separated list */
	const char *sources;	/* "S1,S4" or "1,4" */
	const char *speaker;	/* turn speaker, participant label or pseudonym */
	const char *role;	/* participants.role */
	const char **attrs;	/* "key=value"; not owned */
	int nattrs;
	const char **where;	/* "key=value"; not owned */
	int nwhere;
	const char *coded;	/* code short id or name */
	const char *not_coded;
	const char *coder;	/* see above */
	const char *since, *until;	/* sources.date, inclusive, ISO prefix */
};


/*
 * What the rows are, and so which tables the terms name:
 * FILTER_SEGMENTS  segments s, sources src, participants p (LEFT JOIN)
 * FILTER_CODINGS   codings c, segments g and participants p (LEFT JOINs:
 *                  a coding outside every turn has none), sources s
 * FILTER_SOURCES   sources src; only kind, sources, since and until
 *                  apply (filter_sources), the rest is refused
 */
enum filter_rows { FILTER_SEGMENTS, FILTER_CODINGS, FILTER_SOURCES };

/* Tables beyond the rows' own that the terms refer to. */
enum filter_needs {
	FILTER_NEEDS_SOURCE = 1 << 0,
	FILTER_NEEDS_SEGMENT = 1 << 1,	/* and participant */
};

/* The SQL of one filter: terms and the text bound to their parameters. */
struct filter_sql {
	struct qc_buf where;	/* " AND ..." terms; empty: keep every row */
	char **binds;		/* owned; bound to ?first, ?first+1, ... */
	int nbinds, alloc;
	int first;		/* the number of the first parameter */
	unsigned needs;		/* enum filter_needs */
};

/*
 * Build the terms of f over rows, numbering parameters from first (so
 * they can follow the caller's own ?1..?N). q is set up here; release it
 * with filter_sql_release. Returns 0, or -QC_EUSAGE for an attribute
 * without '=' or a term rows cannot hold (q is released).
 */
int filter_build(const struct filter *f, enum filter_rows rows, int first,
		 struct filter_sql *q, struct qc_err *e);
/* Bind copies of q's text to st (prepared from SQL holding q->where),
 * so q may be released before st is stepped. */
void filter_bind(sqlite3_stmt *st, const struct filter_sql *q);
void filter_sql_release(struct filter_sql *q);
/* Prepare sql with q's terms bound; releases both. NULL with e set when
 * the statement cannot be prepared. */
sqlite3_stmt *filter_prepare(struct store *s, struct qc_buf *sql,
			     struct filter_sql *q, struct qc_err *e);

/* The part of f that selects whole sources (kind, sources, since,
 * until), for FILTER_SOURCES; its strings point into f. */
struct filter filter_sources(const struct filter *f);
/* The SQL value of attribute ?key for a fragment: the person's, else
 * the source's (src: the source id column). Appended to b. */
void filter_attr_value(struct qc_buf *b, const char *src, int key);
/* Does f select turns (speaker, role, attr, where), not only sources? */
int filter_has_turns(const struct filter *f);

/* The joins FILTER_CODINGS rows need, after " FROM codings c", for the
 * tables in needs (enum filter_needs). */
void filter_codings_joins(struct qc_buf *sql, unsigned needs);

#endif
