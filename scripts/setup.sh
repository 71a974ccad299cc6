#!/usr/bin/env bash
# Set up the project on this machine (a virtual environment in .venv with the pinned
# requirements) and build the national site into site/. Safe to run again at any time.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv …"
  python3 -m venv .venv
fi
echo "Installing the pinned requirements …"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
echo "Building the national site …"
.venv/bin/python scripts/build.py
echo "Done: open site/index.html, or preview with: .venv/bin/mkdocs serve"
