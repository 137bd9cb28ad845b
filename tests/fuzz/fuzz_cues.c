/* libFuzzer target: WebVTT and SRT cue parsing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_doc d;
	struct qc_err e = QC_ERR_INIT;
	char *s = malloc(size + 7);

	/* half the inputs as WebVTT, half as SRT */
	if (size && (data[0] & 1)) {
		memcpy(s, "WEBVTT\n", 7);
		memcpy(s + 7, data, size);
		import_doc_init(&d);
		import_parse_vtt(s, size + 7, &d, &e);
	} else {
		memcpy(s, data, size);
		import_doc_init(&d);
		import_parse_srt(s, size, &d, &e);
	}
	for (size_t i = 0; i < d.nturns; i++)
		if (d.turns[i].start > d.turns[i].end || d.turns[i].end > d.text.len)
			abort();
	import_doc_release(&d);
	qc_err_release(&e);
	free(s);
	return 0;
}
