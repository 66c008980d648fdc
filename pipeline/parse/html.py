"""HTML career-guide pages -> ``Outline``, the same tree the plain-text parser builds.

``html_tree`` builds the tree with libxml2's HTML parser through lxml (the parser BeautifulSoup
drove before), enforcing the nesting and size limits as it goes; it loads no DTDs, resolves no
external entities and fetches nothing. ``html_chrome`` surveys the page once (landmarks, h1,
headings, attributes) and judges which elements are chrome; ``html_walk`` then walks the main
content, skipping chrome as it meets it, into the same outline the text parser builds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from pipeline.errors import ParseError
from pipeline.outline import Block, Field, Items, Outline, Paragraph
from pipeline.parse.html_chrome import ChromeJudge, Survey, strip_site_suffix
from pipeline.parse.html_inline import inline_text
from pipeline.parse.html_tree import build_tree
from pipeline.parse.html_walk import Walker

__all__ = ["looks_like_html", "parse_html"]

_DOC_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|\?xml)", re.I | re.S)
_KNOWN_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|a|ul|ol|li|h[1-6]|br|hr|table|tr|td|th|section|article|main|header|footer"
    r"|nav|aside|strong|b|em|i|img|meta|link|script|style|dl|dt|dd|blockquote|figure|form|title)\b[^<>]{0,800}>",
    re.I,
)
_SNIFF_CHARS: Final = 16_384


def looks_like_html(text: str) -> bool:
    """Content sniffing: a doctype/html/head/body start, a leading tag, or many tags.

    Plain text that mentions ``<div>`` or compares ``a < b`` once is not HTML.
    """
    head = text[:_SNIFF_CHARS].lstrip("\ufeff")
    if _DOC_START.match(head):
        return True
    tags = _KNOWN_TAG.findall(head)
    if not tags:
        return False
    if _KNOWN_TAG.match(head.lstrip()) and len(tags) >= 2:
        return True
    return len(tags) >= 10 and len(tags) * 1000 >= len(head)


def parse_html(text: str, *, max_depth: int = 200, max_elements: int = 50_000) -> Outline:
    """Parse an HTML career-guide page into an ``Outline``; raise ``ParseError`` if it is not one."""
    top, restore = build_tree(text, max_depth, max_elements)
    survey = Survey(top)
    judge = ChromeJudge(survey)
    content, title_el = survey.content_root(judge, lambda h1: inline_text(h1, judge))
    title = inline_text(title_el, judge) if title_el is not None else ""
    if not title and survey.title_tag is not None:
        title = strip_site_suffix(inline_text(survey.title_tag, judge))
    if not title:
        raise ParseError("no title found: the page has no <h1> and no <title>")
    walker = Walker(judge, title, title_el)
    walker.walk(content, top)
    outline = walker.outline()
    if not outline.sections:
        raise ParseError(
            "no career-guide sections found: the page has no headings after its title "
            "(h2-h6, bold-only lines or title blocks)"
        )
    if not outline.preamble and not any(section.blocks for section in outline.sections):
        raise ParseError("no career-guide sections found: the page has headings but no text")
    return outline if restore is None else _restored(outline, restore)


def _restored(outline: Outline, restore: Callable[[str], str]) -> Outline:
    """The outline with ``html_tree``'s stand-in characters turned back into the originals."""

    def block(item: Block) -> Block:
        if isinstance(item, Paragraph):
            return Paragraph(restore(item.text))
        if isinstance(item, Items):
            return Items(tuple(map(restore, item.items)))
        return Field(restore(item.label), restore(item.value))

    return Outline(
        title=restore(outline.title),
        preamble=[block(item) for item in outline.preamble],
        sections=[
            replace(section, heading=restore(section.heading), blocks=[block(item) for item in section.blocks])
            for section in outline.sections
        ],
    )
