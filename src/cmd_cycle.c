/* cmd_cycle: meeting, review, action, decision and lesson commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_cycle.h"
#include "qcode/cycle.h"
#include "qcode/out.h"

/* "added meeting M3", or {"meeting": "M3"} with --json. */
static void say(struct qc_ctx *ctx, const char *verb, const char *what,
		char prefix, long long id)
{
	char ref[32];

	snprintf(ref, sizeof(ref), "%c%lld", prefix, id);
	if (ctx->json)
		out_json_result(ctx->out, what, ref, NULL, NULL, 0);
	else
		fprintf(ctx->out, "%s %s %s\n", verb, what, ref);
}

/* ---- meetings ---- */

static void meeting_in(const struct qc_args *a, struct cycle_meeting_in *m)
{
	m->date = args_get(a, "--date");
	m->title = args_get(a, "--title");
	m->attendees = args_get(a, "--attendees");
	m->themes = args_get(a, "--themes");
}

int cmd_meeting_add(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct cycle_meeting_in m;
	long long id;
	int rc;

	meeting_in(a, &m);
	m.date = a->pos[0];
	if (!m.title)
		return cli_usage(ctx, ctx->cmd->name);
	if ((rc = cycle_meeting_add(ctx->store, &m, &id, &ctx->err)) < 0)
		return rc;
	say(ctx, "added", "meeting", 'M', id);
	return 0;
}

int cmd_meeting_set(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct cycle_meeting_in m;
	long long id;
	int rc;

	meeting_in(a, &m);
	if ((rc = cycle_meeting_set(ctx->store, a->pos[0], &m, &id,
				    &ctx->err)) < 0)
		return rc;
	say(ctx, "updated", "meeting", 'M', id);
	return 0;
}

int cmd_meeting_rm(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long id;
	int rc;

	if ((rc = cycle_meeting_remove(ctx->store, a->pos[0],
				       args_has(a, "--force"), &id,
				       &ctx->err)) < 0)
		return rc;
	say(ctx, "removed", "meeting", 'M', id);
	return 0;
}

int cmd_meeting_list(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col cols[] = {
		{ "meeting", NULL, OUT_TEXT, 0 }, { "date", NULL, OUT_TEXT, 0 },
		{ "title", NULL, OUT_TEXT, 0 },
		{ "attendees", NULL, OUT_INT, 0 },
		{ "themes", NULL, OUT_TEXT, 0 }, { "notes", NULL, OUT_INT, 0 },
		{ "decisions", NULL, OUT_INT, 0 },
		{ "actions", NULL, OUT_INT, 0 } };
	struct cycle_meetings ms;
	struct out_rows t;
	int rc;

	if ((rc = cycle_meeting_list(ctx->store, NULL, &ms, &ctx->err)) < 0)
		return rc;
	out_rows_init(&t, cols, 8);
	t.empty = "no meetings\n";
	for (size_t i = 0; i < ms.n; i++) {
		const struct cycle_meeting *m = &ms.v[i];
		out_rows_textf(&t, "M%lld", m->id);
		out_rows_text(&t, m->date);
		out_rows_text(&t, m->title);
		out_rows_int(&t, m->attendees);
		out_rows_str(&t, m->themes);
		out_rows_int(&t, m->notes + m->priorities);
		out_rows_int(&t, m->decisions);
		out_rows_int(&t, m->actions);
	}
	out_rows_print(&t, ctx->out, args_format(ctx, a));
	out_rows_release(&t);
	cycle_meetings_release(&ms);
	return 0;
}

/* The notes and priorities of one meeting as nested rows. */
static void review_rows(const struct cycle_reviews *rv, struct out_rows *t)
{
	static const struct out_col cols[] = {
		{ "theme", NULL, OUT_TEXT, 0 }, { "note", NULL, OUT_TEXT, 0 },
		{ "priority", NULL, OUT_INT, OUT_OMITNULL },
		{ "by", NULL, OUT_TEXT, OUT_OMITNULL } };

	out_rows_init(t, cols, 4);
	for (size_t i = 0; i < rv->n; i++) {
		out_rows_text(t, rv->v[i].theme);
		out_rows_text(t, rv->v[i].text);
		if (rv->v[i].priority)
			out_rows_int(t, rv->v[i].priority);
		else
			out_rows_text(t, NULL);
		out_rows_text(t, rv->v[i].by);
	}
}

