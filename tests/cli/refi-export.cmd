# export is pseudonymised and redacted by default: labels become pseudonyms,
# names to redact disappear, and codings keep their words; --real-names is
# logged. Exporting twice gives the same GUIDs.
cp "$FIX/refi/demo.qdpx" demo.qdpx
qcode refi import demo.qdpx > /dev/null
sqlite3 qcode.db "INSERT INTO redact_names VALUES ('Fatima')"
qcode export qdpx -o out.qdpx --loss-report loss.txt
cat loss.txt
unzip -p out.qdpx 'sources/BBBBBBBB-*'
unzip -p out.qdpx project.qde > one.qde
grep -c 'Ouder 1\|Verloskundige 2\|Fatima' one.qde
qcode -p new.db refi import out.qdpx > /dev/null
sqlite3 new.db "SELECT k.name, substr(s.text, c.start_cp + 1, c.end_cp - c.start_cp)
  FROM codings c JOIN codes k ON k.id = c.code_id JOIN sources s
  ON s.id = c.source_id ORDER BY c.guid"
qcode export qdpx -o again.qdpx > /dev/null
unzip -p again.qdpx project.qde | cmp - one.qde && echo "same GUIDs, same file"
qcode export qdpx -o real.qdpx --real-names
unzip -p real.qdpx 'sources/*' | grep -c Fatima
qcode log --limit 2 | sed "s/2026-[^ ]* *//"
