/*
 * out_xlsx: rows as a spreadsheet (Office Open XML) through libxlsxwriter,
 * written to outfile's temporary and renamed into place like every output.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "qcode/out.h"
#include "qcode/outfile.h"

int out_rows_xlsx(const struct out_rows *r, const char *path,
		  const char *sheet, struct qc_err *e)
{
	struct outfile o;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_error err = LXW_NO_ERROR;
	size_t nrows = out_rows_count(r);
	int rc;

	if (!qc_has_ext(path, ".xlsx"))
		return qc_err_set(e, QC_EUSAGE, "--xlsx writes FILE.xlsx, not"
				  " '%s'", path);
	/* libxlsxwriter writes a file by name: the temporary's */
	if ((rc = outfile_open(&o, path, OUTFILE_PRIVATE | OUTFILE_SEEKABLE,
			       e)) < 0)
		return rc;
	wb = workbook_new(o.tmp);
	ws = wb ? workbook_add_worksheet(wb, sheet) : NULL;
	if (!ws) {
		if (wb)
			workbook_close(wb);
		outfile_abort(&o);
		return qc_err_set(e, QC_EIO, "cannot write '%s': %s", path,
				  strerror(errno ? errno : ENOMEM));
	}
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (int c = 0; c < r->ncols; c++) {
		if (r->cols[c].flags & OUT_NOTABLE)
			continue;
		worksheet_write_string(ws, 0, (lxw_col_t)c, r->cols[c].head, bold);
	}
	for (size_t i = 0; i < nrows && err == LXW_NO_ERROR; i++)
		for (int c = 0; c < r->ncols && err == LXW_NO_ERROR; c++) {
			const char *v = r->cells[i * (size_t)r->ncols + (size_t)c].s;
			lxw_row_t row = (lxw_row_t)(i + 1);
			if (!v || (r->cols[c].flags & OUT_NOTABLE))
				continue;
			/* numbers stay numbers, so a spreadsheet can sum them;
			 * a cell it cannot hold (over 32,767 characters) fails
			 * the file rather than leaving the cell blank */
			if (r->cols[c].type == OUT_INT || r->cols[c].type == OUT_REAL)
				err = worksheet_write_number(ws, row,
					(lxw_col_t)c, strtod(v, NULL), NULL);
			else
				err = worksheet_write_string(ws, row,
					(lxw_col_t)c, v, NULL);
		}
	if (err != LXW_NO_ERROR) {
		workbook_close(wb);
		outfile_abort(&o);
		return qc_err_set(e, QC_EDATA, "cannot write '%s': %s", path,
				  lxw_strerror(err));
	}
	worksheet_freeze_panes(ws, 1, 0);
	if ((err = workbook_close(wb)) != LXW_NO_ERROR) {
		outfile_abort(&o);
		return qc_err_set(e, QC_EIO, "cannot write '%s': %s", path,
				  lxw_strerror(err));
	}
	return outfile_commit(&o, e);
}
