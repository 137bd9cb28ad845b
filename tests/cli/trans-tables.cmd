# A transcript written as a table (tests/fixtures/import/table_transcripts.py):
# time, speaker and text columns (AWS Transcribe to Word) or speaker and
# text (a typist) become turns with their speakers and times; the header
# row is no turn. A table that is no transcript stays cells joined by " | ".
qcode init >/dev/null
python3 "$FIX/import/table_transcripts.py" .
qcode import --kind interview aws-table.docx typist.docx agenda.docx
qcode show S1 --real-names
qcode show S2 --real-names
qcode show S3 --real-names
