"""Guides a new-user probe found read badly: salary sections lost, O*NET headings, a headline median
outside the salary range, question-style titles and page furniture, a guide pasted twice.

Inputs are in tests/fixtures/extract_probe/ (copies of the probe's files).
"""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.extract import clean_title, extract
from pipeline.models import CareerGuide
from pipeline.parse.text import parse_text
from pipeline.process import ProcessedDocument, process_document
from pipeline.sections import Kind, classify
from tests.conftest import FIXTURES

PROBE = FIXTURES / "extract_probe"


def load(name: str) -> ProcessedDocument:
    path = PROBE / name
    return process_document(path.read_bytes(), name=str(path))


def guide_of(name: str) -> CareerGuide:
    return load(name).guide


def all_text(guide: CareerGuide) -> str:
    return str(guide.model_dump(mode="json"))


# 1. Salary sections -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    ["🇺🇸 Hourly Wage (US, USD)", "Hourly Wage", "Wages", "Monthly Salary (PH, USD)", "Median Pay"],
)
def test_wage_headings_name_the_salary_section(heading: str) -> None:
    assert classify(heading) == ("salary", Kind.SPECIAL)


def test_hourly_wage_section_is_read_as_salary() -> None:
    guide = guide_of("t03-barista-hourly-only.txt")
    salary = guide.salary
    assert (salary.currency, salary.country) == ("USD", "US")
    assert (salary.minimum, salary.maximum) == (round(12.00 * 2080), round(19.00 * 2080))
    assert salary.median == round(15.50 * 2080)
    assert (salary.entry, salary.mid, salary.senior) == (26_000, round(15.50 * 2080), round(18.00 * 2080))
    assert salary.top10 == round(19.00 * 2080)
    assert "hourly_wage_us_usd" not in guide.paragraphs
    assert "pay quoted per hour is stored as a yearly figure (x2,080)" in guide.quality_flags


def test_a_range_with_a_period_on_each_side_is_a_range() -> None:
    salary = guide_of("t26-nurse-philippines-monthly-php.txt").salary
    assert (salary.minimum, salary.maximum) == (700 * 12, 1_600 * 12)
    assert salary.median == 1_150 * 12
    assert salary.note is not None and "$700 per month" not in salary.note


def test_a_long_sentence_with_a_range_is_still_a_note() -> None:
    text = (
        "Welder Career Guide\n\nSalary\n\n"
        "Apprentices in small rural workshops are paid $30,000 to $35,000 in their first two years.\n\n"
        "Key Responsibilities\n\n- Read blueprints\n"
    )
    salary = extract(parse_text(text))["salary"]
    assert "minimum" not in salary
    assert salary["note"].startswith("Apprentices")


def test_salary_sentences_in_a_list_are_kept_and_give_the_range() -> None:
    guide = guide_of("h17-prospects-marine-biologist.html")
    salary = guide.salary
    assert (salary.minimum, salary.maximum, salary.currency) == (22_000, 55_000, "GBP")
    assert salary.note is not None
    for sentence in (
        "Starting salaries for marine biologists are typically in the region of £22,000 to £26,000.",
        "With experience, you can earn £28,000 to £35,000.",
        "Senior marine biologists can earn £40,000 to £55,000 or more.",
        "Income figures are intended as a guide only.",
    ):
        assert sentence in salary.note


def test_a_lone_figure_under_an_average_salary_heading_is_the_median() -> None:
    guide = guide_of("t19-indeed-dental-assistant.txt")
    assert (guide.salary.median, guide.salary.currency) == (round(19.73 * 2080), "USD")
    assert "pay quoted per hour is stored as a yearly figure (x2,080)" in guide.quality_flags


