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

# demo: the learning cycle (three meetings, four actions in different states)
q meeting add 2025-03-10 --title "Eerste LOT: wat gaat goed, wat kan beter?" \
	--attendees "ouder=3,verloskundige=2,JGZ=1,kraamzorg=1" --themes verbinding-ouders,stigma
q meeting add 2025-06-12 --title "Tweede LOT: samenwerking en overdracht" \
	--attendees "ouder=2,verloskundige=2,JGZ=2,sociaal wijkteam=1" --themes samenwerking-relaties
q meeting add 2025-09-18 --title "Derde LOT: het huisbezoek laagdrempelig maken" \
	--attendees "ouder=3,verloskundige=1,JGZ=2,kraamzorg=1" --themes laagdrempelig-huisbezoek
q source set S1 --meeting M1
q review note M1 stigma "Ouders schrikken van het woord kwetsbaar in de uitnodiging."
q review priority M1 stigma 5 --by ouder
q review priority M1 stigma 4 --by verloskundige
q review note M2 warme-overdracht "De overdracht gaat goed als professionals elkaar kennen."
q review priority M2 warme-overdracht 4 --by JGZ
q action add "Social media om ouders te bereiken en kennis over het PHB te vergroten" \
	--theme verbinding-ouders --code actie-sociale-media --meeting M1 --owner JGZ
q action add "Het PHB opnemen in het basiszorgpad voor geboorteprofessionals" \
	--theme laagdrempelig-huisbezoek --code actie-basiszorgpad --meeting M1 --owner verloskundige
q action add "Structurelere overdracht tussen verloskundige, kraamzorg en JGZ" \
	--theme samenwerking-relaties --meeting M2 --owner kraamzorg
q action add "Het PHB op informatieschermen in wachtkamers" --theme laagdrempelig-huisbezoek \
	--code actie-wachtkamer --meeting M2
q action set A1 --status trying --date 2025-04-01
q action set A2 --status trying --date 2025-04-20
q action evaluate A1 --meeting M2 "Meer ouders kennen het PHB; aanmeldingen via Instagram." --evidence S1:3
q action set A1 --status adopted --meeting M3
q action evaluate A2 --meeting M3 "Verloskundigen noemen het PHB nu standaard bij de intake." --evidence S4:2
q action set A3 --status trying --date 2025-07-01
q decision add M2 "Het woord kwetsbaar niet meer gebruiken in brieven en folders" --theme stigma --evidence S1:8
q decision add M3 "Elke bijeenkomst begint met een casus uit de praktijk"
q lesson add "Dit onderzoek volgde de praktijk, waardoor het aansloot bij wat deelnemers op dat moment belangrijk vonden." --process --meeting M3
q lesson add "Deelnemers leerden elkaar beter kennen en ontdekten gezamenlijke doelen; nieuwe samenwerking ontstond, ook buiten het LOT." --process
q lesson add "Het is de kunst deze beweging in gang te houden en anderen erbij te betrekken." --process
q meeting list
q action list
q action show A1

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
q report review -o "$root/reports/out/review-since.pdf" --since M2
q report cycle -o "$root/reports/out/cycle.pdf"
q report cycle -o "$root/reports/out/cycle-en.pdf" --lang en
echo "$root/reports/out/lessons-demo.pdf"
