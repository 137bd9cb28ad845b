# a second init refuses and changes nothing
qcode init --title First >/dev/null
before=$(sha256sum qcode.db)
qcode init --title Second
echo "exit $?"
after=$(sha256sum qcode.db)
[ "$before" = "$after" ] && echo "unchanged"
qcode info --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["title"], d["schema"], d["sources"])'
