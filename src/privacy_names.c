/*
 * privacy_names: names and candidate names, found word by word. See
 * src/privacy_int.h.
 *
 * A text is cut into words (runs of letters and digits); each word is
 * folded (lower case, no diacritics: "Zoë" is "zoe") and looked up in a
 * hash table of names, longest name first where names have several
 * words. A word that is no known name may still be a candidate: a
 * capitalised word that does not start a sentence and is no dictionary
 * word, or the words after a title or a kin word ("mevrouw De Vries",
 * "moeder van Samira"). The dictionaries are Debian's word lists (wdutch,
 * wamerican); without them every capitalised word inside a sentence is a
 * candidate, so a missing list redacts more, never less.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "qcode/privacy.h"
#include "qcode/text.h"
#include "qcode/util.h"
#include "privacy_int.h"

/* ---- a hash map of strings to ints ---- */

struct sent {
	char *key;	/* owned, NUL-terminated */
	size_t len;
	uint64_t h;
	int val;
};

struct smap {
	struct sent *v;	/* cap slots, key NULL: free */
	size_t cap, n;
};

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	/* FNV's low bits depend on the low bits of the bytes only: mix the
	 * high ones down before they pick a slot */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	return h ^ (h >> 33);
}

static struct sent *smap_slot(const struct smap *m, const char *k, size_t n,
			      uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->v[i].key && !(m->v[i].h == h && m->v[i].len == n &&
				!memcmp(m->v[i].key, k, n)))
		i = (i + 1) & (m->cap - 1);
	return &m->v[i];
}

/* The value of key k[0..n) whose hash is h, or -1. */
static int smap_get_h(const struct smap *m, const char *k, size_t n,
		      uint64_t h)
{
	struct sent *e;

	if (!m->n)
		return -1;
	e = smap_slot(m, k, n, h);
	return e->key ? e->val : -1;
}

/* The value of key k[0..n), or -1. */
static int smap_get(const struct smap *m, const char *k, size_t n)
{
	return m->n ? smap_get_h(m, k, n, hash(k, n)) : -1;
}

/* Set k to val unless it is there; returns its value. */
static int smap_put(struct smap *m, const char *k, size_t n, int val)
{
	uint64_t h = hash(k, n);
	struct sent *e;

	if (2 * (m->n + 1) > m->cap) {
		struct smap b = { xcalloc(m->cap ? m->cap * 2 : 64,
					  sizeof(struct sent)),
				  m->cap ? m->cap * 2 : 64, m->n };
		for (size_t i = 0; i < m->cap; i++)
			if (m->v[i].key)
				*smap_slot(&b, m->v[i].key, m->v[i].len,
					   m->v[i].h) = m->v[i];
		free(m->v);
		*m = b;
	}
	e = smap_slot(m, k, n, h);
	if (e->key)
		return e->val;
	*e = (struct sent){ xstrndup(k, n), n, h, val };
	m->n++;
	return val;
}

static void smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->v[i].key);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* ---- folding ---- */

/* Lower case without diacritics, appended to b; ASCII done here. */
static void fold(const char *s, size_t n, struct qc_buf *b)
{
	size_t i;

	for (i = 0; i < n && !((unsigned char)s[i] & 0x80); i++)
		;
	if (i < n) {
		text_fold(s, n, b);
		return;
	}
	qc_buf_grow(b, n);
	for (i = 0; i < n; i++)
		b->buf[b->len + i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i];
	qc_buf_setlen(b, b->len + n);
}

static int is_word(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	return text_is_word_cp(cp);
}

static int is_upper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int is_lower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* ---- the word lists, read once per process ---- */

#define DICT_LOWER 1	/* the word is listed in lower case */
#define DICT_CAP 2	/* ... and/or capitalised (a proper noun) */
#define DICT_LOWER_NL 4	/* in lower case in the Dutch list */
#define DICT_LOWER_EN 8	/* in lower case in an English list */

/*
 * The words of the lists, folded, in one table: an arena of entries
 * (bits, length, bytes) and open-addressed slots holding an entry's
 * offset + 1. Half a million words take some 15 MB and a few tens of
 * milliseconds to read: they are read once a process and kept, not again
 * for each command of the REPL that redacts.
 */
static struct {
	char *arena;		/* entries, one after the other */
	size_t alen, acap;
	uint64_t *slot;		/* cap slots: hash tag << 32 | offset + 1;
				 * 0: free */
	size_t cap, n;
	int state;		/* 0 unread, 1 read, -1 none found */
} dict;

/* The slot of key k[0..n) with hash tag t (32 bits of its hash): the
 * tag picks the slot and is compared before the bytes are. */
