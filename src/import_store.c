/* import_store: a parsed document into the project, as one new source. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/persons.h"
#include "qcode/import.h"
#include "qcode/progress.h"
#include "qcode/text.h"

static char *base_title(const char *path)
{
	const char *b = strrchr(path, '/');
	const char *dot;

	b = b ? b + 1 : path;
	dot = strrchr(b, '.');
	return dot && dot != b ? xstrndup(b, (size_t)(dot - b)) : xstrdup(b);
}

/* The front matter's roles sorted by label, the first given first, so
 * each label is looked up in log time (a file can name 100,000). */
struct role_ix {
	const char *key, *value;	/* borrowed from the document */
	size_t i;			/* order in the front matter */
};

static int role_ix_cmp(const void *a, const void *b)
{
	const struct role_ix *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Caller frees. */
static struct role_ix *role_index(const struct import_doc *d)
{
	struct role_ix *v = xcalloc(d->nroles ? d->nroles : 1, sizeof(*v));

	for (size_t i = 0; i < d->nroles; i++)
		v[i] = (struct role_ix){ d->roles[i].key, d->roles[i].value, i };
	if (d->nroles)
		qsort(v, d->nroles, sizeof(*v), role_ix_cmp);
	return v;
}

/* The role given for a label: --role first, then front matter (the
 * first entry for it, as ix is sorted by label and then order). */
static const char *role_for(const struct import_doc *d,
			    const struct import_opts *o,
			    const struct role_ix *ix, const char *label)
{
	size_t n = strlen(label), lo = 0, hi = d->nroles;

	for (int i = 0; o && i < o->nroles; i++)
		if (!strncmp(o->roles[i], label, n) && o->roles[i][n] == '=')
			return o->roles[i] + n + 1;
	while (lo < hi) {		/* the leftmost key >= label */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix[mid].key, label) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->nroles && !strcmp(ix[lo].key, label) ?
	       ix[lo].value : NULL;
}

struct label_at {
	const char *label;	/* a turn's speaker (borrowed) */
	size_t i;		/* that turn's index */
};

static int label_at_cmp(const void *a, const void *b)
{
	const struct label_at *x = a, *y = b;
	int c = strcmp(x->label, y->label);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* For each turn with a speaker, the index of the first turn with the same
 * label (itself when it is the first); turns without one get SIZE_MAX.
 * Sorting keeps a file with many labels O(n log n), where comparing each
 * turn with all earlier ones was quadratic. Caller frees. */
static size_t *first_of_label(const struct import_doc *d)
{
	size_t *first = xcalloc(d->nturns ? d->nturns : 1, sizeof(*first));
	struct label_at *v = xcalloc(d->nturns ? d->nturns : 1, sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < d->nturns; i++) {
		first[i] = SIZE_MAX;
		if (d->turns[i].speaker)
			v[n++] = (struct label_at){ d->turns[i].speaker, i };
	}
	if (n)
		qsort(v, n, sizeof(*v), label_at_cmp);
	for (size_t k = 0; k < n; k++)
		first[v[k].i] = k && !strcmp(v[k].label, v[k - 1].label) ?
				first[v[k - 1].i] : v[k].i;
	free(v);
	return first;
}

static int exec_bind(struct store *s, const char *sql, struct qc_err *e,
		     const char *a, const char *b, long long id)
{
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, e, "cannot store it");
}

/* A source attribute, key and value or "key=value" (value NULL), in the
 * spelling of its declaration (persons.h); *norm NULL: only checked. */
static int attr_value(struct store *s, const char *key, const char *value,
		      char **norm, struct qc_err *e)
{
	char *k = value ? xstrdup(key) :
		  xstrndup(key, (size_t)(strchr(key, '=') - key));
	char *n = NULL;
	int rc;

	rc = persons_attr_check(s, k, value ? value : strchr(key, '=') + 1, 0,
				&n, e);
	free(k);
	if (norm)
		*norm = n;
	else
		free(n);
	return rc;
}

static int attr_store(struct store *s, long long sid, const char *key,
		      const char *value, struct qc_err *e)
{
	char *k = value ? xstrdup(key) :
		  xstrndup(key, (size_t)(strchr(key, '=') - key));
	char *n = NULL;
	int rc = attr_value(s, key, value, &n, e);

	if (rc == 0)
		rc = exec_bind(s, "INSERT OR REPLACE INTO source_attrs(source_id,"
			       " key, value) VALUES (?1,?2,?3)", e, k, n, sid);
	free(k);
	free(n);
	return rc;
}

int import_store_doc(struct store *s, struct import_doc *d, const char *path,
		     const struct import_opts *o, struct import_result *r,
		     struct qc_err *e)
{
	const char *kind = o && o->kind ? o->kind : d->kind;
	const char *date = o && o->date ? o->date : d->date;
	char *title = o && o->title ? xstrdup(o->title) :
		      d->title ? xstrdup(d->title) : base_title(path);
	char sha[65], guid[37], now[32];
	sqlite3_stmt *st = NULL, *seg = NULL, *part = NULL, *fts = NULL;
	long long sid, words = 0;
	long long *pid = NULL;
	size_t *first = NULL;
	struct role_ix *roles = NULL;
	size_t cp = 0, at = 0, *spans = NULL;
	const char *fname = strrchr(path, '/');
	struct qc_buf frame;
	int rc = 0, framed;

	memset(r, 0, sizeof(*r));
	qc_buf_init(&frame);
	progress_begin("storing turns", "turns", (long long)d->nturns);
	if (!kind) {
		rc = qc_err_set(e, QC_EUSAGE, "no kind given (use --kind"
				" focus-group|interview|observation|document|"
				"literature|case-review|questionnaire, or kind:"
				" in the front matter)");
		goto out;
	}
	if (!import_kind_ok(kind)) {
		rc = qc_err_set(e, QC_EUSAGE, "unknown kind '%s' (focus-group,"
				" interview, observation, document, literature,"
				" case-review, questionnaire)", kind);
		goto out;
	}
	if (date && !qc_date_valid(date, 0)) {
		rc = qc_err_set(e, QC_EUSAGE, "date '%s' is not YYYY-MM-DD", date);
		goto out;
	}
	qc_sha256_hex(d->text.buf, d->text.len, sha);
	if (!(o && o->force)) {
		st = store_cached(s, "SELECT id, title FROM sources WHERE"
				  " sha256 = ? ORDER BY id LIMIT 1", e);
		if (!st) {
			rc = -QC_EIO;
			goto out;
		}
		sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			rc = qc_err_set(e, QC_EDATA, "already imported as S%lld"
					" '%s' (use --force to import it again)",
					sqlite3_column_int64(st, 0),
					sqlite3_column_text(st, 1));
		sqlite3_reset(st);
		st = NULL;
		if (rc < 0)
			goto out;
	}
	for (int i = 0; o && i < o->nattrs; i++)
		if (!strchr(o->attrs[i], '=') || o->attrs[i][0] == '=') {
			rc = qc_err_set(e, QC_EUSAGE, "--attr wants key=value,"
					" not '%s'", o->attrs[i]);
			goto out;
		}
	/* declared attributes are checked before anything is written */
	for (size_t i = 0; i < d->nattrs; i++)
		if ((rc = attr_value(s, d->attrs[i].key, d->attrs[i].value,
				     NULL, e)) < 0)
			goto out;
	for (int i = 0; o && i < o->nattrs; i++)
		if ((rc = attr_value(s, o->attrs[i], NULL, NULL, e)) < 0)
			goto out;
	for (size_t i = 0; i < d->nturns; i++)
		words += (long long)text_word_count(d->text.buf + d->turns[i].start,
						    d->turns[i].end - d->turns[i].start);
	/* the text once: the source keeps what lies outside its turns */
	spans = xcalloc(d->nturns ? 2 * d->nturns : 1, sizeof(*spans));
	for (size_t i = 0; i < d->nturns; i++) {
		spans[2 * i] = d->turns[i].start;
		spans[2 * i + 1] = d->turns[i].end;
	}
	framed = store_text_frame(d->text.buf, d->text.len, spans, d->nturns,
				  &frame);
	store_new_guid(guid);
	store_now(now);
	st = store_cached(s, "INSERT INTO sources(guid, kind, title, date,"
			  " format, filename, sha256, text, chars, words,"
			  " imported_at, imported_by, framed)"
			  " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", e);
	if (!st) {
		rc = -QC_EIO;
		goto out;
	}
	sqlite3_bind_text(st, 1, guid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, d->format, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, fname ? fname + 1 : path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, sha, -1, SQLITE_STATIC);
	if (framed)
		sqlite3_bind_text(st, 8, frame.buf, (int)frame.len, SQLITE_STATIC);
	else
		sqlite3_bind_text(st, 8, d->text.buf, (int)d->text.len,
				  SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, (long long)text_cp_count(d->text.buf,
							   d->text.len));
	sqlite3_bind_int64(st, 10, words);
	sqlite3_bind_text(st, 11, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, s->coder, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 13, framed);
	/* from here on only the project itself can fail */
	r->wrote = 1;
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = store_fail(s, e, "cannot store it");
		goto out;
	}
	sid = sqlite3_last_insert_rowid(s->db);
	r->source_id = sid;
	for (size_t i = 0; i < d->nattrs; i++)
		if ((rc = attr_store(s, sid, d->attrs[i].key, d->attrs[i].value,
				     e)) < 0)
			goto out;
	for (int i = 0; o && i < o->nattrs; i++)
		if ((rc = attr_store(s, sid, o->attrs[i], NULL, e)) < 0)
			goto out;
	part = store_cached(s, "INSERT INTO participants(source_id, label,"
			    " role, guid) VALUES (?,?,?,?) ON CONFLICT DO NOTHING", e);
	seg = store_cached(s, "INSERT INTO segments(source_id, ordinal,"
			   " participant_id, speaker, start_cp, end_cp, start_ms,"
			   " end_ms, text) VALUES (?,?,?,?,?,?,?,?,?)", e);
	fts = store_cached(s, STORE_FTS_INSERT, e);
	if (!part || !seg || !fts) {
		rc = -QC_EIO;
		goto out;
	}
	pid = xcalloc(d->nturns ? d->nturns : 1, sizeof(*pid));
	first = first_of_label(d);
	roles = role_index(d);
	for (size_t i = 0; i < d->nturns; i++) {
		struct import_turn *t = &d->turns[i];
		size_t cs, ce;

		progress_step((long long)i);

		if (t->speaker) {
			/* the same label earlier in this file: same person */
			if (first[i] != i)
				pid[i] = pid[first[i]];
			else {
				char pg[37];
				store_new_guid(pg);
				sqlite3_reset(part);
				sqlite3_bind_int64(part, 1, sid);
				sqlite3_bind_text(part, 2, t->speaker, -1, SQLITE_STATIC);
				sqlite3_bind_text(part, 3, role_for(d, o, roles, t->speaker),
						  -1, SQLITE_STATIC);
				sqlite3_bind_text(part, 4, pg, -1, SQLITE_STATIC);
				if (sqlite3_step(part) != SQLITE_DONE) {
					rc = store_fail(s, e, "cannot store it");
					goto out;
				}
				pid[i] = sqlite3_last_insert_rowid(s->db);
				r->speakers++;
			}
		}
		/* offsets only grow: count code points incrementally */
		cp += text_cp_count(d->text.buf + at, t->start - at);
		cs = cp;
		cp += text_cp_count(d->text.buf + t->start, t->end - t->start);
		ce = cp;
		at = t->end;
		sqlite3_reset(seg);
		sqlite3_bind_int64(seg, 1, sid);
		sqlite3_bind_int64(seg, 2, (long long)i + 1);
		if (pid[i])
			sqlite3_bind_int64(seg, 3, pid[i]);
		else
			sqlite3_bind_null(seg, 3);
		sqlite3_bind_text(seg, 4, t->speaker, -1, SQLITE_STATIC);
		sqlite3_bind_int64(seg, 5, (long long)cs);
		sqlite3_bind_int64(seg, 6, (long long)ce);
		if (t->start_ms >= 0)
			sqlite3_bind_int64(seg, 7, t->start_ms);
		else
			sqlite3_bind_null(seg, 7);
		if (t->end_ms >= 0)
			sqlite3_bind_int64(seg, 8, t->end_ms);
		else
			sqlite3_bind_null(seg, 8);
		sqlite3_bind_text(seg, 9, d->text.buf + t->start,
				  (int)(t->end - t->start), SQLITE_STATIC);
		if (sqlite3_step(seg) != SQLITE_DONE) {
			rc = store_fail(s, e, "cannot store it");
			goto out;
		}
		sqlite3_clear_bindings(seg);
		sqlite3_reset(fts);
		sqlite3_bind_int64(fts, 1, sqlite3_last_insert_rowid(s->db));
		sqlite3_bind_text(fts, 2, d->text.buf + t->start,
				  (int)(t->end - t->start), SQLITE_STATIC);
		sqlite3_bind_text(fts, 3, t->speaker, -1, SQLITE_STATIC);
		if (sqlite3_step(fts) != SQLITE_DONE) {
			rc = store_fail(s, e, "cannot store it");
			goto out;
		}
	}
	r->turns = (long long)d->nturns;
	r->words = words;
	r->format = d->format;
	{
		char *detail = xasprintf("S%lld '%s' from %s (%s, %zu turns)",
					 sid, title, fname ? fname + 1 : path,
					 d->format, d->nturns);
		rc = store_audit(s, "import", detail, e);
		free(detail);
	}
out:
	progress_end();
	/* kept by the store for the next file; reset so none stays open */
	sqlite3_reset(st);
	sqlite3_reset(seg);
	sqlite3_reset(part);
	sqlite3_reset(fts);
	free(pid);
	free(first);
	free(roles);
	free(title);
	free(spans);
	qc_buf_release(&frame);
	return rc;
}

