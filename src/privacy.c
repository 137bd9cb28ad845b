/*
 * privacy: redaction rules (YAML, PCRE2 with JIT, checks in code) and
 * pseudonyms. See include/qcode/privacy.h.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "qcode/progress.h"
#include "qcode/codebook.h"
#include "qcode/import.h"
#include "qcode/privacy.h"
#include "qcode/search.h"
#include "qcode/text.h"
#include "qcode/yamldoc.h"
#include "privacy_int.h"

struct rule {
	char *label, *pattern, *replacement, *check;
	char *where;		/* "file:line" of the rule */
	pcre2_code *re;
};

/*
 * Limits on one match attempt. A rule that reaches one cannot say whether
 * it matches, so redaction fails closed: the output is not written. They
 * are well above what the shipped rules need on any text.
 */
#define MATCH_LIMIT 1000000	/* backtracking steps from one start */
#define DEPTH_LIMIT 100000	/* nested backtracking points */
#define JIT_STACK_MAX (512 * 1024)
#define TRIAL_LEN 5000		/* bytes of each load-time trial text */

struct redactor {
	struct rule *rules;
	size_t nrules;
	struct namebook *nb;	/* names, parts, candidates */
	unsigned flags;		/* REDACT_* of redactor_open_flags */
	size_t ncand;		/* candidates replaced so far */
	struct redact_match *kept;	/* the last scan's names left as words */
	size_t nkept, keptalloc;
	char *lang;		/* the rules' language: nl or en */
	pcre2_match_data *md;
	pcre2_match_context *mctx;	/* MATCH_LIMIT, DEPTH_LIMIT, jit */
	pcre2_jit_stack *jit;
	size_t failed_at;	/* where the last failing match began */
	char *name_label;
};

/* ---- checks ---- */

int privacy_bsn_ok(const char *s)
{
	int d[9], n = 0, sum = 0;

	for (; *s && n <= 9; s++) {
		if (isdigit((unsigned char)*s))
			d[n < 9 ? n : 8] = *s - '0', n++;
		else if (*s != '.' && *s != ' ' && *s != '-')
			return 0;
	}
	if (n != 9)
		return 0;
	for (int i = 0; i < 8; i++)
		sum += (9 - i) * d[i];
	sum -= d[8];
	return sum % 11 == 0 && sum != 0;
}

int privacy_nhs_ok(const char *s)
{
	int d[10], n = 0, sum = 0;

	for (; *s; s++) {
		if (isdigit((unsigned char)*s)) {
			if (n == 10)
				return 0;
			d[n++] = *s - '0';
		} else if (*s != ' ' && *s != '-') {
			return 0;
		}
	}
	if (n != 10)
		return 0;
	for (int i = 0; i < 9; i++)
		sum += (10 - i) * d[i];
	sum = 11 - sum % 11;
	if (sum == 11)
		sum = 0;
	return sum != 10 && sum == d[9];
}

int privacy_iban_ok(const char *iban)
{
	char buf[64];
	size_t n = 0;
	int rem = 0;

	for (const char *p = iban; *p; p++)
		if (*p != ' ') {
			if (n + 1 >= sizeof(buf))
				return 0;
			buf[n++] = (char)toupper((unsigned char)*p);
		}
	buf[n] = '\0';
	if (n < 15 || !isalpha((unsigned char)buf[0]) ||
	    !isalpha((unsigned char)buf[1]))
		return 0;
	/* move the first four characters to the end, letters become 10..35 */
	for (size_t k = 0; k < n; k++) {
		char c = buf[(k + 4) % n];
		if (isdigit((unsigned char)c))
			rem = (rem * 10 + (c - '0')) % 97;
		else if (isalpha((unsigned char)c))
			rem = (rem * 100 + (c - 'A' + 10)) % 97;
		else
			return 0;
	}
	return rem == 1;
}

/* ---- rules ---- */

static void rules_free(struct redactor *r)
{
	for (size_t i = 0; i < r->nrules; i++) {
		free(r->rules[i].label);
		free(r->rules[i].pattern);
		free(r->rules[i].replacement);
		free(r->rules[i].check);
		free(r->rules[i].where);
		pcre2_code_free(r->rules[i].re);
	}
	free(r->rules);
}

void redactor_close(struct redactor *r)
{
	if (!r)
		return;
	rules_free(r);
	namebook_free(r->nb);
	free(r->kept);
	free(r->lang);
	pcre2_match_data_free(r->md);
	pcre2_match_context_free(r->mctx);
	pcre2_jit_stack_free(r->jit);
	free(r->name_label);
	free(r);
}

