# Projects laid out as NVivo, ATLAS.ti, MAXQDA and QualCoder write them
# (tests/fixtures/refi/tools.py): each imported, then every code's codings
# through `coded --full`, compared with what the file's selections span,
# computed apart in each program's unit (UTF-16 for NVivo, CRLF as one
# character for ATLAS.ti, code points otherwise). A difference would be
# shown; the importer finds each file's unit, so every coding is on its
# text.
python3 "$ROOT/tests/fixtures/refi/tools.py" .
for t in nvivo atlas maxqda qualcoder; do
	echo "## $t"
	python3 "$ROOT/tests/fixtures/refi/tools.py" --expect $t.qdpx > $t.want
	qcode -p $t.db refi import $t.qdpx
	for k in Steun Zwaar Later; do
		qcode -p $t.db coded "$k" --full --json 2>&1 |
		python3 -c 'import json,sys; d=sys.stdin.read()
try: rows=json.loads(d)
except Exception: print(d.strip()); sys.exit()
for r in rows: print(sys.argv[1] + "|" + r["text"])' "$k"
	done | sort > $t.got
	sed 's/|.*//' $t.want | sort | uniq -c | sed 's/^ */want /'
	if cmp -s $t.want $t.got; then echo "every coding on its text"
	else diff $t.want $t.got | sed 's/^/  /'; fi
done
