/*
 * redact-bare: what tests/bench/45-privacy.sh needs.
 *   redact-bare plant DIR        append turns full of personal data (and
 *                                near misses) to every DIR/t*.txt that
 *                                corpus-gen wrote; deterministic
 *   redact-bare scan DB RULES    the bare baseline: every pattern of the
 *                                RULES file, plus one alternation of the
 *                                participants' labels as qcode builds it,
 *                                run with PCRE2's JIT over every segment's
 *                                text; texts are read before the clock
 *                                starts. Prints "SECONDS BYTES MATCHES".
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <dirent.h>
#include <pcre2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "redact-bare: %s\n", what);
	exit(3);
}

/* Personal data of every rule, and numbers that only look like it. */
static const char *const planted[] = {
	"Anna: Mijn nummer is 06-12345678, of bel +31 6 2345 6789.",
	"Bram: Ons kantoor is 015-2601234, mail naar bram.jansen@example.nl.",
	"Chantal: Ik woon op de Kerkstraat 12, 2611 AB Delft.",
	"Dewi: Geboren op 14-02-1994, en mijn zoon geboren op 3 maart 2019.",
	"Emre: Mijn IBAN is NL91ABNA0417164300 en mijn BSN 111222333.",
	"Fleur: Het bedrag was 123456789 euro, rekening NL91ABNA0417164301 klopt niet.",
	"Gijs: In 2024 kwamen er 2612 ouders; Hanna en Ilse hielpen.",
};

static int plant(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	unsigned r = 7;

	if (!d)
		die("cannot open the corpus");
	while ((de = readdir(d))) {
		char path[4096];
		FILE *f;
		if (de->d_name[0] != 't')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (!(f = fopen(path, "a")))
			die(path);
		for (int i = 0; i < 14; i++)
			fprintf(f, "%s\n", planted[((r = r * 1103515245 + 12345) >> 16) %
					   (sizeof(planted) / sizeof(*planted))]);
		fclose(f);
	}
	closedir(d);
	return 0;
}

static char **rules_of(const char *path, int *n)
{
	FILE *f = fopen(path, "rb");
	yaml_parser_t p;
	yaml_token_t tok;
	char **v = NULL;
	int want = 0, done = 0;

	*n = 0;
	if (!f)
		die("cannot open the rules");
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, f);
	/* every value of a "pattern" key */
	while (!done && yaml_parser_scan(&p, &tok)) {
		if (tok.type == YAML_STREAM_END_TOKEN)
			done = 1;
		if (tok.type == YAML_SCALAR_TOKEN) {
			const char *s = (const char *)tok.data.scalar.value;
			if (want == 2) {
				v = realloc(v, (size_t)(*n + 1) * sizeof(char *));
				v[(*n)++] = strdup(s);
				want = 0;
			} else {
				want = !strcmp(s, "pattern");
			}
		} else if (tok.type == YAML_VALUE_TOKEN && want == 1) {
			want = 2;
		} else if (tok.type != YAML_VALUE_TOKEN) {
			want = want == 1 ? 0 : want;
		}
		yaml_token_delete(&tok);
	}
	yaml_parser_delete(&p);
	fclose(f);
	return v;
}

static int scan(const char *db, const char *rules)
{
	sqlite3 *d;
	sqlite3_stmt *st;
	char **pat, **texts = NULL, names[8192] = "(?i)(?<![\\w])(?:";
	int *lens = NULL, npat, nt = 0, at = 0;
	pcre2_code **re;
	pcre2_match_data *md = pcre2_match_data_create(8, NULL);
	long long bytes = 0, matches = 0;
	double t0;

	pat = rules_of(rules, &npat);
	if (sqlite3_open_v2(db, &d, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("open");
	sqlite3_prepare_v2(d, "SELECT DISTINCT label FROM participants ORDER BY"
			   " length(label) DESC, label", -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW)
		at += snprintf(names + strlen(names), sizeof(names) - strlen(names),
			       "%s\\Q%s\\E", at ? "|" : "",
			       (const char *)sqlite3_column_text(st, 0)) > 0;
	sqlite3_finalize(st);
	strncat(names, ")(?![\\w])", sizeof(names) - strlen(names) - 1);
	pat = realloc(pat, (size_t)(npat + 1) * sizeof(char *));
	pat[npat++] = strdup(names);
	sqlite3_prepare_v2(d, "SELECT text FROM segments", -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!(nt & (nt - 1))) {
			texts = realloc(texts, (size_t)(nt ? 2 * nt : 1) * sizeof(char *));
			lens = realloc(lens, (size_t)(nt ? 2 * nt : 1) * sizeof(int));
		}
		lens[nt] = sqlite3_column_bytes(st, 0);
		texts[nt] = malloc((size_t)lens[nt] + 1);
		memcpy(texts[nt], sqlite3_column_text(st, 0), (size_t)lens[nt] + 1);
		bytes += lens[nt++];
	}
	sqlite3_finalize(st);
	sqlite3_close(d);
	re = calloc((size_t)npat, sizeof(*re));
	for (int i = 0; i < npat; i++) {
		int err;
		PCRE2_SIZE off;
		if (!(re[i] = pcre2_compile((PCRE2_SPTR)pat[i], PCRE2_ZERO_TERMINATED,
					    PCRE2_UTF | PCRE2_UCP, &err, &off, NULL)))
			die("a pattern does not compile");
		pcre2_jit_compile(re[i], PCRE2_JIT_COMPLETE);
	}
	t0 = now();
	for (int k = 0; k < nt; k++)
		for (int i = 0; i < npat; i++) {
			PCRE2_SIZE from = 0, len = (PCRE2_SIZE)lens[k];
			while (from <= len && pcre2_match(re[i], (PCRE2_SPTR)texts[k],
					len, from, PCRE2_NO_UTF_CHECK, md, NULL) > 0) {
				PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
				matches++;
				from = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
				while (from < len && ((unsigned char)texts[k][from] & 0xC0) == 0x80)
					from++;
			}
		}
	printf("%.3f %lld %lld\n", now() - t0, bytes, matches);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "plant"))
		return plant(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "scan"))
		return scan(argv[2], argv[3]);
	fprintf(stderr, "usage: redact-bare plant DIR | scan DB RULES\n");
	return 1;
}
