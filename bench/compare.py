#!/usr/bin/env python3
"""Side-by-side benchmark of skops-cpp against Python on the same files, in one run.

    PYTHONPATH=/path/to/skops/source python3 bench/compare.py \\
        --data /work/bench-data --build /work/build-perf [--json out.json] [--plot out.png]

For each model made by bench/make_models.py (forest, hgb, small, wide; absent ones are skipped) it
measures, each in a fresh process so that peak memory belongs to that load alone:

  * Python ``skops.io.load`` (trusted = the file's own types, as a user who audited it would)
  * Python ``pickle.load`` of the same model
  * scikit-learn ``predict`` on the test rows, single-threaded (``n_jobs=1`` and
    OpenMP limited to one thread through OMP_NUM_THREADS=1), and its one-row latency:
    LATENCY_CALLS calls of ``predict(X[i:i+1])``, each timed alone (p50, p99), beside
    skops-cpp's ``run`` on one row (and, for the wide model, a plain vectorised product of
    its coefficient-sized matrix with the row: the floor of a linear model's call)
  * skops-cpp load (copy and memory-mapped) and predict, one thread and all threads, by
    running ``skops_bench_load`` (JSON on stdout)

  * the floor: ``skops_bench_floor`` times, in a fresh process, the least work any loader
    of the file must do (map it and CRC every byte; read it into fresh memory; map, CRC and
    parse schema.json with simdjson), so that each target's budget is set against what this
    machine allows in the same run

and checks that skops-cpp's predictions equal scikit-learn's (through ``skops-cpp
predict``). Load times are the median of --repeat fresh-process runs (the file is in the
page cache after the first; every contender sees the same warm cache). Peak memory is the
process's VmHWM (peak resident set: heap, stacks, code and libraries, and file-backed pages,
including touched pages of a memory-mapped file) minus its VmRSS just before the load;
RssAnon / RssFile peaks (sampled each millisecond) split it into private and file-backed
memory. Ratios are printed; --json writes everything, --plot draws a PNG.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = ["forest", "hgb", "small", "wide"]
LATENCY_CALLS = 2000


def proc_status():
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                out[k] = int(v.split()[0]) * 1024
    return out


# --- child mode: one measurement in a fresh interpreter ------------------------------------

def child(kind, path, x_path, repeat):
    if kind == "skops":
        import numpy  # noqa: F401  (imports are not part of the load)
        import sklearn.ensemble  # noqa: F401
        import skops.io as sio
        trusted = sio.get_untrusted_types(file=path)
        before = proc_status()
        t = time.perf_counter()
        model = sio.load(path, trusted=trusted)
        seconds = time.perf_counter() - t
    elif kind in ("pickle", "predict"):
        import pickle
        import numpy  # noqa: F401
        import sklearn.ensemble  # noqa: F401
        before = proc_status()
        t = time.perf_counter()
        with open(path, "rb") as f:
            model = pickle.load(f)
        seconds = time.perf_counter() - t
    else:
        raise SystemExit("unknown child kind " + kind)
    after = proc_status()
    res = {"seconds": seconds, "baseline_rss": before["VmRSS"], "vm_hwm": after["VmHWM"],
           "rss_after": after["VmRSS"]}
    if kind in ("skops", "pickle"):
        # Later loads in the same process (a service loading one model per tenant): median of 5.
        again = []
        for _ in range(5):
            t = time.perf_counter()
            if kind == "skops":
                sio.load(path, trusted=trusted)
            else:
                with open(path, "rb") as f:
                    pickle.load(f)
            again.append(time.perf_counter() - t)
        res["seconds_warm"] = statistics.median(again)
    if kind == "predict":
        import numpy as np
        X = np.load(x_path)
        if hasattr(model, "n_jobs"):
            model.n_jobs = 1
        model.predict(X)  # warm-up
        ts = []
        for _ in range(repeat):
            t = time.perf_counter()
            model.predict(X)
            ts.append(time.perf_counter() - t)
        res["predict_seconds"] = statistics.median(ts)
        res["predict_seconds_min"] = min(ts)
        res["rows"] = int(X.shape[0])
        lat = []
        for i in range(LATENCY_CALLS):
            row = X[i % X.shape[0]:i % X.shape[0] + 1]
            t = time.perf_counter()
            model.predict(row)
            lat.append((time.perf_counter() - t) * 1e6)
        lat.sort()
        res["latency_us_p50"] = lat[len(lat) // 2]
        res["latency_us_p99"] = lat[min(len(lat) - 1, int(0.99 * len(lat)))]
    print(json.dumps(res))


def run_child(kind, path, x_path=None, repeat=5):
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    cmd = [sys.executable, os.path.abspath(__file__), "--child", kind, path]
    if x_path:
        cmd += ["--x", x_path, "--repeat", str(repeat)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_cpp(tool, path, mmap, x_path=None, threads=0, load_repeat=3, predict_repeat=5, load_threads=0,
            latency_calls=0, dot_baseline=0):
    cmd = [tool, path, "--load-repeat", str(load_repeat), "--load-threads", str(load_threads)]
    if mmap:
        cmd.append("--mmap")
    if x_path:
        cmd += ["--X", x_path, "--predict-repeat", str(predict_repeat)]
        if threads:
            cmd += ["--threads", str(threads)]
        if latency_calls:
            cmd += ["--latency-calls", str(latency_calls)]
        if dot_baseline:
            cmd += ["--dot-baseline", str(dot_baseline)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def run_floor(tool, path, mode):
    out = subprocess.run([tool, path, mode], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


FLOOR_MODES = ["map-crc", "read", "schema"]
# Issue 4's load targets: (label, skops-cpp load, baseline, factor, floor that bounds it).
TARGETS = {
    "forest": [("copy >= 5x skops", "cpp_copy", "py_skops", 5, "read"),
               ("copy >= 2.5x pickle", "cpp_copy", "py_pickle", 2.5, "read"),
               ("mmap >= 20x skops", "cpp_mmap", "py_skops", 20, "schema")],
    "hgb": [("copy >= 100x skops", "cpp_copy", "py_skops", 100, "schema"),
            ("mmap >= 100x skops", "cpp_mmap", "py_skops", 100, "schema")],
}


def median_of(runs, key):
    return statistics.median(r[key] for r in runs)


def parity(cli, model, x_path, expected_path):
    import numpy as np
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "y.npy")
        subprocess.run([cli, "predict", model, "--input", x_path, "--output", out], check=True,
                       capture_output=True)
        got, want = np.load(out), np.load(expected_path)
    if got.dtype.kind == "f":
        ok = bool(np.allclose(got, want, rtol=1e-12, atol=0))
        return {"equal": ok, "max_rel_diff": float(np.max(np.abs(got - want) / np.maximum(np.abs(want), 1e-300)))}
    return {"equal": bool(np.array_equal(got, want))}


def machine():
    info = {"nproc": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            info["mem_total_bytes"] = int(f.readline().split()[1]) * 1024
    except OSError:
        pass
    import numpy, sklearn
    info["python"] = sys.version.split()[0]
    info["numpy"] = numpy.__version__
    info["sklearn"] = sklearn.__version__
    try:
        import skops
        info["skops"] = skops.__version__
    except ImportError:
        pass
    return info


def mb_raw_private(runs):
    """Peak private (anonymous) bytes of a load: what a mapped model costs the process beyond
    the page cache it shares with every other reader of the file."""
    return median_of(runs, "rss_anon_peak") - median_of(runs, "rss_anon_before")


def mb(b):
    return b / 1e6


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.environ.get("SKOPS_BENCH_DATA", "/work/bench-data"))
    ap.add_argument("--build", default=os.environ.get("SKOPS_BUILD_DIR", "/work/build-perf"))
    ap.add_argument("--repeat", type=int, default=3, help="fresh-process runs per load measurement")
    ap.add_argument("--models", nargs="*", default=MODELS)
    ap.add_argument("--json")
    ap.add_argument("--plot")
    ap.add_argument("--child")
    ap.add_argument("path", nargs="?")
    ap.add_argument("--x")
    args = ap.parse_args()
    if args.child:
        return child(args.child, args.path, args.x, args.repeat)

    tool = os.path.join(args.build, "bench", "skops_bench_load")
    floor_tool = os.path.join(args.build, "bench", "skops_bench_floor")
    cli = os.path.join(args.build, "src", "cli", "skops-cpp")
    for p in (tool, floor_tool, cli):
        if not os.path.exists(p):
            raise SystemExit(f"{p} not found: build with -DSKOPS_BUILD_BENCH=ON")
    results = {"machine": machine(), "models": {}}
    print(json.dumps(results["machine"]))
    for name in args.models:
        skp = os.path.join(args.data, name + ".skops")
        pkl = os.path.join(args.data, name + ".pkl")
        xs = os.path.join(args.data, name + "_X.npy")
        if not all(os.path.exists(p) for p in (skp, pkl, xs)):
            print(f"skipping {name}: files absent in {args.data} (run bench/make_models.py)")
            continue
        aligned = os.path.join(args.data, name + "_aligned.skops")
        if not os.path.exists(aligned):
            subprocess.run([cli, "resave", skp, aligned], check=True)
        r = {"file_bytes": os.path.getsize(skp), "pickle_bytes": os.path.getsize(pkl),
             "aligned_bytes": os.path.getsize(aligned)}
        print(f"\n== {name}: {mb(r['file_bytes']):.1f} MB .skops, {mb(r['pickle_bytes']):.1f} MB pickle", flush=True)
        r["parity"] = parity(cli, skp, xs, os.path.join(args.data, name + "_predict.npy"))
        print("parity with scikit-learn predict:", r["parity"], flush=True)
        # Interleave the contenders so that a burst of load on the shared machine hits all.
        # cpp_*: LoadOptions::threads = 0 (all cores, the default); *_1t: one thread.
        runs = {"py_skops": [], "py_pickle": [], "cpp_copy": [], "cpp_mmap": [], "cpp_mmap_aligned": [],
                "cpp_copy_1t": [], "cpp_mmap_1t": []}
        floors = {m: [] for m in FLOOR_MODES}
        for i in range(args.repeat):
            runs["py_skops"].append(run_child("skops", skp))
            runs["py_pickle"].append(run_child("pickle", pkl))
            runs["cpp_copy"].append(run_cpp(tool, skp, False, load_repeat=6))
            runs["cpp_mmap"].append(run_cpp(tool, skp, True, load_repeat=1))
            runs["cpp_mmap_aligned"].append(run_cpp(tool, aligned, True, load_repeat=1))
            runs["cpp_copy_1t"].append(run_cpp(tool, skp, False, load_repeat=1, load_threads=1))
            runs["cpp_mmap_1t"].append(run_cpp(tool, skp, True, load_repeat=1, load_threads=1))
            for m in FLOOR_MODES:
                floors[m].append(run_floor(floor_tool, skp, m))
        r["floor"] = {m: {"seconds": median_of(v, "seconds"), "runs": v} for m, v in floors.items()}
        for k, v in runs.items():
            key = "seconds" if k.startswith("py") else "load_seconds_first"
            r[k] = {"load_seconds": median_of(v, key),
                    "peak_bytes": median_of(v, "vm_hwm") - median_of(v, "baseline_rss"),
                    "runs": v}
        # Warm: the median of later loads in the same process (cpp_copy: loads 2 to 6).
        r["warm"] = {"py_skops": median_of(runs["py_skops"], "seconds_warm"),
                     "py_pickle": median_of(runs["py_pickle"], "seconds_warm"),
                     "cpp_copy": statistics.median(
                         [x for run in runs["cpp_copy"] for x in run["loads_after_first"]])}
        print("warm loads (same process): " + ", ".join(
            f"{k} {v * 1e3:.3f} ms" for k, v in r["warm"].items()))
        sk = run_child("predict", pkl, xs, repeat=5)
        cpp = run_cpp(tool, skp, False, xs, load_repeat=1, predict_repeat=5,
                      latency_calls=LATENCY_CALLS, dot_baseline=3 if name == "wide" else 0)
        r["sklearn_predict"] = sk
        r["cpp_predict"] = cpp
        F = r["file_bytes"]
        t_sk, t_pk = r["py_skops"]["load_seconds"], r["py_pickle"]["load_seconds"]
        t_c, t_m = r["cpp_copy"]["load_seconds"], r["cpp_mmap"]["load_seconds"]
        t_ma = r["cpp_mmap_aligned"]["load_seconds"]
        t_c1, t_m1 = r["cpp_copy_1t"]["load_seconds"], r["cpp_mmap_1t"]["load_seconds"]
        r["ratios"] = {
            "copy_vs_skops": t_sk / t_c, "copy_vs_pickle": t_pk / t_c,
            "mmap_vs_skops": t_sk / t_m, "mmap_vs_pickle": t_pk / t_m,
            "mmap_aligned_vs_skops": t_sk / t_ma,
            "copy_1t_vs_skops": t_sk / t_c1, "copy_1t_vs_pickle": t_pk / t_c1,
            "mmap_1t_vs_skops": t_sk / t_m1,
            "predict_1t_vs_sklearn": sk["predict_seconds"] / cpp["predict_seconds_1t"],
            "predict_mt_vs_sklearn": sk["predict_seconds"] / cpp["predict_seconds_mt"],
            "latency_p50_vs_sklearn": sk["latency_us_p50"] / cpp["latency_us_p50"],
            "latency_p99_vs_sklearn": sk["latency_us_p99"] / cpp["latency_us_p99"],
            "copy_peak_over_file": r["cpp_copy"]["peak_bytes"] / F,
            "mmap_peak_over_file": r["cpp_mmap"]["peak_bytes"] / F,
            "mmap_private_peak_over_file": mb_raw_private(r["cpp_mmap"]["runs"]) / F,
        }
        print(f"{'load':<28}{'seconds':>10}{'peak MB':>10}{'anon MB':>10}{'file MB':>10}")
        for k in runs:
            rr = r[k]
            anon = file_ = float("nan")
            if k.startswith("cpp"):
                anon = mb(median_of(rr["runs"], "rss_anon_peak") - median_of(rr["runs"], "rss_anon_before"))
                file_ = mb(median_of(rr["runs"], "rss_file_peak") - median_of(rr["runs"], "rss_file_before"))
            print(f"{k:<28}{rr['load_seconds']:>10.4f}{mb(rr['peak_bytes']):>10.1f}{anon:>10.1f}{file_:>10.1f}")
        print(f"predict {sk['rows']} rows: scikit-learn (1 thread) {sk['predict_seconds']:.4f} s, "
              f"skops-cpp 1 thread {cpp['predict_seconds_1t']:.4f} s, "
              f"{cpp['threads']} threads {cpp['predict_seconds_mt']:.4f} s")
        print(f"one row, p50 / p99: scikit-learn {sk['latency_us_p50']:.1f} / {sk['latency_us_p99']:.1f} us, "
              f"skops-cpp {cpp['latency_us_p50']:.2f} / {cpp['latency_us_p99']:.2f} us"
              + (f", plain product {cpp['dot_us_p50']:.2f} / {cpp['dot_us_p99']:.2f} us" if "dot_us_p50" in cpp else ""))
        for k, v in r["ratios"].items():
            print(f"  {k:<26}{v:8.2f}")
        # Each load target of issue 4 as a time budget, beside the floor of that kind of load
        # (read: into fresh private memory; schema: mapped, CRC'd, schema.json parsed).
        times = {"py_skops": t_sk, "py_pickle": t_pk, "cpp_copy": t_c, "cpp_mmap": t_m}
        r["budgets"] = {}
        for label, cpp_key, base_key, factor, floor_mode in TARGETS.get(name, []):
            r["budgets"][label] = {"budget": times[base_key] / factor, "actual": times[cpp_key],
                                   "floor": r["floor"][floor_mode]["seconds"], "floor_mode": floor_mode}
        print(f"{'floor (fresh process)':<28}" + "".join(
            f"  {m} {r['floor'][m]['seconds'] * 1e3:.1f} ms" for m in FLOOR_MODES))
        for k, b in r["budgets"].items():
            print(f"  {k:<22} budget {b['budget'] * 1e3:7.1f} ms   floor ({b['floor_mode']}) "
                  f"{b['floor'] * 1e3:7.1f} ms   skops-cpp {b['actual'] * 1e3:7.1f} ms")
        results["models"][name] = r
        sys.stdout.flush()
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    if args.plot and results["models"]:
        plot(results, args.plot)


def plot(results, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    names = list(results["models"])
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.4), dpi=80)
    ax = axes[0]
    keys = [("py_skops", "skops.io.load"), ("py_pickle", "pickle.load"),
            ("cpp_copy", "skops-cpp"), ("cpp_mmap", "skops-cpp mmap")]
    w = 0.2
    for i, (k, label) in enumerate(keys):
        ax.bar([j + (i - 1.5) * w for j in range(len(names))],
               [results["models"][n][k]["load_seconds"] for n in names], w, label=label)
    ax.set_yscale("log")
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(names)
    ax.set_ylabel("load time (s, log)")
    ax.legend(fontsize=7)
    ax = axes[1]
    keys = [("sk", "scikit-learn, 1 thread"), ("1t", "skops-cpp, 1 thread"), ("mt", "skops-cpp, all threads")]
    for i, (k, label) in enumerate(keys):
        vals = []
        for n in names:
            m = results["models"][n]
            s = m["sklearn_predict"]["predict_seconds"] if k == "sk" else m["cpp_predict"]["predict_seconds_" + k]
            vals.append(m["sklearn_predict"]["rows"] / s)
        ax.bar([j + (i - 1) * 0.27 for j in range(len(names))], vals, 0.27, label=label)
    ax.set_yscale("log")
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(names)
    ax.set_ylabel("predict rows/s (log)")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out)


if __name__ == "__main__":
    main()
