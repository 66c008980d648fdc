"""Turn a document's raw bytes into clean text: pick the encoding, undo mojibake, normalise.

Pure functions (no I/O): the reader stage owns files and limits, so these rules can be
tested byte for byte.  Every refusal is a ``DecodeError`` whose reason is shown to users.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import charset_normalizer
from bs4.dammit import EncodingDetector

from pipeline.errors import DecodeError

__all__ = ["DecodedText", "decode_bytes", "normalize_text", "repair_mojibake"]


@dataclass(frozen=True)
class DecodedText:
    """What the parser gets: final text plus how it was obtained, for the ingest log."""

    text: str  # final text: repaired, LF line endings, NFC
    encoding: str  # codec that decoded the bytes, e.g. "utf-8", "utf-8-sig", "cp1252"
    repaired: int  # mojibake sequences repaired (summed over passes)


_EMPTY = "empty file: no text to parse"
_EXPECTED = "expected UTF-8 text or HTML"

# UTF-32-LE's BOM starts with UTF-16-LE's, so it must be tried first.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Named so the quarantine reason tells the user what they actually fed us.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a GZIP archive"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
)

# Tab, LF, VT, FF, CR and ESC (ANSI colour) do occur in real text; other C0 bytes don't.
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 11, 12, 13, 27}))
# The same control characters as a str.translate table that deletes them.
_CONTROL_CHARS = dict.fromkeys(_CONTROL_BYTES)
_CONTROL_SHARE = 0.05
_SNIFF_BYTES = 4096
# UTF-8 with damage: at least this many valid multi-byte sequences, and this many per invalid byte.
_UTF8_EVIDENCE = 8
_UTF8_DAMAGE_RATIO = 10

_XML_ENCODING = re.compile(rb"""<\?xml\b[^>]*?encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
# WHATWG: browsers read these labels as windows-1252, and pages rely on it for “smart quotes”.
_WEB_ALIASES = {"ascii": "cp1252", "iso8859-1": "cp1252"}
_ASCII_PROBE = b"<html> Text, 0-9.\n"


