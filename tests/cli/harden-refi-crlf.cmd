# Texts with Windows line breaks whose positions count each CR LF as one
# character (QualCoder's "MAXQDA line endings", ATLAS.ti): detected, named in
# the report, and no drift of one character per line.
cp "$FIX/refi/crlf-one.qdpx" crlf-one.qdpx
qcode refi import crlf-one.qdpx
for c in werkdruk samenwerking; do qcode coded "$c" --full; echo; done
# the text keeps its words; the stored text has LF line ends
sqlite3 qcode.db "SELECT c.id, substr(s.text, c.start_cp + 1, c.end_cp - c.start_cp)
  FROM codings c JOIN sources s ON s.id = c.source_id ORDER BY c.id"
