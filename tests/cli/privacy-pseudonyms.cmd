# Pseudonyms by role, consistent across sources; letters; overrides; real
# names are logged.
qcode init >/dev/null
T="$EX/transcripts"
qcode import "$T/focusgroep-ouders-tanthof.txt" "$T/focusgroep-professionals.md" >/dev/null
printf -- '---\nkind: interview\nroles:\n  Fatima: ouder\n---\nFatima: Ik ben het weer.\n' > again.txt
qcode import again.txt >/dev/null
qcode pseudonymise
qcode participants
qcode participant set S1 Sanne --pseudonym "Moeder S"
qcode search vertrouwen --order doc
qcode participants S1 --real-names | head -n 3
qcode pseudonymise --scheme letter --redo
qcode participants S3
qcode pseudonymise --scheme colour; echo "exit $?"
qcode log --limit 4
echo "## role words follow the project language"
qcode -p en.db init --lang en >/dev/null
qcode -p en.db import "$T/focusgroep-ouders-tanthof.txt" "$T/focusgroep-professionals.md" >/dev/null
qcode -p en.db pseudonymise >/dev/null
qcode -p en.db participants | cut -c1-40
