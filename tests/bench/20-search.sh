#!/bin/sh
# Search benchmark: the search module (search_run/search_count, in process)
# beside the bare FTS5 query or the bare PCRE2 JIT scan, same process, same
# run, alternating. QCODE_BENCH_SEARCH_MB sets the corpus size (default 200),
# QCODE_BENCH_RUNS the runs per case (default 100). The corpus is generated
# once into the build directory and reused while its size is unchanged.
build=${QCODE_BENCH_BUILD:?}
mb=${QCODE_BENCH_SEARCH_MB:-200}
runs=${QCODE_BENCH_RUNS:-100}
dir="$build/bench-search"
db="$dir/corpus-$mb.db"
mkdir -p "$dir"
if [ ! -f "$db" ]; then
	"$build/bench/search-gen" "$db.tmp" "$mb" || exit 1
	mv "$db.tmp" "$db"
fi
echo "search: $mb MB generated corpus, $runs runs per case, median and p95"
# The index holds each word's folded form and, where it differs, its
# marked stem: the project's size per MB of text shows what that costs.
size=$(wc -c <"$db")
awk -v s="$size" -v mb="$mb" 'BEGIN { printf "project %.0f MB for %d MB of text (%.2f MB per MB)\n", s / 1e6, mb, s / 1e6 / mb }'
echo "(doc = --order doc; bare = the same FTS5 statements: the page with"
echo " highlight() and the count of the rest; ratio = qcode / bare)"
"$build/bench/search-bench" "$db" "$runs" || exit 1
# End to end: the qcode command (process start, open, search, save hits).
t0=$(date +%s%N)
i=0
while [ $i -lt 20 ]; do
	"$build/qcode" -p "$db" search zorg --order doc --limit 20 >/dev/null || exit 1
	i=$((i + 1))
done
t1=$(date +%s%N)
echo "qcode search zorg --order doc --limit 20 as a command: $(( (t1 - t0) / 20000000 )) ms a run (mean of 20, process included)"
