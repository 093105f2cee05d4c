"""Why a result is listed, where its row does not show the words typed.

A result found through the field's vocabulary ("strategy discussion" finds Section 47
Enquiries) or through the title of the section it sits in ("contacts": 3.1 Contacts Referrals
and Assessments) shows none of the words typed, and a person doubts it. This says what it was
found as, in the vocabulary's own words, and claims nothing the vocabulary or the contents do
not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from reader.search_query import STOP_WORDS, Alternative, Clause, analyze, words_of
from reader.search_snippet import Highlighter


@dataclass(frozen=True)
class Reason:
    """What a row was found as (vocabulary terms, as the vocabulary writes them), and whether
    some word typed is left unexplained by that: then the title of its section is why, if
    anything."""

    found_as: tuple[str, ...] = ()
    unseen: bool = False  # some word typed is neither in the row nor found as another term
    # the long form an abbreviation typed stands for, where the last of `found_as` is some of
    # its words ("education" of "personal education plan")
    found_of: str = ""


@dataclass
class Reasons:
    """One search's clauses, asked of each row in turn; highlighters built once per search.

    `long_form`: what an abbreviation typed alone stands for ("personal education plan" for
    "PEP") when the results have only some of its words; `abbreviation` is what was typed.
    """

    clauses: Sequence[Clause]
    abbreviation: str = ""
    long_form: str = ""
    # the vocabulary's terms by their stems, as `written_terms` gives them: a search keeps
    # one of "section 47 enquiry" and "section 47 enquiries", and a row may have the other
    written: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    _typed: dict[int, Highlighter] = field(default_factory=dict)
    _others: dict[int, list[tuple[Alternative, Highlighter]]] = field(default_factory=dict)

    def of(self, shown: str) -> Reason:
        """Why a row is listed, given the text it shows (title, notes, snippet)."""
        found: list[str] = []
        words: list[str] = []  # words of `long_form`, found one by one
        unseen = False
        for number, clause in enumerate(self.clauses):
            if self._typed_highlighter(number, clause).spans(shown):
                continue  # the word typed, or a form of it, is there to see
            term, alt = self._other_term(number, clause, shown)
            if term is None or alt is None:
                unseen = True
            elif self.long_form and alt.term.lower() == clause.text.lower():
                # a word of what the abbreviation stands for, as the long form writes it
                # ("education", where the row has "Educational")
                words.append(clause.text)
            elif not _spelt_out(self.abbreviation or clause.text, term):
                found.append(term)  # "LAC" as "Looked After" says itself; this does not
        found = _widest(found)
        if words:
            # the status line names the long form; the row says which of its words it has
            found.append(" and ".join(words))
        return Reason(tuple(found), unseen, self.long_form if words else "")

    def _typed_highlighter(self, number: int, clause: Clause) -> Highlighter:
        if number not in self._typed:
            typed = tuple(alt for alt in clause.alternatives if _is_typed(alt, clause))
            self._typed[number] = Highlighter.for_clauses([Clause(clause.text, typed)])
        return self._typed[number]

    def _other_term(self, number: int, clause: Clause, shown: str
                    ) -> tuple[str | None, Alternative | None]:
        """The vocabulary's term the row shows for a clause, as the vocabulary writes it: the
        one of most words ("section 47 enquiries" before "section 47"), in the form nearest the
        row's ("children in care" for "Children to Care", not "child in care": the row's own
        words, "to" among them, are marked there already)."""
        if number not in self._others:
            others = [alt for alt in clause.alternatives if not _is_typed(alt, clause)]
            others.sort(key=lambda alt: -len(alt.stems))
            self._others[number] = [(alt, Highlighter.for_clauses([Clause(alt.term, (alt,))]))
                                    for alt in others]
        for alt, highlighter in self._others[number]:
            spans = highlighter.spans(shown)
            if spans:
                size = max(1, len(alt.stems))
                seen = shown[spans[0][0]:spans[min(size, len(spans)) - 1][1]]
                return _nearest(self.written.get(alt.stems, ()) or (alt.term,), seen), alt
        return None, None


def _is_typed(alt: Alternative, clause: Clause) -> bool:
    """What was typed, another form or number of it, or the word being typed: not a term
    only the vocabulary gives. A word of an abbreviation's long form is no word typed."""
    if alt.prefix:
        return True
    return not alt.synonym or alt.other_number


def written_terms(terms: Iterable[str]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """The vocabulary's terms by their stems, each as it writes them: ("section", "47",
    "enquiri") is "section 47 enquiry" and "section 47 enquiries"."""
    found: dict[tuple[str, ...], dict[str, None]] = {}
    for term in terms:
        found.setdefault(tuple(analyze(term)), {})[term] = None
    return {stems: tuple(forms) for stems, forms in found.items()}


def _nearest(terms: Sequence[str], seen: str) -> str:
    """Of the vocabulary's ways of writing a term, the one the row's words are ("children in
    care" for "Children in Care"), else the one with its words but small ones ("children in
    care" for "Children to Care"), else the first."""
    for words in (words_of, _kept_words):
        for term in terms:
            if words(term) == words(seen):
                return term
    return terms[0]


def _kept_words(text: str) -> list[str]:
    """The words of a text but its stop words, in lower case: "Children to Care" and
    "children in care" alike."""
    return [word for word in words_of(text) if word not in STOP_WORDS]


def _spelt_out(typed: str, term: str) -> bool:
    """Whether a term is what a word typed is the initials of: "s47" and "section 47
    enquiries", "LAC" and "looked after", "CiC" and "child in care", "SGOs" and "special
    guardianship"."""
    letters = re.sub(r"\W", "", typed.lower())
    if len(words_of(typed)) != 1 or len(letters) < 2:
        return False
    # "SGOs": the plural of an abbreviation
    typed_forms = {letters, letters[:-1]} if len(letters) > 2 and letters[-1] == "s" else {letters}
    words = words_of(term)
    for kept in (words, [w for w in words if w not in STOP_WORDS]):
        initials = "".join(w if w.isdigit() else w[0] for w in kept)
        # "LAC" is "looked after" and a letter more, no longer word that begins the same
        if len(kept) > 1 and any(initials.startswith(form) or form.startswith(initials)
                                 and len(form) <= len(initials) + 1 for form in typed_forms):
            return True
    return False


def _widest(found: list[str]) -> list[str]:
    """Each term once, less those whose words another term listed holds."""
    unique = list(dict.fromkeys(found))
    return [term for term in unique
            if not any(other != term and set(words_of(term)) < set(words_of(other))
                       for other in unique)]
