# The theme review sheet and the codebook report.
qcode init >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode tag stigma S1:8 S1:9 >/dev/null
qcode memo add stigma "Bespreken in het LOT." --for team >/dev/null
qcode pseudonymise >/dev/null
qcode report review -o r.pdf --theme verbinding-ouders
qpdf --check r.pdf | head -n 1
pdftotext r.pdf r.txt 2>r.err; [ -s r.err ] && sort -u r.err || echo "pdftotext: no warnings"
pdfinfo r.pdf | grep -E "^(Title|Pages):"
qpdf --json --json-key=outlines r.pdf | grep '"title"' | sed 's/^ *"title": //' | sort
pdftotext -q r.pdf - | grep -E "Themabespreking|Het etiket|2 fragmenten|Bespreken in het LOT|Aantekeningen|S1:8 · Ouder" | sort -u
qcode report codebook -o c.pdf
pdftotext c.pdf c.txt 2>c.err; [ -s c.err ] && sort -u c.err || echo "pdftotext: no warnings"
pdfinfo c.pdf | grep -E "^(Title|Pages):"
qpdf --check c.pdf | tail -n 1
grep -c "^• " c.txt
pdftotext -q c.pdf - | grep -E "^Wel coderen|^Niet coderen|Codeboek voor codeurs" | sort -u
qcode report codebook -o c2.pdf --json
echo '## an empty code is left out, the speaker-less fragment has no empty field'
qcode import "$EX/transcripts/observatie-huisbezoek-voorhof.txt" >/dev/null
qcode tag stigma S2:2 >/dev/null
qcode report review -o r2.pdf >/dev/null
pdftotext -q r2.pdf - | grep -c "0 fragmenten"
pdftotext -q r2.pdf - | grep -E "^S2:2 "
