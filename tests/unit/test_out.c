/* Unit tests: out (CSV cells, tables and TSV with tabs in values). */
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

int main(void)
{
	RUN(csv_cell_quotes_as_rfc4180);
	RUN(tab_in_a_value_keeps_its_cell);
	UNIT_DONE();
}
