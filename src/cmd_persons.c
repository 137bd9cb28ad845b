/* cmd_persons: persons, participant links and attributes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_persons.h"
#include "qcode/out.h"
#include "qcode/persons.h"

/* ---- participant link / unlink ---- */

int cmd_participant_link(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long person;
	int merged, rc;

	rc = persons_link(ctx->store, a->pos, a->npos, &person, &merged,
			  &ctx->err);
	if (rc < 0)
		return rc;
	if (ctx->json)
		out_json_result(ctx->out, NULL, NULL, (const char *const[]){
				"person", "linked" }, (long long[]){ person,
				merged }, 2);
	else
		fprintf(ctx->out, "P%lld: %d participant%s linked\n", person,
			a->npos / 2, a->npos / 2 == 1 ? "" : "s");
	return 0;
}

int cmd_participant_unlink(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long person;
	int rc = persons_unlink(ctx->store, a->pos[0], a->pos[1], &person,
				&ctx->err);

	if (rc < 0)
		return rc;
	if (ctx->json)
		out_json_result(ctx->out, NULL, NULL, (const char *const[]){
				"person" }, (long long[]){ person }, 1);
	else
		fprintf(ctx->out, "P%lld: a person of its own\n", person);
	return 0;
}

/* ---- persons ---- */

/* The columns asked for by --attr KEY (KEY=VALUE filters) or --attrs
 * (every declared attribute). Both arrays are the caller's to free; the
 * strings of *keys point into a or into *own. */
static int attr_options(struct qc_ctx *ctx, const struct qc_args *a,
			const char ***keys, size_t *nkeys, const char ***where,
			int *nwhere, struct persons_attrs *own)
{
	int n;
	const char **all = args_all(a, "--attr", &n);
	int rc;

	memset(own, 0, sizeof(*own));
	*keys = xcalloc((size_t)n + 1, sizeof(char *));
	*where = xcalloc((size_t)n + 1, sizeof(char *));
	*nkeys = 0;
	*nwhere = 0;
	for (int i = 0; i < n; i++)
		if (strchr(all[i], '='))
			(*where)[(*nwhere)++] = all[i];
		else
			(*keys)[(*nkeys)++] = all[i];
	free(all);
	if (args_has(a, "--attrs")) {
		if ((rc = persons_attrs_list(ctx->store, own, &ctx->err)) < 0)
			return rc;
		*keys = xreallocarray(*keys, *nkeys + own->n + 1, sizeof(char *));
		for (size_t i = 0; i < own->n; i++)
			(*keys)[(*nkeys)++] = own->v[i].name;
	}
	return 0;
}

int cmd_persons(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct persons_rows rows = { 0 };
	struct persons_attrs own;
	struct out_col *cols = NULL;
	struct out_rows t;
	const char **keys = NULL, **where = NULL;
	size_t nkeys;
	int nwhere, real = args_has(a, "--real-names"), rc, nc = 0;

	if ((rc = attr_options(ctx, a, &keys, &nkeys, &where, &nwhere,
			       &own)) < 0)
		goto out;
	if (real && (rc = store_log(ctx->store, "real-names", "persons",
				    &ctx->err)) < 0)
		goto out;
	if ((rc = persons_list(ctx->store, NULL, keys, nkeys, where, nwhere,
			       &rows, &ctx->err)) < 0)
		goto out;
	cols = xcalloc(nkeys + 8, sizeof(*cols));
	cols[nc++] = (struct out_col){ "person", NULL, OUT_TEXT, 0 };
	if (real)
		cols[nc++] = (struct out_col){ "name", NULL, OUT_TEXT, 0 };
	cols[nc++] = (struct out_col){ "pseudonym", NULL, OUT_TEXT, 0 };
	cols[nc++] = (struct out_col){ "role", NULL, OUT_TEXT, 0 };
	cols[nc++] = (struct out_col){ "sources", NULL, OUT_TEXT, 0 };
	cols[nc++] = (struct out_col){ "turns", NULL, OUT_INT, 0 };
	cols[nc++] = (struct out_col){ "words", NULL, OUT_INT, 0 };
	for (size_t k = 0; k < nkeys; k++)
		cols[nc++] = (struct out_col){ keys[k], NULL, OUT_TEXT, 0 };
	out_rows_init(&t, cols, nc);
	t.empty = "no persons\n";
	for (size_t i = 0; i < rows.n; i++) {
		const struct persons_row *r = &rows.v[i];
		struct qc_buf src = QC_BUF_INIT;

		for (size_t p = 0; p < r->nparts; p++)
			qc_buf_addf(&src, "%sS%lld", p ? "," : "",
				    r->parts[p].source);
		out_rows_textf(&t, "P%lld", r->id);
		if (real)
			out_rows_text(&t, r->name);
		out_rows_text(&t, r->pseudonym);
		out_rows_text(&t, r->role);
		out_rows_text(&t, src.buf);
		out_rows_int(&t, r->turns);
		out_rows_int(&t, r->words);
		for (size_t k = 0; k < nkeys; k++)
			out_rows_text(&t, r->values[k]);
		qc_buf_release(&src);
	}
	out_rows_print(&t, ctx->out, args_format(ctx, a));
	out_rows_release(&t);
out:
	persons_rows_release(&rows);
	persons_attrs_release(&own);
	free(cols);
	free(keys);
	free(where);
	return rc < 0 ? rc : 0;
}

