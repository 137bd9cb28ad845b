/*
 * coding: references to spans, tagging, auto-code suggestions. A coding
 * made from a segment reference or a search hit covers the whole speaker
 * turn (the unit researchers quote); S3:17@12-80 codes an exact span.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <errno.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/codebook.h"
#include "qcode/coding.h"
#include "qcode/progress.h"
#include "qcode/text.h"

void coding_spans_release(struct coding_spans *sp)
{
	free(sp->v);
	memset(sp, 0, sizeof(*sp));
}

static void add_span(struct coding_spans *sp, long long src, long long seg,
		     long long a, long long b)
{
	/* the same span twice in one command is one coding */
	for (size_t i = sp->n; i-- > 0 && i + 64 >= sp->n;)
		if (sp->v[i].segment_id == seg && sp->v[i].start_cp == a &&
		    sp->v[i].end_cp == b)
			return;
	if (sp->n == sp->alloc) {
		sp->alloc = sp->alloc ? 2 * sp->alloc : 64;
		sp->v = xreallocarray(sp->v, sp->alloc, sizeof(*sp->v));
	}
	sp->v[sp->n++] = (struct coding_span){ src, seg, a, b };
}

/* Is s a list of hit numbers like "1,3-7"? */
static int is_list(const char *s)
{
	if (!s || !isdigit((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s) && *s != ',' && *s != '-')
			return 0;
	return 1;
}

/* The hits of the coder's last search (those of list, or all): each as
 * its whole turn, or with spans as exactly the matched text. */
static int add_hits(struct store *s, const char *coder, const char *list,
		    int spans, struct coding_spans *sp, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT h.n, g.source_id, g.id, iif(?2, h.start_cp, g.start_cp),"
		" iif(?2, h.end_cp, g.end_cp) FROM hits h"
		" JOIN segments g ON g.id = h.segment_id JOIN coders c"
		" ON c.id = h.coder_id WHERE c.name = ?1 ORDER BY h.n", e);
	long long total = 0;
	long long (*row)[4] = NULL;
	int rc = 0;

	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, coder, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, spans);
	while (sqlite3_step(st) == SQLITE_ROW) {
		row = xreallocarray(row, (size_t)total + 1, sizeof(*row));
		for (int k = 0; k < 4; k++)
			row[total][k] = sqlite3_column_int64(st, k + 1);
		total++;
	}
	sqlite3_finalize(st);
	if (!total) {
		free(row);
		return qc_err_set(e, QC_EDATA, "no hits: run 'qcode search' first");
	}
	if (!list) {
		for (long long i = 0; i < total; i++)
			add_span(sp, row[i][0], row[i][1], row[i][2], row[i][3]);
		free(row);
		return 0;
	}
	long long *num = NULL;
	size_t nn = 0, alloc = 0;
	if (qc_parse_numlist(list, &num, &nn, &alloc) < 0)
		rc = qc_err_set(e, QC_EUSAGE, "bad hit list '%s' (like 1,3-7)",
				list);
	for (size_t i = 0; i < nn && rc == 0; i++) {
		if (num[i] > total) {
			rc = qc_err_set(e, QC_EDATA, "no hit %lld: the last search"
					" has %lld hit%s", num[i], total,
					total == 1 ? "" : "s");
			break;
		}
		add_span(sp, row[num[i] - 1][0], row[num[i] - 1][1],
			 row[num[i] - 1][2], row[num[i] - 1][3]);
	}
	free(num);
	free(row);
	return rc;
}

/* S3:17, S3:17-21, S3:17@12-80 */
static int add_ref(struct store *s, const char *ref, struct coding_spans *sp,
		   struct qc_err *e)
{
	struct qc_ref r;
	sqlite3_stmt *st;
	int rc = 0, found = 0;

	if (qc_ref_parse(ref, QC_REF_TURN | QC_REF_RANGE | QC_REF_SPAN, &r) < 0)
		return qc_err_set(e, QC_EUSAGE, "'%s' is not a reference (S3:17,"
				  " S3:17-21, S3:17@12-80 or hits)", ref);
	st = store_prepare(s, "SELECT id, start_cp, end_cp, ordinal FROM segments"
			   " WHERE source_id = ? AND ordinal BETWEEN ? AND ?"
			   " ORDER BY ordinal", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, r.source);
	sqlite3_bind_int64(st, 2, r.from);
	sqlite3_bind_int64(st, 3, r.to);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		long long gs = sqlite3_column_int64(st, 1);
		long long ge = sqlite3_column_int64(st, 2);
		found++;
		if (r.start >= 0) {
			if (r.end > ge - gs)
				rc = qc_err_set(e, QC_EDATA, "%s: segment S%lld:%lld"
						" has %lld characters", ref,
						r.source, r.from, ge - gs);
			else
				add_span(sp, r.source, id, gs + r.start,
					 gs + r.end);
		} else {
			add_span(sp, r.source, id, gs, ge);
		}
	}
	sqlite3_finalize(st);
	if (rc == 0 && found != r.to - r.from + 1)
		rc = qc_err_set(e, QC_EDATA, "no segment %s (see 'qcode show S%lld')",
				ref, r.source);
	return rc;
}

int coding_parse_refs(struct store *s, const char *coder, char **refs,
		      int nrefs, struct coding_spans *sp, struct qc_err *e)
{
	return coding_parse_refs_hits(s, coder, refs, nrefs, 0, sp, e);
}

int coding_parse_refs_hits(struct store *s, const char *coder, char **refs,
			   int nrefs, int spans, struct coding_spans *sp,
			   struct qc_err *e)
{
	int rc = 0;

	for (int i = 0; i < nrefs && rc == 0; i++) {
		if (!strcmp(refs[i], "hits")) {
			/* hits 1,3-7, or hits 1 3-7 as accept takes them */
			int any = 0;
			while (rc == 0 && i + 1 < nrefs && is_list(refs[i + 1])) {
				rc = add_hits(s, coder, refs[++i], spans, sp, e);
				any = 1;
			}
			if (!any)
				rc = add_hits(s, coder, NULL, spans, sp, e);
		} else {
			rc = add_ref(s, refs[i], sp, e);
		}
	}
	return rc;
}

