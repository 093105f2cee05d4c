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
