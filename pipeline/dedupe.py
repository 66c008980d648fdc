"""Near-duplicate detection: MinHash signatures over word shingles (LSH banding: ``pipeline.lsh``).

Signatures are computed with numpy in one vectorised pass per guide (word hashes
from prefix sums over the UTF-8 bytes, 3-word shingles combined arithmetically,
64 permutations in datasketch's "affine32" scheme), tens of times cheaper than
hashing every shingle with sha1 in Python as datasketch's ``MinHash.update`` does.
Candidates from LSH are verified with the exact Jaccard similarity of the two
shingle sets before they are recorded.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import numpy as np

NUM_PERM = 64
SHINGLE_WORDS = 3
_SEED = 1
_EMPTY = np.uint32((1 << 32) - 1)
_rng = np.random.RandomState(_SEED)
# datasketch's "affine32" scheme: h_k(x) = a_k * x + b_k modulo 2^32 (uint32 wrap-around), a_k odd,
# so each permutation is a bijection. 32-bit lanes vectorise; 64-bit multiplies are ~25x slower here.
_A = (_rng.randint(0, 1 << 31, size=NUM_PERM, dtype=np.uint64).astype(np.uint32) << np.uint32(1)) | np.uint32(1)
_B = _rng.randint(0, 1 << 31, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)
_MIX = np.uint32(0x9E3779B1)
_P = np.uint64(0x100000001B3)  # odd multiplier of the polynomial word hash
_P_INV = np.uint64(pow(0x100000001B3, -1, 1 << 64))  # its inverse modulo 2^64
# A byte belongs to a word when it is an ASCII letter or digit, or part of a non-ASCII UTF-8 character.
_WORD_BYTE = np.zeros(256, dtype=bool)
_WORD_BYTE[[*range(ord("0"), ord("9") + 1), *range(ord("a"), ord("z") + 1), *range(0x80, 0x100)]] = True
_powers: dict[str, np.ndarray] = {}


def _power_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P^i and P^-i for i in 0..n (uint64, wrapping), grown on demand and reused."""
    have = _powers.get("p")
    if have is None or len(have) <= n:
        size = max(n + 1, 65_536, 2 * (len(have) if have is not None else 0))
        with np.errstate(over="ignore"):
            p = np.cumprod(np.full(size, _P, dtype=np.uint64))
            q = np.cumprod(np.full(size, _P_INV, dtype=np.uint64))
        _powers["p"] = np.concatenate(([np.uint64(1)], p[:-1]))
        _powers["q"] = np.concatenate(([np.uint64(1)], q[:-1]))
    return _powers["p"], _powers["q"]


def word_hashes(text: str) -> np.ndarray:
    """64-bit hash of every word of ``text`` (lower-cased), in order, computed without a Python loop.

    Prefix sums of ``byte * P^i`` give the hash of any byte range; multiplying by P^-start makes
    it independent of where the word sits, so equal words hash equally.
    """
    # bytes.lower() folds ASCII only, which for ASCII text is exactly str.lower(), and much cheaper.
    return _word_hashes(text.encode("ascii").lower() if text.isascii() else text.lower().encode("utf-8"))


# ``_WORD_BYTE`` as a bytes.translate table: a text's word flags in one C pass, one byte each.
_WORD_FLAGS = _WORD_BYTE.astype(np.uint8).tobytes()


def _word_hashes(encoded: bytes) -> np.ndarray:
    """``word_hashes`` of a lower-cased UTF-8 text."""
    size = len(encoded)
    if size == 0:
        return np.zeros(0, dtype=np.uint64)
    data = np.frombuffer(encoded, dtype=np.uint8)
    # Word flags with a non-word byte on either side: they change at every start and end of a
    # word, alternately, so the changes at even places are starts and the others ends.
    flags = np.frombuffer(b"\0" + encoded.translate(_WORD_FLAGS) + b"\0", dtype=np.bool_)
    bounds = np.flatnonzero(flags[1:] != flags[:-1])
    starts, ends = bounds[0::2], bounds[1::2]
    powers, inverses = _power_tables(size)
    prefix = np.empty(size + 1, dtype=np.uint64)
    prefix[0] = 0
    with np.errstate(over="ignore"):
        np.cumsum(np.multiply(data, powers[:size]), out=prefix[1:])
        result: np.ndarray = (prefix[ends] - prefix[starts]) * inverses[starts]
    return result


