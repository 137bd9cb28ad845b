/* main: global options, then one command, a script, or the REPL. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcode/cli.h"
#include "qcode/out.h"
#include "qcode/progress.h"
#include "qcode/repl.h"

static int usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "qcode: %s '%s'%s (try 'qcode help')\n",
		strcmp(what, "needs") == 0 ? "option" : what, arg,
		strcmp(what, "needs") == 0 ? " needs a file" : "");
	return QC_EUSAGE;
}

int main(int argc, char **argv)
{
	struct qc_ctx ctx;
	const char *script = NULL, *env = getenv("QCODE_PROJECT");
	const char *no_color = getenv("NO_COLOR");
	int i, rc;

	memset(&ctx, 0, sizeof(ctx));
	qc_err_init(&ctx.err);
	ctx.out = stdout;
	ctx.project = env && *env ? env : STORE_DEFAULT_PATH;
	ctx.color = isatty(STDOUT_FILENO) && !(no_color && *no_color);
	out_set_terminal(isatty(STDOUT_FILENO));

	/* Global options come before the command. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-p") == 0 || strcmp(a, "--project") == 0) {
			if (++i >= argc)
				return usage_error("needs", a);
			ctx.project = argv[i];
		} else if (strncmp(a, "--project=", 10) == 0) {
			ctx.project = a + 10;
		} else if (strcmp(a, "-f") == 0) {
			if (++i >= argc)
				return usage_error("needs", a);
			script = argv[i];
		} else if (strcmp(a, "--json") == 0) {
			ctx.json = 1;
		} else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
			ctx.quiet = 1;
		} else if (strcmp(a, "--no-color") == 0) {
			ctx.color = 0;
		} else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			char *v[] = { "version", NULL };
			rc = cli_dispatch(&ctx, 1, v);
			goto done;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			char *v[] = { "help", NULL };
			rc = cli_dispatch(&ctx, 1, v);
			goto done;
		} else {
			return usage_error("unknown option", a);
		}
	}
	progress_catch(!script && i >= argc && isatty(STDIN_FILENO));
	if (script) {
		FILE *f = strcmp(script, "-") == 0 ? stdin : fopen(script, "r");
		if (!f) {
			fprintf(stderr, "qcode: cannot open '%s': %s\n", script,
				strerror(errno));
			return QC_EIO;
		}
		rc = repl_script(&ctx, f, script);
		if (f != stdin)
			fclose(f);
		goto done_quiet;
	}
	if (i >= argc) {
		if (isatty(STDIN_FILENO))
			rc = repl_run(&ctx);
		else
			rc = repl_script(&ctx, stdin, "<stdin>");
		goto done_quiet;
	}
	rc = cli_dispatch(&ctx, argc - i, argv + i);
done:
	if (rc != QC_OK)
		fprintf(stderr, "qcode: %s\n", ctx.err.msg.buf);
done_quiet:
	store_close(ctx.store);
	qc_err_release(&ctx.err);
	if (fclose(stdout) != 0 && rc == QC_OK) {
		fprintf(stderr, "qcode: cannot write output: %s\n", strerror(errno));
		rc = QC_EIO;
	}
	return rc;
}
