/*
 * commands: the one command table. Each block lists one module's commands;
 * their run functions live in src/cmd_MODULE.c, declared in cmd_MODULE.h.
 * Names of two words ("code add") are matched before one-word names.
 */
#include <stddef.h>

#include "qcode/cli.h"
#include "cmd_core.h"
/* includes: import */
/* includes: search */
#include "cmd_search.h"
/* includes: coding */
/* includes: report */
/* includes: privacy */
/* includes: refi */
/* includes: team */

#define P QC_NEEDS_PROJECT
#define W (QC_NEEDS_PROJECT | QC_WRITES)

const struct qc_cmd qc_commands[] = {
	/* core */
	{ "init", "[--title T] [--lang nl|en]",
	  "create a new project file", 0, 0, 0, cmd_init },
	{ "info", "", "what the project holds", 0, 0, P, cmd_info },
	{ "help", "[COMMAND]", "list commands, or explain one", 0, 2, 0, cmd_help },
	{ "version", "", "qcode's version and its libraries'", 0, 0, 0, cmd_version },
	{ "project set", "KEY VALUE",
	  "set a project attribute (title, subtitle, period, ...)", 2, 2, W,
	  cmd_project_set },
	{ "project show", "", "list the project attributes", 0, 0, P,
	  cmd_project_show },
	{ "log", "[--limit N]", "the audit log, newest first", 0, 0, P, cmd_log },

	/* import */

	/* search */
	{ "search", "QUERY... [--regex] [--exact] [--kind K] [--source S1,S4]"
	  " [--speaker L] [--role R] [--attr K=V] [--coded C] [--not-coded C]"
	  " [--coder N] [--since D] [--until D] [--order rank|doc] [--limit N]"
	  " [--context N] [--full] [--count] [--tsv]",
	  "find words (FTS5) or patterns (--regex) in the segments", 1, -1,
	  W | QC_NO_HISTORY, cmd_search },
	{ "hits", "[--context N] [--full] [--tsv]",
	  "show the last search's hits again", 0, 0, P, cmd_hits },
	{ "reindex", "[--lang nl|en]",
	  "rebuild the full-text index (in another language)", 0, 0, W,
	  cmd_reindex },

	/* coding */

	/* report */

	/* privacy */

	/* refi */

	/* team */

	{ NULL, NULL, NULL, 0, 0, 0, NULL },
};
