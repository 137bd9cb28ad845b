/*
 * cycle: the learning team's meetings, their review of themes, actions
 * with their status history and evaluations, decisions and lessons.
 * Every change checks what it refers to first and writes one audit line;
 * the caller's transaction makes it all or nothing.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "qcode/codebook.h"
#include "qcode/cycle.h"

/* ---- small SQL helpers: parameters bound from a list of types ---- */

/* Bind the parameters 1.. of st from ap: 'i' a long long, 't' a string
 * (NULL binds NULL). */
static void bind_v(sqlite3_stmt *st, const char *types, va_list ap)
{
	for (int i = 0; types[i]; i++) {
		if (types[i] == 'i') {
			sqlite3_bind_int64(st, i + 1, va_arg(ap, long long));
		} else {
			const char *t = va_arg(ap, const char *);
			sqlite3_bind_text(st, i + 1, t, -1, SQLITE_TRANSIENT);
		}
	}
}

/* Run sql with the parameters; 0 or -QC_EIO with e set. */
static int exec_b(struct store *s, struct qc_err *e, const char *sql,
		  const char *types, ...)
{
	sqlite3_stmt *st = store_prepare(s, sql, e);
	va_list ap;
	int rc;

	if (!st)
		return -QC_EIO;
	va_start(ap, types);
	bind_v(st, types, ap);
	va_end(ap);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, e, "cannot change the learning cycle");
	return 0;
}

