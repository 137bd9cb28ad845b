/* cmd_coding: tag, untag, autocode, suggestions, accept, reject, coded,
 * freq, cooc and memo. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd_coding.h"
#include "qcode/codebook.h"
#include "qcode/coding.h"
#include "qcode/out.h"
#include "qcode/outfile.h"
#include "qcode/search.h"
#include "qcode/text.h"

static const char *col(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? t : "";
}

/* The coder of this command: --coder, else the project's (QCODE_CODER or
 * the login name). */
static int coder_of(struct qc_ctx *ctx, const struct qc_args *a,
		    const char **name, long long *id)
{
	*name = args_get(a, "--coder") ? args_get(a, "--coder") :
		ctx->store->coder;
	return store_coder_id(ctx->store, *name, id, &ctx->err);
}

/* ---- tag / untag ---- */

static int tag_or_untag(struct qc_ctx *ctx, int argc, char **argv, int tag)
{
	static const char *const valued[] = { "--coder", "--memo", NULL };
	struct qc_args a;
	struct coding_spans sp = { 0 };
	long long code, coder_id, n1 = 0, n2 = 0;
	const char *coder;
	char *detail;
	int rc;

	if (cli_args(ctx, argc, argv, NULL, valued, &a) < 0)
		return QC_EUSAGE;
	if ((rc = codebook_find(ctx->store, a.pos[0], &code, &ctx->err)) < 0 ||
	    (rc = coder_of(ctx, &a, &coder, &coder_id)) < 0 ||
	    (rc = coding_parse_refs(ctx->store, ctx->store->coder, a.pos + 1,
				    a.npos - 1, &sp, &ctx->err)) < 0)
		goto out;
	if (tag)
		rc = coding_tag(ctx->store, code, &sp, coder_id,
				args_get(&a, "--memo"), &n1, &n2, &ctx->err);
	else
		rc = coding_untag(ctx->store, code, &sp, coder_id, &n1, &ctx->err);
	if (rc < 0)
		goto out;
	detail = tag ? xasprintf("%s: %lld codings added by %s (%lld existed)",
				 a.pos[0], n1, coder, n2) :
		       xasprintf("%s: %lld codings of %s removed", a.pos[0], n1,
				 coder);
	rc = store_audit(ctx->store, tag ? "tag" : "untag", detail, &ctx->err);
	free(detail);
	if (rc < 0)
		goto out;
	if (ctx->json)
		fprintf(ctx->out, tag ? "{\"added\": %lld, \"existing\": %lld}\n" :
			"{\"removed\": %lld}\n", n1, n2);
	else if (tag && !n1 && n2)
		fprintf(ctx->out, "already coded %s: nothing changed\n", a.pos[0]);
	else if (tag)
		fprintf(ctx->out, "coded %lld segment%s with %s%s\n", n1,
			n1 == 1 ? "" : "s", a.pos[0], n2 ? " (some were already)" : "");
	else if (!n1)
		fprintf(ctx->out, "no codings of %s there by %s\n", a.pos[0], coder);
	else
		fprintf(ctx->out, "removed %lld coding%s of %s\n", n1,
			n1 == 1 ? "" : "s", a.pos[0]);
out:
	coding_spans_release(&sp);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

int cmd_tag(struct qc_ctx *ctx, int argc, char **argv)
{
	return tag_or_untag(ctx, argc, argv, 1);
}

int cmd_untag(struct qc_ctx *ctx, int argc, char **argv)
{
	return tag_or_untag(ctx, argc, argv, 0);
}

/* ---- suggestions ---- */

int cmd_autocode(struct qc_ctx *ctx, int argc, char **argv)
{
	struct qc_args a;
	long long *ids = NULL, added, matches;
	int rc = 0;
	char *d;

	if (cli_args(ctx, argc, argv, NULL, NULL, &a) < 0)
		return QC_EUSAGE;
	ids = xcalloc((size_t)a.npos + 1, sizeof(*ids));
	for (int i = 0; i < a.npos && rc == 0; i++)
		rc = codebook_find(ctx->store, a.pos[i], &ids[i], &ctx->err);
	if (rc == 0)
		rc = coding_autocode(ctx->store, ids, (size_t)a.npos, &added,
				     &matches, &ctx->err);
	if (rc == 0) {
		d = xasprintf("%lld matches, %lld new suggestions", matches, added);
		rc = store_audit(ctx->store, "autocode", d, &ctx->err);
		free(d);
	}
	if (rc == 0)
		fprintf(ctx->out, ctx->json ? "{\"matches\": %lld, \"new\": %lld}\n" :
			"%lld matches, %lld new suggestions (see 'qcode"
			" suggestions')\n", matches, added);
	free(ids);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

int cmd_suggestions(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--all", "--tsv", NULL };
	static const char *const valued[] = { "--context", NULL };
	struct qc_args a;
	sqlite3_stmt *st;
	long long code = 0;
	int ctxw = 6, rc = 0, first = 1, rows = 0;

	if (cli_args(ctx, argc, argv, flags, valued, &a) < 0)
		return QC_EUSAGE;
	if (args_get(&a, "--context"))
		ctxw = atoi(args_get(&a, "--context"));
	if (a.npos && (rc = codebook_find(ctx->store, a.pos[0], &code,
					  &ctx->err)) < 0)
		goto out;
	st = store_prepare(ctx->store,
		"SELECT x.id, k.short_id, g.source_id, g.ordinal,"
		" coalesce(p.pseudonym, g.speaker), g.text, x.start_cp - g.start_cp,"
		" x.end_cp - g.start_cp, x.status FROM suggestions x"
		" JOIN codes k ON k.id = x.code_id JOIN segments g ON g.id = x.segment_id"
		" LEFT JOIN participants p ON p.id = g.participant_id"
		" WHERE (?1 = 0 OR x.code_id = ?1) AND (?2 OR x.status = 'pending')"
		" ORDER BY x.id", &ctx->err);
	if (!st) {
		rc = -QC_EIO;
		goto out;
	}
	sqlite3_bind_int64(st, 1, code);
	sqlite3_bind_int(st, 2, args_has(&a, "--all"));
	if (ctx->json)
		fputs("[", ctx->out);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct qc_buf k = QC_BUF_INIT;
		const char *txt = col(st, 5);
		struct qc_buf v = QC_BUF_INIT;
		if (ctx->json)
			search_kwic_cp(&k, txt, strlen(txt),
				       (size_t)sqlite3_column_int64(st, 6),
				       (size_t)sqlite3_column_int64(st, 7), ctxw, 0);
		else
			out_kwic_cp(&k, txt, strlen(txt),
				    (size_t)sqlite3_column_int64(st, 6),
				    (size_t)sqlite3_column_int64(st, 7), ctxw,
				    ctx->color);
		rows++;
		if (ctx->json) {
			fprintf(ctx->out, "%s{\"n\": %lld, \"code\": ", first ? "" : ", ",
				sqlite3_column_int64(st, 0));
			out_json_print(ctx->out, col(st, 1));
			fprintf(ctx->out, ", \"ref\": \"S%lld:%lld\", \"status\": ",
				sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3));
			out_json_print(ctx->out, col(st, 8));
			fputs(", \"context\": ", ctx->out);
			out_json_print(ctx->out, k.buf);
			fputs("}", ctx->out);
			first = 0;
		} else if (args_has(&a, "--tsv")) {
			fprintf(ctx->out, "%lld\t%s\tS%lld:%lld\t%s\t%s\n",
				sqlite3_column_int64(st, 0), col(st, 1),
				sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
				col(st, 8), k.buf);
		} else {
			char ref[48];
			snprintf(ref, sizeof(ref), "S%lld:%lld",
				 sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3));
			fprintf(ctx->out, "%4lld  %-22s %-8s %s%s%s\n",
				sqlite3_column_int64(st, 0), col(st, 1), ref,
				sqlite3_column_type(st, 4) == SQLITE_NULL ? "" :
				out_text(&v, col(st, 4)),
				sqlite3_column_type(st, 4) == SQLITE_NULL ? "" : ": ",
				k.buf);
		}
		qc_buf_release(&k);
		qc_buf_release(&v);
	}
	sqlite3_finalize(st);
	if (ctx->json)
		fputs("]\n", ctx->out);
	else if (!rows && !args_has(&a, "--tsv"))
		fputs("no pending suggestions\n", ctx->out);
