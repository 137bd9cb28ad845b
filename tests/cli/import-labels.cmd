# The label forms at line start; a line without a label continues the turn.
qcode init >/dev/null
qcode import "$FIX/import/labels.txt" --kind interview >/dev/null
qcode show S1
qcode import "$FIX/import/café groep – notities.md" | sed "s|$FIX/import/||"
qcode show S2 --to 2
