"""Near-duplicate detection: MinHash signatures over word shingles, LSH to find candidates.

Signatures are computed with numpy in one vectorised pass per guide (word ids by
crc32, 3-word shingles combined arithmetically, 64 permutations), about ten
times cheaper than hashing every shingle with sha1 as datasketch's ``MinHash``
does; they are wrapped as datasketch ``LeanMinHash`` objects so datasketch's
``MinHashLSH`` does the banding. Candidates from LSH are verified with the exact
Jaccard similarity of the two shingle sets before they are recorded.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

NUM_PERM = 64
SHINGLE_WORDS = 3
_SEED = 1
_MAX_HASH = np.uint64((1 << 32) - 1)
_EMPTY = np.uint64((1 << 64) - 1)
_rng = np.random.RandomState(_SEED)
# datasketch's "affine64" scheme: h_k(x) = a_k * x + b_k modulo 2^64 (uint64 wrap-around), a_k odd,
# so each permutation is a bijection; no slow modulo by a prime.
_A = (_rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_B = _rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"[^\W_]+")


_word_hashes: dict[str, int] = {}  # crc32 of words seen; vocabularies are small, so this stays small


def record_text(record: dict[str, Any]) -> Iterator[str]:
    """Every human-readable string of a dumped record (values, not keys), in a stable order."""

    def walk(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key in sorted(value):
                yield from walk(value[key])
        elif isinstance(value, list | tuple):
            for item in value:
                yield from walk(item)

    for key in sorted(record):
        if key != "quality_flags":
            yield from walk(record[key])


def _word_hash(word: str) -> int:
    value = _word_hashes.get(word)
    if value is None:
        if len(_word_hashes) > 1_000_000:
            _word_hashes.clear()
        value = _word_hashes[word] = zlib.crc32(word.encode())
    return value


def shingles(record: dict[str, Any]) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word 3-grams of a record dumped with ``model_dump(mode="json")``."""
    words = _WORD.findall(" ".join(record_text(record)).lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    ids = np.array(list(map(_word_hash, words)), dtype=np.uint64)
    if len(ids) < SHINGLE_WORDS:
        return np.unique(ids)
    combined = ids[: len(ids) - 2] * np.uint64(1_000_003) ^ ids[1 : len(ids) - 1] * np.uint64(8191) ^ ids[2:]
    return np.unique(combined & _MAX_HASH)


def signature(hashes: np.ndarray) -> np.ndarray:
    """MinHash signature (NUM_PERM values) of a shingle-hash set."""
    if hashes.size == 0:
        return np.full(NUM_PERM, _EMPTY, dtype=np.uint64)
    # Spread the 32-bit shingle hashes over 64 bits first (a fixed odd multiplier is a bijection).
    mixed = hashes * np.uint64(0x9E3779B97F4A7C15)
    with np.errstate(over="ignore"):
        permuted = _A[:, None] * mixed[None, :] + _B[:, None]
    result: np.ndarray = permuted.min(axis=1)
    return result


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if a.size == 0 and b.size == 0:
        return 1.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def lean(sig: np.ndarray) -> LeanMinHash:
    return LeanMinHash(seed=_SEED, hashvalues=sig, scheme="affine64")


def candidate_pairs(
    new: dict[str, np.ndarray], stored: Iterable[tuple[str, np.ndarray]], threshold: float
) -> set[tuple[str, str]]:
    """Pairs (a < b) whose signatures LSH puts together, each involving at least one new career."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for key, sig in stored:
        if key not in new:
            lsh.insert(key, lean(sig))
    pairs: set[tuple[str, str]] = set()
    for key, sig in new.items():
        minhash = lean(sig)
        for other in lsh.query(minhash):
            if other != key:
                pairs.add((min(key, other), max(key, other)))
        lsh.insert(key, minhash)
    return pairs
