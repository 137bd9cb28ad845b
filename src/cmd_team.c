/* cmd_team: clone, merge, agreement, disagreements, report agreement. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_team.h"
#include "qcode/progress.h"
#include "qcode/out.h"
#include "cmd_report.h"
#include "qcode/report.h"
#include "qcode/team.h"

static char **split_list(const char *s, int *n)
{
	char **v = NULL, *dup, *save = NULL;

	*n = 0;
	if (!s)
		return NULL;
	dup = xstrdup(s);
	for (char *t = strtok_r(dup, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		v = xreallocarray(v, (size_t)*n + 1, sizeof(char *));
		v[(*n)++] = xstrdup(t);
	}
	free(dup);
	return v;
}

static void free_list(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- clone and merge ---- */

int cmd_clone(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct team_clone_opts o;
	const char *out;
	char **src;
	int nsrc, rc;
	long long n;

	out = args_get(a, "-o") ? args_get(a, "-o") : args_get(a, "--output");
	if (!out || !args_get(a, "--for-coder"))
		return cli_usage(ctx, "clone");
	src = split_list(args_get(a, "--sources"), &nsrc);
	o.coder = args_get(a, "--for-coder");
	o.sources = (const char *const *)src;
	o.nsources = nsrc;
	o.blind = args_has(a, "--blind");
	rc = team_clone(ctx->store, out, &o, &n, &ctx->err);
	if (rc == 0) {
		char *d = xasprintf("%s for %s%s", out, o.coder,
				    o.blind ? " (blind)" : "");
		rc = store_log(ctx->store, "clone", d, &ctx->err);
		free(d);
	}
	if (rc == 0 && ctx->json) {
		out_json_result(ctx->out, "file", out,
				(const char *const[]){ "codings" }, &n, 1);
	} else if (rc == 0) {
		fprintf(ctx->out, "wrote '%s' for %s%s: %lld codings\n", out,
			o.coder, o.blind ? " (blind)" : "", n);
	}
	free_list(src, nsrc);
	return rc < 0 ? rc : 0;
}

int cmd_merge(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct team_merge m;
	int rc, dry;

	dry = args_has(a, "--dry-run");
	memset(&m, 0, sizeof(m));
	qc_buf_init(&m.conflicts);
	qc_buf_init(&m.revised);
	progress_begin("merging", NULL, 0);
	rc = team_merge_file(ctx->store, a->pos[0], dry, &m, &ctx->err);
	progress_end();
	if (rc < 0)
		goto out;
	if (ctx->json) {
		static const struct out_col cols[] = {
			{ "dry_run", NULL, OUT_BOOL, 0 },
			{ "sources_new", NULL, OUT_INT, 0 },
			{ "sources_matched", NULL, OUT_INT, 0 },
			{ "codes_new", NULL, OUT_INT, 0 },
			{ "codings_new", NULL, OUT_INT, 0 },
			{ "codings_duplicate", NULL, OUT_INT, 0 },
			{ "memos_new", NULL, OUT_INT, 0 },
			{ "coders_new", NULL, OUT_INT, 0 },
			{ "cycle_new", NULL, OUT_INT, OUT_OMITNULL },
			{ "conflicts", NULL, OUT_TEXT, 0 },
			{ "sources_corrected", NULL, OUT_INT, 0 },
			{ "corrections", NULL, OUT_TEXT, 0 } };
		long long v[] = { m.sources_new, m.sources_same, m.codes_new,
			m.codings_new, m.codings_dup, m.memos_new, m.coders_new };
		struct out_rows r;

		out_rows_record(&r, cols, 12);
		out_rows_bool(&r, dry);
		for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
			out_rows_int(&r, v[i]);
		if (m.cycle_new)
			out_rows_int(&r, m.cycle_new);
		else
			out_rows_text(&r, NULL);
		out_rows_text(&r, m.conflicts.buf);
		out_rows_int(&r, m.sources_revised);
		out_rows_text(&r, m.revised.buf);
		out_rows_print(&r, ctx->out, OUT_FMT_JSON);
		out_rows_release(&r);
	} else {
		fprintf(ctx->out, "%s%lld new sources (%lld matched by text),"
			" %lld new codes, %lld new codings (%lld already here),"
			" %lld new memos, %lld new coders\n",
			dry ? "would merge: " : "merged: ", m.sources_new,
			m.sources_same, m.codes_new, m.codings_new, m.codings_dup,
			m.memos_new, m.coders_new);
		if (m.cycle_new)
			fprintf(ctx->out, "%s%lld new meetings, actions, notes,"
				" decisions, lessons, evaluations and steps of the"
				" learning cycle\n", dry ? "would merge: " :
				"merged: ", m.cycle_new);
		if (m.revised.len) {
			fprintf(ctx->out, "corrected there, %s here too:\n",
				dry ? "would be" : "now");
			fputs(m.revised.buf, ctx->out);
		}
		if (m.conflicts.len) {
			fputs("conflicts (nothing overwritten):\n", ctx->out);
			for (const char *p = m.conflicts.buf; *p;) {
				const char *nl = strchr(p, '\n');
				size_t n = nl ? (size_t)(nl - p) : strlen(p);
				fprintf(ctx->out, "  %.*s\n", (int)n, p);
				p += n + (nl ? 1 : 0);
			}
		}
	}
out:
	qc_buf_release(&m.conflicts);
	qc_buf_release(&m.revised);
	return rc < 0 ? rc : 0;
}

