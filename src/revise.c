/* revise: a source's text corrected after coding, and its versions. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/diff.h"
#include "qcode/revise.h"
#include "qcode/text.h"

static void note(struct revise_result *r, const char *what, const char *ref,
		 char *detail)
{
	if (r->n == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 16;
		r->v = xreallocarray(r->v, r->alloc, sizeof(*r->v));
	}
	r->v[r->n++] = (struct revise_note){ xstrdup(what), xstrdup(ref), detail };
}

void revise_result_release(struct revise_result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].what);
		free(r->v[i].ref);
		free(r->v[i].detail);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* A text as code points, with the byte offset of each (off[n] = len). */
struct cps {
	uint32_t *cp;
	size_t *off;
	size_t n;
};

static void cps_of(const char *s, size_t len, struct cps *c)
{
	size_t i = 0;

	c->cp = xcalloc(len + 1, sizeof(uint32_t));
	c->off = xcalloc(len + 1, sizeof(size_t));
	c->n = 0;
	while (i < len) {
		c->off[c->n] = i;
		c->cp[c->n++] = (uint32_t)text_utf8_next(s, len, &i);
	}
	c->off[c->n] = len;
}

static void cps_release(struct cps *c)
{
	free(c->cp);
	free(c->off);
}

/* The code point at byte b (a boundary), searching from hint. */
static size_t cp_at_byte(const struct cps *c, size_t b)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->off[mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static long long clampll(long long v, long long lo, long long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Whether any word character of old [s, e) is kept: a span of which
 * only spaces or punctuation survive has lost its words. */
static int words_kept(const struct diff *df, const struct cps *oc,
		      long long s, long long e)
{
	long long p = s;

	for (size_t i = 0; i < df->n && p < e; i++) {
		long long hs = (long long)df->v[i].a;
		long long he = hs + (long long)df->v[i].alen;
		if (he <= p)
			continue;
		for (; p < hs && p < e; p++)
			if (text_is_word_cp((int32_t)oc->cp[p]))
				return 1;
		if (p < he)
			p = he;
	}
	for (; p < e; p++)
		if (text_is_word_cp((int32_t)oc->cp[p]))
			return 1;
	return 0;
}

struct old_turn {
	long long id, ordinal, pid;
	long long start, end;		/* code points */
	long long start_ms, end_ms;	/* -1: none */
	char *speaker, *text;
	long long home;			/* index of its new turn, -1: gone */
	int stays;			/* owns its home: keeps its row */
	long long new_ord;
};

struct new_turn {
	long long start, end;		/* code points */
	size_t bs, be;			/* bytes */
	const char *speaker;		/* borrowed from the document */
	long long start_ms, end_ms;
	long long owner;		/* index of the old turn whose row it
					 * keeps, -1: a new row */
	long long id, ord, pid;
};

struct source_row {
	char *text, *sha, *format, *filename, *created_at, *created_by;
	size_t len;
	long long version;	/* current */
};

static void source_row_release(struct source_row *s)
{
	free(s->text);
	free(s->sha);
	free(s->format);
	free(s->filename);
	free(s->created_at);
	free(s->created_by);
}

/* The current text of a source and when its version was made. */
static int load_source(struct store *s, long long sid, struct source_row *o,
		       struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT source_text(s.id), s.sha256, s.format, s.filename,"
		" coalesce((SELECT replaced_at FROM source_versions v WHERE"
		"  v.source_id = s.id ORDER BY version DESC LIMIT 1), s.imported_at),"
		" coalesce((SELECT replaced_by FROM source_versions v WHERE"
		"  v.source_id = s.id ORDER BY version DESC LIMIT 1), s.imported_by),"
		" 1 + coalesce((SELECT max(version) FROM source_versions v WHERE"
		"  v.source_id = s.id), 0) FROM sources s WHERE s.id = ?", e);
	int rc = 0;

	memset(o, 0, sizeof(*o));
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, sid);
	if (sqlite3_step(st) == SQLITE_ROW) {
		o->len = (size_t)sqlite3_column_bytes(st, 0);
		o->text = xstrndup((const char *)sqlite3_column_text(st, 0), o->len);
		o->sha = store_col_dup(st, 1);
		o->format = store_col_dup(st, 2);
		o->filename = store_col_dup(st, 3);
		o->created_at = store_col_dup(st, 4);
		o->created_by = store_col_dup(st, 5);
		o->version = sqlite3_column_int64(st, 6);
	} else
		rc = store_fail(s, e, "cannot read the source");
	sqlite3_finalize(st);
	return rc;
}

int revise_current_text(struct store *s, const char *ref, long long *id,
			char **text, size_t *len, struct qc_err *e)
{
	struct source_row o;
	int rc;

	if ((rc = sources_find(s, ref, id, e)) < 0 ||
	    (rc = load_source(s, *id, &o, e)) < 0)
		return rc;
	*text = o.text;
	*len = o.len;
	o.text = NULL;
	source_row_release(&o);
	return 0;
}

static int load_old_turns(struct store *s, long long sid,
			  struct old_turn **out, size_t *n, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT id, ordinal, coalesce(participant_id, 0), start_cp, end_cp,"
		" coalesce(start_ms, -1), coalesce(end_ms, -1), speaker, text"
		" FROM segments WHERE source_id = ? ORDER BY ordinal", e);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, sid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct old_turn *t;
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			*out = xreallocarray(*out, alloc, sizeof(**out));
		}
		t = &(*out)[(*n)++];
		memset(t, 0, sizeof(*t));
		t->id = sqlite3_column_int64(st, 0);
		t->ordinal = sqlite3_column_int64(st, 1);
		t->pid = sqlite3_column_int64(st, 2);
		t->start = sqlite3_column_int64(st, 3);
		t->end = sqlite3_column_int64(st, 4);
		t->start_ms = sqlite3_column_int64(st, 5);
		t->end_ms = sqlite3_column_int64(st, 6);
		t->speaker = store_col_dup(st, 7);
		t->text = store_col_dup(st, 8);
		t->home = -1;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, e, "cannot read the turns");
}

static void old_turns_free(struct old_turn *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].speaker);
		free(v[i].text);
	}
	free(v);
}

/* The new turn that holds code point p, or the first after it; n when
 * none. */
static size_t turn_holding(const struct new_turn *t, size_t n, long long p)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid].end <= p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The segment id a span starting at p belongs to: its turn's, else the
 * last turn's (a span in a trailing gap). */
static long long seg_for(const struct new_turn *t, size_t n, long long p)
{
	size_t j = turn_holding(t, n, p);

	if (j == n)
		return n ? t[n - 1].id : 0;
	return t[j].id;
}

static long long overlap(const struct new_turn *t, long long ms, long long me)
{
	long long a = ms > t->start ? ms : t->start;
	long long b = me < t->end ? me : t->end;

	return b > a ? b - a : 0;
}

/* Each old turn's new home: the first new turn that holds at least half
 * as much of what is left of its text as the one that holds most (so a
 * turn split in two keeps its number for its first part). */
static void find_homes(const struct diff *df, const struct cps *oc,
		       struct old_turn *o, size_t no, const struct new_turn *t,
		       size_t nt)
{
	for (size_t i = 0; i < no; i++) {
		long long ms, me, bestlen = 0;
		size_t j, j0;

		if (o[i].end > o[i].start &&
		    !words_kept(df, oc, o[i].start, o[i].end))
			continue;	/* deleted whole */
		ms = (long long)diff_map_start(df, (size_t)o[i].start);
		me = (long long)diff_map_end(df, (size_t)o[i].end);
		j0 = turn_holding(t, nt, ms);
		for (j = j0; j < nt && t[j].start < me; j++)
			if (overlap(&t[j], ms, me) > bestlen)
				bestlen = overlap(&t[j], ms, me);
		for (j = j0; bestlen && j < nt && t[j].start < me; j++)
			if (2 * overlap(&t[j], ms, me) >= bestlen) {
				o[i].home = (long long)j;
				break;
			}
	}
}

