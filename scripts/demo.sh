#!/usr/bin/env bash
# The main job, on the bundled example model (examples/models/, a real file written by Python
# skops from a scikit-learn Pipeline(StandardScaler, LogisticRegression)): install what is
# missing, build the skops-cpp command, then inspect and audit the model, and predict with it
# when this build of skops-cpp can.
#
#   bash scripts/demo.sh            (from anywhere)
set -euo pipefail
# shellcheck source=SCRIPTDIR/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"
cd "$SKOPS_ROOT"

MODEL=examples/models/pipeline_logreg.skops
INPUT=examples/models/pipeline_logreg.X.npy
EXPECTED=examples/models/pipeline_logreg.predict.npy
CLI=build/src/cli/skops-cpp

bash scripts/install-deps.sh
skops_configure build "${SKOPS_DEFAULT_ARGS[@]}"
skops_compile build skops-cpp

skops_log "skops-cpp inspect $MODEL"
"$CLI" inspect "$MODEL"

# Exit 1 means "refused: untrusted types" (the message lists them), a valid audit result.
skops_log "skops-cpp audit $MODEL"
rc=0
"$CLI" audit "$MODEL" || rc=$?
case "$rc" in
  0) echo "(audit: every type is trusted)" ;;
  1) echo "(audit exit 1: the types listed above are not trusted by default)" ;;
  *) echo "audit failed with exit $rc" >&2; exit "$rc" ;;
esac

# A Python with numpy, to show the .npy files (Debian's python3-numpy is for /usr/bin/python3).
numpy_python() {
  local py
  for py in /usr/bin/python3 python3; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import numpy' >/dev/null 2>&1; then
      echo "$py"
      return 0
    fi
  done
  return 1
}

skops_log "skops-cpp predict $MODEL --input $INPUT"
out="$(mktemp -d "${TMPDIR:-/tmp}/skops-demo.XXXXXX")"
trap 'rm -rf "$out"' EXIT
rc=0
"$CLI" predict "$MODEL" --input "$INPUT" --output "$out/pred.npy" || rc=$?
if ((rc == 64)); then
  # 64 = bad command line (DESIGN.md section 7): this build has no predict verb yet.
  echo "(predict is not available in this build yet; it comes with the estimators)"
elif ((rc != 0)); then
  echo "predict failed with exit $rc" >&2
  exit "$rc"
elif py="$(numpy_python)"; then
  "$py" -c '
import sys, numpy as np
got, want = np.load(sys.argv[1]), np.load(sys.argv[2])
print("skops-cpp predict:", got.dtype, got.shape, got.tolist())
print("scikit-learn     :", want.dtype, want.shape, want.tolist())
same = got.dtype == want.dtype and np.array_equal(got, want)
print("identical" if same else "DIFFERENT")
sys.exit(0 if same else 1)
' "$out/pred.npy" "$EXPECTED"
else
  echo "predictions written ($(wc -c <"$out/pred.npy") bytes); install python3-numpy to print them"
fi
