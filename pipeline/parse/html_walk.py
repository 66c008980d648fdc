"""The walk over an HTML page's content: elements -> lines -> outline blocks and sections.

Block elements end a line, ``br`` ends a line, and every line becomes a ``Paragraph``, a
``Field`` (``Label: value``) or a list item, exactly as the text parser treats lines. The walk
is iterative (pages nest deeper than Python recurses) and skips chrome as it meets it.

It reads lxml's elements the way it read BeautifulSoup's before (see ``html_inline`` for what
counts as text).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from pipeline.outline import Block, Field, Items, Outline, Paragraph, Section, as_field
from pipeline.parse.html_chrome import HEADING_LEVELS, ChromeJudge
from pipeline.parse.html_inline import (
    BULLET,
    BULLET_START,
    INLINE,
    NO_SPLIT,
    TableHeading,
    bold_heading,
    clean,
    emoji_alt,
    inline_only,
    inline_text,
    spans_only,
    table_blocks,
    table_rows,
)
from pipeline.parse.html_tree import STRING_CONTAINERS, Document, Element, Node, in_string_container

__all__ = ["Walker"]

# Flags of an open element on the walk stack; _RUBY marks rt/rp, whose strings are not text.
_BLOCK, _LIST, _CAPTURE, _SPLIT, _PRE, _RUBY = 1, 2, 4, 8, 16, 32
_SKIP: Final = -1
_RUBY_TAGS: Final = frozenset({"rt", "rp"})

# What the walk does on entering an element, by tag name (a name not listed is a block, or a
# <div class="title"> heading, a bold-line heading ...: see ``_enter_other``). Heading tags map
# to their level, 1-6.
_BR, _IMG, _LIST_TAG, _LI, _DT_DD, _INLINE, _SPAN, _TABLE = 10, 11, 12, 13, 14, 15, 16, 17
_KINDS: Final[dict[str, int]] = {
    **HEADING_LEVELS,
    **dict.fromkeys(INLINE, _INLINE),
    "br": _BR,
    "img": _IMG,
    "span": _SPAN,
    "ul": _LIST_TAG,
    "ol": _LIST_TAG,
    "li": _LI,
    "dt": _DT_DD,
    "dd": _DT_DD,
    "table": _TABLE,
}


class Walker:
    """Turns the content subtree into preamble blocks and sections, iteratively."""

    def __init__(self, judge: ChromeJudge, title: str, title_el: Element | None) -> None:
        self._judge = judge
        self._chrome = judge.chrome
        self._profiles = judge.survey.profiles
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
        self._capture_owner: Element | None = None
        self._captured: list[str] = []
        self._list_depth = 0
        self._pre_depth = 0
        # Open rt/rp elements, plus one when the content root itself sits in a string container:
        # strings below are not text. Script, style and template are chrome and never entered,
        # so an element being entered is in a string container exactly when this is non-zero
        # or the element itself is one (``in_string_container`` without walking up the tree).
        self._ruby = 0
        self._kids: list[Element] | None = None
        self._last_level: int | None = None

    def outline(self) -> Outline:
        self._end_capture()
        self._close()
        return Outline(title=self._title, preamble=self._preamble, sections=self._sections)

    def walk(self, root: Node, top: list[Element]) -> None:
        """Walk ``root``; the ``Document`` node stands for the page's top-level nodes ``top``."""
        if isinstance(root, Document):
            children: Iterator[Element] = iter(top)
        else:
            children = iter(root)
            if in_string_container(root):
                self._ruby = 1  # every string below is hidden, as it was for BeautifulSoup
            elif root.text:
                self._text(root.text)
        stack: list[tuple[Node, Iterator[Element], int]] = [(root, children, _BLOCK)]
        buffer = self._buffer
        chrome = self._chrome
        # The hot loop. The common case of _text (no <pre>) is inlined; _exit is called only for
        # elements with flags (it does nothing for the others); the ``for`` keeps iterating the
        # children of the element on top of the stack and breaks out to descend into one.
        while stack:
            tag, children, flags = stack[-1]
            for node in children:
                name = node.tag
                if isinstance(name, str):  # else a comment or processing instruction: only its tail counts
                    if flags & _SPLIT:
                        self._split_boundary()
                    child_flags = _SKIP if node in chrome else self._enter(node, name)
                    if child_flags != _SKIP:
                        if name in _RUBY_TAGS:
                            child_flags |= _RUBY
                            self._ruby += 1
                        if (text := node.text) and not self._ruby:
                            if self._pre_depth:
                                self._text(text)
                            elif buffer or not text.isspace():
                                buffer.append(text)
                        kids = self._kids  # the child list _enter already made, if it made one
                        if len(node) if kids is None else kids:
                            stack.append((node, iter(node) if kids is None else iter(kids), child_flags))
                            break
                        # A leaf: its end now, as popping it off the stack would do.
                        if child_flags == _BLOCK:  # _exit's whole work for a plain block
                            if buffer:
                                self._flush()
                        elif child_flags:
                            self._exit(node, child_flags)
                # The tail of a skipped element, a leaf or a comment: a string of ``tag``.
                if (text := node.tail) and not self._ruby:
                    if self._pre_depth:
                        self._text(text)
                    elif buffer or not text.isspace():
                        buffer.append(text)
            else:  # every child done: close ``tag``
                stack.pop()
                if flags:
                    self._exit(tag, flags)
                # The closed element's tail is a string of its parent (the document has none).
                if stack and not isinstance(tag, Document) and (text := tag.tail) and not self._ruby:
                    if self._pre_depth:
                        self._text(text)
                    elif buffer or not text.isspace():
                        buffer.append(text)

    # -- elements -------------------------------------------------------------------------

    def _enter(self, tag: Element, name: str) -> int:
        """Act on entering a non-chrome element; its flags on the stack, or ``_SKIP``."""
        self._kids = None
        kind = _KINDS.get(name)
        if kind is None:
            return self._enter_other(tag, name)
        if kind <= 6:
            self._heading_tag(tag, kind)
            return _SKIP
        if kind == _INLINE:
            return 0
        if kind == _LI:
            if not len(tag) and not self._pre_depth and not self._ruby:
                # A leaf <li>: what entering, reading its text and leaving it would do, at once.
                if self._buffer or self._capture_kind is not None:
                    self._end_capture()
                text = tag.text
                if text and not text.isspace() and (text := clean(text)):
                    self._add_item(text)
                return _SKIP
            self._start_capture("item", tag)
            return _CAPTURE
        if kind == _SPAN:
            profile = self._profiles.get(tag)
            return self._enter_other(tag, name) if profile is not None and profile.item else 0
        if kind == _BR:
            self._flush()
            return _SKIP
        if kind == _LIST_TAG:
            self._end_capture()
            self._list_depth += 1
            return _LIST
        if kind == _DT_DD:
            self._start_capture(name, tag)
            return _CAPTURE
        if kind == _TABLE:
            return self._table(tag, name)
        # _IMG
        self._buffer.append(emoji_alt(self._judge, tag))
        return _SKIP

    def _enter_other(self, tag: Element, name: str) -> int:
        """A block element, or a heading made of a class or a bold line, or a list-item span."""
        # Strings directly inside ``tag`` are text unless it (or an open ancestor) is rt/rp.
        plain = not self._ruby and name not in _RUBY_TAGS
        if not len(tag) and plain and name != "pre":
            profile = self._profiles.get(tag)
            if profile is None or not (profile.heading or profile.item):
                # A childless block that is no class heading or item: the line before it ends,
                # its text is a line of its own. What the walk would do, at once.
                if self._buffer:
                    self._flush()
                if text := tag.text:
                    self._text(text)
                    if self._buffer:
                        self._flush()
                return _SKIP
        kids = self._kids = list(tag)
        free = self._capture_kind is None and not self._list_depth
        if free and inline_only(kids):
            profile = self._profiles.get(tag)
            if profile is not None:
                if profile.heading:
                    top = profile.top_heading
                    hidden = bool(self._ruby) or name in STRING_CONTAINERS
                    self._heading(inline_text(tag, self._judge, hidden), 2 if top else self._guess_level())
                    if top:
                        self._last_level = 2
                    return _SKIP
                if profile.item and not spans_only(tag, kids, plain):
                    self._start_capture("item", tag)
                    return _CAPTURE
        if free and kids and name in ("p", "div"):  # without children there is no bold child
            bold = bold_heading(tag, kids, self._judge, plain, bool(self._ruby))
            if bold is not None:
                self._heading(bold, self._guess_level())
                return _SKIP
        if self._buffer:
            self._flush()
        flags = _BLOCK
        if name == "pre":
            self._pre_depth += 1
            flags |= _PRE
        elif kids and name not in NO_SPLIT and spans_only(tag, kids, plain):
            flags |= _SPLIT
        return flags

    def _table(self, tag: Element, name: str) -> int:
        """A data table is read row by row here (see ``table_rows``); a layout table is walked."""
        if self._capture_kind is None and not self._list_depth and not self._pre_depth and not self._ruby:
            rows = table_rows(tag, self._judge)
            if rows is not None:
                if self._buffer:
                    self._flush()
                for block in table_blocks(rows):
                    if isinstance(block, TableHeading):
                        self._last_level = block.level
                        self._heading(block.text, block.level)
                    elif isinstance(block, str):
                        self._line(block)
                    else:
                        self._block(block)
                return _SKIP
        return self._enter_other(tag, name)

    def _exit(self, tag: Node, flags: int) -> None:
        if flags & _RUBY:
            self._ruby -= 1
            flags &= ~_RUBY
        if flags & _CAPTURE and self._capture_owner is tag:
            self._end_capture()
        elif flags and self._buffer:
            self._flush()
        if flags & _LIST:
            self._list_depth -= 1
        if flags & _PRE:
            self._pre_depth -= 1

    def _heading_tag(self, tag: Element, level: int) -> None:
        if tag is self._title_el:
            self._end_capture()
            self._close()
            self._started = True
            return
        self._last_level = level
        if len(tag):
            text = inline_text(tag, self._judge, bool(self._ruby))
        else:  # inline_text of a childless heading: its own string, unless hidden
            text = clean(tag.text) if tag.text and not self._ruby else ""
        self._heading(text, level)

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
        if text.isspace() or not (text := clean(text)):
            return
        if self._capture_kind is not None:
            self._captured.append(text)
        else:
            self._line(text)

    def _start_capture(self, kind: str, owner: Element) -> None:
        self._end_capture()
        self._capture_kind, self._capture_owner = kind, owner

    def _end_capture(self) -> None:
        if self._buffer:
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
        if self._list_depth or (text[:1] in BULLET_START and BULLET.match(text)):
            self._add_item(text)
            return
        block = as_field(text) or Paragraph(text)
        if self._items is not None or self._label is not None:  # _block, inlined
            self._close()
        if self._started:
            self._blocks.append(block)

    def _add_item(self, text: str) -> None:
        text = (BULLET.sub("", text, count=1) if text[:1] in BULLET_START else text).strip()
        if not text:
            return
        if self._label is not None:
            self._close_label()
        items = self._items
        if items is None:
            self._items = [text]
        else:
            items.append(text)

    def _block(self, block: Block) -> None:
        if self._items is not None or self._label is not None:
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
        if self._buffer or self._capture_kind is not None:
            self._end_capture()  # flushes the buffer too
        if self._items is not None or self._label is not None:
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
