/*
 * import: decoding, front matter, speaker-turn segmentation, WebVTT and
 * SRT. Everything here works on bytes in memory and never touches the
 * project; src/import_store.c stores what it finds.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <yaml.h>

#include "qcode/import.h"
#include "qcode/json.h"
#include "qcode/refi.h"
#include "qcode/text.h"
#include "qcode/yamldoc.h"

void import_doc_init(struct import_doc *d)
{
	memset(d, 0, sizeof(*d));
	qc_buf_init(&d->text);
	d->format = "text";
}

static void kv_free(struct import_kv *kv, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(kv[i].key);
		free(kv[i].value);
	}
	free(kv);
}

void import_doc_release(struct import_doc *d)
{
	for (size_t i = 0; i < d->nturns; i++)
		free(d->turns[i].speaker);
	free(d->turns);
	qc_buf_release(&d->text);
	free(d->kind);
	free(d->title);
	free(d->date);
	kv_free(d->attrs, d->nattrs);
	kv_free(d->roles, d->nroles);
	import_doc_init(d);
}

static struct import_turn *add_turn(struct import_doc *d, const char *speaker,
				    size_t slen, long long start_ms,
				    size_t start, size_t end)
{
	struct import_turn *t;

	if (d->nturns == d->aturns) {
		d->aturns = d->aturns ? 2 * d->aturns : 64;
		d->turns = xreallocarray(d->turns, d->aturns, sizeof(*d->turns));
	}
	t = &d->turns[d->nturns++];
	t->speaker = speaker ? xstrndup(speaker, slen) : NULL;
	t->start_ms = start_ms;
	t->end_ms = -1;
	t->start = start;
	t->end = end;
	return t;
}

static void add_kv(struct import_kv **kv, size_t *n, const char *k,
		   const char *v)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*kv)[i].key, k) == 0) {
			free((*kv)[i].value);
			(*kv)[i].value = xstrdup(v);
			return;
		}
	*kv = xreallocarray(*kv, *n + 1, sizeof(**kv));
	(*kv)[*n].key = xstrdup(k);
	(*kv)[*n].value = xstrdup(v);
	(*n)++;
}

int import_kind_ok(const char *k)
{
	static const char *const kinds[] = { "focus-group", "interview",
		"observation", "document", "literature", "case-review",
		"questionnaire", NULL };
	for (int i = 0; kinds[i]; i++)
		if (strcmp(k, kinds[i]) == 0)
			return 1;
	return 0;
}

/* ---- decoding ---- */

