/* Unit tests: cli (line splitting, options, dispatch). */
#include <stdlib.h>

#include "qcode/cli.h"
#include "unit.h"

TEST(split_quotes_and_comments)
{
	char **v = NULL;
	int n = cli_split_line("tag 'warme overdracht' \"a \\\"b\\\"\" c\\ d # note",
			       &v, NULL);

	CHECK(n == 4);
	if (n == 4) {
		CHECK_STR(v[0], "tag");
		CHECK_STR(v[1], "warme overdracht");
		CHECK_STR(v[2], "a \"b\"");
		CHECK_STR(v[3], "c d");
	}
	cli_free_words(v);
	CHECK(cli_split_line("   # only a comment", &v, NULL) == 0);
	cli_free_words(v);
}

TEST(split_unbalanced_quote)
{
	struct qc_err e = QC_ERR_INIT;
	char **v = NULL;

	CHECK(cli_split_line("search \"open", &v, &e) == -QC_EUSAGE);
	CHECK(v == NULL);
	CHECK_STR(e.msg.buf, "unbalanced quote");
	qc_err_release(&e);
}

TEST(args_flags_values_and_repeats)
{
	static const char *const flags[] = { "--force", NULL };
	static const char *const valued[] = { "--kind", "--attr", NULL };
	char *argv[] = { "import", "a.txt", "--kind", "interview", "--attr=x=1",
			 "--force", "--attr", "y=2", "-", "--", "--kind", NULL };
	struct qc_args a;
	int n = 0;

	CHECK(args_parse(11, argv, flags, valued, &a, NULL) == 0);
	CHECK(a.npos == 3);
	CHECK_STR(a.pos[0], "a.txt");
	CHECK_STR(a.pos[1], "-");
	CHECK_STR(a.pos[2], "--kind");
	CHECK_STR(args_get(&a, "--kind"), "interview");
	CHECK(args_has(&a, "--force"));
	const char **all = args_all(&a, "--attr", &n);
	CHECK(n == 2);
	if (n == 2) {
		CHECK_STR(all[0], "x=1");
		CHECK_STR(all[1], "y=2");
	}
	free(all);
	args_release(&a);
}

TEST(args_unknown_and_missing_value)
{
	static const char *const valued[] = { "--kind", NULL };
	char *bad[] = { "x", "--knid", "a", NULL };
	char *miss[] = { "x", "--kind", NULL };
	struct qc_args a;
	struct qc_err e = QC_ERR_INIT;

	CHECK(args_parse(3, bad, NULL, valued, &a, &e) == -QC_EUSAGE);
	CHECK_STR(e.msg.buf, "unknown option '--knid'");
	CHECK(args_parse(2, miss, NULL, valued, &a, &e) == -QC_EUSAGE);
	CHECK_STR(e.msg.buf, "option '--kind' needs a value");
	qc_err_release(&e);
}

TEST(dispatch_prefix_and_errors)
{
	struct qc_ctx ctx;
	char *amb[] = { "in", NULL };
	char *unk[] = { "frobnicate", NULL };
	char *ver[] = { "vers", NULL };

	memset(&ctx, 0, sizeof(ctx));
	qc_err_init(&ctx.err);
	ctx.out = fopen("/dev/null", "w");
	ctx.project = "none.db";
	CHECK(cli_dispatch(&ctx, 1, amb) == QC_EUSAGE);
	CHECK_STR(ctx.err.msg.buf, "ambiguous command 'in' (init, info)");
	CHECK(cli_dispatch(&ctx, 1, unk) == QC_EUSAGE);
	CHECK(cli_dispatch(&ctx, 1, ver) == QC_OK);
	fclose(ctx.out);
	qc_err_release(&ctx.err);
}

int main(void)
{
	RUN(split_quotes_and_comments);
	RUN(split_unbalanced_quote);
	RUN(args_flags_values_and_repeats);
	RUN(args_unknown_and_missing_value);
	RUN(dispatch_prefix_and_errors);
	UNIT_DONE();
}
