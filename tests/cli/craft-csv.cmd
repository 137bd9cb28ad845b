# Every list command takes --csv beside --json, written by the one RFC 4180
# cell writer: a value with a comma, a quote or a line break is quoted,
# quotes doubled. Every command that takes --tsv takes --csv too.
qcode init >/dev/null
printf -- '---\ntitle: "Wijk, \\"Tanthof\\""\n---\nMoeder: ik vertrouw haar, "echt"\nVader: zorg\n' > a.txt
qcode import a.txt --kind interview --csv
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode autocode >/dev/null
qcode tag vertrouwen S1:1 >/dev/null
QCODE_CODER=anna qcode tag vertrouwen S1:1 S1:2 >/dev/null
qcode memo add S1:1 'een memo, met "komma"' >/dev/null
for c in "sources" "participants" "search vertrouw" "hits" "suggestions --all --context 3" \
	"coded vertrouwen" "freq" "cooc --codes vertrouwen,continuiteit" \
	"memo list" "redact --dry-run" "agreement --codes vertrouwen" \
	"disagreements vertrouwen --coders tester,anna"; do
	echo "## $c --csv"
	qcode $c --csv | sed 's/20[0-9][0-9]-[0-9T:-]*Z/TIME/g'
done
echo "## log --csv"
qcode log --csv --limit 2 | sed 's/20[0-9][0-9]-[0-9T:-]*Z/TIME/g'
echo "## commands with --tsv but no --csv"
n=0
qcode help --json | sed -n 's/.*"name": "\([^"]*\)".*/\1/p' | while read -r c; do
	h=$(qcode help $c --json)
	case "$h" in *'"--tsv"'*) case "$h" in *'"--csv"'*) ;; *) echo "$c";; esac;; esac
done
echo "(end)"
echo "commands with --csv: $(qcode help --json | sed -n 's/.*"name": "\([^"]*\)".*/\1/p' | while read -r c; do qcode help $c --json | grep -c '"--csv"'; done | grep -c 1)"
