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

# demo: coding

# demo: privacy

# demo: report

q info
