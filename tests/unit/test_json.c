/* Unit tests: json, the small reader of Whisper's transcripts. */
#include <stdlib.h>

#include "qcode/json.h"
#include "unit.h"

static int parse(const char *s, struct json *j, struct qc_err *e)
{
	return json_parse(s, strlen(s), j, e);
}

TEST(values_and_escapes)
{
	struct json j;
	struct qc_err e = QC_ERR_INIT;
	const struct json *v;

	CHECK(parse(" {\"a\": [1, -2.5, 3e2, 0.25E-1], \"s\": \"x\\u00e9\\ud83d"
		    "\\ude00\\n\\/\", \"t\": true, \"f\": false, \"z\": null,"
		    " \"o\": {}, \"a\": 9} ", &j, &e) == 0);
	v = json_get(&j, "a");
	CHECK(v && v->type == JSON_ARRAY && v->n == 4);
	CHECK_NEAR(v->v[0].num, 1, 1e-9);
	CHECK_NEAR(v->v[1].num, -2.5, 1e-9);
	CHECK_NEAR(v->v[2].num, 300, 1e-9);
	CHECK_NEAR(v->v[3].num, 0.025, 1e-9);
	CHECK_STR(json_get(&j, "s")->str, "x\xc3\xa9\xf0\x9f\x98\x80\n/");
	CHECK(json_get(&j, "t")->boolean == 1);
	CHECK(json_get(&j, "f")->type == JSON_BOOL);
	CHECK(json_get(&j, "z")->type == JSON_NULL);
	CHECK(json_get(&j, "o")->type == JSON_OBJECT);
	CHECK(json_get(&j, "nope") == NULL);
	json_release(&j);
	qc_err_release(&e);
}

TEST(refusals_name_the_line)
{
	static const char *const bad[] = { "", "{", "{\"a\" 1}", "[1,]",
		"{\"a\": 01}", "\"\\ud800\"", "\"a\tb\"", "[1] x", "tru",
		"{a: 1}", "[1.]", "\"\\x\"", "{\"a\":\n\n-}", NULL };
	struct json j;
	struct qc_err e = QC_ERR_INIT;

	for (int i = 0; bad[i]; i++) {
		CHECK(parse(bad[i], &j, &e) == -QC_EDATA);
		qc_err_clear(&e);
	}
	CHECK(parse("{\"a\":\n\n-}", &j, &e) == -QC_EDATA);
	CHECK(strstr(e.msg.buf, "line 3") != NULL);
	qc_err_release(&e);
}

TEST(depth_is_capped)
{
	struct json j;
	struct qc_err e = QC_ERR_INIT;
	char *deep = malloc(20001);

	memset(deep, '[', 20000);
	deep[20000] = '\0';
	CHECK(parse(deep, &j, &e) == -QC_EDATA);
	CHECK(strstr(e.msg.buf, "nested too deep") != NULL);
	free(deep);
	qc_err_release(&e);
}

int main(void)
{
	RUN(values_and_escapes);
	RUN(refusals_name_the_line);
	RUN(depth_is_capped);
	UNIT_DONE();
}