int coding_tag(struct store *s, long long code_id, const struct coding_spans *sp,
	       long long coder_id, const char *memo, const char *quote,
	       long long *added,
	       long long *existing, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"INSERT OR IGNORE INTO codings(guid, code_id, source_id,"
		" segment_id, start_cp, end_cp, coder_id, created_at, quote)"
		" VALUES (?,?,?,?,?,?,?,?,?)", e);
	/* the memo of a new coding is a memo like any other (memo list) */
	sqlite3_stmt *mm = memo && *memo ? store_prepare(s,
		"INSERT INTO memos(guid, target, target_id, author_id,"
		" created_at, updated_at, text) VALUES (?, 'coding', ?, ?, ?, ?, ?)",
		e) : NULL;
	char now[32];

	*added = *existing = 0;
	if (!st || (memo && *memo && !mm)) {
		sqlite3_finalize(st);
		return -QC_EIO;
	}
	{
		/* a code marked not codable (a heading in another program's
		 * codebook, isCodable="false") only groups its subcodes */
		sqlite3_stmt *q = store_prepare(s, "SELECT short_id, name FROM"
						" codes WHERE id = ? AND codable = 0", e);
		int rc = 0;
		if (!q) {
			sqlite3_finalize(st);
			return -QC_EIO;
		}
		sqlite3_bind_int64(q, 1, code_id);
		if (sqlite3_step(q) == SQLITE_ROW)
			rc = qc_err_set(e, QC_EDATA, "code %s ('%s') is marked not"
					" codable: it groups its subcodes; code with"
					" one of them", sqlite3_column_text(q, 0),
					sqlite3_column_text(q, 1));
		sqlite3_finalize(q);
		if (rc < 0) {
			sqlite3_finalize(st);
			sqlite3_finalize(mm);
			return rc;
		}
	}
	store_now(now);
	sqlite3_bind_int64(st, 2, code_id);
	sqlite3_bind_int64(st, 7, coder_id);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, quote, -1, SQLITE_STATIC);
	for (size_t i = 0; i < sp->n; i++) {
		char g[37];
		store_new_guid(g);
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, g, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, sp->v[i].source_id);
		sqlite3_bind_int64(st, 4, sp->v[i].segment_id);
		sqlite3_bind_int64(st, 5, sp->v[i].start_cp);
		sqlite3_bind_int64(st, 6, sp->v[i].end_cp);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			sqlite3_finalize(mm);
			return store_fail(s, e, "cannot store the codings");
		}
		if (!sqlite3_changes(s->db)) {
			(*existing)++;
			continue;
		}
		(*added)++;
		if (mm) {
			long long cid = sqlite3_last_insert_rowid(s->db);
			store_new_guid(g);
			sqlite3_reset(mm);
			sqlite3_bind_text(mm, 1, g, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(mm, 2, cid);
			sqlite3_bind_int64(mm, 3, coder_id);
			sqlite3_bind_text(mm, 4, now, -1, SQLITE_STATIC);
			sqlite3_bind_text(mm, 5, now, -1, SQLITE_STATIC);
			sqlite3_bind_text(mm, 6, memo, -1, SQLITE_STATIC);
			if (sqlite3_step(mm) != SQLITE_DONE) {
				sqlite3_finalize(st);
				sqlite3_finalize(mm);
				return store_fail(s, e, "cannot store the memo");
			}
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(mm);
	return 0;
}

int coding_quote_set(struct store *s, long long coding_id, const char *flag,
		     char **what, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT c.id, k.short_id, 'S' ||"
		" c.source_id || coalesce(':' || g.ordinal, '') || CASE WHEN"
		" g.id IS NULL OR (c.start_cp = g.start_cp AND c.end_cp = g.end_cp)"
		" THEN '' ELSE '@' || (c.start_cp - g.start_cp) || '-' ||"
		" (c.end_cp - g.start_cp) END FROM codings c JOIN codes k ON"
		" k.id = c.code_id LEFT JOIN segments g ON g.id = c.segment_id"
		" WHERE c.id = ?", e);
	int rc;

	*what = NULL;
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, coding_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return qc_err_set(e, QC_EDATA, "no coding #%lld (see 'qcode"
				  " coded CODE')", coding_id);
	}
	*what = xasprintf("#%lld %s %s", coding_id, sqlite3_column_text(st, 1),
			  sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	st = store_prepare(s, "UPDATE codings SET quote = ?1 WHERE id = ?2", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, flag, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, coding_id);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(s, e, "cannot mark the coding");
	sqlite3_finalize(st);
	return rc;
}

int coding_untag(struct store *s, long long code_id,
		 const struct coding_spans *sp, long long coder_id,
		 long long *removed, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"DELETE FROM codings WHERE code_id = ?1 AND coder_id = ?2 AND"
		" source_id = ?3 AND start_cp >= ?4 AND end_cp <= ?5", e);

	*removed = 0;
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, code_id);
	sqlite3_bind_int64(st, 2, coder_id);
	for (size_t i = 0; i < sp->n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 3, sp->v[i].source_id);
		sqlite3_bind_int64(st, 4, sp->v[i].start_cp);
		sqlite3_bind_int64(st, 5, sp->v[i].end_cp);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return store_fail(s, e, "cannot remove the codings");
		}
		*removed += sqlite3_changes(s->db);
	}
	sqlite3_finalize(st);
	return 0;
}

/* ---- auto-code ---- */

struct pat {
	long long code;
	char *text;
	pcre2_code *re;
};

int coding_autocode(struct store *s, const long long *codes, size_t n,
		    long long *added, long long *matches, struct qc_err *e)
{
	sqlite3_stmt *q = store_prepare(s, "SELECT id, patterns FROM codes"
					" WHERE patterns IS NOT NULL AND patterns"
					" <> '' ORDER BY id", e);
	sqlite3_stmt *seg = NULL, *ins = NULL;
	struct pat *p = NULL;
	size_t np = 0;
	pcre2_match_data *md = NULL;
	char now[32];
	int rc = 0;

	*added = *matches = 0;
	if (!q)
		return -QC_EIO;
	while (sqlite3_step(q) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(q, 0);
		const char *all = (const char *)sqlite3_column_text(q, 1);
		int want = n == 0;
		for (size_t i = 0; i < n; i++)
			want |= codes[i] == id;
		if (!want)
			continue;
		for (const char *t = all; *t;) {
			const char *nl = strchr(t, '\n');
			size_t len = nl ? (size_t)(nl - t) : strlen(t);
			int err;
			PCRE2_SIZE off;
			pcre2_code *re = pcre2_compile((PCRE2_SPTR)t, len,
				PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &err,
				&off, NULL);
			if (!re) {
				PCRE2_UCHAR msg[256];
				pcre2_get_error_message(err, msg, sizeof(msg));
				rc = qc_err_set(e, QC_EDATA, "pattern '%.*s': %s at"
						" offset %zu", (int)len, t,
						(const char *)msg, (size_t)off);
				goto out;
			}
			pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
			p = xreallocarray(p, np + 1, sizeof(*p));
			p[np].code = id;
			p[np].text = xstrndup(t, len);
			p[np].re = re;
			np++;
			t = nl ? nl + 1 : t + len;
		}
	}
	if (!np)
		goto out;
	seg = store_prepare(s, "SELECT id, source_id, start_cp, text FROM segments"
			    " ORDER BY source_id, ordinal", e);
	/* a match that a coding of its code already covers is not
	 * suggested again */
	ins = store_prepare(s, "INSERT OR IGNORE INTO suggestions(code_id,"
			    " source_id, segment_id, start_cp, end_cp, pattern,"
			    " created_at) SELECT ?1,?2,?3,?4,?5,?6,?7 WHERE NOT"
			    " EXISTS (SELECT 1 FROM codings c WHERE c.segment_id"
			    " = ?3 AND c.code_id = ?1 AND c.start_cp < ?5 AND"
			    " c.end_cp > ?4)", e);
	if (!seg || !ins) {
		rc = -QC_EIO;
		goto out;
	}
	store_now(now);
	md = pcre2_match_data_create(4, NULL);
	long long nseg = 0, total = store_int(s, "SELECT count(*) FROM segments", 0);
	progress_begin("autocoding", "segments", total);
	while (sqlite3_step(seg) == SQLITE_ROW) {
		if (progress_step(nseg++))
			break;
		const char *txt = (const char *)sqlite3_column_text(seg, 3);
		size_t len = (size_t)sqlite3_column_bytes(seg, 3);
		long long base = sqlite3_column_int64(seg, 2);

		for (size_t k = 0; k < np; k++) {
			PCRE2_SIZE at = 0;
			size_t cp = 0, cpat = 0;
			/* text was validated at import: skip the UTF check */
			while (at <= len && pcre2_match(p[k].re, (PCRE2_SPTR)txt,
				len, at, PCRE2_NO_UTF_CHECK, md, NULL) > 0) {
				PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
				size_t ms, me;
				cp += text_cp_count(txt + cpat, ov[0] - cpat);
				ms = cp;
				me = ms + text_cp_count(txt + ov[0], ov[1] - ov[0]);
				cpat = ov[0];
				(*matches)++;
				sqlite3_reset(ins);
				sqlite3_bind_int64(ins, 1, p[k].code);
				sqlite3_bind_int64(ins, 2, sqlite3_column_int64(seg, 1));
				sqlite3_bind_int64(ins, 3, sqlite3_column_int64(seg, 0));
				sqlite3_bind_int64(ins, 4, base + (long long)ms);
				sqlite3_bind_int64(ins, 5, base + (long long)me);
				sqlite3_bind_text(ins, 6, p[k].text, -1, SQLITE_STATIC);
				sqlite3_bind_text(ins, 7, now, -1, SQLITE_STATIC);
				if (sqlite3_step(ins) != SQLITE_DONE) {
					rc = store_fail(s, e, "cannot store"
							" the suggestions");
					goto out;
				}
				*added += sqlite3_changes(s->db);
				if (ov[1] > ov[0]) {
					at = ov[1];
				} else {
					/* an empty match: step one code point */
					at = ov[1] + 1;
					while (at < len && ((unsigned char)txt[at] & 0xC0) == 0x80)
						at++;
				}
			}
		}
	}
	progress_end();
out:
	pcre2_match_data_free(md);
	for (size_t k = 0; k < np; k++) {
		pcre2_code_free(p[k].re);
		free(p[k].text);
	}
	free(p);
	sqlite3_finalize(q);
	sqlite3_finalize(seg);
	sqlite3_finalize(ins);
	return rc;
}

