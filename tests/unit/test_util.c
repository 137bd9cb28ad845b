/* Unit tests: util (buffers, errors, sha256, file reads). */
#include <stdlib.h>

#include "qcode/util.h"
#include "unit.h"

TEST(buf_grows_and_stays_terminated)
{
	struct qc_buf b = QC_BUF_INIT;

	CHECK(b.buf != NULL && b.len == 0 && b.buf[0] == '\0');
	for (int i = 0; i < 1000; i++)
		qc_buf_addch(&b, 'a' + i % 26);
	CHECK(b.len == 1000);
	CHECK(b.buf[1000] == '\0');
	qc_buf_addf(&b, "%d-%s", 42, "x");
	CHECK_STR(b.buf + 1000, "42-x");
	qc_buf_reset(&b);
	CHECK(b.len == 0 && b.buf[0] == '\0');
	qc_buf_release(&b);
	CHECK(b.alloc == 0 && b.buf[0] == '\0');
}

TEST(buf_detach_hands_over)
{
	struct qc_buf b = QC_BUF_INIT;
	size_t len;
	char *s;

	qc_buf_adds(&b, "hello");
	s = qc_buf_detach(&b, &len);
	CHECK_STR(s, "hello");
	CHECK(len == 5);
	CHECK(b.len == 0 && b.alloc == 0);
	free(s);
	s = qc_buf_detach(&b, NULL);	/* empty buffer: still a real string */
	CHECK_STR(s, "");
	free(s);
}

TEST(buf_long_format)
{
	struct qc_buf b = QC_BUF_INIT;
	char big[5000];

	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	qc_buf_addf(&b, "<%s>", big);
	CHECK(b.len == sizeof(big) + 1);
	CHECK(b.buf[0] == '<' && b.buf[b.len - 1] == '>');
	qc_buf_release(&b);
}

TEST(err_set_and_prefix)
{
	struct qc_err e = QC_ERR_INIT;

	CHECK(qc_err_set(&e, QC_EDATA, "bad %s", "thing") == -QC_EDATA);
	CHECK(e.code == QC_EDATA);
	qc_err_prefix(&e, "import '%s'", "a.txt");
	CHECK_STR(e.msg.buf, "import 'a.txt': bad thing");
	qc_err_clear(&e);
	CHECK(e.code == QC_OK && e.msg.len == 0);
	qc_err_release(&e);
}

