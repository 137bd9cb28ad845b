# refi check validates against the bundled schemas and says what is wrong
cp "$FIX/refi/demo.qdpx" "$FIX/refi/bad.qde" .
qcode refi check demo.qdpx
echo "exit $?"
qcode refi check bad.qde
echo "exit $?"
qcode refi check --json bad.qde
qcode refi check missing.qdc
echo "exit $?"
qcode refi check
echo "exit $?"
