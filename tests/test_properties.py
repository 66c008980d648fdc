"""Property-based tests of decoding and parsing through ``process_document``.

- arbitrary bytes or text raise nothing but the pipeline's own errors;
- decoding text that is already clean changes nothing;
- a guide's record does not depend on line endings, trailing spaces or extra blank lines.
"""

from __future__ import annotations

import codecs
import unicodedata

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from pipeline.decode import decode_bytes, normalize_text
from pipeline.errors import PipelineError
from pipeline.limits import Limits
from pipeline.process import process_document
from tests.conftest import SAMPLE

SAMPLE_BYTES = SAMPLE.read_bytes()
SAMPLE_TEXT = SAMPLE_BYTES.decode("utf-8")
SAMPLE_RECORD = process_document(SAMPLE_BYTES).record_sha256
# Small limits so a generated input can also hit them.
TIGHT = Limits(max_line_chars=300, max_nesting_depth=12)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_pipeline_errors(data: bytes, name: str = "doc.txt", limits: Limits | None = None) -> None:
    try:
        result = process_document(data, name=name, limits=limits)
    except PipelineError as exc:
        assert str(exc).strip(), f"{type(exc).__name__} without a reason"
    else:
        assert result.career_id and result.guide.title.strip()
        assert 0 <= result.completeness <= 1


# --- nothing but the pipeline's own errors ------------------------------------------------------

HTML_PIECES = st.sampled_from(
    [
        "<html>", "<body>", "<h1>", "</h1>", "<h2>", "</h2>", "<h3>Salary</h3>", "<ul>", "<li>", "</li>",
        "</ul>", "<div>", "</div>", "<p>", "</p>", "<b>", "</b>", "<br>", "<table><tr><td>", "<dl><dt>",
        "<dd>", "<script>x=1</script>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;",
        "&xxe;", '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "<?xml version='1.0'?>",
        '<meta charset="koi8-r">', "Key Responsibilities", "Median: $47,500", "Data Analyst Career Path Guide",
        "Frequently Asked Questions", "What is it?", "37,000—58,000", "\n", " ", "•", "πŸ“ˆ", "\ufeff",
    ]
)  # fmt: skip
TEXT_LINES = st.sampled_from(
    [
        "Data Analyst Career Path Guide", "", "", "Key Responsibilities", "  • Review records.",
        "Median: $47,500", "37,000—58,000", "58,000-37,000", "Entry-Level", "$40,150", "9%", "growth rate",
        "Frequently Asked Questions", "What does a data analyst do?", "They analyse data.", "Low", "High",
        "Junior Analyst", "Experience: 0-2 years", "Morning (9:00 AM - 12:00 PM)", "Focus: Reports",
        "Pros", "Cons", "β€” mojibake πŸ‡ΊπŸ‡Έ", "x" * 400, "Share career guide",
    ]
)  # fmt: skip


@FAST
@given(st.binary(max_size=3000))
@example(b"")
@example(b"\x00" * 10)
@example(codecs.BOM_UTF16_LE + b"\x00\xd8")
@example(b"\xef\xbb\xbf<html>")
def test_arbitrary_bytes_raise_only_pipeline_errors(data: bytes) -> None:
    _only_pipeline_errors(data)


@FAST
@given(st.text(max_size=2000), st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig"]))
def test_arbitrary_text_raises_only_pipeline_errors(text: str, encoding: str) -> None:
    _only_pipeline_errors(text.encode(encoding, "replace"))


@FAST
@given(st.lists(HTML_PIECES | st.text(max_size=20), max_size=80), st.sampled_from(["page.html", "page.txt"]))
def test_tag_soup_raises_only_pipeline_errors(pieces: list[str], name: str) -> None:
    _only_pipeline_errors("".join(pieces).encode(), name=name, limits=TIGHT)


@FAST
@given(st.lists(TEXT_LINES | st.text(max_size=40), min_size=1, max_size=60))
def test_guide_shaped_text_raises_only_pipeline_errors(lines: list[str]) -> None:
    _only_pipeline_errors("\n".join(lines).encode(), limits=TIGHT)


@SLOW
@given(
    st.integers(0, len(SAMPLE_BYTES)),
    st.integers(0, len(SAMPLE_BYTES)),
    st.binary(min_size=1, max_size=16),
    st.sampled_from(["guide.txt", "guide.html"]),
)
def test_damaged_sample_raises_only_pipeline_errors(cut: int, at: int, junk: bytes, name: str) -> None:
    """The sample cut short, with junk bytes spliced in: the likeliest real-world damage."""
    data = SAMPLE_BYTES[:cut]
    at = min(at, len(data))
    _only_pipeline_errors(data[:at] + junk + data[at:], name=name)


# --- decoding clean text changes nothing --------------------------------------------------------


def _mojibake_material(char: str) -> bool:
    """A character a UTF-8-through-cp1252/cp1253 garbler could have produced."""
    if "\x80" <= char <= "\x9f":
        return True
    for codec in ("cp1252", "cp1253"):
        try:
            if char.encode(codec)[0] >= 0x80:
                return True
        except UnicodeEncodeError:
            pass
    return False


def _clean(text: str) -> str:
    """Make generated text clean: no C0 controls but tab/LF, LF line ends, NFC, no two garbler
    characters in a row (such a pair can be genuine mojibake, which decoding must repair)."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if (char < " " and char not in "\t\n") or char in "\x7f\ufeff\r" or unicodedata.category(char) == "Cs":
            continue
        if out and _mojibake_material(char) and _mojibake_material(out[-1]):
            out.append(" ")
        out.append(char)
    return "".join(out)


@FAST
@given(st.text(max_size=400))
@example("café “quoted” – it’s 📈 Καλημέρα κόσμε, Привет, 中文 😀")
@example("a\u0301 precomposed é and ΚΆΤΙ")
def test_decoding_clean_text_changes_nothing(raw: str) -> None:
    text = "Guide " + _clean(raw)
    assume(unicodedata.normalize("NFC", text) == text)
    assert decode_bytes(text.encode("utf-8")).text == text


def test_decoding_the_decoded_sample_changes_nothing() -> None:
    clean = decode_bytes(SAMPLE_BYTES).text
    again = decode_bytes(clean.encode("utf-8"))
    assert again.text == clean
    assert again.repaired == 0
    assert normalize_text(clean) == clean


# --- layout does not change the record ----------------------------------------------------------

LINES = SAMPLE_TEXT.split("\n")
BLANKS = [i for i, line in enumerate(LINES) if not line.strip()]


@SLOW
@given(
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    trailing=st.sets(st.integers(0, len(LINES) - 1), max_size=60),
    spaces=st.sampled_from([" ", "  ", "\t", " \t ", "\u00a0"]),
    extra_blank=st.sets(st.sampled_from(BLANKS), max_size=30),
    leading_blank=st.integers(0, 3),
    trailing_blank=st.integers(0, 3),
)
@example(newline="\r\n", trailing=set(range(len(LINES))), spaces=" ", extra_blank=set(BLANKS), leading_blank=1,
         trailing_blank=2)  # fmt: skip
def test_record_ignores_line_endings_trailing_spaces_and_blank_lines(
    newline: str, trailing: set[int], spaces: str, extra_blank: set[int], leading_blank: int, trailing_blank: int
) -> None:
    out: list[str] = [""] * leading_blank
    for i, line in enumerate(LINES):
        out.append(line + spaces if i in trailing else line)
        if i in extra_blank:
            out.append(spaces if i in trailing else "")
    out += [""] * trailing_blank
    variant = newline.join(out).encode("utf-8")
    assert process_document(variant).record_sha256 == SAMPLE_RECORD
