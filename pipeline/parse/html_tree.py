"""HTML text -> an lxml element tree, with the nesting and size limits enforced while it is built.

The parser is libxml2's HTML parser through lxml, the parser BeautifulSoup(..., "lxml") drove
before (same tokenizer, same tree construction, same recovery), now building its tree natively:
about 20x faster, and the elements are lxml's (one DOM for the whole HTML path). No DTD is
loaded, no entity is resolved and nothing is fetched: libxml2's HTML parser does none of that.
Two differences from the tree BeautifulSoup built from the same parser's events, both outside
what the walk reads: a boolean attribute (``defer``) holds its name rather than "", and a stray
``<!DOCTYPE>`` inside a page no longer splits the string around it in two.

Limits: nesting deeper than ``max_depth`` and more than ``max_elements`` elements are refused
with a ``ParseError`` at the first element that breaks them, in document order, as the old
BeautifulSoup builder did (its document object counted as one element). The text is fed in
chunks and the parser's start/end events are read after each, so a hostile page stops after at
most one chunk; a page of one chunk is parsed whole and the limits are checked on the tree by
compiled XPath (count and depth), in C, with the same verdicts in the same order.

libxml2 keeps at most 2,048 levels (XML_PARSE_HUGE) and silently drops everything after that
point. With the default ``max_depth`` (200) such a page is refused long before; when a caller
allows more than 2,047 levels and a page goes that deep, the page is parsed again through
libxml2's SAX interface (no depth cap: the event stream BeautifulSoup used) into lxml elements.
lxml's element API refuses a few characters libxml2 lets through (C0 controls, U+FFFE/U+FFFF),
so in that rare path they travel as private-use characters and ``restore`` puts them back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, Final

from lxml import etree

from pipeline.errors import ParseError

__all__ = ["DOCUMENT", "STRING_CONTAINERS", "Document", "Element", "Node", "build_tree"]

Element = Any  # lxml.etree._Element: lxml ships no type stubs

# Text inside these elements was never "text" to BeautifulSoup (it used NavigableString
# subclasses for it: script, stylesheet, template and ruby annotation strings), so neither
# the walk nor the heading-anchor test reads it.
STRING_CONTAINERS: Final = frozenset({"rt", "rp", "script", "style", "template"})
_CHUNK: Final = 1 << 18  # characters per feed; pages are ~50 KB, so almost always one feed
_LIBXML_MAX_DEPTH: Final = 2048


# --- the DOM: lxml elements, their strings, and the document node ---------------------------
#
# An element's strings are its ``text`` and its children's tails; comments and processing
# instructions are elements whose ``tag`` is not a str. Elements are kept as dict/set keys,
# never by ``id()``: lxml makes a Python object for an element on demand and may drop it and
# make another later, so only holding the object keeps its identity.


class Document:
    """The document node: the parent of ``<html>``, with no attributes and no text."""

    tag: Final = "[document]"


DOCUMENT: Final = Document()
Node = Element | Document


def parent_of(node: Node) -> Node | None:
    """The parent element, ``DOCUMENT`` for ``<html>``, None for ``DOCUMENT``."""
    if isinstance(node, Document):
        return None
    found = node.getparent()
    return DOCUMENT if found is None else found


def ancestors(tag: Element) -> Iterator[Element]:
    """The parent elements of ``tag``, nearest first (``DOCUMENT`` not included).

    lxml's own iterator: the walk up runs in C, and so do ``set.isdisjoint`` or
    ``Counter.update`` consuming it.
    """
    found: Iterator[Element] = tag.iterancestors()
    return found


def in_string_container(tag: Element) -> bool:
    """Whether ``tag`` or an ancestor holds strings that were never plain text (script, rt, ...)."""
    node = tag
    while node is not None:
        if node.tag in STRING_CONTAINERS:
            return True
        node = node.getparent()
    return False


def plain_text(tag: Element, separator: str) -> str:
    """BeautifulSoup's ``get_text(separator)``: every text inside ``tag``, chrome included,
    but none inside script/style/template/rt/rp, nor comments."""
    if in_string_container(tag):
        return ""
    parts: list[str] = [tag.text] if tag.text else []
    stack: list[tuple[Element, Iterator[Element]]] = [(tag, iter(tag))]
    while stack:
        element, children = stack[-1]
        node = next(children, None)
        if node is None:
            stack.pop()
            if stack and element.tail:
                parts.append(element.tail)
        elif isinstance(node.tag, str) and node.tag not in STRING_CONTAINERS:
            if node.text:
                parts.append(node.text)
            stack.append((node, iter(node)))
        elif node.tail:  # a comment, or a container: its tail is plain text of the parent
            parts.append(node.tail)
    return separator.join(parts)


def _too_deep(max_depth: int) -> ParseError:
    return ParseError(
        f"HTML nested deeper than {max_depth} levels; the markup is malformed or hostile "
        "(raise --max-nesting-depth only for pages you trust)"
    )


def _too_many(max_elements: int) -> ParseError:
    return ParseError(
        f"HTML has more than {max_elements:,} elements; this is not one career-guide page "
        "(raise --max-html-elements only for pages you trust)"
    )


def build_tree(text: str, max_depth: int, max_elements: int) -> tuple[list[Element], Callable[[str], str] | None]:
    """The top-level nodes of the page, in order, and a text fix-up.

    Usually one ``html`` element, perhaps with comments around it; libxml2 starts another
    ``html`` for content after ``</html>``, and BeautifulSoup kept those as well. The fix-up is
    None except on the deep-page path, where it maps stand-in characters back.
    """
    if text.startswith("\ufeff"):
        text = text[1:]  # BeautifulSoup dropped one leading BOM before parsing
    if len(text) > _CHUNK or max_depth >= _LIBXML_MAX_DEPTH - 1:
        return _parse_in_chunks(text, max_depth, max_elements)
    root = _parse_whole(text)
    _check_tree(root, max_depth, max_elements)
    return _top_level(root), None


def _top_level(root: Element | None) -> list[Element]:
    if root is None:
        return []
    while root.getprevious() is not None:
        root = root.getprevious()
    top = []
    while root is not None:
        top.append(root)
        root = root.getnext()
    return top


def _close(parser: Any) -> Element | None:
    try:
        return parser.close()
    except etree.XMLSyntaxError as exc:  # recover=True makes this rare; say so instead of crashing
        raise ParseError(f"HTML could not be parsed: {exc}") from exc


# --- one-chunk pages: parse natively, then check the limits in libxml2's XPath engine ---------
#
# A page of at most one chunk would have been refused after that chunk at the earliest, so
# parsing it whole and checking afterwards refuses exactly the pages the event stream refused,
# without a Python object per start and end event. The tree holds every element the events
# reported: both come from the same SAX calls. With ``max_depth`` below libxml2's cap, an
# element deeper than ``max_depth`` is still in the tree (libxml2 drops only what lies deeper
# than 2,047 levels), so the depth test sees it.

_COUNT_ELEMENTS: Final = etree.XPath("count(//*)")
_DEPTH_PATHS: dict[int, Any] = {}


def _parse_whole(text: str) -> Element | None:
    parser = etree.HTMLParser(recover=True, huge_tree=True, collect_ids=False)
    if text:
        parser.feed(text)
    return _close(parser)


def _first_too_deep(root: Element, max_depth: int) -> Element | None:
    """The first element (document order) nested ``max_depth + 1`` levels deep, if any."""
    path = _DEPTH_PATHS.get(max_depth)
    if path is None:
        # "/*/*/.../*": libxml2 stops at the first empty step, so a shallow page costs little.
        path = _DEPTH_PATHS[max_depth] = etree.XPath("(" + "/*" * (max_depth + 1) + ")[1]")
    found = path(root)
    return found[0] if found else None


def _check_tree(root: Element | None, max_depth: int, max_elements: int) -> None:
    """The limits as ``_check`` applies them, in document order: the element that breaks one first.

    The k-th element (document order, 1-based) breaks the element limit when ``k + 1 >
    max_elements`` (the document node counts as one); the depth test comes first for each
    element, so a too-deep element at position k wins unless an earlier one broke the count.
    """
    if root is None:
        return
    count = int(_COUNT_ELEMENTS(root))
    deep = _first_too_deep(root, max_depth)
    if deep is not None:
        position = int(deep.xpath("count(preceding::*)")) + max_depth + 1  # its ancestors come first
        if position <= max_elements:
            raise _too_deep(max_depth)
    if count >= max_elements:
        raise _too_many(max_elements)


# --- larger pages: chunks, with the limits checked on the parser's events after each ---------


def _parse_in_chunks(text: str, max_depth: int, max_elements: int) -> tuple[list[Element], Callable[[str], str] | None]:
    """``build_tree`` for pages of several chunks, or allowed past libxml2's depth cap."""
    parser = etree.HTMLPullParser(events=("start", "end"), recover=True, huge_tree=True, collect_ids=False)
    depth = 0
    count = 1  # the document node, which the old builder counted as an element
    for offset in range(0, len(text), _CHUNK):
        parser.feed(text[offset : offset + _CHUNK])
        depth, count = _check(parser, depth, count, max_depth, max_elements)
        if depth < 0:
            return _build_deep(text, max_depth, max_elements)
    root = _close(parser)
    depth, _ = _check(parser, depth, count, max_depth, max_elements)
    if depth < 0:
        return _build_deep(text, max_depth, max_elements)
    return _top_level(root), None


