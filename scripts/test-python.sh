#!/usr/bin/env bash
# Builds the Python package (python/, pyo3 + maturin) into a virtualenv cached
# under target/ and runs its pytest suite. Ends with the line
# `test result: ok. N passed; M failed` so that .ci/run counts the tests.
# Usage: scripts/test-python.sh [pytest args]   (ASSAY_PY_RELEASE=1: release build)
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${ASSAY_PY_VENV:-target/pyvenv}"
want="${ASSAY_PY_DEPS:-maturin pytest pandas pyarrow polars inspect-ai}"
if [ ! -x "$venv/bin/python" ] || [ ! -f "$venv/.assay-deps" ] || [ "$(cat "$venv/.assay-deps")" != "$want" ]; then
  python3 -m venv "$venv"
  # shellcheck disable=SC2086
  "$venv/bin/pip" install --quiet $want
  echo "$want" > "$venv/.assay-deps"
fi
# The CLI the tests compare with (same sources as the package).
cargo build --quiet --bin assay
export ASSAY_BIN="$PWD/target/debug/assay"
profile=()
[ "${ASSAY_PY_RELEASE:-0}" = 1 ] && profile=(--release)
# The root target folder: python/Cargo.lock pins the root's versions and the
# profiles match, so the dependencies compiled for the CLI are reused.
CARGO_TARGET_DIR="$PWD/target" VIRTUAL_ENV="$PWD/$venv" PATH="$PWD/$venv/bin:$PATH" \
  "$venv/bin/maturin" develop --quiet --manifest-path python/Cargo.toml "${profile[@]}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
"$venv/bin/python" -m pytest -q -p no:cacheprovider "${@:-python/tests}" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
passed=$(grep -Eo '[0-9]+ passed' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
failed=$(grep -Eo '[0-9]+ failed' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
errors=$(grep -Eo '[0-9]+ errors?' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
failed=$((failed + errors))
if [ "$rc" -eq 0 ] || [ "$rc" -eq 5 ]; then
  echo "test result: ok. $passed passed; $failed failed (python)"
else
  echo "test result: FAILED. $passed passed; $failed failed (python)"
fi
exit "$rc"
