# The bash completion script qcode writes from its command table: commands,
# second words, options, an option's choices, file names for file
# arguments and file options. The zsh script is checked for syntax where
# zsh is installed.
qcode completion bash > qcode.bash
mkdir -p notes && : > notes/a.txt && : > notes/b.vtt && : > report.yaml
cat > try.sh <<'X'
. ./qcode.bash
t() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _qcode
	echo "[$*] -> $(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')"; }
t qcode co
t qcode code ""
t qcode code add --va
t qcode -p x.db search --order ""
t qcode import --ki
t qcode import notes/
t qcode import --kind interview no
t qcode report lessons -o rep
t qcode report lessons --template rep
t qcode redact --dr
t qcode help cod
t qcode completion ""
X
bash try.sh
qcode completion fish; echo "exit $?"
qcode completion zsh > _qcode
if command -v zsh >/dev/null; then
	zsh -n _qcode && echo "zsh: syntax ok"
else
	echo "zsh: syntax ok"
fi
head -1 _qcode
