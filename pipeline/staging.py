"""The rows one batch adds to the warehouse, and the end-of-run near-duplicate pass.

``StagedRows`` collects, for the careers a batch loads, their ``careers`` row,
child rows, version row, change-log rows, signature and aliases, then writes them
with one bulk insert per table. A career staged twice in a batch (a more complete
input replacing a less complete one) keeps only the later rows.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import numpy as np

from pipeline.changes import diff
from pipeline.dedupe import candidate_pairs, jaccard, shingles
from pipeline.models import CareerGuide
from pipeline.process import ProcessedDocument
from pipeline.rows import CHILD_TABLES, LoadContext, Row, career_row, child_rows
from pipeline.sources import RawDocument
from pipeline.warehouse import Warehouse

NEAR_DUPLICATE_METHOD = "minhash-lsh/jaccard-word-3-shingles"


@dataclass
class StagedRows:
    run_id: str
    now: dt.datetime
    by_career: dict[str, dict[str, list[Row]]] = field(default_factory=dict)
    aliases: list[Row] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # careers loaded earlier in this run, now superseded

    def add(self, doc: ProcessedDocument, raw: RawDocument, version: int, base_json: str | None) -> None:
        """Stage a loaded record; ``base_json`` is the career's record before this run (for the change log)."""
        cid = doc.career_id
        ctx = LoadContext(version, raw.content_sha256, raw.uri, self.run_id, self.now)
        tables: dict[str, list[Row]] = {"careers": [career_row(doc, ctx)], **child_rows(doc)}
        tables["career_versions"] = [
            {
                "career_id": cid,
                "version": version,
                "record_sha256": doc.record_sha256,
                "content_sha256": raw.content_sha256,
                "record": doc.record_json,
                "valid_from": self.now,
                "valid_to": None,
                "run_id": self.run_id,
                "parser_version": doc.parser_version,
                "source_uri": raw.uri,
            }
        ]
        tables["career_signatures"] = [
            {"career_id": cid, "record_sha256": doc.record_sha256, "signature": doc.signature.tolist()}
        ]
        changes = diff(CareerGuide.model_validate_json(base_json), doc.guide) if base_json else []
        tables["career_changes"] = [
            {
                "career_id": cid,
                "version": version,
                "field": c.field,
                "change": c.change,
                "old_value": c.old_value,
                "new_value": c.new_value,
                "run_id": self.run_id,
            }
            for c in changes
        ]
        self.by_career[cid] = tables

    def write(self, wh: Warehouse) -> None:
        """Replace the current rows of the staged careers and append their history rows."""
        ids = sorted(self.by_career)
        superseded = sorted(set(self.replaced))
        if superseded:
            for table in ("career_versions", "career_changes"):
                wh.execute(
                    f"DELETE FROM {table} WHERE run_id = $r AND career_id IN (SELECT unnest($ids))",
                    {"r": self.run_id, "ids": superseded},
                )
        wh.delete_careers(ids, extra_tables=("career_signatures",))
        wh.close_versions(ids, self.now)
        for table in ("careers", *CHILD_TABLES, "career_versions", "career_changes", "career_signatures"):
            wh.insert(table, [row for tables in self.by_career.values() for row in tables.get(table, [])])
        wh.insert_new_aliases(self.aliases)


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
    pairs = plausible_pairs(candidate_pairs(new, signatures.items(), threshold), signatures, threshold)
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
