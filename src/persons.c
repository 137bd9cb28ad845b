/*
 * persons: persons, their links to participants, and typed attributes.
 * See include/qcode/persons.h. Owns persons, person_attrs and attributes;
 * writes source_attrs only to check or drop values of a declaration.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "qcode/persons.h"
#include "qcode/sources.h"
#include "qcode/text.h"
#include "qcode/util.h"

static const char *col(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? t : "";
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- values ---- */

/* "3", "-2.5", "3,5" (a decimal comma) -> "3.5"; NULL if not a number. */
static char *norm_number(const char *v)
{
	struct qc_buf b = QC_BUF_INIT;
	const char *p = v;
	int digits = 0, point = 0;

	while (*p == ' ')
		p++;
	if (*p == '-' || *p == '+') {
		if (*p == '-')
			qc_buf_addch(&b, '-');
		p++;
	}
	for (; *p && *p != ' '; p++) {
		if (isdigit((unsigned char)*p)) {
			qc_buf_addch(&b, *p);
			digits++;
		} else if ((*p == '.' || *p == ',') && !point && digits) {
			qc_buf_addch(&b, '.');
			point = 1;
		} else {
			break;
		}
	}
	while (*p == ' ')
		p++;
	if (*p || !digits || b.buf[b.len - 1] == '.') {
		qc_buf_release(&b);
		return NULL;
	}
	return qc_buf_detach(&b, NULL);
}

/* "2025-03-04", or "4-3-2025" and "4/3/2025" (day first) -> ISO. */
static char *norm_date(const char *v)
{
	int d, m, y, n = 0;
	char *iso;

	if (qc_date_valid(v, 0))
		return xstrdup(v);
	if ((sscanf(v, "%d-%d-%d%n", &d, &m, &y, &n) == 3 ||
	     sscanf(v, "%d/%d/%d%n", &d, &m, &y, &n) == 3) && !v[n] &&
	    y >= 1000 && y <= 9999 && d >= 1 && m >= 1) {
		iso = xasprintf("%04d-%02d-%02d", y, m, d);
		if (qc_date_valid(iso, 0))
			return iso;
		free(iso);
	}
	return NULL;
}

static char *norm_boolean(const char *v)
{
	static const char *const yes[] = { "true", "yes", "ja", "waar", "1",
		"y", "j", NULL };
	static const char *const no[] = { "false", "no", "nee", "onwaar", "0",
		"n", NULL };

	for (int i = 0; yes[i]; i++)
		if (!strcasecmp(v, yes[i]))
			return xstrdup("true");
	for (int i = 0; no[i]; i++)
		if (!strcasecmp(v, no[i]))
			return xstrdup("false");
	return NULL;
}

/* The declared spelling of a choice (any case), or NULL. */
static char *norm_choice(const char *v, const char *choices)
{
	const char *p = choices;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (strlen(v) == len && !strncasecmp(v, p, len))
			return xstrndup(p, len);
		p = nl ? nl + 1 : NULL;
	}
	return NULL;
}

/* choices as the user reads them: "A, B, C" */
static char *choices_shown(const char *choices)
{
	struct qc_buf b = QC_BUF_INIT;

	for (const char *p = choices; p && *p; p++)
		if (*p == '\n')
			qc_buf_adds(&b, ", ");
		else
			qc_buf_addch(&b, *p);
	return qc_buf_detach(&b, NULL);
}

static int check_value(const char *key, const char *type, const char *choices,
		       const char *value, char **norm, struct qc_err *e)
{
	char *n = NULL;

	*norm = NULL;
	if (!*value)
		return qc_err_set(e, QC_EDATA, "attribute '%s': an empty value",
				  key);
	if (!strcmp(type, "text"))
		n = xstrdup(value);
	else if (!strcmp(type, "number"))
		n = norm_number(value);
	else if (!strcmp(type, "date"))
		n = norm_date(value);
	else if (!strcmp(type, "boolean"))
		n = norm_boolean(value);
	else if (!strcmp(type, "choice"))
		n = norm_choice(value, choices);
	if (!n) {
		if (!strcmp(type, "choice")) {
			char *c = choices_shown(choices);
			int rc = qc_err_set(e, QC_EDATA, "attribute '%s': '%s' is"
					    " not one of %s", key, value, c);
			free(c);
			return rc;
		}
		return qc_err_set(e, QC_EDATA, "attribute '%s': '%s' is not a%s"
				  " %s%s", key, value, !strcmp(type, "date") ?
				  "" : "", type, !strcmp(type, "date") ?
				  " (YYYY-MM-DD)" : !strcmp(type, "boolean") ?
				  " (yes or no)" : "");
	}
	*norm = n;
	return 0;
}

/* The declaration of key: 1 with *type and *choices set (caller frees),
 * 0 if there is none, -QC_EIO. */