/* The limits every match runs under; made once, before the rules. */
static void limits_init(struct redactor *r)
{
	r->mctx = pcre2_match_context_create(NULL);
	r->jit = pcre2_jit_stack_create(32 * 1024, JIT_STACK_MAX, NULL);
	r->md = pcre2_match_data_create(8, NULL);
	if (!r->mctx || !r->md) {
		fputs("qcode: out of memory\n", stderr);
		exit(QC_EIO);
	}
	pcre2_set_match_limit(r->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(r->mctx, DEPTH_LIMIT);
	if (r->jit)
		pcre2_jit_stack_assign(r->mctx, NULL, r->jit);
}

/* "match limit exceeded" and the like: PCRE2's words for a match error. */
static void match_error(int rc, char *msg, size_t size)
{
	if (pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, size) < 0)
		snprintf(msg, size, "PCRE2 error %d", rc);
}

/*
 * Try a compiled rule on texts that make careless patterns backtrack
 * for ever ("aaaa…", "aaaa…!", digits, spaces, words), each match from
 * the first byte, under the same limits as real text. Returns 0, or a
 * negative PCRE2 code for the first trial that ends in an error.
 */
static int trial(struct redactor *r, pcre2_code *re)
{
	static const char *const units[] = { "a", "A", "0", " ", "a ", "a0",
		"aA", "a.", "a-", "0 ", "0.", "\n", NULL };
	char *t = xmalloc(TRIAL_LEN + 2);
	int rc = 0;

	for (int i = 0; units[i] && rc == 0; i++) {
		size_t ul = strlen(units[i]), n = 0;
		while (n + ul <= TRIAL_LEN) {
			memcpy(t + n, units[i], ul);
			n += ul;
		}
		for (int bang = 0; bang < 2 && rc == 0; bang++) {
			t[n] = '!';
			rc = pcre2_match(re, (PCRE2_SPTR)t, n + (size_t)bang, 0,
					 PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK,
					 r->md, r->mctx);
			if (rc >= 0 || rc == PCRE2_ERROR_NOMATCH)
				rc = 0;
		}
	}
	free(t);
	return rc;
}

static int load_rules(struct redactor *r, const char *path, struct qc_err *e)
{
	yaml_document_t doc;
	yaml_node_t *root;
	int rc = yamldoc_load_file(path, "rules", NULL, &doc, e);

	if (rc < 0)
		return rc;
	root = yaml_document_get_root_node(&doc);
	for (yaml_node_pair_t *pr = root && root->type == YAML_MAPPING_NODE ?
	     root->data.mapping.pairs.start : NULL;
	     pr && pr < root->data.mapping.pairs.top && rc == 0; pr++) {
		yaml_node_t *k = yaml_document_get_node(&doc, pr->key);
		yaml_node_t *v = yaml_document_get_node(&doc, pr->value);
		const char *key;

		if (k->type != YAML_SCALAR_NODE)
			continue;
		key = (const char *)k->data.scalar.value;
		if (!strcmp(key, "language") && v->type == YAML_SCALAR_NODE) {
			free(r->lang);
			r->lang = xstrdup((const char *)v->data.scalar.value);
			continue;
		}
		if (!strcmp(key, "names") && v->type == YAML_SCALAR_NODE) {
			free(r->name_label);
			r->name_label = xstrdup((const char *)v->data.scalar.value);
			continue;
		}
		if (strcmp(key, "rules") || v->type != YAML_SEQUENCE_NODE)
			continue;
		for (yaml_node_item_t *it = v->data.sequence.items.start;
		     it < v->data.sequence.items.top && rc == 0; it++) {
			yaml_node_t *m = yaml_document_get_node(&doc, *it);
			struct rule ru = { 0 };
			int err;
			PCRE2_SIZE off;

			if (m->type != YAML_MAPPING_NODE) {
				rc = qc_err_set(e, QC_EDATA, "%s:%zu: a rule is a"
						" mapping", path, m->start_mark.line + 1);
				break;
			}
			for (yaml_node_pair_t *q = m->data.mapping.pairs.start;
			     q < m->data.mapping.pairs.top; q++) {
				yaml_node_t *kk = yaml_document_get_node(&doc, q->key);
				yaml_node_t *vv = yaml_document_get_node(&doc, q->value);
				char **slot = NULL;
				const char *kn;
				if (kk->type != YAML_SCALAR_NODE ||
				    vv->type != YAML_SCALAR_NODE)
					continue;
				kn = (const char *)kk->data.scalar.value;
				if (!strcmp(kn, "label"))
					slot = &ru.label;
				else if (!strcmp(kn, "pattern"))
					slot = &ru.pattern;
				else if (!strcmp(kn, "replacement"))
					slot = &ru.replacement;
				else if (!strcmp(kn, "check"))
					slot = &ru.check;
				if (slot) {
					free(*slot);
					*slot = xstrdup((const char *)vv->data.scalar.value);
				}
			}
			if (!ru.label || !ru.pattern) {
				rc = qc_err_set(e, QC_EDATA, "%s:%zu: a rule needs a"
						" label and a pattern", path,
						m->start_mark.line + 1);
			} else if (ru.check && strcmp(ru.check, "elfproef") &&
				   strcmp(ru.check, "mod97") &&
				   strcmp(ru.check, "nhs")) {
				rc = qc_err_set(e, QC_EDATA, "%s:%zu: check '%s' is"
						" elfproef, mod97 or nhs", path,
						m->start_mark.line + 1, ru.check);
			} else if (!(ru.re = pcre2_compile((PCRE2_SPTR)ru.pattern,
					PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP,
					&err, &off, NULL))) {
				PCRE2_UCHAR msg[256];
				pcre2_get_error_message(err, msg, sizeof(msg));
				rc = qc_err_set(e, QC_EDATA, "%s:%zu: rule '%s': %s at"
						" offset %zu", path,
						m->start_mark.line + 1, ru.label,
						(const char *)msg, (size_t)off);
			} else if ((err = trial(r, ru.re)) < 0) {
				char msg[128];
				match_error(err, msg, sizeof(msg));
				rc = qc_err_set(e, QC_EDATA, "%s:%zu: rule '%s': %s on"
						" a test text; the pattern backtracks"
						" too much to be trusted", path,
						m->start_mark.line + 1, ru.label, msg);
			}
			if (rc < 0) {
				free(ru.label);
				free(ru.pattern);
				free(ru.replacement);
				free(ru.check);
				pcre2_code_free(ru.re);
				break;
			}
			pcre2_jit_compile(ru.re, PCRE2_JIT_COMPLETE);
			ru.where = xasprintf("%s:%zu", path, m->start_mark.line + 1);
			if (!ru.replacement)
				ru.replacement = xasprintf("[%s]", ru.label);
			r->rules = xreallocarray(r->rules, r->nrules + 1,
						 sizeof(*r->rules));
			r->rules[r->nrules++] = ru;
		}
	}
	yaml_document_delete(&doc);
	return rc;
}

