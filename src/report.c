/*
 * report: the three PDF reports over the pdf layer. Every quote and
 * fragment goes through the redactor, and speakers appear by pseudonym
 * (or, where none was given, by role and number), never by label.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "qcode/codebook.h"
#include "qcode/outfile.h"
#include "qcode/pdf.h"
#include "qcode/privacy.h"
#include "qcode/report.h"
#include "qcode/text.h"
#include "qcode/yamldoc.h"
#include "report_int.h"

/* ---- templates ---- */

enum report_kind { LESSONS, REVIEW, CODEBOOK, AGREEMENT };

/* NULL-terminated, as name_index() walks it */
static const char *const kind_names[] = { "lessons", "review", "codebook",
	"agreement", NULL };

/* The sections of each report and the parts of a theme (lessons) or a
 * code (review), by name; their index is what the drawing code tests. */
enum { S_COVER, S_SUMMARY, S_THEMES, S_OVERALL, S_PROCESS, S_ACTIONS,
       S_CYCLE, S_APPENDIX, S_FREQUENCIES };
enum { S_INTRO = 1, S_OVERVIEW = 2, S_CODES = 3 };	/* review, codebook */
enum { P_LESSON, P_CHART, P_FACILITATING, P_HINDERING, P_RECOMMENDATION,
       P_SKILLS };
enum { P_DEFINITION, P_COUNT, P_FRAGMENTS, P_MEMOS, P_NOTES };

static const char *const section_names[4][10] = {
	{ "cover", "summary", "themes", "overall", "process", "actions",
	  "cycle", "appendix", "frequencies", NULL },
	{ "cover", "intro", "themes", NULL },
	{ "cover", "intro", "overview", "codes", NULL },
	{ "table", "chart", "disagreements", NULL },	/* report_agreement.c */
};
static const char *const part_names[4][8] = {
	{ "lesson", "chart", "facilitating", "hindering", "recommendation",
	  "skills", NULL },
	{ "definition", "count", "fragments", "memos", "notes", NULL },
	{ NULL },
	{ NULL },
};
static const char *const part_key[4] = { "theme", "code", NULL, NULL };

/* The colours a template sets. */
enum { C_ACCENT, C_HEADINGS, C_FACILITATING, C_HINDERING, C_BOX, C_BOX_EDGE,
       NCOLOURS };
static const char *const colour_names[NCOLOURS + 1] = { "accent", "headings",
	"facilitating", "hindering", "box", "box_edge", NULL };

#define MAX_ITEMS 16

/* One report's template: the shipped file with --template's keys over it. */
struct tmpl {
	enum report_kind kind;
	int size;			/* enum pdf_size */
	struct pdf_rgb col[NCOLOURS];
	unsigned char sec[MAX_ITEMS];	/* sections in order */
	int nsec;
	unsigned char part[MAX_ITEMS];	/* a theme's or code's parts */
	int npart;
	char **lang, **k, **v;		/* labels; the last one wins */
	size_t n;
	char *langs;			/* " nl en " */
};

/* Reading one template file: where it is and what went wrong. */
struct trd {
	const char *path;
	yaml_document_t *doc;
	struct tmpl *t;
	int shipped;		/* the shipped file: every key is known */
	struct qc_buf *problems;
	int errors;
};

static void tproblem(struct trd *r, const yaml_node_t *n, int warn,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void tproblem(struct trd *r, const yaml_node_t *n, int warn,
		     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	qc_buf_problem(r->problems, r->path, n ? n->start_mark.line + 1 : 1,
		       n ? n->start_mark.column + 1 : 1, warn, fmt, ap);
	va_end(ap);
	if (!warn)
		r->errors++;
}

static const char *tscalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ?
	       (const char *)n->data.scalar.value : NULL;
}

static int name_index(const char *const *names, const char *s)
{
	for (int i = 0; s && names[i]; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

static int has_label(const struct tmpl *t, const char *key)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->k[i], key))
			return 1;
	return 0;
}

/* A language block's name: two or three lower-case letters. */
static int is_lang(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return n == 2 || n == 3;
}

static void read_list(struct trd *r, const yaml_node_t *v, const char *key,
		      const char *const *names, unsigned char *out, int *nout)
{
	struct qc_buf all = QC_BUF_INIT;
	unsigned char got[MAX_ITEMS];
	int n = 0;

	for (int i = 0; names[i]; i++)
		qc_buf_addf(&all, "%s%s", i ? ", " : "", names[i]);
	if (v->type != YAML_SEQUENCE_NODE) {
		tproblem(r, v, 0, "%s: a list of %s", key, all.buf);
		goto out;
	}
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		yaml_node_t *x = yaml_document_get_node(r->doc, *it);
		const char *s = tscalar(x);
		int k = name_index(names, s), dup = 0;
		if (k < 0) {
			tproblem(r, x, 0, "%s: unknown item '%s' (%s)", key,
				 s ? s : "", all.buf);
			continue;
		}
		for (int i = 0; i < n; i++)
			dup |= got[i] == k;
		if (dup) {
			tproblem(r, x, 0, "%s: '%s' is listed twice", key, s);
			continue;
		}
		got[n++] = (unsigned char)k;
	}
	if (n == 0 && !r->errors)
		tproblem(r, v, 0, "%s: the list is empty", key);
	memcpy(out, got, (size_t)n);
	*nout = n;
out:
	qc_buf_release(&all);
}

static void read_labels(struct trd *r, const char *lang, const yaml_node_t *m,
			const struct tmpl *shipped)
{
	struct tmpl *t = r->t;

	for (yaml_node_pair_t *pr = m->data.mapping.pairs.start;
	     pr < m->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = yaml_document_get_node(r->doc, pr->key);
		yaml_node_t *v = yaml_document_get_node(r->doc, pr->value);
		const char *key = tscalar(k), *val = tscalar(v);
		if (!key || !val) {
			tproblem(r, key ? v : k, 0, "%s: labels are 'key: text'",
				 lang);
			continue;
		}
		if (!r->shipped && shipped && !has_label(shipped, key)) {
			tproblem(r, k, 1, "unknown label '%s' is ignored", key);
			continue;
		}
		t->lang = xreallocarray(t->lang, t->n + 1, sizeof(char *));
		t->k = xreallocarray(t->k, t->n + 1, sizeof(char *));
		t->v = xreallocarray(t->v, t->n + 1, sizeof(char *));
		t->lang[t->n] = xstrdup(lang);
		t->k[t->n] = xstrdup(key);
		t->v[t->n] = xstrdup(val);
		t->n++;
	}
}

/*
 * Read a template file into t, over what t holds already (the shipped
 * file, read first with shipped set). Problems are added to problems as
 * "file:line:column: message" lines; returns how many were errors, or a
 * negative code when the file cannot be read or is no YAML.
 */
static int tmpl_read(struct tmpl *t, const char *path, int shipped,
		     const struct tmpl *known, struct qc_buf *problems,
		     struct qc_err *e)
{
	yaml_document_t doc;
	yaml_node_t *root;
	struct trd r = { path, &doc, t, shipped, problems, 0 };
	int rc = yamldoc_load_file(path, "the template", problems, &doc, e);

	if (rc > 0)
		return rc;
	if (rc < 0) {
		/* the shipped file is ours to find, a user's is input */
		if (!shipped)
			e->code = QC_EDATA;
		return shipped ? rc : -QC_EDATA;
	}
	root = yaml_document_get_root_node(&doc);
	if (!root || root->type != YAML_MAPPING_NODE) {
		tproblem(&r, root, 0, "a template is a mapping (report:, page:,"
			 " colours:, sections:, nl:, en:)");
		yaml_document_delete(&doc);
		return r.errors;
	}
	for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
	     pr < root->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = yaml_document_get_node(&doc, pr->key);
		yaml_node_t *v = yaml_document_get_node(&doc, pr->value);
		const char *key = tscalar(k), *val = tscalar(v);
		int i;

		if (!key) {
			tproblem(&r, k, 0, "a key must be a word");
		} else if (!strcmp(key, "report")) {
			if ((i = name_index(kind_names, val)) < 0)
				tproblem(&r, v, 0, "report: lessons, review or"
					 " codebook, not '%s'", val ? val : "");
			else if (i != (int)t->kind)
				tproblem(&r, v, 0, "this template is for the %s"
					 " report, not %s", kind_names[i],
					 kind_names[t->kind]);
		} else if (!strcmp(key, "page")) {
			if ((i = pdf_size_from_name(val)) < 0)
				tproblem(&r, v, 0, "page size '%s': use A4, A5 or"
					 " Letter", val ? val : "");
			else
				t->size = i;
		} else if (!strcmp(key, "colours") || !strcmp(key, "colors")) {
			if (v->type != YAML_MAPPING_NODE) {
				tproblem(&r, v, 0, "colours: a mapping of name:"
					 " '#rrggbb'");
				continue;
			}
			for (yaml_node_pair_t *c = v->data.mapping.pairs.start;
			     c < v->data.mapping.pairs.top; c++) {
				yaml_node_t *ck = yaml_document_get_node(&doc, c->key);
				yaml_node_t *cv = yaml_document_get_node(&doc, c->value);
				const char *cs = tscalar(cv);
				struct pdf_rgb none = { -1, -1, -1 }, rgb;
				int ci = name_index(colour_names, tscalar(ck));
				if (ci < 0) {
					tproblem(&r, ck, 1, "unknown colour '%s' is"
						 " ignored", tscalar(ck) ?
						 tscalar(ck) : "");
					continue;
				}
				rgb = pdf_hex(cs, none);
				if (rgb.r < 0)
					tproblem(&r, cv, 0, "colour %s: '%s' is not"
						 " #rrggbb", colour_names[ci],
						 cs ? cs : "");
				else
					t->col[ci] = rgb;
			}
		} else if (!strcmp(key, "sections")) {
			read_list(&r, v, key, section_names[t->kind], t->sec,
				  &t->nsec);
		} else if (part_key[t->kind] && !strcmp(key, part_key[t->kind])) {
			read_list(&r, v, key, part_names[t->kind], t->part,
				  &t->npart);
		} else if (is_lang(key) && v->type == YAML_MAPPING_NODE) {
			struct qc_buf w = QC_BUF_INIT;
			qc_buf_addf(&w, " %s ", key);
			if (!strstr(t->langs ? t->langs : "", w.buf)) {
				char *l = xasprintf("%s%s ", t->langs ? t->langs :
						    " ", key);
				free(t->langs);
				t->langs = l;
			}
			qc_buf_release(&w);
			read_labels(&r, key, v, known);
		} else if (is_lang(key)) {
			tproblem(&r, v, 0, "%s: the labels in that language, as"
				 " 'key: text' lines", key);
		} else if (known && has_label(known, key)) {
			tproblem(&r, k, 1, "unknown key '%s' is ignored (labels go"
				 " under nl: or en:)", key);
		} else {
			tproblem(&r, k, 1, "unknown key '%s' is ignored", key);
		}
	}
	yaml_document_delete(&doc);
	return r.errors;
}

