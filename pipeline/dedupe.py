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

from pipeline.models import CareerGuide

NUM_PERM = 64
SHINGLE_WORDS = 3
_SEED = 1
_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_rng = np.random.RandomState(_SEED)
_A = _rng.randint(1, int(_PRIME), size=NUM_PERM, dtype=np.uint64)
_B = _rng.randint(0, int(_PRIME), size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"[^\W_]+")


def guide_text(guide: CareerGuide) -> Iterator[str]:
    """Every human-readable string of a record (not keys), in a stable order."""

    def walk(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key in sorted(value):
                yield from walk(value[key])
        elif isinstance(value, list | tuple):
            for item in value:
                yield from walk(item)

    yield from walk(guide.model_dump(mode="json", exclude={"quality_flags"}))


def shingles(guide: CareerGuide) -> np.ndarray:
    """Sorted unique 32-bit hashes of the guide's word 3-grams."""
    words = _WORD.findall(" ".join(guide_text(guide)).lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    ids = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    if len(ids) < SHINGLE_WORDS:
        return np.unique(ids)
    combined = ids[: len(ids) - 2] * np.uint64(1_000_003) ^ ids[1 : len(ids) - 1] * np.uint64(8191) ^ ids[2:]
    return np.unique(combined & _MAX_HASH)


def signature(hashes: np.ndarray) -> np.ndarray:
    """MinHash signature (NUM_PERM values) of a shingle-hash set."""
    if hashes.size == 0:
        return np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64)
    # (a*x + b) mod p with x < 2^32 and a, b < 2^61 would overflow uint64, so reduce a first.
    a = (_A & _MAX_HASH)[:, None]
    b = (_B & _MAX_HASH)[:, None]
    permuted = (a * hashes[None, :] + b) % _PRIME & _MAX_HASH
    result: np.ndarray = permuted.min(axis=1).astype(np.uint64)
    return result


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if a.size == 0 and b.size == 0:
        return 1.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def lean(sig: np.ndarray) -> LeanMinHash:
    # Our permutations are datasketch's "legacy" scheme: (a * h + b) mod the Mersenne prime 2^61 - 1.
    return LeanMinHash(seed=_SEED, hashvalues=sig, scheme="legacy")


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
