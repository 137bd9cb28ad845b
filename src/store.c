/* store: the project file, its schema, migrations and transactions. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "qcode/outfile.h"
#include "qcode/stem.h"
#include "qcode/progress.h"
#include "qcode/store.h"
#include "qcode/text.h"

/*
 * Schema version 1, one block per concern. Later versions are added as
 * new entries of `migrations`, never by editing a released block.
 */
static const char schema_core[] =
	"CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
	"CREATE TABLE coders(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" guid TEXT NOT NULL UNIQUE);\n"
	"CREATE TABLE audit(id INTEGER PRIMARY KEY, at TEXT NOT NULL,"
	" who TEXT NOT NULL, command TEXT NOT NULL, detail TEXT NOT NULL);\n";

/* import: sources, their speaker turns and the people who speak. */
static const char schema_import[] =
	"CREATE TABLE sources(id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,"
	" kind TEXT NOT NULL CHECK(kind IN ('focus-group','interview',"
	"'observation','document','literature','case-review','questionnaire')),"
	" title TEXT NOT NULL, date TEXT, format TEXT NOT NULL,"
	" filename TEXT, sha256 TEXT NOT NULL, text TEXT NOT NULL,"
	" chars INTEGER NOT NULL, words INTEGER NOT NULL,"
	" imported_at TEXT NOT NULL, imported_by TEXT NOT NULL);\n"
	"CREATE INDEX sources_sha ON sources(sha256);\n"
	"CREATE TABLE source_attrs(source_id INTEGER NOT NULL REFERENCES"
	" sources(id) ON DELETE CASCADE, key TEXT NOT NULL, value TEXT NOT NULL,"
	" PRIMARY KEY(source_id, key)) WITHOUT ROWID;\n"
	"CREATE TABLE participants(id INTEGER PRIMARY KEY, source_id INTEGER"
	" NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
	" label TEXT NOT NULL, role TEXT, pseudonym TEXT, guid TEXT NOT NULL UNIQUE,"
	" UNIQUE(source_id, label));\n"
	"CREATE TABLE participant_attrs(participant_id INTEGER NOT NULL"
	" REFERENCES participants(id) ON DELETE CASCADE, key TEXT NOT NULL,"
	" value TEXT NOT NULL, PRIMARY KEY(participant_id, key)) WITHOUT ROWID;\n"
	/* start_cp/end_cp: the turn's text (label excluded) in the source's
	 * text, in code points, end exclusive; text is that span's copy. */
	"CREATE TABLE segments(id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL"
	" REFERENCES sources(id) ON DELETE CASCADE, ordinal INTEGER NOT NULL,"
	" participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,"
	" speaker TEXT, start_cp INTEGER NOT NULL, end_cp INTEGER NOT NULL,"
	" start_ms INTEGER, end_ms INTEGER, text TEXT NOT NULL,"
	" UNIQUE(source_id, ordinal));\n"
	"CREATE INDEX segments_participant ON segments(participant_id);\n";

/* search: the full-text index over segments, kept in step by triggers,
 * and each coder's last result set. */
static const char schema_search[] =
	"CREATE VIRTUAL TABLE segments_fts USING fts5(text, speaker,"
	" content='segments', content_rowid='id', tokenize='qcode %s',"
	" prefix='2 3 4 5 6 7 8');\n"
	"CREATE TRIGGER segments_ai AFTER INSERT ON segments BEGIN"
	" INSERT INTO segments_fts(rowid, text, speaker)"
	" VALUES (new.id, new.text, new.speaker); END;\n"
	"CREATE TRIGGER segments_ad AFTER DELETE ON segments BEGIN"
	" INSERT INTO segments_fts(segments_fts, rowid, text, speaker)"
	" VALUES ('delete', old.id, old.text, old.speaker); END;\n"
	"CREATE TRIGGER segments_au AFTER UPDATE OF text, speaker ON segments BEGIN"
	" INSERT INTO segments_fts(segments_fts, rowid, text, speaker)"
	" VALUES ('delete', old.id, old.text, old.speaker);"
	" INSERT INTO segments_fts(rowid, text, speaker)"
	" VALUES (new.id, new.text, new.speaker); END;\n"
	"CREATE TABLE hit_sets(coder_id INTEGER PRIMARY KEY REFERENCES coders(id)"
	" ON DELETE CASCADE, query TEXT NOT NULL, options TEXT NOT NULL,"
	" created_at TEXT NOT NULL);\n"
	"CREATE TABLE hits(coder_id INTEGER NOT NULL REFERENCES coders(id)"
	" ON DELETE CASCADE, n INTEGER NOT NULL, segment_id INTEGER NOT NULL"
	" REFERENCES segments(id) ON DELETE CASCADE, start_cp INTEGER NOT NULL,"
	" end_cp INTEGER NOT NULL, PRIMARY KEY(coder_id, n)) WITHOUT ROWID;\n";

/* coding: the codebook, codings, auto-code suggestions and memos. */
static const char schema_coding[] =
	"CREATE TABLE codes(id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,"
	" parent_id INTEGER REFERENCES codes(id) ON DELETE RESTRICT,"
	" short_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
	" ordinal INTEGER NOT NULL DEFAULT 0,"
	" definition TEXT, inclusion TEXT, exclusion TEXT, example TEXT,"
	" valence TEXT NOT NULL DEFAULT 'neutral' CHECK(valence IN"
	" ('facilitating','hindering','neutral')), colour TEXT,"
	" lesson TEXT, recommendation TEXT,"
	" skills TEXT,"		/* one skill per line */
	" patterns TEXT,"	/* one PCRE2 pattern per line */
	" codable INTEGER NOT NULL DEFAULT 1);\n"
	"CREATE INDEX codes_parent ON codes(parent_id);\n"
	"CREATE TABLE codings(id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,"
	" code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,"
	" source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
	" segment_id INTEGER REFERENCES segments(id) ON DELETE SET NULL,"
	" start_cp INTEGER NOT NULL, end_cp INTEGER NOT NULL,"
	" coder_id INTEGER NOT NULL REFERENCES coders(id),"
	" created_at TEXT NOT NULL, memo TEXT,"
	" UNIQUE(code_id, source_id, start_cp, end_cp, coder_id));\n"
	"CREATE INDEX codings_source ON codings(source_id, start_cp);\n"
	"CREATE INDEX codings_segment ON codings(segment_id);\n"
	"CREATE TABLE suggestions(id INTEGER PRIMARY KEY,"
	" code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,"
	" source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
	" segment_id INTEGER REFERENCES segments(id) ON DELETE CASCADE,"
	" start_cp INTEGER NOT NULL, end_cp INTEGER NOT NULL,"
	" pattern TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending'"
	" CHECK(status IN ('pending','accepted','rejected')),"
	" created_at TEXT NOT NULL, decided_by TEXT,"
	" UNIQUE(code_id, source_id, start_cp, end_cp));\n"
	/* target: 'project' (target_id NULL), 'source', 'segment', 'code'
	 * or 'coding'; rows of removed targets are deleted by triggers. */
	"CREATE TABLE memos(id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,"
	" target TEXT NOT NULL CHECK(target IN ('project','source','segment',"
	"'code','coding')), target_id INTEGER,"
	" author_id INTEGER NOT NULL REFERENCES coders(id),"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, text TEXT NOT NULL);\n"
	"CREATE INDEX memos_target ON memos(target, target_id);\n"
	"CREATE TRIGGER sources_memos AFTER DELETE ON sources BEGIN"
	" DELETE FROM memos WHERE target='source' AND target_id=old.id; END;\n"
	"CREATE TRIGGER segments_memos AFTER DELETE ON segments BEGIN"
	" DELETE FROM memos WHERE target='segment' AND target_id=old.id; END;\n"
	"CREATE TRIGGER codes_memos AFTER DELETE ON codes BEGIN"
	" DELETE FROM memos WHERE target='code' AND target_id=old.id; END;\n"
	"CREATE TRIGGER codings_memos AFTER DELETE ON codings BEGIN"
	" DELETE FROM memos WHERE target='coding' AND target_id=old.id; END;\n";

/* privacy: names that redaction must always catch. */
static const char schema_privacy[] =
	"CREATE TABLE redact_names(name TEXT PRIMARY KEY) WITHOUT ROWID;\n";

static int store_lang_ok(const char *lang)
{
	return strcmp(lang, "nl") == 0 || strcmp(lang, "en") == 0;
}

