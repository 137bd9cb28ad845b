# Regex, --limit, --context, --full, --json, --tsv, --count, hits, reindex
qcode init >/dev/null
python3 "$FIX/search/load.py" qcode.db "$FIX/search/corpus.sql"
qcode reindex
echo '## regex'; qcode search --regex '(?i)kw[eé]tsba\w+'
echo '## regex with filter'; qcode search --regex '\bkeer\b' --kind interview
echo '## --limit'; qcode search 'een OR de' --order doc --limit 3 --context 2
echo '## --full'; qcode search pre-eclampsie --full
echo '## --context 0'; qcode search kraamverzorgster --context 0
echo '## --tsv'; qcode search warme --tsv --order doc
echo '## --json'; qcode search overdracht --json --order doc --context 2 | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["shown"], [(h["n"], h["ref"], h["speaker"], h["match"], h["start_cp"], h["end_cp"]) for h in d["hits"]])'
echo '## --count'; qcode search 'vertrouw*' --count
echo '## --count --json'; qcode search --regex 'keer' --count --json
echo '## hits shows the last list'; qcode search 'vertrouw*' --limit 2 --order doc; qcode hits
echo '## hits are kept per coder'; QCODE_CODER=anna qcode hits; echo "exit $?"
echo '## reindex in English: stemming follows'; qcode reindex --lang en; qcode search kwetsbaarheid --order doc; qcode project show | grep lang
qcode reindex --lang fr; echo "exit $?"
