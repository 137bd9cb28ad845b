# The theme review sheet and the codebook report.
qcode init >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode tag stigma S1:8 S1:9 >/dev/null
qcode memo add stigma "Bespreken in het LOT." >/dev/null
qcode pseudonymise >/dev/null
qcode report review -o r.pdf --theme verbinding-ouders
qpdf --check r.pdf | head -n 1
pdftotext -q r.pdf - | grep -E "Themabespreking|Het etiket|2 fragmenten|Bespreken in het LOT|Aantekeningen|S1:8 · Ouder" | sort -u
qcode report codebook -o c.pdf
pdftotext -q c.pdf - | grep -E "^Wel coderen|^Niet coderen|Codeboek voor codeurs" | sort -u
qcode report codebook -o c2.pdf --json