static int migrate_v1(struct store *s, const char *lang, struct qc_err *e)
{
	char *search = xasprintf(schema_search, lang);
	int rc = 0;

	if (store_exec(s, schema_core, e) < 0 ||
	    store_exec(s, schema_import, e) < 0 ||
	    store_exec(s, search, e) < 0 ||
	    store_exec(s, schema_coding, e) < 0 ||
	    store_exec(s, schema_privacy, e) < 0)
		rc = -QC_EIO;
	free(search);
	return rc;
}

/* The full-text table since schema 2. No prefix= indexes: each is one
 * more index entry for every word (2..8 made import three times slower),
 * and a prefix query without them still takes milliseconds. FTS5 writes
 * its pending terms out as a new index segment each time they pass
 * hashsize (1 MiB by default) and merges those as it goes: 32 MiB makes a
 * large import write and merge far fewer of them. */
static const char fts_table[] =
	"CREATE VIRTUAL TABLE segments_fts USING fts5(text, speaker,"
	" content='segments', content_rowid='id', tokenize='qcode %s');\n"
	"INSERT INTO segments_fts(segments_fts, rank)"
	" VALUES('hashsize', 33554432);\n";

char *store_fts_table_sql(const char *lang)
{
	return xasprintf(fts_table, lang);
}

/* Schema 2: the writers of segments feed the index themselves
 * (STORE_FTS_INSERT). An AFTER INSERT trigger makes every segment insert
 * a statement with its own journal, and FTS5 flushes its pending terms
 * at each of those savepoints: one tiny index segment per turn. */
static int migrate_v2(struct store *s, const char *lang, struct qc_err *e)
{
	char *fts = store_fts_table_sql(lang);
	char *sql = xasprintf("DROP TRIGGER segments_ai;"
			      " DROP TABLE segments_fts; %s"
			      " INSERT INTO segments_fts(segments_fts)"
			      " VALUES ('rebuild');", fts);
	int rc = store_exec(s, sql, e);

	free(sql);
	free(fts);
	return rc < 0 ? -QC_EIO : 0;
}

/* Schema 3: a source's word count by the one rule (text_word_count over
 * its turns: whitespace-separated tokens), for projects imported when
 * "didn't" and "Delft-Zuid" counted two words and "€" none. */
static int migrate_words(struct store *s, const char *lang, struct qc_err *e)
{
	(void)lang;
	return store_exec(s, "UPDATE sources SET words = (SELECT"
			  " coalesce(sum(words(g.text)), 0) FROM segments g"
			  " WHERE g.source_id = sources.id)", e) < 0 ? -QC_EIO : 0;
}

/* Revising a source's text (revise.c): the versions it replaced, with
 * their turns, and the codings whose words an edit deleted, kept until
 * they are tagged again. A detached coding keeps its coding's id; its
 * memos point at minus that id meanwhile, where no coding can be. */
static const char schema_revise[] =
	"CREATE TABLE IF NOT EXISTS source_versions(source_id INTEGER NOT NULL"
	" REFERENCES sources(id) ON DELETE CASCADE, version INTEGER NOT NULL,"
	" text TEXT NOT NULL, sha256 TEXT NOT NULL, format TEXT NOT NULL,"
	" filename TEXT, created_at TEXT NOT NULL, created_by TEXT NOT NULL,"
	" replaced_at TEXT NOT NULL, replaced_by TEXT NOT NULL,"
	" how TEXT NOT NULL, summary TEXT NOT NULL,"
	/* a rowid table: a text of megabytes inside a WITHOUT ROWID key
	 * would be copied at every lookup of the key */
	" PRIMARY KEY(source_id, version));\n"
	"CREATE TABLE IF NOT EXISTS source_version_turns("
	"source_id INTEGER NOT NULL, version INTEGER NOT NULL, ordinal INTEGER NOT NULL, speaker TEXT,"
	" start_cp INTEGER NOT NULL, end_cp INTEGER NOT NULL, start_ms INTEGER,"
	" end_ms INTEGER, PRIMARY KEY(source_id, version, ordinal),"
	" FOREIGN KEY(source_id, version) REFERENCES"
	" source_versions(source_id, version) ON DELETE CASCADE) WITHOUT ROWID;\n"
	"CREATE TABLE IF NOT EXISTS detached_codings(id INTEGER PRIMARY KEY,"
	" guid TEXT NOT NULL UNIQUE,"
	" code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,"
	" source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
	" coder_id INTEGER NOT NULL REFERENCES coders(id),"
	" created_at TEXT NOT NULL, memo TEXT,"
	" version INTEGER NOT NULL,"	/* the version whose words it coded */
	" ordinal INTEGER,"		/* its turn in that version */
	" start_cp INTEGER NOT NULL, end_cp INTEGER NOT NULL,"	/* in it */
	" at_cp INTEGER NOT NULL,"	/* where they were, in today's text */
	" text TEXT NOT NULL, detached_at TEXT NOT NULL);\n"
	"CREATE INDEX IF NOT EXISTS detached_codings_source"
	" ON detached_codings(source_id);\n"
	"CREATE TRIGGER IF NOT EXISTS detached_codings_memos"
	" AFTER DELETE ON detached_codings BEGIN DELETE FROM memos"
	" WHERE target='coding' AND target_id=-old.id; END;\n";

static int migrate_revise(struct store *s, const char *lang, struct qc_err *e)
{
	(void)lang;
	return store_exec(s, schema_revise, e) < 0 ? -QC_EIO : 0;
}

/* The action-research cycle (cycle.c): the learning team's meetings, who
 * came by role, the themes they discussed and the sources of each; their
 * notes and priorities on themes; actions with their status history and
 * evaluations; decisions and lessons; evidence fragments of the last
 * three. Ids count on (AUTOINCREMENT): M3 removed is never another
 * meeting's name. */
