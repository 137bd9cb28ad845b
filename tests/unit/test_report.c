/* Unit tests: the pdf layer and report texts. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qcode/import.h"
#include "qcode/pdf.h"
#include "qcode/privacy.h"
#include "qcode/report.h"
#include "../../src/report_int.h"
#include "unit.h"

TEST(pages_flow_and_save)
{
	struct pdf *p;
	struct qc_err e = QC_ERR_INIT;
	char path[] = "/tmp/qcode-unit-pdf-XXXXXX";
	char *data = NULL;
	size_t len = 0;
	int fd = mkstemp(path);

	close(fd);
	CHECK(pdf_new("T", "Kop", "2026-01-15T10:00:00Z", &p, &e) == 0);
	pdf_heading(p, 1, "Één kop met diacritische tekens − en een minteken",
		    PDF_ACCENT);
	for (int i = 0; i < 120; i++)
		pdf_para(p, "Een alinea die lang genoeg is om over meerdere regels"
			 " te lopen zodat de pagina's vollopen en er nieuwe"
			 " pagina's nodig zijn.", PDF_REGULAR, 10, 0, PDF_INK);
	pdf_box(p, "Aanbeveling", "Blijf investeren in relaties.", PDF_BOX,
		PDF_BOX_EDGE);
	pdf_bars(p, 2, (const char *const[]){ "a", "b" }, (const double[]){ 3, 1 },
		 (const struct pdf_rgb[]){ PDF_FACILITATING, PDF_HINDERING }, 0,
		 NULL, NULL);
	CHECK(pdf_save(p, path, 0, &e) == 0);
	pdf_free(p);
	CHECK(qc_read_file(path, 0, &data, &len, &e) == 0);
	CHECK(len > 1000 && !memcmp(data, "%PDF-", 5));
	/* more than one page was made */
	CHECK(strstr(data, "/Count 1\n") == NULL && strstr(data, "/Count ") != NULL);
	free(data);
	unlink(path);
	qc_err_release(&e);
}

TEST(unwritable_target)
{
	struct pdf *p;
	struct qc_err e = QC_ERR_INIT;

	CHECK(pdf_new("T", "", NULL, &p, &e) == 0);
	CHECK(pdf_save(p, "/nonexistent-dir/x.pdf", 0, &e) == -QC_EIO);
	CHECK(access("/nonexistent-dir/x.pdf.tmp", F_OK) != 0);
	pdf_free(p);
	qc_err_release(&e);
}

TEST(colours)
{
	struct pdf_rgb c = pdf_hex("#FF8000", PDF_INK);
	CHECK_NEAR(c.r, 1.0, 1e-6);
	CHECK_NEAR(c.g, 128 / 255.0, 1e-6);
	c = pdf_hex("red", PDF_INK);
	CHECK_NEAR(c.r, PDF_INK.r, 1e-6);
}

/* A new project in lang with one source holding a phone number, or
 * NULL. */
static struct store *project(char *path, const char *lang)
{
	struct store *s = NULL;
	struct qc_err e = QC_ERR_INIT;
	struct import_doc d;
	struct import_result res;
	struct import_opts o = { .kind = "interview" };
	const char *t = "Anna: bel me op 06-12345678\nModerator: dank je\n";
	int fd = mkstemp(path);

	close(fd);
	unlink(path);
	if (store_create(path, "t", lang, &s, &e) < 0) {
		qc_err_release(&e);
		return NULL;
	}
	import_doc_init(&d);
	if (import_parse(t, strlen(t), "x.txt", NULL, &d, &e) < 0 ||
	    import_store_doc(s, &d, "x.txt", &o, &res, &e) < 0) {
		store_close(s);
		s = NULL;
	}
	import_doc_release(&d);
	qc_err_release(&e);
	return s;
}

