"""What a search gives back (hits, results) and what any search engine must offer."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Protocol

# what the window and the command line say when only common words or punctuation were typed
NOTHING_TO_SEARCH = (
    "No word to search for: common words such as \u201cof\u201d and \u201cthe\u201d, "
    "punctuation, and words after NOT or - (which leave entries out) are not looked for."
)


def none_has(query: str) -> str:
    """What a corrected query's results open with: "No entry has" a one-word query, or "every
    word of" a longer one (an entry may have some of them). Without its quotes.

    A query that leaves words out ("fostering NOT panle") may have been mended in the words
    left out, which no entry was to have: the manual lacks a word of it."""
    # imported here: the window imports this module before its first paint, and the query
    # parser brings Whoosh, about 25 ms, which is loaded only after it
    from reader.search_query import EXCLUDED

    if not query.isupper() and EXCLUDED.search(query):
        return "The manual lacks a word of "
    return "No entry has " if len(query.split()) == 1 else "No entry has every word of "


def plain_text(snippet: str) -> str:
    """A snippet's HTML as the text it shows."""
    return html.unescape(re.sub(r"<[^>]+>", "", snippet))


@dataclass(frozen=True)
class Hit:
    """One entry found: where it sits, why it was found, the words to highlight in it."""

    number: str | None
    id: str
    title: str
    section: str  # "6. Children in Care > 6.4 Monitoring and Reviews"
    flags: tuple[str, ...]  # as in the contents: "new", "updated", "under_review"
    score: float  # higher ranks first; comparable only within one result
    snippet: str  # HTML: escaped text, matched words in <b class="match">...</b>
    terms: tuple[str, ...]  # words of this entry that matched, to highlight when opened
    notes: tuple[str, ...] = ()  # as in the contents: where to turn instead, whom to ask
    # a chapter whose text this edition lacks: found by its title and notes only, and opening
    # it gives a link to the online manual, which a person should know before choosing it
    online_only: bool = False
    # a "See also" of the contents: a pointer to another manual or page, as the tree shows it
    see_also: bool = False
    # why it is listed where the row shows none of the words typed: the vocabulary's terms
    # it was found as, as the vocabulary writes them ("section 47 enquiries" for "strategy
    # discussion"),
    # and the number of the section or subsection whose title has the words ("3.1", of
    # Contacts Referrals and Assessments, for "contacts"), with `section` marked as the
    # snippet is (HTML)
    found_as: tuple[str, ...] = ()
    # the long form of an abbreviation typed ("personal education plan" of "PEP") where the
    # last of `found_as` is some of its words: the status line above the results names it
    found_of: str = ""
    found_in: str = ""
    section_html: str = ""

    @property
    def reason(self) -> str:
        """Why it is listed, in plain words; empty where its title or text shows it. Said
        after `section`, which names the part found in: its number is enough; and below
        the status line, which names the long form of an abbreviation typed."""
        return self._reason(self.found_as)

    @property
    def reason_heard(self) -> str:
        """`reason` as a row read out alone says it: with the long form the words found are
        of ("education, of personal education plan"), as no status line is heard with it."""
        found_as = self.found_as
        if self.found_of and found_as:
            found_as = (*found_as[:-1], f"{found_as[-1]}, of {self.found_of}")
        return self._reason(found_as)

    def _reason(self, found_as: tuple[str, ...]) -> str:
        said = [f"Found as: {'; '.join(found_as)}"] if found_as else []
        if self.found_in:
            part = self.found_in if "." in self.found_in else f"section {self.found_in}"
            said.append(f"Found in the title of {part}")
        return ". ".join(said)

    @property
    def label(self) -> str:
        """The entry as the contents tree names it: "6.4.3 Looked After Reviews", or "See
        also: ..." for a pointer elsewhere, which has no number and is no chapter."""
        if self.see_also:
            return f"See also: {self.title}"
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def snippet_text(self) -> str:
        """The snippet as plain text."""
        return plain_text(self.snippet).strip()


@dataclass(frozen=True)
class SearchResult:
    """The answer to one query."""

    query: str
    suggestion: str | None  # "Did you mean ...": a corrected query, when a word is unknown
    hits: tuple[Hit, ...]
    used_fallback: bool  # no entry had every word, so these have any of them
    corrected: bool = False  # typed, it found nothing or only some words: hits are the suggestion's
    failure: str | None = None  # the search could not be run: why (the log has the rest)
    nothing_to_search: bool = False  # only common words ("of the") or punctuation were typed
    # an abbreviation typed alone that no entry has, nor its long form ("personal education
    # plan" for "PEP"): the hits (`used_fallback`) have some words of this
    stands_for: str | None = None
    # a chapter number typed that this edition has no entry of ("6.4.9"), and what the hits
    # then are instead: the section, subsection or chapter it would sit in ("6.4 Monitoring
    # and Reviews"), None where there is none ("11.1")
    no_such_number: str | None = None
    instead: str | None = None


def no_such_number_text(result: SearchResult) -> str:
    """What a search for a chapter number the edition lacks says, above its hits."""
    said = f"There is no {result.no_such_number} in this edition"
    if result.instead and result.hits:
        return f"{said}; these are the entries of {result.instead}."
    return f"{said}."


class Searcher(Protocol):
    """A search engine over one manual; `TitleSearcher` and `IndexSearcher` are two."""

    full_text: bool  # False: titles and notes only (the index is not ready)

    @property
    def problem(self) -> str | None:
        """A plain-words reason search works less well than it should, or None."""
        ...

    def search(self, query: str, *, limit: int = 20, section: str | None = None) -> SearchResult:
        """Hits for whatever was typed; never raises."""
        ...

    def close(self) -> None:
        """Let go of open files."""
        ...
