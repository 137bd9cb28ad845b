# Auto-code suggestions: stored once, listed in context, accepted as codings.
qcode init >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode autocode stigma wisselende-gezichten
qcode autocode stigma wisselende-gezichten
qcode suggestions
qcode accept 1 3
qcode reject 2
qcode accept 2; echo "exit $?"
qcode accept 99; echo "exit $?"
qcode suggestions --all --tsv
qcode accept all
qcode suggestions
QCODE_CODER=anna qcode autocode
qcode codes | grep -e stigma -e wisselende
qcode coded stigma | head -n 6
