# End to end: the example transcripts with planted personal data; every
# report and export must be free of each planted string.
qcode init >/dev/null
cd "$EX/transcripts"
qcode -p "$OLDPWD/qcode.db" import focusgroep-ouders-tanthof.txt focusgroep-professionals.md observatie-huisbezoek-voorhof.txt >/dev/null
qcode -p "$OLDPWD/qcode.db" import interview-jgz.vtt interview-kraamzorg.srt interview-verloskundige.docx --kind interview --role "Karin de Vries=JGZ" --role Lotte=kraamzorg >/dev/null
cd "$OLDPWD"
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode autocode >/dev/null
qcode accept all >/dev/null
qcode tag vertrouwen S3:6 S4:4 S6:4 S1:12 >/dev/null
qcode memo add project "Terugbellen naar 06-12345678 lukte niet." >/dev/null
qcode pseudonymise >/dev/null
qcode report lessons -o lessons.pdf >/dev/null
qcode report review -o review.pdf >/dev/null
qcode report codebook -o codebook.pdf >/dev/null
qcode export qdpx -o out.qdpx >/dev/null
mkdir x && (cd x && unzip -q ../out.qdpx)
for f in lessons review codebook; do pdftotext -q $f.pdf $f.txt; done
cat x/project.qde x/sources/*.txt > export.txt
planted=0
grep -v '^#' "$EX/PLANTED.txt" | cut -f2 | sort -u > planted.txt
while IFS= read -r s; do
	planted=$((planted + 1))
	for f in lessons.txt review.txt codebook.txt export.txt; do
		grep -qF "$s" $f && echo "LEAK: '$s' in $f"
	done
done < planted.txt
echo "$(wc -l < planted.txt) planted strings checked in 3 reports and the export"
grep -c '\[telefoonnummer\]' review.txt
grep -c '\[BSN\]' export.txt
leaks() {
	while IFS= read -r s; do
		for f in "$@"; do grep -qF "$s" "$f" && echo "LEAK: '$s' in $f"; done
	done < planted.txt
	echo "checked $*"
}
echo "## the redaction list names every planted item"
qcode redact --dry-run --json > dry.json
while IFS= read -r s; do
	grep -qF "\"found\": \"$s\"" dry.json || echo "MISSED: '$s'"
done < planted.txt
qcode redact --dry-run | tail -n 1
echo "## more outputs: a second coder's agreement report, the codebook export, show --redacted, search, coded"
QCODE_CODER=ben qcode tag vertrouwen S1:2 S1:11 S3:6 S4:4 >/dev/null
qcode report agreement -o agreement.pdf >/dev/null
pdftotext -q agreement.pdf agreement.txt
qcode export qdc -o codes.qdc >/dev/null
for s in S1 S2 S3 S4 S5 S6; do qcode show $s --redacted; done > shown.txt
qcode coded vertrouwen --full > coded.txt
qcode search vertrouwen --limit 0 --full > search.txt
leaks agreement.txt codes.qdc shown.txt
# coded and search show turns as stored, speakers by pseudonym
grep -c '^S[0-9:]* *\(Fatima\|Priya\|Karin\)' coded.txt
grep -c ' \(Fatima\|Priya\|Karin\)[^:]*: ' search.txt
echo "## import --redact: nothing planted in the stored texts"
cd "$EX/transcripts"
qcode -p "$OLDPWD/r.db" init >/dev/null
qcode -p "$OLDPWD/r.db" import --redact focusgroep-ouders-tanthof.txt focusgroep-professionals.md observatie-huisbezoek-voorhof.txt | tail -n 1
qcode -p "$OLDPWD/r.db" import --redact interview-jgz.vtt interview-kraamzorg.srt interview-verloskundige.docx --kind interview --role "Karin de Vries=JGZ" --role Lotte=kraamzorg | tail -n 1
cd "$OLDPWD"
sqlite3 r.db "SELECT text FROM sources; SELECT text FROM segments" > stored.txt
leaks stored.txt
# a source kept whole holds each turn at its offsets; a framed one (the
# text outside its turns) adds up to the whole text's length
sqlite3 r.db "SELECT count(*) FROM segments g JOIN sources s ON s.id = g.source_id WHERE (s.framed = 0 AND substr(s.text, g.start_cp + 1, g.end_cp - g.start_cp) <> g.text) OR length(g.text) <> g.end_cp - g.start_cp"
sqlite3 r.db "SELECT count(*) FROM sources s WHERE s.framed = 1 AND s.chars <> length(s.text) + (SELECT sum(end_cp - start_cp) FROM segments WHERE source_id = s.id)"
qcode -p r.db log --limit 2 | cut -c 24- 