/* Turn numbers: an old turn that stays keeps its number when it still
 * fits between its neighbours; others get the next free one. */
static void number_turns(struct old_turn *o, struct new_turn *t, size_t nt)
{
	long long prev = 0;

	for (size_t j = 0; j < nt; j++) {
		long long want = t[j].owner >= 0 ? o[t[j].owner].ordinal : 0;
		t[j].ord = want > prev ? want : prev + 1;
		prev = t[j].ord;
		if (t[j].owner >= 0)
			o[t[j].owner].new_ord = t[j].ord;
	}
}

static int step_done(struct store *s, sqlite3_stmt *st, struct qc_err *e)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, e, "cannot revise the source");
	return 0;
}

/* ---- participants ---- */

struct part {
	long long id;
	char *label;
	long long turns_before, turns_after;
	int renamed;
};

static int load_parts(struct store *s, long long sid, struct part **out,
		      size_t *n, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT p.id, p.label, (SELECT count(*) FROM segments g WHERE"
		" g.participant_id = p.id) FROM participants p WHERE"
		" p.source_id = ? ORDER BY p.id", e);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, sid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			*out = xreallocarray(*out, alloc, sizeof(**out));
		}
		(*out)[*n] = (struct part){ sqlite3_column_int64(st, 0),
			store_col_dup(st, 1), sqlite3_column_int64(st, 2), 0, 0 };
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, e, "cannot read the speakers");
}

static struct part *part_by_label(struct part *p, size_t n, const char *label)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].label, label))
			return &p[i];
	return NULL;
}

static struct part *part_by_id(struct part *p, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].id == id)
			return &p[i];
	return NULL;
}

static int label_in_turns(const struct new_turn *t, size_t nt,
			  const char *label)
{
	for (size_t j = 0; j < nt; j++)
		if (t[j].speaker && !strcmp(t[j].speaker, label))
			return 1;
	return 0;
}

/* 1 if participant pid had turns that are left and all of them now
 * carry label. */
static int all_turns_now(const struct old_turn *o, size_t no,
			 const struct new_turn *t, long long pid,
			 const char *label)
{
	int any = 0;

	for (size_t i = 0; i < no; i++) {
		const char *now;
		if (o[i].pid != pid || o[i].home < 0)
			continue;
		now = t[o[i].home].speaker;
		if (!now || strcmp(now, label))
			return 0;
		any = 1;
	}
	return any;
}

static const char *doc_role(const struct import_doc *d, const char *label)
{
	for (size_t i = 0; i < d->nroles; i++)
		if (!strcmp(d->roles[i].key, label))
			return d->roles[i].value;
	return NULL;
}

/*
 * Give each new turn its participant. A label that is new to the source
 * and stands only where one other speaker stood before, whose own label
 * is gone, corrects that label: the participant is renamed and keeps its
 * role, pseudonym and attributes. Any other new label is a new speaker.
 */
static int assign_speakers(struct store *s, long long sid,
			   const struct import_doc *d, struct old_turn *o,
			   size_t no, struct new_turn *t, size_t nt,
			   struct part **pp, size_t *np,
			   struct revise_result *r, struct qc_err *e)
{
	sqlite3_stmt *ren = store_prepare(s, "UPDATE participants SET label = ?2"
					  " WHERE id = ?1", e);
	sqlite3_stmt *add = store_prepare(s, "INSERT INTO participants(source_id,"
					  " label, role, guid) VALUES (?,?,?,?)", e);
	char ref[32];
	int rc = 0;

	snprintf(ref, sizeof(ref), "S%lld", sid);
	if (!ren || !add) {
		rc = -QC_EIO;
		goto out;
	}
	for (size_t j = 0; j < nt && rc == 0; j++) {
		struct part *p = NULL;

		if (!t[j].speaker || part_by_label(*pp, *np, t[j].speaker))
			continue;
		/* a speaker whose label is gone and whose every turn that is
		 * left now carries this label: the label was corrected */
		for (size_t k = 0; k < *np && !p; k++)
			if (!(*pp)[k].renamed &&
			    !label_in_turns(t, nt, (*pp)[k].label) &&
			    all_turns_now(o, no, t, (*pp)[k].id, t[j].speaker))
				p = &(*pp)[k];
		if (p) {
			note(r, "speaker", ref, xasprintf("'%s' is now '%s' (role"
			     " and pseudonym kept)", p->label, t[j].speaker));
			sqlite3_bind_int64(ren, 1, p->id);
			sqlite3_bind_text(ren, 2, t[j].speaker, -1, SQLITE_STATIC);
			rc = step_done(s, ren, e);
			free(p->label);
			p->label = xstrdup(t[j].speaker);
			p->renamed = 1;
		} else {
			char g[37];
			store_new_guid(g);
			sqlite3_bind_int64(add, 1, sid);
			sqlite3_bind_text(add, 2, t[j].speaker, -1, SQLITE_STATIC);
			sqlite3_bind_text(add, 3, doc_role(d, t[j].speaker), -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(add, 4, g, -1, SQLITE_TRANSIENT);
			if ((rc = step_done(s, add, e)) < 0)
				break;
			*pp = xreallocarray(*pp, *np + 1, sizeof(**pp));
			(*pp)[(*np)++] = (struct part){ sqlite3_last_insert_rowid(s->db),
				xstrdup(t[j].speaker), 0, 0, 0 };
			note(r, "speaker", ref, xasprintf("new speaker '%s'",
							  t[j].speaker));
		}
	}
	for (size_t j = 0; j < nt && rc == 0; j++) {
		struct part *p = t[j].speaker ? part_by_label(*pp, *np, t[j].speaker) :
				 NULL;
		t[j].pid = p ? p->id : 0;
		if (p)
			p->turns_after++;
		if (t[j].owner >= 0 && o[t[j].owner].pid && p &&
		    o[t[j].owner].pid != p->id && !part_by_id(*pp, *np,
		    o[t[j].owner].pid)->renamed) {
			char tr[48];
			snprintf(tr, sizeof(tr), "S%lld:%lld", sid,
				 o[t[j].owner].ordinal);
			note(r, "speaker", tr, xasprintf("'%s' is now '%s'",
			     o[t[j].owner].speaker, t[j].speaker));
		}
	}
	for (size_t i = 0; i < *np && rc == 0; i++)
		if ((*pp)[i].turns_before && !(*pp)[i].turns_after)
			note(r, "speaker", ref, xasprintf("'%s' has no turns left"
			     " (kept, with role and pseudonym)", (*pp)[i].label));
out:
	sqlite3_finalize(ren);
	sqlite3_finalize(add);
	return rc;
}

/* ---- the old version ---- */

static int save_version(struct store *s, long long sid,
			const struct source_row *src, const struct old_turn *o,
			size_t no, const char *how, const char *summary,
			struct qc_err *e)
{
	sqlite3_stmt *v = store_prepare(s, "INSERT INTO source_versions(source_id,"
		" version, text, sha256, format, filename, created_at, created_by,"
		" replaced_at, replaced_by, how, summary) VALUES"
		" (?,?,?,?,?,?,?,?,?,?,?,?)", e);
	sqlite3_stmt *t = store_prepare(s, "INSERT INTO source_version_turns("
		"source_id, version, ordinal, speaker, start_cp, end_cp, start_ms,"
		" end_ms) VALUES (?,?,?,?,?,?,?,?)", e);
	char now[32];
	int rc = 0;

