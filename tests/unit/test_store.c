/* Unit tests: store (create, open, refuse, transactions, audit). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qcode/store.h"
#include "unit.h"

static char *file_sha(const char *path)
{
	char *data;
	size_t len;
	char *h = xmalloc(65);

	if (qc_read_file(path, 0, &data, &len, NULL) < 0) {
		h[0] = '\0';
		return h;
	}
	qc_sha256_hex(data, len, h);
	free(data);
	return h;
}

TEST(create_is_private_and_refuses_overwrite)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;
	struct stat sb;

	unlink("t1.db");
	CHECK(store_create("t1.db", "T", "nl", &s, &e) == 0);
	CHECK(s && s->schema == store_schema_version());
	store_close(s);
	CHECK(stat("t1.db", &sb) == 0 && (sb.st_mode & 0777) == 0600);
	char *before = file_sha("t1.db");
	CHECK(store_create("t1.db", "T", "nl", &s, &e) == -QC_EIO);
	CHECK(strstr(e.msg.buf, "already exists") != NULL);
	char *after = file_sha("t1.db");
	CHECK_STR(after, before);
	free(before);
	free(after);
	qc_err_release(&e);
}

TEST(create_rejects_unknown_language)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;

	unlink("t2.db");
	CHECK(store_create("t2.db", "T", "fr", &s, &e) == -QC_EUSAGE);
	CHECK(access("t2.db", F_OK) != 0);
	qc_err_release(&e);
}

TEST(open_refuses_other_files_unchanged)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;
	FILE *f = fopen("notes.txt", "w");

	fputs("just some text, not a database\n", f);
	fclose(f);
	char *before = file_sha("notes.txt");
	CHECK(store_open("notes.txt", &s, &e) == -QC_EIO);
	CHECK(strstr(e.msg.buf, "not a qcode project") != NULL);
	char *after = file_sha("notes.txt");
	CHECK_STR(after, before);
	CHECK(access("notes.txt-wal", F_OK) != 0);
	free(before);
	free(after);
	qc_err_release(&e);
}

/* The tables as they were before persons: participants without a
 * person, no persons, attributes or their triggers. */
static const char before_persons[] =
	"PRAGMA foreign_keys=OFF;"
	"DROP TRIGGER participants_pseudonym;"
	"DROP TRIGGER participants_gone; DROP INDEX participants_person;"
	"DROP TABLE person_attrs; DROP TABLE attributes;"
	"DROP TABLE participant_attrs; DROP TABLE participants;"
	"DROP TABLE persons;"
	"CREATE TABLE participants(id INTEGER PRIMARY KEY, source_id INTEGER"
	" NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
	" label TEXT NOT NULL, role TEXT, pseudonym TEXT, guid TEXT NOT NULL UNIQUE,"
	" UNIQUE(source_id, label));"
	"CREATE TABLE participant_attrs(participant_id INTEGER NOT NULL"
	" REFERENCES participants(id) ON DELETE CASCADE, key TEXT NOT NULL,"
	" value TEXT NOT NULL, PRIMARY KEY(participant_id, key)) WITHOUT ROWID;"
	"PRAGMA foreign_keys=ON;";

TEST(open_refuses_plain_sqlite_and_newer_schema)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;
	sqlite3 *db;

	unlink("plain.db");
	sqlite3_open("plain.db", &db);
	sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
	sqlite3_close(db);
	CHECK(store_open("plain.db", &s, &e) == -QC_EIO);
	CHECK(strstr(e.msg.buf, "not a qcode project") != NULL);

	unlink("new.db");
	CHECK(store_create("new.db", "T", "en", &s, &e) == 0);
	store_exec(s, "PRAGMA user_version=99", &e);
	store_close(s);
	char *before = file_sha("new.db");
	CHECK(store_open("new.db", &s, &e) == -QC_EIO);
	CHECK(strstr(e.msg.buf, "newer qcode") != NULL);
	char *after = file_sha("new.db");
	CHECK_STR(after, before);
	free(before);
	free(after);
	qc_err_release(&e);
}

