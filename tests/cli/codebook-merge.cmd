# Merge by GUID then id; write-back; prune refusal and --prune.
qcode init >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
cat > cb.yaml <<'Y'
title: Klein
codes:
- id: thema
  name: Thema
  codes:
  - id: vertrouwen
    name: Vertrouwen
    valence: facilitating
  - id: drempel
    name: Drempel
    valence: hindering
Y
cp cb.yaml orig.yaml
qcode codebook load cb.yaml --write-back
grep -c '^ *guid: ' cb.yaml
diff orig.yaml cb.yaml | grep -c '^> *guid'
qcode codebook load cb.yaml
qcode tag drempel S1:4
sed -i 's/name: Vertrouwen/name: Vertrouwen opbouwen/' cb.yaml
awk 'BEGIN{skip=0} /id: drempel/{skip=4} skip>0{skip--; next} {print}' cb.yaml > cb3.yaml
qcode codebook load cb3.yaml; echo "exit $?"
qcode codes
qcode codebook load cb3.yaml --prune
qcode codes
qcode log --limit 3
