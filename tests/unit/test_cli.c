/* Unit tests: cli (line splitting, options, the command table, dispatch). */
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

static const struct qc_opt test_opts[] = {
	{ .name = "--force", .help = "f" },
	{ .name = "--kind", .arg = "K", .help = "k" },
	{ .name = "--attr", .arg = "K=V", .help = "a", .flags = QC_OPT_MANY },
	{ .name = "-o", .arg = "FILE", .help = "o", .alias = "--output" },
	{ .name = NULL },
};

TEST(args_flags_values_and_repeats)
{
	char *argv[] = { "import", "a.txt", "--kind", "interview", "--attr=x=1",
			 "--force", "--attr", "y=2", "-", "--output", "f.pdf",
			 "--", "--kind", NULL };
	struct qc_args a;
	int n = 0;

	CHECK(args_parse(13, argv, test_opts, &a, NULL) == 0);
	CHECK(a.npos == 3);
	CHECK_STR(a.pos[0], "a.txt");
	CHECK_STR(a.pos[1], "-");
	CHECK_STR(a.pos[2], "--kind");
	CHECK_STR(args_get(&a, "--kind"), "interview");
	CHECK(args_has(&a, "--force"));
	/* an alias is read by the name it was given as */
	CHECK_STR(args_get(&a, "--output"), "f.pdf");
	CHECK(args_get(&a, "-o") == NULL);
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
	char *bad[] = { "x", "--knid", "a", NULL };
	char *miss[] = { "x", "--kind", NULL };
	char *flagval[] = { "x", "--force=yes", NULL };
	struct qc_args a;
	struct qc_err e = QC_ERR_INIT;

	CHECK(args_parse(3, bad, test_opts, &a, &e) == -QC_EUSAGE);
	CHECK_STR(e.msg.buf, "unknown option '--knid'");
	CHECK(args_parse(2, miss, test_opts, &a, &e) == -QC_EUSAGE);
	CHECK_STR(e.msg.buf, "option '--kind' needs a value");
	CHECK(args_parse(2, flagval, test_opts, &a, &e) == -QC_EUSAGE);
	CHECK_STR(e.msg.buf, "unknown option '--force'");
	qc_err_release(&e);
}

static const struct qc_cmd *find_cmd(const char *name)
{
	for (const struct qc_cmd *c = qc_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static char *usage_of(const char *name)
{
	struct qc_buf b = QC_BUF_INIT;

	cli_usage_line(find_cmd(name), &b);
	return qc_buf_detach(&b, NULL);
}

/* Is word in s, with neither side running on into a longer option? */
static int has_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = strstr(s, word); p; p = strstr(p + 1, word)) {
		int left = p == s || strchr(" [|", p[-1]);
		int right = !p[n] || strchr(" ]|.", p[n]);
		if (left && right)
			return 1;
	}
	return 0;
}

/* Every option a command takes is on its usage line and in its help. */
TEST(usage_and_help_show_every_option)
{
	for (const struct qc_cmd *c = qc_commands; c->name; c++) {
		struct qc_buf u = QC_BUF_INIT;
		char *help = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&help, &len);

		cli_usage_line(c, &u);
		cli_print_help(f, c);
		fclose(f);
		for (const struct qc_opt *o = c->opts; o && o->name; o++) {
			if (!has_word(u.buf, o->name)) {
				printf("  %s: '%s' not in \"%s\"\n", c->name,
				       o->name, u.buf);
				CHECK(!"usage line lacks an option");
			}
			if (!strstr(help, o->name) || !o->help || !*o->help ||
			    !strstr(help, o->help) ||
			    (o->alias && !strstr(help, o->alias))) {
				printf("  %s: '%s' not explained\n", c->name,
				       o->name);
				CHECK(!"help lacks an option");
			}
		}
		qc_buf_release(&u);
		free(help);
	}
}

/* An option means one thing everywhere: the same name takes a value of
 * the same type in every command (--context is always a count). */