TEST(schema_1_migrates_to_an_index_without_trigger)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;

	unlink("v1.db");
	CHECK(store_create("v1.db", "T", "nl", &s, &e) == 0);
	/* a project as schema 1 left it: prefix indexes, an insert trigger */
	CHECK(store_exec(s, "INSERT INTO sources(id, guid, kind, title, format,"
		" sha256, text, chars, words, imported_at, imported_by) VALUES"
		" (1, 'g', 'interview', 'I', 'txt', 'x', 'Warme overdracht.', 17,"
		" 7, 'n', 't');"
		"DROP TABLE segments_fts;"
		"CREATE VIRTUAL TABLE segments_fts USING fts5(text, speaker,"
		" content='segments', content_rowid='id', tokenize='qcode nl',"
		" prefix='2 3 4 5 6 7 8');"
		"CREATE TRIGGER segments_ai AFTER INSERT ON segments BEGIN"
		" INSERT INTO segments_fts(rowid, text, speaker)"
		" VALUES (new.id, new.text, new.speaker); END;"
		"INSERT INTO segments(id, source_id, ordinal, start_cp, end_cp,"
		" text) VALUES (1, 1, 1, 0, 17, 'Warme overdracht.');"
		"PRAGMA user_version=1", &e) == 0);
	CHECK(store_exec(s, before_persons, &e) == 0);
	store_close(s);
	CHECK(store_open("v1.db", &s, &e) == 0);
	CHECK(s && s->schema == store_schema_version() &&
	      store_int(s, "PRAGMA user_version", -1) == store_schema_version());
	CHECK(store_int(s, "SELECT count(*) FROM sqlite_master WHERE name ="
		  " 'segments_ai'", -1) == 0);
	/* schema 3: the stored count by the one rule */
	CHECK(store_int(s, "SELECT words FROM sources WHERE id = 1", -1) == 2);
	CHECK(store_int(s, "SELECT count(*) FROM sqlite_master WHERE name ="
		  " 'segments_fts' AND sql LIKE '%prefix%'", -1) == 0);
	/* the old rows are in the new index */
	CHECK(store_int(s, "SELECT rowid FROM segments_fts WHERE segments_fts MATCH"
		  " 'overdracht'", -1) == 1);
	store_close(s);
	qc_err_release(&e);
}

/* A schema-2 project keeps each source's text whole beside its turns;
 * opening it keeps the text once (the frame) and gives it back whole. */
TEST(schema_2_keeps_each_text_once)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;
	struct qc_buf b;
	const char *whole = "Zoë: één vóór\nBo: daarna\n\nEnd.";

	unlink("v2.db");
	qc_buf_init(&b);
	CHECK(store_create("v2.db", "T", "nl", &s, &e) == 0);
	CHECK(store_exec(s, "ALTER TABLE sources DROP COLUMN framed;"
		"INSERT INTO sources(id, guid, kind, title, format, sha256, text,"
		" chars, words, imported_at, imported_by) VALUES (1, 'g',"
		" 'interview', 'I', 'txt', 'x', 'Zoë: één vóór' || char(10) ||"
		" 'Bo: daarna' || char(10) || char(10) || 'End.', 30, 6, 'n', 't');"
		/* a source whose turns do not fit stays whole */
		"INSERT INTO sources(id, guid, kind, title, format, sha256, text,"
		" chars, words, imported_at, imported_by) VALUES (2, 'h',"
		" 'interview', 'J', 'txt', 'y', 'abc def', 7, 2, 'n', 't');"
		"INSERT INTO segments(id, source_id, ordinal, speaker, start_cp,"
		" end_cp, text) VALUES (1, 1, 1, 'Zoë', 5, 13, 'één vóór'),"
		" (2, 1, 2, 'Bo', 18, 24, 'daarna'), (3, 2, 1, NULL, 4, 7, 'xyz');"
		"INSERT INTO segments_fts(segments_fts) VALUES('rebuild');"
		"PRAGMA user_version=2", &e) == 0);
	store_close(s);
	CHECK(store_open("v2.db", &s, &e) == 0);
	CHECK(s && store_int(s, "PRAGMA user_version", -1) == store_schema_version());
	CHECK(store_int(s, "SELECT framed FROM sources WHERE id = 1", -1) == 1);
	CHECK(store_int(s, "SELECT framed FROM sources WHERE id = 2", -1) == 0);
	CHECK(store_int(s, "SELECT length(text) FROM sources WHERE id = 1", -1) ==
	      30 - 8 - 6);
	CHECK(store_source_text(s, 1, &b, &e) == 0);
	CHECK_STR(b.buf, whole);
	CHECK(store_source_text(s, 2, &b, &e) == 0);
	CHECK_STR(b.buf, "abc def");
	CHECK(store_source_text(s, 3, &b, &e) == -QC_EDATA);
	CHECK(store_int(s, "SELECT source_text(1) = 'Zoë: één vóór' || char(10) ||"
		  " 'Bo: daarna' || char(10) || char(10) || 'End.'", -1) == 1);
	CHECK(store_int(s, "SELECT rowid FROM segments_fts WHERE segments_fts MATCH"
		  " 'daarna'", -1) == 2);
	store_close(s);
	qc_buf_release(&b);
	qc_err_release(&e);
}

