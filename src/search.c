/* search: FTS5 and PCRE2 search of segments, filters, KWIC, result sets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "qcode/search.h"
#include "qcode/stem.h"
#include "qcode/text.h"
#include "search_int.h"

static double clock_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* A code named by --coded must exist: a typo should not look like "none". */
static int check_code(struct store *s, const char *code, struct qc_err *e)
{
	sqlite3_stmt *st;
	int found;

	if (!code)
		return 0;
	st = store_prepare(s, "SELECT 1 FROM codes WHERE short_id = ?1 OR"
			   " name = ?1", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!found)
		return qc_err_set(e, QC_EDATA, "no code '%s'", code);
	return 0;
}

#define SEG_FROM " FROM segments s JOIN sources src ON src.id = s.source_id" \
	" LEFT JOIN participants p ON p.id = s.participant_id"
#define SEG_JOIN " JOIN segments s ON s.id = segments_fts.rowid" \
	" JOIN sources src ON src.id = s.source_id" \
	" LEFT JOIN participants p ON p.id = s.participant_id"
#define SEG_COLS "s.id, s.source_id, s.ordinal," \
	" coalesce(p.pseudonym, p.label, s.speaker), src.kind, s.text," \
	" s.start_cp"

static struct search_hit *hit_new(struct search_result *r)
{
	QC_GROW(r->hits, r->n, r->alloc);
	memset(&r->hits[r->n], 0, sizeof(r->hits[0]));
	return &r->hits[r->n++];
}

/* Add one hit from a row of SEG_COLS (starting at column c0). */
static void hit_add(struct search_result *r, sqlite3_stmt *st, int c0,
		    const char *text, size_t len, size_t ms, size_t me,
		    double rank)
{
	struct search_hit *h = hit_new(r);
	long long base = sqlite3_column_int64(st, c0 + 6);

	h->segment_id = sqlite3_column_int64(st, c0);
	h->source_id = sqlite3_column_int64(st, c0 + 1);
	h->ordinal = sqlite3_column_int(st, c0 + 2);
	h->speaker = store_col_dup(st, c0 + 3);
	h->kind = store_col_dup(st, c0 + 4);
	h->text = xstrndup(text, len);
	h->mstart = ms;
	h->mend = me;
	h->start_cp = base + (long long)text_cp_count(text, ms);
	h->end_cp = h->start_cp + (long long)text_cp_count(text + ms, me - ms);
	h->rank = rank;
}

/* ---- regular expressions ---- */

/*
 * A pattern means what it matches within one turn: ^ and $ at the turn's
 * edges, no match across two turns. Turns are scanned many at once: their
 * texts side by side in a block, each after a line break, searched by the
 * same pattern with ^ and $ at every line (rx.block). That search is
 * looser than the one turn by turn: whatever a turn matches alone, the
 * block matches too, at the same place or before it (the line break is no
 * word character, ^ and $ hold at it, and nothing that could fail only
 * because more text follows is allowed: see rx_block_safe). So turns
 * before the block's next match have no match, and the turn where it
 * starts is searched alone, as the pattern means, for its hits.
 */
#define RX_BLOCK_BYTES (64 * 1024)

struct rx {
	pcre2_code *code;	/* the pattern, for one turn */
	pcre2_code *block;	/* the same with ^ $ at each line; NULL: the
				 * pattern is searched turn by turn only */
	pcre2_match_data *md;
	int jit, bjit;
	int exact;		/* a match of block inside one turn is the
				 * turn's own (rx_block_exact) */
};

/*
 * Whether the pattern may be searched in a block of turns: none of what
 * could fail in the block where the turn alone matches: subject edges
 * (\A \z \Z \G), \K, negative or conditional assertions, atomic groups,
 * possessive quantifiers, recursion, verbs and leading options (*...),
 * callouts, and options turned off or extended syntax (which could turn
 * multiline off or hide a quantifier). Read as plain text, so a literal
 * that looks like one of them only costs the faster scan.
 */
static int rx_block_safe(const char *p)
{
	static const char *const bad[] = { "\\A", "\\z", "\\Z", "\\G", "\\K",
		"\\g<", "\\g'", "(*", "(?!", "(?<!", "(?>", "(?(", "(?C", "(?R",
		"(?&", "(?P>", "(?+", "(?*", "(?<*", "*+", "++", "?+" };

	for (size_t k = 0; k < sizeof(bad) / sizeof(*bad); k++)
		if (strstr(p, bad[k]))
			return 0;
	/* {2,5}+ is possessive; \p{L}+ is not */
	for (const char *q = strstr(p, "}+"); q; q = strstr(q + 1, "}+")) {
		const char *b = q;
		while (b > p && strchr("0123456789,", b[-1]))
			b--;
		if (b > p && b[-1] == '{')
			return 0;
	}
	for (const char *q = strstr(p, "(?"); q; q = strstr(q + 2, "(?")) {
		const char *f = q + 2;
		if (*f >= '0' && *f <= '9')
			return 0;	/* (?1): a subroutine */
		for (; (*f >= 'a' && *f <= 'z') || (*f >= 'A' && *f <= 'Z') ||
		       *f == '-' || *f == '^'; f++)
			if (*f == '-' || *f == '^' || *f == 'x')
				return 0;
	}
	return 1;
}

/*
 * Whether a match of the block that lies inside one turn is the match of
 * the turn alone: so when nothing in the pattern looks past the match
 * (lookarounds) or at line ends (^ and $, which the block finds at more
 * places). \b and \B see the line break as the turn's edge.
 */
static int rx_block_exact(const char *p)
{
	if (strstr(p, "(?=") || strstr(p, "(?<="))
		return 0;
	for (const char *q = p; *q; q++)
		if (*q == '$' || (*q == '^' && (q == p || q[-1] != '[')))
			return 0;
	return 1;
}

static int rx_compile(const char *pattern, struct rx *x, struct qc_err *e)
{
	int err;
	uint32_t empty = 1, nl = 0, opts = 0;
	PCRE2_SIZE off;

	memset(x, 0, sizeof(*x));
	x->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
	if (!x->code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof(msg));
		return qc_err_set(e, QC_EDATA, "bad pattern at offset "
				  "%zu: %s", (size_t)off, (char *)msg);
	}
	x->jit = pcre2_jit_compile(x->code, PCRE2_JIT_COMPLETE) == 0;
	x->md = pcre2_match_data_create_from_pattern(x->code, NULL);
	/* A pattern that can match an empty string would stop the block at
	 * every place; one anchored at the start (^...) is tried at the start
	 * of each turn alone, less than a block's search for line starts; the
	 * block's line break must be a line end to ^ and $. */
	pcre2_pattern_info(x->code, PCRE2_INFO_MATCHEMPTY, &empty);
	pcre2_pattern_info(x->code, PCRE2_INFO_ALLOPTIONS, &opts);
	pcre2_config(PCRE2_CONFIG_NEWLINE, &nl);
	if (!empty && !(opts & PCRE2_ANCHORED) && rx_block_safe(pattern) &&
	    (nl == PCRE2_NEWLINE_LF ||
	    nl == PCRE2_NEWLINE_ANYCRLF || nl == PCRE2_NEWLINE_ANY)) {
		x->block = pcre2_compile((PCRE2_SPTR)pattern,
					 PCRE2_ZERO_TERMINATED, PCRE2_UTF |
					 PCRE2_UCP | PCRE2_MULTILINE, &err,
					 &off, NULL);
		if (x->block) {
			x->bjit = pcre2_jit_compile(x->block,
						    PCRE2_JIT_COMPLETE) == 0;
			x->exact = rx_block_exact(pattern);
		}
	}
	return 0;
}

