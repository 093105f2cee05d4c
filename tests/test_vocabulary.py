"""The vocabulary of abbreviations and synonyms: the bundled file, lookups, faulty files."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from reader.search_query import stem_key
from reader.validate import validate
from reader.vocabulary import (
    MAX_GROUP_TERMS,
    VOCABULARY_FILE,
    TermGroup,
    Vocabulary,
    load_vocabulary,
    plain_key,
)

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "content" / VOCABULARY_FILE

# what a practitioner types, and a term it must also find
REQUIRED = [
    ("S47", "section 47"), ("s.47", "section 47 enquiries"), ("S17", "section 17"),
    ("S20", "voluntary accommodation"), ("section 20", "S20"), ("CIN", "child in need"),
    ("CiC", "looked after"), ("LAC", "children in care"), ("looked after", "CiC"),
    ("CP", "child protection"), ("SGO", "special guardianship"),
    ("EPO", "emergency protection order"), ("PLO", "public law outline"),
    ("IRO", "independent reviewing officer"), ("UASC", "unaccompanied"),
    ("NRPF", "no recourse to public funds"), ("SEND", "EHCP"),
    ("DoLS", "deprivation of liberty"), ("CRE", "CSE"), ("CSE", "exploitation"),
    ("NRM", "national referral mechanism"), ("NRM", "modern slavery"),
    ("FGC", "family group conference"), ("DHoS", "head of service"),
    ("ADM", "agency decision maker"), ("Cafcass", "children's guardian"),
    ("PEP", "personal education plan"), ("LADO", "allegations"), ("YOS", "YOT"),
    ("YOT", "youth justice"), ("FfA", "fostering for adoption"), ("care leaver", "leaving care"),
    ("contact", "family time"), ("HSB", "harmful sexual behaviour"),
]


@pytest.fixture(scope="module")
def bundled() -> Vocabulary:
    vocabulary, problems = load_vocabulary(BUNDLED)
    assert problems == ()
    return vocabulary.with_key(stem_key)


@pytest.mark.parametrize(("typed", "also"), REQUIRED)
def test_the_bundled_vocabulary_knows_the_fields_terms_both_ways(
    bundled: Vocabulary, typed: str, also: str
) -> None:
    assert stem_key(also) in {stem_key(t) for t in bundled.equivalents(typed)}
    assert stem_key(typed) in {stem_key(t) for t in bundled.equivalents(also)}


def test_each_group_says_what_it_is() -> None:
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    assert data["about"]
    for group in data["groups"]:
        assert group["about"], group["terms"]
        assert len(group["terms"]) >= 2


def test_matches_prefer_the_longest_term_and_give_its_equivalents() -> None:
    vocabulary = Vocabulary([
        TermGroup(("S47", "section 47", "section 47 enquiries")),
        TermGroup(("IRO", "independent reviewing officer")),
        TermGroup(("enquiries", "investigations")),  # within the longer term: not again
    ])
    words = plain_key("urgent section 47 enquiries with the iro")
    found = vocabulary.matches(words)
    assert [(m.start, m.end) for m in found] == [(1, 4), (6, 7)]
    assert set(found[0].equivalents) == {"S47", "section 47"}
    assert found[1].equivalents == ("independent reviewing officer",)


def test_a_term_in_two_groups_expands_to_both() -> None:
    vocabulary = Vocabulary(
        [TermGroup(("S17", "child in need")), TermGroup(("CIN", "child in need"))]
    )
    assert set(vocabulary.equivalents("child in need")) == {"S17", "CIN"}


def test_a_term_in_many_groups_gives_their_terms_in_the_files_order() -> None:
    vocabulary = Vocabulary([
        TermGroup(("CiC", "looked after", "children in care")),
        TermGroup(("LAC", "looked after", "CiC")),
    ])
    assert vocabulary.equivalents("looked after") == ("CiC", "children in care", "LAC")
    assert vocabulary.equivalents("CiC") == ("looked after", "children in care", "LAC")


def test_the_words_offered_in_spelling_are_the_terms_words_without_abbreviations() -> None:
    vocabulary = Vocabulary([
        TermGroup(("SGOs", "special guardianship orders")),
        TermGroup(("Gillick competence", "CAMHS", "CiCs", "s.47", "hub", "capacity to consent")),
    ])
    assert vocabulary.spelled_words == {
        "special", "guardianship", "orders", "gillick", "competence", "capacity", "consent"
    }


def test_a_large_group_costs_memory_in_step_with_its_size() -> None:
    # every term used to hold all the others: a group of 8000 terms took 3 GB per search
    group = TermGroup(tuple(f"term{n} word{n}" for n in range(500)))
    tracemalloc.start()
    try:
        vocabulary = Vocabulary([group]).with_key(stem_key)
        found = vocabulary.equivalents("term7 word7")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found[0] == "term0 word0"
    assert peak < 2_000_000  # under 1 MB; a quarter of a million pairs took 13 MB


def test_an_absurdly_large_group_is_cut_and_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / VOCABULARY_FILE
    terms = [f"term {n}" for n in range(MAX_GROUP_TERMS + 1)]
    path.write_text(
        '{\n  "groups": [\n    ["S47", "section 47"],\n'
        f'    {{"about": "too many", "terms": {json.dumps(terms)}}}\n  ]\n}}\n'
    )
    vocabulary, problems = load_vocabulary(path)
    assert [str(p) for p in problems] == [
        f"{path}:4: group 2 has {MAX_GROUP_TERMS + 1} terms;"
        f" only the first {MAX_GROUP_TERMS} are used"
    ]
    assert len(vocabulary.equivalents("term 0")) == MAX_GROUP_TERMS - 1
    assert vocabulary.equivalents(terms[-1]) == ()
    assert vocabulary.equivalents("S47") == ("section 47",)


def test_a_term_in_too_many_groups_is_reported_and_gives_the_first_terms(
    tmp_path: Path,
) -> None:
    path = tmp_path / VOCABULARY_FILE
    groups = [["child", f"kid {n}"] for n in range(MAX_GROUP_TERMS + 1)]
    path.write_text('{"groups": [\n' + ",\n".join(json.dumps(g) for g in groups) + "\n]}\n")
    vocabulary, problems = load_vocabulary(path)
    assert [str(p) for p in problems] == [
        f'{path}:{MAX_GROUP_TERMS + 2}: "child" is in so many groups that a search for it'
        f" uses only the first {MAX_GROUP_TERMS} of its other terms"
    ]
    found = vocabulary.equivalents("child")
    assert found == tuple(f"kid {n}" for n in range(MAX_GROUP_TERMS))
    assert vocabulary.equivalents(f"kid {MAX_GROUP_TERMS}") == ("child",)


def test_an_unknown_word_has_no_equivalents() -> None:
    assert Vocabulary([TermGroup(("a", "b"))]).equivalents("zebra") == ()


def test_a_missing_file_is_an_empty_vocabulary_without_problems(tmp_path: Path) -> None:
    vocabulary, problems = load_vocabulary(tmp_path / VOCABULARY_FILE)
    assert len(vocabulary) == 0
    assert problems == ()


def test_a_file_that_is_not_text_is_said_so_and_search_goes_on(tmp_path: Path) -> None:
    path = tmp_path / VOCABULARY_FILE
    path.write_bytes(b"{\xaa")
    vocabulary, [problem] = load_vocabulary(path)
    assert len(vocabulary) == 0
    assert problem.message == ("is not UTF-8 text: byte 0xAA (\"ª\" in Windows-1252); save "
                               "the file again with the encoding UTF-8; search works without "
                               "synonyms")
    assert problem.line == 1


def test_a_file_saved_as_utf16_is_said_so_with_no_line_to_look_at(tmp_path: Path) -> None:
    # the whole file is at fault, not its first line: an editor given "line 1" looks there
    path = tmp_path / VOCABULARY_FILE
    path.write_text('{"groups": [["LAC", "looked after child"]]}', encoding="utf-16")
    vocabulary, [problem] = load_vocabulary(path)
    assert len(vocabulary) == 0
    assert problem.message.startswith('is saved as UTF-16 ("Unicode" in Notepad)')
    assert problem.line is None


def test_invalid_json_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / VOCABULARY_FILE
    path.write_text('{\n  "format": 1,\n  "groups": [\n    ["S47", "s.47"],,\n  ]\n}\n')
    vocabulary, problems = load_vocabulary(path)
    assert len(vocabulary) == 0
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:4: not valid JSON")


def test_a_bad_group_is_skipped_with_its_line_and_the_rest_still_used(tmp_path: Path) -> None:
    path = tmp_path / VOCABULARY_FILE
    path.write_text(
        '{\n'
        '  "format": 1,\n'
        '  "groups": [\n'
        '    {"about": "fine", "terms": ["S47", "section 47"]},\n'
        '    {"about": "only one", "terms": ["lonely"]},\n'
        '    {"about": "no list", "terms": "S20"},\n'
        '    ["IRO", 7, "independent reviewing officer"],\n'
        '    {"about": "written over two lines",\n'
        '     "terms": ["alone"]}\n'
        '  ]\n'
        '}\n'
    )
    vocabulary, problems = load_vocabulary(path)
    messages = [str(p) for p in problems]
    assert f"{path}:5: group 2 needs at least two terms; it is skipped" in messages
    assert f'{path}:6: group 3 has no "terms" list; it is skipped' in messages
    assert f"{path}:7: group 4: every term must be non-empty text" in messages
    assert f"{path}:8: group 5 needs at least two terms; it is skipped" in messages  # its start
    assert vocabulary.equivalents("S47") == ("section 47",)
    assert vocabulary.equivalents("IRO") == ("independent reviewing officer",)


def test_a_group_written_with_escapes_is_reported_with_its_line(tmp_path: Path) -> None:
    # as json.dumps writes it: "caf\u00e9"; such groups were also looked for to the file's end
    path = tmp_path / VOCABULARY_FILE
    groups = [{"about": f"caf\u00e9 {n}", "terms": [f"term {n}"]} for n in range(3)]
    path.write_text('{"groups": [\n' + ",\n".join(json.dumps(g) for g in groups) + "\n]}\n")
    _, problems = load_vocabulary(path)
    assert [str(p) for p in problems] == [
        f"{path}:{n + 2}: group {n + 1} needs at least two terms; it is skipped" for n in range(3)
    ]


@pytest.mark.parametrize("text", ['["S47", "s.47"]', '{"format": 1}', '{"groups": "S47"}'])
def test_a_file_without_groups_is_reported(tmp_path: Path, text: str) -> None:
    path = tmp_path / VOCABULARY_FILE
    path.write_text(text + "\n")
    vocabulary, problems = load_vocabulary(path)
    assert len(vocabulary) == 0
    assert [problem.message for problem in problems] == [
        'must be an object with a "groups" list; search works without synonyms']


def test_a_file_of_another_format_is_reported_and_its_groups_still_used(tmp_path: Path) -> None:
    path = tmp_path / VOCABULARY_FILE
    path.write_text('{"format": 2, "groups": [[" LAC ", "looked after child"]]}\n')
    vocabulary, problems = load_vocabulary(path)
    assert [problem.message for problem in problems] == ["format 2; this reader reads 1"]
    assert vocabulary.equivalents("looked after child") == ("LAC",)  # as written, trimmed


def test_the_words_of_terms_are_known_and_offered_as_the_word_being_typed_ends() -> None:
    vocabulary = Vocabulary([TermGroup(("Gillick competence", "Fraser guidelines")),
                             TermGroup(("respite", "short breaks")),
                             TermGroup(("Respond", "reply", "resolve", "result"))])
    # "gillick" is no misspelling, though the manual's text may never use it
    assert vocabulary.knows("gillick") and vocabulary.knows("Fraser")
    assert not vocabulary.knows("gilick")
    # one-word terms that begin with what is typed, in any case, three at most
    assert vocabulary.completions("RES") == ("resolve", "respite", "respond")
    assert vocabulary.completions("respite") == ()  # typed whole already


def test_a_correction_takes_capitals_only_from_words_the_terms_always_write_so() -> None:
    # "Care Plan" and "care plan": a correction to "care" is no name, shown in lower case
    vocabulary = Vocabulary([TermGroup(("Gillick competence", "Child Care Plan Review Order",
                                        "child care plan review order", "Panel", "panel"))])
    assert vocabulary.names == {"gillick": "Gillick"}


def test_validate_reports_a_broken_vocabulary(content_copy: Path) -> None:
    (content_copy / VOCABULARY_FILE).write_text('{"groups": [["only"]]}\n', encoding="utf-8")
    _, problems = validate(content_copy)
    assert any(VOCABULARY_FILE in str(p) and "at least two terms" in str(p) for p in problems)


def test_the_bundled_content_validates_with_its_vocabulary() -> None:
    _, problems = validate(REPO / "content")
    assert problems == []
