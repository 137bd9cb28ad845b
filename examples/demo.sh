#!/bin/sh
# make demo: a demo project from examples/, coded and reported.
set -e
qcode=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$root/reports/out"
db="$root/reports/out/demo.db"
rm -f "$db" "$db-wal" "$db-shm"
q() { echo "\$ qcode $*"; "$qcode" -p "$db" "$@"; }
# the codings and memos of the demo are a (fictional) researcher's
QCODE_CODER=${QCODE_CODER:-onderzoeker-a}
export QCODE_CODER

q init --title "Een goede start voor iedereen" --lang nl
# demo: import
cd "$root/examples/transcripts"
q import focusgroep-ouders-tanthof.txt focusgroep-professionals.md \
	observatie-huisbezoek-voorhof.txt
q import interview-jgz.vtt interview-kraamzorg.srt \
	interview-verloskundige.docx --kind interview \
	--role "Karin de Vries=JGZ" --role "Lotte=kraamzorg" \
	--role "Verloskundige=verloskundige" --role "Interviewer=onderzoeker"
q sources
q participants S2

# demo: search
q search 'vertrouw*' --limit 5
q search '"warme overdracht"' --order doc --limit 3
q search één --exact --limit 3
q search --regex '(?i)kwetsba\w+' --count
q search '"warme overdracht"' --order doc --limit 3
q hits --context 4

# demo: codebook
q codebook load "$root/codebooks/phb-delft.yaml"

# demo: coding
q autocode
q accept all
q search '"warme overdracht"' --order doc --limit 3
q tag samenwerking-relaties hits 1-3
q tag actie-kennismaking-jgz S4:2 --memo "kennismaking tijdens de zwangerschap"
q memo add project "Het leer- en ontwikkelteam kwam elf keer bijeen; elke bijeenkomst was een leercyclus."
q memo add project "Ouders en professionals leerden elkaars taal spreken; het LOT werd een plek om te experimenteren."
q memo add stigma "Bespreken: welke woorden gebruiken we in de uitnodigingsbrief?"
q codes
q freq --by theme

# demo: privacy
q pseudonymise
q participants S1
q redact --dry-run

# demo: report
q project set title "Een goede start voor iedereen"
q project set subtitle "Geleerde lessen uit het prenataal huisbezoek in Delft"
q project set period "2024–2025"
q project set partners "Gemeente Delft, jeugdgezondheidszorg, verloskundigen, kraamzorg en sociaal wijkteam"
q project set funder "Fictief fonds voor praktijkonderzoek"
q project set meetings 11
q project set question "Welke veranderingen in de samenwerking rond het prenataal huisbezoek verbeteren de hulp aan ouders in een kwetsbare situatie?"
q project set goal "Lessen, factoren en vaardigheden beschikbaar maken voor opleidingen en organisaties."
q project set recommendation "Creëer randvoorwaarden om samen te blijven leren en experimenteren."
q info
q report review -o "$root/reports/out/review.pdf"
q report codebook -o "$root/reports/out/codebook.pdf"
q report lessons -o "$root/reports/out/lessons-demo.pdf"
echo "$root/reports/out/lessons-demo.pdf"
