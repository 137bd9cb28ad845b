# The golden round trip: import a REFI project, export it, import that into a
# new project, export again: both exports hold the same project, and both
# validate against the REFI-QDA schema. --turns writes every speaker turn as
# a selection, so the second project has the same turns as the first.
cp "$FIX/refi/demo.qdpx" demo.qdpx
xsd="$ROOT/codebooks/refi-qda/Project-mrt2019.xsd"
qcode -p a.db refi import demo.qdpx
qcode -p a.db export qdpx -o a.qdpx --real-names --turns
qcode -p b.db refi import a.qdpx
qcode -p b.db export qdpx -o b.qdpx --real-names --turns
for f in a b; do
	mkdir "$f" && (cd "$f" && unzip -q "../$f.qdpx")
	xmllint --noout --schema "$xsd" "$f/project.qde" 2>&1
done
# the same XML, sources and GUIDs, byte for byte, but for the export time
sed 's/creationDateTime="[^"]*" *//' a/project.qde > a.x
sed 's/creationDateTime="[^"]*" *//' b/project.qde > b.x
cmp a.x b.x && echo "project.qde: identical"
diff -r a/sources b/sources && echo "sources: identical"
ls a/sources | grep -c .
# every coding's text and coder, memos, attributes, as the project holds them
for db in a.db b.db; do
	sqlite3 "$db" "SELECT k.name, u.name, substr(s.text, c.start_cp + 1,
	  c.end_cp - c.start_cp) FROM codings c JOIN codes k ON k.id = c.code_id
	  JOIN coders u ON u.id = c.coder_id JOIN sources s ON s.id = c.source_id
	  ORDER BY c.guid; SELECT target, text FROM memos ORDER BY guid;
	  SELECT key, value FROM source_attrs ORDER BY key;
	  SELECT coalesce(p.label, '-'), g.start_cp, g.end_cp FROM segments g
	  LEFT JOIN participants p ON p.id = g.participant_id
	  ORDER BY g.start_cp;" > "$db.txt"
done
cmp a.db.txt b.db.txt && cat a.db.txt
qcode -p b.db refi check b.qdpx