static const char *generic(const struct redactor *r)
{
	return r->name_label ? r->name_label : "[naam]";
}

static int english(const struct redactor *r)
{
	return r->lang && !strcmp(r->lang, "en");
}

/* A participant's label: every part of it is a name, unless it names a
 * role ("Ouder 2", "Moderator"). */
static void add_person(struct redactor *r, const char *label, const char *role,
		       const char *repl)
{
	if (!label || namebook_is_role(label, role))
		return;
	if (r->flags & REDACT_REAL_NAMES)
		namebook_keep(r->nb, label);
	else
		namebook_add(r->nb, label, repl);
}

void redactor_add_person(struct redactor *r, const char *label,
			 const char *role)
{
	add_person(r, label, role, generic(r));
}

void redactor_add_name(struct redactor *r, const char *name,
		       const char *replacement)
{
	namebook_add(r->nb, name, replacement ? replacement : generic(r));
}

size_t redactor_candidates(const struct redactor *r)
{
	return r->ncand;
}

int privacy_is_name(const char *label, const char *role)
{
	return label && !namebook_is_role(label, role);
}

/* The rows of sql, each given to one(r, row); 0, or -code when the
 * names could not all be read: redaction never goes on without them. */
static int each_name(struct redactor *r, struct store *s, const char *sql,
		     void (*one)(struct redactor *, sqlite3_stmt *),
		     struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	if (!st)
		return -QC_EIO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		one(r, st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 :
		qc_err_set(e, QC_EIO, "cannot read the names to redact: %s",
			   sqlite3_errmsg(s->db));
}

static void name_of_person(struct redactor *r, sqlite3_stmt *st)
{
	const char *ps = (const char *)sqlite3_column_text(st, 2);

	add_person(r, (const char *)sqlite3_column_text(st, 0),
		   (const char *)sqlite3_column_text(st, 1),
		   ps ? ps : generic(r));
}

static void name_added(struct redactor *r, sqlite3_stmt *st)
{
	namebook_add(r->nb, (const char *)sqlite3_column_text(st, 0),
		     generic(r));
}

static void name_dismissed(struct redactor *r, sqlite3_stmt *st)
{
	namebook_keep(r->nb, (const char *)sqlite3_column_text(st, 0));
}

static int load_names(struct redactor *r, struct store *s, struct qc_err *e)
{
	int rc;

	/* every name of a person (each source's label) stands for the
	 * person's one pseudonym, wherever it occurs */
	if ((rc = each_name(r, s, "SELECT p.label, p.role, coalesce("
			    "pe.pseudonym, p.pseudonym) FROM participants p"
			    " LEFT JOIN persons pe ON pe.id = p.person_id"
			    " ORDER BY p.id", name_of_person, e)) < 0 ||
	    (rc = each_name(r, s, "SELECT name FROM redact_names", name_added,
			    e)) < 0)
		return rc;
	return each_name(r, s, "SELECT name FROM redact_ignore",
			 name_dismissed, e);
}

int redactor_open(struct store *s, const char *rules_file, struct redactor **out,
		  struct qc_err *e)
{
	return redactor_open_flags(s, rules_file, 0, out, e);
}

int redactor_open_flags(struct store *s, const char *rules_file,
			unsigned flags, struct redactor **out,
			struct qc_err *e)
{
	struct redactor *r = xcalloc(1, sizeof(*r));
	char *path = NULL;
	int rc;

	*out = NULL;
	if (!rules_file) {
		char *lang = s ? store_get_setting(s, "lang") : NULL;
		char *rel = xasprintf("codebooks/redaction-%s.yaml",
				      lang && !strcmp(lang, "en") ? "en" : "nl");
		path = qc_data_file(rel);
		free(rel);
		free(lang);
		if (!path) {
			free(r);
			return qc_err_set(e, QC_EIO, "the redaction rules"
					  " (codebooks/redaction-nl.yaml) are not"
					  " installed; give --rules FILE");
		}
		rules_file = path;
	}
	r->flags = flags;
	limits_init(r);
	rc = load_rules(r, rules_file, e);
	free(path);
	r->nb = namebook_new(!(flags & REDACT_NO_CANDIDATES), generic(r),
			     r->lang);
	if (rc == 0 && s)
		rc = load_names(r, s, e);
	if (rc < 0) {
		redactor_close(r);
		return rc;
	}
	*out = r;
	return 0;
}

static int match_cmp(const void *a, const void *b)
{
	const struct redact_match *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

/*
 * Where a failed unanchored match went wrong: the first start from `at`
 * at which an anchored attempt fails too (the earlier ones neither match
 * nor fail, or the whole match would have ended there).
 */
static size_t failed_start(struct redactor *r, pcre2_code *re,
			   const char *text, size_t len, size_t at)
{
	for (size_t p = at; p <= len; p++) {
		int rc;
		if (p > at && p < len && ((unsigned char)text[p] & 0xC0) == 0x80)
			continue;
		rc = pcre2_match(re, (PCRE2_SPTR)text, len, p, PCRE2_ANCHORED |
				 PCRE2_NO_UTF_CHECK, r->md, r->mctx);
		if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
			return p;
	}
	return at;
}

/*
 * Add the matches of one rule. A match that ends
 * in an error rather than a match or none fails the whole scan: nothing
 * of this text could be trusted to be redacted.
 */
static int scan_one(struct redactor *r, pcre2_code *re, const char *text,
		    size_t len, const struct rule *rule, const char *repl,
		    struct redact_match **m, size_t *n, size_t *alloc,
		    struct qc_err *e)
{
	PCRE2_SIZE at = 0;
	const char *check = rule ? rule->check : NULL;
	int rc;

	while (at <= len && (rc = pcre2_match(re, (PCRE2_SPTR)text, len, at,
					      PCRE2_NO_UTF_CHECK, r->md,
					      r->mctx)) != PCRE2_ERROR_NOMATCH) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
		size_t s0, s1;
		int ok;

		if (rc < 0) {
			char msg[128];
			match_error(rc, msg, sizeof(msg));
			r->failed_at = failed_start(r, re, text, len, at);
			return qc_err_set(e, QC_EDATA, "redaction rule '%s'"
					  " (%s): %s", rule->label, rule->where,
					  msg);
		}
		s0 = ov[0];
		s1 = ov[1];
		ok = s1 > s0;
		if (ok && check) {
			char *t = xstrndup(text + s0, s1 - s0);
			ok = !strcmp(check, "elfproef") ? privacy_bsn_ok(t) :
			     !strcmp(check, "nhs") ? privacy_nhs_ok(t) :
			     privacy_iban_ok(t);
			free(t);
		}
		if (ok) {
			QC_GROW(*m, *n, *alloc);
			(*m)[(*n)++] = (struct redact_match){ s0, s1,
				rule->label, repl };
		}
		at = s1 > ov[0] ? s1 : s1 + 1;
		while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
			at++;
		if (s1 == ov[0] && at > len)
			break;
	}
	return 0;
}

int redactor_scan(struct redactor *r, const char *text, size_t len,
		  struct redact_match **m, size_t *n, struct qc_err *e)
{
	size_t alloc = 0, k = 0;
	int rc = 0;

	*m = NULL;
	*n = 0;
	r->nkept = 0;
	{
		const struct nb_match *nm;
		size_t nn = namebook_scan(r->nb, text, len, &nm);
		for (size_t i = 0; i < nn; i++) {
			struct redact_match x = { nm[i].start, nm[i].end,
				nm[i].kind == NB_NAME ? (english(r) ? "name" : "naam") :
				nm[i].kind == NB_CANDIDATE ?
				(english(r) ? REDACT_CANDIDATE_EN :
				 REDACT_CANDIDATE_NL) :
				(english(r) ? REDACT_KEPT_EN : REDACT_KEPT_NL),
				nm[i].repl };
			if (nm[i].kind == NB_CANDIDATE)
				r->ncand++;
			if (nm[i].kind == NB_KEPT) {
				QC_GROW(r->kept, r->nkept, r->keptalloc);
				r->kept[r->nkept++] = x;
				continue;
			}
			QC_GROW(*m, *n, alloc);
			(*m)[(*n)++] = x;
		}
	}
	for (size_t i = 0; i < r->nrules && rc == 0; i++)
		rc = scan_one(r, r->rules[i].re, text, len, &r->rules[i],
			      r->rules[i].replacement, m, n, &alloc, e);
	if (rc < 0) {
		free(*m);
		*m = NULL;
		*n = 0;
		return rc;
	}
	if (*n < 2)
		return 0;
	/* sort; where matches overlap, the one that starts first (and is
	 * longest) wins */
	qsort(*m, *n, sizeof(**m), match_cmp);
	for (size_t i = 1; i < *n; i++) {
		if ((*m)[i].start < (*m)[k].end) {
			if ((*m)[i].end > (*m)[k].end)
				(*m)[k].end = (*m)[i].end;
			continue;
		}
		(*m)[++k] = (*m)[i];
	}
	*n = k + 1;
	return 0;
}

size_t redactor_failed_at(const struct redactor *r)
{
	return r->failed_at;
}

int redactor_apply(struct redactor *r, const char *text, size_t len,
		   struct qc_buf *out, struct qc_err *e)
{
	struct redact_match *m;
	size_t n, at = 0;
	int rc = redactor_scan(r, text, len, &m, &n, e);

	if (rc < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		qc_buf_add(out, text + at, m[i].start - at);
		qc_buf_adds(out, m[i].replacement);
		at = m[i].end;
	}
	qc_buf_add(out, text + at, len - at);
	free(m);
	return 0;
}

/* Where old byte offset p lands after the edits m: inside a replaced
 * stretch, at the start of its replacement (or its end, for an end). */
static size_t map_offset(const struct redact_match *m, size_t n, size_t p,
			 int is_end)
{
	long long delta = 0;

	for (size_t i = 0; i < n && m[i].start < p; i++) {
		size_t rl = strlen(m[i].replacement);
		if (p < m[i].end)
			return (size_t)((long long)m[i].start + delta) +
			       (is_end ? rl : 0);
		delta += (long long)rl - (long long)(m[i].end - m[i].start);
	}
	return (size_t)((long long)p + delta);
}

void privacy_doc_speakers(struct redactor *r, const struct import_doc *d)
{
	for (size_t i = 0; i < d->nturns; i++) {
		const char *role = NULL;
		if (!d->turns[i].speaker)
			continue;
		for (size_t k = 0; k < d->nroles; k++)
			if (!strcmp(d->roles[k].key, d->turns[i].speaker))
				role = d->roles[k].value;
		add_person(r, d->turns[i].speaker, role, generic(r));
	}
	for (size_t k = 0; k < d->nroles; k++)
		add_person(r, d->roles[k].key, d->roles[k].value, generic(r));
}

int privacy_redact_doc(struct redactor *r, struct import_doc *d, size_t *count,
		       struct qc_err *e)
{
	struct redact_match *m;
	struct qc_buf out = QC_BUF_INIT;
	size_t n, at = 0;
	int rc;

	*count = 0;
	privacy_doc_speakers(r, d);
	/* a title taken from the file (its first line, front matter) is the
	 * file's text too */
	if (d->title) {
		struct qc_buf t = QC_BUF_INIT;
		if ((rc = redactor_apply(r, d->title, strlen(d->title), &t,
					 e)) < 0) {
			qc_buf_release(&t);
			qc_err_prefix(e, "title");
			return rc;
		}
		free(d->title);
		d->title = qc_buf_detach(&t, NULL);
	}
	if ((rc = redactor_scan(r, d->text.buf, d->text.len, &m, &n, e)) < 0) {
		/* name the turn, as it would be numbered once imported */
		size_t t = 0;
		while (t + 1 < d->nturns && d->turns[t + 1].start <= r->failed_at)
			t++;
		if (d->nturns)
			qc_err_prefix(e, "turn %zu", t + 1);
		return rc;
	}
	if (!n) {
		free(m);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		qc_buf_add(&out, d->text.buf + at, m[i].start - at);
		qc_buf_adds(&out, m[i].replacement);
		at = m[i].end;
	}
	qc_buf_add(&out, d->text.buf + at, d->text.len - at);
	for (size_t i = 0; i < d->nturns; i++) {
		d->turns[i].start = map_offset(m, n, d->turns[i].start, 0);
		d->turns[i].end = map_offset(m, n, d->turns[i].end, 1);
	}
	qc_buf_release(&d->text);
	d->text = out;
	*count = n;
	free(m);
	return 0;
}

/* ---- pseudonyms ---- */

/* Role words in Dutch and English: a pseudonym's word follows the
 * project's language whichever language the role was given in. */
static const char *const role_words[][2] = {
	{ "ouder", "parent" }, { "moeder", "mother" }, { "vader", "father" },
	{ "verloskundige", "midwife" }, { "onderzoeker", "researcher" },
	{ "kraamzorg", "maternity care" },
	{ "kraamverzorgende", "maternity nurse" },
	{ "deelnemer", "participant" }, { "ziekenhuis", "hospital" },
	{ "sociaal domein", "social services" },
	{ "gespreksleider", "moderator" }, { "huisarts", "GP" },
	{ "jeugdverpleegkundige", "youth nurse" }, { "tolk", "interpreter" },
};

static char *role_word(const char *role, const char *lang)
{
	struct qc_buf b = QC_BUF_INIT;
	int en = lang && !strcmp(lang, "en");

	if (!role || !*role)
		return xstrdup(en ? "Participant" : "Deelnemer");
	for (size_t i = 0; i < sizeof(role_words) / sizeof(*role_words); i++)
		if (!strcasecmp(role, role_words[i][!en])) {
			role = role_words[i][en];
			break;
		}
	qc_buf_adds(&b, role);
	if (isalpha((unsigned char)b.buf[0]) && b.len > 3 &&
	    !(isupper((unsigned char)b.buf[0]) && isupper((unsigned char)b.buf[1])))
		b.buf[0] = (char)toupper((unsigned char)b.buf[0]);
	return qc_buf_detach(&b, NULL);
}

/* Does the participant's person have a pseudonym already (given to
 * another of its participants in this run)? */
static int person_named(struct store *s, long long pid)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT 1 FROM persons pe JOIN"
		" participants p ON p.person_id = pe.id WHERE p.id = ? AND"
		" pe.pseudonym IS NOT NULL", NULL);
	int named;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, pid);
	named = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return named;
}

