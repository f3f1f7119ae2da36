#!/bin/sh
# Runs the benchmarks of a build directory (the Makefile builds them first) in
# a scratch home, so that no user data or settings are touched: first the
# receiver against a bare server, then the webhooks page and the live log on a
# virtual display in a private D-Bus session.
# Extra arguments go to the receiver benchmark, e.g. --connections 64 --requests 10000;
# BENCH_UI_ARGS goes to the UI one, e.g. BENCH_UI_ARGS="--webhooks 20000".
# Fails when a benchmark finds something missing (an acknowledged delivery,
# a row); never on time.
set -u

BUILDDIR=${1:-build}
shift 2>/dev/null || true

BENCH="$BUILDDIR/tests/bench/bench-receiver"
BENCH_UI="$BUILDDIR/tests/bench/bench-ui"
if [ ! -x "$BENCH" ]; then
  echo "run-bench: $BENCH is not built; run 'make bench' or 'ninja -C $BUILDDIR'" >&2
  exit 1
fi
for tool in xvfb-run dbus-run-session; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run-bench: $tool is missing; run 'make deps'" >&2
    exit 1
  fi
done

SCHEMA_DIR=$(cd "$BUILDDIR/data" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/patchbay-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
mkdir -p "$WORK/home" "$WORK/data" "$WORK/config" "$WORK/cache" "$WORK/runtime"
chmod 700 "$WORK/runtime"

export HOME="$WORK/home"
export XDG_DATA_HOME="$WORK/data"
export XDG_CONFIG_HOME="$WORK/config"
export XDG_CACHE_HOME="$WORK/cache"
export XDG_RUNTIME_DIR="$WORK/runtime"
export TMPDIR="$WORK"
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$SCHEMA_DIR"
# Every request goes to 127.0.0.1; the desktop's proxy settings play no part.
export GIO_USE_PROXY_RESOLVER=dummy

status=0

echo "== receiver"
"$BENCH" "$@" || status=1

echo
echo "== webhooks page and live log"
if [ -x "$BENCH_UI" ]; then
  # Xvfb has no GPU; the cairo renderer is the software path the figures are for.
  # shellcheck disable=SC2086
  GSK_RENDERER=cairo NO_AT_BRIDGE=1 \
    dbus-run-session -- \
    xvfb-run -a -s "-screen 0 1280x800x24" "$BENCH_UI" ${BENCH_UI_ARGS:-} || status=1
else
  echo "skipped: this build has no UI (configured with -Dui=false)"
fi

exit $status
