"""How raw documents are stored: zstd-compressed, by the worker that parses them.

Storing every input's bytes is what makes replay after a parser fix possible, but it is
most of what a run writes (~21 KB per guide; DuckDB writes it to its WAL and again at
checkpoint, ~55 MB/s here). Compressed in the parse workers, on every core, the bytes
shrink about 4x before the single writer sees them. ``raw_documents.compression``
says how ``data`` is stored; rows written before compression was introduced are NULL
(stored as is).
"""

from __future__ import annotations

import zstandard

CODEC = "zstd"
_LEVEL = 3  # ~0.1 ms per guide; higher levels gain little on 20 KB documents


def pack(documents: list[bytes]) -> list[bytes]:
    """zstd frames of ``documents`` (one compressor per call: they are not thread-safe)."""
    compressor = zstandard.ZstdCompressor(level=_LEVEL)
    return [compressor.compress(data) for data in documents]


def unpack(data: bytes, compression: str | None) -> bytes:
    """The original bytes of a stored document."""
    if compression is None:
        return data
    if compression != CODEC:
        raise ValueError(f"raw document stored with unknown compression {compression!r}")
    return zstandard.ZstdDecompressor().decompress(data)
