#!/bin/bash
# Interleaved A/B of the first load in a fresh process: two builds of skops_bench_load (say,
# main and a change) on one file, N runs each, alternating so that a burst of load on the
# machine hits both; prints the median and min of each and every run.
#
#   bench/ab_load.sh BUILD_A BUILD_B N MODEL.skops [skops_bench_load options...]
set -euo pipefail
a=$1 b=$2 n=$3 model=$4
shift 4
for _ in $(seq "$n"); do
  for build in "$a" "$b"; do
    t=$("$build/bench/skops_bench_load" "$model" --load-repeat 1 "$@" |
      grep -o '"load_seconds_first": [0-9.]*' | cut -d' ' -f2)
    echo "$build $t"
  done
done | python3 -c '
import statistics, sys
runs = {}
for line in sys.stdin:
    build, t = line.split()
    runs.setdefault(build, []).append(float(t))
for build, ts in runs.items():
    print(f"{build}: median {statistics.median(ts):.4f} s, min {min(ts):.4f} s  runs",
          " ".join(f"{t:.4f}" for t in ts))
'
