# Memos for me, the team or the report (point 8) and the review sheet's
# memos and marked spans (point 9, without --since).
. "$FIX/report/setup.sh"
echo "## memo list: every memo with its audience, tag --memo's too"
qcode memo list
qcode --json memo list | python3 -c 'import json, sys; print(sorted({m["for"] for m in json.load(sys.stdin)}))'
qcode memo add project "x" --for everyone; echo "exit $?"
echo "## the lessons report: only memos for the report"
qcode report lessons -o l.pdf >/dev/null
pdftotext -q l.pdf l.txt
grep -A2 "^Lessen over het proces" l.txt
grep -c "Volgende keer de brief\|Privé" l.txt
echo "## a code's memo for the report is its finding"
grep -F "Een telefoontje bij de overdracht" l.txt
echo "## the review sheet: memos for the team with their fragment"
qcode report review -o r.pdf
pdftotext -q r.pdf r.txt
grep -F "Memo:" r.txt
grep -c "Privé\|kern van de warme overdracht" r.txt
echo "## a span inside its turn is highlighted: the fill behind the words"
python3 - <<'PY'
import re, subprocess
raw = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", "r.pdf", "-"],
                     capture_output=True).stdout.decode("latin-1")
# the highlight's colour, as a fill, once per marked line
print("highlighted:", len(re.findall(r"1 0\.91 0\.55 rg", raw)) > 0)
PY
