"""Keys named as a person reads them, alike in the menus and in Help > Keyboard shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QStyleOptionMenuItem, QWidget

# a key whose name is a sign reads as a word after "Ctrl+": "Ctrl++" is hard to make out
KEY_WORDS = {"+": "Plus", "-": "Minus", "=": "Equals", ",": "Comma", ".": "Full stop"}


def key_name(key: QKeySequence) -> str:
    """The keys as a person presses them: "Ctrl+Plus", and Shift+Backtab as the Shift+Tab it
    is."""
    name = key.toString(QKeySequence.SequenceFormat.NativeText).replace("Backtab", "Tab")
    if len(name) > 2 and name[-2] == "+" and name[-1] in KEY_WORDS:
        name = name[:-1] + KEY_WORDS[name[-1]]
    return name


def is_menu_key(event: QKeyEvent) -> bool:
    """The context-menu key, or Shift+F10 (the same on keyboards without one)."""
    if event.key() == Qt.Key.Key_Menu:
        return True
    return event.key() == Qt.Key.Key_F10 and \
        event.modifiers() == Qt.KeyboardModifier.ShiftModifier


class KeyNamedMenu(QMenu):
    """A menu showing each item's keys by `key_name`: Qt's own "Ctrl++", "Ctrl+-" and
    "Ctrl+," beside the items were "Ctrl+Plus", "Ctrl+Minus" and "Ctrl+Comma" in the
    Keyboard shortcuts list."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)

    def initStyleOption(self, option: QStyleOptionMenuItem,  # noqa: N802 (Qt's)
                        action: QAction) -> None:
        super().initStyleOption(option, action)
        text, tab, keys = option.text.partition("\t")
        shortcut = action.shortcut()
        # only Qt's own name of the item's key is replaced, never a text of the item's own
        if tab and not shortcut.isEmpty() \
                and keys == shortcut.toString(QKeySequence.SequenceFormat.NativeText):
            option.text = f"{text}\t{key_name(shortcut)}"