static void note_rows(const struct cycle_notes *n, char prefix,
		      struct out_rows *t)
{
	static const struct out_col cols[] = {
		{ "id", NULL, OUT_TEXT, 0 }, { "theme", NULL, OUT_TEXT, 0 },
		{ "text", NULL, OUT_TEXT, 0 }, { "evidence", NULL, OUT_TEXT, 0 } };

	out_rows_init(t, cols, 4);
	for (size_t i = 0; i < n->n; i++) {
		out_rows_textf(t, "%c%lld", prefix, n->v[i].id);
		out_rows_text(t, n->v[i].theme);
		out_rows_text(t, n->v[i].text);
		out_rows_text(t, n->v[i].evidence);
	}
}

int cmd_meeting_show(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct cycle_meetings ms;
	struct cycle_reviews rv;
	struct cycle_notes dn;
	const struct cycle_meeting *m;
	int rc;

	if ((rc = cycle_meeting_list(ctx->store, a->pos[0], &ms, &ctx->err)) < 0)
		return rc;
	if ((rc = cycle_review_list(ctx->store, a->pos[0], NULL, &rv,
				    &ctx->err)) < 0) {
		cycle_meetings_release(&ms);
		return rc;
	}
	if ((rc = cycle_decision_list(ctx->store, a->pos[0], &dn,
				      &ctx->err)) < 0) {
		cycle_meetings_release(&ms);
		cycle_reviews_release(&rv);
		return rc;
	}
	if (!ms.n) {	/* gone since it was found */
		cycle_meetings_release(&ms);
		cycle_reviews_release(&rv);
		cycle_notes_release(&dn);
		return qc_err_set(&ctx->err, QC_EDATA, "no meeting %s",
				  a->pos[0]);
	}
	m = &ms.v[0];
	if (ctx->json) {
		static const struct out_col cols[] = {
			{ "meeting", NULL, OUT_TEXT, 0 },
			{ "guid", NULL, OUT_TEXT, 0 },
			{ "date", NULL, OUT_TEXT, 0 },
			{ "title", NULL, OUT_TEXT, 0 },
			{ "attendees", NULL, OUT_TEXT, 0 },
			{ "themes", NULL, OUT_TEXT, 0 },
			{ "sources", NULL, OUT_TEXT, 0 },
			{ "actions_started", NULL, OUT_INT, 0 },
			{ "evaluations", NULL, OUT_INT, 0 },
			{ "review", NULL, OUT_ROWS, 0 },
			{ "decisions", NULL, OUT_ROWS, 0 } };
		struct out_rows t, r1, r2;
		review_rows(&rv, &r1);
		note_rows(&dn, 'D', &r2);
		out_rows_record(&t, cols, 11);
		out_rows_textf(&t, "M%lld", m->id);
		out_rows_text(&t, m->guid);
		out_rows_text(&t, m->date);
		out_rows_text(&t, m->title);
		out_rows_text(&t, m->roles);
		out_rows_text(&t, m->themes);
		out_rows_text(&t, m->sources);
		out_rows_int(&t, m->actions);
		out_rows_int(&t, m->evaluations);
		out_rows_sub(&t, &r1);
		out_rows_sub(&t, &r2);
		out_rows_print(&t, ctx->out, OUT_FMT_JSON);
		out_rows_release(&t);
		out_rows_release(&r1);
		out_rows_release(&r2);
	} else {
		struct qc_buf v = QC_BUF_INIT;
		FILE *f = ctx->out;
		fprintf(f, "M%lld  %s  %s\n", m->id, m->date,
			out_text(&v, m->title));
		fprintf(f, "  attendees: %s\n", m->roles ? m->roles : "-");
		fprintf(f, "  themes: %s\n", m->themes ? m->themes : "-");
		if (m->sources)
			fprintf(f, "  sources: %s\n", m->sources);
		fprintf(f, "  actions started: %lld, evaluations: %lld\n",
			m->actions, m->evaluations);
		for (size_t i = 0; i < rv.n; i++) {
			const struct cycle_review *r = &rv.v[i];
			if (r->priority)
				fprintf(f, "  priority %s: %d%s%s\n", r->theme,
					r->priority, r->by ? " by " : "",
					r->by ? out_text(&v, r->by) : "");
			else
				fprintf(f, "  note on %s: %s\n", r->theme,
					out_text(&v, r->text));
		}
		for (size_t i = 0; i < dn.n; i++)
			fprintf(f, "  decision D%lld%s%s: %s\n", dn.v[i].id,
				dn.v[i].theme ? " on " : "",
				dn.v[i].theme ? dn.v[i].theme : "",
				out_text(&v, dn.v[i].text));
		qc_buf_release(&v);
	}
	cycle_meetings_release(&ms);
	cycle_reviews_release(&rv);
	cycle_notes_release(&dn);
	return 0;
}

