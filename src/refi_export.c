/*
 * refi_export: write a project as a REFI-QDA .qdpx archive, or its codebook
 * as a .qdc file. The XML is streamed with libxml2's writer to a temporary
 * file beside the output; the texts go to a second temporary file and
 * libzip takes each text as a range of it, so memory stays flat however
 * large the project.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>
#include <zip.h>

#include "qcode/outfile.h"
#include "qcode/progress.h"
#include "qcode/refi.h"
#include "qcode/text.h"

#define NS_PROJECT "urn:QDA-XML:project:1.0"
#define NS_CODEBOOK "urn:QDA-XML:codebook:1.0"

struct xcode {
	long long id, parent;	/* parent 0: top level */
	int ordinal, codable;
	char guid[37];
	char *name, *colour, *valence;
	struct refi_code_text t;
};

struct xmemo {
	int target;		/* enum memo_target */
	long long target_id;
	char guid[37];
	char *author;		/* coder GUID or NULL */
	char *created, *updated, *text;
	char *what;		/* the name of what it is on, or NULL */
	char *name;		/* the note's own name (the learning cycle's
				   entries), or NULL: from target and what */
};

enum memo_target { MT_PROJECT, MT_SOURCE, MT_SEGMENT, MT_CODE, MT_CODING };

/* A Link from a note to the selection it is about: NVivo's form of an
 * annotation, the only one QualCoder reads a selection's note from. */
struct xlink {
	char note[37], sel[37];
};

struct xcase;
struct xsrcidx;

struct xsrc_text {
	char guid[37];
	long long off, len;	/* bytes in the texts file */
};

struct exp {
	struct store *s;
	const struct refi_export_opts *o;
	struct refi_loss *loss;
	struct refi_counts *c;
	struct qc_err *e;
	xmlTextWriterPtr w;
	int bad;		/* a writer call failed */
	struct xcode *codes;
	size_t ncodes;
	struct xmemo *memos;	/* sorted by target, target_id */
	size_t nmemos;
	size_t cycle_notes;	/* of them, entries of the learning cycle */
	FILE *texts;
	long long texts_len;
	struct xsrc_text *srcs;
	size_t nsrcs, asrcs;
	char *lang;
	struct xlink *links;	/* a turn's notes, linked to its selection */
	size_t nlinks, alinks;
	struct qc_buf rb[4];	/* rtext's last results */
	unsigned rnext;
	struct xcase *cases;	/* one per participant, by its id */
	size_t ncases;
	struct xsrcidx *by_src;	/* the cases by source (--case-codes) */
};

/* ---- small writer helpers: they record failure instead of returning ---- */

static void el(struct exp *x, const char *name)
{
	if (xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
		x->bad = 1;
}

static void attr(struct exp *x, const char *name, const char *value)
{
	if (value && xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
						 BAD_CAST value) < 0)
		x->bad = 1;
}

static void attr_ll(struct exp *x, const char *name, long long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", v);
	attr(x, name, num);
}

static void end(struct exp *x)
{
	if (xmlTextWriterEndElement(x->w) < 0)
		x->bad = 1;
}

static void text_el(struct exp *x, const char *name, const char *text)
{
	if (xmlTextWriterWriteElement(x->w, BAD_CAST name, BAD_CAST text) < 0)
		x->bad = 1;
}

/*
 * Text the researcher wrote (a title, a code's description, an attribute,
 * a memo's name) as it may leave the machine: through the same redaction
 * as the transcripts when the export redacts. The result stays valid for
 * three more calls. A redaction that fails fails the export.
 */
static const char *rtext(struct exp *x, const char *s)
{
	struct qc_buf *b;
	struct refi_edit *ed = NULL;
	size_t ned = 0;

	if (!s || !x->o || !x->o->redact || x->bad)
		return s;
	b = &x->rb[x->rnext++ % 4];
	qc_buf_reset(b);
	if (x->o->redact(x->o->redact_arg, x->s, 0, s, strlen(s), b, &ed, &ned,
			 x->e) < 0) {
		x->bad = 1;
		qc_buf_reset(b);
	}
	free(ed);
	return b->buf;
}

static void ref_el(struct exp *x, const char *name, const char *guid)
{
	el(x, name);
	attr(x, "targetGUID", guid);
	end(x);
}

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* xsd:dateTime as qcode writes it: YYYY-MM-DDTHH:MM:SS, then anything
 * libxml2 accepts as a fraction or zone; a value in another form is left
 * out rather than making the file invalid. */
static const char *iso_or_null(const char *v)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:dd";

	if (!v || strlen(v) < sizeof(pat) - 1)
		return NULL;
	for (size_t i = 0; i < sizeof(pat) - 1; i++)
		if (pat[i] == 'd' ? !isdigit((unsigned char)v[i]) : v[i] != pat[i])
			return NULL;
	const char *r = v + sizeof(pat) - 1;
	if (*r == '.')
		for (r++; isdigit((unsigned char)*r); r++)
			;
	if (*r == 'Z')
		r++;
	else if ((*r == '+' || *r == '-') && isdigit((unsigned char)r[1]))
		r += 6;
	return *r ? NULL : v;
}

static const char *colour_or_null(const char *v)
{
	size_t n;

	if (!v || v[0] != '#')
		return NULL;
	n = strlen(v + 1);
	if (n != 6 && n != 3)
		return NULL;
	for (size_t i = 1; i <= n; i++)
		if (!isxdigit((unsigned char)v[i]))
			return NULL;
	return v;
}

/* ---- loading what is small: codes and memos ---- */

static int load_codes(struct exp *x)
{
	sqlite3_stmt *st = store_prepare(x->s,
		"SELECT id, coalesce(parent_id, 0), ordinal, codable, guid, name,"
		" colour, valence, definition, inclusion, exclusion, example,"
		" lesson, recommendation, skills, patterns, short_id"
		" FROM codes ORDER BY coalesce(parent_id, 0), ordinal, id", x->e);
	size_t alloc = 0;
	int rc;

	if (!st)
		return -QC_EIO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct xcode *k;
		QC_GROW(x->codes, x->ncodes, alloc);
		k = &x->codes[x->ncodes++];
		memset(k, 0, sizeof(*k));
		k->id = sqlite3_column_int64(st, 0);
		k->parent = sqlite3_column_int64(st, 1);
		k->ordinal = sqlite3_column_int(st, 2);
		k->codable = sqlite3_column_int(st, 3);
		if (refi_guid_norm(col(st, 4), k->guid) < 0)
			refi_guid_derive(col(st, 4), k->guid);
		k->name = store_col_dup(st, 5);
		k->colour = store_col_dup(st, 6);
		k->valence = store_col_dup(st, 7);
		k->t.definition = store_col_dup(st, 8);
		k->t.inclusion = store_col_dup(st, 9);
		k->t.exclusion = store_col_dup(st, 10);
		k->t.example = store_col_dup(st, 11);
		k->t.lesson = store_col_dup(st, 12);
		k->t.recommendation = store_col_dup(st, 13);
		k->t.skills = store_col_dup(st, 14);
		k->t.patterns = store_col_dup(st, 15);
		k->t.short_id = store_col_dup(st, 16);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(x->s, x->e, "codes");
}

static int memo_target_of(const char *t)
{
	if (!strcmp(t, "source"))
		return MT_SOURCE;
	if (!strcmp(t, "segment"))
		return MT_SEGMENT;
	if (!strcmp(t, "code"))
		return MT_CODE;
	if (!strcmp(t, "coding"))
		return MT_CODING;
	return MT_PROJECT;
}

static int memo_cmp(const void *a, const void *b)
{
	const struct xmemo *m = a, *n = b;

	if (m->target != n->target)
		return m->target < n->target ? -1 : 1;
	if (m->target_id != n->target_id)
		return m->target_id < n->target_id ? -1 : 1;
	return strcmp(m->guid, n->guid);
}

/*
 * The learning cycle as notes (REFI-QDA has no meetings or actions):
 * meetings on the project; the team's notes and priorities, actions with
 * their steps and evaluations, decisions and lessons on their code (else
 * the project); each evidence fragment as a note on its turn, so it gets
 * a selection. Columns as load_memos reads them, the ninth the name.
 */
#define CYCLE_TURN(ev) "(SELECT 'S' || g.source_id || ':' || g.ordinal FROM" \
	" segments g WHERE g.id = " ev ".segment_id)"
