/*
 * sources: the project's sources, their attributes, turns and
 * participants, as the commands list and change them. The one place that
 * reads and edits the sources, source_attrs and participants tables
 * (import_store.c writes the rows of a new import). Sources are named as
 * users type them, "S3" (qc_ref_parse). Functions return 0 or a negative
 * code with e filled; their messages never name a command.
 */
#ifndef QCODE_SOURCES_H
#define QCODE_SOURCES_H

#include "qcode/store.h"

/* The ordinal of the turn of source sid that holds code point cp of its
 * text, or -1 when there is none. */
long long sources_turn_at(struct store *s, long long sid, long long cp);

/*
 * The row id of the source a reference such as "S3" names. Returns 0,
 * -QC_EUSAGE when ref is not a source reference, -QC_EDATA when the
 * project has no such source.
 */

int sources_find(struct store *s, const char *ref, long long *id,
		 struct qc_err *e);

/* Which sources sources_list returns; NULL fields select all. */
struct sources_filter {
	const char *kind;	/* "interview" */
	const char *attr_key;	/* with attr_value: an attribute it has */
	const char *attr_value;
};

struct sources_row {
	long long id;		/* 3 for S3 */
	char *kind, *title;
	char *date;		/* "" when unknown */
	long long turns, words, speakers;
};

struct sources_rows {
	struct sources_row *v;	/* in order of id; sources_rows_release frees */
	size_t n;
};

int sources_list(struct store *s, const struct sources_filter *f,
		 struct sources_rows *out, struct qc_err *e);
void sources_rows_release(struct sources_rows *r);

/* Every source's reference ("S1", "S2"...), in order of id, for
 * completion; *ids is newly allocated, the caller frees each string and
 * the array. Returns the count (0 on any failure). */
size_t sources_ids(struct store *s, char ***ids);

/* What sources_turns reads. Looking at real names is written to the
 * audit log first (refused on a read-only project). */
struct sources_turns_opts {
	const char *ref;	/* "S3" */
	long long from, to;	/* turn ordinals; to < 0: to the end */
	int real_names;		/* speakers' labels, not their pseudonyms */
	int redacted;		/* speaker and text through the project's
				 * redaction rules (not with real_names) */
};

struct sources_turn {
	long long ordinal;	/* 12 for S3:12 */
	char *speaker;		/* pseudonym or label; NULL: nobody speaks */
	char *role;		/* "" when unknown */
	long long start_ms;	/* start time; -1 when the source has none */
	char *codes;		/* short ids of its codes, ", "-separated */
	char *text;
};

struct sources_turns {
	long long source;	/* the source's id */
	struct sources_turn *v;	/* in order; sources_turns_release frees */
	size_t n;
};

int sources_turns(struct store *s, const struct sources_turns_opts *o,
		  struct sources_turns *out, struct qc_err *e);
void sources_turns_release(struct sources_turns *t);

/* What sources_set changes; NULL fields stay as they are. */
struct sources_change {
	const char *title, *kind;
	const char *date;	/* YYYY-MM-DD */
	const char **attrs;	/* "key=value"; "key=" removes the key */
	int nattrs;
};

/*
 * Change a source's title, date, kind or attributes and log it; *id is
 * set to its row id. Refuses (-QC_EUSAGE) a bad kind, date or attribute
 * and a change of nothing. Runs in the caller's transaction.
 */
int sources_set(struct store *s, const char *ref,
		const struct sources_change *c, long long *id,
		struct qc_err *e);

/*
 * Remove a source with its turns and codings, logged, in a transaction
 * of its own; *id is set to its row id. With purge its text is also
 * wiped from the file (store_purge_prepare, store_wipe).
 */
int sources_remove(struct store *s, const char *ref, int purge, long long *id,
		   struct qc_err *e);

/* Which participants sources_participants returns. Real names are
 * written to the audit log first. */
struct sources_participants_opts {
	const char *ref;	/* "S3", or NULL for every source */
	int real_names;		/* labels, not pseudonyms */
};

struct sources_participant {
	long long source;	/* the source's id */
	char *speaker;		/* pseudonym (or label when it has none) */
	char *role, *pseudonym;	/* "" when unknown */
	long long turns, words;
};

struct sources_participants {
	struct sources_participant *v;	/* by source, then as met */
	size_t n;
};

int sources_participants(struct store *s,
			 const struct sources_participants_opts *o,
			 struct sources_participants *out, struct qc_err *e);
void sources_participants_release(struct sources_participants *p);

/*
 * Record the role or pseudonym (NULL: unchanged; not both NULL) of the
 * speakers of source ref whose label or pseudonym is speaker, and log it
 * without the label. *changed counts them; none is -QC_EDATA.
 */
int sources_participant_set(struct store *s, const char *ref,
			    const char *speaker, const char *role,
			    const char *pseudonym, int *changed,
			    struct qc_err *e);

/*
 * The labels of the speakers of segments segs[0..n), for real-name
 * output: (*labels)[i] is newly allocated, or NULL when the segment has
 * no speaker. The caller frees each label and the array.
 */
int sources_speaker_labels(struct store *s, const long long *segs, size_t n,
			   char ***labels, struct qc_err *e);

#endif
