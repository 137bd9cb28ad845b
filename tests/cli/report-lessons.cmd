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
qcode memo add project "Elke bijeenkomst was een leercyclus." --for report >/dev/null
qcode report lessons -o l.pdf
qpdf --check l.pdf | head -n 1
qpdf --check l.pdf | tail -n 1
# the ToUnicode maps are right: pdftotext has nothing to say
pdftotext l.pdf l.txt 2>l.err
[ -s l.err ] && { echo "pdftotext complained:"; sort -u l.err; } || echo "pdftotext: no warnings"
pdfinfo l.pdf | grep -E "^(Title|Author|Subject|Creator|Pages|Page size):"
echo '## outline'
# qpdf lists an entry's kids before its title: put them back in reading order
outline() {
	qpdf --json --json-key=outlines "$1" | awk '
	/"destpageposfrom1"/ { sub(/.*: /, ""); gsub(/[^0-9]/, ""); n++; page[n] = $0; depth[n] = sp; stack[sp++] = n }
	/"title"/ { sub(/^ *"title": "/, ""); sub(/",?$/, ""); title[stack[--sp]] = $0 }
	END { for (i = 1; i <= n; i++) printf "%*s%s (p. %s)\n", 2 * depth[i], "", title[i], page[i] }'
}
outline l.pdf
grep -c "^[0-9]* / [0-9]*$" l.txt
grep -qF "3 / 10" l.txt && echo "page numbers n / N"
grep -c . l.txt >/dev/null && echo "text extracted"
for s in "Een goede start" "Samenvatting" "De bevindingen komen uit 5 bronnen" "kwam 11 keer bijeen" \
	"Les 1. Verbinding met ouders" "Les 2. Samenwerking via goede relaties" \
	"Les 3. Een laagdrempelig huisbezoek" "Bevorderende factoren" "Belemmerende factoren" \
	"Aanbeveling" "Vaardigheden voor opleidingen" "Lessen over het proces" \
	"Ondernomen acties" "De leercyclus" "Bijlage: het codeboek" "Frequenties per soort bron" \
	"Ouder 1, focusgroep" "bevorderend" "belemmerend" "Continuïteit: een bekend gezicht" \
	"2024–2025" "“"; do
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
printf 'nl:\n  lesson: "Bevinding"\n' > mine.yaml
qcode report lessons -o m.pdf --template mine.yaml >/dev/null
pdftotext -q m.pdf - | grep -c "^Bevinding [0-9]"
echo '## no pseudonyms: warned, and said on every page'
qcode report lessons -o n.pdf --no-pseudonyms >/dev/null
pdftotext -q n.pdf - | grep -c "NIET GEPSEUDONIMISEERD"
pdfinfo n.pdf | grep Pages
qcode report lessons -o t.pdf --theme samenwerking-relaties --kind interview --lang en --no-pseudonyms >/dev/null
pdftotext -q t.pdf - | grep -o "Karin de Vries, JGZ, interview" | sort -u
echo '## a character the font lacks'
printf -- '---\nkind: interview\n---\nOuder: Ik zei 你好 en 😀, écht.\n' > cjk.txt
qcode import cjk.txt >/dev/null
qcode tag stigma S6:1 --exemplar >/dev/null
qcode report lessons -o k.pdf --theme verbinding-ouders
pdftotext k.pdf - 2>&1 | grep -F "Ik zei"
echo '## more errors'
qcode report lessons -o f.pdf --font missing.ttf; echo "exit $?"
echo nope > bad.ttf
qcode report lessons -o f.pdf --font bad.ttf; echo "exit $?"
qcode code add "Een thema zonder codes" --id leeg >/dev/null
qcode code add "Iets dat helpt" --parent leeg --valence facilitating >/dev/null
qcode report lessons -o f.pdf --theme leeg; echo "exit $?"
qcode report review -o f.pdf --theme leeg; echo "exit $?"
qcode report lessons -o all.pdf >/dev/null
pdftotext -q all.pdf - | grep -c "Een thema zonder codes"
qcode report lessons -o f.pdf --kind literature; echo "exit $?"
qcode report lessons -o qcode.db/f.pdf; echo "exit $?"
ls f.pdf f.pdf.tmp qcode.db/f.pdf 2>/dev/null; echo "no file left behind"
mkdir empty && cd empty && qcode init >/dev/null
qcode report lessons -o e.pdf; echo "exit $?"
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode report lessons -o e.pdf; echo "exit $?"
qcode report review -o e.pdf; echo "exit $?"
ls e.pdf 2>/dev/null; echo "no file left behind"
