/* cmd_team: commands for coding as a team. */
#ifndef QCODE_CMD_TEAM_H
#define QCODE_CMD_TEAM_H

#include "qcode/cli.h"

int cmd_clone(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_merge(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_done(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_agreement(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_disagreements(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_report_agreement(struct qc_ctx *ctx, const struct qc_args *a);

#endif
