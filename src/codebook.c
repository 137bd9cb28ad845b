/*
 * codebook: YAML codebook files (libyaml) and the project's codes table.
 * A file is read whole into a struct codebook, validated (names, ids,
 * GUIDs, valences, colours, PCRE2 patterns), then merged into the project
 * by GUID and id. Export writes the same format back, so a file qcode wrote
 * loads and exports byte for byte.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <yaml.h>

#include "qcode/codebook.h"
#include "qcode/out.h"
#include "qcode/outfile.h"
#include "qcode/yamldoc.h"

void codebook_init(struct codebook *cb)
{
	memset(cb, 0, sizeof(*cb));
}

static void code_free(struct cb_code *c)
{
	char **f[] = { &c->id, &c->guid, &c->name, &c->definition,
		&c->inclusion, &c->exclusion, &c->example, &c->valence,
		&c->colour, &c->lesson, &c->recommendation, &c->skills,
		&c->patterns, &c->finding };
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
}

void codebook_text_fields(struct cb_code *c, char **f[CB_TEXT_FIELDS])
{
	char **v[CB_TEXT_FIELDS] = { &c->name, &c->definition, &c->inclusion,
		&c->exclusion, &c->example, &c->lesson, &c->recommendation,
		&c->skills, &c->finding };

	memcpy(f, v, sizeof(v));
}

void codebook_release(struct codebook *cb)
{
	for (size_t i = 0; i < cb->n; i++)
		code_free(&cb->codes[i]);
	free(cb->codes);
	free(cb->title);
	free(cb->language);
	codebook_init(cb);
}

static struct cb_code *new_code(struct codebook *cb, long parent)
{
	struct cb_code *c;

	if (cb->n == cb->alloc) {
		cb->alloc = cb->alloc ? 2 * cb->alloc : 32;
		cb->codes = xreallocarray(cb->codes, cb->alloc, sizeof(*c));
	}
	c = &cb->codes[cb->n++];
	memset(c, 0, sizeof(*c));
	c->parent = parent;
	return c;
}

char *codebook_slug(const char *name)
{
	struct qc_buf b = QC_BUF_INIT;
	int dash = 0;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		unsigned char ch = *p;
		/* common Latin letters with diacritics, in UTF-8 */
		if (ch == 0xC3 && p[1]) {
			static const char map[] = "aaaaaaaceeeeiiiidnooooo/ouuuuyby";
			unsigned char n = p[1];
			p++;
			if (n >= 0xA0 && n <= 0xBF)
				ch = (unsigned char)map[n - 0xA0];
			else if (n >= 0x80 && n <= 0x9F)
				ch = (unsigned char)map[n - 0x80];
			else
				continue;
		}
		if (isalnum(ch)) {
			if (dash && b.len)
				qc_buf_addch(&b, '-');
			qc_buf_addch(&b, tolower(ch));
			dash = 0;
		} else {
			dash = 1;
		}
	}
	if (!b.len)
		qc_buf_adds(&b, "code");
	return qc_buf_detach(&b, NULL);
}

/* ---- reading YAML ---- */

/* The first code of each id (or GUID) read so far: open addressing over
 * code indices plus one (0 is an empty slot), so that finding duplicates
 * stays linear in a codebook of tens of thousands of codes. */
struct first_seen {
	size_t *slot;
	size_t cap, n;
};

struct rd {
	const char *path;
	yaml_document_t *doc;
	struct codebook *cb;
	struct qc_buf *problems;
	int errors, warnings;
	struct first_seen ids, guids;
};

static const char *seen_key(const struct codebook *cb, size_t i, int guid)
{
	return guid ? cb->codes[i].guid : cb->codes[i].id;
}

static size_t seen_pos(const struct first_seen *t, const char *key)
{
	size_t h = 1469598103934665603u;

	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return h & (t->cap - 1);
}

/* The index of the first code whose id (guid) is code i's, or -1 when
 * there is none and code i is now the first. */
static long seen_first(struct first_seen *t, const struct codebook *cb,
		       size_t i, int guid)
{
	const char *key = seen_key(cb, i, guid);
	size_t h;

	if (2 * (t->n + 1) > t->cap) {
		struct first_seen g = { NULL, t->cap ? 2 * t->cap : 64, 0 };
		g.slot = xcalloc(g.cap, sizeof(*g.slot));
		for (size_t k = 0; k < t->cap; k++) {
			if (!t->slot[k])
				continue;
			h = seen_pos(&g, seen_key(cb, t->slot[k] - 1, guid));
			while (g.slot[h])
				h = (h + 1) & (g.cap - 1);
			g.slot[h] = t->slot[k];
			g.n++;
		}
		free(t->slot);
		*t = g;
	}
	for (h = seen_pos(t, key); t->slot[h]; h = (h + 1) & (t->cap - 1))
		if (!strcmp(seen_key(cb, t->slot[h] - 1, guid), key))
			return (long)t->slot[h] - 1;
	t->slot[h] = i + 1;
	t->n++;
	return -1;
}

