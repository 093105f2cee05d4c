"""The edition notice above the page, in a narrow window and at a large scale."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont

from reader.ui.edition_banner import EditionBanner

NOTICE = ("This edition is dated 1 March 2025, more than a year ago. The procedures may have "
          "changed since. Check the online manual at https://derbycsc.proceduresonline.com/ "
          "when you can.")


@pytest.mark.parametrize(("points", "width"), [(9, 360), (13.5, 540)])
def test_the_online_address_fits_a_notice_half_a_screen_wide(qtbot, points, width) -> None:
    """In a window half a laptop screen wide (546 px: the notice gets 360), and the same at
    150%, the address was wider than the room left beside the buttons, and cut off at the
    edge: "https://derbycsc.proceduresonline.cc", the rest never to be read."""
    banner = EditionBanner()
    qtbot.addWidget(banner)
    font = QFont(banner.font())
    font.setPointSizeF(points)
    banner.setFont(font)
    banner.show_notice(NOTICE, whats_new=True)
    # the window gives the notice this much, whatever the notice would like
    assert banner.minimumSizeHint().width() <= width
