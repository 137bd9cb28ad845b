# Each bad file is refused with one line naming it and the reason; nothing of
# it is stored, the good files of the same command still import, and the
# exit code says some failed.
qcode init >/dev/null
F="$FIX/import"
qcode info --json > before.json
for f in empty.txt nul.txt truncated.odt not-really.docx xxe.docx bomb.docx \
	other.zip.docx bad-time.vtt no-such-file.txt; do
	qcode import "$F/$f" --kind interview > out 2>&1
	echo "exit $?"
	sed "s|$F/||" out
done
qcode info --json > after.json
cmp before.json after.json && echo "info unchanged"
echo '## one bad file among good ones'
qcode import "$F/empty.txt" "$F/labels.txt" --kind interview 2>&1 | sed "s|$F/||"
echo '## a duplicate is refused and names the source'
qcode import "$F/labels.txt" --kind interview 2>&1 | sed "s|$F/||"
echo '## usage errors'
qcode import "$F/labels.txt" 2>&1 | sed "s|$F/||"
qcode import "$F/labels.txt" --kind podcast 2>&1
qcode import "$F/labels.txt" --kind interview --date 12-03-2025 --force 2>&1 | sed "s|$F/||"
qcode sources
