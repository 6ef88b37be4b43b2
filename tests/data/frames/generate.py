#!/usr/bin/env python3
"""DataFrame models beyond the zoo: the same shapes with other parameters.

Writes, for the running scikit-learn, OUT/sklearn-<version>/NAME.{skops, X.csv, X.json,
<method>.npy, expected.json}. The test frame has unseen categories, missing numbers and
missing strings; the outputs are scikit-learn's on the CSV as pandas reads it back
(float_precision="round_trip"), so file and outputs agree exactly. Run under scikit-learn
1.2.1 (Debian 12) and 1.4.2 (Debian 13, scripts/python_env_trixie.sh) with Python skops on
PYTHONPATH:

    PYTHONPATH=<skops source> python3 tests/data/frames/generate.py tests/data/frames
"""
import json
import os
import sys
import warnings

import numpy as np
import pandas as pd
import sklearn
import skops.io as sio
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,
                              RandomForestClassifier)
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

warnings.filterwarnings("ignore")
VERSION = tuple(int(x) for x in sklearn.__version__.split(".")[:2])


def frame(n, seed, unseen):
    rng = np.random.default_rng(seed)
    ports = ["S", "C", "Q"] + (["X"] if unseen else [])
    cities = ["Zürich", "Łódź", "Paris", "Oslo", "Kyiv", "Porto", "Lima"] + (["Nuuk"] if unseen else [])
    df = pd.DataFrame({
        "num_age": rng.normal(30, 12, n).round(1),
        "num_fare": rng.gamma(2.0, 15.0, n).round(2),
        "pclass": rng.integers(1, 4, n),
        "sex": rng.choice(["male", "female"], n),
        "port": rng.choice(ports, n, p=None),
        "city": rng.choice(cities, n),
        "vip": rng.random(n) < 0.2,
        "code": rng.integers(0, 5, n),
    })
    df.loc[rng.random(n) < 0.15, "num_age"] = np.nan
    df.loc[rng.random(n) < 0.1, "port"] = np.nan
    df.loc[rng.random(n) < 0.1, "city"] = np.nan
    return df


def targets(df, seed):
    rng = np.random.default_rng(seed)
    score = (df["sex"] == "female") * 1.5 - (df["pclass"] - 2) * 0.8 + rng.normal(0, 0.7, len(df))
    y_bin = (score > 0.3).astype(int).to_numpy()
    y_multi = np.digitize(score, [-0.5, 0.8])
    y_reg = (df["num_fare"].to_numpy() * 0.1 + score.to_numpy() + rng.normal(0, 0.1, len(df)))
    return y_bin, y_multi, y_reg


