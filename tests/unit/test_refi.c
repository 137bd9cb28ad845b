/* Unit tests for refi: REFI-QDA export, import, safety and validation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "qcode/refi.h"
#include "qcode/store.h"
#include "qcode/text.h"
#include "unit.h"

static const char demo_text[] =
	"Ouder 1: Wij vonden het prettig dat de verloskundige thuis kwam. "
	"Caf\xc3\xa9 \xc3\xa9\xc3\xa9n keer per week.\n"
	"Verloskundige 2: Fatima belde me op, dat gaf vertrouwen.\n"
	"Notitie zonder spreker.\n";

static void sql(struct store *s, const char *q)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, q, NULL, NULL, &msg) != SQLITE_OK) {
		printf("sql failed: %s: %s\n", msg, q);
		sqlite3_free(msg);
		exit(1);
	}
}

/* Code-point offset of needle in the demo text. */
static long long cp_of(const char *needle)
{
	const char *p = strstr(demo_text, needle);

	return p ? (long long)text_cp_count(demo_text, (size_t)(p - demo_text)) : -1;
}

static long long cp_len(const char *s)
{
	return (long long)text_cp_count(s, strlen(s));
}

static struct store *new_project(const char *path)
{
	struct store *s = NULL;
	struct qc_err e = QC_ERR_INIT;

	unlink(path);
	if (store_create(path, "Demo", "nl", &s, &e) < 0) {
		printf("store_create: %s\n", e.msg.buf);
		exit(1);
	}
	qc_err_release(&e);
	return s;
}

/* The demo project: codes in a tree, one source with two turns, codings
 * by two coders, memos on every kind of target, attributes. */
static struct store *demo_project(const char *path)
{
	struct store *s = new_project(path);
	sqlite3_stmt *st;
	char q[2048];
	long long t1 = cp_of("Wij vonden"), e1 = cp_of(" Caf") + 0;
	long long t2 = cp_of("Fatima"), e2 = cp_of("\nNotitie");
	long long w = cp_of("\xc3\xa9\xc3\xa9n keer");

	e1 = cp_of("\nVerlos");
	sql(s, "INSERT INTO coders(id, name, guid) VALUES"
	       " (1, 'anna', '11111111-1111-4111-8111-111111111111'),"
	       " (2, 'bram', '22222222-2222-4222-8222-222222222222')");
	sql(s, "INSERT INTO codes(id, guid, parent_id, short_id, name, ordinal,"
	       " definition, inclusion, exclusion, example, valence, colour,"
	       " lesson, recommendation, skills, patterns, codable) VALUES"
	       " (1, 'AAAAAAAA-0000-4000-8000-000000000001', NULL, 'verbinden',"
	       "  'Verbinden met ouders', 0, 'Open houding.', NULL, NULL, NULL,"
	       "  'neutral', '#336699', 'Vertrouwen eerst.', 'Gebruik geen"
	       " kwetsbaarheid als ingang.', 'luisteren\ndoorvragen', NULL, 0),"
	       " (2, 'AAAAAAAA-0000-4000-8000-000000000002', 1, 'vertrouwen',"
	       "  'Vertrouwen opbouwen', 0, 'Ouders voelen zich veilig.',"
	       "  'Uitspraken over vertrouwen.', 'Algemene tevredenheid.',"
	       "  'dat gaf vertrouwen', 'facilitating', '#2a2', NULL, NULL, NULL,"
	       "  'vertrouw\\w*', 1),"
	       " (3, 'AAAAAAAA-0000-4000-8000-000000000003', 1, 'drempel',"
	       "  'Hoge drempel', 1, NULL, NULL, NULL, NULL, 'hindering', NULL,"
	       "  NULL, NULL, NULL, NULL, 1)");
	st = store_prepare(s, "INSERT INTO sources(id, guid, kind, title, date,"
			   " format, filename, sha256, text, chars, words,"
			   " imported_at, imported_by) VALUES (1,"
			   " 'BBBBBBBB-0000-4000-8000-000000000001', 'focus-group',"
			   " 'Focusgroep 1', '2024-03-01', 'txt', 'fg1.txt', 'x', ?,"
			   " ?, 20, '2026-01-15T10:00:00Z', 'anna')", NULL);
	sqlite3_bind_text(st, 1, demo_text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, cp_len(demo_text));
	sqlite3_step(st);
	sqlite3_finalize(st);
	sql(s, "INSERT INTO source_attrs VALUES (1, 'locatie', 'Delft'),"
	       " (1, 'moderator', 'team')");
	sql(s, "INSERT INTO participants(id, source_id, label, role, pseudonym,"
	       " guid) VALUES (1, 1, 'Ouder 1', 'ouder', 'Ouder A',"
	       " 'CCCCCCCC-0000-4000-8000-000000000001'), (2, 1,"
	       " 'Verloskundige 2', 'verloskundige', NULL,"
	       " 'CCCCCCCC-0000-4000-8000-000000000002')");
	sql(s, "INSERT INTO participant_attrs VALUES (1, 'leeftijd', '31')");
	snprintf(q, sizeof(q), "INSERT INTO segments(id, source_id, ordinal,"
		 " participant_id, speaker, start_cp, end_cp, text) VALUES"
		 " (1, 1, 1, 1, 'Ouder 1', %lld, %lld, ''),"
		 " (2, 1, 2, 2, 'Verloskundige 2', %lld, %lld, ''),"
		 " (3, 1, 3, NULL, NULL, %lld, %lld, '')",
		 t1, e1, t2, e2, e2 + 1, cp_len(demo_text) - 1);
	sql(s, q);
	sql(s, "INSERT INTO segments_fts(segments_fts) VALUES ('rebuild')");
	snprintf(q, sizeof(q), "INSERT INTO codings(id, guid, code_id, source_id,"
		 " segment_id, start_cp, end_cp, coder_id, created_at, memo) VALUES"
		 " (1, 'DDDDDDDD-0000-4000-8000-000000000001', 2, 1, 2, %lld, %lld,"
		 "  1, '2026-01-10T09:00:00Z', NULL),"
		 " (2, 'DDDDDDDD-0000-4000-8000-000000000002', 2, 1, 2, %lld, %lld,"
		 "  2, '2026-01-11T09:00:00Z', 'twijfel'),"
		 " (3, 'DDDDDDDD-0000-4000-8000-000000000003', 3, 1, 1, %lld, %lld,"
		 "  1, '2026-01-12T09:00:00Z', NULL)",
		 cp_of("dat gaf"), cp_of(".\nNotitie"), t2, e2, w, w + 3);
	sql(s, q);
	sql(s, "INSERT INTO memos(guid, target, target_id, author_id, created_at,"
	       " updated_at, text) VALUES"
	       " ('EEEEEEEE-0000-4000-8000-000000000001', 'project', NULL, 1,"
	       "  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'Over het project'),"
	       " ('EEEEEEEE-0000-4000-8000-000000000002', 'source', 1, 1,"
	       "  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'Over de bron'),"
	       " ('EEEEEEEE-0000-4000-8000-000000000003', 'segment', 3, 2,"
	       "  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'Over de notitie'),"
	       " ('EEEEEEEE-0000-4000-8000-000000000004', 'code', 2, 2,"
	       "  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'Over de code'),"
	       " ('EEEEEEEE-0000-4000-8000-000000000005', 'coding', 1, 1,"
	       "  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'Over de codering')");
	/* the segment texts are copies of their spans */
	sql(s, "UPDATE segments SET text = substr((SELECT text FROM sources),"
	       " start_cp + 1, end_cp - start_cp)");
	return s;
}

