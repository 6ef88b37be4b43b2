"""Shared by the scripts that add crafted files to hostile/ (compressed/make_compressed.py,
sparse/make_sparse.py): writes a file there and keeps its MANIFEST.json entry current."""

import json
import os

HOSTILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile")


def write_cases(cases):
    """cases: (file name, bytes, manifest entry without "file" and "bytes"). Writes each file
    into hostile/ and replaces its MANIFEST.json entry (appended after the others)."""
    path = os.path.join(HOSTILE, "MANIFEST.json")
    with open(path) as f:
        manifest = json.load(f)
    names = {c[0] for c in cases}
    manifest["cases"] = [c for c in manifest["cases"] if c["file"] not in names]
    for file, data, entry in cases:
        with open(os.path.join(HOSTILE, file), "wb") as f:
            f.write(data)
        entry = dict(entry)
        manifest["cases"].append({"file": file, **{k: entry.pop(k) for k in
                                  ("attack", "expected", "kind", "stage")}, "bytes": len(data),
                                  **entry})
        print(f"hostile/{file}: {len(data)} bytes")
    with open(path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
