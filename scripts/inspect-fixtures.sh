#!/usr/bin/env bash
# Regenerates tests/data/inspect/ with the real `inspect-ai` package: installs it
# into a throwaway virtualenv (PyPI), runs a small agentic-misalignment-shaped
# task with Inspect's mock model, and writes .eval, .json and chunked .eval logs.
# Usage: scripts/inspect-fixtures.sh [OUT_DIR]   (default tests/data/inspect)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-tests/data/inspect}"
venv="${INSPECT_VENV:-$(mktemp -d)/venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet inspect-ai
fi
"$venv/bin/python" scripts/inspect-fixtures.py "$out"
"$venv/bin/pip" show inspect-ai | sed -n 's/^Version: /inspect-ai /p'
