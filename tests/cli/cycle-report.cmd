# The learning cycle in the reports: report cycle (timeline, trails,
# outline, pages, both languages), the lessons report's actions, process
# lessons, counts and cycle figures from the log, and report review
# --since a meeting or a date with the team's notes at the end.
outline() {
	qpdf --json --json-key=outlines "$1" | awk '
	/"destpageposfrom1"/ { sub(/.*: /, ""); gsub(/[^0-9]/, ""); n++; page[n] = $0; depth[n] = sp; stack[sp++] = n }
	/"title"/ { sub(/^ *"title": "/, ""); sub(/",?$/, ""); title[stack[--sp]] = $0 }
	END { for (i = 1; i <= n; i++) printf "%*s%s (p. %s)\n", 2 * depth[i], "", title[i], page[i] }'
}
has() { f=$1; shift; for s in "$@"; do grep -qF "$s" "$f" && echo "ok: $s" || echo "MISSING: $s"; done; }
qcode init >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" "$EX/transcripts/observatie-huisbezoek-voorhof.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode pseudonymise >/dev/null
qcode project set title "Een goede start" >/dev/null
qcode project set meetings 11 >/dev/null
qcode redact name add "Jan de Vries" >/dev/null
echo '## no meetings yet'
qcode report cycle -o c.pdf; echo "exit $?"
# codings before the second meeting, and after it
QCODE_NOW=2025-05-01T10:00:00Z qcode tag stigma S1:8 S1:9 >/dev/null
QCODE_NOW=2025-05-01T10:00:00Z qcode tag vertrouwen S1:3 >/dev/null
QCODE_NOW=2025-07-01T10:00:00Z qcode tag continuiteit S1:16 >/dev/null
QCODE_NOW=2025-07-01T10:00:00Z qcode tag warme-overdracht S2:3 >/dev/null
qcode meeting add 2025-03-10 --title "Eerste LOT" --attendees "ouder=3,verloskundige=2,JGZ=1" --themes verbinding-ouders >/dev/null
qcode meeting add 2025-06-12 --title "Tweede LOT" --attendees "ouder=2,kraamzorg=1" --themes samenwerking-relaties >/dev/null
qcode meeting add 2025-09-20 --title "Derde LOT" --attendees "ouder=4,JGZ=2" --themes laagdrempelig-huisbezoek >/dev/null
qcode review note M1 stigma "Ouders willen niet 'kwetsbaar' genoemd worden; bel Jan de Vries op 06-12345678." >/dev/null
qcode review priority M1 stigma 5 --by ouder >/dev/null
qcode review priority M1 stigma 4 --by verloskundige >/dev/null
qcode review note M2 samenwerking-relaties "Warme overdracht werkt als men elkaar kent." >/dev/null
qcode action add "Social media om ouders te bereiken" --theme verbinding-ouders --meeting M1 --owner JGZ >/dev/null
qcode action add "PHB in het basiszorgpad" --theme laagdrempelig-huisbezoek --meeting M1 >/dev/null
qcode action add "Warme overdracht tussen verloskundige, kraamzorg en JGZ" --theme samenwerking-relaties --meeting M2 >/dev/null
qcode action add "Informatieschermen in wachtkamers" --theme laagdrempelig-huisbezoek --meeting M2 >/dev/null
qcode action set A1 --status trying --date 2025-04-01 >/dev/null
qcode action set A2 --status trying --date 2025-04-15 >/dev/null
qcode action evaluate A1 --meeting M2 "Meer ouders melden zich aan via Instagram." --evidence S1:3 >/dev/null
qcode action set A1 --status adopted --meeting M3 >/dev/null
qcode action evaluate A2 --meeting M3 "Verloskundigen noemen het PHB nu standaard." >/dev/null
qcode action set A3 --status trying --date 2025-07-01 >/dev/null
qcode action set A4 --status dropped --date 2025-09-25 >/dev/null
qcode decision add M2 "Het woord kwetsbaar niet meer gebruiken in brieven" --theme stigma --evidence S1:8 >/dev/null
qcode lesson add "Het onderzoek volgde de praktijk, waardoor het aansloot bij wat deelnemers belangrijk vonden." --process --meeting M3 >/dev/null
qcode lesson add "Deelnemers leerden elkaar beter kennen; nieuwe samenwerking ontstond, ook buiten het LOT." --process --evidence S2:4 >/dev/null
qcode lesson add "Spreek niet over kwetsbaarheid." --theme stigma --meeting M3 >/dev/null
echo '## report cycle'
qcode report cycle -o c.pdf
qpdf --check c.pdf | tail -n 1
pdftotext c.pdf c.txt 2>c.err
[ -s c.err ] && { echo "pdftotext complained:"; sort -u c.err; } || echo "pdftotext: no warnings"
pdfinfo c.pdf | grep -E "^(Title|Pages):"
outline c.pdf
has c.txt "LEERGESCHIEDENIS" "Samenvatting" "kwam 3 keer bijeen, van 10 maart 2025 tot 20 september" \
	"ouder 4, JGZ 2, verloskundige 2," "De leercyclus in cijfers" "3 bijeenkomsten" "4 acties bedacht" \
	"3 bijeenkomsten · 3 acties geprobeerd · 2 geëvalueerd · 1 overgenomen" \
	"M1 · 10 maart 2025 · Eerste LOT" "Aanwezig: ouder 3, verloskundige 2, JGZ 1" \
	"Het etiket kwetsbaar stigmatiseert: 5 (ouder), 4 (verloskundige)" "Tussen M1 en M2" \
	"bedacht 10 maart, geprobeerd 1 april" "Geëvalueerd" "A1 Social media om ouders te bereiken: Meer ouders" \
	"Besluiten" "Vanaf M3" "gestopt 25 september" "Per thema: van eerste codering tot les" \
	"Voor het eerst gecodeerd op 1 mei 2025; fragmenten: 4." "Besproken op: M1 (prioriteit 4,5)" \
	"Geleerde lessen over het proces" "Spreek niet over kwetsbaarheid." "“"
