"""Chapter text that would freeze the window is declined, with the reason in numbers; the
manual's own shapes of text (lists, tables, links, stray brackets) are read as before."""

from __future__ import annotations

import pytest

from reader.chapter_file import read_chapter_file
from reader.chapter_markdown import ChapterMarkdown
from reader.page_limits import (
    MAX_BLOCKS,
    MAX_CONTENTS_MARKERS,
    MAX_ELEMENT_DEPTH,
    MAX_FLOATING_TABLES,
    MAX_FOOTNOTE_MARKS,
    MAX_FOOTNOTE_REFERENCES,
    MAX_HEADINGS,
    MAX_IMAGES,
    MAX_INLINE_MARKS,
    MAX_LIST_DEPTH,
    MAX_LIST_ITEMS,
    MAX_PAGE_CHARACTERS,
    MAX_PAGE_LIST_ITEMS,
    MAX_PARAGRAPH_LINES,
    MAX_QUOTE_DEPTH,
    MAX_TABLE_CELLS,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_DEPTH,
    MAX_TABLE_TEXT,
    MAX_WORD_LENGTH,
    PageTooComplex,
    check_html,
    check_markdown,
)

from .conftest import CONTENT

CHAPTER = CONTENT / "chapters/childrens-services-policies-values-and-principles.md"


@pytest.fixture
def converter() -> ChapterMarkdown:
    return ChapterMarkdown(lambda ref: None)


def _reason(converter: ChapterMarkdown, text: str) -> str:
    with pytest.raises(PageTooComplex) as declined:
        converter.convert(text)
    return declined.value.reason


def _nested_tables(depth: int) -> str:
    return "<table><tr><td>" * depth + "deepest" + "</td></tr></table>" * depth


def _nested_list(depth: int) -> str:
    return "".join("    " * level + f"- level {level}\n" for level in range(depth))


def _table(columns: int, rows: int) -> str:
    return "\n".join(["| " + " | ".join(["head"] * columns) + " |",
                      "|" + "---|" * columns,
                      *["| " + " | ".join(["cell"] * columns) + " |"] * rows])


def test_tables_nested_past_the_limit_are_declined_with_both_numbers(converter) -> None:
    assert "deepest" in converter.convert(_nested_tables(MAX_TABLE_DEPTH))[0]
    assert _reason(converter, _nested_tables(MAX_TABLE_DEPTH + 1)) == (
        f"tables nested {MAX_TABLE_DEPTH + 1} deep; the reader shows at most {MAX_TABLE_DEPTH}")


def test_tables_left_open_count_as_nested(converter) -> None:
    reason = _reason(converter, "<table><tr><td>" * (MAX_TABLE_DEPTH + 1) + "x")
    assert reason.startswith(f"tables nested {MAX_TABLE_DEPTH + 1} deep")


def test_lists_nested_past_the_limit_are_declined(converter) -> None:
    assert "level 19" in converter.convert(_nested_list(MAX_LIST_DEPTH))[0]
    assert _reason(converter, _nested_list(MAX_LIST_DEPTH + 1)) == (
        f"lists nested {MAX_LIST_DEPTH + 1} deep; the reader shows at most {MAX_LIST_DEPTH}")


def test_lists_nested_line_by_line_past_the_limit_are_declined_at_the_line(converter) -> None:
    # a thousand lines each indented a level more: converted first, they took 11 s
    with pytest.raises(PageTooComplex) as declined:
        converter.convert("Placeholder paragraph.\n\n" + _nested_list(1000))
    assert declined.value.reason == "lists nested 1,000 deep; the reader shows at most 20"
    assert declined.value.line == 3 + MAX_LIST_DEPTH  # the first item past the limit


def test_list_marks_on_one_line_count_as_lists(converter) -> None:
    with pytest.raises(PageTooComplex) as declined:
        converter.convert("Placeholder.\n\n" + "- " * 1000 + "deep")
    assert declined.value.reason == "lists nested 1,000 deep; the reader shows at most 20"
    assert declined.value.line == 3


