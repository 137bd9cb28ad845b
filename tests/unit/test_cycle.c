/* Unit tests: cycle (meetings, actions and their steps, --since, the
 * upgrade of a schema-2 project) and the REPL's completion of M/A ids. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcode/cli.h"
#include "qcode/cycle.h"
#include "qcode/repl.h"
#include "qcode/store.h"
#include "unit.h"

static struct store *project(const char *path)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;

	unlink(path);
	setenv("QCODE_NOW", "2026-06-01T10:00:00Z", 1);
	if (store_create(path, "T", "nl", &s, &e) < 0)
		return NULL;
	store_exec(s, "INSERT INTO codes(guid, short_id, name) VALUES"
		   " ('G1', 'stigma', 'Stigma'), ('G2', 'relaties', 'Relaties')",
		   &e);
	qc_err_release(&e);
	return s;
}

TEST(a_schema_2_project_gains_the_cycle)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = project("v2.db");
	long long id;

	CHECK(s != NULL);
	/* a project as schema 2 left it: no tables of the cycle */
	CHECK(store_exec(s, "DROP TABLE evidence; DROP TABLE lessons;"
		" DROP TABLE decisions; DROP TABLE evaluations;"
		" DROP TABLE action_status; DROP TABLE action_codes;"
		" DROP TABLE actions; DROP TABLE reviews; DROP TABLE meeting_sources;"
		" DROP TABLE meeting_themes; DROP TABLE meeting_roles;"
		" DROP TABLE meetings; PRAGMA user_version=2", &e) == 0);
	store_close(s);
	s = NULL;
	CHECK(store_open("v2.db", &s, &e) == 0);
	CHECK(s && store_int(s, "PRAGMA user_version", -1) ==
	      store_schema_version());
	/* the codes are still there, and a meeting can be added */
	CHECK(s && store_int(s, "SELECT count(*) FROM codes", -1) == 2);
	struct cycle_meeting_in m = { "2026-01-10", "Eerste", "ouder=3", "stigma" };
	CHECK(s && cycle_meeting_add(s, &m, &id, &e) == 0 && id == 1);
	store_close(s);
	qc_err_release(&e);
	unlink("v2.db");
}

TEST(an_action_goes_round_the_cycle_step_by_step)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = project("c1.db");
	struct cycle_meeting_in m1 = { "2026-01-10", "Eerste", NULL, NULL };
	struct cycle_meeting_in m2 = { "2026-03-12", "Tweede", NULL, NULL };
	struct cycle_action_in a = { "Social media", "stigma", NULL, 0, "M1",
				     "JGZ", NULL };
	struct cycle_action_change c = { 0 };
	struct cycle_evaluation_in v = { "M2", "Werkt", NULL, 0, 0 };
	long long id, aid;

	CHECK(s && cycle_meeting_add(s, &m1, &id, &e) == 0);
	CHECK(s && cycle_meeting_add(s, &m2, &id, &e) == 0);
	CHECK(cycle_action_add(s, &a, &aid, &e) == 0 && aid == 1);
	/* planned -> adopted skips steps: refused, then forced and marked */
	c.status = "adopted";
	CHECK(cycle_action_set(s, "A1", &c, &id, &e) == -QC_EDATA);
	CHECK(strstr(e.msg.buf, "skips a step") != NULL);
	c.status = "trying";
	c.date = "2026-01-01";	/* before it was planned */
	CHECK(cycle_action_set(s, "A1", &c, &id, &e) == -QC_EDATA);
	c.date = "2026-07-01";	/* after today */
	CHECK(cycle_action_set(s, "A1", &c, &id, &e) == -QC_EDATA);
	CHECK(strstr(e.msg.buf, "in the future") != NULL);
	c.date = "2026-02-01";
	CHECK(cycle_action_set(s, "A1", &c, &id, &e) == 0);
	/* evaluated comes with an evaluation, on the meeting's day */
	CHECK(cycle_action_evaluate(s, "A1", &v, &id, &e) == 0);
	CHECK(store_int(s, "SELECT status = 'evaluated' AND (SELECT max(date)"
			" FROM action_status) = '2026-03-12' FROM actions", 0) == 1);
	c.status = "adopted";
	c.date = NULL;
	CHECK(cycle_action_set(s, "A1", &c, &id, &e) == 0);
	CHECK(store_int(s, "SELECT count(*) FROM action_status WHERE forced", -1)
	      == 0);
	CHECK(store_int(s, "SELECT count(*) FROM action_status", -1) == 4);
	/* nothing goes on from adopted without --force */
	c.status = "trying";
	CHECK(cycle_action_set(s, "A1", &c, &id, &e) == -QC_EDATA);
	c.force = 1;
	CHECK(cycle_action_set(s, "A1", &c, &id, &e) == 0);
	CHECK(store_int(s, "SELECT count(*) FROM action_status WHERE forced", -1)
	      == 1);
	/* unknown references are refused, bad ones are usage errors */
	CHECK(cycle_action_set(s, "A9", &c, &id, &e) == -QC_EDATA);
	CHECK(cycle_action_set(s, "X1", &c, &id, &e) == -QC_EUSAGE);
	CHECK(cycle_meeting_find(s, "M0", &id, &e) == -QC_EUSAGE);
	store_close(s);
	qc_err_release(&e);
	unlink("c1.db");
}