static void tmpl_release(struct tmpl *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->lang[i]);
		free(t->k[i]);
		free(t->v[i]);
	}
	free(t->lang);
	free(t->k);
	free(t->v);
	free(t->langs);
	memset(t, 0, sizeof(*t));
}

/* A label in the report's language, else in English, else the key. */
struct texts {
	const struct tmpl *t;
	const char *lang;
};

static const char *T(const struct texts *x, const char *key)
{
	const struct tmpl *t = x->t;

	for (int pass = 0; pass < 2; pass++)
		for (size_t i = t->n; i-- > 0;)
			if (t->k[i][0] == key[0] && !strcmp(t->k[i], key) &&
			    !strcmp(t->lang[i], pass ? "en" : x->lang))
				return t->v[i];
	return key;
}

static const char *kind_word(const struct texts *t, const char *kind, int plural)
{
	char key[64];
	const char *w;

	snprintf(key, sizeof(key), "%s_%s", plural ? "kinds" : "kind", kind);
	w = T(t, key);
	return w == key ? kind : w;
}

/* A template text with its %d and %s placeholders filled in order. Texts
 * come from files users edit, so they are never printf formats. */
static char *fill(const char *fmt, int n, const char *const *vals)
{
	struct qc_buf b = QC_BUF_INIT;
	int k = 0;

	for (const char *p = fmt; *p; p++) {
		if (p[0] == '%' && (p[1] == 'd' || p[1] == 's')) {
			qc_buf_adds(&b, k < n ? vals[k] : "");
			k++;
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			qc_buf_addch(&b, '%');
			p++;
		} else {
			qc_buf_addch(&b, *p);
		}
	}
	return qc_buf_detach(&b, NULL);
}

static char *num(long long v)
{
	return xasprintf("%lld", v);
}

/* ---- context ---- */

/* How often each code was coded, in how many sources and by how many
 * participants (the kind filter applied), by code id. */
struct counts {
	long long *n, *ns, *np;
	long long max;		/* highest code id */
	long long total;	/* codings in sources of the kinds asked for */
	char **kinds;		/* the kinds of source, sorted */
	size_t nk;
	long long *bykind;	/* [code * nk + kind] */
};

struct rep {
	struct store *s;
	struct counts cnt;
	char **seen;		/* quotes shown in this theme */
	size_t nseen;
	const struct report_opts *o;
	struct tmpl tp;		/* the template */
	struct texts t;		/* its labels in the report's language */
	struct pdf_rgb accent, headings, fac, hin, box, box_edge;
	struct redactor *red;
	char *red_failed;	/* the first redaction that failed: no PDF */
	struct pdf *pdf;
	char *kinds;		/* ",a,b," or NULL */
	char *lang;
	struct report_stats *st;
	sqlite3_stmt *q_factors, *q_quotes, *q_sub;	/* prepared once */
};

/* The pseudonym of each participant, else role and number; the label
 * with --no-pseudonyms (?7). */
#define NAMES_CTE \
	"pn(id, name) AS (SELECT id, coalesce(CASE WHEN ?7 THEN label END," \
	" pseudonym, CASE WHEN role IS NULL" \
	" OR role = '' THEN ?9 ELSE upper(substr(role, 1, 1)) || substr(role, 2)" \
	" END || ' ' || row_number() OVER (PARTITION BY coalesce(role, '')" \
	" ORDER BY source_id, id)) FROM participants)"

/* The kind filter on sources s, bound at ?8. */
#define KIND_SQL " (?8 IS NULL OR ?8 LIKE '%,' || s.kind || ',%')"

static sqlite3_stmt *prep(struct rep *r, const char *sql, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(r->s, sql, e);
	if (st && sqlite3_bind_parameter_count(st) >= 9) {
		sqlite3_bind_int(st, 7, r->o->real_names);
		sqlite3_bind_text(st, 8, r->kinds, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 9, T(&r->t, "participant"), -1, SQLITE_STATIC);
	} else if (st && sqlite3_bind_parameter_count(st) >= 8) {
		sqlite3_bind_text(st, 8, r->kinds, -1, SQLITE_STATIC);
	}
	return st;
}

/* A statement run once per theme or code, prepared on first use and
 * reset after (its ?7 to ?9 stay bound); teardown finalizes it. */
static sqlite3_stmt *prep_once(struct rep *r, sqlite3_stmt **slot,
			       const char *sql, struct qc_err *e)
{
	if (*slot) {
		sqlite3_reset(*slot);
		return *slot;
	}
	return *slot = prep(r, sql, e);
}

/*
 * The text redacted. When redaction fails the original is never shown:
 * "[…]" stands in, and the first failure, named by where ("S3:12"), is
 * kept so that finish() writes no PDF.
 */
static char *redact(struct rep *r, const char *text, const char *where)
{
	struct qc_buf b = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;

	if (!text)
		return xstrdup("");
	if (redactor_apply(r->red, text, strlen(text), &b, &e) < 0) {
		qc_buf_reset(&b);
		qc_buf_adds(&b, "[…]");
		if (!r->red_failed)
			r->red_failed = xasprintf("%s: %s", where, e.msg.buf);
	}
	qc_err_release(&e);
	return qc_buf_detach(&b, NULL);
}

/* At most max words, cut at a word, with an ellipsis; line breaks as
 * spaces. */
static char *shorten(const char *s, int max)
{
	struct qc_buf b = QC_BUF_INIT;
	int words = 0, in = 0;

	for (; *s; s++) {
		int sp = *s == ' ' || *s == '\n' || *s == '\t';
		if (!sp && !in && ++words > max) {
			while (b.len && b.buf[b.len - 1] == ' ')
				qc_buf_setlen(&b, b.len - 1);
			qc_buf_adds(&b, " …");
			break;
		}
		in = !sp;
		qc_buf_addch(&b, sp ? ' ' : *s);
	}
	return qc_buf_detach(&b, NULL);
}

static long long one(struct rep *r, const char *sql);

static int count_codings(struct rep *r, struct qc_err *e);

/* Every speaker's name once per report, in a temporary table (not in the
 * project file): the window over all participants is too slow per quote. */
static int names_table(struct rep *r, struct qc_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (store_exec(r->s, "DROP TABLE IF EXISTS temp.report_names;"
		       " CREATE TEMP TABLE report_names(id INTEGER PRIMARY KEY,"
		       " name TEXT)", e) < 0)
		return -QC_EIO;
	st = prep(r, "INSERT INTO temp.report_names WITH " NAMES_CTE
		  " SELECT id, name FROM pn WHERE ?8 IS NULL OR 1", e);
	if (!st)
		return -QC_EIO;
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     qc_err_set(e, QC_EIO, "cannot list the speakers: %s",
			sqlite3_errmsg(sqlite3_db_handle(st)));
	sqlite3_finalize(st);
	return rc;
}

/* Is there anything to report? Checked before any page is drawn. */
static int has_content(struct rep *r, enum report_kind kind, struct qc_err *e)
{
	if (kind == CODEBOOK) {
		if (one(r, "SELECT count(*) FROM codes") == 0)
			return qc_err_set(e, QC_EDATA, "the project has no codes"
					  " yet (load a codebook with 'qcode"
					  " codebook load FILE')");
		return 0;
	}
	if (one(r, "SELECT count(*) FROM codes WHERE parent_id IS NULL") == 0)
		return qc_err_set(e, QC_EDATA, "the project has no codes yet"
				  " (load a codebook with 'qcode codebook load"
				  " FILE')");
	if (one(r, "SELECT EXISTS (SELECT 1 FROM codings c JOIN sources s ON"
		" s.id = c.source_id WHERE" KIND_SQL ")") > 0)
		return 0;
	if (r->o->nkinds) {
		struct qc_buf k = QC_BUF_INIT;
		for (int i = 0; i < r->o->nkinds; i++)
			qc_buf_addf(&k, "%s'%s'", i ? ", " : "", r->o->kinds[i]);
		qc_err_set(e, QC_EDATA, "nothing is coded in sources of kind %s",
			   k.buf);
		qc_buf_release(&k);
		return -QC_EDATA;
	}
	return qc_err_set(e, QC_EDATA, "the project has no codings yet (code"
			  " fragments with 'qcode tag' or 'qcode autocode')");
}

int report_template_check(const char *kind, const char *path,
			  char **problems, struct qc_err *e)
{
	struct tmpl t;
	struct qc_buf probs = QC_BUF_INIT;
	char *rel, *shipped;
	int k, errors;

	*problems = NULL;
	if ((k = name_index(kind_names, kind)) < 0)
		return qc_err_set(e, QC_EUSAGE, "no report '%s'", kind);
	memset(&t, 0, sizeof(t));
	t.kind = (enum report_kind)k;
	rel = xasprintf("reports/%s.yaml", kind);
	shipped = qc_data_file(rel);
	if (!shipped) {
		errors = qc_err_set(e, QC_EIO, "the report template (%s) is not"
				    " installed", rel);
		free(rel);
		return errors;
	}
	errors = tmpl_read(&t, shipped, 1, &t, &probs, e);
	if (errors == 0)
		errors = tmpl_read(&t, path, 0, &t, &probs, e);
	tmpl_release(&t);
	free(rel);
	free(shipped);
	if (probs.len)
		*problems = qc_buf_detach(&probs, NULL);
	qc_buf_release(&probs);
	return errors;
}

