"""The chunk-sorting posting pool hands Whoosh the same postings, in the same order."""

from __future__ import annotations

import random
from pathlib import Path

from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.qparser import QueryParser

from reader.search_pool import CHUNK, ChunkSortingPool, sort_in_chunks


def test_postings_come_out_in_the_order_one_sort_gives() -> None:
    rng = random.Random(7)
    pool = ChunkSortingPool(RamStorage(), segment=None, limitmb=64)
    postings = [("body", f"w{rng.randrange(5_000)}".encode(), rng.randrange(900), 1.0, b"")
                for _ in range(2 * CHUNK + 123)]  # two whole chunks and a part
    for posting in postings:
        pool.add(posting)
    assert not pool.runs  # all in memory: the chunked path
    assert list(pool.iter_postings()) == sorted(postings)


def test_postings_spilled_to_disk_all_come_out_in_order(tmp_path: Path) -> None:
    # a manual too large for the pool's memory: Whoosh's own merge of its runs is kept
    rng = random.Random(11)
    pool = ChunkSortingPool(FileStorage(str(tmp_path)).create(), segment=None, limitmb=64)
    pool.limit = 2_000  # bytes: a few hundred postings per run
    postings = [("body", f"w{rng.randrange(500)}".encode(), rng.randrange(900), 1.0, b"")
                for _ in range(1_000)]
    for posting in postings:
        pool.add(posting)
    assert pool.runs  # spilled: the runs path
    assert list(pool.iter_postings()) == sorted(postings)


def test_a_new_writer_commits_through_the_chunked_pool_within_its_memory_limit() -> None:
    # Whoosh ignores its own `poolclass` option: the pool is swapped in after the writer is made
    index = RamStorage().create_index(Schema(id=ID(stored=True), body=TEXT))
    writer = index.writer(limitmb=64)
    sort_in_chunks(writer)
    assert isinstance(writer.pool, ChunkSortingPool)
    assert writer.pool.limit == 64 * 2**20  # a manual larger than that still spills to disk
    writer.add_document(id="1.1.1", body="corporate parenting")
    writer.add_document(id="4.6", body="section 47 enquiries")
    writer.commit()
    with index.searcher() as searcher:
        found = searcher.search(QueryParser("body", index.schema).parse("enquiries"))
        assert [hit["id"] for hit in found] == ["4.6"]
