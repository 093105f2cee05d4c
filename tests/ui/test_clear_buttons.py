"""The clear buttons in the text fields, as a screen reader and a mouse's pointer find them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton

from reader.ui.main_window import MainWindow

from .conftest import activate


def buttons_read(field: QLineEdit) -> list[str]:
    """The names of the buttons a screen reader's object navigation finds in a field."""
    iface = QAccessible.queryAccessibleInterface(field)
    children = (iface.child(row) for row in range(iface.childCount()))
    return [child.text(QAccessible.Text.Name) for child in children
            if child.role() == QAccessible.Role.Button
            and not child.state().invisible]


FIELDS = {
    "Clear search": lambda window: window.search_box,
    "Clear filter": lambda window: window.contents.filter_box,
    "Clear find": lambda window: window.find_bar.field,
}


@pytest.mark.parametrize("name", FIELDS)
def test_a_fields_clear_button_says_what_it_clears(qtbot, window: MainWindow,
                                                   name: str) -> None:
    window.open_entry("1.1.1")
    window.open_find()
    field = FIELDS[name](window)
    assert buttons_read(field) == []  # shown only once there is something to clear
    field.setFocus()
    qtbot.keyClicks(field, "child")
    # a button that said nothing: what it did was learnt only by pressing it
    assert buttons_read(field) == [name]


@pytest.mark.parametrize("name", FIELDS)
def test_tab_still_goes_past_a_clear_button(qtbot, window: MainWindow, name: str) -> None:
    window.open_entry("1.1.1")
    window.open_find()
    activate(qtbot, window)
    field = FIELDS[name](window)
    field.setFocus()
    qtbot.keyClicks(field, "child")
    button = field.findChild(QToolButton)
    assert button is not None and button.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() not in (button, field, None)



def clear_button_of(qtbot, window: MainWindow, name: str) -> QToolButton:
    """The field's clear button, as it shows once the field has text."""
    window.open_entry("1.1.1")
    window.open_find()
    field = FIELDS[name](window)
    field.setFocus()
    qtbot.keyClicks(field, "child")
    return next(button for button in field.findChildren(QToolButton)
                if button.accessibleName() == name)


@pytest.mark.parametrize("name", FIELDS)
def test_the_pointer_on_a_clear_button_says_what_it_clears(qtbot, window: MainWindow,
                                                           name: str) -> None:
    # the bare cross said nothing to a mouse resting on it, where the tabs' crosses and the
    # edition notice's say what they close
    button = clear_button_of(qtbot, window, name)
    assert button.isVisible()
    assert button.toolTip() == name


@pytest.mark.parametrize("name", FIELDS)
def test_in_large_text_a_clear_button_says_what_it_clears(qtbot, name: str) -> None:
    from .conftest import shown_window
    from .test_large_text import at_points

    for _ in at_points(20):
        button = clear_button_of(qtbot, shown_window(qtbot), name)
        assert button.isVisible()
        assert button.toolTip() == name
