# Bad YAML with line and column; validation errors; unknown keys warn.
qcode init >/dev/null
printf 'title: x\ncodes:\n  - id: a\n    name: [unclosed\n' > bad.yaml
qcode codebook check bad.yaml; echo "exit $?"
cat > invalid.yaml <<'Y'
title: Test
language: nl
codes:
- id: a
  name: A
  valence: helpful
  colour: red
  patterns:
    - '(?i)open(paren'
  colours: oops
- id: a
  name: Twice
- id: 'b c'
- id: d
  guid: not-a-guid
  name: D
Y
qcode codebook check invalid.yaml; echo "exit $?"
qcode codebook load invalid.yaml; echo "exit $?"
qcode codes
qcode codebook load missing.yaml; echo "exit $?"