	if (!v || !t) {
		rc = -QC_EIO;
		goto out;
	}
	store_now(now);
	sqlite3_bind_int64(v, 1, sid);
	sqlite3_bind_int64(v, 2, src->version);
	sqlite3_bind_text(v, 3, src->text, (int)src->len, SQLITE_STATIC);
	sqlite3_bind_text(v, 4, src->sha, -1, SQLITE_STATIC);
	sqlite3_bind_text(v, 5, src->format, -1, SQLITE_STATIC);
	sqlite3_bind_text(v, 6, src->filename, -1, SQLITE_STATIC);
	sqlite3_bind_text(v, 7, src->created_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(v, 8, src->created_by, -1, SQLITE_STATIC);
	sqlite3_bind_text(v, 9, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(v, 10, s->coder, -1, SQLITE_STATIC);
	sqlite3_bind_text(v, 11, how, -1, SQLITE_STATIC);
	sqlite3_bind_text(v, 12, summary, -1, SQLITE_STATIC);
	if ((rc = step_done(s, v, e)) < 0)
		goto out;
	for (size_t i = 0; i < no && rc == 0; i++) {
		sqlite3_bind_int64(t, 1, sid);
		sqlite3_bind_int64(t, 2, src->version);
		sqlite3_bind_int64(t, 3, o[i].ordinal);
		sqlite3_bind_text(t, 4, o[i].speaker, -1, SQLITE_STATIC);
		sqlite3_bind_int64(t, 5, o[i].start);
		sqlite3_bind_int64(t, 6, o[i].end);
		if (o[i].start_ms >= 0)
			sqlite3_bind_int64(t, 7, o[i].start_ms);
		else
			sqlite3_bind_null(t, 7);
		if (o[i].end_ms >= 0)
			sqlite3_bind_int64(t, 8, o[i].end_ms);
		else
			sqlite3_bind_null(t, 8);
		rc = step_done(s, t, e);
	}
out:
	sqlite3_finalize(v);
	sqlite3_finalize(t);
	return rc;
}

/* ---- turns ---- */

/*
 * Write the new turns: an old row that stays is updated (its text and
 * speaker only when they changed, so the full-text index is touched for
 * those turns alone), new turns are inserted and indexed, rows that are
 * gone are deleted last, after what points at them has moved.
 */
static int write_turns(struct store *s, long long sid, const char *text,
		       struct old_turn *o, size_t no, struct new_turn *t,
		       size_t nt, struct revise_result *r, struct qc_err *e)
{
	sqlite3_stmt *tmp = store_prepare(s, "UPDATE segments SET ordinal ="
					  " -1 - ordinal WHERE id = ?", e);
	sqlite3_stmt *pos = store_prepare(s, "UPDATE segments SET ordinal = ?2,"
		" start_cp = ?3, end_cp = ?4, participant_id = ?5, start_ms = ?6,"
		" end_ms = ?7 WHERE id = ?1", e);
	sqlite3_stmt *txt = store_prepare(s, "UPDATE segments SET text = ?2,"
					  " speaker = ?3 WHERE id = ?1", e);
	sqlite3_stmt *ins = store_prepare(s, "INSERT INTO segments(source_id,"
		" ordinal, participant_id, speaker, start_cp, end_cp, start_ms,"
		" end_ms, text) VALUES (?,?,?,?,?,?,?,?,?)", e);
	sqlite3_stmt *fts = store_prepare(s, STORE_FTS_INSERT, e);
	int rc = 0;

	if (!tmp || !pos || !txt || !ins || !fts) {
		rc = -QC_EIO;
		goto out;
	}
	/* numbers that change or go first step aside, out of the way of
	 * UNIQUE(source_id, ordinal) */
	for (size_t i = 0; i < no && rc == 0; i++)
		if (!o[i].stays || o[i].new_ord != o[i].ordinal) {
			sqlite3_bind_int64(tmp, 1, o[i].id);
			rc = step_done(s, tmp, e);
		}
	for (size_t j = 0; j < nt && rc == 0; j++) {
		struct new_turn *n = &t[j];
		const char *ntext = text + n->bs;
		int len = (int)(n->be - n->bs);

		if (n->owner >= 0) {
			struct old_turn *ot = &o[n->owner];
			int same_text = (size_t)len == strlen(ot->text) &&
					!memcmp(ot->text, ntext, (size_t)len);
			int same_speaker = (!ot->speaker && !n->speaker) ||
				(ot->speaker && n->speaker &&
				 !strcmp(ot->speaker, n->speaker));
			n->id = ot->id;
			if (n->start_ms < 0) {	/* a text edit keeps the times */
				n->start_ms = ot->start_ms;
				n->end_ms = ot->end_ms;
			}
			sqlite3_bind_int64(pos, 1, n->id);
			sqlite3_bind_int64(pos, 2, n->ord);
			sqlite3_bind_int64(pos, 3, n->start);
			sqlite3_bind_int64(pos, 4, n->end);
			if (n->pid)
				sqlite3_bind_int64(pos, 5, n->pid);
			else
				sqlite3_bind_null(pos, 5);
			if (n->start_ms >= 0)
				sqlite3_bind_int64(pos, 6, n->start_ms);
			else
				sqlite3_bind_null(pos, 6);
			if (n->end_ms >= 0)
				sqlite3_bind_int64(pos, 7, n->end_ms);
			else
				sqlite3_bind_null(pos, 7);
			if ((rc = step_done(s, pos, e)) < 0)
				break;
			if (!same_text || !same_speaker) {
				sqlite3_bind_int64(txt, 1, n->id);
				sqlite3_bind_text(txt, 2, ntext, len, SQLITE_STATIC);
				sqlite3_bind_text(txt, 3, n->speaker, -1, SQLITE_STATIC);
				rc = step_done(s, txt, e);
				r->turns_changed++;
			}
			continue;
		}
		sqlite3_bind_int64(ins, 1, sid);
		sqlite3_bind_int64(ins, 2, n->ord);
		if (n->pid)
			sqlite3_bind_int64(ins, 3, n->pid);
		else
			sqlite3_bind_null(ins, 3);
		sqlite3_bind_text(ins, 4, n->speaker, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 5, n->start);
		sqlite3_bind_int64(ins, 6, n->end);
		if (n->start_ms >= 0)
			sqlite3_bind_int64(ins, 7, n->start_ms);
		else
			sqlite3_bind_null(ins, 7);
		if (n->end_ms >= 0)
			sqlite3_bind_int64(ins, 8, n->end_ms);
		else
			sqlite3_bind_null(ins, 8);
		sqlite3_bind_text(ins, 9, ntext, len, SQLITE_STATIC);
		if ((rc = step_done(s, ins, e)) < 0)
			break;
		sqlite3_clear_bindings(ins);
		n->id = sqlite3_last_insert_rowid(s->db);
		sqlite3_bind_int64(fts, 1, n->id);
		sqlite3_bind_text(fts, 2, ntext, len, SQLITE_STATIC);
		sqlite3_bind_text(fts, 3, n->speaker, -1, SQLITE_STATIC);
		rc = step_done(s, fts, e);
		r->turns_added++;
	}
out:
	sqlite3_finalize(tmp);
	sqlite3_finalize(pos);
	sqlite3_finalize(txt);
	sqlite3_finalize(ins);
	sqlite3_finalize(fts);
	return rc;
}

/* Memos on turns that are gone move to the turn that took their text, or
 * to the source; then the rows go. */
static int drop_old_turns(struct store *s, long long sid, struct old_turn *o,
			  size_t no, const struct new_turn *t,
			  struct revise_result *r, struct qc_err *e)
{
	sqlite3_stmt *mv = store_prepare(s, "UPDATE memos SET target = ?2,"
		" target_id = ?3 WHERE target = 'segment' AND target_id = ?1", e);
	sqlite3_stmt *del = store_prepare(s, "DELETE FROM segments WHERE id = ?", e);
	int rc = 0;

	if (!mv || !del) {
		rc = -QC_EIO;
		goto out;
	}
	for (size_t i = 0; i < no && rc == 0; i++) {
		if (o[i].stays)
			continue;
		sqlite3_bind_int64(mv, 1, o[i].id);
		sqlite3_bind_text(mv, 2, o[i].home >= 0 ? "segment" : "source", -1,
				  SQLITE_STATIC);
		sqlite3_bind_int64(mv, 3, o[i].home >= 0 ? t[o[i].home].id : sid);
		if ((rc = step_done(s, mv, e)) < 0)
			break;
		if (sqlite3_changes(s->db)) {
			char ref[48];
			snprintf(ref, sizeof(ref), "S%lld:%lld", sid, o[i].ordinal);
			note(r, "memo", ref, o[i].home >= 0 ?
			     xasprintf("its memos moved with its text, now"
				       " S%lld:%lld", sid, t[o[i].home].ord) :
			     xasprintf("its memos are now on S%lld", sid));
		}
		sqlite3_bind_int64(del, 1, o[i].id);
		rc = step_done(s, del, e);
		r->turns_removed++;
	}
out:
	sqlite3_finalize(mv);
	sqlite3_finalize(del);
	return rc;
}

/* ---- codings, suggestions, hits ---- */

/* The text of old code points [s, e), at most about 60 characters. */
static char *excerpt(const char *text, const struct cps *c, long long s,
		     long long e)
{
	size_t bs = c->off[s], be = c->off[e];
	size_t cut = e - s > 60 ? c->off[s + 60] : be;

	return cut < be ? xasprintf("%.*s...", (int)(cut - bs), text + bs) :
			  xstrndup(text + bs, be - bs);
}

struct mapctx {
	struct store *s;
	long long sid, version;
	const struct diff *df;
	const struct new_turn *t;
	size_t nt;
	const char *old_text;
	const struct cps *oc;
	const struct old_turn *o;
	size_t no;
	struct revise_result *r;
};

/* The old turn that held code point p (for naming a detached coding). */
static long long old_ordinal_at(const struct mapctx *m, long long p)
{
	long long ord = m->no ? m->o[0].ordinal : 0;

	for (size_t i = 0; i < m->no && m->o[i].start <= p; i++)
		ord = m->o[i].ordinal;
	return ord;
}

/*
 * Codings move in two steps so that no intermediate state collides with
 * UNIQUE(code, source, span, coder): first to -1 - new bound, then all
 * back. A coding that lands on another of the same code and coder is one
 * coding twice: the later one goes and its memos join the first.
 */
static int map_codings(struct mapctx *m, struct qc_err *e)
{
	struct store *s = m->s;
	sqlite3_stmt *sel = store_prepare(s, "SELECT c.id, c.start_cp, c.end_cp,"
		" k.short_id, c.code_id, c.coder_id FROM codings c JOIN codes k"
		" ON k.id = c.code_id WHERE c.source_id = ? ORDER BY c.start_cp, c.id", e);
	sqlite3_stmt *mv = store_prepare(s, "UPDATE OR IGNORE codings SET"
		" start_cp = -1 - ?2, end_cp = -1 - ?3, segment_id = CASE WHEN"
		" segment_id IS NULL THEN NULL ELSE ?4 END WHERE id = ?1", e);
	sqlite3_stmt *twin = store_prepare(s, "SELECT id FROM codings WHERE"
		" code_id = ?1 AND source_id = ?2 AND coder_id = ?3 AND"
		" start_cp = -1 - ?4 AND end_cp = -1 - ?5", e);
	sqlite3_stmt *memo = store_prepare(s, "UPDATE memos SET target_id = ?2"
		" WHERE target = 'coding' AND target_id = ?1", e);
	sqlite3_stmt *del = store_prepare(s, "DELETE FROM codings WHERE id = ?", e);
	sqlite3_stmt *det = store_prepare(s, "INSERT INTO detached_codings(id,"
		" guid, code_id, source_id, coder_id, created_at, memo, version,"
		" ordinal, start_cp, end_cp, at_cp, text, detached_at)"
		" SELECT id, guid, code_id, source_id, coder_id, created_at, memo,"
		" ?2, ?3, start_cp, end_cp, ?4, ?5, ?6 FROM codings WHERE id = ?1", e);
	sqlite3_stmt *back = store_prepare(s, "UPDATE codings SET start_cp ="
		" -1 - start_cp, end_cp = -1 - end_cp WHERE source_id = ?"
		" AND start_cp < 0", e);
	long long olen = (long long)m->oc->n;
	char now[32];
	int rc = 0;

	if (!sel || !mv || !twin || !memo || !del || !det || !back) {
		rc = -QC_EIO;
		goto out;
	}
	store_now(now);
	sqlite3_bind_int64(sel, 1, m->sid);
	while (rc == 0 && (rc = sqlite3_step(sel)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(sel, 0);
		long long a = clampll(sqlite3_column_int64(sel, 1), 0, olen);
		long long b = clampll(sqlite3_column_int64(sel, 2), a, olen);
		long long na, nb;
		rc = 0;
		m->r->codings++;
		if (b > a && !words_kept(m->df, m->oc, a, b)) {
			char dref[32], oref[48];
			char *words = xstrndup(m->old_text + m->oc->off[a],
					       m->oc->off[b] - m->oc->off[a]);
			char *shown = excerpt(m->old_text, m->oc, a, b);
			snprintf(dref, sizeof(dref), "D%lld", id);
			snprintf(oref, sizeof(oref), "S%lld:%lld", m->sid,
				 old_ordinal_at(m, a));
			sqlite3_bind_int64(det, 1, id);
			sqlite3_bind_int64(det, 2, m->version);
			sqlite3_bind_int64(det, 3, old_ordinal_at(m, a));
			sqlite3_bind_int64(det, 4, (long long)diff_map_start(m->df,
							(size_t)a));
			sqlite3_bind_text(det, 5, words, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(det, 6, now, -1, SQLITE_STATIC);
			sqlite3_bind_int64(memo, 1, id);
			sqlite3_bind_int64(memo, 2, -id);
			if ((rc = step_done(s, det, e)) == 0 &&
			    (rc = step_done(s, memo, e)) == 0) {
				sqlite3_bind_int64(del, 1, id);
				rc = step_done(s, del, e);
			}
			note(m->r, "detached", dref, xasprintf("%s on \"%s\" (was"
			     " in %s): its words were deleted", (const char *)
			     sqlite3_column_text(sel, 3), shown, oref));
			free(words);
			free(shown);
			m->r->detached++;
			continue;
		}
		na = (long long)diff_map_start(m->df, (size_t)a);
		nb = (long long)diff_map_end(m->df, (size_t)b);
		if (nb < na)
			nb = na;
		if (na != a || nb != b)
			m->r->moved++;
		sqlite3_bind_int64(mv, 1, id);
		sqlite3_bind_int64(mv, 2, na);
		sqlite3_bind_int64(mv, 3, nb);
		sqlite3_bind_int64(mv, 4, seg_for(m->t, m->nt, na));
		if ((rc = step_done(s, mv, e)) < 0 || sqlite3_changes(s->db))
			continue;
		/* it coincides with one already moved there */
		sqlite3_bind_int64(twin, 1, sqlite3_column_int64(sel, 4));
		sqlite3_bind_int64(twin, 2, m->sid);
		sqlite3_bind_int64(twin, 3, sqlite3_column_int64(sel, 5));
		sqlite3_bind_int64(twin, 4, na);
		sqlite3_bind_int64(twin, 5, nb);
		if (sqlite3_step(twin) == SQLITE_ROW) {
			long long keep = sqlite3_column_int64(twin, 0);
			char dref[32];
			sqlite3_reset(twin);
			sqlite3_bind_int64(memo, 1, id);
			sqlite3_bind_int64(memo, 2, keep);
			if ((rc = step_done(s, memo, e)) == 0) {
				sqlite3_bind_int64(del, 1, id);
				rc = step_done(s, del, e);
			}
			snprintf(dref, sizeof(dref), "S%lld", m->sid);
			note(m->r, "codings", dref, xasprintf("two codings of %s now"
			     " cover the same words: kept as one",
			     (const char *)sqlite3_column_text(sel, 3)));
		} else {
			sqlite3_reset(twin);
			rc = store_fail(s, e, "cannot move a coding");
		}
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = store_fail(s, e, "cannot read the codings");
	if (rc == 0) {
		sqlite3_bind_int64(back, 1, m->sid);
		rc = step_done(s, back, e);
	}
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(mv);
	sqlite3_finalize(twin);
	sqlite3_finalize(memo);
	sqlite3_finalize(del);
	sqlite3_finalize(det);
	sqlite3_finalize(back);
	return rc;
}

/*
 * Spans of another table (suggestions, hits) and the places of detached
 * codings, mapped likewise; a suggestion or hit whose words are gone is
 * removed (it is remade by autocode or search), and counted.
 */
static int map_spans(struct mapctx *m, const char *select, const char *move,
		     const char *drop, const char *back, int with_segment,
		     long long *dropped, struct qc_err *e)
{
	struct store *s = m->s;
	sqlite3_stmt *sel = store_prepare(s, select, e);
	sqlite3_stmt *mv = store_prepare(s, move, e);
	sqlite3_stmt *del = drop ? store_prepare(s, drop, e) : NULL;
	sqlite3_stmt *bk = back ? store_prepare(s, back, e) : NULL;
	long long olen = (long long)m->oc->n;
	int rc = 0;

	*dropped = 0;
	if (!sel || !mv || (drop && !del) || (back && !bk)) {
		rc = -QC_EIO;
		goto out;
	}
	sqlite3_bind_int64(sel, 1, m->sid);
	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		long long a = clampll(sqlite3_column_int64(sel, 1), 0, olen);
		long long b = clampll(sqlite3_column_int64(sel, 2), a, olen);
		long long na, nb;
		if (del && b > a && !words_kept(m->df, m->oc, a, b)) {
			sqlite3_bind_value(del, 1, sqlite3_column_value(sel, 0));
			sqlite3_bind_value(del, 2, sqlite3_column_value(sel, 3));
			if ((rc = step_done(s, del, e)) < 0)
				break;
			(*dropped)++;
			continue;
		}
		na = (long long)diff_map_start(m->df, (size_t)a);
		nb = b > a ? (long long)diff_map_end(m->df, (size_t)b) : na;
		if (nb < na)
			nb = na;
		sqlite3_bind_value(mv, 1, sqlite3_column_value(sel, 0));
		sqlite3_bind_int64(mv, 2, na);
		sqlite3_bind_int64(mv, 3, nb);
		if (with_segment)
			sqlite3_bind_int64(mv, 4, seg_for(m->t, m->nt, na));
		sqlite3_bind_value(mv, 5, sqlite3_column_value(sel, 3));
		if ((rc = step_done(s, mv, e)) < 0)
			break;
		if (!sqlite3_changes(s->db) && del) {
			/* it now coincides with another: one is enough */
			sqlite3_bind_value(del, 1, sqlite3_column_value(sel, 0));
			sqlite3_bind_value(del, 2, sqlite3_column_value(sel, 3));
			if ((rc = step_done(s, del, e)) < 0)
				break;
			(*dropped)++;
		}
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = store_fail(s, e, "cannot read what points into the text");
	if (rc == 0 && bk) {
		sqlite3_bind_int64(bk, 1, m->sid);
		rc = step_done(s, bk, e);
	}
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(mv);
	sqlite3_finalize(del);
	sqlite3_finalize(bk);
	return rc;
}

static int map_all(struct mapctx *m, struct qc_err *e)
{
	long long gone;
	char ref[32];
	int rc;

	snprintf(ref, sizeof(ref), "S%lld", m->sid);
	/* the detached first: map_codings adds some already in place */
	if ((rc = map_spans(m, "SELECT id, at_cp, at_cp, 0 FROM detached_codings"
			    " WHERE source_id = ?",
			    "UPDATE detached_codings SET at_cp = ?2 WHERE id = ?1"
			    " AND ?3 = ?3 AND ?5 = ?5",
			    NULL, NULL, 0, &gone, e)) < 0 ||
	    (rc = map_codings(m, e)) < 0)
		return rc;
	rc = map_spans(m, "SELECT id, start_cp, end_cp, 0 FROM suggestions"
		       " WHERE source_id = ?",
		       "UPDATE OR IGNORE suggestions SET start_cp = -1 - ?2,"
		       " end_cp = -1 - ?3, segment_id = ?4 WHERE id = ?1 AND ?5 = ?5",
		       "DELETE FROM suggestions WHERE id = ?1 AND ?2 = ?2",
		       "UPDATE suggestions SET start_cp = -1 - start_cp,"
		       " end_cp = -1 - end_cp WHERE source_id = ? AND start_cp < 0",
		       1, &gone, e);
	if (rc == 0 && gone)
		note(m->r, "suggestions", ref, xasprintf("%lld whose words were"
		     " deleted or now repeat another removed", gone));
	if (rc == 0)
		rc = map_spans(m, "SELECT h.coder_id, h.start_cp, h.end_cp, h.n"
			       " FROM hits h JOIN segments g ON g.id = h.segment_id"
			       " WHERE g.source_id = ?",
			       "UPDATE hits SET start_cp = ?2, end_cp = ?3,"
			       " segment_id = ?4 WHERE coder_id = ?1 AND n = ?5",
			       "DELETE FROM hits WHERE coder_id = ?1 AND n = ?2",
			       NULL, 1, &gone, e);
	if (rc == 0 && gone)
		note(m->r, "hits", ref, xasprintf("%lld saved search hits whose"
		     " words were deleted removed", gone));
	return rc;
}

/* ---- the edit ---- */

/* Ranges of turn numbers that changed, "S3:6-40 are now S3:7-41". */
static void note_renumbered(struct revise_result *r, long long sid,
			    const struct old_turn *o, size_t no)
{
	size_t i = 0;

	while (i < no) {
		size_t k = i;
		char ref[64];
		if (!o[i].stays || o[i].new_ord == o[i].ordinal) {
			i++;
			continue;
		}
		while (k + 1 < no && o[k + 1].stays &&
		       o[k + 1].ordinal == o[k].ordinal + 1 &&
		       o[k + 1].new_ord == o[k].new_ord + 1)
			k++;
		if (k == i) {
			snprintf(ref, sizeof(ref), "S%lld:%lld", sid, o[i].ordinal);
			note(r, "turn", ref, xasprintf("is now S%lld:%lld", sid,
							o[i].new_ord));
		} else {
			snprintf(ref, sizeof(ref), "S%lld:%lld-%lld", sid,
				 o[i].ordinal, o[k].ordinal);
			note(r, "turns", ref, xasprintf("are now S%lld:%lld-%lld",
			     sid, o[i].new_ord, o[k].new_ord));
		}
		i = k + 1;
	}
}

/* Splits, merges and deleted turns, in the words of the old numbers. */
static void note_structure(struct revise_result *r, long long sid,
			   const struct diff *df, const struct old_turn *o,
			   size_t no, const struct new_turn *t, size_t nt)
{
	for (size_t i = 0; i < no; i++) {
		char ref[48];
		snprintf(ref, sizeof(ref), "S%lld:%lld", sid, o[i].ordinal);
		if (o[i].home < 0) {
			note(r, "turn", ref, xstrdup("deleted"));
			continue;
		}
		if (!o[i].stays) {
			long long into = o[t[o[i].home].owner].ordinal;
			note(r, "turn", ref, into == t[o[i].home].ord ?
			     xasprintf("merged into S%lld:%lld", sid, into) :
			     xasprintf("merged into S%lld:%lld, now S%lld:%lld",
				       sid, into, sid, t[o[i].home].ord));
			continue;
		}
		/* the new turns its text runs into that no old turn owns */
		{
			long long ms = (long long)diff_map_start(df, (size_t)o[i].start);
			long long me = (long long)diff_map_end(df, (size_t)o[i].end);
			struct qc_buf parts = QC_BUF_INIT;
			int extra = 0;
			for (size_t j = turn_holding(t, nt, ms); j < nt &&
			     t[j].start < me; j++) {
				if ((long long)j != o[i].home && t[j].owner >= 0)
					continue;
				qc_buf_addf(&parts, "%sS%lld:%lld", parts.len ? ", " : "",
					    sid, t[j].ord);
				extra += (long long)j != o[i].home;
			}
			if (extra)
				note(r, "turn", ref, xasprintf("split: now %s", parts.buf));
			qc_buf_release(&parts);
		}
	}
}

/* New turns that took no old turn's place. */
static void note_added(struct revise_result *r, long long sid,
		       const struct new_turn *t, size_t nt)
{
	for (size_t j = 0; j < nt; j++)
		if (t[j].owner < 0) {
			char ref[48];
			snprintf(ref, sizeof(ref), "S%lld:%lld", sid, t[j].ord);
			note(r, "turn", ref, xstrdup("new"));
		}
}

int revise_source(struct store *s, const char *ref, struct import_doc *d,
		  const char *how, const char *filename,
		  struct revise_result *r, struct qc_err *e)
{
	struct source_row src;
	struct cps oc = { 0 }, nc = { 0 };
	struct diff df;
	struct old_turn *o = NULL;
	struct new_turn *t = NULL;
	struct part *parts = NULL;
	size_t no = 0, nt = d->nturns, np = 0;
	long long sid, words = 0;
	char sha[65], sref[32];
	char *summary = NULL;
	int rc;

	memset(r, 0, sizeof(*r));
	memset(&src, 0, sizeof(src));
	diff_init(&df);
	if ((rc = sources_find(s, ref, &sid, e)) < 0)
		return rc;
	r->source_id = sid;
	snprintf(sref, sizeof(sref), "S%lld", sid);
	if ((rc = load_source(s, sid, &src, e)) < 0)
		goto out;
	if (d->text.len == src.len && !memcmp(d->text.buf, src.text, src.len)) {
		r->unchanged = 1;
		r->version = src.version;
		goto out;
	}
	if (!nt || !text_has_word(d->text.buf, d->text.len)) {
		rc = qc_err_set(e, QC_EDATA, "the new text is empty; to remove"
				" the source use 'qcode source rm %s'", sref);
		goto out;
	}
	if ((rc = load_old_turns(s, sid, &o, &no, e)) < 0 ||
	    (rc = load_parts(s, sid, &parts, &np, e)) < 0)
		goto out;
	cps_of(src.text, src.len, &oc);
	cps_of(d->text.buf, d->text.len, &nc);
	diff_text(oc.cp, oc.n, nc.cp, nc.n, &df);
	t = xcalloc(nt, sizeof(*t));
	for (size_t j = 0; j < nt; j++) {
		struct import_turn *it = &d->turns[j];
		t[j].bs = it->start;
		t[j].be = it->end;
		t[j].start = (long long)cp_at_byte(&nc, it->start);
		t[j].end = (long long)cp_at_byte(&nc, it->end);
		t[j].speaker = it->speaker;
		t[j].start_ms = it->start_ms;
		t[j].end_ms = it->end_ms;
		t[j].owner = -1;
		words += (long long)text_word_count(d->text.buf + it->start,
						    it->end - it->start);
	}
	find_homes(&df, &oc, o, no, t, nt);
	for (size_t i = 0; i < no; i++)
		if (o[i].home >= 0 && t[o[i].home].owner < 0) {
			t[o[i].home].owner = (long long)i;
			o[i].stays = 1;
		}
	number_turns(o, t, nt);
	{
		size_t del, ins;
		diff_counts(&df, &del, &ins);
		r->deleted = (long long)del;
		r->inserted = (long long)ins;
	}
	r->version = src.version + 1;
	summary = xasprintf("-%lld +%lld characters", r->deleted, r->inserted);
	if ((rc = save_version(s, sid, &src, o, no, how, summary, e)) < 0 ||
	    (rc = assign_speakers(s, sid, d, o, no, t, nt, &parts, &np, r, e)) < 0 ||
	    (rc = write_turns(s, sid, d->text.buf, o, no, t, nt, r, e)) < 0)
		goto out;
	{
		struct mapctx m = { s, sid, src.version, &df, t, nt, src.text, &oc,
				    o, no, r };
		if ((rc = map_all(&m, e)) < 0)
			goto out;
	}
	if ((rc = drop_old_turns(s, sid, o, no, t, r, e)) < 0)
		goto out;
	note_structure(r, sid, &df, o, no, t, nt);
	note_added(r, sid, t, nt);
	note_renumbered(r, sid, o, no);
	qc_sha256_hex(d->text.buf, d->text.len, sha);
	{
		/* stored whole, then framed once its turns are in place */
		sqlite3_stmt *st = store_prepare(s, "UPDATE sources SET text = ?2,"
			" framed = 0, sha256 = ?3, chars = ?4, words = ?5,"
			" format = ?6, filename = coalesce(?7, filename)"
			" WHERE id = ?1", e);
		if (!st) {
			rc = -QC_EIO;
			goto out;
		}
		sqlite3_bind_int64(st, 1, sid);
		sqlite3_bind_text(st, 2, d->text.buf, (int)d->text.len, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, sha, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, (long long)nc.n);
		sqlite3_bind_int64(st, 5, words);
		sqlite3_bind_text(st, 6, d->format, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, filename, -1, SQLITE_STATIC);
		rc = step_done(s, st, e);
		sqlite3_finalize(st);
		if (rc == 0)
			rc = store_frame_source(s, sid, e);
		if (rc < 0)
			goto out;
	}
	{
		char *detail = xasprintf("%s version %lld: -%lld +%lld characters,"
			" %lld turns changed, %lld added, %lld removed; %lld of"
			" %lld codings moved, %lld detached", sref, r->version,
			r->deleted, r->inserted, r->turns_changed, r->turns_added,
			r->turns_removed, r->moved, r->codings, r->detached);
		rc = store_audit(s, how, detail, e);
		free(detail);
	}
out:
	free(summary);
	if (o)
		old_turns_free(o, no);
	free(t);
	for (size_t i = 0; i < np; i++)
		free(parts[i].label);
	free(parts);
	cps_release(&oc);
	cps_release(&nc);
	diff_release(&df);
	source_row_release(&src);
	return rc;
}

/* ---- versions ---- */

int revise_history(struct store *s, const char *ref,
		   struct revise_versions *out, struct qc_err *e)
{
	/* a version's row holds its text and the edit that replaced it:
	 * version v was made by the edit stored with v - 1 */
	sqlite3_stmt *st;
	char *prev_how = xstrdup("import"), *prev_sum = xstrdup("");
	size_t alloc = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = sources_find(s, ref, &out->source, e)) < 0) {
		free(prev_how);
		free(prev_sum);
		return rc;
	}
	st = store_prepare(s,
		"SELECT version, created_at, created_by, how, summary,"
		" (SELECT count(*) FROM source_version_turns t WHERE"
		"  t.source_id = v.source_id AND t.version = v.version),"
		" length(text), replaced_at, replaced_by, 0 FROM source_versions v"
		" WHERE source_id = ?1"
		" UNION ALL SELECT 1 + coalesce((SELECT max(version) FROM"
		" source_versions WHERE source_id = ?1), 0), NULL, NULL, NULL, NULL,"
		" (SELECT count(*) FROM segments WHERE source_id = ?1), chars,"
		" imported_at, imported_by, 1 FROM sources WHERE id = ?1"
		" ORDER BY 1", e);
	if (!st) {
		free(prev_how);
		free(prev_sum);
		return -QC_EIO;
	}
	sqlite3_bind_int64(st, 1, out->source);
	{
		char *made_at = NULL, *made_by = NULL;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct revise_version *v;
			int cur = sqlite3_column_int(st, 9);
			if (out->n == alloc) {
				alloc = alloc ? 2 * alloc : 8;
				out->v = xreallocarray(out->v, alloc, sizeof(*out->v));
			}
			v = &out->v[out->n++];
			v->version = sqlite3_column_int64(st, 0);
			v->current = cur;
			v->turns = sqlite3_column_int64(st, 5);
			v->chars = sqlite3_column_int64(st, 6);
			v->how = prev_how;
			v->summary = prev_sum;
			if (cur) {
				/* made by the last edit, or imported */
				v->at = made_at ? made_at : store_col_dup(st, 7);
				v->by = made_by ? made_by : store_col_dup(st, 8);
				made_at = made_by = NULL;
				prev_how = prev_sum = NULL;
			} else {
				v->at = store_col_dup(st, 1);
				v->by = store_col_dup(st, 2);
				prev_how = store_col_dup(st, 3);
				prev_sum = store_col_dup(st, 4);
				free(made_at);
				free(made_by);
				made_at = store_col_dup(st, 7);
				made_by = store_col_dup(st, 8);
			}
		}
		free(made_at);
		free(made_by);
	}
	free(prev_how);
	free(prev_sum);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		revise_versions_release(out);
		return store_fail(s, e, "cannot read the versions");
	}
	return 0;
}

void revise_versions_release(struct revise_versions *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].at);
		free(h->v[i].by);
		free(h->v[i].how);
		free(h->v[i].summary);
	}
	free(h->v);
	memset(h, 0, sizeof(*h));
}

