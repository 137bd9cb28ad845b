/*
 * import-bare: the bare baseline of the import benchmark. Reads the
 * corpus-gen files, splits them into turns at "Name:" line starts, and
 * inserts each turn with one prepared INSERT into a table with a bare
 * external-content FTS5 table over it (unicode61, remove_diacritics 2,
 * SQLite's default settings) inside one transaction. MODE "trigger" keeps
 * the index in step with the AFTER INSERT trigger of SQLite's documentation
 * for external content; "direct" feeds it with a second prepared INSERT,
 * as qcode does: a trigger makes each insert a statement with its own
 * journal, at which FTS5 flushes its pending terms. "stem" feeds it
 * directly too, through qcode's own tokenizer (stem.c, "qcode nl", with
 * qcode's hashsize), so the ratio against it measures qcode's own work and
 * not stemming.
 * The time runs from the first file read to the close of the database
 * (which checkpoints the WAL into the file, as qcode's close does).
 * Usage: import-bare DB DIR MODE. Prints
 * "SECONDS BYTES TURNS" (bytes of turn text).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <time.h>

#include "qcode/stem.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st, *fts;
	int trigger, stem;
	struct qc_err err;
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	long long bytes = 0, turns = 0;
	double t0;

	if (argc != 4 || (strcmp(argv[3], "trigger") && strcmp(argv[3], "direct") &&
			  strcmp(argv[3], "stem")) ||
	    sqlite3_open(argv[1], &db) != SQLITE_OK)
		return 2;
	trigger = !strcmp(argv[3], "trigger");
	stem = !strcmp(argv[3], "stem");
	qc_err_init(&err);
	if (stem && stem_register(db, &err) < 0)
		return 2;
	qc_err_release(&err);
	sqlite3_exec(db, "PRAGMA journal_mode=WAL;"
		     "CREATE TABLE seg(id INTEGER PRIMARY KEY, source INTEGER,"
		     " speaker TEXT, text TEXT);", NULL, NULL, NULL);
	sqlite3_exec(db, stem ?
		     "CREATE VIRTUAL TABLE seg_fts USING fts5(text, speaker,"
		     " content='seg', content_rowid='id', tokenize='qcode nl');"
		     "INSERT INTO seg_fts(seg_fts, rank) VALUES('hashsize', 33554432);" :
		     "CREATE VIRTUAL TABLE seg_fts USING fts5(text, speaker,"
		     " content='seg', content_rowid='id',"
		     " tokenize='unicode61 remove_diacritics 2');", NULL, NULL,
		     NULL);
	if (trigger)
		sqlite3_exec(db, "CREATE TRIGGER seg_ai AFTER INSERT ON seg BEGIN"
			     " INSERT INTO seg_fts(rowid, text, speaker) VALUES"
			     " (new.id, new.text, new.speaker); END;", NULL, NULL,
			     NULL);
	if (!(d = opendir(argv[2])))
		return 1;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.') {
			names = realloc(names, (n + 1) * sizeof(char *));
			names[n++] = strdup(de->d_name);
		}
	closedir(d);
	qsort(names, n, sizeof(char *), cmp);
	t0 = now();
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO seg(source, speaker, text)"
			   " VALUES (?, ?, ?)", -1, &st, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO seg_fts(rowid, speaker, text)"
			   " VALUES (?, ?, ?)", -1, &fts, NULL);
	for (size_t i = 0; i < n; i++) {
		char path[4096], *buf, *p;
		FILE *f;
		long len;

		snprintf(path, sizeof(path), "%s/%s", argv[2], names[i]);
		if (!(f = fopen(path, "rb")))
			return 1;
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		rewind(f);
		buf = malloc((size_t)len + 1);
		if (fread(buf, 1, (size_t)len, f) != (size_t)len)
			return 1;
		buf[len] = '\0';
		fclose(f);
		/* skip the front matter */
		p = strstr(buf, "\n---\n");
		p = p ? p + 5 : buf;
		while (*p) {
			char *nl = strchr(p, '\n'), *colon = strchr(p, ':');
			size_t ll = nl ? (size_t)(nl - p) : strlen(p);
			if (colon && colon < p + ll) {
				sqlite3_reset(st);
				sqlite3_bind_int64(st, 1, (long long)i);
				sqlite3_bind_text(st, 2, p, (int)(colon - p), SQLITE_STATIC);
				sqlite3_bind_text(st, 3, colon + 2,
						  (int)(ll - (size_t)(colon + 2 - p)),
						  SQLITE_STATIC);
				sqlite3_step(st);
				if (!trigger) {
					sqlite3_reset(fts);
					sqlite3_bind_int64(fts, 1, sqlite3_last_insert_rowid(db));
					sqlite3_bind_text(fts, 2, p, (int)(colon - p), SQLITE_STATIC);
					sqlite3_bind_text(fts, 3, colon + 2,
							  (int)(ll - (size_t)(colon + 2 - p)),
							  SQLITE_STATIC);
					sqlite3_step(fts);
				}
				bytes += (long long)ll - (colon + 2 - p);
				turns++;
			}
			p += ll + (nl ? 1 : 0);
		}
		free(buf);
		free(names[i]);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(fts);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	/* the close is timed too: it checkpoints the WAL into the file, which
	 * qcode's time (the whole process) includes */
	sqlite3_close(db);
	printf("%.3f %lld %lld\n", now() - t0, bytes, turns);
	free(names);
	return 0;
}
