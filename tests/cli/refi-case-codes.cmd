# Cases as QualCoder reads them: its importer (refi.py) links a case to
# text only through a code with the case's GUID, NVivo's case node, whose
# codings it makes the case's text before removing the code; it reads no
# SourceRef or SelectionRef. `export qdpx --case-codes` writes each case
# so too (the whole text of each source it speaks in; with --turns its
# turns), keeping the standard's Case with its references; a case whose
# name a code has is left without a case code (QualCoder keeps one code
# of a name). qcode reads such codes back as the links they are: the same
# project, no code or coding more. Last, a file laid out as NVivo writes
# cases (tests/fixtures/refi/casenodes.py): case nodes are the only links.
qcode init >/dev/null
printf 'Ouder 1: We wachtten lang op een afspraak.\nVerloskundige: Dat herken ik.\nOuder 1: Daarna ging het snel.\n' > gesprek1.txt
printf 'Ouder 2: Thuis voelde het veilig.\nKraamverzorgster: Fijn om te horen.\n' > gesprek2.txt
qcode import gesprek1.txt gesprek2.txt --kind interview >/dev/null
qcode code add Wachten --id wachten >/dev/null
qcode code add Kraamverzorgster --id kraam >/dev/null
QCODE_CODER=anna qcode tag wachten S1:1 >/dev/null
QCODE_CODER=bram qcode tag kraam S2:2 >/dev/null
qcode export qdpx -o cc.qdpx --real-names --case-codes
mkdir x && (cd x && unzip -q ../cc.qdpx)
xmllint --noout --schema "$ROOT/codebooks/refi-qda/Project-mrt2019.xsd" x/project.qde
echo "## codes, and which are a case's; codings of case codes"
python3 - x/project.qde <<'P'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
ns = "{urn:QDA-XML:project:1.0}"
cases = {c.get("guid"): c for c in r.iter(ns + "Case")}
for k in r.iter(ns + "Code"):
    c = cases.get(k.get("guid"))
    print(k.get("name"), k.get("isCodable"),
          "case code: %d SourceRef, %d SelectionRef" % (
              len(c.findall(ns + "SourceRef")),
              len(c.findall(ns + "SelectionRef"))) if c is not None else "")
names = {k.get("guid"): k.get("name") for k in r.iter(ns + "Code")}
for s in r.iter(ns + "TextSource"):
    for sel in s.iter(ns + "PlainTextSelection"):
        for c in sel.iter(ns + "Coding"):
            g = c.find(ns + "CodeRef").get("targetGUID")
            if g in cases:
                print(s.get("name"), sel.get("startPosition"),
                      sel.get("endPosition"), names[g],
                      c.get("creationDateTime") is not None)
P
echo "## as QualCoder reads it"
python3 "$ROOT/tests/fixtures/refi/qualcoder_reads.py" x
echo "## pseudonymised: a case code has its case's name as written"
qcode export qdpx -o pseudo.qdpx --case-codes | head -n 1
unzip -p pseudo.qdpx project.qde | python3 -c '
import sys, xml.etree.ElementTree as ET
r = ET.fromstring(sys.stdin.read())
ns = "{urn:QDA-XML:project:1.0}"
codes = {k.get("guid"): k.get("name") for k in r.iter(ns + "Code")}
for c in r.iter(ns + "Case"):
    print(c.get("name"), "=", codes.get(c.get("guid"), "(no case code)"))'
echo "## with --turns: each case's turns"
qcode export qdpx -o cct.qdpx --real-names --case-codes --turns >/dev/null
mkdir y && (cd y && unzip -q ../cct.qdpx)
xmllint --noout --schema "$ROOT/codebooks/refi-qda/Project-mrt2019.xsd" y/project.qde
python3 "$ROOT/tests/fixtures/refi/qualcoder_reads.py" y | grep -e "^cases" -e "^codes" -e "case '"
echo "## back into qcode: the same as without case codes"
qcode export qdpx -o plain.qdpx --real-names >/dev/null
qcode export qdpx -o turns.qdpx --real-names --turns >/dev/null
for f in plain cc turns cct; do
	qcode -p $f.db refi import $f.qdpx > $f.log
	sqlite3 $f.db "SELECT guid, coalesce(parent_id, 0), name, ordinal FROM codes;
	  SELECT guid, code_id, source_id, start_cp, end_cp, coder_id FROM codings;
	  SELECT id, source_id, label, guid, person_id FROM participants;
	  SELECT id, guid, name FROM persons;
	  SELECT source_id, ordinal, participant_id, start_cp, end_cp FROM segments" > $f.txt
