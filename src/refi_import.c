/*
 * refi_import: read a REFI-QDA project (.qdpx, or a bare .qde) or codebook
 * (.qdc) into the project. One pass with libxml2's pull reader, so a large
 * file is never held as a tree; what must wait for later elements (notes
 * are listed after the selections that point at them) is kept in small
 * lists and settled at the end. Everything happens in one transaction.
 */
#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "qcode/persons.h"
#include "qcode/refi.h"
#include "qcode/text.h"
#include "qcode/progress.h"
#include "refi_int.h"

/* ---- a GUID -> number map (open addressing) ---- */

/* Keys that are not GUIDs in refi_guid_norm's form (few: a project's own
 * codes may be spelt otherwise), as text. */
struct smap_ent {
	char key[37];
	long long val;
};

struct smap {
	struct smap_ent *v;
	size_t n, cap;
};

static size_t smap_hash(const char *k)
{
	size_t h = 1469598103934665603ULL;

	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211ULL;
	return h;
}

static void smap_put(struct smap *m, const char *key, long long val);

static void smap_grow(struct smap *m)
{
	struct smap old = *m;

	m->cap = m->cap ? 2 * m->cap : 256;
	m->v = xcalloc(m->cap, sizeof(*m->v));
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.v[i].key[0])
			smap_put(m, old.v[i].key, old.v[i].val);
	free(old.v);
}

static void smap_put(struct smap *m, const char *key, long long val)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		smap_grow(m);
	for (i = smap_hash(key) & (m->cap - 1); m->v[i].key[0];
	     i = (i + 1) & (m->cap - 1))
		if (!strcmp(m->v[i].key, key)) {
			m->v[i].val = val;
			return;
		}
	snprintf(m->v[i].key, sizeof(m->v[i].key), "%s", key);
	m->v[i].val = val;
	m->n++;
}

static int smap_get(const struct smap *m, const char *key, long long *val)
{
	if (!m->cap)
		return 0;
	for (size_t i = smap_hash(key) & (m->cap - 1); m->v[i].key[0];
	     i = (i + 1) & (m->cap - 1))
		if (!strcmp(m->v[i].key, key)) {
			if (val)
				*val = m->v[i].val;
			return 1;
		}
	return 0;
}

/* A GUID in refi_guid_norm's form is kept as its 16 bytes, with a bit a
 * slot for "in use": 24 bytes an entry instead of 48, which is what a
 * million selections' places cost at full size. */
struct gmap_ent {
	unsigned char key[16];
	long long val;
};

struct gmap {
	struct gmap_ent *v;
	unsigned long long *used;	/* a bit for each slot of v */
	size_t n, cap;
	struct smap odd;		/* keys in any other form */
};

static int gmap_hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ?
	       c - 'A' + 10 : -1;
}

/* key's 16 bytes if it is "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX" in upper
 * case, and 0; else -1. */
static int gmap_pack(const char *key, unsigned char out[16])
{
	int j = 0;

	for (int i = 0; i < 36; i++) {
		int hi, lo;

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (key[i] != '-')
				return -1;
			continue;
		}
		if ((hi = gmap_hex(key[i])) < 0 || (lo = gmap_hex(key[i + 1])) < 0)
			return -1;
		out[j++] = (unsigned char)(hi << 4 | lo);
		i++;
	}
	return key[36] ? -1 : 0;
}

static size_t gmap_hash(const unsigned char k[16])
{
	unsigned long long a, b;

	memcpy(&a, k, 8);
	memcpy(&b, k + 8, 8);
	a ^= b * 0x9E3779B97F4A7C15ULL;
	a ^= a >> 31;
	a *= 0xBF58476D1CE4E5B9ULL;
	a ^= a >> 29;
	return (size_t)a;
}

#define GMAP_USED(m, i) ((m)->used[(i) / 64] >> ((i) % 64) & 1)

static void gmap_set(struct gmap *m, const unsigned char k[16], long long val);

static void gmap_grow(struct gmap *m)
{
	struct gmap old = *m;

	m->cap = m->cap ? 2 * m->cap : 256;
	m->v = xreallocarray(NULL, m->cap, sizeof(*m->v));
	m->used = xcalloc(m->cap / 64, sizeof(*m->used));
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (GMAP_USED(&old, i))
			gmap_set(m, old.v[i].key, old.v[i].val);
	free(old.v);
	free(old.used);
}

static void gmap_set(struct gmap *m, const unsigned char k[16], long long val)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		gmap_grow(m);
	for (i = gmap_hash(k) & (m->cap - 1); GMAP_USED(m, i);
	     i = (i + 1) & (m->cap - 1))
		if (!memcmp(m->v[i].key, k, 16)) {
			m->v[i].val = val;
			return;
		}
	memcpy(m->v[i].key, k, 16);
	m->v[i].val = val;
	m->used[i / 64] |= 1ULL << (i % 64);
	m->n++;
}

static void gmap_put(struct gmap *m, const char *key, long long val)
{
	unsigned char k[16];

	if (gmap_pack(key, k) < 0)
		smap_put(&m->odd, key, val);
	else
		gmap_set(m, k, val);
}

static int gmap_get(const struct gmap *m, const char *key, long long *val)
{
	unsigned char k[16];

	if (gmap_pack(key, k) < 0)
		return smap_get(&m->odd, key, val);
	if (!m->cap)
		return 0;
	for (size_t i = gmap_hash(k) & (m->cap - 1); GMAP_USED(m, i);
	     i = (i + 1) & (m->cap - 1))
		if (!memcmp(m->v[i].key, k, 16)) {
			if (val)
				*val = m->v[i].val;
			return 1;
		}
	return 0;
}

static void gmap_free(struct gmap *m)
{
	free(m->v);
	free(m->used);
	free(m->odd.v);
	memset(m, 0, sizeof(*m));
}

/* ---- what is collected while reading ---- */

struct kv {
	char *key, *value;
};

struct icase {
	char guid[37];
	char *name, *role, *pseudonym;
	struct kv *attrs;
	size_t nattrs;
	char **sources;		/* GUIDs of its SourceRefs */
	size_t nsources;
	int used;		/* a participant of some source */
	long long person;	/* its person once one participant is stored */
};

struct isel {
	long long start, end;	/* as the file counts them until the source's
				 * end, then in the stored text, code points */
	int whole;		/* a Coding of the whole source: stored already */
	int dropped;		/* outside the text as the file counts it */
	long long case_idx;	/* -1: not a case's turn */
	char guid[37];
	char *desc;
	int ncodings;
	size_t first_coding;
	int noted;		/* a NoteRef points at it */
	int case_linked;	/* a case code codes it: a case's text */
};

/* A selection coded with a case code (a code of a case's GUID, NVivo's
 * case node): the case's text, settled at the source's end. */
struct icaselink {
	size_t sel;
	long long ci;		/* the case */
};

struct icoding {
	size_t sel;
	char guid[37];
	long long code_id, coder_id;
	char *created;
	long long row;		/* its row once inserted */
};

enum { RT_SOURCE, RT_SELECTION, RT_CODING, RT_CODE, RT_PROJECT, RT_SEGMENT };

struct iref {
	char note[37];		/* the note's GUID */
	int kind;		/* RT_* */
	long long id;		/* index (selection, coding) or row id */
};

/* A selection no coding, note or case points at: lost unless a Link
 * later in the file leads a note to it. */
struct ilone {
	char guid[37];
	char *why;		/* the loss line; NULL once a link took it */
};

struct inote {
	char guid[37];
	char *name, *text, *created, *updated;
	long long author;	/* coder id */
};

struct imp {
	struct store *s;
	struct qc_err *e;
	struct refi_loss *loss;
	struct refi_counts *c;
	const struct refi_import_opts *o;
	enum refi_offsets offsets;
	struct refi_limits lim;
	struct zipread z;
	int have_zip;
	const char *path;
	char *from;		/* --sources-from, resolved; NULL: none */
	char *base;		/* the project's basePath, for messages */
	char *origin;		/* the project's origin attribute, or NULL */
	size_t nforeign;	/* identifiers that are not GUIDs */
	char *foreign_eg;	/* the first of them, for the loss report */
	int qdc;		/* the root is a CodeBook */
	long long me;		/* the importing coder */
	char now[32];

	struct gmap users, codes, vars, case_sel;
	struct gmap file_codes;	/* GUIDs of the file's Codes */
	struct gmap case_codes;	/* case codes' GUIDs -> their case */
	size_t ncase_codes;
	long long codes_before;	/* the codes' highest row id before */
	struct gmap sel_places;/* kept selection GUID -> its place (RT_*) */
	struct gmap seen;	/* GUIDs of the file's objects -> line */
	long long codings_before;	/* the codings' highest row id before */
	const char *xname;	/* the XML read: 'project.qde' or the file */
	char **var_names;	/* index from vars */
	char **var_types;	/* their typeOfVariable, the same index */
	size_t nvars;
	struct icase *cases;
	size_t ncases;
	struct iref *refs;	/* settled, kind RT_SOURCE.. with row ids */
	size_t nrefs, arefs;
	struct inote *notes;
	struct ilone *lone;	/* selections nothing pointed at yet */
	size_t nlone, alone;
	struct gmap lone_at;	/* their GUIDs -> index */
	struct gmap note_at;	/* the notes' GUIDs -> index */
	struct gmap refs_at;	/* ref_key of every settled reference */
	size_t nnotes;

	/* the code being read, and the ones above it */
	struct icode {
		char guid[37];
		char *name, *colour, *desc;
		int codable;
		long long id;	/* 0 until inserted */
	} cstack[64];
	int cdepth;
	long long added, changed;

	/* the source being read */
	int in_source;
	char sguid[37];
	char *sname, *screated, *stext_err;
	long long screator;
	struct qc_buf stext;	/* its text, normalised */
	int have_text;
	struct refi_edit *sedits;
	size_t nsedits;
	size_t scps;
	/* where the file's count of positions may differ from code points:
	 * characters outside the BMP (two UTF-16 code units) and CR LF pairs
	 * (one character to some programs), by code point of the text as
	 * read (after a BOM) */
	size_t *astral, nastral, aastral;
	size_t *crlf, ncrlf, acrlf;
	size_t rawcps;		/* code points of the text as read */
	long long sid;		/* 0 until inserted */
	struct isel *sels;
	size_t nsels, asels;
	struct icoding *cods;
	size_t ncods, acods;
	struct icaselink *clinks;	/* this source's case-code codings */
	size_t nclinks, aclinks;
	struct iref *srefs;	/* refs inside this source, by index */
	size_t nsrefs, asrefs;
	struct kv *svals;
	size_t nsvals;
	int sel_skip;		/* the current selection is out of range */

	/* Sets */
	char *set_name;
	char **set_members;
	size_t nset_members;
	int set_other;		/* it has sources or notes as members */

	/* prepared statements */
	sqlite3_stmt *ins_code, *upd_code, *ins_coding, *ins_source,
		     *ins_segment, *ins_fts, *ins_part, *ins_memo;
};

/*
 * A GUID in qcode's form into out: 0. Some programs write identifiers that
 * are not GUIDs ("quotation-12"); such a one is turned into a GUID derived
 * from it, so that every reference to it still finds it: 1. Missing or
 * blank: -1.
 */
static int guid_norm(const char *s, char out[37])
{
	char *key;

	if (refi_guid_norm(s, out) == 0)
		return 0;
	if (!s || !*s || strspn(s, " \t\r\n") == strlen(s))
		return -1;
	key = xasprintf("qcode-foreign-guid:%s", s);
	refi_guid_derive(key, out);
	free(key);
	return 1;
}

/* An object whose GUID is missing or not a GUID gets a new one: said in
 * the loss report, since references to the old one no longer reach it. */
static void guid_replaced(struct imp *m, const char *what, const char *name,
			  const char *guid)
{
	if (guid && *guid) {	/* counted: one line for the file */
		if (!m->nforeign++)
			m->foreign_eg = xasprintf("%s '%s'", what, guid);
		return;
	}
	refi_loss_add(m->loss, "%s '%s': it has no GUID; a new one is made",
		      what, name ? name : "(unnamed)");
}

static const char *attr_get(struct refi_xml *x, const char *name,
			    char **hold)
{
	free(*hold);
	*hold = (char *)xmlTextReaderGetAttribute(x->r, BAD_CAST name);
	return *hold;
}

/* The text of the element the reader is on (caller frees). */
static char *elem_text(struct refi_xml *x)
{
	xmlChar *v = xmlTextReaderReadString(x->r);
	char *r = xstrdup(v ? (const char *)v : "");

	xmlFree(v);
	return r;
}

/* The importing coder, made a coder only when something needs one. */
static long long me_id(struct imp *m)
{
	if (!m->me && store_coder_id(m->s, m->s->coder, &m->me, NULL) < 0)
		m->me = 0;
	return m->me;
}

static long long coder_for(struct imp *m, const char *user)
{
	char g[37];
	long long id;

	if (user && guid_norm(user, g) >= 0 && gmap_get(&m->users, g, &id))
		return id;
	return me_id(m);
}

/* ---- text: normalised, with the edits that map the file's offsets ---- */

static int norm_text(struct imp *m, const char *t, size_t len,
		     struct qc_buf *out, struct refi_edit **ed, size_t *ned)
{
	struct qc_buf whole = QC_BUF_INIT;
	size_t i = 0, cp = 0, aed = 0;

	*ed = NULL;
	*ned = 0;
	if (text_utf8_invalid_at(t, len) != (size_t)-1)
		return qc_err_set(m->e, QC_EDATA, "text is not valid UTF-8");
	if (text_normalise(t, len, &whole, m->e) < 0)
		return -QC_EDATA;
	if (whole.len == len && memcmp(whole.buf, t, len) == 0) {
		qc_buf_add(out, t, len);
		qc_buf_release(&whole);
		return 0;
	}
	qc_buf_release(&whole);
	/* A BOM is not part of the text: offsets count from after it. */
	if (len >= 3 && !memcmp(t, "\xef\xbb\xbf", 3)) {
		t += 3;
		len -= 3;
	}
	/* Slow path: CR line ends or text not in NFC. Normalise one
	 * character with its combining marks at a time and note each change
	 * of length, so that selections keep their words. */
	while (i < len) {
		size_t a = i, acp = cp;
		int32_t c = text_utf8_next(t, len, &i);
		size_t ncp = 1;
		size_t newcp;

		if (c == '\r') {
			if (i < len && t[i] == '\n') {
				i++;
				ncp = 2;
			}
			qc_buf_addch(out, '\n');
			newcp = 1;
			goto edit;
		}
		while (i < len) {
			size_t j = i;
			int32_t d = text_utf8_next(t, len, &j);
			if (utf8proc_get_property(d)->combining_class == 0)
				break;
			i = j;
			ncp++;
		}
		{
			size_t before = out->len;
			if (text_normalise(t + a, i - a, out, m->e) < 0) {
				free(*ed);
				*ed = NULL;
				return -QC_EDATA;
			}
			newcp = text_cp_count(out->buf + before, out->len - before);
		}
edit:
		if (newcp != ncp) {
			QC_GROW(*ed, *ned, aed);
			(*ed)[*ned].start = acp;
			(*ed)[*ned].end = acp + ncp;
			(*ed)[*ned].len = newcp;
			(*ned)++;
		}
		cp += ncp;
	}
	return 0;
}

/*
 * Texts come from inside the archive only. A path that names a file on
 * this computer (absolute://, file:, relative:// against basePath or the
 * .qde's folder) would let a stranger's project carry out /etc/passwd or
 * ~/.ssh on its next export: it is refused, naming the source, unless the
 * user named one folder with --sources-from. Then relative:// resolves
 * against that folder, absolute:// and file:// paths are taken as they
 * are, and either is read only if, with every link resolved, it lies
 * inside the folder and is a regular file.
 */

/* The path of a file: URL (file:///p, file://localhost/p, file:/p),
 * percent-decoded; NULL if it names another host or is malformed. */
