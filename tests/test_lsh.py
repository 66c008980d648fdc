"""pipeline.lsh against datasketch's MinHashLSH, the reference it reproduces (datasketch is a test dependency)."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHashLSH
from datasketch.lsh import _optimal_param

from pipeline.dedupe import NUM_PERM
from pipeline.lsh import candidate_pairs, optimal_bands


@pytest.mark.parametrize("threshold", [i / 100 for i in range(1, 101)])
def test_band_layout_is_datasketchs(threshold: float) -> None:
    assert optimal_bands(threshold) == _optimal_param(threshold, NUM_PERM, 0.5, 0.5)


def _reference(new: dict[str, np.ndarray], stored: dict[str, np.ndarray], threshold: float) -> set[tuple[str, str]]:
    def lean(sig: np.ndarray) -> LeanMinHash:
        return LeanMinHash(seed=1, hashvalues=sig.astype(np.uint32), scheme="affine32")

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for key, sig in stored.items():
        if key not in new:
            lsh.insert(key, lean(sig))
    pairs = set()
    for key, sig in new.items():
        minhash = lean(sig)
        pairs |= {(min(key, o), max(key, o)) for o in lsh.query(minhash) if o != key}
        lsh.insert(key, minhash)
    return pairs


@pytest.mark.parametrize("threshold", [0.5, 0.8, 0.95])
def test_candidate_pairs_are_datasketchs(threshold: float) -> None:
    rng = np.random.default_rng(3)
    base = rng.integers(0, 1 << 32, size=(300, NUM_PERM), dtype=np.uint64)
    signatures = {f"c{i:03d}": base[i].copy() for i in range(300)}
    # Near-copies: a share of each original's values kept, from a few to all of them.
    for i in range(200):
        copy = base[i % 60].copy()
        changed = rng.random(NUM_PERM) < rng.uniform(0.0, 0.3)
        copy[changed] = rng.integers(0, 1 << 32, size=int(changed.sum()), dtype=np.uint64)
        signatures[f"n{i:03d}"] = copy
    new = {k: v for k, v in signatures.items() if k.endswith(("1", "4", "7"))}
    expected = _reference(new, signatures, threshold)
    assert len(expected) >= 10  # the planted copies make pairs
    assert candidate_pairs(new, signatures.items(), threshold) == expected


def test_no_pair_without_a_new_career() -> None:
    sig = np.arange(NUM_PERM, dtype=np.uint64)
    assert candidate_pairs({}, [("a", sig), ("b", sig.copy())], 0.8) == set()
    assert candidate_pairs({"a": sig}, [("a", sig), ("b", sig.copy())], 0.8) == {("a", "b")}
