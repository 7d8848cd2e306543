#!/usr/bin/python3
"""Reference values for the ROUGE-L tests, from an independent Python
implementation that follows Google rouge_score (rouge/tokenize.py,
rouge/rouge_scorer.py _score_lcs/_lcs_table, rouge/scoring.py fmeasure) line
by line, with NLTK's PorterStemmer (Debian python3-nltk) as rouge_score uses
it. rouge_score itself is not installable here, so its few lines are restated.

Run with Debian's interpreter (it has nltk):
    /usr/bin/python3 tests/rouge/gen_rouge_fixtures.py fixtures   # writes tests/rouge/data/*
    /usr/bin/python3 tests/rouge/gen_rouge_fixtures.py stems IN OUT
        IN: one word per line -> OUT: "word<TAB>stem" lines (live Porter check)
    /usr/bin/python3 tests/rouge/gen_rouge_fixtures.py scores IN OUT
        IN: JSONL {"a","b"} -> OUT: JSONL {"rouge","stem","cjk"} (live score check)

Data is read from ../shared/data beside the repository (or $SFT_SHARED_DATA_DIR); nothing else.
"""

import json
import os
import random
import re
import sys
from fractions import Fraction

from nltk.stem import porter

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_OUT = os.path.join(HERE, "data")
SHARED = os.environ.get("SFT_SHARED_DATA_DIR",
                        os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data")))

# ---- rouge_score, restated -------------------------------------------------

NON_ALPHANUM_RE = re.compile(r"[^a-z0-9]+")
SPACES_RE = re.compile(r"\s+")
VALID_TOKEN_RE = re.compile(r"^[a-z0-9]+$")
STEMMER = porter.PorterStemmer()


def rouge_tokenize(text, stemmer):
    text = text.lower()
    text = NON_ALPHANUM_RE.sub(" ", text)
    tokens = SPACES_RE.split(text)
    if stemmer:
        tokens = [stemmer.stem(x) if len(x) > 3 else x for x in tokens]
    return [x for x in tokens if VALID_TOKEN_RE.match(x)]


def lcs_table(ref, can):
    rows, cols = len(ref), len(can)
    t = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            if ref[i - 1] == can[j - 1]:
                t[i][j] = t[i - 1][j - 1] + 1
            else:
                t[i][j] = max(t[i - 1][j], t[i][j - 1])
    return t


def fmeasure(precision, recall):
    if precision + recall > 0:
        return 2 * precision * recall / (precision + recall)
    return 0.0


def score_lcs(target_tokens, prediction_tokens):
    """(lcs, fmeasure) as rouge_score's _score_lcs."""
    if not target_tokens or not prediction_tokens:
        return 0, 0.0
    lcs = lcs_table(target_tokens, prediction_tokens)[-1][-1]
    precision = lcs / len(prediction_tokens)
    recall = lcs / len(target_tokens)
    return lcs, fmeasure(precision, recall)


# ---- the cjk tokenizer (ours): CJK characters are tokens -------------------

CJK_RE = re.compile("([\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003ffff\uf900-\ufaff\u3005-\u3007"
                    "\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f\uac00-\ud7a3])")


def cjk_tokenize(text, stemmer):
    out = []
    for i, piece in enumerate(CJK_RE.split(text)):
        if i % 2 == 1:
            out.append(piece)
        else:
            out.extend(rouge_tokenize(piece, stemmer))
    return out


def tokenize(text, mode):
    if mode == "rouge":
        return rouge_tokenize(text, None)
    if mode == "stem":
        return rouge_tokenize(text, STEMMER)
    if mode == "cjk":
        return cjk_tokenize(text, None)
    if mode == "cjk_stem":
        return cjk_tokenize(text, STEMMER)
    raise ValueError(mode)


MODES = ["rouge", "stem", "cjk", "cjk_stem"]

# ---- data ------------------------------------------------------------------


def load_json(name):
    with open(os.path.join(SHARED, name), encoding="utf-8") as f:
        return json.load(f)


def load_jsonl(name):
    with open(os.path.join(SHARED, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


EDGE_TEXTS = [
    "", " ", "...", "!!!???", "a", "A", "The", "the THE tHe", "İstanbul İİ xİy", "\u212aelvin \u212a",
    "straße STRASSE", "ﬁle ﬁnal", "ＡＢＣ ａｂｃ １２３", "café naïve résumé", "Ωmega ΣΊΣΥΦΟΣ", "x\u0307y",
    "tab\tseparated\nnew line\r\nwindows", "under_score snake_case", "hyphen-ated co-operate", "3.14159 2,000 1e10",
    "don't won't it's", "emoji 😀 in text 👍🏽 ok", "zero\u200bwidth", "nbsp\u00a0here", "日本語のテキスト",
    "中文文本，包含标点。", "한국어 텍스트 입니다", "カタカナ ｶﾀｶﾅ ひらがな", "mixed中文English混合text",
    "〇々〆 ideographic", "𠀀𠀁 ext-b", "ﾊﾝｶｸ", "caresses ponies ties caress cats", "feed agreed plastered bled",
    "motoring sing conflated troubled sized hopping tanned falling hissing fizzed failing filing",
    "happy sky relational conditional rational valenci hesitanci digitizer conformabli radicalli",
    "differentli vileli analogousli vietnamization predication operator feudalism decisiveness",
    "hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize",
    "electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic",
    "adjustable defensible irritant replacement adjustment dependent adoption homologou",
    "communism activate angulariti homologous effective bowdlerize probate rate cease controll roll",
    "dying lying tying news innings outing cannings howe proceed exceed succeed skies",
    "generously generalization agreement agreed ies ied cried dies spied", "1234 12345 abc1 a1b2c3d4",
    "aaaa yyyy ayay yaya sy syzygy toy toys enjoying", "logi analogi apologi fulli beautifulli",
]


def sample_pairs(rng):
    alpaca = load_json("alpaca_en_52k.json")
    zh = load_json("alpaca_zh_52k.json")
    seeds = load_jsonl("seed_tasks.jsonl")
    belle = load_jsonl("belle/zh_seed_tasks.json")
    instr = [r["instruction"] for r in alpaca]
    pairs = []
    # Random Alpaca instruction pairs, and near pairs (similar openings).
    for _ in range(1500):
        pairs.append((rng.choice(instr), rng.choice(instr)))
    by_start = {}
    for s in instr:
        key = " ".join(s.split()[:2]).lower()
        by_start.setdefault(key, []).append(s)
    groups = [g for g in by_start.values() if len(g) > 1]
    for _ in range(1200):
        g = rng.choice(groups)
        a, b = rng.sample(g, 2)
        pairs.append((a, b))
    # Instruction vs its input/output, longer texts (multi-word LCS), capped in size.
    for _ in range(200):
        r = rng.choice(alpaca)
        out = r["output"][:1000]
        pairs.append((r["instruction"] + " " + r["input"], out))
        r2 = rng.choice(alpaca)
        pairs.append((out, r2["output"][:1000]))
    # Chinese and mixed.
    for _ in range(500):
        a, b = rng.choice(zh), rng.choice(zh)
        pairs.append((a["instruction"], b["instruction"]))
    for _ in range(200):
        r = rng.choice(zh)
        pairs.append((r["instruction"], r["output"][:400]))
    for _ in range(150):
        pairs.append((rng.choice(belle)["instruction"], rng.choice(belle)["instruction"]))
    for _ in range(150):
        pairs.append((rng.choice(seeds)["instruction"], rng.choice(instr)))
    # Edge cases against each other and against real text.
    for a in EDGE_TEXTS:
        for b in rng.sample(EDGE_TEXTS, 6) + [a, a.upper(), rng.choice(instr)]:
            pairs.append((a, b))
    # Exact threshold ties: F = 0.7 exactly (LCS 7, m + n = 20).
    pairs.append(("one two three four five six seven", "one two three four five six seven a b c d e f"))
    pairs.append(("w1 w2 w3 w4 w5 w6 w7 x", "w1 w2 w3 w4 w5 w6 w7 y z q r"))
    return pairs


def write_fixtures():
    rng = random.Random(20240525)
    pairs = sample_pairs(rng)
    os.makedirs(DATA_OUT, exist_ok=True)
    with open(os.path.join(DATA_OUT, "rouge_pairs.jsonl"), "w", encoding="utf-8") as f:
        for a, b in pairs:
            row = {"a": a, "b": b}
            for mode in MODES:
                lcs, fm = score_lcs(tokenize(a, mode), tokenize(b, mode))
                row[mode] = fm
                row[mode + "_lcs"] = lcs
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("pairs:", len(pairs))

    # Tokens of edge cases and a sample of texts.
    texts = list(EDGE_TEXTS)
    alpaca = load_json("alpaca_en_52k.json")
    zh = load_json("alpaca_zh_52k.json")
    texts += [r["instruction"] for r in rng.sample(alpaca, 300)]
    texts += [r["instruction"] for r in rng.sample(zh, 100)]
    with open(os.path.join(DATA_OUT, "rouge_tokens.jsonl"), "w", encoding="utf-8") as f:
        for t in texts:
            f.write(json.dumps({"text": t, **{m: tokenize(t, m) for m in MODES}}, ensure_ascii=False) + "\n")
    print("token cases:", len(texts))

    # Porter: every distinct word (> 3 chars) of the Alpaca instructions and seed tasks.
    words = set()
    for r in alpaca:
        words.update(x for x in rouge_tokenize(r["instruction"], None) if len(x) > 3)
    for r in load_jsonl("seed_tasks.jsonl"):
        words.update(x for x in rouge_tokenize(r["instruction"], None) if len(x) > 3)
    words.update(x for t in EDGE_TEXTS for x in rouge_tokenize(t, None))
    with open(os.path.join(DATA_OUT, "porter_stems.tsv"), "w", encoding="utf-8") as f:
        for w in sorted(words):
            f.write(w + "\t" + STEMMER.stem(w) + "\n")
    print("stem words:", len(words))

    write_dedup_reference()


def greedy(texts, mode, threshold_text, compare):
    """Brute-force greedy filter, as Alpaca's loop: keep when no kept record scores above."""
    thr = float(threshold_text)
    thr_exact = Fraction(threshold_text)
    toks = [tokenize(t, mode) for t in texts]
    kept = []
    for i, ti in enumerate(toks):
        reject = False
        if ti:
            for j in kept:
                lcs, fm = score_lcs(toks[j], ti)
                if compare == "rouge_score":
                    hit = fm > thr
                else:
                    hit = bool(toks[j]) and Fraction(2 * lcs, len(ti) + len(toks[j])) > thr_exact
                if hit:
                    reject = True
                    break
        if not reject:
            kept.append(i)
    return kept


def write_dedup_reference():
    alpaca = load_json("alpaca_en_52k.json")
    zh = load_json("alpaca_zh_52k.json")
    # Alpaca is already filtered at 0.7, so lower thresholds give the rejections.
    cases = [
        ("alpaca_en_52k.json", "instruction", 2000, "rouge", "0.7", "exact"),
        ("alpaca_en_52k.json", "instruction", 2000, "rouge", "0.5", "exact"),
        ("alpaca_en_52k.json", "instruction", 2000, "rouge", "0.5", "rouge_score"),
        ("alpaca_en_52k.json", "instruction", 1500, "stem", "0.4", "exact"),
        ("alpaca_en_52k.json", "instruction", 1000, "rouge", "0.3", "rouge_score"),
        ("alpaca_zh_52k.json", "instruction", 1500, "cjk", "0.5", "exact"),
        ("alpaca_zh_52k.json", "instruction", 1000, "cjk_stem", "0.6", "rouge_score"),
    ]
    out = []
    for name, field, count, mode, thr, compare in cases:
        data = alpaca if name.startswith("alpaca_en") else zh
        texts = [r[field] for r in data[:count]]
        kept = greedy(texts, mode, thr, compare)
        out.append({"file": name, "field": field, "count": count, "tokenizer": mode, "threshold": thr,
                    "compare": compare, "kept": kept})
        print("dedup", name, count, mode, thr, compare, "kept", len(kept))
    with open(os.path.join(DATA_OUT, "dedup_reference.json"), "w", encoding="utf-8") as f:
        json.dump(out, f)


def live_stems(src, dst):
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as g:
        for line in f:
            w = line.rstrip("\n")
            g.write(w + "\t" + STEMMER.stem(w) + "\n")


def live_scores(src, dst):
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as g:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            g.write(json.dumps({m: score_lcs(tokenize(row["a"], m), tokenize(row["b"], m))[1]
                                for m in ("rouge", "stem", "cjk")}) + "\n")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "fixtures"
    if cmd == "fixtures":
        write_fixtures()
    elif cmd == "stems":
        live_stems(sys.argv[2], sys.argv[3])
    elif cmd == "scores":
        live_scores(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: gen_rouge_fixtures.py fixtures | stems IN OUT | scores IN OUT")
