"""The outline coming or going changes the chapter pane's width: the page is laid out once
for it, and the heading read at the top stays at the top. A place kept (Back, a closed tab,
the session) comes back to the same heading at another width or text size."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reader.manual import load_manual
from reader.render import Page
from reader.resources import stylesheet
from reader.session import load_session, save_session
from reader.ui.chapter_view import ChapterView
from reader.ui.main_window import OUTLINE_MIN_WINDOW_WIDTH, MainWindow

from .layouts import LayoutCounter, count_layouts

HEADINGS = 120  # a page longer than Qt lays out at once, as a long chapter is
LONG = "childrens-services-policies-values-and-principles"  # 1.1.1, made long here
PLAIN = "diversity-and-heritage"  # 1.1.3: no headings in its text


@pytest.fixture
def window(qtbot, content_copy: Path) -> MainWindow:
    """The window, 1,200 pixels wide, with a long chapter of headings open, read halfway."""
    parts = []
    for n in range(HEADINGS):
        parts += [f"## Heading {n}", "", "Some text under it. " * 12, ""]
    return window_reading(qtbot, content_copy, parts)


def window_reading(qtbot, content: Path, text: list[str]) -> MainWindow:
    """The window, 1,200 pixels wide, with the long chapter open with this text, read halfway."""
    parts = ["---", "title: A long chapter", "last_updated: 2024-09-02", "version: 1", "---", ""]
    (content / "chapters" / f"{LONG}.md").write_text("\n".join(parts + text), encoding="utf-8")
    win = MainWindow(load_manual(content))
    qtbot.addWidget(win)
    win.resize(1200, 780)
    win.show()
    qtbot.waitExposed(win)
    win.open_entry(LONG)
    settle(qtbot, win)
    bar = win.chapter.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    return win


def settle(qtbot, window: MainWindow) -> None:
    """The panes' widths settle: Qt lays out the window after a pane is shown or hidden."""
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(1)


def resize(qtbot, window: MainWindow, width: int) -> None:
    window.resize(width, 780)
    qtbot.waitUntil(lambda: window.width() == width)
    settle(qtbot, window)


def heading_at_top(view: ChapterView) -> str:
    """The heading of the part the reader sees at the top of the pane."""
    top = view.verticalScrollBar().value()
    return max((y, name) for name, y in view.anchor_positions().items() if y <= top + 5)[1]


def counted_pages(monkeypatch: pytest.MonkeyPatch) -> list[LayoutCounter]:
    """Each page shown from now on counts its layouts, from the first."""
    counters: list[LayoutCounter] = []
    set_html = ChapterView.setHtml

    def counted(view: ChapterView, html: str) -> None:
        set_html(view, html)
        counters.append(count_layouts(view.document()))

    monkeypatch.setattr(ChapterView, "setHtml", counted)
    return counters


@pytest.mark.parametrize("window_width", [1200, OUTLINE_MIN_WINDOW_WIDTH])
def test_the_outline_hidden_and_shown_lays_the_page_out_once_in_place(
        qtbot, window, window_width: int) -> None:
    # 1,200 pixels: the text keeps its measure either way, in wider margins without the
    # outline; 1,000: the text itself is wider without it, in other lines
    window.resize(window_width, 780)
    qtbot.waitUntil(lambda: window.width() == window_width)
    settle(qtbot, window)
    view = window.chapter
    width = view.width()
    reading = heading_at_top(view)
    resized: list[int] = []
    view.resized.connect(lambda: resized.append(view.viewport().width()))
    for wanted in (False, True):
        resized.clear()
        layouts = count_layouts(view.document())
        window.outline_action.trigger()
        settle(qtbot, window)
        assert window.outline.isVisible() == wanted
        assert (view.width() > width) != wanted
        assert layouts.count == 1, wanted
        # once: shown again, the pane took a horizontal scroll bar for a moment, and gave
        # it back, for the page still laid out at its wider width
        assert len(resized) == 1, (wanted, resized)
        assert heading_at_top(view) == reading, wanted


