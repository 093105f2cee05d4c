"""Search without an index: titles and notes in memory, and the ranking both engines share.

`TitleSearcher` answers at once from the contents, so the window can search while the
full-text index is still being built. `IndexSearcher` (search_whoosh.py) adds chapter text
to the same flow, so a title match ranks the same way in both.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from reader.manual import Entry, Manual, Section
from reader.search_query import (
    IRREGULAR_PLURALS,
    MAX_CLAUSES,
    STOP_WORDS,
    Clause,
    ParsedQuery,
    analyze,
    clean_query,
    long_forms,
    parse_query,
    stem_key,
    stem_word,
    words_of,
)
from reader.search_reasons import Reasons, written_terms
from reader.search_results import Hit, SearchResult, plain_text
from reader.search_snippet import Highlighter
from reader.search_spelling import Speller, is_slip, same_word, split_dotted, split_number
from reader.vocabulary import WORD, Vocabulary

log = logging.getLogger(__name__)

# tiers: a typed number's own entry, then entries listed by number or section, then
# entries whose title has every word, then those of a section or subsection whose title
# has them, then entries whose text has them
NUMBER_EXACT, LISTED, TITLE, PART, TEXT = 4, 3, 2, 1, 0
KIND_ORDER = {"chapter": 0, "document": 1, "see_also": 2}  # a See also after its chapter
MAX_LIMIT = 500
# how much a title word matched by stem only, by a synonym, by a typed prefix counts
STEM_MATCH, SYNONYM_MATCH, PREFIX_MATCH = 0.9, 0.7, 0.6
AS_TYPED_BONUS = 1.5  # a title that has the words as typed, over one with only their stems
OTHERS_SHARE = 0.5  # a title word only another alternative of a clause has, as a share
# letters from which a word of a query typed all in capitals is no abbreviation: the field's
# are shorter ("CAMHS", "NSPCC"), and those of its own ("CAFCASS") are words of the manual
CAPS_LOCK_WORD = 6
# letters of a word in capitals that is an abbreviation however near a word it is: most of
# three letters are a letter short of one ("ABE", achieving best evidence, of "able")
SHORT_ABBREVIATION = 3
MIN_PARTIAL = 2  # words a title needs to be listed after entries that have every word
# what the manual is about, so nearly every title might say it: a title lacking one of these
# still follows those that have every word
WEAK_WORDS = frozenset({"child", "children", "childrens", "young", "people", "person"})
# words of an abbreviation's long form that say what kind of thing it is (a plan, a panel, a
# service) or qualify it, not what it is about: a personal education plan is about education,
# and a title with only "Planning" or "Personal" in it is a weaker guess than one with
# "Education". Compared by stem: "plans" and "planning" are "plan".
GENERIC_WORDS = frozenset({
    "plan", "panel", "service", "team", "officer", "head", "hub", "order", "meeting",
    "report", "personal", "independent", "initial", "local", "national",
})
GENERIC_STEMS = frozenset(stem_word(word) for word in GENERIC_WORDS)


@dataclass(frozen=True)
class Candidate:
    """An entry on its way to becoming a hit."""

    entry: Entry
    order: int
    tier: int
    score: float
    clauses: int = 0  # how many of the query's clauses it matched
    words: tuple[str, ...] = ()  # its title's words that matched
    # how many clauses its title has in the words typed, in the order typed: "Children in
    # Care" has "children in care", "a Child in Care" and "Children to Care" only its stems
    typed: int = 0
    # how many clauses its title has only in a word that shares a stem by chance with a
    # word of an abbreviation's long form: "Persons" for "personal" of "PEP"
    chance: int = 0
    # its title holds the query's words together, in the order typed: "Early Intervention:
    # Policy and Provision" before "Physical Intervention (... Early Help ...)"
    together: bool = False
    # how many words of an abbreviation's long form it has that say what the thing is about
    # (not `GENERIC_WORDS`): "education" of a personal education plan, not "personal"
    subject: int = 0
    # the number of the section or subsection whose title has the words, where that is how
    # it was found: "3.1" (Contacts Referrals and Assessments) for "contacts"
    part: str = ""

    def rank_key(self) -> tuple[float, ...]:
        """Sorts best first."""
        if self.tier >= LISTED:  # named by number or section: contents order
            return (-self.tier, 0, 0, 0, 0, 0, 0, 0, -self.score, self.order)
        return (0, -self.subject, -self.clauses, -self.tier, -self.typed, self.chance,
                -self.together, self.is_see_also(), -self.score, self.order)

    def is_see_also(self) -> bool:
        """A See also points elsewhere, so the manual's own entry that matches as well comes
        first ("safeguarding": the partnership's procedures before HMPPS's)."""
        return self.entry.kind == "see_also"

    def combined(self, other: Candidate) -> Candidate:
        """The same entry found twice (title and text): keep the better, add a little."""
        best, rest = (self, other) if self.rank_key() <= other.rank_key() else (other, self)
        # a title also found in the text ranks a little higher; a listing keeps its order
        bonus = min(rest.score, 20.0) / 40 if rest.tier == TEXT and best.tier < LISTED else 0.0
        return replace(
            best,
            score=best.score + bonus,
            clauses=max(best.clauses, rest.clauses),
            words=best.words or rest.words,
            typed=max(best.typed, rest.typed),
            together=best.together or rest.together,
            subject=max(best.subject, rest.subject),
            part=best.part or rest.part,
        )


@dataclass(frozen=True)
class _Title:
    entry: Entry
    order: int
    stems: tuple[str, ...]
    words: tuple[str, ...]  # the surface words behind `stems`, lower case
    written: tuple[str, ...]  # every word of the title, stop words too, lower case


def in_section(entry: Entry, section: str | None) -> bool:
    """Whether an entry sits in a section ("6") or subsection ("6.4"); None: anywhere."""
    return (
        section is None
        or entry.section == section
        or entry.subsection == section
        or (entry.number or "").startswith(section + ".")
    )


class TitleMatcher:
    """Titles cut into stems once, with a map from stem to titles; matches clauses."""

    def __init__(self, manual: Manual) -> None:
        self.titles = []
        self._by_stem: dict[str, set[int]] = {}
        self._by_word: dict[str, set[int]] = {}
        for order, entry in enumerate(manual.entries()):
            words = [w for w in words_of(entry.title) if w not in STOP_WORDS]
            title = _Title(entry, order, tuple(analyze(entry.title)), tuple(words),
                           tuple(words_of(entry.title)))
            for stem in title.stems:
                self._by_stem.setdefault(stem, set()).add(len(self.titles))
            for word in title.words:
                self._by_word.setdefault(word, set()).add(len(self.titles))
            self.titles.append(title)
        self._words = sorted(self._by_word)
        # sections and subsections: their titles name what their chapters' titles may not
        parts = [part for section in manual.sections for part in (section, *section.subsections())]
        self._parts = [(part.number, tuple(analyze(part.title)), tuple(
                        part.entries() if isinstance(part, Section) else part.entries))
                       for part in parts]
        self._part_words = [w for part in parts for w in words_of(part.title)
                            if w not in STOP_WORDS]

    def rank(
        self, clauses: Sequence[Clause], require_all: bool, section: str | None = None
    ) -> list[Candidate]:
        """Entries whose titles match every clause (or any, if not `require_all`)."""
        found = []
        for number in sorted(self._candidates(clauses)):
            title = self.titles[number]
            if not in_section(title.entry, section):
                continue
            match = _title_match(title, clauses)
            if match is None or (require_all and match.clauses < len(clauses)):
                continue
            found.append(match)
        return found

    def _candidates(self, clauses: Sequence[Clause]) -> set[int]:
        """Titles holding a word of some alternative: the only ones worth a closer look."""
        numbers: set[int] = set()
        for clause in clauses:
            for alt in clause.alternatives:
                if alt.stems:
                    numbers |= self._by_stem.get(alt.stems[0], set())
                elif alt.prefix:
                    start = bisect.bisect_left(self._words, alt.prefix)
                    for word in self._words[start:]:
                        if not word.startswith(alt.prefix):
                            break
                        numbers |= self._by_word[word]
        return numbers

    def in_parts_named(self, clauses: Sequence[Clause], as_typed: bool = False,
                       within: str | None = None) -> list[Entry]:
        """The entries of sections and subsections whose own title matches every clause
        (`parts_named`)."""
        return [entry for entry, _ in self.parts_named(clauses, as_typed, within)]

    def parts_named(self, clauses: Sequence[Clause], as_typed: bool = False,
                    within: str | None = None) -> list[tuple[Entry, str]]:
        """The entries of sections and subsections whose own title matches every clause:
        "referrals" is in 3.1 Contacts Referrals and Assessments, and in none of its
        chapters' titles. `as_typed`: by the words typed (or another form of them) only,
        not by a synonym: "contact" is 3.1 Contacts, and "family time" in 6.1's title is
        what children in care have, not what a front door receives. `within`: only parts
        inside that section or subsection, not it or the section holding it, whose title a
        search in it needs no reminding of. Each entry with the number of the part that
        names it, the innermost where both a section and its subsection do ("3.1")."""
        found: dict[str, tuple[Entry, str]] = {}
        for number, stems, entries in self._parts:
            if within is not None and (number == within or within.startswith(number + ".")):
                continue
            if all(any(alt.stems and (not as_typed or not alt.synonym or alt.other_number)
                       and _find(stems, alt.stems) for alt in clause.alternatives)
                   for clause in clauses):
                found.update((entry.id, (entry, number)) for entry in entries)
        return list(found.values())

    def stem_pairs(self) -> set[tuple[str, str]]:
        """Stems side by side in titles (of sections and subsections too), for the speller."""
        titles = [title.stems for title in self.titles] + [stems for _, stems, _ in self._parts]
        return {pair for stems in titles for pair in _side_by_side(stems)}

    def word_counts(self) -> Counter[str]:
        """The titles' words (of sections and subsections too), for the speller."""
        counts: Counter[str] = Counter()
        for words in (*(title.words for title in self.titles), self._part_words):
            counts.update(w for w in words if w.isalpha() and len(w) >= 3)
        return counts