def test_quotes_nested_line_by_line_past_the_limit_are_declined_at_the_line(converter) -> None:
    text = "".join(">" * (level + 1) + " said\n" for level in range(1000))
    with pytest.raises(PageTooComplex) as declined:
        converter.convert(text)
    assert declined.value.reason == "quotes nested 1,000 deep; the reader shows at most 20"
    assert declined.value.line == MAX_QUOTE_DEPTH + 1


def test_only_what_markdown_nests_is_counted_and_the_line_is_the_first_past(
        converter) -> None:
    deep = "".join(" " * 4 * level + "- code\n" for level in range(1, MAX_LIST_DEPTH + 6))
    text = ("```\n" + deep + "```\n\n"  # fenced code: shown as it is written
            "Placeholder paragraph.\n\n" + deep + "\n"  # indented code, in no list
            # 4 spaces more nest an item; 2 more are the same list
            + "".join("  " * level + "- item\n" for level in range(MAX_LIST_DEPTH * 2))
            + "\nPlaceholder paragraph.\n\n" + _nested_list(MAX_LIST_DEPTH + 1))
    with pytest.raises(PageTooComplex) as declined:
        converter.convert(text)
    assert declined.value.reason == "lists nested 21 deep; the reader shows at most 20"
    assert declined.value.line == len(text.splitlines())
    # the same text a level less deep is shown, its code as written
    html = converter.convert(text.rpartition("\n    ")[0])[0]
    assert html.count("- code") == (MAX_LIST_DEPTH + 5) * 2


def test_quotes_nested_past_the_limit_are_declined(converter) -> None:
    assert _reason(converter, "> " * (MAX_QUOTE_DEPTH + 1) + "said") == (
        f"quotes nested {MAX_QUOTE_DEPTH + 1} deep; the reader shows at most {MAX_QUOTE_DEPTH}")


def test_any_elements_nested_past_the_limit_are_declined(converter) -> None:
    depth = MAX_ELEMENT_DEPTH + 1
    reason = _reason(converter, "<span>" * depth + "x" + "</span>" * depth)
    assert reason.startswith(f"elements nested {depth} deep")


def test_paragraphs_and_items_left_open_are_not_nesting(converter) -> None:
    # HTML lets a writer leave out </p> and </li>: each starts a sibling, not a level
    many = MAX_ELEMENT_DEPTH * 2
    html = converter.convert("<div><ul>" + "<li><p>point" * many + "</ul></div>")[0]
    assert html.count("point") == many


def test_a_table_wider_than_the_limit_is_declined(converter) -> None:
    assert converter.convert(_table(MAX_TABLE_COLUMNS, 1))[0].count("<td>") == MAX_TABLE_COLUMNS
    assert _reason(converter, _table(MAX_TABLE_COLUMNS + 1, 1)) == (
        f"a table {MAX_TABLE_COLUMNS + 1} columns wide; "
        f"the reader shows at most {MAX_TABLE_COLUMNS}")


def test_a_cell_spanning_columns_counts_each_column(converter) -> None:
    wide = MAX_TABLE_COLUMNS * 100
    assert _reason(converter, f'<table><tr><td colspan="{wide}">x</td></tr></table>') == (
        f"a table {wide:,} columns wide; the reader shows at most {MAX_TABLE_COLUMNS}")


def test_more_table_cells_than_the_limit_are_declined(converter) -> None:
    rows = MAX_TABLE_CELLS // 8 + 1  # eight columns, and a row of headings
    reason = _reason(converter, _table(8, rows))
    assert reason == f"{8 * (rows + 1):,} table cells; the reader shows at most {MAX_TABLE_CELLS:,}"


def test_a_list_longer_than_the_limit_is_declined(converter) -> None:
    items = "\n".join(f"{n}. step\n" for n in range(1, MAX_LIST_ITEMS + 2))
    assert _reason(converter, items) == (
        f"a list of {MAX_LIST_ITEMS + 1:,} items; the reader shows at most {MAX_LIST_ITEMS:,}")


