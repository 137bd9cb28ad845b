# Names beyond the speakers, end to end: people named only in field notes,
# surnames alone, a Teams "Surname, First" label and a label with a number,
# an English interview in a Dutch project, and names in the researcher's
# own text (file name, codebook fields, a recommendation, an attribute, a
# memo). Every output is searched for every planted string and its
# variants: any case, without spaces, dashes or dots, the last word alone.
B="$FIX/privacy/beyond"
qcode init >/dev/null
cd "$B" && qcode -p "$OLDPWD/qcode.db" import int03_esther.txt observatie.txt interview-en.txt --kind interview >/dev/null; cd "$OLDPWD"
qcode codebook load "$B/codebook.yaml" >/dev/null
qcode autocode >/dev/null
qcode accept all >/dev/null
qcode tag drempels S1:3 S3:1 >/dev/null
qcode project set recommendation "Vraag Femke Dijkstra om mee te lezen." >/dev/null
qcode source set S2 --attr "contact=Noor Haddad" >/dev/null
qcode memo add project "Lotte Kramer belde terug over het huisbezoek." >/dev/null
qcode memo add vertrouwen "Zie ook het verhaal van Samira Haddou." >/dev/null
qcode pseudonymise >/dev/null
QCODE_CODER=ben qcode tag vertrouwen S1:1 S1:4 S2:1 >/dev/null
qcode report lessons -o lessons.pdf >/dev/null
qcode report review -o review.pdf >/dev/null
qcode report codebook -o codebook.pdf >/dev/null
qcode report agreement -o agreement.pdf >/dev/null
for f in lessons review codebook agreement; do pdftotext -q $f.pdf $f.txt; done
qcode export qdpx -o out.qdpx >/dev/null
mkdir x && (cd x && unzip -q ../out.qdpx)
cat x/project.qde x/sources/*.txt > qdpx.txt
qcode export qdc -o codes.qdc >/dev/null
qcode codebook export -o codebook.yaml >/dev/null
qcode codebook export -o codebook.csv >/dev/null
qcode report lessons --no-pseudonyms -o real.pdf >/dev/null 2>&1
pdftotext -q real.pdf real.txt
outs="lessons.txt review.txt codebook.txt agreement.txt qdpx.txt codes.qdc codebook.yaml codebook.csv"
grep -v '^#' "$B/PLANTED.txt" > planted.txt
# each string, without spaces, dashes and dots, and its last word when it
# holds no digits
while IFS= read -r s; do
	echo "$s"
	echo "$s" | tr -d ' .,-'
	case "$s" in *[0-9]*) ;; *' '*) echo "${s##* }" ;; esac
done < planted.txt | sort -u > variants.txt
while IFS= read -r v; do
	for f in $outs; do
		grep -qiF -- "$v" "$f" && echo "LEAK: '$v' in $f"
	done
done < variants.txt
echo "$(wc -l < planted.txt) planted strings, $(wc -l < variants.txt) variants checked in: $outs"
echo "## the footer says possible names were left out unreviewed"
grep -c 'Mogelijke namen die niemand heeft nagekeken' lessons.txt review.txt codebook.txt agreement.txt
echo "## --no-pseudonyms shows speakers by label, but people who never speak stay out"
for v in Samira Haddou Aisha Amrani Hughes Femke Lotte; do grep -qiF "$v" real.txt && echo "LEAK: '$v' in real.txt"; done
grep -c 'Vermeulen, Ingrid' real.txt
echo "## every output is in the audit log"
qcode log --limit 20 | sed 's/^.*Z  //; s/ (.*//' | grep -E 'report|export'
echo "## the dry run lists the possible names to review"
qcode redact --dry-run --tsv | awk -F'\t' '$2 == "mogelijke naam" { print $1 "\t" $3 }'
qcode redact --dry-run | tail -n 2
