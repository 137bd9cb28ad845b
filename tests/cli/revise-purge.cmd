# A corrected source purged: its earlier versions and detached codings go
# with it, leaving no word of any version in the project file.
qcode init >/dev/null
printf 'Interviewer: Hoe gaat het?\nAnna: Goed.\n' > keep.txt
printf 'Interviewer: Vertel over Zwijnsteker.\nZwijnsteker: Ik woon bij Grubbelhorst.\nZwijnsteker: En Quaxelmeier komt soms.\n' > old.txt
printf 'Interviewer: Vertel over Zwijnsteker.\nZwijnsteker: Ik woon bij Grubbelhorst in Delft.\n' > new.txt
qcode import --kind interview keep.txt old.txt >/dev/null
qcode code add wonen >/dev/null
qcode tag wonen S2:3 --memo "Quaxelmeier is de zoon" >/dev/null
qcode memo add 1 "Quaxelmeier erbij" >/dev/null
qcode source replace S2 new.txt >/dev/null
qcode coded --detached --tsv | cut -f1,2,3,7
count() { cat qcode.db qcode.db-wal 2>/dev/null | grep -aic "$1"; }
for w in zwijnstek grubbelhorst quaxelmei; do
	[ "$(count $w)" -gt 0 ] && echo "before: $w present"
done
qcode source rm S2 --purge
for w in zwijnstek grubbelhorst quaxelmei; do
	echo "after: $w $(count $w)"
done
qcode memo list
qcode coded --detached
