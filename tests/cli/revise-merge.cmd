# The same correction in a coder's copy: merge brings it here (our codings
# mapped through it, theirs matched by text); two different corrections,
# or one made here after the copy, are reported as conflicts.
qcode init >/dev/null
qcode import "$FIX/revise/fg.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
. "$FIX/revise/tag.sh"
qcode clone -o anna.db --for-coder anna >/dev/null
qcode clone -o bob.db --for-coder bob >/dev/null
qcode clone -o carl.db --for-coder carl >/dev/null
QCODE_CODER=anna qcode -p anna.db source replace S1 "$FIX/revise/fg-delete.txt" >/dev/null
QCODE_CODER=anna qcode -p anna.db tag wisselende-gezichten S1:3@0-34
QCODE_CODER=anna qcode -p anna.db tag stigma S1:6@0-18
echo '## merge the corrected copy'
qcode merge anna.db --dry-run
qcode coded --detached
qcode merge anna.db
qcode coded --detached
qcode coded verbinding-ouders --children --tsv | cut -f2,3,6,8
qcode source history S1 --tsv | cut -f1,3,4,5,6,7,8
qcode merge anna.db
echo '## corrected differently there and here'
QCODE_CODER=bob qcode -p bob.db source replace S1 "$FIX/revise/fg-label.txt" >/dev/null
qcode merge bob.db
echo '## a copy made before the correction here'
QCODE_CODER=carl qcode -p carl.db tag stigma S1:8@0-14 >/dev/null
qcode merge carl.db
qcode merge carl.db --json
echo '## a blind copy shows no one else'"'"'s detached codings'
qcode clone -o dora.db --for-coder dora --blind >/dev/null
qcode -p dora.db coded --detached
