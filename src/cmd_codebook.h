/* cmd_codebook: the codebook and code commands. */
#ifndef QCODE_CMD_CODEBOOK_H
#define QCODE_CMD_CODEBOOK_H

#include "qcode/cli.h"

int cmd_codebook_load(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_codebook_check(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_codebook_export(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_codes(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_code_add(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_code_rename(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_code_move(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_code_merge(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_code_rm(struct qc_ctx *ctx, const struct qc_args *a);

#endif
