# Three coders end to end: blind copies, each coded apart, merged back
# (one of them through a REFI-QDA export), then agreement for all three.
qcode init >/dev/null
T="$EX/transcripts"
qcode import "$T/focusgroep-ouders-tanthof.txt" "$T/focusgroep-professionals.md" "$T/observatie-huisbezoek-voorhof.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode pseudonymise >/dev/null
for c in anna ben chris; do qcode clone -o $c.db --for-coder $c --blind; done
qcode clone -o dora.db --for-coder dora --sources S1,S3 --blind
echo "## the copies keep sources, codes and GUIDs"
guids() { sqlite3 "$1" "SELECT guid FROM sources WHERE id IN (1, 3) ORDER BY id; SELECT guid FROM codes ORDER BY id; SELECT guid FROM participants WHERE source_id IN (1, 3) ORDER BY id"; }
guids qcode.db > g0
for f in anna.db dora.db; do guids $f | cmp -s - g0 && echo "$f: the same GUIDs" || echo "$f: other GUIDs"; done
sqlite3 dora.db "SELECT 'S' || id FROM sources ORDER BY id"
QCODE_CODER=anna qcode -p anna.db tag vertrouwen S1:2 S1:3 S1:9 S2:3 >/dev/null
QCODE_CODER=anna qcode -p anna.db tag stigma S1:8 S1:9 >/dev/null
QCODE_CODER=anna qcode -p anna.db memo add vertrouwen "Anna: ook continuiteit." >/dev/null
QCODE_CODER=ben qcode -p ben.db tag vertrouwen S1:2 S1:3 S2:3 S3:2 >/dev/null
QCODE_CODER=ben qcode -p ben.db tag stigma S1:8 >/dev/null
QCODE_CODER=chris qcode -p chris.db tag vertrouwen S1:2 S1:9 S2:3 >/dev/null
QCODE_CODER=chris qcode -p chris.db tag stigma S1:8 S1:9 S2:4 >/dev/null
echo "## blind: ben sees none of anna's work"
sqlite3 ben.db "SELECT count(*) FROM codings c JOIN coders u ON u.id = c.coder_id WHERE u.name = 'anna'"
QCODE_CODER=chris qcode -p chris.db export qdpx -o chris.qdpx --real-names >/dev/null
qcode merge anna.db
qcode merge ben.db --dry-run
qcode merge ben.db
qcode merge chris.qdpx
qcode merge chris.qdpx
qcode merge anna.db
echo "## codings per coder"
sqlite3 qcode.db "SELECT u.name, count(*) FROM codings c JOIN coders u ON u.id = c.coder_id GROUP BY 1 ORDER BY 1"
qcode memo list vertrouwen | cut -c1-24
echo "## agreement"
qcode agreement --coders anna,ben,chris
qcode agreement --coders anna,ben,chris --by coder-pair --csv
qcode agreement --coders anna,ben,chris --by source --json
qcode agreement --coders anna,ben,chris --unit char --codes vertrouwen --tsv
qcode agreement --coders anna,ben,chris --codes wisselende-gezichten
qcode disagreements stigma --coders anna,chris --context 6
qcode report agreement -o three.pdf --coders anna,ben,chris
pdftotext -q three.pdf - | grep -c "Ouder\|Onderzoeker"
pdftotext -q three.pdf - | grep -c "Fatima\|Sanne\|Priya" 
echo "## one coder"
qcode agreement --coders anna; echo "exit $?"
echo "## the report lists the disagreements of every pair"
pdftotext -q three.pdf - | grep -o 'alleen [a-z]* (niet [a-z]*)' | sort | uniq -c
echo "## unitized alpha at --unit char"
qcode agreement --coders anna,ben,chris --unit char
qcode agreement --coders anna,ben,chris --unit char --by source --json
qcode agreement --coders anna,ben,chris --unit char --by coder-pair --csv
qcode agreement --coders anna,ben,chris --unit char --codes wisselende-gezichten,stigma
qcode agreement --coders anna,ben --unit char --sources S1 --codes stigma
qcode agreement --coders anna --unit char; echo "exit $?"
qcode report agreement -o char.pdf --coders anna,ben,chris --unit char
pdftotext -q char.pdf - | grep -E "αu|tekens" | sort -u
