/*
 * store: the project, one SQLite file. It owns the schema and its
 * migrations, opens and creates projects safely, runs transactions and
 * writes the audit log. Other modules prepare statements on store->db.
 */
#ifndef QCODE_STORE_H
#define QCODE_STORE_H

#include <sqlite3.h>

#include "qcode/util.h"

#define STORE_APP_ID 0x51434f44	/* "QCOD" in PRAGMA application_id */
#define STORE_DEFAULT_PATH "qcode.db"

struct store {
	sqlite3 *db;		/* the connection */
	char *path;		/* the project file's path */
	char *coder;		/* who is working: QCODE_CODER, else the login */
	int schema;		/* PRAGMA user_version after open */
	int tx_depth;		/* store_begin nesting */
	char *final_path;	/* while staged: where store_publish puts it */
	int readonly;		/* opened read-only by store_open_reading */
	struct store_stmt *cache; /* store_cached: prepared once, kept */
	size_t ncache;
	struct store_texts *texts;	/* source_text()'s statements (store.c) */
};

/* The schema version this qcode writes and reads. */
int store_schema_version(void);

/*
 * Create a new project at path (mode 0600), refusing an existing file.
 * lang is "nl" or "en". On success *out is open; store_close frees it.
 */
int store_create(const char *path, const char *title, const char *lang,
		 struct store **out, struct qc_err *e);

/*
 * Open an existing project. A file that is not a qcode project, or whose
 * schema is newer than this qcode's, is refused and left unchanged.
 */
int store_open(const char *path, struct store **out, struct qc_err *e);

/*
 * Open an existing project for a command that only reads. When the file
 * and its folder can be written it is opened as by store_open (closing
 * then removes the WAL, and a look at real names can be logged);
 * otherwise (a read-only mount, file or folder) with SQLITE_OPEN_READONLY,
 * immutable when the WAL's shared memory cannot be created, and
 * s->readonly set: store_begin then starts a read transaction, and
 * store_audit refuses.
 */
int store_open_reading(const char *path, struct store **out, struct qc_err *e);

void store_close(struct store *s);

/*
 * A new project built out of sight, for a command that fills it in one
 * go: created under a hidden name beside path, written with its journal
 * in memory and no syncs (nobody else can open it, and a crash leaves only
 * the hidden file), then made the project at path by store_publish, which
 * syncs it, switches it to WAL and links it into place without replacing
 * a file that appeared meanwhile; s is then open at path. On failure, or
 * instead of publishing, store_discard closes and removes it.
 */
int store_create_staged(const char *path, const char *title, const char *lang,
			struct store **out, struct qc_err *e);
int store_publish(struct store *s, struct qc_err *e);
void store_discard(struct store *s);

/* Transactions nest: only the outermost begin/commit reach SQLite. */
int store_begin(struct store *s, struct qc_err *e);
/* A read transaction, for a command that reads a consistent project for
 * long (a report) without blocking writers; store_commit ends it. Write
 * in it nothing: a write would need the lock a writer may hold. */
int store_begin_read(struct store *s, struct qc_err *e);
int store_commit(struct store *s, struct qc_err *e);
void store_rollback(struct store *s);

/*
 * Prepare fixed SQL text; on failure fills e with the SQLite message and
 * returns NULL. The caller finalizes the statement.
 */
sqlite3_stmt *store_prepare(struct store *s, const char *sql, struct qc_err *e);
/*
 * The statement for sql, prepared once per open project and kept (for
 * statements run once per file or per item of a long command, where
 * preparing again costs more than running). It comes reset, with no
 * bindings; the store owns it: never finalize it, and reset it after use
 * (a query left mid-way keeps its read open). sql must be a string
 * constant: it is the cache key.
 */
sqlite3_stmt *store_cached(struct store *s, const char *sql, struct qc_err *e);
/* Run SQL text that has no parameters and returns no rows. */
int store_exec(struct store *s, const char *sql, struct qc_err *e);
/* Column i of st's current row as a new string (caller frees); NULL for
 * SQL NULL. */
char *store_col_dup(sqlite3_stmt *st, int i);
/* Fill e from the connection's last error: "what: sqlite message". */
int store_fail(struct store *s, struct qc_err *e, const char *what);

/* The first column of the first row of sql (no parameters), or fallback
 * when there is no row or the statement fails. */
long long store_int(struct store *s, const char *sql, long long fallback);

