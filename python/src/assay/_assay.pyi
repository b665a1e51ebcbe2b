"""Type stubs for the compiled core (``assay._assay``)."""

import os
from typing import List, Optional, Sequence, Tuple, Union

class RubricError(ValueError):
    """A rubric that does not compile; the message points at file:line:col with a caret."""

class TallyError(ValueError):
    """A tally that cannot be read or merged; the message names the file and the mismatch."""

class Rubric:
    """A compiled rubric."""

    @staticmethod
    def builtin() -> Rubric: ...
    @staticmethod
    def from_file(path: Union[str, os.PathLike[str]]) -> Rubric: ...
    @staticmethod
    def from_str(text: str, origin: str = "<string>") -> Rubric: ...
    @property
    def origin(self) -> str: ...
    @property
    def hash(self) -> str: ...
    @property
    def behaviours(self) -> List[Tuple[str, str]]: ...

class Tally:
    """A grading run's complete, mergeable state (the ``--tally-out`` file)."""

    def render(self, format: str = "json") -> str: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes, name: str = "<bytes>") -> Tally: ...
    @staticmethod
    def merge(tallies: Sequence[Tally]) -> Tally: ...
    @property
    def graded(self) -> int: ...

def grade(
    inputs: Sequence[Union[str, Tuple[str, bytes]]],
    rubric: Optional[Rubric] = None,
    by: Optional[Sequence[str]] = None,
    cluster: Optional[str] = None,
    ci: str = "wilson",
    confidence: float = 0.95,
    resamples: int = 10000,
    seed: int = 0,
    threads: Optional[int] = None,
    verdicts: bool = False,
) -> Tuple[Tally, bytes]: ...
def inspect_record(sample_json: bytes, model: str, source: str = "") -> bytes: ...