int import_load(const char *path, const char *encoding, struct import_doc *d,
		struct qc_err *e)
{
	char *data = NULL;
	size_t len = 0;
	int rc;

	import_doc_init(d);
	if ((rc = qc_read_file(path, IMPORT_MAX_FILE, &data, &len, e)) < 0) {
		/* the caller names the file: keep only the reason */
		const char *why = strstr(e->msg.buf, "': ");
		char *keep = xstrdup(why ? why + 3 : e->msg.buf);
		qc_err_clear(e);
		qc_err_set(e, rc == -QC_EIO ? QC_EIO : QC_EDATA, "%s", keep);
		free(keep);
		return rc;
	}
	rc = import_parse(data, len, path, encoding, d, e);
	free(data);
	return rc;
}

int import_file(struct store *s, const char *path, const struct import_opts *o,
		struct import_result *r, struct qc_err *e)
{
	struct import_doc d;
	int rc;

	memset(r, 0, sizeof(*r));
	rc = import_load(path, o ? o->encoding : NULL, &d, e);
	if (rc == 0 && o && o->redact)
		rc = o->redact(o->redact_arg, &d, e);
	if (o && o->parse_only) {
		import_doc_release(&d);
		return rc;
	}
	/* No savepoint per file: FTS5 flushes its pending index at every
	 * savepoint, which made a many-file import several times slower.
	 * Everything that can be wrong with the file is checked before the
	 * first write; a failure after it (r->wrote) is the project's, and
	 * the caller rolls back the whole command. */
	if (rc == 0)
		rc = import_store_doc(s, &d, path, o, r, e);
	import_doc_release(&d);
	return rc;
}
