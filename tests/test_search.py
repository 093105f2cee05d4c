"""Search as a person notices it: the right chapter near the top, whatever was typed.

Relevance runs on the real content: every title, and the text of 1.1.1. The full-text index
is built once per session into a temporary folder.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.manual import Manual
from reader.search import (
    Hit,
    IndexSearcher,
    SearchResult,
    TitleSearcher,
    title_searcher,
)
from reader.search_query import ANALYZER, Clause, analyze, clean_query, parse_query
from reader.search_results import none_has
from reader.search_snippet import Highlighter
from reader.search_spelling import (
    Speller,
    is_slip,
    osa_distance,
    same_word,
    split_dotted,
)

from .conftest import CONTENT


@pytest.fixture(scope="session")
def titles(manual: Manual) -> TitleSearcher:
    return title_searcher(manual)


@contextmanager
def no_errors_logged() -> Iterator[None]:
    """Fails if the reader logs an error meanwhile: a search that breaks answers "nothing
    found" and logs why, which would pass for an answer."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("reader")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    assert not records, [record.getMessage() for record in records]


def numbers(result: SearchResult, top: int = 3) -> list[str | None]:
    return [hit.number for hit in result.hits[:top]]


def titles_of(result: SearchResult, top: int = 3) -> list[str]:
    return [hit.title for hit in result.hits[:top]]


# query -> chapters of which at least one must be in the top 3
RELEVANCE = [
    ("s47", "4.6"), ("S.47", "4.6"), ("section 47", "4.6"), ("section 47 enquiries", "4.6"),
    ("sgo", "5.8 5.10"), ("special guardianship", "5.8 5.10"), ("staying put", "6.7.6"),
    ("perman", "9.1 8.17 8.18"), ("iro", "6.4.4"), ("nrpf", "2.7"), ("dols", "3.5.1"),
    ("epo", "4.8"), ("plo", "4.9"), ("uasc", "2.6"), ("send", "3.3.1"), ("ehcp", "3.3.1"),
    ("cse", "1.1.7 2.10"), ("nrm", "1.1.8"), ("modern slavery", "1.1.8 2.6"),
    ("fgc", "1.1.20"), ("adm", "10.1"), ("cafcass", "3.1.5"), ("lado", "7.7 8.8"),
    ("yos", "6.2.1"), ("ffa", "8.18"), ("care leavers", "6.7.1 6.7.2 6.7.3"),
    ("family time", "6.1.4"), ("contact", "6.1.4"), ("hsb", "4.3"), ("s20", "6.1.1"),
    ("children in care", "6.4.1 6.2.2"),  # titles that say it, before those with a synonym
    ("pa", "6.7.3 6.7.1"), ("edt", "3.1.4"), ("cpr", "8.17"), ("gillick", "1.1.6"),
    ("Fraser", "1.1.6"),  # found nothing: the vocabulary had the name only in longer terms
    ("voice of the child", "1.1.5"), ("wishes and feelings", "1.1.5"), ("behavior", "7.9"),
    ("placement order", "8.3"), ("supported lodgings", "6.3.7"), ("separated children", "2.6"),
    ("medication", "6.6.3 3.3.6"), ("step parent adoption", "8.10"), ("lac medical", "6.6.1"),
    ("holiday abroad", "6.5.3"), ("placements abroad", "6.3.5"), ("overseas", "6.3.5 6.5.3"),
    ("missing children", "1.1.17"),  # its title lacks "children", which every title may say
    ("voluntary accommodation", "6.1.1"), ("looked after reviews", "6.4.3"),
    ("independent reviewing officer", "6.4.4"), ("private fostering", "5.1"),
    ("secure accommodation", "6.2.4 6.2.5"), ("whistleblowing", "1.2.2"),
    ("complaints", "1.2.1"), ("short breaks", "3.4.1"), ("direct payments", "3.3.4"),
    ("life story", "8.14"), ("later life letters", "8.15"), ("runaway", "1.1.17"),
    ("young carers", "2.14"), ("homeless 16 17", "3.2.1 3.2.2"),
    ("corporate parenting", "1.1.1"), ("strengths based approach", "1.1.2"),
    ("prospective adopters", "8.1"), ("inter country adoption", "8.9"),
    ("foster care allowance", "7.11"), ("mental capacity", "3.5.2"),
    ("section 117", "3.6.1"), ("s17", "3.2.3"), ("cin", "3.1.6"), ("cp conference", "4.7"),
    ("trafficking", "2.6"), ("exploitation", "1.1.7 2.10"), ('"looked after reviews"', "6.4.3"),
    ("dhos", "1.1.7"), ("superv", "4.11 7.5 1.1.18"), ("adoption panel", "8.2"),
    ("children missing education", "2.16"), ("pre birth", "2.9"), ("neglect", "2.11"),
    ("hague convention", "4.5"), ("care proceedings", "4.9"), ("foster panel", "7.1"),
    ("pwp", "5.6"), ("kinship care", "5.5"), ("remand", "6.2.3"),
    ("change of name", "6.6.5"), ("delegated authority", "6.6.9"), ("ofsted", "10.2"),
    ("united nations convention", "1.1.1"), ("6.4.3", "6.4.3"), ("2.7", "2.7"),
    ("respite", "3.4.1"), ("kinship", "5.5"), ("reg 24", "5.5"), ("missing episode", "1.1.17"),
    ("iha", "6.6.1"), ("placement breakdown", "6.3.1 8.7"), ("gdpr", "1.1.9"),
    ("children's home", "6.3.3"), ("asylum seeker", "2.6"), ("asylum seeking children", "2.6"),
    ("pathway plan", "6.7.3 6.7.1 6.7.2"), ("personal adviser", "6.7.3 6.7.1 6.7.2"),
    ("strategy discussion", "4.6"), ("rapid review", "1.1.14"), ("viability assessment", "5.5"),
    ("reg 44", "6.3.3"), ("unborn baby", "2.9"), ("sleepovers", "6.6.7"),
    ("care order", "4.9"), ("interim care order", "4.9"), ("section 31", "4.9"),
    ("section 38", "4.9"), ("section 17", "3.2.3 3.1.6"), ("well being", "6.6.4"),
    ("foster carer allowance", "7.11"), ("missing child return interview", "1.1.17"),
    ("adoption support services", "8.4"), ("young carers assessment", "2.14"),
    ("young person leaving care", "6.7.3 6.7.4 6.7.1"),
    ("adopters", "8.1 8.8"),  # the word as typed, before titles with only its stem: Adoption
    # abbreviations whose long form no title has whole: as if the long form had been typed
    ("cpp", "4.7"), ("camhs", "6.6.4 3.6.1"), ("dbs", "1.1.11"),
    ("6.4.", "6.4.1"),  # a number typed with its full stop
    # what a social worker or foster carer types, judged from the titles and the structure
    ("missing from care", "1.1.17"), ("child protection conference", "4.7"),
    ("section 20", "6.1.1"), ("looked after review", "6.4.3"), ("placement with parents", "5.6"),
    ("allegation against foster carer", "7.7"), ("disabled children", "3.3.2 3.3.3"),
    ("missing", "1.1.17"), ("child in care", "6.4.1"), ("complaint", "1.2.1"),
    ("records", "1.1.10"), ("homeless 16 year old", "3.2.1 3.2.2"), ("leaving care", "6.7.3"),
    ("foster carer review", "7.6"), ("fostering panel", "7.1"), ("care plan", "6.1.3"),
    ("return home interview", "1.1.17"), ("placement disruption", "6.3.1 8.7"),
    ("looked after children", "6.4.5"),
    # the field's words for what a title says otherwise
    ("intercountry adoption", "8.9"), ("international adoption", "8.9"),
    ("advocate", "6.4.2"), ("cdop", "4.13"),
    ("s8", "5.4"), ("s.8 order", "5.4"), ("contact order", "5.4"),  # child arrangements
    ("asylum", "2.6"), ("foster parents", "7.3 7.5 7.6"), ("adoptive parents", "8.1"),
    ("section 25", "6.2.4 6.2.5"), ("s25", "6.2.4 6.2.5"), ("out of authority", "6.3.4"),
    ("pets", "7.10"),
]
MISSPELT = [
    ("fostring", "fostering", "7.1 5.1 7.2"),
    ("guardianshp", "guardianship", "5.8 5.10"),
    ("saftey", "safety", "6.6.10"),
    ("exploitaton", "exploitation", "1.1.7 2.10"),
    ("adoptoin panel", "adoption panel", "8.2"),
    # words only the vocabulary has, not the text of this edition: corrected all the same
    ("gilick", "Gillick", "1.1.6"), ("seperated children", "separated children", "2.6"),
    ("frasier guidelines", "Fraser guidelines", "1.1.6"),  # a name, as the vocabulary has it
    ('"fostring panel"', '"fostering panel"', "7.1"),  # within quotes too
    ("s47 enquries", "s47 enquiries", "4.6"),  # "s47" is an abbreviation, no word and number
]
HOSTILE = [
    "", " ", '"', '""', '"unclosed phrase', "*", "?", "foster*", "fost?ring", "AND OR NOT",
    "NOT", "title:", "title:fostering", "body:", "(((", ")", "-", "+", "\\", "'", ":", ";",
    "%", "&", "<b>bold</b>", "<script>alert(1)</script>", "a" * 10_000, "word " * 2_000,
    "\U0001f600", "\U0001f476\U0001f3fd care", "\u0627\u0644\u0631\u0639\u0627\u064a\u0629",
    "\u05d8\u05d9\u05e4\u05d5\u05dc \u05d1\u05d9\u05dc\u05d3\u05d9\u05dd", "\u202efostering",
    "\x00", "\x07\x08\x1b[31m", "care\x00leavers", "\ufeff", "\ud800", "6.", "6..4", "...",
    "0", "99.99.99", "section", "section 999", "section -1", "s", "s.", "~~", "^2", "[]", "{}",
    "\t\n\r", "ﬁ", "İ", "ß", "\u0301", "fostering" + "\u0301" * 50,
]


@pytest.mark.parametrize(("query", "expected"), RELEVANCE)
def test_the_expected_chapter_is_in_the_top_three(
    engine: IndexSearcher, query: str, expected: str
) -> None:
    result = engine.search(query, limit=10)
    assert set(numbers(result)) & set(expected.split()), (query, numbers(result, 10))
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)  # the score says the order