/* ---- review ---- */

int cmd_review_note(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long id;
	int rc;

	if ((rc = cycle_review_note(ctx->store, a->pos[0], a->pos[1], a->pos[2],
				    &id, &ctx->err)) < 0)
		return rc;
	if (ctx->json)
		out_json_result(ctx->out, NULL, NULL,
				(const char *const[]){ "review" }, &id, 1);
	else
		fprintf(ctx->out, "noted on '%s' at %s\n", a->pos[1], a->pos[0]);
	return 0;
}

int cmd_review_priority(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long id;
	int rc;

	if ((rc = cycle_review_priority(ctx->store, a->pos[0], a->pos[1],
					a->pos[2], args_get(a, "--by"), &id,
					&ctx->err)) < 0)
		return rc;
	if (ctx->json)
		out_json_result(ctx->out, NULL, NULL,
				(const char *const[]){ "review" }, &id, 1);
	else
		fprintf(ctx->out, "priority %s on '%s' at %s\n", a->pos[2],
			a->pos[1], a->pos[0]);
	return 0;
}

int cmd_review_list(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col cols[] = {
		{ "meeting", NULL, OUT_TEXT, 0 }, { "date", NULL, OUT_TEXT, 0 },
		{ "theme", NULL, OUT_TEXT, 0 },
		{ "priority", NULL, OUT_INT, 0 }, { "by", NULL, OUT_TEXT, 0 },
		{ "note", NULL, OUT_TEXT, 0 } };
	struct cycle_reviews rv;
	struct out_rows t;
	int rc;

	if ((rc = cycle_review_list(ctx->store, args_get(a, "--meeting"),
				    args_get(a, "--theme"), &rv, &ctx->err)) < 0)
		return rc;
	out_rows_init(&t, cols, 6);
	t.empty = "no notes or priorities\n";
	for (size_t i = 0; i < rv.n; i++) {
		const struct cycle_review *r = &rv.v[i];
		out_rows_textf(&t, "M%lld", r->meeting);
		out_rows_text(&t, r->date);
		out_rows_text(&t, r->theme);
		if (r->priority)
			out_rows_int(&t, r->priority);
		else
			out_rows_text(&t, NULL);
		out_rows_text(&t, r->by);
		out_rows_text(&t, r->text);
	}
	out_rows_print(&t, ctx->out, args_format(ctx, a));
	out_rows_release(&t);
	cycle_reviews_release(&rv);
	return 0;
}

/* ---- actions ---- */

