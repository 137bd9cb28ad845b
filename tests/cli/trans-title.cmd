# A first line without a label, followed by labelled turns, is the title
# and not a turn; field notes without labels stay paragraphs.
qcode init >/dev/null
cp "$FIX/import/bijeenkomst-ontwikkelteam.txt" .
qcode import --kind focus-group bijeenkomst-ontwikkelteam.txt
qcode sources
qcode show S1 --from 1 --to 1 --real-names
sqlite3 qcode.db "SELECT count(*) FROM segments WHERE speaker IS NULL"
qcode participants --real-names
echo '## --title still wins'
qcode import --kind focus-group --force --title "Ontwikkelteam (2)" \
	bijeenkomst-ontwikkelteam.txt >/dev/null
qcode sources --tsv | cut -f1,3,5
echo '## field notes: the first line is a paragraph like the rest'
printf 'Bezoek gezin Voorhof\n\n[09:15] We komen aan.\n\n[09:40] Koffie.\n' > notities.txt
qcode import --kind observation notities.txt
qcode show S3 --to 1
echo '## a title from the file is redacted with the text'
printf 'Gesprek met Ingrid Vermeulen\n\nInterviewer: Dag Ingrid Vermeulen.\nIngrid Vermeulen: Dag.\n' > gesprek.txt
qcode import --kind interview --redact gesprek.txt >/dev/null
qcode sources --tsv | cut -f1,3 | tail -n 1
qcode show S4 --to 1
