#!/usr/bin/env bash
# Makes sure a Firefox the extension's Firefox test (test/extension/firefox.browser.test.ts) can drive
# exists: installs Debian's firefox-esr (140 or later) when it is missing and apt-get is usable.
# Without one the Firefox test fails, saying to run this script.
exec bash "$(dirname "$0")/ensure-package.sh" Firefox firefox-esr /usr/bin/firefox-esr \
  "install Firefox 140 or later (ESR) and set FIREFOX_PATH." \
  "${FIREFOX_PATH:-}" /usr/bin/firefox-esr /usr/bin/firefox