static uint64_t *dict_slot(const char *k, size_t n, uint32_t t)
{
	size_t i = (size_t)t & (dict.cap - 1);

	while (dict.slot[i]) {
		if ((uint32_t)(dict.slot[i] >> 32) == t) {
			const unsigned char *e = (unsigned char *)dict.arena +
				(uint32_t)dict.slot[i] - 1;
			if (e[1] == n && !memcmp(e + 2, k, n))
				break;
		}
		i = (i + 1) & (dict.cap - 1);
	}
	return &dict.slot[i];
}

static void dict_grow(void)
{
	uint64_t *old = dict.slot;
	size_t oldcap = dict.cap;

	/* the two shipped lists fit the first size */
	dict.cap = dict.cap ? dict.cap * 2 : 1 << 21;
	dict.slot = xcalloc(dict.cap, sizeof(uint64_t));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i]) {
			size_t j = (size_t)(old[i] >> 32) & (dict.cap - 1);
			while (dict.slot[j])
				j = (j + 1) & (dict.cap - 1);
			dict.slot[j] = old[i];
		}
	free(old);
}

static void dict_add(const char *k, size_t n, int bits)
{
	uint32_t t = (uint32_t)hash(k, n);
	uint64_t *sl;

	if (n > 255)
		return;
	if (2 * (dict.n + 1) > dict.cap)
		dict_grow();
	sl = dict_slot(k, n, t);
	if (*sl) {
		dict.arena[(uint32_t)*sl - 1] |= (char)bits;
		return;
	}
	if (dict.alen + n + 2 >= UINT32_MAX)
		return;
	if (dict.alen + n + 2 > dict.acap) {
		dict.acap = dict.acap ? dict.acap * 2 : 8 << 20;
		dict.arena = xrealloc(dict.arena, dict.acap);
	}
	dict.arena[dict.alen] = (char)bits;
	dict.arena[dict.alen + 1] = (char)n;
	memcpy(dict.arena + dict.alen + 2, k, n);
	*sl = (uint64_t)t << 32 | ((uint64_t)dict.alen + 1);
	dict.alen += n + 2;
	dict.n++;
}

/* lang_bit: DICT_LOWER_NL or _EN, for the words listed in lower case. */
static void dict_read(const char *path, int lang_bit)
{
	char *data = NULL;
	size_t len = 0, at = 0;
	struct qc_buf b = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;

	if (qc_read_file(path, 64 << 20, &data, &len, &e) < 0) {
		qc_err_release(&e);
		return;
	}
	while (at < len) {
		char *line = data + at, *nl = memchr(line, '\n', len - at);
		size_t n = nl ? (size_t)(nl - line) : len - at, i = 0;
		int bits, skip = 0;
		int32_t cp;

		at += n + 1;
		if (n && line[n - 1] == '\r')
			n--;
		if (!n)
			continue;
		/* one word a line; "Ben's", "Noord-Holland" are no words of
		 * a text cut at apostrophes and hyphens */
		for (size_t k = 0; k < n && !skip; k++)
			skip = line[k] == '\'' || line[k] == '-' ||
			       line[k] == ' ' || line[k] == '.';
		if (skip || text_utf8_invalid_at(line, n) != (size_t)-1)
			continue;
		cp = text_utf8_next(line, n, &i);
		bits = is_upper(cp) ? DICT_CAP : DICT_LOWER | lang_bit;
		qc_buf_reset(&b);
		fold(line, n, &b);
		dict_add(b.buf, b.len, bits);
		dict.state = 1;
	}
	qc_buf_release(&b);
	free(data);
}

/* QCODE_WORDLISTS (paths separated by ':') or Debian's lists. */
static void dict_load(void)
{
	static const char *const paths[] = { "/usr/share/dict/nederlands",
		"/usr/share/dict/american-english",
		"/usr/share/dict/british-english", NULL };
	const char *env = getenv("QCODE_WORDLISTS");

	dict.state = -1;
	if (env) {
		char *copy = xstrdup(env), *save = NULL;
		for (char *p = strtok_r(copy, ":", &save); p;
		     p = strtok_r(NULL, ":", &save))
			dict_read(p, strstr(p, "english") ? DICT_LOWER_EN :
				  DICT_LOWER_NL);
		free(copy);
		return;
	}
	for (int i = 0; paths[i]; i++)
		dict_read(paths[i], i ? DICT_LOWER_EN : DICT_LOWER_NL);
}

