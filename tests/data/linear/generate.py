#!/usr/bin/env python3
"""More sklearn.linear_model classes (issue 14): the cross-validated, least-angle, orthogonal
matching pursuit, multi-task, Theil-Sen, ARD and passive-aggressive regressors, RidgeClassifierCV
and LogisticRegressionCV, with parameters beyond the defaults (no intercept, positive, multi-target
y, several alphas / l1_ratios / Cs, cv values stored, string labels, normalize where the version
still has it).

With model names after OUT, only those are (re)written (the .skops bytes change on every run).
Writes, for the running scikit-learn, OUT/sklearn-<version>/NAME.{skops, X.npy, <method>.npy,
expected.json} (the zoo's layout). Run under scikit-learn 1.2.1 (Debian 12) and 1.4.2 (Debian 13,
scripts/python_env_trixie.sh) with Python skops on PYTHONPATH:

    PYTHONPATH=<skops source> python3 tests/data/linear/generate.py tests/data/linear
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

warnings.filterwarnings("ignore")

VERSION = tuple(int(p) for p in sklearn.__version__.split(".")[:2])


def regression(n_targets=1, seed=0, n=110, p=6):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p)) * rng.uniform(0.5, 3.0, size=p) + rng.normal(size=p)
    w = rng.normal(size=(p, n_targets)) * (rng.rand(p, n_targets) < 0.7)
    Y = X @ w + 0.3 * rng.normal(size=(n, n_targets)) + 1.5
    y = Y[:, 0] if n_targets == 1 else Y
    return X[30:], y[30:], X[:30]


def positive_regression(seed=5, n=110, p=5):
    # Counts-like positive targets for the GLMs (Poisson, Gamma, Tweedie need y > 0 or >= 0).
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p))
    mu = np.exp(0.4 * X @ rng.normal(size=p) + 0.5)
    y = rng.gamma(2.0, mu / 2.0) + 0.01
    return X[30:], y[30:], X[:30]


def classification(n_classes, seed=1, labels=None, n=150, p=5):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p))
    scores = X @ rng.normal(size=(p, n_classes)) + rng.normal(scale=0.8, size=(n, n_classes))
    y = scores.argmax(axis=1)
    if labels is not None:
        y = np.asarray(labels)[y]
    return X[30:], y[30:], X[:30]


def wide(data, rows=8):
    # Wide models keep 8 test rows (their X is rows x features doubles).
    X, y, X_test = data
    return X, y, X_test[:rows]


def models():
    r1, r3 = regression(1), regression(3, seed=2)
    # Wide: from 256 features on skops-cpp sums a score in eight lanes (issue 16); 513 and 300
    # features leave a tail after the last full lane block, and not.
    cw3 = wide(classification(3, seed=7, n=330, p=513))
    cw2 = wide(classification(2, seed=8, n=330, p=300, labels=["no", "yes"]))
    rw3 = wide(regression(3, seed=9, n=330, p=513))
    c2, c3 = classification(2), classification(3, seed=3)
    c3s = classification(3, seed=4, labels=["ant", "bee", "cat"])
    rp = positive_regression()
    out = [
        ("ElasticNetCV_l1_ratios", r1, L.ElasticNetCV(l1_ratio=[0.2, 0.7, 1.0], n_alphas=8, cv=3)),
        ("ElasticNetCV_noint_positive", r1, L.ElasticNetCV(alphas=[0.01, 0.1, 1.0], cv=3,
                                                           fit_intercept=False, positive=True)),
        ("LassoCV", r1, L.LassoCV(n_alphas=8, cv=4)),
        ("LassoCV_noint_positive", r1, L.LassoCV(alphas=[0.003, 0.03, 0.3], cv=3,
                                                 fit_intercept=False, positive=True)),
        ("Lars_nonzero4", r1, L.Lars(n_nonzero_coefs=4)),
        ("Lars_multi_noint", r3, L.Lars(fit_intercept=False)),
        ("LarsCV", r1, L.LarsCV(cv=3)),
        ("LassoLars", r1, L.LassoLars(alpha=0.05)),
        ("LassoLars_positive_multi", r3, L.LassoLars(alpha=0.02, positive=True)),
        ("LassoLarsCV_noint", r1, L.LassoLarsCV(cv=3, fit_intercept=False)),
        ("LassoLarsIC_bic", r1, L.LassoLarsIC(criterion="bic")),
        ("LassoLarsIC_aic_positive", r1, L.LassoLarsIC(criterion="aic", positive=True)),
        ("OrthogonalMatchingPursuit", r1, L.OrthogonalMatchingPursuit(n_nonzero_coefs=3)),
        ("OrthogonalMatchingPursuit_multi_noint", r3,
         L.OrthogonalMatchingPursuit(n_nonzero_coefs=4, fit_intercept=False)),
        ("OrthogonalMatchingPursuitCV", r1, L.OrthogonalMatchingPursuitCV(cv=3)),
        ("RidgeCV_gcv_store_multi", r3, L.RidgeCV(alphas=[0.1, 1.0, 10.0], store_cv_values=True)),
        ("RidgeCV_alpha_per_target", r3, L.RidgeCV(alphas=[0.01, 1.0, 100.0], alpha_per_target=True)),
        ("RidgeCV_cv3_noint", r1, L.RidgeCV(alphas=[0.5, 5.0], cv=3, fit_intercept=False)),
        ("MultiTaskElasticNet", r3, L.MultiTaskElasticNet(alpha=0.3, l1_ratio=0.3)),
        ("MultiTaskElasticNetCV", r3, L.MultiTaskElasticNetCV(l1_ratio=[0.3, 0.8], n_alphas=5, cv=3)),
        ("MultiTaskLasso_noint", r3, L.MultiTaskLasso(alpha=0.2, fit_intercept=False)),
        ("MultiTaskLassoCV", r3, L.MultiTaskLassoCV(n_alphas=5, cv=3)),
        ("PassiveAggressiveRegressor", r1, L.PassiveAggressiveRegressor(C=0.5, random_state=0)),
        ("PassiveAggressiveRegressor_sq_avg_noint", r1, L.PassiveAggressiveRegressor(
            loss="squared_epsilon_insensitive", average=True, fit_intercept=False,
            random_state=0)),
        ("TheilSenRegressor", r1, L.TheilSenRegressor(max_subpopulation=200, random_state=0)),
        ("TheilSenRegressor_noint", r1, L.TheilSenRegressor(fit_intercept=False,
                                                            max_subpopulation=100, random_state=1)),
        ("ARDRegression", r1, L.ARDRegression()),
        ("ARDRegression_noint", r1, L.ARDRegression(fit_intercept=False, threshold_lambda=1e3)),
        ("RidgeClassifierCV_multi", c3, L.RidgeClassifierCV(alphas=[0.1, 1.0, 10.0])),
        ("RidgeClassifierCV_bin_store_noint", c2, L.RidgeClassifierCV(store_cv_values=True,
                                                                      fit_intercept=False)),
        ("RidgeClassifierCV_str_cv3_balanced", c3s, L.RidgeClassifierCV(cv=3, class_weight="balanced")),
        ("LogisticRegressionCV_multinomial", c3, L.LogisticRegressionCV(Cs=3, cv=3, max_iter=500)),
        ("LogisticRegressionCV_ovr_str", c3s, L.LogisticRegressionCV(Cs=[0.1, 1.0], cv=3,
                                                                     multi_class="ovr", max_iter=500)),
        ("LogisticRegressionCV_bin_liblinear", c2, L.LogisticRegressionCV(Cs=4, cv=3,
                                                                          solver="liblinear")),
        ("LogisticRegressionCV_multi_liblinear_noint", c3, L.LogisticRegressionCV(
            Cs=2, cv=3, solver="liblinear", fit_intercept=False)),
        # GLMs: predict = _base_loss.link.inverse(X @ coef_ + intercept_)
        ("PoissonRegressor", rp, L.PoissonRegressor(alpha=0.5)),
        ("PoissonRegressor_noint_alpha0", rp, L.PoissonRegressor(alpha=0.0, fit_intercept=False)),
        ("GammaRegressor", rp, L.GammaRegressor(alpha=0.1)),
        ("TweedieRegressor_power1_5", rp, L.TweedieRegressor(power=1.5, alpha=0.2)),
        ("TweedieRegressor_power0_identity", rp, L.TweedieRegressor(power=0.0, alpha=0.0)),
        ("TweedieRegressor_power0_log", rp, L.TweedieRegressor(power=0.0, link="log")),
        ("TweedieRegressor_power3_noint", rp, L.TweedieRegressor(power=3.0, fit_intercept=False)),
        ("LogisticRegression_wide_multi", cw3, L.LogisticRegression(max_iter=1000)),
        ("LogisticRegression_wide_binary_str", cw2, L.LogisticRegression(C=0.5, max_iter=1000)),
        ("SGDClassifier_wide_multi", cw3, L.SGDClassifier(random_state=0)),
        ("Ridge_wide_multi", rw3, L.Ridge(alpha=2.0)),
    ]
    if VERSION < (1, 4):  # normalize was removed from these in 1.4
        out += [
            ("Lars_normalize", r1, L.Lars(normalize=True)),
            ("LassoLarsIC_normalize", r1, L.LassoLarsIC(normalize=True)),
            ("OrthogonalMatchingPursuit_normalize", r1,
             L.OrthogonalMatchingPursuit(n_nonzero_coefs=3, normalize=True)),
        ]
    return out


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
        for m in ("predict", "predict_proba", "predict_log_proba", "decision_function"):
            if hasattr(model, m):
                got = getattr(model, m)(X_test)
                assert np.array_equal(got, getattr(back, m)(X_test)), (name, m)
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
