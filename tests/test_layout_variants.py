"""Layouts the generated corpus (bench/corpus.py) found the parser misreading, one test each."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pipeline.extract import clean_title, extract
from pipeline.parse.html import parse_html
from pipeline.parse.text import parse_text
from pipeline.values import parse_experience, parse_times

HEAD = (
    "Compensation Analyst Career Path Guide\n\n"
    "Compensation analysts design pay structures and benefits plans for every team.\n\n"
)


def _text(body: str) -> dict[str, Any]:
    return extract(parse_text(HEAD + body))


def test_shared_pm_marker_keeps_noon_at_noon() -> None:
    assert parse_times("Afternoon (12:00 - 3:00 PM)") == (dt.time(12), dt.time(15))
    assert parse_times("11:00 - 1:00 PM") == (dt.time(11), dt.time(13))


@pytest.mark.parametrize("text", ["9 or more years", "9 years or more", "9+ years"])
def test_open_ended_experience(text: str) -> None:
    assert parse_experience(text) == (9, None)


@pytest.mark.parametrize("title", ["Career Guide: Welder", "Career Profile – Welder", "Welder - Career Guide"])
def test_page_label_before_or_after_the_title(title: str) -> None:
    assert clean_title(title) == "Welder"


def test_experience_line_is_not_tier_description_whatever_its_label() -> None:
    tiers = _text("Career Levels\n\nJunior Analyst\n\nYears of experience: 0-2 years\n\nLearns the ropes.\n")["tiers"]
    assert tiers == ({"title": "Junior Analyst", "experience_min_years": 0, "experience_max_years": 2,
                      "description": "Learns the ropes."},)  # fmt: skip


def test_period_name_without_its_time_range() -> None:
    blocks = _text("A Day in the Life\n\nMorning – 9 AM to 12 PM\n\n• Review offers.\n")["day_blocks"]
    assert [(b["period"], b["start_time"], b["end_time"]) for b in blocks] == [("Morning", dt.time(9), dt.time(12))]


def test_salary_figures_as_fields_and_label_lines() -> None:
    record = _text(
        "Median pay: $70,000\n\nSalary\n\nSalary range: $50,000 - $90,000\nMedian\n$70,000\nTop 10%\n$95,000\n"
    )
    assert record["headline"]["median_salary"] == 70000
    salary = record["salary"]
    assert (salary["currency"], salary["minimum"], salary["maximum"]) == ("USD", 50000, 90000)
    assert (salary["median"], salary["top10"]) == (70000, 95000)


def test_tier_named_like_a_section_is_a_tier_and_a_salary_after_the_tiers_is_a_salary() -> None:
    record = _text(
        "Career Levels\n\nJunior Compensation Analyst\n\nExperience: 0-2 years\n\nLearns.\n\n"
        "Compensation Analyst\n\nExperience: 3-5 years\n\nOwns reviews.\n\n"
        "Compensation (US, USD)\n\nMedian: $70,000\nExperienced: $90,000\n"
    )
    assert [t["title"] for t in record["tiers"]] == ["Junior Compensation Analyst", "Compensation Analyst"]
    assert (record["salary"]["median"], record["salary"]["senior"]) == (70000, 90000)


def test_hard_wrapped_bullets_and_label_lines() -> None:
    record = _text(
        "Key Responsibilities\n"
        "  • Review pay bands against market surveys and adjust the ranges every\n"
        "    spring with finance.\n"
        "  • Answer questions.\n\n"
        "Case Studies\n\nRebuilding Pay Bands at a Retailer\n\nThe team replaced forty legacy bands with ten.\n\n"
        "Key Takeaway: Fewer, wider bands made promotions easier to explain to every\n"
        "employee.\n"
    )
    assert record["items"]["responsibilities"] == (
        "Review pay bands against market surveys and adjust the ranges every spring with finance.",
        "Answer questions.",
    )
    study = record["case_studies"][0]
    assert study["key_takeaway"] == "Fewer, wider bands made promotions easier to explain to every employee."
    assert study["body"] == "The team replaced forty legacy bands with ten."


def test_heading_directly_on_top_of_its_list() -> None:
    record = _text("Tech Stack\n- Workday\n- Excel\n\nSoft Skills\n* Discretion\n")
    assert record["items"]["tech_stack"] == ("Workday", "Excel")
    assert record["items"]["soft_skills"] == ("Discretion",)


def test_heading_anchor_ids_are_not_chrome() -> None:
    page = (
        "<html><body><main><h1>Social Media Manager Career Path Guide</h1>"
        "<p>Social media managers run a brand's channels and its community every day.</p>"
        '<h2 id="path-to-social-media-manager"><a href="#path-to-social-media-manager">'
        "Path to Social Media Manager</a></h2><p>Start with a portfolio of campaigns you ran.</p>"
        '<h2 id="key-responsibilities">Key Responsibilities</h2><ul><li>Plan posts.</li></ul>'
        '<div id="social-share" class="x"><h3>Share</h3><p>Twitter</p></div></main></body></html>'
    )
    record = extract(parse_html(page))
    assert record["paragraphs"]["path"] == ("Start with a portfolio of campaigns you ran.",)
    assert "share" not in record["paragraphs"]
