# One rule for words everywhere: tokens between white space, as word
# processors count ("didn’t", "Delft-Zuid" and "€" are one word each).
# sources and participants agree.
qcode init >/dev/null
printf 'Interviewer: Wat kost het?\nIngrid: In Delft-Zuid ongeveer €  85.\n  Ik didn’t know,\nzei ze.\nInterviewer: 10:15 - klopt dat?\n' > woorden.txt
qcode import --kind interview woorden.txt
qcode sources --tsv | cut -f1,6
qcode participants --tsv | cut -f2,5,6
