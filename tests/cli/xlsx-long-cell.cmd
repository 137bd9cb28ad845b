# A cell a spreadsheet cannot hold (over 32,767 characters: a coded turn of
# 42,000) fails the file with the reason; no half-written file is left.
qcode init >/dev/null
python3 -c "print('Ouder 1: ' + 'woord '*7000)" > a.txt
qcode import a.txt --kind interview >/dev/null
qcode code add Lang --id lang >/dev/null
qcode tag lang S1:1 >/dev/null
qcode coded lang --xlsx x.xlsx --real-names; echo "exit $?"
ls