out:
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

static int decide(struct qc_ctx *ctx, int argc, char **argv, int accept)
{
	static const char *const valued[] = { "--code", NULL };
	struct qc_args a;
	long long *ids = NULL, done = 0, code = 0, coder_id;
	int all = 0, rc = 0;
	size_t n = 0;

	if (cli_args(ctx, argc, argv, NULL, valued, &a) < 0)
		return QC_EUSAGE;
	for (int i = 0; i < a.npos && rc == 0; i++) {
		char *end;
		if (!strcmp(a.pos[i], "all")) {
			all = 1;
			continue;
		}
		/* numbers and ranges: 3 5-9 */
		long long lo = strtoll(a.pos[i], &end, 10), hi = lo;
		if (*end == '-')
			hi = strtoll(end + 1, &end, 10);
		if (*end || lo < 1 || hi < lo || hi - lo > 1000000) {
			rc = qc_err_set(&ctx->err, QC_EUSAGE, "'%s' is not a"
					" suggestion number (or all)", a.pos[i]);
			break;
		}
		for (long long v = lo; v <= hi; v++) {
			ids = xreallocarray(ids, n + 1, sizeof(*ids));
			ids[n++] = v;
		}
	}
	if (rc == 0 && args_get(&a, "--code"))
		rc = codebook_find(ctx->store, args_get(&a, "--code"), &code,
				   &ctx->err);
	if (rc == 0)
		rc = store_coder_id(ctx->store, ctx->store->coder, &coder_id,
				    &ctx->err);
	if (rc == 0)
		rc = coding_decide(ctx->store, accept, ids, n, all, code, coder_id,
				   ctx->store->coder, &done, &ctx->err);
	if (rc == 0) {
		char *d = xasprintf("%lld suggestions %s", done,
				    accept ? "accepted" : "rejected");
		rc = store_audit(ctx->store, accept ? "accept" : "reject", d,
				 &ctx->err);
		free(d);
	}
	if (rc == 0)
		fprintf(ctx->out, ctx->json ? "{\"%s\": %lld}\n" :
			"%2$lld suggestions %1$s\n", accept ? "accepted" : "rejected",
			done);
	free(ids);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

int cmd_accept(struct qc_ctx *ctx, int argc, char **argv)
{
	return decide(ctx, argc, argv, 1);
}

int cmd_reject(struct qc_ctx *ctx, int argc, char **argv)
{
	return decide(ctx, argc, argv, 0);
}

/* ---- retrieval ---- */

/* The filters shared by coded, freq and cooc, as SQL over codings c,
 * segments g, sources s and participants p, bound from ?10 on. */
static const char filter_sql[] =
	" AND (?10 IS NULL OR s.kind = ?10)"
	" AND (?11 IS NULL OR ',' || ?11 || ',' LIKE '%,S' || s.id || ',%')"
	" AND (?12 IS NULL OR g.speaker = ?12 OR p.pseudonym = ?12)"
	" AND (?13 IS NULL OR p.role = ?13)"
	" AND (?14 IS NULL OR c.coder_id = (SELECT id FROM coders WHERE name = ?14))"
	" AND (?15 IS NULL OR s.date >= ?15) AND (?16 IS NULL OR s.date <= ?16)"
	" AND (?17 IS NULL OR EXISTS (SELECT 1 FROM source_attrs x WHERE"
	"  x.source_id = s.id AND x.key || '=' || x.value = ?17))";

static const char *const filter_opts[] = { "--kind", "--source", "--speaker",
	"--role", "--coder", "--since", "--until", "--attr", NULL };

static void bind_filters(sqlite3_stmt *st, const struct qc_args *a)
{
	for (int i = 0; filter_opts[i]; i++)
		sqlite3_bind_text(st, 10 + i, args_get(a, filter_opts[i]), -1,
				  SQLITE_STATIC);
}

int cmd_coded(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--children", "--real-names",
		"--tsv", "--csv", "--full", NULL };
	static const char *const valued[] = { "--kind", "--source", "--speaker",
		"--role", "--coder", "--since", "--until", "--attr", "--context",
		NULL };
	struct qc_args a;
	struct qc_buf sql = QC_BUF_INIT;
	sqlite3_stmt *st = NULL;
	long long code;
	int rc, ctxw = 12, rows = 0, real, sep;

	if (cli_args(ctx, argc, argv, flags, valued, &a) < 0)
		return QC_EUSAGE;
	real = args_has(&a, "--real-names");
	sep = args_has(&a, "--csv") ? ',' : args_has(&a, "--tsv") ? '\t' : 0;
	if (args_get(&a, "--context"))
		ctxw = atoi(args_get(&a, "--context"));
	if (args_has(&a, "--full"))
		ctxw = -1;
	if ((rc = codebook_find(ctx->store, a.pos[0], &code, &ctx->err)) < 0)
		goto out;
	if (real && (rc = store_audit(ctx->store, "real-names", "coded",
				      &ctx->err)) < 0)
		goto out;
	qc_buf_adds(&sql,
		"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT k.id FROM codes k"
		" JOIN sub ON k.parent_id = sub.id WHERE ?2)"
		" SELECT c.id, k.short_id, s.id, g.ordinal, CASE WHEN ?3 THEN g.speaker"
		" ELSE coalesce(p.pseudonym, g.speaker) END, coalesce(p.role, ''),"
		" u.name, g.text, c.start_cp - g.start_cp, c.end_cp - g.start_cp,"
		" s.kind, coalesce(c.memo, '')"
		" FROM codings c JOIN codes k ON k.id = c.code_id"
		" JOIN sources s ON s.id = c.source_id"
		" JOIN segments g ON g.id = c.segment_id"
		" LEFT JOIN participants p ON p.id = g.participant_id"
		" JOIN coders u ON u.id = c.coder_id"
		" WHERE c.code_id IN (SELECT id FROM sub)");
	qc_buf_adds(&sql, filter_sql);
	qc_buf_adds(&sql, " ORDER BY s.id, c.start_cp, k.short_id, u.name");
	if (!(st = store_prepare(ctx->store, sql.buf, &ctx->err))) {
		rc = -QC_EIO;
		goto out;
	}
	sqlite3_bind_int64(st, 1, code);
	sqlite3_bind_int(st, 2, args_has(&a, "--children"));
	sqlite3_bind_int(st, 3, real);
	bind_filters(st, &a);
	if (ctx->json)
		fputs("[", ctx->out);
	else if (sep)
		fprintf(ctx->out, "coding%1$ccode%1$cref%1$cspeaker%1$crole%1$ccoder"
			"%1$ckind%1$ctext\n", sep);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct qc_buf k = QC_BUF_INIT;
		const char *txt = col(st, 7);
		long long ms = sqlite3_column_int64(st, 8);
		long long me = sqlite3_column_int64(st, 9);
		char ref[48];
		int whole = ms == 0 && (size_t)me == text_cp_count(txt, strlen(txt));

		snprintf(ref, sizeof(ref), "S%lld:%lld", sqlite3_column_int64(st, 2),
			 sqlite3_column_int64(st, 3));
		if (whole || sep || ctx->json) {
			/* the coded text itself */
			size_t b0 = text_cp_to_byte(txt, strlen(txt), (size_t)ms);
			size_t b1 = text_cp_to_byte(txt, strlen(txt), (size_t)me);
			qc_buf_add(&k, txt + b0, b1 - b0);
			for (size_t i = 0; i < k.len; i++)
				if (k.buf[i] == '\n')
					k.buf[i] = ' ';
		} else {
			out_kwic_cp(&k, txt, strlen(txt), (size_t)ms, (size_t)me,
				    ctxw, ctx->color);
		}
		if (ctx->json) {
			fprintf(ctx->out, "%s{\"coding\": %lld, \"code\": ",
				rows ? ", " : "", sqlite3_column_int64(st, 0));
			out_json_print(ctx->out, col(st, 1));
			fprintf(ctx->out, ", \"ref\": \"%s\", \"speaker\": ", ref);
			out_json_print(ctx->out, col(st, 4));
			fputs(", \"role\": ", ctx->out);
			out_json_print(ctx->out, col(st, 5));
			fputs(", \"coder\": ", ctx->out);
			out_json_print(ctx->out, col(st, 6));
			fputs(", \"kind\": ", ctx->out);
			out_json_print(ctx->out, col(st, 10));
			fputs(", \"text\": ", ctx->out);
			out_json_print(ctx->out, k.buf);
			fputs("}", ctx->out);
		} else if (sep) {
			const char *cells[] = { NULL, col(st, 1), ref, col(st, 4),
				col(st, 5), col(st, 6), col(st, 10), k.buf };
			char id[24];
			snprintf(id, sizeof(id), "%lld", sqlite3_column_int64(st, 0));
			cells[0] = id;
			for (int i = 0; i < 8; i++) {
				const char *v = cells[i];
				if (sep == ',' && strpbrk(v, ",\"")) {
					fputc('"', ctx->out);
					for (; *v; v++) {
						if (*v == '"')
							fputc('"', ctx->out);
						fputc(*v, ctx->out);
					}
					fputc('"', ctx->out);
				} else {
					for (; *v; v++)
						fputc(*v == '\t' ? ' ' : *v, ctx->out);
				}
				fputc(i == 7 ? '\n' : sep, ctx->out);
			}
		} else {
			struct qc_buf v[5] = { QC_BUF_INIT, QC_BUF_INIT,
					       QC_BUF_INIT, QC_BUF_INIT, QC_BUF_INIT };
			fprintf(ctx->out, "%s%-8s %s%s%s%s  [%s, %s]\n    %s\n",
				rows ? "\n" : "", ref, out_text(&v[0], col(st, 4)),
				*col(st, 5) ? " (" : "", out_text(&v[1], col(st, 5)),
				*col(st, 5) ? ")" : "", out_text(&v[2], col(st, 1)),
				out_text(&v[3], col(st, 6)), whole ?
				out_text(&v[4], k.buf) : k.buf);
			if (*col(st, 11))
				fprintf(ctx->out, "    memo: %s\n",
					out_text(&v[1], col(st, 11)));
			for (int i = 0; i < 5; i++)
				qc_buf_release(&v[i]);
		}
		rows++;
		qc_buf_release(&k);
	}
	if (ctx->json)
		fputs("]\n", ctx->out);
	else if (!rows && !sep)
		fprintf(ctx->out, "nothing coded with %s\n", a.pos[0]);
