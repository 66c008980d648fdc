"""Signs that a document was cut off: an interrupted download, a partial copy, a full disk.

A truncated guide still parses, and would load a tier called "Specia" or lose every section
after the cut, so it is quarantined instead, with the place where it stops. The signs are
ones a complete file does not show:

- HTML that ends inside a tag (``<li clas``), or that opens ``<html>``/``<body>`` and never
  closes either;
- text (or Markdown, or an HTML fragment) with no final newline whose last line stops on a
  letter, or inside a character, in the middle of the guide's prose: a paragraph,
  the last item of a list whose other items end on a full stop, or a line with nothing under
  it that took the shape of an unknown heading once its full stop was cut. The site's footer
  or other page chrome after the guide, a last line that ends a sentence, and a list item or
  ``Label: value`` line ending on a word are all fine.

A file that is complete but trips the text rule only needs a final newline.
"""

from __future__ import annotations

import re

from pipeline.errors import ParseError
from pipeline.outline import Block, Field, Items, Outline, Paragraph
from pipeline.sections import classify

_CLOSING = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
_OPENING = re.compile(r"<(?:body|html)[\s>]", re.IGNORECASE)
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_LAST_WORD = re.compile(r"\w+$")
_TAIL_SEARCH = 4096  # a complete page closes its body within this many characters of the end
_SNIPPET = 40
_SENTENCE_END = frozenset(".!?")
_SENTENCE_WORDS = 5  # a field value this long without figures is a sentence


class TruncatedDocument(ParseError):
    """The document stops part-way; ``where`` quotes its last characters."""

    def __init__(self, reason: str, where: str = "") -> None:  # a default: unpickling passes the reason only
        self.where = where
        super().__init__(reason)


def check_complete(text: str, fmt: str, outline: Outline) -> None:
    """Raise ``TruncatedDocument`` when ``text`` (decoded, parsed as ``fmt`` into ``outline``) was cut off."""
    if fmt == "html":
        check_markup_complete(text)
    if text[-1:] in ("\n", ""):
        return  # a final newline: whatever the last line is, it was written whole
    last_line = text[text.rfind("\n") + 1 :].strip()
    last = last_line[-1:]
    if not (last.isalpha() or last == "\ufffd"):
        return  # ends on punctuation, a symbol, a tag or a figure ("records.", "account ›", "</p>", "£197,350")
    word = _LAST_WORD.search(last_line)
    ending = word.group() if word is not None and last.isalpha() else last
    content = _last_content(outline, cut_character=last == "\ufffd")
    if content is None or not content.endswith(ending):
        return  # the last line is not the guide's last words: a footer or chrome after it
    raise TruncatedDocument(
        f"the file stops mid-line at {_quote(last_line)} with no final newline: it looks cut off "
        "(an interrupted download or copy?); fetch it again, or add a final newline if it is complete",
        last_line[-_SNIPPET:],
    )


def check_markup_complete(text: str) -> None:
    """Raise ``TruncatedDocument`` when HTML ``text`` stops inside a tag or never closes its body."""
    tail = text.rstrip()
    lt = tail.rfind("<")
    if lt > tail.rfind(">") and _TAG_START.match(tail, lt):
        raise TruncatedDocument(
            f"the HTML stops inside a tag ({_quote(tail[lt:])}): it looks cut off "
            "(an interrupted download or copy?); fetch the page again",
            tail[lt:][:_SNIPPET],
        )
    if _CLOSING.search(text, max(0, len(text) - _TAIL_SEARCH)) or _CLOSING.search(text):
        return
    if _OPENING.search(text):
        raise TruncatedDocument(
            f"the HTML opens <html> or <body> but never closes it; it stops at {_quote(tail[-_SNIPPET:])}: "
            "it looks cut off (an interrupted download or copy?); fetch the page again",
            tail[-_SNIPPET:],
        )


def _last_content(outline: Outline, cut_character: bool) -> str | None:
    """The text of the outline's last block when a cut could show there, else None.

    Prose ends on punctuation, so a paragraph (or a field whose value is a sentence) that stops
    on a letter was cut, and so was the last item of a list whose other items are sentences. A
    list item, a short ``Label: value`` field or a heading often ends on a word when whole
    ("• LinkedIn Workforce Report", "Experience: 6+ years"), so otherwise only a cut inside a
    character (U+FFFD) shows on them.
    """
    blocks: list[Block] = outline.sections[-1].blocks if outline.sections else outline.preamble
    if not blocks:
        heading = outline.sections[-1].heading if outline.sections else outline.title
        # Prose cut before its full stop can pass for a heading ("Embarking on a career as a
        # ... begins w"); a last heading with nothing under it that names no known section is
        # taken for one (a whole guide does not end on an empty heading of its own).
        sentence = classify(heading) is None
        return heading if cut_character or (sentence and outline.sections) else None
    block = blocks[-1]
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Field) and (cut_character or _prose(block.value)):
        return block.value  # "Key Takeaway: Effective collaboration between ..." is prose
    if isinstance(block, Items) and block.items and (cut_character or _sentences(block.items[:-1])):
        return block.items[-1]  # the list's other items end on a full stop: so did this one
    return None


def _sentences(items: tuple[str, ...]) -> bool:
    """Two or more items, every one ending like a sentence."""
    return len(items) >= 2 and all(item[-1:] in _SENTENCE_END for item in items)


def _prose(value: str) -> bool:
    """A field value that reads as a sentence: five words or more and no figures."""
    return len(value.split()) >= _SENTENCE_WORDS and not any(c.isdigit() for c in value)


def _quote(snippet: str) -> str:
    snippet = " ".join(snippet.split())
    return repr(snippet if len(snippet) <= _SNIPPET else "..." + snippet[-_SNIPPET:])
