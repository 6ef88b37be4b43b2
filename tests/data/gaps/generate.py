#!/usr/bin/env python3
"""Registered classes that had no file written by Python skops in tests/data (only native C++
tests): MiniBatchKMeans, BaggingClassifier/Regressor, StackingRegressor, VotingRegressor,
AdaBoostRegressor, the univariate selectors (GenericUnivariateSelect, SelectFdr, SelectFpr,
SelectFwe, SelectPercentile), VarianceThreshold, BayesianRidge, QuantileRegressor,
SGDRegressor, CategoricalNB, LinearSVR, NuSVC, NuSVR, OneClassSVM — with parameters beyond the
defaults. Same layout and writer as tests/data/more (write_models there):

    PYTHONPATH=<skops source> python3 tests/data/gaps/generate.py tests/data/gaps [NAME...]
"""
import os
import sys
import warnings

import numpy as np
from sklearn import ensemble as E
from sklearn import feature_selection as FS
from sklearn import linear_model as L
from sklearn.cluster import MiniBatchKMeans
from sklearn.naive_bayes import CategoricalNB
from sklearn.svm import LinearSVR, NuSVC, NuSVR, OneClassSVM
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "more"))
from generate import classification, outliers, regression, write_models  # noqa: E402

warnings.filterwarnings("ignore")


def categorical(seed=11, n=160, p=4):
    rng = np.random.RandomState(seed)
    X = rng.randint(0, 4, size=(n, p)).astype(float)
    y = np.where(X[:, 0] + X[:, 1] + rng.randint(0, 3, n) > 4, "yes", "no")
    return X[30:], y[30:], X[:30]


def models():
    r = regression()
    c2, c3s = classification(2), classification(3, seed=4, labels=["ant", "bee", "cat"])
    out = outliers()
    cat = categorical()
    tree = DecisionTreeRegressor(max_depth=3, random_state=0)
    return [
        ("MiniBatchKMeans_4", c3s, MiniBatchKMeans(n_clusters=4, batch_size=32, n_init=3,
                                                    random_state=0)),
        ("BaggingClassifier_tree_str", c3s, E.BaggingClassifier(
            DecisionTreeClassifier(max_depth=3), n_estimators=5, max_features=0.6,
            bootstrap_features=True, random_state=0)),
        ("BaggingClassifier_logistic", c2, E.BaggingClassifier(
            L.LogisticRegression(C=0.5), n_estimators=4, max_samples=0.7, random_state=1)),
        ("BaggingRegressor_ridge", r, E.BaggingRegressor(L.Ridge(alpha=2.0), n_estimators=4,
                                                         max_samples=0.7, random_state=0)),
        ("StackingRegressor_passthrough", r, E.StackingRegressor(
            [("ridge", L.Ridge()), ("tree", tree)], final_estimator=L.LinearRegression(),
            passthrough=True, cv=3)),
        ("VotingRegressor_weighted", r, E.VotingRegressor(
            [("ridge", L.Ridge()), ("tree", tree)], weights=[2.0, 1.0])),
        ("AdaBoostRegressor_square", r, E.AdaBoostRegressor(
            DecisionTreeRegressor(max_depth=3), n_estimators=10, loss="square", random_state=0)),
        ("GenericUnivariateSelect_kbest", c3s, FS.GenericUnivariateSelect(mode="k_best", param=3)),
        ("GenericUnivariateSelect_percentile_reg", r, FS.GenericUnivariateSelect(
            FS.f_regression, mode="percentile", param=50)),
        ("SelectFdr_02", c3s, FS.SelectFdr(alpha=0.2)),
        ("SelectFpr_005", c2, FS.SelectFpr(alpha=0.05)),
        ("SelectFwe_01", c3s, FS.SelectFwe(alpha=0.1)),
        ("SelectPercentile_freg", r, FS.SelectPercentile(FS.f_regression, percentile=40)),
        ("VarianceThreshold_05", r, FS.VarianceThreshold(threshold=0.5)),
        ("BayesianRidge_noint", r, L.BayesianRidge(fit_intercept=False, alpha_1=1e-3)),
        ("QuantileRegressor_07", r, L.QuantileRegressor(quantile=0.7, alpha=0.01, solver="highs")),
        ("SGDRegressor_huber_avg", r, L.SGDRegressor(loss="huber", penalty="elasticnet",
                                                     average=True, random_state=0)),
        ("CategoricalNB_str", cat, CategoricalNB(alpha=0.5)),
        ("LinearSVR_squared", r, LinearSVR(C=0.5, epsilon=0.1, loss="squared_epsilon_insensitive",
                                           dual=True, max_iter=5000, random_state=0)),
        ("NuSVC_ovo_proba_str", c3s, NuSVC(nu=0.4, probability=True, decision_function_shape="ovo",
                                           random_state=0)),
        ("NuSVC_binary", c2, NuSVC(nu=0.3, kernel="poly", degree=2)),
        ("NuSVR_poly", r, NuSVR(nu=0.3, kernel="poly", degree=2, C=2.0)),
        ("OneClassSVM_rbf", out, OneClassSVM(nu=0.1, gamma=0.5)),
    ]


def main():
    write_models(sys.argv[1], models(), sys.argv[2:])


if __name__ == "__main__":
    main()
