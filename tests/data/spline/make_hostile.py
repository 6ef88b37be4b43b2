#!/usr/bin/env python3
"""SplineTransformer files that break one invariant of bsplines_ each (tests/data/spline/hostile).

A SplineTransformer(degree=3, n_knots=5) is fitted on 3 features, one attribute is changed
in Python, and the object is dumped with skops (Python skops itself loads every one of them:
it does not look inside). skops-cpp must refuse each with a ValidationError naming the
attribute (MANIFEST.json: file name -> a fragment of the JSON pointer the error names).

    PYTHONPATH=<skops source> python3 tests/data/spline/make_hostile.py tests/data/spline/hostile
"""
import json
import os
import sys

import numpy as np
import skops.io as sio
from sklearn.preprocessing import SplineTransformer


def fitted():
    X = np.random.RandomState(0).normal(size=(30, 3))
    return SplineTransformer().fit(X)


def case(name, change, where):
    m = fitted()
    change(m)
    return name, m, where


def set_attr(i, attr, fn):
    def change(m):
        s = m.bsplines_[i]
        setattr(s, attr, fn(getattr(s, attr)))
    return change


def swap12(t):
    t = t.copy()
    t[1], t[2] = t[2], t[1]
    return t


def with_value(a, idx, v):
    a = np.array(a, dtype=float)
    a[idx] = v
    return a


CASES = [
    case("t_unsorted", set_attr(0, "t", swap12), "/bsplines_"),
    case("t_infinite", set_attr(1, "t", lambda t: with_value(t, 0, -np.inf)), "/bsplines_"),
    case("t_too_short", set_attr(2, "t", lambda t: t[:-1].copy()), "/bsplines_"),
    case("t_int", set_attr(0, "t", lambda t: np.arange(t.size)), "/bsplines_"),
    case("c_nan", set_attr(0, "c", lambda c: with_value(c, (0, 0), np.nan)), "/bsplines_"),
    case("c_1d", set_attr(1, "c", lambda c: c[:, 0].copy()), "/bsplines_"),
    case("c_fewer_columns", set_attr(1, "c", lambda c: c[:, :-1].copy()), "/bsplines_"),
    case("k_differs", set_attr(0, "k", lambda k: 2), "/bsplines_"),
    case("k_negative", set_attr(0, "k", lambda k: -1), "/bsplines_"),
    case("extrapolate_word", set_attr(0, "extrapolate", lambda e: "mirror"), "/bsplines_"),
    case("axis_1", set_attr(0, "axis", lambda a: 1), "/bsplines_"),
    case("fewer_splines", lambda m: setattr(m, "bsplines_", m.bsplines_[:-1]), "/bsplines_"),
    case("not_a_bspline", lambda m: m.bsplines_.__setitem__(0, [1.0, 2.0]), "/bsplines_"),
    case("n_features_out_wrong", lambda m: setattr(m, "n_features_out_", 99), "/n_features_out_"),
    case("extrapolation_unknown", lambda m: setattr(m, "extrapolation", "mirror"), "/extrapolation"),
]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    manifest = {}
    for name, model, where in CASES:
        path = os.path.join(out, name + ".skops")
        sio.dump(model, path)
        manifest[name + ".skops"] = where
        print("wrote", path)
    with open(os.path.join(out, "MANIFEST.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