static int declaration(struct store *s, const char *key, char **type,
		       char **choices, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT type, coalesce(choices, '')"
					 " FROM attributes WHERE name = ?", e);
	int found;

	*type = *choices = NULL;
	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		*type = xstrdup(col(st, 0));
		*choices = xstrdup(col(st, 1));
	}
	sqlite3_finalize(st);
	return found;
}

int persons_attr_check(struct store *s, const char *key, const char *value,
		       int declared_only, char **norm, struct qc_err *e)
{
	char *type, *choices;
	int rc = declaration(s, key, &type, &choices, e);

	*norm = NULL;
	if (rc < 0)
		return rc;
	if (rc == 0) {
		if (declared_only)
			return qc_err_set(e, QC_EDATA, "attribute '%s' is not"
					  " declared", key);
		if (!*value)
			return qc_err_set(e, QC_EDATA, "attribute '%s': an empty"
					  " value", key);
		*norm = xstrdup(value);
		return 0;
	}
	rc = check_value(key, type, choices, value, norm, e);
	free(type);
	free(choices);
	return rc;
}

int persons_attr_known(struct store *s, const char *key, struct qc_err *e)
{
	char *t, *c;
	int rc = declaration(s, key, &t, &c, e);

	free(t);
	free(c);
	if (rc < 0)
		return rc;
	return rc ? 0 : qc_err_set(e, QC_EDATA, "attribute '%s' is not"
				   " declared", key);
}

/* Names other programs give variables ("Eerste zwangerschap") are
 * kept; '=' and ',' would make K=V and lists ambiguous. */
static int valid_name(const char *name)
{
	size_t n = strlen(name);

	if (!n || n > 64 || strchr(name, '=') || strchr(name, ',') ||
	    name[0] == ' ' || name[n - 1] == ' ')
		return 0;
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < ' ')
			return 0;
	return 1;
}

/* Check (and respell) every stored value of key on persons and sources. */
static int recheck(struct store *s, const char *key, const char *type,
		   const char *choices, struct qc_err *e)
{
	static const char *const sel[] = {
		"SELECT 'P' || person_id, value, person_id FROM person_attrs"
		" WHERE key = ?",
		"SELECT 'S' || source_id, value, source_id FROM source_attrs"
		" WHERE key = ?" };
	static const char *const upd[] = {
		"UPDATE person_attrs SET value = ?3 WHERE person_id = ?1"
		" AND key = ?2",
		"UPDATE source_attrs SET value = ?3 WHERE source_id = ?1"
		" AND key = ?2" };
	int rc = 0;

	for (int t = 0; t < 2 && rc == 0; t++) {
		sqlite3_stmt *st = store_prepare(s, sel[t], e);
		sqlite3_stmt *up = store_prepare(s, upd[t], e);
		if (!st || !up) {
			sqlite3_finalize(st);
			sqlite3_finalize(up);
			return -QC_EIO;
		}
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
			char *n;
			if ((rc = check_value(key, type, choices, col(st, 1), &n,
					      e)) < 0) {
				qc_err_prefix(e, "%s", col(st, 0));
				break;
			}
			sqlite3_bind_int64(up, 1, sqlite3_column_int64(st, 2));
			sqlite3_bind_text(up, 2, key, -1, SQLITE_STATIC);
			sqlite3_bind_text(up, 3, n, -1, SQLITE_TRANSIENT);
			free(n);
			if (sqlite3_step(up) != SQLITE_DONE)
				rc = store_fail(s, e, "cannot store the value");
			sqlite3_reset(up);
		}
		sqlite3_finalize(st);
		sqlite3_finalize(up);
	}
	return rc;
}

int persons_attr_declare(struct store *s, const char *name, const char *type,
			 const char *values, int audit, struct qc_err *e)
{
	static const char *const types[] = { "text", "number", "date",
		"boolean", "choice", NULL };
	struct qc_buf ch = QC_BUF_INIT;
	char *t0, *c0, *detail;
	sqlite3_stmt *st;
	int rc, k;

	if (!valid_name(name))
		return qc_err_set(e, QC_EUSAGE, "'%s' cannot be an attribute's"
				  " name (no '=' or ',')", name);
	for (k = 0; types[k] && strcmp(types[k], type); k++)
		;
	if (!types[k])
		return qc_err_set(e, QC_EUSAGE, "--type is text, number, date,"
				  " boolean or choice, not '%s'", type);
	if (!strcmp(type, "choice") != (values != NULL))
		return qc_err_set(e, QC_EUSAGE, values ? "--values goes with"
				  " --type choice only" : "--type choice wants"
				  " --values A,B,C");
	if ((rc = declaration(s, name, &t0, &c0, e)) != 0) {
		free(t0);
		free(c0);
		return rc < 0 ? rc : qc_err_set(e, QC_EDATA, "attribute '%s' is"
						" declared already", name);
	}
	for (const char *p = values; p && *p;) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		char *v;
		while (len && *p == ' ')
			p++, len--;
		while (len && p[len - 1] == ' ')
			len--;
		v = xstrndup(p, len);
		if (!len || norm_choice(v, ch.buf) != NULL) {
			int r = qc_err_set(e, QC_EUSAGE, len ? "--values: '%s'"
					   " twice" : "--values: an empty choice",
					   v);
			char *dup = norm_choice(v, ch.buf);
			free(dup);
			free(v);
			qc_buf_release(&ch);
			return r;
		}
		if (ch.len)
			qc_buf_addch(&ch, '\n');
		qc_buf_adds(&ch, v);
		free(v);
		p = c ? c + 1 : p + len;
	}
	st = store_prepare(s, "INSERT INTO attributes(name, type, choices,"
			   " ordinal) VALUES (?1, ?2, ?3, (SELECT coalesce(max("
			   "ordinal), 0) + 1 FROM attributes))", e);
	if (!st) {
		qc_buf_release(&ch);
		return -QC_EIO;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, type, -1, SQLITE_STATIC);
	if (values)
		sqlite3_bind_text(st, 3, ch.buf, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(s, e, "cannot declare the attribute");
	sqlite3_finalize(st);
	if (rc == 0)
		rc = recheck(s, name, type, ch.buf, e);
	qc_buf_release(&ch);
	if (rc < 0 || !audit)
		return rc;
	detail = xasprintf("%s %s", name, type);
	rc = store_audit(s, "attribute add", detail, e);
	free(detail);
	return rc;
}

