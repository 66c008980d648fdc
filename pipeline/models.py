"""Typed career-guide records (pydantic) and the rules a record must keep.

Field types and bounds live on the fields; rules that involve several fields
(salary ordering, tier years) live in one ``model_validator`` that reports every
broken rule at once, so a quarantined guide lists all its problems, each naming
the field in plain words.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pipeline.errors import ValidationFailed

Money = Annotated[int, Field(ge=0, le=100_000_000)]
Percent = Annotated[float, Field(ge=-100, le=1000)]
Text = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Headline(_Model):
    """The stats at the top of a guide."""

    growth_rate_pct: Percent | None = None
    median_salary: Money | None = None
    remote_friendly: bool = False
    market_demand: str | None = None
    market_demand_note: str | None = None


class Salary(_Model):
    """Annual salary figures; every amount is a whole number of ``currency``."""

    currency: str | None = None
    country: str | None = None
    minimum: Money | None = None
    maximum: Money | None = None
    median: Money | None = None
    entry: Money | None = None
    mid: Money | None = None
    senior: Money | None = None
    top10: Money | None = None
    note: str | None = None


class Tier(_Model):
    """One rung of the career ladder; ``experience_max_years`` None means open-ended."""

    title: Text
    experience_min_years: int | None = None
    experience_max_years: int | None = None
    description: str | None = None


class DayBlock(_Model):
    """One block of "a day in the life"."""

    period: Text
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    focus: str | None = None
    tasks: tuple[str, ...] = ()


class SkillGroup(_Model):
    name: Text
    description: str | None = None
    skills: tuple[str, ...] = ()


class CaseStudy(_Model):
    title: Text
    body: str | None = None
    key_takeaway: str | None = None


class Faq(_Model):
    question: Text
    answer: str | None = None


class Outlook(_Model):
    growth_rate_pct: Percent | None = None
    status: str | None = None
    source: str | None = None


class CareerGuide(_Model):
    """The canonical record of one guide: everything after parsing, nothing about the file."""

    title: Text
    summary: str | None = None
    headline: Headline = Headline()
    salary: Salary = Salary()
    stress_level: str | None = None
    balance_rating: str | None = None
    outlook: Outlook = Outlook()
    paragraphs: dict[str, tuple[str, ...]] = {}
    items: dict[str, tuple[str, ...]] = {}
    tiers: tuple[Tier, ...] = ()
    day_blocks: tuple[DayBlock, ...] = ()
    skill_groups: tuple[SkillGroup, ...] = ()
    case_studies: tuple[CaseStudy, ...] = ()
    faqs: tuple[Faq, ...] = ()
    quality_flags: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _cross_field_rules(self) -> CareerGuide:
        problems = cross_field_problems(self)
        if problems:
            raise ValueError("\n".join(problems))
        return self


def _ordered(values: list[tuple[str, int | None]]) -> str | None:
    present = [(name, value) for name, value in values if value is not None]
    for (name_a, a), (name_b, b) in pairwise(present):
        if a is not None and b is not None and a > b:
            return f"{name_a} {a} is above {name_b} {b}"
    return None


def cross_field_problems(guide: CareerGuide) -> list[str]:
    """Every rule that spans fields, as plain-words messages naming the fields."""
    problems: list[str] = []
    s = guide.salary
    if s.minimum is not None and s.maximum is not None and s.minimum > s.maximum:
        problems.append(f"salary range {s.minimum}-{s.maximum}: minimum is above maximum")
    elif s.median is not None and (
        (s.minimum is not None and s.median < s.minimum) or (s.maximum is not None and s.median > s.maximum)
    ):
        problems.append(f"salary median {s.median} is outside the range {s.minimum}-{s.maximum}")
    levels = _ordered([("salary entry", s.entry), ("salary mid", s.mid), ("salary senior", s.senior)])
    if levels:
        problems.append(f"{levels}: salary levels must not decrease")
    lows = [tier.experience_min_years for tier in guide.tiers if tier.experience_min_years is not None]
    senior_first = len(set(lows)) > 1 and all(a >= b for a, b in pairwise(lows))  # listed top down: fine
    previous_min: int | None = None
    for position, tier in enumerate(guide.tiers, start=1):
        low, high = tier.experience_min_years, tier.experience_max_years
        name = f"career tier {position} ({tier.title})"
        if (low is not None and low < 0) or (high is not None and high < 0):
            problems.append(f"{name}: experience years must not be negative")
        if low is not None and high is not None and low > high:
            problems.append(f"{name}: experience {low}-{high} years has minimum above maximum")
        if low is not None and previous_min is not None and low < previous_min and not senior_first:
            problems.append(f"{name}: starts at {low} years, before the tier above it ({previous_min} years)")
        if low is not None:
            previous_min = low
    # A day block may end before it starts: a night shift (23:00-03:00) ends the next day.
    return problems


_FIELD_NAMES = {
    "growth_rate_pct": "growth rate (%)",
    "median_salary": "median salary",
    "minimum": "minimum",
    "maximum": "maximum",
}


def _describe(error: dict[str, object]) -> list[str]:
    loc = [str(part) for part in error.get("loc", ()) if isinstance(part, str | int)]  # type: ignore[attr-defined]
    if error.get("type") == "value_error" and not loc:
        ctx = error.get("ctx")
        message = str(ctx.get("error")) if isinstance(ctx, dict) else str(error.get("msg"))
        return message.splitlines()
    where = " ".join(_FIELD_NAMES.get(part, part.replace("_", " ")) for part in loc) or "record"
    message = str(error.get("msg", "invalid value"))
    value = error.get("input")
    shown = f" (got {value!r})" if isinstance(value, str | int | float) else ""
    return [f"{where}: {message[:1].lower()}{message[1:]}{shown}"]


def validate_record(data: dict[str, object]) -> CareerGuide:
    """Build a CareerGuide or raise ValidationFailed listing every problem in plain words."""
    try:
        return CareerGuide.model_validate(data)
    except ValidationError as exc:
        problems: list[str] = []
        for error in exc.errors(include_url=False):
            problems.extend(_describe(dict(error)))
        raise ValidationFailed(problems) from None
