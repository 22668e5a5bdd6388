#!/usr/bin/env bash
# Installs what is missing, builds Kaifang, installs it into ./_install (no
# root needed for that part) and starts the window on its own local database
# (~/.local/share/kaifang/kaifang.db; no hub needed). On the first run the
# window asks for the role; a base can try it with the demo data.
#
# Arguments go to the program, e.g. `scripts/run.sh --db /tmp/try.db`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

prefix="$PWD/_install"
if [ ! -f _build-run/build.ninja ]; then
  meson setup _build-run --prefix="$prefix" >/dev/null
fi
ninja -C _build-run >/dev/null
meson install -C _build-run --quiet >/dev/null

export XDG_DATA_DIRS="$prefix/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export GSETTINGS_SCHEMA_DIR="$prefix/share/glib-2.0/schemas"
exec "$prefix/bin/kaifang" "$@"
