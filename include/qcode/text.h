/*
 * text: UTF-8 facts that every module needs. Stored text is valid UTF-8 in
 * NFC with LF line ends; offsets kept in the project are Unicode code
 * points (the unit REFI-QDA uses), offsets in memory are bytes.
 */
#ifndef QCODE_TEXT_H
#define QCODE_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "qcode/util.h"

/* Byte offset of the first invalid UTF-8 sequence, or (size_t)-1 if valid. */
size_t text_utf8_invalid_at(const char *s, size_t len);

/* Decode one code point at s[*i] (s valid UTF-8), advancing *i. */
int32_t text_utf8_next(const char *s, size_t len, size_t *i);
/* Append code point cp to b as UTF-8. */
void text_utf8_put(struct qc_buf *b, int32_t cp);

/* Number of code points in s[0..len). */
size_t text_cp_count(const char *s, size_t len);
/* Byte offset of code point number cp (clamped to len). */
size_t text_cp_to_byte(const char *s, size_t len, size_t cp);
/* The bytes [*bs, *be) of the code points [cs, ce) (an empty span when
 * ce <= cs), clamped to len. */
void text_cp_span(const char *s, size_t len, size_t cs, size_t ce,
		  size_t *bs, size_t *be);

/*
 * Normalise valid UTF-8 to NFC with LF line ends (CRLF and lone CR become LF)
 * and without a leading BOM. Appends to out. Returns 0 or -QC_EDATA.
 */
int text_normalise(const char *s, size_t len, struct qc_buf *out,
		   struct qc_err *e);

/*
 * Fold for matching: case-folded, diacritics removed (NFKD, marks stripped),
 * so "Kwétsbaar" and "kwetsbaar" fold alike. Appends to out.
 */
void text_fold(const char *s, size_t len, struct qc_buf *out);

/* True for a code point that is part of a word (letter, digit, mark). */
int text_is_word_cp(int32_t cp);
/* True if s[0..len) holds at least one such code point. */
int text_has_word(const char *s, size_t len);

/*
 * Number of words in s: runs of characters between white space, as word
 * processors count them ("didn't", "Delft-Zuid" and "€" are one word
 * each). The one rule for every word count qcode shows.
 */
size_t text_word_count(const char *s, size_t len);

#endif
