# When the project itself fails while a file is being written (here a
# trigger stands in for a full disk at the second file's turns), nothing of
# the command is kept: not even the file that went in before it.
qcode init >/dev/null
F="$FIX/import"
qcode import "$F/labels.txt" --kind interview >/dev/null
qcode info --json > before.json
sqlite3 qcode.db "CREATE TRIGGER full BEFORE INSERT ON segments
  WHEN (SELECT count(*) FROM sources) > 2 BEGIN SELECT RAISE(ABORT, 'disk full'); END"
qcode import "$F/utf16.txt" "$F/cp1252.txt" --encoding auto --kind interview 2>&1 | sed "s|$F/||"
echo "exit $(qcode import "$F/utf16.txt" "$F/cp1252.txt" --encoding auto --kind interview >/dev/null 2>&1; echo $?)"
qcode info --json > after.json
cmp before.json after.json && echo "info unchanged"
sqlite3 qcode.db "DROP TRIGGER full"
qcode import "$F/utf16.txt" "$F/cp1252.txt" --encoding auto --kind interview | sed "s|$F/||"
