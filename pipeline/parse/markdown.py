"""Markdown career guides -> the same Outline as a plain-text guide.

``parse_text`` comes here only for a document that plainly is Markdown (its title is an ATX
``#`` heading or is underlined with ``===`` / ``---``, or two of its headings are ATX
headings), so plain-text guides never do and parse as before. ``parse_document`` then reports
the guide's format as "markdown", and the warehouse records it so.

Headings are the marked ones, with their level: ``#``..``######`` and setext underlines; a
line that is all bold (``**Pros**``) over a list, or alone, is a heading of unknown level.
When no section heading is marked (only the title), headings are found as in plain text,
except that an all-italic line (a byline such as ``_Last updated March 2025_``) never is one;
such a byline above the first section is dropped. ``-``/``*``/``+`` and ``1.`` items are
bullets; emphasis, code, strikethrough, link and HTML tag markers are removed from the text
(``[text](url)`` -> text); images, HTML comments, thematic breaks, front matter and link
reference definitions are dropped; ``> `` quote markers are removed. ``**Median pay:**
$72,000`` is the field ``Median pay: $72,000``; a row of a two-column table (``| Entry |
$55,000 |``) reads as ``Entry: $55,000``, wider rows as their cells joined by `` · ``. Text
after the last thematic break that only holds a site footer (a copyright, a newsletter or
share link) is dropped.
"""

from __future__ import annotations

import html
import re
from itertools import chain
from typing import NamedTuple, TypeAlias

from pipeline.errors import ParseError
from pipeline.outline import Block, Field, Items, Outline, Paragraph, Section, as_field, normalize_space
from pipeline.parse.footer import is_footer
from pipeline.parse.text import _bullet_end, _first_long_line, _heading_like, _indent, _strip_bullets

_ATX = re.compile(r"(#{1,6})(?:[ \t]+(.*?)(?:[ \t]+#+)?)?[ \t]*$")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_SETEXT = re.compile(r"={2,}|-{2,}")
_THEMATIC_BREAK = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"(?:>[ \t]?)+")
_REFERENCE = re.compile(r"\[[^\]]{1,200}\]:[ \t]*<?\S+>?(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$")
_TABLE_RULE = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_CHECKBOX = re.compile(r"\[[ xX]\][ \t]+")
_BOLD_LABEL = re.compile(r"(\*\*|__)([^*_]{1,60}?)(?::\1|\1:)[ \t]+(\S.*)$")
_FRONT_MATTER_END = frozenset({"---", "..."})
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)

# Inline markup. Spans are bounded ({1,1000}) so that a long line of unmatched markers costs
# linear time, not quadratic.
_INLINE = re.compile(r"[*_`\[<~\\&]")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CODE = re.compile(r"(`+)(.{1,1000}?)(?<!`)\1(?!`)")
_IMAGE = re.compile(r"!\[[^\]\n]{0,1000}\](?:\((?:[^()]|\([^()]{0,1000}\)){0,2000}\)|\[[^\]]{0,200}\])")
_LINK = re.compile(r"\[([^\]\n]{0,1000})\](?:\((?:[^()]|\([^()]{0,1000}\)){0,2000}\)|\[[^\]]{0,200}\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]{1,2000}|[^<>@\s]{1,200}@[^<>@\s]{1,200})>")
_LINE_BREAK_TAG = re.compile(r"<br[ \t]*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,40}(?:[ \t/][^<>]{0,500})?>")
_STRONG_STARS = re.compile(r"\*\*(?=[^\s*])(.{1,1000}?)(?<=[^\s*])\*\*")
_STRONG_UNDERSCORES = re.compile(r"(?<![^\W_])__(?=[^\s_])(.{1,1000}?)(?<=[^\s_])__(?![^\W_])")
_EM_STAR = re.compile(r"(?<!\*)\*(?=[^\s*])(.{1,1000}?)(?<=[^\s*])\*(?!\*)")
_EM_UNDERSCORE = re.compile(r"(?<![^\W_])_(?=[^\s_])(.{1,1000}?)(?<=[^\s_])_(?![^\W_])")
_STRIKE = re.compile(r"~~(?=\S)(.{1,1000}?)(?<=\S)~~")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Escaped punctuation and code spans are set aside as private-use characters while the
# other markers are removed, then put back.
_ESCAPED = 0xE000
# Where a code span was set aside (a private-use character): its text is kept from the other rules.
_CODE_MARK = chr(0xE100)
_UNESCAPE = {_ESCAPED + code: chr(code) for code in range(33, 127)}

