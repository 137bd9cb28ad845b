# Each filter, alone
qcode init >/dev/null
python3 "$FIX/search/load.py" qcode.db "$FIX/search/corpus.sql"
qcode reindex
echo '## --kind'; qcode search vertrouwen --kind focus-group --order doc
echo '## --kind list'; qcode search vertrouwen --kind interview,observation --order doc
echo '## --source'; qcode search vertrouwen --source S3,S4 --order doc
echo '## --speaker label'; qcode search vertrouwen --speaker Moderator
echo '## --speaker pseudonym'; qcode search vertrouwen --speaker Fatima
echo '## --role'; qcode search 'keer' --role ouder --order doc
echo '## --kind and --role'; qcode search vertrouwen --kind focus-group --role ouder
echo '## --attr of a source'; qcode search vertrouwen --attr wijk=Centrum
echo '## --attr of a participant'; qcode search keer --attr taal=Nederlands --order doc
echo '## --coded'; qcode search vertrouwen --coded F1 --order doc
echo '## --coded by name, --coder'; qcode search vertrouwen --coded Vertrouwensrelatie --coder anna
echo '## --not-coded'; qcode search vertrouwen --not-coded F1 --order doc
echo '## --coder alone'; qcode search 'vertrouw*' --coder tester --order doc
echo '## --since'; qcode search vertrouwen --since 2024-06-01 --order doc
echo '## --until'; qcode search vertrouwen --until 2024-03-12 --order doc
echo '## unknown code'; qcode search vertrouwen --coded ZZ; echo "exit $?"
echo '## bad --attr'; qcode search vertrouwen --attr wijk; echo "exit $?"
