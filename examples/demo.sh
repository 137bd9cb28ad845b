#!/bin/sh
# make demo: a demo project from examples/, coded and reported.
set -e
qcode=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$root/reports/out"
db="$root/reports/out/demo.db"
rm -f "$db" "$db-wal" "$db-shm"
q() { echo "\$ qcode $*"; "$qcode" -p "$db" "$@"; }

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

# demo: report

q info