int privacy_pseudonymise(struct store *s, const char *scheme, int redo,
			 long long *count, struct qc_err *e)
{
	sqlite3_stmt *st, *up;
	char *lang = store_get_setting(s, "lang");
	struct seen { char *label, *role, *ps; } *seen = NULL;
	struct ctr { char *word; int n; } *ctr = NULL;
	size_t nseen = 0, nctr = 0;
	int letters = scheme && !strcmp(scheme, "letter"), rc = 0, nletter = 0;

	*count = 0;
	if (scheme && strcmp(scheme, "role") && strcmp(scheme, "letter")) {
		free(lang);
		return qc_err_set(e, QC_EUSAGE, "--scheme is role or letter, not"
				  " '%s'", scheme);
	}
	if (redo && store_exec(s, "UPDATE participants SET pseudonym = NULL", e) < 0) {
		free(lang);
		return -QC_EIO;
	}
	st = store_prepare(s, "SELECT id, label, coalesce(role, ''), pseudonym"
			   " FROM participants ORDER BY source_id, id", e);
	up = store_prepare(s, "UPDATE participants SET pseudonym = ? WHERE id = ?",
			   e);
	if (!st || !up) {
		rc = -QC_EIO;
		goto out;
	}
	/* names already given count, so new ones do not repeat them */
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *label = (const char *)sqlite3_column_text(st, 1);
		const char *role = (const char *)sqlite3_column_text(st, 2);
		const char *ps = (const char *)sqlite3_column_text(st, 3);
		char *name = NULL;
		size_t i;

		for (i = 0; i < nseen; i++)
			if (!strcmp(seen[i].label, label) &&
			    !strcmp(seen[i].role, role))
				break;
		if (ps) {
			if (i == nseen) {
				seen = xreallocarray(seen, nseen + 1, sizeof(*seen));
				seen[nseen++] = (struct seen){ xstrdup(label),
					xstrdup(role), xstrdup(ps) };
			}
			continue;
		}
		if (person_named(s, sqlite3_column_int64(st, 0)))
			continue;	/* a person linked across sources has one */
		if (i < nseen) {
			name = xstrdup(seen[i].ps);
		} else if (letters) {
			int k = nletter++;
			char tag[8];
			size_t t = 0;
			do {
				tag[t++] = (char)('A' + k % 26);
				k = k / 26 - 1;
			} while (k >= 0 && t < 6);
			tag[t] = '\0';
			for (size_t a = 0, b = t - 1; a < b; a++, b--) {
				char c = tag[a];
				tag[a] = tag[b];
				tag[b] = c;
			}
			name = xasprintf("%s %s", lang && !strcmp(lang, "en") ?
					 "Participant" : "Deelnemer", tag);
		} else {
			char *w = role_word(role, lang);
			size_t c;
			for (c = 0; c < nctr && strcmp(ctr[c].word, w); c++)
				;
			if (c == nctr) {
				ctr = xreallocarray(ctr, nctr + 1, sizeof(*ctr));
				ctr[nctr++] = (struct ctr){ xstrdup(w), 0 };
			}
			/* skip numbers a hand-given pseudonym already uses */
			for (;;) {
				int clash = 0;
				free(name);
				name = xasprintf("%s %d", w, ++ctr[c].n);
				for (size_t q = 0; q < nseen; q++)
					clash |= !strcmp(seen[q].ps, name);
				if (!clash)
					break;
			}
			free(w);
		}
		seen = xreallocarray(seen, nseen + 1, sizeof(*seen));
		seen[nseen++] = (struct seen){ xstrdup(label), xstrdup(role),
			xstrdup(name) };
		sqlite3_reset(up);
		sqlite3_bind_text(up, 1, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(up, 2, sqlite3_column_int64(st, 0));
		free(name);
		if (sqlite3_step(up) != SQLITE_DONE) {
			rc = store_fail(s, e, "cannot store the pseudonym");
			break;
		}
		(*count)++;
	}
out:
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	for (size_t i = 0; i < nseen; i++) {
		free(seen[i].label);
		free(seen[i].role);
		free(seen[i].ps);
	}
	free(seen);
	for (size_t i = 0; i < nctr; i++)
		free(ctr[i].word);
	free(ctr);
	free(lang);
	return rc;
}

