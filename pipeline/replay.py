"""Re-deriving careers from the raw documents stored in the warehouse.

Two uses: ``careers reprocess`` re-parses the documents behind every current
career (and every document whose latest outcome was a quarantine, which a parser
fix may now accept) with the current parser; ``careers ingest --full-refresh``
wipes the derived tables and replays every past run's documents in their
original order, so versions and change logs come out as the incremental path
built them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.compress import unpack
from pipeline.rows import CHILD_TABLES
from pipeline.sources import RawDocument
from pipeline.warehouse import Warehouse

DERIVED_TABLES = (
    "careers",
    *CHILD_TABLES,
    "career_versions",
    "career_changes",
    "career_signatures",
    "career_aliases",
    "duplicate_candidates",
)


@dataclass(frozen=True, slots=True)
class StoredRef:
    """A stored raw document and the name it was ingested under."""

    uri: str
    content_sha256: str


def reprocess_targets(wh: Warehouse) -> list[StoredRef]:
    """Documents behind current careers plus documents last quarantined, by source name."""
    rows = wh.con.execute(
        """
        WITH latest AS (
            SELECT d.content_sha256, d.outcome, d.source_uri,
                   row_number() OVER (PARTITION BY d.content_sha256 ORDER BY r.started_at DESC, d.position DESC) AS rn
            FROM ingest_documents d JOIN ingest_runs r USING (run_id)
            WHERE d.content_sha256 IS NOT NULL
        )
        SELECT source_uri, content_sha256 FROM careers
        UNION
        SELECT l.source_uri, l.content_sha256 FROM latest l JOIN raw_documents USING (content_sha256)
        WHERE l.rn = 1 AND l.outcome = 'quarantined'
          AND l.content_sha256 NOT IN (SELECT content_sha256 FROM careers)
        ORDER BY 1, 2
        """
    ).fetchall()
    return [StoredRef(uri, sha) for uri, sha in rows]


def history_segments(wh: Warehouse) -> list[list[StoredRef]]:
    """Each completed past run's stored documents, runs oldest first, inputs in their original order."""
    rows = wh.con.execute(
        """
        SELECT d.run_id, d.source_uri, d.content_sha256
        FROM ingest_documents d JOIN ingest_runs r USING (run_id) JOIN raw_documents USING (content_sha256)
        WHERE r.status = 'completed'
        ORDER BY r.started_at, d.run_id, d.position
        """
    ).fetchall()
    segments: dict[str, list[StoredRef]] = {}
    for run_id, uri, sha in rows:
        segments.setdefault(run_id, []).append(StoredRef(uri, sha))
    return list(segments.values())


def read_stored(wh: Warehouse, refs: Sequence[StoredRef]) -> list[RawDocument]:
    """The bytes of stored documents (one query per batch)."""
    if not refs:
        return []
    rows = wh.con.execute(
        "SELECT content_sha256, data, compression FROM raw_documents WHERE content_sha256 IN (SELECT unnest($s))",
        {"s": sorted({r.content_sha256 for r in refs})},
    ).fetchall()
    data = {sha: unpack(bytes(blob), compression) for sha, blob, compression in rows}
    return [RawDocument(r.uri, data[r.content_sha256], r.content_sha256) for r in refs if r.content_sha256 in data]


def clear_derived(wh: Warehouse) -> None:
    """Empty every table derived from raw documents (inside the caller's transaction)."""
    for table in DERIVED_TABLES:
        wh.execute(f"DELETE FROM {table}")
