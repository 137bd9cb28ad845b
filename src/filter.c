/*
 * filter: one struct, one SQL builder. Every term is fixed SQL text with
 * numbered parameters; the user's text is only ever bound.
 */
#include <stdlib.h>
#include <string.h>

#include "qcode/filter.h"

/* The columns the terms name, for each kind of row. */
static const struct layout {
	const char *src;	/* the source's id */
	const char *kind, *date;	/* of the source */
	const char *speaker;	/* the turn's own speaker label */
	const char *participant;	/* the turn's participant id */
	const char *span;	/* source id, start and end of the row's span */
	const char *span_start, *span_end;
	unsigned src_need, seg_need;	/* what source and turn terms need */
} layouts[] = {
	[FILTER_SEGMENTS] = { "s.source_id", "src.kind", "src.date", "s.speaker",
			      "s.participant_id", "s.source_id", "s.start_cp",
			      "s.end_cp", 0, 0 },
	[FILTER_CODINGS] = { "c.source_id", "s.kind", "s.date", "g.speaker",
			     "g.participant_id", "c.source_id", "c.start_cp",
			     "c.end_cp", FILTER_NEEDS_SOURCE, FILTER_NEEDS_SEGMENT },
	[FILTER_SOURCES] = { "src.id", "src.kind", "src.date", NULL, NULL, NULL,
			     NULL, NULL, 0, 0 },
};

/* Bind a copy of s[0..len) to the next parameter; returns its number. */
static int bind_add(struct filter_sql *q, const char *s, size_t len)
{
	if (q->nbinds == q->alloc) {
		q->alloc = q->alloc ? 2 * q->alloc : 16;
		q->binds = xreallocarray(q->binds, (size_t)q->alloc,
					 sizeof(*q->binds));
	}
	q->binds[q->nbinds++] = xstrndup(s, len);
	return q->first + q->nbinds - 1;
}

/* " AND col IN (?,?)" for a comma-separated list; strip_s: a leading 'S'
 * (source references). An empty list keeps nothing. */
static void add_list(struct filter_sql *q, const char *col, const char *list,
		     int strip_s)
{
	const char *p = list;
	int first = 1;

	qc_buf_addf(&q->where, " AND %s IN (", col);
	while (*p) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		const char *v = p;
		while (len && *v == ' ') {
			v++;
			len--;
		}
		if (strip_s && len && (*v == 'S' || *v == 's')) {
			v++;
			len--;
		}
		if (len) {
			qc_buf_addf(&q->where, "%s?%d", first ? "" : ",",
				    bind_add(q, v, len));
			first = 0;
		}
		p = c ? c + 1 : p + strlen(p);
	}
	if (first)
		qc_buf_adds(&q->where, "NULL");
	qc_buf_addch(&q->where, ')');
}

/* The test of --coded / --not-coded / --coder on the row's span: another
 * coding (of code, by coder) overlaps it. */
static void add_coded(struct filter_sql *q, const struct layout *l,
		      const char *code, const char *coder, int negate)
{
	qc_buf_addf(&q->where, " AND %sEXISTS(SELECT 1 FROM codings x",
		    negate ? "NOT " : "");
	if (code)
		qc_buf_adds(&q->where, " JOIN codes xk ON xk.id = x.code_id");
	if (coder)
		qc_buf_adds(&q->where, " JOIN coders xd ON xd.id = x.coder_id");
	qc_buf_addf(&q->where, " WHERE x.source_id = %s AND x.start_cp < %s"
		    " AND x.end_cp > %s", l->span, l->span_end, l->span_start);
	if (code) {
		int n = bind_add(q, code, strlen(code));
		qc_buf_addf(&q->where, " AND (xk.short_id = ?%d OR xk.name = ?%d)",
			    n, n);
	}
	if (coder)
		qc_buf_addf(&q->where, " AND xd.name = ?%d",
			    bind_add(q, coder, strlen(coder)));
	qc_buf_addch(&q->where, ')');
}

int filter_build(const struct filter *f, enum filter_rows rows, int first,
		 struct filter_sql *q, struct qc_err *e)
{
	const struct layout *l = &layouts[rows];
	int n;