static int dict_bits(const char *k, size_t n)
{
	uint64_t *sl;

	if (dict.state != 1 || n > 255)
		return 0;
	sl = dict_slot(k, n, (uint32_t)hash(k, n));
	return *sl ? (unsigned char)dict.arena[(uint32_t)*sl - 1] : 0;
}

/* ---- fixed word sets ---- */

/* Particles of names: not a name on their own. */
static const char *const particles[] = { "de", "den", "der", "van", "von",
	"het", "t", "te", "ten", "ter", "el", "al", "la", "le", "du", "da",
	"di", "dos", "das", "del", "bin", "ibn", "mc", "st", NULL };

/* Words before a name: titles, forms of address and kin. */
static const char *const titles[] = { "mevrouw", "mevr", "mw", "meneer",
	"mnr", "dhr", "heer", "juf", "juffrouw", "meester", "dokter", "dr",
	"drs", "ir", "prof", "mrs", "mr", "ms", "miss", "sir", "madam", "zus",
	"zusje", "broer", "broertje", "moeder", "vader", "mama", "papa", "oma",
	"opa", "tante", "oom", "buurvrouw", "buurman", "neef", "nicht",
	"schoonmoeder", "schoonvader", "dochter", "dochtertje", "zoon",
	"zoontje", "vriendin", "vriend", "collega", "partner", "man", "vrouw",
	"echtgenoot", "echtgenote", "mother", "father", "mum", "mom", "dad",
	"sister", "brother", "aunt", "auntie", "uncle", "neighbour",
	"neighbor", "grandma", "grandmother", "grandpa", "grandfather",
	"daughter", "son", "husband", "wife", "friend", "nurse", "baby",
	"kindje", NULL };

/* Kin words that take "van"/"of" before the name: "moeder van Samira". */
static const char *const kin_of[] = { "moeder", "vader", "zus", "broer",
	"oma", "opa", "tante", "oom", "dochter", "zoon", "vriendin", "vriend",
	"partner", "man", "vrouw", "mother", "father", "sister", "brother",
	"daughter", "son", "husband", "wife", "friend", "buurvrouw",
	"buurman", NULL };

/* Capitalised words that are no person's name. */
static const char *const not_names[] = { "maandag", "dinsdag", "woensdag",
	"donderdag", "vrijdag", "zaterdag", "zondag", "januari", "februari",
	"maart", "april", "mei", "juni", "juli", "augustus", "september",
	"oktober", "november", "december", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday", "january", "february",
	"march", "may", "june", "july", "august", "october", "nederland",
	"nederlands", "nederlandse", "engels", "engelse", "english", "dutch",
	"british", "american", "arabisch", "turks", "marokkaans", "pools",
	"god", "allah", "here", "jezus", "kerst", "kerstmis", "christmas",
	"pasen", "easter", "ramadan", "suikerfeest", "teams", "zoom", "skype",
	"whatsapp", "facebook", "instagram", "google", "youtube", "tiktok",
	"corona", "covid", "internet", "europa", "europe", "ok", "oke", "nhs",
	"gp", "uk", "usa", "eu", "tv", "u", "mijnheer", NULL };

/* Role words: a label of only these (and numbers) names no person. */
static const char *const role_words[] = { "moderator", "interviewer",
	"onderzoeker", "gespreksleider", "verloskundige", "kraamzorg",
	"kraamverzorgende", "ouder", "moeder", "vader", "deelnemer",
	"participant", "researcher", "midwife", "parent", "jgz",
	"facilitator", "notulist", "spreker", "speaker", "respondent",
	"interviewee", "observator", "observer", "tolk", "interpreter",
	"huisarts", "ziekenhuis", "hospital", "mother", "father", "unknown",
	"onbekend", NULL };

/* Words before a place: "naar Delft", not a person. */
static const char *const place_preps[] = { "in", "uit", "naar", "te",
	"vanuit", "richting", "from", NULL };

/* Title abbreviations that end in a full stop inside a sentence. */
static const char *const abbrevs[] = { "mw", "mevr", "dhr", "mnr", "dr",
	"drs", "ir", "prof", "mr", "mrs", "ms", "st", "geb", "fam", NULL };

int privacy_abbrev_at(const char *s, size_t dot)
{
	size_t b = dot;

	while (b > 0 && isalpha((unsigned char)s[b - 1]))
		b--;
	if (b > 0 && !isspace((unsigned char)s[b - 1]) && s[b - 1] != '(' &&
	    s[b - 1] != '"' && s[b - 1] != '\'')
		return 0;	/* the end of something else: "www.x", "3." */
	if (dot - b == 1)
		return isupper((unsigned char)s[b]);	/* an initial "J." */
	for (int i = 0; abbrevs[i]; i++)
		if (strlen(abbrevs[i]) == dot - b &&
		    !strncasecmp(abbrevs[i], s + b, dot - b))
			return 1;
	return 0;
}