_FOOTER = re.compile(
    r"©|\(c\)\s*\d{4}|\ball rights reserved\b|\bsubscribe\b|\bnewsletter\b|\bshare (?:this|on)\b|"
    r"\bcookies?\b|\bfound this (?:useful|helpful)\b",
    re.IGNORECASE,
)
_FOOTER_WORDS = 80
# An all-italic line before the first section that dates or signs the page: not the summary.
_BYLINE = re.compile(
    r"^(?:last )?(?:updated|published|reviewed|written|posted|edited)\b|\bmin(?:ute)?s? read\b|^by [A-Z]",
    re.IGNORECASE,
)
_WRAP_MIN_CHARS = 40

# A line's emphasis as a whole: all bold (a heading candidate), all italic (a byline, a
# caption: never a heading), or code (taken as it is).
_PLAIN, _BOLD, _ITALIC, _CODE_LINE = 0, 1, 2, 3


class _Line(NamedTuple):
    text: str  # the line without markup
    item: str | None = None  # a bullet's item text
    field: Field | None = None  # a bold label's field
    style: int = _PLAIN


class _Heading(NamedTuple):
    text: str
    level: int | None


# What the line scan yields: a marked heading, a blank-line-separated block, or a thematic break (None).
_Event: TypeAlias = _Heading | list[_Line] | None


