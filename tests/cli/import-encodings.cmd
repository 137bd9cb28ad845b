# UTF-16 with BOM, Windows-1252 on request or by auto, refusal otherwise.
qcode init >/dev/null
qcode import "$FIX/import/utf16.txt" --kind interview | sed "s|$FIX/import/||"
qcode import "$FIX/import/cp1252.txt" --kind interview 2>&1 | sed "s|$FIX/import/||"
qcode import "$FIX/import/cp1252.txt" --kind interview --encoding cp1252 | sed "s|$FIX/import/||"
qcode import "$FIX/import/cp1252.txt" --kind interview --encoding auto --force | sed "s|$FIX/import/||"
qcode show S2
qcode import "$FIX/import/cp1252.txt" --kind interview --encoding latin9 > out 2>&1; echo "exit $?"
sed "s|$FIX/import/||" out
