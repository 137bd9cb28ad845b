# Zoom .vtt: numbered cues, CRLF, "Name: text" on every cue; consecutive
# cues of one speaker are one turn.
qcode init >/dev/null
cp "$FIX/import/zoom.vtt" .
qcode import --kind interview zoom.vtt
qcode participants --real-names
qcode show S1 --from 2 --to 3 --real-names
sqlite3 qcode.db "SELECT ordinal, speaker, start_ms, end_ms FROM segments"
