#!/usr/bin/env python3
"""Hostile files for the side state of search estimators (issue 14): the scorer, the
splitter, refit and cv_results_ are carried but never run; best_estimator_ is the one part
that runs. Each case takes a real GridSearchCV written by Python skops (scikit-learn 1.2.1,
scoring="accuracy", cv=KFold(3)) and changes one node of its schema.json:

- a callable (os.system, builtins.eval, builtins.exec) smuggled into refit, into the scorer's
  _score_func, into a splitter's attribute or into the data of a cv_results_ masked array:
  refused by the type check, the path named, before anything is built;
- best_estimator_ replaced by a function or by the scorer object, with those types trusted
  (trust_for_test): refused at build, since only a registered estimator can sit where
  prediction runs.

Writes the files into tests/data/hostile/ and their MANIFEST.json entries (hostile_manifest.py):

    PYTHONPATH=<skops source> python3 tests/data/search_hostile/make_search_hostile.py
"""
import copy
import io
import json
import os
import sys
import warnings
import zipfile

import numpy as np
import skops.io as sio
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, KFold

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from hostile_manifest import write_cases  # noqa: E402

warnings.filterwarnings("ignore")
MADE_BY = "tests/data/search_hostile/make_search_hostile.py"
SEARCH_TYPES = ["sklearn.metrics._classification.accuracy_score",
                "sklearn.metrics._scorer._PredictScorer",
                "sklearn.model_selection._split.KFold"]


def base_file():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(60, 3))
    y = (X[:, 0] + 0.3 * rng.normal(size=60) > 0).astype(int)
    gs = GridSearchCV(LogisticRegression(), {"C": [0.1, 1.0]}, cv=KFold(3), scoring="accuracy")
    return sio.dumps(gs.fit(X, y), compression=zipfile.ZIP_DEFLATED)


def function_node(module, name, ident):
    return {"__class__": name, "__module__": module, "__loader__": "FunctionNode", "__id__": ident}


def rewrite(data, edit):
    """The archive with schema.json passed through edit(schema) (other members unchanged)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "schema.json":
                schema = json.loads(body)
                edit(schema)
                body = json.dumps(schema).encode()
            dst.writestr(info.filename, body)
    return out.getvalue()


def search_state(schema):
    return schema["content"]["content"]


def set_refit(s):
    search_state(s)["refit"] = function_node("os", "system", 901)


def set_score_func(s):
    search_state(s)["scorer_"]["content"]["content"]["_score_func"] = function_node("builtins", "eval", 902)


def set_splitter(s):
    search_state(s)["cv"]["content"]["content"]["shuffle"] = function_node("builtins", "exec", 903)


def set_masked_data(s):
    data = search_state(s)["cv_results_"]["content"]["param_C"]["content"]["data"]
    data["content"][1] = function_node("os", "system", 904)


def best_is_function(s):
    search_state(s)["best_estimator_"] = function_node(
        "sklearn.metrics._classification", "accuracy_score", 905)


def best_is_scorer(s):
    st = search_state(s)
    scorer = copy.deepcopy(st["scorer_"])
    scorer["__id__"] = 906
    scorer["content"]["__id__"] = 907
    st["best_estimator_"] = scorer


CASES = [
    ("search_refit_os_system.skops", set_refit,
     "GridSearchCV whose refit is os.system (a FunctionNode): refit is never called by a loaded "
     "search, but the file must not carry it past the type check",
     "reject at load: untrusted type ('os.system') at /content/content/refit, before anything is "
     "constructed", "untrusted", "types", None),
    ("search_scorer_eval.skops", set_score_func,
     "GridSearchCV whose scorer_ (_PredictScorer) holds builtins.eval as its _score_func",
     "reject at load: untrusted type ('builtins.eval') inside scorer_", "untrusted", "types", None),
    ("search_splitter_exec.skops", set_splitter,
     "GridSearchCV whose cv (KFold) has builtins.exec as its shuffle attribute",
     "reject at load: untrusted type ('builtins.exec') inside the splitter", "untrusted", "types",
     None),
    ("search_cv_results_masked_os_system.skops", set_masked_data,
     "GridSearchCV whose cv_results_['param_C'] masked array holds os.system in its object data",
     "reject at load: untrusted type ('os.system') inside the masked array's data, not hidden by the "
     "MaskedArray container", "untrusted", "types", None),
    ("search_best_estimator_function.skops", best_is_function,
     "GridSearchCV whose best_estimator_ (the part prediction runs) is the function accuracy_score, "
     "with every type of the file trusted",
     "reject at load during validation: best_estimator_ is not an estimator (a trusted function "
     "cannot take the place of one)", "validation", "validation", SEARCH_TYPES),
    ("search_best_estimator_scorer.skops", best_is_scorer,
     "GridSearchCV whose best_estimator_ is its scorer object (_PredictScorer wrapping "
     "accuracy_score), with every type of the file trusted",
     "reject at load: best_estimator_ is a trusted type but no builder makes an estimator of it "
     "(unsupported)", "unsupported", "validation", SEARCH_TYPES),
]


def python_behaviour(data, trust):
    try:
        untrusted = sio.get_untrusted_types(data=data)
        if trust is None and untrusted:
            return f"RAISES UntrustedTypesFoundException: {untrusted}"
        model = sio.loads(data, trusted=untrusted)
        try:
            model.predict(np.zeros((1, 3)))
            return f"LOADS {type(model).__name__} (trusting {untrusted}) / PREDICTS"
        except Exception as e:  # noqa: BLE001
            return f"LOADS (trusting {untrusted}) / PREDICT-RAISES {type(e).__name__}: {e}"
    except Exception as e:  # noqa: BLE001
        return f"RAISES {type(e).__name__}: {str(e)[:200]}"


def main():
    base = base_file()
    cases = []
    for file, edit, attack, expected, kind, stage, trust in CASES:
        data = rewrite(base, edit)
        entry = {"attack": attack, "expected": expected, "kind": kind, "stage": stage,
                 "python_skops_behaviour": python_behaviour(data, trust), "made_by": MADE_BY}
        if trust is not None:
            entry["trust_for_test"] = trust
        cases.append((file, data, entry))
    write_cases(cases)


if __name__ == "__main__":
    main()
