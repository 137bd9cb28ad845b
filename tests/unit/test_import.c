/* Unit tests: import (decoding, labels, segmentation, VTT, SRT, zip). */
#include <stdlib.h>
#include <unistd.h>

#include "qcode/import.h"
#include "qcode/store.h"
#include "unit.h"

/* Parse s and return the document (caller releases). */
static int parse(const char *s, const char *name, const char *enc,
		 struct import_doc *d)
{
	struct qc_err e = QC_ERR_INIT;
	int rc;

	import_doc_init(d);
	rc = import_parse(s, strlen(s), name, enc, d, &e);
	qc_err_release(&e);
	return rc;
}

/* The text of turn i. */
static char *turn(const struct import_doc *d, size_t i)
{
	static char buf[512];
	size_t n = d->turns[i].end - d->turns[i].start;

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, d->text.buf + d->turns[i].start, n);
	buf[n] = '\0';
	return buf;
}

TEST(times)
{
	CHECK(import_parse_time("00:12:34", 8) == 754000);
	CHECK(import_parse_time("12:34.500", 9) == 754500);
	CHECK(import_parse_time("01:00:00,250", 12) == 3600250);
	CHECK(import_parse_time("00:61:00", 8) == -1);
	CHECK(import_parse_time("0x:00", 5) == -1);
	CHECK(import_parse_time("12", 2) == -1);
}

TEST(label_forms)
{
	struct import_doc d;

	CHECK(parse("[00:12:34] Ouder 1: Een.\nMODERATOR: Twee.\n"
		    "Jan (00:13:05): Drie.\n**Els:** Vier.\nvervolg\n"
		    "**Karin de Vries**: Vijf.\nLet op dit: geen label.\n",
		    "x.txt", NULL, &d) == 0);
	CHECK(d.nturns == 5);
	CHECK_STR(d.turns[0].speaker, "Ouder 1");
	CHECK(d.turns[0].start_ms == 754000);
	CHECK_STR(turn(&d, 0), "Een.");
	CHECK_STR(d.turns[1].speaker, "MODERATOR");
	CHECK_STR(d.turns[2].speaker, "Jan");
	CHECK(d.turns[2].start_ms == 785000);
	CHECK_STR(d.turns[3].speaker, "Els");
	CHECK_STR(turn(&d, 3), "Vier.\nvervolg");
	CHECK_STR(d.turns[4].speaker, "Karin de Vries");
	CHECK_STR(turn(&d, 4), "Vijf.\nLet op dit: geen label.");
	import_doc_release(&d);
}

TEST(paragraphs_with_times)
{
	struct import_doc d;

	CHECK(parse("# Notities\n\n[10:02] De deur gaat open.\nDruk.\n\n"
		    "Geen tijd hier.\n", "obs.md", NULL, &d) == 0);
	CHECK(d.nturns == 2);
	CHECK(d.turns[0].speaker == NULL);
	CHECK(d.turns[0].start_ms == 10 * 3600000LL + 2 * 60000);
	CHECK_STR(turn(&d, 0), "De deur gaat open.\nDruk.");
	CHECK(d.turns[1].start_ms == -1);
	import_doc_release(&d);
}

TEST(front_matter_and_crlf)
{
	struct import_doc d;

	CHECK(parse("---\r\nkind: interview\r\ntitle: Test\r\nwijk: Tanthof\r\n"
		    "roles:\r\n  An: ouder\r\n---\r\nAn: Hallo\r\n", "t.txt", NULL,
		    &d) == 0);
	CHECK_STR(d.kind, "interview");
	CHECK_STR(d.title, "Test");
	CHECK(d.nattrs == 1 && !strcmp(d.attrs[0].key, "wijk"));
	CHECK(d.nroles == 1 && !strcmp(d.roles[0].value, "ouder"));
	CHECK_STR(d.text.buf, "An: Hallo\n");
	CHECK_STR(turn(&d, 0), "Hallo");
	import_doc_release(&d);
}