def _side_by_side(stems: Sequence[str]) -> set[tuple[str, str]]:
    return set(zip(stems, stems[1:], strict=False))


def _term_pairs(vocabulary: Vocabulary) -> set[tuple[str, str]]:
    """Stems side by side in the vocabulary's terms: "step parent", "inter country"."""
    return {pair for group in vocabulary.groups for term in group.terms
            for pair in _side_by_side(analyze(term))}


def _title_match(title: _Title, clauses: Sequence[Clause]) -> Candidate | None:
    """How well a title matches: exact, short, typed-word matches score highest."""
    weight = 0.0  # title words covered, each counted by how well it matched
    covered: set[int] = set()
    matched = 0
    quality = 0.0
    as_typed = 0  # clauses found in the title as the person typed them
    literal = 0  # clauses whose typed words the title has, in the order typed
    others = 0.0  # title words only the clause's other alternatives cover
    chance = 0  # clauses found only through a word of another stem by chance
    for clause in clauses:
        best, positions, written, by_chance = 0.0, (), False, False
        typed = clause.text.lower()
        seen: list[tuple[float, tuple[int, ...]]] = []
        for alt in clause.alternatives:
            lucky = False
            typed_term = not alt.synonym or alt.other_number
            value = PREFIX_MATCH if alt.prefix else 1.0 if typed_term else SYNONYM_MATCH
            if alt.stems:
                found = _find(title.stems, alt.stems)
                # a word of an abbreviation's long form ("PEP": "personal", "education",
                # "plan" are clauses of their own), as the vocabulary writes it
                spelled = len(found) == 1 and alt.synonym and alt.term == typed
                one = spelled and title.words[found[0]] == typed
                if (len(alt.stems) == 1 and found and not alt.synonym
                        and all(title.words[i] not in (typed, alt.term) for i in found)):
                    # "adopters" is nearer "Adopters" than "Adoption"; and a title with the
                    # stem twice has no word as typed either: "adopted" is no nearer
                    # "Prospective Adopters ... Placed for Adoption" than "Adoption Panel"
                    value = STEM_MATCH
                elif len(alt.stems) > 1 and found:
                    if _same_words([title.words[i] for i in found], alt.term or typed):
                        # a term as the vocabulary writes it counts as typed: "LAC" is
                        # "Looked After Children" more than "Look After a Child"
                        one = alt.synonym
                    else:
                        # "looked after child" is not "Look After a Child": the one is a
                        # child's status, the other what is done
                        value *= STEM_MATCH
                elif spelled and not one:
                    # by its stem only: "personal" is not "Persons"
                    value *= STEM_MATCH
                    lucky = not same_word(title.words[found[0]], typed)
            else:
                found, one = tuple(i for i, w in enumerate(title.words)
                                   if w.startswith(alt.prefix)), False
            # the closest kind of match; of two alike, the one that covers more of the title
            # ("missing from home" in "Missing from Home or Care", not just "missing")
            if found:
                seen.append((value, found))
            if found and (value, len(found)) > (best, len(positions)):
                best, positions, written, by_chance = value, found, one, lucky
        if best:
            matched += 1
            chance += by_chance
            literal += _has_typed(title.written, clause)
            as_typed += best == 1.0 or written  # the long form's word as the vocabulary has it
            quality += best
            weight += best * len(set(positions) - covered)
            covered.update(positions)
            # more words of the same idea make a title more about it: "missing" finds the
            # Runaway and Missing from Home protocol, with three, before Children Missing
            # Education, with one
            extra: set[int] = set()
            for value, found in sorted(seen, reverse=True):
                others += value * len(set(found) - covered - extra)
                extra.update(found)
    if not matched or not title.stems:
        return None
    exact = 3.0 if len(covered) == len(title.stems) and quality == len(clauses) else 0.0
    kind = KIND_ORDER.get(title.entry.kind, 0) * 0.01
    # the word as typed outweighs a shorter title: "adopters" lists "...Prospective Adopters"
    # before "Adoption Panel", which has only its stem
    typed_bonus = AS_TYPED_BONUS * as_typed / len(clauses)
    cover = 5 * (weight + OTHERS_SHARE * others) / len(title.stems)
    score = cover + 2 * quality / matched + typed_bonus + exact - kind
    words = tuple(title.words[i] for i in sorted(covered) if i < len(title.words))
    # the form decides only between titles with every clause, all else being equal: two
    # titles with different words ("Young Carers", "Assessments ... of Foster Carers" for
    # "young carers assessment") are weighed by those words
    as_written = literal if matched == len(clauses) else 0
    together = len(clauses) > 1 and matched == len(clauses) and not any(
        clause.either for clause in clauses) and _holds_typed(
            title.written, words_of(" ".join(clause.text.lower() for clause in clauses)))
    return Candidate(title.entry, title.order, TITLE, score, matched, words, as_written, chance,
                     together)


