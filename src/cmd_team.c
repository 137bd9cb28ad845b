/* cmd_team: clone, merge, agreement, disagreements, report agreement. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_team.h"
#include "qcode/out.h"
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

/* Record what was written in the project's audit log, in a transaction
 * of its own (these commands run outside the dispatcher's). */
static int audit(struct qc_ctx *ctx, const char *cmd, const char *detail)
{
	int rc;

	store_begin(ctx->store, &ctx->err);
	rc = store_audit(ctx->store, cmd, detail, &ctx->err);
	if (rc == 0)
		rc = store_commit(ctx->store, &ctx->err);
	else
		store_rollback(ctx->store);
	return rc;
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
		rc = audit(ctx, "clone", d);
		free(d);
	}
	if (rc == 0 && ctx->json) {
		fputs("{\"file\": ", ctx->out);
		out_json_print(ctx->out, out);
		fprintf(ctx->out, ", \"codings\": %lld}\n", n);
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
	rc = team_merge_file(ctx->store, a->pos[0], dry, &m, &ctx->err);
	if (rc < 0)
		goto out;
	if (ctx->json) {
		fprintf(ctx->out, "{\"dry_run\": %s, \"sources_new\": %lld,"
			" \"sources_matched\": %lld, \"codes_new\": %lld,"
			" \"codings_new\": %lld, \"codings_duplicate\": %lld,"
			" \"memos_new\": %lld, \"coders_new\": %lld, \"conflicts\": ",
			dry ? "true" : "false", m.sources_new, m.sources_same,
			m.codes_new, m.codings_new, m.codings_dup, m.memos_new,
			m.coders_new);
		out_json_print(ctx->out, m.conflicts.buf);
		fputs("}\n", ctx->out);
	} else {
		fprintf(ctx->out, "%s%lld new sources (%lld matched by text),"
			" %lld new codes, %lld new codings (%lld already here),"
			" %lld new memos, %lld new coders\n",
			dry ? "would merge: " : "merged: ", m.sources_new,
			m.sources_same, m.codes_new, m.codings_new, m.codings_dup,
			m.memos_new, m.coders_new);
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

static void agreement_json(struct qc_ctx *ctx, const struct team_agreement *ag,
			   int chars)
{
	static const char *const k[] = { "agreement", "cohen_kappa",
		"fleiss_kappa", "alpha", "alpha_lo", "alpha_hi", "alpha_u",
		"alpha_u_lo", "alpha_u_hi" };

	fputs("[", ctx->out);
	for (int i = 0; i < ag->nrows; i++) {
		const struct team_agreement_row *r = &ag->rows[i];
		double v[] = { r->pct, r->cohen, r->fleiss, r->alpha, r->lo,
			r->hi, r->au, r->au_lo, r->au_hi };
		fprintf(ctx->out, "%s{\"name\": ", i ? ", " : "");
		out_json_print(ctx->out, r->label);
		fprintf(ctx->out, ", \"units\": %zu, \"coders\": %d", r->units,
			r->ncoders);
		if (chars)
			fprintf(ctx->out, ", \"sources\": %zu", r->au_src);
		for (int j = 0; j < (chars ? 9 : 6); j++) {
			if (isnan(v[j]))
				fprintf(ctx->out, ", \"%s\": null", k[j]);
			else
				fprintf(ctx->out, ", \"%s\": %.4f", k[j], v[j]);
		}
		fputs("}", ctx->out);
	}
	fputs("]\n", ctx->out);
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
	else
		fprintf(ctx->out, "%d coders; unit: %s; α CI: %s%%"
			" bootstrap over units (%d resamples, fixed"
			" seed)\n", nc, team_unit_name(o->data.unit), level,
			TEAM_BOOT_REPS);
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

static void agreement_table(struct qc_ctx *ctx, const struct team_agreement *ag,
			    const struct team_agreement_opts *o,
			    const char *by, int sep)
{
	static const char *const head[] = { "", "units", "agreement",
		"Cohen κ", "Fleiss κ", "Krippendorff α", "α CI" };
	static const char *const head_char[] = { "", "chars", "agreement",
		"Cohen κ", "Fleiss κ", "Krippendorff α", "sources",
		"Krippendorff αu", "αu CI" };
	int chars = o->data.unit == TEAM_UNIT_CHAR;
	int nh = chars ? 9 : 7, undef = 0, noci = 0;
	struct out_table t;
	const char *hd[9];

	memcpy(hd, chars ? head_char : head, sizeof(char *) * (size_t)nh);
	hd[0] = by;
	out_table_init(&t, nh, hd);
	t.right = chars ? 0x1fe : 0x7e;
	for (int i = 0; i < ag->nrows; i++) {
		const struct team_agreement_row *r = &ag->rows[i];
		char c[8][40];
		snprintf(c[0], 40, "%zu", r->units);
		team_format(c[1], 40, r->pct, 1);
		team_format(c[2], 40, r->cohen, 0);
		team_format(c[3], 40, r->fleiss, 0);
		team_format(c[4], 40, r->alpha, 0);
		if (chars) {
			snprintf(c[5], 40, "%zu", r->au_src);
			team_format(c[6], 40, r->au, 0);
			fmt_ci(c[7], 40, r->au_lo, r->au_hi);
			undef |= isnan(r->au);
			noci |= !isnan(r->au) && isnan(r->au_lo);
		} else {
			fmt_ci(c[5], 40, r->lo, r->hi);
		}
		out_table_add(&t, (const char *const[]){ r->label, c[0], c[1],
			c[2], c[3], c[4], c[5], c[6], c[7] });
	}
	if (sep) {
		out_table_print_sep(&t, ctx->out, (char)sep);
	} else {
		out_table_print(&t, ctx->out);
		agreement_notes(ctx, ag, o, undef, noci);
	}
	out_table_release(&t);
}

int cmd_agreement(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct lists l = { 0 };
	struct team_agreement_opts o;
	struct team_agreement ag = { 0 };
	int rc, sep;

	sep = args_has(a, "--csv") ? ',' : args_has(a, "--tsv") ? '\t' : 0;
	if ((rc = agreement_opts(ctx, a, &l, &o)) < 0 ||
	    (rc = team_agreement(ctx->store, &o, &ag, &ctx->err)) < 0)
		goto out;
	if (ctx->json)
		agreement_json(ctx, &ag, o.data.unit == TEAM_UNIT_CHAR);
	else
		agreement_table(ctx, &ag, &o, args_get(a, "--by") ?
				args_get(a, "--by") : "code", sep);
out:
	team_agreement_release(&ag);
	lists_release(&l);
	return rc < 0 ? rc : 0;
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
	if (ctx->json) {
		fputs("[", ctx->out);
		for (size_t i = 0; i < dl.n; i++) {
			fprintf(ctx->out, "%s{\"ref\": \"%s\", \"coded_by\": ",
				i ? ", " : "", dl.v[i].ref);
			out_json_print(ctx->out, dl.v[i].who);
			fputs(", \"text\": ", ctx->out);
			out_json_print(ctx->out, dl.v[i].text);
			fputs(", \"context\": ", ctx->out);
			out_json_print(ctx->out, dl.v[i].kwic);
			fputs("}", ctx->out);
		}
		fputs("]\n", ctx->out);
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
	int rows = 0, rc;

	out = args_get(a, "-o") ? args_get(a, "-o") : args_get(a, "--output");
	if (!out)
		return cli_usage(ctx, "report agreement");
	ro.lang = args_get(a, "--lang");
	/* made only where the log can say so, before any file is written */
	if ((rc = store_audit_ready(ctx->store, "report", &ctx->err)) < 0 ||
	    (rc = agreement_opts(ctx, a, &l, &o)) < 0 ||
	    (rc = report_agreement(ctx->store, &ro, &o, out, &rows,
				   &ctx->err)) < 0)
		goto out;
	{
		char *d = xasprintf("agreement report to %s", out);
		rc = audit(ctx, "report", d);
		free(d);
	}
	if (rc == 0)
		fprintf(ctx->out, "wrote '%s': %d rows\n", out, rows);
out:
	lists_release(&l);
	return rc < 0 ? rc : 0;
}