def test_pay_period_is_flagged_only_when_a_figure_was_stored() -> None:
    text = (
        "Welder Career Guide\n\nSalary\n\n"
        "Most welders start on about $15 per hour and earn more with shifts and overtime.\n\n"
        "Key Responsibilities\n\n- Read blueprints\n"
    )
    record = extract(parse_text(text))
    assert record["salary"].get("median") is None
    assert record["salary"]["note"].startswith("Most welders")
    assert not any("yearly" in flag for flag in record["quality_flags"])


# 2. O*NET headings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Tasks", "responsibilities"),
        ("Technology Skills", "tech_skills"),
        ("Wages & Employment Trends", "wages_and_trends"),
        ("Education", "required_education"),
        ("Work Context", "work_setting"),
        ("Work Styles", "soft_skills"),
        ("Related Occupations", "related_roles"),
        # No record field fits these: they stay sections of their own name.
        ("Work Activities", None),
        ("Knowledge", None),
        ("Skills", None),
        ("Abilities", None),
        ("Job Zone", None),
        ("Interests", None),
        # Unchanged neighbours.
        ("Education Level", "education_level"),
        ("Skills and Qualifications", "skills_and_qualifications"),
        ("Tech Skills", "tech_skills"),
        ("Tasks for a Tuesday", None),
    ],
)
def test_onet_headings(heading: str, key: str | None) -> None:
    found = classify(heading)
    assert (found[0] if found else None) == key


def test_onet_summary_report_is_a_career_guide() -> None:
    guide = guide_of("t20-onet-medical-records-specialists.txt")
    assert guide.items["responsibilities"][0].startswith("Protect the security of medical records")
    assert len(guide.items["responsibilities"]) == 4
    assert guide.items["tech_skills"] == (
        "Medical software — Epic Systems; eClinicalWorks; MEDITECH software",
        "Spreadsheet software — Microsoft Excel",
        "Word processing software — Microsoft Word",
    )
    assert guide.items["work_activities"] == ("Documenting/Recording Information", "Working with Computers")
    # "$23.09 hourly, $48,030 annual": the yearly figure, not 23 dollars.
    assert (guide.salary.median, guide.salary.currency) == (48_030, "USD")
    assert guide.outlook.status == "Faster than average (5% to 6%)"
    assert guide.outlook.growth_rate_pct is None  # a range of rates is not one rate
    assert guide.outlook.source is not None and guide.outlook.source.startswith("Bureau of Labor Statistics")
    assert guide.paragraphs["job_outlook"] == (
        "Employment (2023): 194,900 employees",
        "Projected job openings (2023-2033): 15,000",
    )
    assert not any("yearly" in flag for flag in guide.quality_flags)


# 3. Headline median against the salary range ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "flag"),
    [
        ("t12-surveyor-repeated-twice.txt", "headline median 68540 is outside the salary range 40000-60000"),
        ("t25-vet-assistant-related-jobs-midpage.txt", "headline median 36440 is outside the salary range 40000-60000"),
    ],
)
def test_headline_median_outside_the_salary_range_is_flagged(name: str, flag: str) -> None:
    guide = guide_of(name)
    assert flag in guide.quality_flags


def test_headline_median_inside_the_range_is_not_flagged() -> None:
    guide = guide_of("t26-nurse-philippines-monthly-php.txt")
    assert not any(flag.startswith("headline median") for flag in guide.quality_flags)


# 4. Question titles, feedback widgets, duties, social-post furniture ----------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("What does a Dental Assistant do?", "Dental Assistant"),
        ("What Does an Electrician Do", "Electrician"),
        ("How to Become a Registered Nurse", "Registered Nurse"),
        ("How to become an Actuary: 5 steps", "Actuary"),
        ("Welder job description", "Welder"),
        ("Plumber Career Guide", "Plumber"),
        ("What does a dental assistant do? | Career Guide", "dental assistant"),
        (
            "What Nobody Tells You About Becoming a Product Manager",
            "What Nobody Tells You About Becoming a Product Manager",
        ),
        ("How to become", "How to become"),
    ],
)
def test_clean_title_strips_question_and_how_to_wrappers(title: str, expected: str) -> None:
    assert clean_title(title) == expected


