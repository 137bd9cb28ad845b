/*
 * json: a small, strict JSON reader (RFC 8259) for the files transcription
 * tools write (Whisper's .json). The whole text is parsed into a tree;
 * nesting deeper than JSON_MAX_DEPTH is refused, so a file cannot exhaust
 * the stack, and numbers are read without the C locale's help.
 */
#ifndef QCODE_JSON_H
#define QCODE_JSON_H

#include <stddef.h>

#include "qcode/util.h"

#define JSON_MAX_DEPTH 64

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING,
		 JSON_ARRAY, JSON_OBJECT };

struct json {
	enum json_type type;
	int boolean;
	double num;
	char *str;		/* STRING: UTF-8, NUL-terminated (may hold NULs) */
	size_t len;
	struct json *v;		/* ARRAY items, OBJECT values */
	char **keys;		/* OBJECT keys, one per value */
	size_t n;
};

/* Parse s[0..len) (valid UTF-8) into *out, released with json_release.
 * Returns 0, or -QC_EDATA with e saying "line N: why". */
int json_parse(const char *s, size_t len, struct json *out, struct qc_err *e);
void json_release(struct json *j);

/* An object's first member named key, or NULL (also for a non-object). */
const struct json *json_get(const struct json *obj, const char *key);

#endif
