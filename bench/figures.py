"""The figures of a synthetic guide: salary, career tiers, day blocks, growth rates.

Every draw keeps the figures consistent (salary levels and tier years increase, day blocks
run forwards and end before 23:00), so a well-formed guide always validates.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from bench import words as W
from bench.content import SYMBOL_CODES, Block, Salary, Tier
from pipeline.sections import classify

if TYPE_CHECKING:
    from bench.generate import Writer


def pct_text(value: float, rng: random.Random) -> str:
    number = f"{abs(value):g}"
    if value < 0:
        return rng.choice(("-", "−")) + number + "%"
    return rng.choice(("", "", "", "+")) + number + "%"


def make_salary(rng: random.Random, median: int, money_style: str) -> Salary:
    currency, country, symbol = rng.choice(W.CURRENCIES)
    step = 50 if money_style == "full" else 1000

    def rounded(value: float) -> int:
        return int(round(value / step) * step)

    minimum = rounded(median * rng.uniform(0.6, 0.85))
    maximum = rounded(median * rng.uniform(1.15, 1.6))
    entry = rounded(rng.uniform(minimum, median))
    senior = rounded(rng.uniform(median, maximum))
    # "$" alone reads as USD, so CAD/AUD guides always name their currency in the heading.
    show_codes = SYMBOL_CODES.get(symbol) != currency or rng.random() < 0.7
    has_range = not show_codes or rng.random() < 0.95
    levels = rng.random() < 0.85
    style = rng.choice(("lines", "lines", "fields"))
    labels = (
        rng.choice(("Entry-Level", "Entry Level", "Junior")),
        rng.choice(("Mid-Level", "Mid-Career", "Mid Level")),
        rng.choice(("Senior-Level", "Senior", "Experienced")),
    )
    notes = ["Figures are annual base pay before bonuses and benefits."] if rng.random() < 0.2 else []
    return Salary(
        currency=currency,
        country=country,
        symbol=symbol,
        show_codes=show_codes,
        minimum=minimum if has_range else None,
        maximum=maximum if has_range else None,
        median=median if rng.random() < 0.9 else None,
        entry=entry if levels else None,
        mid=median if levels else None,
        senior=senior if levels else None,
        top10=maximum if rng.random() < 0.8 else None,
        notes=notes,
        style=style,
        median_on_own_line=style == "lines" and rng.random() < 0.25,
        range_sep=rng.choice(("—", "–", " – ", " - ", "-", " to ")),
        range_symbols=not show_codes or rng.random() < 0.5,
        range_suffix=rng.choice(("", "", "", "", " per year", "/yr", " a year")),
        level_labels=labels,
    )


def make_tiers(rng: random.Random, w: Writer, spec: str, role: str) -> list[Tier]:
    count = rng.randint(2, 6)
    tiers: list[Tier] = []
    low = 0
    label = rng.choice(("Experience", "Experience", "Years of experience", "Typical experience"))
    for index in range(count):
        prefix = rng.choice(W.TIER_LEVELS[index])
        title = f"{prefix} {spec}" if prefix.endswith(" of") else " ".join(p for p in (prefix, spec, role) if p)
        last = index == count - 1
        high: int | None = low + rng.randint(1, 4)
        if last and rng.random() < 0.7:
            high = None
            text = rng.choice((f"{low}+ years", f"At least {low} years", f"{low} or more years"))
        elif index == 0 and low == 0 and rng.random() < 0.3:
            text = f"Up to {high} years"
        else:
            text = rng.choice((f"{low}-{high} years", f"{low}–{high} years", f"{low} to {high} years"))
        # Without its "Experience:" line, a tier titled "Compensation Analyst" reads as a salary
        # section in plain text (nothing structural says otherwise), so such tiers keep it.
        shown = rng.random() < 0.95 or classify(title) is not None
        tiers.append(
            Tier(
                title=title,
                exp_label=label if shown else None,
                exp_text=text,
                low=low if shown else None,
                high=high if shown else None,
                paras=w.paragraphs(1, 2),
            )
        )
        low = (high if high is not None else low) + 1
    return tiers


def _clock(t: dt.time, style: str) -> str:
    if style == "24h":
        return f"{t:%H:%M}"
    hour = t.hour % 12 or 12
    marker = "AM" if t.hour < 12 else "PM"
    if style == "short" and t.minute == 0:
        return f"{hour} {marker}"
    return f"{hour}:{t.minute:02d} {marker}"


def _times_text(start: dt.time, end: dt.time, style: str, sep: str) -> str:
    if style == "shared" and (start.hour < 12) == (end.hour < 12):
        return f"{_clock(start, '12h').rsplit(' ', 1)[0]}{sep}{_clock(end, '12h')}"
    return f"{_clock(start, style)}{sep}{_clock(end, style)}"


def _period(minutes: int) -> str:
    """The name a guide gives a block starting at ``minutes`` past midnight."""
    for limit, name in (
        (9 * 60, "Early Morning"),
        (11 * 60, "Morning"),
        (12 * 60, "Late Morning"),
        (13 * 60, "Midday"),
        (15 * 60, "Afternoon"),
        (17 * 60, "Late Afternoon"),
        (21 * 60, "Evening"),
    ):
        if minutes < limit:
            return name
    return "Night"


def make_blocks(rng: random.Random, w: Writer) -> list[Block]:
    style = rng.choice(("12h", "12h", "short", "24h", "shared"))
    sep = rng.choice((" - ", " – ", "-", " to "))
    dash = rng.random() < 0.2
    label = rng.choice(("Focus", "Focus", "Main focus"))
    minutes = 6 * 60 + rng.choice((30, 60, 90, 120, 150, 180))
    blocks: list[Block] = []
    for _ in range(rng.randint(2, 5)):
        length = rng.choice((90, 120, 150, 180, 210, 240))
        end = min(minutes + length, 23 * 60)
        start_t, end_t = dt.time(minutes // 60, minutes % 60), dt.time(end // 60, end % 60)
        focus = w.fill(rng.choice(W.FOCUS_FORMS)) if rng.random() < 0.9 else None
        tasks = w.unique(w.duty, rng.randint(2, 6))
        blocks.append(
            Block(_period(minutes), start_t, end_t, _times_text(start_t, end_t, style, sep), dash, label, focus, tasks)
        )
        minutes = end + rng.choice((0, 0, 30, 60))
        if minutes >= 22 * 60:
            break
    return blocks
