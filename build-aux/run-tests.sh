#!/bin/sh
# Runs the whole test suite headless: a private D-Bus session with an unlocked
# keyring for the libsecret tests, and Xvfb for the GTK tests. Ends with the
# line "N passed, N failed" and fails when any test failed.
set -u

BUILDDIR=${1:-build}
shift 2>/dev/null || true

WORK=$(mktemp -d "${TMPDIR:-/tmp}/patchbay-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
mkdir -p "$WORK/home" "$WORK/data" "$WORK/config" "$WORK/cache" "$WORK/runtime"
chmod 700 "$WORK/runtime"

export HOME="$WORK/home"
export XDG_DATA_HOME="$WORK/data"
export XDG_CONFIG_HOME="$WORK/config"
export XDG_CACHE_HOME="$WORK/cache"
export XDG_RUNTIME_DIR="$WORK/runtime"
export GSETTINGS_BACKEND=memory
export NO_AT_BRIDGE=1
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

dbus-run-session -- sh -c '
  eval "$(printf patchbay | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
  export GNOME_KEYRING_CONTROL
  exec xvfb-run -a -s "-screen 0 1280x800x24" \
    meson test -C "$0" --print-errorlogs --num-processes 2 "$@"
' "$BUILDDIR" "$@"
status=$?

python3 - "$BUILDDIR/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
try:
    with open(sys.argv[1]) as log:
        for line in log:
            result = json.loads(line).get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
except FileNotFoundError:
    pass
summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
PY

exit $status
