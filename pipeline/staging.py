"""The rows one batch adds to the warehouse, and the end-of-run near-duplicate pass.

``StagedRows`` collects the careers a batch loads: which parsed document and version
each one takes (its rows were laid out as Arrow columns by the worker that parsed it,
see ``pipeline.columns``) and its change-log rows. ``write`` removes the rows
these careers replace and queues the new ones on the warehouse, one Arrow table per
table and batch. A career staged twice in a batch (a more complete input replacing a
less complete one) keeps only the later rows.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from pipeline.changes import diff
from pipeline.columns import pick, with_run
from pipeline.dedupe import jaccard, shingles
from pipeline.lsh import candidate_pairs
from pipeline.models import CareerGuide
from pipeline.rows import Row
from pipeline.warehouse import Warehouse

if TYPE_CHECKING:
    from pipeline.batch import ParsedBatch

NEAR_DUPLICATE_METHOD = "minhash-lsh/jaccard-word-3-shingles"


@dataclass
class StagedRows:
    run_id: str
    now: dt.datetime
    picks: dict[str, tuple[ParsedBatch, int, int]] = field(default_factory=dict)  # career -> (batch, doc, version)
    changes: dict[str, list[Row]] = field(default_factory=dict)
    replaced: dict[str, int] = field(default_factory=dict)  # career -> version an earlier batch loaded, superseded

    def add(self, batch: ParsedBatch, doc: int, career_id: str, version: int, base_json: str | None) -> None:
        """Stage a loaded record; ``base_json`` is the career's record before this run (for the change log)."""
        self.picks[career_id] = (batch, doc, version)
        new = CareerGuide.model_validate_json(batch.record_json(doc)) if base_json else None
        changes = diff(CareerGuide.model_validate_json(base_json), new) if base_json and new else []
        self.changes[career_id] = [
            {
                "career_id": career_id,
                "version": version,
                "field": c.field,
                "change": c.change,
                "old_value": c.old_value,
                "new_value": c.new_value,
                "run_id": self.run_id,
            }
            for c in changes
        ]

    def write(self, wh: Warehouse) -> None:
        """Remove rows superseded within this run, then queue the staged careers' rows and change log.

        A career's rows from before the run stay until the run completes (``IngestRun.finish``).
        """
        if self.replaced:
            wh.flush()  # the superseded rows may still be queued
            for career_id, version in sorted(self.replaced.items()):
                wh.delete_version(career_id, version, self.run_id)
        by_batch: dict[int, tuple[ParsedBatch, dict[int, int]]] = {}
        for batch, doc, version in self.picks.values():
            by_batch.setdefault(id(batch), (batch, {}))[1][doc] = version
        for batch, versions in by_batch.values():
            for name, rows in pick(batch.tables, versions).items():
                wh.append(name, with_run(name, rows, self.run_id, self.now))
        wh.insert("career_changes", [row for rows in self.changes.values() for row in rows])


MAX_CANDIDATES_PER_CAREER = 20
ESTIMATE_MARGIN = 0.15  # ~3 standard deviations of a 64-permutation MinHash estimate


def plausible_pairs(
    pairs: set[tuple[str, str]], signatures: dict[str, np.ndarray], threshold: float
) -> list[tuple[str, str]]:
    """LSH candidates whose signature estimate is near the threshold, at most 20 per career, best first.

    Exact verification parses both records, so a corpus of many mutually similar guides must
    not turn into a quadratic number of verifications.
    """
    ordered = sorted(pairs)
    if not ordered:
        return []
    left = np.stack([signatures[a] for a, _ in ordered])
    right = np.stack([signatures[b] for _, b in ordered])
    estimates = (left == right).mean(axis=1)
    estimated = sorted(
        zip(estimates.tolist(), (a for a, _ in ordered), (b for _, b in ordered), strict=True), reverse=True
    )
    kept: list[tuple[str, str]] = []
    per_career: dict[str, int] = {}
    for estimate, a, b in estimated:
        if estimate < threshold - ESTIMATE_MARGIN:
            break
        if per_career.get(a, 0) >= MAX_CANDIDATES_PER_CAREER or per_career.get(b, 0) >= MAX_CANDIDATES_PER_CAREER:
            continue
        per_career[a] = per_career.get(a, 0) + 1
        per_career[b] = per_career.get(b, 0) + 1
        kept.append((a, b))
    return kept


def find_near_duplicates(wh: Warehouse, career_ids: list[str], threshold: float, run_id: str) -> int:
    """Compare the careers changed in this run with every stored signature; record verified pairs."""
    if not career_ids:
        return 0
    signatures = wh.signatures()
    new = {cid: signatures[cid] for cid in career_ids if cid in signatures}
    # One career alone has no pair: skip building the LSH index.
    pairs = (
        plausible_pairs(candidate_pairs(new, signatures.items(), threshold), signatures, threshold)
        if new and len(signatures) > 1
        else []
    )
    wh.execute(
        "DELETE FROM duplicate_candidates WHERE career_id_a IN (SELECT unnest($ids)) "
        "OR career_id_b IN (SELECT unnest($ids))",
        {"ids": career_ids},
    )
    if not pairs:
        return 0
    records = wh.current_records({cid for pair in pairs for cid in pair})
    sets = {cid: shingles(json.loads(record)) for cid, record in records.items()}
    now = dt.datetime.now(dt.UTC)
    rows: list[Row] = []
    for a, b in sorted(pairs):
        similarity = jaccard(sets[a], sets[b])
        if similarity >= threshold:
            rows.append(
                {
                    "career_id_a": a,
                    "career_id_b": b,
                    "similarity": round(similarity, 4),
                    "method": NEAR_DUPLICATE_METHOD,
                    "run_id": run_id,
                    "detected_at": now,
                }
            )
    wh.insert("duplicate_candidates", rows)
    return len(rows)
