# source replace: text inserted before, inside and after coded spans, and a
# new turn; every coding keeps its words (plus what was inserted inside).
qcode init >/dev/null
qcode import "$FIX/revise/fg.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
. "$FIX/revise/tag.sh"
qcode search fijn >/dev/null
qcode coded verbinding-ouders --children --tsv | cut -f2,3,8
qcode source replace S1 "$FIX/revise/fg-insert.txt"
qcode coded verbinding-ouders --children --tsv | cut -f2,3,8
qcode coded hele-gezin --tsv | cut -f2,3,8
echo '## the saved hit moved with its word'
qcode hits --tsv
echo '## only the changed turns were indexed again'
qcode search maart
qcode search mee --order doc --count
qcode show S1 --from 4 --to 6
qcode sources
