# A query that ends in 'speaker:"' (an opening quote and nothing after
# it) is refused as an unbalanced quote, not read past its end.
qcode init >/dev/null
printf 'Ouder 1: Wij wachtten lang.\n' > a.txt
qcode import a.txt --kind interview >/dev/null
qcode search 'speaker:"'; echo "exit $?"
qcode search 'wachten speaker:"'; echo "exit $?"
