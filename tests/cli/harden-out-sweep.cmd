# Work files of killed runs are named after their process; the next
# command on the project, or writing an output beside them, removes those
# whose process is gone: regular files of this user only, links never
# followed. PID 999999999 is above any pid_max, so it never runs.
mkdir w && cd w || exit 1
qcode init >/dev/null
echo "keep me" >victim.txt
stale=.qcode.db.qcode-tmp-999999999-AbC123
: >"$stale"
: >"$stale-wal"
: >.x.qdpx.qcode-tmp-999999999-XyZ789
: >".x.qdpx.qcode-tmp-$$-live00"
ln -s victim.txt .link.qcode-tmp-999999999-aaaaaa
mkdir .dir.qcode-tmp-999999999-bbbbbb
: >.qcode-tmp-999999999-nonamex
: >.y.qcode-tmp-abc-cccccc
qcode info >/dev/null; echo "info: exit $?"
ls -A | sed "s/-$$-/-LIVE-/" | sort | tr '\n' ' '; echo
cat victim.txt
echo '## an output in another folder sweeps that folder'
mkdir out
: >out/.r.pdf.qcode-tmp-999999999-dddddd
: >"out/.r.pdf.qcode-tmp-$$-eeeeee"
qcode codebook export -o out/cb.yaml >/dev/null; echo "export: exit $?"
ls -A out | sed "s/-$$-/-LIVE-/" | sort | tr '\n' ' '; echo
echo '## a new project from a REFI import sweeps its folder'
mkdir new
: >new/.p.db.qcode-tmp-999999999-ffffff
qcode -p new/p.db refi import "$ROOT/tests/fixtures/refi/demo.qdpx" >/dev/null 2>&1
ls -A new | sort | tr '\n' ' '; echo
