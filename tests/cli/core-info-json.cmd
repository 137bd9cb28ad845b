# --json prints one valid JSON document holding the schema version
qcode -p my.db init --lang en --json
qcode -p my.db info --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sorted(d)); print(d["schema"], d["lang"])'
QCODE_PROJECT=my.db qcode --json info | python3 -c 'import json,sys; print(json.load(sys.stdin)["project"])'
