"""History > Clear history asks first: a click by mistake keeps every visit."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.history import read_history
from reader.ui.main_window import MainWindow

from .conftest import activate, shown_window
from .questions import agree_to_clear_history, answer_next_question

CLEARED = "History cleared, with Back, Forward and closed tabs; your bookmarks are unchanged"


def read_three(window: MainWindow) -> None:
    for ref in ("1.1.1", "6.7.6", "9.1"):
        window.open_entry(ref)
    window.saved.save_history_now()
    window.show_history()


def press_clear(qtbot, window: MainWindow) -> None:
    """The pane's Clear history button pressed with the keys."""
    button = window.saved.history_pane.clear_button
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_enter_or_esc_at_the_question_keeps_every_visit(qtbot, window) -> None:
    read_three(window)
    listing = window.saved.history_pane.list
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Escape):  # Enter out of habit; Esc
        asked = answer_next_question(key)
        press_clear(qtbot, window)
        assert asked.texts and asked.texts[0] == "Clear all 3 visits from history?"
        assert asked.default == "Cancel"
        assert listing.count() == 3 and len(read_history().visits) == 3
        assert window.statusBar().currentMessage() != CLEARED
        assert window.back_action.isEnabled()  # the tab's Back is kept as well
        assert window.saved.history_pane.clear_button.isEnabled()


def test_clear_chosen_with_the_keys_empties_the_list_and_the_file_for_good(qtbot) -> None:
    window = shown_window(qtbot)
    read_three(window)
    asked = answer_next_question(Qt.Key.Key_Tab, Qt.Key.Key_Space)  # from Cancel to Clear
    press_clear(qtbot, window)
    # what a screen reader says of the box's two buttons
    assert asked.buttons == {"C&lear history": "Clear history", "Cancel": "Cancel"}
    assert "cannot be undone" in asked.texts[1] and "bookmarks" in asked.texts[1]
    pane = window.saved.history_pane
    assert pane.list.count() == 0 and pane.empty.isVisible()
    assert read_history().visits == ()
    assert window.statusBar().currentMessage() == CLEARED
    assert not pane.clear_button.isEnabled()  # nothing left to clear
    activate(qtbot, window)  # the window manager goes back to the window as the box closes
    assert pane.list.hasFocus()  # the keys stay in the pane, not sent on to the tab bar
    window.close()  # the visits do not come back as the window saves on closing
    assert read_history().visits == ()
    again = shown_window(qtbot)
    assert again.saved.history_pane.list.count() == 0


def test_the_history_menus_line_asks_too_and_names_a_single_visit(qtbot, window) -> None:
    window.open_entry("6.7.6")
    window.history_menu.aboutToShow.emit()
    clear = next(a for a in window.history_menu.actions() if a.text() == "&Clear history")
    asked = agree_to_clear_history()  # its button's key, Alt+L
    clear.trigger()
    assert asked.texts and asked.texts[0] == "Clear the one visit from history?"
    assert window.saved.history_pane.list.count() == 0 and read_history().visits == ()
