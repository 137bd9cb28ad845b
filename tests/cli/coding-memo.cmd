# Memos on the project, a source, a segment, a code and a coding.
qcode init >/dev/null
qcode import "$EX/transcripts/focusgroep-ouders-tanthof.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode tag vertrouwen S1:2 >/dev/null
qcode memo add project "Het LOT kwam elf keer bijeen."
qcode memo add S1 "Goede opkomst in Tanthof."
qcode memo add S1:8 "Let op de brief die ouders kregen."
qcode memo add stigma "Bespreken in de volgende LOT-bijeenkomst."
qcode memo add 1 "Duidelijk voorbeeld van vertrouwen."
qcode memo add S1:99 "x"; echo "exit $?"
qcode memo add nope "x"; echo "exit $?"
qcode memo list
qcode memo list stigma
printf '#!/bin/sh\necho "Herschreven memo." > "$1"\n' > ed.sh && chmod +x ed.sh
EDITOR=./ed.sh qcode memo edit 2
qcode memo list S1
EDITOR=false qcode memo edit 2; echo "exit $?"
qcode memo rm 3
qcode memo rm 3; echo "exit $?"
qcode memo list --json
ls -a | grep -c qcode-memo
