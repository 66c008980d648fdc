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
# Dollars other than the U.S. one are written with a country prefix: CA$48,000, A$90,000, HK$300,000.
DOLLAR_PREFIXES = {
    "US": "USD",
    "CA": "CAD",
    "C": "CAD",
    "AU": "AUD",
    "A": "AUD",
    "NZ": "NZD",
    "HK": "HKD",
    "SG": "SGD",
    "S": "SGD",
    "MX": "MXN",
    "R": "BRL",
}
# What each way of writing a currency names; "$" and "¥" alone are the ambiguous ones.
_CURRENCY_NAMES = {
    **CURRENCY_SYMBOLS,
    **{f"{prefix}$": code for prefix, code in DOLLAR_PREFIXES.items()},
    **{code: code for code in CURRENCY_CODES},
    "Rs": "INR",
    "Rs.": "INR",
}
_AMBIGUOUS = frozenset({"$", "¥"})
_CODE = "|".join(sorted(CURRENCY_CODES))
# A letter prefix or a code is a currency only as a word of its own: "AUD" in "AUDIT" is not, nor "A$" in "CA$".
# "(?=[A-Z])" first: most characters of prose are not capitals, and the letter alternatives are then skipped.
_BEFORE = (
    r"[$€£₹¥]|(?=[A-Z])(?<![A-Za-z])"
    rf"(?:(?:{'|'.join(sorted(DOLLAR_PREFIXES, key=len, reverse=True))})\$|(?:{_CODE}|Rs\.?)(?![A-Za-z]))"
)
# After the number ("38.000 €", "80,000 USD") unless another amount follows ("2023 $45,000" is a year, then pay).
_AFTER = rf"(?:[$€£₹¥]|(?:{_CODE})(?![A-Za-z]))(?!\s?\d)"
_SPACE = "\u00a0\u202f\u2009 "  # no-break and (narrow) thin spaces group thousands in French typography
# Indian grouping first (6,50,000 = 650,000; 1,20,00,000), then space-grouped thousands with a decimal
# comma (45 000,50), comma or space thousands, European dots with an optional decimal comma (38.000,50),
# a decimal comma alone (12,50: money only with a currency, see _amount), plain.
_NUMBER = (
    rf"(?=\d)(?:\d{{1,2}}(?:,\d{{2}})+,\d{{3}}(?!\d)(?:\.\d+)?|\d{{1,3}}(?:[{_SPACE}]\d{{3}})+(?!\d),\d{{1,2}}(?![\d,])"
    rf"|\d{{1,3}}(?:[,{_SPACE}]\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:\.\d{{3}})+(?!\d)(?:,\d{{1,2}}(?![\d,]))?"
    r"|\d{1,3},\d{1,2}(?![\d,])|\d+(?:\.\d+)?)"
)
# "/hour", "per month", "an hour", "a year", in any case ("Per Hour", "/HR"): pay quoted for another period.
_PERIOD = r"(?i:\s?(?:/|per\s|an?\s)\s?(?P<period>hour|hr|week|wk|month|mo|day|year|yr|annum)s?\b)"
# Yearly pay from other periods, as the U.S. Bureau of Labor Statistics annualizes (2,080 hours).
PERIODS_PER_YEAR = {"hour": 2080, "hr": 2080, "day": 260, "week": 52, "wk": 52, "month": 12, "mo": 12}
_MONEY = (
    rf"(?P<symbol>{_BEFORE})?\s?(?P<number>{_NUMBER})(?:\s?(?P<scale>[kKmM]\b))?(?P<plus>\+)?"
    rf"(?:\s?(?P<after>{_AFTER}))?(?:{_PERIOD})?"
)
MONEY = re.compile(_MONEY)
# The same amount without its groups, twice in a range; atomic, since what it leaves never makes a range.
_AMOUNT = "(?>" + re.sub(r"\?P<\w+>", "?:", _MONEY) + ")"
# "37,000–58,000", "$45k to $60k", "between $40,000 and $60,000" (a minus sign or figure dash as the dash).
_RANGE = re.compile(
    rf"(?i:between)\s+(?P<between>{_AMOUNT})\s+(?i:and)\s+(?P<and>{_AMOUNT})"
    rf"|(?P<low>{_AMOUNT})\s*(?:[-–—‒−]|(?i:to))\s*(?P<high>{_AMOUNT})"
)
_CURRENCY = re.compile(_BEFORE)
_PERCENT = re.compile(r"(?P<sign>[-+−])?\s?(?P<number>\d+(?:\.\d+)?)\s?%")
_NOON = r"(?<![A-Za-z])(?i:noon|midday|midnight)(?![A-Za-z])"
_MARKER = r"\s*(?P<ampm>[AaPp])\.?\s*[Mm]\.?(?![A-Za-z])"  # "am", "PM", "a.m.", not "5 Amazing ..."
# A time never starts inside a number: "1.30pm" is 1:30 PM, not "30pm". The look-arounds first let the
# search pass over other characters cheaply (headings are read on the hot path).
_TIME = re.compile(
    r"(?=[\dNnMm])(?<![\d.:])(?:(?=\d)(?:"
    rf"(?P<hour>\d{{1,2}})(?:[:.](?P<minute>\d{{2}}))?{_MARKER}"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})"
    # "5–9 pm", "9-12 PM", "8 – noon": a bare first hour takes its half of the day from the second time.
    rf"|(?P<bare>\d{{1,2}})(?=\s*(?:[-–—]|(?i:to))\s*(?:\d{{1,2}}(?:[:.]\d{{2}})?\s*[AaPp]\.?\s*[Mm]|{_NOON})))"
    rf"|(?P<word>(?:12(?:[:.]00)?\s*)?{_NOON}))"
)
# Between two times of a range: "8 AM - Noon", "11 PM to midnight".
_TIME_LINK = re.compile(r"\s*(?:[-–—]|to|until|till)\s*", re.IGNORECASE)
# "Noon" or "Midnight" alone is a time; "Midday" alone is the name guides give the block around lunch.
_TIME_WORD_ALONE = re.compile(r"\W*(?:noon|midnight)\W*", re.IGNORECASE)
_YEARS_RANGE = re.compile(r"(?P<low>\d+)\s*(?:[-–—]|to)\s*(?P<high>\d+)")
_YEARS_OPEN = re.compile(
    r"(?P<low>\d+)\s*\+|(?:over|more than|at least)\s+(?P<low2>\d+)"
    r"|(?P<low3>\d+)\s+(?:years?\s+)?or\s+(?:more|longer|above)",
    re.IGNORECASE,
)
_YEARS_UNDER = re.compile(r"(?:less than|under|up to)\s+(?P<high>\d+)", re.IGNORECASE)
_YEARS_ONE = re.compile(r"(?P<n>\d+)")
_EUROPEAN = re.compile(r"\d{1,3}(?:\.\d{3})+")
_NO_SPACES = str.maketrans("", "", _SPACE)
_WORD = re.compile(r"[^\W_]+")
_SCALES = {"k": 1000, "K": 1000, "m": 1_000_000, "M": 1_000_000}
_SHORT_PERIODS = {"hr": "hour", "wk": "week", "mo": "month"}