static const char schema_cycle[] =
	"CREATE TABLE IF NOT EXISTS meetings(id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" guid TEXT NOT NULL UNIQUE, date TEXT NOT NULL, title TEXT NOT NULL,"
	" created_at TEXT NOT NULL);\n"
	"CREATE INDEX IF NOT EXISTS meetings_date ON meetings(date);\n"
	"CREATE TABLE IF NOT EXISTS meeting_roles(meeting_id INTEGER NOT NULL REFERENCES"
	" meetings(id) ON DELETE CASCADE, role TEXT NOT NULL,"
	" n INTEGER NOT NULL CHECK(n > 0), PRIMARY KEY(meeting_id, role))"
	" WITHOUT ROWID;\n"
	"CREATE TABLE IF NOT EXISTS meeting_themes(meeting_id INTEGER NOT NULL REFERENCES"
	" meetings(id) ON DELETE CASCADE, code_id INTEGER NOT NULL REFERENCES"
	" codes(id) ON DELETE CASCADE, ordinal INTEGER NOT NULL,"
	" PRIMARY KEY(meeting_id, code_id)) WITHOUT ROWID;\n"
	"CREATE TABLE IF NOT EXISTS meeting_sources(source_id INTEGER PRIMARY KEY REFERENCES"
	" sources(id) ON DELETE CASCADE, meeting_id INTEGER NOT NULL"
	" REFERENCES meetings(id) ON DELETE CASCADE);\n"
	"CREATE TABLE IF NOT EXISTS reviews(id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,"
	" meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
	" code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,"
	" text TEXT, priority INTEGER CHECK(priority BETWEEN 1 AND 5),"
	" by_role TEXT, created_at TEXT NOT NULL,"
	" CHECK((text IS NULL) <> (priority IS NULL)));\n"
	"CREATE INDEX IF NOT EXISTS reviews_code ON reviews(code_id, meeting_id);\n"
	"CREATE INDEX IF NOT EXISTS reviews_meeting ON reviews(meeting_id);\n"
	"CREATE TABLE IF NOT EXISTS actions(id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" guid TEXT NOT NULL UNIQUE, text TEXT NOT NULL,"
	" code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,"
	" meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,"
	" owner TEXT, status TEXT NOT NULL DEFAULT 'planned' CHECK(status IN"
	" ('planned','trying','evaluated','adopted','dropped')),"
	" created_at TEXT NOT NULL);\n"
	"CREATE INDEX IF NOT EXISTS actions_code ON actions(code_id);\n"
	"CREATE TABLE IF NOT EXISTS action_codes(action_id INTEGER NOT NULL REFERENCES"
	" actions(id) ON DELETE CASCADE, code_id INTEGER NOT NULL REFERENCES"
	" codes(id) ON DELETE CASCADE, PRIMARY KEY(action_id, code_id))"
	" WITHOUT ROWID;\n"
	"CREATE TABLE IF NOT EXISTS action_status(id INTEGER PRIMARY KEY,"
	" guid TEXT NOT NULL UNIQUE, action_id INTEGER NOT NULL REFERENCES"
	" actions(id) ON DELETE CASCADE, status TEXT NOT NULL, date TEXT NOT NULL,"
	" meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,"
	" forced INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);\n"
	"CREATE INDEX IF NOT EXISTS action_status_action ON action_status(action_id, date);\n"
	"CREATE INDEX IF NOT EXISTS action_status_date ON action_status(date);\n"
	"CREATE TABLE IF NOT EXISTS evaluations(id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,"
	" action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,"
	" meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
	" text TEXT NOT NULL, created_at TEXT NOT NULL);\n"
	"CREATE INDEX IF NOT EXISTS evaluations_action ON evaluations(action_id);\n"
	"CREATE INDEX IF NOT EXISTS evaluations_meeting ON evaluations(meeting_id);\n"
	"CREATE TABLE IF NOT EXISTS decisions(id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,"
	" meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
	" code_id INTEGER REFERENCES codes(id) ON DELETE SET NULL,"
	" text TEXT NOT NULL, created_at TEXT NOT NULL);\n"
	"CREATE INDEX IF NOT EXISTS decisions_meeting ON decisions(meeting_id);\n"
	"CREATE TABLE IF NOT EXISTS lessons(id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,"
	" text TEXT NOT NULL, process INTEGER NOT NULL,"
	" code_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,"
	" meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,"
	" created_at TEXT NOT NULL, CHECK(process OR code_id IS NOT NULL));\n"
	/* a fragment that shows what an evaluation, decision or lesson says:
	 * one turn of a source, or a range of them */
	"CREATE TABLE IF NOT EXISTS evidence(id INTEGER PRIMARY KEY,"
	" evaluation_id INTEGER REFERENCES evaluations(id) ON DELETE CASCADE,"
	" decision_id INTEGER REFERENCES decisions(id) ON DELETE CASCADE,"
	" lesson_id INTEGER REFERENCES lessons(id) ON DELETE CASCADE,"
	" source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
	" segment_id INTEGER REFERENCES segments(id) ON DELETE SET NULL,"
	" start_cp INTEGER NOT NULL, end_cp INTEGER NOT NULL);\n"
	"CREATE INDEX IF NOT EXISTS evidence_evaluation ON evidence(evaluation_id);\n"
	"CREATE INDEX IF NOT EXISTS evidence_decision ON evidence(decision_id);\n"
	"CREATE INDEX IF NOT EXISTS evidence_lesson ON evidence(lesson_id);\n"
	"CREATE INDEX IF NOT EXISTS evidence_source ON evidence(source_id);\n";

static int migrate_cycle(struct store *s, const char *lang, struct qc_err *e)
{
	(void)lang;
	return store_exec(s, schema_cycle, e) < 0 ? -QC_EIO : 0;
}

/*
 * A source's text once: sources.framed = 1 says sources.text holds only
 * the frame, the text outside its turns (labels, line breaks, a header),
 * and the turns' text lives in segments.text alone; source_text() puts
 * the two back together. framed = 0 (REFI sources, older rows that do not
 * fit) keeps the whole text.
 */
int store_text_frame(const char *text, size_t len, const size_t *spans,
		     size_t n, struct qc_buf *frame)
{
	size_t at = 0;

	qc_buf_reset(frame);
	for (size_t i = 0; i < n; i++)
		if (spans[2 * i] < at || spans[2 * i + 1] < spans[2 * i] ||
		    spans[2 * i + 1] > len)
			return 0;
		else
			at = spans[2 * i + 1];
	at = 0;
	for (size_t i = 0; i < n; i++) {
		qc_buf_add(frame, text + at, spans[2 * i] - at);
		at = spans[2 * i + 1];
	}
	qc_buf_add(frame, text + at, len - at);
	return 1;
}

/* The frame of source sid from its whole text and its turns, when they
 * fit (in order, each turn the copy of its span). Returns 1 framed, 0
 * not, -1 on a database error. */
static int frame_source(sqlite3_stmt *seg, long long sid, const char *text,
			size_t len, struct qc_buf *frame)
{
	size_t *spans = NULL, n = 0, cap = 0, cp = 0, b = 0;
	int rc, ok = 1;

	sqlite3_reset(seg);
	sqlite3_bind_int64(seg, 1, sid);
	while ((rc = sqlite3_step(seg)) == SQLITE_ROW) {
		size_t cs = (size_t)sqlite3_column_int64(seg, 0);
		size_t ce = (size_t)sqlite3_column_int64(seg, 1);
		const char *t = (const char *)sqlite3_column_text(seg, 2);
		size_t tl = (size_t)sqlite3_column_bytes(seg, 2), bs;

		if (!ok || cs < cp || ce < cs) {
			ok = 0;
			continue;
		}
		while (cp < cs && b < len) {	/* offsets only grow */
			b++;
			while (b < len && ((unsigned char)text[b] & 0xc0) == 0x80)
				b++;
			cp++;
		}
		bs = b;
		if (cp != cs || bs + tl > len || memcmp(text + bs, t, tl) ||
		    text_cp_count(t, tl) != ce - cs) {
			ok = 0;
			continue;
		}
		b = bs + tl;
		cp = ce;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			spans = xrealloc(spans, 2 * cap * sizeof(*spans));
		}
		spans[2 * n] = bs;
		spans[2 * n + 1] = b;
		n++;
	}
	if (rc != SQLITE_DONE)
		ok = -1;
	else if (ok)
		ok = store_text_frame(text, len, spans, n, frame);
	free(spans);
	return ok;
}

int store_frame_source(struct store *s, long long sid, struct qc_err *e)
{
	sqlite3_stmt *src, *seg = NULL, *up = NULL;
	struct qc_buf frame;
	int rc = 0, f;

	src = store_prepare(s, "SELECT text FROM sources WHERE id = ?"
			    " AND framed = 0", e);
	if (!src)
		return -QC_EIO;
	sqlite3_bind_int64(src, 1, sid);
	if (sqlite3_step(src) != SQLITE_ROW) {
		sqlite3_finalize(src);
		return 0;
	}
	qc_buf_init(&frame);
	seg = store_prepare(s, "SELECT start_cp, end_cp, text FROM segments"
			    " WHERE source_id = ? ORDER BY ordinal", e);
	up = store_prepare(s, "UPDATE sources SET text = ?2, framed = 1"
			   " WHERE id = ?1", e);
	if (!seg || !up)
		rc = -QC_EIO;
	else if ((f = frame_source(seg, sid,
				   (const char *)sqlite3_column_text(src, 0),
				   (size_t)sqlite3_column_bytes(src, 0),
				   &frame)) < 0)
		rc = store_fail(s, e, "cannot read the source");
	else if (f) {
		sqlite3_bind_int64(up, 1, sid);
		sqlite3_bind_text(up, 2, frame.buf, (int)frame.len, SQLITE_STATIC);
		if (sqlite3_step(up) != SQLITE_DONE)
			rc = store_fail(s, e, "cannot store the source");
	}
	qc_buf_release(&frame);
	sqlite3_finalize(src);
	sqlite3_finalize(seg);
	sqlite3_finalize(up);
	return rc;
}

/* Which sources each coder was given (a clone's --sources, or all) and
 * has finished (`done`): what agreement counts as judged. Owned by team.c. */
static const char schema_assignments[] =
	"CREATE TABLE IF NOT EXISTS assignments(coder_id INTEGER NOT NULL"
	" REFERENCES coders(id) ON DELETE CASCADE, source_id INTEGER NOT NULL"
	" REFERENCES sources(id) ON DELETE CASCADE, assigned_at TEXT,"
	" done_at TEXT, PRIMARY KEY(coder_id, source_id)) WITHOUT ROWID;\n"
	"CREATE INDEX IF NOT EXISTS assignments_source ON"
	" assignments(source_id);\n";

/* Keep each source's text once: existing sources become framed where
 * their turns fit, so an older project shrinks to its text plus index;
 * and the coders' assignments table. */
