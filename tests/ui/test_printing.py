"""Printed and PDF copies: every sheet names the chapter, its edition and its own uncontrolled
status, numbers itself, and keeps the chapter text clear of the header and footer."""

from __future__ import annotations

import gc
import random
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QSizeF, QUrl
from PySide6.QtGui import QImage, QPdfWriter, QTextDocument, QTextTable
from PySide6.QtWidgets import QMessageBox

from reader.manual import Manual, load_manual
from reader.paper import paper_html
from reader.render import ChapterRenderer, Page
from reader.resources import stylesheet
from reader.ui.printing import (
    PrintError,
    export_pdf,
    page_number_text,
    paper_stylesheet,
    printed_footer,
    printed_header,
)

from ..conftest import CONTENT
from .test_table_columns import TIMESCALES, broken_words

PRINTED_ON = date(2026, 5, 1)
NOTICE = (
    "Printed copies are uncontrolled and may be out of date; the online manual at "
    "https://derbycsc.proceduresonline.com/ is the authoritative version."
)


@dataclass(frozen=True)
class Fragment:
    """A run of text on a PDF page: its words, baseline height and size, in points."""

    text: str
    baseline: float
    size: float


def words(text: str) -> str:
    return " ".join(text.split())


def fragments(page: object) -> list[Fragment]:
    found: list[Fragment] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            found.append(Fragment(words(text), cm[5] + cm[3] * tm[5], abs(size * cm[3])))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


def split_chrome(found: list[Fragment], chrome: str) -> tuple[list[Fragment], list[Fragment]]:
    """The header and footer runs (drawn first on each sheet), then the chapter's runs."""
    text = ""
    for count, fragment in enumerate(found, start=1):
        text = words(f"{text} {fragment.text}")
        if text == chrome:
            return found[:count], found[count:]
        if not chrome.startswith(text):
            break
    raise AssertionError(f"sheet does not start with its header and footer: {text!r}")


def laid_out(html: str, css: str, page: QSizeF, *, pictures: dict[str, QImage] | None = None,
             dpi: int = 96) -> QTextDocument:
    """The body of a printout, laid out in pages of this size, as printing lays it out; with
    `pictures` by the names the page gives them."""
    from reader.ui.printing import PaperDocument, _lay_out

    document = PaperDocument(None)
    for name, picture in (pictures or {}).items():
        document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name),
                             picture)
    # at a screen's resolution, as the page sizes here are a screen's; kept with the document,
    # whose layout goes on measuring with it
    document.pdf = QPdfWriter(QBuffer(document))
    document.pdf.setResolution(dpi)
    _lay_out(document, html, css, document.pdf, page)
    return document


def filled_picture(width: int, height: int) -> QImage:
    picture = QImage(width, height, QImage.Format.Format_RGB32)
    picture.fill(0x336699)
    return picture


@pytest.fixture(scope="module")
def manual() -> Manual:
    return load_manual(CONTENT)


@pytest.fixture
def chapter(manual: Manual) -> Page:
    entry = manual.find("1.1.1")
    assert entry is not None
    return ChapterRenderer(manual).page_for(entry)


def test_header_and_footer_say_what_when_and_who_is_authoritative(manual: Manual) -> None:
    assert printed_footer(manual.info, PRINTED_ON) == [
        "Printed 1 May 2026 \u00b7 Edition of 2 September 2024",
        NOTICE,
    ]
    title = "1.1.1 Children's Services Policies, Values and Principles"
    assert printed_header(manual.info, title) == (
        f"Derby City Children's Social Care Procedures \u2014 {title}"
    )


def test_pdf_of_a_long_chapter_has_header_footer_and_page_numbers_on_every_sheet(
    qapp, tmp_path: Path, manual: Manual, chapter: Page
) -> None:
    path = tmp_path / "chapter.pdf"
    header = printed_header(manual.info, chapter.title)
    foot = printed_footer(manual.info, PRINTED_ON)
    count = export_pdf(path, chapter.html, stylesheet("light"), header, foot)

    reader = PdfReader(path)
    assert count > 1
    assert len(reader.pages) == count
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4, in points
    assert reader.metadata is not None and reader.metadata.title == header
    seen_lines: set[str] = set()
    for number, page in enumerate(reader.pages, start=1):
        text = words(page.extract_text())
        assert header in text
        assert foot[0] in text
        assert NOTICE in text
        assert page_number_text(number, count) in text
        assert f"Page {number} of {count}" in text

        chrome_text = words(f"{header} {foot[0]} {page_number_text(number, count)} {foot[1]}")
        chrome, body = split_chrome(fragments(page), chrome_text)
        assert body, f"sheet {number} has no chapter text"
        header_runs = [f for f in chrome if header.find(f.text) >= 0 and f.baseline > 400]
        footer_runs = [f for f in chrome if f not in header_runs]
        header_bottom = min(f.baseline - 0.3 * f.size for f in header_runs)
        # 15 mm of paper or more above its lines: a printer cannot print at the very edge
        assert max(f.baseline for f in header_runs) < 842 - 15 / 25.4 * 72
        footer_top = max(f.baseline + f.size for f in footer_runs)
        for run in body:
            # ascent below the size, descent about a third of it: a generous box per run
            assert run.baseline + run.size < header_bottom, f"{run} overlaps the header"
            assert run.baseline - 0.3 * run.size > footer_top, f"{run} overlaps the footer"

        # each line of the chapter is on one sheet only, never hidden under another's clip
        lines = {f.text for f in body if len(f.text) > 30}
        assert not lines & seen_lines, f"sheet {number} repeats text of an earlier sheet"
        seen_lines |= lines

    whole = words(" ".join(page.extract_text() for page in reader.pages))
    assert "Derby City Council uses a Strengths Based Approach" in whole
    assert "The list of resources that follows this sentence" in whole  # printed to the end


def test_a_short_page_prints_on_one_sheet(qapp, tmp_path: Path) -> None:
    path = tmp_path / "short.pdf"
    count = export_pdf(path, "<h1>Short</h1><p>One paragraph.</p><p>For office staff.</p>",
                       stylesheet("light"), "Manual \u2014 9.9 Short",
                       ["Printed today", "Uncontrolled"])
    text = words(PdfReader(path).pages[0].extract_text())
    assert count == 1
    assert "Page 1 of 1" in text
    assert "One paragraph." in text
    assert "For office staff." in text  # not "o\ufb03ce sta\ufb00": searched, it matched nothing


FOOT = ('<hr/><p class="foot">Last updated 2 September 2024 \u00b7 Derby City Children\'s Social '
        "Care Procedures, edition of 2 September 2024<br/>The online manual at "
        '<a href="https://derbycsc.proceduresonline.com/">derbycsc.proceduresonline.com</a> '
        "is the authoritative version.</p>")


def sheets_printed(path: Path, html: str) -> tuple[int, list[str]]:
    """A page exported to a PDF: the count said, and each sheet's words but its header and
    footer."""
    count = export_pdf(path, html, paper_stylesheet(stylesheet("light")), "Manual \u2014 9.9",
                       ["Printed today", "Uncontrolled"])
    chrome = re.compile(r"Manual \u2014 9\.9|Printed today|Uncontrolled|Page \d+ of \d+")
    return count, [words(chrome.sub(" ", words(page.extract_text())))
                   for page in PdfReader(path).pages]


