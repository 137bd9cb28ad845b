/* Unit tests: out (CSV cells, tables and TSV with tabs in values, rows
 * rendered as table, TSV, CSV and JSON). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "qcode/out.h"
#include "unit.h"

/* What fn wrote into a memory stream (caller frees). */
static char *captured(FILE *f, char **buf)
{
	fclose(f);
	return *buf;
}

static char *csv(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	out_csv_cell(f, s);
	return captured(f, &buf);
}

TEST(csv_cell_quotes_as_rfc4180)
{
	char *s;

	CHECK_STR((s = csv("plain")), "plain");
	free(s);
	CHECK_STR((s = csv(NULL)), "");
	free(s);
	CHECK_STR((s = csv("a\tb")), "a\tb");		/* a tab needs no quotes */
	free(s);
	CHECK_STR((s = csv("a,b")), "\"a,b\"");
	free(s);
	CHECK_STR((s = csv("say \"hi\"")), "\"say \"\"hi\"\"\"");
	free(s);
	CHECK_STR((s = csv("two\nlines")), "\"two\nlines\"");
	free(s);
	CHECK_STR((s = csv("cr\r")), "\"cr\r\"");
	free(s);
}

TEST(tab_in_a_value_keeps_its_cell)
{
	struct out_table t;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	out_table_init(&t, 3, (const char *const[]){ "a", "b", "c" });
	out_table_addf(&t, "%s\t%s\t%d", "x\ty", "z\nw", 7);
	CHECK(t.nrows == 1);
	CHECK_STR(t.cells[3], "x\ty");
	CHECK_STR(t.cells[4], "z\nw");
	CHECK_STR(t.cells[5], "7");
	f = open_memstream(&buf, &len);
	out_table_print_sep(&t, f, '\t');
	CHECK_STR(captured(f, &buf), "a\tb\tc\nx y\tz w\t7\n");
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	out_table_print(&t, f);
	CHECK_STR(captured(f, &buf), "a    b    c\nx y  z w  7\n");
	free(buf);
	out_table_release(&t);
}

/* What out_rows_print wrote in format fmt (caller frees). */
static char *rows_out(const struct out_rows *r, enum out_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	out_rows_print(r, f, fmt);
	return captured(f, &buf);
}

static const struct out_col people[] = {
	{ "source", NULL, OUT_REF, 0 },
	{ "name", "speaker", OUT_TEXT, 0 },
	{ "words", NULL, OUT_INT, 0 },
	{ "note", NULL, OUT_TEXT, OUT_NOJSON },
	{ "", "raw", OUT_TEXT, OUT_NOTABLE },
};

/* people in JSON: the NOJSON note left out, the NOTABLE raw in */
static const char people_json[] =
	"[{\"source\": \"S1\", \"speaker\": \"Ann\\tB\", \"words\": 12,"
	" \"raw\": null}, {\"source\": \"S2:7\", \"speaker\":"
	" \"Bo\\u001b\", \"words\": 3, \"raw\": \"x\\ny\"}]\n";

static void add_people(struct out_rows *r)
{
	out_rows_ref(r, 1, -1);
	out_rows_text(r, "Ann\tB");
	out_rows_int(r, 12);
	out_rows_text(r, "a,\"b\"");
	out_rows_text(r, NULL);
	out_rows_ref(r, 2, 7);
	out_rows_text(r, "Bo\x1b");
	out_rows_int(r, 3);
	out_rows_text(r, "");
	out_rows_text(r, "x\ny");
}

TEST(rows_render_once_in_four_forms)
{
	struct out_rows r;
	char *s;

	out_rows_init(&r, people, 5);
	add_people(&r);
	CHECK(out_rows_count(&r) == 2);
	CHECK_STR((s = rows_out(&r, OUT_FMT_TABLE)),
		  "source  name   words  note\n"
		  "S1      Ann B     12  a,\"b\"\n"
		  "S2:7    Bo\x1b         3\n");
	free(s);
	CHECK_STR((s = rows_out(&r, OUT_FMT_TSV)),
		  "source\tname\twords\tnote\nS1\tAnn B\t12\ta,\"b\"\n"
		  "S2:7\tBo\x1b\t3\t\n");
	free(s);
	CHECK_STR((s = rows_out(&r, OUT_FMT_CSV)),
		  "source,name,words,note\nS1,Ann\tB,12,\"a,\"\"b\"\"\"\n"
		  "S2:7,Bo\x1b,3,\n");
	free(s);
	CHECK_STR((s = rows_out(&r, OUT_FMT_JSON)), people_json);
	free(s);
	out_rows_release(&r);
}

TEST(rows_on_a_terminal_show_controls)
{
	struct out_rows r;
	char *s;

	out_set_terminal(1);
	out_rows_init(&r, people, 5);
	add_people(&r);
	CHECK_STR((s = rows_out(&r, OUT_FMT_TSV)),
		  "source\tname\twords\tnote\nS1\tAnn B\t12\ta,\"b\"\n"
		  "S2:7\tBo^[\t3\t\n");
	free(s);
	/* JSON escapes them the same way everywhere */
	CHECK_STR((s = rows_out(&r, OUT_FMT_JSON)), people_json);
	free(s);
	out_set_terminal(0);
	out_rows_release(&r);
}

