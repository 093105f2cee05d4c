"""Whoosh's posting pool, sorted in chunks so that the window keeps running while it sorts.

At commit, Whoosh sorts every posting of the new segment in one call to `sorted`. On the
full-size manual that call holds Python's interpreter lock for about 100 ms, and the window,
which needs the same lock, stops for as long during a content update. Sorted in chunks and then
merged, the lock is let go between chunks; the merge costs about what the single sort saved.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from typing import Any

from whoosh.writing import PostingPool, SegmentWriter

CHUNK = 20_000  # postings per sort: a few milliseconds each


class ChunkSortingPool(PostingPool):
    """Whoosh's pool, sorting a segment's postings in chunks and merging them."""

    def items(self, maxfiles: int = 128) -> Iterable[Any]:
        if self.runs:  # spilled to disk: Whoosh merges its runs in Python, lock let go anyway
            return super().items(maxfiles)
        current = self.current
        chunks = [sorted(current[start:start + CHUNK]) for start in range(0, len(current), CHUNK)]
        return heapq.merge(*chunks)


def sort_in_chunks(writer: SegmentWriter) -> None:
    """Give a new writer the chunk-sorting pool (Whoosh ignores its own `poolclass` option)."""
    pool = writer.pool
    writer.pool = ChunkSortingPool(pool.tempstore, pool.segment, limitmb=pool.limit // 2**20)
