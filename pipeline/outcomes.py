"""What an ingest run decides and reports: outcomes, screened batches, the run summary.

The data types of pipeline/ingest.py, apart from its logic: the flow, the CLI and the
reports read them without the run's bookkeeping.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyarrow as pa

if TYPE_CHECKING:  # annotations only: importing this module loads no DuckDB
    from pipeline.sources import RawDocument
    from pipeline.warehouse import PriorContent

OUTCOMES = ("loaded", "unchanged", "duplicate", "quarantined")
DOCUMENT_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("position", pa.int32()),
        ("source_uri", pa.string()),
        ("content_sha256", pa.string()),
        ("size_bytes", pa.int64()),
        ("outcome", pa.string()),
        ("career_id", pa.string()),
        ("reason", pa.string()),
        ("record_sha256", pa.string()),
        ("format", pa.string()),
        ("encoding", pa.string()),
        ("parser_version", pa.string()),
    ]
)


@dataclass(frozen=True, slots=True)
class Known:
    """Bytes an earlier run parsed: no parse needed while they are still the career's current version,
    or (``stale``) while their path still holds them and another input's version is current."""

    raw: RawDocument
    prior: PriorContent
    stale: bool = False


@dataclass
class Screened:
    """A batch after screening: entries still to decide, in input order, and those to parse."""

    entries: list[RawDocument | Known] = field(default_factory=list)
    todo: list[RawDocument] = field(default_factory=list)
    new: set[str] = field(default_factory=set)  # content sha256s of todo documents to store in raw_documents


@dataclass
class RunSummary:
    run_id: str
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (uri, reason) of quarantined inputs
    changed: list[tuple[str, int]] = field(default_factory=list)  # (career_id, version) loaded
    near_duplicates: int = 0  # candidate pairs found in this run
    replayed: Counter[str] = field(default_factory=Counter)  # outcomes of stored documents replayed
    elapsed_seconds: float = 0.0

    @property
    def documents_seen(self) -> int:
        return sum(self.counts[o] for o in OUTCOMES)


@dataclass
class LoadedInput:
    """An input loaded earlier in this run: enough to compare a later input of its career."""

    career_id: str
    record_sha256: str
    completeness: float
    uri: str
    position: int
    version: int
    base: str | None  # the career's record (JSON) before this run, if any


def move_outcome(counts: Counter[str], source: str, target: str) -> None:
    """Count one input under ``target`` instead of ``source`` (no zero counts left behind)."""
    counts[source] -= 1
    if counts[source] <= 0:
        del counts[source]
    counts[target] += 1
