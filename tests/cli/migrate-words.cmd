# A project from before schema 3 counted "didn't" and "Delft-Zuid" as two
# words and "€" as none. Opening it brings the stored counts to the one
# rule (whitespace-separated tokens): the source's words equal the sum of
# its turns', as 'participants' counts them.
qcode init >/dev/null
printf 'Ouder 1: I didn'"'"'t know, in Delft-Zuid it costs € 12.\nVerloskundige: Oké.\n' > a.txt
qcode import a.txt --kind interview >/dev/null
sqlite3 qcode.db "UPDATE sources SET words = 14; PRAGMA user_version = 2"
qcode sources --json | python3 -c 'import json,sys; print([s["words"] for s in json.load(sys.stdin)])'
qcode participants --json | python3 -c 'import json,sys; print(sum(p["words"] for p in json.load(sys.stdin)))'
qcode info | grep schema
