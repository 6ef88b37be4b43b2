#!/usr/bin/env python3
"""SplineTransformer (issue 14) and whitened PCA: models with parameters beyond the defaults.

SplineTransformer: every extrapolation mode ("error", "constant", "linear", "continue",
"periodic"), degrees 0 to 5, n_knots 3 to 7, knots "uniform", "quantile" and an explicit array,
include_bias False, alone and in a Pipeline before Ridge; the test rows go beyond the training
range on both sides (except for "error", whose rows stay inside). 1.3+ also gets
sparse_output=True models (transform is a CSR matrix; saved densified, expected.json says
"sparse": true).
PCA(whiten=True): n_components int / float / "mle" / None (all: noise variance 0),
svd_solver full / randomized / arpack;
transform, score_samples, and inverse_transform applied to scikit-learn's own transform output
(expected.json "method_inputs": {"inverse_transform": "NAME.transform.npy"}, as the corpus).

With model names after OUT, only those are (re)written (the .skops bytes change on every run).
Writes, for the running scikit-learn, OUT/sklearn-<version>/NAME.{skops, X.npy, <method>.npy,
expected.json} (the zoo's layout) and MANIFEST.json. Run under scikit-learn 1.2.1 (Debian 12)
and 1.4.2 (Debian 13, scripts/python_env_trixie.sh) with Python skops on PYTHONPATH:

    PYTHONPATH=<skops source> python3 tests/data/spline/generate.py tests/data/spline
"""
import json
import os
import sys
import warnings
import zipfile

import numpy as np
import scipy.sparse as sp
import sklearn
import skops.io as sio
from sklearn.decomposition import PCA
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import SplineTransformer

warnings.filterwarnings("ignore")

VERSION = tuple(int(p) for p in sklearn.__version__.split(".")[:2])
METHODS = ("predict", "transform", "score_samples")


def spline_data(seed=0, n=60, p=3, inside_only=False):
    # Features on different scales; test rows inside the range, and (unless inside_only)
    # beyond both ends, exactly on the end points, and on a training value.
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p)) * rng.uniform(0.5, 4.0, size=p) + rng.normal(size=p) * 3
    y = np.sin(X[:, 0]) + 0.3 * X[:, 1] ** 2 - X[:, -1] + 0.1 * rng.normal(size=n)
    fit, y_fit = X[12:], y[12:]
    lo, hi = fit.min(axis=0), fit.max(axis=0)
    width = hi - lo
    rows = [X[:12]]
    if not inside_only:
        rows += [lo - 0.3 * width, lo - 1.7 * width, hi + 0.25 * width, hi + 2.5 * width,
                 lo, hi, np.where(np.arange(p) % 2 == 0, lo - 0.5 * width, hi + 0.5 * width)]
    else:
        rows += [lo, hi, lo + 0.5 * width]
        rows[0] = np.clip(rows[0], lo, hi)
    return fit, y_fit, np.vstack([np.atleast_2d(r) for r in rows])


def explicit_knots(X, n_knots, seed):
    # Strictly increasing, unevenly spaced, inside and partly beyond the data.
    rng = np.random.RandomState(seed)
    lo, hi = X.min(axis=0), X.max(axis=0)
    steps = rng.uniform(0.3, 1.0, size=(n_knots - 1, X.shape[1]))
    pos = np.vstack([np.zeros(X.shape[1]), np.cumsum(steps, axis=0)])
    pos /= pos[-1]
    return lo - 0.1 * (hi - lo) + pos * 1.1 * (hi - lo)


def pca_data(seed=5, n=80, p=6):
    rng = np.random.RandomState(seed)
    # Strongly correlated, unequal scales: small noise variance, large explained variances.
    latent = rng.normal(size=(n, 3)) * np.array([5.0, 2.0, 0.7])
    X = latent @ rng.normal(size=(3, p)) + 0.05 * rng.normal(size=(n, p)) + rng.normal(size=p)
    return X[20:], None, X[:20]