int cmd_person_show(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col pcols[] = {
		{ "source", NULL, OUT_REF, 0 }, { "speaker", NULL, OUT_TEXT, 0 },
		{ "role", NULL, OUT_TEXT, 0 }, { "turns", NULL, OUT_INT, 0 },
		{ "words", NULL, OUT_INT, 0 } };
	struct persons_rows rows = { 0 };
	struct persons_attrs at = { 0 };
	struct out_col *cols = NULL;
	struct out_rows t, parts;
	const char **keys = NULL;
	int real = args_has(a, "--real-names"), rc, nc = 0;
	enum out_format fmt = args_format(ctx, a);
	const struct persons_row *r;

	if ((rc = persons_attrs_list(ctx->store, &at, &ctx->err)) < 0)
		goto out;
	keys = xcalloc(at.n + 1, sizeof(char *));
	for (size_t i = 0; i < at.n; i++)
		keys[i] = at.v[i].name;
	if (real && (rc = store_log(ctx->store, "real-names", "person show",
				    &ctx->err)) < 0)
		goto out;
	if ((rc = persons_list(ctx->store, a->pos[0], keys, at.n, NULL, 0,
			       &rows, &ctx->err)) < 0)
		goto out;
	r = &rows.v[0];
	cols = xcalloc(at.n + 8, sizeof(*cols));
	cols[nc++] = (struct out_col){ "person", NULL, OUT_TEXT, 0 };
	if (real)
		cols[nc++] = (struct out_col){ "name", NULL, OUT_TEXT, 0 };
	cols[nc++] = (struct out_col){ "pseudonym", NULL, OUT_TEXT, 0 };
	cols[nc++] = (struct out_col){ "role", NULL, OUT_TEXT, 0 };
	cols[nc++] = (struct out_col){ "turns", NULL, OUT_INT, 0 };
	cols[nc++] = (struct out_col){ "words", NULL, OUT_INT, 0 };
	for (size_t k = 0; k < at.n; k++)
		cols[nc++] = (struct out_col){ keys[k], NULL, OUT_TEXT,
					       OUT_OMITNULL };
	cols[nc++] = (struct out_col){ "participants", NULL, OUT_ROWS,
				       OUT_NOTABLE };
	out_rows_init(&parts, pcols, 5);
	for (size_t p = 0; p < r->nparts; p++) {
		out_rows_ref(&parts, r->parts[p].source, -1);
		out_rows_text(&parts, real || !*r->pseudonym ? r->parts[p].label :
			      r->pseudonym);
		out_rows_text(&parts, r->parts[p].role);
		out_rows_int(&parts, r->parts[p].turns);
		out_rows_int(&parts, r->parts[p].words);
	}
	out_rows_record(&t, cols, nc);
	out_rows_textf(&t, "P%lld", r->id);
	if (real)
		out_rows_text(&t, r->name);
	out_rows_text(&t, r->pseudonym);
	out_rows_text(&t, r->role);
	out_rows_int(&t, r->turns);
	out_rows_int(&t, r->words);
	for (size_t k = 0; k < at.n; k++)
		out_rows_text(&t, r->values[k]);
	out_rows_sub(&t, &parts);
	out_rows_print(&t, ctx->out, fmt);
	if (fmt == OUT_FMT_TABLE) {
		fputc('\n', ctx->out);
		out_rows_print(&parts, ctx->out, fmt);
	}
	out_rows_release(&t);
	out_rows_release(&parts);
out:
	persons_rows_release(&rows);
	persons_attrs_release(&at);
	free(cols);
	free(keys);
	return rc < 0 ? rc : 0;
}

