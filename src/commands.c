/*
 * commands: the one command table. Each block lists one module's commands;
 * their run functions live in src/cmd_MODULE.c, declared in cmd_MODULE.h.
 * Names of two words ("code add") are matched before one-word names.
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
	{ "import", "FILE|DIR... --kind K [--title T] [--date YYYY-MM-DD]"
	  " [--attr KEY=VALUE]... [--role \"Label=role\"]..."
	  " [--encoding auto|utf-8|utf-16|cp1252] [--force] [--redact [--rules FILE]]",
	  "import transcripts (txt, md, vtt, srt, docx, odt; qdpx)", 1, -1, 0,
	  cmd_import },
	{ "sources", "[--kind K] [--attr KEY=VALUE] [--tsv|--csv]",
	  "list the sources", 0, 0, P, cmd_sources },
	{ "show", "S1 [--from N] [--to M] [--real-names|--redacted]",
	  "print a transcript with segment numbers, speakers and codes", 1, 1,
	  P | QC_NO_HISTORY, cmd_show },
	{ "source set", "S1 [--title T] [--date D] [--kind K] [--attr KEY=VALUE]...",
	  "change a source's title, date, kind or attributes", 1, 1, W,
	  cmd_source_set },
	{ "source rm", "S1 [--purge]",
	  "remove a source with its segments and codings", 1, 1, P | QC_MAY_WRITE,
	  cmd_source_rm },
	{ "participants", "[S1] [--real-names] [--tsv|--csv]",
	  "list the speakers with their turns and words", 0, 1, P,
	  cmd_participants },
	{ "participant set", "S1 LABEL [--role R] [--pseudonym P]",
	  "record a speaker's role or pseudonym", 2, 2, W | QC_NO_HISTORY,
	  cmd_participant_set },

	/* search */
	{ "search", "QUERY... [--regex] [--exact] [--kind K] [--source S1,S4]"
	  " [--speaker L] [--role R] [--attr K=V] [--coded C] [--not-coded C]"
	  " [--coder N] [--since D] [--until D] [--order rank|doc] [--limit N]"
	  " [--context N] [--full] [--count] [--tsv] [--real-names]",
	  "find words (FTS5) or patterns (--regex) in the segments", 1, -1,
	  P | QC_NO_HISTORY, cmd_search },
	{ "hits", "[--context N] [--full] [--tsv]",
	  "show the last search's hits again", 0, 0, P, cmd_hits },
	{ "reindex", "[--lang nl|en]",
	  "rebuild the full-text index (in another language)", 0, 0, W,
	  cmd_reindex },

	/* codebook */
	{ "codebook load", "FILE.yaml|FILE.qdc [--prune] [--write-back]",
	  "merge a codebook file into the project (by GUID, then id)", 1, 1, W,
	  cmd_codebook_load },
	{ "codebook check", "FILE.yaml",
	  "validate a codebook file without touching the project", 1, 1, 0,
	  cmd_codebook_check },
	{ "codebook export", "-o FILE [--format yaml|csv|qdc]",
	  "write the project's codebook to a file", 0, 0, W,
	  cmd_codebook_export },
	{ "codes", "[--flat] [--tsv|--csv]",
	  "the code tree with valence and how often each code is used", 0, 0, P,
	  cmd_codes },
	{ "code add", "NAME [--parent P] [--valence V] [--definition D] [--id ID]"
	  " [--colour #rrggbb]", "add a code", 1, 1, W, cmd_code_add },
	{ "code rename", "CODE NEWNAME [--id NEWID]", "rename a code", 2, 2, W,
	  cmd_code_rename },
	{ "code move", "CODE --parent P | --root", "move a code in the tree", 1, 1,
	  W, cmd_code_move },
	{ "code merge", "A B", "move A's codings into B and remove A", 2, 2, W,
	  cmd_code_merge },
	{ "code rm", "CODE [--force]", "remove a code (--force: with its codings)",
	  1, 1, W, cmd_code_rm },

	/* coding */
	{ "tag", "CODE REF... [--coder NAME] [--memo TEXT]",
	  "code segments: S3:17, S3:17-21, S3:17@12-80, hits, hits 1,3-7", 2, -1,
	  W | QC_NO_HISTORY, cmd_tag },
	{ "untag", "CODE REF... [--coder NAME]", "remove codings", 2, -1, W,
	  cmd_untag },
	{ "autocode", "[CODE...]",
	  "run the codebook's patterns and store suggestions", 0, -1, W,
	  cmd_autocode },
	{ "suggestions", "[CODE] [--all] [--context N] [--tsv]",
	  "list auto-code suggestions in context", 0, 1, P | QC_NO_HISTORY,
	  cmd_suggestions },
	{ "accept", "N...|all [--code CODE]",
	  "accept suggestions: each becomes a coding by you", 1, -1, W,
	  cmd_accept },
	{ "reject", "N...|all [--code CODE]", "reject suggestions", 1, -1, W,
	  cmd_reject },
	{ "coded", "CODE [--children] [--context N] [--full] [--real-names]"
	  " [--kind K] [--source S1,S4] [--speaker L] [--role R] [--coder N]"
	  " [--since D] [--until D] [--attr K=V]"
	  " [--tsv|--csv]", "every fragment coded with a code", 1, 1, P,
	  cmd_coded },
	{ "freq", "[--by kind|role|source|coder|theme] [--kind K] [--source S1,S4] [--speaker L] [--role R] [--coder N]"
	  " [--since D] [--until D] [--attr K=V]"
	  " [--tsv|--csv]", "codings and sources per code and group", 0, 0, P,
	  cmd_freq },
	{ "cooc", "[--codes A,B,...] [--kind K] [--source S1,S4] [--speaker L] [--role R] [--coder N]"
	  " [--since D] [--until D] [--attr K=V]"
	  " [--tsv|--csv]", "how often codes overlap or share a segment", 0, 0,
	  P, cmd_cooc },
	{ "memo add", "TARGET TEXT",
	  "a memo on project, S3, S3:17, a code or a coding (#12)", 2, 2,
	  W | QC_NO_HISTORY, cmd_memo_add },
	{ "memo list", "[TARGET]", "list memos", 0, 1, P, cmd_memo_list },
	{ "memo edit", "ID", "edit a memo in $EDITOR", 1, 1, W, cmd_memo_edit },
	{ "memo rm", "ID", "remove a memo", 1, 1, W, cmd_memo_rm },

	/* report */
	{ "report lessons", "-o FILE.pdf [--lang nl|en] [--template FILE]"
	  " [--theme T]... [--kind K]... [--font FILE.ttf] [--rules FILE]"
	  " [--no-pseudonyms]",
	  "the lessons-learned report for training programmes (PDF)", 0, 0, P,
	  cmd_report_lessons },
	{ "report review", "-o FILE.pdf [--theme T]... [--kind K]... [--lang nl|en]"
	  " [--template FILE] [--font FILE.ttf] [--rules FILE] [--no-pseudonyms]",
	  "the theme review sheet for a learning-team meeting (PDF)", 0, 0, P,
	  cmd_report_review },
	{ "report codebook", "-o FILE.pdf [--lang nl|en] [--template FILE]"
	  " [--font FILE.ttf]",
	  "the codebook for training coders (PDF)", 0, 0, P,
	  cmd_report_codebook },

	/* privacy */
	{ "pseudonymise", "[--scheme role|letter] [--redo]",
	  "give every participant a pseudonym (Ouder 1, Deelnemer A)", 0, 0, W,
	  cmd_pseudonymise },
	{ "redact", "--dry-run [S1...] [--rules FILE] | --report FILE.pdf|.csv"
	  " [--lang nl|en]",
	  "list the personal data that outputs redact", 0, -1, P | QC_NO_HISTORY,
	  cmd_redact },
	{ "redact name", "add NAME | rm NAME | list",
	  "the names to redact wherever they occur", 1, 2, W | QC_NO_HISTORY,
	  cmd_redact_name },

	/* refi */
	{ "export qdpx", "-o FILE.qdpx [--real-names] [--loss-report FILE]",
	  "export the project as REFI-QDA for other QDA programs", 0, 0, W,
	  cmd_export_qdpx },
	{ "export qdc", "-o FILE.qdc",
	  "export the codebook as a REFI-QDA codebook", 0, 0, P, cmd_export_qdc },
	{ "refi import", "FILE.qdpx [--into-existing] [--loss-report FILE]"
	  " [--sources-from DIR]",
	  "import a REFI-QDA project (a new project if there is none)", 1, 1, 0,
	  cmd_refi_import },
	{ "refi load", "FILE.qdc", "merge a REFI-QDA codebook into the project",
	  1, 1, P | QC_MAY_WRITE, cmd_refi_load },
	{ "refi check", "FILE.qdpx|FILE.qde|FILE.qdc",
	  "validate a REFI-QDA file against the schema", 1, 1, 0, cmd_refi_check },

	/* team */
	{ "clone", "-o FILE.db --for-coder NAME [--sources S1,S4] [--blind]",
	  "a copy of the project for one coder", 0, 0, P, cmd_clone },
	{ "merge", "OTHER.db|OTHER.qdpx [--dry-run]",
	  "bring in another copy's work (no overwrites; conflicts reported)", 1,
	  1, P | QC_MAY_WRITE, cmd_merge },
	{ "agreement", "[--coders A,B,...] [--codes C,...] [--sources S1,...]"
	  " [--unit segment|sentence|char] [--by code|source|coder-pair]"
	  " [--ci 0.95] [--tsv|--csv]",
	  "inter-coder agreement: %, Cohen's and Fleiss' kappa, Krippendorff's"
	  " alpha", 0, 0, P, cmd_agreement },
	{ "disagreements", "CODE [--coders A,B] [--context N]",
	  "segments one coder coded and the other did not", 1, 1,
	  P | QC_NO_HISTORY, cmd_disagreements },
	{ "report agreement", "-o FILE.pdf [--coders A,B] [--codes ...]"
	  " [--sources S1,...] [--unit U] [--ci 0.95] [--lang nl|en]",
	  "the agreement table, chart and disagreements (PDF)", 0, 0, P,
	  cmd_report_agreement },

	{ NULL, NULL, NULL, 0, 0, 0, NULL },
};
