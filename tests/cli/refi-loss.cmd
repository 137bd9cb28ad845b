# a project from another program: tolerant import (braces and lower-case
# GUIDs, a .qde not named project.qde, no isCodable, inline text, a BOM and
# CRLF) and a data-loss report that names every element not carried over
cp "$FIX/refi/elsewhere.qdpx" elsewhere.qdpx
unzip -l elsewhere.qdpx | awk 'NR > 3 && $4 != "" { print $4 }'
qcode refi import elsewhere.qdpx --loss-report loss.txt
echo "--- loss.txt"
cat loss.txt
sqlite3 qcode.db "SELECT c.name, coalesce(p.name, '-'), coalesce(c.colour, '-'),
  c.codable FROM codes c LEFT JOIN codes p ON p.id = c.parent_id ORDER BY c.id;
  SELECT u.name, substr(s.text, c.start_cp + 1, c.end_cp - c.start_cp)
  FROM codings c JOIN sources s ON s.id = c.source_id JOIN coders u
  ON u.id = c.coder_id ORDER BY c.id; SELECT target, text FROM memos;"
