# Microsoft Teams: .vtt with cue ids GUID/n-0 and <v Last, First> voices on
# every cue; .docx with title, date, duration and transcription notes, then
# "Last, First   m:ss" and the text in the paragraph below.
qcode init >/dev/null
cp "$FIX/import/teams.vtt" "$FIX/import/teams.docx" .
qcode import --kind interview teams.vtt
qcode import --kind interview --force teams.docx
qcode sources
qcode participants --real-names
sqlite3 qcode.db "SELECT count(*) FROM segments WHERE speaker IS NULL"
qcode show S1 --to 2 --real-names
qcode show S2 --to 2 --real-names
echo '## both files give the same turns and times'
sqlite3 qcode.db "SELECT count(*) FROM segments a JOIN segments b ON
  a.source_id = 1 AND b.source_id = 2 AND a.ordinal = b.ordinal
  AND a.text = b.text AND a.speaker = b.speaker
  AND a.start_ms / 1000 = b.start_ms / 1000"
echo '## header and notes are no text of a turn'
sqlite3 qcode.db "SELECT count(*) FROM segments WHERE text LIKE '%transcription%'
  OR text LIKE '%3m 15s%' OR text LIKE '%14 mei%'"
