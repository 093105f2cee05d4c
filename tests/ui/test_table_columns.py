"""A chapter's tables keep their words whole where the pane has room for them, with no
horizontal scroll bar; where it has not, the fewest words are broken."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QTextDocument, QTextLength, QTextTable
from PySide6.QtWidgets import QApplication

from reader.manual import load_manual
from reader.render import Page
from reader.resources import stylesheet
from reader.stylesheet_colours import rule_colours
from reader.ui.chapter_view import ChapterView
from reader.ui.main_window import MainWindow
from reader.ui.table_columns import _capped, _widths

CHAPTER = "childrens-services-policies-values-and-principles"  # 1.1.1
TIMESCALES = [
    "## Timescales", "",
    "| Stage | Who acts | Timescale | Conference | Recorded in | Notes for practitioners |",
    "| --- | --- | --- | --- | --- | --- |",
    "| Strategy discussion | Social worker and police | Within 1 working day of the referral "
    "| Initial Child Protection Conference within 15 working days | Case management system "
    "| Consider whether a medical examination is needed and record the decision |",
    "| Section 47 enquiry | Social worker | Completed within 15 working days "
    "| Review Child Protection Conference | Chronology "
    "| Accountability sits with the team manager |",
    "",
]
TERMS = ["| Term | Meaning |", "| --- | --- |", "| IRO | Independent Reviewing Officer |", ""]


def window_with(qtbot, content: Path, text: list[str], width: int = 1200,
                lead: tuple[str, ...] = ("Before the table.", "")) -> MainWindow:
    parts = ["---", "title: Children's Services Policies, Values and Principles",
             "last_updated: 2024-09-02", "version: 1", "---", "", *lead]
    (content / "chapters" / f"{CHAPTER}.md").write_text("\n".join(parts + text),
                                                        encoding="utf-8")
    window = MainWindow(load_manual(content))
    qtbot.addWidget(window)
    window.resize(width, 780)
    window.show()
    qtbot.waitExposed(window)
    window.open_entry(CHAPTER)
    settle()
    return window


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def tables(document: QTextDocument) -> list[QTextTable]:
    return [frame for frame in document.rootFrame().childFrames()
            if isinstance(frame, QTextTable) and frame.columns() > 1]


def broken_words(table: QTextTable, columns: range | None = None) -> list[str]:
    """Each word of the table (of these columns) that Qt laid out across two lines, as
    "Conferen|ce"."""
    broken = []
    for row in range(table.rows()):
        for column in columns or range(table.columns()):
            cell = table.cellAt(row, column)
            block = cell.firstCursorPosition().block()
            while block.isValid() and block.position() <= cell.lastPosition():
                text, layout = block.text(), block.layout()
                for number in range(layout.lineCount() - 1):
                    end = layout.lineAt(number).textStart() + layout.lineAt(number).textLength()
                    if not text[end - 1].isspace() and not text[end].isspace():
                        start = text.rfind(" ", 0, end) + 1
                        stop = text.find(" ", end)
                        word = text[start:stop if stop >= 0 else len(text)]
                        broken.append(word[:end - start] + "|" + word[end - start:])
                block = block.next()
    return broken


def test_a_six_column_table_keeps_every_word_whole_in_a_pane_with_room(
        qtbot, content_copy: Path) -> None:
    # Qt gave the six columns equal shares and broke "Conferen|ce", "practitione|rs" and
    # "Accountabilit|y" in a window 1,200 pixels wide, with room for each of them whole
    window = window_with(qtbot, content_copy, TIMESCALES)
    table = tables(window.chapter.document())[0]
    assert broken_words(table) == []
    assert window.chapter.horizontalScrollBar().maximum() == 0


def test_the_columns_are_fitted_again_when_the_window_narrows_and_widens(
        qtbot, content_copy: Path) -> None:
    window = window_with(qtbot, content_copy, TIMESCALES, width=683)
    table = tables(window.chapter.document())[0]
    assert broken_words(table) != []  # half a screen: too narrow for all six columns
    window.resize(1200, 780)
    settle()
    assert broken_words(table) == []
    assert window.chapter.horizontalScrollBar().maximum() == 0


def test_a_table_too_wide_for_the_pane_breaks_only_its_widest_columns_words(
        qtbot, content_copy: Path) -> None:
    window = window_with(qtbot, content_copy, TIMESCALES, width=683)
    table = tables(window.chapter.document())[0]
    # the narrowest column ("Who acts") keeps its words whole: only wider columns' give way
    assert broken_words(table, range(1, 2)) == []
    assert broken_words(table) != []
    assert window.chapter.horizontalScrollBar().maximum() == 0  # never scrolled sideways


def test_a_table_that_fits_unwrapped_keeps_its_own_width(qtbot, content_copy: Path) -> None:
    window = window_with(qtbot, content_copy, TERMS)
    document = window.chapter.document()
    table = tables(document)[0]
    width = document.documentLayout().frameBoundingRect(table).width()
    assert width < document.pageSize().width() / 2  # not stretched across the page


def test_the_columns_are_fitted_again_at_another_text_size(qtbot, content_copy: Path) -> None:
    window = window_with(qtbot, content_copy, TIMESCALES, width=1400)
    window.zoom(1)
    settle()
    assert broken_words(tables(window.chapter.document())[0]) == []
    window.zoom(-1)


def test_widths_given_in_the_content_are_kept(qtbot, tmp_path: Path) -> None:
    view = ChapterView(stylesheet("light"), tmp_path)
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.show()
    qtbot.waitExposed(view)
    cells = "".join(f"<td>{'Accountability sits with the team manager ' * 3}</td>"
                    for _ in range(4))
    view.show_page(Page("Widths", '<table><tr><td width="40">Stage</td>' + cells
                        + "</tr></table>"))
    constraints = tables(view.document())[0].format().columnWidthConstraints()
    assert [length.type() for length in constraints] == [
        QTextLength.Type.FixedLength] + [QTextLength.Type.VariableLength] * 4
    assert constraints[0].rawValue() == 40


def test_the_room_goes_to_the_longest_words_then_in_equal_shares() -> None:
    # the table fits unwrapped: Qt's own widths
    assert _widths([10, 10], [50, 50], 200) == []
    # each its longest word, then 25 more each, the first no wider than its longest line
    assert _widths([10, 20], [30, 100], 80) == [30, 50]
    # no room for every longest word: the narrow columns keep theirs, the widest share
    assert _widths([10, 40, 60], [100, 100, 100], 90) == [10, 40, 40]
    assert _capped([30, 30], 40) == [20, 20]


def test_at_no_width_does_a_table_give_the_page_a_horizontal_scroll_bar(
        qtbot, content_copy: Path) -> None:
    # shares of the whole pane came out a pixel wider than the page at one width in six,
    # and the page had a horizontal scroll bar for it
    window = window_with(qtbot, content_copy, TIMESCALES + TERMS)
    scrolled = []
    for width in range(560, 1500, 17):
        window.resize(width, 780)
        settle()
        if window.chapter.horizontalScrollBar().maximum() > 0:
            scrolled.append(width)
    assert scrolled == []


def test_a_table_written_in_markdown_has_lines_between_its_cells(
        qtbot, content_copy: Path) -> None:
    # without them, a cell of eight lines beside cells of two left the eye to guess which
    # row the next line belonged to
    window = window_with(qtbot, content_copy, TIMESCALES + [
        '<table><tr><td>Written in HTML</td><td>keeps its own look</td></tr></table>', ""])
    markdown, html = tables(window.chapter.document())
    # 3 rows and 6 columns, edged all round, in hairlines as a printed table has
    assert lines_seen(window.chapter, markdown) == ([1] * 4, [1] * 7)
    assert lines_seen(window.chapter, html) == ([], [])


def lines_seen(pane: ChapterView, table: QTextTable) -> tuple[list[int], list[int]]:
    """The widths of the lines of the theme's rule colour on screen across a table: down its
    first column, through each row, and along its last row, through each column."""
    rule = QColor(rule_colours(stylesheet("light"))["table.grid"]["background-color"])
    picture = pane.viewport().grab().toImage()
    layout = pane.document().documentLayout()
    # a little beyond the table's frame all round, for its edges wherever Qt draws them
    box = layout.frameBoundingRect(table).toRect().adjusted(-8, -8, 8, 8)
    assert pane.viewport().rect().contains(box)  # on screen, unscrolled
    first, last = (layout.blockBoundingRect(table.cellAt(row, 0).firstCursorPosition().block())
                   for row in (0, table.rows() - 1))
    down = [picture.pixelColor(int(first.left()) - 2, y) == rule  # in the cells' padding
            for y in range(box.top(), box.bottom() + 1)]
    along = [picture.pixelColor(x, int(last.center().y())) == rule
             for x in range(box.left(), box.right() + 1)]
    return _runs(down), _runs(along)


def _runs(seen: list[bool]) -> list[int]:
    """The lengths of the runs of True."""
    return [len(run) for run in "".join("x" if on else " " for on in seen).split()]


def test_a_table_in_a_box_is_fitted_to_the_room_inside_the_box(
        qtbot, content_copy: Path) -> None:
    # fitted to the page's width, the table was too wide for the box by its padding, and
    # every column gave way: the narrowest's "worker" was broken too
    window = window_with(qtbot, content_copy, [
        '<div class="scope" markdown="1">', "", "## Scope of this chapter", "",
        "Who does what, and when.", "", *TIMESCALES[2:], "</div>", ""], width=975, lead=())
    frames, found = list(window.chapter.document().rootFrame().childFrames()), []
    while frames:
        frame = frames.pop(0)
        frames[:0] = frame.childFrames()
        found += [frame] if isinstance(frame, QTextTable) and frame.columns() > 1 else []
    [table] = found
    assert broken_words(table, range(1, 2)) == []
    assert window.chapter.horizontalScrollBar().maximum() == 0