static void rx_free(struct rx *x)
{
	pcre2_match_data_free(x->md);
	pcre2_code_free(x->code);
	pcre2_code_free(x->block);
}

/* One match of code (jit: compiled) in text at or after pos: >0 with the
 * match in x->md, PCRE2_ERROR_NOMATCH or another error. The text was
 * checked as UTF-8 when it was stored. */
static int rx_match(struct rx *x, const pcre2_code *code, int jit,
		    const char *text, size_t len, size_t pos)
{
	return jit ? pcre2_jit_match(code, (PCRE2_SPTR)text, len, pos,
				     PCRE2_NO_UTF_CHECK, x->md, NULL)
		   : pcre2_match(code, (PCRE2_SPTR)text, len, pos,
				 PCRE2_NO_UTF_CHECK, x->md, NULL);
}

/* Next match in text at or after *pos: 1 with [*ms, *me), 0 none, <0 error. */
static int rx_next(struct rx *x, const char *text, size_t len, size_t *pos,
		   size_t *ms, size_t *me)
{
	int rc;

	while (*pos <= len) {
		rc = rx_match(x, x->code, x->jit, text, len, *pos);
		if (rc == PCRE2_ERROR_NOMATCH)
			return 0;
		if (rc < 0)
			return rc;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->md);
		*ms = ov[0];
		*me = ov[1];
		if (*me > *ms) {
			*pos = *me;
			return 1;
		}
		/* An empty match finds nothing to show: step one code point. */
		*pos = *ms + 1;
		while (*pos < len && ((unsigned char)text[*pos] & 0xC0) == 0x80)
			(*pos)++;
	}
	return 0;
}

static int rx_error(int rc, struct qc_err *e)
{
	PCRE2_UCHAR msg[256];

	pcre2_get_error_message(rc, msg, sizeof(msg));
	return qc_err_set(e, QC_EDATA, "pattern failed: %s", (char *)msg);
}

/* Scan the filtered segments in document order. With r: collect hits up to
 * the limit, then count the further segments; with c: tally everything. */
static int regex_scan(struct store *s, const struct search_opts *o,
		      struct search_result *r, struct search_counts *c,
		      struct qc_err *e);

/* ---- full text ---- */

/* Spans of highlight(..., char(1), char(2)) output, mapped onto text. */
struct spans {
	size_t (*v)[2];
	size_t n, alloc;
};

static void spans_parse(const char *hl, struct spans *sp)
{
	size_t pos = 0, start = 0;

	sp->n = 0;
	for (const char *p = hl; *p; p++) {
		if (*p == '\x01') {
			start = pos;
		} else if (*p == '\x02') {
			if (sp->n == sp->alloc) {
				sp->alloc = sp->alloc ? 2 * sp->alloc : 8;
				sp->v = xreallocarray(sp->v, sp->alloc,
						      sizeof(*sp->v));
			}
			sp->v[sp->n][0] = start;
			sp->v[sp->n][1] = pos;
			sp->n++;
		} else {
			pos++;
		}
	}
}

static int only_spaces(const char *s, size_t len)
{
	for (size_t k = 0; k < len; k++)
		if (s[k] != ' ')
			return 0;
	return 1;
}

struct cand {
	long long id;
	double rank;
};

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* A prefix matching more index words than this is left to FTS5 (which
 * merges their lists before the first row); fewer become an OR of the
 * words, read lazily, so the first page of vertrouw* comes at once. */
#define PREFIX_EXPAND_MAX 64

struct expand_ctx {
	struct store *s;
	sqlite3_stmt *next;	/* the first index word >= ?1 */
	struct qc_buf fold, key;
};

/*
 * The index's words that start with the prefix w, by a skip scan of the
 * index's vocabulary (fts5vocab, instance: each step a seek, no lists
 * read): ("<lit>word" OR ...). The folded forms only: marked stems start
 * with a character no word has.
 */
static int expand_prefix(void *ctx, const char *w, size_t len,
			 struct qc_buf *out)
{
	struct expand_ctx *x = ctx;
	size_t at = out->len;
	int n = 0;

	for (size_t i = 0, next; i < len; i = next) {
		next = i;
		if (!text_is_word_cp(text_utf8_next(w, len, &next)))
			return 0;	/* pre-ecl*: a phrase, FTS5's */
	}
	if (!x->next) {
		struct qc_err e = QC_ERR_INIT;
		if (store_exec(x->s, "CREATE VIRTUAL TABLE IF NOT EXISTS"
			       " temp.segments_terms USING fts5vocab(main,"
			       " segments_fts, instance)", &e) == 0)
			x->next = store_prepare(x->s, "SELECT term FROM"
						" temp.segments_terms WHERE term"
						" >= ?1 LIMIT 1", &e);
		qc_err_release(&e);
		if (!x->next)
			return 0;
	}
	qc_buf_reset(&x->fold);
	text_fold(w, len, &x->fold);
	qc_buf_reset(&x->key);
	qc_buf_add(&x->key, x->fold.buf, x->fold.len);
	qc_buf_addch(out, '(');
	for (;;) {
		sqlite3_reset(x->next);
		sqlite3_bind_text(x->next, 1, x->key.buf, (int)x->key.len,
				  SQLITE_STATIC);
		if (sqlite3_step(x->next) != SQLITE_ROW)
			break;
		const char *t = (const char *)sqlite3_column_text(x->next, 0);
		size_t tl = (size_t)sqlite3_column_bytes(x->next, 0);
		if (tl < x->fold.len || memcmp(t, x->fold.buf, x->fold.len) != 0)
			break;
		if (++n > PREFIX_EXPAND_MAX)
			break;
		qc_buf_addf(out, "%s\"%c", n > 1 ? " OR " : "", STEM_LITERAL);
		for (size_t k = 0; k < tl; k++) {
			if (t[k] == '"')
				qc_buf_addch(out, '"');
			qc_buf_addch(out, t[k]);
		}
		qc_buf_addch(out, '"');
		/* the next word: the smallest key after this one */
		qc_buf_reset(&x->key);
		qc_buf_add(&x->key, t, tl);
		qc_buf_add(&x->key, "", 1);
	}
	sqlite3_reset(x->next);
	if (n == 0 || n > PREFIX_EXPAND_MAX) {
		qc_buf_setlen(out, at);
		return 0;
	}
	qc_buf_addch(out, ')');
	return 1;
}

/* The FTS query of o into match and its filter into q, numbered from ?2
 * (?1 is the query). q is set up here, also on failure. */
/*
 * Outputs show speakers by pseudonym, and the index holds their labels:
 * `speaker:P` where P is a pseudonym (a word, or a phrase in quotes) also
 * finds the turns of the labels it stands for, as
 * (speaker:P OR speaker:"Label" ...). Written to out in the query's own
 * syntax, before it is read.
 */
static int speaker_aliases(struct store *s, const char *q, struct qc_buf *out,
			   struct qc_err *e)
{
	sqlite3_stmt *st = NULL;
	const char *p = q, *hit;

