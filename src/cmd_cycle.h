/* cmd_cycle: the learning team's meetings, review notes and priorities,
 * actions, decisions and lessons. */
#ifndef QCODE_CMD_CYCLE_H
#define QCODE_CMD_CYCLE_H

#include "qcode/cli.h"

int cmd_meeting_add(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_meeting_list(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_meeting_show(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_meeting_set(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_meeting_rm(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_review_note(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_review_priority(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_review_list(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_action_add(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_action_set(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_action_evaluate(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_action_list(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_action_show(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_action_rm(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_decision_add(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_decision_list(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_decision_rm(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_lesson_add(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_lesson_list(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_lesson_rm(struct qc_ctx *ctx, const struct qc_args *a);

#endif
