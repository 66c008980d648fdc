"""A salary section -> the salary figures of a CareerGuide (part of ``pipeline.extract``).

Guides write pay in many shapes: a range line ("37,000–58,000"), label lines with the amount on
the next line ("Median" / "$47,500"), ``Label: value`` fields or list items ("Entry-Level:
$45,000"), and prose ("The median annual wage ... was $61,590", "Top 10% ... $60,000+"). Also
O*NET's "Wages & Employment Trends" section and the check of the headline median against the range.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.outline import Block, Field, Items, Paragraph
from pipeline.values import (
    CURRENCY_CODES,
    PERIODS_PER_YEAR,
    currency_of,
    is_money,
    parse_money,
    parse_money_range,
    parse_percent,
    pay_period,
)

_MEDIAN_LABEL = re.compile(r"^(median|average|mean)\b")
# "median ... $61,590", "Median salary is 47.500 €", "median ... 47,500 USD", "median ... CA$64,000"
_MEDIAN_IN_PROSE = re.compile(
    r"\b(?i:median)\b[^.$€£₹¥%]{0,80}?"
    r"((?:[A-Z]{1,2})?[$€£₹¥]\s?\d[\d,.]*\s?[kK]?|\d[\d,. ]*\d\s?(?:[$€£₹¥]|(?:USD|EUR|GBP|CAD|AUD|NZD|INR)\b))"
)
# A space between digit groups ("45 000 €") is part of the amount, not a word.
_GROUPED_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_PERIOD_HINT = re.compile(r"(?:/|\bper\s|\ban?\s)\s?(?:hour|hr|day|week|wk|month|mo)", re.IGNORECASE)
_LEVEL_LABEL = re.compile(r"^(entry|junior|mid|middle|senior|experienced|lead)[- ]?(level)?\b", re.IGNORECASE)
_QUALIFIER = re.compile(r"\b[A-Z]{2,3}\b")
_PARENTHESES = re.compile(r"\(([^)]*)\)")
_TOP10 = re.compile(r"\btop\s+10\s*%", re.IGNORECASE)
_TRENDS_LABEL = re.compile(r"growth|outlook|employment|openings|source")
_ANNUAL = re.compile(r"(\S+)\s+annual(?:ly)?\b")
# A heading that names the one figure under it: "Average salary", "Median Pay".
_NAMES_MEDIAN = re.compile(r"\b(average|median|mean|typical)\b", re.IGNORECASE)
# The period words of an amount ("per month", "/hr", "a year"): not words of a range line.
_PERIODS = re.compile(r"(?:/|\bper\s|\ban?\s)\s?(?:hour|hr|day|week|wk|month|mo|year|yr|annum)s?\b", re.IGNORECASE)


def read_salary(salary: dict[str, Any], heading: str, blocks: list[Block], fields: dict[str, str]) -> list[str]:
    """Fill ``salary`` from a salary section's blocks (``fields`` as read from them); return the
    texts a stored figure came from, for the pay-period flag: a period is noted only for a figure
    the record holds."""
    qualifiers = _QUALIFIER.findall(" ".join(_PARENTHESES.findall(heading)))
    salary["currency"] = next((q for q in qualifiers if q in CURRENCY_CODES), None)
    salary["country"] = next((q for q in qualifiers if len(q) == 2), None)
    stored: list[str] = []
    lines = [block.text for block in blocks if isinstance(block, Paragraph)]
    noted: set[int] = set()  # the lines kept as the note
    alone: list[str] = []  # amounts with no label line before them
    labelled = False  # the previous line was a label ("Median") and this one its amount
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if "minimum" not in salary and (found := _range_line(line)) is not None:
            salary["minimum"], salary["maximum"] = found
            salary["currency"] = salary["currency"] or currency_of(line)
            stored.append(line)
        elif len(line.split()) <= 4 and (key := salary_key(line)) and is_money(following):
            salary[key] = parse_money(following)  # a label line, its amount on the next line
            stored.append(following)
            labelled = True
            continue
        elif is_money(line):
            if not labelled:
                alone.append(line)
        elif len(line.split()) >= 5:
            noted.add(index)
            if _TOP10.search(line) and (top10 := parse_money(line.split("%", 1)[1])) is not None:
                salary["top10"] = top10
                stored.append(line)
        labelled = False
    # "Entry-Level: $45,000" as a field, or as a list item (a <li> per level on many pages).
    items = [item for block in blocks if isinstance(block, Items) for item in block.items]
    listed = {
        label.strip().lower(): value.strip()
        for label, _, value in (item.partition(":") for item in items if ":" in item)
    }
    for label, value in {**listed, **fields}.items():
        if (key := salary_key(label)) is not None:
            if (figure := _yearly(value)) is not None:
                stored.append(value)
            salary[key] = figure
        elif label in {"range", "salary range"} and (found := parse_money_range(value)):
            salary["minimum"], salary["maximum"] = found
            salary["currency"] = salary["currency"] or currency_of(value)
            stored.append(value)
    notes = _notes(blocks, noted)
    salary["note"] = "\n\n".join(notes) if notes else None
    if "minimum" not in salary:
        stored.extend(_listed_ranges(salary, items))
    if salary.get("median") is None:
        if len(alone) == 1 and _NAMES_MEDIAN.search(heading):  # "Average salary" over "$19.73 per hour"
            salary["median"] = parse_money(alone[0])
            stored.append(alone[0])
        else:  # "The median annual wage for electricians was $61,590 in May 2023."
            for note in notes:
                if (stated := _MEDIAN_IN_PROSE.search(note)) is not None:
                    salary["median"] = parse_money(stated.group(1))
                    stored.append(note)
                    break
    if salary["currency"] is None:  # no code in the heading nor a range line: the figures' own
        salary["currency"] = next(filter(None, map(currency_of, stored)), None)
    return stored if _PERIOD_HINT.search("\n".join(stored)) else []  # one cheap scan; most pay is yearly


def _yearly(value: str) -> int | None:
    """The amount of a field: the yearly one when both are written ("$23.09 hourly, $48,030 annual")."""
    if "annual" in value and (annual := _ANNUAL.search(value)) is not None:
        return parse_money(annual.group(1))
    return parse_money(value)


def _range_line(line: str) -> tuple[int, int] | None:
    """The range a line states and little else: "$45k - $60k", "$700 per month to $1,600 per month"
    (periods not counted as words); a sentence that mentions a range is a note."""
    found = parse_money_range(line)
    if found is None or len(line.split()) <= 6 or len(_GROUPED_SPACE.sub("", _PERIODS.sub("", line)).split()) <= 6:
        return found
    return None


def _notes(blocks: list[Block], noted: set[int]) -> list[str]:
    """The note's sentences in document order: the noted lines, and list items that are sentences
    rather than "Label: amount" ("Starting salaries ... are typically £22,000 to £26,000.")."""
    notes: list[str] = []
    index = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            if index in noted:
                notes.append(block.text)
            index += 1
        elif isinstance(block, Items):
            notes.extend(item for item in block.items if ":" not in item and len(item.split()) >= 5)
    return notes


def _listed_ranges(salary: dict[str, Any], items: list[str]) -> list[str]:
    """A list of pay bands, one range per item ("Starting salaries ... £22,000 to £26,000", "With
    experience, £28,000 to £35,000", ...): the salary range spans them. Needs two bands or more."""
    bands = [(found, item) for item in items if (found := parse_money_range(item)) is not None]
    if len(bands) < 2:
        return []
    salary["minimum"] = min(low for (low, _), _ in bands)
    salary["maximum"] = max(high for (_, high), _ in bands)
    salary["currency"] = salary["currency"] or next(filter(None, (currency_of(item) for _, item in bands)), None)
    return [item for _, item in bands]


def read_wages_and_trends(
    salary: dict[str, Any], outlook: dict[str, Any], heading: str, blocks: list[Block], fields: dict[str, str]
) -> tuple[list[str], list[str]]:
    """O*NET's "Wages & Employment Trends": "Median wages (2023): $23.09 hourly, $48,030 annual" is
    the salary; projected growth and its source the outlook. Returns the texts of stored pay figures
    (as ``read_salary``) and the lines left for the outlook's text (employment, job openings)."""
    pay = {label: value for label, value in fields.items() if not _TRENDS_LABEL.search(label)}
    stored = read_salary(salary, heading, blocks, pay)
    lines: list[str] = []
    for block in blocks:
        if not isinstance(block, Field) or not _TRENDS_LABEL.search(label := block.label.lower()):
            continue
        if "source" in label:
            outlook.setdefault("source", block.value)
        elif "growth" in label or "outlook" in label:  # "Faster than average (5% to 6%)": a range is no rate
            outlook["status"] = block.value
            outlook["growth_rate_pct"] = parse_percent(block.value) if block.value.count("%") == 1 else None
        else:
            lines.append(f"{block.label}: {block.value}")
    return stored, lines


def headline_median_flag(headline: dict[str, Any], salary: dict[str, Any]) -> str | None:
    """A headline median outside the salary range: one of them is stale or for another place."""
    median, low, high = headline.get("median_salary"), salary.get("minimum"), salary.get("maximum")
    if median is not None and low is not None and high is not None and low <= high and not low <= median <= high:
        return f"headline median {median} is outside the salary range {low}-{high}"
    return None


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
