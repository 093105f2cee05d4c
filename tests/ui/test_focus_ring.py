"""In the light theme a person moving with Tab sees which control has the keyboard: the
pixels round it change by 3:1 or more (WCAG 2.2's measure of a focus indicator), all round."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from reader.ui.focus_ring import RING_COLOUR
from reader.ui.main_window import MainWindow
from reader.ui.preferences import PreferencesDialog

from ..contrast import contrast_ratio
from .conftest import activate

AROUND = 3  # pixels round the control that the ring may take


@pytest.fixture
def light(qtbot, window: MainWindow) -> Iterator[MainWindow]:
    following_the_keys(qtbot, window)
    window.set_theme("light")
    try:
        yield window
    finally:
        window.set_theme("system")


def following_the_keys(qtbot, window: MainWindow) -> None:
    """The ring follows the keys from just after the window's first paint, as the loop runs."""
    qtbot.waitUntil(lambda: window.focus_ring is not None)


def seen_round(control: QWidget) -> QImage:
    """The control and a few pixels round it, as its window draws them."""
    window = control.window()
    place = QRect(control.mapTo(window, control.rect().topLeft()), control.size())
    window.repaint()
    return window.grab(place.adjusted(-AROUND, -AROUND, AROUND, AROUND)).toImage()


def marked_pixels(before: QImage, after: QImage) -> int:
    """How many pixels changed by a contrast of 3:1 or more."""
    return sum(
        contrast_ratio(QColor(before.pixel(x, y)).name(), QColor(after.pixel(x, y)).name()) >= 3
        for y in range(before.height()) for x in range(before.width())
        if before.pixel(x, y) != after.pixel(x, y))


def tabbed_to(qtbot, control: QWidget) -> None:
    """Tab pressed until the control has the keyboard."""
    for _ in range(20):
        if control.hasFocus():
            return
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert control.hasFocus(), f"Tab never reached {control!r}"


def assert_ringed(qtbot, control: QWidget) -> None:
    """Tab onto the control marks it by 3:1 or more along its whole edge."""
    before = seen_round(control)
    tabbed_to(qtbot, control)
    after = seen_round(control)
    edge = 2 * (control.width() + control.height())
    assert marked_pixels(before, after) >= edge, f"{control!r} hardly changes with the keys"


def test_each_control_of_preferences_is_ringed_as_tab_reaches_it(qtbot, light) -> None:
    dialog = PreferencesDialog(light.settings, light)  # View > Preferences
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    buttons = dialog.findChildren(QPushButton)
    for control in (dialog.months, dialog.restore, *buttons, dialog.theme):
        assert_ringed(qtbot, control)


def test_the_notices_close_button_is_ringed_as_tab_reaches_it(qtbot, light) -> None:
    activate(qtbot, light)
    light.banner.show_notice("The procedures may have changed since this edition.")
    qtbot.waitUntil(light.banner.isVisible)
    light.banner.label.setFocus()
    assert_ringed(qtbot, light.banner.close_button)


@pytest.mark.parametrize("theme", ["dark", "high-contrast"])
def test_the_dark_themes_keep_their_own_rings_alone(qtbot, window, theme: str) -> None:
    following_the_keys(qtbot, window)
    window.set_theme(theme)
    try:
        dialog = PreferencesDialog(window.settings, window)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        for control in (dialog.restore, dialog.months):
            tabbed_to(qtbot, control)
            seen = seen_round(control)
            # the theme's own ring, not the light theme's navy one drawn over it
            assert not any(QColor(seen.pixel(x, y)) == QColor(RING_COLOUR)
                           for y in range(seen.height()) for x in range(seen.width()))
    finally:
        window.set_theme("system")
