"""Pages as a reader sees them: chapter 1.1.1 in full, chapters not held, section pages."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest

from reader.manual import Manual, load_manual
from reader.render import (
    CHANGES_IN_BOX,
    LIST_RUN,
    ChapterRenderer,
    Page,
    bullet_list,
    html_to_text,
)

from .conftest import CONTENT, PNG, picture_bytes, printed_in_fresh_process

CHAPTER_FILE = "chapters/childrens-services-policies-values-and-principles.md"


@pytest.fixture(scope="module")
def renderer() -> ChapterRenderer:
    return ChapterRenderer(load_manual(CONTENT))


@pytest.fixture(scope="module")
def page_111(renderer: ChapterRenderer):
    return renderer.page_for(renderer.manual.find("1.1.1"))


def test_1_1_1_renders_title_scope_amendment_and_metadata(page_111) -> None:
    text = html_to_text(page_111.html)
    assert text.startswith("1.1.1 Children's Services Policies, Values and Principles")
    assert "Scope of this chapter" in text
    assert "Amendment\n\nIn September 2024, this chapter was revised" in text
    assert "2 September 2024" in text
    # at the top and again at the foot, in the same words
    assert text.count("Last updated 2 September 2024 · Version 37") == 2
    assert "• Children Acts 1989 and 2004;" in text
    assert "• To prepare those children and young people for adulthood" in text
    assert "Stronger Families, Resilient Children" in text
    assert page_111.problems == ()


def test_1_1_1_reads_in_the_manuals_order_scope_amendment_then_text(page_111) -> None:
    text = html_to_text(page_111.html)
    scope = text.index("Scope of this chapter")
    amendment = text.index("Amendment\n")
    body = text.index("This policy sets out the framework")
    assert scope < amendment < body
    # the scope is a box of its own: what follows the amendment is not part of it
    assert '<table class="box scope"' in page_111.html
    assert page_111.html.index("This policy sets out") > page_111.html.index("box amendment")


def test_the_scope_boxs_title_is_not_listed_as_a_heading_of_the_text(page_111) -> None:
    # the outline lists the chapter's own headings; 1.1.1's text has none
    assert "Scope of this chapter" in html_to_text(page_111.html)
    assert page_111.headings == ()
    # a link to it on the page still finds the box's title
    assert '<a name="scope-of-this-chapter"></a>Scope of this chapter' in page_111.html


def page_with_text_added(content: Path, text: str) -> Page:
    """1.1.1's page once `text` is added at the end of its chapter file."""
    path = content / CHAPTER_FILE
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    manual = load_manual(content)
    return ChapterRenderer(manual).page_for(manual.find("1.1.1"))


def test_the_outline_lists_headings_at_every_level(content_copy: Path) -> None:
    from reader.render import Heading

    page = page_with_text_added(
        content_copy, "\n## Making a referral\n\nText.\n\n### Out of hours\n\nMore.\n")
    assert page.headings == (Heading(2, "Making a referral", "making-a-referral"),
                             Heading(3, "Out of hours", "out-of-hours"))


HTML_HEADINGS_TEXT = (
    "\n## Making a referral\n\nText.\n\n<h2>Strategy discussion</h2>\n\nText.\n\n"
    '<h3 id="out-of-hours-team" class="note">Out of hours &amp; weekends</h3>\n\nText.\n\n'
    "## Assessment\n\nText.\n\n- A step.\n\n    <h3>Within the step</h3>\n\n"
    "See [the strategy discussion](#strategy-discussion).\n")


def test_headings_written_in_html_are_listed_with_the_markdown_ones(content_copy: Path) -> None:
    # a chapter saved from the web may keep "<h2>Title</h2>": shown as a heading, it was
    # missing from the outline and had no anchor to go to
    from reader.render import Heading

    page = page_with_text_added(content_copy, HTML_HEADINGS_TEXT)
    assert page.headings == (
        Heading(2, "Making a referral", "making-a-referral"),
        Heading(2, "Strategy discussion", "strategy-discussion"),
        Heading(3, "Out of hours & weekends", "out-of-hours-team"),  # the id it has
        Heading(2, "Assessment", "assessment"),
        Heading(3, "Within the step", "within-the-step"))
    assert '<h2 id="strategy-discussion">Strategy discussion</h2>' in page.html
    assert ('<h3 class="note" id="out-of-hours-team">Out of hours &amp; weekends</h3>'
            in page.html)
    assert '<h3 id="within-the-step">Within the step</h3>' in page.html
    assert page.problems == ()


def test_two_headings_given_one_id_are_each_reached_from_the_outline(
        content_copy: Path) -> None:
    # a section copied with its "<h2 id=...>": the outline's second row went to the first
    # heading, as did any link to it, and nothing said why
    page = page_with_text_added(
        content_copy, '\n<h2 id="contact">Contact</h2>\n\nText.\n\n'
                      '<h2 id="contact">Contact out of hours</h2>\n\nText.\n\n'
                      "### Also {#contact}\n\n## Contact\n")
    anchors = [heading.anchor for heading in page.headings]
    assert anchors[0] == "contact"
    assert len(set(anchors)) == len(anchors) == 4
    for anchor in anchors:
        assert page.html.count(f'id="{anchor}"') == 1
    assert [problem.message for problem in page.problems] == [
        'headings share the id "contact": a link "#contact" goes to the first of them; '
        "give each an id of its own"]


def test_a_script_in_a_heading_written_in_html_is_left_out_and_said_once(
        content_copy: Path) -> None:
    page = page_with_text_added(
        content_copy, "\n<h2>Referral<script>alert(1)</script></h2>\n\nText.\n")
    assert "alert(1)" not in page.html
    assert [heading.text for heading in page.headings] == ["Referral"]
    assert [problem.message.split(":")[0] for problem in page.problems] == [
        'HTML element "<script>" is left out']