	while ((hit = strstr(p, "speaker:")) != NULL) {
		const char *t = hit + 8, *end;
		char *term;
		int n = 0;

		if (hit > q && !strchr(" \t\n(", hit[-1])) {
			qc_buf_add(out, p, (size_t)(t - p));
			p = t;
			continue;
		}
		if (*t == '"') {
			end = strchr(t + 1, '"');
			end = end ? end + 1 : t + strlen(t);
			/* a closing quote only when there is one after the
			 * opening one: 'speaker:"' alone has none */
			term = xstrndup(t + 1, (size_t)(end - t -
				(end > t + 1 && end[-1] == '"' ? 2 : 1)));
		} else {
			end = t + strcspn(t, " \t\n()\"");
			term = xstrndup(t, (size_t)(end - t));
		}
		qc_buf_add(out, p, (size_t)(hit - p));
		if (!st && !(st = store_prepare(s, "SELECT DISTINCT label FROM"
				" participants WHERE pseudonym = ?1 COLLATE NOCASE"
				" AND label <> ?1 COLLATE NOCASE ORDER BY label", e))) {
			free(term);
			return -QC_EIO;
		}
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, term, -1, SQLITE_TRANSIENT);
		while (*term && end[-1] != '*' && sqlite3_step(st) == SQLITE_ROW) {
			const char *l = (const char *)sqlite3_column_text(st, 0);
			qc_buf_adds(out, n++ ? " OR speaker:\"" : "(");
			if (n == 1) {
				qc_buf_add(out, hit, (size_t)(end - hit));
				qc_buf_adds(out, " OR speaker:\"");
			}
			for (; *l; l++) {
				if (*l == '"')
					qc_buf_addch(out, '"');
				qc_buf_addch(out, *l);
			}
			qc_buf_addch(out, '"');
		}
		if (n)
			qc_buf_addch(out, ')');
		else
			qc_buf_add(out, hit, (size_t)(end - hit));
		free(term);
		p = end;
	}
	qc_buf_adds(out, p);
	sqlite3_finalize(st);
	return 0;
}

static int fts_prepare(struct store *s, const struct search_opts *o,
		       struct qc_buf *match, struct filter_sql *q,
		       struct qc_err *e)
{
	struct qc_buf nfc = QC_BUF_INIT;
	struct expand_ctx x = { .s = s, .fold = QC_BUF_INIT,
				.key = QC_BUF_INIT };
	int rc;

	memset(q, 0, sizeof(*q));
	qc_buf_init(&q->where);
	if (text_utf8_invalid_at(o->query, strlen(o->query)) != (size_t)-1)
		return qc_err_set(e, QC_EDATA, "the query is not "
				  "valid UTF-8");
	if (text_normalise(o->query, strlen(o->query), &nfc, e) < 0)
		return -QC_EDATA;
	/* the byte that makes a literal index term is no part of a query */
	for (size_t k = 0; k < nfc.len; k++)
		if (nfc.buf[k] == STEM_LITERAL)
			nfc.buf[k] = ' ';
	{
		struct qc_buf alias = QC_BUF_INIT;
		rc = speaker_aliases(s, nfc.buf, &alias, e);
		if (rc == 0)
			rc = search_rewrite_expand(alias.buf, match,
						   expand_prefix, &x, e);
		qc_buf_release(&alias);
	}
	sqlite3_finalize(x.next);
	qc_buf_release(&x.fold);
	qc_buf_release(&x.key);
	qc_buf_release(&nfc);
	if (rc < 0)
		return rc;

	if ((rc = check_code(s, o->f.coded, e)) < 0 ||
	    (rc = check_code(s, o->f.not_coded, e)) < 0)
		return rc;
	return filter_build(&o->f, FILTER_SEGMENTS, 2, q, e);
}

/* An FTS5 error at run time: plain words, never the SQL. */
static int fts_fail(struct store *s, struct qc_err *e)
{
	const char *m = sqlite3_errmsg(s->db);

	if (strstr(m, "fts5: syntax error") || strstr(m, "no such column") ||
	    strstr(m, "fts5:"))
		return qc_err_set(e, QC_EDATA, "the query cannot be "
				  "understood; put words with special characters "
				  "in \"double quotes\"");
	return store_fail(s, e, "cannot run the search");
}

/* State of one FTS search: the rewritten query, filters, page. */
struct fts {
	struct store *s;
	const struct search_opts *o;
	struct search_result *r;
	struct qc_buf match, join;
	struct filter_sql q;	/* the filter, from ?2 */
	struct exact_words xw;
	struct spans sp;
	sqlite3_stmt *seg;	/* SEG_COLS of one segment by id */
	int columns;		/* the query names a column (speaker:) */
};

/*
 * Add the hits of one matching segment from its highlight() text. Returns
 * 1 when the limit cut the segment's hits, 0 otherwise, <0 on error.
 */
static int fts_hits(struct fts *f, sqlite3_stmt *st, const char *hl,
		    double rank);

/* The same for a segment read by id (the ranked page). */
static int fts_segment(struct fts *f, long long id, const char *hl,
		       double rank, struct qc_err *e)
{
	int rc;

	sqlite3_reset(f->seg);
	sqlite3_bind_int64(f->seg, 1, id);
	if ((rc = sqlite3_step(f->seg)) != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 :
			store_fail(f->s, e, "cannot run the search");
	return fts_hits(f, f->seg, hl, rank);
}

/* Hits of the segment in st's row (SEG_COLS from column 0). */
static int fts_hits(struct fts *f, sqlite3_stmt *st, const char *hl,
		    double rank)
{
	const struct search_opts *o = f->o;
	struct search_result *r = f->r;
	const char *text = (const char *)sqlite3_column_text(st, 5);
	size_t len = (size_t)sqlite3_column_bytes(st, 5);
	spans_parse(hl ? hl : "", &f->sp);
	/* A segment that matched in its speaker's name only: a hit (the whole
	 * segment) when the query asked for speakers, else none. Words are
	 * looked for in what was said; a column filter in the query itself
	 * would make FTS5 read every position list, so they are dropped here. */
	if (!f->sp.n && !o->exact && f->columns) {
		if (o->limit && r->n >= (size_t)o->limit)
			return 1;
		hit_add(r, st, 0, text, len, 0, len, rank);
		return 0;
	}
	for (size_t j = 0; j < f->sp.n; j++) {
		size_t ms = f->sp.v[j][0], me = f->sp.v[j][1];
		if (me > len || ms > me)
			continue;
		/* Words found side by side are one hit ('s avonds). */
		while (j + 1 < f->sp.n && f->sp.v[j + 1][1] <= len &&
		       f->sp.v[j + 1][0] >= me &&
		       only_spaces(text + me, f->sp.v[j + 1][0] - me))
			me = f->sp.v[++j][1];
		if (o->exact && !exact_words_match(&f->xw, text + ms, me - ms))
			continue;
		if (o->limit && r->n >= (size_t)o->limit)
			return 1;
		hit_add(r, st, 0, text, len, ms, me, rank);
	}
	return 0;
}

/* Prepare "SELECT <cols> FROM segments_fts <joins> WHERE MATCH ?1 <filter>
 * <tail>" with the filter bound from ?2; cols and tail number their own
 * parameters after the filter's (fts_param). */
static sqlite3_stmt *fts_stmt(struct fts *f, const char *cols,
			      const char *tail, struct qc_err *e)
{
	struct qc_buf sql = QC_BUF_INIT;
	sqlite3_stmt *st;

	qc_buf_addf(&sql, "SELECT %s FROM segments_fts%s WHERE segments_fts"
		    " MATCH ?1%s%s", cols, f->join.buf, f->q.where.buf, tail);
	st = store_prepare(f->s, sql.buf, e);
	qc_buf_release(&sql);
	if (st) {
		sqlite3_bind_text(st, 1, f->match.buf, -1, SQLITE_STATIC);
		filter_bind(st, &f->q);
	}
	return st;
}

/* The number of the k-th parameter after the query's and the filter's. */
static int fts_param(const struct fts *f, int k)
{
	return f->q.first + f->q.nbinds + k;
}

#define HL "highlight(segments_fts, 0, char(1), char(2))"

/*
 * Document order: one pass over the matches in rowid order, highlight()
 * and the segment read only until the page is full; the rest is counted.
 */
static int fts_doc(struct fts *f, struct qc_err *e)
{
	sqlite3_stmt *st;
	long long last = 0;
	int rc, cut = 0;
	const char *join = f->join.buf;

	/* The page's rows come with their segment: one statement. */
	f->join.buf = (char *)SEG_JOIN;
	st = fts_stmt(f, SEG_COLS ", " HL, " ORDER BY segments_fts.rowid", e);
	f->join.buf = (char *)join;
	if (!st)
		return -QC_EIO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		last = sqlite3_column_int64(st, 0);
		cut = fts_hits(f, st, (const char *)sqlite3_column_text(st, 7), 0);
		if (cut < 0) {
			sqlite3_finalize(st);
			return cut;
		}
		if (cut)
			break;
		if (f->o->limit && f->r->n >= (size_t)f->o->limit) {
			cut = 2;	/* full: are there more? */
			break;
		}
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		return fts_fail(f->s, e);
	}
	sqlite3_finalize(st);
	if (!cut)
		return 0;
	/* The rest: segments with a hit as the list counts them (not those
	 * that matched in the speaker's name only), at most SEARCH_COUNT_MAX
	 * of them and for at most SEARCH_COUNT_MS: beyond either the page
	 * says "at least", so a filter that keeps few of many matches on a
	 * large project does not hold the first page back. */
	char tail[64];
	snprintf(tail, sizeof(tail), " AND segments_fts.rowid > ?%d",
		 fts_param(f, 1));
	char cols[64];
	snprintf(cols, sizeof(cols), "qcode_hits(segments_fts, ?%d)",
		 fts_param(f, 0));
	st = fts_stmt(f, cols, tail, e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int(st, fts_param(f, 0), f->columns);
	sqlite3_bind_int64(st, fts_param(f, 1), last);
	double t0 = clock_ms();
	long long steps = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 0) > 0 &&
		    ++f->r->more_segments >= SEARCH_COUNT_MAX) {
			f->r->more_atleast = 1;
			break;
		}
		if ((++steps & 255) == 0 && clock_ms() - t0 > SEARCH_COUNT_MS) {
			f->r->more_atleast = 1;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fts_fail(f->s, e);
	if (cut == 1 || f->r->more_segments)
		f->r->more_hits = 1;
	return 0;
}

