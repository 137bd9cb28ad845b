/*
 * project: what a project holds, its settings and its audit log, as the
 * core commands show and change them. The settings and audit tables are
 * store's; this module reads them for display. Functions return 0 or a
 * negative code with e filled; their messages never name a command.
 */
#ifndef QCODE_PROJECT_H
#define QCODE_PROJECT_H

#include "qcode/store.h"

#define PROJECT_NCOUNTS 6

struct project_info {
	char *title, *lang;	/* NULL when unset */
	long long bytes;	/* the file and its WAL */
	struct {
		const char *name;	/* "sources", "segments", ... */
		long long n;		/* -1 when it cannot be counted */
	} counts[PROJECT_NCOUNTS];
};

/* Fill *pi; project_info_release frees its strings. */
int project_info(struct store *s, struct project_info *pi, struct qc_err *e);
void project_info_release(struct project_info *pi);

/* One setting or one audit entry; NULL fields were NULL in the table. */
struct project_row {
	char *cells[5];		/* settings: key, value; log: id, at, who,
				 * command, detail */
};

struct project_rows {
	struct project_row *v;	/* project_rows_release frees */
	size_t n;
};

void project_rows_release(struct project_rows *r);

/* Every setting, by key. */
int project_settings(struct store *s, struct project_rows *out,
		     struct qc_err *e);

/* Set a project attribute and log it; keys the project keeps for itself
 * (lang, changed by reindex) and an empty key are refused (-QC_EUSAGE). */
int project_set(struct store *s, const char *key, const char *value,
		struct qc_err *e);

/* The newest `limit` audit entries, newest first. */
int project_log(struct store *s, long limit, struct project_rows *out,
		struct qc_err *e);

#endif
