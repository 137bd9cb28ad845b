/*
 * report_template: the report templates. reports/KIND.yaml, shipped, is
 * read first, then --template FILE over it; problems are reported as
 * "file:line:column: message" lines. The kinds of report the reader
 * knows, with the names of their sections and parts, are listed below.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "qcode/pdf.h"
#include "qcode/report.h"
#include "qcode/yamldoc.h"
#include "report_int.h"

/* NULL-terminated; a new report adds its kind here */
static const struct report_kind *const kinds[] = { &report_kind_lessons,
	&report_kind_review, &report_kind_codebook, &report_kind_agreement,
	&report_kind_redaction, &report_kind_cycle, NULL };

static const char *const colour_names[REPORT_NCOLOURS + 1] = { "accent",
	"headings", "facilitating", "hindering", "box", "box_edge", NULL };

static const struct report_kind *kind_named(const char *name)
{
	for (int i = 0; name && kinds[i]; i++)
		if (!strcmp(kinds[i]->name, name))
			return kinds[i];
	return NULL;
}

/* Reading one template file: where it is and what went wrong. */
struct trd {
	const char *path;
	yaml_document_t *doc;
	struct report_labels *t;
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
	yamldoc_problem(r->problems, r->path, n, warn, fmt, ap);
	va_end(ap);
	if (!warn)
		r->errors++;
}

static int name_index(const char *const *names, const char *s)
{
	for (int i = 0; s && names[i]; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

/* The index of the entry named s of a report's table, or -1. */
static int entry_index(const char *(*name)(int i), const char *s)
{
	for (int i = 0; s && name(i); i++)
		if (!strcmp(name(i), s))
			return i;
	return -1;
}

static int has_label(const struct report_labels *t, const char *key)
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
		      const char *(*name)(int i), unsigned char *out, int *nout)
{
	struct qc_buf all = QC_BUF_INIT;
	unsigned char got[REPORT_MAX_ITEMS];
	int n = 0;

	for (int i = 0; name(i); i++)
		qc_buf_addf(&all, "%s%s", i ? ", " : "", name(i));
	if (v->type != YAML_SEQUENCE_NODE) {
		tproblem(r, v, 0, "%s: a list of %s", key, all.buf);
		goto out;
	}
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		yaml_node_t *x = yaml_document_get_node(r->doc, *it);
		const char *s = yamldoc_scalar(x);
		int k = entry_index(name, s), dup = 0;
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
			const struct report_labels *shipped)
{
	struct report_labels *t = r->t;

	for (yaml_node_pair_t *pr = m->data.mapping.pairs.start;
	     pr < m->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = yaml_document_get_node(r->doc, pr->key);
		yaml_node_t *v = yaml_document_get_node(r->doc, pr->value);
		const char *key = yamldoc_scalar(k), *val = yamldoc_scalar(v);
		const char *one = NULL;
		if (key && !val && v->type == YAML_MAPPING_NODE) {
			/* a count's words: {one: '1 bron', other: '%d bronnen'} */
			for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
			     q < v->data.mapping.pairs.top; q++) {
				const char *f = yamldoc_scalar(yaml_document_get_node(r->doc, q->key));
				const char *x = yamldoc_scalar(yaml_document_get_node(r->doc, q->value));
				if (f && x && !strcmp(f, "one"))
					one = x;
				else if (f && x && !strcmp(f, "other"))
					val = x;
				else
					tproblem(r, v, 0, "%s: %s: a count's label has"
						 " 'one:' and 'other:' texts", lang, key);
			}
			if (!val) {
				tproblem(r, v, 0, "%s: %s: 'other:' is missing", lang, key);
				continue;
			}
		}
		if (!key || !val) {
			tproblem(r, key ? v : k, 0, "%s: labels are 'key: text'",
				 lang);
			continue;
		}
		if (!r->shipped && shipped && !has_label(shipped, key)) {
			tproblem(r, k, 1, "unknown label '%s' is ignored", key);
			continue;
		}
		for (int pass = 0; pass < 2; pass++) {
			char *k1 = pass ? xasprintf("%s/one", key) : xstrdup(key);
			/* key/one: the singular; plain text over a shipped
			 * count's label replaces both */
			if (pass && !one && !(shipped && has_label(shipped, k1))) {
				free(k1);
				break;
			}
			t->lang = xreallocarray(t->lang, t->n + 1, sizeof(char *));
			t->k = xreallocarray(t->k, t->n + 1, sizeof(char *));
			t->v = xreallocarray(t->v, t->n + 1, sizeof(char *));
			t->lang[t->n] = xstrdup(lang);
			t->k[t->n] = k1;
			t->v[t->n] = xstrdup(pass && one ? one : val);
			t->n++;
		}
	}
}