def test_a_chapter_ending_at_a_sheets_foot_prints_no_sheet_without_its_text(
        qapp, tmp_path: Path) -> None:
    """Ending just above a sheet's foot, the chapter's spacing ran onto a sheet of its own,
    printed with a header, "Page 3 of 3" and nothing else; or the foot's last line did."""
    for lines in range(44, 62):  # the end of the text creeping down the second sheet
        html = "".join(f"<p>Line {line} of the procedure.</p>" for line in range(lines))
        count, sheets = sheets_printed(tmp_path / f"{lines}.pdf", html + FOOT)
        assert count == len(sheets)
        for number, text in enumerate(sheets, start=1):
            assert "of the procedure" in text, f"{lines} lines: sheet {number} has no text"
        # the foot whole, under the end of the text
        assert f"Line {lines - 1} of the procedure. Last updated" in sheets[-1]
        assert "is the authoritative version." in sheets[-1]


def test_a_closing_heading_goes_on_with_the_words_kept_with_the_foot(
        qapp, tmp_path: Path) -> None:
    """The chapter's last short paragraph went on to the next sheet with the foot, and left
    its heading alone at the foot of the sheet before."""
    for lines in range(46, 54):  # the closing heading and words creeping over the edge
        html = ("".join(f"<p>Line {line} of the procedure.</p>" for line in range(lines))
                + "<h2>Closing heading</h2><p>Closing words.</p>")
        _count, sheets = sheets_printed(tmp_path / f"{lines}.pdf", html + FOOT)
        closing = next(text for text in sheets if "Closing words." in text)
        assert "Closing heading Closing words. Last updated" in closing, f"{lines} lines"


def test_a_closing_caption_goes_on_with_its_picture_and_the_foot(qapp, tmp_path: Path) -> None:
    """A caption ending the chapter went on with the foot and left its picture on the sheet
    before."""
    images = tmp_path / "content" / "chapters" / "images"
    images.mkdir(parents=True)
    assert filled_picture(400, 200).save(str(images / "plan.png"))
    for lines in range(44, 51):  # (at 51 the caption falls to the next sheet by itself)
        html = ("".join(f"<p>Line {line} of the procedure.</p>" for line in range(lines))
                + '<p><img src="images/plan.png"/></p><p><em>Walkthrough of the plan.</em></p>')
        path = tmp_path / f"{lines}.pdf"
        export_pdf(path, html + FOOT, paper_stylesheet(stylesheet("light")), "H", ["F"],
                   tmp_path / "content")
        sheets = PdfReader(path).pages
        caption = next(number for number, sheet in enumerate(sheets)
                       if "Walkthrough" in sheet.extract_text())
        assert sheets[caption].images, f"{lines} lines: the picture was left behind"


def test_a_picture_goes_on_to_the_next_sheet_with_its_caption(qapp, tmp_path: Path) -> None:
    """Its caption printed alone at the top of a sheet, the picture at the foot of the sheet
    before; a picture too tall to share a sheet with its caption still prints where it falls,
    with no sheet left blank."""
    images = tmp_path / "content" / "chapters" / "images"
    images.mkdir(parents=True)
    assert filled_picture(400, 200).save(str(images / "plan.png"))
    assert filled_picture(400, 925).save(str(images / "tall.png"))
    # the picture creeping down to the foot of the first sheet, then of the second
    for picture, lines in [("plan", line) for line in (*range(20, 25), *range(49, 53))] + [
            ("tall", 3)]:
        html = ("".join(f"<p>Line {line} of the procedure.</p>" for line in range(lines))
                + f'<p><img src="images/{picture}.png"/></p>'
                '<p class="figure-caption">Figure 1: the plan</p>'
                + "".join(f"<p>After {line}.</p>" for line in range(10)))
        path = tmp_path / f"{picture}{lines}.pdf"
        count = export_pdf(path, html, paper_stylesheet(stylesheet("light")), "H", ["F"],
                           tmp_path / "content")
        sheets = [words(page.extract_text()) for page in PdfReader(path).pages]
        caption = next(number for number, text in enumerate(sheets) if "Figure 1" in text)
        drawn = [sheet for sheet, *_rest in pictures_printed(path)]
        assert count == len(sheets) and "Line 0" in sheets[0]
        assert drawn == [caption if picture == "plan" else caption - 1], f"{picture}, {lines}"
    assert (drawn, caption) == ([1], 2)  # the tall one: on the sheet after the text, as before


def test_a_chapter_ending_with_a_table_prints_its_foot_under_the_tables_last_row(
        qapp, tmp_path: Path) -> None:
    """A table ending the text at a sheet's foot left the chapter's foot alone on a sheet of
    its own; its last row goes on with it, under the table's header."""
    table = ("<table><thead><tr><th>Step</th><th>Who</th></tr></thead><tbody>"
             + "".join(f"<tr><td>Step {row}</td><td>Manager {row}</td></tr>" for row in range(4))
             + "</tbody></table>")
    for lines in range(42, 52):
        html = "".join(f"<p>Line {line} of the procedure.</p>" for line in range(lines))
        count, sheets = sheets_printed(tmp_path / f"{lines}.pdf", html + table + FOOT)
        assert count == len(sheets)
        last = sheets[-1]
        assert "Step 3 Manager 3 Last updated" in last, f"{lines} lines: {last!r}"
        assert "Step Who" in last  # whose row it is: the header comes with it
        assert " ".join(sheets).count("Step 3 Manager 3") == 1
    # a box taller than a sheet is not moved on: that would leave the sheet before all but
    # blank; nor is a sheet left blank by trying
    box = ('<table class="box"><tr><td>'
           + "".join(f"<p>Box line {line}</p>" for line in range(40)) + "</td></tr></table>")
    for lines in range(42, 47):
        html = "".join(f"<p>Line {line} of the procedure.</p>" for line in range(lines))
        count, sheets = sheets_printed(tmp_path / f"box{lines}.pdf", html + box + FOOT)
        assert count == len(sheets) and all(sheets), f"{lines} lines: {sheets}"
        assert f"Line {lines - 1} of the procedure. Box line 0" in " ".join(sheets)


def test_pictures_in_a_row_are_printed_apart_as_on_screen(qapp, tmp_path: Path) -> None:
    """Wrapped onto rows of one paragraph, pictures printed touching, and a picture touched
    the table under it; on screen a line's spacing stands between them."""
    images = tmp_path / "content" / "chapters" / "images"
    images.mkdir(parents=True)
    assert filled_picture(400, 100).save(str(images / "step.png"))
    path = tmp_path / "row.pdf"
    html = ('<p><img src="images/step.png"/> <img src="images/step.png"/> '
            '<img src="images/step.png"/></p>')
    export_pdf(path, html, stylesheet("light"), "H", ["F"], tmp_path / "content")
    rows = [place for _sheet, _w, _h, place in pictures_printed(path)]
    assert len({left for left, _bottom, _width, _height in rows}) == 1  # one under another
    for (_left, bottom, _w, _h), (_left2, next_bottom, _w2, next_height) in zip(
            rows, rows[1:], strict=False):
        assert bottom - (next_bottom + next_height) >= 4  # points: about 1.5 mm or more
    document = laid_out('<p><img src="step.png"/></p><table class="grid"><tr><td>Step 1'
                        "</td></tr></table>", paper_stylesheet(stylesheet("light")),
                        QSizeF(800, 1600), pictures={"step.png": filled_picture(400, 100)})
    layout = document.documentLayout()
    picture = layout.blockBoundingRect(document.begin())
    line = document.begin().layout().lineAt(0)
    table = next(frame for frame in document.rootFrame().childFrames()
                 if isinstance(frame, QTextTable))
    assert layout.frameBoundingRect(table).top() - (picture.top() + line.y() + 100) >= 5