int cmd_action_add(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct cycle_action_in in;
	long long id;
	int rc;

	memset(&in, 0, sizeof(in));
	in.text = a->pos[0];
	in.theme = args_get(a, "--theme");
	if (!in.theme)
		return cli_usage(ctx, ctx->cmd->name);
	in.codes = args_all(a, "--code", &in.ncodes);
	in.meeting = args_get(a, "--meeting");
	in.owner = args_get(a, "--owner");
	in.date = args_get(a, "--date");
	rc = cycle_action_add(ctx->store, &in, &id, &ctx->err);
	free((void *)in.codes);
	if (rc < 0)
		return rc;
	say(ctx, "added", "action", 'A', id);
	return 0;
}

int cmd_action_set(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct cycle_action_change c;
	long long id;
	int rc;

	c.status = args_get(a, "--status");
	c.text = args_get(a, "--text");
	c.theme = args_get(a, "--theme");
	c.owner = args_get(a, "--owner");
	c.meeting = args_get(a, "--meeting");
	c.date = args_get(a, "--date");
	c.force = args_has(a, "--force");
	if ((rc = cycle_action_set(ctx->store, a->pos[0], &c, &id,
				   &ctx->err)) < 0)
		return rc;
	say(ctx, "updated", "action", 'A', id);
	return 0;
}

int cmd_action_evaluate(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct cycle_evaluation_in v;
	long long id;
	int rc;

	v.meeting = args_get(a, "--meeting");
	if (!v.meeting)
		return cli_usage(ctx, ctx->cmd->name);
	v.text = a->pos[1];
	v.evidence = (char *const *)args_all(a, "--evidence", &v.nevidence);
	v.force = args_has(a, "--force");
	rc = cycle_action_evaluate(ctx->store, a->pos[0], &v, &id, &ctx->err);
	free((void *)v.evidence);
	if (rc < 0)
		return rc;
	if (ctx->json)
		out_json_result(ctx->out, "action", a->pos[0],
				(const char *const[]){ "evaluation", "evidence" },
				(long long[]){ id, v.nevidence }, 2);
	else
		fprintf(ctx->out, "evaluated %s at %s (%d fragments)\n",
			a->pos[0], v.meeting, v.nevidence);
	return 0;
}

int cmd_action_rm(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long id;
	int rc;

	if ((rc = cycle_action_remove(ctx->store, a->pos[0], &id,
				      &ctx->err)) < 0)
		return rc;
	say(ctx, "removed", "action", 'A', id);
	return 0;
}

int cmd_action_list(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col cols[] = {
		{ "action", NULL, OUT_TEXT, 0 }, { "status", NULL, OUT_TEXT, 0 },
		{ "since", NULL, OUT_TEXT, 0 }, { "theme", NULL, OUT_TEXT, 0 },
		{ "owner", NULL, OUT_TEXT, 0 }, { "text", NULL, OUT_TEXT, 0 },
		{ "evaluations", NULL, OUT_INT, 0 } };
	struct cycle_actions l;
	struct out_rows t;
	int rc;

	if ((rc = cycle_action_list(ctx->store, args_get(a, "--status"),
				    args_get(a, "--theme"), NULL, &l,
				    &ctx->err)) < 0)
		return rc;
	out_rows_init(&t, cols, 7);
	t.empty = "no actions\n";
	for (size_t i = 0; i < l.n; i++) {
		const struct cycle_action *x = &l.v[i];
		out_rows_textf(&t, "A%lld", x->id);
		out_rows_text(&t, x->status);
		out_rows_text(&t, x->since);
		out_rows_text(&t, x->theme);
		out_rows_text(&t, x->owner);
		out_rows_text(&t, x->text);
		out_rows_int(&t, x->evaluations);
	}
	out_rows_print(&t, ctx->out, args_format(ctx, a));
	out_rows_release(&t);
	cycle_actions_release(&l);
	return 0;
}

