# Anything but a regular file is refused, never waited on: a FIFO given
# by name or met in a folder, a device, and the FIFO as a codebook,
# redaction rules, REFI project or report template.
qcode init >/dev/null
mkfifo pipe.txt book.yaml p.qde
timeout 5 qcode import p.qde; echo "exit $?"
timeout 5 qcode import --kind interview pipe.txt; echo "exit $?"
mkdir dir
printf 'Anna: Goed.\n' > dir/a.txt
mkfifo dir/b.txt
timeout 5 qcode import --kind interview dir; echo "exit $?"
timeout 5 qcode import --kind interview /dev/null; echo "exit $?"
timeout 5 qcode codebook check book.yaml; echo "exit $?"
timeout 5 qcode codebook load book.yaml; echo "exit $?"
timeout 5 qcode import --kind interview --redact --rules book.yaml dir/a.txt; echo "exit $?"
timeout 5 qcode refi check p.qde; echo "exit $?"
timeout 5 qcode report review -o r.pdf --template book.yaml; echo "exit $?"
qcode sources
# a FIFO named as an archive: refused by the one archive reader
mkfifo a.qdpx a.docx
timeout 5 qcode -p fresh.db import a.qdpx; echo "exit $?"; ls fresh.db 2>&1 | sed "s/.*: //"
timeout 5 qcode import --kind interview a.docx; echo "exit $?"
timeout 5 qcode refi import --into-existing a.qdpx; echo "exit $?"
timeout 5 qcode merge a.qdpx; echo "exit $?"