/*
 * bm25 as SQLite's FTS5 computes it (k1 1.2, b 0.75, every column
 * weighing 1), from qcode_tf's numbers, except for a phrase's number of
 * rows: bm25() counts them by reading the phrase's whole list before the
 * first row; here they are counted among the matching segments read
 * (exact when all were read; beyond, scaled by how far into the index the
 * reading got). Each candidate's rank holds the index of its numbers in
 * tf until bm25_rank scores them.
 */
struct bm25 {
	int nphrase;
	double rows, avgdl;
	double *tf;		/* per candidate: its tokens, then nphrase tfs */
	size_t n, alloc;	/* candidates, doubles allocated */
	double *hit;		/* nphrase: rows holding the phrase */
	long long last;		/* the last candidate's rowid */
};

static double bm25_add(struct bm25 *b, const double *v, int nv)
{
	size_t w = (size_t)b->nphrase + 1;

	if (!b->hit) {
		b->nphrase = nv - 3;
		w = (size_t)b->nphrase + 1;
		b->rows = v[0];
		b->avgdl = v[0] > 0 ? v[1] / v[0] : 1;
		b->hit = xcalloc((size_t)b->nphrase + 1, sizeof(*b->hit));
	}
	if (nv - 3 != b->nphrase)
		return 0;
	while ((b->n + 1) * w > b->alloc) {
		b->alloc = b->alloc ? 2 * b->alloc : 1024;
		b->tf = xreallocarray(b->tf, b->alloc, sizeof(*b->tf));
	}
	b->tf[b->n * w] = v[2];
	for (int i = 0; i < b->nphrase; i++) {
		b->tf[b->n * w + 1 + (size_t)i] = v[3 + i];
		if (v[3 + i] > 0)
			b->hit[i] += 1;
	}
	return (double)b->n++;
}

static void bm25_rank(struct bm25 *b, struct store *s, struct cand *cv,
		      size_t nc, long long capped)
{
	const double k1 = 1.2, bb = 0.75;
	size_t w = (size_t)b->nphrase + 1;
	double scale = 1;

	if (!nc || !b->hit)
		return;
	if (capped) {
		/* rowids run over the index about evenly: scale the counts by
		 * how far the reading got */
		long long last = cv[nc - 1].id;
		long long max = store_int(s, "SELECT max(id) FROM segments", 0);
		if (last > 0 && max > last)
			scale = (double)max / (double)last;
	}
	for (int i = 0; i < b->nphrase; i++) {
		double hit = b->hit[i] * scale;
		if (hit > b->rows)
			hit = b->rows;
		b->hit[i] = log((b->rows - hit + 0.5) / (hit + 0.5));
		if (b->hit[i] <= 0.0)
			b->hit[i] = 1e-6;	/* now the phrase's weight */
	}
	for (size_t k = 0; k < nc; k++) {
		const double *t = &b->tf[(size_t)cv[k].rank * w];
		double score = 0;
		for (int i = 0; i < b->nphrase; i++)
			score += b->hit[i] * (t[1 + i] * (k1 + 1.0)) /
				 (t[1 + i] + k1 * (1 - bb + bb * t[0] / b->avgdl));
		cv[k].rank = -score;
	}
}

static void bm25_release(struct bm25 *b)
{
	free(b->tf);
	free(b->hit);
	memset(b, 0, sizeof(*b));
}

/*
 * Ranked: the bm25 rank of the first SEARCH_RANK_CAP + 1 matches (rowid
 * order, no highlight), sorted; then the page's highlight() in one pass
 * over the rowid range of the page, computed only for the page's rows.
 */
