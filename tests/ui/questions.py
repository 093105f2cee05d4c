"""Test helper: answer the next question box the window asks, as a person would."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

TRIES = 500  # 5 seconds of looking: a box that never comes fails the test, not hangs it


@dataclass
class Asked:
    """What the box showed when it was answered: empty if no box came."""

    texts: list[str] = field(default_factory=list)
    default: str = ""  # the button Enter presses
    buttons: dict[str, str] = field(default_factory=dict)  # text: a screen reader's name


def answer_next_question(*keys: Qt.Key, modifier: Qt.KeyboardModifier =
                         Qt.KeyboardModifier.NoModifier) -> Asked:
    """Press `keys` in the next question box once it shows (Enter: its default button);
    the box is closed unanswered if they do not close it."""
    asked = Asked()

    def answer(tries: int = 0) -> None:
        box = QApplication.activeModalWidget()
        # active too: the keys of its buttons (Alt+L) work only in the active window
        if (not isinstance(box, QMessageBox) or not box.isVisible()
                or QApplication.activeWindow() is not box):
            if tries < TRIES:
                QTimer.singleShot(10, lambda: answer(tries + 1))
            return
        asked.texts = [box.text(), box.informativeText()]
        asked.default = box.defaultButton().text() if box.defaultButton() else ""
        asked.buttons = {b.text(): b.accessibleName() for b in box.buttons()}
        for key in keys:
            QTest.keyClick(QApplication.focusWidget() or box, key, modifier)
        # a button's Alt key clicks it as a person sees it pressed, a moment later
        for _ in range(100):
            if not box.isVisible():
                break
            QTest.qWait(10)
        if box.isVisible():  # the test fails on what it sees, rather than waiting here
            box.reject()

    QTimer.singleShot(0, answer)
    return asked


def agree_to_clear_history() -> Asked:
    """Clear history is asked about first: its button chosen with its key, Alt+L."""
    return answer_next_question(Qt.Key.Key_L, modifier=Qt.KeyboardModifier.AltModifier)
