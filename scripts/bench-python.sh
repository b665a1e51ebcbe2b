#!/usr/bin/env bash
# Python `assay.grade` against the CLI on one generated sweep, same threads:
# median wall time of RUNS runs each (release builds of both).
# Usage: scripts/bench-python.sh [RECORDS] [THREADS] [RUNS]   (default 100000 ≈ 1 GB, all cores, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-100000}"
threads="${2:-$(nproc)}"
runs="${3:-3}"
ASSAY_PY_RELEASE=1 scripts/test-python.sh -q python/tests/test_grade.py -k equals_cli > /dev/null
cargo build --quiet --release --bin assay
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
target/release/assay gen -q --records "$records" --seed 1 --output "$dir/sweep.jsonl"
echo "sweep: $records records, $(du -m "$dir/sweep.jsonl" | cut -f1) MB; threads $threads; runs $runs"
target/pyvenv/bin/python - "$dir/sweep.jsonl" "$threads" "$runs" <<'PY'
import statistics, subprocess, sys, time
import assay
path, threads, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def cli():
    subprocess.run(["target/release/assay", "grade", path, "-q", "-j", str(threads),
                    "--format", "json", "-o", "/dev/null"], check=True)
def py():
    assay.grade(path, threads=threads).render("json")
res = {}
for name, f in (("cli", cli), ("python", py)):
    f()  # warm the page cache
    ts = []
    for _ in range(runs):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    res[name] = statistics.median(ts)
    print(f"{name:7s} median {res[name]:.3f} s  ({', '.join(f'{t:.3f}' for t in ts)})")
print(f"python / cli = {res['python'] / res['cli']:.3f}")
PY
