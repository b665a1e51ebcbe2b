#!/usr/bin/env bash
# Regenerates the reference table for assay::stats::ppi in a throwaway venv.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet numpy scipy statsmodels
"$tmp/venv/bin/python" "$here/ppi-reference.py"