def test_the_scope_block_is_split_off_at_its_own_closing_tag() -> None:
    from reader.render import split_scope

    assert split_scope('<div class="scope"><p>a</p></div>\n<p>b</p>') == ("<p>a</p>", "<p>b</p>")
    assert split_scope('<div class="scope"><div>x</div></div><p>b</p>') == (
        "<div>x</div>", "<p>b</p>")
    assert split_scope("<p>b</p>") == ("", "<p>b</p>")
    assert split_scope('<div class="scope"><p>a</p>') == ("", '<div class="scope"><p>a</p>')


def test_1_1_1_shows_no_capture_artefacts(page_111) -> None:
    text = html_to_text(page_111.html)
    for artefact in ("Skip to content", "Company Logo", "strong_fam_resilient_ch",
                     "trix please", "CAPTION:", "\u0100"):
        assert artefact not in text
    assert "v37" not in text.split()


def test_1_1_1_cross_references_are_links(renderer: ChapterRenderer, page_111) -> None:
    html = page_111.html
    assert 'href="chapter:a-strengths-based-approach"' in html
    assert renderer.manual.find("a-strengths-based-approach").number == "1.1.2"
    assert 'href="chapter:staying-put-policy"' in html
    assert renderer.manual.find("staying-put-policy").number == "6.7.6"
    framework = "https://www.gov.uk/government/publications/childrens-social-care-national-framework"
    assert f'<a class="external" href="{framework}"' in html
    assert "\u2197" in html  # marked as leaving the app


def test_chapter_without_text_says_so_plainly(renderer: ChapterRenderer) -> None:
    page = renderer.page_for(renderer.manual.find("1.1.7"))
    text = html_to_text(page.html)
    assert text.startswith("1.1.7 Children at Risk of Exploitation - Workflow and Guidance")
    assert "1. All Children > 1.1 All Children" in text
    assert "Under review" in text
    assert "Note: please speak to your DHoS for any queries" in text
    assert "The text of this chapter is not included in this offline edition." in text
    assert "Read it in the online manual: derbycsc.proceduresonline.com \u2197." in text
    assert 'href="https://derbycsc.proceduresonline.com/"' in page.html
    assert "Also in 1.1 All Children" in text and "1.1.1 Children's Services" in text


def test_a_document_without_text_is_called_a_document(renderer: ChapterRenderer) -> None:
    document = next(e for e in renderer.manual.entries() if e.kind == "document")
    text = html_to_text(renderer.page_for(document).html)
    assert "The text of this document is not included in this offline edition." in text


def test_a_chapter_page_says_where_it_sits_and_what_is_authoritative(page_111) -> None:
    text = html_to_text(page_111.html)
    assert "1. All Children > 1.1 All Children" in text
    # in the foot of every chapter, with the address a click away and not broken in two
    assert text.endswith("The online manual at derbycsc.proceduresonline.com \u2197 is the "
                         "authoritative version.\n")
    assert page_111.html.count('href="https://derbycsc.proceduresonline.com/"') == 1
    # the amendment box carries its own date, not only the page's "Last updated"
    amendment = text[text.index("Amendment\n"):text.index("This policy sets out")]
    assert "2 September 2024" in amendment


def test_chapter_links_say_where_they_go(page_111) -> None:
    assert 'title="Opens 1.1.2 A Strengths Based Approach"' in page_111.html
    assert 'title="Opens in your web browser: https://www.gov.uk/' in page_111.html


def test_an_email_link_says_it_opens_the_email_program(renderer: ChapterRenderer) -> None:
    html = renderer.markdown_to_html("Ask [the team](mailto:team@example.org).")[0]
    assert 'title="Opens in your email program: mailto:team@example.org"' in html


def test_see_also_to_a_chapter_opens_that_chapter(renderer: ChapterRenderer) -> None:
    see_also = next(e for e in renderer.manual.entries() if e.title == "Short Breaks"
                    and e.kind == "see_also")
    assert renderer.page_for(see_also).title == "3.4.1 Short Breaks"
    # listed on its section's page without "(online only)": it is only a pointer
    section = html_to_text(renderer.section_page("3").html)
    line = next(line for line in section.splitlines() if "See also: Short Breaks" in line)
    assert "online" not in line


def test_external_see_also_is_explained(renderer: ChapterRenderer) -> None:
    entry = next(e for e in renderer.manual.entries() if e.title.startswith("HMPPS"))
    text = html_to_text(renderer.page_for(entry).html)
    assert text.startswith("See also: HMPPS")  # not taken for a chapter of this manual
    assert "a reference to a document outside this manual" in text
    # the online manual has a link to it, not its text
    assert ("Its link is in the online manual's contents: derbycsc.proceduresonline.com "
            "\u2197.") in text
    assert "Read it in the online manual" not in text


def test_section_page_lists_subsections_lead_and_entries(renderer: ChapterRenderer) -> None:
    page = renderer.section_page("6")
    assert page.title == "6. Children in Care"  # as its tab is named
    text = html_to_text(page.html)
    assert text.startswith("6. Children in Care")
    # where the contents has it: before the first subsection, not after the last
    assert text.index("Our Pledge to Children in Care") < text.index("6.1 Care Planning")
    assert "In an emergency, please refer to the following procedures:" in text
    assert "6.4.3 Looked After Reviews (online only)" in text


def test_a_subsections_page_carries_its_lead(renderer: ChapterRenderer) -> None:
    text = html_to_text(renderer.section_page("6.1").html)
    assert text.startswith("6.1 Care Planning and Family Time\n\n6. Children in Care")
    assert "In an emergency, please refer to the following procedures:" in text