static int migrate_text_once_assignments(struct store *s, const char *lang,
					 struct qc_err *e)
{
	(void)lang;
	if (store_exec(s, schema_assignments, e) < 0)
		return -QC_EIO;
	if (!store_int(s, "SELECT count(*) FROM pragma_table_info('sources')"
		       " WHERE name = 'framed'", 0) &&
	    store_exec(s, "ALTER TABLE sources ADD COLUMN framed INTEGER"
		       " NOT NULL DEFAULT 0", e) < 0)
		return -QC_EIO;
	return store_frame_all(s, e);
}

int store_frame_all(struct store *s, struct qc_err *e)
{
	sqlite3_stmt *st;
	long long *ids = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (!(st = store_prepare(s, "SELECT id FROM sources WHERE framed = 0"
				 " ORDER BY id", e)))
		return -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = store_frame_source(s, ids[i], e);
	free(ids);
	return rc;
}

/* search: the tokenizer indexes each word's folded form beside its marked
 * stem (stem.c), so prefixes find words by their beginning; an index made
 * with stems alone is rebuilt once. */
static int migrate_search(struct store *s, const char *lang, struct qc_err *e)
{
	(void)lang;
	return store_exec(s, "INSERT INTO segments_fts(segments_fts)"
			  " VALUES ('rebuild');", e) < 0 ? -QC_EIO : 0;
}

/* Reports an educator reads: a coding's quote flag (pinned: quoted
 * first; excluded: never quoted), a memo's audience (me, the team, the
 * report; memos made before are the team's, as everyone saw them), a
 * code's finding sentence, and a coding's own memo (tag --memo) moved
 * into the memos so that 'memo list' shows it like any other. */
static int migrate_reports(struct store *s, const char *lang, struct qc_err *e)
{
	(void)lang;
	/* a file rewound to an older version by hand may have them */
	if (store_int(s, "SELECT count(*) FROM pragma_table_info('codings')"
		      " WHERE name = 'quote'", 0) > 0)
		return 0;
	return store_exec(s,
		"ALTER TABLE codings ADD COLUMN quote TEXT"
		" CHECK(quote IN ('pin','exclude'));"
		"ALTER TABLE memos ADD COLUMN visibility TEXT NOT NULL DEFAULT 'me'"
		" CHECK(visibility IN ('me','team','report'));"
		"UPDATE memos SET visibility = 'team';"
		"ALTER TABLE codes ADD COLUMN finding TEXT;"
		/* reports find a code's flagged codings without a scan */
		"CREATE INDEX codings_quote ON codings(code_id) WHERE quote IS"
		" NOT NULL;"
		"INSERT INTO memos(guid, target, target_id, author_id, created_at,"
		" updated_at, text, visibility) SELECT lower(hex(randomblob(4)) || '-'"
		" || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'"
		" || substr('89ab', 1 + abs(random()) % 4, 1) ||"
		" substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),"
		" 'coding', id, coder_id, created_at, created_at, memo, 'me'"
		" FROM codings WHERE memo IS NOT NULL AND memo <> '';"
		"UPDATE codings SET memo = NULL WHERE memo IS NOT NULL;", e) < 0 ?
		-QC_EIO : 0;
}

/* persons: a person speaks as one participant in each source they are
 * in and has one pseudonym; attributes are declared once with a type and
 * hold on persons (person_attrs) and sources (source_attrs). The triggers
 * keep a pseudonym given to one participant the person's and every other
 * participant's of that person; store_persons_fill (at every commit)
 * makes each new participant a person. A project from before gets one
 * person per participant. */
#define PERSON_GUID "CASE WHEN EXISTS(SELECT 1 FROM persons WHERE guid = new.guid)" \
	" THEN lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||" \
	" substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 +" \
	" abs(random() % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||" \
	" hex(randomblob(6))) ELSE new.guid END"
static const char schema_persons[] =
	"CREATE TABLE persons(id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL, pseudonym TEXT);\n"
	"CREATE TABLE person_attrs(person_id INTEGER NOT NULL REFERENCES"
	" persons(id) ON DELETE CASCADE, key TEXT NOT NULL, value TEXT NOT NULL,"
	" PRIMARY KEY(person_id, key)) WITHOUT ROWID;\n"
	/* choices: one value per line, in the order given */
	"CREATE TABLE attributes(name TEXT PRIMARY KEY, type TEXT NOT NULL"
	" CHECK(type IN ('text','number','date','boolean','choice')),"
	" choices TEXT, ordinal INTEGER NOT NULL);\n"
	"ALTER TABLE participants ADD COLUMN person_id INTEGER REFERENCES"
	" persons(id) ON DELETE SET NULL;\n"
	"CREATE INDEX participants_person ON participants(person_id);\n"
	"INSERT INTO persons(id, guid, name, pseudonym)"
	" SELECT id, guid, label, pseudonym FROM participants;\n"
	"UPDATE participants SET person_id = id;\n"
	"CREATE TRIGGER participants_pseudonym AFTER UPDATE OF pseudonym ON"
	" participants WHEN new.person_id IS NOT NULL BEGIN"
	" UPDATE persons SET pseudonym = new.pseudonym WHERE id = new.person_id;"
	" UPDATE participants SET pseudonym = new.pseudonym"
	" WHERE person_id = new.person_id AND id <> new.id"
	" AND pseudonym IS NOT new.pseudonym; END;\n"
	/* a person named by a label that is gone (a source removed or
	 * purged) takes the label of a participant left */
	"CREATE TRIGGER participants_gone AFTER DELETE ON participants BEGIN"
	" DELETE FROM persons WHERE id = old.person_id AND NOT EXISTS"
	" (SELECT 1 FROM participants WHERE person_id = old.person_id);"
	" UPDATE persons SET name = (SELECT label FROM participants WHERE"
	" person_id = old.person_id ORDER BY id LIMIT 1)"
	" WHERE id = old.person_id AND name = old.label; END;\n";

static int migrate_persons(struct store *s, const char *lang, struct qc_err *e)
{
	(void)lang;
	/* a file rewound to an older version by hand may have them */
	if (store_int(s, "SELECT count(*) FROM pragma_table_info('participants')"
		      " WHERE name = 'person_id'", 0) > 0)
		return 0;
	return store_exec(s, schema_persons, e) < 0 ? -QC_EIO : 0;
}

/* privacy: candidate names the researcher dismissed (redact name ignore):
 * never redacted as possible names again. */
static int migrate_privacy(struct store *s, const char *lang, struct qc_err *e)
{
	(void)lang;
	return store_exec(s, "CREATE TABLE IF NOT EXISTS redact_ignore(name TEXT"
			  " PRIMARY KEY)"
			  " WITHOUT ROWID", e) < 0 ? -QC_EIO : 0;
}

/* Ordered migrations: entry i takes the schema from version i to i+1. */
typedef int (*migration_fn)(struct store *, const char *, struct qc_err *);
static const migration_fn migrations[] = {
	migrate_v1,
	migrate_v2,
	migrate_words,
	migrate_revise,
	migrate_cycle,
	migrate_text_once_assignments,
	migrate_search,
	migrate_reports,
	migrate_persons,
	migrate_privacy,
};
#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

int store_schema_version(void)
{
	return SCHEMA_VERSION;
}