out:
	sqlite3_finalize(st);
	qc_buf_release(&sql);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

/* The FROM and WHERE of freq and cooc over codings c: only the joins and
 * conditions that the given filters (or the caller: src, seg) need, so that
 * a plain count reads the codings table alone. Bound by bind_filters. */
static void filter_from(struct qc_buf *sql, const struct qc_args *a, int src,
			int seg)
{
	static const char *const cond[] = {
		" AND s.kind = ?10",
		" AND ',' || ?11 || ',' LIKE '%,S' || s.id || ',%'",
		" AND (g.speaker = ?12 OR p.pseudonym = ?12)",
		" AND p.role = ?13",
		" AND c.coder_id = (SELECT id FROM coders WHERE name = ?14)",
		" AND s.date >= ?15",
		" AND s.date <= ?16",
		" AND EXISTS (SELECT 1 FROM source_attrs x WHERE x.source_id ="
		" s.id AND x.key || '=' || x.value = ?17)",
	};
	static const int needs_src[] = { 1, 1, 0, 0, 0, 1, 1, 1 };

	for (int i = 0; filter_opts[i]; i++)
		if (args_get(a, filter_opts[i])) {
			src |= needs_src[i];
			seg |= i == 2 || i == 3;
		}
	qc_buf_adds(sql, " FROM codings c");
	if (src)
		qc_buf_adds(sql, " JOIN sources s ON s.id = c.source_id");
	if (seg)
		qc_buf_adds(sql, " LEFT JOIN segments g ON g.id = c.segment_id"
			    " LEFT JOIN participants p ON p.id = g.participant_id");
	qc_buf_adds(sql, " WHERE 1");
	for (int i = 0; filter_opts[i]; i++)
		if (args_get(a, filter_opts[i]))
			qc_buf_adds(sql, cond[i]);
}

