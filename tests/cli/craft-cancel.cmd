# Ctrl-C (SIGINT) in the middle of a large import: the command is rolled
# back and exits 130 saying "cancelled" once; the project is as before
# (info, integrity check) and no temporary file is left. A second Ctrl-C
# does not wait for the command to notice: it exits 130 at once, and the
# project is still as before.
qcode init >/dev/null
printf 'Moderator: welkom\nOuder: dank je\n' > small.txt
qcode import small.txt --kind interview >/dev/null
qcode info > before
mkdir big
awk 'BEGIN { for (f = 1; f <= 40; f++) { fn = sprintf("big/t%03d.txt", f)
	for (i = 0; i < 8000; i++) printf "Spreker %d: over vertrouwen, zorg en de wijk waarin wij wonen, regel %d van bestand %d\n", i % 7, i, f > fn
	close(fn) } }'
# SIGINT once the import is writing (its WAL has grown), long before it ends
cancel() {
	"$@" > out 2> err &
	pid=$!
	n=0
	while [ ! -s qcode.db-wal ] && [ $n -lt 1500 ]; do sleep 0.02; n=$((n + 1)); done
	sleep 0.3
	kill -INT $pid
	[ "$twice" ] && kill -INT $pid 2>/dev/null
	wait $pid
	echo "exit $?"
	# one line either way (which Ctrl-C ends it is the machine's timing)
	[ "$twice" ] && grep -c cancelled err || cat err out
}
cancel qcode import big --kind interview
qcode info > after
cmp before after && echo "project unchanged"
ls -a | grep qcode-tmp
twice=1 cancel qcode import big --kind interview
# the first open after an exit mid-transaction drops what the WAL holds
# of it (info counts the WAL in the file size until then)
qcode info > /dev/null
qcode info > after
cmp before after && echo "project unchanged"
ls -a | grep qcode-tmp
if command -v sqlite3 >/dev/null; then sqlite3 qcode.db 'PRAGMA integrity_check'; else echo ok; fi
