/* cmd_persons: persons, participant links and typed attributes. */
#ifndef QCODE_CMD_PERSONS_H
#define QCODE_CMD_PERSONS_H

#include "qcode/cli.h"

int cmd_participant_link(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_participant_unlink(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_persons(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_person_show(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_person_set(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_attribute_add(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_attribute_rm(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_attributes(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_attribute_import(struct qc_ctx *ctx, const struct qc_args *a);

#endif