/* ---- agreement ---- */

/* The comma lists of an agreement command's options, and the filter's
 * attributes. */
struct lists {
	char **coders, **codes;
	int ncoders, ncodes;
	const char **attrs;
};

static void lists_release(struct lists *l)
{
	free_list(l->coders, l->ncoders);
	free_list(l->codes, l->ncodes);
	free(l->attrs);
}

/* The valued options of the agreement commands: the filter of sources and
 * turns (--sources: the older spelling of --source). */

/* --coders, --codes, the filter, --unit, --by and --ci into o; the names
 * are kept in l (released by the caller, also on failure). Returns 0 or
 * -QC_EUSAGE with ctx->err set. */
static int agreement_opts(struct qc_ctx *ctx, const struct qc_args *a,
			  struct lists *l, struct team_agreement_opts *o)
{
	const char *unit = args_get(a, "--unit") ? args_get(a, "--unit") :
			   "segment";
	const char *by = args_get(a, "--by") ? args_get(a, "--by") : "code";
	int u = team_unit_from_name(unit), b = team_by_from_name(by);

	memset(o, 0, sizeof(*o));
	l->coders = split_list(args_get(a, "--coders"), &l->ncoders);
	l->codes = split_list(args_get(a, "--codes"), &l->ncodes);
	o->data.coders = (const char *const *)l->coders;
	o->data.ncoders = l->ncoders;
	o->data.codes = (const char *const *)l->codes;
	o->data.ncodes = l->ncodes;
	args_filter(a, &o->data.f);
	l->attrs = o->data.f.attrs;
	if (!o->data.f.sources)
		o->data.f.sources = args_get(a, "--sources");
	o->level = args_get(a, "--ci") ? atof(args_get(a, "--ci")) : 0.95;
	if (u < 0)
		return qc_err_set(&ctx->err, QC_EUSAGE, "--unit is segment,"
				  " sentence or char, not '%s'", unit);
	if (b < 0)
		return qc_err_set(&ctx->err, QC_EUSAGE, "--by is code, source or"
				  " coder-pair, not '%s'", by);
	if (o->level <= 0 || o->level >= 1)
		return qc_err_set(&ctx->err, QC_EUSAGE, "--ci is a level between"
				  " 0 and 1, like 0.95");
	o->data.unit = (enum team_unit)u;
	o->by = (enum team_by)b;
	return 0;
}

static void fmt_ci(char *b, size_t n, double lo, double hi)
{
	if (isnan(lo))
		snprintf(b, n, "-");
	else
		snprintf(b, n, "%.3f–%.3f", lo, hi);
}

