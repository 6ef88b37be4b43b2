#!/usr/bin/env python3
"""Numeric preprocessing (issue 14, WP3): QuantileTransformer, PowerTransformer and
KBinsDiscretizer, alone and in pipelines, with parameters beyond the defaults, plus
reference values of scipy.special.ndtri / ndtr (what QuantileTransformer's normal output
uses through scipy.stats.norm).

QuantileTransformer: uniform and normal output, n_quantiles smaller than the fit rows,
ignore_implicit_zeros=False, subsample, a column with repeated values (repeated quantiles),
NaN in fit and test rows, test rows outside the fitted range and exactly on the extreme
quantiles; a sparse (CSR) input for transform and inverse_transform.
PowerTransformer: yeo-johnson on negative and positive data, standardize True/False,
box-cox, and lambdas_ set by hand to 0 and 2 (the branches at |lambda| < spacing(1)).
KBinsDiscretizer: every encode (ordinal, onehot, onehot-dense) x strategy (uniform,
quantile, kmeans), dtype=float32, subsample, a constant feature, and pipelines before
LogisticRegression and Ridge.

With model names after OUT, only those are (re)written (the .skops bytes change on every run).
Writes, for the running scikit-learn, OUT/sklearn-<version>/NAME.{skops, X.npy, <method>.npy,
expected.json}, NAME.Xt.npy (the input of inverse_transform, named in expected.json
"method_inputs"), for sparse cases NAME.Xs.npy / NAME.sparse_transform.npy /
NAME.sparse_inverse_transform.npy (the input's dense form and scikit-learn's sparse results
densified), for KBinsDiscretizer NAME.X32.npy / NAME.transform32.npy (float32 input) and
for the ordinal ones NAME.Xt32.npy / NAME.inverse_transform32.npy, and special_ndtri.npy / special_ndtr.npy (rows [argument, scipy's value]).

    PYTHONPATH=<skops source> python3 tests/data/prep/generate.py tests/data/prep
"""
import json
import os
import sys
import warnings
import zipfile

import numpy as np
import scipy
import scipy.sparse as sp
import scipy.special as sc
import sklearn
import skops.io as sio
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import KBinsDiscretizer, PowerTransformer, QuantileTransformer

warnings.filterwarnings("ignore")

METHODS = ("predict", "predict_proba", "predict_log_proba", "decision_function", "transform")


def quantile_data(seed=0, n=90):
    # Column 0 continuous, column 1 integer-valued (repeated quantiles), column 2 skewed with
    # NaN in fit. Test rows: out of range both sides, on the extreme quantiles, NaN.
    rng = np.random.RandomState(seed)
    X = np.c_[rng.normal(size=n) * 2 + 1, rng.randint(0, 5, size=n).astype(float),
              rng.exponential(size=n) * 3]
    X[rng.rand(n) < 0.1, 2] = np.nan
    fit = X[20:]
    test = X[:20].copy()
    test[0] = [np.nanmin(fit[:, 0]), 0.0, np.nanmin(fit[:, 2])]
    test[1] = [np.nanmax(fit[:, 0]), 4.0, np.nanmax(fit[:, 2])]
    test[2] = [-50.0, -1.0, -3.0]
    test[3] = [50.0, 9.0, 100.0]
    test[4] = [np.nan, 2.0, np.nan]
    test[5] = [np.nanmin(fit[:, 0]) + 1e-8, 1.0, np.nanmax(fit[:, 2]) - 1e-8]
    return fit, test


def power_data(seed=1, n=80, positive=False):
    rng = np.random.RandomState(seed)
    X = np.c_[rng.exponential(size=n) * 2 - 0.7, rng.lognormal(size=n), -rng.gamma(2.0, size=n) + 1.5]
    if positive:
        X = np.abs(X) + 0.05
    fit = X[16:]
    test = X[:16].copy()
    test[0, 0] = np.nan
    test[1] = [0.0, 0.0, -0.0] if not positive else [1e-3, 30.0, 2.5]
    return fit, test


