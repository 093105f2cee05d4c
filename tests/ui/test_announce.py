"""What a running screen reader is told, and that nothing is said when none runs."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel

from reader.ui.announce import announce


@pytest.fixture
def said(monkeypatch) -> list[tuple[object, str]]:
    """The announcements made, as a screen reader listening would get them."""
    heard: list[tuple[object, str]] = []

    def update(event) -> None:
        if event.type() == QAccessible.Event.Announcement:
            heard.append((event.object(), event.message()))

    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(update))
    return heard


def test_the_news_is_announced_from_where_it_appears(qtbot, said) -> None:
    status = QLabel("12 results")
    qtbot.addWidget(status)
    announce(status, "12 results for fostering")
    assert said == [(status, "12 results for fostering")]


def test_nothing_is_said_for_an_empty_message(qtbot, said) -> None:
    status = QLabel()
    qtbot.addWidget(status)
    announce(status, "")  # a cleared status bar: a screen reader would say "blank"
    assert said == []


def test_nothing_is_sent_without_a_screen_reader(qtbot, said, monkeypatch) -> None:
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: False))
    status = QLabel()
    qtbot.addWidget(status)
    announce(status, "12 results")
    assert said == []