def test_whats_new_lists_a_flagged_amended_chapter_once(content_copy: Path) -> None:
    path = content_copy / "contents.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"id": "childrens-services-policies-values-and-principles",',
                                 '"id": "childrens-services-policies-values-and-principles",'
                                 ' "flags": ["updated"],', 1), encoding="utf-8")
    renderer = ChapterRenderer(load_manual(content_copy))
    text = html_to_text(renderer.whats_new_page().html)
    assert "New (1)" in text and "Updated (23)" in text and "Under review (6)" in text
    assert text.count("Children's Services Policies, Values and Principles") == 1
    assert "Amendment (2 September 2024): In September 2024" in text
    assert "Other amended chapters" not in text


def test_whats_new_opened_again_reads_no_chapter_file_again(content_copy: Path,
                                                            monkeypatch) -> None:
    """A large manual's every chapter file was read again each time the page was opened."""
    renderer = ChapterRenderer(load_manual(content_copy))
    first = renderer.whats_new_page().html
    opened: list[Path] = []
    real_open = Path.open

    def counted(path: Path, *args, **kwargs):
        opened.append(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", counted)
    assert renderer.whats_new_page().html == first
    assert [path for path in opened if path.suffix == ".md"] == []


@pytest.mark.parametrize("edited", ["longer", "same length", "time kept", "file replaced"])
def test_whats_new_shows_an_amendment_note_edited_since_it_was_last_opened(
        content_copy: Path, edited: str) -> None:
    renderer = ChapterRenderer(load_manual(content_copy))
    assert "this chapter was revised" in html_to_text(renderer.whats_new_page().html)
    path = content_copy / CHAPTER_FILE
    text = path.read_text(encoding="utf-8")
    before = path.stat()
    # a date put right ("revised" to "updated") keeps the size; a copy from an archive keeps
    # the time; an editor that saves by replacing keeps both, in a new file
    now = "brought into" if edited in ("longer", "time kept") else "updated in"
    changed = text.replace("this chapter was revised in", f"this chapter was {now}")
    if edited == "file replaced":
        path.with_name("new.md").write_text(changed, encoding="utf-8")
        os.utime(path.with_name("new.md"), ns=(before.st_atime_ns, before.st_mtime_ns))
        os.replace(path.with_name("new.md"), path)
    else:
        path.write_text(changed, encoding="utf-8")
    if edited == "time kept":
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    text = html_to_text(renderer.whats_new_page().html)
    assert f"this chapter was {now} line with" in text
    assert "this chapter was revised" not in text
    path.unlink()  # a chapter whose text is no longer held records no amendment here
    assert "Other amended chapters" not in html_to_text(renderer.whats_new_page().html)


def _changes(renderer: ChapterRenderer, count: int) -> list[str]:
    return [f"updated: {entry.label}: text changed"
            for entry in renderer.manual.chapters()[:count]]


def test_a_short_list_of_changes_is_in_its_box(renderer: ChapterRenderer) -> None:
    changes = _changes(renderer, CHANGES_IN_BOX)
    box = renderer.whats_new_page(changes).html.split("</table>", 1)[0]
    assert html_to_text(box).strip().split("\n\u2022 ")[1:] == changes
    box = renderer.whats_new_page([]).html.split("</table>", 1)[0]
    assert html_to_text(box).endswith("No chapter was added, removed or changed.\n")


def test_a_change_links_to_the_chapter_it_names_in_this_edition(
        renderer: ChapterRenderer) -> None:
    html = renderer.whats_new_page([
        "updated: 4.12 Guidance RE: Publicity when Children are Subject to Care or Adoption "
        "Proceedings: text changed",  # a title with ": " of its own
        'updated: 1.1.2 A Strengths Based Approach: retitled (was "Strengths <and> Needs")',
        "added: 6.7.6 Staying Put Policy",
        "removed: 9.9 Old Procedure",  # not in this edition: nothing to link to
    ]).html
    assert ('<li>updated: <a class="internal" href="chapter:guidance-re-publicity-when-'
            'children-are-subject-to-care">4.12 Guidance RE: Publicity when Children are '
            'Subject to Care or Adoption Proceedings</a>: text changed</li>') in html
    assert ('<li>added: <a class="internal" href="chapter:staying-put-policy">6.7.6 Staying '
            'Put Policy</a></li>') in html
    assert ('\u2022 updated: 1.1.2 A Strengths Based Approach: retitled (was "Strengths <and> '
            'Needs")\n') in html_to_text(html)
    assert "<li>removed: 9.9 Old Procedure</li>" in html


def test_a_list_of_changes_longer_than_a_screen_follows_its_box_whole(
        renderer: ChapterRenderer) -> None:
    """Inside the box, a long list held the window while all of it was laid out at once."""
    changes = _changes(renderer, CHANGES_IN_BOX + 1)
    box, rest = renderer.whats_new_page(changes).html.split("</table>", 1)
    assert html_to_text(box).endswith(
        f"Changed from the edition read before\n\n{CHANGES_IN_BOX + 1} changes, each listed "
        "below.\n")
    listed = html_to_text(rest).split("\n\nNew (1)")[0]
    assert listed.strip().split("\n") == [f"\u2022 {line}" for line in changes]
    box = renderer.whats_new_page(["removed: 9.9 Old Procedure"] * 1200).html.split("</table>")[0]
    assert "1,200 changes, each listed below." in html_to_text(box)


def test_start_page_says_what_how_current_and_how_to_find(renderer: ChapterRenderer) -> None:
    text = html_to_text(renderer.start_page().html)
    assert "Derby City Children's Social Care Procedures" in text
    assert "Edition of 2 September 2024" in text
    assert "162 numbered chapters" in text
    assert "the full text of 1 of them is included" in text
    assert "Filter" in text and "Contents" in text
    html = renderer.start_page().html
    assert '<a class="internal" href="section:6">6. Children in Care</a>' in html


def test_start_page_gives_the_online_manual_as_a_link_to_the_browser(
    renderer: ChapterRenderer,
) -> None:
    """As on every chapter page without its text: one click to the authoritative version.
    Shown without "https://", after which the page would break the line."""
    url = "https://derbycsc.proceduresonline.com/"
    html = renderer.start_page().html
    assert (f'<a class="external" href="{url}" title="Opens in your web browser: {url}">'
            "derbycsc.proceduresonline.com<") in html
    text = " ".join(html_to_text(html).split())
    assert ("the online manual at derbycsc.proceduresonline.com \u2197 is the authoritative "
            "version") in text


def test_a_removed_chapters_page_gives_the_online_manual_as_a_link(renderer) -> None:
    from reader.gone_page import gone_page

    html = gone_page(renderer.manual, "9.9 Old Procedure").html
    text = " ".join(html_to_text(html).split())
    assert ("The online manual at derbycsc.proceduresonline.com \u2197 is the authoritative "
            "version.") in text
    assert 'href="https://derbycsc.proceduresonline.com/"' in html


def test_a_removed_sections_page_says_so_and_what_its_number_is_now(renderer) -> None:
    from reader.bookmarks import MISSING_PREFIX
    from reader.gone_page import gone_section_page

    # 6.4 is another subsection's number in this edition: said, so it is not taken for this one
    page = gone_section_page(renderer.manual, "6.4", "Old Placements")
    text = " ".join(html_to_text(page.html).split())
    assert page.title == f"{MISSING_PREFIX} 6.4 Old Placements"
    assert text.startswith("6.4 Old Placements This section is not in the edition of ")
    assert "In this edition, 6.4 is 6.4 Monitoring and Reviews." in text
    assert 'href="section:6.4"' in page.html
    # a number no section has now: nothing more to say of it
    gone = gone_section_page(renderer.manual, "99", "")
    assert gone.title == f"{MISSING_PREFIX} Section 99" and "In this edition" not in gone.html


@pytest.mark.parametrize(("missing", "said", "not_said"), [
    ((), "162 numbered chapters, with the full text of every one.", "The others"),
    (None, "without their full text: each opens with its place in the contents", "1 of them"),
    (("1.1.1",), "the full text of 161 of them is included. The others open", "every one"),
])
def test_start_page_counts_held_chapters_without_speaking_of_others_that_are_not(
    renderer: ChapterRenderer, monkeypatch: pytest.MonkeyPatch, missing: tuple[str] | None,
    said: str, not_said: str,
) -> None:
    monkeypatch.setattr(Manual, "has_text", lambda _manual, entry: missing is not None
                        and entry.number not in missing)
    text = " ".join(html_to_text(renderer.start_page().html).split())
    assert said in text
    assert not_said not in text


def test_link_to_a_missing_chapter_is_reported(content_copy: Path) -> None:
    path = content_copy / CHAPTER_FILE
    path.write_text(path.read_text(encoding="utf-8").replace(
        "chapter:staying-put-policy", "chapter:no-such-chapter"), encoding="utf-8")
    renderer = ChapterRenderer(load_manual(content_copy))
    page = renderer.page_for(renderer.manual.find("1.1.1"))
    assert any('"no-such-chapter", which is not in the contents' in p.message
               for p in page.problems)
    assert 'class="broken"' in page.html
    # clicked, the window says the link leads nowhere, rather than looking for a chapter
    assert 'href="missing:no-such-chapter"' in page.html
    assert "Scope of this chapter" in html_to_text(page.html)  # the rest still reads


def test_malformed_front_matter_is_reported_and_the_chapter_opens(content_copy: Path) -> None:
    path = content_copy / CHAPTER_FILE
    text = path.read_text(encoding="utf-8").replace("last_updated: 2024-09-02",
                                                    "last_updated: 2nd Sept")
    path.write_text(text, encoding="utf-8")
    renderer = ChapterRenderer(load_manual(content_copy))
    page = renderer.page_for(renderer.manual.find("1.1.1"))
    [problem] = page.problems
    assert problem.file == path and problem.line == 3
    assert "is not a YYYY-MM-DD date" in problem.message
    assert "Scope of this chapter" in html_to_text(page.html)


def test_a_chapter_file_without_text_opens_as_one_that_could_not_be_read(
        content_copy: Path) -> None:
    path = content_copy / CHAPTER_FILE
    front_matter = path.read_text(encoding="utf-8").split("\n---\n")[0]
    path.write_text(front_matter + "\n---\n\n  \n", encoding="utf-8")  # a save cut short
    renderer = ChapterRenderer(load_manual(content_copy))
    page = renderer.page_for(renderer.manual.find("1.1.1"))
    text = html_to_text(page.html)
    assert "The text of this chapter could not be read from the content folder." in text
    assert "Read it in the online manual: derbycsc.proceduresonline.com \u2197." in text
    assert [p.message for p in page.problems] == ["has no chapter text"]


def test_unreadable_chapter_file_says_so(content_copy: Path) -> None:
    (content_copy / CHAPTER_FILE).write_bytes(b"\xff\xfe\x00bad")
    renderer = ChapterRenderer(load_manual(content_copy))
    page = renderer.page_for(renderer.manual.find("1.1.1"))
    assert "could not be read" in html_to_text(page.html)
    assert "not UTF-8" in page.problems[0].message


def test_a_chapter_too_complex_to_show_says_why_and_where_to_read_it(
        content_copy: Path) -> None:
    path = content_copy / CHAPTER_FILE
    nested = "<table><tr><td>" * 22 + "x" + "</td></tr></table>" * 22
    path.write_text(path.read_text(encoding="utf-8") + "\n" + nested + "\n", encoding="utf-8")
    renderer = ChapterRenderer(load_manual(content_copy))
    page = renderer.page_for(renderer.manual.find("1.1.1"))
    text = html_to_text(page.html)
    assert text.startswith("1.1.1 Children's Services Policies, Values and Principles")
    assert "The text of this chapter cannot be shown here." in text
    assert "tables nested 22 deep; the reader shows at most 8" in text
    assert "Read it in the online manual: derbycsc.proceduresonline.com \u2197." in text
    assert "Scope of this chapter" not in text  # none of the text, and nothing made up
    [problem] = page.problems
    assert problem.file == path
    assert problem.message == ("too complex for the reader to show: tables nested 22 deep; "
                               "the reader shows at most 8")


def test_why_a_chapter_is_not_shown_comes_before_its_other_problems(content_copy: Path) -> None:
    path = content_copy / CHAPTER_FILE
    text = path.read_text(encoding="utf-8").replace("last_updated: 2024-09-02",
                                                    "last_updated: September")
    nested = "<table><tr><td>" * 22 + "x" + "</td></tr></table>" * 22
    path.write_text(text + "\n" + nested + "\n", encoding="utf-8")
    renderer = ChapterRenderer(load_manual(content_copy))
    page = renderer.page_for(renderer.manual.find("1.1.1"))
    # the first is the one the status bar names: the reason the page has no text
    assert [problem.message.split(":")[0] for problem in page.problems] == [
        "too complex for the reader to show", 'last_updated "September" is not a YYYY-MM-DD date']


def test_brackets_left_open_name_the_line_of_their_paragraph(content_copy: Path) -> None:
    path = content_copy / CHAPTER_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, "", "[" * 10_000]) + "\n", encoding="utf-8")
    renderer = ChapterRenderer(load_manual(content_copy))
    page = renderer.page_for(renderer.manual.find("1.1.1"))
    assert '10,000 "[" never closed by "]" in one paragraph' in html_to_text(page.html)
    assert page.problems[0].line == len(lines) + 2


