# Names at scale and in any order: import --redact with 20,000 names to
# redact (one hash table, no giant alternation), the same stored text
# whatever the order of the files, labels with a number, possible names
# dismissed, and without word lists more words are possible names.
O="$FIX/privacy/order"
qcode init >/dev/null
echo "## 20,000 names"
sqlite3 qcode.db "WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 19999) INSERT INTO redact_names SELECT 'Na' || char(97 + i % 26) || char(97 + i / 26 % 26) || char(97 + i / 676 % 26) || ' Ve' || char(97 + i / 17576 % 26) || char(97 + i % 7) FROM c"
sqlite3 qcode.db "SELECT count(*) FROM redact_names"
printf 'Interviewer: Kent u Nabcd Vebb of nazzz?\nOuder: Ja, Naqrs ken ik, en Vebb ook.\n' > many.txt
qcode import --redact many.txt --kind interview | tail -n 1
sqlite3 qcode.db "SELECT text FROM segments ORDER BY id"
echo "## the order of the files does not matter"
qcode -p ab.db init >/dev/null
qcode -p ba.db init >/dev/null
(cd "$O" && qcode -p "$OLDPWD/ab.db" import --redact a.txt b.txt --kind interview >/dev/null && qcode -p "$OLDPWD/ba.db" import --redact b.txt a.txt --kind interview >/dev/null)
sqlite3 ab.db "SELECT s.title, g.text FROM segments g JOIN sources s ON s.id = g.source_id ORDER BY s.title, g.ordinal" > ab.txt
sqlite3 ba.db "SELECT s.title, g.text FROM segments g JOIN sources s ON s.id = g.source_id ORDER BY s.title, g.ordinal" > ba.txt
cmp ab.txt ba.txt && cat ab.txt
echo "## possible names: listed, dismissed, and more of them without word lists"
qcode -p c.db init >/dev/null
printf 'Interviewer: Hoe was het?\nOuder: Mevrouw Okonkwo kwam, en Yara ook. De Kraamzorg belde.\n' > c.txt
qcode -p c.db import c.txt --kind interview >/dev/null
qcode -p c.db redact --dry-run
qcode -p c.db redact name ignore Yara
qcode -p c.db redact name ignored
qcode -p c.db redact --dry-run --tsv | cut -f 2,3
QCODE_WORDLISTS=/nonexistent qcode -p c.db redact --dry-run --tsv | cut -f 2,3
qcode -p c.db redact name unignore Yara
qcode -p c.db redact name ignore; echo "exit $?"
echo "## the redaction report marks what it found with « », not **"
qcode -p c.db redact --report r.pdf >/dev/null
pdftotext -q r.pdf - | grep -c '\*\*'
pdftotext -q r.pdf - | grep -c '«Okonkwo»'
