#!/usr/bin/env python3
"""Methods that return a list of arrays (issue 14): MultiOutputClassifier.predict_proba, alone,
at the end of a Pipeline, inside a GridSearchCV and after a ColumnTransformer fed a DataFrame,
with int, float and string labels and a different number of classes per output.

With model names after OUT, only those are (re)written (the .skops bytes change on every run).
Writes, for the running scikit-learn, OUT/sklearn-<version>/NAME.{skops, X.npy (or X.csv for a
DataFrame model), <method>.npy, <method>.<k>.npy for element k of a list, expected.json}.
Run under scikit-learn 1.2.1 (Debian 12) and 1.4.2 (Debian 13, scripts/python_env_trixie.sh)
with Python skops on PYTHONPATH:

    PYTHONPATH=<skops source> python3 tests/data/multi/generate.py tests/data/multi
"""
import json
import os
import sys
import warnings
import zipfile

import numpy as np
import pandas as pd
import sklearn
import skops.io as sio
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.multioutput import MultiOutputClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier

warnings.filterwarnings("ignore")

METHODS = ("predict", "predict_proba", "predict_log_proba", "decision_function")


def data(seed=0, n=140, p=5):
    # Output 0: 3 int classes; output 1: 2 string classes; output 2: 4 float classes.
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p))
    s = X @ rng.normal(size=(p, 3)) + 0.5 * rng.normal(size=(n, 3))
    y0 = np.digitize(s[:, 0], [-0.7, 0.7])
    y1 = np.where(s[:, 1] > 0, "yes", "no")
    y2 = np.digitize(s[:, 2], [-1.0, 0.0, 1.0]) * 0.5
    return X, [y0, y1, y2]


def models():
    X, (y0, y1, y2) = data()
    ints = np.column_stack([y0, (y2 * 2).astype(np.int64)])
    strs = np.column_stack([y1, np.where(y0 > 0, "hi", "lo")])
    floats = np.column_stack([y2 * 2 + 1.0, y0.astype(float)])
    return [
        ("multi_logreg_int", X, ints, MultiOutputClassifier(LogisticRegression(C=0.7))),
        ("multi_tree_str", X, strs, MultiOutputClassifier(
            DecisionTreeClassifier(max_depth=3, random_state=0))),
        ("multi_nb_float_pipeline", X, floats, Pipeline(
            [("scale", StandardScaler()), ("clf", MultiOutputClassifier(GaussianNB()))])),
        ("multi_forest_grid", X, ints, GridSearchCV(
            MultiOutputClassifier(RandomForestClassifier(n_estimators=5, max_depth=3,
                                                         random_state=0)),
            {"estimator__max_depth": [2, 3]}, cv=3)),
    ]


def frame(seed=3, n=120):
    rng = np.random.RandomState(seed)
    df = pd.DataFrame({"age": rng.uniform(18, 80, n).round(1),
                       "city": rng.choice(["Oslo", "Lima", "Pune"], n),
                       "score": rng.normal(size=n)})
    y = np.column_stack([np.where(df["score"] + (df["city"] == "Lima") > 0.5, "a", "b"),
                         np.digitize(df["age"], [40, 60])])
    model = Pipeline([
        ("ct", ColumnTransformer([("city", OneHotEncoder(), ["city"])], remainder="passthrough")),
        ("clf", MultiOutputClassifier(LogisticRegression(max_iter=1000)))])
    return "multi_frame_onehot_logreg", df, y, model


def save_outputs(name, base, model, back, X_test):
    methods = {}
    for m in METHODS:
        if not hasattr(model, m):
            continue
        got, again = getattr(model, m)(X_test), getattr(back, m)(X_test)
        if isinstance(got, list):
            files = []
            for k, (g, a) in enumerate(zip(got, again)):
                assert np.array_equal(g, a), (name, m, k)
                np.save(base + f".{m}.{k}.npy", g, allow_pickle=False)
                files.append(f"{name}.{m}.{k}.npy")
            methods[m] = files
        else:
            assert np.array_equal(got, again), (name, m)
            np.save(base + f".{m}.npy", got, allow_pickle=False)
            methods[m] = f"{name}.{m}.npy"
    return methods


def main():
    out_dir = os.path.join(sys.argv[1], "sklearn-" + sklearn.__version__)
    os.makedirs(out_dir, exist_ok=True)
    names = []
    only = set(sys.argv[2:])
    entries = [(n, X[40:], y[40:], X[:40], m) for n, X, y, m in models()]
    fname, df, fy, fmodel = frame()
    entries.append((fname, df.iloc[30:], fy[30:], df.iloc[:30], fmodel))
    for name, X, y, X_test, model in entries:
        names.append(name)
        if only and name not in only:
            continue
        model.fit(X, y)
        base = os.path.join(out_dir, name)
        sio.dump(model, base + ".skops", compression=zipfile.ZIP_DEFLATED)
        untrusted = sio.get_untrusted_types(file=base + ".skops")
        back = sio.load(base + ".skops", trusted=untrusted)
        if isinstance(X_test, pd.DataFrame):
            X_test.to_csv(base + ".X.csv", index=False)
            inputs = f"{name}.X.csv"
        else:
            np.save(base + ".X.npy", X_test, allow_pickle=False)
            inputs = f"{name}.X.npy"
        methods = save_outputs(name, base, model, back, X_test)
        cls = type(model)
        with open(base + ".expected.json", "w") as f:
            json.dump({"name": name, "class": cls.__module__ + "." + cls.__name__,
                       "sklearn_version": sklearn.__version__, "input": inputs,
                       "methods": methods, "untrusted_types": untrusted,
                       "estimator_repr": repr(model)}, f, indent=1)
        print("wrote", base, sorted(methods), untrusted, os.path.getsize(base + ".skops"))
    with open(os.path.join(out_dir, "MANIFEST.json"), "w") as f:
        json.dump(sorted(names), f, indent=1)


if __name__ == "__main__":
    main()
