# The learning cycle beyond one project: sources linked to meetings (source
# set, import --meeting), the REPL, a copy for a coder and the merge back
# (by GUID, nothing twice), and the REFI-QDA export as notes.
qcode init >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode meeting add 2025-03-10 --title "Eerste LOT" --attendees "ouder=3" >/dev/null
qcode meeting add 2025-06-12 --title "Tweede LOT" >/dev/null
echo '## notes of a meeting belong to it'
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" --meeting M1 >/dev/null
qcode import "$EX/transcripts/observatie-huisbezoek-voorhof.txt" >/dev/null
qcode source set S2 --meeting M2
qcode meeting list --tsv | cut -f1,2
qcode meeting show M1 | grep sources
qcode meeting show M2 | grep sources
qcode source set S2 --meeting none >/dev/null
qcode meeting show M2 | grep -c sources
qcode source set S2 --meeting M9; echo "exit $?"
qcode import "$EX/transcripts/focusgroep-professionals.md" --meeting M9; echo "exit $?"
qcode sources | grep -c "^S"
echo '## in the REPL'
printf 'action add "Social media" --theme verbinding-ouders --meeting M1\naction set A1 --status trying --date 2025-04-01\naction evaluate A1 --meeting M2 "Werkt." --evidence S1:3\naction list\nmeeting show M9\naction list\n' | qcode
echo '## a copy for a coder, and back'
qcode review priority M1 stigma 4 >/dev/null
qcode clone -o anna.db --for-coder anna >/dev/null
QCODE_PROJECT=anna.db qcode meeting add 2025-09-20 --title "Derde LOT" --attendees "ouder=2,JGZ=1" --themes stigma >/dev/null
QCODE_PROJECT=anna.db qcode review note M3 stigma "Het woord helpt niemand." >/dev/null
QCODE_PROJECT=anna.db qcode action set A1 --status adopted --meeting M3 >/dev/null
QCODE_PROJECT=anna.db qcode action add "Wachtkamerschermen" --theme laagdrempelig-huisbezoek --meeting M3 >/dev/null
QCODE_PROJECT=anna.db qcode decision add M3 "Brieven herschrijven" --theme stigma --evidence S1:8 >/dev/null
QCODE_PROJECT=anna.db qcode lesson add "Samen leren kost tijd." --process --evidence S2:4 >/dev/null
# meanwhile here: another action, which keeps its number
qcode action add "Kennismaken met de JGZ" --theme samenwerking-relaties >/dev/null
qcode merge anna.db --dry-run
qcode action list --tsv | cut -f1,2
qcode merge anna.db
qcode merge anna.db --json
qcode meeting list --tsv | cut -f1-5
qcode action list --tsv | cut -f1,2,4
qcode action show A1 | tail -n 3
qcode decision list --tsv
qcode lesson list --tsv
qcode review list --tsv | cut -f1,3-
echo '## REFI-QDA: the cycle as notes on the project, codes and turns'
qcode export qdpx -o p.qdpx --loss-report loss.txt | tail -n 1
cat loss.txt
qcode refi check p.qdpx
mkdir x && cd x && unzip -q ../p.qdpx && cd ..
grep -o '<Note [^>]*name="[^"]*"' x/project.qde | sed 's/.*name="//; s/"$//' | sort
echo "notes on codes: $(grep -o '<Code [^>]*' x/project.qde | wc -l) codes, $(tr '<' '\n' < x/project.qde | grep -c '^NoteRef')  note references"
grep -l "Meer ouders\|Werkt." x/sources/*.txt | wc -l
