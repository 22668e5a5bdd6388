#!/usr/bin/env bash
# Takes the screenshots that the AppStream metainfo names, from the real
# window under Xvfb, in Chinese and in English:
#   data/screenshots/take-screenshots.sh [BUILD_DIR]
# BUILD_DIR (default _build) must be configured with the window (-Dgui=true)
# and built. Chinese needs the zh_CN.UTF-8 locale (locale-gen) and a CJK font
# (fonts-noto-cjk).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/_build}" && pwd)
test_program="$build/tests/gui/test-shell"

ninja -C "$build" tests/gui/test-shell po/zh_CN/LC_MESSAGES/kaifang.mo data/gschemas.compiled

# The build folder's translations, laid out as bindtextdomain() wants them.
locales=$(mktemp -d)
trap 'rm -rf "$locales"' EXIT
mkdir -p "$locales/zh_CN/LC_MESSAGES"
cp "$build/po/zh_CN/LC_MESSAGES/kaifang.mo" "$locales/zh_CN/LC_MESSAGES/"

take () {
  local lang=$1 locale=$2
  env GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory GDK_BACKEND=x11 \
    GTK_A11Y=none NO_AT_BRIDGE=1 ADW_DISABLE_PORTAL=1 GSK_RENDERER=cairo TZ=Asia/Shanghai \
    LANGUAGE="$lang" LANG="$locale" LC_ALL="$locale" \
    KF_SCREENSHOT_DIR="$here" KF_SCREENSHOT_LANG="$lang" KF_SCREENSHOT_LOCALEDIR="$locales" \
    xvfb-run -a -s "-screen 0 1280x800x24" "$test_program" -p /gui/shell/screenshots
}

take zh_CN zh_CN.UTF-8
take en C.UTF-8
ls -l "$here"/*.png
