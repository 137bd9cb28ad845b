/* Unit tests: the pdf layer's page limit and line wrapping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcode/pdf.h"
#include "qcode/text.h"
#include "unit.h"

static struct pdf *open_doc(size_t max_pages)
{
	struct pdf_opts o = { 0 };
	struct qc_err e = QC_ERR_INIT;
	struct pdf *p = NULL;

	o.title = "T";
	o.header = "Kop";
	o.created = "2026-01-15T10:00:00Z";
	o.max_pages = max_pages;
	if (pdf_open(&o, &p, &e) < 0)
		printf("# pdf_open: %s\n", e.msg.buf);
	qc_err_release(&e);
	return p;
}

static void free_lines(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

TEST(page_limit_refused)
{
	struct pdf *p = open_doc(5);
	struct qc_err e = QC_ERR_INIT;
	char dir[] = "/tmp/qcode-unit-pdf-XXXXXX";
	char *path, *tmp;

	CHECK(mkdtemp(dir) != NULL);
	path = xasprintf("%s/r.pdf", dir);
	tmp = xasprintf("%s.tmp", path);
	CHECK(p != NULL);
	if (!p)
		return;
	/* far more than five pages of text: no crash, drawing stops */
	for (int i = 0; i < 2000; i++)
		pdf_para(p, "Een alinea die over meerdere regels loopt zodat de"
			 " pagina's vollopen.", PDF_REGULAR, 10, 0, PDF_INK);
	pdf_quote(p, "een citaat", "S1:1", PDF_ACCENT);
	pdf_heading(p, 1, "Kop", PDF_ACCENT);
	CHECK(pdf_failed(p));
	CHECK(pdf_too_long(p) == 5);
	CHECK(pdf_save(p, path, 0, &e) == -QC_EDATA);
	CHECK(e.msg.buf && strstr(e.msg.buf, "too long for one PDF: more than 5"
				  " pages") != NULL);
	CHECK(access(path, F_OK) != 0);
	CHECK(access(tmp, F_OK) != 0);
	pdf_free(p);
	rmdir(dir);
	free(path);
	free(tmp);
	qc_err_release(&e);
}

TEST(page_limit_exactly_met)
{
	struct pdf *p = open_doc(3);
	struct qc_err e = QC_ERR_INIT;
	char path[] = "/tmp/qcode-unit-pdf-XXXXXX";
	int fd = mkstemp(path);

	close(fd);
	CHECK(p != NULL);
	if (!p)
		return;
	pdf_page(p);
	pdf_page(p);
	pdf_para(p, "de derde pagina", PDF_REGULAR, 10, 0, PDF_INK);
	CHECK(!pdf_failed(p));
	CHECK(pdf_too_long(p) == 0);
	CHECK(pdf_save(p, path, 0, &e) == 0);
	pdf_free(p);
	unlink(path);
	qc_err_release(&e);
}

/* libharu's own limit: its page tree is one array, and HPDF_AddPage
 * returns NULL past it (drawing on that NULL page crashed). */
TEST(page_limit_of_libharu)
{
	struct pdf *p = open_doc(0);
	struct qc_err e = QC_ERR_INIT;
	size_t n = 1;

	CHECK(p != NULL);
	if (!p)
		return;
	while (!pdf_failed(p) && n < PDF_MAX_PAGES + 10) {
		pdf_page(p);
		n++;
	}
	CHECK(pdf_too_long(p) == PDF_MAX_PAGES);
	/* the page past the limit was the one refused */
	CHECK(n == PDF_MAX_PAGES + 1);
	pdf_para(p, "nothing more is drawn", PDF_REGULAR, 10, 0, PDF_INK);
	CHECK(pdf_save(p, "/nonexistent-dir/x.pdf", 0, &e) == -QC_EDATA);
	pdf_free(p);
	qc_err_release(&e);
}

/* s repeated to n bytes */
static char *repeat(const char *s, size_t n)
{
	struct qc_buf b = QC_BUF_INIT;

	while (b.len < n)
		qc_buf_adds(&b, s);
	return qc_buf_detach(&b, NULL);
}

/* One word of uniform characters: every line but the last holds as many
 * as fit, measured here by growing a line one character at a time. */
