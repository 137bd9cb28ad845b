# `qcode help CMD` and the command's section of the manual page are the
# same text: both are written from the command table by one walk. Each
# command's section, turned back from troff into text, must equal its help
# (usage line, summary, options), for every command of the table.
qcode help --man > q.1
detroff() { sed -e '/^\.SS/d' -e '/^\.TP$/d' -e '/^\.br$/d' \
	-e 's/\\f[BRI]//g' -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/^\\&//'; }
plain() { sed -e 's/^usage: //' -e '/^  options:$/d' -e 's/^ *//' \
	-e 's/^\(-[^ ]*\( [^ ]\{1,\}\)*\)   *\(.*\)$/\1\n\3/' | sed 's/ *$//'; }
bad=0
qcode help --json | sed -n 's/.*"name": "\([^"]*\)".*/\1/p' > names
n=0
while read -r name; do
	n=$((n + 1))
	awk -v s=".SS \"$name\"" '$0 == s { on = 1; next } on && /^\.S[SH]/ { exit } on' q.1 |
		detroff > man.txt
	qcode help $name | plain > help.txt
	# "help code" would list every "code ..." command: take the first
	awk 'NR > 1 && /^qcode / { exit } 1' help.txt > help1.txt
	cmp -s man.txt help1.txt || { echo "differs: $name"; diff help1.txt man.txt | head -5; bad=1; }
done < names
echo "$n commands checked"
# the page is well-formed troff (groff prints nothing on a clean page)
groff -man -ww -z q.1 && echo "groff: clean"
grep -c '^\.SS' q.1
exit $bad