static void set_fill(struct smap *m, const char *const *w)
{
	for (int i = 0; w[i]; i++)
		smap_put(m, w[i], strlen(w[i]), 1);
}

/* ---- the namebook ---- */

struct nentry {
	char *repl;		/* owned */
	int whole;		/* a whole name, not a part of one */
	int ambig;		/* one word that is a dictionary word too */
};

#define T_CAP 1		/* begins with a capital */
#define T_ALLCAPS 2	/* two or more capitals, no small letters */
#define T_INNER 4	/* a capital after small letters (WhatsApp) */
#define T_DIGIT 8
#define T_SENT 16	/* begins a sentence */

struct tok {
	size_t s, e;		/* bytes of the text */
	size_t fo, fl;		/* its folded form in nb->fold */
	uint64_t h;		/* and that form's hash */
	unsigned flags;
	unsigned ncp;
};

struct namebook {
	struct smap names;	/* folded name (words joined by ' ') -> entry */
	struct smap first;	/* first words of names of several words */
	struct nentry *e;
	size_t ne, ealloc;
	int maxtok;		/* most words in one name */
	int candidates;
	int lower_bit;		/* DICT_LOWER_NL or _EN: the text's language */
	char *generic;		/* a candidate's replacement */
	struct smap keep;	/* never candidates */
	struct smap particles, titles, kin_of, not_names, roles, preps,
		    abbrevs;
	struct tok *t;		/* the words of the text being scanned */
	size_t nt, talloc;
	struct qc_buf fold, key;
	struct nb_match *m;
	size_t nm, malloc_;
};

struct namebook *namebook_new(int candidates, const char *generic,
			      const char *lang)
{
	struct namebook *nb = xcalloc(1, sizeof(*nb));

	if (!dict.state)
		dict_load();
	nb->candidates = candidates;
	nb->lower_bit = lang && !strcmp(lang, "en") ? DICT_LOWER_EN :
			DICT_LOWER_NL;
	nb->generic = xstrdup(generic);
	nb->maxtok = 1;
	qc_buf_init(&nb->fold);
	qc_buf_init(&nb->key);
	set_fill(&nb->particles, particles);
	set_fill(&nb->titles, titles);
	set_fill(&nb->kin_of, kin_of);
	set_fill(&nb->not_names, not_names);
	set_fill(&nb->roles, role_words);
	set_fill(&nb->preps, place_preps);
	set_fill(&nb->abbrevs, abbrevs);
	return nb;
}

void namebook_free(struct namebook *nb)
{
	if (!nb)
		return;
	for (size_t i = 0; i < nb->ne; i++)
		free(nb->e[i].repl);
	free(nb->e);
	smap_free(&nb->names);
	smap_free(&nb->first);
	smap_free(&nb->keep);
	smap_free(&nb->particles);
	smap_free(&nb->titles);
	smap_free(&nb->kin_of);
	smap_free(&nb->not_names);
	smap_free(&nb->roles);
	smap_free(&nb->preps);
	smap_free(&nb->abbrevs);
	free(nb->t);
	free(nb->m);
	qc_buf_release(&nb->fold);
	qc_buf_release(&nb->key);
	free(nb->generic);
	free(nb);
}

size_t namebook_size(const struct namebook *nb)
{
	return nb->ne;
}

/*
 * Cut text into words, folded into nb->fold. A word begins a sentence
 * when nothing but spaces and quotes come before it, or a full stop,
 * question or exclamation mark or line break does (not the full stop of
 * "mw." or of an initial "J.").
 */