static int fts_ranked(struct fts *f, struct qc_err *e)
{
	struct cand *cv = NULL;
	size_t nc = 0, ac = 0, next = 0;
	struct qc_buf cols = QC_BUF_INIT;
	char **hls = NULL;
	int rc = 0;
	sqlite3_stmt *st;

	/* Segments that matched in the speaker's name only have no hit
	 * (unless the query asked for speakers) and are not candidates. */
	qc_buf_addf(&cols, "segments_fts.rowid, qcode_tf(segments_fts, ?%d)",
		    fts_param(f, 0));
	st = fts_stmt(f, cols.buf, "", e);
	if (!st) {
		qc_buf_release(&cols);
		return -QC_EIO;
	}
	sqlite3_bind_int(st, fts_param(f, 0), f->columns);
	struct bm25 b = { 0 };
	double t0 = clock_ms();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const double *v = sqlite3_column_blob(st, 1);
		int nv = sqlite3_column_bytes(st, 1) / (int)sizeof(double);
		long long id = sqlite3_column_int64(st, 0);
		if (!v || nv < 3)
			continue;
		if (nc >= SEARCH_RANK_CAP ||
		    ((nc & 255) == 255 && clock_ms() - t0 > SEARCH_RANK_MS)) {
			f->r->capped = (long long)nc;
			f->r->more_atleast = 1;
			break;
		}
		QC_GROW(cv, nc, ac);
		cv[nc].id = id;
		cv[nc].rank = bm25_add(&b, v, nv);
		nc++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		free(cv);
		bm25_release(&b);
		qc_buf_release(&cols);
		return fts_fail(f->s, e);
	}
	sqlite3_finalize(st);
	bm25_rank(&b, f->s, cv, nc, f->r->capped);
	bm25_release(&b);
	if (nc)
		qsort(cv, nc, sizeof(*cv), cand_cmp);

	/* Pages of candidates until the limit is met (--exact may drop some). */
	while (next < nc && rc >= 0) {
		size_t chunk = f->o->limit ? (size_t)f->o->limit : nc;
		long long lo, hi;
		if (chunk > 500)
			chunk = 500;
		if (chunk > nc - next)
			chunk = nc - next;
		lo = hi = cv[next].id;
		qc_buf_reset(&cols);
		qc_buf_adds(&cols, "segments_fts.rowid, CASE WHEN segments_fts.rowid"
			    " IN (");
		for (size_t k = 0; k < chunk; k++) {
			long long id = cv[next + k].id;
			qc_buf_addf(&cols, "%s?%d", k ? "," : "",
				    fts_param(f, (int)k));
			lo = id < lo ? id : lo;
			hi = id > hi ? id : hi;
		}
		qc_buf_adds(&cols, ") THEN " HL " END");
		char tail[80];
		snprintf(tail, sizeof(tail), " AND segments_fts.rowid BETWEEN"
			 " ?%d AND ?%d", fts_param(f, (int)chunk),
			 fts_param(f, (int)chunk + 1));
		st = fts_stmt(f, cols.buf, tail, e);
		if (!st) {
			rc = -QC_EIO;
			break;
		}
		/* ?1 the query and the filter's (bound by fts_stmt), then
		 * the page's rowids and the range. */
		for (size_t k = 0; k < chunk; k++)
			sqlite3_bind_int64(st, fts_param(f, (int)k),
					   cv[next + k].id);
		sqlite3_bind_int64(st, fts_param(f, (int)chunk), lo);
		sqlite3_bind_int64(st, fts_param(f, (int)chunk + 1), hi);
		hls = xcalloc(chunk, sizeof(*hls));
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const unsigned char *h = sqlite3_column_text(st, 1);
			long long id = sqlite3_column_int64(st, 0);
			if (!h)
				continue;
			for (size_t k = 0; k < chunk; k++)
				if (cv[next + k].id == id && !hls[k])
					hls[k] = xstrdup((const char *)h);
		}
		sqlite3_finalize(st);
		rc = rc == SQLITE_DONE ? 0 : fts_fail(f->s, e);
		size_t k = 0;
		int cut = 0;
		for (; k < chunk && rc >= 0; k++) {
			cut = fts_segment(f, cv[next + k].id, hls[k],
					  cv[next + k].rank, e);
			if (cut < 0)
				rc = cut;
			if (cut)
				break;
			if (f->o->limit && f->r->n >= (size_t)f->o->limit) {
				k++;
				break;
			}
		}
		for (size_t j = 0; j < chunk; j++)
			free(hls[j]);
		free(hls);
		next += k;
		if (rc < 0 || (f->o->limit && f->r->n >= (size_t)f->o->limit)) {
			if (cut == 1)
				next++;	/* the cut segment is not "more" */
			f->r->more_segments = next < nc ? (long long)(nc - next) : 0;
			f->r->more_hits = cut == 1 || f->r->more_segments > 0;
			break;
		}
	}
	qc_buf_release(&cols);
	free(cv);
	return rc < 0 ? rc : 0;
}

static int fts_search(struct store *s, const struct search_opts *o,
		      struct search_result *r, struct qc_err *e)
{
	struct fts f = { .s = s, .o = o, .r = r };
	int rc;

	qc_buf_init(&f.match);
	qc_buf_init(&f.join);
	if ((rc = fts_prepare(s, o, &f.match, &f.q, e)) < 0)
		goto out;
	if (f.q.where.len)
		qc_buf_adds(&f.join, SEG_JOIN);
	f.columns = strstr(f.match.buf, "speaker : ") ||
		    strstr(f.match.buf, "text : ");
	if (o->exact) {
		/* The words as typed, in NFC like the stored text. */
		struct qc_buf nfc = QC_BUF_INIT;
		if (text_normalise(o->query, strlen(o->query), &nfc, e) == 0)
			exact_words_collect(nfc.buf, &f.xw);
		qc_buf_release(&nfc);
	}
	if (!o->order_doc)
		f.seg = store_prepare(s, "SELECT " SEG_COLS SEG_FROM
				      " WHERE s.id = ?", e);
	if (!o->order_doc && !f.seg) {
		rc = -QC_EIO;
		goto out;
	}
	rc = o->order_doc ? fts_doc(&f, e) : fts_ranked(&f, e);
out:
	sqlite3_finalize(f.seg);
	free(f.sp.v);
	exact_words_release(&f.xw);
	filter_sql_release(&f.q);
	qc_buf_release(&f.match);
	qc_buf_release(&f.join);
	return rc;
}

int search_run(struct store *s, const struct search_opts *o,
	       struct search_result *r, struct qc_err *e)
{
	if (!o->query || !*o->query)
		return qc_err_set(e, QC_EUSAGE, "no query given");
	if (o->regex)
		return regex_scan(s, o, r, NULL, e);
	return fts_search(s, o, r, e);
}

void search_result_release(struct search_result *r)
{
	for (size_t k = 0; k < r->n; k++) {
		free(r->hits[k].speaker);
		free(r->hits[k].kind);
		free(r->hits[k].text);
	}
	free(r->hits);
	memset(r, 0, sizeof(*r));
}

/* ---- counting ---- */

static struct search_tally *tally_get(struct search_tally **v, size_t *n,
				      const char *key, const char *title)
{
	for (size_t k = *n; k-- > 0;)
		if (strcmp((*v)[k].key, key) == 0)
			return &(*v)[k];
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	struct search_tally *t = &(*v)[(*n)++];
	t->key = xstrdup(key);
	t->title = title ? xstrdup(title) : NULL;
	t->id = 0;
	t->hits = t->segments = 0;
	return t;
}

