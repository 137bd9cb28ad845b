# Bad queries and patterns: plain words, exit 2, never SQL
qcode init >/dev/null
python3 "$FIX/search/load.py" qcode.db "$FIX/search/corpus.sql"
qcode reindex
for q in 'vertrouwen AND' 'OR warme' '"warme overdracht' '(warme OR koude' 'warme)' 'speaker:' 'NEAR(warme overdracht, ver)' '*' ', ;'; do
	qcode search "$q"; echo "exit $?"
done
echo '## bad regex'; qcode search --regex 'vertrouw(en'; echo "exit $?"
qcode search --regex '[a-'; echo "exit $?"
qcode search vertrouwen --order best; echo "exit $?"
