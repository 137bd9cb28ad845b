# The learning cycle's commands: meetings, the team's notes and
# priorities, actions with their steps, decisions and lessons; --json and
# --csv (GUIDs masked: they are random); every refusal with its message and exit code.
qcode init >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
echo '## meetings'
qcode meeting list
qcode meeting add 2025-03-10 --title "Eerste LOT" --attendees "ouder=3, verloskundige=2,JGZ=1" --themes verbinding-ouders,stigma
qcode meeting add 2025-06-12 --title "Tweede LOT" --attendees "ouder=2,kraamzorg=1"
qcode meeting add 2025-09-20 --title "Derde LOT" --json
qcode meeting set M3 --themes laagdrempelig-huisbezoek --attendees "ouder=4"
qcode meeting list
qcode meeting list --csv
echo '## meeting errors'
qcode meeting add 2026-02-01 --title "Te vroeg"; echo "exit $?"
qcode meeting add 2025-02-30 --title "Geen dag"; echo "exit $?"
qcode meeting add 2025-03-10; echo "exit $?"
qcode meeting add 2025-03-10 --title ""; echo "exit $?"
qcode meeting add 2025-03-10 --title X --attendees "ouder"; echo "exit $?"
qcode meeting add 2025-03-10 --title X --attendees "ouder=0"; echo "exit $?"
qcode meeting add 2025-03-10 --title X --attendees "ouder=1,ouder=2"; echo "exit $?"
qcode meeting add 2025-03-10 --title X --themes nope; echo "exit $?"
qcode meeting set M9 --title X; echo "exit $?"
qcode meeting set X1 --title X; echo "exit $?"
qcode meeting set M1; echo "exit $?"
qcode meeting show M0; echo "exit $?"
qcode meeting list | grep -c "^M"
echo '## the team on themes'
qcode review note M1 stigma "Ouders willen niet 'kwetsbaar' genoemd worden."
qcode review priority M1 stigma 5 --by ouder
qcode review priority M1 stigma 4 --by verloskundige
qcode review priority M2 vertrouwen 3 --json
qcode review note M2 samenwerking-relaties "Warme overdracht werkt als men elkaar kent."
qcode review list
qcode review list --theme stigma --tsv
qcode review priority M1 stigma 6; echo "exit $?"
qcode review priority M1 stigma two; echo "exit $?"
qcode review note M7 stigma "x"; echo "exit $?"
qcode review note M1 nope "x"; echo "exit $?"
qcode review note M1 stigma ""; echo "exit $?"
echo '## actions'
qcode action add "Social media om ouders te bereiken" --theme verbinding-ouders --code actie-sociale-media --meeting M1 --owner JGZ
qcode action add "PHB in het basiszorgpad" --theme laagdrempelig-huisbezoek --meeting M1
qcode action add "Warme overdracht tussen verloskundige, kraamzorg en JGZ" --theme samenwerking-relaties --meeting M2
qcode action add "Informatieschermen in wachtkamers" --theme laagdrempelig-huisbezoek --date 2025-07-01 --json
qcode action set A1 --status trying --date 2025-04-01
qcode action set A2 --status trying --date 2025-04-15
qcode action evaluate A1 --meeting M2 "Meer ouders melden zich aan via Instagram." --evidence S1:3 --evidence S1:8-9
qcode action set A1 --status adopted --meeting M3
qcode action evaluate A2 --meeting M3 "Verloskundigen noemen het PHB nu standaard." --json
qcode action set A3 --status trying --date 2025-07-01
qcode action set A4 --status dropped --date 2025-08-01 --owner gemeente
qcode action list
qcode action list --status trying
qcode action list --theme laagdrempelig-huisbezoek --csv
qcode action list --theme actie-sociale-media
qcode action show A1
qcode action show A2 --json | sed -E 's/"guid": "[0-9A-F-]{36}"/"guid": "GUID"/'
echo '## action errors'
qcode action add "x"; echo "exit $?"
qcode action add "" --theme stigma; echo "exit $?"
qcode action add "x" --theme nope; echo "exit $?"
qcode action add "x" --theme stigma --meeting M9; echo "exit $?"
qcode action add "x" --theme stigma --date 2026-03-01; echo "exit $?"
qcode action add "x" --theme stigma --code nope; echo "exit $?"
qcode action set A3 --status adopted; echo "exit $?"
qcode action set A3 --status evaluated; echo "exit $?"
qcode action set A3 --status trying; echo "exit $?"
qcode action set A3 --status done; echo "exit $?"
qcode action set A3 --status dropped --date 2025-06-30; echo "exit $?"
qcode action set A3 --status dropped --date 2026-06-30; echo "exit $?"
qcode action set A3 --meeting M2; echo "exit $?"
qcode action set A3; echo "exit $?"
qcode action set A99 --status trying; echo "exit $?"
qcode action set 3 --status trying; echo "exit $?"
qcode action evaluate A3 "x"; echo "exit $?"
qcode action evaluate A3 --meeting M3 "x" --evidence S1; echo "exit $?"
qcode action evaluate A3 --meeting M3 "x" --evidence S1:999; echo "exit $?"
qcode action evaluate A3 --meeting M3 "x" --evidence S9:1; echo "exit $?"
qcode action add "Nog niet geprobeerd" --theme stigma >/dev/null
qcode action evaluate A5 --meeting M3 "x"; echo "exit $?"
qcode action list --status done; echo "exit $?"
echo '## forced: a step skipped, and said'
qcode action set A5 --status adopted --force
qcode action show A5
qcode action rm A5
qcode action rm A5; echo "exit $?"
echo '## decisions and lessons'
qcode decision add M2 "Het woord kwetsbaar niet meer gebruiken in brieven" --theme stigma --evidence S1:8
qcode decision add M3 "Elke bijeenkomst begint met een casus"
qcode decision list
qcode decision list --meeting M3 --json
qcode lesson add "Het onderzoek volgde de praktijk." --process --meeting M3
qcode lesson add "Deelnemers leerden elkaar kennen; nieuwe samenwerking ontstond." --process --evidence S1:16
qcode lesson add "Niet over kwetsbaarheid spreken." --theme stigma
qcode lesson list
qcode decision add M9 "x"; echo "exit $?"
qcode decision add M1 "x" --evidence S1:0; echo "exit $?"
qcode lesson add "x"; echo "exit $?"
qcode lesson add "x" --process --theme stigma; echo "exit $?"
qcode decision rm D2
qcode decision rm D2; echo "exit $?"
qcode lesson rm L9; echo "exit $?"
qcode meeting show M2
qcode meeting show M1 --json | sed -E 's/"guid": "[0-9A-F-]{36}"/"guid": "GUID"/'
echo '## removing a meeting with notes needs --force'
qcode meeting rm M1; echo "exit $?"
qcode meeting rm M1 --force
qcode review list --meeting M1; echo "exit $?"
qcode action show A1 | head -n 5
echo '## every change is in the log'
qcode log --limit 80 | awk '{ print $4, $5 }' | grep -E "^(meeting|review|action|decision|lesson) " | sort | uniq -c
