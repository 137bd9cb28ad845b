/*
 * commands: the one command table. Each block lists one module's commands;
 * their run functions live in src/cmd_MODULE.c, declared in cmd_MODULE.h.
 * Names of two words ("code add") are matched before one-word names.
 * Each entry declares its options once: the dispatcher parses them,
 * `help CMD` and usage errors show them, the REPL completes them, and a
 * command is given no other.
 */
#include <stddef.h>

#include "qcode/cli.h"
#include "cmd_core.h"
/* includes: import */
#include "cmd_import.h"
/* includes: search */
#include "cmd_search.h"
/* includes: codebook */
#include "cmd_codebook.h"
/* includes: coding */
#include "cmd_coding.h"
/* includes: report */
#include "cmd_report.h"
/* includes: privacy */
#include "cmd_privacy.h"
/* includes: refi */
#include "cmd_refi.h"
/* includes: team */
#include "cmd_team.h"
/* includes: revise */
#include "cmd_revise.h"
/* includes: cycle */
#include "cmd_cycle.h"
/* includes: persons */
#include "cmd_persons.h"

#define P QC_NEEDS_PROJECT
#define W (QC_NEEDS_PROJECT | QC_WRITES)

/* A command's options, in the order its usage line shows them. */
#define OPTS(...) ((const struct qc_opt[]){ __VA_ARGS__, { .name = NULL } })
/* An option without a value; with one, shown as v. More fields (alias,
 * flags, type) follow as designated initializers. */
#define FLAG(n, h, ...) { .name = (n), .help = (h), __VA_ARGS__ }
#define VAL(n, v, h, ...) { .name = (n), .arg = (v), .help = (h), __VA_ARGS__ }

/* The file a command writes, -o or --output. */
#define OUTPUT(v, h) VAL("-o", v, h, .alias = "--output", .flags = QC_OPT_NEEDED)
#define TSV_CSV \
	FLAG("--tsv", "tab-separated, for scripts"), \
	FLAG("--csv", "comma-separated (RFC 4180), for spreadsheets", \
	     .flags = QC_OPT_OR)
#define REAL_NAMES(h) FLAG("--real-names", h)
#define XLSX VAL("--xlsx", "FILE.xlsx", "write the table as a spreadsheet" \
		 " (logged)")
#define CONTEXT VAL("--context", "N", "words of context around each match", \
		    .type = QC_VAL_COUNT)
#define FULL FLAG("--full", "whole segments instead of context")
/* The one filter (filter.h), in parts: which sources, which turns, whose
 * codings, which codes. Each command takes the parts that mean something
 * to it; every part means the same wherever it is taken. */
#define FILTER_SOURCES \
	VAL("--kind", "K", "only sources of this kind (K1,K2 for several)"), \
	VAL("--source", "S1,S4", "only these sources"), \
	VAL("--since", "D", "only sources dated from D (YYYY[-MM[-DD]])", \
	    .type = QC_VAL_DATE_PART), \
	VAL("--until", "D", "only sources dated until D (YYYY[-MM[-DD]])", \
	    .type = QC_VAL_DATE_PART)
#define FILTER_TURNS \
	VAL("--speaker", "L", "only this speaker (label or pseudonym)"), \
	VAL("--role", "R", "only speakers with this role"), \
	VAL("--attr", "K=V", "only sources or speakers with this attribute", \
	    .flags = QC_OPT_MANY), \
	VAL("--where", "K=V", "only fragments whose person (else source) has" \
	    " this value of a declared attribute", .flags = QC_OPT_MANY)
#define FILTER_CODED \
	VAL("--coded", "C", "only segments coded with C"), \
	VAL("--not-coded", "C", "only segments not coded with C")
/* The filter of the commands that read codings. */
#define FILTER_CODINGS FILTER_SOURCES, FILTER_TURNS, \
	VAL("--coder", "N", "only codings by this coder")
#define AGREEMENT_DATA \
	VAL("--coders", "A,B,...", "the coders to compare"), \
	VAL("--codes", "C,...", "only these codes"), \
	VAL("--sources", "S1,...", "only these sources (as --source)")
#define UNIT_HELP "the unit compared: segment, sentence or char"
#define CI VAL("--ci", "0.95", "the confidence level of the intervals", \
	       .type = QC_VAL_LEVEL)