def test_a_stray_byte_costs_only_itself(content_copy: Path) -> None:
    path = content_copy / CHAPTER_FILE
    text = path.read_bytes().replace(b"overarching policy", b"overarching\x92 policy")
    path.write_bytes(text)
    renderer = ChapterRenderer(load_manual(content_copy))
    page = renderer.page_for(renderer.manual.find("1.1.1"))
    assert "It contains the overarching\ufffd policy" in html_to_text(page.html)
    assert "Last updated 2 September 2024" in html_to_text(page.html)
    [problem] = page.problems
    assert problem.file == path
    assert "is not UTF-8 text" in problem.message and "1 character shown as" in problem.message


def test_the_first_chapter_opened_does_not_search_the_installed_packages() -> None:
    # Markdown looks extensions given by name up in every installed package's metadata: 45 ms
    # on the first chapter opened. A fresh process shows whether that machinery was loaded.
    script = (
        "import sys\n"
        "from reader.manual import load_manual\n"
        "from reader.render import ChapterRenderer\n"
        "manual = load_manual()\n"
        "page = ChapterRenderer(manual).page_for(manual.find('1.1.1'))\n"
        "assert 'Scope of this chapter' in page.html\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    assert printed_in_fresh_process(script) == "False"


def test_a_badge_never_breaks_over_two_lines(renderer: ChapterRenderer) -> None:
    from reader.render import badges_html

    entry = renderer.manual.find("1.1.7")  # under review
    assert "Under&nbsp;review" in badges_html(entry)


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_reading_measure_is_reckoned_from_the_stylesheets_body_size(theme: str) -> None:
    import re

    from reader.resources import stylesheet
    from reader.text_size import BODY_POINTS

    body = re.search(r"body\s*\{[^}]*font-size:\s*([\d.]+)pt", stylesheet(theme))
    assert body is not None and float(body[1]) == BODY_POINTS


def test_plain_text_keeps_the_numbers_of_numbered_steps() -> None:
    html = ('<ol><li>Call the duty team</li><li>Record it<ul><li>in the file</li></ul></li>'
            '</ol><ol start="4"><li>Tell the manager</li></ol>')
    text = html_to_text(html)
    # a procedure's steps are numbered for a reason: "show" printed them all as bullets
    assert "1. Call the duty team\n2. Record it" in text
    assert "\n  \u2022 in the file" in text and "4. Tell the manager" in text


def test_a_broken_scope_block_is_said_where_the_chapter_is_read(content_copy: Path) -> None:
    path = content_copy / CHAPTER_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("\n</div>\n", "\n", 1),
                    encoding="utf-8")
    manual = load_manual(content_copy)
    page = ChapterRenderer(manual).page_for(manual.find("1.1.1"))
    # the whole chapter shows in the scope's box: the window's status bar and show say why
    assert [p.message for p in page.problems if "scope block" in p.message] == [
        "the scope block is never closed: a </div> line must end it"]