TEST(decoding)
{
	struct qc_buf b = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;

	CHECK(import_decode("caf\xe9 \x80", 6, "cp1252", &b, &e) == 0);
	CHECK_STR(b.buf, "café €");
	qc_buf_reset(&b);
	CHECK(import_decode("caf\xe9", 4, NULL, &b, &e) == -QC_EDATA);
	CHECK(strstr(e.msg.buf, "byte 3") != NULL);
	qc_err_clear(&e);
	CHECK(import_decode("caf\xe9", 4, "auto", &b, &e) == 0);
	CHECK_STR(b.buf, "café");
	qc_buf_reset(&b);
	CHECK(import_decode("\xff\xfe" "a\0\xe9\0", 6, NULL, &b, &e) == 0);
	CHECK_STR(b.buf, "aé");
	qc_buf_reset(&b);
	CHECK(import_decode("\xef\xbb\xbfhi", 5, NULL, &b, &e) == 0);
	CHECK_STR(b.buf, "hi");
	CHECK(import_decode("a\0b", 3, NULL, &b, &e) == -QC_EDATA);
	qc_buf_release(&b);
	qc_err_release(&e);
}

TEST(vtt_voices_merge)
{
	struct import_doc d;

	CHECK(parse("WEBVTT\n\nNOTE weg\n\n1\n00:00:01.000 --> 00:00:02.000 "
		    "align:start\n<v An>Een &amp; twee</v>\n\n00:02.500 --> "
		    "00:00:04.000\n<v An>drie</v>\n\n00:00:05.000 --> 00:00:06.000\n"
		    "<v.loud Bo>vier</v>\n", "x.vtt", NULL, &d) == 0);
	CHECK_STR(d.format, "vtt");
	CHECK(d.nturns == 2);
	CHECK_STR(d.turns[0].speaker, "An");
	CHECK_STR(turn(&d, 0), "Een & twee drie");
	CHECK(d.turns[0].start_ms == 1000 && d.turns[0].end_ms == 4000);
	CHECK_STR(d.turns[1].speaker, "Bo");
	CHECK_STR(d.text.buf, "An: Een & twee drie\n\nBo: vier");
	import_doc_release(&d);
	CHECK(parse("WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nx\n", "x.vtt", NULL,
		    &d) == -QC_EDATA);
	import_doc_release(&d);
}

TEST(srt_names)
{
	struct import_doc d;

	CHECK(parse("1\r\n00:00:01,000 --> 00:00:02,000\r\nAn: Hallo\r\n\r\n2\r\n"
		    "00:00:03,000 --> 00:00:04,000\r\n<i>daar</i>\r\n", "x.srt", NULL,
		    &d) == 0);
	CHECK_STR(d.format, "srt");
	/* a cue without a label continues the turn before it */
	CHECK(d.nturns == 1);
	CHECK_STR(d.turns[0].speaker, "An");
	CHECK_STR(turn(&d, 0), "Hallo daar");
	CHECK(d.turns[0].start_ms == 1000 && d.turns[0].end_ms == 4000);
	import_doc_release(&d);
}

TEST(cues_without_speakers_split_at_pauses)
{
	struct import_doc d;

	/* Whisper: no speakers; 0.5 s between the first two cues, 3 s after */
	CHECK(parse("WEBVTT\n\n00:00.000 --> 00:02.000\nEen\n\n"
		    "00:02.500 --> 00:04.000\ntwee.\n\n"
		    "00:07.000 --> 00:08.000\nDrie.\n", "x.vtt", NULL, &d) == 0);
	CHECK(d.nturns == 2);
	CHECK(d.turns[0].speaker == NULL && d.turns[1].speaker == NULL);
	CHECK_STR(turn(&d, 0), "Een twee.");
	CHECK(d.turns[0].start_ms == 0 && d.turns[0].end_ms == 4000);
	CHECK_STR(turn(&d, 1), "Drie.");
	CHECK(d.turns[1].start_ms == 7000);
	import_doc_release(&d);
	/* an unlabelled cue after a labelled turn continues it, pause or not */
	CHECK(parse("WEBVTT\n\n00:00.000 --> 00:02.000\n<v An>Een\n\n"
		    "00:09.000 --> 00:10.000\ntwee\n\n00:11.000 --> 00:12.000\n"
		    "Bo: drie\n", "x.vtt", NULL, &d) == 0);
	CHECK(d.nturns == 2);
	CHECK_STR(turn(&d, 0), "Een twee");
	CHECK(d.turns[0].end_ms == 10000);
	CHECK_STR(d.turns[1].speaker, "Bo");
	import_doc_release(&d);
}

