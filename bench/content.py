"""The content of one synthetic guide, and the record a correct reader must extract from it.

A ``Guide`` holds what the page *says* (title, summary, headline figures, sections in page
order) plus the few presentation choices both renderers share (money and range formats), so
a guide rendered as text or as HTML has one truth. ``truth_record`` turns a guide into the
``CareerGuide`` dict; it is written from the meaning of the sections, never by running the
pipeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

CONTAINER_KINDS = frozenset({"tiers", "day", "skill_map", "cases", "faqs"})
SYMBOL_CODES = {"$": "USD", "€": "EUR", "£": "GBP"}


@dataclass
class Tier:
    title: str
    exp_label: str | None  # "Experience" / "Years of experience"; None = no experience line
    exp_text: str
    low: int | None
    high: int | None
    paras: list[str]


@dataclass
class Block:
    period: str
    start: dt.time
    end: dt.time
    times_text: str
    dash_heading: bool  # "Morning – 9 AM to 12 PM" instead of "Morning (9 AM - 12 PM)"
    focus_label: str
    focus: str | None
    tasks: list[str]


@dataclass
class Group:
    name: str
    paras: list[str]
    skills: list[str]


@dataclass
class Case:
    title: str
    paras: list[str]
    takeaway_label: str
    takeaway: str | None


@dataclass
class Faq:
    question: str
    paras: list[str]


@dataclass
class Salary:
    currency: str
    country: str
    symbol: str
    show_codes: bool  # heading names country and currency: "Annual Salary (US, USD)"
    minimum: int | None
    maximum: int | None
    median: int | None
    entry: int | None
    mid: int | None
    senior: int | None
    top10: int | None
    notes: list[str]  # extra note lines (5+ words), after the top-10 line
    style: str  # "lines": "Entry-Level" / "$40,150" lines; "fields": "Entry-Level: $40,150"
    median_on_own_line: bool  # "Median" / "$47,500" (lines style) instead of "Median: $47,500"
    range_sep: str
    range_symbols: bool
    range_suffix: str  # "", " per year", "/yr"
    level_labels: tuple[str, str, str]


@dataclass
class Sec:
    """One heading of the page and what is under it; ``kind`` says how it is read."""

    kind: str  # demand salary prose list group tiers day balance skill_map cases outlook faqs
    key: str  # the record key: core_functions, responsibilities, pros_and_cons, ...
    heading: str
    paras: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    children: list[Any] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # demand / balance / outlook figures
    salary: Salary | None = None


@dataclass
class Guide:
    title: str
    title_line: str
    summary: list[str]
    growth: float | None
    growth_text: str
    median: int | None
    remote: bool | None  # None: not shown
    stats_style: str  # "lines" (value line, then label line) or "fields" ("Growth rate: 9%")
    stat_labels: tuple[str, str]  # ("growth rate", "median salary") or variants ("projected growth", "median pay")
    symbol: str
    money_style: str  # "full" ($47,500) or "k" ($48k)
    units: list[list[Sec]]  # top-level sections, each with the sections nested under it
    spec: str = ""
    role: str = ""

    def sections(self) -> list[Sec]:
        return [sec for unit in self.units for sec in unit]


def money(amount: int, symbol: str, style: str) -> str:
    """``style``: "full" ($47,500) or a thousands suffix, "k" / "K" ($48k)."""
    if style in ("k", "K"):
        return f"{symbol}{amount // 1000}{style}"
    return f"{symbol}{amount:,}"


def salary_range_text(s: Salary, style: str) -> str:
    assert s.minimum is not None and s.maximum is not None
    if s.range_symbols:
        text = money(s.minimum, s.symbol, style) + s.range_sep + money(s.maximum, s.symbol, style)
    elif style in ("k", "K"):
        text = f"{s.minimum // 1000}{style}{s.range_sep}{s.maximum // 1000}{style}"
    else:
        text = f"{s.minimum:,}{s.range_sep}{s.maximum:,}"
    return text + s.range_suffix


def top10_line(amount: int, symbol: str, style: str) -> str:
    return (
        f"Top 10% of earners in this field can expect salaries starting from {money(amount, symbol, style)}+ "
        "per year, especially with specialized skills in high-demand areas."
    )


def _joined(texts: list[str]) -> str | None:
    return "\n\n".join(texts) if texts else None


class _Truth:
    def __init__(self, guide: Guide) -> None:
        self.money_style = guide.money_style
        self.data: dict[str, Any] = {
            "title": guide.title,
            "summary": _joined(guide.summary),
            "headline": {
                "growth_rate_pct": guide.growth,
                "median_salary": guide.median,
                "remote_friendly": bool(guide.remote),
                "market_demand": None,
                "market_demand_note": None,
            },
            "salary": {},
            "stress_level": None,
            "balance_rating": None,
            "outlook": {},
            "tiers": [],
            "day_blocks": [],
            "skill_groups": [],
            "case_studies": [],
            "faqs": [],
        }
        self.paragraphs: dict[str, list[str]] = {}
        self.items: dict[str, list[str]] = {}
        self.flags: list[str] = []

    def prose(self, key: str, texts: list[str]) -> None:
        if texts:
            self.paragraphs.setdefault(key, []).extend(texts)

    def add_items(self, key: str, items: list[str], always: bool = False) -> None:
        if not items and not always:
            return
        bucket = self.items.setdefault(key, [])
        for item in items:
            if item in bucket:
                self.flags.append(f"repeated item in {key}: {item[:80]}")
            else:
                bucket.append(item)

    def section(self, sec: Sec) -> None:
        data, kind = self.data, sec.kind
        if kind == "demand":
            data["headline"]["market_demand"] = sec.values["value"]
            data["headline"]["market_demand_note"] = _joined(sec.paras)
        elif kind == "salary":
            assert sec.salary is not None
            data["salary"] = _salary_truth(sec.salary, self.money_style)
        elif kind in ("prose", "group", "list"):  # an empty list is no list: the key is left out
            self.prose(sec.key, sec.paras)
            self.add_items(sec.key, sec.items)
        elif kind == "balance":
            data["stress_level"] = sec.values.get("stress")
            data["balance_rating"] = sec.values.get("balance")
            self.prose("work_life_balance", sec.paras)
        elif kind == "outlook":
            data["outlook"] = {k: sec.values.get(k) for k in ("growth_rate_pct", "status", "source")}
        else:
            self.prose(sec.key, sec.paras)
            self._children(sec)

    def _children(self, sec: Sec) -> None:
        out = self.data
        for child in sec.children:
            if isinstance(child, Tier):
                out["tiers"].append(
                    {
                        "title": child.title,
                        "experience_min_years": child.low,
                        "experience_max_years": child.high,
                        "description": _joined(child.paras),
                    }
                )
            elif isinstance(child, Block):
                out["day_blocks"].append(
                    {
                        "period": child.period,
                        "start_time": child.start.isoformat(),
                        "end_time": child.end.isoformat(),
                        "focus": child.focus,
                        "tasks": list(child.tasks),
                    }
                )
            elif isinstance(child, Group):
                out["skill_groups"].append(
                    {"name": child.name, "description": _joined(child.paras), "skills": list(child.skills)}
                )
            elif isinstance(child, Case):
                out["case_studies"].append(
                    {"title": child.title, "body": _joined(child.paras), "key_takeaway": child.takeaway}
                )
            elif isinstance(child, Faq):
                out["faqs"].append({"question": child.question, "answer": _joined(child.paras)})

    def finish(self) -> dict[str, Any]:
        data = self.data
        data["paragraphs"] = self.paragraphs
        data["items"] = self.items
        data["quality_flags"] = self.flags
        data["salary"] = {**dict.fromkeys(_SALARY_KEYS), **data["salary"]}
        data["outlook"] = {**dict.fromkeys(("growth_rate_pct", "status", "source")), **data["outlook"]}
        return data


_SALARY_KEYS = ("currency", "country", "minimum", "maximum", "median", "entry", "mid", "senior", "top10", "note")


def _salary_truth(s: Salary, money_style: str) -> dict[str, Any]:
    # Without codes in the heading the range's symbol names the currency (the generator
    # always shows a range with symbols then).
    currency = s.currency if s.show_codes else SYMBOL_CODES[s.symbol]
    top10 = [top10_line(s.top10, s.symbol, money_style)] if s.top10 is not None and s.style == "lines" else []
    notes = top10 + s.notes
    return {
        "currency": currency,
        "country": s.country if s.show_codes else None,
        "minimum": s.minimum,
        "maximum": s.maximum,
        "median": s.median,
        "entry": s.entry,
        "mid": s.mid,
        "senior": s.senior,
        "top10": s.top10,
        "note": _joined(notes),
    }


def truth_record(guide: Guide) -> dict[str, Any]:
    """The CareerGuide fields (a plain dict) that a correct reader extracts from ``guide``."""
    truth = _Truth(guide)
    for sec in guide.sections():
        truth.section(sec)
    return truth.finish()