def test_an_html_heading_left_open_is_said_where_the_chapter_is_read(
        content_copy: Path) -> None:
    path = content_copy / CHAPTER_FILE
    path.write_text(path.read_text(encoding="utf-8") + "\n<h2>Contacts\n\n## Later\n",
                    encoding="utf-8")
    manual = load_manual(content_copy)
    page = ChapterRenderer(manual).page_for(manual.find("1.1.1"))
    # the rest of the page shows in the heading's type: the status bar and show say why
    line = len(path.read_text(encoding="utf-8").splitlines()) - 2
    assert [(p.line, p.message[:40]) for p in page.problems] == [
        (line, 'HTML element "<h2>" is not closed, so th')]


def test_pages_of_content_without_manual_json_invent_no_date_or_address(
        content_copy: Path) -> None:
    (content_copy / "manual.json").unlink()
    renderer = ChapterRenderer(load_manual(content_copy))
    # the missing file is said once, not once more for each fact it would have given
    assert [str(p) for p in renderer.manual.problems] == [
        f"{content_copy / 'manual.json'}: file is missing"]
    start = html_to_text(renderer.start_page().html)
    assert "Edition date unknown" in start
    assert "Dated by ." not in start and "manual at is" not in start
    assert "unknown publisher" not in start
    assert "Children's social care procedures, for reading on this computer" in start
    not_held = renderer.page_for(renderer.manual.find("6.4.3"))
    assert "Read it in the online manual." in html_to_text(not_held.html)
    assert 'href=""' not in not_held.html  # no link that leads nowhere
    foot = html_to_text(renderer.page_for(renderer.manual.find("1.1.1")).html)
    assert foot.endswith("Procedures manual, edition date unknown\n"
                         "The online manual is the authoritative version.\n")


