# Redaction fails closed. A rule that ends in a PCRE2 error on a text (its
# match limit here, on S1:3) stops the output: nothing is written, exit 2,
# the rule and the segment are named. The number 06-87654321 on S1:3 would
# otherwise be left in every output. A rule that already backtracks without
# end on a test text is refused when the rules are loaded.
qcode init >/dev/null
{
	printf -- '---\nkind: interview\n---\n'
	printf 'Moderator: Hoe gaat het?\n'
	printf 'Ouder 1: Goed. Bel me op 06-12345678 als er iets is.\n'
	printf 'Ouder 1: Het was x%s heel lang, bel 06-87654321.\n' \
		"$(printf '%040d' 0 | tr 0 a)"
	printf 'Moderator: Dank u.\n'
} > t.txt
qcode import t.txt >/dev/null
qcode code add Contact >/dev/null
qcode code add Bellen --parent Contact >/dev/null
qcode tag Bellen S1:2 S1:3 >/dev/null
qcode tag Bellen S1:2 --coder bert >/dev/null
# the rules in a file, and as the project's default (show, export)
mkdir -p data/codebooks
printf 'rules:\n  - label: telefoon\n    pattern: %s\n' "'x(a+)+b|06-\\d{8}'" > rules.yaml
cp rules.yaml data/codebooks/redaction-nl.yaml
export QCODE_DATADIR=data
echo '## redact --dry-run, --report CSV and PDF'
qcode redact --dry-run --rules rules.yaml; echo "exit $?"
qcode redact --report p.csv --rules rules.yaml; echo "exit $?"
qcode redact --report p.pdf --rules rules.yaml; echo "exit $?"
echo '## show --redacted prints nothing'
qcode show S1 --redacted; echo "exit $?"
qcode show S1 --redacted --json; echo "exit $?"
echo '## export qdpx'
qcode export qdpx -o x.qdpx; echo "exit $?"
echo '## report review'
qcode report review -o r.pdf --rules rules.yaml; echo "exit $?"
echo '## report agreement'
qcode report agreement -o a.pdf; echo "exit $?"
echo '## import --redact'
qcode import t.txt --redact --rules rules.yaml --force; echo "exit $?"
echo '## nothing was written'
ls p.csv p.pdf x.qdpx r.pdf a.pdf 2>&1 | sed 's/^ls: //'
qcode sources | wc -l
echo '## a rule that fails on a test text is refused at load'
printf 'rules:\n  - label: telefoon\n    pattern: %s\n' "'(a+)+b|06-\\d{8}'" > bad.yaml
qcode redact --dry-run --rules bad.yaml; echo "exit $?"
qcode report review -o r.pdf --rules bad.yaml; echo "exit $?"
cp bad.yaml data/codebooks/redaction-nl.yaml
qcode show S1 --redacted; echo "exit $?"
ls r.pdf 2>&1 | sed 's/^ls: //'
echo '## the same texts with a sound rule: the numbers are gone from the PDF'
printf 'rules:\n  - label: telefoon\n    pattern: %s\n' "'06-\\d{8}'" > good.yaml
qcode report review -o r.pdf --rules good.yaml; echo "exit $?"
pdftotext -q r.pdf - | grep -c "06-"
pdftotext -q r.pdf - | grep -o "bel \[telefoon\]"
