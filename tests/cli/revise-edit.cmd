# source edit in $EDITOR (a script here): the text with its labels as
# stored; an unchanged text, a failing editor and bad input change nothing.
qcode init >/dev/null
qcode import "$FIX/revise/fg.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
. "$FIX/revise/tag.sh"
cat >fix.sh <<'SH'
#!/bin/sh
cp "$1" seen.txt
sed -i -e 's/meteen vertrouwen/direct vertrouwen/' -e 's/^Fatma:/Fatima:/' "$1"
SH
chmod +x fix.sh
EDITOR=./fix.sh qcode source edit S1
head -3 seen.txt
ls -a | grep -c qcode-tmp
qcode coded vertrouwen --tsv | cut -f3,4,8
echo '## unchanged'
EDITOR=true qcode source edit S1
echo '## errors'
EDITOR=false qcode source edit S1; echo "exit $?"
cat >empty.sh <<'SH'
#!/bin/sh
: >"$1"
SH
chmod +x empty.sh
EDITOR=./empty.sh qcode source edit S1; echo "exit $?"
qcode source edit S9; echo "exit $?"
qcode source replace S1 nothere.txt; echo "exit $?"
printf '\n\n' >blank.txt
qcode source replace S1 blank.txt; echo "exit $?"
qcode source replace S1 x.qdpx; echo "exit $?"
qcode source replace S1; echo "exit $?"
qcode source history S1 --csv
qcode coded; echo "exit $?"
EDITOR=true qcode source edit S1 --json
