# A quote is cut at sentence ends, but not after a title or an initial
# ("Dr. Okafor", "mw. Jansen", "J. de Wit"): cut there, the name would
# stand at a sentence start, where a word is not taken for a name, and be
# quoted. Nobody here speaks under these names.
. "$FIX/report/setup.sh"
printf 'Moeder: Ik sprak vorige week met Dr. Okafor over de kraamzorg thuis. Daarna belde mw. Jansen nog. En J. Okafor kwam langs met de folder.\n' > dr.txt
qcode import dr.txt --kind interview >/dev/null
qcode tag hele-gezin S4:1 --exemplar >/dev/null
qcode report lessons --list-quotes | grep -c "S4:1"
echo "names in the quote list: $(qcode report lessons --list-quotes | grep -c "Okafor\|Jansen")"
qcode report lessons -o l.pdf >/dev/null
echo "names in the PDF: $(pdftotext -q l.pdf - | grep -c "Okafor\|Jansen")"
