"""Salary sections written the European way: grouped with spaces or dots, the currency after the amount."""

from __future__ import annotations

import pytest

from pipeline.process import process_document

GUIDE = """Translator Career Path Guide

Translators turn documents from one language into another.

Salary (France, EUR)

{range_line}

{median_line}

Key Responsibilities

  • Translate documents.
  • Review terminology.
"""


@pytest.mark.parametrize(
    ("range_line", "median_line", "expected"),
    [
        ("45 000 € – 60 000 €", "The median salary is 52 500 € a year.", (45000, 60000, 52500)),
        ("45.000 € – 60.000 €", "The Median salary is 52.500 € a year.", (45000, 60000, 52500)),
        ("45,000 EUR - 60,000 EUR", "The median pay was 52,500 EUR in 2024.", (45000, 60000, 52500)),
    ],
)
def test_a_european_salary_section_is_read(range_line: str, median_line: str, expected: tuple[int, ...]) -> None:
    text = GUIDE.format(range_line=range_line, median_line=median_line)
    salary = process_document(text.encode(), name="t.txt").guide.salary
    assert (salary.minimum, salary.maximum, salary.median) == expected
    assert salary.currency == "EUR"
