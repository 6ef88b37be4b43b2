#!/usr/bin/env python3
"""DataFrame inference: skops-cpp (read_csv + run_table) against pandas.read_csv + scikit-learn.

Makes a 10 000-row CSV from a zoo model's 40-row input (rows repeated with a small
deterministic change to the numeric columns, so nothing is cached), runs
`skops_bench_frame` on it and times pandas.read_csv and the model's method in this Python on
the same file, median of --repeat runs after a warm-up. Prints each time and the ratios.

    PYTHONPATH=<skops source> python3 bench/frame_compare.py --build build-bench \
        --model tests/data/zoo/sklearn-1.2.1/frame_titanic_logreg [--rows 10000]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--model", required=True, help="zoo model path without extension")
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--method", default="predict_proba")
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    import numpy as np
    import pandas as pd
    import sklearn
    import skops.io as sio

    warnings.filterwarnings("ignore")
    meta = json.load(open(args.model + ".expected.json"))
    base = pd.read_csv(args.model + ".X.csv")
    reps = -(-args.rows // len(base))
    frame = pd.concat([base] * reps, ignore_index=True).iloc[: args.rows].copy()
    rng = np.random.default_rng(0)
    for c in frame.columns:
        if frame[c].dtype.kind == "f":
            frame[c] = (frame[c] * (1 + rng.uniform(-0.01, 0.01, len(frame)))).round(3)
    tmp = tempfile.mkdtemp(prefix="frame-bench-")
    csv = os.path.join(tmp, "X.csv")
    frame.to_csv(csv, index=False)

    cmd = [os.path.join(args.build, "bench", "skops_bench_frame"), args.model + ".skops", csv,
           "--method", args.method, "--repeat", str(args.repeat)]
    for t in meta["untrusted_types"]:
        cmd += ["--trusted", t]
    cpp = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)

    model = sio.load(args.model + ".skops", trusted=meta["untrusted_types"])
    method = getattr(model, args.method)
    X = pd.read_csv(csv)

    def timed(f):
        runs = []
        for r in range(args.repeat + 1):
            t0 = time.perf_counter()
            f()
            if r:
                runs.append(time.perf_counter() - t0)
        return statistics.median(runs)

    py_read = timed(lambda: pd.read_csv(csv))
    py_run = timed(lambda: method(X))
    py_both = timed(lambda: method(pd.read_csv(csv)))
    print(f"frame_compare: {os.path.basename(args.model)}, {len(frame)} rows, {args.method}; "
          f"scikit-learn {sklearn.__version__}, pandas {pd.__version__}")
    rows = [("read CSV", cpp["read_csv_seconds"], py_read),
            ("method on the table", cpp["run_table_seconds"], py_run),
            ("read CSV + method", cpp["read_and_run_seconds"], py_both)]
    for label, c, p in rows:
        print(f"  {label:22s} skops-cpp {c * 1e3:8.2f} ms   Python {p * 1e3:8.2f} ms   "
              f"Python/C++ {p / c:6.1f}x")
    if "run_matrix_seconds" in cpp:
        print(f"  numeric matrix path    skops-cpp {cpp['run_matrix_seconds'] * 1e3:8.2f} ms "
              f"(table path / matrix path {cpp['run_table_seconds'] / cpp['run_matrix_seconds']:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
