# Quote flags and memo audiences travel: clone, merge, REFI export and
# import (point 4).
. "$FIX/report/setup.sh"
qcode quote pin 15 >/dev/null
qcode quote exclude 12 >/dev/null
flags() {
	qcode --json report lessons --list-quotes "$@" | python3 -c '
import json, sys
print(" ".join(sorted(x["factor"] + ("*" if x["pinned"] else "") for x in json.load(sys.stdin))))'
}
echo "## here"
flags
echo "## a clone keeps them, and what the coder flags there comes back"
qcode clone -o c.db --for-coder carla >/dev/null
qcode -p c.db --json report lessons --list-quotes | python3 -c '
import json, sys
print(" ".join(sorted(x["factor"] + ("*" if x["pinned"] else "") for x in json.load(sys.stdin))))'
qcode -p c.db quote pin 17 >/dev/null
QCODE_CODER=carla qcode -p c.db memo add project "Van Carla, voor het rapport." --for report >/dev/null
qcode merge c.db
flags
qcode memo list | grep -A1 "by carla"
echo "## REFI-QDA: the flag as a note on the coding, read back by qcode"
qcode export qdpx -o p.qdpx >/dev/null
python3 -c '
import re, zipfile
z = zipfile.ZipFile("p.qdpx")
print(sorted(m for n in z.namelist() for m in re.findall(r"qcode quote: [a-z]+", z.read(n).decode("utf-8", "replace"))))'
mkdir back && cd back
qcode refi import ../p.qdpx >/dev/null
flags
qcode memo list | grep -c "qcode quote"
