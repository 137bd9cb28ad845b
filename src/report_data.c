/*
 * report_data: the context of the lessons, review and codebook reports:
 * their template, what they count of the codings (in one pass), the
 * speakers' names, the root codes and the factors below them, redaction
 * of every quote and fragment, and writing the file. Speakers appear by
 * pseudonym (or, where none was given, by role and number), never by
 * label.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "qcode/progress.h"
#include "qcode/outfile.h"
#include "qcode/pdf.h"
#include "qcode/privacy.h"
#include "qcode/report.h"
#include "report_int.h"

/* The pseudonym of each participant, else role and number; the label
 * with --no-pseudonyms (?7). */
#define NAMES_CTE \
	"pn(id, name) AS (SELECT id, coalesce(CASE WHEN ?7 THEN label END," \
	" pseudonym, CASE WHEN role IS NULL" \
	" OR role = '' THEN ?9 ELSE upper(substr(role, 1, 1)) || substr(role, 2)" \
	" END || ' ' || row_number() OVER (PARTITION BY coalesce(role, '')" \
	" ORDER BY source_id, id)) FROM participants)"

sqlite3_stmt *report_prep(struct rep *r, const char *sql, struct qc_err *e)
{
	sqlite3_stmt *st = store_prepare(r->s, sql, e);
	if (st && sqlite3_bind_parameter_count(st) >= 9) {
		sqlite3_bind_int(st, 7, r->o->real_names);
		sqlite3_bind_text(st, 8, r->kinds, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 9, rtext(r, "participant"), -1, SQLITE_STATIC);
	} else if (st && sqlite3_bind_parameter_count(st) >= 8) {
		sqlite3_bind_text(st, 8, r->kinds, -1, SQLITE_STATIC);
	}
	return st;
}

sqlite3_stmt *report_prep_once(struct rep *r, sqlite3_stmt **slot,
				const char *sql, struct qc_err *e)
{
	if (*slot) {
		sqlite3_reset(*slot);
		return *slot;
	}
	return *slot = report_prep(r, sql, e);
}

