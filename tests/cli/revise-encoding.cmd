# A corrected encoding error inside a coded span, then the same text as
# WebVTT (any importable format): the coding covers the corrected words,
# the turns take the cues' times.
qcode init >/dev/null
qcode import "$FIX/revise/enc-bad.txt" --kind interview >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode tag ouders-verbinden S1:2@0-40 >/dev/null
qcode coded ouders-verbinden --tsv | cut -f3,8
qcode source replace S1 "$FIX/revise/enc-good.txt"
qcode coded ouders-verbinden --tsv | cut -f3,8
qcode search één
qcode source replace S1 "$FIX/revise/enc-good.vtt"
qcode show S1
qcode coded ouders-verbinden --tsv | cut -f3,8
qcode source history S1 --tsv | cut -f1,3,4,5,6,7,8
