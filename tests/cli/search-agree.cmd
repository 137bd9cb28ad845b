# Every query form of the README through search (the list), search
# --count, hits and tag ... hits, beside a reference computed here from
# `show --json`: words folded (case, accents), matched by their Snowball
# class (the forms listed below), prefixes by the start of the word,
# phrases, NEAR, the boolean operators, speaker:, filters, --exact and
# --regex; a match is a run of matched words, and runs side by side with
# only spaces between are one hit. Each line: the reference's hits and
# turns, then what each command said, and whether the list's (turn,
# match) pairs equal the reference's.
qcode init >/dev/null
cat > interview.txt <<'EOF'
Interviewer: Wat doet u 's middags als de kraamzorg weg is?
Annemiek: 's Middags rust ik. Geen bezoek. De warme overdracht van de verloskundige naar de kraamzorg ging goed.
Interviewer: Hoe was de warme overdracht naar het consultatiebureau?
Annemiek: Warme, overdracht? Ik weet het niet. Ik had geen idee wie er kwam. Voor mij was het heel nieuw, helemaal nieuw.
Interviewer: Heeft de wijkverpleegkundige geholpen?
Annemiek: Ja, zij helpt echt. Ze helpen iedereen, voor en na de bevalling. De hele week kwam ze, ook 's avonds.
Interviewer: En het vertrouwen?
Annemiek: Vertrouwen kwam vanzelf. Ik vertrouwde haar, mijn man vertrouwt haar ook. Kwetsbaarheid en kwetsbaarheden: één woord, niet een stempel. Eén keer per week, 14 dagen lang.
Interviewer: Was er sprake van pre-eclampsie?
Annemiek: Nee, geen pre-eclampsie. De baby's waren gezond. Mail gerust naar info@ggd-delft.nl voor vragen.
EOF
cat > focus.txt <<'EOF'
Moderator: Wie kent Annemiek? Zij vertelde over 's middags en 's avonds.
Sanne: Ik ken Annemiek. Weet je, de week na de bevalling was zwaar.
Jeroen: Weekend of niet, de kraamzorg kwam voor ons. 's middags, 's middags, elke dag.
Moderator: Warme overdracht warme overdracht: hoe vaak hoor je dat?
Sanne: Geen idee. Vooral de wekelijkse afspraak hielp, vóór de bevalling. Vertrouwen is alles.
Jeroen: Mijn vertrouwen in de zorg groeide, want de verloskundige kwam heel vaak.
EOF
qcode import --kind interview interview.txt >/dev/null
qcode import --kind focus-group focus.txt >/dev/null
python3 - <<'EOF'
import json, re, subprocess, unicodedata

def q(*args):
    r = subprocess.run(("qcode",) + args, capture_output=True, text=True)
    if r.returncode:
        raise SystemExit("qcode %s: %s" % (" ".join(args), r.stderr))
    return r.stdout

def fold(w):
    d = unicodedata.normalize("NFD", w.casefold())
    return "".join(c for c in d if not unicodedata.combining(c))

def is_word(c):
    return unicodedata.category(c)[0] in "LMN"

def tokens(text):
    """(start, end, word) of every run of letters, marks and digits."""
    out, i = [], 0
    while i < len(text):
        if not is_word(text[i]):
            i += 1
            continue
        j = i
        while j < len(text) and is_word(text[j]):
            j += 1
        out.append((i, j, text[i:j]))
        i = j
    return out

# The turns, as show --json gives them, with their source's kind.
kinds = {"S1": "interview", "S2": "focus-group"}
turns = []
for src in kinds:
    for t in json.loads(q("--json", "show", src)):
        t["kind"] = kinds[src]
        t["toks"] = tokens(t["text"])
        turns.append(t)

# Snowball's Dutch classes of the words asked for: the forms in these
# texts that share the word's stem (geen -> gen, warme -> warm, ...).
CLASS = {
    "annemiek": {"annemiek"}, "warme": {"warme"},
    "overdracht": {"overdracht"}, "s": {"s"}, "middags": {"middags"},
    "avonds": {"avonds"}, "geen": {"geen"}, "vertrouwen": {"vertrouwen"},
    "kraamzorg": {"kraamzorg"}, "bevalling": {"bevalling"},
    "kwetsbaarheid": {"kwetsbaarheid", "kwetsbaarheden"},
    "een": {"een", "één", "eén"}, "pre": {"pre"}, "eclampsie": {"eclampsie"},
    "baby": {"baby"}, "info": {"info"}, "ggd": {"ggd"}, "delft": {"delft"},
    "nl": {"nl"}, "14": {"14"}, "idee": {"idee"}, "week": {"week"},
    "heel": {"heel", "hel", "hele"}, "kwam": {"kwam"}, "zorg": {"zorg"},
}

