# The lessons-learned report: structure, text, page count, filters, errors.
qcode init >/dev/null
cd "$EX/transcripts"
qcode -p "$OLDPWD/qcode.db" import focusgroep-ouders-tanthof.txt focusgroep-professionals.md observatie-huisbezoek-voorhof.txt >/dev/null
qcode -p "$OLDPWD/qcode.db" import interview-jgz.vtt interview-kraamzorg.srt --kind interview --role "Karin de Vries=JGZ" --role Lotte=kraamzorg >/dev/null
cd "$OLDPWD"
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode autocode >/dev/null
qcode accept all >/dev/null
qcode pseudonymise >/dev/null
qcode project set title "Een goede start" >/dev/null
qcode project set period "2024–2025" >/dev/null
qcode project set meetings 11 >/dev/null
qcode memo add project "Elke bijeenkomst was een leercyclus." >/dev/null
qcode report lessons -o l.pdf
qpdf --check l.pdf | head -n 1
pdftotext -q l.pdf l.txt
grep -c . l.txt >/dev/null && echo "text extracted"
for s in "Een goede start" "Samenvatting" "De bevindingen komen uit 5 bronnen" "kwam 11 keer bijeen" \
	"Les 1. Verbinding met ouders" "Les 2. Samenwerking via goede relaties" \
	"Les 3. Een laagdrempelig huisbezoek" "Bevorderende factoren" "Belemmerende factoren" \
	"Aanbeveling" "Vaardigheden voor opleidingen" "Lessen over het proces" \
	"Ondernomen acties" "De leercyclus" "Bijlage: het codeboek" "Frequenties per soort bron" \
	"Ouder 1, focusgroep" "bevorderend" "belemmerend"; do
	grep -qF "$s" l.txt && echo "ok: $s" || echo "MISSING: $s"
done
echo '## one theme, interviews only, in English'
qcode report lessons -o t.pdf --theme samenwerking-relaties --kind interview --lang en
pdftotext -q t.pdf t.txt
grep -c "^Lesson [0-9]" t.txt
grep -F "The findings come from" t.txt
echo '## errors'
qcode report lessons; echo "exit $?"
qcode report lessons -o x.pdf --theme nope; echo "exit $?"
qcode report lessons -o x.pdf --lang fr; echo "exit $?"
qcode report lessons -o /nonexistent/dir/x.pdf; echo "exit $?"
ls x.pdf 2>/dev/null; echo "no half-written file"
printf 'lesson: "Bevinding"\n' > mine.yaml
qcode report lessons -o m.pdf --template mine.yaml >/dev/null
pdftotext -q m.pdf - | grep -c "^Bevinding [0-9]"
