#!/usr/bin/env python3
"""Generates the .npy fixtures in tests/data/npy/ and their MANIFEST.json.

Needs numpy only (made with numpy 1.24.2). Run from anywhere:

    python3 scripts/make_npy_fixtures.py            # (re)write tests/data/npy/
    python3 scripts/make_npy_fixtures.py --check D  # np.load every D/*.npy written by
                                                    # npy_test (SKOPS_NPY_WRITE_DIR=D) and
                                                    # compare it with the fixture of that name

For every file the manifest gives what a reader must produce: the dtype descr in native
(little-endian) order, the shape, the values flattened in C order, and the exact native
C-order bytes as hex.
"""

import argparse
import io
import json
import math
import os
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "npy")

# sklearn's tree node record: 1.2.1 (7 packed fields) and >= 1.3 (missing_go_to_left and
# explicit padding to 64 bytes, as numpy renders it: ('', '|V7')).
TREE_121 = [("left_child", "<i8"), ("right_child", "<i8"), ("feature", "<i8"),
            ("threshold", "<f8"), ("impurity", "<f8"), ("n_node_samples", "<i8"),
            ("weighted_n_node_samples", "<f8")]
TREE_13 = np.dtype({
    "names": [n for n, _ in TREE_121] + ["missing_go_to_left"],
    "formats": [t for _, t in TREE_121] + ["u1"],
    "offsets": [0, 8, 16, 24, 32, 40, 48, 56],
    "itemsize": 64,
})
# HistGradientBoosting TreePredictor record, sklearn 1.2.1: 13 packed fields, itemsize 52.
HGB_PREDICTOR = [("value", "<f8"), ("count", "<u4"), ("feature_idx", "<u4"),
                 ("num_threshold", "<f8"), ("missing_go_to_left", "|u1"), ("left", "<u4"),
                 ("right", "<u4"), ("gain", "<f8"), ("depth", "<u4"), ("is_leaf", "|u1"),
                 ("bin_threshold", "|u1"), ("is_categorical", "|u1"), ("bitset_idx", "<u4")]


def values_for(dt, shape, seed):
    """Deterministic, interesting values of a simple dtype."""
    n = int(np.prod(shape)) if shape else 1
    rng = np.random.RandomState(seed)
    k = dt.kind
    if k == "b":
        flat = np.array([(i * 7 + seed) % 3 == 0 for i in range(n)])
    elif k in "iu":
        info = np.iinfo(dt)
        special = [info.min, info.max, 0, 1]
        flat = np.array([special[i] if i < len(special) else
                         rng.randint(max(info.min, -1000), min(info.max, 1000))
                         for i in range(n)], dtype=dt)
    elif k == "f":
        special = [np.inf, -np.inf, np.nan, -0.0, np.finfo(dt).tiny, np.finfo(dt).max]
        if dt.itemsize == 2:
            special.append(np.float16(2.0 ** -24))  # smallest subnormal half
        flat = np.array([special[i] if i < len(special) else rng.randn() * 100
                         for i in range(n)], dtype=dt)
    elif k == "c":
        flat = np.array([complex(rng.randn(), rng.randn()) for _ in range(n)], dtype=dt)
        if n > 0:
            flat[0] = complex(np.inf, -1.5)
    elif k == "S":
        words = [b"ab", b"hello", b"", b"x\x01y", b"12345"]
        flat = np.array([words[i % len(words)] for i in range(n)], dtype=dt)
    elif k == "U":
        words = ["ab", "\u00e9t\u00e9", "", "\u4e2d\u6587", "\U0001F600z"]
        flat = np.array([words[i % len(words)] for i in range(n)], dtype=dt)
    elif k == "V":
        flat = np.array([bytes((i * 16 + j) % 256 for j in range(dt.itemsize))
                         for i in range(n)], dtype=dt)
    else:
        raise ValueError(dt)
    return flat.reshape(shape)


def fill_struct(dt, shape, seed):
    """A structured array whose padding bytes are zero (np.zeros) and fields are set."""
    arr = np.zeros(shape, dtype=dt)
    for i, name in enumerate(dt.names):
        sub = dt.fields[name][0]
        base = sub.base if sub.subdtype is not None else sub
        if base.names is not None:
            arr[name] = fill_struct(base, arr[name].shape, seed + i)
        else:
            arr[name] = values_for(base, arr[name].shape, seed + i)
    return arr


