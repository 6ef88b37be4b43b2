#!/usr/bin/env python3
"""Files per second of a repository scan: `skops-cpp audit DIR... --json` (one process for
all files, timed from outside, start-up included) against skops.io.get_untrusted_types(file=f)
in a loop (timed inside Python after the imports, which favours Python). Both see the same
.skops files; the best of --repeat runs is kept for each.

    PYTHONPATH=<skops source> python3 bench/audit_compare.py --cli build/src/cli/skops-cpp \
        tests/data/corpus tests/data/zoo tests/data/texts tests/data/frames tests/data/dicts
"""
import argparse
import json
import os
import subprocess
import time


def files_under(dirs):
    out = []
    for d in dirs:
        for root, _, names in os.walk(d):
            out += [os.path.join(root, n) for n in names if n.lower().endswith(".skops")]
    return sorted(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args()
    import skops.io as sio

    files = files_under(args.dirs)
    cpp, lines = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        r = subprocess.run([args.cli, "audit", *args.dirs, "--json"], capture_output=True, text=True)
        cpp.append(time.perf_counter() - t0)
        lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(lines) == len(files), (len(lines), len(files))
    py, agree, compared = [], 0, 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        results = {}
        for f in files:
            try:
                results[f] = sorted(sio.get_untrusted_types(file=f))
            except Exception as e:  # noqa: BLE001 - a refused file counts as scanned
                results[f] = f"error: {type(e).__name__}"
        py.append(time.perf_counter() - t0)
    for line in lines:
        want = results[line["file"]]
        if "error" in line or isinstance(want, str):
            continue
        compared += 1
        agree += line["untrusted"] == want
    c, p = min(cpp), min(py)
    print(f"files: {len(files)} (untrusted lists compared on {compared}, equal on {agree})")
    print(f"skops-cpp audit: {c:.3f} s  {len(files) / c:8.0f} files/s")
    print(f"get_untrusted_types: {p:.3f} s  {len(files) / p:8.0f} files/s")
    print(f"ratio: {p / c:.1f}x")


if __name__ == "__main__":
    main()
