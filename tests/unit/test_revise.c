/* Unit tests: revise (a coded text corrected; the schema it needs). */
#include <stdlib.h>
#include <unistd.h>

#include "qcode/import.h"
#include "qcode/revise.h"
#include "unit.h"

static struct store *s;

static void parse(const char *t, struct import_doc *d)
{
	struct qc_err e = QC_ERR_INIT;

	import_doc_init(d);
	import_parse(t, strlen(t), "x.txt", NULL, d, &e);
	qc_err_release(&e);
}

static long long matches(const char *word)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT count(*) FROM segments_fts"
					 " WHERE segments_fts MATCH ?", NULL);
	long long n = -1;

	sqlite3_bind_text(st, 1, word, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

TEST(schema_2_project_upgrades)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *t = NULL;

	unlink("v2.db");
	CHECK(store_create("v2.db", "T", "nl", &t, &e) == 0);
	/* a project as schema 2 left it */
	CHECK(store_exec(t, "DROP TRIGGER detached_codings_memos;"
		"DROP TABLE detached_codings; DROP TABLE source_version_turns;"
		" DROP TABLE source_versions; PRAGMA user_version=2", &e) == 0);
	store_close(t);
	CHECK(store_open("v2.db", &t, &e) == 0);
	CHECK(t && t->schema == store_schema_version());
	CHECK(store_int(t, "SELECT count(*) FROM sqlite_master WHERE name IN"
		" ('source_versions', 'source_version_turns', 'detached_codings',"
		" 'detached_codings_memos')", -1) == 4);
	store_close(t);
	qc_err_release(&e);
}

TEST(rows_stay_and_only_changed_turns_are_indexed)
{
	struct qc_err e = QC_ERR_INIT;
	struct import_doc d;
	struct import_opts o = { .kind = "interview" };
	struct import_result res;
	struct revise_result r;
	long long id2, id3;

	parse("A: Eerste beurt over kraamzorg.\nB: Tweede beurt met Zwaluw.\n"
	      "A: Derde beurt.\n", &d);
	CHECK(import_store_doc(s, &d, "x.txt", &o, &res, &e) == 0);
	import_doc_release(&d);
	id2 = store_int(s, "SELECT id FROM segments WHERE ordinal = 2", -1);
	id3 = store_int(s, "SELECT id FROM segments WHERE ordinal = 3", -1);
	CHECK(store_exec(s, "INSERT INTO codes(guid, short_id, name) VALUES"
		" ('g1', 'c', 'c'); INSERT INTO coders(name, guid) VALUES"
		" ('t', 'g2'); INSERT INTO codings(guid, code_id, source_id,"
		" segment_id, start_cp, end_cp, coder_id, created_at) VALUES"
		" ('g3', 1, 1, 2, 52, 58, 1, 'n')", &e) == 0);	/* "Zwaluw" */
	parse("A: Eerste beurt over kraamzorg.\nB: Tweede beurt, met de heer"
	      " Zwaluw.\nA: Derde beurt.\n", &d);
	CHECK(revise_source(s, "S1", &d, "source replace", NULL, &r, &e) == 0);
	CHECK(r.turns_changed == 1 && r.turns_added == 0 && r.detached == 0);
	CHECK(store_int(s, "SELECT id FROM segments WHERE ordinal = 2", -1) == id2);
	CHECK(store_int(s, "SELECT id FROM segments WHERE ordinal = 3", -1) == id3);
	CHECK(store_int(s, "SELECT substr(g.text, c.start_cp - g.start_cp + 1,"
		" c.end_cp - c.start_cp) = 'Zwaluw' FROM codings c JOIN segments g"
		" ON g.id = c.segment_id", -1) == 1);
	CHECK(matches("heer") == 1 && matches("zwaluw") == 1);
	CHECK(store_int(s, "SELECT count(*) FROM source_versions", -1) == 1);
	revise_result_release(&r);
	import_doc_release(&d);
	/* the same text again changes nothing */
	parse("A: Eerste beurt over kraamzorg.\nB: Tweede beurt, met de heer"
	      " Zwaluw.\nA: Derde beurt.\n", &d);
	CHECK(revise_source(s, "S1", &d, "source replace", NULL, &r, &e) == 0);
	CHECK(r.unchanged && r.version == 2);
	revise_result_release(&r);
	import_doc_release(&d);
	qc_err_release(&e);
}

int main(void)
{
	struct qc_err e = QC_ERR_INIT;

	unlink("revise.db");
	if (store_create("revise.db", "T", "nl", &s, &e) < 0) {
		printf("FAIL setup: %s\n", e.msg.buf);
		return 1;
	}
	RUN(schema_2_project_upgrades);
	RUN(rows_stay_and_only_changed_turns_are_indexed);
	store_close(s);
	qc_err_release(&e);
	UNIT_DONE();
}
