"""The outline: typing a heading's first letters goes to it, at any level; headings written
in HTML are listed and gone to as Markdown ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTextLayout, QTextOption
from PySide6.QtWidgets import QListWidget, QStyle

from reader.manual import load_manual
from reader.render import Heading
from reader.ui.main_window import MainWindow
from reader.ui.outline import INDENT_ROLE, OutlinePane

from .test_large_text import at_points


def shown_outline(qtbot, width: int, height: int) -> OutlinePane:
    outline = OutlinePane()
    qtbot.addWidget(outline)
    outline.resize(width, height)
    outline.show()
    qtbot.waitExposed(outline)
    return outline


def test_typing_a_sub_headings_first_letters_selects_it(qtbot) -> None:
    outline = OutlinePane()
    qtbot.addWidget(outline)
    headings = (Heading(2, "Referral", "h1"), Heading(3, "Strategy discussion", "h2"),
                Heading(2, "Assessment", "h3"))
    outline.set_headings(headings, {"h1": 0.0, "h2": 100.0, "h3": 200.0})
    outline.show()
    qtbot.waitExposed(outline)
    qtbot.keyClicks(outline.list, "Strat")
    assert outline.list.currentRow() == 1
    assert outline.list.item(1).text() == "Strategy discussion"


def test_a_long_outline_after_a_short_one_wraps_beside_its_scroll_bar(qtbot) -> None:
    # laid out once with the scroll bar on: each heading must still wrap at the width beside
    # the bar, and the bar go again for a short outline
    outline = shown_outline(qtbot, 160, 200)
    outline.set_headings((Heading(2, "Referral", "a"),), {"a": 0.0})
    outline.follow(0)
    long = tuple(Heading(2 + n % 2, f"Step {n}: agree the plan with the family and the child",
                         f"s{n}") for n in range(60))
    outline.set_headings(long, {f"s{n}": 50.0 * n for n in range(60)})
    outline.follow(0)
    listed = outline.list
    listed.viewport().repaint()
    bar = listed.verticalScrollBar()
    assert bar.isVisible()
    rows = [listed.visualItemRect(listed.item(n)) for n in range(listed.count())]
    assert all(row.right() < listed.viewport().width() for row in rows)
    assert all(row.height() >= 2 * listed.fontMetrics().lineSpacing() for row in rows)  # wrapped
    listed.doItemsLayout()  # as Qt lays it out at this width from nothing
    assert [listed.visualItemRect(listed.item(n)) for n in range(listed.count())] == rows
    outline.set_headings((Heading(2, "Assessment", "b"),), {"b": 0.0})
    outline.follow(0)
    listed.viewport().repaint()
    assert not bar.isVisible()


def test_headings_wrapped_in_the_narrow_column_stand_apart(qtbot) -> None:
    # four or five lines each at 160 pixels: without a gap one heading ran into the next
    outline = shown_outline(qtbot, 160, 400)
    headings = tuple(Heading(2, f"Step {n}: agree the plan with the family and the child",
                             f"s{n}") for n in range(3))
    outline.set_headings(headings, {f"s{n}": 50.0 * n for n in range(3)})
    listed = outline.list
    rows = [listed.visualItemRect(listed.item(n)) for n in range(listed.count())]
    assert all(row.height() >= 2 * listed.fontMetrics().lineSpacing() for row in rows)
    for above, below in zip(rows, rows[1:], strict=False):
        assert below.top() - above.bottom() - 1 >= 6, (above, below)


def test_a_page_with_as_many_headings_lists_its_own_and_goes_to_them(qtbot) -> None:
    outline = OutlinePane()
    qtbot.addWidget(outline)
    outline.set_headings((Heading(2, "Referral", "a"), Heading(2, "Assessment", "b")),
                         {"a": 0.0, "b": 100.0})
    outline.set_headings((Heading(2, "Planning", "c"), Heading(3, "Review", "d")),
                         {"c": 0.0, "d": 100.0})  # the next page: two headings too
    assert [outline.list.item(n).text() for n in range(2)] == ["Planning", "Review"]
    with qtbot.waitSignal(outline.anchor_chosen) as chosen:
        outline.list.itemClicked.emit(outline.list.item(1))
    assert chosen.args == ["d"]


def _leftmost_ink(image: QImage, top: int, bottom: int) -> int:
    """The first column, from the left, with anything drawn on it between these rows."""
    paper = image.pixelColor(0, top)
    for x in range(image.width()):
        if any(image.pixelColor(x, y) != paper for y in range(top, bottom)):
            return x
    return image.width()


def test_a_wrapped_sub_heading_stays_set_in_on_every_line(qtbot) -> None:
    # with the indent as spaces before the words, the second line of a wrapped step began
    # at the pane's edge, under the section headings, and read as one of them
    outline = shown_outline(qtbot, 160, 300)
    headings = (Heading(2, "Referral", "a"),
                Heading(3, "Step one: agree the plan with the family and the child", "b"))
    outline.set_headings(headings, {"a": 0.0, "b": 100.0})
    listed = outline.list
    image = listed.viewport().grab().toImage()
    top_level = listed.visualItemRect(listed.item(0))
    step = listed.visualItemRect(listed.item(1))
    line = listed.fontMetrics().lineSpacing()
    assert step.height() >= 2 * line  # it wraps
    section_edge = _leftmost_ink(image, top_level.top(), top_level.bottom())
    em = listed.fontMetrics().horizontalAdvance("\u2003")
    for first in range(step.top() + 2, step.bottom() - line, line):
        assert _leftmost_ink(image, first, first + line - 2) >= section_edge + em * 3 // 4


def test_in_large_text_a_deep_heading_leaves_every_heading_whole_in_the_pane(qtbot) -> None:
    # a word longer than the room beside a deep indent made the list wider than the pane:
    # every heading was then wrapped at that width, its end cut off behind a scroll bar
    outline = OutlinePane()
    qtbot.addWidget(outline)
    font = outline.font()
    font.setPointSizeF(20)
    outline.setFont(font)
    outline.resize(219, 500)
    outline.show()
    qtbot.waitExposed(outline)
    headings = (Heading(2, "Placeholder section with a long heading that wraps", "a"),
                Heading(3, "Placeholder step", "b"), Heading(4, "Placeholder detail", "c"))
    outline.set_headings(headings, {"a": 0.0, "b": 100.0, "c": 200.0})
    listed = outline.list
    listed.viewport().repaint()
    assert not listed.horizontalScrollBar().isVisible()
    for row in range(listed.count()):
        assert listed.visualItemRect(listed.item(row)).right() < listed.viewport().width()


def long_outline(qtbot) -> OutlinePane:
    outline = shown_outline(qtbot, 160, 300)
    headings = tuple(Heading(2 + n % 2, f"Step {n}: agree the plan with the family and the child",
                             f"s{n}") for n in range(80))
    outline.set_headings(headings, {f"s{n}": 100.0 * n for n in range(80)})
    return outline


def in_sight(outline: OutlinePane, row: int) -> bool:
    listed = outline.list
    return listed.viewport().rect().contains(listed.visualItemRect(listed.item(row)))


def test_the_heading_being_read_stays_in_sight_as_the_window_changes_width(
        qtbot, content_copy: Path) -> None:
    # wrapped anew at another width, the outline showed another part of a long chapter
    window = MainWindow(load_manual(with_steps(content_copy, 120)))
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.show()
    qtbot.waitExposed(window)
    window.open_entry("1.1.1")
    outline = window.outline
    window.chapter.follow_anchor(window.chapter.page.headings[100].anchor)
    assert outline.list.currentRow() == 100
    for width in (1000, 760, 1200):  # at 760 the outline is put away; at 1200 it is back
        window.resize(width, 700)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        if outline.isVisible():
            assert in_sight(outline, 100), width
    assert outline.isVisible()


def test_reading_on_the_headings_that_come_next_are_in_sight(qtbot) -> None:
    # at the outline's edge, the current heading hid what comes after it
    outline = long_outline(qtbot)
    for scroll in range(0, 6100, 100):  # reading down the page, heading by heading
        outline.follow(scroll)
    assert outline.list.currentRow() == 60
    assert in_sight(outline, 61)



def with_steps(content: Path, steps: int) -> Path:
    """The content folder with 1.1.1's body made `steps` headings of placeholder text."""
    chapter = content / "chapters" / "childrens-services-policies-values-and-principles.md"
    front, _, _ = chapter.read_text(encoding="utf-8").partition("\n---\n")
    body = "".join(f"\n## Placeholder step {n} of a long test chapter\n\nPlaceholder text.\n"
                   for n in range(steps))
    chapter.write_text(f"{front}\n---\n{body}", encoding="utf-8")
    return content


