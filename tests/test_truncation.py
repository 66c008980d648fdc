"""Cut-off documents are refused with the place where they stop; complete ones never are."""

from __future__ import annotations

import pytest

from bench.corpus import Corpus
from pipeline.errors import ParseError
from pipeline.process import process_document
from pipeline.truncation import TruncatedDocument
from tests.conftest import FIXTURES, SEED

PAGE = (FIXTURES / "html" / "medical-records-technician.html").read_text(encoding="utf-8")


def refusal(data: bytes | str, name: str) -> str | None:
    """The quarantine reason of ``data``, or None when it loads."""
    raw = data.encode() if isinstance(data, str) else data
    try:
        process_document(raw, name=name)
    except ParseError as exc:
        return exc.reason
    return None


def test_the_seed_ends_in_the_site_footer_without_a_newline_and_loads() -> None:
    data = SEED.read_bytes()
    assert not data.endswith(b"\n")  # the case the text rule must get right
    assert refusal(data, "seed.txt") is None


@pytest.mark.parametrize("fraction", [0.05, 0.2, 0.35, 0.5, 0.65, 0.8])
def test_text_cut_inside_a_word_of_prose_is_refused_and_quoted(fraction: float) -> None:
    data = SEED.read_bytes()
    line_start = data.index(b"\n", int(len(data) * fraction)) + 1
    while data.index(b"\n", line_start) - line_start < 120:  # a line of prose, not a list item or a label
        line_start = data.index(b"\n", line_start) + 1
    at = line_start + 60
    while not data[at - 1 : at + 1].isalpha():
        at += 1
    with pytest.raises(TruncatedDocument) as caught:
        process_document(data[:at], name="cut.txt")
    assert caught.value.where.endswith(data[:at].decode("utf-8", "replace")[-3:])
    assert "looks cut off" in caught.value.reason and "add a final newline" in caught.value.reason


def test_a_list_item_ending_on_a_word_without_a_newline_loads() -> None:
    """A whole guide can end on a list item ("• LinkedIn Workforce Report"); a cut there cannot be told."""
    data = SEED.read_bytes()
    end = data.index(b"Sources & References")
    assert refusal(data[:end] + "Sources & References\n\n• O*NET OnLine".encode(), "whole.txt") is None


def test_text_cut_in_the_footer_loads() -> None:
    data = SEED.read_bytes()
    at = data.index(b"Unlimited applies") + 5  # mid-word, but in the subscription footer after the guide
    assert refusal(data[:at], "cut.txt") is None


def test_text_that_ends_a_sentence_or_a_line_loads() -> None:
    data = SEED.read_bytes()
    end = data.index(b"Sources & References")
    guide = data[:end].rstrip()
    assert refusal(guide, "whole.txt") is None  # ends on "." (no final newline)
    cut = guide[: guide.rindex(b" ")]  # the last sentence loses its last word
    assert refusal(cut, "cut.txt") is not None
    assert refusal(cut + b"\n", "cut.txt") is None  # a final newline: written whole, by someone


def test_text_cut_inside_a_utf8_character_is_refused() -> None:
    data = SEED.read_bytes()
    at = data.index("—".encode(), len(data) // 3) + 1 if "—".encode() in data else None
    if at is None:
        at = next(i for i in range(len(data) // 3, len(data)) if data[i] >= 0xE0) + 1
    reason = refusal(data[:at], "cut.txt")
    assert reason is not None and "looks cut off" in reason


def test_html_cut_inside_a_tag_is_refused() -> None:
    at = PAGE.index('<ul class="', len(PAGE) // 2) + 6
    with pytest.raises(TruncatedDocument, match="stops inside a tag") as caught:
        process_document(PAGE[:at].encode(), name="page.html")
    assert caught.value.where == PAGE[PAGE.rindex("<", 0, at) : at]


@pytest.mark.parametrize("fraction", [0.02, 0.3, 0.6, 0.9])
def test_html_cut_in_text_is_refused_even_before_any_section(fraction: float) -> None:
    at = int(len(PAGE) * fraction)
    at = PAGE.index(">", at) + 1  # after a tag: only the missing </body> tells
    reason = refusal(PAGE[:at], "page.html")
    assert reason is not None and "never closes it" in reason, reason


def test_complete_html_variants_load() -> None:
    assert refusal(PAGE, "page.html") is None
    assert refusal(PAGE.replace("</html>", ""), "page.html") is None  # </body> is enough
    body = PAGE[PAGE.index("<body") : PAGE.index("</body>")]
    fragment = body[body.index(">") + 1 :].rstrip()  # a fragment: no <html>, no <body>
    assert refusal(fragment, "fragment.html") is None
    assert refusal(fragment + "\n<!-- served in 3 ms", "fragment.html") is not None  # an unclosed comment


def test_generated_guides_load_with_or_without_a_final_newline() -> None:
    checked = 0
    for entry in Corpus(60, seed=7).entries():
        if entry.kind != "original":
            continue
        for data in (entry.data, entry.data.rstrip()):
            assert refusal(data, entry.path) is None, entry.path
        checked += 1
    assert checked >= 40


def test_the_last_item_of_a_list_of_sentences_cut_mid_word_is_refused() -> None:
    data = SEED.read_bytes()
    at = data.index(b"destruction of confidenti") + len(b"destruction of confidenti")
    reason = refusal(data[:at], "cut.txt")
    assert reason is not None and "destruction of confidenti' with no final newline" in reason
    words = data.index(b"Customer service orientation") + len(b"Customer service orientation")
    assert refusal(data[:words], "whole.txt") is None  # a list of words, not sentences: ends on a word when whole


def test_the_error_crosses_a_process_boundary_intact() -> None:
    """Parse workers send it back pickled; unpickling it once broke the whole process pool."""
    import pickle

    with pytest.raises(TruncatedDocument) as caught:
        process_document(PAGE[: PAGE.index('<ul class="', len(PAGE) // 2) + 6].encode(), name="page.html")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.reason, copy.where, copy.format) == (caught.value.reason, caught.value.where, caught.value.format)


def test_every_document_error_survives_pickling() -> None:
    import pickle

    from pipeline.errors import DecodeError, DocumentError, SourceError, ValidationFailed

    for error in (DocumentError("a"), SourceError("b"), DecodeError("c"), ParseError("d"), TruncatedDocument("e", "f")):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and copy.reason == error.reason
    failed = pickle.loads(pickle.dumps(ValidationFailed(["min above max", "tiers out of order"])))
    assert failed.problems == ["min above max", "tiers out of order"]
    assert failed.reason == "min above max; tiers out of order"