/* Windows-1252 0x80-0x9F; the rest of the range is Latin-1. */
static const uint16_t cp1252_hi[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static int decode_utf16(const unsigned char *p, size_t len, int be,
			struct qc_buf *out, struct qc_err *e)
{
	if (len % 2)
		return qc_err_set(e, QC_EDATA, "UTF-16 text with an odd number"
				  " of bytes (truncated?)");
	for (size_t i = 0; i < len; i += 2) {
		uint32_t u = be ? (p[i] << 8 | p[i + 1]) : (p[i + 1] << 8 | p[i]);
		if (u == 0)
			return qc_err_set(e, QC_EDATA, "NUL character at byte %zu",
					  i);
		if (u >= 0xD800 && u < 0xDC00) {
			uint32_t v;
			if (i + 3 >= len)
				return qc_err_set(e, QC_EDATA, "broken UTF-16"
						  " surrogate at byte %zu", i);
			v = be ? (p[i + 2] << 8 | p[i + 3]) :
				 (p[i + 3] << 8 | p[i + 2]);
			if (v < 0xDC00 || v > 0xDFFF)
				return qc_err_set(e, QC_EDATA, "broken UTF-16"
						  " surrogate at byte %zu", i);
			u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
			i += 2;
		} else if (u >= 0xDC00 && u <= 0xDFFF) {
			return qc_err_set(e, QC_EDATA, "broken UTF-16 surrogate"
					  " at byte %zu", i);
		}
		text_utf8_put(out, (int32_t)u);
	}
	return 0;
}

int import_decode(const char *data, size_t len, const char *encoding,
		  struct qc_buf *out, struct qc_err *e)
{
	const unsigned char *p = (const unsigned char *)data;
	const char *enc = encoding ? encoding : "utf-8";
	size_t bad;

	if (strcmp(enc, "utf-16") == 0 || strcmp(enc, "auto") == 0 ||
	    strcmp(enc, "utf-8") == 0) {
		if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
			return decode_utf16(p + 2, len - 2, 0, out, e);
		if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
			return decode_utf16(p + 2, len - 2, 1, out, e);
		if (strcmp(enc, "utf-16") == 0)
			return decode_utf16(p, len, 0, out, e);
	} else if (strcmp(enc, "cp1252") != 0) {
		return qc_err_set(e, QC_EUSAGE, "unknown encoding '%s' (use auto,"
				  " utf-8, utf-16 or cp1252)", enc);
	}
	if (memchr(data, 0, len))
		return qc_err_set(e, QC_EDATA, "NUL byte at offset %zu: not a"
				  " text file",
				  (size_t)((const char *)memchr(data, 0, len) - data));
	bad = strcmp(enc, "cp1252") == 0 ? 0 : text_utf8_invalid_at(data, len);
	if (bad == (size_t)-1) {
		size_t skip = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
		qc_buf_add(out, data + skip, len - skip);
		return 0;
	}
	if (strcmp(enc, "utf-8") == 0)
		return qc_err_set(e, QC_EDATA, "invalid UTF-8 at byte %zu (try"
				  " --encoding cp1252 or --encoding auto)", bad);
	for (size_t i = 0; i < len; i++) {
		if (p[i] < 0x80)
			qc_buf_addch(out, p[i]);
		else if (p[i] < 0xA0)
			text_utf8_put(out, cp1252_hi[p[i] - 0x80]);
		else
			text_utf8_put(out, p[i]);
	}
	return 0;
}

static const char *find(const char *s, size_t n, const char *what)
{
	size_t w = strlen(what);
	for (size_t i = 0; i + w <= n; i++)
		if (!memcmp(s + i, what, w))
			return s + i;
	return NULL;
}

/* ---- times and labels ---- */

long long import_parse_time(const char *s, size_t len)
{
	long long part[3] = { 0, 0, 0 }, ms = 0;
	int np = 0;
	size_t i = 0;

	while (np < 3) {
		size_t st = i;
		long long v = 0;
		while (i < len && isdigit((unsigned char)s[i]) && i - st < 3)
			v = v * 10 + (s[i++] - '0');
		if (i == st || (np > 0 && i - st != 2))
			return -1;
		part[np++] = v;
		if (i < len && s[i] == ':')
			i++;
		else
			break;
	}
	if (np < 2)
		return -1;
	if (i < len && (s[i] == '.' || s[i] == ',')) {
		size_t st = ++i;
		while (i < len && isdigit((unsigned char)s[i]) && i - st < 3)
			ms = ms * 10 + (s[i++] - '0');
		if (i - st != 3)
			return -1;
	}
	if (i != len)
		return -1;
	if (np == 2)
		return ((part[0] * 60 + part[1]) * 1000) + ms;
	if (part[1] > 59 || part[2] > 59)
		return -1;
	return ((part[0] * 3600 + part[1] * 60 + part[2]) * 1000) + ms;
}

/* A bracketed time "[12:34]" or "[00:12:34]" at s; its length or 0. */
static size_t bracket_time(const char *s, size_t n, long long *ms)
{
	size_t i = 1;

	if (n < 7 || s[0] != '[')
		return 0;
	while (i < n && i < 14 && s[i] != ']')
		i++;
	if (i >= n || s[i] != ']')
		return 0;
	*ms = import_parse_time(s + 1, i - 1);
	if (*ms < 0)
		return 0;
	/* [hh:mm] in field notes: hours and minutes, not minutes and seconds */
	{
		int colons = 0;
		for (size_t k = 1; k < i; k++)
			colons += s[k] == ':';
		if (colons == 1)
			*ms *= 60;
	}
	i++;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static int upper_cp(int32_t c)
{
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

/* A later word of a name: capitalised, a number, or a particle of a
 * Dutch or other surname ("Karin de Vries", "Ouder 2"), so that "Let op
 * dit:" is no speaker. */
static int word_ok(const char *s, size_t n)
{
	static const char *const particles[] = { "de", "van", "der", "den",
		"het", "ter", "ten", "te", "'t", "la", "le", "du", "da", "di",
		"von", "el", "al", "bin", "ibn", NULL };
	size_t w = 0, i = 0;

	while (w < n && s[w] != ' ')
		w++;
	if (w == 0)
		return 0;
	if (s[0] >= '0' && s[0] <= '9')
		return 1;
	for (int k = 0; particles[k]; k++)
		if (strlen(particles[k]) == w && !memcmp(s, particles[k], w))
			return 1;
	return upper_cp(text_utf8_next(s, n, &i));
}

/* Is s[0..n) a plausible speaker name: one to four words, starting with a
 * capital letter, letters, digits and . - ' only, and at most one comma
 * after the first word ("Vermeulen, Ingrid", as Teams writes names)? */
/* A diarization label: "spk_0" (AWS Transcribe), "SPEAKER_00" (pyannote,
 * WhisperX). */
static int diarization_label(const char *s, size_t n)
{
	static const char *const pre[] = { "spk_", "SPEAKER_", "Speaker_",
					   "speaker_", NULL };
	for (int k = 0; pre[k]; k++) {
		size_t p = strlen(pre[k]), i = p;
		if (n <= p || n > p + 3 || memcmp(s, pre[k], p))
			continue;
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
		return i == n;
	}
	return 0;
}

static int name_ok(const char *s, size_t n)
{
	size_t i = 0, words = 1, cps = 0;
	int comma = 0;
	int32_t c;

	if (n == 0 || n > 80)
		return 0;
	if (diarization_label(s, n))
		return 1;
	c = text_utf8_next(s, n, &i);
	if (!upper_cp(c))
		return 0;
	while (i < n) {
		c = text_utf8_next(s, n, &i);
		if (++cps > 40)
			return 0;
		if (c == ' ') {
			if (s[i - 2] == ' ' || ++words > 4 ||
			    !word_ok(s + i, n - i))
				return 0;
		} else if (c == ',') {
			if (comma++ || words > 1 || i >= n || s[i] != ' ')
				return 0;
		} else if (!text_is_word_cp(c) && c != '.' && c != '-' &&
			   c != '\'' && c != 0x2019) {
			return 0;
		}
	}
	return s[n - 1] != ' ';
}

/*
 * A speaker label at the start of line l[0..n): `Name:`, `**Name:**`,
 * `**Name**:`, `[00:12:34] Name:`, `Name (00:12:34):`, `NAME:`. On success
 * sets the name's span, where the turn's text starts and the time (or -1).
 */
static int parse_label(const char *l, size_t n, size_t *ns, size_t *ne,
		       size_t *text, long long *ms)
{
	size_t i = 0, end, colon;

	*ms = -1;
	i = bracket_time(l, n, ms);
	if (i == 0 && n > 3 && l[0] == '[') {
		/* "[SPEAKER_00]: text", as WhisperX writes a diarized turn */
		const char *close = memchr(l, ']', n < 82 ? n : 82);
		end = close ? (size_t)(close - l) : 0;
		if (end > 1 && end + 1 < n && l[end + 1] == ':' &&
		    name_ok(l + 1, end - 1)) {
			*ns = 1;
			*ne = end;
			*text = end + 2;
			while (*text < n && (l[*text] == ' ' || l[*text] == '\t'))
				(*text)++;
			return 1;
		}
	}
	if (i + 4 < n && l[i] == '*' && l[i + 1] == '*') {
		const char *close = NULL;
		for (size_t k = i + 2; k + 1 < n; k++)
			if (l[k] == '*' && l[k + 1] == '*') {
				close = l + k;
				break;
			}
		if (!close)
			return 0;
		end = (size_t)(close - l);
		size_t after = end + 2;
		if (end > i + 2 && l[end - 1] == ':')
			end--;
		else if (after < n && l[after] == ':')
			after++;
		else
			return 0;
		if (!name_ok(l + i + 2, end - i - 2))
			return 0;
		*ns = i + 2;
		*ne = end;
		*text = after;
	} else {
		/* the first colon that ends a word: "Jan (00:13:05): " */
		colon = i;
		while (colon < n && !(l[colon] == ':' && (colon + 1 == n ||
			l[colon + 1] == ' ' || l[colon + 1] == '\t')))
			colon++;
		if (colon >= n || colon - i > 80)
			return 0;
		end = colon;
		/* Name (00:12:34): */
		if (end > i && l[end - 1] == ')') {
			size_t open = end - 1;
			while (open > i && l[open] != '(')
				open--;
			if (l[open] == '(') {
				long long t = import_parse_time(l + open + 1,
								end - open - 2);
				if (t >= 0) {
					*ms = t;
					end = open;
					while (end > i && l[end - 1] == ' ')
						end--;
				}
			}
		}
		if (!name_ok(l + i, end - i))
			return 0;
		*ns = i;
		*ne = end;
		*text = colon + 1;
	}
	while (*text < n && (l[*text] == ' ' || l[*text] == '\t'))
		(*text)++;
	return 1;
}

/* ---- segmentation of plain text and Markdown ---- */

static size_t rtrim(const char *s, size_t start, size_t end)
{
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' ||
			       s[end - 1] == '\n'))
		end--;
	return end;
}

static int is_rule_or_heading(const char *l, size_t n)
{
	if (n && l[0] == '#')
		return 1;
	if (n >= 3 && (l[0] == '-' || l[0] == '*' || l[0] == '_')) {
		for (size_t i = 0; i < n; i++)
			if (l[i] != l[0] && l[i] != ' ')
				return 0;
		return 1;
	}
	return 0;
}

/*
 * What a line of a labelled text is. Besides `Name: text` labels,
 * transcription tools put the speaker on a line of its own with the text
 * below: `Name  0:03` (Otter, Teams .docx), or `Spreker 1` with its time on
 * the line before or after (Amberscript).
 */
enum line_kind {
	L_BLANK, L_TEXT, L_RULE,
	L_LABEL,	/* Name: text */
	L_HEAD,		/* a speaker line, the text below */
	L_TIME,		/* the time of the speaker line next to it */
	L_META,		/* neither text nor label: a header or a tool's note */
	L_TITLE,
};

struct tline {
	size_t s, e;		/* first non-blank byte; end, right-trimmed */
	size_t start;		/* the line's first byte */
	enum line_kind k;
	size_t ns, ne, tx;	/* the name; where a label's text starts */
	long long ms;
};

/* Older Teams .docx times: "0:0:3.100", "0:1:15.0" (parts of one or two
 * digits, a fraction of one to three); -1 if s[0..n) is none. */
static long long loose_time(const char *s, size_t n)
{
	long long part[3] = { 0, 0, 0 }, frac = 0, scale = 1000;
	size_t i = 0;

	for (int k = 0; k < 3; k++) {
		size_t st = i;
		while (i < n && isdigit((unsigned char)s[i]) && i - st < 3)
			part[k] = part[k] * 10 + (s[i++] - '0');
		if (i == st || (k > 0 && (i - st > 2 || part[k] > 59)))
			return -1;
		if (k < 2 && (i >= n || s[i++] != ':'))
			return -1;
	}
	if (i < n && s[i] == '.') {
		size_t st = ++i;
		while (i < n && isdigit((unsigned char)s[i]) && i - st < 3) {
			frac = frac * 10 + (s[i++] - '0');
			scale /= 10;
		}
		if (i == st)
			return -1;
	}
	if (i != n)
		return -1;
	return (part[0] * 3600 + part[1] * 60 + part[2]) * 1000 + frac * scale;
}

/* A line that is a time only: "0:03", "00:01:02", "[00:01:02]", or a
 * range "0:0:3.100 --> 0:0:8.250" (older Teams .docx): its start. */
static int time_only(const char *l, size_t n, long long *ms)
{
	const char *arrow = NULL;

	for (size_t i = 0; i + 5 <= n && !arrow; i++)
		if (!memcmp(l + i, " --> ", 5))
			arrow = l + i;

	if (arrow) {
		size_t a = (size_t)(arrow - l), b = a + 5;
		long long end = import_parse_time(l + b, n - b);
		if (end < 0)
			end = loose_time(l + b, n - b);
		*ms = import_parse_time(l, a);
		if (*ms < 0)
			*ms = loose_time(l, a);
		return *ms >= 0 && end >= *ms;
	}
	if (n >= 2 && ((l[0] == '[' && l[n - 1] == ']') ||
		       (l[0] == '(' && l[n - 1] == ')'))) {
		l++;
		n -= 2;
	}
	*ms = import_parse_time(l, n);
	return *ms >= 0;
}

/* "Name  0:03" (a tab or two spaces before the time), "Name [0:03]",
 * "Name (0:03)" or "[Name] 10:02:13" (Zoom's saved captions): a speaker
 * line with its time. The name is l[*ns, *ne). */
static int name_and_time(const char *l, size_t n, size_t *ns, size_t *ne,
			 long long *ms)
{
	size_t t = n, gap = 0;

	*ns = 0;
	while (t > 0 && l[t - 1] != ' ' && l[t - 1] != '\t')
		t--;
	if (t == 0 || !time_only(l + t, n - t, ms))
		return 0;
	*ne = t;
	while (*ne > 0 && (l[*ne - 1] == ' ' || l[*ne - 1] == '\t'))
		(*ne)--, gap++;
	if (*ne > 2 && l[0] == '[' && l[*ne - 1] == ']') {
		*ns = 1;
		(*ne)--;
		return memchr(l + 1, ']', *ne - 1) == NULL &&
		       name_ok(l + 1, *ne - 1);
	}
	if (gap < 2 && l[t - 1] != '\t' && l[t] != '[' && l[t] != '(')
		return 0;
	return name_ok(l, *ne);
}

/* Teams notes "Ingrid Vermeulen started transcription" in its .docx. */
static int tool_note(const char *l, size_t n)
{
	static const char *const notes[] = { " started transcription",
		" stopped transcription", NULL };
	for (int k = 0; notes[k]; k++) {
		size_t w = strlen(notes[k]);
		if (n > w && !memcmp(l + n - w, notes[k], w) &&
		    name_ok(l, n - w))
			return 1;
	}
	return 0;
}

/* The lines of d's text, classified (caller frees); *labels is set when
 * one of them is a speaker label of either kind. */
static struct tline *classify(const struct import_doc *d, size_t *nl,
			      int *labels)
{
	const char *s = d->text.buf;
	size_t len = d->text.len, pos = 0, n = 0, alloc = 0;
	struct tline *v = NULL;

	*labels = 0;
	while (pos <= len) {
		const char *nlp = memchr(s + pos, '\n', len - pos);
		size_t le = nlp ? (size_t)(nlp - s) : len;
		struct tline *t;

		if (!nlp && le == pos)
			break;
		QC_GROW(v, n, alloc);
		t = &v[n++];
		memset(t, 0, sizeof(*t));
		t->start = pos;
		t->s = pos;
		while (t->s < le && (s[t->s] == ' ' || s[t->s] == '\t'))
			t->s++;
		t->e = rtrim(s, t->s, le);
		t->ms = -1;
		if (t->e == t->s)
			t->k = L_BLANK;
		else if (parse_label(s + pos, le - pos, &t->ns, &t->ne, &t->tx,
				     &t->ms))
			t->k = L_LABEL;
		else if (is_rule_or_heading(s + t->s, t->e - t->s))
			t->k = L_RULE;
		else
			t->k = L_TEXT;
		pos = le + 1;
	}
	/* speaker lines: each needs text below it */
	for (size_t i = 0; i < n; i++) {
		struct tline *t = &v[i];
		size_t j = i + 1, k;
		long long ms;

		if (t->k == L_LABEL)
			*labels = 1;
		if (t->k != L_TEXT)
			continue;
		if (tool_note(s + t->s, t->e - t->s)) {
			t->k = L_META;
			continue;
		}
		while (j < n && v[j].k == L_BLANK)
			j++;
		if (j >= n || v[j].k != L_TEXT)
			continue;
		k = j + 1;
		while (k < n && v[k].k == L_BLANK)
			k++;
		if (name_and_time(s + t->s, t->e - t->s, &t->ns, &t->ne,
				  &t->ms)) {
			t->k = L_HEAD;
		} else if (k < n && v[k].k == L_TEXT &&
			   time_only(s + v[j].s, v[j].e - v[j].s, &ms) &&
			   name_ok(s + t->s, t->e - t->s)) {
			t->k = L_HEAD;	/* Spreker 1 / 00:00:03 / text */
			t->ne = t->e - t->s;
			t->ms = ms;
			v[j].k = L_TIME;
		} else if (k < n && v[k].k == L_TEXT &&
			   time_only(s + t->s, t->e - t->s, &ms) &&
			   name_ok(s + v[j].s, v[j].e - v[j].s)) {
			t->k = L_TIME;	/* 00:00:03 / Spreker 1 / text */
			v[j].k = L_HEAD;
			v[j].ne = v[j].e - v[j].s;
			v[j].ms = ms;
			i = j;
		} else {
			continue;
		}
		*labels = 1;
	}
	/* HEAD names are relative to the line's first non-blank byte */
	for (size_t i = 0; i < n; i++)
		if (v[i].k == L_HEAD) {
			size_t lead = v[i].s - v[i].start;
			v[i].ns += lead;
			v[i].ne += lead;
		}
	*nl = n;
	return v;
}

#define TITLE_MAX_LINES 5
#define TITLE_MAX_CPS 150

/*
 * A few short lines without a label before the first turn are a header:
 * the first is the title (Bijeenkomst lerend ontwikkelteam 14 mei), the
 * rest (a date, a duration) no turn, as a Markdown heading is none.
 */
static void find_title(struct import_doc *d, struct tline *v, size_t n)
{
	const char *s = d->text.buf;
	size_t first = n, lines = 0, i;

	for (i = 0; i < n; i++) {
		if (v[i].k == L_LABEL || v[i].k == L_HEAD || v[i].k == L_TIME)
			break;
		if (v[i].k == L_BLANK)
			continue;
		if (v[i].k == L_RULE)
			return;
		if (first == n)
			first = i;
		if (++lines > TITLE_MAX_LINES ||
		    text_cp_count(s + v[i].s, v[i].e - v[i].s) > TITLE_MAX_CPS)
			return;
	}
	if (first == n || i == n || v[first].k != L_TEXT)
		return;
	for (size_t k = first; k < i; k++)
		if (v[k].k == L_TEXT)
			v[k].k = L_META;
	v[first].k = L_TITLE;
	if (!d->title)
		d->title = xstrndup(s + v[first].s, v[first].e - v[first].s);
}

static void drop_empty(struct import_doc *d, struct import_turn **cur,
		       int pending)
{
	if (*cur && (pending || (*cur)->end <= (*cur)->start)) {
		free((*cur)->speaker);
		d->nturns--;
	}
	*cur = NULL;
}

static void segment_labelled(struct import_doc *d, struct tline *v, size_t n)
{
	const char *s = d->text.buf;
	struct import_turn *cur = NULL;
	int pending = 0;	/* cur's text has not started yet */

	find_title(d, v, n);
	for (size_t i = 0; i < n; i++) {
		struct tline *t = &v[i];

		switch (t->k) {
		case L_LABEL:
		case L_HEAD:
			drop_empty(d, &cur, pending);
			cur = add_turn(d, s + t->start + t->ns, t->ne - t->ns,
				       t->ms, 0, 0);
			if (t->k == L_LABEL && t->start + t->tx < t->e) {
				cur->start = t->start + t->tx;
				cur->end = t->e;
				pending = 0;
			} else {
				pending = 1;
			}
			break;
		case L_RULE:
			drop_empty(d, &cur, pending);
			break;
		case L_TEXT:
			if (!cur) {
				cur = add_turn(d, NULL, 0, -1, t->start, t->e);
				pending = 0;
			} else if (pending) {
				cur->start = t->s;
				cur->end = t->e;
				pending = 0;
			} else {
				cur->end = t->e;
			}
			break;
		default:
			break;
		}
	}
	drop_empty(d, &cur, pending);
}

static void segment_paragraphs(struct import_doc *d)
{
	const char *s = d->text.buf;
	size_t len = d->text.len, pos = 0;
	struct import_turn *cur = NULL;

	while (pos < len) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t le = nl ? (size_t)(nl - s) : len;
		size_t st = pos;

		while (st < le && (s[st] == ' ' || s[st] == '\t'))
			st++;
		if (st == le || is_rule_or_heading(s + st, le - st)) {
			cur = NULL;
		} else if (!cur) {
			long long ms = -1;
			size_t skip = bracket_time(s + st, le - st, &ms);
			cur = add_turn(d, NULL, 0, ms, st + skip, rtrim(s, st, le));
			if (cur->end <= cur->start) {
				d->nturns--;
				cur = NULL;
			}
		} else {
			cur->end = rtrim(s, st, le);
		}
		pos = le + 1;
	}
}