static struct privacy_hit *hit_new(struct privacy_hits *h, sqlite3_stmt *st)
{
	struct privacy_hit *x;

	h->v = xreallocarray(h->v, h->n + 1, sizeof(*h->v));
	x = &h->v[h->n++];
	snprintf(x->ref, sizeof(x->ref), "S%lld:%lld",
		 sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
	return x;
}

/* A speaker whose label is a name, with the first words of the turn. */
static void speaker_hit(struct privacy_hits *h, sqlite3_stmt *st,
			const char *label, const char *t, size_t len)
{
	struct qc_buf c = QC_BUF_INIT;
	struct privacy_hit *x;
	size_t cut = 0;
	int words = 0;

	while (cut < len && words < 8)
		if (t[cut++] == ' ')
			words++;
	qc_buf_addf(&c, "**%s**: %.*s%s", label,
		    (int)(cut < len ? cut - 1 : len), t, cut < len ? "…" : "");
	for (char *q = c.buf; *q; q++)
		if (*q == '\n')
			*q = ' ';
	x = hit_new(h, st);
	x->kind = PRIVACY_ITEM;
	x->rule = xstrdup("spreker");
	x->found = xstrdup(label);
	x->context = qc_buf_detach(&c, NULL);
}

static void add_hits(struct privacy_hits *out, sqlite3_stmt *st,
		     const char *t, size_t len, const struct redact_match *m,
		     size_t n, enum privacy_hit_kind kind)
{
	for (size_t i = 0; i < n; i++) {
		struct qc_buf k = QC_BUF_INIT;
		struct privacy_hit *x;
		search_kwic(&k, t, len, m[i].start, m[i].end, 5, 0);
		x = hit_new(out, st);
		x->kind = kind == PRIVACY_ITEM &&
			  (!strcmp(m[i].rule, REDACT_CANDIDATE_NL) ||
			   !strcmp(m[i].rule, REDACT_CANDIDATE_EN)) ?
			  PRIVACY_CANDIDATE : kind;
		x->rule = xstrdup(m[i].rule);
		x->found = xstrndup(t + m[i].start, m[i].end - m[i].start);
		x->context = qc_buf_detach(&k, NULL);
	}
}

static int find_in(struct redactor *r, sqlite3_stmt *st,
		   struct privacy_hits *out, struct qc_err *e)
{
	long long *seen = NULL, last_pid = -1, last_src = -1;
	size_t nseen = 0;
	int rc = 0;

	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 2);
		size_t len = (size_t)sqlite3_column_bytes(st, 2);
		const char *label = (const char *)sqlite3_column_text(st, 4);
		long long pid = sqlite3_column_int64(st, 3);
		struct redact_match *m;
		size_t n;

