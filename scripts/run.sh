#!/usr/bin/env bash
# Installs what is missing, builds Kaifang and starts it on its own local
# database (no hub needed). For now Kaifang is its command line: on the first
# run the database gets the demo data of a county meteorological bureau, then
# the week's sessions and figures are shown.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

if [ ! -f _build/build.ninja ]; then
  meson setup _build
fi
ninja -C _build >/dev/null

cli=_build/src/cli/kaifang-cli
if ! "$cli" status >/dev/null 2>&1; then
  "$cli" demo >/dev/null
fi
"$cli" status
echo
"$cli" session list --from 2025-05-24 --to 2025-06-01
echo
"$cli" totals --from 2025-05-20 --to 2025-06-10 --by date
