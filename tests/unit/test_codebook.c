/* Unit tests: codebook (YAML parse and validation, merge, round trip,
 * the code commands' edits). */
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

TEST(edits)
{
	struct store *s;
	struct qc_err e = QC_ERR_INIT;
	struct codebook cb;
	struct codebook_use use[4] = { { 0 } };
	struct codebook_new c = { .name = "Trust Me" };
	struct codebook_merged m;
	char *db = xasprintf("%s/e.db", dir), *id = NULL, *a = NULL, *b = NULL;
	long long top, kid, other, n;

	CHECK(store_create(db, "t", "nl", &s, &e) == 0);
	CHECK(codebook_add(s, &c, &id, &e) == 0);
	CHECK_STR(id, "trust-me");
	free(id);
	CHECK(codebook_add(s, &c, &id, &e) == -QC_EDATA);
	CHECK_STR(e.msg.buf, "a code with id 'trust-me' exists already (use --id)");
	qc_err_clear(&e);
	free(id);
	CHECK(codebook_find(s, "trust-me", &top, &e) == 0);
	c.name = "Kid";
	c.id = "kid";
	c.parent = top;
	c.valence = "hindering";
	CHECK(codebook_add(s, &c, &id, &e) == 0);
	free(id);
	CHECK(codebook_find(s, "kid", &kid, &e) == 0);
	c.name = "Other";
	c.id = "other";
	c.parent = 0;
	CHECK(codebook_add(s, &c, &id, &e) == 0);
	free(id);
	CHECK(codebook_find(s, "other", &other, &e) == 0);

	CHECK(codebook_read(s, &cb, &e) == 0 && cb.n == 3);
	CHECK(cb.n == 3 && cb.codes[1].parent == 0);
	CHECK(codebook_usage(s, &cb, use, &e) == 0 && use[0].codings == 0);
	codebook_release(&cb);

	/* rename with a taken id keeps the error named by id only */
	CHECK(codebook_rename(s, kid, "Child", "other", &a, &e) == -QC_EDATA);
	CHECK_STR(e.msg.buf, "id 'other' is taken");
	qc_err_clear(&e);
	free(a);
	/* (the name changed before the id failed: the caller's transaction
	 * rolls both back) */
	CHECK(codebook_rename(s, kid, "Child", NULL, &a, &e) == 0);
	CHECK_STR(a, "Child");
	free(a);

	/* not under itself or below itself */
	CHECK(codebook_move(s, top, kid, &a, &b, &e) == -QC_EDATA);
	qc_err_clear(&e);
	free(a);
	free(b);
	CHECK(codebook_move(s, kid, 0, &a, &b, &e) == 0);
	CHECK_STR(a, "kid");
	CHECK_STR(b, "(top)");
	free(a);
	free(b);
	CHECK(codebook_move(s, kid, other, &a, &b, &e) == 0);
	free(a);
	free(b);

	/* a code with a child is not removed; merged, its child moves */
	CHECK(codebook_remove(s, other, 1, &a, &n, &e) == -QC_EDATA);
	CHECK_STR(e.msg.buf, "'other' has 1 child code; move or remove them"
		  " first");
	qc_err_clear(&e);
	free(a);
	CHECK(codebook_merge_code(s, other, kid, &m, &e) == -QC_EDATA);
	qc_err_clear(&e);
	codebook_merged_release(&m);
	CHECK(codebook_merge_code(s, other, top, &m, &e) == 0);
	CHECK_STR(m.from, "other");
	CHECK(m.moved == 0 && m.dropped == 0);
	codebook_merged_release(&m);
	CHECK(codebook_find(s, "other", &n, &e) == -QC_EDATA);
	qc_err_clear(&e);
	CHECK(codebook_remove(s, kid, 0, &a, &n, &e) == 0 && n == 0);
	CHECK_STR(a, "kid");
	free(a);
	CHECK(codebook_read(s, &cb, &e) == 0 && cb.n == 1);
	codebook_release(&cb);
	store_close(s);
	free(db);
	qc_err_release(&e);
}

TEST(write_csv)
{
	struct codebook cb;
	struct qc_buf p = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;
	char *f = put_file("csv.yaml", "codes:\n- id: a\n  name: 'A, \"b\"'\n"
			"  definition: \"one\\ntwo\"\n");
	char *text = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&text, &len);
	int w;

	CHECK(codebook_parse(f, &cb, &p, &w, &e) == 0);
	codebook_write_csv(&cb, o);
	fclose(o);
	/* RFC 4180: a comma, quote or line break quotes the cell, a quote
	 * is doubled, an absent field is empty */
	CHECK(strstr(text, "patterns\na,,,\"A, \"\"b\"\"\",,,\"one\ntwo\","
		     ",,,,,,\n") != NULL);
	codebook_release(&cb);
	free(text);
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
	RUN(edits);
	RUN(write_csv);
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			return 1;
		free(cmd);
	}
	UNIT_DONE();
}
