/* Unit tests: codebook (YAML parse and validation, merge, round trip). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "qcode/codebook.h"
#include "unit.h"

static char dir[] = "/tmp/qcode-unit-cb-XXXXXX";

static char *put_file(const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
	return p;
}

TEST(slug)
{
	char *s = codebook_slug("Continuïteit: één gezicht!");
	CHECK_STR(s, "continuiteit-een-gezicht");
	free(s);
	s = codebook_slug("???");
	CHECK_STR(s, "code");
	free(s);
}

TEST(parse_and_errors)
{
	struct codebook cb;
	struct qc_buf p = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;
	int w;
	char *f = put_file("a.yaml", "title: T\nlanguage: nl\ncodes:\n- name: Thema\n"
			"  codes:\n  - id: x\n    name: X\n    valence: hindering\n"
			"    skills: [a, b]\n");
	char *g = put_file("b.yaml", "codes:\n- id: x\n  name: X\n  valence: good\n"
			"  colour: blue\n  foo: 1\n  patterns: ['(a']\n");

	CHECK(codebook_parse(f, &cb, &p, &w, &e) == 0);
	CHECK(cb.n == 2 && w == 0);
	CHECK_STR(cb.codes[0].id, "thema");
	CHECK(cb.codes[1].parent == 0);
	CHECK_STR(cb.codes[1].skills, "a\nb");
	codebook_release(&cb);
	qc_buf_reset(&p);
	CHECK(codebook_parse(g, &cb, &p, &w, &e) == 3);
	CHECK(w == 1);
	CHECK(strstr(p.buf, "b.yaml:6:3: warning: unknown key 'foo'") != NULL);
	CHECK(strstr(p.buf, "valence 'good'") != NULL);
	CHECK(strstr(p.buf, "missing closing parenthesis") != NULL);
	codebook_release(&cb);
	free(f);
	free(g);
	qc_buf_release(&p);
	qc_err_release(&e);
}

TEST(merge_and_round_trip)
{
	struct store *s;
	struct codebook cb, back;
	struct codebook_merge m;
	struct qc_buf p = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;
	char *db = xasprintf("%s/p.db", dir), *out = xasprintf("%s/out.yaml", dir);
	char *f = put_file("c.yaml", "title: T\ncodes:\n- id: a\n  name: A\n  codes:\n"
			"  - id: b\n    name: B\n    valence: facilitating\n");
	FILE *o;
	int w;
	long long id;

	CHECK(store_create(db, "t", "nl", &s, &e) == 0);
	CHECK(codebook_parse(f, &cb, &p, &w, &e) == 0);
	CHECK(codebook_merge(s, &cb, 0, &m, &e) == 0);
	CHECK(m.added == 2 && m.changed == 0);
	qc_buf_release(&m.report);
	CHECK(codebook_find(s, "B", &id, &e) == 0);
	CHECK(codebook_find(s, "nope", &id, &e) == -QC_EDATA);
	qc_err_clear(&e);
	/* the same file again: unchanged */
	CHECK(codebook_merge(s, &cb, 0, &m, &e) == 0);
	CHECK(m.unchanged == 2 && m.added == 0);
	qc_buf_release(&m.report);
	codebook_release(&cb);
	/* export, parse, export: the same bytes */
	CHECK(codebook_read(s, &back, &e) == 0);
	o = fopen(out, "w");
	codebook_write_yaml(&back, o);
	fclose(o);
	codebook_release(&back);
	CHECK(codebook_parse(out, &cb, &p, &w, &e) == 0);
	CHECK(cb.n == 2 && cb.codes[0].guid && cb.codes[1].parent == 0);
	codebook_release(&cb);
	store_close(s);
	free(db);
	free(out);
	free(f);
	qc_buf_release(&p);
	qc_err_release(&e);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	RUN(slug);
	RUN(parse_and_errors);
	RUN(merge_and_round_trip);
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			return 1;
		free(cmd);
	}
	UNIT_DONE();
}
