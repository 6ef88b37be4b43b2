"""OneVsRestClassifier test models for skops-cpp: multilabel (indicator) targets with
classifiers that have decision_function (threshold 0), predict_proba only (threshold 0.5),
a regressor (predict, threshold 0.5), constant columns (scikit-learn fits a
_ConstantPredictor for a label that is always or never set) and two labels; multiclass and
binary targets with other estimators than the zoo's. Written with tests/data/more's writer.

usage: PYTHONPATH=<skops source> python3 tests/data/ovr/generate.py tests/data/ovr [NAME...]
"""
import os
import sys
import warnings

import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.multiclass import OneVsRestClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.svm import LinearSVC, SVC
from sklearn.tree import DecisionTreeClassifier

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "more"))
from generate import write_models  # noqa: E402

warnings.filterwarnings("ignore")


def multilabel(k=4, seed=3, n=140, p=5, constant=()):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p))
    Y = (X @ rng.normal(size=(p, k)) + rng.normal(scale=0.8, size=(n, k)) > 0).astype(int)
    for j, v in constant:
        Y[:, j] = v
    return X[:100], Y[:100], X[100:]


def multiclass(n_classes, seed=5, n=150, p=5, labels=None):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, p))
    y = np.argmax(X @ rng.normal(size=(p, n_classes)) + rng.normal(scale=0.5, size=(n, n_classes)), axis=1)
    if labels is not None:
        y = np.array(labels)[y]
    return X[:110], y[:110], X[110:]


def models():
    ml4 = multilabel()
    ml2 = multilabel(k=2, seed=9)
    mlc = multilabel(k=4, seed=11, constant=[(1, 0), (3, 1)])
    return [
        ("OVR_multilabel_logistic", ml4, OneVsRestClassifier(LogisticRegression())),
        ("OVR_multilabel_linearsvc", ml4, OneVsRestClassifier(LinearSVC(random_state=0))),
        ("OVR_multilabel_gnb", ml4, OneVsRestClassifier(GaussianNB())),
        ("OVR_multilabel_tree", ml4, OneVsRestClassifier(DecisionTreeClassifier(max_depth=3, random_state=0))),
        ("OVR_multilabel_ridge", ml4, OneVsRestClassifier(Ridge(alpha=0.5))),
        ("OVR_multilabel_two_labels", ml2, OneVsRestClassifier(LogisticRegression(C=0.3))),
        ("OVR_multilabel_constant_columns", mlc, OneVsRestClassifier(LogisticRegression())),
        ("OVR_multilabel_constant_columns_gnb", mlc, OneVsRestClassifier(GaussianNB())),
        ("OVR_multiclass_svc_proba", multiclass(3, labels=["x", "y", "z"]),
         OneVsRestClassifier(SVC(probability=True, random_state=0))),
        ("OVR_multiclass_tree", multiclass(4, seed=6), OneVsRestClassifier(DecisionTreeClassifier(max_depth=4, random_state=0))),
        ("OVR_binary_gnb", multiclass(2, seed=7), OneVsRestClassifier(GaussianNB())),
    ]


def main():
    write_models(sys.argv[1], models(), sys.argv[2:])


if __name__ == "__main__":
    main()
