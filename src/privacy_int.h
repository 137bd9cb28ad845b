/*
 * privacy_int: the names half of the redactor (privacy_names.c), used by
 * privacy.c only. A namebook holds the names to redact, each with its
 * replacement, looked up per word in a hash table (so twenty thousand
 * names cost what twenty do), and finds candidate names: capitalised
 * words that are not dictionary words, and words after a title or a
 * kin word.
 */
#ifndef QCODE_PRIVACY_INT_H
#define QCODE_PRIVACY_INT_H

#include <stddef.h>

struct namebook;

enum nb_kind {
	NB_NAME,	/* a known name: replaced by its replacement */
	NB_CANDIDATE,	/* a possible name nobody reviewed: replaced */
	NB_KEPT,	/* a name that is also a word, where it reads as the
			 * word (lower case, sentence start): left alone */
};

struct nb_match {
	size_t start, end;	/* bytes of the text */
	enum nb_kind kind;
	const char *repl;	/* owned by the namebook */
};

/* A new, empty namebook; the word lists are read once per process (and
 * without them every capitalised word that does not start a sentence is
 * a candidate: fail closed). candidates: find possible names too; generic:
 * their replacement; lang (nl, en): which list says a name is a word. */
struct namebook *namebook_new(int candidates, const char *generic,
			      const char *lang);
void namebook_free(struct namebook *nb);

/*
 * A name and its replacement (copied). Each word of it that is not a
 * particle (de, van, el), a title or a role word is a name too, with the
 * same replacement; "Vermeulen, Ingrid" also gives "Ingrid Vermeulen".
 * A name already there keeps its replacement, but a whole name replaces
 * what a part of another gave. Returns 0 when nothing of it is a name
 * (empty, only numbers, role words, particles).
 */
int namebook_add(struct namebook *nb, const char *name, const char *repl);

/* 1 if a speaker's label names a role ("Moderator", "Ouder 2",
 * "SPEAKER_01", its own role), not a person. */
int namebook_is_role(const char *label, const char *role);

/* A word or name that is never a candidate (dismissed by the researcher,
 * or a speaker shown by label). */
void namebook_keep(struct namebook *nb, const char *name);

/* The names and candidates in text[0..len), in order, not overlapping;
 * *m points into the namebook and stays valid until the next scan. */
size_t namebook_scan(struct namebook *nb, const char *text, size_t len,
		     const struct nb_match **m);

/* Number of names held (whole names and parts). */
size_t namebook_size(const struct namebook *nb);

#endif
