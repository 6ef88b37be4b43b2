#!/usr/bin/env python3
"""What the text analyzers see of every code point, in this Python, for comparing versions.

    /usr/bin/python3 scripts/compare_unicode_versions.py dump u311.json        # Python 3.11
    scripts/python_env_trixie.sh /work/trixie run python3 \\
        scripts/compare_unicode_versions.py dump u313.json                     # Python 3.13
    python3 scripts/compare_unicode_versions.py diff u311.json u313.json

Per code point: re's \\w, \\d, \\s (str patterns), str.lower(), NFKD, combining class and
general category. `diff` counts the code points where they differ, split into those newly
assigned (general category Cn in the first file) and those already assigned.
"""
import collections
import json
import re
import sys
import unicodedata

NAMES = ["\\w", "\\d", "\\s", "lower", "NFKD", "combining", "category"]


def dump(path):
    w, d, s = re.compile(r"\w"), re.compile(r"\d"), re.compile(r"\s")
    props = {}
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        props[cp] = [bool(w.match(c)), bool(d.match(c)), bool(s.match(c)), c.lower(),
                     unicodedata.normalize("NFKD", c), unicodedata.combining(c),
                     unicodedata.category(c)]
    json.dump({"unicode": unicodedata.unidata_version, "python": sys.version.split()[0],
               "props": props}, open(path, "w"))


def diff(path_a, path_b):
    a, b = json.load(open(path_a)), json.load(open(path_b))
    print(f"{a['python']} (Unicode {a['unicode']}) vs {b['python']} (Unicode {b['unicode']})")
    counts = collections.Counter()
    new = 0
    for k, pa in a["props"].items():
        pb = b["props"][k]
        if pa == pb:
            continue
        fresh = pa[6] == "Cn"
        new += fresh
        for i, n in enumerate(NAMES):
            if pa[i] != pb[i]:
                counts[(n, fresh)] += 1
    print(f"code points assigned only in the second: {new}")
    for (n, fresh), c in sorted(counts.items()):
        print(f"  {n:10s} differs on {c:5d} code points ({'newly' if fresh else 'ALREADY'} assigned)")


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(sys.argv[2])
    else:
        diff(sys.argv[2], sys.argv[3])
