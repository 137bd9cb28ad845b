# Colour only on a terminal, and never with NO_COLOR or --no-color. The
# codes' colour swatches reach the terminal as colour (ESC [ 38;2;... m),
# not shown as "^[[38;..." as control characters from a transcript are.
qcode init >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
printf 'Moeder: ik vertrouw haar\n' > a.txt
qcode import a.txt --kind interview >/dev/null
unset NO_COLOR
tty_run() { script -qec "$*" /dev/null < /dev/null | tr -d '\r'; }
esc=$(printf '\033')
tty_run qcode codes > codes.out
echo "swatches in colour: $(grep -c "$esc\[38;2;46;111;158m" codes.out)"
echo "shown as ^[: $(grep -c '\^\[' codes.out)"
tty_run qcode codes --no-color > nc.out
echo "--no-color: $(grep -c "$esc" nc.out) lines with ESC"
tty_run qcode --no-color codes > nc2.out
echo "qcode --no-color codes: $(grep -c "$esc" nc2.out) lines with ESC"
NO_COLOR=1 tty_run qcode codes > nc3.out
echo "NO_COLOR=1: $(grep -c "$esc" nc3.out) lines with ESC"
tty_run qcode search vertrouw > s.out
echo "search on a terminal: $(grep -c "$esc\[1;31m" s.out) bold match"
tty_run qcode search vertrouw --no-color
echo "piped: $(qcode codes | grep -c "$esc") lines with ESC"
