#!/usr/bin/env bash
# Makes sure a Chromium the crawler can drive exists: installs Debian's package when it is missing
# and apt-get is usable (Puppeteer's own browser download needs the internet, which CI lacks).
exec bash "$(dirname "$0")/ensure-package.sh" Chromium chromium /usr/bin/chromium \
  "install Chromium or Chrome and set CHROME_PATH." \
  "${CHROME_PATH:-}" "${PUPPETEER_EXECUTABLE_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable
