"""Search of the manual: what the window and the command line call.

Two engines answer the same `Searcher` interface:

- `title_searcher(manual)`: titles and notes in memory, ready at once, for use while the
  full-text index is opened or built;
- `open_search(manual, progress=..., cancel=...)`: opens the full-text index (Whoosh) or
  builds it, then returns an `IndexSearcher`. Building takes seconds, so call it from a
  worker thread; it is plain Python and never raises except `BuildCancelled`.

The modules behind: search_query (what a query means), search_titles (title ranking, the
shared flow), search_whoosh (full text), search_index (the index on disk), search_snippet,
search_spelling ("did you mean"), search_documents (what is indexed), vocabulary (synonyms).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from reader.manual import Manual, Problem
from reader.search_index import (
    PREBUILT_DIR,
    BuildCancelled,
    CancelCheck,
    ProgressCallback,
    build_prebuilt_index,
    ensure_index,
    set_aside,
)
from reader.search_results import Hit, Searcher, SearchResult
from reader.search_titles import TitleSearcher
from reader.search_whoosh import IndexSearcher
from reader.vocabulary import VOCABULARY_FILE, Vocabulary, load_vocabulary

log = logging.getLogger(__name__)

__all__ = [
    "PREBUILT_DIR", "BuildCancelled", "CancelCheck", "Hit", "IndexSearcher", "IndexStatus",
    "OpenedSearch", "ProgressCallback", "SearchResult", "Searcher", "TitleSearcher",
    "build_prebuilt_index", "load_search_vocabulary", "open_search", "title_searcher",
]


@dataclass(frozen=True)
class IndexStatus:
    """Where the full-text index is and how it came to be; `message` is for the person."""

    path: Path | None  # None: in memory for this session, or no index at all
    read_only: bool  # the index shipped with the manual, used in place
    built: bool  # built just now (the first time, or after a change or a fault)
    message: str | None  # plain words when something was wrong and was put right


@dataclass(frozen=True)
class OpenedSearch:
    """The full-text engine, the index's status, and faults found in the vocabulary."""

    searcher: Searcher
    status: IndexStatus
    problems: tuple[Problem, ...]


def load_search_vocabulary(manual: Manual) -> tuple[Vocabulary, tuple[Problem, ...]]:
    """The manual's synonyms (`vocabulary.json` in its content folder) and their faults."""
    vocabulary, problems = load_vocabulary(manual.root / VOCABULARY_FILE)
    for problem in problems:
        log.warning("vocabulary problem: %s", problem)
    return vocabulary, problems


def title_searcher(manual: Manual, vocabulary: Vocabulary | None = None) -> TitleSearcher:
    """An engine over titles and notes, ready at once; no index needed."""
    if vocabulary is None:
        vocabulary, _ = load_search_vocabulary(manual)
    return TitleSearcher(manual, vocabulary)


def open_search(
    manual: Manual,
    *,
    rebuild: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    cache_root: Path | None = None,
    use_prebuilt: bool = True,
) -> OpenedSearch:
    """Open (or build, with progress) the full-text index; slow: run it on a worker thread.

    `progress(done, total)` is called from the calling thread while building; `cancel()`
    returning True stops a build with `BuildCancelled`. Anything else that goes wrong ends
    in a working engine and a message: titles only, at worst.
    """
    vocabulary, problems = load_search_vocabulary(manual)
    try:
        opened = ensure_index(
            manual, cache_root=cache_root, rebuild=rebuild, use_prebuilt=use_prebuilt,
            progress=progress, cancel=cancel,
        )
    except BuildCancelled:
        raise
    except Exception as exc:  # the last resort: search titles rather than fail
        log.exception("full-text search is unavailable")
        status = IndexStatus(None, False, False, _titles_only(exc))
        return OpenedSearch(TitleSearcher(manual, vocabulary), status, problems)
    status = IndexStatus(opened.path, opened.read_only, opened.built, opened.message)
    try:
        searcher = IndexSearcher(
            manual, vocabulary, opened.index, opened.words, opened.path, opened.read_only
        )
    except Exception as exc:  # the files passed their checks but Whoosh cannot read them
        log.exception("cannot search the index at %s", opened.path)
        if opened.path is not None and not opened.read_only:
            try:
                set_aside(opened.path)
            except OSError:  # files held open elsewhere (Windows): the next start tries again
                log.exception("cannot set the index at %s aside", opened.path)
        status = IndexStatus(None, False, False, _titles_only(exc))
        return OpenedSearch(TitleSearcher(manual, vocabulary), status, problems)
    return OpenedSearch(searcher, status, problems)


def _titles_only(exc: Exception) -> str:
    # "No space left on device: /the/folder", not "OSError: [Errno 28] No space left..."
    if isinstance(exc, OSError) and exc.strerror:
        why = f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    else:
        why = f"{type(exc).__name__}: {exc}"
    return (f"Full-text search is unavailable ({why}); searching titles and notes only. "
            "The log has the details.")
