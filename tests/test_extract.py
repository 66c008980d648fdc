"""Extraction from outlines and text: values, headings, containers, unknown sections, boilerplate."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.errors import ParseError
from pipeline.extract import clean_title, extract
from pipeline.models import validate_record
from pipeline.parse.text import parse_text
from pipeline.process import process_document
from pipeline.sections import classify
from pipeline.values import parse_experience, parse_money, parse_money_range, parse_percent, parse_times
from tests.conftest import FIXTURES, SAMPLE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$47,500", 47500),
        ("$58,000+ per year", 58000),
        ("€40.000", 40000),
        ("58k", 58000),
        ("USD 1,200", 1200),
        ("Top 10 people", None),
    ],
)
def test_parse_money(text: str, expected: int | None) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("37,000–58,000", (37000, 58000)), ("$37k - $58k", (37000, 58000)), ("37,000 to 58,000", (37000, 58000))],
)
def test_parse_money_range(text: str, expected: tuple[int, int]) -> None:
    assert parse_money_range(text) == expected


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Morning (9:00 AM - 12:00 PM)", dt.time(9), dt.time(12)),
        ("Late Afternoon (3:00 PM - 5:00 PM)", dt.time(15), dt.time(17)),
        ("Evening (6 PM - 9:30 PM)", dt.time(18), dt.time(21, 30)),
        ("Shift (13:00-15:30)", dt.time(13), dt.time(15, 30)),
        ("Morning (9:00 - 11:00 AM)", dt.time(9), dt.time(11)),
        ("Lunch", None, None),
    ],
)
def test_parse_times(text: str, start: dt.time | None, end: dt.time | None) -> None:
    assert parse_times(text) == (start, end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0-2 years", (0, 2)),
        ("6+ years", (6, None)),
        ("10 years", (10, 10)),
        ("Less than 2 years", (0, 2)),
        ("3 to 5 years", (3, 5)),
        ("none", (None, None)),
    ],
)
def test_parse_experience(text: str, expected: tuple[int | None, int | None]) -> None:
    assert parse_experience(text) == expected


def test_parse_percent() -> None:
    assert parse_percent("9%") == 9.0
    assert parse_percent("-3.5 %") == -3.5
    assert parse_percent("no figure") is None


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("✅ Pros", "pros"),
        ("❌ Cons", "cons"),
        ("📈 Market Demand", "market_demand"),
        ("Core Functions of the Nurse Role", "core_functions"),
        ("Soft Abilities", "soft_skills"),
        ("Work-Life Balance & Stress", "work_life_balance"),
        ("Annual Salary (US, USD)", "salary"),
        ("Path to Welder", "path"),
        ("FAQ", "faqs"),
        ("Something Else Entirely", None),
    ],
)
def test_classify_headings(heading: str, key: str | None) -> None:
    found = classify(heading)
    assert (found[0] if found else None) == key


def test_clean_title() -> None:
    assert clean_title("Medical Records Technician Career Path Guide") == "Medical Records Technician"
    assert clean_title("Welder - Career Guide") == "Welder"
    assert clean_title("Career Path Guide") == "Career Path Guide"


GUIDE = """Welder Career Path Guide

Welders join metal parts using heat, working in workshops, shipyards and construction sites across the country.

Key Responsibilities

  * Read blueprints and plan welds.
  * Operate welding equipment safely.

Safety Culture

Welding shops hold daily safety briefings.

  - Wear protective gear

Frequently Asked Questions

Is welding dangerous?

It can be, which is why training matters.

Share career guide

Jobicy+ Subscription