void import_segment_text(struct import_doc *d)
{
	size_t n;
	int labels;
	struct tline *v = classify(d, &n, &labels);

	if (labels)
		segment_labelled(d, v, n);
	else
		segment_paragraphs(d);
	free(v);
}

/* ---- front matter (YAML between --- lines at the top) ---- */

static int fm_error(struct qc_err *e, const yaml_node_t *n, const char *why)
{
	/* the YAML starts on the file's second line, after "---" */
	return qc_err_set(e, QC_EDATA, "front matter: line %zu, column %zu: %s",
			  n->start_mark.line + 2, n->start_mark.column + 1, why);
}

/* One front matter key and its scalar value; at depth 1 under `section`. */
static void fm_value(struct import_doc *d, const char *section,
		     const char *key, const char *v)
{
	if (!section && !strcmp(key, "kind")) {
		free(d->kind);
		d->kind = xstrdup(v);
	} else if (!section && !strcmp(key, "title")) {
		free(d->title);
		d->title = xstrdup(v);
	} else if (!section && !strcmp(key, "date")) {
		free(d->date);
		d->date = xstrdup(v);
	} else if (section && !strcmp(section, "roles")) {
		add_kv(&d->roles, &d->nroles, key, v);
	} else {
		add_kv(&d->attrs, &d->nattrs, key, v);
	}
}

