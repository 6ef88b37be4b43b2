#!/usr/bin/env python3
"""Text model inference: skops-cpp (run_documents) against scikit-learn, one thread.

Makes --docs documents from a zoo text model's 40 (each a random sample of words from all of
them, so that nothing repeats), runs `skops_bench_docs` on them and times the model's method
and its first step's transform in this Python on the same list, median of --repeat runs
after a warm-up. Prints each time and the ratio.

    PYTHONPATH=<skops source> python3 bench/docs_compare.py --build build \
        --model tests/data/zoo/sklearn-1.2.1/text_tfidf_bigram_logreg [--docs 10000]
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
    ap.add_argument("--model", required=True, help="text model path without extension")
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--method", default="predict")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import numpy as np
    import sklearn
    import skops.io as sio

    warnings.filterwarnings("ignore")
    meta = json.load(open(args.model + ".expected.json"))
    base = json.load(open(args.model + ".X.json", encoding="utf-8"))
    words = " ".join(base).split()
    rng = np.random.default_rng(0)
    docs = [" ".join(rng.choice(words, size=int(rng.integers(5, 40)))) for _ in range(args.docs)]
    tmp = tempfile.mkdtemp(prefix="docs-bench-")
    path = os.path.join(tmp, "docs.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(docs, f, ensure_ascii=False)

    cmd = [os.path.join(args.build, "bench", "skops_bench_docs"), args.model + ".skops", path,
           "--method", args.method, "--repeat", str(args.repeat)]
    for t in meta["untrusted_types"]:
        cmd += ["--trusted", t]
    cpp = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)

    model = sio.load(args.model + ".skops", trusted=meta["untrusted_types"])
    method = getattr(model, args.method)
    first = model.steps[0][1] if hasattr(model, "steps") else model

    def timed(f):
        runs = []
        for r in range(args.repeat + 1):
            t0 = time.perf_counter()
            f()
            if r:
                runs.append(time.perf_counter() - t0)
        return statistics.median(runs)

    py_run = timed(lambda: method(docs))
    py_vec = timed(lambda: first.transform(docs))
    print(f"docs_compare: {os.path.basename(args.model)}, {len(docs)} documents "
          f"({cpp['bytes']} bytes), {args.method}; scikit-learn {sklearn.__version__}, one thread")
    for label, c, p in [("vectorize (first step)", cpp["vectorize_seconds"], py_vec),
                        (f"whole pipeline {args.method}", cpp["run_seconds"], py_run)]:
        print(f"  {label:30s} skops-cpp {c * 1e3:8.2f} ms   Python {p * 1e3:8.2f} ms   "
              f"Python/C++ {p / c:6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
