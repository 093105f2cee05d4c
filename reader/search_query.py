"""What a typed query means: cleaned text, clauses of alternative words, numbers, sections.

The index and the query must cut text into words the same way; `ANALYZER` (for Whoosh) and
`analyze` (here, for queries, titles and highlighting) are two spellings of one rule:
Whoosh's word pattern, lower case, stop words out, Porter stems.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.analysis.filters import STOP_WORDS as WHOOSH_STOP_WORDS
from whoosh.lang.porter2 import stem  # Porter2: "delegated" and "delegation" agree

from reader.search_british import british
from reader.vocabulary import WORD, Vocabulary

# "s" is what is left of a possessive ("children's"); it carries no meaning
STOP_WORDS = frozenset(WHOOSH_STOP_WORDS | {"s"})
# minsize=1 keeps single digits: "Section 7", "6 months"
ANALYZER = (
    RegexTokenizer(WORD.pattern)
    | LowercaseFilter()
    | StopFilter(stoplist=STOP_WORDS, minsize=1)
    | StemFilter(stemfn=stem)
)
# Chapter text is cut into stems once, by `analyze`, and handed to Whoosh already cut:
# as stems (field "body") and as each stem joined to the next ("child+protect", field
# "body_pairs"), so a phrase in chapter text is a few term look-ups, far cheaper than
# Whoosh's position matching. Building takes half the time of analysing the text twice.
PRE_ANALYZED = RegexTokenizer(r"\S+")
MAX_QUERY_CHARS = 200  # longer input is cut: nobody types more, and the cost stays bounded
MAX_CLAUSES = 12
MIN_PREFIX = 3  # the word being typed matches title words it begins, from 3 letters
MIN_COMPLETION = 4  # ... and the vocabulary's one-word terms it begins, from 4
NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?$")
# "chapter 6,4,3" with a comma for a dot, as "6,4,3" typed alone (`COMMA_NUMBER`)
SECTION = re.compile(r"^(?:section|chapter)\s+(\d+(?:\.\d+)*|\d{1,2}(?:,\d{1,2})+)\.?$",
                     re.IGNORECASE)
QUOTED = re.compile(r'"([^"]*)(?:"|$)')
CHAPTER_NUMBER = re.compile(r"^\d+(?:\.\d+)+$")  # "6.4.3" among words: that chapter first
# a chapter number with a comma for a dot, typed alone: "6,4". The manual's numbers have
# parts of one or two digits, so "1,000" is a thousand, not a chapter.
COMMA_NUMBER = re.compile(r"^\d{1,2}(?:,\d{1,2})+\.?$")
LEADING_ZEROS = re.compile(r"(?<![\d.])0+(?=\d)")  # "06.4": no number of the manual has them
# "adoption NOT panel", "adoption -panel": entries with the word are left out. Only in
# capitals, and a hyphen only before a word, never inside one: "step-parent" is one word,
# and "looked after or not" is plain English.
EXCLUDED = re.compile(r"(?:(?<!\S)-|\bNOT\s+)(\w+(?:\.?\w+)*)")
MINUS = re.compile(r"(?<!\S)-(\w+(?:\.?\w+)*)")  # all typed in capitals, NOT is a word
EITHER = re.compile(r"\s+OR\s+")  # "foster OR adoption": either word will do
# curly quotes made straight; and a Turkish keyboard's capital dotted I made plain, which
# lower() would turn into "i" and a combining dot that no word of the manual has
# plurals Porter leaves apart, by stem: "children in care" is "child in care" in the plural
IRREGULAR_PLURALS = {"children": "child", "peopl": "person"}
QUOTES = str.maketrans({c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"}
                       | {"\u0130": "I"})


@lru_cache(maxsize=100_000)
def stem_word(word: str) -> str:
    """The Porter stem of one lower-case word, as the index holds it."""
    return stem(word)


def words_of(text: str) -> list[str]:
    """The lower-case words of a text, stop words included."""
    return [word.lower() for word in WORD.findall(text)]


def analyze(text: str) -> list[str]:
    """The terms the index holds for a text: stems, stop words left out."""
    return [stem_word(word) for word in words_of(text) if word not in STOP_WORDS]


def singular(stems: Sequence[str]) -> tuple[str, ...]:
    """Stems with the plurals Porter leaves alone made singular, for comparing terms."""
    return tuple(IRREGULAR_PLURALS.get(stem, stem) for stem in stems)


def pairs(stems: Sequence[str]) -> list[str]:
    """Each stem joined to the next ("child+protect"), as the index holds chapter text."""
    return [f"{a}+{b}" for a, b in zip(stems, stems[1:], strict=False)]


def stem_key(text: str) -> tuple[str, ...]:
    """How vocabulary terms compare: every word stemmed, stop words kept ("section 47")."""
    return tuple(stem_word(word) for word in words_of(text))


@dataclass(frozen=True)
class Alternative:
    """One way a clause may match: a word or phrase (stems), or a title-word prefix."""

    stems: tuple[str, ...] = ()  # one stem: a word; more: a phrase, in order
    prefix: str = ""  # lower-case start of a word, for the word still being typed
    synonym: bool = False  # from the vocabulary, not what was typed
    term: str = ""  # a synonym as the vocabulary writes it; a word as the manual spells it
    # the typed term in the other number ("children in care" for "child in care"): a title
    # with it has what was typed; chapter text weighs it as a synonym, the form typed first
    other_number: bool = False

    @classmethod
    def of_synonym(cls, term: str) -> Alternative:
        """A vocabulary term as an alternative."""
        return cls(tuple(analyze(term)), synonym=True, term=term)


@dataclass(frozen=True)
class Clause:
    """One thing the person asked for; it matches if any of its alternatives does."""

    text: str
    alternatives: tuple[Alternative, ...]
    quoted: bool = False
    either: bool = False  # "foster OR adoption": its words are alternatives, never all needed

    def all_stems(self) -> set[str]:
        """Every stem of every alternative."""
        return {s for alt in self.alternatives for s in alt.stems}



@dataclass(frozen=True)
class ParsedQuery:
    """A query made ready for the engines."""

    text: str  # cleaned: what the person typed, without control characters
    clauses: tuple[Clause, ...]
    number: str | None = None  # the whole query is a number such as 6.4.3
    section: str | None = None  # the query is "section 6": the section it names
    words: tuple[str, ...] = ()  # typed words worth spell-checking, lower case
    excluded: tuple[Clause, ...] = ()  # "NOT panel", "-panel": entries with these are left out
    left_out: tuple[str, ...] = ()  # the words of `excluded` worth spell-checking, lower case
    named: tuple[str, ...] = ()  # chapter numbers typed among words: "6.4.3 looked after"

    @property
    def empty(self) -> bool:
        """Nothing left to search for (only stop words, punctuation or nothing typed)."""
        return (not self.clauses and self.number is None and self.section is None
                and not self.named)

    @property
    def loose(self) -> tuple[Clause, ...]:
        """Clauses for titles with "any word": a term's words count one by one.

        Each word of a vocabulary term becomes a clause of its own that the whole term or a
        synonym also satisfies, so a title with more of the words ranks higher: "child
        protection plan" puts Child Protection Conferences above Care Planning. Quotes stay
        whole.
        """
        clauses: list[Clause] = []
        for clause in self.clauses:
            words = self._term_words(clause)
            if words:
                clauses.extend(
                    Clause(word, _distinct([Alternative((stem_word(word),)), *clause.alternatives]))
                    for word in dict.fromkeys(words)
                )
            elif spelled := _spelled_out(clause):
                # an abbreviation counts its long form's words, as if typed: "CPP" as "child
                # protection plan"; found only as synonyms, they rank below typed words
                clauses.extend(
                    Clause(word, _distinct([Alternative.of_synonym(word),
                                            *clause.alternatives]))
                    for word in spelled
                )
            else:
                clauses.append(clause)
        return tuple(clauses[:MAX_CLAUSES])

    @property
    def loose_terms(self) -> tuple[Clause, ...]:
        """Clauses for chapter text with "any word": a term is matched by any one of its words.

        A long text holds most words somewhere; counted one by one, they would put 1.1.1,
        which mentions a child, protection and a plan, above the conferences' title.
        """
        clauses = []
        for clause in self.clauses:
            words = self._term_words(clause) or _spelled_out(clause)
            stems = list(dict.fromkeys(stem_word(w) for w in words))
            if stems:
                extra = tuple(Alternative((stem,), synonym=True) for stem in stems)
                clause = Clause(clause.text, _distinct([*clause.alternatives, *extra]))
            clauses.append(clause)
        return tuple(clauses)

    @staticmethod
    def _term_words(clause: Clause) -> list[str]:
        """The words of an unquoted term of several words; empty for anything else.

        An abbreviation among them counts as the words it stands for in a longer form of
        the term: "CP plan" as "child protection plan", since "CP" alone is in no title."""
        words = [w for w in words_of(clause.text) if w not in STOP_WORDS]
        if len(words) < 2 or clause.quoted or clause.either:
            return []
        return _abbreviation_spelled(words, clause)


def _abbreviation_spelled(words: list[str], clause: Clause) -> list[str]:
    """`words` with the one that is the initials of the words a longer form of the clause
    has besides ("cp" of "child protection plan") replaced by those words."""
    typed = {stem_word(word) for word in words}
    for alt in clause.alternatives:
        if not alt.synonym or len(alt.stems) <= len(words):
            continue
        longer = [w for w in words_of(alt.term) if w not in STOP_WORDS]
        rest = [w for w in longer if stem_word(w) not in typed]
        stems = {stem_word(w) for w in longer}
        short = [w for w in words if stem_word(w) not in stems]
        if len(rest) > 1 and len(short) == 1 and short[0] == "".join(w[0] for w in rest):
            at = words.index(short[0])
            return [*words[:at], *rest, *words[at + 1:]]
    return words


def _spelled_out(clause: Clause) -> list[str]:
    """The words of the long forms of one typed word that is an abbreviation ("DBS":
    disclosure, barring, criminal, record, check), one of each stem; empty for anything
    else."""
    words: dict[str, str] = {}
    for term in long_forms(clause):
        for word in words_of(term):
            if word not in STOP_WORDS:
                words.setdefault(stem_word(word), word)
    return list(words.values())


def long_forms(clause: Clause) -> list[str]:
    """What one typed abbreviation stands for, as the vocabulary writes it ("PEP": personal
    education plan, personal education plans); empty for anything else."""
    if clause.quoted or len(words_of(clause.text)) != 1:
        return []
    return [alt.term for alt in clause.alternatives if alt.synonym and len(alt.stems) > 1]


def clean_query(text: str) -> str:
    """Typed text made safe: no control characters, straight quotes, bounded length."""
    text = unicodedata.normalize("NFKC", text[: MAX_QUERY_CHARS * 4]).translate(QUOTES)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
    return text


def chapter_number(number: str) -> str:
    """A chapter number as the manual writes it: "06.4" and "6,4" are 6.4. Anything else
    is given back as it is ("2024", "6 4")."""
    if COMMA_NUMBER.match(number):
        number = number.replace(",", ".")
    if "." in number.rstrip(".") and NUMBER.match(number):
        number = LEADING_ZEROS.sub("", number)
    return number


def parse_query(text: str, vocabulary: Vocabulary | None = None) -> ParsedQuery:
    """Cut a query into clauses: quoted phrases, vocabulary terms and their synonyms, words."""
    text = clean_query(text)
    if NUMBER.match(chapter_number(text)):
        number = chapter_number(text).rstrip(".")
        return ParsedQuery(text, tuple(_word_clauses([number], None, last_is_typed=False)),
                           number)
    section_match = SECTION.match(text)
    if section_match:
        # the manual's section N, and the Act's section N where the vocabulary knows it;
        # the number as the manual writes it: "chapter 6,4,3" is "chapter 6.4.3"
        number = chapter_number(section_match.group(1))
        named = text[: section_match.start(1)] + number
        synonyms = vocabulary.equivalents(named) if vocabulary else ()
        alternatives = [Alternative(tuple(analyze(named)))]
        alternatives += [Alternative.of_synonym(term) for term in synonyms]
        phrase = Clause(named, _distinct(alternatives), quoted=True)
        return ParsedQuery(text, (phrase,), section=number)
    clauses: list[Clause] = []
    excluded: list[Clause] = []
    typed: list[str] = []
    named: list[str] = []
    position = 0
    # with caps lock on, "CHILDREN NOT ATTENDING SCHOOL" means what it says
    operators = not text.isupper()
    for match in QUOTED.finditer(text):
        free = text[position : match.start()]
        clauses += _free_clauses(free, vocabulary, False, typed, excluded, named, operators)
        stems = tuple(analyze(match.group(1)))
        if stems:
            clauses.append(Clause(match.group(1), (Alternative(stems),), quoted=True))
            typed += WORD.findall(match.group(1))
        position = match.end()
    last_is_typed = not text.endswith('"')
    clauses += _free_clauses(text[position:], vocabulary, last_is_typed, typed, excluded,
                              named, operators)
    excluded = excluded[:MAX_CLAUSES]
    # a misspelt word left out leaves nothing out: it is spell-checked too
    left_out = _checked_words(WORD.findall(" ".join(clause.text for clause in excluded)))
    return ParsedQuery(text, tuple(clauses[:MAX_CLAUSES]),
                       words=tuple(dict.fromkeys(_checked_words(typed) + left_out)),
                       excluded=tuple(excluded), left_out=left_out,
                       named=tuple(dict.fromkeys(named)))


def _checked_words(typed: list[str]) -> tuple[str, ...]:
    """Typed words worth spell-checking, lower case, each once; the words of
    "fostering.panel" too, which the index reads as one word, as it reads "s.47"."""
    return tuple(dict.fromkeys(
        part.lower() for word in typed for part in word.split(".")
        if part.isalpha() and len(part) >= MIN_PREFIX
    ))


def _free_clauses(
    text: str, vocabulary: Vocabulary | None, last_is_typed: bool,
    typed: list[str], excluded: list[Clause], named: list[str], operators: bool = True,
) -> list[Clause]:
    """Clauses for text outside quotes, with its NOT and OR (if `operators`, else they are
    words); the words it had are added to `typed`, what is left out to `excluded`, and
    chapter numbers among the words to `named`."""
    leave_out = EXCLUDED if operators else MINUS
    for match in leave_out.finditer(text):
        excluded += _word_clauses([match.group(1)], vocabulary, last_is_typed=False)
    text = leave_out.sub(" ", text)  # the words left out are no part of what is looked for
    last_is_typed = last_is_typed and not text[-1:].isspace()
    clauses: list[Clause] = []
    pieces = EITHER.split(text) if operators else [text]
    for number, piece in enumerate(pieces):
        free = WORD.findall(piece)
        # a chapter's number pasted with its title is no word the title or text must have
        named += [chapter_number(word) for word in free if CHAPTER_NUMBER.match(word)]
        free = [word for word in free if not CHAPTER_NUMBER.match(word)]
        typed += free
        found = _word_clauses(free, vocabulary, last_is_typed and number == len(pieces) - 1)
        if clauses and found and number > 0:
            # "foster OR adoption": the clause before OR and the one after it become one
            before, after = clauses.pop(), found.pop(0)
            clauses.append(Clause(f"{before.text} OR {after.text}",
                                  _distinct([*before.alternatives, *after.alternatives]),
                                  either=True))
        clauses += found
    return clauses


def _word_clauses(
    words: list[str], vocabulary: Vocabulary | None, last_is_typed: bool
) -> list[Clause]:
    """Clauses for unquoted words: vocabulary terms first (longest), then single words."""
    lowered = [word.lower() for word in words]
    terms = vocabulary.matches([stem_word(w) for w in lowered]) if vocabulary else []
    by_start = {match.start: match for match in terms}
    clauses = []
    index = 0
    while index < len(words):
        is_last = index == len(words) - 1
        match = by_start.get(index)
        if match:
            typed = " ".join(words[match.start : match.end])
            stems = tuple(analyze(typed))
            alternatives = [Alternative(stems)]
            alternatives += [
                replace(alt, other_number=True) if singular(alt.stems) == singular(stems)
                else alt
                for alt in map(Alternative.of_synonym, match.equivalents)
            ]
            if match.end == len(words) and last_is_typed and match.end - match.start == 1:
                alternatives.append(_prefix(lowered[index]))
            kept = _distinct(alternatives)
            if kept:
                clauses.append(Clause(typed, kept))
            index = match.end
            continue
        word = lowered[index]
        alternatives = []
        if word not in STOP_WORDS:
            alternatives.append(Alternative((stem_word(word),)))
            if (spelt := british(word)) and stem_word(spelt) != stem_word(word):
                # "personalized" as the manual writes it, "personalised": its stem is
                # "person", of "Personal Care", and not "personalis"
                alternatives.append(Alternative((stem_word(spelt),), term=spelt))
        # a stop word being typed may be the start of a word, but only when alone
        typing = is_last and last_is_typed and (word not in STOP_WORDS or len(words) == 1)
        if typing and len(word) >= MIN_PREFIX:
            alternatives.append(_prefix(word))
            if vocabulary is not None and len(word) >= MIN_COMPLETION:
                # a term only the vocabulary knows is found while it is still being typed too
                alternatives += [Alternative.of_synonym(written)
                                 for term in vocabulary.completions(word)
                                 for written in (term, *vocabulary.equivalents(term))]
        if alternatives:
            clauses.append(Clause(words[index], _distinct(alternatives)))
        index += 1
    return clauses


def _prefix(word: str) -> Alternative:
    return Alternative(prefix=word)


def _distinct(alternatives: list[Alternative]) -> tuple[Alternative, ...]:
    """Alternatives without empties and repeats (a synonym spelled like the typed words)."""
    kept: dict[tuple[tuple[str, ...], str], Alternative] = {}
    for alt in alternatives:
        if alt.stems or alt.prefix:
            kept.setdefault((alt.stems, alt.prefix), alt)
    return tuple(kept.values())
