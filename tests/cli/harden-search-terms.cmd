# A query of more than 1,000 words is refused at once (40,000 took
# minutes and hundreds of MB), also inside a phrase and on a script line;
# 1,000 still run.
qcode init >/dev/null
printf 'Interviewer: Hoe gaat het met de kraamzorg?\nAnna: Goed, de kraamzorg komt elke dag.\n' > a.txt
qcode import --kind interview a.txt >/dev/null
w1000=$(yes kraamzorg | head -n 1000 | tr '\n' ' ')
qcode search $w1000 --count | tail -n 1
qcode search $w1000 kraamzorg; echo "exit $?"
qcode search "\"$w1000 kraamzorg\""; echo "exit $?"
qcode search "$w1000 OR kraamzorg" --count; echo "exit $?"
{ printf 'search '; yes de | head -n 40000 | tr '\n' ' '; printf -- '--count\n'; } > s.txt
qcode -f s.txt; echo "exit $?"
qcode search kraamzorg --regex --count | tail -n 1
