#!/usr/bin/env python3
"""Text models beyond the zoo: other analyzers, patterns, parameters and languages.

Writes, for the running scikit-learn, OUT/sklearn-<version>/NAME.{skops, X.json, X.npy,
<method>.npy, expected.json} (the zoo's layout). The documents mix English, German, French,
Greek (final sigma), Turkish dotted I, Hindi (combining marks), emoji, empty documents and
documents of only stop words. Run under scikit-learn 1.2.1 (Debian 12) and 1.4.2 (Debian 13,
scripts/python_env_trixie.sh) with Python skops on PYTHONPATH:

    PYTHONPATH=<skops source> python3 tests/data/texts/generate.py tests/data/texts
"""
import json
import os
import sys
import warnings
import zipfile

import numpy as np
import sklearn
import skops.io as sio
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import (CountVectorizer, HashingVectorizer,
                                             TfidfTransformer, TfidfVectorizer)
from sklearn.linear_model import (LogisticRegression, PassiveAggressiveClassifier, Perceptron,
                                  Ridge, RidgeClassifier, SGDClassifier)
from sklearn.naive_bayes import BernoulliNB, ComplementNB, MultinomialNB
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import Normalizer, MaxAbsScaler
from sklearn.svm import LinearSVC

warnings.filterwarnings("ignore")

WORDS = {
    0: ["great", "wonderful", "superb", "Großartig", "magnifique", "υπέροχος", "शानदार",
        "delightful", "brilliant", "😀", "👍🏽", "İyi", "charming", "touching"],
    1: ["awful", "boring", "terrible", "schrecklich", "ennuyeux", "ΚΑΚΟΣ", "बुरा", "dull",
        "weak", "😡", "👎", "KÖTÜ", "predictable", "lazy"],
    2: ["okay", "average", "fine", "mittelmäßig", "moyen", "ΜΕΤΡΙΟΣ", "ठीक", "plain", "so-so",
        "🤷", "ORTA", "decent", "forgettable", "mixed"],
}
FILLER = ["the", "film", "was", "and", "a", "of", "it", "is", "Der", "Film", "le", "très",
          "ΤΑΙΝΙΑ", "movie", "plot", "acting", "o'clock", "can't", "12", "3.5", "ﬁne", "café",
          "naïve", "STRASSE", "Straße", "ΣΟΦΟΣ", "हिन्दी"]
STOP_ONLY = ["the and of", "it is a", "", "   ", "to be or not to be"]


def documents(n, seed):
    rng = np.random.default_rng(seed)
    docs, y = [], []
    for i in range(n):
        label = int(rng.integers(0, 3))
        k = int(rng.integers(2, 9))
        words = list(rng.choice(WORDS[label], size=2)) + list(rng.choice(FILLER, size=k))
        rng.shuffle(words)
        sep = rng.choice([" ", "  ", ", ", "\t", " — ", "! ", "\n"])
        docs.append(str(sep).join(words))
        y.append(label)
    return docs, np.array(y)