/* What the table's figures mean, and why some are "-". */
static void agreement_notes(struct qc_ctx *ctx, const struct team_agreement *ag,
			    const struct team_agreement_opts *o, int undef,
			    int noci)
{
	int nc = ag->data.ncoders;
	char level[32];

	snprintf(level, sizeof(level), "%g", 100 * o->level);
	if (o->data.unit == TEAM_UNIT_CHAR)
		fprintf(ctx->out, "%d coders; unit: char (α with each"
			" character a unit); αu: Krippendorff's"
			" unitized α over the sources each coder of the"
			" row coded, end to end; αu CI: %s%% bootstrap"
			" over those sources (%d resamples, fixed"
			" seed)\n", nc, level, TEAM_BOOT_REPS);
	else if (o->data.unit == TEAM_UNIT_SENTENCE)
		fprintf(ctx->out, "%d coders; unit: sentence; α CI: %s%%"
			" bootstrap over turns, each drawn with all its"
			" sentences (%d resamples, fixed seed)\n", nc, level,
			TEAM_BOOT_REPS);
	else
		fprintf(ctx->out, "%d coders; unit: %s; α CI: %s%%"
			" bootstrap over units (%d resamples, fixed"
			" seed)\n", nc, team_unit_name(o->data.unit), level,
			TEAM_BOOT_REPS);
	fputs("% all units: agreeing pairs of judgements over every unit,"
	      " those nobody coded with the code included; % coded: the same"
	      " over the units at least one coder coded with it (code-level"
	      " agreement), of the 'coded' units\n", ctx->out);
	fputs("(n): the units a statistic used, where fewer than the row's:"
	      " Cohen κ those both coders judged, Fleiss κ those every coder"
	      " judged, % and α those at least two judged\n", ctx->out);
	if (o->by == TEAM_BY_CODE) {
		int used = 0, unused = 0;
		for (int k = 0; k < ag->data.ncodes; k++)
			ag->data.code_used[k] ? used++ : unused++;
		fprintf(ctx->out, "(all codes): the %d code%s the coders"
			" chosen used", used, used == 1 ? "" : "s");
		if (unused)
			fprintf(ctx->out, " and %d listed that none of them used"
				" (*)", unused);
		fputs(", each code's units counted apart\n", ctx->out);
	}
	fputs("judged (else missing): a source the coder marked done, else one"
	      " assigned by clone, and any the coder coded in:", ctx->out);
	for (int c = 0; c < nc; c++) {
		static const char *const why[] = { "coded in", "assigned",
			"done" };
		fprintf(ctx->out, "%s %s %zu (%s)", c ? "," : "",
			ag->data.coder_names[c], ag->data.judged_n[c],
			why[ag->data.judged_by[c]]);
	}
	fputc('\n', ctx->out);
	if (nc > 2 && o->by != TEAM_BY_PAIR)
		fputs("Cohen κ is for two coders: see --by coder-pair\n",
		      ctx->out);
	for (int i = 0; i < ag->nrows; i++) {
		const struct team_agreement_row *r = &ag->rows[i];
		if (isnan(r->alpha) || isnan(r->pct) ||
		    (nc == 2 && isnan(r->cohen))) {
			fputs("-: not defined: no unit judged by two"
			      " coders, or every judgement had the same"
			      " value (a code used nowhere, or"
			      " everywhere), so chance agreement is"
			      " total\n", ctx->out);
			break;
		}
	}
	if (undef)
		fputs("αu -: not defined: no one used the code in"
		      " those sources, or no source was coded by"
		      " each coder\n", ctx->out);
	if (noci)
		fputs("αu CI -: fewer than two sources to"
		      " resample\n", ctx->out);
}

/* Agreement by code, coder pair or source: one row set whose JSON holds
 * the figures and whose table, TSV and CSV hold them as shown (percent,
 * "-" for not defined, intervals); per character, the unitized α too. */
