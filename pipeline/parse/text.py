"""Line-based parser for plain-text dumps of career-guide pages (Markdown: ``markdown.py``).

A text dump has no markup, so structure is read from layout: blocks are
separated by blank lines; a block of one short line that is not a sentence, a
bullet, a ``Label: value`` line or a bare figure is a heading ("Step 1: Learn
SQL" alone is a heading too, as "Step 1 - Learn SQL" is); bullet lines become
items; everything else is prose. Levels are unknown (``None``): the
extractor nests headings from their vocabulary and shape. The site's
share/subscription footer ends the guide; a widget such as "Related Jobs"
ends it only when no guide section follows.
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
from pipeline.parse.footer import FOOTER, footer_kind, guide_goes_on
from pipeline.sections import classify
from pipeline.values import CURRENCY_CODES

BULLET = re.compile(r"^(?:[•●○◦▪▫■□‣⁃∙·►▸➤✓✔✗*+–-]|\d{1,2}[.)])\s+")
_BULLET_CHARS = frozenset("•●○◦▪▫■□‣⁃∙·►▸➤✓✔✗*+–-")
# BULLET starts with one of _BULLET_CHARS or a digit; the other ASCII characters (letters,
# mostly) start no bullet, so one set lookup settles most lines.
_NO_BULLET_START = frozenset(map(chr, range(128))) - frozenset("*+-0123456789")
_SENTENCE_END = frozenset(".!,;:…")
_FIRST_WORD_CHAR = re.compile(r"[^\W_]")
# A figure written with a currency's letters first ("CA$64,000", "USD 64,000", "Rs. 9,50,000", a range
# of them) starts with a capital as a heading does; one with a symbol or a digit first never reads
# as a heading. Only lines whose second character can go on such a currency are matched.
_CODE = "|".join(sorted(CURRENCY_CODES))
_SYMBOL = "[$€£₹¥]"
_FIGURE = (
    rf"\d[\d,.'’\u00a0\u202f ]*(?: ?[kKmM]\b)?\+?(?: ?(?:{_CODE}|{_SYMBOL}))?"
    r"(?: ?(?:/|per |an? ) ?[A-Za-z]+)?"
)
_MONEY_LINE = re.compile(
    rf"(?:[A-Z]{{1,2}}{_SYMBOL}|(?:{_CODE}|Rs\.?) ?{_SYMBOL}?) ?{_FIGURE}"
    rf"(?: ?(?:[-–—‒−]|to) ?(?:[A-Z]{{1,2}}{_SYMBOL}|(?:{_CODE}|Rs\.?) ?{_SYMBOL}?|{_SYMBOL})? ?{_FIGURE})?"
)
_MONEY_SECOND = frozenset("$ABCDEFGHIJKLMNOPQRSTUVWXYZs")
# The label line under a headline figure, as the page writes it ("growth rate", "median salary"):
# a short value line over it ("Declining", "Stable") is that figure, not a heading.
_STAT_LABEL = re.compile(
    r"(?:(?:projected|expected|job|employment|annual) )?growth(?: rate)?"
    r"|(?:median|average|mean|typical|starting|annual) (?:annual |base )?(?:salary|pay|wage|income|earnings)"
    r"|(?:market )?demand|remote[- ](?:friendly|ok|possible)"
)
_STAT_VALUE_CHARS = 30
_SCALE_WORDS = frozenset({"low", "medium", "moderate", "high", "very high", "very low"})
_SCALE_WORD_CHARS = max(map(len, _SCALE_WORDS))
_WRAP_MIN_CHARS = 40
_STEP_LABEL = re.compile(r"step ?(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)", re.IGNORECASE)
# An ATX heading as the parser reads lines (trimmed, runs of spaces and tabs made one space).
_ATX_HEADING = re.compile(r"#{1,6} \S")


def _bullet_end(line: str) -> int:
    """Where ``BULLET.match(line)`` ends, or 0 when it does not match; the pattern only when needed."""
    first = line[:1]
    if first in _BULLET_CHARS:
        # The pattern's one-character alternative: the bullet, then whitespace (\s is isspace()).
        return len(line) - len(line[1:].lstrip()) if line[1:2].isspace() else 0
    if first in _NO_BULLET_START or not first.isdecimal():  # \d is any decimal digit, as isdecimal()
        return 0
    match = BULLET.match(line)
    return 0 if match is None else match.end()


def _is_bullet(line: str) -> bool:
    return _bullet_end(line) > 0


def strip_bullet(line: str) -> str | None:
    """The item text of a bullet line (repeated bullets like "• • x" allowed), else None."""
    return _strip_bullets(line) if _is_bullet(line) else None


def _strip_bullets(line: str) -> str | None:
    while end := _bullet_end(line):
        line = line[end:]  # the pattern is anchored: the same as sub(count=1)
    return line.strip() or None


def is_heading(line: str) -> bool:
    """A standalone line reads as a heading: short, not a sentence, not a figure."""
    return not _is_bullet(line) and _heading_like(line)


def _heading_like(line: str) -> bool:
    """``is_heading`` for a line known not to be a bullet.

    Every test must pass, so the cheap ones that most lines fail run first: the last
    character, the first letter's case; then the length, the words and the field shape.
    """
    if not line:
        return False
    last = line[-1]
    if last in _SENTENCE_END or (last == "\n" and line[-2:-1] in _SENTENCE_END):
        return False  # a sentence: r"[.!,;:…]$", where "$" also matches before a final newline
    # The first letter or digit must be upper case; usually it is the first character
    # (isalnum() is exactly what [^\W_] matches), so the pattern is rarely needed.
    first = line[0]
    if not first.isalnum():
        match = _FIRST_WORD_CHAR.search(line)
        if match is None:
            return False
        first = match.group()
    if not first.isupper():
        return False
    # At most 120 characters and 14 words, or 300 and 40 for a question. A line of n characters
    # has at most (n + 1) // 2 words, so a short line needs no split() to count them.
    max_chars, max_words = (300, 40) if last == "?" else (120, 14)
    if len(line) > max_chars or (len(line) >= 2 * max_words and len(line.split()) > max_words):
        return False
    if ":" in line and (field := as_field(line)) is not None and not _is_step_label(field.label):
        return False  # "Experience: 2-4 years" is a field; "Step 1: Learn SQL" alone is a heading
    if len(line) <= _SCALE_WORD_CHARS and line.lower() in _SCALE_WORDS:
        return False
    return line[1:2] not in _MONEY_SECOND or _MONEY_LINE.fullmatch(line) is None  # "CA$64,000" is a figure


def _is_step_label(label: str) -> bool:
    """``label`` is "Step 1" or "Step one": a step heading such as "Step 3 - Apply" is, in its colon form."""
    return label[0] in "Ss" and _STEP_LABEL.fullmatch(label) is not None  # most labels fail the first test


# Per line of a block: None for a line that is not a bullet, else the bullet's item text
# ("" when nothing is left after the bullet). Worked out once, while the lines are read.
_Marks = list[str | None]


def _blocks(text: str, max_line_chars: int) -> Iterator[tuple[list[str], _Marks]]:
    """Blank-line-separated blocks: their normalised lines and their bullet marks.

    The parser's hot loop: cheap tests decide most lines (no double space, no odd space, a
    first letter that starts no bullet) before ``normalize_space`` or ``BULLET`` are called,
    and each line's bullet is worked out once, here. Lazy: a caller that stops early (at the
    share/subscription footer) never has the lines after it read, nor their length checked.
    """
    raw_lines = text.split("\n")
    too_long = _first_long_line(raw_lines, max_line_chars) if len(text) > max_line_chars else None
    if too_long is not None:
        raw_lines = raw_lines[:too_long]  # read up to the overlong line, then refuse it (below)
    block: list[str] = []
    marks: _Marks = []
    bullet_line: str | None = None  # the last bullet line of this block, as read (for its indentation)
    for raw_line in raw_lines:
        line = raw_line.strip()
        # The other spaces are non-ASCII; "• item" lines are ASCII after their bullet.
        if line and (
            "  " in line
            or "\t" in line
            or (not line.isascii() and (line[0] in ODD_SPACES or (not line[1:].isascii() and ODD_SPACE.search(line))))
        ):
            line = normalize_space(line)  # empty only for zero-width spaces (not whitespace to strip())
        if not line:
            if block:
                yield block, marks
                block = []
                marks = []
                bullet_line = None
            continue
        # Most lines start with a letter: no bullet, and no call to find that out. Most bullets
        # are one character and one space before the text: BULLET would end right there.
        first = line[0]
        if first in _NO_BULLET_START:
            end = 0
        elif first in _BULLET_CHARS and line[1:2] == " " and not line[2:3].isspace():
            end = 2
        else:
            end = _bullet_end(line)
        if end:
            bullet_line = raw_line
            item = line[end:]  # starts after the bullet's whitespace, ends stripped: never empty
            marks.append(item if item[0] in _NO_BULLET_START else _strip_bullets(item) or "")
        elif bullet_line is not None and _indent(raw_line) > _indent(bullet_line):
            # A hard-wrapped bullet: the continuation is indented under the item's text.
            block[-1] = joined = f"{block[-1]} {line}"
            marks[-1] = _strip_bullets(joined) or ""
            continue
        else:
            bullet_line = None
            marks.append(None)
        block.append(line)
    if too_long is not None:
        raise ParseError(
            f"line {too_long + 1} is {len(text.split(chr(10))[too_long]):,} characters long "
            f"(limit {max_line_chars:,}); this does not look like a career guide"
        )
    if block:
        yield block, marks


def _first_long_line(raw_lines: list[str], max_line_chars: int) -> int | None:
    """Index of the first line longer than ``max_line_chars``, or None."""
    return next((index for index, line in enumerate(raw_lines) if len(line) > max_line_chars), None)


def _indent(raw_line: str) -> int:
    if not raw_line[:1].isspace():
        return 0  # nothing for lstrip() to remove
    if "\t" in raw_line:
        raw_line = raw_line.expandtabs(4)
    return len(raw_line) - len(raw_line.lstrip())


def _is_wrapped_prose(lines: list[str]) -> bool:
    return len(lines) > 1 and min(map(len, lines[:-1])) >= _WRAP_MIN_CHARS


def block_contents(lines: list[str]) -> list[Block]:
    """Turn the lines of one blank-line-separated block into outline blocks."""
    return _contents(lines, [(_strip_bullets(line) or "") if _is_bullet(line) else None for line in lines])


def _contents(lines: list[str], marks: _Marks) -> list[Block]:
    if all(marks):  # only bullets with text: one list (what the loop below makes of them)
        return [Items(tuple(filter(None, marks)))]
    if marks.count(None) == len(marks) and ":" not in "".join(lines):
        return _prose(lines)  # no bullet and no field: the loop below would only collect prose
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


def _prose(lines: list[str]) -> list[Block]:
    if _is_wrapped_prose(lines):
        return [Paragraph(" ".join(lines))]
    return [Paragraph(line) for line in lines]


def _flush_prose(prose: list[str], out: list[Block]) -> None:
    out.extend(_prose(prose))
    prose.clear()


def parse_text(text: str, *, max_line_chars: int = 200_000) -> Outline:
    """Parse a decoded plain-text guide into an Outline; raise ParseError if it has no title.

    A guide that plainly is Markdown is read by ``pipeline.parse.markdown`` instead, where its
    markup is structure, not text: its title is an ATX heading ("# Nurse") or is underlined
    ("===" or "---" on the next line), or two of its headings are ATX headings. Conservative on
    purpose, so a plain guide with a "* bullet" or one stray "# " line parses as it always did;
    and free for plain text: the title's first character, then one per heading, are looked at.
    """
    return parse_text_format(text, max_line_chars=max_line_chars)[0]


def parse_text_format(text: str, *, max_line_chars: int = 200_000) -> tuple[Outline, str]:
    """``parse_text``, and which parser read the text: "markdown" or "text" (plain)."""
    blocks = _blocks(text, max_line_chars)
    first = next(blocks, None)
    if first is None:
        raise ParseError("empty document: no text to parse")
    lines, marks = first
    title = lines[0]
    if (title[0] == "#" and _ATX_HEADING.match(title)) or (len(lines) > 1 and _is_underline(lines[1])):
        return _parse_markdown(text, max_line_chars), "markdown"
    outline = Outline(title=title)
    current: list[Block] = outline.preamble
    if len(lines) > 1:
        current.extend(_contents(lines[1:], marks[1:]))
    atx_headings = 0
    # The blocks to read: all of them, unless a soft footer had the rest read ahead (below).
    pending: Iterator[tuple[list[str], _Marks]] | None = blocks
    while pending is not None:
        source, pending = pending, None
        for lines, marks in source:
            line = lines[0]
            single = len(lines) == 1
            # A heading stands alone, or sits directly on top of its bullet list ("Tech Stack\n• SQL"):
            # it is no bullet itself, and every line after it is one (the only None mark is its own).
            if marks[0] is None and (single or marks.count(None) == 1) and _heading_like(line):
                if line[0] == "#" and _ATX_HEADING.match(line):
                    atx_headings += 1
                    if atx_headings == 2:
                        return _parse_markdown(text, max_line_chars), "markdown"
                if outline.sections and (footer := footer_kind(line)):
                    if footer == FOOTER:
                        break  # the site's share/subscription footer: not part of the guide
                    rest = _read_ahead(source, title)
                    if rest is None:
                        break  # "Related Jobs" and the rest of the page, with no guide section in it
                    pending = iter(rest)  # a section: the guide goes on (``source`` is used up)
                section = Section(line, None, [])
                outline.sections.append(section)
                current = section.blocks
                if not single:
                    current.extend(_contents(lines[1:], marks[1:]))
            elif single:  # most blocks are one line: what _contents makes of it, without the lists
                if not current and line[0].islower() and outline.sections and _is_stat(outline, line):
                    # "Declining" over "growth rate": a headline figure and its label, not a section.
                    heading = outline.sections.pop().heading
                    current = outline.sections[-1].blocks if outline.sections else outline.preamble
                    current += (Paragraph(heading), Paragraph(line))
                    continue
                item = marks[0]
                current.append(Items((item,)) if item else (":" in line and as_field(line)) or Paragraph(line))
            else:
                current.extend(_contents(lines, marks))
    return outline, "text"


def _is_stat(outline: Outline, label: str) -> bool:
    """The last section is a short heading alone over ``label``, a headline figure's label ("Declining"
    over "growth rate"), and no guide section ("Salary" over "median salary" is one)."""
    heading = outline.sections[-1].heading
    return (
        len(heading) <= _STAT_VALUE_CHARS
        and heading.count(" ") < 3
        and _STAT_LABEL.fullmatch(label) is not None
        and classify(heading) is None
    )


def _read_ahead(source: Iterator[tuple[list[str], _Marks]], title: str) -> list[tuple[list[str], _Marks]] | None:
    """The blocks after a soft footer ("Related Jobs"), all read, if a guide section follows among
    them (see ``_guide_goes_on``); else None, and the page's overlong line, if any, is not refused."""
    rest: list[tuple[list[str], _Marks]] = []
    try:
        rest.extend(source)
    except ParseError:
        if guide_goes_on(_headings(rest), title):
            raise  # the guide goes on to the overlong line: refused, as without the footer
        return None
    return rest if guide_goes_on(_headings(rest), title) else None


def _headings(blocks: list[tuple[list[str], _Marks]]) -> Iterator[str]:
    """The lines of ``blocks`` the parser reads as headings, in order."""
    for lines, marks in blocks:
        if marks[0] is None and (len(lines) == 1 or marks.count(None) == 1) and _heading_like(lines[0]):
            yield lines[0]


def _is_underline(line: str) -> bool:
    """A setext underline: "===" or "---" (three or more) alone on the line."""
    return line[0] in "=-" and len(line) >= 3 and line == line[0] * len(line)


def _parse_markdown(text: str, max_line_chars: int) -> Outline:
    from pipeline.parse.markdown import parse_markdown  # imported here: it builds on this module

    return parse_markdown(text, max_line_chars=max_line_chars)
