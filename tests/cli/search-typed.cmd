# Queries as researchers type them: diacritics, hyphens, apostrophes, e-mail, numbers
qcode init >/dev/null
python3 "$FIX/search/load.py" qcode.db "$FIX/search/corpus.sql"
qcode reindex
echo '## kwetsbaarheid finds kwétsbaar and kwetsbaarheden'; qcode search kwetsbaarheid --order doc
echo '## hyphen'; qcode search pre-eclampsie
echo '## hyphens'; qcode search huis-aan-huis
echo '## apostrophe'; qcode search "baby's"
echo "## 's avonds"; qcode search "'s avonds"
echo '## e-mail'; qcode search info@ggd-delft.nl
echo '## number'; qcode search 14
echo '## één folds to een'; qcode search één --order doc --count
echo '## --exact'; qcode search één --exact --order doc
echo '## --exact Vóór'; qcode search Vóór --exact
