#!/bin/sh
# Installs the Debian/Ubuntu packages Patchbay needs to build, run and test,
# skipping the work when everything is already there.
set -eu

PACKAGES="meson ninja-build pkg-config gcc make python3 libglib2.0-dev libgtk-4-dev
  libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libsecret-1-dev
  libgtksourceview-5-dev gettext appstream desktop-file-utils xvfb xauth dbus dbus-x11
  at-spi2-core imagemagick xdotool gnome-keyring libsecret-tools flatpak-builder curl
  fonts-cantarell adwaita-icon-theme"

missing=""
for pkg in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $pkg"
  fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "These packages are missing and there is no sudo to install them:$missing" >&2
  exit 1
fi

echo "Installing:$missing"
$SUDO apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