long long store_int(struct store *s, const char *sql, long long fallback)
{
	sqlite3_stmt *st = store_prepare(s, sql, NULL);
	long long v = fallback;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

char *store_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

int store_fail(struct store *s, struct qc_err *e, const char *what)
{
	return qc_err_set(e, QC_EIO, "%s: %s", what, sqlite3_errmsg(s->db));
}

sqlite3_stmt *store_prepare(struct store *s, const char *sql, struct qc_err *e)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_fail(s, e, "cannot prepare query");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

struct store_stmt {
	const char *sql;	/* the caller's constant */
	sqlite3_stmt *st;
};

sqlite3_stmt *store_cached(struct store *s, const char *sql, struct qc_err *e)
{
	sqlite3_stmt *st = NULL;

	for (size_t i = 0; i < s->ncache; i++)
		if (s->cache[i].sql == sql) {
			st = s->cache[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
			       NULL) != SQLITE_OK) {
		store_fail(s, e, "cannot prepare query");
		sqlite3_finalize(st);
		return NULL;
	}
	s->cache = xrealloc(s->cache, (s->ncache + 1) * sizeof(*s->cache));
	s->cache[s->ncache].sql = sql;
	s->cache[s->ncache++].st = st;
	return st;
}

int store_exec(struct store *s, const char *sql, struct qc_err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		qc_err_set(e, QC_EIO, "project: %s",
			   msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -QC_EIO;
	}
	return 0;
}

int store_begin(struct store *s, struct qc_err *e)
{
	if (s->tx_depth > 0) {
		s->tx_depth++;
		return 0;
	}
	s->tx_depth++;
	/* IMMEDIATE takes the write lock now, so a second process waits on
	 * the busy timeout here instead of failing half-way. On a read-only
	 * project the transaction only reads (a snapshot); a write in it
	 * fails as read-only. */
	if (store_exec(s, s->readonly ? "BEGIN" : "BEGIN IMMEDIATE", e) < 0) {
		s->tx_depth = 0;
		return -QC_EIO;
	}
	return 0;
}

int store_begin_read(struct store *s, struct qc_err *e)
{
	if (s->tx_depth++ > 0)
		return 0;
	/* DEFERRED takes no write lock: one snapshot from the first read to
	 * the commit, while in WAL mode writers go on. */
	if (store_exec(s, "BEGIN DEFERRED", e) < 0) {
		s->tx_depth = 0;
		return -QC_EIO;
	}
	return 0;
}

/* Not a trigger on participants: a trigger makes each insert a statement
 * of its own journal, and FTS5 flushes its pending terms at each (an
 * import meets its speakers between its turns). */
int store_persons_fill(struct store *s, struct qc_err *e)
{
	sqlite3_stmt *st;
	long long base = 0;
	int rc = 0, any = 0;

	if (s->readonly || sqlite3_prepare_v2(s->db, "SELECT (SELECT 1 FROM"
	    " participants WHERE person_id IS NULL), (SELECT max(id) FROM"
	    " persons)", -1, &st, NULL) != SQLITE_OK)
		return 0;	/* a schema from before persons */
	if (sqlite3_step(st) == SQLITE_ROW) {
		any = sqlite3_column_int(st, 0);
		base = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (!any)
		return 0;
	/* the new persons take ids after the last, in participant order */
	st = store_prepare(s, "INSERT INTO persons(id, guid, name, pseudonym)"
		" SELECT ?1 + row_number() OVER (ORDER BY p.id), CASE WHEN EXISTS"
		" (SELECT 1 FROM persons x WHERE x.guid = p.guid) THEN lower("
		"hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||"
		" substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 +"
		" abs(random() % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||"
		" hex(randomblob(6))) ELSE p.guid END, p.label, p.pseudonym"
		" FROM participants p WHERE p.person_id IS NULL ORDER BY p.id;", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, base);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(s, e, "cannot add the persons");
	sqlite3_finalize(st);
	if (rc < 0)
		return rc;
	st = store_prepare(s, "UPDATE participants AS p SET person_id = x.n"
		" FROM (SELECT id, ?1 + row_number() OVER (ORDER BY id) AS n"
		" FROM participants WHERE person_id IS NULL) AS x WHERE p.id = x.id",
		e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, base);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(s, e, "cannot add the persons");
	sqlite3_finalize(st);
	return rc;
}

int store_commit(struct store *s, struct qc_err *e)
{
	if (s->tx_depth <= 0)
		return 0;
	if (s->tx_depth == 1 && store_persons_fill(s, e) < 0) {
		store_rollback(s);
		return -QC_EIO;
	}
	if (--s->tx_depth > 0)
		return 0;
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		/* say why the disk refused (ENOSPC, EFBIG, EIO), not only
		 * SQLite's "disk I/O error" */
		int se = sqlite3_system_errno(s->db);
		int full = (sqlite3_errcode(s->db) & 0xff) == SQLITE_FULL;
		qc_err_set(e, QC_EIO, "cannot save the changes to '%s': %s",
			   s->path, se ? strerror(se) : full ? strerror(ENOSPC) :
			   sqlite3_errmsg(s->db));
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -QC_EIO;
	}
	return 0;
}

void store_rollback(struct store *s)
{
	if (s->tx_depth <= 0)
		return;
	s->tx_depth = 0;
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static char *default_coder(void)
{
	const char *c = getenv("QCODE_CODER");
	struct passwd *pw;

	if (c && *c)
		return xstrdup(c);
	c = getenv("USER");
	if (c && *c)
		return xstrdup(c);
	pw = getpwuid(getuid());
	return xstrdup(pw && pw->pw_name ? pw->pw_name : "unknown");
}

static int store_check_fts5(sqlite3 *db, struct qc_err *e)
{
	if (!sqlite3_compileoption_used("ENABLE_FTS5")) {
		fts5_api *api = NULL;
		sqlite3_stmt *st = NULL;

		/* Some builds register FTS5 without the compile option. */
		if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) ==
		    SQLITE_OK) {
			sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
			sqlite3_step(st);
		}
		sqlite3_finalize(st);
		if (!api)
			return qc_err_set(e, QC_EIO,
					  "sqlite: this SQLite %s has no FTS5 "
					  "full-text search compiled in; install "
					  "a build with FTS5 (Debian's libsqlite3-0 has it)",
					  sqlite3_libversion());
	}
	return 0;
}

/* words(text): text_word_count, so that SQL counts words by the one rule. */
static void sql_words(sqlite3_context *c, int argc, sqlite3_value **v)
{
	const char *t = (const char *)sqlite3_value_text(v[0]);

	(void)argc;
	sqlite3_result_int64(c, t ? (sqlite3_int64)text_word_count(t,
			     (size_t)sqlite3_value_bytes(v[0])) : 0);
}

/*
 * The two statements source_text() runs on a connection's main schema,
 * prepared once (SQLITE_PREPARE_PERSISTENT) rather than on every call:
 * one for each connection, the user data of its source_text(), finalized
 * before it closes (store_disconnect) and freed with its functions.
 */
struct store_texts {
	sqlite3_stmt *src, *seg;
};

static void texts_free(void *p)
{
	struct store_texts *t = p;

	if (t) {
		sqlite3_finalize(t->src);
		sqlite3_finalize(t->seg);
		free(t);
	}
}

/* *st: the cached statement (prepared now if need be), or NULL to prepare
 * one for this call alone; also when the cached one is running (a call
 * from within source_text() itself). */
static sqlite3_stmt *texts_stmt(sqlite3 *db, sqlite3_stmt **st,
				const char *sql)
{
	if (*st)
		return sqlite3_stmt_busy(*st) ? NULL : *st;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
			       NULL) != SQLITE_OK) {
		sqlite3_finalize(*st);
		*st = NULL;
	}
	return *st;
}

/* Source sid's whole text into out, rebuilt from its frame and turns
 * when it is framed (store_text_frame). schema: "main" or an attached
 * project's name; t: the connection's cached statements for main, or
 * NULL. Returns SQLITE_OK, SQLITE_NOTFOUND or an error. */
static int source_text_db(sqlite3 *db, const char *schema, long long sid,
			  struct store_texts *t, struct qc_buf *out)
{
	sqlite3_stmt *st = NULL, *seg = NULL;
	int own_st = 1, own_seg = 1, rc = SQLITE_OK;
	char *sql;

	if (t && strcmp(schema, "main") != 0)
		t = NULL;
	if (t && (st = texts_stmt(db, &t->src, "SELECT text, framed FROM"
				  " main.sources WHERE id = ?")) != NULL)
		own_st = 0;
	else {
		sql = sqlite3_mprintf("SELECT text, framed FROM \"%w\".sources"
				      " WHERE id = ?", schema);
		rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
		sqlite3_free(sql);
	}
	if (rc == SQLITE_ERROR) {
		/* an attached project of schema 2: every text whole */
		sql = sqlite3_mprintf("SELECT text, 0 FROM \"%w\".sources"
				      " WHERE id = ?", schema);
		rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
		sqlite3_free(sql);
	}
	qc_buf_reset(out);
	if (rc != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, sid);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc;
		goto out;
	}
	const char *f = (const char *)sqlite3_column_text(st, 0);
	size_t fl = (size_t)sqlite3_column_bytes(st, 0), fb = 0, cp = 0;

	rc = SQLITE_OK;
	if (!sqlite3_column_int(st, 1)) {
		qc_buf_add(out, f ? f : "", fl);
		goto out;
	}
	if (t && (seg = texts_stmt(db, &t->seg, "SELECT start_cp, end_cp,"
				   " text FROM main.segments WHERE source_id"
				   " = ? ORDER BY ordinal")) != NULL) {
		own_seg = 0;
	} else {
		sql = sqlite3_mprintf("SELECT start_cp, end_cp, text FROM"
				      " \"%w\".segments WHERE source_id = ?"
				      " ORDER BY ordinal", schema);
		rc = sqlite3_prepare_v2(db, sql, -1, &seg, NULL);
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			goto out;
	}
	sqlite3_bind_int64(seg, 1, sid);
	while ((rc = sqlite3_step(seg)) == SQLITE_ROW) {
		size_t cs = (size_t)sqlite3_column_int64(seg, 0);
		size_t from = fb;

		/* the frame's code points up to this turn, then the turn */
		while (cp < cs && fb < fl) {
			fb++;
			while (fb < fl && ((unsigned char)f[fb] & 0xc0) == 0x80)
				fb++;
			cp++;
		}
		qc_buf_add(out, f + from, fb - from);
		qc_buf_add(out, sqlite3_column_text(seg, 2),
			   (size_t)sqlite3_column_bytes(seg, 2));
		cp = (size_t)sqlite3_column_int64(seg, 1);
	}
	if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
		qc_buf_add(out, f + fb, fl - fb);
	}