int revise_version_turns(struct store *s, const struct sources_turns_opts *o,
			 long long version, struct sources_turns *out,
			 struct qc_err *e)
{
	sqlite3_stmt *st;
	const char *text;
	size_t alloc = 0, tlen;
	struct cps c = { 0 };
	long long sid;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = sources_find(s, o->ref, &sid, e)) < 0)
		return rc;
	out->source = sid;
	st = store_prepare(s, "SELECT text FROM source_versions WHERE"
			   " source_id = ? AND version = ?", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int64(st, 2, version);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		{
			/* the current version is today's text */
			sqlite3_stmt *q = store_prepare(s, "SELECT 1 + coalesce(max("
				"version), 0) FROM source_versions WHERE source_id = ?", e);
			long long cur = 0;
			if (!q)
				return -QC_EIO;
			sqlite3_bind_int64(q, 1, sid);
			if (sqlite3_step(q) == SQLITE_ROW)
				cur = sqlite3_column_int64(q, 0);
			sqlite3_finalize(q);
			if (version == cur)
				return sources_turns(s, o, out, e);
			return qc_err_set(e, QC_EDATA, "S%lld has no version %lld"
					  " (it has 1 to %lld; see 'qcode source"
					  " history S%lld')", sid, version, cur, sid);
		}
	}
	tlen = (size_t)sqlite3_column_bytes(st, 0);
	text = (const char *)sqlite3_column_text(st, 0);
	cps_of(text, tlen, &c);
	if (o->real_names) {
		char *what = xasprintf("show S%lld --version %lld", sid, version);
		rc = store_log(s, "real-names", what, e);
		free(what);
		if (rc < 0)
			goto out;
	}
	{
		sqlite3_stmt *t = store_prepare(s,
			"SELECT t.ordinal, CASE WHEN ?3 THEN t.speaker ELSE"
			" coalesce(p.pseudonym, t.speaker) END, coalesce(p.role, ''),"
			" coalesce(t.start_ms, -1), t.start_cp, t.end_cp"
			" FROM source_version_turns t LEFT JOIN participants p"
			" ON p.source_id = t.source_id AND p.label = t.speaker"
			" WHERE t.source_id = ?1 AND t.version = ?2"
			" AND t.ordinal >= ?4 AND (?5 < 0 OR t.ordinal <= ?5)"
			" ORDER BY t.ordinal", e);
		if (!t) {
			rc = -QC_EIO;
			goto out;
		}
		sqlite3_bind_int64(t, 1, sid);
		sqlite3_bind_int64(t, 2, version);
		sqlite3_bind_int(t, 3, o->real_names);
		sqlite3_bind_int64(t, 4, o->from);
		sqlite3_bind_int64(t, 5, o->to);
		while ((rc = sqlite3_step(t)) == SQLITE_ROW) {
			struct sources_turn *x;
			long long a = clampll(sqlite3_column_int64(t, 4), 0,
					      (long long)c.n);
			long long b = clampll(sqlite3_column_int64(t, 5), a,
					      (long long)c.n);
			if (out->n == alloc) {
				alloc = alloc ? 2 * alloc : 64;
				out->v = xreallocarray(out->v, alloc, sizeof(*out->v));
			}
			x = &out->v[out->n++];
			x->ordinal = sqlite3_column_int64(t, 0);
			x->speaker = store_col_dup(t, 1);
			x->role = store_col_dup(t, 2);
			x->start_ms = sqlite3_column_int64(t, 3);
			x->codes = xstrdup("");
			x->text = xstrndup(text + c.off[a], c.off[b] - c.off[a]);
		}
		sqlite3_finalize(t);
		rc = rc == SQLITE_DONE ? 0 : store_fail(s, e, "cannot read the"
							" version");
	}
