#!/usr/bin/env python3
"""Expected values for tests/unit/text_test.cpp, computed by Python itself:

    /usr/bin/python3 scripts/gen_text_cases.py tests/data/text/cases.json

- findall: re.findall(pattern, doc) for the token patterns below x the documents below, and a
  seeded random set of small patterns and documents (differential test of the matcher);
- lower / strip_unicode / strip_ascii: str.lower() and scikit-learn's own strip_accents_unicode /
  strip_accents_ascii (imported from the installed scikit-learn, 1.2.1 on Debian 12; the
  functions are the same in 1.4.2) of every document and of combining-mark sequences;
- sweeps: for \\w \\d \\s (str and (?a)) and some IGNORECASE literals and classes, the set of
  code points c with re.fullmatch(pattern, c), as ranges; computed through re itself, not
  through the str methods scripts/gen_unicode_tables.py uses;
- hashes: FNV-1a 64 of str.lower / strip_accents_* over every code point (surrogates skipped),
  so the C++ test checks the whole table without a huge file.

Run with the Python whose behaviour the built-in tables follow (/usr/bin/python3 = 3.11).
"""
import json
import os
import random
import re
import sys
import unicodedata


# scikit-learn's functions themselves: an ASCII string is returned as it is, anything else
# NFKD-normalised with the combining marks (or, for ascii, every non-ASCII code point)
# dropped — also when NFKD leaves the string unchanged (e.g. Devanagari's virama).
from sklearn.feature_extraction.text import strip_accents_ascii, strip_accents_unicode  # noqa: E402


PATTERNS = [
    r"(?u)\b\w\w+\b", r"\b\w+\b", r"\w+", r"\S+", r"[^\s]+", r"[a-zA-Z]+", r"[a-zA-Z]{2,}",
    r"\b[a-zA-Z]{3,}\b", r"[\w']+", r"(?u)\b\w+\b|[^\w\s]",
    # lazy, counted, one group, alternation priority
    r"\w+?", r"\w{2,3}", r"\w{2,3}?", r"\w{,2}x", r"(\w+)@", r"(\w)\w*", r"(?:(a)|b)+", r"a|ab",
    r"ab|a", r"(?:ab|a)c", r"(?:a|ab)(?:c|bcd)", r"\w+?\b", r".+?\s", r"(a+)(?:b)", r"(a|b)*c",
    # classes and categories
    r"\d+", r"\D+", r"\s+", r"\W+", r"[^\W\d_]+", r"[\d\s]+", r"[^a-z\s]+", r"[\w-]+", r"[-a]+",
    r"[]a]+", r"[\]\\]+", r"[.]+", r"\$\d+(?:\.\d\d)?", r"[\u0600-\u06ff]+", r"[\u4e00-\u9fff]+",
    r"[\U0001F300-\U0001FAFF]+", r"\x41\w*", r"[\x00-\x7f]+", r"[^\x00-\x7f]+", r"\u00e9\w*",
    # anchors and dot
    r".+", r"(?s).+", r"^\w+", r"\w+$", r"(?m)^\w+", r"(?m)\w+$", r"\A\w+", r"\w+\Z", r"\B\w+",
    r"\w+\B", r"\b.", r".\b", r"$\n", r"\n^", r"(?m)$\n^\w",
    # flags
    r"(?a)\w+", r"(?a)\b\w+\b", r"(?a)\d+", r"(?a)\s+", r"(?i)[a-z]+", r"(?i)k+", r"(?i)s+",
    r"(?i)straße", r"(?i)σ+", r"(?i)[^k]+", r"(?i)[k-m]+", r"(?i)i+", r"(?i)[İı]", r"(?i)µ",
    r"(?i)[\U00010400-\U0001044f]+", r"(?i)\U00010400", r"(?i)[\U00010400]", r"(?ai)[a-z]+",
    r"(?ai)k", r"(?i)\w+", r"(?i)[^\W]+", r"(?u)(?i)\bσ\w*", r"(?s)a.b", r"(?is)σ.", r"(?#c)\w+",
    r"\w(?#c)+", r"(?P<x>\w+)-",
    # sre_parse's rewrites (non-capturing groups unpacked, common prefixes moved out of
    # alternations, single-character alternations turned into a class) are visible with
    # IGNORECASE above the BMP
    r"(?i)x\U00010400|xi", r"(?i)(?:x)\U00010400|(?:x)i", r"(?i)(?:\U00010400)|i",
    r"(?i)\U00010400|\U00010401", r"(?i)(?:ab)+\U00010400|(?:ab)+i", r"(?i)(?:\U00010400|i)",
    r"ab|ac|a", r"(?:a|b)|c",
    # literal braces
    r"x{}", r"x{a}", r"x{,}y", r"a{0}b", r"\w{3}",
]