def models():
    return [
        ("count_stop_bigram_cnb", "multi", Pipeline([
            ("v", CountVectorizer(stop_words="english", ngram_range=(1, 2), max_features=150)),
            ("nb", ComplementNB())])),
        ("tfidf_char_l1_logreg", "multi", Pipeline([
            ("v", TfidfVectorizer(analyzer="char", ngram_range=(1, 3), norm="l1", use_idf=False,
                                  max_features=600)),
            ("clf", LogisticRegression(max_iter=500))])),
        ("tfidf_pattern_accents_ridgeclf", "multi", Pipeline([
            ("v", TfidfVectorizer(token_pattern=r"(?u)\b\w+\b|[^\w\s]", strip_accents="unicode",
                                  smooth_idf=False, sublinear_tf=True)),
            ("clf", RidgeClassifier())])),
        ("hashing_charwb_binary_perceptron", "multi", Pipeline([
            ("v", HashingVectorizer(n_features=2 ** 10, binary=True, norm="l1",
                                    alternate_sign=False, analyzer="char_wb", ngram_range=(2, 3))),
            ("clf", Perceptron(random_state=0))])),
        ("union_word_char_linearsvc", "multi", Pipeline([
            ("u", FeatureUnion([("w", TfidfVectorizer(lowercase=False, token_pattern=r"[\w']+")),
                                ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4),
                                                      min_df=2, max_features=500))],
                               transformer_weights={"w": 1.0, "c": 0.5})),
            ("clf", LinearSVC(random_state=0))])),
        ("count_tfidf_noNorm_mnb", "multi", Pipeline([
            ("c", CountVectorizer(token_pattern=r"[a-zA-Z]{2,}", lowercase=False)),
            ("t", TfidfTransformer(norm=None)), ("nb", MultinomialNB(alpha=0.5))])),
        ("count_fixed_vocab_bnb", "bin", Pipeline([
            ("c", CountVectorizer(vocabulary=["great", "awful", "film", "le", "😀", "ठीक", "boring",
                                              "café", "ΚΑΚΟΣ"], binary=True, token_pattern=r"\S+")),
            ("nb", BernoulliNB())])),
        ("tfidf_ascii_ridge", "reg", Pipeline([
            ("v", TfidfVectorizer(strip_accents="ascii", ngram_range=(1, 3), max_df=0.8,
                                  max_features=400)),
            ("r", Ridge(alpha=0.3))])),
        ("hashing_words_sgd_log", "bin", Pipeline([
            ("v", HashingVectorizer(n_features=2 ** 12, stop_words=["the", "a", "of"],
                                    token_pattern=r"\b[a-zA-Z]{3,}\b")),
            ("clf", SGDClassifier(loss="log_loss" if VERSION >= (1, 1) else "log",
                                  random_state=0))])),
        ("count_maxabs_normalizer_pa", "multi", Pipeline([
            ("c", CountVectorizer(analyzer="char_wb", ngram_range=(1, 2))),
            ("m", MaxAbsScaler()), ("n", Normalizer()),
            ("clf", PassiveAggressiveClassifier(random_state=0))])),
    ]


VERSION = tuple(int(x) for x in sklearn.__version__.split(".")[:2])


def main():
    out_dir = os.path.join(sys.argv[1], "sklearn-" + sklearn.__version__)
    os.makedirs(out_dir, exist_ok=True)
    train, y = documents(300, 1)
    test, _ = documents(34, 2)
    test = test + STOP_ONLY + ["zzz qqq unknown words only"]
    rng = np.random.default_rng(3)
    y_reg = y * 1.5 + rng.normal(0, 0.2, len(y))
    for name, kind, model in models():
        target = {"multi": y, "bin": (y == 0).astype(int), "reg": y_reg}[kind]
        model.fit(train, target)
        base = os.path.join(out_dir, name)
        with open(base + ".X.json", "w", encoding="utf-8") as f:
            json.dump(test, f, ensure_ascii=False)
        np.save(base + ".X.npy", np.array(test), allow_pickle=False)
        # Deflated (Python skops writes stored members by default): the pruned-term
        # stop_words_ sets and per-term numpy ints compress well.
        sio.dump(model, base + ".skops", compression=zipfile.ZIP_DEFLATED)
        methods = {}
        for m in ("predict", "predict_proba", "predict_log_proba", "decision_function"):
            if hasattr(model, m):
                np.save(base + f".{m}.npy", np.asarray(getattr(model, m)(test)), allow_pickle=False)
                methods[m] = f"{name}.{m}.npy"
        untrusted = sio.get_untrusted_types(file=base + ".skops")
        with open(base + ".expected.json", "w") as f:
            json.dump({"name": name, "sklearn_version": sklearn.__version__, "methods": methods,
                       "input_kind": "text", "untrusted_types": untrusted,
                       "estimator_repr": repr(model)}, f, indent=1)
        print("wrote", base, sorted(methods), untrusted, os.path.getsize(base + ".skops"))


if __name__ == "__main__":
    main()