def test_thousands_of_brackets_left_open_are_declined_before_converting(converter) -> None:
    # Python-Markdown reads on from each "[" to the paragraph's end: 10,000 took 11 s
    text = "A paragraph.\n\nThe next one " + "[" * 2000
    with pytest.raises(PageTooComplex) as declined:
        converter.convert(text)
    assert declined.value.reason == '2,000 "[" never closed by "]" in one paragraph'
    assert declined.value.line == 3


def test_brackets_nested_thousands_deep_are_declined(converter) -> None:
    assert _reason(converter, "[" * 2000 + "]" * 2000) == (
        "square brackets nested 2,000 deep in one paragraph")


def test_links_too_long_together_are_not_said_to_be_nested(converter) -> None:
    link = "[" + "a long link text " * 50 + "](https://example.org/" + "x" * 100 + ")"
    assert _reason(converter, " ".join([link] * 1300)) == (
        "1,300 links and bracketed passages, too long together, in one paragraph")


def test_links_left_open_are_declined(converter) -> None:
    assert _reason(converter, "[a](" * 2000) == (
        '2,000 links whose "(" is never closed by ")" in one paragraph')


def test_tags_left_open_are_declined(converter) -> None:
    # Python's HTML parser reads on from each "<" to the next ">"
    assert _reason(converter, "<a " * 2000) == '2,000 tags whose "<" is never closed by ">"'
    # a ">" far on, after other tags, does not close them: each is read on to it
    assert _reason(converter, "<a " * 2000 + ">") == '1,999 tags whose "<" is never closed by ">"'


def test_stray_brackets_and_many_links_still_convert(converter) -> None:
    paragraph = ("See [the guidance](https://www.gov.uk/) and [note 1]. A stray [ here, "
                 "a < and a > there. ") * 20
    html = converter.convert("\n\n".join([paragraph] * 20))[0]
    assert html.count('href="https://www.gov.uk/"') == 400


def test_more_headings_than_the_limit_are_declined_before_converting(converter) -> None:
    # each heading costs more than the last: 20,000 took 13 s
    assert _reason(converter, "## Step\n\n" * (MAX_HEADINGS + 1)) == (
        f"{MAX_HEADINGS + 1:,} headings; the reader shows at most {MAX_HEADINGS:,}")


def test_more_html_headings_than_the_limit_are_declined_before_converting() -> None:
    # each is made a heading of the page, as costly to convert as "## Step" (9,000: 1 s)
    with pytest.raises(PageTooComplex) as declined:
        check_markdown("<h2>Step</h2>\n\n" * (MAX_HEADINGS + 1))
    assert declined.value.reason == (
        f"{MAX_HEADINGS + 1:,} headings; the reader shows at most {MAX_HEADINGS:,}")
    assert declined.value.line == 2 * MAX_HEADINGS + 1


def test_more_emphasis_marks_than_the_limit_are_declined(converter) -> None:
    assert _reason(converter, "*a" * (MAX_INLINE_MARKS + 1)) == (
        f'{MAX_INLINE_MARKS + 1:,} emphasis or code marks ("*", "_" or "`"); '
        f"the reader shows at most {MAX_INLINE_MARKS:,}")


