"""Grading a Ray Dataset across workers, each producing a tally, merged on the driver.

    import ray, assay.ray
    ds = ray.data.from_items([{"path": p} for p in paths])       # files
    # or ray.data.read_json(...) of records                         # records
    report = assay.ray.grade_dataset(ds, by=["model"], seed=0)

Each ``map_batches`` call grades its batch with the Rust core (a batch of
paths reads the files where the worker runs; a batch of records grades them
from memory) and returns the batch's tally as bytes; the driver merges the
tallies in dataset order, which gives the report one ``assay grade`` over
the same inputs gives (groups, counts and intervals for any split; the
listing of inputs and kept errors follows the dataset's order).

For files in object storage, give paths the workers can read, e.g. through
a pyarrow filesystem: ``grade_dataset(ds, fs=pyarrow.fs.S3FileSystem(...))``
copies each object to the worker's local disk before grading (see README).
"""

from __future__ import annotations

import os
import tempfile
from typing import Any, Optional, Sequence

from . import Report, Tally, merge
from . import grade as _grade

__all__ = ["grade_dataset", "grade_batch"]


def _column(batch: Any, name: str) -> list:
    if hasattr(batch, "column"):  # pyarrow.Table
        return batch.column(name).to_pylist()
    col = batch[name]
    return col.tolist() if hasattr(col, "tolist") else list(col)


def _fetch(paths: list, fs: Any, workdir: str) -> list:
    """Copies objects from a pyarrow filesystem to local files, keeping their
    base names (reports name inputs by the path graded)."""
    out = []
    for i, p in enumerate(paths):
        local = os.path.join(workdir, f"{i:06d}-{os.path.basename(p)}")
        with fs.open_input_stream(p) as src, open(local, "wb") as dst:
            while True:
                chunk = src.read(1 << 20)
                if not chunk:
                    break
                dst.write(chunk)
        out.append(local)
    return out


def grade_batch(batch: Any, *, column: str, is_path: bool, rubric_text: Optional[str],
                rubric_origin: str, fs: Any = None, **settings: Any) -> dict:
    """Grades one batch; returns ``{"tally": [bytes]}`` (one row per batch)."""
    from . import Rubric

    rubric = Rubric.from_str(rubric_text, rubric_origin) if rubric_text is not None else None
    items = _column(batch, column)
    if is_path and fs is not None:
        with tempfile.TemporaryDirectory(prefix="assay-ray-") as d:
            report = _grade(_fetch(items, fs, d), rubric=rubric, **settings)
    elif is_path:
        report = _grade([os.fspath(p) for p in items], rubric=rubric, **settings)
    else:
        report = _grade([r if isinstance(r, (str, bytes, dict)) else dict(r) for r in items],
                        rubric=rubric, **settings)
    return {"tally": [report.to_bytes()]}


def grade_dataset(
    ds: Any,
    rubric: Optional[str] = None,
    by: Optional[Sequence[str]] = None,
    ci: Optional[str] = None,
    seed: Optional[int] = None,
    *,
    column: Optional[str] = None,
    cluster: Optional[str] = None,
    confidence: Optional[float] = None,
    resamples: Optional[int] = None,
    threads_per_worker: int = 1,
    batch_size: Optional[int] = None,
    fs: Any = None,
    concurrency: Optional[int] = None,
) -> Report:
    """Grades a Ray Dataset whose rows are file paths (column ``path``) or
    records (column ``record``: a dict or JSON string per row; or, with no
    such column, each row itself is a record) and returns the merged report.

    ``rubric`` is a rubric file path read on the driver (its text is shipped
    to the workers). ``fs`` is an optional pyarrow filesystem the paths are
    read from. Other arguments are as for :func:`assay.grade`.
    """
    cols = ds.columns() if hasattr(ds, "columns") else ds.schema().names
    if column is None:
        column = "path" if "path" in cols else ("record" if "record" in cols else None)
    rubric_text = None
    origin = "<built-in rubric>"
    if rubric is not None:
        with open(os.fspath(rubric), encoding="utf-8") as f:
            rubric_text = f.read()
        origin = os.fspath(rubric)
    settings = dict(by=list(by) if by is not None else None, ci=ci, seed=seed, cluster=cluster,
                    confidence=confidence, resamples=resamples, threads=threads_per_worker)
    if column is None:
        # Whole rows are records: pack each row as one JSON record.
        import json

        ds = ds.map(lambda row: {"record": json.dumps(row, default=str)})
        column = "record"
    kwargs = dict(column=column, is_path=(column == "path"), rubric_text=rubric_text,
                  rubric_origin=origin, fs=fs, **settings)
    extra = {}
    if concurrency is not None:
        extra["concurrency"] = concurrency
    tallies = ds.map_batches(grade_batch, fn_kwargs=kwargs, batch_size=batch_size,
                             batch_format="pyarrow", **extra)
    # Counts and intervals do not depend on the order of the tallies; the
    # listing of inputs and kept errors does, so keep the dataset's order
    # (set on this dataset's own context, which it took when created).
    tallies.context.execution_options.preserve_order = True
    rows = tallies.take_all()
    return merge([Tally.from_bytes(row["tally"], f"batch {i}") for i, row in enumerate(rows)])