def test_markup_characters_in_the_contents_and_front_matter_read_as_written(
        content_copy: Path) -> None:
    # "<" and "&" in a title, a note or the front matter are text, not markup that hides them
    facts = content_copy / "manual.json"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "Derby City Children's Social Care Procedures", "Procedures <Derby> & Co"),
        encoding="utf-8")
    contents = content_copy / "contents.json"
    contents.write_text(
        contents.read_text(encoding="utf-8")
        .replace('"All Children"', '"All Children <under 18s>"', 1)  # section 1, not 1.1
        .replace("Values and Principles", "Values <and> Principles")
        .replace("your DHoS for any queries", "your DHoS <duty> & team"), encoding="utf-8")
    chapter = content_copy / CHAPTER_FILE
    chapter.write_text(chapter.read_text(encoding="utf-8")
                       .replace("version: 37", "version: 37 <draft>")
                       .replace("Safeguard Children.", "Safeguard Children <as revised>."),
                       encoding="utf-8")
    renderer = ChapterRenderer(load_manual(content_copy))
    text = html_to_text(renderer.page_for(renderer.manual.find("1.1.1")).html)
    assert text.startswith("1.1.1 Children's Services Policies, Values <and> Principles\n")
    assert "\n1. All Children <under 18s> > 1.1 All Children\n" in text
    assert text.count("Version 37 <draft>") == 2  # at the top and at the foot
    assert "Working Together to Safeguard Children <as revised>." in text
    assert html_to_text(renderer.start_page().html).startswith("Procedures <Derby> & Co\n")
    assert ("Note: please speak to your DHoS <duty> & team"
            in html_to_text(renderer.section_page("1.1").html))


def test_a_flagged_chapter_with_only_an_amendment_date_shows_both(content_copy: Path) -> None:
    import json

    # front matter with none of last_updated, version or the amendment's words
    chapter = content_copy / CHAPTER_FILE
    chapter.write_text("\n".join(
        line for line in chapter.read_text(encoding="utf-8").split("\n")
        if not line.startswith(("last_updated:", "version:", "amendment:"))), encoding="utf-8")
    contents = content_copy / "contents.json"
    data = json.loads(contents.read_text(encoding="utf-8"))
    chapters = [e for s in data["sections"] for i in s["items"]
                for e in (i["items"] if i["type"] == "subsection" else [i])]
    for entry in chapters:
        entry["flags"] = ["updated"] if entry.get("number") == "1.1.1" else []
    contents.write_text(json.dumps(data), encoding="utf-8")
    renderer = ChapterRenderer(load_manual(content_copy))
    text = html_to_text(renderer.page_for(renderer.manual.find("1.1.1")).html)
    assert "All Children\n\nUpdated\n\nScope of this chapter" in text
    assert "\n\nAmendment\n\n2 September 2024\n\n" in text
    whats_new = html_to_text(renderer.whats_new_page().html)
    assert "Amendment (2 September 2024): Amended" in whats_new
    assert "New (0)\n\nChapters the online manual marks New.\n\nNone in this edition." in whats_new


def test_whats_new_lists_a_chapter_whose_amendment_has_no_date_and_no_chapter_without_one(
        content_copy: Path) -> None:
    import json

    chapter = content_copy / CHAPTER_FILE
    chapter.write_text("\n".join(
        line for line in chapter.read_text(encoding="utf-8").split("\n")
        if not line.startswith("amended:")), encoding="utf-8")
    (content_copy / "chapters" / "plain.md").write_text(
        "---\ntitle: Plain\nlast_updated: 2024-01-05\n---\n\nNothing amended.\n",
        encoding="utf-8")
    contents = content_copy / "contents.json"
    data = json.loads(contents.read_text(encoding="utf-8"))
    chapters = [e for s in data["sections"] for i in s["items"]
                for e in (i["items"] if i["type"] == "subsection" else [i])]
    for entry in chapters:
        entry["flags"] = []
        if entry.get("number") == "1.1.2":
            entry["file"] = "chapters/plain.md"
    contents.write_text(json.dumps(data), encoding="utf-8")
    renderer = ChapterRenderer(load_manual(content_copy))
    text = html_to_text(renderer.whats_new_page().html)
    assert "Other amended chapters (1)" in text
    assert "Amendment: In September 2024, this chapter was revised" in text
    assert renderer.manual.find("1.1.2").title not in text


