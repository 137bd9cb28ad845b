# One filter, one meaning: the same options through search --count, coded,
# freq and cooc select the same fragments. --kind and --source are lists,
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
