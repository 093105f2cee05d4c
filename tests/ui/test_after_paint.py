"""Work put off until a widget is painted: search after the window, after an edition switch."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from reader.ui.after_paint import after_next_paint


def test_the_callback_runs_once_the_widget_is_painted(qtbot) -> None:
    label = QLabel("Edition of 1 March 2025")
    qtbot.addWidget(label)
    calls: list[str] = []
    after_next_paint(label, lambda: calls.append("search"))
    qtbot.wait(50)
    assert calls == []  # not shown, not painted
    label.show()
    qtbot.waitUntil(lambda: calls == ["search"], timeout=2000)
    label.update()
    qtbot.wait(50)
    assert calls == ["search"]  # once only


def test_nothing_runs_when_the_owner_is_gone_first(qtbot) -> None:
    label = QLabel("What's new")
    qtbot.addWidget(label)
    owner = QLabel()
    calls: list[str] = []
    after_next_paint(label, lambda: calls.append("search"), owner=owner)
    owner.deleteLater()
    qtbot.wait(20)
    label.show()
    qtbot.waitExposed(label)
    qtbot.wait(50)
    assert calls == []


class _CountedLabel(QLabel):
    """A label that counts the times it has been painted."""

    painted = 0

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        self.painted += 1


def test_the_window_is_drawn_before_the_callback_runs(qtbot) -> None:
    # the search started on the window being shown, before its first paint, held the
    # window blank while it loaded
    label = _CountedLabel("Contents")
    qtbot.addWidget(label)
    painted_at_call: list[int] = []
    after_next_paint(label, lambda: painted_at_call.append(label.painted))
    label.show()
    qtbot.waitUntil(lambda: painted_at_call != [], timeout=2000)
    assert painted_at_call[0] >= 1


def test_nothing_runs_when_the_owner_goes_just_after_the_paint(qtbot) -> None:
    # the banner painted, then the edition switched before the wait was over: the old
    # edition's callback must not run on the new one
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication, QWidget
    from shiboken6 import delete

    banner = QWidget()  # draws nothing itself: the paint event can be sent at any time
    qtbot.addWidget(banner)
    owner = QLabel()
    calls: list[str] = []
    after_next_paint(banner, lambda: calls.append("search"), owner=owner)
    QApplication.sendEvent(banner, QPaintEvent(banner.rect()))  # painted; the call queued
    delete(owner)
    qtbot.wait(50)
    assert calls == []
