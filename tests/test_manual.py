"""The contents data matches the source contents page; bad content is reported, not fatal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.contents_import import parse_contents_text, slugify, split_title, title_key
from reader.manual import ContentError, load_manual

from .conftest import CONTENT, DATA


@pytest.fixture(scope="module")
def manual():
    return load_manual(CONTENT)


def test_ten_sections_in_the_sources_order(manual) -> None:
    assert [(s.number, s.title) for s in manual.sections] == [
        ("1", "All Children"),
        ("2", "Prevention and Early Intervention"),
        ("3", "Children in Need"),
        ("4", "Significant Harm"),
        ("5", "Children Away from Home with Friends and Family"),
        ("6", "Children in Care"),
        ("7", "Fostering Services"),
        ("8", "Adoption"),
        ("9", "Permanence"),
        ("10", "Appendices"),
    ]


def test_subsections_with_their_titles(manual) -> None:
    subs = {sub.number: sub.title for s in manual.sections for sub in s.subsections()}
    assert list(subs) == ["1.1", "1.2", *(f"3.{n}" for n in range(1, 7)),
                          *(f"6.{n}" for n in range(1, 8))]
    assert subs["3.2"] == "Homeless 16 and 17 Year Olds"
    assert subs["6.7"] == "Leaving Care"


def test_162_numbered_chapters_unique_and_in_order(manual) -> None:
    chapters = manual.chapters()
    assert len(chapters) == 162
    numbers = [tuple(int(p) for p in c.number.split(".")) for c in chapters]
    assert numbers == sorted(set(numbers))
    assert manual.find("6.4.3").title == "Looked After Reviews"
    assert manual.find("10.3").title == "Amendments"


def test_flags_are_data_not_title_text(manual) -> None:
    flagged = [c.number for c in manual.chapters() if {"updated", "new"} & set(c.flags)]
    assert len(flagged) == 23
    assert [c.number for c in manual.chapters() if "new" in c.flags] == ["4.3"]
    under_review = [c.number for c in manual.chapters() if "under_review" in c.flags]
    assert under_review == ["1.1.7", "5.1", "5.3", "6.6.1", "7.7", "10.1"]
    for entry in manual.entries():
        assert not entry.title.endswith((" Updated", " New")), entry.title
        assert "under review" not in entry.title.lower()


def test_notes_are_data(manual) -> None:
    assert manual.find("1.1.7").notes == ("please speak to your DHoS for any queries",)
    assert manual.find("1.1.7").title == "Children at Risk of Exploitation - Workflow and Guidance"
    assert manual.find("8.1").notes == ("please refer to: Adoption East Midlands",)
    assert manual.find("8.2").title == "Adoption Panel"
    assert manual.find("5.1").notes == (
        "for further advice or clarification, please speak to your DHoS",
    )


def test_unnumbered_entries_where_the_source_puts_them(manual) -> None:
    documents = [(e.section, e.subsection, e.title) for e in manual.entries()
                 if e.kind == "document"]
    assert documents == [
        ("6", None, "Our Pledge to Children in Care"),
        ("7", None, "Fostering Services National Minimum Standards"),
        ("8", None, "Adoption National Minimum Standards"),
    ]
    section6 = manual.section("6")
    assert section6.items[0].title == "Our Pledge to Children in Care"


def test_see_also_entries_where_the_source_puts_them(manual) -> None:
    see_also = [(e.subsection or e.section, e.title, e.target) for e in manual.entries()
                if e.kind == "see_also"]
    assert see_also == [
        ("2", "Early Intervention: Policy and Provision (House of Commons Library)", None),
        ("3.2", "Young People at the Risk of Homelessness", None),
        ("3.3", "Short Breaks", "short-breaks"),
        ("3.3", "Derby SEND Local Offer", None),
        ("6.1", "NICE Guideline: Looked After Children and Young People", None),
        ("6.2", "HMPPS Child Safeguarding Policy Framework", None),
        ("6.6", "Promoting Wellbeing and Positive Identity for a Child or Young Person Who is "
                "Looked After: A Quick Guide for Social Workers and Social Care Practitioners",
         None),
        ("6.7", "Transfer of Cases Protocol - Localities, Reception, IDCS and Children in Care",
         manual.find("1.1.16").id),
        ("8", "Placement with Dog Owning Families (Foster Carers)", manual.find("7.10").id),
        ("8", "Adoption Strategy: Achieving Excellence Everywhere", None),
    ]


def test_emergency_lead_in_of_6_1(manual) -> None:
    assert manual.subsection("6.1").lead == (
        "In an emergency, please refer to the following procedures:"
    )


def test_capture_artefact_mended_in_8_8(manual) -> None:
    title = manual.find("8.8").title
    assert title == ("Allegations Against Prospective Adopters and in Relation to Children "
                     "Placed for Adoption")
    assert all("\u0100" not in e.title and "\u00a0" not in e.title for e in manual.entries())


def test_ids_are_unique_slugs_and_find_works_by_id(manual) -> None:
    ids = [e.id for e in manual.entries()]
    assert len(ids) == len(set(ids))
    assert manual.find("staying-put-policy").number == "6.7.6"
    assert manual.find("STAYING-PUT-POLICY").number == "6.7.6"
    # a number copied from a letter or an e-mail often brings a space with it
    assert manual.find(" 6.7.6 ").id == "staying-put-policy"
    assert manual.is_section(" 6.4 ")


def test_manual_facts_live_in_one_place(manual) -> None:
    info = manual.info
    assert info.title == "Derby City Children's Social Care Procedures"
    assert info.publisher == "Derby City Council"
    assert info.online_url == "https://derbycsc.proceduresonline.com/"
    assert info.edition.isoformat() == "2024-09-02"


def test_contents_data_is_what_the_importer_makes_of_the_source() -> None:
    """content/contents.json is reproducible from the captured contents page."""
    imported = parse_contents_text((DATA / "contents_page.txt").read_text(encoding="utf-8"))
    bundled = json.loads((CONTENT / "contents.json").read_text(encoding="utf-8"))

    def without_files(node):
        if isinstance(node, dict):
            return {k: without_files(v) for k, v in node.items() if k != "file"}
        if isinstance(node, list):
            return [without_files(v) for v in node]
        return node

    assert without_files(bundled) == imported


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Capacity and Consent Updated", ("Capacity and Consent", ["updated"], [])),
        ("Working with Harmful Sexual Behaviour (2024) New",
         ("Working with Harmful Sexual Behaviour (2024)", ["new"], [])),
        ("Family and Friends Policy - under review", ("Family and Friends Policy",
                                                      ["under_review"], [])),
        ("Children's Workforce Strategy 2022 Update",
         ("Children's Workforce Strategy 2022 Update", [], [])),
        # typed again in a word processor: an em dash before the flag
        ("Family and Friends Policy \u2014 under review", ("Family and Friends Policy",
                                                           ["under_review"], [])),
        # the flag first: the title keeps no dash of the flag's
        ("Under review - Family and Friends Policy", ("Family and Friends Policy",
                                                      ["under_review"], [])),
        # a dash of the title's own stays, flags and notes after it go
        ("Transfer of Cases Protocol - Localities \u2013 Please see the new guide",
         ("Transfer of Cases Protocol - Localities", [], ["Please see the new guide"])),
    ],
)
def test_split_title(raw: str, expected: tuple) -> None:
    assert split_title(raw) == expected


def test_a_title_in_curly_quotes_is_the_same_title() -> None:
    assert title_key("The \u201cVoice\u201d of the Child \u2013 Guidance") == title_key(
        'The "Voice" of the  Child - guidance')
    assert title_key("Voice of the Child") != title_key("Voice of the Children")


def test_slugify_is_short_and_readable() -> None:
    assert slugify("Children's Services Policies, Values and Principles") == (
        "childrens-services-policies-values-and-principles"
    )
    long = slugify("Transfer of Cases Protocol - Localities, Reception, IDCS and Children in Care")
    assert len(long) <= 60 and not long.endswith("-and")


# bad content ------------------------------------------------------------------------------

def _edit_contents(root: Path, change) -> None:
    path = root / "contents.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def _chapters(data: dict) -> list[dict]:
    found = []
    for section in data["sections"]:
        for item in section["items"]:
            found.extend(item["items"] if item["type"] == "subsection" else [item])
    return [e for e in found if e["type"] == "chapter"]


def test_missing_chapter_file_is_named_and_the_rest_loads(
        content_copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    (content_copy / "chapters" / "childrens-services-policies-values-and-principles.md").unlink()
    manual = load_manual(content_copy)
    assert len(manual.chapters()) == 162
    [problem] = manual.problems
    assert problem.file.name == "contents.json" and problem.line
    assert problem.message == ("1.1.1: chapter file "
                               "chapters/childrens-services-policies-values-and-principles.md "
                               "is missing")
    assert f"content problem: {problem}" in caplog.text  # the log keeps it too


def test_duplicate_number_is_reported_and_first_is_kept(content_copy: Path) -> None:
    def duplicate(data: dict) -> None:
        _chapters(data)[1]["number"] = "1.1.1"

    _edit_contents(content_copy, duplicate)
    manual = load_manual(content_copy)
    assert manual.find("1.1.1").title == "Children's Services Policies, Values and Principles"
    assert any("number 1.1.1 is used twice" in p.message and p.line for p in manual.problems)
    assert manual.find("a-strengths-based-approach") is not None


def test_an_id_used_twice_opens_the_first_entry_as_the_message_says(
    content_copy: Path,
) -> None:
    def duplicate(data: dict) -> None:
        _chapters(data)[1]["id"] = _chapters(data)[0]["id"]

    _edit_contents(content_copy, duplicate)
    manual = load_manual(content_copy)
    first = _chapters(json.loads((content_copy / "contents.json").read_text("utf-8")))[0]
    assert manual.find(first["id"]).number == first["number"]
    assert any("bookmarks and links open the first" in p.message for p in manual.problems)


def test_contents_of_another_format_is_reported(content_copy: Path) -> None:
    # a pack made for a later reader: its editor is told, the reader still shows what it can
    _edit_contents(content_copy, lambda data: data.update(format=2))
    manual = load_manual(content_copy)
    assert [p.message for p in manual.problems] == ["format 2; this reader reads 1"]
    assert len(manual.chapters()) == 162


def test_malformed_contents_json_names_file_and_line(content_copy: Path) -> None:
    path = content_copy / "contents.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[6] = lines[6] + ","  # a stray comma on line 7
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_manual(content_copy)
    assert caught.value.problem.file == path
    assert caught.value.problem.line is not None
    assert "not valid JSON" in str(caught.value)


def test_a_name_given_twice_in_one_entry_is_reported_with_the_entry(content_copy: Path) -> None:
    # an entry copied and half edited: JSON keeps the last title without a word
    path = content_copy / "contents.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(
        '"title": "Children Missing Education Policy"',
        '"title": "Children Missing Education Policy", "title": "Children Missing Educaton"', 1),
        encoding="utf-8")
    manual = load_manual(content_copy)
    [problem] = manual.problems
    assert str(problem) == (f'{path}:280: "title" is given twice by the entry '
                            '"children-missing-education-policy"; the last one is used')
    assert len(manual.chapters()) == 162  # the rest opens
    (facts := content_copy / "manual.json").write_text(
        '{"format": 1, "title": "Procedures", "publisher": "Derby City Council",\n'
        ' "edition": "2024-09-02",\n "edition": "2020-01-01", "edition_basis": "dates",\n'
        ' "online_url": "https://derbycsc.proceduresonline.com/", "copyright": "Derby"}',
        encoding="utf-8")
    assert [str(p) for p in load_manual(content_copy).problems][0] == (
        f'{facts}:3: "edition" is given twice; the last one is used')


@pytest.mark.parametrize("text", ["", "\n  \n"])
def test_an_empty_contents_json_is_said_to_be_empty(content_copy: Path, text: str) -> None:
    path = content_copy / "contents.json"
    path.write_text(text, encoding="utf-8")  # a copy cut short
    with pytest.raises(ContentError) as caught:
        load_manual(content_copy)
    # not "Expecting value (a comma too many, or a value missing)", a fault in what is there
    assert str(caught.value) == (f"{path}:1: not valid JSON: the file is empty (a copy or a "
                                 "save cut short)")


def test_a_contents_json_that_is_not_text_is_said_so_in_words(content_copy: Path) -> None:
    path = content_copy / "contents.json"
    path.write_bytes(b"\xd1\x00garbled")
    with pytest.raises(ContentError) as caught:
        load_manual(content_copy)
    # not "'utf-8' codec can't decode byte 0xd1 in position 0"
    assert str(caught.value) == (f"{path}:1: is not UTF-8 text: byte 0xD1 (\"Ñ\" in "
                                 "Windows-1252); save the file again with the encoding UTF-8")


def test_a_contents_json_that_cannot_be_read_names_the_file_once(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = content_copy / "contents.json"
    real_read = Path.read_text

    def denied(self: Path, *args: object, **kwargs: object) -> str:
        if self == path:  # as chmod 000 does, for anyone but an administrator
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", denied)
    with pytest.raises(ContentError) as caught:
        load_manual(content_copy)
    # not "cannot be read ([Errno 13] Permission denied: '/the/path')" after the path
    assert str(caught.value) == f"{path}: cannot be read (Permission denied)"


def test_malformed_manual_facts_are_reported_and_the_manual_loads(content_copy: Path) -> None:
    (content_copy / "manual.json").write_text('{"title": " X ", "edition": "last spring"}')
    manual = load_manual(content_copy)
    assert len(manual.chapters()) == 162
    assert manual.info.title == "X"  # as the title bar shows it, without the spaces typed
    messages = [p.message for p in manual.problems]
    assert any('edition "last spring" is not a date' in m for m in messages)
    assert any('"publisher" is missing' in m for m in messages)


def test_entry_without_title_is_reported_and_skipped(content_copy: Path) -> None:
    def untitle(data: dict) -> None:
        del _chapters(data)[5]["title"]

    _edit_contents(content_copy, untitle)
    manual = load_manual(content_copy)
    assert len(manual.chapters()) == 161
    # which entry: its id, where the title that would name it is missing
    assert 'entry "capacity-and-consent" lacks title' in [p.message for p in manual.problems]


@pytest.mark.parametrize("file", ["../../../etc/passwd", "/etc/hostname", "chapters/../../x.md",
                                  "chapters\\x.md", "manual.json"])
def test_a_chapter_file_outside_chapters_is_never_read(content_copy: Path, file: str) -> None:
    def point_away(data: dict) -> None:
        _chapters(data)[0]["file"] = file

    _edit_contents(content_copy, point_away)
    manual = load_manual(content_copy)
    entry = manual.find("1.1.1")
    assert entry.file is None and not manual.has_text(entry)  # opens as "not included"
    assert any("is not a Markdown file in chapters/" in p.message and p.line
               for p in manual.problems)


def test_mistyped_values_are_reported_and_cost_only_themselves(content_copy: Path) -> None:
    def mistype(data: dict) -> None:
        chapters = _chapters(data)
        chapters[2]["title"] = None
        chapters[3]["flags"] = "new"
        chapters[4]["notes"] = [7, "a note"]
        chapters[5]["number"] = "one"
        chapters[6]["title"] = "  "
        data["sections"][1]["title"] = 42
        data["sections"][2]["items"] = "oops"

    _edit_contents(content_copy, mistype)
    manual = load_manual(content_copy)
    messages = [p.message for p in manual.problems]
    assert 'entry "diversity-and-heritage": title must be text, not null' in messages
    assert 'entry "diversity-and-heritage-pledges": flags must be a list, not "new"' in messages
    assert any(m.endswith("notes must hold only text, not 7") for m in messages)
    assert "section 2: title must be text, not 42" in messages
    assert 'section 3: items must be a list, not "oops"' in messages
    assert any(m.endswith('such as "1.1.3", not "one")') for m in messages)
    assert ('entry "children-at-risk-of-exploitation-workflow-and-guidance": title must be '
            'text, not "  "') in messages
    assert manual.find("1.1.3").title == "diversity-and-heritage"  # its id stands in
    assert manual.find("one") is None  # the tree does not show "one" as its number
    assert manual.find("capacity-and-consent").label == "Capacity and Consent"
    assert manual.find("1.1.4").flags == ()
    assert manual.sections[1].title == "2" and manual.sections[2].items == ()
    assert len(manual.sections) == 10


def test_many_faulty_entries_each_get_their_line_from_one_reading_of_the_file(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the file used to be read and searched again for each fault: 20000 faults took minutes
    def misname(data: dict) -> None:
        for n, chapter in enumerate(_chapters(data)[:30]):
            chapter["id"] = f"Bad_{n}"

    _edit_contents(content_copy, misname)
    path = content_copy / "contents.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    expected = [(n, next(i for i, line in enumerate(lines, 1) if f'"Bad_{n}"' in line))
                for n in range(30)]
    reads = []
    read_text = Path.read_text

    def counted(self: Path, *args, **kwargs) -> str:
        reads.append(self.name)
        return read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counted)
    manual = load_manual(content_copy)
    found = [(p.line, p.message) for p in manual.problems if "not a lower-case slug" in p.message]
    assert found == [(line, f'id "Bad_{n}" is not a lower-case slug: lower-case letters and '
                      f'digits in words joined by -, such as "bad-{n}"') for n, line in expected]
    assert reads.count("contents.json") == 2  # once to load it, once to find the lines


def test_a_faulty_id_written_with_accents_is_found_on_its_line(content_copy: Path) -> None:
    # as the import writes the file: accented letters as they are, not as \u escapes
    path = content_copy / "contents.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    _chapters(data)[0]["id"] = "café-policy"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if '"café-policy"' in text)
    manual = load_manual(content_copy)
    [problem] = [p for p in manual.problems if "café-policy" in p.message]
    assert problem.line == line
