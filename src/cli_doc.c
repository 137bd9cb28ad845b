/*
 * cli_doc: the manual page and the shell completion scripts, written from
 * the command table, so that neither can drift from what the dispatcher
 * accepts; `help CMD` and a command's section of the manual come from the
 * same walk over its entry (cli_help_write).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/cli.h"

/* The options every command takes (cli_dispatch strips them). */
static const struct qc_opt global_opts[] = {
	{ .name = "--json", .help = "print one JSON document instead" },
	{ .name = "--quiet", .help = "no progress line on standard error" },
	{ .name = "--no-color", .help = "no colour, even on a terminal" },
	{ .name = "--help", .help = "this command's usage and options" },
	{ .name = NULL },
};

int cli_arg_is_file(const char *meta)
{
	if (!meta)
		return 0;
	if (strstr(meta, "FILE") || strstr(meta, "DIR") || strstr(meta, ".db") ||
	    strstr(meta, ".qdpx"))
		return 1;
	return 0;
}

/* Troff text: a backslash doubled, a leading '.' or '\'' guarded, and
 * '-' as \- so that options copy as ASCII hyphens. */
static void roff(FILE *f, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

void cli_help_write(FILE *f, const struct qc_cmd *c, int man)
{
	struct qc_buf u = QC_BUF_INIT;
	size_t width = 0;

	cli_usage_line(c, &u);
	if (man) {
		fputs(".SS \"", f);
		roff(f, c->name);
		/* inline fonts: a .B line would read quotes as its own */
		fputs("\"\n\\fBqcode ", f);
		roff(f, u.buf);
		fputs("\\fR\n.br\n", f);
		roff(f, c->summary);
		fputc('\n', f);
	} else {
		fprintf(f, "usage: qcode %s\n  %s\n", u.buf, c->summary);
	}
	for (int pass = 0; pass < 2; pass++) {
		for (const struct qc_opt *o = c->opts; o && o->name; o++) {
			qc_buf_reset(&u);
			qc_buf_adds(&u, o->name);
			if (o->alias)
				qc_buf_addf(&u, ", %s", o->alias);
			if (o->arg)
				qc_buf_addf(&u, " %s", o->arg);
			if (pass == 0 && u.len > width) {
				width = u.len;
			} else if (pass == 1 && man) {
				fputs(".TP\n\\fB", f);
				roff(f, u.buf);
				fputs("\\fR\n", f);
				roff(f, o->help);
				fputc('\n', f);
			} else if (pass == 1) {
				fprintf(f, "    %-*s  %s\n", (int)width, u.buf,
					o->help);
			}
		}
		if (pass == 0 && width && !man)
			fputs("  options:\n", f);
	}
	qc_buf_release(&u);
}

void cli_man_page(FILE *f)
{
	fputs(".\\\" qcode.1: written by 'qcode help --man' from the command"
	      " table\n", f);
	fprintf(f, ".TH QCODE 1 \"\" \"qcode %s\" \"User Commands\"\n",
		QCODE_VERSION);
	fputs(".SH NAME\nqcode \\- qualitative coding and reporting workbench\n"
	      ".SH SYNOPSIS\n"
	      ".B qcode\n[\\fB\\-p\\fR \\fIPROJECT\\fR] [\\fB\\-\\-json\\fR]"
	      " [\\fB\\-\\-quiet\\fR] [\\fB\\-\\-no\\-color\\fR]"
	      " \\fICOMMAND\\fR [\\fIARGS\\fR]\n.br\n"
	      ".B qcode\n[\\fB\\-p\\fR \\fIPROJECT\\fR] \\fB\\-f\\fR"
	      " \\fISCRIPT\\fR\n.br\n.B qcode\n"
	      ".SH DESCRIPTION\n"
	      "qcode keeps transcripts of focus groups, interviews and"
	      " observations in one project file (SQLite), searches them, codes"
	      " segments against a codebook and renders PDF reports.\n"
	      "Run with no command on a terminal, it gives the interactive\n"
	      ".B qcode>\nprompt: the same commands, with history and TAB"
	      " completion of commands, options, file names, codes and source"
	      " ids.\nCtrl-C clears the line at the prompt and cancels a running"
	      " command (rolled back); Ctrl-D or\n.B quit\nleaves.\n"
	      ".PP\nLong work (imports, autocode, reports, exports, merges)"
	      " shows one progress line on standard error when it is a"
	      " terminal.\nCtrl-C during a command rolls it back, removes its"
	      " temporary files and exits 130.\n"
	      ".SH GLOBAL OPTIONS\n"
	      ".TP\n.BI \\-p \" PROJECT\\fR, \\fB\\-\\-project \" PROJECT\n"
	      "the project file (default: \\fBQCODE_PROJECT\\fR, else"
	      " ./qcode.db)\n"
	      ".TP\n.BI \\-f \" SCRIPT\"\nrun a file of commands, one a line;"
	      " stop at the first error\n"
	      ".TP\n.B \\-V, \\-\\-version\nqcode's version\n", f);
	for (const struct qc_opt *o = global_opts; o->name; o++) {
		fputs(".TP\n.B ", f);
		roff(f, o->name);
		fputc('\n', f);
		roff(f, o->help);
		fputs(" (also after any command)\n", f);
	}
	fputs(".SH COMMANDS\n", f);
	for (const struct qc_cmd *c = qc_commands; c->name; c++)
		cli_help_write(f, c, 1);
	fputs(".SH EXIT STATUS\n"
	      ".TP\n.B 0\nsuccess\n"
	      ".TP\n.B 1\nusage: unknown command or option, wrong number of"
	      " arguments\n"
	      ".TP\n.B 2\nbad input or data\n"
	      ".TP\n.B 3\nproject or I/O failure\n"
	      ".TP\n.B 130\ncancelled by Ctrl-C; nothing was changed\n"
	      ".SH ENVIRONMENT\n"
	      ".TP\n.B QCODE_PROJECT\nthe project file when \\-p is not"
	      " given\n"
	      ".TP\n.B QCODE_CODER\nthe coder's name (default: the login"
	      " name)\n"
	      ".TP\n.B QCODE_HISTORY\nthe prompt's history file (default:"
	      " ~/.qcode_history)\n"
	      ".TP\n.B NO_COLOR\nwhen set and not empty, no colour\n"
	      ".SH FILES\n"
	      ".TP\n.I ./qcode.db\nthe default project\n"
	      ".TP\n.I ~/.qcode_history\nthe prompt's history\n"
	      ".SH SEE ALSO\nREADME.md in qcode's sources.\n", f);
}

/* ---- completion scripts ---- */

/* A value that is a choice of words ("nl|en", "rank|doc"), else NULL.
 * Returned as space-separated words (caller frees). */
static char *choices(const char *arg)
{
	if (!arg || !strchr(arg, '|'))
		return NULL;
	for (const char *p = arg; *p; p++)
		if (!(*p == '|' || *p == '-' || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9')))
			return NULL;
	char *w = xstrdup(arg);
	for (char *p = w; *p; p++)
		if (*p == '|')
			*p = ' ';
	return w;
}

/* The words of one command for a script: its options, those that take a
 * value, those whose value is a file. */
static void cmd_words(const struct qc_cmd *c, struct qc_buf *opts,
		      struct qc_buf *vals, struct qc_buf *files)
{
	for (const struct qc_opt *o = c->opts; o && o->name; o++) {
		for (int k = 0; k < 2; k++) {
			const char *n = k ? o->alias : o->name;
			if (!n)
				continue;
			qc_buf_addf(opts, "%s%s", opts->len ? " " : "", n);
			if (o->arg)
				qc_buf_addf(vals, "%s%s", vals->len ? " " : "", n);
			if (o->arg && cli_arg_is_file(o->arg))
				qc_buf_addf(files, "%s%s", files->len ? " " : "",
					    n);
		}
	}
	for (const struct qc_opt *o = global_opts; o->name; o++)
		qc_buf_addf(opts, "%s%s", opts->len ? " " : "", o->name);
}

/* The first words of the commands, and per first word its second words. */
static void first_words(struct qc_buf *b)
{
	for (const struct qc_cmd *c = qc_commands; c->name; c++) {
		size_t n = strcspn(c->name, " ");
		int seen = 0;
		for (const struct qc_cmd *d = qc_commands; d < c; d++)
			if (strcspn(d->name, " ") == n &&
			    !strncmp(d->name, c->name, n))
				seen = 1;
		if (!seen)
			qc_buf_addf(b, "%s%.*s", b->len ? " " : "", (int)n, c->name);
	}
}

static void second_words(const char *first, size_t n, struct qc_buf *b)
{
	for (const struct qc_cmd *c = qc_commands; c->name; c++)
		if (!strncmp(c->name, first, n) && c->name[n] == ' ')
			qc_buf_addf(b, "%s%s", b->len ? " " : "", c->name + n + 1);
}

/* The case arms both shells share: per command its words, and per
 * option with a choice of values the values. */
static void script_cases(FILE *f, int zsh)
{
	struct qc_buf w = QC_BUF_INIT;

	fputs("\tcase \"$cmd\" in\n", f);
	for (const struct qc_cmd *c = qc_commands; c->name; c++) {
		struct qc_buf o = QC_BUF_INIT, v = QC_BUF_INIT, fl = QC_BUF_INIT;
		cmd_words(c, &o, &v, &fl);
		fprintf(f, "\t\"%s\") opts='%s'; vals='%s'; fileopts='%s';"
			" files=%d;;\n", c->name, o.buf, v.buf, fl.buf,
			cli_arg_is_file(c->args));
		qc_buf_release(&o);
		qc_buf_release(&v);
		qc_buf_release(&fl);
	}
	fputs("\tesac\n\tcase \"$cmd:$prev\" in\n", f);
	for (const struct qc_cmd *c = qc_commands; c->name; c++)
		for (const struct qc_opt *o = c->opts; o && o->name; o++) {
			char *ch = choices(o->arg);
			if (ch)
				fprintf(f, "\t\"%s:%s\") choice='%s';;\n", c->name,
					o->name, ch);
			free(ch);
		}
	fputs("\tesac\n", f);
	(void)zsh;
	qc_buf_release(&w);
}

/* The shell code that finds the command in the words before the cursor:
 * global options skipped, a two-word name joined. Shared by both
 * shells (the arrays are 0-based in bash and 1-based in zsh; the caller
 * sets i to the first word after "qcode" and n to the cursor's word). */
static void script_find(FILE *f)
{
	struct qc_buf firsts = QC_BUF_INIT;

	first_words(&firsts);
	fputs("\tcmd='' first='' second=''\n"
	      "\twhile [ \"$i\" -lt \"$n\" ]; do\n"
	      "\t\tw=${words[$i]}\n"
	      "\t\tcase \"$w\" in\n"
	      "\t\t-p|--project|-f) i=$((i + 2)); continue;;\n"
	      "\t\t-*) i=$((i + 1)); continue;;\n"
	      "\t\tesac\n"
	      "\t\tif [ -z \"$first\" ]; then first=$w; cmd=$w;"
	      " i=$((i + 1)); continue; fi\n"
	      "\t\tsecond=$w\n"
	      "\t\tbreak\n"
	      "\tdone\n", f);
	fprintf(f, "\tcommands='%s'\n", firsts.buf);
	qc_buf_release(&firsts);
}

static void script_groups(FILE *f)
{
	struct qc_buf g = QC_BUF_INIT;

	fputs("\tgroups='", f);
	for (const struct qc_cmd *c = qc_commands; c->name; c++) {
		const char *sp = strchr(c->name, ' ');
		if (!sp)
			continue;
		size_t n = (size_t)(sp - c->name);
		char *first = xstrndup(c->name, n);
		struct qc_buf probe = QC_BUF_INIT;
		qc_buf_addf(&probe, " %s ", first);
		struct qc_buf have = QC_BUF_INIT;
		qc_buf_addf(&have, " %s ", g.buf);
		if (!strstr(have.buf, probe.buf))
			qc_buf_addf(&g, "%s%s", g.len ? " " : "", first);
		qc_buf_release(&probe);
		qc_buf_release(&have);
		free(first);
	}
	fprintf(f, "%s'\n", g.buf);
	fputs("\tsubs=''\n\tcase \"$first\" in\n", f);
	for (const char *p = g.buf; *p;) {
		size_t n = strcspn(p, " ");
		struct qc_buf s = QC_BUF_INIT;
		second_words(p, n, &s);
		fprintf(f, "\t%.*s) subs='%s';;\n", (int)n, p, s.buf);
		qc_buf_release(&s);
		p += n;
		while (*p == ' ')
			p++;
	}
	fputs("\tesac\n"
	      "\tcase \" $subs \" in *\" $second \"*) [ -n \"$second\" ] &&"
	      " cmd=\"$first $second\";; esac\n", f);
	qc_buf_release(&g);
}

int cli_completion_script(FILE *f, const char *shell, struct qc_err *e)
{
	int zsh;

	if (!strcmp(shell, "bash"))
		zsh = 0;
	else if (!strcmp(shell, "zsh"))
		zsh = 1;
	else
		return qc_err_set(e, QC_EUSAGE, "no completion for '%s' (bash or"
				  " zsh)", shell);
	if (zsh)
		fputs("#compdef qcode\n", f);
	fprintf(f, "# %s completion for qcode %s, written by 'qcode completion"
		" %s' from its command table\n", shell, QCODE_VERSION, shell);
	fputs("_qcode() {\n", f);
	if (zsh)
		fputs("\tlocal cur=${words[CURRENT]} prev=${words[CURRENT-1]}\n"
		      "\tlocal i=2 n=$CURRENT w cmd first groups subs commands"
		      " opts vals fileopts files choice second\n", f);
	else
		fputs("\tlocal cur=${COMP_WORDS[COMP_CWORD]}"
		      " prev=${COMP_WORDS[COMP_CWORD-1]}\n"
		      "\tlocal i=1 n=$COMP_CWORD w cmd first groups subs commands"
		      " opts vals fileopts files choice second\n"
		      "\tlocal -a words=(\"${COMP_WORDS[@]}\")\n"
		      "\tCOMPREPLY=()\n", f);
	script_find(f);
	script_groups(f);
	fputs("\topts='' vals='' fileopts='' files=0 choice=''\n", f);
	script_cases(f, zsh);
	/* what to offer: a second word, an option's value, options, files,
	 * or the commands */
	if (zsh)
		fputs("\tif [ -z \"$first\" ]; then compadd -- ${=commands};"
		      " return; fi\n"

		      "\tcase \" $fileopts \" in *\" $prev \"*) _files; return;;"
		      " esac\n"
		      "\tif [ -n \"$choice\" ]; then compadd -- ${=choice};"
		      " return; fi\n"
		      "\tcase \" $vals \" in *\" $prev \"*) return;; esac\n"
		      "\tcase \"$cur\" in -*) compadd -- ${=opts}; return;; esac\n"
		      "\tif [ -z \"$second\" ] && [ -n \"$subs\" ]; then"
		      " compadd -- ${=subs}; return; fi\n"
		      "\t[ \"$files\" = 1 ] && _files\n"
		      "\tif [ \"$cmd\" = help ]; then compadd -- ${=commands};"
		      " fi\n"
		      "}\n_qcode \"$@\"\n", f);
	else
		fputs("\tif [ -z \"$first\" ]; then COMPREPLY=($(compgen -W"
		      " \"$commands\" -- \"$cur\")); return; fi\n"

		      "\tcase \" $fileopts \" in *\" $prev \"*) COMPREPLY=($(compgen"
		      " -f -- \"$cur\")); return;; esac\n"
		      "\tif [ -n \"$choice\" ]; then COMPREPLY=($(compgen -W"
		      " \"$choice\" -- \"$cur\")); return; fi\n"
		      "\tcase \" $vals \" in *\" $prev \"*) return;; esac\n"
		      "\tcase \"$cur\" in -*) COMPREPLY=($(compgen -W \"$opts\""
		      " -- \"$cur\")); return;; esac\n"
		      "\tif [ -z \"$second\" ] && [ -n \"$subs\" ]; then"
		      " COMPREPLY=($(compgen -W \"$subs\" -- \"$cur\")); return;"
		      " fi\n"
		      "\tif [ \"$files\" = 1 ]; then COMPREPLY=($(compgen -f --"
		      " \"$cur\")); return; fi\n"
		      "\tif [ \"$cmd\" = help ]; then COMPREPLY=($(compgen -W"
		      " \"$commands\" -- \"$cur\")); fi\n"
		      "}\ncomplete -o filenames -F _qcode qcode\n", f);
	return 0;
}
