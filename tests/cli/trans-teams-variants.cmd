# Teams .docx in its other layouts (tests/fixtures/import/teams_variants.py):
# the speaker line and the text in one paragraph split by a line break, and
# the older time range / speaker / text paragraphs. Both give the turns the
# .vtt of the same meeting would: three, two speakers, times from the
# speaker line or the range's start; the header is the title, no turn.
qcode init >/dev/null
python3 "$FIX/import/teams_variants.py" .
qcode import --kind focus-group teams-br.docx teams-2020.docx
qcode show S1 --real-names
qcode show S2 --real-names
sqlite3 qcode.db "SELECT title FROM sources ORDER BY id"