#define REPORT_LANG VAL("--lang", "nl|en", "the report's language")
/* The options of the three theme reports. */
#define REPORT_OPTS \
	OUTPUT("FILE.pdf", "the PDF to write"), \
	REPORT_REST
#define REPORT_REST \
	REPORT_LANG, \
	VAL("--template", "FILE", "a YAML template read over the shipped one"), \
	VAL("--theme", "T", "only this theme", .flags = QC_OPT_MANY), \
	VAL("--kind", "K", "only sources of this kind", .flags = QC_OPT_MANY), \
	VAL("--font", "FILE.ttf", "draw with this TrueType font"), \
	VAL("--rules", "FILE", "redaction rules besides the project's"), \
	FLAG("--no-pseudonyms", "speakers by label, names kept in the text" \
	     " (logged)")

const struct qc_cmd qc_commands[] = {
	/* core */
	{ "init", "", "create a new project file", 0, 0, 0, cmd_init, OPTS(
	  VAL("--title", "T", "the project's title"),
	  VAL("--lang", "nl|en", "the language of the transcripts (default nl)")) },
	{ "info", "", "what the project holds", 0, 0, P, cmd_info, NULL },
	{ "help", "[COMMAND]", "list commands, or explain one", 0, 2, 0, cmd_help,
	  OPTS(FLAG("--man", "the whole manual page (troff), as man shows it")) },
	{ "completion", "bash|zsh",
	  "the shell's completion script for qcode, from this table", 1, 1, 0,
	  cmd_completion, NULL },
	{ "version", "", "qcode's version and its libraries'", 0, 0, 0,
	  cmd_version, NULL },
	{ "project set", "KEY VALUE",
	  "set a project attribute (title, subtitle, period, ...)", 2, 2, W,
	  cmd_project_set, NULL },
	{ "project show", "", "list the project attributes", 0, 0, P,
	  cmd_project_show, NULL },
	{ "log", "", "the audit log, newest first", 0, 0, P, cmd_log, OPTS(
	  VAL("--limit", "N", "show the last N entries (default 20)",
	      .type = QC_VAL_COUNT),
	  TSV_CSV) },

	/* import */
	{ "import", "FILE|DIR...",
	  "import transcripts (txt, md, vtt, srt, docx, odt; qdpx)", 1, -1, 0,
	  cmd_import, OPTS(
	  VAL("--kind", "K", "the kind of source (unless the front matter says)",
	      .flags = QC_OPT_NEEDED),
	  VAL("--title", "T", "the title (one file only)"),
	  VAL("--date", "YYYY-MM-DD", "the date of the conversation",
	      .type = QC_VAL_DATE),
	  VAL("--attr", "KEY=VALUE", "an attribute of the source",
	      .flags = QC_OPT_MANY),
	  VAL("--role", "\"Label=role\"", "a speaker's role", .flags = QC_OPT_MANY),
	  VAL("--encoding", "auto|utf-8|utf-16|cp1252",
	      "the text files' encoding (default utf-8)"),
	  FLAG("--force", "import a file again that was imported before"),
	  FLAG("--redact", "redact personal data while importing"),
	  VAL("--rules", "FILE", "redaction rules besides the project's"),
	  FLAG("--into-existing", "a .qdpx: into this project (as refi import)"),
	  VAL("--loss-report", "FILE", "a .qdpx: write what was not kept to FILE"),
	  VAL("--meeting", "M", "the learning-team meeting it records"),
	  TSV_CSV)
	},
	{ "sources", "", "list the sources", 0, 0, P, cmd_sources, OPTS(
	  VAL("--kind", "K", "only sources of this kind"),
	  VAL("--attr", "K|K=V", "a column of attribute K; K=V: only sources"
	      " with that value", .flags = QC_OPT_MANY),
	  FLAG("--attrs", "a column of every declared attribute"),
	  TSV_CSV) },
	{ "show", "S1",
	  "print a transcript with segment numbers, speakers and codes", 1, 1,
	  P | QC_NO_HISTORY, cmd_show, OPTS(
	  VAL("--from", "N", "from segment N", .type = QC_VAL_SEGMENT),
	  VAL("--to", "M", "up to segment M", .type = QC_VAL_SEGMENT),
	  REAL_NAMES("speakers by label, not pseudonym (logged)"),
	  FLAG("--redacted", "with the personal data redacted", .flags = QC_OPT_OR),
	  VAL("--version", "N", "an earlier version of the text (source history)",
	      .type = QC_VAL_SEGMENT)) },
	{ "source set", "S1",
	  "change a source's title, date, kind or attributes", 1, 1, W,
	  cmd_source_set, OPTS(
	  VAL("--title", "T", "the new title"),
	  VAL("--date", "D", "the new date (YYYY-MM-DD)", .type = QC_VAL_DATE),
	  VAL("--kind", "K", "the new kind"),
	  VAL("--attr", "KEY=VALUE", "set an attribute",
	      .flags = QC_OPT_MANY),
	  VAL("--meeting", "M", "the learning-team meeting it records (none:"
	      " unlink)")) },
	{ "source rm", "S1",
	  "remove a source with its segments and codings", 1, 1, P | QC_MAY_WRITE,
	  cmd_source_rm, OPTS(
	  FLAG("--purge", "leave no word of it in the project file")) },
	/* revise: a source's text corrected after coding */
	{ "source edit", "S1",
	  "correct a source's text in $EDITOR; codings move with the text", 1, 1,
	  P | QC_MAY_WRITE | QC_NO_HISTORY, cmd_source_edit, OPTS(TSV_CSV) },
	{ "source replace", "S1 FILE",
	  "replace a source's text with a corrected file; codings move with it",
	  2, 2, P | QC_MAY_WRITE | QC_NO_HISTORY, cmd_source_replace, OPTS(
	  VAL("--encoding", "auto|utf-8|utf-16|cp1252",
	      "the file's encoding (default utf-8)"),
	  TSV_CSV) },
	{ "source history", "S1", "the versions of a source's text", 1, 1, P,
	  cmd_source_history, OPTS(TSV_CSV) },
	{ "participants", "[S1]",
	  "list the speakers with their turns and words", 0, 1, P,
	  cmd_participants, OPTS(
	  REAL_NAMES("show labels beside pseudonyms (logged)"),
	  TSV_CSV) },
	{ "participant set", "S1 LABEL",
	  "record a speaker's role or pseudonym", 2, 2, W | QC_NO_HISTORY,
	  cmd_participant_set, OPTS(
	  VAL("--role", "R", "the speaker's role"),
	  VAL("--pseudonym", "P", "the name outputs show")) },

	/* search */
	{ "search", "QUERY...",
	  "find words (FTS5) or patterns (--regex) in the segments", 1, -1,
	  P | QC_NO_HISTORY, cmd_search, OPTS(
	  FLAG("--regex", "QUERY is a PCRE2 pattern"),
	  FLAG("--exact", "match accents and capitals as typed"),
	  FILTER_SOURCES,
	  FILTER_TURNS,
	  FILTER_CODED,
	  VAL("--coder", "N", "with --coded: that coder's codings; alone: "
	      "segments that coder coded"),
	  VAL("--order", "rank|doc", "best matches first, or in document order"),
	  VAL("--limit", "N", "at most N hits (default 50)", .type = QC_VAL_COUNT),
	  CONTEXT, FULL,
	  FLAG("--count", "hits and segments per source and kind instead"),
	  TSV_CSV,
	  REAL_NAMES("speakers by label, not pseudonym (logged)")) },
	{ "hits", "", "show the last search's hits again", 0, 0, P, cmd_hits,
	  OPTS(CONTEXT, FULL, TSV_CSV) },
	{ "reindex", "", "rebuild the full-text index (in another language)", 0,
	  0, W, cmd_reindex, OPTS(
	  VAL("--lang", "nl|en", "the language to stem for")) },

	/* codebook */
	{ "codebook load", "FILE.yaml|FILE.qdc",
	  "merge a codebook file into the project (by GUID, then id)", 1, 1, W,
	  cmd_codebook_load, OPTS(
	  FLAG("--prune", "remove codes the file lacks, with their codings"),
	  FLAG("--write-back", "write the codes' GUIDs into the file")) },
	{ "codebook check", "FILE.yaml",
	  "validate a codebook file without touching the project", 1, 1, 0,
	  cmd_codebook_check, NULL },
	{ "codebook export", "", "write the project's codebook to a file", 0, 0,
	  W, cmd_codebook_export, OPTS(
	  OUTPUT("FILE", "the file to write"),
	  VAL("--format", "yaml|csv|qdc", "the format (default: from FILE's"
	      " extension)")) },
	{ "codes", "",
	  "the code tree with valence and how often each code is used", 0, 0, P,
	  cmd_codes, OPTS(
	  FLAG("--flat", "one line per code, without the tree"),
	  TSV_CSV) },
	{ "code add", "NAME", "add a code", 1, 1, W, cmd_code_add, OPTS(
	  VAL("--parent", "P", "the code it goes under"),
	  VAL("--valence", "V", "facilitating, hindering or neutral"),
	  VAL("--definition", "D", "what the code means"),
	  VAL("--id", "ID", "its short id (default: from the name)"),
	  VAL("--colour", "#rrggbb", "its colour", .alias = "--color",
	      .type = QC_VAL_COLOUR)) },
	{ "code rename", "CODE NEWNAME", "rename a code", 2, 2, W,
	  cmd_code_rename, OPTS(
	  VAL("--id", "NEWID", "a new short id too")) },
	{ "code move", "CODE", "move a code in the tree", 1, 1, W,
	  cmd_code_move, OPTS(
	  VAL("--parent", "P", "under this code", .flags = QC_OPT_NEEDED),
	  FLAG("--root", "to the top of the tree", .flags = QC_OPT_OR)) },
	{ "code merge", "A B", "move A's codings into B and remove A", 2, 2, W,
	  cmd_code_merge, NULL },
	{ "code rm", "CODE", "remove a code (--force: with its codings)",
	  1, 1, W, cmd_code_rm, OPTS(
	  FLAG("--force", "also remove its codings")) },

	/* coding */
	{ "tag", "CODE REF...",
	  "code segments: S3:17, S3:17-21, S3:17@12-80, hits, hits 1,3-7", 2, -1,
	  W | QC_NO_HISTORY, cmd_tag, OPTS(
	  VAL("--coder", "NAME", "code as this coder (default: you)"),
	  VAL("--memo", "TEXT", "a memo on each new coding"),
	  VAL("--reattach", "D1", "tag a detached coding again (coded --detached)"),
	  FLAG("--span", "hits: code the matched words only, not the whole"
	       " turn"),
	  FLAG("--exemplar", "reports quote these codings first (quote pin)")) },
	{ "untag", "CODE REF...", "remove codings", 2, -1, W, cmd_untag, OPTS(
	  VAL("--coder", "NAME", "this coder's codings (default: yours)")) },
	{ "autocode", "[CODE...]",
	  "run the codebook's patterns and store suggestions", 0, -1, W,
	  cmd_autocode, NULL },
	{ "suggestions", "[CODE]", "list auto-code suggestions in context", 0, 1,
	  P | QC_NO_HISTORY, cmd_suggestions, OPTS(
	  FLAG("--all", "also those already decided"),
	  CONTEXT,
	  TSV_CSV) },
	{ "accept", "N...|all", "accept suggestions: each becomes a coding by you",
	  1, -1, W, cmd_accept, OPTS(
	  VAL("--code", "CODE", "only suggestions of this code")) },
	{ "reject", "N...|all", "reject suggestions", 1, -1, W, cmd_reject, OPTS(
	  VAL("--code", "CODE", "only suggestions of this code")) },
	{ "coded", "[CODE]", "every fragment coded with a code", 0, 1, P,
	  cmd_coded, OPTS(
	  FLAG("--children", "also the codes under it"),
	  FLAG("--detached", "the codings whose words an edit deleted (CODE: all)"),
	  CONTEXT, FULL,
	  REAL_NAMES("speakers by label, not pseudonym (logged)"),
	  FILTER_CODINGS,
	  TSV_CSV,
	  VAL("--html", "FILE.html", "write the fragments in their turns as one"
	      " web page (redacted; logged)"),
	  XLSX) },
	{ "freq", "[NAME]", "codings and sources per code and group", 0, 1, P,
	  cmd_freq, OPTS(
	  VAL("--by", "kind|role|source|coder|theme|person|attribute",
	      "the groups (default kind); attribute: by the attribute NAME"),
	  FILTER_CODINGS,
	  TSV_CSV, XLSX) },
	{ "matrix", "CODES NAME",
	  "codes by an attribute's values: fragments and persons per cell", 2,
	  2, P, cmd_matrix, OPTS(
	  VAL("--by", "attribute", "the columns: the values of attribute NAME"),
	  FILTER_CODINGS,
	  TSV_CSV, XLSX) },
	{ "cooc", "", "how often codes overlap or share a segment", 0, 0, P,
	  cmd_cooc, OPTS(
	  VAL("--codes", "A,B,...", "only these codes"),
	  VAL("--by", "coder", "count each coder's codings apart (default:"
	      " a turn counts once, whoever coded it)"),
	  FLAG("--pairs", "a list of pairs, most often first (the default"
	       " when the matrix is wider than the terminal)"),
	  FILTER_CODINGS,
	  TSV_CSV) },
	{ "memo add", "TARGET TEXT",
	  "a memo on project, S3, S3:17, a code or a coding (#12)", 2, 2,
	  W | QC_NO_HISTORY, cmd_memo_add, OPTS(
	  VAL("--for", "me|team|report", "who reads it: me (default), the team"
	      " (review sheet) or the report")) },
	{ "memo list", "[TARGET]", "list memos", 0, 1, P, cmd_memo_list,
	  OPTS(TSV_CSV) },
	{ "memo edit", "ID", "edit a memo in $EDITOR", 1, 1, W, cmd_memo_edit,
	  NULL },
	{ "memo rm", "ID", "remove a memo", 1, 1, W, cmd_memo_rm, NULL },
	{ "quote pin", "CODING...", "reports quote these codings first (#12)",
	  1, -1, W, cmd_quote_pin, NULL },
	{ "quote exclude", "CODING...", "reports never quote these codings",
	  1, -1, W, cmd_quote_exclude, NULL },
	{ "quote clear", "CODING...", "undo quote pin or exclude", 1, -1, W,
	  cmd_quote_clear, NULL },

	/* report */
	{ "report lessons", "",
	  "the lessons-learned report for training programmes (PDF)", 0, 0, P,
	  cmd_report_lessons, OPTS(
	  OUTPUT("FILE.pdf", "the PDF to write"),
	  FLAG("--list-quotes", "list the quotes each factor would show, with"
	       " their codings (no PDF)", .flags = QC_OPT_OR),
	  REPORT_REST) },
	{ "report review", "",
	  "the theme review sheet for a learning-team meeting (PDF)", 0, 0, P,
	  cmd_report_review, OPTS(REPORT_OPTS,
	  VAL("--since", "M2|D", "only fragments coded after meeting M2, or"
	      " from date D (YYYY[-MM[-DD]])", .type = QC_VAL_DATE_PART,
	      .flags = QC_OPT_MEETING)) },
	{ "report codebook", "", "the codebook for training coders (PDF)", 0, 0,
	  P, cmd_report_codebook, OPTS(REPORT_OPTS) },

	/* privacy */
	{ "pseudonymise", "",
	  "give every participant a pseudonym (Ouder 1, Deelnemer A)", 0, 0, W,
	  cmd_pseudonymise, OPTS(
	  VAL("--scheme", "role|letter", "Ouder 1 (by role) or Deelnemer A"),
	  FLAG("--redo", "start over")) },
	{ "redact", "[S1...]", "list the personal data that outputs redact", 0,
	  -1, P | QC_NO_HISTORY, cmd_redact, OPTS(
	  FLAG("--dry-run", "list what would be redacted", .flags = QC_OPT_NEEDED),
	  VAL("--report", "FILE", "write the list to FILE.pdf or FILE.csv"
	      " (logged)", .flags = QC_OPT_OR),
	  VAL("--rules", "FILE", "redaction rules besides the project's"),
	  FLAG("--tsv", "--dry-run: tab-separated, for scripts"),
	  FLAG("--csv", "--dry-run: comma-separated (RFC 4180)", .flags = QC_OPT_OR),
	  VAL("--lang", "nl|en", "--report FILE.pdf: its language"),
	  VAL("--template", "FILE", "--report FILE.pdf: a YAML template read"
	      " over reports/redaction.yaml")) },
	{ "redact name", "add NAME | rm NAME | ignore WORD | unignore WORD | list | ignored",
	  "the names to redact wherever they occur, and possible names dismissed",
	  1, 2, W | QC_NO_HISTORY,
	  cmd_redact_name, NULL },

	/* refi */
	{ "export qdpx", "",
	  "export the project as REFI-QDA for other QDA programs", 0, 0, W,
	  cmd_export_qdpx, OPTS(
	  OUTPUT("FILE.qdpx", "the file to write"),
	  REAL_NAMES("speakers by label and names unredacted (logged)"),
	  FLAG("--turns", "every speaker turn as a selection (for qcode and merge)"),
	  FLAG("--case-codes", "each case also as a code on its text (NVivo's"
	       " case nodes; QualCoder links cases to text only so)"),
	  VAL("--loss-report", "FILE", "write what REFI-QDA cannot hold to FILE"))
	},
	{ "export qdc", "", "export the codebook as a REFI-QDA codebook", 0, 0, P,
	  cmd_export_qdc, OPTS(OUTPUT("FILE.qdc", "the file to write")) },
	{ "refi import", "FILE.qdpx",
	  "import a REFI-QDA project (a new project if there is none)", 1, 1, 0,
	  cmd_refi_import, OPTS(
	  FLAG("--into-existing", "into this project, which has content"),
	  VAL("--loss-report", "FILE", "write what was not kept to FILE"),
	  VAL("--sources-from", "DIR", "read external sources from this folder"),
	  VAL("--offsets", "codepoints|utf16|auto",
	      "the unit of the file's text positions (default auto)"))
	},
	{ "refi load", "FILE.qdc", "merge a REFI-QDA codebook into the project",
	  1, 1, P | QC_MAY_WRITE, cmd_refi_load, NULL },
	{ "refi check", "FILE.qdpx|FILE.qde|FILE.qdc",
	  "validate a REFI-QDA file against the schema", 1, 1, 0, cmd_refi_check,
	  NULL },

	/* team */
	{ "clone", "", "a copy of the project for one coder", 0, 0, P, cmd_clone,
	  OPTS(
	  OUTPUT("FILE.db", "the copy to write"),
	  VAL("--for-coder", "NAME", "the coder it is for",
	      .flags = QC_OPT_NEEDED),
	  VAL("--sources", "S1,S4", "only these sources"),
	  FLAG("--blind", "without the other coders' codings and memos")) },
	{ "merge", "OTHER.db|OTHER.qdpx",
	  "bring in another copy's work (no overwrites; conflicts reported)", 1,
	  1, P | QC_MAY_WRITE, cmd_merge, OPTS(
	  FLAG("--dry-run", "say what would change, change nothing")) },
	{ "done", "[S1...]",
	  "mark sources you finished (judged whole, whether you coded in them"
	  " or not); none: list who was given and finished what", 0, -1, W,
	  cmd_done, OPTS(
	  FLAG("--undo", "not finished after all"),
	  TSV_CSV) },
	{ "agreement", "",
	  "inter-coder agreement: %, Cohen's and Fleiss' kappa, Krippendorff's"
	  " alpha", 0, 0, P, cmd_agreement, OPTS(
	  AGREEMENT_DATA,
	  FILTER_SOURCES,
	  FILTER_TURNS,
	  VAL("--unit", "segment|sentence|char", UNIT_HELP),
	  VAL("--by", "code|source|coder-pair", "the rows (default code)"),
	  CI,
	  TSV_CSV) },
	{ "disagreements", "CODE",
	  "segments one coder coded and the other did not", 1, 1,
	  P | QC_NO_HISTORY, cmd_disagreements, OPTS(
	  VAL("--coders", "A,B", "the two coders (default: the first two)"),
	  CONTEXT,
	  FILTER_SOURCES,
	  FILTER_TURNS,
	  TSV_CSV) },
	{ "report agreement", "",
	  "the agreement table, chart and disagreements (PDF)", 0, 0, P,
	  cmd_report_agreement, OPTS(
	  OUTPUT("FILE.pdf", "the PDF to write"),
	  AGREEMENT_DATA,
	  FILTER_SOURCES,
	  FILTER_TURNS,
	  VAL("--unit", "U", UNIT_HELP),
	  CI,
	  REPORT_LANG,
	  VAL("--template", "FILE", "a YAML template read over"
	      " reports/agreement.yaml")) },

	/* cycle: the learning team's meetings, review, actions, decisions and
	 * lessons */
	{ "meeting add", "DATE", "record a learning-team meeting (gives M1, M2, ...)",
	  1, 1, W, cmd_meeting_add, OPTS(
	  VAL("--title", "T", "what the meeting was about", .flags = QC_OPT_NEEDED),
	  VAL("--attendees", "\"ouder=3,verloskundige=2\"", "who came, by role"),
	  VAL("--themes", "T1,T2", "the themes discussed (codes)")) },
	{ "meeting list", "", "the meetings by date", 0, 0, P, cmd_meeting_list,
	  OPTS(TSV_CSV) },
	{ "meeting show", "M1",
	  "a meeting: who came, themes, notes, priorities and decisions", 1, 1,
	  P, cmd_meeting_show, NULL },
	{ "meeting set", "M1", "change a meeting's date, title, attendees or"
	  " themes", 1, 1, W, cmd_meeting_set, OPTS(
	  VAL("--date", "YYYY-MM-DD", "the new date", .type = QC_VAL_DATE),
	  VAL("--title", "T", "the new title"),
	  VAL("--attendees", "\"ouder=3,...\"", "who came, by role (replaces)"),
	  VAL("--themes", "T1,T2", "the themes discussed (replaces)")) },
	{ "meeting rm", "M1", "remove a meeting", 1, 1, W, cmd_meeting_rm, OPTS(
	  FLAG("--force", "also remove its notes, decisions and evaluations")) },
	{ "review note", "M1 THEME TEXT",
	  "what the learning team said about a theme at a meeting", 3, 3,
	  W | QC_NO_HISTORY, cmd_review_note, NULL },
	{ "review priority", "M1 THEME 1-5",
	  "how urgent the team finds a theme (5: most)", 3, 3, W,
	  cmd_review_priority, OPTS(
	  VAL("--by", "ROLE", "the role that gave it")) },
	{ "review list", "", "the team's notes and priorities on themes", 0, 0,
	  P, cmd_review_list, OPTS(
	  VAL("--meeting", "M", "only at this meeting"),
	  VAL("--theme", "T", "only on this theme"),
	  TSV_CSV) },
	{ "action add", "TEXT", "an action the team will try (gives A1, A2, ...)",
	  1, 1, W | QC_NO_HISTORY, cmd_action_add, OPTS(
	  VAL("--theme", "T", "the theme it answers", .flags = QC_OPT_NEEDED),
	  VAL("--code", "C", "a further code it touches", .flags = QC_OPT_MANY),
	  VAL("--meeting", "M", "the meeting that thought it up"),
	  VAL("--owner", "ROLE", "who carries it"),
	  VAL("--date", "YYYY-MM-DD", "planned on (default: the meeting's"
	      " date, else today)", .type = QC_VAL_DATE)) },
	{ "action set", "A1",
	  "change an action's status (planned, trying, evaluated, adopted,"
	  " dropped), text, theme or owner", 1, 1, W | QC_NO_HISTORY,
	  cmd_action_set, OPTS(
	  VAL("--status", "S", "the next status; the date is kept"),
	  VAL("--date", "YYYY-MM-DD", "of the status change (default: the"
	      " meeting's, else today)", .type = QC_VAL_DATE),
	  VAL("--meeting", "M", "the meeting that decided the change"),
	  FLAG("--force", "a status that skips a step of the cycle"),
	  VAL("--text", "T", "the new text"),
	  VAL("--theme", "T", "the new theme"),
	  VAL("--owner", "ROLE", "the new owner (empty: none)")) },
	{ "action evaluate", "A1 TEXT",
	  "what happened when an action was tried, with evidence", 2, 2,
	  W | QC_NO_HISTORY, cmd_action_evaluate, OPTS(
	  VAL("--meeting", "M", "the meeting that evaluated it",
	      .flags = QC_OPT_NEEDED),
	  VAL("--evidence", "S3:17", "a fragment that shows it",
	      .flags = QC_OPT_MANY),
	  FLAG("--force", "evaluate an action that was never tried")) },
	{ "action list", "", "the actions with their status", 0, 0, P,
	  cmd_action_list, OPTS(
	  VAL("--status", "S", "only actions with this status"),
	  VAL("--theme", "T", "only actions on this theme or code"),
	  TSV_CSV) },
	{ "action show", "A1", "an action with its history and evaluations", 1,
	  1, P, cmd_action_show, NULL },
	{ "action rm", "A1", "remove an action with its history", 1, 1, W,
	  cmd_action_rm, NULL },
	{ "decision add", "M1 TEXT", "a decision the team took at a meeting", 2,
	  2, W | QC_NO_HISTORY, cmd_decision_add, OPTS(
	  VAL("--theme", "T", "the theme it is about"),
	  VAL("--evidence", "S3:17", "a fragment behind it",
	      .flags = QC_OPT_MANY)) },
	{ "decision list", "", "the decisions by meeting", 0, 0, P,
	  cmd_decision_list, OPTS(
	  VAL("--meeting", "M", "only at this meeting"),
	  TSV_CSV) },
	{ "decision rm", "D1", "remove a decision", 1, 1, W, cmd_decision_rm,
	  NULL },
	{ "lesson add", "TEXT", "a lesson learned, about the process or a theme",
	  1, 1, W | QC_NO_HISTORY, cmd_lesson_add, OPTS(
	  FLAG("--process", "about the process (the report's \"Geleerde"
	       " lessen\")", .flags = QC_OPT_NEEDED),
	  VAL("--theme", "T", "about this theme", .flags = QC_OPT_OR),
	  VAL("--meeting", "M", "the meeting it was drawn at"),
	  VAL("--evidence", "S3:17", "a fragment behind it",
	      .flags = QC_OPT_MANY)) },
	{ "lesson list", "", "the lessons learned", 0, 0, P, cmd_lesson_list,
	  OPTS(TSV_CSV) },
	{ "lesson rm", "L1", "remove a lesson", 1, 1, W, cmd_lesson_rm, NULL },
	{ "report cycle", "",
	  "the learning history: meetings, actions and per-theme trails (PDF)",
	  0, 0, P, cmd_report_cycle, OPTS(
	  OUTPUT("FILE.pdf", "the PDF to write"),
	  REPORT_LANG,
	  VAL("--template", "FILE", "a YAML template read over the shipped one"),
	  VAL("--theme", "T", "only this theme", .flags = QC_OPT_MANY),
	  VAL("--font", "FILE.ttf", "draw with this TrueType font"),
	  VAL("--rules", "FILE", "redaction rules besides the project's"),
	  FLAG("--no-pseudonyms", "names in the text kept (logged)")) },

	/* persons */
#define PERSON_ATTRS \
	VAL("--attr", "K|K=V", "a column of attribute K; K=V: only those with" \
	    " that value", .flags = QC_OPT_MANY), \
	FLAG("--attrs", "a column of every declared attribute")
	{ "participant link", "S1 LABEL S2 LABEL...",
	  "the speakers named are one person, with one pseudonym", 4, -1,
	  W | QC_NO_HISTORY, cmd_participant_link, NULL },
	{ "participant unlink", "S1 LABEL",
	  "make a linked speaker a person of its own again", 2, 2,
	  W | QC_NO_HISTORY, cmd_participant_unlink, NULL },
	{ "persons", "", "list the persons with their sources and attributes",
	  0, 0, P, cmd_persons, OPTS(PERSON_ATTRS,
	  REAL_NAMES("show names beside pseudonyms (logged)"), TSV_CSV) },
	{ "person list", "", "the same as persons", 0, 0, P, cmd_persons,
	  OPTS(PERSON_ATTRS,
	  REAL_NAMES("show names beside pseudonyms (logged)"), TSV_CSV) },
	{ "person show", "P3", "a person: pseudonym, attributes, sources", 1, 1,
	  P | QC_NO_HISTORY, cmd_person_show, OPTS(
	  REAL_NAMES("show the name and labels (logged)")) },
	{ "person set", "P3", "change a person's pseudonym, name or attributes",
	  1, 1, W | QC_NO_HISTORY, cmd_person_set, OPTS(
	  VAL("--pseudonym", "P", "the name outputs show"),
	  VAL("--name", "N", "the person's name"),
	  VAL("--attr", "KEY=VALUE", "set a declared attribute (KEY= removes"
	      " it)", .flags = QC_OPT_MANY)) },
	{ "attribute add", "NAME", "declare an attribute of persons and sources",
	  1, 1, W, cmd_attribute_add, OPTS(
	  VAL("--type", "T", "text, number, date, boolean or choice",
	      .flags = QC_OPT_NEEDED),
	  VAL("--values", "A,B,...", "the choices of a choice")) },
	{ "attribute rm", "NAME", "remove an attribute and every value of it",
	  1, 1, W, cmd_attribute_rm, NULL },
	{ "attributes", "", "the declared attributes", 0, 0, P, cmd_attributes,
	  OPTS(TSV_CSV) },
	{ "attribute import", "FILE.csv",
	  "attributes from a CSV: one row per person or source", 1, 1, W,
	  cmd_attribute_import, NULL },

	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL },
};