static int tally_id_cmp(const void *a, const void *b)
{
	const struct search_tally *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The tally of a source: matches come in source order, so a source is
 * the last one or a new one past it, found without a search. */
static struct search_tally *tally_source(struct search_counts *c,
					 long long id, const char *title)
{
	struct search_tally *t;
	char key[32];

	if (c->nsource && c->by_source[c->nsource - 1].id == id)
		return &c->by_source[c->nsource - 1];
	if (c->nsource && id < c->by_source[c->nsource - 1].id)
		for (size_t k = 0; k < c->nsource; k++)
			if (c->by_source[k].id == id)
				return &c->by_source[k];
	snprintf(key, sizeof(key), "S%lld", id);
	c->by_source = xreallocarray(c->by_source, c->nsource + 1,
				     sizeof(*c->by_source));
	t = &c->by_source[c->nsource++];
	t->key = xstrdup(key);
	t->title = title ? xstrdup(title) : NULL;
	t->id = id;
	t->hits = t->segments = 0;
	return t;
}

static void count_add(struct search_counts *c, long long source_id,
		      const char *title, const char *kind, long long hits,
		      long long segments)
{
	struct search_tally *t = tally_source(c, source_id, title);

	t->hits += hits;
	t->segments += segments;
	t = tally_get(&c->by_kind, &c->nkind, kind, NULL);
	t->hits += hits;
	t->segments += segments;
	c->hits += hits;
	c->segments += segments;
}

/* The hits and segments of one source, added to the counts when the
 * next source comes: matches come in segment order, so that is once a
 * source, with one look-up of its kind and title. */
struct count_acc {
	struct search_counts *c;
	sqlite3_stmt *kind;	/* SELECT kind, title FROM sources WHERE id = ? */
	long long src, hits, segments;
};

static int acc_flush(struct count_acc *a, struct store *s, struct qc_err *e)
{
	if (!a->segments)
		return 0;
	sqlite3_reset(a->kind);
	sqlite3_bind_int64(a->kind, 1, a->src);
	if (sqlite3_step(a->kind) != SQLITE_ROW)
		return store_fail(s, e, "cannot count the hits");
	count_add(a->c, a->src, (const char *)sqlite3_column_text(a->kind, 1),
		  (const char *)sqlite3_column_text(a->kind, 0), a->hits,
		  a->segments);
	a->hits = a->segments = 0;
	return 0;
}

static int acc_add(struct count_acc *a, struct store *s, long long src,
		   long long hits, struct qc_err *e)
{
	int rc;

	if (src != a->src) {
		if ((rc = acc_flush(a, s, e)) < 0)
			return rc;
		a->src = src;
	}
	a->hits += hits;
	a->segments++;
	return 0;
}

static int fts_count(struct store *s, const struct search_opts *o,
		     struct search_counts *c, struct qc_err *e)
{
	struct qc_buf match = QC_BUF_INIT, sql = QC_BUF_INIT;
	struct filter_sql q = { .where = QC_BUF_INIT };
	sqlite3_stmt *st = NULL;
	struct count_acc acc = { .c = c, .src = -1 };
	int rc;

	if (o->exact) {
		/* Every match must be checked against the words: the full
		 * search path, without a limit. */
		struct search_opts all = *o;
		struct search_result r = { 0 };
		all.limit = 0;
		all.order_doc = 1;
		if ((rc = fts_search(s, &all, &r, e)) < 0)
			return rc;
		for (size_t k = 0; k < r.n; k++) {
			int newseg = k == 0 ||
				r.hits[k].segment_id != r.hits[k - 1].segment_id;
			count_add(c, r.hits[k].source_id, NULL, r.hits[k].kind, 1,
				  newseg);
		}
		search_result_release(&r);
		return 0;
	}
	if ((rc = fts_prepare(s, o, &match, &q, e)) < 0)
		goto out;
	/* One pass over the matches: each row's hits counted by qcode_hits
	 * as the list counts them, its source read by rowid (segments come
	 * in source order, so a source's kind is read once), tallied here
	 * rather than by a GROUP BY over materialised rows. */
	qc_buf_addf(&sql, "SELECT s.source_id, qcode_hits(segments_fts, ?%d)"
		    " FROM segments_fts JOIN segments s ON s.id ="
		    " segments_fts.rowid%s WHERE segments_fts MATCH ?1%s",
		    q.first + q.nbinds, q.where.len ? " JOIN sources src ON"
		    " src.id = s.source_id LEFT JOIN participants p ON"
		    " p.id = s.participant_id" : "", q.where.buf);
	if (!(st = store_prepare(s, sql.buf, e)) ||
	    !(acc.kind = store_prepare(s, "SELECT kind, title FROM sources"
				       " WHERE id = ?", e))) {
		rc = -QC_EIO;
		goto out;
	}
	sqlite3_bind_text(st, 1, match.buf, -1, SQLITE_STATIC);
	filter_bind(st, &q);
	sqlite3_bind_int(st, q.first + q.nbinds,
			 strstr(match.buf, "speaker : ") ||
			 strstr(match.buf, "text : "));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long hits = sqlite3_column_int64(st, 1);
		/* none: it matched in the speaker's name only */
		if (hits && (rc = acc_add(&acc, s, sqlite3_column_int64(st, 0),
					  hits, e)) < 0)
			goto out;
	}
	if (rc == SQLITE_DONE)
		rc = acc_flush(&acc, s, e);
	else
		rc = fts_fail(s, e);
out:
	sqlite3_finalize(st);
	sqlite3_finalize(acc.kind);
	filter_sql_release(&q);
	qc_buf_release(&match);
	qc_buf_release(&sql);
	return rc;
}

int search_count(struct store *s, const struct search_opts *o,
		 struct search_counts *c, struct qc_err *e)
{
	int rc;

	if (!o->query || !*o->query)
		return qc_err_set(e, QC_EUSAGE, "no query given");
	rc = o->regex ? regex_scan(s, o, NULL, c, e) : fts_count(s, o, c, e);
	if (rc < 0 || c->nsource == 0)
		return rc;
	qsort(c->by_source, c->nsource, sizeof(*c->by_source), tally_id_cmp);
	/* Titles for the per-source lines (the --exact path has none yet). */
	sqlite3_stmt *st = store_prepare(s, "SELECT title FROM sources WHERE"
					 " id = ?", e);
	if (!st)
		return -QC_EIO;
	for (size_t k = 0; k < c->nsource; k++) {
		if (c->by_source[k].title)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, atoll(c->by_source[k].key + 1));
		if (sqlite3_step(st) == SQLITE_ROW)
			c->by_source[k].title = store_col_dup(st, 0);
	}
	sqlite3_finalize(st);
	return 0;
}

void search_counts_release(struct search_counts *c)
{
	for (size_t k = 0; k < c->nsource; k++) {
		free(c->by_source[k].key);
		free(c->by_source[k].title);
	}
	for (size_t k = 0; k < c->nkind; k++)
		free(c->by_kind[k].key);
	free(c->by_source);
	free(c->by_kind);
	memset(c, 0, sizeof(*c));
}

/* A turn of the block: its row and its text at blk[off..off+len). */
struct turn {
	long long id, source_id;
	size_t off, len;
};

/* State of one regex scan (regex_scan). */
struct scan {
	struct store *s;
	const struct search_opts *o;
	struct search_result *r;
	struct search_counts *c;
	struct rx x;
	sqlite3_stmt *seg;	/* SEG_COLS of one segment by id */
	struct count_acc acc;
	struct qc_buf blk;	/* the texts of turns, a '\n' between two */
	const char *base;	/* the turns' texts: blk.buf, or the row's
				 * text for a pattern searched turn by turn */
	struct turn *t;
	size_t n, alloc;
	/* the turn being read: its hits, its row read, nothing more wanted */
	const struct turn *cur;
	long long hits;
	int fetched, full;
	double t0;		/* when the hits were cut */
	long long scanned;	/* turns passed since the clock was read */
	struct qc_err *e;
};

/* Start reading turn t. */
static void turn_open(struct scan *sc, const struct turn *t)
{
	sc->cur = t;
	sc->hits = 0;
	sc->fetched = sc->full = 0;
}

/* Done with the turn: its hits counted for --count. */
static int turn_close(struct scan *sc)
{
	int rc = 0;

	if (sc->cur && sc->c && sc->hits)
		rc = acc_add(&sc->acc, sc->s, sc->cur->source_id, sc->hits,
			     sc->e);
	sc->cur = NULL;
	return rc;
}

/*
 * A match [ms, me) of the turn being read (bytes of its text): a hit up to
 * the limit, past it the turn counted once (sc->full then says that the
 * turn's other matches are not wanted). 0 or <0 on error.
 */
static int turn_match(struct scan *sc, size_t ms, size_t me)
{
	struct search_result *r = sc->r;
	const struct turn *t = sc->cur;

	if (r && r->more_hits) {	/* past the limit: count segments */
		r->more_segments++;
		sc->full = 1;
		return 0;
	}
	sc->hits++;
	if (!r)
		return 0;
	if (sc->o->limit && r->n >= (size_t)sc->o->limit) {
		r->more_hits = 1;
		sc->t0 = clock_ms();
		sc->full = 1;
		return 0;
	}
	if (!sc->fetched) {
		sqlite3_reset(sc->seg);
		sqlite3_bind_int64(sc->seg, 1, t->id);
		if (sqlite3_step(sc->seg) != SQLITE_ROW) {
			sc->full = 1;
			return 0;
		}
		sc->fetched = 1;
	}
	hit_add(r, sc->seg, 0, sc->base + t->off, t->len, ms, me, 0);
	return 0;
}

