#!/bin/sh
# make bench: runs every tests/bench/*.sh part in name order. Each part
# prints its figures beside a bare baseline measured in the same run.
build=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
export QCODE_BENCH_BUILD="$root/$build" QCODE_BENCH_ROOT="$root"
export QCODE_CODER=bench
status=0
for part in "$root"/tests/bench/[0-9]*.sh; do
	[ -f "$part" ] || continue
	echo "== $(basename "$part" .sh)"
	sh "$part" || status=1
done
exit $status