/* The first column of the first row as a number, or fallback. */
static long long int_b(struct store *s, long long fallback, const char *sql,
		       const char *types, ...)
{
	sqlite3_stmt *st = store_prepare(s, sql, NULL);
	long long v = fallback;
	va_list ap;

	if (!st)
		return fallback;
	va_start(ap, types);
	bind_v(st, types, ap);
	va_end(ap);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The first column of the first row as a new string, or NULL. */
static char *str_b(struct store *s, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = store_prepare(s, sql, NULL);
	char *v = NULL;
	va_list ap;

	if (!st)
		return NULL;
	va_start(ap, types);
	bind_v(st, types, ap);
	va_end(ap);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = store_col_dup(st, 0);
	sqlite3_finalize(st);
	return v;
}

static char *dup0(sqlite3_stmt *st, int i)
{
	return store_col_dup(st, i);
}

static int audit(struct store *s, const char *cmd, struct qc_err *e,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int audit(struct store *s, const char *cmd, struct qc_err *e,
		 const char *fmt, ...)
{
	struct qc_buf b = QC_BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	qc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	rc = store_audit(s, cmd, b.buf, e);
	qc_buf_release(&b);
	return rc;
}

/* ---- references, dates ---- */

/* "M12" with prefix 'M' (either case) -> 12; -1 when not that form. */
static long long ref_num(const char *ref, char prefix)
{
	long long v;

	if (!ref || (ref[0] != prefix && ref[0] != prefix + 32))
		return -1;
	if (qc_parse_int(ref + 1, 1, 1LL << 53, &v) < 0 || ref[1] == '+')
		return -1;
	return v;
}

static int find(struct store *s, const char *ref, char prefix,
		const char *table, const char *what, long long *id,
		struct qc_err *e)
{
	long long v = ref_num(ref, prefix);
	char *sql;
	long long found;

	if (v < 0)
		return qc_err_set(e, QC_EUSAGE, "'%s' is not %s %s (%c1, %c2,"
				  " ...)", ref, what[0] == 'a' ? "an" : "a", what,
				  prefix, prefix);
	sql = xasprintf("SELECT count(*) FROM %s WHERE id = ?", table);
	found = int_b(s, 0, sql, "i", v);
	free(sql);
	if (!found)
		return qc_err_set(e, QC_EDATA, "no %s %c%lld", what, prefix, v);
	*id = v;
	return 0;
}

int cycle_meeting_find(struct store *s, const char *ref, long long *id,
		       struct qc_err *e)
{
	return find(s, ref, 'M', "meetings", "meeting", id, e);
}

int cycle_action_find(struct store *s, const char *ref, long long *id,
		      struct qc_err *e)
{
	return find(s, ref, 'A', "actions", "action", id, e);
}

size_t cycle_ids(struct store *s, char ***ids)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT 'M' || id FROM meetings"
		" UNION ALL SELECT 'A' || id FROM actions", NULL);
	size_t n = 0;

	*ids = NULL;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, n + 1, sizeof(char *));
		(*ids)[n++] = store_col_dup(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

/* A date a user gave: a real day, not after today. */
static int date_ok(const char *d, struct qc_err *e)
{
	char now[32];

	if (!qc_date_valid(d, 0))
		return qc_err_set(e, QC_EUSAGE, "'%s' is not a date"
				  " (YYYY-MM-DD)", d);
	store_now(now);
	if (strncmp(d, now, 10) > 0)
		return qc_err_set(e, QC_EDATA, "%s is in the future (today is"
				  " %.10s)", d, now);
	return 0;
}

static char *today(void)
{
	char now[32];

	store_now(now);
	return xstrndup(now, 10);
}

static int code_of(struct store *s, const char *ref, long long *id,
		   struct qc_err *e)
{
	int rc = codebook_find(s, ref, id, e);

	/* a theme that is no code is bad input, whatever codebook says */
	return rc < 0 ? qc_err_set(e, QC_EDATA, "no theme '%s' (a code; see"
				   " 'qcode codes')", ref) : 0;
}

/* ---- meetings ---- */

/* "ouder=3,verloskundige=2" into meeting_roles (replacing). */
static int set_roles(struct store *s, long long mid, const char *list,
		     struct qc_err *e)
{
	char *copy = xstrdup(list), *save = NULL;
	int rc = exec_b(s, e, "DELETE FROM meeting_roles WHERE meeting_id = ?",
			"i", mid);

	for (char *t = strtok_r(copy, ",", &save); t && rc == 0;
	     t = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(t, '=');
		long long n;
		while (*t == ' ')
			t++;
		if (!eq || eq == t || qc_parse_int(eq + 1, 1, 10000, &n) < 0) {
			rc = qc_err_set(e, QC_EUSAGE, "attendees: '%s' is not"
					" ROLE=N (N from 1)", t);
			break;
		}
		*eq = '\0';
		for (char *z = eq - 1; z > t && *z == ' '; z--)
			*z = '\0';
		if (int_b(s, 0, "SELECT count(*) FROM meeting_roles WHERE"
			  " meeting_id = ? AND role = ?", "it", mid, t)) {
			rc = qc_err_set(e, QC_EUSAGE, "attendees: role '%s'"
					" given twice", t);
			break;
		}
		rc = exec_b(s, e, "INSERT INTO meeting_roles(meeting_id, role, n)"
			    " VALUES (?, ?, ?)", "iti", mid, t, n);
	}
	free(copy);
	return rc;
}

/* "T1,T2" (codes) into meeting_themes (replacing). */
static int set_themes(struct store *s, long long mid, const char *list,
		      struct qc_err *e)
{
	char *copy = xstrdup(list), *save = NULL;
	int rc = exec_b(s, e, "DELETE FROM meeting_themes WHERE meeting_id = ?",
			"i", mid), k = 0;

	for (char *t = strtok_r(copy, ",", &save); t && rc == 0;
	     t = strtok_r(NULL, ",", &save)) {
		long long cid;
		while (*t == ' ')
			t++;
		if ((rc = code_of(s, t, &cid, e)) < 0)
			break;
		rc = exec_b(s, e, "INSERT OR IGNORE INTO meeting_themes(meeting_id,"
			    " code_id, ordinal) VALUES (?, ?, ?)", "iii", mid,
			    cid, (long long)k++);
	}
	free(copy);
	return rc;
}

static int meeting_fill(struct store *s, long long id,
			const struct cycle_meeting_in *m, struct qc_err *e)
{
	int rc = 0;

	if (m->attendees)
		rc = set_roles(s, id, m->attendees, e);
	if (rc == 0 && m->themes)
		rc = set_themes(s, id, m->themes, e);
	return rc;
}

int cycle_meeting_add(struct store *s, const struct cycle_meeting_in *m,
		      long long *id, struct qc_err *e)
{
	char guid[37], now[32];
	int rc;

	if ((rc = date_ok(m->date, e)) < 0)
		return rc;
	if (!m->title || !*m->title)
		return qc_err_set(e, QC_EUSAGE, "a meeting needs a title"
				  " (--title T)");
	store_new_guid(guid);
	store_now(now);
	if ((rc = exec_b(s, e, "INSERT INTO meetings(guid, date, title,"
			 " created_at) VALUES (?, ?, ?, ?)", "tttt", guid,
			 m->date, m->title, now)) < 0)
		return rc;
	*id = sqlite3_last_insert_rowid(s->db);
	if ((rc = meeting_fill(s, *id, m, e)) < 0)
		return rc;
	return audit(s, "meeting add", e, "M%lld on %s", *id, m->date);
}

int cycle_meeting_set(struct store *s, const char *ref,
		      const struct cycle_meeting_in *m, long long *id,
		      struct qc_err *e)
{
	struct qc_buf what = QC_BUF_INIT;
	int rc;

	if ((rc = cycle_meeting_find(s, ref, id, e)) < 0)
		return rc;
	if (!m->date && !m->title && !m->attendees && !m->themes)
		return qc_err_set(e, QC_EUSAGE, "nothing to change (give --date,"
				  " --title, --attendees or --themes)");
	if (m->date && (rc = date_ok(m->date, e)) < 0)
		return rc;
	if (m->title && !*m->title)
		return qc_err_set(e, QC_EUSAGE, "a meeting needs a title");
	if (m->date)
		rc = exec_b(s, e, "UPDATE meetings SET date = ? WHERE id = ?",
			    "ti", m->date, *id);
	if (rc == 0 && m->title)
		rc = exec_b(s, e, "UPDATE meetings SET title = ? WHERE id = ?",
			    "ti", m->title, *id);
	if (rc == 0)
		rc = meeting_fill(s, *id, m, e);
	if (rc < 0)
		return rc;
	qc_buf_addf(&what, "%s%s%s%s", m->date ? " date" : "",
		    m->title ? " title" : "", m->attendees ? " attendees" : "",
		    m->themes ? " themes" : "");
	rc = audit(s, "meeting set", e, "M%lld:%s", *id, what.buf);
	qc_buf_release(&what);
	return rc;
}

int cycle_meeting_remove(struct store *s, const char *ref, int force,
			 long long *id, struct qc_err *e)
{
	long long used;
	int rc;

	if ((rc = cycle_meeting_find(s, ref, id, e)) < 0)
		return rc;
	used = int_b(s, 0, "SELECT (SELECT count(*) FROM reviews WHERE"
		     " meeting_id = ?1) + (SELECT count(*) FROM decisions WHERE"
		     " meeting_id = ?1) + (SELECT count(*) FROM evaluations WHERE"
		     " meeting_id = ?1)", "i", *id);
	if (used && !force)
		return qc_err_set(e, QC_EDATA, "M%lld has %lld notes, priorities,"
				  " decisions or evaluations; --force removes"
				  " them with it", *id, used);
	if ((rc = exec_b(s, e, "DELETE FROM meetings WHERE id = ?", "i", *id)) < 0)
		return rc;
	return audit(s, "meeting rm", e, "M%lld%s", *id,
		     used ? " with its notes, decisions and evaluations" : "");
}

int cycle_source_meeting(struct store *s, long long source_id,
			 const char *mref, struct qc_err *e)
{
	long long mid;
	int rc;

	if (!strcmp(mref, "none")) {
		if ((rc = exec_b(s, e, "DELETE FROM meeting_sources WHERE"
				 " source_id = ?", "i", source_id)) < 0)
			return rc;
		return audit(s, "source set", e, "S%lld linked to no meeting",
			     source_id);
	}
	if ((rc = cycle_meeting_find(s, mref, &mid, e)) < 0 ||
	    (rc = exec_b(s, e, "INSERT INTO meeting_sources(source_id,"
			 " meeting_id) VALUES (?1, ?2) ON CONFLICT(source_id) DO"
			 " UPDATE SET meeting_id = ?2", "ii", source_id, mid)) < 0)
		return rc;
	return audit(s, "source set", e, "S%lld linked to M%lld", source_id,
		     mid);
}

int cycle_meeting_list(struct store *s, const char *ref,
		       struct cycle_meetings *out, struct qc_err *e)
{
	long long only = 0;
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (ref && (rc = cycle_meeting_find(s, ref, &only, e)) < 0)
		return rc;
	st = store_prepare(s,
		"SELECT m.id, m.guid, m.date, m.title,"
		" (SELECT group_concat(role || ' ' || n, ', ') FROM (SELECT role, n"
		"  FROM meeting_roles WHERE meeting_id = m.id ORDER BY n DESC, role)),"
		" (SELECT group_concat(short_id, ', ') FROM (SELECT c.short_id FROM"
		"  meeting_themes t JOIN codes c ON c.id = t.code_id WHERE"
		"  t.meeting_id = m.id ORDER BY t.ordinal)),"
		" (SELECT group_concat('S' || source_id, ', ') FROM (SELECT source_id"
		"  FROM meeting_sources WHERE meeting_id = m.id ORDER BY source_id)),"
		" (SELECT coalesce(sum(n), 0) FROM meeting_roles WHERE meeting_id = m.id),"
		" (SELECT count(*) FROM reviews WHERE meeting_id = m.id AND"
		"  text IS NOT NULL),"
		" (SELECT count(*) FROM reviews WHERE meeting_id = m.id AND"
		"  priority IS NOT NULL),"
		" (SELECT count(*) FROM decisions WHERE meeting_id = m.id),"
		" (SELECT count(*) FROM actions WHERE meeting_id = m.id),"
		" (SELECT count(*) FROM evaluations WHERE meeting_id = m.id)"
		" FROM meetings m WHERE ?1 = 0 OR m.id = ?1 ORDER BY m.date, m.id", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, only);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct cycle_meeting *m;
		QC_GROW(out->v, out->n, alloc);
		m = &out->v[out->n++];
		m->id = sqlite3_column_int64(st, 0);
		m->guid = dup0(st, 1);
		m->date = dup0(st, 2);
		m->title = dup0(st, 3);
		m->roles = dup0(st, 4);
		m->themes = dup0(st, 5);
		m->sources = dup0(st, 6);
		m->attendees = sqlite3_column_int64(st, 7);
		m->notes = sqlite3_column_int64(st, 8);
		m->priorities = sqlite3_column_int64(st, 9);
		m->decisions = sqlite3_column_int64(st, 10);
		m->actions = sqlite3_column_int64(st, 11);
		m->evaluations = sqlite3_column_int64(st, 12);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		cycle_meetings_release(out);
		return qc_err_set(e, QC_EIO, "cannot read the learning cycle: %s",
				  sqlite3_errmsg(s->db));
	}
	return 0;
}

