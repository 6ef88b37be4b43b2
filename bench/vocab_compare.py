#!/usr/bin/env python3
"""Load cost of large text vocabularies: skops-cpp against skops.io.load and pickle.

Fits CountVectorizer(max_features=N) + MultinomialNB for each N (default 10k, 100k, 500k
terms: vocabulary_ values become numpy int64 scalars, one .npy member each, so the file has
about N zip members and ~420 bytes of schema.json per term), saves it with Python skops, then
measures in fresh processes: `skops-cpp validate` (full load, wall time of the process and
its peak RSS), skops.io.load and pickle.load of the same model (time of the call and the
peak RSS it adds over the imported libraries).

    PYTHONPATH=<skops source> python3 bench/vocab_compare.py --cli build/src/cli/skops-cpp \
        [--terms 10000 100000 500000]
"""
import argparse
import os
import pickle
import subprocess
import sys
import tempfile
import time


# Peak RSS is read from /proc/self/status VmHWM (per address space): ru_maxrss would carry
# over the parent's peak through fork and exec.
PY_LOAD = r"""
import sys, time, pickle
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
import numpy, scipy, sklearn
import skops.io as sio
from sklearn.naive_bayes import MultinomialNB
from sklearn.feature_extraction.text import CountVectorizer
base = hwm()
t0 = time.perf_counter()
if sys.argv[1] == "skops":
    m = sio.load(sys.argv[2], trusted=[])
else:
    with open(sys.argv[2], "rb") as f:
        m = pickle.load(f)
t = time.perf_counter() - t0
print(t, hwm() - base)
"""


def run_peak(cmd):
    """Runs cmd; returns (seconds, peak RSS in KiB polled from /proc/PID/status VmHWM)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while p.poll() is None:
        try:
            for line in open(f"/proc/{p.pid}/status"):
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.002)
    return p.returncode, time.perf_counter() - t0, peak, p.stderr.read().decode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--terms", type=int, nargs="*", default=[10000, 100000, 500000])
    args = ap.parse_args()
    import numpy as np
    import skops.io as sio
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.naive_bayes import MultinomialNB
    from sklearn.pipeline import Pipeline

    tmp = tempfile.mkdtemp(prefix="vocab-bench-")
    print(f"{'terms':>8} {'members':>8} {'MB':>7} | {'skops-cpp s':>11} {'MB RSS':>7} | "
          f"{'skops.io s':>10} {'MB':>7} | {'pickle s':>8} {'MB':>7}")
    for n in args.terms:
        rng = np.random.default_rng(0)
        words = [f"w{i:x}z" for i in range(int(n * 1.05))]
        docs = [" ".join(words[i:i + 50]) for i in range(0, len(words), 50)]
        y = rng.integers(0, 2, len(docs))
        model = Pipeline([("v", CountVectorizer(max_features=n)), ("nb", MultinomialNB())])
        model.fit(docs, y)
        path = os.path.join(tmp, f"vocab_{n}.skops")
        # Python skops checks `name not in zip_file.namelist()` before each array it writes,
        # quadratic in the member count (500 000 terms did not finish in 25 minutes). The
        # dict-keys view answers the same question in O(1); the file written is unchanged.
        import zipfile
        namelist = zipfile.ZipFile.namelist
        zipfile.ZipFile.namelist = lambda self: self.NameToInfo.keys()
        try:
            sio.dump(model, path)
        finally:
            zipfile.ZipFile.namelist = namelist
        pkl = os.path.join(tmp, f"vocab_{n}.pkl")
        with open(pkl, "wb") as f:
            pickle.dump(model, f)
        import zipfile
        members = len(zipfile.ZipFile(path).namelist())
        code, el, kb, err = run_peak([args.cli, "validate", path])
        cpp = ("refused: " + err.strip()[:70], "") if code else (el, kb / 1024)
        res = {}
        for kind, p in (("skops", path), ("pickle", pkl)):
            out = subprocess.run([sys.executable, "-c", PY_LOAD, kind, p], capture_output=True,
                                 text=True, env=os.environ)
            t, kb = out.stdout.split()
            res[kind] = (float(t), int(kb) / 1024)
        print(f"{n:>8} {members:>8} {os.path.getsize(path) / 2**20:>7.1f} | "
              + (f"{cpp[0]:>11.3f} {cpp[1]:>7.0f}" if cpp[1] != "" else f"{cpp[0]}")
              + f" | {res['skops'][0]:>10.3f} {res['skops'][1]:>7.0f} | "
              f"{res['pickle'][0]:>8.3f} {res['pickle'][1]:>7.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