def W(w):            # a word: its Snowball class, folded
    return ("w", {fold(x) for x in CLASS[fold(w)]})
def P(p):            # a prefix: words that start with it, folded
    return ("p", fold(p))
def X(w):            # --exact: the word as typed
    return ("x", w)
def XP(p):           # --exact prefix
    return ("xp", p)

def tok_match(term, word):
    k, v = term
    if k == "w":
        return fold(word) in v
    if k == "p":
        return fold(word).startswith(v)
    if k == "x":
        return word == v
    return word.startswith(v)

def seq_instances(terms, toks):
    """Token ranges where the terms follow each other (a phrase)."""
    n = len(terms)
    return [(i, i + n - 1) for i in range(len(toks) - n + 1)
            if all(tok_match(terms[k], toks[i + k][2]) for k in range(n))]

def ev(node, turn):
    """(matched, instances) of a query node in a turn's text."""
    kind = node[0]
    if kind in ("w", "p", "x", "xp"):
        inst = seq_instances([node], turn["toks"])
        return bool(inst), inst
    if kind == "phrase":
        inst = seq_instances(node[1], turn["toks"])
        return bool(inst), inst
    if kind == "and":
        rs = [ev(c, turn) for c in node[1]]
        return all(m for m, _ in rs), [i for _, x in rs for i in x]
    if kind == "or":
        rs = [ev(c, turn) for c in node[1]]
        return any(m for m, _ in rs), [i for _, x in rs for i in x]
    if kind == "not":
        ma, ia = ev(node[1], turn)
        mb, _ = ev(node[2], turn)
        return ma and not mb, ia
    if kind == "near":
        a = seq_instances([node[1][0]], turn["toks"])
        b = seq_instances([node[1][1]], turn["toks"])
        inst = set()
        for x in a:
            for y in b:
                if abs(x[0] - y[0]) - 1 <= node[2]:
                    inst.update([x, y])
        return bool(inst), sorted(inst)
    if kind == "speaker":
        m = any(tok_match(node[1], w) for _, _, w in tokens(turn["speaker"]))
        return m, []
    raise ValueError(kind)

def reference(node, keep=lambda t: True, whole_turn=False):
    """The (ref, match) pairs of every hit, in document order."""
    out = []
    for t in turns:
        if not keep(t):
            continue
        m, inst = ev(node, t)
        if not m:
            continue
        if not inst:
            if whole_turn:
                out.append((t["ref"], t["text"]))
            continue
        inst = sorted(set(inst))
        runs = []
        for a, b in inst:        # overlapping instances are one
            if runs and a <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], b)
            else:
                runs.append([a, b])
        toks, text, merged = t["toks"], t["text"], []
        for a, b in runs:        # side by side with only spaces: one
            if merged and a == merged[-1][1] + 1 and \
               text[toks[merged[-1][1]][1]:toks[a][0]].strip(" ") == "":
                merged[-1][1] = b
            else:
                merged.append([a, b])
        for a, b in merged:
            out.append((t["ref"], text[toks[a][0]:toks[b][1]]))
    return out

def regex_reference(pattern):
    return [(t["ref"], m.group(0)) for t in turns
            for m in re.finditer(pattern, t["text"]) if m.group(0)]