#define CYCLE_NOTES \
	" UNION ALL SELECT 'project', 0, m.guid, NULL, m.created_at," \
	" m.created_at, m.date || ': ' || m.title || coalesce(char(10) ||" \
	" 'Attendees: ' || (SELECT group_concat(role || ' ' || n, ', ') FROM" \
	" meeting_roles WHERE meeting_id = m.id), '') || coalesce(char(10) ||" \
	" 'Themes: ' || (SELECT group_concat(c.name, ', ') FROM meeting_themes t" \
	" JOIN codes c ON c.id = t.code_id WHERE t.meeting_id = m.id), ''), NULL," \
	" 'LOT meeting M' || m.id || ' (' || m.date || ')' FROM meetings m" \
	" UNION ALL SELECT 'code', v.code_id, v.guid, NULL, v.created_at," \
	" v.created_at, coalesce(v.text, 'Priority ' || v.priority || ' of 5' ||" \
	" coalesce(' by ' || v.by_role, '')), c.name, 'LOT ' || CASE WHEN" \
	" v.text IS NULL THEN 'priority' ELSE 'note' END || ' at M' ||" \
	" v.meeting_id || ' on ' || c.name FROM reviews v JOIN codes c ON" \
	" c.id = v.code_id" \
	" UNION ALL SELECT 'code', a.code_id, a.guid, NULL, a.created_at," \
	" (SELECT max(created_at) FROM action_status WHERE action_id = a.id)," \
	" a.text || coalesce(char(10) || 'Owner: ' || a.owner, '') || char(10)" \
	" || (SELECT group_concat(line, char(10)) FROM (SELECT x.date || ' ' ||" \
	" x.status || coalesce(' at M' || x.meeting_id, '') || CASE WHEN" \
	" x.forced THEN ' (forced)' ELSE '' END AS line FROM action_status x" \
	" WHERE x.action_id = a.id UNION ALL SELECT 'evaluation at M' ||" \
	" e.meeting_id || ': ' || e.text FROM evaluations e WHERE e.action_id =" \
	" a.id)), c.name, 'LOT action A' || a.id || ' (' || a.status || ')'" \
	" FROM actions a JOIN codes c ON c.id = a.code_id" \
	" UNION ALL SELECT CASE WHEN d.code_id IS NULL THEN 'project' ELSE" \
	" 'code' END, coalesce(d.code_id, 0), d.guid, NULL, d.created_at," \
	" d.created_at, d.text, c.name, 'LOT decision D' || d.id || ' at M' ||" \
	" d.meeting_id FROM decisions d LEFT JOIN codes c ON c.id = d.code_id" \
	" UNION ALL SELECT CASE WHEN l.code_id IS NULL THEN 'project' ELSE" \
	" 'code' END, coalesce(l.code_id, 0), l.guid, NULL, l.created_at," \
	" l.created_at, l.text, c.name, CASE WHEN l.process THEN" \
	" 'lesson about the process L' ELSE 'lesson L' END || l.id FROM lessons" \
	" l LEFT JOIN codes c ON c.id = l.code_id" \
	" UNION ALL SELECT 'segment', ev.segment_id, 'evidence:' || coalesce(" \
	" e.guid, d.guid, l.guid) || ':' || ev.id, NULL, coalesce(e.created_at," \
	" d.created_at, l.created_at), coalesce(e.created_at, d.created_at," \
	" l.created_at), coalesce('Evaluation of A' || e.action_id || ' at M' ||" \
	" e.meeting_id || ': ' || e.text, 'Decision D' || d.id || ': ' ||" \
	" d.text, 'Lesson L' || l.id || ': ' || l.text), " CYCLE_TURN("ev") "," \
	" 'evidence for ' || coalesce('the evaluation of A' || e.action_id," \
	" 'decision D' || d.id, 'lesson L' || l.id) FROM evidence ev" \
	" LEFT JOIN evaluations e ON e.id = ev.evaluation_id LEFT JOIN decisions" \
	" d ON d.id = ev.decision_id LEFT JOIN lessons l ON l.id = ev.lesson_id" \
	" WHERE ev.segment_id IS NOT NULL"

static int load_memos(struct exp *x)
{
	/* memos, then each coding's own memo column and its quote flag as
	 * notes of their own */
	sqlite3_stmt *st = store_prepare(x->s,
		"SELECT m.target, coalesce(m.target_id, 0), m.guid, u.guid,"
		" m.created_at, m.updated_at, m.text, CASE m.target"
		"  WHEN 'source' THEN (SELECT title FROM sources"
		"   WHERE id = m.target_id)"
		"  WHEN 'segment' THEN (SELECT s.title FROM segments g"
		"   JOIN sources s ON s.id = g.source_id WHERE g.id = m.target_id)"
		"  WHEN 'code' THEN (SELECT name FROM codes WHERE id = m.target_id)"
		"  WHEN 'coding' THEN (SELECT k.name FROM codings c"
		"   JOIN codes k ON k.id = c.code_id WHERE c.id = m.target_id)"
		"  END, NULL FROM memos m"
		" LEFT JOIN coders u ON u.id = m.author_id"
		" UNION ALL"
		" SELECT 'coding', c.id, 'coding-memo:' || c.guid, u.guid,"
		" c.created_at, c.created_at, c.memo, k.name, NULL FROM codings c"
		" JOIN codes k ON k.id = c.code_id"
		" LEFT JOIN coders u ON u.id = c.coder_id"
		" WHERE c.memo IS NOT NULL AND c.memo <> ''"
		/* a quote flag (quote pin, quote exclude) as a note on the
		 * coding that qcode's import reads back */
		" UNION ALL"
		" SELECT 'coding', c.id, 'coding-quote:' || c.guid, u.guid,"
		" c.created_at, c.created_at, 'qcode quote: ' || c.quote, k.name,"
		" NULL FROM codings c JOIN codes k ON k.id = c.code_id"
		" LEFT JOIN coders u ON u.id = c.coder_id"
		" WHERE c.quote IS NOT NULL" CYCLE_NOTES, x->e);
	size_t alloc = 0;
	int rc;

	if (!st)
		return -QC_EIO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct xmemo *m;
		QC_GROW(x->memos, x->nmemos, alloc);
		m = &x->memos[x->nmemos++];
		memset(m, 0, sizeof(*m));
		m->target = memo_target_of(col(st, 0));
		m->target_id = sqlite3_column_int64(st, 1);
		if (refi_guid_norm(col(st, 2), m->guid) < 0)
			refi_guid_derive(col(st, 2), m->guid);
		m->author = store_col_dup(st, 3);
		m->created = store_col_dup(st, 4);
		m->updated = store_col_dup(st, 5);
		m->text = store_col_dup(st, 6);
		m->what = store_col_dup(st, 7);
		m->name = store_col_dup(st, 8);
		x->cycle_notes += m->name != NULL;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(x->s, x->e, "memos");
	if (x->nmemos)
		qsort(x->memos, x->nmemos, sizeof(*x->memos), memo_cmp);
	return 0;
}

