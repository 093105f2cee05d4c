"""Snippets: the best short stretch of a text for a query, matched words in bold.

Matching is done here rather than by Whoosh's highlighter: one regular expression finds the
few candidate words in a chapter's text, and only those are stemmed, which keeps a snippet
under a millisecond for a 3,000-word chapter.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from html import escape

from reader.search_query import STOP_WORDS, Clause, analyze, stem_word

SNIPPET_CHARS = 220
LEAD_CHARS = 60  # context shown before the first matched word
MAX_TERMS = 24
MATCH_OPEN, MATCH_CLOSE = '<b class="match">', "</b>"


@dataclass(frozen=True)
class Highlighter:
    """Finds the words a query matched in a text; a phrase's words only where together."""

    stems: frozenset[str]
    phrases: tuple[tuple[str, ...], ...] = ()
    prefixes: tuple[str, ...] = ()

    @classmethod
    def for_clauses(cls, clauses: Sequence[Clause]) -> Highlighter:
        """A highlighter for what a query's clauses match."""
        alternatives = [alt for clause in clauses for alt in clause.alternatives]
        stems = frozenset(alt.stems[0] for alt in alternatives if len(alt.stems) == 1)
        phrases = {alt.stems for alt in alternatives if len(alt.stems) > 1}
        prefixes = {alt.prefix for alt in alternatives if alt.prefix}
        return cls(stems, tuple(sorted(phrases)), tuple(sorted(prefixes, key=len, reverse=True)))

    @cached_property
    def _candidates(self) -> re.Pattern[str] | None:
        # a stem may end differently from its words ("famili" for "family"): match one
        # letter less, then check the stem of each candidate
        wanted = set(self.stems).union(*self.phrases)
        starts = {s[:-1] if len(s) > 3 else s for s in wanted} | set(self.prefixes)
        if not starts:
            return None
        alternation = "|".join(re.escape(s) for s in sorted(starts, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?=(?:{alternation}))\w+(?:\.?\w+)*", re.IGNORECASE)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, lower-case word) of every matched word, in order."""
        pattern = self._candidates
        if pattern is None:
            return []
        found = [(m.start(), m.end(), m.group().lower()) for m in pattern.finditer(text)]
        stems = [stem_word(word) for _, _, word in found]
        keep = {
            i for i, (_, _, word) in enumerate(found)
            if stems[i] in self.stems
            # a stop word is no match even where it begins the word being typed ("for")
            or (self.prefixes and word.startswith(self.prefixes) and word not in STOP_WORDS)
        }
        starts: dict[str, list[int]] = {}
        for i, stem in enumerate(stems):
            starts.setdefault(stem, []).append(i)
        for phrase in self.phrases:
            size = len(phrase)
            for i in starts.get(phrase[0], ()):
                # the words follow each other, with nothing but stop words between them
                if tuple(stems[i : i + size]) == phrase and all(
                    not analyze(text[found[k][1] : found[k + 1][0]])
                    for k in range(i, i + size - 1)
                ):
                    keep.update(range(i, i + size))
        return [found[i] for i in sorted(keep)]

    def mark(self, text: str) -> str:
        """A short text as HTML with every matched word in bold."""
        return _marked(text, self.spans(text), 0, len(text))

    def snippet(self, text: str) -> tuple[str, tuple[str, ...]]:
        """The best stretch of a long text as HTML, and the distinct words that matched."""
        text = " ".join(text.split())
        spans = self.spans(text)
        terms = tuple(dict.fromkeys(word for _, _, word in spans))[:MAX_TERMS]
        if not spans:
            return _cut(text, 0), ()
        first, last = _best_window(spans)
        start = _word_start(text, max(0, spans[first][0] - LEAD_CHARS))
        # never end a snippet before the last word it was chosen for
        end = max(_word_end(text, start + SNIPPET_CHARS), spans[last][1])
        html = _marked(text, spans, start, end)
        return ("\u2026 " if start else "") + html + (" \u2026" if end < len(text) else ""), terms


def _best_window(spans: list[tuple[int, int, str]]) -> tuple[int, int]:
    """The run of matches within one snippet's width with most distinct words, then most."""
    best = (0, 0, 0, 0)  # distinct, count, first, last
    counts: Counter[str] = Counter()
    right = 0
    for left in range(len(spans)):
        while right < len(spans) and spans[right][1] - spans[left][0] <= SNIPPET_CHARS - LEAD_CHARS:
            counts[stem_word(spans[right][2])] += 1
            right += 1
        distinct = len(counts)
        if (distinct, right - left) > best[:2]:
            best = (distinct, right - left, left, max(left, right - 1))
        key = stem_word(spans[left][2])
        counts[key] -= 1
        if not counts[key]:
            del counts[key]
    return best[2], best[3]


def _cut(text: str, start: int) -> str:
    end = _word_end(text, start + SNIPPET_CHARS)
    return escape(text[start:end]) + (" \u2026" if end < len(text) else "")


def _word_start(text: str, index: int) -> int:
    if index <= 0:
        return 0
    space = text.find(" ", index)
    return space + 1 if 0 <= space < index + 30 else index


def _word_end(text: str, index: int) -> int:
    if index >= len(text):
        return len(text)
    space = text.rfind(" ", index - 30, index)
    return space if space > 0 else index


def _marked(text: str, spans: list[tuple[int, int, str]], start: int, end: int) -> str:
    parts = []
    position = start
    for span_start, span_end, _ in spans:
        if span_start < start or span_end > end:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(MATCH_OPEN + escape(text[span_start:span_end]) + MATCH_CLOSE)
        position = span_end
    parts.append(escape(text[position:end]))
    return "".join(parts)
