#!/bin/sh
# make fuzz: build each libFuzzer target with clang (AddressSanitizer and
# UBSan) against the sources and run it for FUZZ_SECONDS (60) seconds.
# Corpora grow in tests/fuzz/corpus-NAME/ (not kept in git); crashes are
# written to build/fuzz/. FUZZ_TARGETS="fuzz_qde" runs only the targets
# named; tests/fuzz/NAME.dict, when there, is the target's dictionary.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
secs=${FUZZ_SECONDS:-60}
out=build/fuzz
mkdir -p "$out"
CC=${FUZZ_CC:-clang}
flags="-std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -Iinclude -g -O1
 -fsanitize=fuzzer-no-link,address,undefined $(pkg-config --cflags sqlite3 libpcre2-8 libxml-2.0 libzip yaml-0.1 libedit fontconfig libutf8proc libcrypto xlsxwriter)"
libs="$(pkg-config --libs sqlite3 libpcre2-8 libxml-2.0 libzip yaml-0.1 libedit fontconfig libutf8proc libcrypto xlsxwriter) ${HPDF_LIBS:--lhpdf} ${STEMMER_LIBS:--lstemmer} -lm -lpthread"
objs=""
for src in src/*.c; do
	[ "$src" = src/main.c ] && continue
	o="$out/$(basename "$src" .c).o"
	$CC $flags -c "$src" -o "$o"
	objs="$objs $o"
done
status=0
for t in tests/fuzz/fuzz_*.c; do
	name=$(basename "$t" .c)
	# FUZZ_TARGETS="fuzz_qde ..." runs only those
	case " ${FUZZ_TARGETS:-$name} " in *" $name "*) ;; *) continue ;; esac
	$CC $flags -fsanitize=fuzzer "$t" $objs $libs -o "$out/$name"
	corpus="tests/fuzz/corpus-$name"
	mkdir -p "$corpus"
	case $name in
	fuzz_zip) cp tests/fixtures/import/*.odt examples/transcripts/*.docx "$corpus"/ ;;
	fuzz_cues) cp examples/transcripts/*.vtt examples/transcripts/*.srt "$corpus"/ ;;
	fuzz_qde)	# the project files of the REFI fixtures; a tab first: a .qdc
		for f in tests/fixtures/refi/*.qdpx; do
			unzip -p "$f" '*.qde' > "$corpus/$(basename "$f" .qdpx).qde" 2>/dev/null || true
		done
		cp tests/fixtures/refi/*.qde "$corpus"/
		printf '\t<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="aa000000-0000-4000-8000-000000000001" name="A" isCodable="true"><Description>d</Description></Code></Codes><Sets><Set guid="ab000000-0000-4000-8000-000000000001" name="facilitating"><MemberCode targetGUID="aa000000-0000-4000-8000-000000000001"/></Set></Sets></CodeBook>' > "$corpus/seed.qdc" ;;
	fuzz_yaml) cp codebooks/*.yaml reports/*.yaml "$corpus"/ ;;
	*) cp examples/transcripts/*.txt examples/transcripts/*.md \
		tests/fixtures/import/*.json "$corpus"/ ;;
	esac
	echo "== $name: $secs s"
	dict=""
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
	if ! "$out/$name" -max_total_time="$secs" -max_len=65536 $dict \
		-artifact_prefix="$out/$name-" -print_final_stats=1 "$corpus" \
		> "$out/$name.log" 2>&1; then
		echo "$name: FAILED, see $out/$name.log"
		status=1
	fi
	grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$out/$name.log" || true
done
exit $status