def clean_inline(text: str) -> str:
    """``text`` without inline Markdown: emphasis, code, strikethrough and tag markers removed,
    links as their text, images dropped, HTML entities and backslash escapes read."""
    if _INLINE.search(text) is None:
        return text
    if "\\" in text:
        if text.endswith("\\"):
            text = text[:-1]  # a hard line break
        text = _ESCAPE.sub(lambda m: chr(_ESCAPED + ord(m.group(1))), text)
    codes: list[str] = []
    if "`" in text and _CODE_MARK not in text:

        def set_aside(match: re.Match[str]) -> str:
            codes.append(match.group(2).strip())
            return _CODE_MARK

        text = _CODE.sub(set_aside, text)
    if "[" in text:
        if "!" in text:
            text = _IMAGE.sub("", text)
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _TAG.sub("", _LINE_BREAK_TAG.sub(" ", text))
    if "*" in text:
        text = _EM_STAR.sub(r"\1", _STRONG_STARS.sub(r"\1", text))
    if "_" in text:
        text = _EM_UNDERSCORE.sub(r"\1", _STRONG_UNDERSCORES.sub(r"\1", text))
    if "~" in text:
        text = _STRIKE.sub(r"\1", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    if codes:  # one pass, however many spans: each mark takes back its span, in order
        parts = text.split(_CODE_MARK)
        text = "".join(chain.from_iterable(zip(parts, [*codes, ""], strict=True)))
    return normalize_space(text.translate(_UNESCAPE))


def _prose_line(line: str) -> _Line | None:
    """A line that is no heading, bullet, rule or table row; None when no text is left."""
    first = line[0]
    if first in "*_" and len(line) > 2:
        marker = line[:2]
        if marker in ("**", "__"):
            label = _BOLD_LABEL.match(line)
            if label is not None and len(label.group(2).split()) <= 8:
                name, value = clean_inline(label.group(2)), clean_inline(label.group(3))
                if name and value:
                    return _Line(f"{name}: {value}", field=Field(name, value))
            if line.endswith(marker) and len(line) > 4 and marker not in line[2:-2]:
                text = clean_inline(line)
                return _Line(text, style=_BOLD) if text else None
        elif line.endswith(first) and line[1] != first and first not in line[1:-1]:
            text = clean_inline(line)
            return _Line(text, style=_ITALIC) if text else None
    text = clean_inline(line)
    return _Line(text) if text else None


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [clean_inline(cell.strip().replace("\\|", "|")) for cell in _CELL_SPLIT.split(line)]


def _table_row(line: str, columns: int) -> _Line | None:
    cells = _cells(line)
    if columns == 2 and len(cells) >= 2 and cells[0] and cells[1]:
        text = f"{cells[0]}: {cells[1]}"
        return _Line(text, field=as_field(text))
    text = " · ".join(cell for cell in cells if cell)
    return _Line(text) if text else None


def _underlines(line: _Line, char: str) -> bool:
    """A "===" underline always makes a heading; "---" only under a short line that is no sentence."""
    if line.item is not None or line.style == _CODE_LINE:
        return False
    return char == "=" or (len(line.text) <= 120 and line.text[-1] not in ".!,;:…")


def _front_matter_end(lines: list[str]) -> int:
    """Lines of a YAML front matter block ("---" ... "---") to skip, 0 when there is none."""
    if not lines or lines[0].strip() != "---":
        return 0
    for index in range(1, min(len(lines), 100)):
        if lines[index].strip() in _FRONT_MATTER_END:
            return index + 1 if index > 1 else 0
        if ":" not in lines[index] and lines[index].strip() and not lines[index][:1].isspace():
            return 0  # not "key: value" lines: a thematic break, not front matter
    return 0


def _events(text: str) -> list[_Event]:
    """The document as marked headings, blocks of lines and thematic breaks, in order."""
    events: list[_Event] = []
    block: list[_Line] = []
    bullet_indent: int | None = None  # the indentation of the last bullet line in the block
    fence: str | None = None  # the open code fence
    columns: int | None = None  # the open table's column count
    previous = ""  # the last line read, as read (a table's header row)

    def flush() -> None:
        nonlocal block, bullet_indent, columns
        if block:
            events.append(block)
            block = []
        bullet_indent = columns = None

    lines = text.split("\n")
    for raw in lines[_front_matter_end(lines) :]:
        if fence is not None:
            stripped = raw.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            elif stripped:
                block.append(_Line(normalize_space(stripped), style=_CODE_LINE))
            continue
        line = raw.strip()
        if line[:1] == ">":
            raw = _QUOTE.sub("", raw.lstrip(), count=1)
            line = raw.strip()
        if not line:
            flush()
            continue
        line = normalize_space(line)
        if not line:
            continue  # only zero-width spaces
        read, previous = previous, line
        first = line[0]
        if first == "#" and (atx := _ATX.match(line)) is not None:
            flush()
            heading = clean_inline(atx.group(2) or "")
            if heading:
                events.append(_Heading(heading, len(atx.group(1))))
            continue
        if first in "`~" and (opening := _FENCE.match(line)) is not None:
            flush()
            fence = opening.group(1)
            continue
        if first in "=-*_":
            if _SETEXT.fullmatch(line) and block and columns is None and _underlines(block[-1], first):
                heading = block.pop().text
                flush()
                events.append(_Heading(heading, 1 if first == "=" else 2))
                continue
            if _THEMATIC_BREAK.match(line):
                flush()
                events.append(None)
                continue
        if first == "[" and _REFERENCE.match(line):
            continue
        if columns is not None:
            if "|" in line:
                if (row := _table_row(line, columns)) is not None:
                    block.append(row)
                continue
            columns = None
        elif "|" in line and "|" in read and block and block[-1].item is None and _TABLE_RULE.match(line):
            header = _cells(read)
            block.pop()
            columns = len(header)
            if columns != 2 and any(header):
                block.append(_Line(" · ".join(cell for cell in header if cell)))
            continue
        end = _bullet_end(line)
        if end:
            bullet_indent = _indent(raw)
            item = _strip_bullets(line[end:])
            if item is not None and item[:1] == "[" and (box := _CHECKBOX.match(item)) is not None:
                item = item[box.end() :]
            item = clean_inline(item) if item else None
            if item:
                block.append(_Line(item, item=item))
            continue
        if bullet_indent is not None and block and block[-1].item is not None and _indent(raw) > bullet_indent:
            more = clean_inline(line)  # a wrapped item: its next line, indented under the item's text
            if more:
                last = block[-1]
                block[-1] = _Line(f"{last.text} {more}", item=f"{last.item} {more}")
            continue
        bullet_indent = None
        if (prose := _prose_line(line)) is not None:
            block.append(prose)
    flush()
    return events


def _split(block: list[_Line]) -> list[_Event]:
    """A block with its all-bold heading lines ("**Pros**" over its list) made headings."""
    if not any(line.style == _BOLD for line in block):
        return [block]
    out: list[_Event] = []
    start = 0
    for index, line in enumerate(block):
        if line.style != _BOLD:
            continue
        text = line.text
        colon = text.endswith(":")
        if colon:
            text = text[:-1].rstrip()
        following: list[_Line] = []
        for after in block[index + 1 :]:
            if after.style == _BOLD:
                break
            following.append(after)
        fits = all(after.item is not None for after in following) if following else not colon
        if fits and text and _heading_like(text):
            if index > start:
                out.append(block[start:index])
            out.append(_Heading(text, None))
            start = index + 1
    if start < len(block):
        out.append(block[start:])
    return out


def _plain_heading(block: list[_Line]) -> bool:
    """The block's first line is a heading by the plain-text rules (no section heading is marked)."""
    line = block[0]
    return (
        line.item is None
        and line.field is None
        and line.style in (_PLAIN, _BOLD)
        and all(after.item is not None for after in block[1:])
        and _heading_like(line.text)
    )


def _contents(block: list[_Line]) -> list[Block]:
    """A block's lines as outline blocks: runs of items, fields, and prose."""
    out: list[Block] = []
    items: list[str] = []
    prose: list[str] = []
    previous = 0
    for line in block:
        if line.item is not None:
            if prose:
                _flush_prose(prose, out)
            items.append(line.item)
            previous = len(line.text)
            continue
        if items:
            out.append(Items(tuple(items)))
            items = []
        text = line.text
        field = line.field
        if field is None and line.style != _CODE_LINE and ":" in text:
            field = as_field(text)
        last = out[-1] if out and not prose else None
        if field is not None:
            if prose:
                _flush_prose(prose, out)
            out.append(field)
        elif isinstance(last, Field) and previous >= _WRAP_MIN_CHARS:
            out[-1] = Field(last.label, f"{last.value} {text}")  # a long field line wrapped like prose
        else:
            prose.append(text)
        previous = len(text)
    if prose:
        _flush_prose(prose, out)
    if items:
        out.append(Items(tuple(items)))
    return out


def _flush_prose(prose: list[str], out: list[Block]) -> None:
    if len(prose) > 1 and min(map(len, prose[:-1])) >= _WRAP_MIN_CHARS:
        out.append(Paragraph(" ".join(prose)))
    else:
        out.extend(Paragraph(text) for text in prose)
    prose.clear()


def _without_byline(block: list[_Line]) -> list[_Line]:
    """The block without its all-italic byline lines ("_Last updated March 2025 · 8 min read_")."""
    return [line for line in block if line.style != _ITALIC or _BYLINE.search(line.text) is None]


def _is_site_footer(blocks: list[Block]) -> bool:
    texts: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Items):
            texts.extend(block.items)
        else:
            texts.append(f"{block.label}: {block.value}")
    joined = " ".join(texts)
    return len(joined.split()) <= _FOOTER_WORDS and _FOOTER.search(joined) is not None


