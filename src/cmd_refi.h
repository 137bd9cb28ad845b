/* cmd_refi: REFI-QDA export, import, codebook exchange and validation. */
#ifndef QCODE_CMD_REFI_H
#define QCODE_CMD_REFI_H

#include "qcode/cli.h"

int cmd_export_qdpx(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_export_qdc(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_refi_import(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_refi_load(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_refi_check(struct qc_ctx *ctx, const struct qc_args *a);

/*
 * For the import and codebook commands of other modules: import a .qdpx
 * (the options of `refi import`) or load a .qdc into ctx's project.
 */
int cmd_refi_import_qdpx(struct qc_ctx *ctx, const char *file,
			 int into_existing, const char *loss_report);
int cmd_refi_load_qdc(struct qc_ctx *ctx, const char *file);

#endif