echo '## privacy: the note is redacted, the evidence pseudonymised'
grep -c "Jan de Vries\|06-12345678" c.txt
grep -o "Ouder [0-9], focusgroep" c.txt | sort -u
echo '## in English, one theme'
qcode report cycle -o e.pdf --lang en --theme samenwerking-relaties --json
pdftotext -q e.pdf e.txt
has e.txt "LEARNING HISTORY" "The learning and development team met 3 times, from 10 March 2025 to 20 September" \
	"3 meetings · 3 actions tried · 2 evaluated · 1 adopted" "M2 · 12 June 2025 · Tweede LOT" "thought up 12 June, tried" "Per theme: from first coding to lesson" \
	"Samenwerking via goede relaties" "Lessons about the process"
grep -c "Social media" e.txt
grep -c "^Verbinding met ouders$" e.txt
echo '## cycle errors'
qcode report cycle -o x.pdf --theme nope; echo "exit $?"
qcode report cycle; echo "exit $?"
ls x.pdf 2>/dev/null; echo "no file left behind"
echo '## report lessons: actions, process lessons, counts and figures from the log'
qcode report lessons -o l.pdf >/dev/null
pdftotext -q l.pdf l.txt
has l.txt "Het leer- en ontwikkelteam kwam 3 keer bijeen." \
	"Aan het leer- en ontwikkelteam namen deel (hoogstens per bijeenkomst): ouder 4, JGZ 2," \
	"Lessen over het proces" "Het onderzoek volgde de praktijk" "Ondernomen acties" \
	"Social media om ouders te bereiken — overgenomen (2025-09-20). Meer ouders melden" \
	"Informatieschermen in wachtkamers — gestopt (2025-09-25)" \
	"3 bijeenkomsten · 3 acties geprobeerd · 2 geëvalueerd · 1 overgenomen"
grep -c "kwam 11 keer" l.txt
echo '## report review --since'
qcode report review -o all.pdf
qcode report review -o r2.pdf --since M2
qcode report review -o d.pdf --since 2025-06 --json
pdftotext -q r2.pdf r2.txt
has r2.txt "Alleen fragmenten die zijn gecodeerd sinds M2 (2025-06-12)." "Continuïteit: een bekend gezicht" \
	"Wat het team eerder zei" "M1, 2025-03-10, Het etiket kwetsbaar stigmatiseert: prioriteit 5 van 5 (ouder)" \
	"M2, 2025-06-12: Warme overdracht werkt als men elkaar kent."
grep -c "Het etiket kwetsbaar stigmatiseert (stigma)" r2.txt
grep -c "Jan de Vries" r2.txt
qcode report review -o x.pdf --since M3; echo "exit $?"
qcode report review -o x.pdf --since M2 --theme laagdrempelig-huisbezoek; echo "exit $?"
qcode report review -o x.pdf --since M9; echo "exit $?"
qcode report review -o x.pdf --since 2025-13; echo "exit $?"
qcode report review -o x.pdf --since Mx; echo "exit $?"
ls x.pdf 2>/dev/null; echo "no file left behind"
echo '## a template: only the timeline, in A5; an unknown section'
printf 'page: A5\nsections: [cover, timeline]\nnl:\n  timeline: "Wat er gebeurde"\n' > t.yaml
qcode report cycle -o t.pdf --template t.yaml
outline t.pdf | head -n 3
pdfinfo t.pdf | grep "Page size" | sed 's/  */ /g'
printf 'sections: [cover, tijdlijn]\n' > bad.yaml
qcode report cycle -o b.pdf --template bad.yaml; echo "exit $?"
ls b.pdf 2>/dev/null; echo "no file left behind"
echo '## no pseudonyms: said on every page'
qcode report cycle -o n.pdf --no-pseudonyms 2>/dev/null
pdftotext -q n.pdf - | grep -c "NIET GEPSEUDONIMISEERD"
pdfinfo n.pdf | grep Pages
