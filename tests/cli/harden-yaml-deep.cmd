# Nesting deeper than 64 levels and more than 200000 values are refused
# before the document is built, with file:line:column, by every reader.
case $(ldd "$(command -v qcode)" 2>/dev/null) in
*libasan*) ;;
*) ulimit -v 1000000 ;;
esac
qcode init >/dev/null
qcode import "$FIX/privacy/rules.txt" >/dev/null
deep() {
	printf '%s: ' "$1"
	awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "["; for (i = 0; i < n; i++) printf "]"; print "" }'
}
deep codes 10000 > deep.yaml
# codes inside codes, 200000 levels: used to take minutes
awk 'BEGIN { printf "codes: "; for (i = 0; i < 200000; i++) printf "[{id: c%d, name: C%d, codes: ", i, i
	printf "[]"; for (i = 0; i < 200000; i++) printf "}]"; print "" }' > nested.yaml
echo '## codebook check and load'
qcode codebook check deep.yaml; echo "exit $?"
qcode codebook check nested.yaml; echo "exit $?"
qcode codebook load nested.yaml; echo "exit $?"
qcode codes | wc -l
echo '## 64 levels pass the reader (the codebook then says what is wrong)'
deep codes 63 > ok.yaml
qcode codebook check ok.yaml; echo "exit $?"
echo '## a template, redaction rules'
deep sections 10000 > deep-t.yaml
qcode report codebook -o t.pdf --template deep-t.yaml; echo "exit $?"
deep rules 10000 > deep-r.yaml
qcode redact --dry-run --rules deep-r.yaml; echo "exit $?"
echo '## front matter of an import'
{ printf -- '---\nkind: interview\n'; deep x 10000; printf -- '---\nA: hallo\n'; } > deep.md
qcode import deep.md; echo "exit $?"
{ printf -- '---\nkind: interview\n'; awk 'BEGIN { printf "x: "; for (i = 0; i < 10000; i++) printf "{a: "; printf "b"; for (i = 0; i < 10000; i++) printf "}"; print "" }'; printf -- '---\nA: hallo\n'; } > deepmap.md
qcode import deepmap.md; echo "exit $?"
qcode sources | wc -l
echo '## too many values'
awk 'BEGIN { printf "title: ["; for (i = 0; i < 200001; i++) printf "a, "; print "]" }' > many.yaml
qcode codebook check many.yaml; echo "exit $?"
echo '## 60000 codes: duplicate ids are found in linear time (took 13 s)'
awk 'BEGIN { printf "codes: ["; for (i = 0; i < 60000; i++) printf "{name: c%d}, ", i; print "{name: c7}]" }' > wide.yaml
timeout 5 qcode codebook check wide.yaml; echo "exit $?"
