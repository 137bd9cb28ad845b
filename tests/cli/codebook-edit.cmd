# code add, rename, move, merge, rm; every change in the audit log.
qcode init >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
qcode code add "Verbinding met ouders"
qcode code add "Vertrouwen" --parent verbinding-met-ouders --valence facilitating --definition "Vertrouwen tussen ouder en professional"
qcode code add "Zelfde persoon" --parent verbinding-met-ouders --valence facilitating --colour '#3C8D5A'
qcode code add "Vertrouwen"; echo "exit $?"
qcode code add "X" --valence great; echo "exit $?"
qcode tag vertrouwen S1:2
qcode tag zelfde-persoon S1:3 S1:2
qcode code rename zelfde-persoon "Continuïteit" --id continuiteit
qcode code move continuiteit --root
qcode code move verbinding-met-ouders --parent vertrouwen; echo "exit $?"
qcode codes
qcode code rm vertrouwen; echo "exit $?"
qcode code merge continuiteit vertrouwen
qcode codes
qcode code rm verbinding-met-ouders; echo "exit $?"
qcode code rm vertrouwen --force
qcode code rm nothing; echo "exit $?"
qcode log --limit 6
