/* cmd_core: init, info, help, version, project settings, the audit log. */
#ifndef QCODE_CMD_CORE_H
#define QCODE_CMD_CORE_H

#include "qcode/cli.h"

int cmd_init(struct qc_ctx *ctx, int argc, char **argv);
int cmd_info(struct qc_ctx *ctx, int argc, char **argv);
int cmd_help(struct qc_ctx *ctx, int argc, char **argv);
int cmd_version(struct qc_ctx *ctx, int argc, char **argv);
int cmd_project_set(struct qc_ctx *ctx, int argc, char **argv);
int cmd_project_show(struct qc_ctx *ctx, int argc, char **argv);
int cmd_log(struct qc_ctx *ctx, int argc, char **argv);

#endif
