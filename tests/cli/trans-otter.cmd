# Otter .txt: "Name  0:03" on a line (two spaces before the time), the
# text below, a blank line between turns.
qcode init >/dev/null
cp "$FIX/import/otter.txt" .
qcode import --kind interview otter.txt
qcode participants --real-names
sqlite3 qcode.db "SELECT ordinal, speaker, start_ms FROM segments"
qcode show S1 --from 3 --to 4 --real-names
