# Outputs that can hold personal data are 0600 whatever the umask, from
# their first byte; the others take the mode a new file gets.
mkdir w && cd w || exit 1
umask 000
qcode init >/dev/null
qcode import "../$EX/transcripts/interview-jgz.vtt" --kind interview >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode autocode >/dev/null
qcode accept all >/dev/null
# an old 0666 temporary at the fixed name, and a 0666 target to replace
: >p.csv.tmp; chmod 666 p.csv.tmp
: >p.csv; chmod 666 p.csv
qcode redact --report p.csv >/dev/null
qcode redact --report p.pdf >/dev/null
qcode export qdpx --real-names -o real.qdpx --loss-report loss.txt >/dev/null
qcode report review --no-pseudonyms -o named.pdf 2>/dev/null >/dev/null
qcode report lessons --no-pseudonyms -o lessons.pdf 2>/dev/null >/dev/null
qcode clone -o anna.db --for-coder anna >/dev/null
qcode export qdpx -o pseud.qdpx >/dev/null
qcode report review -o review.pdf >/dev/null
qcode codebook export -o cb.yaml >/dev/null
qcode export qdc -o cb.qdc >/dev/null
umask 027
qcode report codebook -o book.pdf >/dev/null
for f in p.csv p.pdf real.qdpx loss.txt named.pdf lessons.pdf anna.db pseud.qdpx review.pdf cb.yaml cb.qdc book.pdf; do
	stat -c '%a %n' "$f"
done
