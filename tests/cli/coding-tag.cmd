# Tagging by segment, range, span and hits; no-op repeats; errors change nothing.
qcode init >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" "$EX/transcripts/focusgroep-professionals.md" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode tag vertrouwen S1:2
qcode tag vertrouwen S1:2
qcode tag stigma S1:8-9 --memo "het woord kwetsbaar"
qcode tag continuiteit S1:3@0-30
qcode search '"warme overdracht"' --order doc
qcode tag samenwerking-relaties hits 1-3
qcode coded samenwerking-relaties
qcode coded continuiteit
qcode coded stigma --tsv
echo '## errors'
qcode tag nope S1:2; echo "exit $?"
qcode tag vertrouwen S9:1; echo "exit $?"
qcode tag vertrouwen S1:99; echo "exit $?"
qcode tag vertrouwen S1:2@5-900; echo "exit $?"
qcode tag vertrouwen S1-2; echo "exit $?"
qcode tag vertrouwen hits 7; echo "exit $?"
qcode tag vertrouwen S1:5 S1:99; echo "exit $?"
qcode info --json | sed 's/.*"codings": \([0-9]*\).*/codings: \1/'
qcode untag stigma S1:9
qcode untag stigma S1:9
qcode coded stigma --json
