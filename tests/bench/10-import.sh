#!/bin/sh
# Import benchmark: qcode importing a generated corpus of speaker-turn
# transcripts (QCODE_BENCH_IMPORT_MB, default 200) beside two bare
# baselines (import-bare: the same turns through one prepared INSERT into a
# table with a bare external-content FTS5 table over it, one transaction):
# "trigger", the index kept by SQLite's documented AFTER INSERT trigger, and
# "direct", the index fed by a second INSERT as qcode feeds it; "stem",
# fed directly through qcode's own tokenizer (the goal: qcode >= 0.8x it).
# The project's size per MB of turn text is printed too. Alternating,
# median of QCODE_BENCH_IMPORT_RUNS (3) runs each. Throughput counts turn
# text.
b=${QCODE_BENCH_BUILD:?}
mb=${QCODE_BENCH_IMPORT_MB:-200}
runs=${QCODE_BENCH_IMPORT_RUNS:-3}
dir="$b/bench-import"
corpus="$dir/corpus-$mb"
mkdir -p "$dir"
[ -d "$corpus" ] || "$b/bench/corpus-gen" "$corpus" "$mb" >/dev/null || exit 1
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
q="" bt="" bd="" bs="" mem=0 size=0
for r in $(seq "$runs"); do
	rm -f "$dir"/q.db* "$dir"/bare.db*
	"$b/qcode" -p "$dir/q.db" init >/dev/null || exit 1
	set -- $("$b/bench/refi_bench" run "$b/qcode" -p "$dir/q.db" import "$corpus")
	q="$q $1"; [ "$2" -gt "$mem" ] && mem=$2
	size=$(cat "$dir"/q.db* | wc -c)
	set -- $("$b/bench/import-bare" "$dir/bare.db" "$corpus" trigger)
	bt="$bt $1"; bytes=$2; turns=$3
	rm -f "$dir"/bare.db*
	set -- $("$b/bench/import-bare" "$dir/bare.db" "$corpus" direct)
	bd="$bd $1"
	rm -f "$dir"/bare.db*
	set -- $("$b/bench/import-bare" "$dir/bare.db" "$corpus" stem)
	bs="$bs $1"
done
got=$("$b/qcode" -p "$dir/q.db" info --json | sed 's/.*"segments": \([0-9]*\).*/\1/')
qm=$(echo $q | tr ' ' '\n' | median)
tm=$(echo $bt | tr ' ' '\n' | median)
dm=$(echo $bd | tr ' ' '\n' | median)
sm=$(echo $bs | tr ' ' '\n' | median)
awk -v q="$qm" -v t="$tm" -v d="$dm" -v sm="$sm" -v bytes="$bytes" -v turns="$turns" \
    -v got="$got" -v mem="$mem" -v size="$size" 'BEGIN {
	printf "import: %.0f MB of turn text, %d turns (qcode stored %d)\n",
		bytes / 1e6, turns, got
	printf "qcode import          %6.1f MB/s %8.0f turns/s  (%.2f s, median)\n",
		bytes / 1e6 / q, turns / q, q
	printf "bare FTS5, trigger    %6.1f MB/s %8.0f turns/s  (%.2f s, median)\n",
		bytes / 1e6 / t, turns / t, t
	printf "bare FTS5, direct     %6.1f MB/s %8.0f turns/s  (%.2f s, median)\n",
		bytes / 1e6 / d, turns / d, d
	printf "bare FTS5, qcode tok  %6.1f MB/s %8.0f turns/s  (%.2f s, median)\n",
		bytes / 1e6 / sm, turns / sm, sm
	printf "ratio qcode/bare throughput: %.2f (trigger), %.2f (direct), %.2f (qcode tokenizer, goal >= 0.8)\n",
		t / q, d / q, sm / q
	printf "project size: %.2f MB per MB of turn text (%.0f MB)   peak RSS of qcode import: %d MiB\n",
		size / bytes, size / 1e6, mem / 1024
}'
rm -f "$dir"/q.db* "$dir"/bare.db*
