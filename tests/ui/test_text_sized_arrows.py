"""With large text (20 points) the contents tree's arrows, a drop-down list's and a number
box's are larger than with the usual, as the words beside them are: they stayed 8 pixels
wide beside 20-point words, hard to see and to hit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionSpinBox,
    QWidget,
)

from reader.ui.main_window import MainWindow
from reader.ui.preferences import PreferencesDialog

from ..contrast import contrast_ratio
from .conftest import shown_window
from .test_large_text import at_points

large_as = contextmanager(at_points)  # the application font at this size, for a while

THEMES = ["light", "dark", "high-contrast"]
Control = QStyle.ComplexControl
Part = QStyle.SubControl


def ink_width(image: QImage, area: QRect) -> int:
    """How wide the marks in the area are: the pixels unlike its commonest colour, 2:1 or
    more (an arrow on its button)."""
    area = area.intersected(image.rect())
    pixels = {(x, y): QColor(image.pixel(x, y)).name()
              for y in range(area.top(), area.bottom() + 1)
              for x in range(area.left(), area.right() + 1)}
    ground = Counter(pixels.values()).most_common(1)[0][0]
    inked = [x for (x, _y), colour in pixels.items() if contrast_ratio(colour, ground) >= 2]
    return max(inked) - min(inked) + 1 if inked else 0


def tree_arrow(window: MainWindow) -> int:
    """The width of the arrow of the tree's first row (expanded, "1. All Children")."""
    tree = window.contents.tree
    row = tree.visualRect(tree.model().index(0, 0))
    cell = QRect(row.left() - tree.indentation(), row.top(), tree.indentation(), row.height())
    return ink_width(tree.viewport().grab().toImage(), cell)


INSIDE = (2, 2, -2, -2)  # not the box's own edge


def combo_arrow(combo: QComboBox) -> int:
    """The width of a drop-down list's arrow."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    down = combo.style().subControlRect(Control.CC_ComboBox, option, Part.SC_ComboBoxArrow,
                                        combo)
    return ink_width(combo.grab().toImage(), down.adjusted(*INSIDE))


def box_arrows(dialog: PreferencesDialog) -> tuple[int, int]:
    """The widths of the drop-down list's arrow and the number box's up arrow."""
    spin = dialog.months
    spin_option = QStyleOptionSpinBox()
    spin.initStyleOption(spin_option)
    up = spin.style().subControlRect(Control.CC_SpinBox, spin_option, Part.SC_SpinBoxUp, spin)
    return combo_arrow(dialog.theme), ink_width(spin.grab().toImage(), up.adjusted(*INSIDE))


def measured_at(points: float, theme: str, qtbot,
                measure: Callable[[MainWindow], object]) -> object:
    with large_as(points):
        window = shown_window(qtbot)
        window.set_theme(theme)
        try:
            return measure(window)
        finally:
            window.set_theme("system")


def preferences(qtbot, window: MainWindow) -> tuple[int, int]:
    dialog = PreferencesDialog(window.settings, window)  # View > Preferences
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return box_arrows(dialog)


@pytest.mark.parametrize("theme", THEMES)
def test_the_contents_arrows_grow_with_the_text(qtbot, theme: str) -> None:
    usual = measured_at(10, theme, qtbot, tree_arrow)
    large = measured_at(20, theme, qtbot, tree_arrow)
    assert usual > 0
    assert large >= 1.6 * usual, f"{theme}: {usual} pixels at 10 points, {large} at 20"


@pytest.mark.parametrize("theme", THEMES)
def test_a_drop_down_lists_and_a_number_boxs_arrows_grow_with_the_text(
        qtbot, theme: str) -> None:
    usual = measured_at(10, theme, qtbot, lambda window: preferences(qtbot, window))
    large = measured_at(20, theme, qtbot, lambda window: preferences(qtbot, window))
    assert isinstance(usual, tuple) and isinstance(large, tuple)
    for name, at_usual, at_large in zip(("drop-down", "number box"), usual, large,
                                        strict=True):
        assert at_usual > 0
        assert at_large >= 1.5 * at_usual, (
            f"{theme} {name}: {at_usual} pixels at 10 points, {at_large} at 20")


@pytest.mark.parametrize("theme", THEMES)
def test_the_search_panels_section_list_arrow_grows_with_the_text_in_each_theme(
        qtbot, theme: str) -> None:
    # the list is made with the window: its arrow is drawn again, in the colours of the
    # theme chosen after
    def section_arrow(window: MainWindow) -> int:
        window.navigator.setCurrentWidget(window.search)  # as a search shows it
        qtbot.waitUntil(window.search.section_box.isVisible)
        return combo_arrow(window.search.section_box)

    usual = measured_at(10, theme, qtbot, section_arrow)
    large = measured_at(20, theme, qtbot, section_arrow)
    assert isinstance(usual, int) and isinstance(large, int) and usual > 0
    assert large >= 1.5 * usual, f"{theme}: {usual} pixels at 10 points, {large} at 20"


def test_at_the_usual_size_the_styles_own_arrows_are_drawn(qtbot) -> None:
    with large_as(10):
        window = shown_window(qtbot)
        dialog = PreferencesDialog(window.settings, window)
        qtbot.addWidget(dialog)
        assert window.contents.tree.indentation() == QWidget().style().pixelMetric(
            QStyle.PixelMetric.PM_TreeViewIndentation)
        assert dialog.theme.styleSheet() == dialog.months.styleSheet() == ""
