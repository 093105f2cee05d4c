"""The chunk-sorting posting pool hands Whoosh the same postings, in the same order."""

from __future__ import annotations

import random

from whoosh.filedb.filestore import RamStorage

from reader.search_pool import CHUNK, ChunkSortingPool


def test_postings_come_out_in_the_order_one_sort_gives() -> None:
    rng = random.Random(7)
    pool = ChunkSortingPool(RamStorage(), segment=None, limitmb=64)
    postings = [("body", f"w{rng.randrange(5_000)}".encode(), rng.randrange(900), 1.0, b"")
                for _ in range(2 * CHUNK + 123)]  # two whole chunks and a part
    for posting in postings:
        pool.add(posting)
    assert not pool.runs  # all in memory: the chunked path
    assert list(pool.iter_postings()) == sorted(postings)