done
cat cc.log
cmp plain.txt cc.txt && echo "cc: the same codes, codings, cases and turns"
cmp turns.txt cct.txt && echo "cct: the same codes, codings, cases and turns"
sqlite3 cct.db "SELECT count(*) || ' codes, ' || (SELECT count(*) FROM codings) || ' codings, '
  || (SELECT count(*) FROM participants) || ' speakers, '
  || (SELECT count(*) FROM segments WHERE participant_id IS NOT NULL) || ' turns' FROM codes"
echo "## NVivo's layout: case nodes"
python3 "$ROOT/tests/fixtures/refi/casenodes.py" .
qcode -p nv.db refi import nvivo-cases.qdpx | grep -v -e "formatted text" -e "GUIDs of"
sqlite3 nv.db "SELECT 'code', name FROM codes;
  SELECT 'speaker', pe.name, s.title FROM participants p JOIN sources s ON s.id = p.source_id
  JOIN persons pe ON pe.id = p.person_id ORDER BY p.id;
  SELECT 'attribute', pe.name, a.key, a.value FROM person_attrs a JOIN persons pe ON pe.id = a.person_id;
  SELECT 'turn', g.source_id, coalesce(p.label, '-'), g.text FROM segments g
  LEFT JOIN participants p ON p.id = g.participant_id ORDER BY g.source_id, g.ordinal"
for k in Steun Zwaar; do
	qcode -p nv.db coded "$k" --full --json |
	python3 -c 'import json,sys
for r in json.load(sys.stdin): print("coding|" + sys.argv[1] + "|" + r["text"])' "$k"
done
echo "## a case code is codable and its GUID its case's once; other sharing is refused"
A=aa000000-0000-4000-8000-000000000001
K=bb000000-0000-4000-8000-000000000001
S=cc000000-0000-4000-8000-000000000001
N=dd000000-0000-4000-8000-000000000001
qde() {	# CASES: the Cases element's content
	printf '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="D">\n'
	printf '<CodeBook><Codes><Code guid="%s" name="Casussen" isCodable="false">\n' $K
	printf '<Code guid="%s" name="Anna" isCodable="true"><NoteRef targetGUID="%s"/>\n' $A $N
	printf '<Code guid="ee000000-0000-4000-8000-000000000001" name="Thuis" isCodable="true"/></Code>\n'
	printf '</Code></Codes></CodeBook>\n<Cases>%s</Cases>\n' "$1"
	printf '<Sources><TextSource guid="%s" name="S"><PlainTextContent>een twee drie</PlainTextContent>\n' $S
	printf '<PlainTextSelection guid="c1000000-0000-4000-8000-000000000001" startPosition="4" endPosition="8">'
	printf '<Coding guid="c2000000-0000-4000-8000-000000000001"><CodeRef targetGUID="%s"/></Coding>' $A
	printf '<Coding guid="c2000000-0000-4000-8000-000000000002"><CodeRef targetGUID="ee000000-0000-4000-8000-000000000001"/></Coding>'
	printf '</PlainTextSelection></TextSource></Sources>\n'
	printf '<Notes><Note guid="%s" name="over Anna"><PlainTextContent>Kent de wijk.</PlainTextContent></Note></Notes></Project>\n' $N
}
qde "<Case guid=\"$A\" name=\"Anna\"/>" > one.qde
qcode -p one.db refi import one.qde
sqlite3 one.db "SELECT 'code', name, coalesce((SELECT name FROM codes p WHERE p.id = codes.parent_id), '-') FROM codes;
  SELECT 'turn', coalesce(p.label, '-'), g.text FROM segments g LEFT JOIN participants p ON p.id = g.participant_id;
  SELECT 'memo', target, text FROM memos; SELECT 'codings', count(*) FROM codings"
qde "<Case guid=\"$A\" name=\"Anna\"/><Case guid=\"$A\" name=\"Anna 2\"/>" > two.qde
qcode -p two.db refi import two.qde
echo "exit $?"
qde "<Case guid=\"$K\" name=\"Casussen\"/>" > folder.qde
qcode -p folder.db refi import folder.qde
echo "exit $?"