/* The first memo on (target, id), or nmemos: memos sort by target. */
static size_t memos_on(const struct exp *x, int target, long long id)
{
	size_t lo = 0, hi = x->nmemos;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct xmemo *m = &x->memos[mid];
		if (m->target < target || (m->target == target && m->target_id < id))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* NoteRef elements for every memo on (target, id); with a selection's
 * GUID, a Link from each of those notes to it as well. */
static void note_refs_sel(struct exp *x, int target, long long id,
			  const char *sel)
{
	for (size_t i = memos_on(x, target, id); i < x->nmemos &&
	     x->memos[i].target == target && x->memos[i].target_id == id; i++) {
		ref_el(x, "NoteRef", x->memos[i].guid);
		if (sel) {
			struct xlink *l;
			QC_GROW(x->links, x->nlinks, x->alinks);
			l = &x->links[x->nlinks++];
			memcpy(l->note, x->memos[i].guid, 37);
			memcpy(l->sel, sel, 37);
		}
	}
}

static void note_refs(struct exp *x, int target, long long id)
{
	note_refs_sel(x, target, id, NULL);
}

static void write_links(struct exp *x)
{
	if (!x->nlinks)
		return;
	el(x, "Links");
	for (size_t i = 0; i < x->nlinks; i++) {
		char g[37];
		char *key = xasprintf("qcode-link:%s:%s", x->links[i].note,
				      x->links[i].sel);
		refi_guid_derive(key, g);
		free(key);
		el(x, "Link");
		attr(x, "guid", g);
		attr(x, "direction", "OneWay");
		attr(x, "originGUID", x->links[i].note);
		attr(x, "targetGUID", x->links[i].sel);
		end(x);
	}
	end(x);
}

/* ---- the codebook ---- */

static void write_code(struct exp *x, size_t i, int with_notes)
{
	struct xcode *k = &x->codes[i];
	struct qc_buf d = QC_BUF_INIT;

	el(x, "Code");
	attr(x, "guid", k->guid);
	attr(x, "name", rtext(x, k->name));
	attr(x, "isCodable", k->codable ? "true" : "false");
	attr(x, "color", colour_or_null(k->colour));
	if (k->colour && !colour_or_null(k->colour))
		refi_loss_add(x->loss, "colour '%s' of code '%s': not of the "
			      "form #RRGGBB", k->colour, k->name);
	refi_description_format(&k->t, &d);
	if (d.len)
		text_el(x, "Description", rtext(x, d.buf));
	qc_buf_release(&d);
	if (with_notes)
		note_refs(x, MT_CODE, k->id);
	for (size_t j = 0; j < x->ncodes; j++)
		if (x->codes[j].parent == k->id)
			write_code(x, j, with_notes);
	end(x);
	if (x->c)
		x->c->codes++;
}

static size_t case_codes_n(const struct exp *x);
static void write_case_codes(struct exp *x);

static void write_codebook(struct exp *x, int with_notes)
{
	if (!x->ncodes && !case_codes_n(x))
		return;
	if (with_notes)
		el(x, "CodeBook");
	el(x, "Codes");
	for (size_t i = 0; i < x->ncodes; i++)
		if (x->codes[i].parent == 0)
			write_code(x, i, with_notes);
	write_case_codes(x);
	end(x);
	if (with_notes)
		end(x);
}

static int has_valence(struct exp *x, const char *v)
{
	for (size_t i = 0; i < x->ncodes; i++)
		if (x->codes[i].valence && !strcmp(x->codes[i].valence, v))
			return 1;
	return 0;
}

static int is_below(struct exp *x, size_t j, long long top)
{
	long long p = x->codes[j].parent;

	for (int depth = 0; p && depth < 1000; depth++) {
		if (p == top)
			return 1;
		size_t k;
		for (k = 0; k < x->ncodes && x->codes[k].id != p; k++)
			;
		if (k == x->ncodes)
			return 0;
		p = x->codes[k].parent;
	}
	return 0;
}

/* Sets: one per valence, and (in projects) one per theme. In a .qdc a
 * member is <MemberCode guid=...>, in a project <MemberCode targetGUID=...>. */
static void write_sets(struct exp *x, int project)
{
	static const char *const valences[] = { "facilitating", "hindering" };
	int any = 0;
	char guid[37];

	for (int v = 0; v < 2; v++)
		any |= has_valence(x, valences[v]);
	if (project)
		for (size_t i = 0; i < x->ncodes; i++)
			any |= x->codes[i].parent == 0;
	if (!any)
		return;
	el(x, "Sets");
	for (int v = 0; v < 2; v++) {
		char *key;
		if (!has_valence(x, valences[v]))
			continue;
		key = xasprintf("qcode-set:valence:%s", valences[v]);
		refi_guid_derive(key, guid);
		free(key);
		el(x, "Set");
		attr(x, "guid", guid);
		attr(x, "name", valences[v]);
		text_el(x, "Description", v == 0 ?
			"codes of facilitating factors" :
			"codes of hindering factors");
		for (size_t i = 0; i < x->ncodes; i++) {
			if (!x->codes[i].valence ||
			    strcmp(x->codes[i].valence, valences[v]))
				continue;
			el(x, "MemberCode");
			attr(x, project ? "targetGUID" : "guid", x->codes[i].guid);
			end(x);
		}
		end(x);
		if (x->c)
			x->c->sets++;
	}
	for (size_t i = 0; project && i < x->ncodes; i++) {
		char *key, *name;
		if (x->codes[i].parent != 0)
			continue;
		key = xasprintf("qcode-set:theme:%s", x->codes[i].guid);
		refi_guid_derive(key, guid);
		free(key);
		name = xasprintf("theme: %s", rtext(x, x->codes[i].name));
		el(x, "Set");
		attr(x, "guid", guid);
		attr(x, "name", name);
		free(name);
		text_el(x, "Description", "a theme and every code below it");
		el(x, "MemberCode");
		attr(x, "targetGUID", x->codes[i].guid);
		end(x);
		for (size_t j = 0; j < x->ncodes; j++) {
			if (!is_below(x, j, x->codes[i].id))
				continue;
			el(x, "MemberCode");
			attr(x, "targetGUID", x->codes[j].guid);
			end(x);
		}
		end(x);
		if (x->c)
			x->c->sets++;
	}
	end(x);
}

/* ---- users, variables, cases ---- */

static int same_user(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static int write_users(struct exp *x)
{
	sqlite3_stmt *st = store_prepare(x->s,
		"SELECT guid, name FROM coders ORDER BY id", x->e);
	int rc, any = 0;
	char g[37];

	if (!st)
		return -QC_EIO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!any++)
			el(x, "Users");
		el(x, "User");
		if (refi_guid_norm(col(st, 0), g) < 0)
			refi_guid_derive(col(st, 0), g);
		attr(x, "guid", g);
		attr(x, "name", col(st, 1));
		end(x);
		if (x->c)
			x->c->users++;
	}
	sqlite3_finalize(st);
	if (any)
		end(x);
	return rc == SQLITE_DONE ? 0 : store_fail(x->s, x->e, "coders");
}

static void variable_guid(const char *name, char out[37])
{
	char *key = xasprintf("qcode-variable:%s", name);

	refi_guid_derive(key, out);
	free(key);
}

/* The REFI type of a declared attribute (persons.h): its values are
 * written as that type's element; everything else is Text. */
static const char *variable_type(struct exp *x, const char *name,
				 const char **elem)
{
	static const struct { const char *qc, *refi, *elem; } map[] = {
		{ "number", "Float", "FloatValue" },
		{ "boolean", "Boolean", "BooleanValue" },
		{ "date", "Date", "DateValue" } };
	sqlite3_stmt *st = store_prepare(x->s, "SELECT type FROM attributes"
					 " WHERE name = ?", NULL);
	const char *t = "Text";

	*elem = "TextValue";
	if (!st)
		return t;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (!strcmp(col(st, 0), map[i].qc)) {
				t = map[i].refi;
				*elem = map[i].elem;
			}
	sqlite3_finalize(st);
	return t;
}

static void write_value(struct exp *x, const char *name, const char *value)
{
	const char *elem;
	char g[37];

	variable_type(x, name, &elem);
	variable_guid(name, g);
	el(x, "VariableValue");
	ref_el(x, "VariableRef", g);
	/* text is redacted as every text that leaves; numbers, dates and
	 * booleans are not text */
	text_el(x, elem, strcmp(elem, "TextValue") ? value : rtext(x, value));
	end(x);
}

static int write_variables(struct exp *x)
{
	sqlite3_stmt *st = store_prepare(x->s,
		"SELECT 'kind' WHERE EXISTS (SELECT 1 FROM sources)"
		" UNION SELECT 'date' WHERE EXISTS (SELECT 1 FROM sources"
		"  WHERE date IS NOT NULL)"
		" UNION SELECT 'role' WHERE EXISTS (SELECT 1 FROM participants"
		"  WHERE role IS NOT NULL)"
		" UNION SELECT key FROM source_attrs WHERE key <> 'description'"
		" UNION SELECT key FROM participant_attrs"
		"  WHERE key <> 'description'"
		" UNION SELECT key FROM person_attrs WHERE key <> 'description'"
		" ORDER BY 1", x->e);
	int rc, any = 0;
	char g[37];

	if (!st)
		return -QC_EIO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!any++)
			el(x, "Variables");
		variable_guid(col(st, 0), g);
		el(x, "Variable");
		attr(x, "guid", g);
		attr(x, "name", col(st, 0));
		{
			const char *elem;
			attr(x, "typeOfVariable",
			     variable_type(x, col(st, 0), &elem));
		}
		end(x);
		if (x->c)
			x->c->variables++;
	}
	sqlite3_finalize(st);
	if (any)
		end(x);
	return rc == SQLITE_DONE ? 0 : store_fail(x->s, x->e, "variables");
}

/* The selection of [start, end) in a source: the same span always has the
 * same GUID, whoever coded it and however often it is exported. */
static void selection_guid(const char *source_guid, long long start,
			   long long stop, char out[37])
{
	char *key = xasprintf("qcode-selection:%s:%lld-%lld", source_guid,
			      start, stop);

	refi_guid_derive(key, out);
	free(key);
}

/* An attribute 'description' is the element's Description, where
 * readers (QualCoder) take a source's or case's memo from. */
static void write_description(struct exp *x, sqlite3_stmt *at, long long id)
{
	sqlite3_bind_int64(at, 1, id);
	while (sqlite3_step(at) == SQLITE_ROW)
		if (!strcmp(col(at, 0), "description"))
			text_el(x, "Description", rtext(x, col(at, 1)));
	sqlite3_reset(at);
}

