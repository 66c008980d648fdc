"""A salary section -> the salary figures of a CareerGuide (part of ``pipeline.extract``).

Guides write pay in many shapes: a range line ("37,000–58,000"), label lines with the amount on
the next line ("Median" / "$47,500"), ``Label: value`` fields or list items ("Entry-Level:
$45,000"), and prose ("The median annual wage ... was $61,590", "Top 10% ... $60,000+").
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.values import (
    CURRENCY_CODES,
    PERIODS_PER_YEAR,
    currency_of,
    is_money,
    parse_money,
    parse_money_range,
    pay_period,
)

_MEDIAN_LABEL = re.compile(r"^(median|average|mean)\b")
_MEDIAN_IN_PROSE = re.compile(r"\bmedian\b[^.$€£₹¥%]{0,80}?([$€£₹¥]\s?\d[\d,.]*\s?[kK]?)")
_PERIOD_HINT = re.compile(r"(?:/|\bper\s|\ban?\s)\s?(?:hour|hr|day|week|wk|month|mo)", re.IGNORECASE)
_LEVEL_LABEL = re.compile(r"^(entry|junior|mid|middle|senior|experienced|lead)[- ]?(level)?\b", re.IGNORECASE)
_QUALIFIER = re.compile(r"\b[A-Z]{2,3}\b")
_PARENTHESES = re.compile(r"\(([^)]*)\)")
_TOP10 = re.compile(r"\btop\s+10\s*%", re.IGNORECASE)


def read_salary(
    salary: dict[str, Any], heading: str, paragraphs: list[str], items: list[str], fields: dict[str, str]
) -> list[str]:
    """Fill ``salary`` from a salary section; return the texts whose pay period is to be noted."""
    qualifiers = _QUALIFIER.findall(" ".join(_PARENTHESES.findall(heading)))
    salary["currency"] = next((q for q in qualifiers if q in CURRENCY_CODES), None)
    salary["country"] = next((q for q in qualifiers if len(q) == 2), None)
    notes: list[str] = []
    lines = paragraphs
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if "minimum" not in salary and (found := parse_money_range(line)) and len(line.split()) <= 6:
            salary["minimum"], salary["maximum"] = found
            salary["currency"] = salary["currency"] or currency_of(line)
        elif len(line.split()) <= 4 and (key := salary_key(line)) and is_money(following):
            salary[key] = parse_money(following)  # a label line, its amount on the next line
        elif is_money(line):
            continue
        elif len(line.split()) >= 5:
            notes.append(line)
            if _TOP10.search(line):
                salary["top10"] = parse_money(line.split("%", 1)[1])
    # "Entry-Level: $45,000" as a field, or as a list item (a <li> per level on many pages).
    listed = {
        label.strip().lower(): value.strip()
        for label, _, value in (item.partition(":") for item in items if ":" in item)
    }
    for label, value in {**listed, **fields}.items():
        if (key := salary_key(label)) is not None:
            salary[key] = parse_money(value)
        elif label in {"range", "salary range"} and (found := parse_money_range(value)):
            salary["minimum"], salary["maximum"] = found
            salary["currency"] = salary["currency"] or currency_of(value)
    salary["note"] = "\n\n".join(notes) if notes else None
    if salary.get("median") is None:  # "The median annual wage for electricians was $61,590 in May 2023."
        for note in notes:
            if (stated := _MEDIAN_IN_PROSE.search(note)) is not None:
                salary["median"] = parse_money(stated.group(1))
                break
    texts = [*lines, *fields.values(), *listed.values()]
    if _PERIOD_HINT.search("\n".join(texts)):  # one cheap scan; most guides quote yearly pay
        return texts
    return []


def pay_period_flag(text: str) -> str | None:
    """The flag for pay quoted per hour, week or month: the salary columns hold it as a yearly figure."""
    if (period := pay_period(text)) is not None:
        return f"pay quoted per {period} is stored as a yearly figure (x{PERIODS_PER_YEAR[period]:,})"
    return None


def salary_key(label: str) -> str | None:
    """The salary figure a label names: "Median" -> median, "Entry-Level" -> entry, "Top 10%" -> top10."""
    label = label.lower()
    if _MEDIAN_LABEL.match(label):
        return "median"
    if (level := _LEVEL_LABEL.match(label)) is not None:
        lvl = level.group(1).lower()
        return "entry" if lvl in {"entry", "junior"} else "mid" if lvl.startswith("mid") else "senior"
    return "top10" if label.startswith("top 10") else None