def test_question_page_title_gives_the_career() -> None:
    document = load("t19-indeed-dental-assistant.txt")
    assert document.guide.title == "Dental Assistant"
    assert document.career_id == "dental-assistant"


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Dental assistant duties", "responsibilities"),
        ("Job Duties and Responsibilities", "responsibilities"),
        ("Duties and responsibilities", "responsibilities"),
        ("What they do", "responsibilities"),
    ],
)
def test_duties_headings_are_responsibilities(heading: str, key: str) -> None:
    found = classify(heading)
    assert found is not None and found[0] == key


def test_feedback_widget_is_not_a_faq() -> None:
    guide = guide_of("t19-indeed-dental-assistant.txt")
    assert [faq.question for faq in guide.faqs] == [
        "What is the highest paying state for dental assistants?",
        "Do dental assistants need a license?",
    ]
    assert "helpful" not in all_text(guide)
    assert len(guide.items["responsibilities"]) == 5
    assert "dental_assistant_duties" not in guide.items


def test_a_helpful_question_with_a_real_answer_stays() -> None:
    text = (
        "Welder Career Guide\n\nFrequently Asked Questions\n\n"
        "Is this career helpful for people who like hands-on work?\n\n"
        "Yes, welders spend most of the day working with their hands.\n\n"
        "Key Responsibilities\n\n- Read blueprints\n"
    )
    faqs = extract(parse_text(text))["faqs"]
    assert [faq["question"] for faq in faqs] == ["Is this career helpful for people who like hands-on work?"]


def test_social_post_furniture_is_not_stored() -> None:
    guide = guide_of("t22-linkedin-product-manager-article.md")
    assert [(faq.question, faq.answer) for faq in guide.faqs] == [
        ("Do I need an MBA?", "No. Most PMs I work with do not have one.")
    ]
    text = all_text(guide)
    for furniture in ("Like • Comment", "87 reactions", "Follow Jane"):
        assert furniture not in text


def test_sentences_that_look_like_furniture_are_kept() -> None:
    text = (
        "Welder Career Guide\n\nKey Responsibilities\n\n"
        "Follow the welding procedure specification for every joint.\n\n"
        "Share • Save • Print the weekly safety report for the team.\n"
    )
    record = extract(parse_text(text))
    assert record["paragraphs"]["responsibilities"] == (
        "Follow the welding procedure specification for every joint.",
        "Share • Save • Print the weekly safety report for the team.",
    )


# 5. A guide pasted twice -------------------------------------------------------------------


def _without_flags(guide: CareerGuide) -> dict[str, Any]:
    return guide.model_dump(mode="json", exclude={"quality_flags"})


def test_a_guide_pasted_twice_is_read_once() -> None:
    twice = guide_of("t27-glazier-repeated-no-footer.txt")
    text = (PROBE / "t27-glazier-repeated-no-footer.txt").read_text(encoding="utf-8")
    second = text.index("Glazier Career Path Guide", 10)
    once = process_document(text[:second].encode(), name="once.txt").guide
    assert _without_flags(twice) == _without_flags(once)
    assert len(twice.tiers) == 3
    assert "the guide's text appears twice; read once" in twice.quality_flags
    assert "the guide's text appears twice; read once" not in once.quality_flags


def test_a_repeated_heading_with_new_content_is_not_a_repeat() -> None:
    text = (
        "Welder Career Guide\n\n"
        "Key Responsibilities\n\n- Read blueprints\n\n"
        "Pros\n\n- Good pay\n\n"
        "Cons\n\n- Heat\n\n"
        "Key Responsibilities\n\n- Weld joints\n\n"
        "Pros\n\n- Good pay\n\n"
        "Cons\n\n- Heat\n"
    )
    record = extract(parse_text(text))
    assert record["items"]["responsibilities"] == ("Read blueprints", "Weld joints")
    assert "the guide's text appears twice; read once" not in record["quality_flags"]
