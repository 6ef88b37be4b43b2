#!/usr/bin/env bash
# Install what is missing, build build/ (warnings are errors) and run the whole test suite.
# Run from anywhere: bash scripts/test.sh [CTEST_ARGS...]
set -euo pipefail
# shellcheck source=SCRIPTDIR/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"
cd "$SKOPS_ROOT"

bash scripts/install-deps.sh
skops_build build "${SKOPS_DEFAULT_ARGS[@]}"
skops_ctest build "$@"
