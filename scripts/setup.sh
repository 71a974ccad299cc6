#!/usr/bin/env bash
# Set up the project on this machine (a virtual environment in .venv with the pinned
# requirements) and build the national site into site/. Safe to run again at any time.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  cat <<'HELP'
usage: bash scripts/setup.sh

Set up the project on this machine: a virtual environment in .venv with the pinned requirements,
Chromium for the browser tests (installed with apt-get when run as root), then the national site
built into site/. Safe to run again at any time.

Exit codes: 0 done; anything else: the step that failed printed why.
HELP
  exit 0
fi

if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv …"
  python3 -m venv .venv
fi
echo "Installing the pinned requirements …"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
if [ ! -x /usr/bin/chromium ]; then
  # The browser tests drive Debian's Chromium (Playwright cannot download its own here).
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium for the browser tests …"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; the browser tests will fail until it is installed"
  else
    echo "note: the browser tests need Chromium at /usr/bin/chromium: sudo apt-get install chromium"
  fi
fi
echo "Building the national site …"
.venv/bin/python scripts/build.py
echo "Done: open site/index.html, or preview with: .venv/bin/mkdocs serve"
