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
