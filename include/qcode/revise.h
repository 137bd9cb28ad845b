/*
 * revise: correcting a source's text after it has been coded. The new
 * text (a corrected file in any importable format, or the text edited by
 * hand) is segmented as at import and compared with the current text
 * character by character (diff.h); every coding, suggestion, search hit
 * and detached coding is mapped through the changes, so it covers the
 * same words. A coding whose words were all deleted is kept apart as
 * detached, to be tagged again. Turns keep their row and number where
 * they still exist; speakers' participants follow label corrections.
 * The replaced text is kept as a version. The one owner of the tables
 * source_versions, source_version_turns and detached_codings.
 */
#ifndef QCODE_REVISE_H
#define QCODE_REVISE_H

#include "qcode/filter.h"
#include "qcode/import.h"
#include "qcode/sources.h"
#include "qcode/store.h"

/* One thing an edit did that the user should know. */
struct revise_note {
	char *what;	/* "turn", "turns", "speaker", "detached", ... */
	char *ref;	/* "S3:9", "S3", "D2" */
	char *detail;	/* in plain words */
};

struct revise_result {
	long long source_id;
	int unchanged;		/* the new text is the current one: nothing done */
	long long version;	/* the new current version */
	long long deleted, inserted;	/* code points */
	long long turns_changed, turns_added, turns_removed;
	long long codings, moved, detached;	/* codings of the source */
	struct revise_note *v;	/* revise_result_release frees */
	size_t n, alloc;
};

void revise_result_release(struct revise_result *r);

/*
 * Replace the text of source ref with the parsed document d (its
 * turns as import_parse made them), in the caller's transaction, logged
 * as command how ("source edit", "source replace") with filename (NULL:
 * keep the source's). Returns 0 (r->unchanged when the text is the
 * same), -QC_EUSAGE/-QC_EDATA for a bad reference or an empty text, or
 * -QC_EIO.
 */
int revise_source(struct store *s, const char *ref, struct import_doc *d,
		  const char *how, const char *filename,
		  struct revise_result *r, struct qc_err *e);

/* The current text of source ref (labels as stored), newly allocated
 * into *text (caller frees); *id is its row id. */
int revise_current_text(struct store *s, const char *ref, long long *id,
			char **text, size_t *len, struct qc_err *e);

struct revise_version {
	long long version;	/* 1 is the text as imported */
	char *at, *by;		/* when and by whom it was made */
	char *how;		/* "import", "source edit", "source replace" */
	char *summary;		/* what that edit changed; "" for an import */
	long long turns, chars;
	int current;		/* the source's text today */
};

struct revise_versions {
	long long source;
	struct revise_version *v;	/* oldest first */
	size_t n;
};

/* The versions of source ref, oldest first, the current one last. */
int revise_history(struct store *s, const char *ref,
		   struct revise_versions *out, struct qc_err *e);
void revise_versions_release(struct revise_versions *h);

/*
 * The turns of an earlier version of source ref, as sources_turns gives
 * today's (speakers by pseudonym unless o->real_names, which is logged;
 * no codes). The current version number gives today's turns.
 */
int revise_version_turns(struct store *s, const struct sources_turns_opts *o,
			 long long version, struct sources_turns *out,
			 struct qc_err *e);

struct revise_detached {
	long long id;		/* D3 */
	long long source;	/* its source */
	char *code;		/* the code's short id */
	char *coder;
	long long version, ordinal;	/* where its words were: S3:9 of v1 */
	long long at_cp;	/* where they were, in today's text */
	char *text;		/* the words it coded */
	char *detached_at;
};

struct revise_detacheds {
	struct revise_detached *v;	/* by source, then position */
	size_t n;
};

/* The detached codings, of code_id only when it is not 0 (with its
 * subcodes when children), of the sources f selects (its source part and
 * coder; turn terms are refused: a detached coding has no turn). */
int revise_detached_list(struct store *s, long long code_id, int children,
			 const struct filter *f, struct revise_detacheds *out,
			 struct qc_err *e);
void revise_detacheds_release(struct revise_detacheds *l);

/*
 * Tag detached coding ref ("D3") again, as code code_id, on span sp (of
 * its own source): it becomes a coding with its GUID, coder, date and
 * memo. Refuses another code or source (-QC_EDATA).
 */
int revise_reattach(struct store *s, const char *ref, long long code_id,
		    long long source_id, long long segment_id,
		    long long start_cp, long long end_cp, struct qc_err *e);

/*
 * Bring the text of source other_id of the attached database db (a copy
 * of this project where the source was corrected) into source sid, as
 * revise_source does with a file; logged as "merge".
 */
int revise_from_attached(struct store *s, const char *db, long long sid,
			 long long other_id, struct revise_result *r,
			 struct qc_err *e);

#endif