/* A source without a description of its own: its memos, one paragraph
 * each, as its Description, where QualCoder reads a file's memo (it
 * keeps no note a source points at). qcode's importer knows the copy by
 * its text and keeps the notes. Returns 0 or -code. */
static int write_memo_description(struct exp *x, sqlite3_stmt *at,
				  long long sid)
{
	struct qc_buf b = QC_BUF_INIT, red = QC_BUF_INIT;
	int own = 0, rc = 0;

	sqlite3_bind_int64(at, 1, sid);
	while (sqlite3_step(at) == SQLITE_ROW)
		own |= !strcmp(col(at, 0), "description");
	sqlite3_reset(at);
	if (own)
		return 0;
	for (size_t i = memos_on(x, MT_SOURCE, sid); i < x->nmemos &&
	     x->memos[i].target == MT_SOURCE && x->memos[i].target_id == sid;
	     i++)
		qc_buf_addf(&b, "%s%s", b.len ? "\n\n" : "",
			    x->memos[i].text ? x->memos[i].text : "");
	if (b.len && x->o && x->o->redact) {
		struct refi_edit *ed = NULL;
		size_t ned = 0;
		rc = x->o->redact(x->o->redact_arg, x->s, 0, b.buf, b.len,
				  &red, &ed, &ned, x->e);
		free(ed);
		if (rc == 0)
			text_el(x, "Description", red.buf);
	} else if (b.len) {
		text_el(x, "Description", b.buf);
	}
	qc_buf_release(&b);
	qc_buf_release(&red);
	return rc;
}

/* A case's Description, then its role and attributes as values. */
static void write_attrs(struct exp *x, sqlite3_stmt *at, long long id,
			const char *role)
{
	write_description(x, at, id);
	if (role)
		write_value(x, "role", role);
	sqlite3_bind_int64(at, 1, id);
	while (sqlite3_step(at) == SQLITE_ROW)
		if (strcmp(col(at, 0), "description"))
			write_value(x, col(at, 0), col(at, 1));
	sqlite3_reset(at);
}

/* A person as a case, pointing at the source of each of its
 * participants. Readers refuse a second case of one name (QualCoder), so
 * a case whose name another has gets the source's title after it. */
struct xcase {
	long long pid, sid;	/* the participant, its source */
	long long person;	/* participants of one person are one case */
	long long turns;	/* the participant's turns */
	char guid[37], src[37];
	char *name, *role, *title;
	size_t lead;		/* the case this one is written in */
	int code;		/* a lead written as a case code too */
};

static void case_names(struct exp *x, struct xcase *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		v[i].lead = i;
		for (size_t j = 0; j < i; j++)
			if (v[j].lead == j && v[i].person &&
			    v[j].person == v[i].person) {
				v[i].lead = j;
				break;
			}
	}
	/* a case of one source whose name another case has: the source's title */
	char *clash = xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n && v[i].lead == i && !clash[i]; j++)
			clash[i] = j != i && v[j].lead == j &&
				   !strcmp(v[j].name, v[i].name);
	for (size_t i = 0; i < n; i++) {
		size_t members = 0;
		for (size_t j = i; j < n; j++)
			members += v[j].lead == i;
		/* a speaker of several sources keeps the plain name */
		if (clash[i] && members == 1) {
			char *nm = xasprintf("%s (%s)", v[i].name, v[i].title);
			free(v[i].name);
			v[i].name = nm;
		}
	}
	free(clash);
	/* still the same (one source, one name twice): a number */
	for (size_t i = 0; i < n; i++) {
		int k = 1;
		if (v[i].lead != i)
			continue;
		for (size_t j = 0; j < i; j++)
			if (v[j].lead == j && !strcmp(v[j].name, v[i].name))
				k++;
		if (k > 1) {
			char *nm = xasprintf("%s %d", v[i].name, k);
			refi_loss_add(x->loss, "case '%s': a second case of this "
				      "name is exported as '%s'", v[i].name, nm);
			free(v[i].name);
			v[i].name = nm;
		}
	}
}

/* A name as written, and what it names: a code (case < 0) or a case. */
struct xname {
	char *name;
	long long ci;		/* case index, or -1 for a code */
	char guid[37];
};

static int xname_cmp(const void *a, const void *b)
{
	const struct xname *p = a, *q = b;
	int c = strcmp(p->name, q->name);

	if (c)
		return c;
	return p->ci < q->ci ? -1 : p->ci > q->ci;
}

/*
 * Which cases are written as case codes too: every case (each points at
 * a source), except one whose name, as written, a code or an earlier case
 * has: QualCoder keeps one code per name and would put the case's text
 * under the other. Its Case is written as ever.
 */
static void case_codes_choose(struct exp *x)
{
	struct xname *v = xcalloc(x->ncodes + x->ncases + 1, sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < x->ncodes; i++) {
		v[n].name = xstrdup(rtext(x, x->codes[i].name));
		v[n].ci = -1;
		memcpy(v[n++].guid, x->codes[i].guid, 37);
	}
	for (size_t i = 0; i < x->ncases; i++) {
		if (x->cases[i].lead != i)
			continue;
		x->cases[i].code = 1;
		v[n].name = xstrdup(rtext(x, x->cases[i].name));
		v[n].ci = (long long)i;
		memcpy(v[n++].guid, x->cases[i].guid, 37);
	}
	qsort(v, n, sizeof(*v), xname_cmp);
	for (size_t i = 0; i < n; i++) {
		struct xcase *c;
		if (v[i].ci < 0 || i == 0 || strcmp(v[i - 1].name, v[i].name))
			continue;
		c = &x->cases[v[i].ci];
		c->code = 0;
		refi_loss_add(x->loss, "case '%s': written as a case but not as "
			      "a case code: %s has its name (QualCoder keeps one"
			      " code of a name)", c->name,
			      v[i - 1].ci < 0 ? "a code" : "another case");
	}
	/* a case whose GUID a code has cannot be a code too */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < x->ncodes && v[i].ci >= 0; j++)
			if (!strcmp(x->codes[j].guid, v[i].guid) &&
			    x->cases[v[i].ci].code) {
				x->cases[v[i].ci].code = 0;
				refi_loss_add(x->loss, "case '%s': written as a"
					      " case but not as a case code: code"
					      " '%s' has its GUID",
					      x->cases[v[i].ci].name,
					      x->codes[j].name);
			}
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

struct xsrcidx {
	long long sid;
	size_t i;
};

static int xsrcidx_cmp(const void *a, const void *b)
{
	const struct xsrcidx *p = a, *q = b;

	if (p->sid != q->sid)
		return p->sid < q->sid ? -1 : 1;
	return p->i < q->i ? -1 : p->i > q->i;
}

/* The cases, loaded before the codebook: with --case-codes each is a
 * code there too. Returns 0 or -code. */
static int load_cases(struct exp *x)
{
	sqlite3_stmt *st = store_prepare(x->s,
		"SELECT p.id, coalesce(pe.guid, p.guid), coalesce(pe.name, p.label),"
		" coalesce(pe.pseudonym, p.pseudonym), p.role, s.guid,"
		" s.title, coalesce(p.person_id, 0), p.source_id,"
		" (SELECT count(*) FROM segments g WHERE g.participant_id = p.id)"
		" FROM participants p"
		" JOIN sources s ON s.id = p.source_id"
		" LEFT JOIN persons pe ON pe.id = p.person_id"
		" ORDER BY p.id", x->e);
	size_t n = 0, alloc = 0;
	int rc;

	if (!st)
		return -QC_EIO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct xcase *c;

		QC_GROW(x->cases, n, alloc);
		c = &x->cases[n++];
		x->ncases = n;
		memset(c, 0, sizeof(*c));
		c->pid = sqlite3_column_int64(st, 0);
		c->person = sqlite3_column_int64(st, 7);
		c->sid = sqlite3_column_int64(st, 8);
		c->turns = sqlite3_column_int64(st, 9);
		if (refi_guid_norm(col(st, 1), c->guid) < 0)
			refi_guid_derive(col(st, 1), c->guid);
		if (refi_guid_norm(col(st, 5), c->src) < 0)
			refi_guid_derive(col(st, 5), c->src);
		if (x->o && x->o->real_names)
			c->name = xstrdup(col(st, 2));
		else if (col(st, 3) && *col(st, 3))
			c->name = xstrdup(col(st, 3));
		else
			c->name = xasprintf("%s %zu", x->lang &&
					    !strcmp(x->lang, "en") ?
					    "Participant" : "Deelnemer", n);
		c->role = store_col_dup(st, 4);
		c->title = xstrdup(col(st, 6) ? col(st, 6) : c->src);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(x->s, x->e, "participants");
	case_names(x, x->cases, n);
	if (x->o && x->o->case_codes) {
		case_codes_choose(x);
		x->by_src = xcalloc(n ? n : 1, sizeof(*x->by_src));
		for (size_t i = 0; i < n; i++)
			x->by_src[i] = (struct xsrcidx){ x->cases[i].sid, i };
		qsort(x->by_src, n, sizeof(*x->by_src), xsrcidx_cmp);
	}
	return x->bad ? -(x->e->code ? x->e->code : QC_EIO) : 0;
}

