# One renderer for every form: a value with a tab, a quote or a comma keeps
# its cell in the table, TSV and CSV, and JSON is always valid, also for
# the results of commands that change something (code add's id).
qcode init >/dev/null
qcode import --kind interview --title 'Tab	in "title", here' "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
qcode sources
qcode sources --tsv
qcode sources --csv
qcode sources --json
qcode code add 'Quote "x"' --id 'q"x' --json
qcode codes --json | python3 -c 'import json,sys; print([c["id"] for c in json.load(sys.stdin)])'
qcode project set 'k"ey' 'va	lue' --json
qcode project show --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["k\"ey"])'
