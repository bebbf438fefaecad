#!/usr/bin/env bash
# Makes sure a program exists for ensure-chromium.sh, ensure-firefox.sh and ensure-redis.sh: the
# first executable candidate, else Debian's package installed with apt-get when it is missing and
# apt-get is usable (as root or with password-less sudo; a tool's own download needs the internet,
# which CI lacks). With NO_SERVICE=1 the package's system service is not started by the install
# (a policy-rc.d that says no, written only where the image has none, removed afterwards).
#
# Usage: [NO_SERVICE=1] ensure-package.sh NAME PACKAGE BINARY HINT CANDIDATE...
#   NAME       what to call it in messages (Chromium, Firefox, redis-server)
#   PACKAGE    Debian package to install (chromium, firefox-esr, redis-server)
#   BINARY     where the package puts the browser (for the closing message)
#   HINT       what to do without apt-get or root ("install … and set CHROME_PATH.")
set -eu
name=$1 package=$2 binary=$3 hint=$4
shift 4
for b in "$@"; do
  if [ -n "$b" ] && [ -x "$b" ]; then
    echo "cookie-audit: using $name $b"
    exit 0
  fi
done
if ! command -v apt-get >/dev/null 2>&1; then
  echo "cookie-audit: no $name found and no apt-get to install one; $hint" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "cookie-audit: no $name found; run 'sudo apt-get install -y $package' (needs root)." >&2
    exit 0
  fi
fi
echo "cookie-audit: installing Debian's $package with apt-get…"
export DEBIAN_FRONTEND=noninteractive
if [ "${NO_SERVICE:-}" = 1 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod 755 /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get install -y --no-install-recommends "$package" >/dev/null 2>&1 || {
  $SUDO apt-get update >/dev/null 2>&1 && $SUDO apt-get install -y --no-install-recommends "$package" >/dev/null
}
echo "cookie-audit: installed $("$binary" --version 2>/dev/null || echo "$package")"
