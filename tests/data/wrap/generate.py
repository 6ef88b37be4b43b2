#!/usr/bin/env python3
"""Meta-estimators of issue 14 (WP1): ClassifierChain and RegressorChain (explicit and random
order_, cv=None and cv=3), OutputCodeClassifier (code_size 1.5 and 3; LinearSVC scored by
decision_function, GaussianNB by predict_proba; string labels), SelfTrainingClassifier
(SVC(probability=True) and LogisticRegression; criterion "threshold" and "k_best") and
RANSACRegressor (LinearRegression and a DecisionTreeRegressor).

With model names after OUT, only those are (re)written (the .skops bytes change on every run).
Writes, for the running scikit-learn, OUT/sklearn-<version>/NAME.{skops, X.npy, <method>.npy,
expected.json} (the zoo's layout). Run under scikit-learn 1.2.1 (Debian 12) and 1.4.2 (Debian 13,
scripts/python_env_trixie.sh) with Python skops on PYTHONPATH:

    PYTHONPATH=<skops source> python3 tests/data/wrap/generate.py tests/data/wrap
"""
import json
import os
import sys
import warnings
import zipfile

import numpy as np
import sklearn
import skops.io as sio
from sklearn import linear_model as L
from sklearn.multioutput import ClassifierChain, RegressorChain
from sklearn.multiclass import OutputCodeClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.semi_supervised import SelfTrainingClassifier
from sklearn.svm import SVC, LinearSVC
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

warnings.filterwarnings("ignore")

METHODS = ("predict", "predict_proba", "predict_log_proba", "decision_function",
           "score_samples", "transform")


def multilabel(seed=2, n=120, p=5, k=4):
    # k correlated binary targets (what chains are for).
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p))
    Z = X @ rng.normal(size=(p, k)) + rng.normal(scale=0.7, size=(n, k))
    Z[:, 1:] += 0.8 * Z[:, :-1]
    Y = (Z > 0.2).astype(np.int64)
    return X[30:], Y[30:], X[:30]


def multitarget(seed=3, n=110, p=5, k=3):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p)) * rng.uniform(0.5, 2.0, size=p)
    Y = X @ rng.normal(size=(p, k)) + 0.3 * rng.normal(size=(n, k)) + 2.0
    Y[:, 2] += 0.5 * Y[:, 0]
    return X[30:], Y[30:], X[:30]


def classification(n_classes, seed=1, labels=None, n=150, p=6):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p))
    scores = X @ rng.normal(size=(p, n_classes)) + rng.normal(scale=0.8, size=(n, n_classes))
    y = scores.argmax(axis=1)
    if labels is not None:
        y = np.asarray(labels)[y]
    return X[30:], y[30:], X[:30]


def semi_supervised(n_classes, seed=5, unlabeled=0.6):
    # Integer labels with -1 for the unlabeled rows (scikit-learn's convention).
    X, y, X_test = classification(n_classes, seed=seed)
    rng = np.random.RandomState(seed + 100)
    y = y.copy()
    y[rng.rand(len(y)) < unlabeled] = -1
    return X, y, X_test


def regression_outliers(seed=6, n=110, p=4):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p))
    y = X @ np.array([1.5, -2.0, 0.0, 0.7]) + 0.1 * rng.normal(size=n) + 3.0
    bad = rng.rand(n) < 0.15
    y[bad] += rng.normal(scale=20, size=bad.sum())
    return X[30:], y[30:], X[:30]


