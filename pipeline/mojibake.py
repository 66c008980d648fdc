"""Undo mojibake: UTF-8 text that was read through cp1253 or cp1252 and saved again.

``πŸ“ˆ`` is 📈 and ``â€™`` is ’: each garbled character stands for one byte of the original
UTF-8, so a stretch that maps back to valid UTF-8 sequences is rewritten as what they spell.
Precise on purpose (see DESIGN.md): ftfy's defaults miss the cp1253 case and uncurl quotes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

__all__ = ["UTF8_SEQUENCE", "repair_mojibake"]


def _reverse_map(codec: str) -> dict[str, int]:
    """Map each character a garbler could have produced back to its byte 0x80-0xFF."""
    table: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        raw = bytes([byte])
        for source in (codec, "cp1252"):  # garblers fill cp1253's holes with cp1252
            try:
                table.setdefault(raw.decode(source), byte)
                break
            except UnicodeDecodeError:
                continue
        if byte < 0xA0:  # latin-1 style decoders pass undefined bytes through as C1 controls
            table.setdefault(chr(byte), byte)
    return table


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


_MAPS = (_reverse_map("cp1253"), _reverse_map("cp1252"))
_CANDIDATES = frozenset().union(*_MAPS)
# A UTF-8 sequence is a lead byte (0xC2-0xF4) then a continuation byte (0x80-0xBF): a stretch
# without such a pair repairs to nothing. A pattern starting with a character class lets ``re``
# skip ahead with its fast set scan (``[...]{2,}`` is tried at every position, 4x slower), and a
# lone "•" or "’" (no lead byte) does not even stop it.
_PAIR = re.compile(
    _char_class({c for table in _MAPS for c, b in table.items() if 0xC2 <= b <= 0xF4})
    + _char_class({c for table in _MAPS for c, b in table.items() if 0x80 <= b <= 0xBF})
)
# Another pass looks only at the stretches around the characters the last pass wrote: its
# window for position p is p-1..p+1 plus the runs of candidates that touch it, and a run that
# reaches beyond p-3..p+3 has two candidates side by side within it. A window without two
# candidates side by side holds no pair, finds nothing, and (merged with a neighbour) joins no
# pair across their border, so such positions are dropped; most repaired characters ("€" before
# a digit, "’" between letters) have none, and the pass is skipped.
_PAIRABLE = re.compile(_char_class(_CANDIDATES) * 2)
# The code pages agree on every byte they share, so their repairs never conflict.
_CODE_PAGES = tuple((re.compile(_char_class(table) + "{2,}"), {ord(c): b for c, b in table.items()}) for table in _MAPS)

# One valid multi-byte UTF-8 sequence (decode.py also counts them as evidence of damaged UTF-8).
UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)

# Characters whose mojibake commonly stands alone in Latin text.  A lone sequence decoding
# elsewhere (IPA, NKo, CJK, ...) is far more often a real letter next to a symbol, e.g.
# German "Straße“" = DF 93 -> U+07D3, or "CAFÉ®" = C9 AE -> U+026E.
_ALONE_OK = (
    (0x0080, 0x017F),  # C1 (kept for the next pass), Latin-1, Latin Extended-A
    (0x02C6, 0x02DD),  # accents as characters: ˆ ˇ ˘ ˙ ˚ ˛ ˜ ˝
    (0x0370, 0x045F),  # Greek, basic Cyrillic
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x2000, 0x2BFF),  # punctuation, currency, arrows, symbols, dingbats
    (0xFE00, 0xFFFF),  # variation selectors, BOM, replacement character
    (0x10000, 0x10FFFF),  # emoji and the rest of the astral planes
)


def _alone_ok(char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in _ALONE_OK)


def _is_text_char(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cc":
        return "\x80" <= char <= "\x9f"  # a C1 control may be one byte of double mojibake
    return category not in ("Cn", "Co", "Cs")


def _is_greek_letter(char: str) -> bool:
    return char.isalpha() and ("\u0370" <= char <= "\u03ff" or "\u1f00" <= char <= "\u1fff")


def repair_mojibake(text: str) -> tuple[str, int]:
    """Undo UTF-8 read through cp1253 or cp1252 (``πŸ“ˆ`` -> 📈, ``â€™`` -> ’).

    Returns the text and the number of sequences repaired.  Up to three passes, so text
    garbled twice comes back too.
    """
    total = 0
    near: list[int] | None = None  # None: the whole text; else where the last pass wrote
    for _ in range(3):
        if text.isascii():
            break
        text, written, again = _repair_pass(text, near)
        total += len(written)
        if not again:
            break
        near = [position for position in written if _PAIRABLE.search(text, max(position - 3, 0), position + 4)]
        if not near:
            break
    return text, total


def _repair_pass(text: str, near: list[int] | None) -> tuple[str, list[int], bool]:
    """One pass over both code pages: the new text, where it wrote, and whether another pass could find more.

    ``near`` limits the pass to the stretches touching those positions: a stretch that a pass
    left alone, with the same neighbours, gives the same (no) repairs the next time.
    """
    edits: list[tuple[int, int, str]] = []
    size = len(text)
    for chunk_start, chunk_end in _chunks(text, near):
        greek_before = chunk_start > 0 and _is_greek_letter(text[chunk_start - 1])
        greek_after = chunk_end < size and _is_greek_letter(text[chunk_end])
        found = _chunk_edits(text[chunk_start:chunk_end], greek_before, greek_after)
        edits.extend((chunk_start + start, chunk_start + end, char) for start, end, char in found)
    if not edits:
        return text, [], False
    pieces: list[str] = []
    written: list[int] = []
    cursor = length = 0
    for start, end, char in edits:
        length += start - cursor
        written.append(length)
        length += 1
        pieces += (text[cursor:start], char)
        cursor = end
    pieces.append(text[cursor:])
    # Only a repaired character that is itself mojibake material can form a new sequence.
    again = any(char in _CANDIDATES for _, _, char in edits)
    return "".join(pieces), written, again


# A stretch's repairs depend only on its characters and on whether Greek letters stand right
# around it; guides repeat the same few stretches ("β€Ά" is "•"), so most are a cache hit.
@lru_cache(maxsize=8192)
def _chunk_edits(chunk: str, greek_before: bool, greek_after: bool) -> tuple[tuple[int, int, str], ...]:
    """The repairs in one stretch (chunk-relative spans), both code pages, in order."""
    taken: set[int] = set()
    found: list[tuple[int, int, str]] = []
    for run_pattern, to_bytes in _CODE_PAGES:
        for run in run_pattern.finditer(chunk):
            raw = run.group().translate(to_bytes).encode("latin-1")
            for start, end, char in _accepted_sequences(chunk, run.start(), raw, greek_before, greek_after):
                span = range(run.start() + start, run.start() + end)
                if taken.isdisjoint(span):
                    taken.update(span)
                    found.append((span.start, span.stop, char))
    return tuple(sorted(found))


def _chunks(text: str, near: list[int] | None) -> Iterator[tuple[int, int]]:
    """Maximal stretches of mojibake material that hold a lead+continuation pair, in order.

    With ``near``, only the stretches touching (or next to) those positions.
    """
    size = len(text)
    windows: list[tuple[int, int]] = [(0, size)] if near is None else []
    for position in near or ():  # sorted: windows grow at the end or merge with the last one
        low, high = max(position - 1, 0), min(position + 2, size)
        while low and text[low - 1] in _CANDIDATES:
            low -= 1
        while high < size and text[high] in _CANDIDATES:
            high += 1
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(high, windows[-1][1]))
        else:
            windows.append((low, high))
    done = -1
    for low, high in windows:
        for pair in _PAIR.finditer(text, low, high):
            start = pair.start()
            if start < done:
                continue  # another pair of the stretch already found
            while start and text[start - 1] in _CANDIDATES:
                start -= 1
            end = pair.end()
            while end < size and text[end] in _CANDIDATES:
                end += 1
            done = end
            yield start, end


def _accepted_sequences(
    chunk: str, offset: int, raw: bytes, greek_before: bool, greek_after: bool
) -> list[tuple[int, int, str]]:
    """Valid UTF-8 sequences in one run at ``offset`` of ``chunk`` (run-relative spans) that are really mojibake.

    ``greek_before``/``greek_after``: whether the characters around the chunk are Greek letters.
    """
    sequences = [(m.start(), m.end(), m.group().decode("utf-8")) for m in UTF8_SEQUENCE.finditer(raw)]
    sequences = [seq for seq in sequences if _is_text_char(seq[2])]
    count = len(sequences)
    # Kept neighbours as a linked list: the sequences are sorted and never overlap, so only
    # the previous/next kept sequence can touch a sequence's edges.
    before = list(range(-1, count - 1))
    after = list(range(1, count + 1))

    def greek_at(i: int) -> bool:
        position = offset + i  # from -1 (just before the chunk) to len(chunk) (just after)
        if position < 0:
            return greek_before
        if position >= len(chunk):
            return greek_after
        return _is_greek_letter(chunk[position])

    def keep(k: int) -> bool:
        start, end, char = sequences[k]
        joined_left = before[k] >= 0 and sequences[before[k]][1] == start
        joined_right = after[k] < count and sequences[after[k]][0] == end
        # Greek letters outside every sequence mean we are inside a real Greek word
        # ("ΚΆΤΙ": ΚΆ = CA A2 is valid UTF-8 but is not mojibake).
        if (not joined_left and greek_at(start - 1)) or (not joined_right and greek_at(end)):
            return False
        # Real foreign-script mojibake comes in chains; lone odd characters are text.
        return joined_left or joined_right or _alone_ok(char)

    # Dropping one sequence can strand its neighbours, so recheck them (linear, not a rescan).
    alive = [True] * count
    todo = list(range(count))
    while todo:
        k = todo.pop()
        if not alive[k] or keep(k):
            continue
        alive[k] = False
        left, right = before[k], after[k]
        if left >= 0:
            after[left] = right
            todo.append(left)
        if right < count:
            before[right] = left
            todo.append(right)
    return [seq for k, seq in enumerate(sequences) if alive[k]]
