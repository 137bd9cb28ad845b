/* libFuzzer target: decoding, front matter and speaker-turn segmentation
 * of plain text and Markdown, and (input starting with '{') Whisper JSON
 * through the strict JSON reader. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_doc d;
	struct qc_err e = QC_ERR_INIT;
	const char *enc = size && data[0] == 'A' ? "auto" : NULL;
	const char *name = size && data[0] == '{' ? "fuzz.json" : "fuzz.md";

	import_doc_init(&d);
	if (import_parse((const char *)data, size, name, enc, &d, &e) == 0) {
		/* every turn lies inside the text, in order */
		for (size_t i = 0; i < d.nturns; i++)
			if (d.turns[i].start > d.turns[i].end ||
			    d.turns[i].end > d.text.len ||
			    (i && d.turns[i].start < d.turns[i - 1].end))
				abort();
	}
	import_doc_release(&d);
	qc_err_release(&e);
	return 0;
}
