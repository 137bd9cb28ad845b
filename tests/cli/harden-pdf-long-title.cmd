# A project title longer than a PDF string may be (64 KiB) made libharu
# fail, and every call after it, until a NULL page crashed the report; the
# document info, running header and outline entries are now cut at 1 KiB.
qcode init >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode tag stigma S1:8 >/dev/null
qcode project set title "$(head -c 70000 /dev/zero | tr '\0' t)" >/dev/null
qcode report review -o r.pdf
echo "exit $?"
pdfinfo r.pdf | awk '/^Subject:/ { sub(/^Subject: */, ""); print length($0) " characters of subject" }'
pdftotext r.pdf r.txt 2>r.err; [ -s r.err ] && sort -u r.err || echo "pdftotext: no warnings"
qcode code rename stigma "$(head -c 70000 /dev/zero | tr '\0' s)" >/dev/null
qcode report review -o r2.pdf
qpdf --json --json-key=outlines r2.pdf | grep '"title"' | sed 's/^ *"title": "//; s/",*$//' |
	awk '{ print length($0) }' | sort -n | tail -n 1
