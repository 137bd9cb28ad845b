# freq and cooc over the demo-like project, as table, TSV, CSV and JSON.
qcode init >/dev/null
cd "$EX/transcripts"
qcode -p "$OLDPWD/qcode.db" import focusgroep-ouders-tanthof.txt focusgroep-professionals.md observatie-huisbezoek-voorhof.txt >/dev/null
qcode -p "$OLDPWD/qcode.db" import interview-jgz.vtt interview-kraamzorg.srt --kind interview --role "Karin de Vries=JGZ" --role Lotte=kraamzorg >/dev/null
cd "$OLDPWD"
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode autocode >/dev/null
qcode accept all >/dev/null
qcode freq
qcode freq --by theme
qcode freq --by role --kind focus-group --csv | head -n 5
qcode freq --by source --json | head -c 200; echo
qcode freq --by colour; echo "exit $?"
qcode cooc --codes vertrouwen,continuiteit,stigma,normaliseren,vraag-en-behoefte
qcode cooc --codes stigma,normaliseren --tsv
qcode cooc --codes stigma,normaliseren --json