out:
	sqlite3_finalize(st);
	cps_release(&c);
	if (rc < 0)
		sources_turns_release(out);
	return rc;
}

/* ---- detached codings ---- */

int revise_detached_list(struct store *s, long long code_id, int children,
			 const struct filter *f, struct revise_detacheds *out,
			 struct qc_err *e)
{
	struct filter fs = filter_sources(f);
	struct filter_sql q;
	struct qc_buf sql = QC_BUF_INIT;
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (filter_has_turns(f))
		return qc_err_set(e, QC_EUSAGE, "a detached coding has no turn:"
				  " --speaker, --role and --attr do not apply");
	if ((rc = filter_build(&fs, FILTER_SOURCES, 3, &q, e)) < 0)
		return rc;
	qc_buf_adds(&sql,
		"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT k.id FROM codes k"
		" JOIN sub ON k.parent_id = sub.id WHERE ?2)"
		" SELECT d.id, d.source_id, k.short_id, u.name, d.version, d.ordinal,"
		" d.at_cp, d.text, d.detached_at FROM detached_codings d"
		" JOIN codes k ON k.id = d.code_id JOIN coders u ON u.id = d.coder_id"
		" JOIN sources src ON src.id = d.source_id"
		" WHERE (?1 = 0 OR d.code_id IN (SELECT id FROM sub))");
	if (f->coder) {
		/* the coder's name is bound after the filter's terms */
		qc_buf_addf(&sql, " AND u.name = ?%d", 3 + q.nbinds);
	}
	qc_buf_add(&sql, q.where.buf, q.where.len);
	qc_buf_adds(&sql, " ORDER BY d.source_id, d.at_cp, d.id");
	{
		int nb = q.nbinds;
		if (!(st = filter_prepare(s, &sql, &q, e)))
			return -QC_EIO;
		if (f->coder)
			sqlite3_bind_text(st, 3 + nb, f->coder, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, 1, code_id);
	sqlite3_bind_int(st, 2, children);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct revise_detached *x;
		if (out->n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			out->v = xreallocarray(out->v, alloc, sizeof(*out->v));
		}
		x = &out->v[out->n++];
		x->id = sqlite3_column_int64(st, 0);
		x->source = sqlite3_column_int64(st, 1);
		x->code = store_col_dup(st, 2);
		x->coder = store_col_dup(st, 3);
		x->version = sqlite3_column_int64(st, 4);
		x->ordinal = sqlite3_column_int64(st, 5);
		x->at_cp = sqlite3_column_int64(st, 6);
		x->text = store_col_dup(st, 7);
		x->detached_at = store_col_dup(st, 8);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		revise_detacheds_release(out);
		return store_fail(s, e, "cannot read the detached codings");
	}
	return 0;
}