int coding_decide(struct store *s, int accept, const long long *ids, size_t n,
		  int all, long long code_id, long long coder_id,
		  const char *coder, long long *done, struct qc_err *e)
{
	sqlite3_stmt *sel = store_prepare(s,
		"SELECT x.id, x.code_id, x.source_id, x.segment_id, g.start_cp,"
		" g.end_cp, x.status, (SELECT short_id FROM codes WHERE id ="
		" x.code_id) FROM suggestions x JOIN segments g"
		" ON g.id = x.segment_id WHERE (?1 AND x.status = 'pending'"
		" AND (?2 = 0 OR x.code_id = ?2)) OR x.id = ?3 ORDER BY x.id", e);
	sqlite3_stmt *upd = store_prepare(s, "UPDATE suggestions SET status = ?,"
					  " decided_by = ? WHERE id = ?", e);
	struct coding_spans sp = { 0 };
	int rc = 0;

	*done = 0;
	if (!sel || !upd) {
		rc = -QC_EIO;
		goto out;
	}
	progress_begin(accept ? "accepting" : "rejecting", "suggestions",
		       all ? store_int(s, "SELECT count(*) FROM suggestions"
				       " WHERE status = 'pending'", 0) :
		       (long long)n);
	for (size_t i = 0; i < (all ? 1 : n) && rc == 0; i++) {
		int seen = 0;
		sqlite3_reset(sel);
		sqlite3_bind_int(sel, 1, all);
		sqlite3_bind_int64(sel, 2, code_id);
		sqlite3_bind_int64(sel, 3, all ? -1 : ids[i]);
		while (rc == 0 && sqlite3_step(sel) == SQLITE_ROW) {
			long long sid = sqlite3_column_int64(sel, 0);
			seen = 1;
			/* --code with numbers: each must be of that code,
			 * never accepted under another silently */
			if (!all && code_id &&
			    sqlite3_column_int64(sel, 1) != code_id) {
				rc = qc_err_set(e, QC_EDATA, "suggestion %lld is"
						" of code '%s', not the one"
						" --code names; nothing was"
						" accepted", sid,
						sqlite3_column_text(sel, 7));
				break;
			}
			if (strcmp((const char *)sqlite3_column_text(sel, 6),
				   "pending") && !all) {
				rc = qc_err_set(e, QC_EDATA, "suggestion %lld was"
						" %s already", sid,
						sqlite3_column_text(sel, 6));
				break;
			}
			if (accept) {
				long long a, x;
				sp.n = 0;
				add_span(&sp, sqlite3_column_int64(sel, 2),
					 sqlite3_column_int64(sel, 3),
					 sqlite3_column_int64(sel, 4),
					 sqlite3_column_int64(sel, 5));
				rc = coding_tag(s, sqlite3_column_int64(sel, 1), &sp,
						coder_id, NULL, NULL, &a, &x, e);
				if (rc < 0)
					break;
			}
			sqlite3_reset(upd);
			sqlite3_bind_text(upd, 1, accept ? "accepted" : "rejected",
					  -1, SQLITE_STATIC);
			sqlite3_bind_text(upd, 2, coder, -1, SQLITE_STATIC);
			sqlite3_bind_int64(upd, 3, sid);
			if (sqlite3_step(upd) != SQLITE_DONE)
				rc = store_fail(s, e, "cannot mark the suggestion");
			if (progress_step(++*done))
				break;
		}
		if (rc == 0 && !seen && !all)
			rc = qc_err_set(e, QC_EDATA, "no suggestion %lld (see"
					" 'qcode suggestions')", ids[i]);
	}
	progress_end();
out:
	coding_spans_release(&sp);
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	return rc;
}

/* ---- reading rows ---- */

/* Column i as a new string: "" for NULL, or NULL itself when keep_null. */
static char *col_dup(sqlite3_stmt *st, int i, int keep_null)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	if (!t)
		return keep_null ? NULL : xstrdup("");
	return xstrdup(t);
}

/* Room for one more element in a growing array v of n, alloc. */
#define GROW(v, n, alloc)                                                    \
	do {                                                                 \
		if ((n) == (alloc)) {                                        \
			(alloc) = (alloc) ? 2 * (alloc) : 32;                \
			(v) = xreallocarray((v), (alloc), sizeof(*(v)));     \
		}                                                            \
	} while (0)

/* ---- suggestions ---- */

