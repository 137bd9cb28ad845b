# Selections across paragraphs and turns (tests/fixtures/refi/paragraphs.qdpx):
# one over three paragraphs of a turn, one from the end of a turn into the
# next, one that starts in the blank line between two turns. Each is shown
# whole by coded --full, show marks every turn a coding reaches, and codes,
# freq and coded count the same codings.
cp "$FIX/refi/paragraphs.qdpx" paragraphs.qdpx
qcode refi import paragraphs.qdpx
qcode show S1
qcode codes
qcode freq
for c in dagritme vermoeidheid; do qcode coded "$c" --full; echo; done
echo "coded rows: $(qcode coded dagritme --tsv | tail -n +2 | wc -l) dagritme," \
	"$(qcode coded vermoeidheid --tsv | tail -n +2 | wc -l) vermoeidheid"
# a project imported before codings were given the turn they reach: no turn
# recorded for a coding that starts between turns; coded still shows it
sqlite3 qcode.db "UPDATE codings SET segment_id = NULL WHERE start_cp = 193"
qcode coded vermoeidheid --full
qcode freq --tsv
