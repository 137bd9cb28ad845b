# Load, check, export: the shipped codebook round-trips byte for byte.
qcode init >/dev/null
(cd "$ROOT/codebooks" && qcode codebook check phb-delft.yaml &&
	qcode codebook check example-en.yaml)
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" | tail -n 1
qcode codebook export -o out.yaml
cmp "$ROOT/codebooks/phb-delft.yaml" out.yaml && echo "round trip: identical"
qcode codebook load out.yaml | tail -n 1
qcode codebook export -o out.csv --format csv
head -n 3 out.csv | cut -c1-80
qcode codes --flat | head -n 6
qcode codes --json | head -c 300; echo
