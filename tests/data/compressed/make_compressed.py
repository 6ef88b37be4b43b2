#!/usr/bin/python3
"""Makes the LZMA and Zstandard fixtures (tests/data/compressed/README.md).

Run from anywhere with Debian 12's /usr/bin/python3 (3.11) and the `zstd` command (Debian
package zstd 1.5.4):

    /usr/bin/python3 tests/data/compressed/make_compressed.py

LZMA members are compressed by Python's own zipfile: re-zipped with ZIP_LZMA where only the
method changes, or through zipfile.LZMACompressor (the exact bytes zipfile writes: LZMA SDK
version 9.4, properties size 5, properties, raw LZMA1 stream with end marker) where a hostile
file needs a hand-built zip. Python 3.11 cannot write Zstandard (zipfile has it from 3.14), so
Zstandard members are frames made by the `zstd` command, put in a zip built here by hand.
Output is deterministic (fixed timestamps) for a given Python, liblzma and zstd.
"""

import os
import struct
import subprocess
import sys
import zipfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import hostile_manifest  # noqa: E402  (tests/data/hostile_manifest.py)

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
DOS_TIME, DOS_DATE = 0, (2026 - 1980) << 9 | 1 << 5 | 1  # 2026-01-01 00:00

METHOD_LZMA, METHOD_ZSTD = 14, 93
FLAG_LZMA_EOS = 0x0002


def members_of(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def lzma_compress(data):
    c = zipfile.LZMACompressor()
    return c.compress(data) + c.flush()


def zstd_compress(data):
    return subprocess.run(["zstd", "-q", "-c", "-3"], input=data, check=True,
                          stdout=subprocess.PIPE).stdout


def build_zip(entries):
    """entries: dicts with name, method, flags, comp (bytes), crc, size (declared)."""
    out = bytearray()
    central = bytearray()
    for e in entries:
        name = e["name"].encode()
        offset = len(out)
        fields = (63, e["flags"], e["method"], DOS_TIME, DOS_DATE, e["crc"], len(e["comp"]),
                  e["size"], len(name), 0)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name + e["comp"]
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x031E, *fields[:-1], 0, 0,
                               0, 0, 0o100644 << 16, offset) + name
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central),
                       cd_offset, 0)
    return bytes(out)


def entry(name, data, method, comp=None):
    if comp is None:
        comp = lzma_compress(data) if method == METHOD_LZMA else zstd_compress(data)
    return {"name": name, "method": method,
            "flags": FLAG_LZMA_EOS if method == METHOD_LZMA else 0,
            "comp": comp, "crc": zlib.crc32(data), "size": len(data)}


def rezip_lzma(src, dst):
    with zipfile.ZipFile(dst, "w", compression=zipfile.ZIP_LZMA) as out:
        for name, data in members_of(src):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_LZMA
            info.external_attr = 0o100644 << 16
            out.writestr(info, data)


