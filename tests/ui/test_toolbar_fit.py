"""The toolbar in a narrow window: at half a small laptop screen Qt put Bookmark, Find and
Print behind its » button, out of sight where a small screen most needs them. The words go
first, the least needed first, and come back as the window widens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton

from reader.ui.main_window import MainWindow

from .conftest import activate, shown_window
from .test_large_text import at_points
from .test_narrow_window import sized

# every toolbar button's accessible name, and the tip a pointer resting on it brings up
NAMES = {"Navigation pane": "navigation pane", "Back": "Back to the page before",
         "Forward": "Forward again", "New tab": "new tab", "Bookmark": "Bookmark this chapter",
         "Find in page": "Find text", "Print": "Print this page"}
WHOLE = ["Back", "Forward", "+ New tab", "\u2606 Bookmark", "Find", "Print"]


def buttons(window: MainWindow) -> dict[str, QToolButton]:
    """The toolbar's buttons in use, by name: the navigator's only while it is put away."""
    bar = window.toolbar
    found = {}
    for action in bar.actions():
        button = bar.widgetForAction(action)
        if action.isVisible() and isinstance(button, QToolButton):
            found[button.accessibleName()] = button
    return found


def on_the_bar(window: MainWindow, button: QToolButton) -> bool:
    """In sight on the bar, not in the » menu at its end."""
    return button.isVisible() and button.geometry().right() < window.toolbar.width()


def words(button: QToolButton) -> str:
    """What the button says beside its icon; an arrow alone says nothing."""
    if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
        return ""
    return button.text()


def opened_at(qtbot, width: int) -> MainWindow:
    window = shown_window(qtbot)
    window.open_entry("1.1.1")
    activate(qtbot, window)
    sized(qtbot, window, width)
    return window


def assert_all_on_the_bar_and_named(window: MainWindow) -> None:
    shown = buttons(window)
    assert set(shown) == set(NAMES)  # the navigator put away: its button leads the bar
    for name, button in shown.items():
        assert on_the_bar(window, button), name
        assert NAMES[name] in button.toolTip()  # the pointer still learns what it is


def test_at_half_a_small_laptop_screen_every_toolbar_button_is_in_sight(qtbot) -> None:
    window = opened_at(qtbot, 450)
    assert_all_on_the_bar_and_named(window)
    assert words(buttons(window)["Back"]) == ""  # the arrows went first to their icons
    assert words(buttons(window)["Bookmark"]) == "\u2606 Bookmark"  # still room for this
    sized(qtbot, window, 360)  # the narrowest window: New tab's "+" alone
    assert_all_on_the_bar_and_named(window)
    relabelled = []
    for action in window.toolbar.actions():
        action.changed.connect(lambda: relabelled.append(True))
    for _ in range(5):
        QApplication.processEvents()
    assert not relabelled  # left at one width, the bar keeps still
    sized(qtbot, window, 1200)  # widened: the words come back, as the README shows them
    assert [words(button) for button in buttons(window).values()] == WHOLE


def test_in_large_text_the_words_go_by_the_bars_width_not_the_windows(qtbot) -> None:
    for _ in at_points(20):
        window = opened_at(qtbot, 1200)
        assert [words(button) for button in buttons(window).values()] == WHOLE
        sized(qtbot, window, 800)  # wide enough for the words at the usual size, not at 20
        shown = buttons(window)
        assert all(on_the_bar(window, button) for button in shown.values())
        assert words(shown["Back"]) == ""
        # the navigator beside the chapter: no ☰ button, and the words that have room back
        assert "Navigation pane" not in shown and words(shown["Find in page"]) == "Find"


def test_the_words_come_back_when_the_text_is_made_smaller(qtbot) -> None:
    window = opened_at(qtbot, 800)
    assert [words(button) for button in buttons(window).values()] == WHOLE
    app = QApplication.instance()
    usual = app.font()
    large = app.font()
    large.setPointSizeF(20)
    try:
        app.setFont(large)  # the desktop's text size, made larger in a window left as it was
        qtbot.waitUntil(lambda: words(buttons(window)["Back"]) == "")
        assert all(on_the_bar(window, button) for button in buttons(window).values())
    finally:
        app.setFont(usual)
    qtbot.waitUntil(lambda: [words(button) for button in buttons(window).values()] == WHOLE)


def test_ctrl_d_on_a_star_alone_moves_neither_find_nor_print(qtbot) -> None:
    for _ in at_points(20):
        window = opened_at(qtbot, 450)
        bookmark = buttons(window)["Bookmark"]
        find = buttons(window)["Find in page"]
        assert words(bookmark) == "\u2606"  # in large text, the star alone
        left = find.x()
        window.chapter.setFocus()
        QTest.keySequence(window, "Ctrl+D")
        assert bookmark.text() == "\u2605" and bookmark.accessibleName() == "Bookmark"
        QApplication.processEvents()
        assert find.x() == left
        sized(qtbot, window, 1200)  # the words back say what is so now
        assert words(bookmark) == "\u2605 Bookmarked"


def test_text_made_larger_and_back_gives_back_the_words_a_narrow_bar_had(qtbot) -> None:
    window = opened_at(qtbot, 450)
    before = [words(button) for button in buttons(window).values()]
    sized(qtbot, window, 1200)
    bookmark = buttons(window)["Bookmark"]
    width = bookmark.width()
    for _ in at_points(20):  # the desktop's text size, made larger a moment
        qtbot.waitUntil(lambda: bookmark.width() > width)
    qtbot.waitUntil(lambda: bookmark.width() < 2 * width)
    QApplication.processEvents()
    # it kept the width of its words in large text, a gap beside them
    assert bookmark.width() == width
    sized(qtbot, window, 450)  # and at half a small screen "+ New tab" gave way for it
    assert [words(button) for button in buttons(window).values()] == before
