# hostile archives are refused and the project is left as it was
cp "$FIX/refi/demo.qdpx" demo.qdpx
qcode refi import demo.qdpx > /dev/null
qcode info | grep -E '^(sources|codes|codings|memos) '
for f in slip abs bomb xxe laughs; do
	cp "$FIX/refi/$f.qdpx" .
	qcode refi import --into-existing "$f.qdpx"
	echo "exit $?"
done
printf 'not a zip' > junk.qdpx
qcode refi import --into-existing junk.qdpx
echo "exit $?"
qcode info | grep -E '^(sources|codes|codings|memos) '
ls
# into a new project: refused, and neither the project nor its staging file is left
for f in slip bomb laughs; do
	qcode -p fresh.db refi import "$f.qdpx"
	echo "exit $?"
done
ls -A | grep -c fresh
# a second import needs --into-existing; a folder that is not there is named
qcode refi import demo.qdpx
echo "exit $?"
qcode -p nodir/p.db refi import demo.qdpx
echo "exit $?"
