/* sources: listing and changing sources and their participants. */
#include <stdlib.h>
#include <string.h>

#include "qcode/persons.h"
#include "qcode/import.h"
#include "qcode/privacy.h"
#include "qcode/sources.h"

/* A column as a new string, "" for NULL. */
static char *col_dup(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return xstrdup(t ? t : "");
}

long long sources_turn_at(struct store *s, long long sid, long long cp)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT ordinal FROM segments"
		" WHERE source_id = ? AND start_cp <= ? ORDER BY start_cp DESC"
		" LIMIT 1", NULL);
	long long ord = -1;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int64(st, 2, cp);
	if (sqlite3_step(st) == SQLITE_ROW)
		ord = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return ord;
}

int sources_find(struct store *s, const char *ref, long long *id,
		 struct qc_err *e)
{
	struct qc_ref r;
	sqlite3_stmt *st;
	int found;

	if (qc_ref_parse(ref, QC_REF_SOURCE, &r) < 0 || r.source <= 0)
		return qc_err_set(e, QC_EUSAGE, "'%s' is not a source"
				  " (S1, S2, ...)", ref);
	st = store_prepare(s, "SELECT 1 FROM sources WHERE id = ?", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, r.source);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!found)
		return qc_err_set(e, QC_EDATA, "no source %s (see"
				  " 'qcode sources')", ref);
	*id = r.source;
	return 0;
}

int sources_list(struct store *s, const struct sources_filter *f,
		 struct sources_rows *out, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT s.id, s.kind, s.title, coalesce(s.date, ''),"
		" (SELECT count(*) FROM segments g WHERE g.source_id = s.id),"
		" s.words, (SELECT count(*) FROM participants p"
		"  WHERE p.source_id = s.id) FROM sources s"
		" WHERE (?1 IS NULL OR s.kind = ?1) AND (?2 IS NULL OR EXISTS"
		" (SELECT 1 FROM source_attrs x WHERE x.source_id = s.id"
		"  AND x.key = ?2 AND x.value = ?3)) ORDER BY s.id", e);
	size_t alloc = 0;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, f->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->attr_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->attr_value, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct sources_row *r;
		QC_GROW(out->v, out->n, alloc);
		r = &out->v[out->n++];
		r->id = sqlite3_column_int64(st, 0);
		r->kind = col_dup(st, 1);
		r->title = col_dup(st, 2);
		r->date = col_dup(st, 3);
		r->turns = sqlite3_column_int64(st, 4);
		r->words = sqlite3_column_int64(st, 5);
		r->speakers = sqlite3_column_int64(st, 6);
	}
	sqlite3_finalize(st);
	return 0;
}

void sources_rows_release(struct sources_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].kind);
		free(r->v[i].title);
		free(r->v[i].date);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

size_t sources_ids(struct store *s, char ***ids)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT id FROM sources ORDER BY id",
					 NULL);
	size_t n = 0;

	*ids = NULL;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, n + 1, sizeof(char *));
		(*ids)[n++] = xasprintf("S%lld", sqlite3_column_int64(st, 0));
	}
	sqlite3_finalize(st);
	return n;
}

/* Record that real names were shown, in a transaction of its own. */
static int audit_real_names(struct store *s, const char *what,
			    struct qc_err *e)
{
	return store_log(s, "real-names", what, e);
}

/* The text, or NULL, through the redactor when there is one. */
static int turn_text(struct redactor *red, sqlite3_stmt *st, int i,
		     char **out, struct qc_err *e)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	struct qc_buf b = QC_BUF_INIT;
	int rc;

	*out = NULL;
	if (!t)
		return 0;
	if (!red) {
		*out = xstrdup(t);
		return 0;
	}
	rc = redactor_apply(red, t, strlen(t), &b, e);
	*out = qc_buf_detach(&b, NULL);
	return rc;
}

