#!/usr/bin/python3
"""Makes the sparse-matrix fixtures (tests/data/sparse/README.md).

Run from the repository root with Debian 12's /usr/bin/python3 (3.11, numpy 1.24.2,
scipy 1.10.1, scikit-learn 1.2.1) and Python skops on the path (for the hostile files):

    PYTHONPATH=/path/to/skops /usr/bin/python3 tests/data/sparse/make_sparse.py [ZOO]

ZOO is the shared model zoo (default ../shared/fixtures/skops-zoo): the `.npz` member of
its text_tfidf_bigram_logreg models (TfidfTransformer._idf_diag) is copied here unchanged.
Every other `.npz` is written by scipy.sparse.save_npz (or np.savez where scipy would not
write that layout); each NAME.npz has a NAME.json with what a reader must return: the
canonical matrix (scipy's sum_duplicates(): sorted indices, repeats summed) and the dtypes
of the members. The script also writes three hostile `.skops` files into ../hostile/ and
their MANIFEST.json entries. Output is deterministic for a given numpy, scipy and skops,
except in the hostile files the object ids Python skops writes (`__id__`, the member name).
"""

import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import zipfile

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import hostile_manifest  # noqa: E402  (tests/data/hostile_manifest.py)

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(DATA))
MADE_BY = "tests/data/sparse/make_sparse.py"
DOS_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # what np.savez writes


def save(name, m, compressed=False):
    buf = io.BytesIO()
    sp.save_npz(buf, m, compressed=compressed)
    return name, buf.getvalue()


def savez(name, arrays, compression=zipfile.ZIP_STORED):
    """A hand-made npz (np.savez's layout), for layouts scipy itself would not write."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for key, value in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asanyarray(value), allow_pickle=False)
            info = zipfile.ZipInfo(key + ".npy", DOS_DATE_TIME)
            info.compress_type = compression
            z.writestr(info, member.getvalue(), compresslevel=9)
    return name, buf.getvalue()


def csr_arrays(m):
    return {"indices": m.indices, "indptr": m.indptr, "format": np.array(b"csr"),
            "shape": np.array(m.shape, dtype=np.int64), "data": m.data}


def expected(npz_bytes):
    """What a reader must return: scipy's own reading, made canonical."""
    m = sp.load_npz(io.BytesIO(npz_bytes)).tocsr(copy=True)
    m.sum_duplicates()
    with np.load(io.BytesIO(npz_bytes)) as z:
        dtypes = {k: z[k].dtype.str for k in z.files}
    return {"shape": [int(d) for d in m.shape], "indptr": [int(v) for v in m.indptr],
            "indices": [int(v) for v in m.indices], "data": [float(v) for v in m.data],
            "member_dtypes": dtypes}


def small():
    dense = np.array([[0, 1.5, 0, -2], [0, 0, 0, 0], [3.25, 0, 0.1, 0]])
    return sp.csr_matrix(dense)


def valid_fixtures(zoo):
    out = []
    for version in ("1.2.1", "1.4.2"):
        path = os.path.join(zoo, f"sklearn-{version}", "text_tfidf_bigram_logreg.skops")
        with zipfile.ZipFile(path) as z:
            (member,) = [n for n in z.namelist() if n.endswith(".npz")]
            out.append((f"zoo_{version}_idf_diag", z.read(member)))
    m = small()
    out.append(save("small_int32_stored", m))
    out.append(save("small_int32_deflate", m, compressed=True))
    wide = m.copy()
    wide.indices = wide.indices.astype(np.int64)
    wide.indptr = wide.indptr.astype(np.int64)
    out.append(save("small_int64_index", wide))
    out.append(save("small_float32", m.astype(np.float32)))
    out.append(save("small_int64_data", sp.csr_matrix(np.array([[0, 7], [-(2**53), 0]]))))
    out.append(save("small_bool_data", sp.csr_matrix(np.array([[True, False], [False, True]]))))
    out.append(save("empty_0_rows", sp.csr_matrix((0, 5))))
    out.append(save("empty_nnz_0", sp.csr_matrix((3, 4))))
    # csr_matrix((data, indices, indptr)) keeps the order given; save_npz writes it as is.
    unsorted = sp.csr_matrix((np.array([1.0, 2.0, 3.0, 4.0]), np.array([3, 0, 2, 1]),
                              np.array([0, 2, 4])), shape=(2, 4))
    assert not unsorted.has_sorted_indices
    out.append(save("unsorted_indices", unsorted))
    dup = sp.csr_matrix((np.array([1.0, 2.0, 4.0, 8.0]), np.array([2, 0, 2, 1]),
                         np.array([0, 3, 4])), shape=(2, 3))
    assert not dup.has_canonical_format
    out.append(save("duplicate_indices", dup))
    # A column count past int32: scipy chooses int64 indices itself.
    huge = sp.csr_matrix((np.array([5.0]), np.array([2**40 - 1]), np.array([0, 1, 1])),
                         shape=(2, 2**40))
    assert huge.indices.dtype == np.int64
    out.append(save("wide_2p40_columns", huge))
    # scipy >= 1.11 adds `_is_array` when saving a csr_array.
    out.append(savez("csr_array_flag", {**csr_arrays(m), "_is_array": np.array(True)}))
    return out