/* The shipped template of the report, --template FILE over it, and the
 * labels of the language chosen; problems go to the stats for cli. */
static int load_template(struct rep *r, enum report_kind kind, struct qc_err *e)
{
	const struct report_opts *o = r->o;
	struct qc_buf probs = QC_BUF_INIT;
	char *rel = xasprintf("reports/%s.yaml", kind_names[kind]);
	char *path = qc_data_file(rel);
	int rc = 0, errors;
	struct qc_buf w = QC_BUF_INIT;

	memset(&r->tp, 0, sizeof(r->tp));
	r->tp.kind = kind;
	r->tp.col[C_ACCENT] = PDF_ACCENT;
	r->tp.col[C_HEADINGS] = PDF_ACCENT;
	r->tp.col[C_FACILITATING] = PDF_FACILITATING;
	r->tp.col[C_HINDERING] = PDF_HINDERING;
	r->tp.col[C_BOX] = PDF_BOX;
	r->tp.col[C_BOX_EDGE] = PDF_BOX_EDGE;
	if (!path) {
		rc = qc_err_set(e, QC_EIO, "the report template (%s) is not"
				" installed", rel);
		free(rel);
		return rc;
	}
	errors = tmpl_read(&r->tp, path, 1, &r->tp, &probs, e);
	if (errors == 0 && o->template_file)
		errors = tmpl_read(&r->tp, o->template_file, 0, &r->tp, &probs, e);
	if (errors > 0)
		rc = qc_err_set(e, QC_EDATA, "the template '%s' has %d error%s;"
				" no PDF written", o->template_file ?
				o->template_file : path, errors,
				errors == 1 ? "" : "s");
	else if (errors < 0)
		rc = errors;
	free(rel);
	free(path);
	if (probs.len)
		r->st->problems = qc_buf_detach(&probs, NULL);
	qc_buf_release(&probs);
	if (rc < 0)
		return rc;
	r->lang = o->lang ? xstrdup(o->lang) : store_get_setting(r->s, "lang");
	if (r->lang)
		qc_buf_addf(&w, " %s ", r->lang);
	if (!r->lang || !strstr(r->tp.langs ? r->tp.langs : "", w.buf)) {
		qc_buf_release(&w);
		if (o->lang) {
			/* " nl en " as "nl, en" */
			struct qc_buf l = QC_BUF_INIT;
			for (const char *q = r->tp.langs; q && *q; q++)
				if (*q != ' ')
					qc_buf_addch(&l, *q);
				else if (l.len && q[1])
					qc_buf_adds(&l, ", ");
			rc = qc_err_set(e, QC_EUSAGE, "--lang '%s': the template has"
					" no labels in that language (%s)", o->lang,
					l.len ? l.buf : "none");
			qc_buf_release(&l);
			return rc;
		}
		free(r->lang);
		r->lang = xstrdup("nl");
	}
	qc_buf_release(&w);
	r->t.t = &r->tp;
	r->t.lang = r->lang;
	r->accent = r->tp.col[C_ACCENT];
	r->headings = r->tp.col[C_HEADINGS];
	r->fac = r->tp.col[C_FACILITATING];
	r->hin = r->tp.col[C_HINDERING];
	r->box = r->tp.col[C_BOX];
	r->box_edge = r->tp.col[C_BOX_EDGE];
	return 0;
}

static int setup(struct rep *r, struct store *s, const struct report_opts *o,
		 enum report_kind kind, struct report_stats *st, struct qc_err *e)
{
	char *rel, *path, now[32], *ptitle, *sub, *partners, *cbtitle;
	const char *title, *header;
	struct pdf_opts po = { 0 };
	struct pdf_palette pal;
	int rc;

	memset(r, 0, sizeof(*r));
	r->s = s;
	r->o = o;
	r->st = st;
	memset(st, 0, sizeof(*st));
	if ((rc = load_template(r, kind, e)) < 0)
		return rc;
	if (o->nkinds) {
		struct qc_buf k = QC_BUF_INIT;
		qc_buf_addch(&k, ',');
		for (int i = 0; i < o->nkinds; i++)
			qc_buf_addf(&k, "%s,", o->kinds[i]);
		r->kinds = qc_buf_detach(&k, NULL);
	}
	if ((rc = has_content(r, kind, e)) < 0 ||
	    (kind != CODEBOOK && ((rc = count_codings(r, e)) < 0 ||
				  (rc = names_table(r, e)) < 0)))
		return rc;
	if (o->real_names && !o->rules_file) {
		/* the rules of the project's language, but no names */
		char *lang = store_get_setting(s, "lang");
		rel = xasprintf("codebooks/redaction-%s.yaml",
				lang && !strcmp(lang, "en") ? "en" : "nl");
		path = qc_data_file(rel);
		free(rel);
		free(lang);
		if (!path)
			return qc_err_set(e, QC_EIO, "the redaction rules"
					  " (codebooks/redaction-nl.yaml) are not"
					  " installed; give --rules FILE");
		rc = redactor_open(NULL, path, &r->red, e);
		free(path);
	} else {
		rc = redactor_open(o->real_names ? NULL : s, o->rules_file,
				   &r->red, e);
	}
	if (rc < 0)
		return rc;
	ptitle = store_get_setting(s, "title");
	if (ptitle && (!*ptitle || !strcmp(ptitle, "Untitled project"))) {
		free(ptitle);
		ptitle = NULL;
	}
	sub = store_get_setting(s, "subtitle");
	partners = store_get_setting(s, "partners");
	cbtitle = store_get_setting(s, "codebook.title");
	title = kind == LESSONS && ptitle ? ptitle : T(&r->t, "title");
	header = kind == CODEBOOK && cbtitle ? cbtitle : ptitle ? ptitle : title;
	store_now(now);
	po.title = title;
	po.subject = kind == LESSONS ? sub : ptitle;
	po.author = partners;
	po.header = header;
	po.created = now;
	po.font_file = o->font_file;
	po.footer = o->real_names ? T(&r->t, "footer_real_names") : NULL;
	po.size = (enum pdf_size)r->tp.size;
	pal.accent = r->accent;
	pal.facilitating = r->fac;
	pal.hindering = r->hin;
	po.palette = &pal;
	rc = pdf_open(&po, &r->pdf, e);
	free(ptitle);
	free(sub);
	free(partners);
	free(cbtitle);
	return rc;
}

/* A set of 64-bit keys (open addressing); add() says whether it was new. */
struct keyset {
	uint64_t *v;
	size_t mask;
};

static void keyset_init(struct keyset *k, size_t n)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap <<= 1;
	k->v = xcalloc(cap, sizeof(uint64_t));
	k->mask = cap - 1;
}

static int keyset_add(struct keyset *k, uint64_t key)
{
	size_t i;

	key++;	/* 0 marks a free slot */
	i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & k->mask;
	while (k->v[i]) {
		if (k->v[i] == key)
			return 0;
		i = (i + 1) & k->mask;
	}
	k->v[i] = key;
	return 1;
}

/*
 * A set of (code, id) pairs: a bitmap of codes x ids where that is at most
 * 64 MB (a project's codes times its sources or participants; it stays in
 * the processor's cache where a hash set of a million pairs does not),
 * else a hash set sized for n pairs. add() says whether the pair was new.
 */
struct pairset {
	unsigned char *bits;	/* [code * nid + id], or NULL: keys */
	uint64_t nid;
	struct keyset keys;
};

static void pairset_init(struct pairset *s, long long maxcode, long long maxid,
			 struct rep *r)
{
	uint64_t nbits = ((uint64_t)maxcode + 1) * ((uint64_t)maxid + 1);

	memset(s, 0, sizeof(*s));
	s->nid = (uint64_t)maxid + 1;
	if (nbits <= (uint64_t)1 << 29)
		s->bits = xcalloc((size_t)(nbits / 8 + 1), 1);
	else
		keyset_init(&s->keys, (size_t)one(r, "SELECT count(*) FROM codings"));
}

static int pairset_add(struct pairset *s, long long code, long long id)
{
	if (s->bits) {
		uint64_t i = (uint64_t)code * s->nid + (uint64_t)id;
		unsigned char m = (unsigned char)(1u << (i & 7));
		if (s->bits[i >> 3] & m)
			return 0;
		s->bits[i >> 3] |= m;
		return 1;
	}
	return keyset_add(&s->keys, (uint64_t)code << 32 | (uint64_t)id);
}

static void pairset_release(struct pairset *s)
{
	free(s->bits);
	free(s->keys.v);
}

/*
 * Count every code's codings, sources and participants in one pass over
 * the codings, in C: a GROUP BY with count(DISTINCT) per code looks up
 * each coding's segment at random and takes seconds on a large project.
 */