/*
 * A mapping of front matter: scalars, and at the top one level of
 * mappings (roles:, or keys that become attributes as they are).
 */
static int fm_mapping(struct import_doc *d, yaml_document_t *doc,
		      const yaml_node_t *m, const char *section,
		      struct qc_err *e)
{
	for (yaml_node_pair_t *pr = m->data.mapping.pairs.start;
	     pr < m->data.mapping.pairs.top; pr++) {
		const yaml_node_t *k = yaml_document_get_node(doc, pr->key);
		const yaml_node_t *v = yaml_document_get_node(doc, pr->value);
		const char *key;
		int rc;

		if (k->type != YAML_SCALAR_NODE)
			return fm_error(e, k, k->type == YAML_SEQUENCE_NODE ?
					"lists are not understood here" :
					"a key must be a word");
		key = (const char *)k->data.scalar.value;
		/* each entry is compared with those before (add_kv) */
		if (v->type == YAML_SCALAR_NODE &&
		    d->nroles + d->nattrs >= IMPORT_MAX_FRONT) {
			char why[64];
			snprintf(why, sizeof(why), "more than %d entries",
				 IMPORT_MAX_FRONT);
			return fm_error(e, k, why);
		}
		if (v->type == YAML_SCALAR_NODE)
			fm_value(d, section, key,
				 (const char *)v->data.scalar.value);
		else if (v->type == YAML_SEQUENCE_NODE)
			return fm_error(e, v, "lists are not understood here");
		else if (section)
			return fm_error(e, v, "only one level of keys under"
					" another is understood here");
		else if ((rc = fm_mapping(d, doc, v, key, e)) < 0)
			return rc;
	}
	return 0;
}

