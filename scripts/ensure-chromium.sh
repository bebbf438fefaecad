#!/usr/bin/env bash
# Makes sure a Chromium the crawler can drive exists: installs Debian's package when it is missing
# and apt-get is usable (Puppeteer's own browser download needs the internet, which CI lacks).
set -eu
for b in "${CHROME_PATH:-}" "${PUPPETEER_EXECUTABLE_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
  if [ -n "$b" ] && [ -x "$b" ]; then
    echo "cookie-audit: using browser $b"
    exit 0
  fi
done
if ! command -v apt-get >/dev/null 2>&1; then
  echo "cookie-audit: no Chromium found and no apt-get to install one; install Chromium or Chrome and set CHROME_PATH." >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "cookie-audit: no Chromium found; run 'sudo apt-get install -y chromium' (needs root)." >&2
    exit 0
  fi
fi
echo "cookie-audit: installing Debian's chromium with apt-get…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || {
  $SUDO apt-get update >/dev/null 2>&1 && $SUDO apt-get install -y --no-install-recommends chromium >/dev/null
}
echo "cookie-audit: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
