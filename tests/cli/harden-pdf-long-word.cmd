# A word far wider than a line (a 10,000-character run in a turn, a
# 12,000-character template label) is cut into lines that fit the page
# and give the word back, in time linear in its length.
qcode init >/dev/null
tok=$(head -c 5000 /dev/zero | tr '\0' '#' | sed 's/#/ab/g')
printf 'Interviewer: een vraag\nOuder 1: begin %s eind\n' "$tok" > lang.txt
qcode import lang.txt --kind interview >/dev/null
qcode code add thema >/dev/null
qcode code add woord --parent thema >/dev/null
qcode tag woord S1:2 >/dev/null
qcode report review -o r.pdf
# each line of the run: only a and b (the last piece shares its line with
# the next word); together exactly the run
pdftotext -q r.pdf - | sed 's/^\([ab]*\) eind$/\1/' > r.txt
awk '/^[ab]+$/ { n++; len += length($0); if (length($0) > max) max = length($0) }
	END { print n " lines of the run, " len " characters, at most " max " a line" }' r.txt
grep -E '^[ab]+$' r.txt | tr -d '\n' | grep -c "^$tok\$"
# no word ends right of the right margin (595.28 - 62 points)
pdftotext -bbox r.pdf - | awk -F'"' '/<word/ { if ($6 > max) max = $6 } END { print (max <= 533.3 ? "within the margins" : "past the margin: " max) }'
echo '## a 12,000-character label in a template'
label=$(head -c 12000 /dev/zero | tr '\0' x)
printf "nl:\n  intro: '%s'\n" "$label" > lang.yaml
qcode report review -o t.pdf --template lang.yaml
pdftotext -q t.pdf - | awk '/^x+$/ { n++; len += length($0) } END { print n " lines of the label, " len " characters" }'
pdftotext -q t.pdf - | grep -E '^x+$' | tr -d '\n' | grep -c "^$label\$"
pdftotext -bbox t.pdf - | awk -F'"' '/<word/ { if ($6 > max) max = $6 } END { print (max <= 533.3 ? "within the margins" : "past the margin: " max) }'
