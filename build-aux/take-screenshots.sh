#!/bin/sh
# Takes the screenshots in data/screenshots/ from the real app running its
# demo account: every page in the light and the dark style, at 1280×800.
#
# Usage: build-aux/take-screenshots.sh BUILDDIR
#
# Each shot starts the app afresh in temporary XDG directories, with a
# settings keyfile that opens the wanted page at the wanted size, then waits
# for conditions (the window, synced webhooks, stored deliveries) rather than
# for fixed times. Needs xvfb-run, xdotool, imagemagick and sqlite3.

set -eu

BUILDDIR=$(cd "${1:-build}" && pwd)
SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
OUTDIR="$SRCDIR/data/screenshots"
APP="$BUILDDIR/src/ui/patchbay"
MIN_DELIVERIES=5

if [ -z "${PB_SCREENSHOTS_IN_XVFB:-}" ]; then
  PB_SCREENSHOTS_IN_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$BUILDDIR"
fi

for tool in xdotool import sqlite3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done
[ -x "$APP" ] || { echo "$APP is not built" >&2; exit 1; }
mkdir -p "$OUTDIR"

# wait_for DESCRIPTION SECONDS COMMAND…: runs COMMAND until it succeeds.
wait_for () {
  what=$1 limit=$2
  shift 2
  tries=$((limit * 10))
  until "$@" >/dev/null 2>&1; do
    tries=$((tries - 1))
    if [ "$tries" -le 0 ]; then
      echo "Timed out waiting for $what" >&2
      return 1
    fi
    sleep 0.1
  done
}

db_count () {
  sqlite3 -readonly "$XDG_DATA_HOME/patchbay/patchbay.db" "SELECT count(*) FROM $1" 2>/dev/null
}

has_webhooks () { [ "$(db_count webhooks)" -gt 0 ] 2>/dev/null; }
has_deliveries () { [ "$(db_count deliveries)" -ge "$MIN_DELIVERIES" ] 2>/dev/null; }
window_named () { xdotool search --onlyvisible --name "$1"; }

# The last frames of a transition, and the rendering of what just changed.
settle () {
  sleep 1
}

start_app () {
  page=$1 scheme=$2
  TMP=$(mktemp -d)
  mkdir -p "$TMP/config/glib-2.0/settings" "$TMP/data" "$TMP/cache" "$TMP/runtime"
  chmod 700 "$TMP/runtime"
  cat > "$TMP/config/glib-2.0/settings/keyfile" <<KEYFILE
[io/github/patchbay/Patchbay]
last-page='$page'
window-width=1280
window-height=800
window-maximized=false
KEYFILE

  export HOME="$TMP" XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data"
  export XDG_CACHE_HOME="$TMP/cache" XDG_RUNTIME_DIR="$TMP/runtime"
  export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$BUILDDIR/data"
  export GIO_USE_PROXY_RESOLVER=dummy NO_AT_BRIDGE=1 LANG=C.UTF-8
  if [ "$scheme" = dark ]; then
    export ADW_DEBUG_COLOR_SCHEME=prefer-dark
  else
    export ADW_DEBUG_COLOR_SCHEME=prefer-light
  fi

  "$APP" --demo >"$TMP/app.log" 2>&1 &
  APP_PID=$!
  wait_for "the window" 30 window_named Patchbay
  WINDOW=$(xdotool search --onlyvisible --name Patchbay | head -n 1)
  wait_for "the demo webhooks" 30 has_webhooks
  wait_for "$MIN_DELIVERIES deliveries" 90 has_deliveries
}

stop_app () {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  rm -rf "$TMP"
}

shoot () {
  name=$1 scheme=$2
  # Away from every control, so that no hover or tooltip shows.
  xdotool mousemove 1279 799
  settle
  import -window root "$OUTDIR/$name-$scheme.png"
  echo "$OUTDIR/$name-$scheme.png"
}

# click X Y: a left click at a point of the 1280×800 screen, where the window
# sits at the origin since Xvfb runs no window manager.
click () {
  xdotool mousemove "$1" "$2" click 1
}

# center TITLE TOP: moves a dialog, which Xvfb leaves at the origin, to the
# middle of the screen, TOP pixels from its top.
center () {
  dialog=$(xdotool search --onlyvisible --name "$1" | head -n 1)
  eval "$(xdotool getwindowgeometry --shell "$dialog")"
  xdotool windowmove "$dialog" $(((1280 - WIDTH) / 2)) "$2"
  settle
}

for scheme in light dark; do
  start_app webhooks "$scheme"
  shoot webhooks "$scheme"
  # The page's "New Webhook" button, then the editor's event row.
  click 319 28
  wait_for "the editor" 10 window_named "New Webhook"
  center "New Webhook" 90
  click 640 265
  wait_for "the event picker" 10 window_named "Choose an Event"
  center "Choose an Event" 40
  shoot editor "$scheme"
  stop_app

  start_app live-log "$scheme"
  # The newest delivery, at the top of the list.
  click 550 270
  shoot live-log "$scheme"
  stop_app

  start_app coverage "$scheme"
  shoot coverage "$scheme"
  stop_app
done
