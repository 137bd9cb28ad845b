/* cmd_privacy: pseudonyms and redaction. */
#ifndef QCODE_CMD_PRIVACY_H
#define QCODE_CMD_PRIVACY_H

#include "qcode/cli.h"

int cmd_pseudonymise(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_redact(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_redact_name(struct qc_ctx *ctx, const struct qc_args *a);

#endif