void revise_detacheds_release(struct revise_detacheds *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].coder);
		free(l->v[i].text);
		free(l->v[i].detached_at);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int revise_reattach(struct store *s, const char *ref, long long code_id,
		    long long source_id, long long segment_id,
		    long long start_cp, long long end_cp, struct qc_err *e)
{
	sqlite3_stmt *st;
	long long id, code = 0, src = 0, newid;
	char *end;
	int rc = 0, found;

	if ((ref[0] != 'D' && ref[0] != 'd') || !ref[1] ||
	    (id = strtoll(ref + 1, &end, 10)) <= 0 || *end)
		return qc_err_set(e, QC_EUSAGE, "'%s' is not a detached coding"
				  " (D1, D2, ...; see 'qcode coded --detached')",
				  ref);
	st = store_prepare(s, "SELECT code_id, source_id FROM detached_codings"
			   " WHERE id = ?", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, id);
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		code = sqlite3_column_int64(st, 0);
		src = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (!found)
		return qc_err_set(e, QC_EDATA, "no detached coding %s (see"
				  " 'qcode coded --detached')", ref);
	if (code != code_id)
		return qc_err_set(e, QC_EDATA, "%s is a coding of another code;"
				  " tag it with its own code", ref);
	if (src != source_id)
		return qc_err_set(e, QC_EDATA, "%s belongs to S%lld; tag it there",
				  ref, src);
	/* the coding takes its old id back when it is free; its memos,
	 * kept under minus that id, follow it */
	st = store_prepare(s, "INSERT INTO codings(id, guid, code_id, source_id,"
		" segment_id, start_cp, end_cp, coder_id, created_at, memo)"
		" SELECT CASE WHEN EXISTS (SELECT 1 FROM codings WHERE id = d.id)"
		" THEN NULL ELSE d.id END, guid, code_id, source_id, ?2, ?3, ?4,"
		" coder_id, created_at, memo FROM detached_codings d WHERE d.id = ?1", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, segment_id);
	sqlite3_bind_int64(st, 3, start_cp);
	sqlite3_bind_int64(st, 4, end_cp);
	if (sqlite3_step(st) != SQLITE_DONE) {
		if ((sqlite3_errcode(s->db) & 0xff) == SQLITE_CONSTRAINT)
			rc = qc_err_set(e, QC_EDATA, "that span is already coded"
					" with this code by %s's coder", ref);
		else
			rc = store_fail(s, e, "cannot tag it again");
	}
	sqlite3_finalize(st);
	if (rc < 0)
		return rc;
	newid = sqlite3_last_insert_rowid(s->db);
	{
		sqlite3_stmt *m = store_prepare(s, "UPDATE memos SET target_id = ?2"
			" WHERE target = 'coding' AND target_id = ?1", e);
		sqlite3_stmt *d = store_prepare(s, "DELETE FROM detached_codings"
						" WHERE id = ?", e);
		if (!m || !d)
			rc = -QC_EIO;
		if (rc == 0) {
			sqlite3_bind_int64(m, 1, -id);
			sqlite3_bind_int64(m, 2, newid);
			rc = sqlite3_step(m) == SQLITE_DONE ? 0 :
			     store_fail(s, e, "cannot move its memos");
		}
		if (rc == 0) {
			sqlite3_bind_int64(d, 1, id);
			rc = sqlite3_step(d) == SQLITE_DONE ? 0 :
			     store_fail(s, e, "cannot tag it again");
		}
		sqlite3_finalize(m);
		sqlite3_finalize(d);
	}
	return rc;
}

