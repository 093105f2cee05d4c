"""The clear button Qt puts at the end of a text field, with a name a screen reader says."""

from __future__ import annotations

import logging

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QToolButton

from reader.ui.text_sized_controls import text_scale

log = logging.getLogger(__name__)

# the name Qt gives the action behind a field's clear button (QLineEditPrivate): the button
# itself has no name of its own to look for
CLEAR_ACTION = "_q_qlineeditclearaction"


def add_clear_button(field: QLineEdit, name: str) -> None:
    """Qt's clear button in `field`, named for what it clears ("Clear search"): unnamed, a
    screen reader's object navigation came to a button that said nothing. The name goes on
    the button, the object a screen reader finds; Qt keeps it out of Tab's way."""
    scale = text_scale(field)
    if scale > 1:  # Qt's stays the style's size in large text: one as large as the words
        from reader.ui.large_clear_button import LargeClearButton

        LargeClearButton(field, name, scale)
        return
    field.setClearButtonEnabled(True)
    buttons = _qts_buttons(field)
    if not buttons:  # a Qt that builds it otherwise: the field and its button still work
        log.warning("no clear button found in the field %r to name", field.accessibleName())
    for button in buttons:
        button.setAccessibleName(name)
        # a mouse's pointer on the bare cross learnt nothing of what it clears: as the tab's
        # and the edition notice's crosses say what they close
        button.setToolTip(name)


def text_sized_clear_button(field: QLineEdit) -> None:
    """The field's clear button again for its text's size, which changed: a larger one
    for large text, Qt's own at the usual sizes; by the same name."""
    from reader.ui.large_clear_button import LargeClearButton

    scale = text_scale(field)
    large = field.findChild(LargeClearButton)
    if large is not None:
        if scale > 1:
            large.fit(scale)
            return
        name = large.accessibleName()
        large.remove()
    elif scale > 1:
        name = next((button.accessibleName() for button in _qts_buttons(field)), "")
        field.setClearButtonEnabled(False)
    else:
        return
    add_clear_button(field, name)


def _qts_buttons(field: QLineEdit) -> list[QToolButton]:
    """Qt's clear button in the field, if it has one."""
    action = field.findChild(QAction, CLEAR_ACTION)
    return [button for button in field.findChildren(QToolButton)
            if action is not None and button.defaultAction() is action]
