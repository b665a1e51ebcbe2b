#!/usr/bin/env bash
# Thread scaling of `assay grade` on one generated ~1 GB sweep: the median of
# three wall-clock runs at each thread count, plus `assay bench` (bare-parse
# baseline, stage shares, latency, memory) at 1 and all cores.
#
#   scripts/scale.sh [THREADS...]        # default: 1 2 4 8 ... up to nproc
#   ASSAY=path/to/assay RECORDS=100000 OUT=dir scripts/scale.sh
#
# Used on the lent 16-core machine for docs/performance.md's scaling table; on the
# 2-core dev VM it gives the 1→2 figure.
set -euo pipefail
cd "$(dirname "$0")/.."
ASSAY=${ASSAY:-target/release/assay}
RECORDS=${RECORDS:-100000}
OUT=${OUT:-$(mktemp -d)}
[ -x "$ASSAY" ] || cargo build --release
cores=$(nproc)
if [ $# -gt 0 ]; then threads=("$@"); else
  threads=(); t=1; while [ "$t" -le "$cores" ]; do threads+=("$t"); t=$((t * 2)); done
  [ "${threads[-1]}" -eq "$cores" ] || threads+=("$cores")
fi
sweep=$(mktemp -d)/sweep.jsonl
trap 'rm -f "$sweep"' EXIT
"$ASSAY" gen --records "$RECORDS" --seed 1 --output "$sweep" --quiet
bytes=$(stat -c %s "$sweep")
echo "sweep: $RECORDS records, $bytes bytes; $cores cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
"$ASSAY" bench --input "$sweep" --threads "$cores" --runs 3 > "$OUT/bench.txt" 2> "$OUT/bench.log"
printf '| threads | median s | MB/s | speed-up |\n|---:|---:|---:|---:|\n'
base=""
for t in "${threads[@]}"; do
  runs=()
  for _ in 1 2 3; do
    cat "$sweep" > /dev/null
    s=$(date +%s.%N); "$ASSAY" grade "$sweep" --quiet --threads "$t" > /dev/null; e=$(date +%s.%N)
    runs+=("$(awk -v a="$s" -v b="$e" 'BEGIN { print b - a }')")
  done
  med=$(printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p)
  [ -n "$base" ] || base=$med
  awk -v t="$t" -v m="$med" -v b="$bytes" -v z="$base" 'BEGIN { printf "| %s | %.3f | %.0f | %.2f× |\n", t, m, b / 1e6 / m, z / m }'
done | tee "$OUT/scaling.md"
cat "$OUT/bench.txt"
