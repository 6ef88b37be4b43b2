#!/usr/bin/env bash
# Build the libFuzzer targets (tests/fuzz/fuzz_*.cpp) with clang in build-fuzz/ and run each
# for a bounded time over a scratch corpus seeded from tests/data.
#
#   bash scripts/fuzz.sh [NAME...]     # e.g. `bash scripts/fuzz.sh npy`; default: every target
#
# Environment:
#   FUZZ_SECONDS    time per target (default 60)
#   FUZZ_BUILD_DIR  build directory (default build-fuzz)
#   FUZZ_SEED_MAX   largest seed file copied into a corpus, bytes (default 262144)
#   JOBS            build jobs, and targets fuzzed at once (default 2)
#   CXX_FUZZ        clang++ to use (default clang++)
#   FUZZ_WERROR     warnings are errors in this build too (default ON)
#   FUZZ_MERGE      1: a campaign run. The committed corpus tests/fuzz/corpus/<target>/ is
#                   read as usual, and after a clean run the inputs that add coverage are
#                   merged into it (libFuzzer -merge=1; inputs over FUZZ_CORPUS_MAX bytes,
#                   default 65536, are left out) and one line per target is appended to
#                   tests/fuzz/campaign.tsv (date, wall and CPU seconds, executions, edges,
#                   features, corpus size, result, commit). Commit both afterwards.
#
# Every run reads the committed corpus (if any) besides the seeds, so coverage accumulates
# from one campaign to the next; ctest replays the committed corpora (replay_<target>).
#
# Do not pause a running campaign (SIGSTOP, or a suspended VM) for longer than 10 s: the
# -timeout=10 below counts wall time, so the input in flight is then reported as a timeout.
# To end a run early without a verdict, send SIGUSR1 to the fuzz_* processes (libFuzzer then
# exits as if its time were up, and the merge and ledger steps run).
#
# Exit status: 0 when every target ran its time without a finding; 1 on a crash, leak,
# timeout, OOM or sanitizer report (the input is kept under $FUZZ_BUILD_DIR/artifacts/ with a
# command to replay it); 2 when clang or libFuzzer is not installed (nothing was run).
set -euo pipefail
# shellcheck source=SCRIPTDIR/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"
cd "$SKOPS_ROOT"

FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
FUZZ_BUILD_DIR="${FUZZ_BUILD_DIR:-build-fuzz}"
# The build directory as an absolute path (FUZZ_BUILD_DIR may be either).
fuzz_dir="$FUZZ_BUILD_DIR"
[[ "$fuzz_dir" = /* ]] || fuzz_dir="$SKOPS_ROOT/$fuzz_dir"
FUZZ_SEED_MAX="${FUZZ_SEED_MAX:-262144}"
CXX_FUZZ="${CXX_FUZZ:-clang++}"

# --- is libFuzzer usable? ---------------------------------------------------------------
have_libfuzzer() {
  command -v "$CXX_FUZZ" >/dev/null 2>&1 || return 1
  local probe
  probe="$(mktemp -d)"
  printf '%s\n' '#include <cstddef>' '#include <cstdint>' \
    'extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }' \
    >"$probe/probe.cpp"
  local rc=0
  "$CXX_FUZZ" -fsanitize=fuzzer,address,undefined "$probe/probe.cpp" -o "$probe/probe" \
    >/dev/null 2>&1 || rc=1
  rm -rf "$probe"
  return "$rc"
}
if ! have_libfuzzer; then
  echo "fuzz: $CXX_FUZZ with libFuzzer not found (Debian: apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi

# --- which targets ------------------------------------------------------------------------
names=()
if (($#)); then
  names=("$@")
else
  shopt -s nullglob
  for src in tests/fuzz/fuzz_*.cpp; do
    src="${src##*/fuzz_}"
    names+=("${src%.cpp}")
  done
  shopt -u nullglob
fi
if ((${#names[@]} == 0)); then
  echo "fuzz: no tests/fuzz/fuzz_*.cpp target exists yet; nothing to run"
  exit 0
fi

# --- build ------------------------------------------------------------------------------
# The libraries are instrumented too (cmake/SkopsFuzz.cmake); tests, CLI and examples are
# left out, so this build compiles only what the fuzzers link.
skops_configure "$FUZZ_BUILD_DIR" -DCMAKE_CXX_COMPILER="$CXX_FUZZ" \
  -DSKOPS_BUILD_FUZZ=ON -DSKOPS_BUILD_TESTS=OFF -DSKOPS_BUILD_CLI=OFF \
  -DSKOPS_BUILD_EXAMPLES=OFF -DSKOPS_BUILD_BENCH=OFF -DSKOPS_INSTALL=OFF \
  -DSKOPS_WERROR="${FUZZ_WERROR:-ON}"
targets=()
for name in "${names[@]}"; do targets+=("fuzz_$name"); done
skops_compile "$FUZZ_BUILD_DIR" "${targets[@]}"

# --- seed corpora -----------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/skops-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# seed DIR EXT...: copy tests/data files with these extensions (flattened, unique names).
seed() {
  local dir="$1"
  shift
  mkdir -p "$dir"
  local ext f
  for ext in "$@"; do
    while IFS= read -r -d '' f; do
      local rel="${f#tests/data/}"
      cp "$f" "$dir/${rel//\//__}"
    done < <(find tests/data -type f -name "*.$ext" -size -"$((FUZZ_SEED_MAX + 1))"c -print0)
  done
}

# seed_members DIR PATTERN: members of the seed .skops files (schema.json, *.npy), taken out
# with Python's zipfile when python3 is present; malformed archives are skipped.
seed_members() {
  command -v python3 >/dev/null 2>&1 || return 0
  python3 - "$1" "$2" "$FUZZ_SEED_MAX" <<'PY' || true
import fnmatch, os, pathlib, sys, zipfile
out, pattern, cap = pathlib.Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
for path in sorted(pathlib.Path("tests/data").rglob("*.skops")):
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if fnmatch.fnmatch(info.filename, pattern) and 0 < info.file_size <= cap:
                    name = str(path.relative_to("tests/data")).replace(os.sep, "__")
                    (out / (name + "__" + info.filename.replace("/", "_"))).write_bytes(
                        z.read(info))
    except Exception:
        pass
PY
}

# What each target parses decides its seeds; an unknown target gets everything.
seed_for() {
  local name="$1" dir="$2"
  case "$name" in
    *npy*) seed "$dir" npy; seed_members "$dir" '*.npy' ;;
    *npz*) seed "$dir" npz; seed_members "$dir" '*.npz' ;;
    *schema* | *json*) seed_members "$dir" 'schema.json' ;;
    *load* | *archive* | *zip* | *document*) seed "$dir" skops ;;
    *) seed "$dir" skops npy json; seed_members "$dir" 'schema.json' ;;
  esac
}

# merge_back NAME BIN NEW COMMITTED: the inputs of NEW (this run's finds) that add coverage
# to COMMITTED are copied into it; small inputs only, so the repository stays small.
merge_back() {
  local name="$1" bin="$2" new="$3" committed="$4" small="$work/small_$1"
  local cap="${FUZZ_CORPUS_MAX:-65536}"
  mkdir -p "$committed" "$small"
  find "$new" -type f -size -"$((cap + 1))"c -exec cp {} "$small/" \;
  local before after
  before="$(find "$committed" -type f | wc -l)"
  "$bin" -merge=1 -rss_limit_mb=2048 -timeout=10 "$committed" "$small" >"$work/merge_$name.log" 2>&1 ||
    { echo "fuzz_$name: merge failed; see its log:"; tail -n 20 "$work/merge_$name.log"; return 0; }
  after="$(find "$committed" -type f | wc -l)"
  echo "fuzz_$name: merged $((after - before)) inputs into $committed ($after files, $(du -sk "$committed" | cut -f1) KiB)"
}

