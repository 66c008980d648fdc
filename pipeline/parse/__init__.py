"""Parsers: decoded text -> Outline. Format is detected from content, not file names."""

from __future__ import annotations

from pipeline.errors import ParseError
from pipeline.limits import Limits
from pipeline.outline import Field, Items, Outline, Paragraph
from pipeline.parse.text import parse_text_format

# What ``parse_document`` reports and the warehouse records as a document's ``format``: which
# parser read it. Markdown is sniffed by the text parser (``parse_text``), not by ``detect_format``.
FORMATS = ("text", "markdown", "html")


def detect_format(text: str, name: str = "") -> str:
    """ "html" when the content is markup (whatever the extension), else "text" (plain or Markdown)."""
    if "<" not in text:
        return "text"  # every sign of markup (a tag, a doctype) starts with "<": a fast scan settles most texts
    from pipeline.parse.html import looks_like_html

    if name.lower().endswith((".html", ".htm", ".xhtml")) and "<" in text:
        return "html"
    return "html" if looks_like_html(text) else "text"


def parse_document(text: str, *, name: str = "", limits: Limits | None = None) -> tuple[Outline, str]:
    """Parse ``text`` with the parser its content calls for; returns the outline and the format
    (one of ``FORMATS``: "text", "markdown" or "html")."""
    limits = limits or Limits()
    fmt = detect_format(text, name)
    if fmt == "html":
        from pipeline.parse.html import parse_html

        outline = parse_html(text, max_depth=limits.max_nesting_depth, max_elements=limits.max_html_elements)
        _check_line_lengths(outline, limits.max_line_chars)
        return outline, fmt
    return parse_text_format(text, max_line_chars=limits.max_line_chars)


def _check_line_lengths(outline: Outline, limit: int) -> None:
    """The text parser's line limit, applied to every text of an HTML outline."""
    texts = [outline.title, *(s.heading for s in outline.sections)]
    for block in [*outline.preamble, *(b for s in outline.sections for b in s.blocks)]:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Items):
            texts.extend(block.items)
        elif isinstance(block, Field):
            texts.append(block.value)
    longest = max(map(len, texts), default=0)
    if longest > limit:
        raise ParseError(
            f"a text block is {longest:,} characters long (limit {limit:,}); this does not look like a career guide"
        )
