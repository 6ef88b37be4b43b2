#!/usr/bin/env python3
"""Every DataFrame input of the skops model zoo read by skops-cpp, as CSV and as JSON.

    /usr/bin/python3 tests/interop/table_zoo_check.py BUILD/tests/table_dump /work/shared/fixtures/skops-zoo

For each sklearn-*/frame_*.X.csv and its .X.json: both read without error, give the same
table, and the CSV's dtypes and values are pandas' (float_precision="round_trip").
"""
import json, subprocess, glob, io, sys, math
import pandas as pd
dump = sys.argv[1]
files = sorted(glob.glob(sys.argv[2] + "/sklearn-*/frame_*.X.csv"))
ok = 0
for f in files:
    j = f[:-4] + '.json'
    out = subprocess.run([dump, f, j], capture_output=True, text=True, check=True).stdout.splitlines()
    a, b = json.loads(out[0]), json.loads(out[1])
    assert 'error' not in a and 'error' not in b, (a.get('error'), b.get('error'))
    df = pd.read_csv(f, float_precision='round_trip')
    assert [c['dtype'] for c in a['columns']] == [str(t) for t in df.dtypes], f
    assert a['columns'] == b['columns'], f
    for c, col in zip(df.columns, a['columns']):
        for pv, gv in zip(df[c].tolist(), col['values']):
            if col['dtype'] == 'float64': assert (math.isnan(pv) and gv == 'nan') or pv == float(gv), (f, c, pv, gv)
            elif col['dtype'] == 'int64': assert pv == int(gv)
            else: assert (gv is None and isinstance(pv, float)) or pv == gv
    ok += 1
print(ok, 'of', len(files), 'zoo frame inputs: CSV = JSON table, dtypes and values as pandas')
