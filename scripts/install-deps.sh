#!/usr/bin/env bash
# Install, with apt-get, whichever build and test dependencies of skops-cpp are missing.
#
#   bash scripts/install-deps.sh        # compiler, CMake, Ninja and the libraries
#   bash scripts/install-deps.sh --ci   # plus clang + libFuzzer, clang-format, python3-numpy
#
# Idempotent: when everything is installed it only says so (no apt-get update, no network).
# Needs root (or password-less sudo) only when something is missing. Debian 12 package names.
set -euo pipefail

packages=(
  build-essential g++ cmake ninja-build pkg-config
  libzip-dev libdeflate-dev liblzma-dev libzstd-dev libsimdjson-dev nlohmann-json3-dev libeigen3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev  # examples/inference_service (HTTP server and the test's client)
  python3-numpy       # the demo prints and compares its predictions
  python3-jsonschema  # ctest schema_json_schema (scripts/validate_schemas.py)
  python3-pandas      # ctest table_vs_pandas (the CSV reader against pandas.read_csv)
)
ci_packages=(
  clang libclang-rt-14-dev  # libFuzzer and the sanitizer runtimes for the fuzz build
  clang-format              # the formatting report in .ci/run
)

for arg in "$@"; do
  case "$arg" in
    --ci) packages+=("${ci_packages[@]}") ;;
    -h | --help)
      sed -n '2,9s/^# \{0,1\}//p' "$0"
      exit 0
      ;;
    *)
      echo "install-deps.sh: unknown argument: $arg (try --help)" >&2
      exit 64
      ;;
  esac
done

installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

missing=()
for pkg in "${packages[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: missing: ${missing[*]}"
as_root=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "install-deps: run as root, or install them yourself:" >&2
    echo "  apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "${missing[@]}"

still=()
for pkg in "${missing[@]}"; do
  installed "$pkg" || still+=("$pkg")
done
if ((${#still[@]})); then
  echo "install-deps: still missing after apt-get install: ${still[*]}" >&2
  exit 1
fi
echo "install-deps: installed ${missing[*]}"
