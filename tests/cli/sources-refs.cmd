# sources: a source is named "S3" only (digits, no sign or blanks);
# source set changes the kind alone too, and logs it; show --redacted
# redacts the speaker in JSON as in text.
qcode init >/dev/null
T="$EX/transcripts"
qcode import "$T/focusgroep-ouders-tanthof.txt" >/dev/null
for r in S1 s1 S01 S+1 'S 1' S-1 S0 S 1 S1:2 S99999999999999999999; do
	printf '%s: ' "$r"; qcode show "$r" --to 1 >/dev/null 2>err && echo ok || cat err
done
echo '## kind alone'
qcode source set S1 --kind interview; echo "exit $?"
qcode sources --tsv
qcode log --limit 1 | cut -f3- -d' ' | sed 's/^ *//'
echo '## speakers through the rules in both forms'
qcode show S1 --to 3 --redacted | grep -c Fatima
qcode show S1 --to 3 --redacted --json | grep -c Fatima
qcode show S1 --to 3 --json | grep -c Fatima