/* One string with everything a round trip must keep, in a fixed order. */
static char *dump(struct store *s)
{
	static const char *const q[] = {
		"SELECT guid, title, text, kind, coalesce(date, '') FROM sources"
		" ORDER BY guid",
		"SELECT c.guid, c.name, coalesce(p.guid, ''), coalesce(c.colour,''),"
		" c.valence, coalesce(c.definition,''), coalesce(c.inclusion,''),"
		" coalesce(c.exclusion,''), coalesce(c.example,''),"
		" coalesce(c.lesson,''), coalesce(c.recommendation,''),"
		" coalesce(c.skills,''), coalesce(c.patterns,''), c.codable,"
		" c.short_id FROM codes c LEFT JOIN codes p ON p.id = c.parent_id"
		" ORDER BY c.guid",
		"SELECT c.guid, k.guid, s.guid, u.name, c.created_at,"
		" substr(s.text, c.start_cp + 1, c.end_cp - c.start_cp)"
		" FROM codings c JOIN codes k ON k.id = c.code_id JOIN sources s ON"
		" s.id = c.source_id JOIN coders u ON u.id = c.coder_id ORDER BY c.guid",
		"SELECT m.guid, m.target, u.name, m.text, CASE m.target"
		" WHEN 'source' THEN (SELECT guid FROM sources WHERE id = m.target_id)"
		" WHEN 'code' THEN (SELECT guid FROM codes WHERE id = m.target_id)"
		" WHEN 'coding' THEN (SELECT guid FROM codings WHERE id = m.target_id)"
		" WHEN 'segment' THEN (SELECT text FROM segments WHERE id = m.target_id)"
		" ELSE '' END FROM memos m JOIN coders u ON u.id = m.author_id"
		" ORDER BY m.guid",
		"SELECT c.guid, coalesce(c.memo, '') FROM codings c ORDER BY c.guid",
		"SELECT s.guid, a.key, a.value FROM source_attrs a JOIN sources s ON"
		" s.id = a.source_id ORDER BY 1, 2",
		"SELECT p.guid, coalesce(p.role, ''), a.key, a.value FROM participants p"
		" LEFT JOIN participant_attrs a ON a.participant_id = p.id ORDER BY 1, 3",
	};
	struct qc_buf b = QC_BUF_INIT;

	for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		sqlite3_stmt *st = store_prepare(s, q[i], NULL);
		if (!st) {
			printf("dump: %s\n", sqlite3_errmsg(s->db));
			continue;
		}
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++)
				qc_buf_addf(&b, "%s|", (const char *)
					    sqlite3_column_text(st, c) ?
					    (const char *)sqlite3_column_text(st, c) : "");
			qc_buf_addch(&b, '\n');
		}
		sqlite3_finalize(st);
		qc_buf_adds(&b, "--\n");
	}
	return qc_buf_detach(&b, NULL);
}

static long long count(struct store *s, const char *q)
{
	return store_int(s, q, -1);
}

static int schema_ok(const char *file)
{
	struct qc_buf p = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;
	int n = refi_check_file(file, &p, &e);

	if (n != 0)
		printf("check %s: %d: %s%s\n", file, n, p.buf, e.msg.buf);
	qc_buf_release(&p);
	qc_err_release(&e);
	return n == 0;
}

TEST(guid_norm)
{
	char g[37];

	CHECK(refi_guid_norm("{0616fddd-8dd6-42a0-b5b0-ab7c89729219}", g) == 0);
	CHECK_STR(g, "0616FDDD-8DD6-42A0-B5B0-AB7C89729219");
	CHECK(refi_guid_norm("0616fddd-8dd6-42a0-b5b0-ab7c8972921", g) < 0);
	CHECK(refi_guid_norm("not a guid", g) < 0);
	refi_guid_derive("key", g);
	char h[37];
	refi_guid_derive("key", h);
	CHECK_STR(g, h);
	CHECK(g[14] == '8');
	refi_guid_derive("other", h);
	CHECK(strcmp(g, h) != 0);
}

