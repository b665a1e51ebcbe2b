#!/usr/bin/env bash
# Agreement of the built-in rubric (or --rubric FILE) with each evaluation
# set, reported separately: failure recall counting contested records as
# sent on (found or contested), silent false alarms on clean records, the
# share contested, and the accuracy of decided verdicts. The sets under
# tests/data/eval/ were written apart from the rubric and are frozen: read
# these numbers, never tune the rubric on the records behind them.
#
#   scripts/eval-report.sh [--rubric FILE] [EXTRA.jsonl ...]
set -euo pipefail
cd "$(dirname "$0")/.."
rubric=()
if [ "${1:-}" = "--rubric" ]; then rubric=(--rubric "$2"); shift 2; fi
bin=${ASSAY:-target/release/assay}
[ -x "$bin" ] || cargo build --release --quiet
printf '%-28s %5s %20s %16s %11s %18s\n' set records "failure found|cont." "silent FA" contested "decided accuracy"
for set in tests/data/eval/*/records.jsonl tests/data/sample-sweep.jsonl "$@"; do
  "$bin" agree ${rubric[@]+"${rubric[@]}"} --format json --show 0 "$set" | python3 -c '
import json, sys
r = json.load(sys.stdin)
f = [b for b in r["behaviours"] if b["name"] == "failure"][0]
a = f["abstention"]; n = r["inputs"]["labelled"]; pos = f["tp"] + f["fn"]; neg = f["fp"] + f["tn"]
acc = a["decided_accuracy"]
print("%-28s %5d %13d/%-3d %.2f %9d/%-3d %.3f %5d %.3f %.3f [%.3f, %.3f]" % (sys.argv[1][-28:], n,
  a["positives_found_or_contested"], pos, a["positives_found_or_contested"] / max(pos, 1),
  a["silent_false_alarms"], neg, a["silent_false_alarms"] / max(neg, 1),
  a["contested"], a["contested"] / max(n, 1), acc["value"], acc["low"], acc["high"]))
' "$set"
done
