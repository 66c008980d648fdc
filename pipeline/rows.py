"""Row vocabulary shared by the loader: the child tables and the record's ``careers`` columns.

Nested lists become child rows keyed by ``career_id`` and a 1-based ``position``
(dlt's convention); ``pipeline.columns`` lays them out as Arrow columns.
"""

from __future__ import annotations

from typing import Any

from pipeline.models import CareerGuide

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
