/* cmd_refi: REFI-QDA export, import, codebook exchange and validation. */
#ifndef QCODE_CMD_REFI_H
#define QCODE_CMD_REFI_H

#include "qcode/cli.h"
#include "qcode/refi.h"

int cmd_export_qdpx(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_export_qdc(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_refi_import(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_refi_load(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_refi_check(struct qc_ctx *ctx, const struct qc_args *a);

/*
 * For the import command: after a REFI-QDA project file came in, write
 * the loss report (when one is asked) and show what came in, as `refi
 * import` does. Returns 0 or -code with ctx->err set.
 */
int cmd_refi_imported(struct qc_ctx *ctx, const char *file,
		      const char *loss_report, int created,
		      const struct refi_counts *c,
		      const struct refi_loss *loss);

/* Write the codebook as a .qdc, redacted, and log it as cmd. For export
 * qdc and codebook export. Returns 0 or -code with ctx->err set. */
int cmd_refi_write_qdc(struct qc_ctx *ctx, const char *out,
		       struct refi_counts *c, const char *cmd);

/* For the codebook command: load a .qdc into ctx's project. */
int cmd_refi_load_qdc(struct qc_ctx *ctx, const char *file);

#endif