		/* a participant belongs to one source: the speakers seen so
		 * far are those of this source */
		if (sqlite3_column_int64(st, 0) != last_src) {
			last_src = sqlite3_column_int64(st, 0);
			nseen = 0;
		}
		/* a speaker whose label is a name: listed once, at the first
		 * turn (outputs show the pseudonym instead) */
		if (label && pid != last_pid &&
		    privacy_is_name(label, (const char *)sqlite3_column_text(st, 5))) {
			size_t k;
			for (k = 0; k < nseen && seen[k] != pid; k++)
				;
			if (k == nseen) {
				seen = xreallocarray(seen, nseen + 1, sizeof(*seen));
				seen[nseen++] = pid;
				speaker_hit(out, st, label, t, len);
			}
		}
		last_pid = pid;
		if ((rc = redactor_scan(r, t, len, &m, &n, e)) < 0) {
			/* fails closed, naming the segment */
			qc_err_prefix(e, "S%lld:%lld",
				      sqlite3_column_int64(st, 0),
				      sqlite3_column_int64(st, 1));
			break;
		}
		add_hits(out, st, t, len, m, n, PRIVACY_ITEM);
		/* names that read as words here: listed, not replaced */
		add_hits(out, st, t, len, r->kept, r->nkept, PRIVACY_KEPT);
		free(m);
	}
	free(seen);
	return rc;
}

