"""Step headings ("Step 1: Learn SQL", "2. Get a degree") are the career path of a how-to guide.

Blog-style guides write the way into a career as numbered steps. Consecutive steps go on with the
career path ("path", the "how to become" text); one step heading among known sections stays a
section of its own, and steps alone never make a page a career guide.
"""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.errors import ParseError
from pipeline.extract import extract
from pipeline.outline import Field
from pipeline.parse import parse_document
from pipeline.parse.text import is_heading, parse_text
from pipeline.sections import step_number

BLOG_HTML = """\
<!doctype html>
<html><head><meta charset="utf-8"><title>How to become a data engineer - Tech Notes</title></head>
<body><main><article>
<h1>Data Engineer</h1>
<p>Three years ago I was an accountant writing Excel macros; today I build data pipelines for a fintech.</p>
<h2>What a data engineer actually does</h2>
<p>Data engineers build the systems that move data from where it is produced to where it is analysed.</p>
<h2>Step 1: Learn SQL and Python</h2>
<p>Window functions, CTEs and query plans first; Python for the glue code.</p>
<h2>Step 2. Get a degree or a certificate</h2>
<ul><li>A computer science degree</li><li>A cloud data engineering certificate</li></ul>
<h2>Step 3 – Build a portfolio</h2>
<p>One end-to-end project: pull from an API, load into DuckDB, schedule it.</p>
<h2>What do data engineers earn?</h2>
<p>Median: $125,000</p>
</article></main></body></html>
"""

BLOG_TEXT = """\
Data Engineer

Three years ago I was an accountant writing Excel macros; today I build data pipelines for a fintech.

What a data engineer actually does

Data engineers build the systems that move data from where it is produced to where it is analysed.

Step 1: Learn SQL and Python

Window functions, CTEs and query plans first; Python for the glue code.

Step 2. Get a degree or a certificate
• A computer science degree
• A cloud data engineering certificate

Step 3 – Build a portfolio

One end-to-end project: pull from an API, load into DuckDB, schedule it.

What do data engineers earn?

Median: $125,000
"""

BLOG_MARKDOWN = """\
# Data Engineer

Three years ago I was an accountant writing Excel macros; today I build data pipelines for a fintech.

## What a data engineer actually does

Data engineers build the systems that move data from where it is produced to where it is analysed.

## Step 1: Learn SQL and Python

Window functions, CTEs and query plans first; Python for the glue code.

## Step 2. Get a degree or a certificate

- A computer science degree
- A cloud data engineering certificate

## Step 3 – Build a portfolio

One end-to-end project: pull from an API, load into DuckDB, schedule it.

## What do data engineers earn?

Median: $125,000
"""

PATH = (
    "Step 1: Learn SQL and Python",
    "Window functions, CTEs and query plans first; Python for the glue code.",
    "Step 2. Get a degree or a certificate",
    "Step 3 – Build a portfolio",
    "One end-to-end project: pull from an API, load into DuckDB, schedule it.",
)


def _record(source: str, name: str = "guide.txt") -> dict[str, Any]:
    return extract(parse_document(source, name=name)[0])


@pytest.mark.parametrize(
    ("source", "name", "fmt"),
    [(BLOG_HTML, "blog.html", "html"), (BLOG_TEXT, "blog.txt", "text"), (BLOG_MARKDOWN, "blog.md", "markdown")],
    ids=["html", "text", "markdown"],
)
def test_consecutive_steps_are_the_career_path(source: str, name: str, fmt: str) -> None:
    assert parse_document(source, name=name)[1] == fmt
    record = _record(source, name)
    assert record["paragraphs"]["path"] == PATH
    assert record["items"]["path"] == ("A computer science degree", "A cloud data engineering certificate")
    assert not [key for key in (*record["paragraphs"], *record["items"]) if key.startswith("step")]
    # The sections around the steps read as before.
    assert record["paragraphs"]["responsibilities"] == (
        "Data engineers build the systems that move data from where it is produced to where it is analysed.",
    )
    assert record["salary"]["median"] == 125000


def test_the_same_blog_as_text_markdown_and_html_gives_one_record() -> None:
    html = _record(BLOG_HTML, "blog.html")
    assert _record(BLOG_TEXT) == html
    assert _record(BLOG_MARKDOWN, "blog.md") == html


GUIDE = """\
Registered Nurse

Registered nurses care for patients in hospitals, clinics and homes across the country.

Key Responsibilities

• Assess patients
• Give medication

{middle}

Salary

Median: $86,000
"""


def test_steps_under_the_path_heading_go_on_with_the_path() -> None:
    middle = (
        "How to Become a Registered Nurse\n\nMost nurses start with a degree.\n\n"
        "Step 1: Earn a nursing degree\n\nA two-year ADN or a four-year BSN.\n\n"
        "Step 2: Pass the NCLEX-RN\n\n"
        "Step 3: Get licensed in your state"
    )
    record = extract(parse_text(GUIDE.format(middle=middle)))
    assert record["paragraphs"]["path"] == (
        "Most nurses start with a degree.",
        "Step 1: Earn a nursing degree",
        "A two-year ADN or a four-year BSN.",
        "Step 2: Pass the NCLEX-RN",
        "Step 3: Get licensed in your state",
    )
    assert record["items"]["responsibilities"] == ("Assess patients", "Give medication")
    assert record["salary"]["median"] == 86000


