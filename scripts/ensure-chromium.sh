#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (playwright-core cannot download its own browser
# here). Install it when it is missing and we may (root with apt-get); otherwise say what to do.
# The tests themselves fail, never skip, when the browser is absent.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (apt-get install chromium)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is missing: install Debian's chromium package (sudo apt-get install chromium) for the browser tests." >&2
exit 0