def _has_typed(written: Sequence[str], clause: Clause) -> bool:
    """Whether a title's words hold a clause's typed words in the order typed, small words
    too; a word typed in the singular may be in the plural: the plural names every child of
    whom the singular names one ("child in care" is in Our Pledge to Children in Care), and
    the singular only one of those the plural names."""
    forms = clause.text.lower().split(" or ") if clause.either else [clause.text.lower()]
    return any(_holds_typed(written, words_of(form)) for form in forms)


def _holds_typed(written: Sequence[str], typed: Sequence[str]) -> bool:
    """Whether a title's words hold the typed words side by side, in the order typed."""
    size = len(typed)
    if not size or all(word in STOP_WORDS for word in typed):
        return False
    return any(all(_is_form_typed(written[start + i], word) for i, word in enumerate(typed))
               for start in range(len(written) - size + 1))


def _is_form_typed(word: str, typed: str) -> bool:
    """Whether a title's word is the typed word, or its plural."""
    return word == typed or word in (typed + "s", typed + "es") or (
        typed.endswith("y") and word == typed[:-1] + "ies"
    ) or IRREGULAR_PLURALS.get(stem_word(word)) == typed


def _same_words(found: Sequence[str], typed: str) -> bool:
    """Whether a title's words are the typed words, a plural aside ("children", "reviews")."""
    words = [w for w in words_of(typed) if w not in STOP_WORDS]
    return len(words) == len(found) and all(
        a == b or IRREGULAR_PLURALS.get(stem_word(a)) == b
        or IRREGULAR_PLURALS.get(stem_word(b)) == a or a.rstrip("s") == b.rstrip("s")
        for a, b in zip(found, words, strict=True))


