#!/usr/bin/env bash
# Installs what is missing, builds Kaifang with warnings as errors, and runs
# every test. The log meson writes is _build/meson-logs/testlog.json.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

if [ -f _build/build.ninja ]; then
  meson setup --reconfigure _build -Dwerror=true >/dev/null
else
  meson setup _build -Dwerror=true
fi
ninja -C _build
meson test -C _build --print-errorlogs --num-processes 2 "$@"
