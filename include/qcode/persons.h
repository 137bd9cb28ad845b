/*
 * persons: the people behind the participants, and the typed attributes
 * of persons and sources.
 *
 * A person speaks as one participant in each source they are in ("Priya"
 * in S2, "Priya Ramdin" in S5) and has one pseudonym: the schema keeps
 * every linked participant's pseudonym the person's. A person is "P3" by
 * id. An attribute is declared once with a type (text, number, date,
 * boolean, choice) and every value given to a person or a source is
 * checked against it and stored in one spelling ("3,5" -> "3.5",
 * "ja" -> "true", "tanthof" -> "Tanthof").
 */
#ifndef QCODE_PERSONS_H
#define QCODE_PERSONS_H

#include "qcode/store.h"

/* ---- attributes ---- */

/*
 * Declare attribute name of type ("text", "number", "date", "boolean" or
 * "choice"; values: the choices, comma-separated, only for choice).
 * Values already stored under that name on persons and sources must pass
 * (-QC_EDATA naming the first that does not). -QC_EDATA when it is
 * declared already. audit: log it (a part of a larger change is logged
 * as that).
 */
int persons_attr_declare(struct store *s, const char *name, const char *type,
			 const char *values, int audit, struct qc_err *e);
/* Remove a declaration and every value of it. */
int persons_attr_remove(struct store *s, const char *name, struct qc_err *e);

struct persons_attr {
	char *name, *type;
	char *choices;		/* "A,B,C"; "" unless a choice */
	long long persons, sources;	/* how many have a value */
};

struct persons_attrs {
	struct persons_attr *v;	/* in order of declaration */
	size_t n;
};

int persons_attrs_list(struct store *s, struct persons_attrs *out,
		       struct qc_err *e);
void persons_attrs_release(struct persons_attrs *a);

/*
 * Check value against the declaration of key and set *norm to its stored
 * spelling (caller frees). A key that is not declared: -QC_EDATA when
 * declared_only, else the value as given. An empty value is refused.
 */
int persons_attr_check(struct store *s, const char *key, const char *value,
		       int declared_only, char **norm, struct qc_err *e);

/* 0 if key is declared, else -QC_EDATA naming it. */
int persons_attr_known(struct store *s, const char *key, struct qc_err *e);

/* Every value key has on persons and sources, sorted (the choices, in
 * their order, for a choice). *vals is a new array of *n new strings. */
int persons_attr_values(struct store *s, const char *key, char ***vals,
			size_t *n, struct qc_err *e);

/* The value of key on person (target 'P') or source ('S') id, or NULL
 * (caller frees). */
char *persons_attr_get(struct store *s, int target, long long id,
		       const char *key);

/* ---- persons ---- */

/* "P3", or a person's name or pseudonym when only one person has it. */
int persons_find(struct store *s, const char *ref, long long *id,
		 struct qc_err *e);

/*
 * Make the participants named by pairs (source reference, label: S2
 * "Priya" S5 "Priya Ramdin") one person: the first's. The others'
 * persons are merged into it: their attributes where it has none (a
 * different value for the same attribute is refused), and they are
 * removed once no participant is left to them. The person's pseudonym is
 * the first pseudonym met and becomes every participant's. *merged counts
 * the participants moved.
 */
int persons_link(struct store *s, char *const *pairs, int npairs,
		 long long *person, int *merged, struct qc_err *e);
/* A participant becomes a person of its own again. */
int persons_unlink(struct store *s, const char *ref, const char *label,
		   long long *person, struct qc_err *e);

/* Change a person's pseudonym (NULL: keep), name (NULL: keep) and
 * attributes ("key=value"; "key=" removes it; keys must be declared). */
int persons_set(struct store *s, const char *ref, const char *pseudonym,
		const char *name, const char **attrs, int nattrs,
		long long *id, struct qc_err *e);

struct persons_part {
	long long source;	/* the source's id */
	char *label, *role;	/* role "" when unknown */
	long long turns, words;
};

struct persons_row {
	long long id;		/* 3 for P3 */
	char *name;		/* the person's name */
	char *pseudonym;	/* "" when none yet */
	char *role;		/* the roles they speak in, ", "-separated */
	struct persons_part *parts;	/* by source */
	size_t nparts;
	long long turns, words;
	char **values;		/* one per key asked for; NULL: none */
};

struct persons_rows {
	struct persons_row *v;	/* in order of id */
	size_t n;
	size_t nkeys;
};

/*
 * Every person (only ref's when ref is not NULL), with the values of
 * keys[0..nkeys). Only the rows whose attribute keys[i] equals a filter
 * "key=value" in where[0..nwhere) are kept.
 */
int persons_list(struct store *s, const char *ref, const char *const *keys,
		 size_t nkeys, const char *const *where, int nwhere,
		 struct persons_rows *out, struct qc_err *e);
void persons_rows_release(struct persons_rows *r);

/*
 * Attributes from a CSV file (RFC 4180, comma or semicolon, UTF-8 with or
 * without a BOM): a header row whose first column is "person" or
 * "source" (also "case", "document") and whose other columns name
 * attributes; then one row per person (P3, a name or a pseudonym) or
 * source (S2, its title or its file name). A column not declared yet is
 * declared as text (*declared counts them); an empty cell leaves the
 * value alone. *rows counts the rows read. Errors name file:line.
 */
int persons_import_csv(struct store *s, const char *path, long long *rows,
		       long long *values, long long *declared,
		       struct qc_err *e);

#endif