TEST(title_line_before_labels)
{
	struct import_doc d;

	CHECK(parse("Bijeenkomst lerend ontwikkelteam 14 mei\n\nAn: Een.\n"
		    "Bo: Twee.\n", "x.txt", NULL, &d) == 0);
	CHECK(d.nturns == 2);
	CHECK_STR(d.turns[0].speaker, "An");
	CHECK_STR(d.title, "Bijeenkomst lerend ontwikkelteam 14 mei");
	import_doc_release(&d);
	/* front matter's title wins; the line is still no turn */
	CHECK(parse("---\ntitle: Mijn titel\n---\nKop\nAn: Een.\n", "x.md",
		    NULL, &d) == 0);
	CHECK(d.nturns == 1);
	CHECK_STR(d.title, "Mijn titel");
	import_doc_release(&d);
	/* field notes without labels stay paragraphs */
	CHECK(parse("Aankomst 9:15\n\nWe komen aan.\n", "x.txt", NULL, &d) == 0);
	CHECK(d.nturns == 2 && d.title == NULL);
	CHECK(d.turns[0].speaker == NULL);
	CHECK_STR(turn(&d, 0), "Aankomst 9:15");
	import_doc_release(&d);
}

TEST(speaker_lines_of_transcription_tools)
{
	struct import_doc d;

	/* Otter: "Name  0:03", text below */
	CHECK(parse("Ingrid Vermeulen  0:03\nGoedemorgen.\nNog iets.\n\n"
		    "Speaker 2  1:02:05\nJa.\n", "x.txt", NULL, &d) == 0);
	CHECK(d.nturns == 2);
	CHECK_STR(d.turns[0].speaker, "Ingrid Vermeulen");
	CHECK(d.turns[0].start_ms == 3000);
	CHECK_STR(turn(&d, 0), "Goedemorgen.\nNog iets.");
	CHECK_STR(d.turns[1].speaker, "Speaker 2");
	CHECK(d.turns[1].start_ms == 3725000);
	import_doc_release(&d);
	/* Amberscript: the label and its time on lines of their own */
	CHECK(parse("Spreker 1\n00:00:03\nEen.\n\nSpreker 2\n00:00:09\nTwee.\n",
		    "x.txt", NULL, &d) == 0);
	CHECK(d.nturns == 2);
	CHECK_STR(d.turns[1].speaker, "Spreker 2");
	CHECK(d.turns[1].start_ms == 9000);
	CHECK_STR(turn(&d, 1), "Twee.");
	import_doc_release(&d);
	CHECK(parse("[00:00:03]\nJansen 2\nEen.\n", "x.txt", NULL, &d) == 0);
	CHECK(d.nturns == 1);
	CHECK_STR(d.turns[0].speaker, "Jansen 2");
	CHECK(d.turns[0].start_ms == 3000);
	import_doc_release(&d);
	/* Teams: "Last, First" names; its notes are no text */
	CHECK(parse("Vermeulen, Ingrid started transcription\n\n"
		    "Vermeulen, Ingrid   0:03\n\nGoedemorgen.\n\n"
		    "Vermeulen, Ingrid: Nog iets.\n", "x.txt", NULL, &d) == 0);
	CHECK(d.nturns == 2);
	CHECK_STR(d.turns[0].speaker, "Vermeulen, Ingrid");
	CHECK_STR(turn(&d, 0), "Goedemorgen.");
	CHECK_STR(d.turns[1].speaker, "Vermeulen, Ingrid");
	import_doc_release(&d);
	/* one space before a time is text, as is a name with no text below */
	CHECK(parse("An: Een.\nBezoek 9:15\nverder\n", "x.txt", NULL, &d) == 0);
	CHECK(d.nturns == 1);
	CHECK_STR(turn(&d, 0), "Een.\nBezoek 9:15\nverder");
	import_doc_release(&d);
}

