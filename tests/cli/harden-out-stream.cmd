# A target that is no regular file: a character device or FIFO is written
# as a stream and never replaced; a full one says so with the real reason.
mkdir w && cd w || exit 1
qcode init >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode codebook export -o /dev/full; echo "exit $?"
qcode codebook export --format csv -o /dev/full; echo "exit $?"
qcode report codebook -o /dev/full; echo "exit $?"
qcode export qdc -o /dev/full; echo "exit $?"
qcode export qdpx -o /dev/full; echo "exit $?"
qcode clone -o /dev/full --for-coder anna; echo "exit $?"
[ -c /dev/full ] && echo "/dev/full is still a character device"
qcode codebook export -o /dev/null; echo "exit $?"
qcode report codebook -o /dev/null; echo "exit $?"
[ -c /dev/null ] && echo "/dev/null is still a character device"
echo '## a pipe through /dev/stdout'
qcode codebook export --format csv -o /dev/stdout | head -n 1
echo '## a FIFO'
mkfifo fifo
cat fifo >from-fifo.csv &
qcode codebook export --format csv -o fifo >/dev/null; echo "exit $?"
wait
head -n 1 from-fifo.csv
[ -p fifo ] && echo "fifo is still a FIFO"
echo '## a directory'
mkdir d
qcode codebook export -o d; echo "exit $?"
qcode report codebook -o d; echo "exit $?"
ls -A | tr '\n' ' '; echo