def _find(stems: tuple[str, ...], wanted: tuple[str, ...]) -> tuple[int, ...]:
    """Positions of a word (everywhere) or a phrase (first place) among a title's stems."""
    if len(wanted) == 1:
        return tuple(i for i, s in enumerate(stems) if s == wanted[0])
    size = len(wanted)
    for i in range(len(stems) - size + 1):
        if stems[i : i + size] == wanted:
            return tuple(range(i, i + size))
    return ()


def _as_typed(fix: str | None, typed: str, names: Mapping[str, str]) -> str:
    """A typed word's correction with its capitals, as typed: "Fostring" is "Fostering",
    "FOSTRING" is "FOSTERING"; a name as the vocabulary writes it: "frasier" is "Fraser"."""
    if fix is None:
        return typed
    if len(typed) > 1 and typed.isupper():
        return fix.upper()
    if fix in names:
        return names[fix]
    return fix.capitalize() if typed[:1].isupper() and typed[1:].islower() else fix


def _in_capitals(text: str) -> set[str]:
    """The words typed in capitals that may be abbreviations, lower case: not those of a
    query typed all in capitals that are longer than abbreviations are ("CHILD PROTECTOIN
    PLAN" was typed with caps lock on; "NEET" and "CAMHS" are abbreviations)."""
    caps_lock = text.isupper()
    return {word.lower() for word in WORD.findall(text)
            if len(word) > 1 and word.isupper()
            and not (caps_lock and len(word) >= CAPS_LOCK_WORD)}


def _fullest(terms: Sequence[str]) -> str | None:
    """The term of most words, the first of those: "child protection plan", not "CP plan"."""
    return max(terms, key=lambda term: len(words_of(term)), default=None)


