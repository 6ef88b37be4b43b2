"""The WP1 wrappers of issue 14 with other parameters than the zoo's: CalibratedClassifierCV
(sigmoid and isotonic, ensemble True and False, binary and multiclass, string labels,
estimators with decision_function or only predict_proba), IsotonicRegression alone
(increasing True / False / "auto", out_of_bounds clip / nan), TransformedTargetRegressor (the
func/inverse_func pairs log/exp, log1p/expm1, sqrt/square, and a transformer: StandardScaler,
PowerTransformer, QuantileTransformer), GridSearchCV and RandomizedSearchCV (pipelines,
multimetric scoring with refit by name, a regressor), MultiOutputRegressor (tests/data/multi
has MultiOutputClassifier), written with tests/data/more's writer.

usage: PYTHONPATH=<skops source> python3 tests/data/wp1/generate.py tests/data/wp1 [NAME...]
"""
import os
import sys
import warnings

import numpy as np
from scipy.stats import loguniform
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import TransformedTargetRegressor
from sklearn.ensemble import RandomForestRegressor
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV
from sklearn.multioutput import MultiOutputRegressor
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PowerTransformer, QuantileTransformer, StandardScaler
from sklearn.svm import LinearSVC, SVR
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "more"))
from generate import write_models  # noqa: E402

warnings.filterwarnings("ignore")


def classification(n_classes, seed=1, n=160, p=5, labels=None):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p))
    y = np.argmax(X @ rng.normal(size=(p, n_classes)) + rng.normal(scale=0.7, size=(n, n_classes)), axis=1)
    if labels is not None:
        y = np.array(labels)[y]
    return X[:120], y[:120], X[120:]


def regression(seed=2, n=130, p=4, positive=False, targets=1):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p))
    y = X @ rng.normal(size=(p, targets)) + rng.normal(scale=0.3, size=(n, targets))
    if positive:
        y = np.exp(y / 2.0) + 0.1
    if targets == 1:
        y = y.ravel()
    return X[:100], y[:100], X[100:]


def isotonic(seed=3, n=90, decreasing=False):
    rng = np.random.RandomState(seed)
    x = np.sort(rng.uniform(-2, 2, size=n))
    y = (np.tanh(x) if not decreasing else -np.tanh(x)) + rng.normal(scale=0.2, size=n)
    X_test = np.linspace(-3, 3, 41).reshape(-1, 1)  # beyond the fitted range on both sides
    return x.reshape(-1, 1), y, X_test


def models():
    c2, c3 = classification(2), classification(3, seed=5)
    c3s = classification(3, seed=6, labels=["red", "green", "blue"])
    r, rp, r2 = regression(), regression(seed=7, positive=True), regression(seed=8, targets=2)
    lr = LogisticRegression(max_iter=500)
    return [
        ("Calibrated_sigmoid_logistic_binary", c2, CalibratedClassifierCV(lr, method="sigmoid", cv=3)),
        ("Calibrated_isotonic_gnb_binary_noensemble", c2, CalibratedClassifierCV(GaussianNB(), method="isotonic", cv=4, ensemble=False)),
        ("Calibrated_sigmoid_linearsvc_multiclass", c3, CalibratedClassifierCV(LinearSVC(random_state=0), method="sigmoid", cv=3)),
        ("Calibrated_isotonic_tree_multiclass_str", c3s, CalibratedClassifierCV(DecisionTreeClassifier(max_depth=3, random_state=0), method="isotonic", cv=3)),
        ("Calibrated_sigmoid_gnb_multiclass_noensemble_str", c3s, CalibratedClassifierCV(GaussianNB(), method="sigmoid", cv=3, ensemble=False)),
        ("Calibrated_isotonic_pipeline_multiclass", c3, CalibratedClassifierCV(make_pipeline(StandardScaler(), lr), method="isotonic", cv=5)),
        ("Isotonic_increasing_clip", isotonic(), IsotonicRegression(out_of_bounds="clip")),
        ("Isotonic_decreasing_nan", isotonic(decreasing=True), IsotonicRegression(increasing=False, out_of_bounds="nan")),
        ("Isotonic_auto_bounds", isotonic(seed=9, decreasing=True), IsotonicRegression(increasing="auto", y_min=-0.8, y_max=0.9, out_of_bounds="clip")),
        ("TTR_log_exp_ridge", rp, TransformedTargetRegressor(Ridge(), func=np.log, inverse_func=np.exp)),
        ("TTR_log1p_expm1_tree", rp, TransformedTargetRegressor(DecisionTreeRegressor(max_depth=4, random_state=0), func=np.log1p, inverse_func=np.expm1)),
        ("TTR_sqrt_square_svr", rp, TransformedTargetRegressor(SVR(), func=np.sqrt, inverse_func=np.square, check_inverse=False)),
        ("TTR_standard_scaler_ridge", r, TransformedTargetRegressor(Ridge(alpha=2.0), transformer=StandardScaler())),
        ("TTR_power_transformer_ridge", rp, TransformedTargetRegressor(Ridge(), transformer=PowerTransformer(method="box-cox"))),
        ("TTR_quantile_normal_forest", r, TransformedTargetRegressor(RandomForestRegressor(n_estimators=5, random_state=0), transformer=QuantileTransformer(n_quantiles=50, output_distribution="normal"))),
        ("Grid_pipeline_logistic_multimetric", c3s, GridSearchCV(make_pipeline(StandardScaler(), lr), {"logisticregression__C": [0.1, 1.0, 10.0]}, scoring=["accuracy", "f1_macro"], refit="f1_macro", cv=3)),
        ("Grid_svr_regression", r, GridSearchCV(SVR(), {"C": [0.5, 5.0], "epsilon": [0.05, 0.2]}, cv=3)),
        ("Randomized_logistic_loguniform", c2, RandomizedSearchCV(lr, {"C": loguniform(1e-2, 1e2)}, n_iter=4, cv=3, random_state=0)),
        ("MultiOutputRegressor_ridge", r2, MultiOutputRegressor(Ridge(alpha=0.3))),
        ("MultiOutputRegressor_tree", r2, MultiOutputRegressor(DecisionTreeRegressor(max_depth=3, random_state=0))),
    ]


def main():
    write_models(sys.argv[1], models(), sys.argv[2:])


if __name__ == "__main__":
    main()
