#!/usr/bin/env python3
"""skops::read_csv / read_json_table against pandas on the same 10 000-row input, one run.

    /usr/bin/python3 bench/table_compare.py --build build-bench

Writes the input with ``skops_bench_table --write-csv/--write-json``, times
``pandas.read_csv`` (default options and float_precision="round_trip", the rounding
skops-cpp matches) and ``pandas.read_json(orient="split")`` (best of 20 runs, process CPU time), then runs the
Google Benchmark and prints its median CPU times beside them.
"""
import argparse
import io
import json
import os
import subprocess
import tempfile
import time
import timeit

import pandas as pd


def best(fn, n=20):
    # CPU time of the process (not wall): on a shared machine other jobs inflate wall time.
    return min(timeit.repeat(fn, number=1, repeat=n, timer=time.process_time))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    args = ap.parse_args()
    exe = os.path.join(args.build, "bench", "skops_bench_table")
    with tempfile.TemporaryDirectory() as tmp:
        csv, js = os.path.join(tmp, "t.csv"), os.path.join(tmp, "t.json")
        subprocess.run([exe, f"--write-csv={csv}", f"--write-json={js}"], check=True)
        csv_bytes = open(csv, "rb").read()
        js_text = open(js, encoding="utf-8").read()
        pandas = {
            "read_csv": best(lambda: pd.read_csv(io.BytesIO(csv_bytes))),
            "read_csv round_trip": best(lambda: pd.read_csv(io.BytesIO(csv_bytes), float_precision="round_trip")),
            "read_json split": best(lambda: pd.read_json(io.StringIO(js_text), orient="split")),
        }
        out = subprocess.run([exe, "--benchmark_format=json", "--benchmark_repetitions=5",
                              "--benchmark_report_aggregates_only=true"],
                             check=True, capture_output=True, text=True).stdout
    res = {b["run_name"]: b["cpu_time"] / 1e3 for b in json.loads(out)["benchmarks"]
           if b.get("aggregate_name") == "median" and b["time_unit"] == "ms"}
    cpp_csv, cpp_json = res["BM_ReadCsv10k"], res["BM_ReadJson10k"]
    print(f"input: {len(csv_bytes)} bytes CSV, {len(js_text)} bytes JSON, pandas {pd.__version__}; "
          "CPU time: pandas best of 20, skops-cpp median of 5 Google Benchmark runs")
    for name, t in pandas.items():
        cpp = cpp_json if "json" in name else cpp_csv
        print(f"pandas {name:22s} {t * 1e3:8.3f} ms   skops-cpp {cpp * 1e3:8.3f} ms   {t / cpp:6.1f}x")


if __name__ == "__main__":
    main()
