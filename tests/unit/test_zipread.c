/* Unit tests: the guarded ZIP reader, with headers that lie. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

#include "qcode/import.h"
#include "qcode/zipread.h"
#include "unit.h"

static const struct zipread_limits lim = { 4ULL << 30, 256ULL << 20, 200,
					   1000 };

/* A deflated archive in memory with one entry of n bytes 'a' called
 * name; when claim is not 0 both headers say the entry holds claim bytes.
 * Caller frees; *len is set. */
static char *lying_zip(const char *name, size_t n, uint32_t claim, size_t *len)
{
	const char *path = "lying.zip";
	char *text = xmalloc(n), *data = NULL;
	struct qc_err e = QC_ERR_INIT;
	int err;
	zip_t *z;

	memset(text, 'a', n);
	unlink(path);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	zip_file_add(z, name, zip_source_buffer(z, text, n, 0), 0);
	zip_close(z);
	free(text);
	if (qc_read_file(path, 0, &data, len, &e) < 0)
		return NULL;
	qc_err_release(&e);
	if (claim) {
		/* the local header is first; the central directory follows */
		memcpy(data + 22, &claim, 4);
		for (size_t i = 0; i + 28 <= *len; i++)
			if (!memcmp(data + i, "PK\1\2", 4))
				memcpy(data + i + 24, &claim, 4);
	}
	return data;
}

TEST(honest_entry_reads_whole)
{
	struct zipread z;
	struct zipread_limits loose = lim;
	struct qc_buf b = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;
	size_t len;
	char *zip = lying_zip("x.txt", 3 << 20, 0, &len);

	/* 'a' over and over compresses far beyond 200 to 1 */
	CHECK(zip && zipread_open_mem(&z, zip, len, &lim, &e) < 0);
	CHECK(strstr(e.msg.buf, "a ZIP bomb?") != NULL);
	loose.max_ratio = 1ULL << 20;
	CHECK(zipread_open_mem(&z, zip, len, &loose, &e) == 0);
	CHECK(zipread_read(&z, zipread_find(&z, "x.txt"), &b, &e) == 0);
	CHECK(b.len == 3 << 20);
	CHECK(zipread_find(&z, "X.TXT") >= 0 && zipread_find(&z, "y") < 0);
	zipread_close(&z);
	qc_buf_release(&b);
	qc_err_release(&e);
	free(zip);
}

TEST(small_claim_stops_at_the_claim)
{
	struct zipread z;
	struct qc_buf b = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;
	size_t len;
	char *zip = lying_zip("x.txt", 8 << 20, 100, &len);

	CHECK(zip && zipread_open_mem(&z, zip, len, &lim, &e) == 0);
	CHECK(zipread_read(&z, zipread_find(&z, "x.txt"), &b, &e) < 0);
	CHECK(strstr(e.msg.buf, "more than the 100 bytes its header declares"));
	/* what was read is what was declared, not megabytes */
	CHECK(b.len <= 101 && z.used <= 101);
	zipread_close(&z);
	qc_buf_release(&b);
	qc_err_release(&e);
	free(zip);
}

TEST(streamed_read_stops_at_the_claim)
{
	struct zipread z;
	struct zipread_limits strict = lim;
	struct zipread_entry en;
	struct qc_err e = QC_ERR_INIT;
	char buf[4096];
	long long n;
	size_t len;
	/* headers claim 1 MiB (too small for the ratio check at open) but
	 * 4 MiB come out, compressed about 1000 to 1 */
	char *zip = lying_zip("x.txt", 4 << 20, 1 << 20, &len);

	strict.max_ratio = 200;
	CHECK(zip && zipread_open_mem(&z, zip, len, &strict, &e) == 0);
	CHECK(zipread_entry_open(&z, 0, &en, &e) == 0);
	while ((n = zipread_entry_read(&en, buf, sizeof(buf), &e)) > 0)
		;
	CHECK(n < 0);
	CHECK(strstr(e.msg.buf, "its header declares") != NULL);
	CHECK(en.got <= (1 << 20) + 1);
	/* reading on after a refusal gives the refusal again */
	CHECK(zipread_entry_read(&en, buf, sizeof(buf), &e) < 0);
	zipread_entry_close(&en);
	zipread_close(&z);
	qc_err_release(&e);
	free(zip);
}

TEST(docx_part_that_lies)
{
	struct qc_buf out = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;
	const char *format = NULL;
	size_t len;
	char *zip = lying_zip("word/document.xml", 8 << 20, 100, &len);

	CHECK(zip && import_zip_text(zip, len, &format, &out, &e) < 0);
	CHECK(strstr(e.msg.buf, "its header declares") != NULL);
	qc_buf_release(&out);
	qc_err_release(&e);
	free(zip);
}

TEST(paths_that_leave_are_refused)
{
	struct zipread z;
	struct qc_err e = QC_ERR_INIT;
	size_t len;
	char *zip = lying_zip("../x.txt", 10, 0, &len);

	CHECK(zip && zipread_open_mem(&z, zip, len, &lim, &e) < 0);
	CHECK(strstr(e.msg.buf, "leaves the archive") != NULL);
	CHECK(z.za == NULL);
	qc_err_release(&e);
	free(zip);
}

int main(void)
{
	RUN(honest_entry_reads_whole);
	RUN(small_claim_stops_at_the_claim);
	RUN(streamed_read_stops_at_the_claim);
	RUN(docx_part_that_lies);
	RUN(paths_that_leave_are_refused);
	UNIT_DONE();
}