int persons_attr_remove(struct store *s, const char *name, struct qc_err *e)
{
	char *t, *c;
	int rc = declaration(s, name, &t, &c, e);
	sqlite3_stmt *st;

	free(t);
	free(c);
	if (rc <= 0)
		return rc < 0 ? rc : qc_err_set(e, QC_EDATA, "no attribute '%s'",
						name);
	st = store_prepare(s, "DELETE FROM person_attrs WHERE key = ?1;", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -QC_EIO;
	sqlite3_finalize(st);
	if (rc == 0 && (st = store_prepare(s, "DELETE FROM source_attrs WHERE"
					   " key = ?1", e))) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -QC_EIO;
		sqlite3_finalize(st);
	}
	if (rc == 0 && (st = store_prepare(s, "DELETE FROM attributes WHERE"
					   " name = ?1", e))) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -QC_EIO;
		sqlite3_finalize(st);
	}
	if (rc < 0 || !st)
		return store_fail(s, e, "cannot remove the attribute");
	return store_audit(s, "attribute rm", name, e);
}

int persons_attrs_list(struct store *s, struct persons_attrs *out,
		       struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT name, type, coalesce(choices, ''),"
		" (SELECT count(*) FROM person_attrs WHERE key = a.name),"
		" (SELECT count(*) FROM source_attrs WHERE key = a.name)"
		" FROM attributes a ORDER BY ordinal", e);
	size_t alloc = 0;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		QC_GROW(out->v, out->n, alloc);
		out->v[out->n++] = (struct persons_attr){
			xstrdup(col(st, 0)), xstrdup(col(st, 1)),
			choices_shown(col(st, 2)), sqlite3_column_int64(st, 3),
			sqlite3_column_int64(st, 4) };
	}
	sqlite3_finalize(st);
	return 0;
}

void persons_attrs_release(struct persons_attrs *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].name);
		free(a->v[i].type);
		free(a->v[i].choices);
	}
	free(a->v);
	memset(a, 0, sizeof(*a));
}

int persons_attr_values(struct store *s, const char *key, char ***vals,
			size_t *n, struct qc_err *e)
{
	char *type, *choices;
	int rc = declaration(s, key, &type, &choices, e);
	sqlite3_stmt *st;
	size_t alloc = 0;

	*vals = NULL;
	*n = 0;
	if (rc < 0)
		return rc;
	if (rc && !strcmp(type, "choice")) {
		for (const char *p = choices; *p;) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			QC_GROW(*vals, *n, alloc);
			(*vals)[(*n)++] = xstrndup(p, len);
			p = nl ? nl + 1 : p + len;
		}
		free(type);
		free(choices);
		return 0;
	}
	free(type);
	free(choices);
	st = store_prepare(s, "SELECT value FROM person_attrs WHERE key = ?1"
			   " UNION SELECT value FROM source_attrs WHERE key = ?1",
			   e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		QC_GROW(*vals, *n, alloc);
		(*vals)[(*n)++] = xstrdup(col(st, 0));
	}
	sqlite3_finalize(st);
	if (*n > 1)
		qsort(*vals, *n, sizeof(char *), str_cmp);
	return 0;
}

char *persons_attr_get(struct store *s, int target, long long id,
		       const char *key)
{
	sqlite3_stmt *st = store_prepare(s, target == 'P' ?
		"SELECT value FROM person_attrs WHERE person_id = ? AND key = ?" :
		"SELECT value FROM source_attrs WHERE source_id = ? AND key = ?",
		NULL);
	char *v = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup(col(st, 0));
	sqlite3_finalize(st);
	return v;
}

