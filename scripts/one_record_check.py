#!/usr/bin/env python3
"""One record at a time, against scikit-learn: for every DataFrame model (NAME.X.csv /
NAME.X.json beside NAME.skops) in the given folders, the first two records are changed one
field at a time and each is predicted alone by scikit-learn (pandas + the model, loaded with
skops.io) and by `skops-cpp predict`:

  csv   the record as a one-row CSV with one field blanked (missing)
  json  the record as a one-element JSON list with one field null, one key left out, or an
        extra key; pandas' None in object columns is turned into NaN, as skops-cpp reads null
        (docs/table.md), unless --keep-none

Each case counts as same, both refuse, skops-cpp alone refuses, differ, or scikit-learn
alone refuses; in the last case skops-cpp's answer is compared with scikit-learn's for the
same record inside the whole table. A cross-check for developers (Python skops, pandas and
scikit-learn needed), not part of the C++ suite. Exit status 1 when a case differs or
skops-cpp alone refuses.

usage: PYTHONPATH=<skops source> python3 scripts/one_record_check.py --cli build/src/cli/skops-cpp \
           [--format csv|json] [--keep-none] tests/data/zoo/sklearn-1.2.1 tests/data/frames/sklearn-1.2.1
"""
import argparse
import csv
import glob
import io
import json
import os
import subprocess
import tempfile
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")


def same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape:
        return False
    if a.dtype.kind in "fiub" and b.dtype.kind in "fiub":
        return bool(np.allclose(a.astype(float), b.astype(float), rtol=1e-12, atol=1e-10, equal_nan=True))
    return bool(np.array_equal(a.astype(str), b.astype(str)))


def csv_text(header, rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header] + rows)
    return buf.getvalue()


def cases(base, fmt):
    """(label, record text for skops-cpp, record frame, whole-table frame) per variant."""
    if fmt == "csv":
        with open(base + ".X.csv", newline="") as f:
            rows = list(csv.reader(f))
        header, data = rows[0], rows[1:]
        for r in (0, 1):
            for c in range(len(header)):
                cells = list(data[r])
                cells[c] = ""
                table = list(data)
                table[r] = cells
                yield (f"record {r}, {header[c]} blank", csv_text(header, [cells]),
                       lambda t=csv_text(header, [cells]): pd.read_csv(io.StringIO(t)),
                       lambda t=csv_text(header, table): pd.read_csv(io.StringIO(t)), r)
        return
    with open(base + ".X.json") as f:
        j = json.load(f)
    if not (isinstance(j, dict) and "columns" in j):
        return
    recs = [dict(zip(j["columns"], row)) for row in j["data"]]
    for r in (0, 1):
        variants = []
        for c in j["columns"]:
            v = dict(recs[r])
            v[c] = None
            variants.append((f"record {r}, {c} null", v))
            v = dict(recs[r])
            del v[c]
            variants.append((f"record {r}, no {c}", v))
        v = dict(recs[r])
        v["zzz_extra"] = 1
        variants.append((f"record {r}, extra key", v))
        for label, rec in variants:
            table = list(recs)
            table[r] = rec
            yield (label, json.dumps([rec]), lambda rec=rec: pd.DataFrame([rec]),
                   lambda table=table: pd.DataFrame(table), r)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--format", choices=["csv", "json"], action="append")
    ap.add_argument("--keep-none", action="store_true")
    ap.add_argument("--verbose", action="store_true", help="also print the cases both refuse")
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args()
    import skops.io as sio

    stats = {}
    for d in args.dirs:
        for exp in sorted(glob.glob(os.path.join(d, "*.expected.json"))):
            base = exp[: -len(".expected.json")]
            e = json.load(open(exp))
            model = None
            trusted = sum([["--trusted", t] for t in e.get("untrusted_types", [])], [])
            for fmt in args.format or ["csv", "json"]:
                if not os.path.exists(f"{base}.X.{fmt}"):
                    continue
                if model is None:
                    model = sio.load(base + ".skops", trusted=e["untrusted_types"])

                def frame(make):
                    df = make()
                    return df if args.keep_none or fmt == "csv" else df.where(df.notna(), np.nan)

                for label, text, one, whole, r in cases(base, fmt):
                    try:
                        want, sk_err = model.predict(frame(one)), None
                    except Exception as ex:  # noqa: BLE001 - scikit-learn's refusal is a result
                        want, sk_err = None, f"{type(ex).__name__}: {str(ex)[:100]}"
                    with tempfile.TemporaryDirectory() as t:
                        inp, out = os.path.join(t, "x." + fmt), os.path.join(t, "y.npy")
                        with open(inp, "w") as f:
                            f.write(text)
                        p = subprocess.run([args.cli, "predict", base + ".skops", "--input", inp,
                                            "--output", out] + trusted, capture_output=True, text=True)
                        got = np.load(out, allow_pickle=False) if p.returncode == 0 else None
                    where = f"{os.path.relpath(base)} {fmt} {label}"
                    if got is None and want is None:
                        key = "both refuse"
                        if args.verbose:
                            print(f"{where}: both refuse; scikit-learn {sk_err}; skops-cpp {p.stderr.strip()[:150]}")
                    elif got is None:
                        key = "skops-cpp alone refuses"
                        print(f"{where}: skops-cpp refuses ({p.stderr.strip()[:150]})")
                    elif want is None:
                        try:
                            in_table = np.asarray(model.predict(frame(whole)))[r:r + 1]
                            ok = same(got, in_table)
                        except Exception:  # noqa: BLE001
                            ok = False
                        key = "scikit-learn alone refuses, skops-cpp = in-table" if ok else "scikit-learn alone refuses, other"
                        if not ok:
                            print(f"{where}: scikit-learn refuses ({sk_err}); skops-cpp {got.ravel()[:3]}")
                    elif same(got, want):
                        key = "same"
                    else:
                        key = "differ"
                        print(f"{where}: skops-cpp {got.ravel()[:3]}, scikit-learn {np.asarray(want).ravel()[:3]}")
                    stats[key] = stats.get(key, 0) + 1
    print(json.dumps(stats))
    bad = stats.get("differ", 0) + stats.get("skops-cpp alone refuses", 0) + stats.get("scikit-learn alone refuses, other", 0)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