def test_each_pdf_exported_is_let_go_once_written(qapp, tmp_path: Path) -> None:
    def writers() -> int:
        gc.collect()
        return sum(isinstance(thing, QPdfWriter) for thing in gc.get_objects())

    before = writers()
    for number in range(3):  # a day's exports: none stays in the reader's memory
        export_pdf(tmp_path / f"{number}.pdf", "<p>One paragraph.</p>", stylesheet("light"),
                   "Manual", ["Printed today"])
    assert writers() == before
    assert (tmp_path / "2.pdf").stat().st_size > 0


def test_the_start_page_header_names_the_manual_once(manual: Manual) -> None:
    assert printed_header(manual.info, manual.info.title) == manual.info.title


def test_rules_print_dark_on_white_whatever_the_screen_theme(qapp) -> None:
    from PySide6.QtGui import QPalette

    from reader.ui.printing import _paper_palette
    from reader.ui.theme import apply_theme

    from ..contrast import contrast_ratio

    try:
        apply_theme(qapp, "high-contrast")  # its palette draws rules white
        paper = _paper_palette()
        for role in (QPalette.ColorRole.Dark, QPalette.ColorRole.Text):
            assert contrast_ratio(paper.color(role).name(), "#ffffff") >= 3.0, role
    finally:
        apply_theme(qapp, "system")


def test_a_pdf_made_in_the_high_contrast_theme_has_no_white_ink(qapp, tmp_path: Path) -> None:
    """Text and rules the stylesheet does not colour take the palette's: the paper's, not the
    screen's, or they print white on white."""
    from reader.ui.theme import apply_theme

    path = tmp_path / "rules.pdf"
    try:
        apply_theme(qapp, "high-contrast")
        export_pdf(path, "<p>Before the rule</p><hr/><table border='1'><tr><td>a cell</td>"
                   "</tr></table>", "", "H", ["F"])
    finally:
        apply_theme(qapp, "system")
    drawing = PdfReader(str(path)).pages[0].get_contents().get_data().decode("latin-1")
    inks = set(re.findall(r"([\d.]+ [\d.]+ [\d.]+) (?:scn|SCN)", drawing))
    assert inks  # the colours are found where Qt writes them
    assert "1 1 1" not in inks


def test_boxes_and_table_lines_are_dark_enough_to_print(qapp, chapter: Page,
                                                       manual: Manual) -> None:
    from ..contrast import contrast_ratio

    # 1.1.1's scope and amendment boxes, and the lines of a table written in Markdown
    timescales, _, _ = ChapterRenderer(manual).markdown_to_html("\n".join(TIMESCALES))
    document = laid_out(chapter.html + timescales, paper_stylesheet(stylesheet("light")),
                        QSizeF(600, 800))
    edges = {frame.format().borderBrush().color().name()
             for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable)}
    assert edges
    for edge in edges:
        assert contrast_ratio(edge, "#ffffff") >= 3.0, edge


@pytest.mark.parametrize("page_height", [300, 317, 351, 400])
def test_a_page_edge_at_a_line_break_splits_cleanly(qapp, page_height: int) -> None:
    # list items with a note on a second line, as section pages and What's new have

    from reader.ui.printing import _page_edge_splits

    html = "<ul>" + "".join(f"<li>Item {i} of the list<br/><i>Note: item {i}</i></li>"
                            for i in range(120)) + "</ul>"
    document = laid_out(html, stylesheet("light"), QSizeF(400, page_height))
    # a paragraph still over an edge is drawn twice, once hidden: PDF search finds the copy
    assert _page_edge_splits(document, page_height) == []
    block, texts, bullets = document.begin(), [], 0
    while block.isValid():
        texts.append(block.text())
        bullets += block.textList() is not None
        block = block.next()
    assert all(text.strip() for text in texts)  # no blank lines at the top of a sheet
    assert bullets == 120  # the rest of an item on the next sheet has no bullet of its own
    assert sum(text.startswith("Note: item") for text in texts) >= 1  # an edge fell at a <br/>


