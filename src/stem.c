/* stem: the "qcode" FTS5 tokenizer: words, folded, Snowball-stemmed. */
#include <stdlib.h>
#include <string.h>
#include <libstemmer.h>

#include "qcode/stem.h"
#include "qcode/text.h"

/*
 * Stemming is the tokenizer's main cost, and a few hundred words make up
 * most of any text: a direct-mapped cache of folded word -> stem, filled as
 * words come, skips the stemmer for them.
 */
#define STEM_CACHE 32768	/* entries, a power of two (2 MiB) */
#define STEM_WORD 31		/* longest word (and stem) cached, bytes */
/* Marks a stem in the index, beside the folded words: never a word
 * character, so no word or prefix of one can meet a stem. */
#define STEM_MARK '~'


struct stem_entry {
	unsigned char wlen, slen;	/* wlen 0: empty */
	char w[STEM_WORD], s[STEM_WORD];
};

struct stem_tok {
	struct sb_stemmer *stemmer;	/* NULL: fold only, no stemming */
	struct qc_buf fold;		/* scratch: the folded word */
	struct qc_buf mark;		/* scratch: STEM_MARK and a stem */
	struct stem_entry *cache;	/* STEM_CACHE entries */
};

static unsigned stem_hash(const char *w, size_t len)
{
	unsigned h = 2166136261u;

	for (size_t k = 0; k < len; k++)
		h = (h ^ (unsigned char)w[k]) * 16777619u;
	return h & (STEM_CACHE - 1);
}

const char *stem_algorithm(const char *lang)
{
	if (!lang || strcmp(lang, "nl") == 0)
		return "dutch";
	if (strcmp(lang, "en") == 0)
		return "english";
	return NULL;
}

