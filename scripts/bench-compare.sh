#!/usr/bin/env bash
# Times `assay grade` against DuckDB and plain Python (json + re) doing the
# same job on the same warm ~1 GB sweep with the same number of threads, and
# adds `assay bench` (bare simd-json parse baseline, grade/parse ratio,
# 1 -> T speed-up, peak anonymous memory). Prints a markdown table; writes the
# same as JSON to $OUT when set. Not run in CI: the full run takes minutes.
#
# Usage: scripts/bench-compare.sh
# Environment:
#   THREADS=2         threads for every tool (DuckDB threads, Python processes)
#   RECORDS=100000    records to generate (~1 GB) when SWEEP is not given
#   SWEEP=FILE        use this sweep instead of generating one
#   RUNS=3            timed runs per tool (median reported; Python stops
#                     after one run when that run took over 60 s)
#   OUT=FILE          also write the results as JSON here
#   BENCH_VENV=DIR    reuse a virtualenv that has duckdb (default: a fresh
#                     throwaway one under the temporary directory)
#
# The comparison's work lives in scripts/bench-compare.py: it reads the
# patterns from `assay rubric show` with tomllib (never a hand-copied list).
set -euo pipefail
cd "$(dirname "$0")/.."

threads="${THREADS:-2}"
records="${RECORDS:-100000}"
runs="${RUNS:-3}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A throwaway virtualenv with DuckDB (PyPI). tomllib needs Python 3.11+.
venv="${BENCH_VENV:-$work/venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet duckdb
fi
"$venv/bin/python" -c 'import sys, tomllib, duckdb; assert sys.version_info >= (3, 11)' || {
  echo "bench-compare: $venv needs Python 3.11+ (tomllib) and duckdb" >&2
  exit 2
}

cargo build --release --quiet
assay="$PWD/target/release/assay"

if [ -n "${SWEEP:-}" ]; then
  sweep="$SWEEP"
else
  sweep="$work/sweep.jsonl"
  "$assay" gen --records "$records" --seed 1 --output "$sweep" >&2
fi

args=(run --assay "$assay" --sweep "$sweep" --threads "$threads" --runs "$runs" --workdir "$work")
if [ -n "${OUT:-}" ]; then
  args+=(--out "$OUT")
fi
"$venv/bin/python" scripts/bench-compare.py "${args[@]}"
