# Each query form: word, stemming, AND, OR, NOT, phrase, prefix, NEAR, speaker column
qcode init >/dev/null
python3 "$FIX/search/load.py" qcode.db "$FIX/search/corpus.sql"
qcode reindex
echo '## word (stemmed: vertrouwen, not vertrouwde)'; qcode search vertrouwen --order doc
echo '## AND'; qcode search 'vertrouwen AND kraamverzorgster'
echo '## OR'; qcode search 'folder OR consultatiebureau' --order doc
echo '## NOT'; qcode search 'vertrouwen NOT warme' --order doc
echo '## AND NOT'; qcode search 'vertrouwen AND NOT warme' --order doc
echo '## phrase'; qcode search '"warme overdracht"'
echo '## prefix'; qcode search 'vertrouw*' --order doc
echo '## prefix of a part word (kraam stems to kram), not the speaker Kraamverzorgende'; qcode search 'kraam*' --order doc
echo '## NEAR'; qcode search 'NEAR(warme overdracht, 1)' --order doc
echo '## NEAR too far'; qcode search 'NEAR(vertrouwen folder, 2)'
echo '## speaker column'; qcode search 'speaker:moeder' --context 3
echo '## several words are one query'; qcode search warme overdracht --order doc --context 2