TEST(wrap_long_word_uniform)
{
	struct pdf *p = open_doc(0);
	const size_t n = 100000;
	const float width = 200;
	char *word = repeat("x", n), **v = NULL;
	size_t per = 0, lines, want;
	struct qc_buf probe = QC_BUF_INIT, joined = QC_BUF_INIT;

	CHECK(p != NULL);
	if (!p) {
		free(word);
		return;
	}
	for (;;) {
		qc_buf_addch(&probe, 'x');
		if (pdf_text_width(p, PDF_REGULAR, 10, probe.buf) > width)
			break;
		per++;
	}
	CHECK(per > 10);
	want = (n + per - 1) / per;
	lines = pdf_wrap(p, word, PDF_REGULAR, 10, width, &v);
	CHECK(lines == want);
	for (size_t i = 0; i < lines; i++) {
		CHECK(strlen(v[i]) == (i + 1 < lines ? per : n - per * (want - 1)));
		qc_buf_adds(&joined, v[i]);
	}
	CHECK(joined.len == n && !strcmp(joined.buf, word));
	free_lines(v, lines);
	qc_buf_release(&probe);
	qc_buf_release(&joined);
	free(word);
	pdf_free(p);
}

/* A word of characters of many widths and UTF-8 lengths: each line fits,
 * no line could take the next character, and the lines give the word
 * back; so the number of lines is the greedy one. */
TEST(wrap_long_word_mixed)
{
	struct pdf *p = open_doc(0);
	const float width = 150;
	char *word = repeat("aW\xc3\xa9i\xe2\x82\xac" "m.\xe2\x80\x94", 30000), **v = NULL;
	size_t lines, at = 0, len = strlen(word);

	CHECK(p != NULL);
	if (!p) {
		free(word);
		return;
	}
	lines = pdf_wrap(p, word, PDF_ITALIC, 9.5f, width, &v);
	CHECK(lines > 100);
	for (size_t i = 0; i < lines; i++) {
		size_t l = strlen(v[i]), next = at + l;
		CHECK(l > 0);
		CHECK(!strncmp(word + at, v[i], l));
		CHECK(text_utf8_invalid_at(v[i], l) == (size_t)-1);
		CHECK(pdf_text_width(p, PDF_ITALIC, 9.5f, v[i]) <= width);
		if (i + 1 < lines) {
			/* the line and the next code point do not fit */
			size_t j = next;
			char *more;
			text_utf8_next(word, len, &j);
			more = xstrndup(word + at, j - at);
			CHECK(pdf_text_width(p, PDF_ITALIC, 9.5f, more) > width);
			free(more);
		}
		at = next;
	}
	CHECK(at == len);
	free_lines(v, lines);
	free(word);
	pdf_free(p);
}

/* Words around a long one: the short ones keep their lines, and the long
 * word's last piece shares a line with the word after it. */
TEST(wrap_words_around_long_word)
{
	struct pdf *p = open_doc(0);
	struct qc_buf probe = QC_BUF_INIT;
	char *word, *text, **v = NULL;
	size_t lines, per = 0;

	CHECK(p != NULL);
	if (!p)
		return;
	for (;;) {
		qc_buf_addch(&probe, 'y');
		if (pdf_text_width(p, PDF_REGULAR, 10, probe.buf) > 120)
			break;
		per++;
	}
	/* two full lines and one 'y' left over */
	word = repeat("y", 2 * per + 1);
	text = xasprintf("kort %s eind\nnieuw", word);
	lines = pdf_wrap(p, text, PDF_REGULAR, 10, 120, &v);
	CHECK(lines == 5);
	if (lines == 5) {
		CHECK_STR(v[0], "kort");
		CHECK(strlen(v[1]) == per && strspn(v[1], "y") == per);
		CHECK(strlen(v[2]) == per && strspn(v[2], "y") == per);
		CHECK_STR(v[3], "y eind");
		CHECK_STR(v[4], "nieuw");
	}
	free_lines(v, lines);
	qc_buf_release(&probe);
	free(word);
	free(text);
	pdf_free(p);
}

/* A line narrower than one character still takes one per line. */
TEST(wrap_narrower_than_a_character)
{
	struct pdf *p = open_doc(0);
	char **v = NULL;
	size_t lines;

	CHECK(p != NULL);
	if (!p)
		return;
	lines = pdf_wrap(p, "\xc3\xa9\xc3\xa9\xc3\xa9", PDF_REGULAR, 10, 1, &v);
	CHECK(lines == 3);
	for (size_t i = 0; i < lines; i++)
		CHECK_STR(v[i], "\xc3\xa9");
	free_lines(v, lines);
	lines = pdf_wrap(p, "abc", PDF_REGULAR, 10, 1, &v);
	CHECK(lines == 3);
	free_lines(v, lines);
	pdf_free(p);
}

int main(void)
{
	RUN(page_limit_refused);
	RUN(page_limit_exactly_met);
	RUN(page_limit_of_libharu);
	RUN(wrap_long_word_uniform);
	RUN(wrap_long_word_mixed);
	RUN(wrap_words_around_long_word);
	RUN(wrap_narrower_than_a_character);
	UNIT_DONE();
}
