#!/bin/sh
# Runs the unit-test programs and the golden CLI tests; prints PASS or FAIL
# for each and ends with "N passed, N failed". Usage: tests/run.sh BUILD [NAME...]
# UPDATE=1 rewrites the expected files of the golden tests named (or all).
build=${1:-build}
shift 2>/dev/null
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$build"
pass=0
fail=0
tmproot=$(mktemp -d "${TMPDIR:-/tmp}/qcode-test.XXXXXX")
trap 'rm -rf "$tmproot"' EXIT INT TERM
# Tests see the examples and fixtures by short relative paths, so that
# widths of tables naming files do not depend on where the clone lives.
ln -s "$root/examples" "$tmproot/ex"
ln -s "$root/tests/fixtures" "$tmproot/fix"

[ -x "$bin/qcode" ] || { echo "tests: $bin/qcode is not built"; exit 1; }

# Unit tests: each program prints "ok NAME" or "FAIL NAME: why" per case.
if [ $# -eq 0 ]; then
	for t in "$bin"/tests/test_*; do
		[ -x "$t" ] || continue
		out="$tmproot/unit.out"
		(cd "$tmproot" && "$t") >"$out" 2>&1
		rc=$?
		p=$(grep -c '^ok ' "$out")
		f=$(grep -c '^FAIL ' "$out")
		pass=$((pass + p))
		fail=$((fail + f))
		name=$(basename "$t")
		if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
			[ "$f" -eq 0 ] && fail=$((fail + 1))
			echo "FAIL unit/$name (exit $rc)"
			grep -v '^ok ' "$out" | head -n 40
		else
			echo "PASS unit/$name ($p cases)"
		fi
		# figures a test measures (the redaction probe's recall)
		sed -n 's/^measure /  /p' "$out"
	done
fi

# Golden CLI tests: tests/cli/NAME.cmd is a shell script run in a fresh
# directory with qcode on PATH; its stdout, stderr and exit code must equal
# NAME.out, NAME.err (empty when absent) and NAME.code (0 when absent).
if [ $# -gt 0 ]; then
	cmds=""
	for n in "$@"; do cmds="$cmds $root/tests/cli/$n.cmd"; done
else
	cmds=$(ls "$root"/tests/cli/*.cmd 2>/dev/null)
fi
for cmd in $cmds; do
	name=$(basename "$cmd" .cmd)
	base="$root/tests/cli/$name"
	dir="$tmproot/$name"
	mkdir -p "$dir/home"
	(
		cd "$dir" || exit 99
		PATH="$bin:$PATH" HOME="$dir/home" QCODE_CODER=tester \
		QCODE_HISTORY="$dir/home/history" NO_COLOR=1 TZ=UTC LC_ALL=C.UTF-8 \
		QCODE_PROJECT= QCODE_NOW=2026-01-15T10:00:00Z \
		EX=../ex FIX=../fix ROOT="$root" \
			sh "$cmd" >"$dir/.out" 2>"$dir/.err" </dev/null
		echo $? >"$dir/.code"
	)
	code=$(cat "$dir/.code")
	if [ -n "$UPDATE" ]; then
		cp "$dir/.out" "$base.out"
		if [ -s "$dir/.err" ]; then cp "$dir/.err" "$base.err"; else rm -f "$base.err"; fi
		if [ "$code" != 0 ]; then echo "$code" >"$base.code"; else rm -f "$base.code"; fi
	fi
	want_code=0
	[ -f "$base.code" ] && want_code=$(cat "$base.code")
	[ -f "$base.err" ] || : >"$dir/.want_err"
	want_err="$base.err"
	[ -f "$base.err" ] || want_err="$dir/.want_err"
	ok=1
	cmp -s "$dir/.out" "$base.out" || ok=0
	cmp -s "$dir/.err" "$want_err" || ok=0
	[ "$code" = "$want_code" ] || ok=0
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
		echo "PASS cli/$name"
	else
		fail=$((fail + 1))
		echo "FAIL cli/$name (exit $code, want $want_code)"
		diff -u "$base.out" "$dir/.out" | head -n 40
		diff -u "$want_err" "$dir/.err" | head -n 20
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
