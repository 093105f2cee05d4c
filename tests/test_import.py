"""Importing saved pages of the online manual: contents (text and HTML) and chapters."""

from __future__ import annotations

import argparse
import errno
import json
import os
import re
import signal
import time
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from reader import chapter_import, cli_content
from reader.chapter_file import read_chapter_file
from reader.chapter_import import import_chapters
from reader.chapter_page import EntryFinder, date_note, parse_date
from reader.chapter_page_mend import mend_markdown
from reader.cli import main
from reader.contents_import import (
    import_contents,
    merge_ids,
    parse_contents_html,
    parse_contents_text,
    walk_entries,
)
from reader.manual import load_manual
from reader.page_html import read_page_text
from reader.render import ChapterRenderer
from reader.validate import validate

from .conftest import CONTENT, DATA, PNG

CHAPTER_111 = "chapters/childrens-services-policies-values-and-principles.md"
SCOPE_STARTS = '<div class="scope" markdown="1">\n\n## Scope of this chapter\n\nDerby City Council'

def parser() -> argparse.ArgumentParser:
    """The commands as the main parser will carry them."""
    content = argparse.ArgumentParser(add_help=False)
    content.add_argument("--content", type=Path, metavar="DIR", default=argparse.SUPPRESS)
    main = argparse.ArgumentParser(prog="procedures-reader", parents=[content])
    cli_content.add_commands(main.add_subparsers(dest="command"), content)
    return main


def run(*argv: str) -> int | None:
    return cli_content.run(parser().parse_args(list(argv)))


def bundled_contents() -> dict[str, Any]:
    return json.loads((CONTENT / "contents.json").read_text(encoding="utf-8"))


# contents ----------------------------------------------------------------------------------

def test_importing_the_captured_contents_page_reproduces_contents_json_exactly(
    tmp_path: Path,
) -> None:
    out = tmp_path / "contents.json"
    result = import_contents(DATA / "contents_page.txt", CONTENT, out)
    assert out.read_text(encoding="utf-8") == (CONTENT / "contents.json").read_text(
        encoding="utf-8")
    assert result.sections == 10 and result.chapters == 162
    assert result.merge.similar == () and result.merge.added == () and result.merge.removed == ()