/*
 * Read a template file into t, over what t holds already (the shipped
 * file, read first with shipped set). Problems are added to problems as
 * "file:line:column: message" lines; returns how many were errors, or a
 * negative code when the file cannot be read or is no YAML.
 */
static int tmpl_read(struct report_labels *t, const char *path, int shipped,
		     const struct report_labels *known, struct qc_buf *problems,
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
		const char *key = yamldoc_scalar(k), *val = yamldoc_scalar(v);
		int i;

		if (!key) {
			tproblem(&r, k, 0, "a key must be a word");
		} else if (!strcmp(key, "report")) {
			const struct report_kind *rk = kind_named(val);
			if (!rk)
				tproblem(&r, v, 0, "report: lessons, review or"
					 " codebook, not '%s'", val ? val : "");
			else if (rk != t->kind)
				tproblem(&r, v, 0, "this template is for the %s"
					 " report, not %s", rk->name,
					 t->kind->name);
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
				const char *cs = yamldoc_scalar(cv);
				struct pdf_rgb none = { -1, -1, -1 }, rgb;
				int ci = name_index(colour_names, yamldoc_scalar(ck));
				if (ci < 0) {
					tproblem(&r, ck, 1, "unknown colour '%s' is"
						 " ignored", yamldoc_scalar(ck) ?
						 yamldoc_scalar(ck) : "");
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
			read_list(&r, v, key, t->kind->section, t->sec,
				  &t->nsec);
		} else if (t->kind->part_key && !strcmp(key, t->kind->part_key)) {
			read_list(&r, v, key, t->kind->part, t->part,
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

static void tmpl_release(struct report_labels *t)
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
	free(t->use);
	memset(t, 0, sizeof(*t));
}

/* The shipped template of kind: its path, or NULL with e set. */
static char *shipped_path(const struct report_kind *kind, struct qc_err *e)
{
	char *rel = xasprintf("reports/%s.yaml", kind->name);
	char *path = qc_data_file(rel);

	if (!path)
		qc_err_set(e, QC_EIO, "the report template (%s) is not"
			   " installed", rel);
	free(rel);
	return path;
}

int report_template_check(const char *kind, const char *path,
			  char **problems, struct qc_err *e)
{
	struct report_labels t;
	struct qc_buf probs = QC_BUF_INIT;
	char *shipped;
	int errors;

	*problems = NULL;
	memset(&t, 0, sizeof(t));
	if (!(t.kind = kind_named(kind)))
		return qc_err_set(e, QC_EUSAGE, "no report '%s'", kind);
	if (!(shipped = shipped_path(t.kind, e)))
		return -QC_EIO;
	errors = tmpl_read(&t, shipped, 1, &t, &probs, e);
	if (errors == 0)
		errors = tmpl_read(&t, path, 0, &t, &probs, e);
	tmpl_release(&t);
	free(shipped);
	if (probs.len)
		*problems = qc_buf_detach(&probs, NULL);
	qc_buf_release(&probs);
	return errors;
}

/* The report's language: o->lang, which the template must have, else
 * the project's where the template has it, else nl. */
static int choose_lang(struct report_labels *l, struct store *s,
		       const struct report_opts *o, struct qc_err *e)
{
	struct qc_buf w = QC_BUF_INIT;
	int rc;

	l->use = o->lang ? xstrdup(o->lang) : store_get_setting(s, "lang");
	if (l->use)
		qc_buf_addf(&w, " %s ", l->use);
	if (l->use && strstr(l->langs ? l->langs : "", w.buf)) {
		qc_buf_release(&w);
		return 0;
	}
	qc_buf_release(&w);
	if (o->lang) {
		/* " nl en " as "nl, en" */
		struct qc_buf ls = QC_BUF_INIT;
		for (const char *q = l->langs; q && *q; q++)
			if (*q != ' ')
				qc_buf_addch(&ls, *q);
			else if (ls.len && q[1])
				qc_buf_adds(&ls, ", ");
		rc = qc_err_set(e, QC_EUSAGE, "--lang '%s': the template has"
				" no labels in that language (%s)", o->lang,
				ls.len ? ls.buf : "none");
		qc_buf_release(&ls);
		return rc;
	}
	free(l->use);
	l->use = xstrdup("nl");
	return 0;
}

int report_labels_read(struct report_labels *l, struct store *s,
		       const struct report_opts *o,
		       const struct report_kind *kind, char **problems,
		       struct qc_err *e)
{
	struct qc_buf probs = QC_BUF_INIT;
	char *path;
	int rc = 0, errors;

	memset(l, 0, sizeof(*l));
	*problems = NULL;
	l->kind = kind;
	l->col[REPORT_ACCENT] = PDF_ACCENT;
	l->col[REPORT_HEADINGS] = PDF_ACCENT;
	l->col[REPORT_FACILITATING] = PDF_FACILITATING;
	l->col[REPORT_HINDERING] = PDF_HINDERING;
	l->col[REPORT_BOX] = PDF_BOX;
	l->col[REPORT_BOX_EDGE] = PDF_BOX_EDGE;
	if (!(path = shipped_path(kind, e)))
		return -QC_EIO;
	errors = tmpl_read(l, path, 1, l, &probs, e);
	if (errors == 0 && o->template_file)
		errors = tmpl_read(l, o->template_file, 0, l, &probs, e);
	if (errors > 0)
		rc = qc_err_set(e, QC_EDATA, "the template '%s' has %d error%s;"
				" no PDF written", o->template_file ?
				o->template_file : path, errors,
				errors == 1 ? "" : "s");
	else if (errors < 0)
		rc = errors;
	free(path);
	if (probs.len)
		*problems = qc_buf_detach(&probs, NULL);
	qc_buf_release(&probs);
	if (rc < 0)
		return rc;
	return choose_lang(l, s, o, e);
}

void report_labels_release(struct report_labels *l)
{
	tmpl_release(l);
}

const char *report_label(const struct report_labels *l, const char *key)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = l->n; i-- > 0;)
			if (l->k[i][0] == key[0] && !strcmp(l->k[i], key) &&
			    !strcmp(l->lang[i], pass ? "en" : l->use))
				return l->v[i];
	return key;
}

const char *report_label_kind(const struct report_labels *l,
			      const char *kind, int plural)
{
	char key[64];
	const char *w;

	snprintf(key, sizeof(key), "%s_%s", plural ? "kinds" : "kind", kind);
	w = report_label(l, key);
	return w == key ? kind : w;
}

/* The singular where n is 1 and the template has one. */
static const char *label_n(const struct report_labels *l, const char *key,
			   long long n, char *buf, size_t size)
{
	const char *v;

	if (n != 1)
		return report_label(l, key);
	snprintf(buf, size, "%s/one", key);
	v = report_label(l, buf);
	return v == buf ? report_label(l, key) : v;
}

char *report_label_count(const struct report_labels *l, const char *key,
			 long long count, int n, const char *const *vals)
{
	char kb[96], num[32];
	const char *t = label_n(l, key, count, kb, sizeof(kb));
	struct qc_buf b = QC_BUF_INIT;
	int k = 0;

	snprintf(num, sizeof(num), "%lld", count);
	/* the first placeholder is the count, the rest vals */
	for (const char *p = t; *p; p++) {
		if (p[0] == '%' && (p[1] == 'd' || p[1] == 's')) {
			qc_buf_adds(&b, k == 0 ? num : k - 1 < n ? vals[k - 1] : "");
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

/* Texts come from files users edit, so they are never printf formats. */
char *report_label_fill(const struct report_labels *l, const char *key,
			int n, const char *const *vals)
{
	struct qc_buf b = QC_BUF_INIT;
	int k = 0;

	for (const char *p = report_label(l, key); *p; p++) {
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

int report_labels_load(struct store *s, const struct report_opts *o,
		       const char *kind, struct report_labels **out,
		       struct report_stats *st, struct qc_err *e)
{
	struct report_labels *l = xcalloc(1, sizeof(*l));
	int rc;

	*out = NULL;
	memset(st, 0, sizeof(*st));
	if ((rc = report_labels_read(l, s, o, kind_named(kind), &st->problems,
				     e)) < 0) {
		report_labels_free(l);
		return rc;
	}
	*out = l;
	return 0;
}

void report_labels_free(struct report_labels *l)
{
	if (!l)
		return;
	tmpl_release(l);
	free(l);
}

void report_labels_pdf(const struct report_labels *l, struct pdf_opts *po,
		       struct pdf_palette *pal)
{
	pal->accent = l->col[REPORT_ACCENT];
	pal->facilitating = l->col[REPORT_FACILITATING];
	pal->hindering = l->col[REPORT_HINDERING];
	po->size = (enum pdf_size)l->size;
	po->palette = pal;
}

struct pdf_rgb report_labels_colour(const struct report_labels *l,
				    const char *name)
{
	int i = name_index(colour_names, name);

	return i < 0 ? PDF_INK : l->col[i];
}

int report_labels_pdf_open(const struct report_labels *l, struct pdf **out,
			   struct qc_err *e)
{
	struct pdf_opts po = { 0 };
	struct pdf_palette pal;
	char now[32];

	store_now(now);
	po.title = report_label(l, "title");
	po.header = po.title;
	po.created = now;
	report_labels_pdf(l, &po, &pal);
	return pdf_open(&po, out, e);
}