def outline_window(qtbot, content: Path, width: int) -> MainWindow:
    window = MainWindow(load_manual(with_steps(content, 40)))
    qtbot.addWidget(window)
    window.resize(width, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # the keys go to the window in front
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_f8_takes_the_keys_to_the_outline_without_tabbing_through_every_link(
        qtbot, content_copy: Path) -> None:
    # Tab reaches the outline only after each link of the page: F8 goes straight there
    window = outline_window(qtbot, content_copy, 1400)
    window.open_entry("1.1.1")
    window.chapter.setFocus()
    qtbot.keyClick(window.chapter, Qt.Key.Key_F8)
    listed = window.outline.list
    assert listed.hasFocus()
    assert listed.currentItem().text() == "Placeholder step 0 of a long test chapter"
    for _ in range(5):
        qtbot.keyClick(listed, Qt.Key.Key_Down)
    qtbot.keyClick(listed, Qt.Key.Key_Return)
    assert window.chapter.hasFocus()  # at the heading chosen, to read on
    assert window.chapter.verticalScrollBar().value() > 0


def test_f8_turns_the_outline_on_when_the_person_had_turned_it_off(
        qtbot, content_copy: Path) -> None:
    window = outline_window(qtbot, content_copy, 1400)
    window.open_entry("1.1.1")
    window.outline_action.trigger()
    assert window.outline.isHidden()
    qtbot.keyClick(window.chapter, Qt.Key.Key_F8)
    assert window.outline.isVisible() and window.outline_action.isChecked()
    assert window.outline.list.hasFocus()


def test_f8_says_why_there_is_no_outline_to_go_to(qtbot, content_copy: Path) -> None:
    window = outline_window(qtbot, content_copy, 1400)
    window.chapter.setFocus()
    qtbot.keyClick(window.chapter, Qt.Key.Key_F8)  # the start page: no headings
    assert window.status_widgets.still_shown() == "This page has no headings to list."
    window.open_entry("1.1.1")
    window.resize(700, 800)  # half a laptop screen: the outline gives way to the chapter
    qtbot.waitUntil(lambda: window.width() == 700)
    qtbot.keyClick(window.chapter, Qt.Key.Key_F8)
    assert window.outline.isHidden()
    assert "wider window" in window.status_widgets.still_shown()
    assert window.chapter.hasFocus()


FILLER = " ".join(["Placeholder text of a test chapter, long enough to scroll."] * 15)


def with_html_headings(content: Path) -> Path:
    """The content folder with 1.1.1's body made headings in Markdown and in HTML, as a page
    saved from the web keeps them, with text enough between them to scroll."""
    chapter = content / "chapters" / "childrens-services-policies-values-and-principles.md"
    front, _, _ = chapter.read_text(encoding="utf-8").partition("\n---\n")
    body = (f"\n## Making a referral\n\n{FILLER}\n\n<h2>Strategy discussion</h2>\n\n{FILLER}\n\n"
            f'<h3 id="out-of-hours-team">Out of hours</h3>\n\n{FILLER}\n\n'
            f"## Assessment\n\n{FILLER}\n\n"
            "See [the strategy discussion](#strategy-discussion) and "
            f"[out of hours](#out-of-hours-team).\n\n{FILLER}\n\n{FILLER}\n\n{FILLER}\n")
    chapter.write_text(f"{front}\n---\n{body}", encoding="utf-8")
    return content


def shown_beside_outline(qtbot, content: Path, theme: str) -> MainWindow:
    """A window 1,300 pixels wide in the theme, on 1.1.1 with its outline beside it."""
    window = MainWindow(load_manual(content))
    qtbot.addWidget(window)
    window.set_theme(theme)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    window.open_entry("1.1.1")
    qtbot.waitUntil(window.outline.isVisible)
    return window


def html_headings_window(qtbot, content: Path) -> MainWindow:
    return shown_beside_outline(qtbot, with_html_headings(content), "light")


def heading_at_top(window: MainWindow, anchor: str) -> bool:
    """Whether the chapter is scrolled to the heading with this anchor."""
    top = window.chapter.anchor_positions()[anchor]
    return abs(window.chapter.verticalScrollBar().value() - top) <= 2


def test_headings_written_in_html_are_in_the_outline_in_their_places(
        qtbot, content_copy: Path) -> None:
    window = html_headings_window(qtbot, content_copy)
    listed = window.outline.list
    assert [listed.item(row).text() for row in range(listed.count())] == [
        "Making a referral", "Strategy discussion", "Out of hours", "Assessment"]
    # the <h3> set in a level under the heading it belongs to, as a "###" heading is
    assert [listed.item(row).data(INDENT_ROLE) for row in range(listed.count())] == [0, 0, 1, 0]


@pytest.mark.parametrize(("row", "anchor"), [(1, "strategy-discussion"),
                                             (2, "out-of-hours-team")])
def test_clicking_a_heading_written_in_html_in_the_outline_goes_to_it(
        qtbot, content_copy: Path, row: int, anchor: str) -> None:
    window = html_headings_window(qtbot, content_copy)
    listed = window.outline.list
    qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton,
                     pos=listed.visualItemRect(listed.item(row)).center())
    assert window.chapter.verticalScrollBar().value() > 0
    assert heading_at_top(window, anchor)


