/* json: a small strict JSON reader into a tree (see json.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/json.h"
#include "qcode/text.h"

struct jp {
	const char *s;
	size_t len, i;
	struct qc_err *e;
};

static size_t line_of(const struct jp *p)
{
	size_t line = 1;

	for (size_t k = 0; k < p->i && k < p->len; k++)
		line += p->s[k] == '\n';
	return line;
}

static int fail(struct jp *p, const char *why)
{
	return qc_err_set(p->e, QC_EDATA, "line %zu: %s", line_of(p), why);
}

static void ws(struct jp *p)
{
	while (p->i < p->len && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
				 p->s[p->i] == '\n' || p->s[p->i] == '\r'))
		p->i++;
}

static int hex4(struct jp *p, uint32_t *u)
{
	*u = 0;
	if (p->len - p->i < 4)
		return -1;
	for (int k = 0; k < 4; k++) {
		char c = p->s[p->i++];
		*u <<= 4;
		if (c >= '0' && c <= '9')
			*u |= (uint32_t)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			*u |= (uint32_t)((c | 0x20) - 'a' + 10);
		else
			return -1;
	}
	return 0;
}

/* A string at p->i (at its opening quote) into b. */
static int string(struct jp *p, struct qc_buf *b)
{
	p->i++;
	for (;;) {
		unsigned char c;

		if (p->i >= p->len)
			return fail(p, "a string is not closed");
		c = (unsigned char)p->s[p->i];
		if (c == '"') {
			p->i++;
			return 0;
		}
		if (c < 0x20)
			return fail(p, "a control character inside a string");
		if (c != '\\') {
			qc_buf_addch(b, (char)c);
			p->i++;
			continue;
		}
		if (++p->i >= p->len)
			return fail(p, "a string is not closed");
		c = (unsigned char)p->s[p->i++];
		switch (c) {
		case '"': case '\\': case '/':
			qc_buf_addch(b, (char)c);
			break;
		case 'b': qc_buf_addch(b, '\b'); break;
		case 'f': qc_buf_addch(b, '\f'); break;
		case 'n': qc_buf_addch(b, '\n'); break;
		case 'r': qc_buf_addch(b, '\r'); break;
		case 't': qc_buf_addch(b, '\t'); break;
		case 'u': {
			uint32_t u, v;
			if (hex4(p, &u) < 0)
				return fail(p, "a bad \\u escape");
			if (u >= 0xD800 && u < 0xDC00) {
				if (p->len - p->i < 6 || p->s[p->i] != '\\' ||
				    p->s[p->i + 1] != 'u')
					return fail(p, "a lone UTF-16 surrogate");
				p->i += 2;
				if (hex4(p, &v) < 0 || v < 0xDC00 || v > 0xDFFF)
					return fail(p, "a lone UTF-16 surrogate");
				u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
			} else if (u >= 0xDC00 && u <= 0xDFFF) {
				return fail(p, "a lone UTF-16 surrogate");
			}
			text_utf8_put(b, (int32_t)u);
			break;
		}
		default:
			return fail(p, "an unknown escape in a string");
		}
	}
}

static int digits(struct jp *p)
{
	size_t st = p->i;

	while (p->i < p->len && p->s[p->i] >= '0' && p->s[p->i] <= '9')
		p->i++;
	return p->i > st;
}

/* A number by the JSON grammar, its value by hand (strtod follows the
 * locale's decimal point). */
