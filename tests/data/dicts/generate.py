#!/usr/bin/env python3
"""DictVectorizer and FeatureHasher models: dicts (numbers, bools, str one-hots, lists of
str), (name, value) pairs and token lists, alone and in front of the sparse-aware steps.

Writes, for the running scikit-learn, OUT/sklearn-<version>/NAME.{skops, X.json, <method>.npy,
expected.json} (the zoo's layout; X.json is what the model was fed: outputs are computed on
json.load of that very file). The test samples hold unseen names and values, None for an
unseen name, empty samples, unicode and emoji names, repeated list strings, zero values, and
rows of more than 16 colliding hashed features (scipy's sum order). Run under scikit-learn
1.2.1 (Debian 12) and 1.4.2 (Debian 13, scripts/python_env_trixie.sh) with Python skops on
PYTHONPATH:

    PYTHONPATH=<skops source> python3 tests/data/dicts/generate.py tests/data/dicts
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
from sklearn.feature_extraction import DictVectorizer, FeatureHasher
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression, Ridge, SGDClassifier
from sklearn.naive_bayes import BernoulliNB, MultinomialNB
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MaxAbsScaler, StandardScaler
from sklearn.svm import LinearSVC

warnings.filterwarnings("ignore")

CITIES = ["Paris", "Rome", "Zürich", "東京", "São Paulo", "Kraków"]
TAGS = ["garden", "garage", "pool", "view", "квартира", "🏠", "quiet"]


def dict_samples(n, seed, unseen=False):
    rng = np.random.default_rng(seed)
    out, y = [], []
    for i in range(n):
        c = int(rng.integers(0, len(CITIES)))
        d = {"city": CITIES[c], "rooms": int(rng.integers(1, 7)),
             "area": round(float(rng.uniform(20, 200)), 3)}
        if rng.random() < 0.6:
            d["tags"] = list(rng.choice(TAGS, size=int(rng.integers(1, 4))))
        if rng.random() < 0.5:
            d["new"] = bool(rng.random() < 0.5)
        if rng.random() < 0.3:
            d["größe→m²"] = float(rng.normal())
        out.append(d)
        y.append(c % 3)
    if unseen:
        out += [{}, {"city": "Atlantis", "rooms": 2}, {"unknown": None, "area": 50.5},
                {"tags": ["pool", "pool", "view"], "rooms": 0},
                {"city": "Rome", "tags": [], "new": False, "area": -0.0},
                {"🏠": 3.5, "city": "東京", "tags": ["🏠", "nope"]}]
    return out, np.array(y + [0] * (len(out) - len(y)))


def flat_dict_samples(n, seed, unseen=False):
    # FeatureHasher's dicts: no list or None values (it raises TypeError on both).
    out, y = dict_samples(n, seed, unseen)
    return [{k: v for k, v in d.items() if v is not None and not isinstance(v, list)} for d in out], y


def pair_samples(n, seed, extra=False):
    rng = np.random.default_rng(seed)
    out, y = [], []
    for i in range(n):
        c = int(rng.integers(0, 3))
        s = [["w" + str(int(rng.integers(0, 20))), float(rng.normal(c, 1))] for _ in range(int(rng.integers(1, 6)))]
        s.append(["kind", ["a", "b", "c"][c]])
        if rng.random() < 0.3:
            s.append(["zero", 0])
        out.append(s)
        y.append(c)
    if extra:
        out += [[], [["ünseen", 1.25], ["kind", "zz"]], [["w1", 0.0], ["w1", 2.0], ["w1", -2.0]]]
    return out, np.array(y + [0] * (len(out) - len(y)))


def string_samples(n, seed, extra=False):
    rng = np.random.default_rng(seed)
    vocab = ["good", "bad", "ok", "😀", "😡", "très", "schön", "ΣΟΦΟΣ", "x=1", "a b"]
    out, y = [], []
    for i in range(n):
        c = int(rng.integers(0, 3))
        toks = list(rng.choice(vocab, size=int(rng.integers(1, 8)))) + [vocab[c]] * int(rng.integers(1, 3))
        out.append(toks)
        y.append(c)
    if extra:
        out += [[], ["unseen"], ["good"] * 40]
    return out, np.array(y + [0] * (len(out) - len(y)))


def collide_samples():
    # 3 columns, rows of 20-40 real values: sum_duplicates' summation order shows in the last bit.
    rng = np.random.default_rng(7)
    return [{f"f{j}": float(rng.normal()) * 10 ** int(rng.integers(-3, 4)) for j in range(int(rng.integers(20, 41)))}
            for _ in range(12)]


def models():
    return [
        ("dv_logreg", dict_samples, "multi", Pipeline([("dv", DictVectorizer()),
                                                        ("clf", LogisticRegression(max_iter=1000))])),
        ("dv_dense_sep_scaler_ridge", dict_samples, "reg", Pipeline([
            ("dv", DictVectorizer(sparse=False, separator="|", sort=False)),
            ("s", StandardScaler()), ("r", Ridge(alpha=0.5))])),
        ("dv_tfidf_mnb", dict_samples, "multi_abs", Pipeline([
            ("dv", DictVectorizer()), ("t", TfidfTransformer()), ("nb", MultinomialNB())])),
        ("dv_maxabs_linearsvc", dict_samples, "bin", Pipeline([
            ("dv", DictVectorizer(separator="::")), ("m", MaxAbsScaler()),
            ("clf", LinearSVC(random_state=0, max_iter=5000))])),
        ("dv_alone", dict_samples, "none", DictVectorizer()),
        ("fh_dict_sgd", flat_dict_samples, "bin", Pipeline([
            ("h", FeatureHasher(n_features=64)), ("clf", SGDClassifier(random_state=0))])),
        ("fh_pair_noalt_bnb", pair_samples, "multi", Pipeline([
            ("h", FeatureHasher(n_features=32, input_type="pair", alternate_sign=False)),
            ("nb", BernoulliNB())])),
        ("fh_string_logreg", string_samples, "multi", Pipeline([
            ("h", FeatureHasher(n_features=2 ** 10, input_type="string")),
            ("clf", LogisticRegression(max_iter=1000))])),
        ("fh_string_alone", string_samples, "none", FeatureHasher(n_features=8, input_type="string")),
        ("fh_collide_alone", None, "none", FeatureHasher(n_features=3)),
    ]


def dense(a):
    return a.toarray() if sp.issparse(a) else np.asarray(a)


def main():
    out_dir = os.path.join(sys.argv[1], "sklearn-" + sklearn.__version__)
    os.makedirs(out_dir, exist_ok=True)
    for name, make, kind, model in models():
        if make is None:
            train, y = collide_samples(), None
            test = train
        else:
            train, y = make(200, 1)
            test, _ = make(30, 2, True)
        if kind == "multi_abs":
            train = [{k: (abs(v) if isinstance(v, float) else v) for k, v in d.items()} for d in train]
            test = [{k: (abs(v) if isinstance(v, float) else v) for k, v in d.items()} for d in test]
        base = os.path.join(out_dir, name)
        with open(base + ".X.json", "w", encoding="utf-8") as f:
            json.dump(test, f, ensure_ascii=False)
        with open(base + ".X.json", encoding="utf-8") as f:
            test = json.load(f)
        target = {"multi": y, "multi_abs": y, "bin": None if y is None else (y == 0).astype(int),
                  "reg": None if y is None else y * 1.5 + np.arange(len(y)) % 7 * 0.1, "none": None}[kind]
        model.fit(train, target)
        sio.dump(model, base + ".skops", compression=zipfile.ZIP_DEFLATED)
        methods = {}
        for m in ("predict", "predict_proba", "predict_log_proba", "decision_function", "transform"):
            if hasattr(model, m) and (m != "transform" or kind == "none"):
                np.save(base + f".{m}.npy", dense(getattr(model, m)(test)), allow_pickle=False)
                methods[m] = f"{name}.{m}.npy"
        untrusted = sio.get_untrusted_types(file=base + ".skops")
        with open(base + ".expected.json", "w") as f:
            json.dump({"name": name, "sklearn_version": sklearn.__version__, "methods": methods,
                       "input_kind": "feature_samples", "untrusted_types": untrusted,
                       "estimator_repr": repr(model)}, f, indent=1)
        print("wrote", base, sorted(methods), untrusted, os.path.getsize(base + ".skops"))


if __name__ == "__main__":
    main()
