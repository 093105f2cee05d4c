"""A window snapped to half a laptop screen, beside the case recording system: the chapter
keeps a readable width."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QToolButton

from reader.ui.main_window import READING_MIN_WIDTH, MainWindow

# half a 1366 pixel laptop screen at 125% scaling; at 150% of 1920; at 100% of 1366
HALF_SCREENS = (546, 640, 683)


def sized(qtbot, window: MainWindow, width: int, height: int = 700) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    for _ in range(3):  # the splitters share the new width out
        QApplication.processEvents()


def chapter_width(window: MainWindow) -> int:
    """The chapter's pane: the reading pane less the outline beside it."""
    return window.reading_splitter.widget(0).width()


def test_the_window_fits_half_a_laptop_screen_with_the_navigator_beside_it(
        qtbot, window: MainWindow) -> None:
    sized(qtbot, window, min(HALF_SCREENS))
    # narrower than 575 pixels it would not go, and overlapped the program beside it
    assert window.width() == min(HALF_SCREENS)
    assert window.splitter.widget(0).isVisible()
    assert chapter_width(window) >= READING_MIN_WIDTH
    # every toolbar button is on the bar or in its overflow menu; the menus all show
    bar = window.toolbar
    overflow = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert overflow is not None and overflow.isVisible() or all(
        bar.widgetForAction(a).isVisible() for a in bar.actions() if not a.isSeparator())
    menus = window.menuBar()
    assert all(menus.actionGeometry(a).right() < menus.width() for a in menus.actions())

