"""A validated guide as warehouse rows: one ``careers`` row plus child-table rows.

Pure: the warehouse module turns these row lists into Arrow tables and bulk
inserts them. Nested lists become child rows keyed by ``career_id`` and a
1-based ``position`` (dlt's convention).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pipeline.models import CareerGuide
from pipeline.process import ProcessedDocument

CHILD_TABLES = (
    "career_items",
    "career_paragraphs",
    "career_tiers",
    "career_day_blocks",
    "career_skill_groups",
    "career_case_studies",
    "career_faqs",
)

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class LoadContext:
    """Where a loaded record came from."""

    version: int
    content_sha256: str
    source_uri: str
    run_id: str
    loaded_at: dt.datetime


def guide_columns(guide: CareerGuide) -> Row:
    """The ``careers`` columns that come from the record itself (what the change log compares)."""
    salary, headline, outlook = guide.salary, guide.headline, guide.outlook
    return {
        "title": guide.title,
        "summary": guide.summary,
        "growth_rate_pct": headline.growth_rate_pct,
        "median_salary": headline.median_salary if headline.median_salary is not None else salary.median,
        "salary_min": salary.minimum,
        "salary_max": salary.maximum,
        "salary_entry": salary.entry,
        "salary_mid": salary.mid,
        "salary_senior": salary.senior,
        "salary_top10": salary.top10,
        "salary_currency": salary.currency,
        "salary_country": salary.country,
        "salary_note": salary.note,
        "remote_friendly": headline.remote_friendly,
        "market_demand": headline.market_demand,
        "market_demand_note": headline.market_demand_note,
        "stress_level": guide.stress_level,
        "balance_rating": guide.balance_rating,
        "outlook_growth_pct": outlook.growth_rate_pct,
        "outlook_status": outlook.status,
        "outlook_source": outlook.source,
    }


def career_row(doc: ProcessedDocument, ctx: LoadContext) -> Row:
    return {
        "career_id": doc.career_id,
        **guide_columns(doc.guide),
        "completeness": doc.completeness,
        "quality_flags": list(doc.guide.quality_flags),
        "version": ctx.version,
        "record_sha256": doc.record_sha256,
        "content_sha256": ctx.content_sha256,
        "source_uri": ctx.source_uri,
        "format": doc.format,
        "parser_version": doc.parser_version,
        "run_id": ctx.run_id,
        "loaded_at": ctx.loaded_at,
    }


def child_rows(doc: ProcessedDocument) -> dict[str, list[Row]]:
    """Rows for every child table (empty lists included, so callers can rely on the keys)."""
    guide, cid = doc.guide, doc.career_id
    rows: dict[str, list[Row]] = {table: [] for table in CHILD_TABLES}
    for section, items in guide.items.items():
        rows["career_items"] += [
            {"career_id": cid, "section": section, "position": i, "text": text} for i, text in enumerate(items, 1)
        ]
    for section, paragraphs in guide.paragraphs.items():
        rows["career_paragraphs"] += [
            {"career_id": cid, "section": section, "position": i, "text": text} for i, text in enumerate(paragraphs, 1)
        ]
    rows["career_tiers"] = [{"career_id": cid, "position": i, **t.model_dump()} for i, t in enumerate(guide.tiers, 1)]
    rows["career_day_blocks"] = [
        {"career_id": cid, "position": i, **b.model_dump(), "tasks": list(b.tasks)}
        for i, b in enumerate(guide.day_blocks, 1)
    ]
    rows["career_skill_groups"] = [
        {"career_id": cid, "position": i, **g.model_dump(), "skills": list(g.skills)}
        for i, g in enumerate(guide.skill_groups, 1)
    ]
    rows["career_case_studies"] = [
        {"career_id": cid, "position": i, **c.model_dump()} for i, c in enumerate(guide.case_studies, 1)
    ]
    rows["career_faqs"] = [{"career_id": cid, "position": i, **f.model_dump()} for i, f in enumerate(guide.faqs, 1)]
    return rows