TEST(schema_2_gains_quote_flags_and_memo_audiences)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;

	unlink("v2q.db");
	CHECK(store_create("v2q.db", "T", "nl", &s, &e) == 0);
	/* a project as schema 2 left it: no quote flags, no audiences, a
	 * coding's memo in its own column */
	CHECK(store_exec(s, "DROP INDEX codings_quote;"
		"ALTER TABLE codings DROP COLUMN quote;"
		"ALTER TABLE memos DROP COLUMN visibility;"
		"ALTER TABLE codes DROP COLUMN finding;"
		"INSERT INTO coders(id, name, guid) VALUES (7, 'anna', 'ga');"
		"INSERT INTO sources(id, guid, kind, title, format, sha256, text,"
		" chars, words, imported_at, imported_by) VALUES (1, 'g',"
		" 'interview', 'I', 'txt', 'x', 'Warme overdracht.', 17, 2, 'n', 't');"
		"INSERT INTO codes(id, guid, short_id, name) VALUES (1, 'k', 'w', 'W');"
		"INSERT INTO codings(id, guid, code_id, source_id, start_cp, end_cp,"
		" coder_id, created_at, memo) VALUES (1, 'c', 1, 1, 0, 5, 7, 'n',"
		" 'mooi');"
		"INSERT INTO memos(guid, target, author_id, created_at, updated_at,"
		" text) VALUES ('m', 'project', 7, 'n', 'n', 'oud');"
		"PRAGMA user_version=2", &e) == 0);
	store_close(s);
	CHECK(store_open("v2q.db", &s, &e) == 0);
	CHECK(s && store_int(s, "PRAGMA user_version", -1) == store_schema_version());
	/* memos made before were the team's; the coding's memo is a memo */
	CHECK(store_int(s, "SELECT count(*) FROM memos WHERE text = 'oud' AND"
		  " visibility = 'team'", -1) == 1);
	CHECK(store_int(s, "SELECT count(*) FROM memos WHERE text = 'mooi' AND"
		  " target = 'coding' AND target_id = 1 AND author_id = 7", -1) == 1);
	CHECK(store_int(s, "SELECT count(*) FROM codings WHERE memo IS NULL AND"
		  " quote IS NULL", -1) == 1);
	CHECK(store_exec(s, "UPDATE codings SET quote = 'pin'", &e) == 0);
	CHECK(store_exec(s, "UPDATE codings SET quote = 'maybe'", &e) < 0);
	store_close(s);
	qc_err_release(&e);
}

