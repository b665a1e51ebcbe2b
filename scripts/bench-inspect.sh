#!/usr/bin/env bash
# Times `assay grade` against inspect_ai's own `read_eval_log` on one large
# generated .eval log (default 50,000 samples), in the same run. Installs
# inspect-ai into a throwaway virtualenv (PyPI) unless INSPECT_VENV points
# at one. Usage: scripts/bench-inspect.sh [SAMPLES]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-50000}"
venv="${INSPECT_VENV:-$(mktemp -d)/venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet inspect-ai
fi
cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" scripts/bench-inspect.py target/release/assay "$work/big.eval" "$n"