def normalize_text(text: str) -> str:
    """CRLF/CR -> LF, drop U+FEFF, NFC; everything else is kept as is."""
    if text.isascii():  # O(1) in CPython: no BOM character, nothing to compose
        return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    # A membership test is a fast scan; replace() on wide strings costs more even when it finds nothing.
    if "\ufeff" in text:
        text = text.replace("\ufeff", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if _nfc_stable(text) else unicodedata.normalize("NFC", text)


_ASCII_BYTES = bytes(range(128))


def _nfc_stable(text: str) -> bool:
    """True when NFC leaves ``text`` as it is because every character is inert (see ``_inert``).

    unicodedata's own check reads every character's record (about 60 us for a 20 KB guide);
    ASCII is inert, so only the few other characters matter: deleting the ASCII bytes of the
    UTF-8 form leaves exactly their encodings, and the distinct ones are judged once each.
    """
    others = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return all(map(_inert, set(others.decode("utf-8", "surrogatepass"))))


@cache  # one verdict per distinct character
def _inert(char: str) -> bool:
    """NFC can neither change ``char`` nor combine it with the character before it.

    Such a character has canonical combining class 0 and NFC quick-check Yes, so a text of
    them (and ASCII) passes NFC's quick check unchanged. The characters that combine with the
    one before (quick check Maybe) are all marks (category M) or Hangul vowel and trailing
    jamo (U+1100-U+11FF); the ones NFC replaces (quick check No) change on their own.
    """
    return (
        unicodedata.combining(char) == 0
        and not unicodedata.category(char).startswith("M")
        and not "\u1100" <= char <= "\u11ff"
        and unicodedata.normalize("NFC", char) == char
    )


def decode_bytes(data: bytes) -> DecodedText:
    """Decode, repair mojibake and normalise; raise ``DecodeError`` if it is not text."""
    text, encoding = _decode(data)
    # Mojibake needs a lead character (Â-ô or a Greek letter, see _PAIR), which UTF-8 spells
    # with a C3, CE or CF byte: three memchr scans spare most clean UTF-8 texts the repair scan.
    if encoding.startswith("utf-8") and b"\xc3" not in data and b"\xce" not in data and b"\xcf" not in data:
        repaired = 0
    else:
        text, repaired = repair_mojibake(text)
    text = normalize_text(text)
    if not text or text.isspace():  # not text.strip(), without copying the text
        raise DecodeError(_EMPTY)
    return DecodedText(text=text, encoding=encoding, repaired=repaired)


def _decode(data: bytes) -> tuple[str, str]:
    if not data or data.isspace():  # bytes.isspace() is the ASCII whitespace that strip() removes
        raise DecodeError(_EMPTY)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            decoded = _decode_tolerant(data, codec)
            if decoded is None:
                raise DecodeError(f"starts with a {codec} byte-order mark but is not valid {codec}")
            text, pending = decoded
            return text + "\ufffd" * bool(pending), codec
    if (utf16 := _utf16_without_bom(data)) is not None:
        return utf16
    _refuse_binary(data)

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc.start
    truncated = _decode_tolerant(data, "utf-8")
    # A lone trailing lead byte after plain ASCII is as likely cp1252 ("café" ending in
    # 0xE9) as a cut-off character, so only believe truncation with some UTF-8 evidence.
    if truncated is not None and (not truncated[0].isascii() or truncated[1] >= 2):
        return truncated[0] + "\ufffd", "utf-8"

    declared = _declared_encoding(data)
    damaged = _damaged_utf8(data) if declared is None or declared.startswith("utf") else None
    if damaged is not None:
        return damaged, "utf-8"
    declared = declared or "cp1252"
    for codec in (_WEB_ALIASES.get(declared, declared), declared, "cp1252"):
        if not codec.startswith("utf"):
            try:
                return data.decode(codec), codec
            except (UnicodeDecodeError, LookupError):
                pass

    best = charset_normalizer.from_bytes(data).best()
    # Our inputs are text or HTML with ASCII markup; a guess that moves ASCII (EBCDIC,
    # UTF-16 without BOM) is a wrong guess about junk, not a better reading.
    if best is not None and _ASCII_PROBE.decode(best.encoding, "replace") == _ASCII_PROBE.decode():
        return str(best), best.encoding
    raise DecodeError(
        f"not valid UTF-8 (invalid byte 0x{data[first_error]:02x} at offset {first_error}) and no other encoding fits"
    )


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few corrupted bytes: the text with each bad byte as U+FFFD, else None.

    Many valid multi-byte sequences and few invalid bytes mean the file is UTF-8 with
    damage; read as cp1252 or by detection it would turn every other character into junk.
    """
    valid = len(_UTF8_SEQUENCE.findall(data))
    if valid < _UTF8_EVIDENCE:
        return None
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    return text if invalid * _UTF8_DAMAGE_RATIO <= valid else None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark: a NUL in every other byte (mostly Latin text)."""
    head = data[:4096]
    if len(head) < 8 or b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    codec = "utf-16-le" if odd > 0.6 * half and even < 0.02 * half else None
    codec = codec or ("utf-16-be" if even > 0.6 * half and odd < 0.02 * half else None)
    if codec is None:
        return None
    decoded = _decode_tolerant(data, codec)
    if decoded is None:
        return None
    text = decoded[0]
    if "\x00" in text or len(text) - len(text.translate(_CONTROL_CHARS)) > 0.01 * len(text):
        return None  # binary that happens to have the pattern
    return text + "\ufffd" * bool(decoded[1]), codec


def _refuse_binary(data: bytes) -> None:
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            raise DecodeError(f"looks like {kind}, not text or HTML")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(f"binary file (contains NUL bytes at offset {nul}); {_EXPECTED}")
    head = data[: 2 * _SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > _CONTROL_SHARE * len(head):
        share = round(100 * controls / len(head))
        raise DecodeError(f"binary file ({share}% control bytes); {_EXPECTED}")


def _decode_tolerant(data: bytes, codec: str) -> tuple[str, int] | None:
    """Strict decode that forgives only a character cut off at the very end.

    Returns the text before that character and how many of its bytes were present.
    """
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    # Whatever the decoder still buffers is an incomplete final character.
    return text, len(decoder.getstate()[0])


def _declared_encoding(data: bytes) -> str | None:
    """The charset an XML declaration or ``<meta>`` declares, found by BeautifulSoup's EncodingDetector."""
    head = data[:_SNIFF_BYTES]
    declared = EncodingDetector.find_declared_encoding(head, is_html=True)
    if not declared:  # bs4 only looks for an XML declaration at the very start
        match = _XML_ENCODING.search(head)
        declared = match.group(1).decode("ascii", "replace") if match else None
    if not declared:
        return None
    try:
        return codecs.lookup(declared).name
    except LookupError:
        return None


# --- mojibake -------------------------------------------------------------------------


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

_UTF8_SEQUENCE = re.compile(
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
    sequences = [(m.start(), m.end(), m.group().decode("utf-8")) for m in _UTF8_SEQUENCE.finditer(raw)]
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