out:
	/* a cached statement is reset, so it holds no read open */
	if (own_st)
		sqlite3_finalize(st);
	else
		sqlite3_reset(st);
	if (own_seg)
		sqlite3_finalize(seg);
	else
		sqlite3_reset(seg);
	return rc;
}

int store_source_text(struct store *s, long long sid, struct qc_buf *out,
		      struct qc_err *e)
{
	int rc = source_text_db(s->db, "main", sid, s->texts, out);

	if (rc == SQLITE_NOTFOUND)
		return qc_err_set(e, QC_EDATA, "no source S%lld", sid);
	return rc == SQLITE_OK ? 0 : store_fail(s, e, "cannot read the source");
}

/* source_text(id [, schema]): a source's whole text (store_source_text). */
static void sql_source_text(sqlite3_context *c, int argc, sqlite3_value **v)
{
	struct qc_buf b;
	const char *schema = argc > 1 ?
		(const char *)sqlite3_value_text(v[1]) : "main";
	int rc;

	if (sqlite3_value_type(v[0]) == SQLITE_NULL) {
		sqlite3_result_null(c);
		return;
	}
	qc_buf_init(&b);
	rc = source_text_db(sqlite3_context_db_handle(c), schema ? schema : "main",
			    sqlite3_value_int64(v[0]), sqlite3_user_data(c), &b);
	if (rc == SQLITE_NOTFOUND)
		sqlite3_result_null(c);
	else if (rc != SQLITE_OK)
		sqlite3_result_error_code(c, rc);
	else {
		size_t len = b.len;
		sqlite3_result_text(c, qc_buf_detach(&b, NULL), (int)len, free);
	}
	qc_buf_release(&b);
}

/* The functions qcode's SQL uses, and its FTS5 tokenizer. */
static int store_functions(struct store *s, struct qc_err *e)
{
	sqlite3 *db = s->db;

	/* the one-argument function owns the statements: SQLite frees
	 * them with it, also when registering fails */
	s->texts = xcalloc(1, sizeof(*s->texts));
	if (sqlite3_create_function_v2(db, "source_text", 1, SQLITE_UTF8,
				       s->texts, sql_source_text, NULL, NULL,
				       texts_free) != SQLITE_OK) {
		s->texts = NULL;
		return qc_err_set(e, QC_EIO, "sqlite: %s", sqlite3_errmsg(db));
	}
	if (sqlite3_create_function(db, "words", 1, SQLITE_UTF8 |
				    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
				    NULL, sql_words, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "source_text", 2, SQLITE_UTF8,
				    s->texts, sql_source_text, NULL,
				    NULL) != SQLITE_OK)
		return qc_err_set(e, QC_EIO, "sqlite: %s", sqlite3_errmsg(db));
	return stem_register(db, e);
}

/* Close s's connection, with the statements kept for it (store_cached,
 * source_text()'s): a connection that still has statements closes only
 * when they go, and the last close is what checkpoints the WAL into the
 * file. */
static void store_disconnect(struct store *s)
{
	for (size_t i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].st);
	free(s->cache);
	s->cache = NULL;
	s->ncache = 0;
	if (s->texts) {
		sqlite3_finalize(s->texts->src);
		sqlite3_finalize(s->texts->seg);
		s->texts->src = s->texts->seg = NULL;
		s->texts = NULL;	/* freed with the connection */
	}
	sqlite3_close_v2(s->db);
	s->db = NULL;
}

/* Settings every connection needs, applied once the file is known to be
 * a qcode project (WAL writes to the file, so never before). */
static int store_configure(struct store *s, struct qc_err *e)
{
	sqlite3_busy_timeout(s->db, 10000);
	sqlite3_extended_result_codes(s->db, 1);
	if (store_exec(s, "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;"
		       " PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
		       " PRAGMA temp_store=MEMORY", e) < 0)
		return -QC_EIO;
	return store_functions(s, e);
}

static struct store *store_new(const char *path)
{
	struct store *s = xcalloc(1, sizeof(*s));

	s->path = xstrdup(path);
	s->coder = default_coder();
	return s;
}

/* One thread uses a connection: SQLite's per-call locking is pure cost. */
#define STORE_OPEN_FLAGS (SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX)

/* Connect s to the file name (a path, or a URI with SQLITE_OPEN_URI); the
 * message names s's path. 0, or -QC_EIO with e set (s->db may still need
 * closing: store_close does it). */
static int store_connect(struct store *s, const char *name, int flags,
			 struct qc_err *e)
{
	if (sqlite3_open_v2(name, &s->db, flags, NULL) == SQLITE_OK) {
		progress_watch(s->db);	/* Ctrl-C stops its statements */
		return 0;
	}
	return qc_err_set(e, QC_EIO, "cannot open '%s': %s", s->path,
			  sqlite3_errmsg(s->db));
}

int store_create(const char *path, const char *title, const char *lang,
		 struct store **out, struct qc_err *e)
{
	struct store *s;
	int fd, rc;

	*out = NULL;
	if (!store_lang_ok(lang))
		return qc_err_set(e, QC_EUSAGE,
				  "unknown language '%s' (use nl or en)", lang);
	/* O_EXCL: never overwrite, and the file is 0600 from its first byte. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return qc_err_set(e, QC_EIO,
					  "'%s' already exists; "
					  "nothing was changed", path);
		return qc_err_set(e, QC_EIO, "cannot create '%s': %s",
				  path, strerror(errno));
	}
	close(fd);
	s = store_new(path);
	if ((rc = store_connect(s, path, STORE_OPEN_FLAGS, e)) < 0)
		goto fail;
	/* before the first write (WAL fixes it): 16 KiB pages hold the
	 * long turns and big index pages in fewer, larger writes (an import
	 * of 200 MB runs about a tenth faster; searches are no slower) */
	if ((rc = store_exec(s, "PRAGMA page_size=16384", e)) < 0)
		goto fail;
	if ((rc = store_check_fts5(s->db, e)) < 0 ||
	    (rc = store_configure(s, e)) < 0)
		goto fail;
	if ((rc = store_begin(s, e)) < 0)
		goto fail;
	for (int v = 0; v < SCHEMA_VERSION; v++)
		if ((rc = migrations[v](s, lang, e)) < 0)
			goto fail_tx;
	char *pragma = xasprintf("PRAGMA application_id=%d; PRAGMA user_version=%d",
				 STORE_APP_ID, SCHEMA_VERSION);
	rc = store_exec(s, pragma, e);
	free(pragma);
	if (rc < 0 ||
	    (rc = store_set_setting(s, "title", title, e)) < 0 ||
	    (rc = store_set_setting(s, "lang", lang, e)) < 0 ||
	    (rc = store_audit(s, "init", title, e)) < 0)
		goto fail_tx;
	if ((rc = store_commit(s, e)) < 0)
		goto fail;
	s->schema = SCHEMA_VERSION;
	*out = s;
	return 0;
fail_tx:
	store_rollback(s);
fail:
	store_close(s);
	unlink(path);
	return rc;
}

/* Check the file's first bytes before SQLite sees it: a file that is not
 * an SQLite database is refused without being opened for writing. */
