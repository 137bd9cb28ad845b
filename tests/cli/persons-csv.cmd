# attribute import: RFC 4180 as spreadsheets write it (a BOM, CR LF, quoted
# cells with commas, quotes and line breaks, blank lines), and bad files
# refused whole, naming the line; nothing is stored from a refused file.
qcode init >/dev/null
printf 'Ouder: Ja.\nZoon: Nee.\n' > a.txt
qcode import a.txt --kind interview >/dev/null
qcode attribute add leeftijd --type number >/dev/null
printf '\357\273\277person,notitie,leeftijd\r\nP1,"zegt ""nee"", soms\r\nja",41\r\n\r\nP2,, 7 \r\n' > ok.csv
qcode attribute import ok.csv
qcode persons --attrs --csv
printf 'person,leeftijd\nP1,40\nP2,"zeven\n' > open.csv
qcode attribute import open.csv
echo "exit $?"
printf 'person,leeftijd\nP1,40,extra\n' > wide.csv
qcode attribute import wide.csv
echo "exit $?"
printf 'person,leeftijd\nP1,\377\n' > latin.csv
qcode attribute import latin.csv
echo "exit $?"
printf 'person,leeftijd,leeftijd\n' > twice.csv
qcode attribute import twice.csv
echo "exit $?"
qcode attribute import missing.csv
echo "exit $?"
echo "## unchanged"
qcode persons --attrs --csv
qcode attribute rm notitie
qcode attributes --csv