void cycle_meetings_release(struct cycle_meetings *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].guid);
		free(m->v[i].date);
		free(m->v[i].title);
		free(m->v[i].roles);
		free(m->v[i].themes);
		free(m->v[i].sources);
	}
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* ---- review ---- */

static int review_add(struct store *s, const char *mref, const char *theme,
		      const char *text, long long prio, const char *by,
		      long long *id, struct qc_err *e)
{
	long long mid, cid;
	char guid[37], now[32];
	int rc;

	if ((rc = cycle_meeting_find(s, mref, &mid, e)) < 0 ||
	    (rc = code_of(s, theme, &cid, e)) < 0)
		return rc;
	if (text && !*text)
		return qc_err_set(e, QC_EUSAGE, "the note is empty");
	store_new_guid(guid);
	store_now(now);
	if ((rc = exec_b(s, e, "INSERT INTO reviews(guid, meeting_id, code_id,"
			 " text, priority, by_role, created_at) VALUES (?, ?, ?, ?,"
			 " nullif(?, 0), ?, ?)", "tiititt", guid, mid, cid, text,
			 prio, by, now)) < 0)
		return rc;
	*id = sqlite3_last_insert_rowid(s->db);
	if (text)
		return audit(s, "review note", e, "note on '%s' at M%lld", theme,
			     mid);
	return audit(s, "review priority", e, "priority %lld on '%s' at M%lld%s%s",
		     prio, theme, mid, by ? " by " : "", by ? by : "");
}

int cycle_review_note(struct store *s, const char *mref, const char *theme,
		      const char *text, long long *id, struct qc_err *e)
{
	return review_add(s, mref, theme, text, 0, NULL, id, e);
}

int cycle_review_priority(struct store *s, const char *mref,
			  const char *theme, const char *priority,
			  const char *by, long long *id, struct qc_err *e)
{
	long long p;

	if (qc_parse_int(priority, 1, 5, &p) < 0)
		return qc_err_set(e, QC_EUSAGE, "priority '%s' is not a whole"
				  " number from 1 to 5", priority);
	if (by && !*by)
		by = NULL;
	return review_add(s, mref, theme, NULL, p, by, id, e);
}

int cycle_review_list(struct store *s, const char *mref, const char *theme,
		      struct cycle_reviews *out, struct qc_err *e)
{
	long long mid = 0, cid = 0;
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((mref && (rc = cycle_meeting_find(s, mref, &mid, e)) < 0) ||
	    (theme && (rc = code_of(s, theme, &cid, e)) < 0))
		return rc;
	st = store_prepare(s, "SELECT r.id, r.meeting_id, m.date, c.short_id,"
		" c.name, r.text, r.by_role, coalesce(r.priority, 0) FROM reviews r"
		" JOIN meetings m ON m.id = r.meeting_id JOIN codes c ON"
		" c.id = r.code_id WHERE (?1 = 0 OR r.meeting_id = ?1) AND"
		" (?2 = 0 OR r.code_id = ?2) ORDER BY m.date, m.id, c.ordinal,"
		" c.id, r.id", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, mid);
	sqlite3_bind_int64(st, 2, cid);
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct cycle_review *r;
		QC_GROW(out->v, out->n, alloc);
		r = &out->v[out->n++];
		r->id = sqlite3_column_int64(st, 0);
		r->meeting = sqlite3_column_int64(st, 1);
		r->date = dup0(st, 2);
		r->theme = dup0(st, 3);
		r->theme_name = dup0(st, 4);
		r->text = dup0(st, 5);
		r->by = dup0(st, 6);
		r->priority = sqlite3_column_int(st, 7);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		cycle_reviews_release(out);
		return qc_err_set(e, QC_EIO, "cannot read the learning cycle: %s",
				  sqlite3_errmsg(s->db));
	}
	return 0;
}

void cycle_reviews_release(struct cycle_reviews *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].date);
		free(r->v[i].theme);
		free(r->v[i].theme_name);
		free(r->v[i].text);
		free(r->v[i].by);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* ---- evidence ---- */

/* Each reference ("S3:17", "S3:17-19") as a row of evidence for the
 * column owner ("evaluation_id", ...) = oid. */