def skops_base():
    """A real file: Python skops's dump of a fitted TfidfTransformer (its _idf_diag is csr)."""
    import skops.io as sio
    from sklearn.feature_extraction.text import TfidfTransformer

    X = np.array([[1, 0, 2], [0, 1, 1], [3, 0, 0]])
    return sio.dumps(TfidfTransformer().fit(X))


def with_npz(base, npz):
    """The base file with its .npz member replaced (names and order kept, stored)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = npz if info.filename.endswith(".npz") else src.read(info)
            dst.writestr(zipfile.ZipInfo(info.filename, info.date_time), data)
    return out.getvalue()


PROBE = """
import sys
import numpy as np
import skops.io as sio
trusted = ["sklearn.feature_extraction.text.TfidfTransformer", "scipy.sparse._csr.csr_matrix"]
try:
    t = sio.load(sys.argv[1], trusted=trusted)
except Exception as e:
    print(f"RAISES {type(e).__name__}: {e}"[:300]); sys.exit()
try:
    t.transform(np.array([[1, 0, 2], [0, 1, 1], [3, 0, 0]]))
    print("LOADS / TRANSFORM-OK")
except Exception as e:
    print(f"LOADS / TRANSFORM-RAISES {type(e).__name__}: {e}"[:300])
"""


def python_behaviour(data):
    """What Python skops does with the file, in a child process: scipy may crash on it."""
    with tempfile.NamedTemporaryFile(suffix=".skops") as f:
        f.write(data)
        f.flush()
        r = subprocess.run([sys.executable, "-c", PROBE, f.name], capture_output=True, text=True,
                           timeout=120, check=False)
    if -r.returncode in (signal.SIGSEGV, signal.SIGABRT):
        # Heap corruption: which signal ends the process varies from run to run.
        return "LOADS / TRANSFORM: process killed (SIGSEGV or SIGABRT: memory corruption)"
    if r.returncode < 0:
        return f"LOADS / TRANSFORM: process killed by {signal.Signals(-r.returncode).name}"
    return r.stdout.strip() or f"exit {r.returncode}: {r.stderr.strip()[-200:]}"


def hostile_cases():
    diag = sp.csr_matrix(np.diag([1.5, 2.0, 1.25]))
    bad = csr_arrays(diag)
    bad["indices"] = np.array([0, 1, 7], dtype=np.int32)
    # data.npy of 16 MiB of zeros, deflated ~1030:1 with its sizes declared truthfully.
    bomb = csr_arrays(diag)
    bomb["data"] = np.zeros(2 * 1024 * 1024)
    _, bomb_npz = savez("", bomb, zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(io.BytesIO(bomb_npz)) as z:
        info = z.getinfo("data.npy")
        assert info.file_size > 1010 * info.compress_size, "not over the default ratio cap"
    slip = io.BytesIO()
    _, good = savez("", csr_arrays(diag))
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(slip, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(zipfile.ZipInfo("../../etc/passwd", DOS_DATE_TIME), b"root:x:0:0\n")
    return [
        ("sparse_npz_column_out_of_range.skops",
         "TfidfTransformer._idf_diag (csr, 3x3) whose nested .npz has column index 7",
         "reject at load during validation (column index out of range in the nested .npz)",
         "validation", "validation", savez("", bad)[1]),
        ("sparse_npz_bomb.skops",
         "TfidfTransformer._idf_diag whose nested .npz holds data.npy deflated from 16 MiB "
         "to ~16 KiB (sizes declared truthfully): a zip bomb inside the zip",
         "reject when reading the nested .npz: over the compression ratio limit, nothing "
         "inflated", "npy", "limit", bomb_npz),
        ("sparse_npz_zip_slip_member.skops",
         "TfidfTransformer._idf_diag whose nested .npz has an extra member '../../etc/passwd'",
         "reject when reading the nested .npz: archive error (unsafe entry name)",
         "npy", "archive", slip.getvalue()),
    ]


def main():
    zoo = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "fixtures",
                                                             "skops-zoo")
    for name, data in valid_fixtures(zoo):
        with open(os.path.join(HERE, name + ".npz"), "wb") as f:
            f.write(data)
        with open(os.path.join(HERE, name + ".json"), "w") as f:
            json.dump(expected(data), f, indent=1)
            f.write("\n")
        print(f"sparse/{name}.npz: {len(data)} bytes")

    base = skops_base()
    trust = ["sklearn.feature_extraction.text.TfidfTransformer", "scipy.sparse._csr.csr_matrix"]
    cases = []
    for file, attack, expected_text, stage, kind, npz in hostile_cases():
        data = with_npz(base, npz)
        cases.append((file, data, {
            "attack": attack, "expected": expected_text, "kind": kind, "stage": stage,
            "made_by": MADE_BY, "python_skops_behaviour": python_behaviour(data),
            "trust_for_test": trust}))
    hostile_manifest.write_cases(cases)

if __name__ == "__main__":
    main()
