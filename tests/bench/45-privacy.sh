#!/bin/sh
# Privacy benchmark: `qcode redact --dry-run` with every shipped rule over a
# generated corpus (corpus-gen, QCODE_BENCH_PRIVACY_MB, default 200) with
# personal data planted in every file, beside the bare baseline in the same
# run (redact-bare scan: the same patterns and the same alternation of the
# participants' names through PCRE2's JIT over texts already in memory).
# qcode's time includes starting the process, reading the segments from
# SQLite, the checks in code, sorting, context and writing the list.
# Medians of QCODE_BENCH_RUNS (3) runs, alternating. Target: >= 0.5x bare.
b=${QCODE_BENCH_BUILD:?}
root=${QCODE_BENCH_ROOT:?}
mb=${QCODE_BENCH_PRIVACY_MB:-200}
runs=${QCODE_BENCH_RUNS:-3}
rules="$root/codebooks/redaction-nl.yaml"
dir="$b/bench-privacy"
rm -rf "$dir" && mkdir -p "$dir" || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
"$b/bench/corpus-gen" "$dir/corpus" "$mb" >/dev/null || exit 1
"$b/bench/redact-bare" plant "$dir/corpus" || exit 1
q="$b/qcode -p $dir/p.db"
$q init >/dev/null && $q import "$dir/corpus" >/dev/null || exit 1
rm -rf "$dir/corpus"
items=$($q redact --dry-run --tsv | wc -l)
qs="" bs=""
for r in $(seq "$runs"); do
	set -- $("$b/bench/refi_bench" run $q redact --dry-run --tsv)
	qs="$qs $1"
	set -- $("$b/bench/redact-bare" scan "$dir/p.db" "$rules")
	bs="$bs $1"; bytes=$2; matches=$3
done
qm=$(echo $qs | tr ' ' '\n' | median); bm=$(echo $bs | tr ' ' '\n' | median)
awk -v q="$qm" -v b="$bm" -v bytes="$bytes" -v items="$items" -v m="$matches" \
    -v mb="$mb" 'BEGIN {
	printf "privacy: redact --dry-run, %d MB corpus asked, %.0f MB of turn text; %d items listed (bare: %d raw matches)\n",
		mb, bytes / 1e6, items, m
	printf "qcode redact   %7.1f MB/s  (%.2f s, median)\n", bytes / 1e6 / q, q
	printf "bare PCRE2 JIT %7.1f MB/s  (%.2f s, median)\n", bytes / 1e6 / b, b
	printf "ratio qcode/bare throughput: %.2f (target >= 0.50)\n", b / q
	if (b / q < 0.5) { print "privacy: below target"; exit 1 }
}'