static int evidence_add(struct store *s, const char *owner, long long oid,
			char *const *refs, int n, struct qc_err *e)
{
	for (int i = 0; i < n; i++) {
		struct qc_ref r;
		sqlite3_stmt *st;
		char *sql;
		int rc;

		if (qc_ref_parse(refs[i], QC_REF_TURN | QC_REF_RANGE, &r) < 0)
			return qc_err_set(e, QC_EUSAGE, "evidence '%s' is not a"
					  " turn (S3:17 or S3:17-19)", refs[i]);
		st = store_prepare(s, "SELECT min(id), min(start_cp), max(end_cp),"
				   " count(*) FROM segments WHERE source_id = ? AND"
				   " ordinal BETWEEN ? AND ?", e);
		if (!st)
			return -QC_EIO;
		sqlite3_bind_int64(st, 1, r.source);
		sqlite3_bind_int64(st, 2, r.from);
		sqlite3_bind_int64(st, 3, r.to);
		if (sqlite3_step(st) != SQLITE_ROW ||
		    sqlite3_column_int64(st, 3) != r.to - r.from + 1) {
			sqlite3_finalize(st);
			return qc_err_set(e, QC_EDATA, "evidence: no turn %s in"
					  " the project", refs[i]);
		}
		sql = xasprintf("INSERT INTO evidence(%s, source_id, segment_id,"
				" start_cp, end_cp) VALUES (?, ?, ?, ?, ?)", owner);
		rc = exec_b(s, e, sql, "iiiii", oid, r.source,
			    sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			    sqlite3_column_int64(st, 2));
		free(sql);
		sqlite3_finalize(st);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The evidence of a row as "S3:17, S4:2-3", or NULL. */
#define EVIDENCE_TURN(f) "(SELECT " f "(eg.ordinal) FROM segments eg WHERE" \
	" eg.source_id = ev.source_id AND eg.end_cp > ev.start_cp AND" \
	" eg.start_cp < ev.end_cp)"
#define EVIDENCE_SQL(col) \
	"(SELECT group_concat(ref, ', ') FROM (SELECT 'S' || ev.source_id ||" \
	" coalesce(':' || " EVIDENCE_TURN("min") " || CASE WHEN " \
	EVIDENCE_TURN("max") " > " EVIDENCE_TURN("min") " THEN '-' || " \
	EVIDENCE_TURN("max") " ELSE '' END, '') AS ref FROM evidence ev" \
	" WHERE ev." col " ORDER BY ev.id))"

/* ---- actions ---- */

static const char *const statuses[] = { "planned", "trying", "evaluated",
					"adopted", "dropped" };

static int status_index(const char *st)
{
	for (int i = 0; i < 5; i++)
		if (!strcmp(statuses[i], st))
			return i;
	return -1;
}

/* Is from -> to one step of the cycle? */
static int step_ok(int from, int to)
{
	static const unsigned char ok[5][5] = {
		/* planned trying evaluated adopted dropped */
		{ 0, 1, 0, 0, 1 },	/* planned */
		{ 0, 0, 1, 0, 1 },	/* trying */
		{ 0, 1, 0, 1, 1 },	/* evaluated: tried again, or decided */
		{ 0, 0, 0, 0, 0 },	/* adopted */
		{ 0, 0, 0, 0, 0 },	/* dropped */
	};
	return ok[from][to];
}

/* The date of a change: given, else the meeting's, else today; checked
 * against today and the action's last change. Caller frees *out. */
static int change_date(struct store *s, long long aid, const char *date,
		       long long mid, char **out, struct qc_err *e)
{
	char *last;
	int rc;

	*out = date ? xstrdup(date) : mid ? str_b(s, "SELECT date FROM meetings"
		" WHERE id = ?", "i", mid) : today();
	if ((rc = date_ok(*out, e)) < 0)
		goto fail;
	last = aid ? str_b(s, "SELECT max(date) FROM action_status WHERE"
			   " action_id = ?", "i", aid) : NULL;
	if (last && strcmp(*out, last) < 0) {
		rc = qc_err_set(e, QC_EDATA, "%s is before A%lld's last change"
				" (%s)", *out, aid, last);
		free(last);
		goto fail;
	}
	free(last);
	return 0;
fail:
	free(*out);
	*out = NULL;
	return rc;
}

static int status_row(struct store *s, long long aid, const char *status,
		      const char *date, long long mid, int forced,
		      struct qc_err *e)
{
	char guid[37], now[32];

	store_new_guid(guid);
	store_now(now);
	if (exec_b(s, e, "INSERT INTO action_status(guid, action_id, status, date,"
		   " meeting_id, forced, created_at) VALUES (?, ?, ?, ?, nullif(?,"
		   " 0), ?, ?)", "tittiit", guid, aid, status, date, mid,
		   (long long)forced, now) < 0)
		return -QC_EIO;
	return exec_b(s, e, "UPDATE actions SET status = ? WHERE id = ?", "ti",
		      status, aid);
}

static int action_codes(struct store *s, long long aid,
			const char *const *codes, int n, struct qc_err *e)
{
	for (int i = 0; i < n; i++) {
		long long cid;
		int rc;
		if ((rc = code_of(s, codes[i], &cid, e)) < 0 ||
		    (rc = exec_b(s, e, "INSERT OR IGNORE INTO action_codes(action_id,"
				 " code_id) VALUES (?, ?)", "ii", aid, cid)) < 0)
			return rc;
	}
	return 0;
}

int cycle_action_add(struct store *s, const struct cycle_action_in *a,
		     long long *id, struct qc_err *e)
{
	long long cid, mid = 0;
	char guid[37], now[32], *date;
	int rc;

	if (!a->text || !*a->text)
		return qc_err_set(e, QC_EUSAGE, "the action's text is empty");
	if (!a->theme)
		return qc_err_set(e, QC_EUSAGE, "an action needs its theme"
				  " (--theme T)");
	if ((rc = code_of(s, a->theme, &cid, e)) < 0 ||
	    (a->meeting && (rc = cycle_meeting_find(s, a->meeting, &mid, e)) < 0))
		return rc;
	if ((rc = change_date(s, 0, a->date, mid, &date, e)) < 0)
		return rc;
	store_new_guid(guid);
	store_now(now);
	rc = exec_b(s, e, "INSERT INTO actions(guid, text, code_id, meeting_id,"
		    " owner, created_at) VALUES (?, ?, ?, nullif(?, 0), ?, ?)",
		    "ttiitt", guid, a->text, cid, mid, a->owner, now);
	if (rc == 0) {
		*id = sqlite3_last_insert_rowid(s->db);
		rc = status_row(s, *id, "planned", date, mid, 0, e);
	}
	if (rc == 0)
		rc = action_codes(s, *id, a->codes, a->ncodes, e);
	if (rc == 0)
		rc = audit(s, "action add", e, "A%lld on '%s'%s", *id, a->theme,
			   mid ? " at a meeting" : "");
	free(date);
	return rc;
}

int cycle_action_set(struct store *s, const char *ref,
		     const struct cycle_action_change *c, long long *id,
		     struct qc_err *e)
{
	long long mid = 0, cid = 0;
	struct qc_buf what = QC_BUF_INIT;
	char *cur = NULL, *date = NULL;
	int rc, forced = 0;

	if ((rc = cycle_action_find(s, ref, id, e)) < 0)
		return rc;
	if ((c->meeting || c->date) && !c->status)
		return qc_err_set(e, QC_EUSAGE, "--meeting and --date date a"
				  " change of --status");
	if (!c->status && !c->text && !c->theme && !c->owner)
		return qc_err_set(e, QC_EUSAGE, "nothing to change (give"
				  " --status, --text, --theme or --owner)");
	if ((c->meeting && (rc = cycle_meeting_find(s, c->meeting, &mid, e)) < 0) ||
	    (c->theme && (rc = code_of(s, c->theme, &cid, e)) < 0))
		return rc;
	if (c->text && !*c->text)
		return qc_err_set(e, QC_EUSAGE, "the action's text is empty");
	if (c->status) {
		int to = status_index(c->status), from;
		cur = str_b(s, "SELECT status FROM actions WHERE id = ?", "i", *id);
		from = cur ? status_index(cur) : -1;
		if (to < 0) {
			rc = qc_err_set(e, QC_EUSAGE, "no status '%s' (planned,"
					" trying, evaluated, adopted, dropped)",
					c->status);
			goto out;
		}
		if (from < 0) {
			rc = qc_err_set(e, QC_EIO, "A%lld has no status", *id);
			goto out;
		}
		if (from == to) {
			rc = qc_err_set(e, QC_EDATA, "A%lld is %s already", *id,
					cur);
			goto out;
		}
		if (!step_ok(from, to) && !c->force) {
			rc = qc_err_set(e, QC_EDATA, "A%lld is %s: going to %s"
					" skips a step of the cycle (planned,"
					" trying, evaluated, then adopted or"
					" dropped); --force records it anyway",
					*id, cur, c->status);
			goto out;
		}
		if (to == 2 && !c->force && !int_b(s, 0, "SELECT count(*) FROM"
		    " evaluations WHERE action_id = ?", "i", *id)) {
			rc = qc_err_set(e, QC_EDATA, "A%lld has no evaluation yet:"
					" evaluate it at a meeting (or --force)",
					*id);
			goto out;
		}
		forced = !step_ok(from, to);
		if ((rc = change_date(s, *id, c->date, mid, &date, e)) < 0 ||
		    (rc = status_row(s, *id, c->status, date, mid, forced, e)) < 0)
			goto out;
		qc_buf_addf(&what, " %s -> %s on %s%s", cur, c->status, date,
			    forced ? " (forced)" : "");
	}
	if (c->text && (rc = exec_b(s, e, "UPDATE actions SET text = ? WHERE"
				    " id = ?", "ti", c->text, *id)) < 0)
		goto out;
	if (c->theme && (rc = exec_b(s, e, "UPDATE actions SET code_id = ? WHERE"
				     " id = ?", "ii", cid, *id)) < 0)
		goto out;
	if (c->owner && (rc = exec_b(s, e, "UPDATE actions SET owner = nullif(?,"
				     " '') WHERE id = ?", "ti", c->owner, *id)) < 0)
		goto out;
	qc_buf_addf(&what, "%s%s%s", c->text ? " text" : "",
		    c->theme ? " theme" : "", c->owner ? " owner" : "");
	rc = audit(s, "action set", e, "A%lld:%s", *id, what.buf);
out:
	qc_buf_release(&what);
	free(cur);
	free(date);
	return rc;
}

int cycle_action_evaluate(struct store *s, const char *ref,
			  const struct cycle_evaluation_in *v, long long *id,
			  struct qc_err *e)
{
	long long aid, mid;
	char guid[37], now[32], *cur = NULL, *date = NULL;
	int rc, from;

	if ((rc = cycle_action_find(s, ref, &aid, e)) < 0)
		return rc;
	if (!v->meeting)
		return qc_err_set(e, QC_EUSAGE, "an evaluation is made at a"
				  " meeting (--meeting M)");
	if ((rc = cycle_meeting_find(s, v->meeting, &mid, e)) < 0)
		return rc;
	if (!v->text || !*v->text)
		return qc_err_set(e, QC_EUSAGE, "the evaluation is empty");
	cur = str_b(s, "SELECT status FROM actions WHERE id = ?", "i", aid);
	from = cur ? status_index(cur) : 0;
	if (from == 0 && !v->force) {
		rc = qc_err_set(e, QC_EDATA, "A%lld is planned, not tried yet:"
				" set it to trying first (or --force)", aid);
		goto out;
	}
	store_new_guid(guid);
	store_now(now);
	if ((rc = exec_b(s, e, "INSERT INTO evaluations(guid, action_id,"
			 " meeting_id, text, created_at) VALUES (?, ?, ?, ?, ?)",
			 "tiitt", guid, aid, mid, v->text, now)) < 0)
		goto out;
	*id = sqlite3_last_insert_rowid(s->db);
	if ((rc = evidence_add(s, "evaluation_id", *id, v->evidence,
			       v->nevidence, e)) < 0)
		goto out;
	/* being tried (or planned, forced): now evaluated, on the meeting's
	 * day */
	if (from <= 1) {
		if ((rc = change_date(s, aid, NULL, mid, &date, e)) < 0 ||
		    (rc = status_row(s, aid, "evaluated", date, mid, from == 0,
				     e)) < 0)
			goto out;
	}
	rc = audit(s, "action evaluate", e, "A%lld at M%lld, %d fragments%s",
		   aid, mid, v->nevidence, from == 0 ? " (forced)" : "");
out:
	free(cur);
	free(date);
	return rc;
}

int cycle_action_remove(struct store *s, const char *ref, long long *id,
			struct qc_err *e)
{
	int rc;

	if ((rc = cycle_action_find(s, ref, id, e)) < 0 ||
	    (rc = exec_b(s, e, "DELETE FROM actions WHERE id = ?", "i", *id)) < 0)
		return rc;
	return audit(s, "action rm", e, "A%lld", *id);
}

int cycle_action_list(struct store *s, const char *status,
		      const char *theme, const char *ref,
		      struct cycle_actions *out, struct qc_err *e)
{
	long long cid = 0, only = 0;
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (status && status_index(status) < 0)
		return qc_err_set(e, QC_EUSAGE, "no status '%s' (planned,"
				  " trying, evaluated, adopted, dropped)", status);
	if ((theme && (rc = code_of(s, theme, &cid, e)) < 0) ||
	    (ref && (rc = cycle_action_find(s, ref, &only, e)) < 0))
		return rc;
	st = store_prepare(s, "SELECT a.id, a.guid, a.text, c.short_id, c.name,"
		" (SELECT group_concat(short_id, ', ') FROM (SELECT k.short_id FROM"
		"  action_codes x JOIN codes k ON k.id = x.code_id WHERE"
		"  x.action_id = a.id ORDER BY k.ordinal, k.id)),"
		" a.owner, a.status, (SELECT max(date) FROM action_status WHERE"
		"  action_id = a.id), 'M' || a.meeting_id,"
		" (SELECT text FROM evaluations WHERE action_id = a.id ORDER BY id"
		"  DESC LIMIT 1), (SELECT count(*) FROM evaluations WHERE"
		"  action_id = a.id) FROM actions a JOIN codes c ON c.id = a.code_id"
		" WHERE (?1 IS NULL OR a.status = ?1) AND (?2 = 0 OR a.code_id = ?2"
		" OR EXISTS (SELECT 1 FROM action_codes x WHERE x.action_id = a.id"
		" AND x.code_id = ?2)) AND (?3 = 0 OR a.id = ?3) ORDER BY a.id", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, cid);
	sqlite3_bind_int64(st, 3, only);
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct cycle_action *a;
		QC_GROW(out->v, out->n, alloc);
		a = &out->v[out->n++];
		a->id = sqlite3_column_int64(st, 0);
		a->guid = dup0(st, 1);
		a->text = dup0(st, 2);
		a->theme = dup0(st, 3);
		a->theme_name = dup0(st, 4);
		a->codes = dup0(st, 5);
		a->owner = dup0(st, 6);
		a->status = dup0(st, 7);
		a->since = dup0(st, 8);
		a->meeting = dup0(st, 9);
		a->evaluation = dup0(st, 10);
		a->evaluations = sqlite3_column_int64(st, 11);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		cycle_actions_release(out);
		return qc_err_set(e, QC_EIO, "cannot read the learning cycle: %s",
				  sqlite3_errmsg(s->db));
	}
	return 0;
}

void cycle_actions_release(struct cycle_actions *a)
{
	for (size_t i = 0; i < a->n; i++) {
		struct cycle_action *x = &a->v[i];
		free(x->guid);
		free(x->text);
		free(x->theme);
		free(x->theme_name);
		free(x->codes);
		free(x->owner);
		free(x->status);
		free(x->since);
		free(x->meeting);
		free(x->evaluation);
	}
	free(a->v);
	memset(a, 0, sizeof(*a));
}

int cycle_action_history(struct store *s, long long id,
			 struct cycle_events *out, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT date, status, 'M' || meeting_id, NULL, NULL, forced, CASE WHEN"
		" status IN ('planned', 'trying') THEN 0 ELSE 2 END, id"
		" FROM action_status WHERE action_id = ?1 UNION ALL"
		" SELECT m.date, 'evaluation', 'M' || v.meeting_id, v.text, "
		EVIDENCE_SQL("evaluation_id = v.id") ", 0, 1, v.id FROM evaluations v"
		" JOIN meetings m ON"
		" m.id = v.meeting_id WHERE v.action_id = ?1 ORDER BY 1, 7, 8", e);
	size_t alloc = 0;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, id);
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct cycle_event *v;
		QC_GROW(out->v, out->n, alloc);
		v = &out->v[out->n++];
		v->date = dup0(st, 0);
		v->what = dup0(st, 1);
		v->meeting = dup0(st, 2);
		v->text = dup0(st, 3);
		v->evidence = dup0(st, 4);
		v->forced = sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		cycle_events_release(out);
		return qc_err_set(e, QC_EIO, "cannot read the learning cycle: %s",
				  sqlite3_errmsg(s->db));
	}
	return 0;
}