def models():
    d0 = spline_data()
    d1 = spline_data(seed=1, p=2)
    d2 = spline_data(seed=2, p=4)
    inside = spline_data(seed=3, inside_only=True)
    pca = pca_data()
    out = [
        ("spline_constant_d3_uniform", d0, SplineTransformer()),
        ("spline_constant_d1_quantile", d1, SplineTransformer(n_knots=4, degree=1,
                                                               knots="quantile")),
        ("spline_constant_d5_explicit_nobias", d0, SplineTransformer(
            degree=5, knots=explicit_knots(d0[0], 6, 11), include_bias=False)),
        ("spline_constant_d2_F", d2, SplineTransformer(n_knots=3, degree=2, order="F")),
        ("spline_linear_d0", d0, SplineTransformer(n_knots=5, degree=0, extrapolation="linear")),
        ("spline_linear_d1", d2, SplineTransformer(n_knots=4, degree=1, extrapolation="linear")),
        ("spline_linear_d2_quantile", d0, SplineTransformer(n_knots=6, degree=2, knots="quantile",
                                                            extrapolation="linear")),
        ("spline_linear_d4_explicit_nobias", d1, SplineTransformer(
            degree=4, knots=explicit_knots(d1[0], 5, 12), extrapolation="linear",
            include_bias=False)),
        ("spline_continue_d4", d0, SplineTransformer(n_knots=6, degree=4,
                                                     extrapolation="continue")),
        ("spline_continue_d2_quantile_nobias", d2, SplineTransformer(
            n_knots=4, degree=2, knots="quantile", extrapolation="continue", include_bias=False)),
        ("spline_periodic_d3_nobias", d0, SplineTransformer(n_knots=6, degree=3,
                                                            extrapolation="periodic",
                                                            include_bias=False)),
        ("spline_periodic_d5_explicit", d1, SplineTransformer(
            degree=5, knots=explicit_knots(d1[0], 7, 13), extrapolation="periodic")),
        ("spline_periodic_d1_quantile", d2, SplineTransformer(n_knots=3, degree=1,
                                                              knots="quantile",
                                                              extrapolation="periodic")),
        ("spline_error_d2", inside, SplineTransformer(n_knots=5, degree=2, extrapolation="error")),
        ("spline_error_d3_quantile_nobias", inside, SplineTransformer(
            n_knots=4, knots="quantile", extrapolation="error", include_bias=False)),
        ("pipe_spline_periodic_ridge", d0, make_pipeline(
            SplineTransformer(n_knots=5, degree=3, extrapolation="periodic"), Ridge(alpha=0.5))),
        ("pipe_spline_linear_quantile_ridge", d2, make_pipeline(
            SplineTransformer(n_knots=5, degree=2, knots="quantile", extrapolation="linear",
                              include_bias=False), Ridge(alpha=1e-3))),
        ("pipe_spline_continue_ridge", d1, make_pipeline(
            SplineTransformer(n_knots=7, degree=3, extrapolation="continue"), Ridge())),
        ("pipe_spline_constant_explicit_ridge", d0, make_pipeline(
            SplineTransformer(degree=2, knots=explicit_knots(d0[0], 5, 14)), Ridge(alpha=2.0))),
        ("PCA_whiten_2_full", pca, PCA(n_components=2, whiten=True, svd_solver="full")),
        ("PCA_whiten_4_full", pca, PCA(n_components=4, whiten=True)),
        ("PCA_whiten_float_full", pca, PCA(n_components=0.95, whiten=True, svd_solver="full")),
        ("PCA_whiten_mle_full", pca, PCA(n_components="mle", whiten=True, svd_solver="full")),
        ("PCA_whiten_3_randomized", pca, PCA(n_components=3, whiten=True, svd_solver="randomized",
                                             random_state=0)),
        ("PCA_whiten_3_arpack", pca, PCA(n_components=3, whiten=True, svd_solver="arpack",
                                         random_state=0)),
        ("PCA_nowhiten_3_full", pca, PCA(n_components=3)),
        # Every component kept: noise_variance_ = 0, get_precision inverts get_covariance().
        ("PCA_whiten_all_full", pca, PCA(whiten=True)),
        ("PCA_nowhiten_all_full", pca, PCA(svd_solver="full")),
    ]
    if VERSION >= (1, 3):
        out += [
            ("spline_sparse_constant_d3", d0, SplineTransformer(sparse_output=True)),
            ("spline_sparse_periodic_d2_nobias", d2, SplineTransformer(
                n_knots=5, degree=2, extrapolation="periodic", include_bias=False,
                sparse_output=True)),
            ("spline_sparse_linear_d1", d2, SplineTransformer(
                n_knots=4, degree=1, extrapolation="linear", sparse_output=True)),
            ("spline_sparse_continue_d3_quantile", d1, SplineTransformer(
                knots="quantile", extrapolation="continue", sparse_output=True)),
        ]
    return out


def dense(a):
    return a.toarray() if sp.issparse(a) else a


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
        methods, inputs, extra = {}, {}, {}
        for m in METHODS:
            if hasattr(model, m):
                got = getattr(model, m)(X_test)
                if sp.issparse(got):
                    extra["sparse"] = True
                    assert got.format == "csr", name
                got = dense(got)
                assert np.array_equal(got, dense(getattr(back, m)(X_test))), (name, m)
                np.save(base + f".{m}.npy", got, allow_pickle=False)
                methods[m] = f"{name}.{m}.npy"
        if isinstance(model, PCA):
            Z = np.load(base + ".transform.npy")
            got = model.inverse_transform(Z)
            assert np.array_equal(got, back.inverse_transform(Z)), name
            np.save(base + ".inverse_transform.npy", got, allow_pickle=False)
            methods["inverse_transform"] = f"{name}.inverse_transform.npy"
            inputs["inverse_transform"] = f"{name}.transform.npy"
            extra["n_components_"] = int(model.n_components_)
        cls = type(model)
        info = {"name": name, "class": cls.__module__ + "." + cls.__name__,
                "sklearn_version": sklearn.__version__, "methods": methods,
                "untrusted_types": untrusted, "estimator_repr": repr(model)}
        if inputs:
            info["method_inputs"] = inputs
        info.update(extra)
        with open(base + ".expected.json", "w") as f:
            json.dump(info, f, indent=1)
        print("wrote", base, sorted(methods), untrusted, os.path.getsize(base + ".skops"))
    with open(os.path.join(out_dir, "MANIFEST.json"), "w") as f:
        json.dump(sorted(names), f, indent=1)


if __name__ == "__main__":
    main()