def test_one_step_after_the_path_heading_is_still_the_path() -> None:
    html = (
        "<html><body><h1>Registered Nurse</h1><h2>Key Responsibilities</h2><ul><li>Assess patients</li></ul>"
        "<h2>How to Become a Nurse</h2><p>Most nurses start with a degree.</p>"
        "<h3>1. Earn a nursing degree</h3><p>A two-year ADN or a four-year BSN.</p>"
        "<h2>Salary</h2><p>Median: $86,000</p></body></html>"
    )
    record = _record(html, "nurse.html")
    assert record["paragraphs"]["path"] == (
        "Most nurses start with a degree.",
        "1. Earn a nursing degree",
        "A two-year ADN or a four-year BSN.",
    )


@pytest.mark.parametrize(
    "step",
    [
        "Step 1: Check the rota",
        "Step 1 – Check the rota",
        "<h2>Step 1: Check the rota</h2>",  # as an HTML heading
    ],
)
def test_one_step_heading_among_known_sections_stays_a_section_of_its_own(step: str) -> None:
    if step.startswith("<"):
        body = "<h2>Key Responsibilities</h2><ul><li>Assess patients</li></ul>{step}"
        page = "<html><body><h1>Registered Nurse</h1>" + body + "<h2>Salary</h2><p>Median: $86,000</p></body></html>"
        with_step = _record(page.format(step=step + "<p>Shifts start at seven.</p>"), "nurse.html")
        without = _record(page.format(step=""), "nurse.html")
    else:
        with_step = extract(parse_text(GUIDE.format(middle=f"{step}\n\nShifts start at seven.")))
        without = extract(parse_text(GUIDE.format(middle="")))
    assert "path" not in with_step["paragraphs"]
    assert with_step["paragraphs"].pop("step_1_check_the_rota") == ("Shifts start at seven.",)
    assert with_step == without  # nothing else moved


NUMBERED = """\
# {title}

{title} work with metal in factories, shipyards and on building sites.

## Key Responsibilities

- Read blueprints

## 1. Get a welding certificate

Most employers ask for one.

## 2. Find an apprenticeship

Two to four years with a union or an employer.

## Salary

Median: $48,000
"""


def test_numbered_headings_are_steps_in_a_how_to_become_guide() -> None:
    record = _record(NUMBERED.format(title="How to Become a Welder"), "welder.md")
    assert record["paragraphs"]["path"] == (
        "1. Get a welding certificate",
        "Most employers ask for one.",
        "2. Find an apprenticeship",
        "Two to four years with a union or an employer.",
    )


def test_numbered_headings_elsewhere_stay_sections_of_their_own() -> None:
    record = _record(NUMBERED.format(title="Welders"), "welder.md")
    assert "path" not in record["paragraphs"]
    assert record["paragraphs"]["1_get_a_welding_certificate"] == ("Most employers ask for one.",)
    assert record["paragraphs"]["2_find_an_apprenticeship"] == ("Two to four years with a union or an employer.",)


def test_steps_out_of_sequence_are_not_a_run() -> None:
    middle = "Step 1: Earn a degree\n\nA BSN.\n\nStep 4: Get licensed\n\nIn your state."
    record = extract(parse_text(GUIDE.format(middle=middle)))
    assert "path" not in record["paragraphs"]
    assert record["paragraphs"]["step_1_earn_a_degree"] == ("A BSN.",)
    assert record["paragraphs"]["step_4_get_licensed"] == ("In your state.",)


RECIPE = """\
Easy Banana Bread

The moistest banana bread you will ever bake, ready in an hour with five ingredients.

Step 1: Mash the bananas

Use very ripe ones.

Step 2: Mix and bake

Bake for 60 minutes at 175 C.
{faq}"""


def test_steps_alone_do_not_make_a_page_a_career_guide() -> None:
    with pytest.raises(ParseError, match="no career-guide sections found"):
        extract(parse_text(RECIPE.format(faq="")))
    faq = "\nFrequently Asked Questions\n\nCan I freeze banana bread?\n\nYes, for three months.\n"
    with pytest.raises(ParseError, match="only general sections found"):
        extract(parse_text(RECIPE.format(faq=faq)))


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Step 1: Learn SQL and Python", (1, True)),
        ("STEP 3 – Build a portfolio", (3, True)),
        ("Step two. Apply", (2, True)),
        ("✅ Step 4 Get certified", (4, True)),
        ("2. Get a degree", (2, False)),
        ("3) Apply for jobs", (3, False)),
        ("2. Key Responsibilities", None),  # a numbered outline's known section, not a step
        ("Steps to Become a Nurse", None),
        ("Step-by-step guide", None),
        ("2024 Salary Trends", None),
        ("10 Best Jobs", None),
        ("Key Responsibilities", None),
    ],
)
def test_step_number(heading: str, expected: tuple[int, bool] | None) -> None:
    assert step_number(heading) == expected


def test_a_step_line_alone_is_a_heading_in_plain_text() -> None:
    assert is_heading("Step 1: Learn SQL and Python")
    assert is_heading("Step one: Learn SQL")
    assert not is_heading("Experience: 2-4 years")
    assert not is_heading("Steps: three")
    outline = parse_text("Nurse\n\nSalary\n\nMedian: $86,000\nStep 1: not alone in its block\n")
    assert outline.sections[0].blocks == [Field("Median", "$86,000"), Field("Step 1", "not alone in its block")]
    assert parse_text("Nurse\n\nStep 1: Apply.\n").preamble == [Field("Step 1", "Apply.")]  # a sentence
    assert parse_text("Nurse\n\nStep 1: Apply\n").sections[0].blocks == []
