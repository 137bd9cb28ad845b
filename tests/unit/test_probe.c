/*
 * Unit test: the redaction probe, hard cases of every kind with the
 * stretches that must go marked (tests/fixtures/privacy/probe.txt).
 * Prints recall and precision ("measure" lines, shown by tests/run.sh)
 * and fails below 95% for either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcode/privacy.h"
#include "unit.h"

struct span {
	size_t s, e;
};

/* The codebooks/ folder beside the test program's build folder. */
static char *rules_file(const char *lang)
{
	char exe[4096], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	for (int up = 0; up < 2 && (slash = strrchr(exe, '/')); up++)
		*slash = '\0';
	/* build/tests/x or build/asan/tests/x: go up to the clone */
	for (;;) {
		char *p = xasprintf("%s/codebooks/redaction-%s.yaml", exe, lang);
		if (access(p, R_OK) == 0)
			return p;
		free(p);
		if (!(slash = strrchr(exe, '/')))
			return NULL;
		*slash = '\0';
	}
}

struct tally {
	size_t want, found;	/* marked stretches, fully redacted */
	size_t got, right;	/* redacted stretches, touching a mark */
};

/* One case: the text without marks, then its redaction compared. */
static void run_case(struct redactor *r, const char *lang, const char *line,
		     struct tally *t)
{
	struct qc_buf text = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;
	struct span sp[16];
	size_t ns = 0, nm = 0;
	struct redact_match *m = NULL;

	for (const char *p = line; *p;) {
		if (!strncmp(p, "{{", 2) && ns < 16) {
			sp[ns].s = text.len;
			p += 2;
		} else if (!strncmp(p, "}}", 2) && ns < 16) {
			sp[ns++].e = text.len;
			p += 2;
		} else {
			qc_buf_addch(&text, *p++);
		}
	}
	if (redactor_scan(r, text.buf, text.len, &m, &nm, &e) < 0) {
		printf("FAIL probe: %s: %s\n", line, e.msg.buf);
		unit_failed_case = 1;
	}
	for (size_t i = 0; i < ns; i++) {
		size_t at = sp[i].s;
		/* covered by the matches, one after the other */
		for (size_t k = 0; k < nm; k++)
			if (m[k].start <= at && m[k].end > at)
				at = m[k].end;
		t->want++;
		if (at >= sp[i].e)
			t->found++;
		else
			printf("  miss (%s): %.*s in: %s\n", lang,
			       (int)(sp[i].e - sp[i].s), text.buf + sp[i].s,
			       text.buf);
	}
	for (size_t k = 0; k < nm; k++) {
		int hit = 0;
		for (size_t i = 0; i < ns; i++)
			hit |= m[k].start < sp[i].e && m[k].end > sp[i].s;
		t->got++;
		if (hit)
			t->right++;
		else
			printf("  false (%s): %.*s (%s) in: %s\n", lang,
			       (int)(m[k].end - m[k].start), text.buf + m[k].start,
			       m[k].rule, text.buf);
	}
	free(m);
	qc_buf_release(&text);
	qc_err_release(&e);
}

TEST(probe)
{
	FILE *f = fopen("fix/privacy/probe.txt", "r");
	struct redactor *r[2] = { NULL, NULL };
	static const char *const langs[2] = { "nl", "en" };
	struct qc_err e = QC_ERR_INIT;
	struct tally t = { 0 };
	char line[1024];
	size_t cases = 0;

	CHECK(f != NULL);
	for (int i = 0; i < 2; i++) {
		char *path = rules_file(langs[i]);
		CHECK(path && redactor_open(NULL, path, &r[i], &e) == 0);
		free(path);
	}
	if (!f || !r[0] || !r[1])
		goto out;
	while (fgets(line, sizeof(line), f)) {
		char *tab;
		line[strcspn(line, "\n")] = '\0';
		if (!*line || *line == '#' || !(tab = strchr(line, '\t')))
			continue;
		*tab = '\0';
		if (!strcmp(line, "@person")) {
			char *role = strchr(tab + 1, '\t');
			if (role)
				*role++ = '\0';
			for (int i = 0; i < 2; i++)
				redactor_add_person(r[i], tab + 1,
						    role && *role ? role : NULL);
		} else if (!strcmp(line, "@name")) {
			for (int i = 0; i < 2; i++)
				redactor_add_name(r[i], tab + 1, NULL);
		} else {
			run_case(r[strcmp(line, "en") == 0], line, tab + 1, &t);
			cases++;
		}
	}
	printf("measure probe: %zu cases; recall %zu/%zu (%.1f%%), precision"
	       " %zu/%zu (%.1f%%); target 95%%\n", cases, t.found, t.want,
	       t.want ? 100.0 * t.found / t.want : 0.0, t.right, t.got,
	       t.got ? 100.0 * t.right / t.got : 0.0);
	CHECK(cases >= 80);
	CHECK(t.want && 100 * t.found >= 95 * t.want);
	CHECK(t.got && 100 * t.right >= 95 * t.got);
out:
	if (f)
		fclose(f);
	redactor_close(r[0]);
	redactor_close(r[1]);
	qc_err_release(&e);
}

int main(void)
{
	RUN(probe);
	return unit_failures != 0;
}