DOCS = [
    "", "a", "Hello, World! It's 3.14 o'clock.", "The quick brown fox jumps over the lazy dog",
    "naïve café résumé Ångström façade jalapeño", "ΣΊΣΥΦΟΣ ΟΔΥΣΣΕΥΣ σοφός. ΑΣ Σ ΣΑ",
    "İstanbul IŞIK ıi İi", "हिन्दी भाषा में पाठ", "中文文本，日本語のテキスト。한국어 텍스트",
    "النص العربي ١٢٣ ٤٥٦", "emoji 😀 👍🏽 family 👨‍👩‍👧 flag 🇫🇷", "digits ٣٤ ०१२ ๓๔ ¹²³ ½ Ⅻ",
    "nbsp\u00a0here\u2003em\u3000ideo\u200bzw\u2028ls\u2029ps\x1cfs\x85nel", "tab\tnew\nline\r\n",
    "trailing newline\n", "\n", "a\nb\n\n", "ſ ſt ﬅ ﬆ K K k", "STRASSE straße ẞ ß",
    "µ μ Μ ͅ ι Ι ι", "𐐀𐐨 𐐁𐐩 Deseret", "ab abc abcd aab abd acbcd", "user@example.com a@b c@",
    "$12.50 $3 $4.5", "x{} x{a} x{,}y xy ab b", "_under_score_ __init__ a_b", "don't can't 'quoted'",
    "a-b c--d -e-", "]]a[[\\", "...", "ＦＵＬＬＷＩＤＴＨ ｆｕｌｌ １２３", "ﬁ ﬂ ﬃ ㎏ ℌ ℵ ① ⑵",
    "e\u0301 e\u0316\u0301 e\u0301\u0316 a\u0308\u0323", "Å Å Å", "Ǆ ǅ ǆ ǲ", "ΐ ΰ ᾳ ᾼ ῼ",
    "x𐐨 xi 𐐨 𐐩 ab𐐨 abi",
]


def fullmatch_ranges(pattern):
    rx = re.compile(pattern)
    out = []
    start = None
    for cp in range(0x110000):
        ok = rx.fullmatch(chr(cp)) is not None
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            out.append([start, cp - 1])
            start = None
    if start is not None:
        out.append([start, 0x10FFFF])
    return out


SWEEPS = [
    r"\w", r"\d", r"\s", r"\W", r"\D", r"\S", r"(?a)\w", r"(?a)\d", r"(?a)\s", r".", r"(?s).",
    r"(?i)k", r"(?i)s", r"(?i)i", r"(?i)σ", r"(?i)ΐ", r"(?i)\u0345", r"(?i)[a-z]", r"(?i)[^a-z]",
    r"(?i)[k-s]", r"(?i)[\u0100-\u024f]", r"(?i)[\u0370-\u03ff]", r"(?i)[\u2100-\u2200]",
    r"(?i)[\U00010400-\U0001044f]", r"(?i)[\U00010400x]", r"(?i)[\uff00-\U00010500]",
    r"(?i)[\w]", r"(?i)[^\W]", r"(?ai)[a-z]", r"(?ai)[\x00-\U00010000]", r"(?i)ǅ", r"(?i)ß",
]


def fnv(strings):
    h = 0xCBF29CE484222325
    for s in strings:
        for b in s.encode("utf-8") + b"\xff":
            h ^= b
            h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def all_chars():
    return (chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)


