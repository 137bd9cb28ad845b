# Blinded copies for two coders, their work merged back, agreement and
# disagreements, the agreement report.
qcode init >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" "$EX/transcripts/focusgroep-professionals.md" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode tag vertrouwen S1:2 >/dev/null
qcode clone -o anna.db --for-coder anna --blind
qcode clone -o ben.db --for-coder ben --sources S1 --blind
qcode clone -o anna.db --for-coder anna; echo "exit $?"
stat -c %a anna.db
sqlite3 anna.db "SELECT count(*) FROM codings; SELECT count(*) FROM audit"
sqlite3 ben.db "SELECT count(*) FROM sources"
QCODE_CODER=anna qcode -p anna.db autocode stigma vertrouwen wisselende-gezichten >/dev/null
QCODE_CODER=anna qcode -p anna.db accept all
QCODE_CODER=ben qcode -p ben.db autocode stigma vertrouwen >/dev/null
QCODE_CODER=ben qcode -p ben.db accept 1-3
QCODE_CODER=ben qcode -p ben.db tag vertrouwen S1:3 S1:5 >/dev/null
QCODE_CODER=ben qcode -p ben.db memo add stigma "Ben: eens met de definitie." >/dev/null
qcode merge anna.db --dry-run
qcode info --json | sed 's/.*"codings": \([0-9]*\).*/codings: \1/'
qcode merge anna.db
qcode merge ben.db
qcode merge ben.db
qcode memo list stigma | head -n 1 | cut -c1-20
qcode agreement --coders anna,ben --sources S1
qcode agreement --coders anna,ben --sources S1 --by coder-pair --unit char --json
qcode agreement --coders anna,ben --codes stigma --unit sentence --csv
qcode disagreements vertrouwen --coders anna,ben --context 8
qcode report agreement -o ag.pdf --coders anna,ben --sources S1
pdftotext -q ag.pdf - | grep -E "^Overeenstemming|^Waar codeurs|Krippendorffs" | sort -u
pdftotext -q ag.pdf - | grep -c "Fatima\|Sanne\|Priya\|Jeroen"
echo '## errors'
qcode agreement --coders anna,nobody; echo "exit $?"
qcode agreement --unit word; echo "exit $?"
qcode merge missing.db; echo "exit $?"
(cd "$ROOT" && qcode -p "$OLDPWD/qcode.db" merge README.md); echo "exit $?"
