# Report templates: sections left out, another language, page size,
# colours, labels; bad templates give file:line:column errors and no PDF.
qcode init >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
qcode import "$EX/transcripts/interview-jgz.vtt" --kind interview >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode autocode >/dev/null
qcode accept all >/dev/null
qcode pseudonymise >/dev/null
qcode project set title "Een goede start" >/dev/null
outline() {
	qpdf --json --json-key=outlines "$1" | grep '"title"' | sed 's/^ *"title": "//; s/",*$//'
}
echo '## the shipped template'
qcode report lessons -o full.pdf >/dev/null
outline full.pdf | grep -E "Bijlage|Frequenties|leercyclus"
echo '## leave out the appendix'
cat > no-appendix.yaml <<'T'
# the educator's request: no appendix
sections: [cover, summary, themes, overall, actions, cycle]
T
qcode report lessons -o n.pdf --template no-appendix.yaml
outline n.pdf | grep -cE "Bijlage|Frequenties"
pdftotext -q n.pdf - | grep -cE "Bijlage: het codeboek|Frequenties per soort bron"
outline n.pdf | grep -c "De leercyclus"
echo "pages: $(pdfinfo full.pdf | awk '/^Pages:/ { print $2 }') -> $(pdfinfo n.pdf | awk '/^Pages:/ { print $2 }')"
echo '## only the frequencies, and the chart left out of each theme'
printf 'sections:\n  - themes\n  - frequencies\ntheme: [lesson, facilitating, hindering]\n' > freq.yaml
qcode report lessons -o f.pdf --template freq.yaml >/dev/null
outline f.pdf | grep -E "^Les 1|Bijlage|Frequenties|Samenvatting"
pdftotext -q f.pdf - | grep -c "Hoe vaak elke factor"
pdftotext -q full.pdf - | grep -c "Hoe vaak elke factor"
echo '## English, with a heading of its own'
cat > english.yaml <<'T'
report: lessons
en:
  lesson: 'Finding'
  facilitating: 'What helps'
T
qcode report lessons -o en.pdf --lang en --template english.yaml >/dev/null
outline en.pdf | grep -E "^(Summary|Finding 1|What helps|Hindering factors|Appendix: the codebook)" | sort -u
pdftotext -q en.pdf - | grep -cE "^(Samenvatting|Bevorderende factoren|Les 1)"
echo '## page size and colours'
printf 'page: A5\ncolours:\n  accent: "#ff0000"\n  headings: "#00ff00"\n' > a5.yaml
qcode report lessons -o a5.pdf --template a5.yaml >/dev/null
pdfinfo a5.pdf | grep "Page size"
pdftotext -q a5.pdf - | grep -c "Les 1"
qpdf --qdf --object-streams=disable a5.pdf a5q.pdf
grep -ac "^1 0 0 rg" a5q.pdf | sed 's/^[1-9][0-9]*$/accent drawn/'
grep -ac "^0 1 0 rg" a5q.pdf | sed 's/^[1-9][0-9]*$/headings drawn/'
printf 'page: letter\n' > letter.yaml
qcode report codebook -o c.pdf --template letter.yaml >/dev/null
pdfinfo c.pdf | grep "Page size"
echo '## review and codebook: parts left out'
printf 'code: [count, fragments]\n' > rv.yaml
qcode report review -o r.pdf --template rv.yaml >/dev/null
pdftotext -q r.pdf - | grep -cE "Aantekeningen"
pdftotext -q r.pdf - | grep -c "fragmenten$"
printf 'sections: [cover, codes]\nen:\n  example: "For instance"\n' > cb.yaml
qcode report codebook -o cb.pdf --template cb.yaml --lang en >/dev/null
outline cb.pdf | grep -c "Overview"
pdftotext -q cb.pdf - | grep -c "^For instance:"
echo '## unknown keys are warned, the PDF is written'
cat > warn.yaml <<'T'
page: A4
paper: A5
colours:
  ink: '#000000'
lesson: 'Bevinding'
nl:
  lesson: 'Bevinding'
  lessen: 'Bevindingen'
T
qcode report lessons -o w.pdf --template warn.yaml; echo "exit $?"
pdftotext -q w.pdf - | grep -c "^Bevinding 1"
echo '## bad templates: exit 2, no PDF'
printf 'sections: [cover, summary\n' > syntax.yaml
qcode report lessons -o bad.pdf --template syntax.yaml; echo "exit $?"
cat > bad.yaml <<'T'
report: lessons
page: A3
colours:
  accent: red
sections:
  - cover
  - apendix
  - cover
theme: lesson
nl:
  lesson: [Les]
T
qcode report lessons -o bad.pdf --template bad.yaml; echo "exit $?"
printf 'report: review\n' > kind.yaml
qcode report lessons -o bad.pdf --template kind.yaml; echo "exit $?"
printf 'sections: []\n' > empty.yaml
qcode report codebook -o bad.pdf --template empty.yaml; echo "exit $?"
printf -- '- cover\n' > list.yaml
qcode report review -o bad.pdf --template list.yaml; echo "exit $?"
qcode report lessons -o bad.pdf --template missing.yaml; echo "exit $?"
qcode report lessons -o bad.pdf --lang de; echo "exit $?"
ls bad.pdf bad.pdf.tmp 2>/dev/null; echo "no PDF"
echo '## a language of its own'
printf 'de:\n  lesson: "Lektion"\n' > de.yaml
qcode report lessons -o de.pdf --lang de --template de.yaml >/dev/null; echo "exit $?"
pdftotext -q de.pdf - | grep -c "^Lektion 1"
