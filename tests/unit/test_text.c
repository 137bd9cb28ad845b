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
	RUN(has_word_looks_for_one_word_character);
	UNIT_DONE();
}
