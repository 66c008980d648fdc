"""Golden files: every case in tests/cases gives exactly its hand-checked record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.regenerate_golden import CASES, expected_for

INPUTS = sorted(p for p in CASES.iterdir() if p.suffix in (".txt", ".html"))


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_case_matches_its_golden_record(path: Path) -> None:
    golden = path.with_name(path.stem + ".expected.json")
    assert golden.exists(), f"no golden file for {path.name}; run python -m tests.regenerate_golden and review it"
    assert expected_for(path) == json.loads(golden.read_text(encoding="utf-8"))


def test_the_cases_folder_is_not_empty() -> None:
    assert len(INPUTS) >= 2
