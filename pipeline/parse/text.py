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
from pipeline.outline import Block, Field, Items, Outline, Paragraph, Section, as_field, normalize_space

BULLET = re.compile(r"^(?:[•●○◦▪▫■□‣⁃∙·►▸➤✓✔✗*+–-]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!,;:…]$")
_FIRST_WORD_CHAR = re.compile(r"[^\W_]")
# Share widgets and subscription upsells that follow the guide on the page.
BOILERPLATE = re.compile(
    r"^(share (this|career guide|the guide|on\b)|.*\bsubscription\b|subscribe\b|sign up\b|"
    r"related jobs\b|similar jobs\b|you may also like\b|newsletter\b|cookie)",
    re.IGNORECASE,
)
_SCALE_WORDS = frozenset({"low", "medium", "moderate", "high", "very high", "very low"})
_WRAP_MIN_CHARS = 40


def strip_bullet(line: str) -> str | None:
    """The item text of a bullet line (repeated bullets like "• • x" allowed), else None."""
    if not BULLET.match(line):
        return None
    while BULLET.match(line):
        line = BULLET.sub("", line, count=1)
    return line.strip() or None


def is_heading(line: str) -> bool:
    """A standalone line reads as a heading: short, not a sentence, not a figure."""
    words = line.split()
    is_question = line.endswith("?")
    if not words or len(line) > (300 if is_question else 120) or len(words) > (40 if is_question else 14):
        return False
    if _SENTENCE_END.search(line) or BULLET.match(line) or as_field(line) is not None:
        return False
    first = _FIRST_WORD_CHAR.search(line)
    if first is None or not first.group().isupper():
        return False
    return line.lower() not in _SCALE_WORDS


def _blocks(text: str, max_line_chars: int) -> Iterator[list[str]]:
    block: list[str] = []
    hang: int | None = None  # indentation of the last bullet line in this block
    for number, raw_line in enumerate(text.split("\n"), start=1):
        if len(raw_line) > max_line_chars:
            raise ParseError(
                f"line {number} is {len(raw_line):,} characters long (limit {max_line_chars:,}); "
                "this does not look like a career guide"
            )
        line = normalize_space(raw_line)
        if line:
            if BULLET.match(line):
                hang = _indent(raw_line)
            elif hang is not None and _indent(raw_line) > hang:
                # A hard-wrapped bullet: the continuation is indented under the item's text.
                block[-1] = f"{block[-1]} {line}"
                continue
            else:
                hang = None
            block.append(line)
        elif block:
            yield block
            block = []
            hang = None
    if block:
        yield block


def _indent(raw_line: str) -> int:
    expanded = raw_line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def _is_wrapped_prose(lines: list[str]) -> bool:
    return len(lines) > 1 and all(len(line) >= _WRAP_MIN_CHARS for line in lines[:-1])


def block_contents(lines: list[str]) -> list[Block]:
    """Turn the lines of one blank-line-separated block into outline blocks."""
    out: list[Block] = []
    items: list[str] = []
    prose: list[str] = []

    def flush_prose() -> None:
        if _is_wrapped_prose(prose):
            out.append(Paragraph(" ".join(prose)))
        else:
            out.extend(Paragraph(line) for line in prose)
        prose.clear()

    previous = ""
    for line in lines:
        item = strip_bullet(line)
        if item is not None:
            flush_prose()
            items.append(item)
            previous = line
            continue
        if items:
            out.append(Items(tuple(items)))
            items = []
        field = as_field(line)
        last = out[-1] if out and not prose else None
        if field is not None:
            flush_prose()
            out.append(field)
        elif isinstance(last, Field) and len(previous) >= _WRAP_MIN_CHARS:
            # A long "Label: value" line wrapped like prose: the value goes on.
            out[-1] = Field(last.label, f"{last.value} {line}")
        else:
            prose.append(line)
        previous = line
    flush_prose()
    if items:
        out.append(Items(tuple(items)))
    return out


def parse_text(text: str, *, max_line_chars: int = 200_000) -> Outline:
    """Parse a decoded plain-text guide into an Outline; raise ParseError if it has no title."""
    blocks = _blocks(text, max_line_chars)
    first = next(blocks, None)
    if first is None:
        raise ParseError("empty document: no text to parse")
    outline = Outline(title=first[0])
    rest = first[1:]
    current: list[Block] = outline.preamble
    if rest:
        current.extend(block_contents(rest))
    for lines in blocks:
        # A heading stands alone, or sits directly on top of its bullet list ("Tech Stack\n• SQL").
        if is_heading(lines[0]) and all(BULLET.match(line) for line in lines[1:]):
            if outline.sections and BOILERPLATE.match(lines[0]):
                break  # the site's share/subscription footer: not part of the guide
            section = Section(heading=lines[0])
            outline.sections.append(section)
            current = section.blocks
            if len(lines) > 1:
                current.extend(block_contents(lines[1:]))
            continue
        current.extend(block_contents(lines))
    return outline
