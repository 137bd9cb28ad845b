# a script stops at the first error and names its line
qcode init >/dev/null
cat > analysis.qcs <<'QCS'
# set the cover
project set subtitle "Geleerde lessen"
bogus-command here
project set period 2022-2024
QCS
qcode -f analysis.qcs
echo "exit $?"
qcode project show
