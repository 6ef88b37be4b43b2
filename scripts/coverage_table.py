#!/usr/bin/env python3
"""Per scikit-learn class this build registers: in how many test files (tests/data, both
scikit-learn versions; hostile files left out) it occurs anywhere in the object tree, in which
versions, as the top-level class of how many, and the methods recorded for those top-level
files. For closing notes and docs:

    python3 scripts/coverage_table.py build/src/cli/skops-cpp [tests/data] > coverage.md
"""
import collections
import json
import pathlib
import re
import subprocess
import sys


def main():
    cli = sys.argv[1]
    root = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "tests/data")
    registered = subprocess.run([cli, "types"], check=True, capture_output=True,
                                text=True).stdout.split()
    files = sorted(p for p in root.rglob("*.skops") if "hostile" not in p.parts)
    occurs = collections.defaultdict(set)
    versions = collections.defaultdict(set)
    top = collections.Counter()
    methods = collections.defaultdict(set)
    scan = subprocess.run([cli, "audit", "--json", *map(str, files)], capture_output=True, text=True)
    for line in scan.stdout.splitlines():
        rec = json.loads(line)
        if "types" not in rec:
            continue
        path = pathlib.Path(rec["file"])
        m = re.search(r"sklearn-(\d+\.\d+\.\d+)", str(path))
        version = m.group(1) if m else "?"
        for t in rec["types"]:
            occurs[t["type"]].add(path)
            versions[t["type"]].add(version)
        expected = path.with_name(path.name[: -len(".skops")] + ".expected.json")
        if expected.exists():
            e = json.loads(expected.read_text())
            cls = e.get("class")
            if cls:
                top[cls] += 1
                methods[cls].update(e.get("methods", {}).keys())
    print("| class | files (anywhere) | as top-level | versions | methods checked (top-level files) |")
    print("|---|---|---|---|---|")
    for t in sorted(registered):
        if not t.startswith("sklearn."):
            continue
        print(f"| `{t}` | {len(occurs[t])} | {top[t]} | {', '.join(sorted(versions[t])) or '-'} | "
              f"{', '.join(sorted(methods[t])) or '-'} |")
    n = sum(1 for t in registered if t.startswith("sklearn."))
    untested = [t for t in registered if t.startswith("sklearn.") and not occurs[t]]
    print(f"\n{n} scikit-learn classes registered; {len(files)} test files scanned; "
          f"in no test file: {', '.join(untested) or 'none'}")


if __name__ == "__main__":
    main()