int coding_suggestions_list(struct store *s, long long code_id, int all,
			    struct coding_suggestions *out, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT x.id, k.short_id, g.source_id, g.ordinal,"
		" coalesce(p.pseudonym, g.speaker), g.text, x.start_cp - g.start_cp,"
		" x.end_cp - g.start_cp, x.status FROM suggestions x"
		" JOIN codes k ON k.id = x.code_id JOIN segments g ON g.id = x.segment_id"
		" LEFT JOIN participants p ON p.id = g.participant_id"
		" WHERE (?1 = 0 OR x.code_id = ?1) AND (?2 OR x.status = 'pending')"
		" ORDER BY x.id", e);

	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, code_id);
	sqlite3_bind_int(st, 2, all);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct coding_suggestion *x;
		GROW(out->v, out->n, out->alloc);
		x = &out->v[out->n++];
		x->id = sqlite3_column_int64(st, 0);
		x->code = col_dup(st, 1, 0);
		x->source_id = sqlite3_column_int64(st, 2);
		x->ordinal = sqlite3_column_int64(st, 3);
		x->speaker = col_dup(st, 4, 1);
		x->text = col_dup(st, 5, 0);
		x->start_cp = sqlite3_column_int64(st, 6);
		x->end_cp = sqlite3_column_int64(st, 7);
		x->status = col_dup(st, 8, 0);
	}
	sqlite3_finalize(st);
	return 0;
}

void coding_suggestions_release(struct coding_suggestions *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].speaker);
		free(l->v[i].text);
		free(l->v[i].status);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ---- coded ---- */

int coding_coded(struct store *s, const struct coding_coded_opts *o,
		 struct coding_rows *out, struct qc_err *e)
{
	struct qc_buf sql = QC_BUF_INIT;
	struct filter_sql fq;
	sqlite3_stmt *st;
	int rc;

	if ((rc = filter_build(&o->f, FILTER_CODINGS, 4, &fq, e)) < 0)
		return rc;
	/*
	 * Every coding, whole, wherever its bounds fall: its turn is the one
	 * holding its start, or else (a start between turns, or no turn
	 * recorded) the first turn it reaches, or the source's last. A coding
	 * inside its turn is shown in the turn's text; one that runs past the
	 * turn, or starts outside it, in the source's text from the earlier
	 * start to the end of the last turn it reaches.
	 */
#define CODED_IN "(c.segment_id = g.id AND c.start_cp >= g.start_cp" \
		 " AND c.end_cp <= g.end_cp)"
#define CODED_FROM "min(coalesce(g.start_cp, c.start_cp), c.start_cp)"
#define CODED_TO "max(coalesce(g.end_cp, 0), c.end_cp, coalesce((SELECT" \
		 " h.end_cp FROM segments h WHERE h.source_id = c.source_id" \
		 " AND h.start_cp < c.end_cp ORDER BY h.ordinal DESC LIMIT 1), 0))"
	qc_buf_adds(&sql,
		"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT k.id FROM codes k"
		" JOIN sub ON k.parent_id = sub.id WHERE ?2)"
		" SELECT c.id, k.short_id, s.id, coalesce(g.ordinal, 0),"
		" CASE WHEN ?3 THEN g.speaker"
		" ELSE coalesce(p.pseudonym, g.speaker) END, coalesce(p.role, ''),"
		" u.name, CASE WHEN " CODED_IN " THEN g.text ELSE substr(CASE WHEN"
		" s.framed THEN source_text(s.id) ELSE s.text END, "
		CODED_FROM " + 1, " CODED_TO " - " CODED_FROM ") END,"
		" c.start_cp - CASE WHEN " CODED_IN " THEN g.start_cp ELSE "
		CODED_FROM " END,"
		" c.end_cp - CASE WHEN " CODED_IN " THEN g.start_cp ELSE "
		CODED_FROM " END,"
		" s.kind, coalesce(c.memo, (SELECT group_concat(m.text, '; ') FROM"
		" memos m WHERE m.target = 'coding' AND m.target_id = c.id), '')"
		" FROM codings c JOIN codes k ON k.id = c.code_id"
		" JOIN sources s ON s.id = c.source_id"
		" LEFT JOIN segments g ON g.id = coalesce(c.segment_id,"
		" (SELECT h.id FROM segments h WHERE h.source_id = c.source_id"
		" AND h.end_cp > c.start_cp ORDER BY h.ordinal LIMIT 1),"
		" (SELECT h.id FROM segments h WHERE h.source_id = c.source_id"
		" ORDER BY h.ordinal DESC LIMIT 1))"
		" LEFT JOIN participants p ON p.id = g.participant_id"
		" JOIN coders u ON u.id = c.coder_id"
		" WHERE c.code_id IN (SELECT id FROM sub)");
#undef CODED_IN
#undef CODED_FROM
#undef CODED_TO
	qc_buf_adds(&sql, fq.where.buf);
	qc_buf_adds(&sql, " ORDER BY s.id, c.start_cp, k.short_id, u.name");
	st = store_prepare(s, sql.buf, e);
	qc_buf_release(&sql);
	if (!st) {
		filter_sql_release(&fq);
		return -QC_EIO;
	}
	sqlite3_bind_int64(st, 1, o->code_id);
	sqlite3_bind_int(st, 2, o->children);
	sqlite3_bind_int(st, 3, o->real_names);
	filter_bind(st, &fq);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct coding_row *r;
		GROW(out->v, out->n, out->alloc);
		r = &out->v[out->n++];
		r->id = sqlite3_column_int64(st, 0);
		r->code = col_dup(st, 1, 0);
		r->source_id = sqlite3_column_int64(st, 2);
		r->ordinal = sqlite3_column_int64(st, 3);
		r->speaker = col_dup(st, 4, 0);
		r->role = col_dup(st, 5, 0);
		r->coder = col_dup(st, 6, 0);
		r->text = col_dup(st, 7, 0);
		r->start_cp = sqlite3_column_int64(st, 8);
		r->end_cp = sqlite3_column_int64(st, 9);
		r->kind = col_dup(st, 10, 0);
		r->memo = col_dup(st, 11, 0);
	}
	sqlite3_finalize(st);
	filter_sql_release(&fq);
	return 0;
}

