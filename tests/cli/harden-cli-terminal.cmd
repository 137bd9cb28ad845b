# control characters in a transcript (ESC sequences, BEL, DEL, C1 CSI) are
# shown as ^[ ^G ^? \u009B when stdout is a terminal, for every command
# that prints project text; into a pipe the text goes out as stored.
# script(1) gives qcode a terminal; raw ESC bytes are marked <ESC> below.
qcode init >/dev/null
printf 'Anna: hallo \033]0;pwned\007 daar \033[2J wis\nBert: del\177 en \302\233 31m klaar \033[8mverborgen\n' >t.txt
qcode import t.txt --kind interview >/dev/null
qcode code add Groet >/dev/null
qcode tag groet S1:1 S1:2@0-3 >/dev/null
qcode participant set S1 Anna --role ouder >/dev/null
mark() { tr -d '\r' | sed "s/$(printf '\033')/<ESC>/g; s/$(printf '\177')/<DEL>/g; s/$(printf '\302\233')/<CSI>/g; s/$(printf '\007')/<BEL>/g"; }
echo '## terminal'
script -qec "qcode show S1; qcode search hallo; qcode hits; qcode coded groet; qcode coded groet --full; qcode redact --dry-run; qcode search klaar --tsv" /dev/null | mark
echo '## pipe'
qcode show S1 | mark
qcode search hallo | mark
echo '## json escapes them everywhere'
qcode show S1 --json | mark
