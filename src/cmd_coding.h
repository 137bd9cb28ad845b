/* cmd_coding: tagging, suggestions, retrieval and memos. */
#ifndef QCODE_CMD_CODING_H
#define QCODE_CMD_CODING_H

#include "qcode/cli.h"

int cmd_tag(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_untag(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_autocode(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_suggestions(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_accept(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_reject(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_coded(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_freq(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_matrix(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_cooc(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_memo_add(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_memo_list(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_memo_edit(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_memo_rm(struct qc_ctx *ctx, const struct qc_args *a);

int cmd_quote_pin(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_quote_exclude(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_quote_clear(struct qc_ctx *ctx, const struct qc_args *a);

#endif
