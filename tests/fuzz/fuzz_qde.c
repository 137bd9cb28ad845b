/* libFuzzer target: a REFI-QDA project file (project.qde), read by the
 * importer into a project, or (first byte odd) a codebook (.qdc). Each
 * input runs inside a transaction that is rolled back, so the project
 * stays empty and every input meets the same state. Seed it with the
 * project files of the archives in tests/fixtures/refi/. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcode/refi.h"
#include "qcode/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *project;
static char *qde_path, *qdc_path;

static void cleanup(void)
{
	char *db = project ? project->path : NULL;
	char *dir = NULL;

	if (qde_path) {
		unlink(qde_path);
		unlink(qdc_path);
	}
	if (db) {
		char *wal = NULL, *shm = NULL;
		dir = xstrdup(db);
		wal = xasprintf("%s-wal", db);
		shm = xasprintf("%s-shm", db);
		store_close(project);
		unlink(dir);
		unlink(wal);
		unlink(shm);
		free(wal);
		free(shm);
		*strrchr(dir, '/') = '\0';
		rmdir(dir);
		free(dir);
	}
	free(qde_path);
	free(qdc_path);
}

static void setup(void)
{
	char tmpl[] = "/tmp/qcode-fuzz-qde.XXXXXX";
	struct qc_err e = QC_ERR_INIT;
	char *db;

	if (!mkdtemp(tmpl))
		abort();
	db = xasprintf("%s/p.db", tmpl);
	if (store_create(db, "fuzz", "nl", &project, &e) < 0) {
		fprintf(stderr, "fuzz_qde: %s\n", e.msg.buf);
		abort();
	}
	free(db);
	qc_err_release(&e);
	qde_path = xasprintf("%s/project.qde", tmpl);
	qdc_path = xasprintf("%s/codebook.qdc", tmpl);
	atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct refi_import_opts o = { 1, NULL, NULL };
	struct refi_loss loss;
	struct qc_err e = QC_ERR_INIT;
	int qdc = size > 0 && (data[0] & 1);
	const char *path;
	FILE *f;

	if (!project)
		setup();
	path = qdc ? qdc_path : qde_path;
	if (!(f = fopen(path, "wb")))
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	refi_loss_init(&loss);
	/* the importer's own transaction nests in this one */
	if (store_begin(project, &e) < 0)
		abort();
	if (qdc)
		refi_load_qdc(project, path, NULL, NULL, &loss, &e);
	else
		refi_import_file(project, path, &o, NULL, &loss, &e);
	store_rollback(project);
	refi_loss_release(&loss);
	qc_err_release(&e);
	return 0;
}
