# Each rule with true and false positives: a 9-digit number that fails the
# eleven-test and an IBAN with a wrong check digit stay; names with
# diacritics and names added by hand are caught.
qcode init >/dev/null
qcode import "$FIX/privacy/rules.txt" >/dev/null
qcode redact name add "José"
qcode redact name list
qcode redact --dry-run
qcode show S1 --redacted
qcode redact --dry-run --json | head -c 150; echo
qcode redact; echo "exit $?"
qcode redact --dry-run --rules nope.yaml; echo "exit $?"
