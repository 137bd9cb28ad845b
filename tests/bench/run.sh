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
	# the part's peak RSS: its largest process, from GNU time; over
	# 256 MiB fails the bench
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o "$root/$build/bench-rss" sh "$part" || status=1
		tail -n 1 "$root/$build/bench-rss" | awk '{ printf \
			"peak RSS of the part: %d MiB (goal <= 256)\n", $1 / 1024
			if ($1 > 256 * 1024) { print "over 256 MiB: the part fails"; exit 1 } }' ||
			status=1
	else
		sh "$part" || status=1
	fi
done
exit $status