static void tokenize(struct namebook *nb, const char *text, size_t len)
{
	size_t i = 0, prev_end = 0;
	int have_prev = 0;

	nb->nt = 0;
	qc_buf_reset(&nb->fold);
	while (i < len) {
		size_t s = i, j;
		int32_t cp;
		struct tok t = { 0 };
		unsigned up = 0, low = 0;
		int sent = 0;

		if ((unsigned char)text[i] < 0x80) {
			cp = (unsigned char)text[i];
			j = i + 1;
		} else {
			j = i;
			cp = text_utf8_next(text, len, &j);
		}
		if (!is_word(cp)) {
			i = j;
			continue;
		}
		/* the word */
		t.s = s;
		while (i < len) {
			size_t k = i;
			unsigned char c = (unsigned char)text[i];
			/* the common case: a small ASCII letter */
			if (c >= 'a' && c <= 'z') {
				low++;
				t.ncp++;
				i++;
				continue;
			}
			cp = c < 0x80 ? (k++, c) : text_utf8_next(text, len, &k);
			if (!is_word(cp))
				break;
			if (is_upper(cp)) {
				if (!t.ncp)
					t.flags |= T_CAP;
				else if (low)
					t.flags |= T_INNER;
				up++;
			} else if (is_lower(cp)) {
				low++;
			} else if (cp >= '0' && cp <= '9') {
				t.flags |= T_DIGIT;
			}
			t.ncp++;
			i = k;
		}
		t.e = i;
		if (up >= 2 && !low)
			t.flags |= T_ALLCAPS;
		/* what came before it */
		if (!have_prev) {
			sent = 1;
		} else {
			for (size_t k = prev_end; k < s && !sent; k++) {
				unsigned char c = (unsigned char)text[k];
				if (c == '!' || c == '?' || c == '\n')
					sent = 1;
				else if (c == 0xE2 && k + 2 < s &&
					 (unsigned char)text[k + 1] == 0x80 &&
					 (unsigned char)text[k + 2] == 0xA6)
					sent = 1;
				else if (c == '.') {
					const struct tok *p = &nb->t[nb->nt - 1];
					int abbr = k == prev_end &&
						((p->ncp == 1 && (p->flags & T_CAP)) ||
						 smap_get(&nb->abbrevs,
							  nb->fold.buf + p->fo,
							  p->fl) >= 0);
					sent = !abbr;
				}
			}
		}
		if (sent)
			t.flags |= T_SENT;
		t.fo = nb->fold.len;
		fold(text + t.s, t.e - t.s, &nb->fold);
		t.fl = nb->fold.len - t.fo;
		t.h = hash(nb->fold.buf + t.fo, t.fl);
		QC_GROW(nb->t, nb->nt, nb->talloc);
		nb->t[nb->nt++] = t;
		prev_end = t.e;
		have_prev = 1;
	}
}

#define F(t) (nb->fold.buf + (t)->fo), ((t)->fl)

/* May words a and a+1 be two words of one name: only spaces, hyphens,
 * a comma or an apostrophe between them. */
static int joinable(const struct namebook *nb, const char *text, size_t a)
{
	size_t s = nb->t[a].e, e = nb->t[a + 1].s;

	if (e - s > 6)
		return 0;
	for (size_t k = s; k < e; k++) {
		unsigned char c = (unsigned char)text[k];
		if (c == ' ' || c == '-' || c == ',' || c == '\'' || c == '\t')
			continue;
		/* ’ and a no-break space */
		if ((c == 0xE2 && k + 2 < e + 1 && (unsigned char)text[k + 1] ==
		     0x80 && (unsigned char)text[k + 2] == 0x99) ||
		    (c == 0xC2 && k + 1 < e && (unsigned char)text[k + 1] ==
		     0xA0)) {
			k += c == 0xE2 ? 2 : 1;
			continue;
		}
		return 0;
	}
	return 1;
}

/* Only a space between words a and a+1. */
static int spaced(const struct namebook *nb, const char *text, size_t a)
{
	size_t s = nb->t[a].e, e = nb->t[a + 1].s;
	return e == s + 1 && text[s] == ' ';
}

static void emit(struct namebook *nb, size_t s, size_t e, enum nb_kind k,
		 const char *repl)
{
	QC_GROW(nb->m, nb->nm, nb->malloc_);
	nb->m[nb->nm++] = (struct nb_match){ s, e, k, repl };
}

static int in_set(const struct smap *m, const struct namebook *nb,
		  const struct tok *t)
{
	return smap_get_h(m, nb->fold.buf + t->fo, t->fl, t->h) >= 0;
}

/* The entry of the known name that is word t, or -1. */
static int name_of(const struct namebook *nb, const struct tok *t)
{
	return smap_get_h(&nb->names, nb->fold.buf + t->fo, t->fl, t->h);
}

/* The entry of a whole known name of words [i, i+k), or -1. */
static int lookup_words(struct namebook *nb, const char *text, size_t i,
			size_t k)
{
	qc_buf_reset(&nb->key);
	for (size_t w = i; w < i + k; w++) {
		if (w > i && !joinable(nb, text, w - 1))
			return -1;
		if (w > i)
			qc_buf_addch(&nb->key, ' ');
		qc_buf_add(&nb->key, nb->fold.buf + nb->t[w].fo, nb->t[w].fl);
	}
	return smap_get(&nb->names, nb->key.buf, nb->key.len);
}

/* A word that may be part of a name next to one: capitalised, no
 * acronym, number or word that is no name. Inside a sentence a capital
 * says enough ("Marloes Kuipers"); a word that begins one must be
 * unknown to the word lists or listed capitalised (Grace, Bakker). */