static char *file_url_path(const char *url)
{
	const char *p = url + 5;	/* after "file:" */
	struct qc_buf b = QC_BUF_INIT;

	if (!strncmp(p, "//", 2)) {
		p += 2;
		if (!strncasecmp(p, "localhost/", 10))
			p += 9;
		else if (*p != '/')
			return NULL;
	}
	for (; *p; p++) {
		if (*p == '%' && isxdigit((unsigned char)p[1]) &&
		    isxdigit((unsigned char)p[2])) {
			char hex[3] = { p[1], p[2], 0 };
			char c = (char)strtol(hex, NULL, 16);
			if (!c) {
				qc_buf_release(&b);
				return NULL;
			}
			qc_buf_addch(&b, c);
			p += 2;
		} else {
			qc_buf_addch(&b, *p);
		}
	}
	return qc_buf_detach(&b, NULL);
}

static void text_lost(struct imp *m, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Read path for ptp from the --sources-from folder: 0 read, 1 lost (not
 * there), -QC_EDATA refused (outside the folder, not a regular file). */
static int read_allowed(struct imp *m, const char *ptp, const char *path,
			const char *what, struct qc_buf *raw)
{
	struct qc_err e2 = QC_ERR_INIT;
	size_t n = strlen(m->from);
	char *real = path[0] == '/' ? realpath(path, NULL) : NULL;
	char buf[65536];
	ssize_t got;
	int fd, rc = 0;

	if (!real) {
		text_lost(m, what, "its text '%s' cannot be read from "
			      "'%s': %s", ptp, path, path[0] != '/' ?
			      "not a path on this computer" :
			      errno == ENOENT || errno == ENOTDIR ?
			      "no such file" : strerror(errno));
		return 1;
	}
	if (strncmp(real, m->from, n) != 0 ||
	    (n > 1 && real[n] != '/' && real[n] != '\0')) {
		rc = qc_err_set(m->e, QC_EDATA, "%s: its text '%s' lies outside "
				"the folder '%s' (links resolved); refused",
				what, ptp, m->o->sources_from);
		free(real);
		return rc;
	}
	if ((fd = qc_open_regular_flags(real, O_NOFOLLOW, &e2)) < 0) {
		rc = qc_err_set(m->e, e2.code, "%s: its text '%s': %s%s", what,
				ptp, e2.msg.buf, e2.code == QC_EDATA ?
				"; refused" : "");
		qc_err_release(&e2);
		free(real);
		return rc;
	}
	while ((got = read(fd, buf, sizeof(buf))) > 0) {
		if (raw->len + (size_t)got > m->lim.max_entry) {
			rc = qc_err_set(m->e, QC_EDATA, "%s: its text '%s' is "
					"larger than %llu bytes; refused", what,
					real, m->lim.max_entry);
			break;
		}
		qc_buf_add(raw, buf, (size_t)got);
	}
	if (got < 0 && rc == 0)
		rc = qc_err_set(m->e, QC_EIO, "%s: cannot read '%s': %s", what,
				real, strerror(errno));
	close(fd);
	free(real);
	return rc;
}

/* Why the text `what` names was not read: for a source, kept for the one
 * line finish_source writes about it; for a note, a line of its own. */
static void text_lost(struct imp *m, const char *what, const char *fmt, ...)
{
	struct qc_buf b = QC_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	qc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (m->in_source && !m->have_text) {
		free(m->stext_err);
		m->stext_err = qc_buf_detach(&b, NULL);
		return;
	}
	refi_loss_add(m->loss, "%s: %s", what, b.buf);
	qc_buf_release(&b);
}

/* Read the text a plainTextPath names into raw: 0 read, 1 lost (the loss
 * report says why), -code refused with m->e set. */
static int read_path_text(struct imp *m, const char *ptp, const char *what,
			  struct qc_buf *raw)
{
	char *local = NULL;
	int rc;

	if (!strncasecmp(ptp, "internal://", 11)) {
		const char *name = ptp + 11;
		char *entry;
		long long idx;

		if (!m->have_zip) {
			text_lost(m, what, "its text '%s' is inside a "
				  ".qdpx archive, but a bare project file "
				  "was imported", name);
			return 1;
		}
		if (strchr(name, '/') || strchr(name, '\\')) {
			text_lost(m, what, "text path '%s' is not a "
				  "file of the sources folder", ptp);
			return 1;
		}
		entry = xasprintf("sources/%s", name);
		idx = zipread_find(&m->z, entry);
		free(entry);
		if (idx < 0) {
			text_lost(m, what, "its text '%s' is missing "
				  "from the archive", name);
			return 1;
		}
		rc = zipread_read(&m->z, idx, raw, m->e);
		return rc < 0 ? rc : 0;
	}
	if (!strncasecmp(ptp, "relative://", 11)) {
		const char *rel = ptp + 11;

		while (*rel == '/')
			rel++;
		/* an entry of the archive itself, if it is one */
		if (m->have_zip && *rel) {
			long long idx = zipread_find(&m->z, rel);
			if (idx >= 0) {
				rc = zipread_read(&m->z, idx, raw, m->e);
				return rc < 0 ? rc : 0;
			}
		}
		if (m->from)
			local = xasprintf("%s/%s", m->from, rel);
	} else if (!strncasecmp(ptp, "absolute://", 11)) {
		if (m->from)
			local = xstrdup(ptp + 11);
	} else if (!strncasecmp(ptp, "file:", 5)) {
		if (m->from && !(local = file_url_path(ptp))) {
			text_lost(m, what, "text path '%s' names another "
				  "computer; not read", ptp);
			return 1;
		}
	}
	if (!local)
		return qc_err_set(m->e, QC_EDATA, "%s: its text '%s'%s%s%s would "
				  "be read from this computer, not from the "
				  "archive; refused (--sources-from DIR allows "
				  "one folder)", what, ptp,
				  m->base && *m->base ? " (basePath '" : "",
				  m->base && *m->base ? m->base : "",
				  m->base && *m->base ? "')" : "");
	rc = read_allowed(m, ptp, local, what, raw);
	free(local);
	return rc;
}

/* ---- codes ---- */

static void slug_of(const char *name, struct qc_buf *b)
{
	struct qc_buf f = QC_BUF_INIT;
	int dash = 0;

	text_fold(name, strlen(name), &f);
	for (size_t i = 0; i < f.len && b->len < 40; i++) {
		unsigned char c = (unsigned char)f.buf[i];
		if (isalnum(c)) {
			if (dash && b->len)
				qc_buf_addch(b, '-');
			dash = 0;
			qc_buf_addch(b, (char)c);
		} else {
			dash = 1;
		}
	}
	if (!b->len)
		qc_buf_adds(b, "code");
	qc_buf_release(&f);
}

static int short_id_free(struct imp *m, const char *id)
{
	sqlite3_stmt *st = store_prepare(m->s,
		"SELECT 1 FROM codes WHERE short_id = ?", NULL);
	int taken;

	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	taken = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return !taken;
}

static char *unique_short_id(struct imp *m, const char *want, const char *name)
{
	struct qc_buf b = QC_BUF_INIT;

	if (want && *want && short_id_free(m, want))
		return xstrdup(want);
	slug_of(name, &b);
	if (short_id_free(m, b.buf))
		return qc_buf_detach(&b, NULL);
	for (int n = 2;; n++) {
		char *t = xasprintf("%s-%d", b.buf, n);
		if (short_id_free(m, t)) {
			qc_buf_release(&b);
			return t;
		}
		free(t);
	}
}

static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* The next element below the one at depth: its local name, or NULL when
 * there is none (*rc: the reader's last result, -1 on an error). */
static const char *child_next(struct refi_xml *x, int depth, int *rc)
{
	while ((*rc = xmlTextReaderRead(x->r)) == 1 &&
	       xmlTextReaderDepth(x->r) > depth)
		if (xmlTextReaderNodeType(x->r) == XML_READER_TYPE_ELEMENT)
			return (const char *)xmlTextReaderConstLocalName(x->r);
	return NULL;
}

/* A code's texts, colour and codability, bound from parameter first on
 * (the insert and the update list them in the same order). */
static void bind_code_fields(sqlite3_stmt *st, int first,
			     const struct refi_code_text *t,
			     const struct icode *k)
{
	const char *v[] = { t->definition, t->inclusion, t->exclusion,
		t->example, t->lesson, t->recommendation, t->skills,
		t->patterns, k->colour };
	int n = (int)(sizeof(v) / sizeof(v[0]));

	for (int i = 0; i < n; i++)
		bind_opt(st, first + i, v[i]);
	sqlite3_bind_int(st, first + n, k->codable);
}

/* Find a code by GUID, then (for codebooks) by name under the parent. */
static long long existing_code(struct imp *m, const char *guid,
			       const char *name, long long parent)
{
	sqlite3_stmt *st = store_prepare(m->s,
		"SELECT id FROM codes WHERE guid = ?1 UNION ALL"
		" SELECT id FROM codes WHERE ?4 AND name = ?2 AND"
		" coalesce(parent_id, 0) = ?3 LIMIT 1", NULL);
	long long id = 0;

	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, guid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, parent);
	sqlite3_bind_int(st, 4, m->qdc);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* Insert (or merge) the code on top of the stack, once. */
static int ensure_code(struct imp *m)
{
	struct icode *k = &m->cstack[m->cdepth - 1];
	long long parent = m->cdepth > 1 ? m->cstack[m->cdepth - 2].id : 0;
	struct refi_code_text t;
	long long id;
	int rc = 0;

	if (k->id)
		return 0;
	refi_description_parse(k->desc, &t);
	id = existing_code(m, k->guid, k->name, parent);
	if (id && (!m->o || m->o->into_existing || m->qdc)) {
		k->id = id;
		if (m->qdc) {
			/* a codebook load updates what changed */
			sqlite3_stmt *st = m->upd_code;
			bind_opt(st, 1, k->name);
			bind_code_fields(st, 2, &t, k);
			sqlite3_bind_int64(st, 12, id);
			if (parent)
				sqlite3_bind_int64(st, 13, parent);
			else
				sqlite3_bind_null(st, 13);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = store_fail(m->s, m->e, "codes");
			else if (sqlite3_changes(m->s->db) > 0)
				m->changed++;
			sqlite3_reset(st);
		}
	} else {
		sqlite3_stmt *st = m->ins_code;
		char *sid = unique_short_id(m, t.short_id, k->name);
		char g[37];

		memcpy(g, k->guid, 37);
		if (id)	/* a GUID clash with a code of another project */
			store_new_guid(g);
		sqlite3_bind_text(st, 1, g, -1, SQLITE_TRANSIENT);
		if (parent)
			sqlite3_bind_int64(st, 2, parent);
		else
			sqlite3_bind_null(st, 2);
		sqlite3_bind_text(st, 3, sid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, k->name, -1, SQLITE_TRANSIENT);
		bind_code_fields(st, 5, &t, k);
		sqlite3_bind_int64(st, 15, (long long)m->added);
		free(sid);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(m->s, m->e, "codes");
		else {
			k->id = sqlite3_last_insert_rowid(m->s->db);
			m->added++;
			if (m->c)
				m->c->codes++;
		}
		sqlite3_reset(st);
	}
	if (rc == 0)
		gmap_put(&m->codes, k->guid, k->id);
	refi_code_text_release(&t);
	return rc;
}

static void code_pop(struct imp *m)
{
	struct icode *k = &m->cstack[--m->cdepth];

	free(k->name);
	free(k->colour);
	free(k->desc);
	memset(k, 0, sizeof(*k));
}

/* ---- sources ---- */

static void source_reset(struct imp *m)
{
	free(m->sname);
	free(m->screated);
	free(m->stext_err);
	m->stext_err = NULL;
	free(m->sedits);
	for (size_t i = 0; i < m->nsels; i++)
		free(m->sels[i].desc);
	for (size_t i = 0; i < m->ncods; i++)
		free(m->cods[i].created);
	for (size_t i = 0; i < m->nsvals; i++) {
		free(m->svals[i].key);
		free(m->svals[i].value);
	}
	free(m->svals);
	m->svals = NULL;
	m->nsvals = 0;
	m->sname = m->screated = NULL;
	m->sedits = NULL;
	m->nsedits = 0;
	m->nsels = m->ncods = m->nsrefs = m->nclinks = 0;
	m->have_text = 0;
	m->sid = 0;
	m->in_source = 0;
	m->scps = 0;
	m->nastral = m->ncrlf = m->rawcps = 0;
	qc_buf_reset(&m->stext);
}

static int source_text_from(struct imp *m, const char *raw, size_t n)
{
	int rc;

	qc_buf_reset(&m->stext);
	free(m->sedits);
	rc = norm_text(m, raw, n, &m->stext, &m->sedits, &m->nsedits);
	if (rc < 0) {
		qc_err_prefix(m->e, "source '%s'", m->sname ? m->sname : m->sguid);
		return rc;
	}
	m->have_text = 1;
	m->scps = text_cp_count(m->stext.buf, m->stext.len);
	/* what another program may count otherwise, for map_selections */
	m->nastral = m->ncrlf = 0;
	if (n >= 3 && !memcmp(raw, "\xef\xbb\xbf", 3)) {
		raw += 3;
		n -= 3;
	}
	{
		size_t i = 0, cp = 0;
		int32_t prev = -1;
		while (i < n) {
			int32_t c = text_utf8_next(raw, n, &i);
			if (c > 0xffff) {
				QC_GROW(m->astral, m->nastral, m->aastral);
				m->astral[m->nastral++] = cp;
			} else if (c == '\n' && prev == '\r') {
				QC_GROW(m->crlf, m->ncrlf, m->acrlf);
				m->crlf[m->ncrlf++] = cp - 1;
			}
			prev = c;
			cp++;
		}
		m->rawcps = cp;
	}
	return 0;
}

/* ---- the unit of the file's positions ---- */

#define UNIT_UTF16 1	/* UTF-16 code units (NVivo) */
#define UNIT_CRLF1 2	/* a CR LF pair counted as one character */

/*
 * Edits with the shift after each, to map many positions: the same
 * mapping as refi_map_start/refi_map_end, in O(log n) a position.
 */
struct emap {
	struct refi_edit *ed;
	long long *after;	/* the shift after edits 0..i */
	size_t n;
};

static void emap_init(struct emap *em, struct refi_edit *ed, size_t n)
{
	long long d = 0;

	em->ed = ed;
	em->n = n;
	em->after = xcalloc(n + 1, sizeof(*em->after));
	for (size_t i = 0; i < n; i++) {
		d += (long long)ed[i].len - (long long)(ed[i].end - ed[i].start);
		em->after[i] = d;
	}
}

/* The number of edits that end at or before pos. */
static size_t emap_before(const struct emap *em, size_t pos)
{
	size_t lo = 0, hi = em->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (em->ed[mid].end <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static long long emap_shift(const struct emap *em, size_t k)
{
	return k ? em->after[k - 1] : 0;
}

/* True if pos lies strictly inside an edit (half a character). */
static int emap_inside(const struct emap *em, size_t pos)
{
	size_t k = emap_before(em, pos);

	return k < em->n && em->ed[k].start < pos && pos < em->ed[k].end;
}

static size_t emap_start(const struct emap *em, size_t pos)
{
	size_t k = emap_before(em, pos);

	if (k < em->n && em->ed[k].start <= pos && pos < em->ed[k].end)
		pos = em->ed[k].start;
	return (size_t)((long long)pos + emap_shift(em, k));
}

static size_t emap_end(const struct emap *em, size_t pos)
{
	size_t k = emap_before(em, pos);

	if (k < em->n && em->ed[k].start < pos && pos < em->ed[k].end)
		return (size_t)((long long)em->ed[k].start + emap_shift(em, k) +
				(long long)em->ed[k].len);
	return (size_t)((long long)pos + emap_shift(em, k));
}

/* The edits that take a position as counted in `unit` to a code point of
 * the text as read (the caller frees the array inside). */
static void unit_map(const struct imp *m, int unit, struct emap *em)
{
	struct refi_edit *ed = NULL;
	size_t n = 0, alloc = 0, ia = 0, ic = 0;

	while ((unit & UNIT_UTF16 && ia < m->nastral) ||
	       (unit & UNIT_CRLF1 && ic < m->ncrlf)) {
		int astral = (unit & UNIT_UTF16) && ia < m->nastral &&
			     (!(unit & UNIT_CRLF1) || ic >= m->ncrlf ||
			      m->astral[ia] < m->crlf[ic]);
		size_t raw = astral ? m->astral[ia] : m->crlf[ic];
		size_t fp = raw + ((unit & UNIT_UTF16) ? ia : 0) -
			    ((unit & UNIT_CRLF1) ? ic : 0);

		QC_GROW(ed, n, alloc);
		if (astral) {	/* two code units, one character */
			ed[n++] = (struct refi_edit){ fp, fp + 2, 1 };
			ia++;
		} else {	/* one character, two code points */
			ed[n++] = (struct refi_edit){ fp, fp + 1, 2 };
			ic++;
		}
	}
	emap_init(em, ed, n);
}

static void emap_free(struct emap *em)
{
	free(em->ed);
	free(em->after);
}

/* The length of the text as counted in `unit`. */
static size_t unit_len(const struct imp *m, int unit)
{
	return m->rawcps + ((unit & UNIT_UTF16) ? m->nastral : 0) -
	       ((unit & UNIT_CRLF1) ? m->ncrlf : 0);
}

static int size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* True if file position fp, counted in `unit`, falls between two
 * characters that are not both part of one word. */
static int on_boundary(const struct imp *m, int unit, const struct emap *u,
		       const struct emap *se, const int32_t *cpv, size_t fp)
{
	size_t raw, q, prev;

	if (emap_inside(u, fp))		/* half a surrogate pair */
		return 0;
	raw = emap_start(u, fp);
	prev = raw - 1;
	if (!(unit & UNIT_CRLF1) && raw > 0 && m->ncrlf &&
	    bsearch(&prev, m->crlf, m->ncrlf, sizeof(size_t), size_cmp))
		return 0;		/* between CR and LF */
	q = emap_start(se, raw);
	if (q == 0 || q >= m->scps)
		return 1;
	return !(text_is_word_cp(cpv[q - 1]) && text_is_word_cp(cpv[q]));
}

/*
 * The unit of this source's positions: the one forced by --offsets, or
 * of the readings that can differ here, the one that leaves the fewest
 * selections outside the text and puts the most selection bounds on word
 * boundaries; a tie goes to what the project's origin names (NVivo:
 * UTF-16, ATLAS.ti: CR LF as one), else to code points. *why says why.
 */
static int choose_unit(struct imp *m, const char **why)
{
	int avail = (m->nastral ? UNIT_UTF16 : 0) | (m->ncrlf ? UNIT_CRLF1 : 0);
	int pref = 0, best = -1, order[5], norder = 0;
	long long best_out = 0, best_score = 0, plain_out = 0, plain_score = 0;
	int32_t *cpv;
	struct emap se;

	*why = NULL;
	if (!avail)
		return 0;
	if (m->origin && strstr(m->origin, "NVivo"))
		pref |= UNIT_UTF16;
	if (m->origin && (strstr(m->origin, "ATLAS") || strstr(m->origin, "Atlas")))
		pref |= UNIT_CRLF1;
	order[norder++] = pref & avail;
	for (int u = 0; u < 4; u++)
		order[norder++] = u & avail;
	cpv = xcalloc(m->scps + 1, sizeof(*cpv));
	for (size_t i = 0, k = 0; i < m->stext.len && k < m->scps;)
		cpv[k++] = text_utf8_next(m->stext.buf, m->stext.len, &i);
	emap_init(&se, m->sedits, m->nsedits);
	for (int oi = 0; oi < norder; oi++) {
		int unit = order[oi], dup = 0;
		long long out = 0, score = 0;
		size_t len = unit_len(m, unit);
		struct emap u;

		for (int j = 0; j < oi; j++)
			dup |= order[j] == unit;
		if (dup)
			continue;
		if (m->offsets == REFI_OFFSETS_CODEPOINTS && (unit & UNIT_UTF16))
			continue;
		if (m->offsets == REFI_OFFSETS_UTF16 &&
		    (avail & UNIT_UTF16) && !(unit & UNIT_UTF16))
			continue;
		unit_map(m, unit, &u);
		for (size_t i = 0; i < m->nsels; i++) {
			const struct isel *s = &m->sels[i];
			if (s->whole)
				continue;
			if ((size_t)s->end > len) {
				out++;
				continue;
			}
			score += on_boundary(m, unit, &u, &se, cpv, (size_t)s->start) +
				 on_boundary(m, unit, &u, &se, cpv, (size_t)s->end);
		}
		emap_free(&u);
		if (unit == 0) {
			plain_out = out;
			plain_score = score;
		}
		if (best < 0 || out < best_out ||
		    (out == best_out && score > best_score)) {
			best = unit;
			best_out = out;
			best_score = score;
		}
	}
	free(cpv);
	free(se.after);
	if (best > 0) {
		if (m->offsets == REFI_OFFSETS_UTF16 && (best & UNIT_UTF16))
			*why = "as --offsets says";
		else if (best_out < plain_out)
			*why = "counted so, every selection lies inside the text";
		else if (best_score > plain_score)
			*why = "counted so, the selections begin and end between "
			       "words";
		else
			*why = "the program that wrote the file counts so";
	}
	return best;
}

/* Map the source's selections from the file's count to code points of
 * the stored text, in the unit choose_unit finds; a selection that ends
 * past the text so counted is reported and dropped with its codings. */
static void map_selections(struct imp *m, const char *title)
{
	const char *why;
	int unit = choose_unit(m, &why);
	size_t len = unit_len(m, unit);
	struct emap u, se;

	if (unit)
		refi_loss_note(m->loss, "text source '%s': positions %s%s%s "
			       "(%s)", title,
			       (unit & UNIT_UTF16) ? "in UTF-16 code units, "
						     "not code points" : "",
			       unit == (UNIT_UTF16 | UNIT_CRLF1) ? ", and " : "",
			       (unit & UNIT_CRLF1) ? "with a Windows line break "
						     "(CR LF) counted as one "
						     "character" : "", why);
	unit_map(m, unit, &u);
	emap_init(&se, m->sedits, m->nsedits);
	for (size_t i = 0; i < m->nsels; i++) {
		struct isel *s = &m->sels[i];
		if (s->whole)
			continue;
		if ((size_t)s->end > len) {
			refi_loss_add(m->loss, "selection %lld-%lld in source "
				      "'%s': outside its text of %zu characters;"
				      " it and its codings are not carried over",
				      s->start, s->end, title, len);
			s->dropped = 1;
			s->case_idx = -1;
			continue;
		}
		s->start = (long long)emap_start(&se, emap_start(&u,
							 (size_t)s->start));
		s->end = (long long)emap_end(&se, emap_end(&u, (size_t)s->end));
	}
	emap_free(&u);
	free(se.after);
}

static struct isel *sel_new(struct imp *m)
{
	struct isel *s;

	QC_GROW(m->sels, m->nsels, m->asels);
	s = &m->sels[m->nsels++];
	memset(s, 0, sizeof(*s));
	s->case_idx = -1;
	return s;
}

static void sref_add(struct imp *m, const char *note, int kind, long long id)
{
	struct iref *r;
	char g[37];

	if (guid_norm(note, g) < 0) {
		refi_loss_add(m->loss, "note reference '%s': not a GUID", note);
		return;
	}
	QC_GROW(m->srefs, m->nsrefs, m->asrefs);
	r = &m->srefs[m->nsrefs++];
	memcpy(r->note, g, 37);
	r->kind = kind;
	r->id = id;
}

/* A settled reference (note, kind, id) as one key, to find it again. */
static void ref_key(const char *note, int kind, long long id, char out[37])
{
	char *k = xasprintf("ref:%s:%d:%lld", note, kind, id);

	refi_guid_derive(k, out);
	free(k);
}

static void ref_add(struct imp *m, const char *note, int kind, long long id)
{
	struct iref *r;
	char key[37];

	ref_key(note, kind, id, key);
	gmap_put(&m->refs_at, key, 1);
	QC_GROW(m->refs, m->nrefs, m->arefs);
	r = &m->refs[m->nrefs++];
	snprintf(r->note, sizeof(r->note), "%s", note);
	r->kind = kind;
	r->id = id;
}

static const char *kind_ok(const char *v)
{
	static const char *const kinds[] = { "focus-group", "interview",
		"observation", "document", "literature", "case-review",
		"questionnaire" };

	for (size_t i = 0; v && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(v, kinds[i]))
			return kinds[i];
	return NULL;
}

static int ensure_source(struct imp *m)
{
	sqlite3_stmt *st = m->ins_source;
	char sha[65], g[37];
	const char *kind = NULL, *date = NULL;
	long long exists = 0;

	if (m->sid)
		return 0;
	for (size_t i = 0; i < m->nsvals; i++) {
		if (!strcmp(m->svals[i].key, "kind"))
			kind = kind_ok(m->svals[i].value);
		if (!strcmp(m->svals[i].key, "date"))
			date = m->svals[i].value;
	}
	memcpy(g, m->sguid, 37);
	{
		sqlite3_stmt *q = store_prepare(m->s,
			"SELECT id FROM sources WHERE guid = ?", m->e);
		if (!q)
			return -QC_EIO;
		sqlite3_bind_text(q, 1, g, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			exists = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
	if (exists)
		store_new_guid(g);	/* the same source twice: keep both */
	qc_sha256_hex(m->stext.buf, m->stext.len, sha);
	sqlite3_bind_text(st, 1, g, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, kind ? kind : "document", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, m->sname ? m->sname : m->sguid, -1,
			  SQLITE_TRANSIENT);
	bind_opt(st, 4, date);
	bind_opt(st, 5, m->path);
	sqlite3_bind_text(st, 6, sha, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, m->stext.buf, (int)m->stext.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, (long long)m->scps);
	sqlite3_bind_int64(st, 9, (long long)text_word_count(m->stext.buf,
							     m->stext.len));
	sqlite3_bind_text(st, 10, m->screated && *m->screated ? m->screated
							       : m->now, -1,
			  SQLITE_STATIC);
	{
		/* who made the source in the other program, if it says */
		sqlite3_stmt *q = store_prepare(m->s,
			"SELECT name FROM coders WHERE id = ?", NULL);
		char *who = NULL;
		if (q) {
			sqlite3_bind_int64(q, 1, m->screator);
			if (m->screator && sqlite3_step(q) == SQLITE_ROW)
				who = xstrdup((const char *)sqlite3_column_text(q, 0));
			sqlite3_finalize(q);
		}
		sqlite3_bind_text(st, 11, who ? who : m->s->coder, -1,
				  SQLITE_TRANSIENT);
		free(who);
	}
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return store_fail(m->s, m->e, "sources");
	}
	sqlite3_reset(st);
	m->sid = sqlite3_last_insert_rowid(m->s->db);
	if (m->c)
		m->c->sources++;
	return 0;
}

/* The qcode type of a REFI variable: Boolean, Integer, Float, Date and
 * DateTime keep their type, Text is text. */
static const char *var_type(struct imp *m, const char *name)
{
	for (size_t i = 0; i < m->nvars; i++)
		if (!strcmp(m->var_names[i], name)) {
			const char *t = m->var_types[i];
			return !strcmp(t, "Boolean") ? "boolean" :
			       !strcmp(t, "Integer") || !strcmp(t, "Float") ?
			       "number" : !strncmp(t, "Date", 4) ? "date" :
			       "text";
		}
	return "text";
}

/* Run sql with ?1 = a and ?2 = b; 0, or -1 with m->e set. */
static int exec_pid(struct imp *m, const char *sql, long long a, long long b)
{
	sqlite3_stmt *st = store_prepare(m->s, sql, m->e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	if (rc < 0)
		store_fail(m->s, m->e, "persons");
	return rc;
}

/* The case's person: made with its first participant (the case's GUID
 * and name, its values as typed attributes), then shared by the
 * participants of the case in other sources. */
static int case_person(struct imp *m, struct icase *c, long long pid)
{
	sqlite3_stmt *st;
	int rc;

	if (c->person)
		return exec_pid(m, "UPDATE participants SET person_id = ?1"
				" WHERE id = ?2", c->person, pid);
	st = store_prepare(m->s, "INSERT INTO persons(guid, name, pseudonym)"
			   " SELECT CASE WHEN EXISTS (SELECT 1 FROM persons WHERE"
			   " guid = ?1) THEN ?2 ELSE ?1 END, ?3, ?4", m->e);
	if (!st)
		return -1;
	{
		char g[37];
		store_new_guid(g);
		sqlite3_bind_text(st, 1, c->guid, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, g, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_text(st, 3, c->name, -1, SQLITE_STATIC);
	bind_opt(st, 4, c->pseudonym);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	if (rc < 0) {
		store_fail(m->s, m->e, "persons");
		return -1;
	}
	c->person = sqlite3_last_insert_rowid(m->s->db);
	if (exec_pid(m, "UPDATE participants SET person_id = ?1 WHERE id = ?2",
		     c->person, pid) < 0)
		return -1;
	for (size_t i = 0; i < c->nattrs; i++) {
		struct qc_err e2 = QC_ERR_INIT;
		char *norm = NULL;
		const char *key = c->attrs[i].key;

		if (!strcmp(key, "description"))
			continue;
		/* a variable not declared yet is, with its file's type; one
		 * that cannot be is said in the loss report below */
		if (persons_attr_known(m->s, key, &e2) < 0) {
			qc_err_clear(&e2);
			persons_attr_declare(m->s, key, var_type(m, key), NULL,
					     0, &e2);
		}
		qc_err_clear(&e2);
		if (persons_attr_check(m->s, key, c->attrs[i].value, 1, &norm,
				       &e2) < 0) {
			refi_loss_add(m->loss, "case '%s': %s; kept on the"
				      " speaker only", c->name, e2.msg.buf);
			qc_err_release(&e2);
			continue;
		}
		qc_err_release(&e2);
		st = store_prepare(m->s, "INSERT OR REPLACE INTO person_attrs("
				   "person_id, key, value) VALUES (?, ?, ?)", m->e);
		if (!st) {
			free(norm);
			return -1;
		}
		sqlite3_bind_int64(st, 1, c->person);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, norm, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
		sqlite3_finalize(st);
		free(norm);
		if (rc < 0) {
			store_fail(m->s, m->e, "persons");
			return -1;
		}
	}
	return 0;
}

static long long participant_for(struct imp *m, long long ci)
{
	struct icase *c = &m->cases[ci];
	sqlite3_stmt *q = store_prepare(m->s,
		"SELECT id FROM participants WHERE source_id = ? AND label = ?",
		m->e);
	long long pid = 0;
	char g[37];

	if (!q)
		return -1;
	c->used = 1;
	sqlite3_bind_int64(q, 1, m->sid);
	sqlite3_bind_text(q, 2, c->name, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		pid = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	if (pid)
		return pid;
	q = store_prepare(m->s, "SELECT 1 FROM participants WHERE guid = ?", m->e);
	if (!q)
		return -1;
	memcpy(g, c->guid, 37);
	sqlite3_bind_text(q, 1, g, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW) {
		/* the same case in a second source */
		char *key = xasprintf("qcode-participant:%s:%s", c->guid,
				      m->sguid);
		refi_guid_derive(key, g);
		free(key);
		/* and that too when the same file is imported again */
		sqlite3_reset(q);
		sqlite3_bind_text(q, 1, g, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			store_new_guid(g);
	}
	sqlite3_finalize(q);
	sqlite3_bind_int64(m->ins_part, 1, m->sid);
	sqlite3_bind_text(m->ins_part, 2, c->name, -1, SQLITE_STATIC);
	bind_opt(m->ins_part, 3, c->role);
	sqlite3_bind_text(m->ins_part, 4, g, -1, SQLITE_TRANSIENT);
	bind_opt(m->ins_part, 5, c->pseudonym);
	if (sqlite3_step(m->ins_part) != SQLITE_DONE) {
		sqlite3_reset(m->ins_part);
		store_fail(m->s, m->e, "participants");
		return -1;
	}
	sqlite3_reset(m->ins_part);
	pid = sqlite3_last_insert_rowid(m->s->db);
	if (c->nattrs) {
		sqlite3_stmt *a = store_prepare(m->s,
			"INSERT OR REPLACE INTO participant_attrs(participant_id,"
			" key, value) VALUES (?, ?, ?)", m->e);
		if (!a)
			return -1;
		for (size_t i = 0; i < c->nattrs; i++) {
			sqlite3_bind_int64(a, 1, pid);
			sqlite3_bind_text(a, 2, c->attrs[i].key, -1, SQLITE_STATIC);
			sqlite3_bind_text(a, 3, c->attrs[i].value, -1, SQLITE_STATIC);
			sqlite3_step(a);
			sqlite3_reset(a);
		}
		sqlite3_finalize(a);
	}
	if (case_person(m, c, pid) < 0)
		return -1;
	if (m->c)
		m->c->cases++;
	return pid;
}

struct iseg {
	long long start, end, pid;
	const char *speaker;
	long long sel;		/* selection index, or -1 */
	long long row;
	size_t sb, eb;		/* the span in bytes */
};

static int seg_cmp(const void *a, const void *b)
{
	const struct iseg *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

static int insert_segment(struct imp *m, struct iseg *g, long long ordinal)
{
	sqlite3_stmt *st = m->ins_segment;

	sqlite3_bind_int64(st, 1, m->sid);
	sqlite3_bind_int64(st, 2, ordinal);
	if (g->pid)
		sqlite3_bind_int64(st, 3, g->pid);
	else
		sqlite3_bind_null(st, 3);
	bind_opt(st, 4, g->speaker);
	sqlite3_bind_int64(st, 5, g->start);
	sqlite3_bind_int64(st, 6, g->end);
	sqlite3_bind_text(st, 7, m->stext.buf + g->sb, (int)(g->eb - g->sb),
			  SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return store_fail(m->s, m->e, "segments");
	}
	sqlite3_reset(st);
	g->row = sqlite3_last_insert_rowid(m->s->db);
	st = m->ins_fts;
	sqlite3_bind_int64(st, 1, g->row);
	sqlite3_bind_text(st, 2, m->stext.buf + g->sb, (int)(g->eb - g->sb),
			  SQLITE_STATIC);
	bind_opt(st, 3, g->speaker);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return store_fail(m->s, m->e, "segments");
	}
	sqlite3_reset(st);
	return 0;
}

static void seg_push(struct iseg **v, size_t *n, size_t *alloc, struct iseg g)
{
	QC_GROW(*v, *n, *alloc);
	(*v)[(*n)++] = g;
}

/* A line piece between turns, trimmed; empty pieces are dropped. */
static void piece(struct imp *m, struct iseg **v, size_t *n, size_t *alloc,
		  long long a, size_t ab, long long b, size_t bb)
{
	const char *t = m->stext.buf;

	while (ab < bb && (t[ab] == ' ' || t[ab] == '\t' || t[ab] == '\r')) {
		ab++;
		a++;
	}
	while (bb > ab && (t[bb - 1] == ' ' || t[bb - 1] == '\t' ||
			   t[bb - 1] == '\r')) {
		bb--;
		b--;
	}
	if (b > a)
		seg_push(v, n, alloc, (struct iseg){ a, b, 0, NULL, -1, 0, ab, bb });
}

/* Turns: the cases' selections; the text between them is cut into lines,
 * leaving out what runs on the same line into a turn (a speaker label).
 * One pass over the text, so a long source costs no more than its length. */
static int build_segments(struct imp *m, struct iseg **out, size_t *nout)
{
	struct iseg *v = NULL;
	size_t n = 0, alloc = 0, kept = 0, turns;
	const char *t = m->stext.buf;
	size_t len = m->stext.len, bi = 0, pb = 0;
	long long cp = 0, pc = 0;
	size_t ti = 0;
	int in_turn = 0;

	for (size_t i = 0; i < m->nsels; i++) {
		struct isel *s = &m->sels[i];
		long long pid;
		if (s->case_idx < 0)
			continue;
		if ((pid = participant_for(m, s->case_idx)) < 0)
			goto fail;
		seg_push(&v, &n, &alloc, (struct iseg){ s->start, s->end, pid,
			 m->cases[s->case_idx].name, (long long)i, 0, 0, 0 });
	}
	if (n)
		qsort(v, n, sizeof(*v), seg_cmp);
	/* overlapping turns cannot both be turns: keep the first */
	for (size_t i = 0; i < n; i++) {
		if (kept && v[i].start < v[kept - 1].end) {
			refi_loss_add(m->loss, "case '%s' in source '%s': its "
				      "selection %lld-%lld overlaps another "
				      "turn; kept as a selection, not a turn",
				      v[i].speaker, m->sname ? m->sname : m->sguid,
				      v[i].start, v[i].end);
			m->sels[v[i].sel].case_idx = -1;
			continue;
		}
		v[kept++] = v[i];
	}
	n = turns = kept;
	for (;;) {
		if (!in_turn && ti < turns && cp == v[ti].start) {
			/* the piece before a turn on its line is its label */
			v[ti].sb = bi;
			in_turn = 1;
		}
		if (in_turn && cp == v[ti].end) {
			v[ti].eb = bi;
			in_turn = 0;
			ti++;
			pc = cp;
			pb = bi;
			continue;
		}
		if (bi >= len) {
			if (!in_turn)
				piece(m, &v, &n, &alloc, pc, pb, cp, bi);
			break;
		}
		int32_t c = text_utf8_next(t, len, &bi);
		cp++;
		if (!in_turn && c == '\n') {
			piece(m, &v, &n, &alloc, pc, pb, cp - 1, bi - 1);
			pc = cp;
			pb = bi;
		}
	}
	if (in_turn)	/* a turn past the end cannot be: the text was checked */
		v[ti].eb = len;
	if (n)
		qsort(v, n, sizeof(*v), seg_cmp);
	for (size_t i = 0; i < n; i++)
		if (insert_segment(m, &v[i], (long long)i + 1) < 0)
			goto fail;
	*out = v;
	*nout = n;
	return 0;
fail:
	free(v);
	return -QC_EIO;
}

/* The segment holding code point pos, or 0. */
static long long seg_at(const struct iseg *v, size_t n, long long pos)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].start <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo && pos < v[lo - 1].end)
		return v[lo - 1].row;
	return 0;
}

/* The segment a span [a, b) belongs to: the one holding a, else (a start
 * between turns) the first one the span reaches; 0 if none. */
static long long seg_of_span(const struct iseg *v, size_t n, long long a,
			     long long b)
{
	long long row = seg_at(v, n, a);
	size_t lo = 0, hi = n;

	if (row)
		return row;
	/* segments do not overlap: their ends rise with their starts */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].end <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].start < b ? v[lo].row : 0;
}

/* Where a note on selection i goes: the turn the selection is (turn:
 * that turn's row, or 0), else its first coding, else the turn it starts
 * in, else its source. */
static long long sel_place(const struct imp *m, size_t i, long long turn,
			   const struct iseg *segs, size_t nsegs, int *kind)
{
	const struct isel *s = &m->sels[i];
	long long seg;

	if (s->dropped) {
		*kind = RT_SOURCE;
		return m->sid;
	}
	if (turn) {
		*kind = RT_SEGMENT;
		return turn;
	}
	if (s->ncodings && m->cods[s->first_coding].row) {
		*kind = RT_CODING;
		return m->cods[s->first_coding].row;
	}
	if ((seg = seg_at(segs, nsegs, s->start))) {
		*kind = RT_SEGMENT;
		return seg;
	}
	*kind = RT_SOURCE;
	return m->sid;
}

/* The row of the coding with this GUID, or 0. */
static long long coding_row(struct imp *m, const char *guid)
{
	sqlite3_stmt *q = store_prepare(m->s,
		"SELECT id FROM codings WHERE guid = ?", NULL);
	long long id = 0;

	if (!q)
		return 0;
	sqlite3_bind_text(q, 1, guid, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		id = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return id;
}

/* qcode keeps no GUID for a selection: its export names one by its
 * source and span. Other programs' selection GUIDs are said to be lost,
 * in one line per source. */
static void foreign_selections(struct imp *m, const char *title)
{
	size_t n = 0;

	for (size_t i = 0; i < m->nsels; i++) {
		const struct isel *s = &m->sels[i];
		char g[37];
		char *key;

		if (s->whole || s->dropped || (!s->ncodings && s->case_idx < 0 &&
					       !s->noted && !(s->desc && *s->desc)))
			continue;
		key = xasprintf("qcode-selection:%s:%lld-%lld", m->sguid,
				s->start, s->end);
		refi_guid_derive(key, g);
		free(key);
		n += strcmp(g, s->guid) != 0;
	}
	if (n)
		refi_loss_add(m->loss, "text source '%s': the GUIDs of %zu "
			      "selection%s are not kept (qcode names a selection"
			      " by its source and span)", title, n,
			      n == 1 ? "" : "s");
}

/* The case codes' codings of this source, once its positions are read:
 * one on the whole text links the case to the source (as a SourceRef),
 * one on a part makes that part the case's turn (as a SelectionRef). */
static void case_links(struct imp *m, const char *title)
{
	for (size_t i = 0; i < m->nclinks; i++) {
		struct isel *s = &m->sels[m->clinks[i].sel];
		struct icase *c = &m->cases[m->clinks[i].ci];
		size_t j;

		if (s->dropped)
			continue;
		if (s->start == 0 && s->end == (long long)m->scps) {
			for (j = 0; j < c->nsources; j++)
				if (!strcmp(c->sources[j], m->sguid))
					break;
			if (j == c->nsources) {
				c->sources = xreallocarray(c->sources,
					c->nsources + 1, sizeof(char *));
				c->sources[c->nsources++] = xstrdup(m->sguid);
			}
		} else if (s->case_idx < 0) {
			s->case_idx = m->clinks[i].ci;
		} else if (s->case_idx != m->clinks[i].ci) {
			refi_loss_add(m->loss, "selection %lld-%lld in source "
				      "'%s': a turn of case '%s' and coded with "
				      "the case code of '%s'; kept as the first's"
				      " turn", s->start, s->end, title,
				      m->cases[s->case_idx].name, c->name);
		}
	}
}

static int finish_source(struct imp *m)
{
	struct iseg *segs = NULL;
	long long *turn_of, *place;	/* per selection: its turn, its place */
	size_t nsegs = 0;
	int rc;
	const char *title = m->sname ? m->sname : m->sguid;

	if (!m->have_text) {
		/* one line, whatever kept the text away */
		refi_loss_add(m->loss, "text source '%s': %s; it and its %zu "
			      "selection%s are not carried over", title,
			      m->stext_err ? m->stext_err : "it has no plain text",
			      m->nsels, m->nsels == 1 ? "" : "s");
		return 0;
	}
	map_selections(m, title);
	case_links(m, title);
	foreign_selections(m, title);
	if ((rc = ensure_source(m)) < 0)
		return rc;
	/* attributes */
	if (m->nsvals) {
		sqlite3_stmt *a = store_prepare(m->s,
			"INSERT OR REPLACE INTO source_attrs(source_id, key, value)"
			" VALUES (?, ?, ?)", m->e);
		if (!a)
			return -QC_EIO;
		for (size_t i = 0; i < m->nsvals; i++) {
			if (!strcmp(m->svals[i].key, "kind") &&
			    kind_ok(m->svals[i].value))
				continue;
			if (!strcmp(m->svals[i].key, "date"))
				continue;
			sqlite3_bind_int64(a, 1, m->sid);
			sqlite3_bind_text(a, 2, m->svals[i].key, -1, SQLITE_STATIC);
			sqlite3_bind_text(a, 3, m->svals[i].value, -1, SQLITE_STATIC);
			sqlite3_step(a);
			sqlite3_reset(a);
		}
		sqlite3_finalize(a);
	}
	/* cases that name this source without a selection in it */
	for (size_t ci = 0; ci < m->ncases; ci++)
		for (size_t j = 0; j < m->cases[ci].nsources; j++)
			if (!strcmp(m->cases[ci].sources[j], m->sguid) &&
			    participant_for(m, (long long)ci) < 0)
				return -QC_EIO;
	if ((rc = build_segments(m, &segs, &nsegs)) < 0)
		return rc;
	/* codings */
	for (size_t i = 0; i < m->ncods; i++) {
		struct icoding *k = &m->cods[i];
		struct isel *s = &m->sels[k->sel];
		sqlite3_stmt *st = m->ins_coding;
		long long seg;

		if (s->dropped) {	/* reported with its selection */
			k->row = 0;
			continue;
		}
		seg = seg_of_span(segs, nsegs, s->start, s->end);

		sqlite3_bind_text(st, 1, k->guid, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, k->code_id);
		sqlite3_bind_int64(st, 3, m->sid);
		if (seg)
			sqlite3_bind_int64(st, 4, seg);
		else
			sqlite3_bind_null(st, 4);
		sqlite3_bind_int64(st, 5, s->start);
		sqlite3_bind_int64(st, 6, s->end);
		sqlite3_bind_int64(st, 7, k->coder_id);
		sqlite3_bind_text(st, 8, k->created ? k->created : m->now, -1,
				  SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_reset(st);
			free(segs);
			return store_fail(m->s, m->e, "codings");
		}
		sqlite3_reset(st);
		if (sqlite3_changes(m->s->db) == 0 &&
		    coding_row(m, k->guid) > m->codings_before) {
			free(segs);
			return qc_err_set(m->e, QC_EDATA, "'%s': Coding in source "
					  "'%s': duplicate GUID {%s}", m->xname,
					  title, k->guid);
		}
		if (sqlite3_changes(m->s->db) == 0) {
			refi_loss_add(m->loss, "coding %s in source '%s': the "
				      "same code by the same coder on the same "
				      "text, or a GUID already in the project; "
				      "kept once", k->guid, title);
			k->row = 0;
			continue;
		}
		k->row = sqlite3_last_insert_rowid(m->s->db);
		if (m->c)
			m->c->codings++;
	}
	/* selections that carry no coding and no case */
	for (size_t i = 0; i < m->nsels; i++) {
		struct isel *s = &m->sels[i];
		if (s->dropped)
			continue;
		if (s->desc && *s->desc) {
			char g[37];
			char *key = xasprintf("qcode-description:%s", s->guid);
			refi_guid_derive(key, g);
			free(key);
			/* keep the description as a memo on the selection */
			struct inote *n;
			m->notes = xreallocarray(m->notes, m->nnotes + 1,
						 sizeof(*m->notes));
			gmap_put(&m->note_at, g, (long long)m->nnotes);
			n = &m->notes[m->nnotes++];
			memset(n, 0, sizeof(*n));
			memcpy(n->guid, g, 37);
			n->text = xstrdup(s->desc);
			n->author = me_id(m);
			sref_add(m, g, RT_SELECTION, (long long)i);
			s->noted = 1;
		}
		if (!s->ncodings && s->case_idx < 0 && !s->noted &&
		    !s->case_linked) {
			struct ilone *l;
			QC_GROW(m->lone, m->nlone, m->alone);
			l = &m->lone[m->nlone++];
			memcpy(l->guid, s->guid, 37);
			gmap_put(&m->lone_at, s->guid, (long long)(m->nlone - 1));
			l->why = xasprintf("selection %lld-%lld in source '%s': "
					   "no coding, note or case points at "
					   "it; not kept", s->start, s->end,
					   title);
		}
	}
	/* each selection's place once: notes on it and Links to it go there */
	turn_of = xcalloc(m->nsels + 1, sizeof(*turn_of));
	place = xcalloc(m->nsels + 1, sizeof(*place));
	for (size_t j = 0; j < nsegs; j++)
		if (segs[j].sel >= 0 && (size_t)segs[j].sel < m->nsels)
			turn_of[segs[j].sel] = segs[j].row;
	for (size_t i = 0; i < m->nsels; i++) {
		int kind;
		long long id = sel_place(m, i, turn_of[i], segs, nsegs, &kind);
		place[i] = id * 8 + kind;
		if (!m->sels[i].dropped)
			gmap_put(&m->sel_places, m->sels[i].guid, place[i]);
	}
	/* settle the note references made inside this source */
	for (size_t i = 0; i < m->nsrefs; i++) {
		struct iref *r = &m->srefs[i];
		if (r->kind == RT_SOURCE) {
			ref_add(m, r->note, RT_SOURCE, m->sid);
		} else if (r->kind == RT_CODING) {
			if (m->cods[r->id].row)
				ref_add(m, r->note, RT_CODING, m->cods[r->id].row);
			else
				ref_add(m, r->note, RT_SOURCE, m->sid);
		} else {	/* a selection: its turn, its coding, its segment */
			ref_add(m, r->note, (int)(place[r->id] % 8),
				place[r->id] / 8);
		}
	}
	free(turn_of);
	free(place);
	free(segs);
	return 0;
}

/* ---- the element handlers ---- */

static void loss_other(struct imp *m, const char *what, struct refi_xml *x,
		       const char *why)
{
	char *name = NULL;
	char *guid = NULL;

	attr_get(x, "name", &name);
	attr_get(x, "guid", &guid);
	refi_loss_add(m->loss, "%s '%s': %s", what,
		      name ? name : guid ? guid : "(unnamed)", why);
	free(name);
	free(guid);
}

/* Skip the current element and everything inside it: the reader ends on
 * its end tag, as after every handler that reads an element's children. */
static int skip(struct refi_xml *x)
{
	int d = xmlTextReaderDepth(x->r), rc;

	if (xmlTextReaderIsEmptyElement(x->r))
		return 0;
	while ((rc = xmlTextReaderRead(x->r)) == 1 &&
	       xmlTextReaderDepth(x->r) > d)
		;
	return rc < 0 ? -1 : 0;
}

/* A VariableValue: its variable's name and value. */
static int read_value(struct imp *m, struct refi_xml *x, char **name,
		      char **value)
{
	int depth = xmlTextReaderDepth(x->r);
	char *ref = NULL, *v = NULL;
	char g[37];
	long long idx;
	int rc;

	*name = *value = NULL;
	if (xmlTextReaderIsEmptyElement(x->r))
		return 0;
	for (const char *ln; (ln = child_next(x, depth, &rc)) != NULL;) {
		if (!strcmp(ln, "VariableRef"))
			attr_get(x, "targetGUID", &ref);
		else if (strstr(ln, "Value")) {
			free(v);
			v = elem_text(x);
		}
	}
	if (rc < 0) {
		free(ref);
		free(v);
		return -1;
	}
	if (!ref || guid_norm(ref, g) < 0 || !gmap_get(&m->vars, g, &idx)) {
		if (v)
			refi_loss_add(m->loss, "value '%s': its variable '%s' is "
				      "unknown or of an unknown type", v,
				      ref ? ref : "");
		free(ref);
		free(v);
		return 0;
	}
	free(ref);
	if (!v) {
		return 0;
	}
	*name = xstrdup(m->var_names[idx]);
	*value = v;
	return 0;
}

static void push_kv(struct kv **v, size_t *n, char *key, char *value)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].key = key;
	(*v)[*n].value = value;
	(*n)++;
}

static int on_user(struct imp *m, struct refi_xml *x)
{
	char *guid = NULL, *name = NULL, *id = NULL;
	char g[37];
	long long cid = 0;
	int rc = 0;

	attr_get(x, "guid", &guid);
	attr_get(x, "name", &name);
	attr_get(x, "id", &id);
	if (!guid || guid_norm(guid, g) < 0) {
		refi_loss_add(m->loss, "user '%s': no valid GUID",
			      name ? name : "?");
		goto out;
	}
	{
		sqlite3_stmt *q = store_prepare(m->s,
			"SELECT id FROM coders WHERE guid = ?", m->e);
		if (!q) {
			rc = -QC_EIO;
			goto out;
		}
		sqlite3_bind_text(q, 1, g, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			cid = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
	if (!cid) {
		const char *nm = name && *name ? name : id && *id ? id : NULL;
		char *gen = nm ? NULL : xasprintf("user %.8s", g);
		sqlite3_stmt *q = store_prepare(m->s,
			"SELECT id FROM coders WHERE name = ?", m->e);
		if (!q) {
			free(gen);
			rc = -QC_EIO;
			goto out;
		}
		sqlite3_bind_text(q, 1, nm ? nm : gen, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			cid = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
		if (!cid) {
			q = store_prepare(m->s,
				"INSERT INTO coders(name, guid) VALUES (?, ?)", m->e);
			if (!q) {
				free(gen);
				rc = -QC_EIO;
				goto out;
			}
			sqlite3_bind_text(q, 1, nm ? nm : gen, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 2, g, -1, SQLITE_STATIC);
			rc = sqlite3_step(q) == SQLITE_DONE ? 0 :
				store_fail(m->s, m->e, "coders");
			sqlite3_finalize(q);
			cid = sqlite3_last_insert_rowid(m->s->db);
			if (m->c && rc == 0)
				m->c->users++;
		}
		free(gen);
	}
	gmap_put(&m->users, g, cid);
out:
	free(guid);
	free(name);
	free(id);
	return rc;
}

static int on_variable(struct imp *m, struct refi_xml *x)
{
	static const char *const types[] = { "Text", "Boolean", "Integer",
					     "Float", "Date", "DateTime" };
	char *guid = NULL, *name = NULL, *type = NULL;
	char g[37];
	int ok = 0;

	attr_get(x, "guid", &guid);
	attr_get(x, "name", &name);
	attr_get(x, "typeOfVariable", &type);
	for (size_t i = 0; type && i < 6; i++)
		ok |= !strcmp(type, types[i]);
	if (!guid || guid_norm(guid, g) < 0 || !name)
		refi_loss_add(m->loss, "variable '%s': no valid GUID or name",
			      name ? name : "?");
	else if (!ok)
		refi_loss_add(m->loss, "variable '%s': unknown type '%s'; its "
			      "values are not carried over", name,
			      type ? type : "");
	else {
		m->var_names = xreallocarray(m->var_names, m->nvars + 1,
					     sizeof(*m->var_names));
		m->var_names[m->nvars] = xstrdup(name);
		m->var_types = xreallocarray(m->var_types, m->nvars + 1,
					     sizeof(*m->var_types));
		m->var_types[m->nvars] = xstrdup(type);
		gmap_put(&m->vars, g, (long long)m->nvars);
		m->nvars++;
		if (m->c)
			m->c->variables++;
	}
	free(guid);
	free(name);
	free(type);
	return 0;
}

/*
 * The code of case ci's GUID (NVivo writes each case as such a code and
 * codes the case's text with it): not a code of the codebook but the
 * case's links, so the code stored when the codebook was read goes
 * again, its subcodes to its parent and notes on it to the project. A
 * code the project had before is left as it is. Returns 0 or -1.
 */
static int case_code(struct imp *m, const char *g, long long ci)
{
	long long id;

	gmap_put(&m->case_codes, g, ci);
	m->ncase_codes++;
	if (m->c)
		m->c->case_codes++;
	if (!gmap_get(&m->codes, g, &id) || id <= m->codes_before)
		return 0;
	{
		static const char *const sql[] = {
			"UPDATE codes SET parent_id = (SELECT parent_id FROM"
			" codes WHERE id = ?1) WHERE parent_id = ?1",
			"DELETE FROM codes WHERE id = ?1" };
		for (size_t i = 0; i < 2; i++) {
			sqlite3_stmt *st = store_prepare(m->s, sql[i], m->e);
			int ok;
			if (!st)
				return -1;
			sqlite3_bind_int64(st, 1, id);
			ok = sqlite3_step(st) == SQLITE_DONE;
			sqlite3_finalize(st);
			if (!ok) {
				store_fail(m->s, m->e, "codes");
				return -1;
			}
		}
	}
	for (size_t i = 0; i < m->nrefs; i++)
		if (m->refs[i].kind == RT_CODE && m->refs[i].id == id) {
			char key[37];
			m->refs[i].kind = RT_PROJECT;
			m->refs[i].id = 0;
			ref_key(m->refs[i].note, RT_PROJECT, 0, key);
			gmap_put(&m->refs_at, key, 1);
			refi_loss_add(m->loss, "note on the case code of case "
				      "'%s': qcode keeps no note on a case; "
				      "kept on the project",
				      m->cases[ci].name);
		}
	if (m->c)
		m->c->codes--;
	return 0;
}

static int on_case(struct imp *m, struct refi_xml *x)
{
	int depth = xmlTextReaderDepth(x->r);
	char *guid = NULL, *name = NULL, *t = NULL;
	struct icase *c;
	char g[37];
	int rc = 1;

	attr_get(x, "guid", &guid);
	attr_get(x, "name", &name);
	if (!guid || guid_norm(guid, g) < 0) {
		refi_loss_add(m->loss, "case '%s': no valid GUID",
			      name ? name : "?");
		free(guid);
		free(name);
		return skip(x);
	}
	m->cases = xreallocarray(m->cases, m->ncases + 1, sizeof(*m->cases));
	c = &m->cases[m->ncases];
	memset(c, 0, sizeof(*c));
	memcpy(c->guid, g, 37);
	c->name = name && *name ? xstrdup(name) : xasprintf("case %.8s", g);
	free(name);
	free(guid);
	if (gmap_get(&m->file_codes, g, NULL) &&
	    case_code(m, g, (long long)m->ncases) < 0) {
		m->ncases++;	/* freed with the others */
		return -1;
	}
	if (xmlTextReaderIsEmptyElement(x->r)) {
		m->ncases++;
		return 0;
	}
	for (const char *ln; (ln = child_next(x, depth, &rc)) != NULL;) {
		if (!strcmp(ln, "SelectionRef") || !strcmp(ln, "SourceRef")) {
			char sg[37];
			if (attr_get(x, "targetGUID", &t) &&
			    guid_norm(t, sg) >= 0) {
				if (ln[1] == 'e')	/* SelectionRef */
					gmap_put(&m->case_sel, sg,
						 (long long)m->ncases);
				else {
					c->sources = xreallocarray(c->sources,
						c->nsources + 1, sizeof(char *));
					c->sources[c->nsources++] = xstrdup(sg);
				}
			}
		} else if (!strcmp(ln, "VariableValue")) {
			char *k, *v;
			if (read_value(m, x, &k, &v) < 0) {
				rc = -1;
				break;
			}
			if (k && !strcmp(k, "role")) {
				free(c->role);
				c->role = v;
				free(k);
			} else if (k && !strcmp(k, "pseudonym")) {
				/* qcode's real-names export says it */
				free(c->pseudonym);
				c->pseudonym = v;
				free(k);
			} else if (k) {
				push_kv(&c->attrs, &c->nattrs, k, v);
			}
		} else if (!strcmp(ln, "Description")) {
			char *d = elem_text(x);
			if (*d)
				push_kv(&c->attrs, &c->nattrs,
					xstrdup("description"), d);
			else
				free(d);
		} else if (!strcmp(ln, "CodeRef")) {
			refi_loss_add(m->loss, "case '%s': a code applied to the "
				      "whole case; qcode codes text only",
				      c->name);
		}
	}
	free(t);
	m->ncases++;
	return rc < 0 ? -1 : 0;
}

/*
 * A memo has only its text: a note's name and description, when they say
 * more than the name qcode's export gives ("memo on ..."), are kept as the
 * memo's first paragraphs.
 */
static void note_keep_heading(struct inote *n, const char *desc)
{
	struct qc_buf b = QC_BUF_INIT;
	int named = n->name && *n->name && strncmp(n->name, "memo on ", 8) &&
		    strncmp(n->text, n->name, strlen(n->name));

	if (!named && !(desc && *desc))
		return;
	if (named)
		qc_buf_addf(&b, "%s\n\n", n->name);
	if (desc && *desc)
		qc_buf_addf(&b, "%s\n\n", desc);
	qc_buf_adds(&b, n->text);
	free(n->text);
	n->text = qc_buf_detach(&b, NULL);
}

static int on_note(struct imp *m, struct refi_xml *x)
{
	int depth = xmlTextReaderDepth(x->r);
	char *guid = NULL, *name = NULL, *user = NULL, *cr = NULL, *md = NULL,
	     *ptp = NULL, *desc = NULL;
	struct inote n;
	int rc = 1;

	memset(&n, 0, sizeof(n));
	attr_get(x, "guid", &guid);
	attr_get(x, "name", &name);
	attr_get(x, "creatingUser", &user);
	attr_get(x, "creationDateTime", &cr);
	attr_get(x, "modifiedDateTime", &md);
	attr_get(x, "plainTextPath", &ptp);
	if (!guid || guid_norm(guid, n.guid) < 0) {
		refi_loss_add(m->loss, "note '%s': no valid GUID",
			      name ? name : "?");
		free(guid);
		free(name);
		free(user);
		free(cr);
		free(md);
		free(ptp);
		return skip(x);
	}
	n.name = name;
	n.created = cr;
	n.updated = md;
	n.author = coder_for(m, user);
	if (!xmlTextReaderIsEmptyElement(x->r)) {
		for (const char *ln; (ln = child_next(x, depth, &rc)) != NULL;) {
			if (!strcmp(ln, "PlainTextContent")) {
				free(n.text);
				n.text = elem_text(x);
			} else if (!strcmp(ln, "Description")) {
				free(desc);
				desc = elem_text(x);
			} else if (!strcmp(ln, "PlainTextSelection") ||
				   !strcmp(ln, "Coding")) {
				refi_loss_add(m->loss, "note '%s': a %s inside "
					      "a note; qcode memos are plain text",
					      name ? name : n.guid,
					      !strcmp(ln, "Coding") ? "coding"
								    : "selection");
				if (skip(x) < 0) {
					rc = -1;
					break;
				}
			}
		}
	}
	if (!n.text && ptp) {
		struct qc_buf raw = QC_BUF_INIT;
		char *what = xasprintf("note '%s'", name ? name : n.guid);
		int r = read_path_text(m, ptp, what, &raw);
		free(what);
		if (r < 0) {
			qc_buf_release(&raw);
			rc = -1;
		} else if (r == 0) {
			struct refi_edit *ed = NULL;
			size_t ned = 0;
			struct qc_buf t = QC_BUF_INIT;
			if (norm_text(m, raw.buf, raw.len, &t, &ed, &ned) < 0)
				rc = -1;
			free(ed);
			n.text = qc_buf_detach(&t, NULL);
		}
		qc_buf_release(&raw);
	}
	free(guid);
	free(user);
	free(ptp);
	if (n.text)
		note_keep_heading(&n, desc);
	free(desc);
	if (!n.text) {
		refi_loss_add(m->loss, "note '%s': it has no text",
			      name ? name : n.guid);
		free(n.name);
		free(n.created);
		free(n.updated);
		return rc < 0 ? -1 : 0;
	}
	m->notes = xreallocarray(m->notes, m->nnotes + 1, sizeof(*m->notes));
	gmap_put(&m->note_at, n.guid, (long long)m->nnotes);
	m->notes[m->nnotes++] = n;
	return rc < 0 ? -1 : 0;
}

/* A TextSource's start: its attributes and, from a path, its text. */
static int on_source_start(struct imp *m, struct refi_xml *x)
{
	char *guid = NULL, *name = NULL, *ptp = NULL, *rtp = NULL, *user = NULL,
	     *cr = NULL;
	int rc = 0, gr;

	source_reset(m);
	m->in_source = 1;
	attr_get(x, "guid", &guid);
	attr_get(x, "name", &name);
	attr_get(x, "plainTextPath", &ptp);
	attr_get(x, "richTextPath", &rtp);
	attr_get(x, "creatingUser", &user);
	attr_get(x, "creationDateTime", &cr);
	if ((gr = guid_norm(guid, m->sguid)) != 0) {
		if (gr < 0)
			store_new_guid(m->sguid);
		guid_replaced(m, "text source", name, guid);
	}
	m->sname = name;
	name = NULL;
	m->screated = cr;
	{
		char ug[37];
		long long id = 0;
		if (user && guid_norm(user, ug) >= 0)
			gmap_get(&m->users, ug, &id);
		m->screator = id;
	}
	if (rtp && *rtp)
		refi_loss_add(m->loss, "text source '%s': its formatted text "
			      "(%s) is not carried over; the plain text is",
			      m->sname ? m->sname : m->sguid, rtp);
	if (ptp && *ptp) {
		struct qc_buf raw = QC_BUF_INIT;
		char *what = xasprintf("text source '%s'",
				       m->sname ? m->sname : m->sguid);
		int r = read_path_text(m, ptp, what, &raw);
		free(what);
		if (r < 0)
			rc = r;
		else if (r == 0)
			rc = source_text_from(m, raw.buf, raw.len);
		qc_buf_release(&raw);
	}
	free(guid);
	free(ptp);
	free(rtp);
	free(user);
	return rc;
}

/* A Coding inside selection si; the reader is on the Coding element. */
static int read_coding(struct imp *m, struct refi_xml *x, size_t si)
{
	int cdepth = xmlTextReaderDepth(x->r);
	char *cg = NULL, *user = NULL, *cr = NULL, *code = NULL, *t = NULL;
	struct icoding *k;
	char kg[37], cgn[37];
	long long code_id = 0;
	size_t ki;
	int rc = 1, gr;
	const char *title = m->sname ? m->sname : m->sguid;

	attr_get(x, "guid", &cg);
	attr_get(x, "creatingUser", &user);
	attr_get(x, "creationDateTime", &cr);
	if ((gr = guid_norm(cg, cgn)) != 0) {
		if (gr < 0)
			store_new_guid(cgn);
		guid_replaced(m, "coding in source", title, cg);
	}
	QC_GROW(m->cods, m->ncods, m->acods);
	ki = m->ncods;
	k = &m->cods[m->ncods++];
	memset(k, 0, sizeof(*k));
	k->sel = si;
	memcpy(k->guid, cgn, 37);
	k->coder_id = coder_for(m, user);
	k->created = cr;
	if (!xmlTextReaderIsEmptyElement(x->r)) {
		while ((rc = xmlTextReaderRead(x->r)) == 1 &&
		       xmlTextReaderDepth(x->r) > cdepth) {
			const char *ln;
			if (xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT)
				continue;
			ln = (const char *)xmlTextReaderConstLocalName(x->r);
			if (!strcmp(ln, "CodeRef"))
				attr_get(x, "targetGUID", &code);
			else if (!strcmp(ln, "NoteRef") &&
				 attr_get(x, "targetGUID", &t))
				sref_add(m, t, RT_CODING, (long long)ki);
		}
	}
	if (code && guid_norm(code, kg) >= 0 &&
	    gmap_get(&m->case_codes, kg, &code_id)) {
		/* a case code: the selection is the case's text */
		struct icaselink *l;
		QC_GROW(m->clinks, m->nclinks, m->aclinks);
		l = &m->clinks[m->nclinks++];
		l->sel = si;
		l->ci = code_id;
		m->sels[si].case_linked = 1;
		free(m->cods[ki].created);
		m->ncods--;
		for (size_t j = m->nsrefs; j > 0; j--) {
			struct iref *r = &m->srefs[j - 1];
			if (r->kind != RT_CODING || r->id != (long long)ki)
				break;
			r->kind = RT_SELECTION;
			r->id = (long long)si;
		}
	} else if (!code || guid_norm(code, kg) < 0 ||
	    !gmap_get(&m->codes, kg, &code_id)) {
		refi_loss_add(m->loss, "coding %s in source '%s': its code '%s' "
			      "is not in the codebook", cgn, title,
			      code ? code : "");
		free(m->cods[ki].created);
		m->ncods--;
		/* drop note references to the coding just dropped */
		for (size_t j = m->nsrefs; j > 0; j--) {
			struct iref *r = &m->srefs[j - 1];
			if (r->kind != RT_CODING || r->id != (long long)ki)
				break;
			r->kind = RT_SELECTION;	/* the note stays, on the text */
			r->id = (long long)si;
		}
	} else {
		m->cods[ki].code_id = code_id;
		if (!m->sels[si].ncodings++)
			m->sels[si].first_coding = ki;
	}
	free(cg);
	free(user);
	free(code);
	free(t);
	return rc < 0 ? -1 : 0;
}

static int on_selection(struct imp *m, struct refi_xml *x, int whole)
{
	int depth = xmlTextReaderDepth(x->r);
	char *guid = NULL, *sp = NULL, *ep = NULL, *t = NULL;
	struct isel *s;
	long long a, b, ci;
	char g[37];
	int rc = 1, gr;
	size_t si;
	const char *title = m->sname ? m->sname : m->sguid;

	if (!m->have_text) {	/* reported once at the end of the source */
		if (!whole)
			sel_new(m);
		return skip(x);
	}
	if (whole) {
		char *key = xasprintf("qcode-whole:%s", m->sguid);
		refi_guid_derive(key, g);
		free(key);
		a = 0;
		b = (long long)m->scps;
	} else {
		char *end1 = NULL, *end2 = NULL;
		attr_get(x, "guid", &guid);
		attr_get(x, "startPosition", &sp);
		attr_get(x, "endPosition", &ep);
		if ((gr = guid_norm(guid, g)) != 0) {
			if (gr < 0)
				store_new_guid(g);
			guid_replaced(m, "selection in source", title, guid);
		}
		a = sp ? strtoll(sp, &end1, 10) : -1;
		b = ep ? strtoll(ep, &end2, 10) : -1;
		/* mapped at the source's end, when the unit is known; past
		 * the longest count the text can have, it is outside in any */
		if (!sp || !ep || a < 0 || b < a || (end1 && *end1) ||
		    (end2 && *end2) ||
		    b > (long long)(m->rawcps + m->nastral)) {
			refi_loss_add(m->loss, "selection %s-%s in source '%s': "
				      "outside its text of %zu characters; it "
				      "and its codings are not carried over",
				      sp ? sp : "?", ep ? ep : "?", title,
				      m->scps);
			free(guid);
			free(sp);
			free(ep);
			return skip(x);
		}
		free(guid);
		free(sp);
		free(ep);
	}
	s = sel_new(m);
	s->start = a;
	s->end = b;
	s->whole = whole;
	memcpy(s->guid, g, 37);
	if (gmap_get(&m->case_sel, g, &ci))
		s->case_idx = ci;
	si = m->nsels - 1;
	if (whole)	/* the reader is on the Coding itself */
		return read_coding(m, x, si);
	if (xmlTextReaderIsEmptyElement(x->r))
		return 0;
	for (const char *ln; (ln = child_next(x, depth, &rc)) != NULL;) {
		if (!strcmp(ln, "Description")) {
			free(m->sels[si].desc);
			m->sels[si].desc = elem_text(x);
		} else if (!strcmp(ln, "NoteRef")) {
			if (attr_get(x, "targetGUID", &t)) {
				sref_add(m, t, RT_SELECTION, (long long)si);
				m->sels[si].noted = 1;
			}
		} else if (!strcmp(ln, "Coding")) {
			if (read_coding(m, x, si) < 0) {
				rc = -1;
				break;
			}
		}
	}
	free(t);
	return rc < 0 ? -1 : 0;
}

/* ---- Sets ---- */

static void set_reset(struct imp *m)
{
	free(m->set_name);
	m->set_name = NULL;
	for (size_t i = 0; i < m->nset_members; i++)
		free(m->set_members[i]);
	free(m->set_members);
	m->set_members = NULL;
	m->nset_members = 0;
	m->set_other = 0;
}

static int finish_set(struct imp *m)
{
	const char *n = m->set_name ? m->set_name : "";
	const char *valence = NULL;
	int rc = 0;

	if (!strcasecmp(n, "facilitating") || !strcasecmp(n, "bevorderend"))
		valence = "facilitating";
	else if (!strcasecmp(n, "hindering") || !strcasecmp(n, "belemmerend"))
		valence = "hindering";
	if (valence) {
		sqlite3_stmt *st = store_prepare(m->s,
			"UPDATE codes SET valence = ? WHERE id = ?", m->e);
		if (!st)
			return -QC_EIO;
		for (size_t i = 0; i < m->nset_members; i++) {
			long long id;
			if (!gmap_get(&m->codes, m->set_members[i], &id)) {
				refi_loss_add(m->loss, "set '%s': member %s is "
					      "not a code of this file", n,
					      m->set_members[i]);
				continue;
			}
			sqlite3_bind_text(st, 1, valence, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, id);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = store_fail(m->s, m->e, "codes");
			sqlite3_reset(st);
		}
		sqlite3_finalize(st);
		if (m->set_other)
			refi_loss_add(m->loss, "set '%s': its sources and notes; "
				      "only codes have a valence", n);
	} else if (!strncasecmp(n, "theme: ", 7) && !m->set_other) {
		/* a theme is the code tree itself: nothing to keep */
	} else {
		refi_loss_add(m->loss, "set '%s': qcode has no sets; its %zu "
			      "members are kept, the grouping is not", n,
			      m->nset_members + (size_t)m->set_other);
	}
	set_reset(m);
	return rc;
}

/* ---- notes become memos ---- */

static int ref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct iref *)a)->note,
		      ((const struct iref *)b)->note);
}

static int insert_memo(struct imp *m, const struct inote *n, const char *guid,
		       const struct iref *r)
{
	static const char *const targets[] = { "source", "segment", "coding",
					       "code", "project", "segment" };
	sqlite3_stmt *st = m->ins_memo;
	const char *target = r ? targets[r->kind] : "project";
	const char *cr = n->created ? n->created : m->now;

	if (r && r->kind == RT_CODING && n->text &&
	    !strncmp(n->text, "qcode quote: ", 13) &&
	    (!strcmp(n->text + 13, "pin") || !strcmp(n->text + 13, "exclude"))) {
		/* a quote flag qcode exported comes back as the flag */
		sqlite3_stmt *q = store_prepare(m->s,
			"UPDATE codings SET quote = ? WHERE id = ?", m->e);
		int rc;
		if (!q)
			return -QC_EIO;
		sqlite3_bind_text(q, 1, n->text + 13, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 2, r->id);
		rc = sqlite3_step(q) == SQLITE_DONE ? 0 :
		     store_fail(m->s, m->e, "codings");
		sqlite3_finalize(q);
		return rc;
	}
	if (r && r->kind == RT_CODING) {
		/* a coding's own memo comes back to the coding */
		sqlite3_stmt *q = store_prepare(m->s,
			"SELECT guid FROM codings WHERE id = ?", m->e);
		char own[37];
		int mine = 0;

		if (!q)
			return -QC_EIO;
		sqlite3_bind_int64(q, 1, r->id);
		if (sqlite3_step(q) == SQLITE_ROW) {
			char *k = xasprintf("coding-memo:%s",
					    (const char *)sqlite3_column_text(q, 0));
			refi_guid_derive(k, own);
			free(k);
			mine = !strcmp(own, guid);
		}
		sqlite3_finalize(q);
		if (mine) {
			q = store_prepare(m->s,
				"UPDATE codings SET memo = ? WHERE id = ?", m->e);
			if (!q)
				return -QC_EIO;
			sqlite3_bind_text(q, 1, n->text, -1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 2, r->id);
			int rc = sqlite3_step(q) == SQLITE_DONE ? 0 :
				store_fail(m->s, m->e, "codings");
			sqlite3_finalize(q);
			return rc;
		}
	}
	sqlite3_bind_text(st, 1, guid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, target, -1, SQLITE_STATIC);
	if (r && r->kind != RT_PROJECT)
		sqlite3_bind_int64(st, 3, r->id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int64(st, 4, n->author ? n->author : me_id(m));
	sqlite3_bind_text(st, 5, cr, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, n->updated ? n->updated : cr, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, n->text, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return store_fail(m->s, m->e, "memos");
	}
	sqlite3_reset(st);
	if (sqlite3_changes(m->s->db) == 0)
		refi_loss_add(m->loss, "note %s: a memo with this GUID is "
			      "already in the project", guid);
	else if (m->c)
		m->c->memos++;
	return 0;
}

/* A source's Description that only repeats the notes it points at, one
 * paragraph each, is the copy qcode's export writes for QualCoder: the
 * notes are the memos, so the copy is not kept as a description too. */
static int src_ref_cmp(const void *a, const void *b)
{
	const struct iref *const *x = a, *const *y = b;

	if ((*x)->id != (*y)->id)
		return (*x)->id < (*y)->id ? -1 : 1;
	return *x < *y ? -1 : *x > *y;	/* the file's order within one */
}

static int drop_memo_copies(struct imp *m)
{
	const struct iref **v = xcalloc(m->nrefs + 1, sizeof(*v));
	sqlite3_stmt *get = NULL, *del = NULL;
	size_t n = 0;
	int rc = 0;

	for (size_t i = 0; i < m->nrefs; i++)
		if (m->refs[i].kind == RT_SOURCE)
			v[n++] = &m->refs[i];
	qsort(v, n, sizeof(*v), src_ref_cmp);
	if (n && (!(get = store_prepare(m->s, "SELECT value FROM source_attrs"
				" WHERE source_id = ? AND key = 'description'",
				m->e)) ||
		  !(del = store_prepare(m->s, "DELETE FROM source_attrs WHERE"
				" source_id = ? AND key = 'description'", m->e))))
		rc = -QC_EIO;
	/* a run of v is one source's notes, in the file's order */
	for (size_t i = 0, j; i < n && rc == 0; i = j) {
		struct qc_buf b = QC_BUF_INIT;
		long long sid = v[i]->id, k;
		int same;

		for (j = i; j < n && v[j]->id == sid; j++)
			if (gmap_get(&m->note_at, v[j]->note, &k))
				qc_buf_addf(&b, "%s%s", b.len ? "\n\n" : "",
					    m->notes[k].text);
		if (b.len) {
			sqlite3_bind_int64(get, 1, sid);
			same = sqlite3_step(get) == SQLITE_ROW &&
			       !strcmp((const char *)sqlite3_column_text(get, 0),
				       b.buf);
			sqlite3_reset(get);
			sqlite3_bind_int64(del, 1, sid);
			if (same && sqlite3_step(del) != SQLITE_DONE)
				rc = store_fail(m->s, m->e, "source_attrs");
			sqlite3_reset(del);
		}
		qc_buf_release(&b);
	}
	sqlite3_finalize(get);
	sqlite3_finalize(del);
	free(v);
	return rc;
}

static int finish_notes(struct imp *m)
{
	int drc = drop_memo_copies(m);

	if (drc < 0)
		return drc;
	if (m->nrefs)
		qsort(m->refs, m->nrefs, sizeof(*m->refs), ref_cmp);
	for (size_t i = 0; i < m->nnotes; i++) {
		struct inote *n = &m->notes[i];
		struct iref key;
		struct iref *r;
		size_t lo, k = 0;
		int rc;

		memcpy(key.note, n->guid, 37);
		r = bsearch(&key, m->refs, m->nrefs, sizeof(*m->refs), ref_cmp);
		if (!r) {
			if ((rc = insert_memo(m, n, n->guid, NULL)) < 0)
				return rc;
			continue;
		}
		lo = (size_t)(r - m->refs);
		while (lo > 0 && !strcmp(m->refs[lo - 1].note, n->guid))
			lo--;
		/* one memo per place the note is attached to */
		for (; lo < m->nrefs && !strcmp(m->refs[lo].note, n->guid); lo++) {
			char g[37];
			if (k++ == 0) {
				memcpy(g, n->guid, 37);
			} else {
				char *dk = xasprintf("qcode-note-copy:%s:%zu",
						     n->guid, k);
				refi_guid_derive(dk, g);
				free(dk);
			}
			if ((rc = insert_memo(m, n, g, &m->refs[lo])) < 0)
				return rc;
		}
	}
	/* references to notes that are not in the file */
	for (size_t j = 0; j < m->nrefs; j++) {
		long long one;
		if (!gmap_get(&m->note_at, m->refs[j].note, &one))
			refi_loss_add(m->loss, "note reference %s: no such note "
				      "in the file", m->refs[j].note);
	}
	return 0;
}

/* ---- the walk ---- */

static int xml_failed(struct imp *m, struct refi_xml *x)
{
	return refi_xml_fail(x, m->e);
}

#define MAX_DEPTH 256

/* Two objects of one file with one GUID make every reference to it
 * ambiguous: refuse the file, naming both places. */
static int check_unique_guid(struct imp *m, struct refi_xml *x,
			     const char *ln)
{
	char *t = NULL, g[37];
	long long first;
	int line = (int)xmlGetLineNo(xmlTextReaderCurrentNode(x->r)), rc = 0;

	if (!attr_get(x, "guid", &t) || guid_norm(t, g) < 0) {
		free(t);
		return 0;
	}
	if (gmap_get(&m->seen, g, &first) && !strcmp(ln, "Case") &&
	    gmap_get(&m->file_codes, g, NULL) &&
	    !gmap_get(&m->case_codes, g, NULL)) {
		/* NVivo's case node: the case's code has its GUID (once) */
	} else if (gmap_get(&m->seen, g, &first)) {
		attr_get(x, "name", &t);
		rc = qc_err_set(m->e, QC_EDATA, "'%s' line %d: %s '%s': duplicate"
				" GUID {%s}, first used on line %lld", x->name,
				line, ln, t ? t : "", g, first);
	} else {
		gmap_put(&m->seen, g, line);
	}
	free(t);
	return rc;
}

/* The name of the element the reader is on. */
static const char *local_name(struct refi_xml *x)
{
	return (const char *)xmlTextReaderConstLocalName(x->r);
}

/* A handler that read its element to the end tag failed: the message it
 * set, or else the reader's. */
static int read_failed(struct imp *m, struct refi_xml *x)
{
	return m->e->code ? -m->e->code : xml_failed(m, x);
}

/* An element qcode has no place for: reported as lost, skipped whole. */
static int lose(struct imp *m, struct refi_xml *x, const char *what,
		const char *why)
{
	loss_other(m, what, x, why);
	return skip(x) < 0 ? xml_failed(m, x) : 0;
}

/*
 * The element handlers, one per row of elems[] below. Each is called with
 * the reader on the element's start tag and returns 0 or -code with m->e
 * set.
 */

static int el_root(struct imp *m, struct refi_xml *x)
{
	const char *ln = local_name(x);
	char *t = NULL;
	int rc = 0;

	if (!strcmp(ln, "CodeBook") && m->qdc)
		return 0;
	if (strcmp(ln, "Project") || m->qdc)
		return qc_err_set(m->e, QC_EDATA, "'%s' is not a REFI-QDA %s "
				  "(its root element is <%s>)", m->path,
				  m->qdc ? "codebook" : "project", ln);
	if (attr_get(x, "basePath", &t))
		m->base = xstrdup(t);
	if (attr_get(x, "origin", &t))
		m->origin = xstrdup(t);
	if (attr_get(x, "name", &t) && *t && m->o && !m->o->into_existing)
		rc = store_set_setting(m->s, "title", t, m->e);
	free(t);
	return rc;
}

static int el_code(struct imp *m, struct refi_xml *x)
{
	struct icode *k;
	char *t = NULL;
	int rc;

	/* the code above is stored first: its id is this one's parent */
	if (m->cdepth > 0 && (rc = ensure_code(m)) < 0)
		return rc;
	if (m->cdepth == (int)(sizeof(m->cstack) / sizeof(m->cstack[0])))
		return qc_err_set(m->e, QC_EDATA, "'%s' refused: codes nested "
				  "too deep", x->name);
	k = &m->cstack[m->cdepth++];
	memset(k, 0, sizeof(*k));
	k->name = attr_get(x, "name", &t) && *t ? xstrdup(t)
						 : xstrdup("unnamed code");
	attr_get(x, "guid", &t);
	if ((rc = guid_norm(t, k->guid)) != 0) {
		if (rc < 0)
			store_new_guid(k->guid);
		guid_replaced(m, "code", k->name, t);
	}
	k->codable = !(attr_get(x, "isCodable", &t) &&
		       (!strcmp(t, "false") || !strcmp(t, "0")));
	if (k->codable)	/* a case node codes its case's text */
		gmap_put(&m->file_codes, k->guid, 1);
	if (attr_get(x, "color", &t) && t[0] == '#')
		k->colour = xstrdup(t);
	free(t);
	return 0;
}

static int el_code_description(struct imp *m, struct refi_xml *x)
{
	free(m->cstack[m->cdepth - 1].desc);
	m->cstack[m->cdepth - 1].desc = elem_text(x);
	return 0;
}

static int el_code_noteref(struct imp *m, struct refi_xml *x)
{
	char *t = NULL, g[37];
	int rc;

	if ((rc = ensure_code(m)) == 0 && attr_get(x, "targetGUID", &t) &&
	    guid_norm(t, g) >= 0)
		ref_add(m, g, RT_CODE, m->cstack[m->cdepth - 1].id);
	free(t);
	return rc;
}

static int el_case(struct imp *m, struct refi_xml *x)
{
	return on_case(m, x) < 0 ? xml_failed(m, x) : 0;
}

static int el_other_source(struct imp *m, struct refi_xml *x)
{
	return lose(m, x, local_name(x), "qcode holds plain text only; this "
		    "source, its selections and codings are not carried over");
}

static int el_source_description(struct imp *m, struct refi_xml *x)
{
	char *d = elem_text(x);

	if (*d)
		push_kv(&m->svals, &m->nsvals, xstrdup("description"), d);
	else
		free(d);
	return 0;
}

static int el_source_text(struct imp *m, struct refi_xml *x)
{
	char *d = elem_text(x);
	int rc = 0;

	if (!m->have_text)
		rc = source_text_from(m, d, strlen(d));
	free(d);
	return rc;
}

static int el_selection(struct imp *m, struct refi_xml *x)
{
	return on_selection(m, x, 0) < 0 ? read_failed(m, x) : 0;
}

/* A Coding straight inside a TextSource: it codes the whole text. */
static int el_source_coding(struct imp *m, struct refi_xml *x)
{
	return on_selection(m, x, 1) < 0 ? read_failed(m, x) : 0;
}

static int el_source_noteref(struct imp *m, struct refi_xml *x)
{
	char *t = NULL;

	if (attr_get(x, "targetGUID", &t))
		sref_add(m, t, RT_SOURCE, 0);
	free(t);
	return 0;
}

static int el_source_value(struct imp *m, struct refi_xml *x)
{
	char *k, *v;

	if (read_value(m, x, &k, &v) < 0)
		return xml_failed(m, x);
	if (k)
		push_kv(&m->svals, &m->nsvals, k, v);
	return 0;
}

static int el_note(struct imp *m, struct refi_xml *x)
{
	return on_note(m, x) < 0 ? read_failed(m, x) : 0;
}

/* A Link from a note to a selection is how NVivo attaches an annotation
 * (and how qcode's export tells QualCoder the note of a turn): the note
 * goes where a NoteRef on that selection would take it, once. Other links
 * join items qcode cannot join. */
static int el_link(struct imp *m, struct refi_xml *x)
{
	char *o = NULL, *t = NULL, og[37], tg[37], key[37];
	long long place, id, one;
	int kind;

	if (!attr_get(x, "originGUID", &o) || guid_norm(o, og) < 0 ||
	    !attr_get(x, "targetGUID", &t) || guid_norm(t, tg) < 0 ||
	    !gmap_get(&m->sel_places, tg, &place)) {
		free(o);
		free(t);
		return lose(m, x, "link", "qcode has no links between items");
	}
	free(o);
	free(t);
	if (!gmap_get(&m->note_at, og, &one))
		return lose(m, x, "link", "qcode has no links between items");
	kind = (int)(place % 8);
	id = place / 8;
	/* a NoteRef took the note there already */
	ref_key(og, kind, id, key);
	if (gmap_get(&m->refs_at, key, &one))
		return skip(x) < 0 ? xml_failed(m, x) : 0;
	ref_add(m, og, kind, id);
	if (gmap_get(&m->lone_at, tg, &place)) {
		free(m->lone[place].why);
		m->lone[place].why = NULL;
	}
	return skip(x) < 0 ? xml_failed(m, x) : 0;
}

static int el_graph(struct imp *m, struct refi_xml *x)
{
	return lose(m, x, "graph", "qcode has no graphs");
}

static int el_set(struct imp *m, struct refi_xml *x)
{
	char *t = NULL;

	set_reset(m);
	m->set_name = attr_get(x, "name", &t) ? xstrdup(t) : xstrdup("");
	free(t);
	return 0;
}

static int el_member_code(struct imp *m, struct refi_xml *x)
{
	char *t = NULL, g[37];

	if ((attr_get(x, "targetGUID", &t) || attr_get(x, "guid", &t)) &&
	    guid_norm(t, g) >= 0) {
		m->set_members = xreallocarray(m->set_members,
					       m->nset_members + 1,
					       sizeof(char *));
		m->set_members[m->nset_members++] = xstrdup(g);
	}
	free(t);
	return 0;
}

/* A source or note in a Set: the Set is not a code valence. */
static int el_member_other(struct imp *m, struct refi_xml *x)
{
	(void)x;
	m->set_other++;
	return 0;
}

static int el_project_description(struct imp *m, struct refi_xml *x)
{
	char *d = elem_text(x);
	int rc = 0;

	if (*d && m->o && !m->o->into_existing)
		rc = store_set_setting(m->s, "description", d, m->e);
	free(d);
	return rc;
}

static int el_project_noteref(struct imp *m, struct refi_xml *x)
{
	char *t = NULL, g[37];

	if (attr_get(x, "targetGUID", &t) && guid_norm(t, g) >= 0)
		ref_add(m, g, RT_PROJECT, 0);
	free(t);
	return 0;
}

/*
 * The elements qcode reads, by name and parent; the first row that fits
 * an element's start tag handles it, and an element no row fits is passed
 * over (its children are still walked). An element "*" is any element; a
 * parent "" is none (the root element itself), "/" is the root element
 * whatever its name.
 */
#define EL_GUID 1	/* an object a GUID names: once in the file */
#define EL_READS 2	/* the handler reads the element to its end tag */
#define EL_IN_CODE 4	/* only while a Code is open */
#define EL_IN_SOURCE 8	/* only while a TextSource is read */

static const struct elem_row {
	const char *element, *parent;
	int (*start)(struct imp *m, struct refi_xml *x);
	unsigned flags;
} elems[] = {
	{ "*", "", el_root, 0 },
	{ "User", "Users", on_user, EL_GUID },
	{ "Code", "Codes", el_code, EL_GUID },
	{ "Code", "Code", el_code, EL_GUID },
	{ "Description", "Code", el_code_description, EL_IN_CODE },
	{ "NoteRef", "Code", el_code_noteref, EL_IN_CODE },
	{ "Variable", "Variables", on_variable, EL_GUID },
	{ "Case", "Cases", el_case, EL_GUID | EL_READS },
	{ "TextSource", "Sources", on_source_start, EL_GUID },
	{ "PictureSource", "Sources", el_other_source, EL_GUID | EL_READS },
	{ "PDFSource", "Sources", el_other_source, EL_GUID | EL_READS },
	{ "AudioSource", "Sources", el_other_source, EL_GUID | EL_READS },
	{ "VideoSource", "Sources", el_other_source, EL_GUID | EL_READS },
	{ "*", "Sources", el_other_source, EL_READS },
	{ "Description", "TextSource", el_source_description, EL_IN_SOURCE },
	{ "PlainTextContent", "TextSource", el_source_text, EL_IN_SOURCE },
	{ "PlainTextSelection", "TextSource", el_selection,
	  EL_IN_SOURCE | EL_READS },
	{ "Coding", "TextSource", el_source_coding, EL_IN_SOURCE | EL_READS },
	{ "NoteRef", "TextSource", el_source_noteref, EL_IN_SOURCE },
	{ "VariableValue", "TextSource", el_source_value,
	  EL_IN_SOURCE | EL_READS },
	{ "Note", "Notes", el_note, EL_GUID | EL_READS },
	{ "Link", "Links", el_link, EL_READS },
	{ "Graph", "Graphs", el_graph, EL_READS },
	{ "Set", "Sets", el_set, EL_GUID },
	{ "MemberCode", "Set", el_member_code, 0 },
	{ "MemberSource", "Set", el_member_other, 0 },
	{ "MemberNote", "Set", el_member_other, 0 },
	{ "Description", "/", el_project_description, 0 },
	{ "NoteRef", "/", el_project_noteref, 0 },
};

static const struct elem_row *elem_find(const struct imp *m, const char *ln,
					const char *parent, int depth)
{
	for (size_t i = 0; i < sizeof(elems) / sizeof(elems[0]); i++) {
		const struct elem_row *r = &elems[i];

		if (strcmp(r->element, "*") && strcmp(r->element, ln))
			continue;
		if (!strcmp(r->parent, "/") ? depth != 1
					    : strcmp(r->parent, parent) != 0)
			continue;
		if (((r->flags & EL_IN_CODE) && m->cdepth == 0) ||
		    ((r->flags & EL_IN_SOURCE) && !m->in_source))
			continue;
		return r;
	}
	return NULL;
}

/* End tags with work to do, by name whatever the parent: the handler
 * checks what it needs. */

static int end_code(struct imp *m, const char *parent)
{
	int rc = 0;

	(void)parent;
	if (m->cdepth > 0) {
		rc = ensure_code(m);
		code_pop(m);
	}
	return rc;
}

static int end_source(struct imp *m, const char *parent)
{
	int rc = 0;

	if (m->in_source && !strcmp(parent, "Sources")) {
		rc = finish_source(m);
		source_reset(m);
	}
	return rc;
}

static int end_set(struct imp *m, const char *parent)
{
	(void)parent;
	return finish_set(m);
}

static const struct {
	const char *element;
	int (*end)(struct imp *m, const char *parent);
} elem_ends[] = {
	{ "Code", end_code },
	{ "TextSource", end_source },
	{ "Set", end_set },
};

static int on_end(struct imp *m, const char *ln, const char *parent)
{
	for (size_t i = 0; i < sizeof(elem_ends) / sizeof(elem_ends[0]); i++)
		if (!strcmp(ln, elem_ends[i].element))
			return elem_ends[i].end(m, parent);
	return 0;
}

static int walk(struct imp *m, struct refi_xml *x)
{
	char stack[MAX_DEPTH][24];
	int rc;

	while ((rc = refi_xml_next(x, m->e)) == 1) {
		int type = xmlTextReaderNodeType(x->r);

		if (progress_step(refi_xml_bytes(x, NULL)))
			return qc_err_set(m->e, QC_ECANCEL, "cancelled");
		int depth = xmlTextReaderDepth(x->r);
		const char *ln = local_name(x);
		const struct elem_row *r;
		const char *parent;
		int empty;

		if (depth >= MAX_DEPTH)
			return qc_err_set(m->e, QC_EDATA, "'%s' refused: elements "
					  "nested more than %d deep", x->name,
					  MAX_DEPTH);
		parent = depth > 0 ? stack[depth - 1] : "";
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if ((rc = on_end(m, ln, parent)) < 0)
				return rc;
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		snprintf(stack[depth], sizeof(stack[depth]), "%s", ln);
		empty = xmlTextReaderIsEmptyElement(x->r);
		if (!(r = elem_find(m, ln, parent, depth)))
			rc = 0;
		else if ((r->flags & EL_GUID) &&
			 (rc = check_unique_guid(m, x, ln)) < 0)
			return rc;
		else
			rc = r->start(m, x);
		if (rc < 0)
			return rc;
		/* an empty element has no end tag of its own */
		if (empty && !(r && (r->flags & EL_READS)) &&
		    (rc = on_end(m, ln, parent)) < 0)
			return rc;
	}
	return rc;
}

static void imp_release(struct imp *m)
{
	while (m->cdepth > 0)
		code_pop(m);
	source_reset(m);
	free(m->sels);
	free(m->cods);
	free(m->clinks);
	free(m->srefs);
	free(m->refs);
	set_reset(m);
	for (size_t i = 0; i < m->nnotes; i++) {
		free(m->notes[i].name);
		free(m->notes[i].text);
		free(m->notes[i].created);
		free(m->notes[i].updated);
	}
	free(m->notes);
	for (size_t i = 0; i < m->ncases; i++) {
		struct icase *c = &m->cases[i];
		free(c->name);
		free(c->role);
		free(c->pseudonym);
		for (size_t j = 0; j < c->nattrs; j++) {
			free(c->attrs[j].key);
			free(c->attrs[j].value);
		}
		free(c->attrs);
		for (size_t j = 0; j < c->nsources; j++)
			free(c->sources[j]);
		free(c->sources);
	}
	free(m->cases);
	for (size_t i = 0; i < m->nvars; i++) {
		free(m->var_names[i]);
		free(m->var_types[i]);
	}
	free(m->var_names);
	free(m->var_types);
	gmap_free(&m->users);
	gmap_free(&m->codes);
	gmap_free(&m->vars);
	gmap_free(&m->case_sel);
	gmap_free(&m->file_codes);
	gmap_free(&m->case_codes);
	gmap_free(&m->sel_places);
	gmap_free(&m->lone_at);
	gmap_free(&m->note_at);
	gmap_free(&m->refs_at);
	for (size_t i = 0; i < m->nlone; i++)
		free(m->lone[i].why);
	free(m->lone);
	gmap_free(&m->seen);
	qc_buf_release(&m->stext);
	free(m->from);
	free(m->base);
	free(m->origin);
	free(m->foreign_eg);
	free(m->astral);
	free(m->crlf);
	sqlite3_finalize(m->ins_code);
	sqlite3_finalize(m->upd_code);
	sqlite3_finalize(m->ins_coding);
	sqlite3_finalize(m->ins_source);
	sqlite3_finalize(m->ins_segment);
	sqlite3_finalize(m->ins_fts);
	sqlite3_finalize(m->ins_part);
	sqlite3_finalize(m->ins_memo);
	if (m->have_zip)
		zipread_close(&m->z);
}

static int prepare_all(struct imp *m)
{
	m->ins_code = store_prepare(m->s,
		"INSERT INTO codes(guid, parent_id, short_id, name, definition,"
		" inclusion, exclusion, example, lesson, recommendation, skills,"
		" patterns, colour, codable, ordinal)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", m->e);
	m->upd_code = store_prepare(m->s,
		"UPDATE codes SET name = ?1, definition = ?2, inclusion = ?3,"
		" exclusion = ?4, example = ?5, lesson = ?6, recommendation = ?7,"
		" skills = ?8, patterns = ?9, colour = ?10, codable = ?11,"
		" parent_id = ?13 WHERE id = ?12 AND (name IS NOT ?1 OR"
		" definition IS NOT ?2 OR inclusion IS NOT ?3 OR exclusion IS NOT ?4"
		" OR example IS NOT ?5 OR lesson IS NOT ?6 OR recommendation IS NOT"
		" ?7 OR skills IS NOT ?8 OR patterns IS NOT ?9 OR colour IS NOT ?10"
		" OR codable IS NOT ?11 OR parent_id IS NOT ?13)", m->e);
	m->ins_coding = store_prepare(m->s,
		"INSERT OR IGNORE INTO codings(guid, code_id, source_id, segment_id,"
		" start_cp, end_cp, coder_id, created_at) VALUES (?,?,?,?,?,?,?,?)",
		m->e);
	m->ins_source = store_prepare(m->s,
		"INSERT INTO sources(guid, kind, title, date, format, filename,"
		" sha256, text, chars, words, imported_at, imported_by)"
		" VALUES (?,?,?,?,'qdpx',?,?,?,?,?,?,?)", m->e);
	m->ins_segment = store_prepare(m->s,
		"INSERT INTO segments(source_id, ordinal, participant_id, speaker,"
		" start_cp, end_cp, text) VALUES (?,?,?,?,?,?,?)", m->e);
	m->ins_fts = store_prepare(m->s, STORE_FTS_INSERT, m->e);
	m->ins_part = store_prepare(m->s,
		"INSERT INTO participants(source_id, label, role, guid, pseudonym)"
		" VALUES (?,?,?,?,?)", m->e);
	m->ins_memo = store_prepare(m->s,
		/* another program's notes were the project's, seen by all:
		 * the team's, as memos made before audiences */
		"INSERT OR IGNORE INTO memos(guid, target, target_id, author_id,"
		" created_at, updated_at, text, visibility) VALUES"
		" (?,?,?,?,?,?,?,'team')", m->e);
	return m->ins_code && m->upd_code && m->ins_coding && m->ins_source &&
	       m->ins_segment && m->ins_fts && m->ins_part && m->ins_memo ?
	       0 : -QC_EIO;
}

static int project_is_empty(struct store *s)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM codes)",
		NULL);
	int empty = 0;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		empty = sqlite3_column_int64(st, 0) == 0;
	sqlite3_finalize(st);
	return empty;
}

/* Open the XML of path: the .qde of an archive, or the file itself. */
static int open_xml(struct imp *m, const char *path, struct refi_xml *x)
{
	int zip = refi_ends_with(path, ".qdpx") || refi_ends_with(path, ".zip");
	struct zipread_limits zl;
	long long idx;
	int rc;

	if (!zip)
		return refi_xml_open(x, NULL, 0, path, &m->lim, m->e);
	refi_zip_limits(&m->lim, &zl);
	if ((rc = zipread_open_file(&m->z, path, &zl, m->e)) < 0)
		return rc;
	m->have_zip = 1;
	idx = zipread_find(&m->z, "project.qde");
	if (idx < 0) {
		/* tolerate another name, as long as there is one .qde */
		zip_int64_t n = zip_get_num_entries(m->z.za, 0);
		for (zip_int64_t i = 0; i < n; i++) {
			const char *nm = zip_get_name(m->z.za, (zip_uint64_t)i, 0);
			if (nm && refi_ends_with(nm, ".qde") &&
			    strncmp(nm, "sources/", 8) != 0) {
				if (idx >= 0)
					return qc_err_set(m->e, QC_EDATA,
						"'%s' holds more than one .qde "
						"and none is project.qde", path);
				idx = i;
			}
		}
	}
	if (idx < 0)
		return qc_err_set(m->e, QC_EDATA,
				  "'%s' holds no project.qde: not a REFI-QDA "
				  "project archive", path);
	return refi_xml_open(x, &m->z, idx, NULL, &m->lim, m->e);
}

/* Resolve the --sources-from folder once: texts must lie inside it. */
static int sources_folder(struct imp *m, struct qc_err *e)
{
	const char *dir = m->o->sources_from;
	struct stat sb;

	if (!(m->from = realpath(dir, NULL)))
		return qc_err_set(e, QC_EIO, "--sources-from '%s': %s", dir,
				  errno == ENOENT ? "no such folder" :
				  strerror(errno));
	if (stat(m->from, &sb) < 0 || !S_ISDIR(sb.st_mode))
		return qc_err_set(e, QC_EDATA, "--sources-from '%s': not a "
				  "folder", dir);
	return 0;
}

static int run_import(struct store *s, const char *path, int qdc,
		      const struct refi_import_opts *o,
		      enum refi_offsets offsets, struct refi_counts *c,
		      struct refi_loss *loss, long long *added,
		      long long *changed, struct qc_err *e)
{
	static const struct refi_import_opts defaults = { 0, NULL, NULL };
	struct imp m;
	struct refi_xml x;
	int rc, have_xml = 0;

	memset(&m, 0, sizeof(m));
	memset(&x, 0, sizeof(x));
	m.s = s;
	m.e = e;
	m.loss = loss;
	m.c = c;
	m.o = o ? o : &defaults;
	m.offsets = offsets;
	m.qdc = qdc;
	m.path = path;
	if (m.o->sources_from && (rc = sources_folder(&m, e)) < 0) {
		imp_release(&m);
		return rc;
	}
	if (m.o->limits)
		m.lim = *m.o->limits;
	else
		refi_limits_default(&m.lim);
	if (c)
		memset(c, 0, sizeof(*c));
	store_now(m.now);
	qc_buf_init(&m.stext);
	/* a large import touches many index pages: give SQLite room
	 * (64 MiB of page cache, well within the memory budget) */
	store_exec(s, "PRAGMA cache_size = -65536", NULL);
	if ((rc = store_begin(s, e)) < 0) {
		imp_release(&m);
		return rc;
	}
	if (!qdc && !m.o->into_existing && !project_is_empty(s)) {
		rc = qc_err_set(e, QC_EDATA, "the project already holds sources"
				" or codes; use --into-existing to add '%s'"
				" to them", path);
		goto fail;
	}
	if ((rc = prepare_all(&m)) < 0)
		goto fail;
	if (!qdc) {
		/* codes already in the project, for --into-existing */
		sqlite3_stmt *st = store_prepare(s, "SELECT guid, id FROM codes", e);
		if (!st) {
			rc = -QC_EIO;
			goto fail;
		}
		while (sqlite3_step(st) == SQLITE_ROW)
			gmap_put(&m.codes, (const char *)sqlite3_column_text(st, 0),
				 sqlite3_column_int64(st, 1));
		sqlite3_finalize(st);
	}
	/* codes and codings added from here on are this file's */
	m.codes_before = store_int(s, "SELECT coalesce(max(id), 0) FROM codes",
				   -1);
	m.codings_before = store_int(s, "SELECT coalesce(max(id), 0) FROM"
				     " codings", -1);
	if (m.codes_before < 0 || m.codings_before < 0) {
		rc = store_fail(s, e, "cannot read the project");
		goto fail;
	}
	if ((rc = open_xml(&m, path, &x)) < 0)
		goto fail;
	have_xml = 1;
	m.xname = x.name;
	refi_xml_guard_on();
	long long total;
	refi_xml_bytes(&x, &total);
	progress_begin("reading the project", "bytes", total);
	rc = walk(&m, &x);
	progress_end();
	refi_xml_guard_off();
	if (rc < 0)
		goto fail;
	for (size_t i = 0; i < m.nlone; i++)
		if (m.lone[i].why)
			refi_loss_add(m.loss, "%s", m.lone[i].why);
	if ((rc = finish_notes(&m)) < 0)
		goto fail;
	if (m.ncase_codes)
		refi_loss_note(loss, "%zu case code%s read as case links (a code"
			       " with its case's GUID, NVivo's case node: its "
			       "codings are the case's text; not kept as a code)",
			       m.ncase_codes, m.ncase_codes == 1 ? "" : "s");
	/* qcode keeps a case as a speaker of a source: say which went */
	for (size_t ci = 0; ci < m.ncases; ci++)
		if (!m.cases[ci].used)
			refi_loss_add(loss, "case '%s': it names no source and no"
				      " selection, and qcode keeps a case as a"
				      " speaker of a source; not carried over",
				      m.cases[ci].name ? m.cases[ci].name : "");
	if (m.nforeign)
		refi_loss_add(loss, "%zu identifier%s not GUIDs (the first: %s):"
			      " GUIDs derived from them are used, so references"
			      " hold, but an export carries those, not the "
			      "originals", m.nforeign, m.nforeign == 1 ? " is" :
			      "s are", m.foreign_eg);
	{
		char *detail = qdc ?
			xasprintf("%s: %lld codes added, %lld changed", path,
				  m.added, m.changed) :
			xasprintf("%s: %lld sources, %lld codes, %lld codings, "
				  "%zu not carried over", path,
				  c ? c->sources : 0, c ? c->codes : 0,
				  c ? c->codings : 0, loss ? loss->n : 0);
		rc = store_audit(s, qdc ? "codebook load" : "import", detail, e);
		free(detail);
		if (rc < 0)
			goto fail;
	}
	if ((rc = store_commit(s, e)) < 0)
		goto fail;
	if (added)
		*added = m.added;
	if (changed)
		*changed = m.changed;
	refi_xml_close(&x);
	imp_release(&m);
	return 0;
fail:
	store_rollback(s);
	if (have_xml)
		refi_xml_close(&x);
	imp_release(&m);
	return rc < 0 ? rc : -QC_EDATA;
}

int refi_import_file(struct store *s, const char *path,
		     const struct refi_import_opts *o, struct refi_counts *c,
		     struct refi_loss *loss, struct qc_err *e)
{
	if (refi_ends_with(path, ".qdc"))
		return qc_err_set(e, QC_EUSAGE, "'%s' is a codebook; load it"
				  " with 'qcode codebook load'", path);
	return run_import(s, path, 0, o, REFI_OFFSETS_AUTO, c, loss, NULL,
			  NULL, e);
}

static int import_file_as(struct store *s, const char *path,
			  const struct refi_import_opts *o,
			  enum refi_offsets offsets, struct refi_counts *c,
			  struct refi_loss *loss, struct qc_err *e)
{
	if (refi_ends_with(path, ".qdc"))
		return qc_err_set(e, QC_EUSAGE, "'%s' is a codebook; load it"
				  " with 'qcode codebook load'", path);
	return run_import(s, path, 0, o, offsets, c, loss, NULL, NULL, e);
}

/*
 * The language the project's root element states (xml:lang, or a
 * language attribute), as qcode's "nl" or "en" in lang; *said is what the
 * file says (caller frees; NULL when it says nothing). The project's
 * search index stems in its language from the start, so this is read
 * before the project is made. A file that cannot be read says nothing
 * here: the import proper reports why.
 */
static void peek_lang(const char *path, const struct refi_import_opts *o,
		      char lang[3], char **said)
{
	struct imp m;
	struct refi_xml x;
	struct qc_err e = QC_ERR_INIT;
	int rc;

	*said = NULL;
	memcpy(lang, "nl", 3);
	memset(&m, 0, sizeof(m));
	memset(&x, 0, sizeof(x));
	m.e = &e;
	if (o && o->limits)
		m.lim = *o->limits;
	else
		refi_limits_default(&m.lim);
	refi_xml_guard_on();
	if (open_xml(&m, path, &x) == 0) {
		while ((rc = refi_xml_next(&x, &e)) == 1 &&
		       xmlTextReaderNodeType(x.r) != XML_READER_TYPE_ELEMENT)
			;
		if (rc == 1) {
			xmlChar *v = xmlTextReaderXmlLang(x.r);
			if (!v)
				v = xmlTextReaderGetAttribute(x.r,
							      BAD_CAST "language");
			if (v && *v)
				*said = xstrdup((const char *)v);
			xmlFree(v);
		}
		refi_xml_close(&x);
	}
	refi_xml_guard_off();
	if (m.have_zip)
		zipread_close(&m.z);
	qc_err_release(&e);
	if (*said && !strncasecmp(*said, "en", 2) &&
	    (!(*said)[2] || (*said)[2] == '-' || (*said)[2] == '_'))
		memcpy(lang, "en", 3);
}

int refi_import_project(const char *project, struct store **sp,
			const char *path, const struct refi_import_opts *o,
			struct refi_counts *c, struct refi_loss *loss,
			int *created, struct qc_err *e)
{
	return refi_import_project_as(project, sp, path, o, REFI_OFFSETS_AUTO,
				      c, loss, created, e);
}

int refi_import_project_as(const char *project, struct store **sp,
			   const char *path, const struct refi_import_opts *o,
			   enum refi_offsets offsets, struct refi_counts *c,
			   struct refi_loss *loss, int *created,
			   struct qc_err *e)
{
	int into_existing = o && o->into_existing, rc = 0;

	*created = 0;
	if (access(path, R_OK) != 0)
		return qc_err_set(e, QC_EIO, "cannot open '%s': %s", path,
				  errno == ENOENT ? "no such file" :
				  strerror(errno));
	if (!*sp) {
		/* a new project from the file, when there is none yet */
		if (access(project, F_OK) != 0 && !into_existing) {
			/* built out of sight: no one sees it half-imported,
			 * and it needs no journal on disk meanwhile */
			char lang[3], *said;
			peek_lang(path, o, lang, &said);
			rc = store_create_staged(project, "REFI-QDA import",
						 lang, sp, e);
			*created = rc == 0;
			if (rc == 0 && said && strncasecmp(said, lang, 2))
				refi_loss_note(loss, "project language: the file"
					       " says '%s'; qcode knows nl and "
					       "en, the project is in nl", said);
			else if (rc == 0 && said)
				refi_loss_note(loss, "project language: %s, as "
					       "the file says ('%s')", lang,
					       said);
			free(said);
		} else {
			rc = store_open(project, sp, e);
		}
		if (rc < 0)
			return rc;
	}
	rc = import_file_as(*sp, path, o, offsets, c, loss, e);
	if (rc == 0 && *created)
		rc = store_publish(*sp, e);
	if (rc < 0 && *created) {
		store_discard(*sp);
		*sp = NULL;
		*created = 0;
	}
	return rc;
}

int refi_load_qdc(struct store *s, const char *path, long long *added,
		  long long *changed, struct refi_loss *loss, struct qc_err *e)
{
	static const struct refi_import_opts o = { 1, NULL, NULL };

	return run_import(s, path, 1, &o, REFI_OFFSETS_AUTO, NULL, loss, added,
			  changed, e);
}
