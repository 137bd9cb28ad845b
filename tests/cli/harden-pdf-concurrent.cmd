# A report reads one snapshot and holds no write lock while it renders:
# coding goes on meanwhile, and no 'tag' waits for the report or fails
# with "database is locked".
qcode init >/dev/null
printf 'Interviewer: een vraag\nOuder 1: een antwoord\n' > a.txt
qcode import a.txt --kind interview >/dev/null
qcode code add thema >/dev/null
qcode code add lang --parent thema >/dev/null
qcode code add ander --parent thema >/dev/null
qcode tag lang S1:2 >/dev/null
# a fragment of 300,000 short lines: a report of some 5,700 pages
sqlite3 qcode.db "UPDATE sources SET text = replace(hex(zeroblob(300000)),
	'00', 'a' || char(10)); UPDATE codings SET segment_id = NULL,
	start_cp = 0, end_cp = 600000"
qcode report review -o r.pdf >report.out 2>report.err &
pid=$!
# tag, each time as another coder (a new coding), until the report ends;
# count the tags that were done while it still ran
n=0
during=0
: >tags.err
while kill -0 "$pid" 2>/dev/null; do
	n=$((n + 1))
	qcode tag ander S1:1 --coder "c$n" >/dev/null 2>>tags.err ||
		echo "tag $n failed"
	kill -0 "$pid" 2>/dev/null && during=$((during + 1))
done
wait "$pid"
echo "report: exit $?"
cat report.err
pdfinfo r.pdf | grep -c "^Pages:"
grep -c locked tags.err
[ "$during" -ge 5 ] && echo "5 or more tags done during the report" ||
	echo "only $during tags done during the report"
stored=$(sqlite3 qcode.db "SELECT count(*) FROM codings c JOIN codes k ON
	k.id = c.code_id WHERE k.short_id = 'ander'")
[ "$stored" -eq "$n" ] && echo "every tag stored" || echo "$stored of $n tags stored"
echo '## the report is in the log, written after it rendered'
qcode log --limit 1000 | grep -c "review report to r.pdf"
