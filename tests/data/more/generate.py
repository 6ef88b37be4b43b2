#!/usr/bin/env python3
"""More scikit-learn classes (issue 14): SGDOneClassSVM, KernelCenterer, a standalone
MissingIndicator, RFE, RFECV, SequentialFeatureSelector, with parameters beyond the defaults
(nu, average, no intercept; a NaN or -1 missing value, features="all", error_on_new=False;
step, n_features_to_select (count and fraction), min_features_to_select, cv, string labels,
backward direction), SelectFromModel (threshold None / float / "mean" / "median" /
scaled, max_features, norm_order 1, 2, inf), OneVsOneClassifier (2, 3 and 4 classes; decision_function
or predict_proba confidences).

With model names after OUT, only those are (re)written (the .skops bytes change on every run).
Writes, for the running scikit-learn, OUT/sklearn-<version>/NAME.{skops, X.npy, <method>.npy,
expected.json} (the zoo's layout). Run under scikit-learn 1.2.1 (Debian 12) and 1.4.2 (Debian 13,
scripts/python_env_trixie.sh) with Python skops on PYTHONPATH:

    PYTHONPATH=<skops source> python3 tests/data/more/generate.py tests/data/more
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
from sklearn import feature_selection as FS
from sklearn.impute import MissingIndicator
from sklearn.preprocessing import KernelCenterer
from sklearn.multiclass import OneVsOneClassifier
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

warnings.filterwarnings("ignore")

METHODS = ("predict", "predict_proba", "predict_log_proba", "decision_function",
           "score_samples", "transform")


def regression(seed=0, n=110, p=6):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p)) * rng.uniform(0.5, 3.0, size=p) + rng.normal(size=p)
    y = X @ (rng.normal(size=p) * (rng.rand(p) < 0.6)) + 0.3 * rng.normal(size=n) + 1.5
    return X[30:], y[30:], X[:30]


def classification(n_classes, seed=1, labels=None, n=150, p=6):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p))
    scores = X @ rng.normal(size=(p, n_classes)) + rng.normal(scale=0.8, size=(n, n_classes))
    y = scores.argmax(axis=1)
    if labels is not None:
        y = np.asarray(labels)[y]
    return X[30:], y[30:], X[:30]


def outliers(seed=6, n=130, p=4):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p)) + 2.0
    return X[30:], None, X[:30]


def kernel(seed=7, n=50, p=3):
    # A linear and an rbf kernel; the test rows are K(X_test, X_fit).
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p))
    fit, test = X[20:], X[:20]
    lin = fit @ fit.T, test @ fit.T
    d_fit = ((fit[:, None, :] - fit[None, :, :]) ** 2).sum(-1)
    d_test = ((test[:, None, :] - fit[None, :, :]) ** 2).sum(-1)
    rbf = np.exp(-0.5 * d_fit), np.exp(-0.5 * d_test)
    return (lin[0], None, lin[1]), (rbf[0], None, rbf[1])


def with_missing(value, seed=8, n=60, p=5):
    # Column 1 never misses in fit; the test rows miss there too (error_on_new=False models).
    rng = np.random.RandomState(seed)
    X = np.round(rng.normal(size=(n, p)) * 3)
    mask = rng.rand(n, p) < 0.2
    mask[20:, 1] = False
    mask[20:, 4] = False
    X[mask] = value
    return X[20:], None, X[:20]


def models():
    r1 = regression()
    c2, c3s = classification(2), classification(3, seed=4, labels=["ant", "bee", "cat"])
    c4 = classification(4, seed=10)
    out_x = outliers()
    k_lin, k_rbf = kernel()
    m_nan, m_neg = with_missing(np.nan), with_missing(-1.0, seed=9)
    return [
        ("SGDOneClassSVM", out_x, L.SGDOneClassSVM(nu=0.2, random_state=0)),
        ("SGDOneClassSVM_avg_noint", out_x, L.SGDOneClassSVM(nu=0.4, fit_intercept=False,
                                                             average=True, random_state=1)),
        ("KernelCenterer_linear", k_lin, KernelCenterer()),
        ("KernelCenterer_rbf", k_rbf, KernelCenterer()),
        ("MissingIndicator_nan", m_nan, MissingIndicator(error_on_new=False)),
        ("MissingIndicator_nan_all", m_nan, MissingIndicator(features="all", sparse=False)),
        ("MissingIndicator_neg1", m_neg, MissingIndicator(missing_values=-1.0, sparse=False,
                                                          error_on_new=False)),
        ("RFE_logistic_str_step2", c3s, FS.RFE(L.LogisticRegression(max_iter=500),
                                               n_features_to_select=3, step=2)),
        ("RFE_ridge_fraction", r1, FS.RFE(L.Ridge(alpha=2.0), n_features_to_select=0.5)),
        ("RFECV_logistic_bin", c2, FS.RFECV(L.LogisticRegression(C=0.5), step=1, cv=3,
                                            min_features_to_select=2)),
        ("RFECV_tree_str", c3s, FS.RFECV(DecisionTreeClassifier(max_depth=3, random_state=0),
                                         step=2, cv=3)),
        ("SequentialFeatureSelector_forward", c2, FS.SequentialFeatureSelector(
            L.LogisticRegression(), n_features_to_select=3, cv=3)),
        ("SequentialFeatureSelector_backward", r1, FS.SequentialFeatureSelector(
            L.Ridge(), n_features_to_select=2, direction="backward", cv=3)),
        # threshold=None: 1e-5 for the L1 models (penalty="l1", Lasso, ElasticNet l1_ratio=1),
        # else the mean importance.
        ("SelectFromModel_logistic_l1_str", c3s, FS.SelectFromModel(L.LogisticRegression(
            penalty="l1", solver="liblinear", C=0.05))),
        ("SelectFromModel_lasso", r1, FS.SelectFromModel(L.Lasso(alpha=0.3))),
        ("SelectFromModel_elasticnet_l1", r1, FS.SelectFromModel(L.ElasticNet(alpha=0.2,
                                                                               l1_ratio=1.0))),
        ("SelectFromModel_ridge_default_mean", r1, FS.SelectFromModel(L.Ridge())),
        ("SelectFromModel_ridge_scaled_mean", r1, FS.SelectFromModel(L.Ridge(),
                                                                     threshold="0.5*mean")),
        ("SelectFromModel_logistic_median_l2", c3s, FS.SelectFromModel(
            L.LogisticRegression(max_iter=500), threshold="median", norm_order=2)),
        ("SelectFromModel_logistic_max_features", c2, FS.SelectFromModel(
            L.LogisticRegression(), threshold=-np.inf, max_features=2)),
        ("SelectFromModel_ridge_float_max_features", r1, FS.SelectFromModel(
            L.Ridge(alpha=5.0), threshold=0.05, max_features=4)),
        ("SelectFromModel_logistic_median_scaled_inf", c3s, FS.SelectFromModel(
            L.LogisticRegression(max_iter=500), threshold=" 1.5 * median", norm_order=np.inf)),
        ("OneVsOneClassifier_logistic_str", c3s, OneVsOneClassifier(L.LogisticRegression())),
        ("OneVsOneClassifier_tree_4", c4, OneVsOneClassifier(
            DecisionTreeClassifier(max_depth=2, random_state=0))),
        ("OneVsOneClassifier_binary", c2, OneVsOneClassifier(L.LogisticRegression(C=0.3))),
        ("OneVsOneClassifier_svc_str", c3s, OneVsOneClassifier(SVC(C=2.0, gamma=0.3))),
    ]


def write_models(out_root, entries, only=()):
    """Fits and writes each (name, (X, y, X_test), model) of `entries` into
    out_root/sklearn-<version>/ (only those named in `only` when it is not empty), and the
    MANIFEST of every name."""
    out_dir = os.path.join(out_root, "sklearn-" + sklearn.__version__)
    os.makedirs(out_dir, exist_ok=True)
    names = []
    only = set(only)
    for name, (X, y, X_test), model in entries:
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
            if hasattr(model, m):
                got = getattr(model, m)(X_test)
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


def main():
    write_models(sys.argv[1], models(), sys.argv[2:])


if __name__ == "__main__":
    main()
