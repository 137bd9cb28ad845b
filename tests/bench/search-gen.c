/*
 * search-gen: a generated Dutch-like project for the search benchmark.
 * Usage: search-gen PROJECT MEGABYTES. Segments of 10-80 words drawn from
 * a Zipf-like vocabulary (common words, domain words, a long tail of made-up
 * words, a few rare terms), 200 segments a source, kinds and roles mixed.
 * Prints how long the import (with the tokenizer) took.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qcode/store.h"

static const char *const common[] = {
	"de", "het", "een", "en", "van", "ik", "je", "dat", "die", "in", "is",
	"niet", "op", "wat", "er", "te", "met", "we", "ze", "zijn", "was",
	"maar", "ook", "dan", "voor", "als", "bij", "nog", "heel", "echt",
	"wel", "toen", "kwam", "naar", "had", "hebben", "moet", "kan", "zo",
};
static const char *const domain[] = {
	"zorg", "vertrouwen", "vertrouwde", "kraamzorg", "verloskundige",
	"huisbezoek", "consultatiebureau", "baby", "zwangerschap", "moeder",
	"vader", "ouders", "buurt", "wijk", "overdracht", "warme", "kwetsbaar",
	"kwétsbaarheid", "één", "vóór", "gesprek", "taal", "tolk", "afspraak",
	"GGD", "jeugdverpleegkundige", "kennismaking", "netwerk", "steun",
	"informatie", "folder", "angst", "onzeker", "geholpen", "luisteren",
	"vertrouwd", "bezoeken", "hulp", "thuis", "Delft", "Tanthof",
};
static const char *const syl[] = {
	"ka", "ver", "ge", "lo", "mi", "tra", "be", "on", "st", "ri", "zo",
	"del", "wen", "aar", "ij", "oe", "ui", "heid", "ing", "en",
};

static unsigned long long rng = 88172645463325252ULL;

static unsigned rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

static void add_word(struct qc_buf *b)
{
	unsigned r = rnd() % 1000;

	if (r < 600) {
		qc_buf_adds(b, common[rnd() % (sizeof(common) / sizeof(*common))]);
	} else if (r < 800) {
		qc_buf_adds(b, domain[rnd() % (sizeof(domain) / sizeof(*domain))]);
	} else if (r == 999 && rnd() % 20 == 0) {
		qc_buf_adds(b, "pre-eclampsie");
	} else {
		/* The long tail: 2-4 syllables; fewer words the longer. */
		int n = 2 + (int)(rnd() % 3);
		for (int k = 0; k < n; k++)
			qc_buf_adds(b, syl[rnd() % (sizeof(syl) / sizeof(*syl))]);
	}
}

int main(int argc, char **argv)
{
	static const char *const kinds[] = { "interview", "focus-group",
		"observation", "interview", "focus-group" };
	static const char *const roles[] = { "ouder", "professional",
		"onderzoeker", "ouder" };
	struct qc_err e = QC_ERR_INIT;
	struct qc_buf seg = QC_BUF_INIT;
	struct store *s;
	sqlite3_stmt *src, *par, *ins;
	long long bytes = 0, target, nseg = 0;
	struct timespec t0, t1;

	if (argc != 3) {
		fprintf(stderr, "usage: search-gen PROJECT MEGABYTES\n");
		return 1;
	}
	target = atoll(argv[2]) * 1000000LL;
	if (store_create(argv[1], "bench", "nl", &s, &e) < 0) {
		fprintf(stderr, "search-gen: %s\n", e.msg.buf);
		return 3;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	store_exec(s, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF", &e);
	store_begin(s, &e);
	src = store_prepare(s, "INSERT INTO sources(id, guid, kind, title, date,"
			    " format, sha256, text, chars, words, imported_at,"
			    " imported_by) VALUES (?1, 'g' || ?1, ?2, 'Bron ' || ?1,"
			    " printf('2024-%02d-%02d', 1 + ?1 % 12, 1 + ?1 % 28),"
			    " 'txt', 'x', '', 0, 0, 'now', 'bench')", &e);
	par = store_prepare(s, "INSERT INTO participants(id, source_id, label,"
			    " role, guid) VALUES (?1, ?2, 'Spreker ' || ?3, ?4,"
			    " 'p' || ?1)", &e);
	ins = store_prepare(s, "INSERT INTO segments(source_id, ordinal,"
			    " participant_id, speaker, start_cp, end_cp, text)"
			    " VALUES (?1, ?2, ?3, 'Spreker ' || ?4, ?2 * 100000,"
			    " ?2 * 100000 + length(?5), ?5)", &e);
	if (!src || !par || !ins) {
		fprintf(stderr, "search-gen: %s\n", e.msg.buf);
		return 3;
	}
	for (long long sid = 1; bytes < target; sid++) {
		sqlite3_reset(src);
		sqlite3_bind_int64(src, 1, sid);
		sqlite3_bind_text(src, 2, kinds[sid % 5], -1, SQLITE_STATIC);
		sqlite3_step(src);
		for (int p = 0; p < 4; p++) {
			sqlite3_reset(par);
			sqlite3_bind_int64(par, 1, sid * 4 + p);
			sqlite3_bind_int64(par, 2, sid);
			sqlite3_bind_int(par, 3, p + 1);
			sqlite3_bind_text(par, 4, roles[p], -1, SQLITE_STATIC);
			sqlite3_step(par);
		}
		for (int o = 1; o <= 200 && bytes < target; o++) {
			int words = 10 + (int)(rnd() % 71), p = (int)(rnd() % 4);
			qc_buf_reset(&seg);
			for (int w = 0; w < words; w++) {
				if (w)
					qc_buf_adds(&seg, rnd() % 12 ? " " : ". ");
				add_word(&seg);
			}
			qc_buf_addch(&seg, '.');
			sqlite3_reset(ins);
			sqlite3_bind_int64(ins, 1, sid);
			sqlite3_bind_int(ins, 2, o);
			sqlite3_bind_int64(ins, 3, sid * 4 + p);
			sqlite3_bind_int(ins, 4, p + 1);
			sqlite3_bind_text(ins, 5, seg.buf, (int)seg.len, SQLITE_STATIC);
			if (sqlite3_step(ins) != SQLITE_DONE) {
				fprintf(stderr, "search-gen: %s\n", sqlite3_errmsg(s->db));
				return 3;
			}
			bytes += (long long)seg.len;
			nseg++;
		}
	}
	sqlite3_finalize(src);
	sqlite3_finalize(par);
	sqlite3_finalize(ins);
	if (store_commit(s, &e) < 0 ||
	    store_exec(s, "INSERT INTO segments_fts(segments_fts) VALUES"
		       "('rebuild'); INSERT INTO segments_fts(segments_fts)"
		       " VALUES ('optimize')", &e) < 0) {
		fprintf(stderr, "search-gen: %s\n", e.msg.buf);
		return 3;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double sec = (double)(t1.tv_sec - t0.tv_sec) +
		     (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("generated %lld segments, %.1f MB of text in %.1f s (%.1f MB/s"
	       " with indexing)\n", nseg, (double)bytes / 1e6, sec,
	       (double)bytes / 1e6 / sec);
	store_close(s);
	qc_buf_release(&seg);
	return 0;
}