def test_a_page_opened_where_the_outline_comes_or_goes_is_laid_out_once(
        qtbot, window, monkeypatch: pytest.MonkeyPatch) -> None:
    counters = counted_pages(monkeypatch)
    left = count_layouts(window.chapter.document())
    window.open_entry(PLAIN)  # no headings: the outline goes, the pane widens
    settle(qtbot, window)
    assert not window.outline.isVisible()
    assert left.count == 0  # the page left is not laid out at the new width
    assert counters[-1].count == 1
    window.open_entry(LONG)  # and comes back
    settle(qtbot, window)
    assert window.outline.isVisible()
    assert counters[-1].count == 1


def test_a_window_narrowed_past_the_outline_lays_the_page_out_once_in_place(
        qtbot, window) -> None:
    view = window.chapter
    reading = heading_at_top(view)
    for width, outline in ((OUTLINE_MIN_WINDOW_WIDTH - 100, False), (1200, True)):
        layouts = count_layouts(view.document())
        window.resize(width, 780)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        settle(qtbot, window)
        assert window.outline.isVisible() == outline
        assert layouts.count == 1, width
        assert heading_at_top(view) == reading, width


def near_the_foot(view: ChapterView, position: int) -> None:
    """Scroll so that the text at `position` is on the pane's last lines."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + view.cursorRect(cursor).top() - view.viewport().height() + 60)


def on_screen(view: ChapterView, position: int) -> bool:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    line = view.cursorRect(cursor)
    return line.top() >= 0 and line.bottom() <= view.viewport().height()


def test_the_match_read_stays_on_screen_as_the_window_narrows(qtbot, window) -> None:
    view = window.chapter
    window.open_find()
    window.find_bar.field.setText(f"Heading {HEADINGS // 2}")
    settle(qtbot, window)
    match = view.matches[view.match_index].selectionStart()
    near_the_foot(view, match)
    for width in (OUTLINE_MIN_WINDOW_WIDTH - 300, 1200):
        window.resize(width, 780)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        settle(qtbot, window)
        # the text above it ran to more lines: it was below the pane, out of sight
        assert on_screen(view, match), width


def test_the_caret_stays_on_screen_as_the_window_narrows(qtbot, window) -> None:
    window.set_caret_browsing(True)
    view = window.chapter
    view.setFocus()
    near_the_foot(view, view.textCursor().position())
    caret = view.textCursor().position()
    assert on_screen(view, caret)
    window.resize(OUTLINE_MIN_WINDOW_WIDTH - 300, 780)
    qtbot.waitUntil(lambda: window.width() == OUTLINE_MIN_WINDOW_WIDTH - 300)
    settle(qtbot, window)
    # a screen reader's place, and where the arrow keys go on from
    assert on_screen(view, caret)


def test_the_caret_stays_where_it_is_at_another_text_size(qtbot, window) -> None:
    window.set_caret_browsing(True)
    view = window.chapter
    view.setFocus()
    near_the_foot(view, view.textCursor().position())
    caret = view.textCursor().position()
    for step in (1, 1, -3):
        window.zoom(step)
        settle(qtbot, window)
        # the page set again in the new size put the caret back at its start: the next
        # arrow key went to the chapter's title
        assert view.textCursor().position() == caret, view.zoom_steps
        assert on_screen(view, caret), view.zoom_steps
    window.zoom(0)


NARROW = 700  # half a laptop screen: the chapter in other lines than at 1,200


def test_back_and_forward_come_to_the_heading_read_at_another_width(qtbot, window) -> None:
    view = window.chapter
    reading = heading_at_top(view)
    window.open_entry(PLAIN)
    resize(qtbot, window, NARROW)
    assert window.go_back()
    settle(qtbot, window)
    assert view.current == ("entry", LONG)
    # kept in pixels, it came back seventeen headings short of where it was read
    assert heading_at_top(view) == reading
    later = f"heading-{HEADINGS * 3 // 4}"
    view.follow_anchor(later)
    assert heading_at_top(view) == later
    assert window.go_back()  # Forward's place is taken here, narrow, and shown wide
    resize(qtbot, window, 1200)
    assert window.go_forward()
    settle(qtbot, window)
    assert heading_at_top(view) == later


def test_a_closed_tab_reopens_at_the_heading_read_at_another_width(qtbot, window) -> None:
    reading = heading_at_top(window.chapter)
    window.close_tab()
    resize(qtbot, window, NARROW)
    assert window.reopen_closed_tab()
    settle(qtbot, window)
    assert window.chapter.current == ("entry", LONG)
    assert heading_at_top(window.chapter) == reading


def test_a_session_tab_opens_at_the_heading_read_in_a_window_of_another_width(
        qtbot, window, content_copy: Path) -> None:
    reading = heading_at_top(window.chapter)
    window.new_tab()  # in front: the long chapter's tab is not shown when put back
    save_session(window.session())
    later = MainWindow(load_manual(content_copy))
    qtbot.addWidget(later)
    later.restore(load_session()[0])
    later.resize(NARROW, 780)
    later.show()
    qtbot.waitExposed(later)
    later.tabs.setCurrentIndex(0)
    settle(qtbot, later)
    assert later.chapter.current == ("entry", LONG)
    # kept in pixels, it opened at heading 40 of a place read at heading 57
    assert heading_at_top(later.chapter) == reading


def test_back_comes_to_the_heading_read_at_another_text_size(qtbot, window) -> None:
    view = window.chapter
    reading = heading_at_top(view)
    window.open_entry(PLAIN)
    window.zoom(3)
    assert window.go_back()
    settle(qtbot, window)
    assert heading_at_top(view) == reading
    window.zoom(0)


def row_at_top(view: ChapterView) -> str:
    """The table row the reader sees at the top of the pane, by its first cell."""
    top = view.verticalScrollBar().value()
    layout = view.document().documentLayout()
    rows: list[tuple[float, str]] = []
    block = view.document().begin()
    while block.isValid():
        if block.text().startswith("Row "):
            rows.append((layout.blockBoundingRect(block).y(), block.text()))
        block = block.next()
    return max(row for row in rows if row[0] <= top + 5)[1]


def test_back_comes_to_the_table_row_read_at_another_width(qtbot, content_copy: Path) -> None:
    # a table from the pane's left edge: the top was kept by the paragraph before it, dozens
    # of its heights below it, and Back in a narrower window opened rows away from the one read
    rows = [f"| Row {n} | " + "Some words in the cell. " * 6 + " |" for n in range(150)]
    window = window_reading(qtbot, content_copy,
                            ["What the table says. " * 20, "", "| Who | What |", "|---|---|"]
                            + rows)
    view = window.chapter
    reading = row_at_top(view)
    window.show_start_page()
    resize(qtbot, window, NARROW)
    assert window.go_back()
    settle(qtbot, window)
    assert row_at_top(view) == reading


def test_a_row_of_a_centred_table_stays_at_the_top_as_the_pane_narrows(
        qtbot, tmp_path: Path) -> None:
    # Qt finds no cell beside a table narrower than the text: the place was kept by the
    # paragraph before it, and a narrower pane came to rows away from the one read
    rows = "".join(f"<tr><td>Row {n}</td><td>{n * 7}</td></tr>" for n in range(300))
    view = ChapterView(stylesheet("light"), tmp_path)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    view.show_page(Page("A table", "<p>" + "What the table says. " * 40 + "</p>"
                        f'<table align="center">{rows}</table>'))
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    reading = row_at_top(view)
    view.resize(500, 700)
    assert row_at_top(view) == reading


def test_the_space_above_a_paragraph_at_the_top_keeps_its_height(
        qtbot, tmp_path: Path) -> None:
    # the top in the padding above a notice's text, as on a page not in this edition: kept
    # as a share of the text's height, the space grew with the text's lines in a narrower
    # pane, and the line before the notice came into sight above it
    view = ChapterView(stylesheet("light"), tmp_path)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    notice = "The text of this part is not included in this offline edition. " * 3
    view.show_page(Page("A notice", "<p>Before. </p>" * 60 + '<table cellpadding="10" '
                        f'width="100%"><tr><td><p>{notice}</p></td></tr></table>'
                        + "<p>After.</p>" * 60))
    block = view.document().find(notice[:20]).block()

    def below_the_top() -> float:
        box = view.document().documentLayout().blockBoundingRect(block)
        return box.y() - view.verticalScrollBar().value()

    view.verticalScrollBar().setValue(round(below_the_top()) - 8)  # 8 pixels of padding
    for width in (500, 1200, 400):
        view.resize(width, 700)
        assert abs(below_the_top() - 8) <= 1, width
