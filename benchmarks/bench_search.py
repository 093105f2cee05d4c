"""Search benchmark: index build time, query latency, peak memory, and SQLite FTS5 beside it.

Runs on synthetic manuals (benchmarks/synthetic.py) at the real size (162 chapters of about
3,000 words) and ten times that. A query is timed from the string typed to the top ten hits
with their snippets, as the window asks for them. FTS5 gets the same plain text and the
same queries (every word required, bm25 with titles weighted, snippet()); it has no
synonyms, title tier or spelling, so it is a floor to compare with, not a rival.

`python -m benchmarks.bench_search` prints its figures and budgets; `run()` returns them.
"""

from __future__ import annotations

import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.budgets import BUDGETS, checked
from benchmarks.synthetic import make_manual
from reader.manual import Manual, load_manual
from reader.search import open_search
from reader.search_documents import search_documents
from reader.search_index import write_index

REPO = Path(__file__).resolve().parent.parent
LIMITS = {
    "whoosh_build_1x_s": 10.0,
    "whoosh_p95_1x_ms": 30.0,
    "whoosh_p95_10x_ms": 100.0,
    "peak_rss_10x_mib": 250.0,
}
QUERIES = [
    "section 47", "s47", "iro", "sgo", "care plan", "staying put", "strategy discussion",
    "child protection conference", "care leavers", "pathway plan", "foster carer",
    "fostering", "delegated authority", "family time", "contact with siblings", "placement plan",
    "health assessment", "personal education plan", "pep", "virtual school head",
    "missing from home", "exploitation", "cse", "nrm", "unaccompanied", "no recourse",
    "deprivation of liberty", "dols", "secure accommodation", "emergency protection order",
    "public law outline", "supervision orders", "special guardianship", "adoption support",
    "life story work", "later life letters", "short breaks", "direct payments",
    "significant harm", "children act 1989", '"within 24 hours"', '"legal planning meeting"',
    "perman", "superv", "fostring", "guardianshp", "6.4.3", "section 6",
    "independent reviewing officer review", "team manager decision record",
]
MEMORY_SCRIPT = """
import sys
from pathlib import Path
from benchmarks.memory import peak_rss_mib
from reader.manual import load_manual
from reader.search import open_search
opened = open_search(load_manual(sys.argv[1]), cache_root=Path(sys.argv[2]))
for query in sys.argv[3:]:
    opened.searcher.search(query, limit=10)
print(peak_rss_mib())
"""


def run(scales: tuple[int, ...] = (1, 10), rounds: int = 3) -> dict[str, Any]:
    """Build and query at each scale; the figures, keyed by name, and whether budgets hold."""
    figures: dict[str, Any] = {"queries": len(QUERIES), "rounds": rounds}
    with tempfile.TemporaryDirectory(prefix="bench-search-") as temp:
        root = Path(temp)
        for scale in scales:
            content = make_manual(root / f"content-{scale}x", scale=scale)
            manual = load_manual(content)
            tag = f"{scale}x"
            figures[f"chapters_{tag}"] = len(manual.chapters())
            figures[f"whoosh_build_{tag}_s"] = _build_time(manual, root / f"scratch-{tag}")
            cache = root / f"cache-{tag}"
            searcher = open_search(manual, cache_root=cache).searcher  # builds into the cache
            try:
                latencies = _latencies(partial(searcher.search, limit=10), rounds)
            finally:
                searcher.close()
            figures.update(_percentiles(f"whoosh_{tag}", latencies))
            fts_build, fts_search = _fts5(manual, root / f"fts-{tag}.sqlite")
            figures[f"fts5_build_{tag}_s"] = fts_build
            figures.update(_percentiles(f"fts5_{tag}", _latencies(fts_search, rounds)))
            figures[f"p95_ratio_whoosh_to_fts5_{tag}"] = round(
                figures[f"whoosh_p95_{tag}_ms"] / max(figures[f"fts5_p95_{tag}_ms"], 1e-6), 1
            )
            if scale == max(scales):
                figures[f"peak_rss_{tag}_mib"] = _peak_memory(content, cache)
    # a scale not run has no figures to bound
    figures[BUDGETS] = checked(figures, {name: limit for name, limit in LIMITS.items()
                                         if name in figures})
    return figures


def _build_time(manual: Manual, folder: Path) -> float:
    """Seconds for a full build: reading and rendering every chapter, indexing, committing."""
    folder.mkdir(parents=True)
    start = time.perf_counter()
    index, _ = write_index(manual, folder)
    elapsed = time.perf_counter() - start
    index.close()
    return round(elapsed, 2)


def _latencies(search: Callable[[str], object], rounds: int) -> list[float]:
    """Milliseconds per query, after one untimed pass to warm caches."""
    for query in QUERIES:
        search(query)
    found = []
    for _ in range(rounds):
        for query in QUERIES:
            start = time.perf_counter_ns()
            search(query)
            found.append((time.perf_counter_ns() - start) / 1e6)
    return found


def _percentiles(prefix: str, samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    head, tag = prefix.rsplit("_", 1)
    return {
        f"{head}_p50_{tag}_ms": round(statistics.median(samples), 2),
        f"{head}_p95_{tag}_ms": round(cuts[94], 2),
        f"{head}_max_{tag}_ms": round(max(samples), 2),
    }


def _fts5(manual: Manual, path: Path) -> tuple[float, Callable[[str], object]]:
    """Build time of an FTS5 table of the same text, and a search function over it."""
    start = time.perf_counter()
    connection = sqlite3.connect(path, check_same_thread=False)
    connection.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
        "tokenize='porter unicode61')"
    )
    with connection:
        connection.executemany(
            "INSERT INTO docs (id, title, body) VALUES (?, ?, ?)",
            (
                (d.id, d.title, "\n".join(filter(None, (d.headings, d.notes, d.body))))
                for d in search_documents(manual)
            ),
        )
    elapsed = round(time.perf_counter() - start, 2)
    sql = (
        "SELECT id, title, snippet(docs, 2, '<b class=\"match\">', '</b>', '\u2026', 24) "
        "FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0.0, 10.0, 1.0) LIMIT 10"
    )

    def search(query: str) -> object:
        words = re.findall(r"\w+", query)
        if not words:
            return []
        # quoted phrases stay phrases; other words are each required
        phrases = re.findall(r'"([^"]+)"', query)
        rest = re.sub(r'"[^"]+"', " ", query)
        terms = [f'"{p}"' for p in phrases] + [f'"{w}"' for w in re.findall(r"\w+", rest)]
        return connection.execute(sql, (" ".join(terms),)).fetchall()

    return elapsed, search


def _peak_memory(content: Path, cache: Path) -> float:
    """Peak memory of a fresh process that opens the index and runs every query, in MiB."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    output = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, str(content), str(cache), *QUERIES],
        capture_output=True, text=True, check=True, env=env, timeout=600,
    ).stdout
    return round(float(output.strip().splitlines()[-1]), 1)


if __name__ == "__main__":
    from benchmarks.__main__ import print_table

    print_table("search", run())
