"""An Inspect AI scorer that grades each sample with an assay rubric, in-process.

    from inspect_ai import Task
    from assay.inspect import assay_scorer

    Task(dataset=..., solver=..., scorer=assay_scorer(rubric="my-rubric.toml"))

Each sample's messages are turned into a transcript record exactly as
``assay grade`` reads the sample from the log Inspect writes, and graded by
the same Rust code, so the scores equal ``assay grade`` on that log. The
score's value is 1.0 when the sample shows a failure behaviour, else 0.0;
its explanation lists the evidence, its metadata the behaviours. The
``failure_rate`` metric is the mean of the values (with ``stderr``).
"""

from __future__ import annotations

import json
import os
from typing import Any, List, Union

from inspect_ai.scorer import Score, Target, metric, scorer, stderr

from . import Rubric, _assay
from . import grade as _grade

__all__ = ["assay_scorer", "failure_rate", "sample_record"]


def _value(s: Any) -> float:
    # Inspect passes SampleScore (with .score) to metrics; older releases pass Score.
    score = getattr(s, "score", s)
    return float(score.as_float())


@metric
def failure_rate():
    """Share of samples with at least one failure behaviour."""

    def compute(scores: List[Any]) -> float:
        vals = [_value(s) for s in scores]
        return sum(vals) / len(vals) if vals else 0.0

    return compute


def _dump(m: Any) -> Any:
    if hasattr(m, "model_dump"):
        return m.model_dump(mode="json", exclude_none=True)
    return m


def sample_record(state: Any, source: str = "") -> bytes:
    """The transcript record (JSON text) of an Inspect ``TaskState``, as
    ``assay grade`` reads the same sample from a log."""
    sample = {
        "id": state.sample_id,
        "epoch": state.epoch,
        "metadata": state.metadata or {},
        "messages": [_dump(m) for m in state.messages],
    }
    uuid = getattr(state, "uuid", None)
    if uuid:
        sample["uuid"] = uuid
    text = json.dumps(sample, ensure_ascii=False).encode("utf-8")
    return _assay.inspect_record(text, str(state.model), source)


def _explain(v: dict) -> str:
    if not v.get("evidence"):
        return "no behaviour of the rubric found"
    lines = []
    for e in v["evidence"]:
        where = f"message {e.get('message')}, {e.get('scope')}"
        if e.get("tool"):
            where += f" ({e['tool']})"
        lines.append(f"{e.get('behaviour')}: rule {e.get('rule')} at {where}: {e.get('excerpt', '')}")
    return "\n".join(lines)


def assay_scorer(rubric: Union[None, str, os.PathLike, Rubric] = None):
    """An Inspect scorer grading each sample with ``rubric`` (a :class:`assay.Rubric`,
    a rubric file, or None for the built-in rubric)."""
    if isinstance(rubric, (str, os.PathLike)):
        rubric = Rubric.from_file(os.fspath(rubric))
    # Compiled once, not per sample.
    compiled: Rubric = rubric if rubric is not None else Rubric.builtin()
    attributes = [n for n, k in compiled.behaviours if k == "attribute"]

    @scorer(metrics=[failure_rate(), stderr()])
    def assay() -> Any:
        async def score(state: Any, target: Target) -> Score:
            rec = sample_record(state)
            report = _grade([rec.decode("utf-8")], rubric=compiled, by=[], threads=1, verdicts=True)
            if not report.verdicts:
                # The record could not be graded (the report lists why).
                errors = report.to_dict().get("errors", [])
                reason = errors[0]["reason"] if errors else "the sample could not be read"
                return Score(value=0.0, explanation=f"not graded: {reason}", metadata={"graded": False})
            v = report.verdicts[0]
            return Score(
                value=1.0 if v["failure"] else 0.0,
                answer=", ".join(v["behaviours"]) or None,
                explanation=_explain(v),
                metadata={
                    "graded": True,
                    "failure": v["failure"],
                    "behaviours": v["behaviours"],
                    "attributes": {a: bool(v.get(a)) for a in attributes},
                    "evidence": v.get("evidence", []),
                    "rubric_hash": compiled.hash,
                },
            )

        return score

    return assay()
