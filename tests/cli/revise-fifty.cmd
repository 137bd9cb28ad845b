# Fifty codings, then the transcript corrected: a sentence added to turn 2,
# a word changed inside coded spans, turn 9 deleted. Every coding shows the
# same words as before (but the changed word); those in turn 9 are detached.
qcode init >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
n=1
while [ $n -le 16 ]; do
	qcode tag vertrouwen S1:$n >/dev/null
	qcode tag continuiteit S1:$n@0-12 >/dev/null
	qcode tag stigma S1:$n@4-20 >/dev/null
	n=$((n + 1))
done
qcode tag hele-gezin S1:2@40-80 S1:9@10-40 >/dev/null
qcode info --json | sed 's/.*"codings": \([0-9]*\).*/codings: \1/'
dump() {
	for c in vertrouwen continuiteit stigma hele-gezin; do
		qcode coded $c --tsv | cut -f1,2,8 | tail -n +2
	done | sort -n
}
dump >before.tsv
sed -e '/^Fatima: Ik wil wel/s/$/ Het was in de winter./' \
    -e 's/meteen vertrouwen/direct vertrouwen/' \
    -e '/^Fatima: Ja, dat woord kwetsbaarheid/d' \
    "$EX/transcripts/focusgroep-ouders-tanthof.txt" >corrected.txt
qcode source replace S1 corrected.txt
dump >after.tsv
diff before.tsv after.tsv
qcode coded --detached --tsv | cut -f1-4,7
