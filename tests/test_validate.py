"""validate finds what would mislead a reader: broken structure, files, links, images, artefacts."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.validate import validate

from .conftest import CONTENT, PNG, REPO, picture_bytes

CHAPTER = "chapters/childrens-services-policies-values-and-principles.md"


def _messages(root: Path) -> list[str]:
    manual, problems = validate(root)
    assert manual is not None
    return [str(problem) for problem in problems]


def _edit_contents(root: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = root / "contents.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for section in data["sections"]:
        for item in section["items"]:
            found.extend(item["items"] if item["type"] == "subsection" else [item])
    return found


def _append_to_chapter(root: Path, text: str) -> Path:
    path = root / CHAPTER
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    return path


def _line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8")
                                                     .splitlines(), start=1) if text in line)


def test_the_bundled_content_is_valid() -> None:
    assert _messages(CONTENT) == []


def test_a_chapter_file_no_entry_names_is_reported(content_copy: Path) -> None:
    stray = content_copy / "chapters" / "left-behind.md"
    stray.write_text("---\ntitle: Left Behind\n---\n\nText.\n", encoding="utf-8")
    messages = _messages(content_copy)
    assert messages == [f"{stray}: chapter file is not in the contents "
                        '(no entry of contents.json names it); add "file": '
                        '"chapters/left-behind.md" to its entry in contents.json, or remove '
                        "the file if no chapter needs it"]


def test_a_chapter_written_by_hand_is_matched_to_the_entry_its_name_spells(
        content_copy: Path) -> None:
    written = content_copy / "chapters" / "A Strengths Based Approach.md"
    written.write_text("---\ntitle: A Strengths Based Approach\n---\n\nText.\n",
                       encoding="utf-8")
    assert _messages(content_copy) == [
        f"{written}: chapter file is not in the contents (no entry of contents.json names it); "
        "rename it chapters/a-strengths-based-approach.md and add \"file\": "
        '"chapters/a-strengths-based-approach.md" to entry "a-strengths-based-approach" '
        "(1.1.2 A Strengths Based Approach)"]


def test_a_chapter_file_renamed_on_disk_alone_is_told_its_listed_name(
        content_copy: Path) -> None:
    renamed = content_copy / "chapters" / "Childrens-Services-Policies-Values-and-Principles.md"
    (content_copy / CHAPTER).rename(renamed)
    assert (f'{renamed}: chapter file is not in the contents (no entry of contents.json names '
            'it); entry "childrens-services-policies-values-and-principles" names '
            f"{CHAPTER}, which is not there: give this file that name") in _messages(content_copy)


def test_a_chapter_file_named_by_two_entries_is_reported(content_copy: Path) -> None:
    def share(data: dict[str, Any]) -> None:
        _entries(data)[1]["file"] = CHAPTER

    _edit_contents(content_copy, share)
    assert any(f"chapter file {CHAPTER} is named by" in m for m in _messages(content_copy))


def test_a_missing_chapter_file_is_reported(content_copy: Path) -> None:
    (content_copy / CHAPTER).unlink()
    [message] = _messages(content_copy)
    assert "contents.json:" in message and "1.1.1: chapter file" in message
    assert "is missing" in message


def test_a_folder_in_a_chapter_files_place_is_said_to_be_a_folder(content_copy: Path) -> None:
    (content_copy / CHAPTER).unlink()
    (content_copy / CHAPTER).mkdir()  # made by mistake, in an unzip or a copy
    [message] = _messages(content_copy)
    assert message.endswith(f"1.1.1: chapter file {CHAPTER} is a folder, not a file")


def test_an_image_inside_the_content_folder_is_fine(content_copy: Path) -> None:
    images = content_copy / "chapters" / "images"
    images.mkdir()
    (images / "bridge.png").write_bytes(PNG)
    _append_to_chapter(content_copy, "![The bridge](images/bridge.png)")
    assert _messages(content_copy) == []


def test_a_damaged_picture_is_reported_in_the_validators_words_alone(content_copy: Path) -> None:
    # it passed as fine, and the pane showed only Qt's small file mark in its place
    images = content_copy / "chapters" / "images"
    images.mkdir()
    (images / "bridge.png").write_bytes(PNG[:40])
    _append_to_chapter(content_copy, "![The bridge](images/bridge.png)")
    # as an editor runs it: a process of its own, with no window
    said = subprocess.run([sys.executable, "-m", "reader", "validate", "--content",
                           str(content_copy)], capture_output=True, text=True, cwd=REPO)
    assert said.returncode == 1
    assert 'image "images/bridge.png" is damaged: the file ends before the picture in it does' \
        in said.stdout + said.stderr
    # the decoder's own line ("libpng error: Read Error") is not the editor's to read
    assert "libpng" not in said.stdout + said.stderr


def test_two_pictures_named_alike_but_for_capitals_are_one_clash_not_misnamed_images(
        content_copy: Path) -> None:
    images = content_copy / "chapters" / "images"
    images.mkdir()
    for name in ("bridge.png", "Bridge.png"):
        (images / name).write_bytes(PNG)
    _append_to_chapter(content_copy, "![The bridge](images/bridge.png)\n\n"
                                     "![The bridge again](images/Bridge.png)")
    # each is written as its file is named; that Windows takes them for one is said once
    [message] = _messages(content_copy)
    assert message.endswith("differ only in capitals, which Windows and macOS take for one "
                            "file; rename or remove one")


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("![Gone](images/gone.png)", 'image "images/gone.png" is missing'),
        ("![Web](https://example.org/a.png)", "is not a file in the content folder"),
        ('<img src="http://example.org/b.png">', "is not a file in the content folder"),
        ("![Escape](../../outside.png)", "points outside the content folder"),
        ("![Absolute](/etc/hosts)", "is not a file in the content folder"),
        # a network share: on Windows the reader would connect to it to fetch the picture
        ("![Share][r]\n\n[r]: file://fileserver/share/a.png", "is not a file in the content"),
        ("<img src=//fileserver/share/b.png>", "is not a file in the content folder"),
    ],
)
def test_images_must_be_files_inside_the_content_folder(
    content_copy: Path, markdown: str, expected: str
) -> None:
    (content_copy.parent / "outside.png").write_bytes(b"png")
    path = _append_to_chapter(content_copy, markdown)
    messages = _messages(content_copy)
    line = len(path.read_text(encoding="utf-8").splitlines())  # where the address is written
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{path}:{line}: ") and expected in messages[0]


def test_an_svg_that_names_a_file_outside_itself_is_reported(content_copy: Path) -> None:
    images = content_copy / "chapters" / "images"
    images.mkdir()
    # saved as .png, read as SVG all the same: Qt judges by the bytes, so validate does too
    (images / "chart.png").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg"><image href="/home/me/secret.png"/></svg>')
    path = _append_to_chapter(content_copy, "![A chart](images/chart.png)")
    [message] = _messages(content_copy)
    assert message.startswith(f"{path}:")
    assert ('image "images/chart.png" is an SVG that refers to "/home/me/secret.png"'
            in message)


def test_a_link_to_a_chapter_not_in_the_contents_is_reported(content_copy: Path) -> None:
    _append_to_chapter(content_copy, "See [a lost chapter](chapter:no-such-chapter).")
    [message] = _messages(content_copy)
    assert 'link to chapter "no-such-chapter", which is not in the contents' in message


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ("Skip to content", "Skip to content"),
        ("Company Logo", "logo"),
        ("Derby logo", "logo"),
        ("CAPTION: All Children", "CAPTION:"),
        ("strong_fam_resilient_ch", "bare file name"),
        ("The Framework (trix please link https://www.gov.uk/x) is guidance.", "editor's note"),
        ("Prospective Adopters\u0100 and others", "mis-encoded"),
    ],
)
def test_capture_artefacts_in_a_chapter_are_reported_with_their_line(
    content_copy: Path, line: str, what: str
) -> None:
    path = _append_to_chapter(content_copy, line)
    line_number = len(path.read_text(encoding="utf-8").splitlines())
    messages = _messages(content_copy)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{path}:{line_number}: capture artefact")
    assert what in messages[0]


@pytest.mark.parametrize(
    ("title", "what"),
    [
        ("Capacity and Consent Updated", "flag"),
        ("Capacity and Consent - under review", "under review"),
        ("Capacity\u0100 and Consent", "mis-encoded"),
        ("Capacity and\u00a0Consent", "non-breaking space"),
        ("CAPTION: Capacity and Consent", "CAPTION:"),
    ],
)
def test_capture_artefacts_in_contents_titles_are_reported(
    content_copy: Path, title: str, what: str
) -> None:
    def retitle(data: dict[str, Any]) -> None:
        entry = next(e for e in _entries(data) if e["id"] == "capacity-and-consent")
        entry["title"] = title

    _edit_contents(content_copy, retitle)
    messages = [m for m in _messages(content_copy) if "capacity-and-consent" in m]
    assert messages, _messages(content_copy)
    assert all(m.startswith(f"{content_copy / 'contents.json'}:") for m in messages)
    assert any(what in m for m in messages), messages


def test_an_artefact_in_a_section_title_a_lead_or_a_note_is_reported(content_copy: Path) -> None:
    def retitle(data: dict[str, Any]) -> None:
        data["sections"][1]["title"] = "Derby logo"
        lead = next(item for section in data["sections"] for item in section["items"]
                    if item.get("lead"))
        lead["lead"] += " trix please"
        noted = next(entry for entry in _entries(data) if entry.get("notes"))
        noted["notes"][0] = "Skip to content"

    _edit_contents(content_copy, retitle)
    messages = _messages(content_copy)
    assert len(messages) == 3, messages
    assert "section 2's title" in messages[0] and "logo" in messages[0]
    assert "'s lead: an editor's note left in the text" in messages[1]
    assert 'a note of "' in messages[2] and 'page chrome "Skip to content"' in messages[2]


@pytest.mark.parametrize(("character", "what"), [("\u0100", "a mis-encoded character"),
                                                ("\u00a0", "a non-breaking space")])
def test_an_artefact_in_a_chapter_title_is_reported(
        content_copy: Path, character: str, what: str) -> None:
    path = content_copy / CHAPTER
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Children's ", f"title: Children's{character}", 1),
                    encoding="utf-8")
    [message] = _messages(content_copy)
    assert message.startswith(f"{path}:2: capture artefact in the title: {what}")


def test_a_bad_date_in_front_matter_is_reported(content_copy: Path) -> None:
    path = content_copy / CHAPTER
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("last_updated: 2024-09-02", "last_updated: 2 Sept 2024"),
                    encoding="utf-8")
    [message] = _messages(content_copy)
    assert message == (f'{path}:3: last_updated "2 Sept 2024" is not a YYYY-MM-DD date; '
                       "write it as 2024-09-02 (2 September 2024)")


def test_front_matter_without_its_opening_line_is_reported(content_copy: Path) -> None:
    path = content_copy / CHAPTER
    path.write_text(path.read_text(encoding="utf-8").removeprefix("---\n"), encoding="utf-8")
    assert f"{path}:1: front matter must begin with a --- line; without it, it is shown as " \
           "chapter text" in _messages(content_copy)


def test_a_blank_line_in_place_of_the_opening_dashes_is_reported(content_copy: Path) -> None:
    path = content_copy / CHAPTER
    text = path.read_text(encoding="utf-8")
    path.write_text("\n" + text.removeprefix("---\n"), encoding="utf-8")
    assert f"{path}:2: front matter must begin with a --- line; without it, it is shown as " \
           "chapter text" in _messages(content_copy)


def test_blank_lines_above_the_front_matter_do_not_hide_it(content_copy: Path) -> None:
    path = content_copy / CHAPTER
    path.write_text("\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert _messages(content_copy) == []
    from reader.chapter_file import read_chapter_file, read_chapter_metadata

    assert read_chapter_file(path).version == "37"
    assert read_chapter_metadata(path).version == "37"


OPENING = '<div class="scope" markdown="1">'


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda text: text.replace("\n</div>\n", "\n", 1), "is never closed"),
        # a block of its own inside the scope closes; the scope itself still does not
        (lambda text: text.replace("\n</div>\n", '\n<div markdown="1">\nx\n\n</div>\n', 1),
         "is never closed"),
        (lambda text: text.replace(OPENING, "  " + OPENING), "must be " + OPENING),
        (lambda text: text.replace(OPENING, OPENING.replace("scope", "scope wide")),
         "must be " + OPENING),
        (lambda text: text.replace(OPENING, "A first line.\n\n" + OPENING), "must come first"),
    ],
)
def test_a_scope_block_that_would_not_show_as_one_is_reported(
    content_copy: Path, change: Callable[[str], str], expected: str
) -> None:
    path = content_copy / CHAPTER
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    opening = next(number for number, line in enumerate(
        path.read_text(encoding="utf-8").splitlines(), 1) if 'class="scope' in line)
    [message] = _messages(content_copy)
    assert message.startswith(f"{path}:{opening}: the scope block") and expected in message


def test_see_also_entries_that_name_each_other_are_reported_and_still_open(
    content_copy: Path,
) -> None:
    def loop(data: dict[str, Any]) -> None:
        pointing = [e for e in _entries(data) if e.get("type") == "see_also" and "target" in e]
        first, second = pointing[0], pointing[1]
        first["target"], second["target"] = second["id"], first["id"]

    _edit_contents(content_copy, loop)
    manual, problems = validate(content_copy)
    assert manual is not None
    assert sum("another See also" in str(problem) for problem in problems) == 2
    from reader.render import ChapterRenderer, html_to_text

    renderer = ChapterRenderer(manual)
    for entry in manual.entries():
        if entry.kind == "see_also" and entry.target:
            # it opens as a reference outside the manual rather than going round for ever
            page = renderer.page_for(entry)
            if manual.find(entry.target).kind == "see_also":
                assert page.title == entry.title  # its own page, not the other's
                assert "not included" in html_to_text(page.html)


def test_chapter_text_too_complex_to_show_is_reported(content_copy: Path) -> None:
    path = _append_to_chapter(content_copy, "<table><tr><td>" * 22 + "x")
    # at the line where the tables, written in HTML, pass the limit
    assert _messages(content_copy) == [
        f"{path}:{_line_of(path, '<table>')}: too complex for the reader to show: tables "
        "nested 22 deep; the reader shows at most 8"]


def test_brackets_left_open_are_reported_at_their_paragraph(content_copy: Path) -> None:
    path = content_copy / CHAPTER
    line = len(path.read_text(encoding="utf-8").splitlines()) + 2
    _append_to_chapter(content_copy, "\n" + "[" * 10_000)
    assert _messages(content_copy) == [
        f'{path}:{line}: too complex for the reader to show: 10,000 "[" never closed by "]" '
        "in one paragraph"]


def test_an_empty_chapter_file_is_reported(content_copy: Path) -> None:
    path = content_copy / CHAPTER
    path.write_text("", encoding="utf-8")
    assert f"{path}:1: has no chapter text" in _messages(content_copy)


def test_an_item_of_unknown_type_is_named_not_its_missing_keys(content_copy: Path) -> None:
    def misspell(data: dict[str, Any]) -> None:
        data["sections"][0]["items"][0]["type"] = "subsectoin"

    _edit_contents(content_copy, misspell)
    messages = _messages(content_copy)
    assert any(m.endswith('"1.1" has unknown type "subsectoin"; it is left out, with what '
                          'it holds (the types are "chapter", "document", "see_also", '
                          '"subsection")') for m in messages)
    assert not any("lacks" in m for m in messages)


def test_a_bad_edition_date_in_manual_json_is_reported(content_copy: Path) -> None:
    path = content_copy / "manual.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["edition"] = "September 2024"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    [message] = _messages(content_copy)
    assert message == (f'{path}:5: edition "September 2024" is not a date written as YYYY-MM-DD '
                       "(2 September 2024 is 2024-09-02)")


def test_manual_json_format_and_address_are_checked(content_copy: Path) -> None:
    path = content_copy / "manual.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format"] = 2
    data["online_url"] = "derbycsc.proceduresonline.com"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    messages = _messages(content_copy)
    assert f"{path}:2: format 2; this reader reads 1" in messages
    assert any("is not a web address" in m for m in messages)
    # the start page's link to it would open a file or run a script, not the manual
    for address in ("file:///srv/manual/index.html", "javascript:alert(1)"):
        data["online_url"] = address
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
        assert any(f'online_url "{address}" is not a web address' in m
                   for m in _messages(content_copy))


def test_numbers_out_of_order_and_out_of_place_are_reported(content_copy: Path) -> None:
    def shuffle(data: dict[str, Any]) -> None:
        subsection = data["sections"][0]["items"][0]
        subsection["items"][2]["number"] = "1.1.1.5"  # after 1.1.2: out of order
        subsection["items"][3]["number"] = "2.9"  # in 1.1 but numbered under section 2
        subsection["items"][4]["number"] = "1.12"  # begins as 1.1 does: not under it
        data["sections"][0]["items"][1]["number"] = "3.2"  # a subsection of section 1
        data["sections"][5]["items"][1]["number"] = "61"  # "6.1" without its dot
        data["sections"][2]["number"] = "2"  # section number used twice

    _edit_contents(content_copy, shuffle)
    messages = _messages(content_copy)
    # the line of the entry, so the editor need not search a file of 2,000 lines for it
    line = _line_of(content_copy / "contents.json", '"diversity-and-heritage"')
    assert f"{content_copy / 'contents.json'}:{line}: 1.1.1.5 is out of order: it comes after " \
           "1.1.2, and numbers must rise through the contents" in messages
    assert any("2.9 Diversity and Heritage Pledges is not numbered under 1.1" in m
               for m in messages)
    assert any("section number 2 is used twice" in m for m in messages)
    assert any(m.endswith(" is not numbered under 1.1") and ": 1.12 " in m for m in messages)
    assert any("subsection 3.2 is not numbered under section 1" in m for m in messages)
    assert any("subsection 61 is not numbered under section 6" in m for m in messages)


def test_a_byte_order_mark_from_a_windows_editor_is_accepted(content_copy: Path) -> None:
    from reader.chapter_file import read_chapter_file
    from reader.manual import load_manual

    for name in (CHAPTER, "contents.json", "manual.json", "vocabulary.json"):
        path = content_copy / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert _messages(content_copy) == []
    # the front matter is still read as such, not shown as a paragraph of text
    source = read_chapter_file(content_copy / CHAPTER)
    assert source.version == "37" and source.body.lstrip().startswith("<div")
    assert load_manual(content_copy).find("1.1.1") is not None


def test_dates_that_would_mislead_about_how_current_a_chapter_is_are_reported(
    content_copy: Path,
) -> None:
    path = content_copy / CHAPTER
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("last_updated: 2024-09-02", "last_updated: 2025-01-10")
                    .replace("amendment: In September", "amendmentt: In September"),
                    encoding="utf-8")
    messages = _messages(content_copy)
    assert (f"{path}:3: last_updated 2025-01-10 is after the edition date in manual.json "
            "(2024-09-02): the edition date is the newest Last updated of its chapters, so set "
            '"edition" in manual.json to 2025-01-10 or later') in messages
    assert any("amended is given without an amendment" in m for m in messages)
    assert any('unknown front matter key "amendmentt" (the keys are title, last_updated, '
               in m for m in messages)


def test_a_link_to_a_missing_chapter_names_its_line(content_copy: Path) -> None:
    path = _append_to_chapter(content_copy, "See [a lost chapter](chapter:no-such-chapter).")
    line = len(path.read_text(encoding="utf-8").splitlines())
    [message] = _messages(content_copy)
    assert message.startswith(f"{path}:{line}: link to chapter \"no-such-chapter\"")


def test_a_chapter_saved_as_utf16_is_shown_and_the_editor_told_how_to_mend_it(
        content_copy: Path) -> None:
    from reader.chapter_file import read_chapter_file

    path = content_copy / CHAPTER
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))  # Notepad's "Unicode"
    assert _messages(content_copy) == [
        f'{path}: is saved as UTF-16 ("Unicode" in Notepad); save the file again with the '
        "encoding UTF-8"]
    source = read_chapter_file(path)  # not a page of stray characters between the letters
    assert source.version == "37" and "Strengths Based Approach" in source.body


def test_a_character_from_a_windows_program_names_its_line_and_the_mend(
        content_copy: Path) -> None:
    path = content_copy / CHAPTER
    lines = path.read_bytes().split(b"\n")
    lines[19] += b" Children\x92s services"  # cp1252's apostrophe pasted into line 20
    path.write_bytes(b"\n".join(lines))
    assert _messages(content_copy) == [
        f'{path}:20: is not UTF-8 text: byte 0x92 ("\u2019" in Windows-1252); 1 character '
        "shown as \ufffd; save the file again with the encoding UTF-8"]


def test_a_subsection_number_used_twice_is_reported(content_copy: Path) -> None:
    def repeat(data: dict[str, Any]) -> None:
        data["sections"][0]["items"][1]["number"] = "1.1"  # 1.2 typed as the one before it

    _edit_contents(content_copy, repeat)
    messages = _messages(content_copy)
    # what is wrong with it, not that it is "out of order"
    assert any(m.endswith("subsection number 1.1 is used twice") for m in messages), messages
    assert not any("out of order" in m for m in messages)


def test_a_number_used_twice_is_not_also_called_out_of_order(content_copy: Path) -> None:
    def repeat(data: dict[str, Any]) -> None:
        _entries(data)[5]["number"] = "1.1.5"

    _edit_contents(content_copy, repeat)
    [message] = _messages(content_copy)
    assert "number 1.1.5 is used twice" in message


def test_a_flag_spelt_as_the_tree_shows_it_is_told_the_flags_there_are(
        content_copy: Path) -> None:
    def capitalise(data: dict[str, Any]) -> None:
        _entries(data)[3]["flags"] = ["New"]

    _edit_contents(content_copy, capitalise)
    [message] = _messages(content_copy)
    assert message.endswith('entry "diversity-and-heritage-pledges" has unknown flag "New" '
                            '(the flags are "new", "updated", "under_review")')


@pytest.mark.parametrize("name", ["chapters/Children's Services.md",
                                  "chapters/childrens-services.md.bak"])
def test_a_chapter_file_name_of_another_form_is_told_what_a_name_may_hold(
        content_copy: Path, name: str) -> None:
    def spaced(data: dict[str, Any]) -> None:
        _entries(data)[0]["file"] = name

    _edit_contents(content_copy, spaced)
    assert any(m.endswith("is not a Markdown file in chapters/ (a name such as "
                          "chapters/staying-put-policy.md: letters, digits, - and _, no "
                          "spaces, ending .md)") for m in _messages(content_copy))


def test_a_typo_in_a_linked_chapter_id_is_told_the_id_it_is_near(content_copy: Path) -> None:
    path = _append_to_chapter(content_copy, "See [staying put](chapter:staying-put-polcy).")
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert _messages(content_copy) == [
        f'{path}:{line}: link to chapter "staying-put-polcy", which is not in the contents; '
        'did you mean "staying-put-policy" (6.7.6 Staying Put Policy)?']


def test_a_chapter_linked_without_its_scheme_names_its_line_and_how_to_write_it(
        content_copy: Path) -> None:
    # the name in the text above is not the link: the line is the link's
    path = _append_to_chapter(content_copy, "Saved as staying-put-policy.md on the old site.\n\n"
                                            "See [staying put](staying-put-policy.md).")
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert _messages(content_copy) == [
        f'{path}:{line}: link "staying-put-policy.md" is neither a chapter nor a web address; '
        "a link to 6.7.6 Staying Put Policy is written (chapter:staying-put-policy)"]


def test_a_paragraph_indented_by_a_tab_is_reported_before_it_shows_as_code(
        content_copy: Path) -> None:
    path = _append_to_chapter(content_copy, "\tA paragraph pasted with a tab before it.")
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert _messages(content_copy) == [
        f"{path}:{line}: this text starts with a tab or four spaces, so it is shown as "
        "preformatted code in a box, not as a paragraph; remove the indent or the ``` lines"]


def test_a_tab_that_continues_a_list_item_is_fine(content_copy: Path) -> None:
    _append_to_chapter(content_copy, "- an item\n\n\tits second paragraph")
    assert _messages(content_copy) == []


def test_a_chapter_without_its_last_updated_line_is_reported_where_it_goes(
        content_copy: Path) -> None:
    path = content_copy / CHAPTER
    path.write_text(path.read_text(encoding="utf-8").replace("last_updated: 2024-09-02\n", ""),
                    encoding="utf-8")
    assert _messages(content_copy) == [
        f"{path}:6: the front matter has no last_updated line, so readers are not told how "
        "current the chapter is; add one, such as last_updated: 2024-09-02 (the page's "
        '"Last Updated" date)']


def test_an_image_named_with_other_capitals_than_its_file_is_reported(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader import content_images

    real = content_images.file_inside

    def as_on_windows(name: str, top: Path, folder: str = ".") -> tuple[Path | None, str | None]:
        """Windows finds a file whatever the capitals of its name."""
        path = top / folder / name
        if path.parent.is_dir():
            for candidate in path.parent.iterdir():
                if candidate.name.casefold() == path.name.casefold():
                    return candidate, None
        return real(name, top, folder)

    monkeypatch.setattr(content_images, "file_inside", as_on_windows)
    images = content_copy / "chapters" / "images"
    images.mkdir()
    (images / "Bridge.PNG").write_bytes(PNG)
    path = _append_to_chapter(content_copy, "![The bridge](images/bridge.png)")
    line = len(path.read_text(encoding="utf-8").splitlines())
    # the editor on Windows sees the picture; a reader on Linux would not
    assert _messages(content_copy) == [
        f'{path}:{line}: image "images/bridge.png" is the file chapters/images/Bridge.PNG, with '
        "other capitals: Windows and macOS find it, Linux does not; write the name as the file "
        "has it"]


def test_an_id_used_twice_names_the_line_of_the_second_and_both_chapters(
        content_copy: Path) -> None:
    def repeat(data: dict[str, Any]) -> None:
        _entries(data)[2]["id"] = _entries(data)[3]["id"]

    _edit_contents(content_copy, repeat)
    path = content_copy / "contents.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    second = [n for n, line in enumerate(lines, start=1)
              if '"diversity-and-heritage-pledges"' in line][1]
    assert _messages(content_copy) == [
        f'{path}:{second}: id "diversity-and-heritage-pledges" is used twice (1.1.3 Diversity and '
        "Heritage and 1.1.4 Diversity and Heritage Pledges); give one of them an id of its own: "
        "bookmarks and links open the first"]


def test_a_comma_too_many_in_contents_json_is_said_in_words(content_copy: Path) -> None:
    path = content_copy / "contents.json"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '"title": "All Children",', '"title": "All Children",,', 1), encoding="utf-8")
    manual, [problem] = validate(content_copy)
    assert manual is None and problem.line == 6
    assert problem.message.endswith("(a comma left before } or ], or a name without its quotes)")


def test_an_online_address_without_its_scheme_is_told_how_it_starts(content_copy: Path) -> None:
    path = content_copy / "manual.json"
    path.write_text(path.read_text(encoding="utf-8").replace(
        '"https://derbycsc.proceduresonline.com/"', '"derbycsc.proceduresonline.com/"'),
        encoding="utf-8")
    assert _messages(content_copy) == [
        f'{path}:7: online_url "derbycsc.proceduresonline.com/" is not a web address (one '
        "starting https://)"]


def test_files_that_are_not_the_manuals_are_reported_before_they_ship(content_copy: Path) -> None:
    (content_copy / "update.zip").write_bytes(b"PK")  # an earlier update, packed in place
    (content_copy / "chapters" / "Staying Put.docx").write_bytes(b"PK")
    images = content_copy / "chapters" / "images"
    images.mkdir()
    (images / "bridge.png").write_bytes(PNG)  # pictures may wait for a chapter
    (content_copy / "chapters" / "Chart.PNG").write_bytes(PNG)  # any capitals
    (images / "bridge.txt").write_text("its caption")  # what images/ holds is the pictures'
    (content_copy / "old").mkdir()
    (content_copy / "old" / "manual.json").write_text("{}")  # a name of the manual elsewhere
    assert _messages(content_copy) == [
        f"{path}: is not part of the manual (the reader does not use it), yet pack-content "
        "would send it to every reader; move it out of the content folder"
        for path in (content_copy / "chapters" / "Staying Put.docx",
                     content_copy / "old" / "manual.json", content_copy / "update.zip")]


def test_a_chapter_number_typed_as_a_bare_number_is_told_to_quote_it(
        content_copy: Path) -> None:
    def unquote(data: dict[str, Any]) -> None:
        _entries(data)[2]["number"] = 1.13

    _edit_contents(content_copy, unquote)
    assert any(m.endswith('chapter "diversity-and-heritage" has no valid number (a chapter\'s '
                          'number is text in quotes, such as "1.1.3", not 1.13)')
               for m in _messages(content_copy))


@pytest.mark.parametrize(("written", "mend"), [
    ("01/10/2024", "2024-10-01 (1 October 2024)"),
    ("September 2, 2024", "2024-09-02 (2 September 2024)"),
])
def test_a_date_written_another_way_is_told_how_to_write_it(
        content_copy: Path, written: str, mend: str) -> None:
    path = content_copy / CHAPTER
    path.write_text(path.read_text(encoding="utf-8").replace(
        "amended: 2024-09-02", f"amended: {written}"), encoding="utf-8")
    assert _messages(content_copy) == [
        f'{path}:5: amended "{written}" is not a YYYY-MM-DD date; write it as {mend}']


def test_front_matter_left_open_is_reported_once_not_for_each_line_it_hides(
        content_copy: Path) -> None:
    path = content_copy / CHAPTER
    lines = path.read_text(encoding="utf-8").split("\n")
    del lines[6]  # the closing ---
    path.write_text("\n".join(lines), encoding="utf-8")
    messages = _messages(content_copy)
    assert f"{path}:1: front matter starts with --- but never ends" in messages
    assert not any("no last_updated line" in m for m in messages)


def test_a_see_also_pointing_at_a_mistyped_id_is_told_the_id_it_is_near(
        content_copy: Path) -> None:
    def mistype(data: dict[str, Any]) -> None:
        for entry in _entries(data):
            if entry.get("target") == "short-breaks":
                entry["target"] = "short-break"

    _edit_contents(content_copy, mistype)
    [message] = _messages(content_copy)
    path = content_copy / "contents.json"
    line = _line_of(path, '"short-break"')  # its target's line, for the editor to go to
    assert message == (f'{path}:{line}: "Short Breaks" points at "short-break", which is not '
                       'in the contents; did you mean "short-breaks"?')


def test_a_second_byte_order_mark_does_not_hide_the_front_matter(content_copy: Path) -> None:
    from reader.chapter_file import read_chapter_file

    path = content_copy / CHAPTER
    path.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + path.read_bytes())  # saved twice with one
    assert _messages(content_copy) == []
    assert read_chapter_file(path).last_updated is not None


# the bundled edition's manifest --------------------------------------------------------------

def test_the_bundled_manifest_describes_the_bundled_files() -> None:
    # fails when content/ changed and the manifest was not made again; says the command
    from reader.content_archive import folder_manifest_fault

    assert folder_manifest_fault(CONTENT) is None


def _as_bundled(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader import validate as validate_module

    monkeypatch.setattr(validate_module, "BUNDLED_CONTENT", content)


def test_bundled_content_changed_without_its_manifest_made_again_is_reported(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _as_bundled(content_copy, monkeypatch)
    assert _messages(content_copy) == []
    _append_to_chapter(content_copy, "A paragraph added.")
    assert _messages(content_copy) == [
        f"{content_copy / 'content-manifest.json'}: no longer matches the files ({CHAPTER} "
        "changed), so readers would not be told the manual changed; remake it with "
        "`python -m reader write-manifest`"]


def test_bundled_content_without_a_manifest_is_reported(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _as_bundled(content_copy, monkeypatch)
    (content_copy / "content-manifest.json").unlink()
    assert _messages(content_copy) == [
        f"{content_copy / 'content-manifest.json'}: missing, so readers would not be told when "
        "the files of this edition change under its date; make it with "
        "`python -m reader write-manifest`"]


def test_a_hand_edited_manifest_digest_is_reported(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _as_bundled(content_copy, monkeypatch)
    path = content_copy / "content-manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["content_hash"] = "0" * 64
    path.write_text(json.dumps(data), encoding="utf-8")
    assert [message.split(": ", 1)[1] for message in _messages(content_copy)] == [
        'gives a "content_hash" that is not the digest of the files it lists (edited by '
        "hand?); remake it with `python -m reader write-manifest`"]


def test_a_manifest_of_another_date_than_manual_json_is_reported(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # its files and digest matched, so validate passed it, yet a start takes no digest from
    # a manifest of another edition: a re-issue would have gone unsaid
    _as_bundled(content_copy, monkeypatch)
    path = content_copy / "content-manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["edition"] = "2024-08-01"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert [message.split(": ", 1)[1] for message in _messages(content_copy)] == [
        "gives the edition 2024-08-01, not 2024-09-02 as manual.json does, so readers would not "
        "be told when the files of this edition change under its date; remake it with "
        "`python -m reader write-manifest`"]


def test_an_updates_manifest_copied_in_with_its_files_is_reported_as_giving_no_digest(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # an installed edition's folder copied over content/: its manifest lists the files but
    # was said to give a digest "edited by hand"
    from reader.content_archive import pack_content, unpack_checked

    _as_bundled(content_copy, monkeypatch)
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    unpack_checked(pack_content(content_copy, tmp_path / "u.zip", check=False).archive, unpacked)
    shutil.copy(unpacked / "content-manifest.json", content_copy / "content-manifest.json")
    assert [message.split(": ", 1)[1] for message in _messages(content_copy)] == [
        'gives no "content_hash", so readers would not be told when the files of this edition '
        "change under its date (an update's manifest?); remake it with "
        "`python -m reader write-manifest`"]


def test_a_copy_being_edited_into_an_update_needs_no_manifest(content_copy: Path) -> None:
    # pack-content writes the update's own; the copied one is left out of the archive
    _append_to_chapter(content_copy, "A paragraph added.")
    assert _messages(content_copy) == []


def _with_windows_line_endings(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def test_files_checked_out_with_windows_line_endings_are_told_apart_from_a_change(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a Windows checkout made before Git kept content/ byte for byte has every file in CRLF:
    # "changed" sent the maintainer to remake the manifest, which would then describe files
    # that no other checkout has
    _as_bundled(content_copy, monkeypatch)
    for name in (CHAPTER, "contents.json"):
        _with_windows_line_endings(content_copy / name)
    [message] = _messages(content_copy)
    assert message.startswith(
        f"{content_copy / 'content-manifest.json'}: describes the files as committed, but "
        f"here {CHAPTER} and 1 other have Windows line endings (CRLF): ")
    assert "`git checkout -- content`" in message and "write-manifest" not in message


def test_a_manifest_made_from_files_with_windows_line_endings_is_told_to_be_remade(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # made on such a checkout and committed: every other checkout's files differ from it
    from reader.content_archive import write_folder_manifest
    from reader.manual import load_manual

    _as_bundled(content_copy, monkeypatch)
    chapter = content_copy / CHAPTER
    committed = chapter.read_bytes()
    _with_windows_line_endings(chapter)
    info = load_manual(content_copy).info
    write_folder_manifest(content_copy, info.edition, info.title)
    chapter.write_bytes(committed)
    assert [message.split(": ", 1)[1] for message in _messages(content_copy)] == [
        f"was made from files with Windows line endings (CRLF), unlike {CHAPTER} here; "
        "remake it with `python -m reader write-manifest`"]


def test_a_chapter_edited_and_saved_with_windows_line_endings_is_a_change(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _as_bundled(content_copy, monkeypatch)
    _with_windows_line_endings(_append_to_chapter(content_copy, "A paragraph added."))
    assert [message.split(": ", 1)[1] for message in _messages(content_copy)] == [
        f"no longer matches the files ({CHAPTER} changed), so readers would not be told the "
        "manual changed; remake it with `python -m reader write-manifest`"]


def test_a_bundled_manifest_far_larger_than_one_is_not_read(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _as_bundled(content_copy, monkeypatch)
    with (content_copy / "content-manifest.json").open("a", encoding="utf-8") as padded:
        padded.write(" " * (8 * 1024 * 1024))
    assert [message.split(": ", 1)[1] for message in _messages(content_copy)] == [
        f"cannot be used ({content_copy / 'content-manifest.json'} is 8.0 MB, far larger than "
        "a manifest can be); remake it with `python -m reader write-manifest`"]


def test_a_symbolic_link_in_the_bundled_content_is_not_sent_to_write_manifest(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # write-manifest refuses the link as pack-content does: remaking the manifest, as the
    # message said, only said the same again
    _as_bundled(content_copy, monkeypatch)
    pictures, link = content_copy.parent / "pictures", content_copy / "chapters" / "images"
    pictures.mkdir()
    try:
        link.symlink_to(pictures, target_is_directory=True)
    except OSError:
        pytest.skip("this system makes no symbolic links here")
    messages = _messages(content_copy)
    assert f"{content_copy}: {link} is a symbolic link; put the file itself in its place" \
        in messages
    assert [message for message in messages if "content-manifest.json" in message] == [
        f"{content_copy / 'content-manifest.json'}: cannot be checked against the files "
        f"({link} is a symbolic link; put the file itself in its place)"]


def test_html_a_chapter_must_not_use_is_reported_at_its_line(content_copy: Path) -> None:
    path = _append_to_chapter(content_copy, '<form action="https://example.org/">'
                                            "<input name=a></form>\n\n<iframe src=x></iframe>")
    assert _messages(content_copy) == [
        f'{path}:{_line_of(path, "<form")}: HTML element "<{tag}>" is left out: the reader '
        "shows a chapter's text in its own look and runs nothing; remove it"
        for tag in ("form", "input")] + [
        f'{path}:{_line_of(path, "<iframe")}: HTML element "<iframe>" is left out: the reader '
        "shows a chapter's text in its own look and runs nothing; remove it"]


def test_a_front_matter_key_given_twice_is_reported_at_its_second_line(
        content_copy: Path) -> None:
    # a line copied and half edited: the chapter's version was silently the second one
    path = content_copy / CHAPTER
    path.write_text(path.read_text(encoding="utf-8").replace("version: 37\n",
                                                             "version: 37\nversion: 38\n"),
                    encoding="utf-8")
    assert _messages(content_copy) == [
        f'{path}:5: "version" is given twice (also line 4); the last one is used']


@pytest.mark.parametrize(("written", "told"), [
    # a backslash read as Markdown's escape once showed as "\x0292\x03server"
    (r"[the share](\\server\share)", r'link "\server\share" is neither a chapter nor a web '
     "address; a link to a chapter is written (chapter:ID), a web link with https://"),
    ("[the next chapter](1.1.2)", 'link "1.1.2" is neither a chapter nor a web address; a link '
     "to 1.1.2 A Strengths Based Approach is written (chapter:a-strengths-based-approach)"),
    ("[nowhere]()", 'link "" is neither a chapter nor a web address; a link to a chapter is '
     "written (chapter:ID), a web link with https://"),
])
def test_a_link_written_wrong_is_shown_as_written_at_its_line(
        content_copy: Path, written: str, told: str) -> None:
    path = _append_to_chapter(content_copy, f"See {written}.")
    assert _messages(content_copy) == [f"{path}:{_line_of(path, written)}: {told}"]


def test_a_subsection_inside_a_subsection_is_named_as_such(content_copy: Path) -> None:
    # it was called an "unknown type" while the message listed "subsection" among the types
    _edit_contents(content_copy, lambda data: data["sections"][0]["items"][0]["items"].append(
        {"type": "subsection", "number": "1.1.30", "title": "Nested", "items": []}))
    assert _messages(content_copy) == [
        f'{content_copy / "contents.json"}:{_line_of(content_copy / "contents.json", "1.1.30")}: '
        'subsection "1.1.30" is inside subsection 1.1, but a subsection holds only entries; it '
        "is left out, with what it holds"]


def test_a_chapter_saved_as_latin_1_is_told_once_with_the_line_to_look_at(
        content_copy: Path) -> None:
    # it was also told to add the last_updated line the file has, and not where to look
    path = _append_to_chapter(content_copy, "Caf\u00e9 " * 12)
    line = _line_of(path, "Caf\u00e9")
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    assert _messages(content_copy) == [
        f'{path}:{line}: is not UTF-8 text: byte 0xE9 ("\u00e9" in Windows-1252); save the file '
        "again with the encoding UTF-8"]


def test_an_empty_chapter_file_is_told_as_empty_alone(content_copy: Path) -> None:
    path = content_copy / CHAPTER
    path.write_bytes(b"")
    assert _messages(content_copy) == [f"{path}:1: has no chapter text"]


def test_a_chapter_file_past_the_size_limit_is_reported_with_its_size_and_the_limit(
        content_copy: Path) -> None:
    from reader.page_limits import MAX_CHAPTER_BYTES

    path = content_copy / CHAPTER
    filler = "Placeholder paragraph for a size test.\n\n"
    path.write_text(path.read_text(encoding="utf-8") + filler * (MAX_CHAPTER_BYTES // len(filler)),
                    encoding="utf-8")
    size = path.stat().st_size
    # the one problem: the rest of its checks need its text, which is left unread
    assert _messages(content_copy) == [
        f"{path}: too large for the reader to show: the file is {size / 2**20:.1f} MB "
        f"({size:,} bytes); the reader reads chapter files of at most 4 MB (4,194,304 bytes)"]


def test_a_png_cut_short_after_its_header_is_reported_at_its_line(content_copy: Path) -> None:
    images = content_copy / "chapters" / "images"
    images.mkdir()
    (images / "bridge.png").write_bytes(PNG[:-20])  # a copy that stopped part way
    path = _append_to_chapter(content_copy, "![The bridge](images/bridge.png)")
    assert _messages(content_copy) == [
        f"{path}:{_line_of(path, 'bridge.png')}: image \"images/bridge.png\" is damaged: the "
        "file ends before the picture in it does"]


def test_a_damaged_picture_shown_twice_is_one_problem_naming_both_lines(
        content_copy: Path) -> None:
    # it was said twice, both times at the first line: the second use could not be found
    images = content_copy / "chapters" / "images"
    images.mkdir()
    (images / "bridge.png").write_bytes(PNG[:-20])
    path = _append_to_chapter(content_copy, "![The bridge](images/bridge.png)\n\nText.\n\n"
                                            "| Picture |\n|---|\n| ![again](images/bridge.png) |")
    assert _messages(content_copy) == [
        f"{path}:{_line_of(path, 'The bridge')}: image \"images/bridge.png\" is damaged: the "
        f"file ends before the picture in it does (also at line {_line_of(path, 'again')})"]


def test_a_link_to_a_missing_chapter_twice_is_one_problem_naming_both_lines(
        content_copy: Path) -> None:
    path = _append_to_chapter(content_copy, "See [lost](chapter:no-such-chapter).\n\n"
                                            "Text.\n\nAnd [lost again](chapter:no-such-chapter).")
    [message] = _messages(content_copy)
    assert message.startswith(f"{path}:{_line_of(path, '[lost]')}: link to chapter")
    assert message.endswith(f"(also at line {_line_of(path, '[lost again]')})")


@pytest.mark.parametrize("kind", ["jpg", "gif", "bmp", "webp"])
def test_a_picture_cut_short_after_its_header_is_reported_at_its_line(
        kind: str, content_copy: Path) -> None:
    # Qt would draw such a picture half grey (JPEG), transparent or black below the cut
    # (GIF, BMP), or as its file mark (WebP): the page says so in its place, and the editor
    # is told before a reader opens it
    whole = picture_bytes(kind)
    images = content_copy / "chapters" / "images"
    images.mkdir()
    picture = images / f"bridge.{kind}"
    picture.write_bytes(whole)
    path = _append_to_chapter(content_copy, f"![The bridge](images/bridge.{kind})")
    assert _messages(content_copy) == []
    picture.write_bytes(whole[:len(whole) * 2 // 3])  # a copy that stopped part way
    assert _messages(content_copy) == [
        f"{path}:{_line_of(path, 'bridge.')}: image \"images/bridge.{kind}\" is damaged: the "
        "file ends before the picture in it does"]



def test_headings_given_one_id_are_reported_at_the_second(content_copy: Path) -> None:
    # the outline's row for the second went to the first; said as a broken link, with
    # the advice to write chapter:ID, it sent an editor the wrong way
    path = _append_to_chapter(content_copy, '<h2 id="contact">Contact</h2>\n\nText.\n\n'
                                            "## Out of hours {: #contact }\n\nText.")
    assert _messages(content_copy) == [
        f'{path}:{_line_of(path, "Out of hours")}: headings share the id "contact": a link '
        '"#contact" goes to the first of them; give each an id of its own']
