# an archive whose headers say a text holds 100 bytes while 40 MiB come out
# of it: refused at the 101st byte, with the project left as it was
cp "$FIX/refi/demo.qdpx" demo.qdpx
cp "$FIX/refi/lying.qdpx" lying.qdpx
qcode refi import demo.qdpx > /dev/null
qcode refi import --into-existing lying.qdpx
echo "exit $?"
qcode info | grep -E '^(sources|codes|codings|memos) '
# into a new project: refused, nothing left behind
qcode -p fresh.db refi import lying.qdpx
echo "exit $?"
ls -A | grep -c fresh
