"""Give freed heap memory back to the operating system between batches.

A batch's parsed tables and raw bytes are large objects that glibc's malloc serves from its
heap; once freed they stay in the process (counted in its RSS) until the heap is trimmed, so
without this the writer's RSS keeps the high-water mark of the largest batches and the end of
a run (the near-duplicate pass, DuckDB's checkpoint) adds to it. ``malloc_trim`` costs about
a millisecond; on a C library without it this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
        return trim
    except (OSError, AttributeError):
        return None


def release_free_memory() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
