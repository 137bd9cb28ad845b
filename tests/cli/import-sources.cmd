# source set, source rm (with the audit log), participant set.
qcode init >/dev/null
T="$EX/transcripts"
qcode import "$T/focusgroep-ouders-tanthof.txt" "$T/observatie-huisbezoek-voorhof.txt" >/dev/null
qcode source set S2 --title "Huisbezoek Voorhof" --attr wijk=Voorhof --date 2025-05-21
qcode source set S9 --title x; echo "exit $?"
qcode source set S2; echo "exit $?"
qcode sources --kind observation
qcode participant set S1 Fatima --pseudonym "Ouder 1"
qcode participant set S1 Nobody --role ouder; echo "exit $?"
qcode show S1 --to 3
qcode show S1 --to 1 --real-names
qcode source rm S2 --purge
qcode sources
qcode log | cut -f3- -d' ' | sed 's/^ *//'
