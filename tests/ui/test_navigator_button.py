"""A way back to the navigator in sight while it is put away: in a narrow window at a large
text size the status bar has room for the edition date only, and its "F9" was never seen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolButton

from reader.ui.main_window import MainWindow

from .conftest import activate, shown_window
from .test_large_text import at_points
from .test_narrow_window import sized
from .test_narrower_than_both_panes import in_the_navigator, settle


def navigator_button(window: MainWindow) -> QToolButton | None:
    """The toolbar's button named as the pane, if it is in sight."""
    return next((button for button in window.toolbar.findChildren(QToolButton)
                 if button.accessibleName() == "Navigation pane" and button.isVisible()), None)


def test_in_a_narrow_window_in_large_text_a_button_shows_where_the_navigator_went(
        qtbot) -> None:
    for _ in at_points(20):
        window = shown_window(qtbot)
        window.open_entry("1.1.1")
        activate(qtbot, window)
        assert navigator_button(window) is None  # beside the chapter: nothing to bring back
        sized(qtbot, window, 450)
        assert not window.splitter.side.isVisible()
        button = navigator_button(window)
        # its sign alone, where the bar is too narrow for its word; still named and explained
        assert button is not None and button.text().startswith("\u2630")
        assert "navigation pane" in button.toolTip()
        assert not button.isChecked()
        assert button.geometry().right() <= window.toolbar.width()  # not in the overflow
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        settle()
        assert window.splitter.side.isVisible() and not window.chapter.isVisible()
        assert in_the_navigator(window)  # the keys went with the eyes
        assert button.isChecked()  # pressed: a screen reader says so
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # back to the chapter
        settle()
        assert window.chapter.isVisible() and window.chapter.hasFocus()
        assert not window.splitter.side.isVisible() and not button.isChecked()
        sized(qtbot, window, 1200)  # the navigator beside the chapter again: no button
        assert window.splitter.side.isVisible() and navigator_button(window) is None


def test_the_button_follows_f9_in_a_wide_window(qtbot, window: MainWindow) -> None:
    activate(qtbot, window)
    window.chapter.setFocus()
    QTest.keySequence(window, "F9")
    settle()
    button = navigator_button(window)
    assert button is not None and not button.isChecked()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()
    assert window.splitter.side.isVisible() and window.chapter.isVisible()
    assert window.navigator_action.isChecked() and navigator_button(window) is None
