# One filter, one meaning: the same options through search --count, coded,
# freq, cooc, agreement and disagreements select the same fragments. --kind and --source are lists,
# --source takes 1 or S1, --until 2025-04 includes all of April.
qcode init >/dev/null
cd "$EX/transcripts"
qcode -p "$OLDPWD/qcode.db" import focusgroep-ouders-tanthof.txt focusgroep-professionals.md observatie-huisbezoek-voorhof.txt >/dev/null
qcode -p "$OLDPWD/qcode.db" import interview-jgz.vtt interview-kraamzorg.srt --kind interview >/dev/null
cd "$OLDPWD"
qcode code add "Filter check" >/dev/null
qcode code add "Other" >/dev/null
qcode tag filter-check S1:3 S1:16 S2:3 S3:1 S4:1 S5:1 >/dev/null
qcode tag other S1:3 S2:3 S3:1 S4:1 >/dev/null
for f in "--kind focus-group,observation --source 1,S2,S3 --until 2025-04" \
	 "--until 2025-03" "--source S2,3" "--speaker Fatima" \
	 "--kind interview --coder tester"; do
	echo "## $f"
	echo "# search --count: segments"
	qcode search --regex . --coded filter-check $f --count | awk 'NR > 1 && $1 ~ /^S[0-9]/ { print $1, $NF }'
	echo "# coded"
	qcode coded filter-check $f --tsv | cut -f 3,7
	echo "# freq"
	qcode freq --by source $f --csv | grep -e '^code' -e '^filter-check'
	echo "# cooc"
	qcode cooc --codes filter-check,other $f --csv
done
# A second coder, and the filters (without --coder: agreement compares
# --coders) through agreement and disagreements: agreement's units per
# source are the segments search finds, its disagreements the fragments
# coded lists for one of the two coders (in the sources both coded).
qcode tag filter-check S1:3 S1:5 S2:3 S4:1 S5:2 --coder ben >/dev/null
for f in "--kind focus-group,observation --source 1,S2,S3 --until 2025-04" \
	 "--until 2025-03" "--source S2,3" "--speaker Fatima" "--kind interview"; do
	echo "## $f"
	echo "# search --count: segments"
	qcode search --regex . $f --count | awk 'NR > 1 && $1 ~ /^S[0-9]/ { print $1, $NF }'
	echo "# agreement --by source: units"
	qcode agreement --codes filter-check --by source $f --tsv |
		awk -F '\t' 'NR > 1 && $2 > 0 { print $1, $2 }'
	echo "# coded by tester; by ben"
	for c in tester ben; do
		qcode coded filter-check $f --coder $c --tsv | cut -f 3 | tail -n +2 | paste -sd ' '
	done
	echo "# disagreements"
	qcode disagreements filter-check --coders tester,ben $f |
		awk '$1 ~ /^S[0-9]/ { sub(":$", "", $3); print $1, $3 }'
done
# the agreement report's disagreement pages follow the same filter
for f in "" "--kind interview" "--until 2025-03"; do
	echo "## report agreement${f:+ $f}"
	qcode report agreement --codes filter-check --coders tester,ben $f -o agr.pdf >/dev/null
	pdftotext agr.pdf - | grep -oE 'S[0-9]+:[0-9]+' | sort -u | paste -sd ' '
done