def sheet(document: QTextDocument, text: str, height: float) -> int:
    """The sheet, of this height, on which the first line of the block with `text` falls."""
    block = document.find(text).block()
    first_line = block.layout().lineAt(0).y()
    return int((document.documentLayout().blockBoundingRect(block).top() + first_line)
               // height)


@pytest.mark.parametrize("paragraphs", range(8, 20))
def test_a_heading_is_never_left_alone_at_the_foot_of_a_sheet(qapp, paragraphs: int) -> None:
    html = ("<p>A paragraph with some words in it.</p>" * paragraphs + "<h2>Sections</h2><ul>"
            + "".join(f"<li>Section {i}</li>" for i in range(10)) + "</ul>")
    height = 300
    document = laid_out(html, stylesheet("light"), QSizeF(400, height))
    assert sheet(document, "Sections", height) == sheet(document, "Section 0", height)


@pytest.mark.parametrize("paragraphs", range(8, 20))
def test_headings_one_under_another_stay_with_the_text_after_them(qapp, paragraphs: int) -> None:
    """A section's heading then its first subheading: the section's was left alone at the
    foot of a sheet when only the subheading went on with its text."""
    html = ("<p>A paragraph with some words in it.</p>" * paragraphs + "<h2>Referrals</h2>"
            "<h3>Making a referral</h3><p>The first words of the part.</p>")
    height = 300
    document = laid_out(html, stylesheet("light"), QSizeF(400, height))
    assert sheet(document, "Referrals", height) == sheet(document, "Making a referral", height) \
        == sheet(document, "The first words", height)


# at 240 and 400 the table's last row falls across a sheet's edge
@pytest.mark.parametrize("grid", [False, True])  # with lines between its cells, as Markdown's
@pytest.mark.parametrize("boxed", [False, True])
@pytest.mark.parametrize("page_height", [240, 260, 340, 400, 420])
def test_a_table_row_is_printed_whole_on_one_sheet(qapp, page_height: int, boxed: bool,
                                                   grid: bool) -> None:
    # a row cut at a page edge began the next sheet with the end of a cell's text, away from
    # the number and name that say whose row it is
    rows = "".join(f"<tr><td>{i}</td><td>Row {i} {'says a little more ' * (4 * (i % 3) + 2)}"
                   "</td></tr>" for i in range(12))
    opening = '<table class="grid" cellspacing="1">' if grid else "<table>"
    html = f"{opening}<thead><tr><th>N</th><th>Text</th></tr></thead>{rows}</table>"
    if boxed:  # a table inside one of the manual's boxes
        html = f'<table class="box"><tr><td><p>Contacts</p>{html}</td></tr></table>'
    document = laid_out(f"{html}<p>After</p>", stylesheet("light"), QSizeF(300, page_height))
    layout = document.documentLayout()
    frames, tables = list(document.rootFrame().childFrames()), []
    while frames:
        frame = frames.pop(0)
        frames[:0] = frame.childFrames()
        tables += [frame] if isinstance(frame, QTextTable) else []
    table = tables[-1]  # the rows' own table, not its box

    def sheets(row: int) -> set[int]:
        found = set()
        for column in range(table.columns()):
            cursor = table.cellAt(row, column).firstCursorPosition()
            block = cursor.block()
            while block.isValid() and block.position() <= table.cellAt(
                    row, column).lastCursorPosition().position():
                top = layout.blockBoundingRect(block).top()
                lines = block.layout()
                found |= {int((top + lines.lineAt(i).y()) // page_height)
                          for i in range(lines.lineCount())}
                block = block.next()
        return found

    every_row = [sheets(row) for row in range(1, table.rows())]
    assert all(len(found) == 1 for found in every_row), every_row
    assert every_row[-1] != every_row[0]  # the table does run over more than one sheet
    assert "Row 11" in " ".join(document.toPlainText().split())  # nothing lost


def test_a_table_header_is_never_left_alone_at_the_foot_of_a_sheet(qapp) -> None:
    # the table starts low on the sheet: its first row is cut rather than moved on, which
    # would leave the header with nothing under it
    rows = "".join(f"<tr><td>{i}</td><td>Row {i} {'says a little more ' * (4 * (i % 3) + 2)}"
                   "</td></tr>" for i in range(6))
    html = ("<p>A paragraph before the table.</p>" * 5
            + f"<table><thead><tr><th>N</th><th>Text</th></tr></thead>{rows}</table>")
    printed = printed_lines(laid_out(html, stylesheet("light"), QSizeF(300, 240)), 240)
    sheets = [sheet for text, sheet in printed if text.strip()]
    texts = [text.strip() for text, _sheet in printed if text.strip()]
    header = texts.index("N")
    assert sheets[header] == sheets[texts.index("0")] == sheets[header + 2]


def printed_lines(document: QTextDocument, page_height: float) -> list[tuple[str, int]]:
    """Each line of text with the sheet it is printed on; a line that would fall in a sheet's
    clipped edge (drawn on no sheet) fails the test."""
    from reader.ui.printing import PAGE_EDGE_PX

    layout = document.documentLayout()
    found = []
    block = document.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            text = block.text()[line.textStart():line.textStart() + line.textLength()]
            sheet = int((top + line.y()) // page_height)
            # as printing clips each sheet: a thin edge strip at top and bottom is not drawn
            shown = (sheet * page_height + PAGE_EDGE_PX / 2, (sheet + 1) * page_height
                     - PAGE_EDGE_PX / 2)
            bottom = top + line.y() + line.height()
            assert not text.strip() or shown[0] <= top + line.y() and bottom <= shown[1], (
                f"{text!r} is cut at the edge of sheet {sheet}")
            found.append((text, sheet))
        block = block.next()
    return found


@pytest.mark.parametrize("before", [0, 3])
def test_a_table_row_taller_than_a_sheet_is_split_across_sheets_with_every_line(
        qapp, before: int) -> None:
    said = [f"Line {i} of a row with more to say than one sheet holds." for i in range(40)]
    html = ("<p>A paragraph before the table.</p>" * before
            + "<table><thead><tr><th>N</th><th>Text</th></tr></thead>"
            "<tr><td>1</td><td>Short</td></tr>"
            f"<tr><td>2</td><td>{'<br/>'.join(said)}</td></tr><tr><td>3</td><td>After</td></tr>"
            "</table>")
    document = laid_out(html, stylesheet("light"), QSizeF(400, 200))
    printed = printed_lines(document, 200)
    text = " ".join(" ".join(text for text, _sheet in printed).split())
    for sentence in said:
        assert sentence in text
    sheets = {text: sheet for text, sheet in printed}
    # it cannot start a sheet whole, so it starts where it falls: moved, it left the sheet
    # before all but blank
    assert sheets["2"] == sheets["Short"]
    assert sheets["After"] > sheets["2"]


def test_a_picture_stands_directly_above_its_caption(qapp) -> None:
    html = '<p><img src="pic.png"></p><p class="figure-caption">Figure 1: the steps</p>'
    document = laid_out(html, stylesheet("light"), QSizeF(400, 800),
                        pictures={"pic.png": filled_picture(200, 100)})
    layout = document.documentLayout()
    shown = layout.blockBoundingRect(document.begin())
    caption = layout.blockBoundingRect(document.find("Figure 1").block())
    # a blank strip 40% of the picture's height stood between them
    assert caption.top() - shown.top() - 100 < 15


def picture_sheet(document: QTextDocument, height: float) -> int:
    """The sheet, of this height, on which the first picture falls."""
    block = document.find("\ufffc").block()
    return int((document.documentLayout().blockBoundingRect(block).top()
                + block.layout().lineAt(0).y()) // height)


@pytest.mark.parametrize("placed", ["in the text", "under a heading", "in a box"])
@pytest.mark.parametrize("paragraphs", range(3, 15))  # the picture creeping down two sheets
def test_a_caption_prints_on_the_sheet_of_its_picture(qapp, paragraphs: int,
                                                       placed: str) -> None:
    """A picture ending a sheet, or at its foot with no room left under it, had its caption
    printed alone at the top of the next sheet; it goes on with its caption (and heading)."""
    figure = ('<p><img src="pic.png"></p><p class="figure-caption">Figure 1: the steps</p>'
              "<p>After the figure.</p>")
    text = "<p>A paragraph with some words in it.</p>" * paragraphs
    html = {"in the text": text + figure,
            "under a heading": f"{text}<h2>Steps</h2>{figure}",
            "in a box": f'<table class="box"><tr><td>{text}{figure}</td></tr></table>'}[placed]
    height = 300
    document = laid_out(html, stylesheet("light"), QSizeF(400, height),
                        pictures={"pic.png": filled_picture(200, 100)})
    shown = picture_sheet(document, height)
    assert sheet(document, "Figure 1", height) == shown
    assert sheet(document, "A paragraph", height) == 0  # nothing else moved: no blank sheet
    if placed == "under a heading":
        assert sheet(document, "Steps", height) == shown


def test_a_picture_wider_than_the_sheet_is_printed_whole_within_it(qapp) -> None:
    """A wide diagram ran off the sheet's right edge: its right part was not on paper."""
    html = ('<p><img src="wide.png"></p><ul><li>In a list: <img src="wide.png"></li></ul>'
            '<p><img src="wide.png" width="1500" height="100"></p>'
            # wider than the sheet only in the printer's pixels; a width alone keeps its shape
            '<p><img src="wide.png" width="600" height="40"></p>'
            '<p><img src="wide.png" width="1500"></p>')
    # two device pixels to a CSS pixel, as a printer has more
    document = laid_out(html, stylesheet("light"), QSizeF(800, 1600),
                        pictures={"wide.png": filled_picture(3000, 200)}, dpi=192)
    assert document.size().width() <= 800  # nothing beyond the sheet's edge
    block = document.begin()
    pictures = 0
    while block.isValid():
        lines = block.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            assert line.naturalTextWidth() <= line.width() + 0.5, block.text()
            if "\ufffc" in block.text()[line.textStart():line.textStart() + line.textLength()]:
                pictures += 1
                # scaled down whole, not squashed: as tall for its width as it was
                assert line.height() == pytest.approx(line.naturalTextWidth() / 15, abs=2)
        block = block.next()
    assert pictures == 5


def diagram_svg(width: int, height: int) -> str:
    """A flowchart's makings: one-pixel lines a pixel apart, and small words."""
    lines = "".join(f'<rect y="{2 + 3 * n}" width="{width}" height="1" fill="black"/>'
                    for n in range(height // 3))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
            f'<rect width="{width}" height="{height}" fill="white"/>{lines}'
            '<text x="4" y="40" font-size="9">Refer to the MASH</text></svg>')


def pictures_printed(path: Path) -> list[tuple[int, int, int, list[float]]]:
    """Each picture drawn in a PDF: its sheet, its pixels across and down, and where it is
    on the sheet (left, bottom, width, height in points)."""
    drawn = []
    for number, page in enumerate(PdfReader(path).pages):
        images = page["/Resources"].get("/XObject", {})

        def visit(operator: bytes, operands: list, cm: list[float], _tm: list[float],
                  number: int = number, images: dict = images) -> None:
            if operator == b"Do":
                image = images[operands[0]].get_object()
                drawn.append((number, int(image["/Width"]), int(image["/Height"]),
                              [round(value, 2) for value in (cm[4], cm[5], cm[0], cm[3])]))

        page.extract_text(visitor_operand_before=visit)
    return drawn


def test_an_svg_diagram_prints_at_paper_resolution_where_a_picture_of_its_size_prints(
        qapp, tmp_path: Path) -> None:
    """Drawn at 96 dots an inch, a flowchart's lines and words printed soft and stepped."""
    from PySide6.QtGui import QImage

    images = tmp_path / "content" / "chapters" / "images"
    images.mkdir(parents=True)
    # a diagram narrower than the sheet (its pixels at 288 dpi are not), and one wider than
    # the sheet, printed shrunk to its width
    for name, width, height in (("diagram", 400, 60), ("wide", 1500, 90)):
        svg = diagram_svg(width, height)
        (images / f"{name}.svg").write_text(svg, encoding="utf-8")
        assert QImage.fromData(svg.encode()).save(str(images / f"{name}.png"))
    paragraph = "<p>" + "Words of the procedure around its pictures. " * 12 + "</p>"

    def printed(kind: str) -> tuple[int, list[str], list[tuple[int, int, int, list[float]]]]:
        path = tmp_path / f"{kind}.pdf"
        page = (f'{paragraph}<p><img src="images/diagram.{kind}"/></p>{paragraph}'
                f'<p><img src="images/wide.{kind}"/></p>') * 6
        count = export_pdf(path, page, stylesheet("light"), "H", ["F"], tmp_path / "content")
        return count, [sheet.extract_text() for sheet in PdfReader(path).pages], \
            pictures_printed(path)

    svg_count, svg_text, svg_pictures = printed("svg")
    png_count, png_text, png_pictures = printed("png")
    assert svg_count == png_count > 1
    assert svg_text == png_text
    # each where, and as big as, the same picture as a PNG of its size: the sheets as before
    assert [(sheet, place) for sheet, _w, _h, place in svg_pictures] == \
        [(sheet, place) for sheet, _w, _h, place in png_pictures]
    # a PNG as it is; an SVG in three times its pixels each way, 288 dots an inch
    assert {(w, h) for _sheet, w, h, _place in png_pictures} == {(400, 60), (1500, 90)}
    assert {(w, h) for _sheet, w, h, _place in svg_pictures} == {(1200, 180), (4500, 270)}


def test_a_huge_svg_prints_as_finely_as_the_memory_limit_allows(qapp, tmp_path: Path) -> None:
    from PySide6.QtCore import QSizeF, QUrl

    from reader.ui.printing import PaperDocument

    images = tmp_path / "content" / "chapters" / "images"
    images.mkdir(parents=True)
    # three times its size each way would be 34 million pixels, 135 MB for one picture
    (images / "huge.svg").write_text(diagram_svg(2500, 1500), encoding="utf-8")
    document = PaperDocument(tmp_path / "content")
    picture = document.resource(QTextDocument.ResourceType.ImageResource.value,
                                QUrl("images/huge.svg"))
    assert picture.width() * picture.height() <= 16_000_000  # 64 MB, as on screen
    assert picture.deviceIndependentSize() == QSizeF(2500, 1500)  # laid out at its own size
    assert picture.devicePixelRatio() == 2  # yet finer than the screen's one pixel to one


def test_a_long_preformatted_line_wraps_on_paper_and_keeps_its_line_breaks(qapp) -> None:
    """A block of code or an indented form text (Markdown makes a <pre> of either) ran on in
    one line past the sheet's right edge: the end of each long line was not on paper."""
    long_line = "Name of child:  " + "to be completed by the allocated social worker " * 3
    html = f"<pre><code>{long_line}\nSecond line</code></pre>"
    document = laid_out(html, paper_stylesheet(stylesheet("light")), QSizeF(400, 800))
    block = document.begin()
    lines = block.layout()
    assert lines.lineCount() > 2  # wrapped
    assert all(lines.lineAt(i).naturalTextWidth() <= lines.lineAt(i).width() + 0.5
               for i in range(lines.lineCount()))
    assert document.size().width() <= 400
    assert "Name of child:  to be" in block.text()  # its spaces kept as written
    assert "Second line" in document.toPlainText().splitlines()  # its own line still


@pytest.mark.parametrize("table", [
    '<table width="1200"><tr><td>Name</td><td>Role in the review</td></tr></table>',
    '<table><tr><td width="700">Name</td><td width="500">Role in the review</td></tr></table>',
    '<table width="1200"><tr><td width="900">Name</td><td>Role in the review</td></tr></table>',
    '<table><tr><td><table width="1200"><tr><td>Name</td><td>Role in the review</td></tr>'
    '</table></td></tr></table>',  # a table in a table's cell
])
def test_a_table_set_wider_than_the_sheet_is_printed_within_it(qapp, table: str) -> None:
    """A table written with a width for a wide screen ran off the sheet: its right-hand
    columns were not on paper."""
    document = laid_out(f"<p>Before</p>{table}<p>After</p>", stylesheet("light"),
                        QSizeF(800, 1600))
    layout = document.documentLayout()
    assert document.size().width() <= 800
    role = document.find("Role in the review").block()
    right = layout.blockBoundingRect(role).right()
    assert right <= 800 - 6  # the last column's text ends within the page's text
    assert role.layout().lineCount() == 1  # its share of the page, not squeezed out by another


def test_printing_reads_images_only_from_the_content_folder(qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    picture.fill(QColor("#336699"))
    (tmp_path / "content" / "chapters" / "images").mkdir(parents=True)
    assert picture.save(str(tmp_path / "content" / "chapters" / "images" / "in.png"))
    assert picture.save(str(tmp_path / "outside.png"))
    outside = (tmp_path / "outside.png").as_uri()  # as a tampered update could name it

    def sizes_printed(src: str) -> list[tuple[int, int]]:
        path = tmp_path / "page.pdf"
        export_pdf(path, f'<p>Before</p><img src="{src}"/><p>After</p>',
                   stylesheet("light"), "H", ["F"], tmp_path / "content")
        return [(int(image["/Width"]), int(image["/Height"]))
                for page in PdfReader(path).pages
                for image in (x.get_object() for x in
                              page["/Resources"].get("/XObject", {}).values())
                if image.get("/Subtype") == "/Image"]

    assert sizes_printed("images/in.png") == [(8, 8)]
    for refused in (outside, str(tmp_path / "outside.png"), "//" + str(tmp_path / "outside.png")):
        # not the picture: Qt's mark for an image it cannot show
        assert (8, 8) not in sizes_printed(refused), refused


def test_each_picture_is_read_once_however_often_the_page_is_laid_out(
    qapp, monkeypatch, tmp_path: Path
) -> None:
    from collections import Counter

    from PySide6.QtGui import QColor, QImage

    from reader.ui import printing

    images = tmp_path / "content" / "chapters" / "images"
    images.mkdir(parents=True)
    for name in ("a.png", "b.png"):
        picture = QImage(8, 8, QImage.Format.Format_RGB32)
        picture.fill(QColor("#336699"))
        assert picture.save(str(images / name))
    read: Counter[str] = Counter()
    real = printing.content_resource

    def counted(kind: int, address: str, content_dir: Path | None, *args: object,
                **kwargs: object) -> object:
        read[address] += 1
        return real(kind, address, content_dir, *args, **kwargs)

    monkeypatch.setattr(printing, "content_resource", counted)
    # over several sheets, with a heading to keep with its text: laid out again and again
    page = ('<h2>Pictures</h2><img src="images/a.png"/><p>Text.</p>' * 40
            + '<img src="images/b.png"/>')
    count = export_pdf(tmp_path / "page.pdf", page, stylesheet("light"), "H", ["F"],
                       tmp_path / "content")
    assert count > 1
    assert read == {"images/a.png": 1, "images/b.png": 1}


def test_an_unwritable_pdf_path_is_a_plain_error(qapp, tmp_path: Path, monkeypatch) -> None:
    from reader.ui import printing

    laid_out_pages: list[str] = []
    monkeypatch.setattr(printing, "_print_on", lambda *args: laid_out_pages.append(args[2]) or 1)
    path = tmp_path / "no such folder" / "x.pdf"
    # and why: the folder is gone, the disk full, the file may not be written
    with pytest.raises(PrintError, match=re.escape(f"Could not write the PDF to {path}: ")):
        export_pdf(path, "<p>x</p>", "", "H", ["F"])
    assert laid_out_pages == []  # said before a long chapter is laid out, not after


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to stand for a full disk")
@pytest.mark.parametrize("paragraphs", [1, 200])
def test_a_pdf_on_a_full_disk_is_not_reported_saved(qapp, paragraphs: int) -> None:
    """A one-sheet PDF was "Saved" with nothing written; a longer one blamed "the printer"."""
    path = Path("/dev/full")  # opens, as a full disk does; every write fails
    with pytest.raises(PrintError, match=re.escape(f"Could not write the PDF to {path}: ")
                      + "No space left on device"):
        export_pdf(path, "<p>A paragraph with some words in it.</p>" * paragraphs, "", "H",
                   ["F"])


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to stand for a full disk")
def test_printing_to_a_file_on_a_full_disk_is_not_reported_saved(qapp) -> None:
    """The print dialog's "Print to file": "Saved 3 pages to" a file with nothing in it."""
    from PySide6.QtPrintSupport import QPrinter

    from reader.ui.printing import print_page

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName("/dev/full")
    with pytest.raises(PrintError, match="No space left on device"):
        print_page("<p>A paragraph with some words in it.</p>" * 200, "", "H", ["F"], printer)


def test_printing_to_a_file_keeps_the_paper_size_chosen(qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    from reader.ui.printing import prepare_printer, print_page

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, "Derby City \u2014 1.1.1")
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))  # as chosen in the dialog
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    path = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(path))
    count = print_page("<p>A paragraph with some words in it.</p>" * 100, "", "H", ["F"],
                       printer)
    reader = PdfReader(path)
    assert len(reader.pages) == count > 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # Letter, points
    assert reader.metadata.title == "Derby City \u2014 1.1.1"
    assert f"Page {count} of {count}" in words(reader.pages[-1].extract_text())


@pytest.mark.parametrize("fails", ["laying out", "writing"])
def test_a_pdf_that_fails_leaves_the_earlier_copy_of_that_name_as_it_was(
        qapp, tmp_path: Path, monkeypatch, fails: str) -> None:
    """Exported again over last week's PDF, and failing: that copy was left empty, or gone."""
    import os

    from reader.ui import printing

    path = tmp_path / "1.1.1 Policies.pdf"
    path.write_bytes(b"%PDF-1.4 last week's copy")
    if fails == "laying out":
        def stopped(*_args: object) -> int:
            raise PrintError("Could not write the PDF.")

        monkeypatch.setattr(printing, "_print_on", stopped)
    else:
        def full(_fd: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(PrintError):
        export_pdf(path, "<p>x</p>", "", "H", ["F"])
    assert path.read_bytes() == b"%PDF-1.4 last week's copy"
    assert [file.name for file in tmp_path.iterdir()] == [path.name]  # nothing half-written


def test_a_pdf_written_over_an_earlier_one_replaces_it(qapp, tmp_path: Path) -> None:
    path = tmp_path / "chapter.pdf"
    path.write_bytes(b"%PDF-1.4 last week's copy")
    path.chmod(0o640)
    export_pdf(path, "<p>This week's words.</p>", "", "H", ["F"])
    assert "This week's words." in words(PdfReader(path).pages[0].extract_text())
    assert path.stat().st_mode & 0o777 == 0o640  # as shared as it was
    assert [file.name for file in tmp_path.iterdir()] == [path.name]


def test_a_pdf_written_through_a_link_replaces_the_file_linked_to(qapp, tmp_path: Path) -> None:
    # a shortcut on the desktop to the record's folder copy: that copy is the one to update,
    # and the link stays a link to it
    shared = tmp_path / "records" / "chapter.pdf"
    shared.parent.mkdir()
    shared.write_bytes(b"%PDF-1.4 last week's copy")
    link = tmp_path / "chapter link.pdf"
    link.symlink_to(shared)
    export_pdf(link, "<p>This week's words.</p>", "", "H", ["F"])
    assert link.is_symlink() and link.resolve() == shared
    assert "This week's words." in words(PdfReader(shared).pages[0].extract_text())


def test_a_read_only_pdf_is_not_written_over(qapp, tmp_path: Path, monkeypatch) -> None:
    # made read-only on purpose (a copy sent with a record): replacing it by a rename
    # would get round that
    import os

    path = tmp_path / "chapter.pdf"
    path.write_bytes(b"%PDF-1.4 the copy sent")
    path.chmod(0o444)
    # as an account other than root finds it (root may write anything)
    monkeypatch.setattr(os, "access", lambda file, _mode: Path(file).stat().st_mode & 0o200)
    with pytest.raises(PrintError, match="the file is read-only"):
        export_pdf(path, "<p>This week's words.</p>", "", "H", ["F"])
    assert path.read_bytes() == b"%PDF-1.4 the copy sent"
    assert [file.name for file in tmp_path.iterdir()] == [path.name]


def test_a_print_job_that_fails_is_called_off_at_the_printer(qapp, tmp_path: Path,
                                                             monkeypatch) -> None:
    """Pages asked for that the page has not: no job of a blank sheet left at the printer."""
    from PySide6.QtPrintSupport import QPrinter

    from reader.ui.printing import _print_on

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a printer the test can open
    printer.setOutputFileName(str(tmp_path / "job.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(5, 6)
    called_off: list[bool] = []
    monkeypatch.setattr(QPrinter, "abort", lambda _self: called_off.append(True) or True)
    with pytest.raises(PrintError, match="nothing to print in pages 5-6"):
        _print_on(printer, "Could not start printing.", "<p>One sheet.</p>", "", "H", ["F"],
                  None)
    assert called_off == [True]


def test_printing_pages_2_to_3_prints_those_sheets_only(qapp, tmp_path: Path) -> None:
    """The print dialog offers "Pages from ... to"; every sheet was printed whatever was asked."""
    from PySide6.QtPrintSupport import QPrinter

    from reader.ui.printing import print_page

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    path = tmp_path / "pages.pdf"
    printer.setOutputFileName(str(path))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)  # as chosen in the dialog
    page = "".join(f"<p>Paragraph {i} with some words in it.</p>" for i in range(200))
    printed = print_page(page, "", "H", ["F"], printer)
    sheets = [words(sheet.extract_text()) for sheet in PdfReader(path).pages]
    assert printed == len(sheets) == 2
    numbers = [re.search(r"Page (\d+) of (\d+)", sheet).groups() for sheet in sheets]
    whole = numbers[0][1]
    assert numbers == [("2", whole), ("3", whole)] and int(whole) > 3  # numbered as in the whole
    assert "Paragraph 0 " not in " ".join(sheets)  # not the first sheet's text


def test_a_page_range_past_the_last_sheet_is_said_not_printed_blank(qapp,
                                                                    tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from reader.ui.printing import print_page

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    path = tmp_path / "pages.pdf"
    printer.setOutputFileName(str(path))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(5, 9)
    with pytest.raises(PrintError, match="prints on 1 sheet.*5"):
        print_page("<p>Short.</p>", "", "H", ["F"], printer)
    assert not path.exists()


def test_a_printer_that_stops_part_way_is_a_plain_error(qapp, tmp_path: Path) -> None:
    """Out of paper, or the job cancelled at the printer: not "Printed 3 pages"."""
    from reader.ui.printing import _print_on

    class StoppingPrinter(QPdfWriter):
        def newPage(self) -> bool:
            return False

    printer = StoppingPrinter(str(tmp_path / "stopped.pdf"))
    long_page = "<p>A paragraph with some words in it.</p>" * 200
    with pytest.raises(PrintError, match="stopped before the last page"):
        _print_on(printer, "Could not start printing.", long_page, "", "H", ["F"], None)


@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")  # what Qt logs of it
def test_a_printer_that_cannot_start_is_a_plain_error(qapp, tmp_path: Path) -> None:
    """Switched off, or gone from the network: not "Sent 0 pages to the printer"."""
    from reader.ui.printing import _print_on

    unreachable = QPdfWriter(str(tmp_path / "no such folder" / "job.pdf"))  # will not open
    with pytest.raises(PrintError, match="^Could not start printing to Office Laser.$"):
        _print_on(unreachable, "Could not start printing to Office Laser.", "<p>x</p>", "",
                  "H", ["F"], None)


# links a tampered chapter could hold, each written so a pattern match might miss it
HOSTILE_LINKS = (
    '<p><a href="https://example.org/a"><a href="file:///etc/passwd">nested</a></a></p>'
    '<p><a href="https://example.org/b" href="file:///etc/shadow">two hrefs</a></p>'
    "<p><a href='smb://server/share/x'>single quotes</a></p>"
    "<p><a href=file:///home/someone/.ssh/id_rsa>no quotes</a></p>"
    '<p><A\nHREF="FILE:///etc/group">upper case, new line</A></p>'
    '<p><a href="javascript:alert(1)">script</a></p>'
    '<p><a title="x" href="file:///never/closed">never closed</p>'
)


def test_a_pdf_keeps_only_web_and_mail_links_live(qapp, tmp_path: Path, manual: Manual) -> None:
    page = HOSTILE_LINKS + (
        '<p><a href="mailto:team@example.org?attach=/home/someone/.ssh/id_rsa&amp;subject=Hi">'
        "the team</a></p>"
    )
    path = tmp_path / "links.pdf"
    export_pdf(path, paper_html(page, manual), stylesheet("light"), "H", ["F"])

    reader = PdfReader(path)
    live = [annotation.get_object()["/A"]["/URI"]
            for pdf_page in reader.pages
            for annotation in pdf_page.get("/Annots", [])
            if "/A" in annotation.get_object()]
    assert live and all(uri.startswith(("https://example.org/", "mailto:")) for uri in live)
    assert "mailto:team@example.org?subject=Hi" in live  # no file attached to a new email
    text = words(reader.pages[0].extract_text())
    for shown in ("nested", "two hrefs", "single quotes", "no quotes", "upper case, new line",
                  "script", "never closed", "the team"):
        assert shown in text  # the words stay; only the link goes


def test_export_to_pdf_asks_no_print_service(window, monkeypatch, tmp_path: Path) -> None:
    # making a QPrinter asks CUPS for printers: over the network where CUPS_SERVER names
    # another machine, minutes of waiting where that machine does not answer
    from reader.ui import print_actions, printing

    class NoPrinter:
        PrinterMode = printing.QPrinter.PrinterMode

        def __init__(self, *_args: object) -> None:
            raise AssertionError("Export to PDF asked the print service for a printer")

    monkeypatch.setattr(printing, "QPrinter", NoPrinter)
    monkeypatch.setattr(print_actions, "QPrinter", NoPrinter)
    window.open_entry("1.1.1")
    path = print_actions.export_current(window, tmp_path / "chapter.pdf")
    assert path is not None
    assert words(PdfReader(path).pages[0].extract_text()).startswith(
        "Derby City Children's Social Care Procedures \u2014 1.1.1")


def test_a_long_table_is_laid_out_again_a_few_times_not_once_a_sheet(qapp, monkeypatch) -> None:
    # each page break lays the whole table out again: one per sheet took seconds for 1000 rows
    from reader.ui import paper_table_rows

    lengths = random.Random(1).choices(range(1, 12), k=150)  # rows of one line to five
    rows = "".join(f"<tr><td>{i}</td><td>Row {i} {'says a little more ' * length}</td></tr>"
                   for i, length in enumerate(lengths))
    html = f"<table><thead><tr><th>N</th><th>Text</th></tr></thead>{rows}</table><p>After</p>"

    real = paper_table_rows.TableRows.break_before

    def sheets_of_rows() -> tuple[list[int], int]:
        edits = []

        def counted(self, rows: list[int], on: bool) -> None:
            edits.append(rows)
            real(self, rows, on)

        monkeypatch.setattr(paper_table_rows.TableRows, "break_before", counted)
        document = laid_out(html, stylesheet("light"), QSizeF(400, 300))
        table = paper_table_rows.TableRows(document, next(
            frame for frame in document.rootFrame().childFrames()
            if isinstance(frame, QTextTable)))
        sheets = [table.sheets(row, 300) for row in range(1, table.rows)]
        assert all(len(found) == 1 for found in sheets)  # every row printed whole
        return [min(found) for found in sheets], len(edits)

    foreseen, edits = sheets_of_rows()
    assert foreseen[-1] >= 20, foreseen[-1]  # many sheets
    # the same sheets as one break at a time, each seen laid out before the next
    monkeypatch.setattr(paper_table_rows._Fit, "breaks", lambda *_args: None)
    one_by_one, edits_one_by_one = sheets_of_rows()
    assert foreseen == one_by_one
    assert edits * 3 < edits_one_by_one, (edits, edits_one_by_one)


def test_the_start_page_prints_the_edition_and_address_not_keyboard_hints(
        window, tmp_path: Path, monkeypatch) -> None:
    from reader.ui import print_actions

    class PrintedOn(date):
        @classmethod
        def today(cls) -> date:
            return PRINTED_ON

    monkeypatch.setattr(print_actions, "date", PrintedOn)
    window.show_start_page()
    assert "Ctrl+" in window.chapter.toPlainText()  # on screen, the keys are the point
    path = print_actions.export_current(window, tmp_path / "start.pdf")
    assert path is not None
    text = words(" ".join(page.extract_text() for page in PdfReader(path).pages))
    assert "Printed 1 May 2026 \u00b7 Edition of 2 September 2024" in text  # how current
    assert "derbycsc.proceduresonline.com is the authoritative version" in text
    assert "Ctrl+" not in text


@pytest.mark.parametrize(("title", "suggested"), [
    ("5.9 Court Reports in Adoption/Special Guardianship Guidance",
     "5.9 Court Reports in Adoption Special Guardianship Guidance"),
    ("3.2.1 Prevention of Homelessness and Provision of Accommodation for 16 and 17 year olds "
     "who may be Homeless and/or require Accommodation",
     "3.2.1 Prevention of Homelessness and Provision of Accommodation for 16 and 17"),
    ('a:b*c?"d"<e>|f\\g', "a b c d e f g"),
    ("???", "procedures"),
    ("1.1.1 Children\u2019s Services Policies", "1.1.1 Childrens Services Policies"),
    ("9.9 " + "Seventeen " * 7 + "Family", "9.9 " + "Seventeen " * 7 + "Family"),  # 80 long
])
def test_the_pdf_file_name_offered_keeps_the_titles_words_apart_and_whole(
        title: str, suggested: str) -> None:
    # "AdoptionSpecial", or a name cut at "Disabili", is no name to find in a case record
    from reader.ui.print_actions import file_name

    assert file_name(title) == suggested


def test_the_status_bar_says_what_became_of_each_export(window, tmp_path, monkeypatch,
                                                        caplog) -> None:
    boxes: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, *said: boxes.append(said))
    window.open_entry("6.7.6")
    window.export_pdf(tmp_path / "first.pdf")
    assert window.statusBar().currentMessage().endswith("first.pdf")
    assert window.export_pdf(tmp_path / "no-such-folder" / "x.pdf") is None
    # it went on saying "Saved 1 page to first.pdf", as if the second export had gone there
    said = window.statusBar().currentMessage()
    assert not said.startswith("Saved") and "Could not write the PDF" in said
    assert boxes == [("Export to PDF", said)]  # said in a box as well, and in the log
    assert [record.getMessage() for record in caplog.records
            if record.levelname == "WARNING"] == [f"Export to PDF failed: {said}"]
    window.export_pdf(tmp_path / "second.pdf")
    assert window.statusBar().currentMessage().startswith("Saved 1 page to")
    assert window.statusBar().currentMessage().endswith("second.pdf")


def test_the_status_bar_says_what_became_of_each_print_to_a_file(window, tmp_path,
                                                                 monkeypatch) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from reader.ui.print_actions import print_current

    files = iter([tmp_path / "first.pdf", tmp_path / "no-such-folder" / "x.pdf",
                  tmp_path / "second.pdf"])

    def to_a_file(dialog: QPrintDialog) -> QPrintDialog.DialogCode:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(next(files)))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", to_a_file)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_args: None)
    window.open_entry("6.7.6")
    print_current(window)
    # the pages went to a file, not to a printer
    assert window.statusBar().currentMessage() == f"Saved 1 page to {tmp_path / 'first.pdf'}"
    print_current(window)
    said = window.statusBar().currentMessage()
    assert not said.startswith(("Saved", "Sent")) and "x.pdf" in said
    print_current(window)
    assert window.statusBar().currentMessage() == f"Saved 1 page to {tmp_path / 'second.pdf'}"


def test_each_button_of_the_print_dialog_has_a_name_in_words(window, monkeypatch) -> None:
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QAbstractButton

    from reader.ui.print_actions import print_current

    spoken: list[str] = []

    def look(dialog: QPrintDialog) -> QPrintDialog.DialogCode:
        dialog.show()
        spoken.extend(button.accessibleName() or button.text().replace("&", "")
                      for button in dialog.findChildren(QAbstractButton)
                      if button.isVisible())
        dialog.hide()
        return QPrintDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintDialog, "exec", look)
    print_current(window)
    # the button that chooses the file to print to was read out as "dot dot dot"
    assert spoken and [name for name in spoken if not re.search(r"[A-Za-z]", name)] == []


def test_export_offers_the_chapters_title_in_documents_and_cancel_writes_nothing(
        window, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCore import QStandardPaths

    from reader.ui import print_actions

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    asked: list[tuple[str, Path, str, str]] = []

    def cancelled(_parent: object, caption: str, suggested: Path, file_type: str,
                  suffix: str) -> None:
        asked.append((caption, suggested, file_type, suffix))

    monkeypatch.setattr(print_actions, "ask_save_path", cancelled)
    window.open_entry("6.7.6")
    assert print_actions.export_current(window) is None
    assert asked == [("Export to PDF", documents / "6.7.6 Staying Put Policy.pdf", "PDF files",
                      "pdf")]
    assert list(documents.iterdir()) == []  # cancelled: no file the person did not choose
    assert not window.statusBar().currentMessage().startswith("Saved")


def test_a_chapter_exported_while_the_screen_is_dark_prints_dark_ink(window,
                                                                    tmp_path: Path) -> None:
    from reader.ui import print_actions

    window.set_theme("dark")
    try:
        window.open_entry("1.1.1")
        path = print_actions.export_current(window, tmp_path / "dark.pdf")
    finally:
        window.set_theme("system")
    drawing = PdfReader(str(path)).pages[0].get_contents().get_data().decode("latin-1")
    inks = {"#" + "".join(f"{round(float(part) * 255):02x}" for part in ink.split())
            for ink in re.findall(r"([\d.]+ [\d.]+ [\d.]+) (?:scn|SCN)", drawing)}
    assert "#1a1a1a" in inks  # the header's ink
    # the dark theme's text, pale grey, all but vanished on white; and its near-black page
    assert not inks & {"#e3e6ea", "#1b1f24"}, inks


def test_a_printed_table_keeps_its_words_whole(manual: Manual) -> None:
    # on an A4 sheet (174 mm of text at 1,200 dots an inch) Qt's equal shares broke
    # "practitioner|s" and "Accountabilit|y", as on screen
    html, _, _ = ChapterRenderer(manual).markdown_to_html("\n".join(TIMESCALES))
    document = laid_out(html, paper_stylesheet(stylesheet("light")), QSizeF(8220, 9000),
                        dpi=1200)
    table = next(frame for frame in document.rootFrame().childFrames()
                 if isinstance(frame, QTextTable))
    assert broken_words(table) == []


def test_a_printed_table_too_wide_for_its_sheet_breaks_only_its_widest_columns_words(
        manual: Manual) -> None:
    # a sheet 140 mm wide at 1,200 dots an inch: the cells' padding is reckoned at the
    # printer's resolution, or the narrow columns' words were broken too ("worke|r")
    html, _, _ = ChapterRenderer(manual).markdown_to_html("\n".join(TIMESCALES))
    document = laid_out(html, paper_stylesheet(stylesheet("light")), QSizeF(7000, 9000),
                        dpi=1200)
    table = next(frame for frame in document.rootFrame().childFrames()
                 if isinstance(frame, QTextTable))
    assert broken_words(table, range(3)) == []
    assert broken_words(table) != []
