"""Guides as bytes: text or HTML, mojibake like the sample's, encodings, BOMs and newlines."""

from __future__ import annotations

import random
from typing import Any

from bench.content import Guide
from bench.render_html import STYLES, render_html
from bench.render_text import render_text


def _undefined_in_cp1253(byte: int) -> str | None:
    raw = bytes([byte])
    for codec in ("cp1253", "cp1252"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


_GARBLED: dict[str, str] = {}


def garble_char(char: str) -> str:
    """UTF-8 bytes of ``char`` read as cp1253 (cp1252 for its holes); unchanged if a byte fits neither."""
    found = _GARBLED.get(char)
    if found is None:
        parts = [_undefined_in_cp1253(byte) for byte in char.encode("utf-8")]
        found = char if any(p is None for p in parts) else "".join(p for p in parts if p is not None)
        _GARBLED[char] = found
    return found


def garble(text: str, rng: random.Random) -> str:
    """Mojibake like the sample's: most (not all) non-ASCII characters garbled."""
    chars = sorted(ch for ch in set(text) if ord(ch) > 127)
    table = {ord(ch): garble_char(ch) for ch in chars if rng.random() < 0.85}
    return text.translate(table)


def present(guide: Guide, rng: random.Random, fmt: str | None = None) -> tuple[bytes, str, dict[str, Any]]:
    """Render ``guide`` as text or HTML with a random encoding and newline convention."""
    fmt = fmt or ("html" if rng.random() < 0.35 else "text")
    crlf = rng.random() < (0.2 if fmt == "text" else 0.1)
    if fmt == "html":
        style = rng.choice(STYLES)
        encoding = rng.choice(("utf-8", "utf-8", "utf-8", "utf-8", "ascii", "windows-1252"))
        page = render_html(guide, rng, style, "utf-8" if encoding == "ascii" else encoding)
        if crlf:
            page = page.replace("\n", "\r\n")
        codec = "cp1252" if encoding == "windows-1252" else encoding
        data = page.encode(codec, "xmlcharrefreplace")
        return data, "html", {"format": "html", "style": style, "encoding": encoding, "crlf": crlf}
    text, layout = render_text(guide, rng)
    mojibake = rng.random() < 0.2
    encoding, bom = "utf-8", rng.random() < 0.1
    if mojibake:
        text = garble(text, rng)
    elif rng.random() < 0.1:
        try:
            text.encode("cp1252")
            encoding, bom = "cp1252", False
        except UnicodeEncodeError:
            pass
    elif rng.random() < 0.03:
        encoding, bom = "utf-16", False  # Notepad's "Unicode": UTF-16 with its BOM
    if crlf:
        text = text.replace("\n", "\r\n")
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
    variant = {"format": "text", "encoding": encoding, "bom": bom, "crlf": crlf, "mojibake": mojibake, **layout}
    return data, "txt", variant