/* ---- a correction made in another copy ---- */

int revise_from_attached(struct store *s, const char *db, long long sid,
			 long long other_id, struct revise_result *r,
			 struct qc_err *e)
{
	char *q1 = xasprintf("SELECT source_text(id, '%s'), format FROM"
			     " %s.sources WHERE id = ?", db, db);
	char *q2 = xasprintf("SELECT start_cp, end_cp, speaker,"
			     " coalesce(start_ms, -1), coalesce(end_ms, -1)"
			     " FROM %s.segments WHERE source_id = ?"
			     " ORDER BY ordinal", db);
	sqlite3_stmt *st = store_prepare(s, q1, e), *sg = NULL;
	struct import_doc d;
	struct cps c = { 0 };
	char *format = NULL, ref[32];
	int rc = 0;

	memset(r, 0, sizeof(*r));
	import_doc_init(&d);
	free(q1);
	if (!st || !(sg = store_prepare(s, q2, e))) {
		rc = -QC_EIO;
		goto out;
	}
	sqlite3_bind_int64(st, 1, other_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = store_fail(s, e, "cannot read the other copy's source");
		goto out;
	}
	qc_buf_add(&d.text, sqlite3_column_text(st, 0),
		   (size_t)sqlite3_column_bytes(st, 0));
	format = store_col_dup(st, 1);
	d.format = format;
	cps_of(d.text.buf, d.text.len, &c);
	sqlite3_bind_int64(sg, 1, other_id);
	while ((rc = sqlite3_step(sg)) == SQLITE_ROW) {
		long long a = clampll(sqlite3_column_int64(sg, 0), 0, (long long)c.n);
		long long b = clampll(sqlite3_column_int64(sg, 1), a, (long long)c.n);
		const char *sp = (const char *)sqlite3_column_text(sg, 2);
		struct import_turn *t;
		if (d.nturns == d.aturns) {
			d.aturns = d.aturns ? 2 * d.aturns : 64;
			d.turns = xreallocarray(d.turns, d.aturns, sizeof(*d.turns));
		}
		t = &d.turns[d.nturns++];
		t->speaker = sp ? xstrdup(sp) : NULL;
		t->start_ms = sqlite3_column_int64(sg, 3);
		t->end_ms = sqlite3_column_int64(sg, 4);
		t->start = c.off[a];
		t->end = c.off[b];
	}
	if (rc != SQLITE_DONE) {
		rc = store_fail(s, e, "cannot read the other copy's turns");
		goto out;
	}
	snprintf(ref, sizeof(ref), "S%lld", sid);
	rc = revise_source(s, ref, &d, "merge", NULL, r, e);
out:
	free(q2);
	sqlite3_finalize(st);
	sqlite3_finalize(sg);
	cps_release(&c);
	d.format = "text";
	import_doc_release(&d);
	free(format);
	return rc;
}
