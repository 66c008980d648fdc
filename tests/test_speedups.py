"""Fast paths against the plain definitions they replace: the same output, bit for bit."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from pipeline.dedupe import SHINGLE_WORDS, record_text, shingle_hashes, word_hashes


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
