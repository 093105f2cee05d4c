"""Chapter Markdown as a reader gets it: links that say where they go, nothing carried over."""

from __future__ import annotations

import markdown
from markdown.extensions.nl2br import Nl2BrExtension

from reader.chapter_markdown import ChapterMarkdown
from reader.manual import load_manual
from reader.plain_inline import PlainInlineExtension

from .conftest import CONTENT


def _converter() -> ChapterMarkdown:
    return ChapterMarkdown(load_manual(CONTENT).find)


def test_a_web_link_is_marked_as_leaving_the_reader_whatever_its_case() -> None:
    html, _tokens, problems = _converter().convert(
        "See [the guidance](HTTPS://www.gov.uk/guidance).")
    assert problems == []
    assert '<a class="external" href="HTTPS://www.gov.uk/guidance"' in html
    assert 'guidance<span class="external-mark">\u00a0\u2197</span></a>' in html


def test_a_link_to_a_place_on_the_same_page_is_no_problem() -> None:
    html, _tokens, problems = _converter().convert("## Who\n\nSee [who to call](#who).")
    assert problems == []
    assert 'href="#who"' in html


def test_a_chapters_footnotes_and_abbreviations_stay_with_it() -> None:
    converter = _converter()
    first, _tokens, _problems = converter.convert(
        "The IRO reviews the plan.[^1]\n\n[^1]: Within 20 working days.\n\n"
        "*[IRO]: Independent Reviewing Officer")
    assert "Within 20 working days." in first and "Independent Reviewing Officer" in first
    second, _tokens, _problems = converter.convert("The IRO chairs the review.")
    assert "Within 20 working days." not in second
    assert "Independent Reviewing Officer" not in second


def test_a_table_written_in_markdown_is_drawn_with_lines_and_one_in_html_as_written() -> None:
    html, _tokens, _problems = _converter().convert(
        "| Stage | Who acts |\n| --- | --- |\n| Strategy discussion | Social worker |\n\n"
        '<table><tr><td>Stage</td><td>Who acts</td></tr></table>\n')
    assert html.count('<table cellspacing="1" class="grid">') == 1
    assert html.count("<table>") == 1


def test_a_tables_plain_cells_and_marked_up_ones_read_as_written() -> None:
    html, _tokens, _problems = _converter().convert(
        "| Who | When |\n| --- | --- |\n| The IRO | *Within* 5 days |\n"
        "| Social worker | A & B |\n\nCall the IRO  \nthen write it up.\n\n"
        "*[IRO]: Independent Reviewing Officer")
    explained = '<abbr title="Independent Reviewing Officer">IRO</abbr>'
    assert f"<td>The {explained}</td>" in html  # explained in a cell of plain words too
    assert "<td><em>Within</em> 5 days</td>" in html
    assert "<td>Social worker</td>" in html and "<td>A &amp; B</td>" in html
    assert f"<p>Call the {explained}<br>\nthen write it up.</p>" in html


def test_a_pipe_in_code_or_escaped_in_a_table_stays_in_its_cell() -> None:
    html, _tokens, _problems = _converter().convert(
        "| Form | Says |\n| --- | --- |\n| `A|B` | either |\n| Yes \\| No | one cell |\n"
        "| plain | words |")
    assert "<td><code>A|B</code></td>\n<td>either</td>" in html
    assert "<td>Yes | No</td>\n<td>one cell</td>" in html
    assert "<td>plain</td>\n<td>words</td>" in html


def test_plain_text_still_meets_an_inline_pattern_the_reader_does_not_know() -> None:
    """Plain words pass by Markdown's own inline patterns; one added by another extension
    may match anything, so then nothing is passed by: here each line break a line of its own."""
    html = markdown.markdown("Strategy discussion\nwithin 1 working day",
                             extensions=[Nl2BrExtension(), PlainInlineExtension()])
    assert html == "<p>Strategy discussion<br />\nwithin 1 working day</p>"