def test_a_link_to_a_heading_written_in_html_opens_there(qtbot, content_copy: Path) -> None:
    window = html_headings_window(qtbot, content_copy)
    view = window.chapter
    assert view.find("the strategy discussion")  # scrolled into sight, as a reader would
    found = view.textCursor()
    spot = view.cursorRect(found).center()
    found.clearSelection()  # a press on a selection would drag it
    view.setTextCursor(found)
    assert view.anchorAt(spot) == "#strategy-discussion"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert heading_at_top(window, "strategy-discussion")


def wrapped_height(listed: QListWidget, text: str, width: int) -> int:
    """How tall a heading's words are, wrapped at this width, as Qt lays out a row's text."""
    layout = QTextLayout(text, listed.font())
    wrap = QTextOption()
    wrap.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(wrap)
    layout.beginLayout()
    height = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        height += line.height()
    layout.endLayout()
    return round(height)


def headings_cut_off(listed: QListWidget) -> list[str]:
    """The headings whose words need more lines than their row shows, at the width the row is
    drawn at: Qt then draws the lines that fit, the last ending in "...", and no more."""
    listed.executeDelayedItemsLayout()
    margin = listed.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, listed) + 1
    drawn_width = listed.viewport().width() - 2 * listed.spacing()
    em = listed.fontMetrics().horizontalAdvance("\u2003")
    cut = []
    for row in range(listed.count()):
        item = listed.item(row)
        rect = listed.visualItemRect(item)
        width = min(rect.width(), drawn_width)
        indent = min(item.data(INDENT_ROLE) * em, width // 5)
        if wrapped_height(listed, item.text(), width - indent - 2 * margin) > rect.height():
            cut.append(item.text())
    return cut


VARIED = tuple(Heading(2 + n % 3 // 2, text, f"v{n}") for n, text in enumerate((
    "Introduction", "Assessment & Planning", "Custom id heading with a link", "Plans",
    "Heading inside a list item", "Heading in a markdown div", "Markdown heading in a div",
    "Heading with bold and <angle> \u2014 dash", "Agree the plan", "Review",
    "Step 12: agree the plan with the family and the child's social worker",
    "Multi-line heading zebra")))


