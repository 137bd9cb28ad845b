#!/bin/sh
# Coding benchmark: tagging every hit of a search with ~100,000 hits in one
# command, and freq and cooc over ~1,000,000 codings, each beside the
# equivalent hand-written SQL run by a bare program (sql-bench) in the same
# run. qcode's times include starting the process. Medians of
# QCODE_BENCH_RUNS (5) runs; QCODE_BENCH_CODINGS sets the codings (1000000).
b=${QCODE_BENCH_BUILD:?}
export QCODE_CODER=bench
runs=${QCODE_BENCH_RUNS:-5}
codings=${QCODE_BENCH_CODINGS:-1000000}
dir="$b/bench-coding"
rm -rf "$dir" && mkdir -p "$dir" || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
"$b/bench/search-gen" "$dir/p.db" 40 >/dev/null || exit 1
q="$b/qcode -p $dir/p.db"
$q code add Bench --id bench >/dev/null
# about 100,000 hits of common words in document order
$q search de --order doc --limit 100000 >/dev/null || exit 1
hits=$(sqlite3 "$dir/p.db" "SELECT count(*) FROM hits")
cp "$dir/p.db" "$dir/bare.db"
set -- $("$b/bench/refi_bench" run $q tag bench hits)
qt=$1
set -- $("$b/bench/sql-bench" tag "$dir/bare.db" bench bench)
bt=$1
n1=$(sqlite3 "$dir/p.db" "SELECT count(*) FROM codings")
echo "coding: tag every hit of a search: $hits hits, $n1 codings made"
awk -v q="$qt" -v b="$bt" 'BEGIN { printf "tag hits       qcode %7.3f s   bare SQL %7.3f s   ratio %.2f\n", q, b, q / b }'
"$b/bench/sql-bench" codings "$dir/p.db" "$codings" || exit 1
n2=$(sqlite3 "$dir/p.db" "SELECT count(*) FROM codings")
echo "freq and cooc over $n2 codings (medians of $runs runs)"
freq_sql="SELECT k.short_id, s.kind, count(*), count(DISTINCT c.source_id)
 FROM codings c JOIN codes k ON k.id = c.code_id JOIN sources s ON s.id = c.source_id
 GROUP BY k.id, s.kind"
cooc_sql="SELECT x.code_id, y.code_id, count(*) FROM codings x JOIN codings y
 ON y.segment_id = x.segment_id AND y.code_id <> x.code_id GROUP BY 1, 2"
for what in freq cooc; do
	qs=""
	for r in $(seq "$runs"); do
		set -- $("$b/bench/refi_bench" run $q $what --tsv)
		qs="$qs $1"
	done
	qm=$(echo $qs | tr ' ' '\n' | median)
	if [ $what = freq ]; then sql=$freq_sql; else sql=$cooc_sql; fi
	bm=$("$b/bench/sql-bench" query "$dir/p.db" "$runs" "$sql")
	awk -v w="$what" -v q="$qm" -v b="$bm" 'BEGIN { printf "%-14s qcode %7.3f s   bare SQL %7.3f s   ratio %.2f\n", w, q, b, q / b }'
done
