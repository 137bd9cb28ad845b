/* Unit tests: privacy (checks in code, rules, names, pseudonyms). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "qcode/import.h"
#include "qcode/privacy.h"
#include "unit.h"

TEST(eleven_test)
{
	CHECK(privacy_bsn_ok("111222333"));
	CHECK(privacy_bsn_ok("1112.22.333"));
	CHECK(!privacy_bsn_ok("123456789"));
	CHECK(!privacy_bsn_ok("000000000"));	/* sum 0 is no BSN */
	CHECK(!privacy_bsn_ok("11122233"));
}

TEST(iban_mod97)
{
	CHECK(privacy_iban_ok("NL91ABNA0417164300"));
	CHECK(privacy_iban_ok("NL91 ABNA 0417 1643 00"));
	CHECK(privacy_iban_ok("GB82WEST12345698765432"));
	CHECK(!privacy_iban_ok("NL91ABNA0417164301"));
	CHECK(!privacy_iban_ok("NL91"));
}

/* The shipped rules wherever the test program was built (build/tests,
 * build/asan/tests): NULL when they are found by default, else their
 * path (caller frees). */
static char *rules_path(struct store *s)
{
	struct redactor *r;
	struct qc_err e = QC_ERR_INIT;
	char exe[4096], *slash;
	ssize_t n;

	if (redactor_open(s, NULL, &r, &e) == 0) {
		redactor_close(r);
		qc_err_release(&e);
		return NULL;
	}
	qc_err_release(&e);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')))
		*slash = '\0';
	return xasprintf("%s/../../../codebooks/redaction-nl.yaml", exe);
}

static int open_rules(struct store *s, struct redactor **r, struct qc_err *e)
{
	char *path = rules_path(s);
	int rc = redactor_open(s, path, r, e);

	free(path);
	return rc;
}

static char *apply(struct redactor *r, const char *s)
{
	struct qc_buf b = QC_BUF_INIT;
	struct qc_err e = QC_ERR_INIT;

	redactor_apply(r, s, strlen(s), &b, &e);
	qc_err_release(&e);
	return qc_buf_detach(&b, NULL);
}

TEST(rules_and_names)
{
	struct store *s;
	struct qc_err e = QC_ERR_INIT;
	struct redactor *r;
	struct import_doc d;
	struct import_result res;
	struct import_opts o = { .kind = "interview" };
	char path[] = "/tmp/qcode-unit-privacy-XXXXXX", *out;
	int fd = mkstemp(path);
	const char *t = "Zoë: hallo\nModerator: dag\n";

	close(fd);
	unlink(path);
	CHECK(store_create(path, "t", "nl", &s, &e) == 0);
	import_doc_init(&d);
	CHECK(import_parse(t, strlen(t), "x.txt", NULL, &d, &e) == 0);
	CHECK(import_store_doc(s, &d, "x.txt", &o, &res, &e) == 0);
	import_doc_release(&d);
	CHECK(open_rules(s, &r, &e) == 0);
	if (!r) {
		store_close(s);
		unlink(path);
		qc_err_release(&e);
		return;
	}
	out = apply(r, "Bel 06-12345678 of mail zoë@x.nl; zoë en ZOË, Moderator.");
	CHECK_STR(out, "Bel [telefoonnummer] of mail [e-mailadres]; [naam] en"
		  " [naam], Moderator.");
	free(out);
	out = apply(r, "BSN 111222333 maar niet 123456789; IBAN NL91ABNA0417164300.");
	CHECK_STR(out, "BSN [BSN] maar niet 123456789; IBAN [IBAN].");
	free(out);
	/* at the end of a sentence, with dots, and not inside longer numbers */
	out = apply(r, "Mijn BSN is 111222333. Of 111.222.333, niet 1111222333"
		    " of 3.111222333.");
	CHECK_STR(out, "Mijn BSN is [BSN]. Of [BSN], niet 1111222333 of"
		  " 3.111222333.");
	free(out);
	out = apply(r, "Postcode 2611 AB, Markt 87, geboren op 3 maart 1990.");
	CHECK_STR(out, "Postcode [postcode], [adres], geboren op [geboortedatum].");
	free(out);
	redactor_close(r);
	/* pseudonyms: by role, consistent, hand-set names kept */
	{
		long long n;
		sqlite3_stmt *st;
		CHECK(store_exec(s, "UPDATE participants SET role = 'ouder' WHERE"
				 " label = 'Zoë'", &e) == 0);
		CHECK(privacy_pseudonymise(s, "role", 0, &n, &e) == 0);
		CHECK(n == 2);
		st = store_prepare(s, "SELECT pseudonym FROM participants ORDER BY id",
				   &e);
		CHECK(st && sqlite3_step(st) == SQLITE_ROW);
		CHECK_STR((const char *)sqlite3_column_text(st, 0), "Ouder 1");
		CHECK(sqlite3_step(st) == SQLITE_ROW);
		CHECK_STR((const char *)sqlite3_column_text(st, 0), "Deelnemer 1");
		sqlite3_finalize(st);
		CHECK(privacy_pseudonymise(s, "role", 0, &n, &e) == 0 && n == 0);
		CHECK(privacy_pseudonymise(s, "colour", 0, &n, &e) < 0);
	}
	/* with a pseudonym, a name is replaced by it */
	CHECK(open_rules(s, &r, &e) == 0);
	if (!r) {
		store_close(s);
		unlink(path);
		qc_err_release(&e);
		return;
	}
	out = apply(r, "Zoë zei het. ZOË ook.");
	CHECK_STR(out, "Ouder 1 zei het. Ouder 1 ook.");
	free(out);
	redactor_close(r);
	/* the project's names: added once, listed, removed */
	{
		int changed;
		char **names;
		size_t n;
		CHECK(privacy_name_add(s, "Pietersen", &changed, &e) == 0 &&
		      changed == 1);
		CHECK(privacy_name_add(s, "Pietersen", &changed, &e) == 0 &&
		      changed == 0);
		CHECK(privacy_name_add(s, "", &changed, &e) == -QC_EUSAGE);
		CHECK(privacy_names(s, &names, &n, &e) == 0 && n == 1);
		CHECK(n == 1 && !strcmp(names[0], "Pietersen"));
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		CHECK(privacy_name_rm(s, "Pietersen", &changed, &e) == 0 &&
		      changed == 1);
		CHECK(privacy_name_rm(s, "Pietersen", &changed, &e) == 0 &&
		      changed == 0);
	}
	/* what redact --dry-run lists: Zoë as a speaker, once */
	{
		struct privacy_hits h;
		char *rules = rules_path(s);
		char *one[] = { "s1" }, *none[] = { "S9" };
		CHECK(privacy_find(s, rules, NULL, 0, &h, &e) == 0 && h.n == 1);
		CHECK(h.n == 1 && !strcmp(h.v[0].ref, "S1:1") &&
		      !strcmp(h.v[0].rule, "spreker") &&
		      !strcmp(h.v[0].found, "Zoë") &&
		      !strcmp(h.v[0].context, "**Zoë**: hallo"));
		privacy_hits_release(&h);
		CHECK(privacy_find(s, rules, one, 1, &h, &e) == 0 && h.n == 1);
		privacy_hits_release(&h);
		CHECK(privacy_find(s, rules, none, 1, &h, &e) == 0 && h.n == 0);
		privacy_hits_release(&h);
		free(rules);
	}
	store_close(s);
	unlink(path);
	qc_err_release(&e);
}