void coding_rows_release(struct coding_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct coding_row *x = &r->v[i];
		free(x->code);
		free(x->speaker);
		free(x->role);
		free(x->coder);
		free(x->kind);
		free(x->text);
		free(x->memo);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* ---- freq and cooc ---- */

/* The codes of the codebook in its order, with a map from row id to their
 * index (-1: not a code). */
struct code_index {
	struct codebook cb;
	int *of_id;
	long long max_id;
};

static int code_index_read(struct store *s, struct code_index *ci,
			   struct qc_err *e)
{
	int rc;

	memset(ci, 0, sizeof(*ci));
	if ((rc = codebook_read(s, &ci->cb, e)) < 0)
		return rc;
	for (size_t i = 0; i < ci->cb.n; i++)
		if (ci->cb.codes[i].db_id > ci->max_id)
			ci->max_id = ci->cb.codes[i].db_id;
	ci->of_id = xcalloc((size_t)ci->max_id + 1, sizeof(int));
	for (long long i = 0; i <= ci->max_id; i++)
		ci->of_id[i] = -1;
	for (size_t i = 0; i < ci->cb.n; i++)
		ci->of_id[ci->cb.codes[i].db_id] = (int)i;
	return 0;
}

static int code_index_of(const struct code_index *ci, long long id)
{
	return id >= 0 && id <= ci->max_id ? ci->of_id[id] : -1;
}

static void code_index_release(struct code_index *ci)
{
	codebook_release(&ci->cb);
	free(ci->of_id);
}

/* "SELECT cols FROM codings c JOIN ... WHERE 1 AND <filter>": only the
 * joins that the filter (or the caller: needs) asks for, so that a plain
 * count reads the codings table alone. */
/* The codings that pass f, with cols; key (when not NULL) is bound to
 * ?1 for cols to use, the filter's parameters follow. */
static sqlite3_stmt *prepare_codings_key(struct store *s, const char *cols,
					 unsigned needs, const struct filter *f,
					 const char *tail, const char *key,
					 struct qc_err *e)
{
	struct qc_buf sql = QC_BUF_INIT;
	struct filter_sql fq;
	sqlite3_stmt *st;

	if (filter_build(f, FILTER_CODINGS, key ? 2 : 1, &fq, e) < 0)
		return NULL;
	qc_buf_addf(&sql, "SELECT %s FROM codings c", cols);
	filter_codings_joins(&sql, needs | fq.needs);
	qc_buf_adds(&sql, " WHERE 1");
	qc_buf_adds(&sql, fq.where.buf);
	qc_buf_adds(&sql, tail);
	st = filter_prepare(s, &sql, &fq, e);
	if (st && key)
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	return st;
}

static sqlite3_stmt *prepare_codings(struct store *s, const char *cols,
				     unsigned needs, const struct filter *f,
				     const char *tail, struct qc_err *e)
{
	return prepare_codings_key(s, cols, needs, f, tail, NULL, e);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ll_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* one row of the scan: code, group, source, codings */
struct frow {
	int code;
	char *grp;
	long long source, n;
};

int coding_freq(struct store *s, enum coding_by by, const struct filter *f,
		struct coding_freq *out, struct qc_err *e)
{
	return coding_freq_attr(s, by, NULL, f, out, e);
}

int coding_freq_attr(struct store *s, enum coding_by by, const char *attr,
		     const struct filter *f, struct coding_freq *out,
		     struct qc_err *e)
{
	/* the group of a coding in SQL; source and theme are made here from
	 * the source id and the code tree */
	static const struct { const char *expr; unsigned needs; } groups[] = {
		[CODING_BY_KIND] = { "s.kind", FILTER_NEEDS_SOURCE },
		[CODING_BY_ROLE] = { "coalesce(p.role, '-')",
				     FILTER_NEEDS_SEGMENT },
		[CODING_BY_SOURCE] = { "NULL", 0 },
		[CODING_BY_CODER] = { "(SELECT name FROM coders WHERE id ="
				      " c.coder_id)", 0 },
		[CODING_BY_THEME] = { "NULL", 0 },
		[CODING_BY_PERSON] = { "coalesce((SELECT 'P' || pe.id ||"
				       " coalesce(' ' || pe.pseudonym, '') FROM"
				       " persons pe WHERE pe.id = p.person_id),"
				       " '-')", FILTER_NEEDS_SEGMENT },
		/* made below by filter_attr_value, the filter's --where */
		[CODING_BY_ATTRIBUTE] = { NULL, FILTER_NEEDS_SEGMENT },
	};
	struct code_index ci;
	sqlite3_stmt *st;
	struct frow *rows = NULL;
	size_t nr = 0, cap = 0, ng = 0, nc = 0, nsrc = 0;
	char **grps;
	int *col_of;		/* codebook index -> output row */
	long long *srcs;
	char *cols;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = code_index_read(s, &ci, e)) < 0)
		return rc;
	/* one pass over the codings: how many of each code, group and
	 * source; the distinct sources are counted from these rows */
	if (by == CODING_BY_ATTRIBUTE) {
		struct qc_buf v = QC_BUF_INIT;
		qc_buf_adds(&v, "coalesce(");
		filter_attr_value(&v, "c.source_id", 1);
		qc_buf_adds(&v, ", '-')");
		cols = xasprintf("c.code_id, %s, c.source_id, count(*)", v.buf);
		qc_buf_release(&v);
	} else {
		cols = xasprintf("c.code_id, %s, c.source_id, count(*)",
				 groups[by].expr);
	}
	if (by == CODING_BY_ATTRIBUTE && !attr) {
		free(cols);
		code_index_release(&ci);
		return qc_err_set(e, QC_EUSAGE, "--by attribute wants the"
				  " attribute's name");
	}
	st = prepare_codings_key(s, cols, groups[by].needs, f,
				 " GROUP BY 1, 2, 3", by == CODING_BY_ATTRIBUTE ?
				 attr : NULL, e);
	free(cols);
	if (!st) {
		code_index_release(&ci);
		return e->code ? -e->code : -QC_EIO;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		int k = code_index_of(&ci, sqlite3_column_int64(st, 0));
		long long src = sqlite3_column_int64(st, 2);
		char *g;

		if (k < 0)
			continue;
		if (by == CODING_BY_SOURCE) {
			g = xasprintf("S%lld", src);
		} else if (by == CODING_BY_THEME) {
			size_t r = (size_t)k;
			while (ci.cb.codes[r].parent >= 0)
				r = (size_t)ci.cb.codes[r].parent;
			g = xstrdup(ci.cb.codes[r].id);
		} else {
			g = col_dup(st, 1, 0);
		}
		if (nr == cap)
			rows = xreallocarray(rows, cap = cap ? 2 * cap : 256,
					     sizeof(*rows));
		rows[nr].code = k;
		rows[nr].grp = g;
		rows[nr].source = src;
		rows[nr].n = sqlite3_column_int64(st, 3);
		nr++;
	}
	sqlite3_finalize(st);
	/* the groups, sorted and distinct; the codes that have codings, in
	 * codebook order */
	grps = xcalloc(nr + 1, sizeof(char *));
	for (size_t r = 0; r < nr; r++)
		grps[ng++] = rows[r].grp;
	if (ng)
		qsort(grps, ng, sizeof(char *), str_cmp);
	{
		size_t u = 0;
		for (size_t i = 0; i < ng; i++)
			if (!u || strcmp(grps[u - 1], grps[i]))
				grps[u++] = grps[i];
		ng = u;
	}
	col_of = xcalloc(ci.cb.n + 1, sizeof(int));
	for (size_t r = 0; r < nr; r++)
		col_of[rows[r].code] = 1;
	out->codes = xcalloc(ci.cb.n + 1, sizeof(char *));
	for (size_t i = 0; i < ci.cb.n; i++)
		if (col_of[i]) {
			out->codes[nc] = xstrdup(ci.cb.codes[i].id);
			col_of[i] = (int)nc++;
		}
	/* cells: codings and distinct sources per code and group; the rows
	 * are distinct per (code, group, source), so each adds one source */
	out->codings = xcalloc(nc * ng + 1, sizeof(long long));
	out->sources = xcalloc(nc * ng + 1, sizeof(long long));
	out->total_codings = xcalloc(nc + 1, sizeof(long long));
	out->total_sources = xcalloc(nc + 1, sizeof(long long));
	srcs = xcalloc(nr + 1, sizeof(long long));
	for (size_t r = 0; r < nr; r++) {
		char **hit = bsearch(&rows[r].grp, grps, ng, sizeof(char *), str_cmp);
		size_t c = (size_t)col_of[rows[r].code], g = (size_t)(hit - grps);
		out->codings[c * ng + g] += rows[r].n;
		out->sources[c * ng + g]++;
		out->total_codings[c] += rows[r].n;
		/* code and source in one number, for the distinct count */
		srcs[nsrc++] = (long long)c << 40 | rows[r].source;
	}
	if (nsrc)
		qsort(srcs, nsrc, sizeof(long long), ll_cmp);
	for (size_t i = 0; i < nsrc; i++)
		if (!i || srcs[i] != srcs[i - 1])
			out->total_sources[srcs[i] >> 40]++;
	out->ncodes = nc;
	out->ngroups = ng;
	out->groups = xcalloc(ng + 1, sizeof(char *));
	for (size_t g = 0; g < ng; g++)
		out->groups[g] = xstrdup(grps[g]);
	for (size_t r = 0; r < nr; r++)
		free(rows[r].grp);
	free(rows);
	free(grps);
	free(col_of);
	free(srcs);
	code_index_release(&ci);
	return 0;
}