/* The rest of the turn being read, from pos, turn by turn as the pattern
 * means; then it is closed. */
static int turn_rest(struct scan *sc, size_t pos)
{
	const struct turn *t = sc->cur;
	size_t ms, me;
	int m, rc;

	while (!sc->full && (m = rx_next(&sc->x, sc->base + t->off, t->len,
					 &pos, &ms, &me)) != 0) {
		if (m < 0)
			return rx_error(m, sc->e);
		if ((rc = turn_match(sc, ms, me)) < 0)
			return rc;
	}
	return turn_close(sc);
}

/* Past the limit, counting stops after SEARCH_COUNT_MS. Returns 1 then. */
static int scan_late(struct scan *sc, size_t turns)
{
	struct search_result *r = sc->r;

	if (!r || !r->more_hits)
		return 0;
	sc->scanned += (long long)turns;
	if (sc->scanned < 256)
		return 0;
	sc->scanned = 0;
	if (clock_ms() - sc->t0 <= SEARCH_COUNT_MS)
		return 0;
	r->more_atleast = 1;
	return 1;
}

/*
 * The turns of the block. The block is searched from where the turns are
 * not yet done; the turn where its match starts is found by halving the
 * turns' offsets, the turns before it have no match. A match inside its
 * turn is a hit as it is when the pattern is rx.exact; otherwise the turn
 * is searched alone from there. A match running past its turn's end, or
 * a search the block's size made fail (PCRE2's limits), leaves the rest of
 * the block to be searched turn by turn, as the block would be read again
 * from each such turn.
 */
static int scan_block(struct scan *sc)
{
	const char *b = sc->base;
	size_t j = 0, pos = 0, k, hi;	/* turn j is next, from b + pos */
	int whole = sc->x.block != NULL, rc;

	while (j < sc->n) {
		const struct turn *t = &sc->t[j];
		if (!whole) {
			if (sc->cur != t)
				turn_open(sc, t);
			if ((rc = turn_rest(sc, pos - t->off)) < 0 ||
			    (rc = scan_late(sc, 1)) != 0)
				return rc;
			if (++j < sc->n)
				pos = sc->t[j].off;
			continue;
		}
		rc = rx_match(&sc->x, sc->x.block, sc->x.bjit, b, sc->blk.len,
			      pos);
		if (rc == PCRE2_ERROR_NOMATCH) {
			if ((rc = turn_close(sc)) < 0)
				return rc;
			return scan_late(sc, sc->n - j);
		}
		if (rc < 0) {
			whole = 0;
			continue;
		}
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->x.md);
		size_t ms = ov[0], me = ov[1];
		/* the last turn starting at or before the match */
		for (k = j, hi = sc->n - 1; k < hi;) {
			size_t mid = k + (hi - k + 1) / 2;
			if (sc->t[mid].off <= ms)
				k = mid;
			else
				hi = mid - 1;
		}
		if (k != j) {
			if ((rc = turn_close(sc)) < 0 ||
			    (rc = scan_late(sc, k - j)) != 0)
				return rc;
			j = k;
		}
		t = &sc->t[k];
		if (sc->cur != t)
			turn_open(sc, t);
		if (ms >= t->off + t->len) {
			/* it starts at the line break: no turn's */
			rc = turn_close(sc);
		} else if (sc->x.exact && me <= t->off + t->len) {
			if ((rc = turn_match(sc, ms - t->off, me - t->off)) < 0)
				return rc;
			if (!sc->full) {
				pos = me;
				continue;
			}
			rc = turn_close(sc);
		} else {
			if (me > t->off + t->len)
				whole = 0;
			rc = turn_rest(sc, ms - t->off);
		}
		if (rc < 0 || (rc = scan_late(sc, 1)) != 0)
			return rc;
		if (++j < sc->n)
			pos = sc->t[j].off;
	}
	return 0;
}

/* Add the turn in st's row to the block; searched turn by turn, it is
 * the block alone, read where it is. */
static void scan_add(struct scan *sc, sqlite3_stmt *st)
{
	struct turn *t;
	const char *text = (const char *)sqlite3_column_text(st, 1);

	QC_GROW(sc->t, sc->n, sc->alloc);
	t = &sc->t[sc->n++];
	/* the row: the segment's id for hits, its source's for counts */
	t->id = sc->c ? 0 : sqlite3_column_int64(st, 0);
	t->source_id = sc->c ? sqlite3_column_int64(st, 0) : 0;
	t->len = text ? (size_t)sqlite3_column_bytes(st, 1) : 0;
	if (!sc->x.block) {
		t->off = 0;
		sc->base = text ? text : "";
		return;
	}
	if (sc->blk.alloc - sc->blk.len <= t->len + 1)
		qc_buf_grow(&sc->blk, t->len + 1);
	if (sc->n > 1)
		sc->blk.buf[sc->blk.len++] = '\n';
	t->off = sc->blk.len;
	memcpy(sc->blk.buf + sc->blk.len, text ? text : "", t->len);
	sc->blk.len += t->len;
	sc->blk.buf[sc->blk.len] = '\0';
	sc->base = sc->blk.buf;
}

static int regex_scan(struct store *s, const struct search_opts *o,
		      struct search_result *r, struct search_counts *c,
		      struct qc_err *e)
{
	struct qc_buf sql = QC_BUF_INIT;
	struct filter_sql q = { .where = QC_BUF_INIT };
	struct scan sc = { .s = s, .o = o, .r = r, .c = c, .e = e,
			   .acc = { .c = c, .src = -1 }, .blk = QC_BUF_INIT };
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = rx_compile(o->query, &sc.x, e)) < 0)
		return rc;
	if ((rc = check_code(s, o->f.coded, e)) < 0 ||
	    (rc = check_code(s, o->f.not_coded, e)) < 0 ||
	    (rc = filter_build(&o->f, FILTER_SEGMENTS, 1, &q, e)) < 0)
		goto out;
	/* The scan reads only the text and the segment's id (hits) or its
	 * source's (counts); the rest of a segment is read for the hits
	 * shown, and a source's kind when its first hit is counted (segments
	 * come in source order, so that is once a source). */
	qc_buf_addf(&sql, "SELECT s.%s, s.text FROM segments s",
		    c ? "source_id" : "id");
	if (q.where.len)
		qc_buf_adds(&sql, " JOIN sources src ON src.id = s.source_id"
			    " LEFT JOIN participants p ON p.id = s.participant_id");
	qc_buf_addf(&sql, " WHERE 1%s ORDER BY s.id", q.where.buf);
	if (!(st = store_prepare(s, sql.buf, e)) ||
	    !(sc.seg = store_prepare(s, "SELECT " SEG_COLS SEG_FROM
				     " WHERE s.id = ?", e)) ||
	    !(sc.acc.kind = store_prepare(s, "SELECT kind, title FROM sources"
					  " WHERE id = ?", e))) {
		rc = -QC_EIO;
		goto out;
	}
	filter_bind(st, &q);
	/* Blocks of RX_BLOCK_BYTES (or one turn, searched turn by turn),
	 * each searched before the next row is read. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int done;
		scan_add(&sc, st);
		if (sc.x.block && sc.blk.len < RX_BLOCK_BYTES)
			continue;
		done = scan_block(&sc);
		sc.n = 0;
		if (sc.blk.len)
			qc_buf_reset(&sc.blk);
		if (done < 0) {
			rc = done;
			goto out;
		}
		if (done > 0) {
			rc = SQLITE_DONE;	/* counting stopped */
			break;
		}
	}
	if (rc == SQLITE_DONE && sc.n && (rc = scan_block(&sc)) >= 0)
		rc = SQLITE_DONE;
	if (rc < 0)
		goto out;
	if (rc != SQLITE_DONE)
		rc = store_fail(s, e, "cannot run the search");
	else
		rc = c ? acc_flush(&sc.acc, s, e) : 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(sc.seg);
	sqlite3_finalize(sc.acc.kind);
	rx_free(&sc.x);
	free(sc.t);
	qc_buf_release(&sc.blk);
	filter_sql_release(&q);
	qc_buf_release(&sql);
	return rc;
}

