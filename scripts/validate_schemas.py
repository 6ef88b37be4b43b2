#!/usr/bin/env python3
"""Validate schema.json of .skops files against schemas/skops-schema.json (JSON Schema 2020-12).

    python3 scripts/validate_schemas.py [--data tests/data] [--schema schemas/skops-schema.json]
    python3 scripts/validate_schemas.py FILE.skops...     # just report on these files

Without FILE arguments (what ctest schema_json_schema runs):
  * every corpus and variant file (tests/data/corpus/*/*.skops, tests/data/variants/*.skops)
    must validate;
  * every hostile fixture with stage "schema" in tests/data/hostile/MANIFEST.json whose defect
    is structural (STRUCTURAL below) must fail validation (or not even parse as JSON);
  * the remaining schema-stage fixtures are the defects a JSON Schema cannot express
    (NOT_EXPRESSIBLE, documented in schemas/README.md); they are reported, not asserted. A
    schema-stage fixture in neither list is an error, so new fixtures get classified.

Needs the `jsonschema` module (Debian: python3-jsonschema). Prints "skipped: ..." and exits 0
only when no python3 on this machine has it. Exit 1 on any failed check, 2 on bad usage.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Hostile schema-stage fixtures whose defect is the shape of the JSON: the schema must reject them.
STRUCTURAL = {
    "schema_root_is_array", "schema_root_is_string", "schema_missing_loader",
    "schema_missing_class", "schema_unknown_loader", "schema_loader_not_string",
    "schema_protocol_99", "schema_protocol_missing", "schema_protocol_negative",
    "schema_listnode_content_string", "schema_dictnode_content_list",
    "schema_jsonnode_content_not_string", "schema_ndarray_unknown_type",
    "schema_ndarray_file_not_string", "schema_id_not_integer",
}
# Defects a JSON Schema cannot express (schemas/README.md says why for each).
NOT_EXPRESSIBLE = {
    "schema_not_json", "schema_invalid_utf8", "schema_deep_nesting_json",
    "schema_deep_nesting_nodes", "schema_dictnode_keytypes_short",
    "schema_jsonnode_invalid_content", "schema_duplicate_keys_evil_last",
    "schema_duplicate_keys_evil_first", "schema_lone_surrogate", "schema_cycle_list",
    "schema_cycle_pipeline", "schema_id_alias_type_confusion", "schema_cachednode_unknown_id",
}


def import_jsonschema():
    """The jsonschema module, re-running this script under another python3 that has it."""
    try:
        import jsonschema  # noqa: F401
        return jsonschema
    except ImportError:
        pass
    if os.environ.get("SKOPS_VALIDATE_REEXEC") is None:
        for candidate in ("/usr/bin/python3", shutil.which("python3")):
            if not candidate or os.path.realpath(candidate) == os.path.realpath(sys.executable):
                continue
            probe = subprocess.run([candidate, "-c", "import jsonschema"], capture_output=True)
            if probe.returncode == 0:
                env = dict(os.environ, SKOPS_VALIDATE_REEXEC="1")
                sys.exit(subprocess.run([candidate, os.path.abspath(__file__)] + sys.argv[1:], env=env).returncode)
    print("skipped: no python3 with the jsonschema module (Debian: apt-get install python3-jsonschema)")
    sys.exit(0)


def read_schema_json(path):
    """schema.json of a .skops file as parsed JSON; raises on a broken zip or invalid JSON."""
    with zipfile.ZipFile(path) as z:
        text = z.read("schema.json")
    return json.loads(text.decode("utf-8"))


def first_error(validator, document):
    """The most relevant validation error as 'json/pointer: message', or None."""
    import jsonschema
    best = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if best is None:
        return None
    pointer = "".join("/" + str(p) for p in best.absolute_path) or "/"
    return f"{pointer}: {best.message[:200]}"


def check_files(validator, paths):
    failures = 0
    for path in paths:
        try:
            err = first_error(validator, read_schema_json(path))
        except (zipfile.BadZipFile, KeyError, ValueError, RecursionError) as e:
            err = f"cannot read schema.json: {type(e).__name__}: {e}"[:300]
        if err:
            failures += 1
            print(f"FAIL {os.path.relpath(path, ROOT)}: {err}")
    return failures


def check_hostile(validator, hostile_dir):
    with open(os.path.join(hostile_dir, "MANIFEST.json")) as f:
        cases = json.load(f)["cases"]
    problems = 0
    rejected = []
    for case in cases:
        if case.get("stage") != "schema":
            continue
        name = case["file"][: -len(".skops")]
        path = os.path.join(hostile_dir, case["file"])
        try:
            doc = read_schema_json(path)
            err = first_error(validator, doc)
            outcome = f"rejected ({err})" if err else "passes the schema"
        except (ValueError, RecursionError, zipfile.BadZipFile, KeyError) as e:
            err = f"not parseable: {type(e).__name__}"
            outcome = err
        if name in STRUCTURAL:
            if err:
                rejected.append(name)
                print(f"ok   hostile {name}: {outcome}")
            else:
                problems += 1
                print(f"FAIL hostile {name}: structural defect, but the file validates against the schema")
        elif name in NOT_EXPRESSIBLE:
            print(f"note hostile {name}: {outcome} (not expressible in JSON Schema; the C++ parser rejects it)")
        else:
            problems += 1
            print(f"FAIL hostile {name}: not classified; add it to STRUCTURAL or NOT_EXPRESSIBLE")
    missing = STRUCTURAL - {c["file"][:-6] for c in cases if c.get("stage") == "schema"}
    for name in sorted(missing):
        problems += 1
        print(f"FAIL hostile {name}: listed as structural but absent from MANIFEST.json")
    return problems, len(rejected)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "tests", "data"))
    ap.add_argument("--schema", default=os.path.join(ROOT, "schemas", "skops-schema.json"))
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()

    jsonschema = import_jsonschema()
    with open(args.schema) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    if args.files:
        failures = check_files(validator, args.files)
        print(f"{len(args.files) - failures}/{len(args.files)} files validate")
        return 1 if failures else 0

    import glob
    good = sorted(glob.glob(os.path.join(args.data, "corpus", "*", "*.skops")) +
                  glob.glob(os.path.join(args.data, "variants", "*.skops")))
    if not good:
        print(f"FAIL: no corpus files under {args.data}")
        return 1
    failures = check_files(validator, good)
    print(f"corpus and variants: {len(good) - failures}/{len(good)} files validate")
    problems, rejected = check_hostile(validator, os.path.join(args.data, "hostile"))
    print(f"hostile: {rejected}/{len(STRUCTURAL)} structural schema fixtures rejected")
    if failures or problems:
        print("validate_schemas: FAILED")
        return 1
    print("validate_schemas: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
