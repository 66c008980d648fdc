"""Small pure readers for the figures guides write as text: money, percent, times, years."""

from __future__ import annotations

import datetime as dt
import re

CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "¥": "JPY"}
CURRENCY_CODES = frozenset(
    {
        "USD",
        "EUR",
        "GBP",
        "CAD",
        "AUD",
        "NZD",
        "INR",
        "JPY",
        "CNY",
        "CHF",
        "SEK",
        "NOK",
        "DKK",
        "PLN",
        "BRL",
        "MXN",
        "ZAR",
        "SGD",
        "HKD",
        "AED",
    }
)

# Indian grouping first (6,50,000 = 650,000; 1,20,00,000), then thousands groups, European dots, plain.
_NUMBER = (
    r"\d{1,2}(?:,\d{2})+,\d{3}(?!\d)(?:\.\d+)?|\d{1,3}(?:[,\u00a0 ]\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:\.\d+)?"
)
# "/hour", "per month", "an hour", "a year": pay quoted for another period than a year.
_PERIOD = r"\s?(?:/|per\s|an?\s)\s?(?P<period>hour|hr|week|wk|month|mo|day|year|yr|annum)s?\b"
# Yearly pay from other periods, as the U.S. Bureau of Labor Statistics annualizes (2,080 hours).
PERIODS_PER_YEAR = {"hour": 2080, "hr": 2080, "day": 260, "week": 52, "wk": 52, "month": 12, "mo": 12}
MONEY = re.compile(
    rf"(?P<symbol>[$€£₹¥])?\s?(?P<number>{_NUMBER})\s?(?P<scale>[kKmM]\b)?(?P<plus>\+)?(?:{_PERIOD})?",
)
_PERCENT = re.compile(r"(?P<sign>[-+−])?\s?(?P<number>\d+(?:\.\d+)?)\s?%")
_AMOUNT = rf"[$€£₹¥]?\s?(?:{_NUMBER})\s?[kK]?(?:{_PERIOD.replace('?P<period>', '?:')})?"
_RANGE = re.compile(rf"(?P<low>{_AMOUNT})\s*(?:[-–—]|to)\s*(?P<high>{_AMOUNT})")
_TIME = re.compile(
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<ampm>[AaPp])\.?\s*[Mm]\.?|(?P<h24>\d{1,2}):(?P<m24>\d{2})"
)
_YEARS_RANGE = re.compile(r"(?P<low>\d+)\s*(?:[-–—]|to)\s*(?P<high>\d+)")
_YEARS_OPEN = re.compile(
    r"(?P<low>\d+)\s*\+|(?:over|more than|at least)\s+(?P<low2>\d+)"
    r"|(?P<low3>\d+)\s+(?:years?\s+)?or\s+(?:more|longer|above)",
    re.IGNORECASE,
)
_YEARS_UNDER = re.compile(r"(?:less than|under|up to)\s+(?P<high>\d+)", re.IGNORECASE)
_YEARS_ONE = re.compile(r"(?P<n>\d+)")
_EUROPEAN = re.compile(r"\d{1,3}(?:\.\d{3})+")
_WORD = re.compile(r"[^\W_]+")


def _number(text: str) -> float:
    cleaned = text.replace("\u00a0", "").replace(" ", "")
    if "." in cleaned and _EUROPEAN.fullmatch(cleaned):  # European thousands: 40.000
        cleaned = cleaned.replace(".", "")
    return float(cleaned.replace(",", ""))


def parse_money(text: str) -> int | None:
    """The first amount in ``text`` as a whole number: "$47,500" -> 47500, "58k+" -> 58000."""
    for match in MONEY.finditer(text):
        bare = match.group("symbol") is None and match.group("scale") is None and "," not in match.group("number")
        if bare and _number(match.group("number")) < 1000:
            continue  # a bare small number ("10" in "Top 10%") is not money
        value = _number(match.group("number"))
        scale = (match.group("scale") or "").lower()
        value *= 1000 if scale == "k" else 1_000_000 if scale == "m" else 1
        return round(value * PERIODS_PER_YEAR.get(match.group("period") or "", 1))
    return None


