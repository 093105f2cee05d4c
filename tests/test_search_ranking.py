"""What a social worker or foster carer types, and the chapters they would want near the top.

Judged from the titles and the manual's structure only; queries whose answer is a matter of
taste ("court", "supervision") are left out.
"""

from __future__ import annotations

import pytest

from reader.manual import Manual
from reader.search import IndexSearcher, SearchResult, TitleSearcher, title_searcher


@pytest.fixture(scope="module")
def titles(manual: Manual) -> TitleSearcher:
    return title_searcher(manual)


def titles_of(result: SearchResult, top: int = 3) -> list[str]:
    return [hit.title for hit in result.hits[:top]]


def numbers(result: SearchResult, top: int = 3) -> list[str | None]:
    return [hit.number for hit in result.hits[:top]]


# query -> chapters of which at least one must be in the top 3
PRACTITIONER = [
    ("missing from care", "1.1.17"), ("child protection conference", "4.7"),
    ("strategy discussion", "4.6"), ("section 20", "6.1.1"), ("looked after review", "6.4.3"),
    ("placement with parents", "5.6"), ("care leavers", "6.7.1 6.7.2 6.7.3"),
    ("private fostering", "5.1"), ("allegation against foster carer", "7.7"),
    ("contact", "6.1.4"), ("family time", "6.1.4"), ("sgo", "5.8 5.10"),
    ("disabled children", "3.3.2 3.3.3"), ("exploitation", "1.1.7 2.10"),
    ("secure accommodation", "6.2.4 6.2.5"), ("adoption panel", "8.2"),
    ("pathway plan", "6.7.3"), ("missing", "1.1.17"), ("child in care", "6.4.1"),
    ("complaint", "1.2.1"), ("records", "1.1.10"), ("cse", "1.1.7 2.10"),
    ("homeless 16 year old", "3.2.1 3.2.2"), ("runaway", "1.1.17"), ("leaving care", "6.7.3"),
    ("foster carer review", "7.6"), ("fostering panel", "7.1"), ("care plan", "6.1.3"),
    ("return home interview", "1.1.17"), ("placement disruption", "6.3.1 8.7"),
    ("looked after children", "6.4.5"),
]


@pytest.mark.parametrize(("query", "expected"), PRACTITIONER)
def test_a_practitioners_query_finds_its_chapter_in_the_top_three(
        engine: IndexSearcher, query: str, expected: str) -> None:
    assert set(numbers(engine.search(query))) & set(expected.split()), \
        (query, numbers(engine.search(query), 10))


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


def test_the_number_typed_decides_between_two_titles_alike(engine: IndexSearcher) -> None:
    # the two numbers are one term, but what was typed still tips a tie in chapter text
    found = titles_of(engine.search("children in care"), 5)
    assert found.index("Social Worker Visits to Children in Care") < found.index(
        "Marriage/Civil Partnership of a Child in Care")
