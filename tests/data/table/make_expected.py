#!/usr/bin/env python3
"""Writes the CSV cases of tests/unit/table_test.cpp and what pandas makes of them.

    /usr/bin/python3 tests/data/table/make_expected.py      # pandas 1.5 (Debian 12)

For every case NAME: csv/NAME.csv (the bytes) and csv/NAME.expected.json, pandas.read_csv's
result with default options except float_precision="round_trip" (correctly rounded floats,
as Python's float(); pandas' default parser is not, see docs/table.md):
    {"pandas": VERSION, "columns": [{"name": N, "dtype": D, "values": [...]}, ...]}
float64 values are Python repr strings ("0.1", "nan", "-inf", "-0.0"), int64 values decimal
strings, bool values true/false, object values strings, true/false, or null for NaN.
The zoo/ inputs (copies of the skops-zoo frame_*.X.csv) get zoo/NAME.X.expected.json.
"""
import io
import json
import math
import os
import sys

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = {
    "ints": "a,b\n1,-2\n+3, 4 \n0,9223372036854775807\n-9223372036854775808,01\n",
    "int_missing_is_float": "a,b\n1,x\n,y\n3,z\n",
    "floats": "a\n1.\n.5\n1e5\n1E+5\n-1e-5\n+2.5\n 3.25 \n-0.0\n",
    "float_digits": ("a\n0.1\n0.1000000000000000055511151231257827\n2.2250738585072011e-308\n"
                     "4.9e-324\n1e-400\n1.7976931348623157e308\n9007199254740993\n"
                     "123456789012345678.5\n0.30000000000000004\n"),
    "inf_spellings": "a,b\ninf,1\n-inf,2\nInfinity,3\n-INFINITY,4\n+iNf,5\n",
    "float_overflow_is_text": "a,b\n1e400,1\n1.5,2\n",
    "na_values": ("a,b\n#N/A,1\n#N/A N/A,2\n#NA,3\n-1.#IND,4\n-1.#QNAN,5\n-NaN,6\n-nan,7\n1.#IND,8\n"
                  "1.#QNAN,9\n<NA>,10\nN/A,11\nNA,12\nNULL,13\nNaN,14\nn/a,15\nnan,16\nnull,17\n,18\n"
                  "2.5,19\n"),
    "not_na": "a,b\nNone,1\nNAN,2\n NA ,3\nNa,4\n",
    "bools": "a,b\nTrue,1\nFALSE,2\ntrue,3\ntRUE,4\nfalse,5\n",
    "bool_missing_is_object": "a,b\nTrue,1\n,2\nFalse,3\nNA,4\n",
    "bool_and_int_is_text": "a,b\nTrue,1\n1,2\n",
    "bool_spaces_is_text": "a,b\n True,1\nFalse,2\n",
    "quoting": 'a,b\n"x,y",1\n"say ""hi""",2\n"two\nlines",3\n"ab"c,4\nx"y,5\n "q",6\n"x" ,7\n',
    "quoted_na_and_empty": 'a,b\n"",1\n"NA",2\nx,3\n" ",4\n',
    "quoted_numbers": 'a,b\n"1","1.5"\n" 2","2.5"\n',
    "crlf": "a,b\r\n1,x\r\n2,y\r\n",
    "cr_only": "a,b\r1,x\r2,y\r",
    "crlf_in_quotes": 'a,b\r\n"x\r\ny",1\r\n',
    "blank_lines": "\n\na,b\n\n1,2\n  \n\t\n3,4\n\n",
    "no_final_newline": "a,b\n1,2",
    "bom": "\ufeffa,b\n1,2\n",
    "unicode": "name,city\nJos\u00e9,Z\u00fcrich\n\u0141\u00f3d\u017a,\u6771\u4eac\n\U0001F600,x\n",
    "empty_header_names": 'a,,""\n1,2,3\n',
    "quoted_header": '"a,b","c""d"\n1,2\n',
    "header_only": "a,b\n",
    "all_missing": "a,b\n,1\nNA,2\n",
    "text_with_numbers": "a\n1\nx\n2.5\n",
    "not_numbers": "a,b\n0x10,1\n1_000,2\n1e,3\n.,4\n--1,5\n1d5,6\nnan(1),7\n",
    "big_int_text": "a,b\n18446744073709551616,1\n-9223372036854775809,2\n",
    "big_uint_with_float": "a\n9223372036854775808\n1.5\n",
    # pandas tries int64, then (first failure out of range) uint64, else float64: order matters.
    "too_big_then_float_is_text": "a\n99999999999999999999\n1.5\n",
    "float_then_too_big_is_float": "a\n1.5\n99999999999999999999\n",
    "big_uint_negative_then_float": "a\n9223372036854775808\n-1\n1.5\n",
    "big_uint_negative_is_text": "a\n9223372036854775808\n-1\n",
    "too_small_then_float": "a\n-9223372036854775809\n1.5\n",
    "big_uint_then_negative_float_is_text": "a\n9223372036854775808\n-0.0\n",
    "int_then_too_small_is_text": "a\n1\n-9223372036854775809\n",
    "missing_then_too_big_is_text": "a,b\nNA,1\n99999999999999999999,2\n",
    "trailing_comma": "a,b,\n1,2,\n",
    "single_column_blank": "a\n1\n\n2\n",
}

# Refused here, where pandas reads something: see docs/table.md. Not written as cases.
DIVERGENT = {
    "too_few_fields": "a,b,c\n1,2\n",          # pandas pads with NaN
    "index_column": "a,b\n1,2,3\n4,5,6\n",     # pandas takes the first field as index
    "duplicate_names": "a,a\n1,2\n",           # pandas renames to a.1
    "big_uint": "a\n9223372036854775808\n",    # pandas uint64
}


def encode(series):
    dtype = str(series.dtype)
    out = []
    for v in series.tolist():
        if dtype == "float64":
            out.append(repr(float(v)))
        elif dtype == "int64":
            out.append(str(int(v)))
        elif dtype == "bool":
            out.append(bool(v))
        elif isinstance(v, float) and math.isnan(v):
            out.append(None)
        elif isinstance(v, bool):
            out.append(v)
        else:
            out.append(str(v))
    return {"name": str(series.name), "dtype": dtype, "values": out}


def expected(data):
    df = pd.read_csv(io.BytesIO(data), float_precision="round_trip")
    return {"pandas": pd.__version__, "columns": [encode(df[c]) for c in df.columns]}


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    for name, text in CASES.items():
        data = text.encode("utf-8")
        with open(os.path.join(HERE, "csv", name + ".csv"), "wb") as f:
            f.write(data)
        write_json(os.path.join(HERE, "csv", name + ".expected.json"), expected(data))
    zoo = os.path.join(HERE, "zoo")
    for fn in sorted(os.listdir(zoo)):
        if fn.endswith(".X.csv"):
            with open(os.path.join(zoo, fn), "rb") as f:
                data = f.read()
            write_json(os.path.join(zoo, fn[: -len(".csv")] + ".expected.json"), expected(data))
    for name, text in DIVERGENT.items():
        try:
            df = pd.read_csv(io.StringIO(text))
            print(f"divergent {name}: pandas reads {dict(df.dtypes.astype(str))}", file=sys.stderr)
        except Exception as e:  # noqa: BLE001
            print(f"divergent {name}: pandas refuses too: {e}", file=sys.stderr)


if __name__ == "__main__":
    main()