static int count_codings(struct rep *r, struct qc_err *e)
{
	sqlite3_stmt *st;
	long long maxseg = 0, maxsrc = 0, maxpart, *part;
	unsigned char *ok;
	struct pairset srcs, parts;
	struct counts *c = &r->cnt;

	c->max = 0;
	c->max = one(r, "SELECT coalesce(max(id), 0) FROM codes");
	maxseg = one(r, "SELECT coalesce(max(id), 0) FROM segments");
	maxsrc = one(r, "SELECT coalesce(max(id), 0) FROM sources");
	maxpart = one(r, "SELECT coalesce(max(id), 0) FROM participants");
	c->n = xcalloc((size_t)c->max + 1, sizeof(long long));
	c->ns = xcalloc((size_t)c->max + 1, sizeof(long long));
	c->np = xcalloc((size_t)c->max + 1, sizeof(long long));
	part = xcalloc((size_t)maxseg + 1, sizeof(long long));
	ok = xcalloc((size_t)maxsrc + 1, 1);
	/* ok[source] is 1 + the index of its kind; 0: filtered out */
	st = prep(r, "SELECT DISTINCT s.kind FROM sources s WHERE" KIND_SQL
		  " ORDER BY s.kind", e);
	while (st && sqlite3_step(st) == SQLITE_ROW && c->nk < 250) {
		c->kinds = xreallocarray(c->kinds, c->nk + 1, sizeof(char *));
		c->kinds[c->nk++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	c->bykind = xcalloc(((size_t)c->max + 1) * (c->nk + 1), sizeof(long long));
	st = prep(r, "SELECT s.id, s.kind FROM sources s WHERE" KIND_SQL, e);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const char *k = (const char *)sqlite3_column_text(st, 1);
		for (size_t i = 0; id >= 0 && id <= maxsrc && i < c->nk; i++)
			if (!strcmp(c->kinds[i], k))
				ok[id] = (char)(i + 1);
	}
	sqlite3_finalize(st);
	/* the participant of each segment, from the covering index */
	st = store_prepare(r->s, "SELECT id, participant_id FROM segments"
			   " WHERE participant_id IS NOT NULL", e);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		long long pid = sqlite3_column_int64(st, 1);
		if (id >= 0 && id <= maxseg && pid > 0 && pid <= maxpart)
			part[id] = pid;
	}
	sqlite3_finalize(st);
	pairset_init(&srcs, c->max, maxsrc, r);
	pairset_init(&parts, c->max, maxpart, r);
	st = store_prepare(r->s, "SELECT code_id, source_id, coalesce(segment_id,"
			   " 0) FROM codings", e);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		long long k = sqlite3_column_int64(st, 0);
		long long src = sqlite3_column_int64(st, 1);
		long long seg = sqlite3_column_int64(st, 2);
		if (k < 0 || k > c->max || src < 0 || src > maxsrc || !ok[src])
			continue;
		c->n[k]++;
		c->total++;
		c->bykind[(size_t)k * c->nk + ok[src] - 1]++;
		c->ns[k] += pairset_add(&srcs, k, src);
		if (seg > 0 && seg <= maxseg && part[seg])
			c->np[k] += pairset_add(&parts, k, part[seg]);
	}
	sqlite3_finalize(st);
	pairset_release(&srcs);
	pairset_release(&parts);
	free(part);
	free(ok);
	return 0;
}

static void counts_release(struct counts *c)
{
	free(c->n);
	free(c->ns);
	free(c->np);
	free(c->bykind);
	for (size_t i = 0; i < c->nk; i++)
		free(c->kinds[i]);
	free(c->kinds);
	memset(c, 0, sizeof(*c));
}

/* Write the file and hand over the characters the font lacked. narrow:
 * the options that make the report shorter, or NULL. */
static int finish(struct rep *r, const char *path, const char *narrow,
		  struct qc_err *e)
{
	int rc;

	if (r->red_failed)
		return qc_err_set(e, QC_EDATA, "%s; no PDF written",
				  r->red_failed);
	if (pdf_too_long(r->pdf))
		return qc_err_set(e, QC_EDATA, "too long for one PDF: more than"
				  " %zu pages%s%s", pdf_too_long(r->pdf),
				  narrow ? "; narrow it with " : "",
				  narrow ? narrow : "");
	/* with --no-pseudonyms the names are there: owner only */
	rc = pdf_save(r->pdf, path, r->o->real_names ? OUTFILE_PRIVATE : 0, e);

	if (rc == 0 && pdf_missing(r->pdf))
		r->st->missing = xstrdup(pdf_missing(r->pdf));
	return rc;
}

static void seen_clear(struct rep *r);

static void teardown(struct rep *r)
{
	sqlite3_finalize(r->q_factors);
	sqlite3_finalize(r->q_quotes);
	sqlite3_finalize(r->q_sub);
	if (r->s)
		store_exec(r->s, "DROP TABLE IF EXISTS temp.report_names", NULL);
	seen_clear(r);
	counts_release(&r->cnt);
	pdf_free(r->pdf);
	redactor_close(r->red);
	free(r->red_failed);
	tmpl_release(&r->tp);
	free(r->kinds);
	free(r->lang);
}

/* ---- themes ---- */

struct code_row {
	long long id;
	char *name, *short_id, *valence, *colour, *definition, *lesson,
	     *recommendation, *skills;
	long long n, ns, np, ordinal;
};

static int row_cmp(const void *a, const void *b)
{
	const struct code_row *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	if (x->ordinal != y->ordinal)
		return x->ordinal < y->ordinal ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void rows_free(struct code_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].short_id);
		free(v[i].valence);
		free(v[i].colour);
		free(v[i].definition);
		free(v[i].lesson);
		free(v[i].recommendation);
		free(v[i].skills);
	}
	free(v);
}

static char *dupc(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t && *t ? xstrdup(t) : NULL;
}

/* Root codes, each marked as a theme (it has facilitating or hindering
 * codes below it) or not (an actions group). */
static int roots(struct rep *r, struct code_row **out, size_t *n, int **is_theme,
		 struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(r->s,
		"WITH RECURSIVE sub(root, id) AS (SELECT id, id FROM codes WHERE"
		" parent_id IS NULL UNION ALL SELECT sub.root, k.id FROM codes k"
		" JOIN sub ON k.parent_id = sub.id)"
		" SELECT c.id, c.name, c.short_id, c.valence, c.colour, c.definition,"
		" c.lesson, c.recommendation, c.skills, (SELECT count(*) FROM sub"
		" JOIN codes x ON x.id = sub.id WHERE sub.root = c.id AND"
		" x.valence <> 'neutral') FROM codes c WHERE c.parent_id IS NULL"
		" ORDER BY c.ordinal, c.id", e);

	*out = NULL;
	*n = 0;
	*is_theme = NULL;
	if (!st)
		return -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct code_row c = { 0 };
		int want = r->o->nthemes == 0;
		c.id = sqlite3_column_int64(st, 0);
		c.name = dupc(st, 1);
		c.short_id = dupc(st, 2);
		for (int i = 0; i < r->o->nthemes; i++)
			want |= !strcasecmp(r->o->themes[i], c.short_id) ||
				!strcasecmp(r->o->themes[i], c.name);
		if (!want) {
			free(c.name);
			free(c.short_id);
			continue;
		}
		c.valence = dupc(st, 3);
		c.colour = dupc(st, 4);
		c.definition = dupc(st, 5);
		c.lesson = dupc(st, 6);
		c.recommendation = dupc(st, 7);
		c.skills = dupc(st, 8);
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		*is_theme = xreallocarray(*is_theme, *n + 1, sizeof(int));
		(*is_theme)[*n] = sqlite3_column_int64(st, 9) > 0;
		(*out)[(*n)++] = c;
	}
	sqlite3_finalize(st);
	for (int i = 0; i < r->o->nthemes; i++) {
		int found = 0;
		for (size_t k = 0; k < *n; k++)
			found |= !strcasecmp(r->o->themes[i], (*out)[k].short_id) ||
				 !strcasecmp(r->o->themes[i], (*out)[k].name);
		if (!found)
			return qc_err_set(e, QC_EDATA, "no theme '%s' (a top-level"
					  " code; see 'qcode codes')",
					  r->o->themes[i]);
	}
	return 0;
}

/* The codes below root with their counts, strongest first; valence
 * filters ("facilitating", "hindering", NULL: all). */
static int factors(struct rep *r, long long root, const char *valence,
		   struct code_row **out, size_t *n, struct qc_err *e)
{
	sqlite3_stmt *st = prep_once(r, &r->q_factors,
		"WITH RECURSIVE sub(id) AS (SELECT id FROM codes WHERE parent_id = ?1"
		" UNION ALL SELECT k.id FROM codes k JOIN sub ON k.parent_id = sub.id)"
		" SELECT k.id, k.name, k.short_id, k.valence, k.colour, k.definition,"
		" k.ordinal FROM codes k JOIN sub ON sub.id = k.id"
		" WHERE ?2 IS NULL OR k.valence = ?2", e);

	*out = NULL;
	*n = 0;
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, root);
	sqlite3_bind_text(st, 2, valence, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct code_row c = { 0 };
		c.id = sqlite3_column_int64(st, 0);
		c.name = dupc(st, 1);
		c.short_id = dupc(st, 2);
		c.valence = dupc(st, 3);
		c.colour = dupc(st, 4);
		c.definition = dupc(st, 5);
		c.ordinal = sqlite3_column_int64(st, 6);
		if (c.id >= 0 && c.id <= r->cnt.max) {
			c.n = r->cnt.n[c.id];
			c.ns = r->cnt.ns[c.id];
			c.np = r->cnt.np[c.id];
		}
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		(*out)[(*n)++] = c;
	}
	sqlite3_reset(st);
	/* strongest first, then in codebook order */
	qsort(*out, *n, sizeof(**out), row_cmp);
	return 0;
}

struct quote {
	long long source;
	char ref[48];	/* "S3:12", or "S3" for a coding across turns */
	char *text, *who, *role;
};

/* Two to four quotes of a code, spread over sources and roles: first
 * fragments from a new source and a new role, then a new source, then
 * any; researchers' own words last. */