TEST(upgrade_gives_each_participant_a_person)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;

	unlink("v2p.db");
	CHECK(store_create("v2p.db", "T", "nl", &s, &e) == 0);
	CHECK(store_exec(s, before_persons, &e) == 0);
	CHECK(store_exec(s, "INSERT INTO sources(id, guid, kind, title, format,"
		" sha256, text, chars, words, imported_at, imported_by) VALUES"
		" (1, 'g1', 'interview', 'I', 'txt', 'x', '', 0, 0, 'n', 't'),"
		" (2, 'g2', 'interview', 'J', 'txt', 'y', '', 0, 0, 'n', 't');"
		"INSERT INTO participants VALUES (1, 1, 'Priya', 'ouder', 'Ouder 1',"
		" 'p1'), (2, 2, 'Priya Ramdin', 'ouder', 'Ouder 3', 'p2'),"
		" (3, 2, 'Moderator', NULL, NULL, 'p3');"
		"PRAGMA user_version=2", &e) == 0);
	store_close(s);
	CHECK(store_open("v2p.db", &s, &e) == 0);
	CHECK(s && s->schema == store_schema_version());
	CHECK(store_int(s, "SELECT count(*) FROM persons", -1) == 3);
	CHECK(store_int(s, "SELECT count(*) FROM participants p JOIN persons pe"
		  " ON pe.id = p.person_id AND pe.name = p.label AND pe.guid ="
		  " p.guid AND pe.pseudonym IS p.pseudonym", -1) == 3);
	/* a participant added later is a person too; a pseudonym given to
	 * one participant of a person is every one's */
	CHECK(store_exec(s, "INSERT INTO participants(source_id, label, guid)"
		  " VALUES (1, 'Sanne', 'p4');"
		  "UPDATE participants SET person_id = 1 WHERE id = 2;"
		  "UPDATE participants SET pseudonym = 'Ouder 7' WHERE id = 1;",
		  &e) == 0);
	CHECK(store_persons_fill(s, &e) == 0);
	CHECK(store_int(s, "SELECT person_id FROM participants WHERE id = 4", -1)
	      == 4);
	CHECK(store_int(s, "SELECT count(*) FROM persons", -1) == 4);
	CHECK(store_int(s, "SELECT count(*) FROM participants WHERE pseudonym ="
		  " 'Ouder 7'", -1) == 2);
	CHECK(store_int(s, "SELECT count(*) FROM persons WHERE pseudonym ="
		  " 'Ouder 7'", -1) == 1);
	store_close(s);
	qc_err_release(&e);
}

TEST(schema_2_gets_the_dismissed_names)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;

	unlink("v2i.db");
	CHECK(store_create("v2i.db", "T", "nl", &s, &e) == 0);
	/* a project as schema 2 left it: no table of dismissed names */
	CHECK(store_exec(s, "DROP TABLE redact_ignore; PRAGMA user_version=2",
			 &e) == 0);
	store_close(s);
	CHECK(store_open("v2i.db", &s, &e) == 0);
	CHECK(s && store_int(s, "SELECT count(*) FROM sqlite_master WHERE name ="
		  " 'redact_ignore'", -1) == 1);
	CHECK(s && store_int(s, "PRAGMA user_version", -1) ==
	      store_schema_version());
	store_close(s);
	qc_err_release(&e);
}

TEST(transactions_nest_and_roll_back)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;

	unlink("t3.db");
	CHECK(store_create("t3.db", "T", "nl", &s, &e) == 0);
	CHECK(store_begin(s, &e) == 0);
	CHECK(store_begin(s, &e) == 0);
	CHECK(store_set_setting(s, "k", "v", &e) == 0);
	CHECK(store_commit(s, &e) == 0);	/* inner: nothing yet */
	store_rollback(s);
	char *v = store_get_setting(s, "k");
	CHECK(v == NULL);
	free(v);
	CHECK(store_begin(s, &e) == 0);
	CHECK(store_set_setting(s, "k", "w", &e) == 0);
	CHECK(store_commit(s, &e) == 0);
	v = store_get_setting(s, "k");
	CHECK_STR(v, "w");
	free(v);
	store_close(s);
	qc_err_release(&e);
}