static int store_sniff(const char *path, struct qc_err *e)
{
	char head[100];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		if (errno == ENOENT)
			return qc_err_set(e, QC_EIO,
					  "cannot open '%s': no such project "
					  "(create one with 'qcode init')", path);
		return qc_err_set(e, QC_EIO, "cannot open '%s': %s", path,
				  strerror(errno));
	}
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n < (ssize_t)sizeof(head) || memcmp(head, "SQLite format 3", 16) != 0)
		return qc_err_set(e, QC_EIO,
				  "cannot open '%s': not a qcode project", path);
	/* application_id is a big-endian int at byte 68 of the header. */
	unsigned long id = (unsigned long)(unsigned char)head[68] << 24 |
			   (unsigned long)(unsigned char)head[69] << 16 |
			   (unsigned long)(unsigned char)head[70] << 8 |
			   (unsigned long)(unsigned char)head[71];
	if (id != STORE_APP_ID)
		return qc_err_set(e, QC_EIO,
				  "cannot open '%s': an SQLite file, but not a "
				  "qcode project", path);
	return 0;
}

/* Can this process write the file and create its -wal and -shm beside
 * it? 0, or the errno that says why not (EROFS on a read-only mount,
 * EACCES for permissions). */
static int store_cannot_write(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 :
				     (size_t)(slash - path)) : xstrdup(".");
	int err = 0;

	if (access(path, W_OK) != 0 || access(dir, W_OK | X_OK) != 0)
		err = errno ? errno : EACCES;
	free(dir);
	return err;
}

/* "file:PATH?immutable=1" with PATH percent-encoded for a URI. */
static char *immutable_uri(const char *path)
{
	struct qc_buf b = QC_BUF_INIT;

	qc_buf_adds(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
			qc_buf_addch(&b, *p);
		else
			qc_buf_addf(&b, "%%%02X", *p);
	}
	qc_buf_adds(&b, "?immutable=1");
	return qc_buf_detach(&b, NULL);
}

/* The schema version of an open connection, or -1 with e set. */
static int store_read_version(struct store *s, struct qc_err *e)
{
	sqlite3_stmt *st = NULL;
	int version = -1;

	/* user_version comes from the header; reading the schema also
	 * proves that the WAL (if any) can be read */
	if (sqlite3_prepare_v2(s->db, "SELECT (SELECT user_version FROM"
			       " pragma_user_version), (SELECT count(*) FROM"
			       " sqlite_master)", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	else
		qc_err_set(e, QC_EIO, "cannot open '%s': %s", s->path,
			   sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	return version;
}

/*
 * Open for reading only. A project in WAL mode whose -shm cannot be made
 * (a read-only folder or mount after a clean close) is opened immutable:
 * nobody can be writing it there.
 */
static int store_open_ro(struct store *s, struct qc_err *e)
{
	int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
	int version, ok;
	char *uri;

	if (store_connect(s, s->path, flags, e) == 0) {
		sqlite3_busy_timeout(s->db, 10000);
		if ((version = store_read_version(s, e)) >= 0)
			return version;
	}
	store_disconnect(s);
	/* immutable ignores a WAL: refuse rather than show stale data */
	char *wal = xasprintf("%s-wal", s->path);
	struct stat sb;
	int pending = stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	if (pending) {
		qc_err_set(e, QC_EIO, "cannot open '%s': it is read-only and its"
			   " -wal file holds changes not yet in it (open it once"
			   " where it can be written)", s->path);
		return -1;
	}
	uri = immutable_uri(s->path);
	ok = store_connect(s, uri, flags | SQLITE_OPEN_URI, e);
	free(uri);
	if (ok < 0)
		return -1;
	return store_read_version(s, e);
}

/* A schema version this qcode can open (it may still need migrating). */
static int store_version_ok(const char *path, int version, struct qc_err *e)
{
	if (version > SCHEMA_VERSION)
		return qc_err_set(e, QC_EIO, "cannot open '%s': made by a newer"
				  " qcode (schema %d, this qcode reads up to %d)",
				  path, version, SCHEMA_VERSION);
	if (version < 1)
		return qc_err_set(e, QC_EIO, "cannot open '%s': not a qcode"
				  " project", path);
	return 0;
}

int store_open_reading(const char *path, struct store **out, struct qc_err *e)
{
	struct store *s;
	int rc, version;

	*out = NULL;
	if ((rc = store_sniff(path, e)) < 0)
		return rc;
	/* Writable: opened as for writing, so that closing it removes the
	 * WAL (a read-only connection cannot) and a look at real names can
	 * still be logged. */
	if (!store_cannot_write(path))
		return store_open(path, out, e);
	s = store_new(path);
	s->readonly = 1;
	if ((version = store_open_ro(s, e)) < 0) {
		rc = -QC_EIO;
		goto fail;
	}
	if ((rc = store_check_fts5(s->db, e)) < 0)
		goto fail;
	if ((rc = store_version_ok(path, version, e)) < 0)
		goto fail;
	if (version < SCHEMA_VERSION) {
		rc = qc_err_set(e, QC_EIO, "cannot open '%s': its schema %d must"
				" be brought up to date, and it is read-only",
				path, version);
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	if ((rc = store_exec(s, "PRAGMA foreign_keys=ON;"
			     " PRAGMA temp_store=MEMORY", e)) < 0 ||
	    (rc = store_functions(s, e)) < 0)
		goto fail;
	s->schema = SCHEMA_VERSION;
	*out = s;
	return 0;
fail:
	store_close(s);
	return rc;
}

int store_open(const char *path, struct store **out, struct qc_err *e)
{
	struct store *s;
	int rc, version;

	*out = NULL;
	if ((rc = store_sniff(path, e)) < 0)
		return rc;
	if ((rc = store_cannot_write(path)) != 0)
		return qc_err_set(e, QC_EIO, "cannot open '%s' for writing: %s",
				  path, strerror(rc));
	/* what killed runs left beside the project (see outfile.h) */
	outfile_sweep(path);
	s = store_new(path);
	if ((rc = store_connect(s, path, STORE_OPEN_FLAGS, e)) < 0)
		goto fail;
	sqlite3_busy_timeout(s->db, 10000);
	if ((rc = store_check_fts5(s->db, e)) < 0)
		goto fail;
	if ((version = store_read_version(s, e)) < 0) {
		rc = -QC_EIO;
		goto fail;
	}
	if ((rc = store_version_ok(path, version, e)) < 0)
		goto fail;
	if ((rc = store_configure(s, e)) < 0)
		goto fail;
	if (version < SCHEMA_VERSION) {
		char *lang = store_get_setting(s, "lang");
		if ((rc = store_begin(s, e)) < 0) {
			free(lang);
			goto fail;
		}
		for (int v = version; v < SCHEMA_VERSION && rc == 0; v++)
			rc = migrations[v](s, lang ? lang : "nl", e);
		free(lang);
		if (rc == 0) {
			char *pragma = xasprintf("PRAGMA user_version=%d",
						 SCHEMA_VERSION);
			rc = store_exec(s, pragma, e);
			free(pragma);
		}
		if (rc < 0) {
			store_rollback(s);
			goto fail;
		}
		if ((rc = store_commit(s, e)) < 0)
			goto fail;
	}
	s->schema = SCHEMA_VERSION;
	*out = s;
	return 0;
fail:
	store_close(s);
	return rc;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->tx_depth > 0)
		store_rollback(s);
	store_disconnect(s);
	free(s->path);
	free(s->final_path);
	free(s->coder);
	free(s);
}

int store_create_staged(const char *path, const char *title, const char *lang,
			struct store **out, struct qc_err *e)
{
	char *tmp;
	int fd, rc;

	*out = NULL;
	if (access(path, F_OK) == 0)
		return qc_err_set(e, QC_EIO, "'%s' already exists; nothing was "
				  "changed", path);
	/* named for this run, so that a later one removes it if this one
	 * is killed before it publishes */
	outfile_sweep(path);
	if ((fd = outfile_temp(path, &tmp, e)) < 0)
		return fd;
	close(fd);
	unlink(tmp);	/* store_create makes it again, O_EXCL */
	rc = store_create(tmp, title, lang, out, e);
	free(tmp);
	if (rc < 0)
		return rc;
	(*out)->final_path = xstrdup(path);
	if ((rc = store_exec(*out, "PRAGMA journal_mode=MEMORY;"
			     " PRAGMA synchronous=OFF", e)) < 0) {
		store_discard(*out);
		*out = NULL;
	}
	return rc < 0 ? rc : 0;
}

static int sync_path(const char *path, int flags)
{
	int fd = open(path, flags), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int store_publish(struct store *s, struct qc_err *e)
{
	char *tmp = s->path, *dir;
	const char *slash;
	int rc;

	if (!s->final_path)
		return 0;
	if (store_exec(s, "PRAGMA journal_mode=WAL", e) < 0)
		return -QC_EIO;
	store_disconnect(s);
	if (sync_path(tmp, O_RDONLY) < 0)
		return qc_err_set(e, QC_EIO, "cannot write '%s': %s",
				  s->final_path, strerror(errno));
	/* link, not rename: a file that appeared at the path is kept */
	if (link(tmp, s->final_path) == 0) {
		unlink(tmp);
	} else if (errno == EEXIST || access(s->final_path, F_OK) == 0) {
		return qc_err_set(e, QC_EIO, "'%s' appeared meanwhile; nothing "
				  "was replaced", s->final_path);
	} else if (rename(tmp, s->final_path) < 0) {
		/* a file system without hard links: rename, the path is free */
		return qc_err_set(e, QC_EIO, "cannot create '%s': %s",
				  s->final_path, strerror(errno));
	}
	slash = strrchr(s->final_path, '/');
	dir = slash ? xasprintf("%.*s", (int)(slash - s->final_path + 1),
				s->final_path) : xstrdup(".");
	sync_path(dir, O_RDONLY | O_DIRECTORY);
	free(dir);
	s->path = s->final_path;
	s->final_path = NULL;
	free(tmp);
	if ((rc = store_connect(s, s->path, STORE_OPEN_FLAGS, e)) < 0)
		return rc;
	rc = store_configure(s, e);
	return rc < 0 ? rc : 0;
}

void store_discard(struct store *s)
{
	char *tmp;

	if (!s)
		return;
	tmp = s->final_path ? xstrdup(s->path) : NULL;
	store_close(s);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
}

void store_now(char out[32])
{
	const char *fixed = getenv("QCODE_NOW");
	time_t t = time(NULL);
	struct tm tm;

	if (fixed && *fixed) {
		snprintf(out, 32, "%s", fixed);
		return;
	}
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int store_audit_ready(struct store *s, const char *command,
		      struct qc_err *e)
{
	/* a look at real names or an output that cannot be logged is not
	 * allowed */
	if (s->readonly)
		return qc_err_set(e, QC_EIO, "cannot record '%s' in the audit"
				  " log: '%s' is read-only", command, s->path);
	return 0;
}

int store_audit(struct store *s, const char *command, const char *detail,
		struct qc_err *e)
{
	char now[32];
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_audit_ready(s, command, e)) < 0)
		return rc;
	st = store_cached(s, "INSERT INTO audit(at, who, command, detail)"
			  " VALUES (?,?,?,?)", e);
	if (!st)
		return -QC_EIO;
	store_now(now);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, s->coder, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, command, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, detail ? detail : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "audit");
	sqlite3_reset(st);
	return rc;
}

/* Run one statement with sid bound as ?1; 0 or -QC_EIO. */
static int exec_sid(struct store *s, const char *sql, long long sid,
		    struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, sid);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "purge");
	sqlite3_finalize(st);
	return rc;
}