static int quotes(struct rep *r, long long code, struct quote **out,
		  size_t *n, struct qc_err *e)
{
	/* candidates: the first codings in source order, enough to spread
	 * over sources and roles without reading every coding of a large
	 * project; a coding of a whole turn is quoted from the turn, and
	 * only other codings read the source's text; the same text twice is
	 * skipped below */
	sqlite3_stmt *st = prep_once(r, &r->q_quotes,
		"WITH c(source_id, start_cp, end_cp, segment_id, kind) AS"
		" (SELECT c.source_id, c.start_cp, c.end_cp, c.segment_id, s.kind"
		" FROM codings c JOIN sources s ON s.id = c.source_id AND" KIND_SQL
		" WHERE c.code_id = ?1 ORDER BY c.source_id, c.start_cp LIMIT 64)"
		" SELECT c.source_id, c.kind, CASE WHEN g.id IS NOT NULL AND"
		" g.start_cp = c.start_cp AND g.end_cp = c.end_cp THEN g.text ELSE"
		" (SELECT substr(s.text, c.start_cp + 1, c.end_cp - c.start_cp)"
		" FROM sources s WHERE s.id = c.source_id) END,"
		" pn.name, coalesce(p.role, ''), g.ordinal FROM c"
		" LEFT JOIN segments g ON g.id = c.segment_id"
		" LEFT JOIN participants p ON p.id = g.participant_id"
		" LEFT JOIN temp.report_names pn ON pn.id = p.id"
		" ORDER BY p.role IN ('onderzoeker', 'researcher', 'moderator'),"
		" c.source_id, c.start_cp", e);
	struct quote *all = NULL;
	size_t na = 0, want;
	char *used;

	*out = NULL;
	*n = 0;
	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, code);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		const char *name = (const char *)sqlite3_column_text(st, 3);
		const char *text = (const char *)sqlite3_column_text(st, 2);
		int dup = 0;
		for (size_t i = 0; i < na; i++)
			dup |= !strcmp(all[i].text, text ? text : "");
		if (dup || !text)
			continue;
		all = xreallocarray(all, na + 1, sizeof(*all));
		all[na].source = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 5) == SQLITE_NULL)
			snprintf(all[na].ref, sizeof(all[na].ref), "S%lld",
				 all[na].source);
		else
			snprintf(all[na].ref, sizeof(all[na].ref), "S%lld:%lld",
				 all[na].source, sqlite3_column_int64(st, 5));
		all[na].text = xstrdup(text);
		all[na].who = name ? xasprintf("%s, %s", name, kind_word(&r->t, kind, 0))
				   : xstrdup(kind_word(&r->t, kind, 0));
		all[na].role = xstrdup((const char *)sqlite3_column_text(st, 4));
		na++;
	}
	sqlite3_reset(st);
	want = na < 2 ? na : na < 4 ? na : 4;
	if (want > 3 && na < 8)
		want = 3;
	used = xcalloc(na + 1, 1);
	/* passes: a new source and role, a new source, anything; each first
	 * among fragments not quoted yet for another factor of the theme */
	for (int pass = 0; pass < 6 && *n < want; pass++) {
		for (size_t i = 0; i < na && *n < want; i++) {
			int new_src = 1, new_role = 1, seen = 0;
			if (used[i])
				continue;
			for (size_t k = 0; k < *n; k++) {
				new_src &= (*out)[k].source != all[i].source;
				new_role &= strcmp((*out)[k].role, all[i].role) != 0;
			}
			for (size_t k = 0; k < r->nseen && !seen; k++)
				seen = !strcmp(r->seen[k], all[i].text);
			if ((pass < 3 && seen) || (pass % 3 == 0 && !(new_src && new_role)) ||
			    (pass % 3 == 1 && !new_src))
				continue;
			r->seen = xreallocarray(r->seen, r->nseen + 1, sizeof(char *));
			r->seen[r->nseen++] = xstrdup(all[i].text);
			used[i] = 1;
			*out = xreallocarray(*out, *n + 1, sizeof(**out));
			(*out)[(*n)++] = all[i];
			all[i].text = all[i].who = all[i].role = NULL;
		}
	}
	for (size_t i = 0; i < na; i++) {
		free(all[i].text);
		free(all[i].who);
		free(all[i].role);
	}
	free(all);
	free(used);
	return 0;
}

static void seen_clear(struct rep *r)
{
	for (size_t i = 0; i < r->nseen; i++)
		free(r->seen[i]);
	free(r->seen);
	r->seen = NULL;
	r->nseen = 0;
}

static void quotes_free(struct quote *q, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(q[i].text);
		free(q[i].who);
		free(q[i].role);
	}
	free(q);
}

static long long one(struct rep *r, const char *sql)
{
	sqlite3_stmt *st = prep(r, sql, NULL);
	long long v = 0;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A factor with its counts and quotes, ready to draw. */
struct block {
	const struct code_row *f;
	char *counts, **text, **who;
	size_t nq;
	float head;	/* name, counts and the first quote */
};

static void block_make(struct rep *r, const struct code_row *f,
		       struct block *b)
{
	char *a = num(f->n), *n2 = num(f->ns), *c3 = num(f->np);
	struct quote *q = NULL;
	size_t nq = 0;
	struct qc_err e = QC_ERR_INIT;
	float w = pdf_width(r->pdf);

	memset(b, 0, sizeof(*b));
	b->f = f;
	b->counts = fill(T(&r->t, "counts"), 3, (const char *const[]){ a, n2, c3 });
	free(a);
	free(n2);
	free(c3);
	if (quotes(r, f->id, &q, &nq, &e) == 0 && nq) {
		b->text = xcalloc(nq, sizeof(char *));
		b->who = xcalloc(nq, sizeof(char *));
		for (size_t i = 0; i < nq; i++) {
			char *red = redact(r, q[i].text, q[i].ref);
			char *sh = shorten(red, 55);
			b->text[i] = xasprintf("\xe2\x80\x9c%s\xe2\x80\x9d", sh);
			b->who[i] = redact(r, q[i].who, q[i].ref);
			free(red);
			free(sh);
		}
		b->nq = nq;
	}
	quotes_free(q, nq);
	qc_err_release(&e);
	b->head = pdf_para_height(r->pdf, f->name, PDF_BOLD, 10.5f, w) +
		  pdf_para_height(r->pdf, b->counts, PDF_REGULAR, 8.5f, w) + 3 +
		  (b->nq ? pdf_quote_height(r->pdf, b->text[0], b->who[0]) :
		   pdf_para_height(r->pdf, T(&r->t, "no_quotes"), PDF_ITALIC, 9,
				   w - 18));
}

static void block_draw(struct rep *r, struct block *b, int hind)
{
	struct pdf_rgb c = hind ? r->hin : r->fac;

	pdf_need(r->pdf, b->head);
	pdf_para(r->pdf, b->f->name, PDF_BOLD, 10.5f, 0, PDF_INK);
	pdf_para(r->pdf, b->counts, PDF_REGULAR, 8.5f, 0, PDF_MUTED);
	pdf_skip(r->pdf, 3);
	for (size_t i = 0; i < b->nq; i++) {
		pdf_quote(r->pdf, b->text[i], b->who[i], c);
		r->st->quotes++;
	}
	if (!b->nq)
		pdf_para(r->pdf, T(&r->t, "no_quotes"), PDF_ITALIC, 9, 18,
			 PDF_MUTED);
	pdf_skip(r->pdf, 4);
	r->st->factors++;
}

static void block_release(struct block *b)
{
	for (size_t i = 0; i < b->nq; i++) {
		free(b->text[i]);
		free(b->who[i]);
	}
	free(b->text);
	free(b->who);
	free(b->counts);
}

/* The facilitating or the hindering factors of a theme under their
 * heading, which stays with the first of them. */
static void factor_group(struct rep *r, struct code_row *f, size_t n, int hind)
{
	struct block *b;

	/* strongest first, so the uncoded ones (shown in the chart) end it */
	while (n && f[n - 1].n == 0)
		n--;
	if (!n)
		return;
	b = xcalloc(n, sizeof(*b));
	for (size_t k = 0; k < n; k++)
		block_make(r, &f[k], &b[k]);
	pdf_heading_keep(r->pdf, 2, T(&r->t, hind ? "hindering" : "facilitating"),
			 hind ? r->hin : r->fac, b[0].head);
	for (size_t k = 0; k < n; k++) {
		block_draw(r, &b[k], hind);
		block_release(&b[k]);
	}
	free(b);
}

/* How often a root code and the codes below it were coded. */
static long long theme_codings(struct rep *r, long long root)
{
	sqlite3_stmt *st = prep_once(r, &r->q_sub,
		"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT k.id FROM"
		" codes k JOIN sub ON k.parent_id = sub.id) SELECT id FROM sub", NULL);
	long long v = 0;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, root);
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		if (id >= 0 && id <= r->cnt.max)
			v += r->cnt.n[id];
	}
	sqlite3_reset(st);
	return v;
}

/* A theme named with --theme must have something to show. */
static int themes_coded(struct rep *r, const struct code_row *rt, size_t n,
			struct qc_err *e)
{
	for (size_t i = 0; r->o->nthemes && i < n; i++)
		if (theme_codings(r, rt[i].id) == 0)
			return qc_err_set(e, QC_EDATA, "theme '%s' has no codings"
					  "%s yet", rt[i].short_id ? rt[i].short_id
					  : rt[i].name, r->kinds ?
					  " in sources of that kind" : "");
	return 0;
}

static void theme_chart(struct rep *r, struct code_row *fa, size_t nfa,
			struct code_row *hi, size_t nhi)
{
	size_t n = nfa + nhi;
	const char **labels = xcalloc(n + 1, sizeof(char *));
	double *vals = xcalloc(n + 1, sizeof(double));
	struct pdf_rgb *col = xcalloc(n + 1, sizeof(*col));
	const char *legend[2] = { T(&r->t, "legend_facilitating"),
				  T(&r->t, "legend_hindering") };
	struct pdf_rgb lc[2] = { r->fac, r->hin };

	for (size_t i = 0; i < nfa; i++) {
		labels[i] = fa[i].name;
		vals[i] = (double)fa[i].n;
		col[i] = r->fac;
	}
	for (size_t i = 0; i < nhi; i++) {
		labels[nfa + i] = hi[i].name;
		vals[nfa + i] = (double)hi[i].n;
		col[nfa + i] = r->hin;
	}
	pdf_need(r->pdf, 9 * 1.4f + 4 + (float)n * 16 + 24 + 8);
	pdf_para(r->pdf, T(&r->t, "chart"), PDF_BOLD, 9, 0, PDF_MUTED);
	pdf_skip(r->pdf, 4);
	pdf_bars(r->pdf, (int)n, labels, vals, col, 2, legend, lc);
	free(labels);
	free(vals);
	free(col);
}

static void bullets_of(struct rep *r, const char *lines)
{
	for (const char *p = lines; p && *p;) {
		const char *nl = strchr(p, '\n');
		char *item = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
		pdf_bullet(r->pdf, item, 0);
		free(item);
		p = nl ? nl + 1 : p + strlen(p);
	}
}