static void problem(struct rd *r, const yaml_node_t *n, int warn,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void problem(struct rd *r, const yaml_node_t *n, int warn,
		    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	yamldoc_problem(r->problems, r->path, n, warn, fmt, ap);
	va_end(ap);
	if (warn)
		r->warnings++;
	else
		r->errors++;
}

/* A scalar's text, or NULL with an error when it is not one. Empty
 * strings count as absent. */
static char *text_of(struct rd *r, const yaml_node_t *v, const char *key)
{
	const char *s = yamldoc_scalar(v);

	if (!s) {
		problem(r, v, 0, "'%s' must be text", key);
		return NULL;
	}
	return *s ? xstrdup(s) : NULL;
}

/* A list of texts (or one text) joined by newlines. */
static char *lines_of(struct rd *r, const yaml_node_t *v, const char *key)
{
	struct qc_buf b = QC_BUF_INIT;

	if (v->type == YAML_SCALAR_NODE)
		return text_of(r, v, key);
	if (v->type != YAML_SEQUENCE_NODE) {
		problem(r, v, 0, "'%s' must be a list of texts", key);
		return NULL;
	}
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++) {
		const yaml_node_t *x = yaml_document_get_node(r->doc, *it);
		const char *s = yamldoc_scalar(x);
		if (!s || strchr(s, '\n')) {
			problem(r, x, 0, "each item of '%s' must be one line of"
				" text", key);
			continue;
		}
		if (b.len)
			qc_buf_addch(&b, '\n');
		qc_buf_adds(&b, s);
	}
	return b.len ? qc_buf_detach(&b, NULL) : (qc_buf_release(&b), NULL);
}

static int guid_ok(const char *g)
{
	static const int dash[] = { 8, 13, 18, 23 };
	size_t n = strlen(g);

	if (n != 36)
		return 0;
	for (size_t i = 0, d = 0; i < n; i++) {
		if (d < 4 && (int)i == dash[d]) {
			if (g[i] != '-')
				return 0;
			d++;
		} else if (!isxdigit((unsigned char)g[i])) {
			return 0;
		}
	}
	return 1;
}

static void check_pattern(struct rd *r, const yaml_node_t *n, const char *p)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)p, PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof(msg));
		problem(r, n, 0, "pattern '%s': %s at offset %zu", p,
			(const char *)msg, (size_t)off);
	}
	pcre2_code_free(re);
}

static void read_codes(struct rd *r, const yaml_node_t *seq, long parent);

static void read_code(struct rd *r, const yaml_node_t *m, long parent)
{
	struct cb_code *c;
	size_t idx;
	const yaml_node_t *children = NULL;

	if (m->type != YAML_MAPPING_NODE) {
		problem(r, m, 0, "a code must be a mapping (id:, name:, ...)");
		return;
	}
	c = new_code(r->cb, parent);
	idx = r->cb->n - 1;
	c->line = m->start_mark.line + 1;
	c->col = m->start_mark.column + 1;
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
	     p < m->data.mapping.pairs.top; p++) {
		const yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
		const yaml_node_t *v = yaml_document_get_node(r->doc, p->value);
		const char *key = yamldoc_scalar(k);
		char **slot = NULL;

		c = &r->cb->codes[idx];	/* children may move the array */
		if (!key) {
			problem(r, k, 0, "keys must be plain words");
			continue;
		}
		if (!strcmp(key, "id")) {
			slot = &c->id;
			c->id_line = k->start_mark.line + 1;
			c->id_col = k->start_mark.column + 1;
		} else if (!strcmp(key, "guid")) {
			slot = &c->guid;
		} else if (!strcmp(key, "name")) {
			slot = &c->name;
		} else if (!strcmp(key, "definition")) {
			slot = &c->definition;
		} else if (!strcmp(key, "inclusion")) {
			slot = &c->inclusion;
		} else if (!strcmp(key, "exclusion")) {
			slot = &c->exclusion;
		} else if (!strcmp(key, "example")) {
			slot = &c->example;
		} else if (!strcmp(key, "valence")) {
			slot = &c->valence;
		} else if (!strcmp(key, "colour") || !strcmp(key, "color")) {
			slot = &c->colour;
		} else if (!strcmp(key, "lesson")) {
			slot = &c->lesson;
		} else if (!strcmp(key, "recommendation")) {
			slot = &c->recommendation;
		} else if (!strcmp(key, "finding")) {
			slot = &c->finding;
		} else if (!strcmp(key, "skills")) {
			free(c->skills);
			c->skills = lines_of(r, v, key);
			continue;
		} else if (!strcmp(key, "patterns")) {
			free(c->patterns);
			c->patterns = lines_of(r, v, key);
			if (v->type == YAML_SEQUENCE_NODE) {
				for (yaml_node_item_t *it = v->data.sequence.items.start;
				     it < v->data.sequence.items.top; it++) {
					const yaml_node_t *x =
						yaml_document_get_node(r->doc, *it);
					if (yamldoc_scalar(x))
						check_pattern(r, x, yamldoc_scalar(x));
				}
			} else if (yamldoc_scalar(v)) {
				check_pattern(r, v, yamldoc_scalar(v));
			}
			continue;
		} else if (!strcmp(key, "codes")) {
			children = v;
			continue;
		} else {
			problem(r, k, 1, "unknown key '%s' is ignored", key);
			continue;
		}
		free(*slot);
		*slot = text_of(r, v, key);
	}
	c = &r->cb->codes[idx];
	if (!c->name) {
		problem(r, m, 0, "a code needs a name");
		c->name = xstrdup(c->id ? c->id : "?");
	}
	if (!c->id)
		c->id = codebook_slug(c->name);
	for (const char *p = c->id; *p; p++)
		if (isspace((unsigned char)*p) || *p == ',' || *p == ':') {
			problem(r, m, 0, "id '%s': no spaces, commas or colons",
				c->id);
			break;
		}
	if (c->guid) {
		if (!guid_ok(c->guid))
			problem(r, m, 0, "code '%s': guid '%s' is not a GUID"
				" (8-4-4-4-12 hexadecimal digits)", c->id, c->guid);
		else
			for (char *p = c->guid; *p; p++)
				*p = (char)toupper((unsigned char)*p);
	}
	if (c->valence && strcmp(c->valence, "facilitating") &&
	    strcmp(c->valence, "hindering") && strcmp(c->valence, "neutral"))
		problem(r, m, 0, "code '%s': valence '%s' is not facilitating,"
			" hindering or neutral", c->id, c->valence);
	if (c->colour) {
		char k[8];
		if (qc_colour_parse(c->colour, k) < 0)
			problem(r, m, 0, "code '%s': colour '%s' is not #rgb or"
				" #rrggbb", c->id, c->colour);
		else if (strcmp(k, c->colour)) {
			free(c->colour);	/* #rgb: stored as #rrggbb */
			c->colour = xstrdup(k);
		}
	}
	{
		long di = seen_first(&r->ids, r->cb, idx, 0);
		long dg = c->guid ? seen_first(&r->guids, r->cb, idx, 1) : -1;
		if (di >= 0)
			problem(r, m, 0, "id '%s' is used twice (first at line"
				" %zu)", c->id, r->cb->codes[di].line);
		/* the same code twice is said once, by its id */
		if (dg >= 0 && strcmp(r->cb->codes[dg].id, c->id))
			problem(r, m, 0, "guid %s is used twice (first at line"
				" %zu)", c->guid, r->cb->codes[dg].line);
	}
	if (children)
		read_codes(r, children, (long)idx);
}

