# text arguments must be UTF-8 without control characters, checked once by
# the dispatcher for the command line, scripts (-f) and stdin lines alike;
# nothing is stored, and the project's JSON and REFI export stay valid
qcode init --title "$(printf 'Stud\351')"
echo "exit $?"
qcode init >/dev/null
qcode code add "$(printf 'Vertrouwen\377')"
echo "exit $?"
qcode code add "$(printf 'A\033[31mB')"
echo "exit $?"
qcode code add ok --definition "$(printf 'bad\200')"
echo "exit $?"
qcode memo add project "$(printf 'caf\303')"
echo "exit $?"
qcode project set title "$(printf 'x\177y')"
echo "exit $?"
qcode "$(printf 'inf\377')"
echo "exit $?"
# tabs and newlines are text; well-formed UTF-8 is kept as it is
qcode memo add project "$(printf 'eerste regel\n\tcaf\303\251')"
echo "exit $?"
printf 'code add goed\ncode add "slecht\377"\ncode add nooit\n' >bad.qcs
qcode -f bad.qcs
echo "exit $?"
printf 'code add "ook\001slecht"\n' | qcode
echo "exit $?"
qcode codes --flat
qcode info --json | python3 -c 'import json,sys; json.load(sys.stdin); print("valid json")'
qcode export qdpx -o p.qdpx >/dev/null && qcode refi check p.qdpx
