# A link planted at an output's temporary (the old fixed names) or at the
# target itself never makes qcode write through it.
mkdir w && cd w || exit 1
EX=../$EX
qcode init >/dev/null
qcode import "$EX/transcripts/interview-jgz.vtt" --kind interview >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
echo "victim" >victim.txt
for t in rep.pdf.tmp cb.yaml.tmp x.qdpx.qde.tmp x.qdpx.txt.tmp x.qdc.tmp p.csv.tmp p.pdf.tmp; do
	ln -s victim.txt "$t"
done
qcode report codebook -o rep.pdf; echo "report codebook: exit $?"
qcode codebook export -o cb.yaml; echo "codebook export: exit $?"
qcode export qdpx -o x.qdpx >/dev/null; echo "export qdpx: exit $?"
qcode export qdc -o x.qdc; echo "export qdc: exit $?"
qcode redact --report p.csv; echo "redact csv: exit $?"
qcode redact --report p.pdf; echo "redact pdf: exit $?"
cat victim.txt
for f in rep.pdf cb.yaml x.qdpx x.qdc p.csv p.pdf; do
	[ -f "$f" ] && [ ! -L "$f" ] && echo "$f: a regular file"
done
qcode refi check x.qdpx
echo '## the target a link: refused, the victim untouched'
ln -s victim.txt link.pdf
ln -s victim.txt link.yaml
ln -s victim.txt link.qdpx
ln -s victim.txt link.csv
ln -s nowhere dangling.yaml
qcode report codebook -o link.pdf; echo "exit $?"
qcode codebook export -o link.yaml; echo "exit $?"
qcode codebook export -o dangling.yaml; echo "exit $?"
qcode export qdpx -o link.qdpx; echo "exit $?"
qcode redact --report link.csv; echo "exit $?"
cat victim.txt
[ -e nowhere ] || echo "nothing made at the dangling link's end"
echo '## nothing left behind'
ls -A | grep -v -e '^qcode\.db' -e '\.tmp$' | tr '\n' ' '; echo