int privacy_find(struct store *s, const char *rules_file,
		 char *const *refs, int nrefs, struct privacy_hits *out,
		 struct qc_err *e)
{
	struct redactor *r = NULL;
	struct qc_buf list = QC_BUF_INIT;
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = redactor_open(s, rules_file, &r, e)) < 0)
		return rc;
	st = store_prepare(s, "SELECT g.source_id, g.ordinal, g.text,"
			   " p.id, p.label, p.role FROM segments g LEFT JOIN"
			   " participants p ON p.id = g.participant_id"
			   " WHERE ?2 = 0 OR instr(?1, ',' || g.source_id || ',')"
			   " ORDER BY g.source_id, g.ordinal", e);
	if (!st) {
		redactor_close(r);
		return -QC_EIO;
	}
	/* ",1,3,": a reference that names no source selects nothing */
	qc_buf_addch(&list, ',');
	for (int i = 0; i < nrefs; i++) {
		struct qc_ref ref;
		if (qc_ref_parse(refs[i], QC_REF_SOURCE, &ref) == QC_REF_SOURCE)
			qc_buf_addf(&list, "%lld,", ref.source);
	}
	sqlite3_bind_text(st, 1, list.buf, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, nrefs);
	qc_buf_release(&list);
	progress_begin("looking for personal data", NULL, 0);
	rc = find_in(r, st, out, e);
	progress_end();
	if (rc == 0 && progress_cancelled())	/* half a list is no list */
		rc = qc_err_set(e, QC_ECANCEL, "cancelled");
	sqlite3_finalize(st);
	redactor_close(r);
	return rc;
}