static void read_codes(struct rd *r, const yaml_node_t *seq, long parent)
{
	if (seq->type != YAML_SEQUENCE_NODE) {
		problem(r, seq, 0, "'codes' must be a list of codes");
		return;
	}
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
	     it < seq->data.sequence.items.top; it++)
		read_code(r, yaml_document_get_node(r->doc, *it), parent);
}

int codebook_parse(const char *path, struct codebook *cb,
		   struct qc_buf *problems, int *warnings, struct qc_err *e)
{
	yaml_document_t doc;
	yaml_node_t *root;
	struct rd r = { .path = path, .doc = &doc, .cb = cb,
			.problems = problems };
	const yaml_node_t *codes = NULL;
	int rc;

	codebook_init(cb);
	if (warnings)
		*warnings = 0;
	if ((rc = yamldoc_load_file(path, NULL, problems, &doc, e)) != 0)
		return rc;
	root = yaml_document_get_root_node(&doc);
	if (!root || root->type != YAML_MAPPING_NODE) {
		problem(&r, root, 0, "a codebook is a mapping with title,"
			" language and codes");
		yaml_document_delete(&doc);
		return r.errors;
	}
	for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
	     pr < root->data.mapping.pairs.top; pr++) {
		const yaml_node_t *k = yaml_document_get_node(&doc, pr->key);
		const yaml_node_t *v = yaml_document_get_node(&doc, pr->value);
		const char *key = yamldoc_scalar(k);

		if (!key)
			problem(&r, k, 0, "keys must be plain words");
		else if (!strcmp(key, "title")) {
			free(cb->title);	/* a key given twice: the last wins */
			cb->title = text_of(&r, v, key);
		} else if (!strcmp(key, "language") || !strcmp(key, "lang")) {
			free(cb->language);
			cb->language = text_of(&r, v, key);
		}
		else if (!strcmp(key, "codes"))
			codes = v;
		else
			problem(&r, k, 1, "unknown key '%s' is ignored", key);
	}
	if (cb->language && strcmp(cb->language, "nl") &&
	    strcmp(cb->language, "en"))
		problem(&r, root, 1, "language '%s': qcode knows nl and en",
			cb->language);
	if (!codes)
		problem(&r, root, 0, "no 'codes' list");
	else
		read_codes(&r, codes, -1);
	free(r.ids.slot);
	free(r.guids.slot);
	yaml_document_delete(&doc);
	if (warnings)
		*warnings = r.warnings;
	return r.errors;
}

/* ---- write-back ---- */

int codebook_write_back(const char *path, struct codebook *cb,
			struct qc_err *e)
{
	char *data = NULL;
	size_t len = 0, line = 1, added = 0, pos = 0;
	struct qc_buf out = QC_BUF_INIT;
	struct outfile of;
	int rc;