TEST(options_mean_the_same_everywhere)
{
	for (const struct qc_cmd *c = qc_commands; c->name; c++)
		for (const struct qc_opt *o = c->opts; o && o->name; o++) {
			CHECK(o->name[0] == '-');
			for (const struct qc_opt *p = o + 1; p->name; p++)
				CHECK(strcmp(o->name, p->name) != 0);
			for (const struct qc_cmd *d = c + 1; d->name; d++)
				for (const struct qc_opt *p = d->opts; p && p->name;
				     p++) {
					if (strcmp(o->name, p->name))
						continue;
					if (!o->arg != !p->arg || o->type != p->type) {
						printf("  '%s' differs in %s and %s\n",
						       o->name, c->name, d->name);
						CHECK(!"one option, two meanings");
					}
				}
		}
	/* the typed options keep their checks */
	static const struct { const char *name; enum qc_opt_type type; } typed[] = {
		{ "--from", QC_VAL_SEGMENT }, { "--to", QC_VAL_SEGMENT },
		{ "--context", QC_VAL_COUNT }, { "--limit", QC_VAL_COUNT },
		{ "--ci", QC_VAL_LEVEL }, { "--date", QC_VAL_DATE },
		{ "--since", QC_VAL_DATE_PART }, { "--until", QC_VAL_DATE_PART },
		{ "--colour", QC_VAL_COLOUR },
	};
	for (size_t i = 0; i < sizeof(typed) / sizeof(typed[0]); i++)
		for (const struct qc_cmd *c = qc_commands; c->name; c++) {
			const struct qc_opt *o = cli_opt_find(c->opts, typed[i].name,
							      strlen(typed[i].name));
			CHECK(!o || o->type == typed[i].type);
		}
}

TEST(usage_lines_from_the_table)
{
	char *u;

	CHECK_STR(u = usage_of("init"), "init [--title T] [--lang nl|en]");
	free(u);
	CHECK_STR(u = usage_of("info"), "info");
	free(u);
	CHECK_STR(u = usage_of("report lessons"), "report lessons -o FILE.pdf|--list-quotes "
		  "[--lang nl|en] [--template FILE] [--theme T]... [--kind K]... "
		  "[--font FILE.ttf] [--rules FILE] [--no-pseudonyms]");
	free(u);
	CHECK_STR(u = usage_of("code move"), "code move CODE --parent P|--root");
	free(u);
	CHECK_STR(u = usage_of("show"), "show S1 [--from N] [--to M] "
		  "[--real-names|--redacted] [--version N]");
	free(u);
	/* options that were accepted but not shown are shown */
	CHECK(has_word(u = usage_of("redact"), "--tsv"));
	free(u);
	CHECK(has_word(u = usage_of("import"), "--loss-report"));
	free(u);
}

TEST(cli_args_checks_against_the_entry)
{
	char *unknown[] = { "info", "--frob", NULL };
	char *typed[] = { "log", "--limit=x", NULL };
	char *many[] = { "project set", "a", "b", "c", NULL };
	char *ok[] = { "code add", "Warm", "--color", "#abc", NULL };
	struct qc_args a;
	struct qc_err e = QC_ERR_INIT;

	CHECK(cli_args(find_cmd("info"), 2, unknown, &a, &e) == -QC_EUSAGE);
	CHECK_STR(e.msg.buf, "unknown option '--frob' (usage: info)");
	CHECK(cli_args(find_cmd("log"), 2, typed, &a, &e) == -QC_EUSAGE);
	CHECK_STR(e.msg.buf, "--limit takes a whole number from 0 to 1000000, "
		  "not 'x'");
	CHECK(cli_args(find_cmd("project set"), 4, many, &a, &e) == -QC_EUSAGE);
	CHECK_STR(e.msg.buf, "too many arguments (usage: project "
		  "set KEY VALUE)");
	CHECK(cli_args(find_cmd("code add"), 4, ok, &a, &e) == 0);
	CHECK_STR(args_get(&a, "--color"), "#abc");
	args_release(&a);
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
	RUN(usage_and_help_show_every_option);
	RUN(options_mean_the_same_everywhere);
	RUN(usage_lines_from_the_table);
	RUN(cli_args_checks_against_the_entry);
	RUN(dispatch_prefix_and_errors);
	UNIT_DONE();
}
