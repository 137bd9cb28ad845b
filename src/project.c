/* project: the project's summary, settings and audit log for display. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "qcode/project.h"

static long long file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

int project_info(struct store *s, struct project_info *pi, struct qc_err *e)
{
	static const struct { const char *name, *sql; } counts[] = {
		{ "sources", "SELECT count(*) FROM sources" },
		{ "segments", "SELECT count(*) FROM segments" },
		{ "participants", "SELECT count(*) FROM participants" },
		{ "codes", "SELECT count(*) FROM codes" },
		{ "codings", "SELECT count(*) FROM codings" },
		{ "memos", "SELECT count(*) FROM memos" },
	};
	char *wal = xasprintf("%s-wal", s->path);

	(void)e;
	_Static_assert(sizeof(counts) / sizeof(counts[0]) == PROJECT_NCOUNTS,
		       "one count per name");
	pi->title = store_get_setting(s, "title");
	pi->lang = store_get_setting(s, "lang");
	pi->bytes = file_size(s->path) + file_size(wal);
	free(wal);
	for (size_t i = 0; i < PROJECT_NCOUNTS; i++) {
		pi->counts[i].name = counts[i].name;
		pi->counts[i].n = store_int(s, counts[i].sql, -1);
	}
	return 0;
}

void project_info_release(struct project_info *pi)
{
	free(pi->title);
	free(pi->lang);
	pi->title = pi->lang = NULL;
}

void project_rows_release(struct project_rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		for (int k = 0; k < 5; k++)
			free(r->v[i].cells[k]);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* Every row of a prepared statement, its first ncols columns as text. */
static int read_rows(sqlite3_stmt *st, int ncols, struct project_rows *out)
{
	size_t alloc = 0;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct project_row *r;
		QC_GROW(out->v, out->n, alloc);
		r = &out->v[out->n++];
		memset(r, 0, sizeof(*r));
		for (int k = 0; k < ncols; k++) {
			const char *t = (const char *)sqlite3_column_text(st, k);
			r->cells[k] = t ? xstrdup(t) : NULL;
		}
	}
	sqlite3_finalize(st);
	return 0;
}

int project_settings(struct store *s, struct project_rows *out,
		     struct qc_err *e)
{
	return read_rows(store_prepare(s, "SELECT key, value FROM settings"
				       " ORDER BY key", e), 2, out);
}

/* Keys of `project set` that reports read; others are allowed too. */
static int setting_is_internal(const char *key)
{
	return strcmp(key, "lang") == 0;
}

int project_set(struct store *s, const char *key, const char *value,
		struct qc_err *e)
{
	int rc;

	if (setting_is_internal(key))
		return qc_err_set(e, QC_EUSAGE, "'%s' is changed with"
				  " 'reindex --lang'", key);
	if (!*key)
		return qc_err_set(e, QC_EUSAGE, "empty key");
	if ((rc = store_set_setting(s, key, value, e)) < 0)
		return rc;
	return store_audit(s, "project set", key, e);
}

int project_log(struct store *s, long limit, struct project_rows *out,
		struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT id, at, who, command, detail"
					 " FROM audit ORDER BY id DESC LIMIT ?", e);

	if (st)
		sqlite3_bind_int64(st, 1, limit);
	return read_rows(st, 5, out);
}
