# the REPL's history is saved like any output: never through a link planted
# at its name, 0600, and a FIFO there is not waited on
qcode init >/dev/null
echo 'keep me' > victim.txt
ln -s victim.txt hist
run() { printf 'info --json\nquit\n' | QCODE_HISTORY="$1" script -qec qcode /dev/null >/dev/null 2>&1; }
run "$PWD/hist"
echo "victim: $(cat victim.txt)"
[ -L hist ] && echo "hist is still a link"
rm hist
umask 022
run "$PWD/hist"
echo "hist: $(cat hist) mode $(stat -c %a hist)"
rm hist
mkfifo hist
printf 'quit\n' | QCODE_HISTORY="$PWD/hist" timeout 10 script -qec qcode /dev/null >/dev/null 2>&1
echo "fifo: exit $?"
ls -A | grep -c qcode-tmp || :
