#!/usr/bin/env python3
"""Issue 14, second batch: HalvingGridSearchCV / HalvingRandomSearchCV, IterativeImputer and
SelectFromModel over tree ensembles (feature_importances_).

- Halving searches (sklearn.experimental.enable_halving_search_cv) over a
  Pipeline(StandardScaler, LogisticRegression) and over decision trees, resource n_samples,
  factor 2 and 3, min_resources "exhaust" / "smallest" / a number, aggressive_elimination.
- IterativeImputer with BayesianRidge (default), a DecisionTreeRegressor, Ridge,
  KNeighborsRegressor; n_nearest_features, imputation_order ascending / descending / random /
  roman / arabic, min_value / max_value (scalars and per feature), add_indicator,
  skip_complete, an all-missing column (dropped; kept with keep_empty_features=True),
  initial_strategy median / most_frequent, tol reached before max_iter. One file with
  sample_posterior=True (REFUSE_*: skops-cpp must refuse it at load; it has no method files).
- SelectFromModel with RandomForest, ExtraTrees, DecisionTree, GradientBoosting estimators:
  threshold default (mean), "median", "1.25*mean", a float, max_features; forests of stumps
  (ties exactly at the threshold) and forests with single-node trees (skipped in the mean).

With model names after OUT, only those are (re)written (the .skops bytes change on every run).
Writes, for the running scikit-learn, OUT/sklearn-<version>/NAME.{skops, X.npy, <method>.npy,
expected.json} and MANIFEST.json. Run under scikit-learn 1.2.1 (Debian 12) and 1.4.2
(Debian 13, scripts/python_env_trixie.sh) with Python skops on PYTHONPATH:

    PYTHONPATH=<skops source> python3 tests/data/search2/generate.py tests/data/search2
"""
import json
import os
import sys
import warnings
import zipfile

import numpy as np
import sklearn
import skops.io as sio
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.experimental import enable_iterative_imputer  # noqa: F401
from sklearn.model_selection import HalvingGridSearchCV, HalvingRandomSearchCV
from sklearn.impute import IterativeImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn import linear_model as L
from sklearn.feature_selection import SelectFromModel
from sklearn.ensemble import (RandomForestClassifier, RandomForestRegressor,
                              ExtraTreesClassifier, ExtraTreesRegressor,
                              GradientBoostingClassifier, GradientBoostingRegressor)
from sklearn.neighbors import KNeighborsRegressor
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

warnings.filterwarnings("ignore")

METHODS = ("predict", "predict_proba", "predict_log_proba", "decision_function",
           "score_samples", "transform", "inverse_transform")
VERSION = tuple(int(x) for x in sklearn.__version__.split(".")[:2])


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


def with_missing(seed=3, n=90, p=5, rate=0.2, empty_col=None, complete_col=None):
    # Correlated columns (so imputations differ by estimator), NaN at `rate`; the test rows
    # are the first 25 (they also miss in `complete_col`, which never misses in fit).
    rng = np.random.RandomState(seed)
    Z = rng.normal(size=(n, 2))
    X = Z @ rng.normal(size=(2, p)) + 0.3 * rng.normal(size=(n, p)) + np.arange(p)
    mask = rng.rand(n, p) < rate
    if complete_col is not None:
        mask[25:, complete_col] = False
    X[mask] = np.nan
    if empty_col is not None:
        X[25:, empty_col] = np.nan
    # One test row entirely missing.
    X[0, :] = np.nan
    return X[25:], None, X[:25]


def halving(cls, est, grid, **kw):
    if cls is HalvingRandomSearchCV:
        return cls(est, grid, random_state=0, **kw)
    return cls(est, grid, **kw)


