"""Full-text search with Whoosh: chapter text, headings and notes added to the title search."""

from __future__ import annotations

import logging
import threading
import traceback
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from whoosh.index import Index
from whoosh.query import And, Or, Phrase, Prefix, Query, Term
from whoosh.scoring import BM25F

from reader.manual import Entry, Manual
from reader.search_index import BROKEN_MARK, NGRAM_MAX, set_aside
from reader.search_query import STOP_WORDS, Alternative, Clause, pairs
from reader.search_snippet import Highlighter
from reader.search_titles import TEXT, Candidate, TitleSearcher
from reader.vocabulary import Vocabulary

log = logging.getLogger(__name__)

TEXT_FIELDS = ("title", "headings", "notes", "body")
SYNONYM_FIELDS = ("title", "notes", "body")
BODY_PREFIX_MIN = 4  # shorter prefixes of the word being typed would match half the text
SYNONYM_BOOST, PREFIX_BOOST = 0.8, 0.4
FAILED = (
    "The search index could not be read, so only titles and notes are searched; "
    "it will be rebuilt when the reader next starts."
)


def clause_query(clause: Clause) -> Query:
    """Any alternative of a clause, in any text field."""
    parts: list[Query] = []
    for alt in clause.alternatives:
        if alt.prefix:
            # the title n-grams hold stop words too: "and" being typed would list every title
            # with "and" in it; the titles' own search finds the words it may begin ("andrew")
            if len(alt.prefix) <= NGRAM_MAX and alt.prefix not in STOP_WORDS:
                parts.append(Term("title_prefix", alt.prefix, boost=PREFIX_BOOST))
            if len(alt.prefix) >= BODY_PREFIX_MIN:
                parts.append(Prefix("body", alt.prefix, boost=PREFIX_BOOST))
            continue
        boost = SYNONYM_BOOST if alt.synonym else 1.0
        # headings are also in the chapter text: asking them only adds weight, worth it for
        # what was typed, not for every synonym (each field asked costs time on long texts)
        fields = SYNONYM_FIELDS if alt.synonym else TEXT_FIELDS
        if len(alt.stems) == 1:
            parts += [Term(name, alt.stems[0], boost=boost) for name in fields]
            continue
        parts += [Phrase(name, list(alt.stems), boost=boost) for name in fields if name != "body"]
        # in chapter text a phrase is its neighbouring pairs, all present
        parts.append(And([Term("body_pairs", pair) for pair in pairs(alt.stems)], boost=boost))
    return Or(parts)


def section_filter(section: str) -> Query:
    """Entries of a section ("6") or subsection ("6.4")."""
    return Or([Term("section", section), Term("subsection", section),
               Prefix("number", section + ".")])


