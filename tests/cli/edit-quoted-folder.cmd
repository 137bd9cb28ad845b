# The editor gets the file's path however the project's folder is named:
# a single quote in it breaks no shell quoting (memo edit, source edit).
mkdir "it's here"
cd "it's here"
qcode init >/dev/null
printf 'Ouder 1: Wij wachtten lang.\n' > a.txt
qcode import a.txt --kind interview >/dev/null
qcode memo add S1 "oud" >/dev/null
EDITOR="sed -i s/oud/nieuw/" qcode memo edit 1
qcode memo list | tail -1
EDITOR="sed -i s/wachtten/wachten/" qcode source edit S1 >/dev/null; echo "exit $?"
qcode show S1