class TitleSearcher:
    """Searches titles and notes in memory; no index, answers at once."""

    full_text = False

    def __init__(self, manual: Manual, vocabulary: Vocabulary | None = None) -> None:
        self.manual = manual
        self.vocabulary = (vocabulary or Vocabulary()).with_key(stem_key)
        self.titles = TitleMatcher(manual)
        # the vocabulary's words mend "gilick" and "seperated children", which this edition's
        # text lacks; only slips of the finger, as a guess "smoking" is not "seeking"
        self.speller = Speller(self._word_counts(), slips_only=self.vocabulary.spelled_words,
                               pairs=self.titles.stem_pairs() | _term_pairs(self.vocabulary))
        self._title_stems = {stem_word(word) for word in self.titles.word_counts()}
        # abbreviations the titles and the vocabulary write ("IDCS", "SGOs"): one typed in
        # capitals a slip from another ("ICS") is another abbreviation, not caps lock
        written = [entry.title for entry in manual.entries()]
        written += [term for group in self.vocabulary.groups for term in group.terms]
        self._written_abbreviations = {
            word.lower() for text in written for word in WORD.findall(text)
            if sum(c.isupper() for c in word) > 1}
        self._order = {entry.id: n for n, entry in enumerate(manual.entries())}
        # once, not a file looked for at every hit of every keystroke
        self._online_only = {entry.id for entry in manual.entries() if manual.online_only(entry)}
        self._problem: str | None = None
        self._written_terms_by_stems: dict[tuple[str, ...], tuple[str, ...]] | None = None

    @property
    def problem(self) -> str | None:
        """Why search works less well than it should, in plain words, or None."""
        return self._problem

    def close(self) -> None:
        """Nothing to let go of."""

    def search(self, query: str, *, limit: int = 20, section: str | None = None) -> SearchResult:
        """Hits for whatever was typed; never raises."""
        try:
            return self._search(query, max(1, min(int(limit), MAX_LIMIT)), section, correct=True)
        except Exception as exc:  # a query must never break the window; the log has the detail
            # but not the words: a child's name searched for has no place in a log
            log.exception("a search of %d characters failed", len(query))
            return SearchResult(clean_query(query), None, (), False,
                                failure=f"{type(exc).__name__}: {exc}")

    # the full-text engine overrides these three
    def _word_counts(self) -> Counter[str]:
        counts = self.titles.word_counts()
        for entry in self.manual.entries():
            counts.update(w for w in words_of(" ".join(entry.notes)) if w.isalpha())
        return counts

    def _text_matches(
        self, clauses: Sequence[Clause], require_all: bool, section: str | None, want: int
    ) -> list[Candidate]:
        """Entries whose notes match (the index adds chapter text)."""
        found = []
        for entry in self.manual.entries():
            if not entry.notes or not in_section(entry, section):
                continue
            stems = set(analyze(" ".join(entry.notes)))
            matched = sum(1 for clause in clauses if clause.all_stems() & stems)
            if matched and (matched == len(clauses) or not require_all):
                found.append(Candidate(entry, self._order[entry.id], TEXT, matched, matched))
        return found[:want]

    def _snippet(self, entry: Entry, highlighter: Highlighter) -> tuple[str, tuple[str, ...]]:
        """The hit's snippet and matched words; without text, its notes or title marked."""
        return self._notes_snippet(entry, " ".join(entry.notes), highlighter)

    @staticmethod
    def _notes_snippet(
        entry: Entry, notes: str, highlighter: Highlighter
    ) -> tuple[str, tuple[str, ...]]:
        """The notes with the matched words marked, or the title when they have none."""
        note_spans = highlighter.spans(notes)
        title_words = tuple(w for _, _, w in highlighter.spans(entry.title))
        if note_spans:
            words = title_words + tuple(w for _, _, w in note_spans)
            return highlighter.mark(notes), tuple(dict.fromkeys(words))
        return highlighter.mark(entry.title), tuple(dict.fromkeys(title_words))

    def _search(self, query: str, limit: int, section: str | None, correct: bool) -> SearchResult:
        parsed = parse_query(query, self.vocabulary)
        if parsed.empty:
            # "of the", or only what to leave out ("NOT adoption"): nothing to look for
            return SearchResult(parsed.text, None, (), False, nothing_to_search=True)
        found: dict[str, Candidate] = {}
        unwanted = self._excluded(parsed.excluded, section)

        def add(candidate: Candidate) -> None:
            if candidate.entry.id in unwanted:
                return
            known = found.get(candidate.entry.id)
            found[candidate.entry.id] = known.combined(candidate) if known else candidate

        for candidate in self._listed(parsed, section):
            add(candidate)
        clauses = parsed.clauses
        fallback = False
        if clauses:
            want = limit + 20 + len(unwanted)
            titled = self.titles.rank(clauses, True, section)
            matches = titled + self._text_matches(clauses, True, section, want + len(titled))
            if not matches and not found:
                # no entry has the words, but a section or subsection is named by them
                matches = [Candidate(entry, order, LISTED, 1.0 - order / 10_000, part=part)
                           for entry, part in self.titles.parts_named(clauses)
                           if in_section(entry, section)
                           for order in (self._order[entry.id],)]
            strong = [c for c in clauses if c.text.lower() not in WEAK_WORDS]
            if matches and 0 < len(strong) < len(clauses):
                # titles with every other word follow: "missing children" also lists Runaway
                # and Missing from Home or Care, after Children Missing Education; lacking a
                # word, none has every word as typed
                matches += [replace(title, clauses=len(strong), typed=0)
                            for title in self.titles.rank(strong, True, section)]
            can_loosen = not found and (len(clauses) > 1 or parsed.loose != clauses)
            if not matches and can_loosen:
                fallback, clauses = True, parsed.loose
                matches = self.titles.rank(clauses, False, section)
                matches += self._text_matches(parsed.loose_terms, False, section,
                                              want + len(matches))
                if len(parsed.clauses) == 1 and long_forms(parsed.clauses[0]):
                    matches = self._likeliest(matches, clauses, section)
            elif not titled and can_loosen:
                # every word only in chapter text, and a long text holds most words somewhere:
                # titles with two or more of them follow ("adoption support services" also
                # lists Adoption Support), after the entries that have them all
                matches += [replace(title, clauses=min(title.clauses, len(clauses) - 1), typed=0)
                            for title in self.titles.rank(parsed.loose, False, section)
                            if title.clauses >= MIN_PARTIAL]
            if matches and not fallback:
                matches += self._in_named_parts(clauses, section)
            for candidate in matches:
                add(candidate)
        # a "See also" whose chapter is found too would take a place to say the same again
        shown = [c for c in found.values()
                 if not (c.entry.kind == "see_also" and c.entry.target in found)]
        ranked = sorted(shown, key=Candidate.rank_key)[:limit]
        if not ranked and parsed.number and "." in parsed.number:
            return self._neighbours(parsed, limit, section)
        highlighter = Highlighter.for_clauses(clauses)
        # "PEP" alone is one word: "no entry has every word" would not say what was missed
        spelled = long_forms(parsed.clauses[0]) if fallback and len(parsed.clauses) == 1 else []
        long_form = _fullest(spelled) or ""
        reasons = Reasons(clauses, parsed.clauses[0].text if long_form else "", long_form,
                          self._written_terms)
        hits = tuple(self._hit(candidate, highlighter, reasons) for candidate in ranked)
        # "referal" finds "refer" by its stem, but was "referral" with a letter missed
        # (unless it is the word being typed, and begins a word of the manual: "referr")
        typing = words_of(parsed.text)[-1:] if not parsed.text.endswith('"') else []
        slips = {word: fix for word in parsed.words
                 if not (word in typing and self.speller.begins(word))
                 and (fix := self.speller.stem_slip(word))}
        # a word after NOT that the manual lacks leaves nothing out: "NOT panle"
        unknown_left_out = any(not (self.vocabulary.knows(word) or self.speller.knows(word))
                               for word in parsed.left_out)
        suggested = (self._suggest(parsed, section, bool(hits), slips)
                     if fallback or not hits or slips or unknown_left_out else None)
        suggestion, sure = suggested or (None, False)
        if suggestion and sure and correct:
            # nothing, or only some words, found as typed: show what a sure correction finds
            answer = self._search(suggestion, limit, section, correct=False)
            if answer.hits:
                return SearchResult(parsed.text, suggestion, answer.hits, answer.used_fallback,
                                    corrected=True, stands_for=answer.stands_for)
        return SearchResult(parsed.text, suggestion, hits, fallback and bool(hits),
                            stands_for=(long_form or None) if hits else None)

    def _neighbours(self, parsed: ParsedQuery, limit: int, section: str | None
                    ) -> SearchResult:
        """For a chapter number this edition lacks ("6.4.9", perhaps from an older printout
        or renumbered since), the entries of the nearest part that it has ("6.4"), said as
        such: "nothing found" would leave the person to guess where it went."""
        number = parsed.number or ""
        parts = number.split(".")
        while len(parts) > 1:
            parts.pop()
            near = ".".join(parts)
            part = self.manual.subsection(near) or self.manual.section(near)
            entry = self.manual.find(near) if part is None else None
            if part is None and entry is None:
                continue
            if part is not None:
                dot = "." if isinstance(part, Section) else ""
                instead = f"{part.number}{dot} {part.title}"
            else:
                assert entry is not None
                instead = entry.label
            listed = self._listed(replace(parsed, number=near), section)
            ranked = sorted(listed, key=Candidate.rank_key)[:limit]
            highlighter = Highlighter.for_clauses(())
            hits = tuple(self._hit(candidate, highlighter) for candidate in ranked)
            return SearchResult(parsed.text, None, hits, False, no_such_number=number,
                                instead=instead)
        return SearchResult(parsed.text, None, (), False, no_such_number=number)

    def _likeliest(self, found: list[Candidate], spelled: Sequence[Clause],
                   section: str | None) -> list[Candidate]:
        """Entries found by the words of an abbreviation's long form (`spelled`), less those
        with one word of it alone while a title has two.

        The words were never typed: one alone is a guess, "agency" of "multi agency
        safeguarding hub" finds Non Agency Adoption, "record" of "criminal record check"
        Medication Record. When no title has two, one is what there is: "education" of
        "personal education plan" finds the education of children in care. Words nearly
        every title says (`WEAK_WORDS`) count for nothing here. Only titles decide how many
        words are needed: a long chapter text holds most words somewhere."""
        strong = [clause for clause in spelled if clause.text.lower() not in WEAK_WORDS]
        counts = {title.entry.id: title.clauses
                  for title in self.titles.rank(strong, False, section)}
        need = min(MIN_PARTIAL, max(counts.values(), default=0))
        if need:
            for text in self._text_matches(strong, False, section, len(self._order)):
                counts[text.entry.id] = max(counts.get(text.entry.id, 0), text.clauses)
            found = [entry for entry in found if counts.get(entry.entry.id, 0) >= need]
        return self._by_subject(found, strong, section)

    def _by_subject(self, found: list[Candidate], spelled: Sequence[Clause],
                    section: str | None) -> list[Candidate]:
        """Entries found by the words of an abbreviation's long form (`spelled`), each with
        how many of those that say what it is about it has, by which it ranks first: for a
        personal education plan, the education of children in care before Care Planning
        and Personal Care, which have only a word that many things could say."""
        subject = [clause for clause in spelled
                   if stem_word(clause.text.lower()) not in GENERIC_STEMS]
        if not subject or len(subject) == len(spelled):
            return found  # every word or none says what it is about: they weigh alike
        counts = {title.entry.id: title.clauses
                  for title in self.titles.rank(subject, False, section)}
        # a long chapter text holds most words somewhere: any of them there counts as one,
        # as any word of the long form counts as one clause there (`loose_terms`)
        for text in self._text_matches(subject, False, section, len(self._order)):
            counts.setdefault(text.entry.id, 1)
        return [replace(entry, subject=counts.get(entry.entry.id, 0)) for entry in found]

    def _in_named_parts(self, clauses: Sequence[Clause], section: str | None
                        ) -> list[Candidate]:
        """The entries of sections and subsections whose title has every word as typed, to
        follow the titles that have them and come before chapters that only mention them:
        "contacts" lists 3.1 Contacts, Referrals and Assessments, whose chapters' titles do
        not say it. Not for words nearly every title says: "children" would list most of
        the manual."""
        if all(clause.text.lower() in WEAK_WORDS for clause in clauses):
            return []
        return [Candidate(entry, order, PART, 0.0, len(clauses), part=part)
                for entry, part in self.titles.parts_named(clauses, as_typed=True,
                                                            within=section)
                if in_section(entry, section) for order in (self._order[entry.id],)]

    def _excluded(self, clauses: Sequence[Clause], section: str | None) -> set[str]:
        """The ids of entries with any of the words the person left out ("NOT panel")."""
        if not clauses:
            return set()
        found = self.titles.rank(clauses, False, section)
        found += self._text_matches(clauses, False, section, len(self._order))
        return {candidate.entry.id for candidate in found}

    def _listed(self, parsed: ParsedQuery, section: str | None) -> list[Candidate]:
        """Entries a typed number or "section N" names, in contents order: first the chapter
        of that number ("section 4.6" in sections without subsections), or with "Section N"
        in its title (3.1.5 Processing Section 7 Requests), then those in section N."""
        ref = parsed.number or parsed.section
        if ref is None:
            # chapters named by number among the words come first: "6.4.3 looked after"
            return [Candidate(entry, self._order[entry.id], NUMBER_EXACT, 1.0)
                    for number in parsed.named
                    if (entry := self.manual.find(number)) is not None
                    and in_section(entry, section)]
        named = re.compile(rf"\bsection {re.escape(ref)}\b", re.IGNORECASE) \
            if parsed.section else None
        listed = []
        for entry in self.manual.entries():
            if not in_section(entry, section):
                continue
            order = self._order[entry.id]
            if entry.number == ref or (named and named.search(entry.title)):
                listed.append(Candidate(entry, order, NUMBER_EXACT, 1.0))
            elif in_section(entry, ref):
                listed.append(Candidate(entry, order, LISTED, 1.0 - order / 10_000))
        return listed

    @property
    def _written_terms(self) -> dict[tuple[str, ...], tuple[str, ...]]:
        """The vocabulary's terms by their stems, for the reasons rows give: gathered at the
        first search that needs them, not at start."""
        if self._written_terms_by_stems is None:
            self._written_terms_by_stems = written_terms(
                term for group in self.vocabulary.groups for term in group.terms)
        return self._written_terms_by_stems

    def _hit(self, candidate: Candidate, highlighter: Highlighter,
             reasons: Reasons | None = None) -> Hit:
        entry = candidate.entry
        snippet, words = self._snippet(entry, highlighter)
        terms = tuple(dict.fromkeys(candidate.words + words))
        section = self.manual.where(entry)
        found_as: tuple[str, ...] = ()
        found_in = found_of = section_html = ""
        # listed by the number or section typed, a row says why by itself
        if reasons is not None and (candidate.tier < LISTED or candidate.part):
            # what the row shows: its title, its notes, its snippet
            shown = "\n".join((entry.title, *entry.notes, plain_text(snippet)))
            reason = reasons.of(shown)
            found_as, found_of = reason.found_as, reason.found_of
            if reason.unseen and candidate.part:
                found_in = candidate.part
                section_html = highlighter.mark(section)
        # one number that sorts as rank_key does: listings, then words of what an
        # abbreviation is about, clauses matched, tier, clauses as typed, words matched by
        # chance, words together, See also last
        if candidate.tier >= LISTED:
            score = candidate.tier * 10_000_000_000 + candidate.score
        else:
            # MAX_CLAUSES clauses stay below one more word of the subject, and that below a
            # listing
            score = (candidate.subject * 2_000_000_000 + candidate.clauses * 100_000_000
                     + candidate.tier * 10_000_000
                     + candidate.typed * 100_000 + (MAX_CLAUSES - candidate.chance) * 4_000
                     + candidate.together * 2_000 + (not candidate.is_see_also()) * 1_000
                     + min(candidate.score, 999))
        return Hit(
            number=entry.number,
            id=entry.id,
            title=entry.title,
            section=section,
            flags=entry.flags,
            score=round(score, 4),
            snippet=snippet,
            terms=terms,
            notes=entry.notes,
            online_only=entry.id in self._online_only,
            see_also=entry.kind == "see_also",
            found_as=found_as,
            found_of=found_of,
            found_in=found_in,
            section_html=section_html,
        )

    def _suggest(self, parsed: ParsedQuery, section: str | None, found_some: bool,
                 slips: dict[str, str] | None = None) -> tuple[str, bool] | None:
        """The query with its unknown words spelt as the manual spells them, if that finds a
        title with every word, or any entry with every word where the typed query found
        nothing; else None: "annual review foster carer" finds Review of Foster Carers, and
        "manual review foster carer" would only find a chapter that mentions this manual.

        Where the typed query found only some of its words, slips of the finger in the others
        are mended when the mended words are words of titles ("anual" could be "manual",
        which only chapter text has).

        With it, whether each change is a slip of the finger (`is_slip`) or another form of
        a word of the manual (`Speller.relative`): only then are its results shown unasked;
        "title" to "time" is only offered. `slips`: typed words found
        only through a stem they share by chance, and the words meant (`Speller.stem_slip`)."""
        # a space too many is a slip too, and a space too few ("section47"), or a full stop
        # for one ("fostering.panel")
        text = split_number(self.speller.join_split(split_dotted(parsed.text)))
        if not parsed.words and text == parsed.text:
            return None
        last = words_of(text)[-1] if text and not text.endswith('"') else ""
        fixes = {}
        forms: set[str] = set()  # words typed in a form the manual lacks, of words it has
        capitals = _in_capitals(text)
        fixes.update((word, fix) for word, fix in (slips or {}).items() if word not in capitals
                     or len(word) > SHORT_ABBREVIATION and is_slip(word, fix)
                     and fix not in self._written_abbreviations)
        for word in dict.fromkeys(w for w in words_of(text) if w in parsed.words):
            if word in fixes:
                continue
            if word in capitals:
                # an abbreviation the manual lacks ("NEET") is no misspelt word ("need"),
                # but one a sure slip from a word of the manual was typed with caps lock
                # on ("FOSTRING"): an abbreviation is seldom that near a word
                if len(word) > SHORT_ABBREVIATION and not (
                        self.vocabulary.knows(word) or self.speller.knows(word)):
                    fix = self.speller.correct(word)
                    if fix and is_slip(word, fix) and fix not in self._written_abbreviations:
                        fixes[word] = fix
                continue
            # two words run together are what was typed, with a space: nearer than any edit;
            # a term may have the word ("intercountry adoption"), no title has it alone
            typing = word == last and self.speller.extends(word)
            # not after NOT: only the first of the two words would be left out, the other
            # looked for ("adoption -casework" would find only entries with "work")
            parted = not typing and word not in parsed.left_out
            fix = self.speller.split_joined(word) if parted else None
            if not fix:
                if self.vocabulary.knows(word) or self.speller.knows(word, as_prefix=word == last):
                    continue
                # another form of a word of the manual is nearer than any misspelling:
                # "enquiring" is of "enquiries", not "ensuring" misspelt
                fix = self.speller.relative(word)
                if fix:
                    forms.add(word)
                else:
                    fix = self.speller.correct(word)
            if fix and fix != word:
                fixes[word] = fix
        if not fixes and text == parsed.text:
            return None
        suggestion = WORD.sub(lambda m: _as_typed(fixes.get(m.group().lower()), m.group(),
                                                  self.vocabulary.names), text)
        mended = parse_query(suggestion, self.vocabulary)
        clauses = mended.clauses
        if not clauses:
            return None
        sure = all(word in forms or is_slip(word, fix) for word, fix in fixes.items())
        if self.titles.rank(clauses, True, section) or not found_some and (
                self._text_matches(clauses, True, section, 1)
                # a subsection's title: "referral" lists 3.1 Contacts Referrals and Assessments
                or any(in_section(entry, section)
                       for entry in self.titles.in_parts_named(clauses))):
            return suggestion, sure
        if found_some and fixes and sure and all(
                stem_word(fix) in self._title_stems for fix in fixes.values()):
            # some words found as typed, the misspelt ones nothing, and mended they are words
            # of titles: "child protectoin plan" lists Child Protection Conferences first
            return suggestion, True
        if fixes and set(fixes) <= set(parsed.left_out) and self._excluded(
                mended.excluded, section):
            # only words left out were mended, and mended they leave something out
            return suggestion, sure
        return None

