# A coded turn deleted: its coding is detached (kept, listed), re-attached
# with tag --reattach with its memo; the old text stays as version 1.
qcode init >/dev/null
qcode import "$FIX/revise/fg.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
. "$FIX/revise/tag.sh"
qcode memo add S1:7 "kwetsbaar: ook in de folder" >/dev/null
qcode memo add 5 "stigma of schaamte?" >/dev/null
qcode source replace S1 "$FIX/revise/fg-delete.txt"
qcode coded stigma
qcode coded --detached
qcode coded stigma --detached --json
qcode memo list
qcode info --json | sed 's/.*"codings": \([0-9]*\).*/codings: \1/'
qcode show S1 --from 6
echo '## history and the old text'
qcode source history S1
qcode show S1 --version 1 --from 7 --to 7
qcode show S1 --version 2 --from 7 --to 8
qcode show S1 --version 3; echo "exit $?"
echo '## tagged again, on the words it is about now'
qcode import "$FIX/revise/enc-good.txt" --kind interview >/dev/null
qcode tag wisselende-gezichten S1:6 --reattach D5; echo "exit $?"
qcode tag stigma S2:1 --reattach D5; echo "exit $?"
qcode tag stigma S1:6 S1:8 --reattach D5; echo "exit $?"
qcode tag stigma S1:6 --reattach D9; echo "exit $?"
qcode tag stigma S1:6 --reattach X5; echo "exit $?"
qcode tag stigma S1:6 --reattach D5 --coder anna; echo "exit $?"
qcode tag stigma S1:6@0-18 --reattach D5
qcode coded stigma --tsv | cut -f1,2,3,8
qcode coded --detached
qcode memo list
qcode log --limit 3 | cut -c1-4,27-
echo '## a detached coding goes along when its code is merged'
sed 's/Dat ze de tijd nam\. //' "$FIX/revise/fg-delete.txt" >v3.txt
qcode source replace S1 v3.txt >/dev/null
qcode coded --detached --tsv | cut -f1,2
qcode code merge stigma wisselende-gezichten >/dev/null
qcode coded --detached --tsv | cut -f1,2
qcode code rm wisselende-gezichten; echo "exit $?"
qcode coded --detached --tsv | cut -f1,2
