/* cmd_import: the commands that bring sources in and show them. */
#ifndef QCODE_CMD_IMPORT_H
#define QCODE_CMD_IMPORT_H

#include "qcode/cli.h"

int cmd_import(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_sources(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_show(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_source_set(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_source_rm(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_participants(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_participant_set(struct qc_ctx *ctx, const struct qc_args *a);

#endif