def kbins_data(seed=2, n=100, constant=False):
    rng = np.random.RandomState(seed)
    X = np.c_[rng.normal(size=n), rng.exponential(size=n), rng.uniform(-3, 3, size=n)]
    if constant:
        X[:, 1] = 2.5
    fit = X[20:]
    test = X[:20].copy()
    test[0] = fit.min(axis=0) - 1.0
    test[1] = fit.max(axis=0) + 1.0
    return fit, test


def classes(X, k=2, seed=3):
    rng = np.random.RandomState(seed)
    s = np.nan_to_num(X) @ rng.normal(size=(X.shape[1], k)) + rng.normal(scale=0.5, size=(len(X), k))
    return s.argmax(axis=1) if k > 1 else s[:, 0]


def models():
    qf, qt = quantile_data()
    pf, pt = power_data()
    bf, bt = power_data(positive=True)
    kf, kt = kbins_data()
    cf, ct = kbins_data(seed=5, constant=True)
    out = [
        ("QT_uniform_nq20", (qf, None, qt), QuantileTransformer(n_quantiles=20)),
        ("QT_normal_nq15", (qf, None, qt), QuantileTransformer(
            n_quantiles=15, output_distribution="normal", ignore_implicit_zeros=False)),
        ("QT_normal_subsample", (qf, None, qt), QuantileTransformer(
            n_quantiles=40, output_distribution="normal", subsample=50, random_state=0)),
        ("QT_uniform_nq70", (qf, None, qt), QuantileTransformer(n_quantiles=70)),
        ("PT_yeo_johnson", (pf, None, pt), PowerTransformer()),
        ("PT_yeo_johnson_nostd", (pf, None, pt), PowerTransformer(standardize=False)),
        ("PT_box_cox", (bf, None, bt), PowerTransformer(method="box-cox")),
        ("PT_box_cox_nostd", (bf, None, bt), PowerTransformer(method="box-cox", standardize=False)),
        # lambdas_ set after fit to the special branches (0 and 2; values just beside them would
        # be ill-conditioned: pow(1 - x, 1e-9) - 1 loses 7 digits to cancellation).
        ("PT_yeo_johnson_lambda_edges", (pf, None, pt), PowerTransformer(standardize=False)),
        ("PT_box_cox_lambda_zero", (bf, None, bt), PowerTransformer(method="box-cox",
                                                                     standardize=False)),
    ]
    for encode in ("ordinal", "onehot", "onehot-dense"):
        for strategy in ("uniform", "quantile", "kmeans"):
            out.append((f"KB_{encode.replace('-', '_')}_{strategy}", (kf, None, kt),
                        KBinsDiscretizer(n_bins=[3, 5, 4], encode=encode, strategy=strategy)))
    out += [
        ("KB_ordinal_float32", (kf, None, kt), KBinsDiscretizer(
            n_bins=4, encode="ordinal", dtype=np.float32)),
        ("KB_onehot_float32", (kf, None, kt), KBinsDiscretizer(
            n_bins=3, encode="onehot", strategy="uniform", dtype=np.float32)),
        ("KB_onehot_dense_float64_subsample", (kf, None, kt), KBinsDiscretizer(
            n_bins=6, encode="onehot-dense", strategy="quantile", subsample=40,
            random_state=1, dtype=np.float64)),
        ("KB_ordinal_constant_feature", (cf, None, ct), KBinsDiscretizer(
            n_bins=3, encode="ordinal", strategy="quantile")),
        ("Pipe_kbins_onehot_logreg", (kf, classes(kf, 3), kt), make_pipeline(
            KBinsDiscretizer(n_bins=4, encode="onehot", strategy="quantile"),
            LogisticRegression(C=0.5, max_iter=500))),
        ("Pipe_kbins_ordinal_ridge", (kf, classes(kf, 1), kt), make_pipeline(
            KBinsDiscretizer(n_bins=[3, 4, 5], encode="ordinal", strategy="kmeans"),
            Ridge(alpha=0.3))),
        ("Pipe_kbins_dense_uniform_logreg", (kf, classes(kf, 2, seed=4), kt), make_pipeline(
            KBinsDiscretizer(n_bins=5, encode="onehot-dense", strategy="uniform"),
            LogisticRegression())),
        ("Pipe_quantile_normal_ridge", (qf[:, :2], classes(qf[:, :2], 1), qt[np.r_[0:4, 5:20], :2]),
         make_pipeline(QuantileTransformer(n_quantiles=25, output_distribution="normal"),
                       Ridge())),
        ("Pipe_power_logreg", (pf, classes(pf, 2), pt[1:]), make_pipeline(
            PowerTransformer(), LogisticRegression())),
    ]
    return out


