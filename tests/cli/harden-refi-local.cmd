# a source's text comes from inside the archive only: a project that names
# a file of this computer is refused, naming the source, and nothing changes
cp "$FIX/refi/demo.qdpx" demo.qdpx
qcode refi import demo.qdpx > /dev/null
for f in local-base local-abs local-file local-proc local-note; do
	cp "$FIX/refi/$f.qdpx" .
	qcode refi import --into-existing "$f.qdpx"
	echo "$f: exit $?"
done
qcode info | grep -E '^(sources|codes|codings|memos) '
# into a new project: refused, nothing left behind
qcode -p fresh.db refi import local-base.qdpx
echo "exit $?"
ls -A | grep -c fresh
# relative:// naming an entry of the archive itself is read from it
cp "$FIX/refi/local-inside.qdpx" .
qcode -p inside.db refi import local-inside.qdpx | head -n 1
qcode -p inside.db show S1 | grep -c 'uit het archief'

# bare .qde files beside a folder of texts, a link out of it and a FIFO
mkdir -p texts/sub
printf 'Tekst een.\n' > texts/a.txt
printf 'Tekst twee.\n' > texts/sub/b.txt
ln -s /etc/passwd texts/passwd
ln -s a.txt texts/alias.txt
ln -s /dev/zero texts/zero.txt
mkfifo texts/fifo.txt
qde() {	# NAME PLAINTEXTPATH: a one-source project file
	printf '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="B"><Sources><TextSource guid="bb000000-0000-4000-8000-0000000000%02d" name="%s" plainTextPath="%s"/></Sources></Project>\n' \
		"$3" "$1" "$2" > "$1.qde"
}
qde rel relative://a.txt 1
qde sub relative://sub/b.txt 2
qde alias relative://alias.txt 3
qde abs "absolute://$PWD/texts/a.txt" 4
qde url "file://$PWD/texts/sub/b.txt" 5
qde link relative://passwd 6
qde fifo relative://fifo.txt 7
qde up relative://../demo.qdpx 8
qde etc absolute:///etc/passwd 9
qde proc absolute:///proc/self/environ 10
qde gone relative://none.txt 11
qde zero relative://zero.txt 12
qde dev absolute:///dev/zero 13
# without --sources-from nothing outside an archive is read
(cd texts && qcode -p ../bare.db refi import ../rel.qde)
echo "rel: exit $?"
# with it, regular files inside the folder are read, links resolved
qcode -p ok.db refi import --sources-from texts rel.qde | head -n 2
for f in sub alias abs url; do
	qcode -p ok.db refi import --into-existing --sources-from texts "$f.qde" |
		head -n 1 | sed "s|$PWD|PWD|g"
done
qcode -p ok.db show S2 | grep -c 'Tekst twee'
qcode -p ok.db show S3 | grep -c 'Tekst een'
qcode -p ok.db info | grep -E '^sources '
# and nothing else is: a link out of it, a FIFO, '..', /etc, /proc, devices
for f in link fifo up etc proc zero dev; do
	qcode -p ok.db refi import --into-existing --sources-from texts "$f.qde" \
		2>&1 | sed "s|$PWD|PWD|g"
done
qcode -p ok.db info | grep -E '^sources '
# a file that is not there is lost, not refused; a folder that is not there
qcode -p gone.db refi import --sources-from texts gone.qde | grep none.txt |
	sed "s|$PWD|PWD|g"
echo "gone: exit $?"
qcode -p nope.db refi import --sources-from nowhere rel.qde
echo "nowhere: exit $?"