/* The codes of the codebook in its order, with a map from row id to their
 * index (-1: not a code). */
struct code_index {
	struct codebook cb;
	int *of_id;
	long long max_id;
};

static int code_index_read(struct qc_ctx *ctx, struct code_index *ci)
{
	int rc;

	memset(ci, 0, sizeof(*ci));
	if ((rc = codebook_read(ctx->store, &ci->cb, &ctx->err)) < 0)
		return rc;
	for (size_t i = 0; i < ci->cb.n; i++)
		if (ci->cb.codes[i].db_id > ci->max_id)
			ci->max_id = ci->cb.codes[i].db_id;
	ci->of_id = xcalloc((size_t)ci->max_id + 1, sizeof(int));
	for (long long i = 0; i <= ci->max_id; i++)
		ci->of_id[i] = -1;
	for (size_t i = 0; i < ci->cb.n; i++)
		ci->of_id[ci->cb.codes[i].db_id] = (int)i;
	return 0;
}

static int code_index_of(const struct code_index *ci, long long id)
{
	return id >= 0 && id <= ci->max_id ? ci->of_id[id] : -1;
}

static void code_index_release(struct code_index *ci)
{
	codebook_release(&ci->cb);
	free(ci->of_id);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ll_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* one row of the scan: code, group, source, codings */
struct frow {
	int code;
	char *grp;
	long long source, n;
};

int cmd_freq(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--tsv", "--csv", NULL };
	static const char *const valued[] = { "--by", "--kind", "--source",
		"--speaker", "--role", "--coder", "--since", "--until", "--attr",
		NULL };
	/* the group of a coding in SQL; source and theme are made here from
	 * the source id and the code tree */
	static const struct { const char *by, *expr; int src, seg; } groups[] = {
		{ "kind", "s.kind", 1, 0 },
		{ "role", "coalesce(p.role, '-')", 0, 1 },
		{ "source", "NULL", 0, 0 },
		{ "coder", "(SELECT name FROM coders WHERE id = c.coder_id)", 0, 0 },
		{ "theme", "NULL", 0, 0 },
	};
	struct qc_args a;
	struct qc_buf sql = QC_BUF_INIT;
	struct code_index ci = { 0 };
	sqlite3_stmt *st = NULL;
	const char *by;
	int rc = 0, sep, gi = -1;
	struct frow *rows = NULL;
	size_t nr = 0, cap = 0, ng = 0, nc = 0, nsrc = 0;
	char **grps = NULL;
	int *col_of = NULL;		/* codebook index -> output row */
	size_t *code_of = NULL;		/* output row -> codebook index */
	long long *cn = NULL, *cs = NULL, *tn = NULL, *ts = NULL, *srcs = NULL;

	if (cli_args(ctx, argc, argv, flags, valued, &a) < 0)
		return QC_EUSAGE;
	sep = args_has(&a, "--csv") ? ',' : args_has(&a, "--tsv") ? '\t' : 0;
	by = args_get(&a, "--by") ? args_get(&a, "--by") : "kind";
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (!strcmp(by, groups[i].by))
			gi = (int)i;
	if (gi < 0) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "--by is kind, role,"
				" source, coder or theme, not '%s'", by);
		goto out;
	}
	if ((rc = code_index_read(ctx, &ci)) < 0)
		goto out;
	/* one pass over the codings: how many of each code, group and
	 * source; the distinct sources are counted from these rows */
	qc_buf_addf(&sql, "SELECT c.code_id, %s, c.source_id, count(*)",
		    groups[gi].expr);
	filter_from(&sql, &a, groups[gi].src, groups[gi].seg);
	qc_buf_adds(&sql, " GROUP BY 1, 2, 3");
	if (!(st = store_prepare(ctx->store, sql.buf, &ctx->err))) {
		rc = -QC_EIO;
		goto out;
	}
	bind_filters(st, &a);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int k = code_index_of(&ci, sqlite3_column_int64(st, 0));
		long long src = sqlite3_column_int64(st, 2);
		char *g;

		if (k < 0)
			continue;
		if (!strcmp(by, "source")) {
			g = xasprintf("S%lld", src);
		} else if (!strcmp(by, "theme")) {
			size_t r = (size_t)k;
			while (ci.cb.codes[r].parent >= 0)
				r = (size_t)ci.cb.codes[r].parent;
			g = xstrdup(ci.cb.codes[r].id);
		} else {
			g = xstrdup(col(st, 1));
		}
		if (nr == cap)
			rows = xreallocarray(rows, cap = cap ? 2 * cap : 256,
					     sizeof(*rows));
		rows[nr].code = k;
		rows[nr].grp = g;
		rows[nr].source = src;
		rows[nr].n = sqlite3_column_int64(st, 3);
		nr++;
	}
	sqlite3_finalize(st);
	st = NULL;
	/* the groups, sorted; the codes that have codings, in codebook order */
	grps = xcalloc(nr + 1, sizeof(char *));
	for (size_t r = 0; r < nr; r++)
		grps[ng++] = rows[r].grp;
	if (ng)
		qsort(grps, ng, sizeof(char *), str_cmp);
	{
		size_t u = 0;
		for (size_t i = 0; i < ng; i++)
			if (!u || strcmp(grps[u - 1], grps[i]))
				grps[u++] = grps[i];
		ng = u;
	}
	col_of = xcalloc(ci.cb.n + 1, sizeof(int));
	for (size_t r = 0; r < nr; r++)
		col_of[rows[r].code] = 1;
	code_of = xcalloc(ci.cb.n + 1, sizeof(size_t));
	for (size_t i = 0; i < ci.cb.n; i++)
		if (col_of[i]) {
			code_of[nc] = i;
			col_of[i] = (int)nc++;
		}
	/* cells: codings and distinct sources per code and group; the rows
	 * are distinct per (code, group, source), so each adds one source */
	cn = xcalloc(nc * ng + 1, sizeof(long long));
	cs = xcalloc(nc * ng + 1, sizeof(long long));
	tn = xcalloc(nc + 1, sizeof(long long));
	ts = xcalloc(nc + 1, sizeof(long long));
	srcs = xcalloc(nr + 1, sizeof(long long));
	for (size_t r = 0; r < nr; r++) {
		char **hit = bsearch(&rows[r].grp, grps, ng, sizeof(char *), str_cmp);
		size_t c = (size_t)col_of[rows[r].code], g = (size_t)(hit - grps);
		cn[c * ng + g] += rows[r].n;
		cs[c * ng + g]++;
		tn[c] += rows[r].n;
		/* code and source in one number, for the distinct count */
		srcs[nsrc++] = (long long)c << 40 | rows[r].source;
	}
	if (nsrc)
		qsort(srcs, nsrc, sizeof(long long), ll_cmp);
	for (size_t i = 0; i < nsrc; i++)
		if (!i || srcs[i] != srcs[i - 1])
			ts[srcs[i] >> 40]++;
	if (ctx->json) {
		int first = 1;
		fputs("[", ctx->out);
		for (size_t c = 0; c < nc; c++)
			for (size_t g = 0; g < ng; g++) {
				if (!cn[c * ng + g])
					continue;
				fprintf(ctx->out, "%s{\"code\": ", first ? "" : ", ");
				out_json_print(ctx->out, ci.cb.codes[code_of[c]].id);
				fprintf(ctx->out, ", \"%s\": ", by);
				out_json_print(ctx->out, grps[g]);
				fprintf(ctx->out, ", \"codings\": %lld, \"sources\":"
					" %lld}", cn[c * ng + g], cs[c * ng + g]);
				first = 0;
			}
		fputs("]\n", ctx->out);
		goto out;
	}
	{
		/* codes down, groups across: "codings (sources)" in each cell */
		size_t ncol = ng + 2;
		const char **head = xcalloc(ncol, sizeof(char *));
		const char **cells = xcalloc(ncol, sizeof(char *));
		char **own = xcalloc(ncol, sizeof(char *));
		struct out_table t;

		head[0] = "code";
		for (size_t g = 0; g < ng; g++)
			head[g + 1] = grps[g];
		head[ng + 1] = "total";
		out_table_init(&t, (int)ncol, head);
		for (size_t k = 1; k < ncol && k < 32; k++)
			t.right |= 1u << k;
		for (size_t c = 0; c < nc; c++) {
			cells[0] = ci.cb.codes[code_of[c]].id;
			for (size_t k = 1; k < ncol; k++) {
				long long n = k <= ng ? cn[c * ng + k - 1] : tn[c];
				long long ns = k <= ng ? cs[c * ng + k - 1] : ts[c];
				own[k] = !n ? NULL : sep ? xasprintf("%lld", n) :
					 xasprintf("%lld (%lld)", n, ns);
				cells[k] = own[k] ? own[k] : (sep ? "0" : "-");
			}
			out_table_add(&t, cells);
			for (size_t k = 1; k < ncol; k++)
				free(own[k]);
		}
		if (sep)
			out_table_print_sep(&t, ctx->out, (char)sep);
		else if (nc) {
			out_table_print(&t, ctx->out);
			fputs("cells: codings (distinct sources)\n", ctx->out);
		} else
			fputs("nothing coded yet\n", ctx->out);
		out_table_release(&t);
		free(head);
		free(cells);
		free(own);
	}
