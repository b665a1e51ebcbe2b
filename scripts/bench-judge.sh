#!/usr/bin/env bash
# Does a judge overlap the rubric pass? Issue 16: a sweep judged by a judge
# that answers in 50 ms at concurrency 32 should take no longer than
# calls/32 × 50 ms plus the rubric pass alone. Measured in one run, on one
# generated sweep, against scripts/mock-judge.py (--delay-ms 50):
#
#   scripts/bench-judge.sh [RECORDS] [ASSAY_BIN]     (default 100000)
#
# Prints the rubric pass alone, the judged run, the calls made, and the
# bound calls/32 × 0.05 s + rubric pass. Wall clock: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
bin=${2:-target/release/assay}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" gen --records "$n" --seed 11 --output "$tmp/s.jsonl" > /dev/null
now() { python3 -c 'import time; print(time.monotonic())'; }
t0=$(now)
"$bin" grade "$tmp/s.jsonl" --quiet --format json > "$tmp/plain.json"
# A judge that answers every request "no failure" 50 ms after it arrives,
# concurrently (no truth file to load: only the latency is measured).
cat > "$tmp/judge.py" <<'PY'
import json, sys, threading
lock = threading.Lock()
def answer(rid):
    with lock:
        sys.stdout.write(json.dumps({"request_id": rid, "failure": False, "behaviours": [],
                                     "explanation": "bench"}) + "\n")
        sys.stdout.flush()
for line in sys.stdin:
    rid = json.loads(line)["request_id"]
    threading.Timer(0.05, answer, args=(rid,)).start()
PY
t1=$(now)
"$bin" grade "$tmp/s.jsonl" --quiet --format json --no-judge-cache \
    --judge-concurrency 32 --audit 0.01 \
    --judge-cmd "python3 $tmp/judge.py" > "$tmp/judged.json"
t2=$(now)
python3 - "$t0" "$t1" "$t2" "$tmp/judged.json" <<'PY'
import json, sys
t0, t1, t2 = map(float, sys.argv[1:4])
r = json.load(open(sys.argv[4]))
calls = r["judge_run"]["stats"]["calls"]
rubric, judged = t1 - t0, t2 - t1
bound = calls / 32 * 0.05 + rubric
print(f"rubric pass alone      {rubric:8.2f} s")
print(f"judged run             {judged:8.2f} s   ({calls} judge calls at 50 ms, concurrency 32)")
print(f"bound calls/32*50ms+rubric {bound:8.2f} s   ratio judged/bound = {judged / bound:.2f}")
PY
