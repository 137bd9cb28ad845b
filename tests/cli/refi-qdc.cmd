# the codebook as a .qdc: valid, and a round trip keeps every field
cp "$FIX/refi/demo.qdpx" demo.qdpx
qcode -p a.db refi import demo.qdpx > /dev/null
qcode -p a.db export qdc -o a.qdc
xmllint --noout --schema "$ROOT/codebooks/refi-qda/Codebook.xsd" a.qdc 2>&1
cat a.qdc
qcode -p b.db init > /dev/null
qcode -p b.db refi load a.qdc
qcode -p b.db refi load a.qdc
qcode -p b.db export qdc -o b.qdc > /dev/null
cmp a.qdc b.qdc && echo "qdc round trip: identical"
qcode -p b.db export qdc
echo "exit $?"
qcode -p b.db refi load demo.qdpx
echo "exit $?"