static int front_matter(struct import_doc *d, struct qc_err *e)
{
	const char *s = d->text.buf, *end;
	size_t body, hlen;
	yaml_document_t doc;
	const yaml_node_t *root;
	int rc;

	if (d->text.len < 4 || memcmp(s, "---\n", 4) != 0)
		return 0;
	end = strstr(s + 3, "\n---");
	if (!end || (end[4] != '\n' && end[4] != '\0'))
		return 0;
	hlen = (size_t)(end - s) + 1;
	body = hlen + 3 + (end[4] == '\n');
	if ((rc = yamldoc_load(NULL, s + 4, hlen - 4, 1, &doc, e)) < 0) {
		qc_err_prefix(e, "front matter");
		return rc;
	}
	root = yaml_document_get_root_node(&doc);
	if (root && root->type == YAML_MAPPING_NODE)
		rc = fm_mapping(d, &doc, root, NULL, e);
	else if (root && root->type == YAML_SEQUENCE_NODE)
		rc = fm_error(e, root, "lists are not understood here");
	yaml_document_delete(&doc);
	if (rc < 0)
		return rc;
	/* The stored text is the document without its front matter. */
	memmove(d->text.buf, d->text.buf + body, d->text.len - body);
	qc_buf_setlen(&d->text, d->text.len - body);
	return 0;
}

/* ---- WebVTT and SRT ---- */

struct lines {
	const char *s;
	size_t len, pos;
	long line;
};

static int next_line(struct lines *l, const char **p, size_t *n)
{
	const char *nl;

	if (l->pos >= l->len)
		return 0;
	*p = l->s + l->pos;
	nl = memchr(*p, '\n', l->len - l->pos);
	*n = nl ? (size_t)(nl - *p) : l->len - l->pos;
	l->pos += *n + 1;
	if (*n && (*p)[*n - 1] == '\r')
		(*n)--;
	l->line++;
	return 1;
}

