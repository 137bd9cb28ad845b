# A code's finding (the sentence reports print above its quotes) is text
# the researcher writes: the codebook export redacts it like the
# definition, lesson and every other field.
qcode init >/dev/null
cat > cb.yaml <<'Y'
title: Test
codes:
  - id: vertrouwen
    name: Vertrouwen
    definition: Vertrouwen in de zorgverlener.
    finding: Ouders vertrouwen Okafor omdat zij thuis komt.
Y
qcode codebook load cb.yaml >/dev/null
qcode redact name add Okafor >/dev/null
qcode codebook export -o out.yaml
grep "finding" out.yaml
qcode codebook export -o out.qdc --format qdc >/dev/null
echo "Okafor in the qdc: $(grep -c Okafor out.qdc)"