void coding_freq_release(struct coding_freq *fq)
{
	for (size_t i = 0; i < fq->ncodes; i++)
		free(fq->codes[i]);
	for (size_t i = 0; i < fq->ngroups; i++)
		free(fq->groups[i]);
	free(fq->codes);
	free(fq->groups);
	free(fq->codings);
	free(fq->sources);
	free(fq->total_codings);
	free(fq->total_sources);
	memset(fq, 0, sizeof(*fq));
}

/* one coding as cooc reads it */
struct ocoding {
	long long source, segment, start, end;	/* segment 0: none */
	int code;				/* index among the chosen codes */
	int group;				/* its coder's group */
};

static int oc_by_source(const void *a, const void *b)
{
	const struct ocoding *x = a, *y = b;
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* an overlap outside turns: codes a < b of group g meet in [start, end) */
struct oplace {
	long long source, start, end;
	int g, a, b;
};

static int oplace_cmp(const void *x, const void *y)
{
	const struct oplace *p = x, *q = y;
	if (p->g != q->g)
		return p->g < q->g ? -1 : 1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	if (p->source != q->source)
		return p->source < q->source ? -1 : 1;
	if (p->start != q->start)
		return p->start < q->start ? -1 : 1;
	return p->end < q->end ? -1 : p->end > q->end;
}

/* The codes cooc counts: pick[codebook index] = its place or -1. */
static int cooc_codes(struct store *s, const struct code_index *ci,
		      const char *const *refs, size_t nrefs, int *pick,
		      struct coding_cooc *out, struct qc_err *e)
{
	sqlite3_stmt *q;
	int rc;

	for (size_t i = 0; i < ci->cb.n; i++)
		pick[i] = -1;
	for (size_t r = 0; r < nrefs; r++) {
		long long id;
		int k;
		if ((rc = codebook_find(s, refs[r], &id, e)) < 0)
			return rc;
		if ((k = code_index_of(ci, id)) < 0 || pick[k] >= 0)
			continue;
		out->codes = xreallocarray(out->codes, out->n + 1,
					   sizeof(*out->codes));
		pick[k] = (int)out->n;
		out->codes[out->n++] = xstrdup(refs[r]);
	}
	if (nrefs)
		return 0;
	/* every code that has codings */
	if (!(q = store_prepare(s, "SELECT 1 FROM codings WHERE code_id = ?"
				" LIMIT 1", e)))
		return -QC_EIO;
	for (size_t i = 0; i < ci->cb.n; i++) {
		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, ci->cb.codes[i].db_id);
		if (sqlite3_step(q) != SQLITE_ROW)
			continue;
		out->codes = xreallocarray(out->codes, out->n + 1,
					   sizeof(*out->codes));
		pick[i] = (int)out->n;
		out->codes[out->n++] = xstrdup(ci->cb.codes[i].id);
	}
	sqlite3_finalize(q);
	return 0;
}

/* By coder: every coder with codings, by name (their ids in *ids). */
static int cooc_coders(struct store *s, struct coding_cooc *out,
		       long long **ids, struct qc_err *e)
{
	sqlite3_stmt *q = store_prepare(s, "SELECT u.id, u.name FROM coders u"
		" WHERE EXISTS (SELECT 1 FROM codings c WHERE c.coder_id = u.id)"
		" ORDER BY u.name", e);

	if (!q)
		return -QC_EIO;
	while (sqlite3_step(q) == SQLITE_ROW) {
		out->coders = xreallocarray(out->coders, out->ngroups + 1,
					    sizeof(*out->coders));
		*ids = xreallocarray(*ids, out->ngroups + 1, sizeof(**ids));
		(*ids)[out->ngroups] = sqlite3_column_int64(q, 0);
		out->coders[out->ngroups++] =
			xstrdup((const char *)sqlite3_column_text(q, 1));
	}
	sqlite3_finalize(q);
	return 0;
}

