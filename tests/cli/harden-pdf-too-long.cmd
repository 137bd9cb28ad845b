# A report longer than one PDF can hold (libharu's 32767 pages) is
# refused with exit 2 and no file, instead of crashing at page 32768.
qcode init >/dev/null
printf 'Interviewer: een vraag\nOuder 1: een antwoord\n' > a.txt
qcode import a.txt --kind interview >/dev/null
qcode code add thema >/dev/null
qcode code add lang --parent thema >/dev/null
qcode tag lang S1:2 >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
qcode tag lang S2:8 >/dev/null
# one fragment of 1.25 million short lines: 37 lines to an A5 page
sqlite3 qcode.db "UPDATE sources SET text = replace(hex(zeroblob(1250000)),
	'00', 'a' || char(10)) WHERE id = 1; UPDATE codings SET segment_id = NULL,
	start_cp = 0, end_cp = 2500000 WHERE source_id = 1"
printf 'page: A5\n' > a5.yaml
qcode report review -o r.pdf --template a5.yaml
echo "exit $?"
ls | grep -c '^r\.pdf'
echo '## not logged as written'
qcode log | grep -c "review report"
echo '## narrowed as the message says, it is written'
qcode report review -o r.pdf --template a5.yaml --kind focus-group
pdfinfo r.pdf | grep "^Pages:"
qcode log | grep -c "review report"
