#!/bin/sh
# Runs the receiver benchmark of a build directory (the Makefile builds it
# first) in a scratch home, so that no user data or settings are touched.
# Extra arguments go to the benchmark, e.g. --connections 64 --requests 10000.
# Fails when the benchmark finds an acknowledged delivery missing.
set -u

BUILDDIR=${1:-build}
shift 2>/dev/null || true

BENCH="$BUILDDIR/tests/bench/bench-receiver"
if [ ! -x "$BENCH" ]; then
  echo "run-bench: $BENCH is not built; run 'make bench' or 'ninja -C $BUILDDIR'" >&2
  exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/patchbay-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
mkdir -p "$WORK/home" "$WORK/data" "$WORK/config" "$WORK/cache"

export HOME="$WORK/home"
export XDG_DATA_HOME="$WORK/data"
export XDG_CONFIG_HOME="$WORK/config"
export XDG_CACHE_HOME="$WORK/cache"
export TMPDIR="$WORK"
export GSETTINGS_BACKEND=memory
# Every request goes to 127.0.0.1; the desktop's proxy settings play no part.
export GIO_USE_PROXY_RESOLVER=dummy

"$BENCH" "$@"
