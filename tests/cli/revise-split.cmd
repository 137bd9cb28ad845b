# A turn split in two and two turns merged: both reported; the codings
# follow their words into the new turns; turn numbers move where they must.
qcode init >/dev/null
qcode import "$FIX/revise/fg.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
. "$FIX/revise/tag.sh"
qcode memo add S1:9 "afsluiting" >/dev/null
qcode source replace S1 "$FIX/revise/fg-split.txt"
qcode show S1 --from 6
qcode coded verbinding-ouders --children --tsv | cut -f2,3,4,8
qcode memo list
qcode source replace S1 "$FIX/revise/fg-split.txt"