/* The report's opening paragraph, as the template words it. */
static void intro(struct rep *r)
{
	pdf_para(r->pdf, T(&r->t, "intro"), PDF_REGULAR, 10.5f, 0, PDF_INK);
}

static int cover(struct rep *r, const char *kicker, const char *fallback)
{
	static const char *const keys[] = { "period", "partners", "funder", "date" };
	static const char *const labels[] = { "cover_period", "cover_partners",
		"cover_funder", "cover_date" };
	char *vals[4], *title = store_get_setting(r->s, "title");
	char *sub = store_get_setting(r->s, "subtitle");
	const char *lab[4];
	char now[32];

	for (int i = 0; i < 4; i++) {
		vals[i] = store_get_setting(r->s, keys[i]);
		lab[i] = T(&r->t, labels[i]);
	}
	if (!vals[3]) {
		store_now(now);
		now[10] = '\0';
		vals[3] = xstrdup(now);
	}
	pdf_cover(r->pdf, kicker, title && *title && strcmp(title, "Untitled project") ?
		  title : fallback, sub, 4, lab, (const char *const *)vals,
		  T(&r->t, "cover_footer"));
	for (int i = 0; i < 4; i++)
		free(vals[i]);
	free(title);
	free(sub);
	return 0;
}

static void summary(struct rep *r)
{
	struct pdf *p = r->pdf;
	char *q = store_get_setting(r->s, "question");
	char *goal = store_get_setting(r->s, "goal");
	char *meet = store_get_setting(r->s, "meetings");
	struct qc_buf kinds = QC_BUF_INIT, roles = QC_BUF_INIT;
	sqlite3_stmt *st;
	long long nsrc = 0;
	char *line, *n1;

	pdf_heading(p, 1, T(&r->t, "summary"), r->headings);
	if (q) {
		pdf_para(p, T(&r->t, "question"), PDF_BOLD, 10, 0, r->headings);
		pdf_para(p, q, PDF_REGULAR, 10.5f, 0, PDF_INK);
		pdf_skip(p, 6);
	}
	if (goal) {
		pdf_para(p, T(&r->t, "goal"), PDF_BOLD, 10, 0, r->headings);
		pdf_para(p, goal, PDF_REGULAR, 10.5f, 0, PDF_INK);
		pdf_skip(p, 6);
	}
	pdf_para(p, T(&r->t, "method"), PDF_BOLD, 10, 0, r->headings);
	st = prep(r, "SELECT s.kind, count(*) FROM sources s WHERE" KIND_SQL
		  " GROUP BY s.kind ORDER BY count(*) DESC, s.kind", NULL);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		long long n = sqlite3_column_int64(st, 1);
		const char *k = (const char *)sqlite3_column_text(st, 0);
		qc_buf_addf(&kinds, "%s%lld %s", kinds.len ? ", " : "", n,
			    kind_word(&r->t, k, n != 1));
		nsrc += n;
	}
	sqlite3_finalize(st);
	n1 = num(nsrc);
	line = fill(T(&r->t, "method_sources"), 2,
		    (const char *const[]){ n1, kinds.buf ? kinds.buf : "" });
	pdf_para(p, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
	free(line);
	free(n1);
	/* the same label and role in several sources is one person */
	st = prep(r, "SELECT coalesce(p.role, ''), count(DISTINCT p.label || '|' ||"
		  " coalesce(p.role, '')) FROM participants p JOIN sources s ON"
		  " s.id = p.source_id WHERE" KIND_SQL " AND coalesce(p.role, '')"
		  " NOT IN ('onderzoeker', 'researcher') GROUP BY 1 ORDER BY 2 DESC, 1",
		  NULL);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *role = (const char *)sqlite3_column_text(st, 0);
		qc_buf_addf(&roles, "%s%lld %s", roles.len ? ", " : "",
			    sqlite3_column_int64(st, 1),
			    *role ? role : T(&r->t, "participant"));
	}
	sqlite3_finalize(st);
	if (roles.len) {
		line = fill(T(&r->t, "method_participants"), 1,
			    (const char *const[]){ roles.buf });
		pdf_para(p, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
		free(line);
	}
	if (meet) {
		line = fill(T(&r->t, "method_meetings"), 1,
			    (const char *const[]){ meet });
		pdf_para(p, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
		free(line);
	}
	n1 = num(r->cnt.total);
	line = fill(T(&r->t, "method_coding"), 1, (const char *const[]){ n1 });
	pdf_skip(p, 4);
	pdf_para(p, line, PDF_REGULAR, 10.5f, 0, PDF_INK);
	free(line);
	free(n1);
	qc_buf_release(&kinds);
	qc_buf_release(&roles);
	free(q);
	free(goal);
	free(meet);
}

/* The appendix: the codebook's definitions (definitions) and the code x
 * kind of source table (freq), each on when the template lists it. */
static int appendix(struct rep *r, int definitions, int freq, struct qc_err *e)
{
	struct codebook cb;
	struct pdf *p = r->pdf;
	float w = pdf_width(p);
	const char **cells;
	char **own;
	size_t row = 0;
	int rc;

	if ((rc = codebook_read(r->s, &cb, e)) < 0)
		return rc;
	pdf_fresh_page(p);
	if (!definitions)
		goto freq;
	pdf_heading(p, 1, T(&r->t, "appendix"), r->headings);
	cells = xcalloc(cb.n * 3 + 1, sizeof(char *));
	own = xcalloc(cb.n * 3 + 1, sizeof(char *));
	for (size_t i = 0; i < cb.n; i++) {
		const struct cb_code *c = &cb.codes[i];
		int d = 0;
		char key[32];
		for (long q = c->parent; q >= 0; q = cb.codes[q].parent)
			d++;
		own[i * 3] = xasprintf("%*s%s", 3 * d, "", c->name);
		snprintf(key, sizeof(key), "v_%s", c->valence ? c->valence : "neutral");
		cells[i * 3] = own[i * 3];
		cells[i * 3 + 1] = T(&r->t, key);
		cells[i * 3 + 2] = c->definition ? c->definition : "";
	}
	pdf_table(p, 3, (const float[]){ 0.31f * w, 0.17f * w, 0.52f * w },
		  (const char *const[]){ T(&r->t, "code"), T(&r->t, "valence"),
		  T(&r->t, "definition") }, cells, (int)cb.n, 0);
	for (size_t i = 0; i < cb.n * 3; i++)
		free(own[i]);
	free(own);
	free(cells);
freq:
	/* code x kind of source, from the counts made at the start */
	if (freq)
		pdf_heading(p, definitions ? 2 : 1, T(&r->t, "appendix_freq"),
			    r->headings);
	if (freq) {
		size_t nk = r->cnt.nk, nc = nk + 2;
		const char **head = xcalloc(nc, sizeof(char *));
		const char **tc = xcalloc(cb.n * nc + 1, sizeof(char *));
		char **num = xcalloc(cb.n * nc + 1, sizeof(char *));
		float *wd = xcalloc(nc, sizeof(float));
		head[0] = T(&r->t, "code");
		wd[0] = w * 0.40f;
		for (size_t k = 0; k < nk; k++) {
			head[k + 1] = kind_word(&r->t, r->cnt.kinds[k], 1);
			wd[k + 1] = w * 0.50f / (float)nk;
		}
		head[nk + 1] = T(&r->t, "total");
		wd[nk + 1] = w * 0.10f;
		for (size_t i = 0; i < cb.n; i++) {
			long long id = cb.codes[i].db_id, total = 0;
			if (!cb.codes[i].valence ||
			    !strcmp(cb.codes[i].valence, "neutral") ||
			    id < 0 || id > r->cnt.max)
				continue;
			tc[row * nc] = cb.codes[i].name;
			for (size_t k = 0; k <= nk; k++) {
				long long v = k < nk ?
					r->cnt.bykind[(size_t)id * nk + k] : total;
				total += v;
				num[row * nc + k + 1] = xasprintf("%lld", v);
				tc[row * nc + k + 1] = num[row * nc + k + 1];
			}
			row++;
		}
		pdf_table(p, (int)nc, wd, head, tc, (int)row,
			  ((1u << nc) - 1) & ~1u);
		for (size_t i = 0; i < cb.n * nc; i++)
			free(num[i]);
		free(num);
		free(tc);
		free(head);
		free(wd);
	}
	codebook_release(&cb);
	return 0;
}

/* One theme: the parts the template lists, in its order. */
static int theme_section(struct rep *r, const struct code_row *t, int nth,
			 struct qc_err *e)
{
	struct code_row *fa, *hi;
	size_t nfa, nhi;
	char *h;
	int rc;

	if ((rc = factors(r, t->id, "facilitating", &fa, &nfa, e)) < 0)
		return rc;
	if ((rc = factors(r, t->id, "hindering", &hi, &nhi, e)) < 0) {
		rows_free(fa, nfa);
		return rc;
	}
	if (nth > 1)
		pdf_skip(r->pdf, 12);
	h = xasprintf("%s %d. %s", T(&r->t, "lesson"), nth, t->name);
	pdf_heading(r->pdf, 1, h, r->headings);
	free(h);
	seen_clear(r);
	for (int i = 0; i < r->tp.npart; i++) {
		switch (r->tp.part[i]) {
		case P_LESSON:
			if (t->lesson) {
				pdf_para(r->pdf, t->lesson, PDF_SERIF, 11, 0, PDF_INK);
				pdf_skip(r->pdf, 8);
			}
			break;
		case P_CHART:
			theme_chart(r, fa, nfa, hi, nhi);
			break;
		case P_FACILITATING:
			factor_group(r, fa, nfa, 0);
			break;
		case P_HINDERING:
			factor_group(r, hi, nhi, 1);
			break;
		case P_RECOMMENDATION:
			if (t->recommendation) {
				pdf_skip(r->pdf, 4);
				pdf_box(r->pdf, T(&r->t, "recommendation"),
					t->recommendation, r->box, r->box_edge);
			}
			break;
		case P_SKILLS:
			if (t->skills) {
				pdf_heading(r->pdf, 3, T(&r->t, "skills"), r->headings);
				bullets_of(r, t->skills);
			}
			break;
		}
	}
	rows_free(fa, nfa);
	rows_free(hi, nhi);
	r->st->themes++;
	return 0;
}

/* The project's memos: lessons about the process. */
static void process_section(struct rep *r)
{
	sqlite3_stmt *q = store_prepare(r->s, "SELECT text FROM memos WHERE"
					" target = 'project' ORDER BY id", NULL);
	int any = 0;

	while (q && sqlite3_step(q) == SQLITE_ROW) {
		char *t = redact(r, (const char *)sqlite3_column_text(q, 0),
				 "a project memo");
		if (!any++)
			pdf_heading(r->pdf, 1, T(&r->t, "process"), r->headings);
		pdf_bullet(r->pdf, t, 0);
		free(t);
	}
	sqlite3_finalize(q);
}

/* Actions undertaken: the codes of the groups that are no theme, with how
 * often they came up where they did. */
static int actions_section(struct rep *r, const struct code_row *rt,
			   size_t nrt, const int *theme, struct qc_err *e)
{
	int groups = 0, ngroups = 0, rc;

	for (size_t i = 0; i < nrt; i++)
		ngroups += !theme[i];
	for (size_t i = 0; i < nrt; i++) {
		struct code_row *ac;
		size_t nac;
		if (theme[i])
			continue;
		if ((rc = factors(r, rt[i].id, NULL, &ac, &nac, e)) < 0)
			return rc;
		if (nac && !groups++)
			pdf_heading(r->pdf, 1, T(&r->t, "actions"), r->headings);
		if (nac && ngroups > 1)
			pdf_heading(r->pdf, 3, rt[i].name, r->headings);
		for (size_t k = 0; k < nac; k++) {
			char *n1 = num(ac[k].n), *line, *cnt;
			cnt = ac[k].n ? fill(T(&r->t, "action_counts"), 1,
					     (const char *const[]){ n1 }) : NULL;
			line = xasprintf("%s%s%s%s%s%s", ac[k].name,
					 ac[k].definition ? ". " : "",
					 ac[k].definition ? ac[k].definition : "",
					 cnt ? " (" : "", cnt ? cnt : "",
					 cnt ? ")" : "");
			pdf_bullet(r->pdf, line, 0);
			free(line);
			free(cnt);
			free(n1);
		}
		rows_free(ac, nac);
	}
	return 0;
}

static void cycle_section(struct rep *r)
{
	const char *steps[4] = { T(&r->t, "cycle_1"), T(&r->t, "cycle_2"),
		T(&r->t, "cycle_3"), T(&r->t, "cycle_4") };

	/* the cycle stays with its heading and text */
	pdf_heading_keep(r->pdf, 1, T(&r->t, "cycle"), r->headings,
			 pdf_para_height(r->pdf, T(&r->t, "cycle_text"), PDF_REGULAR,
					 10.5f, pdf_width(r->pdf)) + 10 + 250);
	pdf_para(r->pdf, T(&r->t, "cycle_text"), PDF_REGULAR, 10.5f, 0, PDF_INK);
	pdf_skip(r->pdf, 10);
	pdf_cycle(r->pdf, steps, T(&r->t, "cycle_centre"));
}

int report_lessons(struct store *s, const struct report_opts *o,
		   const char *path, struct report_stats *st, struct qc_err *e)
{
	struct rep r;
	struct code_row *rt = NULL;
	size_t nrt = 0;
	int *theme = NULL, rc, nth = 0, prev = -1;

	if ((rc = setup(&r, s, o, LESSONS, st, e)) < 0)
		goto out;
	if ((rc = roots(&r, &rt, &nrt, &theme, e)) < 0 ||
	    (rc = themes_coded(&r, rt, nrt, e)) < 0)
		goto out;
	for (int k = 0; k < r.tp.nsec; k++) {
		int sec = r.tp.sec[k];
		/* the themes start a page, and so do process, actions and the
		 * cycle, together, after anything else */
		int after = prev == S_PROCESS || prev == S_ACTIONS || prev == S_CYCLE;

		if (sec == S_THEMES || sec == S_SUMMARY ||
		    ((sec == S_PROCESS || sec == S_ACTIONS || sec == S_CYCLE) &&
		     !after))
			pdf_fresh_page(r.pdf);
		switch (sec) {
		case S_COVER:
			cover(&r, T(&r.t, "kicker"), T(&r.t, "title"));
			break;
		case S_SUMMARY:
			summary(&r);
			break;
		case S_THEMES:
			for (size_t i = 0; i < nrt && !pdf_failed(r.pdf); i++) {
				/* a theme nobody spoke about has no lesson yet */
				if (!theme[i] || theme_codings(&r, rt[i].id) == 0)
					continue;
				if ((rc = theme_section(&r, &rt[i], ++nth, e)) < 0)
					goto out;
			}
			break;
		case S_OVERALL: {
			char *overall = store_get_setting(s, "recommendation");
			if (overall) {
				pdf_skip(r.pdf, 10);
				pdf_box(r.pdf, T(&r.t, "overall"), overall, r.box,
					r.fac);
			}
			free(overall);
			break;
		}
		case S_PROCESS:
			process_section(&r);
			break;
		case S_ACTIONS:
			if ((rc = actions_section(&r, rt, nrt, theme, e)) < 0)
				goto out;
			break;
		case S_CYCLE:
			cycle_section(&r);
			break;
		case S_APPENDIX:
		case S_FREQUENCIES:
			/* the frequencies follow the definitions where both are */
			if (sec == S_FREQUENCIES && prev == S_APPENDIX)
				break;
			if ((rc = appendix(&r, sec == S_APPENDIX,
					   sec == S_FREQUENCIES ||
					   (k + 1 < r.tp.nsec &&
					    r.tp.sec[k + 1] == S_FREQUENCIES), e)) < 0)
				goto out;
			break;
		}
		prev = sec;
	}
	rc = finish(&r, path, "--theme or --kind", e);
out:
	rows_free(rt, nrt);
	free(theme);
	teardown(&r);
	return rc;
}

/* ---- review sheet ---- */

/* One coded fragment of the review sheet. */
struct fragment {
	char *text, *who;
};

/* The coded fragments of a code, redacted, with who said them. */
static int fragments(struct rep *r, long long code, struct fragment **out,
		     size_t *n, struct qc_err *e)
{
	sqlite3_stmt *q = prep(r,
		" SELECT 'S' || s.id || ':' || coalesce(g.ordinal, '?'),"
		" coalesce(p.role, ''), pn.name, u.name, coalesce(g.text,"
		" substr(s.text, c.start_cp + 1, c.end_cp - c.start_cp)),"
		" s.kind FROM codings c JOIN sources s ON s.id = c.source_id"
		" LEFT JOIN segments g ON g.id = c.segment_id"
		" LEFT JOIN participants p ON p.id = g.participant_id"
		" LEFT JOIN temp.report_names pn ON pn.id = p.id JOIN coders u ON"
		" u.id = c.coder_id WHERE c.code_id = ?1 AND" KIND_SQL
		" ORDER BY s.id, c.start_cp, u.name", e);

	*out = NULL;
	*n = 0;
	if (!q)
		return -QC_EIO;
	sqlite3_bind_int64(q, 1, code);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(q, 2);
		const char *role = (const char *)sqlite3_column_text(q, 1);
		const char *kind = kind_word(&r->t,
			(const char *)sqlite3_column_text(q, 5), 0);
		struct qc_buf who = QC_BUF_INIT;

		/* ref · speaker · role · kind of source · coder */
		qc_buf_addf(&who, "%s", sqlite3_column_text(q, 0));
		if (name)
			qc_buf_addf(&who, " · %s", name);
		if (*role)
			qc_buf_addf(&who, " · %s", role);
		qc_buf_addf(&who, " · %s · %s %s", kind, T(&r->t, "coder"),
			    sqlite3_column_text(q, 3));
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		(*out)[*n].text = redact(r, (const char *)sqlite3_column_text(q, 4),
					 (const char *)sqlite3_column_text(q, 0));
		(*out)[*n].who = redact(r, who.buf,
					(const char *)sqlite3_column_text(q, 0));
		(*n)++;
		qc_buf_release(&who);
	}
	sqlite3_finalize(q);
	return 0;
}

