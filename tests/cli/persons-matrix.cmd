# Attributes of persons and sources, freq --by person|attribute, and the
# matrix of codes by an attribute: each cell counts exactly the fragments
# coded CODE --where NAME=VALUE lists (checked cell by cell below).
qcode init >/dev/null
cd "$EX/transcripts"
qcode -p "$OLDPWD/qcode.db" import focusgroep-ouders-tanthof.txt focusgroep-professionals.md observatie-huisbezoek-voorhof.txt >/dev/null
qcode -p "$OLDPWD/qcode.db" import interview-jgz.vtt interview-kraamzorg.srt --kind interview >/dev/null
cd "$OLDPWD"
qcode pseudonymise >/dev/null
qcode attribute add wijk --type choice --values Tanthof,Voorhof,Buitenhof
qcode attribute add eerste --type boolean
qcode attribute add leeftijd --type number
qcode attribute add gesprek --type date
echo "## a value already stored is respelled, one that does not fit refused"
qcode source set S3 --attr wijk=voorhof >/dev/null
qcode sources --attr wijk --csv
qcode source set S3 --attr wijk=Kanaleneiland
echo "exit $?"
qcode person set P2 --attr eerste=ja --attr leeftijd=31,5 --attr gesprek=4-3-2025
qcode person set P2 --attr leeftijd=oud
echo "exit $?"
qcode person set P2 --attr gesprek=2025-02-30
echo "exit $?"
qcode person set P2 --attr kleur=rood
echo "exit $?"
qcode attribute add wijk --type text
echo "exit $?"
qcode attribute add stad --type choice
echo "exit $?"
qcode attribute add stad --type nummer
echo "exit $?"
echo "## persons by CSV: a name, a pseudonym or P3; semicolons as Dutch spreadsheets write"
printf 'persoon;wijk;eerste;opleiding\nP2;Voorhof;nee;mbo\nOuder 2;Buitenhof;ja;"hbo; deeltijd"\nP12;Buitenhof;;\n' > persons.csv
qcode attribute import persons.csv
printf 'source,wijk\nS4,Voorhof\nObservatie huisbezoek Voorhof,Voorhof\n' > sources.csv
qcode attribute import sources.csv
printf 'person,wijk\nP2,Kanaleneiland\n' > bad.csv
qcode attribute import bad.csv
echo "exit $?"
printf 'person,wijk\nP77,Tanthof\n' > bad2.csv
qcode attribute import bad2.csv
echo "exit $?"
printf 'speaker,wijk\n' > bad3.csv
qcode attribute import bad3.csv
echo "exit $?"
qcode attributes
qcode persons --attrs
qcode persons --attr wijk=Buitenhof --attr opleiding
qcode sources --attrs --tsv
echo "## coding"
qcode code add "Vertrouwen" --id vertrouwen >/dev/null
qcode code add "Stigma" --id stigma >/dev/null
qcode tag vertrouwen S1:2 S1:3 S1:4 S1:5 S1:8 S2:3 S4:1 S2:5 S3:1 S4:2 S5:2 >/dev/null
qcode tag stigma S1:8 S1:9 S1:10 S2:7 S3:2 >/dev/null
qcode tag stigma S1:8 --coder ben >/dev/null
qcode freq --by person
qcode freq --by attribute wijk
qcode freq --by attribute wijk --csv
qcode freq --by attribute
echo "exit $?"
qcode freq --by attribute onbekend
echo "exit $?"
qcode matrix vertrouwen,stigma wijk --by attribute
qcode matrix all wijk --csv
qcode matrix vertrouwen,stigma wijk --json
qcode matrix vertrouwen wijk --kind interview
echo "## every cell equals coded --where (distinct fragments)"
for c in vertrouwen stigma; do
	for v in Tanthof Voorhof Buitenhof; do
		m=$(qcode matrix "$c" wijk --json | tr '}' '\n' | grep "\"value\": \"$v\"" | sed 's/.*"fragments": \([0-9]*\).*/\1/')
		k=$(qcode coded "$c" --where "wijk=$v" --tsv | awk -F '\t' 'NR > 1 { print $3, $8 }' | sort -u | wc -l)
		echo "$c $v matrix=$m coded=$k $([ "$m" = "$k" ] && echo same || echo DIFFERENT)"
	done
done
qcode coded stigma --where wijk=tanthof --tsv | cut -f 3,4,6
qcode matrix vertrouwen,nope wijk
echo "exit $?"
qcode matrix vertrouwen leeftijd
echo "## import checks a declared attribute before it writes anything"
qcode import "$EX/transcripts/interview-verloskundige.docx" --kind interview --attr wijk=Noord
echo "exit $?"
qcode import "$EX/transcripts/interview-verloskundige.docx" --kind interview --attr wijk=buitenhof >/dev/null
qcode sources --attr wijk=Buitenhof --attr wijk
echo "## spreadsheets: matrix, freq and coded as .xlsx (coded redacted)"
qcode matrix vertrouwen,stigma wijk --xlsx m.xlsx
qcode freq --by attribute wijk --xlsx f.xlsx
qcode coded stigma --xlsx c.xlsx
qcode coded stigma --xlsx c.csv
echo "exit $?"
for f in m f c; do
python3 - $f.xlsx <<'P'
import sys, zipfile, re, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ss = [t.text or "" for t in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(ns + "t")]
rows = []
for r in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter(ns + "row"):
    cells = []
    for c in r.iter(ns + "c"):
        v = c.find(ns + "v")
        cells.append(ss[int(v.text)] if c.get("t") == "s" else "#" + v.text)
    rows.append(" | ".join(cells))
print(sys.argv[1]); print("\n".join(rows))
P
done
qcode log --limit 3
