# The surprises found in use, each fixed:
# accept --code with numbers of another code is refused (nothing accepted);
# one number-list syntax (1,3-7 or 1 3-7) for accept, reject and tag hits;
# suggestions --all says each one's status; autocode does not suggest a
# match its code already covers; speaker: finds a speaker by pseudonym as
# well as by label; a hit codes its turn, --span the matched words; two
# files imported with one refused say it in one line.
qcode init >/dev/null
cat > a.txt <<'X'
Karin de Vries: Ik vertrouw de verloskundige, echt vertrouwen.
Moeder: De zorg was goed, ik had vertrouwen in haar.
Karin de Vries: Over zorg wil ik nog iets zeggen.
X
: > empty.txt
echo "## import: one line per refused file"
qcode import a.txt empty.txt --kind interview; echo "exit $?"
cat > cb.yaml <<'X'
title: t
codes:
- id: vertrouwen
  name: Vertrouwen
  patterns: ['(?i)\bvertrouw\w*']
- id: zorg
  name: Zorg
  patterns: ['(?i)\bzorg\b']
X
qcode codebook load cb.yaml >/dev/null
qcode tag vertrouwen S1:2 >/dev/null
echo "## autocode: nothing where vertrouwen already codes S1:2"
qcode autocode
qcode suggestions
echo "## accept --code: a number of another code is refused"
qcode accept 1 --code zorg; echo "exit $?"
qcode suggestions | wc -l
echo "## one list syntax"
qcode accept 1,2; echo "exit $?"
qcode reject 3 4; echo "exit $?"
qcode accept 1-x; echo "exit $?"
echo "## suggestions --all: status"
qcode suggestions --all
echo "## speaker: by label and by pseudonym"
qcode participant set S1 "Karin de Vries" --pseudonym "Ouder 1" >/dev/null
qcode search 'speaker:"Ouder 1" zorg'
qcode search 'speaker:karin zorg'
qcode search 'speaker:"Ouder 1"' --count | head -n 3
echo "## tag hits: the turn, --span the words"
qcode search zorg >/dev/null
qcode tag zorg hits 1 2 >/dev/null
qcode untag zorg S1:2 S1:3 >/dev/null
qcode tag zorg hits 1,2 --span
qcode coded zorg --tsv
