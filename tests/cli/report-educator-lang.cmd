# The agreement and redaction reports follow --lang and a --template read
# over their shipped YAML, as the other reports do (point 13).
. "$FIX/report/setup.sh"
printf 'en:\n  heading: "Agreement, round 2"\n  nope: x\nnl:\n  heading: "Overeenstemming, ronde 2"\n' > a.yaml
for lang in nl en; do
	qcode report agreement -o a-$lang.pdf --lang $lang --template a.yaml
	pdftotext -q a-$lang.pdf - | grep -E "^(Overeenstemming|Agreement)" | sort -u
done
printf 'sections: [table]\nen:\n  col_found: "item found"\n' > r.yaml
qcode redact --report r.pdf --lang en --template r.yaml
pdftotext -q r.pdf - | grep -E "^(Redaction report|Project:|ref|rule|item found|context)"
printf 'sections: [nope]\n' > bad.yaml
qcode redact --report r2.pdf --template bad.yaml; echo "exit $?"
qcode report agreement -o a2.pdf --template bad.yaml; echo "exit $?"
ls r2.pdf a2.pdf 2>/dev/null; echo "no PDF written"