int cmd_person_set(struct qc_ctx *ctx, const struct qc_args *a)
{
	int n, rc;
	const char **attrs = args_all(a, "--attr", &n);
	long long id;

	rc = persons_set(ctx->store, a->pos[0], args_get(a, "--pseudonym"),
			 args_get(a, "--name"), attrs, n, &id, &ctx->err);
	free(attrs);
	if (rc < 0)
		return rc;
	if (ctx->json)
		out_json_result(ctx->out, NULL, NULL, (const char *const[]){
				"person" }, (long long[]){ id }, 1);
	else
		fprintf(ctx->out, "updated P%lld\n", id);
	return 0;
}

/* ---- attributes ---- */

int cmd_attribute_add(struct qc_ctx *ctx, const struct qc_args *a)
{
	int rc = persons_attr_declare(ctx->store, a->pos[0],
				      args_get(a, "--type"),
				      args_get(a, "--values"), 1, &ctx->err);

	if (rc < 0)
		return rc;
	if (ctx->json)
		out_json_result(ctx->out, "attribute", a->pos[0], NULL, NULL, 0);
	else
		fprintf(ctx->out, "declared %s (%s)\n", a->pos[0],
			args_get(a, "--type"));
	return 0;
}

int cmd_attribute_rm(struct qc_ctx *ctx, const struct qc_args *a)
{
	int rc = persons_attr_remove(ctx->store, a->pos[0], &ctx->err);

	if (rc < 0)
		return rc;
	if (ctx->json)
		out_json_result(ctx->out, "removed", a->pos[0], NULL, NULL, 0);
	else
		fprintf(ctx->out, "removed %s and its values\n", a->pos[0]);
	return 0;
}

int cmd_attributes(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col cols[] = {
		{ "attribute", NULL, OUT_TEXT, 0 }, { "type", NULL, OUT_TEXT, 0 },
		{ "values", NULL, OUT_TEXT, 0 }, { "persons", NULL, OUT_INT, 0 },
		{ "sources", NULL, OUT_INT, 0 } };
	struct persons_attrs at;
	struct out_rows t;
	int rc = persons_attrs_list(ctx->store, &at, &ctx->err);

	if (rc < 0)
		return rc;
	out_rows_init(&t, cols, 5);
	t.empty = "no attributes declared\n";
	for (size_t i = 0; i < at.n; i++) {
		out_rows_text(&t, at.v[i].name);
		out_rows_text(&t, at.v[i].type);
		out_rows_text(&t, at.v[i].choices);
		out_rows_int(&t, at.v[i].persons);
		out_rows_int(&t, at.v[i].sources);
	}
	out_rows_print(&t, ctx->out, args_format(ctx, a));
	out_rows_release(&t);
	persons_attrs_release(&at);
	return 0;
}

int cmd_attribute_import(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long rows, values, declared;
	int rc = persons_import_csv(ctx->store, a->pos[0], &rows, &values,
				    &declared, &ctx->err);

	if (rc < 0)
		return rc;
	if (ctx->json)
		out_json_result(ctx->out, NULL, NULL, (const char *const[]){
				"rows", "values", "declared" }, (long long[]){
				rows, values, declared }, 3);
	else
		fprintf(ctx->out, "%lld rows, %lld values; %lld attributes"
			" declared as text\n", rows, values, declared);
	return 0;
}
