# two processes writing one project wait for each other instead of failing
qcode init >/dev/null
for i in 1 2 3 4 5 6 7 8; do qcode project set "k$i" "v$i" >/dev/null & done
wait
qcode project show | grep -c '^k[0-9]'
