"""Finding a section again in an edition that renumbered, renamed or removed it."""

from __future__ import annotations

from pathlib import Path

from reader.manual import load_manual
from reader.section_refs import carried, find_section, section_label

from .conftest import CONTENT
from .section_editions import later_edition


def test_a_section_renumbered_is_found_by_its_title(tmp_path: Path) -> None:
    later = load_manual(later_edition(tmp_path, "insert"))
    assert find_section(later, "6.4", "Monitoring and Reviews") == "6.5"
    assert find_section(later, "6.4", "monitoring and  reviews") == "6.5"  # retyped
    assert find_section(later, "6", "Children in Care") == "6"  # where it was: kept
    assert find_section(later, "7", "Children in Care") == "6"  # a section moved up: found
    assert carried(load_manual(CONTENT), later, "6.4") == "6.5"
    assert carried(load_manual(CONTENT), later, "6") == "6"  # a whole section stays open


def test_a_section_gone_is_not_taken_for_the_one_now_at_its_number(tmp_path: Path) -> None:
    renamed = load_manual(later_edition(tmp_path, "rename"))
    assert find_section(renamed, "6.4", "Monitoring and Reviews") is None
    assert carried(load_manual(CONTENT), renamed, "6.4") == "6.4 Monitoring and Reviews"
    # and found again by an edition that has it back
    assert carried(renamed, load_manual(CONTENT), "6.4 Monitoring and Reviews") == "6.4"


def test_a_number_without_a_title_is_trusted_as_before(tmp_path: Path) -> None:
    later = load_manual(later_edition(tmp_path, "insert"))
    assert find_section(later, "6.4", "") == "6.4"  # kept by an earlier reader: as then
    assert find_section(later, "6.9", "") is None


def test_of_two_sections_with_the_title_the_one_in_the_same_section_is_taken(
        tmp_path: Path) -> None:
    import json

    content = later_edition(tmp_path, "insert")  # 6.4 Monitoring and Reviews is now 6.5
    path = content / "contents.json"
    contents = json.loads(path.read_text(encoding="utf-8"))
    other = next(item for item in contents["sections"][2]["items"]
                 if item.get("number") == "3.2")
    other["title"] = "Monitoring and Reviews"  # a subsection of section 3 of that title too
    path.write_text(json.dumps(contents), encoding="utf-8")
    later = load_manual(content)
    assert find_section(later, "6.4", "Monitoring and Reviews") == "6.5"
    assert find_section(later, "3.2", "Monitoring and Reviews") == "3.2"


def test_a_section_titled_as_another_stays_where_it_is(tmp_path: Path) -> None:
    import json

    content = later_edition(tmp_path, "rename")  # 6.4 is now "Reviews of Children in Care"
    path = content / "contents.json"
    contents = json.loads(path.read_text(encoding="utf-8"))
    six = contents["sections"][5]["items"]
    next(item for item in six
         if item.get("number") == "6.3")["title"] = "Reviews of Children in Care"
    contents["sections"][9]["title"] = "Monitoring and Reviews"
    next(item for item in contents["sections"][2]["items"]
         if item.get("number") == "3.2")["title"] = "Monitoring and Reviews"
    path.write_text(json.dumps(contents), encoding="utf-8")
    later = load_manual(content)
    # a tab on 6.4 stays on 6.4, not on 6.3 of the same title before it
    assert find_section(later, "6.4", "Reviews of Children in Care") == "6.4"
    # the old 6.4, gone from 6: a subsection elsewhere, not section 10 of that title
    assert find_section(later, "6.4", "Monitoring and Reviews") == "3.2"


def test_a_section_is_named_as_the_contents_names_it() -> None:
    assert section_label("6", "Children in Care") == "6. Children in Care"
    assert section_label("6.4", "Monitoring and Reviews") == "6.4 Monitoring and Reviews"
    assert section_label("6", "") == "Section 6"  # kept by a reader that saved no title