CASES = [
    # (label, qcode arguments, reference pairs)
    ("word (speaker's name too)", ["Annemiek"], reference(W("Annemiek"))),
    ("word, stemmed", ["kwetsbaarheid"], reference(W("kwetsbaarheid"))),
    ("word, folded", ["een"], reference(W("een"))),
    ("two words side by side", ["warme", "overdracht"],
     reference(("and", [W("warme"), W("overdracht")]))),
    ("'s middags as typed", ["'s middags"],
     reference(("and", [W("s"), W("middags")]))),
    ("AND", ["vertrouwen AND kwam"],
     reference(("and", [W("vertrouwen"), W("kwam")]))),
    ("OR", ["geen OR idee"], reference(("or", [W("geen"), W("idee")]))),
    ("NOT", ["kraamzorg NOT bevalling"],
     reference(("not", W("kraamzorg"), W("bevalling")))),
    ("AND NOT", ["kraamzorg AND NOT bevalling"],
     reference(("not", W("kraamzorg"), W("bevalling")))),
    ("( ) group", ["(geen OR week) bevalling"],
     reference(("and", [("or", [W("geen"), W("week")]), W("bevalling")]))),
    ("phrase", ['"warme overdracht"'],
     reference(("phrase", [W("warme"), W("overdracht")]))),
    ("phrase 's middags", ["\"'s middags\""],
     reference(("phrase", [W("s"), W("middags")]))),
    ("prefix gee*", ["gee*"], reference(P("gee"))),
    ("prefix wee*", ["wee*"], reference(P("wee"))),
    ("prefix voo*", ["voo*"], reference(P("voo"))),
    ("prefix hele*", ["hele*"], reference(P("hele"))),
    ("prefix vertrouw*", ["vertrouw*"], reference(P("vertrouw"))),
    ("prefix kraam*", ["kraam*"], reference(P("kraam"))),
    ("prefix in a query", ["wee* kwam"],
     reference(("and", [P("wee"), W("kwam")]))),
    ("NEAR", ["NEAR(warme overdracht, 5)"],
     reference(("near", [W("warme"), W("overdracht")], 5))),
    ("NEAR too far", ["NEAR(geen bevalling, 2)"],
     reference(("near", [W("geen"), W("bevalling")], 2))),
    ("speaker:", ["speaker:annemiek"],
     reference(("speaker", W("annemiek")), whole_turn=True)),
    ("speaker: and a word", ["speaker:annemiek geen"],
     reference(("and", [("speaker", W("annemiek")), W("geen")]),
               whole_turn=True)),
    ("pre-eclampsie", ["pre-eclampsie"],
     reference(("phrase", [W("pre"), W("eclampsie")]))),
    ("'s avonds", ["'s avonds"], reference(("and", [W("s"), W("avonds")]))),
    ("baby's", ["baby's"], reference(("phrase", [W("baby"), W("s")]))),
    ("info@ggd-delft.nl", ["info@ggd-delft.nl"],
     reference(("phrase", [W("info"), W("ggd"), W("delft"), W("nl")]))),
    ("14", ["14"], reference(W("14"))),
    ("lower-case and is a word", ["geen and idee"],
     reference(("and", [W("geen"), ("w", {"and"}), W("idee")]))),
    ("--kind", ["heel", "--kind", "interview"],
     reference(W("heel"), lambda t: t["kind"] == "interview")),
    ("--speaker", ["geen", "--speaker", "Sanne"],
     reference(W("geen"), lambda t: t["speaker"] == "Sanne")),
    ("--exact", ["één", "--exact"], reference(X("één"))),
    ("--exact prefix", ["vóór*", "--exact"], reference(XP("vóór"))),
    ("--regex", ["(?i)kwetsba\\w+", "--regex"],
     regex_reference(r"(?i)kwetsba\w+")),
    ("--regex literal", ["overdracht", "--regex"],
     regex_reference("overdracht")),
]

print("%-26s %9s %6s %11s %5s %4s  %s" % ("form", "reference", "list",
      "--count", "hits", "tag", "same hits"))
for n, (label, args, ref) in enumerate(CASES, 1):
    lst = json.loads(q("--json", "search", *args, "--limit", "0",
                       "--context", "0"))["hits"]
    cnt = json.loads(q("--json", "search", *args, "--count"))
    again = json.loads(q("--json", "hits"))["hits"]
    code = "c%d" % n
    q("code", "add", code)
    tag = json.loads(q("--json", "tag", code, "hits")) if lst else {"added": 0}
    pairs = sorted((h["ref"], h["match"]) for h in lst)
    rsegs = len({r for r, _ in ref})
    ok = (pairs == sorted(ref) and len(lst) == cnt["hits"] == len(again)
          and cnt["segments"] == rsegs == tag["added"])
    print("%-26s %5d/%-3d %6d %7d/%-3d %5d %4d  %s" % (label, len(ref), rsegs,
          len(lst), cnt["hits"], cnt["segments"], len(again), tag["added"],
          "yes" if ok else "NO"))
EOF
echo "## the rest of a page is counted as the list counts (not the speaker's turns)"
qcode search Annemiek --limit 1 --order doc | tail -n 1
qcode search Annemiek --limit 1 | tail -n 1