TEST(labels_language_and_fill)
{
	char path[] = "/tmp/qcode-unit-report-XXXXXX", *problems, *v;
	struct store *s = project(path, "en");
	struct report_opts o = { 0 };
	struct report_labels l;
	struct qc_err e = QC_ERR_INIT;

	CHECK(s != NULL);
	if (!s)
		return;

	/* the project's language */
	CHECK(report_labels_read(&l, s, &o, &report_kind_redaction, &problems,
				 &e) == 0);
	CHECK(problems == NULL);
	CHECK_STR(report_label(&l, "title"), "Redaction report");
	v = report_label_fill(&l, "intro", 2, (const char *const[]){ "P", "3" });
	CHECK(strstr(v, "Project: P. All personal data") == v);
	CHECK(strstr(v, ": 3 matches.") != NULL);
	free(v);
	/* an unknown label is its key; a kind without a label is itself */
	CHECK_STR(report_label(&l, "no_such_label"), "no_such_label");
	CHECK_STR(report_label_kind(&l, "podcast", 1), "podcast");
	/* the sections by name, in the template's order */
	CHECK(l.nsec == 2);
	CHECK_STR(l.kind->section(l.sec[0]), "intro");
	CHECK_STR(l.kind->section(l.sec[1]), "table");
	CHECK(l.kind->section(2) == NULL);
	report_labels_release(&l);
	/* --lang over the project's */
	o.lang = "nl";
	CHECK(report_labels_read(&l, s, &o, &report_kind_redaction, &problems,
				 &e) == 0);
	CHECK_STR(report_label(&l, "title"), "Redactierapport");
	report_labels_release(&l);
	/* a language the template lacks */
	o.lang = "fr";
	CHECK(report_labels_read(&l, s, &o, &report_kind_redaction, &problems,
				 &e) == -QC_EUSAGE);
	CHECK(strstr(e.msg.buf, "no labels in that language (nl, en)") != NULL);
	report_labels_release(&l);
	store_close(s);
	unlink(path);
	qc_err_release(&e);
}

TEST(template_of_another_report)
{
	char path[] = "/tmp/qcode-unit-report-tmpl-XXXXXX", *problems;
	struct qc_err e = QC_ERR_INIT;
	FILE *f;
	int fd = mkstemp(path);

	f = fdopen(fd, "w");
	fputs("report: lessons\nsections: [table, cover]\n", f);
	fclose(f);
	/* two errors: the wrong report, and a section it does not have */
	CHECK(report_template_check("redaction", path, &problems, &e) == 2);
	CHECK(problems && strstr(problems, "this template is for the lessons"
				 " report, not redaction") != NULL);
	CHECK(problems && strstr(problems, "sections: unknown item 'cover'"
				 " (intro, table)") != NULL);
	free(problems);
	CHECK(report_template_check("podcast", path, &problems, &e) ==
	      -QC_EUSAGE);
	unlink(path);
	qc_err_release(&e);
}

TEST(redaction_report)
{
	char path[] = "/tmp/qcode-unit-report-red-XXXXXX";
	char pdf[] = "/tmp/qcode-unit-report-red-XXXXXX.pdf";
	struct store *s = project(path, "nl");
	struct report_opts o = { 0 };
	struct privacy_hits h;
	struct qc_err e = QC_ERR_INIT;
	struct stat sb;
	char *data = NULL;
	size_t len = 0;
	int found = 0;
	int fd = mkstemps(pdf, 4);

	CHECK(s != NULL);
	close(fd);
	if (!s)
		return;
	unlink(pdf);
	o.lang = "en";
	CHECK(report_redaction(s, &o, NULL, 0, pdf, &h, &e) == 0);
	/* the same items as privacy_find: the phone number, and the speaker
	 * whose label is a name */
	for (size_t i = 0; i < h.n; i++)
		found |= !strcmp(h.v[i].found, "06-12345678");
	CHECK(found);
	privacy_hits_release(&h);
	CHECK(stat(pdf, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	CHECK(qc_read_file(pdf, 0, &data, &len, &e) == 0);
	CHECK(len > 1000 && !memcmp(data, "%PDF-", 5));
	free(data);
	unlink(pdf);
	/* a language the template lacks: no file, no items */
	o.lang = "fr";
	CHECK(report_redaction(s, &o, NULL, 0, pdf, &h, &e) == -QC_EUSAGE);
	CHECK(h.n == 0 && access(pdf, F_OK) != 0);
	privacy_hits_release(&h);
	store_close(s);
	unlink(path);
	qc_err_release(&e);
}

/* The shipped templates from build/tests/ and build/asan/tests/ alike:
 * qcode looks two levels up from its program, the asan tests sit three
 * levels below the source tree. */
static void find_templates(void)
{
	char exe[4096], *p;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	p = qc_data_file("reports/redaction.yaml");
	if (p || n <= 0 || getenv("QCODE_DATADIR")) {
		free(p);
		return;
	}
	exe[n] = '\0';
	if ((p = strrchr(exe, '/')))
		*p = '\0';
	p = xasprintf("%s/../../..", exe);
	setenv("QCODE_DATADIR", p, 1);
	free(p);
}

int main(void)
{
	find_templates();
	RUN(pages_flow_and_save);
	RUN(unwritable_target);
	RUN(colours);
	RUN(labels_language_and_fill);
	RUN(template_of_another_report);
	RUN(redaction_report);
	UNIT_DONE();
}
