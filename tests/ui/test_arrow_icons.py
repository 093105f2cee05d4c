"""Back and Forward arrows: which way they point, and greyed when there is nowhere to go."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPalette

from reader.ui.arrow_icons import BACK, FORWARD, arrow_icon


def _ink(image: QImage) -> list[tuple[int, int, str]]:
    """Each solid pixel of the arrow: where it is and its colour."""
    return [(x, y, image.pixelColor(x, y).name()) for x in range(image.width())
            for y in range(image.height()) if image.pixelColor(x, y).alpha() > 200]


def _palette() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText, QColor("#102030"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText,
                     QColor("#a0a0a0"))
    return palette


def test_back_points_left_and_forward_right(qapp) -> None:
    back = _ink(arrow_icon(_palette(), BACK).pixmap(24).toImage())
    forward = _ink(arrow_icon(_palette(), FORWARD).pixmap(24).toImage())
    middle = 24 / 2
    # the head's two strokes make the pointed end the heavier one
    assert sum(x < middle for x, _y, _c in back) > sum(x >= middle for x, _y, _c in back)
    assert sum(x >= middle for x, _y, _c in forward) > sum(x < middle for x, _y, _c in forward)


def test_a_greyed_arrow_is_drawn_in_the_disabled_colour(qapp) -> None:
    icon = arrow_icon(_palette(), BACK)
    enabled = _ink(icon.pixmap(24).toImage())
    greyed = _ink(icon.pixmap(24, QIcon.Mode.Disabled).toImage())
    assert enabled and all(_near(colour, "#102030") for _x, _y, colour in enabled)
    assert greyed and all(_near(colour, "#a0a0a0") for _x, _y, colour in greyed)


def _near(colour: str, wanted: str) -> bool:
    """The same colour, but for the blending of a smoothed edge."""
    one, other = QColor(colour), QColor(wanted)
    return max(abs(one.red() - other.red()), abs(one.green() - other.green()),
               abs(one.blue() - other.blue())) <= 8


def test_arrows_are_drawn_sharp_for_a_high_density_screen(qapp) -> None:
    pixmap = arrow_icon(_palette(), FORWARD).pixmap(QSize(24, 24), 2.0)
    assert pixmap.size() == QSize(48, 48)
    # drawn at that size, not a 24-pixel one scaled up: its edges are as crisp
    assert len(_ink(pixmap.toImage())) > 3 * len(
        _ink(arrow_icon(_palette(), FORWARD).pixmap(24).toImage()))


def _solid(image: QImage) -> int:
    """How many pixels are fully inked: a smeared arrow has almost none."""
    return sum(image.pixelColor(x, y).alpha() == 255 for x in range(image.width())
               for y in range(image.height()))


@pytest.mark.parametrize("size", [16, 24])  # the menus' and the toolbar's
@pytest.mark.parametrize("scale", [1.25, 1.5, 1.75])
def test_arrows_are_sharp_on_a_screen_scaled_between_sizes(qapp, size: int,
                                                            scale: float) -> None:
    # pixmaps made for 100% and 200% were scaled to 125% or 150%: a grey smear with
    # hardly a solid pixel left, fainter than the same arrow at 100%
    icon = arrow_icon(_palette(), BACK)
    pixmap = icon.pixmap(QSize(size, size), scale)
    assert pixmap.size() == QSize(round(size * scale), round(size * scale))
    assert _solid(pixmap.toImage()) > _solid(icon.pixmap(size).toImage())


def test_back_in_a_highlighted_menu_item_shows_in_high_contrast(qtbot) -> None:
    # the Go menu draws a highlighted item's icon as "active": the arrow came out white on
    # the high-contrast theme's yellow highlight, and vanished
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication, QMenu

    from reader.ui.theme import Theme, theme_palette

    from ..contrast import contrast_ratio

    palette = theme_palette(Theme.HIGH_CONTRAST, QApplication.instance())
    menu = QMenu()
    qtbot.addWidget(menu)
    menu.setPalette(palette)
    back = QAction(arrow_icon(palette, BACK), "Back", menu)
    menu.addAction(back)
    menu.addAction("Forward")
    menu.setActiveAction(back)  # drawn as when the pointer or the arrow keys are on it
    image = menu.grab().toImage()
    item = menu.actionGeometry(back)
    highlight = image.pixelColor(item.right() - 2, item.center().y()).name()
    assert highlight == palette.color(QPalette.ColorRole.Highlight).name()
    # the icon's column, left of the item's text
    icon_area = [image.pixelColor(x, y).name() for x in range(item.left(), item.left() + 24)
                 for y in range(item.top(), item.bottom())]
    # as a person sees it: a shape of at least 3:1 against the highlight, as WCAG asks
    assert sum(contrast_ratio(colour, highlight) >= 3 for colour in icon_area) > 20