TEST(sha256_known_vectors)
{
	char h[65];

	qc_sha256_hex("", 0, h);
	CHECK_STR(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	qc_sha256_hex("abc", 3, h);
	CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* 56 bytes: the padding spills into a second block */
	qc_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		      56, h);
	CHECK_STR(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(read_file_missing)
{
	struct qc_err e = QC_ERR_INIT;
	char *data = NULL;
	size_t len = 0;

	CHECK(qc_read_file("no/such/file", 0, &data, &len, &e) == -QC_EIO);
	CHECK(strstr(e.msg.buf, "cannot open 'no/such/file'") != NULL);
	CHECK(data == NULL);
	qc_err_release(&e);
}

TEST(validators)
{
	long long n = 0;
	double r = 0;
	char col[8];

	CHECK(qc_date_valid("2024-02-29", 0));
	CHECK(qc_date_valid("2000-02-29", 0));
	CHECK(!qc_date_valid("2023-02-29", 0));
	CHECK(!qc_date_valid("1900-02-29", 0));
	CHECK(!qc_date_valid("2025-02-30", 0));
	CHECK(!qc_date_valid("2025-04-31", 0));
	CHECK(qc_date_valid("2025-12-31", 0));
	CHECK(!qc_date_valid("2025-13-01", 0));
	CHECK(!qc_date_valid("2025-1-01", 0));
	CHECK(!qc_date_valid("2025", 0));
	CHECK(qc_date_valid("2025", 1) && qc_date_valid("2025-07", 1));
	CHECK(!qc_date_valid("2025-00", 1));
	CHECK(qc_parse_int("42", 1, 100, &n) == 0 && n == 42);
	CHECK(qc_parse_int("abc", 1, 100, &n) < 0);
	CHECK(qc_parse_int("", 1, 100, &n) < 0);
	CHECK(qc_parse_int(" 4", 1, 100, &n) < 0);
	CHECK(qc_parse_int("4 ", 1, 100, &n) < 0);
	CHECK(qc_parse_int("0x10", 0, 100, &n) < 0);
	CHECK(qc_parse_int("101", 1, 100, &n) < 0);
	CHECK(qc_parse_int("99999999999999999999", 0, 100, &n) < 0);
	CHECK(qc_parse_int("-3", -5, 5, &n) == 0 && n == -3);
	CHECK(qc_parse_real("0.95", 0, 1, &r) == 0 && r > 0.94 && r < 0.96);
	CHECK(qc_parse_real("0.95x", 0, 1, &r) < 0);
	CHECK(qc_parse_real("nan", 0, 1, &r) < 0);
	CHECK(qc_colour_parse("#2E6F9E", col) == 0);
	CHECK_STR(col, "#2E6F9E");
	CHECK(qc_colour_parse("#c03", col) == 0);
	CHECK_STR(col, "#cc0033");
	CHECK(qc_colour_parse("#zzz", col) < 0);
	CHECK(qc_colour_parse("red", col) < 0);
	CHECK(qc_colour_parse("#12345", col) < 0);
}

TEST(references)
{
	struct qc_ref r;
	unsigned all = QC_REF_SOURCE | QC_REF_TURN | QC_REF_RANGE | QC_REF_SPAN;

	CHECK(qc_ref_parse("S3", all, &r) == QC_REF_SOURCE && r.source == 3 &&
	      r.from == 0 && r.start == -1);
	CHECK(qc_ref_parse("s3:12", all, &r) == QC_REF_TURN && r.source == 3 &&
	      r.from == 12 && r.to == 12);
	CHECK(qc_ref_parse("S3:12-15", all, &r) == QC_REF_RANGE &&
	      r.from == 12 && r.to == 15);
	CHECK(qc_ref_parse("S3:12@0-40", all, &r) == QC_REF_SPAN &&
	      r.from == 12 && r.start == 0 && r.end == 40);
	/* only the forms asked for */
	CHECK(qc_ref_parse("S3:12", QC_REF_SOURCE, &r) == -1);
	CHECK(qc_ref_parse("S3", QC_REF_TURN, &r) == -1);
	/* digits only, ranges forward, nothing after */
	const char *bad[] = { "", "S", "3", "S+3", "S 3", "S-3", "S3:", "S3:x",
		"S3:12-11", "S3:12@40-40", "S3:12@4", "S3:12-", "S3x",
		"S3:12 ", "S99999999999999999999", "T3" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(qc_ref_parse(bad[i], all, &r) == -1);
}

TEST(has_ext_ignores_case_and_needs_a_name)
{
	CHECK(qc_has_ext("a.qdpx", ".qdpx"));
	CHECK(qc_has_ext("dir/A.QDPX", ".qdpx"));
	CHECK(!qc_has_ext(".qdpx", ".qdpx"));
	CHECK(!qc_has_ext("a.qdpx.txt", ".qdpx"));
	CHECK(!qc_has_ext("", ".qde"));
}

TEST(numlist_one_syntax)
{
	long long *v = NULL;
	size_t n = 0, alloc = 0;

	CHECK(qc_parse_numlist("1,3-5", &v, &n, &alloc) == 0);
	CHECK(n == 4 && v[0] == 1 && v[1] == 3 && v[3] == 5);
	CHECK(qc_parse_numlist("7", &v, &n, &alloc) == 0 && n == 5 && v[4] == 7);
	CHECK(qc_parse_numlist("", &v, &n, &alloc) < 0);
	CHECK(qc_parse_numlist("1,", &v, &n, &alloc) < 0);
	CHECK(qc_parse_numlist("0", &v, &n, &alloc) < 0);
	CHECK(qc_parse_numlist("5-3", &v, &n, &alloc) < 0);
	CHECK(qc_parse_numlist("1-x", &v, &n, &alloc) < 0);
	CHECK(qc_parse_numlist("-3", &v, &n, &alloc) < 0);
	CHECK(qc_parse_numlist("1-2000000", &v, &n, &alloc) < 0);
	free(v);
}

int main(void)
{
	RUN(buf_grows_and_stays_terminated);
	RUN(buf_detach_hands_over);
	RUN(buf_long_format);
	RUN(err_set_and_prefix);
	RUN(sha256_known_vectors);
	RUN(read_file_missing);
	RUN(validators);
	RUN(references);
	RUN(has_ext_ignores_case_and_needs_a_name);
	RUN(numlist_one_syntax);
	UNIT_DONE();
}
