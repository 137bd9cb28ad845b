# YAML aliases are refused, with file:line:column, by every reader: a
# codebook whose codes list holds itself used to grow until memory ran out.
# A guard makes a regression fail fast here instead of filling the machine
# (not under ASan, which reserves far more address space than it uses).
case $(ldd "$(command -v qcode)" 2>/dev/null) in
*libasan*) ;;
*) ulimit -v 1000000 ;;
esac
qcode init >/dev/null
qcode import "$FIX/privacy/rules.txt" >/dev/null
printf 'codes: &top\n- id: a\n  name: A\n  codes: *top\n' > loop.yaml
echo '## codebook check and load'
qcode codebook check loop.yaml; echo "exit $?"
qcode codebook load loop.yaml; echo "exit $?"
qcode codes | wc -l
echo '## a billion laughs in a template'
cat > laughs.yaml <<'Y'
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
sections: *h
Y
qcode report codebook -o t.pdf --template loop.yaml; echo "exit $?"
qcode report codebook -o t.pdf --template laughs.yaml; echo "exit $?"
ls t.pdf 2>&1
echo '## redaction rules'
printf 'rules: &r\n- label: x\n  pattern: x\n  more: *r\n' > rules.yaml
qcode redact --dry-run --rules rules.yaml; echo "exit $?"
qcode redact --dry-run --rules loop.yaml; echo "exit $?"
echo '## front matter of an import'
printf -- '---\nkind: interview\nroles: &r\n  A: *r\n---\nA: hallo\n' > fm.md
qcode import fm.md; echo "exit $?"
qcode sources | wc -l
echo '## an anchor with no alias is harmless'
printf 'title: &t T\ncodes:\n- id: a\n  name: A\n' > anchor.yaml
qcode codebook check anchor.yaml; echo "exit $?"
