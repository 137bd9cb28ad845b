# The export in the form other programs read it, checked with a model of
# QualCoder's project import (tests/fixtures/refi/qualcoder_reads.py, after
# its refi.py): every coding keeps its coder (creatingUser on the selection,
# one selection per span and coder), no uncoded turn becomes an empty
# annotation, memos arrive as journals (notes with a name and their text in
# sources/), a turn's memo also as its annotation (a Link from the note to
# the selection, NVivo's form), a source's memo as its Description (the
# file memo; qcode reads that copy back as the memo it is, not as a
# description), and no case is refused (one name, one case).
qcode init >/dev/null
printf 'Ouder 1: We wachtten lang op een afspraak.\nVerloskundige: Dat herken ik.\nOuder 1: Daarna ging het snel.\n' > gesprek1.txt
printf 'Ouder 1: Thuis voelde het veilig.\nVerloskundige: Fijn om te horen.\n' > gesprek2.txt
printf 'Ouder 1: Ik had geen vertrouwen.\n' > gesprek3.txt
qcode import gesprek1.txt gesprek2.txt --kind interview --role "Ouder 1=ouder" --role "Verloskundige=verloskundige" >/dev/null
qcode import gesprek3.txt --kind interview --role "Ouder 1=vader" >/dev/null
qcode code add Wachten --id wachten >/dev/null
qcode code add Veiligheid --id veilig >/dev/null
QCODE_CODER=anna qcode tag wachten S1:1 >/dev/null
QCODE_CODER=bram qcode tag wachten S1:1 --memo "lang, of te lang?" >/dev/null
QCODE_CODER=anna qcode tag veilig S2:1 S3:1 >/dev/null
QCODE_CODER=anna qcode memo add project "Eerste ronde." >/dev/null
QCODE_CODER=anna qcode memo add S2 "Huisbezoek." >/dev/null
QCODE_CODER=bram qcode memo add S1:2 "Herkenning." >/dev/null
QCODE_CODER=anna qcode memo add veilig "Ook fysiek?" >/dev/null
qcode export qdpx -o out.qdpx --real-names
mkdir x && (cd x && unzip -q ../out.qdpx)
xmllint --noout --schema "$ROOT/codebooks/refi-qda/Project-mrt2019.xsd" x/project.qde
echo "## selections: who, when, how many codings"
python3 - x/project.qde <<'P' | sort
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
ns = "{urn:QDA-XML:project:1.0}"
users = {u.get("guid"): u.get("name") for u in r.iter(ns + "User")}
for s in r.iter(ns + "PlainTextSelection"):
    cods = s.findall(ns + "Coding")
    assert all(c.get("creatingUser") == s.get("creatingUser") for c in cods)
    print(s.get("startPosition"), s.get("endPosition"),
          users.get(s.get("creatingUser")), s.get("creationDateTime") is not None,
          len(cods), len(s.findall(ns + "NoteRef")))
for c in r.iter(ns + "Case"):
    print("case", c.get("name"), len(c.findall(ns + "SourceRef")),
          len(c.findall(ns + "SelectionRef")))
P
echo "## as QualCoder reads it"
python3 "$ROOT/tests/fixtures/refi/qualcoder_reads.py" x
echo "## with --turns every turn is a selection its case points at"
qcode export qdpx -o turns.qdpx --real-names --turns >/dev/null
unzip -p turns.qdpx project.qde | grep -c '<PlainTextSelection'
unzip -p turns.qdpx project.qde | grep -c '<SelectionRef'
echo "## and back into qcode: the same codings, coders and memos"
for f in out turns; do
	qcode -p $f.db refi import $f.qdpx >/dev/null
	sqlite3 $f.db "SELECT k.name, u.name, c.start_cp, c.end_cp FROM codings c
	  JOIN codes k ON k.id = c.code_id JOIN coders u ON u.id = c.coder_id
	  ORDER BY 1, 2, 3, 4; SELECT target, text FROM memos ORDER BY text;
	  SELECT 'coding', memo FROM codings WHERE memo IS NOT NULL;
	  SELECT count(*) FROM segments WHERE participant_id IS NOT NULL;
	  SELECT 'descriptions', count(*) FROM source_attrs WHERE key = 'description'" > $f.txt
done
sqlite3 qcode.db "SELECT count(*) FROM segments WHERE participant_id IS NOT NULL"
cat out.txt
diff out.txt turns.txt || echo "(without --turns, uncoded turns come back without a speaker)"
