#!/usr/bin/env python3
"""Generates the benchmark models (not committed; about 250 MB in all).

Run with Debian's scikit-learn and Python skops from source, e.g.

    PYTHONPATH=/work/ref /usr/bin/python3 bench/make_models.py /work/bench-data

For each model NAME it writes, into the output directory:

    NAME.skops        skops.io.dump (as Python writes it: stored members, not aligned)
    NAME.pkl          pickle.dump, highest protocol
    NAME_X.npy        10 000 test rows (float64, C order)
    NAME_predict.npy  scikit-learn's predict on them
    NAME_proba.npy    predict_proba (classifiers only)

and `models.json` describing the files (sizes, fit times, versions). The three models:

    forest  RandomForestRegressor, 100 fully grown trees (max_depth=None) on
            make_regression rows; the row count is chosen so the file is about 160 MB
    hgb     HistGradientBoostingClassifier, 3 classes x 150 iterations = 450 predictors,
            early_stopping=False
    small   LogisticRegression (20 features, 3 classes)
    wide    LogisticRegression (10 000 features, 3 classes; 1 000 test rows, not 10 000,
            to keep its test matrix at 80 MB)

The aligned re-saves used for the memory-mapped benchmarks are made by `skops-cpp resave`
(bench/compare.py does that when they are missing).
"""
import argparse
import json
import os
import pickle
import sys
import time

import numpy as np
import sklearn
import skops
import skops.io as sio
from sklearn.datasets import make_classification, make_regression
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestRegressor
from sklearn.linear_model import LogisticRegression

N_TEST = 10_000


def save(out, name, model, X_test, classifier, info):
    """Writes the model, its pickle, its test rows and scikit-learn's outputs on them."""
    path = os.path.join(out, name + ".skops")
    t = time.perf_counter()
    sio.dump(model, path)
    info["dump_seconds"] = time.perf_counter() - t
    with open(os.path.join(out, name + ".pkl"), "wb") as f:
        pickle.dump(model, f, protocol=pickle.HIGHEST_PROTOCOL)
    X_test = np.ascontiguousarray(X_test, dtype=np.float64)
    np.save(os.path.join(out, name + "_X.npy"), X_test)
    np.save(os.path.join(out, name + "_predict.npy"), model.predict(X_test))
    if classifier:
        np.save(os.path.join(out, name + "_proba.npy"), model.predict_proba(X_test))
    info["skops_bytes"] = os.path.getsize(path)
    info["pickle_bytes"] = os.path.getsize(os.path.join(out, name + ".pkl"))
    info["classifier"] = classifier
    print(f"{name}: {info}", flush=True)
    return info


def logistic(out, name, train, n_test, n_features, n_informative, max_iter):
    """A 3-class LogisticRegression on make_classification rows, saved by save()."""
    X, y = make_classification(n_samples=train + n_test, n_features=n_features,
                               n_informative=n_informative, n_classes=3, random_state=0)
    model = LogisticRegression(max_iter=max_iter)
    t = time.perf_counter()
    model.fit(X[:train], y[:train])
    info = {"type": "LogisticRegression", "train_rows": train, "n_features": n_features,
            "fit_seconds": time.perf_counter() - t}
    return save(out, name, model, X[train:], True, info)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", default=os.environ.get("SKOPS_BENCH_DATA", "/work/bench-data"))
    ap.add_argument("--forest-rows", type=int, default=20_000,
                    help="training rows of the forest (file size grows about linearly: "
                         "~64 bytes per node, ~1.26 nodes per row per tree)")
    ap.add_argument("--only", choices=["forest", "hgb", "small", "wide"], action="append")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    which = args.only or ["forest", "hgb", "small", "wide"]
    meta_path = os.path.join(args.out, "models.json")
    meta = {}
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
    meta["versions"] = {"python": sys.version.split()[0], "sklearn": sklearn.__version__,
                        "numpy": np.__version__, "skops": skops.__version__}

    if "forest" in which:
        n = args.forest_rows
        X, y = make_regression(n_samples=n + N_TEST, n_features=20, n_informative=10, noise=1.0,
                               random_state=0)
        model = RandomForestRegressor(n_estimators=100, max_depth=None, n_jobs=2, random_state=0)
        t = time.perf_counter()
        model.fit(X[:n], y[:n])
        info = {"type": "RandomForestRegressor", "train_rows": n, "n_features": 20,
                "fit_seconds": time.perf_counter() - t,
                "total_nodes": int(sum(e.tree_.node_count for e in model.estimators_))}
        model.n_jobs = 1  # predict baseline is single-threaded (compare.py sets it again)
        meta["forest"] = save(args.out, "forest", model, X[n:], False, info)

    if "hgb" in which:
        X, y = make_classification(n_samples=50_000 + N_TEST, n_features=20, n_informative=12,
                                   n_classes=3, random_state=0)
        model = HistGradientBoostingClassifier(max_iter=150, early_stopping=False, random_state=0)
        t = time.perf_counter()
        model.fit(X[:50_000], y[:50_000])
        info = {"type": "HistGradientBoostingClassifier", "train_rows": 50_000, "n_features": 20,
                "fit_seconds": time.perf_counter() - t,
                "predictors": int(sum(len(p) for p in model._predictors))}
        meta["hgb"] = save(args.out, "hgb", model, X[50_000:], True, info)

    # The two LogisticRegressions differ only in width, sizes and iterations.
    if "small" in which:
        meta["small"] = logistic(args.out, "small", 5_000, N_TEST, 20, 10, 1000)
    if "wide" in which:
        meta["wide"] = logistic(args.out, "wide", 3_000, 1_000, 10_000, 50, 200)

    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=2)


if __name__ == "__main__":
    main()