def models():
    ml, mt = multilabel(), multitarget()
    c3s = classification(3, seed=4, labels=["ant", "bee", "cat"])
    c4 = classification(4, seed=10)
    s2, s3 = semi_supervised(2), semi_supervised(3, seed=7)
    ro = regression_outliers()
    return [
        ("ClassifierChain_logistic_explicit", ml, ClassifierChain(
            L.LogisticRegression(C=0.5), order=[2, 0, 3, 1])),
        ("ClassifierChain_tree_random", ml, ClassifierChain(
            DecisionTreeClassifier(max_depth=3, random_state=0), order="random",
            random_state=3)),
        ("ClassifierChain_linearsvc_cv3", ml, ClassifierChain(
            LinearSVC(C=0.3, random_state=0), order=[3, 1, 2, 0], cv=3)),
        ("ClassifierChain_logistic_random_cv3", ml, ClassifierChain(
            L.LogisticRegression(), order="random", cv=3, random_state=1)),
        ("RegressorChain_ridge_explicit", mt, RegressorChain(L.Ridge(alpha=2.0),
                                                             order=[1, 2, 0])),
        ("RegressorChain_tree_random", mt, RegressorChain(
            DecisionTreeRegressor(max_depth=4, random_state=0), order="random",
            random_state=5)),
        ("RegressorChain_ridge_cv3", mt, RegressorChain(L.Ridge(), cv=3)),
        ("OutputCodeClassifier_linearsvc_1_5_str", c3s, OutputCodeClassifier(
            LinearSVC(random_state=0), code_size=1.5, random_state=0)),  # one _ConstantPredictor
        ("OutputCodeClassifier_linearsvc_3", c4, OutputCodeClassifier(
            LinearSVC(C=0.5, random_state=0), code_size=3, random_state=4)),  # none constant
        ("OutputCodeClassifier_gnb_1_5", c4, OutputCodeClassifier(
            GaussianNB(), code_size=1.5, random_state=1)),  # two _ConstantPredictor
        ("OutputCodeClassifier_gnb_3_str", c3s, OutputCodeClassifier(
            GaussianNB(var_smoothing=1e-6), code_size=3, random_state=1)),  # none constant
        ("SelfTrainingClassifier_svc_threshold", s3, SelfTrainingClassifier(
            SVC(probability=True, C=2.0, gamma=0.2, random_state=0), threshold=0.6)),
        ("SelfTrainingClassifier_svc_kbest", s2, SelfTrainingClassifier(
            SVC(probability=True, random_state=1), criterion="k_best", k_best=5, max_iter=4)),
        ("SelfTrainingClassifier_logistic_threshold", s2, SelfTrainingClassifier(
            L.LogisticRegression(C=0.7), threshold=0.8)),
        ("SelfTrainingClassifier_logistic_kbest", s3, SelfTrainingClassifier(
            L.LogisticRegression(), criterion="k_best", k_best=8, max_iter=None)),
        ("RANSACRegressor_linear", ro, L.RANSACRegressor(random_state=0)),
        ("RANSACRegressor_linear_params", ro, L.RANSACRegressor(
            L.LinearRegression(fit_intercept=False), min_samples=0.3, residual_threshold=2.0,
            max_trials=40, loss="squared_error", random_state=1)),
        ("RANSACRegressor_tree", ro, L.RANSACRegressor(
            DecisionTreeRegressor(max_depth=3, random_state=0), min_samples=20,
            residual_threshold=3.0, random_state=2)),
    ]


def main():
    out_dir = os.path.join(sys.argv[1], "sklearn-" + sklearn.__version__)
    os.makedirs(out_dir, exist_ok=True)
    names = []
    only = set(sys.argv[2:])
    for name, (X, y, X_test), model in models():
        names.append(name)
        if only and name not in only:
            continue
        model.fit(X, y)
        base = os.path.join(out_dir, name)
        sio.dump(model, base + ".skops", compression=zipfile.ZIP_DEFLATED)
        untrusted = sio.get_untrusted_types(file=base + ".skops")
        back = sio.load(base + ".skops", trusted=untrusted)
        np.save(base + ".X.npy", X_test, allow_pickle=False)
        methods = {}
        for m in METHODS:
            if not hasattr(model, m):
                continue
            try:
                got = getattr(model, m)(X_test)
            except AttributeError:
                # ClassifierChain.predict_log_proba (1.3+) is defined for every base
                # estimator and fails without predict_proba.
                continue
            assert np.array_equal(got, getattr(back, m)(X_test), equal_nan=got.dtype.kind == "f"), (name, m)
            np.save(base + f".{m}.npy", got, allow_pickle=False)
            methods[m] = f"{name}.{m}.npy"
        cls = type(model)
        with open(base + ".expected.json", "w") as f:
            json.dump({"name": name, "class": cls.__module__ + "." + cls.__name__,
                       "sklearn_version": sklearn.__version__, "methods": methods,
                       "untrusted_types": untrusted, "estimator_repr": repr(model)}, f, indent=1)
        print("wrote", base, sorted(methods), untrusted, os.path.getsize(base + ".skops"))
    with open(os.path.join(out_dir, "MANIFEST.json"), "w") as f:
        json.dump(sorted(names), f, indent=1)


if __name__ == "__main__":
    main()
