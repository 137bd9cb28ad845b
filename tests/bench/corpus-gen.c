/*
 * corpus-gen: a deterministic corpus of speaker-turn transcripts for the
 * benchmarks. Usage: corpus-gen DIR MEGABYTES. Writes DIR/t00001.txt ...,
 * each about 100 KB of "Name: text" turns in Dutch-like words with
 * diacritics (front matter gives kind and roles), until MEGABYTES are
 * written. The same arguments always give the same files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const words[] = {
	"de", "het", "een", "en", "van", "ik", "je", "dat", "die", "in", "is",
	"niet", "op", "wat", "er", "te", "met", "we", "ze", "zijn", "was",
	"maar", "ook", "dan", "voor", "als", "bij", "nog", "heel", "echt",
	"zorg", "vertrouwen", "kraamzorg", "verloskundige", "huisbezoek",
	"consultatiebureau", "baby", "zwangerschap", "moeder", "vader", "ouders",
	"buurt", "wijk", "overdracht", "warme", "kwetsbaar", "kwétsbaarheid",
	"één", "vóór", "gesprek", "taal", "tolk", "afspraak", "geïnformeerd",
	"jeugdverpleegkundige", "kennismaking", "netwerk", "steun", "café",
	"informatie", "angst", "onzeker", "geholpen", "luisteren", "ideeën",
};
static const char *const syl[] = { "ka", "ver", "ge", "lo", "mi", "tra",
	"be", "on", "st", "ri", "zo", "del", "wen", "aar", "ij", "oe", "ui",
	"heid", "ing", "ë" };
static const char *const names[] = { "Anna", "Bram", "Chantal", "Dewi",
	"Emre", "Fleur", "Gijs", "Hanna", "Ilse", "Joost" };
static const char *const roles[] = { "ouder", "verloskundige", "kraamzorg",
	"JGZ", "sociaal domein", "ouder", "ouder", "onderzoeker", "ouder",
	"ziekenhuis" };

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;

static unsigned rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

int main(int argc, char **argv)
{
	long long want, done = 0;
	int file = 0;

	if (argc != 3 || (want = atoll(argv[2]) * 1000000LL) <= 0) {
		fprintf(stderr, "usage: corpus-gen DIR MEGABYTES\n");
		return 2;
	}
	if (mkdir(argv[1], 0755) != 0 && errno != EEXIST) {
		perror(argv[1]);
		return 1;
	}
	while (done < want) {
		char path[4096];
		FILE *f;
		long long size = 0;

		snprintf(path, sizeof(path), "%s/t%05d.txt", argv[1], ++file);
		if (!(f = fopen(path, "w"))) {
			perror(path);
			return 1;
		}
		size += fprintf(f, "---\nkind: %s\ntitle: Transcript %d\nroles:\n",
				file % 3 ? "focus-group" : "interview", file);
		for (int i = 0; i < 10; i++)
			size += fprintf(f, "  %s: %s\n", names[i], roles[i]);
		size += fprintf(f, "---\n");
		while (size < 100000) {
			int n = 10 + (int)(rnd() % 70);
			size += fprintf(f, "%s:", names[rnd() % 10]);
			for (int w = 0; w < n; w++) {
				if (rnd() % 5 == 0) {
					int k = 2 + (int)(rnd() % 3);
					fputc(' ', f);
					size++;
					for (int s = 0; s < k; s++)
						size += fprintf(f, "%s",
							syl[rnd() % (sizeof(syl) / sizeof(*syl))]);
				} else {
					size += fprintf(f, " %s",
						words[rnd() % (sizeof(words) / sizeof(*words))]);
				}
			}
			size += fprintf(f, ".\n");
		}
		fclose(f);
		done += size;
	}
	printf("%d files, %.1f MB\n", file, (double)done / 1e6);
	return 0;
}
