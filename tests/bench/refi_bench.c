/*
 * refi_bench: what tests/bench/60-refi.sh needs.
 *   refi_bench gen DB MB CODINGS     a project of about MB megabytes of text
 *                                    in 200 sources, 50 codes, CODINGS codings
 *   refi_bench run CMD ARGS...       run CMD; print "SECONDS PEAK_KIB"
 *   refi_bench bare-export DB OUT    the bare baseline: the same XML and
 *                                    texts with libxml2's writer and libzip,
 *                                    no qcode code; prints "SECONDS BYTES"
 *   refi_bench bare-import QDPX      the bare baseline: libzip and libxml2's
 *                                    reader over every entry and attribute
 *   refi_bench bare-store QDPX DB    the floor for any import into SQLite:
 *                                    the same reading, and each source's
 *                                    text, its lines (FTS5-indexed with the
 *                                    default tokenizer) and its codings
 *                                    inserted in one transaction, no qcode
 *                                    code; prints "SECONDS LINES CODINGS"
 * Rows for the bare export are read before the clock starts (the texts
 * into one file, from which libzip reads them as it does for qcode).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <sqlite3.h>
#include <zip.h>

#include "qcode/store.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "refi_bench: %s\n", what);
	exit(3);
}

static int gen(const char *db, int mb, long long codings)
{
	struct store *s;
	struct qc_err e = QC_ERR_INIT;
	sqlite3_stmt *st;
	char q[1024];
	static const char *const words[] = { "de", "verloskundige", "kwam",
		"thuis", "en", "dat", "gaf", "vertrouwen", "ouders", "wilden",
		"graag", "een", "bekend", "gezicht", "bij", "het", "huisbezoek",
		"caf\xc3\xa9", "\xc3\xa9\xc3\xa9n", "jeugdgezondheidszorg" };
	long long per = (long long)mb * 1000000 / 200;
	char *text = malloc((size_t)per + 64);
	unsigned r = 12345;

	unlink(db);
	if (store_create(db, "Bench", "nl", &s, &e) < 0)
		die(e.msg.buf);
	store_exec(s, "BEGIN", NULL);
	store_exec(s, "INSERT INTO coders(id, name, guid) VALUES (1, 'anna',"
		   " '11111111-1111-4111-8111-111111111111'), (2, 'bram',"
		   " '22222222-2222-4222-8222-222222222222')", NULL);
	store_exec(s, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
		   " FROM n WHERE i < 50) INSERT INTO codes(id, guid, parent_id,"
		   " short_id, name, valence) SELECT i, printf("
		   "'AAAAAAAA-0000-4000-8000-%012d', i), CASE WHEN i > 5 THEN"
		   " (i % 5) + 1 END, 'c' || i, 'Code ' || i, CASE i % 3 WHEN 0"
		   " THEN 'facilitating' WHEN 1 THEN 'hindering' ELSE 'neutral'"
		   " END FROM n", NULL);
	st = store_prepare(s, "INSERT INTO sources(id, guid, kind, title, format,"
			   " sha256, text, chars, words, imported_at, imported_by)"
			   " VALUES (?, printf('BBBBBBBB-0000-4000-8000-%012d', ?1),"
			   " 'interview', 'Bron ' || ?1, 'txt', 'x', ?2, ?3, 0,"
			   " '2026-01-15T10:00:00Z', 'anna')", NULL);
	for (int i = 1; i <= 200; i++) {
		long long n = 0, cps = 0;
		int col = 0;
		while (n < per) {
			const char *w = words[(r = r * 1103515245 + 12345) >> 16 & 15];
			size_t l = strlen(w);
			memcpy(text + n, w, l);
			n += (long long)l;
			cps += (long long)l;
			col += (int)l + 1;
			text[n++] = col > 70 ? '\n' : ' ';
			cps++;
			if (col > 70)
				col = 0;
		}
		/* code points: the two accented words have one byte more each */
		sqlite3_bind_int(st, 1, i);
		sqlite3_bind_text(st, 2, text, (int)n, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, cps);
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	/* every coding well inside the shortest text (ASCII words first) */
	snprintf(q, sizeof(q), "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL"
		 " SELECT i + 1 FROM n WHERE i < %lld) INSERT INTO codings(guid,"
		 " code_id, source_id, start_cp, end_cp, coder_id, created_at)"
		 " SELECT printf('DDDDDDDD-0000-4000-8000-%%012d', i), (i %% 50) + 1,"
		 " (i %% 200) + 1, ((i / 200) * 7) %% %lld, ((i / 200) * 7) %% %lld"
		 " + 5 + (i %% 40), (i %% 2) + 1, '2026-01-15T10:00:00Z' FROM n",
		 codings - 1, per / 2, per / 2);
	if (store_exec(s, q, &e) < 0)
		die(e.msg.buf);
	store_exec(s, "UPDATE sources SET chars = length(text)", NULL);
	store_exec(s, "COMMIT", NULL);
	store_close(s);
	free(text);
	return 0;
}

