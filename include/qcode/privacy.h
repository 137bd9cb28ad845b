/*
 * privacy: pseudonyms and redaction. Redaction rules (PCRE2 patterns with
 * a label and a replacement, some with a check done in code: the BSN
 * eleven-test, the IBAN mod-97) come from a YAML file; every participant
 * label and every name of `redact name add` is redacted too. Redaction is
 * applied at output time, so stored offsets and codings stay valid.
 */
#ifndef QCODE_PRIVACY_H
#define QCODE_PRIVACY_H

#include "qcode/store.h"

struct redactor;

/* One match: bytes [start, end) of the text. */
struct redact_match {
	size_t start, end;
	const char *rule;	/* the rule's label, owned by the redactor */
	const char *replacement;
};

/*
 * Rules from rules_file, or the shipped codebooks/redaction-LANG.yaml for
 * the project's language when NULL; plus the project's participant labels
 * and redaction names. s may be NULL (rules only). Each rule is compiled
 * and tried on texts that make careless patterns backtrack without end;
 * one that reaches the match limit there is refused (-QC_EDATA, named).
 */
int redactor_open(struct store *s, const char *rules_file, struct redactor **r,
		  struct qc_err *e);

enum {
	REDACT_REAL_NAMES = 1,	/* speakers are shown by label: their names
				 * are kept, the other names still go */
	REDACT_NO_CANDIDATES = 2,	/* only known names, no guessing */
};

/* redactor_open with REDACT_* flags. */
int redactor_open_flags(struct store *s, const char *rules_file,
			unsigned flags, struct redactor **r,
			struct qc_err *e);

/* The labels of matches that are candidate names (replaced, nobody
 * reviewed them) and of names left alone because they read as words
 * there ("ik ben"; listed by the dry run, never replaced). */
#define REDACT_CANDIDATE_NL "mogelijke naam"
#define REDACT_CANDIDATE_EN "possible name"
#define REDACT_KEPT_NL "naam of woord (niet vervangen)"
#define REDACT_KEPT_EN "name or word (not replaced)"
void redactor_close(struct redactor *r);

/*
 * Every match, sorted by start, not overlapping (the longest wins). The
 * array is the caller's to free. A rule that ends in a PCRE2 error (its
 * match or depth limit) rather than a match or none fails the scan:
 * -QC_EDATA, e naming the rule and its file:line, *m NULL. The caller must
 * then write nothing of the text, and names the text it was scanning.
 */
int redactor_scan(struct redactor *r, const char *text, size_t len,
		  struct redact_match **m, size_t *n, struct qc_err *e);

/* The text with every match replaced; appends to out. Fails as
 * redactor_scan does, with nothing appended. */
int redactor_apply(struct redactor *r, const char *text, size_t len,
		   struct qc_buf *out, struct qc_err *e);

/* After a failed scan: the byte offset in the text where the failing
 * match began, to name the segment of a longer text. */
size_t redactor_failed_at(const struct redactor *r);

/* A speaker's label (and every part of it) to redact as well, unless
 * it names a role; by the rules' generic replacement. */
void redactor_add_person(struct redactor *r, const char *label,
			 const char *role);

/*
 * A name to redact by a given replacement (NULL: the rules' generic
 * one), with its parts (surname alone), genitive and spellings without
 * diacritics. A name already known keeps its first replacement, except
 * that a whole name wins over a part of another. Lookup is by word in a
 * hash table: any number of names costs the same per text.
 */
void redactor_add_name(struct redactor *r, const char *name,
		       const char *replacement);

/* How many candidate names (never reviewed) were replaced since the
 * redactor was opened: outputs say so in a footer. */
size_t redactor_candidates(const struct redactor *r);

struct import_doc;
struct codebook;

/* Every text field of a codebook (title, names, definitions, examples,
 * lessons, recommendations, skills) redacted in place by the project's
 * rules and names, for a codebook that leaves the machine. Returns 0 or
 * -code (a rule that fails: nothing may be written). */
int privacy_redact_codebook(struct store *s, struct codebook *cb,
			    struct qc_err *e);

