# What used to be lost without a word (tests/fixtures/refi/small-losses.qdpx,
# shaped like an ATLAS.ti export): the project's language comes from the
# file; identifiers that are not GUIDs keep their references; a note's name
# and description stay in the memo; a case's pseudonym is kept; a source
# whose text is missing has one line in the loss report; a code marked not
# codable cannot be used by tag.
cp "$FIX/refi/small-losses.qdpx" small-losses.qdpx
qcode refi import small-losses.qdpx --loss-report loss.txt
echo "--- loss.txt"
cat loss.txt
sqlite3 qcode.db "SELECT value FROM settings WHERE key = 'lang';
  SELECT label, pseudonym FROM participants;
  SELECT target, text FROM memos;"
qcode codes
qcode coded workload --full
qcode tag start S1:1
echo "exit $?"
qcode tag first-days S1:1