	for (size_t i = 0; i < cb->n; i++)
		if (!cb->codes[i].guid && cb->codes[i].id_line == 0)
			return qc_err_set(e, QC_EDATA, "code '%s' has no id: line"
					  " to put its guid after; add an id first",
					  cb->codes[i].name);
	if ((rc = qc_read_file(path, 64u << 20, &data, &len, e)) < 0)
		return rc;
	/* codes are in file order, so their id lines only grow */
	for (size_t i = 0; i <= cb->n; i++) {
		struct cb_code *c = i < cb->n ? &cb->codes[i] : NULL;
		char g[37];

		if (c && c->guid)
			continue;
		while (pos < len && (!c || line <= c->id_line)) {
			const char *nl = memchr(data + pos, '\n', len - pos);
			size_t n = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
			qc_buf_add(&out, data + pos, n);
			if (!nl)
				qc_buf_addch(&out, '\n');
			pos += n;
			line++;
		}
		if (!c)
			break;
		store_new_guid(g);
		c->guid = xstrdup(g);
		/* quoted as export quotes it, so the file stays round-trip clean */
		qc_buf_addf(&out, isalpha((unsigned char)g[0]) ?
			    "%*sguid: %s\n" : "%*sguid: '%s'\n",
			    (int)c->id_col - 1, "", g);
		added++;
	}
	free(data);
	if (!added) {
		qc_buf_release(&out);
		return 0;
	}
	/* the user's own file: it keeps its mode */
	if ((rc = outfile_open(&of, path, OUTFILE_KEEP_MODE, e)) < 0 ||
	    (rc = outfile_write(&of, out.buf, out.len, e)) < 0 ||
	    (rc = outfile_commit(&of, e)) < 0) {
		if (of.path)
			outfile_abort(&of);
		qc_buf_release(&out);
		return rc;
	}
	qc_buf_release(&out);
	return (int)added;
}

/* ---- the project's codes ---- */

static const char code_cols[] =
	"id, guid, parent_id, short_id, name, definition, inclusion, exclusion,"
	" example, valence, colour, lesson, recommendation, skills, patterns,"
	" finding";

static char *dup_col(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t && *t ? xstrdup(t) : NULL;
}

int codebook_read(struct store *s, struct codebook *cb, struct qc_err *e)
{
	char *sql = xasprintf("SELECT %s FROM codes ORDER BY ordinal, id",
			      code_cols);
	sqlite3_stmt *st = store_prepare(s, sql, e);
	struct codebook all;
	long long *parent_db;
	size_t *stack, sp = 0;
	char *done;

	free(sql);
	codebook_init(cb);
	codebook_init(&all);
	if (!st)
		return -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct cb_code *c = new_code(&all, -1);
		c->db_id = sqlite3_column_int64(st, 0);
		c->guid = dup_col(st, 1);
		/* parent row id, resolved below */
		c->line = (size_t)sqlite3_column_int64(st, 2);
		c->id = dup_col(st, 3);
		c->name = dup_col(st, 4);
		c->definition = dup_col(st, 5);
		c->inclusion = dup_col(st, 6);
		c->exclusion = dup_col(st, 7);
		c->example = dup_col(st, 8);
		c->valence = dup_col(st, 9);
		c->colour = dup_col(st, 10);
		c->lesson = dup_col(st, 11);
		c->recommendation = dup_col(st, 12);
		c->skills = dup_col(st, 13);
		c->patterns = dup_col(st, 14);
		c->finding = dup_col(st, 15);
	}
	sqlite3_finalize(st);
	cb->title = store_get_setting(s, "codebook.title");
	cb->language = store_get_setting(s, "codebook.language");
	/* depth first from the roots, siblings in order */
	parent_db = xcalloc(all.n + 1, sizeof(*parent_db));
	stack = xcalloc(all.n + 1, sizeof(*stack));
	done = xcalloc(all.n + 1, 1);
	for (size_t i = 0; i < all.n; i++)
		parent_db[i] = (long long)all.codes[i].line;
	for (size_t root = 0; root < all.n; root++) {
		if (parent_db[root] || done[root])
			continue;
		/* push in reverse so the first sibling comes out first */
		stack[sp++] = root;
		while (sp) {
			size_t i = stack[--sp];
			struct cb_code *c;
			long pidx = -1;

			if (done[i])
				continue;
			done[i] = 1;
			for (size_t k = 0; k < cb->n; k++)
				if (parent_db[i] && cb->codes[k].db_id == parent_db[i])
					pidx = (long)k;
			c = new_code(cb, pidx);
			*c = all.codes[i];
			c->parent = pidx;
			c->line = 0;
			memset(&all.codes[i], 0, sizeof(all.codes[i]));
			for (size_t k = all.n; k-- > 0;)
				if (parent_db[k] == c->db_id && !done[k])
					stack[sp++] = k;
		}
	}
	free(parent_db);
	free(stack);
	free(done);
	codebook_release(&all);
	return 0;
}

static int same(const char *a, const char *b)
{
	return (!a || !*a) ? (!b || !*b) : (b && !strcmp(a, b));
}

