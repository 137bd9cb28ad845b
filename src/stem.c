/* stem: the "qcode" FTS5 tokenizer: words, folded, Snowball-stemmed. */
#include <stdlib.h>
#include <string.h>
#include <libstemmer.h>

#include "qcode/stem.h"
#include "qcode/text.h"

struct stem_tok {
	struct sb_stemmer *stemmer;	/* NULL: fold only, no stemming */
	struct qc_buf fold;		/* scratch: the folded word */
};

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
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void stem_delete(Fts5Tokenizer *p)
{
	struct stem_tok *t = (struct stem_tok *)p;

	sb_stemmer_delete(t->stemmer);
	qc_buf_release(&t->fold);
	free(t);
}

static int stem_tokenize(Fts5Tokenizer *p, void *ctx, int flags,
			 const char *text, int len,
			 int (*token)(void *, int, const char *, int, int, int))
{
	struct stem_tok *t = (struct stem_tok *)p;
	size_t n = len > 0 ? (size_t)len : 0, i = 0;

	(void)flags;
	while (i < n) {
		size_t start, end;
		int32_t cp;

		/* Skip to the next word character. */
		start = i;
		cp = text_utf8_next(text, n, &i);
		if (!text_is_word_cp(cp))
			continue;
		end = i;
		while (end < n) {
			size_t j = end;
			if (!text_is_word_cp(text_utf8_next(text, n, &j)))
				break;
			end = j;
		}
		i = end;
		qc_buf_reset(&t->fold);
		text_fold(text + start, end - start, &t->fold);
		const sb_symbol *stem = sb_stemmer_stem(t->stemmer,
			(const sb_symbol *)t->fold.buf, (int)t->fold.len);
		int rc;
		if (stem)
			rc = token(ctx, 0, (const char *)stem,
				   sb_stemmer_length(t->stemmer), (int)start, (int)end);
		else
			rc = token(ctx, 0, t->fold.buf, (int)t->fold.len,
				   (int)start, (int)end);
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
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
	return 0;
}
