# help for one command and for a group; --help after a command
qcode help init
qcode help project
qcode info --help
qcode help nosuch; echo "exit $?"
qcode help --json info | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["name"])'