def _check(parser: Any, depth: int, count: int, max_depth: int, max_elements: int) -> tuple[int, int]:
    """Apply the limits to the events so far; depth -1 means libxml2's own depth cap was reached."""
    for event, _ in parser.read_events():
        if event == "start":
            depth += 1
            if depth > max_depth:
                raise _too_deep(max_depth)
            if depth >= _LIBXML_MAX_DEPTH:
                return -1, count
            count += 1
            if count > max_elements:
                raise _too_many(max_elements)
        else:
            depth -= 1
    return depth, count


# --- pages deeper than libxml2's tree can hold ------------------------------------------

# lxml refuses these in text and attribute values; libxml2 (and so the old parser) kept them.
_REFUSED = "".join(chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF))
_REFUSED_CLASS = re.compile("[" + re.escape(_REFUSED) + "]")
# Only these attributes are ever read; the rest need not survive lxml's name checks.
_READ_ATTRIBUTES: Final = ("class", "id", "role", "style", "hidden", "alt")
_STAND_IN_TAG: Final = "x-unnamed"  # a tag name lxml refuses ("o:p") matches no known tag either


def _build_deep(text: str, max_depth: int, max_elements: int) -> tuple[list[Element], Callable[[str], str] | None]:
    forward, restore = _stand_ins(text)
    target = _DeepTarget(max_depth, max_elements, forward)
    parser = etree.HTMLParser(target=target, recover=True, huge_tree=True, collect_ids=False)
    parser.feed(text)
    return parser.close(), restore


