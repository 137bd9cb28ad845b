# usage errors exit 1 with one line
qcode init >/dev/null
qcode frobnicate; echo "exit $?"
qcode in; echo "exit $?"
qcode info --frob; echo "exit $?"
qcode info extra; echo "exit $?"
qcode project set onlykey; echo "exit $?"
qcode project; echo "exit $?"
qcode project bogus; echo "exit $?"
qcode -p; echo "exit $?"
qcode --bogus; echo "exit $?"
qcode -p other.db init --lang fr; echo "exit $?"
ls
