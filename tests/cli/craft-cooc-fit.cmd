# cooc on a terminal never prints a matrix wider than it: the codes' names
# across when they fit, numbers across (each row naming its code) when
# they do not, and a list of pairs, most often first, when not even that
# fits; --pairs asks for the list. Into a pipe the matrix is whole.
qcode init >/dev/null
cd "$EX/transcripts"
qcode -p "$OLDPWD/qcode.db" import focusgroep-ouders-tanthof.txt focusgroep-professionals.md observatie-huisbezoek-voorhof.txt >/dev/null
cd "$OLDPWD"
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode autocode >/dev/null
qcode accept all >/dev/null
codes=vertrouwen,continuiteit,stigma,normaliseren,vraag-en-behoefte
tty_run() { COLUMNS=$1; export COLUMNS; shift
	script -qec "$*" /dev/null < /dev/null | tr -d '\r'; }
echo "## piped: the whole matrix"
qcode cooc --codes $codes
echo "## 100 columns: names across"
tty_run 100 qcode cooc --codes $codes
echo "## 60 columns: numbers across"
tty_run 60 qcode cooc --codes $codes
echo "## 30 columns: pairs"
tty_run 30 qcode cooc --codes $codes
echo "## --pairs"
qcode cooc --codes $codes --pairs
qcode cooc --codes $codes --pairs --csv
echo "## every code, 80 columns: no line wider than 80"
tty_run 80 qcode cooc | awk '{ if (length($0) > 80) bad++ } END { print (bad ? bad " lines too wide" : "fits") }'
qcode cooc | awk '{ if (length($0) > w) w = length($0) } END { print "piped: " w " columns" }'