@pytest.mark.parametrize(("typed", "meant", "expected"), MISSPELT)
def test_a_misspelt_query_suggests_the_right_words(
    engine: IndexSearcher, typed: str, meant: str, expected: str
) -> None:
    result = engine.search(typed)
    assert result.suggestion == meant
    # a slip of the finger: its results are shown at once, as if spelt right
    assert result.corrected
    assert set(numbers(result)) & set(expected.split())
    corrected = engine.search(result.suggestion)
    assert numbers(corrected) == numbers(result)
    assert corrected.suggestion is None and not corrected.corrected


@pytest.mark.parametrize(("typed", "meant", "first"), [
    # one word typed as two is joined
    ("whistle blowing", "whistleblowing", "1.2.2"), ("whistle-blowing", "whistleblowing", "1.2.2"),
    # ... with a slip of the finger in one part
    ("whistle blowign", "whistleblowing", "1.2.2"), ("whistel blowing", "whistleblowing", "1.2.2"),
    ("hand book", "handbook", "7.13"),
    # a word run into its number is parted: it found nothing and suggested nothing
    ("section47", "section 47", "4.6"), ("section47 enquiries", "section 47 enquiries", "4.6"),
    ("reg24", "reg 24", "5.5"),
    # two words a title has side by side, run together: they found nothing
    ("casework", "case work", "2.4"), ("lifestory", "life story", "8.14"),
    ("intercountry", "inter country", "8.9"),  # a term of the vocabulary has it, no title
    # a full stop for a space: the index reads "fostering.panel" as one word, like "s.47"
    ("fostering.panel", "fostering panel", "7.1"), ("fostring.panle", "fostering panel", "7.1"),
])
def test_a_space_too_many_or_too_few_is_mended(
        engine: IndexSearcher, titles: TitleSearcher, typed: str, meant: str, first: str) -> None:
    for searcher in (engine, titles):
        result = searcher.search(typed)
        assert result.corrected and result.suggestion == meant
        assert result.hits[0].number == first


def test_a_full_stop_parts_two_words_but_not_a_number_or_an_address() -> None:
    assert split_dotted("fostering.panel members") == "fostering panel members"
    for kept in ("s.47", "S.20", "1.1.1", "www.gov.uk", "e.g.", "section.47"):
        assert split_dotted(kept) == kept


def test_two_words_of_the_manual_are_not_joined(engine: IndexSearcher) -> None:
    result = engine.search("foster care")
    assert result.suggestion is None and not result.corrected
    assert result.hits[0].number == "6.3.2"


def test_a_correction_that_changes_too_much_is_offered_not_shown(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # two letters changed: a guess, so the person is asked and shown nothing else
    for searcher in (engine, titles):
        result = searcher.search("permenance")
        assert result.suggestion == "permanence"
        assert not result.corrected and result.hits == ()


@pytest.mark.parametrize("query", ["fostering", "iro", "perman", "6.4.3", "section 6", "s47",
                                   "s.47", "S.20", "1.1.1"])
def test_no_suggestion_when_the_query_finds_things(engine: IndexSearcher, query: str) -> None:
    result = engine.search(query)
    assert result.hits and result.suggestion is None


def test_no_suggestion_of_words_that_find_less_than_what_was_typed(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # "annual" is not in this edition, but "manual" is no better: the typed words already find
    # Review of Foster Carers, and the "correction" would only find chapters that say "manual"
    for searcher in (engine, titles):
        result = searcher.search("annual review foster carer")
        assert result.suggestion is None and result.hits[0].number == "7.6"


@pytest.mark.parametrize(("typed", "meant", "first"), [
    ("child protectoin plan", "child protection plan", "4.7"),
    ("fostring panle members", "fostering panel members", "7.1"),
])
def test_a_slip_among_words_found_as_typed_is_mended_too(
        engine: IndexSearcher, typed: str, meant: str, first: str) -> None:
    # "plan" alone found something; the misspelt word found nothing, and spelt right it is in
    # titles: the results are those of the words meant, as if typed right
    result = engine.search(typed)
    assert result.corrected and result.suggestion == meant
    assert result.hits[0].number == first
    assert numbers(engine.search(meant)) == numbers(result)


@pytest.mark.parametrize(("typed", "meant"), [("cp plan", "child protection plan"),
                                              ("CP plans", "child protection plans")])
def test_an_abbreviation_within_a_term_counts_as_the_words_it_stands_for(
        engine: IndexSearcher, titles: TitleSearcher, typed: str, meant: str) -> None:
    # "CP" is in no title: "cp plan" listed Care Planning and Health Assessments and Plans
    # first, not the conferences at which child protection plans are made
    for searcher in (engine, titles):
        result = searcher.search(typed)
        assert result.hits[0].number == "4.7"
        assert numbers(result) == numbers(searcher.search(meant))


def test_a_word_cut_short_is_not_taken_for_a_short_word_with_a_letter_added(
        engine: IndexSearcher) -> None:
    # "sect 47" showed results for "set 47", no better than those of "47" alone
    result = engine.search("sect 47")
    assert not result.corrected and result.suggestion is None
    assert result.hits[0].number == "4.6"
    mended = engine.search("staying putt")  # a doubled letter: sure, however short
    assert mended.corrected and mended.suggestion == "staying put"


@pytest.mark.parametrize(("typed", "meant", "first"), [
    ("FOSTRING", "FOSTERING", "7.1 5.1"),  # all in capitals, longer than an abbreviation
    ("CHILD PROTECTOIN PLAN", "CHILD PROTECTION PLAN", "4.7"),
    ("SEPERATED CHILDREN", "SEPARATED CHILDREN", "2.6"),
    ("FOSTRING panel", "FOSTERING panel", "7.1"),  # in capitals, a sure slip of a word
    ("ENQUIRING", "ENQUIRIES", "4.6"),  # all in capitals, another form of a word of the manual
])
def test_a_word_typed_with_caps_lock_on_is_corrected(
        engine: IndexSearcher, titles: TitleSearcher, typed: str, meant: str, first: str) -> None:
    # any word in capitals was taken for an abbreviation the manual lacks, never corrected
    for searcher in (engine, titles):
        result = searcher.search(typed)
        assert result.corrected and result.suggestion == meant
        assert result.hits[0].number in first.split()


# "ABE" (achieving best evidence) was searched as "ABLE": a word of three letters in
# capitals is an abbreviation, however near a word
@pytest.mark.parametrize("typed", ["NEET", "LADO", "CSE", "CAMHS", "NSPCC", "ABE"])
def test_an_abbreviation_in_capitals_is_not_corrected(engine: IndexSearcher, typed: str) -> None:
    assert engine.search(typed).suggestion is None


def test_a_suggestion_keeps_the_words_that_were_right(engine: IndexSearcher) -> None:
    assert engine.search("saftey and health").suggestion == "safety and health"
    # and the capital a corrected word was typed with: not "fostering Panel"
    assert engine.search("Fostring Panel").suggestion == "Fostering Panel"


def test_a_typed_chapter_number_comes_first(engine: IndexSearcher) -> None:
    assert engine.search("6.4.3").hits[0].title == "Looked After Reviews"


@pytest.mark.parametrize("query", [
    "6.4.3 Looked After Reviews",  # a number and title pasted from a document or an email
    "6.4.3 looked after", "see 6.4.3",
])
def test_a_chapter_number_among_words_puts_that_chapter_first(
    engine: IndexSearcher, titles: TitleSearcher, query: str
) -> None:
    for searcher in (engine, titles):
        result = searcher.search(query)
        assert numbers(result, 1) == ["6.4.3"]
        # the words are looked for as typed: not "No entry has every word"
        assert not result.used_fallback
    # and entries with the words follow, though none has the number among its words
    hits = engine.search(query).hits
    assert len(hits) > 1
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)  # the score says the order, for --json


def test_a_subsection_number_lists_its_chapters_in_order(engine: IndexSearcher) -> None:
    assert numbers(engine.search("6.4"), 5) == ["6.4.1", "6.4.2", "6.4.3", "6.4.4", "6.4.5"]


@pytest.mark.parametrize("typed", ["6,4", "06.4", "6,4."])
def test_a_subsection_number_typed_with_a_slip_lists_its_chapters(
        engine: IndexSearcher, titles: TitleSearcher, typed: str) -> None:
    # a comma for the dot (a number pad's decimal key), a leading zero
    for searcher in (engine, titles):
        assert numbers(searcher.search(typed), 5) == ["6.4.1", "6.4.2", "6.4.3", "6.4.4", "6.4.5"]


@pytest.mark.parametrize("typed", ["6,4,3", "06.4.3", "06.4.3 looked after"])
def test_a_chapter_number_typed_with_a_slip_comes_first(engine: IndexSearcher, typed: str) -> None:
    assert numbers(engine.search(typed), 1) == ["6.4.3"]


@pytest.mark.parametrize(("typed", "number"), [
    ("16", "16"), ("2024", "2024"), ("6 4", None), ("1,000", None), ("6.04", "6.04"),
])
def test_other_numbers_are_not_read_as_chapter_numbers(typed: str, number: str | None) -> None:
    # "1,000" is a thousand (no part of a chapter number has three digits); "6.04" may be
    # a decimal, not 6.4
    assert parse_query(typed).number == number


def test_section_n_lists_that_sections_entries(engine: IndexSearcher, manual: Manual) -> None:
    hits = engine.search("section 6", limit=100).hits
    in_section_6 = [entry.id for entry in manual.section("6").entries()]
    assert [hit.id for hit in hits[: len(in_section_6)]] == in_section_6
    assert all(hit.section.startswith("6. Children in Care") for hit in hits[:10])


@pytest.mark.parametrize("query,first", [
    ("section 4.6", "4.6"),  # sections 2, 4, 5 and 7 to 10 have no subsections: N.M is a chapter
    ("section 10.3", "10.3"), ("chapter 6.4.3", "6.4.3"), ("Chapter 1.1.1.", "1.1.1"),
    ("section 7", "3.1.5"),  # Processing Section 7 Requests, then manual section 7
    ("section 06.4", "6.4.1"),  # a zero typed before the number, as in "06.4" alone
    ("chapter 6,4,3", "6.4.3"),  # a comma for a dot, as in "6,4,3" alone
])
def test_section_or_chapter_and_a_number_finds_that_chapter_first(
    engine: IndexSearcher, titles: TitleSearcher, query: str, first: str
) -> None:
    for searcher in (engine, titles):
        assert numbers(searcher.search(query), 1) == [first]
    if query == "section 7":
        assert numbers(engine.search(query), 3)[1:] == [None, "7.1"]  # the NMS, then 7.1


def test_title_matches_outrank_text_matches(engine: IndexSearcher) -> None:
    # 1.1.1's text speaks of the strengths based approach; 1.1.2 is titled so
    assert numbers(engine.search("strengths based approach"), 2) == ["1.1.2", "1.1.1"]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("supervision orders", "4.11"), ("adoption panel", "8.2"),
        ("deprivation of liberty", "3.5.1"),
        ("connected carers", "5.5"),  # not Young Carers: carers connected to the child
        ("ehcp", "3.3.1"),  # the SEND chapter, before one on placing children with SEND
    ],
)
def test_exact_and_short_titles_rank_first(engine: IndexSearcher, query: str, first: str) -> None:
    assert engine.search(query).hits[0].number == first