static int read_turns(struct store *s, const struct sources_turns_opts *o,
		      struct redactor *red, struct sources_turns *out,
		      struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT g.id, g.ordinal, CASE WHEN ?4 THEN g.speaker ELSE"
		" coalesce(p.pseudonym, g.speaker) END, g.start_ms, g.text,"
		" coalesce(p.role, '') FROM segments g"
		" LEFT JOIN participants p ON p.id = g.participant_id"
		" WHERE g.source_id = ?1 AND g.ordinal >= ?2"
		" AND (?3 < 0 OR g.ordinal <= ?3) ORDER BY g.ordinal", e);
	sqlite3_stmt *codes = st ? store_prepare(s,
		/* the codes of every coding that reaches into the turn, not
		 * only of those that start in it */
		"SELECT group_concat(short_id, ', ') FROM (SELECT DISTINCT"
		" k.short_id FROM segments g JOIN codings c ON c.source_id ="
		" g.source_id AND (c.segment_id = g.id OR (c.start_cp < g.end_cp"
		" AND c.end_cp > g.start_cp)) JOIN codes k ON k.id = c.code_id"
		" WHERE g.id = ? ORDER BY k.short_id)", e) : NULL;
	size_t alloc = 0;
	int rc = 0;

	if (!st || !codes) {
		sqlite3_finalize(st);
		return -QC_EIO;
	}
	sqlite3_bind_int64(st, 1, out->source);
	sqlite3_bind_int64(st, 2, o->from);
	sqlite3_bind_int64(st, 3, o->to);
	sqlite3_bind_int(st, 4, o->real_names);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		struct sources_turn *t;
		QC_GROW(out->v, out->n, alloc);
		t = &out->v[out->n++];
		memset(t, 0, sizeof(*t));
		sqlite3_reset(codes);
		sqlite3_bind_int64(codes, 1, sqlite3_column_int64(st, 0));
		t->codes = sqlite3_step(codes) == SQLITE_ROW ? col_dup(codes, 0)
							     : xstrdup("");
		t->ordinal = sqlite3_column_int64(st, 1);
		t->start_ms = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 :
			      sqlite3_column_int64(st, 3);
		t->role = col_dup(st, 5);
		rc = turn_text(red, st, 2, &t->speaker, e);
		if (rc == 0)
			rc = turn_text(red, st, 4, &t->text, e);
		if (rc < 0)	/* redaction fails closed, naming the turn */
			qc_err_prefix(e, "S%lld:%lld", out->source, t->ordinal);
		if (rc == 0 && !t->text)
			t->text = xstrdup("");
	}
	sqlite3_finalize(st);
	sqlite3_finalize(codes);
	return rc;
}

int sources_turns(struct store *s, const struct sources_turns_opts *o,
		  struct sources_turns *out, struct qc_err *e)
{
	struct redactor *red = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = sources_find(s, o->ref, &out->source, e)) < 0)
		return rc;
	if (o->redacted && (rc = redactor_open(s, NULL, &red, e)) < 0)
		return rc;
	if (o->real_names) {
		char *what = xasprintf("show S%lld", out->source);
		rc = audit_real_names(s, what, e);
		free(what);
	}
	if (rc == 0)
		rc = read_turns(s, o, red, out, e);
	redactor_close(red);
	if (rc < 0)
		sources_turns_release(out);
	return rc;
}

void sources_turns_release(struct sources_turns *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].speaker);
		free(t->v[i].role);
		free(t->v[i].codes);
		free(t->v[i].text);
	}
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* One change of source sid (?1) with texts bound to ?2, ?3...; 0 or -code. */
static int exec_sid(struct store *s, const char *sql, long long sid, int n,
		    const char *const *texts, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, sid);
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 2, texts[i], -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(s, e, "cannot change the source");
	sqlite3_finalize(st);
	return rc;
}