/* ---- persons ---- */

int persons_find(struct store *s, const char *ref, long long *id,
		 struct qc_err *e)
{
	sqlite3_stmt *st;
	long long n = 0;
	int found = 0;
	char *end;

	*id = 0;
	if ((ref[0] == 'P' || ref[0] == 'p') && isdigit((unsigned char)ref[1])) {
		n = strtoll(ref + 1, &end, 10);
		if (*end)
			n = 0;
	}
	st = store_prepare(s, "SELECT id FROM persons WHERE id = ?1 OR"
			   " (?1 = 0 AND (name = ?2 OR pseudonym = ?2)) LIMIT 2",
			   e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, n);
	sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		found++;
	}
	sqlite3_finalize(st);
	if (found == 1)
		return 0;
	return qc_err_set(e, QC_EDATA, found ? "'%s' names more than one"
			  " person; give P1, P2, ..." : "no person '%s'", ref);
}

/* The participant of source ref called label (or with that pseudonym):
 * its id and its person's. */
static int participant_find(struct store *s, const char *ref,
			    const char *label, long long *pid,
			    long long *person, struct qc_err *e)
{
	sqlite3_stmt *st;
	long long sid;
	int rc, found = 0;

	if ((rc = sources_find(s, ref, &sid, e)) < 0)
		return rc;
	st = store_prepare(s, "SELECT id, person_id FROM participants WHERE"
			   " source_id = ?1 AND (label = ?2 OR pseudonym = ?2)"
			   " ORDER BY label = ?2 DESC", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, label, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*pid = sqlite3_column_int64(st, 0);
		*person = sqlite3_column_int64(st, 1);
		found = 1;
	}
	sqlite3_finalize(st);
	if (!found)
		return qc_err_set(e, QC_EDATA, "%s has no speaker '%s'", ref,
				  label);
	return 0;
}

/* Run sql with ?1 = a and ?2 = b; 0 or store_fail. */
static int exec2(struct store *s, const char *sql, long long a, long long b,
		 struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(s, e, "cannot change the person");
	sqlite3_finalize(st);
	return rc;
}

/* Move person from into person to: attributes first (a clash refused),
 * then its participants; from is removed with the last of them. */
static int merge_into(struct store *s, long long to, long long from,
		      struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT a.key, a.value, b.value FROM person_attrs a"
		" JOIN person_attrs b ON b.person_id = ?1 AND b.key = a.key"
		" WHERE a.person_id = ?2 AND a.value <> b.value", e);
	int rc = 0;

	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, to);
	sqlite3_bind_int64(st, 2, from);
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = qc_err_set(e, QC_EDATA, "P%lld and P%lld differ in '%s'"
				" ('%s', '%s'); make them the same first", to,
				from, col(st, 0), col(st, 2), col(st, 1));
	sqlite3_finalize(st);
	if (rc == 0)
		rc = exec2(s, "INSERT OR IGNORE INTO person_attrs(person_id, key,"
			   " value) SELECT ?1, key, value FROM person_attrs"
			   " WHERE person_id = ?2", to, from, e);
	if (rc == 0)
		rc = exec2(s, "UPDATE participants SET person_id = ?1 WHERE"
			   " person_id = ?2", to, from, e);
	if (rc == 0)
		rc = exec2(s, "DELETE FROM persons WHERE id = ?2 AND ?1 <> ?2",
			   to, from, e);
	return rc;
}