def models():
    out = []
    cat = ["sex", "port", "city"]
    num = ["num_age", "num_fare"]
    out.append(("ohe_drop_if_binary_ignore", "bin", Pipeline([
        ("pre", ColumnTransformer([
            ("oh", OneHotEncoder(drop="if_binary", handle_unknown="ignore"), cat),
            ("num", Pipeline([("imp", SimpleImputer()), ("sc", StandardScaler())]), num)])),
        ("lr", LogisticRegression(max_iter=500))])))
    out.append(("ohe_min_frequency_max_categories", "multi", Pipeline([
        ("pre", ColumnTransformer([
            ("oh", OneHotEncoder(min_frequency=0.12, max_categories=3,
                                 handle_unknown="infrequent_if_exist"), ["port", "city"]),
            ("num", SimpleImputer(strategy="median"), num)], remainder="drop")),
        ("lr", LogisticRegression(max_iter=500))])))
    out.append(("ordinal_unknown_missing_forest", "bin", Pipeline([
        ("pre", ColumnTransformer([
            ("ord", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1,
                                   encoded_missing_value=-5), cat)],
            remainder=SimpleImputer(strategy="median"))),
        ("rf", RandomForestClassifier(n_estimators=8, max_depth=4, random_state=0))])))
    out.append(("imputer_constant_indicator_ridge", "reg", Pipeline([
        ("pre", ColumnTransformer([
            ("cat", Pipeline([("imp", SimpleImputer(strategy="constant", fill_value="unknown")),
                              ("oh", OneHotEncoder(handle_unknown="ignore"))]), ["port", "city"]),
            ("num", SimpleImputer(strategy="mean", add_indicator=True), num)])),
        ("ridge", Ridge(alpha=0.3))])))
    # An object array between two ColumnTransformers: strings imputed and numbers passed
    # through, then selected by position.
    out.append(("object_array_between_steps", "bin", Pipeline([
        ("first", ColumnTransformer([
            ("imp", SimpleImputer(strategy="most_frequent"), ["port", "sex"]),
            ("keep", "passthrough", num)])),
        ("second", ColumnTransformer([
            ("oh", OneHotEncoder(handle_unknown="ignore"), [0, 1]),
            ("num", SimpleImputer(), [2, 3])])),
        ("lr", LogisticRegression(max_iter=500))])))
    out.append(("feature_union_of_selectors", "reg", Pipeline([
        ("union", FeatureUnion([
            ("strings", ColumnTransformer([
                ("oh", OneHotEncoder(handle_unknown="ignore"),
                 make_column_selector(dtype_include=object))])),
            ("numbers", ColumnTransformer([
                ("sc", Pipeline([("imp", SimpleImputer()), ("sc", StandardScaler())]),
                 make_column_selector(pattern="^num_"))]))])),
        ("ridge", Ridge())])))
    out.append(("selector_exclude_bool_int", "bin", Pipeline([
        ("pre", ColumnTransformer([
            ("rest", SimpleImputer(), make_column_selector(dtype_exclude=object))])),
        ("lr", LogisticRegression(max_iter=500))])))
    out.append(("hgb_categorical_mask_multiclass", "multi", Pipeline([
        ("pre", ColumnTransformer([
            ("ord", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan,
                                   encoded_missing_value=np.nan), ["port", "city"]),
            ("num", "passthrough", ["num_age", "pclass", "code"])])),
        ("hgb", HistGradientBoostingClassifier(categorical_features=[0, 1, 4], max_iter=12,
                                               random_state=0))])))
    out.append(("hgb_regressor_categorical_names", "reg_numeric",
                HistGradientBoostingRegressor(categorical_features=["pclass", "code"],
                                              max_iter=10, random_state=0)))
    if VERSION >= (1, 3):
        from sklearn.preprocessing import TargetEncoder
        out.append(("target_encoder_multiclass", "multi", Pipeline([
            ("pre", ColumnTransformer([
                ("te", TargetEncoder(random_state=0), ["port", "city"]),
                ("num", SimpleImputer(), num)])),
            ("lr", LogisticRegression(max_iter=500))])))
        out.append(("target_encoder_binary_smooth", "bin", Pipeline([
            ("pre", ColumnTransformer([
                ("te", TargetEncoder(smooth=2.0, random_state=0), ["sex", "port", "city"])],
                remainder=SimpleImputer())),
            ("lr", LogisticRegression(max_iter=500))])))
    if VERSION >= (1, 4):
        # 1.4: string columns declared categorical go through the _preprocessor.
        out.append(("hgb_string_categorical_mask", "bin", Pipeline([
            ("pre", ColumnTransformer([("keep", "passthrough", ["port", "city", "num_age", "num_fare"])])),
            ("hgb", HistGradientBoostingClassifier(
                categorical_features=[True, True, False, False], max_iter=10, random_state=0))])))
    return out


def main():
    out_dir = os.path.join(sys.argv[1], "sklearn-" + sklearn.__version__)
    os.makedirs(out_dir, exist_ok=True)
    train, test = frame(300, 1, False), frame(40, 2, True)
    y_bin, y_multi, y_reg = targets(train, 3)
    for name, kind, model in models():
        X = train
        if kind == "reg_numeric":
            X = train[["num_age", "num_fare", "pclass", "code", "vip"]]
        y = {"bin": y_bin, "multi": y_multi}.get(kind, y_reg)
        model.fit(X, y)
        base = os.path.join(out_dir, name)
        Xt = test[list(X.columns)]
        Xt.to_csv(base + ".X.csv", index=False)
        Xt_json = json.loads(Xt.to_json(orient="split", index=False))
        with open(base + ".X.json", "w", encoding="utf-8") as f:
            json.dump(Xt_json, f, ensure_ascii=False)
        Xr = pd.read_csv(base + ".X.csv", float_precision="round_trip")
        sio.dump(model, base + ".skops")
        methods = {}
        for m in ("predict", "predict_proba", "predict_log_proba", "decision_function"):
            if hasattr(model, m):
                np.save(base + f".{m}.npy", np.asarray(getattr(model, m)(Xr)), allow_pickle=False)
                methods[m] = f"{name}.{m}.npy"
        untrusted = sio.get_untrusted_types(file=base + ".skops")
        with open(base + ".expected.json", "w") as f:
            json.dump({"name": name, "sklearn_version": sklearn.__version__, "methods": methods,
                       "untrusted_types": untrusted, "estimator_repr": repr(model)}, f, indent=1)
        print("wrote", base, sorted(methods), untrusted)


if __name__ == "__main__":
    main()