def record_text(record: dict[str, Any]) -> Iterator[str]:
    """Every human-readable string of a dumped record (values, not keys), in a stable order."""
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for key in sorted(value):
                walk(value[key])
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    for key in sorted(record):
        if key != "quality_flags":
            walk(record[key])
    return iter(out)


_SEQUENCES = (list, tuple)  # a tuple, not ``list | tuple``: no union object made per call


def _record_bytes(record: dict[str, Any]) -> bytes:
    """``" ".join(record_text(record)).lower()`` in UTF-8, for ``word_hashes``, at less cost.

    A list of strings is joined in one call rather than walked string by string, and only the
    pieces that are not ASCII go through ``str.lower()`` (slow on non-ASCII text); ASCII is
    folded on the bytes. Lower-casing piece by piece is the same as lower-casing the whole:
    pieces are joined by a space, which ends the only context ``str.lower()`` looks at
    (a final sigma).
    """
    pieces: list[str] = []
    append = pieces.append

    def walk(value: Any) -> None:
        if isinstance(value, str):
            append(value if value.isascii() else value.lower())
        elif isinstance(value, dict):
            for key in sorted(value):
                walk(value[key])
        elif isinstance(value, _SEQUENCES):
            if not value:
                return
            try:
                joined = " ".join(value)
            except TypeError:  # not only strings: walk each
                for item in value:
                    walk(item)
            else:
                append(joined if joined.isascii() else joined.lower())

    for key in sorted(record):
        if key != "quality_flags":
            walk(record[key])
    return " ".join(pieces).encode("utf-8").lower()


def shingle_hashes(record: dict[str, Any]) -> np.ndarray:
    """64-bit hashes of the word 3-grams of a record dumped with ``model_dump(mode="json")``, in text
    order, repeats included (enough for a MinHash signature, which only takes minima)."""
    ids = _word_hashes(_record_bytes(record))
    if len(ids) < SHINGLE_WORDS:
        return ids
    with np.errstate(over="ignore"):
        combined: np.ndarray = ids[:-2] * np.uint64(1_000_003) ^ ids[1:-1] * np.uint64(8191) ^ ids[2:]
    return combined


def shingles(record: dict[str, Any]) -> np.ndarray:
    """The sorted set of a record's shingle hashes (what Jaccard similarity compares)."""
    return np.unique(shingle_hashes(record))


_CHUNK = 4096  # shingles per pass: a 64 x 4096 uint32 buffer (1 MB) stays in cache and is reused
_buffers = threading.local()  # parse batches may run in threads of one process


def signature(hashes: np.ndarray) -> np.ndarray:
    """MinHash signature (NUM_PERM uint32 values) of a set of 64-bit shingle hashes.

    The permutations are applied chunk by chunk into a per-thread buffer instead of one
    NUM_PERM x n temporary per call: the same minima, ~30% less time on a cold cache.
    """
    result = np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    if hashes.size == 0:
        return result
    folded = (hashes >> np.uint64(32)).astype(np.uint32) ^ hashes.astype(np.uint32)
    mixed = folded * _MIX  # a fixed odd multiplier: a bijection that spreads structured inputs
    buffer = getattr(_buffers, "matrix", None)
    if buffer is None:
        buffer = _buffers.matrix = np.empty((NUM_PERM, _CHUNK), dtype=np.uint32)
    for start in range(0, mixed.size, _CHUNK):
        chunk = mixed[start : start + _CHUNK]
        products = buffer[:, : chunk.size]
        np.multiply(_A[:, None], chunk[None, :], out=products)
        np.add(products, _B[:, None], out=products)
        np.minimum(result, products.min(axis=1), out=result)
    return result


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if a.size == 0 and b.size == 0:
        return 1.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)