# --- run --------------------------------------------------------------------------------
artifacts="$fuzz_dir/artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# run_one NAME: one target for FUZZ_SECONDS; its verdict line goes to $work/result_NAME
# ("ok ..." or "FAILED ...") and its report to $work/report_NAME.
run_one() {
  local name="$1"
  local bin="$fuzz_dir/tests/fuzz/fuzz_$name"
  local seeds="$work/seeds_$name" corpus="$work/corpus_$name" log="$work/fuzz_$name.log"
  local out="$work/report_$name" committed="tests/fuzz/corpus/$name"
  mkdir -p "$corpus"
  rm -f "$artifacts/${name}-"*  # findings of an earlier run must not be reported as this one's
  seed_for "$name" "$seeds"
  local nseeds dict=() rc=0 execs cov ft inputs=("$corpus")
  nseeds="$(find "$seeds" -type f | wc -l)"
  [[ -d "$committed" ]] && inputs+=("$committed")
  inputs+=("$seeds")
  [[ -f "tests/fuzz/fuzz_$name.dict" ]] && dict=(-dict="tests/fuzz/fuzz_$name.dict")
  echo "==> fuzz_$name for ${FUZZ_SECONDS}s ($nseeds seeds, committed corpus $(find "$committed" -type f 2>/dev/null | wc -l))" >"$out"
  # CPU seconds (user + system) of the run: what the campaign ledger counts, since a run's
  # wall time overstates the work on a busy machine.
  local TIMEFORMAT='%U %S'
  { time { "$bin" -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$artifacts/${name}-" "${dict[@]}" \
    "${inputs[@]}" >"$log" 2>&1 || rc=$?; }; } 2>"$work/cpu_$name"
  local cpu
  cpu="$(awk '{printf "%.0f", $1 + $2}' "$work/cpu_$name" 2>/dev/null || echo '?')"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)"
  ft="$(grep -o 'ft: [0-9]*' "$log" | tail -1 || true)"
  if ((rc == 0)); then
    echo "fuzz_$name: ok, ${execs:-?} executions, ${cov:-cov: ?}, corpus $(find "$corpus" -type f | wc -l) new inputs" >>"$out"
    echo "fuzz_$name: ok (${execs:-?} execs)" >"$work/result_$name"
    [[ "${FUZZ_MERGE:-0}" == 1 ]] && merge_back "$name" "$bin" "$corpus" "$committed" >>"$out" 2>&1
  fi
  if [[ "${FUZZ_MERGE:-0}" == 1 ]]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$name" \
      "$FUZZ_SECONDS" "$cpu" "${execs:-?}" "${cov#cov: }" "${ft#ft: }" \
      "$(find "$committed" -type f 2>/dev/null | wc -l)" "$([[ $rc == 0 ]] && echo ok || echo "FAILED($rc)")" \
      "$(git rev-parse --short HEAD 2>/dev/null || echo ?)" >>"$work/ledger_$name"
  fi
  if ((rc != 0)); then
    {
      echo "fuzz_$name: FAILED (exit $rc) after ${execs:-?} executions; end of its log:"
      tail -n 60 "$log"
      cp "$log" "$artifacts/fuzz_$name.log"
      for a in "$artifacts/${name}-"*; do
        [[ -f "$a" ]] || continue
        echo "  reproducer: $a"
        echo "    replay:  $FUZZ_BUILD_DIR/tests/fuzz/fuzz_$name $a   (or build/tests/fuzz/replay_$name $a)"
      done
    } >>"$out"
    echo "fuzz_$name: FAILED (exit $rc, ${execs:-?} execs)" >"$work/result_$name"
  fi
}

# JOBS targets at a time (each libFuzzer process uses one core): the same time per target,
# a fraction of the wall time.
running=0
for name in "${names[@]}"; do
  run_one "$name" &
  running=$((running + 1))
  if ((running >= JOBS)); then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true

summary=()
failed=0
for name in "${names[@]}"; do
  cat "$work/report_$name" 2>/dev/null || true
  result="$(cat "$work/result_$name" 2>/dev/null || echo "fuzz_$name: FAILED (no result)")"
  [[ "$result" == *": ok "* ]] || failed=1
  summary+=("$result")
done

if [[ "${FUZZ_MERGE:-0}" == 1 ]]; then
  [[ -f tests/fuzz/campaign.tsv ]] ||
    printf 'date\ttarget\twall_seconds\tcpu_seconds\texecutions\tedges\tfeatures\tcorpus_files\tresult\tcommit\n' >tests/fuzz/campaign.tsv
  for name in "${names[@]}"; do cat "$work/ledger_$name" 2>/dev/null >>tests/fuzz/campaign.tsv || true; done
fi

skops_log "fuzz summary (${FUZZ_SECONDS}s per target)"
printf '  %s\n' "${summary[@]}"
exit "$failed"
