"""Abbreviations and synonyms of the field, for search: groups of terms that mean the same.

The data lives in the content folder (`vocabulary.json`) so it travels with the manual and
anyone can extend it. A search for any term of a group also finds the other terms of every
group it belongs to. A faulty file is reported as `Problem`s (file:line) and the usable
groups are still used; search works, without synonyms, when none are.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from reader.json_text import parse_json, string_lines
from reader.manual import CONTENT_ENCODING, Problem, unreadable_reason
from reader.text_encoding import undecodable_line

VOCABULARY_FILE = "vocabulary.json"
VOCABULARY_FORMAT = 1
# far more ways of writing one thing than any field has (the bundled file's largest group has
# 14); it bounds what one typed term adds to a search
MAX_GROUP_TERMS = 50
MIN_SPELLED = 4  # shorter words of terms ("hub", "at") are no help in spelling
WORD = re.compile(r"\w+(?:\.?\w+)*")  # the tokenizer Whoosh uses by default: keeps "s.47"

TermKey = Callable[[str], tuple[str, ...]]


def plain_key(text: str) -> tuple[str, ...]:
    """A term as lower-case words: how terms compare when no stemmer is given."""
    return tuple(word.lower() for word in WORD.findall(text))


@dataclass(frozen=True)
class TermGroup:
    """Terms that mean the same thing, with a line saying what they are."""

    terms: tuple[str, ...]
    about: str = ""
    line: int | None = None


@dataclass(frozen=True)
class VocabularyMatch:
    """A run of query words that is a vocabulary term, and what else it may be written as."""

    start: int  # index of the first matched word
    end: int  # index after the last matched word
    equivalents: tuple[str, ...]  # the other terms, as written in the vocabulary


class Vocabulary:
    """Looks up runs of words among the groups' terms, both ways."""

    def __init__(self, groups: Sequence[TermGroup] = (), key: TermKey = plain_key) -> None:
        self.groups = tuple(groups)
        self.key = key

    @cached_property
    def _keyed(self) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]:
        """Each group's terms beside their keys, computed once."""
        return tuple(tuple((term, self.key(term)) for term in g.terms) for g in self.groups)

    @cached_property
    def _by_key(self) -> dict[tuple[str, ...], tuple[int, ...]]:
        """Each term's key, to the groups it belongs to, in the file's order.

        A key points at its groups rather than at their other terms: a group of n terms costs
        n entries, not n * n, and the other terms are gathered when a search asks for them.
        """
        found: dict[tuple[str, ...], dict[int, None]] = {}
        for index, keyed in enumerate(self._keyed):
            for _, term_key in keyed:
                if term_key:
                    found.setdefault(term_key, {})[index] = None
        return {term_key: tuple(indexes) for term_key, indexes in found.items()}

    @cached_property
    def _longest(self) -> int:
        return max((len(k) for k in self._by_key), default=0)

    def _others(self, term_key: tuple[str, ...]) -> tuple[str, ...]:
        """The other terms of every group with this key, first seen first."""
        # a dict keeps first-seen order, so expansions come out the same every time
        found: dict[str, None] = {}
        for index in self._by_key.get(term_key, ()):
            for other, other_key in self._keyed[index]:
                if other_key and other_key != term_key:
                    found[other] = None
                    if len(found) == MAX_GROUP_TERMS:  # a query could not use more anyway
                        return tuple(found)
        return tuple(found)

    def __len__(self) -> int:
        return len(self.groups)

    def with_key(self, key: TermKey) -> Vocabulary:
        """The same groups compared another way (the search passes its stemmer)."""
        return Vocabulary(self.groups, key)

    def knows(self, text: str) -> bool:
        """Whether `text` is a term, or a word of a term, of some group."""
        return self.key(text) in self._by_key or text.lower() in self._words

    @cached_property
    def _words(self) -> frozenset[str]:
        return frozenset(w for g in self.groups for t in g.terms for w in plain_key(t))

    @cached_property
    def spelled_words(self) -> frozenset[str]:
        """The lower-case words of the terms, abbreviations left out, for spelling: "separated"
        and "gillick" are words a person may misspell though the manual's text lacks them."""
        return frozenset(
            word.lower() for g in self.groups for t in g.terms for word in WORD.findall(t)
            if word.isalpha() and len(word) >= MIN_SPELLED
            and sum(c.isupper() for c in word) <= 1  # "CAMHS" and "SGOs" are abbreviations
        )

    @cached_property
    def names(self) -> dict[str, str]:
        """Words the terms write with a capital, and only so ("Fraser", "Gillick"), by their
        lower case: a correction to one is shown as the vocabulary writes it."""
        written: dict[str, set[str]] = {}
        for group in self.groups:
            for term in group.terms:
                for word in WORD.findall(term):
                    written.setdefault(word.lower(), set()).add(word)
        return {lower: next(iter(forms)) for lower, forms in written.items()
                if len(forms) == 1 and next(iter(forms)).istitle() and lower.isalpha()}

    def completions(self, prefix: str, most: int = 3) -> tuple[str, ...]:
        """One-word terms that begin with what is being typed ("respi": "respite")."""
        prefix = prefix.lower()
        start = bisect.bisect_left(self._single_words, prefix)
        found = []
        for word in self._single_words[start:]:
            if not word.startswith(prefix) or len(found) == most:
                break
            if word != prefix:
                found.append(word)
        return tuple(found)

    @cached_property
    def _single_words(self) -> list[str]:
        return sorted({t.lower() for g in self.groups for t in g.terms if len(plain_key(t)) == 1})

    def equivalents(self, text: str) -> tuple[str, ...]:
        """Every other way of writing `text`; empty if it is no term of ours."""
        return self._others(self.key(text))

    def matches(self, keys: Sequence[str]) -> list[VocabularyMatch]:
        """The terms in a run of words (each already passed through `key`), longest first."""
        found = []
        start = 0
        while start < len(keys):
            for end in range(min(len(keys), start + self._longest), start, -1):
                equivalents = self._others(tuple(keys[start:end]))
                if equivalents:
                    found.append(VocabularyMatch(start, end, equivalents))
                    start = end
                    break
            else:
                start += 1
        return found