@pytest.mark.parametrize("query", ["adopted", "adopting", "adoptions"])
def test_a_title_with_a_words_stem_twice_does_not_pass_for_one_with_the_word_as_typed(
        engine: IndexSearcher, titles: TitleSearcher, query: str) -> None:
    # 8.8 says "Adopters" and "Adoption", neither as typed: it is not the chapter a person
    # typing another form of "adoption" looks for first, and "adoption" lists it lower too
    for searcher in (engine, titles):
        listed = numbers(searcher.search(query), 3)
        assert "8.8" not in listed, listed
        assert listed[0] == numbers(searcher.search("adoption"), 1)[0] == "8.2"


@pytest.mark.parametrize(("typed", "first"), [
    # Porter makes "personalized" "person", of Personal Care; the manual writes "personalised"
    ("personalized care", "6.6.2"), ("personalized", "6.6.2"),
    ("organization", "1.1.1"),  # its text has "organisations"; it found nothing
    ("children's center", "2.13"), ("behavioral", "7.9"),
])
def test_a_word_typed_the_american_way_finds_the_british_spelling(
        engine: IndexSearcher, titles: TitleSearcher, typed: str, first: str) -> None:
    for searcher in (engine, titles):
        if first == "1.1.1" and searcher is titles:
            continue  # only the chapter's text has it
        result = searcher.search(typed)
        assert numbers(result, 1) == [first], (typed, numbers(result))
        assert result.suggestion is None


@pytest.mark.parametrize(("american", "british"), [
    ("organization", "organisation"), ("prioritizing", "prioritising"), ("analyzed", "analysed"),
    ("behavior", "behaviour"), ("neighborhood", "neighbourhood"), ("defense", "defence"),
    ("counseling", "counselling"), ("program", "programme"), ("judgment", "judgement"),
    ("pediatric", "paediatric"), ("centers", "centres"), ("behavioral", "behavioural"),
    ("judgments", "judgements"),
])
def test_british_spellings_of_american_forms(american: str, british: str) -> None:
    from reader.search_british import british as spelt

    assert spelt(american) == british


@pytest.mark.parametrize("word", ["size", "citizen", "feeling", "dealing", "diagram", "care",
                                  "police", "fostering"])
def test_words_spelt_alike_on_both_sides_have_no_british_form(word: str) -> None:
    from reader.search_british import british

    assert british(word) is None


def test_a_synonym_phrase_in_a_title_outranks_one_word_of_it(engine: IndexSearcher,
                                                               titles: TitleSearcher) -> None:
    # "missing from care" is one of the vocabulary's terms for runaways; the protocol whose
    # title says "Missing from Home or Care" must come before "Children Missing Education"
    for searcher in (engine, titles):
        assert numbers(searcher.search("missing from care"), 2) == ["1.1.17", "2.16"]


def test_an_abbreviation_no_entry_has_says_what_it_stands_for(
        engine: IndexSearcher, titles: TitleSearcher, capsys: pytest.CaptureFixture[str]) -> None:
    # no title or held text speaks of personal education plans: the entries listed have some
    # of its words, which "no entry has every word" of the one word typed did not say
    for searcher in (engine, titles):
        result = searcher.search("PEP")
        assert result.used_fallback and result.stands_for == "personal education plan"
        assert searcher.search("personal education plan").stands_for is None  # words typed
        # the long form of most words, not the vocabulary's shorter "CP plan"
        assert searcher.search("CPP").stands_for == "child protection plan"
    assert main(["search", "--limit", "1", "PEP"]) == 0
    assert ('No entry has "PEP" or "personal education plan"; these have some of its words.'
            in capsys.readouterr().out)