def models():
    c3s = classification(3, seed=4, labels=["ant", "bee", "cat"], n=230)
    c2 = classification(2, seed=5, n=200)
    r1 = regression(seed=2, n=200)
    pipe = Pipeline([("scale", StandardScaler()), ("clf", L.LogisticRegression(max_iter=500))])
    m = with_missing()
    m_empty = with_missing(seed=4, empty_col=3)
    m_skip = with_missing(seed=5, complete_col=2)
    # Distinct values: no ties among neighbour distances (whose order is the KD-tree's), and
    # most_frequent then takes each column's smallest value.
    m_knn = with_missing(seed=6)
    rf_c = classification(3, seed=7, n=160, p=7)
    rf_r = regression(seed=8, n=130, p=7)
    c8 = classification(2, seed=9, n=130, p=8)
    out = [
        ("HalvingGridSearchCV_pipeline_f2", c3s, halving(
            HalvingGridSearchCV, pipe, {"clf__C": [0.01, 0.1, 1.0, 10.0],
                                        "scale__with_mean": [True, False]}, factor=2, cv=3)),
        ("HalvingRandomSearchCV_pipeline_f3", c2, halving(
            HalvingRandomSearchCV, pipe, {"clf__C": [0.03, 0.3, 3.0, 30.0],
                                          "clf__fit_intercept": [True, False]},
            factor=3, cv=3, n_candidates=6, min_resources=20)),
        ("HalvingGridSearchCV_tree_f3_exhaust", c3s, halving(
            HalvingGridSearchCV, DecisionTreeClassifier(random_state=0),
            {"max_depth": [1, 2, 3, 4, 5], "min_samples_leaf": [1, 5]}, factor=3, cv=3,
            min_resources="exhaust")),
        ("HalvingRandomSearchCV_tree_reg_f2_aggressive", r1, halving(
            HalvingRandomSearchCV, DecisionTreeRegressor(random_state=0),
            {"max_depth": [2, 3, 4, 6], "min_samples_split": [2, 8, 16]}, factor=2, cv=3,
            n_candidates=12, aggressive_elimination=True, max_resources=120)),
        ("HalvingGridSearchCV_tree_reg_f2_smallest", r1, halving(
            HalvingGridSearchCV, DecisionTreeRegressor(random_state=1),
            {"max_depth": [2, 4, 8]}, factor=2, cv=2, min_resources="smallest")),
        ("IterativeImputer_bayes_default", m, IterativeImputer(random_state=0)),
        ("IterativeImputer_tree_ascending", m, IterativeImputer(
            estimator=DecisionTreeRegressor(max_depth=3, random_state=0), max_iter=4,
            imputation_order="ascending", random_state=0)),
        ("IterativeImputer_nearest_random", m, IterativeImputer(
            n_nearest_features=2, imputation_order="random", max_iter=5, random_state=3)),
        ("IterativeImputer_roman_minmax", m, IterativeImputer(
            imputation_order="roman", min_value=-1.0, max_value=[3.0, 2.0, 4.0, 5.0, 6.0],
            max_iter=6, random_state=0)),
        ("IterativeImputer_arabic_minmax_scalar", m, IterativeImputer(
            imputation_order="arabic", min_value=0.0, max_value=3.5, max_iter=3,
            random_state=0)),
        ("IterativeImputer_indicator_median", m, IterativeImputer(
            add_indicator=True, initial_strategy="median", max_iter=4, random_state=0)),
        ("IterativeImputer_skip_complete_descending", m_skip, IterativeImputer(
            skip_complete=True, imputation_order="descending", max_iter=5, random_state=0)),
        ("IterativeImputer_ridge_tol", m, IterativeImputer(
            estimator=L.Ridge(alpha=3.0), tol=0.05, max_iter=30, random_state=0)),
        ("IterativeImputer_knn_most_frequent", m_knn, IterativeImputer(
            estimator=KNeighborsRegressor(n_neighbors=3), initial_strategy="most_frequent",
            max_iter=3, random_state=0)),
        ("IterativeImputer_empty_column_indicator", m_empty, IterativeImputer(
            add_indicator=True, max_iter=3, random_state=0)),
        ("IterativeImputer_keep_empty", m_empty, IterativeImputer(
            keep_empty_features=True, max_iter=3, random_state=0)),
        ("REFUSE_IterativeImputer_sample_posterior", m, IterativeImputer(
            sample_posterior=True, max_iter=2, random_state=0)),
        ("SelectFromModel_rf_median", rf_c, SelectFromModel(
            RandomForestClassifier(n_estimators=10, max_depth=3, random_state=0),
            threshold="median")),
        ("SelectFromModel_et_reg_scaled_mean", rf_r, SelectFromModel(
            ExtraTreesRegressor(n_estimators=8, max_depth=4, random_state=0),
            threshold="1.25*mean")),
        ("SelectFromModel_et_clf_max_features", rf_c, SelectFromModel(
            ExtraTreesClassifier(n_estimators=6, random_state=1), threshold=-np.inf,
            max_features=3)),
        ("SelectFromModel_tree_default_mean", rf_c, SelectFromModel(
            DecisionTreeClassifier(max_depth=4, random_state=0))),
        ("SelectFromModel_tree_reg_median_max_features", rf_r, SelectFromModel(
            DecisionTreeRegressor(max_depth=5, random_state=0), threshold="median",
            max_features=3)),
        ("SelectFromModel_gb_clf_median", rf_c, SelectFromModel(
            GradientBoostingClassifier(n_estimators=8, max_depth=2, random_state=0),
            threshold="median")),
        ("SelectFromModel_gb_bin_scaled_mean", c8, SelectFromModel(
            GradientBoostingClassifier(n_estimators=6, max_depth=2, subsample=0.7,
                                       random_state=0), threshold="1.25*mean")),
        ("SelectFromModel_gb_reg_float_max_features", rf_r, SelectFromModel(
            GradientBoostingRegressor(n_estimators=10, max_depth=3, random_state=0),
            threshold=0.02, max_features=4)),
        # Stumps on one random feature each: importances are counts / n_trees, with ties at
        # the median and the mean.
        ("SelectFromModel_rf_stumps_median_ties", c8, SelectFromModel(
            RandomForestClassifier(n_estimators=6, max_depth=1, max_features=1,
                                   random_state=3), threshold="median")),
        ("SelectFromModel_rf_stumps_mean_ties", c8, SelectFromModel(
            RandomForestClassifier(n_estimators=8, max_depth=1, max_features=1,
                                   random_state=5))),
        # Some bootstrap trees cannot split (min_impurity_decrease): single-node trees are
        # left out of the mean.
        ("SelectFromModel_rf_reg_single_node_trees", rf_r, SelectFromModel(
            RandomForestRegressor(n_estimators=12, max_depth=2, min_impurity_decrease=0.5,
                                  max_features=1, random_state=0), threshold="mean")),
        # Every tree single-node: feature_importances_ is all zeros, every feature kept.
        ("SelectFromModel_rf_reg_all_single_node", rf_r, SelectFromModel(
            RandomForestRegressor(n_estimators=5, max_depth=2, min_impurity_decrease=2.5,
                                  max_features=1, random_state=0), threshold="mean")),
    ]
    if VERSION < (1, 2):
        out = [o for o in out if "keep_empty" not in o[0]]
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
        extra = {}
        if not name.startswith("REFUSE_"):
            for m in METHODS:
                if not hasattr(model, m):
                    continue
                arg = X_test
                if m == "inverse_transform":
                    arg = model.transform(X_test)
                    if isinstance(model, IterativeImputer):
                        continue
                got = getattr(model, m)(arg)
                assert np.array_equal(got, getattr(back, m)(arg),
                                      equal_nan=got.dtype.kind == "f"), (name, m)
                np.save(base + f".{m}.npy", got, allow_pickle=False)
                methods[m] = f"{name}.{m}.npy"
        if isinstance(model, SelectFromModel):
            imp = model.estimator_.feature_importances_
            extra["feature_importances"] = imp.tolist()
            t = float(model.threshold_)
            extra["threshold"] = t if np.isfinite(t) else repr(t)  # JSON has no infinities
            extra["support"] = model.get_support().astype(int).tolist()
            if hasattr(model.estimator_, "estimators_"):
                trees = np.ravel(model.estimator_.estimators_)
                extra["single_node_trees"] = int(sum(t.tree_.node_count == 1 for t in trees))
        if isinstance(model, IterativeImputer):
            extra["n_iter_"] = int(model.n_iter_)
            extra["sequence_length"] = len(model.imputation_sequence_)
        if hasattr(model, "n_iterations_"):
            extra["n_iterations_"] = int(model.n_iterations_)
            extra["n_candidates_"] = [int(c) for c in model.n_candidates_]
            extra["n_resources_"] = [int(c) for c in model.n_resources_]
        cls = type(model)
        with open(base + ".expected.json", "w") as f:
            json.dump({"name": name, "class": cls.__module__ + "." + cls.__name__,
                       "sklearn_version": sklearn.__version__, "methods": methods,
                       "untrusted_types": untrusted, "extra": extra,
                       # inverse_transform is recorded on transform's output.
                       "method_inputs": ({"inverse_transform": "transform"}
                                         if "inverse_transform" in methods else {}),
                       "estimator_repr": repr(model)}, f, indent=1)
        print("wrote", name, sorted(methods), untrusted, extra.get("support"),
              extra.get("single_node_trees"), extra.get("n_iter_"),
              os.path.getsize(base + ".skops"))
    with open(os.path.join(out_dir, "MANIFEST.json"), "w") as f:
        json.dump(sorted(names), f, indent=1)


if __name__ == "__main__":
    main()
