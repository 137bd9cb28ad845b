#!/bin/sh
# Revise benchmark: a 1 MB transcript (corpus-gen's turns, one source)
# with 1,000 codings, corrected by `source replace` (a sentence added to
# every 20th line, a word changed in every 37th, every 101st deleted):
# the text diffed, turns rewritten, every coding re-anchored. Beside the
# time a plain import of the same file takes, same run; target under 1 s.
# Medians of QCODE_BENCH_RUNS (3) runs, each on a fresh copy of the
# coded project. QCODE_BENCH_REVISE_MB sets the size (default 1).
b=${QCODE_BENCH_BUILD:?}
mb=${QCODE_BENCH_REVISE_MB:-1}
runs=${QCODE_BENCH_RUNS:-3}
dir="$b/bench-revise"
rm -rf "$dir" && mkdir -p "$dir" || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
run() { "$b/bench/refi_bench" run "$@"; }
"$b/bench/corpus-gen" "$dir/corpus" "$mb" >/dev/null || exit 1
# one transcript: the files' turns without their front matter
{
	printf -- '---\nkind: focus-group\ntitle: Revise bench\n---\n'
	for f in "$dir"/corpus/*.txt; do
		awk 'NR == 1 && $0 == "---" { fm = 1; next }
		     fm && $0 == "---" { fm = 0; next } !fm' "$f"
	done
} >"$dir/t.txt"
rm -rf "$dir/corpus"
awk 'NR % 101 == 0 { next }
     NR % 37 == 0 { sub(/ de /, " die ") }
     NR % 20 == 0 && /: / { $0 = $0 " Dat wil ik nog even zeggen." }
     { print }' "$dir/t.txt" >"$dir/fixed.txt"
bytes=$(wc -c <"$dir/t.txt")
qi=""
for r in $(seq "$runs"); do
	rm -f "$dir/i.db"*
	"$b/qcode" -p "$dir/i.db" init >/dev/null || exit 1
	set -- $(run "$b/qcode" -p "$dir/i.db" import "$dir/t.txt"); qi="$qi $1"
done
mv "$dir/i.db" "$dir/a.db"
q="$b/qcode -p $dir/a.db"
for c in 1 2 3 4; do $q code add "c$c" >/dev/null || exit 1; done
# 1,000 codings of a few words each, spread over the turns
sqlite3 "$dir/a.db" "SELECT ordinal FROM segments WHERE end_cp - start_cp > 60
	ORDER BY ordinal" | awk '{ t[NR] = $1 } END {
	for (i = 0; i < 1000; i++) {
		k = t[1 + int(i * NR / 1000)]
		printf "tag c%d S1:%d@%d-%d\n", 1 + i % 4, k, 5 + (i % 3) * 10,
		       25 + (i % 3) * 10 + i % 7
	}
}' >"$dir/tag.qcs"
$q -f "$dir/tag.qcs" >/dev/null || exit 1
n=$(sqlite3 "$dir/a.db" "SELECT count(*) FROM codings")
turns=$(sqlite3 "$dir/a.db" "SELECT count(*) FROM segments")
qr=""
for r in $(seq "$runs"); do
	cp "$dir/a.db" "$dir/r.db" || exit 1
	set -- $(run "$b/qcode" -p "$dir/r.db" source replace S1 "$dir/fixed.txt")
	qr="$qr $1"
done
kept=$(sqlite3 "$dir/r.db" "SELECT (SELECT count(*) FROM codings) +
	(SELECT count(*) FROM detached_codings)")
det=$(sqlite3 "$dir/r.db" "SELECT count(*) FROM detached_codings")
qi=$(echo $qi | tr ' ' '\n' | median); qr=$(echo $qr | tr ' ' '\n' | median)
awk -v bytes="$bytes" -v turns="$turns" -v n="$n" -v kept="$kept" -v det="$det" \
    -v qi="$qi" -v qr="$qr" 'BEGIN {
	printf "revise: %.2f MB transcript, %d turns, %d codings\n",
		bytes / 1048576, turns, n
	printf "source replace %7.3f s (median)   plain import of the file %7.3f s   ratio %.2f   (target < 1 s)\n",
		qr, qi, qr / qi
	printf "codings after  %d (%d detached)\n", kept, det
	if (kept != n) { print "revise: codings lost"; exit 1 }
	if (qr >= 1) { print "revise: the target missed"; exit 1 }
}'
