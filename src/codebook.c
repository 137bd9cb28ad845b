/* codebook: the codes of a project. */
#include <string.h>

#include "qcode/codebook.h"

int codebook_find(struct store *s, const char *ref, long long *id,
		  struct qc_err *e)
{
	/* Exact short id or GUID first, then the name ignoring case. */
	static const char *const sql[] = {
		"SELECT id FROM codes WHERE short_id = ?1 OR lower(guid) = lower(?1)",
		"SELECT id FROM codes WHERE name = ?1 COLLATE NOCASE",
	};
	for (size_t q = 0; q < 2; q++) {
		sqlite3_stmt *st = store_prepare(s, sql[q], e);
		int n = 0;

		if (!st)
			return -QC_EIO;
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			*id = sqlite3_column_int64(st, 0);
			n++;
		}
		sqlite3_finalize(st);
		if (n == 1)
			return 0;
		if (n > 1)
			return qc_err_set(e, QC_EDATA,
					  "code '%s' is ambiguous: several codes"
					  " have that name; use its short id", ref);
	}
	return qc_err_set(e, QC_EDATA, "unknown code '%s' (see 'qcode codes')",
			  ref);
}
