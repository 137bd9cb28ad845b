/*
 * report-bare: the bare baseline of the report benchmark. PAGES A4 pages
 * of plain wrapped text with bare libharu: the DejaVu faces the reports
 * use (sans book, bold and oblique, serif book and bold) all drawn and so
 * embedded, UTF-8, compression on, a heading per page, a bold lead line
 * per paragraph, a greedy wrap with HPDF_Page_MeasureText and a page
 * number on each page. Prints the seconds taken, saving included.
 *   report-bare OUT.pdf PAGES FONTDIR
 */
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void HPDF_STDCALL on_error(HPDF_STATUS no, HPDF_STATUS detail,
				  void *data)
{
	(void)data;
	fprintf(stderr, "report-bare: libharu error 0x%04X (%u)\n",
		(unsigned)no, (unsigned)detail);
	exit(1);
}

/* Dutch-looking words with a few diacritics, as in the reports' quotes */
static const char *const words[] = { "de", "verloskundige", "kwam", "bij",
	"ons", "thuis", "toen", "ik", "zwanger", "was", "en", "het", "huisbezoek",
	"voelde", "vertrouwd", "één", "gezicht", "maakt", "écht", "verschil",
	"continuïteit", "samenwerking", "ouders", "wijkteam", "–", "gecreëerd",
	"overdracht", "jeugdgezondheidszorg", "aanmelden", "niet", "makkelijk" };

int main(int argc, char **argv)
{
	static const char *const faces[5] = { "DejaVuSans.ttf",
		"DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSerif.ttf",
		"DejaVuSerif-Bold.ttf" };
	HPDF_Font font[5];
	HPDF_Doc doc;
	char text[4096], num[32], path[1024];
	unsigned seed = 1;
	int pages;
	double t0 = now();

	if (argc != 4 || (pages = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: report-bare OUT.pdf PAGES FONTDIR\n");
		return 2;
	}
	doc = HPDF_New(on_error, NULL);
	HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(doc);
	HPDF_SetCurrentEncoder(doc, "UTF-8");
	for (int i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "%s/%s", argv[3], faces[i]);
		font[i] = HPDF_GetFont(doc, HPDF_LoadTTFontFromFile(doc, path,
						 HPDF_TRUE), "UTF-8");
	}
	for (int pg = 0; pg < pages; pg++) {
		HPDF_Page page = HPDF_AddPage(doc);
		float y = 841.89f - 70, w = 595.276f - 124;
		HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
		/* a heading, then paragraphs of 40 to 100 words, each after a
		 * bold line, until the page is full */
		snprintf(num, sizeof(num), "Les %d. Thema", pg + 1);
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, font[4], 17);
		HPDF_Page_TextOut(page, 62, y - 17, num);
		HPDF_Page_EndText(page);
		y -= 17 * 1.4f + 10;
		while (y > 64 + 40) {
			size_t len = 0, at = 0;
			int n = 40 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 61;
			int f = (seed >> 8) % 3 == 0 ? 2 : (seed >> 8) % 3 == 1 ? 3 : 0;
			snprintf(num, sizeof(num), "Factor %d van het thema", n);
			HPDF_Page_BeginText(page);
			HPDF_Page_SetFontAndSize(page, font[1], 10.5f);
			HPDF_Page_TextOut(page, 62, y - 10.5f, num);
			HPDF_Page_EndText(page);
			y -= 10.5f * 1.4f;
			for (int k = 0; k < n && len < sizeof(text) - 64; k++) {
				seed = seed * 1103515245u + 12345u;
				len += (size_t)snprintf(text + len, sizeof(text) - len,
					"%s%s", k ? " " : "",
					words[(seed >> 16) % (sizeof(words) / sizeof(*words))]);
			}
			HPDF_Page_SetFontAndSize(page, font[f], 9.5f);
			while (at < len && y > 64 + 14) {
				HPDF_REAL real;
				HPDF_UINT fit = HPDF_Page_MeasureText(page, text + at, w,
								      HPDF_TRUE, &real);
				char keep;
				if (fit == 0)
					break;
				keep = text[at + fit];
				text[at + fit] = '\0';
				HPDF_Page_BeginText(page);
				HPDF_Page_TextOut(page, 62, y - 9.5f, text + at);
				HPDF_Page_EndText(page);
				text[at + fit] = keep;
				at += fit;
				while (text[at] == ' ')
					at++;
				y -= 9.5f * 1.4f;
			}
			y -= 6;
		}
		snprintf(num, sizeof(num), "%d / %d", pg + 1, pages);
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, font[0], 8);
		HPDF_Page_TextOut(page, 595.276f - 62 -
				  HPDF_Page_TextWidth(page, num), 36, num);
		HPDF_Page_EndText(page);
	}
	HPDF_SaveToFile(doc, argv[1]);
	HPDF_Free(doc);
	printf("%.3f\n", now() - t0);
	return 0;
}