static int surname_like(struct namebook *nb, const struct tok *t)
{
	int bits;

	if (!(t->flags & T_CAP) || (t->flags & (T_ALLCAPS | T_DIGIT)) ||
	    t->ncp < 2 || in_set(&nb->not_names, nb, t) ||
	    in_set(&nb->titles, nb, t) || in_set(&nb->keep, nb, t) ||
	    in_set(&nb->particles, nb, t) || name_of(nb, t) >= 0)
		return 0;
	if (!(t->flags & T_SENT))
		return 1;
	bits = dict_bits(F(t));
	return !bits || (bits & DICT_CAP);
}

/* How far a name goes on after word i-1: capitalised name-like words,
 * with particles between ("van der"). Returns the index past it. */
static size_t extend(struct namebook *nb, const char *text, size_t i)
{
	size_t j = i;

	while (j < nb->nt && j > 0 && spaced(nb, text, j - 1) &&
	       !(nb->t[j].flags & T_SENT)) {
		if (surname_like(nb, &nb->t[j])) {
			j++;
			continue;
		}
		/* particles count only before such a word */
		size_t p = j;
		while (p < nb->nt && in_set(&nb->particles, nb, &nb->t[p]) &&
		       p + 1 < nb->nt && spaced(nb, text, p))
			p++;
		if (p > j && p < nb->nt && surname_like(nb, &nb->t[p])) {
			j = p + 1;
			continue;
		}
		break;
	}
	return j;
}

/* Is word i a possible name (a seed): see the file's comment. */
static int seed(struct namebook *nb, const char *text, size_t len, size_t i)
{
	const struct tok *t = &nb->t[i];
	int bits;

	/* a file name ("int03_esther.txt"): a word the lists know only as
	 * a proper noun, in lower case */
	if (!(t->flags & T_CAP) && ((t->s > 0 && text[t->s - 1] == '_') ||
				    (t->e < len && text[t->e] == '_')))
		return dict.state == 1 && t->ncp >= 3 && !(t->flags & T_DIGIT) &&
		       dict_bits(F(t)) == DICT_CAP && !in_set(&nb->keep, nb, t);

	if (!(t->flags & T_CAP) || (t->flags & (T_ALLCAPS | T_INNER | T_DIGIT)) ||
	    t->ncp < 2 || in_set(&nb->not_names, nb, t) ||
	    in_set(&nb->keep, nb, t) || in_set(&nb->titles, nb, t) ||
	    in_set(&nb->particles, nb, t))
		return 0;
	if (i > 0 && in_set(&nb->preps, nb, &nb->t[i - 1]) &&
	    !(t->flags & T_SENT))
		return 0;
	if (dict.state != 1)
		return !(t->flags & T_SENT);
	bits = dict_bits(F(t));
	if (t->flags & T_SENT)
		return bits == DICT_CAP;
	return !(bits & DICT_LOWER);
}

/* After a title or kin word: "mevrouw De Vries", "moeder van Samira". */
static int after_title(struct namebook *nb, const char *text, size_t i)
{
	const struct tok *p;

	if (i == 0)
		return 0;
	p = &nb->t[i - 1];
	if (in_set(&nb->titles, nb, p) && nb->t[i].s - p->e <= 3)
		return 1;
	if (i >= 2 && ((p->fl == 3 && !memcmp(nb->fold.buf + p->fo, "van", 3)) ||
	    (p->fl == 2 && !memcmp(nb->fold.buf + p->fo, "of", 2))) &&
	    in_set(&nb->kin_of, nb, &nb->t[i - 2]) && spaced(nb, text, i - 2) &&
	    spaced(nb, text, i - 1))
		return 1;
	return 0;
}

/* The candidate name that begins at word i (or at words just before it
 * that belong to it), as words [*from, return); 0 when none. */
