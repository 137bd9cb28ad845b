# A tab or newline in a title stays inside its cell: the table and TSV write
# it as a space, CSV quotes it, JSON escapes it; no column moves.
qcode init >/dev/null
printf 'Anna: hallo daar\nBen: ja\n' > a.txt
qcode import a.txt --kind interview --title "$(printf 'Een\ttitel')" >/dev/null
qcode import a.txt --kind interview --force --title "$(printf 'Twee\nregels')" >/dev/null
qcode import a.txt --kind interview --force --title 'Drie, "quotes"' >/dev/null
echo "## table"; qcode sources
echo "## tsv"; qcode sources --tsv
echo "## csv"; qcode sources --csv
echo "## json"; qcode sources --json
