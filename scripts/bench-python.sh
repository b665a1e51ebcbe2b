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
# Ray's overhead over the CLI at 2 workers, where scripts/test-ray.sh made its venv:
# the sweep cut into 8 files, one batch per file, one thread per worker.
ray_venv=target/pyvenv-ray
[ "${BENCH_RAY:-1}" = 0 ] && ray_venv=/nonexistent
if [ -x "$ray_venv/bin/python" ]; then
  CARGO_TARGET_DIR="$PWD/target" VIRTUAL_ENV="$PWD/$ray_venv" PATH="$PWD/$ray_venv/bin:$PATH" \
    "$ray_venv/bin/maturin" develop --quiet --release --manifest-path python/Cargo.toml
  split -n l/8 -d --additional-suffix=.jsonl "$dir/sweep.jsonl" "$dir/part-"
  rm "$dir/sweep.jsonl"
  "$ray_venv/bin/python" - "$dir" "$runs" <<'PY'
import glob, statistics, subprocess, sys, time
import ray, assay.ray
d, runs = sys.argv[1], int(sys.argv[2])
parts = sorted(glob.glob(f"{d}/part-*.jsonl"))
ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
def cli():
    subprocess.run(["target/release/assay", "grade", *parts, "-q", "-j", "2", "--format", "json",
                    "-o", "/dev/null"], check=True)
def on_ray():
    ds = ray.data.from_items([{"path": p} for p in parts])
    assay.ray.grade_dataset(ds, batch_size=1).render("json")
res = {}
for name, f in (("cli -j 2", cli), ("ray x2", on_ray)):
    f()
    ts = []
    for _ in range(runs):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    res[name] = statistics.median(ts)
    print(f"{name:8s} median {res[name]:.3f} s  ({', '.join(f'{t:.3f}' for t in ts)})")
print(f"ray / cli = {res['ray x2'] / res['cli -j 2']:.3f}")
PY
fi