/* The case written for participant pid (the lead of its person), or
 * NULL. Cases are in the order of their participants' ids. */
static const struct xcase *case_of(const struct exp *x, long long pid)
{
	size_t lo = 0, hi = x->ncases;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->cases[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < x->ncases && x->cases[lo].pid == pid)
		return &x->cases[x->cases[lo].lead];
	return NULL;
}

/* The case codes, at the top of the codebook after the codes: NVivo
 * writes its case nodes as codes of the cases' GUIDs, and QualCoder
 * removes such a code once it has made its codings the case's text; a
 * parent code ("Cases") would stay behind in QualCoder as an empty
 * code. */
static void write_case_codes(struct exp *x)
{
	for (size_t i = 0; i < x->ncases; i++) {
		const struct xcase *c = &x->cases[i];
		if (c->lead != i || !c->code)
			continue;
		el(x, "Code");
		attr(x, "guid", c->guid);
		attr(x, "name", rtext(x, c->name));
		attr(x, "isCodable", "true");
		end(x);
		if (x->c)
			x->c->case_codes++;
	}
}

static size_t case_codes_n(const struct exp *x)
{
	size_t n = 0;

	for (size_t i = 0; i < x->ncases; i++)
		n += x->cases[i].lead == i && x->cases[i].code;
	return n;
}

static void attr_user(struct exp *x, const char *user);

/* A Coding element up to its CodeRef; the caller ends it. */
static void coding_open(struct exp *x, const char *guid, const char *user,
			const char *created, const char *code)
{
	el(x, "Coding");
	attr(x, "guid", guid);
	attr_user(x, user);
	attr(x, "creationDateTime", iso_or_null(created));
	ref_el(x, "CodeRef", code);
}

/* One Coding of case c's code in the selection sel (GUID). */
static void write_case_coding(struct exp *x, const struct xcase *c,
			      const char *sel, const char *user,
			      const char *created)
{
	char g[37];
	char *key = xasprintf("qcode-case-coding:%s:%s", c->guid, sel);

	refi_guid_derive(key, g);
	free(key);
	coding_open(x, g, user, created, c->guid);
	end(x);
}

static int write_cases(struct exp *x)
{
	/* the person's attributes, then the participant's it has not */
	sqlite3_stmt *at = store_prepare(x->s,
		"SELECT key, value FROM person_attrs WHERE person_id = (SELECT"
		" person_id FROM participants WHERE id = ?1)"
		" UNION ALL SELECT key, value FROM participant_attrs a"
		" WHERE participant_id = ?1 AND NOT EXISTS (SELECT 1 FROM"
		" person_attrs b JOIN participants q ON q.person_id = b.person_id"
		" WHERE q.id = ?1 AND b.key = a.key) ORDER BY 1", x->e);
	/* the turns that are selections: all with --turns, else those a
	 * coding or a memo makes one */
	sqlite3_stmt *sg = store_prepare(x->s,
		"SELECT g.start_cp, g.end_cp FROM segments g"
		" WHERE g.participant_id = ?1 AND (?2"
		"  OR EXISTS (SELECT 1 FROM codings c WHERE c.source_id ="
		"   g.source_id AND c.start_cp = g.start_cp AND c.end_cp = g.end_cp)"
		"  OR EXISTS (SELECT 1 FROM memos m WHERE m.target = 'segment'"
		"   AND m.target_id = g.id))"
		" ORDER BY g.ordinal", x->e);
	struct xcase *v = x->cases;
	size_t n = x->ncases;
	int rc = SQLITE_DONE;
	char sel[37];

	if (!at || !sg) {
		rc = -1;
		goto out;
	}
	if (n)
		el(x, "Cases");
	for (size_t i = 0; i < n; i++) {
		struct xcase *c = &v[i];
		if (c->lead != i)
			continue;
		el(x, "Case");
		attr(x, "guid", c->guid);
		attr(x, "name", rtext(x, c->name));
		write_attrs(x, at, c->pid, c->role);
		for (size_t j = i; j < n; j++)
			if (v[j].lead == i)
				ref_el(x, "SourceRef", v[j].src);
		/* the offsets of the stored text: the GUID is the same with
		 * and without redaction */
		for (size_t j = i; j < n; j++) {
			if (v[j].lead != i)
				continue;
			sqlite3_bind_int64(sg, 1, v[j].pid);
			sqlite3_bind_int(sg, 2, x->o && x->o->turns);
			while (sqlite3_step(sg) == SQLITE_ROW) {
				selection_guid(v[j].src,
					       sqlite3_column_int64(sg, 0),
					       sqlite3_column_int64(sg, 1), sel);
				ref_el(x, "SelectionRef", sel);
			}
			sqlite3_reset(sg);
		}
		end(x);
		if (x->c)
			x->c->cases++;
	}
	if (n)
		end(x);
out:
	sqlite3_finalize(at);
	sqlite3_finalize(sg);
	return rc == SQLITE_DONE ? 0 : store_fail(x->s, x->e, "participants");
}

/* ---- sources, selections, codings ---- */

static int write_text(struct exp *x, const char *guid, const char *t, size_t n)
{
	struct xsrc_text *r;

	if (n && fwrite(t, 1, n, x->texts) != n)
		return qc_err_set(x->e, QC_EIO, "cannot write: %s",
				  strerror(errno));
	QC_GROW(x->srcs, x->nsrcs, x->asrcs);
	r = &x->srcs[x->nsrcs++];
	memcpy(r->guid, guid, 37);
	r->off = x->texts_len;
	r->len = (long long)n;
	x->texts_len += (long long)n;
	return 0;
}

/* One row of a span: a turn or noted turn (kind 0) or a coding (kind 1). */
struct span_row {
	int kind;
	long long id;
	long long pid;		/* kind 0: the turn's participant, or 0 */
	char *guid, *code, *user, *created;	/* owned; NULL for kind 0 */
};

struct span {
	long long a, b;
	struct span_row *v;
	size_t n, alloc;
};

static void span_clear(struct span *sp)
{
	for (size_t i = 0; i < sp->n; i++) {
		free(sp->v[i].guid);
		free(sp->v[i].code);
		free(sp->v[i].user);
		free(sp->v[i].created);
	}
	sp->n = 0;
}

/* Where the selection of a span comes from when no coding says: the
 * source's import. */
struct sel_origin {
	const char *user, *created;	/* GUID, time; either may be NULL */
};

static void attr_user(struct exp *x, const char *user)
{
	char ug[37];

	if (!user)
		return;
	if (refi_guid_norm(user, ug) < 0)
		refi_guid_derive(user, ug);
	attr(x, "creatingUser", ug);
}

/*
 * The selections of one span: one per coder, because readers (QualCoder)
 * take a coding's coder and date from its selection. The first keeps the
 * GUID of the span alone, which cases point at; turns and their notes go
 * with it. A coding keeps its own creatingUser and creationDateTime too.
 */