int persons_link(struct store *s, char *const *pairs, int npairs,
		 long long *person, int *merged, struct qc_err *e)
{
	long long *pid, *per, to;
	sqlite3_stmt *st;
	char *ps = NULL;
	struct qc_buf d = QC_BUF_INIT;
	int rc = 0, n = npairs / 2;

	*merged = 0;
	*person = 0;
	if (npairs < 4 || npairs % 2)
		return qc_err_set(e, QC_EUSAGE, "give pairs of a source and a"
				  " speaker: S2 \"Priya\" S5 \"Priya Ramdin\"");
	pid = xcalloc((size_t)n, sizeof(*pid));
	per = xcalloc((size_t)n, sizeof(*per));
	for (int i = 0; i < n && rc == 0; i++)
		rc = participant_find(s, pairs[2 * i], pairs[2 * i + 1], &pid[i],
				      &per[i], e);
	if (rc < 0)
		goto out;
	to = per[0];
	if (!to) {
		/* a participant the schema's trigger did not reach */
		rc = exec2(s, "INSERT INTO persons(guid, name, pseudonym) SELECT"
			   " guid, label, pseudonym FROM participants WHERE id = ?1"
			   " AND ?2 = ?2", pid[0], 0, e);
		to = sqlite3_last_insert_rowid(s->db);
		if (rc == 0)
			rc = exec2(s, "UPDATE participants SET person_id = ?2"
				   " WHERE id = ?1", pid[0], to, e);
		if (rc < 0)
			goto out;
	}
	/* the pseudonym: the person's, else the first participant's met */
	st = store_prepare(s, "SELECT coalesce((SELECT pseudonym FROM persons"
			   " WHERE id = ?1), (SELECT pseudonym FROM participants"
			   " WHERE id = ?2))", e);
	if (!st) {
		rc = -QC_EIO;
		goto out;
	}
	for (int i = 0; i < n && !ps; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, i ? per[i] : to);
		sqlite3_bind_int64(st, 2, pid[i]);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_type(st, 0) != SQLITE_NULL)
			ps = xstrdup(col(st, 0));
	}
	sqlite3_finalize(st);
	for (int i = 1; i < n && rc == 0; i++) {
		if (per[i] == to)
			continue;
		if (per[i])
			rc = merge_into(s, to, per[i], e);
		else
			rc = exec2(s, "UPDATE participants SET person_id = ?1"
				   " WHERE id = ?2", to, pid[i], e);
		(*merged)++;
		for (int j = i + 1; j < n; j++)
			if (per[j] == per[i])
				per[j] = to;
	}
	if (rc == 0 && ps) {
		/* the trigger gives it to every participant of the person */
		st = store_prepare(s, "UPDATE participants SET pseudonym = ?2"
				   " WHERE id = (SELECT min(id) FROM participants"
				   " WHERE person_id = ?1)", e);
		if (!st) {
			rc = -QC_EIO;
			goto out;
		}
		sqlite3_bind_int64(st, 1, to);
		sqlite3_bind_text(st, 2, ps, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
		     store_fail(s, e, "cannot store the pseudonym");
		sqlite3_finalize(st);
		if (rc == 0)
			rc = exec2(s, "UPDATE persons SET pseudonym = (SELECT"
				   " pseudonym FROM participants WHERE person_id"
				   " = ?1 LIMIT 1) WHERE id = ?1 AND ?2 = ?2", to,
				   0, e);
	}
	if (rc < 0)
		goto out;
	*person = to;
	/* logged without the labels: they are names */
	qc_buf_addf(&d, "P%lld:", to);
	for (int i = 0; i < n; i++)
		qc_buf_addf(&d, " %s", pairs[2 * i]);
	rc = store_audit(s, "participant link", d.buf, e);
out:
	qc_buf_release(&d);
	free(ps);
	free(pid);
	free(per);
	return rc;
}

int persons_unlink(struct store *s, const char *ref, const char *label,
		   long long *person, struct qc_err *e)
{
	long long pid, per, n = 0;
	sqlite3_stmt *st;
	char g[37];
	int rc;

	*person = 0;
	if ((rc = participant_find(s, ref, label, &pid, &per, e)) < 0)
		return rc;
	st = store_prepare(s, "SELECT count(*) FROM participants WHERE"
			   " person_id = ?", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, per);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (n <= 1)
		return qc_err_set(e, QC_EDATA, "%s '%s' is the only participant"
				  " of P%lld", ref, label, per);
	/* a new person with the same attributes and no pseudonym yet */
	store_new_guid(g);
	st = store_prepare(s, "INSERT INTO persons(guid, name) SELECT ?1,"
			   " label FROM participants WHERE id = ?2", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, g, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, pid);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(s, e, "cannot add the person");
	sqlite3_finalize(st);
	if (rc < 0)
		return rc;
	*person = sqlite3_last_insert_rowid(s->db);
	if ((rc = exec2(s, "INSERT INTO person_attrs(person_id, key, value)"
			" SELECT ?1, key, value FROM person_attrs WHERE"
			" person_id = ?2", *person, per, e)) < 0 ||
	    (rc = exec2(s, "UPDATE participants SET person_id = ?1, pseudonym"
			" = NULL WHERE id = ?2", *person, pid, e)) < 0)
		return rc;
	{
		char *d = xasprintf("P%lld: %s", *person, ref);
		rc = store_audit(s, "participant unlink", d, e);
		free(d);
	}
	return rc;
}

static int set_attr(struct store *s, long long id, const char *kv,
		    struct qc_err *e)
{
	const char *eq = strchr(kv, '=');
	char *key, *norm = NULL;
	sqlite3_stmt *st;
	int rc;