def json_scalar(v, dt):
    k = dt.kind
    if k == "b":
        return bool(v)
    if k in "iu":
        return int(v)
    if k == "f":
        f = float(v)
        if math.isnan(f):
            return "nan"
        if math.isinf(f):
            return "inf" if f > 0 else "-inf"
        return f
    if k == "c":
        return [json_scalar(v.real, np.dtype("f8")), json_scalar(v.imag, np.dtype("f8"))]
    if k == "S":
        return bytes(v).hex()
    if k == "U":
        return str(v)
    if k == "V":
        return bytes(v).hex()
    raise ValueError(dt)


def json_values(arr):
    dt = arr.dtype
    if dt.names is None:
        return [json_scalar(v, dt) for v in arr.reshape(-1)]
    out = {}
    for name in dt.names:
        sub = dt.fields[name][0]
        if sub.names is not None or sub.subdtype is not None:
            continue  # nested or sub-array fields: covered by the bytes
        out[name] = [json_scalar(v, sub) for v in arr[name].reshape(-1)]
    return out


def native_bytes(arr):
    """The bytes a reader must produce: C order, little-endian, padding as in the file."""
    native = arr.dtype.newbyteorder("<")
    out = np.zeros(arr.shape, dtype=native)
    out[...] = arr
    return np.ascontiguousarray(out).tobytes()


def descr_repr(dt):
    native = dt.newbyteorder("<")
    if native.names is None:
        return native.str
    return repr(native.descr)


def write(path, arr, version=None):
    with open(path, "wb") as f:
        if version is None:
            np.save(f, arr, allow_pickle=False)
        else:
            np.lib.format.write_array(f, arr, version=version, allow_pickle=False)