def _number(text: str) -> float:
    if not text.isascii():
        text = text.translate(_NO_SPACES)  # 45\u202f000
    elif " " in text:
        text = text.replace(" ", "")
    if "," in text:
        head, _, tail = text.rpartition(",")
        if len(tail) <= 2:  # a decimal comma: 38.000,50 or 12,50 (thousands groups have three digits)
            return float(f"{head.replace('.', '')}.{tail}")
        text = text.replace(",", "")
    elif "." in text and _EUROPEAN.fullmatch(text):  # European thousands: 40.000
        text = text.replace(".", "")
    return float(text)


def _amount(match: re.Match[str], *, marked: bool = False) -> float | None:
    """The amount ``match`` (of MONEY) reads, scaled but for its own period; None for a bare small
    number ("10" in "Top 10%"), which is not money unless a currency or scale says so (or ``marked``)."""
    symbol, number, scale, after = match.group("symbol", "number", "scale", "after")
    value = _number(number)
    if scale is not None:
        return value * _SCALES[scale]
    if value < 1000 and symbol is None and after is None and not marked:
        return None
    return value


def _per_year(match: re.Match[str]) -> int:
    period = match["period"]
    return 1 if period is None else PERIODS_PER_YEAR.get(period.lower(), 1)


def parse_money(text: str) -> int | None:
    """The first amount in ``text`` as a whole yearly number: "$47,500" -> 47500, "58k+" -> 58000,
    "38.000 €" -> 38000, "$18/Hour" -> 37440."""
    for match in MONEY.finditer(text):
        if (value := _amount(match)) is not None:
            return round(value * _per_year(match))
    return None


def pay_period(text: str) -> str | None:
    """The period a non-yearly amount in ``text`` is quoted for ("$40/Hour" -> "hour"), else None."""
    for match in MONEY.finditer(text):
        if (period := match["period"]) is not None and (period := period.lower()) in PERIODS_PER_YEAR:
            return _SHORT_PERIODS.get(period, period)
    return None


def _grouped(match: re.Match[str]) -> bool:
    """The number is written in groups ("40,000", "40.000", "40 000"), not as bare digits ("2019")."""
    return not match["number"].isdigit()


def is_money(text: str) -> bool:
    """True when the whole text is one amount ("$47,500", "€40.000", "39.000 €", "58k+", "CA$48,000")."""
    match = MONEY.fullmatch(text.strip())
    if match is None:
        return False
    number = match["number"]
    thousands = "," in number and len(number.rpartition(",")[2]) > 2  # not a decimal comma
    return bool(match["symbol"] or match["after"] or match["scale"] or thousands)