/* When redaction fails the original is never shown. */
char *report_redact(struct rep *r, const char *text, const char *where)
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
	st = report_prep(r, "INSERT INTO temp.report_names WITH " NAMES_CTE
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
static int has_content(struct rep *r, struct qc_err *e)
{
	if (r->lab.kind->flags & REPORT_F_CYCLE) {
		if (one(r, "SELECT count(*) FROM meetings") == 0)
			return qc_err_set(e, QC_EDATA, "the project has no"
					  " meetings yet (record one with"
					  " 'qcode meeting add DATE --title T')");
		return 0;
	}
	if (r->lab.kind->flags & REPORT_F_CODEBOOK) {
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
	if (r->o->since) {
		sqlite3_stmt *st = report_prep(r, "SELECT EXISTS (SELECT 1 FROM"
			" codings c JOIN sources s ON s.id = c.source_id WHERE"
			REPORT_KIND_SQL " AND c.created_at >= ?1)", e);
		int any = 0;
		if (!st)
			return -QC_EIO;
		sqlite3_bind_text(st, 1, r->o->since, -1, SQLITE_STATIC);
		any = sqlite3_step(st) == SQLITE_ROW &&
		      sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		if (!any)
			return qc_err_set(e, QC_EDATA, "nothing was coded %s",
					  r->o->since_what ? r->o->since_what :
					  r->o->since);
		return 0;
	}
	if (one(r, "SELECT EXISTS (SELECT 1 FROM codings c JOIN sources s ON"
		" s.id = c.source_id WHERE" REPORT_KIND_SQL ")") > 0)
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

/* Load the template, check there is something to report, count the
 * codings and open the PDF. teardown releases r, also on failure. */
static int setup(struct rep *r, struct store *s, const struct report_opts *o,
		 const struct report_kind *kind, struct report_stats *st,
		 struct qc_err *e)
{
	char now[32], *ptitle, *sub, *partners, *cbtitle;
	unsigned f = kind->flags;
	const char *title, *header;
	struct pdf_opts po = { 0 };
	struct pdf_palette pal;
	int rc;

	memset(r, 0, sizeof(*r));
	r->s = s;
	r->o = o;
	r->st = st;
	memset(st, 0, sizeof(*st));
	if ((rc = report_labels_read(&r->lab, s, o, kind, &st->problems,
				     e)) < 0)
		return rc;
	r->accent = r->lab.col[REPORT_ACCENT];
	r->headings = r->lab.col[REPORT_HEADINGS];
	r->fac = r->lab.col[REPORT_FACILITATING];
	r->hin = r->lab.col[REPORT_HINDERING];
	r->box = r->lab.col[REPORT_BOX];
	r->box_edge = r->lab.col[REPORT_BOX_EDGE];
	if (o->nkinds) {
		struct qc_buf k = QC_BUF_INIT;
		qc_buf_addch(&k, ',');
		for (int i = 0; i < o->nkinds; i++)
			qc_buf_addf(&k, "%s,", o->kinds[i]);
		r->kinds = qc_buf_detach(&k, NULL);
	}
	if ((rc = has_content(r, e)) < 0 ||
	    (f & (REPORT_F_THEMES | REPORT_F_CYCLE) &&
	     ((rc = count_codings(r, e)) < 0 ||
				  (rc = names_table(r, e)) < 0)))
		return rc;
	/* with --no-pseudonyms the speakers' labels are shown, but names of
	 * others (listed, or possible names) are still redacted */
	rc = redactor_open_flags(s, o->rules_file, o->real_names ?
				 REDACT_REAL_NAMES : 0, &r->red, e);
	if (rc < 0)
		return rc;
	ptitle = report_setting(r, "title");
	if (ptitle && (!*ptitle || !strcmp(ptitle, "Untitled project"))) {
		free(ptitle);
		ptitle = NULL;
	}
	sub = report_setting(r, "subtitle");
	partners = report_setting(r, "partners");
	cbtitle = report_setting(r, "codebook.title");
	title = f & REPORT_F_PROJECT_TITLE && ptitle ? ptitle : rtext(r, "title");
	/* every report's running header is the project's title; the
	 * codebook's own title where the project has none */
	header = ptitle ? ptitle : f & REPORT_F_CODEBOOK && cbtitle ? cbtitle :
		 title;
	store_now(now);
	po.title = title;
	po.subject = f & REPORT_F_PROJECT_TITLE ? sub : ptitle;
	po.author = partners;
	po.header = header;
	po.created = now;
	po.font_file = o->font_file;
	po.footer = o->real_names ? rtext(r, "footer_real_names") : NULL;
	report_labels_pdf(&r->lab, &po, &pal);
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

/* Sort v[0..n) (LSD radix, 16 bits a pass; a pass whose digit is the
 * same in every key is skipped). */
static void radix_sort(uint64_t *v, size_t n)
{
	uint64_t *tmp = xcalloc(n + 1, sizeof(uint64_t)), *a = v, *b = tmp;
	size_t *cnt = xcalloc(65536, sizeof(size_t));

	for (int shift = 0; shift < 64; shift += 16) {
		size_t sum = 0;
		int one = 0;
		memset(cnt, 0, 65536 * sizeof(size_t));
		for (size_t i = 0; i < n; i++)
			cnt[(a[i] >> shift) & 0xFFFF]++;
		for (size_t d = 0; d < 65536 && !one; d++)
			one = cnt[d] == n;
		if (one)
			continue;
		for (size_t d = 0; d < 65536; d++) {
			size_t c = cnt[d];
			cnt[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			b[cnt[(a[i] >> shift) & 0xFFFF]++] = a[i];
		{
			uint64_t *t = a;
			a = b;
			b = t;
		}
	}
	if (a != v)
		memcpy(v, a, n * sizeof(uint64_t));
	free(tmp);
	free(cnt);
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
	struct keyset spans;
	size_t nspans, nkeys, akeys;
	uint64_t *keys;
	unsigned char *staff;
	struct report_counts *c = &r->cnt;

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
	st = report_prep(r, "SELECT DISTINCT s.kind FROM sources s WHERE" REPORT_KIND_SQL
		  " ORDER BY s.kind", e);
	while (st && sqlite3_step(st) == SQLITE_ROW && c->nk < 250) {
		c->kinds = xreallocarray(c->kinds, c->nk + 1, sizeof(char *));
		c->kinds[c->nk++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	c->bykind = xcalloc(((size_t)c->max + 1) * (c->nk + 1), sizeof(long long));
	c->kindfrag = xcalloc(c->nk + 1, sizeof(long long));
	st = report_prep(r, "SELECT s.id, s.kind FROM sources s WHERE" REPORT_KIND_SQL, e);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const char *k = (const char *)sqlite3_column_text(st, 1);
		for (size_t i = 0; id >= 0 && id <= maxsrc && i < c->nk; i++)
			if (!strcmp(c->kinds[i], k))
				ok[id] = (char)(i + 1);
	}
	sqlite3_finalize(st);
	/* the participant of each segment, from the covering index; research
	 * staff (interviewers, moderators) are no participants */
	staff = xcalloc((size_t)maxpart + 1, 1);
	{
		char *roles = report_research_roles(r);
		st = store_prepare(r->s, "SELECT id FROM participants WHERE"
				   " instr(?1, ',' || lower(coalesce(role, '')) ||"
				   " ',') > 0", e);
		if (st)
			sqlite3_bind_text(st, 1, roles, -1, SQLITE_TRANSIENT);
		free(roles);
		while (st && sqlite3_step(st) == SQLITE_ROW) {
			long long pid = sqlite3_column_int64(st, 0);
			if (pid > 0 && pid <= maxpart)
				staff[pid] = 1;
		}
		sqlite3_finalize(st);
	}
	st = store_prepare(r->s, "SELECT id, participant_id FROM segments"
			   " WHERE participant_id IS NOT NULL", e);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		long long pid = sqlite3_column_int64(st, 1);
		if (id >= 0 && id <= maxseg && pid > 0 && pid <= maxpart &&
		    !staff[pid])
			part[id] = pid;
	}
	sqlite3_finalize(st);
	free(staff);
	pairset_init(&srcs, c->max, maxsrc, r);
	pairset_init(&parts, c->max, maxpart, r);
	/* a code's frequency is the number of distinct fragments coded with
	 * it, whoever coded them: a turn (a span in it and the whole turn,
	 * by two coders, is one), else the span itself */
	/* the turns' (segment, code, kind) as keys sorted after the scan: a
	 * bitmap of codes x segments misses the cache on every coding */
	keys = xcalloc(1, sizeof(uint64_t));
	nkeys = 0;
	akeys = 1;
	keyset_init(&spans, 64);
	nspans = 0;
	/* the review --since: only what was coded from then on */
	st = store_prepare(r->s, "SELECT code_id, source_id, coalesce(segment_id,"
			   " 0), start_cp, end_cp FROM codings WHERE ?1 IS NULL"
			   " OR created_at >= ?1", e);
	if (st)
		sqlite3_bind_text(st, 1, r->o->since, -1, SQLITE_STATIC);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		long long k = sqlite3_column_int64(st, 0);
		long long src = sqlite3_column_int64(st, 1);
		long long seg = sqlite3_column_int64(st, 2);
		int fresh, fresh_any;
		if (k < 0 || k > c->max || src < 0 || src > maxsrc || !ok[src])
			continue;
		if (seg > 0 && seg <= maxseg && k < (1LL << 24) &&
		    seg < (1LL << 32)) {
			if (nkeys == akeys) {
				akeys *= 2;
				keys = xreallocarray(keys, akeys, sizeof(uint64_t));
			}
			keys[nkeys++] = (uint64_t)seg << 32 | (uint64_t)k << 8 |
					(uint64_t)(ok[src] - 1);
			fresh = fresh_any = 0;
		} else {
			uint64_t a = (uint64_t)sqlite3_column_int64(st, 3);
			uint64_t b = (uint64_t)sqlite3_column_int64(st, 4);
			uint64_t h = (uint64_t)src * 0x9E3779B97F4A7C15ULL ^
				     a * 0xC2B2AE3D27D4EB4FULL ^
				     b * 0x165667B19E3779F9ULL;
			if (2 * (nspans + 2) > spans.mask) {
				/* grow: rebuilt from the keys it holds */
				struct keyset big;
				keyset_init(&big, 2 * (spans.mask + 1));
				for (size_t i = 0; i <= spans.mask; i++)
					if (spans.v[i])
						keyset_add(&big, spans.v[i] - 1);
				free(spans.v);
				spans = big;
			}
			fresh_any = keyset_add(&spans, h);
			fresh = keyset_add(&spans, h ^ ((uint64_t)k + 1) *
					   0xFF51AFD7ED558CCDULL);
			nspans += (size_t)fresh_any + (size_t)fresh;
		}
		if (fresh) {
			c->n[k]++;
			c->bykind[(size_t)k * c->nk + ok[src] - 1]++;
		}
		c->total += fresh_any;
		c->kindfrag[ok[src] - 1] += fresh_any;
		c->ns[k] += pairset_add(&srcs, k, src);
		if (seg > 0 && seg <= maxseg && part[seg])
			c->np[k] += pairset_add(&parts, k, part[seg]);
	}
	sqlite3_finalize(st);
	radix_sort(keys, nkeys);
	for (size_t i = 0; i < nkeys; i++) {
		uint64_t seg = keys[i] >> 32, k = keys[i] >> 8 & 0xFFFFFF;
		unsigned kind = (unsigned)(keys[i] & 0xFF);
		if (i == 0 || keys[i - 1] >> 32 != seg) {
			c->total++;
			c->kindfrag[kind]++;
		}
		if (i == 0 || keys[i - 1] >> 8 != keys[i] >> 8) {
			c->n[k]++;
			c->bykind[(size_t)k * c->nk + kind]++;
		}
	}
	free(keys);
	free(spans.v);
	pairset_release(&srcs);
	pairset_release(&parts);
	free(part);
	free(ok);
	return 0;
}

static void counts_release(struct report_counts *c)
{
	free(c->n);
	free(c->ns);
	free(c->np);
	free(c->bykind);
	free(c->kindfrag);
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
	if (redactor_candidates(r->red))
		pdf_footer_add(r->pdf, rtext(r, "footer_candidates"));
	/* with --no-pseudonyms the names are there: owner only */
	rc = pdf_save(r->pdf, path, r->o->real_names ? OUTFILE_PRIVATE : 0, e);

	if (rc == 0 && pdf_missing(r->pdf))
		r->st->missing = xstrdup(pdf_missing(r->pdf));
	return rc;
}

static void teardown(struct rep *r)
{
	sqlite3_finalize(r->q_factors);
	sqlite3_finalize(r->q_quotes);
	sqlite3_finalize(r->q_sub);
	if (r->s)
		store_exec(r->s, "DROP TABLE IF EXISTS temp.report_names", NULL);
	report_quotes_free(r);
	report_rows_free(r->rt, r->nrt);
	free(r->theme);
	codebook_release(&r->cb);
	counts_release(&r->cnt);
	pdf_free(r->pdf);
	redactor_close(r->red);
	free(r->red_failed);
	report_labels_release(&r->lab);
	free(r->kinds);
}

/* ---- themes ---- */

static int row_cmp(const void *a, const void *b)
{
	const struct code_row *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	if (x->ordinal != y->ordinal)
		return x->ordinal < y->ordinal ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void code_release(struct code_row *c)
{
	free(c->name);
	free(c->short_id);
	free(c->valence);
	free(c->colour);
	free(c->definition);
	free(c->lesson);
	free(c->recommendation);
	free(c->skills);
}

void report_rows_free(struct code_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		code_release(&v[i]);
	free(v);
}

static char *dupc(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t && *t ? xstrdup(t) : NULL;
}

/* A code's first six columns: id, name, short_id, valence, colour,
 * definition (the strings newly allocated). */
static void code_read(sqlite3_stmt *st, struct code_row *c)
{
	c->id = sqlite3_column_int64(st, 0);
	c->name = dupc(st, 1);
	c->short_id = dupc(st, 2);
	c->valence = dupc(st, 3);
	c->colour = dupc(st, 4);
	c->definition = dupc(st, 5);
}

/* A field the researcher wrote, redacted in place like the transcripts:
 * names in definitions or recommendations leave the machine too. */
static void redact_field(struct rep *r, char **f, const char *where)
{
	char *t;

	if (!*f)
		return;
	t = report_redact(r, *f, where);
	free(*f);
	*f = t;
}

static void redact_row(struct rep *r, struct code_row *c)
{
	redact_field(r, &c->name, "a code's name");
	redact_field(r, &c->definition, "a code's definition");
	redact_field(r, &c->lesson, "a code's lesson");
	redact_field(r, &c->recommendation, "a code's recommendation");
	redact_field(r, &c->skills, "a code's skills");
}

void report_redact_codebook(struct rep *r, struct codebook *cb)
{
	redact_field(r, &cb->title, "the codebook's title");
	for (size_t i = 0; i < cb->n; i++) {
		char **f[CB_TEXT_FIELDS];
		codebook_text_fields(&cb->codes[i], f);
		for (size_t k = 0; k < CB_TEXT_FIELDS; k++)
			redact_field(r, f[k], "a code's text");
	}
}

char *report_setting(struct rep *r, const char *key)
{
	char *v = store_get_setting(r->s, key);

	if (v)
		redact_field(r, &v, "a project setting");
	return v;
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
		code_read(st, &c);
		for (int i = 0; i < r->o->nthemes; i++)
			want |= !strcasecmp(r->o->themes[i], c.short_id) ||
				!strcasecmp(r->o->themes[i], c.name);
		if (!want) {
			code_release(&c);
			continue;
		}
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
	for (size_t k = 0; k < *n; k++)
		redact_row(r, &(*out)[k]);
	return 0;
}

int report_factors(struct rep *r, long long root, const char *valence,
		   struct code_row **out, size_t *n, struct qc_err *e)
{
	sqlite3_stmt *st = report_prep_once(r, &r->q_factors,
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
		code_read(st, &c);
		redact_row(r, &c);
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

static long long one(struct rep *r, const char *sql)
{
	sqlite3_stmt *st = report_prep(r, sql, NULL);
	long long v = 0;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

long long report_theme_codings(struct rep *r, long long root)
{
	sqlite3_stmt *st = report_prep_once(r, &r->q_sub,
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
	for (size_t i = 0; r->o->nthemes && i < n; i++) {
		/* a group of actions has no lesson to draw */
		if (r->lab.kind->flags & REPORT_F_LESSONS && !r->theme[i])
			return qc_err_set(e, QC_EDATA, "'%s' is no theme: it has"
					  " no facilitating or hindering codes (its"
					  " codes are listed under the actions)",
					  rt[i].short_id ? rt[i].short_id :
					  rt[i].name);
		if (report_theme_codings(r, rt[i].id) == 0 && r->o->since)
			return qc_err_set(e, QC_EDATA, "nothing in theme '%s' was"
					  " coded %s", rt[i].short_id ? rt[i].short_id
					  : rt[i].name, r->o->since_what ?
					  r->o->since_what : r->o->since);
		else if (report_theme_codings(r, rt[i].id) == 0)
			return qc_err_set(e, QC_EDATA, "theme '%s' has no codings"
					  "%s yet", rt[i].short_id ? rt[i].short_id
					  : rt[i].name, r->kinds ?
					  " in sources of that kind" : "");
	}
	return 0;
}

int report_make(struct store *s, const struct report_opts *o,
		const struct report_kind *kind,
		const struct report_section *sections, const char *path,
		const char *narrow, struct report_stats *st, struct qc_err *e)
{
	struct rep r;
	int rc = setup(&r, s, o, kind, st, e);

	if (rc == 0 && kind->flags & (REPORT_F_THEMES | REPORT_F_CYCLE) &&
	    (rc = roots(&r, &r.rt, &r.nrt, &r.theme, e)) == 0 &&
	    kind->flags & REPORT_F_THEMES)
		rc = themes_coded(&r, r.rt, r.nrt, e);
	if (rc == 0 && kind->flags & REPORT_F_CODEBOOK &&
	    (rc = codebook_read(s, &r.cb, e)) == 0)
		report_redact_codebook(&r, &r.cb);
	progress_begin("rendering the report", "sections", r.lab.nsec);
	for (int k = 0; rc == 0 && k < r.lab.nsec; k++)
		rc = progress_step(k) ? qc_err_set(e, QC_ECANCEL, "cancelled") :
		     sections[r.lab.sec[k]].draw(&r, k, e);
	progress_end();
	if (rc == 0)
		rc = finish(&r, path, narrow, e);
	teardown(&r);
	return rc;
}

int report_make_list(struct store *s, const struct report_opts *o,
		     const struct report_kind *kind,
		     int (*fn)(struct rep *r, void *arg, struct qc_err *e),
		     void *arg, struct report_stats *st, struct qc_err *e)
{
	struct rep r;
	int rc = setup(&r, s, o, kind, st, e);

	if (rc == 0 && kind->flags & REPORT_F_THEMES &&
	    (rc = roots(&r, &r.rt, &r.nrt, &r.theme, e)) == 0)
		rc = themes_coded(&r, r.rt, r.nrt, e);
	if (rc == 0)
		rc = fn(&r, arg, e);
	teardown(&r);
	return rc;
}
