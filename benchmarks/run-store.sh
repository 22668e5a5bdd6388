#!/usr/bin/env bash
# Builds the store benchmark in a release build and runs it, after printing
# the facts of the machine that the figures depend on. Arguments go to
# bench-store (try --help; --visits 100000 for a quick run).
#
#   benchmarks/run-store.sh [--visits N] [--dir DIR] ...
#
# BUILDDIR picks the build directory (default _build-bench).
set -euo pipefail
cd "$(dirname "$0")/.."

builddir="${BUILDDIR:-_build-bench}"
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --buildtype=release
fi
ninja -C "$builddir" benchmarks/bench-store

# The work directory decides the disk being measured.
workdir="${TMPDIR:-/tmp}"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --dir) workdir="${args[i + 1]:-$workdir}" ;;
    --dir=*) workdir="${args[i]#--dir=}" ;;
  esac
done

echo "== machine"
echo "processors: $(nproc)"
grep -m1 'model name' /proc/cpuinfo || true
free -m | sed -n 2p
df -h "$workdir" | tail -1
dev="$(df --output=source "$workdir" | tail -1)"
lsblk -d -o NAME,ROTA,SIZE,MODEL "$dev" 2>/dev/null || true
echo "sqlite3 shell: $(sqlite3 --version)"
echo

# Asia/Shanghai: arrived_at and created_at carry +08:00, as at a real base.
TZ=Asia/Shanghai LC_ALL=C.UTF-8 "$builddir/benchmarks/bench-store" "$@"
