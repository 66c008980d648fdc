"""Text-parser layouts a new-user probe found misread: footers mid-guide, figures taken for headings.

The probe's inputs are in ``tests/fixtures/text_probe`` (scraped-page layout, as the sample).
"""

from __future__ import annotations

import pytest

from pipeline.decode import decode_bytes
from pipeline.errors import ParseError
from pipeline.extract import extract
from pipeline.outline import Outline, Paragraph
from pipeline.parse.text import is_heading, parse_text

from .conftest import FIXTURES, SEED

PROBE = FIXTURES / "text_probe"
HEAD = (
    "Data Analyst Career Path Guide\n\n"
    "Data analysts turn raw numbers into decisions for every team they support.\n\n"
    "Key Responsibilities\n\n• Clean data.\n• Build dashboards.\n\n"
)
FAQS = "Frequently Asked Questions\n\nIs it hard?\n\nNot very.\n\n"
SITE_FOOTER = "Share career guide\n\nJobicy+ Subscription\n\nFree\n\nUSD $0/month\n\n• • Weekly job alerts\n"


def _probe(name: str) -> Outline:
    return parse_text(decode_bytes((PROBE / name).read_bytes()).text)


def _headings(outline: Outline) -> list[str]:
    return [section.heading for section in outline.sections]


# -- 1. the share/subscription footer, and headings that only look like it -------------------------


def test_a_tier_titled_newsletter_editor_is_a_tier_not_the_footer() -> None:
    outline = _probe("t06-journalist-newsletter-tier.txt")
    record = extract(outline)
    assert [tier["title"] for tier in record["tiers"]] == [
        "Staff Reporter",
        "Newsletter Editor",
        "Senior Correspondent",
        "Managing Editor",
    ]
    assert [faq["question"] for faq in record["faqs"]] == [
        "Do journalists need a degree?",
        "Is a subscription newsletter a viable career for journalists?",
        "How do journalists find sources?",
    ]
    assert "Share career guide" not in _headings(outline)


def test_a_faq_question_about_a_subscription_is_not_the_footer() -> None:
    outline = _probe("t31-medical-coder-faq-subscription.txt")
    questions = [faq["question"] for faq in extract(outline)["faqs"]]
    assert questions == [
        "Do I need certification to work as a Medical Biller?",
        "Do I need a subscription to coding update services?",
        "Can Medical Billers work from home?",
    ]
    assert "Share career guide" not in _headings(outline)
    assert "Jobicy+ Subscription" not in _headings(outline)


def test_related_jobs_mid_page_is_a_section_when_the_guide_goes_on() -> None:
    outline = _probe("t25-vet-assistant-related-jobs-midpage.txt")
    headings = _headings(outline)
    assert "Related Jobs" in headings
    assert headings[-3:] == [
        "Frequently Asked Questions",
        "How do I become a Veterinary Assistant?",
        "Is being a Veterinary Assistant stressful?",
    ]
    record = extract(outline)
    assert record["items"]["related_roles"] == ("Veterinary Technician", "Animal Caretaker", "Pet Groomer")
    assert [case["title"] for case in record["case_studies"]] == ["A Successful Project"]
    assert record["outlook"]["growth_rate_pct"] == 5.0
    assert len(record["faqs"]) == 2


def test_the_seed_still_ends_before_its_share_and_subscription_footer() -> None:
    outline = parse_text(decode_bytes(SEED.read_bytes()).text)
    assert _headings(outline)[-1] == "Sources & References"


def test_a_guide_pasted_twice_stops_at_the_site_footer_between_the_copies() -> None:
    outline = _probe("t12-surveyor-repeated-twice.txt")
    headings = _headings(outline)
    assert headings[-1] == "Is being a Surveyor stressful?"
    assert headings.count("Key Responsibilities") == 1


@pytest.mark.parametrize(
    "footer",
    [
        "Jobicy+ Subscription",
        "Premium Subscription",
        "Subscription Plans",
        "Subscribe to our newsletter",
        "Newsletter",
        "Join our Newsletter",
        "Sign up for job alerts",
        "Share career guide",
        "Share this guide",
    ],
)
def test_site_footers_end_the_guide_even_before_more_sections(footer: str) -> None:
    # A footer such as these is never the guide's: whatever follows is the site's (or a second copy).
    text = HEAD + f"{footer}\n\nPlans start at $5 a month.\n\n" + FAQS
    assert _headings(parse_text(text)) == ["Key Responsibilities"]


@pytest.mark.parametrize(
    "heading",
    [
        "Newsletter Editor",
        "Subscription Sales Manager",
        "Head of Subscriptions",
        "Do I need a subscription to coding update services?",
        "Should I sign up for a newsletter?",
        "Is a subscription newsletter a viable career?",
        "Cookie Decorator",
    ],
)
def test_headings_that_only_mention_a_footer_word_are_sections(heading: str) -> None:
    text = HEAD + f"{heading}\n\nSome words about it.\n\n" + FAQS
    assert _headings(parse_text(text)) == ["Key Responsibilities", heading, "Frequently Asked Questions", "Is it hard?"]


