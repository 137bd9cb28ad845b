# An NVivo 12 export (tests/fixtures/refi/producers.py): positions in UTF-16
# code units, emoji before the selections. Auto-detected per source, named
# in the import report and the loss report; every coding on its words.
cp "$FIX/refi/nvivo12.qdpx" nvivo12.qdpx
qcode refi import nvivo12.qdpx --loss-report loss.txt
echo "--- loss.txt"
cat loss.txt
qcode codes
for c in eerste-indruk begeleiding emoties; do qcode coded "$c" --full; echo; done
# forced to code points: the standard's unit, and what NVivo does not write
echo "--- --offsets codepoints"
qcode -p cp.db refi import nvivo12.qdpx --offsets codepoints
qcode -p cp.db coded emoties --full
echo "--- --offsets utf16"
qcode -p u.db refi import nvivo12.qdpx --offsets utf16 | grep UTF-16
qcode -p bad.db refi import nvivo12.qdpx --offsets bytes
echo "exit $?"
