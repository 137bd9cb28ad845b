/* cmd_report: the report commands. */
#ifndef QCODE_CMD_REPORT_H
#define QCODE_CMD_REPORT_H

#include "qcode/cli.h"

int cmd_report_lessons(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_report_review(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_report_codebook(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_report_cycle(struct qc_ctx *ctx, const struct qc_args *a);
/* A template's problems ("file:line:col: ..." lines) on stderr. */
void cmd_report_problems(struct qc_ctx *ctx, const char *problems);

#endif
