/* cmd_revise: correcting a source's text after coding, and its versions. */
#ifndef QCODE_CMD_REVISE_H
#define QCODE_CMD_REVISE_H

#include "qcode/cli.h"

int cmd_source_edit(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_source_replace(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_source_history(struct qc_ctx *ctx, const struct qc_args *a);

#endif
