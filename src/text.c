/* text: UTF-8 validation, code-point offsets, NFC and folding (utf8proc). */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "qcode/text.h"

/* Eight bytes at a time: most of a transcript is ASCII, and these scans
 * run over every byte imported. memcpy makes the unaligned load legal. */
#define HIGH_BITS 0x8080808080808080ULL
static uint64_t load8(const unsigned char *p)
{
	uint64_t x;

	memcpy(&x, p, sizeof(x));
	return x;
}

size_t text_utf8_invalid_at(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];
		size_t n;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			while (i + 8 <= len && !(load8(p + i) & HIGH_BITS))
				i += 8;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1; cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2; cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3; cp = c & 0x07;
		} else {
			return i;
		}
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (p[i + k] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return (size_t)-1;
}

int32_t text_utf8_next(const char *s, size_t len, size_t *i)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
					      (utf8proc_ssize_t)(len - *i), &cp);
	if (n <= 0) {
		(*i)++;
		return 0xfffd;
	}
	*i += (size_t)n;
	return cp;
}

void text_utf8_put(struct qc_buf *b, int32_t cp)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);

	qc_buf_add(b, tmp, (size_t)n);
}

size_t text_cp_count(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, cont = 0;

	/* a continuation byte is 10xxxxxx: bit 7 set, bit 6 clear */
	for (; i + 8 <= len; i += 8) {
		uint64_t x = load8(p + i);

		/* one bit per continuation byte, summed by a multiply */
		cont += (size_t)((((x & ~(x << 1) & HIGH_BITS) >> 7) *
				  0x0101010101010101ULL) >> 56);
	}
	for (; i < len; i++)
		cont += (p[i] & 0xc0) == 0x80;
	return len - cont;
}

size_t text_cp_to_byte(const char *s, size_t len, size_t cp)
{
	size_t i = 0, n = 0;

	while (i < len) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (n == cp)
				return i;
			n++;
		}
		i++;
	}
	return len;
}

void text_cp_span(const char *s, size_t len, size_t cs, size_t ce,
		  size_t *bs, size_t *be)
{
	*bs = text_cp_to_byte(s, len, cs);
	*be = *bs + text_cp_to_byte(s + *bs, len - *bs, ce > cs ? ce - cs : 0);
}

int text_normalise(const char *s, size_t len, struct qc_buf *out,
		   struct qc_err *e)
{
	utf8proc_uint8_t *nfc = NULL;
	struct qc_buf lf = QC_BUF_INIT;
	utf8proc_ssize_t n;
	int plain = 1;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		len -= 3;
	}
	if (memchr(s, '\r', len)) {
		qc_buf_grow(&lf, len);
		for (size_t i = 0; i < len; i++) {
			if (s[i] == '\r') {
				qc_buf_addch(&lf, '\n');
				if (i + 1 < len && s[i + 1] == '\n')
					i++;
			} else {
				qc_buf_addch(&lf, s[i]);
			}
		}
		s = lf.buf;
		len = lf.len;
	}
	/* UTF-8 (valid, as callers ensure) without a code point from U+0300
	 * up (lead bytes from 0xCC) has no combining marks and nothing that
	 * composes: it is NFC as it stands, which is most Dutch and English
	 * text. */
	for (size_t i = 0; i < len && plain; i++)
		plain = (unsigned char)s[i] < 0xcc;
	if (plain) {
		qc_buf_add(out, s, len);
		qc_buf_release(&lf);
		return 0;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			 &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	qc_buf_release(&lf);
	if (n < 0)
		return qc_err_set(e, QC_EDATA, "text cannot be normalised: %s",
				  utf8proc_errmsg(n));
	qc_buf_add(out, nfc, (size_t)n);
	free(nfc);
	return 0;
}

void text_fold(const char *s, size_t len, struct qc_buf *out)
{
	size_t i = 0;

	while (i < len) {
		int32_t cp = text_utf8_next(s, len, &i);
		utf8proc_int32_t dec[16];
		int last;
		utf8proc_ssize_t n;

		if (cp < 0x80) {
			qc_buf_addch(out, cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
			continue;
		}
		n = utf8proc_decompose_char(cp, dec, 16, UTF8PROC_CASEFOLD |
					    UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
					    UTF8PROC_STRIPMARK, &last);
		if (n < 0 || n > 16) {
			text_utf8_put(out, cp);
			continue;
		}
		for (utf8proc_ssize_t k = 0; k < n; k++)
			text_utf8_put(out, dec[k]);
	}
}

int text_is_word_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z');
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

int text_has_word(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len)
		if (text_is_word_cp(text_utf8_next(s, len, &i)))
			return 1;
	return 0;
}

/* White space between words: ASCII, and Unicode spaces and separators
 * (no-break spaces too, as a word processor counts them). */
static int is_space_cp(int32_t cp)
{
	utf8proc_category_t k;

	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	if (cp == 0x85)
		return 1;
	k = utf8proc_category(cp);
	return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL ||
	       k == UTF8PROC_CATEGORY_ZP;
}

/* Word starts among eight ASCII bytes (x has no high bit set), byte 0
 * first in memory; *in: the byte before them was in a word. */
static size_t word_starts8(uint64_t x, unsigned *in)
{
	const uint64_t ones7 = 0x7f7f7f7f7f7f7f7fULL;
	uint64_t t = x ^ 0x2020202020202020ULL;	/* zero where ' ' */
	uint64_t blank = ~(((t & ones7) + ones7) | t) & HIGH_BITS;
	/* '\t'..'\r': at least 9 and not at least 14 (no carries: < 0x80) */
	uint64_t ge9 = (x + 0x7777777777777777ULL) & HIGH_BITS;
	uint64_t ge14 = (x + 0x7272727272727272ULL) & HIGH_BITS;
	uint64_t space = blank | (ge9 & ~ge14);
	uint64_t word = ~space & HIGH_BITS;
	uint64_t starts = word & (space << 8 | (*in ? 0 : 0x80));

	*in = (unsigned)(word >> 63);
	return (size_t)(((starts >> 7) * 0x0101010101010101ULL) >> 56);
}

size_t text_word_count(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, words = 0;
	unsigned in = 0;

	while (i < len) {
		unsigned w;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* most of the text: eight ASCII bytes at a time */
		for (uint64_t x; i + 8 <= len && !((x = load8(p + i)) & HIGH_BITS);
		     i += 8)
			words += word_starts8(x, &in);
		if (i >= len)
			break;
#endif
		if (p[i] < 0x80) {
			unsigned char c = p[i++];

			w = !(c == ' ' || (unsigned char)(c - '\t') <= '\r' - '\t');
		} else {
			w = !is_space_cp(text_utf8_next(s, len, &i));
		}
		words += w & ~in;
		in = w;
	}
	return words;
}
