"""HTML career-guide pages -> ``Outline``, the same tree the plain-text parser builds.

BeautifulSoup on lxml builds the tree (lxml's HTML parser loads no DTDs and resolves no
external entities). Nesting deeper than ``max_depth`` is refused while the tree is built,
so a hostile document costs milliseconds, not a deep tree. One survey pass finds the
landmarks (h1, main/article, headings); the walk then starts at the main content and skips
page chrome as it meets it (see ``html_chrome``). The walk is iterative: block elements
end a line, ``br`` ends a line, and every line becomes a ``Paragraph``, a ``Field``
(``Label: value``) or a list item, exactly as the text parser treats lines.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from typing import Final, TypeGuard

from bs4 import BeautifulSoup, Tag, XMLParsedAsHTMLWarning
from bs4.element import NavigableString, PageElement

from pipeline.errors import ParseError
from pipeline.outline import Block, Field, Items, Outline, Paragraph, Section, as_field, normalize_space
from pipeline.parse.html_chrome import (
    HEADING_LEVELS,
    ChromeJudge,
    Survey,
    class_tokens,
    is_heading_class,
    strip_site_suffix,
    token_parts,
)

__all__ = ["looks_like_html", "parse_html"]

_TOP_HEADING_CLASSES: Final = frozenset({"section-title", "section-heading"})
_ITEM_PARTS: Final = frozenset({"item", "bullet"})
_INLINE: Final = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img",
        "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
        "var", "wbr", "label", "br",
    }
)  # fmt: skip
# Sibling spans in a div are separate lines (hero stats, gauge labels, salary tiers).
_SPLIT_INLINE: Final = frozenset({"span", "strong", "b", "small", "time", "mark", "label"})
_NO_SPLIT: Final = frozenset({"p", "li", "dt", "dd", "pre", "td", "th", "a", "summary", "caption"})
_BULLET = re.compile(r"^[•·◦▪▫‣∙●○■□►▸✓✔]\s*|^[-*–]\s+")
_MAX_BOLD_HEADING: Final = 150

# Flags of an open element on the walk stack.
_BLOCK, _LIST, _CAPTURE, _SPLIT, _PRE = 1, 2, 4, 8, 16
_SKIP: Final = -1

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


class _DepthLimitedSoup(BeautifulSoup):
    """Refuses nesting deeper than ``max_depth`` while the tree is being built."""

    def __init__(self, markup: str, max_depth: int, max_elements: int = 50_000) -> None:
        self._max_depth = max_depth
        self._max_elements = max_elements
        self._elements = 0
        super().__init__(markup, "lxml")

    def pushTag(self, tag: Tag) -> None:  # bs4's method name
        # tagStack holds the soup itself, so its length is the depth of the tag being pushed.
        if len(self.tagStack) > self._max_depth:
            raise ParseError(
                f"HTML nested deeper than {self._max_depth} levels; the markup is malformed or hostile "
                "(raise max_nesting_depth only for pages you trust)"
            )
        self._elements += 1
        if self._elements > self._max_elements:
            raise ParseError(
                f"HTML has more than {self._max_elements:,} elements; this is not one career-guide page "
                "(raise max_html_elements only for pages you trust)"
            )
        super().pushTag(tag)


def parse_html(text: str, *, max_depth: int = 200, max_elements: int = 50_000) -> Outline:
    """Parse an HTML career-guide page into an ``Outline``; raise ``ParseError`` if it is not one."""
    if text.lstrip()[:5].lower() == "<?xml":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            soup = _DepthLimitedSoup(text, max_depth, max_elements)
    else:
        soup = _DepthLimitedSoup(text, max_depth, max_elements)
    survey = Survey(soup)
    judge = ChromeJudge(survey.protected())
    root, title_el = survey.content_root(judge, lambda h1: _inline_text(h1, judge))
    title = _inline_text(title_el, judge) if title_el is not None else ""
    if not title and survey.title_tag is not None:
        title = strip_site_suffix(_inline_text(survey.title_tag, judge))
    if not title:
        raise ParseError("no title found: the page has no <h1> and no <title>")
    walker = _Walker(judge, title, title_el)
    walker.walk(root)
    outline = walker.outline()
    if not outline.sections:
        raise ParseError(
            "no career-guide sections found: the page has no headings after its title "
            "(h2-h6, bold-only lines or title blocks)"
        )
    if not outline.preamble and not any(section.blocks for section in outline.sections):
        raise ParseError("no career-guide sections found: the page has headings but no text")
    return outline


def _is_item_class(tag: Tag) -> bool:
    return any(not _ITEM_PARTS.isdisjoint(token_parts(token)[-1:]) for token in class_tokens(tag))


def _inline_only(tag: Tag) -> bool:
    """True when the direct children are text and inline elements only."""
    return all(not isinstance(child, Tag) or child.name in _INLINE for child in tag.contents)


def _is_text(node: PageElement) -> TypeGuard[NavigableString]:
    # Exactly NavigableString: comments, CDATA, doctype and script/style strings are subclasses.
    return type(node) is NavigableString


def _spans_only(tag: Tag) -> bool:
    """Two or more inline children and nothing else but whitespace: each child is its own line."""
    count = 0
    for child in tag.contents:
        if isinstance(child, Tag):
            if child.name not in _SPLIT_INLINE:
                return False
            count += 1
        elif _is_text(child) and not child.isspace():
            return False
    return count >= 2


def _clean(text: str) -> str:
    # str.split() covers newlines and the Unicode spaces; ZERO WIDTH SPACE is not one of them.
    text = " ".join(text.split())
    return normalize_space(text) if "\u200b" in text else text


def _inline_text(tag: Tag, judge: ChromeJudge) -> str:
    """The whitespace-normalised text of ``tag``, skipping chrome, ``br`` as a space."""
    parts: list[str] = []
    stack: list[Iterator[PageElement]] = [iter(tag.contents)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
        elif isinstance(node, Tag):
            if judge.is_chrome(node):
                continue
            if node.name == "img":
                parts.append(_emoji_alt(node))
            elif node.name == "br" or node.name not in _INLINE:
                parts.append(" ")
            stack.append(iter(node.contents))
        elif _is_text(node):
            parts.append(node)
    return _clean("".join(parts))


def _emoji_alt(img: Tag) -> str:
    """WordPress turns emoji into ``<img class="emoji" alt="📈">``; keep the character."""
    alt = img.attrs.get("alt")
    return alt if isinstance(alt, str) and "emoji" in class_tokens(img) else ""


def _bold_heading(tag: Tag, judge: ChromeJudge) -> str | None:
    """``<p><strong>X</strong></p>`` / ``<div><b>X</b></div>`` -> ``X`` when it reads as a heading."""
    bold: Tag | None = None
    for child in tag.contents:
        if isinstance(child, Tag):
            if child.name == "br":  # editors leave "<p><b>X</b><br></p>"
                continue
            if bold is not None or child.name not in ("b", "strong"):
                return None
            bold = child
        elif _is_text(child) and not child.isspace():
            return None
    if bold is None:
        return None
    text = _inline_text(bold, judge)
    if not text or len(text) > _MAX_BOLD_HEADING or text[-1] in ".:;," or _BULLET.match(text) or as_field(text):
        return None
    return text


class _Walker:
    """Turns the content subtree into preamble blocks and sections, iteratively."""

    def __init__(self, judge: ChromeJudge, title: str, title_el: Tag | None) -> None:
        self._judge = judge
        self._title = title
        self._title_el = title_el
        # Without an h1, the title comes from <title>; a div repeating it marks the start.
        self._await_title_line = title_el is None
        self._started = title_el is None
        self._preamble: list[Block] = []
        self._sections: list[Section] = []
        self._blocks = self._preamble
        self._buffer: list[str] = []
        self._items: list[str] | None = None
        self._label: str | None = None
        self._capture_kind: str | None = None
        self._capture_owner: Tag | None = None
        self._captured: list[str] = []
        self._list_depth = 0
        self._pre_depth = 0
        self._last_level: int | None = None

    def outline(self) -> Outline:
        self._end_capture()
        self._close()
        return Outline(title=self._title, preamble=self._preamble, sections=self._sections)

    def walk(self, root: Tag) -> None:
        stack: list[tuple[Tag, Iterator[PageElement], int]] = [(root, iter(root.contents), _BLOCK)]
        while stack:
            tag, children, flags = stack[-1]
            node = next(children, None)
            if node is None:
                stack.pop()
                self._exit(tag, flags)
            elif isinstance(node, Tag):
                if flags & _SPLIT:
                    self._split_boundary()
                child_flags = self._enter(node)
                if child_flags != _SKIP:
                    stack.append((node, iter(node.contents), child_flags))
            elif type(node) is NavigableString:
                self._text(node)

    # -- elements -------------------------------------------------------------------------

    def _enter(self, tag: Tag) -> int:
        if self._judge.is_chrome(tag):
            return _SKIP
        name = tag.name
        level = HEADING_LEVELS.get(name)
        if level is not None:
            self._heading_tag(tag, level)
            return _SKIP
        if name == "br":
            self._flush()
            return _SKIP
        if name == "img":
            self._buffer.append(_emoji_alt(tag))
            return _SKIP
        if name in ("ul", "ol"):
            self._end_capture()
            self._list_depth += 1
            return _LIST
        if name in ("li", "dt", "dd"):
            self._start_capture("item" if name == "li" else name, tag)
            return _CAPTURE
        if name in _INLINE and not (name == "span" and _is_item_class(tag)):
            return 0
        free = self._capture_kind is None and not self._list_depth
        if free and _inline_only(tag):
            if is_heading_class(tag):
                top = not _TOP_HEADING_CLASSES.isdisjoint(class_tokens(tag))
                self._heading(_inline_text(tag, self._judge), 2 if top else self._guess_level())
                if top:
                    self._last_level = 2
                return _SKIP
            if _is_item_class(tag) and not _spans_only(tag):
                self._start_capture("item", tag)
                return _CAPTURE
        if free and name in ("p", "div"):
            bold = _bold_heading(tag, self._judge)
            if bold is not None:
                self._heading(bold, self._guess_level())
                return _SKIP
        self._flush()
        flags = _BLOCK
        if name == "pre":
            self._pre_depth += 1
            flags |= _PRE
        elif name not in _NO_SPLIT and _spans_only(tag):
            flags |= _SPLIT
        return flags

    def _exit(self, tag: Tag, flags: int) -> None:
        if flags & _CAPTURE and self._capture_owner is tag:
            self._end_capture()
        elif flags:
            self._flush()
        if flags & _LIST:
            self._list_depth -= 1
        if flags & _PRE:
            self._pre_depth -= 1

    def _heading_tag(self, tag: Tag, level: int) -> None:
        if tag is self._title_el:
            self._end_capture()
            self._close()
            self._started = True
            return
        self._last_level = level
        self._heading(_inline_text(tag, self._judge), level)

    def _guess_level(self) -> int:
        return min(self._last_level + 1, 6) if self._last_level is not None else 3

    def _split_boundary(self) -> None:
        # "<span>Median:</span><span>$47,500</span>" stays one "Label: value" line.
        if "".join(self._buffer).rstrip().endswith(":"):
            self._buffer.append(" ")
        else:
            self._flush()

    def _text(self, text: str) -> None:
        if self._pre_depth and "\n" in text:
            first, *rest = text.split("\n")
            self._buffer.append(first)
            for line in rest:
                self._flush()
                self._buffer.append(line)
        elif self._buffer or not text.isspace():
            self._buffer.append(text)

    # -- lines and blocks -----------------------------------------------------------------

    def _flush(self) -> None:
        if not self._buffer:
            return
        text = "".join(self._buffer)
        self._buffer.clear()
        if text.isspace() or not (text := _clean(text)):
            return
        if self._capture_kind is not None:
            self._captured.append(text)
        else:
            self._line(text)

    def _start_capture(self, kind: str, owner: Tag) -> None:
        self._end_capture()
        self._capture_kind, self._capture_owner = kind, owner

    def _end_capture(self) -> None:
        self._flush()
        if self._capture_kind is None:
            return
        kind, text = self._capture_kind, " ".join(self._captured)
        self._capture_kind, self._capture_owner, self._captured = None, None, []
        if kind == "item":
            self._add_item(text)
        elif kind == "dt":
            self._close_label()
            self._label = text.rstrip(":").rstrip() or None
        elif kind == "dd" and text:
            if self._label is not None:
                label, self._label = self._label, None
                self._block(Field(label=label, value=text))
            else:
                self._line(text)

    def _line(self, text: str) -> None:
        if self._await_title_line and not self._sections and text.casefold() == self._title.casefold():
            self._await_title_line = False
            self._preamble.clear()
            self._items = None
            return
        if self._list_depth or _BULLET.match(text):
            self._add_item(text)
            return
        self._block(as_field(text) or Paragraph(text))

    def _add_item(self, text: str) -> None:
        text = _BULLET.sub("", text, count=1).strip()
        if not text:
            return
        self._close_label()
        if self._items is None:
            self._items = []
        self._items.append(text)

    def _block(self, block: Block) -> None:
        self._close()
        if self._started:
            self._blocks.append(block)

    def _close_label(self) -> None:
        if self._label is not None:
            label, self._label = self._label, None
            self._block(Paragraph(label))

    def _close(self) -> None:
        """Emit pending list items and a ``dt`` that found no ``dd``."""
        if self._items is not None:
            items, self._items = self._items, None
            if self._started:
                self._blocks.append(Items(tuple(items)))
        self._close_label()

    def _heading(self, text: str, level: int) -> None:
        self._end_capture()
        self._flush()
        self._close()
        if not text:
            return
        if self._await_title_line and not self._sections and text.casefold() == self._title.casefold():
            self._await_title_line = False
            self._preamble.clear()
            return
        if not self._started:
            return
        section = Section(heading=text, level=level)
        self._sections.append(section)
        self._blocks = section.blocks
