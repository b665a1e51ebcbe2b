"""Times inspect_ai's own `read_eval_log` against `assay grade` on one big
`.eval` log, in the same run. Run by scripts/bench-inspect.sh.

The log is made by replicating the real samples of tests/data/inspect/run.eval
(written by inspect-ai itself) under fresh ids and uuids, into a zip with
Inspect's own layout and compression (zstd members, header.json,
summaries.json), so both readers see exactly what Inspect writes.

usage: bench-inspect.py ASSAY_BIN OUT.eval SAMPLES
"""

import json
import os
import resource
import subprocess
import sys
import time
import zipfile

import inspect_ai._util.zipfile  # noqa: F401  (registers zstd with zipfile)
from inspect_ai._util.zipfile import zipfile_compress_kwargs
from inspect_ai.log import read_eval_log

assay, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
src = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "inspect", "run.eval")

with zipfile.ZipFile(src) as z:
    header = json.loads(z.read("header.json"))
    samples = [
        json.loads(z.read(name))
        for name in z.namelist()
        if name.startswith("samples/") and name.endswith(".json")
    ]

t0 = time.perf_counter()
summaries = []
with zipfile.ZipFile(out, "w", **zipfile_compress_kwargs) as z:
    z.writestr("_journal/start.json", json.dumps({"version": 2, "eval": header["eval"], "plan": header["plan"]}))
    for i in range(n):
        s = dict(samples[i % len(samples)])
        s["id"] = f"{s['id']}-r{i // len(samples)}"
        s["uuid"] = f"bench{i:017d}"
        z.writestr(f"samples/{s['id']}_epoch_{s['epoch']}.json", json.dumps(s))
        summaries.append({"id": s["id"], "epoch": s["epoch"], "uuid": s["uuid"], "input": "", "target": "", "metadata": s["metadata"], "scores": {}})
    header["eval"]["dataset"]["samples"] = n
    header["results"] = header.get("results") and dict(header["results"], total_samples=n, completed_samples=n)
    z.writestr("summaries.json", json.dumps(summaries))
    z.writestr("header.json", json.dumps(header))
size = os.path.getsize(out)
print(f"wrote {out}: {n} samples, {size / 1e6:.1f} MB (in {time.perf_counter() - t0:.1f} s)")


def best(f, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = f()
        times.append(time.perf_counter() - t)
    return min(times), r


# Warm the page cache so both readers start from the same place.
with open(out, "rb") as f:
    while f.read(1 << 24):
        pass

t_assay, r = best(
    lambda: subprocess.run([assay, "grade", "-q", "--format", "json", "-o", os.devnull, out], check=True),
    3,
)
rss_assay = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
t_inspect, log = best(lambda: read_eval_log(out), 1)
rss_inspect = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
assert len(log.samples) == n, len(log.samples)
print(f"inspect_ai {__import__('inspect_ai').__version__} read_eval_log: {t_inspect:.2f} s, peak RSS {rss_inspect:.0f} MiB")
print(f"assay grade ({os.cpu_count()} threads): {t_assay:.2f} s (read, convert and grade every sample), peak RSS {rss_assay:.0f} MiB")
print(f"speed-up: {t_inspect / t_assay:.1f}x")
