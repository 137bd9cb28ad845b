# Agreement as defined in the README: a source counts as judged by a coder
# when the coder marked it done (done S2), else when clone assigned it, and
# always when the coder coded in it; every figure (%, the units each
# statistic used, % over coded units, Cohen's and Fleiss' kappa,
# Krippendorff's alpha, the (all codes) row) recomputed here in Python from
# the turns, codings and assignments qcode lists; cooc counted from the
# codings the same way.
qcode init >/dev/null
T="$EX/transcripts"
qcode import "$T/focusgroep-ouders-tanthof.txt" "$T/focusgroep-professionals.md" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
qcode clone -o anna.db --for-coder anna --blind >/dev/null
qcode clone -o ben.db --for-coder ben --blind >/dev/null
qcode clone -o carl.db --for-coder carl --sources S1 --blind >/dev/null
QCODE_CODER=anna qcode -p anna.db tag vertrouwen S1:2 S1:3 S2:3 S2:5 >/dev/null
QCODE_CODER=anna qcode -p anna.db tag stigma S1:8 S1:9 S2:3 >/dev/null
QCODE_CODER=ben qcode -p ben.db tag vertrouwen S1:2 S1:4 >/dev/null
QCODE_CODER=ben qcode -p ben.db tag stigma S1:8 S1:2 >/dev/null
echo "## ben read S2 and found nothing to code there; S1 is done too"
QCODE_CODER=ben qcode -p ben.db done S1 S2
QCODE_CODER=carl qcode -p carl.db tag vertrouwen S1:2 S1:3 S1:9 >/dev/null
QCODE_CODER=carl qcode -p carl.db tag stigma S1:9 S1:2 >/dev/null
for c in anna ben carl; do qcode merge $c.db >/dev/null; done
qcode done
echo "## done: unknown source, --undo without sources"
qcode done S9; echo "exit $?"
qcode done --undo; echo "exit $?"
echo "## the table"
qcode agreement --coders anna,ben,carl
qcode agreement --coders anna,ben --codes vertrouwen,stigma,wisselende-gezichten
cat > ref.py <<'PY'
import json, subprocess, sys
def q(*a):
    return json.loads(subprocess.run(("qcode",) + a, capture_output=True, text=True, check=True).stdout)
turns = {s["source"]: s["turns"] for s in q("sources", "--json")}
assign = q("done", "--json")
def judged(coder, coded):
    rows = [r for r in assign if r["coder"] == coder]
    done = [r["source"] for r in rows if r["done"]]
    base = set(done) if done else set(r["source"] for r in rows)
    return base | set(ref.split(":")[0] for ref, c in coded if c == coder)
def table(code, coders, coded_all):
    coded = set((c["ref"], c["coder"]) for c in coded_all if c["code"] == code)
    j = {c: judged(c, set((x["ref"], x["coder"]) for x in coded_all)) for c in coders}
    rows = []
    for s, n in sorted(turns.items()):
        for o in range(1, n + 1):
            ref = "%s:%d" % (s, o)
            rows.append([(1 if (ref, c) in coded else 0) if s in j[c] else None for c in coders])
    return rows
def stats(rows, nc):
    pairs = agree = 0.0
    coinc = {}
    for r in rows:
        v = [x for x in r if x is not None]
        m = len(v)
        if m < 2: continue
        pairs += m * (m - 1) / 2
        for k in (0, 1):
            agree += v.count(k) * (v.count(k) - 1) / 2
        for a in range(m):
            for b in range(m):
                if a != b:
                    coinc[(v[a], v[b])] = coinc.get((v[a], v[b]), 0) + 1 / (m - 1)
    pct = agree / pairs if pairs else None
    nk = {k: sum(coinc.get((k, l), 0) for l in (0, 1)) for k in (0, 1)}
    n = nk[0] + nk[1]
    do = sum(coinc.get((k, l), 0) for k in (0, 1) for l in (0, 1) if k != l)
    de = nk[0] * nk[1] * 2 / (n - 1) if n > 1 else 0
    alpha = 1 - (n - 1) * do / (nk[0] * nk[1] * 2) if de else None
    full = [r for r in rows if None not in r]
    fl = None
    if full:
        N = len(full)
        p = [sum(r.count(k) for r in full) / (N * nc) for k in (0, 1)]
        P = sum((sum(r.count(k) ** 2 for k in (0, 1)) - nc) / (nc * (nc - 1)) for r in full) / N
        pe = sum(x * x for x in p)
        fl = (P - pe) / (1 - pe) if pe < 1 else None
    coh = None
    if nc == 2 and full:
        N = len(full)
        po = sum(r[0] == r[1] for r in full) / N
        pe = sum((sum(r[0] == k for r in full) / N) * (sum(r[1] == k for r in full) / N) for k in (0, 1))
        coh = (po - pe) / (1 - pe) if pe < 1 else None
    cod = [r for r in rows if 1 in r]
    cp = stats_pct(cod)
    npair = sum(1 for r in rows if sum(x is not None for x in r) >= 2)
    return dict(units=len(rows), agreement=pct, alpha=alpha, fleiss_kappa=fl,
                cohen_kappa=coh, agreement_units=npair, alpha_units=npair,
                fleiss_units=len(full), cohen_units=len(full) if nc == 2 else 0,
                coded_units=len(cod), agreement_coded=cp)
