# A fresh machine: pkg-config knows none of the libraries until `make deps`
# has installed them (here: until deps creates a marker file). The first
# `make demo` and `make test` must compile and link with the libraries'
# flags all the same, so each must ask pkg-config after deps, not before.
unset MAKEFLAGS MAKELEVEL MFLAGS
mkdir bin
cat > bin/pkg-config <<'PC'
#!/bin/sh
[ -f "$MARKER" ] || exit 1
case "$*" in
--cflags*) echo "-DFAKE_PKG_FOUND" ;;
--libs*) echo "-lfakepkg" ;;
esac
PC
# cc: records each call, fails without the flags, makes an empty output
cat > bin/cc <<'CC'
#!/bin/sh
out=""; prev=""; link=1
for a in "$@"; do
	[ "$prev" = -o ] && out=$a
	[ "$a" = -c ] && link=0
	prev=$a
done
case "$*" in
*-DFAKE_PKG_FOUND*) ;;
*) echo "cc: no library flags for $out" >> "$LOG"; exit 1 ;;
esac
if [ $link = 1 ]; then
	case "$*" in *-lfakepkg*) ;; *) echo "cc: no library libs for $out" >> "$LOG"; exit 1 ;; esac
fi
echo "cc ok" >> "$LOG"
: > "$out"
CC
printf '#!/bin/sh\ntouch "$MARKER"\n' > bin/deps
printf '#!/bin/sh\necho "ran with $1"\n' > bin/script
chmod +x bin/*
export LOG="$PWD/cc.log"
for target in demo test; do
	export MARKER="$PWD/installed-$target"
	rm -f "$LOG"
	make -s -C "$ROOT" "$target" BUILD="$PWD/build-$target" CC="$PWD/bin/cc" \
		PKG_CONFIG="$PWD/bin/pkg-config" DEPS_SCRIPT="$PWD/bin/deps" \
		DEMO_SCRIPT="$PWD/bin/script" TEST_SCRIPT="$PWD/bin/script" \
		HPDF_LIBS= STEMMER_LIBS= >make.out 2>&1
	echo "make $target: exit $?"
	sed "s|$PWD/||" make.out
	grep -c 'cc ok' "$LOG" | awk '{ print ($1 > 10) ? "compiled and linked" : "too few compiles" }'
	grep 'no library' "$LOG"
	[ -f "$MARKER" ] && echo "deps ran"
done