TEST(map_offsets)
{
	/* "Fatima belde" -> "[naam] belde": [0,6) became 6 code points,
	 * and "06-12345678" at 17..28 became "[tel]" (5) */
	struct refi_edit ed[] = { { 0, 6, 6 }, { 17, 28, 5 } };

	CHECK(refi_map_start(ed, 2, 0) == 0);
	CHECK(refi_map_end(ed, 2, 6) == 6);
	CHECK(refi_map_start(ed, 2, 7) == 7);
	CHECK(refi_map_start(ed, 2, 20) == 17);	/* inside: to the start */
	CHECK(refi_map_end(ed, 2, 20) == 22);	/* inside: to the end */
	CHECK(refi_map_start(ed, 2, 30) == 24);
	CHECK(refi_map_end(ed, 2, 28) == 22);
}

TEST(description_layout)
{
	struct refi_code_text t = { 0 }, u;
	struct qc_buf b = QC_BUF_INIT;

	t.definition = "Ouders voelen zich veilig.\n\nTweede alinea.";
	t.inclusion = "Uitspraken over vertrouwen.";
	t.lesson = "Vertrouwen eerst.";
	t.skills = "luisteren\ndoorvragen";
	t.short_id = "vertrouwen";
	refi_description_format(&t, &b);
	CHECK(strstr(b.buf, "Inclusion: Uitspraken") != NULL);
	CHECK(strstr(b.buf, "Skills:\n- luisteren\n- doorvragen") != NULL);
	refi_description_parse(b.buf, &u);
	CHECK_STR(u.definition, t.definition);
	CHECK_STR(u.inclusion, t.inclusion);
	CHECK_STR(u.lesson, t.lesson);
	CHECK_STR(u.skills, t.skills);
	CHECK_STR(u.short_id, t.short_id);
	CHECK(u.exclusion == NULL);
	refi_code_text_release(&u);
	refi_description_parse("Just a description from elsewhere.", &u);
	CHECK_STR(u.definition, "Just a description from elsewhere.");
	CHECK(u.lesson == NULL);
	refi_code_text_release(&u);
	qc_buf_release(&b);
}

TEST(round_trip)
{
	struct store *a = demo_project("rt-a.db"), *b = new_project("rt-b.db");
	struct store *c2 = new_project("rt-c.db");
	struct refi_export_opts o = { 1, NULL, NULL, 1, 0 };
	struct refi_counts n;
	struct refi_loss loss;
	struct qc_err e = QC_ERR_INIT;
	char *da, *db, *dc;

	refi_loss_init(&loss);
	CHECK(refi_export_qdpx(a, "rt.qdpx", &o, &n, &loss, &e) == 0);
	CHECK(n.sources == 1 && n.codes == 3 && n.codings == 3 && n.users == 2);
	CHECK(n.memos == 6 && n.cases == 2);
	CHECK(schema_ok("rt.qdpx"));
	CHECK(access("rt.qdpx.qde.tmp", F_OK) != 0);
	CHECK(refi_import_file(b, "rt.qdpx", NULL, &n, &loss, &e) == 0);
	if (e.code)
		printf("import: %s\n", e.msg.buf);
	CHECK(loss.n == 0);
	if (loss.n)
		printf("%s", loss.lines.buf);
	da = dump(a);
	db = dump(b);
	CHECK_STR(db, da);
	/* and again, from the imported project */
	CHECK(refi_export_qdpx(b, "rt2.qdpx", &o, &n, &loss, &e) == 0);
	CHECK(refi_import_file(c2, "rt2.qdpx", NULL, &n, &loss, &e) == 0);
	dc = dump(c2);
	CHECK_STR(dc, da);
	/* turns came back as turns of their participants */
	CHECK(count(b, "SELECT count(*) FROM segments WHERE participant_id"
		    " IS NOT NULL") == 2);
	CHECK(count(b, "SELECT count(*) FROM codings WHERE segment_id IS NULL") == 0);
	/* refusals say what is wrong and name no command */
	CHECK(refi_import_file(b, "rt.qdpx", NULL, &n, &loss, &e) == -QC_EDATA);
	CHECK_STR(e.msg.buf, "the project already holds sources or codes; use"
		  " --into-existing to add 'rt.qdpx' to them");
	qc_err_clear(&e);
	CHECK(refi_import_file(b, "rt.qdc", NULL, &n, &loss, &e) == -QC_EUSAGE);
	CHECK_STR(e.msg.buf, "'rt.qdc' is a codebook; load it with 'qcode"
		  " codebook load'");
	qc_err_clear(&e);
	free(da);
	free(db);
	free(dc);
	refi_loss_release(&loss);
	qc_err_release(&e);
	store_close(a);
	store_close(b);
	store_close(c2);
}

TEST(stable_guids)
{
	struct store *a = demo_project("st-a.db");
	struct refi_export_opts o = { 0, NULL, NULL, 1, 0 };
	struct qc_err e = QC_ERR_INIT;
	char *x = NULL, *y = NULL;
	size_t nx = 0, ny = 0;

	setenv("QCODE_NOW", "2026-01-15T10:00:00Z", 1);
	CHECK(refi_export_qdpx(a, "st1.qdpx", &o, NULL, NULL, &e) == 0);
	CHECK(refi_export_qdpx(a, "st2.qdpx", &o, NULL, NULL, &e) == 0);
	CHECK(system("unzip -p st1.qdpx project.qde > st1.qde && "
		     "unzip -p st2.qdpx project.qde > st2.qde") == 0);
	CHECK(qc_read_file("st1.qde", 1 << 24, &x, &nx, &e) == 0);
	CHECK(qc_read_file("st2.qde", 1 << 24, &y, &ny, &e) == 0);
	CHECK(nx == ny && x && y && memcmp(x, y, nx) == 0);
	/* pseudonyms, not labels, name the cases by default */
	CHECK(x && strstr(x, "name=\"Ouder A\"") != NULL);
	CHECK(x && strstr(x, "Verloskundige 2\"") == NULL);
	CHECK(x && strstr(x, "internal://BBBBBBBB-0000-4000-8000-000000000001.txt"));
	free(x);
	free(y);
	qc_err_release(&e);
	store_close(a);
}

