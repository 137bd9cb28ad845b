# Many distinct speaker labels: each label is one participant, in order
# of first appearance, and every turn of a label goes to that participant.
qcode init >/dev/null
i=0
while [ $i -lt 2000 ]; do
	echo "Spreker$i: eerste beurt."
	i=$((i + 1))
done > many.txt
i=1999
while [ $i -ge 0 ]; do
	echo "Spreker$i: tweede beurt, nu terug."
	i=$((i - 1))
done >> many.txt
qcode import --kind interview many.txt
qcode participants S1 --tsv > p.tsv
echo "participants: $(($(wc -l < p.tsv) - 1))"
echo "with two turns: $(awk -F'\t' 'NR > 1 && $5 == 2' p.tsv | wc -l)"
sed -n '2p;3p;2001p' p.tsv
qcode show S1 --from 2001 --to 2002 --real-names
# 200,000 distinct labels import in seconds (comparing each turn with all
# earlier ones took minutes)
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "P%d: kort.\n", i }' > huge.txt
QCODE_PROJECT=huge.db qcode init >/dev/null
QCODE_PROJECT=huge.db timeout 30 qcode import --kind interview huge.txt >/dev/null
echo "huge: exit $?"
QCODE_PROJECT=huge.db qcode sources --tsv | cut -f6,7
# front matter: roles are looked up by label; more than 10,000 entries
# (each compared with those before) are refused
{
	printf -- '---\nkind: interview\nroles:\n  P2: ouder\n  P1: moeder\n---\n'
	printf 'P1: een.\nP2: twee.\nP3: drie.\n'
} > roles.txt
QCODE_PROJECT=roles.db qcode init >/dev/null
QCODE_PROJECT=roles.db qcode import roles.txt >/dev/null
QCODE_PROJECT=roles.db qcode participants --tsv
awk 'BEGIN { print "---"; print "roles:"
	for (i = 0; i < 10001; i++) printf "  P%d: rol\n", i
	print "---"; print "P1: een." }' > front.txt
QCODE_PROJECT=roles.db qcode import --kind interview front.txt; echo "exit $?"