int cmd_action_show(struct qc_ctx *ctx, const struct qc_args *a)
{
	static const struct out_col hcols[] = {
		{ "date", NULL, OUT_TEXT, 0 }, { "what", NULL, OUT_TEXT, 0 },
		{ "meeting", NULL, OUT_TEXT, OUT_OMITNULL },
		{ "text", NULL, OUT_TEXT, OUT_OMITNULL },
		{ "evidence", NULL, OUT_TEXT, OUT_OMITNULL },
		{ "forced", NULL, OUT_BOOL, 0 } };
	struct cycle_actions l;
	struct cycle_events h;
	const struct cycle_action *x;
	int rc;

	if ((rc = cycle_action_list(ctx->store, NULL, NULL, a->pos[0], &l,
				    &ctx->err)) < 0)
		return rc;
	if (!l.n) {
		cycle_actions_release(&l);
		return qc_err_set(&ctx->err, QC_EDATA, "no action %s", a->pos[0]);
	}
	x = &l.v[0];
	if ((rc = cycle_action_history(ctx->store, x->id, &h, &ctx->err)) < 0) {
		cycle_actions_release(&l);
		return rc;
	}
	if (ctx->json) {
		static const struct out_col cols[] = {
			{ "action", NULL, OUT_TEXT, 0 },
			{ "guid", NULL, OUT_TEXT, 0 },
			{ "text", NULL, OUT_TEXT, 0 },
			{ "theme", NULL, OUT_TEXT, 0 },
			{ "codes", NULL, OUT_TEXT, 0 },
			{ "owner", NULL, OUT_TEXT, 0 },
			{ "meeting", NULL, OUT_TEXT, 0 },
			{ "status", NULL, OUT_TEXT, 0 },
			{ "history", NULL, OUT_ROWS, 0 } };
		struct out_rows t, hr;
		out_rows_init(&hr, hcols, 6);
		for (size_t i = 0; i < h.n; i++) {
			out_rows_text(&hr, h.v[i].date);
			out_rows_text(&hr, h.v[i].what);
			out_rows_text(&hr, h.v[i].meeting);
			out_rows_text(&hr, h.v[i].text);
			out_rows_text(&hr, h.v[i].evidence);
			out_rows_bool(&hr, h.v[i].forced);
		}
		out_rows_record(&t, cols, 9);
		out_rows_textf(&t, "A%lld", x->id);
		out_rows_text(&t, x->guid);
		out_rows_text(&t, x->text);
		out_rows_text(&t, x->theme);
		out_rows_text(&t, x->codes);
		out_rows_text(&t, x->owner);
		out_rows_text(&t, x->meeting);
		out_rows_text(&t, x->status);
		out_rows_sub(&t, &hr);
		out_rows_print(&t, ctx->out, OUT_FMT_JSON);
		out_rows_release(&t);
		out_rows_release(&hr);
	} else {
		struct qc_buf v = QC_BUF_INIT;
		FILE *f = ctx->out;
		fprintf(f, "A%lld  %s\n", x->id, out_text(&v, x->text));
		fprintf(f, "  theme: %s%s%s\n", x->theme, x->codes ? "; codes: " : "",
			x->codes ? x->codes : "");
		if (x->owner)
			fprintf(f, "  owner: %s\n", out_text(&v, x->owner));
		if (x->meeting)
			fprintf(f, "  thought up at: %s\n", x->meeting);
		fprintf(f, "  status: %s since %s\n", x->status, x->since);
		for (size_t i = 0; i < h.n; i++) {
			const struct cycle_event *ev = &h.v[i];
			fprintf(f, "  %s  %s%s%s%s", ev->date, ev->what,
				ev->meeting ? " at " : "",
				ev->meeting ? ev->meeting : "",
				ev->forced ? " (forced)" : "");
			if (ev->text)
				fprintf(f, ": %s", out_text(&v, ev->text));
			if (ev->evidence)
				fprintf(f, " [%s]", ev->evidence);
			fputc('\n', f);
		}
		qc_buf_release(&v);
	}
	cycle_events_release(&h);
	cycle_actions_release(&l);
	return 0;
}

/* ---- decisions and lessons ---- */