/* The count of sql (a count(*) with one ? for the code's row id). */
static long long count_of(struct store *s, const char *sql, long long id)
{
	sqlite3_stmt *st = store_prepare(s, sql, NULL);
	long long n = 0;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static long long count_codings(struct store *s, long long id)
{
	return count_of(s, "SELECT count(*) FROM codings WHERE code_id = ?", id);
}

static int bind_code(sqlite3_stmt *st, const struct cb_code *c,
		     long long parent, long long ordinal)
{
	const char *v[] = { c->id, c->name, c->definition, c->inclusion,
		c->exclusion, c->example, c->valence ? c->valence : "neutral",
		c->colour, c->lesson, c->recommendation, c->skills, c->patterns,
		c->guid };
	for (int i = 0; i < 13; i++)
		sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
	if (parent)
		sqlite3_bind_int64(st, 14, parent);
	else
		sqlite3_bind_null(st, 14);
	sqlite3_bind_int64(st, 15, ordinal);
	sqlite3_bind_text(st, 17, c->finding, -1, SQLITE_STATIC);
	return 0;
}

int codebook_merge(struct store *s, struct codebook *cb, int prune,
		   struct codebook_merge *m, struct qc_err *e)
{
	struct codebook cur;
	sqlite3_stmt *ins = NULL, *upd = NULL, *del = NULL;
	char *matched = NULL;
	long long *ord = NULL;
	int rc = 0;

	memset(m, 0, sizeof(*m));
	qc_buf_init(&m->report);
	if ((rc = codebook_read(s, &cur, e)) < 0)
		return rc;
	matched = xcalloc(cur.n + 1, 1);
	ord = xcalloc(cb->n + 1, sizeof(*ord));
	ins = store_prepare(s, "INSERT INTO codes(short_id, name, definition,"
			    " inclusion, exclusion, example, valence, colour, lesson,"
			    " recommendation, skills, patterns, guid, parent_id,"
			    " ordinal, finding) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,"
			    "?10,?11,?12,?13,?14,?15,?17)", e);
	upd = store_prepare(s, "UPDATE codes SET short_id = ?1, name = ?2,"
			    " definition = ?3, inclusion = ?4, exclusion = ?5,"
			    " example = ?6, valence = ?7, colour = ?8, lesson = ?9,"
			    " recommendation = ?10, skills = ?11, patterns = ?12,"
			    " guid = ?13, parent_id = ?14, ordinal = ?15,"
			    " finding = ?17 WHERE id = ?16", e);
	del = store_prepare(s, "DELETE FROM codes WHERE id = ?", e);
	if (!ins || !upd || !del) {
		rc = -QC_EIO;
		goto out;
	}
	for (size_t i = 0; i < cb->n && rc == 0; i++) {
		struct cb_code *c = &cb->codes[i];
		long long parent = c->parent >= 0 ? cb->codes[c->parent].db_id : 0;
		long k = -1;
		long long ordinal = 0;

		for (size_t j = 0; j < i; j++)
			if (cb->codes[j].parent == c->parent)
				ordinal++;
		for (size_t j = 0; j < cur.n && k < 0; j++)
			if (c->guid && cur.codes[j].guid &&
			    !strcasecmp(c->guid, cur.codes[j].guid))
				k = (long)j;
		for (size_t j = 0; j < cur.n && k < 0; j++)
			if (!strcmp(c->id, cur.codes[j].id)) {
				if (c->guid && strcasecmp(c->guid, cur.codes[j].guid)) {
					rc = qc_err_set(e, QC_EDATA, "code '%s': the"
							" project has this id with"
							" another GUID (%s)", c->id,
							cur.codes[j].guid);
					goto out;
				}
				k = (long)j;
			}
		if (k >= 0) {
			struct cb_code *o = &cur.codes[k];
			long long oparent = o->parent >= 0 ?
					    cur.codes[o->parent].db_id : 0;
			matched[k] = 1;
			c->db_id = o->db_id;
			if (!c->guid)
				c->guid = xstrdup(o->guid);
			if (same(c->id, o->id) && same(c->name, o->name) &&
			    same(c->definition, o->definition) &&
			    same(c->inclusion, o->inclusion) &&
			    same(c->exclusion, o->exclusion) &&
			    same(c->example, o->example) &&
			    same(c->valence ? c->valence : "neutral", o->valence) &&
			    same(c->colour, o->colour) &&
			    same(c->lesson, o->lesson) &&
			    same(c->recommendation, o->recommendation) &&
			    same(c->finding, o->finding) &&
			    same(c->skills, o->skills) &&
			    same(c->patterns, o->patterns) && parent == oparent) {
				m->unchanged++;
				/* keep the file's order */
				sqlite3_reset(upd);
				bind_code(upd, c, parent, ordinal);
				sqlite3_bind_int64(upd, 16, c->db_id);
				if (sqlite3_step(upd) != SQLITE_DONE)
					rc = store_fail(s, e, "cannot store the codes");
				continue;
			}
			sqlite3_reset(upd);
			bind_code(upd, c, parent, ordinal);
			sqlite3_bind_int64(upd, 16, c->db_id);
			if (sqlite3_step(upd) != SQLITE_DONE) {
				rc = store_fail(s, e, "cannot store the codes");
				goto out;
			}
			m->changed++;
			qc_buf_addf(&m->report, "changed  %s\n", c->id);
			continue;
		}
		if (!c->guid) {
			char g[37];
			store_new_guid(g);
			c->guid = xstrdup(g);
		}
		sqlite3_reset(ins);
		bind_code(ins, c, parent, ordinal);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = store_fail(s, e, "cannot store the codes");
			goto out;
		}
		c->db_id = sqlite3_last_insert_rowid(s->db);
		m->added++;
		qc_buf_addf(&m->report, "added    %s\n", c->id);
	}
	if (rc < 0)
		goto out;
	/* codes the file does not have; children before parents */
	for (size_t j = cur.n; j-- > 0;) {
		long long n;
		if (matched[j])
			continue;
		n = count_codings(s, cur.codes[j].db_id);
		if (!prune) {
			if (n) {
				rc = qc_err_set(e, QC_EDATA, "code '%s' has %lld"
						" codings and is not in the file;"
						" nothing loaded (--prune removes it"
						" with its codings)",
						cur.codes[j].id, n);
				goto out;
			}
			qc_buf_addf(&m->report, "kept     %s (not in the file;"
				    " --prune removes it)\n", cur.codes[j].id);
			continue;
		}
		/* a kept child of a pruned parent would block the delete */
		sqlite3_reset(del);
		sqlite3_bind_int64(del, 1, cur.codes[j].db_id);
		if (sqlite3_step(del) != SQLITE_DONE) {
			rc = store_fail(s, e, "cannot store the codes");
			goto out;
		}
		m->removed++;
		qc_buf_addf(&m->report, "removed  %s with %lld codings\n",
			    cur.codes[j].id, n);
	}
	if (cb->title)
		rc = store_set_setting(s, "codebook.title", cb->title, e);
	if (rc == 0 && cb->language)
		rc = store_set_setting(s, "codebook.language", cb->language, e);
out:
	sqlite3_finalize(ins);
	sqlite3_finalize(upd);
	sqlite3_finalize(del);
	free(matched);
	free(ord);
	codebook_release(&cur);
	return rc;
}