/* "00:01:02.000 --> 00:01:04.500 settings" */
static int cue_times(const char *p, size_t n, long long *a, long long *b)
{
	const char *arrow = NULL;
	size_t i, j;

	for (i = 0; i + 3 <= n; i++)
		if (!memcmp(p + i, "-->", 3)) {
			arrow = p + i;
			break;
		}
	if (!arrow)
		return -1;
	j = (size_t)(arrow - p);
	while (j > 0 && p[j - 1] == ' ')
		j--;
	*a = import_parse_time(p, j);
	i = (size_t)(arrow - p) + 3;
	while (i < n && p[i] == ' ')
		i++;
	j = i;
	while (j < n && p[j] != ' ' && p[j] != '\t')
		j++;
	*b = import_parse_time(p + i, j - i);
	return *a < 0 || *b < 0 ? -1 : 0;
}

/* Cue text without tags, with entities decoded; a <v Name> voice sets
 * *voice (malloced). */
static void cue_text(const char *p, size_t n, struct qc_buf *out, char **voice)
{
	static const struct { const char *ent, *ch; } ents[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&nbsp;", " " }, { "&lrm;", "" }, { "&rlm;", "" },
	};
	for (size_t i = 0; i < n;) {
		if (p[i] == '<') {
			const char *gt = memchr(p + i, '>', n - i);
			size_t tl;
			if (!gt) {
				qc_buf_addch(out, p[i++]);
				continue;
			}
			tl = (size_t)(gt - (p + i));
			if (tl > 2 && p[i + 1] == 'v' &&
			    (p[i + 2] == ' ' || p[i + 2] == '.') && !*voice) {
				const char *sp = memchr(p + i + 2, ' ', tl - 2);
				if (sp) {
					size_t vs = (size_t)(sp - p) + 1;
					*voice = xstrndup(p + vs, (size_t)(gt - p) - vs);
				}
			}
			i += tl + 1;
			continue;
		}
		if (p[i] == '&') {
			size_t k;
			for (k = 0; k < sizeof(ents) / sizeof(ents[0]); k++) {
				size_t el = strlen(ents[k].ent);
				if (n - i >= el && !memcmp(p + i, ents[k].ent, el)) {
					qc_buf_adds(out, ents[k].ch);
					i += el;
					break;
				}
			}
			if (k < sizeof(ents) / sizeof(ents[0]))
				continue;
		}
		qc_buf_addch(out, p[i++]);
	}
}

/* Speakerless cues further apart than this start a new paragraph (speech
 * recognisers such as Whisper name no speakers; a pause ends a thought). */
#define CUE_PAUSE_MS 2000

/*
 * Add a cue to the document. It continues the previous turn when the same
 * named speaker goes on, or when it names nobody and follows a named turn:
 * subtitle tools write a label only in a turn's first cue. Cues that name
 * nobody after a turn without a speaker join it unless a pause parts them.
 */
static int add_cue(struct import_doc *d, char *speaker, struct qc_buf *raw,
		   long long a, long long b, struct qc_err *e)
{
	struct qc_buf nfc = QC_BUF_INIT;
	struct import_turn *last = d->nturns ? &d->turns[d->nturns - 1] : NULL;
	size_t st = 0, en;

	/* a "Name: " at the start when there was no voice tag */
	if (!speaker) {
		size_t ns, ne, tx;
		long long ms;
		const char *nl = memchr(raw->buf, '\n', raw->len);
		size_t fl = nl ? (size_t)(nl - raw->buf) : raw->len;
		if (parse_label(raw->buf, fl, &ns, &ne, &tx, &ms)) {
			speaker = xstrndup(raw->buf + ns, ne - ns);
			st = tx;
		}
	}
	/* one line of text per cue */
	for (size_t i = st; i < raw->len; i++)
		if (raw->buf[i] == '\n')
			raw->buf[i] = ' ';
	while (st < raw->len && raw->buf[st] == ' ')
		st++;
	en = raw->len;
	while (en > st && raw->buf[en - 1] == ' ')
		en--;
	if (en == st) {
		free(speaker);
		return 0;
	}
	if (text_normalise(raw->buf + st, en - st, &nfc, e) < 0) {
		free(speaker);
		return -QC_EDATA;
	}
	if (last && ((speaker && last->speaker &&
		      !strcmp(last->speaker, speaker)) ||
		     (!speaker && last->speaker) ||
		     (!speaker && !last->speaker && a >= 0 && last->end_ms >= 0 &&
		      a - last->end_ms <= CUE_PAUSE_MS))) {
		qc_buf_addch(&d->text, ' ');
		qc_buf_add(&d->text, nfc.buf, nfc.len);
		last->end = d->text.len;
		last->end_ms = b;
		free(speaker);
	} else {
		struct import_turn *t;
		if (d->text.len)
			qc_buf_adds(&d->text, "\n\n");
		if (speaker) {
			qc_buf_adds(&d->text, speaker);
			qc_buf_adds(&d->text, ": ");
		}
		t = add_turn(d, NULL, 0, a, d->text.len, 0);
		t->speaker = speaker;
		qc_buf_add(&d->text, nfc.buf, nfc.len);
		t->end = d->text.len;
		t->end_ms = b;
	}
	qc_buf_release(&nfc);
	return 0;
}

/* A cue's text lines up to the blank line after its times, added as one
 * cue (raw is the caller's work buffer). */
static int read_cue(struct lines *l, struct qc_buf *raw, struct import_doc *d,
		    long long a, long long b, struct qc_err *e)
{
	const char *p;
	size_t n;
	char *voice = NULL;

	qc_buf_reset(raw);
	while (next_line(l, &p, &n) && n) {
		if (raw->len)
			qc_buf_addch(raw, '\n');
		cue_text(p, n, raw, &voice);
	}
	return add_cue(d, voice, raw, a, b, e);
}

int import_parse_vtt(const char *s, size_t len, struct import_doc *d,
		     struct qc_err *e)
{
	struct lines l = { s, len, 0, 0 };
	struct qc_buf raw = QC_BUF_INIT;
	const char *p;
	size_t n;
	int rc = 0;