	memset(q, 0, sizeof(*q));
	qc_buf_init(&q->where);
	q->first = first;
	if (rows == FILTER_SOURCES && (filter_has_turns(f) || f->coded ||
				       f->not_coded || f->coder))
		return qc_err_set(e, QC_EUSAGE, "only --kind, --source, --since"
				  " and --until select sources");
	if (f->kind) {
		add_list(q, l->kind, f->kind, 0);
		q->needs |= l->src_need;
	}
	if (f->sources)
		add_list(q, l->src, f->sources, 1);
	if (f->speaker) {
		n = bind_add(q, f->speaker, strlen(f->speaker));
		qc_buf_addf(&q->where, " AND (%s = ?%d OR p.label = ?%d OR"
			    " p.pseudonym = ?%d)", l->speaker, n, n, n);
		q->needs |= l->seg_need;
	}
	if (f->role) {
		qc_buf_addf(&q->where, " AND p.role = ?%d",
			    bind_add(q, f->role, strlen(f->role)));
		q->needs |= l->seg_need;
	}
	for (int k = 0; k < f->nattrs; k++) {
		const char *eq = strchr(f->attrs[k], '=');
		if (!eq || eq == f->attrs[k]) {
			filter_sql_release(q);
			return qc_err_set(e, QC_EUSAGE, "--attr wants key=value,"
					  " not '%s'", f->attrs[k]);
		}
		n = bind_add(q, f->attrs[k], (size_t)(eq - f->attrs[k]));
		bind_add(q, eq + 1, strlen(eq + 1));
		qc_buf_addf(&q->where, " AND (EXISTS(SELECT 1 FROM source_attrs a"
			    " WHERE a.source_id = %s AND a.key = ?%d AND"
			    " a.value = ?%d) OR EXISTS(SELECT 1 FROM"
			    " participant_attrs a WHERE a.participant_id = %s AND"
			    " a.key = ?%d AND a.value = ?%d))", l->src, n, n + 1,
			    l->participant, n, n + 1);
		q->needs |= l->seg_need;
	}
	for (int k = 0; k < f->nwhere; k++) {
		const char *eq = strchr(f->where[k], '=');
		if (!eq || eq == f->where[k]) {
			filter_sql_release(q);
			return qc_err_set(e, QC_EUSAGE, "--where wants key=value,"
					  " not '%s'", f->where[k]);
		}
		n = bind_add(q, f->where[k], (size_t)(eq - f->where[k]));
		bind_add(q, eq + 1, strlen(eq + 1));
		qc_buf_adds(&q->where, " AND ");
		filter_attr_value(&q->where, l->src, n);
		qc_buf_addf(&q->where, " = ?%d COLLATE NOCASE", n + 1);
		q->needs |= l->seg_need;
	}
	if (f->coded)
		add_coded(q, l, f->coded, f->coder, 0);
	if (f->not_coded)
		add_coded(q, l, f->not_coded, f->coder, 1);
	if (f->coder && rows == FILTER_CODINGS)
		qc_buf_addf(&q->where, " AND c.coder_id = (SELECT id FROM coders"
			    " WHERE name = ?%d)",
			    bind_add(q, f->coder, strlen(f->coder)));
	else if (f->coder && !f->coded && !f->not_coded)
		add_coded(q, l, NULL, f->coder, 0);
	if (f->since) {
		qc_buf_addf(&q->where, " AND %s >= ?%d", l->date,
			    bind_add(q, f->since, strlen(f->since)));
		q->needs |= l->src_need;
	}
	if (f->until) {
		n = bind_add(q, f->until, strlen(f->until));
		qc_buf_addf(&q->where, " AND substr(%s, 1, length(?%d)) <= ?%d",
			    l->date, n, n);
		q->needs |= l->src_need;
	}
	return 0;
}

struct filter filter_sources(const struct filter *f)
{
	return (struct filter){ .kind = f->kind, .sources = f->sources,
				.since = f->since, .until = f->until };
}

int filter_has_turns(const struct filter *f)
{
	return f->speaker || f->role || f->nattrs || f->nwhere;
}

void filter_attr_value(struct qc_buf *b, const char *src, int key)
{
	qc_buf_addf(b, "coalesce((SELECT pa.value FROM person_attrs pa WHERE"
		    " pa.person_id = p.person_id AND pa.key = ?%d), (SELECT"
		    " sa.value FROM source_attrs sa WHERE sa.source_id = %s AND"
		    " sa.key = ?%d))", key, src, key);
}

void filter_bind(sqlite3_stmt *st, const struct filter_sql *q)
{
	for (int k = 0; k < q->nbinds; k++)
		sqlite3_bind_text(st, q->first + k, q->binds[k], -1,
				  SQLITE_TRANSIENT);
}

sqlite3_stmt *filter_prepare(struct store *s, struct qc_buf *sql,
			     struct filter_sql *q, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, sql->buf, e);

	if (st)
		filter_bind(st, q);
	qc_buf_release(sql);
	filter_sql_release(q);
	return st;
}

void filter_sql_release(struct filter_sql *q)
{
	for (int k = 0; k < q->nbinds; k++)
		free(q->binds[k]);
	free(q->binds);
	qc_buf_release(&q->where);
	q->binds = NULL;
	q->nbinds = q->alloc = 0;
}

void filter_codings_joins(struct qc_buf *sql, unsigned needs)
{
	if (needs & FILTER_NEEDS_SOURCE)
		qc_buf_adds(sql, " JOIN sources s ON s.id = c.source_id");
	if (needs & FILTER_NEEDS_SEGMENT)
		qc_buf_adds(sql, " LEFT JOIN segments g ON g.id = c.segment_id"
			    " LEFT JOIN participants p ON p.id = g.participant_id");
}
