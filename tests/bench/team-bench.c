/*
 * team-bench: what tests/bench/70-team.sh needs.
 *   team-bench codings DB CODERS [SEED]  codings of 20 codes (t1..t20, added
 *                                when missing) by the coders named in
 *                                CODERS ("c1,c2,c3"), one a segment: a code
 *                                applies to 1% of the segments; a coder
 *                                codes 85% of those and 0.4% of the rest.
 *                                One transaction; prints the codings added.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

static unsigned long long rng;

static double unif(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) * (1.0 / 9007199254740992.0);
}

static void die(sqlite3 *d, const char *what)
{
	fprintf(stderr, "team-bench: %s: %s\n", what, sqlite3_errmsg(d));
	exit(3);
}

int main(int argc, char **argv)
{
	sqlite3 *d;
	sqlite3_stmt *seg, *ins;
	long long coder[16], added = 0, code[20], n = 0;
	int ncoders = 0;
	char *list, *save = NULL;

	if (argc < 4 || strcmp(argv[1], "codings")) {
		fprintf(stderr, "usage: team-bench codings DB CODERS [SEED]\n");
		return 1;
	}
	rng = argc > 4 ? strtoull(argv[4], NULL, 10) : 88172645463325252ULL;
	if (sqlite3_open(argv[2], &d) != SQLITE_OK)
		die(d, "open");
	sqlite3_exec(d, "BEGIN", NULL, NULL, NULL);
	list = strdup(argv[3]);
	for (char *t = strtok_r(list, ",", &save); t && ncoders < 16;
	     t = strtok_r(NULL, ",", &save)) {
		sqlite3_stmt *st;
		char *q = sqlite3_mprintf("INSERT OR IGNORE INTO coders(name, guid)"
			" VALUES (%Q, lower(printf('%%08X-0000-4000-8000-%%012X',"
			" abs(random()) %% 4294967295, abs(random()) %%"
			" 281474976710655)))", t);
		if (sqlite3_exec(d, q, NULL, NULL, NULL) != SQLITE_OK)
			die(d, "coder");
		sqlite3_free(q);
		sqlite3_prepare_v2(d, "SELECT id FROM coders WHERE name = ?", -1, &st,
				   NULL);
		sqlite3_bind_text(st, 1, t, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			coder[ncoders++] = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	free(list);
	if (sqlite3_exec(d, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT"
			 " i + 1 FROM n WHERE i < 20) INSERT OR IGNORE INTO"
			 " codes(guid, short_id, name, ordinal) SELECT"
			 " printf('EEEEEEEE-0000-4000-8000-%012d', i), 't' || i,"
			 " 'Thema ' || i, i FROM n", NULL, NULL, NULL) != SQLITE_OK)
		die(d, "codes");
	for (int k = 0; k < 20; k++) {
		sqlite3_stmt *st;
		char q[80];
		snprintf(q, sizeof(q), "SELECT id FROM codes WHERE short_id = 't%d'",
			 k + 1);
		sqlite3_prepare_v2(d, q, -1, &st, NULL);
		if (sqlite3_step(st) != SQLITE_ROW)
			die(d, "code");
		code[k] = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_prepare_v2(d, "SELECT id, source_id, start_cp, end_cp FROM segments"
			   " ORDER BY id", -1, &seg, NULL);
	if (sqlite3_prepare_v2(d, "INSERT OR IGNORE INTO codings(guid, code_id,"
			       " source_id, segment_id, start_cp, end_cp, coder_id,"
			       " created_at) VALUES (printf('%08X-%04X-4%03X-8%03X-"
			       "%012X', ?1, ?2, ?3 % 4096, ?4 % 4096, ?5), ?2, ?6, ?5,"
			       " ?7, ?8, ?4, '2026-01-15T10:00:00Z')", -1, &ins,
			       NULL) != SQLITE_OK)
		die(d, "insert");
	while (sqlite3_step(seg) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(seg, 0);
		for (int k = 0; k < 20; k++) {
			int applies = unif() < 0.01;
			for (int c = 0; c < ncoders; c++) {
				if (unif() >= (applies ? 0.85 : 0.004))
					continue;
				sqlite3_bind_int64(ins, 1, (long long)(rng & 0xFFFFFFFF));
				sqlite3_bind_int64(ins, 2, code[k]);
				sqlite3_bind_int64(ins, 3, n++);
				sqlite3_bind_int64(ins, 4, coder[c]);
				sqlite3_bind_int64(ins, 5, id);
				sqlite3_bind_int64(ins, 6, sqlite3_column_int64(seg, 1));
				sqlite3_bind_int64(ins, 7, sqlite3_column_int64(seg, 2));
				sqlite3_bind_int64(ins, 8, sqlite3_column_int64(seg, 3));
				if (sqlite3_step(ins) != SQLITE_DONE)
					die(d, "coding");
				added += sqlite3_changes(d);
				sqlite3_reset(ins);
			}
		}
	}
	sqlite3_finalize(seg);
	sqlite3_finalize(ins);
	if (sqlite3_exec(d, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die(d, "commit");
	sqlite3_close(d);
	printf("%lld\n", added);
	return 0;
}
