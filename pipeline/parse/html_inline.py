"""Text inside an element, and the shapes of small elements: what the walk asks about markup.

Strings are an element's ``text`` and its children's ``tail``\\ s; comments and processing
instructions only separate them; strings inside rt/rp (and script/style/template) are not text,
as BeautifulSoup typed them apart. Attributes come from the survey's caches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final, NamedTuple

from pipeline.outline import Field, Paragraph, as_field, normalize_space
from pipeline.parse.html_chrome import ChromeJudge
from pipeline.parse.html_tree import STRING_CONTAINERS, Element, in_string_container

__all__ = [
    "BULLET",
    "BULLET_START",
    "INLINE",
    "NO_SPLIT",
    "TableHeading",
    "bold_heading",
    "clean",
    "emoji_alt",
    "inline_only",
    "inline_text",
    "spans_only",
    "table_blocks",
    "table_rows",
]

INLINE: Final = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img",
        "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
        "var", "wbr", "label", "br",
    }
)  # fmt: skip
# Sibling spans in a div are separate lines (hero stats, gauge labels, salary tiers).
_SPLIT_INLINE: Final = frozenset({"span", "strong", "b", "small", "time", "mark", "label"})
NO_SPLIT: Final = frozenset({"p", "li", "dt", "dd", "pre", "td", "th", "a", "summary", "caption"})
BULLET = re.compile(r"^[•·◦▪▫‣∙●○■□►▸✓✔]\s*|^[-*–]\s+")
BULLET_START: Final = frozenset("•·◦▪▫‣∙●○■□►▸✓✔-*–")  # BULLET matches nothing else
_MAX_BOLD_HEADING: Final = 150


def inline_only(children: list[Element]) -> bool:
    """True when the child elements are inline elements only (text, comments aside)."""
    for child in children:
        name = child.tag
        if isinstance(name, str) and name not in INLINE:
            return False
    return True


def _has_text(tag: Element, children: list[Element]) -> bool:
    """Whether a string directly inside ``tag`` (its text, a child's tail) is not whitespace."""
    text = tag.text
    if text and not text.isspace():
        return True
    return any(child.tail and not child.tail.isspace() for child in children)


def spans_only(tag: Element, children: list[Element], plain: bool) -> bool:
    """Two or more inline children and nothing else but whitespace: each child is its own line.

    ``plain`` is False inside rt/rp, whose strings do not count.
    """
    count = 0
    for child in children:
        name = child.tag
        if isinstance(name, str):
            if name not in _SPLIT_INLINE:
                return False
            count += 1
    return count >= 2 and not (plain and _has_text(tag, children))


def clean(text: str) -> str:
    # str.split() covers newlines and the Unicode spaces; ZERO WIDTH SPACE is not one of them.
    text = " ".join(text.split())
    return normalize_space(text) if "\u200b" in text else text


def inline_text(tag: Element, judge: ChromeJudge, hidden: bool | None = None, br: str = " ") -> str:
    """The whitespace-normalised text of ``tag``, skipping chrome, ``br`` as a space (or ``br``).

    ``hidden`` is ``in_string_container(tag)`` when the caller knows it already.
    """
    if hidden is None:
        hidden = in_string_container(tag)
    chrome = judge.chrome
    parts: list[str] = [tag.text] if tag.text and not hidden else []
    # (element, its children, whether strings directly inside it are hidden)
    stack: list[tuple[Element, Iterator[Element], bool]] = [(tag, iter(tag), hidden)]
    while stack:
        element, children, hidden = stack[-1]
        node = next(children, None)
        if node is None:
            stack.pop()
            if stack and element.tail and not stack[-1][2]:
                parts.append(element.tail)
            continue
        name = node.tag
        if not isinstance(name, str) or node in chrome:
            if node.tail and not hidden:
                parts.append(node.tail)
            continue
        if name == "img":
            parts.append(emoji_alt(judge, node))
        elif name == "br":
            parts.append(br)
        elif name not in INLINE:
            parts.append(" ")
        inner = hidden or name in STRING_CONTAINERS
        if node.text and not inner:
            parts.append(node.text)
        stack.append((node, iter(node), inner))
    return clean("".join(parts))


def emoji_alt(judge: ChromeJudge, img: Element) -> str:
    """WordPress turns emoji into ``<img class="emoji" alt="📈">``; keep the character."""
    attributes = judge.survey.attributes(img)
    alt = None if attributes is None else attributes.get("alt")
    return alt if alt is not None and "emoji" in judge.survey.classes(img) else ""


def bold_heading(tag: Element, children: list[Element], judge: ChromeJudge, plain: bool, hidden: bool) -> str | None:
    """``<p><strong>X</strong></p>`` / ``<div><b>X</b></div>`` -> ``X`` when it reads as a heading.

    ``hidden`` tells whether ``tag`` (a p or div, so an ancestor of it) is in a string container.
    """
    bold: Element | None = None
    for child in children:
        name = child.tag
        if not isinstance(name, str) or name == "br":  # editors leave "<p><b>X</b><br></p>"
            continue
        if bold is not None or name not in ("b", "strong"):
            return None
        bold = child
    if bold is None or (plain and _has_text(tag, children)):
        return None
    text = inline_text(bold, judge, hidden)  # b/strong is no string container itself
    if not text or len(text) > _MAX_BOLD_HEADING or text[-1] in ".:;," or BULLET.match(text) or as_field(text):
        return None
    return text


# --- data tables --------------------------------------------------------------------------
#
# A table whose cells hold phrasing content (text, inline markup, ``br``, one ``p`` or ``div``,
# a heading in a ``th``) is data: the walk reads it row by row. Anything else in a cell (a list,
# a nested table, two paragraphs, a heading in a ``td``, an h1) makes it a layout table, walked
# as blocks as before.

_ROW_GROUPS: Final = frozenset({"thead", "tbody", "tfoot"})
_CELLS: Final = frozenset({"th", "td"})
_SKIPPED_IN_TABLE: Final = frozenset({"colgroup", "col"})
_CELL_BLOCKS: Final = frozenset({"p", "div"})
_PHRASING: Final = INLINE | _CELL_BLOCKS
# A header cell may hold a heading: <th><h4>Median Pay</h4></th> (never the page's h1).
_CELL_HEADINGS: Final = {"h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_HEADER_PHRASING: Final = _PHRASING | frozenset(_CELL_HEADINGS)
# Stands for ``br`` in a cell's text: lxml refuses NUL in text, so a page never holds one.
_BREAK: Final = "\x00"


class TableRow(NamedTuple):
    """A row's cell texts ("" for an empty cell), whether it is a header row, the level of a
    heading in one of its cells (0 for none)."""

    cells: tuple[str, ...]
    header: bool
    heading: int = 0


class TableHeading(NamedTuple):
    """A row whose only text is a heading (``<th colspan="2"><h4>Quick Facts</h4></th>``)."""

    text: str
    level: int


def table_rows(table: Element, judge: ChromeJudge) -> list[TableRow] | None:
    """The caption and rows of a data table, in order; None for a layout table.

    A caption is a row of one cell. A row is a header row inside ``thead`` or when all its
    cells are ``th``. Chrome rows and cells are left out; a ``br`` in a cell reads as "; ".
    """
    chrome = judge.chrome
    rows: list[TableRow] = []
    for child in table:
        name = child.tag
        if not isinstance(name, str) or child in chrome or name in _SKIPPED_IN_TABLE:
            continue
        if name == "caption":
            if (heading := _phrasing(child, chrome, _HEADER_PHRASING)) is None:
                return None
            rows.append(TableRow((_cell_text(child, judge),), True, heading))
        elif name == "tr":
            if (row := _row(child, judge, False)) is None:
                return None
            rows.append(row)
        elif name in _ROW_GROUPS:
            for tr in child:
                if not isinstance(tr.tag, str) or tr in chrome:
                    continue
                if tr.tag != "tr" or (row := _row(tr, judge, name == "thead")) is None:
                    return None
                rows.append(row)
        else:
            return None
    return rows


def _row(tr: Element, judge: ChromeJudge, in_head: bool) -> TableRow | None:
    chrome = judge.chrome
    texts: list[str] = []
    headers = 0
    heading = 0
    for cell in tr:
        name = cell.tag
        if not isinstance(name, str) or cell in chrome:
            continue
        if name not in _CELLS:
            return None
        header = name == "th"
        if (level := _phrasing(cell, chrome, _HEADER_PHRASING if header else _PHRASING)) is None:
            return None
        headers += header
        heading = heading or level
        texts.append(_cell_text(cell, judge))
    return TableRow(tuple(texts), in_head or (headers == len(texts) and headers >= 2), heading)


def _phrasing(cell: Element, chrome: set[Element], allowed: frozenset[str]) -> int | None:
    """None unless ``cell`` holds phrasing content only, with at most one block (a ``p``, a
    ``div`` or a heading); else the level of that heading, 0 for none."""
    block: str | None = None
    stack = [cell]
    while stack:
        for child in stack.pop():
            name = child.tag
            if not isinstance(name, str) or child in chrome:
                continue
            if name not in allowed:
                return None
            if name not in INLINE:
                if block is not None:
                    return None
                block = name
            if len(child):
                stack.append(child)
    return 0 if block is None else _CELL_HEADINGS.get(block, 0)


def _cell_text(cell: Element, judge: ChromeJudge) -> str:
    text = inline_text(cell, judge, False, _BREAK)
    if _BREAK not in text:
        return text
    return "; ".join(part for part in map(str.strip, text.split(_BREAK)) if part)


_MAX_LABEL: Final = 80
_MAX_LABEL_WORDS: Final = 12


def table_blocks(rows: list[TableRow]) -> Iterator[Field | Paragraph | TableHeading | str]:
    """The blocks of a data table's rows; a ``str`` is a line for the walk to read as any other.

    A row of two cells is ``Field(label, value)`` ("2023 Median Pay" / "$61,590 per year"); a
    row under a header row of three or more columns reads "Header: value; Header: value" (the
    header row itself says nothing more); other rows join their cells with " · ", as the
    Markdown parser reads table rows. A row with one filled cell (a caption, a group title) is
    a line, as every cell was before, or a heading if the cell holds one.
    """
    header = _column_header(rows)
    for row in rows:
        cells = row.cells
        filled = [cell for cell in cells if cell]
        if not filled or row is header:
            continue
        if len(filled) == 1:
            yield TableHeading(filled[0], row.heading) if row.heading else filled[0]
        elif len(cells) == 2:
            label = cells[0].rstrip(":").rstrip()
            if label and len(label) <= _MAX_LABEL and len(label.split()) <= _MAX_LABEL_WORDS and label[-1] != ".":
                yield Field(label, cells[1])
            else:  # a sentence, not a label: the cells stay lines of their own
                yield from cells
        elif header is not None and len(cells) == len(header.cells):
            pairs = zip(header.cells, cells, strict=True)
            yield Paragraph("; ".join(f"{name}: {value}" if name else value for name, value in pairs if value))
        else:
            yield Paragraph(" · ".join(filled))


def _column_header(rows: list[TableRow]) -> TableRow | None:
    """The first header row of three or more cells with a later row as wide, if any."""
    for index, row in enumerate(rows):
        if row.header and len(row.cells) >= 3:
            width = len(row.cells)
            if any(not later.header and len(later.cells) == width for later in rows[index + 1 :]):
                return row
    return None
