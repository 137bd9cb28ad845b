# Honest counts and grammar (points 6 and 7): a code's frequency is the
# number of distinct fragments coded with it, whoever coded them; singular
# and plural in both languages.
. "$FIX/report/setup.sh"
echo "## codings and fragments"
qcode coded vertrouwen | grep -c "^S1:4 "
qcode report lessons -o l.pdf
pdftotext -q l.pdf l.txt
# each factor with its counts: vertrouwen is S1:4 (a span and the whole,
# by two coders) and S1:8: two; warme-overdracht S1:1, S1:2, S2:6 (twice)
# and S2:8: four; one of a kind is singular
awk '/keer gecodeerd/ { print prev ": " $0 } { prev = $0 }' l.txt
grep -F "Onderzoekers codeerden" l.txt
grep -F "De bevindingen komen uit" l.txt
grep -F "Deelnemers:" l.txt
echo "## the appendix says what is counted"
grep -F "Geteld zijn verschillende fragmenten" l.txt
echo "## English"
qcode report lessons -o e.pdf --lang en
pdftotext -q e.pdf e.txt
awk '/^coded (once|[0-9]+ times)/ { print prev ": " $0 } { prev = $0 }' e.txt
grep -F "Researchers coded" e.txt
grep -F "Participants:" e.txt
grep -F "Counted are distinct fragments" e.txt
echo "## one source, one participant"
qcode report lessons -o o.pdf --kind observation
pdftotext -q o.pdf - | grep -F "De bevindingen komen uit"
pdftotext -q o.pdf - | grep -F "keer gecodeerd"
echo "## the review sheet counts fragments the same way"
qcode report review -o r.pdf
pdftotext -q r.pdf - | grep -E "^[0-9]+ fragment(en)?$" | sort | uniq -c | sed 's/^ *//'