static void fragments_free(struct fragment *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].text);
		free(f[i].who);
	}
	free(f);
}

/* The memos of a code, under their label. */
static void code_memos(struct rep *r, long long code)
{
	sqlite3_stmt *q = store_prepare(r->s, "SELECT m.text, u.name FROM memos m"
					" JOIN coders u ON u.id = m.author_id WHERE"
					" m.target = 'code' AND m.target_id = ?"
					" ORDER BY m.id", NULL);
	float w = pdf_width(r->pdf);
	int any = 0;

	if (!q)
		return;
	sqlite3_bind_int64(q, 1, code);
	while (sqlite3_step(q) == SQLITE_ROW) {
		char *t = redact(r, (const char *)sqlite3_column_text(q, 0),
				 "a memo on a code");
		char *line = xasprintf("%s (%s)", t, sqlite3_column_text(q, 1));
		if (!any++) {
			pdf_need(r->pdf, 9 * 1.4f + pdf_para_height(r->pdf, line,
				 PDF_REGULAR, 10, w - 12) + 2);
			pdf_para(r->pdf, T(&r->t, "memos"), PDF_BOLD, 9, 0,
				 r->accent);
		}
		pdf_bullet(r->pdf, line, 0);
		free(t);
		free(line);
	}
	sqlite3_finalize(q);
}

