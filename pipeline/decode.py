"""Turn a document's raw bytes into clean text: pick the encoding, undo mojibake, normalise.

Pure functions (no I/O): the reader stage owns files and limits, so these rules can be
tested byte for byte.  Every refusal is a ``DecodeError`` whose reason is shown to users.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import charset_normalizer
from bs4.dammit import EncodingDetector

from pipeline.errors import DecodeError
from pipeline.mojibake import UTF8_SEQUENCE, repair_mojibake

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
    valid = len(UTF8_SEQUENCE.findall(data))
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
