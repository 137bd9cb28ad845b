# Persons as REFI-QDA Cases: one case per person (unique names), pointing
# at each of its sources and at its turns that are selections, with its
# attributes as typed VariableValues; read back by the importer as one
# person with typed attributes. Then cases and variables as MAXQDA writes
# them (tests/fixtures/refi/tools.py) and as NVivo writes a classification
# of a person who speaks in two sources.
qcode init >/dev/null
printf -- '---\nroles:\n  Priya: ouder\n---\nModerator: Welkom.\nPriya: Ik had bijna afgezegd.\nSanne: Ik niet.\n' > fg.txt
printf -- '---\nroles:\n  Priya Ramdin: ouder\n---\nMarieke: Goed dat je er bent.\nPriya Ramdin: Het woord kwetsbaar stak.\n' > keten.txt
qcode import fg.txt keten.txt --kind focus-group >/dev/null
qcode pseudonymise >/dev/null
qcode participant link S1 Priya S2 "Priya Ramdin" >/dev/null
qcode attribute add wijk --type choice --values Tanthof,Voorhof >/dev/null
qcode attribute add eerste --type boolean >/dev/null
qcode attribute add leeftijd --type number >/dev/null
qcode attribute add intake --type date >/dev/null
qcode person set P2 --attr wijk=Tanthof --attr eerste=ja --attr leeftijd=29 --attr intake=2025-01-20 >/dev/null
qcode person set P3 --attr wijk=Voorhof >/dev/null
qcode code add Stigma --id stigma >/dev/null
qcode tag stigma S1:2 S2:2 >/dev/null
qcode export qdpx -o out.qdpx
mkdir x && (cd x && unzip -q ../out.qdpx)
xmllint --noout --schema "$ROOT/codebooks/refi-qda/Project-mrt2019.xsd" x/project.qde
python3 - x/project.qde <<'P'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
ns = "{urn:QDA-XML:project:1.0}"
var = {v.get("guid"): (v.get("name"), v.get("typeOfVariable")) for v in r.iter(ns + "Variable")}
src = {s.get("guid"): s.get("name") for s in r.iter(ns + "TextSource")}
names = [c.get("name") for c in r.iter(ns + "Case")]
print("cases", len(names), "unique names", len(set(names)) == len(names))
for c in r.iter(ns + "Case"):
    vals = []
    for v in c.findall(ns + "VariableValue"):
        n, t = var[v.find(ns + "VariableRef").get("targetGUID")]
        e = [x for x in v if x.tag != ns + "VariableRef"][0]
        vals.append("%s:%s=%s" % (n, e.tag.replace(ns, ""), e.text))
    print(c.get("name"), sorted(src[s.get("targetGUID")] for s in c.findall(ns + "SourceRef")),
          len(c.findall(ns + "SelectionRef")), " ".join(sorted(vals)))
P
echo "## read back"
qcode -p back.db refi import out.qdpx >/dev/null
qcode -p back.db persons --attrs
qcode -p back.db attributes
qcode -p back.db participants
qcode -p back.db coded stigma --where wijk=Tanthof --tsv | cut -f 3,4
echo "## MAXQDA: a case without a name holding a document's variables"
python3 "$ROOT/tests/fixtures/refi/tools.py" .
qcode -p mx.db refi import maxqda.qdpx >/dev/null
qcode -p mx.db attributes
qcode -p mx.db persons --attrs
echo "## NVivo: a classification of persons, one case in two sources"
python3 - <<'P'
import zipfile
ns = "urn:QDA-XML:project:1.0"
def g(n): return "%08x-3031-3233-3435-%012x" % (0x41424344, n)
t1, t2 = "Interviewer: Hoe ging het?\nAmina: Goed, dank je.\n", "Amina: Ik kom er graag weer.\n"
a1 = t1.index("Goed"); b1 = a1 + len("Goed, dank je.")
a2 = t2.index("Ik"); b2 = a2 + len("Ik kom er graag weer.")
x = ('<?xml version="1.0" encoding="utf-8"?><Project name="Gezin" origin="NVivo 14" '
     'xmlns="%s" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
     '<Users><User guid="%s" id="1" name="ilse"/></Users>'
     '<Variables><Variable guid="%s" name="Eerste zwangerschap" typeOfVariable="Boolean"/>'
     '<Variable guid="%s" name="Geboortedatum" typeOfVariable="Date"/>'
     '<Variable guid="%s" name="Wijk" typeOfVariable="Text"/></Variables>'
     '<Cases><Case guid="%s" name="Amina">'
     '<VariableValue><VariableRef targetGUID="%s"/><BooleanValue>true</BooleanValue></VariableValue>'
     '<VariableValue><VariableRef targetGUID="%s"/><DateValue>1994-02-14</DateValue></VariableValue>'
     '<VariableValue><VariableRef targetGUID="%s"/><TextValue>Buitenhof</TextValue></VariableValue>'
     '<SourceRef targetGUID="%s"/><SourceRef targetGUID="%s"/>'
     '<SelectionRef targetGUID="%s"/><SelectionRef targetGUID="%s"/></Case></Cases>'
     '<Sources><TextSource guid="%s" name="Interview 1" plainTextPath="internal://%s.txt">'
     '<PlainTextSelection endPosition="%d" guid="%s" startPosition="%d"/></TextSource>'
     '<TextSource guid="%s" name="Interview 2" plainTextPath="internal://%s.txt">'
     '<PlainTextSelection endPosition="%d" guid="%s" startPosition="%d"/></TextSource>'
     '</Sources></Project>') % (ns, g(1), g(2), g(3), g(4), g(5), g(2), g(3), g(4),
     g(10), g(11), g(20), g(21), g(10), g(10), b1, g(20), a1, g(11), g(11), b2, g(21), a2)
with zipfile.ZipFile("nvivo-cases.qdpx", "w") as z:
    z.writestr("project.qde", x)
    z.writestr("sources/%s.txt" % g(10), t1)
    z.writestr("sources/%s.txt" % g(11), t2)
P
qcode -p nv.db refi import nvivo-cases.qdpx >/dev/null
qcode -p nv.db attributes
qcode -p nv.db persons --attrs --real-names
qcode -p nv.db participants --real-names