def build():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.endswith(".npy"):
            os.remove(os.path.join(OUT, old))
    cases = []  # (file name, array, version)

    simple = ["b1", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8",
              "c8", "c16", "S5", "U3", "V8"]
    for seed, code in enumerate(simple):
        dt = np.dtype(code)
        arr = values_for(dt, (2, 4), seed)
        cases.append((f"{code.lower()}_le.npy", arr.astype(dt.newbyteorder("<")), None))
        if dt.itemsize > 1 and dt.kind not in "SV" and code != "b1":
            cases.append((f"{code.lower()}_be.npy", arr.astype(dt.newbyteorder(">")), None))

    f8 = values_for(np.dtype("<f8"), (3, 4), 100)
    cases.append(("f8_c_2d.npy", f8, None))
    cases.append(("f8_fortran_2d.npy", np.asfortranarray(f8), None))
    i4 = np.arange(24, dtype="<i4").reshape(2, 3, 4) * 3 - 7
    cases.append(("i4_c_3d.npy", i4, None))
    cases.append(("i4_fortran_3d.npy", np.asfortranarray(i4), None))
    cases.append(("f8_be_fortran_3d.npy",
                  np.asfortranarray(values_for(np.dtype(">f8"), (2, 3, 2), 101)), None))
    cases.append(("u2_fortran_4d.npy", np.asfortranarray(
        np.arange(2 * 3 * 2 * 3, dtype="<u2").reshape(2, 3, 2, 3)), None))
    cases.append(("c16_be_fortran_2d.npy", np.asfortranarray(
        values_for(np.dtype(">c16"), (2, 3), 102)), None))
    cases.append(("f8_fortran_column.npy", np.asfortranarray(f8[:, :1]), None))

    cases.append(("f8_v2.npy", f8, (2, 0)))
    cases.append(("f8_v3.npy", f8, (3, 0)))
    cases.append(("i8_be_v2.npy", values_for(np.dtype(">i8"), (5,), 103), (2, 0)))

    cases.append(("f8_0d.npy", np.array(3.5), None))
    cases.append(("u8_0d.npy", np.array(np.uint64(2 ** 63 + 5)), None))
    cases.append(("i8_be_0d.npy", np.array(-42, dtype=">i8"), None))
    cases.append(("f8_empty_0x3.npy", np.zeros((0, 3)), None))
    cases.append(("f8_empty_2x0_fortran.npy", np.asfortranarray(np.zeros((2, 0))), None))
    cases.append(("i4_1d.npy", np.array([1, -2, 3], dtype="<i4"), None))

    cases.append(("tree_121.npy", fill_struct(np.dtype(TREE_121), (5,), 1), None))
    cases.append(("tree_13.npy", fill_struct(TREE_13, (5,), 2), None))
    cases.append(("tree_13_be.npy", fill_struct(TREE_13.newbyteorder(">"), (3,), 3), None))
    cases.append(("hgb_predictor.npy", fill_struct(np.dtype(HGB_PREDICTOR), (4,), 4), None))
    mixed = np.dtype([("a", "<i4"), ("b", ">f8"), ("c", ">U2"), ("d", "<c8", (2,)),
                      ("e", ">i2", (2, 2)), ("f", "|S3")])
    cases.append(("struct_mixed_order.npy", fill_struct(mixed, (3,), 5), None))
    nested = np.dtype([("p", [("x", ">i2"), ("y", "<f4"), ("z", "|u1")], (2,)), ("q", "|u1"),
                       ("r", [("s", ">u8")])])
    cases.append(("struct_nested.npy", fill_struct(nested, (2,), 6), None))
    cases.append(("struct_2d_fortran.npy",
                  np.asfortranarray(fill_struct(np.dtype([("a", ">i4"), ("b", "<f2")]), (2, 3), 7)),
                  None))
    # Field names beyond ASCII: latin-1 fits version 1.0, anything else needs 3.0.
    cases.append(("struct_latin1_name.npy",
                  fill_struct(np.dtype([("\u00e9t\u00e9", "<i4")]), (2,), 8), None))
    cases.append(("struct_utf8_name_v3.npy",
                  fill_struct(np.dtype([("\u03b1\u03b2", "<f4"), ("q'uote", "|b1")]), (2,), 9),
                  None))

    manifest = []
    for name, arr, version in cases:
        path = os.path.join(OUT, name)
        write(path, arr, version)
        with open(path, "rb") as f:
            raw = f.read()
        back = np.load(path, allow_pickle=False)
        assert back.dtype == arr.dtype and back.shape == arr.shape, name
        entry = {
            "file": name,
            "version": [raw[6], raw[7]],
            "descr": descr_repr(arr.dtype),
            "shape": list(arr.shape),
            "fortran_order": bool(arr.flags.f_contiguous and not arr.flags.c_contiguous),
            "big_endian": native_bytes(arr) != np.ascontiguousarray(arr).tobytes(),
            "itemsize": arr.dtype.itemsize,
            "values": json_values(arr),
            "bytes_hex": native_bytes(arr).hex(),
        }
        manifest.append(entry)
    with open(os.path.join(OUT, "MANIFEST.json"), "w") as f:
        json.dump({"numpy_version": np.__version__, "files": manifest}, f, indent=1,
                  ensure_ascii=False)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    print(f"wrote {len(manifest)} files to {os.path.normpath(OUT)} ({total} bytes)")


def check(directory):
    """np.load every file written by the C++ writer and compare with the fixture."""
    bad = 0
    names = sorted(n for n in os.listdir(directory) if n.endswith(".npy"))
    for name in names:
        path = os.path.join(directory, name)
        try:
            got = np.load(path, allow_pickle=False)
            with open(path, "rb") as f:
                np.lib.format.read_magic(f)
                data = f.read()
                assert data[-got.nbytes:] == got.tobytes() if got.nbytes else True
            assert got.flags.c_contiguous
            if "@" not in name:  # written with numpy's own alignment: must be byte-identical
                buf = io.BytesIO()
                np.save(buf, got, allow_pickle=False)
                with open(path, "rb") as f:
                    assert f.read() == buf.getvalue(), "differs from np.save's output"
            fixture = os.path.join(OUT, name.split("@")[0])
            if os.path.exists(fixture):
                want = np.load(fixture, allow_pickle=False)
                assert got.dtype == want.dtype.newbyteorder("<"), (got.dtype, want.dtype)
                assert got.shape == want.shape
                assert got.tobytes() == native_bytes(want), "values differ"
            else:
                print(f"ok   {name}: {got.dtype.descr if got.dtype.names else got.dtype.str} "
                      f"{got.shape} {got.tolist()!r:.80}")
        except Exception as e:  # noqa: BLE001 - report every failure
            bad += 1
            print(f"FAIL {name}: {e!r}")
    print(f"checked {len(names)} files, {bad} failures")
    return 1 if bad or not names else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", metavar="DIR")
    args = ap.parse_args()
    if args.check:
        sys.exit(check(args.check))
    build()
