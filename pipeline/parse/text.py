"""Line-based parser for plain-text dumps of career-guide pages.

A text dump has no markup, so structure is read from layout: blocks are
separated by blank lines; a block of one short line that is not a sentence, a
bullet, a ``Label: value`` line or a bare figure is a heading; bullet lines
become items; everything else is prose. Levels are unknown (``None``): the
extractor nests headings from their vocabulary and shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.errors import ParseError
from pipeline.outline import (
    ODD_SPACE,
    ODD_SPACES,
    Block,
    Field,
    Items,
    Outline,
    Paragraph,
    Section,
    as_field,
    normalize_space,
)

BULLET = re.compile(r"^(?:[•●○◦▪▫■□‣⁃∙·►▸➤✓✔✗*+–-]|\d{1,2}[.)])\s+")
_BULLET_CHARS = frozenset("•●○◦▪▫■□‣⁃∙·►▸➤✓✔✗*+–-")
_ASCII_BULLET_START = frozenset("*+-0123456789")  # other bullets (and digits) are not ASCII
_SENTENCE_END = frozenset(".!,;:…")
_FIRST_WORD_CHAR = re.compile(r"[^\W_]")
# Share widgets and subscription upsells that follow the guide on the page.
BOILERPLATE = re.compile(
    r"^(share (this|career guide|the guide|on\b)|.*\bsubscription\b|subscribe\b|sign up\b|"
    r"related jobs\b|similar jobs\b|you may also like\b|newsletter\b|cookie)",
    re.IGNORECASE,
)
_SCALE_WORDS = frozenset({"low", "medium", "moderate", "high", "very high", "very low"})
_WRAP_MIN_CHARS = 40


def _bullet_end(line: str) -> int:
    """Where ``BULLET.match(line)`` ends, or 0 when it does not match; the pattern only when needed."""
    first = line[:1]
    if first in _BULLET_CHARS:
        # The pattern's one-character alternative: the bullet, then whitespace (\s is isspace()).
        return len(line) - len(line[1:].lstrip()) if line[1:2].isspace() else 0
    if first.isascii() and not "0" <= first <= "9":
        return 0  # most lines start with a letter; other bullets and digits start outside ASCII
    match = BULLET.match(line)
    return 0 if match is None else match.end()


def _is_bullet(line: str) -> bool:
    return _bullet_end(line) > 0


def _ends_sentence(line: str) -> bool:
    """``re.search(r"[.!,;:…]$", line)`` without scanning the line: ``$`` also matches before a final newline."""
    return line[-1:] in _SENTENCE_END or (line[-1:] == "\n" and line[-2:-1] in _SENTENCE_END)


def strip_bullet(line: str) -> str | None:
    """The item text of a bullet line (repeated bullets like "• • x" allowed), else None."""
    return _strip_bullets(line) if _is_bullet(line) else None


def _strip_bullets(line: str) -> str | None:
    while end := _bullet_end(line):
        line = line[end:]  # the pattern is anchored: the same as sub(count=1)
    return line.strip() or None


def is_heading(line: str) -> bool:
    """A standalone line reads as a heading: short, not a sentence, not a figure."""
    return _heading_like(line, _is_bullet(line))


def _heading_like(line: str, bullet: bool) -> bool:
    is_question = line.endswith("?")
    if bullet or not line or len(line) > (300 if is_question else 120):
        return False
    words = line.split()
    if not words or len(words) > (40 if is_question else 14):
        return False
    if _ends_sentence(line) or as_field(line) is not None:
        return False
    # The first letter or digit must be upper case; usually it is the first character
    # (isalnum() is exactly what [^\W_] matches), so the pattern is rarely needed.
    first = line[0]
    if not first.isalnum():
        match = _FIRST_WORD_CHAR.search(line)
        if match is None:
            return False
        first = match.group()
    return first.isupper() and line.lower() not in _SCALE_WORDS


# Per line of a block: None for a line that is not a bullet, else the bullet's item text
# ("" when nothing is left after the bullet). Worked out once, while the lines are read.
_Marks = list[str | None]


def _blocks(text: str, max_line_chars: int) -> Iterator[tuple[list[str], _Marks]]:
    """Blank-line-separated blocks: their normalised lines and their bullet marks.

    The parser's hot loop: cheap tests decide most lines (no double space, no odd space, a
    first letter that starts no bullet) before ``normalize_space`` or ``BULLET`` are called,
    and each line's bullet is worked out once, here.
    """
    block: list[str] = []
    marks: _Marks = []
    hang: int | None = None  # indentation of the last bullet line in this block
    # No line is longer than the whole text: most documents need no per-line check.
    check_length = len(text) > max_line_chars
    for number, raw_line in enumerate(text.split("\n"), start=1):
        if check_length and len(raw_line) > max_line_chars:
            raise ParseError(
                f"line {number} is {len(raw_line):,} characters long (limit {max_line_chars:,}); "
                "this does not look like a career guide"
            )
        line = raw_line.strip()
        if not line:
            if block:
                yield block, marks
                block = []
                marks = []
                hang = None
            continue
        # The other spaces are non-ASCII; "• item" lines are ASCII after their bullet.
        if (
            "  " in line
            or "\t" in line
            or (not line.isascii() and (line[0] in ODD_SPACES or (not line[1:].isascii() and ODD_SPACE.search(line))))
        ):
            line = normalize_space(line)
            if not line:
                if block:
                    yield block, marks
                    block = []
                    marks = []
                    hang = None
                continue
        # Most lines start with a letter: no bullet, and no call to find that out.
        first = line[0]
        end = 0 if first.isascii() and first not in _ASCII_BULLET_START else _bullet_end(line)
        if end:
            hang = _indent(raw_line)
            item = line[end:]  # starts after the bullet's whitespace, ends stripped: never empty
            first = item[0]
            if first.isascii() and first not in _ASCII_BULLET_START:
                marks.append(item)  # no second bullet ("• • x") to strip
            else:
                marks.append(_strip_bullets(item) or "")
        elif hang is not None and _indent(raw_line) > hang:
            # A hard-wrapped bullet: the continuation is indented under the item's text.
            block[-1] = joined = f"{block[-1]} {line}"
            marks[-1] = _strip_bullets(joined) or ""
            continue
        else:
            hang = None
            marks.append(None)
        block.append(line)
    if block:
        yield block, marks


def _indent(raw_line: str) -> int:
    if not raw_line[:1].isspace():
        return 0  # nothing for lstrip() to remove
    if "\t" in raw_line:
        raw_line = raw_line.expandtabs(4)
    return len(raw_line) - len(raw_line.lstrip())


def _is_wrapped_prose(lines: list[str]) -> bool:
    return len(lines) > 1 and all(len(line) >= _WRAP_MIN_CHARS for line in lines[:-1])


def block_contents(lines: list[str]) -> list[Block]:
    """Turn the lines of one blank-line-separated block into outline blocks."""
    return _contents(lines, [(_strip_bullets(line) or "") if _is_bullet(line) else None for line in lines])


def _contents(lines: list[str], marks: _Marks) -> list[Block]:
    out: list[Block] = []
    items: list[str] = []
    prose: list[str] = []
    previous = ""
    for line, item in zip(lines, marks, strict=True):
        if item:  # a bullet with text; "- " alone reads as prose, as it always did
            if prose:
                _flush_prose(prose, out)
            items.append(item)
            previous = line
            continue
        if items:
            out.append(Items(tuple(items)))
            items = []
        field = as_field(line)
        last = out[-1] if out and not prose else None
        if field is not None:
            if prose:
                _flush_prose(prose, out)
            out.append(field)
        elif isinstance(last, Field) and len(previous) >= _WRAP_MIN_CHARS:
            # A long "Label: value" line wrapped like prose: the value goes on.
            out[-1] = Field(last.label, f"{last.value} {line}")
        else:
            prose.append(line)
        previous = line
    if prose:
        _flush_prose(prose, out)
    if items:
        out.append(Items(tuple(items)))
    return out


def _flush_prose(prose: list[str], out: list[Block]) -> None:
    if _is_wrapped_prose(prose):
        out.append(Paragraph(" ".join(prose)))
    else:
        out.extend(Paragraph(line) for line in prose)
    prose.clear()


def parse_text(text: str, *, max_line_chars: int = 200_000) -> Outline:
    """Parse a decoded plain-text guide into an Outline; raise ParseError if it has no title."""
    blocks = _blocks(text, max_line_chars)
    first = next(blocks, None)
    if first is None:
        raise ParseError("empty document: no text to parse")
    lines, marks = first
    outline = Outline(title=lines[0])
    current: list[Block] = outline.preamble
    if len(lines) > 1:
        current.extend(_contents(lines[1:], marks[1:]))
    for lines, marks in blocks:
        # A heading stands alone, or sits directly on top of its bullet list ("Tech Stack\n• SQL").
        line = lines[0]
        single = len(lines) == 1
        if (single or None not in marks[1:]) and _heading_like(line, marks[0] is not None):
            if outline.sections and BOILERPLATE.match(line):
                break  # the site's share/subscription footer: not part of the guide
            section = Section(heading=line)
            outline.sections.append(section)
            current = section.blocks
            if not single:
                current.extend(_contents(lines[1:], marks[1:]))
        elif single:  # most blocks are one line: what _contents makes of it, without the lists
            item = marks[0]
            current.append(Items((item,)) if item else (":" in line and as_field(line)) or Paragraph(line))
        else:
            current.extend(_contents(lines, marks))
    return outline