static int number(struct jp *p, double *out)
{
	double v = 0, scale = 1;
	int neg = 0, eneg = 0;
	long ex = 0;
	size_t st;

	if (p->s[p->i] == '-')
		neg = 1, p->i++;
	st = p->i;
	if (!digits(p))
		return fail(p, "a number without digits");
	if (p->s[st] == '0' && p->i - st > 1)
		return fail(p, "a number with a leading zero");
	for (size_t k = st; k < p->i; k++)
		v = v * 10 + (p->s[k] - '0');
	if (p->i < p->len && p->s[p->i] == '.') {
		st = ++p->i;
		if (!digits(p))
			return fail(p, "a number without digits after '.'");
		for (size_t k = st; k < p->i; k++)
			v += (p->s[k] - '0') * (scale /= 10);
	}
	if (p->i < p->len && (p->s[p->i] | 0x20) == 'e') {
		p->i++;
		if (p->i < p->len && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			eneg = p->s[p->i++] == '-';
		st = p->i;
		if (!digits(p))
			return fail(p, "a number without digits in its exponent");
		for (size_t k = st; k < p->i && ex < 1000; k++)
			ex = ex * 10 + (p->s[k] - '0');
		while (ex-- > 0)
			v = eneg ? v / 10 : v * 10;
	}
	*out = neg ? -v : v;
	return 0;
}

static int word(struct jp *p, const char *w)
{
	size_t n = strlen(w);

	if (p->len - p->i < n || memcmp(p->s + p->i, w, n))
		return fail(p, "not JSON");
	p->i += n;
	return 0;
}

static int value(struct jp *p, struct json *j, int depth)
{
	size_t alloc = 0;
	int rc;

	memset(j, 0, sizeof(*j));
	ws(p);
	if (p->i >= p->len)
		return fail(p, "the text ends where a value should be");
	switch (p->s[p->i]) {
	case '{':
	case '[': {
		int obj = p->s[p->i] == '{';
		char close = obj ? '}' : ']';
		if (depth >= JSON_MAX_DEPTH)
			return fail(p, "nested too deep");
		j->type = obj ? JSON_OBJECT : JSON_ARRAY;
		p->i++;
		ws(p);
		if (p->i < p->len && p->s[p->i] == close) {
			p->i++;
			return 0;
		}
		for (;;) {
			struct qc_buf key = QC_BUF_INIT;
			ws(p);
			if (obj) {
				if (p->i >= p->len || p->s[p->i] != '"')
					return fail(p, "an object key must be a string");
				if ((rc = string(p, &key)) < 0) {
					qc_buf_release(&key);
					return rc;
				}
				ws(p);
				if (p->i >= p->len || p->s[p->i] != ':') {
					qc_buf_release(&key);
					return fail(p, "':' missing after an object key");
				}
				p->i++;
			}
			if (j->n == alloc) {
				alloc = alloc ? 2 * alloc : 8;
				j->v = xreallocarray(j->v, alloc, sizeof(*j->v));
				if (obj)
					j->keys = xreallocarray(j->keys, alloc,
								sizeof(*j->keys));
			}
			if (obj)
				j->keys[j->n] = qc_buf_detach(&key, NULL);
			rc = value(p, &j->v[j->n], depth + 1);
			j->n++;	/* released with the rest, even when incomplete */
			if (rc < 0)
				return rc;
			ws(p);
			if (p->i < p->len && p->s[p->i] == ',') {
				p->i++;
				continue;
			}
			if (p->i < p->len && p->s[p->i] == close) {
				p->i++;
				return 0;
			}
			return fail(p, obj ? "',' or '}' missing" :
				    "',' or ']' missing");
		}
	}
	case '"': {
		struct qc_buf b = QC_BUF_INIT;
		j->type = JSON_STRING;
		rc = string(p, &b);
		j->len = b.len;
		j->str = qc_buf_detach(&b, NULL);
		return rc;
	}
	case 't':
		j->type = JSON_BOOL;
		j->boolean = 1;
		return word(p, "true");
	case 'f':
		j->type = JSON_BOOL;
		return word(p, "false");
	case 'n':
		return word(p, "null");
	default:
		if (p->s[p->i] == '-' || (p->s[p->i] >= '0' && p->s[p->i] <= '9')) {
			j->type = JSON_NUMBER;
			return number(p, &j->num);
		}
		return fail(p, "not JSON");
	}
}

int json_parse(const char *s, size_t len, struct json *out, struct qc_err *e)
{
	struct jp p = { s, len, 0, e };
	int rc = value(&p, out, 0);

	if (rc == 0) {
		ws(&p);
		if (p.i < p.len)
			rc = fail(&p, "text after the JSON value");
	}
	if (rc < 0)
		json_release(out);
	return rc;
}

void json_release(struct json *j)
{
	for (size_t k = 0; k < j->n; k++) {
		json_release(&j->v[k]);
		if (j->keys)
			free(j->keys[k]);
	}
	free(j->v);
	free(j->keys);
	free(j->str);
	memset(j, 0, sizeof(*j));
}

const struct json *json_get(const struct json *obj, const char *key)
{
	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (size_t k = 0; k < obj->n; k++)
		if (!strcmp(obj->keys[k], key))
			return &obj->v[k];
	return NULL;
}
