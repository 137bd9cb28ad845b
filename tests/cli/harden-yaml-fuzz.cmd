# What fuzzing the YAML readers found: an unknown report name in a template
# read past the list of names; a codebook's title or language given twice
# leaked the first; a redaction rule whose key is a list or a mapping was
# read as text.
qcode init >/dev/null
qcode import "$FIX/privacy/rules.txt" >/dev/null
printf 'report: podcast\n' > kind.yaml
qcode report codebook -o k.pdf --template kind.yaml; echo "exit $?"
printf 'title: A\ntitle: B\nlanguage: en\nlanguage: nl\ncodes:\n- name: C\n' > twice.yaml
qcode codebook check twice.yaml; echo "exit $?"
cat > keys.yaml <<'Y'
? [a, b]
: c
{x: y}: z
rules:
  - label: telefoon
    pattern: '06-\d{8}'
    [a]: b
    {c: d}: e
Y
qcode redact --dry-run --rules keys.yaml; echo "exit $?"