	d->format = "vtt";
	if (!next_line(&l, &p, &n) || n < 6 || memcmp(p, "WEBVTT", 6) != 0)
		return qc_err_set(e, QC_EDATA, "line 1: a WebVTT file starts"
				  " with WEBVTT");
	/* the header block */
	while (next_line(&l, &p, &n) && n)
		;
	while (rc == 0 && next_line(&l, &p, &n)) {
		long long a, b;

		if (n == 0)
			continue;
		if ((n >= 4 && !memcmp(p, "NOTE", 4)) ||
		    (n >= 5 && !memcmp(p, "STYLE", 5)) ||
		    (n >= 6 && !memcmp(p, "REGION", 6))) {
			while (next_line(&l, &p, &n) && n)
				;
			continue;
		}
		if (!find(p, n, "-->") && !next_line(&l, &p, &n))
			break;	/* a cue id at the very end */
		if (cue_times(p, n, &a, &b) < 0) {
			rc = qc_err_set(e, QC_EDATA, "line %ld: malformed cue"
					" timestamp '%.*s'", l.line,
					(int)(n > 60 ? 60 : n), p);
			break;
		}
		rc = read_cue(&l, &raw, d, a, b, e);
	}
	qc_buf_release(&raw);
	return rc;
}

int import_parse_srt(const char *s, size_t len, struct import_doc *d,
		     struct qc_err *e)
{
	struct lines l = { s, len, 0, 0 };
	struct qc_buf raw = QC_BUF_INIT;
	const char *p;
	size_t n;
	int rc = 0;

	d->format = "srt";
	while (rc == 0 && next_line(&l, &p, &n)) {
		long long a, b;
		size_t i = 0;

		if (n == 0)
			continue;
		while (i < n && isdigit((unsigned char)p[i]))
			i++;
		if (i == 0 || i != n) {
			rc = qc_err_set(e, QC_EDATA, "line %ld: expected a cue"
					" number, found '%.*s'", l.line,
					(int)(n > 60 ? 60 : n), p);
			break;
		}
		if (!next_line(&l, &p, &n) || cue_times(p, n, &a, &b) < 0) {
			rc = qc_err_set(e, QC_EDATA, "line %ld: malformed cue"
					" timestamp", l.line);
			break;
		}
		rc = read_cue(&l, &raw, d, a, b, e);
	}
	qc_buf_release(&raw);
	return rc;
}

/* ---- Whisper's JSON ---- */

/* Seconds (Whisper) or milliseconds (whisper.cpp's offsets) as ms; -1 when
 * missing or not a time. */
static long long json_ms(const struct json *v, double scale)
{
	if (!v || v->type != JSON_NUMBER || v->num < 0 || v->num * scale > 1e15)
		return -1;
	return (long long)(v->num * scale + 0.5);
}

/*
 * openai-whisper's --output_format json: {"text": ..., "segments": [{"start":
 * s, "end": s, "text": ...}]}; whisper.cpp's -oj: {"transcription": [{"offsets":
 * {"from": ms, "to": ms}, "text": ...}]}. Segments name no speakers: they
 * join into paragraphs as speakerless cues do.
 */
int import_parse_whisper_json(const char *s, size_t len, struct import_doc *d,
			      struct qc_err *e)
{
	struct json root;
	const struct json *segs;
	struct qc_buf raw = QC_BUF_INIT;
	int rc, cpp = 0;

	d->format = "json";
	if ((rc = json_parse(s, len, &root, e)) < 0) {
		qc_err_prefix(e, "JSON");
		return rc;
	}
	segs = json_get(&root, "segments");
	if (!segs && (segs = json_get(&root, "transcription")))
		cpp = 1;
	if (!segs || segs->type != JSON_ARRAY) {
		json_release(&root);
		return qc_err_set(e, QC_EDATA, "JSON without Whisper's"
				  " \"segments\" list: not a transcript qcode"
				  " knows");
	}
	for (size_t i = 0; rc == 0 && i < segs->n; i++) {
		const struct json *g = &segs->v[i], *t = json_get(g, "text");
		const struct json *off = json_get(g, "offsets");
		long long a = cpp ? json_ms(json_get(off, "from"), 1) :
				    json_ms(json_get(g, "start"), 1000);
		long long b = cpp ? json_ms(json_get(off, "to"), 1) :
				    json_ms(json_get(g, "end"), 1000);

		if (!t || t->type != JSON_STRING || a < 0 || b < 0) {
			rc = qc_err_set(e, QC_EDATA, "segment %zu: no text,"
					" start or end", i + 1);
			break;
		}
		if (memchr(t->str, 0, t->len)) {
			rc = qc_err_set(e, QC_EDATA, "segment %zu: NUL"
					" character in its text", i + 1);
			break;
		}
		qc_buf_reset(&raw);
		qc_buf_add(&raw, t->str, t->len);
		rc = add_cue(d, NULL, &raw, a, b, e);
	}
	qc_buf_release(&raw);
	json_release(&root);
	return rc;
}

/* ---- recognising a file ---- */

static int looks_srt(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (s[i] == '\n' || s[i] == '\r'))
		i++;
	if (i >= len || !isdigit((unsigned char)s[i]))
		return 0;
	while (i < len && isdigit((unsigned char)s[i]))
		i++;
	if (i < len && s[i] == '\r')
		i++;
	if (i >= len || s[i] != '\n')
		return 0;
	i++;
	return len - i > 16 && isdigit((unsigned char)s[i]) &&
	       find(s + i, len - i > 40 ? 40 : len - i, "-->") != NULL;
}

/*
 * What a format's sniff and parse see: the file's name and, for a
 * document, its bytes or its decoded text and the document to fill; for a
 * whole project, the project to import into.
 */
struct import_job {
	const char *name;	/* the file: its extension, for messages */
	const char *data;	/* bytes or UTF-8 text; NULL for a project */
	size_t len;
	struct import_doc *doc;
	struct import_project *project;
};