/* ---- writing ---- */

/* A YAML scalar: plain for simple words, else single-quoted (double-
 * quoted with escapes when it holds a line break or control character). */
static void put_scalar(FILE *f, const char *s)
{
	int plain = *s && (isalpha((unsigned char)*s));
	int ctl = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (!(isalnum(*p) || *p == '-' || *p == '_' || *p == '.'))
			plain = 0;
		if (*p < 0x20)
			ctl = 1;
	}
	if (plain && (!strcmp(s, "true") || !strcmp(s, "false") ||
		      !strcmp(s, "yes") || !strcmp(s, "no") || !strcmp(s, "null") ||
		      !strcmp(s, "on") || !strcmp(s, "off")))
		plain = 0;
	if (plain) {
		fputs(s, f);
	} else if (ctl) {
		fputc('"', f);
		for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
			if (*p == '\n')
				fputs("\\n", f);
			else if (*p == '\t')
				fputs("\\t", f);
			else if (*p == '"' || *p == '\\')
				fprintf(f, "\\%c", *p);
			else if (*p < 0x20)
				fprintf(f, "\\x%02x", *p);
			else
				fputc(*p, f);
		}
		fputc('"', f);
	} else {
		fputc('\'', f);
		for (const char *p = s; *p; p++) {
			if (*p == '\'')
				fputc('\'', f);
			fputc(*p, f);
		}
		fputc('\'', f);
	}
}

static void put_field(FILE *f, int indent, const char *key, const char *v)
{
	if (!v || !*v)
		return;
	fprintf(f, "%*s%s: ", indent, "", key);
	put_scalar(f, v);
	fputc('\n', f);
}

static void put_list(FILE *f, int indent, const char *key, const char *v)
{
	if (!v || !*v)
		return;
	fprintf(f, "%*s%s:\n", indent, "", key);
	for (const char *p = v; *p;) {
		const char *nl = strchr(p, '\n');
		char *item = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
		fprintf(f, "%*s  - ", indent, "");
		put_scalar(f, item);
		fputc('\n', f);
		free(item);
		p = nl ? nl + 1 : p + strlen(p);
	}
}

static void put_code(FILE *f, const struct codebook *cb, size_t i, int indent)
{
	const struct cb_code *c = &cb->codes[i];
	int in = indent + 2, kids = 0;

	fprintf(f, "%*s- id: ", indent, "");
	put_scalar(f, c->id);
	fputc('\n', f);
	put_field(f, in, "guid", c->guid);
	put_field(f, in, "name", c->name);
	put_field(f, in, "valence", c->valence);
	put_field(f, in, "colour", c->colour);
	put_field(f, in, "definition", c->definition);
	put_field(f, in, "inclusion", c->inclusion);
	put_field(f, in, "exclusion", c->exclusion);
	put_field(f, in, "example", c->example);
	put_field(f, in, "lesson", c->lesson);
	put_field(f, in, "recommendation", c->recommendation);
	put_field(f, in, "finding", c->finding);
	put_list(f, in, "skills", c->skills);
	put_list(f, in, "patterns", c->patterns);
	for (size_t k = i + 1; k < cb->n; k++) {
		if (cb->codes[k].parent != (long)i)
			continue;
		if (!kids++)
			fprintf(f, "%*scodes:\n", in, "");
		put_code(f, cb, k, in);
	}
}