def pay_period(text: str) -> str | None:
    """The period a non-yearly amount in ``text`` is quoted for ("$40/hour" -> "hour"), else None."""
    for match in MONEY.finditer(text):
        if (period := match.group("period")) in PERIODS_PER_YEAR:
            return {"hr": "hour", "wk": "week", "mo": "month"}.get(period, period)
    return None


def is_money(text: str) -> bool:
    """True when the whole text is one amount ("$47,500", "€40.000", "58k+")."""
    match = MONEY.fullmatch(text.strip())
    return match is not None and (match.group("symbol") is not None or "," in match.group("number"))


def parse_money_range(text: str) -> tuple[int, int] | None:
    """Read "37,000–58,000", "$37k - $58k" or "37,000 to 58,000"."""
    match = _RANGE.search(text)
    if match is None:
        return None
    low, high = parse_money(match.group("low")), parse_money(match.group("high"))
    if low is None or high is None:
        return None
    if (period := pay_period(match.group("high"))) and not pay_period(match.group("low")):
        low *= PERIODS_PER_YEAR[period]  # "$33 - $52 per hour": the period is written once
    return low, high


def currency_of(text: str) -> str | None:
    for symbol, code in CURRENCY_SYMBOLS.items():
        if symbol in text:
            return code
    return None


def parse_percent(text: str) -> float | None:
    """ "9%" -> 9.0, "-3.5 %" -> -3.5."""
    match = _PERCENT.search(text)
    if match is None:
        return None
    value = float(match.group("number"))
    return -value if match.group("sign") in ("-", "−") else value


def parse_times(text: str) -> tuple[dt.time | None, dt.time | None]:
    """Start and end of "9:00 AM - 12:00 PM" (also "9-12 PM", "13:00-15:00")."""
    found: list[tuple[int, int, str | None]] = []
    for match in _TIME.finditer(text):
        hour, minute, ampm, h24, m24 = match.groups()  # one call instead of one per named group
        if h24 is not None:
            found.append((int(h24), int(m24), None))
        else:
            found.append((int(hour), int(minute or 0), ampm.lower()))
    if not found:
        return None, None
    if len(found) >= 2 and found[0][2] is None and found[1][2] is not None and found[0][0] <= 12:
        # "9:00 - 11:00 AM": the first time shares the second's marker unless that would go backwards.
        hour, minute, _ = found[0]
        marker = found[1][2]
        # "12:00 - 3:00 PM" is noon to 3 PM; "11:00 - 1:00 PM" is 11 AM to 1 PM.
        if marker == "p" and _to_24((hour, minute, "p")) > _to_24(found[1]):
            marker = "a"
        found[0] = (hour, minute, marker)
    times = [_to_24(t) for t in found[:2]]
    return times[0], times[1] if len(times) > 1 else None


def _to_24(value: tuple[int, int, str | None]) -> dt.time:
    hour, minute, marker = value
    if marker == "p" and hour < 12:
        hour += 12
    elif marker == "a" and hour == 12:
        hour = 0
    return dt.time(hour % 24, min(minute, 59))


def parse_experience(text: str) -> tuple[int | None, int | None]:
    """Years of experience: "0-2 years" -> (0, 2), "6+ years" -> (6, None), "10 years" -> (10, 10)."""
    if match := _YEARS_RANGE.search(text):
        return int(match.group("low")), int(match.group("high"))
    if match := _YEARS_OPEN.search(text):
        return int(match.group("low") or match.group("low2") or match.group("low3")), None
    if match := _YEARS_UNDER.search(text):
        return 0, int(match.group("high"))
    if match := _YEARS_ONE.search(text):
        return int(match.group("n")), int(match.group("n"))
    return None, None


def snake_case(text: str) -> str:
    """ "Work-Life Balance & Stress" -> "work_life_balance_and_stress"."""
    words = _WORD.findall(text.replace("&", " and ").lower())
    return "_".join(words)[:60] or "section"