def test_more_lines_without_a_blank_one_than_the_limit_are_declined(converter) -> None:
    # definition after definition: 20,000 took 5 s, then ran out of recursion
    text = "Intro.\n\n" + "term\n: meaning\n" * (MAX_PARAGRAPH_LINES // 2 + 1)
    with pytest.raises(PageTooComplex) as declined:
        converter.convert(text)
    assert declined.value.reason == (
        f"{MAX_PARAGRAPH_LINES + 2:,} lines without a blank line between them; "
        f"the reader reads at most {MAX_PARAGRAPH_LINES:,}")
    assert declined.value.line == 3


def test_more_blocks_than_the_limit_are_declined(converter) -> None:
    # each block is read on its own: 34,000 rules took 2 s to convert
    assert _reason(converter, "<hr>\n\n" * MAX_BLOCKS + "The end.") == (
        f"{MAX_BLOCKS + 1:,} paragraphs and other blocks (lines between blank lines); "
        f"the reader shows at most {MAX_BLOCKS:,}")
    assert "The end." in converter.convert("<hr>\n\n" * (MAX_BLOCKS - 1) + "The end.")[0]


def test_parts_nested_beyond_pythons_recursion_are_declined(converter) -> None:
    assert _reason(converter, '<div markdown="1">' * 1000 + "deep" + "</div>" * 1000) == (
        "parts nested too deep for the Markdown converter to follow (such as lists, quotes or "
        "emphasis hundreds of levels deep)")


def test_the_next_chapter_converts_as_before_after_one_too_deep(converter) -> None:
    body = read_chapter_file(CHAPTER).body
    before = converter.convert(body)
    with pytest.raises(PageTooComplex):
        converter.convert('<div markdown="1">' * 1000 + "deep" + "</div>" * 1000)
    assert converter.convert(body) == before


def test_a_long_chapter_with_a_large_directory_table_is_shown(converter) -> None:
    # the largest a procedure chapter grows to: a contacts directory of hundreds of rows, with
    # emphasis, links and email addresses in its cells, among many headed sections
    sections = "".join(f"## {n}. Step {n}\n\n**Who**: the *social worker*; see [1.1.2]"
                       f"(chapter:1.1.2) and [Working Together](https://www.gov.uk/x_y).\n\n"
                       for n in range(150))
    rows = "\n".join(f"| **Team {n}** | Derby_Office_{n} | 01332 {n:06} | <team{n}@derby.gov.uk> |"
                     for n in range(600))
    directory = "| Team | Office | Phone | Email |\n|---|---|---|---|\n" + rows
    html, headings, _ = converter.convert(f"# Procedure\n\n{sections}{directory}\n")
    assert html.count("<tr>") == 601 and "Team 599" in html
    assert len(headings[0]["children"]) == 150


def test_a_long_chapter_of_every_ordinary_shape_is_shown(converter) -> None:
    # far more than any procedure chapter holds, each within every limit
    headings = [f"{'#' * level} Heading at level {level}\n\nText under it."
                for level in range(1, 7)]
    table = "\n".join(["| " + " | ".join(f"Column {c}" for c in range(6)) + " |",
                       "|" + "---|" * 6,
                       *("| " + " | ".join(f"cell {r}.{c}" for c in range(6)) + " |"
                         for r in range(60))])
    items = "\n".join(f"- step {n}, see [the guidance](https://www.gov.uk/{n})" for n in range(300))
    definitions = "\n\n".join(f"Term {n}\n:   What term {n} means here." for n in range(150))
    links = " ".join(f"[chapter {n}](chapter:x{n})" for n in range(200))
    notes = ("Some text[^1] and more[^2].\n\n[^1]: A note.\n\n[^2]: Another.\n\n"
             "*[LAC]: Looked After Child")
    html = converter.convert("\n\n".join([*headings, table, items, definitions, links,
                                           "[TOC]", "A LAC review.", notes]))[0]
    assert html.count("<td>") == 360
    assert html.count("https://www.gov.uk/") >= 300
    assert html.count("<dt>") == 150
    assert html.count('<abbr title="Looked After Child">') == 1


def test_an_abbreviation_used_past_the_page_size_is_declined_before_it_is_written(
        converter) -> None:
    # one long title used 95,000 times: a 1 GB page, 15 s to write and 20 s to lay out
    title = "a title of a thousand letters " * 33
    uses = MAX_PAGE_CHARACTERS // len(title) + 1
    reason = _reason(converter, f"*[X]: {title}\n\n" + "X " * uses)
    assert reason.endswith("characters once abbreviations, link references and footnotes are "
                           f"filled in; the reader shows at most {MAX_PAGE_CHARACTERS:,}")
    assert int(reason.split()[0].replace(",", "")) > MAX_PAGE_CHARACTERS
    assert "X" in converter.convert("*[X]: Ex\n\nX " * 10)[0]  # and the next page converts


def test_a_link_reference_used_past_the_page_size_is_declined(converter) -> None:
    address = "https://www.gov.uk/" + "a" * 5000
    uses = MAX_PAGE_CHARACTERS // len(address) + 1
    reason = _reason(converter, f"[r]: {address}\n\n" + "[see][r] " * uses)
    assert "characters once abbreviations, link references and footnotes" in reason


def test_many_references_to_one_footnote_are_declined_before_converting(converter) -> None:
    # each reference is checked against every one before it: 4,000 took 8 s
    many = "A point[^a]. " * (MAX_FOOTNOTE_REFERENCES + 1) + "\n\n[^a]: The note."
    assert _reason(converter, many) == (
        f'{MAX_FOOTNOTE_REFERENCES + 1} references to footnote "a"; the reader shows at most '
        f"{MAX_FOOTNOTE_REFERENCES} to one note")
    html = converter.convert("A point[^a]. " * MAX_FOOTNOTE_REFERENCES + "\n\n[^a]: The note.")[0]
    assert html.count("The note.") == 1


def test_more_footnotes_than_the_limit_are_declined_before_converting(converter) -> None:
    notes = MAX_FOOTNOTE_MARKS // 2 + 1
    text = " ".join(f"point[^{n}]" for n in range(notes)) + "\n\n" + "\n\n".join(
        f"[^{n}]: Note {n}." for n in range(notes))
    assert _reason(converter, text) == (
        f'{notes * 2:,} footnote references and notes ("[^"); the reader shows at most '
        f"{MAX_FOOTNOTE_MARKS:,}")


def test_more_tables_of_contents_than_the_limit_are_declined(converter) -> None:
    # each is a copy of the whole table of headings
    assert _reason(converter, "## Step\n\n" + "[TOC]\n\n" * (MAX_CONTENTS_MARKERS + 1)) == (
        f'{MAX_CONTENTS_MARKERS + 1} tables of contents ("[TOC]"); the reader shows at most '
        f"{MAX_CONTENTS_MARKERS}")


@pytest.mark.parametrize("heading", ["> ## Step", "- ## Step", "<h2>Step</h2>"])
def test_headings_in_quotes_lists_or_html_count_towards_the_limit(converter, heading) -> None:
    assert _reason(converter, f"{heading}\n\n" * (MAX_HEADINGS + 1)) == (
        f"{MAX_HEADINGS + 1:,} headings; the reader shows at most {MAX_HEADINGS:,}")


def test_more_images_than_the_limit_are_declined(converter) -> None:
    # thousands took seconds to lay out, missing ones the longest
    assert _reason(converter, "![a picture](missing.png) " * (MAX_IMAGES + 1)) == (
        f"{MAX_IMAGES + 1} images; the reader shows at most {MAX_IMAGES}")


def test_more_list_items_in_all_than_the_limit_are_declined(converter) -> None:
    one_list = "\n".join(["- item"] * MAX_LIST_ITEMS)
    lists = MAX_PAGE_LIST_ITEMS // MAX_LIST_ITEMS + 1
    assert _reason(converter, "\n\nA paragraph.\n\n".join([one_list] * lists)) == (
        f"{lists * MAX_LIST_ITEMS:,} list items; the reader shows at most "
        f"{MAX_PAGE_LIST_ITEMS:,}")


def test_a_word_longer_than_the_limit_is_declined_but_not_a_long_address(converter) -> None:
    # Qt breaks a long word into lines in time that grows with its square: 100,000 took 2 s
    assert _reason(converter, "A " + "w" * (MAX_WORD_LENGTH + 1) + " word") == (
        f"a word of {MAX_WORD_LENGTH + 1:,} characters without a space; "
        f"the reader shows at most {MAX_WORD_LENGTH:,}")
    assert "w" * MAX_WORD_LENGTH in converter.convert("w" * MAX_WORD_LENGTH)[0]
    # an address is in a tag, not laid out as text
    address = "https://www.gov.uk/" + "a" * MAX_WORD_LENGTH
    assert address in converter.convert(f"[the guidance]({address})")[0]


def test_elements_closed_by_the_wrong_tag_count_as_nested(converter) -> None:
    # "</i>" closes no "<b>": Qt nests each "<b>" in the last (25,000 took minutes)
    depth = MAX_ELEMENT_DEPTH + 1
    assert _reason(converter, "<p>" + "<b>x</i>" * depth + "</p>").startswith(
        f"elements nested {depth} deep")


def test_much_text_in_tables_within_tables_is_declined(converter) -> None:
    # Qt lays out a cell's text again for each table around it: 200 KB in 8 levels took 20 s
    levels = 6
    words = MAX_TABLE_TEXT // (5 << levels) + 1
    html = "<table><tr><td>" * levels + "word " * words + "</td></tr></table>" * levels
    assert _reason(converter, html).endswith(
        f"characters of text inside tables within tables (each level in counts twice); "
        f"the reader shows at most {MAX_TABLE_TEXT:,}")
    assert "word" in converter.convert(html.replace("word " * words, "word " * (words // 2)))[0]


@pytest.mark.parametrize("beside", ['style="float: left"', 'align="right"'])
def test_more_tables_beside_the_text_than_the_limit_are_declined(converter, beside) -> None:
    # Qt places each against every one before it: 3,000 took 36 s
    table = f"<table {beside}><tr><td>aside</td></tr></table>"
    assert _reason(converter, table * (MAX_FLOATING_TABLES + 1)) == (
        f"{MAX_FLOATING_TABLES + 1} tables set beside the text; "
        f"the reader shows at most {MAX_FLOATING_TABLES}")
    assert "aside" in converter.convert(table * 10 + '<table align="center"></table>' * 300)[0]


def test_a_long_word_after_the_last_tag_is_declined(converter) -> None:
    # an HTML block left open: the word is the last thing on the page, after every tag
    assert _reason(converter, "<div>" + "w" * (MAX_WORD_LENGTH + 1)).startswith(
        f"a word of {MAX_WORD_LENGTH + 1:,} characters")


def test_elements_written_as_self_closing_are_not_nesting(converter) -> None:
    many = MAX_ELEMENT_DEPTH + 1
    assert converter.convert("<p>" + "<span/>x" * many + "</p>")[0].count("x") == many


def test_tables_in_capitals_count_as_nested_too(converter) -> None:
    depth = MAX_TABLE_DEPTH + 1
    html = "<TABLE><TR><TD>" * depth + "x" + "</TD></TR></TABLE>" * depth
    assert _reason(converter, html).startswith(f"tables nested {depth} deep")


# Each limit as a person reads it in the message, at the limit (shown) and one past (declined):
# (which check, the text at a count, the limit, the reason one past it)
LIMITS = [
    (check_html, lambda n: "<ul><li>" * n, 20,
     "lists nested 21 deep; the reader shows at most 20"),
    (check_html, lambda n: "<blockquote>" * n, 20,
     "quotes nested 21 deep; the reader shows at most 20"),
    (check_html, lambda n: "<table><tr>" + "<td>x" * n, 100,
     "a table 101 columns wide; the reader shows at most 100"),
    (check_html, lambda n: "<table>" + "<tr><td>x" * n, 4_000,
     "4,001 table cells; the reader shows at most 4,000"),
    (check_html, lambda n: '<table align="left"></table>' * n, 200,
     "201 tables set beside the text; the reader shows at most 200"),
    (check_html, lambda n: "<img>" * n, 500, "501 images; the reader shows at most 500"),
    (check_html, lambda n: "<h2>x</h2>" * n, 1_000,
     "1,001 headings; the reader shows at most 1,000"),
    (check_html, lambda n: "w" * n, 10_000,
     "a word of 10,001 characters without a space; the reader shows at most 10,000"),
    (check_markdown, lambda n: "[TOC]\n\n" * n, 10,
     '11 tables of contents ("[TOC]"); the reader shows at most 10'),
    (check_markdown, lambda n: "See [^a]. " * n + "\n\n[^a]: the note", 300,
     '301 references to footnote "a"; the reader shows at most 300 to one note'),
    # a paragraph of lines that ends at a blank line, not at the end of the text
    (check_markdown, lambda n: "line\n" * (n - 1) + "line\n\nAfter.", 1_000,
     "1,001 lines without a blank line between them; the reader reads at most 1,000"),
]


@pytest.mark.parametrize(("check", "make", "limit", "reason"), LIMITS,
                         ids=[reason.split(";")[0] for *_, reason in LIMITS])
def test_each_limit_shows_a_page_at_it_and_declines_one_past_it_in_numbers(
        check, make, limit, reason) -> None:
    check(make(limit))
    with pytest.raises(PageTooComplex) as declined:
        check(make(limit + 1))
    assert declined.value.reason == reason


def test_long_plain_parentheses_are_not_read_as_links() -> None:
    # only a link's "(" is read on to its ")": a long aside in brackets is ordinary text
    check_markdown("(" + "an aside " * 150_000 + ")")


def test_tables_inside_a_comment_left_open_are_not_counted() -> None:
    # Qt reads a comment left open to the end of the text: nothing in it is laid out
    check_html("<p>text</p><!-- " + "<table>" * 20)


def _lines(count: int, line: str) -> str:
    return "".join(f"{line}\n\n" for _ in range(count))


# each shape past a limit, and the line of its file an editor is sent to: the first heading,
# mark, note or block past the limit, the first tag left open, the HTML where it passes
PLACES = {
    "headings": (_lines(MAX_HEADINGS + 5, "# Heading"), 2 * MAX_HEADINGS + 1),
    "emphasis marks": (_lines(MAX_INLINE_MARKS // 2 + 5, "*a*"), MAX_INLINE_MARKS + 1),
    "tables of contents": (_lines(MAX_CONTENTS_MARKERS + 5, "[TOC]"),
                           2 * MAX_CONTENTS_MARKERS + 1),
    "footnotes": ("".join(f"Point[^{n}].\n\n[^{n}]: Note.\n\n"
                          for n in range(MAX_FOOTNOTE_MARKS // 2 + 5)), 2 * MAX_FOOTNOTE_MARKS + 1),
    "references to one note": ("[^a]: The note.\n\n" + _lines(MAX_FOOTNOTE_REFERENCES + 5,
                                                             "Point[^a]."),
                               2 * MAX_FOOTNOTE_REFERENCES + 3),
    "blocks": (_lines(MAX_BLOCKS + 5, "<hr>"), 2 * MAX_BLOCKS + 1),
    "tags left open": ("Placeholder.\n\n<b>closed</b>\n\n" + "<a " * 2000, 5),
    "tables nested in HTML": ("Placeholder.\n\n" + "<table><tr><td>\n" * (MAX_TABLE_DEPTH + 3)
                              + "x", 3 + MAX_TABLE_DEPTH),
    "a table too wide in HTML": ("Placeholder.\n\n<table><tr>\n"
                                 + "<td>x</td>\n" * (MAX_TABLE_COLUMNS + 5) + "</tr></table>",
                                 4 + MAX_TABLE_COLUMNS),
    "a long word": ("Placeholder.\n\nWords.\n\n" + "x" * (MAX_WORD_LENGTH + 1), 5),
}


@pytest.mark.parametrize("shape", PLACES)
def test_a_page_declined_says_the_line_of_the_place(converter, shape: str) -> None:
    text, line = PLACES[shape]
    with pytest.raises(PageTooComplex) as declined:
        converter.convert(text)
    assert declined.value.line == line, declined.value.reason