/* Redaction for the test: every "Fatima" becomes "[naam]". */
static int redact_names(void *arg, struct store *s, long long sid,
			const char *text, size_t len, struct qc_buf *out,
			struct refi_edit **ed, size_t *n, struct qc_err *e)
{
	const char *p = text, *hit;
	size_t alloc = 0;

	(void)arg;
	(void)s;
	(void)sid;
	(void)e;
	(void)len;
	*ed = NULL;
	*n = 0;
	while ((hit = strstr(p, "Fatima"))) {
		size_t at = text_cp_count(text, (size_t)(hit - text));
		qc_buf_add(out, p, (size_t)(hit - p));
		qc_buf_adds(out, "[naam]");
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 4;
			*ed = xreallocarray(*ed, alloc, sizeof(**ed));
		}
		(*ed)[*n] = (struct refi_edit){ at, at + 6, 6 };
		(*n)++;
		p = hit + 6;
	}
	qc_buf_adds(out, p);
	return 0;
}

/* A redaction that changes length: the codings still cover their words. */
static int redact_longer(void *arg, struct store *s, long long sid,
			 const char *text, size_t len, struct qc_buf *out,
			 struct refi_edit **ed, size_t *n, struct qc_err *e)
{
	const char *hit = strstr(text, "Fatima");

	(void)arg;
	(void)s;
	(void)sid;
	(void)e;
	(void)len;
	*n = 0;
	*ed = NULL;
	if (!hit)
		return redact_names(arg, s, sid, text, len, out, ed, n, e);
	size_t at = text_cp_count(text, (size_t)(hit - text));
	qc_buf_add(out, text, (size_t)(hit - text));
	qc_buf_adds(out, "[persoonsnaam]");
	qc_buf_adds(out, hit + 6);
	*ed = xmalloc(sizeof(**ed));
	(*ed)[0] = (struct refi_edit){ at, at + 6, 14 };
	*n = 1;
	return 0;
}

TEST(redaction_keeps_words)
{
	struct store *a = demo_project("rd-a.db"), *b = new_project("rd-b.db");
	struct refi_export_opts o = { 0, redact_longer, NULL, 1, 0 };
	struct qc_err e = QC_ERR_INIT;

	CHECK(refi_export_qdpx(a, "rd.qdpx", &o, NULL, NULL, &e) == 0);
	CHECK(schema_ok("rd.qdpx"));
	CHECK(refi_import_file(b, "rd.qdpx", NULL, NULL, NULL, &e) == 0);
	CHECK(count(b, "SELECT count(*) FROM sources WHERE instr(text, 'Fatima')") == 0);
	CHECK(count(b, "SELECT count(*) FROM sources WHERE"
		    " instr(text, '[persoonsnaam] belde')") == 1);
	/* "dat gaf vertrouwen" is after the name: same words */
	CHECK(count(b, "SELECT count(*) FROM codings c JOIN sources s ON"
		    " s.id = c.source_id WHERE substr(s.text, c.start_cp + 1,"
		    " c.end_cp - c.start_cp) = 'dat gaf vertrouwen'") == 1);
	CHECK(count(b, "SELECT count(*) FROM codings c JOIN sources s ON"
		    " s.id = c.source_id WHERE substr(s.text, c.start_cp + 1,"
		    " c.end_cp - c.start_cp) = '[persoonsnaam] belde me op, dat"
		    " gaf vertrouwen.'") == 1);
	qc_err_release(&e);
	store_close(a);
	store_close(b);
}

TEST(qdc_round_trip)
{
	struct store *a = demo_project("qc-a.db"), *b = new_project("qc-b.db");
	struct qc_err e = QC_ERR_INIT;
	struct refi_counts n;
	long long added = 0, changed = 0;
	const char *q = "SELECT c.guid, c.name, coalesce(p.guid,''), c.valence,"
		" coalesce(c.colour,''), coalesce(c.definition,''),"
		" coalesce(c.inclusion,''), coalesce(c.exclusion,''),"
		" coalesce(c.example,''), coalesce(c.lesson,''),"
		" coalesce(c.recommendation,''), coalesce(c.skills,''),"
		" coalesce(c.patterns,''), c.codable, c.short_id FROM codes c"
		" LEFT JOIN codes p ON p.id = c.parent_id ORDER BY c.guid";

	CHECK(refi_export_qdc(a, "cb.qdc", NULL, &n, &e) == 0);
	CHECK(n.codes == 3 && n.sets == 2);
	CHECK(schema_ok("cb.qdc"));
	CHECK(refi_load_qdc(b, "cb.qdc", &added, &changed, NULL, &e) == 0);
	CHECK(added == 3 && changed == 0);
	sqlite3_stmt *x = store_prepare(a, q, NULL), *y = store_prepare(b, q, NULL);
	int rows = 0;
	while (x && y && sqlite3_step(x) == SQLITE_ROW) {
		CHECK(sqlite3_step(y) == SQLITE_ROW);
		for (int i = 0; i < sqlite3_column_count(x); i++)
			CHECK_STR((const char *)sqlite3_column_text(y, i),
				  (const char *)sqlite3_column_text(x, i));
		rows++;
	}
	CHECK(rows == 3);
	sqlite3_finalize(x);
	sqlite3_finalize(y);
	/* loading again changes nothing */
	CHECK(refi_load_qdc(b, "cb.qdc", &added, &changed, NULL, &e) == 0);
	CHECK(added == 0 && changed == 0);
	qc_err_release(&e);
	store_close(a);
	store_close(b);
}

static void write_file(const char *path, const char *data)
{
	FILE *f = fopen(path, "w");

	fputs(data, f);
	fclose(f);
}