class IndexSearcher(TitleSearcher):
    """Searches titles, headings, notes and chapter text through a Whoosh index."""

    full_text = True

    def __init__(
        self,
        manual: Manual,
        vocabulary: Vocabulary | None,
        index: Index,
        words: dict[str, int],
        location: Path | None = None,
        read_only: bool = True,
    ) -> None:
        self._index_words = words
        super().__init__(manual, vocabulary)
        self._index = index
        self._location = None if read_only else location
        self._lock = threading.Lock()  # one Whoosh searcher, shared by the threads that ask
        self._searcher = index.searcher(weighting=BM25F())
        try:
            column = self._searcher.reader().column_reader("id", translate=True)
            self._ids = [str(column[n]) for n in range(self._searcher.doc_count_all())]
        except BaseException:
            # its files stay open otherwise, and on Windows the index cannot be set aside
            self._searcher.close()
            raise
        self._entries = {entry.id: entry for entry in manual.entries()}
        self._docnums = {entry_id: n for n, entry_id in enumerate(self._ids)}

    def close(self) -> None:
        """Close the index files."""
        with self._lock:
            self._searcher.close()

    def _word_counts(self) -> Counter[str]:
        return super()._word_counts() + Counter(self._index_words)

    def _text_matches(
        self, clauses: Sequence[Clause], require_all: bool, section: str | None, want: int
    ) -> list[Candidate]:
        if self._problem:
            return super()._text_matches(clauses, require_all, section, want)
        queries = [clause_query(clause) for clause in clauses]
        whole = And(queries) if require_all else Or(queries)
        try:
            with self._lock:
                results = self._searcher.search(
                    whole, limit=want, filter=section_filter(section) if section else None,
                    terms=not require_all,
                )
                found = []
                for hit in results:
                    entry = self._entry_at(hit.docnum)
                    if entry is None:
                        continue
                    matched = (
                        len(clauses) if require_all
                        else _clauses_matched(clauses, hit.matched_terms())
                    )
                    order = self._order[entry.id]
                    found.append(Candidate(entry, order, TEXT, hit.score, matched))
                return found
        except Exception as exc:  # a damaged index must not stop search: titles still work
            self._failed(exc)
            return super()._text_matches(clauses, require_all, section, want)

    def _snippet(self, entry: Entry, highlighter: Highlighter) -> tuple[str, tuple[str, ...]]:
        body, notes = self._stored_text(entry.id)
        if body:
            snippet, words = highlighter.snippet(body)
            # a chapter found by its amendment note ("revised in September 2024") shows the
            # note, not an opening paragraph without a word of the query in it
            if words or not highlighter.spans(notes):
                title_words = tuple(w for _, _, w in highlighter.spans(entry.title))
                return snippet, tuple(dict.fromkeys(title_words + words))
        return self._notes_snippet(entry, notes, highlighter)

    def _entry_at(self, docnum: int) -> Entry | None:
        return self._entries.get(self._ids[docnum]) if docnum < len(self._ids) else None

    def _stored_text(self, entry_id: str) -> tuple[str, str]:
        """An entry's chapter text and its notes (the contents' and the chapter's amendment
        note) as the index holds them; empty when the index cannot say."""
        docnum = self._docnums.get(entry_id)
        if docnum is None or self._problem:
            return "", ""
        try:
            with self._lock:
                stored = self._searcher.stored_fields(docnum)
        except Exception as exc:
            self._failed(exc)
            return "", ""
        return str(stored.get("text", "")), " ".join(str(stored.get("notes", "")).split())

    def _failed(self, exc: Exception) -> None:
        """Fall back to titles and notes, and set the index aside so the next start rebuilds."""
        # where it failed, not what it said: a term of the query (a child's name searched
        # for) may be in the message, and the log never holds what was searched
        log.error("the search index failed: %s, at\n%s", type(exc).__name__,
                  "".join(traceback.format_tb(exc.__traceback__)).rstrip())
        self._problem = FAILED
        if self._location is not None:
            try:
                set_aside(self._location, BROKEN_MARK)
            except OSError:
                log.exception("could not set aside %s", self._location)
            self._location = None


def _clauses_matched(clauses: Sequence[Clause], terms: object) -> int:
    """How many clauses a document matched, from the terms Whoosh says it matched."""
    texts = set()
    for _, text in terms or ():  # type: ignore[attr-defined]
        texts.add(text.decode("utf-8") if isinstance(text, bytes) else str(text))
    return sum(1 for clause in clauses
               if any(_alternative_matched(alt, texts) for alt in clause.alternatives))


def _alternative_matched(alt: Alternative, texts: set[str]) -> bool:
    """A word, a prefix, or a phrase whose every word (or, in chapter text, every pair) is
    among the matched terms: one word of "child protection conference" is not the phrase."""
    if alt.prefix:
        return any(text.startswith(alt.prefix) for text in texts)
    if len(alt.stems) == 1:
        return alt.stems[0] in texts
    return set(alt.stems) <= texts or set(pairs(alt.stems)) <= texts