USD $8/month
"""


def test_unknown_sections_are_kept_and_boilerplate_dropped() -> None:
    record = extract(parse_text(GUIDE))
    assert record["title"] == "Welder"
    assert record["items"]["responsibilities"] == (
        "Read blueprints and plan welds.",
        "Operate welding equipment safely.",
    )
    assert record["paragraphs"]["safety_culture"] == ("Welding shops hold daily safety briefings.",)
    assert record["items"]["safety_culture"] == ("Wear protective gear",)
    assert [f["question"] for f in record["faqs"]] == ["Is welding dangerous?"]
    assert "month" not in str(record) and "Subscription" not in str(record)
    assert validate_record(record).headline.remote_friendly is False


def test_market_demand_gauge_value_is_the_third_line() -> None:
    text = (
        "X Career Path Guide\n\nA summary sentence that is long enough to be prose here.\n\n"
        "📈 Market Demand\n\nLow\nHigh\nModerate\n\nSome words about demand in this field today.\n"
    )
    assert extract(parse_text(text))["headline"]["market_demand"] == "Moderate"


def test_text_without_guide_sections_is_not_a_guide() -> None:
    with pytest.raises(ParseError, match="no career-guide sections"):
        extract(parse_text("Shopping list\n\nMilk and eggs.\n"))


def test_overlong_line_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="characters long"):
        parse_text("Title\n\n" + "x" * 1000, max_line_chars=500)


def test_page_with_guide_like_headings_but_no_content_is_not_a_guide() -> None:
    from pipeline.parse.html import parse_html

    page = (
        "<html><head><title>Careers warehouse report</title></head><body><h1>Careers warehouse report</h1>"
        "<h2>Salary ranges by career</h2><p>Entry, mid and senior pay of every career in the warehouse.</p>"
        "<div class='chart'></div><h2>Most common skills</h2><p>Skills named by the most careers.</p>"
        "</body></html>"
    )
    with pytest.raises(ParseError, match="no career-guide content found"):
        extract(parse_html(page))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$40/hour", 83_200),
        ("$40 per hour", 83_200),
        ("$21.50 an hour", 44_720),
        ("$3,500 per month", 42_000),
        ("$900/week", 46_800),
        ("$47,500 a year", 47_500),
        ("$47,500", 47_500),
        ("₹6,50,000", 650_000),
        ("₹1,20,00,000", 12_000_000),
        ("47,500", 47_500),
    ],
)
def test_money_is_yearly_and_reads_indian_grouping(text: str, expected: int) -> None:
    assert parse_money(text) == expected


def test_hourly_range_is_annualized_when_the_period_is_written_once() -> None:
    assert parse_money_range("$33 - $52 per hour") == (33 * 2080, 52 * 2080)
    assert parse_money_range("$33/hour — $52/hour") == (33 * 2080, 52 * 2080)
    assert parse_money_range("37,000—58,000") == (37_000, 58_000)


def test_hourly_pay_is_stored_yearly_and_flagged() -> None:
    text = SAMPLE.read_bytes().decode("utf-8").replace("$47,500", "$22.84/hour")
    guide = process_document(text.encode()).guide
    assert guide.headline.median_salary == round(22.84 * 2080)
    assert guide.salary.median == round(22.84 * 2080)
    assert guide.salary.minimum == 37_000  # the range stayed yearly
    assert any("per hour" in flag and "yearly" in flag for flag in guide.quality_flags)
    plain = process_document(SAMPLE.read_bytes()).guide
    assert not any("yearly" in flag for flag in plain.quality_flags)


def test_a_page_with_only_general_sections_is_not_a_career_guide() -> None:
    recipe = (
        "Easy Banana Bread\n\nA moist loaf that uses up ripe bananas and takes an hour from start to finish.\n\n"
        "Ingredients\n\n  • 3 ripe bananas\n  • 200 g flour\n\n"
        "Frequently Asked Questions\n\nCan I freeze it?\n\nYes, for up to three months, wrapped well.\n"
    )
    with pytest.raises(ParseError, match=r"only general sections found \('Frequently Asked Questions'\)"):
        extract(parse_text(recipe))


def test_general_sections_with_a_career_fact_are_a_guide() -> None:
    guide = (
        "Barista\n\nA barista prepares espresso drinks, serves customers and keeps the bar clean all day long.\n\n"
        "$31,000\n\nmedian salary\n\n"
        "Frequently Asked Questions\n\nIs it hard?\n\nThe rush hours are, the rest is routine.\n"
    )
    data = extract(parse_text(guide))
    assert data["headline"]["median_salary"] == 31_000
    assert len(data["faqs"]) == 1


def test_lists_inside_faq_answers_tiers_and_case_studies_are_kept() -> None:
    guide = (
        "Registered Nurse Career Path Guide\n\n"
        "Registered nurses assess patients, give medication and coordinate care with doctors and families.\n\n"
        "Career Path Tiers\n\nStaff Nurse\n\nExperience: 0-2 years\n\nFirst post after registration.\n\n"
        "  • Ward rotations\n  • Preceptorship\n\n"
        "Frequently Asked Questions\n\nCan I train while I work?\n\nYes, through an apprenticeship.\n\n"
        "  • Degree apprenticeship: 4 years\n  • Nursing associate top-up: 2 years\n"
    )
    data = extract(parse_text(guide))
    assert data["faqs"][0]["answer"] == (
        "Yes, through an apprenticeship.\n\n• Degree apprenticeship: 4 years\n• Nursing associate top-up: 2 years"
    )
    assert data["tiers"][0]["description"] == "First post after registration.\n\n• Ward rotations\n• Preceptorship"


def test_salary_levels_written_as_list_items_are_read() -> None:
    guide = (
        "Paralegal Career Path Guide\n\n"
        "Paralegals research law, draft documents and organise case files for lawyers.\n\n"
        "Annual Salary (US, USD)\n\n$39,000 - $91,000\n\n"
        "  • Entry-Level: $45,000\n  • Mid-Level: $59,200\n  • Senior-Level: $78,500\n"
    )
    salary = extract(parse_text(guide))["salary"]
    assert (salary["minimum"], salary["entry"], salary["mid"], salary["senior"]) == (39_000, 45_000, 59_200, 78_500)


def test_headline_figure_and_label_on_one_line() -> None:
    guide = (
        "Barista\n\nA barista prepares espresso drinks, serves customers and keeps the bar clean all day long.\n\n"
        "3% growth rate\n\n$31,000 median salary\n\nKey Responsibilities\n\n  • Pull espresso shots\n"
    )
    headline = extract(parse_text(guide))["headline"]
    assert (headline["growth_rate_pct"], headline["median_salary"]) == (3.0, 31_000)


def test_question_headings_name_sections_outside_faqs_only() -> None:
    guide = (
        "Electrician\n\nElectricians install, maintain and repair electrical power, lighting and control systems.\n\n"
        "What Electricians Do\n\n  • Read blueprints\n  • Install wiring\n\n"
        "How much does an electrician make?\n\n"
        "The median annual wage for electricians was $61,590 in May 2023, according to the survey.\n\n"
        "Frequently Asked Questions\n\nWhat does an electrician do?\n\nThey wire buildings and fix faults.\n\n"
        "How much does an electrician make?\n\nAbout $61,590 a year at the median.\n"
    )
    data = extract(parse_text(guide))
    assert data["items"]["responsibilities"] == ("Read blueprints", "Install wiring")
    assert data["salary"]["median"] == 61_590
    assert [faq["question"] for faq in data["faqs"]] == [
        "What does an electrician do?",
        "How much does an electrician make?",
    ]


def test_an_empty_list_section_and_no_section_give_one_record() -> None:
    guide = (
        "Barista\n\nA barista prepares espresso drinks, serves customers and keeps the bar clean all day long.\n\n"
        "Key Responsibilities\n\n  • Pull espresso shots\n\n{related}Frequently Asked Questions\n\n"
        "Do baristas work weekends?\n\nMost do.\n\n{sources}"
    )
    bare = process_document(guide.format(related="", sources="").encode())
    empty = process_document(guide.format(related="Related Roles\n\n", sources="Sources & References\n").encode())
    assert "sources" not in empty.guide.items and "related_roles" not in empty.guide.items
    assert empty.record_json == bare.record_json
    assert empty.record_sha256 == bare.record_sha256
    listed = process_document(guide.format(related="", sources="Sources & References\n\n  • BLS\n").encode())
    assert listed.guide.items["sources"] == ("BLS",)


def test_text_and_html_copies_hash_the_same_when_the_html_leaves_out_empty_headings() -> None:
    """The sample's "Related Roles" and "Sources & References" are empty; a page may omit them."""
    html = (FIXTURES / "html" / "medical-records-technician.html").read_text(encoding="utf-8")
    for empty in ("<h3>Related Roles</h3>", "<h2>Sources &amp; References</h2>"):
        assert html.count(empty) == 1
        html = html.replace(empty, "")
    text = process_document(SAMPLE.read_bytes(), name=SAMPLE.name)
    page = process_document(html.encode(), name="page.html")
    assert (text.format, page.format) == ("text", "html")
    assert page.record_json == text.record_json
    assert page.record_sha256 == text.record_sha256