static void write_span(struct exp *x, struct span *sp, const char *sguid,
		       const struct sel_origin *org,
		       const struct refi_edit *ed, size_t ned)
{
	size_t i = 0, first_coding = 0;
	int group = 0;
	char g[37], cg[37], kg[37];

	while (first_coding < sp->n && sp->v[first_coding].kind == 0)
		first_coding++;
	do {
		size_t j = first_coding;
		const char *user, *created;

		if (group == 0) {
			selection_guid(sguid, sp->a, sp->b, g);
			i = first_coding;
		} else {
			char *key = xasprintf("qcode-selection:%s:%lld-%lld:%s",
					      sguid, sp->a, sp->b,
					      sp->v[i].user ? sp->v[i].user : "");
			refi_guid_derive(key, g);
			free(key);
		}
		/* this coder's codings: sp->v[i, j) */
		for (j = i; j < sp->n && same_user(sp->v[j].user, sp->v[i].user);
		     j++)
			;
		if (i < sp->n) {
			user = sp->v[i].user;
			created = NULL;
			for (size_t k = i; k < j; k++)	/* the first coding */
				if (sp->v[k].created && iso_or_null(sp->v[k].created) &&
				    (!created || strcmp(sp->v[k].created, created) < 0))
					created = sp->v[k].created;
		} else if (first_coding && (sp->v[0].user || sp->v[0].created)) {
			user = sp->v[0].user;	/* the author of its note */
			created = sp->v[0].created;
		} else {
			user = org->user;
			created = org->created;
		}
		el(x, "PlainTextSelection");
		attr(x, "guid", g);
		attr_ll(x, "startPosition",
			(long long)refi_map_start(ed, ned, (size_t)sp->a));
		attr_ll(x, "endPosition",
			(long long)refi_map_end(ed, ned, (size_t)sp->b));
		attr_user(x, user);
		attr(x, "creationDateTime", iso_or_null(created));
		for (size_t k = i; k < j; k++) {
			struct span_row *r = &sp->v[k];
			if (refi_guid_norm(r->guid, cg) < 0)
				refi_guid_derive(r->guid, cg);
			if (refi_guid_norm(r->code, kg) < 0)
				refi_guid_derive(r->code, kg);
			coding_open(x, cg, r->user, r->created, kg);
			note_refs(x, MT_CODING, r->id);
			end(x);
			if (x->c)
				x->c->codings++;
		}
		/* with --turns a case code codes its speaker's turns */
		for (size_t k = 0; group == 0 && x->o && x->o->case_codes &&
		     x->o->turns && k < first_coding; k++) {
			const struct xcase *c = case_of(x, sp->v[k].pid);
			if (c && c->code)
				write_case_coding(x, c, g, user, created);
		}
		if (group == 0)
			for (size_t k = 0; k < first_coding; k++)
				note_refs_sel(x, MT_SEGMENT, sp->v[k].id, g);
		end(x);
		if (x->c)
			x->c->selections++;
		i = j;
		group++;
	} while (i < sp->n);
	span_clear(sp);
}

static void write_source_selections(struct exp *x, sqlite3_stmt *sel,
				    long long sid, const char *sguid,
				    const char *title, size_t cps,
				    const struct sel_origin *org,
				    const struct refi_edit *ed, size_t ned)
{
	struct span sp = { -1, -1, NULL, 0, 0 };

	sqlite3_bind_int64(sel, 1, sid);
	sqlite3_bind_int(sel, 2, x->o && x->o->turns);
	while (sqlite3_step(sel) == SQLITE_ROW) {
		long long a = sqlite3_column_int64(sel, 0);
		long long b = sqlite3_column_int64(sel, 1);
		struct span_row *r;

		if (a != sp.a || b != sp.b) {
			if (sp.n)
				write_span(x, &sp, sguid, org, ed, ned);
			sp.a = a;
			sp.b = b;
			if (a < 0 || b < a || (size_t)b > cps)
				refi_loss_add(x->loss, "selection %lld-%lld in "
					      "source '%s': outside its text of "
					      "%zu characters", a, b, title, cps);
		}
		if (a < 0 || b < a || (size_t)b > cps)
			continue;
		QC_GROW(sp.v, sp.n, sp.alloc);
		r = &sp.v[sp.n++];
		r->kind = sqlite3_column_int(sel, 2);
		r->id = sqlite3_column_int64(sel, 3);
		r->guid = store_col_dup(sel, 4);
		r->code = store_col_dup(sel, 5);
		r->user = store_col_dup(sel, 6);
		r->created = store_col_dup(sel, 7);
		r->pid = sqlite3_column_int64(sel, 8);
	}
	if (sp.n)
		write_span(x, &sp, sguid, org, ed, ned);
	sqlite3_reset(sel);
	free(sp.v);
}

/*
 * With --case-codes: a selection of the whole text of source sid (GUID
 * sguid, len code points as written), coded with the case code of each
 * case that points at the source, unless that case's turns there are
 * coded instead (--turns). QualCoder makes such a coding the case's
 * text; qcode's importer reads it back as the link its SourceRef is.
 */
static void write_case_source(struct exp *x, long long sid, const char *sguid,
			      size_t len, const struct sel_origin *org)
{
	size_t lo = 0, hi = x->ncases, any = 0;
	char g[37];
	char *key;

	if (!x->o || !x->o->case_codes || !len)
		return;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->by_src[mid].sid < sid)
			lo = mid + 1;
		else
			hi = mid;
	}
	key = xasprintf("qcode-case-selection:%s", sguid);
	refi_guid_derive(key, g);
	free(key);
	for (size_t i = lo; i < x->ncases && x->by_src[i].sid == sid; i++) {
		const struct xcase *p = &x->cases[x->by_src[i].i];
		const struct xcase *c = &x->cases[p->lead];
		int seen = 0;
		if (!c->code || (x->o->turns && p->turns))
			continue;
		/* two speakers of one person in one source: one coding */
		for (size_t j = lo; j < i && !seen; j++)
			seen = x->cases[x->by_src[j].i].lead == p->lead;
		if (seen)
			continue;
		if (!any++) {
			el(x, "PlainTextSelection");
			attr(x, "guid", g);
			attr_ll(x, "startPosition", 0);
			attr_ll(x, "endPosition", (long long)len);
			attr_user(x, org->user);
			attr(x, "creationDateTime", org->created);
		}
		write_case_coding(x, c, g, org->user, org->created);
	}
	if (any) {
		end(x);
		if (x->c)
			x->c->selections++;
	}
}

static int write_sources(struct exp *x)
{
	sqlite3_stmt *st = store_prepare(x->s,
		"SELECT s.id, s.guid, s.title, source_text(s.id), s.imported_at, u.guid,"
		" s.kind, s.date FROM sources s"
		" LEFT JOIN coders u ON u.name = s.imported_by ORDER BY s.id", x->e);
	/* segments that need a selection (one with a memo; with --turns
	 * also a participant's turn) and codings, in the order of their
	 * spans, a span's codings by coder */
	sqlite3_stmt *sel = store_prepare(x->s,
		"SELECT start_cp, end_cp, 0, id, NULL, NULL,"
		" (SELECT u.guid FROM memos m JOIN coders u ON u.id = m.author_id"
		"  WHERE m.target = 'segment' AND m.target_id = segments.id"
		"  ORDER BY m.id LIMIT 1),"
		" (SELECT m.created_at FROM memos m WHERE m.target = 'segment'"
		"  AND m.target_id = segments.id ORDER BY m.id LIMIT 1),"
		" participant_id"
		" FROM segments WHERE source_id = ?1"
		" AND ((?2 AND participant_id IS NOT NULL)"
		"  OR id IN (SELECT target_id FROM memos WHERE target = 'segment')"
		"  OR id IN (SELECT segment_id FROM evidence))"
		" UNION ALL"
		" SELECT c.start_cp, c.end_cp, 1, c.id, c.guid, k.guid, u.guid,"
		" c.created_at, NULL FROM codings c JOIN codes k ON k.id = c.code_id"
		" LEFT JOIN coders u ON u.id = c.coder_id WHERE c.source_id = ?1"
		" ORDER BY 1, 2, 3, 7, 4", x->e);
	sqlite3_stmt *at = store_prepare(x->s,
		"SELECT key, value FROM source_attrs WHERE source_id = ?"
		" ORDER BY key", x->e);
	struct qc_buf red = QC_BUF_INIT;
	int rc = SQLITE_DONE, any = 0, err = 0;

	progress_begin("exporting", "sources",
		       store_int(x->s, "SELECT count(*) FROM sources", 0));
	if (!st || !sel || !at) {
		err = -QC_EIO;
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long sid = sqlite3_column_int64(st, 0);
		const char *text = col(st, 3);
		size_t len = (size_t)sqlite3_column_bytes(st, 3);
		size_t cps = text_cp_count(text, len);
		struct refi_edit *ed = NULL;
		size_t ned = 0;
		char g[37], ug[37];
		char *path;

		if (!any++)
			el(x, "Sources");
		if (refi_guid_norm(col(st, 1), g) < 0)
			refi_guid_derive(col(st, 1), g);
		qc_buf_reset(&red);
		if (x->o && x->o->redact) {
			err = x->o->redact(x->o->redact_arg, x->s, sid, text, len,
					   &red, &ed, &ned, x->e);
			if (err < 0)
				goto out;
			err = write_text(x, g, red.buf, red.len);
		} else {
			err = write_text(x, g, text, len);
		}
		if (err < 0) {
			free(ed);
			goto out;
		}
		el(x, "TextSource");
		attr(x, "guid", g);
		attr(x, "name", rtext(x, col(st, 2)));
		path = xasprintf("internal://%s.txt", g);
		attr(x, "plainTextPath", path);
		free(path);
		if (col(st, 5) && refi_guid_norm(col(st, 5), ug) == 0)
			attr(x, "creatingUser", ug);
		attr(x, "creationDateTime", iso_or_null(col(st, 4)));
		write_description(x, at, sid);
		if ((err = write_memo_description(x, at, sid)) < 0) {
			free(ed);
			goto out;
		}
		{
			struct sel_origin org = { col(st, 5),
						  iso_or_null(col(st, 4)) };
			write_source_selections(x, sel, sid, g, col(st, 2), cps,
						&org, ed, ned);
			write_case_source(x, sid, g,
					  refi_map_end(ed, ned, cps), &org);
		}
		free(ed);
		note_refs(x, MT_SOURCE, sid);
		write_value(x, "kind", col(st, 6));
		if (col(st, 7))
			write_value(x, "date", col(st, 7));
		sqlite3_bind_int64(at, 1, sid);
		while (sqlite3_step(at) == SQLITE_ROW)
			if (strcmp(col(at, 0), "description"))
				write_value(x, col(at, 0), col(at, 1));
		sqlite3_reset(at);
		end(x);
		if (x->c)
			x->c->sources++;
		if (x->bad || progress_step(any))
			break;
	}
	if (any)
		end(x);
out:
	progress_end();
	qc_buf_release(&red);
	sqlite3_finalize(st);
	sqlite3_finalize(sel);
	sqlite3_finalize(at);
	if (err < 0)
		return err;
	return rc == SQLITE_DONE || x->bad ? 0 : store_fail(x->s, x->e, "sources");
}

