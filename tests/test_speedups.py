"""Fast paths against the plain definitions they replace: the same output, bit for bit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dedupe import SHINGLE_WORDS, record_text, shingle_hashes, word_hashes
from pipeline.identity import canonical_json


def _reference_shingles(record: dict[str, Any]) -> np.ndarray:
    """``shingle_hashes`` as first defined: every string walked, joined, lower-cased whole."""
    ids = word_hashes(" ".join(record_text(record)))
    if len(ids) < SHINGLE_WORDS:
        return ids
    with np.errstate(over="ignore"):
        combined: np.ndarray = ids[:-2] * np.uint64(1_000_003) ^ ids[1:-1] * np.uint64(8191) ^ ids[2:]
    return combined


RECORDS: list[dict[str, Any]] = [
    {},
    {"title": ""},
    {"title": "Nurse"},
    {"title": "Data Analyst", "summary": None, "quality_flags": ["repeated item in pros: x y z"]},
    {
        "title": "ΟΔΟΣ Engineer",  # a capital sigma at a word end, and before a space
        "paragraphs": {"zeta": ["ΣΑΣ ΟΔΟΣ", "", "Σ"], "alpha": ["Plain ASCII text here", "Café — Ünïcode"]},
        "items": {"pros": [], "cons": ["İstanbul KELVIN \u212a", "x"]},
        "faqs": [{"question": "Why?", "answer": "Because ΣΣ."}, {"question": "How", "answer": None}],
        "salary": {"minimum": 10, "note": "A–B"},
        "mixed": ["a", 1, None, ["b", "C"], {"k": "D"}, ("e", "F")],
        "quality_flags": ["ignored"],
    },
    {"a": [["x", "Y"], [], [""]], "b": ("", ""), "c": "tail Σ", "d": "😀 Emoji ÉCOLE"},
]


@pytest.mark.parametrize("record", RECORDS)
def test_shingle_hashes_match_the_plain_definition(record: dict[str, Any]) -> None:
    got, want = shingle_hashes(record), _reference_shingles(record)
    assert got.dtype == want.dtype
    assert np.array_equal(got, want)


def test_word_hashes_boundaries() -> None:
    # Words at both ends, runs of separators, non-ASCII inside words.
    for text in ["", " ", "a", "a b", " a  b ", "x-y_z", "Über straße", "ab12,cd—ef"]:
        ids = word_hashes(text)
        assert ids.dtype == np.uint64
        words = "".join(c if (c.isascii() and c.isalnum()) or not c.isascii() else " " for c in text.lower())
        assert len(ids) == len(words.split())


# -- canonical JSON: orjson where it gives json.dumps's bytes -------------------------------------
def _definition(record: dict[str, object]) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=8), _json_values, max_size=6))
def test_canonical_json_is_the_json_dumps_definition(record: dict[str, object]) -> None:
    assert canonical_json(record) == _definition(record)


@pytest.mark.parametrize(
    "value",
    [1e-7, 1e-5, 0.00012, 9.5e-05, 1e16, 1.2345678901234568e17, 5e-324, 0.1, 47500.0, 2**70, -(2**64), "\ud800x"],
)
def test_canonical_json_edge_values(value: object) -> None:
    record = {"v": value, "w": [value, {"x": value}], "text": "1e-7 is text, and so is 0.00001"}
    assert canonical_json(record) == _definition(record)


def test_canonical_json_of_every_golden_record() -> None:
    for path in sorted(Path(__file__).parent.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            assert canonical_json(data) == _definition(data), path