def random_cases(n, seed):
    rng = random.Random(seed)
    atoms = ["a", "b", "é", "K", "k", "ſ", "s", "S", "İ", "i", "ı", "Σ", "σ", "ς", "𐐀", "𐐨", "µ",
             "μ", r"\w", r"\d", r"\s", r"\W", r"\S", r"\D", ".", "[ab]", "[^a]", "[a-cé]",
             r"[\s\d]", r"\.", "x", "[A-Z]", "[^A-Z]", "[k-s]", "[Ā-ž]", r"[\U00010400-\U0001044f]",
             "[𐐀x]", r"[^\w\s]", "[İı]", "[σ-ω]", r"\u0130", r"\n", "[ſ]", "[K]", "[^K]", "[Kk]",
             "[\uff00-\U00010500]"]
    asserts = [r"\b", r"\B", "^", "$", r"\A", r"\Z"]
    quants = ["*", "+", "?", "{1,2}", "{2}", "*?", "+?", "??", "{0,2}?", "{1,}", "{,2}", "{2,3}?"]

    def gen(depth):
        r = rng.random()
        if depth > 3 or r < 0.3:
            return rng.choice(atoms)
        if r < 0.45:
            return gen(depth + 1) + rng.choice(quants)
        if r < 0.65:
            return "".join(gen(depth + 1) for _ in range(rng.randint(2, 3)))
        if r < 0.75:
            return gen(depth + 1) + "|" + gen(depth + 1)
        if r < 0.85:
            return "(?:" + gen(depth + 1) + ")" + rng.choice(quants + [""])
        if r < 0.92:
            return rng.choice(asserts) + gen(depth + 1)
        return gen(depth + 1) + rng.choice(asserts)

    cases = []
    alphabet = "aabbé KſkA1_ .\nİıiIΣσςsS𐐀𐐨µμK١e\u0301-"
    while len(cases) < n:
        body = gen(0)
        if rng.random() < 0.2:
            body = "(" + body + ")" + rng.choice(["", "x", "a", r"\b"])
        pattern = rng.choice(["", "", "(?i)", "(?i)", "(?a)", "(?s)", "(?m)", "(?ai)", "(?is)",
                              "(?im)"]) + body
        try:
            rx = re.compile(pattern)
        except re.error:
            continue
        if rx.groups > 1 or rx.fullmatch("") is not None:
            continue
        doc = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        cases.append({"pattern": pattern, "doc": doc, "expected": rx.findall(doc)})
    return cases


def main():
    out_path = sys.argv[1]
    findall = []
    for p in PATTERNS:
        rx = re.compile(p)
        assert rx.groups <= 1, p
        for d in DOCS:
            findall.append({"pattern": p, "doc": d, "expected": rx.findall(d)})
    marks = [chr(c) for c in range(0x300, 0x370)] + ["\u0591", "\u05b0", "\u0e38", "\u0e48",
                                                     "\u302a", "\u3099", "\U0001d165", "\U0001e944"]
    strings = list(DOCS)
    for base in ["a", "é", "Å", "ǖ", "ᾷ", "가", "ﬃ"]:
        for m1 in marks[::3]:
            for m2 in marks[1::5]:
                strings.append(base + m1 + m2)
    strings += ["AΣ", "AΣ.", "A.Σ", "AΣ'", "AΣ'A", "Σ", "ΣA", "A Σ", "AΣ\u0345", "AΣ\u0345B",
                "ΑΣ'Σ", "a\u00adΣ", "1Σ", "ÀΣ", "ǅΣ", "\U00010400Σ", "ΣΣΣ", "A\u0301Σ\u0301"]
    cases = {
        "python": sys.version.split()[0],
        "unicode": unicodedata.unidata_version,
        "findall": findall,
        "random_findall": random_cases(6000, 20261203),
        "strings": [{"input": s, "lower": s.lower(), "strip_unicode": strip_accents_unicode(s),
                     "strip_ascii": strip_accents_ascii(s)} for s in strings],
        "sweeps": [{"pattern": p, "ranges": fullmatch_ranges(p)} for p in SWEEPS],
        "hashes": {
            "lower": fnv(c.lower() for c in all_chars()),
            "strip_unicode": fnv(strip_accents_unicode(c) for c in all_chars()),
            "strip_ascii": fnv(strip_accents_ascii(c) for c in all_chars()),
        },
    }
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=0)
        f.write("\n")
    # Seeds for tests/fuzz/fuzz_regex.cpp (pattern NUL document), replayed by ctest.
    seed_dir = os.path.join(os.path.dirname(out_path), "regex_seeds")
    os.makedirs(seed_dir, exist_ok=True)
    for i, p in enumerate(PATTERNS):
        with open(os.path.join(seed_dir, f"seed_{i:03d}.bin"), "wb") as f:
            f.write(p.encode("utf-8") + b"\0" + DOCS[i % len(DOCS)].encode("utf-8"))


if __name__ == "__main__":
    main()