void privacy_hits_release(struct privacy_hits *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].rule);
		free(h->v[i].found);
		free(h->v[i].context);
	}
	free(h->v);
	memset(h, 0, sizeof(*h));
}

/* One change of the names, logged as verb without the name. */
static int name_change(struct store *s, const char *sql, const char *name,
		       const char *verb, int *changed, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	*changed = 0;
	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(s, e, "cannot change the names");
	sqlite3_finalize(st);
	*changed = sqlite3_changes(s->db);
	if (rc == 0)
		rc = store_audit(s, verb, "a name (not logged)", e);
	return rc;
}

int privacy_name_add(struct store *s, const char *name, int *changed,
		     struct qc_err *e)
{
	*changed = 0;
	if (!*name)
		return qc_err_set(e, QC_EUSAGE, "an empty name");
	return name_change(s, "INSERT OR IGNORE INTO redact_names(name)"
			   " VALUES (?)", name, "redact name add", changed, e);
}

int privacy_name_rm(struct store *s, const char *name, int *changed,
		    struct qc_err *e)
{
	return name_change(s, "DELETE FROM redact_names WHERE name = ?", name,
			   "redact name rm", changed, e);
}

int privacy_name_ignore(struct store *s, const char *name, int *changed,
			struct qc_err *e)
{
	*changed = 0;
	if (!*name)
		return qc_err_set(e, QC_EUSAGE, "an empty name");
	return name_change(s, "INSERT OR IGNORE INTO redact_ignore(name)"
			   " VALUES (?)", name, "redact name ignore", changed, e);
}

int privacy_name_unignore(struct store *s, const char *name, int *changed,
			  struct qc_err *e)
{
	return name_change(s, "DELETE FROM redact_ignore WHERE name = ?", name,
			   "redact name unignore", changed, e);
}

static int list_of(struct store *s, const char *sql, char ***names, size_t *n,
		   struct qc_err *e);

int privacy_names(struct store *s, char ***names, size_t *n,
		  struct qc_err *e)
{
	return list_of(s, "SELECT name FROM redact_names ORDER BY name", names,
		       n, e);
}

int privacy_ignored(struct store *s, char ***names, size_t *n,
		    struct qc_err *e)
{
	return list_of(s, "SELECT name FROM redact_ignore ORDER BY name", names,
		       n, e);
}

static int list_of(struct store *s, const char *sql, char ***names, size_t *n,
		   struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, sql, e);

	*names = NULL;
	*n = 0;
	if (!st)
		return -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		*names = xreallocarray(*names, *n + 1, sizeof(char *));
		(*names)[(*n)++] = xstrdup(t ? t : "");
	}
	sqlite3_finalize(st);
	return 0;
}

static int redact_in_place(struct redactor *r, char **f, struct qc_err *e)
{
	struct qc_buf b = QC_BUF_INIT;
	int rc;

	if (!*f)
		return 0;
	if ((rc = redactor_apply(r, *f, strlen(*f), &b, e)) < 0) {
		qc_buf_release(&b);
		return rc;
	}
	free(*f);
	*f = qc_buf_detach(&b, NULL);
	return 0;
}

int privacy_redact_codebook(struct store *s, struct codebook *cb,
			    struct qc_err *e)
{
	struct redactor *r;
	int rc = redactor_open(s, NULL, &r, e);

	if (rc == 0)
		rc = redact_in_place(r, &cb->title, e);
	for (size_t i = 0; i < cb->n && rc == 0; i++) {
		struct cb_code *c = &cb->codes[i];
		char **f[CB_TEXT_FIELDS];
		codebook_text_fields(c, f);
		for (size_t k = 0; k < CB_TEXT_FIELDS && rc == 0; k++)
			rc = redact_in_place(r, f[k], e);
		if (rc < 0)
			qc_err_prefix(e, "code '%s'", c->id ? c->id : "");
	}
	redactor_close(r);
	return rc;
}