@pytest.mark.parametrize("footer", ["Related Jobs", "Similar Jobs", "You may also like", "Cookie settings"])
def test_a_soft_footer_ends_the_guide_when_no_guide_section_follows(footer: str) -> None:
    text = HEAD + FAQS + f"{footer}\n\n• Data Engineer\n• BI Developer\n\nData Engineer\n\nRemote, full time.\n"
    assert _headings(parse_text(text)) == _headings(parse_text(HEAD + FAQS))


@pytest.mark.parametrize("footer", ["Related Jobs", "Similar Jobs", "You may also like", "Cookie settings"])
def test_a_soft_footer_is_a_section_when_guide_sections_follow(footer: str) -> None:
    text = HEAD + f"{footer}\n\n• Data Engineer\n• BI Developer\n\n" + FAQS
    assert _headings(parse_text(text)) == ["Key Responsibilities", footer, "Frequently Asked Questions", "Is it hard?"]


def test_a_soft_footer_followed_only_by_the_site_footer_and_a_second_copy_ends_the_guide() -> None:
    copy = HEAD + FAQS
    for between in ("Related Jobs\n\n• Data Engineer\n\n" + SITE_FOOTER + "\n", "Related Jobs\n\n• Data Engineer\n\n"):
        assert _headings(parse_text(copy + between + copy)) == _headings(parse_text(copy))


def test_an_overlong_line_after_a_soft_footer_that_ends_the_guide_is_not_read() -> None:
    text = HEAD + "Similar Jobs\n\n• Data Engineer\n\n" + "x" * 500 + "\n"
    assert _headings(parse_text(text, max_line_chars=400)) == ["Key Responsibilities"]


def test_an_overlong_line_after_a_soft_footer_that_was_a_section_is_refused() -> None:
    text = HEAD + "Similar Jobs\n\n• Data Engineer\n\n" + FAQS + "x" * 500 + "\n"
    with pytest.raises(ParseError, match="characters long"):
        parse_text(text, max_line_chars=400)


# -- 2. headline figures and stat values are not headings ----------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "CA$64,000",
        "US$120,000",
        "A$90k",
        "NZ$80,000+",
        "USD 64,000",
        "EUR 45.000",
        "Rs. 9,50,000",
        "€45.000",
        "45 000 €",
        "₹9,50,000",
        "US$75,000 – US$210,000",
        "CA$48,000—CA$92,000",
    ],
)
def test_a_money_amount_is_never_a_heading(line: str) -> None:
    assert not is_heading(line)


@pytest.mark.parametrize("line", ["Step 1", "US Salary Outlook", "CAD Designer", "R Programmer", "Top 10 Skills"])
def test_headings_with_currency_letters_or_numbers_stay_headings(line: str) -> None:
    assert is_heading(line)


@pytest.mark.parametrize(
    ("name", "figure"),
    [("t08-electrician-canada-cad.txt", "CA$64,000"), ("t38-actuary-usd-prefix.txt", "US$120,000")],
)
def test_a_prefixed_median_figure_stays_in_the_preamble(name: str, figure: str) -> None:
    outline = _probe(name)
    assert _headings(outline)[0] == "📈 Market Demand"
    texts = [block.text for block in outline.preamble if isinstance(block, Paragraph)]
    assert texts[-3:] == [figure, "median salary", "remote-friendly"]
    assert not any(key.startswith(("ca_", "us_")) for key in extract(outline)["paragraphs"])


def test_a_growth_word_before_its_label_stays_in_the_preamble() -> None:
    outline = _probe("t09-travel-photographer-usd-words-declining.txt")
    assert _headings(outline)[0] == "📈 Market Demand"
    texts = [block.text for block in outline.preamble if isinstance(block, Paragraph)]
    assert texts[1:] == ["Declining", "growth rate", "$45,000", "median salary", "remote-friendly"]
    assert "declining" not in extract(outline)["paragraphs"]


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("Declining", "growth rate"),
        ("Stable", "projected growth"),
        ("Growing", "job growth"),
        ("Strong", "market demand"),
        ("Remote", "remote-friendly"),
    ],
)
def test_a_stat_word_and_its_label_stay_together_in_the_preamble(value: str, label: str) -> None:
    stats = f"{value}\n\n{label}\n\n$70,000\n\nmedian salary\n\n"
    outline = parse_text(
        f"Data Analyst Career Path Guide\n\nAnalysts decide.\n\n{stats}Key Responsibilities\n\n• Clean data.\n"
    )
    assert outline.preamble[1:3] == [Paragraph(value), Paragraph(label)]
    assert _headings(outline) == ["Key Responsibilities"]


@pytest.mark.parametrize(
    "body",
    [
        "Overview\n\nAnalysts work with every team.\n\n",  # a one-word heading over prose
        "Pros\n\n• Good pay.\n\n",  # over a list
        "Salary\n\nmedian salary\n\n",  # a known section keeps its heading, whatever is under it
    ],
)
def test_one_word_headings_over_other_lines_stay_headings(body: str) -> None:
    heading = body.split("\n", 1)[0]
    assert _headings(parse_text(HEAD + body)) == ["Key Responsibilities", heading]