static int is_zip(const struct import_job *j)
{
	return j->len >= 4 && !memcmp(j->data, "PK\3\4", 4);
}

static int sniff_refi(const struct import_job *j)
{
	return qc_has_ext(j->name, ".qdpx") || qc_has_ext(j->name, ".qde");
}

static int parse_refi(struct import_job *j, struct qc_err *e)
{
	struct import_project *p = j->project;
	struct refi_import_opts o = { p->into_existing, NULL, NULL };

	return refi_import_project(p->project, p->store, j->name, &o,
				   &p->counts, &p->loss, &p->created, e);
}

/* DOCX and ODT by their zip signature; by name, to say what is wrong. */
static int sniff_office(const struct import_job *j)
{
	return is_zip(j) || qc_has_ext(j->name, ".docx") ||
	       qc_has_ext(j->name, ".odt");
}

static int parse_office(struct import_job *j, struct qc_err *e)
{
	struct import_doc *d = j->doc;
	struct qc_buf u = QC_BUF_INIT;
	int rc;

	if (!is_zip(j))
		return qc_err_set(e, QC_EDATA, "not a %s file: it is no zip"
				  " archive (renamed, or truncated?)",
				  qc_has_ext(j->name, ".odt") ? "ODT" : "DOCX");
	rc = import_zip_text(j->data, j->len, &d->format, &u, e);
	if (rc == 0)
		rc = text_normalise(u.buf, u.len, &d->text, e);
	if (rc == 0)
		import_segment_text(d);
	qc_buf_release(&u);
	return rc;
}

static int sniff_vtt(const struct import_job *j)
{
	return j->len >= 6 && !memcmp(j->data, "WEBVTT", 6);
}

static int parse_vtt(struct import_job *j, struct qc_err *e)
{
	return import_parse_vtt(j->data, j->len, j->doc, e);
}

/* An object whose first key is a string: JSON, which only Whisper's
 * transcripts are expected to be. */
static int sniff_json(const struct import_job *j)
{
	size_t i = 0;
	int brace = 0;

	for (; i < j->len; i++) {
		char c = j->data[i];
		if (c == '{' && !brace)
			brace = 1;
		else if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
			break;
	}
	return brace && i < j->len && j->data[i] == '"';
}

static int parse_json(struct import_job *j, struct qc_err *e)
{
	return import_parse_whisper_json(j->data, j->len, j->doc, e);
}

static int sniff_srt(const struct import_job *j)
{
	return looks_srt(j->data, j->len);
}

static int parse_srt(struct import_job *j, struct qc_err *e)
{
	return import_parse_srt(j->data, j->len, j->doc, e);
}

/* Plain text or Markdown: whatever text no other format claims. */
static int sniff_text(const struct import_job *j)
{
	(void)j;
	return 1;
}

static int parse_text(struct import_job *j, struct qc_err *e)
{
	struct import_doc *d = j->doc;
	int rc;

	d->format = qc_has_ext(j->name, ".md") ||
		    qc_has_ext(j->name, ".markdown") ? "markdown" : "text";
	rc = text_normalise(j->data, j->len, &d->text, e);
	if (rc == 0)
		rc = front_matter(d, e);
	if (rc == 0)
		import_segment_text(d);
	return rc;
}

/*
 * The formats, one row each, tried in this order: the first whose sniff
 * says yes reads the file. What the sniff sees: a project format only the
 * file's name (it is recognised before it is read); a document format
 * the bytes as read, or the text decoded to UTF-8 (see import_decode).
 */
enum import_input { IN_NAME, IN_BYTES, IN_TEXT };

static const struct import_format {
	const char *name;
	enum import_input input;
	int (*sniff)(const struct import_job *j);
	int (*parse)(struct import_job *j, struct qc_err *e);
} formats[] = {
	{ "qdpx", IN_NAME, sniff_refi, parse_refi },
	{ "docx, odt", IN_BYTES, sniff_office, parse_office },
	{ "vtt", IN_TEXT, sniff_vtt, parse_vtt },
	{ "srt", IN_TEXT, sniff_srt, parse_srt },
	{ "json", IN_TEXT, sniff_json, parse_json },
	{ "text, markdown", IN_TEXT, sniff_text, parse_text },
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

int import_parse(const char *data, size_t len, const char *name,
		 const char *encoding, struct import_doc *d, struct qc_err *e)
{
	struct import_job j = { name, data, len, d, NULL };
	struct qc_buf u = QC_BUF_INIT;
	int rc = 0, decoded = 0;

	if (len == 0)
		return qc_err_set(e, QC_EDATA, "the file is empty");
	for (size_t i = 0; i < NFORMATS; i++) {
		const struct import_format *f = &formats[i];

		if (f->input == IN_NAME)
			continue;	/* a whole project is no document */
		if (f->input == IN_TEXT && !decoded) {
			rc = import_decode(data, len, encoding, &u, e);
			if (rc < 0)
				break;
			j.data = u.buf;
			j.len = u.len;
			decoded = 1;
		}
		if (f->sniff(&j)) {
			rc = f->parse(&j, e);
			break;
		}
	}
	qc_buf_release(&u);
	if (rc == 0 && d->nturns == 0)
		rc = qc_err_set(e, QC_EDATA, "no text to import");
	return rc;
}

/* The project format that claims path by its name, or NULL. */
static const struct import_format *project_format(const struct import_job *j)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (formats[i].input == IN_NAME && formats[i].sniff(j))
			return &formats[i];
	return NULL;
}

int import_is_project(const char *path)
{
	struct import_job j = { path, NULL, 0, NULL, NULL };

	return project_format(&j) != NULL;
}

int import_project(const char *path, struct import_project *p,
		   struct qc_err *e)
{
	struct import_job j = { path, NULL, 0, NULL, p };
	const struct import_format *f = project_format(&j);

	memset(&p->counts, 0, sizeof(p->counts));
	refi_loss_init(&p->loss);
	p->created = 0;
	if (!f)
		return qc_err_set(e, QC_EUSAGE, "'%s' is not a project file"
				  " (.qdpx or .qde)", path);
	return f->parse(&j, e);
}
