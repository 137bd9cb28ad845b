# `help CMD` shows every option each command takes: on its usage line and in
# its option list, with a line of help; the options that were taken but not
# shown (redact --tsv, import --loss-report, report codebook --theme, the
# --output and --color spellings) are among them. An option no entry
# declares is refused.
qcode help --json | python3 -c '
import json, subprocess, sys
bad = 0
for c in json.load(sys.stdin):
    name = c["name"]
    h = [x for x in json.loads(subprocess.check_output(
        ["qcode", "help", "--json"] + name.split())) if x["name"] == name][0]
    text = subprocess.check_output(["qcode", "help"] + name.split(), text=True)
    line = "usage: qcode %s" % name
    text = text[text.index(line):]
    usage = text.splitlines()[0]
    for o in h["options"]:
        for n in [o["name"]] + ([o["alias"]] if "alias" in o else []):
            if n not in text or o["help"] not in text:
                print("%s: %s not explained" % (name, n)); bad = 1
        if o["name"] not in usage:
            print("%s: %s not on the usage line" % (name, o["name"])); bad = 1
print("every option shown" if not bad else "options missing")
'
qcode help redact
qcode help report codebook
qcode help export qdc
echo '## an undeclared option is refused with the usage line'
qcode init >/dev/null
qcode untag x S1:1 --memo y; echo "exit $?"
qcode redact --dry-run --tssv; echo "exit $?"
