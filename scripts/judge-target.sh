#!/usr/bin/env bash
# Issue 16's target, measured: with a judge that is always right on the
# records it sees (scripts/mock-judge.py answering from each set's labels),
# a 5 % audit (at least --audit-min per model) and 99 % intervals, is every
# model's labelled failure rate inside its corrected interval, how wide are
# the intervals, and what share of records goes to the judge?
#
#   scripts/judge-target.sh [ASSAY_BIN]
#
# Sets: the frozen evaluation sets, the development set and the bundled
# sample, each reported apart. Only aggregates are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/assay}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sets=(tests/data/eval/harness-acts tests/data/eval/context-hard tests/data/dev tests/data/sample-sweep.jsonl)
# The frozen sets hold 40-150 records a model, where the audit minimum (30)
# dominates; a generated sweep of GEN records (default 12000, 2000 a model)
# shows the regime the target is stated for. Its labels come from our own
# generator, so it is reported apart and says nothing about validity.
gen=${GEN:-12000}
if [ "$gen" -gt 0 ]; then
    mkdir -p "$tmp/gen"
    "$bin" gen --records "$gen" --seed 20261206 --output "$tmp/gen/sweep.jsonl" > /dev/null 2>&1
    sets+=("$tmp/gen")
fi
printf '%-28s %6s %8s %8s %9s %10s %s\n' set records sent "sent%" "covered" "max width" "median width"
for s in "${sets[@]}"; do
    [ -e "$s" ] || { echo "skip $s (absent)"; continue; }
    files=$(find "$s" -name '*.jsonl' ! -name 'v.jsonl' ! -name 'truth.jsonl' | sort)
    cat $files > "$tmp/truth.jsonl"
    "$bin" grade $files --by model --format json --quiet --confidence 0.99 \
        --audit 0.05 --no-judge-cache \
        --judge-cmd "python3 scripts/mock-judge.py --truth $tmp/truth.jsonl" \
        --verdicts "$tmp/v.jsonl" > "$tmp/r.json"
    python3 - "$s" "$tmp/r.json" "$tmp/v.jsonl" "$tmp/truth.jsonl" <<'PY'
import json, sys, statistics
name, report, verdicts, truth = sys.argv[1:]
r = json.load(open(report))
# The labelled failure rate per model, from the truth file's labels.
lab = {}
for line in open(truth):
    line = line.strip()
    if not line:
        continue
    rec = json.loads(line)
    l = rec.get("label")
    if l is None:
        continue
    f = l if isinstance(l, bool) else l.get("failure")
    if f is None:
        continue
    m = rec.get("model", "")
    k, n = lab.get(m, (0, 0))
    lab[m] = (k + bool(f), n + 1)
covered, widths, total = 0, [], 0
groups = r["groups"]
for g in groups:
    m = g["key"]["model"]
    k, n = lab.get(m, (0, 0))
    t = k / n if n else float("nan")
    lo, hi = g["ci"]["low"], g["ci"]["high"]
    covered += lo <= t <= hi
    widths.append(hi - lo)
sent = r["judge_run"]["stats"]["requests"]
records = r["total"]["n"]
name = "generated sweep" if "/gen" in name else name
print(f"{name:<28} {records:>6} {sent:>8} {100*sent/records:>7.1f}% {covered:>4}/{len(groups):<4} "
      f"{100*max(widths):>9.1f} {100*statistics.median(widths):>10.1f}")
PY
done