def test_import_contents_command_rewrites_the_content_folder_in_place(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (content_copy / "contents.json").read_text(encoding="utf-8")
    assert run("import-contents", str(DATA / "contents_page.txt"),
               "--content", str(content_copy)) == 0
    assert (content_copy / "contents.json").read_text(encoding="utf-8") == before
    assert "175 entries kept their ids" in capsys.readouterr().out


def test_an_unreadable_contents_page_is_exit_1_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.txt"
    page.write_text("1. All Children\n\nThis line is not an entry\n", encoding="utf-8")
    assert run("import-contents", str(page), "--output", str(tmp_path / "out.json")) == 1
    err = capsys.readouterr().err
    assert f"{page}:3: unrecognised contents line" in err  # the line to look at
    assert not (tmp_path / "out.json").exists()
    assert run("import-contents", str(tmp_path / "missing.html")) == 1
    assert "no such file" in capsys.readouterr().err


def refused_edit(content: Path, tmp_path: Path, old: str, new: str) -> Path:
    """The captured contents page with `old` made `new`, imported into `content`: refused,
    with contents.json as it was. The page's path, which the message names."""
    before = (content / "contents.json").read_bytes()
    text = (DATA / "contents_page.txt").read_text(encoding="utf-8")
    assert old in text
    page = tmp_path / "contents.txt"
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert run("import-contents", str(page), "--content", str(content)) == 1
    assert (content / "contents.json").read_bytes() == before
    return page


@pytest.mark.parametrize(("old", "new", "said"), [
    # a section heading saved without its title: its chapters were dropped as page chrome
    ("\n1. All Children\n", "\n1.\n", ":22: section 1 has no title"),
    # a subsection without its title: its first chapter became the title
    ("1.1\n\nAll Children\n", "1.1\n\n\n", ":27: subsection 1.1 has no title"),
    # the section's number saved without its dot, too
    ("\n1. All Children\n", "\n1\n", ":22: section 1 has no title"),
    # a subsection without its title just before the next section: that section's heading
    # is not taken for the subsection's title
    ("1.1\n\nAll Children\n", "1.1\n\n2. Prevention and Early Intervention\n",
     ":27: subsection 1.1 has no title"),
])
def test_a_heading_saved_without_its_title_is_refused_not_guessed(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    old: str, new: str, said: str,
) -> None:
    page = refused_edit(content_copy, tmp_path, old, new)
    assert f"error: {page}{said} on the page" in capsys.readouterr().err


def test_a_number_given_to_two_entries_is_refused_with_both_lines(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = "1.1.20 Family Group Conferencing"
    page = refused_edit(content_copy, tmp_path, old, f"{old}\n1.1.3 Family Time")
    assert (f'{page}:51: 1.1.3 is the number of two entries, "Diversity and Heritage" '
            '(line 33) and "Family Time"') in capsys.readouterr().err


def test_a_subsection_number_given_twice_is_refused(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # two subsections 1.1 would put two groups under one number in the contents
    old = "1.1.20 Family Group Conferencing"
    page = refused_edit(content_copy, tmp_path, old, f"{old}\n\n1.1\n\nMore Children\n")
    assert (f'{page}:54: 1.1 is the number of two entries, "All Children" (line 29) and '
            '"More Children"') in capsys.readouterr().err


def test_a_page_ending_on_a_subsection_number_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "contents.txt"
    page.write_text("1. All Children\n\n1.1\n", encoding="utf-8")
    assert run("import-contents", str(page), "--output", str(tmp_path / "out.json")) == 1
    assert f"{page}:3: subsection 1.1 has no title" in capsys.readouterr().err
    assert not (tmp_path / "out.json").exists()


def test_a_long_unplaceable_line_is_quoted_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "contents.txt"
    page.write_text("1. All Children\n\n" + "x" * 5000 + "\n", encoding="utf-8")
    assert run("import-contents", str(page), "--output", str(tmp_path / "out.json")) == 1
    err = capsys.readouterr().err
    assert f"{page}:3: unrecognised contents line" in err and len(err) < 300


def test_an_output_that_cannot_be_written_is_named_not_the_page(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (content_copy / "contents.json").read_bytes()
    page = DATA / "contents_page.txt"
    out = content_copy / "chapters"  # a folder given where a file was meant
    assert run("import-contents", str(page), "--content", str(content_copy),
               "--output", str(out)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {out}: cannot be written (it is a folder)")
    assert str(page) not in err
    assert (content_copy / "contents.json").read_bytes() == before


@pytest.mark.parametrize("page_text", ["", "<html><body><p>Not the contents</p></body></html>"])
def test_a_page_with_no_contents_is_refused_and_contents_json_is_kept(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], page_text: str
) -> None:
    before = (content_copy / "contents.json").read_bytes()
    page = tmp_path / "page.html"
    page.write_text(page_text, encoding="utf-8")
    assert run("import-contents", str(page), "--content", str(content_copy)) == 1
    assert "no sections found" in capsys.readouterr().err
    assert (content_copy / "contents.json").read_bytes() == before


@pytest.mark.parametrize("damage", ['{"sections": [', '{"Sections": []}',
                                    '{"sections": [{"title": "no number"}]}'])
def test_a_damaged_contents_json_is_named_not_the_page(
    content_copy: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    contents = content_copy / "contents.json"
    contents.write_text(damage, encoding="utf-8")
    page = DATA / "contents_page.txt"
    assert run("import-contents", str(page), "--content", str(content_copy)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {contents} ") and "nothing was written" in err
    assert str(page) not in err
    assert contents.read_text(encoding="utf-8") == damage


def test_a_page_that_would_remove_most_entries_is_refused_in_place(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    contents = content_copy / "contents.json"
    before = contents.read_bytes()
    contents.chmod(0o644)
    page = DATA / "contents_page.html"  # 31 of the 175 entries: a page saved half-loaded
    assert run("import-contents", str(page), "--content", str(content_copy)) == 1
    assert "it would remove 144 of the 175 entries" in capsys.readouterr().err
    assert contents.read_bytes() == before
    out = tmp_path / "review.json"
    assert run("import-contents", str(page), "--content", str(content_copy),
               "--output", str(out)) == 0  # written elsewhere, to be looked at first
    assert len(walk_entries(json.loads(out.read_text(encoding="utf-8")))) == 31
    assert run("import-contents", str(DATA / "contents_page.txt"),
               "--content", str(content_copy)) == 0
    assert contents.stat().st_mode & 0o777 == 0o644  # still readable by every account


def test_a_chapter_file_whose_entry_is_gone_is_warned_of(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "contents.txt"
    lines = (DATA / "contents_page.txt").read_text(encoding="utf-8").splitlines()
    page.write_text("\n".join(line for line in lines if not line.startswith("1.1.1 ")),
                    encoding="utf-8")
    assert run("import-contents", str(page), "--content", str(content_copy)) == 0
    captured = capsys.readouterr()
    assert "removed: 1.1.1 Children's Services Policies, Values and Principles" in captured.out
    assert captured.err == ("warning: 1 chapter file(s) are no longer in the contents; "
                            "validate will list them\n")


def test_a_see_also_naming_two_entries_points_at_neither_until_told(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (DATA / "contents_page.txt").read_text(encoding="utf-8")
    old = "1.1.20 Family Group Conferencing"
    assert old in text
    page = content_copy.parent / "contents.txt"
    page.write_text(text.replace(old, f"{old}\n1.1.21 Diversity and Heritage\n"
                                 "See also: Diversity and Heritage", 1), encoding="utf-8")
    contents_path = content_copy / "contents.json"

    def see_also() -> dict[str, Any]:
        entries = walk_entries(json.loads(contents_path.read_text(encoding="utf-8")))
        return next(e for e in entries if e["id"] == "see-also-diversity-and-heritage")

    assert run("import-contents", str(page), "--content", str(content_copy)) == 0
    assert "target" not in see_also()  # 1.1.3 or 1.1.21: not a guess
    assert ('warning: See also "Diversity and Heritage" names 2 entries (1.1.3 Diversity and '
            "Heritage, 1.1.21 Diversity and Heritage)") in capsys.readouterr().err
    # the editor names the one meant; importing the page again keeps it
    contents_path.write_text(contents_path.read_text(encoding="utf-8").replace(
        '"id": "see-also-diversity-and-heritage",',
        '"id": "see-also-diversity-and-heritage", "target": "diversity-and-heritage-2",'),
        encoding="utf-8")
    assert run("import-contents", str(page), "--content", str(content_copy)) == 0
    assert see_also()["target"] == "diversity-and-heritage-2"
    assert "warning" not in capsys.readouterr().err


def test_the_html_contents_page_gives_the_same_entries_as_the_text_capture() -> None:
    imported = parse_contents_html((DATA / "contents_page.html").read_text(encoding="utf-8"))
    bundled = {entry["id"]: {k: v for k, v in entry.items() if k != "file"}
               for entry in walk_entries(bundled_contents())}
    entries = walk_entries(imported)
    assert len(entries) == 31
    for entry in entries:
        assert entry == bundled[entry["id"]]
    sections = [(s["number"], s["title"]) for s in imported["sections"]]
    assert sections == [("1", "All Children"), ("2", "Prevention and Early Intervention"),
                        ("3", "Children in Need"), ("4", "Significant Harm"),
                        ("6", "Children in Care"), ("7", "Fostering Services"),
                        ("8", "Adoption"), ("10", "Appendices")]
    section6 = imported["sections"][4]
    assert section6["items"][0]["type"] == "document"
    assert section6["items"][1]["lead"] == (
        "In an emergency, please refer to the following procedures:")
    text = json.dumps(imported)
    for chrome in ("Skip to content", "Company Logo", "Derby logo", "Quick Links", "Copyright"):
        assert chrome not in text


def test_a_contents_page_without_the_end_tags_html_allows_gives_the_same_entries() -> None:
    html = (DATA / "contents_page.html").read_text(encoding="utf-8")
    short = html
    for end_tag in ("</li>", "</td>", "</th>", "</tr>"):
        short = short.replace(end_tag, "")
    assert short != html and parse_contents_html(short) == parse_contents_html(html)


def test_html_and_text_captures_of_the_same_page_agree(tmp_path: Path) -> None:
    """A text capture of the HTML fixture (as a browser would save it) parses the same."""
    html = (DATA / "contents_page.html").read_text(encoding="utf-8")
    from_html = parse_contents_html(html)
    lines = []
    for section in from_html["sections"]:
        lines += [f"{section['number']}. {section['title']}", ""]
        for item in section["items"]:
            subsection = item["type"] == "subsection"
            if subsection:
                lines += [item["number"], "", item["title"], ""]
                if item.get("lead"):
                    lines += [item["lead"], ""]
            for entry in item["items"] if subsection else [item]:
                lines.append(_capture_line(entry))
    assert parse_contents_text("\n".join(lines)) == from_html


def _capture_line(entry: dict[str, Any]) -> str:
    flags = entry.get("flags", [])
    title = entry["title"]
    if "under_review" in flags:
        title += " - under review"
    for note in entry.get("notes", []):
        title += f" - {note}"
    title += "".join(f" {flag.capitalize()}" for flag in flags if flag != "under_review")
    if entry["type"] == "chapter":
        return f"{entry['number']} {title}"
    if entry["type"] == "document":
        return f"  {title}"
    return f"  See also: {title}"


def _renumbered_page() -> str:
    """The captured contents page after an update: renumbered, retitled, added, removed."""
    text = (DATA / "contents_page.txt").read_text(encoding="utf-8")
    edits = [
        ("1.1.2 A Strengths Based Approach \u00a0\n1.1.3 Diversity and Heritage \u00a0\n",
         "1.1.2 Diversity and Heritage \u00a0\n1.1.3 A Strengths-Based Approach \u00a0\n"),
        ("1.1.20 Family Group Conferencing \u00a0\n",
         "1.1.20 Entry Added for the Import Test New\n"),
        ("6.7.6 Staying Put Policy Updated", "6.7.6 Staying Put Policy 2025 Updated"),
        ("3.4.1 Short Breaks Updated", "3.4.1 Short Breaks Updated"),
    ]
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_renumbering_and_slight_retitling_keep_ids_and_files() -> None:
    merge = merge_ids(parse_contents_text(_renumbered_page()), bundled_contents())
    entries = {entry["id"]: entry for entry in walk_entries(merge.contents)}
    assert entries["a-strengths-based-approach"]["number"] == "1.1.3"
    assert entries["a-strengths-based-approach"]["title"] == "A Strengths-Based Approach"
    assert entries["diversity-and-heritage"]["number"] == "1.1.2"
    assert entries["staying-put-policy"]["title"] == "Staying Put Policy 2025"
    assert entries["childrens-services-policies-values-and-principles"]["file"] == CHAPTER_111
    assert entries["entry-added-for-the-import-test"]["flags"] == ["new"]
    assert "family-group-conferencing" not in entries
    assert {(m.id, m.new_label) for m in merge.similar} == {
        ("a-strengths-based-approach", "1.1.3 A Strengths-Based Approach"),
        ("staying-put-policy", "6.7.6 Staying Put Policy 2025"),
    }
    assert merge.added == ("1.1.20 Entry Added for the Import Test",)
    assert merge.removed == ("1.1.20 Family Group Conferencing",)
    ids = [entry["id"] for entry in walk_entries(merge.contents)]
    assert len(ids) == len(set(ids))


def test_a_see_also_follows_its_target_to_the_kept_id() -> None:
    page = (DATA / "contents_page.txt").read_text(encoding="utf-8").replace(
        "7.10 Placement with Dog Owning Families (Foster Carers)",
        "7.10 Placement with Dog-Owning Families (Foster Carers)",
    ).replace("See also: Placement with Dog Owning Families (Foster Carers)",
              "See also: Placement with Dog-Owning Families (Foster Carers)")
    merge = merge_ids(parse_contents_text(page), bundled_contents())
    see_also = next(e for e in walk_entries(merge.contents)
                    if e["type"] == "see_also" and "Dog" in e["title"])
    assert see_also["target"] == "placement-with-dog-owning-families-foster-carers"
    assert see_also["id"] == "see-also-placement-with-dog-owning-families-foster-carers"


def test_flags_and_notes_after_an_en_dash_are_taken_out_of_the_title() -> None:
    # a page saved through a word processor has its " - " made " \u2013 "
    page = (DATA / "contents_page.txt").read_text(encoding="utf-8").replace(" - ", " \u2013 ")
    entries = {e.get("number"): e for e in walk_entries(parse_contents_text(page))}
    title = "Children at Risk of Exploitation \u2013 Workflow and Guidance"
    assert entries["1.1.7"]["title"] == title
    assert entries["1.1.7"]["flags"] == ["under_review"]
    assert entries["1.1.7"]["notes"] == ["please speak to your DHoS for any queries"]
    assert entries["5.3"]["title"] == "Family and Friends Policy"
    assert entries["8.2"]["notes"] == ["please refer to: Adoption East Midlands"]


def test_curly_quotes_and_dashes_are_the_same_title_not_a_retitling() -> None:
    text = (DATA / "contents_page.txt").read_text(encoding="utf-8")
    # the whole page saved with curly quotes and dashes: every entry kept as it was
    curly = text.replace("'", "\u2019").replace("Protocol - ", "Protocol \u2013 ")
    merge = merge_ids(parse_contents_text(curly), bundled_contents())
    assert merge.similar == () and merge.added == () and merge.removed == ()
    # one title curly, the See also that names it straight: the See also still opens it
    mixed = text.replace("1.1.16 Transfer of Cases Protocol - Localities",
                         "1.1.16 Transfer of Cases Protocol \u2013 Localities")
    see_also = next(e for e in walk_entries(parse_contents_text(mixed))
                    if e["type"] == "see_also" and "Transfer" in e["title"])
    assert see_also["target"] == "transfer-of-cases-protocol-localities-reception-idcs"


def test_a_title_too_different_is_a_new_entry_not_a_guess() -> None:
    page = (DATA / "contents_page.txt").read_text(encoding="utf-8").replace(
        "1.1.18 Supervision Policy", "1.1.18 Reflective Practice Arrangements")
    merge = merge_ids(parse_contents_text(page), bundled_contents())
    assert merge.removed == ("1.1.18 Supervision Policy",)
    assert merge.added == ("1.1.18 Reflective Practice Arrangements",)


# chapters ----------------------------------------------------------------------------------

def test_the_text_capture_of_1_1_1_becomes_the_bundled_chapter(content_copy: Path) -> None:
    [result] = import_chapters([DATA / "chapter_1.1.1_page.txt"], content_copy, replace=True)
    assert result.error is None and result.written == content_copy / CHAPTER_111
    made = result.written.read_text(encoding="utf-8")
    bundled = (CONTENT / CHAPTER_111).read_text(encoding="utf-8")
    # the bundled chapter is the import with two phrases mended by hand
    assert made == bundled.replace("*Diagram not included", "*Image not included").replace(
        "The list of resources that follows", "The list that follows")
    assert result.notes == (
        'dropped the image file name "strong_fam_resilient_ch" (the image was not captured)',
        "the page ends on a sentence that introduces a list the capture lacks; an editorial "
        "note says so",
        "the editor's note asking for a link to https://www.gov.uk/government/publications/"
        "childrens-social-care-national-framework became a link")
    source = read_chapter_file(result.written)
    assert source.problems == ()
    assert source.title == "Children's Services Policies, Values and Principles"
    assert source.last_updated == date(2024, 9, 2) and source.version == "37"
    assert source.amended == date(2024, 9, 2)
    assert source.amendment == ("In September 2024, this chapter was revised in line with "
                                "Working Together to Safeguard Children.")
    # the scope is marked off where the amendment box followed it, so the text that comes
    # after the box is not read as part of the scope
    assert source.body.lstrip().startswith(SCOPE_STARTS)
    scope, rest = source.body.split("</div>", 1)
    assert scope.rstrip().endswith("services to children and families.")
    assert rest.lstrip().startswith("This policy sets out the framework")
    for artefact in ("Skip to content", "Company Logo", "strong_fam_resilient_ch",
                     "trix please", "Last Updated", "\nv37", "\nAmendment\n"):
        assert artefact not in made
    assert ("The [Children\u2019s Social Care National Framework](https://www.gov.uk/government/"
            "publications/childrens-social-care-national-framework) is") in made
    assert "[A Strengths Based Approach Procedure](chapter:a-strengths-based-approach)" in made
    assert "(see [Staying Put Procedure](chapter:staying-put-policy))" in made
    assert "\n- Children Acts 1989 and 2004;\n" in made
    assert validate(content_copy)[1] == []


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_a_page_saved_before_its_chapter_was_renumbered_is_imported_the_same(
    content_copy: Path, tmp_path: Path, suffix: str
) -> None:
    source = DATA / f"chapter_1.1.1_page{suffix}"
    [plain] = import_chapters([source], content_copy, replace=True)
    expected = (content_copy / CHAPTER_111).read_text(encoding="utf-8")
    title = "Children's Services Policies, Values and Principles"
    # the page titled with the number its chapter had before the contents was renumbered
    page = tmp_path / f"page{suffix}"
    text = source.read_text(encoding="utf-8")
    for before in (f"\n{title}\n", f"<h1>{title}</h1>"):
        text = text.replace(before, before.replace(title, f"1.1.9 {title}"), 1)
    page.write_text(text, encoding="utf-8")
    [moved] = import_chapters([page], content_copy, replace=True)
    assert moved.error is None
    assert (content_copy / CHAPTER_111).read_text(encoding="utf-8") == expected
    assert read_chapter_file(content_copy / CHAPTER_111).title == title  # not "1.1.9 ..."
    assert ("the page gives the chapter the number 1.1.9; in the contents it is now 1.1.1"
            in moved.notes)
    assert plain.notes == tuple(n for n in moved.notes if "1.1.9" not in n)


def test_a_page_title_loses_only_a_number_before_its_own_chapters_title() -> None:
    from dataclasses import replace

    from reader.chapter_page import page_title

    entry = load_manual(CONTENT).find("1.1.1")
    assert entry is not None
    notes: list[str] = []
    # a title whose own words begin with a number is the title, not a number before it
    metres = replace(entry, title="2.5 Metres Guidance")
    assert page_title("2.5 Metres Guidance", metres, notes) == "2.5 Metres Guidance"
    assert notes == []
    # an entry the contents gives no number: the note says so, not "it is now "
    assert page_title(f"1.1.9 {entry.title}", replace(entry, number=None), notes) == entry.title
    assert notes == ["the page gives the chapter the number 1.1.9; in the contents it has no "
                     "number now"]


def test_import_sets_the_file_of_an_entry_that_had_none(content_copy: Path) -> None:
    contents_path = content_copy / "contents.json"
    bundled_text = contents_path.read_text(encoding="utf-8")
    contents_path.write_text(bundled_text.replace(f',\n              "file": "{CHAPTER_111}"', ""),
                             encoding="utf-8")
    (content_copy / CHAPTER_111).unlink()
    assert run("import-chapter", str(DATA / "chapter_1.1.1_page.txt"),
               "--content", str(content_copy)) == 0
    assert contents_path.read_text(encoding="utf-8") == bundled_text
    assert (content_copy / CHAPTER_111).is_file()


@pytest.mark.parametrize("page", ["contents_page.txt", "contents_page.html"])
def test_the_contents_page_given_to_import_chapter_is_named_with_the_command_it_needs(
        page: str, content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # it said "matches no entry of the contents; import the contents page first" of the
    # contents page itself
    assert run("import-chapter", str(DATA / page), "--content", str(content_copy)) == 1
    assert (f"error: {DATA / page}: is the manual's contents page, not a chapter; import it "
            "with import-contents\n") in capsys.readouterr().err


def test_a_contents_json_that_cannot_be_written_is_said_not_a_traceback(
    content_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    contents_path = content_copy / "contents.json"
    without_file = contents_path.read_text(encoding="utf-8").replace(
        f',\n              "file": "{CHAPTER_111}"', "")
    contents_path.write_text(without_file, encoding="utf-8")
    (content_copy / CHAPTER_111).unlink()

    def read_only(path: Path, data: object) -> None:  # as a checked-out read-only file is
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))

    monkeypatch.setattr("reader.atomic_file.write_json_atomic", read_only)
    assert run("import-chapter", str(DATA / "chapter_1.1.1_page.txt"),
               "--content", str(content_copy)) == 1
    err = capsys.readouterr().err
    assert f"error: {contents_path}: cannot be written (the file is read-only)" in err
    assert f'its entry needs "file": "{CHAPTER_111}" in contents.json' in err
    assert contents_path.read_text(encoding="utf-8") == without_file


@pytest.mark.parametrize(("stop_at", "after_writing", "imported"), [
    (1, False, 0),  # the first chapter file not yet written: the folder as it was
    (2, False, 1),  # between the two: the first whole, the second left out
    (2, True, 2),  # the second written, not yet counted: both whole
])
def test_ctrl_c_during_import_chapter_leaves_the_content_folder_whole(
        stop_at: int, after_writing: bool, imported: int, content_copy: Path, test_page: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # chapter files were left written without their "file" lines in contents.json, which
    # validate then reported as chapters missing from the contents
    contents_path = content_copy / "contents.json"
    contents_path.write_text(contents_path.read_text(encoding="utf-8").replace(
        f',\n              "file": "{CHAPTER_111}"', ""), encoding="utf-8")
    (content_copy / CHAPTER_111).unlink()
    before = contents_path.read_text(encoding="utf-8")
    written = chapter_import.write_text_atomic
    writes = 0

    def stopped_at(path: Path, text: str) -> None:
        nonlocal writes
        writes += 1
        if writes == stop_at and after_writing:
            written(path, text)
        if writes == stop_at:
            raise KeyboardInterrupt
        written(path, text)

    monkeypatch.setattr(chapter_import, "write_text_atomic", stopped_at)
    pages = [DATA / "chapter_1.1.1_page.txt", test_page]
    assert main(["import-chapter", *map(str, pages), "--content", str(content_copy)]) == 130
    manual, problems = validate(content_copy)
    # the test page is dated after the bundled edition: a date to set, nothing missing
    assert [problem for problem in problems if "set \"edition\"" not in problem.message] == []
    files = {entry.id: entry.file for entry in manual.entries()}
    assert (files["childrens-services-policies-values-and-principles"] == CHAPTER_111) \
        == (imported >= 1) == (content_copy / CHAPTER_111).is_file()
    assert (files["direct-payments"] == "chapters/direct-payments.md") == (imported == 2) \
        == (content_copy / "chapters/direct-payments.md").is_file() \
        == (content_copy / "chapters/images/direct-payments-chart-one.png").is_file()
    if imported == 0:
        assert contents_path.read_text(encoding="utf-8") == before
    err = capsys.readouterr().err
    assert f"stopped (Ctrl+C) after {imported} of 2 page(s) imported; the content folder is " \
        f"{'as it was' if imported == 0 else 'whole'}" in err
    left = pages[imported:]
    if left:
        assert f"not imported: {' '.join(map(str, left))}" in err


def test_ctrl_c_before_a_chapter_is_written_puts_back_the_picture_it_replaced(
        content_copy: Path, test_page: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the picture of an earlier import stayed replaced by the new page's, though the chapter
    # that showed it was not: the old chapter then showed the new picture
    picture = content_copy / "chapters/images/direct-payments-chart-one.png"
    picture.parent.mkdir(parents=True, exist_ok=True)
    picture.write_bytes(PNG + b"an earlier version")

    def stopped(path: Path, text: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(chapter_import, "write_text_atomic", stopped)
    assert main(["import-chapter", str(test_page), "--content", str(content_copy)]) == 130
    assert picture.read_bytes() == PNG + b"an earlier version"
    assert not (content_copy / "chapters/direct-payments.md").exists()
    assert "the content folder is as it was" in capsys.readouterr().err
    assert [path.name for path in picture.parent.iterdir()
            if path.name.startswith(".")] == []  # no temporary file left


def test_a_picture_cut_short_by_ctrl_c_leaves_the_one_it_was_replacing_whole(
        content_copy: Path, test_page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    picture = content_copy / "chapters/images/direct-payments-chart-one.png"
    picture.parent.mkdir(parents=True, exist_ok=True)
    picture.write_bytes(PNG + b"an earlier version")
    real_fsync = os.fsync

    def stopped_half_way(fd: int) -> None:  # Ctrl+C after the bytes, before they are safe
        if os.fstat(fd).st_size == len(PNG):
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", stopped_half_way)
    with pytest.raises(chapter_import.ImportStopped):
        import_chapters([test_page], content_copy)
    assert picture.read_bytes() == PNG + b"an earlier version"


def test_ctrl_c_again_while_a_stopped_import_finishes_waits_for_it(
        content_copy: Path, test_page: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # a second Ctrl+C while contents.json took the chapter files written left them out
    contents_path = content_copy / "contents.json"
    contents_path.write_text(contents_path.read_text(encoding="utf-8").replace(
        f',\n              "file": "{CHAPTER_111}"', ""), encoding="utf-8")
    (content_copy / CHAPTER_111).unlink()
    written = chapter_import.write_text_atomic
    writes = 0

    def stopped_at_second(path: Path, text: str) -> None:
        nonlocal writes
        writes += 1
        if writes == 2:
            raise KeyboardInterrupt
        written(path, text)

    real_write_contents = chapter_import.write_contents

    def pressed_again(path: Path, contents: dict[str, object]) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # as the user pressing Ctrl+C again
        time.sleep(0.05)  # Python's handler runs between bytecodes: give it its chance
        real_write_contents(path, contents)

    monkeypatch.setattr(chapter_import, "write_text_atomic", stopped_at_second)
    monkeypatch.setattr(chapter_import, "write_contents", pressed_again)
    pages = [DATA / "chapter_1.1.1_page.txt", test_page]
    assert main(["import-chapter", *map(str, pages), "--content", str(content_copy)]) == 130
    manual, _problems = validate(content_copy)
    assert manual.find("childrens-services-policies-values-and-principles").file == CHAPTER_111
    assert "stopped (Ctrl+C) after 1 of 2 page(s) imported; the content folder is whole" \
        in capsys.readouterr().err


def test_the_html_page_of_1_1_1_drops_chrome_and_resolves_links(content_copy: Path) -> None:
    [result] = import_chapters([DATA / "chapter_1.1.1_page.html"], content_copy, replace=True)
    assert result.error is None and result.written is not None
    made = result.written.read_text(encoding="utf-8")
    for chrome in ("Skip to content", "Company Logo", "Home", "Search", "Accessibility",
                   "Copyright", "1. All Children", "Last Updated", "v37", "trix please"):
        assert chrome not in made, chrome
    source = read_chapter_file(result.written)
    assert (source.last_updated, source.version, source.amended) == (
        date(2024, 9, 2), "37", date(2024, 9, 2))
    assert source.amendment is not None and source.amendment.startswith("In September 2024")
    assert source.body.lstrip().startswith(SCOPE_STARTS)
    scope, rest = source.body.split("</div>", 1)
    assert scope.rstrip().endswith("services to children and families.")
    assert rest.lstrip().startswith("This policy sets out the framework")
    assert "[A Strengths Based Approach Procedure](chapter:a-strengths-based-approach)" in made
    assert "[Staying Put Procedure](chapter:staying-put-policy)" in made
    assert "[Children\u2019s Social Care National Framework](https://www.gov.uk/" in made
    assert ("*Image not included in this offline edition:* Stronger Families, Resilient "
            "Children\n{: .figure-caption }") in made
    assert made.endswith("\n\n*The list that follows this sentence in the online manual was "
                         "not captured for this offline edition; see the online manual.*\n"
                         "{: .editorial }\n")
    assert result.notes == (
        'image "Stronger Families, Resilient Children" not included: no file was saved',
        "the page ends on a sentence that introduces a list the page lacks; an editorial note "
        "says so",
        "the editor's note asking for a link to https://www.gov.uk/government/publications/"
        "childrens-social-care-national-framework became a link")
    assert validate(content_copy)[1] == []


TEST_PAGE = """<!DOCTYPE html>
<html><head><title>Direct Payments | Procedures</title></head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header><img src="files/logo.png" alt="Company Logo"><nav><a href="contents.html">Contents</a>
</nav></header>
<main id="main">
<h1>Direct Payments</h1>
<p><strong>Scope of this chapter</strong></p>
<p>Placeholder text written for the importer's tests.</p>
<h2>1. First heading</h2>
<p>Paragraph with <a href="https://www.gov.uk/example">an outside link</a>,
<a href="p_capacity.html">Capacity and Consent</a> (a chapter),
<a href="p_nowhere.html">a page the contents does not list</a>,
<a href="files/form.pdf">a form</a> and <a href="mailto:team@example.org">the team</a>.</p>
<h3>1.1 Second level</h3>
<ul>
  <li>Outer one
    <ul><li>Inner one</li><li>Inner two
      <ol><li>Deep first</li><li>Deep second</li></ol></li></ul>
  </li>
  <li>Outer two</li>
</ul>
<table>
  <tr><th>Who</th><th>What</th></tr>
  <tr><td>Row one</td><td>Cell with <a href="https://example.org/x">a link</a></td></tr>
  <tr><td>Row two</td><td>Plain cell</td></tr>
</table>
<figure><img src="files/chart_one.png" alt="A chart"><figcaption>The chart's caption</figcaption>
</figure>
<p><img src="https://example.org/remote.png" alt="A remote picture"></p>
<figure><img src="files/chart_one.png" alt="chart_one"><figcaption>The chart again</figcaption>
</figure>
<ol start="3"><li>Third step</li><li>Fourth step</li></ol>
<p>As <a href="p_old_name.html" title="Capacity and Consent">the old page</a> says.</p>
<p>Last Updated: 3rd March 2025</p>
<p><strong>v4</strong></p>
</main>
<footer><p>Footer text</p></footer>
</body></html>
"""


@pytest.fixture
def test_page(tmp_path: Path) -> Path:
    page = tmp_path / "saved" / "p_direct_payments.html"
    (page.parent / "files").mkdir(parents=True)
    (page.parent / "files" / "chart_one.png").write_bytes(PNG)
    page.write_text(TEST_PAGE, encoding="utf-8")
    return page


def test_an_html_page_keeps_headings_lists_tables_links_and_images(
    content_copy: Path, test_page: Path
) -> None:
    [result] = import_chapters([test_page], content_copy)
    assert result.error is None and result.entry is not None
    assert result.entry.number == "3.3.4"
    made = result.written.read_text(encoding="utf-8") if result.written else ""
    source = read_chapter_file(content_copy / "chapters/direct-payments.md")
    assert source.title == "Direct Payments" and source.version == "4"
    assert source.last_updated == date(2025, 3, 3)
    assert "## Scope of this chapter" in made and "## 1. First heading" in made
    # with no amendment box, the scope ends at the first heading
    assert ("## Scope of this chapter\n\nPlaceholder text written for the importer's tests."
            "\n\n</div>\n\n## 1. First heading") in made
    assert "### 1.1 Second level" in made
    assert "[an outside link](https://www.gov.uk/example)" in made
    assert "[Capacity and Consent](chapter:capacity-and-consent)" in made
    assert ("[a page the contents does not list]"
            "(https://derbycsc.proceduresonline.com/p_nowhere.html)") in made
    assert "[a form](https://derbycsc.proceduresonline.com/files/form.pdf)" in made
    assert "[the team](mailto:team@example.org)" in made
    assert "- Outer one\n    - Inner one\n    - Inner two\n        1. Deep first" in made
    assert "| Who | What |\n| --- | --- |\n| Row one | Cell with [a link]" in made
    image = "images/direct-payments-chart-one.png"
    assert f"![A chart]({image})" in made
    assert (content_copy / "chapters" / image).read_bytes() == PNG
    assert "The chart's caption\n{: .figure-caption }" in made
    assert "*Image not included in this offline edition:* A remote picture" in made
    # a file name is no description: the caption is
    assert f"![The chart again]({image})" in made
    assert "3. Third step\n4. Fourth step" in made  # the list goes on from the page's number
    assert "[the old page](chapter:capacity-and-consent)" in made  # named by its tooltip
    for chrome in ("Skip to content", "Company Logo", "Footer text", "Contents"):
        assert chrome not in made
    assert any("p_nowhere.html" in note for note in result.notes)
    assert 'image "A remote picture" not included: it is on the web' in result.notes

    manual, problems = validate(content_copy)
    # the page was updated after the edition date: the edition date must move on with it
    assert [p.message.split(" is after")[0] for p in problems] == ["last_updated 2025-03-03"]
    assert manual is not None
    entry = manual.find("3.3.4")
    assert entry is not None and entry.file == "chapters/direct-payments.md"
    html = ChapterRenderer(manual).page_for(entry).html
    # nested lists stay nested and the table is a table once rendered
    assert re.search(r"<li>Outer one\s*<ul>\s*<li>Inner one</li>", html)
    assert re.search(r"<li>Inner two\s*<ol>\s*<li>Deep first</li>", html)
    # lines between cells
    assert '<table cellspacing="1" class="grid">' in html and "<th>Who</th>" in html
    assert 'href="chapter:capacity-and-consent"' in html


def test_a_page_that_leaves_out_the_end_tags_html_allows_imports_the_same(
    content_copy: Path, test_page: Path
) -> None:
    [result] = import_chapters([test_page], content_copy)
    assert result.written is not None
    whole = result.written.read_text(encoding="utf-8")
    # as hand-written and older pages are: items, cells and rows end where the next begins
    short = TEST_PAGE
    for end_tag in ("</li>", "</td>", "</th>", "</tr>"):
        short = short.replace(end_tag, "")
    test_page.write_text(short, encoding="utf-8")
    [result] = import_chapters([test_page], content_copy, replace=True)
    assert result.error is None
    made = result.written.read_text(encoding="utf-8") if result.written else ""
    # the items were run together on one line ("- Inner one- Inner two"), the cells made one
    assert made == whole


def test_a_heading_with_no_text_is_dropped_with_a_note(
    content_copy: Path, test_page: Path
) -> None:
    test_page.write_text(TEST_PAGE.replace(
        "<h2>1. First heading</h2>", '<h2>1. First heading</h2><h3> </h3><h2><a id="x"></a></h2>'
    ).replace("<h1>Direct Payments</h1>", "<h1></h1>"), encoding="utf-8")
    [result] = import_chapters([test_page], content_copy)
    assert result.error is None and result.written is not None  # titled by <title> instead
    made = result.written.read_text(encoding="utf-8")
    assert not re.search(r"^#+\s*$", made, re.M)  # a blank line in the outline
    assert "## 1. First heading" in made
    assert result.notes.count("dropped an empty <h2> heading") == 1
    assert "dropped an empty <h3> heading" in result.notes


def test_a_link_to_a_script_or_a_shared_file_is_kept_as_its_text(
    content_copy: Path, test_page: Path
) -> None:
    test_page.write_text(TEST_PAGE.replace(
        "<h3>1.1 Second level</h3>",
        '<p>Open <a href="javascript:openForm(12)">the referral form</a>, <a href='
        '"file:///S:/Forms/referral.doc">the shared copy</a> or <a href="\\\\server\\forms'
        '\\x.doc">the share</a>.</p><h3>1.1 Second level</h3>'), encoding="utf-8")
    [result] = import_chapters([test_page], content_copy)
    made = result.written.read_text(encoding="utf-8") if result.written else ""
    # the share was made a web address on the manual's site, and each said to be a link to it
    assert "Open the referral form, the shared copy or the share." in made
    assert "derbycsc.proceduresonline.com/\\" not in made
    said = [note for note in result.notes if "never opens; kept as plain text" in note]
    assert len(said) == 3 and not any("javascript" in note and "online manual" in note
                                      for note in result.notes)


def test_only_images_saved_with_the_page_are_copied_into_the_manual(
    content_copy: Path, test_page: Path
) -> None:
    secret = test_page.parent.parent / "secret.png"
    secret.write_bytes(PNG + b"private")
    (test_page.parent / "files" / "chart.svg").write_bytes(
        f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{secret}"/></svg>'.encode())
    refused = ["../secret.png", str(secret), "files/../../secret.png", "files/chart.svg"]
    test_page.write_text(TEST_PAGE.replace("<p>Last Updated", "".join(
        f'<p><img src="{src}" alt="Picture {n}"></p>' for n, src in enumerate(refused))
        + "<p>Last Updated"), encoding="utf-8")
    [result] = import_chapters([test_page], content_copy)
    assert result.error is None
    copied = sorted(p.name for p in (content_copy / "chapters" / "images").iterdir())
    assert copied == ["direct-payments-chart-one.png"]  # the one saved in the page's folder
    for src in refused[:3]:
        assert (f'image "{src}" ("Picture {refused.index(src)}") not included: it names a file '
                "outside the folder of the saved page") in "\n".join(result.notes)
    assert any(note.startswith('image "files/chart.svg" ("Picture 3") not included: the file '
                               f'is an SVG that refers to "{secret}"') for note in result.notes)
    made = result.written.read_text(encoding="utf-8") if result.written else ""
    assert "*Image not included in this offline edition:* Picture 0" in made


def test_a_picture_an_older_import_left_is_kept_and_named(
    content_copy: Path, test_page: Path
) -> None:
    [first] = import_chapters([test_page], content_copy)
    old_image = content_copy / "chapters" / "images" / "direct-payments-chart-one.png"
    assert first.error is None and old_image.is_file()
    (test_page.parent / "files" / "chart_two.png").write_bytes(PNG)
    test_page.write_text(TEST_PAGE.replace("chart_one.png", "chart_two.png"), encoding="utf-8")
    [second] = import_chapters([test_page], content_copy, replace=True)
    assert second.error is None
    assert old_image.is_file()  # another chapter may show it: not deleted
    assert f"{old_image} is no longer shown in this chapter; remove it unless another " \
        "chapter shows it" in second.notes


def test_a_picture_no_longer_shown_and_not_there_is_not_named(
    content_copy: Path, test_page: Path
) -> None:
    # the editor has removed it already: "remove it" would name a file that is not there
    [first] = import_chapters([test_page], content_copy)
    old_image = content_copy / "chapters" / "images" / "direct-payments-chart-one.png"
    old_image.unlink()
    (test_page.parent / "files" / "chart_two.png").write_bytes(PNG)
    test_page.write_text(TEST_PAGE.replace("chart_one.png", "chart_two.png"), encoding="utf-8")
    [second] = import_chapters([test_page], content_copy, replace=True)
    assert second.error is None
    assert not [note for note in second.notes if "is no longer shown" in note]


def test_a_heading_that_is_only_a_picture_is_kept(content_copy: Path, test_page: Path) -> None:
    (test_page.parent / "files" / "steps.png").write_bytes(PNG)
    test_page.write_text(TEST_PAGE.replace(
        "<h2>1. First heading</h2>",
        '<h2>1. First heading</h2><h3><img src="files/steps.png" alt="Referral steps"/></h3>'),
        encoding="utf-8")
    [result] = import_chapters([test_page], content_copy)
    assert result.error is None and result.written is not None
    assert "dropped an empty <h3> heading" not in result.notes
    assert "Referral steps" in result.written.read_text(encoding="utf-8")


def _problems_but_dates(content: Path) -> list[str]:
    """What validate says of the folder, but of the chapters' dates (a new chapter's own)."""
    return [p.message for p in validate(content)[1] if "last_updated" not in p.message]


def _rendered(content: Path, number: str) -> str:
    manual, _problems = validate(content)
    assert manual is not None
    entry = manual.find(number)
    assert entry is not None
    return ChapterRenderer(manual).page_for(entry).html


def test_a_heading_keeps_its_id_so_a_link_in_the_page_still_reaches_it(
    content_copy: Path, test_page: Path
) -> None:
    test_page.write_text(TEST_PAGE.replace(
        "<h2>1. First heading</h2>",
        '<h2>1. First heading</h2><p>See <a href="#pictures">the pictures</a> and '
        '<a href="#older">the older part</a>.</p><h2 id="pictures">Pictures &amp; charts</h2>'
        '<h3><a name="older"></a>An older anchor</h3><h3 id="pictures">Pictures again</h3>'),
        encoding="utf-8")
    [result] = import_chapters([test_page], content_copy)
    made = result.written.read_text(encoding="utf-8") if result.written else ""
    assert "[the pictures](#pictures)" in made  # in-page links are kept as they are
    assert "## Pictures & charts {#pictures}\n" in made
    assert "### An older anchor {#older}\n" in made
    # the page gave two headings one id: the link went to the first, and still does
    assert "### Pictures again\n" in made
    assert ('heading "Pictures again": its id "pictures" is kept on an earlier heading only, '
            'where a link "#pictures" goes') in result.notes
    html = _rendered(content_copy, "3.3.4")
    assert '<a href="#pictures">the pictures</a>' in html
    assert '<h2 id="pictures">Pictures &amp; charts</h2>' in html
    assert '<h3 id="older">An older anchor</h3>' in html
    assert _problems_but_dates(content_copy) == []


def test_a_link_to_a_part_of_another_chapters_page_keeps_the_part(
    content_copy: Path, test_page: Path
) -> None:
    # the pane opens the chapter there: dropped, the link opened it at its top
    test_page.write_text(TEST_PAGE.replace(
        '<a href="p_capacity.html">Capacity and Consent</a> (a chapter)',
        '<a href="p_capacity.html#pictures">Capacity and Consent</a> (its charts), '
        '<a href="https://derbycsc.proceduresonline.com/p_capacity.html#top" '
        'title="Capacity and Consent">its top</a>, '
        '<a href="p_capacity.html#two%20words" title="Capacity and Consent">its two words</a>'),
        encoding="utf-8")
    [result] = import_chapters([test_page], content_copy)
    made = result.written.read_text(encoding="utf-8") if result.written else ""
    assert "[Capacity and Consent](chapter:capacity-and-consent#pictures)" in made
    assert "[its top](chapter:capacity-and-consent)" in made
    assert "[its two words](chapter:capacity-and-consent)" in made
    assert [note for note in result.notes if "capacity" in note.lower()] == [
        'link "its two words" goes to the place "#two words" in 1.1.6 Capacity and Consent, '
        "which cannot be written in a chapter link; it opens the chapter at its top"]
    html = _rendered(content_copy, "3.3.4")
    assert 'href="chapter:capacity-and-consent#pictures"' in html
    # the chapter's text is not in this edition: its place cannot be checked, and is not said
    assert _problems_but_dates(content_copy) == []


def test_a_place_a_link_in_the_page_goes_to_is_kept_or_the_link_is_its_words(
    content_copy: Path, test_page: Path
) -> None:
    test_page.write_text(TEST_PAGE.replace(
        "<h2>1. First heading</h2>",
        '<h2>1. First heading</h2><p>As <a href="#para3">paragraph 3</a>, <a href="#pledge">'
        'the pledge</a>, <a href="#item-a">the first item</a> and <a href="#appendix1">Appendix '
        '1</a> say; a plan<sup><a href="#fn1" id="ref1">[1]</a></sup>.</p>'
        '<p id="para3">Paragraph three.</p><p><a name="pledge"></a>The pledge is made.</p>'
        '<ul><li id="item-a">First item</li></ul>'
        '<ol class="footnotes"><li id="fn1">Made at review. <a href="#ref1">back</a></li></ol>'
        '<p><a href="#top">Back to top</a></p>'), encoding="utf-8")
    [result] = import_chapters([test_page], content_copy)
    made = result.written.read_text(encoding="utf-8") if result.written else ""
    # a paragraph's id and an <a name> in the text were dropped: their links went nowhere
    assert '<a id="para3"></a>Paragraph three.' in made
    assert '<a id="pledge"></a>The pledge is made.' in made
    assert '- <a id="item-a"></a>First item' in made
    assert 'a plan<a id="ref1"></a>[[1]](#fn1)' in made
    assert '1. <a id="fn1"></a>Made at review. [back](#ref1)' in made
    # an id the page never had: the link would go nowhere, and validate refuse it unsaid
    assert "and Appendix 1 say" in made
    assert ('link "Appendix 1" (#appendix1) goes to a place that is not part of the chapter; '
            "kept as plain text") in result.notes
    assert "[Back to top](#top)" in made  # the pane goes to the page's top, as a browser
    assert _problems_but_dates(content_copy) == []


def test_a_heading_or_bold_words_left_open_end_where_the_next_block_starts(
    content_copy: Path, test_page: Path
) -> None:
    test_page.write_text(TEST_PAGE.replace(
        "<h2>1. First heading</h2>",
        '<h2>Capacity\n<p>A person is assumed to have capacity.</p>\n<h2 id="consent">Consent\n'
        '<p><b>Consent must be informed.\n<p>It can be withdrawn. See <a href="#consent">'
        "Consent</a>.</p>"), encoding="utf-8")
    [result] = import_chapters([test_page], content_copy)
    made = result.written.read_text(encoding="utf-8") if result.written else ""
    # the rest of the page was one heading, its id and its link's place lost, unsaid
    assert ("## Capacity\n\nA person is assumed to have capacity.\n\n## Consent {#consent}\n\n"
            "**Consent must be informed.**\n\nIt can be withdrawn. See [Consent](#consent).\n"
            ) in made
    assert "\n### 1.1 Second level\n" in made  # the rest of the page is as it was
    ended = "has no end tag; it is ended where the next paragraph, list or heading starts: " \
            "check there"
    assert result.notes[:3] == (f'the page\'s <h2> "Capacity" {ended}',
                                f'the page\'s <h2> "Consent" {ended}',
                                f'the page\'s <b> "Consent must be informed." {ended}')
    assert _problems_but_dates(content_copy) == []


def test_a_picture_keeps_the_size_the_page_gives_it(content_copy: Path, test_page: Path
                                                     ) -> None:
    test_page.write_text(TEST_PAGE.replace(
        '<p><img src="https://example.org/remote.png" alt="A remote picture"></p>',
        '<p><img src="files/chart_one.png" alt="Wide" width="400"></p>'
        '<table><tr><th>Step</th></tr><tr><td><img src="files/chart_one.png" alt="Small" '
        'width="40px" height="30"></td></tr></table>'
        '<p><img src="files/chart_one.png" alt="Half" width="50%"></p>'
        '<p><img src="files/chart_one.png" alt="Styled" style="border: 0; width:50px; '
        'HEIGHT: 20px"></p>'), encoding="utf-8")
    [result] = import_chapters([test_page], content_copy)
    made = result.written.read_text(encoding="utf-8") if result.written else ""
    image = "images/direct-payments-chart-one.png"
    assert f'![Wide]({image}){{: width="400" }}' in made
    assert f'| ![Small]({image}){{: width="40" height="30" }} |' in made
    assert f"![Half]({image})\n" in made  # a share of the page's width is no size to keep
    assert 'image "Half": its width "50%" is not a number of pixels; not kept' in result.notes
    # a size in the style was left out unsaid: the picture shown at its own size
    assert f'![Styled]({image}){{: width="50" height="20" }}' in made
    html = _rendered(content_copy, "3.3.4")
    assert f'<img alt="Wide" src="{image}" width="400">' in html
    assert f'<img alt="Small" height="30" src="{image}" width="40">' in html
    assert _problems_but_dates(content_copy) == []


def test_a_logo_in_the_chapters_own_text_is_kept_and_the_sites_above_the_title_is_not(
    content_copy: Path, test_page: Path
) -> None:
    for name in ("site_logo.png", "mind-of-my-own-logo.png"):
        (test_page.parent / "files" / name).write_bytes(PNG)
    test_page.write_text(TEST_PAGE.replace(
        "<h1>Direct Payments</h1>",
        '<img src="files/site_logo.png" alt="Derby City Council"><h1>Direct Payments</h1>'
    ).replace(
        "<h3>1.1 Second level</h3>",
        '<p><img src="files/mind-of-my-own-logo.png" alt="The Mind of My Own app"></p>'
        "<h3>1.1 Second level</h3>"), encoding="utf-8")
    [result] = import_chapters([test_page], content_copy)
    assert result.error is None and result.written is not None
    made = result.written.read_text(encoding="utf-8")
    assert "![The Mind of My Own app](images/direct-payments-mind-of-my-own-logo.png)" in made
    assert "Derby City Council" not in made


def test_a_page_that_matches_no_entry_is_reported_not_guessed(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "other.html"
    page.write_text(TEST_PAGE.replace("<h1>Direct Payments</h1>", "<h1>Direct Payment</h1>"),
                    encoding="utf-8")
    contents_before = (content_copy / "contents.json").read_text(encoding="utf-8")
    assert run("import-chapter", str(page), "--content", str(content_copy)) == 1
    err = capsys.readouterr().err
    assert f'{page}: the page title "Direct Payment" matches no entry of the contents' in err
    assert (content_copy / "contents.json").read_text(encoding="utf-8") == contents_before
    assert not (content_copy / "chapters" / "direct-payments.md").exists()


def test_a_title_the_contents_lists_twice_asks_for_the_number(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    contents_path = content_copy / "contents.json"
    contents = json.loads(contents_path.read_text(encoding="utf-8"))
    title = "Children's Services Policies, Values and Principles"
    contents["sections"][0]["items"][0]["items"].append(
        {"type": "chapter", "id": "values-again", "number": "1.1.21", "title": title})
    contents_path.write_text(json.dumps(contents, indent=2), encoding="utf-8")
    text = (DATA / "chapter_1.1.1_page.txt").read_text(encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    assert run("import-chapter", str(page), "--replace", "--content", str(content_copy)) == 1
    err = capsys.readouterr().err
    assert f'"{title}" is the title of 2 entries of the contents (1.1.1, 1.1.21)' in err
    assert "matches no entry" not in err  # it matches two: importing the contents is no help
    assert f'before the title where the page gives it ("1.1.1 {title}")' in err
    assert str(page) in err
    # a page saved before the contents was renumbered: its old number is neither entry's
    page.write_text(text.replace(f"\n{title}\n", f"\n1.1.9 {title}\n", 1), encoding="utf-8")
    assert run("import-chapter", str(page), "--replace", "--content", str(content_copy)) == 1
    err = capsys.readouterr().err
    assert f'"{title}" is the title of 2 entries of the contents (1.1.1, 1.1.21)' in err
    assert "the page's own number, 1.1.9, is neither of them" in err
    page.write_text(text.replace(f"\n{title}\n", f"\n1.1.21 {title}\n", 1), encoding="utf-8")
    assert run("import-chapter", str(page), "--content", str(content_copy)) == 0
    assert (content_copy / "chapters" / "values-again.md").is_file()


def test_two_pages_of_one_chapter_in_one_import_keep_the_first_and_say_so(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text_page, html_page = DATA / "chapter_1.1.1_page.txt", DATA / "chapter_1.1.1_page.html"
    assert run("import-chapter", str(text_page), str(html_page), "--replace",
               "--content", str(content_copy)) == 1
    first = (content_copy / CHAPTER_111).read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert f"error: {html_page}: is 1.1.1 Children's Services Policies" in err
    assert f"as {text_page} is" in err and "1 of 2 page(s) not imported" in err
    assert run("import-chapter", str(text_page), "--content", str(content_copy)) == 0
    assert (content_copy / CHAPTER_111).read_text(encoding="utf-8") == first  # the text's


def test_one_page_given_twice_in_one_import_is_imported_once_without_an_error(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a copy of the page saved under a second name says the same: nothing to compare
    page = DATA / "chapter_1.1.1_page.txt"
    copy = tmp_path / "copy.txt"
    copy.write_bytes(page.read_bytes())
    assert run("import-chapter", str(page), str(copy), "--replace",
               "--content", str(content_copy)) == 0
    assert "error" not in capsys.readouterr().err


def test_several_pages_at_once_each_reported(
    content_copy: Path, test_page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.html"
    # the page that fails comes first: the others are imported all the same
    assert run("import-chapter", str(missing), str(DATA / "chapter_1.1.1_page.txt"),
               str(test_page), "--content", str(content_copy), "--replace") == 1
    captured = capsys.readouterr()
    assert "1.1.1 Children's Services Policies" in captured.out
    assert "3.3.4 Direct Payments" in captured.out
    assert f"{missing}: no such file" in captured.err
    assert "1 of 3 page(s) not imported" in captured.err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("September 2, 2024", date(2024, 9, 2)),
        ("2 September 2024", date(2024, 9, 2)),
        ("2nd September 2024", date(2024, 9, 2)),
        ("Sept 2, 2024", date(2024, 9, 2)),  # the British abbreviation, unknown to strptime
        ("2 Sept. 2024", date(2024, 9, 2)),
        ("02-09-2024", date(2024, 9, 2)),
        ("September 2024", date(2024, 9, 1)),
        ("2024-09-02", date(2024, 9, 2)),
        ("02/09/2024", date(2024, 9, 2)),  # day first, as written in England
        ("soon", None),
    ],
)
def test_dates_as_the_online_manual_writes_them(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("written", "amended", "said"), [
    # the box was kept as text, its date made a heading, and the scope left unmarked
    ("2 Sept 2024", "2024-09-02", None),
    ("09/02/2024", "2024-02-09", '"09/02/2024" was read day first, as 9 February 2024'),
    ("Sept 2nd 24", None, 'an "Amendment" heading is followed by no date the import could read'),
])
def test_an_amendment_date_written_another_way_is_read_or_reported(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    written: str, amended: str | None, said: str | None,
) -> None:
    text = (DATA / "chapter_1.1.1_page.txt").read_text(encoding="utf-8")
    assert "\nSeptember 2, 2024\n" in text
    page = tmp_path / "page.txt"
    page.write_text(text.replace("\nSeptember 2, 2024\n", f"\n{written}\n", 1),
                    encoding="utf-8")
    assert run("import-chapter", str(page), "--replace", "--content", str(content_copy)) == 0
    out = capsys.readouterr().out
    chapter = (content_copy / CHAPTER_111).read_text(encoding="utf-8")
    if amended:
        assert f"\namended: {amended}\n" in chapter
        assert chapter.count(written) == 0 and "<div class=\"scope\"" in chapter
    else:
        assert "amended:" not in chapter and written in chapter  # the text kept, not guessed
    assert (said in out) if said else ("day first" not in out and "Amendment" not in out)


@pytest.mark.parametrize(("written", "day", "month"), [
    ("03/03/2024", 3, 3),  # the same either way round
    ("13/03/2024", 13, 3),  # no 13th month: day first is the only reading
    ("03/13/2024", 13, 3),
])
def test_a_date_that_reads_one_way_only_has_no_note(written: str, day: int, month: int) -> None:
    assert date_note(written, date(2024, month, day)) is None


def test_a_date_that_reads_two_ways_has_a_note() -> None:
    assert date_note("12/11/2024", date(2024, 11, 12)) == (
        '"12/11/2024" was read day first, as 12 November 2024; if the page meant month '
        "first, mend the date in the front matter")


LONG_LINE = "a long paragraph " * 3000  # 48 KB on one line, as a capture can hold


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("The Children\u2019s Social Care National Framework (trix please link "
         "https://www.gov.uk/a) is guidance.",
         "The [Children\u2019s Social Care National Framework](https://www.gov.uk/a) is guidance."),
        ("read the Care Planning and the Review Procedure trix please link <https://x.org/b>",
         "read the [Care Planning and the Review Procedure](https://x.org/b)"),
        ("fill in the form (tri.x please link [the form](https://x.org/c_d))",
         "fill in the form (<https://x.org/c_d>)"),
        ("see Working Together\n(trix please link https://x.org/e).",
         "see [Working Together](https://x.org/e)."),
        ("A Guide (trix please link https://x.org/f) and the Rules of Care (trix please link "
         "https://x.org/g)", "A [Guide](https://x.org/f) and the [Rules of Care](https://x.org/g)"),
        (LONG_LINE + "see Working Together (trix please link https://x.org/h)",
         LONG_LINE + "see [Working Together](https://x.org/h)"),
        (LONG_LINE + "\nsee the Framework (trix please link https://x.org/i)",
         LONG_LINE + "\nsee the [Framework](https://x.org/i)"),
    ],
    ids=["a name", "a name with joining words", "no name", "a note on the next line",
         "two notes", "a long line", "after a long line"],
)
def test_an_editors_note_asking_for_a_link_becomes_a_link_on_the_name_before_it(
    text: str, linked: str
) -> None:
    notes: list[str] = []
    assert mend_markdown(text, notes) == linked + "\n"
    assert len(notes) == linked.count("](") + linked.count("(<")


def test_a_long_line_without_an_editors_note_is_kept_as_it_is() -> None:
    assert mend_markdown(LONG_LINE + "(trix, please, later)", []) == (
        LONG_LINE + "(trix, please, later)\n")


def test_a_link_off_the_site_or_to_a_document_keeps_its_address_whatever_its_text(
    content_copy: Path, test_page: Path
) -> None:
    # their text names a chapter, but they lead to another site, or to a form on this one
    test_page.write_text(TEST_PAGE.replace(
        "<h3>1.1 Second level</h3>",
        '<p>See <a href="https://www.gov.uk/capacity">Capacity and Consent</a> and '
        '<a href="files/capacity.pdf">Capacity and Consent</a>.</p><h3>1.1 Second level</h3>'),
        encoding="utf-8")
    [result] = import_chapters([test_page], content_copy)
    made = result.written.read_text(encoding="utf-8") if result.written else ""
    assert "[Capacity and Consent](https://www.gov.uk/capacity)" in made
    assert ("[Capacity and Consent](https://derbycsc.proceduresonline.com/files/capacity.pdf)"
            in made)


def test_a_text_page_keeps_its_nesting_and_its_less_than_signs_as_text(
    content_copy: Path, tmp_path: Path
) -> None:
    page = tmp_path / "direct_payments.txt"
    page.write_text("Direct Payments\nv4\n\n2.1 Who may have them\n\n"
                    "# 1 is the first box; see https://www.gov.uk/direct-payments.\n\n"
                    "Ages 5 < 10 get <b>help</b>.\n\n"
                    "  \u2022 Outer\n    \u2022 Inner\n  \u2022 Outer two\n\n"
                    "Last Updated: soon\n", encoding="utf-8")
    [result] = import_chapters([page], content_copy)
    made = result.written.read_text(encoding="utf-8") if result.written else ""
    assert made == (
        "---\ntitle: Direct Payments\nversion: 4\n---\n\n### 2.1 Who may have them\n\n"
        # a paragraph that starts like a heading stays a paragraph; an address is a link
        "\\# 1 is the first box; see <https://www.gov.uk/direct-payments>.\n\n"
        "Ages 5 &lt; 10 get &lt;b>help&lt;/b>.\n\n"  # no tag: "<" is escaped
        "- Outer\n    - Inner\n- Outer two\n")
    assert result.notes[0] == '"Last Updated: soon" is not a date; left out'


def test_a_text_list_with_no_blank_line_around_it_stays_a_list(
    content_copy: Path, tmp_path: Path
) -> None:
    page = tmp_path / "direct_payments.txt"
    page.write_text("Direct Payments\n\nPayments cover:\n  \u2022 Outer\n    \u2022 Inner\n"
                    "  \u2022 Outer two, whose line\n      goes on here\n"
                    "The paragraph after the list.\n\nLast Updated: 3 March 2025\n",
                    encoding="utf-8")
    [result] = import_chapters([page], content_copy)
    made = result.written.read_text(encoding="utf-8") if result.written else ""
    # it was one paragraph: "Payments cover: \u2022 Outer \u2022 Inner ..."
    assert ("Payments cover:\n\n- Outer\n    - Inner\n- Outer two, whose line goes on here"
            "\n\nThe paragraph after the list.") in made


def test_a_list_pasted_from_word_is_a_list(content_copy: Path, tmp_path: Path) -> None:
    page = tmp_path / "direct_payments.txt"
    # Word's bullets as they paste: a middle dot or a Symbol-font letter, "o" for the next
    # level, each followed by a tab
    page.write_text("Direct Payments\n\nPayments cover:\n\u00b7\tOuter\no\tInner\n"
                    "\uf0b7\tOuter two\n\nLast Updated: 3 March 2025\n", encoding="utf-8")
    [result] = import_chapters([page], content_copy)
    made = result.written.read_text(encoding="utf-8") if result.written else ""
    assert "Payments cover:\n\n- Outer\n    - Inner\n- Outer two" in made


@pytest.mark.parametrize(("pasted", "listed"), [
    # only the second level copied: one list, not each item under the first, nor the first
    # indented as if under nothing (Markdown's code block)
    ("o\tFirst\no\tSecond\n", "- First\n- Second"),
    # the second level indented under a number: "o" stays where its indent puts it
    ("1.\tOuter\n\to\tInner\n\t\to\tInnermost\n2.\tOuter two\n",
     "1. Outer\n    - Inner\n        - Innermost\n2. Outer two"),
])
def test_word_second_level_items_nest_only_under_an_item_of_their_own(
    pasted: str, listed: str, content_copy: Path, tmp_path: Path
) -> None:
    page = tmp_path / "direct_payments.txt"
    page.write_text(f"Direct Payments\n\nPayments cover:\n{pasted}\nLast Updated: 3 March 2025\n",
                    encoding="utf-8")
    [result] = import_chapters([page], content_copy)
    made = result.written.read_text(encoding="utf-8") if result.written else ""
    assert f"Payments cover:\n\n{listed}\n" in made


def test_references_resolve_only_when_unambiguous() -> None:
    finder = EntryFinder(load_manual(CONTENT).entries())
    assert finder.reference("Staying Put Procedure").id == "staying-put-policy"  # type: ignore
    assert finder.reference("6.4.3").id == "looked-after-reviews"  # type: ignore[union-attr]
    assert finder.reference("Procedure") is None
    assert finder.page("A Strengths Based Approach Procedure") is None  # a page title is exact


def test_a_page_saved_in_windows_1252_reads_as_it_was_written(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes("Children\u2019s Social Care \u2013 2024".encode("cp1252"))
    assert read_page_text(page) == "Children\u2019s Social Care \u2013 2024"
    html = tmp_path / "page.html"
    html.write_bytes('<html><head><meta charset="windows-1252"></head><body>Children\u2019s'
                     "</body></html>".encode("cp1252"))
    assert "Children\u2019s" in read_page_text(html)


def test_the_scope_ends_at_the_amendment_even_past_a_smaller_heading() -> None:
    from reader.chapter_page import AMENDMENT_MARK
    from reader.chapter_page_mend import _mark_scope

    text = ("## Scope of this chapter\n\nWhat it covers.\n\n### Related chapters\n\n- One\n\n"
            f"{AMENDMENT_MARK}\n\nThe chapter's text.\n\n## 1. Next")
    scope, rest = _mark_scope(text).split("</div>")
    assert "### Related chapters" in scope and "- One" in scope
    assert rest.strip().startswith("The chapter's text.") and AMENDMENT_MARK not in rest


def test_without_an_amendment_the_scope_ends_at_a_heading_of_its_level() -> None:
    from reader.chapter_page_mend import _mark_scope

    text = "## Scope of this chapter\n\nWhat.\n\n### Related\n\nMore.\n\n## 1. First\n\nText."
    scope, rest = _mark_scope(text).split("</div>")
    assert "### Related" in scope and rest.strip().startswith("## 1. First")


def test_an_amendment_mark_inside_a_line_is_removed() -> None:
    from reader.chapter_page import AMENDMENT_MARK
    from reader.chapter_page_mend import _mark_scope

    assert AMENDMENT_MARK not in _mark_scope(f"Text.\n\n- an item {AMENDMENT_MARK}\n")


def test_chrome_and_an_image_file_name_markdownify_escaped_are_dropped() -> None:
    notes: list[str] = []
    text = ("**Skip to content**\n\nstrong\\_fam\\_resilient\\_ch\n\n"
            "Text  with  gaps  left by the page.\n")
    assert mend_markdown(text, notes) == "Text with gaps left by the page.\n"
    assert notes == ['dropped page chrome "Skip to content"',
                     'dropped the image file name "strong\\_fam\\_resilient\\_ch"']


def test_a_chapter_file_that_says_something_else_is_replaced_only_when_asked(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = (content_copy / CHAPTER_111).read_text(encoding="utf-8")
    page = str(DATA / "chapter_1.1.1_page.txt")
    # the bundled file holds mends made by hand that a fresh import would undo
    assert run("import-chapter", page, "--content", str(content_copy)) == 1
    assert "is there already and says something else" in capsys.readouterr().err
    assert (content_copy / CHAPTER_111).read_text(encoding="utf-8") == bundled
    assert run("import-chapter", page, "--content", str(content_copy), "--replace") == 0
    imported = (content_copy / CHAPTER_111).read_text(encoding="utf-8")
    assert imported != bundled
    assert run("import-chapter", page, "--content", str(content_copy)) == 0  # the same again


def test_a_page_without_its_last_updated_date_is_imported_with_a_note_to_add_it(
        content_copy: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("A Strengths Based Approach\n\nA sentence of the chapter.\n",
                    encoding="utf-8")
    [result] = import_chapters([page], content_copy)
    assert result.error is None
    assert 'the page gives no "Last Updated" date: add last_updated: YYYY-MM-DD to the ' \
           "chapter's front matter" in result.notes
    assert any("no last_updated line" in str(problem) for problem in validate(content_copy)[1])


@pytest.mark.parametrize("name", ["chapter_1.1.1_page.txt", "chapter_1.1.1_page.html"])
def test_a_page_saved_as_utf16_imports_as_the_same_chapter(
        content_copy: Path, tmp_path: Path, name: str) -> None:
    [result] = import_chapters([DATA / name], content_copy, replace=True)
    assert result.written is not None
    expected = result.written.read_text(encoding="utf-8")
    saved = tmp_path / name  # Notepad's "Unicode", and some browsers' "Save as text"
    saved.write_bytes((DATA / name).read_text(encoding="utf-8").encode("utf-16"))
    [again] = import_chapters([saved], content_copy, replace=True)
    assert again.error is None
    assert again.written is not None and again.written.read_text(encoding="utf-8") == expected


def _contents(*items: dict[str, object]) -> dict[str, object]:
    return {"format": 1, "sections": [{"number": "1", "title": "All", "items": list(items)}]}


def test_ids_follow_their_entries_and_a_see_also_follows_its_chapter() -> None:
    old = _contents(
        {"type": "chapter", "id": "panel-a", "number": "1.1", "title": "Panel",
         "file": "chapters/panel-a.md"},
        {"type": "chapter", "id": "panel-b", "number": "1.2", "title": "Panel",
         "file": "chapters/panel-b.md"},
        {"type": "chapter", "id": "visits", "number": "1.3", "title": "Visits to Children",
         "file": "chapters/visits.md"})
    # the same titles renumbered, the chapter retitled slightly, and a See also that shares
    # a chapter's title: none of this may move a bookmark to another chapter
    new = _contents(
        {"type": "chapter", "id": "panel", "number": "1.2", "title": "Panel"},
        {"type": "see_also", "id": "see-also-panel", "title": "Panel", "target": "panel"},
        {"type": "chapter", "id": "visits-to-a-child", "number": "1.5",
         "title": "Visits to a Child"})
    merged = merge_ids(new, old)
    entries = walk_entries(merged.contents)
    assert [(e["id"], e.get("file")) for e in entries] == [
        ("panel-b", "chapters/panel-b.md"),  # the one at the same number
        ("see-also-panel", None),
        ("visits", "chapters/visits.md")]
    assert entries[1]["target"] == "panel-b"
    assert merged.removed == ("1.1 Panel",)


def test_a_flag_drawn_as_a_picture_in_the_html_contents_is_kept() -> None:
    html = ('<main><h2>1. All Children</h2><table><tr><td>1.1.1</td><td>'
            '<a href="p_a.html">Policies</a> <img src="new.gif" alt="New"></td></tr>'
            "</table></main>")
    [entry] = walk_entries(parse_contents_html(html))
    assert entry["title"] == "Policies" and entry.get("flags") == ["new"]


def test_a_file_far_larger_than_any_page_is_refused_unread(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a page just past the limit proves it; one of the limit's real size would be slow to read
    monkeypatch.setattr("reader.page_html.MAX_PAGE_BYTES", 20_000)
    before = {path: path.read_bytes() for path in content_copy.rglob("*") if path.is_file()}
    page = tmp_path / "saved page.html"
    text = (DATA / "chapter_1.1.1_page.html").read_text(encoding="utf-8")
    page.write_text(text.replace("</body>", "<p>more</p>" * 2000 + "</body>"), encoding="utf-8")
    assert run("import-chapter", str(page), "--replace", "--content", str(content_copy)) == 1
    assert f"error: {page}: the file is larger than" in capsys.readouterr().err
    contents = tmp_path / "contents page.txt"
    contents.write_text((DATA / "contents_page.txt").read_text(encoding="utf-8") * 2,
                        encoding="utf-8")
    assert run("import-contents", str(contents), "--content", str(content_copy)) == 1
    assert f"error: {contents}: the file is larger than" in capsys.readouterr().err
    assert {path: path.read_bytes() for path in content_copy.rglob("*")
            if path.is_file()} == before


def test_a_word_file_given_for_a_page_is_named_as_one_not_read_as_text(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {path: path.read_bytes() for path in content_copy.rglob("*") if path.is_file()}
    document = tmp_path / "Direct Payments.docx"
    with zipfile.ZipFile(document, "w") as archive:  # what Word saves: a zip of XML
        archive.writestr("word/document.xml", "<w:document/>")
    assert run("import-chapter", str(document), "--content", str(content_copy)) == 1
    err = capsys.readouterr().err
    # its "title" was a line of binary noise that matched no entry
    assert f"error: {document}: it is not a saved page but a binary file" in err
    assert run("import-contents", str(document), "--content", str(content_copy)) == 1
    assert f"error: {document}: it is not a saved page" in capsys.readouterr().err
    assert {path: path.read_bytes() for path in content_copy.rglob("*")
            if path.is_file()} == before


def test_a_pdf_given_for_a_page_is_named_as_a_binary_file(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a PDF opens with lines of text; its first zero byte comes a few hundred bytes in
    document = tmp_path / "Direct Payments.pdf"
    document.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                         + b"2 0 obj\n<< /Length 300 >>\nstream\n" + b"q" * 300
                         + b"\x00\x01\x02\nendstream\n")
    assert run("import-chapter", str(document), "--content", str(content_copy)) == 1
    assert f"error: {document}: it is not a saved page but a binary file" in (
        capsys.readouterr().err)


def test_a_logo_kept_or_dropped_by_where_it_stands_beside_the_title() -> None:
    from bs4 import BeautifulSoup

    from reader.page_html import main_content

    def pictures(html: str) -> list[str]:
        root = main_content(BeautifulSoup(html, "html.parser"))
        return [str(img.get("alt")) for img in root.find_all("img")]

    # a partner's logo in the text, before a later heading, is the chapter's own picture
    assert pictures('<main><img src="site_logo.png" alt="Council"><h1>Direct Payments</h1>'
                    '<p><img src="partner-logo.png" alt="Partner"></p><h2>More</h2></main>'
                    ) == ["Partner"]
    # a page without a title: a picture named as a logo is the site's, as it always was
    assert pictures('<main><img src="site_logo.png" alt="Council"><p>Text</p></main>') == []


def test_two_pictures_of_one_name_are_two_files_each_shown_where_it_stands(
    content_copy: Path, test_page: Path
) -> None:
    # "chart.png" and "Chart.PNG", or a chart in each of two folders, were one file in
    # images/: the second copied over the first, and shown in both places
    other = test_page.parent / "files" / "older"
    other.mkdir()
    (test_page.parent / "files" / "chart.png").write_bytes(PNG)
    (other / "chart.png").write_bytes(PNG)
    (test_page.parent / "files" / "Chart.PNG").write_bytes(PNG)
    test_page.write_text(TEST_PAGE.replace(
        "<h3>1.1 Second level</h3>",
        '<p><img src="files/chart.png" alt="The new chart"></p>'
        '<p><img src="files/older/chart.png" alt="The old chart"></p>'
        '<p><img src="files/Chart.PNG" alt="The third chart"></p>'
        '<p><img src="files/chart.png" alt="The new chart again"></p>'
        "<h3>1.1 Second level</h3>"), encoding="utf-8")
    [result] = import_chapters([test_page], content_copy)
    assert result.error is None and result.written is not None
    made = result.written.read_text(encoding="utf-8")
    assert "![The new chart](images/direct-payments-chart.png)" in made
    assert "![The old chart](images/direct-payments-chart-2.png)" in made
    assert "![The third chart](images/direct-payments-chart-3.png)" in made
    # the same file twice is one picture, named once
    assert "![The new chart again](images/direct-payments-chart.png)" in made
    for name in ("chart", "chart-2", "chart-3"):
        assert (content_copy / f"chapters/images/direct-payments-{name}.png").is_file()


def test_a_picture_written_into_the_page_is_said_to_be_so(
    content_copy: Path, test_page: Path
) -> None:
    test_page.write_text(TEST_PAGE.replace(
        "<h3>1.1 Second level</h3>",
        '<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="The team\'s logo"></p>'
        "<h3>1.1 Second level</h3>"), encoding="utf-8")
    [result] = import_chapters([test_page], content_copy)
    # "no file was saved" sent the editor looking for a file that never was
    assert 'image "The team\'s logo" not included: it is written into the page itself as a ' \
        "data: address, which the import does not copy" in result.notes