/* ---- keyword in context ---- */

static size_t prev_cp(const char *t, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80);
	return i;
}

static int word_before(const char *t, size_t len, size_t i, size_t *start)
{
	size_t j = prev_cp(t, i), k = j;

	*start = j;
	return text_is_word_cp(text_utf8_next(t, len, &k));
}

static void add_flat(struct qc_buf *out, const char *s, size_t len)
{
	for (size_t k = 0; k < len; k++)
		qc_buf_addch(out, s[k] == '\n' || s[k] == '\t' ? ' ' : s[k]);
}

void search_kwic(struct qc_buf *out, const char *t, size_t len, size_t ms,
		 size_t me, int context, int color)
{
	size_t ls = 0, le = len, j;

	if (me > len)
		me = len;
	if (ms > me)
		ms = me;
	if (context >= 0) {
		int words = 0;
		ls = ms;
		while (ls > 0 && words < context) {
			while (ls > 0 && !word_before(t, len, ls, &j))
				ls = j;
			if (ls == 0)
				break;
			while (ls > 0 && word_before(t, len, ls, &j))
				ls = j;
			words++;
		}
		/* Leading spaces and punctuation of the cut are dropped. */
		if (words < context)
			ls = 0;
		words = 0;
		le = me;
		while (le < len && words < context) {
			size_t k = le;
			while (le < len) {
				k = le;
				if (text_is_word_cp(text_utf8_next(t, len, &k)))
					break;
				le = k;
			}
			if (le >= len)
				break;
			while (le < len) {
				k = le;
				if (!text_is_word_cp(text_utf8_next(t, len, &k)))
					break;
				le = k;
			}
			words++;
		}
		if (words < context || !text_has_word(t + le, len - le))
			le = len;
		if (!text_has_word(t, ls))
			ls = 0;
	}
	if (ls > 0)
		qc_buf_adds(out, "…");
	add_flat(out, t + ls, ms - ls);
	qc_buf_adds(out, color ? "\033[1;31m" : "**");
	add_flat(out, t + ms, me - ms);
	qc_buf_adds(out, color ? "\033[0m" : "**");
	add_flat(out, t + me, le - me);
	if (le < len)
		qc_buf_adds(out, "…");
}

void search_kwic_cp(struct qc_buf *out, const char *text, size_t len,
		    size_t mstart_cp, size_t mend_cp, int context, int color)
{
	size_t ms, me;

	text_cp_span(text, len, mstart_cp, mend_cp, &ms, &me);
	search_kwic(out, text, len, ms, me, context, color);
}

/* ---- the last result set ---- */

int search_save_hits(struct store *s, const char *coder, const char *query,
		     const char *options, const struct search_result *r,
		     struct qc_err *e)
{
	sqlite3_stmt *st = NULL;
	long long cid;
	char now[32];
	int rc;

	if ((rc = store_coder_id(s, coder, &cid, e)) < 0)
		return rc;
	if ((rc = store_begin(s, e)) < 0)
		return rc;
	store_now(now);
	st = store_prepare(s, "DELETE FROM hits WHERE coder_id = ?", e);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, cid);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto sqlfail;
	sqlite3_finalize(st);
	st = store_prepare(s, "INSERT OR REPLACE INTO hit_sets(coder_id, query,"
			   " options, created_at) VALUES (?, ?, ?, ?)", e);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_text(st, 2, query, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, options ? options : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto sqlfail;
	sqlite3_finalize(st);
	st = store_prepare(s, "INSERT INTO hits(coder_id, n, segment_id,"
			   " start_cp, end_cp) VALUES (?, ?, ?, ?, ?)", e);
	if (!st)
		goto fail;
	for (size_t k = 0; k < r->n; k++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, cid);
		sqlite3_bind_int64(st, 2, (long long)k + 1);
		sqlite3_bind_int64(st, 3, r->hits[k].segment_id);
		sqlite3_bind_int64(st, 4, r->hits[k].start_cp);
		sqlite3_bind_int64(st, 5, r->hits[k].end_cp);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto sqlfail;
	}
	sqlite3_finalize(st);
	return store_commit(s, e);
sqlfail:
	store_fail(s, e, "cannot keep the hits");
fail:
	sqlite3_finalize(st);
	store_rollback(s);
	return -QC_EIO;
}

int search_load_hits(struct store *s, const char *coder, char **query,
		     struct search_result *r, struct qc_err *e)
{
	sqlite3_stmt *st;
	int rc;

	*query = NULL;
	st = store_prepare(s, "SELECT h.query FROM hit_sets h JOIN coders d ON"
			   " d.id = h.coder_id WHERE d.name = ?", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, coder, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		*query = store_col_dup(st, 0);
	sqlite3_finalize(st);
	st = store_prepare(s, "SELECT " SEG_COLS ", h.start_cp, h.end_cp"
			   " FROM hits h JOIN coders d ON d.id = h.coder_id"
			   " JOIN segments s ON s.id = h.segment_id"
			   " JOIN sources src ON src.id = s.source_id"
			   " LEFT JOIN participants p ON p.id = s.participant_id"
			   " WHERE d.name = ? ORDER BY h.n", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, coder, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 5);
		size_t len = (size_t)sqlite3_column_bytes(st, 5);
		long long base = sqlite3_column_int64(st, 6);
		long long a = sqlite3_column_int64(st, 7) - base;
		long long z = sqlite3_column_int64(st, 8) - base;
		size_t ms = text_cp_to_byte(text, len, a > 0 ? (size_t)a : 0);
		size_t me = ms + text_cp_to_byte(text + ms, len - ms,
						 z > a ? (size_t)(z - a) : 0);
		hit_add(r, st, 0, text, len, ms, me, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, e, "cannot read the hits");
	return 0;
}

/* ---- the index ---- */

int search_reindex(struct store *s, const char *lang, struct qc_err *e)
{
	char *sql, *fts, *cur = NULL;
	int rc;

	if (lang && strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0)
		return qc_err_set(e, QC_EUSAGE, "unknown language '%s'"
				  " (nl or en)", lang);
	if (!lang)
		lang = cur = store_get_setting(s, "lang");
	if (!lang || (strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0)) {
		free(cur);
		return qc_err_set(e, QC_EDATA, "the project's language"
				  " is not set; give --lang nl or --lang en");
	}
	if ((rc = store_begin(s, e)) < 0) {
		free(cur);
		return rc;
	}
	/* The table is made anew, so a new language or index layout takes
	 * effect. */
	fts = store_fts_table_sql(lang);
	sql = xasprintf("DROP TABLE segments_fts; %s"
			"INSERT INTO segments_fts(segments_fts) VALUES('rebuild');"
			"INSERT INTO segments_fts(segments_fts) VALUES('optimize');",
			fts);
	free(fts);
	rc = store_exec(s, sql, e);
	free(sql);
	if (rc < 0 || store_set_setting(s, "lang", lang, e) < 0) {
		free(cur);
		store_rollback(s);
		return -QC_EIO;
	}
	free(cur);
	return store_commit(s, e);
}