void cycle_events_release(struct cycle_events *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].date);
		free(h->v[i].what);
		free(h->v[i].meeting);
		free(h->v[i].text);
		free(h->v[i].evidence);
	}
	free(h->v);
	memset(h, 0, sizeof(*h));
}

/* ---- decisions and lessons ---- */

int cycle_decision_add(struct store *s, const char *mref, const char *text,
		       const char *theme, char *const *evidence, int nevidence,
		       long long *id, struct qc_err *e)
{
	long long mid, cid = 0;
	char guid[37], now[32];
	int rc;

	if ((rc = cycle_meeting_find(s, mref, &mid, e)) < 0 ||
	    (theme && (rc = code_of(s, theme, &cid, e)) < 0))
		return rc;
	if (!*text)
		return qc_err_set(e, QC_EUSAGE, "the decision is empty");
	store_new_guid(guid);
	store_now(now);
	if ((rc = exec_b(s, e, "INSERT INTO decisions(guid, meeting_id, code_id,"
			 " text, created_at) VALUES (?, ?, nullif(?, 0), ?, ?)",
			 "tiitt", guid, mid, cid, text, now)) < 0)
		return rc;
	*id = sqlite3_last_insert_rowid(s->db);
	if ((rc = evidence_add(s, "decision_id", *id, evidence, nevidence, e)) < 0)
		return rc;
	return audit(s, "decision add", e, "D%lld at M%lld", *id, mid);
}

