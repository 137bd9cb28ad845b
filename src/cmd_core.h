/* cmd_core: init, info, help, version, project settings, the audit log. */
#ifndef QCODE_CMD_CORE_H
#define QCODE_CMD_CORE_H

#include "qcode/cli.h"

int cmd_init(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_info(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_help(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_version(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_completion(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_project_set(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_project_show(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_log(struct qc_ctx *ctx, const struct qc_args *a);

#endif