static void agreement_rows(struct qc_ctx *ctx, const struct team_agreement *ag,
			   const struct team_agreement_opts *o,
			   const char *by, enum out_format fmt)
{
	enum { J = OUT_NOTABLE, T = OUT_NOJSON | OUT_RIGHT, NONE = J | OUT_NOJSON };
	int chars = o->data.unit == TEAM_UNIT_CHAR;
	unsigned ch = chars ? 0 : NONE;
	const struct out_col cols[] = {
		{ by, "name", OUT_TEXT, 0 },
		{ chars ? "chars" : "units", "units", OUT_INT, 0 },
		{ "coders", NULL, OUT_INT, J },
		{ "sources", NULL, OUT_INT, J | ch },
		{ "agreement", NULL, OUT_REAL, J },
		{ "cohen_kappa", NULL, OUT_REAL, J },
		{ "fleiss_kappa", NULL, OUT_REAL, J },
		{ "alpha", NULL, OUT_REAL, J },
		{ "alpha_lo", NULL, OUT_REAL, J },
		{ "alpha_hi", NULL, OUT_REAL, J },
		{ "alpha_u", NULL, OUT_REAL, J | ch },
		{ "alpha_u_lo", NULL, OUT_REAL, J | ch },
		{ "alpha_u_hi", NULL, OUT_REAL, J | ch },
		{ "agreement_units", NULL, OUT_INT, J },
		{ "cohen_units", NULL, OUT_INT, J },
		{ "fleiss_units", NULL, OUT_INT, J },
		{ "alpha_units", NULL, OUT_INT, J },
		{ "coded_units", NULL, OUT_INT, J },
		{ "agreement_coded", NULL, OUT_REAL, J },
		{ "unused", NULL, OUT_BOOL, J },
		{ "% all units", NULL, OUT_TEXT, T },
		{ "coded", NULL, OUT_TEXT, T },
		{ "% coded", NULL, OUT_TEXT, T },
		{ "Cohen κ", NULL, OUT_TEXT, T },
		{ "Fleiss κ", NULL, OUT_TEXT, T },
		{ "Krippendorff α", NULL, OUT_TEXT, T },
		{ "sources", NULL, OUT_TEXT, T | ch },
		{ "Krippendorff αu", NULL, OUT_TEXT, T | ch },
		{ chars ? "αu CI" : "α CI", NULL, OUT_TEXT, T } };
	int undef = 0, noci = 0;
	struct out_rows t;

	out_rows_init(&t, cols, (int)(sizeof(cols) / sizeof(cols[0])));
	for (int i = 0; i < ag->nrows; i++) {
		const struct team_agreement_row *r = &ag->rows[i];
		double v[] = { r->pct, r->cohen, r->fleiss, r->alpha, r->lo,
			r->hi, r->au, r->au_lo, r->au_hi };
		size_t nu[] = { r->n_pct, r->n_cohen, r->n_fleiss, r->n_alpha };
		char c[64];

		if (r->unused)
			out_rows_textf(&t, "%s *", r->label);
		else
			out_rows_str(&t, r->label);
		out_rows_int(&t, (long long)r->units);
		out_rows_int(&t, r->ncoders);
		out_rows_int(&t, (long long)r->au_src);
		for (int j = 0; j < 9; j++)
			out_rows_real(&t, v[j], 4);
		for (int j = 0; j < 4; j++)
			out_rows_int(&t, (long long)nu[j]);
		out_rows_int(&t, (long long)r->coded_units);
		out_rows_real(&t, r->coded_pct, 4);
		out_rows_bool(&t, r->unused);
		for (int j = 0; j < 4; j++) {
			size_t n;
			team_format(c, sizeof(c), v[j], j == 0);
			n = strlen(c);
			if (!isnan(v[j]) && nu[j] < r->units)
				snprintf(c + n, sizeof(c) - n, " (%zu)", nu[j]);
			if (j == 0) {
				out_rows_text(&t, c);
				out_rows_textf(&t, "%zu", r->coded_units);
				team_format(c, sizeof(c), r->coded_pct, 1);
			}
			out_rows_text(&t, c);
		}
		out_rows_int(&t, (long long)r->au_src);
		team_format(c, sizeof(c), r->au, 0);
		out_rows_text(&t, c);
		if (chars)
			fmt_ci(c, sizeof(c), r->au_lo, r->au_hi);
		else
			fmt_ci(c, sizeof(c), r->lo, r->hi);
		out_rows_text(&t, c);
		undef |= chars && isnan(r->au);
		noci |= chars && !isnan(r->au) && isnan(r->au_lo);
	}
	out_rows_print(&t, ctx->out, fmt);
	if (fmt == OUT_FMT_TABLE)
		agreement_notes(ctx, ag, o, undef, noci);
	out_rows_release(&t);
}

int cmd_agreement(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct lists l = { 0 };
	struct team_agreement_opts o;
	struct team_agreement ag = { 0 };
	int rc;

	if ((rc = agreement_opts(ctx, a, &l, &o)) < 0 ||
	    (rc = team_agreement(ctx->store, &o, &ag, &ctx->err)) < 0)
		goto out;
	agreement_rows(ctx, &ag, &o, args_get(a, "--by") ?
		       args_get(a, "--by") : "code", args_format(ctx, a));
out:
	team_agreement_release(&ag);
	lists_release(&l);
	return rc < 0 ? rc : 0;
}

/* ---- done ---- */

/* done S3 ...: the sources you finished (judged whole, coded or not);
 * with none named, who was given and finished what. */
int cmd_done(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col cols[] = {
		{ "coder", NULL, OUT_TEXT, 0 },
		{ "source", NULL, OUT_TEXT, 0 },
		{ "assigned", NULL, OUT_TEXT, 0 },
		{ "done", NULL, OUT_TEXT, 0 } };
	struct team_done_row *v = NULL;
	struct out_rows t;
	size_t n = 0;
	int rc, undo = args_has(a, "--undo");

	if (a->npos) {
		if ((rc = team_done(ctx->store, (const char *const *)a->pos,
				    a->npos, undo, &ctx->err)) < 0)
			return rc;
		for (int i = 0; i < a->npos && !ctx->json; i++)
			fprintf(ctx->out, "%s %s by %s\n", a->pos[i],
				undo ? "no longer finished" : "finished",
				ctx->store->coder);
		if (!ctx->json)
			return 0;
	} else if (undo) {
		return cli_usage(ctx, "done");
	}
	if ((rc = team_done_list(ctx->store, &v, &n, &ctx->err)) < 0)
		return rc;
	out_rows_init(&t, cols, 4);
	for (size_t i = 0; i < n; i++) {
		out_rows_str(&t, v[i].coder);
		out_rows_textf(&t, "S%lld", v[i].source);
		out_rows_str(&t, v[i].assigned_at ? v[i].assigned_at : "");
		out_rows_str(&t, v[i].done_at ? v[i].done_at : "");
	}
	out_rows_print(&t, ctx->out, args_format(ctx, a));
	out_rows_release(&t);
	team_done_free(v, n);
	return 0;
}

