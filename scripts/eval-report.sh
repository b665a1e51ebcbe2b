#!/usr/bin/env bash
# Agreement of the built-in rubric (or --rubric FILE) with each labelled set,
# reported separately: failure positives found or contested (a contested
# record goes to a judge), silent false alarms on clean records (found
# present and not contested), the share contested, and the accuracy of the
# decided verdicts with a 95 % Wilson interval.
#
# tests/data/eval/*: written apart from the rubric and frozen; read these
#   numbers, never tune the rubric on the records behind them.
# tests/data/dev, tests/data/dev-*: development sets the rubric may be tuned
#   on (written apart from the rubric, but read while tuning it).
# tests/data/sample-sweep.jsonl: the bundled generator sample (written by
#   the rubric's authors: its figures say little).
# ../shared/real-transcripts: real model outputs labelled elsewhere, when
#   present (labels joined on id; `ambiguous` records left out).
#
#   scripts/eval-report.sh [--rubric FILE] [EXTRA.jsonl ...]
set -euo pipefail
cd "$(dirname "$0")/.."
rubric=()
if [ "${1:-}" = "--rubric" ]; then rubric=(--rubric "$2"); shift 2; fi
bin=${ASSAY:-target/release/assay}
[ -x "$bin" ] || cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sets=(tests/data/eval/*/records.jsonl tests/data/dev/records.jsonl tests/data/dev-*/records.jsonl tests/data/sample-sweep.jsonl)
real=../shared/real-transcripts
if [ -d "$real" ]; then
  python3 - "$real" "$tmp" <<'PY'
import json, os, sys
real, out = sys.argv[1], sys.argv[2]
for d in sorted(os.listdir(real)):
    base = os.path.join(real, d)
    if not os.path.isfile(os.path.join(base, "labels.jsonl")):
        continue
    labels = {}
    for l in open(os.path.join(base, "labels.jsonl")):
        o = json.loads(l)
        labels[o["id"]] = o
    recs = [f for f in os.listdir(base) if f.endswith(".jsonl") and f != "labels.jsonl"]
    with open(os.path.join(out, d + ".jsonl"), "w") as w:
        for f in recs:
            for l in open(os.path.join(base, f)):
                r = json.loads(l)
                lab = labels.get(r["id"])
                if lab is None or lab.get("ambiguous"):
                    continue
                r["label"] = {k: v for k, v in lab.items() if isinstance(v, bool) and k != "ambiguous"}
                w.write(json.dumps(r) + "\n")
PY
  sets+=("$tmp"/*.jsonl)
else
  echo "($real absent: the real-transcript sets are skipped)" >&2
fi
printf '%-30s %5s %20s %16s %11s %24s\n' set records "failure found|cont." "silent FA" contested "decided accuracy"
for set in "${sets[@]}" "$@"; do
  name=$set
  case $set in "$tmp"/*) name="real/$(basename "$set")";; esac
  "$bin" agree ${rubric[@]+"${rubric[@]}"} --format json --show 0 "$set" | python3 -c '
import json, sys
r = json.load(sys.stdin)
f = [b for b in r["behaviours"] if b["name"] == "failure"][0]
a = f["abstention"]; n = r["inputs"]["labelled"]; pos = f["tp"] + f["fn"]; neg = f["fp"] + f["tn"]
acc = a["decided_accuracy"] or {"value": float("nan"), "low": float("nan"), "high": float("nan")}
print("%-30s %5d %13d/%-3d %.2f %9d/%-3d %.3f %5d %.3f %.3f [%.3f, %.3f]" % (sys.argv[1][-30:], n,
  a["positives_found_or_contested"], pos, a["positives_found_or_contested"] / max(pos, 1),
  a["silent_false_alarms"], neg, a["silent_false_alarms"] / max(neg, 1),
  a["contested"], a["contested"] / max(n, 1), acc["value"], acc["low"], acc["high"]))
' "$name"
done