def load_vocabulary(path: Path) -> tuple[Vocabulary, tuple[Problem, ...]]:
    """The vocabulary in `path`, and what is wrong with the file; never raises."""
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding=CONTENT_ENCODING)
    except FileNotFoundError:
        return Vocabulary(), ()  # a content folder without synonyms is allowed
    except (OSError, UnicodeDecodeError) as exc:
        message = f"{unreadable_reason(exc)}; search works without synonyms"
        return Vocabulary(), (Problem(path, undecodable_line(exc), message),)
    try:
        data = parse_json(text)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg}; search works without synonyms"
        return Vocabulary(), (Problem(path, exc.lineno, message),)
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        message = 'must be an object with a "groups" list; search works without synonyms'
        return Vocabulary(), (Problem(path, 1, message),)
    if data.get("format", VOCABULARY_FORMAT) != VOCABULARY_FORMAT:
        message = f"format {data.get('format')!r}; this reader reads {VOCABULARY_FORMAT}"
        problems.append(Problem(path, 1, message))
    texts = _TextLines(text)
    groups = []
    search_from = 0
    for number, raw in enumerate(data["groups"], start=1):
        line = texts.first_from(_first_text(raw), search_from)
        if line is not None:
            search_from = line  # the next group is looked for on the lines after this one
        group = _parse_group(raw, number, path, line, problems)
        if group:
            groups.append(group)
    problems += _crowded_terms(groups, path)
    return Vocabulary(groups), tuple(problems)


def _crowded_terms(groups: Sequence[TermGroup], path: Path) -> list[Problem]:
    """Terms in so many groups that a search uses only the first of their other terms."""
    others: dict[tuple[str, ...], dict[str, None]] = {}
    problems = []
    for group in groups:
        keyed = [(term, plain_key(term)) for term in group.terms]
        for term, term_key in keyed:
            found = others.setdefault(term_key, {})
            if not term_key or len(found) > MAX_GROUP_TERMS:
                continue  # reported already: no need to count further
            found.update((other, None) for other, other_key in keyed if other_key != term_key)
            if len(found) > MAX_GROUP_TERMS:
                message = (f'"{term}" is in so many groups that a search for it uses only'
                           f" the first {MAX_GROUP_TERMS} of its other terms")
                problems.append(Problem(path, group.line, message))
    return problems


def _parse_group(
    raw: Any, number: int, path: Path, line: int | None, problems: list[Problem]
) -> TermGroup | None:
    """One group: {"terms": [...], "about": "..."} or a bare list of terms."""
    about = ""
    if isinstance(raw, dict):
        about = raw.get("about") if isinstance(raw.get("about"), str) else ""
        raw = raw.get("terms")
    where = f"group {number}"
    if not isinstance(raw, list):
        problems.append(Problem(path, line, f'{where} has no "terms" list; it is skipped'))
        return None
    terms = [term.strip() for term in raw if isinstance(term, str) and term.strip()]
    if len(terms) != len(raw):
        problems.append(Problem(path, line, f"{where}: every term must be non-empty text"))
    if len(terms) < 2:
        problems.append(Problem(path, line, f"{where} needs at least two terms; it is skipped"))
        return None
    if len(terms) > MAX_GROUP_TERMS:
        message = f"{where} has {len(terms)} terms; only the first {MAX_GROUP_TERMS} are used"
        problems.append(Problem(path, line, message))
        terms = terms[:MAX_GROUP_TERMS]
    return TermGroup(tuple(terms), about, line)


def _first_text(raw: Any) -> str | None:
    """The text a group is found by in the file: its "about", else its first term."""
    if isinstance(raw, dict):
        if isinstance(raw.get("about"), str):
            return raw["about"]
        raw = raw.get("terms")
    if isinstance(raw, list):
        return next((term for term in raw if isinstance(term, str)), None)
    return raw if isinstance(raw, str) else None


class _TextLines:
    """The lines of a JSON file on which each text value is written, however it is escaped.

    Read once, so finding every group's line costs one pass over the file, not one per group.
    """

    def __init__(self, text: str) -> None:
        self._lines = string_lines(text)

    def first_from(self, value: str | None, start: int) -> int | None:
        """The first line after line `start` that holds `value` as text, or None."""
        lines = self._lines.get(value, []) if value is not None else []
        index = bisect.bisect_right(lines, start)
        return lines[index] if index < len(lines) else None
