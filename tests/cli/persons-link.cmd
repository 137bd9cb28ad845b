# One person, one pseudonym: "Priya" in a focus group and "Priya Ramdin"
# in a chain meeting are linked as one person; her pseudonym is used for
# both labels and wherever either name is mentioned, in every source.
qcode init >/dev/null
cat > fg.txt <<'T'
---
kind: focus-group
title: Focusgroep
roles:
  Moderator: onderzoeker
  Priya: ouder
  Sanne: ouder
---
Moderator: Welkom. Wie begint?
Priya: Ik had bijna afgezegd.
Sanne: Priya zei dat al eerder tegen mij.
T
cat > keten.txt <<'T'
---
kind: focus-group
title: Ketenoverleg
roles:
  Marieke: verloskundige
  Priya Ramdin: ouder
---
Marieke: Priya Ramdin is vandaag ook aangeschoven.
Priya Ramdin: Dank je. Ik vertel wat ik in de focusgroep ook zei.
Marieke: Dank je Priya, dat helpt.
T
qcode import fg.txt keten.txt >/dev/null
qcode pseudonymise
echo "## before: two pseudonyms"
qcode show S2 --redacted
qcode participant link S1 Priya S2 "Priya Ramdin"
echo "## after: one"
qcode participants
qcode show S2 --redacted
qcode show S1 --redacted
qcode persons
qcode person show P2
qcode person show P2 --json
echo "## a new run of pseudonymise keeps one pseudonym per person"
qcode pseudonymise --redo
qcode persons --csv
echo "## the person's pseudonym, set once, is every participant's"
qcode person set P2 --pseudonym "Moeder A"
qcode participants --csv
echo "## unlink"
qcode participant unlink S2 "Priya Ramdin"
qcode persons --tsv
echo "## errors"
qcode participant link S1 Priya S2
echo "exit $?"
qcode participant link S1 Priya S2 Nobody
echo "exit $?"
qcode participant link S1 Priya S9 Nobody
echo "exit $?"
qcode person show P99
echo "exit $?"
qcode participant unlink S1 Sanne
echo "exit $?"
qcode log --limit 3
echo "## coded fragments as one web page: in their turns, redacted, logged"
qcode participant link S1 Priya S2 "Priya Ramdin" >/dev/null
qcode code add Aanwezig --id aanwezig >/dev/null
qcode tag aanwezig "S2:1@0-12" S2:3 S1:3 >/dev/null
qcode coded aanwezig --html page.html
cat page.html
grep -c -i -e priya -e ramdin -e '<script' -e 'http' page.html
qcode coded aanwezig --html page.txt
echo "exit $?"
qcode log --limit 1
echo "## a purged source takes its label out of the person's name"
qcode persons --real-names --csv
qcode source rm S1 --purge
qcode persons --real-names --csv
