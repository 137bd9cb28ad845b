/* Unit tests: the pdf layer and report texts. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "qcode/pdf.h"
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

int main(void)
{
	RUN(pages_flow_and_save);
	RUN(unwritable_target);
	RUN(colours);
	UNIT_DONE();
}