TEST(since_a_meeting_is_from_the_day_after)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = project("c2.db");
	struct cycle_meeting_in m = { "2026-02-28", "Eerste", NULL, NULL };
	char *since = NULL, *what = NULL;
	long long id;

	CHECK(s && cycle_meeting_add(s, &m, &id, &e) == 0);
	CHECK(cycle_since(s, "M1", &since, &what, &e) == 0);
	CHECK_STR(since, "2026-03-01");
	CHECK_STR(what, "since M1 (2026-02-28)");
	free(since);
	free(what);
	CHECK(cycle_since(s, "2026-02", &since, &what, &e) == 0);
	CHECK_STR(since, "2026-02");
	free(since);
	free(what);
	CHECK(cycle_since(s, "M7", &since, &what, &e) == -QC_EDATA);
	store_close(s);
	qc_err_release(&e);
	unlink("c2.db");
}

static int has(char **v, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], w))
			return 1;
	return 0;
}

static void words_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

TEST(the_repl_completes_meetings_actions_and_statuses)
{
	struct qc_err e = QC_ERR_INIT;
	struct qc_ctx ctx;
	struct cycle_meeting_in m = { "2026-01-10", "Eerste", NULL, NULL };
	struct cycle_action_in a = { "Social media", "stigma", NULL, 0, NULL,
				     NULL, NULL };
	char **w;
	size_t n;
	long long id;

	memset(&ctx, 0, sizeof(ctx));
	ctx.project = "c3.db";
	ctx.store = project("c3.db");
	CHECK(ctx.store && cycle_meeting_add(ctx.store, &m, &id, &e) == 0);
	CHECK(cycle_action_add(ctx.store, &a, &id, &e) == 0);
	n = repl_complete(&ctx, "action show ", &w);
	CHECK(has(w, n, "A1") && has(w, n, "M1") && has(w, n, "stigma"));
	words_free(w, n);
	n = repl_complete(&ctx, "review note M", &w);
	CHECK(n == 1 && has(w, n, "M1"));
	words_free(w, n);
	n = repl_complete(&ctx, "action set A1 --status ad", &w);
	CHECK(n == 1 && has(w, n, "adopted"));
	words_free(w, n);
	n = repl_complete(&ctx, "action ev", &w);
	CHECK(n == 1 && has(w, n, "evaluate"));
	words_free(w, n);
	store_close(ctx.store);
	qc_err_release(&e);
	unlink("c3.db");
}

int main(void)
{
	RUN(a_schema_2_project_gains_the_cycle);
	RUN(an_action_goes_round_the_cycle_step_by_step);
	RUN(since_a_meeting_is_from_the_day_after);
	RUN(the_repl_completes_meetings_actions_and_statuses);
	UNIT_DONE();
}