/* A note's name says what it was on: QualCoder keeps notes as journals,
 * by name, and other programs list them by name. */
static char *note_name(const struct xmemo *m)
{
	static const char *const w[] = { "project", "source", "turn in",
					 "code", "coding with" };

	if (m->name)
		return xstrdup(m->name);
	if (m->target == MT_PROJECT || !m->what)
		return xasprintf("memo on %s", m->target == MT_PROJECT ?
				 "the project" : w[m->target]);
	return xasprintf("memo on %s '%s'", w[m->target], m->what);
}

/* Notes keep their text in sources/GUID.txt (plainTextPath), where
 * QualCoder reads a journal's text; qcode reads both forms. */
static int write_notes(struct exp *x)
{
	struct qc_buf red = QC_BUF_INIT;
	int err = 0;

	if (!x->nmemos)
		return 0;
	el(x, "Notes");
	for (size_t i = 0; i < x->nmemos && !x->bad; i++) {
		struct xmemo *m = &x->memos[i];
		const char *text = m->text ? m->text : "";
		char *name = note_name(m), *path;

		if (x->o && x->o->redact) {
			struct refi_edit *ed = NULL;
			size_t ned = 0;
			qc_buf_reset(&red);
			err = x->o->redact(x->o->redact_arg, x->s, 0, text,
					   strlen(text), &red, &ed, &ned, x->e);
			free(ed);
			if (err == 0)
				err = write_text(x, m->guid, red.buf, red.len);
		} else {
			err = write_text(x, m->guid, text, strlen(text));
		}
		if (err < 0) {
			free(name);
			break;
		}
		el(x, "Note");
		attr(x, "guid", m->guid);
		attr(x, "name", rtext(x, name));
		free(name);
		path = xasprintf("internal://%s.txt", m->guid);
		attr(x, "plainTextPath", path);
		free(path);
		if (m->author)
			attr(x, "creatingUser", m->author);
		attr(x, "creationDateTime", iso_or_null(m->created));
		attr(x, "modifiedDateTime", iso_or_null(m->updated));
		end(x);
		if (x->c)
			x->c->memos++;
	}
	end(x);
	qc_buf_release(&red);
	return err;
}

/* ---- files ---- */


/*
 * libzip writes the archive through this source into the output's
 * descriptor, so no file of libzip's own appears beside the target. The
 * source reads as empty: the archive is always made anew.
 */
struct zsink {
	struct outfile *o;	/* where the bytes go */
	zip_error_t err;	/* the last failure, for ZIP_SOURCE_ERROR */
};

static zip_int64_t zsink_fail(struct zsink *z, int ze)
{
	int err = errno ? errno : EIO;

	outfile_fail(z->o, err);
	zip_error_set(&z->err, ze, err);
	return -1;
}

