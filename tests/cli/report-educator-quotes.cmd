# Quotes an educator trusts (issue: reports an educator trusts, points
# 1-5): over a coded project where interviewers speak half the turns, two
# lessons share codings, and a turn has a span and the whole coded by two
# coders.
. "$FIX/report/setup.sh"
echo "## the quotes each factor would show"
qcode report lessons --list-quotes | head -n 1
qcode --json report lessons --list-quotes > q.json
python3 - <<'PY'
import json
q = json.load(open("q.json"))
print(len(q), "quotes")
refs = [x["ref"] for x in q]
print("each fragment once:", len(refs) == len(set(refs)))
print("interviewers or moderators quoted:", sum(1 for x in q if "Interviewer" in x["who"] or "Gespreksleider" in x["who"]))
for x in q:
    t = x["quote"]
    words = len(t.split())
    end = t.rstrip("”’\"'")[-1:]
    print(x["factor"], x["ref"], "#%d" % x["coding"], words, "words,",
          "ends a sentence" if end in ".!?…" else "CUT", "|", x["who"])
    assert "[naam] op [telefoonnummer]" not in t
PY
echo "## the researcher chooses: pin and exclude"
qcode quote pin 15
qcode quote exclude 5
qcode --json report lessons --list-quotes | python3 -c '
import json, sys
for x in json.load(sys.stdin):
    print(x["factor"], x["ref"], "#%d" % x["coding"], "pinned" if x["pinned"] else "")'
qcode --json log --limit 2 | python3 -c '
import json, sys
for x in json.load(sys.stdin): print(x["command"], x["detail"])' 
qcode quote clear 15 5
qcode tag stigma S1:4 --exemplar
qcode --json report lessons --list-quotes | python3 -c '
import json, sys
print([(x["factor"], x["ref"], x["pinned"]) for x in json.load(sys.stdin) if x["factor"] in ("stigma", "vertrouwen")])'
echo "## errors"
qcode quote pin 999; echo "exit $?"
qcode quote exclude x; echo "exit $?"
qcode quote pin; echo "exit $?"
echo "## the PDF: whole sentences, no doubled marks, field notes by date"
qcode report lessons -o l.pdf
pdftotext -q l.pdf l.txt
grep -c "Interviewer\|Gespreksleider" l.txt
grep -c "”””\|””" l.txt
grep -F "observatie, 2025-06-03" l.txt
grep -F "zelfs: ‘Jij hebt geluk met zo'n team.’”" l.txt
grep -F "Ouder 1, interview" l.txt | sort | uniq -c | sed 's/^ *//'
echo "## who is research staff is the project's to say"
qcode project set research-roles "interviewer, gespreksleider, ouder" >/dev/null
qcode --json report lessons --list-quotes | python3 -c '
import json, sys
print(sorted({x["who"] for x in json.load(sys.stdin)}))'