def parse_markdown(text: str, *, max_line_chars: int = 200_000) -> Outline:
    """Parse a decoded Markdown guide into an Outline; raise ParseError if it has no title."""
    if len(text) > max_line_chars and (too_long := _first_long_line(text.split("\n"), max_line_chars)) is not None:
        raise ParseError(
            f"line {too_long + 1} is {len(text.split(chr(10))[too_long]):,} characters long "
            f"(limit {max_line_chars:,}); this does not look like a career guide"
        )
    if "<!--" in text:
        text = _COMMENT.sub("", text)
    events = [split for event in _events(text) for split in (_split(event) if isinstance(event, list) else [event])]
    start = next((index for index, event in enumerate(events) if event is not None), None)
    if start is None:
        raise ParseError("empty document: no text to parse")
    head = events[start]
    if isinstance(head, _Heading):
        outline = Outline(title=head.text)
    else:
        assert head is not None
        outline = Outline(title=head[0].text, preamble=_contents(_without_byline(head[1:])))
    marked = any(isinstance(event, _Heading) for event in events[start + 1 :])
    current = outline.preamble
    trailer: int | None = None  # where the text after the last thematic break starts
    for event in events[start + 1 :]:
        if event is None:
            trailer = len(current)
            continue
        if isinstance(event, _Heading):
            heading = event
        elif not marked and _plain_heading(event):
            heading = _Heading(event[0].text, None)
        else:
            current.extend(_contents(event if outline.sections else _without_byline(event)))
            continue
        if outline.sections and is_footer(heading.text):
            break  # the site's share/subscription footer: not part of the guide
        section = Section(heading.text, heading.level, [])
        outline.sections.append(section)
        current = section.blocks
        trailer = None
        if isinstance(event, list) and len(event) > 1:
            current.extend(_contents(event[1:]))
    if trailer is not None and trailer < len(current) and _is_site_footer(current[trailer:]):
        del current[trailer:]
    return outline
