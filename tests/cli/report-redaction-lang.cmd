# The redaction report (redact --report FILE.pdf) speaks the project's
# language, or --lang; its labels come from reports/redaction.yaml. It
# holds the personal data itself, so it is the owner's only.
qcode init >/dev/null
qcode import "$EX/transcripts/interview-jgz.vtt" --kind interview >/dev/null
echo "## the project's language"
qcode redact --report nl.pdf
pdftotext -q nl.pdf - | grep -E "^Redactierapport|^Project:|^(ref|regel|gevonden|context)$"
pdfinfo nl.pdf | grep -E "^(Title|Pages|Page size):"
echo "## --lang en"
qcode redact --report en.pdf --lang en
pdftotext -q en.pdf - | grep -E "^Redaction report|^Project:|^(ref|rule|found|context)$"
pdfinfo en.pdf | grep -E "^Title:"
stat -c %a en.pdf
echo "## the same items as --dry-run, in the same order"
qcode redact --dry-run --tsv | tail -n +2 | cut -f1 | tr '\n' ' '; echo
pdftotext -q en.pdf - | grep -E "^S[0-9]+:[0-9]+$" | tr '\n' ' '; echo
echo "## a language the template lacks"
qcode redact --report fr.pdf --lang fr; echo "exit $?"
test -e fr.pdf || echo "no fr.pdf"
echo "## an English project"
mkdir e && cd e || exit 1
qcode init --lang en >/dev/null
qcode import "../$EX/transcripts/interview-jgz.vtt" --kind interview >/dev/null
qcode redact --report p.pdf
pdftotext -q p.pdf - | grep -E "^Redaction report|^Project:"
qcode redact --report nl.pdf --lang nl
pdftotext -q nl.pdf - | grep -E "^Redactierapport"
echo "## the log names the file, not the items"
qcode log | grep -c "redact.*report written to"