int cycle_lesson_add(struct store *s, const char *text, int process,
		     const char *theme, const char *mref,
		     char *const *evidence, int nevidence, long long *id,
		     struct qc_err *e)
{
	long long mid = 0, cid = 0;
	char guid[37], now[32];
	int rc;

	if (!process && !theme)
		return qc_err_set(e, QC_EUSAGE, "a lesson is about the process"
				  " (--process) or a theme (--theme T)");
	if ((theme && (rc = code_of(s, theme, &cid, e)) < 0) ||
	    (mref && (rc = cycle_meeting_find(s, mref, &mid, e)) < 0))
		return rc;
	if (!*text)
		return qc_err_set(e, QC_EUSAGE, "the lesson is empty");
	store_new_guid(guid);
	store_now(now);
	if ((rc = exec_b(s, e, "INSERT INTO lessons(guid, text, process, code_id,"
			 " meeting_id, created_at) VALUES (?, ?, ?, nullif(?, 0),"
			 " nullif(?, 0), ?)", "ttiiit", guid, text,
			 (long long)(process != 0), cid, mid, now)) < 0)
		return rc;
	*id = sqlite3_last_insert_rowid(s->db);
	if ((rc = evidence_add(s, "lesson_id", *id, evidence, nevidence, e)) < 0)
		return rc;
	return audit(s, "lesson add", e, "L%lld%s", *id,
		     process ? " about the process" : " about a theme");
}

static int note_remove(struct store *s, const char *ref, char prefix,
		       const char *table, const char *what, const char *cmd,
		       long long *id, struct qc_err *e)
{
	char *sql;
	int rc;

	if ((rc = find(s, ref, prefix, table, what, id, e)) < 0)
		return rc;
	sql = xasprintf("DELETE FROM %s WHERE id = ?", table);
	rc = exec_b(s, e, sql, "i", *id);
	free(sql);
	return rc < 0 ? rc : audit(s, cmd, e, "%c%lld", prefix, *id);
}

int cycle_decision_remove(struct store *s, const char *ref, long long *id,
			  struct qc_err *e)
{
	return note_remove(s, ref, 'D', "decisions", "decision", "decision rm",
			   id, e);
}

int cycle_lesson_remove(struct store *s, const char *ref, long long *id,
			struct qc_err *e)
{
	return note_remove(s, ref, 'L', "lessons", "lesson", "lesson rm", id, e);
}

static int notes_read(sqlite3_stmt *st, struct cycle_notes *out)
{
	size_t alloc = 0;

	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct cycle_note *n;
		QC_GROW(out->v, out->n, alloc);
		n = &out->v[out->n++];
		n->id = sqlite3_column_int64(st, 0);
		n->meeting = sqlite3_column_int64(st, 1);
		n->date = dup0(st, 2);
		n->theme = dup0(st, 3);
		n->text = dup0(st, 4);
		n->evidence = dup0(st, 5);
		n->process = sqlite3_column_int(st, 6);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		cycle_notes_release(out);
		return -QC_EIO;
	}
	return 0;
}