def test_a_picture_that_cannot_be_shown_says_so_and_why(content_copy: Path) -> None:
    path = content_copy / CHAPTER_FILE
    images = content_copy / "chapters" / "images"
    images.mkdir()
    (images / "chart.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="/home/someone/photo.png"/></svg>',
        encoding="utf-8")
    (images / "logo.png").write_bytes(PNG)
    (images / "scan.png").write_bytes(PNG[:40])  # cut short: its header is not whole
    (images / "poster.png").write_bytes(_png_claiming(100_000, 100_000))
    text = path.read_text(encoding="utf-8").replace(
        "This policy sets out", "![The plan](images/chart.svg) ![Gone](images/gone.png) "
        "![](images/logo.png) ![Scan](images/scan.png) ![](images/poster.png)\n\n"
        "This policy sets out")
    path.write_text(text, encoding="utf-8")
    renderer = ChapterRenderer(load_manual(content_copy))
    page = renderer.page_for(renderer.manual.find("1.1.1"))
    shown = html_to_text(page.html)
    assert ('[Picture \u201cThe plan\u201d not shown: the file images/chart.svg is an SVG that '
            'refers to "/home/someone/photo.png"') in shown
    assert "[Picture \u201cGone\u201d not shown: the file images/gone.png is missing" in shown
    assert 'src="images/logo.png"' in page.html  # a picture it may show stays a picture
    # Qt drew only its small file mark for these, and said nothing of why
    assert ("[Picture \u201cScan\u201d not shown: the file images/scan.png is damaged: the "
            "file ends before the picture in it does]") in shown
    assert ("[Picture not shown: the file images/poster.png is too large to show (100,000 by "
            "100,000 pixels)]") in shown
    assert [p.message.split('"')[1] for p in page.problems if p.message.startswith("image")] == [
        "images/chart.svg", "images/gone.png", "images/scan.png", "images/poster.png"]


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header gives this size (its pixels are not there)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6,
                                                                   0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b""))


def test_a_chapter_of_6_1_keeps_its_subsections_emergency_lead(renderer: ChapterRenderer) -> None:
    # the manual's words over 6.1's list: a chapter opened from search must say so too
    text = html_to_text(renderer.page_for(renderer.manual.find("6.1.1")).html)
    also = text[text.index("Also in 6.1 Care Planning and Family Time"):]
    assert also.startswith("Also in 6.1 Care Planning and Family Time\n\n"
                           "In an emergency, please refer to the following procedures:\n\n"
                           "• 6.1.2 Decision to Look After")


def test_an_entry_of_a_section_lists_its_subsections_not_all_their_chapters(
        renderer: ChapterRenderer) -> None:
    # "Our Pledge to Children in Care" sits in 6 itself, beside 6.1 to 6.7
    pledge = renderer.manual.find("our-pledge-to-children-in-care")
    text = html_to_text(renderer.page_for(pledge).html)
    also = text[text.index("Also in 6. Children in Care"):]
    assert "• 6.1 Care Planning and Family Time\n• 6.2 Children Involved" in also
    assert "• 6.7 Leaving Care" in also
    # a See also of 6.1 is not passed off as one of the whole section
    assert "6.1.1" not in also and "NICE" not in also
    assert "Our Pledge to Children in Care" not in also  # the page open is not "also" in 6
    # a section with no subsections still lists its entries
    standards = next(e for e in renderer.manual.entries()
                     if e.title == "Adoption National Minimum Standards")
    text = html_to_text(renderer.page_for(standards).html)
    assert "• 8.2 Adoption Panel (online only)" in text


def test_a_note_in_a_list_stays_with_its_item_in_plain_text(renderer: ChapterRenderer) -> None:
    text = html_to_text(renderer.page_for(renderer.manual.find("8.1")).html)
    assert ("• 8.2 Adoption Panel (online only)\n"
            "  Note: please refer to: Adoption East Midlands\n"
            "• 8.3 Placement for Adoption") in text


def test_a_long_list_is_spaced_as_one_list() -> None:
    # written in runs for speed: no gap where one run meets the next, and the usual space
    # before the first item and after the last
    html = bullet_list([f"<li>{n}</li>" for n in range(2 * LIST_RUN + 1)])
    runs = html.split("<ul")[1:]
    assert len(runs) == 3
    assert runs[0].startswith(' style="margin-bottom: 0px">')
    assert runs[1].startswith(' style="margin-top: 0px; margin-bottom: 0px">')
    assert runs[2].startswith(' style="margin-top: 0px">')


def test_a_line_break_after_a_list_left_unclosed_starts_a_plain_line() -> None:
    # HTML may leave out </li>: the paragraph after the list is not indented as an item's note
    text = html_to_text("<ul><li>Referral</ul><p>Call the duty team<br/>on 01332 641172</p>")
    assert text == "\u2022 Referral\n\nCall the duty team\non 01332 641172\n"


