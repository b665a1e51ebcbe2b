#!/usr/bin/env python3
"""An "always right" judge for `assay --judge-cmd`, answering from labels.

    assay grade ... --judge-cmd "python3 scripts/mock-judge.py --truth tests/data/sample-sweep.jsonl"

It reads one JSON request per line on standard input and writes one JSON
verdict per line on standard output (the --judge-cmd protocol), answering
each request from the `label` of the record with the same id, epoch and
model in the truth file (JSON Lines, plain or .gz): `failure` from the label
(or, when the label has no `failure`, whether any of the rubric's failure
behaviours is labelled true) and `behaviours` = the rubric's behaviours whose
label is true. A boolean label gives `failure` and no behaviours.

Options:
  --delay-ms N        answer each request N ms after it arrives; requests are
                      answered concurrently, so answers come out of order
  --error-rate P      answer a fraction P of requests with an invalid verdict
  --seed S            seeds that choice (per request id: the same requests
                      fail whatever the order or concurrency)

A request whose record is not in the truth file gets an invalid verdict
naming why, so the run counts it as a judge failure instead of waiting.
Standard library only.
"""
import argparse
import gzip
import json
import random
import sys
import threading
import time


def key(rec):
    return (json.dumps(rec.get("id")), rec.get("epoch"), rec.get("model"))


def load_truth(path):
    opener = gzip.open if path.endswith(".gz") else open
    truth = {}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if isinstance(rec, dict) and "label" in rec:
                truth[key(rec)] = rec["label"]
    return truth


def verdict(req, label):
    rubric = req.get("rubric", {})
    behaviours = rubric.get("behaviours", [])
    failures = set(rubric.get("failure", []))
    if isinstance(label, bool):
        return {"request_id": req["request_id"], "failure": label,
                "behaviours": [], "explanation": "from the truth file (boolean label)"}
    named = [b for b in behaviours if label.get(b) is True]
    failure = label.get("failure")
    if not isinstance(failure, bool):
        failure = any(b in failures for b in named)
    return {"request_id": req["request_id"], "failure": failure,
            "behaviours": named, "explanation": "from the truth file"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--truth", required=True, help="labelled JSON Lines file")
    ap.add_argument("--delay-ms", type=float, default=0.0)
    ap.add_argument("--error-rate", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    truth = load_truth(a.truth)
    out_lock = threading.Lock()

    def emit(obj):
        with out_lock:
            sys.stdout.write(json.dumps(obj) + "\n")
            sys.stdout.flush()

    def answer(req):
        rid = req.get("request_id")
        if a.delay_ms > 0:
            time.sleep(a.delay_ms / 1000.0)
        if a.error_rate > 0 and random.Random(f"{a.seed}:{rid}").random() < a.error_rate:
            emit({"request_id": rid, "failure": "yes", "behaviours": [],
                  "explanation": "an injected error (--error-rate)"})
            return
        label = truth.get(key(req))
        if label is None:
            emit({"request_id": rid, "error": "no labelled record with this id, epoch and model"})
            return
        emit(verdict(req, label))

    threads = []
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            req = json.loads(line)
        except ValueError:
            continue
        if a.delay_ms > 0:
            t = threading.Thread(target=answer, args=(req,), daemon=True)
            t.start()
            threads.append(t)
            threads = [t for t in threads if t.is_alive()]
        else:
            answer(req)
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()
