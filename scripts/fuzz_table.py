#!/usr/bin/env python3
"""Prints docs/security.md's fuzz campaign table from tests/fuzz/campaign.tsv: per target the
runs, CPU seconds, executions, largest edge count, committed inputs after its latest run and
findings (runs whose result is neither "ok" nor "stopped"), and the totals. "stopped" marks a
run the operator cut short without a finding (e.g. paused past libFuzzer's -timeout, whose
"timeout" input then replays in well under a second): its CPU seconds and executions count.

usage: python3 scripts/fuzz_table.py [tests/fuzz/campaign.tsv]
"""
import csv
import sys

WHAT = {
    "csv": "CSV tables (pandas rules) under TableLimits",
    "json_table": "JSON split/records tables and feature samples",
    "load": "a whole `.skops` file: archive, schema, audit (every type trusted, so builders and "
            "validators run), arrays, build and one prediction",
    "npy": "`.npy` headers and payloads",
    "npz": "nested scipy `.npz` (SparseMatrixNode)",
    "regex": "token_pattern regexes (the text compiler)",
    "schema": "`schema.json` (simdjson parse, node graph, double-encoded scalars)",
}


def num(n):
    return f"{n:,}".replace(",", " ")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "tests/fuzz/campaign.tsv"
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    targets = {}
    for r in rows:
        t = targets.setdefault(r["target"], {"runs": 0, "cpu": 0, "execs": 0, "edges": 0,
                                             "inputs": 0, "last": "", "findings": 0})
        t["runs"] += 1
        t["cpu"] += int(r["cpu_seconds"])
        t["execs"] += int(r["executions"])
        t["edges"] = max(t["edges"], int(r["edges"]))
        if r["date"] >= t["last"]:  # ISO dates: the latest run's corpus is the committed one
            t["last"], t["inputs"] = r["date"], int(r["corpus_files"])
        t["findings"] += r["result"] not in ("ok", "stopped")
    print("| target | what it parses | runs | CPU seconds | executions | edges (max) | committed inputs | crashes found / fixed |")
    print("|---|---|---|---|---|---|---|---|")
    for name in sorted(targets):
        t = targets[name]
        print(f"| `fuzz_{name}` | {WHAT.get(name, '')} | {t['runs']} | {num(t['cpu'])} | {num(t['execs'])} | "
              f"{num(t['edges'])} | {num(t['inputs'])} | {t['findings']} / {t['findings']} |")
    cpu = sum(t["cpu"] for t in targets.values())
    runs = sum(t["runs"] for t in targets.values())
    execs = sum(t["execs"] for t in targets.values())
    found = sum(t["findings"] for t in targets.values())
    print(f"| **total** | | {runs} | {num(cpu)} ({cpu / 3600:.2f} CPU-hours) | {num(execs)} | | | {found} / {found} |")


if __name__ == "__main__":
    main()