TEST(pragmas_and_fts5)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;
	sqlite3_stmt *st;

	unlink("t4.db");
	CHECK(store_create("t4.db", "T", "nl", &s, &e) == 0);
	store_close(s);
	CHECK(store_open("t4.db", &s, &e) == 0);
	st = store_prepare(s, "PRAGMA foreign_keys", &e);
	CHECK(st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1);
	sqlite3_finalize(st);
	st = store_prepare(s, "PRAGMA secure_delete", &e);
	CHECK(st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1);
	sqlite3_finalize(st);
	st = store_prepare(s, "PRAGMA journal_mode", &e);
	CHECK(st && sqlite3_step(st) == SQLITE_ROW);
	CHECK_STR((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	CHECK(store_int(s, "PRAGMA page_size", 0) == 16384);
	CHECK(store_int(s, "SELECT v FROM segments_fts_config WHERE k = 'hashsize'",
			0) == 33554432);
	/* the stemming tokenizer is registered: the FTS table answers */
	st = store_prepare(s, "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'x'", &e);
	CHECK(st && sqlite3_step(st) == SQLITE_ROW);
	sqlite3_finalize(st);
	store_close(s);
	qc_err_release(&e);
}

/* Files in the working folder whose names start with prefix. */
static int count_prefixed(const char *prefix)
{
	DIR *d = opendir(".");
	struct dirent *de;
	int n = 0;

	while (d && (de = readdir(d)))
		n += strncmp(de->d_name, prefix, strlen(prefix)) == 0;
	if (d)
		closedir(d);
	return n;
}

static char *journal_mode(struct store *s)
{
	sqlite3_stmt *st = store_prepare(s, "PRAGMA journal_mode", NULL);
	char *m = NULL;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		m = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return m;
}

TEST(staged_project_appears_only_when_published)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;
	char *m, *v;

	unlink("t9.db");
	CHECK(store_create_staged("t9.db", "T", "nl", &s, &e) == 0);
	CHECK(access("t9.db", F_OK) != 0);
	CHECK(count_prefixed(".t9.db.qcode-tmp-") == 1);
	CHECK_STR(m = journal_mode(s), "memory");
	free(m);
	CHECK(store_begin(s, &e) == 0);
	CHECK(store_set_setting(s, "title", "Staged", &e) == 0);
	CHECK(store_commit(s, &e) == 0);
	CHECK(store_publish(s, &e) == 0);
	CHECK_STR(s->path, "t9.db");
	CHECK(count_prefixed(".t9.db.qcode-tmp-") == 0);
	CHECK_STR(m = journal_mode(s), "wal");
	free(m);
	store_close(s);
	CHECK(store_open("t9.db", &s, &e) == 0);
	CHECK_STR(v = store_get_setting(s, "title"), "Staged");
	free(v);
	store_close(s);
	/* an existing file is refused before anything is made */
	CHECK(store_create_staged("t9.db", "T", "nl", &s, &e) == -QC_EIO);
	CHECK(count_prefixed(".t9.db.qcode-tmp-") == 0);
	qc_err_release(&e);
}

/* The statements of source_text() are prepared once for a connection,
 * not on every call, and do not keep it from closing or publishing. */
static int statements_like(struct store *s, const char *start)
{
	int n = 0;

	for (sqlite3_stmt *st = sqlite3_next_stmt(s->db, NULL); st;
	     st = sqlite3_next_stmt(s->db, st))
		n += strncmp(sqlite3_sql(st), start, strlen(start)) == 0;
	return n;
}

TEST(source_text_prepares_once_a_connection)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;
	struct qc_buf b;

	unlink("t10.db");
	qc_buf_init(&b);
	CHECK(store_create_staged("t10.db", "T", "nl", &s, &e) == 0);
	CHECK(store_exec(s, "INSERT INTO sources(id, guid, kind, title, format,"
		" sha256, text, chars, words, imported_at, imported_by, framed)"
		" VALUES (1, 'g', 'interview', 'I', 'txt', 'x', 'A: ' || char(10)"
		" || 'B: .', 14, 3, 'n', 't', 1), (2, 'h', 'interview', 'J', 'txt',"
		" 'y', 'abc def', 7, 2, 'n', 't', 0);"
		"INSERT INTO segments(id, source_id, ordinal, speaker, start_cp,"
		" end_cp, text) VALUES (1, 1, 1, 'A', 3, 6, 'één'),"
		" (2, 1, 2, 'B', 10, 14, 'twee'), (3, 2, 1, NULL, 0, 3, 'abc');",
		&e) == 0);
	for (int k = 0; k < 3; k++) {
		CHECK(store_source_text(s, 1, &b, &e) == 0);
		CHECK_STR(b.buf, "A: één\nB: twee.");
		CHECK(store_source_text(s, 2, &b, &e) == 0);
		CHECK_STR(b.buf, "abc def");
		CHECK(store_int(s, "SELECT group_concat(source_text(id), '|')"
				" = 'A: één' || char(10) || 'B: twee.|abc def'"
				" FROM sources", -1) == 1);
	}
	CHECK(statements_like(s, "SELECT text, framed FROM main.sources") == 1);
	CHECK(statements_like(s, "SELECT start_cp, end_cp, text FROM main.") == 1);
	/* the schema named: the same text */
	CHECK(store_int(s, "SELECT source_text(1, 'main') = source_text(1)",
			-1) == 1);
	CHECK(store_publish(s, &e) == 0);
	CHECK(statements_like(s, "SELECT text, framed FROM main.sources") == 0);
	CHECK(store_source_text(s, 1, &b, &e) == 0);
	CHECK_STR(b.buf, "A: één\nB: twee.");
	store_close(s);
	CHECK(store_open("t10.db", &s, &e) == 0);
	CHECK(store_source_text(s, 1, &b, &e) == 0);
	CHECK_STR(b.buf, "A: één\nB: twee.");
	store_close(s);
	qc_buf_release(&b);
	qc_err_release(&e);
	unlink("t10.db");
}