static zip_int64_t zsink_cb(void *ud, void *data, zip_uint64_t len,
			    zip_source_cmd_t cmd)
{
	struct zsink *z = ud;
	int fd = z->o->fd;

	switch (cmd) {
	case ZIP_SOURCE_SUPPORTS:
		return ZIP_SOURCE_SUPPORTS_WRITABLE;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len,
						     &z->err);
		if (!st)
			return -1;
		zip_stat_init(st);
		st->size = 0;
		st->valid |= ZIP_STAT_SIZE;
		return sizeof(*st);
	}
	case ZIP_SOURCE_OPEN:
	case ZIP_SOURCE_READ:
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_SEEK:
	case ZIP_SOURCE_TELL:
	case ZIP_SOURCE_FREE:
	case ZIP_SOURCE_BEGIN_WRITE:
	case ZIP_SOURCE_COMMIT_WRITE:
	case ZIP_SOURCE_ROLLBACK_WRITE:
	case ZIP_SOURCE_REMOVE:
		return 0;
	case ZIP_SOURCE_WRITE: {
		const char *p = data;
		zip_uint64_t left = len;
		while (left) {
			ssize_t n = write(fd, p, left);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				return zsink_fail(z, ZIP_ER_WRITE);
			p += n;
			left -= (zip_uint64_t)n;
		}
		return (zip_int64_t)len;
	}
	case ZIP_SOURCE_SEEK_WRITE: {
		zip_source_args_seek_t *a = ZIP_SOURCE_GET_ARGS(
			zip_source_args_seek_t, data, len, &z->err);
		if (!a)
			return -1;
		if (lseek(fd, (off_t)a->offset, a->whence) < 0)
			return zsink_fail(z, ZIP_ER_SEEK);
		return 0;
	}
	case ZIP_SOURCE_TELL_WRITE: {
		off_t off = lseek(fd, 0, SEEK_CUR);
		return off < 0 ? zsink_fail(z, ZIP_ER_TELL) : (zip_int64_t)off;
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&z->err, data, len);
	default:
		zip_error_set(&z->err, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* libxml would print "I/O error" lines of its own; the failure is
 * reported once, with its errno, by whoever owns the file */
static void xml_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static xmlTextWriterPtr writer_on(FILE *f)
{
	xmlOutputBufferPtr ob;
	xmlTextWriterPtr w;

	xmlSetGenericErrorFunc(NULL, xml_quiet);	/* until exp_release */
	ob = xmlOutputBufferCreateFile(f, NULL);
	if (!ob)
		return NULL;
	w = xmlNewTextWriter(ob);
	if (!w) {
		xmlOutputBufferClose(ob);
		return NULL;
	}
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	return w;
}

static void exp_release(struct exp *x)
{
	xmlSetGenericErrorFunc(NULL, NULL);	/* libxml's own again */
	for (int i = 0; i < 4; i++)
		qc_buf_release(&x->rb[i]);
	for (size_t i = 0; i < x->ncodes; i++) {
		free(x->codes[i].name);
		free(x->codes[i].colour);
		free(x->codes[i].valence);
		refi_code_text_release(&x->codes[i].t);
	}
	free(x->codes);
	for (size_t i = 0; i < x->nmemos; i++) {
		free(x->memos[i].author);
		free(x->memos[i].created);
		free(x->memos[i].updated);
		free(x->memos[i].text);
		free(x->memos[i].what);
		free(x->memos[i].name);
	}
	free(x->memos);
	free(x->links);
	free(x->srcs);
	free(x->lang);
	for (size_t i = 0; i < x->ncases; i++) {
		free(x->cases[i].name);
		free(x->cases[i].role);
		free(x->cases[i].title);
	}
	free(x->cases);
	free(x->by_src);
}

static int finish_xml(struct exp *x, FILE *f)
{
	if (xmlTextWriterEndDocument(x->w) < 0)
		x->bad = 1;
	xmlFreeTextWriter(x->w);	/* flushes and closes the output buffer */
	x->w = NULL;
	(void)f;
	if (x->bad)
		return qc_err_set(x->e, QC_EIO, "cannot write the XML");
	return 0;
}

/* err: the errno of a failed write to the target, which says it best */
static int zip_fail(zip_t *za, const char *path, int err, struct qc_err *e)
{
	qc_err_set(e, QC_EIO, "cannot write '%s': %s", path,
		   err ? strerror(err) : zip_strerror(za));
	zip_discard(za);
	return -QC_EIO;
}

static void zip_progress(zip_t *za, double done, void *ud)
{
	(void)za;
	(void)ud;
	if (done <= 0)
		progress_begin("writing the archive", "%", 100);
	progress_step((long long)(done * 100));
	if (done >= 1)
		progress_end();
}

static int zip_cancel(zip_t *za, void *ud)
{
	(void)za;
	(void)ud;
	return progress_cancelled();
}

int refi_export_qdpx(struct store *s, const char *path,
		     const struct refi_export_opts *o, struct refi_counts *c,
		     struct refi_loss *loss, struct qc_err *e)
{
	struct exp x;
	struct outfile of;
	struct zsink zk;
	char *qde_tmp = NULL, *txt_tmp = NULL;
	int qde_err = 0, txt_err = 0;	/* errno of a failed write to each */
	FILE *qf = NULL;
	char now[32];
	char *title;
	int rc = 0;
	zip_t *za = NULL;
	zip_source_t *sink;

	memset(&x, 0, sizeof(x));
	x.s = s;
	x.o = o;
	x.loss = loss;
	x.c = c;
	x.e = e;
	x.lang = store_get_setting(s, "lang");
	if (c)
		memset(c, 0, sizeof(*c));
	/* the target first: a path that cannot be written costs no work;
	 * with real names the archive is the owner's alone */
	if ((rc = outfile_open(&of, path, OUTFILE_SEEKABLE |
			       (o && o->real_names ? OUTFILE_PRIVATE : 0),
			       e)) < 0) {
		free(x.lang);
		return rc;
	}
	title = store_get_setting(s, "title");
	zip_error_init(&zk.err);
	zk.o = &of;
	/* one read transaction: a consistent snapshot of the project */
	if ((rc = store_begin(s, e)) < 0)
		goto out;
	if ((rc = load_codes(&x)) < 0 || (rc = load_memos(&x)) < 0 ||
	    (rc = load_cases(&x)) < 0)
		goto out_tx;
	if (x.cycle_notes)
		refi_loss_add(x.loss, "the learning cycle (%zu meetings, notes,"
			      " actions, decisions, lessons and evidence): REFI-QDA"
			      " has no meetings or actions, so they are written as"
			      " notes on the project, their codes and the turns of"
			      " their evidence; other programs keep their text, not"
			      " their statuses, dates, priorities or links between"
			      " them", x.cycle_notes);
	if (!(qf = outfile_temp_stdio(path, &qde_tmp, &qde_err, e)) ||
	    !(x.texts = outfile_temp_stdio(path, &txt_tmp, &txt_err, e))) {
		rc = -QC_EIO;
		goto out_tx;
	}
	if (!(x.w = writer_on(qf))) {
		rc = qc_err_set(e, QC_EIO, "cannot start the XML writer");
		goto out_tx;
	}
	/* the writer's output buffer flushes qf but leaves closing it to us */
	store_now(now);
	if (xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL) < 0)
		x.bad = 1;
	el(&x, "Project");
	attr(&x, "xmlns", NS_PROJECT);
	attr(&x, "name", title ? rtext(&x, title) : "qcode project");
	attr(&x, "origin", "qcode");
	attr(&x, "creationDateTime", iso_or_null(now));
	if ((rc = write_users(&x)) < 0)
		goto out_tx;
	write_codebook(&x, 1);
	if ((rc = write_variables(&x)) < 0 || (rc = write_cases(&x)) < 0 ||
	    (rc = write_sources(&x)) < 0 || (rc = write_notes(&x)) < 0)
		goto out_tx;
	write_links(&x);
	write_sets(&x, 1);
	{
		char *d = store_get_setting(s, "description");
		if (d && *d)	/* as imported: the project's own memo */
			text_el(&x, "Description", rtext(&x, d));
		free(d);
	}
	note_refs(&x, MT_PROJECT, 0);
	end(&x);
	rc = finish_xml(&x, NULL);
	if (fclose(qf) != 0 && rc == 0)
		rc = -QC_EIO;
	qf = NULL;
	/* the work files are beside the target: their failure is its */
	if (rc < 0 && qde_err)
		rc = qc_err_set(e, QC_EIO, "cannot write '%s': %s", path,
				strerror(qde_err));
	else if (rc < 0 && e->code == QC_OK)
		rc = qc_err_set(e, QC_EIO, "cannot write '%s'", path);
	if (rc < 0)
		goto out_tx;
	store_commit(s, NULL);
	if (fflush(x.texts) != 0) {
		rc = qc_err_set(e, QC_EIO, "cannot write '%s': %s", path,
				strerror(txt_err ? txt_err : EIO));
		goto out;
	}
	sink = zip_source_function_create(zsink_cb, &zk, NULL);
	za = sink ? zip_open_from_source(sink, ZIP_CREATE | ZIP_TRUNCATE,
					 &zk.err) : NULL;
	if (!za) {
		zip_source_free(sink);
		rc = qc_err_set(e, QC_EIO, "cannot create '%s': %s",
				path, zip_error_strerror(&zk.err));
		goto out;
	}
	/* the archive is compressed as it closes: a line of its own, and
	 * Ctrl-C stops it */
	zip_register_progress_callback_with_state(za, 0.01, zip_progress,
						  NULL, NULL);
	zip_register_cancel_callback_with_state(za, zip_cancel, NULL, NULL);
	zip_source_t *zs = zip_source_file(za, qde_tmp, 0, -1);
	if (!zs || zip_file_add(za, "project.qde", zs, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(zs);
		rc = zip_fail(za, path, of.err, e);
		za = NULL;
		goto out;
	}
	zip_dir_add(za, "sources", ZIP_FL_ENC_UTF_8);
	for (size_t i = 0; i < x.nsrcs; i++) {
		char *name = xasprintf("sources/%s.txt", x.srcs[i].guid);
		zs = x.srcs[i].len ?
			zip_source_file(za, txt_tmp, (zip_uint64_t)x.srcs[i].off,
					(zip_int64_t)x.srcs[i].len) :
			zip_source_buffer(za, NULL, 0, 0);
		if (!zs || zip_file_add(za, name, zs, ZIP_FL_ENC_UTF_8) < 0) {
			free(name);
			zip_source_free(zs);
			rc = zip_fail(za, path, of.err, e);
			za = NULL;
			goto out;
		}
		free(name);
	}
	if (zip_close(za) < 0) {
		rc = zip_fail(za, path, of.err, e);
		za = NULL;
		goto out;
	}
	za = NULL;
	rc = outfile_commit(&of, e);
	goto out;
out_tx:
	if (x.w) {
		xmlFreeTextWriter(x.w);
		x.w = NULL;
	}
	store_rollback(s);
out:
	if (qf)
		fclose(qf);
	if (x.texts)
		fclose(x.texts);
	if (of.path)
		outfile_abort(&of);
	if (qde_tmp)
		unlink(qde_tmp);
	if (txt_tmp)
		unlink(txt_tmp);
	free(qde_tmp);
	free(txt_tmp);
	free(title);
	exp_release(&x);
	return rc < 0 ? rc : 0;
}

int refi_export_qdc(struct store *s, const char *path,
		    const struct refi_export_opts *o, struct refi_counts *c,
		    struct qc_err *e)
{
	struct exp x;
	struct outfile of;
	int rc;

	memset(&x, 0, sizeof(x));
	x.s = s;
	x.o = o;
	x.c = c;
	x.e = e;
	if (c)
		memset(c, 0, sizeof(*c));
	if ((rc = load_codes(&x)) < 0)
		goto out;
	if (!x.ncodes) {
		rc = qc_err_set(e, QC_EDATA,
				"the project has no codes to export");
		goto out;
	}
	if ((rc = outfile_open(&of, path, 0, e)) < 0)
		goto out;
	if (!(x.w = writer_on(of.f))) {
		outfile_abort(&of);
		rc = qc_err_set(e, QC_EIO, "cannot start the XML writer");
		goto out;
	}
	if (xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL) < 0)
		x.bad = 1;
	el(&x, "CodeBook");
	attr(&x, "xmlns", NS_CODEBOOK);
	attr(&x, "origin", "qcode");
	write_codebook(&x, 0);
	write_sets(&x, 0);
	end(&x);
	rc = finish_xml(&x, of.f);
	if (rc < 0 && of.err)
		rc = qc_err_set(e, QC_EIO, "cannot write '%s': %s", path,
				strerror(of.err));
	if (rc < 0)
		outfile_abort(&of);
	else
		rc = outfile_commit(&of, e);
out:
	exp_release(&x);
	return rc < 0 ? rc : 0;
}