	if (!eq || eq == kv)
		return qc_err_set(e, QC_EUSAGE, "--attr wants key=value, not"
				  " '%s'", kv);
	key = xstrndup(kv, (size_t)(eq - kv));
	if (eq[1] && (rc = persons_attr_check(s, key, eq + 1, 1, &norm,
					       e)) < 0) {
		free(key);
		return rc;
	}
	st = store_prepare(s, norm ? "INSERT OR REPLACE INTO person_attrs("
			   "person_id, key, value) VALUES (?1, ?2, ?3)" :
			   "DELETE FROM person_attrs WHERE person_id = ?1 AND"
			   " key = ?2", e);
	if (!st) {
		rc = -QC_EIO;
	} else {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
		if (norm)
			sqlite3_bind_text(st, 3, norm, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
		     store_fail(s, e, "cannot store the attribute");
		sqlite3_finalize(st);
	}
	free(key);
	free(norm);
	return rc;
}

int persons_set(struct store *s, const char *ref, const char *pseudonym,
		const char *name, const char **attrs, int nattrs,
		long long *id, struct qc_err *e)
{
	sqlite3_stmt *st;
	char *d;
	int rc;

	if ((rc = persons_find(s, ref, id, e)) < 0)
		return rc;
	if (pseudonym && !*pseudonym)
		return qc_err_set(e, QC_EUSAGE, "--pseudonym: an empty name");
	if (name && !*name)
		return qc_err_set(e, QC_EUSAGE, "--name: an empty name");
	if (pseudonym) {
		/* through a participant, so the trigger gives it to all */
		st = store_prepare(s, "UPDATE participants SET pseudonym = ?2"
				   " WHERE id = (SELECT min(id) FROM participants"
				   " WHERE person_id = ?1)", e);
		if (!st)
			return -QC_EIO;
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_text(st, 2, pseudonym, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
		     store_fail(s, e, "cannot store the pseudonym");
		sqlite3_finalize(st);
		if (rc == 0 && (st = store_prepare(s, "UPDATE persons SET"
						   " pseudonym = ?2 WHERE id = ?1",
						   e))) {
			sqlite3_bind_int64(st, 1, *id);
			sqlite3_bind_text(st, 2, pseudonym, -1, SQLITE_STATIC);
			rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
			     store_fail(s, e, "cannot store the pseudonym");
			sqlite3_finalize(st);
		} else if (rc == 0) {
			rc = -QC_EIO;	/* the prepare said why */
		}
		if (rc < 0)
			return rc;
	}
	if (name) {
		st = store_prepare(s, "UPDATE persons SET name = ?2 WHERE id = ?1",
				   e);
		if (!st)
			return -QC_EIO;
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
		     store_fail(s, e, "cannot store the name");
		sqlite3_finalize(st);
		if (rc < 0)
			return rc;
	}
	for (int i = 0; i < nattrs; i++)
		if ((rc = set_attr(s, *id, attrs[i], e)) < 0)
			return rc;
	/* logged without names or pseudonyms */
	d = xasprintf("P%lld", *id);
	rc = store_audit(s, "person set", d, e);
	free(d);
	return rc;
}

/* ---- listing ---- */

int persons_list(struct store *s, const char *ref, const char *const *keys,
		 size_t nkeys, const char *const *where, int nwhere,
		 struct persons_rows *out, struct qc_err *e)
{
	sqlite3_stmt *st, *pt;
	long long only = 0;
	size_t alloc = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	out->nkeys = nkeys;
	for (int w = 0; w < nwhere; w++) {
		const char *eq = strchr(where[w], '=');
		if (!eq || eq == where[w])
			return qc_err_set(e, QC_EUSAGE, "--attr wants key or"
					  " key=value, not '%s'", where[w]);
	}
	if (ref && (rc = persons_find(s, ref, &only, e)) < 0)
		return rc;
	st = store_prepare(s, "SELECT id, name, coalesce(pseudonym, '')"
			   " FROM persons WHERE ?1 = 0 OR id = ?1 ORDER BY id", e);
	pt = store_prepare(s,
		"SELECT p.source_id, p.label, coalesce(p.role, ''),"
		" (SELECT count(*) FROM segments g WHERE g.participant_id = p.id),"
		" (SELECT coalesce(sum(words(g.text)), 0) FROM segments g"
		"  WHERE g.participant_id = p.id)"
		" FROM participants p WHERE p.person_id = ? ORDER BY p.source_id,"
		" p.id", e);
	if (!st || !pt) {
		sqlite3_finalize(st);
		sqlite3_finalize(pt);
		return -QC_EIO;
	}
	sqlite3_bind_int64(st, 1, only);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct persons_row r = { 0 };
		struct qc_buf roles = QC_BUF_INIT;
		size_t palloc = 0;
		int keep = 1;

		r.id = sqlite3_column_int64(st, 0);
		for (int w = 0; w < nwhere && keep; w++) {
			const char *eq = strchr(where[w], '=');
			char *k = xstrndup(where[w], (size_t)(eq - where[w]));
			char *v = persons_attr_get(s, 'P', r.id, k);
			keep = v && !strcasecmp(v, eq + 1);
			free(k);
			free(v);
		}
		if (!keep)
			continue;
		r.name = xstrdup(col(st, 1));
		r.pseudonym = xstrdup(col(st, 2));
		sqlite3_bind_int64(pt, 1, r.id);
		while (sqlite3_step(pt) == SQLITE_ROW) {
			struct persons_part *p;
			QC_GROW(r.parts, r.nparts, palloc);
			p = &r.parts[r.nparts++];
			p->source = sqlite3_column_int64(pt, 0);
			p->label = xstrdup(col(pt, 1));
			p->role = xstrdup(col(pt, 2));
			p->turns = sqlite3_column_int64(pt, 3);
			p->words = sqlite3_column_int64(pt, 4);
			r.turns += p->turns;
			r.words += p->words;
			if (*p->role && !strstr(roles.buf, p->role))
				qc_buf_addf(&roles, "%s%s", roles.len ? ", " : "",
					    p->role);
		}
		sqlite3_reset(pt);
		r.role = qc_buf_detach(&roles, NULL);
		r.values = xcalloc(nkeys + 1, sizeof(char *));
		for (size_t k = 0; k < nkeys; k++)
			r.values[k] = persons_attr_get(s, 'P', r.id, keys[k]);
		QC_GROW(out->v, out->n, alloc);
		out->v[out->n++] = r;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(pt);
	return 0;
}

void persons_rows_release(struct persons_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct persons_row *x = &r->v[i];
		free(x->name);
		free(x->pseudonym);
		free(x->role);
		for (size_t p = 0; p < x->nparts; p++) {
			free(x->parts[p].label);
			free(x->parts[p].role);
		}
		free(x->parts);
		for (size_t k = 0; k < r->nkeys; k++)
			free(x->values[k]);
		free(x->values);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* ---- CSV ---- */

/* One record of an RFC 4180 text from *p (advanced past it), fields split
 * at sep; a quoted field may hold sep, "" and line breaks. *line counts
 * the lines passed. Returns the number of fields, or -1 for a quote left
 * open. */
static int csv_record(const char **p, const char *end, char sep,
		      char ***f, int *nf, int *alloc, long long *line)
{
	const char *c = *p;
	struct qc_buf b = QC_BUF_INIT;

	*nf = 0;
	for (;;) {
		int quoted = 0;
		qc_buf_reset(&b);
		if (c < end && *c == '"') {
			quoted = 1;
			c++;
			for (;;) {
				if (c >= end) {
					qc_buf_release(&b);
					return -1;
				}
				if (*c == '"' && c + 1 < end && c[1] == '"') {
					qc_buf_addch(&b, '"');
					c += 2;
				} else if (*c == '"') {
					c++;
					break;
				} else {
					if (*c == '\n')
						(*line)++;
					qc_buf_addch(&b, *c++);
				}
			}
		}
		while (c < end && *c != sep && *c != '\n' && *c != '\r')
			qc_buf_addch(&b, *c++);
		if (*nf == *alloc) {
			*alloc = *alloc ? 2 * *alloc : 16;
			*f = xreallocarray(*f, (size_t)*alloc, sizeof(char *));
		}
		/* cells are trimmed: spreadsheets pad them */
		{
			size_t a = 0, z = b.len;
			while (!quoted && a < z && b.buf[a] == ' ')
				a++;
			while (!quoted && z > a && b.buf[z - 1] == ' ')
				z--;
			(*f)[(*nf)++] = xstrndup(b.buf + a, z - a);
		}
		if (c < end && *c == sep) {
			c++;
			continue;
		}
		if (c < end && *c == '\r')
			c++;
		if (c < end && *c == '\n')
			c++;
		break;
	}
	(*line)++;
	*p = c;
	qc_buf_release(&b);
	return *nf;
}

/* The source named by a CSV cell: S2, a title or a file name. */
static int csv_source(struct store *s, const char *v, long long *id)
{
	sqlite3_stmt *st;
	struct qc_ref r;
	int n = 0;

	if (qc_ref_parse(v, QC_REF_SOURCE, &r) >= 0 && r.source > 0) {
		*id = r.source;
		st = store_prepare(s, "SELECT id FROM sources WHERE id = ?1", NULL);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, r.source);
	} else {
		st = store_prepare(s, "SELECT id FROM sources WHERE title = ?2"
				   " OR filename = ?2 OR ?1 = 0 LIMIT 2", NULL);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, 1);
		sqlite3_bind_text(st, 2, v, -1, SQLITE_STATIC);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

/* The person of a CSV cell: P3, a name, a pseudonym or a speaker label
 * that only one person has. */
static int csv_person(struct store *s, const char *v, long long *id)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT DISTINCT id FROM persons WHERE ('P' || id) = upper(?1)"
		" OR name = ?1 OR pseudonym = ?1 OR id IN (SELECT person_id FROM"
		" participants WHERE label = ?1) LIMIT 2", NULL);
	int n = 0;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

static void fields_free(char **f, int n)
{
	for (int i = 0; i < n; i++)
		free(f[i]);
}

int persons_import_csv(struct store *s, const char *path, long long *rows,
		       long long *values, long long *declared,
		       struct qc_err *e)
{
	char *data = NULL, **hdr = NULL, **f = NULL, sep = ',';
	const char *p, *end;
	size_t len;
	int nh = 0, ah = 0, nf = 0, af = 0, target, rc;
	long long line = 1, at;
	sqlite3_stmt *put = NULL;

	*rows = *values = *declared = 0;
	if ((rc = qc_read_file(path, 64u << 20, &data, &len, e)) < 0)
		return rc;
	p = data;
	end = data + len;
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	if (text_utf8_invalid_at(p, (size_t)(end - p)) != (size_t)-1) {
		rc = qc_err_set(e, QC_EDATA, "'%s' is not UTF-8 text", path);
		goto out;
	}
	{
		/* Dutch spreadsheets write ';' */
		size_t commas = 0, semis = 0;
		for (const char *c = p; c < end && *c != '\n'; c++)
			commas += *c == ',', semis += *c == ';';
		if (semis > commas)
			sep = ';';
	}
	if (csv_record(&p, end, sep, &hdr, &nh, &ah, &line) < 2) {
		rc = qc_err_set(e, QC_EDATA, "'%s' line 1: a header of 'person'"
				" or 'source' and attribute names is wanted", path);
		goto out;
	}
	if (!strcasecmp(hdr[0], "person") || !strcasecmp(hdr[0], "case") ||
	    !strcasecmp(hdr[0], "persoon"))
		target = 'P';
	else if (!strcasecmp(hdr[0], "source") ||
		 !strcasecmp(hdr[0], "document") ||
		 !strcasecmp(hdr[0], "bron"))
		target = 'S';
	else {
		rc = qc_err_set(e, QC_EDATA, "'%s' line 1: the first column is"
				" 'person' or 'source', not '%s'", path, hdr[0]);
		goto out;
	}
	for (int c = 1; c < nh; c++) {
		char *t, *ch;
		if (!valid_name(hdr[c])) {
			rc = qc_err_set(e, QC_EDATA, "'%s' line 1: '%s' cannot be"
					" an attribute's name", path, hdr[c]);
			goto out;
		}
		for (int d = 1; d < c; d++)
			if (!strcmp(hdr[d], hdr[c])) {
				rc = qc_err_set(e, QC_EDATA, "'%s' line 1: column"
						" '%s' twice", path, hdr[c]);
				goto out;
			}
		if ((rc = declaration(s, hdr[c], &t, &ch, e)) < 0)
			goto out;
		free(t);
		free(ch);
		if (rc == 0) {
			if ((rc = persons_attr_declare(s, hdr[c], "text", NULL,
						       0, e)) < 0)
				goto out;
			(*declared)++;
		}
	}
	put = store_prepare(s, target == 'P' ?
		"INSERT OR REPLACE INTO person_attrs(person_id, key, value)"
		" VALUES (?1, ?2, ?3)" :
		"INSERT OR REPLACE INTO source_attrs(source_id, key, value)"
		" VALUES (?1, ?2, ?3)", e);
	if (!put) {
		rc = -QC_EIO;
		goto out;
	}
	rc = 0;
	while (p < end && rc == 0) {
		long long id = 0;
		int n;
		at = line;
		fields_free(f, nf);
		if ((n = csv_record(&p, end, sep, &f, &nf, &af, &line)) < 0) {
			/* nf: the cells read before, freed below */
			rc = qc_err_set(e, QC_EDATA, "'%s' line %lld: a quote is"
					" not closed", path, at);
			break;
		}
		if (nf == 1 && !*f[0])
			continue;	/* a blank line */
		if (nf > nh) {
			rc = qc_err_set(e, QC_EDATA, "'%s' line %lld: %d cells,"
					" the header has %d", path, at, nf, nh);
			break;
		}
		n = target == 'P' ? csv_person(s, f[0], &id) :
		    csv_source(s, f[0], &id);
		if (n != 1) {
			rc = n < 0 ? store_fail(s, e, "cannot read") :
			     qc_err_set(e, QC_EDATA, "'%s' line %lld: %s '%s'",
					path, at, n ? "more than one has the name"
					: target == 'P' ? "no person" : "no source",
					f[0]);
			break;
		}
		for (int c = 1; c < nf && rc == 0; c++) {
			char *norm;
			if (!*f[c])
				continue;
			if ((rc = persons_attr_check(s, hdr[c], f[c], 1, &norm,
						     e)) < 0) {
				qc_err_prefix(e, "'%s' line %lld", path, at);
				break;
			}
			sqlite3_reset(put);
			sqlite3_bind_int64(put, 1, id);
			sqlite3_bind_text(put, 2, hdr[c], -1, SQLITE_STATIC);
			sqlite3_bind_text(put, 3, norm, -1, SQLITE_TRANSIENT);
			free(norm);
			if (sqlite3_step(put) != SQLITE_DONE)
				rc = store_fail(s, e, "cannot store the value");
			(*values)++;
		}
		(*rows)++;
	}
	if (rc == 0) {
		char *d = xasprintf("%lld rows, %lld values", *rows, *values);
		rc = store_audit(s, "attribute import", d, e);
		free(d);
	}
out:
	sqlite3_finalize(put);
	fields_free(hdr, nh);
	free(hdr);
	fields_free(f, nf);
	free(f);
	free(data);
	return rc;
}
