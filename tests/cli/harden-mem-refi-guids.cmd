# The REFI import keeps the GUIDs it looks up later as 16 bytes: every
# spelling of one GUID (lower case, braces) finds the same object, across
# thousands of selections (the map grows many times), and a code already
# in the project is found by its GUID.
qcode init >/dev/null
qcode code add Eerst >/dev/null
K=$(sqlite3 qcode.db "SELECT lower(guid) FROM codes")
awk -v K="$K" 'BEGIN {
	n = 2000; notes = 300
	print "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	print "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"veel\">"
	print " <CodeBook><Codes>"
	printf "  <Code guid=\"{%s}\" name=\"Eerst\" isCodable=\"true\"/>\n", toupper(K)
	print "  <Code guid=\"22222222-2222-4222-8222-222222222222\" name=\"Twee\" isCodable=\"true\"/>"
	print " </Codes></CodeBook>"
	print " <Sources><TextSource guid=\"33333333-3333-4333-8333-333333333333\" name=\"lang\">"
	printf "  <PlainTextContent>"
	for (i = 0; i < n; i++)
		printf "Moeder: zin %04d.\n", i
	print "</PlainTextContent>"
	for (i = 0; i < n; i++) {
		s = sprintf("%08x-0000-4000-8000-%012d", i, i)
		printf "  <PlainTextSelection guid=\"%s\" startPosition=\"%d\" endPosition=\"%d\">", \
			s, i * 17 + 8, i * 17 + 16
		printf "<Coding guid=\"%08X-1111-4000-8000-%012d\"><CodeRef targetGUID=\"%s\"/></Coding></PlainTextSelection>\n", \
			i, i, i % 2 ? K : "{22222222-2222-4222-8222-222222222222}"
	}
	print " </TextSource></Sources>"
	print " <Notes>"
	for (i = 0; i < notes; i++)
		printf "  <Note guid=\"%08x-5555-4000-8000-%012d\" name=\"n%d\"><PlainTextContent>Notitie %d.</PlainTextContent></Note>\n", \
			i, i, i, i
	print " </Notes>"
	print " <Links>"
	for (i = 0; i < notes; i++)
		printf "  <Link guid=\"%08X-6666-4000-8000-%012d\" originGUID=\"{%08X-5555-4000-8000-%012d}\" targetGUID=\"%s\"/>\n", \
			i, i, i, i, toupper(sprintf("%08x-0000-4000-8000-%012d", i * 5, i * 5))
	print "  <Link guid=\"77777777-7777-4777-8777-777777777777\" originGUID=\"00000000-5555-4000-8000-000000000000\" targetGUID=\"99999999-9999-4999-8999-999999999999\"/>"
	print " </Links>"
	print "</Project>"
}' > veel.qde
qcode refi import --into-existing veel.qde
sqlite3 qcode.db "SELECT name, (SELECT count(*) FROM codings WHERE code_id = codes.id) FROM codes ORDER BY name"
qcode memo list | grep -c '^#'
qcode memo list | grep -A2 '^#300 '