@pytest.mark.parametrize("points", [10, 20])
def test_every_heading_shows_whole_at_any_width_the_outline_has(qtbot, points: float) -> None:
    # Qt measured each row again as it drew it, at the width of the widest row and not the
    # width it draws at: a heading that wrapped to two lines was drawn one line high,
    # "Multi-line heading ..."
    for _ in at_points(points):
        outline = shown_outline(qtbot, 160, 700)
        outline.set_headings(VARIED, {h.anchor: 100.0 * n for n, h in enumerate(VARIED)})
        for width in range(140, 260, 3):
            outline.resize(width, 700)
            assert headings_cut_off(outline.list) == [], width


def with_varied_headings(content: Path) -> Path:
    """The content folder with 1.1.1's body made headings of many lengths, the last long."""
    chapter = content / "chapters" / "childrens-services-policies-values-and-principles.md"
    front, _, _ = chapter.read_text(encoding="utf-8").partition("\n---\n")
    body = "".join(f"\n{'#' * heading.level} {heading.text}\n\n{FILLER}\n" for heading in VARIED)
    chapter.write_text(f"{front}\n---\n{body}<h2>\nMulti-line\nheading zebra\n</h2>\n\n{FILLER}\n",
                       encoding="utf-8")
    return content


@pytest.mark.parametrize("theme", ["light", "high-contrast"])
@pytest.mark.parametrize("points", [9, 20])  # the usual text, and large
def test_the_outlines_last_heading_shows_whole_beside_a_chapter(
        qtbot, content_copy: Path, points: float, theme: str) -> None:
    for _ in at_points(points):
        window = shown_beside_outline(qtbot, with_varied_headings(content_copy), theme)
        listed = window.outline.list
        assert listed.item(listed.count() - 1).text() == "Multi-line heading zebra"
        assert headings_cut_off(listed) == []
        for width in (1100, 1700, 1300):
            window.resize(width, 800)
            qtbot.waitUntil(lambda w=width, shown=window: shown.width() == w)
            assert headings_cut_off(listed) == [], width
        for _ in at_points(points + 3):  # the desktop's text size changed, the chapter open
            assert headings_cut_off(listed) == []
