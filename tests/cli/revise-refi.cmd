# After a correction the REFI-QDA export holds the current text, and its
# selections cover the same words: read back, every coding shows them.
qcode init >/dev/null
qcode import "$FIX/revise/fg.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
. "$FIX/revise/tag.sh"
qcode autocode >/dev/null
qcode suggestions --tsv
qcode source replace S1 "$FIX/revise/fg-insert.txt" >/dev/null
echo '## suggestions moved with their words'
qcode suggestions --tsv
qcode export qdpx -o a.qdpx --real-names >/dev/null
qcode refi check a.qdpx
qcode -p b.db refi import a.qdpx >/dev/null
qcode -p b.db coded verbinding-ouders --children --tsv | cut -f2,3,8
qcode -p b.db show S1 --from 2 --to 2 --real-names
