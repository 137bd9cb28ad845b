#!/bin/sh
# Team benchmark on a generated corpus (corpus-gen, QCODE_BENCH_TEAM_MB,
# default 200):
# - agreement for 5 coders at segment level over 20 codes with 1,000
#   bootstrap resamples (team-bench adds the codings), beside the time one
#   bare SQL query takes to read the same codings (sql-bench), same run;
#   target under 3 s;
# - merge of a coder's copy (a clone of the whole project, with a sixth
#   coder's codings added) back into the project, beside the time qcode
#   took to import the corpus in the first place; target under 2x.
# Merges are measured with --dry-run (all the work, then rolled back) so
# that every run starts alike; the last run merges for real. Medians of
# QCODE_BENCH_RUNS (3) runs; the import is timed once. Each qcode step's
# peak memory is its largest resident size, at most 256 MiB.
b=${QCODE_BENCH_BUILD:?}
mb=${QCODE_BENCH_TEAM_MB:-200}
runs=${QCODE_BENCH_RUNS:-3}
dir="$b/bench-team"
rm -rf "$dir" && mkdir -p "$dir" || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
run() { "$b/bench/refi_bench" run "$@"; }
"$b/bench/corpus-gen" "$dir/corpus" "$mb" >/dev/null || exit 1
q="$b/qcode -p $dir/a.db"
$q init >/dev/null || exit 1
set -- $(run $q import "$dir/corpus"); ti=$1 mi=$2
rm -rf "$dir/corpus"
n=$("$b/bench/team-bench" codings "$dir/a.db" c1,c2,c3,c4,c5) || exit 1
segs=$(sqlite3 "$dir/a.db" "SELECT count(*) FROM segments")
qa="" ma=0
for r in $(seq "$runs"); do
	set -- $(run $q agreement --coders c1,c2,c3,c4,c5 --unit segment --tsv)
	qa="$qa $1"; [ "$2" -gt "$ma" ] && ma=$2
done
ba=$("$b/bench/sql-bench" query "$dir/a.db" "$runs" \
	"SELECT source_id, start_cp, end_cp, code_id, coder_id FROM codings")
set -- $(run $q clone -o "$dir/b.db" --for-coder c6); tc=$1 mc=$2
m=$("$b/bench/team-bench" codings "$dir/b.db" c6 99) || exit 1
qm="" mm=0
for r in $(seq "$runs"); do
	set -- $(run $q merge "$dir/b.db" --dry-run)
	qm="$qm $1"; [ "$2" -gt "$mm" ] && mm=$2
done
set -- $(run $q merge "$dir/b.db"); tm=$1; [ "$2" -gt "$mm" ] && mm=$2
got=$(sqlite3 "$dir/a.db" "SELECT count(*) FROM codings")
qa=$(echo $qa | tr ' ' '\n' | median); qm=$(echo $qm | tr ' ' '\n' | median)
awk -v mb="$mb" -v segs="$segs" -v n="$n" -v m="$m" -v got="$got" -v qa="$qa" \
    -v ba="$ba" -v ti="$ti" -v tc="$tc" -v qm="$qm" -v tm="$tm" \
    -v mi="$mi" -v ma="$ma" -v mc="$mc" -v mm="$mm" 'BEGIN {
	printf "team: %d MB corpus, %d segments, %d codings by 5 coders of 20 codes\n",
		mb, segs, n
	printf "agreement      %7.2f s (median)   bare SQL read of the codings %7.3f s   (target < 3 s)  peak %d MiB\n",
		qa, ba, ma / 1024
	printf "merge          %7.2f s (median of dry runs; for real %.2f s): %d codings in, %d new  peak %d MiB\n",
		qm, tm, n + m, m, mm / 1024
	printf "import         %7.2f s   merge/import %.2f (target < 2)   clone %.2f s  peak %d MiB (clone %d MiB)\n",
		ti, qm / ti, tc, mi / 1024, mc / 1024
	if (got != n + m) { print "team: codings lost in the merge"; exit 1 }
	if (qa >= 3 || qm / ti >= 2) { print "team: a target missed"; exit 1 }
	if (mi > 256 * 1024 || ma > 256 * 1024 || mc > 256 * 1024 || mm > 256 * 1024) {
		print "team: peak memory over 256 MiB"; exit 1 }
}'
