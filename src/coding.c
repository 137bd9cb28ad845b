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

#include "qcode/coding.h"
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

static int parse_num(const char **p, long long *v)
{
	char *end;

	if (!isdigit((unsigned char)**p))
		return -1;
	errno = 0;
	*v = strtoll(*p, &end, 10);
	if (errno)
		return -1;
	*p = end;
	return 0;
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

static int add_hits(struct store *s, const char *coder, const char *list,
		    struct coding_spans *sp, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT h.n, g.source_id, g.id, g.start_cp, g.end_cp FROM hits h"
		" JOIN segments g ON g.id = h.segment_id JOIN coders c"
		" ON c.id = h.coder_id WHERE c.name = ? ORDER BY h.n", e);
	long long total = 0;
	long long (*row)[4] = NULL;
	int rc = 0;

	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, coder, -1, SQLITE_STATIC);
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
	for (const char *p = list; *p && rc == 0;) {
		long long a, b;
		if (parse_num(&p, &a) < 0) {
			rc = qc_err_set(e, QC_EUSAGE, "bad hit list '%s' (like"
					" 1,3-7)", list);
			break;
		}
		b = a;
		if (*p == '-') {
			p++;
			if (parse_num(&p, &b) < 0 || b < a) {
				rc = qc_err_set(e, QC_EUSAGE, "bad hit list '%s'"
						" (like 1,3-7)", list);
				break;
			}
		}
		if (a < 1 || b > total) {
			rc = qc_err_set(e, QC_EDATA, "no hit %lld: the last search"
					" has %lld hit%s", a < 1 ? a : b, total,
					total == 1 ? "" : "s");
			break;
		}
		for (long long i = a; i <= b; i++)
			add_span(sp, row[i - 1][0], row[i - 1][1], row[i - 1][2],
				 row[i - 1][3]);
		if (*p == ',')
			p++;
		else if (*p)
			rc = qc_err_set(e, QC_EUSAGE, "bad hit list '%s' (like"
					" 1,3-7)", list);
	}
	free(row);
	return rc;
}

/* S3:17, S3:17-21, S3:17@12-80 */
static int add_ref(struct store *s, const char *ref, struct coding_spans *sp,
		   struct qc_err *e)
{
	const char *p = ref;
	long long src, from, to, a = -1, b = -1;
	sqlite3_stmt *st;
	int rc = 0, found = 0;

	if ((*p != 'S' && *p != 's') || (p++, parse_num(&p, &src) < 0) ||
	    *p++ != ':' || parse_num(&p, &from) < 0)
		goto bad;
	to = from;
	if (*p == '-') {
		p++;
		if (parse_num(&p, &to) < 0 || to < from)
			goto bad;
	} else if (*p == '@') {
		p++;
		if (parse_num(&p, &a) < 0 || *p++ != '-' || parse_num(&p, &b) < 0 ||
		    b <= a)
			goto bad;
	}
	if (*p)
		goto bad;
	st = store_prepare(s, "SELECT id, start_cp, end_cp, ordinal FROM segments"
			   " WHERE source_id = ? AND ordinal BETWEEN ? AND ?"
			   " ORDER BY ordinal", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, src);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		long long gs = sqlite3_column_int64(st, 1);
		long long ge = sqlite3_column_int64(st, 2);
		found++;
		if (a >= 0) {
			if (b > ge - gs)
				rc = qc_err_set(e, QC_EDATA, "%s: segment S%lld:%lld"
						" has %lld characters", ref, src,
						from, ge - gs);
			else
				add_span(sp, src, id, gs + a, gs + b);
		} else {
			add_span(sp, src, id, gs, ge);
		}
	}
	sqlite3_finalize(st);
	if (rc == 0 && found != to - from + 1)
		rc = qc_err_set(e, QC_EDATA, "no segment %s (see 'qcode show S%lld')",
				ref, src);
	return rc;
bad:
	return qc_err_set(e, QC_EUSAGE, "'%s' is not a reference (S3:17,"
			  " S3:17-21, S3:17@12-80 or hits)", ref);
}

int coding_parse_refs(struct store *s, const char *coder, char **refs,
		      int nrefs, struct coding_spans *sp, struct qc_err *e)
{
	int rc = 0;

	for (int i = 0; i < nrefs && rc == 0; i++) {
		if (!strcmp(refs[i], "hits")) {
			const char *list = i + 1 < nrefs && is_list(refs[i + 1]) ?
					   refs[++i] : NULL;
			rc = add_hits(s, coder, list, sp, e);
		} else {
			rc = add_ref(s, refs[i], sp, e);
		}
	}
	return rc;
}

int coding_tag(struct store *s, long long code_id, const struct coding_spans *sp,
	       long long coder_id, const char *memo, long long *added,
	       long long *existing, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"INSERT OR IGNORE INTO codings(guid, code_id, source_id,"
		" segment_id, start_cp, end_cp, coder_id, created_at, memo)"
		" VALUES (?,?,?,?,?,?,?,?,?)", e);
	char now[32];

	*added = *existing = 0;
	if (!st)
		return -QC_EIO;
	store_now(now);
	sqlite3_bind_int64(st, 2, code_id);
	sqlite3_bind_int64(st, 7, coder_id);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, memo, -1, SQLITE_STATIC);
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
			return store_fail(s, e, "tag");
		}
		if (sqlite3_changes(s->db))
			(*added)++;
		else
			(*existing)++;
	}
	sqlite3_finalize(st);
	return 0;
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
			return store_fail(s, e, "untag");
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
	ins = store_prepare(s, "INSERT OR IGNORE INTO suggestions(code_id,"
			    " source_id, segment_id, start_cp, end_cp, pattern,"
			    " created_at) VALUES (?,?,?,?,?,?,?)", e);
	if (!seg || !ins) {
		rc = -QC_EIO;
		goto out;
	}
	store_now(now);
	md = pcre2_match_data_create(4, NULL);
	while (sqlite3_step(seg) == SQLITE_ROW) {
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
					rc = store_fail(s, e, "autocode");
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
		" g.end_cp, x.status FROM suggestions x JOIN segments g"
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
	for (size_t i = 0; i < (all ? 1 : n) && rc == 0; i++) {
		int seen = 0;
		sqlite3_reset(sel);
		sqlite3_bind_int(sel, 1, all);
		sqlite3_bind_int64(sel, 2, code_id);
		sqlite3_bind_int64(sel, 3, all ? -1 : ids[i]);
		while (rc == 0 && sqlite3_step(sel) == SQLITE_ROW) {
			long long sid = sqlite3_column_int64(sel, 0);
			seen = 1;
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
						coder_id, NULL, &a, &x, e);
				if (rc < 0)
					break;
			}
			sqlite3_reset(upd);
			sqlite3_bind_text(upd, 1, accept ? "accepted" : "rejected",
					  -1, SQLITE_STATIC);
			sqlite3_bind_text(upd, 2, coder, -1, SQLITE_STATIC);
			sqlite3_bind_int64(upd, 3, sid);
			if (sqlite3_step(upd) != SQLITE_DONE)
				rc = store_fail(s, e, accept ? "accept" : "reject");
			(*done)++;
		}
		if (rc == 0 && !seen && !all)
			rc = qc_err_set(e, QC_EDATA, "no suggestion %lld (see"
					" 'qcode suggestions')", ids[i]);
	}
out:
	coding_spans_release(&sp);
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	return rc;
}
