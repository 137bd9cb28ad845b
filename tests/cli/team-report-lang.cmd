# The agreement report speaks the project's language, or --lang; its
# labels come from reports/agreement.yaml.
qcode init --lang en >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
QCODE_CODER=anna qcode tag vertrouwen S1:2 S1:3 >/dev/null
QCODE_CODER=ben qcode tag vertrouwen S1:2 S1:5 >/dev/null
echo "## the project's language"
qcode report agreement -o en.pdf
pdftotext -q en.pdf - | grep -E "^Agreement between|coders \(|^Where coders|per code$|only [a-z]+ \(not" | sort -u
echo "## --lang nl"
qcode report agreement -o nl.pdf --lang nl --unit char
pdftotext -q nl.pdf - | grep -E "^Overeenstemming|codeurs \(|^Waar codeurs|per code$|tekens|alleen [a-z]+ \(niet" | sort -u
echo "## a language the template lacks"
qcode report agreement -o fr.pdf --lang fr; echo "exit $?"
test -e fr.pdf || echo "no fr.pdf"
