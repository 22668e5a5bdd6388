#!/usr/bin/env bash
# Installs the Debian 12 packages that Kaifang needs to build, run and test,
# and only those that are missing. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libsqlite3-dev sqlite3 libjson-glib-dev libsoup-3.0-dev
  libgtk-4-dev libadwaita-1-dev
  librsvg2-common
  desktop-file-utils appstream
  xvfb xauth
  curl
  poppler-utils fonts-noto-cjk
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

echo "Installing: ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
