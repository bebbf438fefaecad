#!/usr/bin/env bash
# Makes sure a `redis-server` exists for the distributed queue's tests (test/helpers/redis.ts starts
# its own on a free loopback port): installs Debian's `redis-server` with apt-get when it is missing
# and apt-get is usable (as root, or with password-less sudo). Never starts or enables the system
# service: the package's service is stopped again when apt-get started it (policy-rc.d is honoured
# where present, but not every image has one).
set -eu
if command -v redis-server >/dev/null 2>&1; then
  echo "cookie-audit: using $(redis-server --version | head -n1)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "cookie-audit: no redis-server found and no apt-get to install one; install Redis 6.2 or later (redis-server on the PATH)." >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "cookie-audit: no redis-server found; run 'sudo apt-get install -y redis-server' (needs root)." >&2
    exit 0
  fi
fi
echo "cookie-audit: installing Debian's redis-server with apt-get…"
export DEBIAN_FRONTEND=noninteractive
# 101 from policy-rc.d tells invoke-rc.d not to start services during this install. Only written
# when the image has none, and removed afterwards.
policy=/usr/sbin/policy-rc.d
made_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod 755 "$policy" && made_policy=1
fi
cleanup() { if [ -n "$made_policy" ]; then $SUDO rm -f "$policy"; fi; }
trap cleanup EXIT
$SUDO apt-get install -y --no-install-recommends redis-server >/dev/null 2>&1 || {
  $SUDO apt-get update >/dev/null 2>&1 && $SUDO apt-get install -y --no-install-recommends redis-server >/dev/null
}
echo "cookie-audit: installed $(redis-server --version 2>/dev/null | head -n1 || echo redis-server)"