int cmd_decision_add(struct qc_ctx *ctx, const struct qc_args *a)
{
	int n;
	const char **ev = args_all(a, "--evidence", &n);
	long long id;
	int rc = cycle_decision_add(ctx->store, a->pos[0], a->pos[1],
				    args_get(a, "--theme"), (char *const *)ev, n,
				    &id, &ctx->err);

	free((void *)ev);
	if (rc < 0)
		return rc;
	say(ctx, "added", "decision", 'D', id);
	return 0;
}

int cmd_lesson_add(struct qc_ctx *ctx, const struct qc_args *a)
{
	int n;
	const char **ev;
	long long id;
	int rc;

	if (!args_has(a, "--process") && !args_get(a, "--theme"))
		return cli_usage(ctx, ctx->cmd->name);
	if (args_has(a, "--process") && args_get(a, "--theme"))
		return qc_err_set(&ctx->err, QC_EUSAGE, "a lesson is about the"
				  " process or about a theme, not both");
	ev = args_all(a, "--evidence", &n);
	rc = cycle_lesson_add(ctx->store, a->pos[0], args_has(a, "--process"),
			      args_get(a, "--theme"), args_get(a, "--meeting"),
			      (char *const *)ev, n, &id, &ctx->err);
	free((void *)ev);
	if (rc < 0)
		return rc;
	say(ctx, "added", "lesson", 'L', id);
	return 0;
}

static int notes_print(struct qc_ctx *ctx, const struct qc_args *a,
		       const struct cycle_notes *n, char prefix,
		       const char *empty)
{
	static const struct out_col cols[] = {
		{ "id", NULL, OUT_TEXT, 0 }, { "meeting", NULL, OUT_TEXT, 0 },
		{ "date", NULL, OUT_TEXT, 0 }, { "about", NULL, OUT_TEXT, 0 },
		{ "text", NULL, OUT_TEXT, 0 }, { "evidence", NULL, OUT_TEXT, 0 } };
	struct out_rows t;

	out_rows_init(&t, cols, 6);
	t.empty = empty;
	for (size_t i = 0; i < n->n; i++) {
		const struct cycle_note *x = &n->v[i];
		out_rows_textf(&t, "%c%lld", prefix, x->id);
		if (x->meeting)
			out_rows_textf(&t, "M%lld", x->meeting);
		else
			out_rows_text(&t, NULL);
		out_rows_text(&t, x->date);
		out_rows_text(&t, x->process ? "process" : x->theme);
		out_rows_text(&t, x->text);
		out_rows_text(&t, x->evidence);
	}
	out_rows_print(&t, ctx->out, args_format(ctx, a));
	out_rows_release(&t);
	return 0;
}

int cmd_decision_list(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct cycle_notes n;
	int rc;

	if ((rc = cycle_decision_list(ctx->store, args_get(a, "--meeting"), &n,
				      &ctx->err)) < 0)
		return rc;
	rc = notes_print(ctx, a, &n, 'D', "no decisions\n");
	cycle_notes_release(&n);
	return rc;
}

int cmd_lesson_list(struct qc_ctx *ctx, const struct qc_args *a)
{
	struct cycle_notes n;
	int rc;

	if ((rc = cycle_lesson_list(ctx->store, &n, &ctx->err)) < 0)
		return rc;
	rc = notes_print(ctx, a, &n, 'L', "no lessons\n");
	cycle_notes_release(&n);
	return rc;
}

int cmd_decision_rm(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long id;
	int rc;

	if ((rc = cycle_decision_remove(ctx->store, a->pos[0], &id,
					&ctx->err)) < 0)
		return rc;
	say(ctx, "removed", "decision", 'D', id);
	return 0;
}

int cmd_lesson_rm(struct qc_ctx *ctx, const struct qc_args *a)
{
	long long id;
	int rc;

	if ((rc = cycle_lesson_remove(ctx->store, a->pos[0], &id,
				      &ctx->err)) < 0)
		return rc;
	say(ctx, "removed", "lesson", 'L', id);
	return 0;
}
