"""The document outline: where the text parser and the HTML parser meet.

Both parsers turn a document into the same small tree, so extraction, validation
and loading are written once and never look at markup. The tree is deliberately
flat: a title, the blocks before the first heading (the page's "hero" area) and
an ordered list of sections. Each section has a heading, an optional level
(known for HTML ``h2``-``h4``, ``None`` for plain text where levels cannot be
seen) and its blocks in document order. The extractor decides which headings
nest under which from the heading vocabulary and the shape of the blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of prose, or one short standalone line (a stat value, a badge)."""

    text: str


@dataclass(frozen=True, slots=True)
class Items:
    """Consecutive bullet or list items, in order."""

    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Field:
    """A ``Label: value`` line (``Experience: 0-2 years``, ``Focus: ...``)."""

    label: str
    value: str


Block = Paragraph | Items | Field


@dataclass(slots=True)
class Section:
    """A heading and the blocks under it, up to the next heading."""

    heading: str
    level: int | None = None
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Outline:
    """A parsed document: title, preamble blocks, then sections in order."""

    title: str
    preamble: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


_FIELD = re.compile(r"^(?P<label>[^\W\d_][\w &/'’()+%.-]{0,40}?)\s*:\s+(?P<value>\S.*)$")
_SPACES = r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]"
# Spelled "[..][..]*", not "[..]+": a pattern that starts with a character class lets ``re``
# skip ahead with its fast set scan instead of trying a match at every position.
_SPACE = re.compile(_SPACES + _SPACES + "*")
# The spaces other than " ": a line without them and without "  " has nothing to collapse.
ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")
ODD_SPACES = frozenset("\t\u00a0\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200C))))


def normalize_space(text: str) -> str:
    """Collapse runs of spaces (incl. NBSP and other Unicode spaces) and trim."""
    # Stripping first gives the same result (the ends go either way, with any run of spaces
    # that touches them), and then most lines need no substitution at all: their only spaces
    # are single " " between words once the indentation is gone.
    text = text.strip()
    if "  " in text or "\t" in text or (not text.isascii() and ODD_SPACE.search(text)):
        return _SPACE.sub(" ", text).strip()
    return text


def as_field(line: str) -> Field | None:
    """Read ``Label: value`` when the label is short (at most 5 words), else None.

    ``9:00 AM`` is not a field (no space after the colon) and neither is a
    sentence that merely contains a colon after many words.
    """
    if ":" not in line:  # a fast scan; most lines are not fields
        return None
    match = _FIELD.match(line)
    if match is None:
        return None
    label = match.group("label").strip()
    if len(label.split()) > 5:
        return None
    return Field(label=label, value=match.group("value").strip())