static int check_change(const struct sources_change *c, struct qc_err *e)
{
	if (c->kind && !import_kind_ok(c->kind))
		return qc_err_set(e, QC_EUSAGE, "unknown kind '%s'", c->kind);
	if (c->date && !qc_date_valid(c->date, 0))
		return qc_err_set(e, QC_EUSAGE, "date '%s' is not YYYY-MM-DD",
				  c->date);
	for (int i = 0; i < c->nattrs; i++) {
		const char *eq = strchr(c->attrs[i], '=');
		if (!eq || eq == c->attrs[i])
			return qc_err_set(e, QC_EUSAGE, "--attr wants key=value,"
					  " not '%s'", c->attrs[i]);
	}
	if (!c->title && !c->date && !c->kind && !c->nattrs)
		return qc_err_set(e, QC_EUSAGE, "nothing to set (--title,"
				  " --date, --kind, --attr key=value)");
	return 0;
}

int sources_set(struct store *s, const char *ref,
		const struct sources_change *c, long long *id,
		struct qc_err *e)
{
	struct qc_buf what = QC_BUF_INIT;
	int rc;

	if ((rc = sources_find(s, ref, id, e)) < 0 ||
	    (rc = check_change(c, e)) < 0)
		return rc;
	rc = exec_sid(s, "UPDATE sources SET title = coalesce(?2, title),"
		      " date = coalesce(?3, date), kind = coalesce(?4, kind)"
		      " WHERE id = ?1", *id, 3,
		      (const char *const[]){ c->title, c->date, c->kind }, e);
	qc_buf_addf(&what, "S%lld", *id);
	if (c->title)
		qc_buf_addf(&what, " title=%s", c->title);
	if (c->date)
		qc_buf_addf(&what, " date=%s", c->date);
	if (c->kind)
		qc_buf_addf(&what, " kind=%s", c->kind);
	for (int i = 0; i < c->nattrs && rc == 0; i++) {
		const char *eq = strchr(c->attrs[i], '=');
		char *k = xstrndup(c->attrs[i], (size_t)(eq - c->attrs[i]));
		char *v = NULL;
		/* a declared attribute's value is checked and respelled */
		if (eq[1])
			rc = persons_attr_check(s, k, eq + 1, 0, &v, e);
		if (rc == 0)
			rc = exec_sid(s, eq[1] ?
				      "INSERT OR REPLACE INTO source_attrs(source_id,"
				      " key, value) VALUES (?1, ?2, ?3)" :
				      "DELETE FROM source_attrs WHERE source_id = ?1"
				      " AND key = ?2 AND ?3 = ''", *id, 2,
				      (const char *const[]){ k, v ? v : "" }, e);
		qc_buf_addf(&what, " %s", c->attrs[i]);
		free(k);
		free(v);
	}
	if (rc == 0)
		rc = store_audit(s, "source set", what.buf, e);
	qc_buf_release(&what);
	return rc;
}

int sources_remove(struct store *s, const char *ref, int purge, long long *id,
		   struct qc_err *e)
{
	sqlite3_stmt *st;
	char *title = NULL, *detail;
	long long codings = 0;
	int rc;

