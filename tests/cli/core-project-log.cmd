# project attributes are set in one transaction each and logged
qcode init --title T >/dev/null
qcode project set title "Een goede start voor iedereen"
qcode project set lang en; echo "exit $?"
qcode project set meetings 11
qcode project show
qcode log | cut -c1-3,26-
qcode log --limit 1 --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), d[0]["command"], d[0]["who"])'
