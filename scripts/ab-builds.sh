#!/usr/bin/env bash
# Two builds of assay side by side on the same machine and the same generated
# ~1 GB sweep, as one file, 1,000 files and 10,000 files: the median wall
# time of three warm runs each (the builds alternate), peak anonymous memory
# (RssAnon, sampled), and the start-up time on a one-record file (median of
# 9). Used on the lent 16-core machine, where a figure from another run or
# another machine cannot be compared.
#
#   OLD=path/to/old/assay NEW=target/release/assay THREADS="16 2" scripts/ab-builds.sh
set -uo pipefail
OLD=${OLD:?the old build}
NEW=${NEW:-target/release/assay}
THREADS=${THREADS:-$(nproc)}
RECORDS=${RECORDS:-100000}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
"$NEW" gen --records "$RECORDS" --seed 1 --output "$w/sweep.jsonl" --quiet
mkdir -p "$w/f10k" "$w/f1k"
split -l $(( (RECORDS + 9999) / 10000 )) -d -a 5 --additional-suffix=.jsonl "$w/sweep.jsonl" "$w/f10k/part-"
split -l $(( (RECORDS + 999) / 1000 )) -d -a 5 --additional-suffix=.jsonl "$w/sweep.jsonl" "$w/f1k/part-"
peak() {
  "$@" > /dev/null 2>&1 &
  local pid=$! p=0 v
  while kill -0 "$pid" 2>/dev/null; do
    v=$(awk '/RssAnon/ {print $2}' "/proc/$pid/status" 2>/dev/null)
    [ -n "$v" ] && [ "$v" -gt "$p" ] && p=$v
    sleep 0.002
  done
  echo $((p / 1024))
}
TIMEFORMAT='%R'
echo "| build | input | threads | median s (3) | peak RssAnon MB |"
echo "|---|---|--:|--:|--:|"
for t in $THREADS; do
  for input in sweep.jsonl f1k f10k; do
    for b in "$OLD" "$NEW"; do
      find "$w/$input" -type f -exec cat {} + > /dev/null
      s=$(for _ in 1 2 3; do { time "$b" grade "$w/$input" -q --threads "$t" > /dev/null; } 2>&1; done | sort -g | sed -n 2p)
      m=$(peak "$b" grade "$w/$input" -q --threads "$t")
      echo "| $b | $input | $t | $s | $m |"
    done
  done
done
echo
echo "start-up, one record, median of 9:"
head -1 "$w/sweep.jsonl" > "$w/one.jsonl"
for b in "$OLD" "$NEW"; do
  s=$(for _ in 1 2 3 4 5 6 7 8 9; do { time "$b" grade "$w/one.jsonl" -q > /dev/null; } 2>&1; done | sort -g | sed -n 5p)
  echo "$b: $s s"
done