/*
 * Redact a parsed document before it is stored (import --redact): its
 * speakers' labels join the names, the text is rewritten and every turn's
 * bounds are mapped through the edits. *n counts the replacements.
 */
int privacy_redact_doc(struct redactor *r, struct import_doc *d, size_t *n,
		       struct qc_err *e);

/* A parsed document's speakers (and the people its roles name) join the
 * names, as privacy_redact_doc does first: a first pass over every file
 * of an import makes the result the same whatever the files' order. */
void privacy_doc_speakers(struct redactor *r, const struct import_doc *d);

/* 1 if a participant label is a person's name, not a role ("Moderator",
 * "Ouder 2") or the role itself. */
/* Is the full stop at s[dot] that of a title ("mw.", "Dr.") or of an
 * initial ("J."), inside a sentence rather than at its end? The one list
 * the name finder uses, for whoever cuts text into sentences. */
int privacy_abbrev_at(const char *s, size_t dot);

int privacy_is_name(const char *label, const char *role);

/* The checks done in code, exposed for tests. */
int privacy_bsn_ok(const char *digits);	/* 9 digits, eleven-test */
int privacy_iban_ok(const char *iban);	/* mod-97 == 1 */
int privacy_nhs_ok(const char *digits);	/* 10 digits, modulus 11 */

/*
 * Give every participant without a pseudonym one: scheme "role" gives
 * "Ouder 1", "Verloskundige 2" (the same label and role in another source
 * gets the same pseudonym), scheme "letter" gives "Deelnemer A". With
 * redo, existing pseudonyms are replaced. Returns 0 or -code; *n counts
 * the participants named.
 */
int privacy_pseudonymise(struct store *s, const char *scheme, int redo,
			 long long *n, struct qc_err *e);

/* What a dry-run item is. */
enum privacy_hit_kind {
	PRIVACY_ITEM,		/* a rule's match, a known name, a speaker */
	PRIVACY_CANDIDATE,	/* a possible name: redacted until reviewed */
	PRIVACY_KEPT,		/* a name that reads as a word there: kept */
};

/* One item of personal data found in the project (redact --dry-run). */
struct privacy_hit {
	char ref[48];		/* "S3:12" */
	enum privacy_hit_kind kind;
	char *rule;		/* the rule's label, or "spreker" */
	char *found;		/* the text matched, or the speaker's label */
	char *context;		/* words around it, the match in "**" */
};

struct privacy_hits {
	struct privacy_hit *v;	/* in order of source and turn */
	size_t n;
};

/*
 * Every item the redaction rules (rules_file, or the project's default
 * when NULL) find in the turns of the sources named in refs[0..nrefs)
 * ("S1", read by qc_ref_parse; one that is not a source reference
 * selects nothing; every source when nrefs is 0), and every speaker whose label is
 * a name, once per source at its first turn. Returns 0 or -code;
 * privacy_hits_release frees *out, also after a failure.
 */
int privacy_find(struct store *s, const char *rules_file,
		 char *const *refs, int nrefs, struct privacy_hits *out,
		 struct qc_err *e);
void privacy_hits_release(struct privacy_hits *h);

/*
 * The project's own names to redact wherever they occur. Adding (an empty
 * name is refused) and removing are logged without the name; *changed is
 * 0 when the name was already there, or not there. privacy_names sets
 * *names to a new array of *n new strings, sorted (caller frees all).
 */
int privacy_name_add(struct store *s, const char *name, int *changed,
		     struct qc_err *e);
int privacy_name_rm(struct store *s, const char *name, int *changed,
		    struct qc_err *e);
int privacy_names(struct store *s, char ***names, size_t *n,
		  struct qc_err *e);

/* A possible name the researcher dismissed: never a candidate again
 * (logged without the word); unignore takes it off that list again. */
int privacy_name_ignore(struct store *s, const char *name, int *changed,
			struct qc_err *e);
int privacy_name_unignore(struct store *s, const char *name, int *changed,
			  struct qc_err *e);
/* The dismissed words, sorted, as privacy_names gives the names. */
int privacy_ignored(struct store *s, char ***names, size_t *n,
		    struct qc_err *e);

#endif
