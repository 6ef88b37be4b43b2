#!/usr/bin/env python3
"""Sweep of float32 handling: fits a set of scikit-learn estimators on float32 data, saves
them with Python skops, runs every method scikit-learn has on float32 input, and compares
dtype and values with `skops-cpp predict` on the same files. A development aid for finding
where skops-cpp does not keep scikit-learn's float32 semantics (the corpus tests pin down
the cases that are fixed); not part of the test suite.

    PYTHONPATH=/path/to/skops/source /usr/bin/python3 scripts/float32_sweep.py \
        build/src/cli/skops-cpp [WORKDIR]

Prints one line per mismatch (dtype, values within 1e-6, exact) and a count.
"""
import numpy as np, subprocess, sys, os, tempfile, warnings
warnings.filterwarnings("ignore")
import skops.io as sio
from sklearn import preprocessing as pp, decomposition as dec, impute, cluster, linear_model as lm, naive_bayes as nb, neighbors as nbr, svm, discriminant_analysis as da, neural_network as nn, feature_selection as fs, tree, ensemble as ens, pipeline, compose, dummy
from sklearn.datasets import load_wine
X, y = load_wine(return_X_y=True)
X32 = X.astype(np.float32)
Xt = X32[:25].copy()
Xt[3, 2] = np.nan
Xt_nonan = X32[:25].copy()
CLI = sys.argv[1]
W = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="f32sweep-")
models = {
 "Normalizer": pp.Normalizer(), "Normalizer_max": pp.Normalizer(norm="max"), "Binarizer": pp.Binarizer(threshold=2.0),
 "SimpleImputer": impute.SimpleImputer(), "SimpleImputer_median": impute.SimpleImputer(strategy="median"),
 "PolynomialFeatures": pp.PolynomialFeatures(2), "PCA": dec.PCA(3), "PCA_whiten": dec.PCA(3, whiten=True), "TruncatedSVD": dec.TruncatedSVD(3, random_state=0),
 "KMeans": cluster.KMeans(3, n_init=3, random_state=0), "OneHotEncoder": pp.OneHotEncoder(handle_unknown="ignore"),
 "LogisticRegression": lm.LogisticRegression(max_iter=3000), "Ridge": lm.Ridge(), "SGDClassifier": lm.SGDClassifier(random_state=0),
 "GaussianNB": nb.GaussianNB(), "KNN": nbr.KNeighborsClassifier(), "SVC": svm.SVC(probability=False), "LDA": da.LinearDiscriminantAnalysis(),
 "MLP": nn.MLPClassifier(max_iter=300, random_state=0), "SelectKBest": fs.SelectKBest(k=5), "VarianceThreshold": fs.VarianceThreshold(0.1),
 "DecisionTreeRegressor": tree.DecisionTreeRegressor(max_depth=4, random_state=0), "RandomForest": ens.RandomForestClassifier(10, random_state=0),
 "HGB": ens.HistGradientBoostingClassifier(max_iter=10), "GB": ens.GradientBoostingRegressor(n_estimators=10),
 "Pipeline": pipeline.make_pipeline(pp.StandardScaler(), pp.MinMaxScaler()), "DummyRegressor": dummy.DummyRegressor(),
 "ColumnTransformer": compose.ColumnTransformer([("a", pp.StandardScaler(), [0, 1]), ("b", pp.MaxAbsScaler(), [2, 3])], remainder="passthrough"),
 "FunctionTransformer": pp.FunctionTransformer(np.log1p),
 "QuantileLikeRobust": pp.RobustScaler(with_centering=False),
}
methods = ["predict", "predict_proba", "decision_function", "transform", "score_samples", "inverse_transform", "apply", "predict_log_proba"]
bad = 0
for name, est in models.items():
    Xfit = X32
    if name == "OneHotEncoder": Xfit = np.round(X32[:, :3]); xt = np.round(Xt_nonan[:, :3])
    else: xt = Xt if name in ("SimpleImputer", "SimpleImputer_median", "HGB") else Xt_nonan
    try:
        est.fit(Xfit, y)
    except Exception as e:
        print("fitfail", name, e); continue
    path = f"{W}/{name}.skops"; sio.dump(est, path)
    np.save(f"{W}/{name}.X.npy", xt)
    for m in methods:
        if not hasattr(est, m): continue
        inp = xt
        if m == "inverse_transform":
            try: inp = est.transform(xt)
            except Exception: continue
            if hasattr(inp, "toarray"): continue
            inp = np.ascontiguousarray(inp)
            np.save(f"{W}/{name}.Xinv.npy", inp)
        try: ref = getattr(est, m)(inp)
        except Exception as e: continue
        if hasattr(ref, "toarray"): ref = ref.toarray()
        out = f"{W}/{name}.{m}.out.npy"
        xin = f"{W}/{name}.Xinv.npy" if m == "inverse_transform" else f"{W}/{name}.X.npy"
        r = subprocess.run([CLI, "predict", path, "--input", xin, "--output", out, "--method", m], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"{name:22s} {m:18s} CLI rc={r.returncode} {r.stderr.strip()[:100]}"); bad += 1; continue
        got = np.load(out, allow_pickle=False)
        ok_dtype = got.dtype == ref.dtype
        try:
            ok_val = np.allclose(got.astype(np.float64), np.asarray(ref).astype(np.float64), rtol=1e-6, atol=1e-6, equal_nan=True) if got.dtype.kind in "fiub" else (got == ref).all()
            exact = np.array_equal(got, ref, equal_nan=True) if got.dtype.kind == "f" else None
        except Exception as e:
            ok_val = False; exact = None
        if not (ok_dtype and ok_val):
            bad += 1
            print(f"{name:22s} {m:18s} dtype ours={got.dtype} sk={ref.dtype} values_ok={ok_val} exact={exact}")
        elif exact is False:
            d = np.nanmax(np.abs(got.astype(np.float64) - ref.astype(np.float64)) / np.maximum(1e-300, np.abs(ref.astype(np.float64))))
            if d > 1e-12: print(f"{name:22s} {m:18s} dtype ok, max rel diff {d:.2e}")
print("mismatches:", bad)
