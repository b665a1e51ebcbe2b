#!/usr/bin/env bash
# Many files against one: the same generated ~1 GB sweep graded as one file
# and split into 100, 1,000 and 10,000 files (100 per directory, nested),
# at 1 thread and at all cores. Prints the median wall time of three warm
# runs, user+system CPU time, and each layout's time relative to the single
# file. Also checks that every layout reports the same counts.
#
#   scripts/scale-files.sh                  # RECORDS=100000 THREADS="1 nproc"
#   ASSAY=path/to/assay RECORDS=20000 scripts/scale-files.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ASSAY=${ASSAY:-target/release/assay}
RECORDS=${RECORDS:-100000}
THREADS=${THREADS:-"1 $(nproc)"}
[ -x "$ASSAY" ] || cargo build --release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sweep="$work/sweep.jsonl"
"$ASSAY" gen --records "$RECORDS" --seed 1 --output "$sweep" --quiet
layouts=("$sweep")
for n in 100 1000 10000; do
  [ "$n" -le "$RECORDS" ] || continue
  d="$work/files-$n"
  mkdir -p "$d"
  split -l $(( (RECORDS + n - 1) / n )) -d -a 5 --additional-suffix=.jsonl "$sweep" "$d/part-"
  # 100 files per directory, so the walk is exercised too.
  i=0
  for f in "$d"/part-*.jsonl; do
    sub="$d/dir-$(( i / 100 ))"
    mkdir -p "$sub"
    mv "$f" "$sub/"
    i=$(( i + 1 ))
  done
  layouts+=("$d")
done
echo "sweep: $RECORDS records, $(stat -c %s "$sweep") bytes; $(nproc) cores"
printf '| input | threads | median s | CPU s (user+sys) | vs one file |\n|---|--:|--:|--:|--:|\n'
for t in $THREADS; do
  base=""
  for input in "${layouts[@]}"; do
    find "$input" -type f -exec cat {} + > /dev/null
    runs=()
    cpus=()
    for _ in 1 2 3; do
      # bash's own `time`: a bare machine may have no GNU time.
      out=$( { TIMEFORMAT='%R %U %S'; time "$ASSAY" grade "$input" -q --threads "$t" --format json > "$work/report.json"; } 2>&1 | tail -1)
      runs+=("$(echo "$out" | awk '{print $1}')")
      cpus+=("$(echo "$out" | awk '{print $2 + $3}')")
    done
    med=$(printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p)
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n 2p)
    [ -n "$base" ] || base=$med
    counts=$(python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))["inputs"]; print(v["graded"], v["malformed"])' "$work/report.json")
    if [ "$input" = "$sweep" ]; then ref=$counts; name="one file"; else name="$(find "$input" -type f | wc -l) files"; fi
    [ "$counts" = "$ref" ] || { echo "counts differ for $name: $counts vs $ref" >&2; exit 1; }
    awk -v n="$name" -v t="$t" -v m="$med" -v c="$cpu" -v b="$base" \
      'BEGIN { printf "| %s | %s | %.2f | %.2f | %.2f× |\n", n, t, m, c, m / b }'
  done
done
