# a writing command prints its success line only after its transaction is
# committed: when the commit cannot be written (here a file size limit,
# as on a full disk), no "coded"/"added" line, exit 3, nothing changed
qcode init >/dev/null
qcode import "$EX/transcripts/observatie-huisbezoek-voorhof.txt" >/dev/null
qcode code add Bezoek >/dev/null
# writes past the limit fail with EFBIG instead of killing the process;
# 64 blocks (of 512 bytes in dash, 1024 in bash) hold the WAL index but
# not the frames of these commits
limited() { (trap '' XFSZ; ulimit -f 64; "$@"); }
limited qcode tag bezoek S1:1; echo "exit $?"
limited qcode memo add S1 "een notitie"; echo "exit $?"
limited qcode code add Nieuw; echo "exit $?"
limited qcode --json tag bezoek S1:2; echo "exit $?"
echo '## nothing was changed'
qcode codes
qcode memo list
qcode log --limit 1
echo '## without the limit'
qcode tag bezoek S1:1; echo "exit $?"