def stats_pct(rows):
    pairs = agree = 0.0
    for r in rows:
        v = [x for x in r if x is not None]
        m = len(v)
        if m < 2: continue
        pairs += m * (m - 1) / 2
        agree += sum(v.count(k) * (v.count(k) - 1) / 2 for k in (0, 1))
    return agree / pairs if pairs else None
def check(coders, codes=None):
    args = ["agreement", "--coders", ",".join(coders), "--json"]
    if codes: args += ["--codes", ",".join(codes)]
    got = q(*args)
    coded_all = []
    for code in (codes or ["vertrouwen", "stigma"]):
        coded_all += [dict(c, code=code) for c in q("coded", code, "--json")]
    coded_all = [c for c in coded_all if c["coder"] in coders]
    codes = codes or sorted(set(c["code"] for c in coded_all), key=lambda k: [r["name"] for r in got].index(k))
    pooled = []
    bad = 0
    for row in got:
        if row["name"] == "(all codes)":
            want = stats(pooled, len(coders))
        else:
            t = table(row["name"], coders, coded_all)
            pooled += t
            want = stats(t, len(coders))
            if row["unused"] != (not any(c["code"] == row["name"] for c in coded_all)):
                print("unused flag wrong:", row["name"]); bad += 1
        for k, v in want.items():
            g = row[k]
            if (v is None) != (g is None) or (v is not None and abs(v - g) > 5e-5):
                print("%s %s: qcode %s, reference %s" % (row["name"], k, g, v)); bad += 1
    print("%s%s: %d rows, %d differences" % (",".join(coders), " " + ",".join(codes) if codes else "", len(got), bad))
check(["anna", "ben", "carl"])
# each pair of coders pools the codes as (all codes) does for the two
for row in q("agreement", "--coders", "anna,ben,carl", "--by", "coder-pair", "--json"):
    pair = row["name"].split(" + ")
    cs = []
    for code in ("vertrouwen", "stigma"):
        cs += [dict(c, code=code) for c in q("coded", code, "--json") if c["coder"] in pair]
    want = stats(table("vertrouwen", pair, cs) + table("stigma", pair, cs), 2)
    bad = [k for k, v in want.items() if (v is None) != (row[k] is None) or (v is not None and abs(v - row[k]) > 5e-5)]
    print(row["name"], "differs in", bad if bad else "nothing")
check(["anna", "ben"])
check(["anna", "ben"], ["vertrouwen", "stigma", "wisselende-gezichten"])
# cooc: distinct turns where both codes were applied, and per coder
allc = []
for code in ("vertrouwen", "stigma"):
    allc += [dict(c, code=code) for c in q("coded", code, "--json")]
def cooc(cs):
    a = set(c["ref"] for c in cs if c["code"] == "vertrouwen")
    b = set(c["ref"] for c in cs if c["code"] == "stigma")
    return len(a & b)
got = q("cooc", "--codes", "vertrouwen,stigma", "--json")
print("cooc", got[0]["count"] if got else 0, "reference", cooc(allc))
got = q("cooc", "--codes", "vertrouwen,stigma", "--by", "coder", "--json")
for r in got:
    print("cooc", r["coder"], r["count"], "reference", cooc([c for c in allc if c["coder"] == r["coder"]]))
PY
python3 ref.py
echo "## cooc"
qcode cooc --codes vertrouwen,stigma
qcode cooc --codes vertrouwen,stigma --by coder
qcode cooc --by coders; echo "exit $?"
echo "## sentences: intervals over turns"
qcode agreement --coders anna,ben --unit sentence --codes vertrouwen
echo "## an old judgement undone"
QCODE_CODER=ben qcode done --undo S2
qcode done --tsv
