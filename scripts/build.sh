#!/usr/bin/env bash
# Shared build helpers for scripts/*.sh and .ci/run. Source it, or run it directly:
#
#   bash scripts/build.sh [BUILD_DIR [CMAKE_ARGS...]]    # configure + build everything
#
# Environment: JOBS (default 2), CMAKE_BUILD_TYPE (default RelWithDebInfo).
set -euo pipefail

SKOPS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${JOBS:-2}"

skops_log() { printf '\n==> %s\n' "$*"; }

# skops_configure DIR [CMAKE_ARGS...]: configure DIR (relative to the repo root) with Ninja.
# A cache left by another generator would make cmake refuse, so it is dropped first.
skops_configure() {
  local dir="$1"
  shift
  [[ "$dir" = /* ]] || dir="$SKOPS_ROOT/$dir"
  if [[ -f "$dir/CMakeCache.txt" ]] &&
     ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$dir/CMakeCache.txt"; then
    skops_log "dropping $dir/CMakeCache.txt (configured with another generator)"
    rm -rf "$dir/CMakeCache.txt" "$dir/CMakeFiles"
  fi
  skops_log "configure $dir"
  cmake -S "$SKOPS_ROOT" -B "$dir" -G Ninja \
    -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" "$@"
}

# skops_compile DIR [TARGET...]: build DIR (all targets by default).
skops_compile() {
  local dir="$1"
  shift
  [[ "$dir" = /* ]] || dir="$SKOPS_ROOT/$dir"
  local targets=()
  if (($#)); then targets=(--target "$@"); fi
  skops_log "build $dir ${*:-(all)} with $JOBS jobs"
  cmake --build "$dir" -j "$JOBS" "${targets[@]}"
}

# skops_build DIR [CMAKE_ARGS...]: configure and build everything.
skops_build() {
  skops_configure "$@"
  skops_compile "$1"
}

# skops_ctest DIR [CTEST_ARGS...]: run the suite; ctest prints its summary line
# ("100% tests passed, 0 tests failed out of N").
skops_ctest() {
  local dir="$1"
  shift
  [[ "$dir" = /* ]] || dir="$SKOPS_ROOT/$dir"
  skops_log "ctest in $dir with $JOBS jobs"
  (cd "$dir" && ctest --output-on-failure -j "$JOBS" "$@")
}

# The default configuration of build/, shared by demo.sh and test.sh so that one does not
# reconfigure (and rebuild) what the other built. Warnings are errors, as in CI.
SKOPS_DEFAULT_ARGS=(-DSKOPS_WERROR=ON)

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  if (($#)); then
    skops_build "$@"
  else
    skops_build build "${SKOPS_DEFAULT_ARGS[@]}"
  fi
fi
