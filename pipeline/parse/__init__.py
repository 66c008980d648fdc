"""Parsers: decoded text -> Outline. Format is detected from content, not file names."""

from __future__ import annotations

from pipeline.limits import Limits
from pipeline.outline import Outline
from pipeline.parse.text import parse_text


def detect_format(text: str, name: str = "") -> str:
    """ "html" when the content is markup (whatever the extension), else "text"."""
    from pipeline.parse.html import looks_like_html

    if name.lower().endswith((".html", ".htm", ".xhtml")) and "<" in text:
        return "html"
    return "html" if looks_like_html(text) else "text"


def parse_document(text: str, *, name: str = "", limits: Limits | None = None) -> tuple[Outline, str]:
    """Parse ``text`` with the parser its content calls for; returns the outline and the format."""
    limits = limits or Limits()
    fmt = detect_format(text, name)
    if fmt == "html":
        from pipeline.parse.html import parse_html

        return parse_html(text, max_depth=limits.max_nesting_depth), fmt
    return parse_text(text, max_line_chars=limits.max_line_chars), fmt