TEST(rows_with_none)
{
	struct out_rows r;
	char *s;

	out_rows_init(&r, people, 5);
	CHECK_STR((s = rows_out(&r, OUT_FMT_TABLE)), "source  name  words  note\n");
	free(s);
	r.empty = "nobody\n";
	CHECK_STR((s = rows_out(&r, OUT_FMT_TABLE)), "nobody\n");
	free(s);
	CHECK_STR((s = rows_out(&r, OUT_FMT_CSV)), "source,name,words,note\n");
	free(s);
	r.json_open = "\n  ";
	CHECK_STR((s = rows_out(&r, OUT_FMT_JSON)), "[]\n");
	free(s);
	out_rows_release(&r);
}

TEST(rows_as_record_map_and_nested)
{
	static const struct out_col rec[] = {
		{ "query", NULL, OUT_TEXT, 0 },
		{ "capped", NULL, OUT_BOOL, 0 },
		{ "hits", NULL, OUT_ROWS, 0 },
	};
	static const struct out_col kv[] = {
		{ "key", NULL, OUT_TEXT, 0 },
		{ "value", NULL, OUT_TEXT, 0 },
	};
	struct out_rows r, sub, m;
	char *s;

	out_rows_init(&sub, people, 5);
	sub.json_sep = ",\n  ";
	sub.json_open = "\n  ";
	sub.json_close = "\n";
	out_rows_ref(&sub, 3, 1);
	out_rows_text(&sub, "C");
	out_rows_int(&sub, 1);
	out_rows_text(&sub, "-");
	out_rows_text(&sub, "r");
	out_rows_init(&r, rec, 3);
	r.shape = OUT_RECORD;
	out_rows_text(&r, "warm \"x\"");
	out_rows_bool(&r, 0);
	out_rows_sub(&r, &sub);
	CHECK_STR((s = rows_out(&r, OUT_FMT_JSON)),
		  "{\"query\": \"warm \\\"x\\\"\", \"capped\": false, \"hits\": [\n"
		  "  {\"source\": \"S3:1\", \"speaker\": \"C\", \"words\": 1,"
		  " \"raw\": \"r\"}\n]}\n");
	free(s);
	/* a record's table: a line per column */
	CHECK_STR((s = rows_out(&r, OUT_FMT_TABLE)),
		  "query   warm \"x\"\ncapped  false\n");
	free(s);
	out_rows_init(&m, kv, 2);
	m.shape = OUT_MAP;
	out_rows_text(&m, "lang");
	out_rows_text(&m, "nl");
	out_rows_text(&m, "title");
	out_rows_text(&m, "T");
	CHECK_STR((s = rows_out(&m, OUT_FMT_JSON)),
		  "{\"lang\": \"nl\", \"title\": \"T\"}\n");
	free(s);
	CHECK_STR((s = rows_out(&m, OUT_FMT_TABLE)),
		  "key    value\nlang   nl\ntitle  T\n");
	free(s);
	out_rows_release(&m);
	out_rows_release(&r);
	out_rows_release(&sub);
}

TEST(rows_values_reals_omitted_keys_and_results)
{
	static const struct out_col cols[] = {
		{ "name", NULL, OUT_TEXT, 0 },
		{ "alias", NULL, OUT_TEXT, OUT_OMITNULL },
		{ "kappa", NULL, OUT_REAL, 0 } };
	struct out_rows r, v;
	char *buf = NULL, *s;
	size_t len = 0;
	FILE *f;

	out_rows_init(&r, cols, 3);
	r.headless = 1;
	out_rows_text(&r, "a");
	out_rows_text(&r, NULL);
	out_rows_real(&r, 0.123456, 4);
	out_rows_str(&r, "b");
	out_rows_str(&r, NULL);
	out_rows_real(&r, NAN, 4);	/* not defined: null */
	CHECK_STR((s = rows_out(&r, OUT_FMT_JSON)),
		  "[{\"name\": \"a\", \"kappa\": 0.1235}, {\"name\": \"b\","
		  " \"alias\": \"\", \"kappa\": null}]\n");
	free(s);
	/* headless: TSV and CSV rows without the header line */
	CHECK_STR((s = rows_out(&r, OUT_FMT_TSV)), "a\t\t0.1235\nb\t\t\n");
	free(s);
	/* a column's values as a plain array */
	out_rows_init(&v, cols, 1);
	v.shape = OUT_VALUES;
	out_rows_text(&v, "line \"1\"");
	out_rows_text(&v, "line 2");
	CHECK_STR((s = rows_out(&v, OUT_FMT_JSON)),
		  "[\"line \\\"1\\\"\", \"line 2\"]\n");
	free(s);
	f = open_memstream(&buf, &len);
	out_json_result(f, "file", "a\"b.csv", (const char *const[]){ "codes",
			"sets" }, (long long[]){ 3, -1 }, 2);
	out_json_result(f, NULL, NULL, (const char *const[]){ "n" },
			(long long[]){ 7 }, 1);
	CHECK_STR(captured(f, &buf), "{\"file\": \"a\\\"b.csv\", \"codes\": 3,"
		  " \"sets\": -1}\n{\"n\": 7}\n");
	free(buf);
	out_rows_release(&v);
	out_rows_release(&r);
}

int main(void)
{
	RUN(csv_cell_quotes_as_rfc4180);
	RUN(tab_in_a_value_keeps_its_cell);
	RUN(rows_render_once_in_four_forms);
	RUN(rows_on_a_terminal_show_controls);
	RUN(rows_with_none);
	RUN(rows_as_record_map_and_nested);
	RUN(rows_values_reals_omitted_keys_and_results);
	UNIT_DONE();
}