/* Can the audit log take a line now? 0, or -QC_EIO when the project is
 * read-only: a look at real names or an output is then not allowed. */
int store_audit_ready(struct store *s, const char *command,
		      struct qc_err *e);
/* Make every participant without a person one of its own (named by its
 * label, with its GUID when free); store_commit does it before the
 * outermost commit. Returns 0 or -QC_EIO. */
int store_persons_fill(struct store *s, struct qc_err *e);
/* Record a change in the audit log: command and a one-line detail. */
int store_audit(struct store *s, const char *command, const char *detail,
		struct qc_err *e);
/* store_audit in a transaction of its own (or the caller's, when one is
 * open): for commands that only read, such as a look at real names. */
int store_log(struct store *s, const char *command, const char *detail,
	      struct qc_err *e);

/*
 * Purging a source, in two steps. store_purge_prepare runs inside the
 * caller's transaction, before the source's rows are deleted: it removes
 * what outside those rows still holds its text (audit details naming it,
 * saved search results reaching into it) and marks the project. After
 * the commit, store_wipe (outside any transaction) merges the full-text
 * index so no deleted term stays in its pages, rewrites the file with
 * VACUUM, clears the mark and empties the WAL. A kill between steps
 * leaves a consistent project with the mark set; store_wipe_pending
 * finishes the work then (a no-op without the mark). Return 0 or -code.
 */
#define STORE_PURGE_KEY "purge_pending"
int store_purge_prepare(struct store *s, long long sid, struct qc_err *e);
int store_wipe(struct store *s, struct qc_err *e);
/* VACUUM (outside any transaction), its temporary copy of the project in
 * a file, not in memory. */
int store_vacuum(struct store *s, struct qc_err *e);
int store_wipe_pending(struct store *s, struct qc_err *e);

/* Project settings (title, lang, and the attributes of `project set`). */
/* Returns a newly allocated string (caller frees) or NULL when unset. */
char *store_get_setting(struct store *s, const char *key);

/* The statement that makes the full-text table over segments for a
 * language (nl, en): one definition for migrations and reindex. Caller
 * frees. */
char *store_fts_table_sql(const char *lang);

/*
 * A source's text is kept once. When sources.framed is 1, sources.text
 * holds only its frame: the text outside the turns (labels, line breaks,
 * a header), and each turn's text is in segments.text alone. Whoever
 * writes a source and its turns either stores the whole text with framed
 * 0, or the frame with framed 1 and turns that are exact, ordered spans.
 *
 * store_text_frame: text without the byte spans [spans[2i], spans[2i+1])
 * into frame (reset first). Returns 1, or 0 (frame unusable) when the
 * spans are not in order, overlap or run past len.
 */
int store_text_frame(const char *text, size_t len, const size_t *spans,
		     size_t n, struct qc_buf *frame);

/* Source sid, stored whole (framed 0), framed when its turns fit. For
 * writers that copy a whole text and then its turns. Returns 0 or -code. */
int store_frame_source(struct store *s, long long sid, struct qc_err *e);
/* The same for every source stored whole. Returns 0 or -code. */
int store_frame_all(struct store *s, struct qc_err *e);

/* Source sid's whole text into out (reset first), framed or not; SQL has
 * it as source_text(id) (and source_text(id, 'schema') for an attached
 * project). Returns 0, -QC_EDATA (no such source) or -QC_EIO. */
int store_source_text(struct store *s, long long sid, struct qc_buf *out,
		      struct qc_err *e);

/* Whoever inserts a segment indexes it with this statement, binding the
 * segment's id, text and speaker (no trigger does it: see store.c). */
#define STORE_FTS_INSERT \
	"INSERT INTO segments_fts(rowid, text, speaker) VALUES (?1, ?2, ?3)"
int store_set_setting(struct store *s, const char *key, const char *value,
		      struct qc_err *e);

/* The coder's row id, created on first use. Returns 0 or -code. */
int store_coder_id(struct store *s, const char *name, long long *id,
		   struct qc_err *e);

/* A new random GUID, upper-case 8-4-4-4-12 hex, into out. */
void store_new_guid(char out[37]);

/* The SQLite library's version; *fts5 is whether it has FTS5. */
const char *store_sqlite_version(int *fts5);

/* The current time as ISO 8601 UTC (QCODE_NOW overrides it, for tests). */
void store_now(char out[32]);

#endif
