# a refusal of a REFI import is prefixed once by the command that printed
# it, under import and under refi import alike
cp "$FIX/refi/demo.qdpx" demo.qdpx
qcode refi import demo.qdpx > /dev/null
qcode import demo.qdpx; echo "exit $?"
qcode refi import demo.qdpx; echo "exit $?"
