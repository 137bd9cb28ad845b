# a project in a read-only folder (a read-only mount as root, where
# permission bits do not hold; chmod otherwise) can be read by every
# command that only reads; a command that writes says it is read-only
qcode init --title Alleen-lezen >/dev/null
mkdir ro
mv qcode.db ro/
T="$(cd "$EX" && pwd)/transcripts"
(cd ro && qcode import "$T/observatie-huisbezoek-voorhof.txt" && qcode code add Bezoek && qcode tag bezoek S1:1 && qcode memo add S1 notitie) >/dev/null
chmod 0444 ro/qcode.db
chmod 0555 ro
ro() {
	if [ "$(id -u)" = 0 ]; then
		unshare -m sh -c 'mount --bind -o ro ro ro && cd ro && exec "$@"' sh "$@"
	else
		(cd ro && "$@")
	fi
}
# EROFS as root, EACCES otherwise: the same words here
same() { sed 's/Read-only file system/read-only/; s/Permission denied/read-only/'; }
ro qcode info | grep -v 'file size'
ro qcode sources
ro qcode show S1 --to 1
ro qcode search verloskundige --limit 1
ro qcode codes
ro qcode coded bezoek --context 3
ro qcode memo list
ro qcode log --limit 1
ro qcode export qdc -o ../book.qdc
ro qcode freq
echo '## writes are refused'
ro qcode code add Nieuw 2>err; echo "exit $?"; same <err
ro qcode source rm S1 2>err; echo "exit $?"; same <err
ro qcode show S1 --to 1 --real-names 2>err; echo "exit $?"; same <err
# a report must be logged: refused before any file is made
ro qcode report codebook -o ../book.pdf 2>err; echo "exit $?"; same <err
ro qcode report agreement -o ../agr.pdf 2>err; echo "exit $?"; same <err
ls book.pdf agr.pdf 2>/dev/null || echo "no PDF"
echo '## a script reads, then stops at the write'
printf 'codes\ncode add Nieuw\ncodes\n' >s.qcs
ro qcode -f ../s.qcs 2>err; echo "exit $?"; same <err
ls ro
chmod 0755 ro
chmod 0644 ro/qcode.db
qcode -p ro/qcode.db codes
