# In the REPL (commands on stdin), `search vertrouw*` then `hits` shows the same list
qcode init >/dev/null
python3 "$FIX/search/load.py" qcode.db "$FIX/search/corpus.sql"
qcode reindex >/dev/null
printf 'search vertrouw* --limit 3\nhits\n' | qcode > both.txt
cat both.txt
echo '## the list and hits agree'
head -3 both.txt > a.txt; tail -3 both.txt > b.txt; cmp a.txt b.txt && echo same