static int stem_create(void *ctx, const char **argv, int argc,
		       Fts5Tokenizer **out)
{
	struct stem_tok *t = xcalloc(1, sizeof(*t));
	const char *alg = stem_algorithm(argc > 0 ? argv[0] : "nl");

	(void)ctx;
	if (!alg) {
		free(t);
		return SQLITE_ERROR;
	}
	t->stemmer = sb_stemmer_new(alg, "UTF_8");
	if (!t->stemmer) {
		free(t);
		return SQLITE_ERROR;
	}
	qc_buf_init(&t->fold);
	qc_buf_init(&t->mark);
	t->cache = xcalloc(STEM_CACHE, sizeof(*t->cache));
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void stem_delete(Fts5Tokenizer *p)
{
	struct stem_tok *t = (struct stem_tok *)p;

	sb_stemmer_delete(t->stemmer);
	qc_buf_release(&t->fold);
	qc_buf_release(&t->mark);
	free(t->cache);
	free(t);
}

/* Word characters of ASCII, by byte: [0-9A-Za-z]. */
static const unsigned char ascii_word[128] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/* Is the code point starting at text[i] a word character? Advances *next. */
static int word_at(const char *text, size_t n, size_t i, size_t *next)
{
	unsigned char c = (unsigned char)text[i];

	if (c < 0x80) {
		*next = i + 1;
		return ascii_word[c];
	}
	*next = i;
	return text_is_word_cp(text_utf8_next(text, n, next));
}

/*
 * The stem of the folded word w: *st and *sl point into the cache or the
 * stemmer's buffer, valid until the next call. A word that is not stemmed
 * (no stemmer, 256 bytes or more) is its own stem.
 */
static int stem_word(struct stem_tok *t, const char *w, size_t wl,
		     const char **st, int *sl)
{
	if (!t->stemmer || wl >= 256) {
		*st = w;
		*sl = (int)wl;
		return SQLITE_OK;
	}
	if (wl <= STEM_WORD) {
		struct stem_entry *c = &t->cache[stem_hash(w, wl)];
		if (c->wlen != wl || memcmp(c->w, w, wl) != 0) {
			const sb_symbol *r = sb_stemmer_stem(t->stemmer,
				(const sb_symbol *)w, (int)wl);
			int rl = r ? sb_stemmer_length(t->stemmer) : -1;
			if (rl < 0 || rl > STEM_WORD)
				return SQLITE_NOMEM;
			memcpy(c->w, w, wl);
			memcpy(c->s, r, (size_t)rl);
			c->wlen = (unsigned char)wl;
			c->slen = (unsigned char)rl;
		}
		*st = c->s;
		*sl = c->slen;
		return SQLITE_OK;
	}
	*st = (const char *)sb_stemmer_stem(t->stemmer, (const sb_symbol *)w,
					    (int)wl);
	if (!*st)
		return SQLITE_NOMEM;
	*sl = sb_stemmer_length(t->stemmer);
	return SQLITE_OK;
}

/* mark = STEM_MARK + s[0..sl). */
static void stem_mark(struct stem_tok *t, const char *s, int sl)
{
	qc_buf_reset(&t->mark);
	qc_buf_addch(&t->mark, STEM_MARK);
	qc_buf_add(&t->mark, s, (size_t)sl);
}

/*
 * Emit the index's tokens for the folded word w at text[start..end).
 *
 * In a document a word is indexed as it is (folded), and when its stem
 * differs, the stem marked with STEM_MARK at the same position (an FTS5
 * colocated token), so the two never mix: a prefix query (FTS5_TOKENIZE_
 * PREFIX) looks for words that start with the prefix among the folded
 * forms only (gee* finds geen, whose stem is gen), a word looks for its
 * stem: the marked stem, or the stem itself as a word when that word
 * stems to itself (every word whose stem is s is either indexed as s or
 * carries ~s).
 */
static int stem_emit(struct stem_tok *t, void *ctx, int flags, const char *w,
		     size_t wl, int start, int end,
		     int (*token)(void *, int, const char *, int, int, int))
{
	const char *st;
	int sl, rc;

	/* highlight() and the hit counters (AUX) want positions only: no
	 * stem is needed for those */
	if ((flags & (FTS5_TOKENIZE_PREFIX | FTS5_TOKENIZE_AUX)) ||
	    !t->stemmer || wl >= 256)
		return token(ctx, 0, w, (int)wl, start, end);
	if ((rc = stem_word(t, w, wl, &st, &sl)) != SQLITE_OK)
		return rc;
	if (!(flags & FTS5_TOKENIZE_QUERY)) {
		if ((rc = token(ctx, 0, w, (int)wl, start, end)) != SQLITE_OK ||
		    ((size_t)sl == wl && memcmp(st, w, wl) == 0))
			return rc;
		stem_mark(t, st, sl);
		return token(ctx, FTS5_TOKEN_COLOCATED, t->mark.buf,
			     (int)t->mark.len, start, end);
	}
	/* A query word: its marked stem, and the stem as a word if that
	 * word stems to itself. */
	stem_mark(t, st, sl);
	const char *s2;
	int sl2;
	if ((rc = stem_word(t, t->mark.buf + 1, t->mark.len - 1, &s2,
			    &sl2)) != SQLITE_OK)
		return rc;
	if ((size_t)sl2 == t->mark.len - 1 &&
	    memcmp(s2, t->mark.buf + 1, (size_t)sl2) == 0) {
		rc = token(ctx, 0, t->mark.buf + 1, (int)t->mark.len - 1, start,
			   end);
		if (rc != SQLITE_OK)
			return rc;
		return token(ctx, FTS5_TOKEN_COLOCATED, t->mark.buf,
			     (int)t->mark.len, start, end);
	}
	return token(ctx, 0, t->mark.buf, (int)t->mark.len, start, end);
}

/*
 * Words are maximal runs of word code points (text_is_word_cp). Each is
 * folded (case and diacritics) and stemmed (stem_emit); the scratch
 * buffers are reused, so a token costs no allocation. Pure ASCII words,
 * the bulk of Dutch and English text, are lower-cased byte by byte
 * without utf8proc.
 */
static int stem_tokenize(Fts5Tokenizer *p, void *ctx, int flags,
			 const char *text, int len,
			 int (*token)(void *, int, const char *, int, int, int))
{
	struct stem_tok *t = (struct stem_tok *)p;
	size_t n = len > 0 ? (size_t)len : 0, i = 0;

	if ((flags & FTS5_TOKENIZE_QUERY) && n > 1 && text[0] == STEM_LITERAL)
		return token(ctx, 0, text + 1, (int)n - 1, 0, (int)n);
	while (i < n) {
		size_t start = i, end, next;
		int ascii = 1, rc;

		if (!word_at(text, n, i, &next)) {
			i = next;
			continue;
		}
		end = next;
		if ((unsigned char)text[start] >= 0x80)
			ascii = 0;
		while (end < n && word_at(text, n, end, &next)) {
			if ((unsigned char)text[end] >= 0x80)
				ascii = 0;
			end = next;
		}
		i = end;
		qc_buf_reset(&t->fold);
		if (ascii) {
			qc_buf_grow(&t->fold, end - start);
			for (size_t k = start; k < end; k++) {
				unsigned char c = (unsigned char)text[k];
				t->fold.buf[k - start] = (char)(c >= 'A' && c <= 'Z' ?
								c + 32 : c);
			}
			qc_buf_setlen(&t->fold, end - start);
		} else {
			text_fold(text + start, end - start, &t->fold);
		}
		rc = stem_emit(t, ctx, flags, t->fold.buf, t->fold.len,
			       (int)start, (int)end, token);
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/*
 * qcode_hits(segments_fts, columns): the hits of this row as the hit list
 * shows them (search.c fts_hits), so --count and the list agree. Matches
 * are runs of tokens of the text column; overlapping runs are one (as
 * highlight() marks them) and runs side by side with only spaces between
 * are one ('s avonds). A row that matched in its speaker only is one hit
 * (the whole turn) when the query names a column, else none.
 */
struct hit_run {
	int first, last;	/* token positions, inclusive */
};

/* Byte bounds of every token of a column, by position (xTokenize). */
struct tok_bounds {
	int (*v)[2];
	int n, alloc;
};

static int bounds_cb(void *ctx, int tflags, const char *tok, int ntok,
		     int start, int end)
{
	struct tok_bounds *b = ctx;

	(void)tok;
	(void)ntok;
	if (tflags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (b->n == b->alloc) {
		b->alloc = b->alloc ? 2 * b->alloc : 64;
		b->v = xreallocarray(b->v, (size_t)b->alloc, sizeof(*b->v));
	}
	b->v[b->n][0] = start;
	b->v[b->n][1] = end;
	b->n++;
	return SQLITE_OK;
}

static int run_cmp(const void *a, const void *b)
{
	const struct hit_run *x = a, *y = b;

	return x->first != y->first ? (x->first < y->first ? -1 : 1) :
		(x->last < y->last ? -1 : x->last > y->last);
}

static int spaces_only(const char *s, int from, int to)
{
	for (int k = from; k < to; k++)
		if (s[k] != ' ')
			return 0;
	return 1;
}

static void stem_hits(const Fts5ExtensionApi *x, Fts5Context *fc,
		      sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	struct hit_run small[16], *run = small;
	int n = 0, nrun = 0, hits = 0, adjacent = 0, phrase, col, off;
	int columns = nval > 0 && sqlite3_value_int(val[0]);

	if (x->xInstCount(fc, &n) != SQLITE_OK) {
		sqlite3_result_error(ctx, "qcode_hits: no instances", -1);
		return;
	}
	if (n > (int)(sizeof(small) / sizeof(*small)))
		run = xreallocarray(NULL, (size_t)n, sizeof(*run));
	for (int k = 0; k < n; k++)
		if (x->xInst(fc, k, &phrase, &col, &off) == SQLITE_OK &&
		    col == 0) {
			run[nrun].first = off;
			run[nrun].last = off + x->xPhraseSize(fc, phrase) - 1;
			nrun++;
		}
	if (nrun > 1)
		qsort(run, (size_t)nrun, sizeof(*run), run_cmp);
	/* Overlapping runs are one (highlight() marks them once). */
	for (int k = 0; k < nrun; k++) {
		if (hits && run[k].first <= run[hits - 1].last) {
			if (run[k].last > run[hits - 1].last)
				run[hits - 1].last = run[k].last;
			continue;
		}
		if (hits && run[k].first == run[hits - 1].last + 1)
			adjacent = 1;
		run[hits++] = run[k];
	}
	if (adjacent) {
		/* Runs side by side: one hit when only spaces part them. */
		struct tok_bounds b = { 0 };
		const char *text;
		int len, merged = 0;
		if (x->xColumnText(fc, 0, &text, &len) == SQLITE_OK &&
		    x->xTokenize(fc, text, len, &b, bounds_cb) == SQLITE_OK)
			for (int k = 1; k < hits; k++)
				if (run[k].first == run[k - 1].last + 1 &&
				    run[k].first < b.n &&
				    spaces_only(text, b.v[run[k - 1].last][1],
						b.v[run[k].first][0]))
					merged++;
		free(b.v);
		hits -= merged;
	}
	if (run != small)
		free(run);
	sqlite3_result_int(ctx, hits ? hits : columns);
}

/*
 * qcode_tf(segments_fts, columns): what bm25 needs of this row, as a blob
 * of doubles: the number of rows, their tokens, this row's tokens, then
 * each phrase's instances in the row (every column weighing 1). NULL for
 * a row that matched in its speaker's name only, unless columns (the
 * query names a column). search.c ranks with it, counting a phrase's rows
 * among the matches it reads instead of reading the phrase's whole list
 * first as bm25() does.
 */
static void stem_tf(const Fts5ExtensionApi *x, Fts5Context *fc,
		    sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	double small[16], *v = small;
	int nphrase = x->xPhraseCount(fc), n = 0, phrase, col, off, tokens = 0;
	int any = nval > 0 && sqlite3_value_int(val[0]), text = 0;
	sqlite3_int64 rows = 0, total = 0;

	if (x->xInstCount(fc, &n) != SQLITE_OK ||
	    x->xRowCount(fc, &rows) != SQLITE_OK ||
	    x->xColumnTotalSize(fc, -1, &total) != SQLITE_OK) {
		sqlite3_result_error(ctx, "qcode_tf: no instances", -1);
		return;
	}
	if (nphrase + 3 > (int)(sizeof(small) / sizeof(*small)))
		v = xcalloc((size_t)nphrase + 3, sizeof(*v));
	memset(v, 0, sizeof(*v) * ((size_t)nphrase + 3));
	for (int k = 0; k < n; k++)
		if (x->xInst(fc, k, &phrase, &col, &off) == SQLITE_OK &&
		    phrase < nphrase) {
			v[3 + phrase] += 1.0;
			text |= col == 0;
		}
	if ((text || any) && x->xColumnSize(fc, -1, &tokens) == SQLITE_OK) {
		v[0] = (double)rows;
		v[1] = (double)total;
		v[2] = (double)tokens;
		sqlite3_result_blob(ctx, v, (int)(sizeof(*v) * ((size_t)nphrase + 3)),
				    SQLITE_TRANSIENT);
	}
	if (v != small)
		free(v);
}

int stem_register(sqlite3 *db, struct qc_err *e)
{
	static fts5_tokenizer tok = { stem_create, stem_delete, stem_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (!api)
		return qc_err_set(e, QC_EIO, "sqlite: FTS5 is not available");
	if (api->xCreateTokenizer(api, "qcode", NULL, &tok, NULL) != SQLITE_OK)
		return qc_err_set(e, QC_EIO, "sqlite: cannot register tokenizer");
	if (api->xCreateFunction(api, "qcode_hits", NULL, stem_hits, NULL) !=
	    SQLITE_OK)
		return qc_err_set(e, QC_EIO, "sqlite: cannot register qcode_hits");
	if (api->xCreateFunction(api, "qcode_tf", NULL, stem_tf, NULL) !=
	    SQLITE_OK)
		return qc_err_set(e, QC_EIO, "sqlite: cannot register qcode_tf");
	return 0;
}
