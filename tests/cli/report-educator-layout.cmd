# Pages without blemishes (points 10-12): the summary with background,
# method and data, the first lesson flowing onto it, a finding per
# factor, chart labels on two lines, actions typed as actions, tables
# kept with their end, the running headers, and a theme of actions
# refused.
. "$FIX/report/setup.sh"
outline() {
	qpdf --json --json-key=outlines "$1" | awk '
	/"destpageposfrom1"/ { sub(/.*: /, ""); gsub(/[^0-9]/, ""); n++; page[n] = $0; depth[n] = sp; stack[sp++] = n }
	/"title"/ { sub(/^ *"title": "/, ""); sub(/",?$/, ""); title[stack[--sp]] = $0 }
	END { for (i = 1; i <= n; i++) printf "%*s%s (p. %s)\n", 2 * depth[i], "", title[i], page[i] }'
}
for lang in nl en; do
	echo "## $lang"
	qcode report lessons -o $lang.pdf --lang $lang
	qpdf --check $lang.pdf | tail -n 1
	pdfinfo $lang.pdf | grep -E "^Pages:"
	outline $lang.pdf
	pdftotext -q -f 2 -l 2 $lang.pdf p2.txt
	grep -E "^(Aanleiding|Background|Vraag|Question|Methode|Method|Gegevens|Data|Les 1\.|Lesson 1\.)" p2.txt
	pdftotext -q $lang.pdf all.txt
	# the chart's longest label, whole on two lines
	grep -A1 -E "^Medisch en sociaal domein spreken een$" all.txt | head -n 2
	grep -E "^(actie|action|thema|theme)$" all.txt | sort | uniq -c | sed 's/^ *//'
	grep -E "(keer genoemd|mentioned (once|[0-9]+ times))" all.txt
	# every page after the cover is headed by the project's title
	for p in 2 3 4; do pdftotext -q -f $p -l $p $lang.pdf - | head -n 1; done
done
echo "## a table's end keeps at least four rows"
python3 - <<'PY'
import subprocess
n = int(subprocess.run(["pdfinfo", "nl.pdf"], capture_output=True, text=True).stdout.split("Pages:")[1].split()[0])
last = subprocess.run(["pdftotext", "-q", "-f", str(n), "-l", str(n), "-layout", "nl.pdf", "-"], capture_output=True, text=True).stdout
rows = [l for l in last.splitlines() if l.rstrip().endswith(("0", "1", "2", "3", "4", "5")) and " / " not in l]
print("rows on the last page:", len(rows) >= 4)
PY
echo "## the codebook's running header is the project's title"
qcode report codebook -o c.pdf >/dev/null
pdftotext -q -f 2 -l 2 c.pdf - | head -n 1
echo "## a theme of actions has no lessons"
qcode report lessons -o a.pdf --theme acties; echo "exit $?"
test -e a.pdf || echo "no a.pdf"
qcode report review -o a.pdf --theme acties >/dev/null; echo "exit $?"
echo "## a finding from the codebook"
sed 's/^  - id: vertrouwen$/  - id: vertrouwen\n    finding: Ouders vertellen meer aan wie ze al kennen./' "$ROOT/codebooks/phb-delft.yaml" > cb.yaml
qcode codebook load cb.yaml >/dev/null
qcode codebook export -o cb2.yaml >/dev/null && grep -F "finding:" cb2.yaml
qcode report lessons -o f.pdf >/dev/null
pdftotext -q f.pdf - | grep -A1 -F "Ouders vertellen meer"
