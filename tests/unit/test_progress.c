/* Unit tests: progress (Ctrl-C stops SQLite statements and loops, an
 * output is not put in place after it, temporaries can be removed). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qcode/outfile.h"
#include "qcode/progress.h"
#include "unit.h"

TEST(sigint_stops_statements_and_loops)
{
	sqlite3 *db;
	int rc;

	progress_catch(1);	/* as at the prompt: a signal never exits */
	progress_reset();
	CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
	progress_watch(db);
	progress_begin("counting", "rows", 10);
	CHECK(progress_step(1) == 0);
	CHECK(!progress_cancelled());
	raise(SIGINT);
	CHECK(progress_cancelled());
	CHECK(progress_step(2) == 1);
	rc = sqlite3_exec(db, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL"
			  " SELECT x + 1 FROM c WHERE x < 10000000)"
			  " SELECT count(*) FROM c", NULL, NULL, NULL);
	CHECK(rc == SQLITE_INTERRUPT);
	progress_end();
	progress_reset();
	CHECK(!progress_cancelled());
	rc = sqlite3_exec(db, "SELECT 1", NULL, NULL, NULL);
	CHECK(rc == SQLITE_OK);
	sqlite3_close(db);
}

TEST(no_output_after_a_cancel)
{
	struct outfile of;
	struct qc_err e = QC_ERR_INIT;
	struct stat sb;

	unlink("cancel.txt");
	CHECK(outfile_open(&of, "cancel.txt", 0, &e) == 0);
	CHECK(outfile_write(&of, "x", 1, &e) == 0);
	char *tmp = strdup(of.tmp);
	raise(SIGINT);
	CHECK(outfile_commit(&of, &e) == -QC_EIO);
	CHECK(strstr(e.msg.buf, "cancelled") != NULL);
	CHECK(stat("cancel.txt", &sb) != 0);
	CHECK(stat(tmp, &sb) != 0);
	progress_reset();
	free(tmp);
	qc_err_release(&e);
}

TEST(temporaries_removed_at_once)
{
	struct outfile of;
	struct qc_err e = QC_ERR_INIT;
	struct stat sb;

	CHECK(outfile_open(&of, "half.txt", 0, &e) == 0);
	char *tmp = strdup(of.tmp);
	CHECK(stat(tmp, &sb) == 0);
	outfile_remove_temps();
	CHECK(stat(tmp, &sb) != 0);
	outfile_abort(&of);
	free(tmp);
	qc_err_release(&e);
}

int main(void)
{
	RUN(sigint_stops_statements_and_loops);
	RUN(no_output_after_a_cancel);
	RUN(temporaries_removed_at_once);
	UNIT_DONE();
}
