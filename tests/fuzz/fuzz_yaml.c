/* libFuzzer target: the YAML readers (codebooks, report templates over
 * the shipped ones, redaction rules), each given the input as a file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcode/codebook.h"
#include "qcode/privacy.h"
#include "qcode/report.h"
#include "qcode/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void drop(void)
{
	unlink(path);
}

/* The input as a file of its own, made once and rewritten each run. */
static int put(const uint8_t *data, size_t size)
{
	FILE *f;

	if (!path[0]) {
		int fd;
		snprintf(path, sizeof(path), "/tmp/qcode-fuzz-yaml-XXXXXX");
		if ((fd = mkstemp(path)) < 0)
			abort();
		close(fd);
		atexit(drop);
	}
	if (!(f = fopen(path, "wb")))
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const kinds[] = { "lessons", "review", "codebook" };
	struct qc_err e = QC_ERR_INIT;
	struct qc_buf probs = QC_BUF_INIT;
	struct codebook cb;
	struct redactor *r = NULL;
	char *tp = NULL;
	int w;

	put(data, size);
	codebook_parse(path, &cb, &probs, &w, &e);
	codebook_release(&cb);
	qc_err_clear(&e);
	report_template_check(kinds[size % 3], path, &tp, &e);
	free(tp);
	qc_err_clear(&e);
	if (redactor_open(NULL, path, &r, &e) == 0) {
		/* the rules run on the input itself when it could be stored
		 * text: valid UTF-8 without NUL */
		struct qc_buf out = QC_BUF_INIT;
		size_t n = strnlen((const char *)data, size);
		if (text_utf8_invalid_at((const char *)data, n) == (size_t)-1)
			redactor_apply(r, (const char *)data, n, &out, &e);
		qc_buf_release(&out);
		redactor_close(r);
	}
	qc_buf_release(&probs);
	qc_err_release(&e);
	return 0;
}