void codebook_write_yaml(const struct codebook *cb, FILE *f)
{
	put_field(f, 0, "title", cb->title);
	put_field(f, 0, "language", cb->language);
	fputs("codes:\n", f);
	for (size_t i = 0; i < cb->n; i++)
		if (cb->codes[i].parent < 0)
			put_code(f, cb, i, 0);
}

void codebook_write_csv(const struct codebook *cb, FILE *f)
{
	fputs("id,parent,guid,name,valence,colour,definition,inclusion,"
	      "exclusion,example,lesson,recommendation,skills,patterns\n", f);
	for (size_t i = 0; i < cb->n; i++) {
		const struct cb_code *c = &cb->codes[i];
		const char *v[] = { c->id, c->parent >= 0 ?
			cb->codes[c->parent].id : "", c->guid, c->name, c->valence,
			c->colour, c->definition, c->inclusion, c->exclusion,
			c->example, c->lesson, c->recommendation, c->skills,
			c->patterns };
		for (int k = 0; k < 14; k++) {
			out_csv_cell(f, v[k]);
			fputc(k == 13 ? '\n' : ',', f);
		}
	}
}

int codebook_find(struct store *s, const char *ref, long long *id,
		  struct qc_err *e)
{
	/* Exact short id or GUID first, then the name ignoring case. */
	static const char *const sql[] = {
		"SELECT id FROM codes WHERE short_id = ?1 OR lower(guid) = lower(?1)",
		"SELECT id FROM codes WHERE name = ?1 COLLATE NOCASE",
	};
	for (size_t q = 0; q < 2; q++) {
		sqlite3_stmt *st = store_prepare(s, sql[q], e);
		int n = 0;

		if (!st)
			return -QC_EIO;
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			*id = sqlite3_column_int64(st, 0);
			n++;
		}
		sqlite3_finalize(st);
		if (n == 1)
			return 0;
		if (n > 1)
			return qc_err_set(e, QC_EDATA,
					  "code '%s' is ambiguous: several codes"
					  " have that name; use its short id", ref);
	}
	return qc_err_set(e, QC_EDATA, "unknown code '%s' (see 'qcode codes')",
			  ref);
}

/* ---- the `codes` and `code` commands' reads and edits ---- */

int codebook_usage(struct store *s, const struct codebook *cb,
		   struct codebook_use *use, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT k.id, count(c.id), count(DISTINCT c.source_id),"
		" count(DISTINCT g.participant_id) FROM codes k"
		" LEFT JOIN codings c ON c.code_id = k.id"
		" LEFT JOIN segments g ON g.id = c.segment_id GROUP BY k.id", e);

	if (!st)
		return -QC_EIO;
	while (sqlite3_step(st) == SQLITE_ROW)
		for (size_t i = 0; i < cb->n; i++)
			if (cb->codes[i].db_id == sqlite3_column_int64(st, 0)) {
				use[i].codings = sqlite3_column_int64(st, 1);
				use[i].sources = sqlite3_column_int64(st, 2);
				use[i].participants = sqlite3_column_int64(st, 3);
			}
	sqlite3_finalize(st);
	return 0;
}

/* Run one edit with ?1 = a, ?2 = b, ?3 = t. */
static int edit(struct store *s, const char *sql, long long a, long long b,
		const char *t, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(s, sql, e);
	int rc;

	if (!st)
		return -QC_EIO;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	sqlite3_bind_text(st, 3, t, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 :
	       store_fail(s, e, "cannot change the codebook");
}

/* A text column of code id: "" when NULL, "?" when it cannot be read. */
static char *code_text(struct store *s, long long id, int name)
{
	sqlite3_stmt *st = store_prepare(s, name ?
		"SELECT name FROM codes WHERE id = ?" :
		"SELECT short_id FROM codes WHERE id = ?", NULL);
	char *v = NULL;

	if (!st)
		return xstrdup("?");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v ? v : xstrdup("");
}

/* Is code id the code below, or one of its ancestors? */
static int is_at_or_above(struct store *s, long long id, long long below)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT coalesce(parent_id, 0) FROM"
					 " codes WHERE id = ?", NULL);
	int found = 0;

	if (!st)
		return 0;
	for (long long p = below; p && !found;) {
		found = p == id;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, p);
		p = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	}
	sqlite3_finalize(st);
	return found;
}

static long long count_children(struct store *s, long long id)
{
	return count_of(s, "SELECT count(*) FROM codes WHERE parent_id = ?", id);
}

int codebook_add(struct store *s, const struct codebook_new *c, char **id,
		 struct qc_err *e)
{
	sqlite3_stmt *st;
	char guid[37];
	int rc;