static int run(char **argv)
{
	double t0 = now();
	struct rusage ru;
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		die("wait");
	printf("%.3f %ld\n", now() - t0, ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

/* a coding as the bare export writes it; its code and user by index,
 * so that a million of them stay small */
struct bsel {
	char guid[40];
	int code, user;
	long long start, end;
};

/* GUIDs by row id, from SQL's "SELECT id, guid FROM ..." */
static char **guids_by_id(sqlite3 *d, const char *sql, int *n)
{
	sqlite3_stmt *st;
	char **v = NULL;

	*n = 0;
	sqlite3_prepare_v2(d, sql, -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int id = sqlite3_column_int(st, 0);
		if (id < 0 || id > 1000000)
			die("row id out of range");
		if (id >= *n) {
			v = realloc(v, (size_t)(id + 1) * sizeof(*v));
			memset(v + *n, 0, (size_t)(id + 1 - *n) * sizeof(*v));
			*n = id + 1;
		}
		v[id] = strdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return v;
}

static int bare_export(const char *db, const char *out)
{
	sqlite3 *d;
	sqlite3_stmt *st;
	char **guids = NULL, **codes, **users;
	long long *toff = NULL, *tlen = NULL, tpos = 0;
	int ns = 0, ncodes, nusers;
	FILE *tf;
	char *txt;
	struct bsel *sel = NULL;
	long long *first = NULL;
	size_t nsel = 0, asel = 0;
	double t0;
	long long bytes = 0;

	if (sqlite3_open_v2(db, &d, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("open");
	/* the texts wait in one file (as qcode's export keeps them), not in
	 * memory: libzip reads each from its place there */
	txt = malloc(strlen(out) + 8);
	snprintf(txt, strlen(out) + 8, "%s.txt", out);
	if (!(tf = fopen(txt, "wb")))
		die("texts");
	sqlite3_prepare_v2(d, "SELECT guid, text FROM sources ORDER BY id", -1,
			   &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		guids = realloc(guids, (size_t)(ns + 1) * sizeof(char *));
		toff = realloc(toff, (size_t)(ns + 1) * sizeof(long long));
		tlen = realloc(tlen, (size_t)(ns + 1) * sizeof(long long));
		guids[ns] = strdup((const char *)sqlite3_column_text(st, 0));
		toff[ns] = tpos;
		tlen[ns] = sqlite3_column_bytes(st, 1);
		if (fwrite(sqlite3_column_blob(st, 1), 1, (size_t)tlen[ns], tf) !=
		    (size_t)tlen[ns])
			die("texts");
		tpos += tlen[ns];
		ns++;
	}
	sqlite3_finalize(st);
	if (fclose(tf) != 0)
		die("texts");
	codes = guids_by_id(d, "SELECT id, guid FROM codes", &ncodes);
	users = guids_by_id(d, "SELECT id, guid FROM coders", &nusers);
	first = calloc((size_t)ns + 1, sizeof(long long));
	sqlite3_prepare_v2(d, "SELECT c.source_id, c.guid, k.id, u.id,"
			   " c.start_cp, c.end_cp FROM codings c JOIN codes k ON"
			   " k.id = c.code_id JOIN coders u ON u.id = c.coder_id"
			   " ORDER BY c.source_id, c.start_cp, c.end_cp", -1, &st, NULL);
	int cur = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int sid = sqlite3_column_int(st, 0);
		struct bsel *b;
		while (cur < sid)
			first[cur++] = (long long)nsel;
		if (nsel == asel) {
			asel = asel ? 2 * asel : 1024;
			sel = realloc(sel, asel * sizeof(*sel));
		}
		b = &sel[nsel++];
		snprintf(b->guid, sizeof(b->guid), "%s", (const char *)
			 sqlite3_column_text(st, 1));
		b->code = sqlite3_column_int(st, 2);
		b->user = sqlite3_column_int(st, 3);
		if (b->code < 0 || b->code >= ncodes || !codes[b->code] ||
		    b->user < 0 || b->user >= nusers || !users[b->user])
			die("coding without its code or user");
		b->start = sqlite3_column_int64(st, 4);
		b->end = sqlite3_column_int64(st, 5);
	}
	while (cur <= ns)
		first[cur++] = (long long)nsel;
	sqlite3_finalize(st);
	sqlite3_close(d);

	t0 = now();
	char *tmp = malloc(strlen(out) + 8);
	snprintf(tmp, strlen(out) + 8, "%s.xml", out);
	xmlTextWriterPtr w = xmlNewTextWriterFilename(tmp, 0);
	char num[32];
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
	xmlTextWriterStartElement(w, BAD_CAST "Project");
	xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns",
				    BAD_CAST "urn:QDA-XML:project:1.0");
	xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST "Bench");
	xmlTextWriterStartElement(w, BAD_CAST "Sources");
	for (int i = 0; i < ns; i++) {
		char path[80];
		xmlTextWriterStartElement(w, BAD_CAST "TextSource");
		xmlTextWriterWriteAttribute(w, BAD_CAST "guid", BAD_CAST guids[i]);
		snprintf(path, sizeof(path), "internal://%s.txt", guids[i]);
		xmlTextWriterWriteAttribute(w, BAD_CAST "plainTextPath", BAD_CAST path);
		for (long long k = first[i]; k < first[i + 1]; k++) {
			xmlTextWriterStartElement(w, BAD_CAST "PlainTextSelection");
			xmlTextWriterWriteAttribute(w, BAD_CAST "guid", BAD_CAST sel[k].guid);
			snprintf(num, sizeof(num), "%lld", sel[k].start);
			xmlTextWriterWriteAttribute(w, BAD_CAST "startPosition", BAD_CAST num);
			snprintf(num, sizeof(num), "%lld", sel[k].end);
			xmlTextWriterWriteAttribute(w, BAD_CAST "endPosition", BAD_CAST num);
			xmlTextWriterStartElement(w, BAD_CAST "Coding");
			xmlTextWriterWriteAttribute(w, BAD_CAST "guid", BAD_CAST sel[k].guid);
			xmlTextWriterWriteAttribute(w, BAD_CAST "creatingUser",
						    BAD_CAST users[sel[k].user]);
			xmlTextWriterWriteAttribute(w, BAD_CAST "creationDateTime",
						    BAD_CAST "2026-01-15T10:00:00Z");
			xmlTextWriterStartElement(w, BAD_CAST "CodeRef");
			xmlTextWriterWriteAttribute(w, BAD_CAST "targetGUID",
						    BAD_CAST codes[sel[k].code]);
			xmlTextWriterEndElement(w);
			xmlTextWriterEndElement(w);
			xmlTextWriterEndElement(w);
		}
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	int err;
	zip_t *z = zip_open(out, ZIP_CREATE | ZIP_TRUNCATE, &err);
	zip_file_add(z, "project.qde", zip_source_file(z, tmp, 0, -1), 0);
	for (int i = 0; i < ns; i++) {
		char name[80];
		snprintf(name, sizeof(name), "sources/%s.txt", guids[i]);
		/* a length of 0 would mean "to the end of the file" */
		zip_file_add(z, name, tlen[i] ? zip_source_file(z, txt,
			     (zip_uint64_t)toff[i], tlen[i]) :
			     zip_source_buffer(z, NULL, 0, 0), 0);
		bytes += tlen[i];
	}
	if (zip_close(z) < 0)
		die("zip_close");
	{
		FILE *f = fopen(tmp, "rb");
		fseek(f, 0, SEEK_END);
		bytes += ftell(f);
		fclose(f);
	}
	unlink(tmp);
	unlink(txt);
	printf("%.3f %lld\n", now() - t0, bytes);
	return 0;
}

static int zip_read_cb(void *ctx, char *buf, int len)
{
	return (int)zip_fread(ctx, buf, (zip_uint64_t)len);
}

static int zip_close_cb(void *ctx)
{
	(void)ctx;
	return 0;
}

static int bare_import(const char *path)
{
	double t0 = now();
	int err;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	zip_int64_t n;
	long long bytes = 0, attrs = 0;
	char buf[65536];

	if (!z)
		die("zip_open");
	n = zip_get_num_entries(z, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
		zip_file_t *f;
		zip_int64_t got;
		if (!strcmp(name, "project.qde"))
			continue;
		f = zip_fopen_index(z, (zip_uint64_t)i, 0);
		while (f && (got = zip_fread(f, buf, sizeof(buf))) > 0)
			bytes += got;
		if (f)
			zip_fclose(f);
	}
	{
		zip_file_t *f = zip_fopen(z, "project.qde", 0);
		zip_stat_t sb;
		xmlTextReaderPtr r;

		if (!f)
			die("no project.qde");
		zip_stat(z, "project.qde", 0, &sb);
		bytes += (long long)sb.size;
		r = xmlReaderForIO(zip_read_cb, zip_close_cb, f, NULL, NULL,
				   XML_PARSE_NONET);
		while (xmlTextReaderRead(r) == 1) {
			if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
				continue;
			while (xmlTextReaderMoveToNextAttribute(r) == 1) {
				attrs += xmlTextReaderConstValue(r) ? 1 : 0;
			}
		}
		xmlFreeTextReader(r);
		zip_fclose(f);
	}
	zip_discard(z);
	printf("%.3f %lld %lld\n", now() - t0, bytes, attrs);
	return 0;
}

static const char *attr(xmlTextReaderPtr r, const char *name, char **keep)
{
	free(*keep);
	*keep = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)name);
	return *keep;
}

static void step(sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die("insert");
	sqlite3_reset(st);
}

static int bare_store(const char *path, const char *db)
{
	double t0;
	int err;
	zip_t *z;
	zip_file_t *f;
	sqlite3 *d;
	sqlite3_stmt *src, *seg, *fts, *cod;
	xmlTextReaderPtr r;
	char *guid = NULL, *ptp = NULL, *cg = NULL, *user = NULL, *a = NULL,
	     *b = NULL, *code = NULL;
	long long lines = 0, codings = 0, sid = 0;

	unlink(db);
	t0 = now();
	if (!(z = zip_open(path, ZIP_RDONLY, &err)))
		die("zip_open");
	if (sqlite3_open(db, &d) != SQLITE_OK ||
	    sqlite3_exec(d, "CREATE TABLE src(id INTEGER PRIMARY KEY, guid TEXT"
			 " UNIQUE, text TEXT);"
			 " CREATE TABLE seg(id INTEGER PRIMARY KEY, src INT, text"
			 " TEXT);"
			 " CREATE VIRTUAL TABLE fts USING fts5(text, content='seg',"
			 " content_rowid='id');"
			 " CREATE TABLE cod(id INTEGER PRIMARY KEY, guid TEXT UNIQUE,"
			 " code TEXT, src INT, s INT, e INT, user TEXT);"
			 " BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		die(sqlite3_errmsg(d));
	if (sqlite3_prepare_v2(d, "INSERT INTO src(guid, text) VALUES (?, ?)",
			       -1, &src, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(d, "INSERT INTO seg(src, text) VALUES (?, ?)",
			       -1, &seg, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(d, "INSERT INTO fts(rowid, text) VALUES (?, ?)",
			       -1, &fts, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(d, "INSERT INTO cod(guid, code, src, s, e, user)"
			       " VALUES (?, ?, ?, ?, ?, ?)", -1, &cod, NULL) !=
		    SQLITE_OK)
		die(sqlite3_errmsg(d));
	if (!(f = zip_fopen(z, "project.qde", 0)))
		die("no project.qde");
	r = xmlReaderForIO(zip_read_cb, zip_close_cb, f, NULL, NULL,
			   XML_PARSE_NONET);
	while (xmlTextReaderRead(r) == 1) {
		const char *ln;
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		ln = (const char *)xmlTextReaderConstLocalName(r);
		if (!strcmp(ln, "TextSource") && attr(r, "guid", &guid) &&
		    attr(r, "plainTextPath", &ptp)) {
			char entry[600];
			zip_stat_t sb;
			zip_file_t *t;
			char *text;
			snprintf(entry, sizeof(entry), "sources/%s",
				 ptp + strlen("internal://"));
			if (zip_stat(z, entry, 0, &sb) != 0 ||
			    !(t = zip_fopen(z, entry, 0)))
				die("source text");
			text = malloc(sb.size + 1);
			if (zip_fread(t, text, sb.size) != (zip_int64_t)sb.size)
				die("source text");
			zip_fclose(t);
			sqlite3_bind_text(src, 1, guid, -1, SQLITE_STATIC);
			sqlite3_bind_text(src, 2, text, (int)sb.size, SQLITE_STATIC);
			step(src);
			sid = sqlite3_last_insert_rowid(d);
			for (size_t i = 0, j; i < sb.size; i = j + 1) {
				for (j = i; j < sb.size && text[j] != '\n'; j++)
					;
				if (j == i)
					continue;
				sqlite3_bind_int64(seg, 1, sid);
				sqlite3_bind_text(seg, 2, text + i, (int)(j - i),
						  SQLITE_STATIC);
				step(seg);
				sqlite3_bind_int64(fts, 1, sqlite3_last_insert_rowid(d));
				sqlite3_bind_text(fts, 2, text + i, (int)(j - i),
						  SQLITE_STATIC);
				step(fts);
				lines++;
			}
			free(text);
		} else if (!strcmp(ln, "PlainTextSelection")) {
			attr(r, "startPosition", &a);
			attr(r, "endPosition", &b);
		} else if (!strcmp(ln, "Coding")) {
			attr(r, "guid", &cg);
			attr(r, "creatingUser", &user);
		} else if (!strcmp(ln, "CodeRef") && cg && a && b &&
			   attr(r, "targetGUID", &code)) {
			sqlite3_bind_text(cod, 1, cg, -1, SQLITE_STATIC);
			sqlite3_bind_text(cod, 2, code, -1, SQLITE_STATIC);
			sqlite3_bind_int64(cod, 3, sid);
			sqlite3_bind_int64(cod, 4, atoll(a));
			sqlite3_bind_int64(cod, 5, atoll(b));
			sqlite3_bind_text(cod, 6, user, -1, SQLITE_STATIC);
			step(cod);
			codings++;
		}
	}
	xmlFreeTextReader(r);
	zip_fclose(f);
	zip_discard(z);
	sqlite3_finalize(src);
	sqlite3_finalize(seg);
	sqlite3_finalize(fts);
	sqlite3_finalize(cod);
	if (sqlite3_exec(d, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die(sqlite3_errmsg(d));
	sqlite3_close(d);
	printf("%.3f %lld %lld\n", now() - t0, lines, codings);
	free(guid); free(ptp); free(cg); free(user); free(a); free(b);
	free(code);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 5 && !strcmp(argv[1], "gen"))
		return gen(argv[2], atoi(argv[3]), atoll(argv[4]));
	if (argc >= 3 && !strcmp(argv[1], "run"))
		return run(argv + 2);
	if (argc >= 4 && !strcmp(argv[1], "bare-export"))
		return bare_export(argv[2], argv[3]);
	if (argc >= 3 && !strcmp(argv[1], "bare-import"))
		return bare_import(argv[2]);
	if (argc >= 4 && !strcmp(argv[1], "bare-store"))
		return bare_store(argv[2], argv[3]);
	fprintf(stderr, "usage: refi_bench gen|run|bare-export|bare-import|"
		"bare-store ...\n");
	return 1;
}
