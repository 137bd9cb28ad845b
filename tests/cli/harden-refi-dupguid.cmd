# one GUID for two objects of a file makes every reference to it ambiguous:
# the file is refused (exit 2) naming the GUID and the element, and the
# project is left as it was
cp "$FIX/refi/demo.qdpx" demo.qdpx
qcode refi import demo.qdpx > /dev/null
head='<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="D">'
code() { printf '<Code guid="%s" name="%s" isCodable="true"/>\n' "$1" "$2"; }
src() {	# GUID NAME BODY
	printf '<TextSource guid="%s" name="%s"><PlainTextContent>een twee drie</PlainTextContent>%s</TextSource>\n' "$1" "$2" "$3"
}
sel() {	# SELECTION CODING CODE START END
	printf '<PlainTextSelection guid="%s" startPosition="%s" endPosition="%s"><Coding guid="%s"><CodeRef targetGUID="%s"/></Coding></PlainTextSelection>' "$1" "$4" "$5" "$2" "$3"
}
case_() { printf '<Case guid="%s" name="%s"><SelectionRef targetGUID="%s"/></Case>\n' "$1" "$2" "$3"; }
A=aa000000-0000-4000-8000-000000000001
B=bb000000-0000-4000-8000-000000000001
C=cc000000-0000-4000-8000-000000000001
{ echo "$head<CodeBook><Codes>"; code $A Een; code "{$A}" Twee
  echo '</Codes></CodeBook><Sources>'
  src $B S "$(sel c1000000-0000-4000-8000-000000000001 d1000000-0000-4000-8000-000000000001 $A 0 3)"
  echo '</Sources></Project>'; } > codes.qde
{ echo "$head<Sources>"; src $B S1; src $B S2; echo '</Sources></Project>'; } > sources.qde
{ echo "$head<CodeBook><Codes>"; code $A Een; echo '</Codes></CodeBook><Sources>'
  src $B S1 "$(sel c1000000-0000-4000-8000-000000000001 d1000000-0000-4000-8000-000000000001 $A 0 3)$(sel c1000000-0000-4000-8000-000000000002 d1000000-0000-4000-8000-000000000001 $A 4 8)"
  echo '</Sources></Project>'; } > codings.qde
{ echo "$head<CodeBook><Codes>"; code $A Een; echo '</Codes></CodeBook><Sources>'
  src $A S1; echo '</Sources></Project>'; } > cross.qde
cases() {	# GUID of the second and third case
	echo "$head<Cases>"
	case_ $C A c1000000-0000-4000-8000-000000000001
	case_ "$1" B c1000000-0000-4000-8000-000000000002
	case_ "$2" C c1000000-0000-4000-8000-000000000003
	echo '</Cases><Sources>'
	src $B S1 '<PlainTextSelection guid="c1000000-0000-4000-8000-000000000001" startPosition="0" endPosition="3"/><PlainTextSelection guid="c1000000-0000-4000-8000-000000000002" startPosition="4" endPosition="8"/><PlainTextSelection guid="c1000000-0000-4000-8000-000000000003" startPosition="9" endPosition="13"/>'
	echo '</Sources></Project>'
}
cases $C $C > cases.qde
for f in codes sources codings cross cases; do
	qcode refi import --into-existing $f.qde
	echo "$f: exit $?"
done
qcode info | grep -E '^(sources|codes|codings|memos|participants) '
# into a new project: refused, nothing left behind
qcode -p fresh.db refi import cases.qde
echo "exit $?"
ls -A | grep -c fresh
# distinct GUIDs: the same file imported three times is kept three times
cases cc000000-0000-4000-8000-000000000002 cc000000-0000-4000-8000-000000000003 > ok.qde
qcode -p ok.db refi import ok.qde > /dev/null
for i in 2 3; do
	qcode -p ok.db refi import --into-existing ok.qde > /dev/null
	echo "ok $i: exit $?"
done
sqlite3 ok.db 'SELECT count(*), count(DISTINCT guid) FROM participants'
