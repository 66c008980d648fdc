"""MinHash LSH banding: the careers whose signatures agree on a whole band are candidate pairs.

This is the index datasketch's ``MinHashLSH`` builds (Leskovec, Rajaraman and Ullman, *Mining
of Massive Datasets*, ch. 3), with the same band layout for a threshold, so the same pairs: the
signature's ``NUM_PERM`` values are cut into ``b`` bands of ``r`` values, and two signatures
are candidates when any band is equal. ``(b, r)`` minimises the equally weighted probabilities
of a false positive below the threshold and a false negative above it, as datasketch's
``_optimal_param`` does. Its integrands are polynomials of degree ``b * r <= NUM_PERM``, which
Gauss-Legendre quadrature with more than ``NUM_PERM / 2`` nodes integrates exactly; datasketch
calls scipy's ``quad`` instead. That import (scipy, at datasketch's import) cost ~1.3 s of CPU
and ~53 MB of RSS at the end of every run, the largest step up of the writer's memory, for a
table of ~280 integrals and a dict per band. tests/test_lsh.py checks both against datasketch.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import numpy as np

from pipeline.dedupe import NUM_PERM

_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(NUM_PERM // 2 + 8)


def _integral(values: np.ndarray, lo: float, hi: float) -> float:
    """Integral over [lo, hi] of a polynomial of degree < 2 * len(_NODES), given at ``_points(lo, hi)``."""
    return (hi - lo) / 2 * float(np.dot(_WEIGHTS, values))


def _points(lo: float, hi: float) -> np.ndarray:
    return (hi - lo) / 2 * _NODES + (hi + lo) / 2


@functools.cache
def optimal_bands(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows per band) minimising false positives + false negatives around ``threshold``."""
    below, above = _points(0.0, threshold), _points(threshold, 1.0)
    best, choice = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            false_positive = _integral(1 - (1 - below**r) ** b, 0.0, threshold)
            false_negative = _integral((1 - above**r) ** b, threshold, 1.0)
            error = 0.5 * false_positive + 0.5 * false_negative
            if error < best:
                best, choice = error, (b, r)
    return choice


def candidate_pairs(
    new: dict[str, np.ndarray], stored: Iterable[tuple[str, np.ndarray]], threshold: float
) -> set[tuple[str, str]]:
    """Pairs (a < b) that share a band, each involving at least one career of ``new``."""
    bands, rows = optimal_bands(threshold)

    def keys(signature: np.ndarray) -> list[bytes]:
        values = signature.astype(np.uint32)
        return [values[band * rows : (band + 1) * rows].tobytes() for band in range(bands)]

    buckets: list[dict[bytes, list[str]]] = [{} for _ in range(bands)]

    def insert(career_id: str, band_keys: list[bytes]) -> None:
        for bucket, key in zip(buckets, band_keys, strict=True):
            bucket.setdefault(key, []).append(career_id)

    for career_id, signature in stored:
        if career_id not in new:
            insert(career_id, keys(signature))
    pairs: set[tuple[str, str]] = set()
    for career_id, signature in new.items():
        band_keys = keys(signature)
        for bucket, key in zip(buckets, band_keys, strict=True):
            for other in bucket.get(key, ()):
                if other != career_id:
                    pairs.add((min(career_id, other), max(career_id, other)))
        insert(career_id, band_keys)
    return pairs