int coding_cooc(struct store *s, const char *const *refs, size_t nrefs,
		const struct filter *f, int by_coder, struct coding_cooc *out,
		struct qc_err *e)
{
	struct code_index ci;
	sqlite3_stmt *st = NULL;
	struct ocoding *oc = NULL;
	struct oplace *pl = NULL;
	size_t nc, no = 0, cap = 0, npl = 0, apl = 0, nfree, ng;
	long long *m, *cid = NULL;
	int *pick = NULL, *seen = NULL;
	char *in = NULL;
	size_t nseen = 0;
	long long cur = -1;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = code_index_read(s, &ci, e)) < 0)
		return rc;
	pick = xcalloc(ci.cb.n + 1, sizeof(int));
	if ((rc = cooc_codes(s, &ci, refs, nrefs, pick, out, e)) < 0 ||
	    (by_coder && (rc = cooc_coders(s, out, &cid, e)) < 0))
		goto out;
	if (!by_coder)
		out->ngroups = 1;
	nc = out->n;
	ng = out->ngroups;
	m = out->m = xcalloc(ng * nc * nc + 1, sizeof(*m));
	/* Two codes co-occur in a turn when both were applied in it: the
	 * turn counts once (for a coder's group: when that coder applied
	 * both). One pass reads the codings in turn order; the pairs are
	 * counted here, not by a self-join in SQL. */
	st = prepare_codings(s, "c.code_id, c.source_id, coalesce(c.segment_id,"
			     " 0), c.start_cp, c.end_cp, c.coder_id", 0, f,
			     " ORDER BY c.segment_id", e);
	if (!st) {
		rc = e->code ? -e->code : -QC_EIO;
		goto out;
	}
	/* the codings are kept for the overlap pass only when some lie
	 * outside every turn (found through the segment index) */
	nfree = (size_t)store_int(s, "SELECT EXISTS (SELECT 1 FROM codings"
				  " WHERE segment_id IS NULL)", 1);
	in = xcalloc(ng * nc + 1, 1);
	seen = xcalloc(ng * nc + 1, sizeof(int));
	for (;;) {
		int more = sqlite3_step(st) == SQLITE_ROW;
		long long seg = more ? sqlite3_column_int64(st, 2) : -2;
		int k, g = 0;

		if (seg != cur) {
			/* close the turn: every pair of distinct codes of a
			 * group (seen holds g * nc + code) */
			for (size_t i = 0; cur > 0 && i < nseen; i++)
				for (size_t j = 0; j < nseen; j++) {
					size_t gi = (size_t)seen[i] / nc;
					if (i != j && gi == (size_t)seen[j] / nc)
						m[(size_t)seen[i] * nc +
						  (size_t)seen[j] % nc]++;
				}
			for (size_t i = 0; i < nseen; i++)
				in[seen[i]] = 0;
			nseen = 0;
			cur = seg;
		}
		if (!more)
			break;
		k = code_index_of(&ci, sqlite3_column_int64(st, 0));
		if (k < 0 || (k = pick[k]) < 0)
			continue;
		if (by_coder) {
			long long u = sqlite3_column_int64(st, 5);
			for (g = 0; (size_t)g < ng && cid[g] != u; g++)
				;
			if ((size_t)g == ng)
				continue;
		}
		if (seg > 0 && !in[(size_t)g * nc + (size_t)k]) {
			in[(size_t)g * nc + (size_t)k] = 1;
			seen[nseen++] = g * (int)nc + k;
		}
		if (!nfree)
			continue;
		if (no == cap)
			oc = xreallocarray(oc, cap = cap ? 2 * cap : 1024,
					   sizeof(*oc));
		oc[no].code = k;
		oc[no].group = g;
		oc[no].source = sqlite3_column_int64(st, 1);
		oc[no].segment = seg;
		oc[no].start = sqlite3_column_int64(st, 3);
		oc[no].end = sqlite3_column_int64(st, 4);
		no++;
	}
	if (nfree && no) {
		/* codings outside turns: the stretches where codings of two
		 * codes overlap in a source, each stretch once */
		qsort(oc, no, sizeof(*oc), oc_by_source);
		for (size_t i = 0; i < no; i++)
			for (size_t j = i + 1; j < no && oc[j].source == oc[i].source &&
			     oc[j].start < oc[i].end; j++) {
				const struct ocoding *x = &oc[i], *y = &oc[j];
				if ((x->segment && y->segment) || x->code == y->code ||
				    y->end <= x->start || x->group != y->group)
					continue;
				if (npl == apl)
					pl = xreallocarray(pl, apl = apl ? 2 * apl :
							   256, sizeof(*pl));
				pl[npl++] = (struct oplace){ x->source, y->start,
					x->end < y->end ? x->end : y->end, x->group,
					x->code < y->code ? x->code : y->code,
					x->code < y->code ? y->code : x->code };
			}
		if (npl)
			qsort(pl, npl, sizeof(*pl), oplace_cmp);
		for (size_t i = 0; i < npl; i++) {
			size_t base = (size_t)pl[i].g * nc * nc;
			if (i && !oplace_cmp(&pl[i], &pl[i - 1]))
				continue;
			m[base + (size_t)pl[i].a * nc + (size_t)pl[i].b]++;
			m[base + (size_t)pl[i].b * nc + (size_t)pl[i].a]++;
		}
	}
out:
	sqlite3_finalize(st);
	free(in);
	free(seen);
	free(pick);
	free(oc);
	free(pl);
	free(cid);
	code_index_release(&ci);
	if (rc < 0)
		coding_cooc_release(out);
	return rc;
}

void coding_cooc_release(struct coding_cooc *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->codes[i]);
	free(c->codes);
	for (size_t i = 0; c->coders && i < c->ngroups; i++)
		free(c->coders[i]);
	free(c->coders);
	free(c->m);
	memset(c, 0, sizeof(*c));
}

/* ---- memos ---- */

/* Is there a row for id in the query (one ?1, or ?1 and ?2 = b)? */
static int row_exists(struct store *s, const char *sql, long long a,
		      long long b, long long *first, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int found;

	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found && first)
		*first = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return found;
}

int coding_memo_target(struct store *s, const char *t, const char **kind,
		       long long *id, struct qc_err *e)
{
	char *end;
	int found;

	if (!strcmp(t, "project")) {
		*kind = "project";
		*id = 0;
		return 0;
	}
	if ((t[0] == 'S' || t[0] == 's') && t[1] >= '0' && t[1] <= '9') {
		long long src = strtoll(t + 1, &end, 10), ord = 0;
		const char *sql;
		if (!*end) {
			*kind = "source";
			sql = "SELECT id FROM sources WHERE id = ?1 AND ?2 = 0";
		} else if (*end == ':') {
			ord = strtoll(end + 1, &end, 10);
			if (*end)
				goto code;
			*kind = "segment";
			sql = "SELECT id FROM segments WHERE source_id = ?1 AND"
			      " ordinal = ?2";
		} else {
			goto code;
		}
		if ((found = row_exists(s, sql, src, ord, id, e)) < 0)
			return found;
		return found ? 0 : qc_err_set(e, QC_EDATA, "no %s %s", *kind, t);
	}
	if (t[0] == '#' || (t[0] >= '0' && t[0] <= '9')) {
		*id = strtoll(t + (t[0] == '#'), &end, 10);
		if (*end)
			goto code;
		*kind = "coding";
		if ((found = row_exists(s, "SELECT 1 FROM codings WHERE id = ?1",
					*id, 0, NULL, e)) < 0)
			return found;
		return found ? 0 : qc_err_set(e, QC_EDATA, "no coding %s"
					      " (see 'qcode coded CODE')", t);
	}
code:
	*kind = "code";
	return codebook_find(s, t, id, e);
}

int coding_memo_add(struct store *s, const char *ref, long long author_id,
		    const char *text, const char *visibility, long long *memo_id,
		    struct qc_err *e)
{
	const char *kind;
	long long id;
	char guid[37], now[32];
	sqlite3_stmt *st;
	int rc;