static size_t candidate(struct namebook *nb, const char *text, size_t len,
			size_t i, size_t floor, size_t *from)
{
	const struct tok *t = &nb->t[i];
	size_t j;

	*from = i;
	/* most words: in lower case, no file name, no particle after a
	 * title */
	if (!(t->flags & T_CAP) &&
	    !(t->s > 0 && text[t->s - 1] == '_') &&
	    !(t->e < len && text[t->e] == '_') &&
	    !(i > 0 && in_set(&nb->particles, nb, t)))
		return 0;
	if (in_set(&nb->keep, nb, t))
		return 0;
	/* "moeder van Samira": the name comes after "van" */
	if (i > 0 && ((t->fl == 3 && !memcmp(nb->fold.buf + t->fo, "van", 3)) ||
		      (t->fl == 2 && !memcmp(nb->fold.buf + t->fo, "of", 2))) &&
	    in_set(&nb->kin_of, nb, &nb->t[i - 1]))
		return 0;
	if (after_title(nb, text, i) && !(t->flags & T_DIGIT) &&
	    !(t->flags & T_ALLCAPS)) {
		/* a capitalised word or particles before one */
		j = i;
		while (j < nb->nt && in_set(&nb->particles, nb, &nb->t[j]) &&
		       j + 1 < nb->nt && spaced(nb, text, j))
			j++;
		if (j < nb->nt && (nb->t[j].flags & T_CAP) &&
		    !(nb->t[j].flags & T_DIGIT) &&
		    !in_set(&nb->not_names, nb, &nb->t[j]) &&
		    !in_set(&nb->keep, nb, &nb->t[j]) &&
		    (j == i || spaced(nb, text, j - 1)))
			return extend(nb, text, j + 1);
		return 0;
	}
	/* "ik sprak De Vries": a capitalised particle inside a sentence */
	if ((t->flags & T_CAP) && !(t->flags & T_SENT) &&
	    in_set(&nb->particles, nb, t)) {
		j = extend(nb, text, i + 1);
		return j > i + 1 ? j : 0;
	}
	if (!seed(nb, text, len, i))
		return 0;
	if (!(t->flags & T_CAP))
		return i + 1;
	/* capitalised name-like words before it ("Grace Okafor") */
	while (*from > floor && spaced(nb, text, *from - 1) &&
	       !(nb->t[*from].flags & T_SENT) &&
	       surname_like(nb, &nb->t[*from - 1]))
		(*from)--;
	return extend(nb, text, i + 1);
}

/* A word that ends where a speaker's label ends: "Ben:", "**Ben:**". */
static int is_label(const char *text, size_t len, size_t e)
{
	while (e < len && text[e] == '*')
		e++;
	return e < len && text[e] == ':';
}

size_t namebook_scan(struct namebook *nb, const char *text, size_t len,
		     const struct nb_match **out)
{
	size_t i = 0, floor = 0;

	nb->nm = 0;
	tokenize(nb, text, len);
	while (i < nb->nt) {
		const struct tok *t = &nb->t[i];
		int ix = -1;
		size_t k = 1, from;

		/* the longest known name from here */
		if (nb->maxtok > 1 &&
		    smap_get_h(&nb->first, nb->fold.buf + t->fo, t->fl, t->h) >= 0)
			for (k = (size_t)nb->maxtok < nb->nt - i ?
			     (size_t)nb->maxtok : nb->nt - i; k >= 2; k--)
				if ((ix = lookup_words(nb, text, i, k)) >= 0)
					break;
		if (ix < 0) {
			k = 1;
			ix = name_of(nb, t);
			/* "Ingrids": the genitive of a name */
			if (ix < 0 && (t->flags & T_CAP) && t->fl > 3 &&
			    nb->fold.buf[t->fo + t->fl - 1] == 's' &&
			    (ix = smap_get(&nb->names, nb->fold.buf + t->fo,
					   t->fl - 1)) >= 0 && nb->e[ix].ambig)
				ix = -1;
		}
		if (ix >= 0) {
			const struct nentry *e = &nb->e[ix];
			size_t j;
			if (k == 1 && e->ambig && (!(t->flags & T_CAP) ||
			    ((t->flags & T_SENT) && !is_label(text, len, t->e)))) {
				emit(nb, t->s, t->e, NB_KEPT, e->repl);
				i++;
				continue;
			}
			emit(nb, t->s, nb->t[i + k - 1].e, NB_NAME, e->repl);
			i += k;
			/* a surname after a known first name */
			if (nb->candidates && (j = extend(nb, text, i)) > i) {
				emit(nb, nb->t[i].s, nb->t[j - 1].e,
				     NB_CANDIDATE, nb->generic);
				i = j;
			}
			floor = i;
			continue;
		}
		if (nb->candidates &&
		    (k = candidate(nb, text, len, i, floor, &from)) > 0) {
			emit(nb, nb->t[from].s, nb->t[k - 1].e, NB_CANDIDATE,
			     nb->generic);
			i = floor = k;
			continue;
		}
		i++;
	}
	*out = nb->m;
	return nb->nm;
}

/* ---- adding names ---- */

struct words {
	char **w;	/* folded words, owned */
	size_t n;
	size_t comma;	/* the word before which a comma stood, or 0 */
};