def test_a_long_form_word_as_written_outranks_another_word_of_its_stem(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # Porter makes "personal" and "persons" one stem: Persons Disqualified from Fostering
    # and Placements with Connected Persons say nothing of a personal education plan
    for searcher in (engine, titles):
        listed = [hit.number for hit in searcher.search("PEP", limit=20).hits]
        for persons in ("5.5", "7.2", "5.2"):
            assert listed.index("2.16") < listed.index(persons)  # Education
            assert listed.index("7.8") < listed.index(persons)  # Personal
        assert listed.index("6.5.1") < listed.index("5.2")


def test_a_title_with_a_long_form_word_only_by_chance_comes_after_those_with_its_words(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # "Persons" shares a stem with "personal" and nothing else: Placements with Connected
    # Persons came before the education of children looked after, where plans are made
    for searcher in (engine, titles):
        listed = numbers(searcher.search("PEP", limit=20), 20)
        last_by_chance = min(listed.index(persons) for persons in ("5.5", "7.2", "5.2"))
        assert listed[:5].count("6.5.1") == 1 and last_by_chance > listed.index("6.1.5")
    result = engine.search("PEP", limit=20)
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)  # the score says the order, for --json
    assert same_word("planning", "plan") and same_word("plans", "plan")
    assert same_word("agreed", "agree")
    assert not same_word("persons", "personal")
    assert not same_word("employes", "employ")  # "-es" follows only a hiss or an "o"


def test_an_abbreviations_subject_outranks_words_that_say_only_what_kind_of_thing_it_is(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # a personal education plan is about education: the chapter on the education of children
    # looked after (6.5.1) near the top, and Care Planning, Health Assessments and Plans and
    # Personal Care, which have only "plan" or "personal", after every title with Education
    for searcher in (engine, titles):
        hits = searcher.search("PEP", limit=20).hits
        assert "6.5.1" in [hit.number for hit in hits[:2]]
        educational = [n for n, hit in enumerate(hits) if "educat" in hit.title.lower()]
        generic = [n for n, hit in enumerate(hits) if hit.number in ("6.1.3", "6.6.1", "7.8")]
        assert len(educational) == 4 and len(generic) == 3
        assert max(educational) < min(generic)
        # a child protection plan: Emergency Protection Orders before Child in Need Plans
        listed = numbers(searcher.search("CPP", limit=20), 20)
        assert listed[:2] == ["4.7", "4.5"] and listed.index("4.8") < listed.index("3.1.6")


@pytest.mark.parametrize(("typed", "first", "guesses"), [
    # "agency" alone is an adoption agency, "safeguarding" alone the whole manual's subject
    ("MASH", "2.9", ["8.10", "10.1", "4.1"]),  # multi agency safeguarding hub
    ("DBS", "1.1.11", ["6.6.3", "1.1.10"]),  # disclosure, criminal; not Medication Record
    ("CAMHS", "3.6.1", ["3.5.2", "6.6.10", "8.11"]),  # mental health; not Health and Safety
    # no title has "protection" and "plan": each alone is listed, "child" alone never
    ("CPP", "4.7", ["6.7.7", "4.13"]),  # Ceasing to Look After a Child
])
def test_one_word_of_a_long_form_is_not_listed_when_a_title_has_two(
        engine: IndexSearcher, titles: TitleSearcher, typed: str, first: str,
        guesses: list[str]) -> None:
    for searcher in (engine, titles):
        result = searcher.search(typed, limit=50)
        assert result.used_fallback and numbers(result, 1) == [first]
        listed = numbers(result, 50)
        assert not set(guesses) & set(listed), listed
        assert "HMPPS Child Safeguarding Policy Framework" not in titles_of(result, 50)


def test_more_words_of_a_term_outrank_fewer_when_no_title_has_them_all(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # no title says "child protection plan"; the conferences, which make those plans, carry
    # two of its words and Care Planning one, so the conferences come first
    for searcher in (engine, titles):
        result = searcher.search("child protection plan")
        assert result.used_fallback
        assert result.hits[0].number == "4.7"
        assert numbers(result, 8).index("6.1.3") > numbers(result, 8).index("4.5")


def test_one_word_of_a_term_counts_once_in_the_text_index_too(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # 8.17 has "Child" and "Process" only: it matched the three words of "child protection
    # conference" through the one, and came before the conferences themselves
    for searcher in (engine, titles):
        assert searcher.search("child protection conference process").hits[0].number == "4.7"


def test_titles_with_most_words_follow_a_text_that_has_them_all(engine: IndexSearcher) -> None:
    # only 1.1.1's text has "adoption", "support" and "services"; Adoption Support has two
    result = engine.search("adoption support services")
    assert numbers(result, 2) == ["1.1.1", "8.4"] and not result.used_fallback
    # one word in common is not enough: "corporate parenting" lists no Placements with Parents
    assert numbers(engine.search("corporate parenting"), 5) == ["1.1.1"]


@pytest.mark.parametrize(("typed", "first"), [("respi", "3.4.1"), ("sleepo", "6.6.7"),
                                              ("kinsh", "5.5")])
def test_a_term_only_the_vocabulary_knows_is_found_while_it_is_typed(
        engine: IndexSearcher, titles: TitleSearcher, typed: str, first: str) -> None:
    for searcher in (engine, titles):
        assert searcher.search(typed).hits[0].number == first


def test_stemming_finds_other_forms_of_a_word(engine: IndexSearcher) -> None:
    titles = [hit.title for hit in engine.search("fostering", limit=50).hits]
    assert "Review of Foster Carers" in titles
    assert "Supervision and Support of Foster Carers" in titles


def test_every_word_is_required_by_default(engine: IndexSearcher) -> None:
    result = engine.search("foster panel", limit=50)
    assert not result.used_fallback
    assert [hit.number for hit in result.hits] == ["7.1"]


def test_any_word_when_no_entry_has_them_all(engine: IndexSearcher) -> None:
    result = engine.search("fostering zebra", limit=50)
    assert result.used_fallback
    assert "7.1" in numbers(result, 5)


def test_a_quoted_phrase_keeps_its_words_together(engine: IndexSearcher) -> None:
    assert numbers(engine.search('"looked after reviews"'), 1) == ["6.4.3"]
    assert "6.4.3" not in numbers(engine.search('"reviews looked after"'), 50)


@pytest.mark.parametrize(("query", "left_out"), [
    ("adoption NOT panel", "8.2"), ("adoption -panel", "8.2"),
    ("adoption NOT panel NOT support", "8.2 8.4"), ("adoption -panel -support", "8.2 8.4"),
])
def test_not_or_a_minus_leaves_out_entries_with_the_word(
        engine: IndexSearcher, titles: TitleSearcher, query: str, left_out: str) -> None:
    # it listed Adoption Panel alone, the one chapter the person asked to leave out
    for searcher in (engine, titles):
        found = numbers(searcher.search(query, limit=100), 100)
        assert not set(left_out.split()) & set(found) and {"8.3", "8.6"} <= set(found)
        words = [word.lstrip("-") for word in query.split()[1:] if word != "NOT"]
        assert not any(word in hit.title.lower() for word in words
                       for hit in searcher.search(query, limit=100).hits)


@pytest.mark.parametrize("typed", ["fostering NOT panle", "fostering -panle"])
def test_a_misspelt_word_left_out_is_mended_and_its_entries_left_out(
        engine: IndexSearcher, titles: TitleSearcher, typed: str) -> None:
    # no entry has "panle", so it left nothing out and said nothing: Fostering Panel was listed
    for searcher in (engine, titles):
        result = searcher.search(typed, limit=50)
        assert result.corrected and result.suggestion == typed.replace("panle", "panel")
        found = numbers(result, 50)
        assert "7.1" not in found and {"7.2", "7.6"} <= set(found)


def test_a_word_left_out_that_may_be_another_word_is_offered(
        engine: IndexSearcher, capsys: pytest.CaptureFixture[str]) -> None:
    result = engine.search("fostering NOT panal", limit=50)  # a letter changed: asked about
    assert result.suggestion == "fostering NOT panel" and not result.corrected
    assert "7.1" in numbers(result, 50)
    # the words left out were to be in no entry: "no entry has every word" would not fit
    assert main(["search", "--limit", "1", "fostering NOT panle"]) == 0
    assert ('The manual lacks a word of "fostering NOT panle"; showing results for '
            '"fostering NOT panel".' in capsys.readouterr().out)
    assert main(["search", "--limit", "1", "fostering NOT panal"]) == 0
    assert "\n  Did you mean: fostering NOT panel\n" in capsys.readouterr().out
    # with caps lock on, NOT is a word looked for, not one left out
    assert none_has("FOSTERING NOT PANLE") == "No entry has every word of "


def test_or_in_capitals_finds_either_word(engine: IndexSearcher) -> None:
    # it found only the entries with both words, as if OR were not there
    either = numbers(engine.search("fostering OR adoption", limit=100), 100)
    both = numbers(engine.search("fostering adoption", limit=100), 100)
    assert {"7.1", "8.2", "8.18"} <= set(either) and len(either) > len(both)
    # in lower case they are plain words, and a hyphen inside a word is no NOT
    assert engine.search("fostering or adoption").hits == engine.search("fostering adoption").hits
    assert numbers(engine.search("step-parent")) == numbers(engine.search("step parent"))


def test_not_and_or_typed_with_caps_lock_on_are_words(engine: IndexSearcher) -> None:
    # all in capitals, "NOT ATTENDING" is what the person means, not a word to leave out
    assert engine.search("CHILDREN NOT ATTENDING SCHOOL").hits == engine.search(
        "children not attending school").hits
    assert engine.search("FOSTERING OR ADOPTION").hits == engine.search(
        "fostering adoption").hits


def test_a_section_filter_keeps_only_that_section(engine: IndexSearcher) -> None:
    hits = engine.search("care", section="6", limit=100).hits
    assert hits and all(hit.section.startswith("6. Children in Care") for hit in hits)
    sub = engine.search("looked after", section="6.4", limit=100).hits
    assert sub and all((hit.number or "").startswith("6.4.") for hit in sub)
    # a chapter named by number outside the section is not listed either
    named = engine.search("6.4.3 looked after", section="6.7", limit=100).hits
    assert named and all(hit.section.endswith("6.7 Leaving Care") for hit in named)


def test_words_and_phrases_only_the_chapter_text_has_are_found(engine: IndexSearcher) -> None:
    # "strenuous efforts" is in 1.1.1's text alone: not in any title, heading or note
    assert [hit.number for hit in engine.search("strenuo").hits] == ["1.1.1"]  # being typed
    assert [hit.number for hit in engine.search('"strenuous efforts"').hits] == ["1.1.1"]
    # both words are in that text, but not together: no chapter has the phrase
    assert not engine.search('"strenuous principles"').hits
    # and a word only the text has is spelt right from the text: no title has "strenuous"
    mended = engine.search("strenuos")
    assert (mended.suggestion, mended.corrected) == ("strenuous", True)
    assert not engine.search('"strenuous efforts principles"').hits


def test_section_1_does_not_take_in_section_10(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    for searcher in (engine, titles):
        assert [hit.number for hit in searcher.search("ofsted inspection").hits][:1] == ["10.2"]
        hits = searcher.search("ofsted inspection", section="1", limit=100).hits
        assert not [hit.number for hit in hits if (hit.number or "").startswith("10.")]


def test_a_hit_says_where_it_sits_and_how_it_is_flagged(engine: IndexSearcher) -> None:
    hit = engine.search("6.2.4").hits[0]
    assert hit == Hit(
        number="6.2.4", id=hit.id, title="Placements in Secure Accommodation on Welfare Grounds",
        section="6. Children in Care > 6.2 Children Involved in the Youth Justice System",
        flags=("updated",), score=hit.score, snippet=hit.snippet, terms=hit.terms,
        online_only=True,
    )


def test_a_snippet_is_escaped_html_with_matches_in_bold(engine: IndexSearcher) -> None:
    hit = engine.search("corporate parenting").hits[0]
    assert hit.number == "1.1.1"
    assert '<b class="match">Corporate</b> <b class="match">Parenting</b>' in hit.snippet
    bare = hit.snippet.replace('<b class="match">', "").replace("</b>", "")
    assert "<" not in bare and ">" not in bare
    assert {"corporate", "parenting"} <= set(hit.terms)


def test_a_chapter_found_by_its_amendment_note_shows_the_note(engine: IndexSearcher) -> None:
    # 1.1.1's text never says when it was revised; its amendment note does, and the hit
    # must show that note rather than an opening paragraph with nothing in bold
    hit = engine.search("revised september").hits[0]
    assert hit.number == "1.1.1"
    assert hit.snippet_text.startswith("In September 2024, this chapter was revised")
    assert '<b class="match">September</b>' in hit.snippet
    assert {"september", "revised"} <= set(hit.terms)


def test_a_snippet_of_markup_in_the_text_is_escaped() -> None:
    # chapter text may say "<b>" or "Health & Safety" in words: shown as written, not as HTML
    text = "The <b>children's</b> & families' panel meets monthly."
    html, _ = Highlighter(frozenset({"panel"})).snippet(text)
    assert html == ("The &lt;b&gt;children&#x27;s&lt;/b&gt; &amp; families&#x27; "
                    '<b class="match">panel</b> meets monthly.')
    # nothing matched: the opening, escaped all the same
    html, _ = Highlighter(frozenset({"nothing"})).snippet(text)
    assert html == ("The &lt;b&gt;children&#x27;s&lt;/b&gt; &amp; families&#x27; "
                    "panel meets monthly.")


def test_a_word_whose_stem_ends_differently_is_still_marked() -> None:
    # "families" and "family" share the stem "famili", which neither word begins with
    html, terms = Highlighter(frozenset({"famili"})).snippet("One family, two families.")
    assert html == ('One <b class="match">family</b>, two <b class="match">families</b>.')
    assert terms == ("family", "families")


def test_a_snippet_shows_the_stretch_with_the_most_different_words() -> None:
    # "adoption" alone, many times, loses to the one place that has both words
    text = ("adoption " * 30 + "filler " * 100 + "the adoption panel met " + "filler " * 100)
    html, _ = Highlighter(frozenset({"adopt", "panel"})).snippet(text)
    assert '<b class="match">adoption</b> <b class="match">panel</b>' in html
    assert html.count('<b class="match">') == 2  # nothing bold from outside the stretch


def test_a_snippet_is_cut_between_words_and_says_where_it_was_cut() -> None:
    text = "Opening words here.\n\n  " + "Placement   planning\tmeetings " * 40
    html, _ = Highlighter(frozenset({"nothing"})).snippet(text)  # no match: the opening
    assert html.startswith("Opening words here. Placement planning meetings")  # as read
    assert html.endswith(" \u2026")
    assert html.removesuffix(" \u2026").split()[-1] in ("Placement", "planning", "meetings")
    html, _ = Highlighter(frozenset({"meet"})).snippet("Preamble " * 60 + text)
    assert html.startswith("\u2026 ") and html.endswith(" \u2026")
    for word in html.strip(" \u2026").replace('<b class="match">', "").replace("</b>", "").split():
        assert word in ("Preamble", "Opening", "words", "here.", "Placement", "planning",
                        "meetings")


def test_highlighting_a_phrase_marks_its_words_only_together() -> None:
    highlighter = Highlighter(frozenset(), phrases=(("care", "leaver"),))
    html = highlighter.mark("Care is given to care leavers.")
    assert html == 'Care is given to <b class="match">care</b> <b class="match">leavers</b>.'
    assert highlighter.mark("Care given to leavers.") == "Care given to leavers."


def test_a_word_is_marked_whole_never_from_its_middle() -> None:
    html = Highlighter(frozenset({"adopt"})).mark("Unadopted roads; adopted children.")
    assert html == 'Unadopted roads; <b class="match">adopted</b> children.'


def test_a_snippet_centres_on_the_matched_words() -> None:
    text = "filler " * 200 + "the corporate parenting principles " + "filler " * 200
    html, terms = Highlighter(frozenset({"corpor", "parent"})).snippet(text)
    assert html.startswith("\u2026 ") and html.endswith(" \u2026")
    assert '<b class="match">corporate</b> <b class="match">parenting</b>' in html
    assert terms == ("corporate", "parenting")


def test_the_limit_is_kept(engine: IndexSearcher) -> None:
    assert len(engine.search("care", limit=3).hits) == 3
    assert len(engine.search("care", limit=-5).hits) == 1  # never all but the last five


def test_searching_from_several_threads_at_once(engine: IndexSearcher) -> None:
    queries = ["fostering", "s47", "corporate parenting", "6.4", "perman"] * 4
    expected = {q: engine.search(q) for q in set(queries)}
    failures: list[BaseException] = []

    def run(query: str) -> None:
        try:
            assert engine.search(query) == expected[query]
        except BaseException as exc:  # collected: the main thread re-raises
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(q,)) for q in queries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures


# without the index ----------------------------------------------------------------------


def test_title_search_needs_no_index(manual: Manual, titles: TitleSearcher) -> None:
    assert not titles.full_text
    assert numbers(titles.search("iro"), 1) == ["6.4.4"]
    hit = title_searcher(manual).search("staying put").hits[0]
    assert hit.number == "6.7.6"
    # no text to show: the title, its matched words in bold
    assert hit.snippet == '<b class="match">Staying</b> <b class="match">Put</b> Policy'


def test_title_search_finds_notes(titles: TitleSearcher) -> None:
    assert numbers(titles.search("dhos"), 1) == ["1.1.7"]
    # a note with one word of two has not every word: it is listed as having some
    assert titles.search("dhos xylophone").used_fallback


def test_a_title_search_that_fails_says_so_and_logs_no_words(
        manual: Manual, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    searcher = title_searcher(manual)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("out of memory")

    monkeypatch.setattr(searcher, "_search", broken)
    with caplog.at_level(logging.ERROR):
        result = searcher.search("kowalski family")
    assert result.failure == "RuntimeError: out of memory" and result.hits == ()
    assert "a search of 15 characters failed" in caplog.text
    assert "kowalski" not in caplog.text.lower()  # a child's name has no place in a log


def test_title_search_finds_the_titles_the_index_finds_first(
    titles: TitleSearcher, engine: IndexSearcher
) -> None:
    # the same title ranking, so results do not jump when the index becomes ready; the
    # index may reorder near-ties by what the chapter text says
    for query in ("fostering", "perman", "sgo", "looked after", "6.4"):
        assert set(numbers(titles.search(query))) == set(numbers(engine.search(query))), query


def test_title_search_suggests_too(titles: TitleSearcher) -> None:
    assert titles.search("guardianshp").suggestion == "guardianship"


# hostile input ----------------------------------------------------------------------------


@pytest.mark.parametrize("query", HOSTILE)
def test_anything_typed_gets_an_answer(
    engine: IndexSearcher, titles: TitleSearcher, query: str
) -> None:
    for searcher in (engine, titles):
        with no_errors_logged():  # search catches and logs what it did not expect
            result = searcher.search(query, limit=20)
        assert isinstance(result, SearchResult)
        assert len(result.hits) <= 20
        assert len(result.query) <= 200
        for hit in result.hits:
            bare = hit.snippet.replace('<b class="match">', "").replace("</b>", "")
            assert "<" not in bare


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    query=st.text(max_size=300) | st.lists(
        st.sampled_from(['"', "*", "?", "AND", "OR", "NOT", "title:", "s47", "foster",
                         "6.4.3", "section", "6", " ", "\u202e", "\U0001f600", "care"]),
        max_size=12,
    ).map("".join),
    limit=st.integers(min_value=-5, max_value=60),
    section=st.sampled_from([None, "6", "6.4", "99", "", "x"]),
)
def test_search_never_raises(
    engine: IndexSearcher, query: str, limit: int, section: str | None
) -> None:
    with no_errors_logged():
        result = engine.search(query, limit=limit, section=section)
    assert isinstance(result, SearchResult) and result.failure is None
    assert len(result.hits) <= max(1, limit)
    assert all(isinstance(hit, Hit) for hit in result.hits)
    assert len({hit.id for hit in result.hits}) == len(result.hits)
    assert result.used_fallback is False or result.hits
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)


def test_queries_are_cut_into_words_exactly_as_the_index_cuts_text() -> None:
    text = (CONTENT / "chapters" / "childrens-services-policies-values-and-principles.md")
    words = text.read_text(encoding="utf-8") + " S.47 6.4.3 Children's naïve CAFCASS"
    assert analyze(words) == [token.text for token in ANALYZER(words)]
    # the "s" of a possessive is no word: "child's plan" must not need an "s" in the text
    assert analyze("the child's plan") == ["child", "plan"]


def test_a_turkish_keyboards_capital_i_finds_what_i_finds(engine: IndexSearcher) -> None:
    assert [h.number for h in engine.search("\u0130RO").hits][:1] == ["6.4.4"]
    assert engine.search("D\u0130SABLED").hits == engine.search("DISABLED").hits != ()


def test_a_word_typed_with_an_accent_finds_what_it_finds_without(engine: IndexSearcher) -> None:
    # a dead key on an international keyboard turns ' then e into "é"; "fostéring" found
    # nothing but a "Did you mean"
    accented = engine.search("fost\u00e9ring")
    assert accented.hits == engine.search("fostering").hits != ()
    assert accented.suggestion == "fostering"  # and says what it searched for
    assert [h.number for h in engine.search("adopti\u00f3n panel").hits][:1] == ["8.2"]


def test_a_word_the_manual_writes_with_an_accent_is_searched_as_typed() -> None:
    from reader.search_spelling import Speller, is_slip, without_accents

    speller = Speller({"na\u00efve": 3, "naive": 1, "fostering": 4})
    assert speller.knows("na\u00efve")  # known: never corrected to the plain one
    assert speller.correct("fost\u00e9ring") == "fostering"
    assert is_slip("fost\u00e9ring", "fostering")
    # letters of other scripts keep their marks: they are no accents on an English word
    assert without_accents("\u0930\u093e\u092e") == "\u0930\u093e\u092e"


def test_clean_query_removes_control_characters_and_bounds_length() -> None:
    assert clean_query("care\x00leavers\x1b") == "care leavers"
    assert clean_query("\u201cstaying put\u201d") == '"staying put"'
    # pasted from a PDF (a ligature) or typed with a wide-letter keyboard: plain letters
    assert clean_query("\ufb01nance \uff16.\uff14") == "finance 6.4"
    long = clean_query("safeguarding " * 5_000)
    assert len(long) <= 200
    assert set(long.split()) == {"safeguarding"}  # cut between words, never inside one


def test_parse_query_groups_vocabulary_terms_into_one_clause(titles: TitleSearcher) -> None:
    parsed = parse_query("section 47 enquiries urgent", titles.vocabulary)
    assert [clause.text for clause in parsed.clauses] == ["section 47 enquiries", "urgent"]
    assert isinstance(parsed.clauses[0], Clause)


def test_the_speller_corrects_by_swaps_and_prefers_frequent_words() -> None:
    assert osa_distance("saftey", "safety", 2) == 1
    assert osa_distance("abc", "xyzuvw", 2) == 3
    assert osa_distance("clear", "class", 2) == 3  # "ea" and "ss" are no swap
    speller = Speller({"fostering": 9, "festering": 1, "panel": 3})
    assert speller.correct("fostring") == "fostering"
    assert speller.knows("fost", as_prefix=True)
    assert speller.knows("pan", as_prefix=True)  # the last word in order, too
    assert not speller.knows("fost")
    assert speller.correct("zz") is None
    # "carr" is a letter from "care" and from "carer": the word used more often wins
    assert Speller({"care": 9, "carer": 1}).correct("carr") == "care"
    assert Speller({"care": 1, "carer": 9}).correct("carr") == "carer"
    assert Speller({"cp": 3}).correct("pc") is None  # two letters: no guess


def test_a_snippet_printed_as_plain_text_reads_as_written() -> None:
    hit = Hit(number="6.6.10", id="x", title="Safety", section="", flags=(), score=1.0,
              snippet='Health &amp; Safety: <b class="match">risk</b> &lt;assessed&gt;',
              terms=("risk",))
    assert hit.snippet_text == "Health & Safety: risk <assessed>"


def test_the_speller_does_not_guess_at_short_words_or_first_letters() -> None:
    speller = Speller({"ot": 9, "fostering": 9})
    assert speller.correct("ox") is None  # too short to tell what was meant
    assert Speller({"panel": 3}).correct("pnl") is None  # two letters of three missed
    # a slip keeps the word's first letters: "bostering" may be a name, not "fostering"
    assert speller.correct("bostering") is None
    assert speller.correct("fosterign") == "fostering"


def test_the_speller_takes_two_changed_letters_only_for_vowels_spelt_by_ear() -> None:
    speller = Speller({"permanence": 2, "relation": 5, "building": 3, "guardianship": 2,
                       "wales": 6})
    assert speller.correct("permenance") == "permanence"  # "e" for "a", "a" for "e"
    assert speller.correct("garudianship") == "guardianship"  # a letter moved
    assert Speller({"referral": 1}).correct("refferal") == "referral"  # one doubled wrongly
    # a consonant changed besides: plain English words, not the manual's misspelt
    assert speller.correct("religion") is None
    assert speller.correct("bullying") is None
    # under eight letters, a changed letter and another edit make another word ...
    assert speller.correct("wives") is None
    assert Speller({"after": 9, "carer": 9}).correct("father") is None
    assert Speller({"carer": 9, "person": 9}).correct("camera") is None
    assert Speller({"person": 9}).correct("prison") is None
    # ... and two letters missed, or one moved, are slips
    assert Speller({"visitors": 1}).correct("vistor") == "visitors"
    assert Speller({"breaks": 1}).correct("brakes") == "breaks"


def test_words_the_manual_writes_as_one_are_joined_only_where_a_part_is_no_word() -> None:
    speller = Speller({"whistleblowing": 2, "whistle": 1, "foster": 3, "care": 5,
                       "fostercare": 1})
    assert speller.join_split("whistle blowing policy") == "whistleblowing policy"
    assert speller.join_split("whistle blowign policy") == "whistleblowing policy"  # a slip
    assert speller.join_split("foster care") == "foster care"
    assert speller.join_split("foster carre") == "foster carre"  # "care" with a letter more
    # a part mended only where the whole is a slip: "x" is no key beside "g", so that is
    # only offered, not searched unasked
    assert speller.join_split("whistle blowinx") == "whistle blowinx"
    # and a query typed in capitals keeps them, as the abbreviations it may hold need
    assert speller.join_split("WHISTLE BLOWIGN") == "WHISTLEBLOWING"


def test_a_letter_changed_in_a_short_word_is_offered_only_when_it_may_be_a_slip() -> None:
    speller = Speller({"policy": 3, "policies": 2})
    # "e" for "y" is neither a key beside it nor alike by ear: "police" is another word,
    # and so is "policies", a form of "policy" two letters from it
    assert speller.correct("police") is None
    assert speller.correct("polixy") == "policy"  # "x" is beside "c"
    assert speller.correct("polici") == "policy"  # "i" for "y", alike by ear


def test_words_run_together_are_parted_only_as_a_title_or_term_has_them() -> None:
    speller = Speller({"case": 3, "work": 2, "home": 4, "homework": 1},
                      pairs={("case", "work"), ("life", "stori")})
    assert speller.split_joined("casework") == "case work"
    assert speller.split_joined("lifestory") == "life story"  # as stems: "Life Story Books"
    assert speller.split_joined("workcase") is None  # not in that order
    assert speller.split_joined("homework") is None  # a word of the text


def test_a_word_only_the_vocabulary_has_mends_a_slip_but_is_never_a_guess() -> None:
    speller = Speller({"safety": 3}, slips_only={"seeking", "safety"})
    assert speller.correct("seekng") == "seeking"  # a letter missed
    assert speller.correct("smoking") is None  # two letters changed: "seeking" is a guess
    assert speller.knows("seeking")


def test_a_word_found_only_by_a_chance_stem_is_mended_when_a_doubled_letter_explains_it(
) -> None:
    # the stemmer makes "referal" a form of "refer"; it is "referral" with an "r" missed
    speller = Speller({"refer": 6, "reference": 1, "referral": 1})
    assert speller.stem_slip("referal") == "referral"
    # words of the manual, and forms one edit from one, stay as they are
    assert [speller.stem_slip(word) for word in ("refer", "refers", "reference")] == [None] * 3
    # another letter changed or added makes other words, not slips
    assert Speller({"play": 3, "placing": 9}).stem_slip("playing") is None
    assert Speller({"offer": 3, "offending": 9}).stem_slip("offering") is None


@pytest.mark.parametrize(("words", "typed"), [
    ({"file": 3, "files": 2, "filling": 5}, "filing"),  # of "file", not "filling"
    ({"hope": 2, "hopping": 1}, "hoping"),
    ({"lateral": 2, "latter": 3}, "later"),  # its own stem, which "lateral" shares
])
def test_a_real_word_of_a_stem_the_manual_has_is_not_mended_to_another(
        words: dict[str, int], typed: str) -> None:
    assert Speller(words).stem_slip(typed) is None


def test_a_slip_that_keeps_its_stem_is_mended_and_real_forms_of_the_stem_stay() -> None:
    # the stemmer reads "leaveing" as "leave": results came for "leaving care", but the
    # word typed was never mended and the person never saw that it was misspelt
    speller = Speller({"leave": 2, "leaving": 5, "agreed": 2, "possible": 3})
    assert speller.stem_slip("leaveing") == "leaving"  # an "e" kept before "-ing"
    # forms of a word the manual has, though the manual does not write them, stay as typed
    for typed in ("leaves", "leaved", "agree", "agrees", "possibly", "possibles"):
        assert speller.stem_slip(typed) is None, typed
    # two words of one stem that end otherwise are two words: "dependant" is no slip
    assert Speller({"dependent": 2}).stem_slip("dependant") is None
    assert Speller({"locals": 2}).stem_slip("locales") is None


def test_a_misspelt_word_the_stemmer_reads_as_its_own_stem_is_mended(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    for searcher in (engine, titles):
        result = searcher.search("leaveing care")
        assert result.corrected and result.suggestion == "leaving care"
        assert numbers(result, 1) == ["6.7.3"]  # Leaving Care and Transition
        assert searcher.search("leaves").suggestion is None


@pytest.mark.parametrize(("typed", "meant"), [("referal", "referral"),
                                               ("referals", "referrals"),
                                               ("refferal", "referral")])
def test_a_common_misspelling_the_stemmer_reads_as_another_word_is_mended(
        engine: IndexSearcher, titles: TitleSearcher, typed: str, meant: str) -> None:
    # "referal" would find "refer" (Duty to Refer, "please refer to"); the person meant the
    # chapters of 3.1 Contacts Referrals and Assessments
    for searcher in (engine, titles):
        result = searcher.search(typed)
        assert result.corrected and result.suggestion == meant
        assert {hit.number for hit in result.hits[:3]} <= {f"3.1.{n}" for n in range(1, 10)}


@pytest.mark.parametrize("typed", ["refer", "referred", "reference", "referr"])
def test_words_of_the_stem_refer_are_not_mended(engine: IndexSearcher, typed: str) -> None:
    # "referr" is still being typed: "referral" is on its way, not "refer" misspelt
    result = engine.search(typed)
    assert result.suggestion is None and not result.corrected and result.hits


@pytest.mark.parametrize(("typed", "offered"), [
    ("pets", None), ("smoking", None),  # never a different first letter ("sets", "making")
    ("NEET", None),  # an abbreviation the manual lacks is not a misspelt "need"
    ("ICS", None),  # nor another one, a letter short of "IDCS"
    # one letter from a word of the manual, neither a key beside it nor alike by ear: a
    # real word ("policy" was offered), of which the manual says nothing
    ("police", None),
    ("short brakes", "short breaks"),  # a letter moved: asked about too
    # two letters from one, a consonant among them: another word, not a misspelling
    ("religion", None), ("bullying", None), ("wife OR wives", None),
    # two edits leave too little of a word under eight letters: "time", "after", "later"
    ("title", None), ("father", None), ("lawyer", None),
])
def test_a_real_word_the_manual_lacks_is_not_corrected_unasked(
        engine: IndexSearcher, typed: str, offered: str | None) -> None:
    result = engine.search(typed)
    assert not result.corrected and result.suggestion == offered


@pytest.mark.parametrize("query", ["dog", "short breaks", "transfer of cases"])
def test_a_see_also_is_not_listed_beside_its_own_chapter(
        engine: IndexSearcher, titles: TitleSearcher, manual: Manual, query: str) -> None:
    for searcher in (engine, titles):
        opened = []
        for hit in searcher.search(query).hits:
            entry = manual.find(hit.id)
            opened.append(entry.target if entry.kind == "see_also" else entry.id)
        assert len(opened) == len(set(opened)), (query, opened)
    assert engine.search("short breaks").hits[0].id == "short-breaks"  # the chapter stays


def test_the_manuals_own_chapters_come_before_a_see_also_that_matches_as_well(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # HMPPS's framework is another body's document; its title, shorter, matched better
    for searcher in (engine, titles):
        hits = searcher.search("safeguarding").hits
        assert hits[0].number == "4.1", [hit.title for hit in hits[:3]]
        see_also = [i for i, hit in enumerate(hits) if hit.see_also]
        chapters = [i for i, hit in enumerate(hits) if "Safeguarding" in hit.title
                    and not hit.see_also]
        assert see_also and max(chapters) < min(see_also)


def test_a_title_with_the_words_together_comes_before_one_with_them_apart(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # "Early Intervention: Policy and Provision" (a See also) before "Restraint and Physical
    # Intervention (Lighthouse and Early Help ...)"
    for searcher in (engine, titles):
        first = searcher.search("early intervention").hits[0]
        assert first.see_also and first.title.startswith("Early Intervention")


@pytest.mark.parametrize(("query", "first"), [("referral", "3.1.1"), ("referrals", "3.1.1"),
                                              ("monitoring and reviews", "6.4.1")])
def test_words_only_a_subsection_title_has_list_its_chapters(
        engine: IndexSearcher, titles: TitleSearcher, query: str, first: str) -> None:
    # "3.1 Contacts Referrals and Assessments": none of its chapters' titles says "referral"
    for searcher in (engine, titles):
        result = searcher.search(query)
        assert numbers(result)[0] == first and not result.used_fallback
        assert all(hit.number.startswith(first[:4]) for hit in result.hits)


@pytest.mark.parametrize(("query", "titled", "part"), [
    # a contact at the front door, as 3.1 Contacts, Referrals and Assessments says it; its
    # chapters' titles do not
    ("contacts", {"6.1.4", "6.2.2"}, "3.1"), ("contact", {"6.1.4", "6.2.2"}, "3.1"),
    ("monitoring", {"8.5"}, "6.4"), ("complaints", {"1.2.1"}, "1.2"),
    ("significant harm", set(), "4"),  # a section's title too
])
def test_a_parts_chapters_follow_the_titles_with_the_word(
        engine: IndexSearcher, titles: TitleSearcher, query: str, titled: set[str],
        part: str) -> None:
    for searcher in (engine, titles):
        listed = numbers(searcher.search(query, limit=50), 50)
        # the titles with the word first, then the part's other chapters in contents order,
        # before any chapter whose text only mentions it (1.1.1)
        assert set(listed[: len(titled)]) == titled
        chapters = [entry.number for entry in searcher.manual.chapters()
                    if (entry.number or "").startswith(part + ".")
                    and entry.number not in titled]
        assert listed[len(titled): len(titled) + len(chapters)] == chapters
        assert listed[len(titled) + len(chapters):] in ([], ["1.1.1"])


def test_a_part_named_only_by_a_synonym_does_not_list_its_chapters(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # "contact" is family time too, which 6.1 Care Planning and Family Time names: 6.1.4
    # says so, and Decision to Look After has nothing more to do with contact than any
    for searcher in (engine, titles):
        listed = numbers(searcher.search("contact", limit=50), 50)
        assert "6.1.4" in listed and "6.1.2" not in listed
        # the word typed, the part named: "family time" lists the part's chapters
        assert "6.1.2" in numbers(searcher.search("family time", limit=50), 50)
        # nor words every part might say: "children" lists the titles that say it only
        assert "6.3.2" not in numbers(searcher.search("children", limit=50), 50)


def test_slips_of_the_finger() -> None:
    assert is_slip("safegaurding", "safeguarding")  # neighbours swapped
    assert is_slip("fostring", "fostering") and is_slip("adopption", "adoption")
    assert is_slip("plasement", "placement")  # one letter, in a long word
    assert not is_slip("police", "policy")  # one letter, in a short word: another word
    assert not is_slip("religion", "relation")  # two letters changed
    assert is_slip("refferal", "referral")  # the wrong letter doubled, in a long word
    assert not is_slip("coppies", "copiess")  # a short word: two slips may be another word
    # a word of three letters is too short to be sure of, unless a letter was doubled
    assert not is_slip("sect", "set") and is_slip("putt", "put")
    # in a long word, a letter missed besides two swapped is a slip; besides one changed it
    # makes another word
    assert is_slip("asessmnet", "assessment") and is_slip("safguarding", "safeguarding")
    assert not is_slip("plcaemant", "placement")  # two swapped and one changed: no slip
    assert not is_slip("enquiring", "ensuring") and not is_slip("boarding", "barring")
    # one letter changed in a long word: a key beside it, or a letter alike by ear; any other
    # makes another word ("adaption" is adaptation)
    assert is_slip("fosyering", "fostering") and is_slip("seperated", "separated")
    assert not is_slip("adaption", "adoption")
    # the keys below a key are those half a key left and right of it: "x" is beside "d",
    # "s" beside "e"; "e" and "i" are alike by ear ("medecation")
    assert is_slip("axoption", "adoption") and is_slip("placsment", "placement")
    assert is_slip("medecation", "medication")


@pytest.mark.parametrize("typed", ["enquiring", "enquire", "enquired", "Enquiring"])
def test_another_form_of_a_word_of_the_manual_finds_what_that_word_finds(
        engine: IndexSearcher, titles: TitleSearcher, typed: str) -> None:
    # the stemmer makes "enquir" of these and "enquiri" of "enquiries": "enquiring" offered
    # "ensuring" and found nothing, "enquired" offered "enquiries" and found nothing
    for searcher in (engine, titles):
        result = searcher.search(typed)
        assert result.corrected and result.suggestion.lower() == "enquiries"
        assert numbers(result) == numbers(searcher.search("enquiries"))
        assert result.hits[0].number == "4.6"  # Section 47 Enquiries


def test_a_word_two_edits_from_another_before_a_shared_ending_is_another_word(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # "policing" was offered "placing": "polic" and "plac" are two edits in a short root,
    # as "police" is no "place"; the ending they share is no evidence of a slip
    speller = Speller({"placing": 9, "recording": 3})
    assert speller.correct("policing") is None
    assert speller.correct("recroding") == "recording"  # two letters swapped stay a slip
    for searcher in (engine, titles):
        assert searcher.search("policing").suggestion is None
    # a long root still takes two edits: "permenance", and the same before an ending
    assert Speller({"permanence": 1}).correct("permenance") == "permanence"
    assert Speller({"permanences": 1}).correct("permenances") == "permanences"
    # a root of eight letters is long enough: two vowels spelt by ear in "complain"
    assert Speller({"complaining": 1}).correct("cumpleining") == "complaining"


def test_the_speller_takes_a_form_of_a_word_only_where_the_root_is_long_enough() -> None:
    speller = Speller({"enquiries": 5, "enquiry": 2, "policy": 3, "policies": 2})
    assert speller.relative("enquiring") == "enquiries"  # the more frequent form
    assert speller.relative("enquire") == "enquiries"
    # "polic" is too short a root to tell "police" and "policing" from "policy"
    assert [speller.relative(w) for w in ("police", "policing", "policed")] == [None] * 3
    assert speller.relative("enquiries") is None  # a word of the manual is no other form
    # "adaption" is a form of "adaptation" by its stem already: a manual with adaptations
    # finds them, and is never offered "adoption"
    assert Speller({"adaptations": 1, "adoption": 9}).knows("adaption")
    # a form in "-e" is of one in "-y" where the root is long enough: "enquire", "enquiry"
    assert Speller({"enquiry": 2}).relative("enquire") == "enquiry"


def test_a_letter_changed_in_a_word_of_seven_is_offered_though_not_alike() -> None:
    # seven letters are enough for a changed letter to be offered: "custedy" is no other word
    assert Speller({"custody": 3}).correct("custedy") == "custody"
    assert not is_slip("custedy", "custody")  # only offered: "e" is neither beside nor alike


@pytest.mark.parametrize("typed", ["adoption -casework", "adoption NOT lifestory"])
def test_a_word_run_together_after_not_is_not_parted(engine: IndexSearcher, typed: str) -> None:
    # parted, only its first word was left out and the second looked for: "adoption -case
    # work" listed one chapter, with "work", in place of the adoption chapters
    result = engine.search(typed)
    assert result.suggestion is None and not result.corrected
    assert numbers(result)[0] == "8.2"  # Adoption Panel, as without the word left out


def test_a_real_word_the_manual_lacks_is_not_searched_as_another_unasked(
        engine: IndexSearcher) -> None:
    # "adoration" listed the adoption chapters, and "adaption" (adaptation) too, as if the
    # person had typed "adoption"; offering it is as far as a guess may go
    for typed, offered in (("adoration", "adoption"), ("adaption", "adoption")):
        result = engine.search(typed)
        assert result.suggestion == offered and result.hits == ()


def test_a_word_is_never_corrected_to_a_stop_word(engine: IndexSearcher) -> None:
    """Results for "for" would be every title with "for" in it: no answer to "foo"."""
    result = engine.search("foo")
    assert result.suggestion is None
    assert result.hits == ()
    assert engine.search("fostring").suggestion == "fostering"


@pytest.mark.parametrize("query", ["and", "the", "for", "with"])
def test_a_common_word_being_typed_lists_no_title_for_having_it(
        engine: IndexSearcher, query: str) -> None:
    # "and" listed twenty titles, each with "and" in bold; "for" listed Payment for Skills
    result = engine.search(query, limit=100)
    assert not any(query in hit.terms for hit in result.hits)
    assert f'<b class="match">{query}</b>' not in " ".join(h.snippet.lower() for h in result.hits)
    assert "7.12" not in numbers(result, 100)  # Payment for Skills


def test_a_common_word_being_typed_still_finds_the_words_it_begins(
        engine: IndexSearcher) -> None:
    assert numbers(engine.search("for"), 1) == ["6.7.5"]  # ... to Former Looked After ...
    # an abbreviation being typed may be the start of a word: "adm" of "admission"
    assert numbers(engine.search("adm"), 2) == ["10.1", "6.1.5"]


# command line -----------------------------------------------------------------------------


def test_cli_search_json_prints_one_line_per_query(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--json", "s47", "fostring", "6.4.3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    results = [json.loads(line) for line in lines]
    assert [r["query"] for r in results] == ["s47", "fostring", "6.4.3"]
    first = results[0]
    assert set(first) == {"query", "suggestion", "corrected", "hits"}
    assert set(first["hits"][0]) == {"number", "id", "title", "section", "notes", "score",
                                     "snippet", "online_only", "see_also", "found_as",
                                     "found_of", "found_in"}
    assert first["hits"][0]["number"] == "4.6"
    assert results[1]["suggestion"] == "fostering" and results[1]["corrected"]
    assert results[1]["hits"][0]["title"] == "Fostering Panel"
    assert results[2]["hits"][0]["title"] == "Looked After Reviews"


def test_cli_search_that_cannot_be_run_says_so_and_fails(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the index is locked")

    monkeypatch.setattr(TitleSearcher, "_search", broken)
    assert main(["search", "fostering"]) == 1
    captured = capsys.readouterr()
    assert ('error: the search for "fostering" could not be run (RuntimeError: the index is '
            "locked); the log has the details") in captured.err
    assert captured.out == "Search: fostering\n  Not searched: see the error above.\n\n"


def test_cli_search_prints_hits_for_a_person(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--limit", "2", "iro", "guardianshp", "safety plan zebra",
                 "capacity and consent"]) == 0
    out = capsys.readouterr().out
    # flagged as the contents marks it, and said to be online only, as the window says it
    assert "\n  1.1.6  Capacity and Consent [Updated] (online only)\n" in out
    assert ("Search: iro\n  6.4.4  Appointment and Role of Independent Reviewing Officers "
            "(online only)\n") in out
    assert "      6. Children in Care > 6.4 Monitoring and Reviews\n" in out
    assert ('No entry has "guardianshp"; showing results for "guardianship".\n'
            "  5.8  Application for Special Guardianship Orders (online only)\n") in out
    assert ("Search: safety plan zebra\n  No entry has every word; these have some of them.\n"
            in out)
    assert "<b" not in out


def test_only_common_words_say_there_is_nothing_to_search_for(
        capsys: pytest.CaptureFixture[str]) -> None:
    # "No entry matches" would have the person believe "of the" is missing from the manual
    assert main(["search", "of the", "!!!", "xqzzv", "NOT adoption"]) == 0
    out = capsys.readouterr().out
    nothing = ('  No word to search for: common words such as \u201cof\u201d and \u201cthe\u201d, '
               "punctuation, and words after NOT or - (which leave entries out) are not looked "
               "for.\n")
    assert f"Search: of the\n{nothing}" in out and f"Search: !!!\n{nothing}" in out
    # not "Nothing found ... try fewer words": NOT needs a word to look for beside it
    assert f"Search: NOT adoption\n{nothing}" in out
    assert "Search: xqzzv\n  No entry matches.\n" in out


def test_cli_search_in_a_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--json", "--section", "7", "--limit", "50", "allegations"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [hit["number"] for hit in hits] == ["7.7"]
    # a subsection's number as well as a section's
    assert main(["search", "--json", "--section", "6.4", "--limit", "50", "reviews"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [hit["number"] for hit in hits] == ["6.4.3", "6.4.4"]
    assert main(["search", "--json", "--section", "6.4", "--limit", "1", "reviews"]) == 0
    assert [hit["number"] for hit in json.loads(capsys.readouterr().out)["hits"]] == ["6.4.3"]


def test_cli_search_an_unknown_section_is_a_usage_error(capsys) -> None:
    assert main(["search", "--section", "99", "care"]) == 2
    assert 'no section "99"' in capsys.readouterr().err


def test_cli_search_a_bad_limit_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "--limit", "0", "care"])
    assert exit_info.value.code == 2
    assert "1 or more" in capsys.readouterr().err


def test_cli_index_builds_then_reuses(tmp_path: Path, capsys) -> None:
    assert main(["index"]) == 0
    first = capsys.readouterr().out
    cache = tmp_path / "user" / "xdg_cache_home"
    assert re.fullmatch(rf"Search index: {re.escape(str(cache))}\S+ \(built just now\)\n", first)
    assert main(["index"]) == 0
    assert capsys.readouterr().out.endswith("(up to date)\n")
    assert main(["index", "--rebuild"]) == 0
    assert capsys.readouterr().out.endswith("(built just now)\n")
    # a cache folder that takes no index: searching works, but nothing is kept (exit 1)
    shutil.rmtree(cache)
    cache.write_text("a file where the cache folder belongs\n", encoding="utf-8")
    assert main(["index"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "Search index: none kept on disk (see the warning above)\n"
    assert captured.err.startswith("warning: ")


def test_cli_index_prebuilt_ships_with_the_content(content_copy: Path, capsys) -> None:
    assert main(["index", "--prebuilt", "--content", str(content_copy)]) == 0
    assert str(content_copy / ".index") in capsys.readouterr().out
    assert main(["index", "--content", str(content_copy)]) == 0
    assert "(shipped with the manual, used as it is)" in capsys.readouterr().out
    assert main(["search", "--json", "--content", str(content_copy), "s47"]) == 0
    assert json.loads(capsys.readouterr().out)["hits"][0]["number"] == "4.6"
    # what the search works without is said, as the window says it
    (content_copy / "vocabulary.json").write_text("[]", encoding="utf-8")
    assert main(["search", "--content", str(content_copy), "s47"]) == 0
    assert (f'warning: {content_copy / "vocabulary.json"}:1: must be an object with a "groups" '
            "list; search works without synonyms\n") in capsys.readouterr().err


def test_a_hit_carries_its_entrys_note_and_the_cli_says_it_once(capsys) -> None:
    from reader.cli import main

    assert main(["search", "--json", "exploitation"]) == 0
    hit = json.loads(capsys.readouterr().out.splitlines()[0])["hits"][0]
    assert hit["number"] == "1.1.7"
    assert hit["notes"] == ["please speak to your DHoS for any queries"]  # whom to ask
    assert main(["search", "adoption panel"]) == 0
    out = capsys.readouterr().out
    assert out.count("please refer to: Adoption East Midlands") == 1  # not the snippet again


def test_missing_alone_lists_children_missing_from_home_or_care_first(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # the vocabulary counts "missing" with runaways and missing from home or care; children
    # missing education are a group of their own ("CME"), so the protocol comes first
    for searcher in (engine, titles):
        assert numbers(searcher.search("missing"), 2) == ["1.1.17", "2.16"]


def test_child_in_care_lists_children_in_care_generally_before_one_event_of_it(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # "child in care" and "children in care" are one term in two numbers: the pledge to
    # children in care and the social worker's visits are no less about it than a marriage
    for searcher in (engine, titles):
        for query in ("child in care", "children in care"):
            found = titles_of(searcher.search(query))
            assert found[0] == "Our Pledge to Children in Care", (query, found)
            assert "Social Worker Visits to Children in Care" in found, (query, found)


def test_looked_after_children_is_not_looking_after_a_child(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # the typed "looked after" in the plural is "looked after child", but "Ceasing to Look
    # After a Child" only shares its stems
    for searcher in (engine, titles):
        assert numbers(searcher.search("looked after children"), 1) == ["6.4.5"]
    # by titles, Looked After Reviews has the words as typed; "Look After a Child" only
    # their stems (the index may weigh their text besides)
    found = numbers(titles.search("looked after children", limit=20), 20)
    assert found.index("6.4.3") < found.index("6.7.7")


def test_the_number_typed_decides_between_two_titles_alike(engine: IndexSearcher) -> None:
    # the two numbers are one term, but what was typed still tips a tie in chapter text
    found = titles_of(engine.search("children in care"), 8)
    assert found.index("Social Worker Visits to Children in Care") < found.index(
        "Marriage/Civil Partnership of a Child in Care")


def test_titles_with_the_words_as_typed_come_before_their_other_forms(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # "children in care" is what 6.2.2, 1.1.16 and 6.1.6 say, however long their titles;
    # a marriage of a child in care is one child's, and children admitted to care are not
    # yet children in care
    for searcher in (engine, titles):
        found = numbers(searcher.search("children in care"), 20)
        for as_typed in ("6.4.1", "6.2.2", "1.1.16", "6.1.6"):
            for other_form in ("6.6.6", "6.6.5", "6.1.5"):
                assert found.index(as_typed) < found.index(other_form), found
        # "Looked After Children" has what was typed; "Ceasing to Look After a Child" only
        # shares its stems
        found = numbers(searcher.search("looked after child"), 8)
        assert found.index("6.5.1") < found.index("6.7.7"), found
        # the plural has what was typed in the singular: prospective adopters are adopters
        found = numbers(searcher.search("adopter"), 8)
        assert found.index("8.1") < found.index("8.2"), found  # Adoption Panel


def test_an_index_failing_mid_search_leaves_the_words_searched_out_of_the_log(
        manual: Manual, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    from reader.search import open_search

    searcher = open_search(manual, cache_root=tmp_path).searcher
    assert isinstance(searcher, IndexSearcher)

    def damaged(query: object, *_args: object, **_kwargs: object) -> None:
        raise KeyError(repr(query))  # as a damaged index may say of a term looked up

    monkeypatch.setattr(searcher._searcher, "search", damaged)
    with caplog.at_level(logging.ERROR):
        searcher.search("kowalski family")
    searcher.close()
    assert "the search index failed: KeyError" in caplog.text  # and where, for IT
    assert "kowalski" not in caplog.text.lower()
    assert searcher.problem  # titles are still searched, and the window says why


@pytest.mark.parametrize("typed", ["LAC", "CLA"])
def test_an_abbreviation_lists_titles_with_its_long_form_as_written_first(
        engine: IndexSearcher, titles: TitleSearcher, typed: str) -> None:
    # "LAC" stands for looked after children; "Ceasing to Look After a Child" and "Decision
    # to Look After" share only the stems, and came first: the act, not the child's status
    for searcher in (engine, titles):
        found = numbers(searcher.search(typed), 5)
        assert found[0] == "6.4.3" and "6.4.5" in found, found  # Reviews, Meeting the Needs
        assert "6.7.7" not in found and "6.1.2" not in found, found


def test_a_word_being_typed_finds_chapter_text_from_its_fourth_letter(
        engine: IndexSearcher) -> None:
    # "ambitious" is in 1.1.1's text only, in no title
    [hit] = engine.search("ambi").hits
    assert hit.number == "1.1.1"
    assert '<b class="match">ambitious</b>' in hit.snippet
    # three letters would match half the text: titles only, and no title has it
    assert not engine.search("amb").hits


def test_a_chapter_found_by_its_title_alone_shows_its_opening_not_its_title_again(
        engine: IndexSearcher) -> None:
    # "values" is in 1.1.1's title, not in its text or notes: the row shows the title already
    [hit] = engine.search("values").hits
    assert hit.number == "1.1.1"
    assert hit.snippet.startswith("Scope of this chapter Derby City Council uses a Strengths "
                                  "Based Approach")


def test_a_result_found_through_the_vocabulary_says_as_what(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # 4.6's row shows "Section 47 Enquiries", no word typed: a practitioner doubts it
    for searcher in (engine, titles):
        [hit] = searcher.search("strategy discussion").hits
        assert hit.number == "4.6"
        assert hit.reason == "Found as: section 47 enquiries"
        # "contacts" finds Family Time through the vocabulary; "Contact" in a title says itself
        hits = {hit.number: hit for hit in searcher.search("contacts", limit=50).hits}
        assert hits["6.1.4"].found_as == ("family time",)
        assert hits["6.2.2"].reason == ""


def test_a_result_found_by_its_subsections_title_says_so(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    for searcher in (engine, titles):
        hits = {hit.number: hit for hit in searcher.search("contacts", limit=50).hits}
        for number in ("3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5", "3.1.6"):
            assert hits[number].reason == "Found in the title of 3.1"
            # the word marked in the row's section line, as in a title
            assert hits[number].section_html == (
                '3. Children in Need &gt; 3.1 <b class="match">Contacts</b> Referrals and '
                "Assessments")
        if searcher.full_text:
            assert hits["1.1.1"].reason == ""  # its text says "Contact"


def test_an_abbreviation_spelt_out_in_a_title_needs_no_reason(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    # "s47" highlighted as "Section 47" and "LAC" as "Looked After" say themselves
    for searcher in (engine, titles):
        assert [hit.reason for hit in searcher.search("s47").hits] == [""]
        hits = {hit.number: hit for hit in searcher.search("lac", limit=50).hits}
        assert hits["6.4.3"].reason == ""
        assert hits["6.6.6"].reason == "Found as: child in care"  # "LAC" is no initials of it
        # "Admission of Children to Care": the vocabulary's term, not "children to care", a
        # stretch of the title that only resembles it
        assert hits["6.1.5"].reason == "Found as: children in care"
        hits = {hit.number: hit for hit in searcher.search("SGOs", limit=50).hits}
        assert hits["5.9"].reason == ""  # "Special Guardianship", marked in its title


def test_results_with_words_of_an_abbreviations_long_form_say_which(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    for searcher in (engine, titles):
        hits = {hit.number: hit for hit in searcher.search("PEP", limit=50).hits}
        # the status line names "personal education plan": the row says which of its words
        assert hits["2.16"].reason == "Found as: education"
        # as the long form writes it, where the title has "Special Educational Needs"
        assert hits["3.3.1"].reason == "Found as: education"
        # a row heard alone, without the status line, says whose words they are
        assert hits["2.16"].reason_heard == "Found as: education, of personal education plan"


def test_a_plain_title_match_says_no_more_than_its_title(
        engine: IndexSearcher, titles: TitleSearcher) -> None:
    for searcher in (engine, titles):
        for query in ("fostering", "section 47", "6.4", "staying put"):
            hits = [hit for hit in searcher.search(query, limit=50).hits
                    if query[0].isdigit() or query.split()[0] in hit.title.lower()]
            assert hits and all(hit.reason == "" and hit.section_html == "" for hit in hits)
        # a chapter of 7 Fostering Services without the word in its own title is listed
        # for its section's
        hits = {hit.number: hit for hit in searcher.search("fostering", limit=50).hits}
        assert hits["7.12"].reason == "Found in the title of section 7"