/* A zip with the entries name[i] holding data[i] (len[i] bytes). */
static void make_zip(const char *path, int n, const char *const *name,
		     const char *const *data, const size_t *len)
{
	int err;
	zip_t *z;

	unlink(path);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	for (int i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(z, data[i], len ? len[i] :
						    strlen(data[i]), 0);
		zip_file_add(z, name[i], s, 0);
	}
	zip_close(z);
}

static const char tolerant_qde[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Elders\">"
	"<Users><User guid=\"{9f0c1111-0000-4000-8000-00000000000a}\" name=\"Kim\"/></Users>"
	"<CodeBook><Codes><Code guid=\"{aa000000-0000-4000-8000-000000000001}\""
	" name=\"Thema\" color=\"#ff0000\"><Description>Een thema.</Description>"
	"<Code guid=\"aa000000-0000-4000-8000-000000000002\" name=\"Sub\""
	" isCodable=\"true\"/></Code></Codes></CodeBook>"
	"<Variables><Variable guid=\"ab000000-0000-4000-8000-000000000001\""
	" name=\"regio\" typeOfVariable=\"Text\"/>"
	"<Variable guid=\"ab000000-0000-4000-8000-000000000002\" name=\"vreemd\""
	" typeOfVariable=\"Colour\"/></Variables>"
	"<Sources>"
	"<TextSource guid=\"bb000000-0000-4000-8000-000000000001\" name=\"Inline\">"
	"<PlainTextContent>Hallo w\xc3\xa9reld, dit is tekst.</PlainTextContent>"
	"<PlainTextSelection guid=\"cc000000-0000-4000-8000-000000000001\""
	" startPosition=\"6\" endPosition=\"12\"><Description>Mooi woord</Description>"
	"</PlainTextSelection>"
	"<PlainTextSelection guid=\"cc000000-0000-4000-8000-000000000002\""
	" startPosition=\"0\" endPosition=\"5\"><Coding guid=\"{dd000000-0000-4000-8000-000000000001}\""
	" creatingUser=\"9F0C1111-0000-4000-8000-00000000000A\">"
	"<CodeRef targetGUID=\"AA000000-0000-4000-8000-000000000002\"/></Coding>"
	"</PlainTextSelection>"
	"<PlainTextSelection guid=\"cc000000-0000-4000-8000-000000000003\""
	" startPosition=\"20\" endPosition=\"999\"><Coding guid=\"dd000000-0000-4000-8000-000000000002\">"
	"<CodeRef targetGUID=\"aa000000-0000-4000-8000-000000000002\"/></Coding>"
	"</PlainTextSelection>"
	"<VariableValue><VariableRef targetGUID=\"ab000000-0000-4000-8000-000000000001\"/>"
	"<TextValue>Zuid</TextValue></VariableValue>"
	"<VariableValue><VariableRef targetGUID=\"ab000000-0000-4000-8000-000000000002\"/>"
	"<TextValue>rood</TextValue></VariableValue>"
	"</TextSource>"
	"<TextSource guid=\"bb000000-0000-4000-8000-000000000002\" name=\"Bestand\""
	" plainTextPath=\"internal://bb000000-0000-4000-8000-000000000002.txt\""
	" richTextPath=\"internal://bb000000-0000-4000-8000-000000000002.docx\">"
	"<PlainTextSelection guid=\"cc000000-0000-4000-8000-000000000004\""
	" startPosition=\"0\" endPosition=\"4\"><Coding guid=\"dd000000-0000-4000-8000-000000000003\">"
	"<CodeRef targetGUID=\"aa000000-0000-4000-8000-000000000001\"/></Coding>"
	"</PlainTextSelection></TextSource>"
	"<PictureSource guid=\"bb000000-0000-4000-8000-000000000003\" name=\"Foto\""
	" path=\"internal://x.jpg\"/>"
	"<AudioSource guid=\"bb000000-0000-4000-8000-000000000004\" name=\"Opname\"/>"
	"</Sources>"
	"<Links><Link guid=\"ee000000-0000-4000-8000-000000000001\" name=\"verband\"/></Links>"
	"<Sets><Set guid=\"ef000000-0000-4000-8000-000000000001\" name=\"Mijn set\">"
	"<MemberSource targetGUID=\"bb000000-0000-4000-8000-000000000001\"/></Set></Sets>"
	"<Graphs><Graph guid=\"ef000000-0000-4000-8000-000000000002\" name=\"Kaart\"/></Graphs>"
	"</Project>\n";

TEST(tolerant_import_and_loss_report)
{
	const char *names[] = { "Elders.qde",
		"sources/bb000000-0000-4000-8000-000000000002.txt" };
	const char *data[] = { tolerant_qde, "\xef\xbb\xbfTekst\r\nmet CRLF\r\n" };
	struct store *s = new_project("tol.db");
	struct refi_loss loss;
	struct refi_counts n;
	struct qc_err e = QC_ERR_INIT;
	char *t;

	make_zip("tol.qdpx", 2, names, data, NULL);
	refi_loss_init(&loss);
	CHECK(refi_import_file(s, "tol.qdpx", NULL, &n, &loss, &e) == 0);
	if (e.code)
		printf("import: %s\n", e.msg.buf);
	CHECK(n.sources == 2 && n.codes == 2 && n.codings == 2);
	/* codes: hierarchy, colour, isCodable missing = true */
	CHECK(count(s, "SELECT count(*) FROM codes c JOIN codes p ON"
		    " p.id = c.parent_id WHERE c.name = 'Sub' AND p.name = 'Thema'"
		    " AND p.colour = '#ff0000' AND p.codable = 1"
		    " AND p.definition = 'Een thema.'") == 1);
	CHECK(count(s, "SELECT count(*) FROM codings c JOIN coders u ON"
		    " u.id = c.coder_id WHERE u.name = 'Kim'"
		    " AND c.guid = 'DD000000-0000-4000-8000-000000000001'") == 1);
	/* the selection with a description and no coding is a memo */
	CHECK(count(s, "SELECT count(*) FROM memos WHERE text = 'Mooi woord'") == 1);
	/* BOM and CRLF: the text is normalised, the coding keeps its word */
	CHECK(count(s, "SELECT count(*) FROM codings c JOIN sources s ON"
		    " s.id = c.source_id WHERE substr(s.text, c.start_cp + 1,"
		    " c.end_cp - c.start_cp) = 'Teks'") == 1);
	CHECK(count(s, "SELECT count(*) FROM sources WHERE text ="
		    " 'Tekst' || char(10) || 'met CRLF' || char(10)") == 1);
	CHECK(count(s, "SELECT count(*) FROM source_attrs WHERE key = 'regio'"
		    " AND value = 'Zuid'") == 1);
	CHECK(count(s, "SELECT count(*) FROM segments") > 0);
	t = refi_loss_text(&loss);
	CHECK(strstr(t, "PictureSource 'Foto'") != NULL);
	CHECK(strstr(t, "AudioSource 'Opname'") != NULL);
	CHECK(strstr(t, "formatted text") != NULL);
	CHECK(strstr(t, "link 'verband'") != NULL);
	CHECK(strstr(t, "graph 'Kaart'") != NULL);
	CHECK(strstr(t, "set 'Mijn set'") != NULL);
	CHECK(strstr(t, "selection 20-999") != NULL);
	CHECK(strstr(t, "unknown type 'Colour'") != NULL);
	if (!strstr(t, "Colour"))
		printf("%s", t);
	free(t);
	refi_loss_release(&loss);
	qc_err_release(&e);
	store_close(s);
}

/* Every hostile file is refused and the project keeps what it had. */
static void refused(const char *unit_case, struct store *s, const char *file,
		    const char *why)
{
	struct qc_err e = QC_ERR_INIT;
	struct refi_import_opts o = { 1, NULL, NULL };
	struct refi_limits lim;
	long long before = count(s, "SELECT count(*) FROM sources") +
			   count(s, "SELECT count(*) FROM codes");
	int rc;

	refi_limits_default(&lim);
	lim.max_total = 64ULL << 20;
	o.limits = &lim;
	rc = refi_import_file(s, file, &o, NULL, NULL, &e);
	if (rc == 0 || !strstr(e.msg.buf, why))
		printf("FAIL hostile %s: rc %d: %s\n", file, rc, e.msg.buf);
	CHECK(rc < 0);
	CHECK(count(s, "SELECT count(*) FROM sources") +
	      count(s, "SELECT count(*) FROM codes") == before);
	CHECK(s->tx_depth == 0);
	qc_err_release(&e);
}

TEST(hostile_files)
{
	struct store *s = demo_project("ho.db");
	static const char ok_qde[] =
		"<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\""
		" name=\"x\"><CodeBook><Codes><Code guid=\"aa000000-0000-4000-8000-0000000000ff\""
		" name=\"injected\" isCodable=\"true\"/></Codes></CodeBook></Project>";
	const char *n1[] = { "project.qde", "../../evil.txt" };
	const char *d1[] = { ok_qde, "gotcha" };
	const char *n2[] = { "project.qde", "/etc/evil" };
	char *zeros = xcalloc(1, 40 << 20);
	const char *n3[] = { "project.qde", "sources/bomb.txt" };
	const char *d3[] = { ok_qde, zeros };
	size_t l3[] = { sizeof(ok_qde) - 1, 40 << 20 };
	const char *n4[] = { "project.qde" };
	const char *d4[] = {
		"<?xml version=\"1.0\"?><!DOCTYPE Project [<!ENTITY x SYSTEM"
		" \"file:///etc/passwd\">]><Project xmlns=\"urn:QDA-XML:project:1.0\""
		" name=\"&x;\"><CodeBook><Codes><Code guid=\"aa000000-0000-4000-8000-0000000000ff\""
		" name=\"&x;\" isCodable=\"true\"/></Codes></CodeBook></Project>" };
	const char *d5[] = {
		"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
		"<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
		"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
		"<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>"
		"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"&lol4;\"/>" };
	const char *d6[] = { "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\">"
			     "<CodeBook><Codes><Code guid=\"aa000000-0000-4000-8000-0000000000ff\""
			     " name=\"half\" isCodable=\"true\"/></Codes></CodeBook><Sources>" };

	make_zip("slip.qdpx", 2, n1, d1, NULL);
	refused(unit_case, s, "slip.qdpx", "leaves the archive");
	make_zip("abs.qdpx", 2, n2, d1, NULL);
	refused(unit_case, s, "abs.qdpx", "absolute path");
	make_zip("bomb.qdpx", 2, n3, d3, l3);
	refused(unit_case, s, "bomb.qdpx", "ZIP bomb");
	make_zip("xxe.qdpx", 1, n4, d4, NULL);
	refused(unit_case, s, "xxe.qdpx", "DTD");
	make_zip("laughs.qdpx", 1, n4, d5, NULL);
	refused(unit_case, s, "laughs.qdpx", "DTD");
	make_zip("trunc.qdpx", 1, n4, d6, NULL);
	refused(unit_case, s, "trunc.qdpx", "not well-formed");
	write_file("notzip.qdpx", "this is not a zip");
	refused(unit_case, s, "notzip.qdpx", "not a ZIP");
	/* a total size cap, counted as bytes come out */
	{
		struct qc_err e = QC_ERR_INIT;
		struct refi_import_opts o = { 1, NULL, NULL };
		struct refi_limits lim;
		refi_limits_default(&lim);
		lim.max_total = 1000;
		lim.max_ratio = 1ULL << 40;
		o.limits = &lim;
		CHECK(refi_import_file(s, "bomb.qdpx", &o, NULL, NULL, &e) < 0);
		CHECK(strstr(e.msg.buf, "more than 1000 bytes") != NULL);
		qc_err_release(&e);
	}
	CHECK(count(s, "SELECT count(*) FROM codes WHERE name IN ('injected',"
		    " 'half')") == 0);
	free(zeros);
	store_close(s);
}

TEST(check_explains)
{
	static const char bad[] =
		"<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\""
		" name=\"x\"><CodeBook><Codes><Code guid=\"nope\" name=\"a\"/>"
		"</Codes></CodeBook></Project>";
	struct qc_buf p = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;

	write_file("bad.qde", bad);
	CHECK(refi_check_file("bad.qde", &p, &e) >= 2);
	CHECK(strstr(p.buf, "line 1: a GUID is not of the form") != NULL);
	if (!strstr(p.buf, "GUID"))
		printf("%s", p.buf);
	CHECK(strstr(p.buf, "required attribute is missing") != NULL);
	CHECK(strstr(p.buf, "{urn:") == NULL);
	qc_buf_release(&p);
	qc_err_release(&e);
}

TEST(large_project)
{
	struct store *a = new_project("big-a.db"), *b = new_project("big-b.db");
	struct refi_export_opts o = { 1, NULL, NULL, 1, 0 };
	struct refi_counts n;
	struct qc_err e = QC_ERR_INIT;
	char *da, *db;

	sql(a, "INSERT INTO coders(id, name, guid) VALUES (1, 'anna',"
	       " '11111111-1111-4111-8111-111111111111'), (2, 'bram',"
	       " '22222222-2222-4222-8222-222222222222')");
	sql(a, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
	       " WHERE i < 50) INSERT INTO codes(id, guid, parent_id, short_id,"
	       " name, valence) SELECT i, printf('AAAAAAAA-0000-4000-8000-%012d', i),"
	       " CASE WHEN i > 5 THEN (i % 5) + 1 END, 'c' || i, 'Code ' || i,"
	       " CASE i % 3 WHEN 0 THEN 'facilitating' WHEN 1 THEN 'hindering'"
	       " ELSE 'neutral' END FROM n");
	sql(a, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
	       " WHERE i < 200) INSERT INTO sources(id, guid, kind, title, format,"
	       " sha256, text, chars, words, imported_at, imported_by)"
	       " SELECT i, printf('BBBBBBBB-0000-4000-8000-%012d', i), 'interview',"
	       " 'Bron ' || i, 'txt', 'x', replace(printf('%.2000c', '*'), '*',"
	       " 'w\xc3\xa9 '), 6000, 2000, '2026-01-15T10:00:00Z', 'anna' FROM n");
	sql(a, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n"
	       " WHERE i < 19999) INSERT INTO codings(guid, code_id, source_id,"
	       " start_cp, end_cp, coder_id, created_at)"
	       " SELECT printf('DDDDDDDD-0000-4000-8000-%012d', i), (i % 50) + 1,"
	       " (i % 200) + 1, (i / 200) * 3, (i / 200) * 3 + 2 + (i % 7),"
	       " (i % 2) + 1, '2026-01-15T10:00:00Z' FROM n");
	CHECK(count(a, "SELECT count(*) FROM codings") == 20000);
	CHECK(refi_export_qdpx(a, "big.qdpx", &o, &n, NULL, &e) == 0);
	CHECK(n.codings == 20000 && n.sources == 200 && n.codes == 50);
	CHECK(schema_ok("big.qdpx"));
	CHECK(refi_import_file(b, "big.qdpx", NULL, &n, NULL, &e) == 0);
	CHECK(n.codings == 20000);
	da = dump(a);
	db = dump(b);
	CHECK(strcmp(da, db) == 0);
	free(da);
	free(db);
	qc_err_release(&e);
	store_close(a);
	store_close(b);
}

/* refi_import_project: a new project is made from the file only when the
 * import succeeds; a failure leaves no project behind. */
TEST(import_project_staged)
{
	struct store *a = demo_project("ips-a.db"), *s = NULL;
	struct refi_import_opts into = { 1, NULL, NULL };
	struct refi_export_opts o = { 1, NULL, NULL, 1, 0 };
	struct refi_counts n;
	struct refi_loss loss;
	struct qc_err e = QC_ERR_INIT;
	int created = -1;
	FILE *f;

	refi_loss_init(&loss);
	CHECK(refi_export_qdpx(a, "ips.qdpx", &o, NULL, &loss, &e) == 0);
	unlink("ips-new.db");
	CHECK(refi_import_project("ips-new.db", &s, "ips.qdpx", NULL, &n,
				  &loss, &created, &e) == 0);
	CHECK(created == 1 && s && access("ips-new.db", F_OK) == 0);
	CHECK(n.sources == 1 && n.codes == 3 && n.codings == 3);
	store_close(s);
	s = NULL;
	/* no file: nothing made, and the message names no command */
	CHECK(refi_import_project("ips-x.db", &s, "missing.qdpx", NULL, &n,
				  &loss, &created, &e) == -QC_EIO);
	CHECK_STR(e.msg.buf, "cannot open 'missing.qdpx': no such file");
	CHECK(!created && !s && access("ips-x.db", F_OK) != 0);
	qc_err_clear(&e);
	/* a bad file: the project made for it is gone again */
	f = fopen("ips-junk.qdpx", "w");
	fputs("not a zip", f);
	fclose(f);
	CHECK(refi_import_project("ips-x.db", &s, "ips-junk.qdpx", NULL, &n,
				  &loss, &created, &e) < 0);
	CHECK(!created && !s && access("ips-x.db", F_OK) != 0);
	qc_err_clear(&e);
	/* --into-existing wants a project */
	CHECK(refi_import_project("ips-x.db", &s, "ips.qdpx", &into, &n,
				  &loss, &created, &e) < 0);
	CHECK(!created && !s && access("ips-x.db", F_OK) != 0);
	refi_loss_release(&loss);
	store_close(a);
	unlink("ips-a.db");
	unlink("ips-new.db");
	unlink("ips.qdpx");
	unlink("ips-junk.qdpx");
	qc_err_release(&e);
}

/*
 * The unit of positions, per source: the same three words written in
 * code points, UTF-16 code units, with CR LF as one character, and both;
 * each reading is found from where the selections fall, and --offsets
 * forces one.
 */
static int import_units(const char *pos, const char *origin,
			enum refi_offsets off, struct refi_loss *loss)
{
	static const char *const words[] = { "werk", "hier", "regel" };
	struct store *s = new_project("units.db");
	struct qc_err e = QC_ERR_INIT;
	int created = 0;
	long long a[3], b[3];
	char *qde;
	FILE *f;
	int ok = 1;

	sscanf(pos, "%lld %lld %lld %lld %lld %lld", &a[0], &b[0], &a[1],
	       &b[1], &a[2], &b[2]);
	qde = xasprintf("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"U\"%s%s%s>"
		"<CodeBook><Codes><Code guid=\"c0000000-0000-4000-8000-"
		"000000000001\" name=\"K\" isCodable=\"true\"/></Codes></CodeBook>"
		"<Sources><TextSource guid=\"b0000000-0000-4000-8000-000000000001\""
		" name=\"T\"><PlainTextContent>Hallo \xf0\x9f\x98\x80 daar&#13;\n"
		"Goed werk \xf0\x9f\x98\x80\xf0\x9f\x98\x80 hier&#13;\nNog een "
		"regel&#13;\n</PlainTextContent>", origin ? " origin=\"" : "",
		origin ? origin : "", origin ? "\"" : "");
	for (int i = 0; i < 3; i++) {
		char *x = xasprintf("%s<PlainTextSelection guid=\"a0000000-0000-"
			"4000-8000-00000000000%d\" startPosition=\"%lld\" "
			"endPosition=\"%lld\"><Coding guid=\"d0000000-0000-4000-"
			"8000-00000000000%d\"><CodeRef targetGUID=\"c0000000-0000-"
			"4000-8000-000000000001\"/></Coding></PlainTextSelection>",
			qde, i + 1, a[i], b[i], i + 1);
		free(qde);
		qde = x;
	}
	f = fopen("units.qde", "w");
	fprintf(f, "%s</TextSource></Sources></Project>\n", qde);
	fclose(f);
	free(qde);
	if (refi_import_project_as("units.db", &s, "units.qde", NULL, off,
				   NULL, loss, &created, &e) < 0) {
		printf("import: %s\n", e.msg.buf);
		ok = 0;
	}
	for (int i = 0; ok && i < 3; i++) {
		char *q = xasprintf("SELECT substr(s.text, c.start_cp + 1,"
			" c.end_cp - c.start_cp) = '%s' FROM codings c JOIN sources s"
			" ON s.id = c.source_id WHERE c.guid = 'D0000000-0000-4000-"
			"8000-00000000000%d'", words[i], i + 1);
		ok = count(s, q) == 1;
		free(q);
	}
	qc_err_release(&e);
	store_close(s);
	return ok;
}

TEST(offsets_unit_detected)
{
	static const struct {
		const char *pos, *origin, *note;
		enum refi_offsets off;
	} c[] = {
		{ "19 23 27 31 41 46", NULL, NULL, REFI_OFFSETS_AUTO },
		{ "20 24 30 34 44 49", NULL, "UTF-16 code units, not code points (",
		  REFI_OFFSETS_AUTO },
		{ "18 22 26 30 39 44", NULL, "CR LF) counted as one",
		  REFI_OFFSETS_AUTO },
		{ "19 23 29 33 42 47", NULL, "not code points, and with a "
		  "Windows line break", REFI_OFFSETS_AUTO },
		/* NVivo named, nothing to tell apart: its unit */
		{ "0 5 0 5 0 5", "NVivo 12 Plus for Windows", NULL,
		  REFI_OFFSETS_AUTO },
		{ "20 24 30 34 44 49", NULL, "as --offsets says",
		  REFI_OFFSETS_UTF16 },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct refi_loss loss;
		int ok;

		refi_loss_init(&loss);
		ok = import_units(c[i].pos, c[i].origin, c[i].off, &loss);
		if (i != 4)
			CHECK(ok);
		if (c[i].note)
			CHECK(strstr(loss.notes.buf, c[i].note) != NULL);
		else if (i != 4)
			CHECK(loss.notes.len == 0);
		if (i == 4)
			CHECK(strstr(loss.notes.buf, "the program that wrote the "
				     "file counts so") != NULL);
		if ((i != 4 && !ok) ||
		    (c[i].note && !strstr(loss.notes.buf, c[i].note)))
			printf("case %zu: %s", i, loss.notes.buf);
		refi_loss_release(&loss);
	}
	/* forced to code points, UTF-16 positions drift */
	{
		struct refi_loss loss;
		refi_loss_init(&loss);
		CHECK(!import_units("20 24 30 34 44 49", NULL,
				    REFI_OFFSETS_CODEPOINTS, &loss));
		refi_loss_release(&loss);
	}
}

int main(void)
{
	UNIT_FIND_DATADIR("codebooks/refi-qda/Codebook.xsd");
	setenv("QCODE_CODER", "tester", 1);
	RUN(guid_norm);
	RUN(map_offsets);
	RUN(description_layout);
	RUN(round_trip);
	RUN(stable_guids);
	RUN(redaction_keeps_words);
	RUN(qdc_round_trip);
	RUN(tolerant_import_and_loss_report);
	RUN(hostile_files);
	RUN(check_explains);
	RUN(large_project);
	RUN(import_project_staged);
	RUN(offsets_unit_detected);
	UNIT_DONE();
}
