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

struct stem_entry {
	unsigned char wlen, slen;	/* wlen 0: empty */
	char w[STEM_WORD], s[STEM_WORD];
};

struct stem_tok {
	struct sb_stemmer *stemmer;	/* NULL: fold only, no stemming */
	struct qc_buf fold;		/* scratch: the folded word */
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
	t->cache = xcalloc(STEM_CACHE, sizeof(*t->cache));
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void stem_delete(Fts5Tokenizer *p)
{
	struct stem_tok *t = (struct stem_tok *)p;

	sb_stemmer_delete(t->stemmer);
	qc_buf_release(&t->fold);
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
 * Words are maximal runs of word code points (text_is_word_cp). Each is
 * folded (case and diacritics) and stemmed; the scratch buffer is reused,
 * so a token costs no allocation. Pure ASCII words, the bulk of Dutch and
 * English text, are lower-cased byte by byte without utf8proc.
 */
static int stem_tokenize(Fts5Tokenizer *p, void *ctx, int flags,
			 const char *text, int len,
			 int (*token)(void *, int, const char *, int, int, int))
{
	struct stem_tok *t = (struct stem_tok *)p;
	size_t n = len > 0 ? (size_t)len : 0, i = 0;

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
		const char *w = t->fold.buf;
		size_t wl = t->fold.len;
		if (t->stemmer && wl <= STEM_WORD) {
			struct stem_entry *c = &t->cache[stem_hash(w, wl)];
			if (c->wlen != wl || memcmp(c->w, w, wl) != 0) {
				const sb_symbol *st = sb_stemmer_stem(t->stemmer,
					(const sb_symbol *)w, (int)wl);
				int sl = st ? sb_stemmer_length(t->stemmer) : -1;
				if (sl < 0 || sl > STEM_WORD)
					return SQLITE_NOMEM;
				memcpy(c->w, w, wl);
				memcpy(c->s, st, (size_t)sl);
				c->wlen = (unsigned char)wl;
				c->slen = (unsigned char)sl;
			}
			rc = token(ctx, 0, c->s, c->slen, (int)start, (int)end);
			/* A prefix (kraam*): the stem of a part word may not
			 * start the stems of whole words (kraam -> kram, but
			 * kraamzorg stays): look for the folded form too. */
			if (rc == SQLITE_OK && (flags & FTS5_TOKENIZE_PREFIX) &&
			    (c->slen != wl || memcmp(c->s, w, wl) != 0))
				rc = token(ctx, FTS5_TOKEN_COLOCATED, w, (int)wl,
					   (int)start, (int)end);
		} else if (t->stemmer && wl < 256) {
			const sb_symbol *st = sb_stemmer_stem(t->stemmer,
				(const sb_symbol *)w, (int)wl);
			if (!st)
				return SQLITE_NOMEM;
			rc = token(ctx, 0, (const char *)st,
				   sb_stemmer_length(t->stemmer), (int)start,
				   (int)end);
		} else {
			/* No stemmer, or a very long "word" (a URL, a hash):
			 * indexed folded as it is. */
			rc = token(ctx, 0, w, (int)wl, (int)start, (int)end);
		}
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/*
 * qcode_hits(segments_fts): the matches in the text column of this row, as
 * search counts them (a row that matched only its speaker counts once).
 */
static void stem_hits(const Fts5ExtensionApi *x, Fts5Context *fc,
		      sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	int n = 0, hits = 0, phrase, col, off;

	(void)nval;
	(void)val;
	if (x->xInstCount(fc, &n) != SQLITE_OK) {
		sqlite3_result_error(ctx, "qcode_hits: no instances", -1);
		return;
	}
	for (int k = 0; k < n; k++)
		if (x->xInst(fc, k, &phrase, &col, &off) == SQLITE_OK && col == 0)
			hits++;
	sqlite3_result_int(ctx, hits ? hits : 1);
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
	return 0;
}