/* One code of the review sheet: the parts the template lists. */
static int review_code(struct rep *r, const struct code_row *c, int *shown,
		       const char *theme, struct qc_err *e)
{
	struct fragment *fr;
	size_t nfr;
	char *h, *count, *n1;
	float keep = 0, w = pdf_width(r->pdf);
	struct pdf_rgb col = !strcmp(c->valence, "hindering") ? r->hin :
			     !strcmp(c->valence, "facilitating") ? r->fac :
			     r->headings;
	int rc;

	if ((rc = fragments(r, c->id, &fr, &nfr, e)) < 0)
		return rc;
	if (!(*shown)++)
		pdf_heading(r->pdf, 1, theme, r->headings);
	n1 = num(c->n);
	count = fill(T(&r->t, "fragments"), 1, (const char *const[]){ n1 });
	free(n1);
	/* the heading stays with what comes first below it */
	for (int i = 0; i < r->tp.npart && keep == 0; i++) {
		int part = r->tp.part[i];
		if (part == P_DEFINITION && c->definition)
			keep = pdf_para_height(r->pdf, c->definition, PDF_ITALIC, 9, w);
		else if (part == P_COUNT)
			keep = pdf_para_height(r->pdf, count, PDF_REGULAR, 8.5f, w) + 4;
		else if (part == P_FRAGMENTS && nfr)
			keep = pdf_quote_height(r->pdf, fr[0].text, fr[0].who);
		else if (part == P_NOTES)
			keep = 9 * 1.4f + 3 * 20 + 8;
	}
	h = xasprintf("%s  (%s)", c->name, c->short_id);
	pdf_heading_keep(r->pdf, 2, h, col, keep);
	free(h);
	for (int i = 0; i < r->tp.npart; i++) {
		switch (r->tp.part[i]) {
		case P_DEFINITION:
			if (c->definition)
				pdf_para(r->pdf, c->definition, PDF_ITALIC, 9, 0,
					 PDF_MUTED);
			break;
		case P_COUNT:
			pdf_para(r->pdf, count, PDF_REGULAR, 8.5f, 0, PDF_MUTED);
			pdf_skip(r->pdf, 4);
			break;
		case P_FRAGMENTS:
			for (size_t f = 0; f < nfr; f++) {
				pdf_quote(r->pdf, fr[f].text, fr[f].who, col);
				r->st->fragments++;
			}
			break;
		case P_MEMOS:
			code_memos(r, c->id);
			break;
		case P_NOTES:
			/* the label stays with its lines */
			pdf_need(r->pdf, 9 * 1.4f + 3 * 20 + 8);
			pdf_para(r->pdf, T(&r->t, "notes"), PDF_BOLD, 9, 0,
				 PDF_MUTED);
			pdf_rules(r->pdf, 3);
			break;
		}
	}
	free(count);
	fragments_free(fr, nfr);
	return 0;
}

int report_review(struct store *s, const struct report_opts *o,
		  const char *path, struct report_stats *st, struct qc_err *e)
{
	struct rep r;
	struct code_row *rt = NULL;
	size_t nrt = 0;
	int *theme = NULL, rc;

	if ((rc = setup(&r, s, o, REVIEW, st, e)) < 0)
		goto out;
	if ((rc = roots(&r, &rt, &nrt, &theme, e)) < 0 ||
	    (rc = themes_coded(&r, rt, nrt, e)) < 0)
		goto out;
	for (int k = 0; k < r.tp.nsec; k++) {
		switch (r.tp.sec[k]) {
		case S_COVER:
			cover(&r, T(&r.t, "kicker"), T(&r.t, "title"));
			break;
		case S_INTRO:
			intro(&r);
			break;
		case S_THEMES:
			/* a document that failed is not finished */
			for (size_t i = 0; i < nrt && !pdf_failed(r.pdf); i++) {
				struct code_row *all;
				size_t na;
				int shown = 0;

				if (theme_codings(&r, rt[i].id) == 0)
					continue;
				if ((rc = factors(&r, rt[i].id, NULL, &all, &na, e)) < 0)
					goto out;
				st->themes++;
				/* only what was coded: an empty code is no
				 * agenda item */
				for (size_t c = 0; c < na && rc == 0 &&
				     !pdf_failed(r.pdf); c++)
					if (all[c].n)
						rc = review_code(&r, &all[c], &shown,
								 rt[i].name, e);
				rows_free(all, na);
				if (rc < 0)
					goto out;
			}
			break;
		}
	}
	rc = finish(&r, path, "--theme or --kind", e);
out:
	rows_free(rt, nrt);
	free(theme);
	teardown(&r);
	return rc;
}

/* ---- codebook ---- */

/* The tree at a glance. */
static void codebook_tree(struct rep *r, const struct codebook *cb)
{
	pdf_heading(r->pdf, 1, T(&r->t, "overview"), r->headings);
	for (size_t i = 0; i < cb->n; i++) {
		const struct cb_code *c = &cb->codes[i];
		char key[32], *line;
		int d = 0;
		for (long q = c->parent; q >= 0; q = cb->codes[q].parent)
			d++;
		snprintf(key, sizeof(key), "v_%s", c->valence ? c->valence : "neutral");
		/* a neutral code below the top is an item, not a theme */
		line = d && strcmp(key, "v_neutral") ?
		       xasprintf("%s (%s)", c->name, T(&r->t, key)) :
		       xstrdup(c->name);
		if (d == 0 && i)
			pdf_skip(r->pdf, 3);
		pdf_bullet(r->pdf, line, 14.0f * (float)d);
		free(line);
	}
}

/* Each code with its definition, when to code it and when not, and an
 * example. */
static void codebook_codes(struct rep *r, const struct codebook *cb,
			   struct report_stats *st)
{
	for (size_t i = 0; i < cb->n; i++) {
		const struct cb_code *c = &cb->codes[i];
		int d = 0;
		char key[32];
		/* valence colours: code colours can be too pale for text */
		struct pdf_rgb col = !c->valence ? r->headings :
			!strcmp(c->valence, "facilitating") ? r->fac :
			!strcmp(c->valence, "hindering") ? r->hin : r->headings;
		char *h;
		for (long q = c->parent; q >= 0; q = cb->codes[q].parent)
			d++;
		snprintf(key, sizeof(key), "v_%s", c->valence ? c->valence : "neutral");
		h = xasprintf("%s  (%s)", c->name, c->id);
		pdf_heading(r->pdf, d == 0 ? 1 : 2, h, d == 0 ? r->headings : col);
		free(h);
		if (d == 0 || strcmp(key, "v_neutral"))
			pdf_para(r->pdf, T(&r->t, key), PDF_BOLD, 8.5f, 0, PDF_MUTED);
		if (c->definition)
			pdf_para(r->pdf, c->definition, PDF_REGULAR, 10, 0, PDF_INK);
		if (c->inclusion) {
			h = xasprintf("%s: %s", T(&r->t, "inclusion"), c->inclusion);
			pdf_para(r->pdf, h, PDF_REGULAR, 9.5f, 12, PDF_INK);
			free(h);
		}
		if (c->exclusion) {
			h = xasprintf("%s: %s", T(&r->t, "exclusion"), c->exclusion);
			pdf_para(r->pdf, h, PDF_REGULAR, 9.5f, 12, PDF_INK);
			free(h);
		}
		if (c->example) {
			char *where = xasprintf("the example of code '%s'", c->id);
			char *ex = redact(r, c->example, where);
			free(where);
			h = xasprintf("%s: \xe2\x80\x9c%s\xe2\x80\x9d", T(&r->t, "example"),
				      ex);
			pdf_para(r->pdf, h, PDF_ITALIC, 9.5f, 12, PDF_INK);
			free(h);
			free(ex);
		}
		pdf_skip(r->pdf, 4);
		st->factors++;
	}
}

int report_codebook(struct store *s, const struct report_opts *o,
		    const char *path, struct report_stats *st, struct qc_err *e)
{
	struct rep r;
	struct codebook cb;
	int rc;

	codebook_init(&cb);
	rc = setup(&r, s, o, CODEBOOK, st, e);
	if (rc == 0)
		rc = codebook_read(s, &cb, e);
	if (rc < 0)
		goto out;
	for (int k = 0; k < r.tp.nsec; k++) {
		switch (r.tp.sec[k]) {
		case S_COVER:
			cover(&r, T(&r.t, "kicker"), T(&r.t, "title"));
			break;
		case S_INTRO:
			intro(&r);
			break;
		case S_OVERVIEW:
			codebook_tree(&r, &cb);
			break;
		case S_CODES:
			pdf_fresh_page(r.pdf);
			codebook_codes(&r, &cb, st);
			break;
		}
	}
	rc = finish(&r, path, NULL, e);
out:
	codebook_release(&cb);
	teardown(&r);
	return rc;
}

/* ---- for the reports in files of their own (report_int.h) ---- */

struct report_labels {
	struct rep r;		/* only the template's part is set */
};

int report_labels_load(struct store *s, const struct report_opts *o,
		       const char *kind, struct report_labels **out,
		       struct report_stats *st, struct qc_err *e)
{
	struct report_labels *l = xcalloc(1, sizeof(*l));
	int k = name_index(kind_names, kind), rc;

	*out = NULL;
	memset(st, 0, sizeof(*st));
	l->r.s = s;
	l->r.o = o;
	l->r.st = st;
	if ((rc = load_template(&l->r, (enum report_kind)k, e)) < 0) {
		report_labels_free(l);
		return rc;
	}
	*out = l;
	return 0;
}

const char *report_label(const struct report_labels *l, const char *key)
{
	return T(&l->r.t, key);
}

char *report_label_fill(const struct report_labels *l, const char *key,
			int n, const char *const *vals)
{
	return fill(T(&l->r.t, key), n, vals);
}

int report_labels_sections(const struct report_labels *l,
			   const char **names, int max)
{
	int n = 0;

	for (int i = 0; i < l->r.tp.nsec && n < max; i++)
		names[n++] = section_names[l->r.tp.kind][l->r.tp.sec[i]];
	return n;
}

void report_labels_pdf(const struct report_labels *l, struct pdf_opts *po,
		       struct pdf_palette *pal)
{
	pal->accent = l->r.accent;
	pal->facilitating = l->r.fac;
	pal->hindering = l->r.hin;
	po->size = (enum pdf_size)l->r.tp.size;
	po->palette = pal;
}

struct pdf_rgb report_labels_colour(const struct report_labels *l,
				    const char *name)
{
	int i = name_index(colour_names, name);

	return i < 0 ? PDF_INK : l->r.tp.col[i];
}

void report_labels_free(struct report_labels *l)
{
	if (!l)
		return;
	tmpl_release(&l->r.tp);
	free(l->r.lang);
	free(l);
}
