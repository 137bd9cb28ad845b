# Amberscript: "Spreker 1" and its time on lines of their own, the text
# below; in the .txt the time follows the label, in the .docx it comes
# first and the label is bold.
qcode init >/dev/null
cp "$FIX/import/amberscript.txt" "$FIX/import/amberscript.docx" .
qcode import --kind interview amberscript.txt
qcode import --kind interview --force amberscript.docx
qcode participants --real-names
sqlite3 qcode.db "SELECT source_id, ordinal, speaker, start_ms FROM segments
  WHERE ordinal <= 3 ORDER BY source_id, ordinal"
qcode show S1 --to 1 --real-names
echo '## the same text in both'
sqlite3 qcode.db "SELECT count(*) FROM segments a JOIN segments b ON
  a.source_id = 1 AND b.source_id = 2 AND a.ordinal = b.ordinal
  AND a.text = b.text AND a.speaker = b.speaker"