/* Rules in a file of their own; returns its name (a static buffer). */
static const char *rules_file(const char *pattern)
{
	static char path[] = "/tmp/qcode-unit-rules-XXXXXX";
	int fd;
	FILE *f;

	memcpy(path + sizeof(path) - 7, "XXXXXX", 6);
	fd = mkstemp(path);
	f = fdopen(fd, "w");
	fprintf(f, "rules:\n  - label: telefoon\n    pattern: '%s'\n", pattern);
	fclose(f);
	return path;
}

/* A rule that ends in a PCRE2 error fails closed; one that does so on a
 * test text is refused when loaded. */
TEST(fail_closed)
{
	struct qc_err e = QC_ERR_INIT;
	struct qc_buf b = QC_BUF_INIT;
	struct redactor *r = NULL;
	struct redact_match *m = (void *)&b;
	struct import_doc d;
	char text[200], *want;
	const char *path;
	size_t n = 7;

	/* passes the load-time trial: nothing there starts with x */
	path = rules_file("x(a+)+b|06-\\d{8}");
	CHECK(redactor_open(NULL, path, &r, &e) == 0);
	if (!r) {
		unlink(path);
		qc_err_release(&e);
		return;
	}
	CHECK(redactor_apply(r, "bel 06-12345678", 15, &b, &e) == 0);
	CHECK_STR(b.buf, "bel [telefoon]");
	qc_buf_reset(&b);
	/* the run of a makes (a+)+b reach the match limit: nothing comes
	 * out, not even the number before it */
	snprintf(text, sizeof(text), "06-12345678 x%s 06-87654321",
		 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	CHECK(redactor_apply(r, text, strlen(text), &b, &e) == -QC_EDATA);
	CHECK(b.len == 0);
	want = xasprintf("redaction rule 'telefoon' (%s:2): match limit"
			 " exceeded", path);
	CHECK_STR(e.msg.buf, want);
	free(want);
	CHECK(redactor_failed_at(r) == 12);
	qc_err_clear(&e);
	CHECK(redactor_scan(r, text, strlen(text), &m, &n, &e) == -QC_EDATA);
	CHECK(m == NULL && n == 0);
	qc_err_clear(&e);
	/* import --redact names the turn */
	import_doc_init(&d);
	snprintf(text, sizeof(text), "A: hallo\nB: x%s\nA: dag\n",
		 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	CHECK(import_parse(text, strlen(text), "x.txt", NULL, &d, &e) == 0);
	CHECK(privacy_redact_doc(r, &d, &n, &e) == -QC_EDATA);
	CHECK(strncmp(e.msg.buf, "turn 2: redaction rule 'telefoon'", 33) == 0);
	import_doc_release(&d);
	qc_err_clear(&e);
	redactor_close(r);
	unlink(path);

	/* refused at load, named */
	r = NULL;
	path = rules_file("(a+)+b|06-\\d{8}");
	CHECK(redactor_open(NULL, path, &r, &e) == -QC_EDATA);
	CHECK(r == NULL);
	want = xasprintf("%s:2: rule 'telefoon': match limit exceeded on a test"
			 " text; the pattern backtracks too much to be trusted",
			 path);
	CHECK_STR(e.msg.buf, want);
	free(want);
	unlink(path);
	qc_buf_release(&b);
	qc_err_release(&e);
}

int main(void)
{
	RUN(eleven_test);
	RUN(iban_mod97);
	RUN(rules_and_names);
	RUN(fail_closed);
	UNIT_DONE();
}
