/* Unit tests: text (UTF-8, code points, NFC, folding). */
#include <stdlib.h>

#include "qcode/text.h"
#include "unit.h"

TEST(utf8_validation_finds_first_bad_byte)
{
	CHECK(text_utf8_invalid_at("één", 5) == (size_t)-1);
	CHECK(text_utf8_invalid_at("ab\xffzz", 5) == 2);
	CHECK(text_utf8_invalid_at("ab\xc3", 3) == 2);		/* truncated */
	CHECK(text_utf8_invalid_at("\xc0\xaf", 2) == 0);	/* overlong */
	CHECK(text_utf8_invalid_at("\xed\xa0\x80", 3) == 0);	/* surrogate */
	CHECK(text_utf8_invalid_at("\xf0\x9f\x98\x80", 4) == (size_t)-1);
}

TEST(code_point_offsets)
{
	const char *s = "vóór één";	/* 8 code points, 11 bytes */

	CHECK(text_cp_count(s, strlen(s)) == 8);
	CHECK(text_cp_to_byte(s, strlen(s), 2) == 3);
	CHECK(text_cp_to_byte(s, strlen(s), 5) == 7);
	CHECK(text_cp_to_byte(s, strlen(s), 99) == strlen(s));
}

TEST(normalise_nfc_lf_bom)
{
	struct qc_buf b = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;

	/* BOM, e + combining acute, CRLF and a lone CR */
	const char *in = "\xef\xbb\xbf" "e\xcc\x81\xc3\xa9n\r\nx\ry";

	CHECK(text_normalise(in, strlen(in), &b, &e) == 0);
	CHECK_STR(b.buf, "\xc3\xa9\xc3\xa9n\nx\ny");
	qc_buf_release(&b);
	qc_err_release(&e);
}

TEST(fold_case_and_diacritics)
{
	struct qc_buf b = QC_BUF_INIT;
	const char *s = "Kwétsbaarheid CONTINUÏTEIT Straße";

	text_fold(s, strlen(s), &b);
	CHECK_STR(b.buf, "kwetsbaarheid continuiteit strasse");
	qc_buf_release(&b);
}

TEST(word_count)
{
	const char *s = "Ik heb   één vraag: is dat 'normaal'?";

	CHECK(text_word_count(s, strlen(s)) == 7);
	CHECK(text_word_count("", 0) == 0);
}

TEST(word_count_is_whitespace_separated_tokens)
{
	/* as a word processor counts: each of these is one word */
	const char *s = "didn\u2019t Delft-Zuid \u20ac 10:15 e-mail\u00a0adres\n\tok";

	CHECK(text_word_count("didn\u2019t", strlen("didn\u2019t")) == 1);
	CHECK(text_word_count("Delft-Zuid", 10) == 1);
	CHECK(text_word_count("\u20ac 85", strlen("\u20ac 85")) == 2);
	CHECK(text_word_count(s, strlen(s)) == 7);
	CHECK(text_word_count("  \n ", 4) == 0);
}

/* The counts read eight bytes at a time where they can: random strings
 * (ASCII runs longer and shorter than eight, spaces of every kind, broken
 * UTF-8) must give what one byte at a time gives. */
static size_t ref_cp_count(const unsigned char *p, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += (p[i] & 0xc0) != 0x80;
	return c;
}

static size_t ref_word_count(const unsigned char *p, size_t n)
{
	size_t words = 0;
	int in = 0;

	for (size_t i = 0; i < n;) {
		int sp, w;

		if (p[i] == ' ' || (p[i] >= 9 && p[i] <= 13))
			sp = 1, i++;
		else if (i + 1 < n && p[i] == 0xc2 && (p[i + 1] == 0xa0 ||
							p[i + 1] == 0x85))
			sp = 1, i += 2;		/* U+00A0, U+0085 */
		else if (i + 2 < n && p[i] == 0xe2 && p[i + 1] == 0x80 &&
			 p[i + 2] == 0x83)
			sp = 1, i += 3;		/* U+2003 */
		else if (p[i] < 0x80)
			sp = 0, i++;
		else if (p[i] == 0xc3 && i + 1 < n && (p[i + 1] & 0xc0) == 0x80)
			sp = 0, i += 2;		/* é and the like */
		else
			sp = 0, i++;		/* broken: U+FFFD, a word */
		w = !sp;
		words += w && !in;
		in = w;
	}
	return words;
}

TEST(counts_agree_with_byte_at_a_time)
{
	static const char *const parts[] = {
		"a", "Zz", "word", "abcdefghijk", " ", "  ", "\t", "\n", "\r",
		"\v", "\f", "\x08", "\x0e", "\x1f", "!", "\x7f", "\xc3\xa9",
		"\xc2\xa0", "\xc2\x85", "\xe2\x80\x83", "\xff", "\x80",
		"long ascii run, eight+", "        ",
	};
	unsigned seed = 12345;
	unsigned char buf[256];

	for (int round = 0; round < 20000; round++) {
		size_t n = 0;

		seed = seed * 1103515245u + 12345u;
		for (unsigned k = (seed >> 16) % 24; k > 0; k--) {
			const char *q;

			seed = seed * 1103515245u + 12345u;
			q = parts[(seed >> 16) % (sizeof(parts) / sizeof(*parts))];
			if (n + strlen(q) > sizeof(buf))
				break;
			memcpy(buf + n, q, strlen(q));
			n += strlen(q);
		}
		CHECK(text_cp_count((char *)buf, n) == ref_cp_count(buf, n));
		CHECK(text_word_count((char *)buf, n) == ref_word_count(buf, n));
		if (unit_failed_case)
			break;
	}
}

TEST(has_word_looks_for_one_word_character)
{
	CHECK(text_has_word("--é--", 7));
	CHECK(text_has_word("a", 1));
	CHECK(!text_has_word(", ;*", 4));
	CHECK(!text_has_word("", 0));
}

int main(void)
{
	RUN(utf8_validation_finds_first_bad_byte);
	RUN(code_point_offsets);
	RUN(normalise_nfc_lf_bom);
	RUN(fold_case_and_diacritics);
	RUN(word_count);
	RUN(word_count_is_whitespace_separated_tokens);
	RUN(counts_agree_with_byte_at_a_time);
	RUN(has_word_looks_for_one_word_character);
	UNIT_DONE();
}