def hostile_cases(base):
    """(file, attack, expected, kind, entries) for each hostile fixture; schema.json broken."""
    members = members_of(base)
    schema = dict(members)["schema.json"]
    rest = [n for n, _ in members if n != "schema.json"]

    def zip_with(schema_entry, method):
        return [schema_entry] + [entry(n, dict(members)[n], method) for n in rest]

    cases = []
    bomb_text = b" " * (64 << 20) + schema  # valid JSON: 64 MiB of spaces, then the schema
    for method, tag in ((METHOD_LZMA, "lzma"), (METHOD_ZSTD, "zstd")):
        bomb = entry("schema.json", bomb_text, method)
        cases.append((f"archive_{tag}_bomb.skops",
                      f"schema.json {tag}-compressed from 64 MiB of spaces (+ the real schema) to "
                      f"{len(bomb['comp'])} bytes, sizes declared truthfully",
                      "reject at open: over the compression ratio limit, nothing inflated",
                      "limit", zip_with(bomb, method)))
        under = dict(bomb, size=1 << 20)
        cases.append((f"archive_{tag}_bomb_understated.skops",
                      f"the same {tag} bomb declaring 1 MiB: the declared size passes every cap",
                      "reject at read: archive error (size mismatch), after inflating no more "
                      "than the declared size plus one chunk",
                      "archive", zip_with(under, method)))
        good = entry("schema.json", schema, method)
        cut = dict(good, comp=good["comp"][:len(good["comp"]) // 2])
        cases.append((f"archive_{tag}_truncated.skops",
                      f"schema.json's {tag} stream cut in half (compressed size says so too)",
                      "reject at read: archive error (truncated stream)",
                      "archive", zip_with(cut, method)))
        over = dict(good, size=good["size"] + 1)
        cases.append((f"archive_{tag}_size_overstated.skops",
                      f"schema.json ({tag}) declares one byte more than its stream holds",
                      "reject at read: archive error (size mismatch)",
                      "archive", zip_with(over, method)))
        trailing = dict(good, comp=good["comp"] + b"\0" * 16)
        cases.append((f"archive_{tag}_trailing_bytes.skops",
                      f"schema.json's {tag} stream is followed by 16 zero bytes inside the member",
                      "reject at read: archive error (stream ends before the compressed size, "
                      "or corrupt data)",
                      "archive", zip_with(trailing, method)))

    good = entry("schema.json", schema, METHOD_LZMA)
    comp = good["comp"]
    props = [
        ("props_size", comp[:2] + struct.pack("<H", 4) + comp[4:],
         "LZMA properties size 4 instead of 5"),
        ("props_lclp", comp[:4] + bytes([4 + 9 * 1]) + comp[5:],
         "LZMA properties lc=4 lp=1 (lc + lp > 4)"),
        ("props_byte", comp[:4] + bytes([225]) + comp[5:],
         "LZMA properties byte 225 (pb > 4)"),
        ("props_dict", comp[:5] + struct.pack("<I", 0xFFFFFFFF) + comp[9:],
         "LZMA dictionary size 4 GiB - 1 (would make the decoder allocate it)"),
    ]
    for tag, bad, attack in props:
        cases.append((f"archive_lzma_{tag}.skops", "schema.json: " + attack,
                      "reject at read: archive error (bad LZMA properties)", "archive",
                      zip_with(dict(good, comp=bad), METHOD_LZMA)))
    cases.append(("archive_lzma_no_eos_flag.skops",
                  "schema.json: LZMA stream with end marker but flag bit 1 clear (the stream "
                  "must then end at the declared size, without a marker)",
                  "reject at read: archive error (corrupt stream: an end marker where none may be, "
                  "or bytes after the declared size)",
                  "archive", zip_with(dict(good, flags=0), METHOD_LZMA)))
    return cases


def main():
    corpus = os.path.join(DATA, "corpus")
    made = []
    for version, model in (("sklearn-1.2.1", "LogisticRegression_multiclass"),
                           ("sklearn-1.4.2", "DecisionTreeClassifier")):
        dst = os.path.join(HERE, f"lzma_{version}_{model}.skops")
        rezip_lzma(os.path.join(corpus, version, model + ".skops"), dst)
        made.append(dst)
    src = os.path.join(corpus, "sklearn-1.4.2", "LogisticRegression_binary.skops")
    dst = os.path.join(HERE, "zstd_sklearn-1.4.2_LogisticRegression_binary.skops")
    with open(dst, "wb") as f:
        f.write(build_zip([entry(n, d, METHOD_ZSTD) for n, d in members_of(src)]))
    made.append(dst)
    for path in made:
        print(f"{os.path.relpath(path, DATA)}: {os.path.getsize(path)} bytes")
    with zipfile.ZipFile(made[0]) as z:
        assert z.testzip() is None

    cases = hostile_cases(os.path.join(corpus, "sklearn-1.2.1", "LogisticRegression_binary.skops"))
    hostile_manifest.write_cases([
        (file, build_zip(entries),
         {"attack": attack, "expected": expected, "kind": kind, "stage": "archive",
          "made_by": "tests/data/compressed/make_compressed.py"})
        for file, attack, expected, kind, entries in cases])


if __name__ == "__main__":
    main()