	*id = c->id ? xstrdup(c->id) : codebook_slug(c->name);
	if ((st = store_prepare(s, "SELECT 1 FROM codes WHERE short_id = ?",
				NULL))) {
		sqlite3_bind_text(st, 1, *id, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (rc)
			return qc_err_set(e, QC_EDATA, "a code with id '%s' exists"
					  " already (use --id)", *id);
	}
	store_new_guid(guid);
	st = store_prepare(s, "INSERT INTO codes(guid, parent_id, short_id, name,"
			   " ordinal, definition, valence, colour) VALUES (?1, ?2,"
			   " ?3, ?4, (SELECT coalesce(max(ordinal), -1) + 1 FROM"
			   " codes WHERE parent_id IS ?2), ?5, coalesce(?6,"
			   " 'neutral'), ?7)", e);
	if (!st)
		return -QC_EIO;
	sqlite3_bind_text(st, 1, guid, -1, SQLITE_STATIC);
	if (c->parent)
		sqlite3_bind_int64(st, 2, c->parent);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_text(st, 3, *id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->definition, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, c->valence, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, c->colour, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
	     store_fail(s, e, "cannot add the code");
	sqlite3_finalize(st);
	return rc;
}

int codebook_rename(struct store *s, long long id, const char *name,
		    const char *new_id, char **old, struct qc_err *e)
{
	int rc;

	*old = code_text(s, id, 1);
	rc = edit(s, "UPDATE codes SET name = ?3 WHERE id = ?1", id, 0, name, e);
	if (rc == 0 && new_id &&
	    edit(s, "UPDATE codes SET short_id = ?3 WHERE id = ?1", id, 0,
		 new_id, e) < 0)
		rc = qc_err_set(e, QC_EDATA, "id '%s' is taken", new_id);
	return rc;
}

int codebook_move(struct store *s, long long id, long long parent,
		  char **name, char **parent_name, struct qc_err *e)
{
	int rc;

	*name = *parent_name = NULL;
	if (is_at_or_above(s, id, parent))
		return qc_err_set(e, QC_EDATA, "a code cannot move under itself");
	rc = edit(s, "UPDATE codes SET parent_id = nullif(?2, 0), ordinal ="
		  " (SELECT coalesce(max(ordinal), -1) + 1 FROM codes WHERE"
		  " parent_id IS nullif(?2, 0)) WHERE id = ?1", id, parent, NULL,
		  e);
	*name = code_text(s, id, 0);
	*parent_name = parent ? code_text(s, parent, 0) : xstrdup("(top)");
	return rc;
}

int codebook_merge_code(struct store *s, long long from, long long to,
			struct codebook_merged *r, struct qc_err *e)
{
	/* a coding the other code already has (same span and coder) is not
	 * doubled: it stays behind and goes with the code */
	static const char *const moves[] = {
		"UPDATE OR IGNORE codings SET code_id = ?2 WHERE code_id = ?1",
		"UPDATE OR IGNORE suggestions SET code_id = ?2 WHERE code_id = ?1",
		/* codings an edit detached (revise.c) go along too */
		"UPDATE detached_codings SET code_id = ?2 WHERE code_id = ?1",
		"UPDATE memos SET target_id = ?2 WHERE target = 'code' AND"
		" target_id = ?1",
		"UPDATE codes SET parent_id = ?2 WHERE parent_id = ?1",
		"DELETE FROM codes WHERE id = ?1",
	};
	long long before;
	int rc = 0;

	memset(r, 0, sizeof(*r));
	r->from = code_text(s, from, 0);
	r->to = code_text(s, to, 0);
	if (is_at_or_above(s, from, to))
		return qc_err_set(e, QC_EDATA, "'%s' is below '%s'; move it out"
				  " first", r->to, r->from);
	before = count_codings(s, from);
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]) && rc == 0; i++) {
		/* what stayed behind is counted before the code goes */
		if (i + 1 == sizeof(moves) / sizeof(moves[0]))
			r->dropped = count_codings(s, from);
		rc = edit(s, moves[i], from, to, NULL, e);
	}
	r->moved = before - r->dropped;
	return rc;
}

void codebook_merged_release(struct codebook_merged *r)
{
	free(r->from);
	free(r->to);
	memset(r, 0, sizeof(*r));
}

int codebook_remove(struct store *s, long long id, int force, char **name,
		    long long *codings, struct qc_err *e)
{
	long long kids;

	*name = code_text(s, id, 0);
	/* detached codings (revise.c) are codings too: not removed unasked */
	*codings = count_codings(s, id) + count_of(s, "SELECT count(*) FROM"
			" detached_codings WHERE code_id = ?", id);
	kids = count_children(s, id);
	if (kids)
		return qc_err_set(e, QC_EDATA, "'%s' has %lld child code%s; move"
				  " or remove them first", *name, kids,
				  kids == 1 ? "" : "s");
	if (*codings && !force)
		return qc_err_set(e, QC_EDATA, "'%s' has %lld coding%s; --force"
				  " removes them too", *name, *codings,
				  *codings == 1 ? "" : "s");
	return edit(s, "DELETE FROM codes WHERE id = ?1", id, 0, NULL, e);
}
