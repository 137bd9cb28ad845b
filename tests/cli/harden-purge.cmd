# source rm --purge leaves no word of the source in the project file or
# its WAL (the FTS5 index, the audit log, saved hits, memos, codings), and
# a purge cut short after its delete is finished by the next write.
qcode init >/dev/null
printf 'Interviewer: Hoe gaat het met de kraamzorg?\nAnna: Goed, de verloskundige komt elke week.\n' > keep.txt
{
	echo "Interviewer: Vertel over mevrouw Zwijnsteker."
	echo "Zwijnsteker: Mijn BSN is 123456782, mail k.zwijnsteker@voorbeeld.nl."
	i=1
	while [ $i -le 300 ]; do
		echo "Zwijnsteker: beurt $i met Grubbelhorst en Quaxelmeier."
		i=$((i + 1))
	done
} > interview-zwijnsteker.txt
qcode import --kind interview keep.txt interview-zwijnsteker.txt >/dev/null
qcode code add wonen >/dev/null
qcode tag wonen S2:2 --memo "Zwijnsteker noemt haar BSN" >/dev/null
qcode memo add S2:3 "Grubbelhorst is de buurman" >/dev/null
qcode memo add 1 "Quaxelmeier erbij" >/dev/null
qcode participant set S2 Zwijnsteker --pseudonym "Bewoner 1" >/dev/null
qcode search Quaxelmeier --limit 1 >/dev/null
# the bytes of the project and its WAL, case-insensitive; stems too
count() { cat qcode.db qcode.db-wal 2>/dev/null | grep -aic "$1"; }
for w in zwijnstek 123456782 voorbeeld.nl grubbelhorst quaxelmei; do
	[ "$(count $w)" -gt 0 ] && echo "before: $w present"
done
qcode source rm S2 --purge
for w in zwijnstek 123456782 voorbeeld.nl grubbelhorst quaxelmei; do
	echo "after: $w $(count $w)"
done
[ -s qcode.db-wal ] && echo "the WAL is not empty"
qcode search kraamzorg --count
qcode search Zwijnsteker --count
qcode hits; echo "exit $?"
qcode memo list
qcode log | cut -f3- -d' ' | sed 's/^ *//'

# a purge killed after its delete: the mark is left, the index still
# holds the words; the next writing command finishes the wipe
printf 'Interviewer: Waar woont u?\nBewoner: Bij de Plompenkamp, naast Wobbeltje.\n' > kort.txt
qcode import --kind interview kort.txt >/dev/null
qcode source rm S2 >/dev/null
sqlite3 qcode.db "INSERT INTO settings VALUES ('purge_pending', '1')"
[ "$(count plompenkamp)" -gt 0 ] && echo "cut short: plompenkamp present"
qcode project show | grep -c purge_pending
qcode project set period 2025 >/dev/null
echo "finished: plompenkamp $(count plompenkamp) wobbeltje $(count wobbeltje)"
qcode project show | grep -c purge_pending
qcode search kraamzorg --count | tail -n 1