def parse_money_range(text: str) -> tuple[int, int] | None:
    """Read "37,000–58,000", "$37k - $58k", "37,000 to 58,000", "between $40,000 and $60,000",
    "38.000 € – 62.000 €". Only both ends: "up to $90,000" is None."""
    found = _RANGE.search(text)
    if found is None:
        return None
    low_text, high_text = found.group("low", "high") if found["low"] is not None else found.group("between", "and")
    low, high = MONEY.match(low_text), MONEY.match(high_text)
    if low is None or high is None:  # pragma: no cover - both sides are spelled as MONEY
        return None
    # The currency, scale and period may be written once, on one side: "€15–18 per hour", "$45–60k".
    currency = bool(low["symbol"] or low["after"] or high["symbol"] or high["after"])
    high_scale = high["scale"]
    if found["low"] is None and not (currency or high_scale or low["scale"] or _grouped(low) or _grouped(high)):
        return None  # "between 2019 and 2023" is a span of years; a range in prose must look like money
    high_value = _amount(high, marked=currency)
    low_value = _amount(low, marked=currency or high_scale is not None)
    if low_value is None or high_value is None:
        return None
    if high_scale is not None and low["scale"] is None and low_value < 1000:
        low_value *= _SCALES[high_scale]
    yearly = _per_year(high)
    return round(low_value * (yearly if low["period"] is None else _per_year(low))), round(high_value * yearly)


def currency_of(text: str) -> str | None:
    """The currency ``text`` names: "CA$48,000" -> CAD, "38.000 €" -> EUR, "$80,000 CAD" -> CAD.
    A bare "$" (or "¥") counts only when nothing more precise is written."""
    fallback = None
    for match in _CURRENCY.finditer(text):
        written = match.group()
        if written not in _AMBIGUOUS:
            return _CURRENCY_NAMES[written]
        fallback = fallback or _CURRENCY_NAMES[written]
    return fallback


def parse_percent(text: str) -> float | None:
    """ "9%" -> 9.0, "-3.5 %" -> -3.5."""
    match = _PERCENT.search(text)
    if match is None:
        return None
    value = float(match.group("number"))
    return -value if match.group("sign") in ("-", "−") else value


def parse_times(text: str) -> tuple[dt.time | None, dt.time | None]:
    """Start and end of "9:00 AM - 12:00 PM" (also "9-12 PM", "13:00-15:30", "8 AM - Noon", "9.30am").

    A range that crosses midnight ("11:00 PM - 3:00 AM") is returned as written: 23:00 and 03:00.
    """
    found: list[tuple[int, int, str | None]] = []
    words: list[tuple[int, re.Match[str]]] = []  # (index in found, match) of noon/midnight
    matches: list[re.Match[str]] = []
    for match in _TIME.finditer(text):
        hour, minute, ampm, h24, m24, bare, word = match.groups()  # one call instead of one per named group
        if word is not None:
            words.append((len(found), match))
            # "=": the hour is already on the 24-hour clock and takes no marker from the other time.
            found.append((0 if word.lower().endswith("midnight") else 12, 0, "="))
        elif hour is not None:
            found.append((int(hour), int(minute or 0), ampm.lower()))
        elif h24 is not None:
            found.append((int(h24), int(m24), None))
        else:
            found.append((int(bare), 0, None))
        matches.append(match)
    if words:
        found = _times_with_words(text, found, matches, words)
    if not found:
        return None, None
    if len(found) >= 2 and found[0][2] is None and found[1][2] in ("a", "p") and found[0][0] <= 12:
        # "9:00 - 11:00 AM": the first time shares the second's marker unless that would go backwards.
        hour, minute, _ = found[0]
        marker = found[1][2]
        # "12:00 - 3:00 PM" is noon to 3 PM; "11:00 - 1:00 PM" is 11 AM to 1 PM.
        if marker == "p" and _to_24((hour, minute, "p")) > _to_24(found[1]):
            marker = "a"
        found[0] = (hour, minute, marker)
    times = [_to_24(t) for t in found[:2]]
    return times[0], times[1] if len(times) > 1 else None


def _times_with_words(
    text: str,
    found: list[tuple[int, int, str | None]],
    matches: list[re.Match[str]],
    words: list[tuple[int, re.Match[str]]],
) -> list[tuple[int, int, str | None]]:
    """Keep "noon" and "midnight" where they are times: "12 noon", an end of a range ("8 AM - Noon"),
    or the whole text ("Midnight"). Beside two clock times a word names the block: "Midday (12:30 PM -
    1:30 PM)", "Midday – 12:00 to 13:00"."""
    if len(found) - len(words) >= 2:
        return [time for time in found if time[2] != "="]
    dropped = set()
    for index, match in words:
        before = matches[index - 1].end() if index else None
        after = matches[index + 1].start() if index + 1 < len(matches) else None
        if not (
            match.group().startswith("12")
            or (before is not None and _TIME_LINK.fullmatch(text, before, match.start()))
            or (after is not None and _TIME_LINK.fullmatch(text, match.end(), after))
            or _TIME_WORD_ALONE.fullmatch(text)
        ):
            dropped.add(index)
    return [time for index, time in enumerate(found) if index not in dropped]


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
