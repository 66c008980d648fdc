"""Markdown guides: their markup is read as structure and never reaches the data.

Plain-text guides must not notice: they parse by the plain rules, exactly as before.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from pipeline.extract import extract
from pipeline.identity import career_id
from pipeline.outline import Field, Items, Outline, Paragraph
from pipeline.parse import FORMATS, markdown, parse_document, text
from pipeline.parse.text import parse_text
from pipeline.process import process_document
from tests.conftest import FIXTURES, ROOT, SAMPLE
from tests.helpers import ingest, rows

GUIDE = """\
Nurse Practitioner Career Guide
===============================

_Last updated March 2025 · 6 min read_

Nurse practitioners diagnose and treat patients, prescribe medication and manage care plans on their own.

**Median pay:** $126,000
**Job growth (2023–2033):** 38%

Key Responsibilities
--------------------

1. **Assess** patients and take _detailed_ histories
2. Order and read `lab tests`, see [the AANP guide](https://aanp.org/guide "AANP")
3. Prescribe medication ![pill](https://example.com/pill.png)

## Salary

| Level | Salary |
|-------|--------|
| Entry | $98,000 |
| Senior | $150,000 |

> Pay varies by __state__ and specialty.

## Pros and Cons

**Pros**

* Autonomy
* High demand

**Cons**

+ Long shifts

<!-- editor: check the figures -->

## Frequently Asked Questions

### How long does it take to become an NP?

Six to eight years: a BSN, then a master's or doctoral degree.

### Do NPs need a license?

Yes, every state requires *board certification*.

---

*Found this useful? [Subscribe to our newsletter](https://example.com/news) · © 2025 NurseCareers*
"""


def _record(source: str) -> dict[str, Any]:
    return extract(parse_text(source))


def _texts(outline: Outline) -> list[str]:
    texts = [outline.title, *(s.heading for s in outline.sections)]
    for block in [*outline.preamble, *(b for s in outline.sections for b in s.blocks)]:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Items):
            texts.extend(block.items)
        else:
            texts.extend((block.label, block.value))
    return texts


def test_markdown_guide_gives_clean_fields() -> None:
    record = _record(GUIDE)
    assert record["title"] == "Nurse Practitioner"
    assert career_id(record["title"]) == "nurse-practitioner"
    assert record["headline"]["median_salary"] == 126000
    assert record["headline"]["growth_rate_pct"] == 38
    assert record["summary"] == (
        "Nurse practitioners diagnose and treat patients, prescribe medication and manage care plans on their own."
    )
    assert record["items"]["responsibilities"] == (
        "Assess patients and take detailed histories",
        "Order and read lab tests, see the AANP guide",
        "Prescribe medication",
    )
    assert (record["salary"]["entry"], record["salary"]["senior"]) == (98000, 150000)
    assert record["salary"]["note"] == "Pay varies by state and specialty."
    assert record["items"]["pros"] == ("Autonomy", "High demand")
    assert record["items"]["cons"] == ("Long shifts",)
    assert record["faqs"] == (
        {
            "question": "How long does it take to become an NP?",
            "answer": "Six to eight years: a BSN, then a master's or doctoral degree.",
        },
        {"question": "Do NPs need a license?", "answer": "Yes, every state requires board certification."},
    )
    assert record["paragraphs"] == {}  # the byline and the footer made no section of their own


def test_no_markup_is_left_in_the_outline() -> None:
    outline = parse_text(GUIDE)
    leftovers = [t for t in _texts(outline) if any(mark in t for mark in ("**", "__", "`", "](", "<!--", "---", "# "))]
    assert leftovers == []
    assert not any(t.startswith(("_", "*", ">", "|", "#")) for t in _texts(outline))
    assert [(s.heading, s.level) for s in outline.sections] == [
        ("Key Responsibilities", 2),
        ("Salary", 2),
        ("Pros and Cons", 2),
        ("Pros", None),
        ("Cons", None),
        ("Frequently Asked Questions", 2),
        ("How long does it take to become an NP?", 3),
        ("Do NPs need a license?", 3),
    ]
    assert not any("Last updated" in t for t in _texts(outline))  # the byline is page furniture
    assert Field("Median pay", "$126,000") in outline.preamble


def test_full_pipeline_on_an_atx_guide() -> None:
    source = GUIDE.replace("Nurse Practitioner Career Guide\n===============================", "# C# Developer")
    processed = process_document(source.encode())
    assert processed.guide.title == "C# Developer"
    assert processed.career_id == "c-sharp-developer"  # the title's own "#", not the heading marker
    assert processed.guide.headline.median_salary == 126000


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("# Welder Career Guide\n", "Welder Career Guide"),
        ("Welder Career Guide\n===\n", "Welder Career Guide"),
        ("Welder Career Guide\n-------------------\n", "Welder Career Guide"),
        ("Welder Career Guide\n\n## Overview\n\nWelders join metal.\n", "Welder Career Guide"),  # two ATX headings
    ],
)
def test_markdown_is_recognised_by_its_title_or_two_atx_headings(head: str, title: str) -> None:
    outline = parse_text(head + "\n## Key Responsibilities\n\n- **Read** blueprints\n- Weld joints\n")
    assert outline.title == title
    responsibilities = next(s for s in outline.sections if s.heading == "Key Responsibilities")
    assert responsibilities.blocks == [Items(("Read blueprints", "Weld joints"))]


def test_inline_markup_is_removed() -> None:
    clean = markdown.clean_inline
    assert clean("**Bold** and __bold__, *em* and _em_ ~~gone~~") == "Bold and bold, em and em gone"
    assert clean("see [the guide](https://x.org/a_(b) 'T') and ![logo](l.png) <https://x.org>") == (
        "see the guide and https://x.org"
    )
    assert clean("`__init__` and snake_case_name stay; 2 * 3 * 4") == "__init__ and snake_case_name stay; 2 * 3 * 4"
    assert clean(r"\*not em\* &amp; R&D<br>next") == "*not em* & R&D next"


def test_a_long_line_of_unmatched_markers_costs_what_the_same_text_in_short_lines_does() -> None:
    """No pattern or set-aside step is quadratic in a line's length (a ratio, not a time: the
    machine's load cancels out). A replace per code span once made it ~9x."""
    markers = "*a [b _c `d "

    def cost(source: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            parse_text(source)
            best = min(best, time.perf_counter() - started)
        return best

    one_line = cost("# Welder\n\n## Salary\n\n" + markers * 15_000 + "\n")
    short_lines = cost("# Welder\n\n## Salary\n\n" + (markers + "\n") * 15_000)
    assert one_line < 5 * short_lines, (one_line, short_lines)  # ~2.5x now; the replace loop made it ~9x


# --- plain-text guides parse exactly as before ----------------------------------------------------

PLAIN = """\
Welder Career Guide

Welders join metal parts for factories, shipyards and building sites across the country.

Key Responsibilities

* Read blueprints
* Weld joints

# of openings: 4,000 a year

# Salary

Median: $48,000
"""


def _plain_only(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(source: str, max_line_chars: int) -> Outline:
        raise AssertionError("a plain guide was read as Markdown")

    monkeypatch.setattr(text, "_parse_markdown", refuse)


def test_plain_guide_with_star_bullets_and_stray_hashes_stays_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    _plain_only(monkeypatch)
    outline = parse_text(PLAIN)
    assert outline.title == "Welder Career Guide"
    assert [s.heading for s in outline.sections] == ["Key Responsibilities", "# Salary"]  # one "# " line is no sign
    assert outline.sections[0].blocks == [
        Items(("Read blueprints", "Weld joints")),
        Paragraph("# of openings: 4,000 a year"),
    ]


def test_the_sample_guide_takes_the_plain_path(monkeypatch: pytest.MonkeyPatch) -> None:
    source = SAMPLE.read_text(encoding="utf-8")
    expected = parse_text(source)
    _plain_only(monkeypatch)
    assert parse_text(source) == expected
    assert expected.title == "Medical Records Technician Career Path Guide"
    assert len(expected.sections) > 10


# --- the format recorded for a Markdown guide ------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "fmt"),
    [
        (GUIDE, "markdown"),  # a setext title
        (GUIDE.replace("Nurse Practitioner Career Guide\n===============================", "# Nurse"), "markdown"),
        ("Welder Career Guide\n\n## Overview\n\nWelders join metal.\n\n## Salary\n\nMedian: $48,000\n", "markdown"),
        (PLAIN, "text"),
        (SAMPLE.read_text(encoding="utf-8"), "text"),
    ],
    ids=["setext-title", "atx-title", "two-atx-headings", "plain-with-stray-hash", "sample"],
)
def test_parse_document_names_the_parser_that_read_the_guide(source: str, fmt: str) -> None:
    outline, found = parse_document(source, name="guide.txt")
    assert found == fmt
    assert found in FORMATS
    assert outline == parse_text(source)  # the same outline as before: only the label is new


def test_html_is_still_html() -> None:
    html = (FIXTURES / "html" / "medical-records-technician.html").read_text(encoding="utf-8")
    assert parse_document(html, name="guide.html")[1] == "html"


def test_a_markdown_guide_is_loaded_with_format_markdown(tmp_path: Path) -> None:
    assert process_document(GUIDE.encode(), name="np.md").format == "markdown"
    guide = tmp_path / "np.md"
    guide.write_text(GUIDE, encoding="utf-8")
    warehouse = tmp_path / "careers.duckdb"
    assert ingest([guide, SAMPLE], warehouse).counts == {"loaded": 2}
    assert rows(warehouse, "select format from ingest_documents order by format") == [("markdown",), ("text",)]
    assert rows(warehouse, "select format from careers order by format") == [("markdown",), ("text",)]


def test_every_format_value_is_documented() -> None:
    comments = [
        line
        for line in (ROOT / "warehouse" / "dictionary.sql").read_text(encoding="utf-8").splitlines()
        if line.startswith("COMMENT ON COLUMN") and ".format IS" in line
    ]
    assert len(comments) == 3  # ingest_documents, careers, v_data_quality
    for line in comments:
        assert all(fmt in line for fmt in FORMATS), line
