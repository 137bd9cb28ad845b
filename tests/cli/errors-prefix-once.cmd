# The dispatcher names the failing command once; the messages of the
# modules below it never name a command themselves.
qcode init >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode tag vertrouwen S1:2 S1:3 >/dev/null
echo "## agreement data with one coder"
qcode agreement; echo "exit $?"
qcode report agreement -o a.pdf; echo "exit $?"
qcode disagreements vertrouwen; echo "exit $?"
ls a.pdf 2>/dev/null
echo "## the project file under init and a REFI export"
qcode init; echo "exit $?"
qcode export qdc -o missing/dir/x.qdc; echo "exit $?"