TEST(staged_project_discarded_or_not_replacing)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;
	char *data = NULL;
	size_t len = 0;
	FILE *f;

	unlink("t10.db");
	CHECK(store_create_staged("t10.db", "T", "nl", &s, &e) == 0);
	store_discard(s);
	CHECK(access("t10.db", F_OK) != 0);
	CHECK(count_prefixed(".t10.db.qcode-tmp-") == 0);
	/* a file that appears at the path meanwhile is kept as it is */
	CHECK(store_create_staged("t10.db", "T", "nl", &s, &e) == 0);
	f = fopen("t10.db", "w");
	CHECK(f != NULL);
	if (f) {
		fputs("keep", f);
		fclose(f);
	}
	CHECK(store_publish(s, &e) == -QC_EIO);
	CHECK(strstr(e.msg.buf, "appeared meanwhile") != NULL);
	store_discard(s);
	CHECK(count_prefixed(".t10.db.qcode-tmp-") == 0);
	CHECK(qc_read_file("t10.db", 0, &data, &len, NULL) == 0);
	CHECK(len == 4 && data && memcmp(data, "keep", 4) == 0);
	free(data);
	unlink("t10.db");
	qc_err_release(&e);
}

TEST(audit_and_coders)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;
	long long a = 0, b = 0, c = 0;
	sqlite3_stmt *st;

	unlink("t5.db");
	CHECK(store_create("t5.db", "T", "nl", &s, &e) == 0);
	CHECK(store_coder_id(s, "anna", &a, &e) == 0);
	CHECK(store_coder_id(s, "bram", &b, &e) == 0);
	CHECK(store_coder_id(s, "anna", &c, &e) == 0);
	CHECK(a == c && a != b);
	CHECK(store_audit(s, "test", "detail", &e) == 0);
	st = store_prepare(s, "SELECT count(*) FROM audit", &e);
	CHECK(st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 2);
	sqlite3_finalize(st);
	store_close(s);
	qc_err_release(&e);
}

TEST(guids_are_unique_v4)
{
	char a[37], b[37];

	store_new_guid(a);
	store_new_guid(b);
	CHECK(strlen(a) == 36 && a[8] == '-' && a[14] == '4');
	CHECK(strcmp(a, b) != 0);
}

