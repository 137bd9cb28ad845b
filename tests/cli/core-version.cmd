# version names qcode and its libraries
qcode version | sed 's/ [0-9][0-9.]*.*//' 
qcode version | grep -c 'FTS5'
qcode --json version | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["fts5"], sorted(d))'