/* ---- disagreements ---- */

int cmd_disagreements(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const char *const none[] = { NULL };
	struct team_dis_opts o;
	struct team_dis_list dl = { 0 };
	char **coders;
	int rc, nc;

	coders = split_list(args_get(a, "--coders"), &nc);
	o.code = a->pos[0];
	/* given (even empty): those; not given: the first two who coded */
	o.coders = !args_get(a, "--coders") ? NULL : coders ?
		   (const char *const *)coders : none;
	o.ncoders = nc;
	o.context = args_get(a, "--context") ? atoi(args_get(a, "--context")) :
		    8;
	args_filter(a, &o.f);
	if ((rc = team_disagreements(ctx->store, &o, &dl, &ctx->err)) < 0)
		goto out;
	if (args_format(ctx, a) != OUT_FMT_TABLE) {
		static const struct out_col cols[] = {
			{ "ref", NULL, OUT_REF, 0 },
			{ "coded_by", NULL, OUT_TEXT, 0 },
			{ "text", NULL, OUT_TEXT, 0 },
			{ "context", NULL, OUT_TEXT, 0 } };
		struct out_rows rows;

		out_rows_init(&rows, cols, 4);
		for (size_t i = 0; i < dl.n; i++) {
			out_rows_str(&rows, dl.v[i].ref);
			out_rows_str(&rows, dl.v[i].who);
			out_rows_str(&rows, dl.v[i].text);
			out_rows_str(&rows, dl.v[i].kwic);
		}
		out_rows_print(&rows, ctx->out, args_format(ctx, a));
		out_rows_release(&rows);
	} else {
		/* keyword in context: the words the one coder coded, with
		 * --context words on each side */
		struct qc_buf t1 = QC_BUF_INIT, t2 = QC_BUF_INIT;
		for (size_t i = 0; i < dl.n; i++)
			fprintf(ctx->out, "%-8s only %s: %s\n", dl.v[i].ref,
				out_text(&t1, dl.v[i].who),
				out_text(&t2, dl.v[i].kwic));
		qc_buf_release(&t1);
		qc_buf_release(&t2);
		fprintf(ctx->out, "%zu segment%s coded with %s by one of %s and %s,"
			" not the other\n", dl.n, dl.n == 1 ? "" : "s", a->pos[0],
			dl.coder_a, dl.coder_b);
	}
out:
	team_dis_list_release(&dl);
	free(o.f.attrs);
	free_list(coders, nc);
	return rc < 0 ? rc : 0;
}

/* ---- report agreement ---- */

int cmd_report_agreement(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct lists l = { 0 };
	struct team_agreement_opts o;
	struct report_opts ro = { 0 };
	const char *out;
	char *problems = NULL;
	int rows = 0, rc;

	out = args_get(a, "-o") ? args_get(a, "-o") : args_get(a, "--output");
	if (!out)
		return cli_usage(ctx, "report agreement");
	ro.lang = args_get(a, "--lang");
	ro.template_file = args_get(a, "--template");
	ro.problems = &problems;
	/* made only where the log can say so, before any file is written */
	if ((rc = store_audit_ready(ctx->store, "report", &ctx->err)) < 0 ||
	    (rc = agreement_opts(ctx, a, &l, &o)) < 0)
		goto out;
	rc = report_agreement(ctx->store, &ro, &o, out, &rows, &ctx->err);
	cmd_report_problems(ctx, problems);
	if (rc < 0)
		goto out;
	{
		char *d = xasprintf("agreement report to %s", out);
		rc = store_log(ctx->store, "report", d, &ctx->err);
		free(d);
	}
	if (rc == 0)
		fprintf(ctx->out, "wrote '%s': %d rows\n", out, rows);
out:
	free(problems);
	lists_release(&l);
	return rc < 0 ? rc : 0;
}
