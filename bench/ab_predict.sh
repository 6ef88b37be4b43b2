#!/bin/bash
# Interleaved A/B of `skops-cpp predict` on a numeric matrix: two skops-cpp binaries (say,
# the previous commit and this one) on one model and one large .npy input, N runs each,
# alternating so that a burst of load on the machine hits both; prints the median and min
# wall time of each. The model's input rows are tiled to ROWS rows (numpy) so that predict,
# not the load, dominates.
#
#   bench/ab_predict.sh CLI_A CLI_B N MODEL.skops X.npy ROWS [--method M] [--trusted T]...
set -euo pipefail
a=$1 b=$2 n=$3 model=$4 x=$5 rows=$6
shift 6
tmp=$(mktemp -d)
python3 - "$x" "$rows" "$tmp/X.npy" <<'PY'
import sys, numpy as np
x = np.load(sys.argv[1], allow_pickle=False)
reps = -(-int(sys.argv[2]) // len(x))
np.save(sys.argv[3], np.tile(x, (reps, 1))[: int(sys.argv[2])])
PY
for _ in $(seq "$n"); do
  for cli in "$a" "$b"; do
    s=$(date +%s.%N)
    "$cli" predict "$model" --input "$tmp/X.npy" --output "$tmp/out.npy" "$@"
    e=$(date +%s.%N)
    echo "$cli $(echo "$e - $s" | bc)"
  done
done | python3 -c '
import statistics, sys
runs = {}
for line in sys.stdin:
    cli, t = line.split()
    runs.setdefault(cli, []).append(float(t))
for cli, ts in runs.items():
    print(f"{cli}: median {statistics.median(ts):.4f} s, min {min(ts):.4f} s")
'
rm -rf "$tmp"