TEST(refusals)
{
	struct import_doc d;

	CHECK(parse("", "x.txt", NULL, &d) == -QC_EDATA);
	import_doc_release(&d);
	CHECK(parse("\n\n  \n", "x.txt", NULL, &d) == -QC_EDATA);
	import_doc_release(&d);
	CHECK(parse("plain text", "x.docx", NULL, &d) == -QC_EDATA);
	import_doc_release(&d);
	CHECK(parse("PK\3\4garbage", "x.docx", NULL, &d) == -QC_EDATA);
	import_doc_release(&d);
}

TEST(store_offsets_are_code_points)
{
	struct store *s;
	struct qc_err e = QC_ERR_INIT;
	struct import_doc d;
	struct import_result r;
	struct import_opts o = { .kind = "interview" };
	sqlite3_stmt *st;
	char path[] = "/tmp/qcode-unit-import-XXXXXX";
	int fd = mkstemp(path);

	close(fd);
	unlink(path);
	CHECK(store_create(path, "t", "nl", &s, &e) == 0);
	CHECK(parse("Zoë: één vóór\nBo: daarna\n", "x.txt", NULL, &d) == 0);
	CHECK(import_store_doc(s, &d, "x.txt", &o, &r, &e) == 0);
	CHECK(r.turns == 2 && r.speakers == 2);
	st = store_prepare(s, "SELECT start_cp, end_cp, substr(source_text(s.id), start_cp"
			   " + 1, end_cp - start_cp) = g.text FROM segments g"
			   " JOIN sources s ON s.id = g.source_id ORDER BY g.id", &e);
	CHECK(st && sqlite3_step(st) == SQLITE_ROW);
	CHECK(sqlite3_column_int(st, 0) == 5 && sqlite3_column_int(st, 1) == 13);
	CHECK(sqlite3_column_int(st, 2) == 1);
	CHECK(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 2) == 1);
	sqlite3_finalize(st);
	/* the same text again is refused */
	CHECK(import_store_doc(s, &d, "x.txt", &o, &r, &e) == -QC_EDATA);
	import_doc_release(&d);
	store_close(s);
	unlink(path);
	qc_err_release(&e);
}

/* The format table: a REFI-QDA project is known by its name and goes
 * through import_project, into a project made from it. */
TEST(project_formats)
{
	struct import_project p = { .project = "ip.db" };
	struct store *s = NULL;
	struct qc_err e = QC_ERR_INIT;
	struct import_doc d;

	CHECK(import_is_project("a.qdpx") && import_is_project("dir/A.QDE"));
	CHECK(!import_is_project("a.docx") && !import_is_project("a.txt"));
	CHECK(!import_is_project(".qdpx"));
	/* a document is no project, and a project file given with others
	 * is read as a document */
	p.store = &s;
	CHECK(import_project("a.txt", &p, &e) == -QC_EUSAGE);
	CHECK(p.loss.n == 0 && !p.created && !s);
	refi_loss_release(&p.loss);
	qc_err_clear(&e);
	CHECK(parse("<Project/>", "p.qde", NULL, &d) == 0);
	CHECK_STR(d.format, "text");
	import_doc_release(&d);
	unlink("ip.db");
	CHECK(import_project("fix/refi/demo.qdpx", &p, &e) == 0);
	if (e.code)
		printf("import_project: %s\n", e.msg.buf);
	CHECK(p.created && s && access("ip.db", F_OK) == 0);
	CHECK(p.counts.sources > 0 && p.counts.codes > 0);
	refi_loss_release(&p.loss);
	/* into the project now open: it is not empty any more */
	CHECK(import_project("fix/refi/demo.qdpx", &p, &e) == -QC_EDATA);
	CHECK(!p.created && s);
	refi_loss_release(&p.loss);
	store_close(s);
	unlink("ip.db");
	qc_err_release(&e);
}

int main(void)
{
	RUN(times);
	RUN(label_forms);
	RUN(paragraphs_with_times);
	RUN(front_matter_and_crlf);
	RUN(decoding);
	RUN(vtt_voices_merge);
	RUN(srt_names);
	RUN(cues_without_speakers_split_at_pauses);
	RUN(title_line_before_labels);
	RUN(speaker_lines_of_transcription_tools);
	RUN(refusals);
	RUN(store_offsets_are_code_points);
	RUN(project_formats);
	UNIT_DONE();
}
