"""Validation: cross-field rules, every problem listed in plain words, gaps allowed."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.errors import ValidationFailed
from pipeline.models import validate_record
from pipeline.process import completeness


def _record(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"title": "Welder"}
    base.update(overrides)
    return base


def test_minimal_record_is_valid_with_low_completeness() -> None:
    guide = validate_record(_record())
    assert guide.salary.median is None and guide.faqs == ()
    assert completeness(guide) == 0.0


def test_salary_minimum_above_maximum() -> None:
    with pytest.raises(ValidationFailed) as info:
        validate_record(_record(salary={"minimum": 58000, "maximum": 37000}))
    assert info.value.problems == ["salary range 58000-37000: minimum is above maximum"]


def test_every_problem_is_listed() -> None:
    record = _record(
        salary={"minimum": 30000, "maximum": 50000, "median": 60000, "entry": 50000, "mid": 40000},
        tiers=[
            {"title": "Junior", "experience_min_years": 0, "experience_max_years": 2},
            {"title": "Senior", "experience_min_years": 6, "experience_max_years": 3},
            {"title": "Middle", "experience_min_years": 2, "experience_max_years": 5},
        ],
    )
    with pytest.raises(ValidationFailed) as info:
        validate_record(record)
    problems = info.value.problems
    assert "salary median 60000 is outside the range 30000-50000" in problems
    assert "salary entry 50000 is above salary mid 40000: salary levels must not decrease" in problems
    assert "career tier 2 (Senior): experience 6-3 years has minimum above maximum" in problems
    assert "career tier 3 (Middle): starts at 2 years, before the tier above it (6 years)" in problems
    assert len(problems) == 4


def test_field_errors_name_the_field() -> None:
    with pytest.raises(ValidationFailed) as info:
        validate_record(_record(headline={"growth_rate_pct": 5000}))
    assert info.value.problems[0].startswith("headline growth rate (%): ")


def test_title_is_required() -> None:
    with pytest.raises(ValidationFailed) as info:
        validate_record({"title": ""})
    assert info.value.problems[0].startswith("title:")


def test_negative_tier_years() -> None:
    with pytest.raises(ValidationFailed, match="must not be negative"):
        validate_record(_record(tiers=[{"title": "A", "experience_min_years": -1}]))


def test_tiers_listed_senior_first_are_valid_and_kept_in_page_order() -> None:
    tiers = [
        {"title": "Principal", "experience_min_years": 10},
        {"title": "Senior", "experience_min_years": 5, "experience_max_years": 10},
        {"title": "Junior", "experience_min_years": 0, "experience_max_years": 2},
    ]
    guide = validate_record(_record(tiers=tiers))
    assert [tier.title for tier in guide.tiers] == ["Principal", "Senior", "Junior"]


def test_tiers_in_no_order_are_refused() -> None:
    tiers = [{"title": t, "experience_min_years": y} for t, y in (("A", 0), ("B", 6), ("C", 2), ("D", 8))]
    with pytest.raises(ValidationFailed, match=r"career tier 3 \(C\): starts at 2 years, before the tier above it"):
        validate_record(_record(tiers=tiers))


def test_a_night_shift_may_end_after_midnight() -> None:
    blocks = [{"period": "Night", "start_time": "23:00", "end_time": "03:00", "tasks": ["Rounds"]}]
    guide = validate_record(_record(day_blocks=blocks))
    assert str(guide.day_blocks[0].start_time) == "23:00:00" and str(guide.day_blocks[0].end_time) == "03:00:00"
