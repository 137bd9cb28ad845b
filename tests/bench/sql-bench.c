/*
 * sql-bench: the bare baselines of the coding benchmark, straight SQLite.
 *   sql-bench query DB RUNS SQL   run SQL (stepping every row) RUNS times;
 *                                 print the median seconds
 *   sql-bench tag DB CODE CODER   insert a coding of the segment of every
 *                                 hit of CODER's last search, one prepared
 *                                 INSERT in one transaction; print seconds
 *   sql-bench codings DB N        add N codings spread over segments, codes
 *                                 and three coders (the corpus for freq/cooc)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <time.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st;

	if (argc < 4 || sqlite3_open(argv[2], &db) != SQLITE_OK)
		return 2;
	if (!strcmp(argv[1], "query") && argc == 5) {
		int runs = atoi(argv[3]);
		double *t = calloc((size_t)runs, sizeof(double));
		for (int r = 0; r < runs; r++) {
			double t0 = now();
			if (sqlite3_prepare_v2(db, argv[4], -1, &st, NULL) != SQLITE_OK) {
				fprintf(stderr, "%s\n", sqlite3_errmsg(db));
				return 1;
			}
			while (sqlite3_step(st) == SQLITE_ROW)
				;
			sqlite3_finalize(st);
			t[r] = now() - t0;
		}
		qsort(t, (size_t)runs, sizeof(double), dcmp);
		printf("%.4f\n", t[runs / 2]);
		free(t);
	} else if (!strcmp(argv[1], "tag") && argc == 5) {
		sqlite3_stmt *ins;
		double t0 = now();
		long long n = 0;
		sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
		sqlite3_prepare_v2(db, "SELECT g.source_id, g.id, g.start_cp, g.end_cp"
				   " FROM hits h JOIN segments g ON g.id = h.segment_id"
				   " JOIN coders u ON u.id = h.coder_id WHERE u.name = ?",
				   -1, &st, NULL);
		sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO codings(guid, code_id,"
				   " source_id, segment_id, start_cp, end_cp, coder_id,"
				   " created_at) VALUES (lower(hex(randomblob(16))),"
				   " (SELECT id FROM codes WHERE short_id = ?1), ?2, ?3, ?4,"
				   " ?5, (SELECT id FROM coders WHERE name = ?6),"
				   " '2026-01-01T00:00:00Z')", -1, &ins, NULL);
		sqlite3_bind_text(st, 1, argv[4], -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			sqlite3_reset(ins);
			sqlite3_bind_text(ins, 1, argv[3], -1, SQLITE_STATIC);
			for (int k = 0; k < 4; k++)
				sqlite3_bind_int64(ins, k + 2, sqlite3_column_int64(st, k));
			sqlite3_bind_text(ins, 6, argv[4], -1, SQLITE_STATIC);
			sqlite3_step(ins);
			n++;
		}
		sqlite3_finalize(st);
		sqlite3_finalize(ins);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		printf("%.4f %lld\n", now() - t0, n);
	} else if (!strcmp(argv[1], "codings") && argc == 4) {
		long long want = atoll(argv[3]);
		char sql[1024];
		sqlite3_exec(db, "BEGIN;"
			"INSERT OR IGNORE INTO coders(name, guid) VALUES ('b1','B1'),"
			" ('b2','B2'), ('b3','B3');"
			"INSERT OR IGNORE INTO codes(guid, short_id, name, valence)"
			" WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
			" WHERE i < 40) SELECT 'G' || i, 'c' || i, 'Code ' || i,"
			" CASE i % 3 WHEN 0 THEN 'neutral' WHEN 1 THEN 'facilitating'"
			" ELSE 'hindering' END FROM n;", NULL, NULL, NULL);
		/* each segment gets codes by a fixed hash of its id: about
		 * want / segments codings each */
		snprintf(sql, sizeof(sql),
			"INSERT OR IGNORE INTO codings(guid, code_id, source_id,"
			" segment_id, start_cp, end_cp, coder_id, created_at)"
			" SELECT 'b' || g.id || '-' || k.n, (SELECT id FROM codes WHERE"
			" short_id = 'c' || (1 + (g.id * 7 + k.n * 13) %% 40)),"
			" g.source_id, g.id, g.start_cp, g.end_cp, (SELECT id FROM"
			" coders WHERE name = 'b' || (1 + (g.id + k.n) %% 3)),"
			" '2026-01-01T00:00:00Z' FROM segments g, (WITH RECURSIVE"
			" n(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM n WHERE n <"
			" (%lld + (SELECT count(*) FROM segments) - 1) / (SELECT"
			" count(*) FROM segments)) SELECT n FROM n) k", want);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
			fprintf(stderr, "%s\n", sqlite3_errmsg(db));
			return 1;
		}
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	} else {
		return 2;
	}
	sqlite3_close(db);
	return 0;
}
