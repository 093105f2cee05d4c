"""validate finds what Markdown passes without a word: links within a page to no place of it,
and HTML elements left open, which take the rest of the chapter with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import give_text
from .test_validate import _append_to_chapter, _line_of, _messages


def test_a_link_to_an_anchor_the_page_lacks_is_told_the_heading_it_is_near(
        content_copy: Path) -> None:
    # "&amp;" is left out of the anchor an HTML heading's words make: the link went nowhere
    path = _append_to_chapter(content_copy, "See [below](#assessment-amp-planning).\n\n"
                                            "<h2>Assessment &amp; Planning</h2>\n\nText.")
    assert _messages(content_copy) == [
        f'{path}:{_line_of(path, "See [below]")}: link "#assessment-amp-planning" goes '
        'nowhere: no heading or other part of the chapter has the id "assessment-amp-planning"; '
        'did you mean "#assessment-planning" (the heading "Assessment & Planning")?']


def test_links_to_every_kind_of_anchor_a_page_has_are_fine_and_only_the_lost_one_said(
        content_copy: Path) -> None:
    path = _append_to_chapter(content_copy, "[a](#plans) [b](#custom) [c](#kept) [d](#marked) "
                                            "[e](#out-of-hours) [f](#) and a note[^1].\n\n"
                                            "[TOC]\n\n"
                                            "<H2 ID='plans'>Plans</H2>\n\n"
                                            '<h3 id="custom">Custom</h3>\n\n'
                                            "## Kept {: #kept }\n\n"
                                            '<a name="marked"></a>Marked.\n\n'
                                            "## Out of hours\n\n"
                                            "Lost: [g](#nowhere-at-all).\n\n"
                                            "[^1]: The note.")
    assert _messages(content_copy) == [
        f'{path}:{_line_of(path, "Lost:")}: link "#nowhere-at-all" goes nowhere: no heading or '
        'other part of the chapter has the id "nowhere-at-all"; a heading\'s anchor is the id '
        'written on it, or else its words in lower case joined by "-"']


def test_a_back_to_top_link_is_fine_as_the_pane_goes_to_the_top(content_copy: Path) -> None:
    # "#top" goes to the top in a browser, so saved pages' "Back to top" links are written so
    _append_to_chapter(content_copy, "## Plans\n\nText.\n\n[Back to top](#top) "
                                     "[Top](#TOP)")
    assert _messages(content_copy) == []


@pytest.mark.parametrize("written", [
    "[x](#Plans)",  # the pane matches an anchor's capitals exactly
    "[x](#in-a-box)",  # a heading inside HTML is not made a heading, and has no anchor
    '<a href="#nowhere">x</a>',
])
def test_links_the_pane_cannot_follow_within_the_page_are_reported_at_their_line(
        written: str, content_copy: Path) -> None:
    path = _append_to_chapter(content_copy, f"## Plans\n\n<div>\n<h2>In a box</h2>\n</div>\n\n"
                                            f"Go {written}.")
    [message] = _messages(content_copy)
    assert message.startswith(f"{path}:{_line_of(path, 'Go ')}: link \"#")
    assert "goes nowhere" in message


def test_a_link_to_one_missing_anchor_twice_is_one_problem_naming_both_lines(
        content_copy: Path) -> None:
    path = _append_to_chapter(content_copy, "First [x](#gone).\n\nThen [y](#gone) again.")
    [message] = _messages(content_copy)
    assert message.startswith(f"{path}:{_line_of(path, 'First')}: link \"#gone\"")
    assert message.endswith(f"(also at line {_line_of(path, 'Then')})")


def test_links_to_places_another_chapter_has_are_fine(content_copy: Path) -> None:
    give_text(content_copy)
    _append_to_chapter(content_copy, "See [strategy](chapter:a-strengths-based-approach"
                                     "#1-strategy-discussions) and [the charts](chapter:1.1.2"
                                     "#pictures), [its top](chapter:a-strengths-based-approach#top)"
                                     " and [a place](chapter:staying-put-policy#contact) in a "
                                     "chapter this edition holds no text of.")
    # the last opens the chapter's "not included" page: its anchors cannot be known, and
    # the page gives the online address, where the place is
    assert _messages(content_copy) == []


def test_a_link_to_a_place_another_chapter_lacks_is_told_the_heading_it_is_near(
        content_copy: Path) -> None:
    # clicked, it opens the chapter at its top: the reader is left to look for the place
    give_text(content_copy)
    path = _append_to_chapter(content_copy, "Text.\n\nSee [it](chapter:1.1.2#strategy-"
                                            "discussion).\n\nAnd [it again](chapter:a-strengths-"
                                            "based-approach#strategy-discussion).")
    assert _messages(content_copy) == [
        f'{path}:{_line_of(path, "See [it]")}: link to "#strategy-discussion" in 1.1.2 A '
        "Strengths Based Approach opens that chapter at its top: no heading or other part of "
        'it has the id "strategy-discussion"; did you mean "#1-strategy-discussions" (the '
        f'heading "1. Strategy Discussions")? (also at line {_line_of(path, "again")})']


def test_a_link_to_a_place_in_a_chapter_not_in_the_contents_names_the_chapter(
        content_copy: Path) -> None:
    path = _append_to_chapter(content_copy, "See [it](chapter:staying-put-polcy#contact).")
    assert _messages(content_copy) == [
        f'{path}:{_line_of(path, "See [it]")}: link to chapter "staying-put-polcy", which is '
        'not in the contents; did you mean "staying-put-policy" (6.7.6 Staying Put Policy)?']


def test_an_html_heading_left_open_is_reported_at_its_line(content_copy: Path) -> None:
    # in the pane all after it was in the heading's type, and "## Later" shown as written
    path = _append_to_chapter(content_copy, "<h2>Assessment and Planning\n\nText.\n\n"
                                            "## Later\n\nMore text.")
    assert _messages(content_copy) == [
        f'{path}:{_line_of(path, "<h2>")}: HTML element "<h2>" is not closed, so the rest of '
        "the chapter shows in its type and its Markdown as written; add \"</h2>\" where it "
        "ends"]


def test_a_div_left_open_is_reported_at_its_line(content_copy: Path) -> None:
    path = _append_to_chapter(content_copy, '<div class="note">\nA note.\n\n## Later')
    line = _line_of(path, "<div class=\"note")  # the scope block above is a <div> too
    assert _messages(content_copy) == [
        f'{path}:{line}: HTML element "<div>" is not closed, so the rest of '
        "the chapter shows its Markdown as written (## headings, lists, links); add "
        '"</div>" where it ends']


def test_a_heading_left_open_inside_a_closed_div_is_said_to_run_to_its_end(
        content_copy: Path) -> None:
    path = _append_to_chapter(content_copy, "<div>\n<h2>Title\n<p>Text.</p>\n</div>")
    assert _messages(content_copy) == [
        f'{path}:{_line_of(path, "<h2>")}: HTML element "<h2>" is not closed, so the text '
        'after it, to the end of the "<div>" it is in, shows in its type; add "</h2>" where it '
        "ends"]


def test_only_the_heading_left_open_is_reported_past_html_shown_as_code_or_closed_as_allowed(
        content_copy: Path) -> None:
    path = _append_to_chapter(content_copy, "Write `<h2>` and <https://example.org>.\n\n"
                                            "```\n<div>\n```\n\n"
                                            "<ul>\n<li>One\n<li>Two\n</ul>\n\n"
                                            "<div/>\n\n<!-- <div> -->\n\nText <b>bold.\n\n"
                                            "<h2>Real heading\n\nText.")
    # the ``` lines are reported as such (the manual has no code), the <div> in them is not
    assert [message.partition(": HTML")[0] for message in _messages(content_copy)
            if "preformatted" not in message] == [f"{path}:{_line_of(path, '<h2>Real')}"]