int cycle_decision_list(struct store *s, const char *mref,
			struct cycle_notes *out, struct qc_err *e)
{
	long long mid = 0;
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (mref && (rc = cycle_meeting_find(s, mref, &mid, e)) < 0)
		return rc;
	st = store_prepare(s, "SELECT d.id, d.meeting_id, m.date, c.short_id,"
		" d.text, " EVIDENCE_SQL("decision_id = d.id") ", 0 FROM decisions d"
		" JOIN meetings m ON m.id = d.meeting_id LEFT JOIN codes c ON"
		" c.id = d.code_id WHERE ?1 = 0 OR d.meeting_id = ?1"
		" ORDER BY m.date, m.id, d.id", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, mid);
	if ((rc = notes_read(st, out)) < 0)
		return qc_err_set(e, QC_EIO, "cannot read the decisions");
	return 0;
}

int cycle_lesson_list(struct store *s, struct cycle_notes *out,
		      struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT l.id, coalesce(l.meeting_id,"
		" 0), m.date, c.short_id, l.text, " EVIDENCE_SQL("lesson_id = l.id")
		", l.process FROM lessons l LEFT JOIN meetings m ON m.id ="
		" l.meeting_id LEFT JOIN codes c ON c.id = l.code_id ORDER BY l.id", e);

	memset(out, 0, sizeof(*out));
	if (!st)
		return -QC_EIO;
	if (notes_read(st, out) < 0)
		return qc_err_set(e, QC_EIO, "cannot read the lessons");
	return 0;
}

void cycle_notes_release(struct cycle_notes *n)
{
	for (size_t i = 0; i < n->n; i++) {
		free(n->v[i].date);
		free(n->v[i].theme);
		free(n->v[i].text);
		free(n->v[i].evidence);
	}
	free(n->v);
	memset(n, 0, sizeof(*n));
}

/* ---- counts ---- */

int cycle_counts(struct store *s, struct cycle_counts *c, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT"
		" (SELECT count(*) FROM meetings),"
		" (SELECT count(*) FROM actions),"
		" (SELECT count(DISTINCT action_id) FROM action_status WHERE"
		"  status <> 'planned' AND status <> 'dropped'),"
		" (SELECT count(*) FROM actions a WHERE EXISTS (SELECT 1 FROM"
		"  evaluations v WHERE v.action_id = a.id) OR a.status IN"
		"  ('evaluated', 'adopted')),"
		" (SELECT count(*) FROM actions WHERE status = 'adopted'),"
		" (SELECT count(*) FROM actions WHERE status = 'dropped'),"
		" (SELECT count(*) FROM decisions), (SELECT count(*) FROM lessons),"
		" (SELECT min(date) FROM meetings), (SELECT max(date) FROM meetings)",
		e);

	memset(c, 0, sizeof(*c));
	if (!st)
		return -QC_EIO;
	if (sqlite3_step(st) == SQLITE_ROW) {
		c->meetings = sqlite3_column_int64(st, 0);
		c->actions = sqlite3_column_int64(st, 1);
		c->tried = sqlite3_column_int64(st, 2);
		c->evaluated = sqlite3_column_int64(st, 3);
		c->adopted = sqlite3_column_int64(st, 4);
		c->dropped = sqlite3_column_int64(st, 5);
		c->decisions = sqlite3_column_int64(st, 6);
		c->lessons = sqlite3_column_int64(st, 7);
		c->first = dup0(st, 8);
		c->last = dup0(st, 9);
	}
	sqlite3_finalize(st);
	return 0;
}

void cycle_counts_release(struct cycle_counts *c)
{
	free(c->first);
	free(c->last);
	memset(c, 0, sizeof(*c));
}

int cycle_since(struct store *s, const char *arg, char **since, char **what,
		struct qc_err *e)
{
	*since = *what = NULL;
	if (arg[0] == 'M' || arg[0] == 'm') {
		long long mid;
		char *date;
		int rc = cycle_meeting_find(s, arg, &mid, e);
		if (rc < 0)
			return rc;
		date = str_b(s, "SELECT date FROM meetings WHERE id = ?", "i", mid);
		/* after the meeting: from the next day on */
		*since = str_b(s, "SELECT date(?, '+1 day')", "t", date);
		*what = xasprintf("since M%lld (%s)", mid, date);
		free(date);
		return *since ? 0 : qc_err_set(e, QC_EIO, "cannot read M%lld's"
					       " date", mid);
	}
	if (!qc_date_valid(arg, 1))
		return qc_err_set(e, QC_EUSAGE, "--since '%s' is neither a"
				  " meeting (M2) nor a date (YYYY[-MM[-DD]])",
				  arg);
	*since = xstrdup(arg);
	*what = xasprintf("since %s", arg);
	return 0;
}

/* ---- merge ---- */

static long long changes(struct store *s, const char *sql, int *rc,
			 struct qc_err *e)
{
	if (*rc < 0)
		return 0;
	if ((*rc = store_exec(s, sql, e)) < 0)
		return 0;
	return sqlite3_changes(s->db);
}

int cycle_merge(struct store *s, long long *n, struct qc_buf *conflicts,
		struct qc_err *e)
{
	int rc = 0;
	long long lost, before;

