/*
 * report_layout: what several reports draw alike: the cover, the opening
 * paragraph, bullets from lines, shortened quotes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcode/pdf.h"
#include "qcode/report.h"
#include "report_int.h"

char *report_num(long long v)
{
	return xasprintf("%lld", v);
}

char *report_shorten(const char *s, int max)
{
	struct qc_buf b = QC_BUF_INIT;
	int words = 0, in = 0;

	for (; *s; s++) {
		int sp = *s == ' ' || *s == '\n' || *s == '\t';
		if (!sp && !in && ++words > max) {
			while (b.len && b.buf[b.len - 1] == ' ')
				qc_buf_setlen(&b, b.len - 1);
			qc_buf_adds(&b, " …");
			break;
		}
		in = !sp;
		qc_buf_addch(&b, sp ? ' ' : *s);
	}
	return qc_buf_detach(&b, NULL);
}

void report_bullets(struct rep *r, const char *lines)
{
	for (const char *p = lines; p && *p;) {
		const char *nl = strchr(p, '\n');
		char *item = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
		pdf_bullet(r->pdf, item, 0);
		free(item);
		p = nl ? nl + 1 : p + strlen(p);
	}
}

int report_intro(struct rep *r, int k, struct qc_err *e)
{
	(void)k;
	(void)e;
	pdf_para(r->pdf, rtext(r, "intro"), PDF_REGULAR, 10.5f, 0, PDF_INK);
	return 0;
}

int report_cover(struct rep *r, int k, struct qc_err *e)
{
	static const char *const keys[] = { "period", "partners", "funder", "date" };
	static const char *const labels[] = { "cover_period", "cover_partners",
		"cover_funder", "cover_date" };
	char *vals[4], *title = report_setting(r, "title");
	char *sub = report_setting(r, "subtitle");
	const char *lab[4];
	char now[32];

	for (int i = 0; i < 4; i++) {
		vals[i] = report_setting(r, keys[i]);
		lab[i] = rtext(r, labels[i]);
	}
	if (!vals[3]) {
		store_now(now);
		now[10] = '\0';
		vals[3] = xstrdup(now);
	}
	(void)k;
	(void)e;
	pdf_cover(r->pdf, rtext(r, "kicker"), title && *title &&
		  strcmp(title, "Untitled project") ? title : rtext(r, "title"),
		  sub, 4, lab, (const char *const *)vals,
		  rtext(r, "cover_footer"));
	for (int i = 0; i < 4; i++)
		free(vals[i]);
	free(title);
	free(sub);
	return 0;
}
