#!/usr/bin/env python3
"""Writes analyzer_cases.json: scikit-learn's build_analyzer() terms and HashingVectorizer
columns for a grid of parameters x documents, the reference for
tests/unit/estimators/feature_extraction_test.cpp.

Run with Debian's python3-sklearn (1.2.1, Python 3.11 = Unicode 14.0):
    /usr/bin/python3 tests/data/text/generate_analyzer_cases.py > tests/data/text/analyzer_cases.json
"""
import json
import sys

import sklearn
from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer
from sklearn.utils import murmurhash3_32

DOCS = [
    "",
    "   ",
    "The quick brown fox jumps over the lazy dog.",
    "Ein großartiger Film über Mut — très émouvant, naïve café",
    "İstanbul ΣΊΣΥΦΟΣ ΟΔΟΣ Σ",
    "hindi: हिन्दी  and  tamil தமிழ்",
    "emoji 😀 smile 👍🏽 thumbs, flags 🇫🇷",
    "tabs\tand\nnewlines\r\n  double  spaces\u00a0nbsp\u2003em",
    "I'm can't won't o'clock rock'n'roll",
    "numbers 12 345 6.78 ٣٤ ①② x²",
    "the and of to a in is it you that",
    "ﬁ ligature Ⅻ ＦＵＬＬＷＩＤＴＨ ㎏",
    "a b c d e f",
    "Straße STRASSE ǅ ǆ ß ẞ",
]

PARAMS = [
    {},
    {"lowercase": False},
    {"strip_accents": "ascii"},
    {"strip_accents": "unicode"},
    {"stop_words": "english"},
    {"stop_words": ["the", "fox", "and"]},
    {"ngram_range": [1, 2]},
    {"ngram_range": [2, 3]},
    {"ngram_range": [1, 3], "stop_words": "english"},
    {"token_pattern": r"\b\w+\b"},
    {"token_pattern": r"\w+"},
    {"token_pattern": r"\S+"},
    {"token_pattern": r"[^\s]+"},
    {"token_pattern": r"[a-zA-Z]+"},
    {"token_pattern": r"[a-zA-Z]{2,}"},
    {"token_pattern": r"\b[a-zA-Z]{3,}\b"},
    {"token_pattern": r"[\w']+"},
    {"token_pattern": r"(?u)\b\w+\b|[^\w\s]"},
    {"token_pattern": r"(?i)([a-z])\w+"},
    {"token_pattern": r"(?a)\b\w\w+\b"},
    {"analyzer": "char"},
    {"analyzer": "char", "ngram_range": [2, 4]},
    {"analyzer": "char", "ngram_range": [1, 2], "lowercase": False},
    {"analyzer": "char_wb"},
    {"analyzer": "char_wb", "ngram_range": [2, 4]},
    {"analyzer": "char_wb", "ngram_range": [3, 5], "strip_accents": "unicode"},
]


def main():
    cases = []
    for p in PARAMS:
        kw = dict(p)
        if "ngram_range" in kw:
            kw["ngram_range"] = tuple(kw["ngram_range"])
        analyze = CountVectorizer(**kw).build_analyzer()
        hv = HashingVectorizer(n_features=257, norm=None, alternate_sign=True, **kw)
        for d in DOCS:
            terms = analyze(d)
            X = hv.transform([d])
            X.sort_indices()
            cases.append({
                "params": p,
                "doc": d,
                "terms": terms,
                "hashed_indices": X.indices.tolist(),
                "hashed_data": X.data.tolist(),
            })
    words = ["", "a", "ab", "abc", "abcd", "abcde", "hello world", "über", "😀", "the quick brown fox"]
    out = {
        "sklearn_version": sklearn.__version__,
        "python": sys.version.split()[0],
        "cases": cases,
        "murmurhash3_32": [[w, murmurhash3_32(w, seed=0)] for w in words]
        + [[w, murmurhash3_32(w, seed=42)] for w in words[:3]],
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=0)
    sys.stdout.write("\n")


main()