def inverse_input(name, model, X_test):
    # Transform output plus rows at and beyond the edges of each method's range.
    Xt = model.transform(X_test)
    if sp.issparse(Xt):
        Xt = Xt.toarray()
    Xt = np.array(Xt, dtype=np.float64)
    if name.startswith("QT_uniform"):
        Xt = np.r_[Xt, [[0.0, 1.0, 0.5], [-0.2, 1.3, np.nan], [1e-9, 1 - 1e-9, 0.25]]]
    elif name.startswith("QT_normal"):
        Xt = np.r_[Xt, [[-9.0, 9.0, 0.0], [-5.3, 5.3, np.nan], [1e-3, -1e-3, 2.0]]]
    elif name.startswith("PT_"):
        Xt = np.r_[Xt, [[0.0, -0.0, 0.5], [-1.5, 2.0, np.nan]]]
    elif name.startswith("KB_ordinal"):
        n = model.n_bins_
        Xt = np.r_[Xt, [n - 1.0, n * 0.0 + 0.7, -(n * 1.0)], [n * 0.0 - 0.4, n - 1.0, n - 0.5], [n * 0.0 - 1.0]]
    return Xt


def sparse_input(X_test):
    Xs = np.nan_to_num(np.abs(X_test), nan=0.0)
    Xs[::3, 0] = 0.0
    Xs[1::4, 2] = 0.0
    return Xs


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
        if name == "PT_yeo_johnson_lambda_edges":
            model.lambdas_ = np.array([0.0, 2.0, -0.3])
        if name == "PT_box_cox_lambda_zero":
            model.lambdas_ = np.array([0.0, 1e-20, -0.5])
        base = os.path.join(out_dir, name)
        sio.dump(model, base + ".skops", compression=zipfile.ZIP_DEFLATED)
        untrusted = sio.get_untrusted_types(file=base + ".skops")
        back = sio.load(base + ".skops", trusted=untrusted)
        np.save(base + ".X.npy", X_test, allow_pickle=False)
        methods, method_inputs = {}, {}

        def record(m, got, again, fname):
            if sp.issparse(got):
                got, again = got.toarray(), again.toarray()
            assert np.array_equal(got, again, equal_nan=got.dtype.kind == "f"), (name, m)
            np.save(os.path.join(out_dir, fname), got, allow_pickle=False)

        for m in METHODS:
            if hasattr(model, m):
                record(m, getattr(model, m)(X_test), getattr(back, m)(X_test), f"{name}.{m}.npy")
                methods[m] = f"{name}.{m}.npy"
        if hasattr(model, "inverse_transform") and not name.startswith("Pipe_"):
            Xt = inverse_input(name, model, X_test)
            np.save(base + ".Xt.npy", Xt, allow_pickle=False)
            record("inverse_transform", model.inverse_transform(Xt), back.inverse_transform(Xt),
                   f"{name}.inverse_transform.npy")
            methods["inverse_transform"] = f"{name}.inverse_transform.npy"
            method_inputs["inverse_transform"] = f"{name}.Xt.npy"
        if name.startswith("KB_"):
            # float32 input: codes in float32 (dtype=None) or the dtype parameter's type.
            X32 = X_test.astype(np.float32)
            np.save(base + ".X32.npy", X32, allow_pickle=False)
            record("float32 transform", model.transform(X32), back.transform(X32),
                   f"{name}.transform32.npy")
            meta_float32 = {"input": f"{name}.X32.npy", "transform": f"{name}.transform32.npy"}
            if "inverse_transform" in method_inputs and name.startswith("KB_ordinal"):
                Xt32 = np.load(base + ".Xt.npy").astype(np.float32)
                np.save(base + ".Xt32.npy", Xt32, allow_pickle=False)
                record("float32 inverse", model.inverse_transform(Xt32), back.inverse_transform(Xt32),
                       f"{name}.inverse_transform32.npy")
                meta_float32["inverse_input"] = f"{name}.Xt32.npy"
                meta_float32["inverse_transform"] = f"{name}.inverse_transform32.npy"
        sparse = {}
        if name.startswith("QT_"):
            Xs = sparse_input(X_test)
            np.save(base + ".Xs.npy", Xs, allow_pickle=False)
            got = model.transform(sp.csr_matrix(Xs))
            assert sp.issparse(got)
            record("sparse transform", got, back.transform(sp.csr_matrix(Xs)),
                   f"{name}.sparse_transform.npy")
            inv = model.inverse_transform(sp.csr_matrix(np.clip(Xs / 10.0, 0, 1)))
            record("sparse inverse", inv, back.inverse_transform(sp.csr_matrix(np.clip(Xs / 10.0, 0, 1))),
                   f"{name}.sparse_inverse_transform.npy")
            sparse = {"input": f"{name}.Xs.npy", "transform": f"{name}.sparse_transform.npy",
                      "inverse_transform_input_scale": 0.1,
                      "inverse_transform": f"{name}.sparse_inverse_transform.npy"}
        cls = type(model)
        meta = {"name": name, "class": cls.__module__ + "." + cls.__name__,
                "sklearn_version": sklearn.__version__, "methods": methods,
                "untrusted_types": untrusted, "estimator_repr": repr(model)}
        if method_inputs:
            meta["method_inputs"] = method_inputs
        if sparse:
            meta["sparse"] = sparse
        if name.startswith("KB_"):
            meta["float32"] = meta_float32
        with open(base + ".expected.json", "w") as f:
            json.dump(meta, f, indent=1)
        print("wrote", base, sorted(methods), untrusted, os.path.getsize(base + ".skops"))
    with open(os.path.join(out_dir, "MANIFEST.json"), "w") as f:
        json.dump(sorted(names), f, indent=1)
    # scipy.special reference values: ndtri over (0, 1) with the tails QuantileTransformer
    # clips at (1e-7 - eps and its complement), ndtr over the real line.
    eps = np.spacing(1)
    p = np.r_[1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-12, 1e-9, 1e-7 - eps, 1e-7, 1.5e-7, 1e-6,
              1e-5, 1e-4, 1e-3, 0.01, 0.02, 0.0625, 0.1, 0.135, np.exp(-2), 0.14, 0.2, 0.25,
              0.3, 0.4, 0.45, 0.49, 0.4999999, 0.5, 0.5000001, 0.5 + 1e-12, 0.51, 0.6, 0.7,
              0.75, 0.8, 0.86, 1 - np.exp(-2), 0.87, 0.9, 0.95, 0.99, 0.999, 1 - 1e-4, 1 - 1e-5,
              1 - 1e-6, 1 - 1e-7, 1 - (1e-7 - eps), 1 - 1e-9, 1 - 1e-12, 1 - 1e-15, 1 - eps,
              np.linspace(0.001, 0.999, 61)]
    np.save(os.path.join(out_dir, "special_ndtri.npy"), np.c_[p, sc.ndtri(p)], allow_pickle=False)
    x = np.r_[-40.0, -38.0, -37.5, -30.0, -20.0, -10.0, -8.0, -6.0, -5.199337582605575, -5.0,
              -3.0, -2.0, -1.0, -0.7071067811865476, -0.5, -0.1, -1e-5, -1e-12, 0.0, 1e-12, 1e-5,
              0.1, 0.5, 0.7071067811865476, 1.0, 2.0, 3.0, 5.0, 5.199337582605575, 6.0, 8.0,
              9.0, 10.0, 20.0, np.linspace(-7, 7, 57)]
    np.save(os.path.join(out_dir, "special_ndtr.npy"), np.c_[x, sc.ndtr(x)], allow_pickle=False)
    print("scipy", scipy.__version__, "special values written")


if __name__ == "__main__":
    main()