	if ((rc = sources_find(s, ref, id, e)) < 0)
		return rc;
	st = store_prepare(s, "SELECT title, (SELECT count(*) FROM codings"
			   " WHERE source_id = ?1) FROM sources WHERE id = ?1", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, *id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		title = col_dup(st, 0);
		codings = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	/* the rows go in one transaction; a purge's wipe follows it */
	if ((rc = store_begin(s, e)) < 0) {
		free(title);
		return rc;
	}
	if (purge)
		rc = store_purge_prepare(s, *id, e);
	if (rc == 0)
		rc = exec_sid(s, "DELETE FROM sources WHERE id = ?1", *id, 0,
			      NULL, e);
	/* a purged source's title is not kept in the log either */
	detail = purge ? xasprintf("S%lld with %lld codings, purged", *id,
				   codings) :
			 xasprintf("S%lld '%s' with %lld codings", *id,
				   title ? title : "", codings);
	if (rc == 0)
		rc = store_audit(s, "source rm", detail, e);
	free(detail);
	free(title);
	if (rc == 0)
		rc = store_commit(s, e);
	else
		store_rollback(s);
	if (rc == 0 && purge)
		rc = store_wipe(s, e);
	return rc;
}

int sources_participants(struct store *s,
			 const struct sources_participants_opts *o,
			 struct sources_participants *out, struct qc_err *e)
{
	sqlite3_stmt *st;
	long long sid = 0;
	size_t alloc = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (o->ref && (rc = sources_find(s, o->ref, &sid, e)) < 0)
		return rc;
	if (o->real_names &&
	    (rc = audit_real_names(s, "participants", e)) < 0)
		return rc;
	st = store_prepare(s,
		"SELECT p.source_id, CASE WHEN ?2 THEN p.label ELSE"
		" coalesce(p.pseudonym, p.label) END, coalesce(p.role, ''),"
		" coalesce(p.pseudonym, ''), count(g.id),"
		" coalesce(sum(words(g.text)), 0)"
		" FROM participants p LEFT JOIN segments g ON g.participant_id = p.id"
		" WHERE ?1 = 0 OR p.source_id = ?1 GROUP BY p.id"
		" ORDER BY p.source_id, p.id", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int(st, 2, o->real_names);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct sources_participant *p;
		QC_GROW(out->v, out->n, alloc);
		p = &out->v[out->n++];
		p->source = sqlite3_column_int64(st, 0);
		p->speaker = col_dup(st, 1);
		p->role = col_dup(st, 2);
		p->pseudonym = col_dup(st, 3);
		p->turns = sqlite3_column_int64(st, 4);
		p->words = sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	return 0;
}

void sources_participants_release(struct sources_participants *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].speaker);
		free(p->v[i].role);
		free(p->v[i].pseudonym);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

int sources_participant_set(struct store *s, const char *ref,
			    const char *speaker, const char *role,
			    const char *pseudonym, int *changed,
			    struct qc_err *e)
{
	sqlite3_stmt *st;
	long long sid;
	char *detail;
	int rc;

	*changed = 0;
	if ((rc = sources_find(s, ref, &sid, e)) < 0)
		return rc;
	if (!role && !pseudonym)
		return qc_err_set(e, QC_EUSAGE, "give --role R and/or"
				  " --pseudonym P");
	st = store_prepare(s, "UPDATE participants SET role ="
			   " coalesce(?3, role), pseudonym = coalesce(?4, pseudonym)"
			   " WHERE source_id = ?1 AND (label = ?2 OR pseudonym = ?2)",
			   e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, speaker, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, pseudonym, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(s, e, "cannot change the participant");
	sqlite3_finalize(st);
	if (rc < 0)
		return rc;
	if (!(*changed = sqlite3_changes(s->db)))
		return qc_err_set(e, QC_EDATA, "no speaker '%s' in S%lld"
				  " (see 'qcode participants S%lld')", speaker,
				  sid, sid);
	/* the label is personal data: the log names the source only */
	detail = xasprintf("S%lld: a speaker's%s%s%s%s", sid,
			   role ? " role=" : "", role ? role : "",
			   pseudonym ? " pseudonym=" : "",
			   pseudonym ? pseudonym : "");
	rc = store_audit(s, "participant set", detail, e);
	free(detail);
	return rc;
}

int sources_speaker_labels(struct store *s, const long long *segs, size_t n,
			   char ***labels, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT coalesce(p.label,"
		" g.speaker) FROM segments g LEFT JOIN participants p ON"
		" p.id = g.participant_id WHERE g.id = ?", e);

	*labels = NULL;
	if (!st)
		return -QC_EIO;
	*labels = xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, segs[i]);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_type(st, 0) != SQLITE_NULL)
			(*labels)[i] = col_dup(st, 0);
	}
	sqlite3_finalize(st);
	return 0;
}