	if ((rc = coding_memo_target(s, ref, &kind, &id, e)) < 0)
		return rc;
	if (!*text)
		return qc_err_set(e, QC_EUSAGE, "an empty memo");
	if (!visibility)
		visibility = "me";
	if (strcmp(visibility, "me") && strcmp(visibility, "team") &&
	    strcmp(visibility, "report"))
		return qc_err_set(e, QC_EUSAGE, "a memo is for 'me', 'team' or"
				  " 'report', not '%s'", visibility);
	store_new_guid(guid);
	store_now(now);
	st = store_prepare(s, "INSERT INTO memos(guid, target, target_id,"
			   " author_id, created_at, updated_at, text, visibility)"
			   " VALUES (?,?,?,?,?,?,?,?)", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, guid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	if (!strcmp(kind, "project"))
		sqlite3_bind_null(st, 3);
	else
		sqlite3_bind_int64(st, 3, id);
	sqlite3_bind_int64(st, 4, author_id);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, visibility, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(s, e, "cannot add the memo");
	sqlite3_finalize(st);
	if (rc == 0)
		*memo_id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int coding_memo_list(struct store *s, const char *ref,
		     struct coding_memos *out, struct qc_err *e)
{
	const char *kind = NULL;
	long long id = 0;
	sqlite3_stmt *st;
	int rc;

	if (ref && (rc = coding_memo_target(s, ref, &kind, &id, e)) < 0)
		return rc;
	st = store_prepare(s,
		"SELECT m.id, CASE m.target WHEN 'project' THEN 'project'"
		" WHEN 'source' THEN 'S' || m.target_id"
		" WHEN 'segment' THEN (SELECT 'S' || source_id || ':' || ordinal"
		"  FROM segments WHERE id = m.target_id)"
		" WHEN 'code' THEN (SELECT short_id FROM codes WHERE id = m.target_id)"
		/* a detached coding's memos wait under minus its id */
		" WHEN 'coding' THEN CASE WHEN m.target_id < 0 THEN 'D' ||"
		"  -m.target_id ELSE '#' || m.target_id END"
		" ELSE '#' || m.target_id END, u.name, m.updated_at, m.text,"
		" m.visibility FROM memos m JOIN coders u ON u.id = m.author_id"
		" WHERE ?1 IS NULL OR (m.target = ?1 AND m.target_id IS ?2)"
		" ORDER BY m.id", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	if (kind && strcmp(kind, "project"))
		sqlite3_bind_int64(st, 2, id);
	else
		sqlite3_bind_null(st, 2);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct coding_memo *m;
		GROW(out->v, out->n, out->alloc);
		m = &out->v[out->n++];
		m->id = sqlite3_column_int64(st, 0);
		m->target = col_dup(st, 1, 0);
		m->author = col_dup(st, 2, 0);
		m->updated = col_dup(st, 3, 0);
		m->text = col_dup(st, 4, 0);
		m->visibility = col_dup(st, 5, 0);
	}
	sqlite3_finalize(st);
	return 0;
}

void coding_memos_release(struct coding_memos *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].target);
		free(l->v[i].author);
		free(l->v[i].updated);
		free(l->v[i].text);
		free(l->v[i].visibility);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int coding_memo_find(struct store *s, const char *ref, long long *id,
		     char **text, struct qc_err *e)
{
	char *end;
	sqlite3_stmt *st;
	int found = 0;

	*id = strtoll(ref + (ref[0] == '#'), &end, 10);
	if (*end || *id <= 0)
		return qc_err_set(e, QC_EUSAGE, "'%s' is not a memo number", ref);
	st = store_prepare(s, "SELECT text FROM memos WHERE id = ?", e);
	if (st) {
		sqlite3_bind_int64(st, 1, *id);
		found = sqlite3_step(st) == SQLITE_ROW;
		if (found && text)
			*text = col_dup(st, 0, 0);
		sqlite3_finalize(st);
	}
	if (!found)
		return qc_err_set(e, QC_EDATA, "no memo %s (see 'qcode memo"
				  " list')", ref);
	return 0;
}

int coding_memo_update(struct store *s, long long id, const char *text,
		       size_t len, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, "UPDATE memos SET text = ?,"
					 " updated_at = ? WHERE id = ?", e);
	char now[32];
	int rc;

	if (!st)
		return -QC_EIO;
	store_now(now);
	sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, id);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(s, e, "cannot change the memo");
	sqlite3_finalize(st);
	return rc;
}

int coding_memo_remove(struct store *s, long long id, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, "DELETE FROM memos WHERE id = ?", e);
	int rc;

	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(s, e, "cannot remove the memo");
	sqlite3_finalize(st);
	return rc;
}

/* ---- matrix ---- */

/* Distinct fragments and persons per code among the codings that pass f
 * (key, when not NULL, bound to ?1), added to column col of m. */
static int matrix_column(struct store *s, struct coding_matrix *m,
			 const struct code_index *ci, const int *pick,
			 const struct filter *f, size_t col, long long *frag,
			 long long *pers, size_t stride, struct qc_err *e)
{
	sqlite3_stmt *st = prepare_codings(s, "c.code_id, count(DISTINCT"
		" c.source_id || ':' || c.start_cp || '-' || c.end_cp),"
		" count(DISTINCT p.person_id)", FILTER_NEEDS_SEGMENT, f,
		" GROUP BY c.code_id", e);

	(void)m;
	if (!st)
		return e->code ? -e->code : -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int k = code_index_of(ci, sqlite3_column_int64(st, 0));
		if (k < 0 || pick[k] < 0)
			continue;
		frag[(size_t)pick[k] * stride + col] += sqlite3_column_int64(st, 1);
		pers[(size_t)pick[k] * stride + col] += sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	return 0;
}

int coding_matrix(struct store *s, const long long *code_ids, size_t ncodes,
		  const char *attr, char **values, size_t nvalues,
		  const struct filter *f, struct coding_matrix *out,
		  struct qc_err *e)
{
	struct code_index ci;
	struct filter g = *f;
	const char **where;
	int *pick, rc;

	memset(out, 0, sizeof(*out));
	if ((rc = code_index_read(s, &ci, e)) < 0)
		return rc;
	pick = xcalloc(ci.cb.n + 1, sizeof(int));
	for (size_t i = 0; i < ci.cb.n; i++)
		pick[i] = -1;
	out->codes = xcalloc(ncodes + 1, sizeof(char *));
	for (size_t c = 0; c < ncodes; c++) {
		int k = code_index_of(&ci, code_ids[c]);
		if (k >= 0 && pick[k] < 0) {
			pick[k] = (int)out->ncodes;
			out->codes[out->ncodes++] = xstrdup(ci.cb.codes[k].id);
		}
	}
	out->nvalues = nvalues;
	out->fragments = xcalloc(out->ncodes * (nvalues + 1) + 1,
				 sizeof(long long));
	out->persons = xcalloc(out->ncodes * (nvalues + 1) + 1,
			       sizeof(long long));
	/* each column is the filter with one more --where: so a cell counts
	 * exactly what coded CODE --where ATTR=VALUE lists */
	where = xcalloc((size_t)f->nwhere + 2, sizeof(char *));
	for (int w = 0; w < f->nwhere; w++)
		where[w] = f->where[w];
	g.where = where;
	g.nwhere = f->nwhere + 1;
	for (size_t v = 0; v < nvalues && rc == 0; v++) {
		char *kv = xasprintf("%s=%s", attr, values[v]);
		where[f->nwhere] = kv;
		rc = matrix_column(s, out, &ci, pick, &g, v, out->fragments,
				   out->persons, nvalues + 1, e);
		free(kv);
	}
	/* the last column: every fragment of the filter, with a value or not */
	if (rc == 0)
		rc = matrix_column(s, out, &ci, pick, f, nvalues, out->fragments,
				   out->persons, nvalues + 1, e);
	free(where);
	free(pick);
	code_index_release(&ci);
	return rc;
}

void coding_matrix_release(struct coding_matrix *m)
{
	for (size_t i = 0; i < m->ncodes; i++)
		free(m->codes[i]);
	free(m->codes);
	free(m->fragments);
	free(m->persons);
	memset(m, 0, sizeof(*m));
}
