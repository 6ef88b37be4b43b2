#!/bin/sh
# A second Python reference environment with scikit-learn 1.4.2 (Debian 13 "trixie":
# python3-sklearn 1.4.2, numpy 2.2, Python 3.13) beside Debian 12's scikit-learn 1.2.1, so
# that files skops-cpp writes can be checked with Python skops under both corpus versions.
# A developer aid: needs root, debootstrap and the Debian mirror; no build or test uses it.
#
#   scripts/python_env_trixie.sh ROOT setup              # debootstrap once (~300 MB)
#   scripts/python_env_trixie.sh ROOT run CMD [ARG]...   # run CMD there, in this directory
#
# For the run, the host's / is bind-mounted at ROOT/host (unmounted after), so this directory, the skops source and the
# build are all visible; ROOT/opt/skops-cpp runs the host's skops-cpp binary (set
# SKOPS_CPP, default build/src/cli/skops-cpp) with the host's own loader and libraries. E.g.
#
#   scripts/python_env_trixie.sh /work/trixie run env PYTHONPATH=/host/work/ref \
#     python3 scripts/python_roundtrip.py --cli /opt/skops-cpp \
#       --corpus tests/data/corpus/sklearn-1.4.2
set -eu
root=${1:?usage: python_env_trixie.sh ROOT setup|run CMD...}
action=${2:?usage: python_env_trixie.sh ROOT setup|run CMD...}
shift 2

case "$action" in
setup)
  if [ ! -x "$root/usr/bin/python3" ]; then
    command -v debootstrap >/dev/null || apt-get install -y debootstrap
    debootstrap --variant=minbase \
      --include=python3-sklearn,python3-scipy,python3-pandas,python3-packaging,python3-prettytable \
      trixie "$root" http://deb.debian.org/debian
  fi
  ;;
run)
  [ -x "$root/usr/bin/python3" ] || { echo "run '$0 $root setup' first" >&2; exit 2; }
  mkdir -p "$root/host" "$root/opt"
  mountpoint -q "$root/host" || mount --rbind / "$root/host"
  mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
  cli=$(realpath "${SKOPS_CPP:-build/src/cli/skops-cpp}")
  # The host's loader by its real path: /lib64's link is absolute and would resolve to the
  # guest's loader inside the chroot.
  loader=$(realpath /lib64/ld-linux-x86-64.so.2)
  cat >"$root/opt/skops-cpp" <<EOF
#!/bin/sh
exec /host$loader \\
  --library-path /host/usr/lib/x86_64-linux-gnu:/host/lib/x86_64-linux-gnu /host$cli "\$@"
EOF
  chmod +x "$root/opt/skops-cpp"
  here=$(pwd)
  # Unmounted on the way out: a bind of / left under ROOT would let `rm -rf ROOT` reach the
  # host's files.
  trap 'umount -R "$root/host" 2>/dev/null; umount "$root/proc" 2>/dev/null' EXIT
  chroot "$root" /usr/bin/env -C "/host$here" "$@"
  ;;
*)
  echo "unknown action $action (setup or run)" >&2
  exit 64
  ;;
esac
