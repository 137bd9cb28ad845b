# Long work shows one progress line on standard error when it is a
# terminal (here a pseudo-terminal made by script(1)), redrawn in place
# with \r and wiped at the end; none with --quiet, none with --json, and
# none when standard error is a file or pipe.
command -v script >/dev/null || { cat "$ROOT/tests/cli/craft-progress.out"; exit 0; }
for p in a b c d e f; do qcode -p $p.db init >/dev/null; done
# at once, not after half a second: this machine may import it faster
export QCODE_PROGRESS_AFTER=0
mkdir big
awk 'BEGIN { for (f = 1; f <= 10; f++) { fn = sprintf("big/t%03d.txt", f)
	for (i = 0; i < 8000; i++) printf "Spreker %d: over vertrouwen, zorg en de wijk waarin wij wonen, regel %d van bestand %d\n", i % 7, i, f > fn
	close(fn) } }'
tty_run() { script -qec "$*" /dev/null < /dev/null | tr '\r' '\n'; }
lines() { grep -c "$1" || true; }
n=$(tty_run qcode -p a.db import big --kind interview '>/dev/null' | lines '^importing: [0-9.]* / 7.0 MB')
[ "$n" -ge 1 ] && echo "import on a terminal: a progress line"
tty_run qcode -p e.db import big --kind interview | sed -n 's/^importing: [0-9.]* \/ \(7.0 MB\) ([0-9]*%), [0-9.]* MB\/s, [0-9:]* left.\[K$/form: importing: N \/ \1 (P%), R MB\/s, T left, then ESC [K/p' | head -1
# the line is wiped when the work ends: \r and ESC [K last
script -qec "qcode -p f.db import big --kind interview >/dev/null" /dev/null < /dev/null | tail -c 4 | od -An -c | tr -s ' '
echo "import --quiet: $(tty_run qcode -p b.db import big --kind interview --quiet '>/dev/null' | lines importing)"
echo "import --json: $(tty_run qcode -p c.db import big --kind interview --json '>/dev/null' | lines importing)"
qcode -p d.db import big --kind interview > /dev/null 2> err
echo "import into a file: $(lines importing < err)"
