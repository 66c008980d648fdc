"""Read-only look-ups behind `careers history`, `careers duplicates` and `careers runs`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import QueryError
from pipeline.extract import clean_title
from pipeline.identity import career_id
from pipeline.warehouse import QueryResult, run_query


@dataclass
class VersionInfo:
    version: int
    valid_from: dt.datetime
    valid_to: dt.datetime | None
    source_uri: str
    parser_version: str
    changes: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)


def resolve_career(warehouse: str | Path, name: str) -> str:
    """A career_id from an id, a title or any alias seen; QueryError naming near matches if unknown."""
    slug = career_id(clean_title(name))
    found = run_query(
        warehouse,
        "SELECT career_id FROM careers WHERE career_id IN ($name, $slug) "
        "UNION SELECT career_id FROM career_aliases WHERE lower(alias) = lower($name)",
        {"name": name, "slug": slug},
    ).rows
    if found:
        return str(found[0][0])
    similar = run_query(
        warehouse,
        # Only names that resemble it: an unrelated name gets no suggestion rather than a random one.
        "SELECT career_id FROM careers WHERE jaro_winkler_similarity(career_id, $slug) >= 0.8 "
        "OR (length($slug) >= 4 AND contains(career_id, $slug)) "
        "ORDER BY jaro_winkler_similarity(career_id, $slug) DESC, career_id LIMIT 3",
        {"slug": slug},
    ).rows
    hint = f"; did you mean {', '.join(r[0] for r in similar)}?" if similar else ""
    raise QueryError(f"no career {name!r} in the warehouse{hint}")


def history(warehouse: str | Path, name: str) -> tuple[str, list[VersionInfo]]:
    """Every version of a career, oldest first, each with the changes it introduced."""
    cid = resolve_career(warehouse, name)
    versions = run_query(
        warehouse,
        "SELECT version, valid_from, valid_to, source_uri, parser_version FROM career_versions "
        "WHERE career_id = $cid ORDER BY version",
        {"cid": cid},
    ).rows
    infos = {row[0]: VersionInfo(*row) for row in versions}
    changes = run_query(
        warehouse,
        "SELECT version, field, change, old_value, new_value FROM career_changes "
        "WHERE career_id = $cid ORDER BY version, rowid",
        {"cid": cid},
    ).rows
    for version, fld, change, old, new in changes:
        if version in infos:
            infos[version].changes.append((fld, change, old, new))
    return cid, list(infos.values())


def duplicates(warehouse: str | Path, minimum: float = 0.0) -> QueryResult:
    return run_query(
        warehouse,
        "SELECT career_id_a, career_id_b, round(similarity, 3) AS similarity, method, run_id "
        "FROM duplicate_candidates WHERE similarity >= $min ORDER BY similarity DESC, 1, 2",
        {"min": minimum},
    )


def recent_runs(warehouse: str | Path, limit: int = 20) -> QueryResult:
    return run_query(
        warehouse,
        "SELECT run_id, started_at, status, documents_seen AS seen, loaded, unchanged, duplicate, quarantined, "
        "round(elapsed_seconds, 2) AS seconds FROM ingest_runs ORDER BY started_at DESC LIMIT $n",
        {"n": limit},
    )