	*n = 0;
	/* a copy made before the cycle existed has none to bring */
	if (!int_b(s, 0, "SELECT count(*) FROM o.sqlite_master WHERE type ="
		   " 'table' AND name = 'meetings'", ""))
		return 0;
	rc = store_exec(s,
		"CREATE TEMP TABLE mm(o INTEGER PRIMARY KEY, m INTEGER, new INTEGER);"
		"CREATE TEMP TABLE ma(o INTEGER PRIMARY KEY, m INTEGER, new INTEGER);"
		"CREATE TEMP TABLE mv(o INTEGER PRIMARY KEY, m INTEGER);"
		"CREATE TEMP TABLE md(o INTEGER PRIMARY KEY, m INTEGER);"
		"CREATE TEMP TABLE ml(o INTEGER PRIMARY KEY, m INTEGER);", e);
	/* meetings by GUID; a new one brings who came and its themes (ids
	 * count on, so those above the last one before are new) */
	before = int_b(s, 0, "SELECT coalesce(max(id), 0) FROM main.meetings", "");
	*n += changes(s, "INSERT INTO main.meetings(guid, date, title, created_at)"
		" SELECT guid, date, title, created_at FROM o.meetings WHERE guid"
		" NOT IN (SELECT guid FROM main.meetings) ORDER BY date, id", &rc, e);
	if (rc == 0)
		rc = exec_b(s, e, "INSERT INTO mm SELECT x.id, y.id, y.id > ? FROM"
			    " o.meetings x JOIN main.meetings y ON y.guid = x.guid",
			    "i", before);
	changes(s, "INSERT OR IGNORE INTO main.meeting_roles SELECT mm.m, r.role,"
		" r.n FROM o.meeting_roles r JOIN mm ON mm.o = r.meeting_id WHERE"
		" mm.new", &rc, e);
	changes(s, "INSERT OR IGNORE INTO main.meeting_themes SELECT mm.m, mk.m,"
		" t.ordinal FROM o.meeting_themes t JOIN mm ON mm.o = t.meeting_id"
		" JOIN mk ON mk.o = t.code_id WHERE mm.new", &rc, e);
	changes(s, "INSERT OR IGNORE INTO main.meeting_sources SELECT ms.m, mm.m"
		" FROM o.meeting_sources x JOIN ms ON ms.o = x.source_id JOIN mm ON"
		" mm.o = x.meeting_id", &rc, e);
	*n += changes(s, "INSERT OR IGNORE INTO main.reviews(guid, meeting_id,"
		" code_id, text, priority, by_role, created_at) SELECT r.guid, mm.m,"
		" mk.m, r.text, r.priority, r.by_role, r.created_at FROM o.reviews r"
		" JOIN mm ON mm.o = r.meeting_id JOIN mk ON mk.o = r.code_id", &rc, e);
	/* actions by GUID, their status changes by GUID: a status changed
	 * in either copy is kept, the latest being the action's */
	*n += changes(s, "INSERT INTO main.actions(guid, text, code_id, meeting_id,"
		" owner, status, created_at) SELECT a.guid, a.text, mk.m, (SELECT m"
		" FROM mm WHERE o = a.meeting_id), a.owner, a.status, a.created_at"
		" FROM o.actions a JOIN mk ON mk.o = a.code_id WHERE a.guid NOT IN"
		" (SELECT guid FROM main.actions) ORDER BY a.id", &rc, e);
	changes(s, "INSERT INTO ma SELECT x.id, y.id, 0 FROM o.actions x JOIN"
		" main.actions y ON y.guid = x.guid", &rc, e);
	changes(s, "INSERT OR IGNORE INTO main.action_codes SELECT ma.m, mk.m FROM"
		" o.action_codes x JOIN ma ON ma.o = x.action_id JOIN mk ON"
		" mk.o = x.code_id", &rc, e);
	*n += changes(s, "INSERT INTO main.action_status(guid, action_id, status,"
		" date, meeting_id, forced, created_at) SELECT x.guid, ma.m, x.status,"
		" x.date, (SELECT m FROM mm WHERE o = x.meeting_id), x.forced,"
		" x.created_at FROM o.action_status x JOIN ma ON ma.o = x.action_id"
		" WHERE x.guid NOT IN (SELECT guid FROM main.action_status)", &rc, e);
	changes(s, "UPDATE main.actions SET status = (SELECT status FROM"
		" main.action_status z WHERE z.action_id = actions.id ORDER BY"
		" z.date DESC, z.created_at DESC, z.id DESC LIMIT 1) WHERE id IN"
		" (SELECT m FROM ma)", &rc, e);
	*n += changes(s, "INSERT INTO main.evaluations(guid, action_id, meeting_id,"
		" text, created_at) SELECT v.guid, ma.m, mm.m, v.text, v.created_at"
		" FROM o.evaluations v JOIN ma ON ma.o = v.action_id JOIN mm ON"
		" mm.o = v.meeting_id WHERE v.guid NOT IN (SELECT guid FROM"
		" main.evaluations) ORDER BY v.id", &rc, e);
	changes(s, "INSERT INTO mv SELECT x.id, y.id FROM o.evaluations x JOIN"
		" main.evaluations y ON y.guid = x.guid WHERE NOT EXISTS (SELECT 1"
		" FROM main.evidence z WHERE z.evaluation_id = y.id)", &rc, e);
	*n += changes(s, "INSERT INTO main.decisions(guid, meeting_id, code_id,"
		" text, created_at) SELECT d.guid, mm.m, (SELECT m FROM mk WHERE"
		" o = d.code_id), d.text, d.created_at FROM o.decisions d JOIN mm ON"
		" mm.o = d.meeting_id WHERE d.guid NOT IN (SELECT guid FROM"
		" main.decisions) ORDER BY d.id", &rc, e);
	changes(s, "INSERT INTO md SELECT x.id, y.id FROM o.decisions x JOIN"
		" main.decisions y ON y.guid = x.guid WHERE NOT EXISTS (SELECT 1"
		" FROM main.evidence z WHERE z.decision_id = y.id)", &rc, e);
	*n += changes(s, "INSERT INTO main.lessons(guid, text, process, code_id,"
		" meeting_id, created_at) SELECT l.guid, l.text, l.process, (SELECT"
		" m FROM mk WHERE o = l.code_id), (SELECT m FROM mm WHERE o ="
		" l.meeting_id), l.created_at FROM o.lessons l WHERE l.guid NOT IN"
		" (SELECT guid FROM main.lessons) AND (l.process OR l.code_id IN"
		" (SELECT o FROM mk)) ORDER BY l.id", &rc, e);
	changes(s, "INSERT INTO ml SELECT x.id, y.id FROM o.lessons x JOIN"
		" main.lessons y ON y.guid = x.guid WHERE NOT EXISTS (SELECT 1"
		" FROM main.evidence z WHERE z.lesson_id = y.id)", &rc, e);
	/* evidence of what came new, on the merged sources */
	changes(s, "INSERT INTO main.evidence(evaluation_id, decision_id,"
		" lesson_id, source_id, segment_id, start_cp, end_cp) SELECT"
		" (SELECT m FROM mv WHERE o = x.evaluation_id), (SELECT m FROM md"
		" WHERE o = x.decision_id), (SELECT m FROM ml WHERE o ="
		" x.lesson_id), ms.m, (SELECT m FROM mg WHERE o = x.segment_id),"
		" x.start_cp, x.end_cp FROM o.evidence x JOIN ms ON ms.o ="
		" x.source_id WHERE x.evaluation_id IN (SELECT o FROM mv) OR"
		" x.decision_id IN (SELECT o FROM md) OR x.lesson_id IN (SELECT o"
		" FROM ml)", &rc, e);
	lost = rc < 0 ? 0 : int_b(s, 0, "SELECT (SELECT count(*) FROM o.actions"
		" WHERE guid NOT IN (SELECT guid FROM main.actions)) + (SELECT"
		" count(*) FROM o.reviews WHERE guid NOT IN (SELECT guid FROM"
		" main.reviews))", "");
	if (lost)
		qc_buf_addf(conflicts, "%lld actions or notes there are on a code"
			    " that was not merged: not merged\n", lost);
	{
		struct qc_err ig = QC_ERR_INIT;
		store_exec(s, "DROP TABLE temp.mm; DROP TABLE temp.ma;"
			   " DROP TABLE temp.mv; DROP TABLE temp.md;"
			   " DROP TABLE temp.ml", &ig);
		qc_err_release(&ig);
	}
	return rc;
}
