#!/bin/sh
# REFI-QDA export and import of a large project (about 200 MB of text in 200
# sources, 1,000,000 codings), each beside a bare baseline in the same run:
# libxml2's writer and libzip writing the same selections, codings and texts,
# and libzip with libxml2's reader going over every entry and attribute,
# with no qcode work. A third figure is the floor for any import into an
# SQLite project: the same reading plus plain inserts of each source's text,
# its lines (FTS5, default tokenizer, fed directly) and its codings in one
# transaction. MB/s counts the archive's uncompressed bytes; times are
# medians of REFI_BENCH_RUNS runs; peak memory is the largest resident size.
# REFI_BENCH_MB and REFI_BENCH_CODINGS make it smaller for a quick look.
# absolute: the part works in a folder of its own
b=$(cd "${QCODE_BENCH_BUILD:?}" && pwd) || exit 1
mb=${REFI_BENCH_MB:-200}
codings=${REFI_BENCH_CODINGS:-1000000}
runs=${REFI_BENCH_RUNS:-3}
tool="$b/bench/refi_bench"
dir="$b/bench-refi"
rm -rf "$dir" && mkdir -p "$dir" || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
cd "$dir" || exit 1

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

"$tool" gen p.db "$mb" "$codings" || exit 1
qe="" be="" qi="" bi="" bs="" mem_e=0 mem_i=0
for r in $(seq "$runs"); do
	set -- $("$tool" run "$b/qcode" -p p.db export qdpx -o q.qdpx --real-names)
	qe="$qe $1"; [ "$2" -gt "$mem_e" ] && mem_e=$2
	set -- $("$tool" bare-export p.db bare.qdpx)
	be="$be $1"; bare_bytes=$2
	rm -f i.db i.db-wal i.db-shm
	set -- $("$tool" run "$b/qcode" -p i.db refi import q.qdpx)
	qi="$qi $1"; [ "$2" -gt "$mem_i" ] && mem_i=$2
	set -- $("$tool" bare-import q.qdpx)
	bi="$bi $1"
	set -- $("$tool" bare-store q.qdpx floor.db)
	bs="$bs $1"
	rm -f floor.db floor.db-journal
done
bytes=$(unzip -l q.qdpx | tail -n 1 | awk '{ print $1 }')
got=$(sqlite3 i.db "SELECT count(*) FROM codings")
qe=$(echo $qe | tr ' ' '\n' | median); be=$(echo $be | tr ' ' '\n' | median)
qi=$(echo $qi | tr ' ' '\n' | median); bi=$(echo $bi | tr ' ' '\n' | median)
bs=$(echo $bs | tr ' ' '\n' | median)
awk -v bytes="$bytes" -v bb="$bare_bytes" -v qe="$qe" -v be="$be" -v qi="$qi" \
    -v bi="$bi" -v bs="$bs" -v me="$mem_e" -v mi="$mem_i" -v n="$codings" -v got="$got" 'BEGIN {
	printf "refi: %.0f MB uncompressed, %d codings (%d back after import)\n",
		bytes / 1e6, n, got
	qx = bytes / 1e6 / qe; bx = bb / 1e6 / be
	qy = bytes / 1e6 / qi; by = bytes / 1e6 / bi
	printf "export qdpx  %7.1f MB/s  bare %7.1f MB/s  ratio %.2f  (%.2f s vs %.2f s)  peak %d MiB\n",
		qx, bx, qx / bx, qe, be, me / 1024
	printf "import qdpx  %7.1f MB/s  bare %7.1f MB/s  ratio %.2f  (%.2f s vs %.2f s)  peak %d MiB\n",
		qy, by, qy / by, qi, bi, mi / 1024
	sy = bytes / 1e6 / bs
	printf "import floor %7.1f MB/s  (reading + SQLite inserts + FTS5, %.2f s): qcode/floor %.2f, floor/bare %.2f\n",
		sy, bs, qy / sy, sy / by
	if (got != n) { print "refi: codings lost on import"; exit 1 }
	if (me > 256 * 1024 || mi > 256 * 1024) { print "refi: peak memory over 256 MiB"; exit 1 }
}'