static void words_of(const char *s, struct words *o)
{
	size_t len = strlen(s), i = 0;
	struct qc_buf b = QC_BUF_INIT;

	memset(o, 0, sizeof(*o));
	while (i < len) {
		size_t st = i, k = i;
		int32_t cp = text_utf8_next(s, len, &k);
		if (!is_word(cp)) {
			if (s[i] == ',' && o->n && !o->comma)
				o->comma = o->n;
			i = k;
			continue;
		}
		while (i < len) {
			k = i;
			cp = text_utf8_next(s, len, &k);
			if (!is_word(cp))
				break;
			i = k;
		}
		qc_buf_reset(&b);
		fold(s + st, i - st, &b);
		o->w = xreallocarray(o->w, o->n + 1, sizeof(char *));
		o->w[o->n++] = xstrdup(b.buf);
	}
	qc_buf_release(&b);
}

static void words_free(struct words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->w[i]);
	free(w->w);
}

static int all_digits(const char *s)
{
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static void put(struct namebook *nb, char **w, size_t n, const char *repl,
		int whole)
{
	int ix;

	qc_buf_reset(&nb->key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			qc_buf_addch(&nb->key, ' ');
		qc_buf_adds(&nb->key, w[i]);
	}
	if (!nb->key.len)
		return;
	ix = smap_put(&nb->names, nb->key.buf, nb->key.len, (int)nb->ne);
	if (ix < (int)nb->ne) {
		if (whole && !nb->e[ix].whole) {
			free(nb->e[ix].repl);
			nb->e[ix].repl = xstrdup(repl);
			nb->e[ix].whole = 1;
		}
		return;
	}
	QC_GROW(nb->e, nb->ne, nb->ealloc);
	nb->e[nb->ne].repl = xstrdup(repl);
	nb->e[nb->ne].whole = whole;
	/* a word of the project's language: "ben" in Dutch, "grace" in
	 * English */
	nb->e[nb->ne].ambig = n == 1 &&
		(dict_bits(w[0], strlen(w[0])) & nb->lower_bit);
	nb->ne++;
	if (n > 1) {
		smap_put(&nb->first, w[0], strlen(w[0]), 1);
		if ((int)n > nb->maxtok)
			nb->maxtok = n > 8 ? 8 : (int)n;
	}
}

static int in_list(const char *w, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(w, list[i]))
			return 1;
	return 0;
}

/* A word of a name that is a name on its own. */
static int is_part(const char *w)
{
	return text_cp_count(w, strlen(w)) >= 2 && !all_digits(w) &&
	       !in_list(w, particles) && !in_list(w, titles) &&
	       !in_list(w, role_words);
}

int namebook_add(struct namebook *nb, const char *name, const char *repl)
{
	struct words w;
	size_t nparts = 0;

	words_of(name, &w);
	for (size_t i = 0; i < w.n; i++)
		nparts += is_part(w.w[i]);
	if (!nparts) {
		words_free(&w);
		return 0;
	}
	if (w.n <= 8)
		put(nb, w.w, w.n, repl, 1);
	/* "Vermeulen, Ingrid" is "Ingrid Vermeulen" */
	if (w.comma && w.n <= 8) {
		char **r = xreallocarray(NULL, w.n, sizeof(char *));
		size_t k = 0;
		for (size_t i = w.comma; i < w.n; i++)
			r[k++] = w.w[i];
		for (size_t i = 0; i < w.comma; i++)
			r[k++] = w.w[i];
		put(nb, r, w.n, repl, 1);
		free(r);
	}
	if (w.n > 1)
		for (size_t i = 0; i < w.n; i++)
			if (is_part(w.w[i]))
				put(nb, &w.w[i], 1, repl, 0);
	words_free(&w);
	return 1;
}

int namebook_is_role(const char *label, const char *role)
{
	struct words w;
	int person = 0;

	if (!label || strlen(label) < 2)
		return 1;
	if (role && *role) {
		struct qc_buf a = QC_BUF_INIT, b = QC_BUF_INIT;
		fold(label, strlen(label), &a);
		fold(role, strlen(role), &b);
		person = !strcmp(a.buf, b.buf);
		qc_buf_release(&a);
		qc_buf_release(&b);
		if (person)
			return 1;
	}
	words_of(label, &w);
	for (size_t i = 0; i < w.n && !person; i++)
		person = is_part(w.w[i]);
	words_free(&w);
	return !person;
}

void namebook_keep(struct namebook *nb, const char *name)
{
	struct words w;

	words_of(name, &w);
	for (size_t i = 0; i < w.n; i++)
		smap_put(&nb->keep, w.w[i], strlen(w.w[i]), 1);
	words_free(&w);
}
