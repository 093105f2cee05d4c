"""A desktop's large-text setting (the application font at 20 pt): the navigator's tabs are
still named whole, the chapter keeps its room, and its text is as large as the window's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from reader.session import Session
from reader.ui.main_window import NAVIGATOR_WIDTH, READING_COMFORT_WIDTH, MainWindow
from reader.ui.tab_focus import NAME_MARGIN

from .conftest import shown_window
from .test_narrow_window import chapter_width, navigator_width, shown_names, sized

NAMES = ["Contents", "Bookmarks", "History"]


def at_points(points: float) -> Iterator[None]:
    """The application font at this size while the test runs, as the desktop sets it."""
    app = QApplication.instance()
    usual = app.font()
    large = app.font()
    large.setPointSizeF(points)
    app.setFont(large)
    try:
        yield
    finally:
        app.setFont(usual)


@pytest.fixture
def large_text() -> Iterator[None]:
    yield from at_points(20)


def names_held(window: MainWindow) -> list[bool]:
    """Whether each tab is as wide as its whole name and the room the bar keeps beside it."""
    bar = window.sidebar.tabBar()
    metrics = bar.fontMetrics()
    return [bar.tabRect(index).width()
            >= metrics.horizontalAdvance(name) + 2 * NAME_MARGIN
            for index, name in enumerate(NAMES)]


def test_the_navigators_tabs_are_named_whole_in_large_text(qtbot, large_text) -> None:
    window = shown_window(qtbot)  # at its usual 1,200 pixels, as on a 1366 by 768 screen
    # at 340 pixels they read "Con...", "Book...", "Hi..."
    assert shown_names(window) == NAMES
    assert names_held(window) == [True, True, True]
    assert chapter_width(window) >= READING_COMFORT_WIDTH


def test_a_navigators_width_kept_from_usual_text_widens_for_the_names(
        qtbot, large_text) -> None:
    window = shown_window(qtbot)
    window.restore(Session(splitter=(NAVIGATOR_WIDTH, 856)))  # as the last start left it
    sized(qtbot, window, 1201)
    assert shown_names(window) == NAMES
    assert window.session().splitter[0] == NAVIGATOR_WIDTH  # the person's width, kept


def test_a_navigator_dragged_narrower_in_large_text_stays_so(qtbot, large_text) -> None:
    window = shown_window(qtbot)
    window.splitter.moveSplitter(400, 1)  # as the person drags the handle, names cut short
    sized(qtbot, window, 1300)
    assert navigator_width(window) == 400


def test_very_large_text_leaves_the_chapter_most_of_a_wide_window(qtbot) -> None:
    for _ in at_points(48):
        window = shown_window(qtbot)
        sized(qtbot, window, 1800)
        # the tabs' names would take 900 pixels: the reading pane keeps well over half
        assert window.splitter.sizes()[1] > 0.55 * window.width()


def test_text_made_larger_while_the_reader_is_open_widens_the_navigator(qtbot) -> None:
    window = shown_window(qtbot)
    for _ in at_points(20):  # the desktop's setting changed, the window open
        QApplication.processEvents()
        assert shown_names(window) == NAMES
    QApplication.processEvents()
    assert navigator_width(window) == NAVIGATOR_WIDTH  # back as it was with the usual text


def test_a_navigator_dragged_wide_stays_so_as_the_text_grows(qtbot) -> None:
    window = shown_window(qtbot)
    window.splitter.moveSplitter(600, 1)  # wider than the window shares out by itself
    for _ in at_points(20):
        QApplication.processEvents()
        assert navigator_width(window) == 600


def body_points(window: MainWindow) -> float:
    """The size the open chapter's running text is drawn at, in points."""
    found = window.chapter.document().find("This policy sets out the framework")
    return round(found.charFormat().font().pointSizeF(), 1)


def test_the_chapter_is_as_large_as_the_windows_own_text(qtbot, large_text) -> None:
    window = shown_window(qtbot)
    window.open_entry("1.1.1")
    # it stayed at 11 pt, half the size of the contents beside it
    assert body_points(window) == 20.0
    window.zoom(1)
    assert body_points(window) == 22.0  # a step larger than that


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_chapter_follows_text_made_larger_while_the_reader_is_open(
        qtbot, theme: str) -> None:
    window = shown_window(qtbot)
    window.set_theme(theme)  # a style sheet kept each widget it styled at its old font
    try:
        window.open_entry("1.1.1")
        assert body_points(window) == 11.0  # the usual text (9 pt) leaves it as it was
        for _ in at_points(20):
            QApplication.processEvents()
            assert body_points(window) == 20.0
            assert window.contents.tree.font().pointSizeF() == 20.0
            # the edition notice, styled by a sheet of its own in every theme
            assert window.banner.label.font().pointSizeF() == 20.0
        QApplication.processEvents()
        assert body_points(window) == 11.0
        assert window.contents.tree.font() == QApplication.font()
    finally:
        window.set_theme("system")


@pytest.mark.parametrize("points,width,shown", [
    (16, 700, "Preparing search 99%"),  # the words whole, on one line
    (20, 700, "99%"),  # no room for the words beside the date: the number alone
])
def test_preparing_search_is_read_whole_in_large_text_and_the_date_beside_it_too(
        qtbot, points: float, width: int, shown: str) -> None:
    # at a fixed 160 pixels the words broke onto two lines, cut off above and below
    for _ in at_points(points):
        window = shown_window(qtbot)
        sized(qtbot, window, width)
        bar = window.status_widgets.index_progress
        bar.setRange(0, 100)
        bar.setValue(99)
        bar.show()
        QApplication.processEvents()
        assert bar.text() == shown
        assert bar.width() >= bar.fontMetrics().horizontalAdvance(bar.text())
        label = window.status_widgets.edition_label  # how current the manual is: whole
        assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_a_check_box_is_as_tall_as_its_words_in_large_text(qtbot, large_text,
                                                           theme: str) -> None:
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    from reader.ui.preferences import PreferencesDialog

    window = shown_window(qtbot)
    window.set_theme(theme)
    try:
        dialog = PreferencesDialog(window.settings, window)  # View > Preferences
        qtbot.addWidget(dialog)
        dialog.show()
        box = dialog.restore  # "Reopen the tabs from last time at start"
        option = QStyleOptionButton()
        box.initStyleOption(option)
        ticked = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        # the style's box stayed 13 pixels beside 18-point words: smaller than their capitals
        capitals = box.fontMetrics().capHeight()
        assert ticked.height() >= capitals and ticked.width() >= capitals, (
            f"{theme}: box {ticked.width()}x{ticked.height()}, capitals {capitals}")
    finally:
        window.set_theme("system")