def converted_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each Markdown text the renderers convert from now on."""
    from reader.chapter_markdown import ChapterMarkdown

    texts: list[str] = []
    convert = ChapterMarkdown.convert

    def counted(self: ChapterMarkdown, text: str) -> object:
        texts.append(text)
        return convert(self, text)

    monkeypatch.setattr(ChapterMarkdown, "convert", counted)
    return texts


def test_a_chapter_opened_again_is_not_converted_again(
        content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Markdown took most of the time a chapter took to open, again at each Back to it
    texts = converted_texts(monkeypatch)
    renderer = ChapterRenderer(load_manual(content_copy))
    entry = renderer.manual.find("1.1.1")
    first = renderer.page_for(entry)
    assert renderer.page_for(entry).html == first.html
    assert len(texts) == 1
    # the file changed (an editor's working copy): its new text is shown, not the old one
    chapter = content_copy / CHAPTER_FILE
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA sentence added.\n",
                       encoding="utf-8")
    assert "A sentence added." in html_to_text(renderer.page_for(entry).html)
    assert len(texts) == 2


def test_a_renderer_keeps_the_last_twenty_chapters_converted(
        renderer: ChapterRenderer, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = converted_texts(monkeypatch)
    fresh = ChapterRenderer(renderer.manual)
    for number in range(21):
        fresh.markdown_to_html(f"Paragraph {number}.")
    fresh.markdown_to_html("Paragraph 20.")  # the latest: kept
    fresh.markdown_to_html("Paragraph 1.")  # the 19 before it: kept
    assert len(texts) == 21
    fresh.markdown_to_html("Paragraph 0.")  # the first of the 21: let go
    assert len(texts) == 22
    fresh.markdown_to_html("Paragraph 1.")  # used since: kept, where "Paragraph 2." went
    assert len(texts) == 22


def test_a_style_or_script_in_a_chapter_is_left_out_and_said(content_copy: Path) -> None:
    # a <style> restyled the whole page: white text on white, the chapter looked empty
    page = page_with_text_added(content_copy, "\n<style>p { color: white; }</style>\n\n"
                                "<script>alert(1)</script>\n\nThe end.\n")
    text = html_to_text(page.html)
    assert "color: white" not in page.html
    assert "alert(1)" not in text
    assert "The end." in text
    assert [problem.message.split(":")[0] for problem in page.problems] == [
        'HTML element "<style>" is left out', 'HTML element "<script>" is left out']


def _chapter_past_the_size_limit(content: Path) -> Path:
    """1.1.1's file made a byte longer than a chapter file may be, with placeholder text."""
    from reader.page_limits import MAX_CHAPTER_BYTES

    path = content / CHAPTER_FILE
    text = path.read_text(encoding="utf-8") + "\n"
    filler = "Placeholder paragraph for a size test.\n\n"
    text += filler * ((MAX_CHAPTER_BYTES - len(text.encode())) // len(filler) + 1)
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > MAX_CHAPTER_BYTES
    return path


def test_a_chapter_file_past_the_size_limit_is_declined_naming_the_file_its_size_and_limit(
        content_copy: Path) -> None:
    from reader.page_limits import MAX_CHAPTER_BYTES

    path = _chapter_past_the_size_limit(content_copy)
    size = path.stat().st_size
    renderer = ChapterRenderer(load_manual(content_copy))
    page = renderer.page_for(renderer.manual.find("1.1.1"))
    text = " ".join(html_to_text(page.html).split())
    assert "The text of this chapter cannot be shown here." in text
    assert (f"Its file in the content folder, {CHAPTER_FILE}, is too large for the reader to "
            f"show: the file is {size / 2**20:.1f} MB ({size:,} bytes); the reader reads "
            "chapter files of at most 4 MB (4,194,304 bytes).") in text
    assert "Read it in the online manual: derbycsc.proceduresonline.com \u2197." in text
    assert "Placeholder" not in text and "Scope of this chapter" not in text
    [problem] = page.problems
    assert problem.file == path and problem.line is None
    assert problem.message.startswith("too large for the reader to show: the file is ")
    # cut to the limit, and it is read: its text is declined for what it holds
    path.write_bytes(path.read_bytes()[:MAX_CHAPTER_BYTES])
    page = ChapterRenderer(load_manual(content_copy)).page_for(renderer.manual.find("1.1.1"))
    [problem] = page.problems
    assert problem.message.startswith("too complex for the reader to show: ")



def test_a_png_cut_short_or_damaged_after_a_whole_header_is_said_in_a_sentence(
        content_copy: Path) -> None:
    images = content_copy / "chapters" / "images"
    images.mkdir()
    (images / "cut.png").write_bytes(PNG[:-20])  # the header whole, the pixels cut short
    damaged = bytearray(PNG)
    damaged[-20] ^= 0xFF  # a byte of the pixels changed: its part's checksum no longer fits
    (images / "changed.png").write_bytes(bytes(damaged))
    # a damaged part the picture does not need (a text note) is passed over, as Qt does
    note = b"tEXt" + b"Comment\x00x"
    with_note = PNG[:33] + struct.pack(">I", len(note) - 4) + note + b"\x00" * 4 + PNG[33:]
    (images / "noted.png").write_bytes(with_note)
    path = content_copy / CHAPTER_FILE
    path.write_text(path.read_text(encoding="utf-8") + "\n![Cut](images/cut.png)\n\n"
                    "![Changed](images/changed.png)\n\n![Noted](images/noted.png)\n",
                    encoding="utf-8")
    renderer = ChapterRenderer(load_manual(content_copy))
    page = renderer.page_for(renderer.manual.find("1.1.1"))
    shown = html_to_text(page.html)
    # Qt drew only its small file mark for the first two, and said nothing of why
    assert ("[Picture \u201cCut\u201d not shown: the file images/cut.png is damaged: the file "
            "ends before the picture in it does]") in shown
    assert ("[Picture \u201cChanged\u201d not shown: the file images/changed.png is damaged: "
            "the picture in it cannot be read]") in shown
    assert 'src="images/noted.png"' in page.html
    assert [p.message.split('"')[1] for p in page.problems] == [
        "images/cut.png", "images/changed.png"]


@pytest.mark.parametrize("kind", ["jpg", "bmp", "gif", "webp"])
def test_a_picture_cut_short_is_said_in_a_sentence_not_drawn_in_part(
        kind: str, content_copy: Path) -> None:
    # Qt drew the top of a JPEG cut short and the rest grey, a BMP's rows it had and the rest
    # black, a GIF's and the rest clear: a reader could take it for the whole picture
    whole = picture_bytes(kind)
    images = content_copy / "chapters" / "images"
    images.mkdir()
    (images / f"cut.{kind}").write_bytes(whole[:len(whole) * 2 // 3])  # a copy that stopped
    (images / f"whole.{kind}").write_bytes(whole)
    path = content_copy / CHAPTER_FILE
    path.write_text(path.read_text(encoding="utf-8") + f"\n![Cut](images/cut.{kind})\n\n"
                    f"![Whole](images/whole.{kind})\n", encoding="utf-8")
    renderer = ChapterRenderer(load_manual(content_copy))
    page = renderer.page_for(renderer.manual.find("1.1.1"))
    assert (f"[Picture \u201cCut\u201d not shown: the file images/cut.{kind} is damaged: the "
            "file ends before the picture in it does]") in html_to_text(page.html)
    assert f'src="images/cut.{kind}"' not in page.html
    assert f'src="images/whole.{kind}"' in page.html
    assert [p.message for p in page.problems] == [
        f'image "images/cut.{kind}" is damaged: the file ends before the picture in it does']
