"""A theme change restyles the window once, and only what it must."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from reader.ui.main_window import MainWindow
from reader.ui.theme import apply_theme

from .conftest import shown_window

THEMES = ("dark", "light", "high-contrast", "light", "dark", "high-contrast", "dark")


class StyleChanges(QObject):
    """Counts the restyles a widget is given."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange:
            self.count += 1
        return False


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    yield
    apply_theme(qapp, "system")


def test_one_stylesheet_replacing_another_restyles_each_widget_at_most_twice(
        qtbot, qapp, themed) -> None:
    window: MainWindow = shown_window(qtbot)
    field = window.contents.filter_box  # deep in the window: Qt restyled it once a level
    window.set_theme("dark")
    restyles = StyleChanges(field)
    window.set_theme("high-contrast")
    assert 1 <= restyles.count <= 2
    restyles.count = 0
    window.set_theme("high-contrast")  # the theme already drawn: nothing to restyle
    assert restyles.count == 0
