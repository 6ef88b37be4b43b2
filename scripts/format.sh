#!/usr/bin/env bash
# clang-format over the project's C++ sources (.clang-format: Google base, 100 columns).
#
#   bash scripts/format.sh          # report: list the files clang-format would change
#   bash scripts/format.sh --fix    # rewrite them in place
#
# The report always exits 0 (CI runs it as information); --fix exits non-zero on error.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

fix=0
case "${1:-}" in
  "") ;;
  --fix) fix=1 ;;
  *) echo "usage: bash scripts/format.sh [--fix]" >&2; exit 64 ;;
esac

if ! command -v clang-format >/dev/null 2>&1; then
  echo "format: clang-format not installed (Debian: apt-get install clang-format); skipped"
  exit 0
fi

files=()
while IFS= read -r -d '' f; do files+=("$f"); done < <(
  find include src tests bench examples -type f \
    \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.cc' \) \
    -not -path 'tests/data/*' -print0 2>/dev/null | sort -z)

if ((fix)); then
  ((${#files[@]} == 0)) || clang-format -i "${files[@]}"
  echo "format: formatted ${#files[@]} files"
  exit 0
fi

unformatted=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || unformatted+=("$f")
done
echo "format: ${#unformatted[@]} of ${#files[@]} files differ from .clang-format"
if ((${#unformatted[@]})); then
  printf '  %s\n' "${unformatted[@]}"
  echo "  (bash scripts/format.sh --fix rewrites them)"
fi
exit 0
