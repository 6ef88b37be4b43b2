#!/usr/bin/env python3
"""Cross-check skops-cpp's writer against the reference Python skops.

For every corpus model: `skops-cpp resave` writes it again through the C++ estimator's own
writer; Python's skops.io.load must read the new file trusting no more types than the
original file needed, and the loaded scikit-learn estimator must give the recorded outputs.
DataFrame models (tests/data/zoo) are fed NAME.X.csv through pandas.read_csv.
Files written by natively built C++ estimators (a directory of NAME.skops + NAME.X.npy (or NAME.X.csv) +
NAME.<method>.npy + NAME.expected.json, see tests/interop/native_models/ (one file per module)) and files
rewritten through the generic node graph (tests/interop/generic_rewrite.cpp) are checked
the same way with --native DIR.

Needs Python skops importable (e.g. PYTHONPATH=<skops source>) and scikit-learn; without
them it prints a notice and exits 0. Not part of the C++ test suite: a cross-check for
developers, run by hand or by a CI that has Python skops.

usage: python_roundtrip.py --cli build/src/cli/skops-cpp [--corpus tests/data/corpus/sklearn-1.2.1
                           tests/data/zoo/sklearn-1.2.1 ...]
                           [--native DIR] [--compression stored|deflate]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import warnings


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--corpus", nargs="*", default=[])
    ap.add_argument("--native")
    ap.add_argument("--compression", default="stored")
    args = ap.parse_args()
    try:
        import numpy as np
        import sklearn
        import skops.io as sio
    except ImportError as e:
        print(f"python_roundtrip: skipped ({e}); set PYTHONPATH to a skops source tree")
        return 0
    warnings.filterwarnings("ignore")
    print(f"python_roundtrip: scikit-learn {sklearn.__version__}, numpy {np.__version__}")

    def outputs_match(model, base, meta):
        X = None
        if os.path.exists(base + ".X.npy"):
            X = np.load(base + ".X.npy", allow_pickle=False)
        elif os.path.exists(base + ".X.csv"):
            # DataFrame models (tests/data/zoo, native frame models): the CSV as pandas reads it.
            import pandas as pd
            X = pd.read_csv(base + ".X.csv")
        elif os.path.exists(base + ".X.json"):
            # DictVectorizer / FeatureHasher models (tests/data/dicts, native ones): their samples.
            with open(base + ".X.json", encoding="utf-8") as fh:
                X = json.load(fh)
            if isinstance(X, dict) and "values" in X:
                # A 1-d array as the corpus writes it (LabelEncoder's labels).
                X = np.array(X["values"])
        if X is None:
            return "no numeric input"
        for method, fname in meta["methods"].items():
            if method in meta.get("method_inputs", {}):
                continue
            got = getattr(model, method)(X)
            if isinstance(fname, list):
                # A list of arrays (MultiOutputClassifier.predict_proba): one file per element.
                if not isinstance(got, list) or len(got) != len(fname):
                    return f"{method}: expected a list of {len(fname)} arrays"
                for k, (g, fk) in enumerate(zip(got, fname)):
                    w = np.load(os.path.join(os.path.dirname(base), fk), allow_pickle=False)
                    if not np.allclose(g, w, rtol=1e-12, atol=1e-10, equal_nan=True):
                        return f"{method}[{k}] differs"
                continue
            if hasattr(got, "toarray"):  # a vectorizer's sparse transform
                got = got.toarray()
            path = os.path.join(os.path.dirname(base), fname)
            if fname.endswith(".json"):
                want = np.array(json.load(open(path))["values"])
                if not np.array_equal(np.asarray(got).astype(str), want.astype(str)):
                    return f"{method} differs"
                continue
            want = np.load(path, allow_pickle=False)
            if want.dtype.kind in "iub" or got.dtype.kind in "iubUO":
                if not np.array_equal(got, want):
                    return f"{method} differs"
            elif not np.allclose(got, want, rtol=1e-12, atol=1e-10, equal_nan=True):
                return f"{method} differs (max abs diff {np.nanmax(np.abs(got - want))})"
        return ""

    rows = []
    counts = {"pass": 0, "fail": 0, "not-resaved": 0, "original-fails-here": 0}
    tmp = tempfile.mkdtemp(prefix="skops-roundtrip-")
    for d in args.corpus:
        for f in sorted(os.listdir(d)):
            if not f.endswith(".skops"):
                continue
            name = f[:-6]
            base = os.path.join(d, name)
            meta = json.load(open(base + ".expected.json"))
            orig_untrusted = set(meta["untrusted_types"])
            # Does the original file work in this Python environment at all?
            try:
                orig = sio.load(base + ".skops", trusted=sorted(orig_untrusted))
                orig_problem = outputs_match(orig, base, meta)
            except Exception as e:  # noqa: BLE001 - any failure means "not comparable here"
                orig_problem = f"{type(e).__name__}: {e}"
            out = os.path.join(tmp, os.path.basename(d) + "_" + f)
            cmd = [args.cli, "resave", base + ".skops", out, "--compression", args.compression]
            for t in sorted(orig_untrusted):
                cmd += ["--trusted", t]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                counts["not-resaved"] += 1
                rows.append((d, name, "not resaved by skops-cpp", r.stderr.strip().splitlines()[-1][:100]))
                continue
            if orig_problem and orig_problem != "no numeric input":
                counts["original-fails-here"] += 1
                rows.append((d, name, "original fails in this Python", orig_problem[:100]))
                continue
            try:
                new_untrusted = set(sio.get_untrusted_types(file=out))
                extra = new_untrusted - orig_untrusted
                if extra:
                    raise AssertionError(f"needs more trusted types than the original: {sorted(extra)}")
                model = sio.load(out, trusted=sorted(new_untrusted))
                problem = outputs_match(model, base, meta)
                if problem and problem != "no numeric input":
                    raise AssertionError(problem)
                counts["pass"] += 1
                rows.append((d, name, "pass", ""))
            except Exception as e:  # noqa: BLE001
                counts["fail"] += 1
                rows.append((d, name, "FAIL", f"{type(e).__name__}: {e}"[:160]))
    if args.native:
        for f in sorted(os.listdir(args.native)):
            if not f.endswith(".skops"):
                continue
            base = os.path.join(args.native, f[:-6])
            meta = json.load(open(base + ".expected.json"))
            try:
                untrusted = sio.get_untrusted_types(file=base + ".skops")
                extra = set(untrusted) - set(meta.get("untrusted_types", []))
                if extra:
                    raise AssertionError(f"untrusted types {sorted(extra)}")
                model = sio.load(base + ".skops", trusted=untrusted)
                problem = outputs_match(model, base, meta)
                if problem and problem != "no numeric input":
                    raise AssertionError(problem)
                counts["pass"] += 1
                rows.append((args.native, f[:-6], "pass (native)", ""))
            except Exception as e:  # noqa: BLE001
                counts["fail"] += 1
                rows.append((args.native, f[:-6], "FAIL (native)", f"{type(e).__name__}: {e}"[:160]))
    for row in rows:
        print("  %-28s %-44s %-32s %s" % (os.path.basename(row[0]), row[1], row[2], row[3]))
    print("python_roundtrip: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
