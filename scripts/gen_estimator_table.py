#!/usr/bin/env python3
"""Regenerates docs/estimators.md from `skops-cpp types` (the registry of this build).

usage: gen_estimator_table.py build/src/cli/skops-cpp > docs/estimators.md
tests/unit/docs_test.cpp fails when the table and the registry disagree.
"""
import collections
import subprocess
import sys

types = subprocess.run([sys.argv[1], "types"], check=True, capture_output=True, text=True).stdout.split()
by_family = collections.OrderedDict()
for t in sorted(types):
    module, cls = t.rsplit(".", 1)
    parts = module.split(".")
    family = parts[1].lstrip("_") if len(parts) > 1 else module
    by_family.setdefault(family, []).append((cls, module))

print("# Supported estimators")
print()
print("Every type this build can load and save, generated from `skops-cpp types` by")
print("`scripts/gen_estimator_table.py`; `tests/unit/docs_test.cpp` fails when this table and")
print("the registry disagree. Each is tested against the scikit-learn 1.2.1 and 1.4.2 corpus")
print("where the corpus has it (`tests/interop/corpus_predict_test.cpp`), and re-saved files are")
print("checked with Python skops by `scripts/python_roundtrip.py`. A module path listed twice is")
print("an alias for a class that moved between scikit-learn versions.")
print()
print("Each scikit-learn module `sklearn.<module>` is one folder of the library: its types are")
print("registered by `src/estimators/<module>/register.cpp`, its C++ classes declared in")
print("`include/skops/estimators/<module>.hpp` (namespace `skops::estimators`) and tested by")
print("`tests/unit/estimators/<module>_test.cpp`.")
print()
print("| module | class | type name as stored in files |")
print("| --- | --- | --- |")
for family, rows in by_family.items():
    for cls, module in rows:
        print(f"| {family} | {cls} | `{module}.{cls}` |")
print()
print("Methods follow scikit-learn: `predict`, `predict_proba`, `predict_log_proba`,")
print("`decision_function`, `transform`, `score_samples`, `apply`, `inverse_transform` where the")
print("scikit-learn class has them")
print("(`Estimator::supports` tells at run time). Helper objects read by these builders")
print("(tree structures, loss and link objects, KD-trees, optimisers, `numpy.dtype`) are")
print("trusted by default but cannot be loaded on their own.")
