/*
 * codebook: the project's tree of codes, loaded from and written to YAML
 * codebook files (written by hand in codebooks/), and edited by the `code`
 * commands. Every change goes into the audit log.
 */
#ifndef QCODE_CODEBOOK_H
#define QCODE_CODEBOOK_H

#include <stdio.h>

#include "qcode/store.h"

/* One code of a codebook file or of the project. Strings may be NULL. */
struct cb_code {
	char *id, *guid, *name;
	char *definition, *inclusion, *exclusion, *example;
	char *valence;		/* facilitating, hindering, neutral */
	char *colour;		/* #rrggbb */
	char *lesson, *recommendation;
	char *finding;		/* a factor's finding in one sentence (the
				   lessons report, above its quotes) */
	char *skills;		/* one per line */
	char *patterns;		/* one PCRE2 pattern per line */
	long parent;		/* index of the parent in the array, -1: root */
	size_t line, col;	/* where its mapping starts (1-based) */
	size_t id_line, id_col;	/* where its id key is, for --write-back */
	long long db_id;	/* row id when read from or stored in a project */
};

struct codebook {
	char *title, *language;
	struct cb_code *codes;	/* parents before children, in file order */
	size_t n, alloc;
};

void codebook_init(struct codebook *cb);
void codebook_release(struct codebook *cb);

/* The fields of c a researcher writes in words (name, definition, ...,
 * finding), which every output that leaves the machine redacts: one list,
 * so a field added to the codebook cannot be missed by one of them. */
#define CB_TEXT_FIELDS 9
void codebook_text_fields(struct cb_code *c, char **f[CB_TEXT_FIELDS]);

/*
 * Read and validate a YAML codebook. Problems are appended to problems,
 * one a line as "file:line:column: message"; warnings (unknown keys)
 * likewise, prefixed "warning: ". Returns the number of errors (0: the
 * codebook is usable), or -code when the file cannot be read at all.
 */
int codebook_parse(const char *path, struct codebook *cb,
		   struct qc_buf *problems, int *warnings, struct qc_err *e);

/* Give codes without a GUID a new one and write those GUIDs into the file
 * at path, each on a line after the code's id, leaving the rest as it is.
 * Returns the number of GUIDs added or -code. */
int codebook_write_back(const char *path, struct codebook *cb,
			struct qc_err *e);

struct codebook_merge {
	long long added, changed, unchanged, removed;
	struct qc_buf report;	/* one line per change, for the user */
};

/*
 * Merge a parsed codebook into the project: codes are matched by GUID,
 * then by id. Codes of the project missing from the file are kept, but
 * with prune they are removed (and listed with their codings); without
 * prune a missing code that has codings makes the load fail. Runs inside
 * the caller's transaction.
 */
int codebook_merge(struct store *s, struct codebook *cb, int prune,
		   struct codebook_merge *m, struct qc_err *e);

/* The project's codebook, parents first, siblings in order. */
int codebook_read(struct store *s, struct codebook *cb, struct qc_err *e);

/* Write a codebook as YAML (the format codebook_parse reads; a file qcode
 * wrote round-trips byte for byte) or CSV (one row a code). */
void codebook_write_yaml(const struct codebook *cb, FILE *f);
void codebook_write_csv(const struct codebook *cb, FILE *f);

/*
 * Find a code by what a user types: its short id, its GUID, or its name
 * (case-insensitive). Sets *id; an unknown or ambiguous reference is an
 * error (QC_EDATA) that names it.
 */
int codebook_find(struct store *s, const char *ref, long long *id,
		  struct qc_err *e);

/* A short id made from a name: lower case ASCII, words joined by '-'. */
char *codebook_slug(const char *name);

/* ---- the `codes` and `code` commands' reads and edits ---- */

/* How often a code is used. */
struct codebook_use {
	long long codings, sources, participants;	/* distinct ones */
};

/* The use of each code of cb (as codebook_read gave it): use[i] for
 * cb->codes[i]; use has cb->n elements, zeroed by the caller. */
int codebook_usage(struct store *s, const struct codebook *cb,
		   struct codebook_use *use, struct qc_err *e);

/* A new code, as `code add` describes it. */
struct codebook_new {
	const char *name;
	const char *id;		/* short id; NULL: codebook_slug(name) */
	long long parent;	/* row id of the parent; 0: a top-level code */
	const char *definition;	/* may be NULL */
	const char *valence;	/* NULL: neutral */
	const char *colour;	/* #rrggbb or NULL */
};

/* Add a code last among its siblings. *id gets its short id (caller
 * frees, also on failure when set); an id in use is QC_EDATA. */
int codebook_add(struct store *s, const struct codebook_new *c, char **id,
		 struct qc_err *e);

/* Rename code id, and give it the short id new_id unless that is NULL
 * (taken: QC_EDATA). *old gets the old name (caller frees). */
int codebook_rename(struct store *s, long long id, const char *name,
		    const char *new_id, char **old, struct qc_err *e);

/* Move code id last under parent (0: to the top level); not under itself
 * or one of its descendants (QC_EDATA). *name and *parent_name get the
 * short ids, "(top)" for the top (caller frees both). */
int codebook_move(struct store *s, long long id, long long parent,
		  char **name, char **parent_name, struct qc_err *e);

struct codebook_merged {
	char *from, *to;	/* short ids (owned) */
	long long moved;	/* codings that moved to the other code */
	long long dropped;	/* codings the other code had already */
};

/* Merge code from into code to: codings, suggestions, memos and child
 * codes move to it, then from is removed. to must not lie below from
 * (QC_EDATA). Release r with codebook_merged_release. */
int codebook_merge_code(struct store *s, long long from, long long to,
			struct codebook_merged *r, struct qc_err *e);
void codebook_merged_release(struct codebook_merged *r);

/* Remove code id: not when it has child codes, nor (unless force) when it
 * has codings (QC_EDATA); with force its codings go too. *name gets its
 * short id (caller frees), *codings how many it had. */
int codebook_remove(struct store *s, long long id, int force, char **name,
		    long long *codings, struct qc_err *e);

#endif
