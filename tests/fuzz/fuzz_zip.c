/* libFuzzer target: DOCX and ODT (zip archives with XML). Seed it with
 * the documents in tests/fixtures/import/. */
#include <stdint.h>
#include <stdlib.h>

#include "qcode/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qc_buf out = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;
	const char *format = NULL;

	import_zip_text((const char *)data, size, &format, &out, &e);
	qc_buf_release(&out);
	qc_err_release(&e);
	return 0;
}
