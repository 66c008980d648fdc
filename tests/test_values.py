"""The pure value readers in pipeline/values.py, over the spellings guides actually use."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.values import currency_of, is_money, parse_money, parse_money_range, parse_times, pay_period

HOUR, WEEK, MONTH, DAY = 2080, 52, 12, 260


# -- pay periods: any letter case --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period", "yearly"),
    [
        ("$18/hr", "hour", 18 * HOUR),  # already read: the lower-case spellings must stay as they are
        ("$18 per hour", "hour", 18 * HOUR),
        ("$21.50 an hour", "hour", round(21.5 * HOUR)),
        ("Median: $17.90 Per Hour", "hour", round(17.9 * HOUR)),
        ("$18/Hour", "hour", 18 * HOUR),
        ("$18/HR", "hour", 18 * HOUR),
        ("$18/Hr", "hour", 18 * HOUR),
        ("$18 PER HOUR", "hour", 18 * HOUR),
        ("$18 An Hour", "hour", 18 * HOUR),
        ("$18 Per Hr.", "hour", 18 * HOUR),
        ("$3,000 Per Month", "month", 3000 * MONTH),
        ("$3,000/Mo", "month", 3000 * MONTH),
        ("$3,000 A MONTH", "month", 3000 * MONTH),
        ("$900 Per Week", "week", 900 * WEEK),
        ("$900/WK", "week", 900 * WEEK),
        ("$150 Per Day", "day", 150 * DAY),
        ("€15 Per Hour", "hour", 15 * HOUR),
        ("18 € Per Hour", "hour", 18 * HOUR),
    ],
)
def test_pay_period_words_in_any_case(text: str, period: str, yearly: int) -> None:
    assert pay_period(text) == period
    assert parse_money(text) == yearly


@pytest.mark.parametrize("text", ["$50,000 PER YEAR", "$50,000 Per Year", "$50,000/Yr", "$50,000 Per Annum"])
def test_yearly_pay_in_any_case_is_not_flagged(text: str) -> None:
    assert pay_period(text) is None
    assert parse_money(text) == 50_000
    assert is_money(text)


@pytest.mark.parametrize("text", ["$17.90 Per Hour", "$18/HR", "$3,000 Per Month", "$50,000 PER YEAR"])
def test_amount_with_a_capitalised_period_is_money(text: str) -> None:
    assert is_money(text)


def test_hourly_range_with_capitalised_period_is_annualized() -> None:
    assert parse_money_range("$33 - $52 Per Hour") == (33 * HOUR, 52 * HOUR)
    assert parse_money_range("$33/Hr — $52/Hr") == (33 * HOUR, 52 * HOUR)


# -- dollars of other countries: CA$, A$, US$ ... ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("CA$48,000", 48_000, "CAD"),
        ("C$55,000", 55_000, "CAD"),
        ("US$120,000", 120_000, "USD"),
        ("A$90,000", 90_000, "AUD"),
        ("AU$90,000", 90_000, "AUD"),
        ("NZ$70,000", 70_000, "NZD"),
        ("HK$300,000", 300_000, "HKD"),
        ("S$60,000", 60_000, "SGD"),
        ("SG$60,000", 60_000, "SGD"),
        ("MX$250,000", 250_000, "MXN"),
        ("R$ 5.000", 5_000, "BRL"),
        ("A$85k", 85_000, "AUD"),
        ("Median: A$90,000 per year", 90_000, "AUD"),
        ("$47,500", 47_500, "USD"),
    ],
)
def test_prefixed_dollars_name_their_currency(text: str, amount: int, currency: str) -> None:
    assert parse_money(text) == amount
    assert currency_of(text) == currency
    assert is_money(text.removeprefix("Median: "))


def test_an_article_before_a_dollar_sign_is_not_australian() -> None:
    assert currency_of("earn a $50,000 salary") == "USD"
    assert currency_of("About $50,000 (A$75,000)") == "AUD"  # a named dollar beats a bare "$"


@pytest.mark.parametrize(
    ("text", "expected", "currency"),
    [
        ("CA$48,000—CA$92,000", (48_000, 92_000), "CAD"),
        ("CA$48,000 - CA$92,000", (48_000, 92_000), "CAD"),
        ("A$70k – A$95k", (70_000, 95_000), "AUD"),
        ("NZ$55,000 to NZ$80,000", (55_000, 80_000), "NZD"),
        ("US$60,000–US$90,000", (60_000, 90_000), "USD"),
    ],
)
def test_prefixed_dollar_ranges(text: str, expected: tuple[int, int], currency: str) -> None:
    assert parse_money_range(text) == expected
    assert currency_of(text) == currency


# -- the currency after the number; European and French grouping -------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("38.000 €", 38_000),
        ("Entry-Level 39.000 €", 39_000),
        ("€40.000", 40_000),
        ("€ 40.000", 40_000),
        ("40.000€", 40_000),
        ("$80,000 USD", 80_000),
        ("80,000 USD", 80_000),
        ("80,000USD", 80_000),
        ("45,000 EUR", 45_000),
        ("EUR 45,000", 45_000),
        ("USD 1,200", 1_200),
        ("500 USD", 500),  # a small figure is money when a currency says so
        ("45 000 €", 45_000),
        ("45\u00a0000 €", 45_000),
        ("45\u202f000 €", 45_000),  # narrow no-break space, as French typography writes it
        ("45\u2009000 €", 45_000),
        ("£30k", 30_000),
        ("£30K", 30_000),
        ("$1.2M", 1_200_000),
        ("€45.5k", 45_500),
        ("38.000,75 €", 38_001),
        ("1.234,56 €", 1_235),
        ("45 000,80 €", 45_001),
        ("12,50 € per hour", round(12.5 * HOUR)),
        ("€12,50/hour", round(12.5 * HOUR)),
        ("$17.90", 18),
        ("$45,000.00", 45_000),
        ("$45,000.60", 45_001),
        ("₹6,50,000", 650_000),
        ("Rs. 6,50,000", 650_000),
        ("INR 6,50,000", 650_000),
        ("CHF 95,000", 95_000),
        ("¥5,000,000", 5_000_000),
    ],
)
def test_currency_on_either_side_and_european_grouping(text: str, amount: int) -> None:
    assert parse_money(text) == amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Top 10 people", None),  # bare small numbers are not money
        ("10,50", None),  # a decimal comma needs a currency to be read as money
        ("sizes 10,50 and 60", None),
        ("Over 5 years", None),
        ("Top 10%: 90.000 €", 90_000),
    ],
)
def test_bare_small_numbers_are_not_money(text: str, expected: int | None) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("38.000 € – 62.000 €", "EUR"),
        ("Entry-Level 39.000 €", "EUR"),
        ("$80,000 USD", "USD"),
        ("$80,000 CAD", "CAD"),  # the code says which dollar
        ("30,000 to 60,000 USD", "USD"),
        ("45,000 EUR", "EUR"),
        ("EUR 45,000", "EUR"),
        ("45,000 (GBP)", "GBP"),
        ("£22,000 to £26,000", "GBP"),
        ("INR 6,50,000", "INR"),
        ("₹6,50,000", "INR"),
        ("Rs. 6,50,000", "INR"),
        ("CHF 95,000", "CHF"),
        ("¥5,000,000", "JPY"),
        ("¥38,000 CNY", "CNY"),
        ("45 000 €", "EUR"),
        ("AUD 90,000", "AUD"),
        ("90,000 AUD", "AUD"),
        ("45,000", None),
        ("Audit and accounts: 45,000", None),  # "AUD" inside a word is not a code
        ("USDA inspector: 45,000", None),
    ],
)
def test_currency_of_finds_symbols_and_codes_on_either_side(text: str, currency: str | None) -> None:
    assert currency_of(text) == currency


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("39.000 €", True),
        ("45 000 €", True),
        ("45\u202f000 €", True),
        ("$80,000 USD", True),
        ("500 USD", True),
        ("EUR 45,000", True),
        ("38.000,50 €", True),
        ("$47,500", True),
        ("€40.000", True),
        ("47,500", True),
        ("45 000", False),  # no currency and no comma: not known to be money
        ("12,50", False),
        ("Top 10", False),
        ("58", False),
    ],
)
def test_is_money(text: str, expected: bool) -> None:
    assert is_money(text) is expected


# -- ranges -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$700 per month to $1,600 per month", (700 * MONTH, 1_600 * MONTH)),
        ("37,000–58,000", (37_000, 58_000)),
        ("$37k - $58k", (37_000, 58_000)),
        ("between $40,000 and $60,000", (40_000, 60_000)),
        ("Between $40,000 And $60,000", (40_000, 60_000)),
        ("Salaries range between £28,000 and £35,000 a year.", (28_000, 35_000)),
        ("between 40,000 and 60,000", (40_000, 60_000)),
        ("between 40.000 and 60.000 €", (40_000, 60_000)),
        ("between $40k and $60k", (40_000, 60_000)),
        ("$45k–$60k", (45_000, 60_000)),
        ("$45K-$60K", (45_000, 60_000)),
        ("$45–60k", (45_000, 60_000)),  # the scale is written once
        ("45-60k", (45_000, 60_000)),
        ("45,000 to 60,000 USD", (45_000, 60_000)),
        ("30,000 to 60,000 USD", (30_000, 60_000)),
        ("$45,000 To $60,000", (45_000, 60_000)),
        ("from £22,000 to £26,000", (22_000, 26_000)),
        ("38.000 € – 62.000 €", (38_000, 62_000)),
        ("38.000 € - 62.000 €", (38_000, 62_000)),
        ("45 000 € – 60 000 €", (45_000, 60_000)),
        ("€15–18 per hour", (15 * HOUR, 18 * HOUR)),  # the currency is written once
        ("$33 - $52 per hour", (33 * HOUR, 52 * HOUR)),
        ("$40,000 − $55,000", (40_000, 55_000)),  # a minus sign as the dash
        # each end annualized before rounding, as parse_money does: 17.90 x 2,080, not 18 x 2,080
        ("$17.90 - $25.50 per hour", (round(17.9 * HOUR), round(25.5 * HOUR))),
    ],
)
def test_parse_money_range(text: str, expected: tuple[int, int]) -> None:
    assert parse_money_range(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "up to $90,000",  # only a maximum: the function returns both ends or nothing
        "5–9 pm",  # times, not money
        "37,000 - 58",
        "2 - 4 years",
        "between 2019 and 2023",  # years: "between" needs an amount that looks like money
        "Openings grew between 5 and 7 percent",
        "no figures here",
    ],
)
def test_not_a_money_range(text: str) -> None:
    assert parse_money_range(text) is None


# -- times ------------------------------------------------------------------------------------


def t(hour: int, minute: int = 0) -> dt.time:
    return dt.time(hour, minute)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # forms read before: they must not change
        ("Morning (9:00 AM - 12:00 PM)", t(9), t(12)),
        ("Late Afternoon (3:00 PM - 5:00 PM)", t(15), t(17)),
        ("Evening (6 PM - 9:30 PM)", t(18), t(21, 30)),
        ("Shift (13:00-15:30)", t(13), t(15, 30)),
        ("Morning (9:00 - 11:00 AM)", t(9), t(11)),
        ("Afternoon (12:00 - 3:00 PM)", t(12), t(15)),
        ("11:00 - 1:00 PM", t(11), t(13)),
        ("Midday (12:30 PM - 1:30 PM)", t(12, 30), t(13, 30)),
        ("Midday – 12:00 to 13:00", t(12), t(13)),
        ("Afternoon (1 PM to 3:30 PM)", t(13), t(15, 30)),
        ("9:00 a.m. – 5:00 p.m.", t(9), t(17)),
        ("09:00–17:30", t(9), t(17, 30)),
        ("9am–1pm", t(9), t(13)),
        ("11:00 PM - 3:00 AM", t(23), t(3)),  # crosses midnight: as written
        ("Lunch", None, None),
        ("Midday", None, None),  # a period's name, not a time
        ("Midday (12:30 PM)", t(12, 30), None),
        ("Noon: lunch with the team", None, None),
        ("Midnight Shift Duties", None, None),
        ("Afternoon", None, None),
        # words for twelve o'clock
        ("8 AM - Noon", t(8), t(12)),
        ("8 AM - noon", t(8), t(12)),
        ("Morning (8 AM – noon)", t(8), t(12)),
        ("Noon - 4:30 PM", t(12), t(16, 30)),
        ("Noon to 1 PM", t(12), t(13)),
        ("12 noon - 1 PM", t(12), t(13)),
        ("12 noon", t(12), None),
        ("Noon", t(12), None),
        ("Midnight", t(0), None),
        ("12 midnight", t(0), None),
        ("11 PM - Midnight", t(23), t(0)),
        ("Midnight - 6 AM", t(0), t(6)),
        ("Midnight - 2 PM", t(0), t(14)),
        ("9:00 - noon", t(9), t(12)),
        ("10 am to midday", t(10), t(12)),
        # dots between hour and minutes
        ("9.00am - 12.30pm", t(9), t(12, 30)),
        ("1.30pm - 5.30pm", t(13, 30), t(17, 30)),
        ("9.30 a.m. – 1.15 p.m.", t(9, 30), t(13, 15)),
        # the marker written once, after a bare first hour
        ("5–9 pm", t(17), t(21)),
        ("9-12 PM", t(9), t(12)),
        ("10 to 2 PM", t(10), t(14)),
        ("6 - 8 AM", t(6), t(8)),
        ("Night Shift (11 p.m. – 7 a.m.)", t(23), t(7)),
        # letters after "am"/"pm" make a word, not a time
        ("5 Amazing Tips", None, None),
        ("3 Pmp Exams", None, None),
    ],
)
def test_parse_times(text: str, start: dt.time | None, end: dt.time | None) -> None:
    assert parse_times(text) == (start, end)