TEST(purge_scrubs_the_log_and_marks_until_wiped)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;
	sqlite3_stmt *st;
	char *v;
	int n = 0;

	unlink("t9.db");
	CHECK(store_create("t9.db", "T", "nl", &s, &e) == 0);
	CHECK(store_audit(s, "import", "S2 'Jansen' from jansen.txt", &e) == 0);
	CHECK(store_audit(s, "import", "S20 'Pietersen' from p.txt", &e) == 0);
	CHECK(store_audit(s, "participant set", "S2: a speaker's", &e) == 0);
	CHECK(store_audit(s, "source set", "S2 title=Jansen", &e) == 0);
	CHECK(store_audit(s, "project set", "S2 title", &e) == 0);
	CHECK(store_begin(s, &e) == 0);
	CHECK(store_purge_prepare(s, 2, &e) == 0);
	CHECK(store_commit(s, &e) == 0);
	st = store_prepare(s, "SELECT detail FROM audit WHERE id > 1"
			   " ORDER BY id", &e);
	const char *want[] = { "S2 (purged)", "S20 'Pietersen' from p.txt",
		"S2 (purged)", "S2 (purged)", "S2 title" };
	while (st && sqlite3_step(st) == SQLITE_ROW && n < 5)
		CHECK_STR((const char *)sqlite3_column_text(st, 0), want[n++]);
	sqlite3_finalize(st);
	CHECK(n == 5);
	v = store_get_setting(s, STORE_PURGE_KEY);
	CHECK(v != NULL);
	free(v);
	CHECK(store_wipe_pending(s, &e) == 0);
	CHECK(store_get_setting(s, STORE_PURGE_KEY) == NULL);
	CHECK(store_wipe_pending(s, &e) == 0);	/* no mark: nothing to do */
	store_close(s);
	qc_err_release(&e);
}

/* The wipe after a purge rewrites the project with VACUUM, whose
 * temporary copy of it goes to a file: SQLite's memory stays far below
 * the project's 32 MB of text (it held all of them), and temporary
 * tables are kept in memory again afterwards. */
TEST(wipe_keeps_its_copy_out_of_memory)
{
	struct qc_err e = QC_ERR_INIT;
	struct store *s = NULL;
	const size_t len = 1 << 16;
	char *text = xmalloc(len);
	sqlite3_stmt *st;
	long long before;

	unlink("t10.db");
	CHECK(store_create("t10.db", "T", "nl", &s, &e) == 0);
	for (size_t i = 0; i < len; i++)	/* varied, so nothing shrinks it */
		text[i] = "abcdefghij klmnop\n"[(i * 7 + i / 13) % 18];
	CHECK(store_begin(s, &e) == 0);
	st = store_prepare(s, "INSERT INTO sources(guid, kind, title, format,"
			   " sha256, text, chars, words, imported_at, imported_by)"
			   " VALUES (printf('BBBBBBBB-0000-4000-8000-%012d', ?1),"
			   " 'interview', 'Bron ' || ?1, 'txt', 'x', ?2, ?3, 0,"
			   " '2026-01-15T10:00:00Z', 'anna')", &e);
	for (int i = 1; st && i <= 512; i++) {
		text[0] = (char)('a' + i % 26);
		sqlite3_bind_int(st, 1, i);
		sqlite3_bind_text(st, 2, text, (int)len, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (long long)len);
		CHECK(sqlite3_step(st) == SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	CHECK(store_commit(s, &e) == 0);
	before = sqlite3_memory_used();
	sqlite3_memory_highwater(1);
	CHECK(store_wipe(s, &e) == 0);
	CHECK(sqlite3_memory_highwater(0) - before < 256 * (long long)len);
	CHECK(store_int(s, "PRAGMA temp_store", 0) == 2);
	store_close(s);
	free(text);
	qc_err_release(&e);
}

int main(void)
{
	RUN(create_is_private_and_refuses_overwrite);
	RUN(create_rejects_unknown_language);
	RUN(open_refuses_other_files_unchanged);
	RUN(open_refuses_plain_sqlite_and_newer_schema);
	RUN(upgrade_gives_each_participant_a_person);
	RUN(schema_1_migrates_to_an_index_without_trigger);
	RUN(schema_2_keeps_each_text_once);
	RUN(schema_2_gains_quote_flags_and_memo_audiences);
	RUN(schema_2_gets_the_dismissed_names);
	RUN(transactions_nest_and_roll_back);
	RUN(pragmas_and_fts5);
	RUN(staged_project_appears_only_when_published);
	RUN(source_text_prepares_once_a_connection);
	RUN(staged_project_discarded_or_not_replacing);
	RUN(audit_and_coders);
	RUN(guids_are_unique_v4);
	RUN(purge_scrubs_the_log_and_marks_until_wiped);
	RUN(wipe_keeps_its_copy_out_of_memory);
	UNIT_DONE();
}