out:
	sqlite3_finalize(st);
	qc_buf_release(&sql);
	args_release(&a);
	for (size_t r = 0; r < nr; r++)
		free(rows[r].grp);
	free(rows);
	free(grps);
	free(col_of);
	free(code_of);
	free(cn);
	free(cs);
	free(tn);
	free(ts);
	free(srcs);
	code_index_release(&ci);
	return rc < 0 ? -rc : QC_OK;
}

/* one coding as cooc reads it */
struct ocoding {
	long long source, segment, start, end;	/* segment 0: none */
	int code;				/* index among the chosen codes */
};

static int oc_by_source(const void *a, const void *b)
{
	const struct ocoding *x = a, *y = b;
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

int cmd_cooc(struct qc_ctx *ctx, int argc, char **argv)
{
	static const char *const flags[] = { "--tsv", "--csv", NULL };
	static const char *const valued[] = { "--codes", "--kind", "--source",
		"--speaker", "--role", "--coder", "--since", "--until", "--attr",
		NULL };
	struct qc_args a;
	struct qc_buf sql = QC_BUF_INIT;
	struct code_index ci = { 0 };
	sqlite3_stmt *st = NULL;
	char **codes = NULL;
	size_t nc = 0, no = 0, cap = 0, nfree = 0;
	long long *m = NULL;
	int *pick = NULL;	/* codebook index -> chosen code, -1: not chosen */
	struct ocoding *oc = NULL;
	int rc = 0, sep;

	if (cli_args(ctx, argc, argv, flags, valued, &a) < 0)
		return QC_EUSAGE;
	sep = args_has(&a, "--csv") ? ',' : args_has(&a, "--tsv") ? '\t' : 0;
	if ((rc = code_index_read(ctx, &ci)) < 0)
		goto out;
	pick = xcalloc(ci.cb.n + 1, sizeof(int));
	for (size_t i = 0; i < ci.cb.n; i++)
		pick[i] = -1;
	/* the codes: --codes a,b,c, or every code that has codings */
	if (args_get(&a, "--codes")) {
		char *list = xstrdup(args_get(&a, "--codes")), *save = NULL;
		for (char *t = strtok_r(list, ",", &save); t && rc == 0;
		     t = strtok_r(NULL, ",", &save)) {
			long long id;
			int k;
			if ((rc = codebook_find(ctx->store, t, &id, &ctx->err)) < 0)
				break;
			if ((k = code_index_of(&ci, id)) < 0 || pick[k] >= 0)
				continue;
			codes = xreallocarray(codes, nc + 1, sizeof(*codes));
			pick[k] = (int)nc;
			codes[nc++] = xstrdup(t);
		}
		free(list);
		if (rc < 0)
			goto out;
	} else {
		sqlite3_stmt *q = store_prepare(ctx->store, "SELECT 1 FROM codings"
						" WHERE code_id = ? LIMIT 1", &ctx->err);
		if (!q) {
			rc = -QC_EIO;
			goto out;
		}
		for (size_t i = 0; i < ci.cb.n; i++) {
			sqlite3_reset(q);
			sqlite3_bind_int64(q, 1, ci.cb.codes[i].db_id);
			if (sqlite3_step(q) != SQLITE_ROW)
				continue;
			codes = xreallocarray(codes, nc + 1, sizeof(*codes));
			pick[i] = (int)nc;
			codes[nc++] = xstrdup(ci.cb.codes[i].id);
		}
		sqlite3_finalize(q);
	}
	m = xcalloc(nc * nc + 1, sizeof(*m));
	/* Two codings of two codes co-occur when they share a turn, or when
	 * one lies outside any turn and their spans overlap; each pair counts
	 * once in each direction. One pass reads the codings in turn order;
	 * the pairs are counted here, not by a self-join in SQL. */
	qc_buf_adds(&sql, "SELECT c.code_id, c.source_id, coalesce(c.segment_id,"
		    " 0), c.start_cp, c.end_cp");
	filter_from(&sql, &a, 0, 0);
	qc_buf_adds(&sql, " ORDER BY c.segment_id");
	if (!(st = store_prepare(ctx->store, sql.buf, &ctx->err))) {
		rc = -QC_EIO;
		goto out;
	}
	bind_filters(st, &a);
	/* the codings are kept for the overlap pass only when some lie
	 * outside every turn (found through the segment index) */
	nfree = (size_t)store_int(ctx->store, "SELECT EXISTS (SELECT 1 FROM"
				  " codings WHERE segment_id IS NULL)", 1);
	{
		long long *cnt = xcalloc(nc + 1, sizeof(long long));
		int *seen = xcalloc(nc + 1, sizeof(int));
		size_t nseen = 0;
		long long cur = -1;

		for (;;) {
			int more = sqlite3_step(st) == SQLITE_ROW;
			long long seg = more ? sqlite3_column_int64(st, 2) : -2;
			int k = -1;

			if (seg != cur) {
				/* close the turn: every pair of distinct codes */
				for (size_t i = 0; cur > 0 && i < nseen; i++)
					for (size_t j = 0; j < nseen; j++)
						if (i != j)
							m[seen[i] * nc + (size_t)seen[j]] +=
								cnt[seen[i]] * cnt[seen[j]];
				for (size_t i = 0; i < nseen; i++)
					cnt[seen[i]] = 0;
				nseen = 0;
				cur = seg;
			}
			if (!more)
				break;
			k = code_index_of(&ci, sqlite3_column_int64(st, 0));
			if (k < 0 || (k = pick[k]) < 0)
				continue;
			if (seg > 0 && !cnt[k]++)
				seen[nseen++] = k;
			if (!nfree)
				continue;
			if (no == cap)
				oc = xreallocarray(oc, cap = cap ? 2 * cap : 1024,
						   sizeof(*oc));
			oc[no].code = k;
			oc[no].source = sqlite3_column_int64(st, 1);
			oc[no].segment = seg;
			oc[no].start = sqlite3_column_int64(st, 3);
			oc[no].end = sqlite3_column_int64(st, 4);
			no++;
		}
		free(cnt);
		free(seen);
	}
	if (nfree) {
		/* codings outside turns: overlapping spans in the same source */
		qsort(oc, no, sizeof(*oc), oc_by_source);
		for (size_t i = 0; i < no; i++)
			for (size_t j = i + 1; j < no && oc[j].source == oc[i].source &&
			     oc[j].start < oc[i].end; j++) {
				const struct ocoding *x = &oc[i], *y = &oc[j];
				if ((x->segment && y->segment) || x->code == y->code ||
				    y->end <= x->start)
					continue;
				m[(size_t)x->code * nc + (size_t)y->code]++;
				m[(size_t)y->code * nc + (size_t)x->code]++;
			}
	}
	if (ctx->json) {
		int first = 1;
		fputs("[", ctx->out);
		for (size_t i = 0; i < nc; i++)
			for (size_t j = i + 1; j < nc; j++) {
				if (!m[i * nc + j])
					continue;
				fprintf(ctx->out, "%s{\"a\": ", first ? "" : ", ");
				out_json_print(ctx->out, codes[i]);
				fputs(", \"b\": ", ctx->out);
				out_json_print(ctx->out, codes[j]);
				fprintf(ctx->out, ", \"count\": %lld}", m[i * nc + j]);
				first = 0;
			}
		fputs("]\n", ctx->out);
	} else if (!nc) {
		fputs("nothing coded yet\n", ctx->out);
	} else {
		const char **head = xcalloc(nc + 1, sizeof(char *));
		const char **cells = xcalloc(nc + 1, sizeof(char *));
		char (*num)[24] = xcalloc(nc + 1, sizeof(*num));
		struct out_table t;

		head[0] = "code";
		for (size_t j = 0; j < nc; j++)
			head[j + 1] = codes[j];
		out_table_init(&t, (int)nc + 1, head);
		for (size_t k = 1; k <= nc && k < 32; k++)
			t.right |= 1u << k;
		for (size_t i = 0; i < nc; i++) {
			cells[0] = codes[i];
			for (size_t j = 0; j < nc; j++) {
				if (i == j)
					snprintf(num[j], sizeof(num[j]), "%s",
						 sep ? "" : ".");
				else
					snprintf(num[j], sizeof(num[j]), "%lld",
						 m[i * nc + j]);
				cells[j + 1] = num[j];
			}
			out_table_add(&t, cells);
		}
		if (sep)
			out_table_print_sep(&t, ctx->out, (char)sep);
		else
			out_table_print(&t, ctx->out);
		out_table_release(&t);
		free(head);
		free(cells);
		free(num);
	}
out:
	sqlite3_finalize(st);
	qc_buf_release(&sql);
	for (size_t i = 0; i < nc; i++)
		free(codes[i]);
	free(codes);
	free(pick);
	free(oc);
	free(m);
	code_index_release(&ci);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

/* ---- memos ---- */

/* project, S3, S3:17, a coding id (#12 or 12), or a code. */
static int memo_target(struct qc_ctx *ctx, const char *t, const char **kind,
		       long long *id)
{
	char *end;
	sqlite3_stmt *st = NULL;
	int found;

	if (!strcmp(t, "project")) {
		*kind = "project";
		*id = 0;
		return 0;
	}
	if ((t[0] == 'S' || t[0] == 's') && t[1] >= '0' && t[1] <= '9') {
		long long src = strtoll(t + 1, &end, 10), ord;
		if (!*end) {
			*kind = "source";
			st = store_prepare(ctx->store, "SELECT id FROM sources WHERE"
					   " id = ?1 AND ?2 = 0", &ctx->err);
			ord = 0;
		} else if (*end == ':') {
			ord = strtoll(end + 1, &end, 10);
			if (*end)
				goto code;
			*kind = "segment";
			st = store_prepare(ctx->store, "SELECT id FROM segments WHERE"
					   " source_id = ?1 AND ordinal = ?2",
					   &ctx->err);
		} else {
			goto code;
		}
		if (!st)
			return -QC_EIO;
		sqlite3_bind_int64(st, 1, src);
		sqlite3_bind_int64(st, 2, ord);
		found = sqlite3_step(st) == SQLITE_ROW;
		if (found)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		return found ? 0 : qc_err_set(&ctx->err, QC_EDATA, "no %s %s",
					      *kind, t);
	}
	if (t[0] == '#' || (t[0] >= '0' && t[0] <= '9')) {
		*id = strtoll(t + (t[0] == '#'), &end, 10);
		if (*end)
			goto code;
		*kind = "coding";
		st = store_prepare(ctx->store, "SELECT 1 FROM codings WHERE id = ?",
				   &ctx->err);
		if (!st)
			return -QC_EIO;
		sqlite3_bind_int64(st, 1, *id);
		found = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		return found ? 0 : qc_err_set(&ctx->err, QC_EDATA, "no coding %s"
					      " (see 'qcode coded CODE')", t);
	}
code:
	*kind = "code";
	return codebook_find(ctx->store, t, id, &ctx->err);
}

int cmd_memo_add(struct qc_ctx *ctx, int argc, char **argv)
{
	struct qc_args a;
	const char *kind;
	long long id, author;
	char guid[37], now[32];
	sqlite3_stmt *st;
	int rc;

	if (cli_args(ctx, argc, argv, NULL, NULL, &a) < 0)
		return QC_EUSAGE;
	if ((rc = memo_target(ctx, a.pos[0], &kind, &id)) < 0 ||
	    (rc = store_coder_id(ctx->store, ctx->store->coder, &author,
				 &ctx->err)) < 0)
		goto out;
	if (!*a.pos[1]) {
		rc = qc_err_set(&ctx->err, QC_EUSAGE, "an empty memo");
		goto out;
	}
	store_new_guid(guid);
	store_now(now);
	st = store_prepare(ctx->store, "INSERT INTO memos(guid, target, target_id,"
			   " author_id, created_at, updated_at, text) VALUES"
			   " (?,?,?,?,?,?,?)", &ctx->err);
	if (!st) {
		rc = -QC_EIO;
		goto out;
	}
	sqlite3_bind_text(st, 1, guid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	if (!strcmp(kind, "project"))
		sqlite3_bind_null(st, 3);
	else
		sqlite3_bind_int64(st, 3, id);
	sqlite3_bind_int64(st, 4, author);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, a.pos[1], -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(ctx->store, &ctx->err, "memo add");
	sqlite3_finalize(st);
	if (rc == 0) {
		long long mid = sqlite3_last_insert_rowid(ctx->store->db);
		char *d = xasprintf("memo %lld on %s", mid, a.pos[0]);
		rc = store_audit(ctx->store, "memo add", d, &ctx->err);
		free(d);
		if (rc == 0)
			fprintf(ctx->out, ctx->json ? "{\"memo\": %lld}\n" :
				"added memo %lld\n", mid);
	}
out:
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

int cmd_memo_list(struct qc_ctx *ctx, int argc, char **argv)
{
	struct qc_args a;
	const char *kind = NULL;
	long long id = 0;
	sqlite3_stmt *st;
	int rc = 0, rows = 0;

	if (cli_args(ctx, argc, argv, NULL, NULL, &a) < 0)
		return QC_EUSAGE;
	if (a.npos && (rc = memo_target(ctx, a.pos[0], &kind, &id)) < 0)
		goto out;
	st = store_prepare(ctx->store,
		"SELECT m.id, m.target, CASE m.target WHEN 'project' THEN 'project'"
		" WHEN 'source' THEN 'S' || m.target_id"
		" WHEN 'segment' THEN (SELECT 'S' || source_id || ':' || ordinal"
		"  FROM segments WHERE id = m.target_id)"
		" WHEN 'code' THEN (SELECT short_id FROM codes WHERE id = m.target_id)"
		" ELSE '#' || m.target_id END, u.name, m.updated_at, m.text"
		" FROM memos m JOIN coders u ON u.id = m.author_id"
		" WHERE ?1 IS NULL OR (m.target = ?1 AND m.target_id IS ?2)"
		" ORDER BY m.id", &ctx->err);
	if (!st) {
		rc = -QC_EIO;
		goto out;
	}
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	if (kind && strcmp(kind, "project"))
		sqlite3_bind_int64(st, 2, id);
	else
		sqlite3_bind_null(st, 2);
	if (ctx->json)
		fputs("[", ctx->out);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (ctx->json) {
			fprintf(ctx->out, "%s{\"id\": %lld, \"target\": ",
				rows ? ", " : "", sqlite3_column_int64(st, 0));
			out_json_print(ctx->out, col(st, 2));
			fputs(", \"author\": ", ctx->out);
			out_json_print(ctx->out, col(st, 3));
			fputs(", \"updated\": ", ctx->out);
			out_json_print(ctx->out, col(st, 4));
			fputs(", \"text\": ", ctx->out);
			out_json_print(ctx->out, col(st, 5));
			fputs("}", ctx->out);
		} else {
			struct qc_buf v = QC_BUF_INIT;
			fprintf(ctx->out, "%s#%lld  %s  by %s, %s\n    ", rows ? "\n" : "",
				sqlite3_column_int64(st, 0), col(st, 2),
				out_text(&v, col(st, 3)), col(st, 4));
			for (const char *p = out_text(&v, col(st, 5)); *p; p++) {
				fputc(*p, ctx->out);
				if (*p == '\n')
					fputs("    ", ctx->out);
			}
			fputc('\n', ctx->out);
			qc_buf_release(&v);
		}
		rows++;
	}
	sqlite3_finalize(st);
	if (ctx->json)
		fputs("]\n", ctx->out);
	else if (!rows)
		fputs("no memos\n", ctx->out);
out:
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

static long long memo_id(struct qc_ctx *ctx, const char *t)
{
	char *end;
	long long id = strtoll(t + (t[0] == '#'), &end, 10);
	sqlite3_stmt *st;
	int found = 0;

	if (*end || id <= 0) {
		qc_err_set(&ctx->err, QC_EUSAGE, "'%s' is not a memo number", t);
		return -1;
	}
	st = store_prepare(ctx->store, "SELECT 1 FROM memos WHERE id = ?",
			   &ctx->err);
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		found = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	if (!found) {
		qc_err_set(&ctx->err, QC_EDATA, "no memo %s (see 'qcode memo"
			   " list')", t);
		return -1;
	}
	return id;
}

int cmd_memo_rm(struct qc_ctx *ctx, int argc, char **argv)
{
	struct qc_args a;
	long long id;
	sqlite3_stmt *st;
	int rc;

	if (cli_args(ctx, argc, argv, NULL, NULL, &a) < 0)
		return QC_EUSAGE;
	if ((id = memo_id(ctx, a.pos[0])) < 0) {
		args_release(&a);
		return ctx->err.code;
	}
	st = store_prepare(ctx->store, "DELETE FROM memos WHERE id = ?", &ctx->err);
	if (!st) {
		args_release(&a);
		return QC_EIO;
	}
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(ctx->store, &ctx->err, "memo rm");
	sqlite3_finalize(st);
	if (rc == 0) {
		char *d = xasprintf("memo %lld", id);
		rc = store_audit(ctx->store, "memo rm", d, &ctx->err);
		free(d);
	}
	if (rc == 0)
		fprintf(ctx->out, "removed memo %lld\n", id);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}

int cmd_memo_edit(struct qc_ctx *ctx, int argc, char **argv)
{
	struct qc_args a;
	long long id;
	sqlite3_stmt *st;
	char *dir = NULL, *path = NULL, *text = NULL, *cmd, now[32];
	const char *editor;
	size_t len;
	FILE *f;
	int rc = 0, status;

	if (cli_args(ctx, argc, argv, NULL, NULL, &a) < 0)
		return QC_EUSAGE;
	if ((id = memo_id(ctx, a.pos[0])) < 0) {
		args_release(&a);
		return ctx->err.code;
	}
	editor = getenv("VISUAL") && *getenv("VISUAL") ? getenv("VISUAL") :
		 getenv("EDITOR") && *getenv("EDITOR") ? getenv("EDITOR") : "vi";
	/* the memo may hold personal data: edit it beside the project, in a
	 * file only its owner can read, and remove it afterwards */
	{
		const char *slash = strrchr(ctx->store->path, '/');
		dir = slash ? xstrndup(ctx->store->path,
				       (size_t)(slash - ctx->store->path)) :
		      xstrdup(".");
	}
	{
		/* named for this run: removed by a later one if this one is
		 * killed while the editor runs */
		char *memo = xasprintf("%s/memo", dir);
		int fd = outfile_temp(memo, &path, &ctx->err);
		free(memo);
		if (fd < 0) {
			rc = fd;
			goto out;
		}
		f = fdopen(fd, "w");
	}
	st = store_prepare(ctx->store, "SELECT text FROM memos WHERE id = ?",
			   &ctx->err);
	if (!st || !f) {
		if (f)
			fclose(f);
		rc = -QC_EIO;
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		fputs(col(st, 0), f);
	sqlite3_finalize(st);
	fclose(f);
	cmd = xasprintf("%s '%s'", editor, path);
	status = system(cmd);
	free(cmd);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		rc = qc_err_set(&ctx->err, QC_EIO, "the editor '%s' failed; the"
				" memo is unchanged", editor);
		goto out;
	}
	if ((rc = qc_read_file(path, 16u << 20, &text, &len, &ctx->err)) < 0)
		goto out;
	while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
		text[--len] = '\0';
	if (!len) {
		rc = qc_err_set(&ctx->err, QC_EDATA, "the memo is empty; it is"
				" unchanged (use 'memo rm' to remove it)");
		goto out;
	}
	store_now(now);
	st = store_prepare(ctx->store, "UPDATE memos SET text = ?, updated_at = ?"
			   " WHERE id = ?", &ctx->err);
	if (!st) {
		rc = -QC_EIO;
		goto out;
	}
	sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, id);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(ctx->store, &ctx->err, "memo edit");
	sqlite3_finalize(st);
	if (rc == 0) {
		char *d = xasprintf("memo %lld", id);
		rc = store_audit(ctx->store, "memo edit", d, &ctx->err);
		free(d);
	}
	if (rc == 0)
		fprintf(ctx->out, "updated memo %lld\n", id);
out:
	if (path)
		unlink(path);
	free(path);
	free(dir);
	free(text);
	args_release(&a);
	return rc < 0 ? -rc : QC_OK;
}
