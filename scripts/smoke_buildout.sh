#!/usr/bin/env bash
# Smoke test of the buildout path: build bin/instance, start it, wait for the
# Zope root to answer 200, stop it.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-18081}"
started=$(date +%s)
echo "[1/3] make buildout …"
make --no-print-directory buildout BUILDOUT_ARGS="instance:http-address=$PORT"
built=$(date +%s)
echo "buildout took $((built - started)) s"

if curl -s -o /dev/null "http://localhost:$PORT/"; then
    echo "Port $PORT is already in use: stop what runs there or set PORT=…" >&2
    exit 1
fi
log=$(mktemp)
echo "[2/3] bin/instance fg on port $PORT …"
# its own process group, so that stopping it stops the Zope process too
setsid bin/instance fg >"$log" 2>&1 &
pid=$!
trap 'kill -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$PORT/" || true)
    [ "$code" = "200" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.5
done
if [ "${code:-}" != "200" ]; then
    echo "bin/instance did not answer 200 (last: ${code:-none}). Its log:" >&2
    tail -n 50 "$log" >&2
    exit 1
fi
echo "[3/3] bin/instance answered 200 after $(( $(date +%s) - built )) s; stopping it."
echo "buildout smoke test passed"
