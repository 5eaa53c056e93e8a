#!/usr/bin/env bash
# Runs before `pnpm test`: makes sure the system services the tests start are installed.
# The Redis-backed model cache is tested against a real redis-server started by the test
# harness on 127.0.0.1; on a fresh Debian/Ubuntu machine (as root) it is installed here.
# With REDIS_URL set the cache tests use that server instead, so nothing needs installing.
set -euo pipefail
if [ -n "${REDIS_URL:-}" ]; then exit 0; fi
if command -v redis-server >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-deps: installing redis-server (apt-get) for the cache tests" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  # Debian starts a system instance; the tests start their own on a free port.
  (service redis-server stop >/dev/null 2>&1 || true)
  exit 0
fi
echo "ensure-test-deps: redis-server is required by the cache tests." >&2
echo "Install it (e.g. sudo apt-get install redis-server, brew install redis) and re-run pnpm test." >&2
exit 1
