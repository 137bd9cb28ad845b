/* cmd_search: search, hits and reindex. */
#ifndef QCODE_CMD_SEARCH_H
#define QCODE_CMD_SEARCH_H

#include "qcode/cli.h"

int cmd_search(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_hits(struct qc_ctx *ctx, const struct qc_args *a);
int cmd_reindex(struct qc_ctx *ctx, const struct qc_args *a);

#endif