int store_purge_prepare(struct store *s, long long sid, struct qc_err *e)
{
	/* A saved result set that reached into the source goes whole: its
	 * query may be a name from it. hit_sets first, while the hits that
	 * say which coders to take are still there. */
	static const char *const sql[] = {
		"DELETE FROM hit_sets WHERE coder_id IN (SELECT h.coder_id"
		" FROM hits h JOIN segments g ON g.id = h.segment_id"
		" WHERE g.source_id = ?1)",
		"DELETE FROM hits WHERE coder_id IN (SELECT h.coder_id"
		" FROM hits h JOIN segments g ON g.id = h.segment_id"
		" WHERE g.source_id = ?1)",
		/* the log keeps who did what when, not the title or file
		 * name these entries quote */
		"UPDATE audit SET detail = 'S' || ?1 || ' (purged)'"
		" WHERE command IN ('import', 'source set', 'source rm',"
		" 'participant set') AND (detail = 'S' || ?1"
		" OR detail LIKE 'S' || ?1 || ' %' OR detail LIKE 'S' || ?1 || ':%')",
		"INSERT INTO settings(key, value) VALUES ('" STORE_PURGE_KEY
		"', '1') ON CONFLICT(key) DO NOTHING",
	};

	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		if (exec_sid(s, sql[i], sid, e) < 0)
			return -QC_EIO;
	return 0;
}

int store_vacuum(struct store *s, struct qc_err *e)
{
	/* VACUUM builds the whole project again as a temporary database:
	 * in memory (temp_store, set for sorts) it is as large as the
	 * project, so it goes to a file for this statement alone */
	int rc = store_exec(s, "PRAGMA temp_store=FILE; VACUUM", e);

	if (store_exec(s, "PRAGMA temp_store=MEMORY", rc < 0 ? NULL : e) < 0 &&
	    rc == 0)
		rc = -QC_EIO;
	return rc;
}

int store_wipe(struct store *s, struct qc_err *e)
{
	sqlite3_stmt *st;
	int busy = 1;

	if (s->tx_depth > 0)
		return qc_err_set(e, QC_EIO, "purge: inside a transaction");
	/* FTS5 deletes only add tombstones; the terms stay in the old index
	 * segments until they are merged into one, and secure_delete zeroes
	 * the pages this frees. */
	if (store_exec(s, "BEGIN IMMEDIATE;"
		       " INSERT INTO segments_fts(segments_fts) VALUES('optimize');"
		       " COMMIT", e) < 0) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -QC_EIO;
	}
	/* VACUUM rewrites the file from live rows only; the mark goes after
	 * it, so a kill before here leaves it for store_wipe_pending.
	 * TRUNCATE then copies the WAL into the file and empties it, waiting
	 * (busy timeout) for readers. */
	if (store_vacuum(s, e) < 0 ||
	    store_exec(s, "DELETE FROM settings WHERE key = '" STORE_PURGE_KEY
		       "'", e) < 0)
		return -QC_EIO;
	st = store_prepare(s, "PRAGMA wal_checkpoint(TRUNCATE)", e);
	if (!st)
		return -QC_EIO;
	if (sqlite3_step(st) == SQLITE_ROW)
		busy = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (busy)
		return qc_err_set(e, QC_EIO, "purge: another process has '%s'"
				  " open, so its write-ahead log could not be"
				  " emptied; run the purge again when it is"
				  " closed", s->path);
	return 0;
}

int store_wipe_pending(struct store *s, struct qc_err *e)
{
	char *v = store_get_setting(s, STORE_PURGE_KEY);

	if (!v)
		return 0;
	free(v);
	return store_wipe(s, e);
}

char *store_get_setting(struct store *s, const char *key)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT value FROM settings WHERE key = ?", NULL);
	char *v = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

int store_set_setting(struct store *s, const char *key, const char *value,
		      struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"INSERT INTO settings(key, value) VALUES (?, ?)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value", e);
	int rc;

	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "settings");
	sqlite3_finalize(st);
	return rc;
}

int store_coder_id(struct store *s, const char *name, long long *id,
		   struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT id FROM coders WHERE name = ?", e);
	char guid[37];
	int rc;

	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		return 0;
	}
	sqlite3_finalize(st);
	st = store_prepare(s, "INSERT INTO coders(name, guid) VALUES (?, ?)", e);
	if (!st)
		return -QC_EIO;
	store_new_guid(guid);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, guid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "coders");
	sqlite3_finalize(st);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

void store_new_guid(char out[37])
{
	unsigned char r[16];

	sqlite3_randomness(sizeof(r), r);
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);	/* version 4 */
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);	/* RFC 4122 variant */
	snprintf(out, 37,
		 "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-"
		 "%02X%02X%02X%02X%02X%02X",
		 r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9],
		 r[10], r[11], r[12], r[13], r[14], r[15]);
}

int store_log(struct store *s, const char *command, const char *detail,
	      struct qc_err *e)
{
	int rc;

	if ((rc = store_begin(s, e)) < 0)
		return rc;
	if ((rc = store_audit(s, command, detail, e)) < 0) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, e);
}

const char *store_sqlite_version(int *fts5)
{
	*fts5 = sqlite3_compileoption_used("ENABLE_FTS5");
	return sqlite3_libversion();
}