def _stand_ins(text: str) -> tuple[dict[int, str], Callable[[str], str] | None]:
    """Private-use stand-ins for the refused characters, and the function that undoes them.

    Whitespace (VT, FF, FS..US) becomes a space in text: every text is whitespace-normalised
    anyway. The others keep their "not a letter, not a space" nature as private-use characters.
    """
    if not _REFUSED_CLASS.search(text):
        return {}, None
    for base in range(0xF0000, 0x10FF00, 0x100):
        block = re.compile(f"[{chr(base)}-{chr(base + 0xFF)}]")
        if not block.search(text):
            break
    else:  # every private-use block occurs in the page: nothing to borrow
        raise ParseError("HTML nested deeper than 2,047 levels with control characters; not a career guide")
    forward = {ord(char): chr(base + index) for index, char in enumerate(_REFUSED)}
    backward = {ord(stand_in): chr(code) for code, stand_in in forward.items()}

    def restore(value: str) -> str:
        return value.translate(backward)

    return forward, restore


class _DeepTarget:
    """SAX target that builds lxml elements with the limits checked at every start tag.

    Each top-level element gets its own builder (an lxml document has one root element);
    text between top-level nodes is dropped, as the native tree drops it.
    """

    def __init__(self, max_depth: int, max_elements: int, forward: dict[int, str]) -> None:
        self._builder = etree.TreeBuilder()
        self._top: list[Element] = []
        self._names: list[str] = []
        self._max_depth = max_depth
        self._max_elements = max_elements
        self._count = 1
        self._forward = forward
        self._spaces = {key: value for key, value in forward.items() if chr(key).isspace()}
        self._text_map = {**forward, **dict.fromkeys(self._spaces, " ")}

    def start(self, tag: str, attrib: dict[str, str]) -> Any:
        if len(self._names) + 1 > self._max_depth:
            raise _too_deep(self._max_depth)
        self._count += 1
        if self._count > self._max_elements:
            raise _too_many(self._max_elements)
        attrs = {}
        for name in _READ_ATTRIBUTES:
            value = attrib.get(name)
            if value is not None:
                # "display:\vnone" must stay unlike "display: none", so style keeps every stand-in.
                attrs[name] = value.translate(self._forward if name == "style" else self._text_map)
        if not self._names:
            self._builder = etree.TreeBuilder()
        try:
            element = self._builder.start(tag, attrs)
        except ValueError:
            tag = _STAND_IN_TAG
            element = self._builder.start(tag, attrs)
        self._names.append(tag)
        return element

    def end(self, tag: str) -> Any:
        element = self._builder.end(self._names.pop())
        if not self._names:
            self._top.append(self._builder.close())
        return element

    def data(self, data: str) -> None:
        if self._names:
            self._builder.data(data.translate(self._text_map))

    # Comments, processing instructions and doctypes only separate texts, as they did before.
    def comment(self, text: str) -> None:
        self._separator()

    def pi(self, target: str, data: str | None = None) -> None:
        self._separator()

    def doctype(self, name: str, pubid: str, system: str) -> None:
        self._separator()

    def _separator(self) -> None:
        if self._names:
            self._builder.comment("")
        else:
            self._top.append(etree.Comment(""))

    def close(self) -> list[Element]:
        return self._top
