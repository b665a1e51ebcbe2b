"""Assay: grade AI-agent evaluation transcripts and report misbehaviour rates.

The grading is the Rust library's (the same code as the ``assay`` command),
run in-process with the interpreter released::

    import assay
    report = assay.grade(["sweep.jsonl"], by=["model"], ci="wilson", seed=0)
    report.groups          # one dict per group, as `assay grade --format json`
    report.to_pandas()     # one row per group (pandas, polars or arrow)

Records may be dicts or JSON strings instead of paths, and shards graded
apart (processes, machines) merge exactly with :func:`merge`.
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, List, Optional, Sequence, Union

from ._assay import RubricError, TallyError, Tally
from ._assay import Rubric
from ._assay import grade as _grade

__all__ = [
    "grade",
    "merge",
    "Report",
    "Rubric",
    "Tally",
    "RubricError",
    "TallyError",
]

#: The name records given in memory are reported under (like a file name).
RECORDS_NAME = "<records>"


def _records_bytes(records: Sequence[Any]) -> bytes:
    """JSON Lines for in-memory records (dicts, JSON strings or bytes)."""
    lines = []
    for r in records:
        if isinstance(r, bytes):
            line = r
        elif isinstance(r, str):
            line = r.encode("utf-8")
        else:
            line = json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        # A record is one line; a newline inside a JSON string would be escaped,
        # so one here would split the record: report it, do not guess.
        if b"\n" in line.strip():
            raise ValueError("a record given as text holds a line break; give one JSON object per record")
        lines.append(line.strip())
    return b"\n".join(lines) + b"\n" if lines else b""


def _inputs(paths_or_records: Any) -> list:
    """Normalises what :func:`grade` accepts into paths and (name, bytes) pairs."""
    if isinstance(paths_or_records, (str, os.PathLike)):
        return [os.fspath(paths_or_records)]
    if isinstance(paths_or_records, dict):
        return [(RECORDS_NAME, _records_bytes([paths_or_records]))]
    items = list(paths_or_records)
    out: list = []
    pending: list = []
    for it in items:
        if isinstance(it, os.PathLike) or (isinstance(it, str) and not it.lstrip().startswith("{")):
            if pending:
                out.append((RECORDS_NAME, _records_bytes(pending)))
                pending = []
            out.append(os.fspath(it))
        else:
            pending.append(it)
    if pending:
        out.append((RECORDS_NAME, _records_bytes(pending)))
    return out


class Report:
    """A grading report: the same numbers ``assay grade --format json`` prints.

    Attributes:
        tally: the mergeable :class:`Tally` behind the report.
        verdicts: one dict per graded record (when ``verdicts=True``), input order.
    """

    def __init__(self, tally: Tally, verdicts: Optional[List[dict]] = None):
        self.tally = tally
        self.verdicts = verdicts if verdicts is not None else []
        self._dict: Optional[dict] = None

    def to_dict(self) -> dict:
        """The whole report as a dict (the JSON report's shape)."""
        if self._dict is None:
            self._dict = json.loads(self.tally.render("json"))
        return self._dict

    @property
    def groups(self) -> List[dict]:
        """One dict per group, sorted by key."""
        return self.to_dict()["groups"]

    @property
    def total(self) -> dict:
        """All groups together."""
        return self.to_dict()["total"]

    def render(self, format: str = "table") -> str:
        """The report as ``assay grade --format FORMAT`` prints it (table, json, csv, markdown)."""
        return self.tally.render(format)

    def to_bytes(self) -> bytes:
        """The tally file (``--tally-out``) for this report, to merge later."""
        return self.tally.to_bytes()

    def rows(self) -> List[dict]:
        """Flat rows, one per group: key fields, n, failures, rate, ci_low, ci_high,
        and ``<behaviour>`` / ``<behaviour>_rate`` per behaviour and attribute."""
        rows = []
        for g in self.groups:
            row: dict = dict(g.get("key", {}))
            row["n"] = g["n"]
            row["failures"] = g["failures"]
            row["rate"] = g["rate"]
            ci = g.get("ci") or {}
            row["ci_low"] = ci.get("low")
            row["ci_high"] = ci.get("high")
            row["upper_one_sided"] = g.get("upper_one_sided")
            for part in ("behaviours", "attributes"):
                for name, c in g.get(part, {}).items():
                    row[name] = c["count"]
                    row[name + "_rate"] = c["rate"]
            rows.append(row)
        return rows

    def to_pandas(self):
        """:meth:`rows` as a pandas DataFrame (needs pandas)."""
        import pandas as pd

        return pd.DataFrame(self.rows())

    def to_polars(self):
        """:meth:`rows` as a polars DataFrame (needs polars)."""
        import polars as pl

        return pl.DataFrame(self.rows())

    def to_arrow(self):
        """:meth:`rows` as a pyarrow Table (needs pyarrow)."""
        import pyarrow as pa

        return pa.Table.from_pylist(self.rows())

    def verdicts_to_pandas(self):
        """The verdicts as a pandas DataFrame, one row per graded record."""
        import pandas as pd

        return pd.DataFrame(self.verdicts)

    def verdicts_to_arrow(self):
        """The verdicts as a pyarrow Table, one row per graded record."""
        import pyarrow as pa

        return pa.Table.from_pylist(self.verdicts)

    def __repr__(self) -> str:
        t = self.total
        return f"<assay.Report groups={len(self.groups)} n={t['n']} failures={t['failures']}>"


def grade(
    paths_or_records: Union[str, os.PathLike, Iterable[Any]],
    rubric: Union[None, str, os.PathLike, Rubric] = None,
    by: Optional[Sequence[str]] = None,
    ci: Optional[str] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    *,
    cluster: Optional[str] = None,
    confidence: Optional[float] = None,
    resamples: Optional[int] = None,
    verdicts: bool = False,
) -> Report:
    """Grades transcripts and returns a :class:`Report`.

    Args:
        paths_or_records: a path, or a list of paths (files, directories,
            Inspect logs) and/or records (dicts, or JSON strings of one record).
        rubric: a :class:`Rubric`, a rubric file path, or None for the built-in rubric.
        by: group-key fields or JSON Pointers (default model, scenario, condition;
            ``[]`` for one group).
        ci: interval method: wilson (default), exact, jeffreys, bootstrap, bca.
        seed: seed of resampling statistics (default 0).
        threads: worker threads (default: all cores); results do not depend on it.
        cluster: a field or JSON Pointer for clustered standard errors.
        confidence: two-sided confidence level (default 0.95).
        resamples: bootstrap resamples per group (default 10000).
        verdicts: also return one verdict dict per record in ``Report.verdicts``.

    The interpreter is released while grading. Raises RubricError for a bad
    rubric and ValueError for bad settings.
    """
    if isinstance(rubric, (str, os.PathLike)):
        rubric = Rubric.from_file(os.fspath(rubric))
    tally, lines = _grade(
        _inputs(paths_or_records),
        rubric=rubric,
        by=list(by) if by is not None else None,
        cluster=cluster,
        ci=ci or "wilson",
        confidence=0.95 if confidence is None else confidence,
        resamples=10_000 if resamples is None else resamples,
        seed=seed or 0,
        threads=threads,
        verdicts=verdicts,
    )
    vs = [json.loads(l) for l in lines.splitlines() if l.strip()] if verdicts else []
    return Report(tally, vs)


def merge(tallies: Iterable[Union[Report, Tally, bytes, str, os.PathLike]]) -> Report:
    """Adds tallies (reports, Tally objects, tally bytes or ``--tally-out`` files),
    in input order, into the report one run over all their inputs gives.

    Raises TallyError when they were graded with different rubrics or settings,
    or one is damaged.
    """
    parts = []
    for t in tallies:
        if isinstance(t, Report):
            parts.append(t.tally)
        elif isinstance(t, Tally):
            parts.append(t)
        elif isinstance(t, bytes):
            parts.append(Tally.from_bytes(t))
        else:
            p = os.fspath(t)
            with open(p, "rb") as f:
                parts.append(Tally.from_bytes(f.read(), p))
    return Report(Tally.merge(parts))
