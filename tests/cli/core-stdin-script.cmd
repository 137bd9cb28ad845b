# commands on standard input run like a script
qcode init >/dev/null
printf 'project set funder ZonMw\nproject set "partners" "gemeente Delft"\nproject show --json\n' | qcode
echo "exit $?"
printf 'project set a b\nproject set\n' | qcode
echo "exit $?"
